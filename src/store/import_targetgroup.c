/*
 * import_targetgroup.c - `fairmatch import targetgroup FILE`: the agency's
 * monthly target-group figures (fairmatch/steering.h) by the rules every
 * import follows (shared/spec/import-format.md): the CSV reader of csv.c,
 * English or Swedish headers, all or nothing, problems as FILE:LINE:
 * COLUMN: problem in file order (held and sent by import_problems.c). It
 * keeps apart from import.c's kinds on purpose: one small table, its own
 * few checks.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/buf.h"
#include "fairmatch/csv.h"
#include "fairmatch/date.h"
#include "fairmatch/steering.h"
#include "import_internal.h"

enum { C_MONTH = 0, C_WOMEN, C_MEN, C_TOTAL, NCOLS };

static const char *const col_en[NCOLS] = {"month", "women", "men", "total"};
static const char *const col_sv[NCOLS] = {"månad", "kvinnor", "män", "totalt"};

typedef struct tg {
    const char *file;
    fm_csv_table *t;
    int col[NCOLS];
    bool swedish;
    fm_import_stats st;
    fm_import_sink sink;
    void *sink_ctx;
    fm_err *err;
    size_t emitted;
    pending pending[NCOLS + 8];
    size_t npending;
} tg;

static void flush(tg *g)
{
    fm_import_send(g->pending, g->npending, &g->emitted, g->err, g->sink, g->sink_ctx);
    g->npending = 0;
}

static void problem(tg *g, size_t order, long line, const char *column, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void problem(tg *g, size_t order, long line, const char *column, const char *fmt, ...)
{
    va_list ap;

    g->st.problems++;
    if (g->emitted + g->npending >= FM_IMPORT_MAX_PROBLEMS ||
        g->npending == sizeof g->pending / sizeof g->pending[0])
        return;
    va_start(ap, fmt);
    if (fm_import_hold(&g->pending[g->npending], order, g->file, line, column, fmt, ap))
        g->npending++;
    va_end(ap);
}

static void trim(fm_csv_field *f)
{
    size_t a = 0, b = f->len;
    while (a < b && (f->text[a] == ' ' || f->text[a] == '\t'))
        a++;
    while (b > a && (f->text[b - 1] == ' ' || f->text[b - 1] == '\t'))
        b--;
    memmove(f->text, f->text + a, b - a);
    f->text[b - a] = '\0';
    f->len = b - a;
}

static const char *header_name(const fm_csv_record *h, size_t i, char *buf, size_t n)
{
    if (i < h->nfields && h->fields[i].text[0] && h->fields[i].bad_byte < 0)
        return h->fields[i].text;
    snprintf(buf, n, "column %zu", i + 1);
    return buf;
}

static void map_headers(tg *g)
{
    const fm_csv_record *h = &g->t->records[0];
    char name[32];
    for (int c = 0; c < NCOLS; c++)
        g->col[c] = -1;
    for (size_t i = 0; i < h->nfields; i++) {
        trim(&h->fields[i]);
        if (h->fields[i].bad_byte >= 0) {
            problem(g, i, h->line, header_name(h, i, name, sizeof name),
                    "byte 0x%02X is not a character in the file's encoding",
                    (unsigned)h->fields[i].bad_byte);
            continue;
        }
        for (int c = 0; c < NCOLS; c++) {
            bool en = fm_csv_header_eq(h->fields[i].text, col_en[c]);
            if (!en && !fm_csv_header_eq(h->fields[i].text, col_sv[c]))
                continue;
            if (g->col[c] >= 0)
                problem(g, i, h->line, h->fields[i].text,
                        "column appears twice in the header (also column %d)", g->col[c] + 1);
            else
                g->col[c] = (int)i;
            g->swedish |= !en;
        }
    }
    for (int c = 0; c < NCOLS; c++)
        if (g->col[c] < 0)
            problem(g, h->nfields + (size_t)c, h->line, g->swedish ? col_sv[c] : col_en[c],
                    "required column is missing");
}

/* The value of column c in record r; a problem and NULL when it is empty. */
static const char *value(tg *g, const fm_csv_record *r, int c)
{
    size_t i = (size_t)g->col[c];
    const char *v = i < r->nfields ? r->fields[i].text : "";
    if (!v[0]) {
        problem(g, i, r->line, g->t->records[0].fields[i].text, "missing value");
        return NULL;
    }
    return v;
}

static bool whole(const char *v, long long *out)
{
    long long x = 0;
    if (!*v)
        return false;
    for (const char *p = v; *p; p++) {
        if (*p < '0' || *p > '9' || x > 100000000000LL)
            return false;
        x = x * 10 + (*p - '0');
    }
    *out = x;
    return true;
}

static void get_count(tg *g, const fm_csv_record *r, int c, long long *out, bool *ok)
{
    const char *v = value(g, r, c);
    const char *h = g->t->records[0].fields[g->col[c]].text;
    if (!v) {
        *ok = false;
    } else if (!whole(v, out)) {
        *ok = false;
        problem(g, (size_t)g->col[c], r->line, h,
                v[0] == '-' ? "\"%s\" is not a whole number ≥ 0" : "\"%s\" is not a whole number",
                v);
    }
}

/* Check one row into *m; false when it has a problem. seen: months so far and their lines. */
static bool check_row(tg *g, const fm_csv_record *r, fm_targetgroup_month *m,
                      const fm_targetgroup_month *seen, const long *seen_line, size_t nseen)
{
    const fm_csv_record *h = &g->t->records[0];
    char name[32];
    const char *v;
    bool ok = true;
    fm_date d;

    if (r->problem) {
        problem(g, r->problem_field, r->line, header_name(h, r->problem_field, name, sizeof name),
                "%s", r->problem);
        ok = false;
    }
    for (size_t i = 0; i < r->nfields; i++)
        if (r->fields[i].bad_byte >= 0) {
            problem(g, i, r->line, header_name(h, i, name, sizeof name),
                    "byte 0x%02X is not a character in the file's encoding",
                    (unsigned)r->fields[i].bad_byte);
            ok = false;
        }
    if (!ok)
        return false;
    memset(m, 0, sizeof *m);
    v = value(g, r, C_MONTH);
    if (!v) {
        ok = false;
    } else if (strlen(v) != 7 || !fm_month_parse(v, &d)) {
        problem(g, (size_t)g->col[C_MONTH], r->line, h->fields[g->col[C_MONTH]].text,
                "\"%s\" is not a month (YYYY-MM)", v);
        ok = false;
    } else {
        fm_month_format(d, m->month);
        for (size_t i = 0; i < nseen; i++)
            if (!strcmp(seen[i].month, m->month)) {
                problem(g, (size_t)g->col[C_MONTH], r->line, h->fields[g->col[C_MONTH]].text,
                        "%s appears twice in the file (first on line %ld)", m->month, seen_line[i]);
                ok = false;
                break;
            }
    }
    get_count(g, r, C_WOMEN, &m->women, &ok);
    get_count(g, r, C_MEN, &m->men, &ok);
    get_count(g, r, C_TOTAL, &m->total, &ok);
    if (ok && m->total < m->women + m->men) {
        problem(g, (size_t)g->col[C_TOTAL], r->line, h->fields[g->col[C_TOTAL]].text,
                "%lld is less than women + men (%lld + %lld)", m->total, m->women, m->men);
        ok = false;
    }
    return ok;
}

static bool blank(const fm_csv_record *r)
{
    for (size_t i = 0; i < r->nfields; i++)
        if (r->fields[i].text[0] || r->fields[i].bad_byte >= 0 || r->fields[i].quoted)
            return false;
    return true;
}

/* Check every row into rows[]; problems are flushed line by line. */
static size_t check_rows(tg *g, fm_targetgroup_month *rows, long *lines)
{
    size_t n = 0;
    for (size_t i = 1; i < g->t->nrecords; i++) {
        fm_csv_record *r = &g->t->records[i];
        for (size_t j = 0; j < r->nfields; j++)
            trim(&r->fields[j]);
        if (blank(r))
            continue;
        g->st.rows++;
        if (check_row(g, r, &rows[n], rows, lines, n)) {
            lines[n] = r->line;
            n++;
        }
        flush(g);
    }
    return n;
}

static fm_rc write_rows(tg *g, fm_store *s, const fm_targetgroup_month *rows, size_t n,
                        const char *actor)
{
    bool own = sqlite3_get_autocommit(s->db) != 0;
    char detail[512];
    fm_rc rc;

    rc = own ? fm_store_begin(s, g->err)
             : (sqlite3_exec(s->db, "SAVEPOINT fm_import_tg", NULL, NULL, NULL) == SQLITE_OK
                    ? FM_OK
                    : fm_store_dberr(s, g->err, "savepoint"));
    if (rc)
        return rc;
    for (size_t i = 0; i < n && !rc; i++) {
        bool created = false, changed = false;
        rc = fm_store_targetgroup_put(s, &rows[i], &created, &changed, g->err);
        g->st.added += created;
        g->st.updated += changed;
        g->st.unchanged += !created && !changed;
    }
    snprintf(detail, sizeof detail, "%s: %ld added, %ld updated, %ld unchanged", g->file,
             g->st.added, g->st.updated, g->st.unchanged);
    if (!rc)
        rc = fm_store_audit(s, actor, "import", "targetgroup", NULL, detail, g->err);
    if (!rc)
        rc = own ? fm_store_commit(s, g->err)
                 : (sqlite3_exec(s->db, "RELEASE fm_import_tg", NULL, NULL, NULL) == SQLITE_OK
                        ? FM_OK
                        : fm_store_dberr(s, g->err, "release"));
    if (rc && own) {
        fm_store_rollback(s);
    } else if (rc) {
        sqlite3_exec(s->db, "ROLLBACK TO fm_import_tg", NULL, NULL, NULL);
        sqlite3_exec(s->db, "RELEASE fm_import_tg", NULL, NULL, NULL);
    }
    return rc;
}

fm_rc fm_import_targetgroup_buffer(fm_store *s, const char *display_name, const char *data,
                                   size_t len, const char *actor, fm_import_stats *stats,
                                   fm_import_sink sink, void *sink_ctx, fm_err *err)
{
    tg g;
    fm_err local = {0};
    fm_targetgroup_month *rows = NULL;
    long *lines = NULL;
    size_t n;
    fm_rc rc;

    memset(&g, 0, sizeof g);
    g.file = display_name;
    g.sink = sink;
    g.sink_ctx = sink_ctx;
    g.err = err ? err : &local;
    if (len >= 4 && (!memcmp(data, "PK\x03\x04", 4) || !memcmp(data, "\xD0\xCF\x11\xE0", 4))) {
        rc = fm_err_set(g.err, FM_EINVAL,
                        "%s: this is a spreadsheet workbook, not CSV: save it from Excel as "
                        "\"CSV UTF-8\" or \"CSV (semikolonavgr\u00e4nsad)\" and import that file",
                        display_name);
        goto done;
    }
    rc = fm_csv_parse(data, len, &g.t, g.err);
    if (rc)
        goto done;
    if (g.t->nrecords == 0) {
        problem(&g, 0, 1, "header", "the file is empty (no header line)");
        rc = FM_EINVAL;
        goto done;
    }
    map_headers(&g);
    flush(&g);
    rc = FM_EINVAL;
    if (g.st.problems)
        goto done;
    rows = calloc(g.t->nrecords + 1, sizeof *rows);
    lines = calloc(g.t->nrecords + 1, sizeof *lines);
    if (!rows || !lines) {
        rc = fm_err_set(g.err, FM_ENOMEM, "%s: out of memory", display_name);
        goto done;
    }
    n = check_rows(&g, rows, lines);
    if (g.st.problems)
        goto done;
    rc = write_rows(&g, s, rows, n, actor ? actor : "cli");
done:
    flush(&g);
    if (rc)
        g.st.added = g.st.updated = g.st.unchanged = 0;
    if (stats)
        *stats = g.st;
    free(lines);
    free(rows);
    fm_csv_table_free(g.t);
    return rc;
}

fm_rc fm_import_targetgroup_file(fm_store *s, const char *path, const char *actor,
                                 fm_import_stats *stats, fm_import_sink sink, void *sink_ctx,
                                 fm_err *err)
{
    fm_buf b = FM_BUF_INIT;
    fm_rc rc;

    if (stats)
        memset(stats, 0, sizeof *stats);
    rc = fm_buf_read_file(&b, path, (size_t)16 * 1024 * 1024, err);
    if (!rc)
        rc =
            fm_import_targetgroup_buffer(s, path, b.data, b.len, actor, stats, sink, sink_ctx, err);
    fm_buf_release(&b);
    return rc;
}
