/*
 * test_store_fixture.h - what the unit tests of the store's audited saves
 * share: a fresh in-memory database per test, raw SQL for arranging and
 * counting, and a trigger that makes the audit row fail, so that a test can
 * see a save that had written its row roll back. Header-only because each
 * test file is its own Criterion binary.
 */
#ifndef FM_TEST_STORE_FIXTURE_H
#define FM_TEST_STORE_FIXTURE_H

#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "fairmatch/department.h"
#include "fairmatch/fair.h"
#include "fairmatch/store.h"
#include "store/store_internal.h"

/* Records hold char *; tests fill them from literals they never write through. */
#define S(lit) ((char *)(uintptr_t)(lit))

static fm_store *db;
static fm_err err;

static inline void fx_setup(void)
{
    memset(&err, 0, sizeof err);
    cr_assert_eq(fm_store_open(":memory:", &db, &err), FM_OK, "%s", err.msg);
}

static inline void fx_teardown(void)
{
    fm_store_close(db);
}

/* Run sql on the test database; the test fails when it does. */
static inline void fx_exec(const char *sql)
{
    char *msg = NULL;
    int rc = sqlite3_exec(db->db, sql, NULL, NULL, &msg);
    cr_assert_eq(rc, SQLITE_OK, "%s: %s", sql, msg ? msg : "?");
    sqlite3_free(msg);
}

/* The single integer sql yields. */
static inline long long fx_int(const char *sql)
{
    sqlite3_stmt *st = NULL;
    long long v;
    cr_assert_eq(sqlite3_prepare_v2(db->db, sql, -1, &st, NULL), SQLITE_OK, "%s", sql);
    cr_assert_eq(sqlite3_step(st), SQLITE_ROW, "%s", sql);
    v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* The single text sql yields, copied into out (cap bytes); "" for NULL. */
static inline const char *fx_text(const char *sql, char *out, size_t cap)
{
    sqlite3_stmt *st = NULL;
    const unsigned char *t;
    cr_assert_eq(sqlite3_prepare_v2(db->db, sql, -1, &st, NULL), SQLITE_OK, "%s", sql);
    cr_assert_eq(sqlite3_step(st), SQLITE_ROW, "%s", sql);
    t = sqlite3_column_text(st, 0);
    snprintf(out, cap, "%s", t ? (const char *)t : "");
    sqlite3_finalize(st);
    return out;
}

/* From now on every audit row fails (RAISE(ABORT): a constraint, so FM_ECONFLICT),
 * after the save's own row was written. */
static inline void fx_refuse_audit(void)
{
    fx_exec("CREATE TEMP TRIGGER refuse_audit BEFORE INSERT ON audit_log"
            " BEGIN SELECT RAISE(ABORT, 'audit refused'); END");
}

static inline long long fx_audit_rows(void)
{
    return fx_int("SELECT count(*) FROM audit_log");
}

static inline void fx_department(const char *id, int tables)
{
    fm_department d = {S(id), S("Förvaltning"), 100, tables};
    cr_assert_eq(fm_store_department_upsert(db, &d, FM_DEPARTMENT_ALL, NULL, NULL, &err), FM_OK,
                 "%s", err.msg);
}

static inline void fx_fair(const char *id)
{
    fm_fair f = {S(id), S("2019-03-01"), S("09:00"), 15, 8, NULL, NULL, NULL};
    cr_assert_eq(fm_store_fair_upsert(db, &f, FM_FAIR_ALL, NULL, NULL, &err), FM_OK, "%s", err.msg);
}

#endif
