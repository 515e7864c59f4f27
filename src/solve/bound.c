/*
 * bound.c - a cheap, proven upper bound on phase 1's optimum for fairs too
 * large for GLPK's root LP within the time limit: Lagrangian relaxation of
 * the position rows, solved by subgradient steps. It never chooses
 * interviews (model.c does) and never touches GLPK.
 *
 * Relaxation: the gender terms (never positive) and constraint 5 are
 * dropped; the shortfall -w*u_p is bounded by -l_p*(want_p - sum x) for
 * 0 <= l_p <= w, and the rows sum x <= max_p get multipliers m_p >= 0. What
 * is left splits by seeker: each takes, from at most K_i departments, the
 * best adjusted pair per department, plus coverage when it takes any.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solve_internal.h"

typedef struct lag {
    const fm_instance *inst;
    const unsigned char *alive; /* per score */
    const int *K;               /* per seeker */
    size_t *s_start, *s_idx;    /* alive scores of each seeker, by department */
    double *base;               /* per score: s + a_i + b_d */
    double *lam, *mu, *g_lam, *g_mu;
    double *best_v;   /* scratch per department of a seeker */
    size_t *best_k;   /* scratch */
    int *dep_seen;    /* scratch */
    unsigned char *x; /* subproblem solution per score */
} lag;

static int dep_of(const lag *l, size_t k)
{
    return l->inst->positions[l->inst->scores[k].position].department;
}

/* Solve the relaxation at (lam, mu): returns L, fills x. */
static double evaluate(lag *l)
{
    const fm_instance *in = l->inst;
    double val = 0;

    for (size_t p = 0; p < in->n_positions; p++) {
        double want = (double)in->min_candidates_per_place * in->positions[p].places;
        double maxc = (double)in->max_candidates_per_place * in->positions[p].places;
        val += -l->lam[p] * want + l->mu[p] * maxc;
    }
    memset(l->x, 0, in->n_scores);
    for (size_t i = 0; i < in->n_seekers; i++) {
        size_t nd = 0, a = l->s_start[i], b = l->s_start[i + 1], take = 0;
        double sum = 0;
        /* Best adjusted pair per department (scores come grouped by department). */
        for (size_t j = a; j < b; j++) {
            size_t k = l->s_idx[j];
            int p = in->scores[k].position;
            double v = l->base[k] + l->lam[p] - l->mu[p];
            if (j == a || dep_of(l, k) != dep_of(l, l->s_idx[j - 1])) {
                l->best_v[nd] = v;
                l->best_k[nd++] = k;
            } else if (v > l->best_v[nd - 1]) {
                l->best_v[nd - 1] = v;
                l->best_k[nd - 1] = k;
            }
        }
        /* Top K_i positive values: selection by repeated max (K_i <= 20). */
        for (int t = 0; t < l->K[i]; t++) {
            size_t arg = nd;
            for (size_t q = 0; q < nd; q++)
                if (l->best_v[q] > 0 && (arg == nd || l->best_v[q] > l->best_v[arg]))
                    arg = q;
            if (arg == nd)
                break;
            sum += l->best_v[arg];
            l->x[l->best_k[arg]] = 1;
            l->best_v[arg] = -INFINITY;
            take++;
        }
        if (take) {
            val += sum + in->weights.coverage;
            continue;
        }
        /* Nothing positive: one pair may still pay with the coverage bonus. */
        size_t arg = nd;
        for (size_t q = 0; q < nd; q++)
            if (arg == nd || l->best_v[q] > l->best_v[arg])
                arg = q;
        if (arg < nd && l->K[i] > 0 && l->best_v[arg] + in->weights.coverage > 0) {
            val += l->best_v[arg] + in->weights.coverage;
            l->x[l->best_k[arg]] = 1;
        }
    }
    return val;
}

static int cmp_by_dep_ctx(const void *a, const void *b);
static _Thread_local const lag *sort_lag;

static int cmp_by_dep_ctx(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    int dx = dep_of(sort_lag, x), dy = dep_of(sort_lag, y);
    if (dx != dy)
        return dx < dy ? -1 : 1;
    return x < y ? -1 : x > y;
}

static int lag_init(lag *l, const fm_instance *in)
{
    size_t *fill = calloc(in->n_seekers + 1, sizeof *fill);
    l->s_start = calloc(in->n_seekers + 2, sizeof *l->s_start);
    l->s_idx = calloc(in->n_scores + 1, sizeof *l->s_idx);
    l->base = calloc(in->n_scores + 1, sizeof *l->base);
    l->lam = calloc(in->n_positions + 1, sizeof *l->lam);
    l->mu = calloc(in->n_positions + 1, sizeof *l->mu);
    l->g_lam = calloc(in->n_positions + 1, sizeof *l->g_lam);
    l->g_mu = calloc(in->n_positions + 1, sizeof *l->g_mu);
    l->best_v = calloc(in->n_departments + 1, sizeof *l->best_v);
    l->best_k = calloc(in->n_departments + 1, sizeof *l->best_k);
    l->x = calloc(in->n_scores + 1, 1);
    if (!fill || !l->s_start || !l->s_idx || !l->base || !l->lam || !l->mu || !l->g_lam ||
        !l->g_mu || !l->best_v || !l->best_k || !l->x) {
        free(fill);
        return 0;
    }
    for (size_t k = 0; k < in->n_scores; k++) {
        const fm_inst_score *sc = &in->scores[k];
        if (!l->alive[k])
            continue;
        l->base[k] = sc->score + fm_instance_seeker_priority(in, (size_t)sc->seeker) +
                     fm_instance_department_priority(in, (size_t)dep_of(l, k));
        l->s_start[sc->seeker + 1]++;
    }
    for (size_t i = 0; i < in->n_seekers; i++)
        l->s_start[i + 1] += l->s_start[i];
    for (size_t k = 0; k < in->n_scores; k++)
        if (l->alive[k])
            l->s_idx[l->s_start[in->scores[k].seeker] + fill[in->scores[k].seeker]++] = k;
    free(fill);
    sort_lag = l;
    for (size_t i = 0; i < in->n_seekers; i++)
        qsort(l->s_idx + l->s_start[i], l->s_start[i + 1] - l->s_start[i], sizeof *l->s_idx,
              cmp_by_dep_ctx);
    return 1;
}

static void lag_release(lag *l)
{
    free(l->s_start);
    free(l->s_idx);
    free(l->base);
    free(l->lam);
    free(l->mu);
    free(l->g_lam);
    free(l->g_mu);
    free(l->best_v);
    free(l->best_k);
    free(l->x);
}

double fm_bound_lagrangian(const fm_instance *in, const unsigned char *alive, const int *K,
                           double primal, double deadline)
{
    lag l = {.inst = in, .alive = alive, .K = K};
    double best = INFINITY, theta = 1.0, w = in->weights.shortfall;
    int stall = 0;

    if (!lag_init(&l, in))
        goto done;
    for (size_t p = 0; p < in->n_positions; p++)
        l.lam[p] = w / 2;
    for (int it = 0; it < 400 && fm_solve_now() < deadline; it++) {
        double L = evaluate(&l), norm = 0;
        if (L < best - 1e-9) {
            best = L;
            stall = 0;
        } else if (++stall >= 15) {
            theta /= 2;
            stall = 0;
        }
        memset(l.g_lam, 0, in->n_positions * sizeof *l.g_lam);
        for (size_t k = 0; k < in->n_scores; k++)
            l.g_lam[in->scores[k].position] += l.x[k];
        for (size_t p = 0; p < in->n_positions; p++) {
            double cnt = l.g_lam[p];
            l.g_lam[p] = cnt - (double)in->min_candidates_per_place * in->positions[p].places;
            l.g_mu[p] = (double)in->max_candidates_per_place * in->positions[p].places - cnt;
            /* Projected directions only: a multiplier at its bound cannot move out. */
            if ((l.lam[p] <= 0 && l.g_lam[p] > 0) || (l.lam[p] >= w && l.g_lam[p] < 0))
                l.g_lam[p] = 0;
            if (l.mu[p] <= 0 && l.g_mu[p] > 0)
                l.g_mu[p] = 0;
            norm += l.g_lam[p] * l.g_lam[p] + l.g_mu[p] * l.g_mu[p];
        }
        if (norm == 0 || theta < 1e-6)
            break; /* the relaxed solution satisfies the relaxed rows: L is tight */
        double step = theta * (L - fmin(primal, L - 1e-6)) / norm;
        for (size_t p = 0; p < in->n_positions; p++) {
            l.lam[p] = fmin(w, fmax(0.0, l.lam[p] - step * l.g_lam[p]));
            l.mu[p] = fmax(0.0, l.mu[p] - step * l.g_mu[p]);
        }
    }
done:
    lag_release(&l);
    return best;
}
