/*
 * fairmatch/department.h - a department (förvaltning): its size, which sets
 * its share of the programme's goal, and how many interview tables it staffs.
 *
 * Records are transparent; strings inside them are heap-owned by the record
 * and freed with fm_department_release(). Validation is pure (src/core);
 * fm_store_department_* read and write the database (src/store).
 * Threads: the store functions use one fm_store, one thread at a time.
 */
#ifndef FAIRMATCH_DEPARTMENT_H
#define FAIRMATCH_DEPARTMENT_H

#include <stdbool.h>
#include <stddef.h>

#include "fairmatch/err.h"
#include "fairmatch/store.h"

typedef struct fm_department {
    char *id;       /* the organisers' own id, e.g. "UBF"; required */
    char *name;     /* required, non-empty */
    long employees; /* headcount >= 0; the quota is proportional to it */
    int tables;     /* interview tables at a fair, 0...100 (default 1) */
} fm_department;

/* Bits naming fields for fm_store_department_upsert's `fields`. */
enum {
    FM_DEPARTMENT_NAME = 1u << 0,
    FM_DEPARTMENT_EMPLOYEES = 1u << 1,
    FM_DEPARTMENT_TABLES = 1u << 2,
    FM_DEPARTMENT_ALL = (1u << 3) - 1
};

/* Free the record's strings and zero it. NULL-safe; the struct itself is the caller's. */
void fm_department_release(fm_department *d);

/* Release n records and free the array (as returned by fm_store_department_list). NULL-safe. */
void fm_department_list_free(fm_department *v, size_t n);

/*
 * Check a record before it is stored: id and name non-empty, employees >= 0,
 * tables 0...100. On failure err->msg reads "<field>: <problem>".
 * Returns FM_OK or FM_EINVAL. Pure.
 */
fm_rc fm_department_validate(const fm_department *d, fm_err *err);

/*
 * Read department id into *out (caller storage; release with
 * fm_department_release). Returns FM_OK, FM_ENOTFOUND (err names the id),
 * FM_EDB, FM_ENOMEM. *out is zeroed on failure.
 */
fm_rc fm_store_department_get(fm_store *s, const char *id, fm_department *out, fm_err *err);

/*
 * All departments sorted by id. OUT: *out (caller frees with
 * fm_department_list_free; NULL when n is 0), *n.
 * Returns FM_OK, FM_EDB, FM_ENOMEM.
 */
fm_rc fm_store_department_list(fm_store *s, fm_department **out, size_t *n, fm_err *err);

/*
 * Validate d and insert it, or update the department with the same id,
 * writing on update only the fields whose FM_DEPARTMENT_* bit is set in
 * `fields` (FM_DEPARTMENT_ALL replaces the record).
 * OUT: *created (may be NULL): a new row was inserted; *changed (may be
 * NULL): a row was inserted or an update altered a value.
 * Does not open a transaction and writes no audit row: callers that change
 * several rows wrap them in fm_store_begin/commit and call fm_store_audit;
 * one department's audited write is fm_store_department_save.
 * Returns FM_OK, FM_EINVAL, FM_ECONFLICT (a constraint refused it), FM_EDB.
 */
fm_rc fm_store_department_upsert(fm_store *s, const fm_department *d, unsigned fields,
                                 bool *created, bool *changed, fm_err *err);

/*
 * Create (create true) or edit one department as its own transaction with
 * its audit row ("create" or "update", entity "department", by actor).
 * Create refuses an existing id (FM_ECONFLICT, "id: department ... exists
 * already") and writes every field. Update needs the department
 * (FM_ENOTFOUND), writes the FM_DEPARTMENT_* fields set in `fields` and
 * fills the others into *d from the stored row (d owns the name), so that
 * on FM_OK *d is the record as stored. Fewer tables that would leave held
 * or scheduled interviews at a table that is gone: FM_ECONFLICT with
 * err->code "department_would_orphan". On any failure nothing is written,
 * no audit row either. Returns FM_OK, FM_EINVAL, FM_ENOTFOUND, FM_ECONFLICT,
 * FM_EDB, FM_ENOMEM.
 */
fm_rc fm_store_department_save(fm_store *s, const char *actor, fm_department *d, unsigned fields,
                               bool create, fm_err *err);

/*
 * Delete department id. Returns FM_OK, FM_ENOTFOUND, FM_ECONFLICT (positions,
 * employments or users still refer to it), FM_EDB.
 */
fm_rc fm_store_department_delete(fm_store *s, const char *id, fm_err *err);

/*
 * The department whose id, followed by '-', starts the string id (the
 * longest such department id when several do), e.g. "UBF" for "UBF-12".
 * Position ids are scoped this way (docs/api.md, "Positions"). OUT: *owner,
 * caller frees; NULL when no department's prefix matches.
 */
fm_rc fm_store_department_id_prefix_owner(fm_store *s, const char *id, char **owner, fm_err *err);

#endif
