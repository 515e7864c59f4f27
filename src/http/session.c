/*
 * session.c - who is calling: the session cookie, idle and absolute
 * timeouts, login with per-account and per-address failure limits, logout
 * and /api/me. Password hashing is auth.c's; what a role may do is the
 * router's.
 */
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fairmatch/auth.h"
#include "http_internal.h"

#define ACCOUNT_MAX_FAILURES 5
#define ACCOUNT_LOCK_SECONDS (15 * 60)
#define ADDRESS_MAX_FAILURES 20
#define ADDRESS_WINDOW_SECONDS (15 * 60)
#define ADDRESS_TABLE_MAX 4096

struct fm_rate_entry {
    char addr[INET6_ADDRSTRLEN];
    int64_t fails[ADDRESS_MAX_FAILURES]; /* ring of failure times */
    unsigned next;
    int64_t last;
};

static bool hex64(const char *s)
{
    size_t i = 0;
    for (; s[i]; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return false;
    return i == 64;
}

static void client_addr(fm_http_ctx *c, char out[INET6_ADDRSTRLEN])
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);

    fm_http_addr_string(ci ? ci->client_addr : NULL, out);
}

static struct fm_rate_entry *rate_find(fm_server *srv, const char *addr, bool create, int64_t now)
{
    size_t oldest = 0;

    for (size_t i = 0; i < srv->n_rl; i++) {
        if (!strcmp(srv->rl[i].addr, addr))
            return &srv->rl[i];
        if (srv->rl[i].last < srv->rl[oldest].last)
            oldest = i;
    }
    if (!create)
        return NULL;
    if (srv->n_rl == ADDRESS_TABLE_MAX) {
        /* Full: the address idle longest makes room (its failures are oldest). */
        memset(&srv->rl[oldest], 0, sizeof srv->rl[oldest]);
        snprintf(srv->rl[oldest].addr, sizeof srv->rl[oldest].addr, "%s", addr);
        srv->rl[oldest].last = now;
        return &srv->rl[oldest];
    }
    if (FM_GROW(srv->rl, srv->n_rl + 1, srv->cap_rl))
        return NULL;
    memset(&srv->rl[srv->n_rl], 0, sizeof srv->rl[0]);
    snprintf(srv->rl[srv->n_rl].addr, sizeof srv->rl[0].addr, "%s", addr);
    srv->rl[srv->n_rl].last = now;
    return &srv->rl[srv->n_rl++];
}

/*
 * Claim one attempt for the address, atomically: 0 and the attempt recorded
 * as a failure in *slot (until address_release says it was not), or the
 * seconds until the address may try again. Checking and counting in one step
 * is what keeps 40 parallel attempts from all passing the check.
 */
static int64_t address_claim(fm_server *srv, const char *addr, int64_t now, int *slot)
{
    int64_t wait = 0, oldest = INT64_MAX;
    unsigned count = 0;
    struct fm_rate_entry *e;

    *slot = -1;
    pthread_mutex_lock(&srv->rl_lock);
    e = rate_find(srv, addr, true, now);
    for (unsigned i = 0; e && i < ADDRESS_MAX_FAILURES; i++) {
        if (e->fails[i] && now - e->fails[i] < ADDRESS_WINDOW_SECONDS) {
            count++;
            if (e->fails[i] < oldest)
                oldest = e->fails[i];
        }
    }
    if (count >= ADDRESS_MAX_FAILURES) {
        wait = oldest + ADDRESS_WINDOW_SECONDS - now;
        if (wait < 1)
            wait = 1;
    } else if (e) {
        /* The ring holds ADDRESS_MAX_FAILURES times, so a free (or expired) slot exists. */
        unsigned i = e->next;
        while (e->fails[i] && now - e->fails[i] < ADDRESS_WINDOW_SECONDS)
            i = (i + 1) % ADDRESS_MAX_FAILURES;
        e->fails[i] = now;
        e->next = (i + 1) % ADDRESS_MAX_FAILURES;
        e->last = now;
        *slot = (int)i;
    }
    pthread_mutex_unlock(&srv->rl_lock);
    return wait;
}

/* The attempt in slot succeeded: it is not a failure. */
static void address_release(fm_server *srv, const char *addr, int64_t now, int slot)
{
    struct fm_rate_entry *e;

    if (slot < 0)
        return;
    pthread_mutex_lock(&srv->rl_lock);
    e = rate_find(srv, addr, false, now);
    if (e && e->fails[slot] == now)
        e->fails[slot] = 0;
    pthread_mutex_unlock(&srv->rl_lock);
}

void fm_http_ratelimit_free(fm_server *srv)
{
    free(srv->rl);
    srv->rl = NULL;
    srv->n_rl = 0;
}

void fm_http_session_load(fm_http_ctx *c)
{
    const char *cookie = MHD_lookup_connection_value(c->conn, MHD_COOKIE_KIND, "fm_session");
    int64_t now = (int64_t)time(NULL);
    int64_t touch_every;
    fm_err err = {0};

    c->authed = false;
    if (!cookie || !hex64(cookie))
        return;
    fm_auth_sha256_hex(cookie, c->session_hash);
    if (fm_store_session_get(c->db, c->session_hash, &c->user, &err))
        return;
    if (now - c->user.last_seen > c->srv->cfg.session_idle_s ||
        now - c->user.created_at > c->srv->cfg.session_max_s) {
        fm_store_session_delete(c->db, c->session_hash, &err);
        fm_session_release(&c->user);
        return;
    }
    /* Touch at most once a minute (or a quarter of a short idle limit): a
     * write per request would serialise every reader behind the WAL lock. */
    touch_every = c->srv->cfg.session_idle_s / 4;
    if (touch_every > 60)
        touch_every = 60;
    if (now - c->user.last_seen >= touch_every)
        fm_store_session_touch(c->db, c->session_hash, now, &err);
    c->authed = true;
}

static cJSON *me_json(const char *username, fm_role role, const char *dept, const char *csrf)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    cJSON_AddStringToObject(o, "username", username);
    cJSON_AddStringToObject(o, "role", fm_role_name(role));
    fm_json_add_str(o, "department", dept);
    cJSON_AddStringToObject(o, "csrf_token", csrf);
    return o;
}

/* A hash to verify against when the username is unknown, so that both cases take as long. */
static char dummy_hash[FM_AUTH_HASH_MAX];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static void make_dummy_hash(void)
{
    fm_auth_hash_password("not a password of anyone", dummy_hash, NULL);
}

static void too_many(fm_http_ctx *c, int64_t wait)
{
    char s[32];
    snprintf(s, sizeof s, "%lld", (long long)(wait > 0 ? wait : 1));
    fm_http_reply_error(c, 429, NULL, "too many failed logins; try again later");
    c->extra_name = "Retry-After";
    free(c->extra_value);
    c->extra_value = strdup(s);
}

static void login_success(fm_http_ctx *c, const fm_user *u, int64_t now)
{
    char sid[FM_AUTH_TOKEN_HEX], hash[FM_AUTH_TOKEN_HEX], csrf[FM_AUTH_TOKEN_HEX];
    fm_buf cookie = FM_BUF_INIT;
    fm_err err = {0};
    fm_rc rc;

    fm_auth_random_token(sid);
    fm_auth_random_token(csrf);
    fm_auth_sha256_hex(sid, hash);
    rc = fm_store_session_login(c->db, u->id, u->username, hash, csrf, now, &err);
    if (!rc && fm_buf_addf(&cookie, "fm_session=%s; HttpOnly; SameSite=Strict; Path=/%s", sid,
                           c->srv->tls ? "; Secure" : ""))
        rc = fm_err_set(&err, FM_ENOMEM, "out of memory");
    if (rc) {
        fm_http_reply_rc(c, &err);
        goto done;
    }
    c->set_cookie = fm_buf_detach(&cookie, NULL);
    fm_http_reply_json(c, 200, me_json(u->username, u->role, u->department_id, csrf));
done:
    fm_buf_release(&cookie);
}

/* The answer to a login that may not check a password (unknown or disabled user). */
static void login_refused(fm_http_ctx *c, const char *password)
{
    pthread_once(&dummy_once, make_dummy_hash);
    /* Same work as a real check, so that the answer's timing says nothing. */
    (void)fm_auth_verify_password(dummy_hash, password);
    fm_http_reply_error(c, 401, NULL, "wrong username or password");
}

void fm_h_login(fm_http_ctx *c)
{
    char addr[INET6_ADDRSTRLEN];
    const char *username = NULL, *password = NULL;
    int64_t now = (int64_t)time(NULL), wait, locked = 0;
    cJSON *body = NULL;
    fm_user u = {0};
    fm_err err = {0};
    bool allowed = false;
    int slot = -1;
    fm_rc rc;

    rc = fm_http_json_parse(c->body.data, c->body.len, &body, &err);
    if (!rc)
        rc = fm_json_get_str(body, "username", true, 64, &username, NULL, &err);
    if (!rc)
        rc = fm_json_get_str(body, "password", true, FM_AUTH_MAX_PASSWORD, &password, NULL, &err);
    if (rc) {
        fm_http_reply_rc(c, &err);
        goto done;
    }
    /* Both limits count the attempt before the password is checked (see address_claim and
     * fm_store_user_login_claim); a correct password takes the count back. */
    client_addr(c, addr);
    wait = address_claim(c->srv, addr, now, &slot);
    if (wait) {
        too_many(c, wait);
        goto done;
    }
    rc = fm_store_user_get_by_name(c->db, username, &u, &err);
    if (rc == FM_ENOTFOUND || (!rc && u.disabled)) {
        login_refused(c, password);
        goto done;
    }
    if (!rc)
        rc = fm_store_user_login_claim(c->db, u.id, now, ACCOUNT_MAX_FAILURES, ACCOUNT_LOCK_SECONDS,
                                       &allowed, &locked, &err);
    if (rc) {
        fm_http_reply_rc(c, &err);
        goto done;
    }
    if (!allowed) {
        if (locked > now)
            too_many(c, locked - now);
        else
            login_refused(c, password); /* disabled since the read above */
        goto done;
    }
    if (!fm_auth_verify_password(u.password_hash, password)) {
        rc = fm_store_session_login_failed(c->db, u.username, &err);
        if (rc)
            fm_http_reply_rc(c, &err);
        else
            fm_http_reply_error(c, 401, NULL, "wrong username or password");
        goto done;
    }
    address_release(c->srv, addr, now, slot);
    login_success(c, &u, now);
done:
    fm_user_release(&u);
    cJSON_Delete(body);
}

void fm_h_logout(fm_http_ctx *c)
{
    fm_err err = {0};
    cJSON *o;

    if (fm_store_session_logout(c->db, c->session_hash, c->user.username, &err)) {
        fm_http_reply_rc(c, &err);
        return;
    }
    c->set_cookie = strdup("fm_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0");
    o = cJSON_CreateObject();
    if (o)
        cJSON_AddTrueToObject(o, "ok");
    fm_http_reply_json(c, 200, o);
}

void fm_h_me(fm_http_ctx *c)
{
    fm_http_reply_json(
        c, 200, me_json(c->user.username, c->user.role, c->user.department_id, c->user.csrf_token));
}
