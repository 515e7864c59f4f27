/*
 * http_internal.h - what the server's files share: the per-request context
 * handlers read and fill, the response helpers, strict JSON field readers,
 * and the route table's types. Never included outside src/http/.
 */
#ifndef FAIRMATCH_HTTP_INTERNAL_H
#define FAIRMATCH_HTTP_INTERNAL_H

#include <cjson/cJSON.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>

#include "fairmatch/buf.h"
#include "fairmatch/err.h"
#include "fairmatch/http.h"
#include "fairmatch/solve.h"
#include "fairmatch/store.h"
#include "fairmatch/user.h"

#define FM_HTTP_MAX_DEPTH 16
#define FM_HTTP_MAX_KEYS 200
#define FM_HTTP_MAX_PARAMS 3
#define FM_HTTP_MAX_ID FM_LIMIT_ID /* fairmatch/limits.h, via store.h */

typedef struct fm_http_ctx fm_http_ctx;
typedef struct fm_conn_guard fm_conn_guard;
typedef struct fm_solve_job fm_solve_job;
typedef void (*fm_http_handler)(fm_http_ctx *c);

/* The largest spreadsheet POST /api/import/{kind} takes (the CLI's file limit is larger). */
#define FM_HTTP_MAX_UPLOAD (16u * 1024u * 1024u)

/* Is this request a spreadsheet upload (POST /api/import/...)? Its body is the file. */
bool fm_http_is_upload(const fm_http_ctx *c);

/* The most body bytes this request may send: cfg.max_body, or FM_HTTP_MAX_UPLOAD. */
size_t fm_http_body_limit(const fm_http_ctx *c);

/* Role bits for the route table. */
enum { FM_R_ORG = 1, FM_R_MGR = 2, FM_R_STEER = 4, FM_R_ANON = 8, FM_R_ALL = 7 };

struct fm_http_ctx {
    fm_server *srv;
    fm_store *db; /* this worker thread's connection */
    struct MHD_Connection *conn;
    const char *method; /* MHD's, valid for the request */
    char *path;         /* owned copy, no query string */
    char *params[FM_HTTP_MAX_PARAMS];
    fm_buf body;
    bool body_too_large;
    bool done_early;  /* a response was queued before the body was read */
    bool close_after; /* answer with Connection: close (bad framing) */

    bool authed;
    fm_session user;
    char session_hash[65];

    /* The response being built. */
    unsigned status;
    fm_buf out;
    const char *content_type;
    char *set_cookie;
    const char *extra_name;
    char *extra_value;

    /* A solver job this request waits on (connection suspended meanwhile). */
    fm_solve_job *job;
    fm_http_handler job_finish;
};

/* The server as the handlers see it. */
struct fm_server {
    fm_server_config cfg;
    char *db_path, *bind, *web_dir;
    char *tls_cert_pem, *tls_key_pem;
    bool tls;
    struct MHD_Daemon *daemon;
    unsigned port;
    char url[96];

    pthread_key_t db_key;
    pthread_mutex_t db_lock;
    fm_store **dbs;
    size_t n_dbs, cap_dbs;

    pthread_mutex_t rl_lock;
    struct fm_rate_entry *rl;
    size_t n_rl, cap_rl;

    struct fm_solver_queue *solver;
    fm_conn_guard *guard;
};

/* ---- responses (response.c) ---- */

/*
 * Reply with a JSON value (takes ownership of v). NULL, or any cJSON
 * allocation on this thread that failed since fm_http_render_begin (the
 * tree may then lack a key or an item), answers 500 "out of memory" rather
 * than a partial body.
 */
void fm_http_reply_json(fm_http_ctx *c, unsigned status, cJSON *v);

/*
 * Route cJSON's allocations through the check above (fm_server_start,
 * before its threads build JSON). cJSON's hooks are process-wide: only the
 * first call installs them. Thread-safe.
 */
void fm_http_json_hooks_install(void);

/* A request's rendering starts: forget this thread's earlier failures. */
void fm_http_render_begin(void);

/* Mark this thread's rendering as failed (a renderer that cannot finish): the reply is 500. */
void fm_http_render_fail(void);

/* Reply {"error": msg, "field": field} (field may be NULL). */
void fm_http_reply_error(fm_http_ctx *c, unsigned status, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/*
 * Reply with the status rc maps to and err's message. A message of the form
 * "field: problem" (field = identifier, dots, brackets, digits) is split into
 * field and error. Internal failures (FM_EDB, FM_ENOMEM, FM_EIO, FM_ESOLVER)
 * are logged on stderr and answered with a generic 500 message.
 */
void fm_http_reply_rc(fm_http_ctx *c, const fm_err *err);

/* Parse the request body strictly (fm_http_json_parse); on failure reply 400 and return NULL. */
cJSON *fm_http_body(fm_http_ctx *c);

/*
 * The body (fm_http_json_parse) and its seeker_ids (fm_http_decode_seeker_ids):
 * how inviting and un-inviting in bulk both begin. Replies nothing. OUT: *body
 * (caller deletes; NULL when it did not parse), *ids (borrowed from *body;
 * caller frees the array), *n. Returns FM_OK or the failure with err set.
 */
fm_rc fm_http_body_seeker_ids(fm_http_ctx *c, cJSON **body, const char ***ids, size_t *n,
                              fm_err *err);

/* rc ? fm_http_reply_rc(err) (and free v) : reply v with status. */
void fm_http_reply_ok_or_rc(fm_http_ctx *c, fm_rc rc, const fm_err *err, unsigned status, cJSON *v);

/* 404 "no such record": also what a caller gets for a record it may not know of. */
void fm_http_reply_not_found(fm_http_ctx *c);

/* True for a manager (their department is c->user.department_id). */
#define FM_IS_MANAGER(c) ((c)->user.role == FM_ROLE_MANAGER)

/* The role bit of the logged-in user (0 when none). */
unsigned fm_http_role_bit(const fm_http_ctx *c);

/*
 * Copy s into out (cap bytes, NUL-terminated) for one log line: printable
 * ASCII stays, a backslash is doubled, every other byte (control bytes such
 * as CR, LF and ESC, DEL, and bytes of UTF-8 sequences) becomes \xNN, so a
 * request can neither break a line nor send a terminal escape. Cut when full.
 */
void fm_http_log_escape(const char *s, char *out, size_t cap);

/* A query-string argument, or NULL. */
const char *fm_http_query(fm_http_ctx *c, const char *key);

/* ---- strict JSON (json.c) ---- */

/*
 * Parse body as one JSON object: valid UTF-8, no NUL bytes, nothing after
 * the value, nesting <= FM_HTTP_MAX_DEPTH, objects <= FM_HTTP_MAX_KEYS keys
 * with no duplicate keys. On failure FM_EINVAL with a message for the client.
 * OUT: *out (cJSON_Delete it).
 */
fm_rc fm_http_json_parse(const char *body, size_t len, cJSON **out, fm_err *err);

/*
 * Field readers. Each returns FM_OK or FM_EINVAL with "key: problem". A
 * missing key or JSON null leaves *present false (when present is non-NULL)
 * and is an error only when required. Strings must be valid UTF-8 without
 * control characters and at most maxlen bytes; *out is borrowed from obj.
 */
fm_rc fm_json_get_str(const cJSON *obj, const char *key, bool required, size_t maxlen,
                      const char **out, bool *present, fm_err *err);
fm_rc fm_json_get_int(const cJSON *obj, const char *key, bool required, long lo, long hi, long *out,
                      bool *present, fm_err *err);
fm_rc fm_json_get_num(const cJSON *obj, const char *key, bool required, double lo, double hi,
                      double *out, bool *present, fm_err *err);
fm_rc fm_json_get_bool(const cJSON *obj, const char *key, bool required, bool *out, bool *present,
                       fm_err *err);

/*
 * A name: as fm_json_get_str, and refused (FM_EINVAL, "key: is blank") when
 * nothing is left after removing Unicode White_Space and the invisible
 * U+200B-U+200D, U+2060, U+FEFF (so "\u200b" or "\u00a0" is no name).
 */
fm_rc fm_json_get_name(const cJSON *obj, const char *key, bool required, size_t maxlen,
                       const char **out, bool *present, fm_err *err);

/* True when s (valid UTF-8) has nothing but the characters fm_json_get_name removes. */
bool fm_http_text_blank(const char *s);

/*
 * When key is present in obj: *slot = a copy of the string (NULL for JSON
 * null, freeing the old value) or the integer (none for null), and bit is
 * added to *bits. Absent keys change nothing.
 */
fm_rc fm_json_take_str(const cJSON *obj, const char *key, size_t maxlen, char **slot, unsigned bit,
                       unsigned *bits, fm_err *err);
fm_rc fm_json_take_int(const cJSON *obj, const char *key, long lo, long hi, int none, int *slot,
                       unsigned bit, unsigned *bits, fm_err *err);

/* An id: 1...FM_HTTP_MAX_ID bytes of printable ASCII or UTF-8, no '/', no spaces at the ends. */
bool fm_http_id_valid(const char *s);

/*
 * The id a create or an edit writes: when creating, the body's "id"
 * (required, fm_http_id_valid); else the path's c->params[0], which a body
 * "id", when given, must equal. OUT: *id (may be NULL), borrowed from body
 * or c. Returns FM_OK or FM_EINVAL (err names the field "id").
 */
fm_rc fm_http_write_id(const fm_http_ctx *c, const cJSON *body, bool create, const char **id,
                       fm_err *err);

/* cJSON helpers that tolerate NULL strings (adding JSON null). */
void fm_json_add_str(cJSON *o, const char *key, const char *s);

/* ---- sessions and rate limits (session.c) ---- */

/* Read the session cookie and load the session into c (c->authed). Expired sessions are deleted. */
void fm_http_session_load(fm_http_ctx *c);

/* Forget the rate-limit table. */
void fm_http_ratelimit_free(fm_server *srv);

/* ---- before routing (request_check.c, static_files.c, mhd_log.c) ---- */

/*
 * True (and c's answer set, c->close_after where the connection cannot be
 * trusted further) when the request is refused on its headers alone:
 * ambiguous framing, a foreign Origin, a Content-Length over the limit.
 */
bool fm_http_early_refusal(fm_http_ctx *c);

/*
 * The UI file url names (GET/HEAD), embedded or from srv's --web-dir.
 * OUT: *type, its MIME type. NULL for 404 (no such file, or a path that
 * is not plain: dot segments, odd characters).
 */
struct MHD_Response *fm_http_static_response(fm_server *srv, const char *url, const char **type);

/* MHD_OPTION_EXTERNAL_LOGGER: at most one line per message kind per second. */
void fm_http_mhd_logger(void *cls, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

/* ---- database per thread (server.c) ---- */

/* This thread's connection, opened on first use. NULL with err set on failure. */
fm_store *fm_http_thread_db(fm_server *srv, fm_err *err);

/* ---- solver thread (solver_queue.c) ---- */

typedef fm_rc (*fm_solve_fn)(fm_store *db, void *arg, cJSON **result, fm_err *err);

fm_rc fm_solver_queue_start(fm_server *srv, fm_err *err);
void fm_solver_queue_stop(fm_server *srv);

/*
 * Queue fn(arg) on the solver thread for request c and suspend c's
 * connection until it has run; then the request's handler job_finish runs on
 * a request thread with c->job done. arg is freed with free_arg. FM_ECONFLICT
 * ("the solver queue is full") when 4 jobs wait already.
 */
fm_rc fm_solver_queue_submit(fm_http_ctx *c, fm_solve_fn fn, void *arg, void (*free_arg)(void *),
                             fm_http_handler finish, fm_err *err);

/* After resumption: the job's outcome. OUT: *result borrowed (owned by the job). */
fm_rc fm_solver_job_result(fm_solve_job *job, cJSON **result, fm_err *err);

/* Suspend the connection if the job is still running; true if suspended. */
bool fm_solver_job_suspend_if_pending(fm_http_ctx *c);

void fm_solver_job_free(fm_solve_job *job);

/*
 * The running match's progress board (solver_queue.c). One job runs at a
 * time, so there is one board: the job says which fair it solves
 * (fm_solver_run_begin/end, on the solver thread), the solver reports to
 * fm_solver_run_progress (its fm_solve_opts.progress, ctx = the queue), and
 * request threads read it or ask the run to stop. All under the queue's
 * board lock; strings are copied.
 */
typedef struct fm_solver_run {
    bool running;  /* a match of fair_id is being solved */
    bool stopping; /* an organiser asked it to stop */
    char fair_id[64];
    fm_solve_progress last; /* phase points into phase_buf */
    char phase_buf[48];
    bool have_progress;
} fm_solver_run;

void fm_solver_run_begin(struct fm_solver_queue *q, const char *fair_id);
void fm_solver_run_end(struct fm_solver_queue *q);
void fm_solver_run_progress(const fm_solve_progress *p, void *queue);
/* The stop flag the running solve watches (fm_solve_opts.stop). */
const atomic_int *fm_solver_run_stop_flag(struct fm_solver_queue *q);
/* A copy of the board. */
void fm_solver_run_get(struct fm_solver_queue *q, fm_solver_run *out);
/* Ask the running match of fair_id to stop; false when none runs for it. */
bool fm_solver_run_stop(struct fm_solver_queue *q, const char *fair_id);

/*
 * The rules of the fair's last match that a move must keep (h_match.c): the
 * minimum gap and the seeker's availability as a 0/1 mask of *n periods
 * (*mask NULL when there is no stored instance or the seeker is not in it:
 * available throughout). Caller frees *mask.
 */
fm_rc fm_http_move_rules(fm_store *db, const char *fair_id, const char *seeker_id, int *gap,
                         unsigned char **mask, size_t *n, fm_err *err);

/* {"time_limit_seconds"?: 1...600} and for a re-plan {"from_period": 0...96} (from NULL: match). */
fm_rc fm_http_decode_match(const cJSON *body, double *time_limit, int *from_period, fm_err *err);

/*
 * A change list (fairmatch/replan.h) as JSON, with clock times from the
 * fair's start and period length (h_replan.c). NULL when out of memory:
 * the caller answers 500, never a partial list.
 */
struct fm_plan_changes;
struct fm_fair;
cJSON *fm_http_changes_json(const struct fm_plan_changes *c, const struct fm_fair *f);

/*
 * The move check run inside fm_store_interview_move's transaction
 * (fm_move_check_fn, h_match.c): `fairmatch check` (fm_check_run) on the
 * fair's whole schedule against its stored instance, before and with the
 * move; a problem the move adds refuses it (FM_ECONFLICT, "period: ...").
 * No stored instance: FM_OK (the store's own rules still apply).
 */
fm_rc fm_http_move_check(fm_store *db, void *unused, const char *fair_id, int64_t id, int period,
                         int table, fm_err *err);

/* ---- connection limits and request deadlines (conn_guard.c) ---- */

/*
 * Start the guard (srv->guard) and its reaper thread, which shuts down a
 * connection whose request (headers and body) has not fully arrived within
 * cfg.request_timeout_s of the connection's start or of its previous answer.
 * The guard must outlive the daemon: stop the reaper any time, free the guard
 * only after MHD_stop_daemon (fm_conn_guard_free does both; NULL-safe).
 */
/* A client address as text ("unknown" when there is none) (conn_guard.c). */
void fm_http_addr_string(const struct sockaddr *sa, char out[INET6_ADDRSTRLEN]);

fm_rc fm_conn_guard_start(fm_server *srv, fm_err *err);
void fm_conn_guard_stop_reaper(fm_server *srv);
void fm_conn_guard_free(fm_server *srv);

/* MHD callbacks (cls = srv): accept policy (per-address limit, eviction of the
 * slowest unfinished request), connection start/close, URL unescaping. */
enum MHD_Result fm_conn_guard_accept(void *cls, const struct sockaddr *sa, socklen_t len);
void fm_conn_guard_notify(void *cls, struct MHD_Connection *conn, void **socket_context,
                          enum MHD_ConnectionNotificationCode code);
size_t fm_conn_guard_unescape(void *cls, struct MHD_Connection *conn, char *s);

/* The request on conn has fully arrived: no deadline while it is answered. */
void fm_conn_guard_request_received(fm_server *srv, struct MHD_Connection *conn);
/* The answer is out: the next request's deadline starts now. */
void fm_conn_guard_request_done(fm_server *srv, struct MHD_Connection *conn);
/* True when the current request's URL held %00. */
bool fm_conn_guard_bad_url(struct MHD_Connection *conn);
/* Counters since start: deadlines hit, evictions, refusals at the per-address limit. */
void fm_conn_guard_stats(fm_server *srv, unsigned long *timed_out, unsigned long *evicted,
                         unsigned long *refused);

/* ---- routing (router.c) and handlers (h_*.c) ---- */

void fm_http_dispatch(fm_http_ctx *c);

void fm_h_login(fm_http_ctx *c);
void fm_h_logout(fm_http_ctx *c);
void fm_h_me(fm_http_ctx *c);

#endif
