/*
 * fair.c - what makes a fair record valid. Pure; the database side is
 * src/store/fair_repo.c and the timetable is the solver's.
 */
#include "fairmatch/text.h"
#include "fairmatch/fair.h"

#include <stdlib.h>
#include <string.h>

#include "fairmatch/date.h"

void fm_fair_release(fm_fair *f)
{
    if (!f)
        return;
    free(f->id);
    free(f->date);
    free(f->start);
    free(f->name);
    free(f->place);
    free(f->status);
    memset(f, 0, sizeof *f);
}

void fm_fair_list_free(fm_fair *v, size_t n)
{
    if (!v)
        return;
    for (size_t i = 0; i < n; i++)
        fm_fair_release(&v[i]);
    free(v);
}

bool fm_fair_status_valid(const char *s)
{
    return !strcmp(s, "planned") || !strcmp(s, "matched") || !strcmp(s, "held");
}

fm_rc fm_fair_validate(const fm_fair *f, fm_err *err)
{
    fm_date d;
    int start = 0;
    char q[128]; /* a value as a message shows it: never a possible personal number */

    if (!f->id || !f->id[0])
        return fm_err_set(err, FM_EINVAL, "id: missing value");
    if (!f->date || !fm_date_parse(f->date, &d))
        return fm_err_set(err, FM_EINVAL, "date: %s is not a date (YYYY-MM-DD)",
                          fm_text_quote(f->date ? f->date : "", q, sizeof q));
    if (!f->start || !fm_time_parse(f->start, &start))
        return fm_err_set(err, FM_EINVAL, "start: %s is not a time (HH:MM)",
                          fm_text_quote(f->start ? f->start : "", q, sizeof q));
    if (f->period_minutes < 1 || f->period_minutes > 240)
        return fm_err_set(err, FM_EINVAL, "period_minutes: %d is not between 1 and 240",
                          f->period_minutes);
    if (f->periods < 1 || f->periods > 96)
        return fm_err_set(err, FM_EINVAL, "periods: %d is not between 1 and 96", f->periods);
    if (start + f->period_minutes * f->periods > 24 * 60)
        return fm_err_set(err, FM_EINVAL,
                          "periods: %d periods of %d minutes from %s end after midnight",
                          f->periods, f->period_minutes, f->start);
    if (f->status && !fm_fair_status_valid(f->status))
        return fm_err_set(err, FM_EINVAL, "status: \"%s\" is not one of planned, matched, held",
                          f->status);
    return FM_OK;
}
