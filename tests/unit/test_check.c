/*
 * test_check.c - fm_check_read and fm_check_run (src/solve/solution_read.c,
 * src/solve/check.c): a hand-checked valid solution passes with its
 * objective recomputed, and each hand-broken copy is reported with the
 * interview and rule it breaks.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/check.h"
#include "test_files.h"

/*
 * T = 4 from 09:00 in 15-minute periods, gap 1, at most 2 interviews, minc 1,
 * maxc 1, mirror pool with tolerance 0.5 (one woman of two: L = 0, U = 1).
 * Departments A (1 table) and B (2 tables), no quotas. Positions P0 in A,
 * P1 in B with 2 places, P2 in A. Seekers S0 woman (always available),
 * S1 man (periods 0..1). Scores: 0 (S0,P0,10) 1 (S0,P1,20) 2 (S1,P1,30)
 * 3 (S1,P2,5) 4 (S0,P2,1).
 */
static fm_instance *hand_instance(void)
{
    fm_instance *in = test_instance_frame(4, 1, 1, 0.5);
    in->n_departments = 2;
    in->departments = calloc(2, sizeof *in->departments);
    in->departments[0] = (fm_inst_department){test_dup("A"), test_dup("A"), 1, false, 0, 0};
    in->departments[1] = (fm_inst_department){test_dup("B"), test_dup("B"), 2, false, 0, 0};
    in->n_positions = 3;
    in->positions = calloc(3, sizeof *in->positions);
    in->positions[0] = (fm_inst_position){test_dup("P0"), 0, 1, NULL, NULL};
    in->positions[1] = (fm_inst_position){test_dup("P1"), 1, 2, NULL, NULL};
    in->positions[2] = (fm_inst_position){test_dup("P2"), 0, 1, NULL, NULL};
    in->n_seekers = 2;
    in->seekers = calloc(2, sizeof *in->seekers);
    in->seekers[0] = (fm_inst_seeker){test_dup("S0"), FM_GENDER_WOMAN, 0, false, 0, NULL};
    fm_range *r = calloc(1, sizeof *r);
    r->from = 0;
    r->to = 1;
    in->seekers[1] = (fm_inst_seeker){test_dup("S1"), FM_GENDER_MAN, 0, true, 1, r};
    in->n_scores = 5;
    in->scores = calloc(5, sizeof *in->scores);
    in->scores[0] = (fm_inst_score){0, 0, 10, NULL};
    in->scores[1] = (fm_inst_score){0, 1, 20, NULL};
    in->scores[2] = (fm_inst_score){1, 1, 30, NULL};
    in->scores[3] = (fm_inst_score){1, 2, 5, NULL};
    in->scores[4] = (fm_inst_score){0, 2, 1, NULL};
    return in;
}

/*
 * Valid: (S0,P0) A/1 at 0, (S1,P1) B/1 at 0, (S0,P1) B/1 at 2.
 * Objective 10 + 30 + 20 + coverage 2 * 20 - shortfall of P2 1000 = -900.
 */
static const char valid[] =
    "{\"format\":\"fairmatch-solution/1\",\"status\":\"optimal\",\"objective\":-900,"
    "\"bound\":-900,\"mip_gap\":0,\"makespan\":3,\"interviews\":["
    "{\"seeker\":\"S0\",\"position\":\"P0\",\"department\":\"A\",\"period\":0,\"table\":1,"
    "\"start\":\"09:00\",\"end\":\"09:15\"},"
    "{\"seeker\":\"S1\",\"position\":\"P1\",\"department\":\"B\",\"period\":0,\"table\":1,"
    "\"start\":\"09:00\",\"end\":\"09:15\"},"
    "{\"seeker\":\"S0\",\"position\":\"P1\",\"department\":\"B\",\"period\":2,\"table\":1,"
    "\"start\":\"09:30\",\"end\":\"09:45\"}],"
    "\"shortfall\":[{\"position\":\"P2\",\"missing\":1}],\"unscheduled\":[],"
    "\"departments\":[{\"id\":\"A\",\"interviews\":1,\"women\":1,\"women_share\":1,"
    "\"gender_slack\":0},{\"id\":\"B\",\"interviews\":2,\"women\":1,\"women_share\":0.5,"
    "\"gender_slack\":0}],\"women_share_bounds\":{\"min\":0,\"max\":1},"
    "\"stats\":{\"seconds\":0.01}}";

/* valid with the first occurrence of `from` replaced by `to`. */
static char *broken(const char *from, const char *to)
{
    const char *at = strstr(valid, from);
    cr_assert_not_null(at, "test bug: \"%s\" not in the valid solution", from);
    size_t pre = (size_t)(at - valid), fl = strlen(from), tl = strlen(to);
    char *s = malloc(sizeof valid + tl);
    cr_assert_not_null(s);
    memcpy(s, valid, pre);
    memcpy(s + pre, to, tl);
    memcpy(s + pre + tl, at + fl, sizeof valid - pre - fl);
    return s;
}

/* Run check on json; return the problems text (caller frees) and the count. */
static char *run(fm_instance *in, const char *json, size_t *n, double *obj)
{
    fm_check_solution *sol = NULL;
    fm_check_result res = {0, 0, FM_BUF_INIT};
    fm_err err = {0};
    cr_assert_eq(fm_check_read(json, strlen(json), "sol.json", &sol, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(fm_check_run(in, sol, &res, &err), FM_OK, "%s", err.msg);
    *n = res.n_problems;
    if (obj)
        *obj = res.objective;
    char *text = fm_buf_detach(&res.problems, NULL);
    fm_check_result_release(&res);
    fm_check_solution_free(sol);
    return text;
}

static void expect_problem(const char *from, const char *to, const char *needle)
{
    fm_instance *in = hand_instance();
    char *json = broken(from, to);
    size_t n;
    char *text = run(in, json, &n, NULL);
    cr_assert(n > 0, "no problem found after replacing %s by %s", from, to);
    cr_assert_not_null(strstr(text, needle), "expected \"%s\" in:\n%s", needle, text);
    free(text);
    free(json);
    fm_instance_free(in);
}

Test(check, accepts_the_hand_checked_solution_and_recomputes_its_objective)
{
    fm_instance *in = hand_instance();
    size_t n;
    double obj;
    char *text = run(in, valid, &n, &obj);
    cr_assert_eq(n, 0, "unexpected problems:\n%s", text);
    cr_assert_float_eq(obj, -900.0, 1e-9);
    free(text);
    fm_instance_free(in);
}

Test(check, reports_period_and_table_out_of_range)
{
    expect_problem("\"period\":2,\"table\":1", "\"period\":4,\"table\":1",
                   "interviews[2] (seeker S0, position P1): period 4 is outside 0..3");
    expect_problem("\"period\":2,\"table\":1", "\"period\":2,\"table\":3",
                   "interviews[2] (seeker S0, position P1): table 3 is outside 1..2 (tables of "
                   "department B)");
}

Test(check, reports_a_table_used_twice_and_a_seeker_in_two_places_at_once)
{
    /* (S0,P1) moved to B table 1 period 0, next to (S1,P1) and (S0,P0). */
    expect_problem("\"period\":2,\"table\":1,\"start\":\"09:30\",\"end\":\"09:45\"",
                   "\"period\":0,\"table\":1,\"start\":\"09:00\",\"end\":\"09:15\"",
                   "interviews[2] (seeker S0, position P1): department B table 1 period 0 is "
                   "already used by interviews[1]");
    expect_problem("\"period\":2,\"table\":1,\"start\":\"09:30\",\"end\":\"09:45\"",
                   "\"period\":0,\"table\":2,\"start\":\"09:00\",\"end\":\"09:15\"",
                   "interviews[2] (seeker S0, position P1): the seeker is already in "
                   "interviews[0] in period 0");
}

Test(check, reports_a_gap_too_short)
{
    expect_problem("\"period\":2,\"table\":1,\"start\":\"09:30\",\"end\":\"09:45\"",
                   "\"period\":1,\"table\":1,\"start\":\"09:15\",\"end\":\"09:30\"",
                   "interviews[2] (seeker S0, position P1): period 1 is only 1 after the "
                   "seeker's interviews[0]; min_gap_periods = 1 needs at least 2");
}

Test(check, reports_a_period_the_seeker_is_not_available)
{
    /* S1 is available in periods 0..1 only. */
    expect_problem("\"seeker\":\"S1\",\"position\":\"P1\",\"department\":\"B\",\"period\":0,"
                   "\"table\":1,\"start\":\"09:00\",\"end\":\"09:15\"",
                   "\"seeker\":\"S1\",\"position\":\"P1\",\"department\":\"B\",\"period\":2,"
                   "\"table\":2,\"start\":\"09:30\",\"end\":\"09:45\"",
                   "interviews[1] (seeker S1, position P1): period 2 is not among the seeker's "
                   "available periods");
}

Test(check, reports_unknown_ids_ineligible_pairs_and_wrong_departments)
{
    expect_problem("\"seeker\":\"S1\"", "\"seeker\":\"S9\"",
                   "interviews[1] (seeker S9, position P1): seeker \"S9\" is not in the instance");
    expect_problem("\"seeker\":\"S1\",\"position\":\"P1\",\"department\":\"B\"",
                   "\"seeker\":\"S1\",\"position\":\"P0\",\"department\":\"A\"",
                   "interviews[1] (seeker S1, position P0): not an eligible pair");
    expect_problem("\"position\":\"P0\",\"department\":\"A\"",
                   "\"position\":\"P0\",\"department\":\"B\"",
                   "interviews[0] (seeker S0, position P0): department is \"B\" but the position "
                   "belongs to \"A\"");
}

Test(check, reports_duplicates_and_two_interviews_in_one_department)
{
    expect_problem("\"position\":\"P1\",\"department\":\"B\",\"period\":2",
                   "\"position\":\"P0\",\"department\":\"A\",\"period\":2",
                   "interviews[2] (seeker S0, position P0): the same seeker and position as "
                   "interviews[0] (duplicate pair)");
    expect_problem("\"position\":\"P1\",\"department\":\"B\",\"period\":2",
                   "\"position\":\"P2\",\"department\":\"A\",\"period\":2",
                   "interviews[2] (seeker S0, position P2): a second interview of this seeker in "
                   "department A (also interviews[0]); model.md constraint 4");
}

Test(check, reports_constraints_1_and_3)
{
    fm_instance *in = hand_instance();
    size_t n;
    in->positions[1].places = 1;       /* P1 now takes at most 1 candidate */
    in->max_interviews_per_seeker = 1; /* S0 has 2 */
    char *text = run(in, valid, &n, NULL);
    cr_assert_not_null(strstr(text, "position P1: 2 interviews, more than max_candidates_per_place "
                                    "x places = 1 (model.md constraint 1)"),
                       "%s", text);
    cr_assert_not_null(strstr(text, "seeker S0: 2 interviews, more than K_i = 1"), "%s", text);
    free(text);
    fm_instance_free(in);
}

Test(check, reports_constraint_5)
{
    fm_instance *in = hand_instance();
    size_t n;
    in->periods = 1; /* B: 2 tables x 1 period, 2 interviews fit; A: 1 x 1 fits */
    in->departments[1].tables = 1;
    char *text = run(in, valid, &n, NULL);
    cr_assert_not_null(strstr(text, "department B: 2 interviews, more than tables x periods = 1 "
                                    "(model.md constraint 5)"),
                       "%s", text);
    free(text);
    fm_instance_free(in);
}

Test(check, reports_a_wrong_objective_makespan_and_gap)
{
    expect_problem("\"objective\":-900", "\"objective\":-800",
                   "objective: the file says -800, recomputed from the interviews -900");
    expect_problem("\"makespan\":3", "\"makespan\":4",
                   "makespan: 4, but the last period used is 2");
    expect_problem("\"bound\":-900,\"mip_gap\":0", "\"bound\":-950,\"mip_gap\":0",
                   "bound: -950 is below the objective -900");
    expect_problem("\"bound\":-900,\"mip_gap\":0", "\"bound\":-800,\"mip_gap\":0.125",
                   "status: \"optimal\" with mip_gap 0.125 > 1e-9");
}

Test(check, a_relative_difference_below_1e_6_is_accepted)
{
    fm_instance *in = hand_instance();
    size_t n;
    char *json = broken("\"objective\":-900", "\"objective\":-900.0005");
    char *text = run(in, json, &n, NULL);
    /* -900.0005 is 5.6e-7 relative from -900: accepted; mip_gap is then off by 5.6e-7 too. */
    cr_assert_eq(n, 0, "%s", text);
    free(text);
    free(json);
    fm_instance_free(in);
}

Test(check, reports_order_and_times)
{
    /* Period 0 holds A then B; writing B's table as 2 first breaks nothing, but
     * putting P0's interview at period 1 after a period-0 one does. */
    expect_problem("\"period\":0,\"table\":1,\"start\":\"09:00\",\"end\":\"09:15\"},{\"seeker\":"
                   "\"S1\"",
                   "\"period\":1,\"table\":1,\"start\":\"09:15\",\"end\":\"09:30\"},{\"seeker\":"
                   "\"S1\"",
                   "interviews[1] (seeker S1, position P1): out of order after interviews[0]");
    expect_problem("\"start\":\"09:30\"", "\"start\":\"09:31\"",
                   "interviews[2] (seeker S0, position P1): start \"09:31\" does not match "
                   "period 2, which starts at 09:30");
    expect_problem("\"end\":\"09:45\"", "\"end\":\"10:00\"",
                   "end \"10:00\" does not match period 2, which ends at 09:45");
}

Test(check, reports_wrong_summary_sections)
{
    expect_problem("\"shortfall\":[{\"position\":\"P2\",\"missing\":1}]", "\"shortfall\":[]",
                   "shortfall: position P2 is 1 short");
    expect_problem("\"missing\":1", "\"missing\":2",
                   "shortfall[0]: position P2 has missing 2, recomputed 1");
    expect_problem("\"women\":1,\"women_share\":0.5", "\"women\":2,\"women_share\":0.5",
                   "departments[1] (B): women 2, recomputed 1");
    expect_problem("\"women_share\":0.5", "\"women_share\":0.4",
                   "departments[1] (B): women_share 0.40000000000000002, recomputed 0.5");
    expect_problem("{\"min\":0,\"max\":1}", "{\"min\":0.1,\"max\":1}",
                   "women_share_bounds: {min 0.10000000000000001, max 1}");
    expect_problem("\"unscheduled\":[]",
                   "\"unscheduled\":[{\"seeker\":\"S1\",\"position\":\"P2\",\"department\":\"A\"}]",
                   "status: \"optimal\" but 1 interviews are unscheduled");
    expect_problem("\"unscheduled\":[]",
                   "\"unscheduled\":[{\"seeker\":\"S0\",\"position\":\"P0\",\"department\":\"A\"}]",
                   "unscheduled[0] (seeker S0, position P0): also scheduled as interviews[0]");
}

Test(check, read_refuses_files_that_are_not_solutions)
{
    fm_check_solution *sol = NULL;
    fm_err err = {0};
    cr_assert_eq(fm_check_read("{", 1, "s.json", &sol, &err), FM_EINVAL);
    cr_assert_not_null(strstr(err.msg, "s.json: not valid JSON"), "%s", err.msg);
    const char *wrong = "{\"format\":\"fairmatch-instance/1\"}";
    cr_assert_eq(fm_check_read(wrong, strlen(wrong), "s.json", &sol, &err), FM_EINVAL);
    cr_assert_str_eq(err.msg, "s.json: format: not \"fairmatch-solution/1\"");
    char *json = broken("\"period\":2", "\"period\":\"2\"");
    cr_assert_eq(fm_check_read(json, strlen(json), "s.json", &sol, &err), FM_EINVAL);
    cr_assert_str_eq(err.msg, "s.json: interviews[2].period: not a finite number");
    free(json);
    json = broken("\"period\":2", "\"period\":2.5");
    cr_assert_eq(fm_check_read(json, strlen(json), "s.json", &sol, &err), FM_EINVAL);
    cr_assert_str_eq(err.msg, "s.json: interviews[2].period: not an integer");
    free(json);
    cr_assert_null(sol);
}

Test(check, control_bytes_in_ids_do_not_break_one_line_per_problem)
{
    fm_instance *in = hand_instance();
    size_t n, lines = 0;
    char *json = broken("\"seeker\":\"S1\"", "\"seeker\":\"S\\n1\"");
    char *text = run(in, json, &n, NULL);
    for (char *q = text; *q; q++)
        lines += *q == '\n';
    cr_assert_eq(lines, n, "%zu lines for %zu problems:\n%s", lines, n, text);
    cr_assert_not_null(strstr(text, "seeker \"S?1\" is not in the instance"), "%s", text);
    free(text);
    free(json);
    fm_instance_free(in);
}
