/*
 * timetable_internal.h - phase 2's working state, shared by timetable.c
 * (list scheduling, colouring, improvement) and timetable_repair.c (the
 * assignment MIP). Private to src/solve/.
 */
#ifndef FM_TIMETABLE_INTERNAL_H
#define FM_TIMETABLE_INTERNAL_H

#include <stdbool.h>
#include <stdlib.h>

#include "solve_internal.h"

typedef struct tt {
    const fm_tt_input *in;
    const fm_instance *inst;
    int T, gap;
    size_t n;
    int *seeker, *dep;       /* per interview */
    size_t *s_start, *s_idx; /* interviews of each seeker (CSR) */
    unsigned char *avail;    /* seeker * T + period */
    int *cnt;                /* department * T + period: interviews placed */
    int *period;             /* per interview, -1 unplaced */
    bool *fixed;             /* per interview */
} tt;

/* May interview k sit in period p, as far as its seeker is concerned? */
static inline bool seeker_ok(const tt *t, size_t k, int p)
{
    int i = t->seeker[k];
    if (!t->avail[(size_t)i * (size_t)t->T + (size_t)p])
        return false;
    if (!t->fixed[k] && p < t->in->first_period)
        return false;
    for (size_t j = t->s_start[i]; j < t->s_start[i + 1]; j++) {
        size_t k2 = t->s_idx[j];
        if (k2 != k && t->period[k2] >= 0 && abs(t->period[k2] - p) <= t->gap)
            return false;
    }
    return true;
}

static inline bool room(const tt *t, int d, int p)
{
    return t->cnt[(size_t)d * (size_t)t->T + (size_t)p] < t->inst->departments[d].tables;
}

static inline void place(tt *t, size_t k, int p)
{
    if (t->period[k] >= 0)
        t->cnt[(size_t)t->dep[k] * (size_t)t->T + (size_t)t->period[k]]--;
    t->period[k] = p;
    if (p >= 0)
        t->cnt[(size_t)t->dep[k] * (size_t)t->T + (size_t)p]++;
}

/*
 * Re-place every interview that is not fixed by one GLPK MIP, keeping the
 * list schedule when the MIP does no better (timetable_repair.c). FM_OK,
 * FM_ENOMEM, or FM_ESOLVER on a GLPK failure (the list schedule then stays).
 */
fm_rc fm_tt_repair(tt *t, fm_err *err);

#endif
