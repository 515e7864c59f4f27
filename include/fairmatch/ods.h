/*
 * fairmatch/ods.h - reading one sheet of an OpenDocument spreadsheet (.ods,
 * LibreOffice Calc's own format) into the same fm_csv_table the CSV and
 * .xlsx readers produce, so that its rows go through exactly the importer
 * pipeline CSV rows do.
 *
 * Records are as fairmatch/xlsx.h says: one a sheet row holding a value,
 * its line the sheet's row number, fields by column (A = field 0). A cell
 * or row repeated (table:number-columns-repeated, -rows-repeated) stands
 * for that many; an empty one costs nothing however often repeated. Text
 * cells keep their text (several paragraphs joined by a newline, text:s
 * spaces kept); float, percentage and currency cells render as numbers
 * (a percentage as the percent, whole numbers without ".0"); date cells
 * as YYYY-MM-DD; time cells as HH:MM; booleans as "yes"/"no". A number in
 * a column that must hold text is the record's problem, naming the cell's
 * field, never its value.
 *
 * The limits of fairmatch/xlsx.h apply (FM_XLSX_MAX_*); repeated cells and
 * rows count as the bytes they make. A password-protected file (its
 * manifest lists encryption data) is refused.
 *
 * Threads: no global state; libzip and expat objects live in one call.
 */
#ifndef FAIRMATCH_ODS_H
#define FAIRMATCH_ODS_H

#include <stdbool.h>
#include <stddef.h>

#include "fairmatch/csv.h"
#include "fairmatch/err.h"

/*
 * True when the len bytes at data are a zip archive holding an OpenDocument
 * spreadsheet: its first entry is "mimetype" naming one, or (a producer
 * that does not put it first) it has content.xml and no xl/workbook.xml.
 */
bool fm_ods_is_ods(const char *data, size_t len);

/*
 * Read the sheet (table:table) named sheet (exact name; NULL = the first)
 * of the spreadsheet in the len bytes at data. display_name and
 * text_headers as for fm_xlsx_read.
 * OUT: *out (caller frees with fm_csv_table_free).
 * Returns FM_OK; FM_EINVAL when the file is not a readable .ods, is
 * encrypted, has no such sheet or exceeds a limit (err says which, starting
 * "display_name: "); FM_ENOMEM.
 */
fm_rc fm_ods_read(const char *data, size_t len, const char *display_name, const char *sheet,
                  const char *const *text_headers, fm_csv_table **out, fm_err *err);

#endif
