/*
 * glpk_guard.c - running GLPK code safely: the error hook that turns a GLPK
 * failure into FM_ESOLVER instead of an abort, silenced terminal output,
 * the monotonic clock every solver deadline uses, and GLPK's version for
 * the solution's provenance.
 */
#include <glpk.h>
#include <setjmp.h>
#include <time.h>

#include "solve_internal.h"

double fm_solve_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* ---- the GLPK guard ---- */

static _Thread_local jmp_buf *guard_jmp;

static void error_hook(void *info)
{
    (void)info;
    /* GLPK's state is unusable after an error: free it all, then leave. */
    glp_free_env();
    longjmp(*guard_jmp, 1);
}

static int term_hook(void *info, const char *s)
{
    (void)info;
    (void)s;
    return 1; /* swallow: GLPK's chatter must never reach stdout */
}

fm_rc fm_glpk_guarded(fm_glpk_fn fn, void *arg, int *fn_ret, fm_err *err)
{
    jmp_buf jb;
    jmp_buf *volatile saved = guard_jmp;

    if (setjmp(jb)) {
        guard_jmp = saved;
        glp_error_hook(NULL, NULL);
        return fm_err_set(err, FM_ESOLVER, "GLPK failed inside the solver (internal error)");
    }
    guard_jmp = &jb;
    glp_term_out(GLP_OFF);
    glp_term_hook(term_hook, NULL);
    glp_error_hook(error_hook, NULL);
    *fn_ret = fn(arg);
    glp_error_hook(NULL, NULL);
    guard_jmp = saved;
    return FM_OK;
}

const char *fm_solve_glpk_version(void)
{
    return glp_version();
}
