/*
 * report_internal.h - the report model shared by the builder and the JSON,
 * CSV and XLSX writers, and the small-count protection engine. Never
 * included outside src/report/ (and the unit tests, which build tables to
 * leak).
 */
#ifndef FAIRMATCH_REPORT_INTERNAL_H
#define FAIRMATCH_REPORT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "fairmatch/buf.h"
#include "fairmatch/report.h"
#include "fairmatch/report_repo.h"

/* How a count about people is shown. */
enum { FM_CELL_SHOWN = 0, FM_CELL_SMALL = 1 /* 1-4: "<5" */, FM_CELL_HIDDEN = 2 /* secondary */ };

typedef struct fm_rcell {
    long long v;
    int st;
    bool pin;  /* the headline: never hidden by secondary protection */
    bool virt; /* never published, but a reader can relate it to others (man + other) */
    size_t id; /* set by fm_supp_cell: 1 + its index */
} fm_rcell;

typedef struct fm_rshare {
    double v;
    bool shown; /* false: null (steering: group < 10 or a count behind it hidden; or undefined) */
} fm_rshare;

/*
 * The protection engine. Cells are registered (primary rule) and equations
 * say "the first n - 1 cells sum to the last" (a row with its total, a column
 * with its total, two cells that show the same number, a running total). A
 * reader knows every shown cell and every equation; fm_supp_run hides more
 * cells until no cell whose count is 1-4 (shown "<5", or a virtual cell) is
 * determined by that linear system, then shows again every secondary cell the
 * system determines anyway. Pinned cells are never hidden (docs/reports.md).
 */
typedef struct fm_supp {
    fm_rcell **cells;
    size_t ncells, capcells;
    fm_rcell ***eqs;
    size_t *eqlen;
    size_t neq, capeq, capeqlen; /* eqs and eqlen grow apart: one capacity each */
    size_t unresolved; /* after fm_supp_run: 1-4 cells left determined that hiding could not help */
    size_t implied;    /* 1-4 cells the pinned headline (with the zeros) gives away by itself */
} fm_supp;

/* Register c (borrowed; it must outlive s). A virtual cell starts unknown. */
fm_rc fm_supp_cell(fm_supp *s, fm_rcell *c);
/* cells[0] + ... + cells[n-2] = cells[n-1]; every cell registered first. */
fm_rc fm_supp_eq(fm_supp *s, fm_rcell *const *cells, size_t n);
/* Apply the primary rule, then secondary to a fixpoint. FM_ENOMEM leaves cells unprotected. */
fm_rc fm_supp_run(fm_supp *s);
/*
 * Which unknown cells the shown cells and the equations determine. OUT:
 * det[i] for s->cells[i] (caller's array of s->ncells; false for shown
 * cells). Returns FM_OK, FM_ENOMEM.
 */
fm_rc fm_supp_determined(const fm_supp *s, bool *det);
void fm_supp_release(fm_supp *s);
/* A share num/den (0 when den is 0), shown when !steering, or den >= 10 and num, den shown. */
fm_rshare fm_supp_share(const fm_rcell *num, const fm_rcell *den, bool steering);

/* Columns of a gender table. */
enum { FM_G_WOMAN = 0, FM_G_MAN, FM_G_OTHER, FM_G_TOTAL, FM_G_COLS };

/* A table of people by category (rows) and gender (columns woman, man, other, total). */
typedef struct fm_gtable {
    size_t n;
    char **keys;
    fm_rcell (*rows)[FM_G_COLS];
    fm_rcell tot[FM_G_COLS]; /* column sums (shown only when additive) */
    fm_rshare *ws;           /* women's share of each row */
    fm_rshare tot_ws;
    bool additive; /* rows are disjoint, so the total row is shown and is an equation */
} fm_gtable;

/* The column of gender g ("woman", "man", anything else is other). */
int fm_gtable_gender_col(const char *g);
/* Allocate n zero rows named keys (copied). Returns FM_OK, FM_ENOMEM (release t either way). */
fm_rc fm_gtable_alloc(fm_gtable *t, const char *const *keys, size_t n, bool additive);
/*
 * A table from grouped rows (key[0] category, key[1] gender). Categories come
 * in `order`; with all_order every one of them is a row even at 0, else only
 * those with people. Categories outside `order` follow, sorted. Returns
 * FM_OK, FM_ENOMEM.
 */
fm_rc fm_gtable_from_rows(fm_gtable *t, const fm_rr_row *rows, size_t nrows,
                          const char *const *order, size_t norder, bool all_order, bool additive);
/* The row index of key k, or -1. */
long fm_gtable_find(const fm_gtable *t, const char *k);
/* Row totals and column sums. */
void fm_gtable_sum(fm_gtable *t);
/* Register the cells and the row (and, when additive, column) equations with s. */
fm_rc fm_gtable_protect(fm_supp *s, fm_gtable *t);
/* Women's share of each row and of the total, after protection. */
void fm_gtable_shares(fm_gtable *t, bool steering);
/* Free the rows and keys; t is zeroed (NULL-safe on a zeroed table). */
void fm_gtable_release(fm_gtable *t);

/* A projection of hires to a point (the programme's end, or a year's end). */
typedef struct fm_forecast_span {
    bool valid;
    char label[8];            /* "2018-12" (end month) or "2018" (year) */
    fm_rcell so_far;          /* hires counted toward it up to the report month */
    int months;               /* months projected */
    double low, median, high; /* 10th, 50th, 90th percentile of the projected total */
    long long goal;
    bool has_goal;
    double probability; /* share of draws reaching the goal */
} fm_forecast_span;

/* The forecast and what the goal needs (forecast.c; docs/reports.md states the method). */
typedef struct fm_forecast {
    bool valid;  /* at least FM_FORECAST_MIN_HISTORY months of history */
    int history; /* months drawn from */
    int draws;
    fm_forecast_span end, year;
    long long fairs_left;    /* fairs dated after the report month, up to the end */
    double invited_per_hire; /* invited / hired at the programme's fairs so far (0: none) */
    long long needed;        /* max(0, goal - cumulative) */
    long long places_per_fair, invitations_per_fair; /* over fairs_left, else per month left */
    long long *dept_remaining, *dept_places;         /* by department, quota order */
} fm_forecast;

enum { FM_FORECAST_MIN_HISTORY = 3, FM_FORECAST_WINDOW = 12, FM_FORECAST_DRAWS = 4000 };

/* Build r->forecast from the exact trend (before protection). Returns FM_OK, FM_ENOMEM, FM_EDB. */
fm_rc fm_report_forecast_build(fm_report *r, fm_store *s, fm_err *err);

/* "green" (the 10th percentile reaches the goal), "red" (the 90th does not), "yellow", or NULL. */
const char *fm_report_forecast_light(const fm_forecast_span *f);

struct fm_report {
    bool steering;
    size_t unresolved, implied; /* the protection engine's fm_supp counts (tests read them) */
    char month[8];
    fm_rr_programme prog;
    bool quota_all_zero;
    /* departments: dm (hires of the month) and dc (cumulative) by gender; rows in id order */
    size_t ndept;
    char **dept_name;
    long long *employees, *quota;
    fm_rshare *share_of_quota;
    fm_gtable dm, dc;
    fm_rshare share_of_goal;
    int months_left;
    double needed;
    bool needed_shown;
    fm_rshare pool_ws;
    fm_gtable trend;
    /*
     * The headline's gender split as a reader can use it: rest = man + other
     * (virtual, never published; docs/reports.md), for the month, since the
     * start and for each trend row.
     */
    fm_rcell rest_m, rest_c;
    fm_rcell *trend_rest;
    /* Since the start to each trend month's end: woman, rest (virtual), total. */
    fm_rcell (*cum)[3];
    fm_rshare *cum_ws;
    /*
     * What each trend month's women's share of hires is compared with: the
     * agency's target group where a figure was imported (ref_agency), else
     * the pool of that month; and the programme's own target, if set.
     */
    fm_rshare *ref_ws;
    bool *ref_agency;
    double women_target;
    bool has_women_target;
    /*
     * Departments over time: dept_cum[d * trend.n + k] = department d's
     * hires since the start to trend month k's end; dept_step the month's
     * own hires (virtual: cum minus the month before); dept_pace the quota
     * spread evenly over the programme's months, to month k.
     */
    fm_rcell *dept_cum, *dept_step;
    double *dept_pace;
    fm_forecast forecast;
    fm_rcell people_diff[2][FM_G_COLS]; /* hires minus people hired (virtual): month, since start */
    fm_gtable ended, pipeline, eligibility, occupation, employed, status90, followup;
    struct fm_outcomes *outcomes;   /* seed 002's outcome table, programme start to month end */
    struct fm_hired_people *people; /* distinct people hired, month and cumulative */
};

/* One section of the flat renderings (CSV, XLSX): a title and a grid of cells. */
typedef enum fm_gcell_kind {
    FM_GC_EMPTY = 0,
    FM_GC_TEXT,
    FM_GC_INT,
    FM_GC_SHARE,  /* a fraction, rendered as a percentage with one decimal */
    FM_GC_NUMBER, /* a plain double */
    FM_GC_SMALL,  /* "<5" */
    FM_GC_HIDDEN  /* ".." */
} fm_gcell_kind;

typedef struct fm_gcell {
    fm_gcell_kind kind;
    const char *text; /* borrowed from the report or a literal */
    long long i;
    double d;
} fm_gcell;

typedef struct fm_section {
    const char *sheet; /* sheet name, <= 31 chars, no []:*?/\ */
    const char *title;
    size_t nrows, ncols;
    fm_gcell *cells; /* nrows * ncols, row-major; row 0 is the header */
} fm_section;

/*
 * Small-count protection of a built report (report_protect.c): register its
 * cells and how its tables tie together, run the engine when steering, then
 * set every share from what stays shown. Returns FM_OK, FM_ENOMEM.
 */
fm_rc fm_report_protect(fm_report *r);

/* The traffic light of department d in trend month k: "green", "yellow", "red", NULL (hidden). */
const char *fm_report_dept_light(const fm_report *r, size_t d, size_t k);

/* Which list of codes a label comes from. */
typedef enum fm_label_kind {
    FM_LABEL_REASON = 0,
    FM_LABEL_STATUS,
    FM_LABEL_ELIGIBILITY,
    FM_LABEL_EXTENT,
    FM_LABEL_STAGE,
    FM_LABEL_MILESTONE,
    FM_LABEL_SSYK
} fm_label_kind;

/* The Swedish words for code (a static string), or NULL when there are none. */
const char *fm_report_label_sv(fm_label_kind kind, const char *code);

/* Lay the report out as sections. OUT: *out (free with fm_report_sections_free), *n. */
fm_rc fm_report_sections(const fm_report *r, fm_section **out, size_t *n, fm_err *err);
void fm_report_sections_free(fm_section *v, size_t n);

/* Shortest "%.Ng" that reads back as d, with ".0" added to integral values. */
void fm_report_fmt_double(double d, char *buf, size_t size);

/*
 * j printed (pretty) as *out with a final newline, *len its length; takes
 * j (deleted, NULL-safe: NULL means a render that failed). The report
 * renderings' one JSON tail (report_json.c). FM_OK or FM_ENOMEM "WHAT: ...".
 */
struct cJSON;
fm_rc fm_report_json_text(struct cJSON *j, const char *what, char **out, size_t *len, fm_err *err);

#endif
