/*
 * solve_internal.h - what the solver's files share: phase 1 (model.c),
 * phase 2 (timetable.c) and the clock. Orchestration is solve.c; nothing
 * here is public API (that is include/fairmatch/solve.h).
 * All functions run under solve.c's GLPK mutex.
 */
#ifndef FAIRMATCH_SOLVE_INTERNAL_H
#define FAIRMATCH_SOLVE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "fairmatch/err.h"
#include "fairmatch/instance.h"
#include "fairmatch/solve.h"

/* GLPK's version string (model.c is the one that may include glpk.h for it). */
const char *fm_solve_glpk_version(void);

/* Monotonic seconds. */
double fm_solve_now(void);

/*
 * The run's clock for the parts of phase 1: the deadline, a stop request
 * and the progress callback (fm_solve_opts), so that every loop asks one
 * place whether to go on. fn and stop may be NULL.
 */
typedef struct fm_watch {
    fm_solve_progress_fn fn;
    void *ctx;
    const atomic_int *stop;
    double t0, last;
} fm_watch;

/* Has the run been asked to stop (not the deadline: callers check that)? */
bool fm_watch_stopped(const fm_watch *w);

/* Report progress to w->fn, at most every 0.2 s (w may be NULL). */
void fm_watch_report(fm_watch *w, const char *phase, double objective, double bound);

/* A valid inequality added to phase 1 on a retry: sum of x over scores <= rhs. */
typedef struct fm_p1_cut {
    size_t n;
    size_t *score;
    double rhs;
} fm_p1_cut;

/* Rows phase 1 learns in one run (cuts.c). */
typedef struct fm_cut_list {
    fm_p1_cut *v;
    size_t n, cap;
} fm_cut_list;

/* Append Σ_{k in score[0..n)} x_k <= rhs (score is copied). FM_OK or FM_ENOMEM. */
fm_rc fm_cuts_add(fm_cut_list *l, size_t n, const size_t *score, double rhs);

/* Free the rows and zero the list. */
void fm_cuts_release(fm_cut_list *l);

/* What the cuts for an unplaceable choice need to know of the run. */
typedef struct fm_cut_ctx {
    const fm_instance *inst;
    int first_period;              /* periods before it are gone */
    const unsigned char *force_on; /* per score: a fixed interview */
    const int *fixed_period;       /* per score, with force_on */
} fm_cut_ctx;

/*
 * Rows that cut off choice x (per score 0/1), which phase 2 could not
 * place: violated department interval rows, else one Hall row per
 * department that cannot fit, else a no-good row. *added: how many.
 */
fm_rc fm_cuts_for_unplaced(const fm_cut_ctx *c, const unsigned char *x, fm_cut_list *l,
                           size_t *added);

typedef struct fm_p1_input {
    const fm_instance *inst;
    const unsigned char *force_on;  /* per score: 1 = x fixed to 1 (NULL: none) */
    const unsigned char *force_off; /* per score: 1 = x fixed to 0 (NULL: none) */
    const fm_p1_cut *cuts;          /* extra rows (retries, re-planning) */
    size_t n_cuts;
    double deadline;      /* fm_solve_now() value at which to stop */
    const char *mps_path; /* write the model as free MPS (OBJSENSE MAX), or NULL */
    size_t lns_min_pairs; /* more pairs than this: neighbourhood search; 0 = default */
    /* One GLPK branch-and-cut on the model as built (presolve on), without
     * the LP-guided search: the old neighbourhood search's sub-MIPs. */
    bool plain;
    fm_watch *watch; /* progress and stop; NULL: neither */
    /* Joint model (solve.c's last resort when no timetable holds phase 1's
     * choice): also a 0/1 column per pair and period the seeker can come in,
     * with model.md's timetable rules 1-3 as rows, so that the choice comes
     * with periods. Forced pairs sit at fixed_period; others at periods >=
     * first_period. Never with neighbourhoods or the MPS export. */
    bool joint;
    const int *fixed_period; /* per score, with force_on (joint only) */
    int first_period;
} fm_p1_input;

typedef struct fm_p1_result {
    unsigned char *x; /* per score 0/1; caller frees */
    double objective; /* GLPK's objective of x (the caller recomputes exactly) */
    double bound;     /* proven upper bound */
    bool proven;      /* search finished: x optimal */
    int *period;      /* joint only: per score, its period or -1; caller frees */
    long variables, constraints, nodes;
} fm_p1_result;

/* Phase 1: build and solve the MIP. res->x is allocated on success. */
fm_rc fm_model_solve(const fm_p1_input *in, fm_p1_result *res, fm_err *err);

/*
 * A proven upper bound on phase 1's optimum by Lagrangian relaxation of the
 * position rows (bound.c), for runs GLPK cannot finish. alive: per score,
 * whether x may be 1; K: per seeker. Must not be used with pairs forced to
 * 1. primal: the value of a known solution (steers the step size). Stops at
 * deadline. Returns +INFINITY when out of memory.
 */
double fm_bound_lagrangian(const fm_instance *inst, const unsigned char *alive, const int *K,
                           double primal, double deadline);

typedef struct fm_tt_input {
    const fm_instance *inst;
    size_t n;                /* interviews to place */
    const size_t *score;     /* per interview: index into inst->scores */
    const int *fixed_period; /* per interview: -1 free, else fixed (NULL: none fixed) */
    const int *fixed_table;  /* with fixed_period */
    const double *value;     /* per interview: what dropping it costs (higher = keep) */
    int first_period;        /* free interviews only at >= this */
    double deadline;
    /* Per interview, a period from a placement known to keep rules 1-3 (the
     * joint model's): used instead of scheduling from scratch, then only
     * compressed and improved. NULL: schedule from scratch. */
    const int *start_period;
} fm_tt_input;

typedef struct fm_tt_result {
    int *period; /* per interview; -1 = could not be placed; caller frees */
    int *table;  /* per interview, 1-based; caller frees */
    int makespan;
    int lower_bound; /* the makespan no timetable can beat (gap-free bound) */
    size_t n_unplaced;
} fm_tt_result;

/* Phase 2: periods and tables for the interviews (model.md rules 1-3). */
fm_rc fm_timetable_solve(const fm_tt_input *in, fm_tt_result *res, fm_err *err);

/*
 * Run GLPK code guarded: installs the error hook so a GLPK failure returns
 * FM_ESOLVER instead of aborting, and silences terminal output; fn's own
 * return value comes back in *fn_ret. After FM_ESOLVER every GLPK object fn
 * made is gone (the environment was freed). Defined in
 * model.c, used by timetable.c for its assignment MIP.
 */
typedef int (*fm_glpk_fn)(void *arg);
fm_rc fm_glpk_guarded(fm_glpk_fn fn, void *arg, int *fn_ret, fm_err *err);

#endif
