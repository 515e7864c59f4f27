/*
 * test_http_store.c - issue 15's store rules as the API shows them: a
 * personal number held by another seeker is a 409 naming that seeker by id
 * (never the number); the API's length limits are the import's.
 */
#include "integration/http_harness.h"

TestSuite(http_store, .init = h_start, .fini = h_stop, .timeout = 120);

Test(http_store, a_personal_number_held_by_another_seeker_is_409_naming_the_seeker)
{
    h_sess org = h_login("org");
    /* S1 holds 198501011236 in the seed. */
    h_resp r = h_as(&org, "PUT", "/api/seekers/S2", "{\"personal_number\":\"19850101-1236\"}");
    cr_assert_eq(r.status, 409, "%s", r.body);
    cr_assert_not_null(strstr(r.body, "seeker \\\"S1\\\""), "%s", r.body);
    cr_assert_null(strstr(r.body, "1236"), "%s", r.body);
    cr_assert_null(strstr(r.body, "850101"), "%s", r.body);
    h_resp_free(&r);
    cr_assert_eq(h_count("SELECT count(*) FROM seekers WHERE personal_number = '198501011236'"), 1);
    /* The holder itself may write its own number again. */
    cr_assert_eq(h_status(&org, "PUT", "/api/seekers/S1", "{\"personal_number\":\"850101-1236\"}"),
                 200);
    /* A free number is fine. */
    cr_assert_eq(
        h_status(&org, "PUT", "/api/seekers/S2", "{\"personal_number\":\"19121212-1212\"}"), 200);
}

Test(http_store, messages_never_echo_a_personal_number)
{
    h_sess org = h_login("org");
    h_resp r = h_as(&org, "PUT", "/api/seekers/S2", "{\"registered\":\"1912121212\"}");
    cr_assert_eq(r.status, 400, "%s", r.body);
    cr_assert_null(strstr(r.body, "1212"), "%s", r.body);
    h_resp_free(&r);
}

/* True when the n bytes at s are valid UTF-8. */
static bool utf8_ok(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t need = s[i] < 0x80 ? 1 : s[i] >= 0xF0 ? 4 : s[i] >= 0xE0 ? 3 : s[i] >= 0xC0 ? 2 : 0;
        if (!need || i + need > n)
            return false;
        for (size_t k = 1; k < need; k++)
            if ((s[i + k] & 0xC0) != 0x80)
                return false;
        i += need;
    }
    return true;
}

Test(http_store, the_schedule_cuts_long_names_between_characters)
{
    h_sess org = h_login("org");
    h_resp r;
    /* 300 bytes of Å, stored before the import had limits: the schedule's
     * 256-byte name buffer used to end in half a character. */
    cr_assert_eq(h_count("UPDATE seekers SET first_name = replace(printf('%.150c', 'x'), 'x', "
                         "'Å') WHERE id = 'S1' RETURNING 1"),
                 1);
    r = h_as(&org, "GET", "/api/fairs/F1/schedule", NULL);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert(strstr(r.body, "ÅÅÅ") != NULL);
    cr_assert(utf8_ok((const unsigned char *)r.body, strlen(r.body)),
              "the schedule is not valid UTF-8");
    h_resp_free(&r);
}
