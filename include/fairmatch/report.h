/*
 * fairmatch/report.h - the steering group's monthly report
 * (shared/spec/reports.md) and the department quota listing and planner.
 *
 * fm_report_build reads the database once into an opaque fm_report; the
 * fm_report_to_* writers render it as JSON (the reference), CSV (Swedish
 * Excel: ';', UTF-8 BOM, CRLF) or XLSX (one sheet per section, a line chart
 * of the trend). With opts->steering every count about people from 1 to 4
 * reads "<5", more cells are hidden until no such count can be worked out
 * from the report's equations, the headline (hires of the month and since
 * the start, and their women's share) is never hidden where 10 or more
 * hires lie behind it and neither the women nor the rest number 1-4, and a
 * share is shown only for a group of 10 or more (docs/reports.md).
 *
 * Threads: a built report is immutable; writers may run from any thread.
 * Building uses the fm_store, which one thread uses at a time.
 */
#ifndef FAIRMATCH_REPORT_H
#define FAIRMATCH_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "fairmatch/date.h"
#include "fairmatch/err.h"
#include "fairmatch/store.h"

typedef struct fm_report fm_report;

typedef struct fm_report_opts {
    bool steering; /* protect small counts (the steering role); false: exact figures */
} fm_report_opts;

/*
 * Build the report of month (its day is ignored). opts may be NULL (exact
 * figures). OUT: *out (free with fm_report_free).
 * Returns FM_OK; FM_ENOTFOUND when no programme is set (err says so);
 * FM_EINVAL for a month outside 0001-9999; FM_EDB; FM_ENOMEM.
 */
fm_rc fm_report_build(fm_store *s, fm_date month, const fm_report_opts *opts, fm_report **out,
                      fm_err *err);

/* Free a report. NULL-safe. */
void fm_report_free(fm_report *r);

/*
 * Render r. OUT: *out (heap, caller frees with free(); JSON and CSV are
 * NUL-terminated, XLSX is binary), *len its length in bytes.
 * Returns FM_OK, FM_ENOMEM, FM_EIO (XLSX: the temporary file failed).
 */
fm_rc fm_report_to_json(const fm_report *r, char **out, size_t *len, fm_err *err);
fm_rc fm_report_to_csv(const fm_report *r, char **out, size_t *len, fm_err *err);
fm_rc fm_report_to_xlsx(const fm_report *r, char **out, size_t *len, fm_err *err);

/* true when the programme's departments all have 0 employees (every quota is 0). */
bool fm_report_quota_all_zero(const fm_report *r);

/* One department in the quota listing. */
typedef struct fm_quota_row {
    char *id;
    char *name;
    long long employees;
    long long quota;     /* Hamilton share of the goal (fairmatch/quota.h) */
    long long hired;     /* hires decided from the programme start up to as_of */
    long long remaining; /* max(0, quota - hired) */
    double share;        /* hired / quota; meaningless when !has_share */
    bool has_share;      /* false when the quota is 0 (JSON null) */
    long long places;    /* planner only: places to bring to the fair */
    int st_hired;        /* steering: 0 shown, 1 "<5", 2 hidden */
} fm_quota_row;

typedef struct fm_quota_table {
    long long goal;
    char start[11], end[11];
    char as_of[11];   /* hires counted up to and including this day */
    bool all_zero;    /* every department has 0 employees: all quotas are 0 */
    bool steering;    /* small counts protected */
    bool plan;        /* built by fm_quota_plan_build */
    char fair_id[64]; /* plan: the fair */
    char fair_date[11];
    long long fairs_left; /* plan: fairs on or after the fair's date up to the programme end */
    long long spread;     /* plan: what remaining was divided by (fairs_left, or months) */
    size_t n;
    fm_quota_row *rows; /* sorted by id byte by byte */
} fm_quota_table;

/*
 * Every department with its quota and hires decided from the programme start
 * up to as_of (inclusive). steering protects `hired` like the report does.
 * OUT: *out (free with fm_quota_table_free). Returns FM_OK, FM_ENOTFOUND (no
 * programme), FM_EDB, FM_ENOMEM.
 */
fm_rc fm_quota_table_build(fm_store *s, fm_date as_of, bool steering, fm_quota_table **out,
                           fm_err *err);

/*
 * The planner for fair fair_id: hired counts hires decided before the fair's
 * date; places = ceil(remaining / spread), where spread is the number of
 * fairs dated on or after this fair's date up to the programme end (this one
 * included), or, when that is 0 (a fair after the end), the months left
 * after the fair's month up to the end month, at least 1.
 * OUT: *out. Returns FM_OK, FM_ENOTFOUND (no programme or no such fair),
 * FM_EDB, FM_ENOMEM.
 */
fm_rc fm_quota_plan_build(fm_store *s, const char *fair_id, fm_quota_table **out, fm_err *err);

void fm_quota_table_free(fm_quota_table *t);

/*
 * Render a quota table: JSON (an array of objects id, name, employees,
 * quota, hired, remaining, share_of_quota[, places]), CSV (as the report's)
 * or an aligned text table. OUT: *out (caller frees), *len.
 * Returns FM_OK, FM_ENOMEM.
 */
fm_rc fm_quota_table_to_json(const fm_quota_table *t, char **out, size_t *len, fm_err *err);
fm_rc fm_quota_table_to_csv(const fm_quota_table *t, char **out, size_t *len, fm_err *err);
fm_rc fm_quota_table_to_text(const fm_quota_table *t, char **out, size_t *len, fm_err *err);

#endif
