/*
 * test_files.h - what the solver's unit tests share for reading fixture
 * files: the whole file, and an instance parsed from it, failing the test
 * (not returning NULL) when either cannot be had. Header-only because each
 * test file is its own Criterion binary.
 */
#ifndef FM_TEST_FILES_H
#define FM_TEST_FILES_H

#include <criterion/criterion.h>
#include <stdint.h>
#include <stdlib.h>

#include "fairmatch/buf.h"
#include "fairmatch/instance.h"

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

#endif
