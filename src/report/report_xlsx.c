/*
 * report_xlsx.c - the report as an XLSX workbook (libxlsxwriter): one sheet
 * per section of report_flat.c and a line chart of the trend. Text goes in
 * as typed strings, never formulas, so names cannot inject. It writes to a
 * private temporary file (libxlsxwriter 1.1.4 cannot write to memory) and
 * hands back the bytes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "report_internal.h"

static lxw_error write_section(lxw_workbook *wb, const fm_section *s, lxw_format *pct,
                               lxw_format *bold, lxw_format *dec)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, s->sheet);
    lxw_error e = LXW_NO_ERROR;
    if (!ws)
        return LXW_ERROR_MEMORY_MALLOC_FAILED;
    e = worksheet_write_string(ws, 0, 0, s->title, bold);
    for (size_t r = 0; r < s->nrows && !e; r++) {
        for (size_t c = 0; c < s->ncols && !e; c++) {
            const fm_gcell *g = &s->cells[r * s->ncols + c];
            lxw_row_t row = (lxw_row_t)(r + 1);
            lxw_col_t col = (lxw_col_t)c;
            if (g->kind == FM_GC_TEXT || g->kind == FM_GC_SMALL || g->kind == FM_GC_HIDDEN)
                e = worksheet_write_string(ws, row, col, g->text, r ? NULL : bold);
            else if (g->kind == FM_GC_INT)
                e = worksheet_write_number(ws, row, col, (double)g->i, NULL);
            else if (g->kind == FM_GC_SHARE)
                e = worksheet_write_number(ws, row, col, g->d, pct);
            else if (g->kind == FM_GC_NUMBER)
                e = worksheet_write_number(ws, row, col, g->d, dec);
        }
    }
    if (!e)
        e = worksheet_set_column(ws, 0, 0, 28, NULL);
    if (!e && s->ncols > 1)
        e = worksheet_set_column(ws, 1, (lxw_col_t)(s->ncols - 1), 16, NULL);
    return e;
}

/* Hires per month and women per month from the Trend sheet (title row 1, header row 2). */
static lxw_error add_chart(lxw_workbook *wb, const fm_report *r)
{
    lxw_worksheet *ws = workbook_get_worksheet_by_name(wb, "Trend");
    lxw_chart *chart;
    lxw_chart_series *ser;
    lxw_row_t first = 2, last;
    if (!ws || r->trend.n == 0)
        return LXW_NO_ERROR;
    last = (lxw_row_t)(first + r->trend.n - 1);
    chart = workbook_add_chart(wb, LXW_CHART_LINE);
    if (!chart)
        return LXW_ERROR_MEMORY_MALLOC_FAILED;
    chart_title_set_name(chart, "Anställda per månad (hires per month)");
    ser = chart_add_series(chart, NULL, NULL);
    if (!ser)
        return LXW_ERROR_MEMORY_MALLOC_FAILED;
    chart_series_set_categories(ser, "Trend", first, 0, last, 0);
    chart_series_set_values(ser, "Trend", first, 1, last, 1);
    chart_series_set_name(ser, "anställda (hires)");
    ser = chart_add_series(chart, NULL, NULL);
    if (!ser)
        return LXW_ERROR_MEMORY_MALLOC_FAILED;
    chart_series_set_categories(ser, "Trend", first, 0, last, 0);
    chart_series_set_values(ser, "Trend", first, 2, last, 2);
    chart_series_set_name(ser, "kvinnor (women)");
    return worksheet_insert_chart(ws, 1, 7, chart);
}

static fm_rc read_all(const char *path, char **out, size_t *len, fm_err *err)
{
    fm_buf b = FM_BUF_INIT;
    fm_rc rc = fm_buf_read_file(&b, path, SIZE_MAX, err);

    /* The file is our own temporary one: failing to read it is never the user's input. */
    if (rc == FM_EINVAL) {
        rc = FM_EIO;
        if (err)
            err->rc = rc;
    }
    if (rc)
        return rc;
    *out = fm_buf_detach(&b, len);
    if (!*out)
        return fm_err_set(err, FM_ENOMEM, "report: out of memory");
    return FM_OK;
}

fm_rc fm_report_to_xlsx(const fm_report *r, char **out, size_t *len, fm_err *err)
{
    const char *dir = getenv("TMPDIR");
    char path[4096];
    fm_section *secs = NULL;
    size_t n = 0;
    lxw_workbook *wb = NULL;
    lxw_error e = LXW_NO_ERROR;
    fm_rc rc;
    int fd;

    *out = NULL;
    *len = 0;
    if (!dir || !*dir)
        dir = "/tmp";
    if (snprintf(path, sizeof path, "%s/fairmatch-report-XXXXXX", dir) >= (int)sizeof path)
        return fm_err_set(err, FM_EIO, "report: TMPDIR is too long");
    fd = mkstemp(path);
    if (fd < 0)
        return fm_err_set(err, FM_EIO, "report: temporary file in %s: %s", dir, strerror(errno));
    close(fd);
    rc = fm_report_sections(r, &secs, &n, err);
    if (rc)
        goto done;
    wb = workbook_new(path);
    if (!wb) {
        rc = fm_err_set(err, FM_EIO, "report: cannot create workbook %s", path);
        goto done;
    }
    {
        lxw_format *pct = workbook_add_format(wb), *bold = workbook_add_format(wb);
        lxw_format *dec = workbook_add_format(wb);
        format_set_num_format(pct, "0.0%");
        format_set_bold(bold);
        format_set_num_format(dec, "0.0");
        for (size_t i = 0; i < n && !e; i++)
            e = write_section(wb, &secs[i], pct, bold, dec);
    }
    if (!e)
        e = add_chart(wb, r);
    if (!e) {
        e = workbook_close(wb);
        wb = NULL;
    }
    if (e) {
        rc = fm_err_set(err, FM_EIO, "report: xlsx: %s", lxw_strerror(e));
        goto done;
    }
    rc = read_all(path, out, len, err);
done:
    if (wb)
        workbook_close(wb);
    fm_report_sections_free(secs, n);
    unlink(path);
    return rc;
}
