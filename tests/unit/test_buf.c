/* test_buf.c - fm_buf growth, formatting and detach (src/core/buf.c). */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/buf.h"

Test(buf, starts_empty_and_terminated)
{
    fm_buf b = FM_BUF_INIT;
    cr_assert_str_eq(b.data, "");
    cr_assert_eq(b.len, 0);
    fm_buf_release(&b);
}

Test(buf, appends_and_grows)
{
    fm_buf b;
    fm_buf_init(&b);
    for (int i = 0; i < 1000; i++)
        cr_assert_eq(fm_buf_addf(&b, "%d,", i % 10), FM_OK);
    cr_assert_eq(b.len, 2000);
    cr_assert_eq(b.data[b.len], '\0');
    cr_assert_eq(strncmp(b.data, "0,1,2,", 6), 0);
    size_t n;
    char *s = fm_buf_detach(&b, &n);
    cr_assert_eq(n, 2000);
    cr_assert_str_eq(b.data, "");
    free(s);
}

Test(buf, detach_of_empty_buffer_is_freeable)
{
    fm_buf b = FM_BUF_INIT;
    char *s = fm_buf_detach(&b, NULL);
    cr_assert_not_null(s);
    cr_assert_str_eq(s, "");
    free(s);
}
