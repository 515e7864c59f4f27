/*
 * db.c - the connection: open with the pragmas every write relies on, run
 * the embedded migrations, transactions and the audit log. Entity queries
 * live in the *_repo.c files beside it.
 */
#include "store_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fairmatch/embed.h"
#include "repo.h"

/*
 * The connection as db.c allocates it: the shared struct first (other store
 * files see only that), then a small per-connection cache of prepared
 * statements for hot read paths (fm_store_stmt_cached) and memoised scalar
 * results keyed on the database's data version (fm_store_memo_int). A
 * connection is used by one thread at a time, so neither needs a lock.
 */

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

int fm_store_migration_number(const char *path)
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
        int n = fm_store_migration_number(fm_embed_migrations.files[i].path);
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
        int n = fm_store_migration_number(f->path);
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

/*
 * Process-wide SQLite settings, before the first connection: no memory
 * statistics (they take a global mutex on every malloc and free, which all
 * server threads would contend for). Too late once SQLite is initialised;
 * SQLite then keeps its defaults, which is only slower.
 */
static void sqlite_global_config(void)
{
    (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/*
 * A new database file is created here, empty and 0600, before SQLite opens
 * it: the database holds personal numbers, and SQLite gives its -wal, -shm
 * and -journal files the mode of the database file. An existing file keeps
 * the mode its owner chose. In-memory and URI names are SQLite's.
 */
static fm_rc create_private(const char *path, fm_err *err)
{
    int fd;
    if (!path[0] || !strcmp(path, ":memory:") || !strncmp(path, "file:", 5))
        return FM_OK;
    fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) {
        close(fd);
        return FM_OK;
    }
    if (errno == EEXIST)
        return FM_OK;
    return fm_err_set(err, FM_EIO, "%s: cannot create database: %s", path, strerror(errno));
}

fm_rc fm_store_open(const char *path, fm_store **out, fm_err *err)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;

    fm_store *s = NULL;
    fm_rc rc = FM_OK;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;

    *out = NULL;
    pthread_once(&once, sqlite_global_config);
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
    rc = create_private(path, err);
    if (rc)
        goto done;
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
    for (size_t i = 0; i < s->n_slots; i++)
        sqlite3_finalize(s->slots[i].st);
    sqlite3_finalize(s->version_st);
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
    fm_rc rc;

    rc = fm_repo_prepare(s, sql, &st, err);
    if (rc)
        goto done;
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

fm_rc fm_store_audit_id(fm_store *s, const char *actor, const char *action, const char *entity,
                        long long id, const char *detail, fm_err *err)
{
    char ids[24];
    snprintf(ids, sizeof ids, "%lld", id);
    return fm_store_audit(s, actor, action, entity, ids, detail, err);
}

/* ---- statement cache and data-version memo ---- */

static fm_store_stmt_slot *slot_for(fm_store *x, const char *sql, fm_err *err)
{
    fm_store_stmt_slot *sl;

    for (size_t i = 0; i < x->n_slots; i++)
        if (x->slots[i].sql == sql || !strcmp(x->slots[i].sql, sql))
            return &x->slots[i];
    if (x->n_slots == FM_STORE_STMT_CACHE_MAX) {
        fm_err_set(err, FM_EINVAL, "statement cache full (raise FM_STORE_STMT_CACHE_MAX)");
        return NULL;
    }
    sl = &x->slots[x->n_slots];
    memset(sl, 0, sizeof *sl);
    /* PERSISTENT: these live as long as the connection; SQLite then keeps
     * them out of its lookaside memory meant for short-lived statements. */
    if (sqlite3_prepare_v3(x->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &sl->st, NULL) != SQLITE_OK) {
        fm_store_dberr(x, err, "prepare");
        sqlite3_finalize(sl->st);
        sl->st = NULL;
        return NULL;
    }
    sl->sql = sql;
    x->n_slots++;
    return sl;
}

/*
 * A prepared statement for sql, compiled once per connection and reused.
 * sql must be a string literal (it is kept by pointer). The statement is
 * reset and its bindings cleared; hand it back with fm_store_stmt_done()
 * (never sqlite3_finalize) on every path. Must not be used for a statement
 * that may already be running on this connection (no nesting of the same
 * SQL). FM_EDB on a prepare error.
 */
fm_rc fm_store_stmt_cached(fm_store *s, const char *sql, sqlite3_stmt **out, fm_err *err)
{
    fm_store_stmt_slot *sl = slot_for(s, sql, err);

    *out = NULL;
    if (!sl)
        return err && err->rc ? err->rc : FM_EDB;
    if (sqlite3_stmt_busy(sl->st))
        return fm_err_set(err, FM_EDB, "cached statement already in use");
    *out = sl->st;
    return FM_OK;
}

/* Hand a cached statement back: reset (ends its read) and unbind. NULL-safe. */
void fm_store_stmt_done(sqlite3_stmt *st)
{
    if (!st)
        return;
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
}

/*
 * The data version of "main" as of a read snapshot taken now. The pager
 * notices other connections' commits only when a read transaction starts, so
 * this steps a cheap statement first and asks while it holds the snapshot;
 * the value also changes on this connection's own commits (unlike PRAGMA
 * data_version).
 */
static fm_rc data_version(fm_store *x, unsigned *out, fm_err *err)
{
    int r;

    if (!x->version_st &&
        sqlite3_prepare_v3(x->db, "SELECT 1 FROM sqlite_schema LIMIT 1", -1,
                           SQLITE_PREPARE_PERSISTENT, &x->version_st, NULL) != SQLITE_OK)
        return fm_store_dberr(x, err, "data version");
    r = sqlite3_step(x->version_st);
    if (r != SQLITE_ROW && r != SQLITE_DONE) {
        sqlite3_reset(x->version_st);
        return fm_store_dberr(x, err, "data version");
    }
    r = sqlite3_file_control(x->db, "main", SQLITE_FCNTL_DATA_VERSION, out);
    sqlite3_reset(x->version_st);
    if (r != SQLITE_OK)
        return fm_err_set(err, FM_EDB, "data version: file control failed (%d)", r);
    return FM_OK;
}

/*
 * One integer from a parameterless query (sql: a string literal), memoised
 * per connection until the database changes - through this connection or any
 * other, in this process or another. *out = dflt for no row or NULL. The
 * memo is keyed on a version read before the query, so a value is never
 * older than its key: a commit racing the query only causes a recompute.
 */
fm_rc fm_store_memo_int(fm_store *s, const char *sql, int64_t dflt, int64_t *out, fm_err *err)
{
    unsigned version = 0;
    sqlite3_stmt *st = NULL;
    fm_store_stmt_slot *sl;
    fm_rc rc;
    int r;

    *out = dflt;
    rc = data_version(s, &version, err);
    if (rc)
        return rc;
    rc = fm_store_stmt_cached(s, sql, &st, err);
    if (rc)
        return rc;
    sl = slot_for(s, sql, err);
    if (sl->memo_valid && sl->memo_version == version) {
        *out = sl->memo_value;
        goto done;
    }
    r = sqlite3_step(st);
    if (r == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
        *out = sqlite3_column_int64(st, 0);
    else if (r != SQLITE_ROW && r != SQLITE_DONE) {
        rc = fm_store_dberr(s, err, "memoised query");
        sl->memo_valid = false;
        goto done;
    }
    sl->memo_valid = true;
    sl->memo_version = version;
    sl->memo_value = *out;
done:
    fm_store_stmt_done(st);
    return rc;
}

fm_rc fm_store_data_version(fm_store *s, unsigned *out, fm_err *err)
{
    *out = 0;
    return data_version(s, out, err);
}
