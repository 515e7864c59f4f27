/*
 * fairmatch/csv.h - reading the CSV files organisers get from Excel and the
 * agency: RFC 4180 quoting (delimiters, quotes and line breaks inside
 * quotes), ';' ',' or tab delimiters detected from the header line (or
 * named by an Excel "sep=;" first line, which is skipped), CRLF, LF
 * or CR line ends, UTF-8 with or without a BOM or Windows-1252 (Excel's
 * Swedish "CSV (semicolon separated)") detected from the bytes, and UTF-16
 * with a BOM (Excel's "Unicode text", tab-separated). Every field
 * comes out as UTF-8, whatever the file was, so Å, Ä, Ö and é survive.
 *
 * The whole file is parsed at once into an fm_csv_table (files are at most a
 * few MB); each record knows the physical line it starts on, so that
 * messages can say FILE:LINE even for quoted fields spanning lines.
 *
 * Threads: a table is plain data; the functions keep no global state.
 */
#ifndef FAIRMATCH_CSV_H
#define FAIRMATCH_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "fairmatch/buf.h"
#include "fairmatch/err.h"

typedef enum fm_csv_encoding {
    FM_CSV_UTF8 = 0, /* valid UTF-8 (includes plain ASCII) */
    FM_CSV_UTF8_BOM, /* valid UTF-8 after an EF BB BF byte order mark (dropped) */
    FM_CSV_CP1252,   /* not valid UTF-8 and no UTF-8 multi-byte sequence: Windows-1252 */
    FM_CSV_MIXED,    /* valid UTF-8 sequences AND invalid bytes: refused field by field */
    FM_CSV_UTF16     /* UTF-16 LE or BE with its BOM (Excel's "Unicode text"); unpaired
                        surrogates become bad_byte 0xFF of their field */
} fm_csv_encoding;

typedef struct fm_csv_field {
    char *text;   /* UTF-8, NUL-terminated, CRLF inside quotes turned into LF; "" when empty */
    size_t len;   /* bytes in text */
    int bad_byte; /* -1, or the first input byte that could not be decoded (text is then "") */
    bool quoted;  /* the field was enclosed in quotes */
} fm_csv_field;

typedef struct fm_csv_record {
    long line;            /* physical line (1-based) where the record starts */
    size_t nfields;       /* >= 1 */
    fm_csv_field *fields; /* nfields entries */
    /* A structural problem (an unterminated quote, text after a closing
     * quote), or NULL. Static string; problem_field is the field's index. */
    const char *problem;
    size_t problem_field;
} fm_csv_record;

typedef struct fm_csv_table {
    fm_csv_encoding encoding;
    char delimiter;         /* ';', ',' or '\t' */
    size_t nrecords;        /* records, header included; blank lines are not records */
    fm_csv_record *records; /* records[0] is the header line when nrecords > 0 */
} fm_csv_table;

/*
 * Parse len bytes at data (need not be NUL-terminated; may contain NUL
 * bytes, which become bad_byte 0 of their field). Encoding and delimiter
 * are detected as the file comment says (a file with none of ';' ',' tab
 * in its first line is read as comma-separated); a stray quote inside an
 * unquoted value is taken literally. Records that are only an empty line
 * are skipped (a line of bare delimiters is kept: it is the caller's to
 * judge).
 * Structural problems and undecodable bytes are reported in the records,
 * not as errors, so that a caller can name every bad line at once.
 * OUT: *out (caller frees with fm_csv_table_free).
 * Returns FM_OK, FM_ENOMEM, FM_EINVAL (len over 256 MiB).
 */
fm_rc fm_csv_parse(const char *data, size_t len, fm_csv_table **out, fm_err *err);

/* Free a table and everything in it. NULL-safe. */
void fm_csv_table_free(fm_csv_table *t);

/* "UTF-8", "UTF-8 with BOM", "Windows-1252", "mixed" or "UTF-16". Static string. */
const char *fm_csv_encoding_name(fm_csv_encoding e);

/*
 * Compare two header names as users mean them: case-insensitively for ASCII
 * and for the Latin-1 letters (Å/å, Ä/ä, Ö/ö, É/é, Ü/ü ...), with leading
 * and trailing spaces ignored and '_' equal to a space. Both are UTF-8.
 */
bool fm_csv_header_eq(const char *a, const char *b);

/*
 * Parse a decimal number as Swedish and English spreadsheets write it:
 * "62,5", "62.5", "100" (one decimal separator at most, optional leading
 * '-', surrounding spaces allowed). Returns false for anything else,
 * including "1 000" and "1,000.5"; *out is then untouched.
 */
bool fm_csv_parse_decimal(const char *s, double *out);

/*
 * Append text to b as one CSV cell for the delimiter delim, safe to open in
 * a spreadsheet: quoted (RFC 4180) when it holds delim, a quote, a line
 * break or spaces at either end; and with one apostrophe put before it when
 * it starts with a character a spreadsheet would run as a formula
 * (= + - @ tab CR) or with an apostrophe itself (so that the apostrophe
 * fm_csv_unguard removes is always one this function added). Every CSV
 * fairmatch writes goes through here, so there is one rule to audit.
 * Returns FM_OK or FM_ENOMEM (b then holds a partial cell).
 */
fm_rc fm_csv_put_cell(fm_buf *b, const char *text, char delim);

/*
 * Undo fm_csv_put_cell's guard in place: remove the leading apostrophe of s
 * when the next character is one that fm_csv_put_cell guards. Returns true
 * when it removed one. A lone leading apostrophe before anything else is
 * data and stays.
 */
bool fm_csv_unguard(char *s);

#endif
