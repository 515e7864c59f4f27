/*
 * test_http_api.c - every endpoint of docs/api.md against a real server on
 * loopback with a seeded temporary database, as the organiser: answers,
 * status codes, and what each call wrote (rows, audit).
 */
#include "integration/http_harness.h"

TestSuite(http_api, .init = h_start, .fini = h_stop, .timeout = 120);

static const cJSON *get(const cJSON *o, const char *k)
{
    return cJSON_GetObjectItemCaseSensitive(o, k);
}

static h_sess org;

static void login_org(void)
{
    org = h_login("org");
}

Test(http_api, departments_list_get_create_edit)
{
    login_org();
    h_resp r = h_as(&org, "GET", "/api/departments", NULL);
    cr_assert_eq(r.status, 200);
    cr_assert_eq(cJSON_GetArraySize(get(r.json, "items")), 3);
    cr_assert_str_eq(get(cJSON_GetArrayItem(get(r.json, "items"), 0), "id")->valuestring, "KSF");
    h_resp_free(&r);

    r = h_as(&org, "GET", "/api/departments/UBF", NULL);
    cr_assert_eq(r.status, 200);
    cr_assert_eq(get(r.json, "employees")->valueint, 5200);
    cr_assert_eq(get(r.json, "tables")->valueint, 2);
    h_resp_free(&r);
    cr_assert_eq(h_status(&org, "GET", "/api/departments/NOPE", NULL), 404);

    r = h_as(&org, "POST", "/api/departments",
             "{\"id\":\"VOF\",\"name\":\"Vård\",\"employees\":3000}");
    cr_assert_eq(r.status, 201, "%s", r.body);
    cr_assert_eq(get(r.json, "tables")->valueint, 1);
    h_resp_free(&r);
    cr_assert_eq(h_status(&org, "POST", "/api/departments", "{\"id\":\"VOF\",\"name\":\"X\"}"),
                 409);
    cr_assert_eq(h_status(&org, "POST", "/api/departments", "{\"id\":\"NONAME\"}"), 400);

    r = h_as(&org, "PUT", "/api/departments/VOF", "{\"tables\":3}");
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert_eq(get(r.json, "tables")->valueint, 3);
    cr_assert_str_eq(get(r.json, "name")->valuestring, "Vård");
    cr_assert_eq(get(r.json, "employees")->valueint, 3000);
    h_resp_free(&r);
    cr_assert_eq(h_status(&org, "PUT", "/api/departments/NOPE", "{\"tables\":3}"), 404);
    cr_assert_eq(h_status(&org, "PUT", "/api/departments/VOF", "{\"id\":\"OTHER\"}"), 400);
    cr_assert_eq(h_count("SELECT count(*) FROM audit_log WHERE entity = 'department' AND"
                         " entity_id = 'VOF' AND actor = 'org'"),
                 2);
}

Test(http_api, seekers_search_and_paging)
{
    login_org();
    h_resp r = h_as(&org, "GET", "/api/seekers", NULL);
    cr_assert_eq(r.status, 200);
    cr_assert_eq(get(r.json, "total")->valueint, 8);
    cr_assert_eq(get(r.json, "per_page")->valueint, 50);
    cr_assert_eq(cJSON_GetArraySize(get(r.json, "items")), 8);
    cr_assert_null(strstr(r.body, "personal_number"));
    cr_assert_null(strstr(r.body, "19850101"));
    h_resp_free(&r);

    r = h_as(&org, "GET", "/api/seekers?per_page=3&page=2", NULL);
    cr_assert_eq(r.status, 200);
    cr_assert_eq(cJSON_GetArraySize(get(r.json, "items")), 3);
    cr_assert_str_eq(get(cJSON_GetArrayItem(get(r.json, "items"), 0), "id")->valuestring, "S4");
    h_resp_free(&r);

    r = h_as(&org, "GET", "/api/seekers?q=cruz", NULL);
    cr_assert_eq(get(r.json, "total")->valueint, 1);
    cr_assert_str_eq(get(cJSON_GetArrayItem(get(r.json, "items"), 0), "id")->valuestring, "S3");
    h_resp_free(&r);

    cr_assert_eq(h_status(&org, "GET", "/api/seekers?page=0", NULL), 400);
    cr_assert_eq(h_status(&org, "GET", "/api/seekers?per_page=501", NULL), 400);
    cr_assert_eq(h_status(&org, "GET", "/api/seekers?page=x", NULL), 400);
}

Test(http_api, seeker_read_is_audited_and_never_shows_the_personal_number)
{
    login_org();
    h_resp r = h_as(&org, "GET", "/api/seekers/S1", NULL);
    cr_assert_eq(r.status, 200);
    cr_assert_str_eq(get(r.json, "first_name")->valuestring, "Amina");
    cr_assert_eq(get(r.json, "swedish_level")->valueint, 3);
    cr_assert(cJSON_IsTrue(get(r.json, "driving_licence")));
    cr_assert_null(get(r.json, "personal_number"));
    cr_assert_null(strstr(r.body, "19850101"));
    h_resp_free(&r);
    cr_assert_eq(h_count("SELECT count(*) FROM audit_log WHERE action = 'read' AND entity ="
                         " 'seeker' AND entity_id = 'S1' AND actor = 'org' AND at LIKE '%Z'"),
                 1);
    cr_assert_eq(h_status(&org, "GET", "/api/seekers/S99", NULL), 404);
}

Test(http_api, seeker_edit_writes_only_given_fields)
{
    login_org();
    h_resp r = h_as(&org, "PUT", "/api/seekers/S2", "{\"phone\":\"070-1234567\",\"screening\":4}");
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert_str_eq(get(r.json, "phone")->valuestring, "070-1234567");
    cr_assert_eq(get(r.json, "screening")->valueint, 4);
    cr_assert_str_eq(get(r.json, "last_name")->valuestring, "Berg");
    h_resp_free(&r);
    r = h_as(&org, "PUT", "/api/seekers/S2", "{\"phone\":null}");
    cr_assert_eq(r.status, 200);
    cr_assert(cJSON_IsNull(get(r.json, "phone")));
    h_resp_free(&r);
    r = h_as(&org, "PUT", "/api/seekers/S2", "{\"gender\":\"female\"}");
    cr_assert_eq(r.status, 400);
    cr_assert_str_eq(get(r.json, "field")->valuestring, "gender");
    h_resp_free(&r);
    /* Names are required as in the import: blanking one is refused. */
    r = h_as(&org, "PUT", "/api/seekers/S2", "{\"first_name\":\"\"}");
    cr_assert_eq(r.status, 400, "%s", r.body);
    cr_assert_str_eq(get(r.json, "field")->valuestring, "first_name");
    h_resp_free(&r);
    r = h_as(&org, "PUT", "/api/seekers/S2", "{\"last_name\":null}");
    cr_assert_eq(r.status, 400, "%s", r.body);
    cr_assert_str_eq(get(r.json, "field")->valuestring, "last_name");
    h_resp_free(&r);
    cr_assert_eq(h_status(&org, "PUT", "/api/seekers/S2", "{\"interests\":\"53x2\"}"), 400);
    cr_assert_eq(h_status(&org, "PUT", "/api/seekers/S2", "{\"birth_year\":1800}"), 400);
    cr_assert_eq(h_status(&org, "PUT", "/api/seekers/S99", "{\"phone\":\"1\"}"), 404);
    cr_assert_eq(h_count("SELECT count(*) FROM audit_log WHERE action = 'update' AND entity ="
                         " 'seeker' AND detail = 'screening,phone'"),
                 1);
}

Test(http_api, fairs_and_positions)
{
    login_org();
    h_resp r = h_as(&org, "GET", "/api/fairs", NULL);
    cr_assert_eq(r.status, 200);
    cr_assert_eq(cJSON_GetArraySize(get(r.json, "items")), 2);
    h_resp_free(&r);

    r = h_as(&org, "GET", "/api/fairs/F1", NULL);
    cr_assert_eq(r.status, 200);
    cr_assert_eq(get(r.json, "periods")->valueint, 8);
    cr_assert_eq(cJSON_GetArraySize(get(r.json, "departments")), 2);
    h_resp_free(&r);

    r = h_as(&org, "POST", "/api/fairs",
             "{\"id\":\"F3\",\"date\":\"2019-01-16\",\"periods\":12,\"name\":\"Januari\","
             "\"departments\":[{\"id\":\"KSF\",\"tables\":2}]}");
    cr_assert_eq(r.status, 201, "%s", r.body);
    cr_assert_str_eq(get(r.json, "start")->valuestring, "09:00");
    cr_assert_str_eq(get(r.json, "status")->valuestring, "planned");
    cr_assert_eq(get(cJSON_GetArrayItem(get(r.json, "departments"), 0), "tables")->valueint, 2);
    h_resp_free(&r);
    cr_assert_eq(h_status(&org, "POST", "/api/fairs",
                          "{\"id\":\"F3\",\"date\":\"2019-01-16\","
                          "\"periods\":12}"),
                 409);
    cr_assert_eq(h_status(&org, "POST", "/api/fairs",
                          "{\"id\":\"F4\",\"date\":\"2019-02-30\","
                          "\"periods\":12}"),
                 400);
    cr_assert_eq(h_status(&org, "POST", "/api/fairs", "{\"id\":\"F4\",\"date\":\"2019-02-01\"}"),
                 400);
    cr_assert_eq(h_status(&org, "POST", "/api/fairs",
                          "{\"id\":\"F4\",\"date\":\"2019-02-01\",\"periods\":4,"
                          "\"departments\":[{\"id\":\"NOPE\",\"tables\":1}]}"),
                 400);
    cr_assert_eq(h_count("SELECT count(*) FROM fairs WHERE id = 'F4'"), 0);

    r = h_as(&org, "PUT", "/api/fairs/F3", "{\"place\":\"Fyrishov\",\"periods\":10}");
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert_str_eq(get(r.json, "place")->valuestring, "Fyrishov");
    cr_assert_str_eq(get(r.json, "name")->valuestring, "Januari");
    h_resp_free(&r);

    r = h_as(&org, "POST", "/api/fairs/F3/positions",
             "{\"id\":\"PK1\",\"department_id\":\"KSF\",\"title\":\"Kanslist\","
             "\"occupation\":\"4110\",\"places\":2,\"min_swedish_level\":3,\"extent\":75}");
    cr_assert_eq(r.status, 201, "%s", r.body);
    cr_assert_eq(get(r.json, "places")->valueint, 2);
    h_resp_free(&r);
    cr_assert_eq(h_status(&org, "POST", "/api/fairs/F3/positions",
                          "{\"id\":\"PK1\",\"department_id\":\"KSF\"}"),
                 409);
    cr_assert_eq(h_status(&org, "POST", "/api/fairs/F3/positions",
                          "{\"id\":\"PK2\",\"department_id\":\"KSF\",\"occupation\":\"41\"}"),
                 400);
    cr_assert_eq(h_status(&org, "POST", "/api/fairs/NOPE/positions",
                          "{\"id\":\"PK3\",\"department_id\":\"KSF\"}"),
                 404);
    r = h_as(&org, "PUT", "/api/positions/PK1", "{\"title\":\"Kanslist II\",\"extent\":null}");
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert_str_eq(get(r.json, "title")->valuestring, "Kanslist II");
    cr_assert(cJSON_IsNull(get(r.json, "extent")));
    cr_assert_eq(get(r.json, "min_swedish_level")->valueint, 3);
    h_resp_free(&r);
    r = h_as(&org, "GET", "/api/fairs/F1/positions", NULL);
    cr_assert_eq(cJSON_GetArraySize(get(r.json, "items")), 2);
    h_resp_free(&r);
}

Test(http_api, invitations_attendance_and_walk_ins)
{
    login_org();
    h_resp r = h_as(&org, "GET", "/api/fairs/F1/invitations", NULL);
    cr_assert_eq(cJSON_GetArraySize(get(r.json, "items")), 6);
    h_resp_free(&r);

    r = h_as(&org, "POST", "/api/fairs/F1/invitations", "{\"seeker_ids\":[\"S1\",\"S7\",\"S8\"]}");
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert_eq(get(r.json, "added")->valueint, 2);
    cr_assert_eq(get(r.json, "already")->valueint, 1);
    h_resp_free(&r);
    r = h_as(&org, "POST", "/api/fairs/F2/invitations", "{\"seeker_ids\":[\"S1\",\"S99\"]}");
    cr_assert_eq(r.status, 400);
    cr_assert_str_eq(get(r.json, "field")->valuestring, "seeker_ids[1]");
    h_resp_free(&r);
    cr_assert_eq(h_count("SELECT count(*) FROM invitations WHERE fair_id = 'F2'"), 1);

    r = h_as(&org, "PUT", "/api/fairs/F1/invitations/S1", "{\"attendance\":\"checked_in\"}");
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert_str_eq(get(r.json, "attendance")->valuestring, "checked_in");
    h_resp_free(&r);
    cr_assert_eq(h_status(&org, "PUT", "/api/fairs/F1/invitations/S1", "{\"attendance\":\"x\"}"),
                 400);
    cr_assert_eq(
        h_status(&org, "PUT", "/api/fairs/F2/invitations/S1", "{\"attendance\":\"no_show\"}"), 404);

    r = h_as(&org, "POST", "/api/fairs/F2/walkins", "{\"seeker_id\":\"S8\"}");
    cr_assert_eq(r.status, 201, "%s", r.body);
    cr_assert(cJSON_IsTrue(get(r.json, "walk_in")));
    cr_assert_str_eq(get(r.json, "attendance")->valuestring, "checked_in");
    h_resp_free(&r);
    cr_assert_eq(h_status(&org, "POST", "/api/fairs/F2/walkins", "{\"seeker_id\":\"S8\"}"), 409);
    cr_assert_eq(h_status(&org, "POST", "/api/fairs/F2/walkins", "{\"seeker_id\":\"S99\"}"), 400);
}

Test(http_api, schedule_grid)
{
    login_org();
    h_resp r = h_as(&org, "GET", "/api/fairs/F1/schedule", NULL);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert_eq(cJSON_GetArraySize(get(r.json, "periods")), 8);
    cr_assert_str_eq(get(cJSON_GetArrayItem(get(r.json, "periods"), 1), "start")->valuestring,
                     "09:15");
    cr_assert_eq(cJSON_GetArraySize(get(r.json, "departments")), 2);
    cr_assert_eq(cJSON_GetArraySize(get(r.json, "interviews")), 4);
    /* Sorted by period, then department id: SBF's table before UBF's. */
    cr_assert_str_eq(
        get(cJSON_GetArrayItem(get(r.json, "interviews"), 0), "department_id")->valuestring, "SBF");
    cr_assert_str_eq(
        get(cJSON_GetArrayItem(get(r.json, "interviews"), 1), "seeker_name")->valuestring,
        "Amina Ali");
    /* Invited: S1..S6, three women; pool: all 8 seekers, four women. */
    cr_assert_float_eq(get(get(r.json, "women_share"), "invited")->valuedouble, 0.5, 1e-9);
    cr_assert_float_eq(get(get(r.json, "women_share"), "pool")->valuedouble, 0.5, 1e-9);
    h_resp_free(&r);
    cr_assert_eq(h_status(&org, "GET", "/api/fairs/NOPE/schedule", NULL), 404);
}

Test(http_api, moving_an_interview_keeps_the_rules)
{
    login_org();
    /* Table 1 of UBF is taken in period 0 by interview 1. */
    h_resp r = h_as(&org, "PUT", "/api/interviews/2", "{\"period\":0,\"table\":1}");
    cr_assert_eq(r.status, 409, "%s", r.body);
    cr_assert_str_eq(get(r.json, "field")->valuestring, "table");
    cr_assert_not_null(strstr(get(r.json, "error")->valuestring, "interview 1"));
    h_resp_free(&r);
    /* UBF has no third table; the fair has no period 8. */
    cr_assert_eq(h_status(&org, "PUT", "/api/interviews/2", "{\"period\":0,\"table\":3}"), 409);
    cr_assert_eq(h_status(&org, "PUT", "/api/interviews/2", "{\"period\":8,\"table\":1}"), 409);
    cr_assert_eq(h_status(&org, "PUT", "/api/interviews/2", "{\"period\":-1,\"table\":1}"), 400);
    cr_assert_eq(h_status(&org, "PUT", "/api/interviews/2", "{\"period\":1}"), 400);
    cr_assert_eq(h_status(&org, "PUT", "/api/interviews/99", "{\"period\":1,\"table\":1}"), 404);
    cr_assert_eq(h_status(&org, "PUT", "/api/interviews/abc", "{\"period\":1,\"table\":1}"), 404);
    /* The second table is free in period 0. */
    r = h_as(&org, "PUT", "/api/interviews/2", "{\"period\":0,\"table\":2}");
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert_eq(get(r.json, "period")->valueint, 0);
    cr_assert_eq(get(r.json, "table")->valueint, 2);
    h_resp_free(&r);
    cr_assert_eq(h_count("SELECT count(*) FROM interviews WHERE id = 2 AND period = 0 AND"
                         " table_no = 2"),
                 1);
    cr_assert_eq(h_count("SELECT count(*) FROM audit_log WHERE action = 'move' AND entity_id ="
                         " '2'"),
                 1);
}

Test(http_api, seeker_cannot_be_in_two_places_at_once)
{
    login_org();
    /* Give S3 (interview 3, SBF, period 0) a second interview at UBF, then try period 0. */
    cr_assert_eq(h_count("SELECT count(*) FROM interviews"), 4);
    h_resp r = h_as(&org, "PUT", "/api/interviews/4", "{\"period\":0,\"table\":1}");
    cr_assert_eq(r.status, 409);
    h_resp_free(&r);
}

Test(http_api, outcome_answer_and_hire)
{
    login_org();
    cr_assert_eq(h_status(&org, "PUT", "/api/interviews/2/answer", "{\"answer\":\"accepted\"}"),
                 409);
    h_resp r = h_as(&org, "PUT", "/api/interviews/1/outcome", "{\"outcome\":\"offer\"}");
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert(cJSON_IsTrue(get(r.json, "held")));
    cr_assert_str_eq(get(r.json, "outcome")->valuestring, "offer");
    h_resp_free(&r);
    cr_assert_eq(h_status(&org, "PUT", "/api/interviews/1/outcome", "{\"outcome\":\"maybe\"}"),
                 400);
    r = h_as(&org, "PUT", "/api/interviews/1/answer",
             "{\"answer\":\"accepted\",\"decision_date\":\"2018-11-20\","
             "\"start_date\":\"2018-12-01\"}");
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert(cJSON_IsNumber(get(r.json, "employment_id")));
    cr_assert_str_eq(get(get(r.json, "interview"), "answer")->valuestring, "accepted");
    h_resp_free(&r);
    cr_assert_eq(h_count("SELECT count(*) FROM employments WHERE seeker_id = 'S1' AND"
                         " department_id = 'UBF' AND decision_date = '2018-11-20' AND"
                         " interview_id = 1 AND position_id = 'PA1'"),
                 1);
    cr_assert_eq(h_status(&org, "PUT", "/api/interviews/1/answer", "{\"answer\":\"declined\"}"),
                 409);
    cr_assert_eq(h_status(&org, "PUT", "/api/interviews/1/outcome", "{\"outcome\":\"no\"}"), 409);
    cr_assert_eq(h_status(&org, "PUT", "/api/interviews/2/outcome", "{\"outcome\":\"offer\"}"),
                 200);
    r = h_as(&org, "PUT", "/api/interviews/2/answer", "{\"answer\":\"declined\"}");
    cr_assert_eq(r.status, 200);
    cr_assert(cJSON_IsNull(get(r.json, "employment_id")));
    h_resp_free(&r);
    cr_assert_eq(h_count("SELECT count(*) FROM employments"), 1);
    /* The schedule links the accepted offer to its hire, and only that one. */
    r = h_as(&org, "GET", "/api/fairs/F1/schedule", NULL);
    cr_assert_eq(r.status, 200, "%s", r.body);
    {
        const cJSON *iv;
        int seen = 0;
        cJSON_ArrayForEach(iv, get(r.json, "interviews"))
        {
            int id = get(iv, "id")->valueint;
            const cJSON *e = get(iv, "employment_id");
            if (id == 1)
                cr_assert_eq(e->valueint, (int)h_count("SELECT id FROM employments"));
            else
                cr_assert(cJSON_IsNull(e), "interview %d", id);
            seen += id == 1;
        }
        cr_assert_eq(seen, 1);
    }
    h_resp_free(&r);
    /* A held interview stays where it is. */
    cr_assert_eq(h_status(&org, "PUT", "/api/interviews/1", "{\"period\":5,\"table\":1}"), 409);
    /* And a first match over held interviews is refused: re-plan instead. */
    cr_assert_eq(h_status(&org, "POST", "/api/fairs/F1/match", "{}"), 409);
}

Test(http_api, match_then_replan)
{
    login_org();
    h_resp r = h_as(&org, "POST", "/api/fairs/F1/match", "{\"time_limit_seconds\":20}");
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert_gt(get(r.json, "interviews")->valueint, 0);
    h_resp_free(&r);
    cr_assert_eq(h_count("SELECT count(*) FROM fair_solutions WHERE fair_id = 'F1' AND"
                         " created_by = 'org'"),
                 1);
    cr_assert_eq(h_count("SELECT count(*) FROM fairs WHERE id = 'F1' AND status = 'matched'"), 1);
    long planned = h_count("SELECT count(*) FROM interviews WHERE fair_id = 'F1'");
    cr_assert_gt(planned, 0);
    /* Every planned interview is a pair the score allows (S7's interest matches nothing). */
    cr_assert_eq(h_count("SELECT count(*) FROM interviews WHERE seeker_id = 'S7'"), 0);

    /* Moves after a match are checked against the stored instance too. */
    long id = h_count("SELECT min(id) FROM interviews WHERE fair_id = 'F1'");
    cr_assert_gt(id, 0);
    {
        char path[64], body[80];
        char q[600];
        long free_period = -1;
        /* A free slot for this interview's department table 1 and its seeker: accepted. */
        for (long p = 0; p < 8 && free_period < 0; p++) {
            snprintf(q, sizeof q,
                     "SELECT count(*) FROM interviews i JOIN positions p ON p.id = i.position_id"
                     " WHERE i.fair_id = 'F1' AND i.id <> %ld AND i.period = %ld AND ((i.table_no"
                     " = 1 AND p.department_id = (SELECT p2.department_id FROM interviews i2 JOIN"
                     " positions p2 ON p2.id = i2.position_id WHERE i2.id = %ld)) OR i.seeker_id ="
                     " (SELECT seeker_id FROM interviews WHERE id = %ld))",
                     id, p, id, id);
            if (h_count(q) == 0)
                free_period = p;
        }
        cr_assert_geq(free_period, 0);
        snprintf(path, sizeof path, "/api/interviews/%ld", id);
        snprintf(body, sizeof body, "{\"period\":%ld,\"table\":1}", free_period);
        h_resp mv = h_as(&org, "PUT", path, body);
        cr_assert_eq(mv.status, 200, "%s", mv.body);
        h_resp_free(&mv);

        /* A table added after the match is usable: the interview moves to it. */
        {
            char dept[32], put[200], sql[400];
            long tables;

            h_resp d = h_as(&org, "GET", "/api/fairs/F1/schedule", NULL);
            const cJSON *iv;
            dept[0] = '\0';
            cJSON_ArrayForEach(iv, get(d.json, "interviews"))
            {
                if (get(iv, "id")->valueint == id)
                    snprintf(dept, sizeof dept, "%s", get(iv, "department_id")->valuestring);
            }
            h_resp_free(&d);
            cr_assert(dept[0]);
            snprintf(sql, sizeof sql,
                     "SELECT COALESCE((SELECT tables FROM fair_departments WHERE fair_id = 'F1'"
                     " AND department_id = '%s'), (SELECT tables FROM departments WHERE id ="
                     " '%s'))",
                     dept, dept);
            tables = h_count(sql);
            snprintf(put, sizeof put, "{\"departments\":[{\"id\":\"%s\",\"tables\":%ld}]}", dept,
                     tables + 1);
            h_resp f = h_as(&org, "PUT", "/api/fairs/F1", put);
            cr_assert_eq(f.status, 200, "%s", f.body);
            h_resp_free(&f);
            snprintf(body, sizeof body, "{\"period\":%ld,\"table\":%ld}", free_period, tables + 1);
            mv = h_as(&org, "PUT", path, body);
            cr_assert_eq(mv.status, 200, "%s", mv.body);
            h_resp_free(&mv);
        }
    }

    /* S2 does not come; re-plan from period 2 keeps period 0-1 and gives S2 nothing new. */
    cr_assert_eq(
        h_status(&org, "PUT", "/api/fairs/F1/invitations/S2", "{\"attendance\":\"no_show\"}"), 200);
    long early = h_count("SELECT count(*) FROM interviews WHERE fair_id = 'F1' AND period < 2");
    r = h_as(&org, "POST", "/api/fairs/F1/replan", "{\"from_period\":2,\"time_limit_seconds\":20}");
    cr_assert_eq(r.status, 200, "%s", r.body);
    h_resp_free(&r);
    cr_assert_eq(h_count("SELECT count(*) FROM interviews WHERE fair_id = 'F1' AND period < 2"),
                 early);
    cr_assert_eq(h_count("SELECT count(*) FROM interviews WHERE seeker_id = 'S2' AND period >= 2"),
                 0);
    cr_assert_eq(h_status(&org, "POST", "/api/fairs/F1/replan", "{}"), 400);
    cr_assert_eq(h_status(&org, "POST", "/api/fairs/NOPE/match", "{}"), 404);
    /* A fair with no eligible pair has nothing to match. */
    cr_assert_eq(h_status(&org, "POST", "/api/fairs/F2/match", "{}"), 409);
}

Test(http_api, reports_and_quota)
{
    char v[200];
    login_org();
    h_resp r = h_as(&org, "GET", "/api/reports/monthly?month=2018-11", NULL);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert_str_eq(get(r.json, "month")->valuestring, "2018-11");
    h_resp_free(&r);
    r = h_as(&org, "GET", "/api/reports/monthly?month=2018-11&format=csv", NULL);
    cr_assert_eq(r.status, 200);
    cr_assert(h_header(&r, "Content-Type", v, sizeof v));
    cr_assert_str_eq(v, "text/csv; charset=utf-8");
    cr_assert(h_header(&r, "Content-Disposition", v, sizeof v));
    cr_assert_str_eq(v, "attachment; filename=\"fairmatch-2018-11.csv\"");
    h_resp_free(&r);
    r = h_as(&org, "GET", "/api/reports/monthly?month=2018-11&format=xlsx", NULL);
    cr_assert_eq(r.status, 200);
    cr_assert(r.body_len > 4 && r.body[0] == 'P' && r.body[1] == 'K', "an xlsx is a zip");
    h_resp_free(&r);
    cr_assert_eq(h_status(&org, "GET", "/api/reports/monthly?month=2018-13", NULL), 400);
    cr_assert_eq(h_status(&org, "GET", "/api/reports/monthly?format=pdf", NULL), 400);
    r = h_as(&org, "GET", "/api/quota?month=2018-11", NULL);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert_not_null(r.json);
    h_resp_free(&r);
    /* The planner for a fair: the same JSON as `fairmatch quota --plan`. */
    r = h_as(&org, "GET", "/api/quota?fair=F1", NULL);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert_not_null(r.json);
    cr_assert_not_null(strstr(r.body, "\"places\""), "%s", r.body);
    h_resp_free(&r);
    cr_assert_eq(h_status(&org, "GET", "/api/quota?fair=NOPE", NULL), 404);
    cr_assert_eq(h_status(&org, "GET", "/api/quota?fair=F1&month=2018-11", NULL), 400);
}

/* ---- the solver runs beside the request threads ---- */

#include <pthread.h>
#include <time.h>

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* A fair big enough that solving it takes a noticeable time: 600 seekers, 30 positions. */
static void seed_big_fair(void)
{
    sqlite3 *db = NULL;
    char sql[256];
    const char *occ[] = {"5312", "5321", "5311", "4110", "9111", "5322"};

    cr_assert_eq(sqlite3_open(h_db, &db), SQLITE_OK);
    sqlite3_exec(db,
                 "BEGIN; INSERT INTO fairs(id, date, periods) VALUES ('BIG', '2018-10-10', 16);",
                 NULL, NULL, NULL);
    for (int p = 0; p < 30; p++) {
        snprintf(sql, sizeof sql,
                 "INSERT INTO positions(id, department_id, fair_id, occupation, places) VALUES"
                 " ('BP%d', '%s', 'BIG', '%s', 2)",
                 p,
                 p % 3 == 0   ? "UBF"
                 : p % 3 == 1 ? "SBF"
                              : "KSF",
                 occ[p % 6]);
        cr_assert_eq(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    }
    for (int s = 0; s < 600; s++) {
        snprintf(sql, sizeof sql,
                 "INSERT INTO seekers(id, gender, interests) VALUES ('B%04d', '%s', '%s|%s|%s');"
                 "INSERT INTO invitations(fair_id, seeker_id) VALUES ('BIG', 'B%04d')",
                 s, s % 5 < 2 ? "woman" : "man", occ[s % 6], occ[(s / 6) % 6], occ[(s / 36) % 6],
                 s);
        cr_assert_eq(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    }
    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    sqlite3_close(db);
}

typedef struct match_call {
    h_sess s;
    int status;
    double done;
} match_call;

static void *post_match(void *arg)
{
    match_call *m = arg;
    m->status = h_status(&m->s, "POST", "/api/fairs/BIG/match", "{\"time_limit_seconds\":20}");
    m->done = now_s();
    return NULL;
}

Test(http_api, server_keeps_answering_while_the_solver_works)
{
    match_call m = {.s = h_login("org")};
    pthread_t t;
    int answered_during = 0;
    double slowest = 0;

    seed_big_fair();
    cr_assert_eq(pthread_create(&t, NULL, post_match, &m), 0);
    for (int i = 0; i < 2000 && m.done == 0; i++) {
        double t0 = now_s();
        int st = h_status(&m.s, "GET", "/api/me", NULL);
        double t1 = now_s();
        cr_assert_eq(st, 200);
        if (m.done == 0) {
            answered_during++;
            if (t1 - t0 > slowest)
                slowest = t1 - t0;
        }
    }
    pthread_join(t, NULL);
    cr_assert_eq(m.status, 200);
    cr_assert_gt(answered_during, 0, "the match finished before any other request was answered");
    cr_assert_lt(slowest, 1.0, "a request waited %.3f s behind the solver", slowest);
    cr_log_info("%d requests answered during the match, slowest %.1f ms", answered_during,
                slowest * 1000);
}

Test(http_api, a_full_solver_queue_answers_503)
{
    enum { N = 7 };
    match_call m[N];
    pthread_t t[N];
    int ok = 0, busy = 0;

    seed_big_fair();
    for (int i = 0; i < N; i++) {
        m[i] = (match_call){.s = h_login("org")};
    }
    for (int i = 0; i < N; i++)
        cr_assert_eq(pthread_create(&t[i], NULL, post_match, &m[i]), 0);
    for (int i = 0; i < N; i++) {
        pthread_join(t[i], NULL);
        ok += m[i].status == 200;
        busy += m[i].status == 503;
    }
    cr_assert_eq(ok + busy, N, "%d ok, %d busy", ok, busy);
    cr_assert_geq(busy, 1);
    cr_assert_geq(ok, 2);
}

/*
 * The organiser's "stop and keep the best plan": while the match runs its
 * progress is readable; a stop ends it with a stored, valid plan (200 from
 * the match call). The match may finish before the stop arrives: then the
 * stop answers 409 and the plan is the finished one.
 */
Test(http_api, a_running_match_reports_progress_and_stops_with_its_best_plan)
{
    match_call m = {.s = h_login("org")};
    h_sess mgr = h_login("mgr_a");
    pthread_t t;
    bool seen_running = false;
    int stop_status = 0;

    seed_big_fair();
    cr_assert_eq(h_status(&m.s, "POST", "/api/fairs/BIG/match/stop", "{}"), 409);
    cr_assert_eq(h_status(&mgr, "GET", "/api/fairs/BIG/match/progress", NULL), 403);
    cr_assert_eq(pthread_create(&t, NULL, post_match, &m), 0);
    for (int i = 0; i < 20000 && m.done == 0 && !seen_running; i++) {
        h_resp r = h_as(&m.s, "GET", "/api/fairs/BIG/match/progress", NULL);
        cr_assert_eq(r.status, 200);
        seen_running = cJSON_IsTrue(get(r.json, "running"));
        if (seen_running)
            cr_assert_not_null(cJSON_GetObjectItemCaseSensitive(r.json, "phase"));
        h_resp_free(&r);
    }
    if (seen_running)
        stop_status = h_status(&m.s, "POST", "/api/fairs/BIG/match/stop", "{}");
    pthread_join(t, NULL);
    cr_assert_eq(m.status, 200);
    cr_assert(stop_status == 0 || stop_status == 202 || stop_status == 409, "stop: %d",
              stop_status);
    cr_assert_eq(h_count("SELECT count(*) FROM fairs WHERE id = 'BIG' AND status = 'matched'"), 1);
    cr_assert_gt(h_count("SELECT count(*) FROM interviews WHERE fair_id = 'BIG'"), 0);
    /* Nothing runs any more. */
    {
        h_resp r = h_as(&m.s, "GET", "/api/fairs/BIG/match/progress", NULL);
        cr_assert(cJSON_IsFalse(get(r.json, "running")));
        h_resp_free(&r);
    }
}
