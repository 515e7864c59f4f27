/* test_date.c - strict date parsing and calendar arithmetic (src/core/date.c). */
#include <criterion/criterion.h>

#include "fairmatch/date.h"

Test(date, parses_valid_dates_and_rejects_impossible_ones)
{
    fm_date d;
    cr_assert(fm_date_parse("2018-11-14", &d));
    cr_assert_eq(d.year, 2018);
    cr_assert_eq(d.month, 11);
    cr_assert_eq(d.day, 14);
    cr_assert(fm_date_parse("2016-02-29", &d));
    cr_assert_not(fm_date_parse("2018-02-29", &d));
    cr_assert_not(fm_date_parse("2018-2-28", &d));
    cr_assert_not(fm_date_parse("2018-13-01", &d));
    cr_assert_not(fm_date_parse(" 2018-01-01", &d));
    cr_assert_not(fm_date_parse("2018-01-01x", &d));
}

Test(date, day_numbers_round_trip_across_leap_years)
{
    fm_date epoch = {1970, 1, 1};
    cr_assert_eq(fm_date_to_days(epoch), 0);
    for (long z = -800000; z < 800000; z += 997) {
        fm_date d = fm_date_from_days(z);
        cr_assert_eq(fm_date_to_days(d), z);
    }
    fm_date a = {2018, 3, 1}, b = {2018, 2, 28};
    cr_assert_eq(fm_date_to_days(a) - fm_date_to_days(b), 1);
}

Test(date, month_helpers)
{
    fm_date m;
    char buf[11];
    cr_assert(fm_month_parse("2018-02", &m));
    cr_assert_str_eq(fm_date_format(fm_month_last_day(m), buf), "2018-02-28");
    cr_assert_str_eq(fm_month_format(m, buf), "2018-02");
    cr_assert_not(fm_month_parse("2018-00", &m));
    fm_date a = {2017, 1, 5}, b = {2018, 12, 31};
    cr_assert_eq(fm_month_index(b) - fm_month_index(a), 23);
}

Test(date, time_of_day)
{
    int min;
    cr_assert(fm_time_parse("09:00", &min));
    cr_assert_eq(min, 540);
    cr_assert_not(fm_time_parse("24:00", &min));
    cr_assert_not(fm_time_parse("9:00", &min));
}
