/*
 * ods.c - the .ods reader: the first (or the named) table of an
 * OpenDocument spreadsheet's content.xml turned into the fm_csv_table
 * import.c already knows, after META-INF/manifest.xml has shown that it
 * is not encrypted. The zip container, its limits and the table's are
 * workbook_zip.c's and workbook_table.c's, shared with xlsx.c.
 */
#include "fairmatch/ods.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/xlsx.h"
#include "workbook.h"

#define MIMETYPE "application/vnd.oasis.opendocument.spreadsheet"
/* A repeat count above this is damage: no producer writes one (LibreOffice's 16384 columns and
 * 1048576 rows are far below), and it keeps line numbers within range. */
#define MAX_REPEAT 16777216L
#define MAX_CELL_SPACES 65536L

static const fm_wb_format ods_format = {
    ".ods spreadsheet", "an OpenDocument spreadsheet", "LibreOffice Calc",
    "not an .ods spreadsheet (it is not a zip archive: a renamed file?); save it from LibreOffice "
    "Calc as .ods or as CSV"};

typedef struct reader {
    fm_wb wb;        /* first: the handlers get &wb and cast back */
    bool encrypted;  /* the manifest lists encryption data */
    bool found;      /* the wanted table was seen */
    int table_depth; /* inside the wanted table: 1; in a table nested in it: more */
    long next_line;  /* the sheet row number of the next row */
    long row_repeat; /* how many rows the current row stands for */
    bool in_cell;
    long cell_repeat; /* how many columns the current cell stands for */
    char type[16];    /* office:value-type */
    char *value;      /* office:value, date-value, time-value or boolean-value */
    int paragraphs;   /* text:p seen in the cell */
    int note_depth;   /* inside office:annotation, whose text is not the cell's */
} reader;

/* ---- is it an .ods? ----------------------------------------------------- */

static unsigned le16(const char *p)
{
    return (unsigned)(unsigned char)p[0] | (unsigned)(unsigned char)p[1] << 8;
}

/* The first zip entry is "mimetype", stored, naming a spreadsheet (as the standard asks). */
static bool mimetype_first(const char *data, size_t len)
{
    size_t name_len, extra, at;

    if (len < 30 || memcmp(data, "PK\x03\x04", 4) || le16(data + 8) != 0)
        return false;
    name_len = le16(data + 26);
    extra = le16(data + 28);
    at = 30 + name_len + extra;
    /* at + the type within len first: a cut-off header must not be read past its end. */
    return name_len == 8 && at + strlen(MIMETYPE) <= len && !memcmp(data + 30, "mimetype", 8) &&
           !memcmp(data + at, MIMETYPE, strlen(MIMETYPE));
}

bool fm_ods_is_ods(const char *data, size_t len)
{
    zip_error_t ze;
    zip_source_t *src;
    zip_t *z;
    bool ods;

    if (mimetype_first(data, len))
        return true;
    if (!fm_xlsx_is_zip(data, len))
        return false;
    zip_error_init(&ze);
    src = zip_source_buffer_create(data, len, 0, &ze);
    z = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    if (!z)
        zip_source_free(src);
    ods = z && zip_name_locate(z, "content.xml", 0) >= 0 &&
          zip_name_locate(z, "xl/workbook.xml", 0) < 0;
    if (z)
        zip_discard(z);
    zip_error_fini(&ze);
    return ods;
}

/* ---- META-INF/manifest.xml ---------------------------------------------- */

static void manifest_start(fm_wb *w, const char *name, const XML_Char **atts)
{
    (void)atts;
    if (!strcmp(name, "encryption-data"))
        ((reader *)w)->encrypted = true;
}

static void no_end(fm_wb *w, const char *name)
{
    (void)w, (void)name;
}

/* ---- cell values -------------------------------------------------------- */

/* A repeat attribute's count: 1 when absent; 0 after refusing a bad one. */
static long repeat_of(reader *r, const XML_Char **atts, const char *attr)
{
    const char *v = fm_wb_attr(atts, attr);
    char *end = NULL;
    long n;

    if (!v)
        return 1;
    n = strtol(v, &end, 10);
    if (end == v || *end || n < 1 || n > MAX_REPEAT) {
        fm_wb_damaged(&r->wb, "a repeat count out of range");
        return 0;
    }
    return n;
}

/* office:time-value "PT09:30:00" style ("PT9H30M0S") as HH:MM[:SS]; the text as is otherwise. */
static void render_time(const char *v, char *out, size_t n)
{
    double h = 0, m = 0, s = 0;
    int used = 0;
    long secs;

    /* !(x >= 0) also refuses NaN, which sscanf accepts as "nan". */
    if (sscanf(v, "PT%lfH%lfM%lfS%n", &h, &m, &s, &used) != 3 || v[used] || !(h >= 0) ||
        !(m >= 0) || !(s >= 0) || !(h + m / 60 + s / 3600 < 24)) {
        snprintf(out, n, "%s", v);
        return;
    }
    secs = lround(h * 3600 + m * 60 + s);
    snprintf(out, n, secs % 60 ? "%02ld:%02ld:%02ld" : "%02ld:%02ld", secs / 3600 % 24,
             secs / 60 % 60, secs % 60);
}

/* A float, percentage or currency cell's office:value as the importer reads it. */
static void render_float(const reader *r, const char *v, char *out, size_t n)
{
    char *end = NULL;
    double x = strtod(v, &end);

    if (end == v || *end || !isfinite(x)) {
        snprintf(out, n, "%s", v);
        return;
    }
    if (!strcmp(r->type, "percentage"))
        x *= 100.0; /* 62.5 % is 0.625 in the cell; extent wants 62.5 */
    fm_wb_render_number(x, out, n);
}

/* A typed cell's value (not text) as text; NULL when the type is text or has no value. */
static char *typed_text(reader *r)
{
    char buf[64];
    char *t;

    if (!r->value)
        return NULL;
    if (!strcmp(r->type, "boolean"))
        return fm_wb_dup(&r->wb, !strcmp(r->value, "true") ? "yes" : "no");
    if (!strcmp(r->type, "date")) { /* ISO 8601: the date is what the importer takes */
        t = strchr(r->value, 'T');
        if (t)
            *t = '\0';
        return fm_wb_dup(&r->wb, r->value);
    }
    if (!strcmp(r->type, "time")) {
        render_time(r->value, buf, sizeof buf);
        return fm_wb_dup(&r->wb, buf);
    }
    if (fm_wb_in_text_column(&r->wb)) {
        /* Never keep the digits: in this column they are someone's personal number. */
        fm_wb_mark(&r->wb, "is a number in the workbook; enter it as text");
        return fm_wb_dup(&r->wb, "");
    }
    render_float(r, r->value, buf, sizeof buf);
    return fm_wb_dup(&r->wb, buf);
}

/* The attribute holding the value of a cell of type t, or NULL for text. */
static const char *value_attr(const char *t)
{
    if (!strcmp(t, "float") || !strcmp(t, "percentage") || !strcmp(t, "currency"))
        return "value";
    if (!strcmp(t, "date"))
        return "date-value";
    if (!strcmp(t, "time"))
        return "time-value";
    if (!strcmp(t, "boolean"))
        return "boolean-value";
    return NULL;
}

/* ---- content.xml -------------------------------------------------------- */

static void table_start(reader *r, const XML_Char **atts)
{
    const char *name = fm_wb_attr(atts, "name");

    if (r->table_depth > 0) {
        r->table_depth++; /* a table inside a cell of ours: not rows of the sheet */
        return;
    }
    if (!fm_wb_sheet_seen(&r->wb, name ? name : "") || r->found)
        return;
    r->found = true;
    r->table_depth = 1;
    r->next_line = 1;
}

static void cell_start(reader *r, const XML_Char **atts)
{
    const char *t = fm_wb_attr(atts, "value-type"), *va;

    r->cell_repeat = repeat_of(r, atts, "number-columns-repeated");
    if (!r->cell_repeat)
        return;
    snprintf(r->type, sizeof r->type, "%s", t ? t : "");
    va = value_attr(r->type);
    free(r->value);
    r->value = NULL;
    if (va && fm_wb_attr(atts, va))
        r->value = fm_wb_dup(&r->wb, fm_wb_attr(atts, va));
    r->in_cell = true;
    r->paragraphs = 0;
    r->note_depth = 0;
    fm_buf_reset(&r->wb.text);
}

/* text:s: c spaces (1 when absent), counted as output against the limits. */
static void add_spaces(reader *r, const XML_Char **atts)
{
    const char *c = fm_wb_attr(atts, "c");
    long n = c ? strtol(c, NULL, 10) : 1;

    if (n < 1)
        n = 1;
    if (n > MAX_CELL_SPACES || !fm_wb_charge(&r->wb, (size_t)n)) {
        fm_wb_damaged(&r->wb, "a run of spaces out of range");
        return;
    }
    for (long i = 0; i < n; i++)
        if (fm_buf_addch(&r->wb.text, ' '))
            fm_wb_nomem(&r->wb);
}

/* Elements inside a cell: paragraphs, their spaces, tabs and line breaks; notes skipped. */
static void in_cell_start(reader *r, const char *name, const XML_Char **atts)
{
    if (!strcmp(name, "annotation")) {
        r->note_depth++;
        r->wb.collect = false;
    } else if (r->note_depth) {
        return;
    } else if (!strcmp(name, "p") || !strcmp(name, "h")) {
        if (r->paragraphs++ && fm_buf_addch(&r->wb.text, '\n'))
            fm_wb_nomem(&r->wb);
        r->wb.collect = true;
    } else if (!r->wb.collect) {
        return;
    } else if (!strcmp(name, "s")) {
        add_spaces(r, atts);
    } else if (!strcmp(name, "tab") || !strcmp(name, "line-break")) {
        if (fm_buf_addch(&r->wb.text, name[0] == 't' ? '\t' : '\n'))
            fm_wb_nomem(&r->wb);
    }
}

static void content_start(fm_wb *w, const char *name, const XML_Char **atts)
{
    reader *r = (reader *)w;

    if (!strcmp(name, "table")) {
        table_start(r, atts);
    } else if (r->table_depth != 1) {
        return;
    } else if (r->in_cell) {
        in_cell_start(r, name, atts);
    } else if (!strcmp(name, "table-row")) {
        r->row_repeat = repeat_of(r, atts, "number-rows-repeated");
        r->wb.row.line = r->next_line;
        r->wb.col = 0;
    } else if (!strcmp(name, "table-cell") || !strcmp(name, "covered-table-cell")) {
        cell_start(r, atts);
    }
}

/* Place the finished cell's value in each column it stands for. */
static void finish_cell(reader *r)
{
    char *s = typed_text(r);
    size_t len;

    r->in_cell = false;
    r->wb.collect = false;
    if (!s && !r->wb.rc)
        s = fm_wb_dup(&r->wb, r->wb.text.data);
    if (!s || (!s[0] && !r->wb.row.problem)) {
        free(s); /* an empty text is an empty cell */
        r->wb.col += r->cell_repeat;
        return;
    }
    len = strlen(s) + 1;
    for (long k = 1; k < r->cell_repeat && !r->wb.rc; k++) {
        if (fm_wb_charge(&r->wb, len))
            fm_wb_place(&r->wb, fm_wb_dup(&r->wb, s));
        r->wb.col++;
    }
    if (!r->wb.rc)
        fm_wb_place(&r->wb, s);
    else
        free(s);
    r->wb.col++;
}

static void content_end(fm_wb *w, const char *name)
{
    reader *r = (reader *)w;

    if (!strcmp(name, "table") && r->table_depth > 0) {
        r->table_depth--;
    } else if (r->table_depth != 1) {
        return;
    } else if (r->in_cell && !strcmp(name, "annotation")) {
        r->note_depth--;
    } else if (!strcmp(name, "table-cell") || !strcmp(name, "covered-table-cell")) {
        if (r->in_cell)
            finish_cell(r);
    } else if (r->in_cell) {
        if (!r->note_depth && (!strcmp(name, "p") || !strcmp(name, "h")))
            r->wb.collect = false;
    } else if (!strcmp(name, "table-row")) {
        fm_wb_finish_row(&r->wb, r->row_repeat);
        r->next_line += r->row_repeat;
    }
}

/* ---- the whole ---------------------------------------------------------- */

static void read_parts(reader *r)
{
    if (fm_wb_parse_part(&r->wb, "META-INF/manifest.xml", false, manifest_start, no_end))
        return;
    if (r->encrypted) {
        fm_wb_fail(&r->wb, FM_EINVAL,
                   "the spreadsheet is password-protected (encrypted): remove the password in "
                   "LibreOffice Calc (File > Save As, without \"Save with password\") and save it "
                   "again");
        return;
    }
    fm_wb_table_new(&r->wb);
    if (r->wb.rc || fm_wb_parse_part(&r->wb, "content.xml", true, content_start, content_end))
        return;
    if (!r->found)
        fm_wb_no_sheet(&r->wb, "the spreadsheet has no sheets");
}

fm_rc fm_ods_read(const char *data, size_t len, const char *display_name, const char *sheet,
                  const char *const *text_headers, fm_csv_table **out, fm_err *err)
{
    reader r;

    memset(&r, 0, sizeof r);
    fm_wb_init(&r.wb, display_name, &ods_format, sheet, text_headers, err);
    fm_wb_open(&r.wb, data, len);
    if (!r.wb.rc)
        read_parts(&r);
    *out = fm_wb_take_table(&r.wb);
    free(r.value);
    fm_wb_release(&r.wb);
    return r.wb.rc;
}
