/*
 * buf.c - fm_buf, the growable string used by every writer (CSV, JSON, SQL
 * text). Growth is geometric; the terminator is always kept in place.
 */
#include "fairmatch/buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char fm_buf_empty[1];

void fm_buf_init(fm_buf *b)
{
    b->data = fm_buf_empty;
    b->len = 0;
    b->cap = 0;
}

void fm_buf_release(fm_buf *b)
{
    if (!b)
        return;
    if (b->cap)
        free(b->data);
    fm_buf_init(b);
}

fm_rc fm_buf_grow(fm_buf *b, size_t extra)
{
    size_t need, cap;
    char *p;

    if (extra > (size_t)-1 / 2 - b->len)
        return FM_ENOMEM;
    need = b->len + extra + 1;
    if (need <= b->cap)
        return FM_OK;
    cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap *= 2;
    p = b->cap ? realloc(b->data, cap) : malloc(cap);
    if (!p)
        return FM_ENOMEM;
    if (!b->cap)
        p[0] = '\0';
    b->data = p;
    b->cap = cap;
    return FM_OK;
}

fm_rc fm_buf_add(fm_buf *b, const void *data, size_t n)
{
    fm_rc rc = fm_buf_grow(b, n);
    if (rc)
        return rc;
    if (n)
        memcpy(b->data + b->len, data, n);
    b->len += n;
    b->data[b->len] = '\0';
    return FM_OK;
}

fm_rc fm_buf_adds(fm_buf *b, const char *s)
{
    return fm_buf_add(b, s, strlen(s));
}

fm_rc fm_buf_addch(fm_buf *b, char c)
{
    return fm_buf_add(b, &c, 1);
}

fm_rc fm_buf_addf(fm_buf *b, const char *fmt, ...)
{
    va_list ap;
    int n;
    fm_rc rc;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return FM_EINVAL;
    rc = fm_buf_grow(b, (size_t)n);
    if (rc)
        return rc;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return FM_OK;
}

void fm_buf_reset(fm_buf *b)
{
    b->len = 0;
    if (b->cap)
        b->data[0] = '\0';
}

char *fm_buf_detach(fm_buf *b, size_t *len)
{
    char *p;

    if (len)
        *len = b->len;
    if (b->cap) {
        p = b->data;
    } else {
        p = calloc(1, 1);
    }
    fm_buf_init(b);
    return p;
}
