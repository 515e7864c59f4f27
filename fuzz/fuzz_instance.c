/*
 * fuzz_instance.c - libFuzzer target for the solver instance parser
 * (fm_instance_parse): any bytes must either parse into an instance that keeps
 * every rule of instance-format.md or be refused with a "FILE: ..." message,
 * and on success the model's pure derived numbers (K_i, the availability
 * mask, L and U, a_i, b_d, the phase-1 objective) must stay in range. It does
 * not run the solver: GLPK's time would drown the parser's coverage.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/instance.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FILE_NAME "fuzz.json"

/* Every reference and range the format promises after a successful parse. */
static void check_records(const fm_instance *in)
{
    if (!in->fair_id || !in->fair_id[0] || in->periods < 1 || in->periods > 96)
        abort();
    if (in->min_candidates_per_place < 1 ||
        in->min_candidates_per_place > in->max_candidates_per_place ||
        in->max_candidates_per_place > 10)
        abort();
    if (in->max_interviews_per_seeker < 1 || in->max_interviews_per_seeker > 20 ||
        in->min_gap_periods < 0 || in->min_gap_periods > 20)
        abort();
    for (size_t d = 0; d < in->n_departments; d++)
        if (!in->departments[d].id || !in->departments[d].name || in->departments[d].tables < 1 ||
            in->departments[d].tables > 100)
            abort();
    for (size_t p = 0; p < in->n_positions; p++)
        if (in->positions[p].department < 0 ||
            (size_t)in->positions[p].department >= in->n_departments ||
            in->positions[p].places < 1 || in->positions[p].places > 100)
            abort();
    for (size_t i = 0; i < in->n_seekers; i++) {
        const fm_inst_seeker *s = &in->seekers[i];
        if (s->gender != FM_GENDER_WOMAN && s->gender != FM_GENDER_MAN &&
            s->gender != FM_GENDER_OTHER)
            abort();
        for (size_t r = 0; r < s->n_available; r++)
            if (s->available[r].from < 0 || s->available[r].from > s->available[r].to ||
                s->available[r].to >= in->periods)
                abort();
    }
    for (size_t k = 0; k < in->n_scores; k++) {
        const fm_inst_score *sc = &in->scores[k];
        if (sc->seeker < 0 || (size_t)sc->seeker >= in->n_seekers || sc->position < 0 ||
            (size_t)sc->position >= in->n_positions || !isfinite(sc->score) || sc->score < 0.0 ||
            sc->score > 100.0)
            abort();
    }
}

/* Weights small enough that no sum of the objective can overflow a double. */
static int weights_moderate(const fm_weights *w)
{
    const double lim = 1e12;
    return w->coverage <= lim && w->shortfall <= lim && w->gender <= lim && w->missed_fair <= lim &&
           w->missed_fair_cap <= lim && w->quota <= lim;
}

static void check_derived(const fm_instance *in)
{
    unsigned char mask[96];
    double lo = -1.0, hi = -1.0;
    size_t idx[8], n = 0;

    for (size_t i = 0; i < in->n_seekers; i++) {
        int k = fm_instance_capacity(in, i);
        int avail = 0;
        if (k < 0 || k > in->max_interviews_per_seeker)
            abort();
        fm_instance_available_mask(in, i, mask);
        for (int t = 0; t < in->periods; t++) {
            if (mask[t] > 1)
                abort();
            avail += mask[t];
        }
        if (k > avail)
            abort(); /* never more interviews than available periods */
        if (!isfinite(fm_instance_seeker_priority(in, i)) ||
            fm_instance_seeker_priority(in, i) < 0.0)
            abort();
    }
    for (size_t d = 0; d < in->n_departments; d++) {
        double b = fm_instance_department_priority(in, d);
        if (isnan(b) || b < 0.0)
            abort();
    }
    fm_instance_share_bounds(in, &lo, &hi);
    if (!(lo >= 0.0 && lo <= hi && hi <= 1.0))
        abort();

    /* A few sets: none, the first scores, the last score twice (duplicates count). */
    for (size_t k = 0; k < in->n_scores && n < 4; k++)
        idx[n++] = k;
    if (in->n_scores > 0) {
        idx[n++] = in->n_scores - 1;
        idx[n++] = in->n_scores - 1;
    }
    for (size_t m = 0; m <= n; m++) {
        double obj = fm_instance_objective(in, idx, m);
        if (weights_moderate(&in->weights) && !isfinite(obj))
            abort();
        if (isnan(obj) && weights_moderate(&in->weights))
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fm_instance *inst = NULL;
    fm_err err = {0};
    fm_rc rc = fm_instance_parse((const char *)data, size, FILE_NAME, &inst, &err);

    if (rc == FM_OK) {
        if (!inst)
            abort();
        check_records(inst);
        check_derived(inst);
    } else {
        if (inst)
            abort(); /* a refusal hands back nothing */
        /* A refusal names the file first, so the CLI's message points somewhere. */
        if (rc == FM_EINVAL && strncmp(err.msg, FILE_NAME ": ", sizeof FILE_NAME + 1) != 0)
            abort();
        if (rc != FM_EINVAL && rc != FM_ENOMEM)
            abort();
    }
    fm_instance_free(inst);
    return 0;
}
