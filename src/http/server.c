/*
 * server.c - the libmicrohttpd daemon: options and limits, the request
 * life cycle (per-request state in *req_cls, body collection with a cap,
 * suspension while the solver works), security headers on every response,
 * one database connection per worker thread. What is refused before the
 * body is request_check.c's, the UI's files static_files.c's, MHD's own
 * log lines mhd_log.c's, and what a request means router.c's.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "fairmatch/auth.h"
#include "http_internal.h"

#define CSP "default-src 'self'; object-src 'none'; frame-ancestors 'none'"

void fm_server_config_init(fm_server_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->bind = "127.0.0.1";
    cfg->port = 8080;
    cfg->threads = 4;
    cfg->max_connections = 256;
    cfg->max_connections_per_ip = 32;
    cfg->connection_timeout_s = 30;
    cfg->request_timeout_s = 10;
    cfg->max_body = 64 * 1024;
    cfg->session_idle_s = 30 * 60;
    cfg->session_max_s = 12 * 60 * 60;
}

unsigned fm_http_status_from_rc(fm_rc rc)
{
    switch (rc) {
    case FM_OK:
        return 200;
    case FM_EINVAL:
        return 400;
    case FM_EAUTH:
        return 401;
    case FM_EPERM:
        return 403;
    case FM_ENOTFOUND:
        return 404;
    case FM_ECONFLICT:
    case FM_EINFEASIBLE:
        return 409;
    default:
        return 500;
    }
}

fm_store *fm_http_thread_db(fm_server *srv, fm_err *err)
{
    fm_store *db = pthread_getspecific(srv->db_key);

    if (db)
        return db;
    if (fm_store_open(srv->db_path, &db, err))
        return NULL;
    pthread_mutex_lock(&srv->db_lock);
    if (FM_GROW(srv->dbs, srv->n_dbs + 1, srv->cap_dbs)) {
        pthread_mutex_unlock(&srv->db_lock);
        fm_store_close(db);
        fm_err_set(err, FM_ENOMEM, "out of memory");
        return NULL;
    }
    srv->dbs[srv->n_dbs++] = db;
    pthread_mutex_unlock(&srv->db_lock);
    pthread_setspecific(srv->db_key, db);
    return db;
}

/* ---- responses ---- */

static void add_common_headers(struct MHD_Response *r, bool api)
{
    MHD_add_response_header(r, "Content-Security-Policy", CSP);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    if (api)
        MHD_add_response_header(r, "Cache-Control", "no-store");
}

static enum MHD_Result send_ctx(fm_http_ctx *c)
{
    struct MHD_Response *r;
    enum MHD_Result ret;

    if (!c->status)
        fm_http_reply_error(c, 500, NULL, "no response");
    r = MHD_create_response_from_buffer(c->out.len, c->out.data, MHD_RESPMEM_MUST_COPY);
    if (!r)
        return MHD_NO;
    add_common_headers(r, true);
    MHD_add_response_header(r, "Content-Type",
                            c->content_type ? c->content_type : "application/json");
    if (c->set_cookie)
        MHD_add_response_header(r, "Set-Cookie", c->set_cookie);
    if (c->extra_name && c->extra_value)
        MHD_add_response_header(r, c->extra_name, c->extra_value);
    if (c->close_after)
        MHD_add_response_header(r, "Connection", "close");
    ret = MHD_queue_response(c->conn, c->status, r);
    MHD_destroy_response(r);
    return ret;
}

static enum MHD_Result send_static(fm_http_ctx *c, const char *url)
{
    const char *type = "text/plain; charset=utf-8";
    struct MHD_Response *r = NULL;
    enum MHD_Result ret;

    if (strcmp(c->method, "GET") && strcmp(c->method, "HEAD")) {
        fm_http_reply_error(c, 405, NULL, "only GET and HEAD are allowed here");
        c->extra_name = "Allow";
        c->extra_value = strdup("GET, HEAD");
        return send_ctx(c);
    }
    r = fm_http_static_response(c->srv, url, &type);
    if (!r) {
        fm_http_reply_error(c, 404, NULL, "no such file");
        return send_ctx(c);
    }
    c->status = 200;
    add_common_headers(r, false);
    MHD_add_response_header(r, "Content-Type", type);
    ret = MHD_queue_response(c->conn, 200, r);
    MHD_destroy_response(r);
    return ret;
}

/* ---- request life cycle ---- */

static bool has_body_method(const char *m)
{
    return !strcmp(m, "POST") || !strcmp(m, "PUT") || !strcmp(m, "PATCH") || !strcmp(m, "DELETE");
}

static void ctx_free(fm_http_ctx *c)
{
    if (!c)
        return;
    free(c->path);
    for (int i = 0; i < FM_HTTP_MAX_PARAMS; i++)
        free(c->params[i]);
    fm_buf_release(&c->body);
    fm_buf_release(&c->out);
    fm_session_release(&c->user);
    free(c->set_cookie);
    free(c->extra_value);
    fm_solver_job_free(c->job);
    free(c);
}

/* The headers are in: the request's state, and the refusals that need no body. */
static enum MHD_Result first_call(fm_server *srv, struct MHD_Connection *conn, const char *url,
                                  const char *method, void **req_cls)
{
    fm_http_ctx *c = calloc(1, sizeof *c);

    if (!c)
        return MHD_NO;
    *req_cls = c;
    fm_http_render_begin();
    c->srv = srv;
    c->conn = conn;
    c->method = method;
    fm_buf_init(&c->body);
    fm_buf_init(&c->out);
    c->path = strdup(url);
    if (!c->path)
        return MHD_NO;
    if (fm_http_early_refusal(c)) {
        c->done_early = true;
        return send_ctx(c);
    }
    return MHD_YES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_size, void **req_cls)
{
    fm_server *srv = cls;
    fm_http_ctx *c = *req_cls;
    fm_err err = {0};

    (void)version;
    if (!c)
        return first_call(srv, conn, url, method, req_cls);
    if (*upload_size) {
        if (!c->body_too_large && c->body.len + *upload_size > fm_http_body_limit(c))
            c->body_too_large = true;
        if (!c->body_too_large && fm_buf_add(&c->body, upload_data, *upload_size))
            return MHD_NO;
        *upload_size = 0;
        return MHD_YES;
    }
    if (c->done_early)
        return MHD_YES;
    /* The whole request is in: no deadline while it is answered (or solved). */
    fm_conn_guard_request_received(srv, conn);
    if (c->job) {
        /* Resumed: the solver is done with this request's job. */
        fm_http_render_begin();
        c->job_finish(c);
        return send_ctx(c);
    }
    if (strncmp(c->path, "/api/", 5) != 0 && strcmp(c->path, "/api"))
        return send_static(c, c->path);
    if (c->body_too_large) {
        fm_http_reply_error(c, 413, NULL, "request body larger than %zu bytes",
                            fm_http_body_limit(c));
        return send_ctx(c);
    }
    c->db = fm_http_thread_db(srv, &err);
    if (!c->db) {
        fm_http_reply_rc(c, &err);
        return send_ctx(c);
    }
    if (has_body_method(method) && c->body.len && !fm_http_is_upload(c)) {
        const char *ct = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Type");
        size_t jl = strlen("application/json");
        if (!ct || strncasecmp(ct, "application/json", jl) || (ct[jl] && ct[jl] != ';')) {
            fm_http_reply_error(c, 415, NULL, "the body must be application/json");
            return send_ctx(c);
        }
    }
    fm_http_render_begin();
    fm_http_dispatch(c);
    if (c->job && fm_solver_job_suspend_if_pending(c))
        return MHD_YES;
    if (c->job)
        c->job_finish(c);
    return send_ctx(c);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **req_cls,
                         enum MHD_RequestTerminationCode toe)
{
    fm_server *srv = cls;
    fm_http_ctx *c = *req_cls;

    (void)toe;
    fm_conn_guard_request_done(srv, conn);
    if (!c)
        return;
    /* The access log: method, path, status. Never the query, body, cookies or headers. */
    if (!srv->cfg.quiet) {
        char method[64], path[4 * 256 + 8];
        fm_http_log_escape(c->method ? c->method : "-", method, sizeof method);
        fm_http_log_escape(c->path ? c->path : "-", path, sizeof path);
        fprintf(stderr, "%s %s %u\n", method, path, c->status);
    }
    ctx_free(c);
    *req_cls = NULL;
}

/* ---- start and stop ---- */

static char *read_file(const char *path, fm_err *err)
{
    fm_buf b = FM_BUF_INIT;

    /* A PEM certificate or key is a few KiB; 1 MiB refuses a wrong path to a big file. */
    if (fm_buf_read_file(&b, path, (size_t)1024 * 1024, err))
        return NULL;
    return fm_buf_detach(&b, NULL);
}

static fm_rc copy_config(fm_server *srv, const fm_server_config *cfg, fm_err *err)
{
    srv->cfg = *cfg;
    srv->db_path = strdup(cfg->db_path);
    srv->bind = strdup(cfg->bind ? cfg->bind : "127.0.0.1");
    srv->web_dir = cfg->web_dir ? strdup(cfg->web_dir) : NULL;
    if (!srv->db_path || !srv->bind || (cfg->web_dir && !srv->web_dir))
        return fm_err_set(err, FM_ENOMEM, "out of memory");
    srv->cfg.db_path = srv->db_path;
    srv->cfg.bind = srv->bind;
    srv->cfg.web_dir = srv->web_dir;
    if (!srv->cfg.threads)
        srv->cfg.threads = 4;
    if (!srv->cfg.max_body)
        srv->cfg.max_body = 64 * 1024;
    if ((cfg->tls_cert == NULL) != (cfg->tls_key == NULL))
        return fm_err_set(err, FM_EINVAL, "--tls-cert and --tls-key go together");
    if (cfg->tls_cert) {
        srv->tls_cert_pem = read_file(cfg->tls_cert, err);
        if (!srv->tls_cert_pem)
            return err ? err->rc : FM_EINVAL;
        srv->tls_key_pem = read_file(cfg->tls_key, err);
        if (!srv->tls_key_pem)
            return err ? err->rc : FM_EINVAL;
        srv->tls = true;
    }
    return FM_OK;
}

static fm_rc start_daemon(fm_server *srv, fm_err *err)
{
    struct sockaddr_in addr;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME |
                     MHD_USE_ERROR_LOG;
    const union MHD_DaemonInfo *info;

    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)srv->cfg.port);
    if (inet_pton(AF_INET, srv->bind, &addr.sin_addr) != 1)
        return fm_err_set(err, FM_EINVAL, "--bind: '%s' is not an IPv4 address", srv->bind);
    if (srv->tls)
        flags |= MHD_USE_TLS;
    /* TLS options only with TLS: MHD complains about them otherwise. */
    struct MHD_OptionItem tls[] = {
        {MHD_OPTION_HTTPS_MEM_CERT, 0, srv->tls_cert_pem},
        {MHD_OPTION_HTTPS_MEM_KEY, 0, srv->tls_key_pem},
        {MHD_OPTION_HTTPS_PRIORITIES, 0,
         (void *)(uintptr_t) "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2"},
        {MHD_OPTION_END, 0, NULL},
    };
    struct MHD_OptionItem none[] = {{MHD_OPTION_END, 0, NULL}};
    srv->daemon = MHD_start_daemon(
        flags, (uint16_t)srv->cfg.port, fm_conn_guard_accept, srv, on_request, srv,
        /* First, so that MHD's messages about later options go through it too. */
        MHD_OPTION_EXTERNAL_LOGGER, fm_http_mhd_logger, NULL, MHD_OPTION_SOCK_ADDR,
        (struct sockaddr *)&addr, MHD_OPTION_THREAD_POOL_SIZE, (unsigned)srv->cfg.threads,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)srv->cfg.max_connections,
        /* The per-address limit is conn_guard.c's, which can evict a slow connection
         * to make room; MHD's own could only refuse. */
        MHD_OPTION_NOTIFY_CONNECTION, fm_conn_guard_notify, srv, MHD_OPTION_UNESCAPE_CALLBACK,
        fm_conn_guard_unescape, srv, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(128 * 1024),
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)srv->cfg.connection_timeout_s,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv, MHD_OPTION_ARRAY, srv->tls ? tls : none,
        MHD_OPTION_END);
    if (!srv->daemon)
        return fm_err_set(err, FM_EIO, "cannot listen on %s:%u (in use, or bad TLS files?)",
                          srv->bind, srv->cfg.port);
    info = MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_BIND_PORT);
    srv->port = info ? info->port : srv->cfg.port;
    snprintf(srv->url, sizeof srv->url, "%s://%s:%u/", srv->tls ? "https" : "http", srv->bind,
             srv->port);
    return FM_OK;
}

fm_rc fm_server_start(const fm_server_config *cfg, fm_server **out, fm_err *err)
{
    fm_server *srv = NULL;
    fm_store *probe = NULL;
    fm_rc rc;

    *out = NULL;
    if (!cfg->db_path)
        return fm_err_set(err, FM_EINVAL, "--db is required");
    rc = fm_auth_init(err);
    if (rc)
        return rc;
    fm_http_json_hooks_install();
    srv = calloc(1, sizeof *srv);
    if (!srv)
        return fm_err_set(err, FM_ENOMEM, "out of memory");
    pthread_mutex_init(&srv->db_lock, NULL);
    pthread_mutex_init(&srv->rl_lock, NULL);
    if (pthread_key_create(&srv->db_key, NULL) != 0) {
        free(srv);
        return fm_err_set(err, FM_ENOMEM, "no thread key");
    }
    rc = copy_config(srv, cfg, err);
    if (rc)
        goto done;
    /* Open once up front so a bad database fails the start, not the first request. */
    rc = fm_store_open(srv->db_path, &probe, err);
    if (rc)
        goto done;
    fm_store_close(probe);
    rc = fm_solver_queue_start(srv, err);
    if (rc)
        goto done;
    rc = fm_conn_guard_start(srv, err);
    if (rc)
        goto done;
    rc = start_daemon(srv, err);
done:
    if (rc) {
        fm_server_stop(srv);
        return rc;
    }
    *out = srv;
    return FM_OK;
}

unsigned fm_server_port(const fm_server *srv)
{
    return srv->port;
}

const char *fm_server_url(const fm_server *srv)
{
    return srv->url;
}

void fm_server_stop(fm_server *srv)
{
    MHD_socket listen_fd = MHD_INVALID_SOCKET;

    if (!srv)
        return;
    if (srv->daemon)
        listen_fd = MHD_quiesce_daemon(srv->daemon);
    /* No more deadlines: what is left is closed by MHD_stop_daemon below. */
    fm_conn_guard_stop_reaper(srv);
    /* Jobs finish (or are cancelled) and resume their connections first:
     * libmicrohttpd must not be stopped with suspended connections. */
    fm_solver_queue_stop(srv);
    if (srv->daemon)
        MHD_stop_daemon(srv->daemon);
    if (listen_fd != MHD_INVALID_SOCKET)
        close(listen_fd);
    if (srv->guard && !srv->cfg.quiet) {
        unsigned long late, evicted, refused;
        fm_conn_guard_stats(srv, &late, &evicted, &refused);
        /* What the limits did, once: a sign of slow clients or a too small --per-address. */
        if (late || evicted || refused)
            fprintf(stderr,
                    "httpd: %lu requests cut at their deadline, %lu slow connections closed to"
                    " make room, %lu connections refused at the per-address limit\n",
                    late, evicted, refused);
    }
    fm_conn_guard_free(srv);
    for (size_t i = 0; i < srv->n_dbs; i++)
        fm_store_close(srv->dbs[i]);
    free(srv->dbs);
    fm_http_ratelimit_free(srv);
    pthread_key_delete(srv->db_key);
    pthread_mutex_destroy(&srv->db_lock);
    pthread_mutex_destroy(&srv->rl_lock);
    free(srv->db_path);
    free(srv->bind);
    free(srv->web_dir);
    free(srv->tls_cert_pem);
    if (srv->tls_key_pem) {
        memset(srv->tls_key_pem, 0, strlen(srv->tls_key_pem));
        free(srv->tls_key_pem);
    }
    free(srv);
}
