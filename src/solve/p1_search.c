/*
 * p1_search.c - how phase 1's MIP (built by model.c) is solved: LP first,
 * then a good incumbent, then GLPK's tree on what the incumbent leaves open.
 *
 * Why not glp_intopt on the whole model: on dense fairs from a second
 * generator GLPK's tree found poor incumbents for tens of seconds while its
 * bound was already at the optimum (issue 11: 0.3-28 % below). The LP
 * relaxation of this model is nearly integral - a network plus two gender
 * rows per department - so the search here leans on it:
 *
 * 1. The LP relaxation with column pricing: on fairs with many pairs only
 *    the most promising ones start in the LP (the rest are held at 0), and
 *    held pairs whose reduced cost turns positive are let in, until none is.
 *    The LP value is then a proven bound for the whole model.
 * 2. LP rounding: pairs at 0 or 1 in the LP keep that value, a sub-MIP
 *    decides the fractional ones (always feasible: every row that x can
 *    break is a "<=" row or has a slack).
 * 3. RINS and department neighbourhoods: sub-MIPs that free the pairs where
 *    incumbent and LP disagree, or the pairs of a few departments, with the
 *    rest fixed as in the incumbent.
 * 4. Reduced-cost fixing: a pair whose reduced cost says that setting it
 *    away from its LP value costs more than the gap between LP bound and
 *    incumbent can take no other value in a better solution; the pairs
 *    where the incumbent agrees are fixed. GLPK's branch-and-cut then runs
 *    on the rest, with the incumbent handed to its tree (glp_ios_heur_sol)
 *    so that pruning starts at once.
 *
 * Every sub-MIP stops at a node count, not a time, so a run that ends
 * optimal takes the same path and prints the same bytes every time; only
 * the run's deadline (and a stop request) cut anything short.
 */
#include <math.h>
#include <stdio.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "p1_internal.h"

/* Below this many pairs the LP is solved with every column at once. */
#define PRICING_MIN_PAIRS 6000
/* Held pairs let into the LP per seeker and pass: all at once made the LP
 * of a 54,900-pair fair 3 s slower than two at a time (hard-1200). */
#define PRICE_PER_SEEKER 2
/* Rounds of whole-person gender cuts (each adds at most one per department). */
#define CUT_ROUNDS 20
/* The share of phase 1's time the LP relaxation may take. */
#define LP_SHARE 0.7
/* Simplex iterations between two looks at the clock and the stop flag. */
#define SIMPLEX_CHUNK 2000

double fm_p1_tol(double z)
{
    return 1e-7 * fmax(1.0, fabs(z));
}

bool fm_p1_forced(const search *s, size_t k)
{
    return s->m->in->force_on && s->m->in->force_on[k];
}

/* Every column's value for the pair choice x, with the best slack values
 * (model.md: y, u, g follow from x). Returns the model's objective. */
static double complete(search *s, const unsigned char *x, double *cv)
{
    const fm_instance *in = s->inst;
    const model *m = s->m;
    double obj = glp_get_obj_coef(s->lp, 0);

    memset(s->cnt_seek, 0, in->n_seekers * sizeof *s->cnt_seek);
    memset(s->cnt_pos, 0, in->n_positions * sizeof *s->cnt_pos);
    memset(s->cnt_dep, 0, in->n_departments * sizeof *s->cnt_dep);
    memset(s->cnt_dep_w, 0, in->n_departments * sizeof *s->cnt_dep_w);
    for (int j = 1; j <= s->ncols; j++)
        cv[j] = glp_get_col_lb(s->lp, j);
    for (size_t k = 0; k < in->n_scores; k++) {
        const fm_inst_score *sc = &in->scores[k];
        if (!m->col_x[k])
            continue;
        cv[m->col_x[k]] = x[k];
        if (!x[k])
            continue;
        s->cnt_seek[sc->seeker]++;
        s->cnt_pos[sc->position]++;
        s->cnt_dep[fm_model_dep(s->m, k)]++;
        s->cnt_dep_w[fm_model_dep(s->m, k)] += in->seekers[sc->seeker].gender == FM_GENDER_WOMAN;
    }
    for (size_t i = 0; i < in->n_seekers; i++)
        if (m->col_y[i])
            cv[m->col_y[i]] = s->cnt_seek[i] > 0;
    for (size_t p = 0; p < in->n_positions; p++)
        if (m->col_u[p]) {
            int want = in->min_candidates_per_place * in->positions[p].places;
            cv[m->col_u[p]] = s->cnt_pos[p] < want ? s->cnt_pos[p] : want;
        }
    for (size_t d = 0; d < in->n_departments; d++) {
        double n = s->cnt_dep[d], w = s->cnt_dep_w[d];
        if (m->col_n[d]) {
            cv[m->col_n[d]] = n;
            cv[m->col_m[d]] = w;
        }
        if (m->col_gl[d])
            cv[m->col_gl[d]] = fmax(0.0, m->L * n - w);
        if (m->col_gu[d])
            cv[m->col_gu[d]] = fmax(0.0, w - m->U * n);
    }
    for (int j = 1; j <= s->ncols; j++)
        obj += glp_get_obj_coef(s->lp, j) * cv[j];
    return obj;
}

/* Does the full solution cv keep every row and column bound of s->lp? */
static bool feasible(search *s, const double *cv)
{
    for (int j = 1; j <= s->ncols; j++) {
        int t = glp_get_col_type(s->lp, j);
        double lb = glp_get_col_lb(s->lp, j), ub = glp_get_col_ub(s->lp, j);
        if ((t != GLP_FR && t != GLP_UP && cv[j] < lb - 1e-9) ||
            ((t == GLP_UP || t == GLP_DB || t == GLP_FX) && cv[j] > ub + 1e-9))
            return false;
    }
    for (int r = 1; r <= s->nrows; r++) {
        int len = glp_get_mat_row(s->lp, r, s->ind, s->val), t = glp_get_row_type(s->lp, r);
        double act = 0, lb = glp_get_row_lb(s->lp, r), ub = glp_get_row_ub(s->lp, r);
        for (int q = 1; q <= len; q++)
            act += s->val[q] * cv[s->ind[q]];
        if ((t == GLP_LO || t == GLP_DB || t == GLP_FX) && act < lb - 1e-6)
            return false;
        if ((t == GLP_UP || t == GLP_DB || t == GLP_FX) && act > ub + 1e-6)
            return false;
    }
    return true;
}

/* Take x as the incumbent when it keeps every row and beats the one there. */
bool fm_p1_offer(search *s, const unsigned char *x)
{
    double v = complete(s, x, s->colval);
    if (v <= s->inc_val + fm_p1_tol(s->inc_val) || !feasible(s, s->colval))
        return false;
    memcpy(s->inc, x, s->inst->n_scores);
    s->inc_val = v;
    return true;
}

/* Deadline passed or stop requested: wrap up with what there is. */
bool fm_p1_expired(const search *s)
{
    return fm_solve_now() >= s->deadline || fm_watch_stopped(s->m->in->watch);
}

void fm_p1_report(search *s, const char *phase, double bound)
{
    fm_watch_report(s->m->in->watch, phase, s->inc_val, bound);
}

bool fm_p1_closed(const search *s)
{
    return s->inc_val >= s->z_lp - fm_p1_tol(s->z_lp);
}

bool fm_p1_integral(double v)
{
    return v < 1e-6 || v > 1 - 1e-6;
}

/* ---- 1. the LP relaxation with column pricing ---- */

static _Thread_local const double *sort_cx;

static int cmp_cx(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    if (sort_cx[x] != sort_cx[y])
        return sort_cx[x] > sort_cx[y] ? -1 : 1;
    return x < y ? -1 : x > y;
}

/* Mark the best `need` members of each group as kept. */
static void keep_best(const search *s, const groups *g, size_t ngroups, const int *need,
                      size_t *scratch, unsigned char *keep)
{
    sort_cx = s->m->cx;
    for (size_t i = 0; i < ngroups; i++) {
        size_t n = g->start[i + 1] - g->start[i];
        memcpy(scratch, g->idx + g->start[i], n * sizeof *scratch);
        qsort(scratch, n, sizeof *scratch, cmp_cx);
        for (size_t j = 0; j < n && j < (size_t)need[i]; j++)
            keep[scratch[j]] = 1;
    }
}

/* Hold all but the promising pairs at 0 for the first LP. Returns 0 or -1 (memory). */
static int hold_columns(search *s, const unsigned char *greedy)
{
    const fm_instance *in = s->inst;
    const model *m = s->m;
    size_t ns = in->n_scores, alive = 0;
    unsigned char *keep = calloc(ns + 1, 1);
    size_t *scratch = calloc(ns + 1, sizeof *scratch);
    int *need_seek = calloc(in->n_seekers + 1, sizeof *need_seek);
    int *need_pos = calloc(in->n_positions + 1, sizeof *need_pos);
    int rc = -1;

    if (!keep || !scratch || !need_seek || !need_pos)
        goto done;
    rc = 0;
    for (size_t k = 0; k < ns; k++)
        alive += m->col_x[k] != 0;
    if (alive <= PRICING_MIN_PAIRS)
        goto done;
    for (size_t i = 0; i < in->n_seekers; i++)
        need_seek[i] = m->K[i];
    for (size_t p = 0; p < in->n_positions; p++)
        need_pos[p] = in->max_candidates_per_place * in->positions[p].places;
    keep_best(s, &m->by_seeker, in->n_seekers, need_seek, scratch, keep);
    keep_best(s, &m->by_pos, in->n_positions, need_pos, scratch, keep);
    for (size_t k = 0; k < ns; k++) {
        if (!m->col_x[k] || keep[k] || fm_p1_forced(s, k) || (greedy && greedy[k]))
            continue;
        s->held[k] = 1;
        glp_set_col_bnds(s->lp, m->col_x[k], GLP_FX, 0, 0);
        alive--;
    }
done:
    free(keep);
    free(scratch);
    free(need_seek);
    free(need_pos);
    return rc;
}

/* d_j = c_j - sum_r a_rj pi_r for every pair's column (held ones too). */
static void reduced_costs(search *s)
{
    const model *m = s->m;
    for (int r = 1; r <= s->nrows; r++)
        s->pi[r] = glp_get_row_dual(s->lp, r);
    for (size_t k = 0; k < s->inst->n_scores; k++) {
        int j = m->col_x[k], len;
        double d;
        if (!j)
            continue;
        d = glp_get_obj_coef(s->lp, j);
        len = glp_get_mat_col(s->lp, j, s->ind, s->val);
        for (int q = 1; q <= len; q++)
            d -= s->val[q] * s->pi[s->ind[q]];
        s->dj[k] = d;
    }
}

/*
 * The simplex in chunks of SIMPLEX_CHUNK iterations, so that progress is
 * reported and a stop request heard during a long LP; cut by iterations,
 * not time, so every run takes the same path. Returns 0, -1 (infeasible)
 * or -4 (deadline or stop).
 */
static int simplex(search *s, int meth, double deadline)
{
    glp_smcp p;
    int ret;

    glp_init_smcp(&p);
    p.msg_lev = GLP_MSG_OFF;
    p.meth = meth;
    p.it_lim = SIMPLEX_CHUNK;
    /* The first LP from scratch goes through GLPK's presolver, which drops
     * the held columns and the rows they leave redundant: 2x fewer
     * iterations on hard-1200 and XL. It cannot stop part-way and hand back
     * a basis, so it runs whole (within the deadline); later solves start
     * from its basis, in chunks. */
    if (!s->solved_once) {
        p.presolve = GLP_ON;
        p.it_lim = INT_MAX;
    }
    s->solved_once = true;
    for (;;) {
        double left = deadline - fm_solve_now();
        if (left <= 0 || fm_watch_stopped(s->m->in->watch))
            return -4;
        p.tm_lim = (int)fmin(left * 1000.0 + 1, 2e9);
        ret = glp_simplex(s->lp, &p);
        if (ret != GLP_EITLIM)
            break;
        fm_p1_report(s, "LP relaxation", INFINITY);
    }
    if (glp_get_status(s->lp) == GLP_NOFEAS)
        return -1;
    if (ret != 0 || glp_get_status(s->lp) != GLP_OPT)
        return -4;
    return 0;
}

/* Let in held pairs whose reduced cost is positive, at most `per` for each
 * seeker (the best first); returns how many. */
static size_t price_in(search *s, size_t per)
{
    const groups *g = &s->m->by_seeker;
    size_t added = 0;

    reduced_costs(s);
    for (size_t i = 0; i < s->inst->n_seekers; i++)
        for (size_t n = 0; n < per; n++) {
            size_t best = SIZE_MAX;
            for (size_t j = g->start[i]; j < g->start[i + 1]; j++) {
                size_t k = g->idx[j];
                if (s->held[k] && s->dj[k] > 1e-7 && (best == SIZE_MAX || s->dj[k] > s->dj[best]))
                    best = k;
            }
            if (best == SIZE_MAX)
                break;
            s->held[best] = 0;
            glp_set_col_bnds(s->lp, s->m->col_x[best], GLP_DB, 0, 1);
            added++;
        }
    return added;
}

/*
 * The LP relaxation over every pair, strengthened by whole-person gender
 * cuts: solve, let priced pairs in, add violated cuts (re-solved by the
 * dual simplex, which their rows leave dual feasible), until neither
 * changes anything. Returns 0 (s->z_lp, xlp, dj set), -1 (no feasible
 * point), -3 (memory) or -4 (out of time).
 */
static int relaxation(search *s, const unsigned char *greedy)
{
    const model *m = s->m;
    int meth = GLP_PRIMAL, rounds = 0, rc;

    if (hold_columns(s, greedy))
        return -3;

    for (;;) {
        int cuts = 0;
        rc = simplex(s, meth, s->lp_deadline);
        if (rc)
            return rc;
        /* Kept for rounding if a later pass runs out of time. */
        for (size_t k = 0; k < s->inst->n_scores; k++)
            s->xlp[k] = m->col_x[k] ? glp_get_col_prim(s->lp, m->col_x[k]) : 0.0;
        s->have_point = true;
        meth = GLP_PRIMAL;
        fm_p1_report(s, "LP relaxation", INFINITY);
        if (price_in(s, PRICE_PER_SEEKER))
            continue;
        if (rounds++ < CUT_ROUNDS)
            fm_gender_cuts_add(s->m, &cuts);
        if (!cuts)
            break;
        s->nrows = glp_get_num_rows(s->lp);
        meth = GLP_DUALP;
    }
    s->z_lp = glp_get_obj_val(s->lp);
    return 0;
}

/* ---- 4. reduced-cost fixing and the tree ---- */

static void tree_callback(glp_tree *tree, void *info)
{
    search *s = info;
    int best, a, n, t;

    if (glp_ios_reason(tree) == GLP_IHEUR && s->inject) {
        s->inject = false;
        glp_ios_heur_sol(tree, s->colval);
    }
    best = glp_ios_best_node(tree);
    if (best) {
        double b = glp_ios_node_bound(tree, best);
        if (!s->have_node_bound || b < s->node_bound)
            s->node_bound = b;
        s->have_node_bound = true;
    }
    glp_ios_tree_size(tree, &a, &n, &t);
    s->nodes = t;
    fm_p1_report(s, "branch and cut",
                 s->have_node_bound ? fmax(fmin(s->z_lp, s->node_bound), s->inc_val) : s->z_lp);
    if (fm_p1_expired(s))
        glp_ios_terminate(tree);
}

/* Fix what the reduced costs allow, let every held pair that may matter in,
 * and run GLPK's branch-and-cut from the LP's basis with the incumbent. */
static int tree_search(search *s, bool *proven)
{
    const model *m = s->m;
    double gap = s->z_lp - s->inc_val, eps = fm_p1_tol(s->z_lp);
    glp_iocp p;
    int ret, st, rc;

    *proven = false;
    for (size_t k = 0; k < s->inst->n_scores; k++) {
        int j = m->col_x[k], stat;
        if (!j || fm_p1_forced(s, k))
            continue;
        stat = glp_get_col_stat(s->lp, j);
        if (s->held[k]) {
            if (s->dj[k] >= -gap - eps) {
                s->held[k] = 0;
                glp_set_col_bnds(s->lp, j, GLP_DB, 0, 1);
            }
        } else if (stat == GLP_NL && s->dj[k] < -gap - eps && !s->inc[k]) {
            glp_set_col_bnds(s->lp, j, GLP_FX, 0, 0);
        } else if (stat == GLP_NU && s->dj[k] > gap + eps && s->inc[k]) {
            glp_set_col_bnds(s->lp, j, GLP_FX, 1, 1);
        }
    }
    rc = simplex(s, GLP_PRIMAL, s->deadline);
    if (rc)
        return rc;
    complete(s, s->inc, s->colval);
    s->inject = s->inc_val > -INFINITY && feasible(s, s->colval);
    glp_init_iocp(&p);
    p.msg_lev = GLP_MSG_OFF;
    p.presolve = GLP_OFF;
    p.mip_gap = 0.0;
    /* Gomory cuts halve the tree on the shared instances (7 -> 3 nodes on
     * fair-300x80, 109 -> 7 on explicit-share); MIR cuts find the whole
     * persons of the gender rows. */
    p.gmi_cuts = GLP_ON;
    p.mir_cuts = GLP_ON;
    p.cb_func = tree_callback;
    p.cb_info = s;
    p.tm_lim = (int)fmin(fmax(1.0, (s->deadline - fm_solve_now()) * 1000.0), 2e9);
    ret = glp_intopt(s->lp, &p);
    st = glp_mip_status(s->lp);
    if (st == GLP_OPT || st == GLP_FEAS) {
        for (size_t k = 0; k < s->inst->n_scores; k++)
            s->cand[k] = m->col_x[k] && glp_mip_col_val(s->lp, m->col_x[k]) > 0.5;
        fm_p1_offer(s, s->cand);
    }
    *proven = ret == 0 && st == GLP_OPT;
    return 0;
}

static void search_release(search *s)
{
    free(s->held);
    free(s->xlp);
    free(s->dj);
    free(s->inc);
    free(s->colval);
    free(s->pi);
    free(s->ind);
    free(s->val);
    free(s->cnt_seek);
    free(s->cnt_pos);
    free(s->cnt_dep);
    free(s->cnt_dep_w);
    free(s->cand);
    free(s->fix);
}

static bool search_alloc(search *s)
{
    const fm_instance *in = s->inst;
    size_t ns = in->n_scores + 1, nc = (size_t)s->ncols + 2;
    size_t nr = (size_t)s->nrows + 2 + CUT_ROUNDS * in->n_departments;
    size_t wide = nc > nr ? nc : nr;
    s->held = calloc(ns, 1);
    s->xlp = calloc(ns, sizeof *s->xlp);
    s->dj = calloc(ns, sizeof *s->dj);
    s->inc = calloc(ns, 1);
    s->colval = calloc(nc, sizeof *s->colval);
    s->pi = calloc(nr, sizeof *s->pi);
    s->ind = calloc(wide, sizeof *s->ind);
    s->val = calloc(wide, sizeof *s->val);
    s->cnt_seek = calloc(in->n_seekers + 1, sizeof *s->cnt_seek);
    s->cnt_pos = calloc(in->n_positions + 1, sizeof *s->cnt_pos);
    s->cnt_dep = calloc(in->n_departments + 1, sizeof *s->cnt_dep);
    s->cnt_dep_w = calloc(in->n_departments + 1, sizeof *s->cnt_dep_w);
    s->cand = calloc(ns, 1);
    s->fix = calloc(ns, 1);
    return s->held && s->xlp && s->dj && s->inc && s->colval && s->pi && s->ind && s->val &&
           s->cnt_seek && s->cnt_pos && s->cnt_dep && s->cnt_dep_w && s->cand && s->fix;
}

/*
 * The LP ran out of its share of the time after at least one pass: its
 * last point, over the pairs let in so far, is still a far better guide
 * than none. Rounding and neighbourhoods around it (restrictions of the
 * model, so their solutions are valid) use the rest of the time; the LP
 * value is no bound, so model_solve.c supplies one. Measured: on a 2,000-seeker
 * fair given 10 s the greedy fallback ended 12-24 % below the optimum.
 * Returns -5 with the incumbent in m->res, or -4 when there is none.
 */
static int unfinished_lp(search *s)
{
    model *m = s->m;
    double now = fm_solve_now();
    /* Two fifths of what is left stay for model_solve.c's Lagrangian bound. */
    s->deadline = now + 0.6 * fmax(0.0, s->deadline - now);
    fm_p1_rounding(s);
    if (s->inc_val > -INFINITY && !fm_p1_expired(s))
        fm_p1_neighbourhoods(s);
    if (s->inc_val == -INFINITY)
        return -4;
    memcpy(m->res->x, s->inc, m->inst->n_scores);
    m->res->objective = s->inc_val;
    m->has_x = true;
    return -5;
}

int fm_p1_search(model *m, const unsigned char *greedy)
{
    search s = {.m = m, .lp = m->lp, .inst = m->inst, .inc_val = -INFINITY};
    bool proven = false;
    int rc;

    s.ncols = glp_get_num_cols(m->lp);
    s.nrows = glp_get_num_rows(m->lp);
    s.deadline = m->in->deadline;
    /* Without the LP nothing here works: if it takes more than 70 % of the
     * time, model_solve.c's neighbourhood search from the greedy start gets the
     * rest. */
    {
        double now = fm_solve_now();
        s.lp_deadline = now + LP_SHARE * fmax(0.0, s.deadline - now);
    }
    if (!search_alloc(&s)) {
        rc = -3;
        goto done;
    }
    s.z_lp = INFINITY;
    if (greedy)
        fm_p1_offer(&s, greedy);
    rc = relaxation(&s, greedy);
    if (rc == -4 && s.have_point && !fm_watch_stopped(m->in->watch)) {
        rc = unfinished_lp(&s);
        goto done;
    }
    if (rc)
        goto done;
    if (!fm_p1_closed(&s)) {
        double before = s.inc_val;
        fm_p1_rounding(&s);
        /* Rounding's choice agrees with the LP wherever the LP is whole:
         * RINS around it would solve the same sub-MIP again. */
        if (!fm_p1_closed(&s) && s.inc_val == before && s.inc_val > -INFINITY)
            fm_p1_rins(&s);
    }
    if (!fm_p1_closed(&s) && s.inc_val > -INFINITY && !fm_p1_expired(&s))
        fm_p1_neighbourhoods(&s);
    if (fm_p1_closed(&s)) {
        proven = true;
    } else if (!fm_p1_expired(&s)) {
        rc = tree_search(&s, &proven);
        if (rc)
            goto done;
    }
    if (s.inc_val > -INFINITY) {
        memcpy(m->res->x, s.inc, m->inst->n_scores);
        m->res->objective = s.inc_val;
        m->has_x = true;
    }
    m->res->proven = proven && m->has_x;
    /* The tree's bound holds for solutions better than the incumbent only. */
    m->best_bound = s.have_node_bound ? fmax(fmin(s.z_lp, s.node_bound), s.inc_val) : s.z_lp;
    m->have_bound = true;
    m->nodes = s.nodes;
done:
    search_release(&s);
    return rc;
}
