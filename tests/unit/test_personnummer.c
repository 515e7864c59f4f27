/* test_personnummer.c - forms, century rules, dates and the Luhn check (src/core/personnummer.c).
 */
#include <criterion/criterion.h>
#include <string.h>

#include "fairmatch/personnummer.h"

Test(personnummer, luhn_accepts_known_valid_numbers)
{
    cr_assert(fm_luhn_valid("8112189876", 10));
    cr_assert(fm_luhn_valid("1212121212", 10));
    cr_assert(!fm_luhn_valid("8112189875", 10));
    cr_assert(!fm_luhn_valid("81121898x6", 10));
    cr_assert(!fm_luhn_valid("", 0));
}

Test(personnummer, all_written_forms_normalise_to_twelve_digits)
{
    static const char *forms[] = {"19811218-9876", "198112189876", "811218-9876", "8112189876"};
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        char out[13] = "";
        cr_assert_eq(fm_personnummer_parse(forms[i], 2026, out), FM_PNR_OK, "%s", forms[i]);
        cr_assert_str_eq(out, "198112189876", "%s", forms[i]);
    }
}

Test(personnummer, plus_means_a_hundred_years_or_more)
{
    char out[13];
    cr_assert_eq(fm_personnummer_parse("121212+1212", 2026, out), FM_PNR_OK);
    cr_assert_str_eq(out, "191212121212");
    cr_assert_eq(fm_personnummer_parse("121212-1212", 2026, out), FM_PNR_OK);
    cr_assert_str_eq(out, "201212121212");
    /* A two-digit year after the reference year belongs to the previous century. */
    cr_assert_eq(fm_personnummer_parse("811218-9876", 2026, out), FM_PNR_OK);
    cr_assert_str_eq(out, "198112189876");
}

Test(personnummer, wrong_check_digit_is_luhn)
{
    cr_assert_eq(fm_personnummer_parse("19811218-9875", 2026, NULL), FM_PNR_LUHN);
    cr_assert_eq(fm_personnummer_parse("811218-9870", 2026, NULL), FM_PNR_LUHN);
}

Test(personnummer, impossible_dates_are_refused_before_luhn)
{
    cr_assert_eq(fm_personnummer_parse("19810230-1234", 2026, NULL), FM_PNR_DATE);
    cr_assert_eq(fm_personnummer_parse("19811318-9876", 2026, NULL), FM_PNR_DATE);
    cr_assert_eq(fm_personnummer_parse("19810000-0000", 2026, NULL), FM_PNR_DATE);
}

Test(personnummer, coordination_numbers_add_sixty_to_the_day)
{
    /* 701063-2391 is Skatteverket's published samordningsnummer example. */
    char out[13];
    cr_assert_eq(fm_personnummer_parse("701063-2391", 2026, out), FM_PNR_OK);
    cr_assert_str_eq(out, "197010632391");
}

Test(personnummer, other_shapes_are_format_errors)
{
    static const char *bad[] = {
        "",    "811218 9876", "811218--9876", "81121-89876",   "19811218_9876", "1981121898760",
        "abc", " 8112189876", "811218-987",   "19811218+98765"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        cr_assert_eq(fm_personnummer_parse(bad[i], 2026, NULL), FM_PNR_FORMAT, "'%s'", bad[i]);
    cr_assert_eq(fm_personnummer_parse(NULL, 2026, NULL), FM_PNR_FORMAT);
}

Test(personnummer, output_untouched_on_failure)
{
    char out[13] = "unchanged";
    cr_assert_neq(fm_personnummer_parse("19811218-9875", 2026, out), FM_PNR_OK);
    cr_assert_str_eq(out, "unchanged");
    cr_assert_neq(strstr(fm_pnr_status_str(FM_PNR_LUHN), "Luhn"), NULL);
}
