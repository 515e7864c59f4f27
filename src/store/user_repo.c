/*
 * user_repo.c - the users table: add, look up, list, and the failed-login
 * counter behind the per-account lock. It never sees a password, only the
 * argon2id string the caller hashed (fairmatch/auth.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/user.h"
#include "query.h"
#include "repo.h"

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

/* Insert the user row. OUT: *id. A taken username is FM_ECONFLICT. */
static fm_rc insert_user(fm_store *s, const char *username, fm_role role, const char *department_id,
                         const char *password_hash, int64_t *id, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc;

    rc = fm_repo_prepare(s,
                         "INSERT INTO users(username, role, department_id, password_hash,"
                         " created_at) VALUES (?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ','now'))",
                         &st, err);
    if (rc)
        goto done;
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
    *id = sqlite3_last_insert_rowid(s->db);
done:
    sqlite3_finalize(st);
    return rc;
}

fm_rc fm_store_user_add(fm_store *s, const char *actor, const char *username, fm_role role,
                        const char *department_id, const char *password_hash, int64_t *id_out,
                        fm_err *err)
{
    int64_t id = 0, found = 1;
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
    if (department_id)
        rc = fm_store_query_i64(s, "SELECT 1 FROM departments WHERE id = ?1", department_id, NULL,
                                0, 0, &found, err);
    if (!rc && !found)
        rc = fm_err_set(err, FM_EINVAL, "department: no department '%s'", department_id);
    if (!rc)
        rc = insert_user(s, username, role, department_id, password_hash, &id, err);
    if (!rc)
        rc = fm_store_audit(s, actor, "create", "user", username, fm_role_name(role), err);
    if (!rc)
        rc = fm_store_commit(s, err);
    if (!rc && id_out)
        *id_out = id;
    return fm_store_fail_rollback(s, rc);
}

#define USER_COLS                                                                                  \
    "id, username, role, department_id, password_hash, created_at, failed_logins,"                 \
    " COALESCE(CAST(strftime('%s', locked_until) AS INTEGER), 0), disabled_at IS NOT NULL"

fm_rc fm_store_read_role(sqlite3_stmt *st, int role_col, int dept_col, fm_role *role,
                         char **department_id, fm_err *err)
{
    bool oom = false;
    const char *name = fm_repo_text(st, role_col, &oom);

    *department_id = fm_repo_dup(st, dept_col, &oom);
    if (oom)
        return fm_err_set(err, FM_ENOMEM, "out of memory");
    /* A role read as another, or a manager read without a department, would
       widen what the account may see: a failure, never a fallback. */
    if (!fm_role_parse(name, role))
        return fm_err_set(err, FM_EDB, "users: unknown role \"%s\"", name ? name : "");
    if (*role == FM_ROLE_MANAGER && !*department_id)
        return fm_err_set(err, FM_EDB, "users: a manager without a department");
    return FM_OK;
}

/* Reads the current row (USER_COLS) into elem, an fm_user; on failure leaves it released. */
static fm_rc read_user(sqlite3_stmt *st, void *elem, fm_err *err)
{
    fm_user *u = elem;
    bool oom = false;
    fm_rc rc;

    memset(u, 0, sizeof *u);
    u->id = sqlite3_column_int64(st, 0);
    u->username = fm_repo_dup(st, 1, &oom);
    u->password_hash = fm_repo_dup(st, 4, &oom);
    u->created_at = fm_repo_dup(st, 5, &oom);
    u->failed_logins = sqlite3_column_int(st, 6);
    u->locked_until = sqlite3_column_int64(st, 7);
    u->disabled = sqlite3_column_int(st, 8) != 0;
    rc = fm_store_read_role(st, 2, 3, &u->role, &u->department_id, err);
    if (!rc && oom)
        rc = fm_err_set(err, FM_ENOMEM, "out of memory");
    if (rc)
        fm_user_release(u);
    return rc;
}

/* read_user for a list, which never carries the password hash. */
static fm_rc read_listed_user(sqlite3_stmt *st, void *elem, fm_err *err)
{
    fm_user *u = elem;
    fm_rc rc = read_user(st, elem, err);

    if (!rc) {
        free(u->password_hash);
        u->password_hash = NULL;
    }
    return rc;
}

static void free_users(void *v, size_t n)
{
    fm_user_list_free(v, n);
}

static fm_rc get_one(fm_store *s, const char *sql, const char *name, int64_t id, fm_user *out,
                     fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc;

    memset(out, 0, sizeof *out);
    rc = fm_repo_prepare(s, sql, &st, err);
    if (rc)
        goto done;
    if (name)
        fm_store_bind_text(st, 1, name);
    else
        sqlite3_bind_int64(st, 1, id);
    rc = fm_repo_get(s, st, out, read_user, "user", name ? name : "", err);
    if (rc == FM_ENOTFOUND)
        fm_err_set(err, FM_ENOTFOUND, "no such user");
done:
    sqlite3_finalize(st);
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
    void *v = NULL;
    fm_rc rc;

    rc = fm_repo_list_sql(s, "SELECT " USER_COLS " FROM users ORDER BY username", NULL, NULL,
                          sizeof **out, read_listed_user, free_users, &v, n, err);
    *out = v;
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
    rc = fm_repo_prepare(s, sql, &st, err);
    if (rc)
        goto done;
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
    return fm_store_exec_ints(
        s, "UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?1", id, 0, 0, err);
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
        rc = fm_store_exec(s,
                           "DELETE FROM sessions WHERE user_id IN"
                           " (SELECT id FROM users WHERE username = ?1)",
                           username, NULL, 0, 0, err);
        if (rc)
            goto done;
        n = sqlite3_changes(s->db);
    }
    rc = fm_store_exec(s, sql, username, arg, 0, 0, err);
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
