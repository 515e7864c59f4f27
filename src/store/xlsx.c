/*
 * xlsx.c - the .xlsx reader: one sheet of an Office Open XML workbook
 * (xl/workbook.xml, its relationships, shared strings, styles, the sheet)
 * turned into the fm_csv_table import.c already knows. It knows nothing of
 * kinds or columns beyond the header names it is handed. The zip container,
 * its limits and the table's are workbook_zip.c's and workbook_table.c's;
 * which number formats are dates is xlsx_styles.c's. Hand-written on
 * libzip and expat rather than a spreadsheet library because none is
 * packaged in Debian for C, and because we need the sheet's row numbers,
 * each cell's style (dates are numbers in disguise) and byte counts while
 * inflating, which such libraries hide.
 */
#include "fairmatch/xlsx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/buf.h"
#include "xlsx_internal.h"

#define MAX_SHEET_ROW 1048576L /* Excel's last row */

static const fm_wb_format xlsx_format = {
    ".xlsx workbook", "an Excel workbook", "Excel",
    "not an .xlsx workbook (it is not a zip archive: a renamed file, or an old .xls?); save it "
    "from Excel as .xlsx or as CSV"};

typedef struct reader {
    fm_wb wb; /* first: the handlers get &wb and cast back */
    int rph;  /* inside phonetic runs, whose text is not the cell's */
    /* xl/workbook.xml */
    char *rid;
    char *sheet_name;
    /* xl/_rels/workbook.xml.rels */
    char *sheet_part;
    bool sheet_is_chart;
    char *sst_part;
    char *styles_part;
    /* shared strings */
    char **sst;
    size_t nsst, capsst;
    bool in_si;
    /* styles: the cells' number formats (xlsx_styles.c) */
    fm_xlsx_styles styles;
    /* the sheet */
    long last_row;
    long last_col;
    char type[16];
    long style;
    bool in_row, in_cell, has_value;
} reader;

/* Stream a part with the handlers of this file; phonetic runs start closed. */
static fm_rc parse(reader *r, const char *name, bool required, fm_wb_start_fn st, fm_wb_end_fn en)
{
    r->rph = 0;
    return fm_wb_parse_part(&r->wb, name, required, st, en);
}

/* ---- xl/workbook.xml and its relationships ------------------------------ */

static void workbook_start(fm_wb *w, const char *name, const XML_Char **atts)
{
    reader *r = (reader *)w;
    const char *v;

    if (!strcmp(name, "workbookPr")) {
        v = fm_wb_attr(atts, "date1904");
        r->styles.date1904 = v && (!strcmp(v, "1") || !strcmp(v, "true"));
    } else if (!strcmp(name, "sheet")) {
        const char *sname = fm_wb_attr(atts, "name"), *id = fm_wb_attr(atts, "id");
        if (!sname || !id) {
            fm_wb_damaged(&r->wb, "a sheet without a name or id");
            return;
        }
        if (fm_wb_sheet_seen(&r->wb, sname) && !r->rid) {
            r->rid = fm_wb_dup(&r->wb, id);
            r->sheet_name = fm_wb_dup(&r->wb, sname);
        }
    }
}

static void no_end(fm_wb *w, const char *name)
{
    reader *r = (reader *)w;
    (void)r, (void)name;
}

/* A relationship target is relative to xl/, or absolute from the package root. */
static char *part_name(reader *r, const char *target)
{
    fm_buf b = FM_BUF_INIT;
    char *s;
    if (target[0] == '/' ? fm_buf_adds(&b, target + 1) : fm_buf_addf(&b, "xl/%s", target)) {
        fm_wb_nomem(&r->wb);
        return NULL;
    }
    s = fm_buf_detach(&b, NULL);
    if (!s)
        fm_wb_nomem(&r->wb);
    return s;
}

static bool ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && !strcmp(s + n - m, tail);
}

static void rels_start(fm_wb *w, const char *name, const XML_Char **atts)
{
    reader *r = (reader *)w;
    const char *id = fm_wb_attr(atts, "Id"), *type = fm_wb_attr(atts, "Type"),
               *target = fm_wb_attr(atts, "Target");

    if (strcmp(name, "Relationship") || !id || !type || !target)
        return;
    if (!strcmp(id, r->rid) && !r->sheet_part) {
        r->sheet_part = part_name(r, target);
        r->sheet_is_chart = !ends_with(type, "/worksheet");
    } else if (ends_with(type, "/sharedStrings") && !r->sst_part) {
        r->sst_part = part_name(r, target);
    } else if (ends_with(type, "/styles") && !r->styles_part) {
        r->styles_part = part_name(r, target);
    }
}

/* ---- shared strings ---------------------------------------------------- */

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/*
 * Undo OOXML's escape of characters XML cannot carry: "_x000D_" is a
 * carriage return, "_x005F_" a literal '_' (Excel writes "_x005F_x0041_"
 * for a cell that reads "_x0041_"). In place; UTF-8 is never longer than
 * the 7-byte escape.
 */
static void unescape_x(char *s)
{
    char *w = s;
    for (const char *p = s; *p;) {
        unsigned cp = 0;
        int ok = p[0] == '_' && p[1] == 'x';
        for (int i = 0; ok && i < 4; i++) {
            int h = hexval(p[2 + i]);
            ok = h >= 0;
            cp = cp * 16 + (unsigned)(ok ? h : 0);
        }
        if (!ok || p[6] != '_' || cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) {
            *w++ = *p++;
            continue;
        }
        p += 7;
        if (cp < 0x80) {
            *w++ = (char)cp;
        } else if (cp < 0x800) {
            *w++ = (char)(0xC0 | (cp >> 6));
            *w++ = (char)(0x80 | (cp & 0x3F));
        } else {
            *w++ = (char)(0xE0 | (cp >> 12));
            *w++ = (char)(0x80 | ((cp >> 6) & 0x3F));
            *w++ = (char)(0x80 | (cp & 0x3F));
        }
    }
    *w = '\0';
}

static void sst_start(fm_wb *w, const char *name, const XML_Char **atts)
{
    reader *r = (reader *)w;
    (void)atts;
    if (!strcmp(name, "si")) {
        r->in_si = true;
        fm_buf_reset(&r->wb.text);
    } else if (!strcmp(name, "rPh")) {
        r->rph++;
    } else if (!strcmp(name, "t") && r->in_si && !r->rph) {
        r->wb.collect = true; /* rich text: the runs' texts are concatenated */
    }
}

static void sst_end(fm_wb *w, const char *name)
{
    reader *r = (reader *)w;
    if (!strcmp(name, "t")) {
        r->wb.collect = false;
    } else if (!strcmp(name, "rPh")) {
        r->rph--;
    } else if (!strcmp(name, "si")) {
        r->in_si = false;
        if (r->nsst >= FM_XLSX_MAX_STRINGS) {
            fm_wb_fail(&r->wb, FM_EINVAL, "more than %zu different texts; refused",
                       FM_XLSX_MAX_STRINGS);
            return;
        }
        if (FM_GROW(r->sst, r->nsst + 1, r->capsst)) {
            fm_wb_nomem(&r->wb);
            return;
        }
        r->sst[r->nsst] = fm_wb_dup(&r->wb, r->wb.text.data);
        if (r->sst[r->nsst])
            unescape_x(r->sst[r->nsst++]);
    }
}

/* ---- the sheet --------------------------------------------------------- */

/* "AB12" -> 27; -1 when ref does not start with 1...3 column letters. */
static long ref_column(const char *ref)
{
    long c = 0;
    int n = 0;
    while (*ref >= 'A' && *ref <= 'Z' && n < 4) {
        c = c * 26 + (*ref++ - 'A' + 1);
        n++;
    }
    return n >= 1 && n <= 3 ? c - 1 : -1;
}

static void sheet_row_start(reader *r, const XML_Char **atts)
{
    const char *v = fm_wb_attr(atts, "r");
    long n = r->last_row + 1;
    char *end = NULL;

    if (v) {
        n = strtol(v, &end, 10);
        if (end == v || *end)
            n = -1;
    }
    if (r->in_row || n <= r->last_row || n > MAX_SHEET_ROW) {
        fm_wb_damaged(&r->wb, "a row out of order");
        return;
    }
    r->in_row = true;
    r->last_row = n;
    r->wb.row.line = n;
    r->last_col = -1;
}

static void sheet_cell_start(reader *r, const XML_Char **atts)
{
    const char *ref = fm_wb_attr(atts, "r"), *t = fm_wb_attr(atts, "t"), *s = fm_wb_attr(atts, "s");

    r->wb.col = ref ? ref_column(ref) : r->last_col + 1;
    if (!r->in_row || r->in_cell || r->wb.col <= r->last_col) {
        fm_wb_damaged(&r->wb, "a cell out of order");
        return;
    }
    r->last_col = r->wb.col;
    snprintf(r->type, sizeof r->type, "%s", t ? t : "n");
    r->style = s ? strtol(s, NULL, 10) : 0;
    r->in_cell = true;
    r->has_value = false;
    fm_buf_reset(&r->wb.text);
}

static void sheet_start(fm_wb *w, const char *name, const XML_Char **atts)
{
    reader *r = (reader *)w;
    if (!strcmp(name, "row")) {
        sheet_row_start(r, atts);
    } else if (!strcmp(name, "c")) {
        sheet_cell_start(r, atts);
    } else if (!r->in_cell) {
        return;
    } else if (!strcmp(name, "v")) {
        fm_buf_reset(&r->wb.text);
        r->has_value = true;
        r->wb.collect = true;
    } else if (!strcmp(name, "is")) {
        fm_buf_reset(&r->wb.text);
        r->has_value = true;
    } else if (!strcmp(name, "rPh")) {
        r->rph++;
    } else if (!strcmp(name, "t") && !r->rph) {
        r->wb.collect = true;
    }
}

/* The cell's value as text, or NULL for an empty cell; may mark the row's problem. */
static char *cell_text(reader *r)
{
    char num[64];
    const char *v = r->wb.text.data;
    char *end = NULL;
    unsigned long idx;

    if (!strcmp(r->type, "s")) {
        idx = strtoul(v, &end, 10);
        if (end == v || *end || idx >= r->nsst) {
            fm_wb_damaged(&r->wb, "a reference to a shared text that does not exist");
            return NULL;
        }
        return fm_wb_dup(&r->wb, r->sst[idx]);
    }
    if (!strcmp(r->type, "str") || !strcmp(r->type, "inlineStr")) {
        char *s = fm_wb_dup(&r->wb, v);
        if (s)
            unescape_x(s);
        return s;
    }
    if (!strcmp(r->type, "b"))
        return fm_wb_dup(&r->wb, !strcmp(v, "1") || !strcmp(v, "true") ? "yes" : "no");
    if (!strcmp(r->type, "e")) {
        fm_wb_mark(&r->wb,
                   "is an error value in the workbook (such as #N/A or #VALUE!); correct the "
                   "formula or type the value");
        return fm_wb_dup(&r->wb, "");
    }
    if (!strcmp(r->type, "d")) { /* ISO 8601 in the cell: the date is what the importer takes */
        end = strchr(r->wb.text.data, 'T');
        if (end)
            *end = '\0';
        return fm_wb_dup(&r->wb, v);
    }
    if (!v[0])
        return NULL;
    if (fm_wb_in_text_column(&r->wb)) {
        /* Never keep the digits: in this column they are someone's personal number. */
        fm_wb_mark(&r->wb, "is a number in the workbook; enter it as text");
        return fm_wb_dup(&r->wb, "");
    }
    fm_xlsx_render_number(&r->styles, r->style, v, num, sizeof num);
    return fm_wb_dup(&r->wb, num);
}

static void finish_cell(reader *r)
{
    char *s;
    r->in_cell = false;
    r->wb.collect = false;
    if (!r->has_value)
        return;
    s = cell_text(r);
    if (!s)
        return;
    if (!s[0] && !r->wb.row.problem) {
        free(s); /* an empty text is an empty cell */
        return;
    }
    fm_wb_place(&r->wb, s);
}

static void sheet_end(fm_wb *w, const char *name)
{
    reader *r = (reader *)w;
    if (!strcmp(name, "c")) {
        finish_cell(r);
    } else if (!strcmp(name, "row")) {
        r->in_row = false;
        fm_wb_finish_row(&r->wb, 1);
    } else if (!strcmp(name, "rPh")) {
        r->rph--;
    } else if (!strcmp(name, "v") || !strcmp(name, "t")) {
        r->wb.collect = false;
    }
}

/* ---- the whole --------------------------------------------------------- */

bool fm_xlsx_is_encrypted(const char *data, size_t len)
{
    static const char name[] = "E\0n\0c\0r\0y\0p\0t\0i\0o\0n\0I\0n\0f\0o\0";
    const size_t m = sizeof name - 1;

    if (len < 8 || memcmp(data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))
        return false;
    for (size_t i = 0; i + m <= len; i++)
        if (data[i] == 'E' && !memcmp(data + i, name, m))
            return true;
    return false;
}

/* A zip that is not an .xlsx gets a message naming what it is. */
static void refuse_other_zip(reader *r)
{
    if (!fm_wb_has(&r->wb, "xl/workbook.xml") && fm_wb_has(&r->wb, "content.xml"))
        fm_wb_fail(&r->wb, FM_EINVAL,
                   "this is an OpenDocument spreadsheet (.ods), not an .xlsx workbook: import "
                   "it with a name ending in .ods");
    else if (fm_wb_has(&r->wb, "xl/workbook.bin"))
        fm_wb_fail(&r->wb, FM_EINVAL,
                   "this is a binary Excel workbook (.xlsb): save it as .xlsx or as "
                   "\"CSV UTF-8\" and import that file");
}

static void read_parts(reader *r)
{
    if (parse(r, "xl/workbook.xml", true, workbook_start, no_end))
        return;
    if (!r->rid) {
        fm_wb_no_sheet(&r->wb, "the workbook has no sheets");
        return;
    }
    if (parse(r, "xl/_rels/workbook.xml.rels", true, rels_start, no_end))
        return;
    if (!r->sheet_part || r->sheet_is_chart) {
        fm_wb_fail(&r->wb, FM_EINVAL, "sheet \"%s\" is %s, not a table of rows", r->sheet_name,
                   r->sheet_part ? "a chart" : "missing");
        return;
    }
    if (r->sst_part && parse(r, r->sst_part, false, sst_start, sst_end))
        return;
    if (r->styles_part && fm_xlsx_styles_parse(&r->wb, &r->styles, r->styles_part))
        return;
    fm_wb_table_new(&r->wb);
    if (!r->wb.rc)
        parse(r, r->sheet_part, true, sheet_start, sheet_end);
}

static void reader_release(reader *r)
{
    fm_wb_release(&r->wb);
    free(r->rid);
    free(r->sheet_name);
    free(r->sheet_part);
    free(r->sst_part);
    free(r->styles_part);
    for (size_t i = 0; i < r->nsst; i++)
        free(r->sst[i]);
    free(r->sst);
    fm_xlsx_styles_release(&r->styles);
}

fm_rc fm_xlsx_read(const char *data, size_t len, const char *display_name, const char *sheet,
                   const char *const *text_headers, fm_csv_table **out, fm_err *err)
{
    reader r;

    memset(&r, 0, sizeof r);
    fm_wb_init(&r.wb, display_name, &xlsx_format, sheet, text_headers, err);
    if (len <= FM_XLSX_MAX_FILE && fm_xlsx_is_encrypted(data, len))
        fm_wb_fail(&r.wb, FM_EINVAL,
                   "the workbook is password-protected (encrypted): remove the password "
                   "in Excel (File > Info > Protect Workbook) and save it again");
    else
        fm_wb_open(&r.wb, data, len);
    if (!r.wb.rc)
        refuse_other_zip(&r);
    if (!r.wb.rc)
        read_parts(&r);
    *out = fm_wb_take_table(&r.wb);
    reader_release(&r);
    return r.wb.rc;
}
