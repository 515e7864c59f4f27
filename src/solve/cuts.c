/*
 * cuts.c - the rows phase 1 learns during one run (fairmatch/solve.h's
 * fm_solve_run): what re-planning leaves of the day, and, when phase 2
 * cannot place phase 1's choice, the department interval rule, Hall's
 * condition and, last, a no-good row. solve.c decides when to ask; model.c
 * turns the rows into GLPK rows.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/buf.h"
#include "solve_internal.h"

fm_rc fm_cuts_add(fm_cut_list *l, size_t n, const size_t *score, double rhs)
{
    fm_p1_cut *c;
    if (FM_GROW(l->v, l->n + 1, l->cap))
        return FM_ENOMEM;
    c = &l->v[l->n];
    c->score = malloc((n + 1) * sizeof *c->score);
    if (!c->score)
        return FM_ENOMEM;
    memcpy(c->score, score, n * sizeof *score);
    c->n = n;
    c->rhs = rhs;
    l->n++;
    return FM_OK;
}

void fm_cuts_release(fm_cut_list *l)
{
    for (size_t c = 0; c < l->n; c++)
        free(l->v[c].score);
    free(l->v);
    memset(l, 0, sizeof *l);
}

/*
 * Hall's condition per department, which every timetable obeys and which
 * the interval cuts miss when availability has holes (found by a
 * randomised cross-check against cbc: 5 interviews whose seekers can only
 * come in periods {0, 1, 2, 4} of a one-table department). Match the
 * department's chosen interviews to its free table-periods, each to a
 * period its seeker can come in. If one is left over, the periods S its
 * failed search reached are too few for the interviews it reached (König),
 * so "at most the free slots of S go to pairs whose seeker can only come
 * in S" cuts this choice off. Clashes of one seeker's interviews (two
 * departments, the gap) are not seen here; the no-good cut handles those.
 */
typedef struct hall {
    const unsigned char **row; /* per interview: its seeker's T availability bytes */
    const int *cap;            /* per period: free tables */
    int T, n;
    int *per;  /* per interview: its period, or -1 */
    int *load; /* per period: interviews on it */
    int *seen; /* per period: stamp of the last search that reached it */
    int stamp;
} hall;

/* Kuhn's augmenting path from interview j, periods with cap[t] places. */
static bool hall_augment(hall *h, int j)
{
    for (int t = 0; t < h->T; t++) {
        if (!h->row[j][t] || h->seen[t] == h->stamp)
            continue;
        h->seen[t] = h->stamp;
        if (h->load[t] < h->cap[t]) {
            h->per[j] = t;
            h->load[t]++;
            return true;
        }
        for (int j2 = 0; j2 < h->n; j2++)
            if (h->per[j2] == t && hall_augment(h, j2)) {
                h->per[j] = t; /* j takes the place j2 left: load[t] stays */
                return true;
            }
    }
    return false;
}

/* Add one Hall cut for each department whose choice in x cannot fit. */
static fm_rc hall_cuts(const fm_cut_ctx *r, const unsigned char *x, const unsigned char *av,
                       fm_cut_list *l, size_t *added)
{
    const fm_instance *inst = r->inst;
    size_t ns = inst->n_scores, T = (size_t)inst->periods;
    int *cap = calloc(T + 1, sizeof *cap), *load = calloc(T + 1, sizeof *load);
    int *seen = calloc(T + 1, sizeof *seen), *per = calloc(ns + 1, sizeof *per);
    const unsigned char **row = calloc(ns + 1, sizeof *row);
    size_t *idx = calloc(ns + 1, sizeof *idx);
    hall h = {.row = row, .cap = cap, .T = (int)T, .per = per, .load = load, .seen = seen};
    fm_rc rc = FM_ENOMEM;

    if (!cap || !load || !seen || !per || !row || !idx)
        goto done;
    rc = FM_OK;
    for (size_t d = 0; d < inst->n_departments && !rc; d++) {
        int left = -1;
        h.n = 0;
        for (size_t t = 0; t < T; t++) {
            cap[t] = inst->departments[d].tables;
            load[t] = seen[t] = 0;
        }
        h.stamp = 0;
        for (size_t k = 0; k < ns; k++) {
            const fm_inst_score *sc = &inst->scores[k];
            if (inst->positions[sc->position].department != (int)d)
                continue;
            if (r->force_on[k]) {
                cap[r->fixed_period[k]]--; /* a fixed interview holds its table */
            } else if (x[k]) {
                row[h.n] = av + T * (size_t)sc->seeker;
                per[h.n++] = -1;
            }
        }
        for (int j = 0; j < h.n && left < 0; j++) {
            h.stamp++;
            if (!hall_augment(&h, j))
                left = j;
        }
        if (left < 0)
            continue;
        {
            /* S: the periods the failed search reached (seen == stamp). */
            double slots = 0;
            size_t n = 0;
            for (size_t t = 0; t < T; t++)
                if (seen[t] == h.stamp && cap[t] > 0)
                    slots += cap[t];
            for (size_t k = 0; k < ns; k++) {
                const fm_inst_score *sc = &inst->scores[k];
                const unsigned char *a = av + T * (size_t)sc->seeker;
                bool some = false, inside = true;
                if (inst->positions[sc->position].department != (int)d || r->force_on[k])
                    continue;
                for (size_t t = 0; t < T && inside; t++)
                    if (a[t]) {
                        some = true;
                        inside = seen[t] == h.stamp;
                    }
                if (some && inside)
                    idx[n++] = k;
            }
            if (n) {
                rc = fm_cuts_add(l, n, idx, slots);
                ++*added;
            }
        }
    }
done:
    free(cap);
    free(load);
    free(seen);
    free(per);
    free(row);
    free(idx);
    return rc;
}

/*
 * Cuts for a choice phase 2 could not place. First the department interval
 * rule every timetable obeys: the interviews of department d whose seekers
 * are only available inside [a, b] need at most tables_d * (b - a + 1)
 * slots; violated ones are added. Then Hall's condition (hall_cuts). When
 * none is violated, a no-good cut
 * excludes exactly this choice so that phase 1 looks for another one.
 * Returns the number of cuts added through *added.
 */
fm_rc fm_cuts_for_unplaced(const fm_cut_ctx *r, const unsigned char *x, fm_cut_list *l,
                           size_t *added)
{
    const fm_instance *inst = r->inst;
    int T = inst->periods, *lo = calloc(inst->n_seekers + 1, sizeof *lo);
    int *hi = calloc(inst->n_seekers + 1, sizeof *hi);
    unsigned char *av = calloc(inst->n_seekers * (size_t)T + 1, 1);
    size_t *idx = calloc(inst->n_scores + 1, sizeof *idx), n;
    fm_rc rc = FM_ENOMEM;

    *added = 0;
    if (!lo || !hi || !av || !idx)
        goto done;
    for (size_t i = 0; i < inst->n_seekers; i++) {
        unsigned char *mask = av + (size_t)T * i;
        fm_instance_available_mask(inst, i, mask);
        lo[i] = T, hi[i] = -1;
        for (int p = 0; p < T; p++)
            if (p < r->first_period) {
                mask[p] = 0; /* the day has passed it */
            } else if (mask[p]) {
                lo[i] = p < lo[i] ? p : lo[i];
                hi[i] = p;
            }
    }
    rc = FM_OK;
    for (size_t d = 0; d < inst->n_departments && !rc; d++)
        for (int a = 0; a < T && !rc; a++)
            for (int b = a; b < T && !rc; b++) {
                long used = 0;
                double cap = (double)inst->departments[d].tables * (b - a + 1);
                n = 0;
                for (size_t k = 0; k < inst->n_scores; k++) {
                    const fm_inst_score *sc = &inst->scores[k];
                    if (inst->positions[sc->position].department != (int)d || lo[sc->seeker] < a ||
                        hi[sc->seeker] > b || r->force_on[k])
                        continue;
                    idx[n++] = k;
                    used += x[k];
                }
                if ((double)used > cap && n) {
                    rc = fm_cuts_add(l, n, idx, cap);
                    ++*added;
                }
            }
    if (!rc && *added == 0)
        rc = hall_cuts(r, x, av, l, added);
    if (!rc && *added == 0) {
        n = 0;
        for (size_t k = 0; k < inst->n_scores; k++)
            if (x[k] && !r->force_on[k])
                idx[n++] = k;
        if (n) {
            rc = fm_cuts_add(l, n, idx, (double)n - 1);
            ++*added;
        }
    }
done:
    free(lo);
    free(hi);
    free(av);
    free(idx);
    return rc;
}
