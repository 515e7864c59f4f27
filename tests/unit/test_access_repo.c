/*
 * test_access_repo.c - the access questions (src/store/access_repo.c): a
 * department sees a fair where it has a position or tables, its candidates
 * are the seekers it interviews, and the candidate search escapes LIKE.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "fairmatch/interview.h"
#include "store_fixture.h"

FX_SUITE(access_repo);

static void plan_d1(void)
{
    static const fm_planned_interview plan[] = {{"S1", "P1", 0, 1, 0.9, NULL},
                                                {"S3", "P1", 1, 1, 0.2, NULL}};
    cr_assert_eq(fm_store_fair_plan_save(db, "t", "F1", -1, plan, 2, "{}", "{}", &err), FM_OK, "%s",
                 err.msg);
}

Test(access_repo, a_department_sees_a_fair_with_its_position_or_tables)
{
    bool yes = true;

    cr_assert_eq(fm_store_fair_visible_to(db, "F1", "D1", &yes, &err), FM_OK, "%s", err.msg);
    cr_assert(yes);
    fx_exec(db, "INSERT INTO departments(id, name) VALUES ('D3', 'Library')");
    cr_assert_eq(fm_store_fair_visible_to(db, "F1", "D3", &yes, &err), FM_OK);
    cr_assert_not(yes);
    fx_exec(db, "INSERT INTO fair_departments(fair_id, department_id, tables) VALUES"
                " ('F1', 'D3', 1)");
    cr_assert_eq(fm_store_fair_visible_to(db, "F1", "D3", &yes, &err), FM_OK);
    cr_assert(yes);
}

Test(access_repo, candidates_are_the_seekers_the_department_interviews)
{
    fm_candidate *v = NULL;
    size_t n = 0, total = 0;
    bool yes = false;

    plan_d1();
    cr_assert_eq(fm_store_seeker_is_candidate(db, "S1", "D1", &yes, &err), FM_OK, "%s", err.msg);
    cr_assert(yes);
    cr_assert_eq(fm_store_seeker_is_candidate(db, "S1", "D2", &yes, &err), FM_OK);
    cr_assert_not(yes);
    cr_assert_eq(fm_store_candidate_list(db, "D1", NULL, 1, 10, &v, &n, &total, &err), FM_OK, "%s",
                 err.msg);
    cr_assert_eq(n, 2);
    cr_assert_eq(total, 2);
    cr_assert_str_eq(v[0].id, "S1");
    cr_assert_null(v[1].first_name); /* S3 has no name: NULL, not out of memory */
    fm_candidate_list_free(v, n);
}

Test(access_repo, the_search_pages_and_takes_wildcards_literally)
{
    fm_candidate *v = NULL;
    size_t n = 0, total = 0;

    plan_d1();
    cr_assert_eq(fm_store_candidate_list(db, "D1", NULL, 2, 1, &v, &n, &total, &err), FM_OK);
    cr_assert_eq(n, 1);
    cr_assert_eq(total, 2);
    cr_assert_str_eq(v[0].id, "S3");
    fm_candidate_list_free(v, n);
    cr_assert_eq(fm_store_candidate_list(db, "D1", "ann", 1, 10, &v, &n, &total, &err), FM_OK);
    cr_assert_eq(n, 1);
    cr_assert_str_eq(v[0].id, "S1");
    fm_candidate_list_free(v, n);
    cr_assert_eq(fm_store_candidate_list(db, "D1", "%", 1, 10, &v, &n, &total, &err), FM_OK);
    cr_assert_eq(n, 0);
    cr_assert_eq(total, 0);
    fm_candidate_list_free(v, n);
}
