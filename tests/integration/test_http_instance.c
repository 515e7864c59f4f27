/*
 * test_http_instance.c - the instance the server builds for a fair
 * (fairmatch/export.h): the documented score, eligibility filters, who is in
 * it, and that fm_instance_parse accepts it as the solver will.
 */
#include "fairmatch/export.h"
#include "fairmatch/instance.h"
#include "integration/http_harness.h"

static void seed_only(void)
{
    snprintf(h_dir, sizeof h_dir, "/tmp/fm_inst_XXXXXX");
    cr_assert_not_null(mkdtemp(h_dir));
    snprintf(h_db, sizeof h_db, "%s/test.db", h_dir);
    h_seed();
}

static void cleanup(void)
{
    char p[200];
    const char *sfx[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s%s", h_db, sfx[i]);
        unlink(p);
    }
    rmdir(h_dir);
}

TestSuite(http_instance, .init = seed_only, .fini = cleanup);

Test(http_instance, score_follows_the_documented_rule)
{
    cr_assert_float_eq(fm_export_score("5312", "", "5312"), 100.0, 1e-9);
    cr_assert_float_eq(fm_export_score("9999|5312", "", "5312"), 85.0, 1e-9);
    cr_assert_float_eq(fm_export_score("5311", "", "5312"), 60.0, 1e-9);
    cr_assert_float_eq(fm_export_score("5399", "", "5312"), 30.0, 1e-9);
    cr_assert_float_eq(fm_export_score("1|2|3|4|5|6|5312", "", "5312"), 0.0, 1e-9);
    cr_assert_float_eq(fm_export_score("", "5312", "5312"), 50.0, 1e-9);
    /* Rank 1 at 3 digits: 0.6 * 0.85 = 51 beats experience at 4 digits (50). */
    cr_assert_float_eq(fm_export_score("9999|5311", "5312", "5312"), 51.0, 1e-9);
    cr_assert_float_eq(fm_export_score("5312", "", ""), 0.0, 1e-9);
    cr_assert_float_eq(fm_export_score("4110", "9111", "5312"), 0.0, 1e-9);
}

/*
 * Run sql on the seeded database, then export fair F1's instance and parse
 * it. OUT: *s (open; caller closes), *json (caller frees).
 */
static fm_instance *instance_after(const char *sql, fm_store **s, char **json)
{
    fm_instance *inst = NULL;
    size_t len = 0;
    fm_err err = {0};
    sqlite3 *db = NULL;

    cr_assert_eq(sqlite3_open(h_db, &db), SQLITE_OK);
    cr_assert_eq(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    cr_assert_eq(fm_store_open(h_db, s, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(fm_export_instance_json(*s, "F1", json, &len, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(fm_instance_parse(*json, len, "F1", &inst, &err), FM_OK, "%s\n%s", err.msg, *json);
    return inst;
}

Test(http_instance, fair_instance_parses_and_filters)
{
    fm_store *s = NULL;
    char *json = NULL;
    size_t len = 0;
    fm_err err = {0};
    /* PB1 needs a licence: S2 has none, S4 has. PA1 needs Swedish 3: S2 has 2. */
    fm_instance *inst =
        instance_after("UPDATE positions SET requires_driving_licence = 1 WHERE id = 'PB1';"
                       "UPDATE positions SET min_swedish_level = 3 WHERE id = 'PA1';",
                       &s, &json);

    cr_assert_eq(inst->periods, 8);
    cr_assert_eq(inst->n_departments, 2);
    cr_assert_eq(inst->n_positions, 2);
    cr_assert_eq(inst->n_seekers, 6);
    for (size_t k = 0; k < inst->n_scores; k++) {
        const char *seeker = inst->seekers[inst->scores[k].seeker].id;
        const char *pos = inst->positions[inst->scores[k].position].id;
        cr_assert(!(strcmp(seeker, "S2") == 0 && strcmp(pos, "PA1") == 0), "S2 lacks Swedish");
        cr_assert(!(strcmp(seeker, "S2") == 0 && strcmp(pos, "PB1") == 0), "S2 lacks a licence");
        cr_assert(!(strcmp(seeker, "S5") == 0 && strcmp(pos, "PB1") == 0), "S5 lacks a licence");
        cr_assert_gt(inst->scores[k].score, 0);
    }
    fm_instance_free(inst);
    free(json);
    cr_assert_eq(fm_export_instance_json(s, "NOPE", &json, &len, &err), FM_ENOTFOUND);
    fm_store_close(s);
}

Test(http_instance, names_with_quotes_stay_valid_json)
{
    fm_store *s = NULL;
    char *json = NULL;
    fm_instance *inst =
        instance_after("UPDATE departments SET name = 'A \"quoted\" \\ name' WHERE id ="
                       " 'UBF'; UPDATE positions SET title = 'tab\there' WHERE id = 'PA1'",
                       &s, &json);

    cr_assert_str_eq(inst->departments[1].name, "A \"quoted\" \\ name");
    fm_instance_free(inst);
    free(json);
    fm_store_close(s);
}
