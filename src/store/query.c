/*
 * query.c - the statement helpers of query.h. They know no entity but the
 * fair, whose existence many writes check first and whose date two rule
 * sets read; the entity reads and writes that use them live in the
 * *_repo.c files.
 */
#include "query.h"

#include <stddef.h>

#include "repo.h"

fm_rc fm_store_query_int(fm_store *s, const char *sql, const char *arg, long long *out, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc;

    rc = fm_repo_prepare(s, sql, &st, err);
    if (rc)
        goto done;
    if (sqlite3_bind_parameter_count(st) > 0)
        fm_store_bind_text(st, 1, arg);
    if (sqlite3_step(st) != SQLITE_ROW) {
        rc = fm_store_dberr(s, err, sql);
        goto done;
    }
    *out = sqlite3_column_int64(st, 0);
done:
    sqlite3_finalize(st);
    return rc;
}

fm_rc fm_store_query_i64(fm_store *s, const char *sql, const char *t1, const char *t2, int64_t i3,
                         int64_t dflt, int64_t *out, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc;
    int r;

    *out = dflt;
    rc = fm_store_stmt_cached(s, sql, &st, err);
    if (rc)
        goto done;
    fm_store_bind_args(st, t1, t2, i3, 0);
    r = sqlite3_step(st);
    if (r == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
        *out = sqlite3_column_int64(st, 0);
    else if (r != SQLITE_ROW && r != SQLITE_DONE)
        rc = fm_store_dberr(s, err, "database");
done:
    fm_store_stmt_done(st);
    return rc;
}

fm_rc fm_store_exec(fm_store *s, const char *sql, const char *t1, const char *t2, int64_t i3,
                    int64_t i4, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc;

    rc = fm_repo_prepare(s, sql, &st, err);
    if (rc)
        goto done;
    fm_store_bind_args(st, t1, t2, i3, i4);
    rc = fm_store_step_done(s, st, err);
done:
    sqlite3_finalize(st);
    return rc;
}

fm_rc fm_store_exec_ints(fm_store *s, const char *sql, int64_t a, int64_t b, int64_t c, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc;
    int np;

    rc = fm_repo_prepare(s, sql, &st, err);
    if (rc)
        goto done;
    np = sqlite3_bind_parameter_count(st);
    sqlite3_bind_int64(st, 1, a);
    if (np >= 2)
        sqlite3_bind_int64(st, 2, b);
    if (np >= 3)
        sqlite3_bind_int64(st, 3, c);
    rc = fm_store_step_done(s, st, err);
done:
    sqlite3_finalize(st);
    return rc;
}

void fm_store_bind_args(sqlite3_stmt *st, const char *t1, const char *t2, int64_t i3, int64_t i4)
{
    int np = sqlite3_bind_parameter_count(st);

    if (np >= 1)
        fm_store_bind_text(st, 1, t1);
    if (np >= 2)
        fm_store_bind_text(st, 2, t2);
    if (np >= 3)
        sqlite3_bind_int64(st, 3, i3);
    if (np >= 4)
        sqlite3_bind_int64(st, 4, i4);
}

fm_rc fm_store_step_done(fm_store *s, sqlite3_stmt *st, fm_err *err)
{
    int r = sqlite3_step(st);
    if (r != SQLITE_DONE && r != SQLITE_ROW)
        return fm_store_dberr(s, err, "database");
    return FM_OK;
}

fm_rc fm_store_fair_exists(fm_store *s, const char *fair_id, fm_err *err)
{
    int64_t one = 0;
    fm_rc rc =
        fm_store_query_i64(s, "SELECT 1 FROM fairs WHERE id = ?1", fair_id, NULL, 0, 0, &one, err);
    if (!rc && !one)
        rc = fm_err_set(err, FM_ENOTFOUND, "no fair \"%s\"", fair_id);
    return rc;
}

fm_rc fm_store_fair_date(fm_store *s, const char *fair_id, const char *what, char **date,
                         fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc = fm_repo_prepare(s, "SELECT date FROM fairs WHERE id = ?1", &st, err);
    bool oom = false;
    int r;

    *date = NULL;
    if (rc)
        goto done;
    fm_store_bind_text(st, 1, fair_id);
    r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        *date = fm_repo_dup(st, 0, &oom);
        if (oom || !*date) /* NOT NULL in the schema: no text is out of memory */
            rc = fm_err_set(err, FM_ENOMEM, "out of memory");
    } else if (r == SQLITE_DONE) {
        rc = fm_err_set(err, FM_ENOTFOUND, "no fair \"%s\"", fair_id);
    } else {
        rc = fm_store_dberr(s, err, what);
    }
done:
    sqlite3_finalize(st);
    return rc;
}

fm_rc fm_store_begin_fair(fm_store *s, const char *fair_id, fm_err *err)
{
    fm_rc rc = fm_store_begin(s, err);

    if (!rc)
        rc = fm_store_fail_rollback(s, fm_store_fair_exists(s, fair_id, err));
    return rc;
}

fm_rc fm_store_fail_rollback(fm_store *s, fm_rc rc)
{
    if (rc)
        fm_store_rollback(s);
    return rc;
}
