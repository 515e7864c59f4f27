/*
 * fairmatch/report_repo.h - the aggregate queries behind the monthly report
 * and the quota listing, returned as plain structs so that the report layer
 * never sees SQLite. Every count is grouped inside the store (in SQL, or in
 * C by src/store/report_people.c); no person-level row leaves the store
 * through this header.
 *
 * Dates are "YYYY-MM-DD" strings, compared as text (the schema's format).
 * Threads: one fm_store, one thread at a time.
 */
#ifndef FAIRMATCH_REPORT_REPO_H
#define FAIRMATCH_REPORT_REPO_H

#include <stdbool.h>
#include <stddef.h>

#include "fairmatch/err.h"
#include "fairmatch/store.h"

/* The programme row, if set. */
typedef struct fm_rr_programme {
    long long goal;
    char start[11]; /* "YYYY-MM-DD" */
    char end[11];
} fm_rr_programme;

/* One department as the report lists it. */
typedef struct fm_rr_department {
    char *id;
    char *name;
    long long employees;
} fm_rr_department;

/* One grouped row: up to FM_RR_KEYS text keys (NULL keys become "") and a count. */
enum { FM_RR_KEYS = 4 };
typedef struct fm_rr_row {
    char *key[FM_RR_KEYS];
    long long n;
} fm_rr_row;

/*
 * The grouped queries. Parameters: from and to bound a date range
 * (inclusive); start is the programme start (only FM_RQ_HIRES uses it).
 */
typedef enum fm_rr_query {
    /* hires decided in [from,to]: month "YYYY-MM", department id, gender, "1" if on/after start */
    FM_RQ_HIRES = 0,
    /* the pool of month [from,to]: gender (registered <= to or unknown, no hire before from) */
    FM_RQ_POOL,
    /* employments ended in [from,to]: end_reason ("unknown" when NULL), gender */
    FM_RQ_ENDED,
    /* hires decided in [from,to]: eligibility ("unknown" when NULL), gender */
    FM_RQ_ELIGIBILITY,
    /* hires decided in [from,to]: position occupation ("unknown" when none), gender */
    FM_RQ_OCCUPATION,
    /* people employed on day `to`: largest extent band "50"/"75"/"100"/"unknown", gender */
    FM_RQ_EMPLOYED,
    /* employments whose end_date + 90 days lies in [from,to]: status_90 ("not_recorded"), gender */
    FM_RQ_STATUS90,
    /* employments reaching 3/6/12 months (from start, else decision) in [from,to] still open */
    FM_RQ_FOLLOWUP,
    /* fairs dated in [from,to]: stage, gender; distinct people per stage */
    FM_RQ_PIPELINE,
    FM_RQ_COUNT
} fm_rr_query;

/*
 * Read the programme. OUT: *out, *found (false when no programme is set;
 * *out is then zeroed). Returns FM_OK, FM_EDB.
 */
fm_rc fm_store_report_programme(fm_store *s, fm_rr_programme *out, bool *found, fm_err *err);

/*
 * Every department with id, name and employees, sorted by id byte by byte.
 * OUT: *out (caller frees with fm_rr_department_list_free; NULL when *n is
 * 0), *n. Returns FM_OK, FM_EDB, FM_ENOMEM.
 */
fm_rc fm_store_report_departments(fm_store *s, fm_rr_department **out, size_t *n, fm_err *err);

/* Free n departments and the array. NULL-safe. */
void fm_rr_department_list_free(fm_rr_department *v, size_t n);

/*
 * Run grouped query q over [from,to] (start: see fm_rr_query; may be NULL
 * for the others). OUT: *out (caller frees with fm_rr_row_list_free; NULL
 * when *n is 0), *n. Returns FM_OK, FM_EINVAL (bad q), FM_EDB, FM_ENOMEM.
 */
fm_rc fm_store_report_rows(fm_store *s, fm_rr_query q, const char *from, const char *to,
                           const char *start, fm_rr_row **out, size_t *n, fm_err *err);

/* Free n rows and the array. NULL-safe. */
void fm_rr_row_list_free(fm_rr_row *v, size_t n);

/* One department's quota and hires (fm_store_report_quotas). */
typedef struct fm_rr_quota {
    char *id;
    char *name;
    long long employees;
    long long quota; /* its part of the programme goal, by employees */
    long long hired; /* decided from the programme start up to upto */
} fm_rr_quota;

/*
 * Every department (sorted by id) with its quota - the programme goal split
 * by employees with fm_quota_hamilton - and its hires decided from the
 * programme start up to and including upto ("YYYY-MM-DD"). The one source
 * of the quota table (`fairmatch quota`) and of an exported instance's
 * quota and hired. *found is false, and nothing is allocated, when no
 * programme is set.
 * OUT: *prog, *out (caller frees with fm_rr_quota_list_free; NULL when *n
 * is 0), *n, *all_zero (may be NULL: every department has 0 employees).
 * Returns FM_OK, FM_EDB, FM_ENOMEM.
 */
fm_rc fm_store_report_quotas(fm_store *s, const char *upto, fm_rr_programme *prog, bool *found,
                             fm_rr_quota **out, size_t *n, bool *all_zero, fm_err *err);

/* Free n quota rows and the array. NULL-safe. */
void fm_rr_quota_list_free(fm_rr_quota *v, size_t n);

/*
 * The report's costly person-level counts, computed together from one read
 * of every seeker's gender (much cheaper than a join per row): hires as
 * FM_RQ_HIRES over [hfrom,to] with start; the pool, people employed and the
 * fair pipeline as FM_RQ_POOL, FM_RQ_EMPLOYED and FM_RQ_PIPELINE over
 * [from,to]. Same rows as those
 * queries give (row order may differ).
 */
typedef struct fm_rr_people {
    fm_rr_row *hires;
    size_t nhires;
    fm_rr_row *pool;
    size_t npool;
    fm_rr_row *employed;
    size_t nemployed;
    fm_rr_row *pipeline;
    size_t npipeline;
} fm_rr_people;

/*
 * Fill *out (see fm_rr_people; free with fm_rr_people_free, also on error).
 * Returns FM_OK, FM_EDB, FM_ENOMEM.
 */
fm_rc fm_store_report_people(fm_store *s, const char *hfrom, const char *from, const char *to,
                             const char *start, fm_rr_people *out, fm_err *err);

/* Free the rows of *p and zero it. NULL-safe. */
void fm_rr_people_free(fm_rr_people *p);

/*
 * For the quota planner: the date of fair fair_id and how many fairs are
 * dated on or after it and on or before `until`. OUT: date (11 bytes),
 * *count. Returns FM_OK, FM_ENOTFOUND (no such fair; err names it), FM_EDB.
 */
fm_rc fm_store_report_fairs_left(fm_store *s, const char *fair_id, const char *until, char *date,
                                 long long *count, fm_err *err);

#endif
