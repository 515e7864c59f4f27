/*
 * fairmatch/buf.h - a growable, always NUL-terminated byte buffer.
 *
 * Modelled on git's strbuf: caller-owned struct, heap-owned contents.
 * Initialise with FM_BUF_INIT or fm_buf_init(); release with fm_buf_release().
 * Appending functions return FM_ENOMEM on allocation failure and leave the
 * buffer as it was (still valid, still terminated).
 */
#ifndef FAIRMATCH_BUF_H
#define FAIRMATCH_BUF_H

#include <stddef.h>

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

/* Drop the contents but keep the allocation. */
void fm_buf_reset(fm_buf *b);

/*
 * Hand the contents to the caller, who frees them with free(); b becomes
 * empty. Never returns NULL except on allocation failure of an empty buffer.
 */
char *fm_buf_detach(fm_buf *b, size_t *len);

#endif
