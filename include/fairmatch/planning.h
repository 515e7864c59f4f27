/*
 * fairmatch/planning.h - the rules that keep a fair's record trustworthy
 * once people have been interviewed: when an offer may be answered and a
 * hire made, and which changes of a fair's day would orphan interviews that
 * are scheduled or already held. Implemented in src/store/planning_repo.c
 * (the stored solution in src/store/plan_repo.c); the callers (the HTTP handlers) run these inside
 * their own transaction.
 *
 * Threads: as fm_store (one connection per thread).
 */
#ifndef FAIRMATCH_PLANNING_H
#define FAIRMATCH_PLANNING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fairmatch/err.h"
#include "fairmatch/store.h"

/*
 * Check an answer to an offer made at fair fair_id before it is stored:
 * - decision (YYYY-MM-DD, NULL = not checked) lies on or after the fair's
 *   date and on or before today (YYYY-MM-DD): else FM_EINVAL
 *   "decision_date: ..." with code "decision_date_before_fair" or
 *   "decision_date_future";
 * - start (NULL = none) lies on or after the decision: else FM_EINVAL
 *   "start_date: ..." code "start_before_decision";
 * - when accepted, seeker_id holds no employment that is open at the
 *   decision (no end date, or one on or after it): else FM_ECONFLICT
 *   "answer: ..." code "seeker_employed".
 * FM_ENOTFOUND for an unknown fair, FM_EDB.
 */
fm_rc fm_store_answer_check(fm_store *s, const char *fair_id, const char *seeker_id, bool accepted,
                            const char *decision, const char *start, const char *today,
                            fm_err *err);

/* An interview a change of the fair's day would leave outside it. */
typedef struct fm_orphan {
    int64_t id;
    char *seeker_id;
    char *department_id;
    int period;   /* -1 when unscheduled */
    int table_no; /* 0 when unscheduled */
    bool held;
    const char *why; /* "period" (beyond the last period), "table" (beyond the department's
                        tables) or "time" (a held interview whose date or clock time would change);
                        static */
} fm_orphan;

void fm_orphan_list_free(fm_orphan *v, size_t n);

/*
 * The held or scheduled interviews of fair_id that lie outside the fair as
 * it is stored now (read it inside the transaction that wrote the change,
 * before committing): a period at or beyond `periods`, a table beyond the
 * department's tables at the fair; with time_changed (date, start or
 * period length differ from before) also every held interview.
 * OUT: *out, *n (fm_orphan_list_free). FM_OK with *n = 0 when none; FM_EDB, FM_ENOMEM.
 */
fm_rc fm_store_fair_orphans(fm_store *s, const char *fair_id, bool time_changed, fm_orphan **out,
                            size_t *n, fm_err *err);

/*
 * Read inside the transaction that changed department_id's default tables:
 * how many held or scheduled interviews of its positions now sit at a
 * table beyond its tables at their fair (fairs without their own number in
 * fair_departments use the default). FM_OK with *n = 0 when none; FM_EDB.
 */
fm_rc fm_store_department_orphans(fm_store *s, const char *department_id, long *n, fm_err *err);

/*
 * The solution JSON stored by the last match of fair_id (fair_solutions).
 * OUT: *out (caller frees). FM_ENOTFOUND when never matched, FM_EDB, FM_ENOMEM.
 */
fm_rc fm_store_fair_solution_json(fm_store *s, const char *fair_id, char **out, fm_err *err);

#endif
