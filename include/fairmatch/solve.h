/*
 * fairmatch/solve.h - running the matcher (shared/spec/model.md) on a parsed
 * instance and writing its solution JSON (instance-format.md, "Solution").
 * Used by `fairmatch solve`, the web server's solver queue and re-planning on
 * the fair day (fixed interviews, no-shows).
 *
 * GLPK is not reentrant: fm_solve_run may be called from any thread, but
 * runs are serialised behind one process-wide mutex, so a second caller
 * waits for the first to finish.
 */
#ifndef FAIRMATCH_SOLVE_H
#define FAIRMATCH_SOLVE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "fairmatch/err.h"
#include "fairmatch/instance.h"
#include "fairmatch/solution.h"

/* An interview that must stay exactly where it is (already held, or promised). */
typedef struct fm_solve_fixed {
    size_t score; /* index into inst->scores: the seeker-position pair */
    int period;   /* 0...T-1 */
    int table;    /* 1...tables of the position's department */
} fm_solve_fixed;

/* The change penalty's total (fm_solve_opts.prefer): below the scores' hundredths. */
#define FM_SOLVE_KEEP_BONUS 1e-3

/* What a run is doing, for a progress line (fm_solve_opts.progress). */
typedef struct fm_solve_progress {
    double elapsed;    /* seconds since the run started */
    double objective;  /* best phase-1 objective so far; -INFINITY: none yet */
    double bound;      /* proven upper bound; +INFINITY: none yet */
    const char *phase; /* what it does now, in English words ("LP relaxation", ...) */
} fm_solve_progress;

/* Called from the solving thread; must be quick and must not call the solver. */
typedef void (*fm_solve_progress_fn)(const fm_solve_progress *p, void *ctx);

/*
 * Options of one run. Zero-initialise ({0}) for a plain solve of the
 * instance as given.
 *
 * - time_limit_seconds: wall-time budget of the whole run (both phases); <= 0
 *   means the instance's policy.time_limit_seconds. When it runs out the
 *   best solution found is returned with status FM_STATUS_FEASIBLE and an
 *   honest bound.
 * - mps_path: when not NULL, the phase-1 model is written there as free MPS
 *   (with an OBJSENSE MAX section, every integer column bounded) before it
 *   is solved.
 * - fixed / n_fixed: re-planning. These interviews are kept in phase 1 (x = 1)
 *   and in phase 2 at their period and table. They must be valid pairs, at
 *   valid periods and tables, and must not collide with each other.
 * - first_period: the first period in which interviews that are not fixed
 *   may be placed (the current period on the fair day); 0 for a plan made
 *   before the day.
 * - excluded / n_excluded: seeker indexes (into inst->seekers) who get no
 *   new interview (no-shows). Fixed interviews of an excluded seeker are an
 *   error. The pool share r of a mirrored women-share still counts them.
 * - prefer / n_prefer: re-planning. The previous plan's interviews from
 *   first_period on (same triple as fixed). Phase 1 adds a change penalty:
 *   each preferred pair that stays earns FM_SOLVE_KEEP_BONUS / (n_prefer + 1)
 *   on top of its score, so among plans whose objectives differ by less
 *   than FM_SOLVE_KEEP_BONUS the one that keeps most wins; phase 2 keeps a
 *   kept pair at its old period and table whenever the rest still fits
 *   (docs/model.md, "Re-planning"). Preferred pairs need not be valid any
 *   more: a slot the day no longer allows is simply not kept. The reported
 *   objective is the model's, without the penalty.
 * - lns_min_pairs: 0 (the default) lets phase 1 start from its LP
 *   relaxation (docs/model.md, "How phase 1 is solved"). With more eligible
 *   pairs than a non-zero value and no fixed interviews, phase 1 skips the
 *   LP and improves a greedy start department by department with small
 *   MIPs, under a Lagrangian bound, status feasible: the fallback a fair
 *   too large for the LP gets, forced (for tests and comparisons).
 */
typedef struct fm_solve_opts {
    double time_limit_seconds;
    const char *mps_path;
    const fm_solve_fixed *fixed;
    size_t n_fixed;
    int first_period;
    const size_t *excluded;
    size_t n_excluded;
    const fm_solve_fixed *prefer;
    size_t n_prefer;
    size_t lns_min_pairs;
    /* progress: called a few times a second at most while phase 1 runs
     * (NULL: never), with progress_ctx. stop: when another thread sets
     * *stop to non-zero, the run ends as soon as it can with the best
     * solution so far (status feasible unless already proven) and an
     * honest bound, exactly as when the time limit runs out (NULL: never). */
    fm_solve_progress_fn progress;
    void *progress_ctx;
    const atomic_int *stop;
} fm_solve_opts;

/*
 * Solve inst: phase 1 (GLPK MIP) chooses the interviews, phase 2 gives each a
 * period and a table. opts may be NULL (same as all-zero options).
 * OUT: *out, a new solution the caller frees with fm_solution_free(); its
 * interviews are sorted by period, department id, table.
 * Returns FM_OK (status optimal or feasible), FM_EINVAL for bad options
 * (message says which fixed interview or seeker), FM_EINFEASIBLE when the
 * fixed interviews alone break a phase-1 rule, FM_EIO when the MPS file
 * cannot be written, FM_ENOMEM, or FM_ESOLVER on a GLPK failure.
 * Threads: safe; runs are serialised (see the top of this header).
 */
fm_rc fm_solve_run(const fm_instance *inst, const fm_solve_opts *opts, fm_solution **out,
                   fm_err *err);

/*
 * Release the calling thread's GLPK environment (GLPK keeps one per thread
 * and never frees it by itself). A long-lived thread that called
 * fm_solve_run and is about to exit calls this last; calling it on a thread
 * that never solved, or twice, is harmless.
 */
void fm_solve_thread_exit(void);

/*
 * Render sol (a solution of inst) as the solution JSON of instance-format.md,
 * pretty-printed, ending in a newline, with provenance (versions, the
 * instance's SHA-256, L, U, K_i per seeker, weights) and stats.
 * OUT: *json_out, a NUL-terminated string the caller frees with free().
 * Returns FM_OK or FM_ENOMEM. Reentrant (no GLPK state is touched except
 * its constant version string).
 */
fm_rc fm_solution_to_json(const fm_instance *inst, const fm_solution *sol, char **json_out,
                          fm_err *err);

#endif
