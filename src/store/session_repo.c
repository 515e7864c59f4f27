/*
 * session_repo.c - the sessions table: only the hash of a session id is
 * kept, with the user's CSRF token and the two timestamps the idle and
 * absolute timeouts are judged by. The timeouts themselves are the
 * server's policy (src/http/session.c), not decided here; the audited
 * writes of a login, a failed login and a logout are made here.
 */
#include <stdlib.h>
#include <string.h>

#include "fairmatch/user.h"
#include "query.h"
#include "repo.h"
#include "repo_entity.h"

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

    rc = fm_repo_prepare(s, sql, &st, err);
    if (rc)
        goto done;
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
    bool oom = false;
    fm_rc rc;
    int step;

    memset(out, 0, sizeof *out);
    rc = fm_repo_prepare(s, sql, &st, err);
    if (rc)
        goto done;
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
    out->username = fm_repo_dup(st, 1, &oom);
    out->csrf_token = fm_repo_dup(st, 4, &oom);
    out->created_at = sqlite3_column_int64(st, 5);
    out->last_seen = sqlite3_column_int64(st, 6);
    rc = fm_store_read_role(st, 2, 3, &out->role, &out->department_id, err);
    if (!rc && oom)
        rc = fm_err_set(err, FM_ENOMEM, "out of memory");
done:
    sqlite3_finalize(st);
    if (rc)
        fm_session_release(out);
    return rc;
}

fm_rc fm_store_session_touch(fm_store *s, const char *id_hash, int64_t now, fm_err *err)
{
    return fm_store_exec(s, "UPDATE sessions SET last_seen = ?3 WHERE id_hash = ?1", id_hash, NULL,
                         now, 0, err);
}

fm_rc fm_store_session_delete(fm_store *s, const char *id_hash, fm_err *err)
{
    return fm_store_exec(s, "DELETE FROM sessions WHERE id_hash = ?1", id_hash, NULL, 0, 0, err);
}

fm_rc fm_store_session_purge(fm_store *s, int64_t idle_cutoff, int64_t abs_cutoff, fm_err *err)
{
    return fm_store_exec(s, "DELETE FROM sessions WHERE last_seen < ?3 OR created_at < ?4", NULL,
                         NULL, idle_cutoff, abs_cutoff, err);
}

/* fm_store_session_login's and fm_store_session_logout's arguments, for their bodies. */
typedef struct session_write {
    int64_t user_id;
    const char *username;
    const char *id_hash;
    const char *csrf_token;
    int64_t now;
} session_write;

static fm_rc login_body(fm_store *s, void *arg, fm_err *err)
{
    const session_write *a = arg;
    fm_rc rc = fm_store_user_login_ok(s, a->user_id, err);

    if (!rc)
        rc = fm_store_session_create(s, a->id_hash, a->user_id, a->csrf_token, a->now, err);
    if (!rc)
        rc = fm_store_audit(s, a->username, "login", "user", a->username, NULL, err);
    return rc;
}

fm_rc fm_store_session_login(fm_store *s, int64_t user_id, const char *username,
                             const char *id_hash, const char *csrf_token, int64_t now, fm_err *err)
{
    session_write a = {user_id, username, id_hash, csrf_token, now};
    return fm_repo_transact(s, login_body, &a, err);
}

fm_rc fm_store_session_login_failed(fm_store *s, const char *username, fm_err *err)
{
    return fm_store_audit(s, username, "login_failed", "user", username, NULL, err);
}

static fm_rc logout_body(fm_store *s, void *arg, fm_err *err)
{
    const session_write *a = arg;
    fm_rc rc = fm_store_session_delete(s, a->id_hash, err);

    if (!rc)
        rc = fm_store_audit(s, a->username, "logout", "user", a->username, NULL, err);
    return rc;
}

fm_rc fm_store_session_logout(fm_store *s, const char *id_hash, const char *username, fm_err *err)
{
    session_write a = {0, username, id_hash, NULL, 0};
    return fm_repo_transact(s, logout_body, &a, err);
}
