/*
 * test_text.c - src/core/text.c: cutting UTF-8 only between characters, and
 * showing values in messages without a digit of a possible personal number.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "fairmatch/err.h"
#include "fairmatch/text.h"

/* True when s is valid UTF-8 (no cut sequence at the end or anywhere). */
static bool valid_utf8(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    while (*u) {
        size_t need = *u < 0x80 ? 1 : *u >= 0xF0 ? 4 : *u >= 0xE0 ? 3 : *u >= 0xC0 ? 2 : 0;
        if (!need)
            return false;
        for (size_t k = 1; k < need; k++)
            if ((u[k] & 0xC0) != 0x80)
                return false;
        u += need;
    }
    return true;
}

Test(text, fit_never_splits_a_character)
{
    const char *s = "aÅ€😀b"; /* 1 + 2 + 3 + 4 + 1 bytes */
    size_t n = strlen(s);
    size_t want[] = {0, 1, 1, 3, 3, 3, 6, 6, 6, 6, 10, 11};
    for (size_t max = 0; max <= n; max++)
        cr_assert_eq(fm_utf8_fit(s, n, max), want[max], "max %zu", max);
}

Test(text, snprintf_cuts_at_a_character_boundary)
{
    char name[300];
    char first[400];
    for (size_t i = 0; i + 2 < sizeof first; i += 2)
        memcpy(first + i, "Å", 2);
    first[sizeof first - 2] = '\0';
    for (size_t size = 1; size <= sizeof name; size++) {
        bool cut = fm_utf8_snprintf(name, size, "x%s %s", first, "Ö");
        cr_assert(cut);
        cr_assert(valid_utf8(name), "size %zu", size);
        cr_assert_geq(strlen(name) + 2, size - 1, "size %zu kept too little", size);
    }
    cr_assert(!fm_utf8_snprintf(name, sizeof name, "%s", "Åsa"));
    cr_assert_str_eq(name, "Åsa");
}

Test(text, quote_hides_anything_with_ten_digits)
{
    char b[128];
    static const char *const pnrs[] = {"19121212-1212", "191212121212", "121212-1212",
                                       "1912 1212 12", "tel 1912121212"};
    for (size_t i = 0; i < sizeof pnrs / sizeof pnrs[0]; i++) {
        fm_text_quote(pnrs[i], b, sizeof b);
        cr_assert_null(strpbrk(b, "0123456789"), "%zu shows digits", i);
    }
    cr_assert_str_eq(fm_text_quote("19121212", b, sizeof b), "\"19121212\"");
    cr_assert_str_eq(fm_text_quote("q", b, sizeof b), "\"q\"");
}

Test(text, quote_cuts_long_values_as_whole_characters)
{
    char b[64], v[500];
    for (size_t i = 0; i + 2 < sizeof v; i += 2)
        memcpy(v + i, "ä", 2);
    v[sizeof v - 2] = '\0';
    fm_text_quote(v, b, sizeof b);
    cr_assert(valid_utf8(b));
    cr_assert_lt(strlen(b), sizeof b);
    cr_assert(strstr(b, "…\"") != NULL);
}

Test(text, redact_hides_quoted_values_and_digit_runs_of_personal_numbers)
{
    char m[256];
    snprintf(m, sizeof m, "no seeker \"19121212-1212\"");
    fm_text_redact(m, sizeof m);
    cr_assert_str_eq(m, "no seeker (a value like a personal number, not shown)");
    snprintf(m, sizeof m, "x: 191212121212 is not a date, nor 1912 1212 12.");
    fm_text_redact(m, sizeof m);
    cr_assert_null(strpbrk(m, "0123456789"), "%s", m);
    cr_assert_str_eq(m,
                     "x: (a value like a personal number, not shown) is not a date, nor (a value "
                     "like a personal number, not shown).");
    snprintf(m, sizeof m, "places: \"97\" is not between 1 and 96 on 2018-02-30");
    fm_text_redact(m, sizeof m);
    cr_assert_str_eq(m, "places: \"97\" is not between 1 and 96 on 2018-02-30");
}

Test(text, err_set_redacts_and_cuts_at_a_character_boundary)
{
    fm_err err = {0};
    char big[600];
    for (size_t i = 0; i + 2 < sizeof big; i += 2)
        memcpy(big + i, "Ö", 2);
    big[sizeof big - 2] = '\0';
    fm_err_set(&err, FM_ENOTFOUND, "no seeker \"%s\"", "19121212-1212");
    cr_assert_null(strpbrk(err.msg, "0123456789"), "%s", err.msg);
    fm_err_set(&err, FM_EINVAL, "x%s", big);
    cr_assert(valid_utf8(err.msg));
}

Test(text, width_counts_code_points_not_bytes)
{
    cr_assert_eq(fm_utf8_width(""), 0);
    cr_assert_eq(fm_utf8_width("Berg"), 4);
    cr_assert_eq(fm_utf8_width("Åsa Öberg"), 9); /* Å and Ö are two bytes each */
}
