/*
 * test_http_planning.c - the rules that keep a fair's record trustworthy
 * (issue 16): answers and hires checked against the fair's date, today and
 * the seeker's open employments; a change of a fair's day refused when it
 * would orphan held or scheduled interviews; stable error codes.
 */
#include "integration/http_harness.h"

TestSuite(http_planning, .init = h_start, .fini = h_stop, .timeout = 120);

static const cJSON *get(const cJSON *o, const char *k)
{
    return cJSON_GetObjectItemCaseSensitive(o, k);
}

static void exec_sql(const char *sql)
{
    sqlite3 *db = NULL;
    char *msg = NULL;
    cr_assert_eq(sqlite3_open(h_db, &db), SQLITE_OK);
    cr_assert_eq(sqlite3_exec(db, sql, NULL, NULL, &msg), SQLITE_OK, "%s", msg);
    sqlite3_close(db);
}

static void offer(const h_sess *s, int id)
{
    char path[64];
    snprintf(path, sizeof path, "/api/interviews/%d/outcome", id);
    cr_assert_eq(h_status(s, "PUT", path, "{\"outcome\":\"offer\"}"), 200);
}

static void assert_refused(h_resp *r, int status, const char *field, const char *code)
{
    cr_assert_eq(r->status, status, "%s", r->body);
    if (field)
        cr_assert_str_eq(get(r->json, "field")->valuestring, field, "%s", r->body);
    cr_assert_str_eq(get(r->json, "code")->valuestring, code, "%s", r->body);
    cr_assert(cJSON_IsString(get(r->json, "error")));
    h_resp_free(r);
}

Test(http_planning, a_backdated_decision_is_refused_and_makes_no_hire)
{
    h_sess org = h_login("org");
    offer(&org, 1);
    /* F1 is on 2018-11-14: 2017-01-02 lies in a month long closed. */
    h_resp r = h_as(&org, "PUT", "/api/interviews/1/answer",
                    "{\"answer\":\"accepted\",\"decision_date\":\"2017-01-02\"}");
    assert_refused(&r, 400, "decision_date", "decision_date_before_fair");
    cr_assert_eq(h_count("SELECT count(*) FROM employments"), 0);
    cr_assert_eq(h_count("SELECT count(*) FROM interviews WHERE answer IS NOT NULL"), 0);
    /* The fair's own day is fine. */
    cr_assert_eq(h_status(&org, "PUT", "/api/interviews/1/answer",
                          "{\"answer\":\"accepted\",\"decision_date\":\"2018-11-14\"}"),
                 200);
}

Test(http_planning, a_decision_after_today_is_refused)
{
    h_sess org = h_login("org");
    offer(&org, 1);
    h_resp r = h_as(&org, "PUT", "/api/interviews/1/answer",
                    "{\"answer\":\"declined\",\"decision_date\":\"2999-01-01\"}");
    assert_refused(&r, 400, "decision_date", "decision_date_future");
    cr_assert_eq(h_count("SELECT count(*) FROM interviews WHERE answer IS NOT NULL"), 0);
}

Test(http_planning, a_start_before_the_decision_is_refused)
{
    h_sess org = h_login("org");
    offer(&org, 1);
    h_resp r = h_as(&org, "PUT", "/api/interviews/1/answer",
                    "{\"answer\":\"accepted\",\"decision_date\":\"2018-11-20\","
                    "\"start_date\":\"2018-11-19\"}");
    assert_refused(&r, 400, "start_date", "start_before_decision");
    cr_assert_eq(h_count("SELECT count(*) FROM employments"), 0);
    cr_assert_eq(h_status(&org, "PUT", "/api/interviews/1/answer",
                          "{\"answer\":\"accepted\",\"decision_date\":\"2018-11-20\","
                          "\"start_date\":\"2018-11-20\"}"),
                 200);
}

Test(http_planning, a_second_open_employment_is_refused)
{
    h_sess org = h_login("org");
    /* S3 has interview 3 at SBF; give S3 one at UBF too, and offers from both. */
    exec_sql("INSERT INTO interviews(id, fair_id, seeker_id, position_id, period, table_no)"
             " VALUES (9, 'F1', 'S3', 'PA1', 2, 1)");
    offer(&org, 3);
    offer(&org, 9);
    cr_assert_eq(h_status(&org, "PUT", "/api/interviews/3/answer",
                          "{\"answer\":\"accepted\",\"decision_date\":\"2018-11-15\"}"),
                 200);
    h_resp r = h_as(&org, "PUT", "/api/interviews/9/answer",
                    "{\"answer\":\"accepted\",\"decision_date\":\"2018-11-15\"}");
    assert_refused(&r, 409, "answer", "seeker_employed");
    cr_assert_eq(h_count("SELECT count(*) FROM employments WHERE seeker_id = 'S3'"), 1);
    cr_assert_eq(h_count("SELECT count(*) FROM interviews WHERE id = 9 AND answer IS NULL"), 1);
    /* Once that job has ended before the decision, a new one may start. */
    exec_sql("UPDATE employments SET end_date = '2018-11-16' WHERE seeker_id = 'S3'");
    cr_assert_eq(h_status(&org, "PUT", "/api/interviews/9/answer",
                          "{\"answer\":\"accepted\",\"decision_date\":\"2018-11-17\"}"),
                 200);
}

Test(http_planning, a_fair_cannot_shrink_under_its_held_interviews)
{
    h_sess org = h_login("org");
    offer(&org, 2); /* interview 2 is held, in period 1 */
    h_resp r = h_as(&org, "PUT", "/api/fairs/F1", "{\"periods\":1}");
    cr_assert_eq(r.status, 409, "%s", r.body);
    cr_assert_str_eq(get(r.json, "code")->valuestring, "fair_would_orphan");
    const cJSON *orphans = get(r.json, "orphans");
    /* Interviews 2 (held) and 4 (scheduled) are in period 1. */
    cr_assert_eq(cJSON_GetArraySize(orphans), 2, "%s", r.body);
    cr_assert_eq(get(cJSON_GetArrayItem(orphans, 0), "id")->valueint, 2);
    cr_assert(cJSON_IsTrue(get(cJSON_GetArrayItem(orphans, 0), "held")));
    cr_assert_str_eq(get(cJSON_GetArrayItem(orphans, 0), "why")->valuestring, "period");
    h_resp_free(&r);
    cr_assert_eq(h_count("SELECT periods FROM fairs WHERE id = 'F1'"), 8);

    /* A held interview's date and time cannot be rewritten. */
    r = h_as(&org, "PUT", "/api/fairs/F1", "{\"start\":\"10:00\"}");
    cr_assert_eq(r.status, 409, "%s", r.body);
    cr_assert_str_eq(get(cJSON_GetArrayItem(get(r.json, "orphans"), 0), "why")->valuestring,
                     "time");
    h_resp_free(&r);
    cr_assert_eq(h_count("SELECT count(*) FROM fairs WHERE id = 'F1' AND start = '09:00'"), 1);

    /* Growing the day, or a new name, is fine. */
    cr_assert_eq(h_status(&org, "PUT", "/api/fairs/F1", "{\"periods\":10,\"name\":\"Ny\"}"), 200);
    cr_assert_eq(h_status(&org, "PUT", "/api/fairs/F1", "{\"periods\":2}"), 200);
}

Test(http_planning, scheduled_interviews_keep_their_tables)
{
    h_sess org = h_login("org");
    exec_sql("UPDATE interviews SET table_no = 2 WHERE id = 2"); /* UBF staffs 2 tables */
    h_resp r =
        h_as(&org, "PUT", "/api/fairs/F1",
             "{\"departments\":[{\"id\":\"UBF\",\"tables\":1},{\"id\":\"SBF\",\"tables\":1}]}");
    cr_assert_eq(r.status, 409, "%s", r.body);
    cr_assert_str_eq(get(cJSON_GetArrayItem(get(r.json, "orphans"), 0), "why")->valuestring,
                     "table");
    h_resp_free(&r);
    cr_assert_eq(h_count("SELECT count(*) FROM fair_departments WHERE fair_id = 'F1'"), 0);
}

Test(http_planning, a_department_keeps_the_tables_its_interviews_use)
{
    h_sess org = h_login("org");
    exec_sql("UPDATE interviews SET table_no = 2 WHERE id = 2"); /* UBF staffs 2 tables */
    h_resp r = h_as(&org, "PUT", "/api/departments/UBF", "{\"tables\":1}");
    assert_refused(&r, 409, "tables", "department_would_orphan");
    cr_assert_eq(h_count("SELECT tables FROM departments WHERE id = 'UBF'"), 2);
    cr_assert_eq(h_status(&org, "PUT", "/api/departments/UBF", "{\"tables\":3}"), 200);
    cr_assert_eq(h_status(&org, "PUT", "/api/departments/SBF", "{\"tables\":1}"), 200);
}

Test(http_planning, errors_carry_a_stable_code)
{
    h_sess org = h_login("org");
    h_resp r = h_as(&org, "GET", "/api/fairs/NOPE/schedule", NULL);
    cr_assert_eq(r.status, 404);
    cr_assert(cJSON_IsString(get(r.json, "error")));
    cr_assert_str_eq(get(r.json, "code")->valuestring, "not_found", "%s", r.body);
    h_resp_free(&r);
    r = h_as(&org, "GET", "/api/fairs/F1/nope", NULL);
    cr_assert_eq(r.status, 404);
    h_resp_free(&r);
}

/* ---- the invitation builder ---- */

static const cJSON *item_of(const cJSON *items, const char *seeker)
{
    const cJSON *it;
    cJSON_ArrayForEach(it, items)
    {
        if (!strcmp(get(it, "seeker_id")->valuestring, seeker))
            return it;
    }
    return NULL;
}

Test(http_planning, suggestions_leave_out_the_invited_and_the_employed)
{
    h_sess org = h_login("org");
    exec_sql("INSERT INTO employments(seeker_id, department_id, decision_date)"
             " VALUES ('S2', 'UBF', '2018-06-01')");
    h_resp r = h_as(&org, "GET", "/api/fairs/F2/invite-suggestions", NULL);
    cr_assert_eq(r.status, 200, "%s", r.body);
    const cJSON *items = get(r.json, "items");
    cr_assert_null(item_of(items, "S7"), "S7 is invited already");
    cr_assert_null(item_of(items, "S2"), "S2 is in an extra job");
    cr_assert_not_null(item_of(items, "S6"), "%s", r.body);
    cr_assert_eq(get(get(r.json, "basis"), "places")->valueint, 1);
    cr_assert_eq(get(get(r.json, "basis"), "per_place")->valueint, 2);
    cr_assert_eq(get(r.json, "count")->valueint, get(get(r.json, "chosen"), "woman")->valueint +
                                                     get(get(r.json, "chosen"), "man")->valueint +
                                                     get(get(r.json, "chosen"), "other")->valueint);
    cr_assert_eq(get(cJSON_GetArrayItem(get(r.json, "positions"), 0), "invited_eligible")->valueint,
                 0, "%s", r.body);
    h_resp_free(&r);

    /* Asked for, the employed are listed, flagged and never proposed. */
    r = h_as(&org, "GET", "/api/fairs/F2/invite-suggestions?employed=1&count=8", NULL);
    cr_assert_eq(r.status, 200, "%s", r.body);
    const cJSON *s2 = item_of(get(r.json, "items"), "S2");
    cr_assert_not_null(s2);
    cr_assert(cJSON_IsTrue(get(s2, "employed")));
    cr_assert(cJSON_IsFalse(get(s2, "proposed")));
    h_resp_free(&r);
    cr_assert_eq(h_status(&org, "GET", "/api/fairs/F2/invite-suggestions?history=maybe", NULL),
                 400);
    cr_assert_eq(h_status(&org, "GET", "/api/fairs/F2/invite-suggestions?ssyk=53x", NULL), 400);
    cr_assert_eq(h_status(&org, "GET", "/api/fairs/NOPE/invite-suggestions", NULL), 404);
    h_sess mgr = h_login("mgr_a");
    cr_assert_eq(h_status(&mgr, "GET", "/api/fairs/F1/invite-suggestions", NULL), 403);
}

Test(http_planning, inviting_someone_in_a_job_needs_a_confirmation)
{
    h_sess org = h_login("org");
    exec_sql("INSERT INTO employments(seeker_id, department_id, decision_date)"
             " VALUES ('S2', 'UBF', '2018-06-01')");
    h_resp r = h_as(&org, "POST", "/api/fairs/F2/invitations", "{\"seeker_ids\":[\"S1\",\"S2\"]}");
    cr_assert_eq(r.status, 409, "%s", r.body);
    cr_assert_str_eq(get(r.json, "code")->valuestring, "invite_employed");
    cr_assert_eq(cJSON_GetArraySize(get(r.json, "employed")), 1);
    cr_assert_str_eq(cJSON_GetArrayItem(get(r.json, "employed"), 0)->valuestring, "S2");
    h_resp_free(&r);
    cr_assert_eq(h_count("SELECT count(*) FROM invitations WHERE fair_id = 'F2'"), 1);
    cr_assert_eq(h_status(&org, "POST", "/api/fairs/F2/invitations",
                          "{\"seeker_ids\":[\"S1\",\"S2\"],\"confirm_employed\":true}"),
                 200);
    cr_assert_eq(h_count("SELECT count(*) FROM invitations WHERE fair_id = 'F2'"), 3);
}

Test(http_planning, uninviting_in_bulk_is_audited_and_spares_the_interviewed)
{
    h_sess org = h_login("org");
    h_resp r = h_as(&org, "POST", "/api/fairs/F1/uninvite", "{\"seeker_ids\":[\"S5\",\"S2\"]}");
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert_eq(get(r.json, "removed")->valueint, 2);
    cr_assert_eq(get(r.json, "interviews_removed")->valueint, 1); /* S2's unheld interview 2 */
    h_resp_free(&r);
    cr_assert_eq(h_count("SELECT count(*) FROM invitations WHERE fair_id = 'F1' AND"
                         " seeker_id IN ('S2', 'S5')"),
                 0);
    cr_assert_eq(h_count("SELECT count(*) FROM audit_log WHERE action = 'delete' AND"
                         " entity = 'invitation' AND actor = 'org'"),
                 2);

    offer(&org, 1);
    r = h_as(&org, "POST", "/api/fairs/F1/uninvite", "{\"seeker_ids\":[\"S6\",\"S1\"]}");
    assert_refused(&r, 409, "seeker_ids[1]", "uninvite_interviewed");
    cr_assert_eq(h_count("SELECT count(*) FROM invitations WHERE fair_id = 'F1' AND"
                         " seeker_id = 'S6'"),
                 1, "all or nothing");
    cr_assert_eq(h_status(&org, "POST", "/api/fairs/F1/uninvite", "{\"seeker_ids\":[\"S7\"]}"),
                 404);
    h_sess mgr = h_login("mgr_a");
    cr_assert_eq(h_status(&mgr, "POST", "/api/fairs/F1/uninvite", "{\"seeker_ids\":[\"S6\"]}"),
                 403);
}

/* ---- no one unexplained ---- */

Test(http_planning, invited_without_interview_are_listed_with_a_reason)
{
    h_sess org = h_login("org");
    h_resp r = h_as(&org, "GET", "/api/fairs/F1/left-out", NULL);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert(cJSON_IsFalse(get(r.json, "matched")));
    cr_assert_eq(cJSON_GetArraySize(get(r.json, "items")), 2); /* S5, S6 */
    h_resp_free(&r);

    /* S7 (interest 9999) is eligible for nothing at F1. */
    cr_assert_eq(h_status(&org, "POST", "/api/fairs/F1/invitations", "{\"seeker_ids\":[\"S7\"]}"),
                 200);
    r = h_as(&org, "POST", "/api/fairs/F1/match", "{\"time_limit_seconds\":10}");
    cr_assert_eq(r.status, 200, "%s", r.body);
    h_resp_free(&r);
    r = h_as(&org, "GET", "/api/fairs/F1/left-out", NULL);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert(cJSON_IsTrue(get(r.json, "matched")));
    const cJSON *s7 = item_of(get(r.json, "items"), "S7");
    cr_assert_not_null(s7, "%s", r.body);
    cr_assert_str_eq(get(s7, "reason_code")->valuestring, "not_eligible");
    cr_assert_not_null(strstr(get(s7, "reason")->valuestring, "not eligible"));
    const cJSON *it;
    cJSON_ArrayForEach(it, get(r.json, "items"))
    {
        cr_assert(cJSON_IsString(get(it, "reason")), "%s", r.body);
        cr_assert_str_neq(get(it, "reason_code")->valuestring, "not_matched");
    }
    cr_assert_eq(cJSON_GetArraySize(get(r.json, "items")),
                 h_count("SELECT count(*) FROM invitations v WHERE fair_id = 'F1' AND NOT EXISTS"
                         " (SELECT 1 FROM interviews i WHERE i.fair_id = 'F1' AND"
                         " i.seeker_id = v.seeker_id)"));
    h_resp_free(&r);

    r = h_as(&org, "GET", "/api/fairs/F1/left-out?format=csv", NULL);
    cr_assert_eq(r.status, 200);
    cr_assert_not_null(strstr(r.body, "seeker_id,attendance,reason_code,reason\r\n"));
    cr_assert_not_null(strstr(r.body, "\r\nS7,invited,not_eligible,"));
    h_resp_free(&r);
}
