/*
 * department.c - what makes a department record valid. Pure; reading and
 * writing departments is src/store/department_repo.c.
 */
#include "fairmatch/department.h"

#include <stdlib.h>
#include <string.h>

void fm_department_release(fm_department *d)
{
    if (!d)
        return;
    free(d->id);
    free(d->name);
    memset(d, 0, sizeof *d);
}

void fm_department_list_free(fm_department *v, size_t n)
{
    if (!v)
        return;
    for (size_t i = 0; i < n; i++)
        fm_department_release(&v[i]);
    free(v);
}

fm_rc fm_department_validate(const fm_department *d, fm_err *err)
{
    if (!d->id || !d->id[0])
        return fm_err_set(err, FM_EINVAL, "id: missing value");
    if (!d->name || !d->name[0])
        return fm_err_set(err, FM_EINVAL, "name: missing value");
    if (d->employees < 0)
        return fm_err_set(err, FM_EINVAL, "employees: %ld is negative", d->employees);
    if (d->tables < 0 || d->tables > 100)
        return fm_err_set(err, FM_EINVAL, "tables: %d is not between 0 and 100", d->tables);
    return FM_OK;
}
