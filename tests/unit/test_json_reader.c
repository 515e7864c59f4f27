/*
 * test_json_reader.c - strict JSON reading for the solver's input files
 * (src/solve/json_reader.c): a document is one object with nothing after
 * it, integers must be written as integers, getters name the path of the
 * problem and leave absent optional members alone, paths are cut rather
 * than overrun, and the id map refuses a second key.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "solve/json_reader.h"

static fm_err err;
static fm_jr jr;
static cJSON *root;

static void setup(void)
{
    memset(&err, 0, sizeof err);
    memset(&jr, 0, sizeof jr);
    jr.file = "f.json";
    jr.err = &err;
    root = NULL;
}

static void teardown(void)
{
    fm_jr_release(&jr);
    cJSON_Delete(root);
}

TestSuite(json_reader, .init = setup, .fini = teardown);

static void parse(const char *text)
{
    cr_assert_eq(fm_jr_parse(&jr, text, strlen(text), &root), FM_OK, "%s", err.msg);
}

Test(json_reader, refuses_what_is_not_one_object)
{
    const char *bad[] = {"{\"a\":", "[1]", "{} x", "{}{}"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        fm_rc rc = fm_jr_parse(&jr, bad[i], strlen(bad[i]), &root);
        cr_assert_eq(rc, FM_EINVAL, "%s", bad[i]);
        cr_assert(strncmp(err.msg, "f.json: ", 8) == 0, "%s", err.msg);
        fm_jr_release(&jr);
        cJSON_Delete(root);
        root = NULL;
    }
}

Test(json_reader, reads_bytes_without_a_terminating_nul)
{
    const char text[] = "{\"n\": 7}garbage";
    int n = 0;
    cr_assert_eq(fm_jr_parse(&jr, text, 8, &root), FM_OK, "%s", err.msg);
    cr_assert_eq(fm_jr_int(&jr, root, "", "n", true, 0, 10, &n), FM_OK);
    cr_assert_eq(n, 7);
}

Test(json_reader, an_integer_must_be_written_as_one)
{
    int a = 0, b = 0;
    parse("{\"a\": 16, \"b\": 16.0, \"s\": \"1.5 is text\", \"c\": 1e1}");
    cr_assert_eq(fm_jr_int(&jr, root, "", "a", true, 0, 100, &a), FM_OK);
    cr_assert_eq(a, 16);
    cr_assert_eq(fm_jr_int(&jr, root, "", "b", true, 0, 100, &b), FM_EINVAL);
    cr_assert_str_eq(err.msg, "f.json: b: not an integer");
    cr_assert_eq(fm_jr_int(&jr, root, "x", "c", true, 0, 100, &b), FM_EINVAL);
    cr_assert_str_eq(err.msg, "f.json: x.c: not an integer");
}

Test(json_reader, ranges_and_absent_members)
{
    int v = 42;
    double d = 0.5;
    const char *s = "keep";
    const cJSON *o = NULL;
    parse("{\"p\": {\"n\": 200, \"x\": 0, \"e\": \"\"}}");
    cr_assert_eq(fm_jr_obj(&jr, root, "", "p", true, &o), FM_OK);
    cr_assert_eq(fm_jr_int(&jr, o, "p", "n", true, 0, 100, &v), FM_EINVAL);
    cr_assert_str_eq(err.msg, "f.json: p.n: out of range 0...100");
    cr_assert_eq(v, 42);
    cr_assert_eq(fm_jr_int(&jr, o, "p", "missing", false, 0, 100, &v), FM_OK);
    cr_assert_eq(v, 42);
    cr_assert_eq(fm_jr_int(&jr, o, "p", "missing", true, 0, 100, &v), FM_EINVAL);
    cr_assert_str_eq(err.msg, "f.json: p.missing: missing");
    cr_assert_eq(fm_jr_num(&jr, o, "p", "x", 0, true, 1, &d), FM_EINVAL);
    cr_assert_str_eq(err.msg, "f.json: p.x: not greater than 0");
    cr_assert_eq(fm_jr_num(&jr, o, "p", "none", 0, true, 1, &d), FM_OK);
    cr_assert_float_eq(d, 0.5, 0);
    cr_assert_eq(fm_jr_str(&jr, o, "p", "e", true, true, &s), FM_EINVAL);
    cr_assert_str_eq(err.msg, "f.json: p.e: empty");
    cr_assert_str_eq(s, "keep");
    cr_assert_eq(fm_jr_arr(&jr, root, "p", &o), FM_EINVAL);
    cr_assert_str_eq(err.msg, "f.json: p: not an array");
}

Test(json_reader, paths_are_cut_not_overrun)
{
    char longer[300], buf[FM_JR_PATH_MAX];
    memset(longer, 'k', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    cr_assert_str_eq(fm_jr_path(buf, "", "key"), "key");
    cr_assert_str_eq(fm_jr_path(buf, "a[0]", "key"), "a[0].key");
    fm_jr_path(buf, "root", longer);
    cr_assert_eq(strlen(buf), FM_JR_PATH_MAX - 1);
}

Test(json_reader, id_map_finds_and_refuses_a_second_key)
{
    fm_idmap m = {0};
    char names[100][8];
    cr_assert(fm_idmap_init(&m, 100));
    for (int i = 0; i < 100; i++) {
        snprintf(names[i], sizeof names[i], "id%d", i);
        cr_assert(fm_idmap_put(&m, names[i], i));
    }
    cr_assert_not(fm_idmap_put(&m, "id7", 1000));
    for (int i = 0; i < 100; i++)
        cr_assert_eq(fm_idmap_get(&m, names[i]), i);
    cr_assert_eq(fm_idmap_get(&m, "id100"), -1);
    fm_idmap_release(&m);
}
