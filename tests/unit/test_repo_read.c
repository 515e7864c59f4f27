/*
 * test_repo_read.c - the store's column readers (src/store/repo.c):
 * fm_repo_dup and fm_repo_text tell SQL NULL (NULL, flag untouched) from a
 * value, the empty string included; the flag collects a row's reads.
 */
#include <criterion/criterion.h>
#include <stdlib.h>

#include "store/repo.h"
#include "store_fixture.h"

static fm_store *db;
static sqlite3_stmt *st;

static void setup(void)
{
    db = fx_open();
    cr_assert_eq(sqlite3_prepare_v2(db->db, "SELECT NULL, 'x', '', 42, NULL", -1, &st, NULL),
                 SQLITE_OK);
    cr_assert_eq(sqlite3_step(st), SQLITE_ROW);
}

static void teardown(void)
{
    sqlite3_finalize(st);
    fm_store_close(db);
}

TestSuite(repo_read, .init = setup, .fini = teardown);

Test(repo_read, sql_null_is_null_without_the_out_of_memory_flag)
{
    bool oom = false;

    cr_assert_null(fm_repo_dup(st, 0, &oom));
    cr_assert_null(fm_repo_text(st, 4, &oom));
    cr_assert_not(oom);
}

Test(repo_read, values_and_the_empty_string_are_copies)
{
    bool oom = false;
    char *x = fm_repo_dup(st, 1, &oom), *empty = fm_repo_dup(st, 2, &oom),
         *num = fm_repo_dup(st, 3, &oom);

    cr_assert_str_eq(x, "x");
    cr_assert_str_eq(empty, "");
    cr_assert_str_eq(num, "42");
    cr_assert_str_eq(fm_repo_text(st, 1, &oom), "x");
    cr_assert_not(oom);
    free(x);
    free(empty);
    free(num);
}

Test(repo_read, the_flag_is_never_cleared_by_a_later_read)
{
    bool oom = true;
    char *x = fm_repo_dup(st, 1, &oom);

    cr_assert_str_eq(x, "x");
    cr_assert(oom);
    free(x);
}

Test(repo_read, an_integer_column_reads_its_default_for_null)
{
    cr_assert_eq(fm_repo_int(st, 0, -1), -1);
    cr_assert_eq(fm_repo_int(st, 3, -1), 42);
}
