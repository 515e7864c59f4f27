/*
 * test_employment.c - the pure rules of src/core/employment.c: the life
 * cycle's date rules with their messages, the status codes, the end
 * reason's class and the kind column's words.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "fairmatch/employment.h"

static fm_employment base(void)
{
    fm_employment e = {0};
    e.seeker_id = (char *)"S1";
    e.department_id = (char *)"UBF";
    e.accepted_date = (char *)"2018-02-20";
    e.decision_date = (char *)"2018-03-01";
    e.start_date = (char *)"2018-03-15";
    return e;
}

static void refused(const fm_employment *e, const char *today, const char *want)
{
    fm_err err = {0};
    cr_assert_eq(fm_employment_check_dates(e, today, &err), FM_EINVAL);
    cr_assert_str_eq(err.msg, want);
}

Test(employment, every_date_rule_of_the_life_cycle)
{
    fm_employment e = base();
    fm_err err = {0};
    cr_assert_eq(fm_employment_check_dates(&e, "2018-04-01", &err), FM_OK, "%s", err.msg);
    e.accepted_date = (char *)"2018-03-02";
    refused(&e, NULL, "decision_date: 2018-03-01 is before the offer accepted on 2018-03-02");
    e = base();
    e.start_date = (char *)"2018-02-28";
    refused(&e, NULL, "start_date: 2018-02-28 is before the decision date 2018-03-01");
    e = base();
    e.planned_end = (char *)"2018-03-14";
    refused(&e, NULL, "planned_end: 2018-03-14 is before the start date 2018-03-15");
    e = base();
    e.end_date = (char *)"2019-03-14";
    refused(&e, NULL,
            "end_reason: an end needs a reason (to_work, to_studies, own_business, completed or "
            "an interruption code)");
    e.end_reason = (char *)"to_work";
    e.status_90 = (char *)"work";
    refused(&e, "2019-06-11",
            "status_90: can be recorded from 2019-06-12 (90 days after the end 2019-03-14), not "
            "on 2019-06-11");
    cr_assert_eq(fm_employment_check_dates(&e, "2019-06-12", &err), FM_OK, "%s", err.msg);
    e.status_180 = (char *)"studies";
    refused(&e, "2019-09-09",
            "status_180: can be recorded from 2019-09-10 (180 days after the end 2019-03-14), not "
            "on 2019-09-09");
    e = base();
    e.end_reason = (char *)"moved";
    refused(&e, NULL, "end_reason: needs an end_date");
    e = base();
    e.status_365 = (char *)"work";
    refused(&e, NULL, "status_365: the employment has not ended (no end_date)");
}

Test(employment, status_codes_include_subsidised_work_and_other_programme)
{
    cr_assert(fm_status_valid("subsidised_work"));
    cr_assert(fm_status_valid("other_programme"));
    cr_assert(fm_status_90_valid("unknown"));
    cr_assert_not(fm_status_valid("employed"));
    cr_assert_str_eq(fm_status_90_codes(),
                     "work, subsidised_work, studies, other_programme, unemployed, other, unknown");
}

Test(employment, end_reasons_fall_in_three_classes)
{
    cr_assert_str_eq(fm_end_reason_class_name("to_work"), "positive");
    cr_assert_str_eq(fm_end_reason_class_name("to_studies"), "positive");
    cr_assert_str_eq(fm_end_reason_class_name("own_business"), "positive");
    cr_assert_str_eq(fm_end_reason_class_name("completed"), "planned");
    cr_assert_str_eq(fm_end_reason_class_name("illness"), "interruption");
    cr_assert_str_eq(fm_end_reason_class_name("other"), "interruption");
    cr_assert_null(fm_end_reason_class_name(NULL));
    cr_assert_null(fm_end_reason_class_name("nope"));
    cr_assert_eq(fm_end_reason_class("own_business"), FM_END_OWN_BUSINESS);
    cr_assert_eq(fm_end_reason_class("prison_service"), FM_END_INTERRUPTION);
}

Test(employment, kind_words_in_english_and_swedish_any_case)
{
    bool ext = true;
    cr_assert(fm_employment_kind_parse("new", &ext) && !ext);
    cr_assert(fm_employment_kind_parse("NY", &ext) && !ext);
    cr_assert(fm_employment_kind_parse("Extension", &ext) && ext);
    ext = false;
    cr_assert(fm_employment_kind_parse("förlängning", &ext) && ext);
    ext = false;
    cr_assert(fm_employment_kind_parse("FÖRLÄNGNING", &ext) && ext);
    cr_assert_not(fm_employment_kind_parse("forlangning", &ext));
    cr_assert_not(fm_employment_kind_parse("", &ext));
}
