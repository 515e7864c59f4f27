/*
 * greedy.c - phase 1's greedy start: best pairs first, positions filled to
 * their minimum, then every pair whose marginal gain (coverage, shortfall
 * and gender balance included) is positive, never breaking a row phase 1
 * has learned (re-planning, retries). It seeds the LP-guided search's
 * incumbent and the fallback neighbourhood search.
 */
#include <glpk.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_internal.h"

/* ---- greedy start: fill every position to its minimum first, then the rest ---- */

/* qsort has no context argument; solves are serialised and this is per thread. */
static _Thread_local const model *sort_model;

static int cmp_gain(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    double cx = sort_model->cx[x], cy = sort_model->cx[y];
    if (cx != cy)
        return cx > cy ? -1 : 1;
    return x < y ? -1 : x > y;
}

/*
 * The rows phase 1 learned (re-planning, retries: m->in->cuts) that hold
 * each pair, and how many chosen pairs each row holds: a start that broke
 * one would make every neighbourhood around it infeasible.
 */
typedef struct cut_use {
    size_t *start, *row; /* per score (CSR): the rows it is in */
    double *used;        /* per row: chosen pairs in it */
} cut_use;

static void cut_use_release(cut_use *u)
{
    free(u->start);
    free(u->row);
    free(u->used);
}

static bool cut_use_init(cut_use *u, const model *m)
{
    const fm_p1_input *in = m->in;
    size_t ns = m->inst->n_scores, total = 0;

    u->start = calloc(ns + 2, sizeof *u->start);
    u->used = calloc(in->n_cuts + 1, sizeof *u->used);
    for (size_t c = 0; c < in->n_cuts; c++)
        total += in->cuts[c].n;
    u->row = calloc(total + 1, sizeof *u->row);
    if (!u->start || !u->used || !u->row)
        return false;
    for (size_t c = 0; c < in->n_cuts; c++)
        for (size_t j = 0; j < in->cuts[c].n; j++)
            u->start[in->cuts[c].score[j] + 2]++;
    for (size_t k = 0; k < ns; k++)
        u->start[k + 2] += u->start[k + 1];
    for (size_t c = 0; c < in->n_cuts; c++)
        for (size_t j = 0; j < in->cuts[c].n; j++)
            u->row[u->start[in->cuts[c].score[j] + 1]++] = c;
    return true;
}

/* Would one more chosen pair k break a learned row? */
static bool cut_full(const cut_use *u, const model *m, size_t k)
{
    for (size_t j = u->start[k]; j < u->start[k + 1]; j++)
        if (u->used[u->row[j]] + 1 > m->in->cuts[u->row[j]].rhs + 1e-9)
            return true;
    return false;
}

static void cut_take(cut_use *u, size_t k)
{
    for (size_t j = u->start[k]; j < u->start[k + 1]; j++)
        u->used[u->row[j]] += 1;
}

/* Can score k join the chosen set without breaking constraints 1, 3, 4, 5? */
static bool greedy_fits(const model *m, const groups *by_seeker, const unsigned char *chosen,
                        const int *cnt_pos, const int *cnt_seek, const int *cnt_dep, size_t k)
{
    const fm_instance *in = m->inst;
    const fm_inst_score *sc = &in->scores[k];
    int d = fm_model_dep(m, k), i = sc->seeker;
    if (cnt_pos[sc->position] >=
            in->max_candidates_per_place * in->positions[sc->position].places ||
        cnt_seek[i] >= m->K[i] || cnt_dep[d] >= in->departments[d].tables * in->periods)
        return false;
    for (size_t j = by_seeker->start[i]; j < by_seeker->start[i + 1]; j++)
        if (chosen[by_seeker->idx[j]] && fm_model_dep(m, by_seeker->idx[j]) == d)
            return false;
    return true;
}

/* The greedy solution as x (chosen). */

/* What adding k to the chosen set changes in the objective. */
static double greedy_gain(const model *m, size_t k, const int *cnt_pos, const int *cnt_seek,
                          const int *cnt_dep, const int *cnt_dep_w)
{
    const fm_instance *in = m->inst;
    const fm_inst_score *sc = &in->scores[k];
    int d = fm_model_dep(m, k),
        want = in->min_candidates_per_place * in->positions[sc->position].places;
    double n = cnt_dep[d], w = cnt_dep_w[d], dw = in->seekers[sc->seeker].gender == FM_GENDER_WOMAN;
    double g = sc->score + fm_instance_seeker_priority(in, (size_t)sc->seeker) +
               fm_instance_department_priority(in, (size_t)d);
    if (cnt_seek[sc->seeker] == 0)
        g += in->weights.coverage;
    if (cnt_pos[sc->position] < want)
        g += in->weights.shortfall;
    return g - in->weights.gender * (fm_model_slack(m, n + 1, w + dw) - fm_model_slack(m, n, w));
}

/*
 * Greedy: best pairs first, a first pass only filling positions up to their
 * minimum, then passes adding every pair whose marginal gain (coverage,
 * shortfall and gender balance included) is positive.
 */
int fm_model_greedy(model *m, unsigned char *chosen)
{
    const groups *by_seeker = &m->by_seeker;
    const fm_instance *in = m->inst;
    size_t *order = calloc(in->n_scores + 1, sizeof *order), n = 0;
    int *cnt_pos = calloc(in->n_positions + 1, sizeof *cnt_pos);
    int *cnt_seek = calloc(in->n_seekers + 1, sizeof *cnt_seek);
    int *cnt_dep = calloc(in->n_departments + 1, sizeof *cnt_dep);
    int *cnt_dep_w = calloc(in->n_departments + 1, sizeof *cnt_dep_w);
    cut_use cuts = {0};
    int ok = order && cnt_pos && cnt_seek && cnt_dep && cnt_dep_w && cut_use_init(&cuts, m);

    for (size_t k = 0; ok && k < in->n_scores; k++) {
        if (!m->alive_k[k])
            continue;
        if (m->in->force_on && m->in->force_on[k]) {
            chosen[k] = 1;
            cut_take(&cuts, k);
            cnt_pos[in->scores[k].position]++;
            cnt_seek[in->scores[k].seeker]++;
            cnt_dep[fm_model_dep(m, k)]++;
            cnt_dep_w[fm_model_dep(m, k)] +=
                in->seekers[in->scores[k].seeker].gender == FM_GENDER_WOMAN;
        } else {
            order[n++] = k;
        }
    }
    if (ok) {
        sort_model = m;
        qsort(order, n, sizeof *order, cmp_gain);
    }
    for (int pass = 0; ok && pass < 3; pass++) {
        for (size_t j = 0; j < n; j++) {
            size_t k = order[j];
            const fm_inst_score *sc = &in->scores[k];
            int want = in->min_candidates_per_place * in->positions[sc->position].places;
            if (chosen[k] || (pass == 0 && cnt_pos[sc->position] >= want))
                continue;
            if (greedy_gain(m, k, cnt_pos, cnt_seek, cnt_dep, cnt_dep_w) <= 0)
                continue;
            if (!greedy_fits(m, by_seeker, chosen, cnt_pos, cnt_seek, cnt_dep, k) ||
                cut_full(&cuts, m, k))
                continue;
            chosen[k] = 1;
            cut_take(&cuts, k);
            cnt_pos[sc->position]++;
            cnt_seek[sc->seeker]++;
            cnt_dep[fm_model_dep(m, k)]++;
            cnt_dep_w[fm_model_dep(m, k)] += in->seekers[sc->seeker].gender == FM_GENDER_WOMAN;
        }
    }
    free(order);
    free(cnt_pos);
    free(cnt_seek);
    free(cnt_dep);
    free(cnt_dep_w);
    cut_use_release(&cuts);
    return ok;
}
