/*
 * buf.c - fm_buf, the growable string used by every writer (CSV, JSON, SQL
 * text) and every whole-file reader, and FM_GROW's array growth. Growth is
 * geometric; the terminator is always kept in place. What the bytes mean
 * (CSV quoting, number formats) is the writers' business, not this file's.
 */
#include "fairmatch/buf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

fm_rc fm_buf_add_json_str(fm_buf *b, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p;
    size_t n = 2;
    char *o;
    fm_rc rc;

    if (!s)
        return fm_buf_adds(b, "null");
    /* Measure first: one allocation, and nothing half-written on failure. */
    for (p = (const unsigned char *)s; *p; p++)
        n += *p < 0x20 ? 6 : *p == '"' || *p == '\\' ? 2 : 1;
    rc = fm_buf_grow(b, n);
    if (rc)
        return rc;
    o = b->data + b->len;
    *o++ = '"';
    for (p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x20) {
            memcpy(o, "\\u00", 4);
            o[4] = hex[*p >> 4];
            o[5] = hex[*p & 0xf];
            o += 6;
            continue;
        }
        if (*p == '"' || *p == '\\')
            *o++ = '\\';
        *o++ = (char)*p;
    }
    *o++ = '"';
    b->len += n;
    b->data[b->len] = '\0';
    return FM_OK;
}

/* "16 MiB" rather than "16777216 bytes" when the limit is a round number. */
static fm_rc too_large(const char *path, size_t limit, fm_err *err)
{
    const size_t mib = (size_t)1 << 20, kib = (size_t)1 << 10;

    if (limit && limit % mib == 0)
        return fm_err_set(err, FM_EINVAL, "%s: file is larger than %zu MiB", path, limit / mib);
    if (limit && limit % kib == 0)
        return fm_err_set(err, FM_EINVAL, "%s: file is larger than %zu KiB", path, limit / kib);
    return fm_err_set(err, FM_EINVAL, "%s: file is larger than %zu bytes", path, limit);
}

/*
 * Read f to its end into b, at most limit + 1 bytes so that "too large" is
 * seen: FM_EINVAL means exactly that, FM_EIO a read error (errno says which).
 */
static fm_rc read_stream(fm_buf *b, FILE *f, size_t start, size_t limit)
{
    for (;;) {
        size_t room, got, left = limit - (b->len - start);

        if (b->len + 1 >= b->cap && fm_buf_grow(b, 8192))
            return FM_ENOMEM;
        room = b->cap - b->len - 1;
        if (left < room - 1)
            room = left + 1;
        got = fread(b->data + b->len, 1, room, f);
        b->len += got;
        b->data[b->len] = '\0';
        if (b->len - start > limit)
            return FM_EINVAL;
        if (got < room)
            return ferror(f) ? FM_EIO : FM_OK;
    }
}

fm_rc fm_buf_read_file(fm_buf *b, const char *path, size_t limit, fm_err *err)
{
    size_t start = b->len;
    struct stat sb;
    FILE *f = fopen(path, "rb");
    fm_rc rc;

    if (!f)
        return fm_err_set(err, FM_EINVAL, "%s: cannot open: %s", path, strerror(errno));
    /* A regular file's size sizes the buffer once (+1 to meet the end of file
     * without growing) or refuses it unread; pipes grow as they are read. */
    if (fstat(fileno(f), &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0) {
        if ((unsigned long long)sb.st_size > limit) {
            rc = too_large(path, limit, err);
            goto done;
        }
        if (fm_buf_grow(b, (size_t)sb.st_size + 1)) {
            rc = fm_err_set(err, FM_ENOMEM, "%s: out of memory", path);
            goto done;
        }
    }
    errno = 0;
    rc = read_stream(b, f, start, limit);
    if (rc == FM_EINVAL)
        too_large(path, limit, err);
    else if (rc == FM_ENOMEM)
        fm_err_set(err, rc, "%s: out of memory", path);
    else if (rc)
        /* EISDIR: the caller named a directory, which is bad input, not a failed disk. */
        rc = fm_err_set(err, errno == EISDIR ? FM_EINVAL : FM_EIO, "%s: cannot read: %s", path,
                        strerror(errno));
done:
    fclose(f);
    if (rc) {
        b->len = start;
        if (b->cap)
            b->data[start] = '\0';
    }
    return rc;
}

void *fm_grow_array(void *ptr, size_t nr, size_t *alloc, size_t elem)
{
    size_t max = elem ? (size_t)-1 / elem : (size_t)-1, n;
    void *p;

    if (nr <= *alloc)
        return ptr;
    if (nr > max)
        return ptr;
    /* Doubling keeps appends amortised O(1); 16 spares tiny lists a realloc per element. */
    n = *alloc < 8 ? 16 : *alloc > max / 2 ? max : *alloc * 2;
    if (n < nr)
        n = nr;
    p = realloc(ptr, n * elem);
    if (!p)
        return ptr;
    *alloc = n;
    return p;
}
