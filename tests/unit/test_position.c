/*
 * test_position.c - what makes a position valid (src/core/position.c): the
 * required ids, the SSYK occupation, places, the licence flag, the Swedish
 * level with its "no requirement" sentinel, and the extent's open interval.
 */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/position.h"

/* A mutable copy of a literal: the records hold char *, and -Wwrite-strings is on. */
#define S(lit) ((char[]){lit})

/* A valid record; tests copy it and break one field. File-scope compound
   literals live as long as the program. */
static const fm_position base = {.id = S("UBF-1"),
                                 .department_id = S("UBF"),
                                 .fair_id = S("F1"),
                                 .title = S(""),
                                 .occupation = S("2341"),
                                 .places = 2,
                                 .requires_driving_licence = 0,
                                 .min_swedish_level = -1,
                                 .extent = 0.0};

static void refused(const fm_position *p, const char *msg)
{
    fm_err err = {0};
    cr_assert_eq(fm_position_validate(p, &err), FM_EINVAL);
    cr_assert_str_eq(err.msg, msg);
}

Test(position, accepts_a_complete_record_and_the_not_given_sentinels)
{
    fm_position p = base;
    fm_err err = {0};
    cr_assert_eq(fm_position_validate(&p, &err), FM_OK, "%s", err.msg);
    p.occupation = NULL;
    cr_assert_eq(fm_position_validate(&p, &err), FM_OK, "%s", err.msg);
    p.occupation = S("");
    p.extent = 100.0;
    p.min_swedish_level = 5;
    p.requires_driving_licence = 1;
    p.places = 10000;
    cr_assert_eq(fm_position_validate(&p, &err), FM_OK, "%s", err.msg);
}

Test(position, refuses_each_missing_id_by_name)
{
    fm_position p = base;
    p.id = NULL;
    refused(&p, "id: missing value");
    p = base;
    p.department_id = S("");
    refused(&p, "department: missing value");
    p = base;
    p.fair_id = NULL;
    refused(&p, "fair: missing value");
}

Test(position, refuses_an_occupation_that_is_not_four_digits)
{
    fm_position p = base;
    p.occupation = S("234");
    refused(&p, "occupation: \"234\" is not an SSYK code (4 digits)");
    p.occupation = S("23a1");
    refused(&p, "occupation: \"23a1\" is not an SSYK code (4 digits)");
}

Test(position, hides_an_occupation_that_could_be_a_personal_number)
{
    fm_position p = base;
    p.occupation = S("19811218-9876");
    fm_err err = {0};
    cr_assert_eq(fm_position_validate(&p, &err), FM_EINVAL);
    cr_assert_null(strstr(err.msg, "9876"), "%s", err.msg);
    cr_assert(strncmp(err.msg, "occupation: ", 12) == 0, "%s", err.msg);
}

Test(position, refuses_places_outside_one_to_ten_thousand)
{
    fm_position p = base;
    p.places = 0;
    refused(&p, "places: 0 is not between 1 and 10000");
    p.places = 10001;
    refused(&p, "places: 10001 is not between 1 and 10000");
}

Test(position, refuses_a_driving_licence_flag_other_than_zero_or_one)
{
    fm_position p = base;
    p.requires_driving_licence = 2;
    refused(&p, "requires_driving_licence: 2 is not 0 or 1");
}

Test(position, refuses_a_swedish_level_outside_minus_one_to_five)
{
    fm_position p = base;
    p.min_swedish_level = 6;
    refused(&p, "min_swedish_level: 6 is not between 0 and 5");
    p.min_swedish_level = -2;
    refused(&p, "min_swedish_level: -2 is not between 0 and 5");
}

Test(position, refuses_an_extent_not_in_zero_to_hundred_nor_nan)
{
    fm_position p = base;
    p.extent = -0.5;
    refused(&p, "extent: -0.5 is not above 0 and at most 100");
    p.extent = 100.5;
    refused(&p, "extent: 100.5 is not above 0 and at most 100");
    p.extent = 0.0 / 0.0;
    cr_assert_eq(fm_position_validate(&p, NULL), FM_EINVAL);
}

Test(position, release_frees_every_string_and_zeroes)
{
    fm_position p = {.id = strdup("a"),
                     .department_id = strdup("b"),
                     .fair_id = strdup("c"),
                     .title = strdup("d"),
                     .occupation = strdup("2341"),
                     .places = 4};
    fm_position_release(&p);
    cr_assert_null(p.title);
    cr_assert_eq(p.places, 0);
    fm_position_release(NULL);
    fm_position_list_free(NULL, 3);
}
