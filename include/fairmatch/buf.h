/*
 * fairmatch/buf.h - a growable, always NUL-terminated byte buffer, and
 * FM_GROW, the one way to grow a plain array.
 *
 * Modelled on git's strbuf: caller-owned struct, heap-owned contents.
 * Initialise with FM_BUF_INIT or fm_buf_init(); release with fm_buf_release().
 * Appending functions return FM_ENOMEM on allocation failure and leave the
 * buffer as it was (still valid, still terminated). No function here keeps
 * state of its own: distinct buffers may be used from distinct threads.
 */
#ifndef FAIRMATCH_BUF_H
#define FAIRMATCH_BUF_H

#include <stddef.h>
#include <stdint.h>

#include "fairmatch/err.h"

typedef struct fm_buf {
    char *data; /* NUL-terminated; never NULL after init ("" when empty) */
    size_t len; /* bytes used, terminator excluded */
    size_t cap; /* bytes allocated; 0 while data points at a static "" */
} fm_buf;

extern char fm_buf_empty[];
#define FM_BUF_INIT                                                                                \
    {                                                                                              \
        fm_buf_empty, 0, 0                                                                         \
    }

/* Initialise caller storage to the empty buffer. Allocates nothing. */
void fm_buf_init(fm_buf *b);

/* Free the contents; b is empty and reusable afterwards. NULL-safe. */
void fm_buf_release(fm_buf *b);

/* Ensure room for `extra` more bytes plus the terminator. */
fm_rc fm_buf_grow(fm_buf *b, size_t extra);

/* Append n bytes (may contain NUL). */
fm_rc fm_buf_add(fm_buf *b, const void *data, size_t n);

/* Append a NUL-terminated string. */
fm_rc fm_buf_adds(fm_buf *b, const char *s);

/* Append one byte. */
fm_rc fm_buf_addch(fm_buf *b, char c);

/* Append printf-formatted text. */
fm_rc fm_buf_addf(fm_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * Append s as a JSON string literal (RFC 8259), quotes included: `"` and `\`
 * get a backslash, bytes below 0x20 become \u00xx (lower-case hex, no short
 * forms such as \n), every other byte is copied as it is. UTF-8 therefore
 * passes through unescaped; it is not validated here (text comes from input
 * that was checked when it entered). s NULL appends `null`.
 */
fm_rc fm_buf_add_json_str(fm_buf *b, const char *s);

/*
 * Append the whole file at path (binary; it may contain NUL bytes). A file
 * of more than `limit` bytes is refused, so that a wrong path or a hostile
 * upload cannot exhaust memory; pass SIZE_MAX for no limit. On failure b is
 * left as it was and err says the path and what went wrong:
 *   FM_EINVAL  the path cannot be opened ("cannot open: <strerror>"), names a
 *              directory ("cannot read: Is a directory"), or the file is
 *              larger than limit ("file is larger than 16 MiB")
 *   FM_EIO     reading an opened file failed ("cannot read: <strerror>")
 *   FM_ENOMEM  out of memory
 * Callers for whom the file is their own (a temporary file they wrote) may
 * report FM_EINVAL as FM_EIO. Not atomic against a file being written.
 */
fm_rc fm_buf_read_file(fm_buf *b, const char *path, size_t limit, fm_err *err);

/* Drop the contents but keep the allocation. */
void fm_buf_reset(fm_buf *b);

/*
 * Hand the contents to the caller, who frees them with free(); b becomes
 * empty. Never returns NULL except on allocation failure of an empty buffer.
 */
char *fm_buf_detach(fm_buf *b, size_t *len);

/*
 * FM_GROW(ptr, nr, alloc): make the heap array ptr, with room for alloc
 * elements, hold at least nr elements; like git's ALLOC_GROW. ptr may be NULL
 * with alloc 0. Grows geometrically, so appending one element at a time is
 * amortised O(1):
 *
 *     if (FM_GROW(list->v, list->n + 1, list->cap))
 *         goto oom;
 *     list->v[list->n++] = item;
 *
 * Evaluates to FM_OK, or FM_ENOMEM when nr elements would overflow size_t or
 * the allocation fails; ptr and alloc are then unchanged (the old array is
 * still valid and still the caller's). New elements are uninitialised.
 * alloc must be a size_t lvalue and nr a size_t; ptr and alloc are evaluated
 * more than once, so pass plain lvalues without side effects. Two parallel
 * arrays need two alloc counters: the first FM_GROW updates its alloc.
 */
#define FM_GROW(ptr, nr, alloc)                                                                    \
    ((ptr) = fm_grow_array((ptr), (nr), &(alloc), sizeof *(ptr)), fm_grow_result((alloc), (nr)))

/*
 * FM_GROW's worker: returns the (possibly moved) array with *alloc >= nr, or
 * ptr itself with *alloc untouched when it cannot grow. Use FM_GROW; call
 * this directly only where the element size is known at run time alone (a
 * generic list reader), and take *alloc < nr afterwards as FM_ENOMEM.
 */
void *fm_grow_array(void *ptr, size_t nr, size_t *alloc, size_t elem);

/* FM_GROW's verdict, a function so that a constant nr draws no warning. */
static inline fm_rc fm_grow_result(size_t alloc, size_t nr)
{
    return alloc >= nr ? FM_OK : FM_ENOMEM;
}

#endif
