/*
 * test_http_lifecycle.c - the employment's life cycle over the API
 * (src/http/h_employments.c, src/store/lifecycle_repo.c): the decision,
 * start, extension, end and status as separate events, every date rule
 * with its message, nothing half-written, every change audited, a manager
 * confined to their department and to the status after the end, and the
 * follow-up worklist.
 */
#include "integration/http_harness.h"

TestSuite(http_lifecycle, .init = h_start, .fini = h_stop, .timeout = 120);

static const cJSON *get(const cJSON *o, const char *k)
{
    return cJSON_GetObjectItemCaseSensitive(o, k);
}

/* Expect status want and, when msg is given, the error text exactly. */
static void expect(const h_sess *s, const char *method, const char *path, const char *body,
                   int want, const char *field, const char *msg)
{
    h_resp r = h_as(s, method, path, body);
    cr_assert_eq(r.status, want, "%s %s %s: %d %s", method, path, body ? body : "", r.status,
                 r.body);
    if (field)
        cr_assert_str_eq(get(r.json, "field")->valuestring, field, "%s", r.body);
    if (msg)
        cr_assert_str_eq(get(r.json, "error")->valuestring, msg, "%s", r.body);
    h_resp_free(&r);
}

#define DECIDE_S5                                                                                  \
    "{\"seeker_id\":\"S5\",\"department_id\":\"UBF\",\"decision_date\":\"2018-10-01\","            \
    "\"start_date\":\"2018-10-15\",\"planned_end\":\"2019-10-14\"}"

Test(http_lifecycle, decision_start_extension_end_and_status_are_separate_events)
{
    h_sess org = h_login("org");
    h_resp r;

    expect(&org, "POST", "/api/employments", DECIDE_S5, 201, NULL, NULL);
    cr_assert_eq(h_count("SELECT id FROM employments WHERE seeker_id = 'S5'"), 1);
    /* One open employment per person. */
    expect(&org, "POST", "/api/employments",
           "{\"seeker_id\":\"S5\",\"department_id\":\"SBF\",\"decision_date\":\"2018-11-01\"}", 409,
           "seeker",
           "S5 already holds an open employment (1 at UBF, decided 2018-10-01); record its end "
           "first");
    /* The extension: a decision with a new planned end, no new hire. */
    expect(&org, "POST", "/api/employments/1/extensions",
           "{\"decision_date\":\"2019-09-20\",\"planned_end\":\"2020-10-14\"}", 201, NULL, NULL);
    cr_assert_eq(h_count("SELECT count(*) FROM employments"), 1);
    cr_assert_eq(h_count("SELECT count(*) FROM employment_extensions WHERE employment_id = 1"), 1);
    expect(&org, "POST", "/api/employments/1/extensions", "{\"decision_date\":\"2018-09-20\"}", 400,
           "decision_date", "an extension must be decided after the latest one (2019-09-20)");
    /* The end with its reason. */
    expect(&org, "PUT", "/api/employments/1",
           "{\"end_date\":\"2020-03-31\",\"end_reason\":\"to_work\"}", 200, NULL, NULL);
    r = h_as(&org, "GET", "/api/employments/1", NULL);
    cr_assert_eq(r.status, 200);
    cr_assert_str_eq(get(r.json, "end_class")->valuestring, "positive");
    cr_assert_str_eq(get(r.json, "planned_end")->valuestring, "2019-10-14");
    cr_assert_eq(cJSON_GetArraySize(get(r.json, "extensions")), 1);
    h_resp_free(&r);
    expect(&org, "PUT", "/api/employments/1", "{\"status_90\":\"subsidised_work\"}", 200, NULL,
           NULL);
    cr_assert_eq(h_count("SELECT count(*) FROM audit_log WHERE entity = 'employment' AND "
                         "entity_id = '1' AND action IN ('create', 'extend', 'update')"),
                 4);
}

Test(http_lifecycle, every_date_rule_has_its_message_and_writes_nothing)
{
    h_sess org = h_login("org");

    expect(&org, "POST", "/api/employments",
           "{\"seeker_id\":\"S5\",\"department_id\":\"UBF\",\"decision_date\":\"2018-10-01\","
           "\"start_date\":\"2018-09-30\"}",
           400, "start_date", "2018-09-30 is before the decision date 2018-10-01");
    expect(&org, "POST", "/api/employments",
           "{\"seeker_id\":\"S5\",\"department_id\":\"UBF\",\"decision_date\":\"2018-02-30\"}", 400,
           "decision_date", "must be a date YYYY-MM-DD");
    cr_assert_eq(h_count("SELECT count(*) FROM employments"), 0);
    expect(&org, "POST", "/api/employments", DECIDE_S5, 201, NULL, NULL);
    expect(&org, "PUT", "/api/employments/1",
           "{\"end_date\":\"2018-10-14\",\"end_reason\":\"illness\"}", 400, "end_date",
           "2018-10-14 is before start_date 2018-10-15");
    expect(&org, "PUT", "/api/employments/1", "{\"end_date\":\"2019-01-31\"}", 400, "end_reason",
           NULL);
    expect(&org, "PUT", "/api/employments/1", "{\"end_reason\":\"moved\"}", 400, "end_reason",
           "needs an end_date");
    expect(&org, "PUT", "/api/employments/1", "{\"status_90\":\"work\"}", 400, "status_90",
           "the employment has not ended (no end_date)");
    /* The end is fine, its status 90 is too early: the request writes neither. */
    expect(&org, "PUT", "/api/employments/1",
           "{\"end_date\":\"2099-01-01\",\"end_reason\":\"completed\",\"status_90\":\"work\"}", 400,
           "status_90", NULL);
    expect(&org, "PUT", "/api/employments/1", "{\"end_reason\":\"nope\"}", 400, "end_reason", NULL);
    expect(&org, "PUT", "/api/employments/1", "{\"decision_date\":\"2018-10-02\"}", 400,
           "decision_date", "not a field of an employment one can change");
    cr_assert_eq(h_count("SELECT count(*) FROM employments WHERE end_date IS NULL AND "
                         "end_reason IS NULL AND status_90 IS NULL"),
                 1);
    cr_assert_eq(h_count("SELECT count(*) FROM audit_log WHERE entity = 'employment' AND "
                         "action = 'update'"),
                 0);
    expect(&org, "POST", "/api/employments/1/follow_ups",
           "{\"milestone\":\"status_90\",\"date\":\"2019-01-01\"}", 400, "status", NULL);
    expect(&org, "POST", "/api/employments/1/follow_ups", "{\"milestone\":\"2m\"}", 400,
           "milestone", NULL);
}

Test(http_lifecycle, a_manager_records_for_their_department_and_only_status_after_the_end)
{
    h_sess org = h_login("org"), a = h_login("mgr_a"), b = h_login("mgr_b");
    h_resp r;

    /* mgr_a is UBF's, mgr_b SBF's. */
    expect(&a, "POST", "/api/employments",
           "{\"seeker_id\":\"S6\",\"department_id\":\"SBF\",\"decision_date\":\"2018-10-01\"}", 404,
           NULL, NULL);
    expect(&b, "POST", "/api/employments",
           "{\"seeker_id\":\"S6\",\"department_id\":\"SBF\",\"decision_date\":\"2018-10-01\"}", 201,
           NULL, NULL);
    expect(&a, "POST", "/api/employments", DECIDE_S5, 201, NULL, NULL);
    expect(&a, "GET", "/api/employments/1", NULL, 404, NULL, NULL);
    expect(&a, "PUT", "/api/employments/1", "{\"start_date\":\"2018-10-02\"}", 404, NULL, NULL);
    expect(&a, "POST", "/api/employments/1/extensions", "{\"decision_date\":\"2019-01-01\"}", 404,
           NULL, NULL);
    expect(&a, "POST", "/api/employments/1/follow_ups", "{\"milestone\":\"3m\"}", 404, NULL, NULL);
    r = h_as(&a, "GET", "/api/employments", NULL);
    cr_assert_eq(cJSON_GetArraySize(get(r.json, "items")), 1);
    cr_assert_str_eq(get(cJSON_GetArrayItem(get(r.json, "items"), 0), "seeker_id")->valuestring,
                     "S5");
    h_resp_free(&r);
    r = h_as(&org, "GET", "/api/employments", NULL);
    cr_assert_eq(cJSON_GetArraySize(get(r.json, "items")), 2);
    h_resp_free(&r);
    /* After the end a manager records the status, nothing else. */
    expect(&a, "PUT", "/api/employments/2",
           "{\"end_date\":\"2019-03-31\",\"end_reason\":\"to_studies\"}", 200, NULL, NULL);
    expect(&a, "PUT", "/api/employments/2", "{\"end_reason\":\"to_work\"}", 409, "end_date",
           "the employment ended 2019-03-31; a manager records only its status (status_90, "
           "status_180, status_365)");
    expect(&a, "POST", "/api/employments/2/extensions", "{\"decision_date\":\"2019-06-01\"}", 409,
           "decision_date", NULL);
    expect(&a, "PUT", "/api/employments/2", "{\"status_90\":\"studies\"}", 200, NULL, NULL);
    /* ... and sees the status, not why it ended; the organiser sees both. */
    r = h_as(&a, "GET", "/api/employments/2", NULL);
    cr_assert(cJSON_IsNull(get(r.json, "end_reason")), "%s", r.body);
    cr_assert(cJSON_IsNull(get(r.json, "end_class")), "%s", r.body);
    cr_assert_str_eq(get(r.json, "status_90")->valuestring, "studies");
    h_resp_free(&r);
    r = h_as(&org, "GET", "/api/employments/2", NULL);
    cr_assert_str_eq(get(r.json, "end_reason")->valuestring, "to_studies");
    h_resp_free(&r);
    expect(&org, "PUT", "/api/employments/2", "{\"end_reason\":\"to_work\"}", 200, NULL, NULL);
    cr_assert_eq(h_count("SELECT count(*) FROM audit_log WHERE entity = 'employment' AND "
                         "actor = 'mgr_a'"),
                 3);
}

Test(http_lifecycle, a_recorded_follow_up_leaves_the_worklist)
{
    h_sess org = h_login("org");
    h_resp r;

    expect(&org, "POST", "/api/employments", DECIDE_S5, 201, NULL, NULL);
    r = h_as(&org, "GET", "/api/followup?date=2019-02-01", NULL);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert_eq(cJSON_GetArraySize(get(r.json, "items")), 1, "%s", r.body);
    cr_assert_str_eq(get(cJSON_GetArrayItem(get(r.json, "items"), 0), "item")->valuestring,
                     "follow_up_3m");
    cr_assert_str_eq(get(cJSON_GetArrayItem(get(r.json, "items"), 0), "seeker_name")->valuestring,
                     "Eva Ek");
    h_resp_free(&r);
    expect(&org, "POST", "/api/employments/1/follow_ups",
           "{\"milestone\":\"3m\",\"date\":\"2019-01-20\",\"status\":\"employed\","
           "\"note\":\"trivs\"}",
           201, NULL, NULL);
    expect(&org, "POST", "/api/employments/1/follow_ups",
           "{\"milestone\":\"3m\",\"date\":\"2019-01-21\"}", 409, "milestone",
           "the 3m follow-up is recorded already");
    r = h_as(&org, "GET", "/api/followup?date=2019-02-01", NULL);
    cr_assert_eq(cJSON_GetArraySize(get(r.json, "items")), 0, "%s", r.body);
    h_resp_free(&r);
    r = h_as(&org, "GET", "/api/employments/1", NULL);
    cr_assert_str_eq(get(cJSON_GetArrayItem(get(r.json, "follow_ups"), 0), "by")->valuestring,
                     "org");
    h_resp_free(&r);
    expect(&org, "GET", "/api/followup?date=2019-13-01", NULL, 400, "date", NULL);
}

Test(http_lifecycle, an_accepted_offer_waits_for_the_agencys_decision)
{
    h_sess org = h_login("org");
    expect(&org, "PUT", "/api/interviews/1/outcome", "{\"outcome\":\"offer\"}", 200, NULL, NULL);
    expect(&org, "PUT", "/api/interviews/1/answer", "{\"answer\":\"accepted\"}", 200, NULL, NULL);
    cr_assert_eq(h_count("SELECT count(*) FROM employments"), 0);
    /* The decision cannot precede the yes. */
    expect(&org, "POST", "/api/employments",
           "{\"seeker_id\":\"S1\",\"department_id\":\"UBF\",\"interview_id\":1,"
           "\"decision_date\":\"2018-01-01\"}",
           400, "decision_date", NULL);
    expect(&org, "POST", "/api/employments",
           "{\"seeker_id\":\"S2\",\"department_id\":\"UBF\",\"interview_id\":1,"
           "\"decision_date\":\"2099-01-01\"}",
           400, "interview_id", NULL);
    expect(&org, "POST", "/api/employments",
           "{\"seeker_id\":\"S1\",\"department_id\":\"UBF\",\"interview_id\":1,"
           "\"decision_date\":\"2099-01-01\"}",
           201, NULL, NULL);
    cr_assert_eq(h_count("SELECT count(*) FROM employments WHERE interview_id = 1 AND "
                         "position_id = 'PA1' AND accepted_date <= decision_date"),
                 1);
}
