/*
 * test_files.h - what the solver's unit tests share for reading fixture
 * files: the whole file, and an instance parsed from it, failing the test
 * (not returning NULL) when either cannot be had. Header-only because each
 * test file is its own Criterion binary.
 */
#ifndef FM_TEST_FILES_H
#define FM_TEST_FILES_H

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>

#include "fairmatch/instance.h"

/* The whole file, NUL-terminated; *len bytes. Caller frees. */
static inline char *test_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;
    cr_assert_not_null(f, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)n + 1);
    cr_assert_not_null(buf);
    cr_assert_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    *len = (size_t)n;
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

#endif
