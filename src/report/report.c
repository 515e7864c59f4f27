/*
 * report.c - builds the monthly report model from the store's grouped
 * counts (fm_store_report_*), following shared/spec/reports.md to the
 * letter. The tables themselves are gtable.c's, their small-count
 * protection report_protect.c's; rendering is in report_json.c,
 * report_flat.c and report_xlsx.c.
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
    fm_gtable_release(&r->dm);
    fm_gtable_release(&r->dc);
    fm_gtable_release(&r->trend);
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
    fm_gtable_release(&r->ended);
    fm_gtable_release(&r->pipeline);
    fm_gtable_release(&r->eligibility);
    fm_gtable_release(&r->occupation);
    fm_gtable_release(&r->employed);
    fm_gtable_release(&r->status90);
    fm_gtable_release(&r->followup);
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
        r->dept_name[i] = strdup(d[i].name);
        if (!r->dept_name[i])
            goto nomem;
    }
    rc = fm_quota_hamilton(r->prog.goal, ids, r->employees, n, r->quota, &all_zero, err);
    if (rc)
        goto done;
    r->quota_all_zero = all_zero != 0;
    if (fm_gtable_alloc(&r->dm, ids, n, true) || fm_gtable_alloc(&r->dc, ids, n, true))
        goto nomem;
    for (size_t j = 0; j < nh; j++) {
        const fm_rr_row *h = &hires[j];
        long i = fm_gtable_find(&r->dm, h->key[1]);
        int g = fm_gtable_gender_col(h->key[2]);
        if (i < 0)
            continue;
        if (!strcmp(h->key[0], r->month))
            r->dm.rows[i][g].v += h->n;
        if (!strcmp(h->key[3], "1"))
            r->dc.rows[i][g].v += h->n;
    }
    fm_gtable_sum(&r->dm);
    fm_gtable_sum(&r->dc);
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
    rc = fm_gtable_alloc(&r->trend, (const char *const *)keys, n, false);
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
        long i = fm_gtable_find(&r->trend, hires[j].key[0]);
        int g = fm_gtable_gender_col(hires[j].key[2]);
        if (i >= 0)
            r->trend.rows[i][g].v += hires[j].n;
        /* Since the start: counts in every trend month from its own on. */
        for (size_t k = 0; strcmp(hires[j].key[3], "1") == 0 && k < n; k++)
            if (strcmp(r->trend.keys[k], hires[j].key[0]) >= 0)
                r->cum[k][g == FM_G_WOMAN ? 0 : 1].v += hires[j].n;
    }
    fm_gtable_sum(&r->trend);
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
    rc = fm_gtable_from_rows(t, rows, n, order, norder, all_order, additive);
    fm_rr_row_list_free(rows, n);
    if (rc)
        return fm_err_set(err, rc, "report: out of memory");
    fm_gtable_sum(t);
    return FM_OK;
}

/* One extra table from rows already read. */
static fm_rc build_from(fm_gtable *t, const fm_rr_row *rows, size_t n, const char *const *order,
                        size_t norder, bool all_order, bool additive, fm_err *err)
{
    if (fm_gtable_from_rows(t, rows, n, order, norder, all_order, additive))
        return fm_err_set(err, FM_ENOMEM, "report: out of memory");
    fm_gtable_sum(t);
    return FM_OK;
}

static void build_pool(fm_report *r, const fm_rr_row *rows, size_t n)
{
    fm_rcell w = {.v = 0}, all = {.v = 0};
    for (size_t i = 0; i < n; i++) {
        all.v += rows[i].n;
        if (fm_gtable_gender_col(rows[i].key[0]) == FM_G_WOMAN)
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
        long d = fm_gtable_find(&r->dm, hires[j].key[1]);
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
    rc = fm_report_protect(r);
    if (rc) {
        fm_err_set(err, rc, "report: out of memory");
        goto done;
    }
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
