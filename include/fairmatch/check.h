/*
 * fairmatch/check.h - re-verifying a solution file against its instance
 * (`fairmatch check`): every hard rule of model.md phases 1 and 2, the
 * ordering and field consistency of instance-format.md, and the objective
 * and summary sections recomputed from the interviews listed.
 *
 * A solution is read as written (fm_check_read, src/solve/solution_read.c):
 * ids stay strings so that a hand-edited file with an unknown seeker or a
 * wrong department is reported as a problem of that interview rather than
 * refused as unreadable. fm_check_run (src/solve/check.c) then compares it
 * with the instance. Neither touches GLPK; both are reentrant.
 */
#ifndef FAIRMATCH_CHECK_H
#define FAIRMATCH_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "fairmatch/buf.h"
#include "fairmatch/err.h"
#include "fairmatch/instance.h"

typedef struct fm_check_interview {
    char *seeker, *position; /* as written */
    char *department;        /* NULL when the key is absent */
    char *start, *end;       /* NULL when absent */
    long period, table;
} fm_check_interview;

typedef struct fm_check_shortfall {
    char *position;
    double missing;
} fm_check_shortfall;

typedef struct fm_check_unscheduled {
    char *seeker, *position, *department; /* department NULL when absent */
} fm_check_unscheduled;

typedef struct fm_check_department {
    char *id;
    double interviews, women, women_share, gender_slack;
} fm_check_department;

/* A solution file as written. Optional sections have a has_ flag. */
typedef struct fm_check_solution {
    char *status; /* "optimal", "feasible" or whatever the file says */
    double objective;
    bool has_bound, has_mip_gap, has_makespan, has_share_bounds;
    bool has_shortfall, has_unscheduled, has_departments;
    double bound, mip_gap, share_min, share_max;
    long makespan;
    size_t n_interviews, n_shortfall, n_unscheduled, n_departments;
    fm_check_interview *interviews;
    fm_check_shortfall *shortfall;
    fm_check_unscheduled *unscheduled;
    fm_check_department *departments;
} fm_check_solution;

/* What fm_check_run found. Initialise with {0}; release with fm_check_result_release(). */
typedef struct fm_check_result {
    size_t n_problems;
    double objective; /* recomputed from the interviews that name an eligible pair */
    fm_buf problems;  /* one line per problem, '\n'-terminated; FM_BUF_INIT before the run */
} fm_check_result;

/*
 * Read a solution JSON document of len bytes. `file` names it in messages.
 * Only the shape is checked here (JSON, format string, the types of the keys
 * used); everything about content is fm_check_run's.
 * OUT: *out, a new solution the caller frees with fm_check_solution_free().
 * Returns FM_OK, FM_EINVAL with "FILE: PATH: problem" in err, or FM_ENOMEM.
 */
fm_rc fm_check_read(const char *json, size_t len, const char *file, fm_check_solution **out,
                    fm_err *err);

/* Free a solution read by fm_check_read. NULL-safe. */
void fm_check_solution_free(fm_check_solution *sol);

/*
 * Check sol against inst. Every problem found becomes one line in
 * out->problems naming the interview (index, seeker, position) or section and
 * the rule it breaks; out->n_problems counts them. out must be zeroed with
 * out->problems initialised (FM_BUF_INIT).
 * Returns FM_OK whether or not problems were found (look at n_problems), or
 * FM_ENOMEM.
 */
fm_rc fm_check_run(const fm_instance *inst, const fm_check_solution *sol, fm_check_result *out,
                   fm_err *err);

/* Release the buffers of a result. */
void fm_check_result_release(fm_check_result *res);

#endif
