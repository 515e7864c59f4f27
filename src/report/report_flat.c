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

#include "fairmatch/csv.h"
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

/*
 * A gender table; with labels (kind >= 0) a second column gives the
 * Swedish words for each row's code, so the download reads like the page.
 */
static fm_rc gtable_section(fm_section *s, const char *sheet, const char *title, const fm_gtable *t,
                            int kind)
{
    static const char *const head_l[] = {"",
                                         "benämning (label)",
                                         "kvinnor (woman)",
                                         "män (man)",
                                         "annat (other)",
                                         "totalt (total)",
                                         "andel kvinnor (women_share)"};
    size_t rows = 1 + t->n + (t->additive ? 1 : 0), off = kind >= 0 ? 1 : 0;
    if (grid_new(s, sheet, title, rows, 6 + off))
        return FM_ENOMEM;
    header(s, kind >= 0 ? head_l : gender_head);
    for (size_t i = 0; i <= t->n; i++) {
        const fm_rcell *c = i < t->n ? t->rows[i] : t->tot;
        const char *l = NULL;
        if (i == t->n && !t->additive)
            break;
        text(s, i + 1, 0, i < t->n ? t->keys[i] : "totalt (total)");
        if (kind >= 0 && i < t->n)
            l = fm_report_label_sv((fm_label_kind)kind, t->keys[i]);
        if (l)
            text(s, i + 1, 1, l);
        for (int k = 0; k < FM_G_COLS; k++)
            cnt(s, i + 1, (size_t)k + 1 + off, &c[k]);
        shr(s, i + 1, 5 + off, i < t->n ? t->ws[i] : t->tot_ws);
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

static fm_rc cumulative(const fm_report *r, fm_section *s)
{
    static const char *const h[] = {"månad (month)", "anställda totalt (hires)", "kvinnor (woman)",
                                    "andel kvinnor (women_share)"};
    if (grid_new(s, "Totalt per månad", "Anställda sedan start per månad (trend_cumulative)",
                 r->trend.n + 1, 4))
        return FM_ENOMEM;
    header(s, h);
    for (size_t i = 0; i < r->trend.n; i++) {
        text(s, i + 1, 0, r->trend.keys[i]);
        cnt(s, i + 1, 1, &r->cum[i][2]);
        cnt(s, i + 1, 2, &r->cum[i][0]);
        shr(s, i + 1, 3, r->cum_ws[i]);
    }
    return FM_OK;
}

static fm_rc target_group(const fm_report *r, fm_section *s)
{
    static const char *const h[] = {"månad (month)", "andel kvinnor, anställda (women_share)",
                                    "andel kvinnor, jämförelse (reference)", "källa (source)",
                                    "mål (women_target)"};
    if (grid_new(s, "Målgruppen", "Andel kvinnor mot målgruppen (target_group)", r->trend.n + 1, 5))
        return FM_ENOMEM;
    header(s, h);
    for (size_t i = 0; i < r->trend.n; i++) {
        text(s, i + 1, 0, r->trend.keys[i]);
        shr(s, i + 1, 1, r->trend.ws[i]);
        shr(s, i + 1, 2, r->ref_ws[i]);
        text(s, i + 1, 3,
             r->ref_agency[i] ? "Arbetsförmedlingen (agency)" : "urvalet i fairmatch (pool)");
        if (r->has_women_target)
            *at(s, i + 1, 4) = (fm_gcell){FM_GC_SHARE, NULL, 0, r->women_target};
    }
    return FM_OK;
}

static fm_rc dept_months(const fm_report *r, fm_section *s)
{
    static const char *const h[] = {"förvaltning (department)", "månad (month)",
                                    "anställda sedan start (hires)", "kvotens takt (pace)",
                                    "signal (light)"};
    size_t n = r->trend.n, row = 1;
    if (grid_new(s, "Förvaltningar per månad",
                 "Förvaltningar månad för månad mot kvotens takt (departments over time)",
                 r->ndept * n + 1, 5))
        return FM_ENOMEM;
    header(s, h);
    for (size_t d = 0; d < r->ndept; d++)
        for (size_t k = 0; k < n; k++, row++) {
            const char *light = fm_report_dept_light(r, d, k);
            text(s, row, 0, r->dm.keys[d]);
            text(s, row, 1, r->trend.keys[k]);
            cnt(s, row, 2, &r->dept_cum[d * n + k]);
            *at(s, row, 3) = (fm_gcell){FM_GC_NUMBER, NULL, 0, r->dept_pace[d * n + k]};
            if (light)
                text(s, row, 4,
                     !strcmp(light, "green")    ? "grön (green)"
                     : !strcmp(light, "yellow") ? "gul (yellow)"
                                                : "röd (red)");
        }
    return FM_OK;
}

static void span_row(const fm_report *r, fm_section *s, size_t row, const char *name,
                     const fm_forecast_span *f)
{
    const char *light = fm_report_forecast_light(f);
    (void)r;
    text(s, row, 0, name);
    text(s, row, 1, f->label);
    cnt(s, row, 2, &f->so_far);
    if (f->has_goal)
        integer(s, row, 3, f->goal);
    if (f->valid) {
        *at(s, row, 4) = (fm_gcell){FM_GC_NUMBER, NULL, 0, f->low};
        *at(s, row, 5) = (fm_gcell){FM_GC_NUMBER, NULL, 0, f->median};
        *at(s, row, 6) = (fm_gcell){FM_GC_NUMBER, NULL, 0, f->high};
    }
    if (f->valid && f->has_goal)
        *at(s, row, 7) = (fm_gcell){FM_GC_SHARE, NULL, 0, f->probability};
    if (light)
        text(s, row, 8,
             !strcmp(light, "green")    ? "grön (green)"
             : !strcmp(light, "yellow") ? "gul (yellow)"
                                        : "röd (red)");
}

static fm_rc forecast(const fm_report *r, fm_section *s)
{
    static const char *const h[] = {"",
                                    "till (to)",
                                    "hittills (so far)",
                                    "mål (goal)",
                                    "prognos låg 10 % (low)",
                                    "prognos median (median)",
                                    "prognos hög 90 % (high)",
                                    "sannolikhet att nå målet (probability)",
                                    "signal (light)"};
    const fm_forecast *f = &r->forecast;
    size_t row = 3;
    if (grid_new(s, "Prognos", "Prognos och vad målet kräver (forecast)", 5 + r->ndept, 9))
        return FM_ENOMEM;
    header(s, h);
    span_row(r, s, 1, "programmets slut (end)", &f->end);
    span_row(r, s, 2, "året (year)", &f->year);
    text(s, row, 0, "per mässa som återstår (per fair left)");
    text(s, row, 1, "mässor kvar (fairs left)");
    integer(s, row, 2, f->fairs_left);
    text(s, row, 3, "platser (places)");
    if (r->needed_shown)
        integer(s, row, 4, f->places_per_fair);
    text(s, row, 5, "inbjudningar (invitations)");
    if (r->needed_shown)
        integer(s, row, 6, f->invitations_per_fair);
    row++;
    text(s, row, 0, "förvaltning (department)");
    text(s, row, 2, "kvar till kvoten (remaining)");
    text(s, row++, 4, "platser per mässa (places per fair)");
    for (size_t d = 0; d < r->ndept; d++, row++) {
        text(s, row, 0, r->dm.keys[d]);
        if (!r->steering || r->dc.rows[d][FM_G_TOTAL].st == FM_CELL_SHOWN) {
            integer(s, row, 2, f->dept_remaining[d]);
            integer(s, row, 4, f->dept_places[d]);
        }
    }
    return FM_OK;
}

/* The report's gender tables in the order of the download, with their labels (-1: none). */
static fm_rc table_sections(const fm_report *r, fm_section *v, size_t *k)
{
    const struct {
        const char *sheet, *title;
        const fm_gtable *t;
        int kind;
    } tables[] = {
        {"Avslut", "Avslutade efter orsak (ended by reason)", &r->ended, FM_LABEL_REASON},
        {"Mässor", "Mässornas flöde (fair pipeline)", &r->pipeline, FM_LABEL_STAGE},
        {"Behörighet", "Anställda i månaden efter behörighet (hires by eligibility)",
         &r->eligibility, FM_LABEL_ELIGIBILITY},
        {"Yrke", "Anställda i månaden efter yrke (hires by occupation)", &r->occupation,
         FM_LABEL_SSYK},
        {"Förvaltning kön mån", "Förvaltningar efter kön, månaden (departments by gender, month)",
         &r->dm, -1},
        {"Förvaltning kön tot",
         "Förvaltningar efter kön, totalt (departments by gender, cumulative)", &r->dc, -1},
        {"Sysselsättningsgrad", "Anställda vid månadens slut efter omfattning (employed by extent)",
         &r->employed, FM_LABEL_EXTENT},
        {"Status 90 dagar", "Status 90 dagar efter avslut (status 90 days after)", &r->status90,
         FM_LABEL_STATUS},
        {"Uppföljning", "Uppföljning 3, 6, 12 månader i månaden (follow-up due)", &r->followup,
         FM_LABEL_MILESTONE},
    };
    fm_rc rc = FM_OK;

    for (size_t i = 0; i < sizeof tables / sizeof tables[0] && !rc; i++)
        rc = gtable_section(&v[(*k)++], tables[i].sheet, tables[i].title, tables[i].t,
                            tables[i].kind);
    return rc;
}

enum { NSECTIONS = 19 };

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
        rc = table_sections(r, v, &k);
    if (!rc)
        rc = fm_hired_people_section(r->people, &v[k++]);
    if (!rc)
        rc = fm_outcomes_section(r->outcomes, &v[k++]);
    if (!rc)
        rc = cumulative(r, &v[k++]);
    if (!rc)
        rc = target_group(r, &v[k++]);
    if (!rc)
        rc = dept_months(r, &v[k++]);
    if (!rc)
        rc = forecast(r, &v[k++]);
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

/* A cell's text as CSV; quoting and the formula guard are the one rule in fairmatch/csv.h. */
static fm_rc csv_text(fm_buf *b, const char *t)
{
    return fm_csv_put_cell(b, t, ';');
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
