/*
 * test_store.h - what the unit tests that need a database share: a fresh
 * database file migrated from zero in /tmp, raw SQL to put a fixture in it
 * or read one value back, and removal of the file with its -wal and -shm.
 * Header-only because each test file is its own Criterion binary.
 */
#ifndef FM_TEST_STORE_H
#define FM_TEST_STORE_H

#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "fairmatch/store.h"

/* The path of the test's database, set by test_store_create. */
static char test_db_path[64];

/* A new migrated database at a fresh path under /tmp, opened; name tags the path. */
static inline fm_store *test_store_create(const char *name)
{
    fm_store *s = NULL;
    fm_err err = {0};
    int fd;
    snprintf(test_db_path, sizeof test_db_path, "/tmp/fm_test_%.16s_XXXXXX", name);
    fd = mkstemp(test_db_path);
    cr_assert(fd >= 0);
    close(fd);
    unlink(test_db_path);
    cr_assert_eq(fm_store_open(test_db_path, &s, &err), FM_OK, "%s", err.msg);
    return s;
}

/* Remove path with its -wal and -shm files (missing ones are fine). */
static inline void test_store_unlink(const char *path)
{
    char p[128];
    unlink(path);
    snprintf(p, sizeof p, "%s-wal", path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", path);
    unlink(p);
}

/* Run sql on the database at path over a connection of its own. */
static inline void test_store_exec(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    char *msg = NULL;
    cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    cr_assert_eq(sqlite3_exec(db, sql, NULL, NULL, &msg), SQLITE_OK, "%s: %s", sql, msg ? msg : "");
    sqlite3_close(db);
}

/* sqlite3_exec's row callback: keep the first column of the first row, then stop. */
static inline int test_store_first(void *out, int ncols, char **vals, char **names)
{
    (void)names;
    *(long long *)out = ncols > 0 && vals[0] ? strtoll(vals[0], NULL, 10) : 0;
    return 1;
}

/* The first column of the first row of sql as an integer (-1 when no row). */
static inline long long test_store_int(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    char *msg = NULL;
    long long v = -1;
    cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
    int rc = sqlite3_exec(db, sql, test_store_first, &v, &msg);
    cr_assert(rc == SQLITE_OK || rc == SQLITE_ABORT, "%s: %s", sql, msg ? msg : "");
    sqlite3_free(msg);
    sqlite3_close(db);
    return v;
}

#endif
