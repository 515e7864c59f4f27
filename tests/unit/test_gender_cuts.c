/*
 * test_gender_cuts.c - the gender rows and their whole-person cuts
 * (src/solve/gender_cuts.c), through fm_solve_run on one department whose
 * LP relaxation could dodge the penalty with a fraction of a woman: every
 * optimum here is worked out by hand from docs/model.md's objective, and a
 * run must prove it (status optimal, bound = objective).
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fairmatch/solve.h"
#include "test_plan.h"

/*
 * One position in A, one place, at most three candidates; W1 (woman), M1
 * and M2 (men) each score 50. Values: 50 each + coverage 20 each; every
 * person outside [L n, U n] costs 200.
 */
static fm_instance *department(const char *women_share)
{
    char json[1024];
    int n = snprintf(
        json, sizeof json,
        "{\"format\": \"fairmatch-instance/1\", \"fair\": {\"id\": \"g\", \"periods\": 4},"
        " \"policy\": {\"min_candidates_per_place\": 1, \"max_candidates_per_place\": 3,"
        "  \"women_share\": %s},"
        " \"departments\": [{\"id\": \"A\"}], \"positions\": [{\"id\": \"P\", \"department\":"
        " \"A\"}],"
        " \"seekers\": [{\"id\": \"W1\", \"gender\": \"woman\"}, {\"id\": \"M1\", \"gender\":"
        " \"man\"}, {\"id\": \"M2\", \"gender\": \"man\"}],"
        " \"scores\": [{\"seeker\": \"W1\", \"position\": \"P\", \"score\": 50},"
        "  {\"seeker\": \"M1\", \"position\": \"P\", \"score\": 50},"
        "  {\"seeker\": \"M2\", \"position\": \"P\", \"score\": 50}]}",
        women_share);
    cr_assert(n > 0 && (size_t)n < sizeof json);
    return test_parse_instance(json);
}

static fm_solution *solve(const fm_instance *inst)
{
    fm_solution *sol = NULL;
    fm_err err = {0};
    cr_assert_eq(fm_solve_run(inst, NULL, &sol, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(sol->status, FM_STATUS_OPTIMAL);
    cr_assert(fabs(sol->bound - sol->objective) < 1e-6, "bound %g, objective %g", sol->bound,
              sol->objective);
    return sol;
}

static size_t women(const fm_instance *inst, const fm_solution *sol)
{
    size_t w = 0;
    for (size_t j = 0; j < sol->n_interviews; j++)
        w += inst->seekers[inst->scores[sol->interviews[j].score].seeker].gender == FM_GENDER_WOMAN;
    return w;
}

Test(gender_cuts, an_exact_half_takes_two_and_leaves_the_odd_third_out)
{
    /* L = U = 0.5. Three (1 woman): 150 + 60 - 200 x 0.5 = 110. Two (the
       woman and a man): 100 + 40 = 140. One: 70 - 100 = -30. Optimum 140. */
    fm_instance *inst = department("{\"min\": 0.5, \"max\": 0.5}");
    fm_solution *sol = solve(inst);
    cr_assert_eq(sol->n_interviews, 2);
    cr_assert_eq(women(inst, sol), 1);
    cr_assert(fabs(sol->objective - 140.0) < 1e-6, "objective %g", sol->objective);
    fm_solution_free(sol);
    fm_instance_free(inst);
}

Test(gender_cuts, a_mirrored_pool_with_tolerance_zero_takes_all_three)
{
    /* r = 1/3, L = U = 1/3. Three (1 woman): 210, no slack. Two (1 woman):
       140 - 200 x (1 - 2/3) = 73.3. Two men: 140 - 200 x 2/3 = 6.7. Optimum 210. */
    fm_instance *inst = department("{\"mirror_pool\": true, \"tolerance\": 0}");
    fm_solution *sol = solve(inst);
    cr_assert_eq(sol->n_interviews, 3);
    cr_assert(fabs(sol->objective - 210.0) < 1e-6, "objective %g", sol->objective);
    fm_solution_free(sol);
    fm_instance_free(inst);
}

Test(gender_cuts, at_least_two_thirds_women_pays_for_the_missing_fraction)
{
    /* L = 2/3, U = 1, one woman. Three: 210 - 200 x (2 - 1) = 10. Two (1 woman):
       140 - 200 x (4/3 - 1) = 73.3. One woman alone: 70. Optimum 73.33... */
    fm_instance *inst = department("{\"min\": 0.6666666666666666, \"max\": 1}");
    fm_solution *sol = solve(inst);
    cr_assert_eq(sol->n_interviews, 2);
    cr_assert_eq(women(inst, sol), 1);
    cr_assert(fabs(sol->objective - (140.0 - 200.0 / 3.0)) < 1e-6, "objective %.9g",
              sol->objective);
    fm_solution_free(sol);
    fm_instance_free(inst);
}
