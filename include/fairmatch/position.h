/*
 * fairmatch/position.h - a position: the intended places (tilltänkta
 * platser) one department brings to one fair, with the occupation and what
 * the job requires.
 *
 * Records are transparent; strings are heap-owned by the record and freed
 * with fm_position_release(). Validation is pure (src/core/position.c); the
 * fm_store_position_* functions touch the database (src/store/position_repo.c).
 * Threads: the store functions use one fm_store, one thread at a time.
 */
#ifndef FAIRMATCH_POSITION_H
#define FAIRMATCH_POSITION_H

#include <stdbool.h>
#include <stddef.h>

#include "fairmatch/err.h"
#include "fairmatch/store.h"

typedef struct fm_position {
    char *id;                     /* required */
    char *department_id;          /* required; must exist */
    char *fair_id;                /* required; must exist */
    char *title;                  /* "" when not given */
    char *occupation;             /* SSYK 2012, four digits, or "" when not given */
    int places;                   /* >= 1 */
    int requires_driving_licence; /* 0 or 1 */
    int min_swedish_level;        /* -1 = no requirement, else 0...5 */
    double extent;                /* percent of full time, 0 < extent <= 100; 0 = not given */
} fm_position;

/* Bits naming fields for fm_store_position_upsert's `fields`. */
enum {
    FM_POSITION_DEPARTMENT = 1u << 0,
    FM_POSITION_FAIR = 1u << 1,
    FM_POSITION_TITLE = 1u << 2,
    FM_POSITION_OCCUPATION = 1u << 3,
    FM_POSITION_PLACES = 1u << 4,
    FM_POSITION_REQUIRES_DRIVING_LICENCE = 1u << 5,
    FM_POSITION_MIN_SWEDISH_LEVEL = 1u << 6,
    FM_POSITION_EXTENT = 1u << 7,
    FM_POSITION_ALL = (1u << 8) - 1
};

/* Filter for fm_store_position_list: NULL members match everything. */
typedef struct fm_position_query {
    const char *fair_id;
    const char *department_id;
} fm_position_query;

/* Free the record's strings and zero it. NULL-safe. */
void fm_position_release(fm_position *p);

/* Release n records and free the array. NULL-safe. */
void fm_position_list_free(fm_position *v, size_t n);

/*
 * Check a record: ids non-empty, occupation "" or four digits, places 1...10000,
 * requires_driving_licence 0/1, min_swedish_level -1...5, extent 0 or in
 * (0, 100]. On failure err->msg reads "<field>: <problem>". Returns FM_OK or
 * FM_EINVAL. Pure (existence of department and fair is the store's check).
 */
fm_rc fm_position_validate(const fm_position *p, fm_err *err);

/*
 * Read position id into *out (caller storage; release with fm_position_release).
 * Returns FM_OK, FM_ENOTFOUND, FM_EDB, FM_ENOMEM.
 */
fm_rc fm_store_position_get(fm_store *s, const char *id, fm_position *out, fm_err *err);

/*
 * Positions matching q (NULL = all), sorted by fair, department, id.
 * OUT: *out (caller frees with fm_position_list_free; NULL when *n is 0), *n.
 * Returns FM_OK, FM_EDB, FM_ENOMEM.
 */
fm_rc fm_store_position_list(fm_store *s, const fm_position_query *q, fm_position **out, size_t *n,
                             fm_err *err);

/*
 * Validate p and insert it, or update the position with the same id (only
 * the FM_POSITION_* fields set in `fields` on update). OUT: *created,
 * *changed (each may be NULL) as for fm_store_department_upsert.
 * No transaction, no audit (the audited writes are fm_store_position_add
 * and fm_store_position_edit). Returns FM_OK, FM_EINVAL, FM_ENOTFOUND (the
 * department or fair does not exist), FM_EDB.
 */
fm_rc fm_store_position_upsert(fm_store *s, const fm_position *p, unsigned fields, bool *created,
                               bool *changed, fm_err *err);

/*
 * Add position p as one transaction with its audit row ("create", entity
 * "position", detail the fair's id, by actor). An existing id is refused:
 * FM_ECONFLICT, "id: position ... exists already". On any failure nothing
 * is written, no audit row either. Returns FM_OK, FM_ECONFLICT, and as
 * fm_store_position_upsert.
 */
fm_rc fm_store_position_add(fm_store *s, const char *actor, const fm_position *p, fm_err *err);

/*
 * Changes one stored position in place for fm_store_position_edit: arg is
 * the caller's, p the stored record; sets in *fields the FM_POSITION_* bits
 * of what it changed. It may also refuse (an error return, err set), e.g.
 * when the caller may not touch this position; it runs inside the edit's
 * transaction and may read the same store.
 */
typedef fm_rc (*fm_position_edit_fn)(void *arg, fm_position *p, unsigned *fields, fm_err *err);

/*
 * Edit position id as one transaction: read it into *out, let edit change
 * it, write the changed fields and the audit row ("update", entity
 * "position", by actor), commit. On any failure nothing is written, no
 * audit row either. *out (caller storage; fm_position_release in every
 * case) is the record as written. Returns FM_OK, FM_ENOTFOUND, what edit
 * returns, and as fm_store_position_upsert.
 */
fm_rc fm_store_position_edit(fm_store *s, const char *actor, const char *id,
                             fm_position_edit_fn edit, void *arg, fm_position *out, fm_err *err);

/*
 * Delete position id. Returns FM_OK, FM_ENOTFOUND, FM_ECONFLICT (interviews
 * or employments refer to it), FM_EDB.
 */
fm_rc fm_store_position_delete(fm_store *s, const char *id, fm_err *err);

#endif
