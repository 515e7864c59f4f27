/*
 * test_fair_repo.c - fm_store_fair_save (src/store/fair_repo.c): create and
 * edit as one transaction with their audit row, and a failing save that
 * leaves neither the fair nor an audit row behind.
 */
#include "fairmatch/interview.h"
#include "fairmatch/planning.h"
#include "test_store_fixture.h"

TestSuite(fair_repo, .init = fx_setup, .fini = fx_teardown);

static fm_fair new_fair(const char *id)
{
    fm_fair f = {S(id), S("2019-03-01"), S("09:00"), 15, 8, S("Vår"), S("Hallen"), NULL};
    return f;
}

Test(fair_repo, create_writes_the_fair_and_its_audit_row)
{
    fm_fair f = new_fair("F1"), got;
    char buf[128];

    cr_assert_eq(fm_store_fair_save(db, "org", &f, 0, true, NULL, 0, NULL, NULL, &err), FM_OK, "%s",
                 err.msg);
    cr_assert_eq(fm_store_fair_get(db, "F1", &got, &err), FM_OK);
    cr_assert_str_eq(got.status, "planned");
    cr_assert_eq(got.periods, 8);
    fm_fair_release(&got);
    cr_assert_eq(fx_audit_rows(), 1);
    cr_assert_str_eq(fx_text("SELECT actor || ' ' || action || ' ' || entity || ' ' || entity_id"
                             " || ' ' || coalesce(detail, '-') FROM audit_log",
                             buf, sizeof buf),
                     "org create fair F1 -");
}

Test(fair_repo, create_refuses_an_existing_id_and_audits_nothing)
{
    fm_fair f = new_fair("F1");

    fx_fair("F1");
    cr_assert_eq(fm_store_fair_save(db, "org", &f, 0, true, NULL, 0, NULL, NULL, &err),
                 FM_ECONFLICT);
    cr_assert_str_eq(err.msg, "id: fair \"F1\" exists already");
    cr_assert_eq(fx_audit_rows(), 0);
}

Test(fair_repo, update_writes_the_given_fields_and_fills_in_the_rest)
{
    fm_fair f = {S("F1"), NULL, NULL, 0, 4, NULL, NULL, NULL}, got;

    fx_fair("F1");
    f.id = strdup("F1");
    cr_assert_eq(
        fm_store_fair_save(db, "org", &f, FM_FAIR_PERIODS, false, NULL, 0, NULL, NULL, &err), FM_OK,
        "%s", err.msg);
    /* *f is now the record as stored: the fields left out came from the row. */
    cr_assert_str_eq(f.date, "2019-03-01");
    cr_assert_eq(f.period_minutes, 15);
    cr_assert_eq(fm_store_fair_get(db, "F1", &got, &err), FM_OK);
    cr_assert_eq(got.periods, 4);
    cr_assert_str_eq(got.start, "09:00");
    fm_fair_release(&got);
    fm_fair_release(&f);
    cr_assert_eq(fx_int("SELECT count(*) FROM audit_log WHERE action = 'update'"), 1);
}

Test(fair_repo, update_of_a_missing_fair_is_not_found)
{
    fm_fair f = {0};

    f.id = strdup("NOPE");
    cr_assert_eq(fm_store_fair_save(db, "org", &f, FM_FAIR_NAME, false, NULL, 0, NULL, NULL, &err),
                 FM_ENOTFOUND);
    fm_fair_release(&f);
    cr_assert_eq(fx_audit_rows(), 0);
}

Test(fair_repo, tables_are_replaced_in_the_same_transaction)
{
    fm_fair f = new_fair("F1");
    fm_fair_table t[] = {{S("UBF"), NULL, 3}};

    fx_department("UBF", 1);
    cr_assert_eq(fm_store_fair_save(db, "org", &f, 0, true, t, 1, NULL, NULL, &err), FM_OK, "%s",
                 err.msg);
    cr_assert_eq(fx_int("SELECT tables FROM fair_departments WHERE fair_id = 'F1'"), 3);
}

Test(fair_repo, a_failing_audit_row_rolls_the_whole_create_back)
{
    fm_fair f = new_fair("F1"), got;
    fm_fair_table t[] = {{S("UBF"), NULL, 3}};

    fx_department("UBF", 1);
    fx_refuse_audit();
    cr_assert_eq(fm_store_fair_save(db, "org", &f, 0, true, t, 1, NULL, NULL, &err), FM_ECONFLICT);
    cr_assert(strstr(err.msg, "audit refused"), "%s", err.msg);
    cr_assert_eq(fm_store_fair_get(db, "F1", &got, &err), FM_ENOTFOUND);
    cr_assert_eq(fx_int("SELECT count(*) FROM fair_departments"), 0);
    cr_assert_eq(fx_audit_rows(), 0);
}

Test(fair_repo, an_update_that_would_orphan_interviews_is_refused_whole)
{
    fm_fair f = {0}, got;
    fm_orphan *orph = NULL;
    size_t norph = 0;

    fx_fair("F1");
    fx_department("UBF", 1);
    fx_exec(
        "INSERT INTO seekers(id, first_name, last_name, gender) VALUES ('S1', 'A', 'B', 'woman');"
        "INSERT INTO positions(id, department_id, fair_id) VALUES ('P1', 'UBF', 'F1');"
        "INSERT INTO interviews(fair_id, seeker_id, position_id, period, table_no)"
        " VALUES ('F1', 'S1', 'P1', 7, 1)");
    f.id = strdup("F1");
    f.periods = 4;
    cr_assert_eq(
        fm_store_fair_save(db, "org", &f, FM_FAIR_PERIODS, false, NULL, 0, &orph, &norph, &err),
        FM_ECONFLICT);
    cr_assert_str_eq(err.code, "fair_would_orphan");
    cr_assert_eq(norph, 1);
    cr_assert_str_eq(orph[0].seeker_id, "S1");
    fm_orphan_list_free(orph, norph);
    fm_fair_release(&f);
    cr_assert_eq(fm_store_fair_get(db, "F1", &got, &err), FM_OK);
    cr_assert_eq(got.periods, 8, "the upsert inside the refused save was rolled back");
    fm_fair_release(&got);
    cr_assert_eq(fx_audit_rows(), 0);
}
