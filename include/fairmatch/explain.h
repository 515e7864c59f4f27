/*
 * fairmatch/explain.h - `fairmatch explain`: why one seeker got the
 * interviews they got, or none, in plain words. Reasons come from the
 * solution itself (positions full with higher-valued candidates, one
 * interview per department, K_i, a department's gender balance, the day's
 * tables) and, for a seeker without interviews, from re-solving with that
 * seeker forced in (fm_solve_run on a copy of the instance where the
 * seeker's pairs carry a bonus larger than any possible loss) and reporting
 * what the objective loses. Implemented in src/solve/explain.c.
 */
#ifndef FAIRMATCH_EXPLAIN_H
#define FAIRMATCH_EXPLAIN_H

#include <stdbool.h>

#include "fairmatch/buf.h"
#include "fairmatch/check.h"
#include "fairmatch/err.h"
#include "fairmatch/instance.h"

/*
 * Append the explanation for seeker `seeker_id` to out, one sentence per
 * line. sol is the solution as read by fm_check_read (it should pass
 * fm_check_run; interviews naming unknown pairs are ignored). With resolve
 * true and a seeker who has no interview but could have one, the instance
 * is solved again with the seeker forced in, within time_limit seconds
 * (<= 0: the instance's limit).
 * Returns FM_OK, FM_ENOTFOUND when no seeker has that id, FM_ENOMEM, or the
 * solver's error code (FM_ESOLVER...) with its message.
 * Threads: the re-solve is serialised like every fm_solve_run.
 */
fm_rc fm_explain_seeker(const fm_instance *inst, const fm_check_solution *sol,
                        const char *seeker_id, bool resolve, double time_limit, fm_buf *out,
                        fm_err *err);

/*
 * The rule explain gives first, for a seeker: the one that decided (pairs
 * are explained best value first). A stable name for each
 * (fm_explain_reason_code) lets the UI say it in its own language.
 */
typedef enum fm_explain_reason {
    FM_REASON_NONE = 0,           /* the seeker has an interview */
    FM_REASON_NOT_ELIGIBLE,       /* no eligible pair at all */
    FM_REASON_NO_PERIOD,          /* K_i = 0: their hours leave room for none */
    FM_REASON_ONE_PER_DEPARTMENT, /* interviewed by that department already */
    FM_REASON_CAPACITY,           /* has K_i interviews, each worth as much */
    FM_REASON_TIMETABLE,          /* chosen, then dropped by the timetable */
    FM_REASON_POSITIONS_FULL,     /* the position has its most candidates, worth more */
    FM_REASON_TABLES_FULL,        /* the department's tables are booked all day */
    FM_REASON_GENDER_BALANCE,     /* the department's women's share would cost more */
    FM_REASON_NOT_OPTIMAL         /* no rule blocks it: the solution is not optimal */
} fm_explain_reason;

/* "not_eligible", "positions_full", ...; "none" for FM_REASON_NONE. Never NULL. */
const char *fm_explain_reason_code(fm_explain_reason r);

/*
 * fm_explain_seeker without the re-solve, also returning the first reason
 * in *reason (FM_REASON_NONE when the seeker has an interview). Same
 * return codes as fm_explain_seeker.
 */
fm_rc fm_explain_reason_of(const fm_instance *inst, const fm_check_solution *sol,
                           const char *seeker_id, fm_explain_reason *reason, fm_buf *out,
                           fm_err *err);

#endif
