/*
 * fairmatch/quota.h - the programme goal split into department quotas by
 * department size with the largest-remainder (Hamilton) method, in exact
 * integer arithmetic (reports.md, "Quotas"). Pure: no I/O, no allocation
 * beyond the caller's arrays' scratch.
 *
 * Threads: reentrant.
 */
#ifndef FAIRMATCH_QUOTA_H
#define FAIRMATCH_QUOTA_H

#include <stddef.h>

#include "fairmatch/err.h"

/*
 * Split goal over n departments. ids[i] and employees[i] describe
 * department i (any order; ids must be distinct, non-NULL). Department i
 * gets floor(goal * employees[i] / E), E = sum of employees; the seats left
 * go one each to the largest remainders (goal * employees[i]) mod E, ties to
 * the larger department, then to the id that sorts first byte by byte.
 * Products and sums are computed in 128 bits, so no input in range overflows.
 * A department with 0 employees gets 0; when E is 0 every quota is 0 and
 * *all_zero (may be NULL) is set so the caller can say so.
 * OUT: quota[i] (caller array of n), *all_zero.
 * Returns FM_OK; FM_EINVAL when goal or an employee count is negative or an
 * id is NULL; FM_ENOMEM.
 */
fm_rc fm_quota_hamilton(long long goal, const char *const *ids, const long long *employees,
                        size_t n, long long *quota, int *all_zero, fm_err *err);

#endif
