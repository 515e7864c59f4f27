/*
 * query.c - the one-integer query helper of query.h. It owns nothing else;
 * entity reads live in the *_repo.c files.
 */
#include "query.h"

#include <stddef.h>

fm_rc fm_store_query_int(fm_store *s, const char *sql, const char *arg, long long *out, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc = FM_OK;

    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        rc = fm_store_dberr(s, err, sql);
        goto done;
    }
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
