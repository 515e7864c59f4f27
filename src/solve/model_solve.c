/*
 * model_solve.c - fm_model_solve: phase 1 run on the model model.c builds.
 * It picks how it is solved (the LP-guided search of p1_search.c, a plain
 * GLPK branch-and-cut for sub-MIPs and the joint model, or the fallback
 * neighbourhoods of lns.c), writes the MPS export, supplies a bound when
 * GLPK has none (bound.c's Lagrangian) and keeps the better of GLPK's answer
 * and the greedy start. It does not decide what a failed timetable means
 * (solve.c).
 */
#include <glpk.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_internal.h"
#include "solve_internal.h"

static void callback(glp_tree *tree, void *info)
{
    model *m = info;
    int best, a_cnt, n_cnt, t_cnt;

    best = glp_ios_best_node(tree);
    if (best) {
        double b = glp_ios_node_bound(tree, best);
        /* The best active node's bound only ever falls; keep the smallest seen. */
        if (!m->have_bound || b < m->best_bound)
            m->best_bound = b;
        m->have_bound = true;
    }
    glp_ios_tree_size(tree, &a_cnt, &n_cnt, &t_cnt);
    m->nodes = t_cnt;
    if (fm_solve_now() >= m->in->deadline || fm_watch_stopped(m->in->watch))
        glp_ios_terminate(tree);
}

/* Write lp as free MPS with an OBJSENSE MAX section (GLPK's writer leaves it out). */
static int write_mps(model *m)
{
    const char *path = m->in->mps_path;
    FILE *f = NULL;
    char *text = NULL, *rows;
    long size;
    int rc = 1;

    if (glp_write_mps(m->lp, GLP_MPS_FILE, NULL, path) != 0)
        return 1;
    f = fopen(path, "rb");
    if (!f || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0)
        goto done;
    text = malloc((size_t)size + 1);
    if (!text || fread(text, 1, (size_t)size, f) != (size_t)size)
        goto done;
    text[size] = '\0';
    fclose(f);
    f = NULL;
    rows = strstr(text, "\nROWS\n");
    if (!rows)
        goto done;
    f = fopen(path, "wb");
    if (!f)
        goto done;
    fwrite(text, 1, (size_t)(rows - text) + 1, f);
    fputs("OBJSENSE\n    MAX\n", f);
    fputs(rows + 1, f);
    rc = fclose(f) != 0;
    f = NULL;
done:
    if (f)
        fclose(f);
    free(text);
    return rc;
}

static int solve_lp(void *arg)
{
    model *m = arg;
    glp_iocp parm;
    double left = m->in->deadline - fm_solve_now();
    int status;

    glp_init_iocp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    /* GLPK's presolver pays here; it also hides our columns from the
     * callback, so the greedy start is kept aside as a fallback instead. */
    parm.presolve = GLP_ON;
    parm.mip_gap = 0.0;
    /* Gomory cuts halve the tree on the shared instances (7 -> 3 nodes on
     * fair-300x80, 109 -> 7 on explicit-share); MIR, cover, clique cuts
     * and pseudocost branching were measured and did not pay. */
    parm.gmi_cuts = GLP_ON;
    parm.cb_func = callback;
    parm.cb_info = m;
    parm.tm_lim = left > 0.001 ? (int)fmin(left * 1000.0, 2e9) : 1;
    m->glp_ret = glp_intopt(m->lp, &parm);
    status = glp_mip_status(m->lp);
    if (status == GLP_OPT || status == GLP_FEAS) {
        for (size_t k = 0; k < m->inst->n_scores; k++)
            if (m->col_x[k])
                m->res->x[k] = glp_mip_col_val(m->lp, m->col_x[k]) > 0.5;
        for (size_t j = 0; m->res->period && j < m->nz; j++)
            if (glp_mip_col_val(m->lp, m->z_first + (int)j) > 0.5)
                m->res->period[m->z_k[j]] = m->z_t[j];
        m->res->objective = glp_mip_obj_val(m->lp);
        m->has_x = true;
    }
    m->res->proven = m->glp_ret == 0 && status == GLP_OPT;
    if (status == GLP_NOFEAS)
        return -1;
    return 0;
}

static int build_and_solve(void *arg)
{
    model *m = arg;
    int rc = fm_model_build(m);

    if (rc)
        return rc;
    if (m->in->mps_path && write_mps(m) != 0) {
        glp_delete_prob(m->lp);
        m->lp = NULL;
        return -2;
    }
    if (m->write_only)
        rc = 0;
    else if (m->in->joint || m->in->plain)
        rc = solve_lp(m);
    else
        rc = fm_p1_search(m, m->greedy);
    glp_delete_prob(m->lp);
    m->lp = NULL;
    return rc;
}

/* The objective of the chosen set in the model's own terms (for comparing with GLPK's). */
static double chosen_value(const model *m, const unsigned char *chosen)
{
    size_t n = 0, *idx = calloc(m->inst->n_scores + 1, sizeof *idx);
    double v;
    if (!idx)
        return -INFINITY;
    for (size_t k = 0; k < m->inst->n_scores; k++)
        if (chosen[k])
            idx[n++] = k;
    v = fm_instance_objective(m->inst, idx, n);
    free(idx);
    return v;
}

/* A bound no solution can beat, for a run stopped before GLPK had one. */
/*
 * Every pair at its best, every seeker covered, no shortfall but the one no
 * choice can avoid. From the instance and m's groups alone, the same
 * whether the GLPK columns were built or not (the forced fallback builds
 * none), and equal to what those columns would allow.
 */
static double trivial_bound(const model *m)
{
    const fm_instance *in = m->inst;
    const size_t *ss = m->by_seeker.start, *ps = m->by_pos.start;
    double b = 0;

    for (size_t k = 0; k < in->n_scores; k++)
        if (m->alive_k[k])
            b += fmax(0.0, m->cx[k]);
    for (size_t i = 0; i < in->n_seekers; i++)
        if (ss[i + 1] - ss[i] >= 2 && in->weights.coverage > 0)
            b += in->weights.coverage; /* a single pair carries it in cx */
    for (size_t p = 0; p < in->n_positions; p++) {
        int want = in->min_candidates_per_place * in->positions[p].places;
        if (ps[p + 1] - ps[p] <= (size_t)want)
            b -= in->weights.shortfall * (double)want; /* cx gives it back per pair */
    }
    return b;
}

static bool has_forced(const fm_p1_input *in)
{
    for (size_t k = 0; in->force_on && k < in->inst->n_scores; k++)
        if (in->force_on[k])
            return true;
    return false;
}

/* res from what the solve left in m: the fallback neighbourhoods, a proven
 * optimum, or the better of GLPK's incumbent and the greedy start. */
static fm_rc model_result(model *m, const unsigned char *greedy, double lag, fm_err *err)
{
    const fm_instance *inst = m->inst;
    fm_p1_result *res = m->res;
    fm_rc rc = FM_OK;

    if (m->write_only) {
        double v = chosen_value(m, greedy);
        memcpy(res->x, greedy, inst->n_scores);
        rc = fm_model_lns(m->in, res->x, &v, &res->nodes, err);
        res->objective = v;
        res->bound = fmax(v, fmin(trivial_bound(m), lag));
        res->variables = (long)inst->n_scores;
    } else if (res->proven) {
        res->bound = res->objective;
    } else {
        double gv = chosen_value(m, greedy), xv = chosen_value(m, res->x);
        if (!m->has_x || gv > xv) {
            memcpy(res->x, greedy, inst->n_scores);
            /* The greedy choice comes without periods. */
            for (size_t k = 0; res->period && k < inst->n_scores; k++)
                res->period[k] = -1;
        }
        res->objective = fmax(m->has_x ? xv : -INFINITY, gv);
        res->bound =
            fmax(res->objective, fmin(m->have_bound ? m->best_bound : trivial_bound(m), lag));
    }
    return rc;
}

/*
 * What build_and_solve's return asks for: an error, or the bound and
 * fallback to use when the LP relaxation did not finish (-4: neighbourhoods
 * from the greedy start; -5: an incumbent from its last point, no bound).
 */
static fm_rc after_glpk(model *m, int ret, const unsigned char *greedy, double *lag, fm_err *err)
{
    const fm_p1_input *in = m->in;
    const fm_instance *inst = m->inst;
    double now = fm_solve_now();

    if (ret == -2)
        return fm_err_set(err, FM_EIO, "cannot write the MPS file %s", in->mps_path);
    if (ret == -3)
        return fm_err_set(err, FM_ENOMEM, "out of memory");
    if (ret == -4) {
        if (!fm_watch_stopped(in->watch))
            *lag = fm_bound_lagrangian(inst, m->alive_k, m->K, chosen_value(m, greedy),
                                       now + fmin(2.0, 0.1 * fmax(0.0, in->deadline - now)));
        m->write_only = true;
    }
    if (ret == -5)
        *lag = fm_bound_lagrangian(inst, m->alive_k, m->K, m->res->objective,
                                   now + fmin(2.0, 0.9 * fmax(0.0, in->deadline - now)));
    if (ret == -1)
        return fm_err_set(err, FM_EINFEASIBLE, "the fixed interviews break a rule of the model");
    return FM_OK;
}

fm_rc fm_model_solve(const fm_p1_input *in, fm_p1_result *res, fm_err *err)
{
    const fm_instance *inst = in->inst;
    model m = {.in = in, .inst = inst, .res = res};
    unsigned char *greedy = NULL;
    double lag = INFINITY;
    int ret = 0;
    fm_rc rc;

    memset(res, 0, sizeof *res);
    res->x = calloc(inst->n_scores + 1, 1);
    greedy = calloc(inst->n_scores + 1, 1);
    if (in->joint && (res->period = malloc((inst->n_scores + 1) * sizeof *res->period)))
        for (size_t k = 0; k < inst->n_scores; k++)
            res->period[k] = -1;
    rc = fm_model_alloc(&m);
    if (rc || !res->x || !greedy || (in->joint && !res->period)) {
        rc = fm_err_set(err, FM_ENOMEM, "out of memory");
        goto done;
    }
    if (!fm_model_prepare(&m, greedy)) {
        rc = fm_err_set(err, FM_ENOMEM, "out of memory");
        goto done;
    }
    if (!has_forced(in) && (in->joint || in->plain)) {
        double now = fm_solve_now();
        /* Cheap next to the root LP; on fairs whose LP may not finish in time
         * it is the bound we report, so it gets a larger share there. */
        double share = inst->n_scores > 20000 ? 0.1 : 0.05;
        lag = fm_bound_lagrangian(inst, m.alive_k, m.K, chosen_value(&m, greedy),
                                  now + fmin(2.0, share * fmax(0.0, in->deadline - now)));
    }
    /* fm_solve_opts.lns_min_pairs forces the fallback: greedy start, neighbourhoods. */
    if (!has_forced(in) && in->lns_min_pairs && inst->n_scores > in->lns_min_pairs)
        m.write_only = true;
    if (!m.write_only || in->mps_path)
        rc = fm_glpk_guarded(build_and_solve, &m, &ret, err);
    if (rc)
        goto done;
    rc = after_glpk(&m, ret, greedy, &lag, err);
    if (rc)
        goto done;
    res->nodes = m.nodes;
    rc = model_result(&m, greedy, lag, err);
done:
    free(greedy);
    fm_model_release(&m);
    if (rc) {
        free(res->x);
        free(res->period);
        res->x = NULL;
        res->period = NULL;
    }
    return rc;
}
