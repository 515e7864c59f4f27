/*
 * conn_guard.c - what libmicrohttpd 0.9.75 does not bound by itself: the time
 * a client may take to deliver one request (MHD's idle timeout restarts with
 * every byte, so a trickle holds a connection for ever), and how many
 * connections one address may hold, the slowest unfinished requests making
 * room first. It also carries the per-connection flag the URL unescaper
 * sets. What a request means is server.c's and router.c's business.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "http_internal.h"

/* A request younger than this is never evicted: normal clients finish in milliseconds. */
#define EVICT_GRACE_MS 1000
/* How often the reaper looks for requests past their deadline. */
#define REAP_EVERY_MS 100

typedef struct fm_conn {
    struct fm_conn *prev, *next;
    MHD_socket fd;
    char addr[INET6_ADDRSTRLEN];
    int64_t since_ms;    /* when the wait for the current request began */
    int64_t deadline_ms; /* 0: the request is complete and being answered */
    bool shut;           /* shutdown() called: MHD will close it on its next read */
    bool bad_url;        /* the URL held %00: the request is refused */
} fm_conn;

struct fm_conn_guard {
    pthread_mutex_t lock;
    pthread_cond_t wake;
    pthread_t reaper;
    bool reaper_started, stopping;
    fm_conn *head;
    unsigned per_ip, max_total;
    int64_t timeout_ms;
    unsigned long timed_out, evicted, refused;
};

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void fm_http_addr_string(const struct sockaddr *sa, char out[INET6_ADDRSTRLEN])
{
    snprintf(out, INET6_ADDRSTRLEN, "unknown");
    if (sa && sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, out,
                  INET6_ADDRSTRLEN);
    else if (sa && sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, out,
                  INET6_ADDRSTRLEN);
}

/*
 * Make MHD drop the connection. Called with the lock held, so the
 * connection's CLOSED notification (which comes before MHD closes the socket)
 * cannot run meanwhile: the fd is still this connection's.
 */
static void shut(fm_conn *k)
{
    if (k->shut)
        return;
    k->shut = true;
    shutdown(k->fd, SHUT_RDWR);
}

static void *reaper_main(void *arg)
{
    fm_conn_guard *g = arg;
    struct timespec ts;

    pthread_mutex_lock(&g->lock);
    while (!g->stopping) {
        int64_t now = now_ms();
        for (fm_conn *k = g->head; k; k = k->next) {
            if (k->deadline_ms && !k->shut && now >= k->deadline_ms) {
                shut(k);
                g->timed_out++;
            }
        }
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += REAP_EVERY_MS * 1000000L;
        if (ts.tv_nsec >= 1000000000L) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&g->wake, &g->lock, &ts);
    }
    pthread_mutex_unlock(&g->lock);
    return NULL;
}

fm_rc fm_conn_guard_start(fm_server *srv, fm_err *err)
{
    fm_conn_guard *g = calloc(1, sizeof *g);

    if (!g)
        return fm_err_set(err, FM_ENOMEM, "out of memory");
    pthread_mutex_init(&g->lock, NULL);
    pthread_cond_init(&g->wake, NULL);
    g->per_ip = srv->cfg.max_connections_per_ip;
    g->max_total = srv->cfg.max_connections;
    g->timeout_ms = (int64_t)srv->cfg.request_timeout_s * 1000;
    srv->guard = g;
    if (pthread_create(&g->reaper, NULL, reaper_main, g) != 0)
        return fm_err_set(err, FM_ENOMEM, "cannot start the request-deadline thread");
    g->reaper_started = true;
    return FM_OK;
}

void fm_conn_guard_stop_reaper(fm_server *srv)
{
    fm_conn_guard *g = srv->guard;

    if (!g || !g->reaper_started)
        return;
    pthread_mutex_lock(&g->lock);
    g->stopping = true;
    pthread_cond_signal(&g->wake);
    pthread_mutex_unlock(&g->lock);
    pthread_join(g->reaper, NULL);
    g->reaper_started = false;
}

void fm_conn_guard_free(fm_server *srv)
{
    fm_conn_guard *g = srv->guard;

    if (!g)
        return;
    fm_conn_guard_stop_reaper(srv);
    /* MHD has closed every connection by now (each CLOSED freed its entry). */
    while (g->head) {
        fm_conn *k = g->head;
        g->head = k->next;
        free(k);
    }
    pthread_cond_destroy(&g->wake);
    pthread_mutex_destroy(&g->lock);
    free(g);
    srv->guard = NULL;
}

/* The slowest unfinished request (of addr, or of anyone when addr is NULL) old enough to go. */
static fm_conn *slowest(fm_conn_guard *g, const char *addr, int64_t now)
{
    fm_conn *best = NULL;

    for (fm_conn *k = g->head; k; k = k->next) {
        if (k->shut || !k->deadline_ms || now - k->since_ms < EVICT_GRACE_MS)
            continue;
        if (addr && strcmp(k->addr, addr))
            continue;
        if (!best || k->since_ms < best->since_ms)
            best = k;
    }
    return best;
}

enum MHD_Result fm_conn_guard_accept(void *cls, const struct sockaddr *sa, socklen_t len)
{
    fm_server *srv = cls;
    fm_conn_guard *g = srv->guard;
    char addr[INET6_ADDRSTRLEN];
    unsigned same = 0, total = 0;
    enum MHD_Result ok = MHD_YES;
    int64_t now = now_ms();
    fm_conn *victim;

    (void)len;
    fm_http_addr_string(sa, addr);
    pthread_mutex_lock(&g->lock);
    for (fm_conn *k = g->head; k; k = k->next) {
        if (k->shut)
            continue; /* on its way out */
        total++;
        if (!strcmp(k->addr, addr))
            same++;
    }
    if (g->per_ip && same >= g->per_ip) {
        /* The address is at its limit: its slowest unfinished request makes room, so
         * that slow connections cannot lock out the fast ones behind the same NAT. */
        victim = slowest(g, addr, now);
        if (victim) {
            shut(victim);
            g->evicted++;
        } else {
            g->refused++;
            ok = MHD_NO;
        }
    } else if (g->max_total && total + g->max_total / 16 + 1 >= g->max_total) {
        /* Nearly full: the slowest unfinished request of anyone goes first. */
        victim = slowest(g, NULL, now);
        if (victim) {
            shut(victim);
            g->evicted++;
        }
    }
    pthread_mutex_unlock(&g->lock);
    return ok;
}

void fm_conn_guard_notify(void *cls, struct MHD_Connection *conn, void **socket_context,
                          enum MHD_ConnectionNotificationCode code)
{
    fm_server *srv = cls;
    fm_conn_guard *g = srv->guard;
    fm_conn *k = *socket_context;
    const union MHD_ConnectionInfo *ci;

    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        k = calloc(1, sizeof *k);
        if (!k)
            return; /* unguarded, but MHD's idle timeout and global limit still hold */
        ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
        k->fd = ci ? ci->connect_fd : MHD_INVALID_SOCKET;
        ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
        fm_http_addr_string(ci ? ci->client_addr : NULL, k->addr);
        k->since_ms = now_ms();
        k->deadline_ms = g->timeout_ms ? k->since_ms + g->timeout_ms : 0;
        if (k->fd == MHD_INVALID_SOCKET)
            k->shut = true; /* never shutdown() an fd we do not know */
        pthread_mutex_lock(&g->lock);
        k->next = g->head;
        if (g->head)
            g->head->prev = k;
        g->head = k;
        pthread_mutex_unlock(&g->lock);
        *socket_context = k;
        return;
    }
    if (!k)
        return;
    pthread_mutex_lock(&g->lock);
    if (k->prev)
        k->prev->next = k->next;
    else
        g->head = k->next;
    if (k->next)
        k->next->prev = k->prev;
    pthread_mutex_unlock(&g->lock);
    free(k);
    *socket_context = NULL;
}

static fm_conn *conn_of(struct MHD_Connection *conn)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return ci ? ci->socket_context : NULL;
}

void fm_conn_guard_request_received(fm_server *srv, struct MHD_Connection *conn)
{
    fm_conn *k = conn_of(conn);

    if (!k)
        return;
    pthread_mutex_lock(&srv->guard->lock);
    k->deadline_ms = 0;
    pthread_mutex_unlock(&srv->guard->lock);
}

void fm_conn_guard_request_done(fm_server *srv, struct MHD_Connection *conn)
{
    fm_conn_guard *g = srv->guard;
    fm_conn *k = conn_of(conn);

    if (!k)
        return;
    pthread_mutex_lock(&g->lock);
    k->since_ms = now_ms();
    k->deadline_ms = g->timeout_ms ? k->since_ms + g->timeout_ms : 0;
    k->bad_url = false;
    pthread_mutex_unlock(&g->lock);
}

size_t fm_conn_guard_unescape(void *cls, struct MHD_Connection *conn, char *s)
{
    fm_conn *k;

    (void)cls;
    /* MHD's own decoder would turn %00 into a NUL that silently cuts the path
     * (/api/seekers/S1%00x would read S1): flag it, server.c refuses the request. */
    if (strstr(s, "%00")) {
        k = conn_of(conn);
        if (k)
            k->bad_url = true; /* only this connection's thread touches it now */
    }
    return MHD_http_unescape(s);
}

bool fm_conn_guard_bad_url(struct MHD_Connection *conn)
{
    fm_conn *k = conn_of(conn);
    return k && k->bad_url;
}

void fm_conn_guard_stats(fm_server *srv, unsigned long *timed_out, unsigned long *evicted,
                         unsigned long *refused)
{
    fm_conn_guard *g = srv->guard;

    pthread_mutex_lock(&g->lock);
    *timed_out = g->timed_out;
    *evicted = g->evicted;
    *refused = g->refused;
    pthread_mutex_unlock(&g->lock);
}
