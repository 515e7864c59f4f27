/*
 * test_suppress.c - the protection engine (src/report/suppress.c) against
 * an independent check: on random gender tables with a pinned headline,
 * no count of 1-4 is shown, and none is determined by the shown cells and
 * the equations (a rank test, not the engine's own reduction), except what
 * the pinned headline gives away by itself; the headline is never hidden.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/report_internal.h"

enum { MAXR = 6, MAXCELLS = 64, MAXEQ = 32 };

/* Rank of the rows x cols matrix (copied), by elimination with a tolerance. */
static size_t rank_of(const double *in, size_t rows, size_t cols)
{
    double m[MAXEQ * MAXCELLS];
    size_t r = 0;
    memcpy(m, in, rows * cols * sizeof *m);
    for (size_t c = 0; c < cols && r < rows; c++) {
        size_t p = r;
        for (size_t i = r; i < rows; i++)
            if (fabs(m[i * cols + c]) > fabs(m[p * cols + c]))
                p = i;
        if (fabs(m[p * cols + c]) < 1e-9)
            continue;
        for (size_t k = 0; k < cols; k++) {
            double t = m[r * cols + k];
            m[r * cols + k] = m[p * cols + k];
            m[p * cols + k] = t;
        }
        for (size_t i = r + 1; i < rows; i++) {
            double f = m[i * cols + c] / m[r * cols + c];
            for (size_t k = c; k < cols; k++)
                m[i * cols + k] -= f * m[r * cols + k];
        }
        r++;
    }
    return r;
}

/*
 * Is cell `which` determined when the cells with unknown[i] are unknown?
 * x_i is determined exactly when its column is not in the span of the
 * other unknown columns: dropping it lowers the rank.
 */
static bool determined(const fm_supp *s, const bool *unknown, size_t which)
{
    double a[MAXEQ * MAXCELLS] = {0}, b[MAXEQ * MAXCELLS] = {0};
    size_t cols = 0, colsb = 0, col_of[MAXCELLS];
    if (!unknown[which])
        return true;
    for (size_t i = 0; i < s->ncells; i++)
        col_of[i] = unknown[i] ? cols++ : (size_t)-1;
    colsb = cols - 1;
    for (size_t e = 0; e < s->neq; e++)
        for (size_t k = 0; k < s->eqlen[e]; k++) {
            size_t i = s->eqs[e][k]->id - 1, c = col_of[i];
            double coef = k + 1 == s->eqlen[e] ? -1.0 : 1.0;
            if (c == (size_t)-1)
                continue;
            a[e * cols + c] += coef;
            if (i != which)
                b[e * colsb + (c > col_of[which] ? c - 1 : c)] += coef;
        }
    return rank_of(b, s->neq, colsb) < rank_of(a, s->neq, cols);
}

typedef struct table {
    size_t n;
    fm_rcell c[MAXR + 1][4]; /* rows then the total row; woman, man, other, total */
    fm_rcell rest;           /* total row's man + other, virtual */
} table;

static long long draw(void)
{
    static const long long vals[] = {0, 0, 1, 2, 3, 4, 5, 6, 8, 12, 20, 35};
    return vals[rand() % (int)(sizeof vals / sizeof vals[0])];
}

static void build(table *t, fm_supp *s)
{
    memset(t, 0, sizeof *t);
    t->n = 2 + (size_t)(rand() % (MAXR - 1));
    for (size_t i = 0; i < t->n; i++) {
        for (int k = 0; k < 3; k++) {
            t->c[i][k].v = k == 2 ? (rand() % 4 ? 0 : draw() % 5) : draw();
            t->c[t->n][k].v += t->c[i][k].v;
        }
        t->c[i][3].v = t->c[i][0].v + t->c[i][1].v + t->c[i][2].v;
        t->c[t->n][3].v += t->c[i][3].v;
    }
    t->rest.v = t->c[t->n][1].v + t->c[t->n][2].v;
    t->rest.virt = true;
    /* The headline rule: 10 or more, and neither the women nor the rest 1-4. */
    {
        long long w = t->c[t->n][0].v, r = t->rest.v;
        if (t->c[t->n][3].v >= 10 && !(w >= 1 && w <= 4) && !(r >= 1 && r <= 4))
            t->c[t->n][0].pin = t->c[t->n][3].pin = t->rest.pin = true;
    }
    for (size_t i = 0; i <= t->n; i++) {
        fm_rcell *row[4] = {&t->c[i][0], &t->c[i][1], &t->c[i][2], &t->c[i][3]};
        for (int k = 0; k < 4; k++)
            cr_assert_eq(fm_supp_cell(s, &t->c[i][k]), FM_OK);
        cr_assert_eq(fm_supp_eq(s, row, 4), FM_OK);
    }
    for (int k = 0; k < 4; k++) {
        fm_rcell *col[MAXR + 1];
        for (size_t i = 0; i <= t->n; i++)
            col[i] = &t->c[i][k];
        cr_assert_eq(fm_supp_eq(s, col, t->n + 1), FM_OK);
    }
    {
        fm_rcell *tot = t->c[t->n];
        fm_rcell *a[3] = {&tot[0], &t->rest, &tot[3]}, *b[3] = {&tot[1], &tot[2], &t->rest};
        cr_assert_eq(fm_supp_cell(s, &t->rest), FM_OK);
        cr_assert_eq(fm_supp_eq(s, a, 3), FM_OK);
        cr_assert_eq(fm_supp_eq(s, b, 3), FM_OK);
    }
}

Test(suppress, random_tables_hide_every_small_count_and_keep_the_headline)
{
    size_t pinned = 0, small_total = 0;
    srand(20181231);
    for (int round = 0; round < 400; round++) {
        fm_supp s = {0};
        table t;
        bool unknown[MAXCELLS], known_only_pins[MAXCELLS];
        build(&t, &s);
        cr_assert_eq(fm_supp_run(&s), FM_OK);
        cr_assert_eq(s.unresolved, 0, "round %d", round);
        for (size_t i = 0; i < s.ncells; i++) {
            const fm_rcell *c = s.cells[i];
            unknown[i] = c->st != FM_CELL_SHOWN;
            known_only_pins[i] = c->virt || (!c->pin && c->v != 0);
            if (c->pin && !c->virt)
                cr_assert_eq(c->st, FM_CELL_SHOWN, "round %d: the headline is hidden", round);
            if (!c->virt && c->v >= 1 && c->v <= 4) {
                cr_assert_eq(c->st, FM_CELL_SMALL, "round %d: %lld shown", round, c->v);
                small_total++;
            }
        }
        for (size_t i = 0; i < s.ncells; i++) {
            const fm_rcell *c = s.cells[i];
            if (c->v < 1 || c->v > 4 || !determined(&s, unknown, i))
                continue;
            cr_assert(determined(&s, known_only_pins, i),
                      "round %d: cell %zu (%lld) can be worked out", round, i, c->v);
        }
        pinned += t.c[t.n][3].pin;
        fm_supp_release(&s);
    }
    cr_assert_gt(pinned, 50, "the random tables should often carry a headline");
    cr_assert_gt(small_total, 400);
}

Test(suppress, other_of_two_hides_the_men_not_the_headline)
{
    /* 30 hires: 14 women, 14 men, 2 other. The old rule hid the women (the smaller). */
    fm_rcell g[4] = {{.v = 14, .pin = true}, {.v = 14}, {.v = 2}, {.v = 30, .pin = true}};
    fm_rcell rest = {.v = 16, .pin = true, .virt = true};
    fm_rcell *row[4] = {&g[0], &g[1], &g[2], &g[3]};
    fm_rcell *a[3] = {&g[0], &rest, &g[3]}, *b[3] = {&g[1], &g[2], &rest};
    fm_supp s = {0};
    for (int k = 0; k < 4; k++)
        fm_supp_cell(&s, &g[k]);
    fm_supp_cell(&s, &rest);
    fm_supp_eq(&s, row, 4);
    fm_supp_eq(&s, a, 3);
    fm_supp_eq(&s, b, 3);
    cr_assert_eq(fm_supp_run(&s), FM_OK);
    cr_assert_eq(g[0].st, FM_CELL_SHOWN);
    cr_assert_eq(g[1].st, FM_CELL_HIDDEN);
    cr_assert_eq(g[2].st, FM_CELL_SMALL);
    cr_assert_eq(g[3].st, FM_CELL_SHOWN);
    cr_assert_eq(fm_supp_share(&g[0], &g[3], true).shown, true);
    fm_supp_release(&s);
}
