/*
 * test_response.c - src/http/response.c's answers: a render that failed
 * (fm_http_render_fail, or a cJSON allocation through the installed hook)
 * answers 500 instead of a partial body, and the next answer starts afresh.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "http/http_internal.h"

static fm_http_ctx c;

static void setup(void)
{
    memset(&c, 0, sizeof c);
    fm_buf_init(&c.out);
    c.method = "GET";
    c.path = (char *)(uintptr_t) "/api/test";
    fm_http_json_hooks_install();
    fm_http_render_begin();
}

static void teardown(void)
{
    fm_buf_release(&c.out);
}

TestSuite(response, .init = setup, .fini = teardown);

static cJSON *object(void)
{
    cJSON *o = cJSON_CreateObject();
    cr_assert_not_null(o);
    cr_assert_not_null(cJSON_AddStringToObject(o, "id", "F1"));
    return o;
}

Test(response, a_whole_render_is_answered_as_is)
{
    fm_http_reply_json(&c, 201, object());
    cr_assert_eq(c.status, 201);
    cr_assert_str_eq(c.out.data, "{\"id\":\"F1\"}");
}

Test(response, a_failed_render_answers_500_not_the_partial_tree)
{
    cJSON *o = object();

    fm_http_render_fail();
    fm_http_reply_json(&c, 200, o);
    cr_assert_eq(c.status, 500);
    cr_assert_str_eq(c.out.data, "{\"error\":\"out of memory\"}");
}

Test(response, the_next_answer_starts_afresh)
{
    fm_http_render_fail();
    fm_http_reply_json(&c, 200, object());
    cr_assert_eq(c.status, 500);
    fm_http_reply_json(&c, 200, object());
    cr_assert_eq(c.status, 200);
    cr_assert_str_eq(c.out.data, "{\"id\":\"F1\"}");
}

Test(response, a_missing_tree_answers_500)
{
    fm_http_reply_json(&c, 200, NULL);
    cr_assert_eq(c.status, 500);
}

Test(response, ok_or_rc_answers_the_error_and_frees_the_tree)
{
    fm_err err = {0};

    fm_err_set(&err, FM_EINVAL, "name: is required");
    fm_http_reply_ok_or_rc(&c, err.rc, &err, 200, object());
    cr_assert_eq(c.status, 400);
    cr_assert_str_eq(c.out.data, "{\"error\":\"is required\",\"field\":\"name\"}");
}
