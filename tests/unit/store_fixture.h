/*
 * store_fixture.h - a small fair in an in-memory database for the store's
 * unit tests: two departments, three seekers (one without a name), one
 * fair of four periods with a position per department. Opened through the
 * public store API; rows the API cannot write (a corrupted value) go in
 * with fx_exec through the connection of store_internal.h.
 */
#ifndef FM_TEST_STORE_FIXTURE_H
#define FM_TEST_STORE_FIXTURE_H

#include <criterion/criterion.h>
#include <string.h>

#include "fairmatch/store.h"
#include "store/store_internal.h"

static inline void fx_exec(fm_store *s, const char *sql)
{
    char *msg = NULL;
    int r = sqlite3_exec(s->db, sql, NULL, NULL, &msg);
    cr_assert_eq(r, SQLITE_OK, "%s: %s", sql, msg ? msg : "");
    sqlite3_free(msg);
}

static inline long long fx_count(fm_store *s, const char *sql)
{
    sqlite3_stmt *st = NULL;
    long long n = -1;
    cr_assert_eq(sqlite3_prepare_v2(s->db, sql, -1, &st, NULL), SQLITE_OK, "%s", sql);
    if (sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

static inline fm_store *fx_open(void)
{
    fm_store *s = NULL;
    fm_err err = {0};
    cr_assert_eq(fm_store_open(":memory:", &s, &err), FM_OK, "%s", err.msg);
    fx_exec(s, "INSERT INTO departments(id, name, tables) VALUES ('D1', 'Kitchen', 2),"
               " ('D2', 'Parks', 1);"
               "INSERT INTO seekers(id, first_name, last_name, gender, registered) VALUES"
               " ('S1', 'Ann', 'Ek', 'woman', '2020-01-01'), ('S2', 'Bo', 'Al', 'man',"
               " '2020-02-01'), ('S3', NULL, NULL, 'other', NULL);"
               "INSERT INTO fairs(id, date, periods) VALUES ('F1', '2024-05-02', 4);"
               "INSERT INTO positions(id, department_id, fair_id, title) VALUES"
               " ('P1', 'D1', 'F1', 'Cook'), ('P2', 'D2', 'F1', '');");
    return s;
}

/*
 * A suite whose tests each get a fresh fixture in `db` and an `err`: the
 * setup and teardown the store's test files would otherwise each repeat.
 */
#define FX_SUITE(name)                                                                             \
    static fm_store *db;                                                                           \
    static fm_err err;                                                                             \
    static void fx_setup(void)                                                                     \
    {                                                                                              \
        memset(&err, 0, sizeof err);                                                               \
        db = fx_open();                                                                            \
    }                                                                                              \
    static void fx_teardown(void)                                                                  \
    {                                                                                              \
        fm_store_close(db);                                                                        \
    }                                                                                              \
    TestSuite(name, .init = fx_setup, .fini = fx_teardown)

#endif
