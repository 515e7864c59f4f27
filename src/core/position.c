/*
 * position.c - what makes a position record valid. Pure; that its
 * department and fair exist is checked by src/store/position_repo.c.
 */
#include "fairmatch/text.h"
#include "fairmatch/position.h"

#include <stdlib.h>
#include <string.h>

#include "fairmatch/seeker.h"

void fm_position_release(fm_position *p)
{
    if (!p)
        return;
    free(p->id);
    free(p->department_id);
    free(p->fair_id);
    free(p->title);
    free(p->occupation);
    memset(p, 0, sizeof *p);
}

void fm_position_list_free(fm_position *v, size_t n)
{
    if (!v)
        return;
    for (size_t i = 0; i < n; i++)
        fm_position_release(&v[i]);
    free(v);
}

fm_rc fm_position_validate(const fm_position *p, fm_err *err)
{
    char q[128]; /* a value as a message shows it: never a possible personal number */
    if (!p->id || !p->id[0])
        return fm_err_set(err, FM_EINVAL, "id: missing value");
    if (!p->department_id || !p->department_id[0])
        return fm_err_set(err, FM_EINVAL, "department: missing value");
    if (!p->fair_id || !p->fair_id[0])
        return fm_err_set(err, FM_EINVAL, "fair: missing value");
    if (p->occupation && p->occupation[0] && !fm_ssyk_valid(p->occupation))
        return fm_err_set(err, FM_EINVAL, "occupation: %s is not an SSYK code (4 digits)",
                          fm_text_quote(p->occupation, q, sizeof q));
    if (p->places < 1 || p->places > 10000)
        return fm_err_set(err, FM_EINVAL, "places: %d is not between 1 and 10000", p->places);
    if (p->requires_driving_licence != 0 && p->requires_driving_licence != 1)
        return fm_err_set(err, FM_EINVAL, "requires_driving_licence: %d is not 0 or 1",
                          p->requires_driving_licence);
    if (p->min_swedish_level < -1 || p->min_swedish_level > 5)
        return fm_err_set(err, FM_EINVAL, "min_swedish_level: %d is not between 0 and 5",
                          p->min_swedish_level);
    if (!(p->extent == 0.0 || (p->extent > 0.0 && p->extent <= 100.0)))
        return fm_err_set(err, FM_EINVAL, "extent: %g is not above 0 and at most 100", p->extent);
    return FM_OK;
}
