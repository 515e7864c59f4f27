/*
 * test_model.c - phase 1's formulation as model.c builds it, without
 * solving: which pairs become x columns (forced off, or a seeker who can
 * have no interview, leaves a pair out), that each x column carries its
 * objective coefficient, that a caller's cut is one row over the pairs still
 * in the model, and that the model's size reaches the result. Solving is
 * tests/unit/test_solve*.c's.
 */
#include <criterion/criterion.h>
#include <glpk.h>
#include <string.h>

#include "solve/model_internal.h"
#include "solve/solve_internal.h"

/* One department, two positions, three seekers; S3 is never available. */
static const char instance[] =
    "{\"format\": \"fairmatch-instance/1\","
    " \"fair\": {\"id\": \"f\", \"periods\": 4},"
    " \"departments\": [{\"id\": \"D1\", \"tables\": 1}],"
    " \"positions\": [{\"id\": \"P1\", \"department\": \"D1\"},"
    "                 {\"id\": \"P2\", \"department\": \"D1\"}],"
    " \"seekers\": [{\"id\": \"S1\", \"gender\": \"woman\"}, {\"id\": \"S2\", \"gender\": \"man\"},"
    "               {\"id\": \"S3\", \"gender\": \"man\", \"available\": []}],"
    " \"scores\": [{\"seeker\": \"S1\", \"position\": \"P1\", \"score\": 80},"
    "              {\"seeker\": \"S2\", \"position\": \"P1\", \"score\": 60},"
    "              {\"seeker\": \"S1\", \"position\": \"P2\", \"score\": 40},"
    "              {\"seeker\": \"S3\", \"position\": \"P2\", \"score\": 90}]}";

/* What the build left, read inside the GLPK guard. */
typedef struct seen {
    int ret;
    int ncols, nrows;
    int col_x[4];
    double obj[4], cx[4];
    int cut_row, cut_len, cut_type;
    double cut_ub;
} seen;

static seen got;

static int build(void *arg)
{
    model *m = arg;
    memset(&got, 0, sizeof got);
    got.ret = fm_model_build(m);
    if (got.ret)
        return got.ret;
    got.ncols = glp_get_num_cols(m->lp);
    got.nrows = glp_get_num_rows(m->lp);
    for (size_t k = 0; k < 4; k++) {
        got.col_x[k] = m->col_x[k];
        got.cx[k] = m->cx[k];
        if (m->col_x[k])
            got.obj[k] = glp_get_obj_coef(m->lp, m->col_x[k]);
    }
    glp_create_index(m->lp);
    got.cut_row = glp_find_row(m->lp, "cut0");
    if (got.cut_row) {
        got.cut_len = glp_get_mat_row(m->lp, got.cut_row, NULL, NULL);
        got.cut_type = glp_get_row_type(m->lp, got.cut_row);
        got.cut_ub = glp_get_row_ub(m->lp, got.cut_row);
    }
    glp_delete_prob(m->lp);
    m->lp = NULL;
    return 0;
}

/* Parse, prepare and build with the given input tweaks. */
static void run(const unsigned char *force_off, const fm_p1_cut *cuts, size_t n_cuts,
                fm_p1_result *res)
{
    fm_instance *inst = NULL;
    fm_err err = {0};
    unsigned char greedy[5] = {0};
    fm_p1_input in = {.force_off = force_off, .cuts = cuts, .n_cuts = n_cuts};
    model m;
    int ret = 0;

    cr_assert_eq(fm_instance_parse(instance, strlen(instance), "t.json", &inst, &err), FM_OK, "%s",
                 err.msg);
    in.inst = inst;
    memset(&m, 0, sizeof m);
    m.in = &in;
    m.inst = inst;
    m.res = res;
    cr_assert_eq(fm_model_alloc(&m), FM_OK);
    cr_assert(fm_model_prepare(&m, greedy));
    cr_assert_eq(fm_glpk_guarded(build, &m, &ret, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(ret, 0);
    fm_model_release(&m);
    fm_instance_free(inst);
}

Test(model, every_pair_a_seeker_can_come_to_is_a_column)
{
    fm_p1_result res = {0};
    run(NULL, NULL, 0, &res);
    cr_assert_neq(got.col_x[0], 0);
    cr_assert_neq(got.col_x[1], 0);
    cr_assert_neq(got.col_x[2], 0);
    cr_assert_eq(got.col_x[3], 0, "S3 is never available: K = 0, no column");
    for (size_t k = 0; k < 3; k++)
        cr_assert_float_eq(got.obj[k], got.cx[k], 1e-9, "pair %zu", k);
    cr_assert_gt(got.cx[0], 0.0);
    cr_assert_eq(res.variables, got.ncols);
    cr_assert_eq(res.constraints, got.nrows);
    cr_assert_eq(got.cut_row, 0);
}

Test(model, a_forced_off_pair_leaves_the_model)
{
    static const unsigned char off[4] = {0, 1, 0, 0};
    fm_p1_result res = {0};
    fm_p1_result all = {0};
    run(NULL, NULL, 0, &all);
    run(off, NULL, 0, &res);
    cr_assert_eq(got.col_x[1], 0);
    cr_assert_neq(got.col_x[0], 0);
    cr_assert_lt(res.variables, all.variables);
}

Test(model, a_cut_is_one_row_over_the_pairs_still_in_the_model)
{
    static size_t score[] = {0, 2, 3};
    const fm_p1_cut cut = {.score = score, .n = 3, .rhs = 1};
    fm_p1_result res = {0};
    fm_p1_result plain = {0};
    run(NULL, NULL, 0, &plain);
    run(NULL, &cut, 1, &res);
    cr_assert_neq(got.cut_row, 0);
    cr_assert_eq(got.cut_len, 2, "pair 3 has no column, so the cut has two entries");
    cr_assert_eq(got.cut_type, GLP_UP);
    cr_assert_float_eq(got.cut_ub, 1.0, 0);
    cr_assert_eq(res.constraints, plain.constraints + 1);
}
