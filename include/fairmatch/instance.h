/*
 * fairmatch/instance.h - one fair's matching problem, as in
 * shared/spec/instance-format.md, and the model's derived numbers
 * (shared/spec/model.md): K_i, the women-share bounds L and U, the
 * priorities a_i and b_d, and the phase-1 objective of a set of interviews.
 *
 * Records are transparent and owned by their fm_instance: every string and
 * array is freed by fm_instance_free(). References between records are
 * 0-based indexes into the instance's arrays, resolved at parse time.
 *
 * The pure functions here live in src/core/instance.c; parsing JSON lives in
 * src/solve/instance_json.c (cJSON). Not thread-safe to mutate; read-only
 * use from many threads is fine.
 */
#ifndef FAIRMATCH_INSTANCE_H
#define FAIRMATCH_INSTANCE_H

#include <stdbool.h>
#include <stddef.h>

#include "fairmatch/err.h"
#include "fairmatch/gender.h"

typedef struct fm_range {
    int from, to; /* inclusive periods */
} fm_range;

typedef struct fm_inst_department {
    char *id;
    char *name; /* the id when absent */
    int tables; /* 1...100, default 1 */
    bool has_quota;
    int quota; /* valid when has_quota */
    int hired; /* default 0 */
} fm_inst_department;

typedef struct fm_inst_position {
    char *id;
    int department;   /* index into departments */
    int places;       /* default 1 */
    char *title;      /* NULL when absent */
    char *occupation; /* NULL when absent */
} fm_inst_position;

typedef struct fm_inst_seeker {
    char *id;
    fm_gender gender;
    int fairs_without_offer;
    bool has_available; /* false: available in every period */
    size_t n_available; /* ranges as given (may overlap, unsorted; 0 with has_available = never) */
    fm_range *available;
} fm_inst_seeker;

typedef struct fm_inst_score {
    int seeker;   /* index into seekers */
    int position; /* index into positions */
    double score; /* 0...100 */
    char *why;    /* the entry's "why" object as compact JSON, or NULL; echoed into the solution */
} fm_inst_score;

typedef struct fm_weights {
    double coverage, shortfall, gender, missed_fair, missed_fair_cap, quota;
} fm_weights;

typedef struct fm_instance {
    char *fair_id;
    char *fair_date;    /* NULL when absent */
    int start_minutes;  /* fair.start as minutes after midnight, default 540 */
    int period_minutes; /* default 15 */
    int periods;        /* T */

    int min_candidates_per_place;  /* minc */
    int max_candidates_per_place;  /* maxc */
    int max_interviews_per_seeker; /* policy cap on K_i */
    int min_gap_periods;           /* gap */
    bool mirror_pool;              /* true: L, U from the pool share and tolerance */
    double tolerance;              /* with mirror_pool */
    double share_min, share_max;   /* without mirror_pool */
    fm_weights weights;
    double time_limit_seconds;

    size_t n_departments, n_positions, n_seekers, n_scores;
    fm_inst_department *departments;
    fm_inst_position *positions;
    fm_inst_seeker *seekers;
    fm_inst_score *scores; /* in file order */

    unsigned char sha256[32]; /* of the instance file's bytes, for provenance */
} fm_instance;

/*
 * Parse and validate an instance (instance-format.md) from len bytes of
 * JSON. `file` is the name used in messages. On FM_EINVAL err->msg is exactly
 * "FILE: PATH: problem" (the CLI adds "fairmatch: "). On success *out is a
 * new instance the caller frees with fm_instance_free(). Implemented in
 * src/solve/instance_json.c.
 */
fm_rc fm_instance_parse(const char *json, size_t len, const char *file, fm_instance **out,
                        fm_err *err);

/* Free an instance and everything it owns. NULL-safe. */
void fm_instance_free(fm_instance *inst);

/* K_i: min(policy cap, how many interviews fit the seeker's periods with gap). */
int fm_instance_capacity(const fm_instance *inst, size_t seeker);

/* The seeker's availability as a 0/1 array of inst->periods bytes (caller storage). */
void fm_instance_available_mask(const fm_instance *inst, size_t seeker, unsigned char *mask);

/* L and U as used by the model (explicit, or mirrored from the pool). */
void fm_instance_share_bounds(const fm_instance *inst, double *lo, double *hi);

/* a_i and b_d of model.md. */
double fm_instance_seeker_priority(const fm_instance *inst, size_t seeker);
double fm_instance_department_priority(const fm_instance *inst, size_t department);

/*
 * The phase-1 objective of a set of interviews, each given as an index into
 * inst->scores, with y, u, g at their best values for that set (model.md).
 * Does not check feasibility; duplicates count twice.
 */
double fm_instance_objective(const fm_instance *inst, const size_t *score_idx, size_t n);

#endif
