/*
 * cmd_solve.c - `fairmatch solve`: read an instance file, run the matcher,
 * write the solution JSON to stdout or a file. The model is src/solve's;
 * this file only reads, times and writes. A bad instance leaves stdout empty.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "fairmatch/instance.h"
#include "fairmatch/solve.h"

static const char usage[] =
    "usage: fairmatch solve INSTANCE [-o SOLUTION] [--time-limit SECONDS] [--write-mps FILE]\n"
    "                       [--progress]\n";
static const char about[] =
    "Choose who interviews for which position (phase 1, a GLPK MIP) and when\n"
    "and at which table (phase 2), as in docs/model.md. INSTANCE is a\n"
    "fairmatch-instance/1 JSON file; the solution JSON goes to standard\n"
    "output, or to SOLUTION (written whole or not at all).\n";
static const char after[] =
    "Exit status: 0 optimal or feasible, 2 bad instance or usage, 1 internal failure.\n";

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* The progress line: stderr only, so it never mixes with the solution. */
typedef struct progress_line {
    double last;
} progress_line;

static void print_progress(const fm_solve_progress *p, void *ctx)
{
    progress_line *pl = ctx;
    char best[32] = "none yet", bound[32] = "none yet", gap[32] = "-";

    if (p->elapsed < 1.0 || p->elapsed - pl->last < 1.0)
        return;
    pl->last = p->elapsed;
    if (isfinite(p->objective))
        snprintf(best, sizeof best, "%.2f", p->objective);
    if (isfinite(p->bound))
        snprintf(bound, sizeof bound, "%.2f", p->bound);
    if (isfinite(p->objective) && isfinite(p->bound))
        snprintf(gap, sizeof gap, "%.3f %%",
                 100.0 * fmax(0.0, p->bound - p->objective) / fmax(1.0, fabs(p->bound)));
    fprintf(stderr, "fairmatch: solve: %.1f s, best %s, bound %s, gap %s, %s\n", p->elapsed, best,
            bound, gap, p->phase);
}

int fm_cli_solve(int argc, char **argv)
{
    double t0 = now_seconds(), limit = 0;
    const char *out_path = NULL, *path = NULL;
    fm_solve_opts so = {0};
    bool progress = false;
    const fm_cli_opt opts[] = {
        FM_OPT_OUTPUT(NULL, &out_path, "SOLUTION", "write the solution to this file"),
        FM_OPT_SECONDS("time-limit", &limit, "SECONDS",
                       "wall-time budget of the whole run (default: the\n"
                       "instance's policy.time_limit_seconds); when it runs\n"
                       "out the best solution so far is written, status feasible"),
        FM_OPT_STRING("write-mps", &so.mps_path, "FILE",
                      "also write the phase-1 model as free MPS (OBJSENSE MAX)"),
        FM_OPT_FLAG("progress", &progress,
                    "a progress line on standard error at most once a second\n"
                    "once the run passes one second (the default when\n"
                    "standard error is a terminal): elapsed, best objective,\n"
                    "bound, gap and what the solver is doing"),
        FM_OPT_END};
    const fm_cli_spec spec = {.cmd = "solve",
                              .usage = usage,
                              .about = about,
                              .after = after,
                              .opts = opts,
                              .nargs = 1,
                              .args_name = "INSTANCE",
                              .args = &path};
    fm_instance *inst = NULL;
    fm_solution *sol = NULL;
    char *json = NULL;
    fm_err err = {0};
    progress_line pl = {0};
    int status;

    if (fm_cli_parse(&spec, argc, argv, &status))
        return status;
    progress = progress || isatty(STDERR_FILENO);
    if (fm_cli_load_instance(path, &inst, &err)) {
        status = fm_cli_fail(&err);
        goto done;
    }
    /* The budget covers reading and parsing too; phase 1 gets what is left. */
    if (limit <= 0)
        limit = inst->time_limit_seconds;
    so.time_limit_seconds = fmax(0.05, limit - (now_seconds() - t0));
    if (progress) {
        so.progress = print_progress;
        so.progress_ctx = &pl;
    }
    if (fm_solve_run(inst, &so, &sol, &err) || fm_solution_to_json(inst, sol, &json, &err)) {
        status = fm_cli_fail(&err);
        goto done;
    }
    status = fm_cli_output("solve", out_path, json, strlen(json));
done:
    free(json);
    fm_solution_free(sol);
    fm_instance_free(inst);
    return status;
}
