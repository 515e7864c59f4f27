/*
 * test_instance_json.c - fm_instance_parse (src/solve/instance_json.c):
 * defaults, every field read into the record, the SHA-256 of the bytes, and
 * the exact "FILE: PATH: problem" message for each broken rule of
 * instance-format.md.
 */
#include <criterion/criterion.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/instance.h"

#define HEAD "\"format\":\"fairmatch-instance/1\",\"fair\":{\"id\":\"f\",\"periods\":4}"
#define DEPS "\"departments\":[{\"id\":\"A\",\"tables\":2}]"
#define POSS "\"positions\":[{\"id\":\"P1\",\"department\":\"A\"}]"
#define SEEKS                                                                                      \
    "\"seekers\":[{\"id\":\"S1\",\"gender\":\"woman\"},{\"id\":\"S2\",\"gender\":\"man\"}]"
#define SCORES "\"scores\":[{\"seeker\":\"S1\",\"position\":\"P1\",\"score\":5}]"

static fm_rc parse(const char *json, fm_instance **inst, fm_err *err)
{
    return fm_instance_parse(json, strlen(json), "fair.json", inst, err);
}

static void expect_error(const char *json, const char *msg)
{
    fm_instance *inst = NULL;
    fm_err err = {0};
    fm_rc rc = parse(json, &inst, &err);
    cr_assert_eq(rc, FM_EINVAL, "accepted: %s", json);
    cr_assert_null(inst);
    cr_assert_str_eq(err.msg, msg);
}

Test(instance_json, applies_the_documented_defaults)
{
    fm_instance *inst = NULL;
    fm_err err = {0};
    cr_assert_eq(parse("{" HEAD "," DEPS "," POSS "," SEEKS "," SCORES "}", &inst, &err), FM_OK,
                 "%s", err.msg);
    cr_assert_eq(inst->start_minutes, 540);
    cr_assert_eq(inst->period_minutes, 15);
    cr_assert_eq(inst->periods, 4);
    cr_assert_eq(inst->min_candidates_per_place, 2);
    cr_assert_eq(inst->max_candidates_per_place, 3);
    cr_assert_eq(inst->max_interviews_per_seeker, 2);
    cr_assert_eq(inst->min_gap_periods, 0);
    cr_assert(inst->mirror_pool);
    cr_assert_float_eq(inst->tolerance, 0.1, 1e-12);
    cr_assert_float_eq(inst->weights.coverage, 20, 1e-12);
    cr_assert_float_eq(inst->weights.shortfall, 1000, 1e-12);
    cr_assert_float_eq(inst->weights.gender, 200, 1e-12);
    cr_assert_float_eq(inst->weights.missed_fair, 5, 1e-12);
    cr_assert_float_eq(inst->weights.missed_fair_cap, 3, 1e-12);
    cr_assert_float_eq(inst->weights.quota, 10, 1e-12);
    cr_assert_float_eq(inst->time_limit_seconds, 60, 1e-12);
    cr_assert_null(inst->fair_date);
    cr_assert_str_eq(inst->departments[0].name, "A");
    cr_assert_eq(inst->departments[0].tables, 2);
    cr_assert_not(inst->departments[0].has_quota);
    cr_assert_eq(inst->positions[0].places, 1);
    cr_assert_null(inst->positions[0].title);
    cr_assert_not(inst->seekers[0].has_available);
    cr_assert_eq(inst->n_scores, 1);
    cr_assert_null(inst->scores[0].why);
    fm_instance_free(inst);
}

Test(instance_json, reads_every_field_and_hashes_the_bytes)
{
    const char *json =
        "{\"format\":\"fairmatch-instance/1\",\"extra\":[1,2.5],"
        "\"fair\":{\"id\":\"F\",\"date\":\"2018-11-14\",\"start\":\"08:30\","
        "\"period_minutes\":20,\"periods\":6},"
        "\"policy\":{\"min_candidates_per_place\":1,\"max_candidates_per_place\":4,"
        "\"max_interviews_per_seeker\":3,\"min_gap_periods\":1,"
        "\"women_share\":{\"min\":0.25,\"max\":0.75},"
        "\"weights\":{\"gender\":7.5},\"time_limit_seconds\":2.5},"
        "\"departments\":[{\"id\":\"A\",\"name\":\"Alfa\",\"quota\":10,\"hired\":4}],"
        "\"positions\":[{\"id\":\"P\",\"department\":\"A\",\"places\":3,\"title\":\"T\","
        "\"occupation\":\"5312\"}],"
        "\"seekers\":[{\"id\":\"S\",\"gender\":\"other\",\"fairs_without_offer\":2,"
        "\"available\":[[3,5],[0,1]]},{\"id\":\"N\",\"gender\":\"man\",\"available\":[]}],"
        "\"scores\":[{\"seeker\":\"N\",\"position\":\"P\",\"score\":99.5,"
        "\"why\":{\"ssyk\":\"group\",\"points\":[1,2]}}]}";
    unsigned char sha[32];
    fm_instance *inst = NULL;
    fm_err err = {0};

    cr_assert_eq(parse(json, &inst, &err), FM_OK, "%s", err.msg);
    cr_assert_str_eq(inst->fair_id, "F");
    cr_assert_str_eq(inst->fair_date, "2018-11-14");
    cr_assert_eq(inst->start_minutes, 510);
    cr_assert_eq(inst->period_minutes, 20);
    cr_assert_eq(inst->max_interviews_per_seeker, 3);
    cr_assert_eq(inst->min_gap_periods, 1);
    cr_assert_not(inst->mirror_pool);
    cr_assert_float_eq(inst->share_min, 0.25, 1e-12);
    cr_assert_float_eq(inst->share_max, 0.75, 1e-12);
    cr_assert_float_eq(inst->weights.gender, 7.5, 1e-12);
    cr_assert_float_eq(inst->weights.coverage, 20, 1e-12); /* each weight defaults alone */
    cr_assert_float_eq(inst->time_limit_seconds, 2.5, 1e-12);
    cr_assert_str_eq(inst->departments[0].name, "Alfa");
    cr_assert(inst->departments[0].has_quota);
    cr_assert_eq(inst->departments[0].quota, 10);
    cr_assert_eq(inst->departments[0].hired, 4);
    cr_assert_eq(inst->positions[0].places, 3);
    cr_assert_str_eq(inst->positions[0].occupation, "5312");
    cr_assert_eq(inst->seekers[0].gender, FM_GENDER_OTHER);
    cr_assert_eq(inst->seekers[0].fairs_without_offer, 2);
    cr_assert_eq(inst->seekers[0].n_available, 2);
    cr_assert_eq(inst->seekers[0].available[1].from, 0);
    cr_assert_eq(inst->seekers[0].available[1].to, 1);
    cr_assert(inst->seekers[1].has_available);
    cr_assert_eq(inst->seekers[1].n_available, 0);
    cr_assert_eq(inst->scores[0].seeker, 1);
    cr_assert_float_eq(inst->scores[0].score, 99.5, 1e-12);
    cr_assert_str_eq(inst->scores[0].why, "{\"ssyk\":\"group\",\"points\":[1,2]}");
    crypto_hash_sha256(sha, (const unsigned char *)json, strlen(json));
    cr_assert_eq(memcmp(sha, inst->sha256, 32), 0);
    fm_instance_free(inst);
}

Test(instance_json, needs_no_terminating_nul_and_refuses_an_embedded_one)
{
    const char *json = "{" HEAD "," DEPS "," POSS "," SEEKS "," SCORES "}garbage";
    size_t len = strlen(json) - strlen("garbage");
    char *withnul = malloc(len + 5);
    fm_instance *inst = NULL;
    fm_err err = {0};

    cr_assert_eq(fm_instance_parse(json, len, "f.json", &inst, &err), FM_OK, "%s", err.msg);
    fm_instance_free(inst);
    inst = NULL;
    memcpy(withnul, json, len);
    memcpy(withnul + len, "\0 {}", 4);
    cr_assert_eq(fm_instance_parse(withnul, len + 4, "f.json", &inst, &err), FM_EINVAL);
    cr_assert_null(inst);
    free(withnul);
}

Test(instance_json, names_file_path_and_problem)
{
    expect_error("{\"format\": ", "fair.json: not valid JSON (near byte 11)");
    expect_error("[]", "fair.json: the document is not a JSON object");
    expect_error("{\"format\":\"fairmatch-instance/2\"}",
                 "fair.json: format: not \"fairmatch-instance/1\"");
    expect_error("{" HEAD "," DEPS ",\"positions\":[{\"id\":\"P1\",\"department\":\"A\"},"
                 "{\"id\":\"P2\",\"department\":\"A\"},{\"id\":\"P3\",\"department\":\"A\"},"
                 "{\"id\":\"P4\",\"department\":\"XYZ\"}]," SEEKS "," SCORES "}",
                 "fair.json: positions[3].department: unknown department \"XYZ\"");
    expect_error("{" HEAD ",\"departments\":[{\"id\":\"A\"},{\"id\":\"A\"}]," POSS "," SEEKS
                 "," SCORES "}",
                 "fair.json: departments[1].id: duplicate id \"A\"");
    expect_error("{" HEAD "," DEPS "," POSS "," SEEKS
                 ",\"scores\":[{\"seeker\":\"S2\",\"position\":\"P1\",\"score\":1},"
                 "{\"seeker\":\"S2\",\"position\":\"P1\",\"score\":2}]}",
                 "fair.json: scores[1].seeker: duplicate pair (seeker \"S2\", position \"P1\") "
                 "also in scores[0]");
    expect_error("{" HEAD "," DEPS "," POSS "," SEEKS
                 ",\"scores\":[{\"seeker\":\"S1\",\"position\":\"P1\",\"score\":-1}]}",
                 "fair.json: scores[0].score: out of range 0...100");
    expect_error("{" HEAD "," DEPS "," POSS "," SEEKS
                 ",\"scores\":[{\"seeker\":\"S9\",\"position\":\"P1\",\"score\":1}]}",
                 "fair.json: scores[0].seeker: unknown seeker \"S9\"");
    expect_error("{" HEAD "," DEPS "," POSS
                 ",\"seekers\":[{\"id\":\"S1\",\"gender\":\"woman\",\"available\":[[2,4]]}]," SCORES
                 "}",
                 "fair.json: seekers[0].available[0]: outside the day (periods 0...3)");
    expect_error("{" HEAD "," DEPS "," POSS
                 ",\"seekers\":[{\"id\":\"S1\",\"gender\":\"woman\",\"available\":[[2,1]]}]," SCORES
                 "}",
                 "fair.json: seekers[0].available[0]: from greater than to");
    expect_error(
        "{" HEAD "," DEPS "," POSS
        ",\"seekers\":[{\"id\":\"S1\",\"gender\":\"woman\",\"available\":[[0,1.0]]}]," SCORES "}",
        "fair.json: seekers[0].available[0][1]: not an integer");
    expect_error("{" HEAD ",\"policy\":{\"min_candidates_per_place\":4,"
                 "\"max_candidates_per_place\":3}," DEPS "," POSS "," SEEKS "," SCORES "}",
                 "fair.json: policy.min_candidates_per_place: greater than "
                 "max_candidates_per_place");
    expect_error(
        "{\"format\":\"fairmatch-instance/1\",\"fair\":{\"id\":\"f\",\"periods\":16.0}," DEPS
        "," POSS "," SEEKS "," SCORES "}",
        "fair.json: fair.periods: not an integer");
    expect_error("{\"format\":\"fairmatch-instance/1\",\"fair\":{\"id\":\"f\",\"periods\":97}," DEPS
                 "," POSS "," SEEKS "," SCORES "}",
                 "fair.json: fair.periods: out of range 1...96");
    expect_error("{\"format\":\"fairmatch-instance/1\",\"fair\":{\"id\":\"f\",\"start\":\"9:00\","
                 "\"periods\":4}," DEPS "," POSS "," SEEKS "," SCORES "}",
                 "fair.json: fair.start: not a time HH:MM");
    expect_error("{\"format\":\"fairmatch-instance/1\",\"fair\":{\"id\":\"f\",\"start\":\"22:00\","
                 "\"period_minutes\":30,\"periods\":5}," DEPS "," POSS "," SEEKS "," SCORES "}",
                 "fair.json: fair.start: the fair would run past midnight (5 periods of 30 "
                 "minutes)");
    expect_error("{" HEAD ",\"policy\":{\"women_share\":{\"min\":0.6,\"max\":0.4}}," DEPS "," POSS
                 "," SEEKS "," SCORES "}",
                 "fair.json: policy.women_share.min: greater than max");
    expect_error("{" HEAD ",\"policy\":{\"weights\":{\"quota\":-1}}," DEPS "," POSS "," SEEKS
                 "," SCORES "}",
                 "fair.json: policy.weights.quota: less than 0");
    expect_error("{" HEAD ",\"policy\":{\"weights\":{\"gender\":1e308}}," DEPS "," POSS "," SEEKS
                 "," SCORES "}",
                 "fair.json: policy.weights.gender: greater than 1e+09");
    expect_error("{" HEAD ",\"policy\":{\"time_limit_seconds\":0}," DEPS "," POSS "," SEEKS
                 "," SCORES "}",
                 "fair.json: policy.time_limit_seconds: not greater than 0");
    expect_error("{" HEAD ",\"policy\":[]," DEPS "," POSS "," SEEKS "," SCORES "}",
                 "fair.json: policy: not an object");
    expect_error("{" HEAD "," DEPS "," POSS
                 ",\"seekers\":[{\"id\":\"S1\",\"gender\":\"kvinna\"}]," SCORES "}",
                 "fair.json: seekers[0].gender: not \"woman\", \"man\" or \"other\"");
    expect_error("{" HEAD "," DEPS "," POSS "," SEEKS "}", "fair.json: scores: missing");
    expect_error("{" HEAD ",\"departments\":{}," POSS "," SEEKS "," SCORES "}",
                 "fair.json: departments: not an array");
    expect_error("{" HEAD ",\"departments\":[{\"id\":\"\"}]," POSS "," SEEKS "," SCORES "}",
                 "fair.json: departments[0].id: empty");
}
