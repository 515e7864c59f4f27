/*
 * test_http_security.c - the server's defences against a real client over
 * loopback: sessions (login, logout, expiry), login rate limits, CSRF,
 * Origin, security headers, and hostile bodies (size, type, JSON shape).
 */
#include "integration/http_harness.h"

TestSuite(http_security, .init = h_start, .fini = h_stop, .timeout = 60);

Test(http_security, root_serves_the_ui_with_security_headers)
{
    char v[200];
    h_resp r = h_req("GET", "/", NULL, NULL);

    cr_assert_eq(r.status, 200);
    cr_assert(h_header(&r, "Content-Type", v, sizeof v));
    cr_assert_str_eq(v, "text/html; charset=utf-8");
    cr_assert(h_header(&r, "Content-Security-Policy", v, sizeof v));
    cr_assert_str_eq(v, "default-src 'self'; object-src 'none'; frame-ancestors 'none'");
    cr_assert(h_header(&r, "X-Content-Type-Options", v, sizeof v));
    cr_assert_str_eq(v, "nosniff");
    cr_assert(h_header(&r, "Referrer-Policy", v, sizeof v));
    cr_assert_str_eq(v, "no-referrer");
    cr_assert_not(h_header(&r, "Server", v, sizeof v), "a Server banner: %s", v);
    h_resp_free(&r);
}

Test(http_security, static_paths_cannot_escape_the_ui)
{
    const char *bad[] = {"/../CMakeLists.txt", "/.git/config", "/js/../../x", "/%2e%2e/etc/passwd"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        h_resp r = h_req("GET", bad[i], NULL, NULL);
        cr_assert(r.status == 404 || r.status == 400, "%s gave %d", bad[i], r.status);
        h_resp_free(&r);
    }
    h_resp r = h_req("POST", "/index.html", "{}", NULL);
    cr_assert_eq(r.status, 405);
    h_resp_free(&r);
}

Test(http_security, api_errors_carry_headers_and_json)
{
    char v[200];
    h_resp r = h_req("GET", "/api/nothing-here", NULL, NULL);
    cr_assert_eq(r.status, 404);
    cr_assert(cJSON_IsString(cJSON_GetObjectItemCaseSensitive(r.json, "error")));
    cr_assert(h_header(&r, "X-Content-Type-Options", v, sizeof v));
    cr_assert(h_header(&r, "Cache-Control", v, sizeof v));
    cr_assert_str_eq(v, "no-store");
    h_resp_free(&r);
}

Test(http_security, login_sets_a_strict_cookie_and_me_answers)
{
    char cookie[300];
    h_resp r = h_req("POST", "/api/login",
                     "{\"username\":\"mgr_a\",\"password\":\"" H_PASSWORD "\"}", NULL);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert(h_header(&r, "Set-Cookie", cookie, sizeof cookie));
    cr_assert_not_null(strstr(cookie, "HttpOnly"));
    cr_assert_not_null(strstr(cookie, "SameSite=Strict"));
    cr_assert_not_null(strstr(cookie, "Path=/"));
    cr_assert_null(strstr(cookie, "Secure"), "no TLS here");
    cr_assert_str_eq(cJSON_GetObjectItemCaseSensitive(r.json, "role")->valuestring, "manager");
    cr_assert_str_eq(cJSON_GetObjectItemCaseSensitive(r.json, "department")->valuestring, "UBF");
    h_resp_free(&r);

    h_sess s = h_login("org");
    r = h_as(&s, "GET", "/api/me", NULL);
    cr_assert_eq(r.status, 200);
    cr_assert_str_eq(cJSON_GetObjectItemCaseSensitive(r.json, "username")->valuestring, "org");
    cr_assert(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(r.json, "department")));
    cr_assert_str_eq(cJSON_GetObjectItemCaseSensitive(r.json, "csrf_token")->valuestring, s.csrf);
    h_resp_free(&r);
    /* Only the hash of the session id is stored. */
    char sql[300];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM sessions WHERE id_hash = '%s'", s.cookie);
    cr_assert_eq(h_count(sql), 0);
    cr_assert_eq(h_count("SELECT count(*) FROM sessions"), 2);
    cr_assert_eq(h_count("SELECT count(*) FROM audit_log WHERE action = 'login'"), 2);
}

Test(http_security, each_login_gets_a_new_session_id)
{
    h_sess a = h_login("org"), b = h_login("org");
    cr_assert_str_neq(a.cookie, b.cookie);
    cr_assert_str_neq(a.csrf, b.csrf);
}

Test(http_security, wrong_password_and_unknown_user_look_the_same)
{
    h_resp a = h_req("POST", "/api/login",
                     "{\"username\":\"org\",\"password\":\"wrong password!\"}", NULL);
    h_resp b = h_req("POST", "/api/login",
                     "{\"username\":\"nobody\",\"password\":\"wrong pw!!!!\"}", NULL);
    cr_assert_eq(a.status, 401);
    cr_assert_eq(b.status, 401);
    cr_assert_str_eq(a.body, b.body);
    h_resp_free(&a);
    h_resp_free(&b);
}

Test(http_security, unauthenticated_calls_get_401)
{
    h_resp r = h_req("GET", "/api/seekers", NULL, NULL);
    cr_assert_eq(r.status, 401);
    h_resp_free(&r);
    r = h_req("GET", "/api/me", NULL,
              "Cookie: fm_session="
              "00000000000000000000000000000000"
              "00000000000000000000000000000000\r\n");
    cr_assert_eq(r.status, 401);
    h_resp_free(&r);
}

Test(http_security, logout_invalidates_the_session)
{
    h_sess s = h_login("org");
    cr_assert_eq(h_status(&s, "POST", "/api/logout", NULL), 200);
    cr_assert_eq(h_status(&s, "GET", "/api/me", NULL), 401);
    cr_assert_eq(h_count("SELECT count(*) FROM sessions"), 0);
}

Test(http_security, account_locks_after_five_failures)
{
    for (int i = 0; i < 5; i++) {
        h_resp r = h_req("POST", "/api/login",
                         "{\"username\":\"mgr_b\",\"password\":\"not the password\"}", NULL);
        cr_assert_eq(r.status, 401, "attempt %d: %d", i, r.status);
        h_resp_free(&r);
    }
    /* Now even the right password is refused, with Retry-After. */
    char v[40];
    h_resp r = h_req("POST", "/api/login",
                     "{\"username\":\"mgr_b\",\"password\":\"" H_PASSWORD "\"}", NULL);
    cr_assert_eq(r.status, 429, "%s", r.body);
    cr_assert(h_header(&r, "Retry-After", v, sizeof v));
    cr_assert_gt(atoi(v), 0);
    h_resp_free(&r);
    /* Other accounts are not affected by that lock. */
    h_login("org");
}

Test(http_security, address_limited_after_twenty_failures)
{
    char body[120];
    for (int i = 0; i < 20; i++) {
        snprintf(body, sizeof body, "{\"username\":\"ghost%d\",\"password\":\"whatever pw\"}", i);
        h_resp r = h_req("POST", "/api/login", body, NULL);
        cr_assert_eq(r.status, 401);
        h_resp_free(&r);
    }
    h_resp r =
        h_req("POST", "/api/login", "{\"username\":\"org\",\"password\":\"" H_PASSWORD "\"}", NULL);
    cr_assert_eq(r.status, 429);
    h_resp_free(&r);
}

Test(http_security, state_changes_need_the_csrf_token)
{
    h_sess s = h_login("org");
    char extra[300];
    const char *body = "{\"id\":\"NEW\",\"name\":\"Ny\"}";

    snprintf(extra, sizeof extra, "Cookie: fm_session=%s\r\n", s.cookie);
    h_resp r = h_req("POST", "/api/departments", body, extra);
    cr_assert_eq(r.status, 403, "no token: %d", r.status);
    h_resp_free(&r);
    /* The right token with its last character changed. */
    snprintf(extra, sizeof extra, "Cookie: fm_session=%s\r\nX-CSRF-Token: %.63s%c\r\n", s.cookie,
             s.csrf, s.csrf[63] == '0' ? '1' : '0');
    r = h_req("POST", "/api/departments", body, extra);
    cr_assert_eq(r.status, 403, "wrong token: %d", r.status);
    h_resp_free(&r);
    cr_assert_eq(h_count("SELECT count(*) FROM departments WHERE id = 'NEW'"), 0);
    /* Another session's token does not fit this session either. */
    h_sess other = h_login("org");
    snprintf(extra, sizeof extra, "Cookie: fm_session=%s\r\nX-CSRF-Token: %s\r\n", s.cookie,
             other.csrf);
    r = h_req("POST", "/api/departments", body, extra);
    cr_assert_eq(r.status, 403);
    h_resp_free(&r);
    cr_assert_eq(h_status(&s, "POST", "/api/departments", body), 201);
}

Test(http_security, foreign_origin_is_refused_own_origin_and_none_allowed)
{
    h_sess s = h_login("org");
    char extra[400];

    snprintf(extra, sizeof extra,
             "Cookie: fm_session=%s\r\nX-CSRF-Token: %s\r\nOrigin: https://evil.example\r\n",
             s.cookie, s.csrf);
    h_resp r = h_req("GET", "/api/me", NULL, extra);
    cr_assert_eq(r.status, 403);
    h_resp_free(&r);
    r = h_req("POST", "/api/login", "{\"username\":\"org\",\"password\":\"" H_PASSWORD "\"}",
              "Origin: http://evil.example\r\n");
    cr_assert_eq(r.status, 403);
    h_resp_free(&r);
    snprintf(extra, sizeof extra,
             "Cookie: fm_session=%s\r\nX-CSRF-Token: %s\r\nOrigin: http://127.0.0.1:%u\r\n",
             s.cookie, s.csrf, h_port);
    r = h_req("GET", "/api/me", NULL, extra);
    cr_assert_eq(r.status, 200);
    h_resp_free(&r);
}

Test(http_security, oversized_body_gets_413_and_changes_nothing)
{
    h_sess s = h_login("org");
    size_t n = 70 * 1024;
    char *big = malloc(n + 64);
    int len = snprintf(big, 64, "{\"id\":\"BIG\",\"name\":\"");
    memset(big + len, 'x', n);
    memcpy(big + len + n, "\"}", 3);
    cr_assert_eq(h_status(&s, "POST", "/api/departments", big), 413);
    free(big);
    cr_assert_eq(h_count("SELECT count(*) FROM departments WHERE id = 'BIG'"), 0);
}

Test(http_security, wrong_content_type_gets_415)
{
    h_sess s = h_login("org");
    char extra[400];
    snprintf(extra, sizeof extra,
             "Cookie: fm_session=%s\r\nX-CSRF-Token: %s\r\nContent-Type: text/plain\r\n", s.cookie,
             s.csrf);
    h_resp r = h_req("POST", "/api/departments", "{\"id\":\"T\",\"name\":\"T\"}", extra);
    cr_assert_eq(r.status, 415);
    h_resp_free(&r);
    snprintf(extra, sizeof extra,
             "Cookie: fm_session=%s\r\nX-CSRF-Token: %s\r\n"
             "Content-Type: application/json; charset=utf-8\r\n",
             s.cookie, s.csrf);
    r = h_req("POST", "/api/departments", "{\"id\":\"T\",\"name\":\"T\"}", extra);
    cr_assert_eq(r.status, 201, "%s", r.body);
    h_resp_free(&r);
}

Test(http_security, malformed_json_bodies_get_400_with_a_field)
{
    h_sess s = h_login("org");
    const char *bad[] = {
        "{",
        "[]",
        "{\"id\":\"X\",\"name\":\"X\"} trailing",
        "{\"id\":\"X\",\"name\":\"X\",\"name\":\"Y\"}",
        "{\"id\":\"X\",\"Name\":\"X\"}",
        "{\"id\":\"X\",\"name\":\"X\",\"tables\":1.5}",
        "{\"id\":\"X\",\"name\":\"X\",\"tables\":101}",
        "{\"id\":\"X\",\"name\":\"X\",\"employees\":1e400}",
        "{\"id\":\"X\",\"name\":\"X\",\"tables\":\"2\"}",
        "{\"id\":\"X\",\"name\":\"X\",\"a\":[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]}",
        "{\"id\":\"X/Y\",\"name\":\"X\"}",
        "{\"id\":\"X\",\"name\":\"bad \\u0001 control\"}",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        h_resp r = h_as(&s, "POST", "/api/departments", bad[i]);
        cr_assert_eq(r.status, 400, "%s gave %d %s", bad[i], r.status, r.body);
        cr_assert(cJSON_IsString(cJSON_GetObjectItemCaseSensitive(r.json, "error")));
        h_resp_free(&r);
    }
    h_resp r = h_as(&s, "POST", "/api/departments", "{\"id\":\"X\",\"name\":\"X\",\"tables\":101}");
    cr_assert_str_eq(cJSON_GetObjectItemCaseSensitive(r.json, "field")->valuestring, "tables");
    h_resp_free(&r);
    cr_assert_eq(h_count("SELECT count(*) FROM departments WHERE id LIKE 'X%'"), 0);
}

Test(http_security, unknown_method_on_an_endpoint_gets_405_with_allow)
{
    h_sess s = h_login("org");
    char v[100];
    h_resp r = h_as(&s, "DELETE", "/api/departments/UBF", NULL);
    cr_assert_eq(r.status, 405);
    cr_assert(h_header(&r, "Allow", v, sizeof v));
    cr_assert_str_eq(v, "GET, PUT");
    h_resp_free(&r);
}

Test(http_security, audit_never_holds_secrets)
{
    h_sess s = h_login("org");
    cr_assert_eq(h_status(&s, "GET", "/api/seekers/S1", NULL), 200);
    cr_assert_eq(h_status(&s, "PUT", "/api/seekers/S1", "{\"personal_number\":\"198501011236\"}"),
                 200);
    cr_assert_eq(h_count("SELECT count(*) FROM audit_log WHERE detail LIKE '%19850101%' OR detail"
                         " LIKE '%" H_PASSWORD "%'"),
                 0);
    char sql[300];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM audit_log WHERE detail LIKE '%%%s%%'",
             s.cookie);
    cr_assert_eq(h_count(sql), 0);
}

static void start_short_sessions(void)
{
    h_start_with(2, 5, 0);
}

TestSuite(http_session, .init = start_short_sessions, .fini = h_stop, .timeout = 60);

Test(http_session, idle_session_expires)
{
    h_sess s = h_login("org");
    cr_assert_eq(h_status(&s, "GET", "/api/me", NULL), 200);
    sleep(3);
    cr_assert_eq(h_status(&s, "GET", "/api/me", NULL), 401);
}

Test(http_session, active_session_ends_at_the_absolute_limit)
{
    h_sess s = h_login("org");
    for (int i = 0; i < 4; i++) {
        sleep(1);
        cr_assert_eq(h_status(&s, "GET", "/api/me", NULL), 200, "second %d", i + 1);
    }
    sleep(2);
    cr_assert_eq(h_status(&s, "GET", "/api/me", NULL), 401);
}
