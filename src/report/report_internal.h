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
} fm_rcell;

typedef struct fm_rshare {
    double v;
    bool shown; /* false: null (steering: group < 10 or a count behind it hidden; or undefined) */
} fm_rshare;

/*
 * The protection engine. Cells are registered (primary rule) and equations
 * say "these cells sum to a known relation" (a row with its total, a column
 * with its total, or two cells that show the same number). No equation may be
 * left with exactly one hidden cell: fm_supp_run hides one more, the smallest
 * positive shown cell of that equation, until nothing changes.
 */
typedef struct fm_supp {
    fm_rcell **cells;
    size_t ncells, capcells;
    fm_rcell ***eqs;
    size_t *eqlen;
    size_t neq, capeq;
} fm_supp;

fm_rc fm_supp_cell(fm_supp *s, fm_rcell *c);
fm_rc fm_supp_eq(fm_supp *s, fm_rcell *const *cells, size_t n);
/* Apply the primary rule to every registered cell, then secondary to a fixpoint. */
void fm_supp_run(fm_supp *s);
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

struct fm_report {
    bool steering;
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

/* Lay the report out as sections. OUT: *out (free with fm_report_sections_free), *n. */
fm_rc fm_report_sections(const fm_report *r, fm_section **out, size_t *n, fm_err *err);
void fm_report_sections_free(fm_section *v, size_t n);

/* Shortest "%.Ng" that reads back as d, with ".0" added to integral values. */
void fm_report_fmt_double(double d, char *buf, size_t size);

#endif
