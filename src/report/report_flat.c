/*
 * report_flat.c - the report laid out as titled tables (sections) for the
 * spreadsheet renderings, and the CSV writer for Swedish Excel: ';', UTF-8
 * BOM, CRLF, shares as percentages with one decimal and a decimal comma,
 * and no cell that a spreadsheet would run as a formula. XLSX is
 * report_xlsx.c; both show the same numbers as the JSON.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "outcomes_internal.h"
#include "report_internal.h"

typedef struct grid {
    fm_section *sec;
    size_t row;
} grid;

static fm_rc grid_new(fm_section *sec, const char *sheet, const char *title, size_t nrows,
                      size_t ncols)
{
    sec->sheet = sheet;
    sec->title = title;
    sec->nrows = nrows;
    sec->ncols = ncols;
    sec->cells = calloc(nrows * ncols + 1, sizeof *sec->cells);
    return sec->cells ? FM_OK : FM_ENOMEM;
}

static fm_gcell *at(fm_section *s, size_t r, size_t c)
{
    return &s->cells[r * s->ncols + c];
}

static void text(fm_section *s, size_t r, size_t c, const char *t)
{
    *at(s, r, c) = (fm_gcell){FM_GC_TEXT, t, 0, 0.0};
}

static void integer(fm_section *s, size_t r, size_t c, long long v)
{
    *at(s, r, c) = (fm_gcell){FM_GC_INT, NULL, v, 0.0};
}

static void cnt(fm_section *s, size_t r, size_t c, const fm_rcell *v)
{
    if (v->st == FM_CELL_SMALL)
        *at(s, r, c) = (fm_gcell){FM_GC_SMALL, "<5", 0, 0.0};
    else if (v->st == FM_CELL_HIDDEN)
        *at(s, r, c) = (fm_gcell){FM_GC_HIDDEN, "..", 0, 0.0};
    else
        integer(s, r, c, v->v);
}

static void shr(fm_section *s, size_t r, size_t c, fm_rshare v)
{
    if (v.shown)
        *at(s, r, c) = (fm_gcell){FM_GC_SHARE, NULL, 0, v.v};
}

static void header(fm_section *s, const char *const *h)
{
    for (size_t c = 0; c < s->ncols; c++)
        text(s, 0, c, h[c]);
}

static const char *const gender_head[] = {"",
                                          "kvinnor (woman)",
                                          "män (man)",
                                          "annat (other)",
                                          "totalt (total)",
                                          "andel kvinnor (women_share)"};

static fm_rc gtable_section(fm_section *s, const char *sheet, const char *title, const fm_gtable *t)
{
    size_t rows = 1 + t->n + (t->additive ? 1 : 0);
    if (grid_new(s, sheet, title, rows, 6))
        return FM_ENOMEM;
    header(s, gender_head);
    for (size_t i = 0; i <= t->n; i++) {
        const fm_rcell *c = i < t->n ? t->rows[i] : t->tot;
        if (i == t->n && !t->additive)
            break;
        text(s, i + 1, 0, i < t->n ? t->keys[i] : "totalt (total)");
        for (int k = 0; k < FM_G_COLS; k++)
            cnt(s, i + 1, (size_t)k + 1, &c[k]);
        shr(s, i + 1, 5, i < t->n ? t->ws[i] : t->tot_ws);
    }
    return FM_OK;
}

static fm_rc overview(const fm_report *r, fm_section *s)
{
    static const char *const h[] = {"", "värde (value)"};
    if (grid_new(s, "Översikt", "Extratjänster: översikt (overview)", 11, 2))
        return FM_ENOMEM;
    header(s, h);
    text(s, 1, 0, "månad (month)");
    text(s, 1, 1, r->month);
    text(s, 2, 0, "mål (goal)");
    integer(s, 2, 1, r->prog.goal);
    text(s, 3, 0, "start");
    text(s, 3, 1, r->prog.start);
    text(s, 4, 0, "slut (end)");
    text(s, 4, 1, r->prog.end);
    text(s, 5, 0, "anställda i månaden (hires month)");
    cnt(s, 5, 1, &r->dm.tot[FM_G_TOTAL]);
    text(s, 6, 0, "anställda totalt (hires cumulative)");
    cnt(s, 6, 1, &r->dc.tot[FM_G_TOTAL]);
    text(s, 7, 0, "andel av målet (share_of_goal)");
    shr(s, 7, 1, r->share_of_goal);
    text(s, 8, 0, "månader kvar (months_left)");
    integer(s, 8, 1, r->months_left);
    text(s, 9, 0, "behövs per månad (needed_per_month)");
    if (r->needed_shown)
        *at(s, 9, 1) = (fm_gcell){FM_GC_NUMBER, NULL, 0, r->needed};
    text(s, 10, 0, "skydd (protection)");
    text(s, 10, 1, r->steering ? "steering" : "none");
    return FM_OK;
}

static fm_rc gender(const fm_report *r, fm_section *s)
{
    static const char *const h[] = {"", "kvinnor (woman)", "män (man)", "annat (other)",
                                    "andel kvinnor (women_share)"};
    if (grid_new(s, "Kön", "Kön (gender)", 4, 5))
        return FM_ENOMEM;
    header(s, h);
    for (size_t i = 0; i < 2; i++) {
        const fm_gtable *t = i ? &r->dc : &r->dm;
        text(s, i + 1, 0, i ? "totalt (cumulative)" : "månaden (month)");
        for (int k = 0; k < 3; k++)
            cnt(s, i + 1, (size_t)k + 1, &t->tot[k]);
        shr(s, i + 1, 4, t->tot_ws);
    }
    text(s, 3, 0, "målgruppen (pool)");
    shr(s, 3, 4, r->pool_ws);
    return FM_OK;
}

static fm_rc departments(const fm_report *r, fm_section *s)
{
    static const char *const h[] = {"id",
                                    "förvaltning (name)",
                                    "anställda (employees)",
                                    "kvot (quota)",
                                    "månaden (hires_month)",
                                    "totalt (hires_cumulative)",
                                    "andel av kvot (share_of_quota)",
                                    "andel kvinnor (women_share)"};
    if (grid_new(s, "Förvaltningar", "Förvaltningar (departments)", r->ndept + 1, 8))
        return FM_ENOMEM;
    header(s, h);
    for (size_t i = 0; i < r->ndept; i++) {
        text(s, i + 1, 0, r->dm.keys[i]);
        text(s, i + 1, 1, r->dept_name[i]);
        integer(s, i + 1, 2, r->employees[i]);
        integer(s, i + 1, 3, r->quota[i]);
        cnt(s, i + 1, 4, &r->dm.rows[i][FM_G_TOTAL]);
        cnt(s, i + 1, 5, &r->dc.rows[i][FM_G_TOTAL]);
        shr(s, i + 1, 6, r->share_of_quota[i]);
        shr(s, i + 1, 7, r->dc.ws[i]);
    }
    return FM_OK;
}

static fm_rc trend(const fm_report *r, fm_section *s)
{
    static const char *const h[] = {"månad (month)",   "anställda (hires)",
                                    "kvinnor (woman)", "män (man)",
                                    "annat (other)",   "andel kvinnor (women_share)"};
    if (grid_new(s, "Trend", "Trend", r->trend.n + 1, 6))
        return FM_ENOMEM;
    header(s, h);
    for (size_t i = 0; i < r->trend.n; i++) {
        text(s, i + 1, 0, r->trend.keys[i]);
        cnt(s, i + 1, 1, &r->trend.rows[i][FM_G_TOTAL]);
        for (int k = 0; k < 3; k++)
            cnt(s, i + 1, (size_t)k + 2, &r->trend.rows[i][k]);
        shr(s, i + 1, 5, r->trend.ws[i]);
    }
    return FM_OK;
}

enum { NSECTIONS = 15 };

fm_rc fm_report_sections(const fm_report *r, fm_section **out, size_t *n, fm_err *err)
{
    fm_section *v = calloc(NSECTIONS, sizeof *v);
    fm_rc rc = FM_OK;
    size_t k = 0;

    *out = NULL;
    *n = 0;
    if (!v)
        return fm_err_set(err, FM_ENOMEM, "report: out of memory");
    rc = overview(r, &v[k++]);
    if (!rc)
        rc = gender(r, &v[k++]);
    if (!rc)
        rc = departments(r, &v[k++]);
    if (!rc)
        rc = trend(r, &v[k++]);
    if (!rc)
        rc =
            gtable_section(&v[k++], "Avslut", "Avslutade efter orsak (ended by reason)", &r->ended);
    if (!rc)
        rc = gtable_section(&v[k++], "Mässor", "Mässornas flöde (fair pipeline)", &r->pipeline);
    if (!rc)
        rc = gtable_section(&v[k++], "Behörighet",
                            "Anställda i månaden efter behörighet (hires by eligibility)",
                            &r->eligibility);
    if (!rc)
        rc = gtable_section(&v[k++], "Yrke", "Anställda i månaden efter yrke (hires by occupation)",
                            &r->occupation);
    if (!rc)
        rc = gtable_section(&v[k++], "Förvaltning kön mån",
                            "Förvaltningar efter kön, månaden (departments by gender, month)",
                            &r->dm);
    if (!rc)
        rc = gtable_section(&v[k++], "Förvaltning kön tot",
                            "Förvaltningar efter kön, totalt (departments by gender, cumulative)",
                            &r->dc);
    if (!rc)
        rc = gtable_section(&v[k++], "Sysselsättningsgrad",
                            "Anställda vid månadens slut efter omfattning (employed by extent)",
                            &r->employed);
    if (!rc)
        rc = gtable_section(&v[k++], "Status 90 dagar",
                            "Status 90 dagar efter avslut (status 90 days after)", &r->status90);
    if (!rc)
        rc = gtable_section(&v[k++], "Uppföljning",
                            "Uppföljning 3, 6, 12 månader i månaden (follow-up due)", &r->followup);
    if (!rc)
        rc = fm_hired_people_section(r->people, &v[k++]);
    if (!rc)
        rc = fm_outcomes_section(r->outcomes, &v[k++]);
    if (rc) {
        fm_report_sections_free(v, k);
        return fm_err_set(err, FM_ENOMEM, "report: out of memory");
    }
    *out = v;
    *n = k;
    return FM_OK;
}

void fm_report_sections_free(fm_section *v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        free(v[i].cells);
    free(v);
}

/* A cell's text as CSV: quoted when needed, with a ' before anything a spreadsheet would run. */
static fm_rc csv_text(fm_buf *b, const char *t)
{
    bool quote = strpbrk(t, ";\"\r\n") != NULL;
    bool guard =
        t[0] == '=' || t[0] == '+' || t[0] == '-' || t[0] == '@' || t[0] == '\t' || t[0] == '\r';
    fm_rc rc = FM_OK;
    if (quote)
        rc = fm_buf_addch(b, '"');
    if (!rc && guard)
        rc = fm_buf_addch(b, '\'');
    for (const char *p = t; !rc && *p; p++) {
        if (*p == '"')
            rc = fm_buf_addch(b, '"');
        if (!rc)
            rc = fm_buf_addch(b, *p);
    }
    if (!rc && quote)
        rc = fm_buf_addch(b, '"');
    return rc;
}

/* "87,4%": one decimal, decimal comma as Swedish Excel reads it. */
static fm_rc csv_share(fm_buf *b, double d)
{
    char tmp[48];
    char *comma;
    snprintf(tmp, sizeof tmp, "%.1f%%", d * 100.0);
    comma = strchr(tmp, '.');
    if (comma)
        *comma = ',';
    return fm_buf_adds(b, tmp);
}

static fm_rc csv_cell(fm_buf *b, const fm_gcell *c)
{
    char tmp[48];
    switch (c->kind) {
    case FM_GC_TEXT:
    case FM_GC_SMALL:
    case FM_GC_HIDDEN:
        return csv_text(b, c->text);
    case FM_GC_INT:
        return fm_buf_addf(b, "%lld", c->i);
    case FM_GC_SHARE:
        return csv_share(b, c->d);
    case FM_GC_NUMBER: {
        char *dot;
        snprintf(tmp, sizeof tmp, "%.1f", c->d);
        dot = strchr(tmp, '.');
        if (dot)
            *dot = ',';
        return fm_buf_adds(b, tmp);
    }
    default:
        return FM_OK;
    }
}

fm_rc fm_report_to_csv(const fm_report *r, char **out, size_t *len, fm_err *err)
{
    fm_section *secs = NULL;
    fm_buf b = FM_BUF_INIT;
    size_t n = 0;
    fm_rc rc;

    *out = NULL;
    *len = 0;
    rc = fm_report_sections(r, &secs, &n, err);
    if (rc)
        return rc;
    rc = fm_buf_adds(&b, "\xEF\xBB\xBF");
    for (size_t i = 0; i < n && !rc; i++) {
        const fm_section *s = &secs[i];
        if (i)
            rc = fm_buf_adds(&b, "\r\n");
        if (!rc)
            rc = csv_text(&b, s->title);
        if (!rc)
            rc = fm_buf_adds(&b, "\r\n");
        for (size_t row = 0; row < s->nrows && !rc; row++) {
            for (size_t col = 0; col < s->ncols && !rc; col++) {
                if (col)
                    rc = fm_buf_addch(&b, ';');
                if (!rc)
                    rc = csv_cell(&b, &s->cells[row * s->ncols + col]);
            }
            if (!rc)
                rc = fm_buf_adds(&b, "\r\n");
        }
    }
    fm_report_sections_free(secs, n);
    if (rc) {
        fm_buf_release(&b);
        return fm_err_set(err, FM_ENOMEM, "report: out of memory");
    }
    *out = fm_buf_detach(&b, len);
    return FM_OK;
}
