/*
 * personnummer.c - parsing and checking Swedish personal identity and
 * co-ordination numbers. Pure string work; storing and hiding the number is
 * the store's business (seeker_repo.c), not this file's.
 */
#include "fairmatch/personnummer.h"

#include <stddef.h>
#include <string.h>

#include "fairmatch/date.h"

bool fm_luhn_valid(const char *digits, int n)
{
    int sum = 0;
    if (n <= 0)
        return false;
    for (int i = 0; i < n; i++) {
        int d;
        if (digits[i] < '0' || digits[i] > '9')
            return false;
        d = digits[i] - '0';
        /* Weights 2,1,2,1... from the left for an even count (the check digit gets 1). */
        if ((n - i) % 2 == 0) {
            d *= 2;
            if (d > 9)
                d -= 9;
        }
        sum += d;
    }
    return sum % 10 == 0;
}

static int num(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

static bool all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

/* Split s into its 8- or 6-digit date part, separator and 4-digit tail. */
static bool split(const char *s, char digits[13], size_t *ndate, char *sep)
{
    size_t len = strlen(s);
    size_t head;

    *sep = 0;
    if (len == 11 || len == 13) {
        if (s[len - 5] != '-' && s[len - 5] != '+')
            return false;
        *sep = s[len - 5];
        head = len - 5;
    } else if (len == 10 || len == 12) {
        head = len - 4;
    } else {
        return false;
    }
    if (!all_digits(s, head) || !all_digits(s + len - 4, 4))
        return false;
    memcpy(digits, s, head);
    memcpy(digits + head, s + len - 4, 4);
    digits[head + 4] = '\0';
    *ndate = head;
    return true;
}

fm_pnr_status fm_personnummer_parse(const char *s, int ref_year, char *out)
{
    char d[13];
    size_t ndate;
    char sep;
    int year, month, day;

    if (!s || !split(s, d, &ndate, &sep))
        return FM_PNR_FORMAT;
    if (ndate == 8) {
        year = num(d, 4);
    } else {
        int yy = num(d, 2);
        year = ref_year - ((ref_year - yy) % 100 + 100) % 100;
        if (sep == '+')
            year -= 100;
    }
    month = num(d + ndate - 4, 2);
    day = num(d + ndate - 2, 2);
    if (day > 60)
        day -= 60; /* samordningsnummer */
    if (year < 1 || month < 1 || month > 12 || day < 1 || day > fm_date_days_in_month(year, month))
        return FM_PNR_DATE;
    if (!fm_luhn_valid(d + ndate - 6, 10))
        return FM_PNR_LUHN;
    if (out) {
        out[0] = (char)('0' + year / 1000 % 10);
        out[1] = (char)('0' + year / 100 % 10);
        out[2] = (char)('0' + year / 10 % 10);
        out[3] = (char)('0' + year % 10);
        memcpy(out + 4, d + ndate - 4, 8);
        out[12] = '\0';
    }
    return FM_PNR_OK;
}

const char *fm_pnr_status_str(fm_pnr_status status)
{
    switch (status) {
    case FM_PNR_OK:
        return "valid";
    case FM_PNR_FORMAT:
        return "not a personal number (write YYYYMMDD-NNNN or YYMMDD-NNNN)";
    case FM_PNR_DATE:
        return "not a personal number: its birth date does not exist";
    case FM_PNR_LUHN:
        return "not a personal number: the check digit is wrong (Luhn check)";
    }
    return "invalid";
}
