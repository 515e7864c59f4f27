/*
 * lns.c - the fallback when the LP relaxation does not finish in time:
 * department neighbourhoods from the greedy start, each a small MIP solved
 * by fm_model_solve in its plain mode.
 */
#include <glpk.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_internal.h"

/* x as a list of score indexes, for fm_instance_objective. */
static double value_of(const fm_instance *inst, const unsigned char *x, size_t *scratch)
{
    size_t n = 0;
    for (size_t k = 0; k < inst->n_scores; k++)
        if (x[k])
            scratch[n++] = k;
    return fm_instance_objective(inst, scratch, n);
}

/*
 * Large-neighbourhood search: free one department's pairs, fix every other
 * pair as in the incumbent, solve that small MIP (presolve drops the fixed
 * columns), keep it when it is better. Rounds over all departments until
 * one round brings nothing or the deadline comes.
 */
fm_rc fm_model_lns(const fm_p1_input *in, unsigned char *x, double *xval, long *solves, fm_err *err)
{
    const fm_instance *inst = in->inst;
    size_t ns = inst->n_scores, D = inst->n_departments;
    unsigned char *on = calloc(ns + 1, 1), *off = calloc(ns + 1, 1);
    size_t *scratch = calloc(ns + 1, sizeof *scratch);
    fm_p1_input sub = *in;
    fm_rc rc = FM_OK;
    bool improved = true;

    if (!on || !off || !scratch) {
        rc = fm_err_set(err, FM_ENOMEM, "out of memory");
        goto done;
    }
    sub.mps_path = NULL;
    sub.joint = false;
    sub.plain = true;
    sub.lns_min_pairs = 0; /* a sub-MIP never falls back again */
    sub.force_on = on;
    sub.force_off = off;
    for (int round = 0; improved && round < 20; round++) {
        improved = false;
        for (size_t d = 0; d < D && fm_solve_now() < in->deadline && !fm_watch_stopped(in->watch);
             d++) {
            fm_p1_result r = {0};
            double left = in->deadline - fm_solve_now(), v;
            for (size_t k = 0; k < ns; k++) {
                bool mine = (size_t)inst->positions[inst->scores[k].position].department == d;
                on[k] = !mine && x[k];
                off[k] = (!mine && !x[k]) || (in->force_off && in->force_off[k]);
            }
            sub.deadline = fm_solve_now() + fmax(0.05, left / (double)(D - d));
            rc = fm_model_solve(&sub, &r, err);
            if (rc == FM_EINFEASIBLE) {
                /* This neighbourhood cannot hold the incumbent's other
                 * departments (a row learned since it was made): skip it. */
                fm_err_clear(err);
                rc = FM_OK;
                free(r.x);
                continue;
            }
            if (rc)
                goto done;
            ++*solves;
            v = value_of(inst, r.x, scratch);
            if (v > *xval + 1e-9 * fmax(1.0, fabs(*xval))) {
                memcpy(x, r.x, ns);
                *xval = v;
                improved = true;
            }
            free(r.x);
        }
    }
done:
    free(on);
    free(off);
    free(scratch);
    return rc;
}
