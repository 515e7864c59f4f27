/*
 * programme.c - what makes the programme (goal and period) valid. Pure;
 * storing it is src/store/programme_repo.c.
 */
#include "fairmatch/programme.h"

#include <string.h>

#include "fairmatch/date.h"

fm_rc fm_programme_validate(const fm_programme *p, fm_err *err)
{
    fm_date a, b;
    if (p->goal < 0 || p->goal > 10000000)
        return fm_err_set(err, FM_EINVAL, "goal: %ld is not between 0 and 10000000", p->goal);
    if (!fm_date_parse(p->start_date, &a))
        return fm_err_set(err, FM_EINVAL, "start: \"%s\" is not a date (YYYY-MM-DD)",
                          p->start_date);
    if (!fm_date_parse(p->end_date, &b))
        return fm_err_set(err, FM_EINVAL, "end: \"%s\" is not a date (YYYY-MM-DD)", p->end_date);
    if (fm_date_cmp(b, a) < 0)
        return fm_err_set(err, FM_EINVAL, "end: %s is before start %s", p->end_date, p->start_date);
    return FM_OK;
}
