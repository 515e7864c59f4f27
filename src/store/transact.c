/*
 * transact.c - one audited write as one transaction (transact.h). What is
 * written is the body's business; this file only begins, commits and, on
 * any failure, rolls back.
 */
#include "transact.h"

fm_rc fm_transact(fm_store *s, fm_transact_fn body, void *arg, fm_err *err)
{
    fm_rc rc = fm_store_begin(s, err);

    /* No rollback when BEGIN failed: a transaction that is not ours stays. */
    if (!rc) {
        rc = body(s, arg, err);
        if (!rc)
            rc = fm_store_commit(s, err);
        if (rc)
            fm_store_rollback(s);
    }
    return rc;
}
