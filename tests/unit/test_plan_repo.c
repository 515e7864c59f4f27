/*
 * test_plan_repo.c - the stored solver result (src/store/plan_repo.c): a
 * first match replaces the fair's interviews, a held one refuses it, a
 * re-plan keeps what lies before its period, and the instance and solution
 * JSON read back.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/interview.h"
#include "fairmatch/planning.h"
#include "store_fixture.h"

FX_SUITE(plan_repo);

static const fm_planned_interview plan[] = {
    {"S1", "P1", 0, 1, 0.9, NULL},
    {"S2", "P1", 1, 1, 0.5, "{\"why\":1}"},
    {"S3", "P2", 2, 1, 0.1, NULL},
};

static void save(int from_period, const fm_planned_interview *v, size_t n, fm_rc want)
{
    fm_rc rc = fm_store_fair_plan_save(db, "tester", "F1", from_period, v, n, "{\"i\":1}",
                                       "{\"s\":2}", &err);
    cr_assert_eq(rc, want, "%s", err.msg);
}

Test(plan_repo, a_first_match_stores_interviews_solution_and_status_with_its_audit)
{
    char *instance = NULL, *solution = NULL;

    save(-1, plan, 3, FM_OK);
    cr_assert_eq(fx_count(db, "SELECT count(*) FROM interviews WHERE fair_id = 'F1'"), 3);
    cr_assert_eq(fx_count(db, "SELECT count(*) FROM fairs WHERE status = 'matched'"), 1);
    cr_assert_eq(fx_count(db, "SELECT count(*) FROM audit_log WHERE action = 'match' AND"
                              " entity_id = 'F1' AND detail = '3 interviews'"),
                 1);
    cr_assert_eq(fm_store_fair_instance_json(db, "F1", &instance, &err), FM_OK, "%s", err.msg);
    cr_assert_str_eq(instance, "{\"i\":1}");
    cr_assert_eq(fm_store_fair_solution_json(db, "F1", &solution, &err), FM_OK, "%s", err.msg);
    cr_assert_str_eq(solution, "{\"s\":2}");
    free(instance);
    free(solution);
}

Test(plan_repo, a_fair_never_matched_has_no_instance_or_solution)
{
    char *out = (char *)&err;

    cr_assert_eq(fm_store_fair_instance_json(db, "F1", &out, &err), FM_ENOTFOUND);
    cr_assert_null(out);
    cr_assert_str_eq(err.msg, "fair F1 has not been matched");
    cr_assert_eq(fm_store_fair_solution_json(db, "F1", &out, &err), FM_ENOTFOUND);
}

Test(plan_repo, an_unknown_fair_is_not_found_and_writes_nothing)
{
    cr_assert_eq(fm_store_fair_plan_save(db, "tester", "F9", -1, plan, 3, "{}", "{}", &err),
                 FM_ENOTFOUND);
    cr_assert_str_eq(err.msg, "no fair \"F9\"");
    cr_assert_eq(fx_count(db, "SELECT count(*) FROM interviews"), 0);
}

Test(plan_repo, a_held_interview_refuses_a_first_match_and_the_old_plan_stays)
{
    save(-1, plan, 3, FM_OK);
    fx_exec(db, "UPDATE interviews SET held = 1 WHERE seeker_id = 'S1'");
    save(-1, plan, 1, FM_ECONFLICT);
    cr_assert_eq(fx_count(db, "SELECT count(*) FROM interviews"), 3);
}

Test(plan_repo, a_replan_keeps_the_periods_before_it_and_the_held)
{
    static const fm_planned_interview again[] = {{"S2", "P2", 3, 1, 0.7, NULL}};

    save(-1, plan, 3, FM_OK);
    fx_exec(db, "UPDATE interviews SET held = 1 WHERE seeker_id = 'S3'");
    save(1, again, 1, FM_OK);
    /* S1 (period 0) and the held S3 stay; S2's period-1 interview is replaced. */
    cr_assert_eq(fx_count(db, "SELECT count(*) FROM interviews"), 3);
    cr_assert_eq(fx_count(db, "SELECT count(*) FROM interviews WHERE seeker_id = 'S2' AND"
                              " position_id = 'P2' AND period = 3"),
                 1);
    cr_assert_eq(fx_count(db, "SELECT count(*) FROM audit_log WHERE action = 'replan'"), 1);
}

Test(plan_repo, a_match_freezes_the_table_layout_against_later_register_changes)
{
    fm_fair_table *v = NULL;
    size_t n = 0;

    save(-1, plan, 3, FM_OK);
    cr_assert_eq(fx_count(db, "SELECT count(*) FROM fair_departments WHERE fair_id = 'F1'"), 2);
    /* The register shrinks (an import of fewer tables): the matched fair keeps its two. */
    fx_exec(db, "UPDATE departments SET tables = 1 WHERE id = 'D1'");
    cr_assert_eq(fm_store_fair_tables(db, "F1", &v, &n, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(n, 2);
    cr_assert_str_eq(v[0].department_id, "D1");
    cr_assert_eq(v[0].tables, 2);
    fm_fair_table_list_free(v, n);
}

Test(plan_repo, a_fair_own_table_numbers_are_kept_by_a_match)
{
    fm_fair_table set[] = {{(char *)(uintptr_t) "D2", NULL, 3}};

    cr_assert_eq(fm_store_fair_tables_set(db, "F1", set, 1, &err), FM_OK, "%s", err.msg);
    save(-1, plan, 3, FM_OK);
    cr_assert_eq(fx_count(db, "SELECT tables FROM fair_departments WHERE fair_id = 'F1' AND"
                              " department_id = 'D2'"),
                 3);
    cr_assert_eq(fx_count(db, "SELECT tables FROM fair_departments WHERE fair_id = 'F1' AND"
                              " department_id = 'D1'"),
                 2);
}
