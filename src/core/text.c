/*
 * text.c - UTF-8-safe cutting and the one rule for showing a user's value
 * in a message (fairmatch/text.h). It does not validate UTF-8; the CSV
 * reader and the JSON parser have already done that.
 */
#include "fairmatch/text.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

size_t fm_utf8_width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        w += ((unsigned char)*s & 0xC0) != 0x80;
    return w;
}

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

/* Bytes of an incomplete UTF-8 sequence at the end of s[0, n): what a cut left of a character. */
static size_t trailing_partial(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = n, need;
    while (i > 0 && n - i < 3 && (u[i - 1] & 0xC0) == 0x80)
        i--;
    if (i == 0 || u[i - 1] < 0xC0)
        return 0;
    need = u[i - 1] >= 0xF0 ? 4 : u[i - 1] >= 0xE0 ? 3 : 2;
    return n - (i - 1) < need ? n - (i - 1) : 0;
}

bool fm_utf8_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    int n = vsnprintf(buf, size, fmt, ap);
    size_t len;

    if (n < 0) {
        buf[0] = '\0';
        return true;
    }
    if ((size_t)n < size)
        return false;
    len = size - 1;
    buf[len - trailing_partial(buf, len)] = '\0';
    return true;
}

bool fm_utf8_snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    bool cut;
    va_start(ap, fmt);
    cut = fm_utf8_vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return cut;
}

bool fm_text_could_be_pnr(const char *s)
{
    int digits = 0;
    for (; *s; s++)
        if (*s >= '0' && *s <= '9' && ++digits >= 10)
            return true;
    return false;
}

static const char hidden[] = "(a value like a personal number, not shown)";

const char *fm_text_quote(const char *v, char *buf, size_t size)
{
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

/* Digits in s[a, b). */
static int digits_in(const char *s, size_t a, size_t b)
{
    int n = 0;
    for (size_t i = a; i < b; i++)
        n += s[i] >= '0' && s[i] <= '9';
    return n;
}

/* Length of the part of msg at i to hide (a quoted value or a digit run), or 0. */
static size_t hidden_span(const char *msg, size_t i)
{
    size_t j = i;
    if (msg[i] == '"') {
        const char *close = strchr(msg + i + 1, '"');
        if (close && digits_in(msg, i + 1, (size_t)(close - msg)) >= 10)
            return (size_t)(close - msg) + 1 - i;
        return 0;
    }
    if (!(msg[i] >= '0' && msg[i] <= '9'))
        return 0;
    while (msg[j] && strchr("0123456789 -+", msg[j]))
        j++;
    while (j > i && !(msg[j - 1] >= '0' && msg[j - 1] <= '9'))
        j--; /* keep a trailing space or dash of the sentence */
    return digits_in(msg, i, j) >= 10 ? j - i : 0;
}

void fm_text_redact(char *msg, size_t size)
{
    char out[1024];
    size_t o = 0, i = 0, len = strlen(msg);
    bool changed = false;

    if (size > sizeof out)
        size = sizeof out;
    while (i < len && o + 1 < size) {
        size_t span = hidden_span(msg, i);
        if (span) {
            size_t n = strlen(hidden);
            if (n > size - 1 - o)
                n = size - 1 - o;
            memcpy(out + o, hidden, n);
            o += n;
            i += span;
            changed = true;
        } else {
            out[o++] = msg[i++];
        }
    }
    if (!changed)
        return;
    o -= trailing_partial(out, o);
    out[o] = '\0';
    memcpy(msg, out, o + 1);
}
