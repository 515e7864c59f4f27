/*
 * backup.c - online backup and checked restore through SQLite's backup API.
 * It owns the temporary-file-then-rename dance and the integrity checks; it
 * does not schedule backups or rotate old copies (cron and the operator do).
 */
#include "store_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fairmatch/backup.h"
#include "fairmatch/buf.h"

/* How long a backup step waits for a lock held by a writer (50 ms steps). */
enum { BUSY_RETRIES = 400 };

/* True when a and b name the same existing file. */
static int same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    if (stat(a, &sa) != 0 || stat(b, &sb) != 0)
        return 0;
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* Copy everything from src_db into dst_db, waiting out busy writers. */
static fm_rc copy_db(sqlite3 *dst_db, sqlite3 *src_db, const char *what, long long *pages,
                     fm_err *err)
{
    sqlite3_backup *b = sqlite3_backup_init(dst_db, "main", src_db, "main");
    int rc, tries = 0;

    if (!b)
        return fm_err_set(err, FM_EDB, "%s: %s", what, sqlite3_errmsg(dst_db));
    do {
        rc = sqlite3_backup_step(b, -1);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
            sqlite3_sleep(50);
    } while ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED || rc == SQLITE_OK) &&
             ++tries < BUSY_RETRIES);
    if (pages)
        *pages = sqlite3_backup_pagecount(b);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) {
        /* finish() leaves the step's error on the destination connection */
        return fm_err_set(err, FM_EDB, "%s: %s", what,
                          rc == SQLITE_BUSY || rc == SQLITE_LOCKED ? "database stayed locked"
                                                                   : sqlite3_errstr(rc));
    }
    return FM_OK;
}

/*
 * PRAGMA integrity_check on db: FM_OK for "ok", else the given rc with the
 * first problem SQLite reports, prefixed by label.
 */
static fm_rc integrity(sqlite3 *db, const char *label, fm_rc bad, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc = FM_OK;
    int step;

    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK) {
        rc = fm_err_set(err, bad, "%s: %s", label, sqlite3_errmsg(db));
        goto done;
    }
    step = sqlite3_step(st);
    if (step != SQLITE_ROW) {
        rc = fm_err_set(err, bad, "%s: %s", label, sqlite3_errmsg(db));
        goto done;
    }
    if (strcmp((const char *)sqlite3_column_text(st, 0), "ok") != 0)
        rc = fm_err_set(err, bad, "%s: integrity_check failed: %s", label,
                        (const char *)sqlite3_column_text(st, 0));
done:
    sqlite3_finalize(st);
    return rc;
}

/* The integer a one-value PRAGMA returns, or -1. */
static long long pragma_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    long long v = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static int user_version(sqlite3 *db)
{
    return (int)pragma_int(db, "PRAGMA user_version");
}

/* fsync a file or directory by path; errors are the caller's to report. */
static int sync_path(const char *path)
{
    int fd = open(path, O_RDONLY);
    int rc;
    if (fd < 0)
        return -1;
    rc = fsync(fd);
    close(fd);
    return rc;
}

/* The folder part of path ("." when there is none), malloc'd. */
static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    fm_buf b = FM_BUF_INIT;
    if (!slash)
        fm_buf_adds(&b, ".");
    else if (slash == path)
        fm_buf_adds(&b, "/");
    else
        fm_buf_add(&b, path, (size_t)(slash - path));
    return fm_buf_detach(&b, NULL);
}

static long long file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long long)st.st_size : -1;
}

/* Make the finished copy one self-contained, checked file. */
static fm_rc seal_copy(sqlite3 *d, const char *dest, fm_backup_info *info, fm_err *err)
{
    fm_rc rc;

    if (sqlite3_exec(d, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK)
        return fm_err_set(err, FM_EDB, "%s: %s", dest, sqlite3_errmsg(d));
    rc = integrity(d, dest, FM_EDB, err);
    if (rc)
        return rc;
    if (info)
        info->schema_version = user_version(d);
    return FM_OK;
}

fm_rc fm_backup_create(fm_store *s, const char *dest, fm_backup_info *info, fm_err *err)
{
    fm_buf tmp = FM_BUF_INIT;
    sqlite3 *d = NULL;
    char *dir = NULL;
    struct stat st;
    long long pages = 0;
    fm_rc rc = FM_OK;
    int made = 0;

    if (info)
        memset(info, 0, sizeof *info);
    if (!strcmp(dest, s->path) || same_file(dest, s->path)) {
        rc =
            fm_err_set(err, FM_EINVAL, "%s: is the database itself; back up to another file", dest);
        goto done;
    }
    dir = dir_of(dest);
    if (!dir || stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        rc = fm_err_set(err, FM_EINVAL, "%s: folder '%s' does not exist", dest, dir ? dir : "?");
        goto done;
    }
    if (fm_buf_addf(&tmp, "%s.tmp-%ld", dest, (long)getpid())) {
        rc = fm_err_set(err, FM_ENOMEM, "out of memory");
        goto done;
    }
    unlink(tmp.data); /* a leftover of an earlier run that died */
    if (sqlite3_open_v2(tmp.data, &d, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
        SQLITE_OK) {
        rc = fm_err_set(err, FM_EIO, "%s: cannot create: %s", tmp.data,
                        d ? sqlite3_errmsg(d) : "out of memory");
        goto done;
    }
    made = 1;
    rc = copy_db(d, s->db, dest, &pages, err);
    if (!rc)
        rc = seal_copy(d, dest, info, err);
    if (rc)
        goto done;
    if (sqlite3_close(d) != SQLITE_OK) {
        rc = fm_err_set(err, FM_EDB, "%s: %s", dest, sqlite3_errmsg(d));
        goto done;
    }
    d = NULL;
    if (sync_path(tmp.data) != 0 || rename(tmp.data, dest) != 0) {
        rc = fm_err_set(err, FM_EIO, "%s: %s", dest, strerror(errno));
        goto done;
    }
    made = 0;
    sync_path(dir); /* makes the rename durable; some file systems refuse, harmlessly */
    if (info) {
        info->pages = pages;
        info->bytes = file_size(dest);
    }
    rc = fm_store_audit(s, "cli:backup", "backup", "database", NULL, "online backup written", err);
done:
    if (d)
        sqlite3_close(d);
    if (made) {
        unlink(tmp.data);
        if (tmp.len) {
            fm_buf_addf(&tmp, "-journal");
            unlink(tmp.data);
        }
    }
    free(dir);
    fm_buf_release(&tmp);
    return rc;
}

/* Tables every fairmatch database has had since migration 0001. */
static fm_rc check_schema(sqlite3 *db, const char *src, fm_backup_info *info, fm_err *err)
{
    static const char sql[] =
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN"
        " ('programme', 'departments', 'seekers', 'employments', 'audit_log')";
    sqlite3_stmt *st = NULL;
    fm_rc rc = FM_OK;
    int v = user_version(db);

    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK || sqlite3_step(st) != SQLITE_ROW) {
        rc = fm_err_set(err, FM_EINVAL, "%s: %s", src, sqlite3_errmsg(db));
        goto done;
    }
    if (sqlite3_column_int(st, 0) != 5 || v < 1) {
        rc = fm_err_set(err, FM_EINVAL, "%s: not a fairmatch database", src);
        goto done;
    }
    if (v > fm_store_latest_version()) {
        rc = fm_err_set(err, FM_EINVAL, "%s: schema version %d is newer than this fairmatch (%d)",
                        src, v, fm_store_latest_version());
        goto done;
    }
    if (info)
        info->schema_version = v;
done:
    sqlite3_finalize(st);
    return rc;
}

/* Open src read-only as SQLite, with a clear message when it is not one. */
static fm_rc open_backup(const char *src, sqlite3 **out, fm_err *err)
{
    FILE *f;
    char head[16];
    size_t n;

    *out = NULL;
    f = fopen(src, "rb");
    if (!f)
        return fm_err_set(err, FM_EINVAL, "%s: %s", src, strerror(errno));
    n = fread(head, 1, sizeof head, f);
    fclose(f);
    /* SQLite would happily "open" an empty or foreign file; say so early */
    if (n != sizeof head || memcmp(head, "SQLite format 3", 16) != 0)
        return fm_err_set(err, FM_EINVAL, "%s: not an SQLite database", src);
    if (sqlite3_open_v2(src, out, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        fm_err_set(err, FM_EIO, "%s: cannot open: %s", src,
                   *out ? sqlite3_errmsg(*out) : "out of memory");
        sqlite3_close(*out);
        *out = NULL;
        return err ? err->rc : FM_EIO;
    }
    return FM_OK;
}

fm_rc fm_backup_verify(const char *src, fm_backup_info *info, fm_err *err)
{
    sqlite3 *db = NULL;
    fm_rc rc;

    if (info)
        memset(info, 0, sizeof *info);
    rc = open_backup(src, &db, err);
    if (rc)
        goto done;
    rc = integrity(db, src, FM_EINVAL, err);
    if (rc)
        goto done;
    rc = check_schema(db, src, info, err);
    if (rc)
        goto done;
    if (info) {
        info->bytes = file_size(src);
        info->pages = pragma_int(db, "PRAGMA page_count");
    }
done:
    sqlite3_close(db);
    return rc;
}

fm_rc fm_backup_restore(const char *src, const char *db_path, fm_backup_info *info, fm_err *err)
{
    sqlite3 *from = NULL;
    fm_store *s = NULL;
    long long pages = 0;
    fm_rc rc;

    if (info)
        memset(info, 0, sizeof *info);
    if (!strcmp(src, db_path) || same_file(src, db_path)) {
        rc = fm_err_set(err, FM_EINVAL, "%s: is the database itself", src);
        goto done;
    }
    rc = fm_backup_verify(src, NULL, err);
    if (rc)
        goto done;
    rc = open_backup(src, &from, err);
    if (rc)
        goto done;
    rc = fm_store_open(db_path, &s, err);
    if (rc)
        goto done;
    /* One write transaction on the destination: all of it or none of it. */
    rc = copy_db(s->db, from, db_path, &pages, err);
    if (rc)
        goto done;
    fm_store_close(s);
    s = NULL;
    /* Reopening migrates a backup made by an older build. */
    rc = fm_store_open(db_path, &s, err);
    if (rc)
        goto done;
    rc = integrity(s->db, db_path, FM_EDB, err);
    if (rc)
        goto done;
    rc = fm_store_audit(s, "cli:restore", "restore", "database", NULL, "restored from a backup",
                        err);
    if (rc)
        goto done;
    if (info) {
        info->pages = pages;
        info->schema_version = fm_store_schema_version(s);
        info->bytes = file_size(db_path);
    }
done:
    fm_store_close(s);
    sqlite3_close(from);
    return rc;
}
