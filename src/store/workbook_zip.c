/*
 * workbook_zip.c - the zip container of a workbook (.xlsx, .ods): opening
 * it from memory, the limits that keep a zip bomb out (file count, bytes
 * really inflated, XML depth, no DTD), and streaming one part through
 * expat to a format's handlers. What the parts mean is xlsx.c's and ods.c's.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/xlsx.h"
#include "workbook.h"

void fm_wb_init(fm_wb *w, const char *display_name, const fm_wb_format *fmt, const char *sheet,
                const char *const *text_headers, fm_err *err)
{
    memset(w, 0, sizeof *w);
    fm_buf_init(&w->text);
    fm_buf_init(&w->names);
    w->file = display_name;
    w->fmt = fmt;
    w->want = sheet;
    w->text_headers = text_headers;
    w->err = err ? err : &w->own_err;
}

void fm_wb_release(fm_wb *w)
{
    if (w->zip)
        zip_discard(w->zip);
    fm_buf_release(&w->text);
    fm_buf_release(&w->names);
    free(w->text_col);
    for (size_t i = 0; i < w->row.nfields; i++)
        free(w->row.fields[i].text);
    free(w->row.fields);
    fm_csv_table_free(w->t);
}

/* ---- failures ---------------------------------------------------------- */

void fm_wb_fail(fm_wb *w, fm_rc rc, const char *fmt, ...)
{
    char msg[200];
    va_list ap;

    if (w->rc)
        return;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    w->rc = fm_err_set(w->err, rc, "%s: %s", w->file, msg);
    if (w->xp)
        XML_StopParser(w->xp, XML_FALSE);
}

void fm_wb_nomem(fm_wb *w)
{
    fm_wb_fail(w, FM_ENOMEM, "out of memory reading the workbook");
}

void fm_wb_damaged(fm_wb *w, const char *what)
{
    fm_wb_fail(w, FM_EINVAL, "%s in %s: the workbook is damaged (open it in %s and save it again)",
               what, w->part, w->fmt->app);
}

bool fm_wb_sheet_seen(fm_wb *w, const char *name)
{
    if (w->names.len < 400 && fm_buf_addf(&w->names, "%s\"%s\"", w->names.len ? ", " : "", name))
        fm_wb_nomem(w);
    return !w->want || !strcmp(w->want, name);
}

void fm_wb_no_sheet(fm_wb *w, const char *none)
{
    if (w->want)
        fm_wb_fail(w, FM_EINVAL, "no sheet named \"%s\" (the sheets are %s)", w->want,
                   w->names.len ? w->names.data : "none");
    else
        fm_wb_fail(w, FM_EINVAL, "%s", none);
}

/* ---- the container ----------------------------------------------------- */

bool fm_xlsx_is_zip(const char *data, size_t len)
{
    return len >= 4 && !memcmp(data, "PK\x03\x04", 4);
}

void fm_wb_open(fm_wb *w, const char *data, size_t len)
{
    zip_error_t ze;
    zip_source_t *src;

    if (len > FM_XLSX_MAX_FILE) {
        fm_wb_fail(w, FM_EINVAL, "the workbook is larger than %zu MiB; refused",
                   FM_XLSX_MAX_FILE >> 20);
        return;
    }
    if (!fm_xlsx_is_zip(data, len)) {
        fm_wb_fail(w, FM_EINVAL, "%s", w->fmt->not_zip);
        return;
    }
    zip_error_init(&ze);
    src = zip_source_buffer_create(data, len, 0, &ze);
    if (!src) {
        fm_wb_nomem(w);
        goto done;
    }
    w->zip = zip_open_from_source(src, ZIP_RDONLY, &ze);
    if (!w->zip) {
        zip_source_free(src);
        fm_wb_fail(w, FM_EINVAL, "not a readable %s (damaged zip: %s)", w->fmt->noun,
                   zip_error_strerror(&ze));
        goto done;
    }
    if (zip_get_num_entries(w->zip, 0) > FM_XLSX_MAX_ENTRIES)
        fm_wb_fail(w, FM_EINVAL, "the workbook holds more than %ld files; refused",
                   FM_XLSX_MAX_ENTRIES);
done:
    zip_error_fini(&ze);
}

bool fm_wb_has(const fm_wb *w, const char *name)
{
    return zip_name_locate(w->zip, name, 0) >= 0;
}

/* ---- XML plumbing ------------------------------------------------------ */

const char *fm_wb_local(const char *name)
{
    const char *c = strrchr(name, ':');
    return c ? c + 1 : name;
}

const char *fm_wb_attr(const XML_Char **atts, const char *name)
{
    for (size_t i = 0; atts[i]; i += 2)
        if (!strcmp(fm_wb_local(atts[i]), name))
            return atts[i + 1];
    return NULL;
}

static void XMLCALL xml_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    fm_wb *w = ud;
    if (w->rc)
        return;
    if (++w->depth > FM_XLSX_MAX_DEPTH) {
        fm_wb_fail(w, FM_EINVAL, "%s nests elements more than %d deep; refused", w->part,
                   FM_XLSX_MAX_DEPTH);
        return;
    }
    w->on_start(w, fm_wb_local(name), atts);
}

static void XMLCALL xml_end(void *ud, const XML_Char *name)
{
    fm_wb *w = ud;
    w->depth--;
    if (!w->rc)
        w->on_end(w, fm_wb_local(name));
}

static void XMLCALL xml_chars(void *ud, const XML_Char *s, int len)
{
    fm_wb *w = ud;
    if (w->collect && !w->rc && fm_buf_add(&w->text, s, (size_t)len))
        fm_wb_nomem(w);
}

/* Workbook parts never declare a DTD; one that does may be an entity bomb. */
static void XMLCALL xml_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
                                const XML_Char *pubid, int internal)
{
    (void)name, (void)sysid, (void)pubid, (void)internal;
    fm_wb_fail(ud, FM_EINVAL, "%s declares a DTD, which workbooks never do; refused",
               ((fm_wb *)ud)->part);
}

static void stat_limit(fm_wb *w, const char *name)
{
    fm_wb_fail(w, FM_EINVAL,
               "%s unpacks to more than %zu MiB in all (a zip bomb, or far larger than any "
               "fair's list); refused, nothing imported",
               name, FM_XLSX_MAX_INFLATED >> 20);
}

bool fm_wb_charge(fm_wb *w, size_t n)
{
    if (n > FM_XLSX_MAX_INFLATED - w->inflated) {
        stat_limit(w, w->part);
        return false;
    }
    w->inflated += n;
    return true;
}

static void open_failed(fm_wb *w, const char *name)
{
    int ze = zip_error_code_zip(zip_get_error(w->zip));
    if (ze == ZIP_ER_NOPASSWD || ze == ZIP_ER_WRONGPASSWD)
        fm_wb_fail(w, FM_EINVAL,
                   "the workbook is password-protected: remove the password in %s and "
                   "save it again",
                   w->fmt->app);
    else
        fm_wb_fail(w, FM_EINVAL, "cannot unpack %s: %s", name, zip_strerror(w->zip));
}

static void feed(fm_wb *w, zip_file_t *zf)
{
    char buf[65536];
    zip_int64_t n = 0;

    while (!w->rc && (n = zip_fread(zf, buf, sizeof buf)) > 0) {
        /* The sizes in the zip directory may lie: count what really comes out. */
        if ((size_t)n > FM_XLSX_MAX_INFLATED - w->inflated) {
            stat_limit(w, w->part);
            return;
        }
        w->inflated += (size_t)n;
        if (XML_Parse(w->xp, buf, (int)n, 0) != XML_STATUS_OK)
            goto xml_error;
    }
    if (w->rc)
        return;
    if (n < 0) {
        fm_wb_fail(w, FM_EINVAL, "cannot unpack %s: %s", w->part, zip_file_strerror(zf));
        return;
    }
    if (XML_Parse(w->xp, NULL, 0, 1) == XML_STATUS_OK)
        return;
xml_error:
    fm_wb_fail(w, FM_EINVAL, "%s: XML error at line %lu: %s (the workbook is damaged)", w->part,
               (unsigned long)XML_GetCurrentLineNumber(w->xp),
               XML_ErrorString(XML_GetErrorCode(w->xp)));
}

/* The part's zip entry opened for reading, after its declared size passed the limit. */
static zip_file_t *open_part(fm_wb *w, const char *name, bool required)
{
    zip_stat_t zs;
    zip_file_t *zf;

    zip_stat_init(&zs);
    if (zip_stat(w->zip, name, 0, &zs) != 0) {
        if (required)
            fm_wb_fail(w, FM_EINVAL, "%s is missing: this is not %s, or a damaged one", name,
                       w->fmt->what);
        return NULL;
    }
    if ((zs.valid & ZIP_STAT_SIZE) && zs.size > FM_XLSX_MAX_INFLATED - w->inflated) {
        stat_limit(w, name);
        return NULL;
    }
    zf = zip_fopen(w->zip, name, 0);
    if (!zf)
        open_failed(w, name);
    return zf;
}

fm_rc fm_wb_parse_part(fm_wb *w, const char *name, bool required, fm_wb_start_fn st,
                       fm_wb_end_fn en)
{
    zip_file_t *zf;

    w->part = name;
    zf = open_part(w, name, required);
    if (!zf)
        return w->rc;
    w->xp = XML_ParserCreate(NULL); /* the part's own declaration says UTF-8 or UTF-16 */
    if (!w->xp) {
        fm_wb_nomem(w);
        goto done;
    }
    XML_SetUserData(w->xp, w);
    XML_SetElementHandler(w->xp, xml_start, xml_end);
    XML_SetCharacterDataHandler(w->xp, xml_chars);
    XML_SetStartDoctypeDeclHandler(w->xp, xml_doctype);
    w->on_start = st;
    w->on_end = en;
    w->depth = 0;
    w->collect = false;
    feed(w, zf);
done:
    if (w->xp)
        XML_ParserFree(w->xp);
    w->xp = NULL;
    zip_fclose(zf);
    return w->rc;
}

char *fm_wb_dup(fm_wb *w, const char *s)
{
    char *d = strdup(s ? s : "");
    if (!d)
        fm_wb_nomem(w);
    return d;
}
