/*
 * fairmatch/lifecycle.h - what happens after the yes: the events of one
 * employment (the agency's decision, the start, extensions, the end with its
 * reason, the status 90/180/365 days later), follow-ups recorded at 3, 6
 * and 12 months, and the follow-up worklist. Every event is one
 * transaction with its audit row: all or nothing.
 *
 * Scope: `dept` arguments (NULL = every department) restrict a call to one
 * department's employments, for a manager; another department's employment
 * reads as FM_ENOTFOUND. Rules of dates are fm_employment_check_dates'.
 * Implemented in src/store/lifecycle_repo.c (decision, changes,
 * extensions), follow_up_repo.c (follow-ups), worklist_repo.c (the
 * worklist) and outcome_repo.c (the outcome table's rows). Threads: one
 * fm_store, one thread at a time.
 */
#ifndef FAIRMATCH_LIFECYCLE_H
#define FAIRMATCH_LIFECYCLE_H

#include <stdbool.h>
#include <stddef.h>

#include "fairmatch/employment.h"
#include "fairmatch/err.h"
#include "fairmatch/store.h"

/*
 * Record the agency's decision: a new employment (a hire). e carries
 * seeker, department, decision date and optionally interview_id (then the
 * interview must hold an accepted offer of that seeker and department; its
 * position and accepted date are taken), start date, planned end, extent.
 * Refused (FM_ECONFLICT) when the seeker already holds an open employment
 * (no end date, or one after the decision) or the key exists. `today` is
 * the recording date for the date rules. OUT: *id. Audited as create.
 * Returns FM_OK, FM_EINVAL, FM_ENOTFOUND, FM_ECONFLICT, FM_EDB.
 */
fm_rc fm_lifecycle_decide(fm_store *s, const char *actor, const char *dept, const fm_employment *e,
                          const char *today, long long *id, fm_err *err);

/*
 * Change the fields of employment id named by `fields` (FM_EMPLOYMENT_
 * START_DATE, PLANNED_END, END_DATE, END_REASON, STATUS_90, STATUS_180,
 * STATUS_365, EXTENT) to their values in `changes`. With status_only (a
 * manager after the end) anything but a status is FM_ECONFLICT. The record
 * as changed must pass fm_employment_check_dates(today). Audited as update
 * with the changed fields. Returns FM_OK, FM_EINVAL, FM_ENOTFOUND,
 * FM_ECONFLICT, FM_EDB.
 */
fm_rc fm_lifecycle_update(fm_store *s, const char *actor, const char *dept, long long id,
                          const fm_employment *changes, unsigned fields, bool status_only,
                          const char *today, fm_err *err);

/*
 * Record an extension of employment id: decided after the employment's
 * decision and its latest extension, on or before its end (when ended),
 * planned_end (may be NULL) not before the decision. Never a hire.
 * OUT: *ext_id (may be NULL). Audited as extend. Returns FM_OK, FM_EINVAL,
 * FM_ENOTFOUND, FM_ECONFLICT, FM_EDB.
 */
fm_rc fm_lifecycle_extend(fm_store *s, const char *actor, const char *dept, long long id,
                          const char *decision_date, const char *planned_end, long long *ext_id,
                          fm_err *err);

/*
 * Record a follow-up of employment id: milestone 3m, 6m, 12m (in the job:
 * status, if given, is "employed" or a status code) or status_90,
 * status_180, status_365 (after the end: status required, also written to
 * the employment's field, the day rule applies to done_on). note at most
 * 500 bytes, may be NULL. A milestone is recorded once (FM_ECONFLICT).
 * Audited as follow_up. Returns FM_OK, FM_EINVAL, FM_ENOTFOUND,
 * FM_ECONFLICT, FM_EDB.
 */
fm_rc fm_lifecycle_follow_up(fm_store *s, const char *actor, const char *dept, long long id,
                             const char *milestone, const char *done_on, const char *status,
                             const char *note, fm_err *err);

/* One recorded follow-up. Strings heap-owned. */
typedef struct fm_follow_up {
    long long id, employment_id;
    char *milestone, *done_on, *done_by, *status, *note;
} fm_follow_up;

/* Release n follow-ups and free the array. NULL-safe. */
void fm_follow_up_list_free(fm_follow_up *v, size_t n);

/*
 * The follow-ups of employment id by date. OUT: *out (caller frees with
 * fm_follow_up_list_free), *n. Returns FM_OK, FM_EDB, FM_ENOMEM.
 */
fm_rc fm_store_follow_up_list(fm_store *s, long long id, fm_follow_up **out, size_t *n,
                              fm_err *err);

/* One line of the worklist. Strings heap-owned. */
typedef struct fm_work_item {
    char *due;           /* "YYYY-MM-DD": when it became due */
    char *seeker_id;     /* the seeker */
    char *seeker_name;   /* "first last", NULL when purged or not given */
    char *department_id; /* the employment's department */
    long long employment_id;
    char *item;   /* follow_up_3m, follow_up_6m, follow_up_12m, status_90_missing,
                     past_planned_end, over_24_months, end_without_reason, two_open */
    char *action; /* what to do, in words */
} fm_work_item;

/* Release n items and free the array. NULL-safe. */
void fm_work_item_list_free(fm_work_item *v, size_t n);

/*
 * The follow-up worklist on `date` ("YYYY-MM-DD") for dept (NULL = all),
 * sorted by due date, seeker, item:
 *  - follow_up_3m/6m/12m: employments not ended before `date` that reached
 *    3, 6 or 12 months (from start, else decision; the same day N months
 *    later, or that month's last day) on or before it, with no follow-up
 *    recorded for that milestone;
 *  - status_90_missing: ended, 90 days passed, no status_90;
 *  - past_planned_end: not ended, the planned end (latest extension's, else
 *    the employment's) before `date`;
 *  - over_24_months: not ended, began more than 24 months before `date`;
 *  - end_without_reason: an end date on or before `date` without a reason;
 *  - two_open: a seeker with two or more employments not ended before
 *    `date` (one line, on the latest).
 * OUT: *out (caller frees with fm_work_item_list_free), *n. Returns FM_OK,
 * FM_EINVAL (bad date), FM_EDB, FM_ENOMEM.
 */
fm_rc fm_store_worklist(fm_store *s, const char *date, const char *dept, fm_work_item **out,
                        size_t *n, fm_err *err);

/* One employment that ended, for the outcome table. Strings heap-owned. */
typedef struct fm_ended {
    char *seeker_id;
    char *gender;        /* woman, man, other */
    int age;             /* decision year - birth year; -1 unknown */
    int swedish_level;   /* 0-5; -1 unknown */
    int education_level; /* 1-5; -1 unknown */
    char *department_id;
    char *end_reason; /* NULL when none was recorded */
    long days;        /* end - start (else decision) + 1 */
} fm_ended;

/* Release n rows and free the array. NULL-safe. */
void fm_ended_list_free(fm_ended *v, size_t n);

/*
 * The employments whose end_date lies in [from, to] ("YYYY-MM-DD"), sorted
 * by seeker. OUT: *out (caller frees with fm_ended_list_free), *n. Returns
 * FM_OK, FM_EDB, FM_ENOMEM.
 */
fm_rc fm_store_ended_list(fm_store *s, const char *from, const char *to, fm_ended **out, size_t *n,
                          fm_err *err);

/*
 * Distinct people with a hire (an employment; extensions are never one)
 * decided in [from, to], by gender. OUT: counts[0..2] = woman, man, other.
 * Returns FM_OK, FM_EDB.
 */
fm_rc fm_store_hired_people(fm_store *s, const char *from, const char *to, long long counts[3],
                            fm_err *err);

#endif
