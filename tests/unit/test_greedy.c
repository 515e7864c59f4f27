/*
 * test_greedy.c - phase 1's greedy start (src/solve/greedy.c), seen through
 * fm_solve_run with the neighbourhood fallback forced (lns_min_pairs) and
 * the run stopped before it improves anything, so the plan returned is the
 * greedy one, on instances small enough to work out on paper.
 */
#include <criterion/criterion.h>
#include <stdatomic.h>
#include <string.h>

#include "fairmatch/solve.h"
#include "test_plan.h"

/*
 * TEST_SWAP_INSTANCE (test_plan.h) with P0 in A and P1 in B: every seeker
 * has two pairs and every position two candidates, so no pair's value is
 * raised by coverage or shortfall alone. Best pair first: S0-P0 (90); then
 * P1's minimum is filled by the only seeker left, S1 (10): 90 + 10 +
 * coverage 2 x 20 = 140, where the optimum is 205.
 */
static const char trap[] = TEST_SWAP_INSTANCE("B", "1");

/* Solved with the fallback forced and a stop asked for before it starts. */
static fm_solution *greedy_only(const fm_instance *inst)
{
    atomic_int stop = 1;
    fm_solve_opts opts = {.lns_min_pairs = 1, .stop = &stop, .time_limit_seconds = 10};
    fm_solution *sol = NULL;
    fm_err err = {0};
    cr_assert_eq(fm_solve_run(inst, &opts, &sol, &err), FM_OK, "%s", err.msg);
    return sol;
}

Test(greedy, takes_the_best_pair_first_then_fills_the_minimum_with_what_is_left)
{
    fm_instance *inst = test_parse_instance(trap);
    fm_solution *sol = greedy_only(inst);
    cr_assert_eq(sol->n_interviews, 2);
    cr_assert(test_plan_has(inst, sol, "S0", "P0"));
    cr_assert(test_plan_has(inst, sol, "S1", "P1"));
    cr_assert_eq(sol->objective, 140.0);
    cr_assert_eq(sol->status, FM_STATUS_FEASIBLE);
    cr_assert_geq(sol->bound, 205.0 - 1e-6, "bound %g below the optimum", sol->bound);
    fm_solution_free(sol);
    fm_instance_free(inst);
}
