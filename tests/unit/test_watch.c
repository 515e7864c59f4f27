/*
 * test_watch.c - the run's progress line and stop request (src/solve/watch.c,
 * through solve_internal.h, and fm_solve_opts.progress/stop through
 * fm_solve_run): stop is read from the caller's flag, reports pass their
 * numbers through at most every 0.2 s, and a run asked to stop before it
 * starts still returns a valid plan with an honest bound.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "fairmatch/check.h"
#include "fairmatch/solve.h"
#include "solve/solve_internal.h"
#include "test_reference.h"

typedef struct seen {
    int calls;
    fm_solve_progress last;
} seen;

static void record(const fm_solve_progress *p, void *ctx)
{
    seen *s = ctx;
    s->calls++;
    s->last = *p;
}

Test(watch, stopped_follows_the_callers_flag)
{
    atomic_int stop = 0;
    fm_watch w = {.stop = &stop};
    fm_watch none = {0};
    cr_assert_not(fm_watch_stopped(NULL));
    cr_assert_not(fm_watch_stopped(&none));
    cr_assert_not(fm_watch_stopped(&w));
    atomic_store(&stop, 1);
    cr_assert(fm_watch_stopped(&w));
    atomic_store(&stop, 7);
    cr_assert(fm_watch_stopped(&w));
}

Test(watch, report_passes_the_numbers_through_with_the_elapsed_time)
{
    seen s = {0};
    double now = fm_solve_now();
    fm_watch w = {.fn = record, .ctx = &s, .t0 = now - 1.0, .last = now - 1.0};
    fm_watch_report(&w, "LP relaxation", 12.5, 40.0);
    cr_assert_eq(s.calls, 1);
    cr_assert_str_eq(s.last.phase, "LP relaxation");
    cr_assert_eq(s.last.objective, 12.5);
    cr_assert_eq(s.last.bound, 40.0);
    cr_assert(s.last.elapsed >= 1.0 && s.last.elapsed < 60.0, "elapsed %g", s.last.elapsed);
}

Test(watch, report_drops_calls_within_a_fifth_of_a_second)
{
    seen s = {0};
    double now = fm_solve_now();
    fm_watch w = {.fn = record, .ctx = &s, .t0 = now, .last = now - 1.0};
    fm_watch_report(&w, "a", 1, 2);
    fm_watch_report(&w, "b", 3, 4);
    cr_assert_eq(s.calls, 1);
    cr_assert_str_eq(s.last.phase, "a");
    w.last -= 0.25; /* as if a quarter second had passed */
    fm_watch_report(&w, "c", 5, 6);
    cr_assert_eq(s.calls, 2);
    cr_assert_str_eq(s.last.phase, "c");
}

Test(watch, report_without_a_callback_or_watch_does_nothing)
{
    fm_watch w = {0};
    fm_watch_report(NULL, "x", 0, 0);
    fm_watch_report(&w, "x", 0, 0);
    cr_assert_eq(w.last, 0.0, "no callback: the clock is not even read");
}

Test(watch, a_run_stopped_before_it_starts_keeps_a_valid_plan_and_an_honest_bound)
{
    fm_instance *inst = test_reference_instance("explicit-share");
    double opt = test_reference_optimum("explicit-share");
    atomic_int stop = 1;
    fm_solve_opts opts = {.stop = &stop};
    fm_solution *sol = NULL;
    fm_err err = {0};
    size_t *idx;

    cr_assert_eq(fm_solve_run(inst, &opts, &sol, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(sol->status, FM_STATUS_FEASIBLE, "a stopped run proves nothing");
    cr_assert(fabs(sol->mip_gap - (sol->bound - sol->objective) / fmax(1.0, fabs(sol->bound))) <
              1e-9);
    cr_assert(sol->objective <= opt + 1e-6 * fabs(opt), "objective %g above optimum %g",
              sol->objective, opt);
    cr_assert(sol->bound >= opt - 1e-6 * fabs(opt), "bound %g below optimum %g", sol->bound, opt);
    idx = calloc(sol->n_interviews + 1, sizeof *idx);
    for (size_t j = 0; j < sol->n_interviews; j++)
        idx[j] = sol->interviews[j].score;
    double v = fm_instance_objective(inst, idx, sol->n_interviews);
    cr_assert(fabs(v - sol->objective) <= 1e-6 * fmax(1.0, fabs(v)), "%g vs %g", v, sol->objective);
    free(idx);
    fm_solution_free(sol);
    fm_instance_free(inst);
}
