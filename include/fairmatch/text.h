/*
 * fairmatch/text.h - UTF-8 text as renderers and messages need it: cutting
 * only at character boundaries (a cut inside a character makes the rest of
 * a JSON document or CSV file invalid UTF-8), and showing a user's value in
 * a message without ever echoing what could be a personal number.
 *
 * Pure: no I/O, no allocation, no global state. Thread-safe.
 */
#ifndef FAIRMATCH_TEXT_H
#define FAIRMATCH_TEXT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

/*
 * The largest length <= max and <= n at which the n bytes at s can be cut
 * without splitting a UTF-8 sequence. Bytes that are not UTF-8 are single
 * characters for this purpose.
 */
size_t fm_utf8_fit(const char *s, size_t n, size_t max);

/*
 * Display width of UTF-8 text for a fixed-width table: one column per code
 * point (right for Swedish names; no East Asian wide forms expected).
 */
size_t fm_utf8_width(const char *s);

/*
 * snprintf into buf (size > 0), but when the output does not fit it is cut
 * at the last whole UTF-8 character, never inside one. Returns true when the
 * output was cut. Renderers with fixed buffers use this instead of snprintf.
 */
bool fm_utf8_snprintf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* As fm_utf8_snprintf with a va_list. */
bool fm_utf8_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

/*
 * True when s holds ten or more digits anywhere, counting digits separated
 * by other characters: the form of a personal or co-ordination number
 * (YYMMDD-NNNC, YYYYMMDDNNNC), also when a shifted row put it in another
 * column. Messages must then not show any of it.
 */
bool fm_text_could_be_pnr(const char *s);

/*
 * The value v as a message shows it, written into buf (size >= 64):
 * in double quotes, cut with "…" at a character boundary when longer than
 * buf allows; or, when fm_text_could_be_pnr(v), the words
 * "(a value like a personal number, not shown)" and no digit of it.
 * Returns buf.
 */
const char *fm_text_quote(const char *v, char *buf, size_t size);

/*
 * Make a finished message safe in place (size = its buffer's size): every
 * double-quoted part that fm_text_could_be_pnr, and every run of digits,
 * spaces, '-' and '+' holding ten or more digits, is replaced by
 * "(a value like a personal number, not shown)"; a message cut short ends
 * at a character boundary. fm_err_set runs this on every message, as a net
 * under the call sites that already quote with fm_text_quote.
 */
void fm_text_redact(char *msg, size_t size);

#endif
