/*
 * request_check.c - what is refused as soon as a request's headers are in,
 * before any body is read or anything is routed: ambiguous framing, a
 * foreign Origin, a declared body over the limit. The refusal's answer is
 * set in the context; sending it is server.c's.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "http_internal.h"

/*
 * The Origin check: a browser always sends Origin on cross-site requests
 * and on same-origin POSTs; it must then equal our own origin as the Host
 * header names it. No Origin (curl, scripts) is fine: CSRF tokens and
 * SameSite cookies cover browsers that omit it on GET.
 */
static bool origin_ok(fm_http_ctx *c)
{
    const char *origin = MHD_lookup_connection_value(c->conn, MHD_HEADER_KIND, "Origin");
    const char *host = MHD_lookup_connection_value(c->conn, MHD_HEADER_KIND, "Host");
    const char *scheme = c->srv->tls ? "https://" : "http://";
    size_t sl = strlen(scheme);

    if (!origin)
        return true;
    if (!host || strncmp(origin, scheme, sl) != 0)
        return false;
    return !strcmp(origin + sl, host);
}

/*
 * Strict framing (RFC 9112 6.3), checked on every header MHD received because
 * its own parser is lenient: with two Content-Length headers it uses the
 * first and runs the rest of the body as a second request; it keeps
 * "Transfer-Encoding " (space before the colon) as an unknown header and
 * reads the chunked body as the next request; and it waits 30 s for the body
 * of an unknown coding; a folded (obs-fold) framing header loses its name.
 * Any of these, and Content-Length with
 * Transfer-Encoding, is refused at once and the connection closed, so
 * nothing after the headers is ever read as a request.
 */
typedef struct framing {
    const char *cl;
    unsigned n_cl, n_te;
    bool cl_differ, cl_bad, te_unknown, bad_name;
} framing;

static bool token_char(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           (ch && strchr("!#$%&'*+-.^_`|~", ch));
}

static enum MHD_Result framing_header(void *cls, enum MHD_ValueKind kind, const char *key,
                                      const char *value)
{
    framing *f = cls;
    const char *p;

    (void)kind;
    if (!key || !*key)
        f->bad_name = true;
    for (p = key; p && *p; p++)
        if (!token_char(*p))
            f->bad_name = true;
    /* MHD 0.9.75 appends a folded continuation line to the header's *name*
     * ("Transfer-Encoding: x\r\n chunked" arrives as "Transfer-Encodingchunked: x"),
     * so a folded framing header is recognisable only by its name's prefix. */
    if (key && ((!strncasecmp(key, "Content-Length", 14) && key[14]) ||
                (!strncasecmp(key, "Transfer-Encoding", 17) && key[17])))
        f->bad_name = true;
    if (!key || !value)
        return MHD_YES;
    if (!strcasecmp(key, "Content-Length")) {
        if (!*value || strspn(value, "0123456789") != strlen(value))
            f->cl_bad = true;
        if (f->n_cl++ && strcmp(f->cl, value))
            f->cl_differ = true;
        f->cl = value;
    } else if (!strcasecmp(key, "Transfer-Encoding")) {
        f->n_te++;
        if (strcasecmp(value, "chunked"))
            f->te_unknown = true;
    }
    return MHD_YES;
}

/* True (and c's answer set) when the request's framing is refused. */
static bool framing_refusal(fm_http_ctx *c)
{
    framing f = {0};

    MHD_get_connection_values(c->conn, MHD_HEADER_KIND, framing_header, &f);
    if (f.bad_name)
        fm_http_reply_error(c, 400, NULL, "malformed header name");
    else if (f.cl_differ || f.cl_bad)
        fm_http_reply_error(c, 400, NULL, "conflicting or malformed Content-Length");
    else if (f.n_te && f.n_cl)
        fm_http_reply_error(c, 400, NULL, "both Content-Length and Transfer-Encoding");
    else if (f.n_te > 1)
        fm_http_reply_error(c, 400, NULL, "Transfer-Encoding given more than once");
    else if (f.te_unknown)
        fm_http_reply_error(c, 501, NULL, "only Transfer-Encoding: chunked is supported");
    else if (fm_conn_guard_bad_url(c->conn))
        fm_http_reply_error(c, 400, NULL, "the URL contains %%00");
    else
        return false;
    c->close_after = true;
    return true;
}

bool fm_http_is_upload(const fm_http_ctx *c)
{
    return c->method && !strcmp(c->method, "POST") && c->path &&
           !strncmp(c->path, "/api/import/", strlen("/api/import/"));
}

size_t fm_http_body_limit(const fm_http_ctx *c)
{
    /* A spreadsheet upload is the one body that is not a small JSON object. */
    return fm_http_is_upload(c) ? FM_HTTP_MAX_UPLOAD : c->srv->cfg.max_body;
}

bool fm_http_early_refusal(fm_http_ctx *c)
{
    const char *cl = MHD_lookup_connection_value(c->conn, MHD_HEADER_KIND, "Content-Length");
    char *end = NULL;
    unsigned long long n;

    if (framing_refusal(c))
        return true;
    if (!origin_ok(c)) {
        fm_http_reply_error(c, 403, NULL, "cross-origin request refused");
        return true;
    }
    if (cl) {
        errno = 0;
        n = strtoull(cl, &end, 10);
        if (errno || end == cl || *end || n > fm_http_body_limit(c)) {
            fm_http_reply_error(c, 413, NULL, "request body larger than %zu bytes",
                                fm_http_body_limit(c));
            return true;
        }
    }
    return false;
}
