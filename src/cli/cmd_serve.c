/*
 * cmd_serve.c - `fairmatch serve`: options, start, print the address, wait
 * for SIGINT/SIGTERM, stop cleanly. The server itself is src/http's.
 */
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fairmatch/http.h"

static const char help[] =
    "usage: fairmatch serve [--db DB] [--port 8080] [--bind 127.0.0.1] [--web DIR]\n"
    "                       [--tls-cert FILE --tls-key FILE] [--threads N]\n"
    "                       [--per-address N] [--request-timeout SECONDS]\n\n"
    "Serve the web UI and the JSON API (docs/api.md) from one process. The UI is\n"
    "built into the binary; --web DIR serves it from a folder instead (for\n"
    "development). Prints the address on standard output once listening.\n"
    "--port 0 picks a free port. With --tls-cert and --tls-key (PEM) it serves\n"
    "HTTPS only, TLS 1.2 and newer, and session cookies are marked Secure.\n"
    "SIGINT or SIGTERM stops it: running requests and the solver finish first.\n\n"
    "--per-address N (default 32, 1...256) caps the connections one client\n"
    "address may hold (an office behind one NAT may need more); at the cap its\n"
    "slowest unfinished request is closed to make room. --request-timeout\n"
    "SECONDS (default 10, 1...300) is the time a client has to send a whole\n"
    "request, headers and body, from connecting or from its previous answer.\n\n"
    "Users are created with `fairmatch user add`.\n\n"
    "For tests: --session-idle SECONDS (default 1800) and --session-max SECONDS\n"
    "(default 43200) set the session timeouts; --quiet drops the access log.\n";

static bool parse_uint(const char *s, unsigned long max, unsigned long *out)
{
    char *end = NULL;
    unsigned long v;
    if (!s || !*s || *s == '-')
        return false;
    errno = 0;
    v = strtoul(s, &end, 10);
    if (errno || *end || v > max)
        return false;
    *out = v;
    return true;
}

static int parse_opts(int argc, char **argv, fm_server_config *cfg)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"port", required_argument, NULL, 'p'},
                                         {"bind", required_argument, NULL, 'b'},
                                         {"web", required_argument, NULL, 'w'},
                                         {"tls-cert", required_argument, NULL, 'c'},
                                         {"tls-key", required_argument, NULL, 'k'},
                                         {"threads", required_argument, NULL, 't'},
                                         {"session-idle", required_argument, NULL, 'i'},
                                         {"session-max", required_argument, NULL, 'm'},
                                         {"quiet", no_argument, NULL, 'q'},
                                         {"per-address", required_argument, NULL, 'A'},
                                         {"request-timeout", required_argument, NULL, 'T'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    unsigned long v = 0;
    int c;

    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            cfg->db_path = optarg;
            break;
        case 'p':
            if (!parse_uint(optarg, 65535, &v))
                return fm_cli_usage_error("serve", "--port: '%s' is not a port 0...65535", optarg);
            cfg->port = (unsigned)v;
            break;
        case 'b':
            cfg->bind = optarg;
            break;
        case 'w':
            cfg->web_dir = optarg;
            break;
        case 'c':
            cfg->tls_cert = optarg;
            break;
        case 'k':
            cfg->tls_key = optarg;
            break;
        case 't':
            if (!parse_uint(optarg, 64, &v) || v == 0)
                return fm_cli_usage_error("serve", "--threads: '%s' is not 1...64", optarg);
            cfg->threads = (unsigned)v;
            break;
        case 'i':
        case 'm':
            if (!parse_uint(optarg, 7L * 24 * 3600, &v) || v == 0)
                return fm_cli_usage_error("serve", "--session-%s: '%s' is not 1...604800 seconds",
                                          c == 'i' ? "idle" : "max", optarg);
            if (c == 'i')
                cfg->session_idle_s = (int64_t)v;
            else
                cfg->session_max_s = (int64_t)v;
            break;
        case 'q':
            cfg->quiet = true;
            break;
        case 'A':
            if (!parse_uint(optarg, 256, &v) || v == 0)
                return fm_cli_usage_error("serve", "--per-address: '%s' is not 1...256", optarg);
            cfg->max_connections_per_ip = (unsigned)v;
            break;
        case 'T':
            if (!parse_uint(optarg, 300, &v) || v == 0)
                return fm_cli_usage_error("serve", "--request-timeout: '%s' is not 1...300",
                                          optarg);
            cfg->request_timeout_s = (unsigned)v;
            break;
        case 'h':
            fputs(help, stdout);
            return -1;
        default:
            return fm_cli_usage_error("serve", "unknown option");
        }
    }
    if (optind < argc)
        return fm_cli_usage_error("serve", "unexpected argument '%s'", argv[optind]);
    return 0;
}

int fm_cli_serve(int argc, char **argv)
{
    fm_server_config cfg;
    fm_server *srv = NULL;
    fm_err err = {0};
    sigset_t set;
    int sig = 0, status;

    fm_server_config_init(&cfg);
    status = parse_opts(argc, argv, &cfg);
    if (status)
        return status < 0 ? 0 : status;
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
