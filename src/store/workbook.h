/*
 * workbook.h - what the workbook readers (xlsx.c, ods.c) share: the zip
 * container with its limits (file count, bytes inflated, XML depth, no DTD)
 * and streaming one part of it through expat (workbook_zip.c), and building
 * the fm_csv_table of a sheet cell by cell within the row, column and cell
 * limits (workbook_table.c). A format's reader embeds fm_wb as its first
 * member and casts the fm_wb * its handlers get back to its own struct.
 * Never included outside src/store/.
 */
#ifndef FAIRMATCH_WORKBOOK_H
#define FAIRMATCH_WORKBOOK_H

#include <expat.h>
#include <stdbool.h>
#include <stddef.h>
#include <zip.h>

#include "fairmatch/buf.h"
#include "fairmatch/csv.h"
#include "fairmatch/err.h"

/* How messages name a format. Static strings. */
typedef struct fm_wb_format {
    const char *noun;    /* ".xlsx workbook": "not a readable NOUN (damaged zip ...)" */
    const char *what;    /* "an Excel workbook": "PART is missing: this is not WHAT ..." */
    const char *app;     /* "Excel": the program to remove a password or re-save it with */
    const char *not_zip; /* the message for a file that is not a zip archive */
} fm_wb_format;

typedef struct fm_wb fm_wb;
/* Element handlers; name is without its namespace prefix. */
typedef void (*fm_wb_start_fn)(fm_wb *w, const char *name, const XML_Char **atts);
typedef void (*fm_wb_end_fn)(fm_wb *w, const char *name);

struct fm_wb {
    zip_t *zip;
    const char *file; /* display name, the start of every message */
    const fm_wb_format *fmt;
    const char *part; /* part being parsed */
    const char *want; /* the sheet asked for, NULL for the first */
    fm_buf names;     /* the sheets' names as messages list them */
    fm_err *err;      /* the caller's, or own_err */
    fm_err own_err;
    fm_rc rc; /* first failure; handlers do nothing once set */
    XML_Parser xp;
    int depth;
    size_t inflated; /* bytes inflated so far, all parts */
    fm_wb_start_fn on_start;
    fm_wb_end_fn on_end;
    void *ctx;    /* what the handlers of the part being parsed work on, when not the reader */
    bool collect; /* character data goes to text */
    fm_buf text;
    /* the sheet being built (workbook_table.c) */
    const char *const *text_headers;
    bool *text_col;
    size_t ntext_col;
    fm_csv_table *t;
    size_t caprec;
    fm_csv_record row; /* the row being built; row.line is its sheet row number */
    size_t caprow;
    long col; /* the current cell's column, 0-based */
    size_t ncells;
};

/* ---- workbook_zip.c ---- */

/*
 * Prepare w (caller storage) for the file display_name of format fmt
 * (static), to read the sheet named sheet (NULL: the first); text_headers
 * and err (may be NULL) as fm_xlsx_read takes them.
 */
void fm_wb_init(fm_wb *w, const char *display_name, const fm_wb_format *fmt, const char *sheet,
                const char *const *text_headers, fm_err *err);
/* Free everything w holds (the table too, unless taken). */
void fm_wb_release(fm_wb *w);

/* Record the first failure as "FILE: message" in w->err and stop the parser. */
void fm_wb_fail(fm_wb *w, fm_rc rc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void fm_wb_nomem(fm_wb *w);
/* "WHAT in PART: the workbook is damaged (open it in APP and save it again)". */
void fm_wb_damaged(fm_wb *w, const char *what);

/*
 * Open the len bytes at data as the container: refuses a file over
 * FM_XLSX_MAX_FILE, one that is not a zip archive (fmt->not_zip), a damaged
 * zip and one of more than FM_XLSX_MAX_ENTRIES files. Failures are in w->rc.
 */
void fm_wb_open(fm_wb *w, const char *data, size_t len);

/* True when the container holds a file of that name. */
bool fm_wb_has(const fm_wb *w, const char *name);

/*
 * Stream the part name through expat with st and en, counting the bytes
 * inflated against FM_XLSX_MAX_INFLATED. A missing part is an error
 * ("... is missing: this is not WHAT ...") when required. Returns w->rc.
 */
fm_rc fm_wb_parse_part(fm_wb *w, const char *name, bool required, fm_wb_start_fn st,
                       fm_wb_end_fn en);

/*
 * Count n bytes of output that the file makes out of less (an .ods cell
 * or row repeated, its text:s spaces) against FM_XLSX_MAX_INFLATED, as if
 * inflated: a bomb made of repeats is refused like a zip bomb. False (and
 * w->rc set) when over the limit.
 */
bool fm_wb_charge(fm_wb *w, size_t n);

/* The name without its namespace prefix: producers differ in prefixes, not names. */
const char *fm_wb_local(const char *name);
/* The value of attribute name (compared without prefix), or NULL. */
const char *fm_wb_attr(const XML_Char **atts, const char *name);

/* A copy of s ("" for NULL); NULL after recording out of memory. */
char *fm_wb_dup(fm_wb *w, const char *s);

/*
 * Note a sheet of the workbook by its name (for the message of a sheet not
 * found). True when it is the sheet asked for (or any, when none was).
 */
bool fm_wb_sheet_seen(fm_wb *w, const char *name);
/* Refuse the workbook for lacking the sheet asked for, or (none asked for) any: "none" says so. */
void fm_wb_no_sheet(fm_wb *w, const char *none);

/* ---- workbook_table.c ---- */

/* Allocate the (empty) table the sheet's rows go into. */
void fm_wb_table_new(fm_wb *w);
/* Put text (taken; NULL-safe) at column w->col of the row being built, gaps filled with "". */
void fm_wb_place(fm_wb *w, char *text);
/* Give the row its problem at column w->col, unless it has one. problem is static. */
void fm_wb_mark(fm_wb *w, const char *problem);
/* True when column w->col is one of the text_headers (a number there is a problem). */
bool fm_wb_in_text_column(const fm_wb *w);
/*
 * Append the row being built as a record when it holds a value, repeat
 * times (on rows row.line, row.line + 1 ...: an .ods row may stand for
 * several); start the next one. Empty rows cost nothing however repeated.
 */
void fm_wb_finish_row(fm_wb *w, long repeat);
/* A number as the importer reads it: whole numbers without ".0", others in up to 15 digits. */
void fm_wb_render_number(double x, char *out, size_t n);
/* Hand out the table (caller frees), or NULL after a failure. */
fm_csv_table *fm_wb_take_table(fm_wb *w);

#endif
