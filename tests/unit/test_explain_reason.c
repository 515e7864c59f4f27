/*
 * test_explain_reason.c - fm_explain_reason_of: the rule explain gives
 * first, as a stable code, on tests/fixtures/check/explain.json, whose
 * reasons can be argued on paper: P0 has one place and S0 (90) beats S1
 * (50), so S1 gets nothing because P0 is full; S2 has no score (not
 * eligible); S3 has `available: []` (K_i = 0); S0 has its interview.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/check.h"
#include "fairmatch/explain.h"
#include "fairmatch/solve.h"
#include "unit/test_files.h"

static fm_instance *inst;
static fm_check_solution *sol;

static void setup(void)
{
    char path[512], *json = NULL;
    fm_solution *s = NULL;
    fm_err err = {0};

    snprintf(path, sizeof path, "%s/tests/fixtures/check/explain.json", FM_SOURCE_DIR);
    inst = test_load_instance(path);
    cr_assert_eq(fm_solve_run(inst, NULL, &s, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(fm_solution_to_json(inst, s, &json, &err), FM_OK);
    cr_assert_eq(fm_check_read(json, strlen(json), "solution", &sol, &err), FM_OK, "%s", err.msg);
    fm_solution_free(s);
    free(json);
}

static void teardown(void)
{
    fm_check_solution_free(sol);
    fm_instance_free(inst);
}

TestSuite(explain_reason, .init = setup, .fini = teardown);

static fm_explain_reason reason_of(const char *seeker)
{
    fm_explain_reason r = FM_REASON_NOT_OPTIMAL;
    fm_buf text = FM_BUF_INIT;
    fm_err err = {0};

    cr_assert_eq(fm_explain_reason_of(inst, sol, seeker, &r, &text, &err), FM_OK, "%s", err.msg);
    cr_assert_gt(text.len, 0, "the words come with the code");
    fm_buf_release(&text);
    return r;
}

Test(explain_reason, each_seeker_gets_the_rule_that_decided)
{
    cr_assert_eq(reason_of("S0"), FM_REASON_NONE);
    cr_assert_eq(reason_of("S1"), FM_REASON_POSITIONS_FULL);
    cr_assert_eq(reason_of("S2"), FM_REASON_NOT_ELIGIBLE);
    cr_assert_eq(reason_of("S3"), FM_REASON_NO_PERIOD);
}

Test(explain_reason, codes_are_stable_names)
{
    cr_assert_str_eq(fm_explain_reason_code(FM_REASON_POSITIONS_FULL), "positions_full");
    cr_assert_str_eq(fm_explain_reason_code(FM_REASON_NOT_ELIGIBLE), "not_eligible");
    cr_assert_str_eq(fm_explain_reason_code(FM_REASON_NO_PERIOD), "no_period");
    cr_assert_str_eq(fm_explain_reason_code(FM_REASON_NONE), "none");
    cr_assert_str_eq(fm_explain_reason_code((fm_explain_reason)99), "other");
}

Test(explain_reason, an_unknown_seeker_is_not_found)
{
    fm_explain_reason r = FM_REASON_NOT_OPTIMAL;
    fm_buf text = FM_BUF_INIT;
    fm_err err = {0};

    cr_assert_eq(fm_explain_reason_of(inst, sol, "S9", &r, &text, &err), FM_ENOTFOUND);
    cr_assert_str_eq(err.msg, "no seeker \"S9\" in the instance");
    cr_assert_eq(r, FM_REASON_NONE);
    fm_buf_release(&text);
}
