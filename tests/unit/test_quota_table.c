/*
 * test_quota_table.c - department quotas with hires so far and the fair
 * planner (src/report/quota_table.c, through fairmatch/report.h), on a
 * programme worked out by hand: which hires count up to a day or before a
 * fair, the remaining places spread over the fairs left (or the months
 * left), steering protection, and the three renderings.
 */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "fairmatch/report.h"
#include "test_store.h"

/*
 * Goal 12, 2018-02-15 ... 2018-06-30. A 100, B 300, Z0 0 employees:
 * quotas 12 x 100 / 400 = 3, 9 and 0. Hires: A on 02-10 (before the
 * start: never counted), 03-01 and 03-31; B on 04-01 and 06-30. Fairs on
 * 04-15 and 05-20, and one after the end, 07-10.
 */
static const char fixture[] =
    "INSERT INTO programme VALUES (1, 12, '2018-02-15', '2018-06-30');"
    "INSERT INTO departments (id, name, employees) VALUES ('B', 'Bygg', 300), ('A', 'Arbete', "
    "100), ('Z0', 'Noll', 0);"
    "INSERT INTO seekers (id, gender) VALUES ('s1', 'woman'), ('s2', 'man'), ('s3', 'woman'),"
    " ('s4', 'man'), ('s5', 'other');"
    "INSERT INTO employments (seeker_id, department_id, decision_date) VALUES"
    " ('s1', 'A', '2018-02-10'), ('s2', 'A', '2018-03-01'), ('s3', 'A', '2018-03-31'),"
    " ('s4', 'B', '2018-04-01'), ('s5', 'B', '2018-06-30');"
    "INSERT INTO fairs (id, date, periods) VALUES ('F1', '2018-04-15', 4), ('F2', '2018-05-20', "
    "4), ('F3', '2018-07-10', 4);";

static fm_store *db;

static void setup(void)
{
    db = test_store_create("quota_table");
    test_store_exec(test_db_path, fixture);
}

static void teardown(void)
{
    fm_store_close(db);
    test_store_unlink(test_db_path);
}

TestSuite(quota_table, .init = setup, .fini = teardown);

static fm_quota_table *as_of(int y, int m, int d, bool steering)
{
    fm_date day = {.year = y, .month = m, .day = d};
    fm_quota_table *t = NULL;
    fm_err err = {0};
    cr_assert_eq(fm_quota_table_build(db, day, steering, &t, &err), FM_OK, "%s", err.msg);
    return t;
}

static fm_quota_table *plan(const char *fair)
{
    fm_quota_table *t = NULL;
    fm_err err = {0};
    cr_assert_eq(fm_quota_plan_build(db, fair, &t, &err), FM_OK, "%s", err.msg);
    return t;
}

static void row(const fm_quota_row *r, const char *id, long long quota, long long hired,
                long long remaining)
{
    cr_assert_str_eq(r->id, id);
    cr_assert_eq(r->quota, quota, "%s quota %lld", id, r->quota);
    cr_assert_eq(r->hired, hired, "%s hired %lld", id, r->hired);
    cr_assert_eq(r->remaining, remaining, "%s remaining %lld", id, r->remaining);
}

Test(quota_table, counts_hires_from_the_start_up_to_and_including_the_day)
{
    fm_quota_table *t = as_of(2018, 3, 31, false);
    cr_assert_eq(t->goal, 12);
    cr_assert_str_eq(t->as_of, "2018-03-31");
    cr_assert_eq(t->n, 3);
    row(&t->rows[0], "A", 3, 2, 1);
    row(&t->rows[1], "B", 9, 0, 9);
    row(&t->rows[2], "Z0", 0, 0, 0);
    cr_assert(t->rows[0].has_share);
    cr_assert_float_eq(t->rows[0].share, 2.0 / 3.0, 1e-12);
    cr_assert_not(t->rows[2].has_share, "a quota of 0 has no share");
    cr_assert_not(t->all_zero);
    fm_quota_table_free(t);
}

Test(quota_table, the_day_before_a_hire_does_not_count_it)
{
    fm_quota_table *t = as_of(2018, 3, 30, false);
    row(&t->rows[0], "A", 3, 1, 2);
    fm_quota_table_free(t);
}

Test(quota_table, plan_spreads_what_is_left_over_the_fairs_left)
{
    /* Before 04-15: A 2, B 1 hired; remaining 1 and 8 over two fairs (F1, F2):
       ceil(1 / 2) = 1, ceil(8 / 2) = 4. */
    fm_quota_table *t = plan("F1");
    cr_assert(t->plan);
    cr_assert_str_eq(t->fair_id, "F1");
    cr_assert_str_eq(t->fair_date, "2018-04-15");
    cr_assert_eq(t->fairs_left, 2);
    cr_assert_eq(t->spread, 2);
    row(&t->rows[0], "A", 3, 2, 1);
    row(&t->rows[1], "B", 9, 1, 8);
    cr_assert_eq(t->rows[0].places, 1);
    cr_assert_eq(t->rows[1].places, 4);
    cr_assert_eq(t->rows[2].places, 0);
    fm_quota_table_free(t);
}

Test(quota_table, a_fair_after_the_end_spreads_over_at_least_one)
{
    /* No fair left up to the end and no month left: spread 1. All hires
       before 07-10 count: A 2, B 2; places = remaining. */
    fm_quota_table *t = plan("F3");
    cr_assert_eq(t->fairs_left, 0);
    cr_assert_eq(t->spread, 1);
    row(&t->rows[1], "B", 9, 2, 7);
    cr_assert_eq(t->rows[0].places, 1);
    cr_assert_eq(t->rows[1].places, 7);
    fm_quota_table_free(t);
}

Test(quota_table, an_unknown_fair_or_no_programme_is_not_found)
{
    fm_quota_table *t = NULL;
    fm_err err = {0};
    cr_assert_eq(fm_quota_plan_build(db, "F9", &t, &err), FM_ENOTFOUND);
    cr_assert_null(t);
    test_store_exec(test_db_path, "DELETE FROM programme;");
    fm_date day = {.year = 2018, .month = 3, .day = 31};
    cr_assert_eq(fm_quota_table_build(db, day, false, &t, &err), FM_ENOTFOUND);
    cr_assert_null(t);
}

Test(quota_table, steering_shows_one_to_four_hires_as_small)
{
    fm_quota_table *t = as_of(2018, 3, 31, true);
    cr_assert(t->steering);
    cr_assert_eq(t->rows[0].st_hired, 1, "A's 2 hires are 1-4");
    char *json = NULL;
    size_t len = 0;
    fm_err err = {0};
    cr_assert_eq(fm_quota_table_to_json(t, &json, &len, &err), FM_OK, "%s", err.msg);
    cJSON *v = cJSON_Parse(json);
    cr_assert_not_null(v);
    cJSON *a = cJSON_GetArrayItem(v, 0), *b = cJSON_GetArrayItem(v, 1);
    cr_assert_str_eq(cJSON_GetObjectItemCaseSensitive(a, "hired")->valuestring, "<5");
    cr_assert(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(a, "remaining")),
              "3 - remaining would give the hires back");
    cr_assert(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(a, "share_of_quota")));
    cr_assert_eq(cJSON_GetObjectItemCaseSensitive(b, "hired")->valuedouble, 0.0, "0 is shown");
    cr_assert(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(b, "share_of_quota")),
              "a share of a quota under 10 is not shown");
    cJSON_Delete(v);
    free(json);
    fm_quota_table_free(t);
}

static char *render(fm_rc (*fn)(const fm_quota_table *, char **, size_t *, fm_err *),
                    const fm_quota_table *t)
{
    char *out = NULL;
    size_t len = 0;
    fm_err err = {0};
    cr_assert_eq(fn(t, &out, &len, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(strlen(out), len);
    return out;
}

Test(quota_table, json_has_one_object_per_department_and_null_for_no_share)
{
    fm_quota_table *t = as_of(2018, 3, 31, false);
    char *json = render(fm_quota_table_to_json, t);
    cJSON *v = cJSON_Parse(json);
    cr_assert(cJSON_IsArray(v));
    cr_assert_eq(cJSON_GetArraySize(v), 3);
    cJSON *a = cJSON_GetArrayItem(v, 0), *z = cJSON_GetArrayItem(v, 2);
    cr_assert_str_eq(cJSON_GetObjectItemCaseSensitive(a, "name")->valuestring, "Arbete");
    cr_assert_eq(cJSON_GetObjectItemCaseSensitive(a, "employees")->valuedouble, 100.0);
    cr_assert_eq(cJSON_GetObjectItemCaseSensitive(a, "quota")->valuedouble, 3.0);
    cr_assert_eq(cJSON_GetObjectItemCaseSensitive(a, "hired")->valuedouble, 2.0);
    cr_assert_eq(cJSON_GetObjectItemCaseSensitive(a, "remaining")->valuedouble, 1.0);
    cr_assert_float_eq(cJSON_GetObjectItemCaseSensitive(a, "share_of_quota")->valuedouble,
                       2.0 / 3.0, 1e-12);
    cr_assert(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(z, "share_of_quota")));
    cr_assert_null(cJSON_GetObjectItemCaseSensitive(a, "places"), "places are the planner's");
    cJSON_Delete(v);
    free(json);
    fm_quota_table_free(t);
}

Test(quota_table, csv_is_swedish_excels_with_crlf_and_text_is_aligned)
{
    fm_quota_table *t = as_of(2018, 3, 31, false);
    char *csv = render(fm_quota_table_to_csv, t), *text = render(fm_quota_table_to_text, t);
    cr_assert_str_eq(csv, "\xef\xbb\xbfid;name;employees;quota;hired;remaining;share_of_quota\r\n"
                          "A;Arbete;100;3;2;1;66,7%\r\n"
                          "B;Bygg;300;9;0;9;0,0%\r\n"
                          "Z0;Noll;0;0;0;0;\r\n");
    cr_assert_str_eq(text, "id  name    employees  quota  hired  remaining  share_of_quota\n"
                           "A   Arbete        100      3      2          1           66.7%\n"
                           "B   Bygg          300      9      0          9            0.0%\n"
                           "Z0  Noll            0      0      0          0                \n");
    free(csv);
    free(text);
    fm_quota_table_free(t);
}
