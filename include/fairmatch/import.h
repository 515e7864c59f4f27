/*
 * fairmatch/import.h - loading the organisers' spreadsheets (departments,
 * seekers, fairs, positions, employments) into the store, per
 * shared/spec/import-format.md and docs/import.md.
 *
 * An import is all or nothing: every row is checked (headers in English or
 * Swedish, any case and order; codes, dates, numbers, Luhn, references,
 * duplicate keys) and either every row is written in one transaction or
 * nothing is. Problems come back as lines "FILE:LINE: COLUMN: problem",
 * COLUMN being the header as written in the file. Rows are keyed (id;
 * employments by seeker, department and decision date): a row whose key
 * exists updates only the columns the file has; rows absent are left alone.
 *
 * Threads: works on one fm_store, which one thread uses at a time.
 */
#ifndef FAIRMATCH_IMPORT_H
#define FAIRMATCH_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "fairmatch/err.h"
#include "fairmatch/store.h"

typedef enum fm_import_kind {
    FM_IMPORT_DEPARTMENTS = 0,
    FM_IMPORT_SEEKERS,
    FM_IMPORT_FAIRS,
    FM_IMPORT_POSITIONS,
    FM_IMPORT_EMPLOYMENTS
} fm_import_kind;

/* What an import did (or, after a failure, found). */
typedef struct fm_import_stats {
    long rows;      /* data rows read (blank rows excluded) */
    long added;     /* keys that were new */
    long updated;   /* existing keys whose values changed */
    long unchanged; /* existing keys that already held exactly these values */
    long problems;  /* problems found; > 0 means nothing was written */
} fm_import_stats;

/*
 * Receives each problem line, "FILE:LINE: COLUMN: problem" (no "fairmatch: "
 * prefix, no newline), in file order (by line, then by the column's place
 * in the file); at most FM_IMPORT_MAX_PROBLEMS calls per import. line is
 * borrowed for the call only.
 */
typedef void (*fm_import_sink)(void *ctx, const char *line);

#define FM_IMPORT_MAX_PROBLEMS 20

/* Parse "departments", "seekers", "fairs", "positions", "employments". False otherwise. */
bool fm_import_kind_parse(const char *s, fm_import_kind *out);

/* The kind's plural English name ("departments", ...). Static string. */
const char *fm_import_kind_name(fm_import_kind kind);

/*
 * Import len bytes at data (a CSV file's contents) of the given kind into s.
 * display_name is the FILE of problem lines (the path as the user gave it).
 * actor names who imports ("cli", a username) in the audit log: one
 * "import" row with the counts plus one "create"/"update" row per changed
 * key (its id; never a personal number).
 * Runs in its own transaction (BEGIN IMMEDIATE) or, when the caller already
 * has one open, in a savepoint inside it, so a caller may combine several
 * imports into one all-or-nothing load.
 * OUT: stats (may be NULL). Problems go to sink (may be NULL) and are
 * counted in stats->problems; err then holds the first of them.
 * Returns FM_OK; FM_EINVAL when any row or header is bad (nothing written);
 * FM_EDB, FM_ENOMEM (nothing written).
 */
fm_rc fm_import_buffer(fm_store *s, fm_import_kind kind, const char *display_name, const char *data,
                       size_t len, const char *actor, fm_import_stats *stats, fm_import_sink sink,
                       void *sink_ctx, fm_err *err);

/*
 * As fm_import_buffer with the contents of the file at path (display_name
 * is path). Returns also FM_EINVAL when the file cannot be opened (err
 * says why) and FM_EIO when reading it fails midway.
 */
fm_rc fm_import_file(fm_store *s, fm_import_kind kind, const char *path, const char *actor,
                     fm_import_stats *stats, fm_import_sink sink, void *sink_ctx, fm_err *err);

/*
 * As fm_import_buffer, reading sheet (exact name) of an .xlsx workbook or
 * an .ods spreadsheet, or its first sheet when sheet is NULL. A zip archive
 * is read as .ods when fm_ods_is_ods says so, else as .xlsx; data that is
 * not a zip archive is read as CSV unless display_name ends in
 * .xlsx/.xlsm/.ods or a sheet is given (it is then refused as no
 * workbook). A workbook's rows go through the same checks as CSV records;
 * LINE in problems is the sheet's row number (see fairmatch/xlsx.h and
 * fairmatch/ods.h).
 * Returns also FM_EINVAL, nothing written, when the workbook cannot be
 * read, is encrypted, lacks the sheet or exceeds a size limit (err says).
 */
fm_rc fm_import_buffer_sheet(fm_store *s, fm_import_kind kind, const char *display_name,
                             const char *sheet, const char *data, size_t len, const char *actor,
                             fm_import_stats *stats, fm_import_sink sink, void *sink_ctx,
                             fm_err *err);

/* As fm_import_file with fm_import_buffer_sheet's sheet. */
fm_rc fm_import_file_sheet(fm_store *s, fm_import_kind kind, const char *path, const char *sheet,
                           const char *actor, fm_import_stats *stats, fm_import_sink sink,
                           void *sink_ctx, fm_err *err);

#endif
