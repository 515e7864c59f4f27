/*
 * workbook_table.c - a sheet's cells into the fm_csv_table the importer
 * reads: rows that hold a value become records on their sheet row number,
 * gaps become empty fields, and the row, column and cell limits of
 * fairmatch/xlsx.h hold whatever the format. Which cell holds what text is
 * the format's (xlsx.c, ods.c).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/xlsx.h"
#include "workbook.h"

void fm_wb_table_new(fm_wb *w)
{
    w->t = calloc(1, sizeof *w->t);
    if (!w->t) {
        fm_wb_nomem(w);
        return;
    }
    w->t->encoding = FM_CSV_UTF8;
    w->t->delimiter = ',';
}

fm_csv_table *fm_wb_take_table(fm_wb *w)
{
    fm_csv_table *t = w->rc ? NULL : w->t;
    if (t)
        w->t = NULL;
    return t;
}

void fm_wb_render_number(double x, char *out, size_t n)
{
    if (x == floor(x) && fabs(x) < 1e15)
        snprintf(out, n, "%.0f", x == 0 ? 0.0 : x);
    else
        snprintf(out, n, "%.15g", x);
}

/* Append one empty-or-text field to the row being built. False on failure (recorded). */
static bool add_field(fm_wb *w, char *text)
{
    fm_csv_field *f;
    if (!text)
        return false;
    if (FM_GROW(w->row.fields, w->row.nfields + 1, w->caprow)) {
        fm_wb_nomem(w);
        free(text);
        return false;
    }
    f = &w->row.fields[w->row.nfields++];
    memset(f, 0, sizeof *f);
    f->bad_byte = -1;
    f->text = text;
    f->len = strlen(text);
    w->ncells++;
    return true;
}

void fm_wb_place(fm_wb *w, char *text)
{
    size_t need = (size_t)w->col + 1;

    if (w->col >= FM_XLSX_MAX_COLS) {
        free(text);
        fm_wb_fail(w, FM_EINVAL, "row %ld has a value beyond column %ld; refused", w->row.line,
                   FM_XLSX_MAX_COLS);
        return;
    }
    if (w->ncells + need - w->row.nfields > FM_XLSX_MAX_CELLS) {
        free(text);
        fm_wb_fail(w, FM_EINVAL, "the sheet has more than %zu cells; refused", FM_XLSX_MAX_CELLS);
        return;
    }
    while (w->row.nfields + 1 < need)
        if (!add_field(w, fm_wb_dup(w, "")))
            break;
    if (w->row.nfields + 1 == need)
        add_field(w, text);
    else
        free(text);
}

void fm_wb_mark(fm_wb *w, const char *problem)
{
    if (w->row.problem)
        return;
    w->row.problem = problem;
    w->row.problem_field = (size_t)w->col;
}

bool fm_wb_in_text_column(const fm_wb *w)
{
    return w->t->nrecords > 0 && (size_t)w->col < w->ntext_col && w->text_col[w->col];
}

static void mark_text_columns(fm_wb *w)
{
    const fm_csv_record *h = &w->t->records[0];

    w->text_col = calloc(h->nfields ? h->nfields : 1, sizeof *w->text_col);
    if (!w->text_col) {
        fm_wb_nomem(w);
        return;
    }
    w->ntext_col = h->nfields;
    for (size_t i = 0; i < h->nfields; i++)
        for (size_t k = 0; w->text_headers && w->text_headers[k]; k++)
            if (fm_csv_header_eq(h->fields[i].text, w->text_headers[k]))
                w->text_col[i] = true;
}

/* A deep copy of record src on sheet row line into *out; false on failure (recorded). */
static bool copy_record(fm_wb *w, const fm_csv_record *src, long line, fm_csv_record *out)
{
    fm_csv_record r = *src;
    size_t i;

    r.line = line;
    r.fields = calloc(src->nfields, sizeof *r.fields);
    if (!r.fields) {
        fm_wb_nomem(w);
        return false;
    }
    for (i = 0; i < src->nfields; i++) {
        r.fields[i] = src->fields[i];
        r.fields[i].text = fm_wb_dup(w, src->fields[i].text);
        if (!r.fields[i].text)
            break;
    }
    if (i < src->nfields) {
        while (i-- > 0)
            free(r.fields[i].text);
        free(r.fields);
        return false;
    }
    *out = r;
    return true;
}

static size_t row_bytes(const fm_csv_record *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->nfields; i++)
        n += r->fields[i].len + 1;
    return n;
}

/* Room for one more record of n fields; refuses the sheet when there is none. */
static bool room(fm_wb *w, size_t n)
{
    if ((long)w->t->nrecords >= FM_XLSX_MAX_ROWS) {
        fm_wb_fail(w, FM_EINVAL, "the sheet has more than %ld rows; refused", FM_XLSX_MAX_ROWS);
        return false;
    }
    if (n > FM_XLSX_MAX_CELLS - w->ncells) {
        fm_wb_fail(w, FM_EINVAL, "the sheet has more than %zu cells; refused", FM_XLSX_MAX_CELLS);
        return false;
    }
    if (FM_GROW(w->t->records, w->t->nrecords + 1, w->caprec)) {
        fm_wb_nomem(w);
        return false;
    }
    return true;
}

void fm_wb_finish_row(fm_wb *w, long repeat)
{
    size_t first = w->t->nrecords, n = w->row.nfields;

    if (n == 0)
        return; /* a row of formatting only, or of empty cells, however often repeated */
    if (!room(w, 0))
        return;
    w->t->records[w->t->nrecords++] = w->row;
    memset(&w->row, 0, sizeof w->row);
    w->caprow = 0;
    for (long k = 1; k < repeat; k++) {
        const fm_csv_record *src;
        if (!room(w, n) || !fm_wb_charge(w, row_bytes(&w->t->records[first])))
            return;
        src = &w->t->records[first];
        if (!copy_record(w, src, src->line + k, &w->t->records[w->t->nrecords]))
            return;
        w->t->nrecords++;
        w->ncells += n;
    }
    if (!w->text_col)
        mark_text_columns(w);
}
