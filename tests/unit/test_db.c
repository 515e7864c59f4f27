/* test_db.c - opening, migrating and transactions (src/store/db.c). Uses
 * sqlite3 directly only to fake databases made by other builds. */
#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fairmatch/embed.h"
#include "fairmatch/store.h"

static char path[64];

static void setup(void)
{
    snprintf(path, sizeof path, "/tmp/fm_test_db_%d.db", (int)getpid());
    unlink(path);
}

static void teardown(void)
{
    char p[80];
    unlink(path);
    snprintf(p, sizeof p, "%s-wal", path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", path);
    unlink(p);
}

TestSuite(db, .init = setup, .fini = teardown);

Test(db, open_creates_and_migrates_to_latest)
{
    fm_store *s = NULL;
    fm_err err = {0};
    cr_assert_eq(fm_store_open(path, &s, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(fm_store_schema_version(s), fm_store_latest_version());
    cr_assert_gt(fm_store_latest_version(), 0);
    fm_store_close(s);
    /* Reopening an up-to-date database changes nothing. */
    cr_assert_eq(fm_store_open(path, &s, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(fm_store_schema_version(s), fm_store_latest_version());
    fm_store_close(s);
}

Test(db, audit_rows_are_written)
{
    fm_store *s = NULL;
    fm_err err = {0};
    cr_assert_eq(fm_store_open(path, &s, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(fm_store_begin(s, &err), FM_OK);
    cr_assert_eq(fm_store_audit(s, "cli", "create", "department", "UBF", NULL, &err), FM_OK);
    cr_assert_eq(fm_store_commit(s, &err), FM_OK);
    fm_store_rollback(s); /* no open transaction: a no-op */
    fm_store_close(s);
}

Test(db, unopenable_path_is_an_io_error)
{
    fm_store *s = NULL;
    fm_err err = {0};
    cr_assert_eq(fm_store_open("/nonexistent-dir/x.db", &s, &err), FM_EIO);
    cr_assert_null(s);
    cr_assert(err.msg[0] != '\0');
}

/*
 * A database made by an older build (schema version 1 only) must open and
 * be upgraded in place with its rows kept. Built here by running only the
 * first embedded migration, as release 0.1's binary did.
 */
Test(db, a_version_1_database_is_upgraded_with_its_rows_kept)
{
    const fm_embed_file *first = fm_embed_find(&fm_embed_migrations, "0001_init.sql");
    sqlite3 *raw = NULL;
    fm_store *s = NULL;
    fm_err err = {0};
    sqlite3_stmt *st = NULL;

    cr_assert_not_null(first);
    cr_assert_eq(sqlite3_open(path, &raw), SQLITE_OK);
    cr_assert_eq(sqlite3_exec(raw, (const char *)first->data, NULL, NULL, NULL), SQLITE_OK);
    cr_assert_eq(sqlite3_exec(raw,
                              "INSERT INTO departments(id, name, employees) "
                              "VALUES ('UBF', 'Utbildningsförvaltningen', 6200);"
                              "PRAGMA user_version = 1;",
                              NULL, NULL, NULL),
                 SQLITE_OK);
    sqlite3_close(raw);

    cr_assert_eq(fm_store_open(path, &s, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(fm_store_schema_version(s), fm_store_latest_version());
    fm_store_close(s);

    cr_assert_eq(sqlite3_open(path, &raw), SQLITE_OK);
    cr_assert_eq(
        sqlite3_prepare_v2(raw, "SELECT name FROM departments WHERE id = 'UBF'", -1, &st, NULL),
        SQLITE_OK);
    cr_assert_eq(sqlite3_step(st), SQLITE_ROW);
    cr_assert_str_eq((const char *)sqlite3_column_text(st, 0), "Utbildningsförvaltningen");
    sqlite3_finalize(st);
    sqlite3_close(raw);
}

/*
 * Migration 0010: a fair matched before it keeps its table layout, with
 * room for an interview that already sits beyond the register's number.
 */
Test(db, a_matched_fair_from_before_0010_gets_its_table_layout_frozen)
{
    sqlite3 *raw = NULL;
    sqlite3_stmt *st = NULL;
    fm_store *s = NULL;
    fm_err err = {0};

    cr_assert_eq(fm_store_open(path, &s, &err), FM_OK, "%s", err.msg);
    fm_store_close(s);
    cr_assert_eq(sqlite3_open(path, &raw), SQLITE_OK);
    cr_assert_eq(
        sqlite3_exec(raw,
                     "INSERT INTO departments(id, name, tables) VALUES ('D1', 'A', 2), ('D2',"
                     " 'B', 1), ('D3', 'C', 0);"
                     "INSERT INTO seekers(id, gender) VALUES ('S1', 'woman');"
                     "INSERT INTO fairs(id, date, periods) VALUES ('F1', '2024-05-02', 4),"
                     " ('F2', '2024-06-02', 4);"
                     "INSERT INTO positions(id, department_id, fair_id) VALUES ('P1', 'D1',"
                     " 'F1'), ('P2', 'D2', 'F1'), ('P3', 'D3', 'F1'), ('P4', 'D1', 'F2');"
                     "INSERT INTO interviews(fair_id, seeker_id, position_id, period, table_no)"
                     " VALUES ('F1', 'S1', 'P1', 0, 3);"
                     "PRAGMA user_version = 9;",
                     NULL, NULL, NULL),
        SQLITE_OK, "%s", sqlite3_errmsg(raw));
    sqlite3_close(raw);

    cr_assert_eq(fm_store_open(path, &s, &err), FM_OK, "%s", err.msg);
    fm_store_close(s);
    cr_assert_eq(sqlite3_open(path, &raw), SQLITE_OK);
    /* F1: D1 at 3 (an interview sits there), D2 at its 1, D3 (no tables) not at all; F2: unmatched.
     */
    cr_assert_eq(sqlite3_prepare_v2(raw,
                                    "SELECT group_concat(fair_id || ':' || department_id || '='"
                                    " || tables, ' ') FROM (SELECT * FROM fair_departments"
                                    " ORDER BY 1, 2)",
                                    -1, &st, NULL),
                 SQLITE_OK);
    cr_assert_eq(sqlite3_step(st), SQLITE_ROW);
    cr_assert_str_eq((const char *)sqlite3_column_text(st, 0), "F1:D1=3 F1:D2=1");
    sqlite3_finalize(st);
    sqlite3_close(raw);
}

Test(db, a_database_newer_than_this_build_is_refused)
{
    sqlite3 *raw = NULL;
    fm_store *s = NULL;
    fm_err err = {0};
    char pragma[64];

    cr_assert_eq(sqlite3_open(path, &raw), SQLITE_OK);
    snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", fm_store_latest_version() + 1);
    cr_assert_eq(sqlite3_exec(raw, pragma, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(raw);
    cr_assert_eq(fm_store_open(path, &s, &err), FM_EINVAL);
    cr_assert_null(s);
    cr_assert(strstr(err.msg, "newer than this fairmatch") != NULL, "%s", err.msg);
}

static unsigned mode_of(const char *suffix)
{
    char p[96];
    struct stat st;
    snprintf(p, sizeof p, "%s%s", path, suffix);
    cr_assert_eq(stat(p, &st), 0, "%s does not exist", p);
    return (unsigned)(st.st_mode & 0777);
}

Test(db, database_and_its_wal_are_created_owner_only)
{
    fm_store *s = NULL;
    fm_err err = {0};
    mode_t old = umask(022); /* the usual umask would give 0644 */
    cr_assert_eq(fm_store_open(path, &s, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(fm_store_audit(s, "test", "test", "database", NULL, NULL, &err), FM_OK, "%s",
                 err.msg);
    cr_assert_eq(mode_of(""), 0600, "database mode %o", mode_of(""));
    cr_assert_eq(mode_of("-wal"), 0600, "WAL mode %o", mode_of("-wal"));
    cr_assert_eq(mode_of("-shm"), 0600, "shm mode %o", mode_of("-shm"));
    fm_store_close(s);
    umask(old);
}
