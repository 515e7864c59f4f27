/*
 * import_problems.c - the problem lines of an import: "FILE:LINE: COLUMN:
 * problem", held back per line and sent in the order of the columns in
 * the file, at most FM_IMPORT_MAX_PROBLEMS. What is a problem is decided
 * by the getters and importers, not here.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "fairmatch/buf.h"
#include "fairmatch/text.h"
#include "import_internal.h"

/*
 * Problems of one line are held back and sent in the order of their columns
 * in the file (checks run in spec order), so that the output reads left to
 * right like the row itself.
 */
void fm_import_send(pending *p, size_t n, size_t *emitted, fm_err *err, fm_import_sink sink,
                    void *sink_ctx)
{
    for (size_t i = 1; i < n; i++) {
        pending x = p[i];
        size_t j = i;
        for (; j > 0 && p[j - 1].order > x.order; j--)
            p[j] = p[j - 1];
        p[j] = x;
    }
    for (size_t i = 0; i < n; i++) {
        if (*emitted < FM_IMPORT_MAX_PROBLEMS) {
            if (*emitted == 0)
                fm_err_set(err, FM_EINVAL, "%s", p[i].text);
            if (sink)
                sink(sink_ctx, p[i].text);
            (*emitted)++;
        }
        free(p[i].text);
    }
}

bool fm_import_hold(pending *slot, size_t order, const char *file, long line, const char *column,
                    const char *fmt, va_list ap)
{
    char msg[512];
    fm_buf b = FM_BUF_INIT;

    vsnprintf(msg, sizeof msg, fmt, ap);
    if (fm_buf_addf(&b, "%s:%ld: %s: %s", file, line, column, msg)) {
        fm_buf_release(&b);
        return false;
    }
    slot->order = order;
    slot->text = fm_buf_detach(&b, NULL);
    return slot->text != NULL;
}

void fm_import_flush(imp *im)
{
    fm_import_send(im->pending, im->npending, &im->emitted, im->err, im->sink, im->sink_ctx);
    im->npending = 0;
}

static void vproblem(imp *im, size_t order, long line, const char *column, const char *fmt,
                     va_list ap) __attribute__((format(printf, 5, 0)));
static void vproblem(imp *im, size_t order, long line, const char *column, const char *fmt,
                     va_list ap)
{
    im->row_bad = true;
    im->st.problems++;
    if (im->emitted + im->npending >= FM_IMPORT_MAX_PROBLEMS)
        return; /* counted, never shown */
    if (fm_import_hold(&im->pending[im->npending], order, im->file, line, column, fmt, ap))
        im->npending++;
}

void fm_import_problem_at(imp *im, size_t order, long line, const char *column, const char *fmt,
                          ...)
{
    va_list ap;
    va_start(ap, fmt);
    vproblem(im, order, line, column, fmt, ap);
    va_end(ap);
}

/* The header of spec column c as written in the file. */
static const char *header_of(const imp *im, int c)
{
    return im->t->records[0].fields[im->col[c]].text;
}

void fm_import_problem(imp *im, int c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vproblem(im, (size_t)im->col[c], im->rec->line, header_of(im, c), fmt, ap);
    va_end(ap);
}

/*
 * A cell as a message may show it: quoted and cut short, or not at all when
 * it could be a personal number (a shifted row puts one in any column).
 * Three buffers in turn, enough for the values of one message.
 */
const char *fm_import_quoted(imp *im, const char *v)
{
    char *b = im->shown[im->nshown++ % 3];
    return fm_text_quote(v, b, sizeof im->shown[0]);
}
void fm_import_column_name(const fm_csv_record *r, size_t i, char *buf, size_t n)
{
    if (i < r->nfields && r->fields[i].text[0] && r->fields[i].bad_byte < 0 &&
        !fm_text_could_be_pnr(r->fields[i].text))
        fm_utf8_snprintf(buf, n, "%s", r->fields[i].text);
    else
        snprintf(buf, n, "column %zu", i + 1);
}

void fm_import_encoding_problem(imp *im, size_t order, long line, const char *column,
                                const fm_csv_field *f)
{
    if (f->bad_byte == 0)
        fm_import_problem_at(im, order, line, column,
                             "contains a NUL byte (is this a spreadsheet file, not CSV?)");
    else if (im->t->encoding == FM_CSV_UTF16)
        fm_import_problem_at(
            im, order, line, column,
            "not valid UTF-16 (an unpaired surrogate or a cut-off last character)");
    else if (im->t->encoding == FM_CSV_MIXED)
        fm_import_problem_at(
            im, order, line, column,
            "byte 0x%02X is not valid UTF-8, but other text in the file is UTF-8 (save "
            "the file in one encoding: UTF-8 or Windows-1252)",
            (unsigned)f->bad_byte);
    else
        fm_import_problem_at(im, order, line, column,
                             "byte 0x%02X is not a character in Windows-1252",
                             (unsigned)f->bad_byte);
}
