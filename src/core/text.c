/*
 * text.c - UTF-8-safe cutting and the one rule for showing a user's value
 * in a message (fairmatch/text.h). It does not validate UTF-8; the CSV
 * reader and the JSON parser have already done that.
 */
#include "fairmatch/text.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

size_t fm_utf8_fit(const char *s, size_t n, size_t max)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t lead = max;

    if (n <= max)
        return n;
    /* A continuation byte at the cut: step back to the lead byte of its character. */
    for (int k = 0; k < 3 && lead > 0 && (u[lead] & 0xC0) == 0x80; k++)
        lead--;
    return (u[lead] & 0xC0) == 0x80 ? max : lead;
}

bool fm_utf8_snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    if (n < 0) {
        buf[0] = '\0';
        return true;
    }
    if ((size_t)n < size)
        return false;
    /* vsnprintf kept size - 1 bytes; the next byte of the full output decides,
     * but it is gone, so a trailing sequence is whole only if its lead says so. */
    {
        size_t len = size - 1, i = len;
        const unsigned char *u = (const unsigned char *)buf;
        while (i > 0 && (u[i - 1] & 0xC0) == 0x80 && len - i < 3)
            i--;
        if (i > 0 && u[i - 1] >= 0xC0) {
            size_t need = u[i - 1] >= 0xF0 ? 4 : u[i - 1] >= 0xE0 ? 3 : 2;
            if (len - (i - 1) < need)
                len = i - 1;
        }
        buf[len] = '\0';
    }
    return true;
}

bool fm_text_could_be_pnr(const char *s)
{
    int digits = 0;
    for (; *s; s++)
        if (*s >= '0' && *s <= '9' && ++digits >= 10)
            return true;
    return false;
}

const char *fm_text_quote(const char *v, char *buf, size_t size)
{
    static const char hidden[] = "(a value like a personal number, not shown)";
    size_t n, room, keep;

    if (fm_text_could_be_pnr(v)) {
        snprintf(buf, size, "%s", hidden);
        return buf;
    }
    n = strlen(v);
    room = size - sizeof "\"…\""; /* quotes, ellipsis and NUL */
    keep = fm_utf8_fit(v, n, room);
    snprintf(buf, size, "\"%.*s%s\"", (int)keep, v, keep < n ? "…" : "");
    return buf;
}
