/* test_buf.c - fm_buf growth, formatting, JSON strings, whole-file reads and
 * detach, and FM_GROW (src/core/buf.c). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/* The escaping every JSON writer relied on before it moved here, byte for byte. */
Test(buf, json_str_escapes_as_the_writers_did)
{
    static const struct {
        const char *in, *out;
    } table[] = {
        {"", "\"\""},
        {"plain", "\"plain\""},
        {"say \"hi\"", "\"say \\\"hi\\\"\""},
        {"C:\\dir", "\"C:\\\\dir\""},
        {"a\nb\tc\rd", "\"a\\u000ab\\u0009c\\u000dd\""},
        {"\x01\x1f", "\"\\u0001\\u001f\""},
        {"\x1b[0m", "\"\\u001b[0m\""},
        {" ~\x7f", "\" ~\x7f\""},
        {"Åsa Öberg, 東京", "\"Åsa Öberg, 東京\""},
        {"\xff\xfe", "\"\xff\xfe\""}, /* not UTF-8: passed through, not judged */
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        fm_buf b = FM_BUF_INIT;
        cr_assert_eq(fm_buf_add_json_str(&b, table[i].in), FM_OK);
        cr_assert_str_eq(b.data, table[i].out, "case %zu", i);
        cr_assert_eq(b.len, strlen(table[i].out));
        fm_buf_release(&b);
    }
}

Test(buf, json_str_of_null_is_null_and_appends)
{
    fm_buf b = FM_BUF_INIT;
    cr_assert_eq(fm_buf_adds(&b, "["), FM_OK);
    cr_assert_eq(fm_buf_add_json_str(&b, NULL), FM_OK);
    cr_assert_eq(fm_buf_addch(&b, ','), FM_OK);
    cr_assert_eq(fm_buf_add_json_str(&b, "x"), FM_OK);
    cr_assert_str_eq(b.data, "[null,\"x\"");
    fm_buf_release(&b);
}

static char *temp_file(const void *data, size_t n)
{
    static char path[64];
    snprintf(path, sizeof path, "/tmp/test_buf.XXXXXX");
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    cr_assert_eq(write(fd, data, n), (ssize_t)n);
    close(fd);
    return path;
}

Test(buf, read_file_appends_whole_file_with_nul_bytes)
{
    static const char data[] = "one\0two\nthree";
    char *path = temp_file(data, sizeof data - 1);
    fm_buf b = FM_BUF_INIT;
    fm_err err = {0};

    cr_assert_eq(fm_buf_adds(&b, ">"), FM_OK);
    cr_assert_eq(fm_buf_read_file(&b, path, 1024, &err), FM_OK);
    cr_assert_eq(b.len, 1 + sizeof data - 1);
    cr_assert_eq(memcmp(b.data + 1, data, sizeof data - 1), 0);
    cr_assert_eq(b.data[b.len], '\0');
    fm_buf_release(&b);
    unlink(path);
}

Test(buf, read_file_reads_a_large_file_and_an_empty_one)
{
    size_t n = 200000;
    char *big = malloc(n);
    cr_assert_not_null(big);
    for (size_t i = 0; i < n; i++)
        big[i] = (char)('a' + i % 26);
    char *path = temp_file(big, n);
    fm_buf b = FM_BUF_INIT;
    fm_err err = {0};

    cr_assert_eq(fm_buf_read_file(&b, path, n, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(b.len, n);
    cr_assert_eq(memcmp(b.data, big, n), 0);
    fm_buf_release(&b);
    unlink(path);

    path = temp_file("", 0);
    cr_assert_eq(fm_buf_read_file(&b, path, 0, &err), FM_OK);
    cr_assert_eq(b.len, 0);
    cr_assert_str_eq(b.data, "");
    fm_buf_release(&b);
    unlink(path);
    free(big);
}

Test(buf, read_file_refuses_more_than_the_limit_and_keeps_the_buffer)
{
    char *path = temp_file("0123456789", 10);
    fm_buf b = FM_BUF_INIT;
    fm_err err = {0};

    cr_assert_eq(fm_buf_read_file(&b, path, 10, &err), FM_OK);
    fm_buf_reset(&b);
    cr_assert_eq(fm_buf_adds(&b, "kept"), FM_OK);
    cr_assert_eq(fm_buf_read_file(&b, path, 9, &err), FM_EINVAL);
    cr_assert_str_eq(b.data, "kept");
    cr_assert_eq(b.len, 4);
    cr_assert(strstr(err.msg, path) != NULL, "%s", err.msg);
    cr_assert(strstr(err.msg, "file is larger than 9 bytes") != NULL, "%s", err.msg);
    fm_buf_release(&b);
    unlink(path);
}

/* A pipe has no size to check up front: the limit holds while reading. */
Test(buf, read_file_limits_a_pipe_while_reading)
{
    fm_buf b = FM_BUF_INIT;
    fm_err err = {0};

    cr_assert_eq(fm_buf_read_file(&b, "/dev/zero", (size_t)1 << 20, &err), FM_EINVAL);
    cr_assert_eq(b.len, 0);
    cr_assert(strstr(err.msg, "/dev/zero: file is larger than 1 MiB") != NULL, "%s", err.msg);
    fm_buf_release(&b);
}

Test(buf, read_file_says_path_and_cause)
{
    fm_buf b = FM_BUF_INIT;
    fm_err err = {0};

    cr_assert_eq(fm_buf_read_file(&b, "/nonexistent/x.json", 10, &err), FM_EINVAL);
    cr_assert_str_eq(err.msg, "/nonexistent/x.json: cannot open: No such file or directory");
    cr_assert_eq(fm_buf_read_file(&b, "/tmp", 10, &err), FM_EINVAL);
    cr_assert_str_eq(err.msg, "/tmp: cannot read: Is a directory");
    cr_assert_eq(b.len, 0);
    cr_assert_str_eq(b.data, "");
    fm_buf_release(&b);
}

Test(buf, grow_makes_room_and_keeps_elements)
{
    int *v = NULL;
    size_t n = 0, alloc = 0;

    for (int i = 0; i < 1000; i++) {
        cr_assert_eq(FM_GROW(v, n + 1, alloc), FM_OK);
        cr_assert_geq(alloc, n + 1);
        v[n++] = i;
    }
    for (size_t i = 0; i < n; i++)
        cr_assert_eq(v[i], (int)i);
    cr_assert_lt(alloc, 2 * n + 16); /* geometric, not wasteful */
    free(v);
}

Test(buf, grow_to_what_is_there_allocates_nothing)
{
    char *v = NULL;
    size_t alloc = 0;

    cr_assert_eq(FM_GROW(v, 0, alloc), FM_OK);
    cr_assert_null(v);
    cr_assert_eq(alloc, 0);
}

Test(buf, grow_refuses_an_overflowing_count_and_keeps_the_array)
{
    long long *v = NULL;
    size_t alloc = 0;

    cr_assert_eq(FM_GROW(v, 3, alloc), FM_OK);
    v[0] = 42;
    long long *before = v;
    size_t had = alloc;
    cr_assert_eq(FM_GROW(v, (size_t)-1 / sizeof *v + 1, alloc), FM_ENOMEM);
    cr_assert_eq(v, before);
    cr_assert_eq(alloc, had);
    cr_assert_eq(v[0], 42);
    cr_assert_eq(FM_GROW(v, (size_t)-1, alloc), FM_ENOMEM);
    cr_assert_eq(alloc, had);
    free(v);
}

Test(buf, grow_refuses_a_buffer_past_half_the_address_space)
{
    fm_buf b = FM_BUF_INIT;
    cr_assert_eq(fm_buf_adds(&b, "x"), FM_OK);
    cr_assert_eq(fm_buf_grow(&b, (size_t)-1 / 2), FM_ENOMEM);
    cr_assert_str_eq(b.data, "x");
    fm_buf_release(&b);
}
