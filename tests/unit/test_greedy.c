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

/*
 * S0 and S1 are there for one period each (K_i = 1). S0 scores 90 on P0
 * and 85 on P1, S1 80 on P0 and 10 on P1; one place each, at most one
 * candidate a place. Every seeker has two pairs and every position two
 * candidates, so no pair's value is raised by coverage or shortfall alone.
 * Best pair first: S0-P0; then P1's minimum is filled by the only seeker
 * left, S1: 90 + 10 + coverage 2 x 20 = 140. The optimum swaps: S0-P1,
 * S1-P0 = 85 + 80 + 40 = 205.
 */
static const char trap[] =
    "{\"format\": \"fairmatch-instance/1\", \"fair\": {\"id\": \"g\", \"periods\": 2},"
    " \"policy\": {\"min_candidates_per_place\": 1, \"max_candidates_per_place\": 1,"
    "  \"women_share\": {\"min\": 0, \"max\": 1}},"
    " \"departments\": [{\"id\": \"A\"}, {\"id\": \"B\"}],"
    " \"positions\": [{\"id\": \"P0\", \"department\": \"A\"}, {\"id\": \"P1\", \"department\":"
    " \"B\"}],"
    " \"seekers\": [{\"id\": \"S0\", \"gender\": \"woman\", \"available\": [[0, 0]]},"
    "  {\"id\": \"S1\", \"gender\": \"man\", \"available\": [[0, 0]]}],"
    " \"scores\": [{\"seeker\": \"S0\", \"position\": \"P0\", \"score\": 90},"
    "  {\"seeker\": \"S0\", \"position\": \"P1\", \"score\": 85},"
    "  {\"seeker\": \"S1\", \"position\": \"P0\", \"score\": 80},"
    "  {\"seeker\": \"S1\", \"position\": \"P1\", \"score\": 10}]}";

static fm_instance *parse(const char *json)
{
    fm_instance *inst = NULL;
    fm_err err = {0};
    cr_assert_eq(fm_instance_parse(json, strlen(json), "test", &inst, &err), FM_OK, "%s", err.msg);
    return inst;
}

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

static bool has(const fm_instance *inst, const fm_solution *sol, const char *seeker,
                const char *position)
{
    for (size_t j = 0; j < sol->n_interviews; j++) {
        const fm_inst_score *sc = &inst->scores[sol->interviews[j].score];
        if (!strcmp(inst->seekers[sc->seeker].id, seeker) &&
            !strcmp(inst->positions[sc->position].id, position))
            return true;
    }
    return false;
}

Test(greedy, takes_the_best_pair_first_then_fills_the_minimum_with_what_is_left)
{
    fm_instance *inst = parse(trap);
    fm_solution *sol = greedy_only(inst);
    cr_assert_eq(sol->n_interviews, 2);
    cr_assert(has(inst, sol, "S0", "P0"));
    cr_assert(has(inst, sol, "S1", "P1"));
    cr_assert_eq(sol->objective, 140.0);
    cr_assert_eq(sol->status, FM_STATUS_FEASIBLE);
    cr_assert_geq(sol->bound, 205.0 - 1e-6, "bound %g below the optimum", sol->bound);
    fm_solution_free(sol);
    fm_instance_free(inst);
}
