/*
 * demo.c - load the embedded demo municipality (data/demo) into a database
 * in one transaction. The five import-format files go through the real CSV
 * importer; this file adds only what no import covers (programme, fair-day
 * records, profile columns, links from hires to positions). It does not
 * create users: that is the user module's, called by `fairmatch demo`.
 */
#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/demo.h"
#include "fairmatch/embed.h"
#include "fairmatch/import.h"
#include "query.h"

enum { MAX_COLS = 32 };

/* The files the importer reads, in dependency order. */
static const struct {
    const char *file;
    fm_import_kind kind;
} imports[] = {
    {"departments.csv", FM_IMPORT_DEPARTMENTS},
    {"seekers.csv", FM_IMPORT_SEEKERS},
    {"fairs.csv", FM_IMPORT_FAIRS},
    {"positions.csv", FM_IMPORT_POSITIONS},
    {"employments.csv", FM_IMPORT_EMPLOYMENTS},
};

/*
 * The extras: for each file, the columns bound as ?1...?n (an empty field
 * binds NULL) and the statement run once per data row.
 */
typedef struct extra {
    const char *file;
    const char *cols[10];
    const char *sql;
} extra;

static const extra extras[] = {
    {"programme.csv",
     {"goal", "start", "end"},
     "INSERT INTO programme(id, goal, start_date, end_date) VALUES (1, ?1, ?2, ?3)"
     " ON CONFLICT(id) DO UPDATE SET goal = ?1, start_date = ?2, end_date = ?3"},
    {"seekers.csv",
     {"id", "experience", "education_level", "extent_preference", "screening"},
     "UPDATE seekers SET experience = coalesce(?2, ''), education_level = ?3,"
     " extent_preference = ?4, screening = ?5 WHERE id = ?1"},
    {"invitations.csv",
     {"fair", "seeker", "attendance", "walk_in"},
     "INSERT INTO invitations(fair_id, seeker_id, attendance, walk_in) VALUES (?1, ?2, ?3, ?4)"},
    {"interviews.csv",
     {"fair", "seeker", "position", "period", "table", "score", "held", "outcome", "answer"},
     "INSERT INTO interviews(fair_id, seeker_id, position_id, period, table_no, score, held,"
     " outcome, answer) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"},
    {"employments.csv",
     {"seeker", "department", "decision_date", "position", "extent"},
     "UPDATE employments SET position_id = ?4, extent = ?5"
     " WHERE seeker_id = ?1 AND department_id = ?2 AND decision_date = ?3"},
};

/* Statements that finish the picture once every row is in. */
static const char *const finish_sql[] = {
    "UPDATE employments SET interview_id = (SELECT i.id FROM interviews i"
    " WHERE i.seeker_id = employments.seeker_id AND i.position_id = employments.position_id)"
    " WHERE position_id IS NOT NULL",
    "UPDATE fairs SET status = 'held' WHERE id IN (SELECT fair_id FROM interviews)",
    FM_SQL_FREEZE_FAIR_TABLES,
};

/* Emptied by --force, children before parents. The audit log stays. */
static const char *const wipe_sql[] = {
    "DELETE FROM sessions",         "DELETE FROM users",       "DELETE FROM fair_solutions",
    "DELETE FROM employments",      "DELETE FROM interviews",  "DELETE FROM invitations",
    "DELETE FROM fair_departments", "DELETE FROM positions",   "DELETE FROM fairs",
    "DELETE FROM seekers",          "DELETE FROM departments", "DELETE FROM programme",
};

static const fm_embed_file *demo_file(const char *name, fm_err *err)
{
    const fm_embed_file *f = fm_embed_find(&fm_embed_demo, name);
    if (!f)
        fm_err_set(err, FM_EINVAL, "demo/%s: not in this build (data/demo was empty?)", name);
    return f;
}

/*
 * Split the line [p, end) at commas into fields (NUL-terminated copies in
 * *buf). The demo's extra files are written by gen_demo.py without quoting;
 * a quote means the file was edited by hand into something this reader
 * does not handle, and that is said plainly.
 */
static fm_rc split(const char *p, const char *end, char **buf, const char **fields, int *n,
                   const char *name, int line, fm_err *err)
{
    size_t len = (size_t)(end - p);
    char *b;

    free(*buf);
    *buf = b = malloc(len + 1);
    if (!b)
        return fm_err_set(err, FM_ENOMEM, "out of memory");
    memcpy(b, p, len);
    b[len] = '\0';
    if (len && b[len - 1] == '\r')
        b[len - 1] = '\0';
    if (memchr(b, '"', len))
        return fm_err_set(err, FM_EINVAL, "demo/%s:%d: quoted fields are not supported here", name,
                          line);
    *n = 0;
    for (char *q = b;; q++) {
        char *comma = strchr(q, ',');
        if (*n == MAX_COLS)
            return fm_err_set(err, FM_EINVAL, "demo/%s:%d: more than %d columns", name, line,
                              MAX_COLS);
        fields[(*n)++] = q;
        if (!comma)
            break;
        *comma = '\0';
        q = comma;
    }
    return FM_OK;
}

/* Map each wanted column to its index in the header, or say which is missing. */
static fm_rc map_columns(const extra *x, const char **head, int nhead, int *idx, int *ncols,
                         fm_err *err)
{
    for (*ncols = 0; *ncols < 10 && x->cols[*ncols]; (*ncols)++) {
        int i = 0;
        while (i < nhead && strcmp(head[i], x->cols[*ncols]) != 0)
            i++;
        if (i == nhead)
            return fm_err_set(err, FM_EINVAL, "demo/%s:1: no column '%s'", x->file,
                              x->cols[*ncols]);
        idx[*ncols] = i;
    }
    return FM_OK;
}

static fm_rc run_row(fm_store *s, sqlite3_stmt *st, const extra *x, const char **fields, int n,
                     const int *idx, int ncols, int line, fm_err *err)
{
    if (n < ncols || n <= idx[ncols - 1])
        return fm_err_set(err, FM_EINVAL, "demo/%s:%d: %d fields, too few", x->file, line, n);
    sqlite3_reset(st);
    for (int c = 0; c < ncols; c++) {
        const char *v = idx[c] < n ? fields[idx[c]] : "";
        fm_store_bind_text(st, c + 1, *v ? v : NULL);
    }
    if (sqlite3_step(st) != SQLITE_DONE) {
        fm_err e = {0};
        fm_store_dberr(s, &e, "");
        return fm_err_set(err, e.rc, "demo/%s:%d:%s", x->file, line, e.msg);
    }
    return FM_OK;
}

static fm_rc load_extra(fm_store *s, const extra *x, fm_err *err)
{
    const fm_embed_file *f = demo_file(x->file, err);
    const char *p, *end, *fields[MAX_COLS], *head[MAX_COLS];
    char *hbuf = NULL, *buf = NULL;
    int nhead = 0, n = 0, line = 1, idx[10], ncols = 0;
    sqlite3_stmt *st = NULL;
    fm_rc rc = FM_OK;

    if (!f)
        return err ? err->rc : FM_EINVAL;
    p = (const char *)f->data;
    end = p + f->size;
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    rc = split(p, nl ? nl : end, &hbuf, head, &nhead, x->file, 1, err);
    if (!rc)
        rc = map_columns(x, head, nhead, idx, &ncols, err);
    if (rc)
        goto done;
    if (sqlite3_prepare_v2(s->db, x->sql, -1, &st, NULL) != SQLITE_OK) {
        rc = fm_store_dberr(s, err, x->file);
        goto done;
    }
    for (p = nl ? nl + 1 : end; p < end; p = nl ? nl + 1 : end) {
        line++;
        nl = memchr(p, '\n', (size_t)(end - p));
        if ((nl ? nl : end) == p)
            continue;
        rc = split(p, nl ? nl : end, &buf, fields, &n, x->file, line, err);
        if (!rc)
            rc = run_row(s, st, x, fields, n, idx, ncols, line, err);
        if (rc)
            goto done;
    }
done:
    sqlite3_finalize(st);
    free(buf);
    free(hbuf);
    return rc;
}

static fm_rc exec_all(fm_store *s, const char *const *sql, size_t n, fm_err *err)
{
    for (size_t i = 0; i < n; i++)
        if (sqlite3_exec(s->db, sql[i], NULL, NULL, NULL) != SQLITE_OK)
            return fm_store_dberr(s, err, sql[i]);
    return FM_OK;
}

fm_rc fm_demo_count(fm_store *s, fm_demo_counts *c, fm_err *err)
{
    const struct {
        const char *sql;
        long long *out;
    } q[] = {
        {"SELECT count(*) FROM departments", &c->departments},
        {"SELECT count(*) FROM seekers", &c->seekers},
        {"SELECT count(*) FROM fairs", &c->fairs},
        {"SELECT count(*) FROM positions", &c->positions},
        {"SELECT count(*) FROM invitations", &c->invitations},
        {"SELECT count(*) FROM interviews", &c->interviews},
        {"SELECT count(*) FROM employments", &c->employments},
        {"SELECT count(*) FROM employments WHERE decision_date BETWEEN '2017-01-01' AND "
         "'2017-12-31'",
         &c->hires_2017},
        {"SELECT count(*) FROM employments WHERE decision_date BETWEEN '2018-01-01' AND "
         "'2018-12-31'",
         &c->hires_2018},
    };
    for (size_t i = 0; i < sizeof q / sizeof q[0]; i++) {
        fm_rc rc = fm_store_query_int(s, q[i].sql, NULL, q[i].out, err);
        if (rc)
            return rc;
    }
    return FM_OK;
}

/* FM_ECONFLICT naming what is there when the database already holds data. */
static fm_rc check_empty(fm_store *s, fm_err *err)
{
    fm_demo_counts c;
    long long users = 0;
    fm_rc rc = fm_demo_count(s, &c, err);
    if (!rc)
        rc = fm_store_query_int(s, "SELECT count(*) FROM users", NULL, &users, err);
    if (rc)
        return rc;
    if (c.departments + c.seekers + c.fairs + c.positions + c.employments + users == 0)
        return FM_OK;
    return fm_err_set(err, FM_ECONFLICT,
                      "%s already holds data (%lld departments, %lld seekers, %lld fairs, %lld "
                      "employments, %lld users); use --force to replace it with the demo",
                      fm_store_path(s), c.departments, c.seekers, c.fairs, c.employments, users);
}

static fm_rc import_all(fm_store *s, fm_err *err)
{
    for (size_t i = 0; i < sizeof imports / sizeof imports[0]; i++) {
        const fm_embed_file *f = demo_file(imports[i].file, err);
        char name[64];
        fm_rc rc;
        if (!f)
            return err ? err->rc : FM_EINVAL;
        snprintf(name, sizeof name, "demo/%s", imports[i].file);
        /* inside our transaction the importer uses a savepoint */
        rc = fm_import_buffer(s, imports[i].kind, name, (const char *)f->data, f->size, "cli:demo",
                              NULL, NULL, NULL, err);
        if (rc)
            return rc;
    }
    return FM_OK;
}

fm_rc fm_demo_load(fm_store *s, bool force, fm_demo_counts *counts, fm_err *err)
{
    fm_rc rc;

    rc = fm_store_begin(s, err);
    if (rc)
        return rc;
    rc = force ? exec_all(s, wipe_sql, sizeof wipe_sql / sizeof wipe_sql[0], err)
               : check_empty(s, err);
    if (!rc)
        rc = import_all(s, err);
    for (size_t i = 0; !rc && i < sizeof extras / sizeof extras[0]; i++)
        rc = load_extra(s, &extras[i], err);
    if (!rc)
        rc = exec_all(s, finish_sql, sizeof finish_sql / sizeof finish_sql[0], err);
    if (!rc)
        rc = fm_store_audit(
            s, "cli:demo", "import", "demo", NULL,
            force ? "demo data set loaded (replacing the contents)" : "demo data set loaded", err);
    if (!rc)
        rc = fm_store_commit(s, err);
    if (rc) {
        fm_store_rollback(s);
        return rc;
    }
    return counts ? fm_demo_count(s, counts, err) : FM_OK;
}
