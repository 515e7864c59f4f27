/*
 * test_explain.c - why a seeker got what they got (src/solve/explain.c,
 * through fairmatch/explain.h) on two instances small enough to argue on
 * paper: every reason line the rules give, the re-solve with the seeker
 * forced in, and an unknown seeker.
 */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/check.h"
#include "fairmatch/explain.h"
#include "fairmatch/solve.h"
#include "test_plan.h"
#include "test_files.h"

/*
 * A has PA1 and PA2, B has PB, one place each. S0 (90 on PA1, 80 on PA2)
 * gets PA1 and so not PA2 (one interview per department). S1 can come in
 * period 0 only (K_i = 1): PB (60) beats PA2 (10), both leave one
 * shortfall, so S1 gets PB and not PA2 (K_i reached).
 */
static const char two_departments[] =
    "{\"format\": \"fairmatch-instance/1\", \"fair\": {\"id\": \"ex2\", \"periods\": 2},"
    " \"policy\": {\"min_candidates_per_place\": 1, \"max_candidates_per_place\": 1,"
    "  \"women_share\": {\"min\": 0, \"max\": 1}},"
    " \"departments\": [{\"id\": \"A\"}, {\"id\": \"B\"}],"
    " \"positions\": [{\"id\": \"PA1\", \"department\": \"A\"}, {\"id\": \"PA2\", \"department\":"
    " \"A\"}, {\"id\": \"PB\", \"department\": \"B\"}],"
    " \"seekers\": [{\"id\": \"S0\", \"gender\": \"woman\"},"
    "  {\"id\": \"S1\", \"gender\": \"man\", \"available\": [[0, 0]]}],"
    " \"scores\": [{\"seeker\": \"S0\", \"position\": \"PA1\", \"score\": 90},"
    "  {\"seeker\": \"S0\", \"position\": \"PA2\", \"score\": 80},"
    "  {\"seeker\": \"S1\", \"position\": \"PB\", \"score\": 60},"
    "  {\"seeker\": \"S1\", \"position\": \"PA2\", \"score\": 10}]}";

/* inst solved and read back as `fairmatch explain` reads a solution file. */
static fm_check_solution *solved(const fm_instance *inst)
{
    fm_solution *sol = NULL;
    fm_check_solution *read = NULL;
    char *json = NULL;
    fm_err err = {0};
    cr_assert_eq(fm_solve_run(inst, NULL, &sol, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(fm_solution_to_json(inst, sol, &json, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(fm_check_read(json, strlen(json), "sol", &read, &err), FM_OK, "%s", err.msg);
    free(json);
    fm_solution_free(sol);
    return read;
}

static fm_check_solution *read_solution(const char *json)
{
    fm_check_solution *read = NULL;
    fm_err err = {0};
    cr_assert_eq(fm_check_read(json, strlen(json), "sol", &read, &err), FM_OK, "%s", err.msg);
    return read;
}

/* The explanation of seeker id; caller frees. */
static char *explain(const fm_instance *inst, const fm_check_solution *sol, const char *id,
                     bool resolve)
{
    fm_buf out;
    fm_err err = {0};
    fm_buf_init(&out);
    cr_assert_eq(fm_explain_seeker(inst, sol, id, resolve, 10, &out, &err), FM_OK, "%s", err.msg);
    char *s = strdup(out.data);
    fm_buf_release(&out);
    return s;
}

static void has(const char *text, const char *line)
{
    cr_assert_not_null(strstr(text, line), "missing \"%s\" in:\n%s", line, text);
}

Test(explain, lists_the_interviews_with_their_value_parts)
{
    fm_instance *inst = test_parse_instance(two_departments);
    fm_check_solution *sol = solved(inst);
    char *s = explain(inst, sol, "S0", true);
    cr_assert_str_eq(s, "Seeker S0 (woman, 0 earlier fairs without an offer: priority 0 per "
                        "interview).\n"
                        "Interviews (K_i = 2 at most, one per department):\n"
                        "- PA1 (A) at 09:00, table 1: score 90 + seeker priority 0 + department "
                        "priority 0 = 90\n"
                        "- not PA2 (A, value 80): already interviewed by A for PA1 (one interview "
                        "per department)\n");
    free(s);
    fm_check_solution_free(sol);
    fm_instance_free(inst);
}

Test(explain, a_seeker_at_their_k_i_is_told_so)
{
    fm_instance *inst = test_parse_instance(two_departments);
    fm_check_solution *sol = solved(inst);
    char *s = explain(inst, sol, "S1", true);
    has(s, "Interviews (K_i = 1 at most, one per department):\n");
    has(s, "- PB (B) at 09:00, table 1: score 60");
    has(s, "- not PA2 (A, value 10): already has K_i = 1 interview, each worth at least as "
           "much\n");
    cr_assert_null(strstr(s, "Forced in"), "a seeker with interviews is not re-solved");
    free(s);
    fm_check_solution_free(sol);
    fm_instance_free(inst);
}

Test(explain, a_pair_no_rule_blocks_means_the_solution_is_not_optimal)
{
    fm_instance *inst = test_parse_instance(two_departments);
    fm_check_solution *sol = read_solution(
        "{\"format\": \"fairmatch-solution/1\", \"status\": \"feasible\", \"objective\": 0,"
        " \"interviews\": [{\"seeker\": \"S0\", \"position\": \"PA1\", \"department\": \"A\","
        " \"period\": 0, \"table\": 1}]}");
    char *s = explain(inst, sol, "S1", false);
    has(s, "- none\n");
    has(s, "- not PB (B, value 60): no rule blocks it in this solution, so adding it would raise "
           "the objective: the solution is not optimal\n");
    cr_assert_null(strstr(s, "Forced in"), "resolve false must not re-solve");
    free(s);
    fm_check_solution_free(sol);
    fm_instance_free(inst);
}

Test(explain, a_full_position_and_the_cost_of_forcing_the_seeker_in)
{
    /* P0 has one place: S0 (90) beats S1 (50); forcing S1 in costs 90 - 50 = 40. */
    fm_instance *inst = test_load_instance(FM_SOURCE_DIR "/tests/fixtures/check/explain.json");
    fm_check_solution *sol = solved(inst);
    char *s = explain(inst, sol, "S1", true);
    has(s, "- none\n");
    has(s, "- not P0 (A, value 50): the position is full (1 of 1 candidates), the lowest of them "
           "worth 90 against this seeker's 50\n");
    has(s, "the objective goes from -890 to -930: a loss of 40. They would get: P0\n");
    has(s, "They would displace: S0 at P0;");
    free(s);
    fm_check_solution_free(sol);
    fm_instance_free(inst);
}

Test(explain, no_score_and_no_time_are_said_in_one_sentence)
{
    fm_instance *inst = test_load_instance(FM_SOURCE_DIR "/tests/fixtures/check/explain.json");
    fm_check_solution *sol = solved(inst);
    char *s = explain(inst, sol, "S2", true);
    has(s, "S2 is not eligible for any position: the instance has no score for them, so the "
           "model cannot choose them.\n");
    free(s);
    s = explain(inst, sol, "S3", true);
    has(s, "S3 cannot be interviewed: their available periods leave room for no interview "
           "(K_i = 0).\n");
    free(s);
    fm_check_solution_free(sol);
    fm_instance_free(inst);
}

Test(explain, an_unknown_seeker_is_not_found_and_nothing_is_written)
{
    fm_instance *inst = test_parse_instance(two_departments);
    fm_check_solution *sol = solved(inst);
    fm_buf out;
    fm_err err = {0};
    fm_buf_init(&out);
    cr_assert_eq(fm_explain_seeker(inst, sol, "S9", true, 10, &out, &err), FM_ENOTFOUND);
    cr_assert_str_eq(err.msg, "no seeker \"S9\" in the instance");
    cr_assert_eq(out.len, 0);
    fm_buf_release(&out);
    fm_check_solution_free(sol);
    fm_instance_free(inst);
}
