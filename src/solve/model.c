/*
 * model.c - phase 1 of model.md as a GLPK MIP: which seeker interviews for
 * which position. It owns the formulation (integer department counts, slack
 * columns only where they can be non-zero) and the model's memory. How it
 * is solved, and the MPS export, are model_solve.c's; the greedy start is
 * greedy.c's, the joint model's timetable part joint.c's, the GLPK guard
 * glpk_guard.c's.
 */
#include <glpk.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_internal.h"
#include "solve_internal.h"

/* ---- the formulation ---- */

static bool alive(const model *m, size_t k)
{
    const fm_inst_score *sc = &m->inst->scores[k];
    if (m->in->force_off && m->in->force_off[k] && !(m->in->force_on && m->in->force_on[k]))
        return false;
    return m->K[sc->seeker] > 0 || (m->in->force_on && m->in->force_on[k]);
}

double fm_model_slack(const model *m, double n, double w)
{
    return fmax(0.0, m->L * n - w) + fmax(0.0, w - m->U * n);
}

int fm_model_dep(const model *m, size_t k)
{
    return m->inst->positions[m->inst->scores[k].position].department;
}

void fm_model_add_row(model *m, int len, int type, double lo, double hi, const char *name)
{
    int r = glp_add_rows(m->lp, 1);
    glp_set_row_name(m->lp, r, name);
    glp_set_row_bnds(m->lp, r, type, lo, hi);
    glp_set_mat_row(m->lp, r, len, m->ind, m->val);
}

int fm_model_add_col(model *m, const char *name, int kind, double lo, double hi, double obj)
{
    int c = glp_add_cols(m->lp, 1);
    glp_set_col_name(m->lp, c, name);
    glp_set_col_kind(m->lp, c, kind);
    if (kind != GLP_BV)
        glp_set_col_bnds(m->lp, c, lo == hi ? GLP_FX : (hi >= 1e300 ? GLP_LO : GLP_DB), lo, hi);
    glp_set_obj_coef(m->lp, c, obj);
    return c;
}

/* Per-seeker and per-position counts of alive scores, and the columns of x, y, u. */
/* Objective coefficients of x, with the folded coverage and shortfall terms. */
static void compute_coefs(model *m)
{
    const fm_instance *in = m->inst;
    const fm_weights *w = &in->weights;
    const size_t *ss = m->by_seeker.start, *ps = m->by_pos.start;

    for (size_t k = 0; k < in->n_scores; k++) {
        const fm_inst_score *sc = &in->scores[k];
        int want = in->min_candidates_per_place * in->positions[sc->position].places;
        if (!m->alive_k[k])
            continue;
        m->cx[k] = sc->score + fm_instance_seeker_priority(in, (size_t)sc->seeker) +
                   fm_instance_department_priority(in, (size_t)fm_model_dep(m, k));
        /* One chance only: y_i = x_ip exactly, so coverage joins x's coefficient. */
        if (ss[sc->seeker + 1] - ss[sc->seeker] == 1)
            m->cx[k] += w->coverage;
        /* Too few candidates to ever fill the minimum: u_p = want - sum x exactly. */
        if (ps[sc->position + 1] - ps[sc->position] <= (size_t)want)
            m->cx[k] += w->shortfall;
    }
}

static void build_columns(model *m)
{
    const fm_instance *in = m->inst;
    const size_t *ss = m->by_seeker.start, *ps = m->by_pos.start;
    const fm_weights *w = &in->weights;
    char name[48];

    for (size_t k = 0; k < in->n_scores; k++) {
        if (!m->alive_k[k])
            continue;
        snprintf(name, sizeof name, "x%zu", k);
        m->col_x[k] = fm_model_add_col(m, name, GLP_BV, 0, 1, m->cx[k]);
        if (m->in->force_on && m->in->force_on[k])
            glp_set_col_bnds(m->lp, m->col_x[k], GLP_FX, 1, 1);
    }
    for (size_t i = 0; i < in->n_seekers; i++) {
        if (ss[i + 1] - ss[i] < 2 || w->coverage <= 0)
            continue;
        snprintf(name, sizeof name, "y%zu", i);
        m->col_y[i] = fm_model_add_col(m, name, GLP_CV, 0, 1, w->coverage);
    }
    for (size_t p = 0; p < in->n_positions; p++) {
        int want = in->min_candidates_per_place * in->positions[p].places;
        if (ps[p + 1] - ps[p] <= (size_t)want) {
            m->constant -= w->shortfall * (double)want;
            continue;
        }
        if (w->shortfall <= 0)
            continue;
        /* v_p = want - u_p, the part of the minimum that is met: x = 0 is then
         * a feasible all-slack start, which spares the simplex its phase 1. */
        m->constant -= w->shortfall * (double)want;
        snprintf(name, sizeof name, "v%zu", p);
        m->col_u[p] = fm_model_add_col(m, name, GLP_CV, 0, want, w->shortfall);
    }
}

static void build_departments(model *m)
{
    const fm_instance *in = m->inst;
    const groups *g = &m->by_dep;
    char name[48];

    for (size_t d = 0; d < in->n_departments; d++) {
        size_t cnt = g->start[d + 1] - g->start[d], cntw = 0, cntm = 0, places = 0;
        /* Whole persons: one interview per seeker and department, so the
         * counts are bounded by the seekers who can come, and by the
         * positions' maximum (valid bounds that tighten the LP). */
        for (size_t j = g->start[d]; j < g->start[d + 1]; j++) {
            int i = in->scores[g->idx[j]].seeker;
            if (m->stamp[i] == (int)d + 1)
                continue;
            m->stamp[i] = (int)d + 1;
            if (in->seekers[i].gender == FM_GENDER_WOMAN)
                cntw++;
            else
                cntm++;
        }
        for (size_t p = 0; p < in->n_positions; p++)
            if (in->positions[p].department == (int)d)
                places += (size_t)(in->max_candidates_per_place * in->positions[p].places);
        m->men[d] = (int)cntm;
        double cap = (double)in->departments[d].tables * in->periods;
        double nub = fmin(fmin(cap, (double)cnt), fmin((double)places, (double)(cntw + cntm)));
        if (cnt == 0)
            continue;
        /* Integer counts: the gender rows then cut on whole persons, which
         * is what makes the LP bound tight (issue 4's measurements). */
        snprintf(name, sizeof name, "n%zu", d);
        m->col_n[d] = fm_model_add_col(m, name, GLP_IV, 0, nub, 0);
        snprintf(name, sizeof name, "m%zu", d);
        m->col_m[d] = fm_model_add_col(m, name, GLP_IV, 0, fmin(nub, (double)cntw), 0);
        if (in->weights.gender > 0 && m->L > 0) {
            snprintf(name, sizeof name, "gl%zu", d);
            m->col_gl[d] = fm_model_add_col(m, name, GLP_CV, 0, 1e308, -in->weights.gender);
        }
        if (in->weights.gender > 0 && m->U < 1) {
            snprintf(name, sizeof name, "gu%zu", d);
            m->col_gu[d] = fm_model_add_col(m, name, GLP_CV, 0, 1e308, -in->weights.gender);
        }
    }
}

static void groups_release(groups *g)
{
    free(g->start);
    free(g->idx);
}

static int groups_make(const model *m, size_t ngroups, int which, groups *g)
{
    const fm_instance *in = m->inst;
    size_t *fill;
    g->start = calloc(ngroups + 2, sizeof *g->start);
    g->idx = calloc(in->n_scores + 1, sizeof *g->idx);
    fill = calloc(ngroups + 1, sizeof *fill);
    if (!g->start || !g->idx || !fill) {
        free(fill);
        return 0;
    }
    for (size_t k = 0; k < in->n_scores; k++) {
        size_t key = which == 0   ? (size_t)in->scores[k].seeker
                     : which == 1 ? (size_t)in->scores[k].position
                                  : (size_t)fm_model_dep(m, k);
        if (m->alive_k[k])
            g->start[key + 1]++;
    }
    for (size_t i = 0; i < ngroups; i++)
        g->start[i + 1] += g->start[i];
    for (size_t k = 0; k < in->n_scores; k++) {
        size_t key = which == 0   ? (size_t)in->scores[k].seeker
                     : which == 1 ? (size_t)in->scores[k].position
                                  : (size_t)fm_model_dep(m, k);
        if (m->alive_k[k])
            g->idx[g->start[key] + fill[key]++] = k;
    }
    free(fill);
    return 1;
}

static void build_department_rows(model *m, const groups *by_dep)
{
    const fm_instance *in = m->inst;
    char name[48];

    for (size_t d = 0; d < in->n_departments; d++) {
        int len = 0, lenw = 0;
        if (!m->col_n[d])
            continue;
        for (size_t j = by_dep->start[d]; j < by_dep->start[d + 1]; j++) {
            m->ind[++len] = m->col_x[by_dep->idx[j]];
            m->val[len] = -1;
        }
        m->ind[++len] = m->col_n[d];
        m->val[len] = 1;
        snprintf(name, sizeof name, "count_n%zu", d);
        fm_model_add_row(m, len, GLP_FX, 0, 0, name);
        for (size_t j = by_dep->start[d]; j < by_dep->start[d + 1]; j++) {
            size_t k = by_dep->idx[j];
            if (in->seekers[in->scores[k].seeker].gender != FM_GENDER_WOMAN)
                continue;
            m->ind[++lenw] = m->col_x[k];
            m->val[lenw] = -1;
        }
        m->ind[++lenw] = m->col_m[d];
        m->val[lenw] = 1;
        snprintf(name, sizeof name, "count_m%zu", d);
        fm_model_add_row(m, lenw, GLP_FX, 0, 0, name);
        if (m->col_gl[d]) {
            m->ind[1] = m->col_m[d], m->val[1] = 1;
            m->ind[2] = m->col_n[d], m->val[2] = -m->L;
            m->ind[3] = m->col_gl[d], m->val[3] = 1;
            snprintf(name, sizeof name, "share_lo%zu", d);
            fm_model_add_row(m, 3, GLP_LO, 0, 0, name);
        }
        if (m->col_gu[d]) {
            m->ind[1] = m->col_n[d], m->val[1] = m->U;
            m->ind[2] = m->col_m[d], m->val[2] = -1;
            m->ind[3] = m->col_gu[d], m->val[3] = 1;
            snprintf(name, sizeof name, "share_hi%zu", d);
            fm_model_add_row(m, 3, GLP_LO, 0, 0, name);
        }
    }
}

static void build_position_rows(model *m, const groups *by_pos)
{
    const fm_instance *in = m->inst;
    char name[48];

    for (size_t p = 0; p < in->n_positions; p++) {
        size_t cnt = by_pos->start[p + 1] - by_pos->start[p];
        int places = in->positions[p].places, len = 0;
        for (size_t j = by_pos->start[p]; j < by_pos->start[p + 1]; j++) {
            m->ind[++len] = m->col_x[by_pos->idx[j]];
            m->val[len] = 1;
        }
        if (cnt > (size_t)(in->max_candidates_per_place * places)) {
            snprintf(name, sizeof name, "max_c%zu", p);
            fm_model_add_row(m, len, GLP_UP, 0, in->max_candidates_per_place * places, name);
        }
        if (m->col_u[p]) {
            m->ind[++len] = m->col_u[p];
            m->val[len] = -1;
            snprintf(name, sizeof name, "min_c%zu", p);
            fm_model_add_row(m, len, GLP_LO, 0, 0, name);
        }
    }
}

static void build_seeker_rows(model *m, const groups *by_seeker)
{
    const fm_instance *in = m->inst;
    char name[48];

    for (size_t i = 0; i < in->n_seekers; i++) {
        size_t a = by_seeker->start[i], b = by_seeker->start[i + 1];
        int len = 0, ndeps = 0;
        for (size_t j = a; j < b; j++) {
            m->ind[++len] = m->col_x[by_seeker->idx[j]];
            m->val[len] = 1;
        }
        /* Constraint 4, only for departments where the seeker has two chances. */
        for (size_t j = a; j < b; j++) {
            int d = fm_model_dep(m, by_seeker->idx[j]), first = 1, cnt = 0;
            for (size_t jj = a; jj < j && first; jj++)
                first = fm_model_dep(m, by_seeker->idx[jj]) != d;
            if (!first)
                continue;
            ndeps++;
            for (size_t jj = j; jj < b; jj++)
                if (fm_model_dep(m, by_seeker->idx[jj]) == d) {
                    m->ind[len + 1 + cnt] = m->col_x[by_seeker->idx[jj]];
                    m->val[len + 1 + cnt++] = 1;
                }
            if (cnt >= 2) {
                snprintf(name, sizeof name, "one_dep%zu_%d", i, d);
                int r = glp_add_rows(m->lp, 1);
                glp_set_row_name(m->lp, r, name);
                glp_set_row_bnds(m->lp, r, GLP_UP, 0, 1);
                glp_set_mat_row(m->lp, r, cnt, m->ind + len, m->val + len);
            }
        }
        /* Constraint 3 binds only when the seeker has more departments than K_i. */
        if (ndeps > m->K[i]) {
            snprintf(name, sizeof name, "cap%zu", i);
            fm_model_add_row(m, len, GLP_UP, 0, m->K[i], name);
        }
        if (m->col_y[i]) {
            for (int t = 1; t <= len; t++)
                m->val[t] = -1;
            m->ind[++len] = m->col_y[i];
            m->val[len] = 1;
            snprintf(name, sizeof name, "cover%zu", i);
            fm_model_add_row(m, len, GLP_UP, 0, 0, name);
        }
    }
}

static void build_cuts(model *m)
{
    char name[48];
    for (size_t c = 0; c < m->in->n_cuts; c++) {
        const fm_p1_cut *cut = &m->in->cuts[c];
        int len = 0;
        for (size_t j = 0; j < cut->n; j++) {
            if (!m->col_x[cut->score[j]])
                continue;
            m->ind[++len] = m->col_x[cut->score[j]];
            m->val[len] = 1;
        }
        if (len == 0)
            continue;
        snprintf(name, sizeof name, "cut%zu", c);
        fm_model_add_row(m, len, GLP_UP, 0, cut->rhs, name);
    }
}

/* ---- the model's life ---- */

fm_rc fm_model_alloc(model *m)
{
    const fm_instance *in = m->inst;
    size_t ns = in->n_scores + 1, nd = in->n_departments + 1;
    m->K = calloc(in->n_seekers + 1, sizeof *m->K);
    m->alive_k = calloc(ns, 1);
    m->col_x = calloc(ns, sizeof *m->col_x);
    m->cx = calloc(ns, sizeof *m->cx);
    m->col_y = calloc(in->n_seekers + 1, sizeof *m->col_y);
    m->col_u = calloc(in->n_positions + 1, sizeof *m->col_u);
    m->col_n = calloc(nd, sizeof *m->col_n);
    m->col_m = calloc(nd, sizeof *m->col_m);
    m->col_gl = calloc(nd, sizeof *m->col_gl);
    m->col_gu = calloc(nd, sizeof *m->col_gu);
    m->men = calloc(nd, sizeof *m->men);
    m->stamp = calloc(in->n_seekers + 1, sizeof *m->stamp);
    m->ind = calloc(2 * ns + 8, sizeof *m->ind);
    m->val = calloc(2 * ns + 8, sizeof *m->val);
    if (!m->K || !m->alive_k || !m->col_x || !m->cx || !m->col_y || !m->col_u || !m->col_n ||
        !m->col_m || !m->col_gl || !m->col_gu || !m->men || !m->stamp || !m->ind || !m->val)
        return FM_ENOMEM;
    return FM_OK;
}

void fm_model_release(model *m)
{
    free(m->K);
    free(m->alive_k);
    free(m->col_x);
    free(m->cx);
    free(m->col_y);
    free(m->col_u);
    free(m->col_n);
    free(m->col_m);
    free(m->col_gl);
    free(m->col_gu);
    free(m->men);
    free(m->stamp);
    free(m->ind);
    free(m->val);
    free(m->z_k);
    free(m->z_t);
    groups_release(&m->by_seeker);
    groups_release(&m->by_pos);
    groups_release(&m->by_dep);
}

int fm_model_prepare(model *m, unsigned char *greedy)
{
    const fm_instance *inst = m->inst;
    fm_instance_share_bounds(inst, &m->L, &m->U);
    for (size_t i = 0; i < inst->n_seekers; i++)
        m->K[i] = fm_instance_capacity(inst, i);
    for (size_t k = 0; k < inst->n_scores; k++)
        m->alive_k[k] = alive(m, k);
    if (!groups_make(m, inst->n_seekers, 0, &m->by_seeker) ||
        !groups_make(m, inst->n_positions, 1, &m->by_pos) ||
        !groups_make(m, inst->n_departments, 2, &m->by_dep))
        return 0;
    compute_coefs(m);
    m->greedy = greedy;
    return fm_model_greedy(m, greedy);
}

int fm_model_build(model *m)
{
    m->lp = glp_create_prob();
    glp_set_prob_name(m->lp, "fairmatch_phase1");
    glp_set_obj_name(m->lp, "obj");
    glp_set_obj_dir(m->lp, GLP_MAX);
    build_columns(m);
    build_departments(m);
    build_department_rows(m, &m->by_dep);
    build_position_rows(m, &m->by_pos);
    build_seeker_rows(m, &m->by_seeker);
    build_cuts(m);
    if (m->in->joint && fm_model_build_joint(m)) {
        glp_delete_prob(m->lp);
        m->lp = NULL;
        return -3;
    }
    /* The constant rides on a column fixed at 1: MPS readers disagree on the
     * sign of an objective RHS (GLPK writes -c0, CBC reads +c0). */
    if (m->constant != 0)
        fm_model_add_col(m, "constant", GLP_CV, 1, 1, m->constant);
    m->res->variables = glp_get_num_cols(m->lp);
    m->res->constraints = glp_get_num_rows(m->lp);
    return 0;
}
