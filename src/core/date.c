/*
 * date.c - strict date and time-of-day parsing and civil-day arithmetic.
 * Strict on purpose: imports must reject "2018-2-30" rather than guess.
 * Day numbers use Howard Hinnant's days_from_civil algorithm.
 */
#include "fairmatch/date.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static bool digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

bool fm_date_is_leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int fm_date_days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    if (month == 2 && fm_date_is_leap(year))
        return 29;
    return days[month - 1];
}

bool fm_date_parse(const char *s, fm_date *out)
{
    fm_date d;
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    if (!digits(s, 4, &d.year) || !digits(s + 5, 2, &d.month) || !digits(s + 8, 2, &d.day))
        return false;
    if (d.year < 1 || d.month < 1 || d.month > 12 || d.day < 1 ||
        d.day > fm_date_days_in_month(d.year, d.month))
        return false;
    *out = d;
    return true;
}

bool fm_month_parse(const char *s, fm_date *out)
{
    fm_date d;
    if (!s || strlen(s) != 7 || s[4] != '-')
        return false;
    if (!digits(s, 4, &d.year) || !digits(s + 5, 2, &d.month))
        return false;
    if (d.year < 1 || d.month < 1 || d.month > 12)
        return false;
    d.day = 1;
    *out = d;
    return true;
}

bool fm_time_parse(const char *s, int *minutes)
{
    int h, m;
    if (!s || strlen(s) != 5 || s[2] != ':')
        return false;
    if (!digits(s, 2, &h) || !digits(s + 3, 2, &m) || h > 23 || m > 59)
        return false;
    *minutes = h * 60 + m;
    return true;
}

char *fm_date_format(fm_date d, char *buf)
{
    snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)d.year % 10000u, (unsigned)d.month % 100u,
             (unsigned)d.day % 100u);
    return buf;
}

char *fm_month_format(fm_date d, char *buf)
{
    snprintf(buf, 8, "%04u-%02u", (unsigned)d.year % 10000u, (unsigned)d.month % 100u);
    return buf;
}

long fm_date_to_days(fm_date d)
{
    long y = d.year - (d.month <= 2);
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long mp = (d.month + 9) % 12;
    long doy = (153 * mp + 2) / 5 + d.day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

fm_date fm_date_from_days(long z)
{
    fm_date d;
    long era, doe, yoe, y, doy, mp;
    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = yoe + era * 400;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    d.day = (int)(doy - (153 * mp + 2) / 5 + 1);
    d.month = (int)(mp < 10 ? mp + 3 : mp - 9);
    d.year = (int)(y + (d.month <= 2));
    return d;
}

int fm_date_cmp(fm_date a, fm_date b)
{
    if (a.year != b.year)
        return a.year < b.year ? -1 : 1;
    if (a.month != b.month)
        return a.month < b.month ? -1 : 1;
    if (a.day != b.day)
        return a.day < b.day ? -1 : 1;
    return 0;
}

int fm_month_index(fm_date d)
{
    return d.year * 12 + (d.month - 1);
}

fm_date fm_month_last_day(fm_date d)
{
    d.day = fm_date_days_in_month(d.year, d.month);
    return d;
}

fm_date fm_date_today(void)
{
    time_t now = time(NULL);
    struct tm tm;
    fm_date d;
    gmtime_r(&now, &tm);
    d.year = tm.tm_year + 1900;
    d.month = tm.tm_mon + 1;
    d.day = tm.tm_mday;
    return d;
}
