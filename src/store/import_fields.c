/*
 * import_fields.c - the typed getters: one cell of the current row as text,
 * a number, a date, a time, a code or a reference, each bad value a problem
 * at its cell. Which columns a kind has, and what it does with the values,
 * is the importers' (import_entities.c, import_employments.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fairmatch/date.h"
#include "fairmatch/seeker.h"
#include "import_internal.h"
#include "repo.h"

bool fm_import_has(const imp *im, int c)
{
    return im->col[c] >= 0;
}

/* The trimmed value of column c in the current row: NULL when the column is absent or empty. */
char *fm_import_val(const imp *im, int c)
{
    size_t i;
    if (im->col[c] < 0)
        return NULL;
    i = (size_t)im->col[c];
    if (i >= im->rec->nfields || !im->rec->fields[i].text[0])
        return NULL;
    return im->rec->fields[i].text;
}

/* Text of column c; a required column's empty value is a problem. */
char *fm_import_get_text(imp *im, int c)
{
    char *v = fm_import_val(im, c);
    if (!v && fm_import_has(im, c) && im->spec->cols[c].required)
        fm_import_problem(im, c, "missing value");
    return v;
}

/*
 * A whole number as a Swedish Excel may format it: "6200", "-3", or with
 * thousands grouped by spaces or no-break spaces ("6 200", "1 000 000"),
 * every group after the first exactly three digits.
 */
static bool parse_long(const char *s, long *out)
{
    char digits[24];
    size_t n = 0, group = 0, i = 0, len = strlen(s);
    bool grouped = false;
    char *end = NULL;

    if (s[0] == '-')
        digits[n++] = s[i++];
    for (; i < len; i++) {
        size_t k = fm_import_blank_at(s, i, len);
        if (k > 0) {
            if (group == 0 || (grouped && group != 3) || group > 3)
                return false;
            grouped = true;
            group = 0;
            i += k - 1;
        } else if (s[i] >= '0' && s[i] <= '9' && n + 1 < sizeof digits) {
            digits[n++] = s[i];
            group++;
        } else {
            return false;
        }
    }
    digits[n] = '\0';
    if (group == 0 || (grouped && group != 3) || (n == 1 && digits[0] == '-'))
        return false;
    *out = strtol(digits, &end, 10);
    return *end == '\0';
}

/* Integer lo...hi in column c; absent/empty leaves *out. */
void fm_import_get_int(imp *im, int c, long lo, long hi, long *out)
{
    char *v = fm_import_get_text(im, c);
    long x;
    if (!v)
        return;
    if (!parse_long(v, &x))
        fm_import_problem(im, c, "%s is not a whole number", fm_import_quoted(im, v));
    else if (x < lo && hi == FM_IMPORT_NO_MAX)
        fm_import_problem(im, c, "%s is not a whole number ≥ %ld", fm_import_quoted(im, v), lo);
    else if (x < lo || x > hi)
        fm_import_problem(im, c, "%s is not between %ld and %ld", fm_import_quoted(im, v), lo, hi);
    else
        *out = x;
}

void fm_import_get_int_i(imp *im, int c, long lo, long hi, int *out)
{
    long x = *out;
    fm_import_get_int(im, c, lo, hi, &x);
    *out = (int)x;
}

char *fm_import_get_date(imp *im, int c)
{
    char *v = fm_import_get_text(im, c);
    fm_date d;
    if (v && !fm_date_parse(v, &d)) {
        fm_import_problem(im, c, "%s is not a date (YYYY-MM-DD)", fm_import_quoted(im, v));
        return NULL;
    }
    return v;
}

void fm_import_get_yesno(imp *im, int c, int *out)
{
    char *v = fm_import_get_text(im, c);
    if (!v)
        return;
    if (!strcasecmp(v, "yes") || !strcasecmp(v, "ja"))
        *out = 1;
    else if (!strcasecmp(v, "no") || !strcasecmp(v, "nej"))
        *out = 0;
    else
        fm_import_problem(im, c, "%s is not one of yes, no, ja, nej", fm_import_quoted(im, v));
}

/* One of the codes accepted by ok(), in any case (stored lower case); message lists `codes`. */
char *fm_import_get_code(imp *im, int c, bool (*ok)(const char *), const char *codes)
{
    char *v = fm_import_get_text(im, c);
    char lower[64];
    size_t n = v ? strlen(v) : 0;
    if (v && n < sizeof lower) {
        for (size_t i = 0; i <= n; i++)
            lower[i] = (char)(v[i] >= 'A' && v[i] <= 'Z' ? v[i] + 32 : v[i]);
        if (ok(lower)) {
            memcpy(v, lower, n + 1);
            return v;
        }
    }
    if (v) {
        fm_import_problem(im, c, "%s is not one of %s", fm_import_quoted(im, v), codes);
        return NULL;
    }
    return v;
}

void fm_import_get_extent(imp *im, int c, double *out)
{
    char *v = fm_import_get_text(im, c);
    double x;
    if (!v)
        return;
    if (!fm_csv_parse_decimal(v, &x))
        fm_import_problem(im, c, "%s is not a number", fm_import_quoted(im, v));
    else if (!(x > 0.0 && x <= 100.0))
        fm_import_problem(im, c, "%s is not a percentage above 0 and at most 100",
                          fm_import_quoted(im, v));
    else
        *out = x;
}

/* Drop spaces in place: "5311 | 4410" is what a person types for "5311|4410". */
static void drop_spaces(char *v)
{
    char *w = v;
    for (char *r = v; *r; r++)
        if (*r != ' ' && *r != '\t')
            *w++ = *r;
    *w = '\0';
}

char *fm_import_get_ssyk_list(imp *im, int c)
{
    char *v = fm_import_get_text(im, c);
    const char *bad = NULL;
    if (v)
        drop_spaces(v);
    if (v && !fm_ssyk_list_valid(v, &bad)) {
        size_t n = strcspn(bad, "|");
        char code[64];
        snprintf(code, sizeof code, "%.*s", (int)(n < 60 ? n : 60), bad);
        fm_import_problem(im, c, "%s is not an SSYK code (4 digits; several separated by |)",
                          fm_import_quoted(im, code));
        return NULL;
    }
    return v;
}

char *fm_import_get_ref(imp *im, int c, const char *table, const char *what)
{
    char *v = fm_import_get_text(im, c);
    bool found = false;
    fm_err e = {0};
    if (!v)
        return NULL;
    if (fm_repo_exists(im->s, table, "id", v, &found, &e)) {
        im->fatal = e.rc;
        im->fatal_err = e;
        return NULL;
    }
    if (!found) {
        fm_import_problem(im, c, "%s is not a known %s", fm_import_quoted(im, v), what);
        return NULL;
    }
    return v;
}

/*
 * A time of day as HH:MM. Spreadsheets also write "9:00" and, for time
 * cells, "09:00:00"; both are normalised into buf when they mean a whole
 * minute. *minutes gets minutes after midnight.
 */
char *fm_import_get_time(imp *im, int c, char buf[6], int *minutes)
{
    char *v = fm_import_get_text(im, c);
    size_t n;
    if (!v)
        return NULL;
    n = strlen(v);
    if (n == 4 && v[1] == ':') {
        buf[0] = '0';
        memcpy(buf + 1, v, 5);
    } else if (n == 8 && v[5] == ':' && v[6] == '0' && v[7] == '0') {
        memcpy(buf, v, 5);
        buf[5] = '\0';
    } else if (n == 5) {
        memcpy(buf, v, 6);
    } else {
        buf[0] = '\0';
    }
    if (!fm_time_parse(buf, minutes)) {
        fm_import_problem(im, c, "%s is not a time (HH:MM)", fm_import_quoted(im, v));
        return NULL;
    }
    return buf;
}
