/*
 * test_http_hardening.c - issue 15's attacks on the server, each replayed
 * over raw loopback sockets (a client library would normalise the bytes):
 * slow clients from many source addresses (127.0.0.2, .3, ... are distinct
 * addresses on loopback), request deadlines, request smuggling framing,
 * forged access-log lines, %00 and \u0000, invisible names, the login limit
 * under parallel attempts, and disabling users. One server per test.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sys/time.h>
#include <time.h>

#include "integration/http_harness.h"

static double t_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void t_sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* A server like h_start's, with a short request deadline and 4 threads (as `serve`). */
static void t_start_with(unsigned request_timeout_s, bool quiet)
{
    fm_server_config cfg;

    h_prepare(&cfg);
    cfg.quiet = quiet;
    cfg.threads = 4;
    if (request_timeout_s)
        cfg.request_timeout_s = request_timeout_s;
    h_launch(&cfg);
}

static void t_start(void)
{
    t_start_with(0, true);
}

static void t_start_short_deadline(void)
{
    t_start_with(2, true);
}

/* How long a read waits for the server (longer where argon2id work queues up). */
static time_t t_recv_timeout_s = 5;

/* A connected socket from source address src (e.g. "127.0.0.2"); -1 if refused. */
static int t_connect_from(const char *src)
{
    struct sockaddr_in a;
    struct timeval tv = {t_recv_timeout_s, 0};
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    cr_assert_geq(fd, 0, "socket: %s", strerror(errno));
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    cr_assert_eq(inet_pton(AF_INET, src, &a.sin_addr), 1);
    cr_assert_eq(bind(fd, (struct sockaddr *)&a, sizeof a), 0, "bind %s: %s", src, strerror(errno));
    a.sin_port = htons((uint16_t)h_port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

/* Everything the server sends on fd until it closes or 5 s pass (then "<timeout>" is added). */
static char *t_read_all(int fd)
{
    fm_buf in = FM_BUF_INIT;
    char buf[4096];
    ssize_t n;

    while ((n = recv(fd, buf, sizeof buf, 0)) > 0)
        fm_buf_add(&in, buf, (size_t)n);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
        fm_buf_adds(&in, "<timeout>");
    if (!in.data)
        fm_buf_adds(&in, "");
    return fm_buf_detach(&in, NULL);
}

/* Send req from src and return the status of the answer (0: none), its time in *secs. */
static int t_status_from(const char *src, const char *req, double *secs)
{
    double t0 = t_now();
    int fd = t_connect_from(src), status = 0;
    char *in;

    if (fd < 0)
        return 0;
    send(fd, req, strlen(req), MSG_NOSIGNAL);
    in = t_read_all(fd);
    close(fd);
    sscanf(in, "HTTP/1.%*d %d", &status);
    free(in);
    *secs = t_now() - t0;
    return status;
}

/* How many answers (status lines) a byte stream holds. */
static int t_answers(const char *in)
{
    int n = 0;
    for (const char *p = in; (p = strstr(p, "HTTP/1.1 ")); p++)
        n++;
    return n;
}

/* ---- item 1: slow clients ---- */

#define SLOW_N 300

Test(http_hardening, slow_clients_from_five_addresses_leave_room_for_another, .init = t_start,
     .fini = h_stop, .timeout = 60)
{
    static const char normal[] = "GET /api/me HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    static int fds[SLOW_N];
    char src[32];
    double secs = 0, worst = 0;
    int open_n = 0;

    for (int i = 0; i < SLOW_N; i++) {
        snprintf(src, sizeof src, "127.0.0.%d", 2 + i % 5);
        fds[i] = t_connect_from(src);
        if (fds[i] >= 0 && send(fds[i], "GET /api/me HTTP/1.1\r\n", 22, MSG_NOSIGNAL) == 22)
            open_n++;
    }
    cr_assert_gt(open_n, 0);
    /* Trickle one header line a second on every connection for 3 s, asking from
     * another address each round. */
    for (int round = 0; round < 3; round++) {
        int st = t_status_from("127.0.0.9", normal, &secs);
        cr_assert_eq(st, 401, "round %d: no answer from another address (status %d)", round, st);
        cr_assert_lt(secs, 1.0, "round %d: answered after %.2f s", round, secs);
        if (secs > worst)
            worst = secs;
        for (int i = 0; i < SLOW_N; i++)
            if (fds[i] >= 0)
                send(fds[i], "X-Slow: 1\r\n", 11, MSG_NOSIGNAL);
        t_sleep_ms(1000);
    }
    cr_log_info("worst answer %.3f s with %d slow connections opened", worst, open_n);
    for (int i = 0; i < SLOW_N; i++)
        if (fds[i] >= 0)
            close(fds[i]);
}

Test(http_hardening, slow_clients_from_one_address_do_not_lock_it_out, .init = t_start,
     .fini = h_stop, .timeout = 60)
{
    static const char normal[] = "GET /api/me HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    int fds[64];
    double secs = 0;
    int st;

    for (int i = 0; i < 64; i++) {
        fds[i] = t_connect_from("127.0.0.7");
        if (fds[i] >= 0)
            send(fds[i], "GET /api/me HTTP/1.1\r\n", 22, MSG_NOSIGNAL);
    }
    t_sleep_ms(1300); /* older than the eviction grace (1 s) */
    for (int i = 0; i < 64; i++)
        if (fds[i] >= 0)
            send(fds[i], "X-Slow: 1\r\n", 11, MSG_NOSIGNAL);
    st = t_status_from("127.0.0.7", normal, &secs);
    cr_assert_eq(st, 401, "the address is locked out (status %d)", st);
    cr_assert_lt(secs, 1.0, "answered after %.2f s", secs);
    for (int i = 0; i < 64; i++)
        if (fds[i] >= 0)
            close(fds[i]);
}

/* Send piece every step_ms until the server closes; seconds until it did (or give_up). */
static double t_trickle_until_closed(int fd, const char *piece, int step_ms, double give_up)
{
    double t0 = t_now();
    char buf[512];

    while (t_now() - t0 < give_up) {
        struct pollfd p = {fd, POLLIN, 0};
        if (send(fd, piece, strlen(piece), MSG_NOSIGNAL) < 0)
            return t_now() - t0;
        if (poll(&p, 1, step_ms) == 1) {
            ssize_t n = recv(fd, buf, sizeof buf, MSG_DONTWAIT);
            if (n <= 0)
                return t_now() - t0;
        }
    }
    return -1;
}

Test(http_hardening, trickled_headers_are_cut_at_the_request_deadline,
     .init = t_start_short_deadline, .fini = h_stop, .timeout = 30)
{
    int fd = t_connect_from("127.0.0.3");
    double took;

    cr_assert_geq(fd, 0);
    send(fd, "GET /api/me HTTP/1.1\r\nHost: x\r\n", 31, MSG_NOSIGNAL);
    /* Each byte would restart MHD's 30 s idle timeout; the 2 s deadline does not move. */
    took = t_trickle_until_closed(fd, "X", 300, 8.0);
    close(fd);
    cr_assert_geq(took, 0, "still open after 8 s of trickling");
    cr_assert_lt(took, 3.5, "closed only after %.2f s", took);
}

Test(http_hardening, trickled_body_is_cut_at_the_request_deadline, .init = t_start_short_deadline,
     .fini = h_stop, .timeout = 30)
{
    static const char head[] = "POST /api/login HTTP/1.1\r\nHost: x\r\n"
                               "Content-Type: application/json\r\nContent-Length: 4000\r\n\r\n{";
    int fd = t_connect_from("127.0.0.3");
    double took;

    cr_assert_geq(fd, 0);
    send(fd, head, strlen(head), MSG_NOSIGNAL);
    took = t_trickle_until_closed(fd, " ", 300, 8.0);
    close(fd);
    cr_assert_geq(took, 0, "still open after 8 s of trickling");
    cr_assert_lt(took, 3.5, "closed only after %.2f s", took);
}

Test(http_hardening, a_normal_keep_alive_client_is_not_cut, .init = t_start_short_deadline,
     .fini = h_stop, .timeout = 30)
{
    static const char req[] = "GET /api/me HTTP/1.1\r\nHost: x\r\n\r\n";
    char buf[2048];
    int fd = t_connect_from("127.0.0.4");

    cr_assert_geq(fd, 0);
    /* Three requests on one connection, each sent well within its deadline. */
    for (int i = 0; i < 3; i++) {
        ssize_t n;
        cr_assert_eq(send(fd, req, strlen(req), MSG_NOSIGNAL), (ssize_t)strlen(req));
        n = recv(fd, buf, sizeof buf - 1, 0);
        cr_assert_gt(n, 0, "request %d: no answer", i);
        buf[n] = '\0';
        cr_assert_not_null(strstr(buf, "HTTP/1.1 401"), "%s", buf);
        t_sleep_ms(1000);
    }
    close(fd);
}

/* ---- item 6: framing ---- */

static char *t_exchange(const char *req)
{
    int fd = t_connect_from("127.0.0.5");
    char *in;

    cr_assert_geq(fd, 0);
    send(fd, req, strlen(req), MSG_NOSIGNAL);
    in = t_read_all(fd);
    close(fd);
    return in;
}

Test(http_hardening, two_content_lengths_get_one_400_and_nothing_after, .init = t_start,
     .fini = h_stop, .timeout = 30)
{
    /* Before: the first length (2) was used and the rest ran as a second request. */
    char *in = t_exchange("POST /api/login HTTP/1.1\r\nHost: x\r\n"
                          "Content-Type: application/json\r\n"
                          "Content-Length: 2\r\nContent-Length: 52\r\n\r\n"
                          "{}GET /api/nothing-here HTTP/1.1\r\nHost: x\r\n\r\n");

    cr_assert_eq(strncmp(in, "HTTP/1.1 400", 12), 0, "%s", in);
    cr_assert_eq(t_answers(in), 1, "more than one answer: %s", in);
    cr_assert_null(strstr(in, "<timeout>"), "the connection stayed open: %s", in);
    cr_assert_not_null(strstr(in, "Connection: close"), "%s", in);
    free(in);
}

Test(http_hardening, transfer_encoding_with_a_space_before_the_colon_is_refused, .init = t_start,
     .fini = h_stop, .timeout = 30)
{
    /* Before: MHD kept "Transfer-Encoding " as an unknown header, served the page as a
     * bodiless GET (200) and read the chunks as the next request. */
    char *in = t_exchange("GET / HTTP/1.1\r\nHost: x\r\n"
                          "Transfer-Encoding : chunked\r\n\r\n"
                          "2\r\n{}\r\n0\r\n\r\nGET /api/nothing-here HTTP/1.1\r\nHost: x\r\n\r\n");

    cr_assert_eq(strncmp(in, "HTTP/1.1 400", 12), 0, "%.200s", in);
    cr_assert_eq(t_answers(in), 1, "more than one answer: %.300s", in);
    cr_assert_null(strstr(in, "<timeout>"), "%.200s", in);
    free(in);
}

Test(http_hardening, a_folded_transfer_encoding_is_refused, .init = t_start, .fini = h_stop,
     .timeout = 30)
{
    /* MHD 0.9.75 turns the folded line into a header named "Transfer-Encodingchunked":
     * before, the request ran without a body and the chunks came next. */
    char *in = t_exchange("GET / HTTP/1.1\r\nHost: x\r\n"
                          "Transfer-Encoding: x\r\n chunked\r\n\r\n"
                          "2\r\n{}\r\n0\r\n\r\n");

    cr_assert_eq(strncmp(in, "HTTP/1.1 400", 12), 0, "%.200s", in);
    cr_assert_eq(t_answers(in), 1, "%.300s", in);
    free(in);
}

Test(http_hardening, unknown_transfer_encoding_is_answered_at_once, .init = t_start, .fini = h_stop,
     .timeout = 30)
{
    double t0 = t_now(), took;
    char *in = t_exchange("POST /api/login HTTP/1.1\r\nHost: x\r\n"
                          "Content-Type: application/json\r\n"
                          "Transfer-Encoding: xchunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n");

    took = t_now() - t0;
    cr_assert_eq(strncmp(in, "HTTP/1.1 501", 12), 0, "%s", in);
    cr_assert_eq(t_answers(in), 1, "%s", in);
    cr_assert_lt(took, 1.0, "answered and closed after %.2f s", took);
    free(in);
}

Test(http_hardening, content_length_with_transfer_encoding_is_refused, .init = t_start,
     .fini = h_stop, .timeout = 30)
{
    char *in = t_exchange("POST /api/login HTTP/1.1\r\nHost: x\r\n"
                          "Content-Type: application/json\r\n"
                          "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "2\r\n{}\r\n0\r\n\r\n");

    cr_assert_eq(strncmp(in, "HTTP/1.1 400", 12), 0, "%s", in);
    cr_assert_eq(t_answers(in), 1, "%s", in);
    cr_assert_null(strstr(in, "<timeout>"), "%s", in);
    free(in);
}

Test(http_hardening, plain_chunked_bodies_still_work, .init = t_start, .fini = h_stop,
     .timeout = 30)
{
    char *in = t_exchange("POST /api/login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                          "Content-Type: application/json\r\n"
                          "Transfer-Encoding: chunked\r\n\r\n"
                          "35\r\n{\"username\":\"org\",\"password\":\"" H_PASSWORD "\"}\r\n"
                          "0\r\n\r\n");

    cr_assert_eq(strncmp(in, "HTTP/1.1 200", 12), 0, "%s", in);
    free(in);
}

/* ---- item 7: the access log ---- */

Test(http_hardening, access_log_lines_cannot_be_forged, .timeout = 30)
{
    char path[200];
    char *log;
    FILE *f;
    long n;
    int saved = dup(2), fd, lines = 0;

    snprintf(path, sizeof path, "/tmp/fm_log_XXXXXX");
    fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    fflush(stderr);
    dup2(fd, 2);
    t_start_with(0, false);
    free(t_exchange("GET /x%0APOST%20/api/login%20200%0A%1b[31m HTTP/1.1\r\nHost: x\r\n"
                    "Connection: close\r\n\r\n"));
    h_stop();
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    f = fdopen(fd, "rb");
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    rewind(f);
    log = calloc(1, (size_t)n + 1);
    cr_assert_eq(fread(log, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    unlink(path);
    /* Access-log lines; MHD's own "httpd: " messages may come too. */
    for (char *p = log; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
        lines += strncmp(p, "httpd: ", 7) != 0;
    cr_assert_null(strchr(log, 0x1b), "a raw escape in the log: %s", log);
    cr_assert_null(strstr(log, "\nPOST /api/login"), "a forged line: %s", log);
    cr_assert_neq(strncmp(log, "POST /api/login", 15), 0, "a forged line: %s", log);
    cr_assert_not_null(strstr(log, "GET /x\\x0aPOST /api/login 200\\x0a\\x1b[31m 404\n"), "%s",
                       log);
    cr_assert_eq(lines, 1, "%d lines: %s", lines, log);
    free(log);
}

/* ---- item 8: %00, \u0000, invisible names ---- */

TestSuite(http_hardening_input, .init = h_start, .fini = h_stop, .timeout = 60);

Test(http_hardening_input, nul_in_the_path_is_refused)
{
    h_sess s = h_login("org");
    h_resp r = h_as(&s, "GET", "/api/seekers/S1%00x", NULL);

    /* Before: the path was cut at the NUL and S1's record came back. */
    cr_assert_eq(r.status, 400, "%d %s", r.status, r.body);
    h_resp_free(&r);
    r = h_as(&s, "GET", "/api/seekers?q=Am%00", NULL);
    cr_assert_eq(r.status, 400, "%d %s", r.status, r.body);
    h_resp_free(&r);
    cr_assert_eq(h_status(&s, "GET", "/api/seekers/S1", NULL), 200);
}

static void t_refused_with_field(const h_sess *s, const char *method, const char *path,
                                 const char *body, const char *field)
{
    h_resp r = h_as(s, method, path, body);
    const cJSON *f = cJSON_GetObjectItemCaseSensitive(r.json, "field");

    cr_assert_eq(r.status, 400, "%s: %d %s", body, r.status, r.body);
    cr_assert(cJSON_IsString(f) && !strcmp(f->valuestring, field), "%s: %s", body, r.body);
    h_resp_free(&r);
}

Test(http_hardening_input, nul_escape_in_a_json_string_is_refused_with_the_field)
{
    h_sess s = h_login("org");

    /* Before: stored as "Am", the rest silently dropped. */
    t_refused_with_field(&s, "PUT", "/api/seekers/S1", "{\"first_name\":\"Am\\u0000ina\"}",
                         "first_name");
    t_refused_with_field(&s, "POST", "/api/departments", "{\"id\":\"NEW\",\"name\":\"X\\u0000\"}",
                         "name");
    cr_assert_eq(h_count("SELECT count(*) FROM seekers WHERE id = 'S1' AND first_name = 'Amina'"),
                 1);
    cr_assert_eq(h_count("SELECT count(*) FROM departments WHERE id = 'NEW'"), 0);
    /* An escaped backslash before u0000 is text, not the escape. */
    cr_assert_eq(h_status(&s, "PUT", "/api/seekers/S1", "{\"first_name\":\"A\\\\u0000\"}"), 200);
}

Test(http_hardening_input, invisible_names_are_refused_with_the_field)
{
    h_sess s = h_login("org");

    t_refused_with_field(&s, "PUT", "/api/seekers/S1", "{\"first_name\":\"\\u200b\"}",
                         "first_name");
    t_refused_with_field(&s, "PUT", "/api/seekers/S1",
                         "{\"last_name\":\"\\u00a0\\ufeff\\u2060 \\u3000\\u200d\\u200c\"}",
                         "last_name");
    t_refused_with_field(&s, "PUT", "/api/seekers/S1", "{\"first_name\":\"\\t \\u2028\"}",
                         "first_name");
    t_refused_with_field(&s, "POST", "/api/departments",
                         "{\"id\":\"NEW\",\"name\":\"\\u2003\\u205f\"}", "name");
    t_refused_with_field(&s, "PUT", "/api/departments/UBF", "{\"name\":\"\\u1680\"}", "name");
    cr_assert_eq(h_count("SELECT count(*) FROM seekers WHERE id = 'S1' AND first_name = 'Amina'"
                         " AND last_name = 'Ali'"),
                 1);
    /* A visible character among invisible ones is a name. */
    cr_assert_eq(h_status(&s, "PUT", "/api/seekers/S1", "{\"first_name\":\"\\u200bÅsa\"}"), 200);
}

/* ---- item 8: the login limit under parallel attempts ---- */

#define PAR_N 40

static int par_status[PAR_N];

static void *wrong_login(void *arg)
{
    static const char req[] = "POST /api/login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                              "Content-Type: application/json\r\nContent-Length: 47\r\n\r\n"
                              "{\"username\":\"mgr_b\",\"password\":\"wrong wrong 1\"}";
    int i = (int)(intptr_t)arg;
    char src[32];
    double secs;

    /* From four addresses (10 each), under the per-address connection and login limits:
     * only the per-account limit is tested here. */
    snprintf(src, sizeof src, "127.0.1.%d", 1 + i % 4);
    par_status[i] = t_status_from(src, req, &secs);
    return NULL;
}

Test(http_hardening, parallel_wrong_passwords_are_counted_atomically, .init = t_start,
     .fini = h_stop, .timeout = 120)
{
    pthread_t th[PAR_N];
    int checked = 0, limited = 0;

    t_recv_timeout_s = 60;
    for (int i = 0; i < PAR_N; i++)
        cr_assert_eq(pthread_create(&th[i], NULL, wrong_login, (void *)(intptr_t)i), 0);
    for (int i = 0; i < PAR_N; i++)
        pthread_join(th[i], NULL);
    for (int i = 0; i < PAR_N; i++) {
        checked += par_status[i] == 401;
        limited += par_status[i] == 429;
    }
    /* 401 = a password was checked. The account allows 5 before it locks. */
    cr_assert_leq(checked, 5, "%d passwords checked against a limit of 5", checked);
    cr_assert_eq(checked + limited, PAR_N, "other statuses besides %d x 401, %d x 429", checked,
                 limited);
    cr_assert_eq(h_count("SELECT count(*) FROM audit_log WHERE action = 'login_failed'"), checked);
}

/* ---- item 8: disabling users ---- */

static void t_user_op(int op, const char *username)
{
    char hash[FM_AUTH_HASH_MAX];
    fm_store *s = NULL;
    fm_err err = {0};
    int revoked = -1;

    cr_assert_eq(fm_store_open(h_db, &s, &err), FM_OK, "%s", err.msg);
    if (op == 0 || op == 1)
        cr_assert_eq(fm_store_user_set_disabled(s, "test", username, op == 0, &revoked, &err),
                     FM_OK, "%s", err.msg);
    if (op == 2) {
        cr_assert_eq(fm_auth_hash_password("a new password 2", hash, &err), FM_OK);
        cr_assert_eq(fm_store_user_set_password(s, "test", username, hash, &revoked, &err), FM_OK,
                     "%s", err.msg);
    }
    if (op == 3)
        cr_assert_eq(fm_store_user_remove(s, "test", username, &revoked, &err), FM_OK, "%s",
                     err.msg);
    if (op != 1)
        cr_assert_geq(revoked, 1, "no session revoked");
    fm_store_close(s);
}

Test(http_hardening_input, disabling_a_user_ends_their_sessions_and_logins)
{
    h_sess s = h_login("mgr_a");
    h_resp r;

    cr_assert_eq(h_status(&s, "GET", "/api/me", NULL), 200);
    t_user_op(0, "mgr_a");
    cr_assert_eq(h_status(&s, "GET", "/api/me", NULL), 401);
    r = h_req("POST", "/api/login", "{\"username\":\"mgr_a\",\"password\":\"" H_PASSWORD "\"}",
              NULL);
    cr_assert_eq(r.status, 401, "a disabled user logged in: %s", r.body);
    h_resp_free(&r);
    t_user_op(1, "mgr_a");
    s = h_login("mgr_a");
    t_user_op(2, "mgr_a");
    cr_assert_eq(h_status(&s, "GET", "/api/me", NULL), 401, "old session after a new password");
    r = h_req("POST", "/api/login", "{\"username\":\"mgr_a\",\"password\":\"a new password 2\"}",
              NULL);
    cr_assert_eq(r.status, 200, "%s", r.body);
    h_resp_free(&r);
    s = h_login("mgr_b");
    t_user_op(3, "mgr_b");
    cr_assert_eq(h_status(&s, "GET", "/api/me", NULL), 401);
    cr_assert_eq(h_count("SELECT count(*) FROM users WHERE username = 'mgr_b'"), 0);
    cr_assert_eq(h_count("SELECT count(*) FROM audit_log WHERE action IN"
                         " ('disable', 'enable', 'passwd', 'remove')"),
                 4);
}

/* ---- item 8: position ids do not leak across departments ---- */

Test(http_hardening_input, a_manager_cannot_learn_another_departments_position_ids)
{
    h_sess a = h_login("mgr_a"), org = h_login("org");
    h_resp taken, fresh;

    /* PB1 is SBF's. Before: 409 "exists already" for PB1, 201 for a fresh id. */
    taken =
        h_as(&a, "POST", "/api/fairs/F1/positions", "{\"id\":\"PB1\",\"department_id\":\"UBF\"}");
    fresh =
        h_as(&a, "POST", "/api/fairs/F1/positions", "{\"id\":\"PZZ\",\"department_id\":\"UBF\"}");
    cr_assert_eq(taken.status, 400, "%d %s", taken.status, taken.body);
    cr_assert_eq(fresh.status, taken.status);
    cr_assert_str_eq(fresh.body, taken.body);
    h_resp_free(&taken);
    h_resp_free(&fresh);
    /* The manager's own prefix works; within it, only UBF's ids can collide. */
    cr_assert_eq(h_status(&a, "POST", "/api/fairs/F1/positions",
                          "{\"id\":\"UBF-1\",\"department_id\":\"UBF\"}"),
                 201);
    cr_assert_eq(h_status(&a, "POST", "/api/fairs/F1/positions",
                          "{\"id\":\"UBF-1\",\"department_id\":\"UBF\"}"),
                 409);
    /* Nobody can put another department's prefix on a position. */
    t_refused_with_field(&org, "POST", "/api/fairs/F1/positions",
                         "{\"id\":\"UBF-2\",\"department_id\":\"SBF\"}", "id");
    t_refused_with_field(&org, "PUT", "/api/positions/UBF-1", "{\"department_id\":\"SBF\"}", "id");
    cr_assert_eq(h_status(&org, "POST", "/api/fairs/F1/positions",
                          "{\"id\":\"SBF-2\",\"department_id\":\"SBF\"}"),
                 201);
    cr_assert_eq(h_status(&org, "POST", "/api/fairs/F1/positions",
                          "{\"id\":\"P-free\",\"department_id\":\"SBF\"}"),
                 201);
    cr_assert_eq(h_count("SELECT count(*) FROM positions WHERE id IN ('PZZ', 'UBF-2')"), 0);
}

Test(http_hardening_input, organisers_manage_users_over_the_api)
{
    h_sess org = h_login("org"), b = h_login("mgr_b");
    h_resp r;

    cr_assert_eq(h_status(&b, "GET", "/api/users", NULL), 403);
    r = h_as(&org, "GET", "/api/users", NULL);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert_null(strstr(r.body, "argon2"), "a hash in the list");
    cr_assert_not_null(strstr(r.body, "\"username\":\"mgr_b\""), "%s", r.body);
    h_resp_free(&r);

    r = h_as(&org, "PUT", "/api/users/mgr_b", "{\"disabled\":true}");
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert_not_null(strstr(r.body, "\"sessions_revoked\":1"), "%s", r.body);
    h_resp_free(&r);
    cr_assert_eq(h_status(&b, "GET", "/api/me", NULL), 401);
    cr_assert_eq(h_status(&org, "PUT", "/api/users/mgr_b", "{\"disabled\":false}"), 200);
    t_refused_with_field(&org, "POST", "/api/users/mgr_b/password", "{\"password\":\"short\"}",
                         "password");
    cr_assert_eq(
        h_status(&org, "POST", "/api/users/mgr_b/password", "{\"password\":\"a new password 3\"}"),
        200);
    cr_assert_eq(h_status(&org, "PUT", "/api/users/org", "{\"disabled\":true}"), 409);
    cr_assert_eq(h_status(&org, "DELETE", "/api/users/org", NULL), 409);
    cr_assert_eq(h_status(&org, "DELETE", "/api/users/mgr_b", NULL), 200);
    cr_assert_eq(h_status(&org, "DELETE", "/api/users/mgr_b", NULL), 404);
    cr_assert_eq(h_count("SELECT count(*) FROM audit_log WHERE actor = 'org' AND action IN"
                         " ('disable', 'enable', 'passwd', 'remove')"),
                 4);
}
