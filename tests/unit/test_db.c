/* test_db.c - opening, migrating and transactions (src/store/db.c). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

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
