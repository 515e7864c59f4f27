/*
 * session_repo.c - the sessions table: only the hash of a session id is
 * kept, with the user's CSRF token and the two timestamps the idle and
 * absolute timeouts are judged by. The timeouts themselves are the
 * server's policy (src/http/auth.c), not decided here.
 */
#include <stdlib.h>
#include <string.h>

#include "fairmatch/user.h"
#include "store_internal.h"

void fm_session_release(fm_session *s)
{
    if (!s)
        return;
    free(s->username);
    free(s->department_id);
    free(s->csrf_token);
    memset(s, 0, sizeof *s);
}

fm_rc fm_store_session_create(fm_store *s, const char *id_hash, int64_t user_id,
                              const char *csrf_token, int64_t now, fm_err *err)
{
    static const char sql[] = "INSERT INTO sessions(id_hash, user_id, csrf_token, created_at,"
                              " last_seen) VALUES (?, ?, ?, ?, ?)";
    sqlite3_stmt *st = NULL;
    fm_rc rc = FM_OK;

    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        rc = fm_store_dberr(s, err, "sessions");
        goto done;
    }
    fm_store_bind_text(st, 1, id_hash);
    sqlite3_bind_int64(st, 2, user_id);
    fm_store_bind_text(st, 3, csrf_token);
    sqlite3_bind_int64(st, 4, now);
    sqlite3_bind_int64(st, 5, now);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = fm_store_dberr(s, err, "sessions");
done:
    sqlite3_finalize(st);
    return rc;
}

fm_rc fm_store_session_get(fm_store *s, const char *id_hash, fm_session *out, fm_err *err)
{
    static const char sql[] =
        "SELECT u.id, u.username, u.role, u.department_id, s.csrf_token, s.created_at,"
        " s.last_seen FROM sessions s JOIN users u ON u.id = s.user_id"
        " WHERE s.id_hash = ? AND u.disabled_at IS NULL";
    sqlite3_stmt *st = NULL;
    fm_rc rc = FM_OK;
    char *role = NULL;
    int step;

    memset(out, 0, sizeof *out);
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        rc = fm_store_dberr(s, err, "sessions");
        goto done;
    }
    fm_store_bind_text(st, 1, id_hash);
    step = sqlite3_step(st);
    if (step == SQLITE_DONE) {
        rc = fm_err_set(err, FM_ENOTFOUND, "no such session");
        goto done;
    }
    if (step != SQLITE_ROW) {
        rc = fm_store_dberr(s, err, "sessions");
        goto done;
    }
    out->user_id = sqlite3_column_int64(st, 0);
    out->username = fm_store_column_dup(st, 1);
    role = fm_store_column_dup(st, 2);
    out->department_id = fm_store_column_dup(st, 3);
    out->csrf_token = fm_store_column_dup(st, 4);
    out->created_at = sqlite3_column_int64(st, 5);
    out->last_seen = sqlite3_column_int64(st, 6);
    if (!out->username || !out->csrf_token || !fm_role_parse(role, &out->role))
        rc = fm_err_set(err, FM_ENOMEM, "out of memory");
done:
    free(role);
    sqlite3_finalize(st);
    if (rc)
        fm_session_release(out);
    return rc;
}

static fm_rc exec2(fm_store *s, const char *sql, const char *text, int64_t a, int64_t b,
                   fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc = FM_OK;

    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        rc = fm_store_dberr(s, err, "sessions");
        goto done;
    }
    if (text)
        fm_store_bind_text(st, 1, text);
    else
        sqlite3_bind_int64(st, 1, a);
    sqlite3_bind_int64(st, 2, b);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = fm_store_dberr(s, err, "sessions");
done:
    sqlite3_finalize(st);
    return rc;
}

fm_rc fm_store_session_touch(fm_store *s, const char *id_hash, int64_t now, fm_err *err)
{
    return exec2(s, "UPDATE sessions SET last_seen = ?2 WHERE id_hash = ?1", id_hash, 0, now, err);
}

fm_rc fm_store_session_delete(fm_store *s, const char *id_hash, fm_err *err)
{
    return exec2(s, "DELETE FROM sessions WHERE id_hash = ?1 AND ?2 = 0", id_hash, 0, 0, err);
}

fm_rc fm_store_session_purge(fm_store *s, int64_t idle_cutoff, int64_t abs_cutoff, fm_err *err)
{
    return exec2(s, "DELETE FROM sessions WHERE last_seen < ?1 OR created_at < ?2", NULL,
                 idle_cutoff, abs_cutoff, err);
}
