/*
 * test_quota.c - Hamilton quotas (src/core/quota.c) on hand-computed cases:
 * plain proportions, both tie-breaks, 0-employee departments, E = 0, and
 * products beyond 64 bits.
 */
#include <criterion/criterion.h>

#include "fairmatch/quota.h"

static void run(long long goal, const char *const *ids, const long long *emp, size_t n,
                long long *q, int *all_zero)
{
    fm_err err = {0};
    cr_assert_eq(fm_quota_hamilton(goal, ids, emp, n, q, all_zero, &err), FM_OK, "%s", err.msg);
}

Test(quota, exact_proportions_need_no_remainders)
{
    const char *ids[] = {"A", "B", "C"};
    long long emp[] = {5, 3, 2}, q[3];
    int z = 1;
    run(10, ids, emp, 3, q, &z);
    cr_assert_eq(q[0], 5);
    cr_assert_eq(q[1], 3);
    cr_assert_eq(q[2], 2);
    cr_assert_eq(z, 0);
}

Test(quota, largest_remainders_get_the_seats_left)
{
    /* 700 * (6200, 2300, 1900) / 10400: floors 417, 154, 127 (698); remainders
       3200, 8400, 9200 -> the two seats go to C and B. */
    const char *ids[] = {"A", "B", "C"};
    long long emp[] = {6200, 2300, 1900}, q[3];
    run(700, ids, emp, 3, q, NULL);
    cr_assert_eq(q[0], 417);
    cr_assert_eq(q[1], 155);
    cr_assert_eq(q[2], 128);
}

Test(quota, equal_remainders_go_to_the_larger_department)
{
    /* goal 2, E = 10: floors 0, 1, 0; remainders 4, 4, 2; one seat; A and B tie -> B (7 > 2). */
    const char *ids[] = {"A", "B", "C"};
    long long emp[] = {2, 7, 1}, q[3];
    run(2, ids, emp, 3, q, NULL);
    cr_assert_eq(q[0], 0);
    cr_assert_eq(q[1], 2);
    cr_assert_eq(q[2], 0);
}

Test(quota, equal_remainder_and_size_go_to_the_first_id_byte_by_byte)
{
    /* "B" (0x42) sorts before "a" (0x61) byte by byte, whatever the locale says. */
    const char *ids[] = {"a", "B", "\xc3\x84"};
    long long emp[] = {1, 1, 1}, q[3];
    run(2, ids, emp, 3, q, NULL);
    cr_assert_eq(q[1], 1);
    cr_assert_eq(q[0], 1);
    cr_assert_eq(q[2], 0);
}

Test(quota, zero_employee_departments_get_zero_and_the_sum_is_the_goal)
{
    const char *ids[] = {"A", "Z", "B"};
    long long emp[] = {1, 0, 2}, q[3];
    run(7, ids, emp, 3, q, NULL);
    cr_assert_eq(q[1], 0);
    cr_assert_eq(q[0] + q[1] + q[2], 7);
    cr_assert_eq(q[0], 2); /* 7/3 = 2 r1, 14/3 = 4 r2 -> seat to B */
    cr_assert_eq(q[2], 5);
}

Test(quota, no_employees_at_all_means_every_quota_is_zero)
{
    const char *ids[] = {"A", "B"};
    long long emp[] = {0, 0}, q[2] = {9, 9};
    int z = 0;
    run(700, ids, emp, 2, q, &z);
    cr_assert_eq(z, 1);
    cr_assert_eq(q[0], 0);
    cr_assert_eq(q[1], 0);
    run(700, ids, emp, 0, q, &z);
    cr_assert_eq(z, 1);
}

Test(quota, products_beyond_64_bits_stay_exact)
{
    /* 10,000,000 * 3e12 = 3e19 > 2^63; still 3:1 exactly. */
    const char *ids[] = {"A", "B"};
    long long emp[] = {3000000000000LL, 1000000000000LL}, q[2];
    run(10000000, ids, emp, 2, q, NULL);
    cr_assert_eq(q[0], 7500000);
    cr_assert_eq(q[1], 2500000);
}

Test(quota, negative_input_is_refused)
{
    const char *ids[] = {"A"};
    long long emp[] = {-1}, q[1];
    fm_err err = {0};
    cr_assert_eq(fm_quota_hamilton(5, ids, emp, 1, q, NULL, &err), FM_EINVAL);
    cr_assert(strstr(err.msg, "A") != NULL);
    emp[0] = 1;
    cr_assert_eq(fm_quota_hamilton(-5, ids, emp, 1, q, NULL, &err), FM_EINVAL);
}
