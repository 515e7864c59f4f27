/*
 * test_err.c - the error out-parameter (src/core/err.c): messages set,
 * truncated at a character boundary and redacted, codes set and cleared,
 * the names of return codes and the CLI's exit statuses.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "fairmatch/err.h"

Test(err, set_records_code_and_message_and_returns_the_code)
{
    fm_err err = {0};
    cr_assert_eq(fm_err_set(&err, FM_ENOTFOUND, "fair %s: %d", "F1", 7), FM_ENOTFOUND);
    cr_assert_eq(err.rc, FM_ENOTFOUND);
    cr_assert_str_eq(err.msg, "fair F1: 7");
    cr_assert_null(err.code);
}

Test(err, set_with_a_null_err_only_returns_the_code)
{
    cr_assert_eq(fm_err_set(NULL, FM_EIO, "x"), FM_EIO);
    cr_assert_eq(fm_err_set_code(NULL, FM_EINVAL, "c", "x"), FM_EINVAL);
}

Test(err, set_code_names_the_problem_and_a_later_set_clears_it)
{
    fm_err err = {0};
    fm_err_set_code(&err, FM_EINVAL, "decision_date_before_fair", "decided: %s", "2026-01-01");
    cr_assert_str_eq(err.code, "decision_date_before_fair");
    cr_assert_str_eq(err.msg, "decided: 2026-01-01");
    fm_err_set(&err, FM_EDB, "other");
    cr_assert_null(err.code);
}

Test(err, a_long_message_is_cut_at_a_character_boundary)
{
    /* 200 two-byte characters do not fit 255 bytes; the cut must not split one. */
    char in[401];
    fm_err err = {0};
    for (int i = 0; i < 200; i++)
        memcpy(in + 2 * i, "\xc3\xa5", 2);
    in[400] = '\0';
    fm_err_set(&err, FM_EINVAL, "%s", in);
    size_t n = strlen(err.msg);
    cr_assert_leq(n, 255);
    cr_assert_eq(n % 2, 0, "cut inside a character: %zu bytes", n);
    cr_assert_gt(n, 200);
}

Test(err, a_personal_number_never_reaches_the_message)
{
    fm_err err = {0};
    fm_err_set(&err, FM_EINVAL, "seeker: \"%s\" is unknown", "198112189876");
    cr_assert_null(strstr(err.msg, "198112189876"), "%s", err.msg);
    cr_assert_str_eq(err.msg, "seeker: (a value like a personal number, not shown) is unknown");
}

Test(err, clear_resets_and_accepts_null)
{
    fm_err err = {0};
    fm_err_set_code(&err, FM_EDB, "x", "boom");
    fm_err_clear(&err);
    cr_assert_eq(err.rc, FM_OK);
    cr_assert_str_eq(err.msg, "");
    cr_assert_null(err.code);
    fm_err_clear(NULL);
}

Test(err, every_code_has_a_name)
{
    cr_assert_str_eq(fm_rc_str(FM_OK), "ok");
    cr_assert_str_eq(fm_rc_str(FM_EINVAL), "invalid input");
    cr_assert_str_eq(fm_rc_str(FM_ENOTFOUND), "not found");
    cr_assert_str_eq(fm_rc_str(FM_EAUTH), "not authenticated");
    cr_assert_str_eq(fm_rc_str((fm_rc)99), "unknown error");
}

Test(err, exit_status_is_two_for_bad_input_one_for_other_failures)
{
    cr_assert_eq(fm_rc_exit_status(FM_OK), 0);
    cr_assert_eq(fm_rc_exit_status(FM_EINVAL), 2);
    cr_assert_eq(fm_rc_exit_status(FM_ENOTFOUND), 2);
    cr_assert_eq(fm_rc_exit_status(FM_ECONFLICT), 2);
    cr_assert_eq(fm_rc_exit_status(FM_EDB), 1);
    cr_assert_eq(fm_rc_exit_status(FM_ENOMEM), 1);
    cr_assert_eq(fm_rc_exit_status(FM_ESOLVER), 1);
}
