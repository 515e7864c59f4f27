/*
 * test_bound.c - the Lagrangian upper bound on phase 1's optimum
 * (src/solve/bound.c): directly through solve_internal.h it never falls
 * below the shared instances' reference optima, and through fm_solve_run
 * (the neighbourhood fallback forced with lns_min_pairs, the path that
 * reports it) the solution's bound stays honest.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/solve.h"
#include "solve/solve_internal.h"
#include "test_reference.h"

static const char *const names[] = {"small-30x8", "scarce-60x40", "explicit-share",
                                    "dense-timetable"};

/* Every pair alive and K_i from the seeker's hours, as phase 1 starts. */
static double lagrangian(const fm_instance *inst, double primal, double seconds)
{
    unsigned char *alive = malloc(inst->n_scores + 1);
    int *K = calloc(inst->n_seekers + 1, sizeof *K);
    cr_assert(alive && K);
    memset(alive, 1, inst->n_scores);
    for (size_t i = 0; i < inst->n_seekers; i++)
        K[i] = fm_instance_capacity(inst, i);
    double b = fm_bound_lagrangian(inst, alive, K, primal, fm_solve_now() + seconds);
    free(alive);
    free(K);
    return b;
}

static bool at_least(double bound, double opt)
{
    return bound >= opt - 1e-6 * fmax(1.0, fabs(opt));
}

Test(bound, never_below_the_reference_optimum)
{
    for (size_t n = 0; n < sizeof names / sizeof names[0]; n++) {
        fm_instance *inst = test_reference_instance(names[n]);
        double opt = test_reference_optimum(names[n]);
        double b = lagrangian(inst, opt, 0.5);
        cr_assert(isfinite(b), "%s: bound %g", names[n], b);
        cr_assert(at_least(b, opt), "%s: bound %.9g below the optimum %.9g", names[n], b, opt);
        fm_instance_free(inst);
    }
}

Test(bound, a_poor_primal_guess_does_not_make_it_dishonest)
{
    /* the primal only steers the step size */
    fm_instance *inst = test_reference_instance("explicit-share");
    double opt = test_reference_optimum("explicit-share");
    cr_assert(at_least(lagrangian(inst, -1e6, 0.5), opt));
    cr_assert(at_least(lagrangian(inst, 0.0, 0.5), opt));
    fm_instance_free(inst);
}

Test(bound, a_deadline_already_past_still_gives_a_valid_bound)
{
    fm_instance *inst = test_reference_instance("scarce-60x40");
    double opt = test_reference_optimum("scarce-60x40");
    double b = lagrangian(inst, opt, -1.0);
    cr_assert(at_least(b, opt), "bound %g below %g", b, opt);
    fm_instance_free(inst);
}

Test(bound, no_alive_pair_leaves_only_the_shortfall)
{
    /* No interviews at all: every position misses its minimum, so the best
       phase 1 can do is -shortfall x sum of minimums; the bound may not go
       below that. */
    fm_instance *inst = test_reference_instance("small-30x8");
    unsigned char *alive = calloc(inst->n_scores + 1, 1);
    int *K = calloc(inst->n_seekers + 1, sizeof *K);
    double floor_value = 0;
    for (size_t p = 0; p < inst->n_positions; p++)
        floor_value -=
            inst->weights.shortfall * inst->min_candidates_per_place * inst->positions[p].places;
    double b = fm_bound_lagrangian(inst, alive, K, floor_value, fm_solve_now() + 0.5);
    cr_assert(at_least(b, floor_value), "bound %g below %g", b, floor_value);
    free(alive);
    free(K);
    fm_instance_free(inst);
}

/* The solution's bound when phase 1 is forced onto the neighbourhood fallback. */
static void honest_with_the_fallback(const char *name)
{
    fm_instance *inst = test_reference_instance(name);
    double opt = test_reference_optimum(name);
    fm_solve_opts opts = {.lns_min_pairs = 1, .time_limit_seconds = 5};
    fm_solution *sol = NULL;
    fm_err err = {0};
    cr_assert_eq(fm_solve_run(inst, &opts, &sol, &err), FM_OK, "%s", err.msg);
    cr_assert(at_least(sol->bound, opt), "%s: bound %.9g below the optimum %.9g", name, sol->bound,
              opt);
    cr_assert(sol->objective <= opt + 1e-6 * fmax(1.0, fabs(opt)));
    fm_solution_free(sol);
    fm_instance_free(inst);
}

Test(bound, the_fallbacks_bound_is_honest_on_small_and_scarce_instances)
{
    honest_with_the_fallback("small-30x8");
    honest_with_the_fallback("scarce-60x40");
    honest_with_the_fallback("explicit-share");
}

/*
 * With lns_min_pairs forcing the fallback, fm_model_solve builds no GLPK
 * columns. The trivial bound used to read the coverage and shortfall
 * columns and the constant, so it came out too small: dense-timetable
 * reported bound 1242 = its objective, gap 0, while the optimum is 1247.
 * It is now computed from the instance alone.
 */
Test(bound, the_fallbacks_bound_is_honest_on_dense_timetable)
{
    honest_with_the_fallback("dense-timetable");
}
