/*
 * test_solve.c - fm_solve_run and fm_solution_to_json (src/solve): tiny
 * instances whose optimum is argued in the comments, every shared instance
 * at its reference optimum, the timetable at its lower bound on gap-free
 * days, byte-identical reruns, re-planning with fixed interviews and
 * no-shows, and an honest bound under a time limit.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/instance.h"
#include "fairmatch/gen.h"
#include "fairmatch/solve.h"
#include "solve/solve_internal.h"
#include "unit/test_files.h"

static fm_instance *fixture(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/tests/fixtures/solve/%s", FM_SOURCE_DIR, name);
    return test_load_instance(path);
}

/* Copies of shared/instances live in the repository, so a clone alone runs them. */
static const char *shared_dir(void)
{
    return FM_SOURCE_DIR "/tests/fixtures";
}

static fm_solution *solve(const fm_instance *inst, const fm_solve_opts *opts)
{
    fm_solution *sol = NULL;
    fm_err err = {0};
    cr_assert_eq(fm_solve_run(inst, opts, &sol, &err), FM_OK, "%s", err.msg);
    return sol;
}

static bool close_to(double a, double b)
{
    return fabs(a - b) <= 1e-6 * fmax(1.0, fabs(b));
}

static const fm_sol_interview *find(const fm_instance *inst, const fm_solution *sol,
                                    const char *seeker, const char *position)
{
    for (size_t j = 0; j < sol->n_interviews; j++) {
        const fm_inst_score *sc = &inst->scores[sol->interviews[j].score];
        if (!strcmp(inst->seekers[sc->seeker].id, seeker) &&
            !strcmp(inst->positions[sc->position].id, position))
            return &sol->interviews[j];
    }
    return NULL;
}

/*
 * tiny-basic: one position (1 place, minc 2), two seekers, scores 5 and 3.
 * Leaving either out costs the shortfall weight 1000, so both interview:
 * 5 + 3 + coverage 2 * 20 = 48. Pool share r = 1/2, L = 0.4, U = 0.6, and
 * the department's share 1/2 is inside: no gender slack. Optimum 48.
 */
Test(solve, tiny_basic_reaches_48)
{
    fm_instance *inst = fixture("tiny-basic.json");
    fm_solution *sol = solve(inst, NULL);
    cr_assert_eq(sol->status, FM_STATUS_OPTIMAL);
    cr_assert(close_to(sol->objective, 48), "objective %g", sol->objective);
    cr_assert_eq(sol->n_interviews, 2);
    cr_assert_eq(sol->makespan, 2); /* one table, two interviews */
    fm_solution_free(sol);
    fm_instance_free(inst);
}

/*
 * tiny-hall (found by bench/solve/crosscheck.py, shrunk): one department
 * with one table, 6 periods, one interview per seeker, availability with
 * holes. Phase 1's optimum (687) wants 5 interviews whose seekers can only
 * come in periods {0, 1, 2, 4}: no timetable holds it, and no interval cut
 * sees it. Before Hall cuts the retries ran out and an interview was
 * dropped (-433, shortfall 1000); the best any timetable allows is 635
 * (a joint phase-1 + timetable MIP in cbc; e.g. S22@0, S18@1, S06@2,
 * S26@3, S13@4, S27@5).
 */
Test(solve, hall_cut_finds_the_best_timetable_able_choice)
{
    fm_instance *inst = fixture("tiny-hall.json");
    fm_solution *sol = solve(inst, NULL);
    cr_assert_eq(sol->status, FM_STATUS_FEASIBLE);
    cr_assert_eq(sol->n_unscheduled, 0);
    cr_assert(close_to(sol->objective, 635), "objective %g", sol->objective);
    cr_assert(close_to(sol->bound, 687), "bound %g", sol->bound);
    fm_solution_free(sol);
    fm_instance_free(inst);
}

/*
 * Phase 2 from a given placement (what the joint model hands over when
 * phase 2's own heuristic cannot place its choice): tiny-hall's best
 * choice at the periods that hold it (S22@0, S18@1, S06@2, S26@3, S13@4,
 * S27@5; one table). Everything stays placed, one interview a period, each
 * when its seeker can come, all at table 1.
 */
Test(solve, timetable_starts_from_a_given_placement)
{
    fm_instance *inst = fixture("tiny-hall.json");
    const char *want[][3] = {{"S22", "P02", "0"}, {"S18", "P02", "1"}, {"S06", "P02", "2"},
                             {"S26", "P01", "3"}, {"S13", "P02", "4"}, {"S27", "P01", "5"}};
    size_t score[6];
    int start[6], seen[6] = {0};
    double value[6] = {0};
    unsigned char mask[16];
    fm_tt_result res;
    fm_err err = {0};
    for (size_t j = 0; j < 6; j++) {
        bool found = false;
        for (size_t k = 0; k < inst->n_scores && !found; k++)
            if (!strcmp(inst->seekers[inst->scores[k].seeker].id, want[j][0]) &&
                !strcmp(inst->positions[inst->scores[k].position].id, want[j][1])) {
                score[j] = k;
                found = true;
            }
        cr_assert(found, "%s-%s is a pair of tiny-hall", want[j][0], want[j][1]);
        start[j] = atoi(want[j][2]);
    }
    fm_tt_input in = {.inst = inst,
                      .n = 6,
                      .score = score,
                      .value = value,
                      .deadline = fm_solve_now() + 10,
                      .start_period = start};
    cr_assert_eq(fm_timetable_solve(&in, &res, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(res.n_unplaced, 0);
    for (size_t j = 0; j < 6; j++) {
        cr_assert(res.period[j] >= 0 && res.period[j] < 6);
        cr_assert(!seen[res.period[j]], "two interviews at period %d", res.period[j]);
        seen[res.period[j]] = 1;
        cr_assert_eq(res.table[j], 1);
        fm_instance_available_mask(inst, (size_t)inst->scores[score[j]].seeker, mask);
        cr_assert(mask[res.period[j]], "%s is not available at %d", want[j][0], res.period[j]);
    }
    free(res.period);
    free(res.table);
    fm_instance_free(inst);
}

/*
 * A seeker clash no per-department cut sees (bench/solve/crosscheck.py):
 * `fairmatch gen --seekers 80 --positions 8 --departments 2 --seed 1006
 * --availability-share 0.8 --periods 2`. Phase 1's optimum (2258) cannot
 * be timetabled: seekers with two interviews need both periods, in two
 * departments whose tables are full. The cuts ran out and an interview was
 * dropped (-3426); the joint model (pairs x periods) reaches -3401, the
 * best any timetable allows (a joint MIP in cbc gives the same).
 */
Test(solve, joint_model_places_what_the_cuts_could_not)
{
    fm_gen_params gp;
    fm_instance *inst = NULL;
    fm_err err = {0};
    fm_gen_params_init(&gp);
    gp.seekers = 80;
    gp.positions = 8;
    gp.departments = 2;
    gp.seed = 1006;
    gp.availability_share = 0.8;
    gp.periods = 2;
    cr_assert_eq(fm_gen_instance(&gp, &inst, &err), FM_OK, "%s", err.msg);
    fm_solution *sol = solve(inst, NULL);
    cr_assert_eq(sol->status, FM_STATUS_FEASIBLE);
    cr_assert_eq(sol->n_unscheduled, 0);
    cr_assert(close_to(sol->objective, -3401), "objective %g", sol->objective);
    cr_assert(close_to(sol->bound, 2258), "bound %g", sol->bound);
    fm_solution_free(sol);
    fm_instance_free(inst);
}

/*
 * tiny-gender: one position (minc 1, maxc 2), women's share in [0.5, 1].
 * {M1, M2}: 170 + 40 - 200 * (0.5 * 2 - 0) = 10; {M1}: 90 + 20 - 200 * 0.5
 * = 10; {M1, W1}: 91 + 40 = 131 (share 1/2, no slack); {M2, W1}: 121;
 * {W1}: 21. Optimum 131 with M1 and W1.
 */
Test(solve, tiny_gender_takes_the_woman_over_the_second_man)
{
    fm_instance *inst = fixture("tiny-gender.json");
    fm_solution *sol = solve(inst, NULL);
    cr_assert_eq(sol->status, FM_STATUS_OPTIMAL);
    cr_assert(close_to(sol->objective, 131), "objective %g", sol->objective);
    cr_assert_not_null(find(inst, sol, "W1", "P"));
    cr_assert_not_null(find(inst, sol, "M1", "P"));
    fm_solution_free(sol);
    fm_instance_free(inst);
}

/*
 * tiny-gap: T = 3, gap 1, L = 0, U = 1. S1 may have two interviews (K =
 * floor((3 + 1) / 2) = 2), S2 one and only in period 0. All three pairs fit
 * phase 1: 30 + coverage 40 = 70. Phase 2: S2 holds A's only table in
 * period 0, S1's two interviews need periods 0 and 2, so S1 meets B at 0
 * and A at 2 (14:10-14:30 with 20-minute periods from 13:30).
 */
Test(solve, tiny_gap_places_around_availability_and_gap)
{
    fm_instance *inst = fixture("tiny-gap.json");
    fm_solution *sol = solve(inst, NULL);
    const fm_sol_interview *a = find(inst, sol, "S1", "PA"), *b = find(inst, sol, "S1", "PB");
    cr_assert_eq(sol->status, FM_STATUS_OPTIMAL);
    cr_assert(close_to(sol->objective, 70), "objective %g", sol->objective);
    cr_assert_not_null(a);
    cr_assert_not_null(b);
    cr_assert_eq(a->period, 2);
    cr_assert_eq(b->period, 0);
    cr_assert_eq(sol->makespan, 3);
    fm_solution_free(sol);
    fm_instance_free(inst);
}

/*
 * tiny-drop: both seekers are only free in period 0 and A has one table.
 * Phase 1 (which knows constraint 5, 2 slots, but not availability) takes
 * both: 10 + 5 + 40 = 55, its bound. Only one fits the day; keeping S1
 * gives 10 + 20 = 30 (the minimum of 1 candidate is still met). Status
 * feasible, bound 55, S2 listed as unscheduled.
 */
Test(solve, tiny_drop_keeps_the_better_interview_and_says_so)
{
    fm_instance *inst = fixture("tiny-drop.json");
    fm_solution *sol = solve(inst, NULL);
    cr_assert_eq(sol->status, FM_STATUS_FEASIBLE);
    cr_assert(close_to(sol->objective, 30), "objective %g", sol->objective);
    cr_assert(close_to(sol->bound, 55), "bound %g", sol->bound);
    cr_assert(close_to(sol->mip_gap, 25.0 / 55.0));
    cr_assert_eq(sol->n_unscheduled, 1);
    cr_assert_str_eq(inst->seekers[inst->scores[sol->unscheduled[0]].seeker].id, "S2");
    fm_solution_free(sol);
    fm_instance_free(inst);
}

static const char *shared_names[] = {"dense-timetable", "explicit-share", "fair-150x40",
                                     "fair-300x80",     "gap-avail-200",  "scarce-60x40",
                                     "small-30x8"};

static double reference_optimum(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/instances/%s.optimum.json", shared_dir(), name);
    return test_load_optimum(path);
}

/* The timetable's lower bound of model.md, from the interviews themselves. */
static int makespan_bound(const fm_instance *inst, const fm_solution *sol)
{
    int *nd = calloc(inst->n_departments + 1, sizeof *nd);
    int *ni = calloc(inst->n_seekers + 1, sizeof *ni), lb = 0;
    for (size_t j = 0; j < sol->n_interviews; j++) {
        const fm_inst_score *sc = &inst->scores[sol->interviews[j].score];
        nd[inst->positions[sc->position].department]++;
        ni[sc->seeker]++;
    }
    for (size_t d = 0; d < inst->n_departments; d++) {
        int t = inst->departments[d].tables, c = (nd[d] + t - 1) / t;
        lb = c > lb ? c : lb;
    }
    for (size_t i = 0; i < inst->n_seekers; i++)
        lb = ni[i] > lb ? ni[i] : lb;
    free(nd);
    free(ni);
    return lb;
}

static bool gap_free_unrestricted(const fm_instance *inst)
{
    if (inst->min_gap_periods)
        return false;
    for (size_t i = 0; i < inst->n_seekers; i++)
        if (inst->seekers[i].has_available)
            return false;
    return true;
}

Test(solve, every_shared_instance_reaches_its_optimum_and_the_makespan_bound)
{
    for (size_t n = 0; n < sizeof shared_names / sizeof *shared_names; n++) {
        char path[512];
        fm_instance *inst;
        fm_solution *sol;
        double opt = reference_optimum(shared_names[n]);
        snprintf(path, sizeof path, "%s/instances/%s.json", shared_dir(), shared_names[n]);
        inst = test_load_instance(path);
        sol = solve(inst, NULL);
        cr_assert_eq(sol->status, FM_STATUS_OPTIMAL, "%s", shared_names[n]);
        cr_assert(close_to(sol->objective, opt), "%s: %.10g, want %.10g", shared_names[n],
                  sol->objective, opt);
        cr_assert(sol->bound >= sol->objective);
        cr_assert_eq(sol->n_unscheduled, 0);
        if (gap_free_unrestricted(inst))
            cr_assert_eq(sol->makespan, makespan_bound(inst, sol), "%s: makespan %d, bound %d",
                         shared_names[n], sol->makespan, makespan_bound(inst, sol));
        fm_solution_free(sol);
        fm_instance_free(inst);
    }
}

/* The JSON up to "stats", which is the only part allowed to vary. */
static char *json_without_stats(const fm_instance *inst)
{
    fm_solution *sol = solve(inst, NULL);
    fm_err err = {0};
    char *json = NULL, *stats;
    cr_assert_eq(fm_solution_to_json(inst, sol, &json, &err), FM_OK);
    stats = strstr(json, "\"stats\"");
    cr_assert_not_null(stats);
    *stats = '\0';
    fm_solution_free(sol);
    return json;
}

Test(solve, two_runs_give_the_same_bytes_apart_from_stats)
{
    char path[512];
    fm_instance *inst;
    char *a, *b;
    snprintf(path, sizeof path, "%s/instances/explicit-share.json", shared_dir());
    inst = test_load_instance(path);
    a = json_without_stats(inst);
    b = json_without_stats(inst);
    cr_assert_str_eq(a, b);
    cr_assert_not_null(strstr(a, "\"status\": \"optimal\""));
    cr_assert_not_null(strstr(a, "\"instance_sha256\": \""));
    free(a);
    free(b);
    fm_instance_free(inst);
}

Test(solve, json_carries_why_times_and_provenance)
{
    fm_instance *inst = fixture("tiny-basic.json");
    fm_solution *sol = solve(inst, NULL);
    fm_err err = {0};
    char *json = NULL;
    cr_assert_eq(fm_solution_to_json(inst, sol, &json, &err), FM_OK);
    cr_assert_not_null(strstr(json, "\"why\": {\"ssyk\":\"same code\"}"));
    cr_assert_not_null(strstr(json, "\"start\": \"09:00\", \"end\": \"09:15\""));
    cr_assert_not_null(strstr(json, "\"objective\": 48,"));
    cr_assert_not_null(strstr(json, "\"K\": {\"S1\": 2, \"S2\": 2}"));
    cr_assert_not_null(strstr(json, "\"women_share_bounds\": {\"min\": 0.40000000000000002"));
    free(json);
    fm_solution_free(sol);
    fm_instance_free(inst);
}

/*
 * Re-planning tiny-basic: S1's interview is fixed at period 3, table 1, and
 * S2 is a no-show. Only S1 interviews: 5 + 20, one short of the minimum
 * (-1000), and the department is all women: slack 1 - 0.6 = 0.4 persons
 * (-80). Objective -1055, and S1 stays exactly where it was.
 */
Test(solve, replanning_keeps_fixed_interviews_and_skips_no_shows)
{
    fm_instance *inst = fixture("tiny-basic.json");
    fm_solve_fixed fixed = {.score = 0, .period = 3, .table = 1};
    size_t no_show = 1;
    fm_solve_opts opts = {
        .fixed = &fixed, .n_fixed = 1, .first_period = 2, .excluded = &no_show, .n_excluded = 1};
    fm_solution *sol = solve(inst, &opts);
    cr_assert(close_to(sol->objective, -1055), "objective %g", sol->objective);
    cr_assert_eq(sol->n_interviews, 1);
    cr_assert_eq(sol->interviews[0].score, 0);
    cr_assert_eq(sol->interviews[0].period, 3);
    cr_assert_eq(sol->interviews[0].table, 1);
    cr_assert_eq(sol->status, FM_STATUS_OPTIMAL);
    fm_solution_free(sol);
    fm_instance_free(inst);
}

/* Without the no-show, S2 must come at period 2 (first_period), not before. */
Test(solve, replanning_places_new_interviews_from_the_first_period)
{
    fm_instance *inst = fixture("tiny-basic.json");
    fm_solve_fixed fixed = {.score = 0, .period = 3, .table = 1};
    fm_solve_opts opts = {.fixed = &fixed, .n_fixed = 1, .first_period = 2};
    fm_solution *sol = solve(inst, &opts);
    const fm_sol_interview *s2 = find(inst, sol, "S2", "P1");
    cr_assert(close_to(sol->objective, 48), "objective %g", sol->objective);
    cr_assert_not_null(s2);
    cr_assert_eq(s2->period, 2);
    fm_solution_free(sol);
    fm_instance_free(inst);
}

/*
 * Re-planning a day that cannot hold phase 1's choice (tiny-hall): S22's
 * interview for P02 is held at period 0, table 1, and the rest of the day
 * starts at period 1. The cuts and the joint model must keep it there and
 * place the others from period 1 on, one per period (one table), each when
 * its seeker can come; 635 is still reachable (S18@1, S06@2, S26@3, S13@4,
 * S27@5).
 */
Test(solve, replanning_a_tight_day_keeps_the_held_interview)
{
    fm_instance *inst = fixture("tiny-hall.json");
    fm_solve_fixed fixed = {.period = 0, .table = 1};
    unsigned char mask[16], used[16] = {0};
    for (size_t k = 0; k < inst->n_scores; k++)
        if (!strcmp(inst->seekers[inst->scores[k].seeker].id, "S22") &&
            !strcmp(inst->positions[inst->scores[k].position].id, "P02"))
            fixed.score = k;
    fm_solve_opts opts = {.fixed = &fixed, .n_fixed = 1, .first_period = 1};
    fm_solution *sol = solve(inst, &opts);
    const fm_sol_interview *held = find(inst, sol, "S22", "P02");
    cr_assert_not_null(held);
    cr_assert_eq(held->period, 0);
    cr_assert_eq(held->table, 1);
    for (size_t j = 0; j < sol->n_interviews; j++) {
        const fm_sol_interview *iv = &sol->interviews[j];
        cr_assert_lt(iv->period, 16);
        cr_assert(!used[iv->period], "two interviews at period %d", iv->period);
        used[iv->period] = 1;
        cr_assert_eq(iv->table, 1);
        if (iv == held)
            continue;
        cr_assert_geq(iv->period, 1);
        fm_instance_available_mask(inst, (size_t)inst->scores[iv->score].seeker, mask);
        cr_assert(mask[iv->period], "seeker not available at %d", iv->period);
    }
    cr_assert(close_to(sol->objective, 635), "objective %g", sol->objective);
    fm_solution_free(sol);
    fm_instance_free(inst);
}

Test(solve, refuses_colliding_fixed_interviews)
{
    fm_instance *inst = fixture("tiny-basic.json");
    fm_solve_fixed fixed[2] = {{.score = 0, .period = 1, .table = 1},
                               {.score = 1, .period = 1, .table = 1}};
    fm_solve_opts opts = {.fixed = fixed, .n_fixed = 2};
    fm_solution *sol = NULL;
    fm_err err = {0};
    cr_assert_eq(fm_solve_run(inst, &opts, &sol, &err), FM_EINVAL);
    cr_assert_null(sol);
    cr_assert_str_eq(err.msg, "fixed interviews 0 and 1 collide");
    fm_instance_free(inst);
}

/* Under a tiny budget the answer is still valid and its bound honest. */
Test(solve, a_time_limit_returns_an_honest_bound)
{
    char path[512];
    fm_instance *inst;
    fm_solve_opts opts = {.time_limit_seconds = 0.02};
    fm_solution *sol;
    double opt = reference_optimum("fair-300x80");
    snprintf(path, sizeof path, "%s/instances/fair-300x80.json", shared_dir());
    inst = test_load_instance(path);
    sol = solve(inst, &opts);
    cr_assert(sol->bound >= opt - 1e-6 * fabs(opt), "bound %g below optimum %g", sol->bound, opt);
    cr_assert(sol->objective <= opt + 1e-6 * fabs(opt));
    cr_assert(sol->mip_gap >= 0);
    if (sol->status == FM_STATUS_OPTIMAL)
        cr_assert(close_to(sol->objective, opt));
    fm_solution_free(sol);
    fm_instance_free(inst);
}

/*
 * The neighbourhood search used on very large fairs, forced onto a small
 * one: a valid choice (its objective is what fm_instance_objective says),
 * never above the optimum, a bound never below it, and at least as good as
 * 95 % of the optimum on this instance.
 */
Test(solve, neighbourhood_search_stays_valid_and_honest)
{
    char path[512];
    fm_instance *inst;
    fm_solve_opts opts = {.lns_min_pairs = 1, .time_limit_seconds = 20};
    fm_solution *sol;
    size_t *idx;
    double opt = reference_optimum("explicit-share");
    snprintf(path, sizeof path, "%s/instances/explicit-share.json", shared_dir());
    inst = test_load_instance(path);
    sol = solve(inst, &opts);
    idx = calloc(sol->n_interviews + 1, sizeof *idx);
    for (size_t j = 0; j < sol->n_interviews; j++)
        idx[j] = sol->interviews[j].score;
    cr_assert(close_to(fm_instance_objective(inst, idx, sol->n_interviews), sol->objective));
    cr_assert(sol->objective <= opt + 1e-6 * fabs(opt));
    cr_assert(sol->objective >= 0.95 * opt, "objective %g, optimum %g", sol->objective, opt);
    cr_assert(sol->bound >= opt - 1e-6 * fabs(opt), "bound %g below optimum %g", sol->bound, opt);
    free(idx);
    fm_solution_free(sol);
    fm_instance_free(inst);
}
