/*
 * fairmatch/date.h - calendar dates and months, proleptic Gregorian, no
 * time zones. Dates are the integers YYYYMMDD's parts; a day number counts
 * days since 1970-01-01 so that differences are plain subtraction.
 */
#ifndef FAIRMATCH_DATE_H
#define FAIRMATCH_DATE_H

#include <stdbool.h>

typedef struct fm_date {
    int year;  /* 1...9999 */
    int month; /* 1...12 */
    int day;   /* 1...days in month */
} fm_date;

/*
 * Parse exactly "YYYY-MM-DD" (no surrounding spaces) into *out and check
 * that the day exists. Returns false for anything else; *out is untouched.
 */
bool fm_date_parse(const char *s, fm_date *out);

/* Parse exactly "YYYY-MM"; out->day is set to 1. */
bool fm_month_parse(const char *s, fm_date *out);

/* Parse exactly "HH:MM" (00:00...23:59) into minutes after midnight. */
bool fm_time_parse(const char *s, int *minutes);

/* Format as "YYYY-MM-DD" into buf (at least 11 bytes). Returns buf. */
char *fm_date_format(fm_date d, char *buf);

/* Format as "YYYY-MM" into buf (at least 8 bytes). Returns buf. */
char *fm_month_format(fm_date d, char *buf);

bool fm_date_is_leap(int year);
int fm_date_days_in_month(int year, int month);

/* Days since 1970-01-01 (negative before). */
long fm_date_to_days(fm_date d);
fm_date fm_date_from_days(long days);

/* Compare: <0, 0, >0 as a is before, equal to, after b. */
int fm_date_cmp(fm_date a, fm_date b);

/* Months index year*12 + (month-1); differences count calendar months. */
int fm_month_index(fm_date d);

/* The last day of d's month. */
fm_date fm_month_last_day(fm_date d);

/* Today's date in UTC. */
fm_date fm_date_today(void);

#endif
