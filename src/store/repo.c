/*
 * repo.c - the keyed upsert and row helpers the *_repo.c files share. SQL
 * text here is assembled only from the callers' constant column names;
 * every value is bound. Entity rules stay in the entity files.
 */
#include "repo.h"

#include "query.h"

#include <stdlib.h>
#include <string.h>

#include "fairmatch/buf.h"

static int bind_val(sqlite3_stmt *st, int idx, const fm_repo_val *v)
{
    switch (v->type) {
    case FM_REPO_TEXT:
        return fm_store_bind_text(st, idx, v->text);
    case FM_REPO_INT:
        return sqlite3_bind_int64(st, idx, v->i);
    case FM_REPO_REAL:
        return sqlite3_bind_double(st, idx, v->d);
    case FM_REPO_NULL:
        break;
    }
    return sqlite3_bind_null(st, idx);
}

/* " WHERE k1 = ?N AND k2 = ?N+1" with parameters numbered from first. */
static fm_rc add_where(fm_buf *sql, const fm_repo_val *keys, size_t nkeys, int first)
{
    fm_rc rc = fm_buf_adds(sql, " WHERE ");
    for (size_t i = 0; !rc && i < nkeys; i++)
        rc = fm_buf_addf(sql, "%s%s = ?%d", i ? " AND " : "", keys[i].col, first + (int)i);
    return rc;
}

/* Binds a[0..na) then b[0..nb) as ?1, ?2, ... */
static void bind_vals(sqlite3_stmt *st, const fm_repo_val *a, size_t na, const fm_repo_val *b,
                      size_t nb)
{
    for (size_t i = 0; i < na + nb; i++)
        bind_val(st, (int)i + 1, i < na ? &a[i] : &b[i - na]);
}

/* Prepares the SQL assembled in sql; built is the rc of assembling it (fails only on memory). */
static fm_rc prepare_built(fm_store *s, const fm_buf *sql, fm_rc built, sqlite3_stmt **st,
                           fm_err *err)
{
    *st = NULL;
    if (built)
        return fm_err_set(err, FM_ENOMEM, "out of memory");
    return fm_repo_prepare(s, sql->data, st, err);
}

/*
 * Runs the INSERT or UPDATE assembled in sql (built as for prepare_built)
 * with a then b bound, to its end; releases sql. The caller reads the
 * connection's last rowid or change count after.
 */
static fm_rc write_built(fm_store *s, const char *table, fm_buf *sql, fm_rc built,
                         const fm_repo_val *a, size_t na, const fm_repo_val *b, size_t nb,
                         fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc = prepare_built(s, sql, built, &st, err);

    if (rc)
        goto done;
    bind_vals(st, a, na, b, nb);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = fm_store_dberr(s, err, table);
done:
    sqlite3_finalize(st);
    fm_buf_release(sql);
    return rc;
}

static fm_rc find_row(fm_store *s, const char *table, const fm_repo_val *keys, size_t nkeys,
                      long long *rowid, fm_err *err)
{
    fm_buf sql = FM_BUF_INIT;
    sqlite3_stmt *st = NULL;
    fm_rc rc;
    int step;

    *rowid = 0;
    rc = fm_buf_addf(&sql, "SELECT rowid FROM %s", table);
    if (!rc)
        rc = add_where(&sql, keys, nkeys, 1);
    rc = prepare_built(s, &sql, rc, &st, err);
    if (rc)
        goto done;
    bind_vals(st, keys, nkeys, NULL, 0);
    step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        *rowid = sqlite3_column_int64(st, 0);
    else if (step != SQLITE_DONE)
        rc = fm_store_dberr(s, err, table);
done:
    sqlite3_finalize(st);
    fm_buf_release(&sql);
    return rc;
}

static fm_rc insert_row(fm_store *s, const char *table, const fm_repo_val *keys, size_t nkeys,
                        const fm_repo_val *vals, size_t nvals, long long *rowid, fm_err *err)
{
    fm_buf sql = FM_BUF_INIT;
    size_t n = nkeys + nvals;
    fm_rc rc;

    rc = fm_buf_addf(&sql, "INSERT INTO %s(", table);
    for (size_t i = 0; !rc && i < n; i++)
        rc =
            fm_buf_addf(&sql, "%s%s", i ? ", " : "", i < nkeys ? keys[i].col : vals[i - nkeys].col);
    if (!rc)
        rc = fm_buf_adds(&sql, ") VALUES (");
    for (size_t i = 0; !rc && i < n; i++)
        rc = fm_buf_adds(&sql, i ? ", ?" : "?");
    if (!rc)
        rc = fm_buf_adds(&sql, ")");
    rc = write_built(s, table, &sql, rc, keys, nkeys, vals, nvals, err);
    if (!rc)
        *rowid = sqlite3_last_insert_rowid(s->db);
    return rc;
}

/*
 * UPDATE t SET c1 = ?1, ... WHERE rowid = ?N AND (c1 IS NOT ?1 OR ...):
 * a row whose values are already these stays unchanged.
 */
static fm_rc update_row(fm_store *s, const char *table, long long rowid, const fm_repo_val *vals,
                        size_t nvals, bool *changed, fm_err *err)
{
    fm_repo_val id = FM_REPO_I(NULL, rowid, false);
    fm_buf sql = FM_BUF_INIT;
    int nset = 0;
    fm_rc rc;

    *changed = false;
    rc = fm_buf_addf(&sql, "UPDATE %s SET ", table);
    for (size_t i = 0; !rc && i < nvals; i++)
        if (vals[i].update)
            rc = fm_buf_addf(&sql, "%s%s = ?%d", nset++ ? ", " : "", vals[i].col, (int)i + 1);
    if (!rc)
        rc = fm_buf_addf(&sql, " WHERE rowid = ?%d AND (", (int)nvals + 1);
    nset = 0;
    for (size_t i = 0; !rc && i < nvals; i++)
        if (vals[i].update)
            rc =
                fm_buf_addf(&sql, "%s%s IS NOT ?%d", nset++ ? " OR " : "", vals[i].col, (int)i + 1);
    if (!rc)
        rc = fm_buf_adds(&sql, ")");
    if (rc || nset) {
        rc = write_built(s, table, &sql, rc, vals, nvals, &id, 1, err);
        if (!rc)
            *changed = sqlite3_changes(s->db) > 0;
    } else {
        fm_buf_release(&sql); /* no column to write: the row stays as it is */
    }
    return rc;
}

fm_rc fm_repo_upsert(fm_store *s, const char *table, const fm_repo_val *keys, size_t nkeys,
                     const fm_repo_val *vals, size_t nvals, bool *created, bool *changed,
                     long long *rowid, fm_err *err)
{
    long long id = 0;
    bool made = false, diff = false;
    fm_rc rc;

    rc = find_row(s, table, keys, nkeys, &id, err);
    if (rc)
        goto done;
    if (id == 0) {
        rc = insert_row(s, table, keys, nkeys, vals, nvals, &id, err);
        made = diff = rc == FM_OK;
    } else {
        rc = update_row(s, table, id, vals, nvals, &diff, err);
    }
done:
    if (created)
        *created = made;
    if (changed)
        *changed = diff;
    if (rowid)
        *rowid = id;
    return rc;
}

fm_rc fm_repo_exists(fm_store *s, const char *table, const char *col, const char *value,
                     bool *found, fm_err *err)
{
    fm_repo_val key = FM_REPO_T(col, value, false);
    long long id = 0;
    fm_rc rc = find_row(s, table, &key, 1, &id, err);
    *found = rc == FM_OK && id != 0;
    return rc;
}

fm_rc fm_repo_delete(fm_store *s, const char *table, const char *col, const char *value,
                     const char *what, fm_err *err)
{
    fm_buf sql = FM_BUF_INIT;
    sqlite3_stmt *st = NULL;
    fm_rc rc;

    rc = fm_buf_addf(&sql, "DELETE FROM %s WHERE %s = ?1", table, col);
    rc = prepare_built(s, &sql, rc, &st, err);
    if (rc)
        goto done;
    fm_store_bind_text(st, 1, value);
    if (sqlite3_step(st) != SQLITE_DONE) {
        rc = fm_store_dberr(s, err, what);
        if (rc == FM_ECONFLICT)
            rc = fm_err_set(err, FM_ECONFLICT, "%s \"%s\" is still referred to", what, value);
        goto done;
    }
    if (sqlite3_changes(s->db) == 0)
        rc = fm_err_set(err, FM_ENOTFOUND, "no %s \"%s\"", what, value);
done:
    sqlite3_finalize(st);
    fm_buf_release(&sql);
    return rc;
}

const char *fm_repo_text(sqlite3_stmt *st, int col, bool *oom)
{
    const char *t;

    if (sqlite3_column_type(st, col) == SQLITE_NULL)
        return NULL;
    /* A value that is not SQL NULL yet has no text failed to convert: out of memory. */
    t = (const char *)sqlite3_column_text(st, col);
    if (!t)
        *oom = true;
    return t;
}

char *fm_repo_dup(sqlite3_stmt *st, int col, bool *oom)
{
    const char *t = fm_repo_text(st, col, oom);
    size_t n;
    char *p;

    if (!t)
        return NULL;
    n = (size_t)sqlite3_column_bytes(st, col);
    p = malloc(n + 1);
    if (!p) {
        *oom = true;
        return NULL;
    }
    memcpy(p, t, n);
    p[n] = '\0';
    return p;
}

int fm_repo_int(sqlite3_stmt *st, int col, int dflt)
{
    if (sqlite3_column_type(st, col) == SQLITE_NULL)
        return dflt;
    return sqlite3_column_int(st, col);
}

fm_rc fm_repo_list(fm_store *s, sqlite3_stmt *st, size_t elem, fm_repo_reader read,
                   fm_repo_freer release, void **out, size_t *n, fm_err *err)
{
    char *v = NULL;
    size_t len = 0, cap = 0;
    fm_rc rc = FM_OK;
    int step;

    *out = NULL;
    *n = 0;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        /* elem is known at run time only: FM_GROW's worker, its verdict read off cap. */
        v = fm_grow_array(v, len + 1, &cap, elem);
        if (cap < len + 1) {
            rc = fm_err_set(err, FM_ENOMEM, "out of memory");
            goto done;
        }
        rc = read(st, v + len * elem, err);
        if (rc)
            goto done;
        len++;
    }
    if (step != SQLITE_DONE)
        rc = fm_store_dberr(s, err, "reading rows");
done:
    if (rc) {
        release(v, len);
        return rc;
    }
    *out = v;
    *n = len;
    return FM_OK;
}

fm_rc fm_repo_list_sql(fm_store *s, const char *sql, const char *t1, const char *t2, size_t elem,
                       fm_repo_reader read, fm_repo_freer release, void **out, size_t *n,
                       fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc;

    *out = NULL;
    *n = 0;
    rc = fm_repo_prepare(s, sql, &st, err);
    if (rc)
        goto done;
    fm_store_bind_args(st, t1, t2, 0, 0);
    rc = fm_repo_list(s, st, elem, read, release, out, n, err);
done:
    sqlite3_finalize(st);
    return rc;
}

fm_rc fm_repo_get(fm_store *s, sqlite3_stmt *st, void *out, fm_repo_reader read, const char *what,
                  const char *id, fm_err *err)
{
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        return read(st, out, err);
    if (step == SQLITE_DONE)
        return fm_err_set(err, FM_ENOTFOUND, "no %s \"%s\"", what, id);
    return fm_store_dberr(s, err, what);
}

fm_rc fm_repo_prepare(fm_store *s, const char *sql, sqlite3_stmt **st, fm_err *err)
{
    *st = NULL;
    if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK)
        return fm_store_dberr(s, err, "preparing a statement");
    return FM_OK;
}
