/*
 * instance.c - the model's derived numbers of an fm_instance (model.md): K_i,
 * the availability mask, L and U, the priorities a_i and b_d and the phase-1
 * objective of a set of interviews. Pure arithmetic on a parsed instance: no
 * JSON, no I/O, no solver (parsing is src/solve/instance_json.c).
 */
#include "fairmatch/instance.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void fm_instance_free(fm_instance *inst)
{
    if (!inst)
        return;
    free(inst->fair_id);
    free(inst->fair_date);
    for (size_t i = 0; i < inst->n_departments; i++) {
        free(inst->departments[i].id);
        free(inst->departments[i].name);
    }
    for (size_t i = 0; i < inst->n_positions; i++) {
        free(inst->positions[i].id);
        free(inst->positions[i].title);
        free(inst->positions[i].occupation);
    }
    for (size_t i = 0; i < inst->n_seekers; i++) {
        free(inst->seekers[i].id);
        free(inst->seekers[i].available);
    }
    for (size_t i = 0; i < inst->n_scores; i++)
        free(inst->scores[i].why);
    free(inst->departments);
    free(inst->positions);
    free(inst->seekers);
    free(inst->scores);
    free(inst);
}

void fm_instance_available_mask(const fm_instance *inst, size_t seeker, unsigned char *mask)
{
    const fm_inst_seeker *s = &inst->seekers[seeker];
    size_t T = inst->periods > 0 ? (size_t)inst->periods : 0;

    if (!s->has_available) {
        memset(mask, 1, T);
        return;
    }
    memset(mask, 0, T);
    for (size_t r = 0; r < s->n_available; r++) {
        /* Clamp defensively: the parser rejects ranges outside the day, but a
         * hand-built instance must not make us write past the mask. */
        int from = s->available[r].from < 0 ? 0 : s->available[r].from;
        int to = s->available[r].to >= inst->periods ? inst->periods - 1 : s->available[r].to;
        for (int t = from; t <= to; t++)
            mask[t] = 1;
    }
}

int fm_instance_capacity(const fm_instance *inst, size_t seeker)
{
    const fm_inst_seeker *s = &inst->seekers[seeker];
    int cap = inst->max_interviews_per_seeker;
    int gap = inst->min_gap_periods;
    int T = inst->periods;
    int fit = 0;

    if (T <= 0)
        return 0;
    if (!s->has_available) {
        fit = (T + gap) / (gap + 1);
    } else {
        unsigned char *mask = malloc((size_t)T);
        int next = 0; /* earliest period the next interview may use */
        if (!mask)
            return 0; /* cannot happen for T <= 96 in practice; 0 is the safe answer */
        fm_instance_available_mask(inst, seeker, mask);
        /* Greedy earliest-first is exact for "points at least gap+1 apart". */
        for (int t = 0; t < T; t++) {
            if (t >= next && mask[t]) {
                fit++;
                next = t + gap + 1;
            }
        }
        free(mask);
    }
    return fit < cap ? fit : cap;
}

void fm_instance_share_bounds(const fm_instance *inst, double *lo, double *hi)
{
    if (!inst->mirror_pool) {
        *lo = inst->share_min;
        *hi = inst->share_max;
        return;
    }
    size_t women = 0;
    for (size_t i = 0; i < inst->n_seekers; i++)
        if (inst->seekers[i].gender == FM_GENDER_WOMAN)
            women++;
    double r = inst->n_seekers ? (double)women / (double)inst->n_seekers : 0.0;
    double l = r - inst->tolerance, u = r + inst->tolerance;
    *lo = l > 0.0 ? l : 0.0;
    *hi = u < 1.0 ? u : 1.0;
}

double fm_instance_seeker_priority(const fm_instance *inst, size_t seeker)
{
    double missed = (double)inst->seekers[seeker].fairs_without_offer;
    double cap = inst->weights.missed_fair_cap;
    return inst->weights.missed_fair * (missed < cap ? missed : cap);
}

double fm_instance_department_priority(const fm_instance *inst, size_t department)
{
    const fm_inst_department *d = &inst->departments[department];
    if (!d->has_quota)
        return 0.0;
    int behind = d->quota - d->hired;
    if (behind < 0)
        behind = 0;
    int denom = d->quota > 1 ? d->quota : 1;
    return inst->weights.quota * (double)behind / (double)denom;
}

/* Counts per seeker, position and department of a set of interviews. */
typedef struct counts {
    int *per_seeker, *per_position, *n_dep, *m_dep;
} counts;

static int counts_make(const fm_instance *inst, const size_t *idx, size_t n, counts *c)
{
    c->per_seeker = calloc(inst->n_seekers + 1, sizeof *c->per_seeker);
    c->per_position = calloc(inst->n_positions + 1, sizeof *c->per_position);
    c->n_dep = calloc(inst->n_departments + 1, sizeof *c->n_dep);
    c->m_dep = calloc(inst->n_departments + 1, sizeof *c->m_dep);
    if (!c->per_seeker || !c->per_position || !c->n_dep || !c->m_dep)
        return 0;
    for (size_t k = 0; k < n; k++) {
        const fm_inst_score *sc = &inst->scores[idx[k]];
        int d = inst->positions[sc->position].department;
        c->per_seeker[sc->seeker]++;
        c->per_position[sc->position]++;
        c->n_dep[d]++;
        if (inst->seekers[sc->seeker].gender == FM_GENDER_WOMAN)
            c->m_dep[d]++;
    }
    return 1;
}

static void counts_release(counts *c)
{
    free(c->per_seeker);
    free(c->per_position);
    free(c->n_dep);
    free(c->m_dep);
}

double fm_instance_objective(const fm_instance *inst, const size_t *score_idx, size_t n)
{
    counts c = {0};
    double obj = 0.0, lo, hi;

    if (!counts_make(inst, score_idx, n, &c)) {
        obj = NAN; /* out of memory: a value no caller can mistake for a result */
        goto done;
    }
    for (size_t k = 0; k < n; k++) {
        const fm_inst_score *sc = &inst->scores[score_idx[k]];
        int d = inst->positions[sc->position].department;
        obj += sc->score + fm_instance_seeker_priority(inst, (size_t)sc->seeker) +
               fm_instance_department_priority(inst, (size_t)d);
    }
    for (size_t i = 0; i < inst->n_seekers; i++)
        if (c.per_seeker[i] > 0)
            obj += inst->weights.coverage;
    for (size_t p = 0; p < inst->n_positions; p++) {
        int want = inst->min_candidates_per_place * inst->positions[p].places;
        if (c.per_position[p] < want)
            obj -= inst->weights.shortfall * (double)(want - c.per_position[p]);
    }
    fm_instance_share_bounds(inst, &lo, &hi);
    for (size_t d = 0; d < inst->n_departments; d++) {
        double nd = (double)c.n_dep[d], md = (double)c.m_dep[d];
        double under = lo * nd - md, over = md - hi * nd;
        if (under > 0.0)
            obj -= inst->weights.gender * under;
        if (over > 0.0)
            obj -= inst->weights.gender * over;
    }
done:
    counts_release(&c);
    return obj;
}
