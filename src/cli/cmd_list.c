/*
 * cmd_list.c - `fairmatch list KIND`: what is stored, as an aligned table,
 * JSON or CSV, keyed like the import columns (so a CSV listing imports
 * back). Reads only through the entity store functions, which never return
 * a personal number.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fairmatch/text.h"
#include "fairmatch/buf.h"
#include "fairmatch/csv.h"
#include "fairmatch/department.h"
#include "fairmatch/employment.h"
#include "fairmatch/fair.h"
#include "fairmatch/position.h"
#include "fairmatch/seeker.h"
#include "fairmatch/store.h"

static const char usage[] = "usage: fairmatch list KIND [--format table|json|csv] [--db DB]\n";
static const char about[] =
    "Print what is stored. KIND is departments, seekers, fairs, positions or\n"
    "employments. Columns carry the import's English names; gender reads\n"
    "woman/man/other; yes/no fields are JSON booleans and yes/no in CSV.\n"
    "The CSV form imports back unchanged. Personal numbers are never shown.\n";

typedef enum { V_STR, V_NUM, V_BOOL } vtype;

/* A listing: ncols column names and types, rows of texts (NULL = no value). */
typedef struct listing {
    const char *const *cols;
    const vtype *types;
    size_t ncols, nrows, cap; /* cap counts cells, not rows */
    char **cells;             /* nrows * ncols */
} listing;

static int add_row(listing *l, char **vals)
{
    if (FM_GROW(l->cells, (l->nrows + 1) * l->ncols, l->cap))
        return -1;
    memcpy(l->cells + l->nrows * l->ncols, vals, l->ncols * sizeof *vals);
    l->nrows++;
    return 0;
}

static void listing_free(listing *l)
{
    for (size_t i = 0; i < l->nrows * l->ncols; i++)
        free(l->cells[i]);
    free(l->cells);
}

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

static char *num(long long v)
{
    char b[32];
    snprintf(b, sizeof b, "%lld", v);
    return strdup(b);
}

static char *opt_num(long long v, long long none)
{
    return v == none ? NULL : num(v);
}

static char *real(double v)
{
    char b[32];
    if (v == 0.0)
        return NULL;
    snprintf(b, sizeof b, "%g", v);
    return strdup(b);
}

static char *yesno(int v)
{
    return v < 0 ? NULL : strdup(v ? "yes" : "no");
}

/* ---- the kinds --------------------------------------------------------- */

static fm_rc list_departments(fm_store *s, listing *l, fm_err *err)
{
    static const char *const cols[] = {"id", "name", "employees", "tables"};
    static const vtype types[] = {V_STR, V_STR, V_NUM, V_NUM};
    fm_department *v = NULL;
    size_t n = 0;
    fm_rc rc = fm_store_department_list(s, &v, &n, err);
    l->cols = cols;
    l->types = types;
    l->ncols = 4;
    for (size_t i = 0; !rc && i < n; i++) {
        char *row[] = {dup_or_null(v[i].id), dup_or_null(v[i].name), num(v[i].employees),
                       num(v[i].tables)};
        if (add_row(l, row))
            rc = fm_err_set(err, FM_ENOMEM, "out of memory");
    }
    fm_department_list_free(v, n);
    return rc;
}

static fm_rc list_seekers(fm_store *s, listing *l, fm_err *err)
{
    static const char *const cols[] = {
        "id",          "first_name", "last_name",       "gender",          "birth_year",
        "eligibility", "interests",  "swedish_level",   "driving_licence", "phone",
        "email",       "registered", "education_level", "experience",      "extent_preference",
        "screening"};
    static const vtype types[] = {V_STR,  V_STR, V_STR, V_STR, V_NUM, V_STR, V_STR, V_NUM,
                                  V_BOOL, V_STR, V_STR, V_STR, V_NUM, V_STR, V_NUM, V_NUM};
    fm_seeker *v = NULL;
    size_t n = 0;
    fm_rc rc = fm_store_seeker_list(s, NULL, &v, &n, NULL, err);
    l->cols = cols;
    l->types = types;
    l->ncols = 16;
    for (size_t i = 0; !rc && i < n; i++) {
        const fm_seeker *p = &v[i];
        char *row[] = {dup_or_null(p->id),
                       dup_or_null(p->first_name),
                       dup_or_null(p->last_name),
                       strdup(fm_gender_name(p->gender)),
                       opt_num(p->birth_year, 0),
                       dup_or_null(p->eligibility),
                       dup_or_null(p->interests),
                       opt_num(p->swedish_level, -1),
                       yesno(p->driving_licence),
                       dup_or_null(p->phone),
                       dup_or_null(p->email),
                       dup_or_null(p->registered),
                       opt_num(p->education_level, 0),
                       dup_or_null(p->experience),
                       opt_num(p->extent_preference, 0),
                       opt_num(p->screening, -1)};
        if (add_row(l, row))
            rc = fm_err_set(err, FM_ENOMEM, "out of memory");
    }
    fm_seeker_list_free(v, n);
    return rc;
}

static fm_rc list_fairs(fm_store *s, listing *l, fm_err *err)
{
    static const char *const cols[] = {"id",      "date", "start", "period_minutes",
                                       "periods", "name", "place", "status"};
    static const vtype types[] = {V_STR, V_STR, V_STR, V_NUM, V_NUM, V_STR, V_STR, V_STR};
    fm_fair *v = NULL;
    size_t n = 0;
    fm_rc rc = fm_store_fair_list(s, &v, &n, err);
    l->cols = cols;
    l->types = types;
    l->ncols = 8;
    for (size_t i = 0; !rc && i < n; i++) {
        char *row[] = {dup_or_null(v[i].id),     dup_or_null(v[i].date),  dup_or_null(v[i].start),
                       num(v[i].period_minutes), num(v[i].periods),       dup_or_null(v[i].name),
                       dup_or_null(v[i].place),  dup_or_null(v[i].status)};
        if (add_row(l, row))
            rc = fm_err_set(err, FM_ENOMEM, "out of memory");
    }
    fm_fair_list_free(v, n);
    return rc;
}

static fm_rc list_positions(fm_store *s, listing *l, fm_err *err)
{
    static const char *const cols[] = {"id",
                                       "department",
                                       "fair",
                                       "title",
                                       "occupation",
                                       "places",
                                       "requires_driving_licence",
                                       "min_swedish_level",
                                       "extent"};
    static const vtype types[] = {V_STR, V_STR, V_STR, V_STR, V_STR, V_NUM, V_BOOL, V_NUM, V_NUM};
    fm_position *v = NULL;
    size_t n = 0;
    fm_rc rc = fm_store_position_list(s, NULL, &v, &n, err);
    l->cols = cols;
    l->types = types;
    l->ncols = 9;
    for (size_t i = 0; !rc && i < n; i++) {
        const fm_position *p = &v[i];
        char *row[] = {dup_or_null(p->id),
                       dup_or_null(p->department_id),
                       dup_or_null(p->fair_id),
                       dup_or_null(p->title),
                       dup_or_null(p->occupation),
                       num(p->places),
                       yesno(p->requires_driving_licence),
                       opt_num(p->min_swedish_level, -1),
                       real(p->extent)};
        if (add_row(l, row))
            rc = fm_err_set(err, FM_ENOMEM, "out of memory");
    }
    fm_position_list_free(v, n);
    return rc;
}

static fm_rc list_employments(fm_store *s, listing *l, fm_err *err)
{
    static const char *const cols[] = {"seeker",   "department", "decision_date", "start_date",
                                       "end_date", "end_reason", "status_90",     "position",
                                       "extent",   "planned_end"};
    static const vtype types[] = {V_STR, V_STR, V_STR, V_STR, V_STR,
                                  V_STR, V_STR, V_STR, V_NUM, V_STR};
    fm_employment *v = NULL;
    size_t n = 0;
    fm_rc rc = fm_store_employment_list(s, NULL, &v, &n, err);
    l->cols = cols;
    l->types = types;
    l->ncols = 10;
    for (size_t i = 0; !rc && i < n; i++) {
        const fm_employment *e = &v[i];
        char *row[] = {dup_or_null(e->seeker_id),
                       dup_or_null(e->department_id),
                       dup_or_null(e->decision_date),
                       dup_or_null(e->start_date),
                       dup_or_null(e->end_date),
                       dup_or_null(e->end_reason),
                       dup_or_null(e->status_90),
                       dup_or_null(e->position_id),
                       real(e->extent),
                       dup_or_null(e->planned_end)};
        if (add_row(l, row))
            rc = fm_err_set(err, FM_ENOMEM, "out of memory");
    }
    fm_employment_list_free(v, n);
    return rc;
}

/* ---- output ------------------------------------------------------------ */

static void json_string(const char *s)
{
    putchar('"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            printf("\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", stdout);
        else if (*p == '\r')
            fputs("\\r", stdout);
        else if (*p == '\t')
            fputs("\\t", stdout);
        else if (*p < 0x20)
            printf("\\u%04x", *p);
        else
            putchar(*p);
    }
    putchar('"');
}

static void print_json(const listing *l)
{
    printf("[");
    for (size_t r = 0; r < l->nrows; r++) {
        printf("%s\n  {", r ? "," : "");
        for (size_t c = 0; c < l->ncols; c++) {
            const char *v = l->cells[r * l->ncols + c];
            printf("%s\"%s\": ", c ? ", " : "", l->cols[c]);
            if (!v)
                fputs("null", stdout);
            else if (l->types[c] == V_NUM)
                fputs(v, stdout);
            else if (l->types[c] == V_BOOL)
                fputs(strcmp(v, "yes") ? "false" : "true", stdout);
            else
                json_string(v);
        }
        printf("}");
    }
    printf("%s]\n", l->nrows ? "\n" : "");
}

/* The listing as comma-separated CSV, with the same formula guard as the reports. */
static fm_rc print_csv(const listing *l, fm_err *err)
{
    fm_buf b = FM_BUF_INIT;
    fm_rc rc = FM_OK;

    for (size_t c = 0; c < l->ncols && !rc; c++)
        rc = fm_buf_addf(&b, "%s%s", c ? "," : "", l->cols[c]);
    if (!rc)
        rc = fm_buf_adds(&b, "\r\n");
    for (size_t r = 0; r < l->nrows && !rc; r++) {
        for (size_t c = 0; c < l->ncols && !rc; c++) {
            const char *v = l->cells[r * l->ncols + c];
            if (c)
                rc = fm_buf_addch(&b, ',');
            if (!rc && v)
                rc = fm_csv_put_cell(&b, v, ',');
        }
        if (!rc)
            rc = fm_buf_adds(&b, "\r\n");
    }
    if (rc)
        rc = fm_err_set(err, FM_ENOMEM, "out of memory");
    else if (b.len && fwrite(b.data, 1, b.len, stdout) != b.len)
        rc = fm_err_set(err, FM_EIO, "standard output: write failed");
    fm_buf_release(&b);
    return rc;
}

static void print_cell(const char *v, size_t w, bool last)
{
    const char *t = v ? v : "";
    for (const char *p = t; *p; p++)
        putchar(*p == '\n' || *p == '\r' || *p == '\t' ? ' ' : *p);
    if (!last)
        for (size_t k = fm_utf8_width(t); k < w + 2; k++)
            putchar(' ');
}

static void print_table(const listing *l)
{
    size_t *w = calloc(l->ncols, sizeof *w);
    if (!w)
        return;
    for (size_t c = 0; c < l->ncols; c++) {
        w[c] = fm_utf8_width(l->cols[c]);
        for (size_t r = 0; r < l->nrows; r++) {
            const char *v = l->cells[r * l->ncols + c];
            if (v && fm_utf8_width(v) > w[c])
                w[c] = fm_utf8_width(v);
        }
    }
    for (size_t c = 0; c < l->ncols; c++)
        print_cell(l->cols[c], w[c], c + 1 == l->ncols);
    putchar('\n');
    for (size_t r = 0; r < l->nrows; r++) {
        for (size_t c = 0; c < l->ncols; c++)
            print_cell(l->cells[r * l->ncols + c], w[c], c + 1 == l->ncols);
        putchar('\n');
    }
    free(w);
}

typedef fm_rc (*list_fn)(fm_store *s, listing *l, fm_err *err);

static const struct {
    const char *name;
    list_fn fn;
} list_kinds[] = {{"departments", list_departments},
                  {"seekers", list_seekers},
                  {"fairs", list_fairs},
                  {"positions", list_positions},
                  {"employments", list_employments}};

int fm_cli_list(int argc, char **argv)
{
    const char *db = NULL, *format = "table", *kind = NULL;
    const fm_cli_opt opts[] = {
        FM_OPT_ENUM("format", &format, "F", "table|json|csv", "table (default), json or csv"),
        FM_OPT_DB(&db), FM_OPT_END};
    const fm_cli_spec spec = {.cmd = "list",
                              .usage = usage,
                              .about = about,
                              .opts = opts,
                              .nargs = 1,
                              .args_name = "KIND",
                              .args = &kind};
    list_fn fn = NULL;
    listing l;
    fm_store *s = NULL;
    fm_err err = {0};
    int status;

    memset(&l, 0, sizeof l);
    if (fm_cli_parse(&spec, argc, argv, &status))
        return status;
    for (size_t i = 0; i < sizeof list_kinds / sizeof list_kinds[0]; i++)
        if (!strcmp(kind, list_kinds[i].name))
            fn = list_kinds[i].fn;
    if (!fn)
        return fm_cli_usage_error("list",
                                  "unknown kind '%s' (departments, seekers, fairs, positions, "
                                  "employments)",
                                  kind);
    if (fm_store_open(fm_cli_db_path(db), &s, &err))
        return fm_cli_fail(&err);
    if (fn(s, &l, &err)) {
        status = fm_cli_fail(&err);
    } else if (!strcmp(format, "json")) {
        print_json(&l);
    } else if (!strcmp(format, "csv")) {
        if (print_csv(&l, &err))
            status = fm_cli_fail(&err);
    } else {
        print_table(&l);
    }
    listing_free(&l);
    fm_store_close(s);
    return status;
}
