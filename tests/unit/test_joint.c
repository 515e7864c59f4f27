/*
 * test_joint.c - when phase 1's choice cannot be timetabled (solve.c's
 * retries, then the joint model of src/solve/joint.c as the last resort),
 * on a clash no single department's rows see: the plan returned is the
 * best any timetable allows, worked out by hand, with phase 1's optimum as
 * its bound. test_solve.c has a generated instance where only the joint
 * model finds that plan.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>

#include "fairmatch/solve.h"
#include "test_plan.h"

/*
 * Two periods; A and B one table each; PA and PB one place, up to two
 * candidates. S1 can come in both periods; S3 and S4 in period 0 only;
 * EXTRA adds S5, in period 1 only. Phase 1 wants S1-PA (50), S1-PB (45),
 * S3-PA (40), S4-PB (40): 175 + coverage 3 x 20 = 235. The day cannot hold
 * it: S3 and S4 take A's and B's period 0, so S1 needs period 1 in both.
 */
#define CLASH(EXTRA_SEEKER, EXTRA_SCORE)                                                           \
    "{\"format\": \"fairmatch-instance/1\", \"fair\": {\"id\": \"j\", \"periods\": 2},"            \
    " \"policy\": {\"min_candidates_per_place\": 1, \"max_candidates_per_place\": 2,"              \
    "  \"women_share\": {\"min\": 0, \"max\": 1}},"                                                \
    " \"departments\": [{\"id\": \"A\"}, {\"id\": \"B\"}],"                                        \
    " \"positions\": [{\"id\": \"PA\", \"department\": \"A\"}, {\"id\": \"PB\", \"department\":"   \
    " \"B\"}],"                                                                                    \
    " \"seekers\": [{\"id\": \"S1\", \"gender\": \"man\"},"                                        \
    "  {\"id\": \"S3\", \"gender\": \"man\", \"available\": [[0, 0]]},"                            \
    "  {\"id\": \"S4\", \"gender\": \"man\", \"available\": [[0, 0]]}" EXTRA_SEEKER "],"           \
    " \"scores\": [{\"seeker\": \"S1\", \"position\": \"PA\", \"score\": 50},"                     \
    "  {\"seeker\": \"S1\", \"position\": \"PB\", \"score\": 45},"                                 \
    "  {\"seeker\": \"S3\", \"position\": \"PA\", \"score\": 40},"                                 \
    "  {\"seeker\": \"S4\", \"position\": \"PB\", \"score\": 40}" EXTRA_SCORE "]}"

static fm_solution *solve(const fm_instance *inst)
{
    fm_solution *sol = NULL;
    fm_err err = {0};
    cr_assert_eq(fm_solve_run(inst, NULL, &sol, &err), FM_OK, "%s", err.msg);
    return sol;
}

Test(joint, without_an_alternative_one_of_s1s_interviews_goes)
{
    /* Keep S1-PA: 50 + 40 + 40 + 60 = 190; keeping S1-PB gives 185, dropping
       S3 or S4 at most 175. The joint model is tried and finds no more than
       190, so the first choice stays with S1-PB listed as unscheduled. */
    fm_instance *inst = test_parse_instance(CLASH("", ""));
    fm_solution *sol = solve(inst);
    cr_assert(fabs(sol->objective - 190.0) < 1e-6, "objective %g", sol->objective);
    cr_assert(fabs(sol->bound - 235.0) < 1e-6, "bound %g", sol->bound);
    cr_assert_eq(sol->status, FM_STATUS_FEASIBLE);
    cr_assert(test_plan_has(inst, sol, "S1", "PA"));
    cr_assert(test_plan_has(inst, sol, "S3", "PA"));
    cr_assert(test_plan_has(inst, sol, "S4", "PB"));
    cr_assert_eq(sol->n_unscheduled, 1);
    cr_assert_str_eq(inst->positions[inst->scores[sol->unscheduled[0]].position].id, "PB");
    fm_solution_free(sol);
    fm_instance_free(inst);
}

Test(joint, a_seeker_for_the_free_period_replaces_the_clash)
{
    /* S5 (period 1, 10 on PB) takes B's period 1: S1-PA, S3-PA, S4-PB, S5-PB
       = 50 + 40 + 40 + 10 + 4 x 20 = 220, everyone placed; dropping S1-PB
       instead would give 190, keeping S1 in both with S5 instead of S4 205. */
    fm_instance *inst = test_parse_instance(
        CLASH(", {\"id\": \"S5\", \"gender\": \"man\", \"available\": [[1, 1]]}",
              ", {\"seeker\": \"S5\", \"position\": \"PB\", \"score\": 10}"));
    fm_solution *sol = solve(inst);
    cr_assert(fabs(sol->objective - 220.0) < 1e-6, "objective %g", sol->objective);
    cr_assert(fabs(sol->bound - 235.0) < 1e-6, "bound %g", sol->bound);
    cr_assert_eq(sol->n_unscheduled, 0);
    cr_assert_eq(sol->n_interviews, 4);
    cr_assert(test_plan_has(inst, sol, "S5", "PB"));
    cr_assert_not(test_plan_has(inst, sol, "S1", "PB"));
    fm_solution_free(sol);
    fm_instance_free(inst);
}
