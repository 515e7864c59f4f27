/*
 * user_repo.c - the users table: add, look up, list, and the failed-login
 * counter behind the per-account lock. It never sees a password, only the
 * argon2id string the caller hashed (fairmatch/auth.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/user.h"
#include "store_internal.h"

static const char *const role_names[] = {"organiser", "manager", "steering"};

const char *fm_role_name(fm_role r)
{
    return (unsigned)r < 3 ? role_names[r] : "unknown";
}

int fm_role_parse(const char *s, fm_role *out)
{
    for (int i = 0; i < 3; i++) {
        if (s && !strcmp(s, role_names[i])) {
            *out = (fm_role)i;
            return 1;
        }
    }
    return 0;
}

void fm_user_release(fm_user *u)
{
    if (!u)
        return;
    free(u->username);
    free(u->department_id);
    free(u->password_hash);
    free(u->created_at);
    memset(u, 0, sizeof *u);
}

void fm_user_list_free(fm_user *list, size_t n)
{
    for (size_t i = 0; list && i < n; i++)
        fm_user_release(&list[i]);
    free(list);
}

fm_rc fm_store_user_add(fm_store *s, const char *actor, const char *username, fm_role role,
                        const char *department_id, const char *password_hash, int64_t *id_out,
                        fm_err *err)
{
    static const char sql[] =
        "INSERT INTO users(username, role, department_id, password_hash, created_at)"
        " VALUES (?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ','now'))";
    sqlite3_stmt *st = NULL;
    int64_t id = 0;
    fm_rc rc;

    if (!username || !*username || strlen(username) > 64)
        return fm_err_set(err, FM_EINVAL, "username: must be 1-64 characters");
    if ((role == FM_ROLE_MANAGER) != (department_id != NULL))
        return fm_err_set(err, FM_EINVAL,
                          role == FM_ROLE_MANAGER ? "department: a manager needs --department"
                                                  : "department: only a manager has a department");
    rc = fm_store_begin(s, err);
    if (rc)
        return rc;
    if (department_id) {
        if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM departments WHERE id = ?", -1, &st, NULL)) {
            rc = fm_store_dberr(s, err, "users");
            goto done;
        }
        fm_store_bind_text(st, 1, department_id);
        if (sqlite3_step(st) != SQLITE_ROW) {
            rc = fm_err_set(err, FM_EINVAL, "department: no department '%s'", department_id);
            goto done;
        }
        sqlite3_finalize(st);
        st = NULL;
    }
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        rc = fm_store_dberr(s, err, "users");
        goto done;
    }
    fm_store_bind_text(st, 1, username);
    fm_store_bind_text(st, 2, fm_role_name(role));
    fm_store_bind_text(st, 3, department_id);
    fm_store_bind_text(st, 4, password_hash);
    if (sqlite3_step(st) != SQLITE_DONE) {
        rc = fm_store_dberr(s, err, "users");
        if (rc == FM_ECONFLICT)
            fm_err_set(err, FM_ECONFLICT, "username: '%s' exists already", username);
        goto done;
    }
    id = sqlite3_last_insert_rowid(s->db);
    rc = fm_store_audit(s, actor, "create", "user", username, fm_role_name(role), err);
    if (rc)
        goto done;
    rc = fm_store_commit(s, err);
done:
    sqlite3_finalize(st);
    if (rc)
        fm_store_rollback(s);
    else if (id_out)
        *id_out = id;
    return rc;
}

#define USER_COLS                                                                                  \
    "id, username, role, department_id, password_hash, created_at, failed_logins,"                 \
    " COALESCE(CAST(strftime('%s', locked_until) AS INTEGER), 0), disabled_at IS NOT NULL"

static void read_user(sqlite3_stmt *st, fm_user *u)
{
    char *role = fm_store_column_dup(st, 2);
    u->id = sqlite3_column_int64(st, 0);
    u->username = fm_store_column_dup(st, 1);
    if (!fm_role_parse(role, &u->role))
        u->role = FM_ROLE_STEERING; /* the CHECK constraint makes this unreachable */
    free(role);
    u->department_id = fm_store_column_dup(st, 3);
    u->password_hash = fm_store_column_dup(st, 4);
    u->created_at = fm_store_column_dup(st, 5);
    u->failed_logins = sqlite3_column_int(st, 6);
    u->locked_until = sqlite3_column_int64(st, 7);
    u->disabled = sqlite3_column_int(st, 8) != 0;
}

static fm_rc get_one(fm_store *s, const char *sql, const char *name, int64_t id, fm_user *out,
                     fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc = FM_OK;
    int step;

    memset(out, 0, sizeof *out);
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        rc = fm_store_dberr(s, err, "users");
        goto done;
    }
    if (name)
        fm_store_bind_text(st, 1, name);
    else
        sqlite3_bind_int64(st, 1, id);
    step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        read_user(st, out);
        if (!out->username)
            rc = fm_err_set(err, FM_ENOMEM, "out of memory");
    } else if (step == SQLITE_DONE) {
        rc = fm_err_set(err, FM_ENOTFOUND, "no such user");
    } else {
        rc = fm_store_dberr(s, err, "users");
    }
done:
    sqlite3_finalize(st);
    if (rc)
        fm_user_release(out);
    return rc;
}

fm_rc fm_store_user_get_by_name(fm_store *s, const char *username, fm_user *out, fm_err *err)
{
    return get_one(s, "SELECT " USER_COLS " FROM users WHERE username = ?", username, 0, out, err);
}

fm_rc fm_store_user_get(fm_store *s, int64_t id, fm_user *out, fm_err *err)
{
    return get_one(s, "SELECT " USER_COLS " FROM users WHERE id = ?", NULL, id, out, err);
}

fm_rc fm_store_user_list(fm_store *s, fm_user **out, size_t *n, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_user *list = NULL;
    size_t len = 0, cap = 0;
    fm_rc rc = FM_OK;
    int step;

    *out = NULL;
    *n = 0;
    if (sqlite3_prepare_v2(s->db, "SELECT " USER_COLS " FROM users ORDER BY username", -1, &st,
                           NULL) != SQLITE_OK) {
        rc = fm_store_dberr(s, err, "users");
        goto done;
    }
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (len == cap) {
            size_t ncap = cap ? cap * 2 : 8;
            fm_user *p = realloc(list, ncap * sizeof *p);
            if (!p) {
                rc = fm_err_set(err, FM_ENOMEM, "out of memory");
                goto done;
            }
            list = p;
            cap = ncap;
        }
        memset(&list[len], 0, sizeof list[len]);
        read_user(st, &list[len]);
        free(list[len].password_hash);
        list[len].password_hash = NULL;
        len++;
    }
    if (step != SQLITE_DONE)
        rc = fm_store_dberr(s, err, "users");
done:
    sqlite3_finalize(st);
    if (rc) {
        fm_user_list_free(list, len);
        return rc;
    }
    *out = list;
    *n = len;
    return FM_OK;
}

static fm_rc exec_id(fm_store *s, const char *sql, int64_t a, int64_t b, int64_t id, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc = FM_OK;

    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        rc = fm_store_dberr(s, err, "users");
        goto done;
    }
    sqlite3_bind_int64(st, 1, a);
    sqlite3_bind_int64(st, 2, b);
    sqlite3_bind_int64(st, 3, id);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = fm_store_dberr(s, err, "users");
done:
    sqlite3_finalize(st);
    return rc;
}

fm_rc fm_store_user_login_claim(fm_store *s, int64_t id, int64_t now, int max_failures,
                                int64_t lock_seconds, bool *allowed, int64_t *locked_until,
                                fm_err *err)
{
    /*
     * One statement, so that parallel attempts cannot all read "not locked"
     * before any of them counts: each attempt is counted (as a failure until
     * fm_store_user_login_ok says otherwise) before its password is checked,
     * and the attempt that reaches max_failures sets the lock itself. An
     * expired lock starts the count again.
     */
    static const char sql[] =
        "UPDATE users SET"
        " failed_logins = CASE WHEN locked_until IS NULL THEN failed_logins + 1 ELSE 1 END,"
        " locked_until = CASE WHEN"
        "   (CASE WHEN locked_until IS NULL THEN failed_logins + 1 ELSE 1 END) >= ?1"
        "   THEN strftime('%Y-%m-%dT%H:%M:%SZ', ?2, 'unixepoch') ELSE NULL END"
        " WHERE id = ?3 AND disabled_at IS NULL AND (locked_until IS NULL"
        "   OR CAST(strftime('%s', locked_until) AS INTEGER) <= ?4)";
    sqlite3_stmt *st = NULL;
    fm_user u = {0};
    fm_rc rc = FM_OK;

    *allowed = false;
    *locked_until = 0;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        rc = fm_store_dberr(s, err, "users");
        goto done;
    }
    sqlite3_bind_int(st, 1, max_failures);
    sqlite3_bind_int64(st, 2, now + lock_seconds);
    sqlite3_bind_int64(st, 3, id);
    sqlite3_bind_int64(st, 4, now);
    if (sqlite3_step(st) != SQLITE_DONE) {
        rc = fm_store_dberr(s, err, "users");
        goto done;
    }
    if (sqlite3_changes(s->db) == 1) {
        *allowed = true;
        goto done;
    }
    rc = fm_store_user_get(s, id, &u, err);
    if (!rc && u.locked_until > now)
        *locked_until = u.locked_until;
done:
    fm_user_release(&u);
    sqlite3_finalize(st);
    return rc;
}

fm_rc fm_store_user_login_ok(fm_store *s, int64_t id, fm_err *err)
{
    return exec_id(s,
                   "UPDATE users SET failed_logins = ?1 * 0 + ?2, locked_until = NULL"
                   " WHERE id = ?3",
                   0, 0, id, err);
}

/* Run sql (?1 = username, ?2 = arg) on one user inside the caller's transaction. */
static fm_rc user_exec(fm_store *s, const char *sql, const char *username, const char *arg,
                       fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc = FM_OK;

    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        rc = fm_store_dberr(s, err, "users");
        goto done;
    }
    fm_store_bind_text(st, 1, username);
    if (sqlite3_bind_parameter_count(st) >= 2)
        fm_store_bind_text(st, 2, arg);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = fm_store_dberr(s, err, "users");
done:
    sqlite3_finalize(st);
    return rc;
}

/*
 * One change to a user, all or nothing: revoke (delete) the user's sessions
 * first when asked, then sql, then the audit row naming how many sessions
 * ended. Never a password or hash in the audit row.
 */
static fm_rc user_change(fm_store *s, const char *actor, const char *username, const char *sql,
                         const char *arg, const char *action, bool revoke, int *revoked,
                         fm_err *err)
{
    char detail[64];
    int n = 0;
    fm_rc rc;

    if (revoked)
        *revoked = 0;
    rc = fm_store_begin(s, err);
    if (rc)
        return rc;
    if (revoke) {
        rc = user_exec(s,
                       "DELETE FROM sessions WHERE user_id IN"
                       " (SELECT id FROM users WHERE username = ?1)",
                       username, NULL, err);
        if (rc)
            goto done;
        n = sqlite3_changes(s->db);
    }
    rc = user_exec(s, sql, username, arg, err);
    if (rc)
        goto done;
    if (sqlite3_changes(s->db) == 0) {
        rc = fm_err_set(err, FM_ENOTFOUND, "username: no user '%s'", username);
        goto done;
    }
    snprintf(detail, sizeof detail, "%d session%s revoked", n, n == 1 ? "" : "s");
    rc = fm_store_audit(s, actor, action, "user", username, detail, err);
    if (rc)
        goto done;
    rc = fm_store_commit(s, err);
done:
    if (rc)
        fm_store_rollback(s);
    else if (revoked)
        *revoked = n;
    return rc;
}

fm_rc fm_store_user_set_disabled(fm_store *s, const char *actor, const char *username,
                                 bool disabled, int *revoked, fm_err *err)
{
    if (disabled)
        return user_change(s, actor, username,
                           "UPDATE users SET disabled_at = strftime('%Y-%m-%dT%H:%M:%SZ','now')"
                           " WHERE username = ?1",
                           NULL, "disable", true, revoked, err);
    /* Enabling also lifts a lock: the organiser has vouched for the account. */
    return user_change(s, actor, username,
                       "UPDATE users SET disabled_at = NULL, failed_logins = 0,"
                       " locked_until = NULL WHERE username = ?1",
                       NULL, "enable", false, revoked, err);
}

fm_rc fm_store_user_set_password(fm_store *s, const char *actor, const char *username,
                                 const char *password_hash, int *revoked, fm_err *err)
{
    return user_change(s, actor, username,
                       "UPDATE users SET password_hash = ?2, failed_logins = 0,"
                       " locked_until = NULL WHERE username = ?1",
                       password_hash, "passwd", true, revoked, err);
}

fm_rc fm_store_user_remove(fm_store *s, const char *actor, const char *username, int *revoked,
                           fm_err *err)
{
    return user_change(s, actor, username, "DELETE FROM users WHERE username = ?1", NULL, "remove",
                       true, revoked, err);
}
