/*
 * fairmatch/user.h - the people who log in (users) and their sessions, as
 * stored in the `users` and `sessions` tables. Password hashing and session
 * id generation are the server's (fairmatch/auth.h): this layer only keeps
 * what it is given, so the store needs no crypto library.
 *
 * Threads: like every fm_store_* call, one connection per thread.
 */
#ifndef FAIRMATCH_USER_H
#define FAIRMATCH_USER_H

#include <stdbool.h>
#include <stdint.h>

#include "fairmatch/err.h"
#include "fairmatch/store.h"

typedef enum fm_role { FM_ROLE_ORGANISER = 0, FM_ROLE_MANAGER, FM_ROLE_STEERING } fm_role;

typedef struct fm_user {
    int64_t id;
    char *username;
    fm_role role;
    char *department_id; /* managers only, else NULL */
    char *password_hash; /* argon2id string; NULL in lists */
    char *created_at;
    int failed_logins;
    int64_t locked_until; /* unix seconds; 0 when not locked */
    bool disabled;        /* may not log in; has no sessions */
} fm_user;

/* "organiser", "manager", "steering". */
const char *fm_role_name(fm_role r);

/* Parse a role name; false if unknown. */
int fm_role_parse(const char *s, fm_role *out);

/* Free the strings of u (caller storage stays). NULL-safe. */
void fm_user_release(fm_user *u);

/*
 * Insert a user and write an audit row (actor). A manager needs an existing
 * department; other roles must have none (FM_EINVAL). A taken username is
 * FM_ECONFLICT. OUT: *id_out (may be NULL).
 */
fm_rc fm_store_user_add(fm_store *s, const char *actor, const char *username, fm_role role,
                        const char *department_id, const char *password_hash, int64_t *id_out,
                        fm_err *err);

/* The user named username (password hash included): FM_ENOTFOUND if none. */
fm_rc fm_store_user_get_by_name(fm_store *s, const char *username, fm_user *out, fm_err *err);

/* The user with id (password hash included): FM_ENOTFOUND if none. */
fm_rc fm_store_user_get(fm_store *s, int64_t id, fm_user *out, fm_err *err);

/*
 * All users sorted by username, without password hashes. OUT: *out is an
 * array of *n users the caller frees with fm_user_list_free.
 */
fm_rc fm_store_user_list(fm_store *s, fm_user **out, size_t *n, fm_err *err);
void fm_user_list_free(fm_user *list, size_t n);

/*
 * Claim one login attempt for user id before its password is checked,
 * atomically: unless the account is locked (locked_until > now), the attempt
 * is counted as a failure and *allowed set; the attempt that makes the count
 * reach max_failures also locks the account until now + lock_seconds. So n
 * parallel attempts check at most max_failures passwords. A correct password
 * then calls fm_store_user_login_ok (count and lock reset). OUT: *allowed;
 * *locked_until (unix seconds) when refused because locked, else 0. A
 * disabled user is never allowed (*locked_until 0).
 */
fm_rc fm_store_user_login_claim(fm_store *s, int64_t id, int64_t now, int max_failures,
                                int64_t lock_seconds, bool *allowed, int64_t *locked_until,
                                fm_err *err);

/* A successful login: reset the failure count and the lock. */
fm_rc fm_store_user_login_ok(fm_store *s, int64_t id, fm_err *err);

/*
 * Changes an organiser makes to another user (CLI `fairmatch user`, and the
 * organisers' users API). Each runs in one transaction with one audit row
 * (actor, action disable|enable|passwd|remove, the username, "N sessions
 * revoked"). Disabling, a new password and removal first delete every
 * session of the user, so they take effect at once; OUT: *revoked (may be
 * NULL) = how many. Enabling also clears the failed-login count and lock.
 * FM_ENOTFOUND "username: no user 'x'" when there is none.
 */
fm_rc fm_store_user_set_disabled(fm_store *s, const char *actor, const char *username,
                                 bool disabled, int *revoked, fm_err *err);
/* password_hash is the argon2id string (fm_auth_hash_password); it is never logged. */
fm_rc fm_store_user_set_password(fm_store *s, const char *actor, const char *username,
                                 const char *password_hash, int *revoked, fm_err *err);
fm_rc fm_store_user_remove(fm_store *s, const char *actor, const char *username, int *revoked,
                           fm_err *err);

/* What a session grants, joined with its user. */
typedef struct fm_session {
    int64_t user_id;
    char *username;
    fm_role role;
    char *department_id; /* NULL unless manager */
    char *csrf_token;
    int64_t created_at; /* unix seconds */
    int64_t last_seen;
} fm_session;

void fm_session_release(fm_session *s);

/*
 * Store a new session: id_hash is the hex SHA-256 of the session id (the id
 * itself is never stored), csrf_token the token handed to the client.
 */
fm_rc fm_store_session_create(fm_store *s, const char *id_hash, int64_t user_id,
                              const char *csrf_token, int64_t now, fm_err *err);

/* The session with id_hash, FM_ENOTFOUND if none or its user is disabled. Does not check
 * expiry. */
fm_rc fm_store_session_get(fm_store *s, const char *id_hash, fm_session *out, fm_err *err);

/* Set last_seen = now. */
fm_rc fm_store_session_touch(fm_store *s, const char *id_hash, int64_t now, fm_err *err);

/* Delete the session (logout, expiry). Deleting an absent one is FM_OK. */
fm_rc fm_store_session_delete(fm_store *s, const char *id_hash, fm_err *err);

/* Delete every session idle since before idle_cutoff or created before abs_cutoff. */
fm_rc fm_store_session_purge(fm_store *s, int64_t idle_cutoff, int64_t abs_cutoff, fm_err *err);

/*
 * A login whose password was right, all or nothing: the user's failure
 * count and lock cleared (fm_store_user_login_ok), the session stored
 * (fm_store_session_create's arguments) and the audit row (actor and id
 * username, "login", entity "user"). Returns FM_OK, FM_EDB.
 */
fm_rc fm_store_session_login(fm_store *s, int64_t user_id, const char *username,
                             const char *id_hash, const char *csrf_token, int64_t now, fm_err *err);

/*
 * The audit row of a wrong password for username (actor and id username,
 * "login_failed", entity "user"); the failure count is
 * fm_store_user_login_claim's. Returns FM_OK, FM_EDB.
 */
fm_rc fm_store_session_login_failed(fm_store *s, const char *username, fm_err *err);

/*
 * A logout, all or nothing: the session deleted (absent is no error) and
 * the audit row (actor and id username, "logout", entity "user").
 * Returns FM_OK, FM_EDB.
 */
fm_rc fm_store_session_logout(fm_store *s, const char *id_hash, const char *username, fm_err *err);

#endif
