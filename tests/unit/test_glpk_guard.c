/*
 * test_glpk_guard.c - running GLPK code safely (src/solve/glpk_guard.c,
 * through solve_internal.h): a GLPK error inside the guard becomes
 * FM_ESOLVER instead of an abort, GLPK works again afterwards, its
 * terminal output never reaches stdout, and the solver's clock.
 */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <glpk.h>
#include <string.h>
#include <time.h>

#include "solve/solve_internal.h"

/* Asks GLPK for zero rows: GLPK calls its error hook ("invalid number of rows"). */
static int bad_call(void *arg)
{
    glp_prob *lp = glp_create_prob();
    *(glp_prob **)arg = lp;
    glp_add_rows(lp, 0);
    return 1;
}

/* A one-column LP, max x with 0 <= x <= 3: returns 3. */
static int good_call(void *arg)
{
    glp_prob *lp = glp_create_prob();
    glp_smcp parm;
    int v;
    (void)arg;
    glp_set_obj_dir(lp, GLP_MAX);
    glp_add_cols(lp, 1);
    glp_set_col_bnds(lp, 1, GLP_DB, 0.0, 3.0);
    glp_set_obj_coef(lp, 1, 1.0);
    glp_init_smcp(&parm);
    glp_simplex(lp, &parm);
    v = (int)glp_get_obj_val(lp);
    glp_delete_prob(lp);
    return v;
}

static int chatty_call(void *arg)
{
    (void)arg;
    glp_printf("GLPK says hello\n");
    return good_call(NULL);
}

Test(glpk_guard, a_glpk_error_becomes_esolver_and_the_process_lives)
{
    glp_prob *lp = NULL;
    int ret = -1;
    fm_err err = {0};
    cr_assert_eq(fm_glpk_guarded(bad_call, &lp, &ret, &err), FM_ESOLVER);
    cr_assert_str_eq(err.msg, "GLPK failed inside the solver (internal error)");
    cr_assert_eq(ret, -1, "the function's return value is not written on failure");
}

Test(glpk_guard, glpk_works_again_after_a_failure)
{
    glp_prob *lp = NULL;
    int ret = 0;
    fm_err err = {0};
    cr_assert_eq(fm_glpk_guarded(bad_call, &lp, &ret, &err), FM_ESOLVER);
    cr_assert_eq(fm_glpk_guarded(good_call, NULL, &ret, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(ret, 3);
    cr_assert_eq(fm_glpk_guarded(good_call, NULL, &ret, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(ret, 3);
}

Test(glpk_guard, glpk_output_never_reaches_stdout, .init = cr_redirect_stdout)
{
    int ret = 0;
    fm_err err = {0};
    cr_assert_eq(fm_glpk_guarded(chatty_call, NULL, &ret, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(ret, 3);
    fflush(stdout);
    cr_assert_stdout_eq_str("");
}

Test(glpk_guard, the_clock_is_monotonic_and_counts_seconds)
{
    struct timespec pause = {0, 20 * 1000 * 1000};
    double a = fm_solve_now(), b;
    nanosleep(&pause, NULL);
    b = fm_solve_now();
    cr_assert(b - a >= 0.019 && b - a < 5.0, "20 ms measured as %g s", b - a);
}

Test(glpk_guard, the_version_is_glpks_own)
{
    cr_assert_str_eq(fm_solve_glpk_version(), glp_version());
    cr_assert_not_null(strchr(fm_solve_glpk_version(), '.'));
}
