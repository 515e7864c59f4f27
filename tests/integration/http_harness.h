/*
 * http_harness.h - what the HTTP integration tests share: a real server on
 * 127.0.0.1 with an ephemeral port and a temporary database seeded with two
 * departments' worth of fairs, positions, seekers, interviews and one user
 * per role, and a small blocking HTTP/1.1 client over a plain socket.
 * Header-only (static functions) because each test file is its own binary.
 */
#ifndef FM_TEST_HTTP_HARNESS_H
#define FM_TEST_HTTP_HARNESS_H

#include <arpa/inet.h>
#include <cjson/cJSON.h>
#include <criterion/criterion.h>
#include <netinet/in.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fairmatch/auth.h"
#include "fairmatch/buf.h"
#include "fairmatch/http.h"
#include "fairmatch/store.h"
#include "fairmatch/user.h"

#define H_PASSWORD "correct horse battery"

static char h_dir[64];
static char h_db[128];
static fm_server *h_srv;
static unsigned h_port;

typedef struct h_resp {
    int status;
    char *head; /* status line and headers */
    char *body;
    size_t body_len;
    cJSON *json; /* parsed body when it is JSON, else NULL */
} h_resp;

typedef struct h_sess {
    char cookie[160];
    char csrf[80];
} h_sess;

static inline void h_resp_free(h_resp *r)
{
    free(r->head);
    free(r->body);
    cJSON_Delete(r->json);
    memset(r, 0, sizeof *r);
}

static const char h_seed_sql[] =
    "INSERT INTO programme VALUES (1, 700, '2017-01-01', '2018-12-31');"
    "INSERT INTO departments VALUES ('UBF', 'Utbildning', 5200, 2), ('SBF', 'Stadsbyggnad', 800,"
    " 1), ('KSF', 'Kommunstyrelsen', 400, 1);"
    "INSERT INTO seekers(id, first_name, last_name, gender, birth_year, personal_number,"
    " interests, experience, swedish_level, driving_licence, registered) VALUES"
    " ('S1', 'Amina', 'Ali', 'woman', 1985, '198501011236', '5312|5321', '', 3, 1, '2018-01-10'),"
    " ('S2', 'Bo', 'Berg', 'man', 1990, NULL, '5312', '', 2, 0, '2018-02-01'),"
    " ('S3', 'Cecilia', 'Cruz', 'woman', 1979, NULL, '5321|5312', '', 4, 1, '2018-03-01'),"
    " ('S4', 'David', 'Dahl', 'man', 1995, NULL, '5321', '5312', 1, 1, '2018-03-05'),"
    " ('S5', 'Eva', 'Ek', 'woman', 1988, NULL, '5312', '', 3, 0, '2018-04-01'),"
    " ('S6', 'Fredrik', 'Fors', 'man', 1992, NULL, '5321', '', 5, 1, '2018-04-02'),"
    " ('S7', 'Gun', 'Gran', 'woman', 1970, NULL, '9999', '', 2, 0, '2018-05-01'),"
    " ('S8', 'Hassan', 'Haddad', 'man', 1999, NULL, '5312', '', 0, 0, '2018-05-02');"
    "INSERT INTO fairs(id, date, start, period_minutes, periods, name, status) VALUES"
    " ('F1', '2018-11-14', '09:00', 15, 8, 'Novembermässan', 'planned'),"
    " ('F2', '2018-12-05', '09:00', 15, 4, 'Decembermässan', 'planned');"
    "INSERT INTO positions(id, department_id, fair_id, title, occupation, places) VALUES"
    " ('PA1', 'UBF', 'F1', 'Elevassistent', '5312', 1),"
    " ('PB1', 'SBF', 'F1', 'Vaktmästare', '5321', 1),"
    " ('PB2', 'SBF', 'F2', 'Parkarbetare', '5321', 1);"
    "INSERT INTO invitations(fair_id, seeker_id) VALUES ('F1','S1'),('F1','S2'),('F1','S3'),"
    " ('F1','S4'),('F1','S5'),('F1','S6'),('F2','S7');"
    "INSERT INTO interviews(id, fair_id, seeker_id, position_id, period, table_no, score) VALUES"
    " (1, 'F1', 'S1', 'PA1', 0, 1, 90), (2, 'F1', 'S2', 'PA1', 1, 1, 80),"
    " (3, 'F1', 'S3', 'PB1', 0, 1, 85), (4, 'F1', 'S4', 'PB1', 1, 1, 70);";

static inline void h_seed(void)
{
    fm_store *s = NULL;
    sqlite3 *db = NULL;
    char hash[FM_AUTH_HASH_MAX];
    fm_err err = {0};
    char *msg = NULL;

    cr_assert_eq(fm_store_open(h_db, &s, &err), FM_OK, "%s", err.msg);
    fm_store_close(s);
    cr_assert_eq(sqlite3_open(h_db, &db), SQLITE_OK);
    cr_assert_eq(sqlite3_exec(db, h_seed_sql, NULL, NULL, &msg), SQLITE_OK, "%s", msg);
    sqlite3_close(db);
    cr_assert_eq(fm_auth_init(&err), FM_OK);
    cr_assert_eq(fm_auth_hash_password(H_PASSWORD, hash, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(fm_store_open(h_db, &s, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(fm_store_user_add(s, "test", "org", FM_ROLE_ORGANISER, NULL, hash, NULL, &err),
                 FM_OK, "%s", err.msg);
    cr_assert_eq(fm_store_user_add(s, "test", "mgr_a", FM_ROLE_MANAGER, "UBF", hash, NULL, &err),
                 FM_OK, "%s", err.msg);
    cr_assert_eq(fm_store_user_add(s, "test", "mgr_b", FM_ROLE_MANAGER, "SBF", hash, NULL, &err),
                 FM_OK, "%s", err.msg);
    cr_assert_eq(fm_store_user_add(s, "test", "steer", FM_ROLE_STEERING, NULL, hash, NULL, &err),
                 FM_OK, "%s", err.msg);
    fm_store_close(s);
}

/*
 * A seeded database in a new temporary folder and the server config the
 * tests start from (ephemeral port, quiet, 2 threads): a test that needs
 * other settings changes cfg and calls h_launch.
 */
static inline void h_prepare(fm_server_config *cfg)
{
    snprintf(h_dir, sizeof h_dir, "/tmp/fm_http_XXXXXX");
    cr_assert_not_null(mkdtemp(h_dir));
    snprintf(h_db, sizeof h_db, "%s/test.db", h_dir);
    h_seed();
    fm_server_config_init(cfg);
    cfg->db_path = h_db;
    cfg->port = 0;
    cfg->quiet = true;
    cfg->threads = 2;
}

/* Start the server h_prepare set up; h_port is its port. */
static inline void h_launch(const fm_server_config *cfg)
{
    fm_err err = {0};

    cr_assert_eq(fm_server_start(cfg, &h_srv, &err), FM_OK, "%s", err.msg);
    h_port = fm_server_port(h_srv);
}

/* Start a seeded server; idle_s/max_s 0 keep the defaults. */
static inline void h_start_with(int64_t idle_s, int64_t max_s, size_t max_body)
{
    fm_server_config cfg;

    h_prepare(&cfg);
    if (idle_s)
        cfg.session_idle_s = idle_s;
    if (max_s)
        cfg.session_max_s = max_s;
    if (max_body)
        cfg.max_body = max_body;
    h_launch(&cfg);
    cr_assert_gt(h_port, 0);
}

static inline void h_start(void)
{
    h_start_with(0, 0, 0);
}

static inline void h_stop(void)
{
    char p[200];
    const char *sfx[] = {"", "-wal", "-shm"};
    fm_server_stop(h_srv);
    h_srv = NULL;
    for (int i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s%s", h_db, sfx[i]);
        unlink(p);
    }
    rmdir(h_dir);
}

/* Send raw bytes and read the whole answer (the request asks for Connection: close). */
static inline h_resp h_raw(const char *req, size_t len)
{
    struct sockaddr_in a;
    fm_buf in = FM_BUF_INIT;
    char buf[8192];
    h_resp r = {0};
    ssize_t n;
    char *sep;
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    cr_assert_geq(fd, 0);
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)h_port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    cr_assert_eq(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
    for (size_t off = 0; off < len;) {
        n = send(fd, req + off, len - off, MSG_NOSIGNAL);
        if (n <= 0)
            break; /* the server may answer (413) and close before reading everything */
        off += (size_t)n;
    }
    while ((n = recv(fd, buf, sizeof buf, 0)) > 0)
        fm_buf_add(&in, buf, (size_t)n);
    close(fd);
    sep = strstr(in.data, "\r\n\r\n");
    cr_assert_not_null(sep, "no HTTP answer: %s", in.data);
    r.head = strndup(in.data, (size_t)(sep - in.data));
    r.body_len = in.len - (size_t)(sep + 4 - in.data);
    r.body = malloc(r.body_len + 1);
    memcpy(r.body, sep + 4, r.body_len);
    r.body[r.body_len] = '\0';
    sscanf(in.data, "HTTP/1.%*d %d", &r.status);
    r.json = cJSON_Parse(r.body);
    fm_buf_release(&in);
    return r;
}

/*
 * One request. extra: more header lines, each ending in \r\n (may be NULL).
 * A body gets Content-Type: application/json unless extra names a Content-Type.
 */
static inline h_resp h_req(const char *method, const char *path, const char *body,
                           const char *extra)
{
    fm_buf req = FM_BUF_INIT;
    h_resp r;
    size_t blen = body ? strlen(body) : 0;

    fm_buf_addf(&req, "%s %s HTTP/1.1\r\nHost: 127.0.0.1:%u\r\nConnection: close\r\n", method, path,
                h_port);
    if (body && !(extra && strstr(extra, "Content-Type")))
        fm_buf_adds(&req, "Content-Type: application/json\r\n");
    if (body)
        fm_buf_addf(&req, "Content-Length: %zu\r\n", blen);
    if (extra)
        fm_buf_adds(&req, extra);
    fm_buf_adds(&req, "\r\n");
    if (body)
        fm_buf_add(&req, body, blen);
    r = h_raw(req.data, req.len);
    fm_buf_release(&req);
    return r;
}

/* The value of header name in r (case-insensitive name), copied into out; false if absent. */
static inline bool h_header(const h_resp *r, const char *name, char *out, size_t cap)
{
    size_t nl = strlen(name);
    for (const char *p = strstr(r->head, "\r\n"); p; p = strstr(p + 2, "\r\n")) {
        const char *line = p + 2, *end = strstr(line, "\r\n");
        size_t ll = end ? (size_t)(end - line) : strlen(line);
        if (ll > nl && !strncasecmp(line, name, nl) && line[nl] == ':') {
            const char *v = line + nl + 1;
            while (*v == ' ')
                v++;
            snprintf(out, cap, "%.*s", (int)(ll - (size_t)(v - line)), v);
            return true;
        }
    }
    return false;
}

static inline h_sess h_login(const char *user)
{
    char body[200], cookie[300];
    h_sess s = {0};
    h_resp r;
    const cJSON *tok;

    snprintf(body, sizeof body, "{\"username\":\"%s\",\"password\":\"%s\"}", user, H_PASSWORD);
    r = h_req("POST", "/api/login", body, NULL);
    cr_assert_eq(r.status, 200, "login %s: %d %s", user, r.status, r.body);
    cr_assert(h_header(&r, "Set-Cookie", cookie, sizeof cookie));
    sscanf(cookie, "fm_session=%150[0-9a-f]", s.cookie);
    tok = cJSON_GetObjectItemCaseSensitive(r.json, "csrf_token");
    cr_assert(cJSON_IsString(tok));
    snprintf(s.csrf, sizeof s.csrf, "%s", tok->valuestring);
    h_resp_free(&r);
    return s;
}

/* A request as a logged-in user, with the CSRF token on state changes. */
static inline h_resp h_as(const h_sess *s, const char *method, const char *path, const char *body)
{
    char extra[400];
    snprintf(extra, sizeof extra, "Cookie: fm_session=%s\r\nX-CSRF-Token: %s\r\n", s->cookie,
             s->csrf);
    return h_req(method, path, body, extra);
}

/* Status of a request as s, freeing the answer. */
static inline int h_status(const h_sess *s, const char *method, const char *path, const char *body)
{
    h_resp r = h_as(s, method, path, body);
    int st = r.status;
    h_resp_free(&r);
    return st;
}

/* A count from the database (for checking what a request wrote). */
static inline long h_count(const char *sql)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    long v = -1;
    cr_assert_eq(sqlite3_open(h_db, &db), SQLITE_OK);
    cr_assert_eq(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK, "%s", sqlite3_errmsg(db));
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

#endif
