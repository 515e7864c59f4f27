/*
 * report.c - builds the monthly report model from the store's grouped
 * counts (fm_store_report_*), following shared/spec/reports.md to the
 * letter, and registers its cells and equations for small-count protection.
 * Rendering is in report_json.c, report_flat.c and report_xlsx.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/quota.h"
#include "fairmatch/steering.h"
#include "outcomes_internal.h"
#include "report_internal.h"

static const char *const reasons[] = {"to_work",         "to_studies",
                                      "own_business",    "completed",
                                      "other_programme", "illness",
                                      "other_authority", "not_reachable",
                                      "moved",           "disability_pension",
                                      "parental_leave",  "change_provider",
                                      "dissatisfied",    "substance_abuse",
                                      "social_services", "not_target_group",
                                      "temporary_end",   "prison_service",
                                      "other",           "unknown"};
static const char *const stages[] = {"invited",  "attended", "interviewed", "offered",
                                     "accepted", "declined", "hired"};
static const char *const eligibilities[] = {"jobb_och_utveckling", "etablering", "eu_familj",
                                            "unknown"};
static const char *const extents[] = {"50", "75", "100", "unknown"};
static const char *const statuses[] = {
    "work",       "subsidised_work", "studies", "other_programme",
    "unemployed", "other",           "unknown", "not_recorded"};
static const char *const milestones[] = {"3", "6", "12"};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static int gender_col(const char *g)
{
    if (!strcmp(g, "woman"))
        return FM_G_WOMAN;
    if (!strcmp(g, "man"))
        return FM_G_MAN;
    return FM_G_OTHER;
}

static void gtable_release(fm_gtable *t)
{
    for (size_t i = 0; t->keys && i < t->n; i++)
        free(t->keys[i]);
    free(t->keys);
    free(t->rows);
    free(t->ws);
    memset(t, 0, sizeof *t);
}

static char *dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p)
        memcpy(p, s, n);
    return p;
}

/* Allocate n rows; keys copied. */
static fm_rc gtable_alloc(fm_gtable *t, const char *const *keys, size_t n, bool additive)
{
    memset(t, 0, sizeof *t);
    t->additive = additive;
    t->keys = calloc(n ? n : 1, sizeof *t->keys);
    t->rows = calloc(n ? n : 1, sizeof *t->rows);
    t->ws = calloc(n ? n : 1, sizeof *t->ws);
    if (!t->keys || !t->rows || !t->ws)
        return FM_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        t->keys[i] = dup_str(keys[i]);
        if (!t->keys[i])
            return FM_ENOMEM;
        t->n = i + 1;
    }
    t->n = n;
    return FM_OK;
}

static long find_key(const fm_gtable *t, const char *k)
{
    for (size_t i = 0; i < t->n; i++)
        if (!strcmp(t->keys[i], k))
            return (long)i;
    return -1;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool in_list(const char *k, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(k, list[i]))
            return true;
    return false;
}

/*
 * A gender table from rows (key[0] category, key[1] gender). Categories come
 * in `order`; with all_order every one of them is a row even at 0, else only
 * those with people. Categories outside `order` follow, sorted.
 */
static fm_rc gtable_from_rows(fm_gtable *t, const fm_rr_row *rows, size_t nrows,
                              const char *const *order, size_t norder, bool all_order,
                              bool additive)
{
    const char **keys = calloc(norder + nrows + 1, sizeof *keys);
    size_t nk = 0, extra_from;
    fm_rc rc;

    if (!keys)
        return FM_ENOMEM;
    for (size_t i = 0; i < norder; i++) {
        bool present = all_order;
        for (size_t j = 0; !present && j < nrows; j++)
            present = rows[j].n > 0 && !strcmp(rows[j].key[0], order[i]);
        if (present)
            keys[nk++] = order[i];
    }
    extra_from = nk;
    for (size_t j = 0; j < nrows; j++) {
        if (rows[j].n <= 0 || in_list(rows[j].key[0], order, norder) ||
            in_list(rows[j].key[0], keys + extra_from, nk - extra_from))
            continue;
        keys[nk++] = rows[j].key[0];
    }
    qsort(keys + extra_from, nk - extra_from, sizeof *keys, cmp_str);
    rc = gtable_alloc(t, keys, nk, additive);
    free(keys);
    if (rc)
        return rc;
    for (size_t j = 0; j < nrows; j++) {
        long i = find_key(t, rows[j].key[0]);
        if (i >= 0)
            t->rows[i][gender_col(rows[j].key[1])].v += rows[j].n;
    }
    return FM_OK;
}

/* Row totals and column sums. */
static void gtable_sum(fm_gtable *t)
{
    memset(t->tot, 0, sizeof t->tot);
    for (size_t i = 0; i < t->n; i++) {
        t->rows[i][FM_G_TOTAL].v =
            t->rows[i][FM_G_WOMAN].v + t->rows[i][FM_G_MAN].v + t->rows[i][FM_G_OTHER].v;
        for (int k = 0; k < FM_G_COLS; k++)
            t->tot[k].v += t->rows[i][k].v;
    }
}

/* Register the table's cells and its row (and, when additive, column) equations. */
static fm_rc gtable_protect(fm_supp *s, fm_gtable *t)
{
    fm_rc rc = FM_OK;
    fm_rcell **col = calloc(t->n + 1, sizeof *col);
    if (!col)
        return FM_ENOMEM;
    for (size_t i = 0; i < t->n && !rc; i++) {
        fm_rcell *row[FM_G_COLS];
        for (int k = 0; k < FM_G_COLS && !rc; k++) {
            row[k] = &t->rows[i][k];
            rc = fm_supp_cell(s, row[k]);
        }
        if (!rc)
            rc = fm_supp_eq(s, row, FM_G_COLS);
    }
    if (t->additive) {
        fm_rcell *row[FM_G_COLS];
        for (int k = 0; k < FM_G_COLS && !rc; k++) {
            for (size_t i = 0; i < t->n; i++)
                col[i] = &t->rows[i][k];
            col[t->n] = &t->tot[k];
            row[k] = &t->tot[k];
            rc = fm_supp_cell(s, &t->tot[k]);
            if (!rc)
                rc = fm_supp_eq(s, col, t->n + 1);
        }
        if (!rc)
            rc = fm_supp_eq(s, row, FM_G_COLS);
    }
    free(col);
    return rc;
}

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

static void gtable_shares(fm_gtable *t, bool steering)
{
    for (size_t i = 0; i < t->n; i++)
        t->ws[i] = fm_supp_share(&t->rows[i][FM_G_WOMAN], &t->rows[i][FM_G_TOTAL], steering);
    t->tot_ws = fm_supp_share(&t->tot[FM_G_WOMAN], &t->tot[FM_G_TOTAL], steering);
}

void fm_report_free(fm_report *r)
{
    if (!r)
        return;
    for (size_t i = 0; r->dept_name && i < r->ndept; i++)
        free(r->dept_name[i]);
    free(r->dept_name);
    free(r->employees);
    free(r->quota);
    free(r->share_of_quota);
    gtable_release(&r->dm);
    gtable_release(&r->dc);
    gtable_release(&r->trend);
    free(r->trend_rest);
    free(r->cum);
    free(r->cum_ws);
    free(r->ref_ws);
    free(r->ref_agency);
    free(r->dept_cum);
    free(r->dept_step);
    free(r->dept_pace);
    free(r->forecast.dept_remaining);
    free(r->forecast.dept_places);
    gtable_release(&r->ended);
    gtable_release(&r->pipeline);
    gtable_release(&r->eligibility);
    gtable_release(&r->occupation);
    gtable_release(&r->employed);
    gtable_release(&r->status90);
    gtable_release(&r->followup);
    fm_outcomes_free(r->outcomes);
    fm_hired_people_free(r->people);
    free(r);
}

bool fm_report_quota_all_zero(const fm_report *r)
{
    return r->quota_all_zero;
}

/* Departments, their quotas, and hires of the month (dm) and since the start (dc). */
static fm_rc build_departments(fm_report *r, fm_store *s, const fm_rr_row *hires, size_t nh,
                               fm_err *err)
{
    fm_rr_department *d = NULL;
    const char **ids = NULL;
    int all_zero = 0;
    size_t n = 0;
    fm_rc rc;

    rc = fm_store_report_departments(s, &d, &n, err);
    if (rc)
        return rc;
    rc = FM_ENOMEM;
    ids = calloc(n + 1, sizeof *ids);
    r->dept_name = calloc(n + 1, sizeof *r->dept_name);
    r->employees = calloc(n + 1, sizeof *r->employees);
    r->quota = calloc(n + 1, sizeof *r->quota);
    r->share_of_quota = calloc(n + 1, sizeof *r->share_of_quota);
    if (!ids || !r->dept_name || !r->employees || !r->quota || !r->share_of_quota)
        goto nomem;
    r->ndept = n;
    for (size_t i = 0; i < n; i++) {
        ids[i] = d[i].id;
        r->employees[i] = d[i].employees;
        r->dept_name[i] = dup_str(d[i].name);
        if (!r->dept_name[i])
            goto nomem;
    }
    rc = fm_quota_hamilton(r->prog.goal, ids, r->employees, n, r->quota, &all_zero, err);
    if (rc)
        goto done;
    r->quota_all_zero = all_zero != 0;
    if (gtable_alloc(&r->dm, ids, n, true) || gtable_alloc(&r->dc, ids, n, true))
        goto nomem;
    for (size_t j = 0; j < nh; j++) {
        const fm_rr_row *h = &hires[j];
        long i = find_key(&r->dm, h->key[1]);
        int g = gender_col(h->key[2]);
        if (i < 0)
            continue;
        if (!strcmp(h->key[0], r->month))
            r->dm.rows[i][g].v += h->n;
        if (!strcmp(h->key[3], "1"))
            r->dc.rows[i][g].v += h->n;
    }
    gtable_sum(&r->dm);
    gtable_sum(&r->dc);
    rc = FM_OK;
    goto done;
nomem:
    rc = fm_err_set(err, FM_ENOMEM, "report: out of memory");
done:
    free(ids);
    fm_rr_department_list_free(d, n);
    return rc;
}

/* Every month from the programme's start month to the report month. */
static fm_rc build_trend(fm_report *r, fm_date start, fm_date month, const fm_rr_row *hires,
                         size_t nh)
{
    int first = fm_month_index(start), last = fm_month_index(month);
    size_t n = last >= first ? (size_t)(last - first + 1) : 0;
    char **keys = calloc(n + 1, sizeof *keys);
    fm_rc rc = FM_ENOMEM;

    if (!keys)
        return FM_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        int idx = first + (int)i;
        fm_date d = {idx / 12, idx % 12 + 1, 1};
        keys[i] = malloc(8);
        if (!keys[i])
            goto done;
        fm_month_format(d, keys[i]);
    }
    rc = gtable_alloc(&r->trend, (const char *const *)keys, n, false);
    if (rc)
        goto done;
    r->trend_rest = calloc(n + 1, sizeof *r->trend_rest);
    r->cum = calloc(n + 1, sizeof *r->cum);
    r->cum_ws = calloc(n + 1, sizeof *r->cum_ws);
    if (!r->trend_rest || !r->cum || !r->cum_ws) {
        rc = FM_ENOMEM;
        goto done;
    }
    for (size_t j = 0; j < nh; j++) {
        long i = find_key(&r->trend, hires[j].key[0]);
        int g = gender_col(hires[j].key[2]);
        if (i >= 0)
            r->trend.rows[i][g].v += hires[j].n;
        /* Since the start: counts in every trend month from its own on. */
        for (size_t k = 0; strcmp(hires[j].key[3], "1") == 0 && k < n; k++)
            if (strcmp(r->trend.keys[k], hires[j].key[0]) >= 0)
                r->cum[k][g == FM_G_WOMAN ? 0 : 1].v += hires[j].n;
    }
    gtable_sum(&r->trend);
    for (size_t k = 0; k < n; k++) {
        r->cum[k][2].v = r->cum[k][0].v + r->cum[k][1].v;
        r->cum[k][1].virt = true;
        r->trend_rest[k].v = r->trend.rows[k][FM_G_MAN].v + r->trend.rows[k][FM_G_OTHER].v;
        r->trend_rest[k].virt = true;
    }
done:
    for (size_t i = 0; i < n; i++)
        free(keys[i]);
    free(keys);
    return rc;
}

/* One extra table from a grouped query over [from,to]. */
static fm_rc build_extra(fm_store *s, fm_rr_query q, const char *from, const char *to, fm_gtable *t,
                         const char *const *order, size_t norder, bool all_order, bool additive,
                         fm_err *err)
{
    fm_rr_row *rows = NULL;
    size_t n = 0;
    fm_rc rc = fm_store_report_rows(s, q, from, to, NULL, &rows, &n, err);
    if (rc)
        return rc;
    rc = gtable_from_rows(t, rows, n, order, norder, all_order, additive);
    fm_rr_row_list_free(rows, n);
    if (rc)
        return fm_err_set(err, rc, "report: out of memory");
    gtable_sum(t);
    return FM_OK;
}

/* One extra table from rows already read. */
static fm_rc build_from(fm_gtable *t, const fm_rr_row *rows, size_t n, const char *const *order,
                        size_t norder, bool all_order, bool additive, fm_err *err)
{
    if (gtable_from_rows(t, rows, n, order, norder, all_order, additive))
        return fm_err_set(err, FM_ENOMEM, "report: out of memory");
    gtable_sum(t);
    return FM_OK;
}

static void build_pool(fm_report *r, const fm_rr_row *rows, size_t n)
{
    fm_rcell w = {.v = 0}, all = {.v = 0};
    for (size_t i = 0; i < n; i++) {
        all.v += rows[i].n;
        if (gender_col(rows[i].key[0]) == FM_G_WOMAN)
            w.v += rows[i].n;
    }
    /* The pool's counts are not shown, so only the group-size rule applies. */
    r->pool_ws = fm_supp_share(&w, &all, r->steering);
}

/* Each department's hires since the start, month by month, against its quota's even pace. */
static fm_rc build_dept_months(fm_report *r, fm_date start, fm_date end, const fm_rr_row *hires,
                               size_t nh)
{
    size_t n = r->trend.n, nd = r->ndept;
    int months = fm_month_index(end) - fm_month_index(start) + 1;
    r->dept_cum = calloc(nd * n + 1, sizeof *r->dept_cum);
    r->dept_step = calloc(nd * n + 1, sizeof *r->dept_step);
    r->dept_pace = calloc(nd * n + 1, sizeof *r->dept_pace);
    if (!r->dept_cum || !r->dept_step || !r->dept_pace)
        return FM_ENOMEM;
    for (size_t j = 0; j < nh; j++) {
        long d = find_key(&r->dm, hires[j].key[1]);
        if (d < 0 || strcmp(hires[j].key[3], "1"))
            continue;
        for (size_t k = 0; k < n; k++)
            if (strcmp(r->trend.keys[k], hires[j].key[0]) >= 0)
                r->dept_cum[(size_t)d * n + k].v += hires[j].n;
    }
    for (size_t d = 0; d < nd; d++)
        for (size_t k = 0; k < n; k++) {
            fm_rcell *c = &r->dept_cum[d * n + k];
            double elapsed = (double)(k + 1) < (double)months ? (double)(k + 1) : (double)months;
            r->dept_step[d * n + k].v = c->v - (k ? c[-1].v : 0);
            r->dept_step[d * n + k].virt = true;
            r->dept_pace[d * n + k] =
                months > 0 ? (double)r->quota[d] * elapsed / (double)months : 0.0;
        }
    return FM_OK;
}

/*
 * The reference line of the women's chart: the agency's share where it gave
 * one, else the pool's (whose counts are never shown: only the group-size
 * rule applies); and the programme's target.
 */
static fm_rc build_reference(fm_report *r, fm_store *s, fm_err *err)
{
    fm_targetgroup_month *tg = NULL;
    long long *w = NULL, *all = NULL;
    size_t n = r->trend.n, ntg = 0;
    fm_rc rc;

    rc = fm_store_women_target_get(s, &r->women_target, &r->has_women_target, err);
    if (rc)
        return rc;
    r->ref_ws = calloc(n + 1, sizeof *r->ref_ws);
    r->ref_agency = calloc(n + 1, sizeof *r->ref_agency);
    w = calloc(n + 1, sizeof *w);
    all = calloc(n + 1, sizeof *all);
    if (!r->ref_ws || !r->ref_agency || !w || !all) {
        rc = fm_err_set(err, FM_ENOMEM, "report: out of memory");
        goto done;
    }
    if (n)
        rc = fm_store_pool_by_month(s, r->trend.keys[0], r->trend.keys[n - 1], w, all, n, err);
    if (!rc)
        rc = fm_store_targetgroup_list(s, &tg, &ntg, err);
    for (size_t k = 0; k < n && !rc; k++) {
        fm_rcell cw = {.v = w[k]}, ca = {.v = all[k]};
        r->ref_ws[k] = fm_supp_share(&cw, &ca, r->steering);
        for (size_t j = 0; j < ntg; j++) {
            if (strcmp(tg[j].month, r->trend.keys[k]) || tg[j].total <= 0)
                continue;
            r->ref_ws[k].v = (double)tg[j].women / (double)tg[j].total;
            r->ref_ws[k].shown = true;
            r->ref_agency[k] = true;
        }
    }
done:
    free(tg);
    free(w);
    free(all);
    return rc;
}

static fm_rc build_extras(fm_report *r, fm_store *s, const char *from, const char *to,
                          const fm_rr_people *p, fm_err *err)
{
    fm_rc rc;
    rc =
        build_extra(s, FM_RQ_ENDED, from, to, &r->ended, reasons, COUNT(reasons), false, true, err);
    if (!rc)
        rc = build_from(&r->pipeline, p->pipeline, p->npipeline, stages, COUNT(stages), true, false,
                        err);
    if (!rc)
        rc = build_extra(s, FM_RQ_ELIGIBILITY, from, to, &r->eligibility, eligibilities,
                         COUNT(eligibilities), false, true, err);
    if (!rc)
        rc = build_extra(s, FM_RQ_OCCUPATION, from, to, &r->occupation, NULL, 0, false, true, err);
    if (!rc)
        rc = build_from(&r->employed, p->employed, p->nemployed, extents, COUNT(extents), false,
                        true, err);
    if (!rc)
        rc = build_extra(s, FM_RQ_STATUS90, from, to, &r->status90, statuses, COUNT(statuses),
                         false, true, err);
    if (!rc)
        rc = build_extra(s, FM_RQ_FOLLOWUP, from, to, &r->followup, milestones, COUNT(milestones),
                         true, true, err);
    return rc;
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

/* Register everything about people and how the tables tie together; then protect. */
static fm_rc protect(fm_report *r)
{
    fm_supp s = {0};
    fm_gtable *own[] = {&r->dm,          &r->dc,         &r->trend,    &r->ended,    &r->pipeline,
                        &r->eligibility, &r->occupation, &r->employed, &r->status90, &r->followup};
    fm_rc rc = FM_OK;

    r->rest_m.v = r->dm.tot[FM_G_MAN].v + r->dm.tot[FM_G_OTHER].v;
    r->rest_c.v = r->dc.tot[FM_G_MAN].v + r->dc.tot[FM_G_OTHER].v;
    r->rest_m.virt = r->rest_c.virt = true;
    if (r->steering) {
        pin_headline(r->dm.tot, &r->rest_m);
        pin_headline(r->dc.tot, &r->rest_c);
    }
    for (size_t i = 0; i < COUNT(own) && !rc; i++)
        rc = gtable_protect(&s, own[i]);
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
    /* The trend's last row is the month; its columns add up to the cumulative figures. */
    if (!rc && r->trend.n)
        rc = link_equal(&s, r->trend.rows[r->trend.n - 1], r->dm.tot);
    for (int k = 0; k < FM_G_COLS && !rc && r->trend.n; k++) {
        fm_rcell **col;
        if (r->trend.tot[k].v != r->dc.tot[k].v)
            continue;
        col = calloc(r->trend.n + 1, sizeof *col);
        if (!col) {
            rc = FM_ENOMEM;
            break;
        }
        for (size_t i = 0; i < r->trend.n; i++)
            col[i] = &r->trend.rows[i][k];
        col[r->trend.n] = &r->dc.tot[k];
        rc = fm_supp_eq(&s, col, r->trend.n + 1);
        free(col);
    }
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

static void shares(fm_report *r)
{
    fm_gtable *all[] = {&r->dm,          &r->dc,         &r->trend,    &r->ended,    &r->pipeline,
                        &r->eligibility, &r->occupation, &r->employed, &r->status90, &r->followup};
    const fm_rcell *cum = &r->dc.tot[FM_G_TOTAL];
    long long left;

    for (size_t i = 0; i < COUNT(all); i++)
        gtable_shares(all[i], r->steering);
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

static fm_rc load(fm_report *r, fm_store *s, fm_date month, fm_err *err)
{
    fm_date start, end, first = month, last;
    char from[11], to[11], hfrom[11];
    fm_rr_people p = {0};
    bool found = false;
    int gap;
    fm_rc rc;

    rc = fm_store_report_programme(s, &r->prog, &found, err);
    if (rc)
        return rc;
    if (!found)
        return fm_err_set(err, FM_ENOTFOUND,
                          "no programme is set (goal, start, end): set it with "
                          "'fairmatch programme set' or import programme.csv first");
    if (!fm_date_parse(r->prog.start, &start) || !fm_date_parse(r->prog.end, &end))
        return fm_err_set(err, FM_EINVAL, "programme: start '%s' or end '%s' is not a date",
                          r->prog.start, r->prog.end);
    first.day = 1;
    last = fm_month_last_day(first);
    fm_month_format(first, r->month);
    fm_date_format(first, from);
    fm_date_format(last, to);
    gap = fm_month_index(end) - fm_month_index(first);
    r->months_left = gap > 0 ? gap : 0;
    /* One scan serves the month, the cumulative figures and the trend. */
    {
        fm_date hf = fm_month_index(start) < fm_month_index(first) ? start : first;
        hf.day = 1;
        fm_date_format(hf, hfrom);
    }
    /* Hires since the start, the pool and people employed share one read of the seekers. */
    rc = fm_store_report_people(s, hfrom, from, to, r->prog.start, &p, err);
    if (!rc)
        rc = build_departments(r, s, p.hires, p.nhires, err);
    if (!rc && build_trend(r, start, first, p.hires, p.nhires))
        rc = fm_err_set(err, FM_ENOMEM, "report: out of memory");
    if (!rc && build_dept_months(r, start, end, p.hires, p.nhires))
        rc = fm_err_set(err, FM_ENOMEM, "report: out of memory");
    if (!rc)
        build_pool(r, p.pool, p.npool);
    if (!rc)
        rc = build_reference(r, s, err);
    if (!rc)
        rc = fm_report_forecast_build(r, s, err);
    if (!rc)
        rc = build_extras(r, s, from, to, &p, err);
    fm_rr_people_free(&p);
    return rc;
}

/*
 * The outcome table (outcomes.c) over the programme start to the month's
 * last day, and the people hired in the month and since the start.
 */
static fm_rc build_outcomes(fm_report *r, fm_store *s, fm_date month, fm_err *err)
{
    char to[11], first[11];
    fm_rc rc;
    fm_date_format(fm_month_last_day(month), to);
    fm_date_format(month, first);
    rc = fm_outcomes_build(s, r->prog.start, to, r->steering, &r->outcomes, err);
    /* Protected with the rest of the report (protect_people), not on its own: its
       totals meet the headline's, and two separate systems would give "other" back. */
    if (!rc)
        rc = fm_hired_people_build(s, first, r->prog.start, to, false, &r->people, err);
    return rc;
}

fm_rc fm_report_build(fm_store *s, fm_date month, const fm_report_opts *opts, fm_report **out,
                      fm_err *err)
{
    fm_report *r = NULL;
    fm_rc rc;

    *out = NULL;
    if (month.year < 1 || month.year > 9999 || month.month < 1 || month.month > 12)
        return fm_err_set(err, FM_EINVAL, "report: month %04d-%02d is not a month", month.year,
                          month.month);
    r = calloc(1, sizeof *r);
    if (!r)
        return fm_err_set(err, FM_ENOMEM, "report: out of memory");
    r->steering = opts && opts->steering;
    rc = load(r, s, month, err);
    if (!rc)
        rc = build_outcomes(r, s, month, err);
    if (rc)
        goto done;
    rc = protect(r);
    if (rc) {
        fm_err_set(err, rc, "report: out of memory");
        goto done;
    }
    shares(r);
    *out = r;
    r = NULL;
done:
    fm_report_free(r);
    return rc;
}

const char *fm_report_dept_light(const fm_report *r, size_t d, size_t k)
{
    const fm_rcell *c = &r->dept_cum[d * r->trend.n + k];
    double pace = r->dept_pace[d * r->trend.n + k];
    /* A light on a hidden count would narrow it down ("<5" and ahead of a pace of 3.2). */
    if (c->st != FM_CELL_SHOWN)
        return NULL;
    if ((double)c->v >= pace)
        return "green";
    return (double)c->v >= 0.8 * pace ? "yellow" : "red";
}
