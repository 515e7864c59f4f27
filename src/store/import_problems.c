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
void fm_import_flush(imp *im)
{
    for (size_t i = 1; i < im->npending; i++) {
        pending p = im->pending[i];
        size_t j = i;
        for (; j > 0 && im->pending[j - 1].order > p.order; j--)
            im->pending[j] = im->pending[j - 1];
        im->pending[j] = p;
    }
    for (size_t i = 0; i < im->npending; i++) {
        if (im->emitted < FM_IMPORT_MAX_PROBLEMS) {
            if (im->emitted == 0)
                fm_err_set(im->err, FM_EINVAL, "%s", im->pending[i].text);
            if (im->sink)
                im->sink(im->sink_ctx, im->pending[i].text);
            im->emitted++;
        }
        free(im->pending[i].text);
    }
    im->npending = 0;
}

static void vproblem(imp *im, size_t order, long line, const char *column, const char *fmt,
                     va_list ap) __attribute__((format(printf, 5, 0)));
static void vproblem(imp *im, size_t order, long line, const char *column, const char *fmt,
                     va_list ap)
{
    char msg[512];
    fm_buf b = FM_BUF_INIT;

    im->row_bad = true;
    im->st.problems++;
    if (im->emitted + im->npending >= FM_IMPORT_MAX_PROBLEMS)
        return; /* counted, never shown */
    vsnprintf(msg, sizeof msg, fmt, ap);
    if (fm_buf_addf(&b, "%s:%ld: %s: %s", im->file, line, column, msg)) {
        fm_buf_release(&b);
        return;
    }
    im->pending[im->npending].order = order;
    im->pending[im->npending].text = fm_buf_detach(&b, NULL);
    if (im->pending[im->npending].text)
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
