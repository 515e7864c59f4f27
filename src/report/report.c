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
    for (size_t j = 0; j < nh; j++) {
        long i = find_key(&r->trend, hires[j].key[0]);
        if (i >= 0)
            r->trend.rows[i][gender_col(hires[j].key[2])].v += hires[j].n;
    }
    gtable_sum(&r->trend);
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
    fm_rcell w = {0, 0}, all = {0, 0};
    for (size_t i = 0; i < n; i++) {
        all.v += rows[i].n;
        if (gender_col(rows[i].key[0]) == FM_G_WOMAN)
            w.v += rows[i].n;
    }
    /* The pool's counts are not shown, so only the group-size rule applies. */
    r->pool_ws = fm_supp_share(&w, &all, r->steering);
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

/* Register everything about people and how the tables tie together; then protect. */
static fm_rc protect(fm_report *r)
{
    fm_supp s = {0};
    fm_gtable *own[] = {&r->dm,          &r->dc,         &r->trend,    &r->ended,    &r->pipeline,
                        &r->eligibility, &r->occupation, &r->employed, &r->status90, &r->followup};
    fm_rc rc = FM_OK;

    for (size_t i = 0; i < COUNT(own) && !rc; i++)
        rc = gtable_protect(&s, own[i]);
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
        fm_supp_run(&s);
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
    if (!rc)
        build_pool(r, p.pool, p.npool);
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
    if (!rc)
        rc = fm_hired_people_build(s, first, r->prog.start, to, r->steering, &r->people, err);
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
    if (rc)
        goto done;
    rc = protect(r);
    if (rc) {
        fm_err_set(err, rc, "report: out of memory");
        goto done;
    }
    shares(r);
    rc = build_outcomes(r, s, month, err);
    if (rc)
        goto done;
    *out = r;
    r = NULL;
done:
    fm_report_free(r);
    return rc;
}
