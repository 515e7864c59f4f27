/*
 * model_internal.h - phase 1's model as model.c builds it, shared with
 * model_solve.c and the LP-guided search (p1_search.c) that solve it, and
 * the parts (greedy, joint, lns, gender cuts) they use. Private to
 * src/solve, like glpk.h.
 */
#ifndef FAIRMATCH_MODEL_INTERNAL_H
#define FAIRMATCH_MODEL_INTERNAL_H

#include <glpk.h>
#include <stdbool.h>
#include <stddef.h>

#include "solve_internal.h"

/* Alive scores grouped by a key (CSR): members of group g are idx[start[g]..start[g+1]). */
typedef struct groups {
    size_t *start, *idx;
} groups;

typedef struct model {
    const fm_p1_input *in;
    const fm_instance *inst;
    double L, U;
    int *K;                 /* per seeker */
    unsigned char *alive_k; /* per score: x may be 1 */
    groups by_seeker, by_pos, by_dep;
    int *col_x; /* per score: column, 0 = not in the model (x = 0) */
    int *col_y; /* per seeker, 0 = none (coverage folded into x, or no weight) */
    int *col_u; /* per position: v_p = want - u_p, 0 = none */
    int *col_n, *col_m, *col_gl, *col_gu; /* per department */
    int *men;                             /* per department: men (not women) who can come */
    int *stamp;                           /* per seeker: scratch for counting seekers */
    double *cx;                           /* per score: objective coefficient of x */
    double constant;                      /* objective constant from folded shortfall */
    int ncols;
    /* scratch for rows */
    int *ind;
    double *val;
    size_t scratch;
    glp_prob *lp;
    /* results */
    double best_bound;
    bool have_bound;
    long nodes;
    fm_p1_result *res;
    int glp_ret;
    bool has_x;                  /* GLPK found an incumbent */
    bool write_only;             /* build (and write the MPS) but do not solve */
    const unsigned char *greedy; /* per score: the greedy start (p1_search's seed) */
    /* joint model: z columns z_first .. z_first + nz - 1 are (z_k[j], z_t[j]) */
    int z_first;
    size_t nz;
    size_t *z_k;
    int *z_t;
} model;

/* A department's gender slack in persons with n interviews, w of them
 * women: max(0, L n - w) + max(0, w - U n) (model.md constraint 6). With
 * L = 0 (U = 1) the first (second) term is 0 wherever w <= n. */
double fm_model_slack(const model *m, double n, double w);
/* The department of score k's position. */
int fm_model_dep(const model *m, size_t k);
/* Add a row of len entries from m->ind/m->val (1-based), or a column. */
void fm_model_add_row(model *m, int len, int type, double lo, double hi, const char *name);
int fm_model_add_col(model *m, const char *name, int kind, double lo, double hi, double obj);

/* The model's arrays for m->inst (model.c). Returns FM_OK, FM_ENOMEM (release m either way). */
fm_rc fm_model_alloc(model *m);
/* Free what fm_model_alloc and fm_model_prepare allocated; m's own storage is the caller's. */
void fm_model_release(model *m);
/*
 * Everything the formulation needs before GLPK: L, U, K_i, the alive pairs,
 * the groups, the coefficients and the greedy start into greedy (per score,
 * kept in m->greedy). Returns 1, or 0 when out of memory.
 */
int fm_model_prepare(model *m, unsigned char *greedy);
/*
 * Build m->lp: the columns and rows of model.md phase 1, the caller's cuts,
 * the joint part when asked, and the model's size into m->res. Returns 0, or
 * -3 out of memory (m->lp deleted). Call inside fm_glpk_guarded.
 */
int fm_model_build(model *m);

/* The greedy start into chosen (per score). Returns 1, or 0 when out of memory. */
int fm_model_greedy(model *m, unsigned char *chosen);

/*
 * The joint model's timetable part (joint.c, fm_p1_input.joint): z[k][t] for
 * every pair in the model and period its seeker can come in, sum_t z = x, at
 * most tables_d interviews of department d per period (rule 1: one table
 * each), and per seeker at most one interview in any gap + 1 consecutive
 * periods (rules 2 and the gap). Tables are then any free ones of the
 * period. Returns 0, or 1 when out of memory.
 */
int fm_model_build_joint(model *m);

/*
 * The fallback neighbourhood search (lns.c): improve x (value *xval) by
 * department sub-MIPs until a round brings nothing or the deadline or a
 * stop. *solves counts the sub-MIPs.
 */
fm_rc fm_model_lns(const fm_p1_input *in, unsigned char *x, double *xval, long *solves,
                   fm_err *err);

/*
 * Add to m->lp, whose LP relaxation has just been solved, one cut per
 * department whose LP point lies outside the convex hull of whole counts
 * (gender_cuts.c). *added: how many. Returns 0.
 */
int fm_gender_cuts_add(model *m, int *added);

/*
 * Solve the built model m->lp (not joint) to proven optimality or the
 * deadline: the LP relaxation with column pricing, an LP-rounding sub-MIP,
 * neighbourhood sub-MIPs, then GLPK's branch-and-cut on the columns that
 * reduced costs cannot fix, with the best solution fed to its tree. Fills
 * m->res (x, objective, proven), m->has_x, m->best_bound/have_bound and
 * m->nodes. greedy (per score, may be NULL) seeds the incumbent. Returns 0,
 * -4 when the LP relaxation did not finish in time (m->res untouched:
 * the caller falls back to neighbourhoods without an LP), or -5 when it did
 * not finish but its last point led to m->res->x and objective (not
 * proven, no bound: the caller supplies one).
 */
int fm_p1_search(model *m, const unsigned char *greedy);

#endif
