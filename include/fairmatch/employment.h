/*
 * fairmatch/employment.h - an employment: a hire into an extra job, decided
 * on a date (the month it counts in), with its start, its end, why it ended
 * and where the person was 90 days later. One per seeker, department and
 * decision date.
 *
 * Records are transparent; strings are heap-owned by the record and freed
 * with fm_employment_release(). Validation and the code tables are pure
 * (src/core/employment.c); fm_store_employment_* touch the database
 * (src/store/employment_repo.c).
 * Threads: the store functions use one fm_store, one thread at a time.
 */
#ifndef FAIRMATCH_EMPLOYMENT_H
#define FAIRMATCH_EMPLOYMENT_H

#include <stdbool.h>
#include <stddef.h>

#include "fairmatch/err.h"
#include "fairmatch/store.h"

typedef struct fm_employment {
    long long id;           /* row id; 0 = not stored yet (upsert goes by the key below) */
    char *seeker_id;        /* key; must exist */
    char *department_id;    /* key; must exist */
    char *decision_date;    /* key; "YYYY-MM-DD" */
    char *position_id;      /* NULL or an existing position */
    long long interview_id; /* 0 = none, else the interview whose accepted offer it is */
    char *start_date;       /* NULL or "YYYY-MM-DD" */
    char *end_date;         /* NULL or "YYYY-MM-DD", not before start_date */
    char *end_reason;       /* NULL or an outcome/interruption code (fm_end_reason_valid) */
    char *status_90;        /* NULL or work, studies, unemployed, other, unknown */
    double extent;          /* percent of full time (0, 100]; 0 = not given */
} fm_employment;

/* Bits naming fields for fm_store_employment_upsert's `fields`. */
enum {
    FM_EMPLOYMENT_POSITION = 1u << 0,
    FM_EMPLOYMENT_INTERVIEW = 1u << 1,
    FM_EMPLOYMENT_START_DATE = 1u << 2,
    FM_EMPLOYMENT_END_DATE = 1u << 3,
    FM_EMPLOYMENT_END_REASON = 1u << 4,
    FM_EMPLOYMENT_STATUS_90 = 1u << 5,
    FM_EMPLOYMENT_EXTENT = 1u << 6,
    FM_EMPLOYMENT_ALL = (1u << 7) - 1
};

/* Filter for fm_store_employment_list: NULL members / 0 match everything. */
typedef struct fm_employment_query {
    const char *seeker_id;
    const char *department_id;
    const char *decided_from; /* "YYYY-MM-DD", inclusive */
    const char *decided_to;   /* "YYYY-MM-DD", inclusive */
} fm_employment_query;

/* Free the record's strings and zero it. NULL-safe. */
void fm_employment_release(fm_employment *e);

/* Release n records and free the array. NULL-safe. */
void fm_employment_list_free(fm_employment *v, size_t n);

/*
 * True when s is an end reason: an outcome (to_work, to_studies,
 * own_business, completed) or an interruption code of seed 002's table 3.
 */
bool fm_end_reason_valid(const char *s);

/* True for the outcome codes (a planned or successful end), false for interruptions. */
bool fm_end_reason_is_outcome(const char *s);

/* All end reason codes as a message lists them. Static string. */
const char *fm_end_reason_codes(void);

/* True when s is work, studies, unemployed, other or unknown. */
bool fm_status_90_valid(const char *s);

/* The status_90 codes as a message lists them. Static string. */
const char *fm_status_90_codes(void);

/*
 * Check a record: key fields set, dates real, start <= end, end_reason and
 * status_90 valid when set, extent 0 or in (0, 100]. On failure err->msg
 * reads "<field>: <problem>". Returns FM_OK or FM_EINVAL. Pure.
 */
fm_rc fm_employment_validate(const fm_employment *e, fm_err *err);

/*
 * Read employment row id into *out (caller storage; release with
 * fm_employment_release). Returns FM_OK, FM_ENOTFOUND, FM_EDB, FM_ENOMEM.
 */
fm_rc fm_store_employment_get(fm_store *s, long long id, fm_employment *out, fm_err *err);

/*
 * Employments matching q (NULL = all), sorted by decision date, then
 * department, seeker. OUT: *out (caller frees with fm_employment_list_free;
 * NULL when *n is 0), *n. Returns FM_OK, FM_EDB, FM_ENOMEM.
 */
fm_rc fm_store_employment_list(fm_store *s, const fm_employment_query *q, fm_employment **out,
                               size_t *n, fm_err *err);

/*
 * Validate e and insert it, or update the employment with the same (seeker,
 * department, decision date) key (only the FM_EMPLOYMENT_* fields set in
 * `fields` on update). OUT: *created, *changed (each may be NULL) as for
 * fm_store_department_upsert; *id_out (may be NULL) the row id.
 * No transaction, no audit. Returns FM_OK, FM_EINVAL, FM_ENOTFOUND (seeker,
 * department, position or interview missing), FM_EDB.
 */
fm_rc fm_store_employment_upsert(fm_store *s, const fm_employment *e, unsigned fields,
                                 bool *created, bool *changed, long long *id_out, fm_err *err);

/* Delete employment row id. Returns FM_OK, FM_ENOTFOUND, FM_EDB. */
fm_rc fm_store_employment_delete(fm_store *s, long long id, fm_err *err);

#endif
