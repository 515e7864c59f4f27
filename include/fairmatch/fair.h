/*
 * fairmatch/fair.h - a recruitment fair (rekryteringsmässa): its day, when
 * interviews start, how long one interview period is and how many periods
 * there are. The timetable of a fair is periods x tables.
 *
 * Records are transparent; strings are heap-owned by the record and freed
 * with fm_fair_release(). Validation is pure (src/core/fair.c); the
 * fm_store_fair_* functions touch the database (src/store/fair_repo.c).
 * Threads: the store functions use one fm_store, one thread at a time.
 */
#ifndef FAIRMATCH_FAIR_H
#define FAIRMATCH_FAIR_H

#include <stdbool.h>
#include <stddef.h>

#include "fairmatch/err.h"
#include "fairmatch/store.h"

typedef struct fm_fair {
    char *id;           /* required */
    char *date;         /* "YYYY-MM-DD", required */
    char *start;        /* "HH:MM", first period's start; required */
    int period_minutes; /* 1...240 */
    int periods;        /* 1...96 */
    char *name;         /* may be NULL */
    char *place;        /* may be NULL */
    char *status;       /* "planned" (NULL means planned on write), "matched" or "held" */
} fm_fair;

/* Bits naming fields for fm_store_fair_upsert's `fields`. */
enum {
    FM_FAIR_DATE = 1u << 0,
    FM_FAIR_START = 1u << 1,
    FM_FAIR_PERIOD_MINUTES = 1u << 2,
    FM_FAIR_PERIODS = 1u << 3,
    FM_FAIR_NAME = 1u << 4,
    FM_FAIR_PLACE = 1u << 5,
    FM_FAIR_STATUS = 1u << 6,
    FM_FAIR_ALL = (1u << 7) - 1
};

/* Free the record's strings and zero it. NULL-safe. */
void fm_fair_release(fm_fair *f);

/* Release n records and free the array. NULL-safe. */
void fm_fair_list_free(fm_fair *v, size_t n);

/* True when s is planned, matched or held. */
bool fm_fair_status_valid(const char *s);

/*
 * Check a record: id non-empty, date a real YYYY-MM-DD, start HH:MM,
 * period_minutes 1...240, periods 1...96, status valid when set, and the
 * last period ending by 24:00. On failure err->msg reads "<field>: <problem>".
 * Returns FM_OK or FM_EINVAL. Pure.
 */
fm_rc fm_fair_validate(const fm_fair *f, fm_err *err);

/*
 * Read fair id into *out (caller storage; release with fm_fair_release).
 * Returns FM_OK, FM_ENOTFOUND, FM_EDB, FM_ENOMEM.
 */
fm_rc fm_store_fair_get(fm_store *s, const char *id, fm_fair *out, fm_err *err);

/*
 * All fairs sorted by date, then id. OUT: *out (caller frees with
 * fm_fair_list_free; NULL when *n is 0), *n. Returns FM_OK, FM_EDB, FM_ENOMEM.
 */
fm_rc fm_store_fair_list(fm_store *s, fm_fair **out, size_t *n, fm_err *err);

/*
 * Validate f and insert it, or update the fair with the same id (only the
 * FM_FAIR_* fields set in `fields` on update). OUT: *created, *changed (each
 * may be NULL) as for fm_store_department_upsert. No transaction, no audit
 * (fm_store_fair_save is the audited write; the import batches upserts).
 * Returns FM_OK, FM_EINVAL, FM_EDB.
 */
fm_rc fm_store_fair_upsert(fm_store *s, const fm_fair *f, unsigned fields, bool *created,
                           bool *changed, fm_err *err);

struct fm_fair_table;
struct fm_orphan;

/*
 * Create (create true) or edit one fair as its own transaction with its
 * audit row ("create" or "update", entity "fair", by actor): the store owns
 * the whole write, callers only parse and render.
 * Create refuses an existing id (FM_ECONFLICT, "id: fair ... exists
 * already") and writes every field (a NULL status is planned). Update needs
 * the fair to exist (FM_ENOTFOUND) and writes the FM_FAIR_* fields set in
 * `fields`; the others are filled into *f from the stored row, so that on
 * FM_OK *f is the record as stored (f owns those strings).
 * t (n_t entries; fairmatch/interview.h) replaces the fair's tables per
 * department; NULL leaves them. An update that would leave held or
 * scheduled interviews outside the day or its tables is refused:
 * FM_ECONFLICT with err->code "fair_would_orphan", and *orph, *norph
 * (fm_orphan_list_free; fairmatch/planning.h) list them; both may be NULL
 * when the caller does not want the list.
 * On any failure nothing is written, no audit row either.
 * Returns FM_OK, FM_EINVAL, FM_ENOTFOUND, FM_ECONFLICT, FM_EDB, FM_ENOMEM.
 */
fm_rc fm_store_fair_save(fm_store *s, const char *actor, fm_fair *f, unsigned fields, bool create,
                         const struct fm_fair_table *t, size_t n_t, struct fm_orphan **orph,
                         size_t *norph, fm_err *err);

/*
 * Delete fair id with its invitations, interviews and solution (cascade).
 * Returns FM_OK, FM_ENOTFOUND, FM_ECONFLICT (positions or employments refer
 * to it), FM_EDB.
 */
fm_rc fm_store_fair_delete(fm_store *s, const char *id, fm_err *err);

#endif
