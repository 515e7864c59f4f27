/*
 * test_department.c - what makes a department valid (src/core/department.c):
 * each field's bound, the message naming the field, and that release frees
 * and zeroes (asan checks the freeing).
 */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/department.h"

/* A mutable copy of a literal: the records hold char *, and -Wwrite-strings is on. */
#define S(lit) ((char[]){lit})

/* A valid record; tests copy it and break one field. File-scope compound
   literals live as long as the program. */
static const fm_department base = {
    .id = S("UBF"), .name = S("Utbildningsförvaltningen"), .employees = 6200, .tables = 3};

static void refused(const fm_department *d, const char *msg)
{
    fm_err err = {0};
    cr_assert_eq(fm_department_validate(d, &err), FM_EINVAL);
    cr_assert_eq(err.rc, FM_EINVAL);
    cr_assert_str_eq(err.msg, msg);
}

Test(department, accepts_a_complete_record)
{
    fm_department d = base;
    fm_err err = {0};
    cr_assert_eq(fm_department_validate(&d, &err), FM_OK, "%s", err.msg);
}

Test(department, accepts_the_bounds_zero_employees_and_zero_or_hundred_tables)
{
    fm_department d = base;
    d.employees = 0;
    d.tables = 0;
    cr_assert_eq(fm_department_validate(&d, NULL), FM_OK);
    d.tables = 100;
    cr_assert_eq(fm_department_validate(&d, NULL), FM_OK);
}

Test(department, refuses_a_missing_or_empty_id)
{
    fm_department d = base;
    d.id = NULL;
    refused(&d, "id: missing value");
    d.id = S("");
    refused(&d, "id: missing value");
}

Test(department, refuses_a_missing_or_empty_name)
{
    fm_department d = base;
    d.name = S("");
    refused(&d, "name: missing value");
    d.name = NULL;
    refused(&d, "name: missing value");
}

Test(department, refuses_negative_employees)
{
    fm_department d = base;
    d.employees = -1;
    refused(&d, "employees: -1 is negative");
}

Test(department, refuses_tables_outside_zero_to_hundred)
{
    fm_department d = base;
    d.tables = 101;
    refused(&d, "tables: 101 is not between 0 and 100");
    d.tables = -1;
    refused(&d, "tables: -1 is not between 0 and 100");
}

Test(department, names_the_first_bad_field_when_several_are_bad)
{
    fm_department d = base;
    d.name = S("");
    d.employees = -5;
    refused(&d, "name: missing value");
}

Test(department, release_frees_the_strings_and_zeroes_the_record)
{
    fm_department d = {.id = strdup("A"), .name = strdup("Alpha"), .employees = 3, .tables = 2};
    fm_department_release(&d);
    cr_assert_null(d.id);
    cr_assert_null(d.name);
    cr_assert_eq(d.employees, 0);
    cr_assert_eq(d.tables, 0);
    fm_department_release(NULL);
}

Test(department, list_free_releases_every_record_and_accepts_null)
{
    fm_department *v = calloc(2, sizeof *v);
    cr_assert_not_null(v);
    v[0].id = strdup("A");
    v[1].name = strdup("B");
    fm_department_list_free(v, 2);
    fm_department_list_free(NULL, 5);
}
