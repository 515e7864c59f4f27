/*
 * h_users.c - /api/users, organisers only: the list of users and the three
 * ways to take access away (disable, new password, remove) or give it back
 * (enable). Each change revokes the user's sessions and is audited in the
 * store (fm_store_user_*); hashing is auth.c's. Creating users stays with
 * the CLI (`fairmatch user add`).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fairmatch/auth.h"
#include "http_handlers.h"
#include "http_internal.h"

static cJSON *render(const fm_user *u, int64_t now)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    cJSON_AddStringToObject(o, "username", u->username);
    cJSON_AddStringToObject(o, "role", fm_role_name(u->role));
    fm_json_add_str(o, "department", u->department_id);
    cJSON_AddBoolToObject(o, "disabled", u->disabled);
    cJSON_AddBoolToObject(o, "locked", u->locked_until > now);
    fm_json_add_str(o, "created", u->created_at);
    return o;
}

void fm_h_users_list(fm_http_ctx *c)
{
    fm_user *v = NULL;
    size_t n = 0;
    fm_err err = {0};
    cJSON *o = NULL, *items;
    int64_t now = (int64_t)time(NULL);

    if (fm_store_user_list(c->db, &v, &n, &err)) {
        fm_http_reply_rc(c, &err);
        return;
    }
    o = cJSON_CreateObject();
    items = o ? cJSON_AddArrayToObject(o, "items") : NULL;
    for (size_t i = 0; items && i < n; i++)
        cJSON_AddItemToArray(items, render(&v[i], now));
    fm_user_list_free(v, n);
    if (!items) {
        cJSON_Delete(o);
        o = NULL; /* fm_http_reply_json answers 500 */
    }
    fm_http_reply_json(c, 200, o);
}

/* The user's record after a change, as the list shows it. */
static void reply_user(fm_http_ctx *c, const char *username, int revoked)
{
    fm_user u = {0};
    fm_err err = {0};
    cJSON *o;

    if (fm_store_user_get_by_name(c->db, username, &u, &err)) {
        fm_http_reply_rc(c, &err);
        return;
    }
    o = render(&u, (int64_t)time(NULL));
    if (o)
        cJSON_AddNumberToObject(o, "sessions_revoked", revoked);
    fm_user_release(&u);
    fm_http_reply_json(c, 200, o);
}

/* Organisers must not lock themselves out by accident (the CLI can, on purpose). */
static bool is_self(fm_http_ctx *c)
{
    if (strcmp(c->params[0], c->user.username))
        return false;
    fm_http_reply_error(c, 409, NULL, "you cannot do this to your own account");
    return true;
}

void fm_h_user_put(fm_http_ctx *c)
{
    cJSON *body = fm_http_body(c);
    bool disabled = false;
    int revoked = 0;
    fm_err err = {0};
    fm_rc rc;

    if (!body)
        return;
    rc = fm_json_get_bool(body, "disabled", true, &disabled, NULL, &err);
    if (!rc && disabled && is_self(c))
        goto done;
    if (!rc)
        rc = fm_store_user_set_disabled(c->db, c->user.username, c->params[0], disabled, &revoked,
                                        &err);
    if (rc)
        fm_http_reply_rc(c, &err);
    else
        reply_user(c, c->params[0], revoked);
done:
    cJSON_Delete(body);
}

void fm_h_user_password(fm_http_ctx *c)
{
    char hash[FM_AUTH_HASH_MAX];
    const char *password = NULL;
    cJSON *body = fm_http_body(c);
    int revoked = 0;
    fm_err err = {0};
    fm_rc rc;

    if (!body)
        return;
    rc = fm_json_get_str(body, "password", true, FM_AUTH_MAX_PASSWORD, &password, NULL, &err);
    if (!rc)
        rc = fm_auth_hash_password(password, hash, &err);
    if (!rc)
        rc =
            fm_store_user_set_password(c->db, c->user.username, c->params[0], hash, &revoked, &err);
    if (rc)
        fm_http_reply_rc(c, &err);
    else
        reply_user(c, c->params[0], revoked);
    cJSON_Delete(body);
}

void fm_h_user_delete(fm_http_ctx *c)
{
    int revoked = 0;
    fm_err err = {0};
    cJSON *o;

    if (is_self(c))
        return;
    if (fm_store_user_remove(c->db, c->user.username, c->params[0], &revoked, &err)) {
        fm_http_reply_rc(c, &err);
        return;
    }
    o = cJSON_CreateObject();
    if (o) {
        cJSON_AddStringToObject(o, "username", c->params[0]);
        cJSON_AddBoolToObject(o, "removed", true);
        cJSON_AddNumberToObject(o, "sessions_revoked", revoked);
    }
    fm_http_reply_json(c, 200, o);
}
