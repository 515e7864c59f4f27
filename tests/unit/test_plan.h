/*
 * test_plan.h - what the solver tests on hand-written instances share: an
 * instance parsed from a JSON string, and whether a solution interviews a
 * seeker for a position, named by their ids; and the small instance
 * the greedy and neighbourhood tests share. Header-only because each test
 * file is its own Criterion binary.
 */
#ifndef FM_TEST_PLAN_H
#define FM_TEST_PLAN_H

#include <criterion/criterion.h>
#include <stdbool.h>
#include <string.h>

#include "fairmatch/instance.h"
#include "fairmatch/solution.h"

/* The instance in json, parsed (the test fails if it does not parse). Caller frees. */
static inline fm_instance *test_parse_instance(const char *json)
{
    fm_instance *inst = NULL;
    fm_err err = {0};
    cr_assert_eq(fm_instance_parse(json, strlen(json), "test", &inst, &err), FM_OK, "%s", err.msg);
    return inst;
}

/* True when sol interviews the seeker with id seeker for the position with id position. */
static inline bool test_plan_has(const fm_instance *inst, const fm_solution *sol,
                                 const char *seeker, const char *position)
{
    for (size_t j = 0; j < sol->n_interviews; j++) {
        const fm_inst_score *sc = &inst->scores[sol->interviews[j].score];
        if (!strcmp(inst->seekers[sc->seeker].id, seeker) &&
            !strcmp(inst->positions[sc->position].id, position))
            return true;
    }
    return false;
}

/*
 * S0 and S1 can come in period 0 only (K_i = 1). S0 scores 90 on P0 and 85
 * on P1, S1 80 on P0 and 10 on P1; one place each, at most one candidate a
 * place. Greedy (test_greedy.c): S0-P0, S1-P1 = 90 + 10 + 2 x 20 = 140.
 * The optimum swaps: S0-P1, S1-P0 = 85 + 80 + 40 = 205. P1_DEPT says which
 * department P1 belongs to, A_TABLES how many tables A has.
 */
#define TEST_SWAP_INSTANCE(P1_DEPT, A_TABLES)                                                      \
    "{\"format\": \"fairmatch-instance/1\", \"fair\": {\"id\": \"g\", \"periods\": 2},"            \
    " \"policy\": {\"min_candidates_per_place\": 1, \"max_candidates_per_place\": 1,"              \
    "  \"women_share\": {\"min\": 0, \"max\": 1}},"                                                \
    " \"departments\": [{\"id\": \"A\", \"tables\": " A_TABLES "}, {\"id\": \"B\"}],"              \
    " \"positions\": [{\"id\": \"P0\", \"department\": \"A\"}, {\"id\": \"P1\", \"department\": "  \
    "\"" P1_DEPT "\"}],"                                                                           \
    " \"seekers\": [{\"id\": \"S0\", \"gender\": \"woman\", \"available\": [[0, 0]]},"             \
    "  {\"id\": \"S1\", \"gender\": \"man\", \"available\": [[0, 0]]}],"                           \
    " \"scores\": [{\"seeker\": \"S0\", \"position\": \"P0\", \"score\": 90},"                     \
    "  {\"seeker\": \"S0\", \"position\": \"P1\", \"score\": 85},"                                 \
    "  {\"seeker\": \"S1\", \"position\": \"P0\", \"score\": 80},"                                 \
    "  {\"seeker\": \"S1\", \"position\": \"P1\", \"score\": 10}]}"

#endif
