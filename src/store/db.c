/*
 * db.c - the connection: open with the pragmas every write relies on, run
 * the embedded migrations, transactions and the audit log. Entity queries
 * live in the *_repo.c files beside it.
 */
#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fairmatch/embed.h"

fm_rc fm_store_dberr(fm_store *s, fm_err *err, const char *what)
{
    int code = s && s->db ? sqlite3_extended_errcode(s->db) : SQLITE_ERROR;
    const char *msg = s && s->db ? sqlite3_errmsg(s->db) : "no connection";
    fm_rc rc = (code & 0xff) == SQLITE_CONSTRAINT ? FM_ECONFLICT : FM_EDB;
    return fm_err_set(err, rc, "%s: %s", what, msg);
}

int fm_store_bind_text(sqlite3_stmt *st, int idx, const char *s)
{
    if (!s)
        return sqlite3_bind_null(st, idx);
    return sqlite3_bind_text(st, idx, s, -1, SQLITE_TRANSIENT);
}

char *fm_store_column_dup(sqlite3_stmt *st, int col)
{
    const unsigned char *t;
    int n;
    char *p;

    if (sqlite3_column_type(st, col) == SQLITE_NULL)
        return NULL;
    t = sqlite3_column_text(st, col);
    n = sqlite3_column_bytes(st, col);
    p = malloc((size_t)n + 1);
    if (!p)
        return NULL;
    memcpy(p, t, (size_t)n);
    p[n] = '\0';
    return p;
}

static int migration_number(const char *path)
{
    int v = 0;
    for (int i = 0; i < 4; i++) {
        if (path[i] < '0' || path[i] > '9')
            return -1;
        v = v * 10 + (path[i] - '0');
    }
    return path[4] == '_' ? v : -1;
}

int fm_store_latest_version(void)
{
    int latest = 0;
    for (size_t i = 0; i < fm_embed_migrations.count; i++) {
        int n = migration_number(fm_embed_migrations.files[i].path);
        if (n > latest)
            latest = n;
    }
    return latest;
}

int fm_store_schema_version(fm_store *s)
{
    sqlite3_stmt *st = NULL;
    int v = -1;
    if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

static fm_rc exec(fm_store *s, const char *sql, fm_err *err)
{
    if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return fm_store_dberr(s, err, sql);
    return FM_OK;
}

static fm_rc migrate_one(fm_store *s, const fm_embed_file *f, int n, fm_err *err)
{
    char pragma[64];
    fm_rc rc;

    rc = fm_store_begin(s, err);
    if (rc)
        return rc;
    if (sqlite3_exec(s->db, (const char *)f->data, NULL, NULL, NULL) != SQLITE_OK) {
        rc = fm_store_dberr(s, err, f->path);
        goto done;
    }
    snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", n);
    rc = exec(s, pragma, err);
    if (rc)
        goto done;
    rc = fm_store_commit(s, err);
done:
    if (rc)
        fm_store_rollback(s);
    return rc;
}

static fm_rc migrate(fm_store *s, fm_err *err)
{
    int have = fm_store_schema_version(s);
    int latest = fm_store_latest_version();

    if (have < 0)
        return fm_store_dberr(s, err, "reading the schema version");
    if (have > latest)
        return fm_err_set(err, FM_EINVAL,
                          "%s: database schema version %d is newer than this fairmatch (%d)",
                          s->path, have, latest);
    /* The set is sorted by path, and paths start with the 4-digit number. */
    for (size_t i = 0; i < fm_embed_migrations.count; i++) {
        const fm_embed_file *f = &fm_embed_migrations.files[i];
        int n = migration_number(f->path);
        fm_rc rc;
        if (n <= have)
            continue;
        rc = migrate_one(s, f, n, err);
        if (rc)
            return rc;
    }
    return FM_OK;
}

static fm_rc configure(fm_store *s, fm_err *err)
{
    int on = 1;
    fm_rc rc;

    sqlite3_extended_result_codes(s->db, 1);
    sqlite3_busy_timeout(s->db, 10000);
    sqlite3_db_config(s->db, SQLITE_DBCONFIG_DEFENSIVE, 1, &on);
    sqlite3_db_config(s->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, &on);
    rc = exec(s, "PRAGMA journal_mode = WAL", err);
    if (!rc)
        rc = exec(s, "PRAGMA synchronous = FULL", err);
    if (!rc)
        rc = exec(s, "PRAGMA foreign_keys = ON", err);
    if (!rc)
        rc = exec(s, "PRAGMA trusted_schema = OFF", err);
    return rc;
}

fm_rc fm_store_open(const char *path, fm_store **out, fm_err *err)
{
    fm_store *s = NULL;
    fm_rc rc = FM_OK;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;

    *out = NULL;
    s = calloc(1, sizeof *s);
    if (!s) {
        rc = fm_err_set(err, FM_ENOMEM, "out of memory");
        goto done;
    }
    s->path = strdup(path);
    if (!s->path) {
        rc = fm_err_set(err, FM_ENOMEM, "out of memory");
        goto done;
    }
    if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
        rc = fm_err_set(err, FM_EIO, "%s: cannot open database: %s", path,
                        s->db ? sqlite3_errmsg(s->db) : "out of memory");
        goto done;
    }
    rc = configure(s, err);
    if (rc)
        goto done;
    rc = migrate(s, err);
done:
    if (rc) {
        fm_store_close(s);
        return rc;
    }
    *out = s;
    return FM_OK;
}

void fm_store_close(fm_store *s)
{
    if (!s)
        return;
    sqlite3_close_v2(s->db);
    free(s->path);
    free(s);
}

const char *fm_store_path(const fm_store *s)
{
    return s->path;
}

fm_rc fm_store_begin(fm_store *s, fm_err *err)
{
    return exec(s, "BEGIN IMMEDIATE", err);
}

fm_rc fm_store_commit(fm_store *s, fm_err *err)
{
    return exec(s, "COMMIT", err);
}

void fm_store_rollback(fm_store *s)
{
    if (!sqlite3_get_autocommit(s->db))
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

fm_rc fm_store_audit(fm_store *s, const char *actor, const char *action, const char *entity,
                     const char *entity_id, const char *detail, fm_err *err)
{
    static const char sql[] = "INSERT INTO audit_log(at, actor, action, entity, entity_id, detail)"
                              " VALUES (strftime('%Y-%m-%dT%H:%M:%SZ','now'), ?, ?, ?, ?, ?)";
    sqlite3_stmt *st = NULL;
    fm_rc rc = FM_OK;

    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        rc = fm_store_dberr(s, err, "audit log");
        goto done;
    }
    fm_store_bind_text(st, 1, actor);
    fm_store_bind_text(st, 2, action);
    fm_store_bind_text(st, 3, entity);
    fm_store_bind_text(st, 4, entity_id);
    fm_store_bind_text(st, 5, detail);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = fm_store_dberr(s, err, "audit log");
done:
    sqlite3_finalize(st);
    return rc;
}
