/*
 * test_forecast.c - the hires forecast and what the goal still needs
 * (src/report/forecast.c) on a report model built by hand: a steady trend
 * makes every bootstrap draw the same total, so percentiles, probability
 * and traffic lights can be worked out on paper; the per-fair needs read
 * the fairs left from a temporary database.
 */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/fair.h"
#include "fairmatch/steering.h"
#include "fairmatch/store.h"
#include "report/report_internal.h"
#include "test_store.h"

static fm_store *db;

static void open_db(void)
{
    db = test_store_create("forecast");
}

static void close_db(void)
{
    fm_store_close(db);
    test_store_unlink(test_db_path);
}

TestSuite(forecast, .init = open_db, .fini = close_db);

static void add_fair(const char *id, const char *date)
{
    fm_fair f = {.id = (char[16]){0},
                 .date = (char[11]){0},
                 .start = (char[]){"09:00"},
                 .period_minutes = 20,
                 .periods = 4};
    fm_err err = {0};
    snprintf(f.id, 16, "%s", id);
    snprintf(f.date, 11, "%s", date);
    cr_assert_eq(fm_store_fair_upsert(db, &f, FM_FAIR_ALL, NULL, NULL, &err), FM_OK, "%s", err.msg);
}

/*
 * One department (quota 40, 30 hired), programme goal 50 from 2018-01-01
 * to 2019-01-31, report month 2018-10 with 4 months left; the trend's
 * months are keys[] with hires[] each (total column only).
 */
typedef struct hand {
    fm_report r;
    long long quota[1];
    fm_rcell dept_rows[1][FM_G_COLS];
    char *keys[12];
    fm_rcell trend_rows[12][FM_G_COLS];
} hand;

static void build(hand *h, const char *const *keys, const long long *hires, size_t n)
{
    memset(h, 0, sizeof *h);
    snprintf(h->r.month, sizeof h->r.month, "2018-10");
    h->r.prog.goal = 50;
    snprintf(h->r.prog.start, sizeof h->r.prog.start, "2018-01-01");
    snprintf(h->r.prog.end, sizeof h->r.prog.end, "2019-01-31");
    h->r.ndept = 1;
    h->quota[0] = 40;
    h->r.quota = h->quota;
    h->dept_rows[0][FM_G_TOTAL].v = 30;
    h->r.dc.rows = h->dept_rows;
    h->r.dc.n = 1;
    h->r.dc.tot[FM_G_TOTAL].v = 30;
    h->r.months_left = 4;
    for (size_t k = 0; k < n; k++) {
        h->keys[k] = (char *)keys[k];
        h->trend_rows[k][FM_G_TOTAL].v = hires[k];
    }
    h->r.trend.n = n;
    h->r.trend.keys = h->keys;
    h->r.trend.rows = h->trend_rows;
}

static void run(hand *h)
{
    fm_err err = {0};
    cr_assert_eq(fm_report_forecast_build(&h->r, db, &err), FM_OK, "%s", err.msg);
}

static void release(hand *h)
{
    free(h->r.forecast.dept_remaining);
    free(h->r.forecast.dept_places);
}

Test(forecast, a_steady_trend_gives_one_total_for_every_draw)
{
    /* 2017-12 is history but not this year's: year so far = 3 x 5 = 15. */
    static const char *const keys[] = {"2017-12", "2018-08", "2018-09", "2018-10"};
    static const long long hires[] = {5, 5, 5, 5};
    hand h;
    build(&h, keys, hires, 4);
    run(&h);
    const fm_forecast *f = &h.r.forecast;
    cr_assert(f->valid);
    cr_assert_eq(f->history, 4);
    cr_assert_eq(f->draws, FM_FORECAST_DRAWS);
    /* to the end: 30 + 4 months x 5 = 50 in every draw; goal 50 is reached */
    cr_assert_str_eq(f->end.label, "2019-01");
    cr_assert_eq(f->end.months, 4);
    cr_assert_eq(f->end.so_far.v, 30);
    cr_assert_eq(f->end.low, 50.0);
    cr_assert_eq(f->end.median, 50.0);
    cr_assert_eq(f->end.high, 50.0);
    cr_assert_eq(f->end.probability, 1.0);
    cr_assert_str_eq(fm_report_forecast_light(&f->end), "green");
    /* to the year's end: min(12 - 10, 4) = 2 months, 15 + 10 = 25; no year goal set */
    cr_assert_str_eq(f->year.label, "2018");
    cr_assert_eq(f->year.months, 2);
    cr_assert_eq(f->year.so_far.v, 15);
    cr_assert_eq(f->year.median, 25.0);
    cr_assert_not(f->year.has_goal);
    cr_assert_eq(f->year.probability, 0.0);
    cr_assert_null(fm_report_forecast_light(&f->year));
    release(&h);
}

Test(forecast, a_year_goal_one_above_every_draw_is_red)
{
    static const char *const keys[] = {"2018-08", "2018-09", "2018-10"};
    static const long long hires[] = {5, 5, 5};
    fm_err err = {0};
    hand h;
    cr_assert_eq(fm_store_year_goal_set(db, 2018, 26, &err), FM_OK, "%s", err.msg);
    build(&h, keys, hires, 3);
    run(&h);
    cr_assert(h.r.forecast.year.has_goal);
    cr_assert_eq(h.r.forecast.year.goal, 26);
    cr_assert_eq(h.r.forecast.year.high, 25.0);
    cr_assert_eq(h.r.forecast.year.probability, 0.0);
    cr_assert_str_eq(fm_report_forecast_light(&h.r.forecast.year), "red");
    release(&h);
}

Test(forecast, fewer_than_three_months_of_history_give_no_forecast)
{
    static const char *const keys[] = {"2018-09", "2018-10"};
    static const long long hires[] = {5, 5};
    hand h;
    build(&h, keys, hires, 2);
    run(&h);
    cr_assert_not(h.r.forecast.valid);
    cr_assert_not(h.r.forecast.end.valid);
    cr_assert_eq(h.r.forecast.history, 2);
    cr_assert_null(fm_report_forecast_light(&h.r.forecast.end));
    /* the needs are worked out all the same */
    cr_assert_eq(h.r.forecast.needed, 20);
    release(&h);
}

Test(forecast, a_varied_trend_stays_within_its_extremes_and_repeats)
{
    /* draws of 4 months from {0, 3, 9}: totals 30 ... 66 */
    static const char *const keys[] = {"2018-08", "2018-09", "2018-10"};
    static const long long hires[] = {0, 9, 3};
    hand a, b;
    build(&a, keys, hires, 3);
    build(&b, keys, hires, 3);
    run(&a);
    run(&b);
    const fm_forecast_span *e = &a.r.forecast.end;
    cr_assert_geq(e->low, 30.0);
    cr_assert_leq(e->low, e->median);
    cr_assert_leq(e->median, e->high);
    cr_assert_leq(e->high, 66.0);
    cr_assert_gt(e->probability, 0.0);
    cr_assert_lt(e->probability, 1.0);
    cr_assert_eq(e->low, b.r.forecast.end.low, "seeded by the month: the same figures");
    cr_assert_eq(e->median, b.r.forecast.end.median);
    cr_assert_eq(e->probability, b.r.forecast.end.probability);
    release(&a);
    release(&b);
}

Test(forecast, needs_spread_the_rest_of_the_goal_over_the_fairs_left)
{
    /* After 2018-10 and up to 2019-01-31: two fairs (the 2018-10-20 and
       2019-02-01 ones do not count). 20 still needed -> 10 places a fair;
       the department's 40 - 30 = 10 -> 5 a fair. */
    static const char *const keys[] = {"2018-08", "2018-09", "2018-10"};
    static const long long hires[] = {5, 5, 5};
    hand h;
    add_fair("F0", "2018-10-20");
    add_fair("F1", "2018-11-15");
    add_fair("F2", "2019-01-31");
    add_fair("F3", "2019-02-01");
    build(&h, keys, hires, 3);
    run(&h);
    cr_assert_eq(h.r.forecast.fairs_left, 2);
    cr_assert_eq(h.r.forecast.needed, 20);
    cr_assert_eq(h.r.forecast.places_per_fair, 10);
    cr_assert_eq(h.r.forecast.invited_per_hire, 0.0);
    cr_assert_eq(h.r.forecast.invitations_per_fair, 0);
    cr_assert_eq(h.r.forecast.dept_remaining[0], 10);
    cr_assert_eq(h.r.forecast.dept_places[0], 5);
    release(&h);
}

Test(forecast, without_fairs_left_the_needs_are_per_month_and_never_negative)
{
    /* 4 months left: ceil(20 / 4) = 5; a department over its quota needs 0. */
    static const char *const keys[] = {"2018-08", "2018-09", "2018-10"};
    static const long long hires[] = {5, 5, 5};
    hand h;
    build(&h, keys, hires, 3);
    h.dept_rows[0][FM_G_TOTAL].v = 45;
    run(&h);
    cr_assert_eq(h.r.forecast.fairs_left, 0);
    cr_assert_eq(h.r.forecast.places_per_fair, 5);
    cr_assert_eq(h.r.forecast.dept_remaining[0], 0);
    cr_assert_eq(h.r.forecast.dept_places[0], 0);
    release(&h);
}

Test(forecast, light_compares_the_interval_with_the_goal)
{
    fm_forecast_span s = {.valid = true, .has_goal = true, .goal = 50};
    s.low = 50;
    s.high = 60;
    cr_assert_str_eq(fm_report_forecast_light(&s), "green");
    s.low = 49.5;
    cr_assert_str_eq(fm_report_forecast_light(&s), "yellow");
    s.low = 40;
    s.high = 50;
    cr_assert_str_eq(fm_report_forecast_light(&s), "yellow");
    s.high = 49.9;
    cr_assert_str_eq(fm_report_forecast_light(&s), "red");
    s.has_goal = false;
    cr_assert_null(fm_report_forecast_light(&s));
    s.has_goal = true;
    s.valid = false;
    cr_assert_null(fm_report_forecast_light(&s));
}
