/*
 * timetable.c - phase 2 of model.md: a period and a table for every chosen
 * interview. Gap-free days without availability limits are edge-coloured
 * (König: exactly the lower bound of periods); other days are list-scheduled
 * and, when that leaves interviews out, repaired by a small GLPK assignment
 * MIP (timetable_repair.c). A local search then shortens the seekers' waiting. Which interviews
 * to choose is phase 1's business (model.c), what to do with leftovers solve.c's.
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "timetable_internal.h"

static void tt_release(tt *t)
{
    free(t->seeker);
    free(t->dep);
    free(t->s_start);
    free(t->s_idx);
    free(t->avail);
    free(t->cnt);
    free(t->fixed);
}

static fm_rc tt_init(tt *t, const fm_tt_input *in, int *period)
{
    const fm_instance *inst = in->inst;
    size_t S = inst->n_seekers, *fill;
    t->in = in;
    t->inst = inst;
    t->T = inst->periods;
    t->gap = inst->min_gap_periods;
    t->n = in->n;
    t->period = period;
    t->seeker = calloc(in->n + 1, sizeof *t->seeker);
    t->dep = calloc(in->n + 1, sizeof *t->dep);
    t->s_start = calloc(S + 2, sizeof *t->s_start);
    t->s_idx = calloc(in->n + 1, sizeof *t->s_idx);
    t->avail = calloc(S * (size_t)t->T + 1, 1);
    t->cnt = calloc(inst->n_departments * (size_t)t->T + 1, sizeof *t->cnt);
    t->fixed = calloc(in->n + 1, sizeof *t->fixed);
    fill = calloc(S + 1, sizeof *fill);
    if (!t->seeker || !t->dep || !t->s_start || !t->s_idx || !t->avail || !t->cnt || !t->fixed ||
        !fill) {
        free(fill);
        return FM_ENOMEM;
    }
    for (size_t i = 0; i < S; i++)
        fm_instance_available_mask(inst, i, t->avail + i * (size_t)t->T);
    for (size_t k = 0; k < in->n; k++) {
        const fm_inst_score *sc = &inst->scores[in->score[k]];
        t->seeker[k] = sc->seeker;
        t->dep[k] = inst->positions[sc->position].department;
        t->s_start[sc->seeker + 1]++;
        period[k] = -1;
        if (in->fixed_period && in->fixed_period[k] >= 0) {
            t->fixed[k] = true;
            period[k] = in->fixed_period[k];
            t->cnt[(size_t)t->dep[k] * (size_t)t->T + (size_t)period[k]]++;
        }
    }
    for (size_t i = 0; i < S; i++)
        t->s_start[i + 1] += t->s_start[i];
    for (size_t k = 0; k < in->n; k++)
        t->s_idx[t->s_start[t->seeker[k]] + fill[t->seeker[k]]++] = k;
    free(fill);
    return FM_OK;
}

/* Waiting of seeker i: last period - first period of its placed interviews. */
static int waiting(const tt *t, int i)
{
    int lo = INT_MAX, hi = -1;
    for (size_t j = t->s_start[i]; j < t->s_start[i + 1]; j++) {
        int p = t->period[t->s_idx[j]];
        if (p < 0)
            continue;
        lo = p < lo ? p : lo;
        hi = p > hi ? p : hi;
    }
    return hi < 0 ? 0 : hi - lo;
}

static int makespan(const tt *t)
{
    int m = 0;
    for (size_t k = 0; k < t->n; k++)
        if (t->period[k] + 1 > m)
            m = t->period[k] + 1;
    return m;
}

/* ---- gap-free, unrestricted days: bipartite edge colouring ---- */

/*
 * Seekers on one side, department tables on the other; each department's
 * interviews are dealt round-robin to its tables, so a table has at most
 * ceil(n_d / tables_d) of them. A bipartite multigraph of maximum degree D
 * has a proper D-edge-colouring (König); we build it edge by edge, flipping
 * an alternating a/b path when the two ends have no common free colour.
 */
static fm_rc colour(tt *t, int *lb)
{
    const fm_instance *inst = t->inst;
    size_t S = inst->n_seekers, V, nt = 0;
    size_t *toff = calloc(inst->n_departments + 1, sizeof *toff);
    int *deal = calloc(inst->n_departments + 1, sizeof *deal);
    int *deg = NULL, *at = NULL, *tv = NULL, *path = NULL, D = 0;
    fm_rc rc = FM_ENOMEM;

    if (!toff || !deal)
        goto done;
    for (size_t d = 0; d < inst->n_departments; d++) {
        toff[d] = nt;
        nt += (size_t)inst->departments[d].tables;
    }
    V = S + nt;
    deg = calloc(V + 1, sizeof *deg);
    tv = calloc(t->n + 1, sizeof *tv);
    path = calloc(t->n + 1, sizeof *path);
    if (!deg || !tv || !path)
        goto done;
    for (size_t k = 0; k < t->n; k++) {
        int d = t->dep[k];
        tv[k] = (int)(S + toff[d]) + deal[d]++ % inst->departments[d].tables;
        deg[t->seeker[k]]++;
        deg[tv[k]]++;
    }
    for (size_t v = 0; v < V; v++)
        D = deg[v] > D ? deg[v] : D;
    *lb = D;
    at = malloc((V * (size_t)D + 1) * sizeof *at);
    if (!at)
        goto done;
    for (size_t j = 0; j < V * (size_t)D; j++)
        at[j] = -1;
    for (size_t k = 0; k < t->n; k++) {
        size_t u = (size_t)t->seeker[k], v = (size_t)tv[k], len = 0;
        int a = 0, b = 0;
        while (at[u * (size_t)D + (size_t)a] >= 0)
            a++;
        while (at[v * (size_t)D + (size_t)b] >= 0)
            b++;
        if (at[v * (size_t)D + (size_t)a] >= 0) {
            /* Walk the path from v whose edges alternate a, b, a, ... */
            size_t x = v;
            int c = a;
            while (at[x * (size_t)D + (size_t)c] >= 0) {
                int e = at[x * (size_t)D + (size_t)c];
                path[len++] = e;
                x = x == (size_t)t->seeker[e] ? (size_t)tv[e] : (size_t)t->seeker[e];
                c = c == a ? b : a;
            }
            for (size_t j = 0; j < len; j++) {
                int e = path[j], pc = t->period[e];
                at[(size_t)t->seeker[e] * (size_t)D + (size_t)pc] = -1;
                at[(size_t)tv[e] * (size_t)D + (size_t)pc] = -1;
            }
            for (size_t j = 0; j < len; j++) {
                int e = path[j], nc = t->period[e] == a ? b : a;
                t->period[e] = nc;
                at[(size_t)t->seeker[e] * (size_t)D + (size_t)nc] = e;
                at[(size_t)tv[e] * (size_t)D + (size_t)nc] = e;
            }
        }
        t->period[k] = a;
        at[u * (size_t)D + (size_t)a] = (int)k;
        at[v * (size_t)D + (size_t)a] = (int)k;
    }
    for (size_t k = 0; k < t->n; k++)
        t->cnt[(size_t)t->dep[k] * (size_t)t->T + (size_t)t->period[k]]++;
    rc = FM_OK;
done:
    free(toff);
    free(deal);
    free(deg);
    free(at);
    free(tv);
    free(path);
    return rc;
}

/* ---- other days: list scheduling ---- */

/* How tight a seeker is: free periods left over once its interviews are spaced. */
static long slack_of(const tt *t, int i)
{
    long avail = 0, need = (long)(t->s_start[i + 1] - t->s_start[i]);
    for (int p = t->in->first_period; p < t->T; p++)
        avail += t->avail[(size_t)i * (size_t)t->T + (size_t)p];
    return avail - need * (t->gap + 1);
}

/* qsort has no context argument; phase 2 runs under the solver mutex, per thread. */
static _Thread_local const tt *sort_tt;
static _Thread_local const long *sort_key;

static int cmp_key(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    if (sort_key[x] != sort_key[y])
        return sort_key[x] < sort_key[y] ? -1 : 1;
    return x < y ? -1 : x > y;
}

/*
 * Seekers tightest first; each of their interviews at the earliest period
 * where the seeker is free (gap, availability) and the department has a
 * table. Busy departments go first within a seeker.
 */
static fm_rc list_schedule(tt *t)
{
    const fm_instance *inst = t->inst;
    size_t S = inst->n_seekers, *order = calloc(S + 1, sizeof *order);
    long *key = calloc((S > t->n ? S : t->n) + 1, sizeof *key);
    long *load = calloc(inst->n_departments + 1, sizeof *load);
    size_t *mine = calloc(t->n + 1, sizeof *mine);

    if (!order || !key || !load || !mine) {
        free(order), free(key), free(load), free(mine);
        return FM_ENOMEM;
    }
    for (size_t k = 0; k < t->n; k++)
        load[t->dep[k]]++;
    for (size_t i = 0; i < S; i++) {
        order[i] = i;
        key[i] = slack_of(t, (int)i);
    }
    sort_tt = t;
    sort_key = key;
    qsort(order, S, sizeof *order, cmp_key);
    for (size_t j = 0; j < S; j++) {
        size_t i = order[j], nm = 0;
        long *dkey = calloc(t->n + 1, sizeof *dkey);
        if (!dkey) {
            free(order), free(key), free(load), free(mine);
            return FM_ENOMEM;
        }
        for (size_t q = t->s_start[i]; q < t->s_start[i + 1]; q++) {
            size_t k = t->s_idx[q];
            if (t->fixed[k])
                continue;
            mine[nm++] = k;
            dkey[k] = -load[t->dep[k]] * 1000 / inst->departments[t->dep[k]].tables;
        }
        sort_key = dkey;
        qsort(mine, nm, sizeof *mine, cmp_key);
        for (size_t q = 0; q < nm; q++)
            for (int p = t->in->first_period; p < t->T; p++)
                if (room(t, t->dep[mine[q]], p) && seeker_ok(t, mine[q], p)) {
                    place(t, mine[q], p);
                    break;
                }
        free(dkey);
    }
    free(order);
    free(key);
    free(load);
    free(mine);
    return FM_OK;
}

/* ---- improvement: fewer periods, then less waiting ---- */

/* The best period for k among [lo, hi) by its seeker's waiting, or -1. */
static int best_move(tt *t, size_t k, int lo, int hi, int *best_w)
{
    int old = t->period[k], best = -1;
    *best_w = INT_MAX;
    for (int p = lo; p < hi; p++) {
        int w;
        if (p == old || !room(t, t->dep[k], p) || !seeker_ok(t, k, p))
            continue;
        place(t, k, p);
        w = waiting(t, t->seeker[k]);
        if (w < *best_w)
            *best_w = w, best = p;
        place(t, k, old);
    }
    return best;
}

/* Move every interview of the last period earlier, if all of them can go. */
static bool compress(tt *t)
{
    int M = makespan(t), *saved, w;
    bool ok = true;

    if (M <= 1)
        return false;
    saved = malloc((t->n + 1) * sizeof *saved);
    if (!saved)
        return false;
    memcpy(saved, t->period, t->n * sizeof *saved);
    for (size_t k = 0; k < t->n && ok; k++) {
        if (t->period[k] != M - 1)
            continue;
        int p = t->fixed[k] ? -1 : best_move(t, k, t->in->first_period, M - 1, &w);
        if (p < 0)
            ok = false;
        else
            place(t, k, p);
    }
    if (!ok)
        for (size_t k = 0; k < t->n; k++)
            if (t->period[k] != saved[k])
                place(t, k, saved[k]);
    free(saved);
    return ok;
}

/*
 * Local search on total waiting with the makespan held: single moves into
 * free (department, period) slots, then swapping whole periods when every
 * period is alike (no availability limits, no fixed interviews, no first
 * period). Stops at a local optimum or at the deadline.
 */
static void improve(tt *t, bool uniform)
{
    int M = makespan(t);
    for (int pass = 0; pass < 100 && fm_solve_now() < t->in->deadline; pass++) {
        bool better = false;
        for (size_t k = 0; k < t->n; k++) {
            int cur, w, p;
            if (t->fixed[k] || t->period[k] < 0)
                continue;
            cur = waiting(t, t->seeker[k]);
            p = best_move(t, k, t->in->first_period, M, &w);
            if (p >= 0 && w < cur) {
                place(t, k, p);
                better = true;
            }
        }
        for (int a = 0; uniform && a < M; a++)
            for (int b = a + 1; b < M; b++) {
                long before = 0, after = 0;
                for (size_t i = 0; i < t->inst->n_seekers; i++)
                    before += waiting(t, (int)i);
                for (size_t k = 0; k < t->n; k++)
                    if (t->period[k] == a || t->period[k] == b)
                        place(t, k, t->period[k] == a ? b : a);
                for (size_t i = 0; i < t->inst->n_seekers; i++)
                    after += waiting(t, (int)i);
                if (after < before) {
                    better = true;
                    continue;
                }
                for (size_t k = 0; k < t->n; k++)
                    if (t->period[k] == a || t->period[k] == b)
                        place(t, k, t->period[k] == a ? b : a);
            }
        if (!better)
            break;
    }
}

/* Tables: fixed interviews keep theirs; the rest take the lowest free ones, by seeker id. */
static fm_rc assign_tables(const tt *t, int *table)
{
    const fm_instance *inst = t->inst;
    size_t *order = calloc(t->n + 1, sizeof *order), no = 0;
    unsigned char *used = calloc(101, 1);
    long *key = calloc(t->n + 1, sizeof *key);

    if (!order || !used || !key) {
        free(order), free(used), free(key);
        return FM_ENOMEM;
    }
    for (size_t k = 0; k < t->n; k++) {
        table[k] = t->fixed[k] ? t->in->fixed_table[k] : 0;
        if (t->period[k] >= 0 && !t->fixed[k])
            order[no++] = k;
        key[k] = ((long)t->dep[k] * t->T + t->period[k]) * (long)inst->n_seekers + t->seeker[k];
    }
    sort_key = key;
    qsort(order, no, sizeof *order, cmp_key);
    for (size_t a = 0; a < no;) {
        size_t b = a, k0 = order[a];
        memset(used, 0, 101);
        for (size_t k = 0; k < t->n; k++)
            if (t->fixed[k] && t->dep[k] == t->dep[k0] && t->period[k] == t->period[k0])
                used[table[k]] = 1;
        int next = 1;
        while (b < no && t->dep[order[b]] == t->dep[k0] && t->period[order[b]] == t->period[k0]) {
            while (used[next])
                next++;
            table[order[b++]] = next++;
        }
        a = b;
    }
    free(order), free(used), free(key);
    return FM_OK;
}

static bool uniform_day(const tt *t)
{
    if (t->gap != 0 || t->in->first_period > 0)
        return false;
    for (size_t k = 0; k < t->n; k++) {
        const unsigned char *a = t->avail + (size_t)t->seeker[k] * (size_t)t->T;
        if (t->fixed[k])
            return false;
        for (int p = 0; p < t->T; p++)
            if (!a[p])
                return false;
    }
    return true;
}

/* max over departments of ceil(n_d/tables_d) and over seekers of their tightest fit. */
static int general_bound(const tt *t)
{
    const fm_instance *inst = t->inst;
    int lb = 0;
    long *nd = calloc(inst->n_departments + 1, sizeof *nd);
    if (!nd)
        return 0;
    for (size_t k = 0; k < t->n; k++)
        nd[t->dep[k]]++;
    for (size_t d = 0; d < inst->n_departments; d++) {
        long tb = inst->departments[d].tables, c = (nd[d] + tb - 1) / tb;
        lb = c > lb ? (int)c : lb;
    }
    free(nd);
    for (size_t i = 0; i < inst->n_seekers; i++) {
        size_t need = t->s_start[i + 1] - t->s_start[i], got = 0;
        int next = 0;
        for (int p = 0; p < t->T && got < need; p++)
            if (p >= next && t->avail[i * (size_t)t->T + (size_t)p]) {
                got++;
                next = p + t->gap + 1;
                if (got == need && p + 1 > lb)
                    lb = p + 1;
            }
    }
    return lb;
}

fm_rc fm_timetable_solve(const fm_tt_input *in, fm_tt_result *res, fm_err *err)
{
    tt t = {0};
    bool uniform;
    fm_rc rc;

    memset(res, 0, sizeof *res);
    res->period = calloc(in->n + 1, sizeof *res->period);
    res->table = calloc(in->n + 1, sizeof *res->table);
    if (!res->period || !res->table) {
        rc = FM_ENOMEM;
        goto done;
    }
    rc = tt_init(&t, in, res->period);
    if (rc)
        goto done;
    uniform = !in->start_period && uniform_day(&t);
    if (uniform) {
        rc = colour(&t, &res->lower_bound);
    } else if (in->start_period) {
        res->lower_bound = general_bound(&t);
        for (size_t k = 0; k < t.n; k++)
            if (!t.fixed[k])
                place(&t, k, in->start_period[k]);
    } else {
        res->lower_bound = general_bound(&t);
        rc = list_schedule(&t);
        for (size_t k = 0; !rc && k < t.n; k++)
            if (t.period[k] < 0) {
                rc = fm_tt_repair(&t, err);
                if (rc)
                    goto done;
                break;
            }
    }
    while (!uniform && !rc && fm_solve_now() < in->deadline && compress(&t))
        ;
    if (rc)
        goto done;
    improve(&t, uniform);
    res->makespan = makespan(&t);
    for (size_t k = 0; k < t.n; k++)
        res->n_unplaced += t.period[k] < 0;
    rc = assign_tables(&t, res->table);
done:
    if (rc == FM_ENOMEM)
        fm_err_set(err, FM_ENOMEM, "out of memory");
    tt_release(&t);
    if (rc) {
        free(res->period);
        free(res->table);
        res->period = res->table = NULL;
    }
    return rc;
}
