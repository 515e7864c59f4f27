/*
 * report_protect.c - small-count protection of the built report: which of
 * its cells are registered and which equations tie them (a reader's
 * knowledge: rows, totals, running totals, the same figure shown twice),
 * then the shares that follow from what stays shown. The engine that hides
 * cells is suppress.c; the figures themselves are report.c's.
 */
#include <stdlib.h>
#include <string.h>

#include "outcomes_internal.h"
#include "report_internal.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The report's gender tables (report_tables). */
enum { FM_REPORT_TABLES = 10 };

/* a and b show the same numbers (when they do): hiding one must hide the other. */
static fm_rc link_equal(fm_supp *s, fm_rcell *a, fm_rcell *b)
{
    fm_rcell *pair[2];
    for (int k = 0; k < FM_G_COLS; k++) {
        if (a[k].v != b[k].v)
            continue;
        pair[0] = &a[k];
        pair[1] = &b[k];
        if (fm_supp_eq(s, pair, 2))
            return FM_ENOMEM;
    }
    return FM_OK;
}

/*
 * The headline rule: a month's or the cumulative figure with its women is
 * pinned (never hidden) when 10 or more hires lie behind it and neither the
 * women nor the rest number 1-4.
 */
static void pin_headline(fm_rcell *g, fm_rcell *rest)
{
    long long w = g[FM_G_WOMAN].v, rs = rest->v;
    if (g[FM_G_TOTAL].v < 10 || (w >= 1 && w <= 4) || (rs >= 1 && rs <= 4))
        return;
    g[FM_G_WOMAN].pin = g[FM_G_TOTAL].pin = rest->pin = true;
}

/* woman + rest = total and man + other = rest, for a gender row with its virtual rest. */
static fm_rc gender_rest(fm_supp *s, fm_rcell *g, fm_rcell *rest)
{
    fm_rcell *a[3] = {&g[FM_G_WOMAN], rest, &g[FM_G_TOTAL]};
    fm_rcell *b[3] = {&g[FM_G_MAN], &g[FM_G_OTHER], rest};
    fm_rc rc = fm_supp_cell(s, rest);
    if (!rc)
        rc = fm_supp_eq(s, a, 3);
    if (!rc)
        rc = fm_supp_eq(s, b, 3);
    return rc;
}

/* prev + step = next, when the figures do add up (a mid-month start may break it). */
static fm_rc running(fm_supp *s, fm_rcell *prev, fm_rcell *step, fm_rcell *next)
{
    fm_rcell *eq[3] = {prev, step, next};
    fm_rcell *pair[2] = {step, next};
    if (!prev)
        return step->v == next->v ? fm_supp_eq(s, pair, 2) : FM_OK;
    return prev->v + step->v == next->v ? fm_supp_eq(s, eq, 3) : FM_OK;
}

/* The running totals since the start: each month's row, and the step from the one before. */
static fm_rc protect_cumulative(fm_supp *s, fm_report *r)
{
    fm_rc rc = FM_OK;
    for (size_t k = 0; k < r->trend.n && !rc; k++) {
        fm_rcell *c = r->cum[k], *p = k ? r->cum[k - 1] : NULL;
        fm_rcell *row[3] = {&c[0], &c[1], &c[2]};
        fm_rcell *tr = r->trend.rows[k];
        rc = gender_rest(s, tr, &r->trend_rest[k]);
        for (int i = 0; i < 3 && !rc; i++)
            rc = fm_supp_cell(s, &c[i]);
        if (!rc)
            rc = fm_supp_eq(s, row, 3);
        if (!rc)
            rc = running(s, p ? &p[0] : NULL, &tr[FM_G_WOMAN], &c[0]);
        if (!rc)
            rc = running(s, p ? &p[1] : NULL, &r->trend_rest[k], &c[1]);
        if (!rc)
            rc = running(s, p ? &p[2] : NULL, &tr[FM_G_TOTAL], &c[2]);
    }
    if (!rc && r->trend.n) {
        fm_rcell *c = r->cum[r->trend.n - 1];
        fm_rcell *w[2] = {&c[0], &r->dc.tot[FM_G_WOMAN]}, *t[2] = {&c[2], &r->dc.tot[FM_G_TOTAL]};
        rc = fm_supp_eq(s, w, 2);
        if (!rc)
            rc = fm_supp_eq(s, t, 2);
    }
    return rc;
}

/*
 * Departments over time: each month's figure is the one before plus the
 * month's own hires (virtual); the last is the department's cumulative
 * figure; each month's departments add up to the hires since the start.
 */
static fm_rc protect_dept_months(fm_supp *s, fm_report *r)
{
    size_t n = r->trend.n, nd = r->ndept;
    fm_rcell **col = calloc(nd + 2, sizeof *col);
    fm_rc rc = col ? FM_OK : FM_ENOMEM;
    for (size_t i = 0; i < nd * n && !rc; i++) {
        rc = fm_supp_cell(s, &r->dept_cum[i]);
        if (!rc)
            rc = fm_supp_cell(s, &r->dept_step[i]);
    }
    for (size_t d = 0; d < nd && !rc; d++) {
        fm_rcell *c = &r->dept_cum[d * n], *st = &r->dept_step[d * n];
        for (size_t k = 0; k < n && !rc; k++)
            rc = running(s, k ? &c[k - 1] : NULL, &st[k], &c[k]);
        if (!rc && n) {
            fm_rcell *pair[2] = {&c[n - 1], &r->dc.rows[d][FM_G_TOTAL]};
            rc = fm_supp_eq(s, pair, 2);
        }
    }
    for (size_t k = 0; k < n && !rc; k++) {
        long long sum = 0;
        for (size_t d = 0; d < nd; d++) {
            col[d] = &r->dept_cum[d * n + k];
            sum += col[d]->v;
        }
        col[nd] = &r->cum[k][2];
        if (sum == col[nd]->v)
            rc = fm_supp_eq(s, col, nd + 1);
    }
    free(col);
    return rc;
}

/* The forecast's counts: the year's hires so far are its trend rows; the rest is cumulative. */
static fm_rc protect_forecast(fm_supp *s, fm_report *r)
{
    fm_forecast *f = &r->forecast;
    fm_rcell **col = calloc(r->trend.n + 2, sizeof *col);
    fm_rcell *pair[2] = {&f->end.so_far, &r->dc.tot[FM_G_TOTAL]};
    size_t n = 0;
    fm_rc rc = col ? FM_OK : FM_ENOMEM;
    if (!rc)
        rc = fm_supp_cell(s, &f->end.so_far);
    if (!rc)
        rc = fm_supp_eq(s, pair, 2);
    if (!rc)
        rc = fm_supp_cell(s, &f->year.so_far);
    for (size_t k = 0; k < r->trend.n && !rc; k++)
        if (!strncmp(r->trend.keys[k], f->year.label, 4))
            col[n++] = &r->trend.rows[k][FM_G_TOTAL];
    col[n++] = &f->year.so_far;
    if (!rc)
        rc = fm_supp_eq(s, col, n);
    free(col);
    return rc;
}

/*
 * The people hired (outcomes.c) against the hires: the same number shown
 * twice is one equation; where they differ, the difference (people hired
 * twice) is a virtual count that must not be given away.
 */
static fm_rc protect_people(fm_supp *s, fm_report *r)
{
    fm_rc rc = FM_OK;
    for (int p = 0; p < 2 && r->people && !rc; p++) {
        fm_rcell *pc = fm_hired_people_row(r->people, p), *hc = p ? r->dc.tot : r->dm.tot;
        fm_rcell *row[FM_G_COLS] = {&pc[0], &pc[1], &pc[2], &pc[3]};
        for (int k = 0; k < FM_G_COLS && !rc; k++)
            rc = fm_supp_cell(s, &pc[k]);
        if (!rc)
            rc = fm_supp_eq(s, row, FM_G_COLS);
        for (int k = 0; k < FM_G_COLS && !rc; k++) {
            fm_rcell *d = &r->people_diff[p][k];
            fm_rcell *pair[2] = {&pc[k], &hc[k]}, *three[3] = {&pc[k], d, &hc[k]};
            d->v = hc[k].v - pc[k].v;
            d->virt = true;
            if (!d->v) {
                rc = fm_supp_eq(s, pair, 2);
                continue;
            }
            rc = fm_supp_cell(s, d);
            if (!rc)
                rc = fm_supp_eq(s, three, 3);
        }
    }
    return rc;
}

/* Every gender table of the report, for what is done to each of them alike. */
static size_t report_tables(fm_report *r, fm_gtable **out)
{
    fm_gtable *all[] = {&r->dm,          &r->dc,         &r->trend,    &r->ended,    &r->pipeline,
                        &r->eligibility, &r->occupation, &r->employed, &r->status90, &r->followup};
    _Static_assert(COUNT(all) == FM_REPORT_TABLES, "FM_REPORT_TABLES counts the tables");
    memcpy(out, all, sizeof all);
    return COUNT(all);
}

/* The trend's last row is the month; its columns add up to the cumulative figures. */
static fm_rc link_trend(fm_supp *s, fm_report *r)
{
    fm_rcell **col = NULL;
    fm_rc rc = FM_OK;

    if (!r->trend.n)
        return FM_OK;
    rc = link_equal(s, r->trend.rows[r->trend.n - 1], r->dm.tot);
    for (int k = 0; k < FM_G_COLS && !rc; k++) {
        if (r->trend.tot[k].v != r->dc.tot[k].v)
            continue;
        col = calloc(r->trend.n + 1, sizeof *col);
        if (!col)
            return FM_ENOMEM;
        for (size_t i = 0; i < r->trend.n; i++)
            col[i] = &r->trend.rows[i][k];
        col[r->trend.n] = &r->dc.tot[k];
        rc = fm_supp_eq(s, col, r->trend.n + 1);
        free(col);
    }
    return rc;
}

/* Register everything about people and how the tables tie together; then protect. */
static fm_rc protect(fm_report *r)
{
    fm_supp s = {0};
    fm_gtable *own[FM_REPORT_TABLES];
    size_t nown = report_tables(r, own);
    fm_rc rc = FM_OK;

    r->rest_m.v = r->dm.tot[FM_G_MAN].v + r->dm.tot[FM_G_OTHER].v;
    r->rest_c.v = r->dc.tot[FM_G_MAN].v + r->dc.tot[FM_G_OTHER].v;
    r->rest_m.virt = r->rest_c.virt = true;
    if (r->steering) {
        pin_headline(r->dm.tot, &r->rest_m);
        pin_headline(r->dc.tot, &r->rest_c);
    }
    for (size_t i = 0; i < nown && !rc; i++)
        rc = fm_gtable_protect(&s, own[i]);
    if (!rc)
        rc = gender_rest(&s, r->dm.tot, &r->rest_m);
    if (!rc)
        rc = gender_rest(&s, r->dc.tot, &r->rest_c);
    if (!rc)
        rc = protect_cumulative(&s, r);
    if (!rc)
        rc = protect_dept_months(&s, r);
    if (!rc)
        rc = protect_forecast(&s, r);
    if (!rc)
        rc = protect_people(&s, r);
    if (!rc)
        rc = link_trend(&s, r);
    if (!rc)
        rc = link_equal(&s, r->eligibility.tot, r->dm.tot);
    if (!rc)
        rc = link_equal(&s, r->occupation.tot, r->dm.tot);
    if (!rc && r->steering)
        rc = fm_supp_run(&s);
    r->unresolved = s.unresolved;
    r->implied = s.implied;
    fm_supp_release(&s);
    return rc;
}

/* Every share, from what protection left shown. */
static void shares(fm_report *r)
{
    fm_gtable *all[FM_REPORT_TABLES];
    size_t nall = report_tables(r, all);
    const fm_rcell *cum = &r->dc.tot[FM_G_TOTAL];
    long long left;

    for (size_t i = 0; i < nall; i++)
        fm_gtable_shares(all[i], r->steering);
    for (size_t k = 0; k < r->trend.n; k++)
        r->cum_ws[k] = fm_supp_share(&r->cum[k][0], &r->cum[k][2], r->steering);
    for (size_t i = 0; i < r->ndept; i++) {
        const fm_rcell *hc = &r->dc.rows[i][FM_G_TOTAL];
        fm_rshare *q = &r->share_of_quota[i];
        q->v = r->quota[i] > 0 ? (double)hc->v / (double)r->quota[i] : 0.0;
        /* The group behind a quota share is the department's hires, not its quota. */
        q->shown = r->quota[i] > 0 && (!r->steering || (hc->v >= 10 && hc->st == FM_CELL_SHOWN));
    }
    r->share_of_goal.v = r->prog.goal > 0 ? (double)cum->v / (double)r->prog.goal : 0.0;
    r->share_of_goal.shown =
        r->prog.goal > 0 && (!r->steering || (cum->v >= 10 && cum->st == FM_CELL_SHOWN));
    left = r->prog.goal - cum->v;
    if (left < 0)
        left = 0;
    r->needed = r->months_left > 0 ? (double)left / (double)r->months_left : (double)left;
    /* goal - needed * months_left would give the cumulative count back. */
    r->needed_shown = !r->steering || cum->st == FM_CELL_SHOWN;
}

fm_rc fm_report_protect(fm_report *r)
{
    fm_rc rc = protect(r);
    if (!rc)
        shares(r);
    return rc;
}
