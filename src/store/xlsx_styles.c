/*
 * xlsx_styles.c - an .xlsx workbook's number formats: which cell styles
 * show a number as a date, a time of day or a percentage, and a numeric
 * cell's value rendered as the importer reads it (dates in the 1900 and
 * 1904 systems). The cells themselves are xlsx.c's.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/date.h"
#include "fairmatch/xlsx.h"
#include "xlsx_internal.h"

/* What a cell format does to a number, as far as the importer cares. */
enum { FMT_NUMBER = 0, FMT_DATE, FMT_TIME, FMT_PERCENT };

/*
 * A number format code shows a date when d, y or m appear outside quotes,
 * brackets and escapes, a time of day when h does but neither d nor y ("m"
 * is then minutes), a percentage when '%' does.
 */
static unsigned char code_kind(const char *code)
{
    bool dy = false, m = false, h = false, pct = false;
    for (const char *p = code; *p; p++) {
        char c = *p;
        if (c == '"') {
            while (p[1] && p[1] != '"')
                p++;
            if (p[1])
                p++;
        } else if (c == '[') {
            while (p[1] && p[1] != ']')
                p++;
        } else if ((c == '\\' || c == '_' || c == '*') && p[1]) {
            p++;
        } else {
            dy |= c && strchr("dDyY", c);
            m |= c == 'm' || c == 'M';
            h |= c == 'h' || c == 'H';
            pct |= c == '%';
        }
    }
    if (dy || (m && !h))
        return FMT_DATE;
    return h ? FMT_TIME : pct ? FMT_PERCENT : FMT_NUMBER;
}

static unsigned char fmt_kind(const fm_xlsx_styles *st, long id)
{
    if ((id >= 14 && id <= 17) || id == 22)
        return FMT_DATE;
    if ((id >= 18 && id <= 21) || (id >= 45 && id <= 47))
        return FMT_TIME;
    if (id == 9 || id == 10)
        return FMT_PERCENT;
    for (size_t i = 0; i < st->nfmts; i++)
        if (st->fmts[i].id == id)
            return st->fmts[i].kind;
    return FMT_NUMBER;
}

static void styles_start(fm_wb *w, const char *name, const XML_Char **atts)
{
    fm_xlsx_styles *st = w->ctx;
    const char *id = fm_wb_attr(atts, "numFmtId"), *code = fm_wb_attr(atts, "formatCode");

    if (!strcmp(name, "cellXfs")) {
        st->in_cellxfs = true;
    } else if (!strcmp(name, "numFmt") && id && code && code_kind(code) != FMT_NUMBER) {
        if (FM_GROW(st->fmts, st->nfmts + 1, st->capfmts))
            fm_wb_nomem(w);
        else
            st->fmts[st->nfmts++] = (fm_xlsx_numfmt){strtol(id, NULL, 10), code_kind(code)};
    } else if (!strcmp(name, "xf") && st->in_cellxfs) {
        if (st->nxf >= FM_XLSX_MAX_STRINGS) {
            fm_wb_fail(w, FM_EINVAL, "more than %zu cell formats; refused", FM_XLSX_MAX_STRINGS);
            return;
        }
        if (FM_GROW(st->xf_kind, st->nxf + 1, st->capxf))
            fm_wb_nomem(w);
        else
            st->xf_kind[st->nxf++] = id ? fmt_kind(st, strtol(id, NULL, 10)) : FMT_NUMBER;
    }
}

static void styles_end(fm_wb *w, const char *name)
{
    fm_xlsx_styles *st = w->ctx;
    if (!strcmp(name, "cellXfs"))
        st->in_cellxfs = false;
}

fm_rc fm_xlsx_styles_parse(fm_wb *w, fm_xlsx_styles *st, const char *name)
{
    fm_rc rc;
    w->ctx = st;
    rc = fm_wb_parse_part(w, name, false, styles_start, styles_end);
    w->ctx = NULL;
    return rc;
}

void fm_xlsx_styles_release(fm_xlsx_styles *st)
{
    free(st->fmts);
    free(st->xf_kind);
}

/* A serial day number (fraction = time of day) as YYYY-MM-DD[ HH:MM[:SS]], or HH:MM[:SS] alone. */
static void render_date(const fm_xlsx_styles *st, double x, bool time_only, char *out, size_t n)
{
    double whole = floor(x);
    long days = (long)whole, secs = lround((x - whole) * 86400.0);
    char d[11], tm[16] = "";
    fm_date base;

    if (secs >= 86400) {
        days++;
        secs -= 86400;
    }
    if (secs)
        snprintf(tm, sizeof tm, secs % 60 ? "%02ld:%02ld:%02ld" : "%02ld:%02ld", secs / 3600,
                 secs / 60 % 60, secs % 60);
    if (time_only || (days == 0 && !st->date1904)) { /* a time of day alone */
        snprintf(out, n, "%s", secs ? tm : "00:00");
        return;
    }
    if (st->date1904) {
        base = (fm_date){1904, 1, 1};
    } else if (days == 60) { /* Lotus 1-2-3's leap day, which Excel keeps */
        snprintf(out, n, "1900-02-29%s%s", secs ? " " : "", tm);
        return;
    } else {
        /* Serial 1 is 1900-01-01; after the fake 29 February the count is one ahead. */
        base = days < 60 ? (fm_date){1899, 12, 31} : (fm_date){1899, 12, 30};
    }
    fm_date_format(fm_date_from_days(fm_date_to_days(base) + days), d);
    snprintf(out, n, "%s%s%s", d, secs ? " " : "", tm);
}

/* A percentage renders as the percent: 62.5% is 0.625 in the cell; extent wants 62.5. */
void fm_xlsx_render_number(const fm_xlsx_styles *st, long style, const char *v, char *out, size_t n)
{
    char *end = NULL;
    double x = strtod(v, &end);
    unsigned char kind = style >= 0 && (size_t)style < st->nxf ? st->xf_kind[style] : FMT_NUMBER;

    if (kind == FMT_PERCENT)
        x *= 100.0;
    if (end == v || *end || !isfinite(x)) {
        snprintf(out, n, "%s", v);
    } else if ((kind == FMT_DATE || kind == FMT_TIME) && x >= 0 && x < 2958466.0) {
        /* 2958465 is 9999-12-31, Excel's last date */
        render_date(st, x, kind == FMT_TIME, out, n);
    } else {
        fm_wb_render_number(x, out, n);
    }
}
