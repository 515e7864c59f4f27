/*
 * test_programme.c - what makes the programme valid (src/core/programme.c):
 * the goal's range, real dates, and an end not before the start.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "fairmatch/programme.h"

static fm_programme programme(long goal, const char *start, const char *end)
{
    fm_programme p = {.goal = goal};
    memcpy(p.start_date, start, strlen(start) + 1);
    memcpy(p.end_date, end, strlen(end) + 1);
    return p;
}

static void refused(fm_programme p, const char *msg)
{
    fm_err err = {0};
    cr_assert_eq(fm_programme_validate(&p, &err), FM_EINVAL);
    cr_assert_str_eq(err.msg, msg);
}

Test(programme, accepts_the_seeded_programme)
{
    fm_programme p = programme(700, "2017-01-01", "2018-12-31");
    fm_err err = {0};
    cr_assert_eq(fm_programme_validate(&p, &err), FM_OK, "%s", err.msg);
}

Test(programme, accepts_goal_zero_and_ten_million_and_a_one_day_period)
{
    fm_programme p = programme(0, "2020-02-29", "2020-02-29");
    cr_assert_eq(fm_programme_validate(&p, NULL), FM_OK);
    p.goal = 10000000;
    cr_assert_eq(fm_programme_validate(&p, NULL), FM_OK);
}

Test(programme, refuses_a_goal_outside_zero_to_ten_million)
{
    refused(programme(-1, "2017-01-01", "2018-12-31"), "goal: -1 is not between 0 and 10000000");
    refused(programme(10000001, "2017-01-01", "2018-12-31"),
            "goal: 10000001 is not between 0 and 10000000");
}

Test(programme, refuses_a_start_that_is_not_a_real_date)
{
    refused(programme(1, "2017-02-29", "2018-12-31"),
            "start: \"2017-02-29\" is not a date (YYYY-MM-DD)");
    refused(programme(1, "", "2018-12-31"), "start: \"\" is not a date (YYYY-MM-DD)");
}

Test(programme, refuses_an_end_that_is_not_a_real_date)
{
    refused(programme(1, "2017-01-01", "2018-13-01"),
            "end: \"2018-13-01\" is not a date (YYYY-MM-DD)");
}

Test(programme, refuses_an_end_before_the_start)
{
    refused(programme(1, "2018-01-02", "2018-01-01"), "end: 2018-01-01 is before start 2018-01-02");
}
