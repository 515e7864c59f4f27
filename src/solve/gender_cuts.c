/*
 * gender_cuts.c - the whole-person cuts of the gender rows: per department,
 * the convex hull of "n interviews, m of them women, slack gl + gu" over
 * whole n and m, added to phase 1's LP where the LP point lies outside it.
 *
 * Why: the gender rows are the only part of phase 1 that is not a network,
 * and their LP relaxation can spread a fraction of a woman to dodge the
 * penalty. With a tolerance of 0 (L = U = r) every department whose count
 * n makes r * n fractional pays for that in any whole solution, and the
 * LP pays nothing: on hard-700-tol0 the LP bound was 1.6 % above the
 * optimum and GLPK's Gomory and MIR cuts closed only a third of it.
 *
 * The cut for department d is found exactly: the slack per person is
 * h(n, m) = max(0, L n - m) + max(0, m - U n) at whole points (n, m) of the
 * department's box (0 <= n <= N, m <= W women, n - m <= M men, m <= n);
 * the largest a n* + b m* + c with a n + b m + c <= h(n, m) at every whole
 * point is the lower convex envelope of h at the LP point (n*, m*). When it
 * is above the LP's gl + gu, "gl + gu >= a n + b m + c" holds for every
 * whole solution and cuts the LP point off. The separation is a 3-column LP
 * with one row per whole point (at most a few thousand).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "model_internal.h"

/* The envelope's plane at (ns, ms) over the box; false when none is found. */
static bool envelope(const model *m, int N, int W, int M, double ns, double ms, double *a,
                     double *b, double *c, double *value)
{
    glp_prob *lp = glp_create_prob();
    glp_smcp p;
    int ind[4] = {0, 1, 2, 3};
    double val[4];
    bool ok = false;

    glp_set_obj_dir(lp, GLP_MAX);
    glp_add_cols(lp, 3);
    for (int j = 1; j <= 3; j++)
        glp_set_col_bnds(lp, j, GLP_FR, 0, 0);
    glp_set_obj_coef(lp, 1, ns);
    glp_set_obj_coef(lp, 2, ms);
    glp_set_obj_coef(lp, 3, 1);
    for (int n = 0; n <= N; n++)
        for (int w = n - M > 0 ? n - M : 0; w <= n && w <= W; w++) {
            int r = glp_add_rows(lp, 1);
            val[1] = n, val[2] = w, val[3] = 1;
            glp_set_row_bnds(lp, r, GLP_UP, 0, fm_model_slack(m, n, w));
            glp_set_mat_row(lp, r, 3, ind, val);
        }
    glp_init_smcp(&p);
    p.msg_lev = GLP_MSG_OFF;
    p.meth = GLP_DUALP;
    if (glp_get_num_rows(lp) > 0 && glp_simplex(lp, &p) == 0 && glp_get_status(lp) == GLP_OPT) {
        *a = glp_get_col_prim(lp, 1);
        *b = glp_get_col_prim(lp, 2);
        *c = glp_get_col_prim(lp, 3);
        *value = glp_get_obj_val(lp);
        ok = true;
    }
    glp_delete_prob(lp);
    return ok;
}

static int upper(glp_prob *lp, int j)
{
    return (int)floor(glp_get_col_ub(lp, j) + 1e-9);
}

int fm_gender_cuts_add(model *m, int *added)
{
    const fm_instance *in = m->inst;
    glp_prob *lp = m->lp;
    char name[48];

    *added = 0;
    if (in->weights.gender <= 0)
        return 0;
    for (size_t d = 0; d < in->n_departments; d++) {
        int cn = m->col_n[d], cm = m->col_m[d], ind[5], len = 0, N, W, M;
        double ns, ms, gs = 0, a, b, c, env, val[5];
        if (!cn || (!m->col_gl[d] && !m->col_gu[d]))
            continue;
        N = upper(lp, cn);
        W = upper(lp, cm);
        M = m->men[d] < N ? m->men[d] : N;
        ns = glp_get_col_prim(lp, cn);
        ms = glp_get_col_prim(lp, cm);
        if (m->col_gl[d])
            gs += glp_get_col_prim(lp, m->col_gl[d]);
        if (m->col_gu[d])
            gs += glp_get_col_prim(lp, m->col_gu[d]);
        if (!envelope(m, N, W, M, ns, ms, &a, &b, &c, &env) || env <= gs + 1e-6)
            continue;
        if (m->col_gl[d])
            ind[++len] = m->col_gl[d], val[len] = 1;
        if (m->col_gu[d])
            ind[++len] = m->col_gu[d], val[len] = 1;
        ind[++len] = cn, val[len] = -a;
        ind[++len] = cm, val[len] = -b;
        snprintf(name, sizeof name, "hull%zu_%d", d, glp_get_num_rows(lp) + 1);
        {
            int r = glp_add_rows(lp, 1);
            glp_set_row_name(lp, r, name);
            glp_set_row_bnds(lp, r, GLP_LO, c, 0);
            glp_set_mat_row(lp, r, len, ind, val);
        }
        ++*added;
    }
    return 0;
}
