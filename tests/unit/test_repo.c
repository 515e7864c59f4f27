/*
 * test_repo.c - the entity store functions (src/store/<entity>_repo.c, repo.c) and
 * the pure validators behind them (src/core/<entity>.c), on in-memory
 * databases.
 */
#include <criterion/criterion.h>
#include <stdint.h>
#include <string.h>

#include "fairmatch/department.h"
#include "fairmatch/employment.h"
#include "fairmatch/fair.h"
#include "fairmatch/position.h"
#include "fairmatch/programme.h"
#include "fairmatch/seeker.h"
#include "fairmatch/store.h"
#include "store_fixture.h"

/* Records hold char *; tests fill them from literals they never write through. */
#define S(lit) ((char *)(uintptr_t)(lit))

static fm_store *db;
static fm_err err;

static void setup(void)
{
    memset(&err, 0, sizeof err);
    cr_assert_eq(fm_store_open(":memory:", &db, &err), FM_OK, "%s", err.msg);
}

static void teardown(void)
{
    fm_store_close(db);
}

TestSuite(repo, .init = setup, .fini = teardown);

static void add_department(const char *id, const char *name)
{
    fm_department d = {(char *)id, (char *)name, 100, 1};
    cr_assert_eq(fm_store_department_upsert(db, &d, FM_DEPARTMENT_ALL, NULL, NULL, &err), FM_OK,
                 "%s", err.msg);
}

static void add_seeker(const char *id, const char *first, const char *last, const char *pnr)
{
    fm_seeker p;
    fm_seeker_init(&p);
    p.id = (char *)id;
    p.first_name = (char *)first;
    p.last_name = (char *)last;
    p.personal_number = (char *)pnr;
    cr_assert_eq(fm_store_seeker_upsert(db, &p, FM_SEEKER_ALL, NULL, NULL, &err), FM_OK, "%s",
                 err.msg);
}

Test(repo, department_upsert_reports_created_changed_and_noop)
{
    fm_department d = {S("UBF"), S("Utbildning"), 10, 2}, got;
    bool created, changed;
    cr_assert_eq(fm_store_department_upsert(db, &d, FM_DEPARTMENT_ALL, &created, &changed, &err),
                 FM_OK);
    cr_assert(created && changed);
    cr_assert_eq(fm_store_department_upsert(db, &d, FM_DEPARTMENT_ALL, &created, &changed, &err),
                 FM_OK);
    cr_assert(!created && !changed);
    d.employees = 11;
    d.tables = 5;
    /* Only employees is written; tables keeps 2. */
    cr_assert_eq(
        fm_store_department_upsert(db, &d, FM_DEPARTMENT_EMPLOYEES, &created, &changed, &err),
        FM_OK);
    cr_assert(!created && changed);
    cr_assert_eq(fm_store_department_get(db, "UBF", &got, &err), FM_OK);
    cr_assert_eq(got.employees, 11);
    cr_assert_eq(got.tables, 2);
    fm_department_release(&got);
}

Test(repo, department_get_missing_and_delete_referenced)
{
    fm_department got;
    cr_assert_eq(fm_store_department_get(db, "NOPE", &got, &err), FM_ENOTFOUND);
    cr_assert_str_eq(err.msg, "no department \"NOPE\"");
    add_department("UBF", "Utbildning");
    add_seeker("S1", "A", "B", NULL);
    fm_employment e = {0};
    e.seeker_id = S("S1");
    e.department_id = S("UBF");
    e.decision_date = S("2018-01-10");
    cr_assert_eq(fm_store_employment_upsert(db, &e, FM_EMPLOYMENT_ALL, NULL, NULL, NULL, &err),
                 FM_OK, "%s", err.msg);
    cr_assert_eq(fm_store_department_delete(db, "UBF", &err), FM_ECONFLICT);
    cr_assert_eq(fm_store_department_delete(db, "NOPE", &err), FM_ENOTFOUND);
}

Test(repo, department_validation)
{
    fm_department d = {S("A"), S(""), 1, 1};
    cr_assert_eq(fm_department_validate(&d, &err), FM_EINVAL);
    cr_assert_str_eq(err.msg, "name: missing value");
    d.name = S("x");
    d.tables = 101;
    cr_assert_eq(fm_department_validate(&d, &err), FM_EINVAL);
    d.tables = 0;
    d.employees = -1;
    cr_assert_eq(fm_department_validate(&d, &err), FM_EINVAL);
}

Test(repo, seeker_personal_number_is_stored_but_never_read)
{
    fm_seeker p;
    add_seeker("S1", "Åsa", "Öberg", "811218-9876");
    cr_assert_eq(fm_store_seeker_get(db, "S1", &p, &err), FM_OK);
    cr_assert_null(p.personal_number);
    cr_assert_str_eq(p.first_name, "Åsa");
    fm_seeker_release(&p);
    /* A bad number is refused before it reaches the table. */
    fm_seeker_init(&p);
    p.id = S("S2");
    p.first_name = S("Bo");
    p.last_name = S("Ek");
    p.personal_number = S("811218-9875");
    cr_assert_eq(fm_store_seeker_upsert(db, &p, FM_SEEKER_ALL, NULL, NULL, &err), FM_EINVAL);
    cr_assert_not_null(strstr(err.msg, "personal_number"));
}

Test(repo, seeker_list_searches_folding_swedish_letters_and_pages)
{
    fm_seeker *v = NULL;
    size_t n = 0, total = 0;
    add_seeker("S1", "Åsa", "Öberg", NULL);
    add_seeker("S2", "Bo", "Ek", NULL);
    add_seeker("S3", "Åke", "Lund", NULL);
    add_seeker("S4", "Eva", "Åström", NULL);
    fm_seeker_query q = {.search = "åS"};
    cr_assert_eq(fm_store_seeker_list(db, &q, &v, &n, &total, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(n, 2); /* Åsa Öberg, Eva Åström */
    cr_assert_eq(total, 2);
    cr_assert_str_eq(v[0].id, "S1");
    cr_assert_str_eq(v[1].id, "S4");
    fm_seeker_list_free(v, n);
    fm_seeker_query page = {.page = 2, .per_page = 3};
    cr_assert_eq(fm_store_seeker_list(db, &page, &v, &n, &total, &err), FM_OK);
    cr_assert_eq(n, 1);
    cr_assert_eq(total, 4);
    cr_assert_str_eq(v[0].id, "S4");
    fm_seeker_list_free(v, n);
    fm_seeker_query big = {.per_page = 1001};
    cr_assert_eq(fm_store_seeker_list(db, &big, &v, &n, NULL, &err), FM_EINVAL);
}

Test(repo, seeker_codes_and_validation)
{
    fm_gender g;
    cr_assert(fm_gender_parse("KVINNA", &g) && g == FM_GENDER_WOMAN);
    cr_assert(fm_gender_parse("m", &g) && g == FM_GENDER_MAN);
    cr_assert(fm_gender_parse("X", &g) && g == FM_GENDER_OTHER);
    cr_assert(!fm_gender_parse("q", &g));
    cr_assert(fm_ssyk_list_valid("", NULL));
    cr_assert(fm_ssyk_list_valid("5311|4410", NULL));
    cr_assert(!fm_ssyk_list_valid("5311||4410", NULL));
    cr_assert(!fm_ssyk_list_valid("5311|", NULL));
    fm_seeker p;
    fm_seeker_init(&p);
    p.id = S("S");
    cr_assert_eq(fm_seeker_validate(&p, &err), FM_EINVAL);
    cr_assert_str_eq(err.msg, "first_name: missing value");
    p.first_name = S("Bo");
    p.last_name = S("");
    cr_assert_eq(fm_seeker_validate(&p, &err), FM_EINVAL);
    cr_assert_str_eq(err.msg, "last_name: missing value");
    p.last_name = S("Ek");
    p.swedish_level = 6;
    cr_assert_eq(fm_seeker_validate(&p, &err), FM_EINVAL);
    cr_assert_str_eq(err.msg, "swedish_level: 6 is not between 0 and 5");
    /* A purged seeker has no names left, and is still a valid record. */
    p.swedish_level = -1;
    p.first_name = p.last_name = NULL;
    p.purged = true;
    cr_assert_eq(fm_seeker_validate(&p, &err), FM_OK, "%s", err.msg);
}

Test(repo, fairs_validate_and_sort_by_date)
{
    fm_fair f = {S("F1"), S("2018-05-01"), S("09:00"), 15, 16, NULL, NULL, NULL}, got;
    fm_fair g = {S("F0"), S("2018-06-01"), S("09:00"), 15, 16, S("Juni"), S("Hus"), S("held")};
    fm_fair *v = NULL;
    size_t n = 0;
    cr_assert_eq(fm_store_fair_upsert(db, &f, FM_FAIR_ALL, NULL, NULL, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(fm_store_fair_upsert(db, &g, FM_FAIR_ALL, NULL, NULL, &err), FM_OK);
    cr_assert_eq(fm_store_fair_list(db, &v, &n, &err), FM_OK);
    cr_assert_eq(n, 2);
    cr_assert_str_eq(v[0].id, "F1");
    cr_assert_str_eq(v[0].status, "planned");
    fm_fair_list_free(v, n);
    cr_assert_eq(fm_store_fair_get(db, "F0", &got, &err), FM_OK);
    cr_assert_str_eq(got.place, "Hus");
    fm_fair_release(&got);
    f.start = S("23:00");
    f.period_minutes = 30;
    f.periods = 3;
    cr_assert_eq(fm_fair_validate(&f, &err), FM_EINVAL);
    f.start = S("21:30");
    cr_assert_eq(fm_fair_validate(&f, &err), FM_OK); /* ends at exactly 24:00 */
}

Test(repo, positions_need_existing_department_and_fair)
{
    fm_position p = {S("P1"), S("UBF"), S("F1"), S("Titel"), S("5311"), 2, 0, -1, 62.5}, got;
    cr_assert_eq(fm_store_position_upsert(db, &p, FM_POSITION_ALL, NULL, NULL, &err), FM_ENOTFOUND);
    cr_assert_str_eq(err.msg, "department: \"UBF\" is not a known department");
    add_department("UBF", "Utbildning");
    fm_fair f = {S("F1"), S("2018-05-01"), S("09:00"), 15, 16, NULL, NULL, NULL};
    cr_assert_eq(fm_store_fair_upsert(db, &f, FM_FAIR_ALL, NULL, NULL, &err), FM_OK);
    cr_assert_eq(fm_store_position_upsert(db, &p, FM_POSITION_ALL, NULL, NULL, &err), FM_OK, "%s",
                 err.msg);
    cr_assert_eq(fm_store_position_get(db, "P1", &got, &err), FM_OK);
    cr_assert_float_eq(got.extent, 62.5, 1e-9);
    cr_assert_eq(got.min_swedish_level, -1);
    fm_position_release(&got);
    p.occupation = S("53");
    cr_assert_eq(fm_position_validate(&p, &err), FM_EINVAL);
}

Test(repo, employments_keyed_and_filtered)
{
    fm_employment e = {0}, got;
    fm_employment *v = NULL;
    size_t n = 0;
    long long id = 0;
    bool created = false;
    add_department("UBF", "Utbildning");
    add_seeker("S1", "A", "B", NULL);
    e.seeker_id = S("S1");
    e.department_id = S("UBF");
    e.decision_date = S("2018-02-10");
    e.end_reason = S("moved");
    cr_assert_eq(fm_store_employment_upsert(db, &e, FM_EMPLOYMENT_ALL, &created, NULL, &id, &err),
                 FM_OK);
    cr_assert(created);
    cr_assert_gt(id, 0);
    cr_assert(!fm_end_reason_is_outcome("moved"));
    cr_assert(fm_end_reason_is_outcome("to_work"));
    e.end_reason = S("fired");
    cr_assert_eq(fm_store_employment_upsert(db, &e, FM_EMPLOYMENT_ALL, NULL, NULL, NULL, &err),
                 FM_EINVAL);
    fm_employment_query q = {.decided_from = "2018-02-01", .decided_to = "2018-02-28"};
    cr_assert_eq(fm_store_employment_list(db, &q, &v, &n, &err), FM_OK);
    cr_assert_eq(n, 1);
    fm_employment_list_free(v, n);
    q.decided_from = "2018-03-01";
    q.decided_to = NULL;
    cr_assert_eq(fm_store_employment_list(db, &q, &v, &n, &err), FM_OK);
    cr_assert_eq(n, 0);
    cr_assert_eq(fm_store_employment_get(db, id, &got, &err), FM_OK);
    cr_assert_str_eq(got.end_reason, "moved");
    fm_employment_release(&got);
    cr_assert_eq(fm_store_employment_delete(db, id, &err), FM_OK);
    cr_assert_eq(fm_store_employment_get(db, id, &got, &err), FM_ENOTFOUND);
}

Test(repo, programme_set_and_get)
{
    fm_programme p = {700, "2017-01-01", "2018-12-31"}, got;
    cr_assert_eq(fm_store_programme_get(db, &got, &err), FM_ENOTFOUND);
    cr_assert_eq(fm_store_programme_set(db, &p, &err), FM_OK, "%s", err.msg);
    p.goal = 741;
    cr_assert_eq(fm_store_programme_set(db, &p, &err), FM_OK);
    cr_assert_eq(fm_store_programme_get(db, &got, &err), FM_OK);
    cr_assert_eq(got.goal, 741);
    cr_assert_str_eq(got.end_date, "2018-12-31");
    fm_programme bad = {1, "2019-01-01", "2018-12-31"};
    cr_assert_eq(fm_store_programme_set(db, &bad, &err), FM_EINVAL);
    cr_assert_str_eq(err.msg, "end: 2018-12-31 is before start 2019-01-01");
}

Test(repo, programme_save_writes_the_programme_and_its_audit_row_or_nothing)
{
    fm_programme p = {700, "2017-01-01", "2018-12-31"}, got;
    fm_programme bad = {1, "2019-01-01", "2018-12-31"};

    cr_assert_eq(fm_store_programme_save(db, "cli", &p, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(fm_store_programme_get(db, &got, &err), FM_OK);
    cr_assert_eq(got.goal, 700);
    cr_assert_eq(fx_count(db, "SELECT count(*) FROM audit_log WHERE actor = 'cli'"
                              " AND action = 'update' AND entity = 'programme'"
                              " AND entity_id = '1'"
                              " AND detail = 'goal 700, 2017-01-01...2018-12-31'"),
                 1);
    cr_assert_eq(fm_store_programme_save(db, "cli", &bad, &err), FM_EINVAL);
    cr_assert_eq(fx_count(db, "SELECT count(*) FROM audit_log"), 1);
    cr_assert_eq(fm_store_programme_get(db, &got, &err), FM_OK);
    cr_assert_str_eq(got.start_date, "2017-01-01");
}
