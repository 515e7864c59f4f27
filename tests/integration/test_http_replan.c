/*
 * test_http_replan.c - stable re-planning through the API (issue 16): a
 * re-plan with nothing changed moves nothing, a proposal is saved only when
 * confirmed, and the change list names exactly what moved, came or went.
 */
#include <string.h>

#include "integration/http_harness.h"

TestSuite(http_replan, .init = h_start, .fini = h_stop, .timeout = 120);

static const cJSON *get(const cJSON *o, const char *k)
{
    return cJSON_GetObjectItemCaseSensitive(o, k);
}

static h_sess org;

/* The plan as it is now, kept to compare with later. */
static void snapshot(void)
{
    h_count("DROP TABLE IF EXISTS snap");
    h_count("CREATE TABLE snap AS SELECT id, seeker_id, position_id, period, table_no FROM"
            " interviews WHERE fair_id = 'F1'");
}

/* Rows of the plan that differ from the snapshot, ids included, both ways. */
static long differing(void)
{
    return h_count("SELECT (SELECT count(*) FROM (SELECT id, seeker_id, position_id, period,"
                   " table_no FROM snap EXCEPT SELECT id, seeker_id, position_id, period, table_no"
                   " FROM interviews WHERE fair_id = 'F1')) + (SELECT count(*) FROM (SELECT id,"
                   " seeker_id, position_id, period, table_no FROM interviews WHERE fair_id ="
                   " 'F1' EXCEPT SELECT id, seeker_id, position_id, period, table_no FROM snap))");
}

static void match(void)
{
    org = h_login("org");
    h_resp r = h_as(&org, "POST", "/api/fairs/F1/match", "{\"time_limit_seconds\":20}");
    cr_assert_eq(r.status, 200, "%s", r.body);
    h_resp_free(&r);
    cr_assert_gt(h_count("SELECT count(*) FROM interviews WHERE fair_id = 'F1'"), 3);
    snapshot();
}

static void assert_no_changes(const cJSON *ch)
{
    cr_assert_not_null(ch);
    cr_assert_eq(get(ch, "moved")->valueint, 0);
    cr_assert_eq(get(ch, "gained")->valueint, 0);
    cr_assert_eq(get(ch, "lost")->valueint, 0);
    cr_assert_eq(cJSON_GetArraySize(get(ch, "changes")), 0);
}

Test(http_replan, nothing_changed_moves_no_interview)
{
    char body[160];
    match();
    h_resp r = h_as(&org, "POST", "/api/fairs/F1/replan", "{\"from_period\":2,\"preview\":true}");
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert_str_eq(get(r.json, "status")->valuestring, "unchanged");
    assert_no_changes(get(r.json, "changes"));
    cr_assert(cJSON_IsString(get(r.json, "proposal")));
    snprintf(body, sizeof body, "{\"proposal\":\"%s\"}", get(r.json, "proposal")->valuestring);
    h_resp_free(&r);
    cr_assert_eq(differing(), 0, "a preview writes nothing");

    r = h_as(&org, "POST", "/api/fairs/F1/replan/confirm", body);
    cr_assert_eq(r.status, 200, "%s", r.body);
    assert_no_changes(r.json);
    cr_assert_gt(get(r.json, "replan_id")->valueint, 0);
    h_resp_free(&r);
    cr_assert_eq(differing(), 0, "not one interview moved, not even its id");
    /* A proposal is used once. */
    cr_assert_eq(h_status(&org, "POST", "/api/fairs/F1/replan/confirm", body), 404);

    /* Twice more, from another period and without a preview: still nothing moves. */
    r = h_as(&org, "POST", "/api/fairs/F1/replan", "{\"from_period\":3}");
    cr_assert_eq(r.status, 200, "%s", r.body);
    assert_no_changes(get(r.json, "changes"));
    h_resp_free(&r);
    cr_assert_eq(differing(), 0);
    cr_assert_eq(h_count("SELECT count(*) FROM replans WHERE fair_id = 'F1'"), 2);
}

/* A seeker with an interview from period 1 on, marked as a no-show. */
static void no_show_one(char *seeker, size_t cap)
{
    h_resp r = h_as(&org, "GET", "/api/fairs/F1/schedule", NULL);
    const cJSON *iv;
    char path[80];

    seeker[0] = '\0';
    cJSON_ArrayForEach(iv, get(r.json, "interviews"))
    {
        if (!seeker[0] && get(iv, "period")->valueint >= 1)
            snprintf(seeker, cap, "%s", get(iv, "seeker_id")->valuestring);
    }
    h_resp_free(&r);
    cr_assert(seeker[0]);
    snprintf(path, sizeof path, "/api/fairs/F1/invitations/%s", seeker);
    cr_assert_eq(h_status(&org, "PUT", path, "{\"attendance\":\"no_show\"}"), 200);
}

Test(http_replan, change_list_names_exactly_what_changed)
{
    char seeker[32], body[160], q[400];
    match();
    no_show_one(seeker, sizeof seeker);

    h_resp p = h_as(&org, "POST", "/api/fairs/F1/replan", "{\"from_period\":1,\"preview\":true}");
    cr_assert_eq(p.status, 200, "%s", p.body);
    cr_assert_neq(strcmp(get(p.json, "status")->valuestring, "unchanged"), 0);
    cr_assert_geq(get(get(p.json, "changes"), "lost")->valueint, 1);
    cr_assert_eq(differing(), 0, "a preview writes nothing");
    snprintf(body, sizeof body, "{\"proposal\":\"%s\"}", get(p.json, "proposal")->valuestring);

    h_resp r = h_as(&org, "POST", "/api/fairs/F1/replan/confirm", body);
    cr_assert_eq(r.status, 200, "%s", r.body);
    /* What the preview promised is what the save did. */
    cr_assert_eq(cJSON_Compare(get(get(p.json, "changes"), "changes"), get(r.json, "changes"), 1),
                 1);
    h_resp_free(&p);

    /* Counted from the database: moved, lost, gained. */
    long moved = h_count("SELECT count(*) FROM snap s JOIN interviews i ON i.fair_id = 'F1' AND"
                         " i.seeker_id = s.seeker_id AND i.position_id = s.position_id WHERE"
                         " i.period IS NOT s.period OR i.table_no IS NOT s.table_no");
    long lost = h_count("SELECT count(*) FROM snap s WHERE NOT EXISTS (SELECT 1 FROM interviews"
                        " i WHERE i.fair_id = 'F1' AND i.seeker_id = s.seeker_id AND"
                        " i.position_id = s.position_id)");
    long gained = h_count("SELECT count(*) FROM interviews i WHERE i.fair_id = 'F1' AND NOT"
                          " EXISTS (SELECT 1 FROM snap s WHERE i.seeker_id = s.seeker_id AND"
                          " i.position_id = s.position_id)");
    cr_assert_eq(get(r.json, "moved")->valueint, moved);
    cr_assert_eq(get(r.json, "lost")->valueint, lost);
    cr_assert_eq(get(r.json, "gained")->valueint, gained);
    cr_assert_eq(cJSON_GetArraySize(get(r.json, "changes")), (int)(moved + lost + gained));
    /* The no-show lost every interview from period 1 on, and got nothing new. */
    snprintf(q, sizeof q,
             "SELECT count(*) FROM interviews WHERE fair_id = 'F1' AND seeker_id = '%s' AND"
             " period >= 1",
             seeker);
    cr_assert_eq(h_count(q), 0);
    {
        const cJSON *ch;
        cJSON_ArrayForEach(ch, get(r.json, "changes"))
        {
            const char *kind = get(ch, "kind")->valuestring;
            if (!strcmp(kind, "moved"))
                snprintf(q, sizeof q,
                         "SELECT count(*) FROM snap s JOIN interviews i ON i.seeker_id ="
                         " s.seeker_id AND i.position_id = s.position_id AND i.fair_id = 'F1'"
                         " WHERE s.seeker_id = '%s' AND s.position_id = '%s' AND s.period = %d"
                         " AND i.period = %d AND i.table_no = %d",
                         get(ch, "seeker_id")->valuestring, get(ch, "position_id")->valuestring,
                         get(ch, "old_period")->valueint, get(ch, "new_period")->valueint,
                         get(ch, "new_table")->valueint);
            else
                snprintf(q, sizeof q,
                         "SELECT count(*) FROM %s WHERE seeker_id = '%s' AND position_id = '%s'",
                         !strcmp(kind, "lost") ? "snap" : "interviews",
                         get(ch, "seeker_id")->valuestring, get(ch, "position_id")->valuestring);
            cr_assert_eq(h_count(q), 1, "%s", q);
        }
    }
    long replan_id = get(r.json, "replan_id")->valueint;
    h_resp_free(&r);

    /* The saved list, again, as JSON and as CSV for the people concerned. */
    r = h_as(&org, "GET", "/api/fairs/F1/replan/changes", NULL);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert_eq(get(r.json, "replan_id")->valueint, replan_id);
    cr_assert_eq(cJSON_GetArraySize(get(r.json, "changes")), (int)(moved + lost + gained));
    h_resp_free(&r);
    r = h_as(&org, "GET", "/api/fairs/F1/replan/changes?format=csv", NULL);
    cr_assert_eq(r.status, 200);
    cr_assert(strstr(r.body, "avdelning;sökande;förnamn") != NULL, "%s", r.body);
    {
        long lines = 0;
        for (const char *s = r.body; *s; s++)
            lines += *s == '\n';
        cr_assert_eq(lines, 1 + moved + lost + gained, "%s", r.body);
    }
    h_resp_free(&r);
    cr_assert_eq(h_status(&org, "GET", "/api/fairs/F1/replan/changes?format=xml", NULL), 400);
    /* A fair never re-planned has an empty list. */
    r = h_as(&org, "GET", "/api/fairs/F2/replan/changes", NULL);
    cr_assert_eq(r.status, 200);
    cr_assert(cJSON_IsNull(get(r.json, "replan_id")));
    cr_assert_eq(cJSON_GetArraySize(get(r.json, "changes")), 0);
    h_resp_free(&r);
    cr_assert_eq(h_status(&org, "GET", "/api/fairs/NOPE/replan/changes", NULL), 404);
}

Test(http_replan, stale_proposal_is_refused)
{
    char body[160];
    match();
    h_resp r = h_as(&org, "POST", "/api/fairs/F1/replan", "{\"from_period\":1,\"preview\":true}");
    cr_assert_eq(r.status, 200, "%s", r.body);
    snprintf(body, sizeof body, "{\"proposal\":\"%s\"}", get(r.json, "proposal")->valuestring);
    h_resp_free(&r);
    /* The attendance changes after the proposal was made. */
    cr_assert_eq(
        h_status(&org, "PUT", "/api/fairs/F1/invitations/S1", "{\"attendance\":\"checked_in\"}"),
        200);
    r = h_as(&org, "POST", "/api/fairs/F1/replan/confirm", body);
    cr_assert_eq(r.status, 409, "%s", r.body);
    h_resp_free(&r);
    cr_assert_eq(differing(), 0);
    cr_assert_eq(h_status(&org, "POST", "/api/fairs/F1/replan/confirm", "{}"), 400);
    cr_assert_eq(h_status(&org, "POST", "/api/fairs/F1/replan/confirm", "{\"proposal\":\"x\"}"),
                 404);
    /* Managers do not re-plan. */
    h_sess mgr = h_login("mgr_a");
    cr_assert_eq(h_status(&mgr, "POST", "/api/fairs/F1/replan/confirm", body), 403);
    cr_assert_eq(h_status(&mgr, "GET", "/api/fairs/F1/replan/changes", NULL), 403);
}
