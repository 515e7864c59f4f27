/*
 * timetable_repair.c - phase 2's repair: when list scheduling leaves
 * interviews out (gaps, availability with holes), one GLPK assignment MIP
 * places every interview that is not fixed, z_kp per interview and usable
 * period, with the table and gap rules as rows. The rest of phase 2 is
 * timetable.c's.
 */
#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "timetable_internal.h"

/* ---- repair: an assignment MIP when list scheduling leaves interviews out ---- */

/*
 * The MIP's scratch arrays are allocated by repair_run before the GLPK
 * guard: GLPK's error hook longjmps out of repair_solve, past any free in
 * it, so the guarded code allocates nothing of its own.
 */
typedef struct repair {
    tt *t;
    int *col_k, *col_p; /* per column: interview and period */
    int ncols;
    double deadline;
    int *ind;          /* row scratch: ncols + 2 */
    double *val;       /* row scratch: ncols + 2 */
    int *first, *last; /* per interview: its first and last column, 0 = none */
    size_t *bstart;    /* per (department, period) bucket: start in bcol */
    int *bcol;         /* columns by bucket */
} repair;

static void add_row(glp_prob *lp, int len, const int *ind, const double *val, double ub)
{
    int row = glp_add_rows(lp, 1);
    glp_set_row_bnds(lp, row, GLP_UP, 0, ub);
    glp_set_mat_row(lp, row, len, ind, val);
}

/* Columns z_kp, and each interview at most once. */
static void repair_columns(glp_prob *lp, repair *r)
{
    tt *t = r->t;

    glp_set_obj_dir(lp, GLP_MAX);
    glp_add_cols(lp, r->ncols);
    for (int c = 1; c <= r->ncols; c++) {
        size_t k = (size_t)r->col_k[c];
        glp_set_col_kind(lp, c, GLP_BV);
        /* Keep the valuable ones; among equals prefer early periods a little. */
        glp_set_obj_coef(lp, c, t->in->value[k] + 1.0 - 1e-3 * r->col_p[c] / t->T);
        if (!r->first[k])
            r->first[k] = c;
        r->last[k] = c;
    }
    for (size_t k = 0; k < t->n; k++) {
        int len = 0;
        if (!r->first[k])
            continue;
        for (int c = r->first[k]; c <= r->last[k]; c++)
            r->ind[++len] = c, r->val[len] = 1;
        add_row(lp, len, r->ind, r->val, 1);
    }
}

/* The free tables of each department and period: columns bucketed by (d, p). */
static void repair_tables(glp_prob *lp, repair *r)
{
    tt *t = r->t;
    size_t T = (size_t)t->T, nb = t->inst->n_departments * T, *bstart = r->bstart;

    for (int c = 1; c <= r->ncols; c++)
        bstart[(size_t)t->dep[r->col_k[c]] * T + (size_t)r->col_p[c] + 1]++;
    for (size_t b = 0; b < nb; b++)
        bstart[b + 1] += bstart[b];
    for (int c = 1; c <= r->ncols; c++)
        r->bcol[bstart[(size_t)t->dep[r->col_k[c]] * T + (size_t)r->col_p[c]]++] = c;
    for (size_t b = nb; b > 0; b--)
        bstart[b] = bstart[b - 1];
    bstart[0] = 0;
    for (size_t b = 0; b < nb; b++) {
        int len = 0, cap = t->inst->departments[b / T].tables - t->cnt[b];
        for (size_t j = bstart[b]; j < bstart[b + 1]; j++)
            r->ind[++len] = r->bcol[j], r->val[len] = 1;
        if (len > cap)
            add_row(lp, len, r->ind, r->val, cap);
    }
}

/* A seeker: at most one interview in any gap+1 consecutive periods. */
static void repair_gaps(glp_prob *lp, repair *r)
{
    tt *t = r->t;

    for (size_t i = 0; i < t->inst->n_seekers; i++)
        for (int p = 0; p + t->gap < t->T; p++) {
            int len = 0;
            for (size_t q = t->s_start[i]; q < t->s_start[i + 1]; q++) {
                size_t k = t->s_idx[q];
                for (int c = r->first[k]; r->first[k] && c <= r->last[k]; c++)
                    if (r->col_p[c] >= p && r->col_p[c] <= p + t->gap)
                        r->ind[++len] = c, r->val[len] = 1;
            }
            if (len >= 2)
                add_row(lp, len, r->ind, r->val, 1);
        }
}

/* Under the GLPK guard: build, solve, and place what the MIP chose. */
static int repair_solve(void *arg)
{
    repair *r = arg;
    glp_prob *lp = glp_create_prob();
    glp_iocp parm;
    double left;

    repair_columns(lp, r);
    repair_tables(lp, r);
    repair_gaps(lp, r);
    glp_init_iocp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.presolve = GLP_ON;
    left = r->deadline - fm_solve_now();
    parm.tm_lim = left > 0.001 ? (int)fmin(left * 1000.0, 2e9) : 1;
    glp_intopt(lp, &parm);
    if (glp_mip_status(lp) == GLP_OPT || glp_mip_status(lp) == GLP_FEAS)
        for (int c = 1; c <= r->ncols; c++)
            if (glp_mip_col_val(lp, c) > 0.5)
                place(r->t, (size_t)r->col_k[c], r->col_p[c]);
    glp_delete_prob(lp);
    return 0;
}

static void repair_release(repair *r)
{
    free(r->col_k);
    free(r->col_p);
    free(r->ind);
    free(r->val);
    free(r->first);
    free(r->last);
    free(r->bstart);
    free(r->bcol);
}

/* Columns: every interview that is not fixed, in each period it could use. */
static fm_rc repair_alloc(repair *r)
{
    tt *t = r->t;
    size_t cols = t->n * (size_t)t->T + 2;

    r->col_k = calloc(cols, sizeof *r->col_k);
    r->col_p = calloc(cols, sizeof *r->col_p);
    if (!r->col_k || !r->col_p)
        return FM_ENOMEM;
    for (size_t k = 0; k < t->n; k++)
        for (int p = 0; !t->fixed[k] && p < t->T; p++)
            if (room(t, t->dep[k], p) && seeker_ok(t, k, p)) {
                r->ncols++;
                r->col_k[r->ncols] = (int)k;
                r->col_p[r->ncols] = p;
            }
    r->ind = calloc((size_t)r->ncols + 2, sizeof *r->ind);
    r->val = calloc((size_t)r->ncols + 2, sizeof *r->val);
    r->first = calloc(t->n + 1, sizeof *r->first);
    r->last = calloc(t->n + 1, sizeof *r->last);
    r->bstart = calloc(t->inst->n_departments * (size_t)t->T + 2, sizeof *r->bstart);
    r->bcol = calloc((size_t)r->ncols + 1, sizeof *r->bcol);
    if (!r->ind || !r->val || !r->first || !r->last || !r->bstart || !r->bcol)
        return FM_ENOMEM;
    return FM_OK;
}

/*
 * Re-place every interview that is not fixed by one MIP: z_kp for each
 * interview and each period its seeker could use (fixed neighbours
 * respected), with the table and gap rules as rows. It keeps the list
 * schedule when the MIP does no better.
 */
fm_rc fm_tt_repair(tt *t, fm_err *err)
{
    repair r = {.t = t, .deadline = t->in->deadline};
    int *saved = malloc((t->n + 1) * sizeof *saved), ret = 0;
    double placed_before = 0, placed_after = 0;
    fm_rc rc = FM_ENOMEM;

    if (!saved)
        goto done;
    memcpy(saved, t->period, t->n * sizeof *saved);
    for (size_t k = 0; k < t->n; k++) {
        placed_before += saved[k] >= 0 ? t->in->value[k] + 1.0 : 0.0;
        if (!t->fixed[k])
            place(t, k, -1);
    }
    rc = repair_alloc(&r);
    if (!rc)
        rc = fm_glpk_guarded(repair_solve, &r, &ret, err);
    for (size_t k = 0; !rc && k < t->n; k++)
        placed_after += t->period[k] >= 0 ? t->in->value[k] + 1.0 : 0.0;
    /* On a GLPK failure, or when the MIP placed less, the list schedule stays. */
    if (rc == FM_ENOMEM || rc == FM_ESOLVER || placed_after < placed_before)
        for (size_t k = 0; k < t->n; k++)
            if (!t->fixed[k]) {
                place(t, k, -1);
                place(t, k, saved[k]);
            }
done:
    if (rc == FM_ENOMEM)
        fm_err_set(err, FM_ENOMEM, "out of memory");
    free(saved);
    repair_release(&r);
    return rc;
}
