/*
 * test_backup.c - online backup and checked restore (src/store/backup.c,
 * through fairmatch/backup.h): the files a backup leaves, the checks a
 * backup must pass before it is trusted (hash, SQLite, fairmatch's schema
 * and nothing added to it), and a restore that brings the data back.
 */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fairmatch/backup.h"
#include "test_store.h"

static fm_store *db;
static char dest[96];

static void setup(void)
{
    db = test_store_create("backup");
    test_store_exec(test_db_path, "INSERT INTO departments (id, name) VALUES ('D', 'Dept');");
    snprintf(dest, sizeof dest, "%s.bak", test_db_path);
}

static void teardown(void)
{
    char p[128];
    fm_store_close(db);
    test_store_unlink(test_db_path);
    test_store_unlink(dest);
    snprintf(p, sizeof p, "%s.sha256", dest);
    unlink(p);
}

TestSuite(backup, .init = setup, .fini = teardown);

static void backup(fm_backup_info *info)
{
    fm_err err = {0};
    cr_assert_eq(fm_backup_create(db, dest, info, &err), FM_OK, "%s", err.msg);
}

static void refused(const char *path, const char *msg)
{
    fm_err err = {0};
    cr_assert_eq(fm_backup_verify(path, NULL, &err), FM_EINVAL, "accepted %s", path);
    cr_assert_str_eq(err.msg, msg);
}

/* The whole file at path into buf (at most size bytes); its length. */
static size_t slurp(const char *path, char *buf, size_t size)
{
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "%s", path);
    size_t n = fread(buf, 1, size, f);
    fclose(f);
    return n;
}

/* Write "HEX  NAME\n" for path beside it, as a backup does. */
static void reseal(const char *path)
{
    static char data[4 << 20];
    unsigned char h[crypto_hash_sha256_BYTES];
    char hex[65], p[128];
    size_t n = slurp(path, data, sizeof data);
    cr_assert_lt(n, sizeof data);
    crypto_hash_sha256(h, (const unsigned char *)data, n);
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    snprintf(p, sizeof p, "%s.sha256", path);
    FILE *f = fopen(p, "w");
    cr_assert_not_null(f);
    fprintf(f, "%s  %s\n", hex, strrchr(path, '/') + 1);
    fclose(f);
}

Test(backup, writes_a_0600_copy_and_its_sha256_in_sha256sums_format)
{
    fm_backup_info info;
    char line[160], want[160], p[128];
    struct stat st;
    backup(&info);
    cr_assert_eq(info.schema_version, fm_store_latest_version());
    cr_assert_gt(info.pages, 0);
    cr_assert_eq(stat(dest, &st), 0);
    cr_assert_eq(info.bytes, (long long)st.st_size);
    cr_assert_eq(st.st_mode & 0777, 0600);
    cr_assert_eq(strlen(info.sha256), 64);
    snprintf(p, sizeof p, "%s.sha256", dest);
    cr_assert_eq(stat(p, &st), 0);
    cr_assert_eq(st.st_mode & 0777, 0600);
    line[slurp(p, line, sizeof line - 1)] = '\0';
    snprintf(want, sizeof want, "%s  %s\n", info.sha256, strrchr(dest, '/') + 1);
    cr_assert_str_eq(line, want);
    cr_assert_eq(test_store_int(dest, "SELECT count(*) FROM departments WHERE id = 'D'"), 1);
    cr_assert_eq(test_store_int(test_db_path, "SELECT count(*) FROM audit_log WHERE action ="
                                              " 'backup' AND actor = 'cli:backup'"),
                 1);
}

Test(backup, verify_accepts_a_fresh_backup_with_the_same_hash)
{
    fm_backup_info made, seen;
    fm_err err = {0};
    backup(&made);
    cr_assert_eq(fm_backup_verify(dest, &seen, &err), FM_OK, "%s", err.msg);
    cr_assert_str_eq(seen.sha256, made.sha256);
    cr_assert_eq(seen.schema_version, made.schema_version);
    cr_assert_eq(seen.bytes, made.bytes);
}

Test(backup, refuses_to_back_up_over_the_database_or_into_a_missing_folder)
{
    fm_err err = {0};
    char msg[512];
    cr_assert_eq(fm_backup_create(db, test_db_path, NULL, &err), FM_EINVAL);
    snprintf(msg, sizeof msg, "%s: is the database itself; back up to another file", test_db_path);
    cr_assert_str_eq(err.msg, msg);
    cr_assert_eq(fm_backup_create(db, "/nonexistent-fm-dir/x.db", NULL, &err), FM_EINVAL);
    cr_assert_str_eq(err.msg,
                     "/nonexistent-fm-dir/x.db: folder '/nonexistent-fm-dir' does not exist");
}

Test(backup, verify_refuses_a_changed_byte)
{
    char msg[512];
    backup(NULL);
    /* one byte of the last page's unused tail: SQLite itself would not notice */
    FILE *f = fopen(dest, "r+b");
    cr_assert_not_null(f);
    fseek(f, -1, SEEK_END);
    int c = fgetc(f);
    fseek(f, -1, SEEK_END);
    fputc(c ^ 1, f);
    fclose(f);
    snprintf(msg, sizeof msg,
             "%s: its SHA-256 is not the one written at backup time in %s.sha256 (the file was "
             "changed or damaged); refused",
             dest, dest);
    refused(dest, msg);
}

Test(backup, verify_refuses_a_backup_without_its_sha256)
{
    char p[128], msg[512];
    backup(NULL);
    snprintf(p, sizeof p, "%s.sha256", dest);
    unlink(p);
    snprintf(msg, sizeof msg,
             "%s: No such file or directory; a backup is trusted only with the SHA-256 that "
             "`fairmatch backup` wrote beside it",
             p);
    refused(dest, msg);
    FILE *f = fopen(p, "w");
    fputs("not a hash\n", f);
    fclose(f);
    snprintf(msg, sizeof msg, "%s: not a SHA-256 (64 hex digits)", p);
    refused(dest, msg);
}

Test(backup, verify_refuses_what_is_not_sqlite_or_not_fairmatchs)
{
    char msg[512];
    FILE *f = fopen(dest, "w");
    fputs("hello, this is text and no database\n", f);
    fclose(f);
    reseal(dest);
    snprintf(msg, sizeof msg, "%s: not an SQLite database", dest);
    refused(dest, msg);
    unlink(dest);
    test_store_exec(dest, "PRAGMA journal_mode = DELETE; CREATE TABLE t (x);");
    reseal(dest);
    snprintf(msg, sizeof msg, "%s: not a fairmatch database", dest);
    refused(dest, msg);
}

Test(backup, verify_refuses_a_newer_schema)
{
    char msg[512];
    backup(NULL);
    test_store_exec(dest, "PRAGMA user_version = 9999;");
    reseal(dest);
    snprintf(msg, sizeof msg, "%s: schema version 9999 is newer than this fairmatch (%d)", dest,
             fm_store_latest_version());
    refused(dest, msg);
}

Test(backup, verify_refuses_an_object_added_to_the_schema)
{
    /* a trigger restored with the data would run on every later write */
    char msg[512];
    backup(NULL);
    test_store_exec(dest, "CREATE TRIGGER spy AFTER INSERT ON seekers BEGIN SELECT 1; END;");
    reseal(dest);
    snprintf(msg, sizeof msg,
             "%s: trigger \"spy\" is not part of fairmatch's schema (version %d); refused", dest,
             fm_store_latest_version());
    refused(dest, msg);
}

Test(backup, restore_brings_back_the_data_and_audits_it)
{
    fm_backup_info info;
    fm_err err = {0};
    backup(NULL);
    test_store_exec(test_db_path, "DELETE FROM departments; INSERT INTO departments (id, name)"
                                  " VALUES ('X', 'Later');");
    fm_store_close(db);
    db = NULL;
    cr_assert_eq(fm_backup_restore(dest, test_db_path, &info, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(info.schema_version, fm_store_latest_version());
    cr_assert_eq(test_store_int(test_db_path, "SELECT count(*) FROM departments WHERE id = 'D'"),
                 1);
    cr_assert_eq(test_store_int(test_db_path, "SELECT count(*) FROM departments WHERE id = 'X'"),
                 0);
    cr_assert_eq(test_store_int(test_db_path, "SELECT count(*) FROM audit_log WHERE action ="
                                              " 'restore' AND actor = 'cli:restore'"),
                 1);
}

Test(backup, restore_refuses_the_database_itself_and_a_changed_backup)
{
    fm_err err = {0};
    char msg[512];
    backup(NULL);
    cr_assert_eq(fm_backup_restore(test_db_path, test_db_path, NULL, &err), FM_EINVAL);
    snprintf(msg, sizeof msg, "%s: is the database itself", test_db_path);
    cr_assert_str_eq(err.msg, msg);
    test_store_exec(dest, "DELETE FROM departments;");
    cr_assert_eq(fm_backup_restore(dest, test_db_path, NULL, &err), FM_EINVAL);
    cr_assert_not_null(strstr(err.msg, "its SHA-256 is not the one written"), "%s", err.msg);
    cr_assert_eq(test_store_int(test_db_path, "SELECT count(*) FROM departments"), 1,
                 "a refused restore changes nothing");
}
