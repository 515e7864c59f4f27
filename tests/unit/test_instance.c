/*
 * test_instance.c - the model's derived numbers (src/core/instance.c) on a
 * hand-built instance whose K_i, L, U, a_i, b_d and objectives were worked
 * out on paper (numbers in the comments).
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/instance.h"
#include "test_files.h"

static fm_range *ranges(size_t n, const int *pairs)
{
    fm_range *r = calloc(n ? n : 1, sizeof *r);
    cr_assert_not_null(r);
    for (size_t i = 0; i < n; i++) {
        r[i].from = pairs[2 * i];
        r[i].to = pairs[2 * i + 1];
    }
    return r;
}

/*
 * T = 6, gap = 1, at most 2 interviews, minc 2, maxc 3, default weights
 * (coverage 20, shortfall 1000, gender 200, missed 5 capped at 3, quota 10),
 * mirror pool with tolerance 0.1.
 * Departments: A (quota 10, hired 4), B (no quota), C (quota 0), D (quota 5, hired 9).
 * Positions: P0 in A with 1 place, P1 in B with 2 places.
 * Seekers: S0 woman, 5 missed fairs, no availability given;
 *          S1 man, 1 missed fair, available [[2,2],[0,0]];
 *          S2 other, available [];
 *          S3 woman, available [[1,3],[2,5]] (overlapping).
 * Scores: 0 (S0,P0,50), 1 (S1,P0,30), 2 (S3,P1,70), 3 (S0,P1,10).
 */
static fm_instance *hand_instance(void)
{
    fm_instance *in = test_instance_frame(6, 2, 3, 0.1);
    in->time_limit_seconds = 60;

    in->n_departments = 4;
    in->departments = calloc(4, sizeof *in->departments);
    const char *dn[] = {"A", "B", "C", "D"};
    for (int d = 0; d < 4; d++) {
        in->departments[d].id = test_dup(dn[d]);
        in->departments[d].name = test_dup(dn[d]);
        in->departments[d].tables = 1;
    }
    in->departments[0].has_quota = true;
    in->departments[0].quota = 10;
    in->departments[0].hired = 4;
    in->departments[2].has_quota = true;
    in->departments[3].has_quota = true;
    in->departments[3].quota = 5;
    in->departments[3].hired = 9;

    in->n_positions = 2;
    in->positions = calloc(2, sizeof *in->positions);
    in->positions[0] = (fm_inst_position){test_dup("P0"), 0, 1, NULL, NULL};
    in->positions[1] = (fm_inst_position){test_dup("P1"), 1, 2, NULL, NULL};

    in->n_seekers = 4;
    in->seekers = calloc(4, sizeof *in->seekers);
    in->seekers[0] = (fm_inst_seeker){test_dup("S0"), FM_GENDER_WOMAN, 5, false, 0, NULL};
    in->seekers[1] = (fm_inst_seeker){
        test_dup("S1"), FM_GENDER_MAN, 1, true, 2, ranges(2, (const int[]){2, 2, 0, 0})};
    in->seekers[2] = (fm_inst_seeker){test_dup("S2"), FM_GENDER_OTHER, 0, true, 0, NULL};
    in->seekers[3] = (fm_inst_seeker){
        test_dup("S3"), FM_GENDER_WOMAN, 0, true, 2, ranges(2, (const int[]){1, 3, 2, 5})};

    in->n_scores = 4;
    in->scores = calloc(4, sizeof *in->scores);
    in->scores[0] = (fm_inst_score){0, 0, 50, NULL};
    in->scores[1] = (fm_inst_score){1, 0, 30, NULL};
    in->scores[2] = (fm_inst_score){3, 1, 70, NULL};
    in->scores[3] = (fm_inst_score){0, 1, 10, test_dup("{\"interest\":1}")};
    return in;
}

Test(instance, capacity_counts_greedily_over_the_union_of_ranges)
{
    fm_instance *in = hand_instance();
    /* S0: all 6 periods, gap 1 -> floor(7/2) = 3, capped at 2. */
    cr_assert_eq(fm_instance_capacity(in, 0), 2);
    /* S1: periods {0, 2} -> 0 then 2 (2 >= 0+2) -> 2. */
    cr_assert_eq(fm_instance_capacity(in, 1), 2);
    /* S2: available [] -> 0. */
    cr_assert_eq(fm_instance_capacity(in, 2), 0);
    /* S3: union 1..5 -> 1, 3, 5 = 3, capped at 2. */
    cr_assert_eq(fm_instance_capacity(in, 3), 2);

    in->max_interviews_per_seeker = 20;
    cr_assert_eq(fm_instance_capacity(in, 0), 3);
    cr_assert_eq(fm_instance_capacity(in, 3), 3);
    in->min_gap_periods = 2;
    /* S0: floor((6+2)/3) = 2; S1: 0 then >= 3: none -> 1; S3: 1, 4 -> 2. */
    cr_assert_eq(fm_instance_capacity(in, 0), 2);
    cr_assert_eq(fm_instance_capacity(in, 1), 1);
    cr_assert_eq(fm_instance_capacity(in, 3), 2);
    in->min_gap_periods = 0;
    /* No gap: every available period counts. */
    cr_assert_eq(fm_instance_capacity(in, 0), 6);
    cr_assert_eq(fm_instance_capacity(in, 1), 2);
    cr_assert_eq(fm_instance_capacity(in, 3), 5);
    fm_instance_free(in);
}

Test(instance, available_mask_is_the_union_of_ranges)
{
    fm_instance *in = hand_instance();
    unsigned char m[6];
    fm_instance_available_mask(in, 0, m);
    cr_assert_eq(memcmp(m, "\1\1\1\1\1\1", 6), 0);
    fm_instance_available_mask(in, 1, m);
    cr_assert_eq(memcmp(m, "\1\0\1\0\0\0", 6), 0);
    fm_instance_available_mask(in, 2, m);
    cr_assert_eq(memcmp(m, "\0\0\0\0\0\0", 6), 0);
    fm_instance_available_mask(in, 3, m);
    cr_assert_eq(memcmp(m, "\0\1\1\1\1\1", 6), 0);
    fm_instance_free(in);
}

Test(instance, share_bounds_mirror_the_pool_or_are_explicit)
{
    fm_instance *in = hand_instance();
    double lo, hi;
    /* 2 women of 4 seekers (every gender counted): r = 0.5. */
    fm_instance_share_bounds(in, &lo, &hi);
    cr_assert_float_eq(lo, 0.4, 1e-12);
    cr_assert_float_eq(hi, 0.6, 1e-12);
    in->tolerance = 0.7; /* clamped to [0, 1] */
    fm_instance_share_bounds(in, &lo, &hi);
    cr_assert_eq(lo, 0.0);
    cr_assert_eq(hi, 1.0);
    in->tolerance = 0.0;
    fm_instance_share_bounds(in, &lo, &hi);
    cr_assert_eq(lo, 0.5);
    cr_assert_eq(hi, 0.5);
    in->mirror_pool = false;
    in->share_min = 0.25;
    in->share_max = 0.75;
    fm_instance_share_bounds(in, &lo, &hi);
    cr_assert_eq(lo, 0.25);
    cr_assert_eq(hi, 0.75);
    fm_instance_free(in);
}

Test(instance, share_bounds_with_no_seekers_use_r_zero)
{
    fm_instance *in = calloc(1, sizeof *in);
    double lo, hi;
    in->mirror_pool = true;
    in->tolerance = 0.1;
    fm_instance_share_bounds(in, &lo, &hi);
    cr_assert_eq(lo, 0.0);
    cr_assert_float_eq(hi, 0.1, 1e-15);
    fm_instance_free(in);
}

Test(instance, priorities_follow_missed_fairs_and_quotas)
{
    fm_instance *in = hand_instance();
    cr_assert_float_eq(fm_instance_seeker_priority(in, 0), 15.0, 1e-12); /* 5 * min(5, 3) */
    cr_assert_float_eq(fm_instance_seeker_priority(in, 1), 5.0, 1e-12);  /* 5 * 1 */
    cr_assert_eq(fm_instance_seeker_priority(in, 2), 0.0);
    in->weights.missed_fair_cap = 2.5; /* a real-valued cap is used as given */
    cr_assert_float_eq(fm_instance_seeker_priority(in, 0), 12.5, 1e-12);

    /* A: 10 * (10 - 4) / 10 = 6; B: no quota; C: quota 0 -> 0 / 1; D: ahead -> 0. */
    cr_assert_float_eq(fm_instance_department_priority(in, 0), 6.0, 1e-12);
    cr_assert_eq(fm_instance_department_priority(in, 1), 0.0);
    cr_assert_eq(fm_instance_department_priority(in, 2), 0.0);
    cr_assert_eq(fm_instance_department_priority(in, 3), 0.0);
    in->departments[0].hired = 7; /* real division: 10 * 3 / 10 */
    cr_assert_float_eq(fm_instance_department_priority(in, 0), 3.0, 1e-12);
    in->departments[0].quota = 3;
    in->departments[0].hired = 2; /* 10 * 1 / 3 */
    cr_assert_float_eq(fm_instance_department_priority(in, 0), 10.0 / 3.0, 1e-12);
    fm_instance_free(in);
}

Test(instance, objective_of_hand_checked_sets)
{
    fm_instance *in = hand_instance();
    /* Nothing: shortfall (2 + 4) * 1000. */
    cr_assert_float_eq(fm_instance_objective(in, NULL, 0), -6000.0, 1e-9);

    /*
     * {0, 1, 2}: scores+priorities (50+15+6) + (30+5+6) + (70+0+0) = 182;
     * coverage 3 * 20 = 60; shortfall P1 wants 4, has 1: -3000;
     * gender L 0.4 U 0.6: A n=2 m=1 inside; B n=1 m=1 over by 0.4: -80.
     * Total 182 + 60 - 3000 - 80 = -2838.
     */
    size_t set[] = {0, 1, 2};
    cr_assert_float_eq(fm_instance_objective(in, set, 3), -2838.0, 1e-9);

    /* Adding (S0,P1,10): +10+15+0, no new coverage, shortfall -1000 less;
     * B: n=2 m=2, over by 2 - 1.2 = 0.8 -> -160 instead of -80. */
    size_t set4[] = {0, 1, 2, 3};
    cr_assert_float_eq(fm_instance_objective(in, set4, 4), -2838.0 + 25 + 1000 - 80, 1e-9);

    /* Explicit bounds [0.5, 0.5]: A n=2 m=1 inside; B over by 0.5 -> -100. */
    in->mirror_pool = false;
    in->share_min = 0.5;
    in->share_max = 0.5;
    cr_assert_float_eq(fm_instance_objective(in, set, 3), -2858.0, 1e-9);

    /* Under the lower bound: only S1 in A with L = 0.5 -> 0.5 * 1 - 0 = 0.5 under. */
    size_t one[] = {1};
    /* 41 + 20 - (1 + 4) * 1000 - 200 * 0.5 */
    cr_assert_float_eq(fm_instance_objective(in, one, 1), 41.0 + 20 - 5000 - 100, 1e-9);

    /* A duplicate counts twice (the function does not check feasibility). */
    size_t dupl[] = {1, 1};
    /* 82 + 20, P0 has its 2, P1 short by 4: -4000, A under by 0.5 * 2 - 0: -200 */
    cr_assert_float_eq(fm_instance_objective(in, dupl, 2), 82.0 + 20 - 4000 - 200, 1e-9);
    fm_instance_free(in);
}

Test(instance, free_is_null_safe)
{
    fm_instance_free(NULL);
}
