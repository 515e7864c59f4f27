/*
 * fairmatch/solution.h - a solver result (instance-format.md, "Solution"):
 * the interviews with their period and table, what could not be scheduled,
 * status, objective, bound and statistics. Owned by the caller once returned;
 * free with fm_solution_free().
 *
 * Writing the JSON and reading it back (for `fairmatch check`) live in
 * src/solve/solution_json.c.
 */
#ifndef FAIRMATCH_SOLUTION_H
#define FAIRMATCH_SOLUTION_H

#include <stddef.h>

#include "fairmatch/err.h"
#include "fairmatch/instance.h"

typedef enum fm_status { FM_STATUS_OPTIMAL, FM_STATUS_FEASIBLE } fm_status;

typedef struct fm_sol_interview {
    size_t score; /* index into inst->scores: fixes seeker, position, department */
    int period;   /* 0...T-1 */
    int table;    /* 1...tables of the department */
} fm_sol_interview;

typedef struct fm_solution {
    fm_status status;
    double objective; /* phase 1 objective of the interviews kept */
    double bound;     /* best proven upper bound on phase 1's optimum */
    double mip_gap;   /* (bound - objective) / max(1, |bound|) */
    int makespan;     /* last period used + 1, 0 with no interviews */
    size_t n_interviews;
    fm_sol_interview *interviews; /* sorted: period, department id, table */
    size_t n_unscheduled;
    size_t *unscheduled; /* indexes into inst->scores, dropped by phase 2 */
    struct {
        double seconds, phase1_seconds, phase2_seconds;
        long variables, constraints, nodes;
    } stats;
} fm_solution;

/* Free a solution and its arrays. NULL-safe. */
void fm_solution_free(fm_solution *sol);

#endif
