/*
 * import.c - the spreadsheet imports: maps headers (English or Swedish) to
 * columns, checks every row, and writes all rows in one transaction or
 * none. Reading bytes into fields is csv.c's; what a valid record is, and
 * how it is stored, is the entity files' (src/core, *_repo.c).
 */
#include "fairmatch/import.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fairmatch/buf.h"
#include "fairmatch/csv.h"
#include "fairmatch/date.h"
#include "fairmatch/department.h"
#include "fairmatch/employment.h"
#include "fairmatch/fair.h"
#include "fairmatch/personnummer.h"
#include "fairmatch/position.h"
#include "fairmatch/seeker.h"
#include "repo.h"

#define MAX_COLS 20
/* "No upper bound" for get_int (still a sane cap: a headcount above it is a typo). */
#define NO_MAX 10000000L

typedef struct colspec {
    const char *en, *sv;
    bool required;
} colspec;

typedef struct kindspec {
    const char *name;
    const colspec *cols;
    int ncols;
} kindspec;

/* Column order inside each table is what the C_* enums below index. */
enum { D_ID, D_NAME, D_EMPLOYEES, D_TABLES, D_N };
static const colspec dept_cols[D_N] = {{"id", "id", true},
                                       {"name", "namn", true},
                                       {"employees", "anställda", true},
                                       {"tables", "bord", false}};

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
static const colspec seeker_cols[S_N] = {
    {"id", "id", true},
    {"first_name", "förnamn", true},
    {"last_name", "efternamn", true},
    {"gender", "kön", true},
    {"birth_year", "födelseår", false},
    {"personal_number", "personnummer", false},
    {"eligibility", "målgrupp", false},
    {"interests", "intressen", false},
    {"swedish_level", "svenska", false},
    {"driving_licence", "körkort", false},
    {"phone", "telefon", false},
    {"email", "epost", false},
    {"registered", "inskriven", false},
    {"education_level", "utbildningsnivå", false},
    {"experience", "erfarenhet", false},
    {"extent_preference", "önskad omfattning", false},
    {"screening", "bedömning", false},
};

enum { F_ID, F_DATE, F_START, F_MINUTES, F_PERIODS, F_NAME, F_PLACE, F_N };
static const colspec fair_cols[F_N] = {
    {"id", "id", true},        {"date", "datum", true},
    {"start", "start", true},  {"period_minutes", "minuter per pass", true},
    {"periods", "pass", true}, {"name", "namn", false},
    {"place", "plats", false}};

enum { P_ID, P_DEPT, P_FAIR, P_TITLE, P_OCC, P_PLACES, P_LICENCE, P_SWEDISH, P_EXTENT, P_N };
static const colspec pos_cols[P_N] = {{"id", "id", true},
                                      {"department", "förvaltning", true},
                                      {"fair", "mässa", true},
                                      {"title", "titel", true},
                                      {"occupation", "yrke", true},
                                      {"places", "platser", true},
                                      {"requires_driving_licence", "kräver körkort", false},
                                      {"min_swedish_level", "min svenska", false},
                                      {"extent", "omfattning", false}};

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
static const colspec emp_cols[E_N] = {{"seeker", "sökande", true},
                                      {"department", "förvaltning", true},
                                      {"decision_date", "beslutsdatum", true},
                                      {"start_date", "startdatum", false},
                                      {"end_date", "slutdatum", false},
                                      {"end_reason", "avslutsorsak", false},
                                      {"status_90", "status 90 dagar", false},
                                      {"position", "tjänst", false},
                                      {"extent", "omfattning", false},
                                      {"kind", "typ", false},
                                      {"planned_end", "planerat slut", false}};

static const kindspec kinds[] = {
    {"departments", dept_cols, D_N}, {"seekers", seeker_cols, S_N},  {"fairs", fair_cols, F_N},
    {"positions", pos_cols, P_N},    {"employments", emp_cols, E_N},
};

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
    const char *actor;
    const kindspec *spec;
    fm_csv_table *t;
    int col[MAX_COLS]; /* record field index of each spec column, -1 when absent */
    bool swedish;      /* the header used Swedish names (messages name missing columns so) */
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
} imp;

bool fm_import_kind_parse(const char *s, fm_import_kind *out)
{
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        if (!strcmp(s, kinds[i].name)) {
            *out = (fm_import_kind)i;
            return true;
        }
    }
    return false;
}

const char *fm_import_kind_name(fm_import_kind kind)
{
    if ((size_t)kind < sizeof kinds / sizeof kinds[0])
        return kinds[kind].name;
    return "?";
}

/* ---- problems ---------------------------------------------------------- */

/*
 * Problems of one line are held back and sent in the order of their columns
 * in the file (checks run in spec order), so that the output reads left to
 * right like the row itself.
 */
static void flush_problems(imp *im)
{
    for (size_t i = 1; i < im->npending; i++) {
        pending p = im->pending[i];
        size_t j = i;
        for (; j > 0 && im->pending[j - 1].order > p.order; j--)
            im->pending[j] = im->pending[j - 1];
        im->pending[j] = p;
    }
    for (size_t i = 0; i < im->npending; i++) {
        if (im->emitted < FM_IMPORT_MAX_PROBLEMS) {
            if (im->emitted == 0)
                fm_err_set(im->err, FM_EINVAL, "%s", im->pending[i].text);
            if (im->sink)
                im->sink(im->sink_ctx, im->pending[i].text);
            im->emitted++;
        }
        free(im->pending[i].text);
    }
    im->npending = 0;
}

static void vproblem(imp *im, size_t order, long line, const char *column, const char *fmt,
                     va_list ap) __attribute__((format(printf, 5, 0)));
static void vproblem(imp *im, size_t order, long line, const char *column, const char *fmt,
                     va_list ap)
{
    char msg[512];
    fm_buf b = FM_BUF_INIT;

    im->row_bad = true;
    im->st.problems++;
    if (im->emitted + im->npending >= FM_IMPORT_MAX_PROBLEMS)
        return; /* counted, never shown */
    vsnprintf(msg, sizeof msg, fmt, ap);
    if (fm_buf_addf(&b, "%s:%ld: %s: %s", im->file, line, column, msg)) {
        fm_buf_release(&b);
        return;
    }
    im->pending[im->npending].order = order;
    im->pending[im->npending].text = fm_buf_detach(&b, NULL);
    if (im->pending[im->npending].text)
        im->npending++;
}

static void problem_at(imp *im, size_t order, long line, const char *column, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void problem_at(imp *im, size_t order, long line, const char *column, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vproblem(im, order, line, column, fmt, ap);
    va_end(ap);
}

/* The header of spec column c as written in the file. */
static const char *header_of(const imp *im, int c)
{
    return im->t->records[0].fields[im->col[c]].text;
}

static void problem(imp *im, int c, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void problem(imp *im, int c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vproblem(im, (size_t)im->col[c], im->rec->line, header_of(im, c), fmt, ap);
    va_end(ap);
}

/* ---- headers ----------------------------------------------------------- */

/* Bytes of blank (space, tab, UTF-8 no-break space U+00A0) at s[i], or 0. */
static size_t blank_at(const char *s, size_t i, size_t n)
{
    if (s[i] == ' ' || s[i] == '\t')
        return 1;
    if (i + 1 < n && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0)
        return 2;
    return 0;
}

/* Bytes of blank ending just before s[b], or 0. */
static size_t blank_before(const char *s, size_t a, size_t b)
{
    if (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
        return 1;
    if (b >= a + 2 && (unsigned char)s[b - 2] == 0xC2 && (unsigned char)s[b - 1] == 0xA0)
        return 2;
    return 0;
}

/* Spreadsheets pad cells; Excel pastes no-break spaces. Neither is part of a value. */
static void trim_in_place(fm_csv_field *f)
{
    size_t a = 0, b = f->len, k;
    while (a < b && (k = blank_at(f->text, a, b)) > 0)
        a += k;
    while ((k = blank_before(f->text, a, b)) > 0)
        b -= k;
    memmove(f->text, f->text + a, b - a);
    f->text[b - a] = '\0';
    f->len = b - a;
}

static void column_name(const fm_csv_record *r, size_t i, char *buf, size_t n)
{
    if (i < r->nfields && r->fields[i].text[0] && r->fields[i].bad_byte < 0)
        snprintf(buf, n, "%s", r->fields[i].text);
    else
        snprintf(buf, n, "column %zu", i + 1);
}

static void encoding_problem(imp *im, size_t order, long line, const char *column,
                             const fm_csv_field *f)
{
    if (f->bad_byte == 0)
        problem_at(im, order, line, column,
                   "contains a NUL byte (is this a spreadsheet file, not CSV?)");
    else if (im->t->encoding == FM_CSV_UTF16)
        problem_at(im, order, line, column,
                   "not valid UTF-16 (an unpaired surrogate or a cut-off last character)");
    else if (im->t->encoding == FM_CSV_MIXED)
        problem_at(im, order, line, column,
                   "byte 0x%02X is not valid UTF-8, but other text in the file is UTF-8 (save "
                   "the file in one encoding: UTF-8 or Windows-1252)",
                   (unsigned)f->bad_byte);
    else
        problem_at(im, order, line, column, "byte 0x%02X is not a character in Windows-1252",
                   (unsigned)f->bad_byte);
}

/* Which spec column, if any, header text h names; sets *sv for a Swedish-only match. */
static int match_header(const kindspec *k, const char *h, bool *sv)
{
    for (int c = 0; c < k->ncols; c++) {
        if (fm_csv_header_eq(h, k->cols[c].en))
            return c;
        if (fm_csv_header_eq(h, k->cols[c].sv)) {
            *sv = true;
            return c;
        }
    }
    return -1;
}

static void map_headers(imp *im)
{
    const fm_csv_record *h = &im->t->records[0];
    char name[128];

    for (int c = 0; c < im->spec->ncols; c++)
        im->col[c] = -1;
    for (size_t i = 0; i < h->nfields; i++) {
        bool sv = false;
        int c;
        column_name(h, i, name, sizeof name);
        if (h->fields[i].bad_byte >= 0) {
            encoding_problem(im, i, h->line, name, &h->fields[i]);
            continue;
        }
        c = match_header(im->spec, h->fields[i].text, &sv);
        if (c < 0)
            continue; /* extra columns are ignored */
        if (im->col[c] >= 0) {
            problem_at(im, i, h->line, name, "column appears twice in the header (also column %d)",
                       im->col[c] + 1);
            continue;
        }
        im->col[c] = (int)i;
        im->swedish |= sv;
    }
    if (h->problem) {
        column_name(h, h->problem_field, name, sizeof name);
        problem_at(im, h->problem_field, h->line, name, "%s", h->problem);
    }
    for (int c = 0; c < im->spec->ncols; c++)
        if (im->col[c] < 0 && im->spec->cols[c].required)
            problem_at(im, h->nfields + (size_t)c, h->line,
                       im->swedish ? im->spec->cols[c].sv : im->spec->cols[c].en,
                       "required column is missing");
}

/* ---- field access ------------------------------------------------------ */

static bool has(const imp *im, int c)
{
    return im->col[c] >= 0;
}

/* The trimmed value of column c in the current row: NULL when the column is absent or empty. */
static char *val(const imp *im, int c)
{
    size_t i;
    if (im->col[c] < 0)
        return NULL;
    i = (size_t)im->col[c];
    if (i >= im->rec->nfields || !im->rec->fields[i].text[0])
        return NULL;
    return im->rec->fields[i].text;
}

/* Text of column c; a required column's empty value is a problem. */
static char *get_text(imp *im, int c)
{
    char *v = val(im, c);
    if (!v && has(im, c) && im->spec->cols[c].required)
        problem(im, c, "missing value");
    return v;
}

/*
 * A whole number as a Swedish Excel may format it: "6200", "-3", or with
 * thousands grouped by spaces or no-break spaces ("6 200", "1 000 000"),
 * every group after the first exactly three digits.
 */
static bool parse_long(const char *s, long *out)
{
    char digits[24];
    size_t n = 0, group = 0, i = 0, len = strlen(s);
    bool grouped = false;
    char *end = NULL;

    if (s[0] == '-')
        digits[n++] = s[i++];
    for (; i < len; i++) {
        size_t k = blank_at(s, i, len);
        if (k > 0) {
            if (group == 0 || (grouped && group != 3) || group > 3)
                return false;
            grouped = true;
            group = 0;
            i += k - 1;
        } else if (s[i] >= '0' && s[i] <= '9' && n + 1 < sizeof digits) {
            digits[n++] = s[i];
            group++;
        } else {
            return false;
        }
    }
    digits[n] = '\0';
    if (group == 0 || (grouped && group != 3) || (n == 1 && digits[0] == '-'))
        return false;
    *out = strtol(digits, &end, 10);
    return *end == '\0';
}

/* Integer lo...hi in column c; absent/empty leaves *out. */
static void get_int(imp *im, int c, long lo, long hi, long *out)
{
    char *v = get_text(im, c);
    long x;
    if (!v)
        return;
    if (!parse_long(v, &x))
        problem(im, c, "\"%s\" is not a whole number", v);
    else if (x < lo && hi == NO_MAX)
        problem(im, c, "\"%s\" is not a whole number ≥ %ld", v, lo);
    else if (x < lo || x > hi)
        problem(im, c, "\"%s\" is not between %ld and %ld", v, lo, hi);
    else
        *out = x;
}

static void get_int_i(imp *im, int c, long lo, long hi, int *out)
{
    long x = *out;
    get_int(im, c, lo, hi, &x);
    *out = (int)x;
}

static char *get_date(imp *im, int c)
{
    char *v = get_text(im, c);
    fm_date d;
    if (v && !fm_date_parse(v, &d)) {
        problem(im, c, "\"%s\" is not a date (YYYY-MM-DD)", v);
        return NULL;
    }
    return v;
}

static void get_yesno(imp *im, int c, int *out)
{
    char *v = get_text(im, c);
    if (!v)
        return;
    if (!strcasecmp(v, "yes") || !strcasecmp(v, "ja"))
        *out = 1;
    else if (!strcasecmp(v, "no") || !strcasecmp(v, "nej"))
        *out = 0;
    else
        problem(im, c, "\"%s\" is not one of yes, no, ja, nej", v);
}

/* One of the codes accepted by ok(), in any case (stored lower case); message lists `codes`. */
static char *get_code(imp *im, int c, bool (*ok)(const char *), const char *codes)
{
    char *v = get_text(im, c);
    char lower[64];
    size_t n = v ? strlen(v) : 0;
    if (v && n < sizeof lower) {
        for (size_t i = 0; i <= n; i++)
            lower[i] = (char)(v[i] >= 'A' && v[i] <= 'Z' ? v[i] + 32 : v[i]);
        if (ok(lower)) {
            memcpy(v, lower, n + 1);
            return v;
        }
    }
    if (v) {
        problem(im, c, "\"%s\" is not one of %s", v, codes);
        return NULL;
    }
    return v;
}

static void get_extent(imp *im, int c, double *out)
{
    char *v = get_text(im, c);
    double x;
    if (!v)
        return;
    if (!fm_csv_parse_decimal(v, &x))
        problem(im, c, "\"%s\" is not a number", v);
    else if (!(x > 0.0 && x <= 100.0))
        problem(im, c, "\"%s\" is not a percentage above 0 and at most 100", v);
    else
        *out = x;
}

/* Drop spaces in place: "5311 | 4410" is what a person types for "5311|4410". */
static void drop_spaces(char *v)
{
    char *w = v;
    for (char *r = v; *r; r++)
        if (*r != ' ' && *r != '\t')
            *w++ = *r;
    *w = '\0';
}

static char *get_ssyk_list(imp *im, int c)
{
    char *v = get_text(im, c);
    const char *bad = NULL;
    if (v)
        drop_spaces(v);
    if (v && !fm_ssyk_list_valid(v, &bad)) {
        size_t n = strcspn(bad, "|");
        problem(im, c, "\"%.*s\" is not an SSYK code (4 digits; several separated by |)", (int)n,
                bad);
        return NULL;
    }
    return v;
}

static char *get_ref(imp *im, int c, const char *table, const char *what)
{
    char *v = get_text(im, c);
    bool found = false;
    fm_err e = {0};
    if (!v)
        return NULL;
    if (fm_repo_exists(im->s, table, "id", v, &found, &e)) {
        im->fatal = e.rc;
        im->fatal_err = e;
        return NULL;
    }
    if (!found) {
        problem(im, c, "\"%s\" is not a known %s", v, what);
        return NULL;
    }
    return v;
}

/* ---- duplicate keys ---------------------------------------------------- */

static size_t hash_str(const char *s)
{
    size_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

/* 0 when key is new (and is now remembered); else the line it was first seen on. -1 on OOM. */
static long keyset_add(keyset *ks, const char *key, long line)
{
    size_t i;
    if (ks->len * 2 >= ks->cap) {
        keyset n = {0};
        n.cap = ks->cap ? ks->cap * 2 : 256;
        n.keys = calloc(n.cap, sizeof *n.keys);
        n.lines = calloc(n.cap, sizeof *n.lines);
        if (!n.keys || !n.lines) {
            free(n.keys);
            free(n.lines);
            return -1;
        }
        for (size_t j = 0; j < ks->cap; j++) {
            if (!ks->keys[j])
                continue;
            for (i = hash_str(ks->keys[j]) & (n.cap - 1); n.keys[i]; i = (i + 1) & (n.cap - 1))
                ;
            n.keys[i] = ks->keys[j];
            n.lines[i] = ks->lines[j];
        }
        n.len = ks->len;
        free(ks->keys);
        free(ks->lines);
        *ks = n;
    }
    for (i = hash_str(key) & (ks->cap - 1); ks->keys[i]; i = (i + 1) & (ks->cap - 1))
        if (!strcmp(ks->keys[i], key))
            return ks->lines[i];
    ks->keys[i] = strdup(key);
    if (!ks->keys[i])
        return -1;
    ks->lines[i] = line;
    ks->len++;
    return 0;
}

static void keyset_free(keyset *ks)
{
    for (size_t i = 0; i < ks->cap; i++)
        free(ks->keys[i]);
    free(ks->keys);
    free(ks->lines);
    memset(ks, 0, sizeof *ks);
}

/* Remember key for column c; a repeat is a problem. key NULL (already reported) is skipped. */
static void check_duplicate(imp *im, int c, const char *key, const char *shown)
{
    long first;
    if (!key)
        return;
    first = keyset_add(&im->seen, key, im->rec->line);
    if (first < 0) {
        im->fatal = fm_err_set(&im->fatal_err, FM_ENOMEM, "out of memory");
    } else if (first > 0) {
        problem(im, c, "%s appears twice in the file (first on line %ld)", shown, first);
    }
}

/* ---- writing ----------------------------------------------------------- */

/* Count one written row, audit changed ones. rc is the upsert's result. */
static void wrote(imp *im, fm_rc rc, const fm_err *e, bool created, bool changed,
                  const char *entity, const char *id)
{
    fm_err ae = {0};
    if (rc) {
        /* The checks above should have caught it; a constraint still says no. */
        if (rc == FM_EINVAL || rc == FM_ECONFLICT || rc == FM_ENOTFOUND) {
            problem_at(im, im->rec->nfields, im->rec->line, "row", "%s", e->msg);
        } else {
            im->fatal = rc;
            im->fatal_err = *e;
        }
        return;
    }
    if (created)
        im->st.added++;
    else if (changed)
        im->st.updated++;
    else
        im->st.unchanged++;
    if (!changed)
        return;
    if (fm_store_audit(im->s, im->actor, created ? "create" : "update", entity, id, "import",
                       &ae)) {
        im->fatal = ae.rc;
        im->fatal_err = ae;
    }
}

static unsigned mask_of(const imp *im, const int *cols, const unsigned *bits, size_t n)
{
    unsigned m = 0;
    for (size_t i = 0; i < n; i++)
        if (has(im, cols[i]))
            m |= bits[i];
    return m;
}

/* ---- the kinds --------------------------------------------------------- */

static void row_department(imp *im)
{
    static const int cols[] = {D_NAME, D_EMPLOYEES, D_TABLES};
    static const unsigned bits[] = {FM_DEPARTMENT_NAME, FM_DEPARTMENT_EMPLOYEES,
                                    FM_DEPARTMENT_TABLES};
    fm_department d = {0};
    fm_err e = {0};
    bool created = false, changed = false;
    char shown[300];
    fm_rc rc;

    d.tables = 1;
    d.id = get_text(im, D_ID);
    d.name = get_text(im, D_NAME);
    get_int(im, D_EMPLOYEES, 0, NO_MAX, &d.employees);
    get_int_i(im, D_TABLES, 0, 100, &d.tables);
    snprintf(shown, sizeof shown, "\"%s\"", d.id ? d.id : "");
    check_duplicate(im, D_ID, d.id, shown);
    if (im->row_bad || im->fatal)
        return;
    rc = fm_store_department_upsert(im->s, &d, mask_of(im, cols, bits, 3), &created, &changed, &e);
    wrote(im, rc, &e, created, changed, "department", d.id);
}

static void seeker_personal_number(imp *im, fm_seeker *p)
{
    char *v = get_text(im, S_PNR);
    fm_pnr_status st;
    if (!v)
        return;
    /* The value is never echoed: a near-miss is still someone's number. */
    st = fm_personnummer_parse(v, im->ref_year, NULL);
    if (st != FM_PNR_OK)
        problem(im, S_PNR, "%s", fm_pnr_status_str(st));
    else
        p->personal_number = v;
}

static void seeker_fields(imp *im, fm_seeker *p)
{
    char *g;
    long year = 0;

    p->id = get_text(im, S_ID);
    p->first_name = get_text(im, S_FIRST);
    p->last_name = get_text(im, S_LAST);
    g = get_text(im, S_GENDER);
    if (g && !fm_gender_parse(g, &p->gender))
        problem(im, S_GENDER, "\"%s\" is not one of %s", g, fm_gender_codes());
    get_int(im, S_BIRTH, 1900, 2100, &year);
    p->birth_year = (int)year;
    seeker_personal_number(im, p);
    p->eligibility = get_code(im, S_ELIG, fm_eligibility_valid, fm_eligibility_codes());
    p->interests = get_ssyk_list(im, S_INTERESTS);
    get_int_i(im, S_SWEDISH, 0, 5, &p->swedish_level);
    get_yesno(im, S_LICENCE, &p->driving_licence);
    p->phone = get_text(im, S_PHONE);
    p->email = get_text(im, S_EMAIL);
    p->registered = get_date(im, S_REGISTERED);
    get_int_i(im, S_EDUCATION, 1, 5, &p->education_level);
    p->experience = get_ssyk_list(im, S_EXPERIENCE);
    get_int_i(im, S_EXTENT, 1, 100, &p->extent_preference);
    get_int_i(im, S_SCREENING, 0, 5, &p->screening);
}

static void row_seeker(imp *im)
{
    static const int cols[] = {S_FIRST,     S_LAST,    S_GENDER,    S_BIRTH,
                               S_PNR,       S_ELIG,    S_INTERESTS, S_EXPERIENCE,
                               S_EDUCATION, S_SWEDISH, S_LICENCE,   S_EXTENT,
                               S_SCREENING, S_PHONE,   S_EMAIL,     S_REGISTERED};
    static const unsigned bits[] = {
        FM_SEEKER_FIRST_NAME,    FM_SEEKER_LAST_NAME,       FM_SEEKER_GENDER,
        FM_SEEKER_BIRTH_YEAR,    FM_SEEKER_PERSONAL_NUMBER, FM_SEEKER_ELIGIBILITY,
        FM_SEEKER_INTERESTS,     FM_SEEKER_EXPERIENCE,      FM_SEEKER_EDUCATION_LEVEL,
        FM_SEEKER_SWEDISH_LEVEL, FM_SEEKER_DRIVING_LICENCE, FM_SEEKER_EXTENT_PREFERENCE,
        FM_SEEKER_SCREENING,     FM_SEEKER_PHONE,           FM_SEEKER_EMAIL,
        FM_SEEKER_REGISTERED};
    fm_seeker p;
    fm_err e = {0};
    bool created = false, changed = false;
    char shown[300];
    fm_rc rc;

    fm_seeker_init(&p);
    seeker_fields(im, &p);
    snprintf(shown, sizeof shown, "\"%s\"", p.id ? p.id : "");
    check_duplicate(im, S_ID, p.id, shown);
    if (im->row_bad || im->fatal)
        return;
    rc = fm_store_seeker_upsert(im->s, &p, mask_of(im, cols, bits, 16), &created, &changed, &e);
    wrote(im, rc, &e, created, changed, "seeker", p.id);
}

/*
 * A time of day as HH:MM. Spreadsheets also write "9:00" and, for time
 * cells, "09:00:00"; both are normalised into buf when they mean a whole
 * minute. *minutes gets minutes after midnight.
 */
static char *get_time(imp *im, int c, char buf[6], int *minutes)
{
    char *v = get_text(im, c);
    size_t n;
    if (!v)
        return NULL;
    n = strlen(v);
    if (n == 4 && v[1] == ':') {
        buf[0] = '0';
        memcpy(buf + 1, v, 5);
    } else if (n == 8 && v[5] == ':' && v[6] == '0' && v[7] == '0') {
        memcpy(buf, v, 5);
        buf[5] = '\0';
    } else if (n == 5) {
        memcpy(buf, v, 6);
    } else {
        buf[0] = '\0';
    }
    if (!fm_time_parse(buf, minutes)) {
        problem(im, c, "\"%s\" is not a time (HH:MM)", v);
        return NULL;
    }
    return buf;
}

static void row_fair(imp *im)
{
    static const int cols[] = {F_DATE, F_START, F_MINUTES, F_PERIODS, F_NAME, F_PLACE};
    static const unsigned bits[] = {FM_FAIR_DATE,    FM_FAIR_START, FM_FAIR_PERIOD_MINUTES,
                                    FM_FAIR_PERIODS, FM_FAIR_NAME,  FM_FAIR_PLACE};
    fm_fair f = {0};
    fm_err e = {0};
    bool created = false, changed = false;
    char shown[300], start_buf[6];
    int start = -1;
    fm_rc rc;

    f.id = get_text(im, F_ID);
    f.date = get_date(im, F_DATE);
    f.start = get_time(im, F_START, start_buf, &start);
    get_int_i(im, F_MINUTES, 1, 240, &f.period_minutes);
    get_int_i(im, F_PERIODS, 1, 96, &f.periods);
    f.name = get_text(im, F_NAME);
    f.place = get_text(im, F_PLACE);
    if (!im->row_bad && start >= 0 && start + f.period_minutes * f.periods > 24 * 60)
        problem(im, F_PERIODS, "%d periods of %d minutes from %s end after midnight", f.periods,
                f.period_minutes, f.start);
    snprintf(shown, sizeof shown, "\"%s\"", f.id ? f.id : "");
    check_duplicate(im, F_ID, f.id, shown);
    if (im->row_bad || im->fatal)
        return;
    rc = fm_store_fair_upsert(im->s, &f, mask_of(im, cols, bits, 6), &created, &changed, &e);
    wrote(im, rc, &e, created, changed, "fair", f.id);
}

static void row_position(imp *im)
{
    static const int cols[] = {P_DEPT,   P_FAIR,    P_TITLE,   P_OCC,
                               P_PLACES, P_LICENCE, P_SWEDISH, P_EXTENT};
    static const unsigned bits[] = {
        FM_POSITION_DEPARTMENT,        FM_POSITION_FAIR,   FM_POSITION_TITLE,
        FM_POSITION_OCCUPATION,        FM_POSITION_PLACES, FM_POSITION_REQUIRES_DRIVING_LICENCE,
        FM_POSITION_MIN_SWEDISH_LEVEL, FM_POSITION_EXTENT};
    fm_position p = {0};
    fm_err e = {0};
    bool created = false, changed = false;
    char shown[300];
    fm_rc rc;

    p.places = 1;
    p.min_swedish_level = -1;
    p.id = get_text(im, P_ID);
    p.department_id = get_ref(im, P_DEPT, "departments", "department");
    p.fair_id = get_ref(im, P_FAIR, "fairs", "fair");
    p.title = get_text(im, P_TITLE);
    p.occupation = get_text(im, P_OCC);
    if (p.occupation && !fm_ssyk_valid(p.occupation))
        problem(im, P_OCC, "\"%s\" is not an SSYK code (4 digits)", p.occupation);
    get_int_i(im, P_PLACES, 1, 10000, &p.places);
    get_yesno(im, P_LICENCE, &p.requires_driving_licence);
    get_int_i(im, P_SWEDISH, 0, 5, &p.min_swedish_level);
    get_extent(im, P_EXTENT, &p.extent);
    snprintf(shown, sizeof shown, "\"%s\"", p.id ? p.id : "");
    check_duplicate(im, P_ID, p.id, shown);
    if (im->row_bad || im->fatal)
        return;
    rc = fm_store_position_upsert(im->s, &p, mask_of(im, cols, bits, 8), &created, &changed, &e);
    wrote(im, rc, &e, created, changed, "position", p.id);
}

static void employment_key(imp *im, const fm_employment *x)
{
    fm_buf key = FM_BUF_INIT, shown = FM_BUF_INIT;
    if (!x->seeker_id || !x->department_id || !x->decision_date)
        return;
    /* \x1f cannot occur in a decoded CSV field's meaning, so the key is unambiguous. */
    if (fm_buf_addf(&key, "%s\x1f%s\x1f%s", x->seeker_id, x->department_id, x->decision_date) ||
        fm_buf_addf(&shown, "seeker \"%s\" with department \"%s\" on %s", x->seeker_id,
                    x->department_id, x->decision_date)) {
        im->fatal = fm_err_set(&im->fatal_err, FM_ENOMEM, "out of memory");
    } else {
        check_duplicate(im, E_SEEKER, key.data, shown.data);
    }
    fm_buf_release(&key);
    fm_buf_release(&shown);
}

/* The kind column: true for an extension; absent or empty means new. */
static bool get_kind(imp *im)
{
    char *v = val(im, E_KIND);
    bool ext = false;
    if (v && !fm_employment_kind_parse(v, &ext))
        problem(im, E_KIND, "\"%s\" is not one of %s", v, fm_employment_kind_codes());
    return ext;
}

/* Replace *dst with a copy of src. False when out of memory. */
static bool set_str(char **dst, const char *src)
{
    char *c = strdup(src);
    if (!c)
        return false;
    free(*dst);
    *dst = c;
    return true;
}

/* Copy the extension row's non-empty end fields onto the employment it continues. */
static fm_rc apply_end(imp *im, fm_employment *base, const fm_employment *x, unsigned *mask,
                       fm_err *e)
{
    bool ok = true;
    *mask = 0;
    if (x->end_date && has(im, E_END)) {
        ok = ok && set_str(&base->end_date, x->end_date);
        *mask |= FM_EMPLOYMENT_END_DATE;
    }
    if (x->end_reason && has(im, E_REASON)) {
        ok = ok && set_str(&base->end_reason, x->end_reason);
        *mask |= FM_EMPLOYMENT_END_REASON;
    }
    if (x->status_90 && has(im, E_STATUS)) {
        ok = ok && set_str(&base->status_90, x->status_90);
        *mask |= FM_EMPLOYMENT_STATUS_90;
    }
    return ok ? FM_OK : fm_err_set(e, FM_ENOMEM, "out of memory");
}

static void store_failed(imp *im, fm_rc rc, const fm_err *e)
{
    wrote(im, rc, e, false, false, "employment", NULL);
}

/*
 * An extension row: continue the seeker's latest employment in that
 * department decided before it (rows earlier in the file are in the
 * database already, inside the import's transaction). Its end_date,
 * end_reason and status_90 apply to the employment it continues.
 */
static void row_extension(imp *im, const fm_employment *x)
{
    fm_employment base = {0};
    fm_extension ext = {0};
    fm_err e = {0};
    bool created = false, changed = false, c2 = false;
    unsigned mask = 0;
    char id[32];
    fm_rc rc;

    rc = fm_store_employment_latest_before(im->s, x->seeker_id, x->department_id, x->decision_date,
                                           &ext.employment_id, &e);
    if (rc)
        goto failed;
    if (!ext.employment_id) {
        problem(im, E_KIND,
                "\"%s\" continues no employment: seeker \"%s\" has no employment of kind new in "
                "department \"%s\" decided before %s",
                val(im, E_KIND), x->seeker_id, x->department_id, x->decision_date);
        return;
    }
    ext.decision_date = x->decision_date;
    ext.planned_end = x->planned_end;
    rc = fm_store_extension_upsert(im->s, &ext, &created, &changed, NULL, &e);
    if (rc)
        goto failed;
    snprintf(id, sizeof id, "%lld", ext.employment_id);
    if (x->end_date || x->end_reason || x->status_90) {
        rc = fm_store_employment_get(im->s, ext.employment_id, &base, &e);
        if (!rc)
            rc = apply_end(im, &base, x, &mask, &e);
        if (!rc)
            rc = fm_store_employment_upsert(im->s, &base, mask, NULL, &c2, NULL, &e);
        fm_employment_release(&base);
        if (rc)
            goto failed;
    }
    wrote(im, FM_OK, &e, created, changed || c2, "employment", id);
    return;
failed:
    fm_employment_release(&base);
    store_failed(im, rc, &e);
}

static void row_employment(imp *im)
{
    static const int cols[] = {E_POSITION, E_START, E_END, E_REASON, E_STATUS, E_EXTENT, E_PLANNED};
    static const unsigned bits[] = {FM_EMPLOYMENT_POSITION,   FM_EMPLOYMENT_START_DATE,
                                    FM_EMPLOYMENT_END_DATE,   FM_EMPLOYMENT_END_REASON,
                                    FM_EMPLOYMENT_STATUS_90,  FM_EMPLOYMENT_EXTENT,
                                    FM_EMPLOYMENT_PLANNED_END};
    fm_employment x = {0};
    fm_err e = {0};
    bool created = false, changed = false, ext;
    long long rowid = 0;
    char id[32];
    fm_rc rc;

    x.seeker_id = get_ref(im, E_SEEKER, "seekers", "seeker");
    x.department_id = get_ref(im, E_DEPT, "departments", "department");
    x.decision_date = get_date(im, E_DECISION);
    x.start_date = get_date(im, E_START);
    x.end_date = get_date(im, E_END);
    if (x.start_date && x.end_date && strcmp(x.end_date, x.start_date) < 0)
        problem(im, E_END, "\"%s\" is before the start date %s", x.end_date, x.start_date);
    x.end_reason = get_code(im, E_REASON, fm_end_reason_valid, fm_end_reason_codes());
    x.status_90 = get_code(im, E_STATUS, fm_status_90_valid, fm_status_90_codes());
    x.position_id = get_ref(im, E_POSITION, "positions", "position");
    get_extent(im, E_EXTENT, &x.extent);
    ext = get_kind(im);
    x.planned_end = get_date(im, E_PLANNED);
    if (x.planned_end && x.decision_date && strcmp(x.planned_end, x.decision_date) < 0)
        problem(im, E_PLANNED, "\"%s\" is before the decision date %s", x.planned_end,
                x.decision_date);
    employment_key(im, &x);
    if (im->row_bad || im->fatal)
        return;
    if (ext) {
        row_extension(im, &x);
        return;
    }
    rc = fm_store_employment_upsert(im->s, &x, mask_of(im, cols, bits, 7), &created, &changed,
                                    &rowid, &e);
    snprintf(id, sizeof id, "%lld", rowid);
    wrote(im, rc, &e, created, changed, "employment", id);
}

typedef void (*row_fn)(imp *im);
static const row_fn row_fns[] = {row_department, row_seeker, row_fair, row_position,
                                 row_employment};

/* ---- rows -------------------------------------------------------------- */

static bool blank_row(const fm_csv_record *r)
{
    for (size_t i = 0; i < r->nfields; i++)
        if (r->fields[i].text[0] || r->fields[i].bad_byte >= 0 || r->fields[i].quoted)
            return false;
    return true;
}

/* Problems the CSV layer found in the row: quoting, encoding, values without a header. */
static void check_structure(imp *im, const fm_csv_record *r)
{
    const fm_csv_record *h = &im->t->records[0];
    char name[128];

    if (r->problem) {
        column_name(h, r->problem_field, name, sizeof name);
        problem_at(im, r->problem_field, r->line, name, "%s", r->problem);
    }
    for (size_t i = 0; i < r->nfields; i++) {
        column_name(h, i, name, sizeof name);
        if (r->fields[i].bad_byte >= 0)
            encoding_problem(im, i, r->line, name, &r->fields[i]);
        else if (i >= h->nfields && r->fields[i].text[0])
            problem_at(im, i, r->line, name,
                       "\"%s\" has no column header (the row has %zu fields, the header %zu; "
                       "is a value with a delimiter missing its quotes?)",
                       r->fields[i].text, r->nfields, h->nfields);
    }
}

static void import_rows(imp *im, fm_import_kind kind)
{
    for (size_t i = 1; i < im->t->nrecords && !im->fatal; i++) {
        fm_csv_record *r = &im->t->records[i];
        for (size_t j = 0; j < r->nfields; j++)
            trim_in_place(&r->fields[j]);
        if (blank_row(r))
            continue;
        im->rec = r;
        im->row_bad = false;
        im->st.rows++;
        check_structure(im, r);
        if (!im->row_bad)
            row_fns[kind](im);
        flush_problems(im);
    }
}

/* ---- transaction ------------------------------------------------------- */

static fm_rc exec_sql(fm_store *s, const char *sql, fm_err *err)
{
    if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return fm_store_dberr(s, err, sql);
    return FM_OK;
}

static fm_rc open_txn(fm_store *s, bool *own, fm_err *err)
{
    *own = sqlite3_get_autocommit(s->db) != 0;
    return *own ? fm_store_begin(s, err) : exec_sql(s, "SAVEPOINT fm_import", err);
}

static fm_rc close_txn(fm_store *s, bool own, bool ok, fm_err *err)
{
    if (ok)
        return own ? fm_store_commit(s, err) : exec_sql(s, "RELEASE fm_import", err);
    if (own) {
        fm_store_rollback(s);
    } else {
        sqlite3_exec(s->db, "ROLLBACK TO fm_import", NULL, NULL, NULL);
        sqlite3_exec(s->db, "RELEASE fm_import", NULL, NULL, NULL);
    }
    return FM_OK;
}

static fm_rc audit_summary(imp *im, fm_err *err)
{
    char detail[512];
    snprintf(detail, sizeof detail, "%s: %ld added, %ld updated, %ld unchanged", im->file,
             im->st.added, im->st.updated, im->st.unchanged);
    return fm_store_audit(im->s, im->actor, "import", im->spec->name, NULL, detail, err);
}

static fm_rc run(imp *im, fm_import_kind kind, const char *data, size_t len)
{
    fm_rc rc;
    bool own = false;

    rc = fm_csv_parse(data, len, &im->t, im->err);
    if (rc)
        return rc;
    if (im->t->nrecords == 0) {
        problem_at(im, 0, 1, "header", "the file is empty (no header line)");
        flush_problems(im);
        return FM_EINVAL;
    }
    for (size_t j = 0; j < im->t->records[0].nfields; j++)
        trim_in_place(&im->t->records[0].fields[j]);
    map_headers(im);
    flush_problems(im);
    if (im->st.problems)
        return FM_EINVAL;
    rc = open_txn(im->s, &own, im->err);
    if (rc)
        return rc;
    import_rows(im, kind);
    if (!im->fatal && !im->st.problems)
        im->fatal = audit_summary(im, &im->fatal_err);
    if (im->fatal) {
        *im->err = im->fatal_err;
        rc = im->fatal;
    } else if (im->st.problems) {
        rc = FM_EINVAL;
    }
    if (rc) {
        close_txn(im->s, own, false, NULL);
        return rc;
    }
    rc = close_txn(im->s, own, true, im->err);
    if (rc)
        close_txn(im->s, own, false, NULL);
    return rc;
}

fm_rc fm_import_buffer(fm_store *s, fm_import_kind kind, const char *display_name, const char *data,
                       size_t len, const char *actor, fm_import_stats *stats, fm_import_sink sink,
                       void *sink_ctx, fm_err *err)
{
    imp im;
    fm_err local = {0};
    fm_rc rc;

    if ((size_t)kind >= sizeof kinds / sizeof kinds[0])
        return fm_err_set(err, FM_EINVAL, "unknown import kind %d", (int)kind);
    memset(&im, 0, sizeof im);
    im.s = s;
    im.file = display_name;
    im.actor = actor ? actor : "cli";
    im.spec = &kinds[kind];
    im.sink = sink;
    im.sink_ctx = sink_ctx;
    im.err = err ? err : &local;
    im.ref_year = fm_date_today().year;
    /* A workbook instead of its CSV is the most likely wrong file; saying so
     * beats twenty messages about NUL bytes and missing columns. */
    if (len >= 4 && !memcmp(data, "PK\x03\x04", 4))
        rc = fm_err_set(im.err, FM_EINVAL,
                        "%s: this is a spreadsheet workbook (.xlsx or .ods), not CSV: save it "
                        "from Excel as \"CSV UTF-8\" or \"CSV (semikolonavgr\u00e4nsad)\" and "
                        "import that file",
                        display_name);
    else if (len >= 8 && !memcmp(data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))
        rc = fm_err_set(im.err, FM_EINVAL,
                        "%s: this is an old Excel workbook (.xls), not CSV: save it from Excel "
                        "as \"CSV UTF-8\" or \"CSV (semikolonavgr\u00e4nsad)\" and import "
                        "that file",
                        display_name);
    else
        rc = run(&im, kind, data, len);
    if (rc == FM_OK) {
        /* nothing */
    } else if (rc != FM_EINVAL && im.st.problems == 0 && !im.err->msg[0]) {
        fm_err_set(im.err, rc, "%s: import failed", display_name);
    }
    if (rc) {
        /* Nothing was written: the counts would only mislead. */
        im.st.added = im.st.updated = im.st.unchanged = 0;
    }
    if (stats)
        *stats = im.st;
    flush_problems(&im);
    fm_csv_table_free(im.t);
    keyset_free(&im.seen);
    return rc;
}

fm_rc fm_import_file(fm_store *s, fm_import_kind kind, const char *path, const char *actor,
                     fm_import_stats *stats, fm_import_sink sink, void *sink_ctx, fm_err *err)
{
    FILE *f = NULL;
    fm_buf b = FM_BUF_INIT;
    char chunk[65536];
    size_t n;
    fm_rc rc = FM_OK;

    if (stats)
        memset(stats, 0, sizeof *stats);
    f = fopen(path, "rb");
    if (!f) {
        /* A path that does not lead to a readable file is the user's input, not our failure. */
        rc = fm_err_set(err, FM_EINVAL, "%s: cannot open: %s", path, strerror(errno));
        goto done;
    }
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (b.len + n > (size_t)256 * 1024 * 1024) {
            rc = fm_err_set(err, FM_EINVAL, "%s: file is larger than 256 MiB", path);
            goto done;
        }
        if (fm_buf_add(&b, chunk, n)) {
            rc = fm_err_set(err, FM_ENOMEM, "%s: out of memory", path);
            goto done;
        }
    }
    if (ferror(f)) {
        /* EISDIR: the user named a directory, which is bad input (exit 2), not a failed disk. */
        rc = fm_err_set(err, errno == EISDIR ? FM_EINVAL : FM_EIO, "%s: cannot read: %s", path,
                        strerror(errno));
        goto done;
    }
    rc = fm_import_buffer(s, kind, path, b.data, b.len, actor, stats, sink, sink_ctx, err);
done:
    if (f)
        fclose(f);
    fm_buf_release(&b);
    return rc;
}
