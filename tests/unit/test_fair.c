/*
 * test_fair.c - what makes a fair valid (src/core/fair.c): date, start time,
 * period bounds, the day ending by midnight, the status names, and messages
 * that quote the bad value.
 */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/fair.h"

/* A mutable copy of a literal: the records hold char *, and -Wwrite-strings is on. */
#define S(lit) ((char[]){lit})

/* A valid record; tests copy it and break one field. File-scope compound
   literals live as long as the program. */
static const fm_fair base = {.id = S("F1"),
                             .date = S("2026-03-12"),
                             .start = S("09:00"),
                             .period_minutes = 20,
                             .periods = 12};

static void refused(const fm_fair *f, const char *msg)
{
    fm_err err = {0};
    cr_assert_eq(fm_fair_validate(f, &err), FM_EINVAL);
    cr_assert_str_eq(err.msg, msg);
}

Test(fair, accepts_a_complete_record_with_or_without_status)
{
    fm_fair f = base;
    fm_err err = {0};
    cr_assert_eq(fm_fair_validate(&f, &err), FM_OK, "%s", err.msg);
    f.status = S("held");
    cr_assert_eq(fm_fair_validate(&f, &err), FM_OK, "%s", err.msg);
}

Test(fair, status_is_one_of_planned_matched_held)
{
    cr_assert(fm_fair_status_valid("planned"));
    cr_assert(fm_fair_status_valid("matched"));
    cr_assert(fm_fair_status_valid("held"));
    cr_assert_not(fm_fair_status_valid("Planned"));
    cr_assert_not(fm_fair_status_valid(""));
    cr_assert_not(fm_fair_status_valid("held "));
}

Test(fair, refuses_a_missing_id)
{
    fm_fair f = base;
    f.id = S("");
    refused(&f, "id: missing value");
}

Test(fair, refuses_a_date_that_does_not_exist_and_quotes_it)
{
    fm_fair f = base;
    f.date = S("2026-02-30");
    refused(&f, "date: \"2026-02-30\" is not a date (YYYY-MM-DD)");
    f.date = NULL;
    refused(&f, "date: \"\" is not a date (YYYY-MM-DD)");
}

Test(fair, refuses_a_start_that_is_not_hh_mm)
{
    fm_fair f = base;
    f.start = S("9:00");
    refused(&f, "start: \"9:00\" is not a time (HH:MM)");
    f.start = S("24:00");
    refused(&f, "start: \"24:00\" is not a time (HH:MM)");
}

Test(fair, refuses_period_minutes_outside_one_to_240)
{
    fm_fair f = base;
    f.period_minutes = 0;
    refused(&f, "period_minutes: 0 is not between 1 and 240");
    f.period_minutes = 241;
    f.periods = 1;
    refused(&f, "period_minutes: 241 is not between 1 and 240");
}

Test(fair, refuses_periods_outside_one_to_96)
{
    fm_fair f = base;
    f.periods = 0;
    refused(&f, "periods: 0 is not between 1 and 96");
    f.periods = 97;
    refused(&f, "periods: 97 is not between 1 and 96");
}

Test(fair, a_day_may_end_at_midnight_but_not_after)
{
    /* 23:00 + 4 x 15 min = 24:00 exactly; a fifth period ends at 00:15. */
    fm_fair f = base;
    f.start = S("23:00");
    f.period_minutes = 15;
    f.periods = 4;
    cr_assert_eq(fm_fair_validate(&f, NULL), FM_OK);
    f.periods = 5;
    refused(&f, "periods: 5 periods of 15 minutes from 23:00 end after midnight");
}

Test(fair, refuses_an_unknown_status)
{
    fm_fair f = base;
    f.status = S("done");
    refused(&f, "status: \"done\" is not one of planned, matched, held");
}

Test(fair, release_frees_every_string_and_zeroes)
{
    fm_fair f = {.id = strdup("F"),
                 .date = strdup("2026-01-01"),
                 .start = strdup("09:00"),
                 .name = strdup("n"),
                 .place = strdup("p"),
                 .status = strdup("held"),
                 .periods = 3};
    fm_fair_release(&f);
    cr_assert_null(f.id);
    cr_assert_null(f.status);
    cr_assert_eq(f.periods, 0);
    fm_fair_release(NULL);
    fm_fair_list_free(NULL, 1);
}
