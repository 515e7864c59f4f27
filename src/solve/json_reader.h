/*
 * json_reader.h - the strict JSON reading the solver's input files share
 * (src/solve only): a document parsed whole, numbers that remember whether
 * they were written as integers, typed getters that name the path of the
 * first problem as "FILE: PATH: problem", and a string -> index map for ids.
 * What a file must contain is its parser's (instance_json.c).
 */
#ifndef FAIRMATCH_JSON_READER_H
#define FAIRMATCH_JSON_READER_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#include "fairmatch/err.h"

/* Longest path a message names; longer ones are cut. */
#define FM_JR_PATH_MAX 128

/* Number tokens of the source text with "written as an integer". */
typedef struct fm_jr_token {
    const cJSON *node;
    bool integral;
} fm_jr_token;

/* One document being read: where messages go and its number tokens. */
typedef struct fm_jr {
    const char *file;  /* borrowed: the name messages start with */
    fm_err *err;       /* borrowed */
    fm_jr_token *nums; /* sorted by node pointer; freed by fm_jr_release */
    size_t n_nums;
} fm_jr;

/*
 * Parse json[0..len) (no NUL needed) as one JSON object and index its
 * numbers. OUT: *root, which the caller deletes with cJSON_Delete (also on
 * error, when set). Returns FM_OK, FM_EINVAL (not JSON, trailing text, not
 * an object: the message gives the byte), FM_ENOMEM.
 */
fm_rc fm_jr_parse(fm_jr *jr, const char *json, size_t len, cJSON **root);
/* Free what fm_jr_parse kept; jr->file and jr->err stay. */
void fm_jr_release(fm_jr *jr);

/* FM_EINVAL with "FILE: PATH: problem" in jr->err. */
fm_rc fm_jr_bad(fm_jr *jr, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* FM_ENOMEM with its message. */
fm_rc fm_jr_nomem(fm_jr *jr);

/* buf = path.key (or key at the root), cut to FM_JR_PATH_MAX - 1 bytes; returns buf. */
const char *fm_jr_path(char *buf, const char *path, const char *key);

/*
 * Typed getters on obj's member key (path names obj in messages): an absent
 * member leaves *out as it was unless required ("missing"); a present one
 * must have the type and range. Return FM_OK or FM_EINVAL.
 */
/* An integer written as one (not 16.0) in [lo, hi]; it is the node itself, named p. */
fm_rc fm_jr_int_node(fm_jr *jr, const cJSON *it, const char *p, long lo, long hi, int *out);
fm_rc fm_jr_int(fm_jr *jr, const cJSON *obj, const char *path, const char *key, bool required,
                long lo, long hi, int *out);
/* A finite number in [lo, hi]; lo_open excludes lo itself. Never required. */
fm_rc fm_jr_num(fm_jr *jr, const cJSON *obj, const char *path, const char *key, double lo,
                bool lo_open, double hi, double *out);
/* A string; *out borrows the cJSON's text. */
fm_rc fm_jr_str(fm_jr *jr, const cJSON *obj, const char *path, const char *key, bool required,
                bool nonempty, const char **out);
/* An object; *out is NULL when absent. */
fm_rc fm_jr_obj(fm_jr *jr, const cJSON *obj, const char *path, const char *key, bool required,
                const cJSON **out);
/* A required array at the root. */
fm_rc fm_jr_arr(fm_jr *jr, const cJSON *obj, const char *key, const cJSON **out);
/* *out = a copy of s (caller frees), or NULL for NULL. Returns FM_OK, FM_ENOMEM. */
fm_rc fm_jr_dup(fm_jr *jr, const char *s, char **out);

/* Open-addressing string -> index map for ids; keys are borrowed. */
typedef struct fm_idmap {
    size_t cap; /* a power of two */
    const char **keys;
    int *vals;
} fm_idmap;

/* Room for n keys; false when out of memory (release it either way). */
bool fm_idmap_init(fm_idmap *m, size_t n);
void fm_idmap_release(fm_idmap *m);
/* Index of key, or -1. */
int fm_idmap_get(const fm_idmap *m, const char *key);
/* Insert; false when the key is already there. */
bool fm_idmap_put(fm_idmap *m, const char *key, int val);

#endif
