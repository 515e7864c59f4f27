/*
 * xlsx.c - the workbook reader: one sheet of an .xlsx turned into the
 * fm_csv_table import.c already knows, plus the limits that keep a zip bomb
 * out. It knows nothing of kinds or columns beyond the header names it is
 * handed. Hand-written on libzip (unpacking) and expat (streaming XML)
 * rather than a spreadsheet library because none is packaged in Debian for
 * C, and because we need the sheet's row numbers, each cell's style (dates
 * are numbers in disguise) and byte counts while inflating, which such
 * libraries hide.
 */
#include "fairmatch/xlsx.h"

#include <expat.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "fairmatch/buf.h"
#include "fairmatch/date.h"

#define MAX_SHEET_ROW 1048576L /* Excel's last row */

/* What a cell format does to a number, as far as the importer cares. */
enum { FMT_NUMBER = 0, FMT_DATE, FMT_TIME, FMT_PERCENT };

typedef struct numfmt {
    long id;
    unsigned char kind; /* FMT_* */
} numfmt;

typedef struct reader reader;
typedef void (*start_fn)(reader *r, const char *name, const XML_Char **atts);
typedef void (*end_fn)(reader *r, const char *name);

struct reader {
    zip_t *zip;
    const char *file; /* display name */
    const char *part; /* part being parsed */
    fm_err *err;
    fm_rc rc; /* first failure; handlers do nothing once set */
    XML_Parser xp;
    int depth;
    size_t inflated; /* bytes inflated so far, all parts */
    start_fn on_start;
    end_fn on_end;
    bool collect; /* character data goes to text */
    fm_buf text;
    int rph; /* inside phonetic runs, whose text is not the cell's */
    /* xl/workbook.xml */
    const char *want;
    char *rid;
    char *sheet_name;
    fm_buf names;
    bool date1904;
    /* xl/_rels/workbook.xml.rels */
    char *sheet_part;
    bool sheet_is_chart;
    char *sst_part;
    char *styles_part;
    /* shared strings */
    char **sst;
    size_t nsst, capsst;
    bool in_si;
    /* styles */
    bool in_cellxfs;
    numfmt *fmts; /* custom number formats that are not FMT_NUMBER */
    size_t nfmts, capfmts;
    unsigned char *xf_kind; /* FMT_* of each cellXfs entry, the cells' s="" index */
    size_t nxf, capxf;
    /* the sheet */
    const char *const *text_headers;
    bool *text_col;
    size_t ntext_col;
    fm_csv_table *t;
    size_t caprec;
    fm_csv_record row;
    size_t caprow;
    long last_row;
    long col, last_col;
    char type[16];
    long style;
    bool in_row, in_cell, has_value;
    size_t ncells;
};

/* ---- failures ---------------------------------------------------------- */

static void fail(reader *r, fm_rc rc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void fail(reader *r, fm_rc rc, const char *fmt, ...)
{
    char msg[200];
    va_list ap;

    if (r->rc)
        return;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    r->rc = fm_err_set(r->err, rc, "%s: %s", r->file, msg);
    if (r->xp)
        XML_StopParser(r->xp, XML_FALSE);
}

static void nomem(reader *r)
{
    fail(r, FM_ENOMEM, "out of memory reading the workbook");
}

static void damaged(reader *r, const char *what)
{
    fail(r, FM_EINVAL, "%s in %s: the workbook is damaged (open it in Excel and save it again)",
         what, r->part);
}

/* ---- XML plumbing ------------------------------------------------------ */

/* The name without its namespace prefix: producers differ in prefixes, not names. */
static const char *local(const char *name)
{
    const char *c = strrchr(name, ':');
    return c ? c + 1 : name;
}

static const char *attr(const XML_Char **atts, const char *name)
{
    for (size_t i = 0; atts[i]; i += 2)
        if (!strcmp(local(atts[i]), name))
            return atts[i + 1];
    return NULL;
}

static void XMLCALL xml_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    reader *r = ud;
    if (r->rc)
        return;
    if (++r->depth > FM_XLSX_MAX_DEPTH) {
        fail(r, FM_EINVAL, "%s nests elements more than %d deep; refused", r->part,
             FM_XLSX_MAX_DEPTH);
        return;
    }
    r->on_start(r, local(name), atts);
}

static void XMLCALL xml_end(void *ud, const XML_Char *name)
{
    reader *r = ud;
    r->depth--;
    if (!r->rc)
        r->on_end(r, local(name));
}

static void XMLCALL xml_chars(void *ud, const XML_Char *s, int len)
{
    reader *r = ud;
    if (r->collect && !r->rc && fm_buf_add(&r->text, s, (size_t)len))
        nomem(r);
}

/* Workbook parts never declare a DTD; one that does may be an entity bomb. */
static void XMLCALL xml_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
                                const XML_Char *pubid, int internal)
{
    (void)name, (void)sysid, (void)pubid, (void)internal;
    fail(ud, FM_EINVAL, "%s declares a DTD, which workbooks never do; refused",
         ((reader *)ud)->part);
}

static void stat_limit(reader *r, const char *name)
{
    fail(r, FM_EINVAL,
         "%s unpacks to more than %zu MiB in all (a zip bomb, or far larger than any fair's "
         "list); refused, nothing imported",
         name, FM_XLSX_MAX_INFLATED >> 20);
}

static void open_failed(reader *r, const char *name)
{
    int ze = zip_error_code_zip(zip_get_error(r->zip));
    if (ze == ZIP_ER_NOPASSWD || ze == ZIP_ER_WRONGPASSWD)
        fail(r, FM_EINVAL,
             "the workbook is password-protected: remove the password in Excel and "
             "save it again");
    else
        fail(r, FM_EINVAL, "cannot unpack %s: %s", name, zip_strerror(r->zip));
}

static void feed(reader *r, zip_file_t *zf)
{
    char buf[65536];
    zip_int64_t n = 0;

    while (!r->rc && (n = zip_fread(zf, buf, sizeof buf)) > 0) {
        /* The sizes in the zip directory may lie: count what really comes out. */
        if ((size_t)n > FM_XLSX_MAX_INFLATED - r->inflated) {
            stat_limit(r, r->part);
            return;
        }
        r->inflated += (size_t)n;
        if (XML_Parse(r->xp, buf, (int)n, 0) != XML_STATUS_OK)
            goto xml_error;
    }
    if (r->rc)
        return;
    if (n < 0) {
        fail(r, FM_EINVAL, "cannot unpack %s: %s", r->part, zip_file_strerror(zf));
        return;
    }
    if (XML_Parse(r->xp, NULL, 0, 1) == XML_STATUS_OK)
        return;
xml_error:
    fail(r, FM_EINVAL, "%s: XML error at line %lu: %s (the workbook is damaged)", r->part,
         (unsigned long)XML_GetCurrentLineNumber(r->xp), XML_ErrorString(XML_GetErrorCode(r->xp)));
}

/* Stream the part name through expat with st and en; a missing part is an error if required. */
static fm_rc parse_part(reader *r, const char *name, bool required, start_fn st, end_fn en)
{
    zip_stat_t zs;
    zip_file_t *zf = NULL;

    r->part = name;
    zip_stat_init(&zs);
    if (zip_stat(r->zip, name, 0, &zs) != 0) {
        if (required)
            fail(r, FM_EINVAL, "%s is missing: this is not an Excel workbook, or a damaged one",
                 name);
        return r->rc;
    }
    if ((zs.valid & ZIP_STAT_SIZE) && zs.size > FM_XLSX_MAX_INFLATED - r->inflated) {
        stat_limit(r, name);
        return r->rc;
    }
    zf = zip_fopen(r->zip, name, 0);
    if (!zf) {
        open_failed(r, name);
        return r->rc;
    }
    r->xp = XML_ParserCreate(NULL); /* the part's own declaration says UTF-8 or UTF-16 */
    if (!r->xp) {
        nomem(r);
        goto done;
    }
    XML_SetUserData(r->xp, r);
    XML_SetElementHandler(r->xp, xml_start, xml_end);
    XML_SetCharacterDataHandler(r->xp, xml_chars);
    XML_SetStartDoctypeDeclHandler(r->xp, xml_doctype);
    r->on_start = st;
    r->on_end = en;
    r->depth = 0;
    r->rph = 0;
    r->collect = false;
    feed(r, zf);
done:
    if (r->xp)
        XML_ParserFree(r->xp);
    r->xp = NULL;
    zip_fclose(zf);
    return r->rc;
}

static char *dup(reader *r, const char *s)
{
    char *d = strdup(s ? s : "");
    if (!d)
        nomem(r);
    return d;
}

/* Grow *arr (of elem-sized items, *cap of them) to hold n + 1. */
static bool grow(reader *r, void **arr, size_t *cap, size_t n, size_t elem)
{
    size_t ncap;
    void *p;
    if (n < *cap)
        return true;
    ncap = *cap ? *cap * 2 : 16;
    p = realloc(*arr, ncap * elem);
    if (!p) {
        nomem(r);
        return false;
    }
    *arr = p;
    *cap = ncap;
    return true;
}

/* ---- xl/workbook.xml and its relationships ------------------------------ */

static void workbook_start(reader *r, const char *name, const XML_Char **atts)
{
    const char *v;

    if (!strcmp(name, "workbookPr")) {
        v = attr(atts, "date1904");
        r->date1904 = v && (!strcmp(v, "1") || !strcmp(v, "true"));
    } else if (!strcmp(name, "sheet")) {
        const char *sname = attr(atts, "name"), *id = attr(atts, "id");
        if (!sname || !id) {
            damaged(r, "a sheet without a name or id");
            return;
        }
        if (r->names.len < 400 &&
            fm_buf_addf(&r->names, "%s\"%s\"", r->names.len ? ", " : "", sname))
            nomem(r);
        if (!r->rid && (!r->want || !strcmp(r->want, sname))) {
            r->rid = dup(r, id);
            r->sheet_name = dup(r, sname);
        }
    }
}

static void no_end(reader *r, const char *name)
{
    (void)r, (void)name;
}

/* A relationship target is relative to xl/, or absolute from the package root. */
static char *part_name(reader *r, const char *target)
{
    fm_buf b = FM_BUF_INIT;
    char *s;
    if (target[0] == '/' ? fm_buf_adds(&b, target + 1) : fm_buf_addf(&b, "xl/%s", target)) {
        nomem(r);
        return NULL;
    }
    s = fm_buf_detach(&b, NULL);
    if (!s)
        nomem(r);
    return s;
}

static bool ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && !strcmp(s + n - m, tail);
}

static void rels_start(reader *r, const char *name, const XML_Char **atts)
{
    const char *id = attr(atts, "Id"), *type = attr(atts, "Type"), *target = attr(atts, "Target");

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

static void sst_start(reader *r, const char *name, const XML_Char **atts)
{
    (void)atts;
    if (!strcmp(name, "si")) {
        r->in_si = true;
        fm_buf_reset(&r->text);
    } else if (!strcmp(name, "rPh")) {
        r->rph++;
    } else if (!strcmp(name, "t") && r->in_si && !r->rph) {
        r->collect = true; /* rich text: the runs' texts are concatenated */
    }
}

static void sst_end(reader *r, const char *name)
{
    if (!strcmp(name, "t")) {
        r->collect = false;
    } else if (!strcmp(name, "rPh")) {
        r->rph--;
    } else if (!strcmp(name, "si")) {
        r->in_si = false;
        if (r->nsst >= FM_XLSX_MAX_STRINGS) {
            fail(r, FM_EINVAL, "more than %zu different texts; refused", FM_XLSX_MAX_STRINGS);
            return;
        }
        if (!grow(r, (void **)&r->sst, &r->capsst, r->nsst, sizeof *r->sst))
            return;
        r->sst[r->nsst] = dup(r, r->text.data);
        if (r->sst[r->nsst])
            unescape_x(r->sst[r->nsst++]);
    }
}

/* ---- styles: which cell formats are dates or percentages ---------------- */

/*
 * A number format code shows a date when d, y or m appear outside quotes,
 * brackets and escapes, a time of day when h does but neither d nor y ("m"
 * is then minutes), a percentage when '%' does.
 */
static unsigned char code_kind(const char *code)
{
    bool dy = false, m = false, h = false, pct = false;
    for (const char *p = code; *p; p++) {
        char c = *p;
        if (c == '"') {
            while (p[1] && p[1] != '"')
                p++;
            if (p[1])
                p++;
        } else if (c == '[') {
            while (p[1] && p[1] != ']')
                p++;
        } else if ((c == '\\' || c == '_' || c == '*') && p[1]) {
            p++;
        } else {
            dy |= c && strchr("dDyY", c);
            m |= c == 'm' || c == 'M';
            h |= c == 'h' || c == 'H';
            pct |= c == '%';
        }
    }
    if (dy || (m && !h))
        return FMT_DATE;
    return h ? FMT_TIME : pct ? FMT_PERCENT : FMT_NUMBER;
}

static unsigned char fmt_kind(const reader *r, long id)
{
    if ((id >= 14 && id <= 17) || id == 22)
        return FMT_DATE;
    if ((id >= 18 && id <= 21) || (id >= 45 && id <= 47))
        return FMT_TIME;
    if (id == 9 || id == 10)
        return FMT_PERCENT;
    for (size_t i = 0; i < r->nfmts; i++)
        if (r->fmts[i].id == id)
            return r->fmts[i].kind;
    return FMT_NUMBER;
}

static void styles_start(reader *r, const char *name, const XML_Char **atts)
{
    const char *id = attr(atts, "numFmtId"), *code = attr(atts, "formatCode");

    if (!strcmp(name, "cellXfs")) {
        r->in_cellxfs = true;
    } else if (!strcmp(name, "numFmt") && id && code && code_kind(code) != FMT_NUMBER) {
        if (grow(r, (void **)&r->fmts, &r->capfmts, r->nfmts, sizeof *r->fmts))
            r->fmts[r->nfmts++] = (numfmt){strtol(id, NULL, 10), code_kind(code)};
    } else if (!strcmp(name, "xf") && r->in_cellxfs) {
        if (r->nxf >= FM_XLSX_MAX_STRINGS) {
            fail(r, FM_EINVAL, "more than %zu cell formats; refused", FM_XLSX_MAX_STRINGS);
            return;
        }
        if (grow(r, (void **)&r->xf_kind, &r->capxf, r->nxf, 1))
            r->xf_kind[r->nxf++] = id ? fmt_kind(r, strtol(id, NULL, 10)) : FMT_NUMBER;
    }
}

static void styles_end(reader *r, const char *name)
{
    if (!strcmp(name, "cellXfs"))
        r->in_cellxfs = false;
}

/* ---- rendering cell values --------------------------------------------- */

/* A serial day number (fraction = time of day) as YYYY-MM-DD[ HH:MM[:SS]], or HH:MM[:SS] alone. */
static void render_date(const reader *r, double x, bool time_only, char *out, size_t n)
{
    double whole = floor(x);
    long days = (long)whole, secs = lround((x - whole) * 86400.0);
    char d[11], tm[16] = "";
    fm_date base;

    if (secs >= 86400) {
        days++;
        secs -= 86400;
    }
    if (secs)
        snprintf(tm, sizeof tm, secs % 60 ? "%02ld:%02ld:%02ld" : "%02ld:%02ld", secs / 3600,
                 secs / 60 % 60, secs % 60);
    if (time_only || (days == 0 && !r->date1904)) { /* a time of day alone */
        snprintf(out, n, "%s", secs ? tm : "00:00");
        return;
    }
    if (r->date1904) {
        base = (fm_date){1904, 1, 1};
    } else if (days == 60) { /* Lotus 1-2-3's leap day, which Excel keeps */
        snprintf(out, n, "1900-02-29%s%s", secs ? " " : "", tm);
        return;
    } else {
        /* Serial 1 is 1900-01-01; after the fake 29 February the count is one ahead. */
        base = days < 60 ? (fm_date){1899, 12, 31} : (fm_date){1899, 12, 30};
    }
    fm_date_format(fm_date_from_days(fm_date_to_days(base) + days), d);
    snprintf(out, n, "%s%s%s", d, secs ? " " : "", tm);
}

/*
 * A numeric cell's text as the sheet shows it, in the importer's terms: a
 * date or time by its style, a percentage as the percent (62.5% is 0.625 in
 * the cell; extent wants 62.5), whole numbers without ".0".
 */
static void render_number(const reader *r, const char *v, char *out, size_t n)
{
    char *end = NULL;
    double x = strtod(v, &end);
    unsigned char kind =
        r->style >= 0 && (size_t)r->style < r->nxf ? r->xf_kind[r->style] : FMT_NUMBER;

    if (kind == FMT_PERCENT)
        x *= 100.0;
    if (end == v || *end || !isfinite(x)) {
        snprintf(out, n, "%s", v);
    } else if ((kind == FMT_DATE || kind == FMT_TIME) && x >= 0 && x < 2958466.0) {
        /* 2958465 is 9999-12-31, Excel's last date */
        render_date(r, x, kind == FMT_TIME, out, n);
    } else if (x == floor(x) && fabs(x) < 1e15) {
        snprintf(out, n, "%.0f", x == 0 ? 0.0 : x);
    } else {
        snprintf(out, n, "%.15g", x);
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
    const char *v = attr(atts, "r");
    long n = r->last_row + 1;
    char *end = NULL;

    if (v) {
        n = strtol(v, &end, 10);
        if (end == v || *end)
            n = -1;
    }
    if (r->in_row || n <= r->last_row || n > MAX_SHEET_ROW) {
        damaged(r, "a row out of order");
        return;
    }
    r->in_row = true;
    r->last_row = n;
    r->row.line = n;
    r->last_col = -1;
}

static void sheet_cell_start(reader *r, const XML_Char **atts)
{
    const char *ref = attr(atts, "r"), *t = attr(atts, "t"), *s = attr(atts, "s");

    r->col = ref ? ref_column(ref) : r->last_col + 1;
    if (!r->in_row || r->in_cell || r->col <= r->last_col) {
        damaged(r, "a cell out of order");
        return;
    }
    r->last_col = r->col;
    snprintf(r->type, sizeof r->type, "%s", t ? t : "n");
    r->style = s ? strtol(s, NULL, 10) : 0;
    r->in_cell = true;
    r->has_value = false;
    fm_buf_reset(&r->text);
}

static void sheet_start(reader *r, const char *name, const XML_Char **atts)
{
    if (!strcmp(name, "row")) {
        sheet_row_start(r, atts);
    } else if (!strcmp(name, "c")) {
        sheet_cell_start(r, atts);
    } else if (!r->in_cell) {
        return;
    } else if (!strcmp(name, "v")) {
        fm_buf_reset(&r->text);
        r->has_value = true;
        r->collect = true;
    } else if (!strcmp(name, "is")) {
        fm_buf_reset(&r->text);
        r->has_value = true;
    } else if (!strcmp(name, "rPh")) {
        r->rph++;
    } else if (!strcmp(name, "t") && !r->rph) {
        r->collect = true;
    }
}

static bool in_text_column(const reader *r)
{
    return r->t->nrecords > 0 && (size_t)r->col < r->ntext_col && r->text_col[r->col];
}

/* Put text (taken) at the current column of the row being built, gaps filled with "". */
static void place(reader *r, char *text)
{
    size_t need = (size_t)r->col + 1;

    if (r->col >= FM_XLSX_MAX_COLS) {
        free(text);
        fail(r, FM_EINVAL, "row %ld has a value beyond column %ld; refused", r->row.line,
             FM_XLSX_MAX_COLS);
        return;
    }
    if (r->ncells + need - r->row.nfields > FM_XLSX_MAX_CELLS) {
        free(text);
        fail(r, FM_EINVAL, "the sheet has more than %zu cells; refused", FM_XLSX_MAX_CELLS);
        return;
    }
    while (r->row.nfields < need) {
        fm_csv_field *f;
        if (!grow(r, (void **)&r->row.fields, &r->caprow, r->row.nfields, sizeof *f))
            break;
        f = &r->row.fields[r->row.nfields];
        memset(f, 0, sizeof *f);
        f->bad_byte = -1;
        if (r->row.nfields + 1 == need) {
            f->text = text;
            text = NULL;
        } else {
            f->text = dup(r, "");
        }
        if (!f->text)
            break;
        f->len = strlen(f->text);
        r->row.nfields++;
        r->ncells++;
    }
    free(text);
}

static void mark(reader *r, const char *problem)
{
    if (r->row.problem)
        return;
    r->row.problem = problem;
    r->row.problem_field = (size_t)r->col;
}

/* The cell's value as text, or NULL for an empty cell; may mark the row's problem. */
static char *cell_text(reader *r)
{
    char num[64];
    const char *v = r->text.data;
    char *end = NULL;
    unsigned long idx;

    if (!strcmp(r->type, "s")) {
        idx = strtoul(v, &end, 10);
        if (end == v || *end || idx >= r->nsst) {
            damaged(r, "a reference to a shared text that does not exist");
            return NULL;
        }
        return dup(r, r->sst[idx]);
    }
    if (!strcmp(r->type, "str") || !strcmp(r->type, "inlineStr")) {
        char *s = dup(r, v);
        if (s)
            unescape_x(s);
        return s;
    }
    if (!strcmp(r->type, "b"))
        return dup(r, !strcmp(v, "1") || !strcmp(v, "true") ? "yes" : "no");
    if (!strcmp(r->type, "e")) {
        mark(r, "is an error value in the workbook (such as #N/A or #VALUE!); correct the "
                "formula or type the value");
        return dup(r, "");
    }
    if (!strcmp(r->type, "d")) { /* ISO 8601 in the cell: the date is what the importer takes */
        end = strchr(r->text.data, 'T');
        if (end)
            *end = '\0';
        return dup(r, v);
    }
    if (!v[0])
        return NULL;
    if (in_text_column(r)) {
        /* Never keep the digits: in this column they are someone's personal number. */
        mark(r, "is a number in the workbook; enter it as text");
        return dup(r, "");
    }
    render_number(r, v, num, sizeof num);
    return dup(r, num);
}

static void finish_cell(reader *r)
{
    char *s;
    r->in_cell = false;
    r->collect = false;
    if (!r->has_value)
        return;
    s = cell_text(r);
    if (!s)
        return;
    if (!s[0] && !r->row.problem) {
        free(s); /* an empty text is an empty cell */
        return;
    }
    place(r, s);
}

static void mark_text_columns(reader *r)
{
    const fm_csv_record *h = &r->t->records[0];

    r->text_col = calloc(h->nfields ? h->nfields : 1, sizeof *r->text_col);
    if (!r->text_col) {
        nomem(r);
        return;
    }
    r->ntext_col = h->nfields;
    for (size_t i = 0; i < h->nfields; i++)
        for (size_t k = 0; r->text_headers && r->text_headers[k]; k++)
            if (fm_csv_header_eq(h->fields[i].text, r->text_headers[k]))
                r->text_col[i] = true;
}

static void finish_row(reader *r)
{
    r->in_row = false;
    if (r->row.nfields == 0)
        return; /* a row of formatting only, or of empty cells */
    if ((long)r->t->nrecords >= FM_XLSX_MAX_ROWS) {
        fail(r, FM_EINVAL, "the sheet has more than %ld rows; refused", FM_XLSX_MAX_ROWS);
        return;
    }
    if (!grow(r, (void **)&r->t->records, &r->caprec, r->t->nrecords, sizeof r->row))
        return;
    r->t->records[r->t->nrecords++] = r->row;
    memset(&r->row, 0, sizeof r->row);
    r->caprow = 0;
    if (r->t->nrecords == 1)
        mark_text_columns(r);
}

static void sheet_end(reader *r, const char *name)
{
    if (!strcmp(name, "c")) {
        finish_cell(r);
    } else if (!strcmp(name, "row")) {
        finish_row(r);
    } else if (!strcmp(name, "rPh")) {
        r->rph--;
    } else if (!strcmp(name, "v") || !strcmp(name, "t")) {
        r->collect = false;
    }
}

/* ---- the whole -------------------------------------------------------- */

bool fm_xlsx_is_zip(const char *data, size_t len)
{
    return len >= 4 && !memcmp(data, "PK\x03\x04", 4);
}

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

static void refuse_non_zip(reader *r, const char *data, size_t len)
{
    if (fm_xlsx_is_encrypted(data, len))
        fail(r, FM_EINVAL,
             "the workbook is password-protected (encrypted): remove the password "
             "in Excel (File > Info > Protect Workbook) and save it again");
    else
        fail(r, FM_EINVAL,
             "not an .xlsx workbook (it is not a zip archive: a renamed file, or "
             "an old .xls?); save it from Excel as .xlsx or as CSV");
}

static void open_zip(reader *r, const char *data, size_t len)
{
    zip_error_t ze;
    zip_source_t *src;

    zip_error_init(&ze);
    src = zip_source_buffer_create(data, len, 0, &ze);
    if (!src) {
        nomem(r);
        goto done;
    }
    r->zip = zip_open_from_source(src, ZIP_RDONLY, &ze);
    if (!r->zip) {
        zip_source_free(src);
        fail(r, FM_EINVAL, "not a readable .xlsx workbook (damaged zip: %s)",
             zip_error_strerror(&ze));
        goto done;
    }
    if (zip_get_num_entries(r->zip, 0) > FM_XLSX_MAX_ENTRIES)
        fail(r, FM_EINVAL, "the workbook holds more than %ld files; refused", FM_XLSX_MAX_ENTRIES);
    else if (zip_name_locate(r->zip, "xl/workbook.xml", 0) < 0 &&
             zip_name_locate(r->zip, "content.xml", 0) >= 0)
        fail(r, FM_EINVAL,
             "this is an OpenDocument spreadsheet (.ods): save it as .xlsx or as "
             "\"CSV UTF-8\" and import that file");
    else if (zip_name_locate(r->zip, "xl/workbook.bin", 0) >= 0)
        fail(r, FM_EINVAL,
             "this is a binary Excel workbook (.xlsb): save it as .xlsx or as "
             "\"CSV UTF-8\" and import that file");
done:
    zip_error_fini(&ze);
}

static void read_parts(reader *r)
{
    if (parse_part(r, "xl/workbook.xml", true, workbook_start, no_end))
        return;
    if (!r->rid) {
        if (r->want)
            fail(r, FM_EINVAL, "no sheet named \"%s\" (the sheets are %s)", r->want,
                 r->names.len ? r->names.data : "none");
        else
            fail(r, FM_EINVAL, "the workbook has no sheets");
        return;
    }
    if (parse_part(r, "xl/_rels/workbook.xml.rels", true, rels_start, no_end))
        return;
    if (!r->sheet_part || r->sheet_is_chart) {
        fail(r, FM_EINVAL, "sheet \"%s\" is %s, not a table of rows", r->sheet_name,
             r->sheet_part ? "a chart" : "missing");
        return;
    }
    if (r->sst_part && parse_part(r, r->sst_part, false, sst_start, sst_end))
        return;
    if (r->styles_part && parse_part(r, r->styles_part, false, styles_start, styles_end))
        return;
    r->t = calloc(1, sizeof *r->t);
    if (!r->t) {
        nomem(r);
        return;
    }
    r->t->encoding = FM_CSV_UTF8;
    r->t->delimiter = ',';
    parse_part(r, r->sheet_part, true, sheet_start, sheet_end);
}

static void reader_release(reader *r)
{
    if (r->zip)
        zip_discard(r->zip);
    fm_buf_release(&r->text);
    fm_buf_release(&r->names);
    free(r->rid);
    free(r->sheet_name);
    free(r->sheet_part);
    free(r->sst_part);
    free(r->styles_part);
    for (size_t i = 0; i < r->nsst; i++)
        free(r->sst[i]);
    free(r->sst);
    free(r->fmts);
    free(r->xf_kind);
    free(r->text_col);
    for (size_t i = 0; i < r->row.nfields; i++)
        free(r->row.fields[i].text);
    free(r->row.fields);
    fm_csv_table_free(r->t);
}

fm_rc fm_xlsx_read(const char *data, size_t len, const char *display_name, const char *sheet,
                   const char *const *text_headers, fm_csv_table **out, fm_err *err)
{
    reader r;
    fm_err local = {0};

    memset(&r, 0, sizeof r);
    fm_buf_init(&r.text);
    fm_buf_init(&r.names);
    r.file = display_name;
    r.err = err ? err : &local;
    r.want = sheet;
    r.text_headers = text_headers;
    r.style = 0;
    *out = NULL;
    if (len > FM_XLSX_MAX_FILE)
        fail(&r, FM_EINVAL, "the workbook is larger than %zu MiB; refused", FM_XLSX_MAX_FILE >> 20);
    else if (!fm_xlsx_is_zip(data, len))
        refuse_non_zip(&r, data, len);
    else
        open_zip(&r, data, len);
    if (!r.rc)
        read_parts(&r);
    if (!r.rc) {
        *out = r.t;
        r.t = NULL;
    }
    reader_release(&r);
    return r.rc;
}
