/*
 * fairmatch/xlsx.h - reading one sheet of an Excel workbook (.xlsx, Office
 * Open XML) into the same fm_csv_table the CSV reader produces, so that
 * workbook rows go through exactly the importer pipeline CSV rows do.
 *
 * Each record is one sheet row that holds at least one value; its line is
 * the sheet's row number (so messages say FILE:ROW), and fields are the
 * row's cells by column (A = field 0), gaps filled with empty fields. Text
 * cells keep their text; numbers render without a trailing ".0"; numbers in
 * a date format render as YYYY-MM-DD (1900 and 1904 date systems), times as
 * HH:MM; booleans as "yes"/"no". A number or an error value in a column that
 * must hold text (a personal number that lost its leading digits) is put in
 * the record's problem, naming the cell's field, never its value.
 *
 * Size limits (compressed size, bytes inflated, rows, columns, cells,
 * shared strings, XML depth) refuse oversized and zip-bomb files before
 * anything is imported; the .ods reader (fairmatch/ods.h) keeps the same.
 *
 * Threads: no global state; libzip and expat objects live in one call.
 */
#ifndef FAIRMATCH_XLSX_H
#define FAIRMATCH_XLSX_H

#include <stdbool.h>
#include <stddef.h>

#include "fairmatch/csv.h"
#include "fairmatch/err.h"

/* Limits; a workbook beyond any of them is refused as a whole. */
#define FM_XLSX_MAX_FILE ((size_t)64 * 1024 * 1024)      /* compressed file */
#define FM_XLSX_MAX_INFLATED ((size_t)128 * 1024 * 1024) /* all parts read, uncompressed */
#define FM_XLSX_MAX_ROWS 200000L                         /* rows holding values */
#define FM_XLSX_MAX_COLS 1024L                           /* columns A...AMJ */
#define FM_XLSX_MAX_CELLS ((size_t)4000000)              /* fields, gaps included */
#define FM_XLSX_MAX_STRINGS ((size_t)1000000)            /* shared strings */
#define FM_XLSX_MAX_DEPTH 64                             /* XML element nesting */
#define FM_XLSX_MAX_ENTRIES 10000L                       /* files inside the zip */

/* True when the len bytes at data start like a zip archive (an .xlsx or .ods). */
bool fm_xlsx_is_zip(const char *data, size_t len);

/*
 * True when data is an OLE compound file holding an "EncryptionInfo" stream:
 * how Excel stores a password-protected workbook (not a zip at all).
 */
bool fm_xlsx_is_encrypted(const char *data, size_t len);

/*
 * Read the sheet named sheet (exact name; NULL = the first sheet) of the
 * workbook in the len bytes at data. display_name is the FILE of messages.
 * text_headers (NULL-terminated, may be NULL) name the columns, as header
 * names compared with fm_csv_header_eq, where a numeric or error cell is a
 * problem of its record rather than a value.
 * OUT: *out (caller frees with fm_csv_table_free), records as the file
 * comment says; the table's encoding is FM_CSV_UTF8, delimiter ','.
 * Returns FM_OK; FM_EINVAL when the file is not a readable workbook, is
 * encrypted, has no such sheet or exceeds a limit (err says which, starting
 * "display_name: "); FM_ENOMEM.
 */
fm_rc fm_xlsx_read(const char *data, size_t len, const char *display_name, const char *sheet,
                   const char *const *text_headers, fm_csv_table **out, fm_err *err);

#endif
