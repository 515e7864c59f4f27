/*
 * quota.c - Hamilton (largest remainder) apportionment of the programme goal
 * over departments, exact in 128-bit integers. It reads nothing from the
 * database and prints nothing: the CLI reports E = 0 on stderr.
 */
#include "fairmatch/quota.h"

#include <stdlib.h>
#include <string.h>

__extension__ typedef unsigned __int128 u128;

typedef struct seat {
    size_t idx;
    u128 rem;
    long long employees;
    const char *id;
} seat;

/* Largest remainder first, then larger department, then id byte order. */
static int seat_cmp(const void *a, const void *b)
{
    const seat *x = a, *y = b;
    if (x->rem != y->rem)
        return x->rem > y->rem ? -1 : 1;
    if (x->employees != y->employees)
        return x->employees > y->employees ? -1 : 1;
    return strcmp(x->id, y->id);
}

fm_rc fm_quota_hamilton(long long goal, const char *const *ids, const long long *employees,
                        size_t n, long long *quota, int *all_zero, fm_err *err)
{
    seat *seats = NULL;
    u128 total = 0, given = 0;
    fm_rc rc = FM_OK;

    if (all_zero)
        *all_zero = 0;
    if (goal < 0)
        return fm_err_set(err, FM_EINVAL, "quota: goal %lld is negative", goal);
    for (size_t i = 0; i < n; i++) {
        if (!ids[i])
            return fm_err_set(err, FM_EINVAL, "quota: department %zu has no id", i);
        if (employees[i] < 0)
            return fm_err_set(err, FM_EINVAL, "quota: department %s: employees %lld is negative",
                              ids[i], employees[i]);
        total += (unsigned long long)employees[i];
        quota[i] = 0;
    }
    if (total == 0) {
        if (all_zero)
            *all_zero = 1;
        return FM_OK;
    }
    seats = calloc(n ? n : 1, sizeof *seats);
    if (!seats)
        return fm_err_set(err, FM_ENOMEM, "quota: out of memory");
    for (size_t i = 0; i < n; i++) {
        u128 prod = (u128)(unsigned long long)goal * (unsigned long long)employees[i];
        /* floor(goal * e / E) <= goal, so it fits a long long. */
        quota[i] = (long long)(prod / total);
        given += prod / total;
        seats[i] = (seat){i, prod % total, employees[i], ids[i]};
    }
    qsort(seats, n, sizeof *seats, seat_cmp);
    /* Seats left < number of non-zero remainders, so zero-size departments never get one. */
    for (size_t k = 0; given < (u128)goal && k < n; k++, given++)
        quota[seats[k].idx]++;
    free(seats);
    return rc;
}
