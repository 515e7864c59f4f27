/*
 * test_department_repo.c - fm_store_department_save (src/store/
 * department_repo.c): create and edit with their audit row, and refusals
 * that leave neither a change nor an audit row behind.
 */
#include "test_store_fixture.h"

TestSuite(department_repo, .init = fx_setup, .fini = fx_teardown);

Test(department_repo, create_then_edit_audits_each_write)
{
    fm_department d = {S("UBF"), S("Utbildning"), 10, 2}, e = {0};
    char buf[128];

    cr_assert_eq(fm_store_department_save(db, "org", &d, 0, true, &err), FM_OK, "%s", err.msg);
    e.id = strdup("UBF");
    e.employees = 12;
    cr_assert_eq(fm_store_department_save(db, "org", &e, FM_DEPARTMENT_EMPLOYEES, false, &err),
                 FM_OK, "%s", err.msg);
    /* What the edit left out is filled in from the stored row. */
    cr_assert_str_eq(e.name, "Utbildning");
    cr_assert_eq(e.tables, 2);
    fm_department_release(&e);
    cr_assert_eq(fx_int("SELECT employees FROM departments WHERE id = 'UBF'"), 12);
    cr_assert_str_eq(fx_text("SELECT group_concat(action || ' ' || entity || ' ' || entity_id, ';')"
                             " FROM audit_log",
                             buf, sizeof buf),
                     "create department UBF;update department UBF");
}

Test(department_repo, create_refuses_an_existing_id)
{
    fm_department d = {S("UBF"), S("Other"), 1, 1};

    fx_department("UBF", 1);
    cr_assert_eq(fm_store_department_save(db, "org", &d, 0, true, &err), FM_ECONFLICT);
    cr_assert_str_eq(err.msg, "id: department \"UBF\" exists already");
    cr_assert_eq(fx_audit_rows(), 0);
}

Test(department_repo, an_invalid_record_writes_nothing)
{
    fm_department d = {S("UBF"), S("Utbildning"), 10, 500};

    cr_assert_eq(fm_store_department_save(db, "org", &d, 0, true, &err), FM_EINVAL);
    cr_assert_eq(fx_int("SELECT count(*) FROM departments"), 0);
    cr_assert_eq(fx_audit_rows(), 0);
}

Test(department_repo, fewer_tables_under_scheduled_interviews_are_refused_whole)
{
    fm_department d = {0};

    fx_department("UBF", 2);
    fx_fair("F1");
    fx_exec("INSERT INTO seekers(id, first_name, last_name, gender) VALUES ('S1', 'A', 'B', 'man');"
            "INSERT INTO positions(id, department_id, fair_id) VALUES ('P1', 'UBF', 'F1');"
            "INSERT INTO interviews(fair_id, seeker_id, position_id, period, table_no)"
            " VALUES ('F1', 'S1', 'P1', 0, 2)");
    d.id = strdup("UBF");
    d.tables = 1;
    cr_assert_eq(fm_store_department_save(db, "org", &d, FM_DEPARTMENT_TABLES, false, &err),
                 FM_ECONFLICT);
    cr_assert_str_eq(err.code, "department_would_orphan");
    fm_department_release(&d);
    cr_assert_eq(fx_int("SELECT tables FROM departments WHERE id = 'UBF'"), 2);
    cr_assert_eq(fx_audit_rows(), 0);
}

Test(department_repo, a_failing_audit_row_rolls_the_edit_back)
{
    fm_department d = {0};

    fx_department("UBF", 2);
    fx_refuse_audit();
    d.id = strdup("UBF");
    d.employees = 999;
    cr_assert_eq(fm_store_department_save(db, "org", &d, FM_DEPARTMENT_EMPLOYEES, false, &err),
                 FM_ECONFLICT);
    cr_assert(strstr(err.msg, "audit refused"), "%s", err.msg);
    fm_department_release(&d);
    cr_assert_eq(fx_int("SELECT employees FROM departments WHERE id = 'UBF'"), 100);
    cr_assert_eq(fx_audit_rows(), 0);
}
