/*
 * test_followup.c - the follow-up worklist rendered for people
 * (src/report/followup.c, through fairmatch/followup.h): the aligned table
 * (widths in characters, not bytes), Swedish Excel CSV with its formula
 * guard and quoting, the API's JSON, an empty list and an unknown format.
 */
#include <criterion/criterion.h>
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/followup.h"

/* Two items; the strings are the caller's, so literals cast for the record's char *. */
static const fm_work_item items[] = {
    {(char *)"2026-03-01", (char *)"S1", (char *)"Åsa Öberg", (char *)"UBF", 12,
     (char *)"follow_up_3m", (char *)"Ask how it goes"},
    {(char *)"2026-03-15", (char *)"S22", NULL, (char *)"A", 7, (char *)"two_open",
     (char *)"=HYPERLINK(\"x\"); end one"},
};

static char *render(size_t n, const char *format)
{
    char *out = NULL;
    size_t len = 0;
    fm_err err = {0};
    cr_assert_eq(fm_followup_render(items, n, "2026-04-01", format, &out, &len, &err), FM_OK, "%s",
                 err.msg);
    cr_assert_eq(strlen(out), len);
    return out;
}

Test(followup, table_aligns_columns_by_characters_and_counts_the_lines)
{
    /* "Åsa Öberg" is 9 characters in 11 bytes: the name column is 9 + 2 wide. */
    char *t = render(2, "table");
    cr_assert_str_eq(t, "due         seeker  name       department  employment  item          "
                        "action\n"
                        "2026-03-01  S1      Åsa Öberg  UBF         12          follow_up_3m  "
                        "Ask how it goes\n"
                        "2026-03-15  S22                A           7           two_open      "
                        "=HYPERLINK(\"x\"); end one\n"
                        "2 to follow up on 2026-04-01\n");
    free(t);
}

Test(followup, an_empty_list_says_so)
{
    char *t = render(0, "table");
    cr_assert_str_eq(t, "nothing to follow up on 2026-04-01\n");
    free(t);
    t = render(0, "csv");
    cr_assert_str_eq(t, "\xef\xbb\xbf"
                        "due;seeker;name;department;employment;item;action\r\n");
    free(t);
}

Test(followup, csv_guards_formulas_and_quotes_separators)
{
    char *t = render(2, "csv");
    cr_assert_str_eq(t, "\xef\xbb\xbf"
                        "due;seeker;name;department;employment;item;action\r\n"
                        "2026-03-01;S1;Åsa Öberg;UBF;12;follow_up_3m;Ask how it goes\r\n"
                        "2026-03-15;S22;;A;7;two_open;\"'=HYPERLINK(\"\"x\"\"); end one\"\r\n");
    free(t);
}

Test(followup, json_has_the_date_and_every_item_with_null_for_no_name)
{
    char *t = render(2, "json");
    cJSON *v = cJSON_Parse(t), *list, *b;
    cr_assert_not_null(v, "%s", t);
    cr_assert_str_eq(cJSON_GetObjectItemCaseSensitive(v, "date")->valuestring, "2026-04-01");
    list = cJSON_GetObjectItemCaseSensitive(v, "items");
    cr_assert_eq(cJSON_GetArraySize(list), 2);
    b = cJSON_GetArrayItem(list, 1);
    cr_assert_str_eq(cJSON_GetObjectItemCaseSensitive(b, "seeker_id")->valuestring, "S22");
    cr_assert(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(b, "seeker_name")));
    cr_assert_eq(cJSON_GetObjectItemCaseSensitive(b, "employment_id")->valuedouble, 7.0);
    cr_assert_str_eq(cJSON_GetObjectItemCaseSensitive(b, "action")->valuestring,
                     "=HYPERLINK(\"x\"); end one", "JSON keeps the text as it is");
    cr_assert_str_eq(
        cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(list, 0), "seeker_name")->valuestring,
        "Åsa Öberg");
    cJSON_Delete(v);
    free(t);
}

Test(followup, refuses_an_unknown_format)
{
    char *out = (char *)"untouched";
    size_t len = 5;
    fm_err err = {0};
    cr_assert_eq(fm_followup_render(items, 2, "2026-04-01", "xlsx", &out, &len, &err), FM_EINVAL);
    cr_assert_str_eq(err.msg, "format: \"xlsx\" is not table, csv or json");
    cr_assert_null(out);
    cr_assert_eq(len, 0);
}
