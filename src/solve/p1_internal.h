/*
 * p1_internal.h - the LP-guided search's state, shared by p1_search.c (the
 * LP relaxation, the tree, the driver) and p1_heur.c (the sub-MIP
 * heuristics: rounding, RINS, neighbourhoods). Private to src/solve.
 */
#ifndef FAIRMATCH_P1_INTERNAL_H
#define FAIRMATCH_P1_INTERNAL_H

#include "model_internal.h"

typedef struct search {
    model *m;
    glp_prob *lp;
    const fm_instance *inst;
    int ncols, nrows;
    unsigned char *held; /* per score: column held at 0 until priced in */
    double *xlp;         /* per score: LP value */
    double *dj;          /* per score: reduced cost in the LP */
    unsigned char *inc;  /* per score: the incumbent */
    double inc_val;      /* its objective, -INFINITY when none */
    double z_lp;         /* LP bound */
    double *colval;      /* per column (1-based): a full solution */
    double *pi;          /* per row (1-based): LP duals */
    int *ind;            /* scratch for rows and columns */
    double *val;
    int *cnt_seek, *cnt_pos, *cnt_dep, *cnt_dep_w;
    unsigned char *cand; /* per score: a sub-MIP's solution */
    signed char *fix;    /* per score: -1 free, 0, 1 */
    const char *phase;   /* for the progress line */
    bool solved_once;
    bool have_point;    /* xlp holds an optimal point of some restricted LP */
    double lp_deadline; /* the LP relaxation gives up here (the rest: fallback) */
    /* tree state */
    bool inject;
    long node_limit;
    double deadline;
    double node_bound;
    bool have_node_bound;
    long nodes;
} search;

/* Relative tolerance of "the incumbent is at the bound" (GLPK's 1e-7). */
double fm_p1_tol(double z);
/* Is score k forced to 1 (a fixed interview of a re-plan)? */
bool fm_p1_forced(const search *s, size_t k);
/* Is x a whole value (0 or 1 within 1e-6)? */
bool fm_p1_integral(double v);
/* Take x as the incumbent when it keeps every row and beats the one there. */
bool fm_p1_offer(search *s, const unsigned char *x);
/* Deadline passed or stop requested. */
bool fm_p1_expired(const search *s);
/* The incumbent is at the LP bound: proven optimal. */
bool fm_p1_closed(const search *s);
/* Report progress with the incumbent and this bound. */
void fm_p1_report(search *s, const char *phase, double bound);

/* p1_heur.c: sub-MIPs that improve s->inc (each keeps it if better). */
void fm_p1_rounding(search *s);
void fm_p1_rins(search *s);
void fm_p1_neighbourhoods(search *s);

#endif
