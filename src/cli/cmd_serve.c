/*
 * cmd_serve.c - `fairmatch serve`: options, start, print the address, wait
 * for SIGINT/SIGTERM, stop cleanly. The server itself is src/http's.
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>

#include "cli.h"
#include "fairmatch/http.h"

static const char usage[] =
    "usage: fairmatch serve [--db DB] [--port 8080] [--bind 127.0.0.1] [--web DIR]\n"
    "                       [--tls-cert FILE --tls-key FILE] [--threads N]\n"
    "                       [--per-address N] [--request-timeout SECONDS]\n";
static const char about[] =
    "Serve the web UI and the JSON API (docs/api.md) from one process. The UI is\n"
    "built into the binary; --web DIR serves it from a folder instead (for\n"
    "development). Prints the address on standard output once listening.\n"
    "--port 0 picks a free port. With --tls-cert and --tls-key (PEM) it serves\n"
    "HTTPS only, TLS 1.2 and newer, and session cookies are marked Secure.\n"
    "SIGINT or SIGTERM stops it: running requests and the solver finish first.\n"
    "Users are created with `fairmatch user add`.\n";

/* The numbers of fm_server_config as the option table's ints. */
typedef struct serve_nums {
    int port, threads, per_address, request_timeout, idle, max;
} serve_nums;

/* Fill cfg from the options; true when the caller must return *status. */
static bool parse_opts(int argc, char **argv, fm_server_config *cfg, int *status)
{
    serve_nums n = {(int)cfg->port,
                    (int)cfg->threads,
                    (int)cfg->max_connections_per_ip,
                    (int)cfg->request_timeout_s,
                    (int)cfg->session_idle_s,
                    (int)cfg->session_max_s};
    const fm_cli_opt opts[] = {
        FM_OPT_DB(&cfg->db_path),
        FM_OPT_INT("port", &n.port, "PORT", 0, 65535,
                   "the port (default 8080; 0 picks a free one)"),
        FM_OPT_STRING("bind", &cfg->bind, "ADDRESS", "the IPv4 address (default 127.0.0.1)"),
        FM_OPT_STRING("web", &cfg->web_dir, "DIR", "serve the UI from DIR"),
        FM_OPT_STRING("tls-cert", &cfg->tls_cert, "FILE", "the certificate (PEM)"),
        FM_OPT_STRING("tls-key", &cfg->tls_key, "FILE", "its private key (PEM)"),
        FM_OPT_INT("threads", &n.threads, "N", 1, 64, "request threads, 1...64 (default 4)"),
        FM_OPT_INT("per-address", &n.per_address, "N", 1, 256,
                   "connections one client address may hold (default 32,\n"
                   "1...256; an office behind one NAT may need more); at the\n"
                   "cap its slowest unfinished request is closed to make room"),
        FM_OPT_INT("request-timeout", &n.request_timeout, "SECONDS", 1, 300,
                   "the time a client has to send a whole request, headers\n"
                   "and body, from connecting or from its previous answer\n"
                   "(default 10, 1...300)"),
        FM_OPT_INT("session-idle", &n.idle, "SECONDS", 1, 7L * 24 * 3600,
                   "for tests: the session's idle timeout (default 1800)"),
        FM_OPT_INT("session-max", &n.max, "SECONDS", 1, 7L * 24 * 3600,
                   "for tests: the session's longest life (default 43200)"),
        FM_OPT_FLAG("quiet", &cfg->quiet, "for tests: no access log"),
        FM_OPT_END};
    const fm_cli_spec spec = {.cmd = "serve", .usage = usage, .about = about, .opts = opts};

    if (fm_cli_parse(&spec, argc, argv, status))
        return true;
    cfg->port = (unsigned)n.port;
    cfg->threads = (unsigned)n.threads;
    cfg->max_connections_per_ip = (unsigned)n.per_address;
    cfg->request_timeout_s = (unsigned)n.request_timeout;
    cfg->session_idle_s = n.idle;
    cfg->session_max_s = n.max;
    return false;
}

int fm_cli_serve(int argc, char **argv)
{
    fm_server_config cfg;
    fm_server *srv = NULL;
    fm_err err = {0};
    sigset_t set;
    int sig = 0, status;

    fm_server_config_init(&cfg);
    if (parse_opts(argc, argv, &cfg, &status))
        return status;
    cfg.db_path = fm_cli_db_path(cfg.db_path);
    /* Block the signals before any thread starts, so only sigwait sees them. */
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
    if (fm_server_start(&cfg, &srv, &err))
        return fm_cli_fail(&err);
    printf("fairmatch: serving %s (db %s)\n", fm_server_url(srv), cfg.db_path);
    fflush(stdout);
    sigwait(&set, &sig);
    fprintf(stderr, "fairmatch: %s received, stopping\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    fm_server_stop(srv);
    return 0;
}
