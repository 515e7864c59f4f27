/*
 * test_http_authz.c - authorization decided on the server for every record:
 * a walk over every endpoint of the route table x every role x own and
 * other department, asserting each refusal (401/403/404) holds and each
 * allowed call is not refused; then what managers and steering actually
 * see in the lists.
 */
#include "http/http_handlers.h"
#include "integration/http_harness.h"

TestSuite(http_authz, .init = h_start, .fini = h_stop, .timeout = 120);

static const cJSON *get(const cJSON *o, const char *k)
{
    return cJSON_GetObjectItemCaseSensitive(o, k);
}

enum { ANON = 0, STEER, MGR_B, MGR_A, ORG, N_WHO };
static const char *const who_name[N_WHO] = {"anonymous", "steer", "mgr_b", "mgr_a", "org"};
static const unsigned who_bit[N_WHO] = {0, 4, 2, 2, 1}; /* FM_R_STEER, FM_R_MGR, FM_R_ORG */

/*
 * The records a path's {} are filled with. "own" is UBF's world (mgr_a's):
 * fair F1 (UBF has a position there), seeker S1 (interviewed for PA1),
 * interview 1. "other" is SBF's alone: fair F2, seeker S3, position PB1,
 * interview 3, department SBF.
 */
static void fill(const char *pattern, bool own, char *out, size_t cap)
{
    const char *fair = own ? "F1" : "F2";
    const char *obj = "X";
    size_t o = 0;
    int nth = 0;

    if (strstr(pattern, "/api/departments/"))
        obj = own ? "UBF" : "SBF";
    else if (strstr(pattern, "/api/seekers/"))
        obj = own ? "S1" : "S3";
    else if (strstr(pattern, "/api/positions/"))
        obj = own ? "PA1" : "PB1";
    else if (strstr(pattern, "/api/interviews/"))
        obj = own ? "1" : "3";
    else if (strstr(pattern, "/api/employments/"))
        obj = own ? "1" : "2"; /* made by add_employments() */
    for (const char *p = pattern; *p && o + 8 < cap; p++) {
        if (p[0] == '{' && p[1] == '}') {
            const char *v = !strncmp(pattern, "/api/fairs/", 11) ? (nth == 0 ? fair : "S7") : obj;
            o += (size_t)snprintf(out + o, cap - o, "%s", v);
            nth++;
            p++;
            continue;
        }
        out[o++] = *p;
    }
    out[o] = '\0';
}

static bool is_logout(const char *pattern)
{
    return !strcmp(pattern, "/api/logout");
}

/* The calls that would replace the seeded plan: made last, by the organiser only. */
static bool ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && !strcmp(s + n - m, tail);
}

static bool rewrites_plan(const char *pattern)
{
    return ends_with(pattern, "/match") || ends_with(pattern, "/replan");
}

static void walk_one(int who, const h_sess *s, size_t i, bool own, int *checked)
{
    const char *method, *pattern;
    unsigned roles;
    char path[200];
    const char *body;
    int st;

    fm_http_route_info(i, &method, &pattern, &roles);
    if (!strcmp(pattern, "/api/login"))
        return;
    fill(pattern, own, path, sizeof path);
    body = strcmp(method, "GET") ? "{}" : NULL;
    if (who == ANON) {
        h_resp r = h_req(method, path, body, NULL);
        st = r.status;
        h_resp_free(&r);
    } else {
        st = h_status(s, method, path, body);
    }
    (*checked)++;
    if (who == ANON) {
        cr_assert_eq(st, 401, "%s %s as %s: %d", method, path, who_name[who], st);
        return;
    }
    if (!(roles & who_bit[who])) {
        cr_assert_eq(st, 403, "%s %s as %s: %d", method, path, who_name[who], st);
        return;
    }
    /* Allowed role. A manager reaching into another department's records is refused. */
    if ((who == MGR_A) && !own && strchr(pattern, '{') &&
        strncmp(pattern, "/api/departments", 16)) {
        cr_assert(st == 403 || st == 404, "%s %s as %s (other department): %d", method, path,
                  who_name[who], st);
        return;
    }
    cr_assert(st != 401 && st != 403 && st != 405, "%s %s as %s: refused with %d", method, path,
              who_name[who], st);
    if (!strcmp(method, "GET") && (who != MGR_B || !strchr(pattern, '{')))
        cr_assert_eq(st, 200, "%s %s as %s: %d", method, path, who_name[who], st);
}

/* Employment 1 at UBF (mgr_a's), 2 at SBF, made by the organiser. */
static void add_employments(const h_sess *org)
{
    cr_assert_eq(h_status(org, "POST", "/api/employments",
                          "{\"seeker_id\":\"S5\",\"department_id\":\"UBF\","
                          "\"decision_date\":\"2018-10-01\"}"),
                 201);
    cr_assert_eq(h_status(org, "POST", "/api/employments",
                          "{\"seeker_id\":\"S6\",\"department_id\":\"SBF\","
                          "\"decision_date\":\"2018-10-01\"}"),
                 201);
}

Test(http_authz, every_endpoint_every_role_own_and_other_department)
{
    h_sess s[N_WHO];
    int checked = 0;

    for (int w = STEER; w < N_WHO; w++)
        s[w] = h_login(who_name[w]);
    add_employments(&s[ORG]);
    for (int w = ANON; w < N_WHO; w++) {
        for (int own = 1; own >= 0; own--) {
            for (size_t i = 0; i < fm_http_route_count(); i++) {
                const char *m, *p;
                unsigned roles;
                fm_http_route_info(i, &m, &p, &roles);
                if (is_logout(p) || rewrites_plan(p))
                    continue;
                walk_one(w, &s[w], i, own != 0, &checked);
            }
        }
        /* Then the calls that end the session or rewrite the plan, last. */
        for (size_t i = 0; i < fm_http_route_count(); i++) {
            const char *m, *p;
            unsigned roles;
            fm_http_route_info(i, &m, &p, &roles);
            if (rewrites_plan(p) && w != ORG) {
                walk_one(w, &s[w], i, true, &checked);
                walk_one(w, &s[w], i, false, &checked);
            }
        }
        for (size_t i = 0; i < fm_http_route_count(); i++) {
            const char *m, *p;
            unsigned roles;
            fm_http_route_info(i, &m, &p, &roles);
            if (is_logout(p))
                walk_one(w, &s[w], i, true, &checked);
        }
    }
    /* 28 routes besides login, both record sets, five callers. */
    cr_assert_geq(checked, (int)(fm_http_route_count() - 1) * 2 * N_WHO - 2 * N_WHO);
}

Test(http_authz, manager_sees_only_own_candidates)
{
    h_sess a = h_login("mgr_a");
    h_resp r = h_as(&a, "GET", "/api/seekers", NULL);
    cr_assert_eq(r.status, 200);
    cr_assert_eq(get(r.json, "total")->valueint, 2);
    cr_assert_str_eq(get(cJSON_GetArrayItem(get(r.json, "items"), 0), "id")->valuestring, "S1");
    cr_assert_str_eq(get(cJSON_GetArrayItem(get(r.json, "items"), 1), "id")->valuestring, "S2");
    h_resp_free(&r);
    r = h_as(&a, "GET", "/api/seekers?q=cruz", NULL);
    cr_assert_eq(get(r.json, "total")->valueint, 0);
    h_resp_free(&r);
    r = h_as(&a, "GET", "/api/seekers/S1", NULL);
    cr_assert_eq(r.status, 200);
    cr_assert_str_eq(get(r.json, "last_name")->valuestring, "Ali");
    h_resp_free(&r);
    /* Another department's candidate and a seeker nobody interviews: same 404 as no seeker. */
    h_resp x = h_as(&a, "GET", "/api/seekers/S3", NULL);
    h_resp y = h_as(&a, "GET", "/api/seekers/S7", NULL);
    h_resp z = h_as(&a, "GET", "/api/seekers/NOSUCH", NULL);
    cr_assert_eq(x.status, 404);
    cr_assert_eq(y.status, 404);
    cr_assert_eq(z.status, 404);
    cr_assert_str_eq(x.body, z.body);
    h_resp_free(&x);
    h_resp_free(&y);
    h_resp_free(&z);
    cr_assert_eq(h_count("SELECT count(*) FROM audit_log WHERE action = 'read' AND actor ="
                         " 'mgr_a' AND entity_id = 'S1'"),
                 1);
}

Test(http_authz, manager_sees_only_own_fairs_positions_and_interviews)
{
    h_sess a = h_login("mgr_a");
    h_resp r = h_as(&a, "GET", "/api/fairs", NULL);
    cr_assert_eq(cJSON_GetArraySize(get(r.json, "items")), 1);
    cr_assert_str_eq(get(cJSON_GetArrayItem(get(r.json, "items"), 0), "id")->valuestring, "F1");
    h_resp_free(&r);
    cr_assert_eq(h_status(&a, "GET", "/api/fairs/F2", NULL), 404);

    r = h_as(&a, "GET", "/api/fairs/F1/positions", NULL);
    cr_assert_eq(cJSON_GetArraySize(get(r.json, "items")), 1);
    h_resp_free(&r);

    r = h_as(&a, "GET", "/api/fairs/F1/schedule", NULL);
    cr_assert_eq(r.status, 200);
    cr_assert_eq(cJSON_GetArraySize(get(r.json, "departments")), 1);
    cr_assert_eq(cJSON_GetArraySize(get(r.json, "interviews")), 2);
    cr_assert_null(strstr(r.body, "Cecilia"), "another department's candidate leaked");
    cr_assert_null(strstr(r.body, "\"S3\""));
    h_resp_free(&r);

    cr_assert_eq(h_status(&a, "PUT", "/api/interviews/3/outcome", "{\"outcome\":\"offer\"}"), 404);
    cr_assert_eq(h_count("SELECT count(*) FROM interviews WHERE id = 3 AND outcome IS NULL"), 1);
    cr_assert_eq(h_status(&a, "PUT", "/api/interviews/1/outcome", "{\"outcome\":\"offer\"}"), 200);
    cr_assert_eq(h_status(&a, "PUT", "/api/interviews/1/answer", "{\"answer\":\"accepted\"}"), 200);
    /* The yes is recorded; the agency's decision is a later event. */
    cr_assert_eq(h_count("SELECT count(*) FROM employments WHERE seeker_id = 'S1'"), 0);
    cr_assert_eq(h_count("SELECT count(*) FROM interviews WHERE id = 1 AND accepted_date IS NOT "
                         "NULL"),
                 1);
    cr_assert_eq(h_status(&a, "POST", "/api/employments",
                          "{\"seeker_id\":\"S1\",\"department_id\":\"UBF\",\"interview_id\":1,"
                          "\"decision_date\":\"2030-01-01\"}"),
                 201);
    cr_assert_eq(h_count("SELECT count(*) FROM employments WHERE seeker_id = 'S1' AND "
                         "position_id = 'PA1' AND accepted_date IS NOT NULL"),
                 1);

    cr_assert_eq(h_status(&a, "POST", "/api/fairs/F1/positions",
                          "{\"id\":\"PX\",\"department_id\":\"SBF\"}"),
                 403);
    cr_assert_eq(h_status(&a, "POST", "/api/fairs/F1/positions",
                          "{\"id\":\"UBF-PX\",\"department_id\":\"UBF\",\"occupation\":\"5312\"}"),
                 201);
    cr_assert_eq(h_status(&a, "PUT", "/api/positions/UBF-PX", "{\"department_id\":\"SBF\"}"), 403);
    cr_assert_eq(h_status(&a, "PUT", "/api/positions/PB1", "{\"title\":\"mine now\"}"), 404);
    cr_assert_eq(h_count("SELECT count(*) FROM positions WHERE department_id = 'SBF' AND title ="
                         " 'mine now'"),
                 0);
    cr_assert_eq(h_status(&a, "PUT", "/api/departments/UBF", "{\"tables\":9}"), 403);
    cr_assert_eq(h_status(&a, "PUT", "/api/interviews/1", "{\"period\":3,\"table\":1}"), 403);
}

Test(http_authz, steering_sees_reports_and_no_person)
{
    h_sess s = h_login("steer");
    const char *refused[] = {
        "/api/seekers",           "/api/seekers/S1",        "/api/fairs",
        "/api/fairs/F1",          "/api/fairs/F1/schedule", "/api/fairs/F1/invitations",
        "/api/fairs/F1/positions"};
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
        cr_assert_eq(h_status(&s, "GET", refused[i], NULL), 403, "%s", refused[i]);
    cr_assert_eq(h_status(&s, "GET", "/api/reports/monthly?month=2018-11", NULL), 200);
    cr_assert_eq(h_status(&s, "GET", "/api/quota", NULL), 200);
    /* The fair planner is the organiser's (it would also name a fair). */
    cr_assert_eq(h_status(&s, "GET", "/api/quota?fair=F1", NULL), 403);
    h_resp r = h_as(&s, "GET", "/api/departments", NULL);
    cr_assert_eq(r.status, 200);
    cr_assert_null(strstr(r.body, "Amina"));
    h_resp_free(&r);
}
