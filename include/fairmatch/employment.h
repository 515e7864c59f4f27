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
    char *status_90;        /* NULL or a status code (fm_status_valid), 90 days after the end */
    double extent;          /* percent of full time (0, 100]; 0 = not given */
    char *accepted_date;    /* NULL or "YYYY-MM-DD": the seeker said yes */
    char *planned_end;      /* NULL or "YYYY-MM-DD": the planned end as first decided */
    char *status_180;       /* NULL or a status code, 180 days after the end */
    char *status_365;       /* NULL or a status code, 365 days after the end */
} fm_employment;

/*
 * An extension (förlängning): the agency's decision to continue employment
 * `employment_id` to a new planned end. Never a hire. Strings heap-owned,
 * freed with fm_extension_release().
 */
typedef struct fm_extension {
    long long id;
    long long employment_id;
    char *decision_date; /* "YYYY-MM-DD", after the employment's decision */
    char *planned_end;   /* NULL or "YYYY-MM-DD" */
} fm_extension;

/* How an employment ended, for the outcome table (seed 002 tables 1-2). */
typedef enum fm_end_class {
    FM_END_NONE = 0,     /* not ended, or no reason recorded */
    FM_END_TO_WORK,      /* to_work: positive exit */
    FM_END_TO_STUDIES,   /* to_studies: positive exit */
    FM_END_OWN_BUSINESS, /* own_business: positive exit */
    FM_END_PLANNED,      /* completed: the planned end */
    FM_END_INTERRUPTION  /* any code of seed 002's table 3 */
} fm_end_class;

/* Bits naming fields for fm_store_employment_upsert's `fields`. */
enum {
    FM_EMPLOYMENT_POSITION = 1u << 0,
    FM_EMPLOYMENT_INTERVIEW = 1u << 1,
    FM_EMPLOYMENT_START_DATE = 1u << 2,
    FM_EMPLOYMENT_END_DATE = 1u << 3,
    FM_EMPLOYMENT_END_REASON = 1u << 4,
    FM_EMPLOYMENT_STATUS_90 = 1u << 5,
    FM_EMPLOYMENT_EXTENT = 1u << 6,
    FM_EMPLOYMENT_ACCEPTED = 1u << 7,
    FM_EMPLOYMENT_PLANNED_END = 1u << 8,
    FM_EMPLOYMENT_STATUS_180 = 1u << 9,
    FM_EMPLOYMENT_STATUS_365 = 1u << 10,
    FM_EMPLOYMENT_ALL = (1u << 11) - 1
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

/* The class of end reason s (FM_END_NONE for NULL or an unknown code). */
fm_end_class fm_end_reason_class(const char *s);

/* "positive", "planned" or "interruption" for an end reason; NULL when none. Static. */
const char *fm_end_reason_class_name(const char *s);

/*
 * True when s is a status code for 90, 180 or 365 days after the end: work,
 * subsidised_work, studies, other_programme, unemployed, other, unknown.
 */
bool fm_status_valid(const char *s);

/* Same as fm_status_valid (kept for the import's code table). */
bool fm_status_90_valid(const char *s);

/* The status codes as a message lists them. Static string. */
const char *fm_status_90_codes(void);

/*
 * Parse an employment kind: new, extension, ny, förlängning in any case.
 * OUT: *extension. Returns false when s is none of them.
 */
bool fm_employment_kind_parse(const char *s, bool *extension);

/* The kind codes as a message lists them. Static string. */
const char *fm_employment_kind_codes(void);

/* Free the extension's strings and zero it. NULL-safe. */
void fm_extension_release(fm_extension *x);

/* Release n extensions and free the array. NULL-safe. */
void fm_extension_list_free(fm_extension *v, size_t n);

/*
 * The date rules of the life cycle, over the record as it would be after a
 * change: accepted <= decision, decision <= start, start <= end, planned end
 * not before the start (or the decision), an end reason only with an end
 * date, a status only with an end date. `today` ("YYYY-MM-DD", may be NULL
 * to skip) is the day the change is recorded: a status 90/180/365 needs
 * today >= end + 90/180/365 days. On failure err->msg reads
 * "<field>: <problem>". Returns FM_OK or FM_EINVAL. Pure.
 */
fm_rc fm_employment_check_dates(const fm_employment *e, const char *today, fm_err *err);

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

/*
 * The latest employment (an employment row is always of kind new) of seeker
 * in department decided strictly before `before`. OUT: *id (0 when none).
 * Returns FM_OK (also when none), FM_EDB.
 */
fm_rc fm_store_employment_latest_before(fm_store *s, const char *seeker_id,
                                        const char *department_id, const char *before,
                                        long long *id, fm_err *err);

/*
 * Insert an extension of x->employment_id, or update the planned end of the
 * one with the same (employment, decision date). The decision must come
 * after the employment's. OUT: *created, *changed, *id_out (each may be
 * NULL). No transaction, no audit. Returns FM_OK, FM_EINVAL, FM_ENOTFOUND,
 * FM_EDB.
 */
fm_rc fm_store_extension_upsert(fm_store *s, const fm_extension *x, bool *created, bool *changed,
                                long long *id_out, fm_err *err);

/*
 * The extensions of employment_id by decision date. OUT: *out (caller frees
 * with fm_extension_list_free; NULL when *n is 0), *n. Returns FM_OK,
 * FM_EDB, FM_ENOMEM.
 */
fm_rc fm_store_extension_list(fm_store *s, long long employment_id, fm_extension **out, size_t *n,
                              fm_err *err);

#endif
