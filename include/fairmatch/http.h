/*
 * fairmatch/http.h - the web server: the JSON API of docs/api.md and the UI's
 * static files, on libmicrohttpd with an internal thread pool (epoll), one
 * database connection per worker thread, and one solver thread.
 *
 * The handle is opaque. Start it with fm_server_start, stop it with
 * fm_server_stop (from any one thread, once).
 */
#ifndef FAIRMATCH_HTTP_H
#define FAIRMATCH_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fairmatch/err.h"

typedef struct fm_server fm_server;

typedef struct fm_server_config {
    const char *db_path;  /* required */
    const char *bind;     /* IPv4 address, default "127.0.0.1" */
    unsigned port;        /* 0 = pick a free port (read it with fm_server_port) */
    const char *web_dir;  /* NULL: the embedded UI; else serve files from this folder */
    const char *tls_cert; /* PEM file; with tls_key enables HTTPS (TLS 1.2+) */
    const char *tls_key;
    unsigned threads;                /* request threads, default 4 */
    unsigned max_connections;        /* default 256 */
    unsigned max_connections_per_ip; /* default 32; the slowest unfinished request makes room */
    unsigned connection_timeout_s;   /* idle connection timeout, default 30 */
    unsigned request_timeout_s;      /* whole request (headers + body) must arrive within this
                                        many seconds of the connection or the previous answer;
                                        default 10, 0 = off */
    size_t max_body;                 /* JSON body cap in bytes, default 65536 */
    int64_t session_idle_s;          /* default 1800 */
    int64_t session_max_s;           /* default 43200 */
    bool quiet;                      /* no access log on stderr */
} fm_server_config;

/* Fill cfg with the defaults above (db_path NULL). */
void fm_server_config_init(fm_server_config *cfg);

/*
 * Open the database (creating/migrating it), start the solver thread and the
 * HTTP daemon. OUT: *out owns the server. Returns FM_EINVAL for a bad option
 * (unreadable TLS files, bad bind address), FM_EIO when the port cannot be
 * bound, FM_EDB for the database.
 */
fm_rc fm_server_start(const fm_server_config *cfg, fm_server **out, fm_err *err);

/* The port actually bound (useful with port 0). */
unsigned fm_server_port(const fm_server *srv);

/* "http://127.0.0.1:8080/" (or https). Borrowed, lives as long as srv. */
const char *fm_server_url(const fm_server *srv);

/*
 * Stop accepting, let running requests finish, drain the solver queue, close
 * every database connection and free srv. NULL-safe.
 */
void fm_server_stop(fm_server *srv);

/* The HTTP status an fm_rc maps to (FM_EINVAL 400, FM_ENOTFOUND 404, ...). */
unsigned fm_http_status_from_rc(fm_rc rc);

#endif
