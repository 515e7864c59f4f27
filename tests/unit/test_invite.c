/*
 * test_invite.c - the pure half of the invitation builder
 * (src/core/invite.c): ranking by need, never by sex; stratified selection
 * mirroring the pool within one person per stratum; the employed never
 * proposed; the plan's JSON.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/invite.h"

static fm_invite_candidate cand(const char *id, const char *gender, int missed, const char *reg)
{
    fm_invite_candidate c = {0};
    c.seeker_id = (char *)id;
    c.gender = (char *)gender;
    c.fairs_without_offer = missed;
    c.registered = (char *)reg;
    return c;
}

Test(invite, ranks_the_passed_over_then_the_longest_waiting_never_by_sex)
{
    fm_invite_candidate v[] = {
        cand("S4", "woman", 0, "2018-05-01"), cand("S1", "man", 0, "2018-01-01"),
        cand("S3", "woman", 2, "2018-09-01"), cand("S2", "man", 0, NULL),
        cand("S5", "other", 1, "2018-02-01"),
    };
    qsort(v, 5, sizeof v[0], fm_invite_rank_cmp);
    const char *want[] = {"S3", "S5", "S1", "S4", "S2"};
    for (int i = 0; i < 5; i++)
        cr_assert_str_eq(v[i].seeker_id, want[i], "place %d", i);
}

Test(invite, the_group_mirrors_the_pool_within_one_person_per_stratum)
{
    /* 7 women, 11 men, 2 other in rank order; every count 0...20. */
    fm_invite_candidate v[20];
    static char ids[20][8];
    static const char *genders = "wmmwmomwmwmmwommwmmw"; /* 7 w, 11 m, 2 o */
    for (int i = 0; i < 20; i++) {
        snprintf(ids[i], sizeof ids[i], "S%02d", i);
        v[i] = cand(ids[i],
                    genders[i] == 'w'   ? "woman"
                    : genders[i] == 'm' ? "man"
                                        : "other",
                    0, NULL);
    }
    int pool[3] = {0, 0, 0};
    for (int i = 0; i < 20; i++)
        pool[!strcmp(v[i].gender, "woman") ? 0 : !strcmp(v[i].gender, "man") ? 1 : 2]++;
    for (int count = 0; count <= 20; count++) {
        int w, m, o, proposed = 0;
        fm_invite_stratify(v, 20, count, &w, &m, &o);
        for (int i = 0; i < 20; i++)
            proposed += v[i].proposed;
        cr_assert_eq(proposed, count);
        cr_assert_eq(w + m + o, count);
        int got[3] = {w, m, o};
        for (int g = 0; g < 3; g++) {
            double exact = (double)count * pool[g] / 20.0;
            cr_assert(got[g] >= exact - 1.0 && got[g] <= exact + 1.0,
                      "count %d stratum %d: %d vs %.2f", count, g, got[g], exact);
        }
    }
}

Test(invite, each_stratum_gives_its_best_ranked)
{
    fm_invite_candidate v[] = {
        cand("A", "man", 0, NULL),   cand("B", "man", 0, NULL),   cand("C", "man", 0, NULL),
        cand("D", "woman", 0, NULL), cand("E", "woman", 0, NULL), cand("F", "man", 0, NULL),
    };
    int w = 0, m = 0;
    /* Pool 4 men, 2 women; 3 places: 2 men, 1 woman, the best of each. */
    fm_invite_stratify(v, 6, 3, &w, &m, NULL);
    cr_assert_eq(w, 1);
    cr_assert_eq(m, 2);
    cr_assert(v[0].proposed && v[1].proposed && !v[2].proposed);
    cr_assert(v[3].proposed && !v[4].proposed && !v[5].proposed);
}

Test(invite, the_employed_are_never_proposed)
{
    fm_invite_candidate v[] = {
        cand("A", "woman", 3, NULL),
        cand("B", "woman", 0, NULL),
        cand("C", "man", 0, NULL),
    };
    v[0].employed = true;
    int w = 0, m = 0;
    fm_invite_stratify(v, 3, 5, &w, &m, NULL);
    cr_assert(!v[0].proposed);
    cr_assert(v[1].proposed && v[2].proposed);
    cr_assert_eq(w + m, 2, "the count is capped at the pool");
}

Test(invite, the_plan_as_json)
{
    fm_invite_candidate c = cand("S\"1", "woman", 1, "2018-01-01");
    fm_invite_plan p = {0};
    fm_buf b = FM_BUF_INIT;
    c.best_score = 7350;
    c.proposed = true;
    p.fair_id = (char *)"F1";
    p.per_place = 2;
    p.attendance = 1;
    p.cands = &c;
    p.n_cands = 1;
    cr_assert_eq(fm_invite_plan_json(&p, &b), FM_OK);
    cr_assert_not_null(strstr(b.data, "\"seeker_id\":\"S\\\"1\""), "%s", b.data);
    cr_assert_not_null(strstr(b.data, "\"best_score\":73.50"), "%s", b.data);
    cr_assert_not_null(strstr(b.data, "\"proposed\":true"), "%s", b.data);
    cr_assert_not_null(strstr(b.data, "\"positions\":[]}"), "%s", b.data);
    fm_buf_release(&b);
}
