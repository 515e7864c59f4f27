/*
 * test_seeker.c - src/core/seeker.c's validation messages, which the API
 * returns as they are: they never echo a value that could be a personal
 * number.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "fairmatch/seeker.h"

Test(seeker, validation_never_echoes_a_personal_number)
{
    fm_seeker p;
    fm_err err = {0};
    char reg[] = "19121212-1212", code[] = "191212121212";

    fm_seeker_init(&p);
    p.id = (char *)"S1";
    p.first_name = (char *)"A";
    p.last_name = (char *)"B";
    p.registered = reg;
    cr_assert_eq(fm_seeker_validate(&p, &err), FM_EINVAL);
    cr_assert_null(strstr(err.msg, "1212"), "%s", err.msg);
    p.registered = NULL;
    p.eligibility = code;
    cr_assert_eq(fm_seeker_validate(&p, &err), FM_EINVAL);
    cr_assert_null(strstr(err.msg, "1212"), "%s", err.msg);
}
