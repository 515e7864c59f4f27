/*
 * joint.c - the joint model's timetable part (solve.c's last resort when no
 * timetable holds phase 1's choice): a 0/1 column per pair and period the
 * seeker can come in, with model.md's timetable rules as rows, added to
 * phase 1's model so that its choice comes with periods.
 */
#include <glpk.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_internal.h"

/* Rule 1: department d holds at most tables_d interviews a period. */
static void joint_table_rows(model *m)
{
    const fm_instance *in = m->inst;
    int T = in->periods;
    char name[48];

    for (size_t d = 0; d < in->n_departments; d++)
        for (int t = 0; t < T; t++) {
            int len = 0;
            for (size_t j = 0; j < m->nz; j++)
                if (m->z_t[j] == t && fm_model_dep(m, m->z_k[j]) == (int)d) {
                    m->ind[++len] = m->z_first + (int)j;
                    m->val[len] = 1;
                }
            if (len > in->departments[d].tables) {
                snprintf(name, sizeof name, "tables%zu_%d", d, t);
                fm_model_add_row(m, len, GLP_UP, 0, in->departments[d].tables, name);
            }
        }
}

/* Rule 2 and the gap: one interview per seeker in any gap + 1 periods.
 * zcol: per score, its first z column (0 = none). */
static void joint_seeker_rows(model *m, const int *zcol)
{
    const fm_instance *in = m->inst;
    int T = in->periods, gap = in->min_gap_periods;
    char name[48];

    for (size_t i = 0; i < in->n_seekers; i++) {
        const groups *g = &m->by_seeker;
        if (g->start[i + 1] - g->start[i] < 2)
            continue;
        /* Windows starting after T - 1 - gap lie inside the one starting there. */
        int last = T - 1 - gap > 0 ? T - 1 - gap : 0;
        for (int t = 0; t <= last; t++) {
            int len = 0;
            for (size_t j = g->start[i]; j < g->start[i + 1]; j++) {
                size_t k = g->idx[j];
                int c = zcol[k];
                for (size_t z = c ? (size_t)(c - m->z_first) : m->nz; z < m->nz && m->z_k[z] == k;
                     z++)
                    if (m->z_t[z] >= t && m->z_t[z] <= t + gap) {
                        m->ind[++len] = m->z_first + (int)z;
                        m->val[len] = 1;
                    }
            }
            if (len > 1) {
                snprintf(name, sizeof name, "when%zu_%d", i, t);
                fm_model_add_row(m, len, GLP_UP, 0, 1, name);
            }
        }
    }
}

int fm_model_build_joint(model *m)
{
    const fm_instance *in = m->inst;
    int T = in->periods, gap = in->min_gap_periods;
    size_t ns = in->n_scores, cap = 0, scratch;
    unsigned char *mask = malloc((size_t)T + 1);
    int *zcol = NULL; /* per score: its first z column, 0 = none */
    char name[48];

    if (!mask)
        return 1;
    /* Rows below are longer than the phase-1 rows: one per seeker window
     * holds its pairs x (gap + 1) columns. */
    scratch = ns * ((size_t)gap + 2) + (size_t)T + 8;
    free(m->ind);
    free(m->val);
    m->ind = calloc(scratch, sizeof *m->ind);
    m->val = calloc(scratch, sizeof *m->val);
    zcol = calloc(ns + 1, sizeof *zcol);
    for (size_t k = 0; k < ns; k++)
        if (m->col_x[k])
            cap += (size_t)T;
    m->z_k = calloc(cap + 1, sizeof *m->z_k);
    m->z_t = calloc(cap + 1, sizeof *m->z_t);
    if (!m->ind || !m->val || !zcol || !m->z_k || !m->z_t) {
        free(mask);
        free(zcol);
        return 1;
    }
    m->z_first = glp_get_num_cols(m->lp) + 1;
    for (size_t k = 0; k < ns; k++) {
        bool fixed = m->in->force_on && m->in->force_on[k];
        int len = 0;
        if (!m->col_x[k])
            continue;
        fm_instance_available_mask(in, (size_t)in->scores[k].seeker, mask);
        for (int t = 0; t < T; t++) {
            if (fixed ? t != m->in->fixed_period[k] : (!mask[t] || t < m->in->first_period))
                continue;
            snprintf(name, sizeof name, "z%zu_%d", k, t);
            m->ind[++len] = fm_model_add_col(m, name, GLP_BV, 0, 1, 0);
            m->val[len] = 1;
            if (!zcol[k])
                zcol[k] = m->ind[len];
            m->z_k[m->nz] = k;
            m->z_t[m->nz++] = t;
        }
        m->ind[++len] = m->col_x[k];
        m->val[len] = -1;
        snprintf(name, sizeof name, "place%zu", k);
        fm_model_add_row(m, len, GLP_FX, 0, 0, name);
    }
    joint_table_rows(m);
    joint_seeker_rows(m, zcol);
    free(mask);
    free(zcol);
    return 0;
}
