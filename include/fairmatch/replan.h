/*
 * fairmatch/replan.h - re-planning a fair on its day as the organiser sees
 * it: a proposal (what the re-plan would store, and the list of interviews
 * it would move, add or take away) that is confirmed before it is saved,
 * and the change list of every saved re-plan, to print and send to the
 * people concerned. The solving is fairmatch/solve.h's (with the previous
 * plan as fm_solve_opts.prefer); the plan's storage fairmatch/interview.h's.
 *
 * A change list compares the fair's interviews before and after the write,
 * by seeker and position, inside one transaction: a preview runs the write
 * and rolls it back, so it lists exactly what the save would change.
 * Threads: one fm_store per thread, as everywhere in the store.
 */
#ifndef FAIRMATCH_REPLAN_H
#define FAIRMATCH_REPLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fairmatch/err.h"
#include "fairmatch/interview.h"
#include "fairmatch/store.h"

typedef enum fm_change_kind {
    FM_CHANGE_MOVED = 1, /* same seeker and position, another period or table */
    FM_CHANGE_GAINED,    /* a new interview */
    FM_CHANGE_LOST       /* an interview taken away */
} fm_change_kind;

/* "moved", "gained" or "lost". */
const char *fm_change_kind_name(fm_change_kind k);

/* One changed interview; names are the seeker's now (NULL once purged). */
typedef struct fm_plan_change {
    fm_change_kind kind;
    char *seeker_id, *first_name, *last_name;
    char *position_id, *position_title, *department_id;
    int old_period, old_table; /* -1 and 0 when gained */
    int new_period, new_table; /* -1 and 0 when lost */
} fm_plan_change;

/* What a re-plan changes (a preview) or changed (a saved one). */
typedef struct fm_plan_changes {
    int64_t replan_id; /* 0 for a preview */
    int from_period;
    char *created_at, *created_by;    /* NULL for a preview */
    size_t moved, gained, lost, kept; /* kept: interviews left exactly where they were */
    size_t n;
    fm_plan_change *v; /* n entries: by department, then old or new period, seeker */
} fm_plan_changes;

/* Free what the lists own and zero *c. NULL-safe. */
void fm_plan_changes_release(fm_plan_changes *c);

/*
 * Store a proposal for the fair (replacing any earlier one): the plan v[n]
 * a re-plan from from_period would store, with its instance and solution
 * JSON (solution_json NULL: nothing changed, nothing solved), under token
 * (a caller-made random string). OUT: *out, the change list it would make
 * (replan_id 0). The proposal remembers the fair's interviews and
 * attendance as they are now; fm_store_replan_confirm refuses it when they
 * have changed since. FM_ENOTFOUND when the fair does not exist.
 */
fm_rc fm_store_replan_propose(fm_store *s, const char *actor, const char *fair_id, int from_period,
                              const fm_planned_interview *v, size_t n, const char *instance_json,
                              const char *solution_json, const char *token, fm_plan_changes *out,
                              fm_err *err);

/*
 * Save the fair's proposal named token, in one transaction with its
 * change list, its counts and the audit row, and delete the proposal.
 * instance_json is the fair's instance as it is now: a proposal computed
 * from another is refused. A proposal that changes nothing writes no
 * interview (their ids and rows stay byte for byte). OUT: *out, the saved
 * change list. FM_ENOTFOUND: no such proposal; FM_ECONFLICT: the plan,
 * the attendance or the fair's data changed since it was made.
 */
fm_rc fm_store_replan_confirm(fm_store *s, const char *actor, const char *fair_id,
                              const char *token, const char *instance_json, fm_plan_changes *out,
                              fm_err *err);

/*
 * Save a re-plan at once, without a proposal (the API's plain re-plan):
 * as fm_store_fair_plan_save, plus the change list, which *out returns.
 */
fm_rc fm_store_replan_save(fm_store *s, const char *actor, const char *fair_id, int from_period,
                           const fm_planned_interview *v, size_t n, const char *instance_json,
                           const char *solution_json, fm_plan_changes *out, fm_err *err);

/* The change list of the fair's last saved re-plan; FM_ENOTFOUND if none. */
fm_rc fm_store_replan_last(fm_store *s, const char *fair_id, fm_plan_changes *out, fm_err *err);

#endif
