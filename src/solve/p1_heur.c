/*
 * p1_heur.c - the LP-guided search's sub-MIP heuristics (steps 3 and 4 of
 * p1_search.c's plan, docs/model.md "How phase 1 is solved"): LP rounding
 * on the LP's optimal face, RINS, and department neighbourhoods. Each
 * solves a copy of the model with some pairs fixed, stops at a node count
 * (so optimal runs repeat exactly) and offers its result as incumbent.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "p1_internal.h"

/* Node limits of the heuristic sub-MIPs (deterministic, unlike time). */
#define ROUND_NODES 5000
#define LNS_NODES 400
#define LNS_ROUNDS 3

/* ---- 2, 3. sub-MIPs on a copy of the model ---- */

static void sub_callback(glp_tree *tree, void *info)
{
    search *s = info;
    int a, n, t;
    glp_ios_tree_size(tree, &a, &n, &t);
    fm_p1_report(s, s->phase, s->z_lp);
    if (t > s->node_limit || fm_p1_expired(s))
        glp_ios_terminate(tree);
}

/* Solve the model with x fixed as s->fix says; its best x goes to s->cand.
 * Returns whether it found one. */
static bool submip(search *s, long nodes)
{
    const model *m = s->m;
    glp_prob *sub = glp_create_prob();
    glp_iocp p;
    bool found = false;
    int st;

    glp_copy_prob(sub, s->lp, GLP_OFF);
    for (size_t k = 0; k < s->inst->n_scores; k++) {
        int j = m->col_x[k];
        if (!j || s->held[k] || fm_p1_forced(s, k))
            continue;
        if (s->fix[k] >= 0)
            glp_set_col_bnds(sub, j, GLP_FX, s->fix[k], s->fix[k]);
        else
            glp_set_col_bnds(sub, j, GLP_DB, 0, 1);
    }
    glp_init_iocp(&p);
    p.msg_lev = GLP_MSG_OFF;
    p.presolve = GLP_ON;
    p.gmi_cuts = GLP_ON;
    p.mip_gap = 0.0;
    p.cb_func = sub_callback;
    p.cb_info = s;
    s->node_limit = nodes;
    p.tm_lim = (int)fmin(fmax(1.0, (s->deadline - fm_solve_now()) * 1000.0), 2e9);
    glp_intopt(sub, &p);
    st = glp_mip_status(sub);
    if (st == GLP_OPT || st == GLP_FEAS) {
        for (size_t k = 0; k < s->inst->n_scores; k++)
            s->cand[k] = m->col_x[k] && glp_mip_col_val(sub, m->col_x[k]) > 0.5;
        found = true;
    }
    glp_delete_prob(sub);
    return found;
}

/*
 * LP rounding: keep the LP's whole values, decide the fractional ones and
 * the pairs next to them (same seeker or position) that the LP's reduced
 * costs say are as good as any (d = 0: on the LP's optimal face). Freeing
 * only the fractional pairs found 32,810.5 where 32,822.5 was possible on
 * hard-700-tol0; with their neighbours on the face it finds the optimum.
 */
void fm_p1_rounding(search *s)
{
    const fm_instance *in = s->inst;
    unsigned char *seek = calloc(in->n_seekers + 1, 1), *pos = calloc(in->n_positions + 1, 1);

    s->phase = "rounding the LP";
    if (!seek || !pos)
        goto done;
    for (size_t k = 0; k < in->n_scores; k++)
        if (!fm_p1_integral(s->xlp[k])) {
            seek[in->scores[k].seeker] = 1;
            pos[in->scores[k].position] = 1;
        }
    for (size_t k = 0; k < in->n_scores; k++) {
        bool near = fabs(s->dj[k]) < 1e-7 && !s->held[k] &&
                    (seek[in->scores[k].seeker] || pos[in->scores[k].position]);
        s->fix[k] = fm_p1_integral(s->xlp[k]) && !near ? (signed char)(s->xlp[k] > 0.5) : -1;
    }
    if (submip(s, ROUND_NODES))
        fm_p1_offer(s, s->cand);
done:
    free(seek);
    free(pos);
}

/* RINS: free where the incumbent and the LP disagree (or the LP is fractional). */
void fm_p1_rins(search *s)
{
    s->phase = "RINS";
    for (size_t k = 0; k < s->inst->n_scores; k++)
        s->fix[k] = fm_p1_integral(s->xlp[k]) && (s->xlp[k] > 0.5) == (s->inc[k] != 0)
                        ? (signed char)s->inc[k]
                        : -1;
    if (submip(s, ROUND_NODES))
        fm_p1_offer(s, s->cand);
}

/* A fixed pseudo-random sequence (LCG), so neighbourhoods repeat run to run. */
static unsigned next_rand(unsigned *state)
{
    *state = *state * 1103515245u + 12345u;
    return (*state >> 16) & 0x7fff;
}

/*
 * Department neighbourhoods: free the pairs of a group of departments
 * (about a quarter of them, at least two) and of the pairs where the
 * incumbent and the LP disagree; everything else as in the incumbent.
 * Rounds of shuffled groups until a round brings nothing.
 */
void fm_p1_neighbourhoods(search *s)
{
    size_t D = s->inst->n_departments, group = D / 4 < 2 ? 2 : D / 4;
    size_t *order = calloc(D + 1, sizeof *order);
    unsigned char *in_group = calloc(D + 1, 1);
    unsigned seed = 12345;

    if (!order || !in_group || D < 2)
        goto done;
    s->phase = "department neighbourhoods";
    for (int round = 0; round < LNS_ROUNDS && !fm_p1_closed(s); round++) {
        bool improved = false;
        for (size_t d = 0; d < D; d++)
            order[d] = d;
        for (size_t d = D - 1; d > 0; d--) {
            size_t e = next_rand(&seed) % (d + 1), t = order[d];
            order[d] = order[e];
            order[e] = t;
        }
        for (size_t g0 = 0; g0 < D && !fm_p1_closed(s) && !fm_p1_expired(s); g0 += group) {
            memset(in_group, 0, D);
            for (size_t g = g0; g < g0 + group && g < D; g++)
                in_group[order[g]] = 1;
            for (size_t k = 0; k < s->inst->n_scores; k++) {
                bool agree = fm_p1_integral(s->xlp[k]) && (s->xlp[k] > 0.5) == (s->inc[k] != 0);
                s->fix[k] = in_group[fm_model_dep(s->m, k)] || !agree ? -1 : (signed char)s->inc[k];
            }
            if (submip(s, LNS_NODES) && fm_p1_offer(s, s->cand))
                improved = true;
        }
        if (!improved)
            break;
    }
done:
    free(order);
    free(in_group);
}
