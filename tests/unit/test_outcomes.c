/*
 * test_outcomes.c - seed 002's outcome table (src/report/outcomes.c) on a
 * hand-computed fixture: every count of employments and people, the share
 * successful with planned ends in the denominator, days in the job per
 * person, each breakdown, the period's edges, and the steering role's
 * protection.
 */
#include <criterion/criterion.h>
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/outcomes.h"
#include "fairmatch/store.h"
#include "store/store_internal.h"

/*
 * Ended in 2018 (days = end - start, else decision, + 1):
 *  e1 p1 woman 28y sv3 edu2 UBF to_work      2018-01-15..06-30 167
 *  e2 p1                    ALF illness      2018-07-01..07-31  31
 *  e3 p2 man   57y sv5 edu3 UBF completed    2017-03-01..2018-02-28 365 (no start)
 *  e4 p3 woman 23y sv1 -    ALF to_studies   2018-02-01..03-02  30
 *  e5 p4 man   -   -   edu4 UBF (no reason)  2018-05-01..05-10  10
 *  e6 p5 other 38y sv2 edu1 UBF own_business 2018-01-10..12-31 356
 * Not in 2018: e7 (ends 2019-01-31), e8 (open).
 */
static const char fixture[] =
    "INSERT INTO departments (id, name, employees) VALUES ('UBF', 'U', 1), ('ALF', 'A', 1);"
    "INSERT INTO seekers (id, gender, birth_year, swedish_level, education_level) VALUES"
    " ('p1', 'woman', 1990, 3, 2), ('p2', 'man', 1960, 5, 3), ('p3', 'woman', 1995, 1, NULL),"
    " ('p4', 'man', NULL, NULL, 4), ('p5', 'other', 1980, 2, 1);"
    "INSERT INTO employments (seeker_id, department_id, decision_date, start_date, end_date,"
    " end_reason) VALUES"
    " ('p1', 'UBF', '2018-01-01', '2018-01-15', '2018-06-30', 'to_work'),"
    " ('p1', 'ALF', '2018-07-01', '2018-07-01', '2018-07-31', 'illness'),"
    " ('p2', 'UBF', '2017-03-01', NULL, '2018-02-28', 'completed'),"
    " ('p3', 'ALF', '2018-02-01', '2018-02-01', '2018-03-02', 'to_studies'),"
    " ('p4', 'UBF', '2018-05-01', '2018-05-01', '2018-05-10', NULL),"
    " ('p5', 'UBF', '2018-01-10', '2018-01-10', '2018-12-31', 'own_business'),"
    " ('p2', 'ALF', '2018-04-01', '2018-04-01', '2019-01-31', 'moved'),"
    " ('p3', 'UBF', '2018-04-01', '2018-04-01', NULL, NULL);";

static cJSON *outcomes(const char *from, const char *to, bool steering)
{
    fm_store *s = NULL;
    fm_outcomes *o = NULL;
    fm_err err = {0};
    char *text = NULL, *msg = NULL;
    size_t len = 0;
    cJSON *j;
    cr_assert_eq(fm_store_open(":memory:", &s, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(sqlite3_exec(s->db, fixture, NULL, NULL, &msg), SQLITE_OK, "%s", msg);
    cr_assert_eq(fm_outcomes_build(s, from, to, steering, &o, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(fm_outcomes_to_json(o, &text, &len, &err), FM_OK);
    j = cJSON_Parse(text);
    cr_assert_not_null(j);
    free(text);
    fm_outcomes_free(o);
    fm_store_close(s);
    return j;
}

static const cJSON *row(const cJSON *j, const char *group, const char *key)
{
    const cJSON *r;
    cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(j, "rows"))
    {
        if (!strcmp(cJSON_GetObjectItemCaseSensitive(r, "group")->valuestring, group) &&
            !strcmp(cJSON_GetObjectItemCaseSensitive(r, "key")->valuestring, key))
            return r;
    }
    cr_assert_fail("no row %s/%s", group, key);
    return NULL;
}

static double num(const cJSON *r, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(r, k);
    cr_assert(cJSON_IsNumber(v), "%s is not a number", k);
    return v->valuedouble;
}

/* The nine counts of a row in output order. */
static void counts(const cJSON *r, const double want[9])
{
    static const char *const k[] = {"ended",        "people",       "to_work",
                                    "to_studies",   "own_business", "planned_end",
                                    "interruption", "no_reason",    "successful"};
    for (int i = 0; i < 9; i++)
        cr_assert_eq(num(r, k[i]), want[i], "%s: %g, want %g", k[i], num(r, k[i]), want[i]);
}

Test(outcomes, every_number_of_2018_by_hand)
{
    cJSON *j = outcomes("2018-01-01", "2018-12-31", false);
    const cJSON *t = row(j, "total", "all");
    counts(t, (double[]){6, 5, 1, 1, 1, 1, 1, 1, 3});
    cr_assert_eq(num(t, "share_successful"), 0.5);
    cr_assert_eq(num(t, "days_per_person"), 959.0 / 5.0);
    counts(row(j, "gender", "woman"), (double[]){3, 2, 1, 1, 0, 0, 1, 0, 2});
    cr_assert_eq(num(row(j, "gender", "woman"), "share_successful"), 2.0 / 3.0);
    cr_assert_eq(num(row(j, "gender", "woman"), "days_per_person"), 114.0);
    counts(row(j, "gender", "man"), (double[]){2, 2, 0, 0, 0, 1, 0, 1, 0});
    cr_assert_eq(num(row(j, "gender", "man"), "share_successful"), 0.0);
    cr_assert_eq(num(row(j, "gender", "man"), "days_per_person"), 187.5);
    counts(row(j, "gender", "other"), (double[]){1, 1, 0, 0, 1, 0, 0, 0, 1});
    /* Age at the decision: p1 28 twice, p2 57 (decided 2017), p3 23, p4 unknown, p5 38. */
    counts(row(j, "age_band", "25-29"), (double[]){2, 1, 1, 0, 0, 0, 1, 0, 1});
    counts(row(j, "age_band", "50-59"), (double[]){1, 1, 0, 0, 0, 1, 0, 0, 0});
    counts(row(j, "age_band", "under_25"), (double[]){1, 1, 0, 1, 0, 0, 0, 0, 1});
    counts(row(j, "age_band", "30-39"), (double[]){1, 1, 0, 0, 1, 0, 0, 0, 1});
    counts(row(j, "age_band", "unknown"), (double[]){1, 1, 0, 0, 0, 0, 0, 1, 0});
    counts(row(j, "swedish_level", "3"), (double[]){2, 1, 1, 0, 0, 0, 1, 0, 1});
    counts(row(j, "swedish_level", "unknown"), (double[]){1, 1, 0, 0, 0, 0, 0, 1, 0});
    counts(row(j, "education_level", "unknown"), (double[]){1, 1, 0, 1, 0, 0, 0, 0, 1});
    counts(row(j, "education_level", "4"), (double[]){1, 1, 0, 0, 0, 0, 0, 1, 0});
    counts(row(j, "department", "ALF"), (double[]){2, 2, 0, 1, 0, 0, 1, 0, 1});
    counts(row(j, "department", "UBF"), (double[]){4, 4, 1, 0, 1, 1, 0, 1, 2});
    cr_assert_eq(num(row(j, "department", "UBF"), "days_per_person"), 224.5);
    /* Rows: total, 3 genders, 5 age bands, 5 Swedish levels, 5 education levels, 2 departments. */
    cr_assert_eq(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(j, "rows")), 21);
    cr_assert_str_eq(cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(j, "rows"), 20)
                         ->child->next->valuestring,
                     "UBF");
    cJSON_Delete(j);
}

Test(outcomes, the_period_is_inclusive_and_may_be_empty)
{
    cJSON *j = outcomes("2019-01-31", "2019-01-31", false);
    counts(row(j, "total", "all"), (double[]){1, 1, 0, 0, 0, 0, 1, 0, 0});
    cJSON_Delete(j);
    j = outcomes("2016-01-01", "2016-12-31", false);
    counts(row(j, "total", "all"), (double[]){0, 0, 0, 0, 0, 0, 0, 0, 0});
    cr_assert_eq(num(row(j, "total", "all"), "share_successful"), 0.0);
    cr_assert_eq(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(j, "rows")), 1);
    cJSON_Delete(j);
}

Test(outcomes, steering_sees_no_count_from_one_to_four)
{
    cJSON *j = outcomes("2018-01-01", "2018-12-31", true);
    const cJSON *r, *v;
    cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(j, "rows"))
    {
        cJSON_ArrayForEach(v, r)
        {
            if (cJSON_IsNumber(v) && strcmp(v->string, "share_successful") &&
                strcmp(v->string, "days_per_person"))
                cr_assert(v->valuedouble == 0 || v->valuedouble >= 5, "%s = %g", v->string,
                          v->valuedouble);
        }
        /* Fewer than 10 behind every share and mean here: none shown. */
        cr_assert(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(r, "share_successful")));
        cr_assert(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(r, "days_per_person")));
    }
    cr_assert_eq(num(row(j, "total", "all"), "ended"), 6);
    cJSON_Delete(j);
}
