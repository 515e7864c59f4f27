/*
 * test_reference.h - the shared instances of tests/fixtures/instances and
 * their reference optima (NAME.optimum.json, computed by an independent
 * solver), for the solver tests that compare against them. Header-only
 * because each test file is its own Criterion binary.
 */
#ifndef FM_TEST_REFERENCE_H
#define FM_TEST_REFERENCE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_files.h"

/* The instance tests/fixtures/instances/NAME.json, parsed. Caller frees. */
static inline fm_instance *test_reference_instance(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/tests/fixtures/instances/%s.json", FM_SOURCE_DIR, name);
    return test_load_instance(path);
}

/* The proven optimum of phase 1 for instance NAME. */
static inline double test_reference_optimum(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/tests/fixtures/instances/%s.optimum.json", FM_SOURCE_DIR, name);
    return test_load_optimum(path);
}

#endif
