/*
 * repo_entity.c - what the entity repositories share (repo_entity.h): a
 * list by text parameters, the existence check of what a record refers to,
 * and one transaction around an audited write. What is read or written is
 * the callers' business.
 */
#include "repo_entity.h"

fm_rc fm_repo_transact(fm_store *s, fm_repo_body body, void *arg, fm_err *err)
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

fm_rc fm_repo_must_exist(fm_store *s, const char *table, const char *what, const char *id,
                         fm_err *err)
{
    bool found = false;
    fm_rc rc = fm_repo_exists(s, table, "id", id, &found, err);

    if (!rc && !found)
        rc = fm_err_set(err, FM_ENOTFOUND, "%s: \"%s\" is not a known %s", what, id, what);
    return rc;
}

fm_rc fm_repo_list_by(fm_store *s, const char *sql, const char *const *params, size_t nparams,
                      size_t elem, fm_repo_reader read, fm_repo_freer release, void **out,
                      size_t *n, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc;

    *out = NULL;
    *n = 0;
    rc = fm_repo_prepare(s, sql, &st, err);
    if (rc)
        goto done;
    for (size_t i = 0; i < nparams; i++)
        fm_store_bind_text(st, (int)i + 1, params[i]);
    rc = fm_repo_list(s, st, elem, read, release, out, n, err);
done:
    sqlite3_finalize(st);
    return rc;
}
