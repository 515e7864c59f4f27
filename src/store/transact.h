/*
 * transact.h - one audited write as one transaction, for the *_repo.c files
 * whose saves read the old row, write and audit: the BEGIN, COMMIT and
 * ROLLBACK live here once. Never included outside src/store/.
 */
#ifndef FAIRMATCH_TRANSACT_H
#define FAIRMATCH_TRANSACT_H

#include "fairmatch/err.h"
#include "fairmatch/store.h"

/* The body of a write: everything between BEGIN and COMMIT. */
typedef fm_rc (*fm_transact_fn)(fm_store *s, void *arg, fm_err *err);

/*
 * Run body(s, arg, err) between BEGIN IMMEDIATE and COMMIT; when the body
 * or the commit fails, roll back, so that nothing of it (its audit row
 * included) is left. Returns FM_OK, what body returns, FM_EDB.
 */
fm_rc fm_transact(fm_store *s, fm_transact_fn body, void *arg, fm_err *err);

#endif
