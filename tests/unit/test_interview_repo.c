/*
 * test_interview_repo.c - interviews as stored (src/store/interview_repo.c):
 * reading a schedule with a seeker whose name is SQL NULL, moving against
 * the rules of one move, the outcome and the answer that makes a hire.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "fairmatch/interview.h"
#include "store_fixture.h"

static fm_store *db;
static fm_err err;

static void setup(void)
{
    static const fm_planned_interview plan[] = {
        {"S1", "P1", 0, 1, 0.9, NULL},
        {"S2", "P1", 0, 2, 0.5, NULL},
        {"S3", "P2", 1, 1, 0.1, NULL},
    };
    memset(&err, 0, sizeof err);
    db = fx_open();
    cr_assert_eq(fm_store_fair_plan_save(db, "t", "F1", -1, plan, 3, "{}", "{}", &err), FM_OK, "%s",
                 err.msg);
}

static void teardown(void)
{
    fm_store_close(db);
}

TestSuite(interview_repo, .init = setup, .fini = teardown);

static int64_t id_of(const char *seeker)
{
    fm_interview *v = NULL;
    size_t n = 0;
    int64_t id = 0;
    cr_assert_eq(fm_store_interview_list(db, "F1", NULL, &v, &n, &err), FM_OK, "%s", err.msg);
    for (size_t i = 0; i < n; i++)
        if (!strcmp(v[i].seeker_id, seeker))
            id = v[i].id;
    fm_interview_list_free(v, n);
    cr_assert_neq(id, 0, "no interview of %s", seeker);
    return id;
}

Test(interview_repo, a_seeker_without_a_name_reads_as_null_not_as_out_of_memory)
{
    fm_interview iv;

    cr_assert_eq(fm_store_interview_get(db, id_of("S3"), &iv, &err), FM_OK, "%s", err.msg);
    cr_assert_null(iv.first_name);
    cr_assert_null(iv.last_name);
    cr_assert_null(iv.attendance); /* not invited */
    cr_assert_str_eq(iv.position_title, "");
    cr_assert_str_eq(iv.department_id, "D2");
    cr_assert_eq(iv.period, 1);
    fm_interview_release(&iv);
}

Test(interview_repo, the_list_is_sorted_by_period_and_filtered_by_department)
{
    fm_interview *v = NULL;
    size_t n = 0;

    cr_assert_eq(fm_store_interview_list(db, "F1", "D1", &v, &n, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(n, 2);
    cr_assert_str_eq(v[0].seeker_id, "S1");
    cr_assert_str_eq(v[1].seeker_id, "S2");
    cr_assert_str_eq(v[0].first_name, "Ann");
    fm_interview_list_free(v, n);
    cr_assert_eq(fm_store_interview_list(db, "F9", NULL, &v, &n, &err), FM_OK);
    cr_assert_eq(n, 0);
    cr_assert_null(v);
}

Test(interview_repo, an_unknown_interview_is_not_found)
{
    fm_interview iv;

    cr_assert_eq(fm_store_interview_get(db, 999, &iv, &err), FM_ENOTFOUND);
    cr_assert_str_eq(err.msg, "no interview 999");
    cr_assert_null(iv.fair_id);
}

Test(interview_repo, a_move_onto_a_taken_table_or_outside_the_fair_is_refused)
{
    int64_t s2 = id_of("S2");

    cr_assert_eq(fm_store_interview_move(db, "t", s2, 0, 1, 0, NULL, 0, NULL, NULL, &err),
                 FM_ECONFLICT);
    cr_assert(strstr(err.msg, "table: table 1 of D1 is taken in period 0"), "%s", err.msg);
    cr_assert_eq(fm_store_interview_move(db, "t", s2, 4, 1, 0, NULL, 0, NULL, NULL, &err),
                 FM_ECONFLICT);
    cr_assert_str_eq(err.msg, "period: the fair has periods 0...3");
    cr_assert_eq(fm_store_interview_move(db, "t", s2, 1, 3, 0, NULL, 0, NULL, NULL, &err),
                 FM_ECONFLICT);
    cr_assert_str_eq(err.msg, "table: D1 has tables 1...2 at this fair");
}

Test(interview_repo, a_move_within_the_rules_is_written_and_audited)
{
    int64_t s2 = id_of("S2");
    fm_interview iv;

    cr_assert_eq(fm_store_interview_move(db, "t", s2, 2, 1, 1, NULL, 0, NULL, NULL, &err), FM_OK,
                 "%s", err.msg);
    cr_assert_eq(fm_store_interview_get(db, s2, &iv, &err), FM_OK);
    cr_assert_eq(iv.period, 2);
    cr_assert_eq(iv.table_no, 1);
    fm_interview_release(&iv);
    cr_assert_eq(fx_count(db, "SELECT count(*) FROM audit_log WHERE action = 'move' AND"
                              " entity = 'interview' AND detail = 'period 2 table 1'"),
                 1);
}

Test(interview_repo, an_accepted_offer_with_a_decision_becomes_an_employment_once)
{
    int64_t s1 = id_of("S1"), emp = 0;
    fm_interview iv;

    cr_assert_eq(fm_store_interview_set_answer(db, "t", s1, "accepted", NULL, NULL, &emp, &err),
                 FM_ECONFLICT, "no offer yet");
    cr_assert_eq(fm_store_interview_set_outcome(db, "t", s1, "offer", &err), FM_OK, "%s", err.msg);
    cr_assert_eq(
        fm_store_interview_set_answer(db, "t", s1, "accepted", "2024-05-10", NULL, &emp, &err),
        FM_OK, "%s", err.msg);
    cr_assert_gt(emp, 0);
    cr_assert_eq(fm_store_interview_get(db, s1, &iv, &err), FM_OK);
    cr_assert_eq(iv.employment_id, emp);
    cr_assert(iv.held);
    fm_interview_release(&iv);
    cr_assert_eq(fm_store_interview_set_answer(db, "t", s1, "declined", NULL, NULL, &emp, &err),
                 FM_ECONFLICT);
    cr_assert_eq(fm_store_interview_set_outcome(db, "t", s1, "no", &err), FM_ECONFLICT);
    cr_assert_eq(fx_count(db, "SELECT count(*) FROM audit_log WHERE entity = 'employment' AND"
                              " action = 'create'"),
                 1);
}
