/*
 * response.c - building answers: JSON bodies (never a partial one: a render
 * that failed answers 500), {"error","field"} bodies, the fm_rc -> status
 * mapping with internal details kept out of the answer, and small request
 * accessors. No routing, no MHD response objects (server.c).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http_internal.h"

/*
 * Renderers call cJSON_Add* and cJSON_Create* without checking each result;
 * one that fails (out of memory) leaves the tree short of a key or an item.
 * Every cJSON allocation on this thread goes through json_malloc, which
 * remembers a failure here until the next reply, so that fm_http_reply_json
 * answers 500 instead of the partial tree.
 */
static _Thread_local bool render_failed;

static void *json_malloc(size_t n)
{
    void *p = malloc(n);
    if (!p)
        render_failed = true;
    return p;
}

static void install_hooks(void)
{
    cJSON_Hooks hooks = {json_malloc, free};
    cJSON_InitHooks(&hooks);
}

void fm_http_json_hooks_install(void)
{
    /* Once: the hooks are process-wide, and a second server (the tests
     * start several) must not rewrite them under a running one. */
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, install_hooks);
}

void fm_http_render_begin(void)
{
    render_failed = false;
}

void fm_http_render_fail(void)
{
    render_failed = true;
}

void fm_http_reply_json(fm_http_ctx *c, unsigned status, cJSON *v)
{
    char *text = NULL;

    if (v && !render_failed)
        text = cJSON_PrintUnformatted(v);
    /* The printing allocates through the same hook and may fail too. */
    if (render_failed) {
        cJSON_free(text);
        text = NULL;
    }
    render_failed = false;
    cJSON_Delete(v);
    fm_buf_reset(&c->out);
    c->content_type = "application/json";
    if (!text || fm_buf_adds(&c->out, text)) {
        cJSON_free(text);
        fm_buf_reset(&c->out);
        fm_buf_adds(&c->out, "{\"error\":\"out of memory\"}");
        c->status = 500;
        return;
    }
    cJSON_free(text);
    c->status = status;
}

/* {"error": msg, "field": field, "code": code}; field and code may be NULL. */
static void reply_error_code(fm_http_ctx *c, unsigned status, const char *field, const char *code,
                             const char *msg)
{
    cJSON *o = cJSON_CreateObject();

    if (o) {
        cJSON_AddStringToObject(o, "error", msg);
        if (field)
            cJSON_AddStringToObject(o, "field", field);
        if (code)
            cJSON_AddStringToObject(o, "code", code);
    }
    fm_http_reply_json(c, status, o);
    if (c->status == 500 && status != 500)
        return;
    c->status = status;
}

void fm_http_reply_error(fm_http_ctx *c, unsigned status, const char *field, const char *fmt, ...)
{
    char msg[300];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    reply_error_code(c, status, field, NULL, msg);
}

/* "name: problem", "a.b[3]: problem": a field path before ": ". */
static size_t field_prefix(const char *msg)
{
    size_t i = 0;
    for (; msg[i]; i++) {
        char ch = msg[i];
        if (ch == ':' && msg[i + 1] == ' ')
            return i;
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
              ch == '_' || ch == '.' || ch == '[' || ch == ']'))
            return 0;
    }
    return 0;
}

void fm_http_reply_rc(fm_http_ctx *c, const fm_err *err)
{
    unsigned status = fm_http_status_from_rc(err->rc);
    const char *msg = err->msg[0] ? err->msg : fm_rc_str(err->rc);
    char field[64];
    size_t n;

    if (status >= 500) {
        /* Details of internal failures go to the log only: they may name
         * files or SQL, and never a password or personal number. */
        fprintf(stderr, "fairmatch: %s %s: %s\n", c->method, c->path, msg);
        reply_error_code(c, 500, NULL, "internal", "internal error");
        return;
    }
    n = field_prefix(msg);
    if (n && n < sizeof field) {
        memcpy(field, msg, n);
        field[n] = '\0';
        reply_error_code(c, status, field, err->code, msg + n + 2);
        return;
    }
    /* Every 404 means the same to a reader ("no such record" or one the
     * caller may not see): it gets the one code. */
    reply_error_code(c, status, NULL,
                     err->code       ? err->code
                     : status == 404 ? "not_found"
                                     : NULL,
                     msg);
}

unsigned fm_http_role_bit(const fm_http_ctx *c)
{
    if (!c->authed)
        return 0;
    switch (c->user.role) {
    case FM_ROLE_ORGANISER:
        return FM_R_ORG;
    case FM_ROLE_MANAGER:
        return FM_R_MGR;
    default:
        return FM_R_STEER;
    }
}

const char *fm_http_query(fm_http_ctx *c, const char *key)
{
    return MHD_lookup_connection_value(c->conn, MHD_GET_ARGUMENT_KIND, key);
}

void fm_json_add_str(cJSON *o, const char *key, const char *s)
{
    if (s)
        cJSON_AddStringToObject(o, key, s);
    else
        cJSON_AddNullToObject(o, key);
}

cJSON *fm_http_body(fm_http_ctx *c)
{
    cJSON *body = NULL;
    fm_err err = {0};

    if (fm_http_json_parse(c->body.data, c->body.len, &body, &err)) {
        fm_http_reply_rc(c, &err);
        return NULL;
    }
    return body;
}

void fm_http_reply_ok_or_rc(fm_http_ctx *c, fm_rc rc, const fm_err *err, unsigned status, cJSON *v)
{
    if (rc) {
        cJSON_Delete(v);
        fm_http_reply_rc(c, err);
        return;
    }
    fm_http_reply_json(c, status, v);
}

void fm_http_reply_not_found(fm_http_ctx *c)
{
    reply_error_code(c, 404, NULL, "not_found", "no such record");
}

void fm_http_log_escape(const char *s, char *out, size_t cap)
{
    static const char hex[] = "0123456789abcdef";
    size_t o = 0;

    if (!cap)
        return;
    for (; *s; s++) {
        unsigned char b = (unsigned char)*s;
        /* Room for the longest form (\xNN) and the final NUL, else cut. */
        if (o + 5 > cap)
            break;
        if (b >= 0x20 && b < 0x7f && b != '\\') {
            out[o++] = (char)b;
            continue;
        }
        out[o++] = '\\';
        if (b == '\\') {
            out[o++] = '\\';
            continue;
        }
        out[o++] = 'x';
        out[o++] = hex[b >> 4];
        out[o++] = hex[b & 15];
    }
    out[o] = '\0';
}
