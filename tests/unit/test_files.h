/*
 * test_files.h - what the solver's unit tests share for reading fixture
 * files: the whole file, an instance parsed from it, the optimum of a
 * NAME.optimum.json, and the frame and string copies of an instance built
 * by hand, failing the test (not returning a default) when any cannot be
 * had. Header-only because each test file is its own Criterion binary.
 */
#ifndef FM_TEST_FILES_H
#define FM_TEST_FILES_H

#include <criterion/criterion.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/buf.h"
#include "fairmatch/instance.h"

/* A copy of s for a hand-built instance (freed with it). */
static inline char *test_dup(const char *s)
{
    char *p = strdup(s);
    cr_assert_not_null(p);
    return p;
}

/*
 * The frame of an instance built by hand: fair "F" from 09:00 in periods of
 * 15 minutes, at most 2 interviews a seeker with a gap of 1, the mirror pool
 * with tolerance, default weights (coverage 20, shortfall 1000, gender 200,
 * missed 5 capped at 3, quota 10); the caller adds the rest. Caller frees
 * with fm_instance_free.
 */
static inline fm_instance *test_instance_frame(int periods, int minc, int maxc, double tolerance)
{
    fm_instance *in = calloc(1, sizeof *in);
    cr_assert_not_null(in);
    in->fair_id = test_dup("F");
    in->start_minutes = 540;
    in->period_minutes = 15;
    in->periods = periods;
    in->min_candidates_per_place = minc;
    in->max_candidates_per_place = maxc;
    in->max_interviews_per_seeker = 2;
    in->min_gap_periods = 1;
    in->mirror_pool = true;
    in->tolerance = tolerance;
    in->weights = (fm_weights){20, 1000, 200, 5, 3, 10};
    return in;
}

/* The whole file, NUL-terminated; *len bytes. Caller frees. */
static inline char *test_slurp(const char *path, size_t *len)
{
    fm_buf b = FM_BUF_INIT;
    fm_err err = {0};
    char *buf;

    cr_assert_eq(fm_buf_read_file(&b, path, SIZE_MAX, &err), FM_OK, "%s", err.msg);
    buf = fm_buf_detach(&b, len);
    cr_assert_not_null(buf);
    return buf;
}

/* The instance file at path, parsed. Caller frees with fm_instance_free. */
static inline fm_instance *test_load_instance(const char *path)
{
    size_t len;
    char *json = test_slurp(path, &len);
    fm_instance *inst = NULL;
    fm_err err = {0};
    cr_assert_eq(fm_instance_parse(json, len, path, &inst, &err), FM_OK, "%s", err.msg);
    free(json);
    return inst;
}

/* The "optimum" number of the reference file at path (NAME.optimum.json). */
static inline double test_load_optimum(const char *path)
{
    size_t len;
    char *json = test_slurp(path, &len), *at;
    double v;

    at = strstr(json, "\"optimum\":");
    cr_assert_not_null(at, "%s has no optimum", path);
    v = strtod(at + strlen("\"optimum\":"), NULL);
    free(json);
    return v;
}

#endif
