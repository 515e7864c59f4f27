/*
 * forecast.c - hires projected to the programme's end and to the end of the
 * report month's year, with an interval from the programme's own history
 * (a seeded bootstrap over the last months' hires), and the reverse: the
 * places and invitations each remaining fair needs, per department by
 * quota. Method and limits: docs/reports.md. No protection here: report.c
 * registers the counts and hides what depends on hidden ones.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/steering.h"
#include "report_internal.h"

/* splitmix64: small, fast, and the same sequence on every platform. */
static uint64_t next(uint64_t *st)
{
    uint64_t z = (*st += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static int cmp_ll(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

/* Nearest-rank percentile p (0...1) of sorted v[n]. */
static double pct(const long long *v, size_t n, double p)
{
    size_t k = (size_t)(p * (double)n);
    return (double)v[k < n ? k : n - 1];
}

static void summarise(fm_forecast_span *f, long long *tot, size_t n)
{
    size_t reach = 0;
    qsort(tot, n, sizeof *tot, cmp_ll);
    f->low = pct(tot, n, 0.10);
    f->median = pct(tot, n, 0.50);
    f->high = pct(tot, n, 0.90);
    for (size_t i = 0; i < n; i++)
        reach += f->has_goal && tot[i] >= f->goal;
    f->probability = f->has_goal ? (double)reach / (double)n : 0.0;
}

const char *fm_report_forecast_light(const fm_forecast_span *f)
{
    if (!f->valid || !f->has_goal)
        return NULL;
    if (f->low >= (double)f->goal)
        return "green";
    return f->high < (double)f->goal ? "red" : "yellow";
}

/* Invited per hire at the programme's fairs so far. */
static fm_rc invited_per_hire(fm_report *r, fm_store *s, fm_err *err)
{
    fm_rr_row *rows = NULL;
    size_t n = 0;
    long long invited = 0, hired = 0;
    char to[11];
    fm_date m;
    fm_rc rc;

    if (!fm_month_parse(r->month, &m))
        return FM_OK;
    fm_date_format(fm_month_last_day(m), to);
    rc = fm_store_report_rows(s, FM_RQ_PIPELINE, r->prog.start, to, NULL, &rows, &n, err);
    if (rc)
        return rc;
    for (size_t i = 0; i < n; i++) {
        invited += strcmp(rows[i].key[0], "invited") ? 0 : rows[i].n;
        hired += strcmp(rows[i].key[0], "hired") ? 0 : rows[i].n;
    }
    fm_rr_row_list_free(rows, n);
    r->forecast.invited_per_hire = hired > 0 ? (double)invited / (double)hired : 0.0;
    return FM_OK;
}

/* What the rest of the goal needs: per remaining fair (or per month left), per department. */
static fm_rc needs(fm_report *r, fm_store *s, fm_err *err)
{
    fm_forecast *f = &r->forecast;
    long long spread;
    char from[11];
    fm_date m;
    fm_rc rc;

    f->dept_remaining = calloc(r->ndept + 1, sizeof *f->dept_remaining);
    f->dept_places = calloc(r->ndept + 1, sizeof *f->dept_places);
    if (!f->dept_remaining || !f->dept_places)
        return fm_err_set(err, FM_ENOMEM, "report: out of memory");
    if (!fm_month_parse(r->month, &m))
        return FM_OK;
    m = fm_month_last_day(m);
    fm_date_format(fm_date_from_days(fm_date_to_days(m) + 1), from);
    rc = fm_store_fairs_between(s, from, r->prog.end, &f->fairs_left, err);
    if (!rc)
        rc = invited_per_hire(r, s, err);
    if (rc)
        return rc;
    f->needed = r->prog.goal - r->dc.tot[FM_G_TOTAL].v;
    if (f->needed < 0)
        f->needed = 0;
    spread = f->fairs_left > 0 ? f->fairs_left : (r->months_left > 0 ? r->months_left : 1);
    f->places_per_fair = (f->needed + spread - 1) / spread;
    f->invitations_per_fair = (long long)((double)f->places_per_fair * f->invited_per_hire + 0.999);
    for (size_t d = 0; d < r->ndept; d++) {
        long long left = r->quota[d] - r->dc.rows[d][FM_G_TOTAL].v;
        f->dept_remaining[d] = left > 0 ? left : 0;
        f->dept_places[d] = (f->dept_remaining[d] + spread - 1) / spread;
    }
    return FM_OK;
}

fm_rc fm_report_forecast_build(fm_report *r, fm_store *s, fm_err *err)
{
    fm_forecast *f = &r->forecast;
    size_t n = r->trend.n, h0;
    long long *tot_end = NULL, *tot_year = NULL, hist[FM_FORECAST_WINDOW];
    int year = 0, mon = 0, year_months;
    uint64_t seed;
    fm_rc rc;

    f->draws = FM_FORECAST_DRAWS;
    snprintf(f->end.label, sizeof f->end.label, "%.7s", r->prog.end);
    f->end.goal = r->prog.goal;
    f->end.has_goal = true;
    f->end.so_far.v = r->dc.tot[FM_G_TOTAL].v;
    rc = needs(r, s, err);
    if (rc || sscanf(r->month, "%d-%d", &year, &mon) != 2)
        return rc;
    snprintf(f->year.label, sizeof f->year.label, "%d", year);
    rc = fm_store_year_goal_get(s, year, &f->year.goal, &f->year.has_goal, err);
    if (rc)
        return rc;
    for (size_t k = 0; k < n; k++)
        if (!strncmp(r->trend.keys[k], f->year.label, 4))
            f->year.so_far.v += r->trend.rows[k][FM_G_TOTAL].v;
    h0 = n > FM_FORECAST_WINDOW ? n - FM_FORECAST_WINDOW : 0;
    f->history = (int)(n - h0);
    if (f->history < FM_FORECAST_MIN_HISTORY)
        return FM_OK;
    for (size_t k = h0; k < n; k++)
        hist[k - h0] = r->trend.rows[k][FM_G_TOTAL].v;
    f->end.months = r->months_left;
    year_months = 12 - mon < r->months_left ? 12 - mon : r->months_left;
    f->year.months = year_months;
    tot_end = calloc((size_t)f->draws, sizeof *tot_end);
    tot_year = calloc((size_t)f->draws, sizeof *tot_year);
    if (!tot_end || !tot_year) {
        rc = fm_err_set(err, FM_ENOMEM, "report: out of memory");
        goto done;
    }
    /* Seeded by the report month: the same database and month give the same figures. */
    seed = (uint64_t)0x6661697266u ^ (uint64_t)(unsigned)(year * 12 + mon);
    for (int b = 0; b < f->draws; b++) {
        long long sum = 0;
        for (int k = 0; k < f->end.months; k++) {
            sum += hist[next(&seed) % (uint64_t)f->history];
            if (k + 1 == year_months)
                tot_year[b] = f->year.so_far.v + sum;
        }
        if (year_months == 0)
            tot_year[b] = f->year.so_far.v;
        tot_end[b] = f->end.so_far.v + sum;
    }
    summarise(&f->end, tot_end, (size_t)f->draws);
    summarise(&f->year, tot_year, (size_t)f->draws);
    f->valid = f->end.valid = f->year.valid = true;
done:
    free(tot_end);
    free(tot_year);
    return rc;
}
