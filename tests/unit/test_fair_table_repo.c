/*
 * test_fair_table_repo.c - tables per department at a fair
 * (src/store/fair_table_repo.c): the fair's own number, else the
 * department's default, and a replacement that names a bad department.
 */
#include <criterion/criterion.h>
#include <stdint.h>
#include <string.h>

#include "fairmatch/interview.h"
#include "store_fixture.h"

FX_SUITE(fair_table_repo);

#define S(lit) ((char *)(uintptr_t)(lit))

Test(fair_table_repo, a_department_without_a_fair_row_has_its_default)
{
    fm_fair_table *v = NULL;
    size_t n = 0;

    cr_assert_eq(fm_store_fair_tables(db, "F1", &v, &n, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(n, 2);
    cr_assert_str_eq(v[0].department_id, "D1");
    cr_assert_str_eq(v[0].name, "Kitchen");
    cr_assert_eq(v[0].tables, 2);
    cr_assert_eq(v[1].tables, 1);
    fm_fair_table_list_free(v, n);
}

Test(fair_table_repo, the_fair_rows_replace_the_defaults)
{
    fm_fair_table set[] = {{S("D2"), NULL, 5}};
    fm_fair_table *v = NULL;
    size_t n = 0;

    cr_assert_eq(fm_store_fair_tables_set(db, "F1", set, 1, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(fm_store_fair_tables(db, "F1", &v, &n, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(n, 2);
    cr_assert_eq(v[0].tables, 2); /* D1: the default */
    cr_assert_eq(v[1].tables, 5); /* D2: the fair's */
    fm_fair_table_list_free(v, n);
}

Test(fair_table_repo, an_unknown_department_is_named_in_the_error)
{
    fm_fair_table set[] = {{S("D1"), NULL, 1}, {S("D9"), NULL, 1}};

    fx_exec(db, "PRAGMA foreign_keys = ON");
    cr_assert_eq(fm_store_fair_tables_set(db, "F1", set, 2, &err), FM_EINVAL);
    cr_assert_str_eq(err.msg, "departments[1]: unknown or repeated department \"D9\"");
}
