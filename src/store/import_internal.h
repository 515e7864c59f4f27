/*
 * import_internal.h - what the import files share: the column tables of
 * each kind, the state of one import (struct imp), problem reporting, the
 * typed getters and the write helpers. Never included outside src/store/.
 *
 * The files: import.c (the driver: one transaction, the public API),
 * import_rows.c (the row source: CSV, .xlsx or .ods, and the row loop),
 * import_header.c (the kinds' columns, header matching), import_problems.c
 * (problem lines in column order), import_fields.c (typed getters),
 * import_write.c (duplicate keys, counting and auditing a written row),
 * import_entities.c (departments, seekers, fairs, positions) and
 * import_employments.c (employments and their extensions).
 */
#ifndef FAIRMATCH_IMPORT_INTERNAL_H
#define FAIRMATCH_IMPORT_INTERNAL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "fairmatch/csv.h"
#include "fairmatch/import.h"
#include "store_internal.h"

#define FM_IMPORT_MAX_COLS 20
#define FM_IMPORT_NKINDS 5
/* "No upper bound" for fm_import_get_int (still a sane cap: a headcount above it is a typo). */
#define FM_IMPORT_NO_MAX 10000000L

typedef struct colspec {
    const char *en, *sv;
    bool required;
    size_t max; /* longest value in bytes (fairmatch/limits.h, as the API); 0: no text limit */
} colspec;

typedef struct kindspec {
    const char *name;
    const colspec *cols;
    int ncols;
} kindspec;

/* Column order inside each kind's table (import_header.c) is what these enums index. */
enum { D_ID, D_NAME, D_EMPLOYEES, D_TABLES, D_N };
enum {
    S_ID,
    S_FIRST,
    S_LAST,
    S_GENDER,
    S_BIRTH,
    S_PNR,
    S_ELIG,
    S_INTERESTS,
    S_SWEDISH,
    S_LICENCE,
    S_PHONE,
    S_EMAIL,
    S_REGISTERED,
    S_EDUCATION,
    S_EXPERIENCE,
    S_EXTENT,
    S_SCREENING,
    S_N
};
enum { F_ID, F_DATE, F_START, F_MINUTES, F_PERIODS, F_NAME, F_PLACE, F_N };
enum { P_ID, P_DEPT, P_FAIR, P_TITLE, P_OCC, P_PLACES, P_LICENCE, P_SWEDISH, P_EXTENT, P_N };
enum {
    E_SEEKER,
    E_DEPT,
    E_DECISION,
    E_START,
    E_END,
    E_REASON,
    E_STATUS,
    E_POSITION,
    E_EXTENT,
    E_KIND,
    E_PLANNED,
    E_N
};

/* Indexed by fm_import_kind. */
extern const kindspec fm_import_kinds[FM_IMPORT_NKINDS];

/* A string set remembering the line each key was first seen on. */
typedef struct keyset {
    char **keys;
    long *lines;
    size_t cap, len;
} keyset;

typedef struct pending {
    size_t order; /* field index in the file; missing columns sort last */
    char *text;
} pending;

typedef struct imp {
    fm_store *s;
    const char *file;
    const char *sheet; /* --sheet: the workbook sheet to read, NULL for the first */
    const char *actor;
    const kindspec *spec;
    fm_csv_table *t;
    int col[FM_IMPORT_MAX_COLS]; /* record field index of each spec column, -1 when absent */
    bool swedish; /* the header used Swedish names (messages name missing columns so) */
    const fm_csv_record *rec;
    bool row_bad;
    fm_import_stats st;
    fm_import_sink sink;
    void *sink_ctx;
    fm_err *err;
    keyset seen;
    int ref_year;
    pending pending[FM_IMPORT_MAX_PROBLEMS]; /* this line's problems, not yet sent */
    size_t npending;
    size_t emitted; /* problem lines sent to the sink */
    fm_rc fatal;    /* a database or memory failure: stop, write nothing */
    fm_err fatal_err;
    char shown[3][128]; /* values as messages show them (see fm_import_quoted()) */
    unsigned nshown;
} imp;

/* ---- import_problems.c ---- */

/*
 * Sort the n held problems at p by their order and send them to sink, the
 * first of the import (*emitted 0) also into err; at most
 * FM_IMPORT_MAX_PROBLEMS in all (*emitted counts them). Frees their texts.
 */
void fm_import_send(pending *p, size_t n, size_t *emitted, fm_err *err, fm_import_sink sink,
                    void *sink_ctx);

/* Hold "FILE:LINE: COLUMN: problem" in slot; false (nothing held) when out of memory. */
bool fm_import_hold(pending *slot, size_t order, const char *file, long line, const char *column,
                    const char *fmt, va_list ap) __attribute__((format(printf, 6, 0)));

/* Send the current line's held-back problems to the sink, in column order. */
void fm_import_flush(imp *im);

/* A problem at field index order of line, under the header text column. */
void fm_import_problem_at(imp *im, size_t order, long line, const char *column, const char *fmt,
                          ...) __attribute__((format(printf, 5, 6)));

/* A problem of spec column c in the current row. */
void fm_import_problem(imp *im, int c, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/*
 * A cell as a message may show it: quoted and cut short, or not at all when
 * it could be a personal number. Borrowed: valid until the third call after.
 */
const char *fm_import_quoted(imp *im, const char *v);

/* The header of field i of r as messages name it ("column N" when it cannot be shown). */
void fm_import_column_name(const fm_csv_record *r, size_t i, char *buf, size_t n);

/* The problem of field f, which could not be decoded. */
void fm_import_encoding_problem(imp *im, size_t order, long line, const char *column,
                                const fm_csv_field *f);

/* ---- import_header.c ---- */

/* Bytes of blank (space, tab, UTF-8 no-break space U+00A0) at s[i] (s is n bytes), or 0. */
size_t fm_import_blank_at(const char *s, size_t i, size_t n);

/* Drop leading and trailing blanks of f in place. */
void fm_import_trim(fm_csv_field *f);

/* Fill im->col from the header record; missing, doubled or undecodable headers are problems. */
void fm_import_map_headers(imp *im);

/* ---- import_fields.c: getters of spec column c in the current row ---- */

/* True when the file has column c. */
bool fm_import_has(const imp *im, int c);
/* The trimmed value: NULL when the column is absent or empty. Points into the row. */
char *fm_import_val(const imp *im, int c);
/* The value; a required column's empty value is a problem. */
char *fm_import_get_text(imp *im, int c);
/* Integer lo...hi (hi FM_IMPORT_NO_MAX: no bound); absent/empty leaves *out. */
void fm_import_get_int(imp *im, int c, long lo, long hi, long *out);
void fm_import_get_int_i(imp *im, int c, long lo, long hi, int *out);
/* A date YYYY-MM-DD, or NULL (a bad one is a problem). */
char *fm_import_get_date(imp *im, int c);
/* yes/no/ja/nej as 1/0 into *out. */
void fm_import_get_yesno(imp *im, int c, int *out);
/* One of the codes ok() accepts, in any case; stored lower case in place. */
char *fm_import_get_code(imp *im, int c, bool (*ok)(const char *), const char *codes);
/* A percentage above 0 and at most 100. */
void fm_import_get_extent(imp *im, int c, double *out);
/* SSYK codes separated by |, spaces dropped in place. */
char *fm_import_get_ssyk_list(imp *im, int c);
/* The id of an existing row of table; a database failure sets im->fatal. */
char *fm_import_get_ref(imp *im, int c, const char *table, const char *what);
/* A time of day normalised into buf as HH:MM; *minutes after midnight. */
char *fm_import_get_time(imp *im, int c, char buf[6], int *minutes);

/* ---- import_write.c ---- */

void fm_import_keyset_free(keyset *ks);
/* Remember key for column c; a repeat in the file is a problem. NULL key is skipped. */
void fm_import_check_duplicate(imp *im, int c, const char *key, const char *shown);
/* Count one written row (rc is the upsert's result) and audit a changed one. */
void fm_import_wrote(imp *im, fm_rc rc, const fm_err *e, bool created, bool changed,
                     const char *entity, const char *id);
/* The OR of bits[i] for each cols[i] the file has: the columns an update writes. */
unsigned fm_import_mask_of(const imp *im, const int *cols, const unsigned *bits, size_t n);

/* ---- one row of each kind (import_entities.c, import_employments.c) ---- */

void fm_import_row_department(imp *im);
void fm_import_row_seeker(imp *im);
void fm_import_row_fair(imp *im);
void fm_import_row_position(imp *im);
void fm_import_row_employment(imp *im);

/* ---- import_rows.c ---- */

/*
 * Read data into im->t: CSV, or a workbook's sheet (.xlsx, .ods); an old
 * .xls or an encrypted workbook is refused with err set.
 */
fm_rc fm_import_read_table(imp *im, fm_import_kind kind, const char *data, size_t len);

/* Check and write every data row of im->t (the header is mapped already). */
void fm_import_rows(imp *im, fm_import_kind kind);

#endif
