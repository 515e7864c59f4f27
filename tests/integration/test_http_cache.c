/*
 * test_http_cache.c - the server's per-thread answer cache (schedule and
 * monthly report, keyed on the data version) never serves stale data: after
 * a write through the API, through another connection and from another
 * process, every following answer shows the write.
 */
#include <sys/wait.h>

#include "http_harness.h"

TestSuite(http_cache, .init = h_start, .fini = h_stop, .timeout = 60);

/* Enough requests that every worker thread (2 in the harness) answers some. */
#define ROUNDS 12

static const cJSON *get(const cJSON *o, const char *k)
{
    return cJSON_GetObjectItemCaseSensitive(o, k);
}

/* women_share.pool_count of F1's schedule, checked equal over ROUNDS answers. */
static int pool_count(const h_sess *s)
{
    int first = -1;
    for (int i = 0; i < ROUNDS; i++) {
        h_resp r = h_as(s, "GET", "/api/fairs/F1/schedule", NULL);
        cr_assert_eq(r.status, 200, "%s", r.body);
        int v = get(get(r.json, "women_share"), "pool_count")->valueint;
        h_resp_free(&r);
        if (i == 0)
            first = v;
        cr_assert_eq(v, first, "answer %d says %d seekers in the pool, answer 0 said %d", i, v,
                     first);
    }
    return first;
}

/* The period of interview id in F1's schedule, checked equal over ROUNDS answers. */
static int period_of(const h_sess *s, int id)
{
    int first = -2;
    for (int i = 0; i < ROUNDS; i++) {
        h_resp r = h_as(s, "GET", "/api/fairs/F1/schedule", NULL);
        const cJSON *iv;
        int v = -1;
        cr_assert_eq(r.status, 200, "%s", r.body);
        cJSON_ArrayForEach(iv, get(r.json, "interviews"))
        {
            if (get(iv, "id")->valueint == id)
                v = get(iv, "period")->valueint;
        }
        h_resp_free(&r);
        if (i == 0)
            first = v;
        cr_assert_eq(v, first, "answer %d: period %d, answer 0: %d", i, v, first);
    }
    return first;
}

static void exec_sql(const char *sql)
{
    sqlite3 *db = NULL;
    char *msg = NULL;
    cr_assert_eq(sqlite3_open(h_db, &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    cr_assert_eq(sqlite3_exec(db, sql, NULL, NULL, &msg), SQLITE_OK, "%s", msg);
    sqlite3_close(db);
}

/* The same write from a child process: SQLite must see it as a foreign commit. */
static void exec_sql_in_child(const char *sql)
{
    int status = 0;
    pid_t pid = fork();
    cr_assert_neq(pid, -1);
    if (pid == 0) {
        sqlite3 *db = NULL;
        int ok = sqlite3_open(h_db, &db) == SQLITE_OK;
        sqlite3_busy_timeout(db, 5000);
        ok = ok && sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK;
        sqlite3_close(db);
        _exit(ok ? 0 : 1);
    }
    cr_assert_eq(waitpid(pid, &status, 0), pid);
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child's write failed");
}

Test(http_cache, schedule_follows_api_connection_and_process_writes)
{
    h_sess org = h_login("org");

    cr_assert_eq(pool_count(&org), 8);
    cr_assert_eq(period_of(&org, 2), 1);
    /* Through the API (one of the server's own connections). */
    cr_assert_eq(h_status(&org, "PUT", "/api/interviews/2", "{\"period\":2,\"table\":1}"), 200);
    cr_assert_eq(period_of(&org, 2), 2);
    /* Another connection in this process. */
    exec_sql("INSERT INTO seekers(id, first_name, last_name, gender, birth_year, interests,"
             " experience, swedish_level, driving_licence, registered) VALUES ('S9', 'Ida',"
             " 'Isaksson', 'woman', 1991, '5312', '', 2, 0, '2018-06-01')");
    cr_assert_eq(pool_count(&org), 9);
    /* Another process. */
    exec_sql_in_child("INSERT INTO seekers(id, first_name, last_name, gender, birth_year,"
                      " interests, experience, swedish_level, driving_licence, registered) VALUES"
                      " ('S10', 'Jan', 'Juhl', 'man', 1993, '5312', '', 2, 0, '2018-06-02')");
    cr_assert_eq(pool_count(&org), 10);
    exec_sql_in_child("UPDATE interviews SET period = 3 WHERE id = 2");
    cr_assert_eq(period_of(&org, 2), 3);
}

/* The monthly report body, checked identical over ROUNDS answers. Caller frees. */
static char *report_body(const h_sess *s, const char *query)
{
    char path[128], *first = NULL;
    snprintf(path, sizeof path, "/api/reports/monthly?month=2018-11%s", query);
    for (int i = 0; i < ROUNDS; i++) {
        h_resp r = h_as(s, "GET", path, NULL);
        cr_assert_eq(r.status, 200, "%s", r.body);
        if (i == 0) {
            first = malloc(r.body_len + 1);
            cr_assert_not_null(first);
            memcpy(first, r.body, r.body_len);
            first[r.body_len] = '\0';
        } else {
            cr_assert(strlen(first) == r.body_len && !memcmp(first, r.body, r.body_len),
                      "answer %d of %s differs from answer 0", i, path);
        }
        h_resp_free(&r);
    }
    return first;
}

Test(http_cache, report_follows_writes_from_another_process)
{
    h_sess org = h_login("org");
    char *before = report_body(&org, ""), *csv_before = report_body(&org, "&format=csv");
    char *after, *csv_after;

    exec_sql_in_child("INSERT INTO employments(seeker_id, department_id, decision_date,"
                      " start_date) VALUES ('S1', 'UBF', '2018-11-20', '2018-11-26'),"
                      " ('S3', 'SBF', '2018-11-21', '2018-11-26')");
    after = report_body(&org, "");
    csv_after = report_body(&org, "&format=csv");
    cr_assert_str_neq(before, after, "the JSON report did not change after two hires");
    cr_assert_str_neq(csv_before, csv_after, "the CSV report did not change after two hires");
    /* A different key (format) never answers with another key's body. */
    cr_assert_str_neq(after, csv_after);
    free(before);
    free(after);
    free(csv_before);
    free(csv_after);
}
