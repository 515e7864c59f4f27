/*
 * test_solve_hard.c - phase 1 on the second instance family (issue 11):
 * every instance of tests/fixtures/instances/hard/ (a generator other than
 * `fairmatch gen`) reaches its reference value within 0.1 % under a time
 * limit, with a plan `fairmatch check` accepts; the same bytes on a rerun;
 * progress reported while it runs; and a stop request that ends the run
 * early with a valid, checked plan and an honest bound.
 *
 * Under ASan+UBSan the solver is many times slower, so there only the
 * plans' validity is asserted (the objective targets are the dev build's).
 */
#include <criterion/criterion.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fairmatch/check.h"
#include "fairmatch/instance.h"
#include "fairmatch/solve.h"
#include "unit/test_files.h"

#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED 1
#endif
#endif
#ifndef SANITIZED
#define SANITIZED 0
#endif

static fm_instance *load(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/tests/fixtures/instances/hard/%s.json", FM_SOURCE_DIR, name);
    return test_load_instance(path);
}

static double reference(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/tests/fixtures/instances/hard/%s.optimum.json", FM_SOURCE_DIR,
             name);
    return test_load_optimum(path);
}

/* The solution as `fairmatch solve` writes it, and `fairmatch check` on it. */
static char *checked_json(const fm_instance *inst, const fm_solution *sol, const char *name)
{
    char *json = NULL;
    fm_check_solution *cs = NULL;
    fm_check_result res = {.problems = FM_BUF_INIT};
    fm_err err = {0};

    cr_assert_eq(fm_solution_to_json(inst, sol, &json, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(fm_check_read(json, strlen(json), name, &cs, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(fm_check_run(inst, cs, &res, &err), FM_OK);
    cr_assert_eq(res.n_problems, 0, "%s: %s", name, res.problems.data);
    fm_buf_release(&res.problems);
    fm_check_solution_free(cs);
    return json;
}

static fm_solution *solve(const fm_instance *inst, const fm_solve_opts *o)
{
    fm_solution *sol = NULL;
    fm_err err = {0};
    cr_assert_eq(fm_solve_run(inst, o, &sol, &err), FM_OK, "%s", err.msg);
    cr_assert(sol->bound >= sol->objective - 1e-6 * fmax(1.0, fabs(sol->objective)));
    return sol;
}

static const char *names[] = {"hard-500-women35", "hard-450-gap", "hard-700-tol0", "hard-800-k3",
                              "hard-1200"};

Test(solve_hard, every_instance_reaches_its_reference_within_a_tenth_of_a_percent, .timeout = 900)
{
    for (size_t n = 0; n < sizeof names / sizeof *names; n++) {
        fm_instance *inst = load(names[n]);
        fm_solve_opts o = {.time_limit_seconds = SANITIZED ? 20 : 60};
        fm_solution *sol = solve(inst, &o);
        double ref = reference(names[n]);
        free(checked_json(inst, sol, names[n]));
        if (!SANITIZED) {
            /* hard-700-tol0's reference is a best-known value; cbc proves
             * 32,822.51716574 optimal on the MPS fairmatch writes. */
            double want = strcmp(names[n], "hard-700-tol0") == 0 ? 32822.5 : ref * (1 - 1e-3);
            cr_assert(sol->objective >= want, "%s: %.6f, want at least %.6f", names[n],
                      sol->objective, want);
        }
        fm_solution_free(sol);
        fm_instance_free(inst);
    }
}

/* A run that ends optimal prints the same bytes, stats aside. */
Test(solve_hard, an_optimal_run_gives_the_same_bytes_twice, .timeout = 600)
{
    fm_instance *inst = load("hard-700-tol0");
    char *a, *b;
    for (int run = 0; run < 2; run++) {
        fm_solve_opts o = {.time_limit_seconds = SANITIZED ? 20 : 60};
        fm_solution *sol = solve(inst, &o);
        char *json = checked_json(inst, sol, "hard-700-tol0"), *stats = strstr(json, "\"stats\"");
        cr_assert_not_null(stats);
        *stats = '\0';
        if (run == 0)
            a = json;
        else
            b = json;
        if (!SANITIZED && run == 1)
            cr_assert_eq(sol->status, FM_STATUS_OPTIMAL);
        if (sol->status != FM_STATUS_OPTIMAL && run == 1) {
            /* Only an optimal run promises the same bytes. */
            free(a);
            a = strdup(b);
        }
        fm_solution_free(sol);
    }
    cr_assert_str_eq(a, b);
    free(a);
    free(b);
    fm_instance_free(inst);
}

typedef struct seen {
    int calls;
    double last_elapsed;
    bool monotonic, honest;
} seen;

static void on_progress(const fm_solve_progress *p, void *ctx)
{
    seen *s = ctx;
    if (p->elapsed < s->last_elapsed)
        s->monotonic = false;
    if (isfinite(p->objective) && isfinite(p->bound) &&
        p->objective > p->bound + 1e-6 * fmax(1.0, fabs(p->bound)))
        s->honest = false;
    s->last_elapsed = p->elapsed;
    s->calls++;
}

Test(solve_hard, progress_is_reported_while_it_runs, .timeout = 600)
{
    fm_instance *inst = load("hard-1200");
    seen s = {.monotonic = true, .honest = true};
    fm_solve_opts o = {
        .time_limit_seconds = SANITIZED ? 20 : 60, .progress = on_progress, .progress_ctx = &s};
    fm_solution *sol = solve(inst, &o);
    if (sol->stats.seconds > 1.0)
        cr_assert_gt(s.calls, 0);
    cr_assert(s.monotonic);
    cr_assert(s.honest, "a progress report had an objective above its bound");
    free(checked_json(inst, sol, "hard-1200"));
    fm_solution_free(sol);
    fm_instance_free(inst);
}

typedef struct stopper {
    atomic_int *flag;
    double after;
} stopper;

static void *stop_later(void *arg)
{
    stopper *st = arg;
    struct timespec ts = {.tv_sec = (time_t)st->after,
                          .tv_nsec = (long)((st->after - floor(st->after)) * 1e9)};
    nanosleep(&ts, NULL);
    atomic_store(st->flag, 1);
    return NULL;
}

/* "Stop and keep the best plan": valid, feasible, an honest bound. */
Test(solve_hard, a_stop_request_keeps_the_best_plan_so_far, .timeout = 600)
{
    const double delays[] = {0.0, 1.5};
    for (size_t d = 0; d < 2; d++) {
        fm_instance *inst = load("hard-1200");
        atomic_int flag = 0;
        stopper st = {.flag = &flag, .after = delays[d]};
        fm_solve_opts o = {.time_limit_seconds = 300, .stop = &flag};
        pthread_t t;
        fm_solution *sol;
        if (delays[d] == 0.0)
            atomic_store(&flag, 1);
        else
            cr_assert_eq(pthread_create(&t, NULL, stop_later, &st), 0);
        sol = solve(inst, &o);
        if (delays[d] > 0.0)
            pthread_join(t, NULL);
        cr_assert_lt(sol->stats.seconds, 60, "the stop was not heard: %.1f s", sol->stats.seconds);
        if (delays[d] == 0.0)
            cr_assert_eq(sol->status, FM_STATUS_FEASIBLE);
        cr_assert_gt(sol->n_interviews, 0);
        free(checked_json(inst, sol, "hard-1200"));
        fm_solution_free(sol);
        fm_instance_free(inst);
    }
}

/*
 * A time limit too short for the LP relaxation of a large fair: whatever
 * path the run takes (the unfinished LP's last point rounded, or the greedy
 * fallback), the plan is valid, feasible and its bound honest.
 */
Test(solve_hard, a_limit_shorter_than_the_lp_still_gives_a_valid_plan, .timeout = 300)
{
    fm_instance *inst = load("hard-1200");
    fm_solve_opts o = {.time_limit_seconds = 1.5};
    fm_solution *sol = solve(inst, &o);
    cr_assert_gt(sol->n_interviews, 0);
    if (sol->status != FM_STATUS_OPTIMAL)
        cr_assert_geq(sol->bound, reference("hard-1200") - 1e-6 * 52383.0,
                      "a bound %.3f below the optimum", sol->bound);
    free(checked_json(inst, sol, "hard-1200"));
    fm_solution_free(sol);
    fm_instance_free(inst);
}
