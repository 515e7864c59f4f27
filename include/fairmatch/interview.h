/*
 * fairmatch/interview.h - a fair's day as stored: invitations and
 * attendance, the tables each department staffs, interviews (planned by the
 * matcher, moved by hand, held, their outcome and the seeker's answer), the
 * solver result kept per fair, and the questions the server's access rules
 * ask ("may this department see this seeker / fair?").
 *
 * Writes that change more than one row run in one transaction and write the
 * audit log with the actor given; an accepted offer becomes an employment
 * in the same transaction as the answer.
 * Threads: one fm_store per thread, as everywhere in the store.
 */
#ifndef FAIRMATCH_INTERVIEW_H
#define FAIRMATCH_INTERVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fairmatch/err.h"
#include "fairmatch/store.h"

/* ---- interviews (src/store/interview_repo.c) ---- */

/* An interview joined with what a schedule shows beside it. */
typedef struct fm_interview {
    int64_t id;
    char *fair_id, *seeker_id, *position_id, *department_id;
    int period;   /* -1 while unscheduled */
    int table_no; /* 0 while unscheduled */
    bool has_score;
    double score;
    bool held;
    char *outcome;    /* NULL, "offer", "reserve", "no" */
    char *answer;     /* NULL, "accepted", "declined" */
    char *first_name; /* the seeker's; NULL when purged */
    char *last_name;
    char *gender;          /* "woman", "man", "other" */
    char *attendance;      /* the seeker's invitation: invited, checked_in, no_show; NULL if none */
    char *position_title;  /* "" when none */
    int64_t employment_id; /* the hire made from this interview's accepted offer; 0 when none */
} fm_interview;

void fm_interview_release(fm_interview *iv);
void fm_interview_list_free(fm_interview *v, size_t n);

/* Interview id, or FM_ENOTFOUND "no interview <id>". */
fm_rc fm_store_interview_get(fm_store *s, int64_t id, fm_interview *out, fm_err *err);

/*
 * The fair's interviews (of department_id only, unless NULL), sorted by
 * period (unscheduled last), department, table, id. OUT: *out, *n.
 */
fm_rc fm_store_interview_list(fm_store *s, const char *fair_id, const char *department_id,
                              fm_interview **out, size_t *n, fm_err *err);

/*
 * Move interview id to (period, table) after checking the rules of
 * `fairmatch check` that one move can break: period within the fair, table
 * within the department's tables at the fair, the table free then, the
 * seeker in no other interview within min_gap periods (|p - q| <= gap), the
 * seeker available (avail: a 0/1 mask of the fair's periods, or NULL for
 * always), the interview not held. A broken rule is FM_ECONFLICT with
 * "period: ..." or "table: ..."; a bad number is FM_EINVAL. Then, inside
 * the same transaction, `check` (may be NULL) is called with check_arg and
 * the move: a non-FM_OK answer refuses the move with check's message (the
 * server runs `fairmatch check`'s rules there). Writes the audit.
 */
typedef fm_rc (*fm_move_check_fn)(fm_store *s, void *check_arg, const char *fair_id, int64_t id,
                                  int period, int table, fm_err *err);
fm_rc fm_store_interview_move(fm_store *s, const char *actor, int64_t id, int period, int table,
                              int min_gap, const unsigned char *avail, size_t n_avail,
                              fm_move_check_fn check, void *check_arg, fm_err *err);

/*
 * Record the outcome ("offer", "reserve", "no") and mark the interview held.
 * Changing an outcome whose offer was accepted is FM_ECONFLICT. Audited.
 */
fm_rc fm_store_interview_set_outcome(fm_store *s, const char *actor, int64_t id,
                                     const char *outcome, fm_err *err);

/*
 * Record the seeker's answer to an offer ("accepted" or "declined"). Only
 * after outcome "offer" and only once (else FM_ECONFLICT). "accepted"
 * records the day of the yes (interviews.accepted_date); with a
 * decision_date "YYYY-MM-DD" it also inserts the employment (seeker, the
 * position's department, position, interview, decision date, start_date or
 * NULL, accepted date) in the same transaction. Without one the decision is
 * a later event (fm_lifecycle_decide). OUT: *employment_id (0 when declined
 * or not decided yet). Audited.
 */
fm_rc fm_store_interview_set_answer(fm_store *s, const char *actor, int64_t id, const char *answer,
                                    const char *decision_date, const char *start_date,
                                    int64_t *employment_id, fm_err *err);

/* ---- invitations (src/store/invitation_repo.c) ---- */

typedef struct fm_invitation {
    char *seeker_id, *first_name, *last_name, *gender;
    char *attendance; /* invited, checked_in, no_show */
    bool walk_in;
} fm_invitation;

void fm_invitation_release(fm_invitation *v);
void fm_invitation_list_free(fm_invitation *v, size_t n);

/* The fair's invitations sorted by seeker id. */
fm_rc fm_store_invitation_list(fm_store *s, const char *fair_id, fm_invitation **out, size_t *n,
                               fm_err *err);

/* One invitation, FM_ENOTFOUND if the seeker is not invited. */
fm_rc fm_store_invitation_get(fm_store *s, const char *fair_id, const char *seeker_id,
                              fm_invitation *out, fm_err *err);

/*
 * Invite seekers[0..n) to the fair in one transaction; those already invited
 * are counted in *already. An unknown seeker is FM_EINVAL
 * "seeker_ids[i]: no seeker \"x\"" and nothing is added. Unknown fair:
 * FM_ENOTFOUND. Audited (one row per added seeker).
 */
fm_rc fm_store_invitation_add(fm_store *s, const char *actor, const char *fair_id,
                              const char *const *seekers, size_t n, size_t *added, size_t *already,
                              fm_err *err);

/* Set attendance (invited, checked_in, no_show). FM_ENOTFOUND if not invited. Audited. */
fm_rc fm_store_invitation_set_attendance(fm_store *s, const char *actor, const char *fair_id,
                                         const char *seeker_id, const char *attendance,
                                         fm_err *err);

/* A walk-in: invite seeker_id with walk_in = 1, checked in. FM_ECONFLICT if invited already. */
fm_rc fm_store_walkin_add(fm_store *s, const char *actor, const char *fair_id,
                          const char *seeker_id, fm_err *err);

/* ---- tables per fair (src/store/fair_table_repo.c) ---- */

typedef struct fm_fair_table {
    char *department_id;
    char *name;
    int tables;
} fm_fair_table;

void fm_fair_table_list_free(fm_fair_table *v, size_t n);

/*
 * The departments at the fair with their tables: the fair_departments rows,
 * plus every department with a position at the fair but no row there (with
 * its default tables). Sorted by department id.
 */
fm_rc fm_store_fair_tables(fm_store *s, const char *fair_id, fm_fair_table **out, size_t *n,
                           fm_err *err);

/* Replace the fair's fair_departments rows (department_id, tables 1...100). No transaction. */
fm_rc fm_store_fair_tables_set(fm_store *s, const char *fair_id, const fm_fair_table *v, size_t n,
                               fm_err *err);

/* ---- access questions (src/store/access_repo.c) ---- */

/* May the department see the fair (it has a position or tables there)? */
fm_rc fm_store_fair_visible_to(fm_store *s, const char *fair_id, const char *department_id,
                               bool *visible, fm_err *err);

/* Is the seeker a candidate of the department (an interview at one of its positions)? */
fm_rc fm_store_seeker_is_candidate(fm_store *s, const char *seeker_id, const char *department_id,
                                   bool *yes, fm_err *err);

/* A row of a candidate list. */
typedef struct fm_candidate {
    char *id, *first_name, *last_name, *gender, *registered;
    int birth_year; /* 0 = unknown */
} fm_candidate;

void fm_candidate_list_free(fm_candidate *v, size_t n);

/*
 * The department's candidates whose id or name contains q (NULL/"" = all,
 * ASCII case-insensitive), sorted by id, page (1-based) of per_page.
 * OUT: *out, *n, *total (all matches).
 */
fm_rc fm_store_candidate_list(fm_store *s, const char *department_id, const char *q, size_t page,
                              size_t per_page, fm_candidate **out, size_t *n, size_t *total,
                              fm_err *err);

/* ---- women's share (src/store/women_share_repo.c) ---- */

/*
 * Women among the fair's invited seekers, and among the pool (every seeker
 * not purged and without an employment). OUT: counts.
 */
fm_rc fm_store_fair_women(fm_store *s, const char *fair_id, long *inv_women, long *inv_total,
                          long *pool_women, long *pool_total, fm_err *err);

/* ---- solver results (src/store/plan_repo.c) ---- */

/* One interview of a plan to store. */
typedef struct fm_planned_interview {
    const char *seeker_id, *position_id;
    int period, table;
    double score;
    const char *why; /* JSON or NULL */
} fm_planned_interview;

/*
 * Store a solver result for the fair in one transaction: when from_period
 * < 0 (a first match) every interview of the fair is replaced and a held
 * one makes it FM_ECONFLICT; when from_period >= 0 (a re-plan) the
 * interviews not held and not in a period before from_period are replaced,
 * and planned interviews that exist already keep their row. Saves instance
 * and solution JSON in fair_solutions, sets the fair's status to "matched",
 * writes the audit.
 */
fm_rc fm_store_fair_plan_save(fm_store *s, const char *actor, const char *fair_id, int from_period,
                              const fm_planned_interview *v, size_t n, const char *instance_json,
                              const char *solution_json, fm_err *err);

/* The stored instance JSON of the fair's last match (caller frees), FM_ENOTFOUND if none. */
fm_rc fm_store_fair_instance_json(fm_store *s, const char *fair_id, char **out, fm_err *err);

#endif
