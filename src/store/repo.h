/*
 * repo.h - what the *_repo.c files share: a keyed upsert that writes only
 * chosen columns and tells insert from a real change, and small row helpers.
 * Never included outside src/store/.
 */
#ifndef FAIRMATCH_REPO_H
#define FAIRMATCH_REPO_H

#include <stdbool.h>
#include <stddef.h>

#include "store_internal.h"

typedef enum fm_repo_type {
    FM_REPO_NULL = 0,
    FM_REPO_TEXT,
    FM_REPO_INT,
    FM_REPO_REAL
} fm_repo_type;

/* One column's value. col must be a constant column name (it is put into SQL text). */
typedef struct fm_repo_val {
    const char *col;
    fm_repo_type type;
    const char *text;
    long long i;
    double d;
    bool update; /* written when the key exists (all columns are written on insert) */
} fm_repo_val;

#define FM_REPO_T(c, v, u)                                                                         \
    {                                                                                              \
        (c), (v) ? FM_REPO_TEXT : FM_REPO_NULL, (v), 0, 0.0, (u)                                   \
    }
#define FM_REPO_I(c, v, u)                                                                         \
    {                                                                                              \
        (c), FM_REPO_INT, NULL, (v), 0.0, (u)                                                      \
    }
/* An integer that is SQL NULL when it equals the record's "unknown" sentinel. */
#define FM_REPO_OPT(c, v, none, u)                                                                 \
    {                                                                                              \
        (c), (v) == (none) ? FM_REPO_NULL : FM_REPO_INT, NULL, (v), 0.0, (u)                       \
    }
/* A real that is SQL NULL when 0 (not given). */
#define FM_REPO_R(c, v, u)                                                                         \
    {                                                                                              \
        (c), (v) == 0.0 ? FM_REPO_NULL : FM_REPO_REAL, NULL, 0, (v), (u)                           \
    }

/*
 * Insert the row (keys + vals) into table, or when a row with these key
 * values exists update its vals marked update. OUT: *created, *changed
 * (each may be NULL); *rowid (may be NULL) the row's rowid.
 * Returns FM_OK, FM_ECONFLICT (a constraint failed), FM_EDB, FM_ENOMEM.
 */
fm_rc fm_repo_upsert(fm_store *s, const char *table, const fm_repo_val *keys, size_t nkeys,
                     const fm_repo_val *vals, size_t nvals, bool *created, bool *changed,
                     long long *rowid, fm_err *err);

/* True when `SELECT 1 FROM table WHERE col = value` finds a row. *found out. */
fm_rc fm_repo_exists(fm_store *s, const char *table, const char *col, const char *value,
                     bool *found, fm_err *err);

/*
 * DELETE FROM table WHERE col = value. Returns FM_OK, FM_ENOTFOUND (no such
 * row; err names what and value), FM_ECONFLICT (still referenced), FM_EDB.
 */
fm_rc fm_repo_delete(fm_store *s, const char *table, const char *col, const char *value,
                     const char *what, fm_err *err);

/* Reads the current row into elem; on failure leaves elem released. */
typedef fm_rc (*fm_repo_reader)(sqlite3_stmt *st, void *elem, fm_err *err);
/* Releases n elements and frees the array (an entity's *_list_free). */
typedef void (*fm_repo_freer)(void *v, size_t n);

/*
 * Step st to the end, reading each row with read into a growing array of
 * elem-sized records. OUT: *out (caller frees with release), *n. st stays
 * the caller's to finalize. Returns FM_OK, FM_ENOMEM, FM_EDB.
 */
fm_rc fm_repo_list(fm_store *s, sqlite3_stmt *st, size_t elem, fm_repo_reader read,
                   fm_repo_freer release, void **out, size_t *n, fm_err *err);

/*
 * fm_repo_list on a statement of its own: prepare sql, bind t1 and t2
 * (text; NULL binds SQL NULL) to ?1 and ?2 as far as sql has parameters,
 * read every row, finalize. OUT and returns as fm_repo_list.
 */
fm_rc fm_repo_list_sql(fm_store *s, const char *sql, const char *t1, const char *t2, size_t elem,
                       fm_repo_reader read, fm_repo_freer release, void **out, size_t *n,
                       fm_err *err);

/* Step st once: read the row into out, or FM_ENOTFOUND "no <what> \"<id>\"". */
fm_rc fm_repo_get(fm_store *s, sqlite3_stmt *st, void *out, fm_repo_reader read, const char *what,
                  const char *id, fm_err *err);

/* sqlite3_prepare_v2 with the error mapped. */
fm_rc fm_repo_prepare(fm_store *s, const char *sql, sqlite3_stmt **st, fm_err *err);

/*
 * The store's one text-column reader: a malloc'd copy of column col
 * (caller frees), or NULL. NULL with *oom untouched means SQL NULL; NULL
 * with *oom set to true means out of memory. *oom is never cleared, so one
 * flag can collect a whole row's reads.
 */
char *fm_repo_dup(sqlite3_stmt *st, int col, bool *oom);

/*
 * Text column col borrowed from st until its next step, told apart the same
 * way: NULL with *oom untouched is SQL NULL, NULL with *oom set is out of
 * memory (the value could not be converted to text).
 */
const char *fm_repo_text(sqlite3_stmt *st, int col, bool *oom);

/* Integer column col, or dflt for SQL NULL. */
int fm_repo_int(sqlite3_stmt *st, int col, int dflt);

#endif
