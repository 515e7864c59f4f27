/*
 * test_lns.c - the neighbourhood search that replaces the LP on very large
 * fairs (src/solve/lns.c), forced onto small ones through fm_solve_run's
 * lns_min_pairs: it re-solves one department at a time around the greedy
 * start, so it repairs what one department can repair and no more, and it
 * always answers with an honest bound and status feasible.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "fairmatch/solve.h"
#include "test_plan.h"

static fm_solution *lns(const fm_instance *inst)
{
    fm_solve_opts opts = {.lns_min_pairs = 1, .time_limit_seconds = 10};
    fm_solution *sol = NULL;
    fm_err err = {0};
    cr_assert_eq(fm_solve_run(inst, &opts, &sol, &err), FM_OK, "%s", err.msg);
    return sol;
}

Test(lns, repairs_the_greedy_start_inside_one_department)
{
    /* P0 and P1 both in A (two tables, so both fit in period 0): A's
       neighbourhood frees all four pairs and finds the swap. */
    fm_instance *inst = test_parse_instance(TEST_SWAP_INSTANCE("A", "2"));
    fm_solution *sol = lns(inst);
    cr_assert(test_plan_has(inst, sol, "S0", "P1"));
    cr_assert(test_plan_has(inst, sol, "S1", "P0"));
    cr_assert(fabs(sol->objective - 205.0) < 1e-6, "objective %g", sol->objective);
    cr_assert_eq(sol->status, FM_STATUS_FEASIBLE, "the fallback never claims optimality");
    cr_assert_geq(sol->bound, sol->objective);
    fm_solution_free(sol);
    fm_instance_free(inst);
}

Test(lns, a_swap_across_two_departments_is_out_of_its_reach_and_the_bound_says_so)
{
    /* P1 in B: with S1-P1 fixed, A cannot give P0 to S1 (K_i), and B cannot give
       P1 to S0 while S0-P0 stays: 140 is a local optimum; the bound stays >= 205. */
    fm_instance *inst = test_parse_instance(TEST_SWAP_INSTANCE("B", "1"));
    fm_solution *sol = lns(inst);
    cr_assert(test_plan_has(inst, sol, "S0", "P0"));
    cr_assert(test_plan_has(inst, sol, "S1", "P1"));
    cr_assert(fabs(sol->objective - 140.0) < 1e-6, "objective %g", sol->objective);
    cr_assert_eq(sol->status, FM_STATUS_FEASIBLE);
    cr_assert_geq(sol->bound, 205.0 - 1e-6, "bound %g below the optimum 205", sol->bound);
    cr_assert_gt(sol->mip_gap, 0.0);
    fm_solution_free(sol);
    fm_instance_free(inst);
}

/*
 * With P0 and P1 both in A and A's one table, only one of the two period-0
 * seekers can be interviewed in A. The first phase 1 chooses two, phase 2
 * places one, and solve.c retries with a cut saying so. The greedy start
 * used to ignore the cut, so the neighbourhood of department B forced the
 * greedy's A pairs, that sub-MIP was infeasible and the whole run failed
 * with FM_EINFEASIBLE although the caller fixed nothing. The LP path
 * answers -890 (S0-P0, P1 short): so must the fallback.
 */
Test(lns, a_retry_cut_the_greedy_start_breaks_does_not_fail_the_run)
{
    fm_instance *inst = test_parse_instance(TEST_SWAP_INSTANCE("A", "1"));
    fm_solution *sol = lns(inst);
    cr_assert_leq(sol->objective, -890.0 + 1e-6);
    cr_assert_geq(sol->bound, -890.0 - 1e-6);
    fm_solution_free(sol);
    fm_instance_free(inst);
}
