/*
 * test_json.c - strict request bodies and typed field readers
 * (src/http/json.c, through http_internal.h): what the parser refuses and
 * the message it gives, and each reader's range, type and presence rules.
 */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/http_internal.h"

/* body parsed with its NUL after len, as fm_buf keeps it */
static fm_rc parse(const char *body, cJSON **out, fm_err *err)
{
    return fm_http_json_parse(body, strlen(body), out, err);
}

static void refused(const char *body, const char *msg)
{
    cJSON *v = (cJSON *)1;
    fm_err err = {0};
    cr_assert_eq(parse(body, &v, &err), FM_EINVAL, "accepted %s", body);
    cr_assert_null(v);
    cr_assert_str_eq(err.msg, msg, "for %s", body);
}

static cJSON *object(const char *body)
{
    cJSON *v = NULL;
    fm_err err = {0};
    cr_assert_eq(parse(body, &v, &err), FM_OK, "%s", err.msg);
    return v;
}

Test(json, parses_one_object)
{
    cJSON *v = object("{\"a\": 1, \"b\": [true, null, \"x\"]}");
    cr_assert_eq(cJSON_GetObjectItemCaseSensitive(v, "a")->valueint, 1);
    cJSON_Delete(v);
}

Test(json, refuses_an_empty_body_and_a_non_object)
{
    cJSON *v = NULL;
    fm_err err = {0};
    cr_assert_eq(fm_http_json_parse("", 0, &v, &err), FM_EINVAL);
    cr_assert_str_eq(err.msg, "a JSON object is required as the body");
    refused("[1]", "the body must be a JSON object");
    refused("\"x\"", "the body must be a JSON object");
}

Test(json, refuses_malformed_json_and_says_near_which_byte)
{
    refused("{\"a\": }", "malformed JSON near byte 6");
}

Test(json, refuses_anything_after_the_value)
{
    cJSON *v = NULL;
    fm_err err = {0};
    cr_assert_eq(parse("{} {}", &v, &err), FM_EINVAL);
    cr_assert(strncmp(err.msg, "malformed JSON near byte", 24) == 0, "%s", err.msg);
}

Test(json, refuses_a_nul_byte_and_invalid_utf8)
{
    cJSON *v = NULL;
    fm_err err = {0};
    cr_assert_eq(fm_http_json_parse("{}\0", 3, &v, &err), FM_EINVAL);
    cr_assert_str_eq(err.msg, "the body contains a NUL byte");
    refused("{\"a\": \"\xc3\"}", "the body is not valid UTF-8");
    refused("{\"a\": \"\xc0\xaf\"}", "the body is not valid UTF-8");     /* overlong '/' */
    refused("{\"a\": \"\xed\xa0\x80\"}", "the body is not valid UTF-8"); /* a surrogate */
}

Test(json, refuses_an_escaped_surrogate_half)
{
    /* cJSON turns a lone \ud800 into bytes that are not UTF-8. */
    cJSON *v = NULL;
    fm_err err = {0};
    cr_assert_neq(parse("{\"a\": \"\\ud800\"}", &v, &err), FM_OK);
    cr_assert_null(v);
}

/* {"a":[[...]]} with depth levels in all, in buf. */
static const char *nested(char *buf, size_t size, int depth)
{
    size_t at = (size_t)snprintf(buf, size, "{\"a\":");
    for (int i = 1; i < depth; i++)
        buf[at++] = '[';
    for (int i = 1; i < depth; i++)
        buf[at++] = ']';
    buf[at++] = '}';
    buf[at] = '\0';
    cr_assert_lt(at, size);
    return buf;
}

Test(json, refuses_nesting_deeper_than_sixteen)
{
    char buf[64];
    cJSON *v = object(nested(buf, sizeof buf, 16));
    cJSON_Delete(v);
    refused(nested(buf, sizeof buf, 17), "JSON nested deeper than 16 levels");
}

Test(json, brackets_inside_strings_do_not_count_as_nesting)
{
    cJSON *v = object("{\"a\": \"[[[[[[[[[[[[[[[[[[[[\\\"[[[[\"}");
    cJSON_Delete(v);
}

Test(json, refuses_a_key_given_twice_and_names_it)
{
    refused("{\"name\": \"a\", \"x\": 1, \"name\": \"b\"}", "name: key given twice");
    refused("{\"o\": {\"k\": 1, \"k\": 2}}", "k: key given twice");
}

Test(json, refuses_more_than_200_keys)
{
    char body[4096];
    size_t at = 0;
    body[at++] = '{';
    for (int i = 0; i < 201; i++)
        at += (size_t)snprintf(body + at, sizeof body - at, "%s\"k%d\":0", i ? "," : "", i);
    body[at++] = '}';
    body[at] = '\0';
    refused(body, "JSON object with more than 200 keys");
}

Test(json, refuses_a_number_beyond_double_range)
{
    refused("{\"a\": 1e999}", "JSON number out of range");
}

Test(json, an_escaped_nul_is_kept_so_the_string_reader_refuses_it)
{
    /* "Ann\u0000x" must not be read as "Ann". */
    cJSON *v = object("{\"name\": \"Ann\\u0000x\"}");
    const char *s = NULL;
    fm_err err = {0};
    cr_assert_eq(fm_json_get_str(v, "name", true, 100, &s, NULL, &err), FM_EINVAL);
    cr_assert_str_eq(err.msg, "name: contains control characters (or \\u0000)");
    cr_assert_null(s);
    cJSON_Delete(v);
}

Test(json, get_str_borrows_the_value_and_tells_absent_from_null)
{
    cJSON *v = object("{\"a\": \"x\", \"n\": null}");
    const char *s = NULL;
    bool present = true;
    fm_err err = {0};
    cr_assert_eq(fm_json_get_str(v, "a", true, 1, &s, &present, &err), FM_OK);
    cr_assert_str_eq(s, "x");
    cr_assert(present);
    cr_assert_eq(fm_json_get_str(v, "n", false, 1, &s, &present, &err), FM_OK);
    cr_assert_null(s);
    cr_assert_not(present);
    cr_assert_eq(fm_json_get_str(v, "missing", true, 1, &s, NULL, &err), FM_EINVAL);
    cr_assert_str_eq(err.msg, "missing: is required");
    cr_assert_eq(fm_json_get_str(v, "n", true, 1, &s, NULL, &err), FM_EINVAL);
    cr_assert_str_eq(err.msg, "n: is required");
    cJSON_Delete(v);
}

Test(json, get_str_refuses_other_types_long_values_and_control_characters)
{
    cJSON *v = object("{\"i\": 3, \"long\": \"abcd\", \"tab\": \"a\\tb\"}");
    const char *s;
    fm_err err = {0};
    cr_assert_eq(fm_json_get_str(v, "i", true, 10, &s, NULL, &err), FM_EINVAL);
    cr_assert_str_eq(err.msg, "i: must be a string");
    cr_assert_eq(fm_json_get_str(v, "long", true, 3, &s, NULL, &err), FM_EINVAL);
    cr_assert_str_eq(err.msg, "long: longer than 3 bytes");
    cr_assert_eq(fm_json_get_str(v, "long", true, 4, &s, NULL, &err), FM_OK);
    cr_assert_eq(fm_json_get_str(v, "tab", true, 10, &s, NULL, &err), FM_EINVAL);
    cr_assert_str_eq(err.msg, "tab: contains control characters (or \\u0000)");
    cJSON_Delete(v);
}

Test(json, get_int_accepts_whole_numbers_in_range_only)
{
    cJSON *v = object("{\"a\": 96, \"b\": 97, \"c\": 2.5, \"d\": \"3\", \"e\": 1e2}");
    long n = 0;
    fm_err err = {0};
    cr_assert_eq(fm_json_get_int(v, "a", true, 1, 96, &n, NULL, &err), FM_OK);
    cr_assert_eq(n, 96);
    cr_assert_eq(fm_json_get_int(v, "e", true, 1, 100, &n, NULL, &err), FM_OK);
    cr_assert_eq(n, 100);
    cr_assert_eq(fm_json_get_int(v, "b", true, 1, 96, &n, NULL, &err), FM_EINVAL);
    cr_assert_str_eq(err.msg, "b: must be an integer 1...96");
    cr_assert_eq(fm_json_get_int(v, "c", true, 1, 96, &n, NULL, &err), FM_EINVAL);
    cr_assert_eq(fm_json_get_int(v, "d", true, 1, 96, &n, NULL, &err), FM_EINVAL);
    cr_assert_eq(n, 100, "a refused value must not be written");
    cJSON_Delete(v);
}

Test(json, get_num_checks_type_and_closed_range)
{
    cJSON *v = object("{\"t\": 0.5, \"s\": \"1\"}");
    double d = 0;
    bool present = false;
    fm_err err = {0};
    cr_assert_eq(fm_json_get_num(v, "t", true, 0.5, 1.0, &d, &present, &err), FM_OK);
    cr_assert_eq(d, 0.5);
    cr_assert(present);
    cr_assert_eq(fm_json_get_num(v, "t", true, 0.6, 1.0, &d, NULL, &err), FM_EINVAL);
    cr_assert_str_eq(err.msg, "t: must be between 0.6 and 1");
    cr_assert_eq(fm_json_get_num(v, "s", true, 0, 10, &d, NULL, &err), FM_EINVAL);
    cr_assert_str_eq(err.msg, "s: must be a number");
    cr_assert_eq(fm_json_get_num(v, "none", false, 0, 10, &d, &present, &err), FM_OK);
    cr_assert_not(present);
    cJSON_Delete(v);
}

Test(json, get_bool_takes_only_true_or_false)
{
    cJSON *v = object("{\"y\": true, \"n\": false, \"one\": 1}");
    bool b = false;
    fm_err err = {0};
    cr_assert_eq(fm_json_get_bool(v, "y", true, &b, NULL, &err), FM_OK);
    cr_assert(b);
    cr_assert_eq(fm_json_get_bool(v, "n", true, &b, NULL, &err), FM_OK);
    cr_assert_not(b);
    cr_assert_eq(fm_json_get_bool(v, "one", true, &b, NULL, &err), FM_EINVAL);
    cr_assert_str_eq(err.msg, "one: must be true or false");
    cJSON_Delete(v);
}

Test(json, get_name_refuses_blank_and_invisible_only_names)
{
    /* U+00A0, U+200B, U+FEFF, U+3000 are all "nothing" */
    cJSON *v = object("{\"a\": \" \\u00a0\\u200b\", \"b\": \"\\ufeff\\u3000\", \"c\": \" Ann \"}");
    const char *s = NULL;
    fm_err err = {0};
    cr_assert_eq(fm_json_get_name(v, "a", true, 100, &s, NULL, &err), FM_EINVAL);
    cr_assert_str_eq(err.msg, "a: is blank (only spaces or invisible characters)");
    cr_assert_null(s);
    cr_assert_eq(fm_json_get_name(v, "b", true, 100, &s, NULL, &err), FM_EINVAL);
    cr_assert_eq(fm_json_get_name(v, "c", true, 100, &s, NULL, &err), FM_OK);
    cr_assert_str_eq(s, " Ann ");
    cJSON_Delete(v);
}

Test(json, text_blank_sees_through_whitespace_but_not_letters)
{
    cr_assert(fm_http_text_blank(""));
    cr_assert(fm_http_text_blank(" \t\n"));
    cr_assert(fm_http_text_blank("\xe2\x80\x8b\xe2\x81\xa0")); /* U+200B U+2060 */
    cr_assert_not(fm_http_text_blank(" a "));
    cr_assert_not(fm_http_text_blank("\xc3\xa5"));     /* å */
    cr_assert_not(fm_http_text_blank("\xe2\x80\x8e")); /* U+200E is not in the list */
}

Test(json, id_valid_refuses_empty_slash_edge_spaces_and_control_characters)
{
    cr_assert(fm_http_id_valid("UBF-12"));
    cr_assert(fm_http_id_valid("Örebro 1"));
    cr_assert_not(fm_http_id_valid(NULL));
    cr_assert_not(fm_http_id_valid(""));
    cr_assert_not(fm_http_id_valid("a/b"));
    cr_assert_not(fm_http_id_valid(" a"));
    cr_assert_not(fm_http_id_valid("a "));
    cr_assert_not(fm_http_id_valid("a\tb"));
    cr_assert_not(fm_http_id_valid("\xff"));
}

Test(json, id_valid_takes_the_limit_and_not_a_byte_more)
{
    char id[FM_HTTP_MAX_ID + 2];
    memset(id, 'a', sizeof id - 1);
    id[FM_HTTP_MAX_ID] = '\0';
    cr_assert(fm_http_id_valid(id));
    id[FM_HTTP_MAX_ID] = 'a';
    id[FM_HTTP_MAX_ID + 1] = '\0';
    cr_assert_not(fm_http_id_valid(id));
}

Test(json, take_str_copies_present_values_and_clears_on_null)
{
    cJSON *v = object("{\"name\": \"Ann\", \"place\": null}");
    char *name = NULL, *place = strdup("old"), *other = strdup("keep");
    unsigned bits = 0;
    fm_err err = {0};
    cr_assert_eq(fm_json_take_str(v, "name", 10, &name, 1u, &bits, &err), FM_OK);
    cr_assert_eq(fm_json_take_str(v, "place", 10, &place, 2u, &bits, &err), FM_OK);
    cr_assert_eq(fm_json_take_str(v, "other", 10, &other, 4u, &bits, &err), FM_OK);
    cr_assert_str_eq(name, "Ann");
    cr_assert_null(place);
    cr_assert_str_eq(other, "keep");
    cr_assert_eq(bits, 3u);
    free(name);
    free(other);
    cJSON_Delete(v);
}

Test(json, take_int_writes_none_for_null_and_refuses_out_of_range)
{
    cJSON *v = object("{\"level\": null, \"places\": 3, \"bad\": 0}");
    int level = 4, places = 0, bad = 7;
    unsigned bits = 0;
    fm_err err = {0};
    cr_assert_eq(fm_json_take_int(v, "level", 0, 5, -1, &level, 1u, &bits, &err), FM_OK);
    cr_assert_eq(fm_json_take_int(v, "places", 1, 10, -1, &places, 2u, &bits, &err), FM_OK);
    cr_assert_eq(level, -1);
    cr_assert_eq(places, 3);
    cr_assert_eq(bits, 3u);
    cr_assert_eq(fm_json_take_int(v, "bad", 1, 10, -1, &bad, 4u, &bits, &err), FM_EINVAL);
    cr_assert_str_eq(err.msg, "bad: must be an integer 1...10");
    cr_assert_eq(bad, 7);
    cr_assert_eq(bits, 3u);
    cJSON_Delete(v);
}
