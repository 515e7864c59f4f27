/*
 * repo_entity.h - what the entity repositories (fair, department, seeker,
 * position, employment) share beyond repo.h: a filtered list whose
 * parameters are all text, the check that a row a record refers to exists,
 * and one audited write as one transaction (the BEGIN, COMMIT and ROLLBACK
 * live here once). Never included outside src/store/.
 */
#ifndef FAIRMATCH_REPO_ENTITY_H
#define FAIRMATCH_REPO_ENTITY_H

#include <stddef.h>

#include "fairmatch/err.h"
#include "fairmatch/store.h"
#include "repo.h"

/* The body of a write: everything between BEGIN and COMMIT. */
typedef fm_rc (*fm_repo_body)(fm_store *s, void *arg, fm_err *err);

/*
 * Run body(s, arg, err) between BEGIN IMMEDIATE and COMMIT; when the body
 * or the commit fails, roll back, so that nothing of it (its audit row
 * included) is left. Returns FM_OK, what body returns, FM_EDB.
 */
fm_rc fm_repo_transact(fm_store *s, fm_repo_body body, void *arg, fm_err *err);

/*
 * Run sql with its parameters ?1...?nparams bound to params (NULL binds SQL
 * NULL) and read every row with read into an array of elem-sized records.
 * OUT: *out (caller frees with release; NULL when *n is 0), *n.
 * Returns FM_OK, FM_EDB, FM_ENOMEM.
 */
fm_rc fm_repo_list_by(fm_store *s, const char *sql, const char *const *params, size_t nparams,
                      size_t elem, fm_repo_reader read, fm_repo_freer release, void **out,
                      size_t *n, fm_err *err);

/*
 * FM_ENOTFOUND "<what>: \"<id>\" is not a known <what>" unless table has a
 * row with that id: a clear message where a foreign key would only fail.
 * Returns FM_OK, FM_ENOTFOUND, FM_EDB.
 */
fm_rc fm_repo_must_exist(fm_store *s, const char *table, const char *what, const char *id,
                         fm_err *err);

#endif
