/*
 * test_http_session.c - sessions as src/http/session.c reads them, over
 * loopback: only a 64-digit lowercase hex cookie is looked at, it may
 * stand among other cookies, a disabled user neither logs in nor keeps a
 * session, and a login body is read strictly. (Login, logout, lockout,
 * rate limits and expiry are test_http_security.c's.)
 */
#include <ctype.h>

#include "integration/http_harness.h"

TestSuite(http_session_cookie, .init = h_start, .fini = h_stop, .timeout = 60);

/* Status of GET /api/me with the given Cookie header value. */
static int me_with(const char *cookie)
{
    char extra[400];
    snprintf(extra, sizeof extra, "Cookie: %s\r\n", cookie);
    h_resp r = h_req("GET", "/api/me", NULL, extra);
    int status = r.status;
    h_resp_free(&r);
    return status;
}

Test(http_session_cookie, only_64_lowercase_hex_digits_are_a_session_id)
{
    h_sess s = h_login("org");
    char c[300];
    snprintf(c, sizeof c, "fm_session=%s", s.cookie);
    cr_assert_eq(me_with(c), 200);
    /* the same id in capitals */
    for (char *p = c + strlen("fm_session="); *p; p++)
        *p = (char)toupper((unsigned char)*p);
    cr_assert_eq(me_with(c), 401);
    /* one digit more, one digit less */
    snprintf(c, sizeof c, "fm_session=%s0", s.cookie);
    cr_assert_eq(me_with(c), 401);
    snprintf(c, sizeof c, "fm_session=%.63s", s.cookie);
    cr_assert_eq(me_with(c), 401);
    cr_assert_eq(me_with("fm_session="), 401);
}

Test(http_session_cookie, the_session_cookie_may_stand_among_others)
{
    h_sess s = h_login("mgr_a");
    char c[400];
    snprintf(c, sizeof c, "theme=dark; fm_session=%s; lang=sv", s.cookie);
    cr_assert_eq(me_with(c), 200);
}

Test(http_session_cookie, a_disabled_user_is_refused_like_a_wrong_password)
{
    h_resp wrong = h_req("POST", "/api/login",
                         "{\"username\":\"steer\",\"password\":\"not the password\"}", NULL);
    h_sess s = h_login("org");
    cr_assert_eq(h_count("UPDATE users SET disabled_at = '2026-01-01T00:00:00Z' WHERE username = "
                         "'steer' RETURNING 1"),
                 1);
    h_resp r = h_req("POST", "/api/login",
                     "{\"username\":\"steer\",\"password\":\"" H_PASSWORD "\"}", NULL);
    cr_assert_eq(r.status, 401, "%s", r.body);
    cr_assert_str_eq(r.body, wrong.body, "nothing tells a disabled account apart");
    h_resp_free(&r);
    h_resp_free(&wrong);
    cr_assert_eq(h_status(&s, "GET", "/api/me", NULL), 200, "other users stay logged in");
}

Test(http_session_cookie, a_session_of_a_user_disabled_later_is_not_honoured)
{
    h_sess s = h_login("mgr_b");
    cr_assert_eq(h_status(&s, "GET", "/api/me", NULL), 200);
    cr_assert_eq(h_count("UPDATE users SET disabled_at = '2026-01-01T00:00:00Z' WHERE username = "
                         "'mgr_b' RETURNING 1"),
                 1);
    cr_assert_eq(h_status(&s, "GET", "/api/me", NULL), 401);
}

Test(http_session_cookie, a_login_body_is_read_strictly_and_names_the_field)
{
    h_resp r = h_req("POST", "/api/login", "{\"username\":\"org\"}", NULL);
    cr_assert_eq(r.status, 400, "%s", r.body);
    cr_assert_str_eq(cJSON_GetObjectItemCaseSensitive(r.json, "field")->valuestring, "password");
    h_resp_free(&r);
    r = h_req("POST", "/api/login",
              "{\"username\":\"org\",\"password\":\"" H_PASSWORD "\",\"password\":\"x\"}", NULL);
    cr_assert_eq(r.status, 400, "a key given twice: %s", r.body);
    h_resp_free(&r);
    r = h_req("POST", "/api/login", "{\"username\":7,\"password\":\"" H_PASSWORD "\"}", NULL);
    cr_assert_eq(r.status, 400, "%s", r.body);
    cr_assert_str_eq(cJSON_GetObjectItemCaseSensitive(r.json, "field")->valuestring, "username");
    h_resp_free(&r);
    cr_assert_eq(h_count("SELECT count(*) FROM sessions"), 0);
}

Test(http_session_cookie, logout_tells_the_browser_to_drop_the_cookie)
{
    h_sess s = h_login("org");
    char c[300];
    h_resp r = h_as(&s, "POST", "/api/logout", NULL);
    cr_assert_eq(r.status, 200);
    cr_assert(h_header(&r, "Set-Cookie", c, sizeof c));
    cr_assert_not_null(strstr(c, "fm_session=;"), "%s", c);
    cr_assert_not_null(strstr(c, "Max-Age=0"), "%s", c);
    h_resp_free(&r);
}
