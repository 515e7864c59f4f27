/*
 * fairmatch/invite.h - the invitation builder: whom to invite from the pool
 * to a planned fair, and how many (docs/model.md, "Whom to invite").
 *
 * The pool is every seeker who is not purged, not yet invited to the fair,
 * not in an extra job on the fair's day (an employment without an end
 * date, or ending on or after the fair's date) and eligible for at least
 * one of the fair's positions (fm_score_pair, as the instance export).
 * Seekers are ranked by need, never by sex: passed over at earlier fairs
 * (came, got no offer) first, then those registered longest ago, then id.
 * The proposed group is chosen by stratified selection: each gender's
 * number is its share of the pool times the count, rounded by largest
 * remainder, and each stratum gives its best-ranked seekers - so the
 * group's share of women mirrors the pool's within one person.
 *
 * The count, when not given: the fair's places times FM_INVITE_PER_PLACE
 * candidates, divided by the attendance rate seen at earlier fairs (checked
 * in / invited, walk-ins not counted; 1 when no earlier fair has
 * attendance recorded), less those already invited, at most the pool.
 *
 * Core functions (fm_invite_rank_cmp, fm_invite_stratify,
 * fm_invite_plan_json) are pure; fm_store_invite_* read and write the
 * database (src/store/invite_repo.c). Threads: as fm_store.
 */
#ifndef FAIRMATCH_INVITE_H
#define FAIRMATCH_INVITE_H

#include <stdbool.h>
#include <stddef.h>

#include "fairmatch/buf.h"
#include "fairmatch/err.h"
#include "fairmatch/store.h"

/* Candidates per place the count aims at: the policy's minimum, so that
 * positions may take up to three and everyone who comes gets an interview. */
#define FM_INVITE_PER_PLACE 2

/* Invitation history filter. */
typedef enum fm_invite_history {
    FM_INVITE_HIST_ANY = 0,
    FM_INVITE_HIST_NEVER,      /* never invited to an earlier fair */
    FM_INVITE_HIST_BEFORE,     /* invited to an earlier fair */
    FM_INVITE_HIST_PASSED_OVER /* came to an earlier fair and got no offer */
} fm_invite_history;

/* What the organiser narrows the pool to. Zero-initialised = no filter. */
typedef struct fm_invite_filter {
    const char *ssyk;        /* an interest code starting with these digits; NULL/"" = any */
    const char *eligibility; /* seekers.eligibility; NULL/"" = any */
    int min_swedish;         /* swedish_level >= this; <= 0 = any */
    fm_invite_history history;
    bool include_employed; /* also list seekers in an extra job (flagged, never proposed) */
} fm_invite_filter;

typedef struct fm_invite_candidate {
    char *seeker_id, *first_name, *last_name, *gender, *interests, *eligibility, *registered;
    int swedish_level;       /* -1 unknown */
    int eligible_positions;  /* positions at the fair the seeker is eligible for */
    int best_score;          /* hundredths of a point, over those positions */
    char *best_position;     /* its id */
    int fairs_invited;       /* earlier fairs (by date) the seeker was invited to */
    int fairs_without_offer; /* earlier fairs the seeker came to without an offer */
    bool employed;           /* in an extra job on the fair's day */
    bool proposed;           /* in the suggested group */
} fm_invite_candidate;

typedef struct fm_invite_position {
    char *id, *title, *department_id;
    int places;
    int eligible;         /* seekers in the whole register eligible (not employed, not purged) */
    int invited_eligible; /* of them, invited to this fair */
} fm_invite_position;

typedef struct fm_invite_plan {
    char *fair_id, *fair_date;
    int places;            /* sum over the fair's positions */
    int per_place;         /* FM_INVITE_PER_PLACE */
    double attendance;     /* rate used */
    bool attendance_known; /* false: no earlier fair had attendance recorded (rate 1) */
    int invited;           /* invited already (walk-ins not counted) */
    int wanted;            /* ceil(places * per_place / attendance) - invited, >= 0 */
    int count;             /* the group's size: the caller's count or wanted, at most the pool */
    int pool, pool_women, pool_men, pool_other;
    int chosen_women, chosen_men, chosen_other;
    fm_invite_candidate *cands; /* the pool (+ employed, when asked), best-ranked first */
    size_t n_cands;
    fm_invite_position *pos;
    size_t n_pos;
} fm_invite_plan;

/* Free a plan. NULL-safe. */
void fm_invite_plan_free(fm_invite_plan *p);

/* qsort comparator of fm_invite_candidate by need (see above). */
int fm_invite_rank_cmp(const void *a, const void *b);

/*
 * Mark `proposed` on count candidates of v[0..n) (already in rank order,
 * employed ones skipped) by stratified selection over gender. OUT:
 * *women, *men, *other chosen (each may be NULL).
 */
void fm_invite_stratify(fm_invite_candidate *v, size_t n, int count, int *women, int *men,
                        int *other);

/* Append the plan as JSON (the answer of GET /api/fairs/{id}/invite-suggestions). */
fm_rc fm_invite_plan_json(const fm_invite_plan *p, fm_buf *b);

/*
 * Build the plan for fair_id under filter f (NULL = none); count < 0 = the
 * derived count. OUT: *out (fm_invite_plan_free). FM_ENOTFOUND no fair,
 * FM_EDB, FM_ENOMEM.
 */
fm_rc fm_store_invite_suggest(fm_store *s, const char *fair_id, const fm_invite_filter *f,
                              int count, fm_invite_plan **out, fm_err *err);

/*
 * Which of ids[0..n) are in an extra job on fair_id's day. OUT: *employed
 * (array of n flags, caller frees), *n_employed. FM_ENOTFOUND no fair.
 */
fm_rc fm_store_invite_employed(fm_store *s, const char *fair_id, const char *const *ids, size_t n,
                               bool **employed, size_t *n_employed, fm_err *err);

/*
 * Un-invite ids[0..n) from fair_id, all or nothing, in one transaction:
 * each must be invited (else FM_ENOTFOUND "seeker_ids[i]: ..."), and none
 * may have a held interview or an outcome at the fair (else FM_ECONFLICT,
 * code "uninvite_interviewed"). Their unheld interviews at the fair go too.
 * One audit row (delete, invitation, seeker id, fair id) per seeker.
 * OUT: *removed, *interviews_removed.
 */
fm_rc fm_store_invitation_remove(fm_store *s, const char *actor, const char *fair_id,
                                 const char *const *ids, size_t n, size_t *removed,
                                 size_t *interviews_removed, fm_err *err);

#endif
