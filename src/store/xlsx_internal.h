/*
 * xlsx_internal.h - what xlsx.c and xlsx_styles.c share: the styles part's
 * number formats (which cells hold dates, times, percentages) and turning
 * a numeric cell into the text the importer reads. Never included outside
 * src/store/.
 */
#ifndef FAIRMATCH_XLSX_INTERNAL_H
#define FAIRMATCH_XLSX_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "workbook.h"

typedef struct fm_xlsx_numfmt {
    long id;
    unsigned char kind; /* FMT_* of xlsx_styles.c */
} fm_xlsx_numfmt;

typedef struct fm_xlsx_styles {
    bool date1904; /* xl/workbook.xml's workbookPr: serial days count from 1904 */
    bool in_cellxfs;
    fm_xlsx_numfmt *fmts; /* custom number formats that are not plain numbers */
    size_t nfmts, capfmts;
    unsigned char *xf_kind; /* the kind of each cellXfs entry, the cells' s="" index */
    size_t nxf, capxf;
} fm_xlsx_styles;

/* Stream the styles part name of w's container into st. Returns w->rc. */
fm_rc fm_xlsx_styles_parse(fm_wb *w, fm_xlsx_styles *st, const char *name);

/* Free what st holds. */
void fm_xlsx_styles_release(fm_xlsx_styles *st);

/*
 * The numeric cell value v in style (a cellXfs index) as the sheet shows
 * it, in the importer's terms, into out (n bytes): a date as YYYY-MM-DD
 * (with " HH:MM" for a time of day), a time as HH:MM, a percentage as the
 * percent, whole numbers without ".0". Text that is not a number is copied.
 */
void fm_xlsx_render_number(const fm_xlsx_styles *st, long style, const char *v, char *out,
                           size_t n);

#endif
