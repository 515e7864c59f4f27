/*
 * backup.c - online backup and checked restore through SQLite's backup API.
 * It owns the temporary-file-then-rename dance, the SHA-256 written beside
 * each backup, and the checks a backup must pass before it is restored
 * (hash, integrity, schema as the migrations make it); it does not schedule
 * backups or rotate old copies (cron and the operator do).
 */
#include "store_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fairmatch/backup.h"
#include "fairmatch/buf.h"
#include "fairmatch/embed.h"
#include "fairmatch/text.h"
#include "repo.h"

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

long long fm_store_sql_int(sqlite3 *db, const char *sql)
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
    return (int)fm_store_sql_int(db, "PRAGMA user_version");
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

/* ---- the SHA-256 beside a backup ---- */

#define HASH_SUFFIX ".sha256"

/* SHA-256 of the whole file at path as 64 lower-case hex digits. */
static fm_rc hash_file(const char *path, char hex[65], fm_err *err)
{
    crypto_hash_sha256_state st;
    unsigned char buf[65536], digest[crypto_hash_sha256_BYTES];
    FILE *f = NULL;
    size_t n;
    fm_rc rc = FM_OK;

    if (sodium_init() < 0)
        return fm_err_set(err, FM_EIO, "libsodium cannot start");
    f = fopen(path, "rb");
    if (!f)
        return fm_err_set(err, FM_EIO, "%s: %s", path, strerror(errno));
    crypto_hash_sha256_init(&st);
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        crypto_hash_sha256_update(&st, buf, n);
    if (ferror(f))
        rc = fm_err_set(err, FM_EIO, "%s: cannot read: %s", path, strerror(errno));
    fclose(f);
    if (rc)
        return rc;
    crypto_hash_sha256_final(&st, digest);
    sodium_bin2hex(hex, 65, digest, sizeof digest);
    return FM_OK;
}

/*
 * Write "HEX  NAME\n" (the format of sha256sum, so `sha256sum -c` checks it
 * too) to dest.sha256: a 0600 temporary file, synced, renamed into place.
 */
static fm_rc write_hash(const char *dest, const char *hex, fm_err *err)
{
    fm_buf path = FM_BUF_INIT, tmp = FM_BUF_INIT, line = FM_BUF_INIT;
    const char *base = strrchr(dest, '/');
    int fd = -1;
    fm_rc rc = FM_OK;

    base = base ? base + 1 : dest;
    if (fm_buf_addf(&path, "%s" HASH_SUFFIX, dest) ||
        fm_buf_addf(&tmp, "%s" HASH_SUFFIX ".tmp-%ld", dest, (long)getpid()) ||
        fm_buf_addf(&line, "%s  %s\n", hex, base)) {
        rc = fm_err_set(err, FM_ENOMEM, "out of memory");
        goto done;
    }
    fd = open(tmp.data, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        rc = fm_err_set(err, FM_EIO, "%s: %s", tmp.data, strerror(errno));
        goto done;
    }
    if (write(fd, line.data, line.len) != (ssize_t)line.len || fsync(fd) != 0)
        rc = fm_err_set(err, FM_EIO, "%s: %s", tmp.data, strerror(errno));
    if (close(fd) != 0 && !rc)
        rc = fm_err_set(err, FM_EIO, "%s: %s", tmp.data, strerror(errno));
    if (!rc && rename(tmp.data, path.data) != 0)
        rc = fm_err_set(err, FM_EIO, "%s: %s", path.data, strerror(errno));
    if (rc)
        unlink(tmp.data);
done:
    fm_buf_release(&path);
    fm_buf_release(&tmp);
    fm_buf_release(&line);
    return rc;
}

/* The hash written beside src at backup time; refused when missing or malformed. */
static fm_rc read_hash(const char *src, char hex[65], fm_err *err)
{
    fm_buf path = FM_BUF_INIT;
    FILE *f = NULL;
    size_t n = 0;
    fm_rc rc = FM_OK;

    if (fm_buf_addf(&path, "%s" HASH_SUFFIX, src))
        return fm_err_set(err, FM_ENOMEM, "out of memory");
    f = fopen(path.data, "rb");
    if (!f) {
        rc = fm_err_set(err, FM_EINVAL,
                        "%s: %s; a backup is trusted only with the SHA-256 that `fairmatch "
                        "backup` wrote beside it",
                        path.data, strerror(errno));
        goto done;
    }
    n = fread(hex, 1, 64, f);
    hex[n] = '\0';
    if (n != 64 || strspn(hex, "0123456789abcdef") != 64)
        rc = fm_err_set(err, FM_EINVAL, "%s: not a SHA-256 (64 hex digits)", path.data);
done:
    if (f)
        fclose(f);
    fm_buf_release(&path);
    return rc;
}

/* ---- the schema the migrations make ---- */

typedef struct sobj {
    char *type, *name, *def; /* def: tbl_name and sql, as one text */
} sobj;

typedef struct slist {
    sobj *v;
    size_t n, cap;
} slist;

static void slist_free(slist *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->v[i].type);
        free(l->v[i].name);
        free(l->v[i].def);
    }
    free(l->v);
    memset(l, 0, sizeof *l);
}

/* Every schema object of db but SQLite's own statistics and sequence tables, by name. */
static fm_rc read_schema(sqlite3 *db, slist *out, fm_err *err)
{
    static const char sql[] =
        "SELECT type, name, tbl_name || char(31) || coalesce(sql, '') FROM sqlite_schema"
        " WHERE NOT (type = 'table' AND name IN ('sqlite_stat1', 'sqlite_stat4',"
        " 'sqlite_sequence')) ORDER BY name, type";
    sqlite3_stmt *st = NULL;
    bool oom = false;
    fm_rc rc = FM_OK;
    int step;

    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        rc = fm_err_set(err, FM_EINVAL, "reading the schema: %s", sqlite3_errmsg(db));
        goto done;
    }
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        sobj o;
        if (FM_GROW(out->v, out->n + 1, out->cap)) {
            rc = fm_err_set(err, FM_ENOMEM, "out of memory");
            goto done;
        }
        o.type = fm_repo_dup(st, 0, &oom);
        o.name = fm_repo_dup(st, 1, &oom);
        o.def = fm_repo_dup(st, 2, &oom);
        out->v[out->n++] = o;
        if (oom) {
            rc = fm_err_set(err, FM_ENOMEM, "out of memory");
            goto done;
        }
    }
    if (step != SQLITE_DONE)
        rc = fm_err_set(err, FM_EINVAL, "reading the schema: %s", sqlite3_errmsg(db));
done:
    sqlite3_finalize(st);
    return rc;
}

/* A fresh in-memory database with the embedded migrations 1...version applied. */
static fm_rc fresh_schema(int version, slist *out, fm_err *err)
{
    sqlite3 *db = NULL;
    fm_rc rc = FM_OK;

    if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        rc = fm_err_set(err, FM_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < fm_embed_migrations.count; i++) {
        const fm_embed_file *f = &fm_embed_migrations.files[i];
        int n = fm_store_migration_number(f->path);
        if (n < 1 || n > version)
            continue;
        if (sqlite3_exec(db, (const char *)f->data, NULL, NULL, NULL) != SQLITE_OK) {
            rc = fm_err_set(err, FM_EDB, "%s: %s", f->path, sqlite3_errmsg(db));
            goto done;
        }
    }
    rc = read_schema(db, out, err);
done:
    sqlite3_close(db);
    return rc;
}

static int sobj_cmp(const sobj *a, const sobj *b)
{
    int c = strcmp(a->name, b->name);
    return c ? c : strcmp(a->type, b->type);
}

/*
 * The backup's schema must be exactly what the migrations up to its version
 * make: an added trigger (say, one copying the personal number into the
 * phone column), view or index, or a changed table, would otherwise come
 * back with the data and run in the live database.
 */
static fm_rc check_schema_objects(sqlite3 *db, const char *src, int version, fm_err *err)
{
    slist have = {0}, want = {0};
    char q[128];
    size_t i = 0, j = 0;
    fm_rc rc = read_schema(db, &have, err);

    if (!rc)
        rc = fresh_schema(version, &want, err);
    while (!rc && (i < have.n || j < want.n)) {
        int c = i == have.n ? 1 : j == want.n ? -1 : sobj_cmp(&have.v[i], &want.v[j]);
        if (c < 0)
            rc = fm_err_set(
                err, FM_EINVAL, "%s: %s %s is not part of fairmatch's schema (version %d); refused",
                src, have.v[i].type, fm_text_quote(have.v[i].name, q, sizeof q), version);
        else if (c > 0)
            rc = fm_err_set(err, FM_EINVAL, "%s: %s %s of fairmatch's schema is missing", src,
                            want.v[j].type, fm_text_quote(want.v[j].name, q, sizeof q));
        else if (strcmp(have.v[i].def, want.v[j].def))
            rc = fm_err_set(err, FM_EINVAL,
                            "%s: %s %s differs from fairmatch's schema (version %d); refused", src,
                            have.v[i].type, fm_text_quote(have.v[i].name, q, sizeof q), version);
        i += c <= 0;
        j += c >= 0;
    }
    slist_free(&have);
    slist_free(&want);
    return rc;
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

/* dest is another file than the database, in a folder that exists. OUT: *dir (caller frees). */
static fm_rc check_dest(fm_store *s, const char *dest, char **dir, fm_err *err)
{
    struct stat st;

    if (!strcmp(dest, s->path) || same_file(dest, s->path))
        return fm_err_set(err, FM_EINVAL, "%s: is the database itself; back up to another file",
                          dest);
    *dir = dir_of(dest);
    if (!*dir || stat(*dir, &st) != 0 || !S_ISDIR(st.st_mode))
        return fm_err_set(err, FM_EINVAL, "%s: folder '%s' does not exist", dest,
                          *dir ? *dir : "?");
    return FM_OK;
}

/*
 * Create path 0600 and open it as a database. OUT: *made = 1 once the file
 * exists (the caller removes it on failure), *d (the caller closes it, also
 * when the open failed).
 */
static fm_rc create_temp(const char *path, int *made, sqlite3 **d, fm_err *err)
{
    int fd;

    unlink(path); /* a leftover of an earlier run that died */
    /* Created 0600 before SQLite opens it: a backup holds personal numbers. */
    fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return fm_err_set(err, FM_EIO, "%s: cannot create: %s", path, strerror(errno));
    close(fd);
    *made = 1;
    if (sqlite3_open_v2(path, d, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
        return fm_err_set(err, FM_EIO, "%s: cannot create: %s", path,
                          *d ? sqlite3_errmsg(*d) : "out of memory");
    return FM_OK;
}

/*
 * Put the finished copy tmp in dest's place and write its hash beside it.
 * OUT: hex. *made = 0 once tmp is renamed.
 */
static fm_rc publish(const char *tmp, const char *dest, const char *dir, int *made, char hex[65],
                     fm_err *err)
{
    fm_rc rc = hash_file(tmp, hex, err);

    if (rc)
        return rc;
    if (sync_path(tmp) != 0 || rename(tmp, dest) != 0)
        return fm_err_set(err, FM_EIO, "%s: %s", dest, strerror(errno));
    *made = 0;
    /* After the rename: a crash in between leaves the old hash beside the new
     * file, which verify refuses; never a hash that vouches for a wrong file. */
    rc = write_hash(dest, hex, err);
    sync_path(dir); /* makes the renames durable; some file systems refuse, harmlessly */
    return rc;
}

fm_rc fm_backup_create(fm_store *s, const char *dest, fm_backup_info *info, fm_err *err)
{
    fm_buf tmp = FM_BUF_INIT;
    sqlite3 *d = NULL;
    char *dir = NULL;
    long long pages = 0;
    char hex[65];
    fm_rc rc = FM_OK;
    int made = 0;

    if (info)
        memset(info, 0, sizeof *info);
    rc = check_dest(s, dest, &dir, err);
    if (rc)
        goto done;
    if (fm_buf_addf(&tmp, "%s.tmp-%ld", dest, (long)getpid())) {
        rc = fm_err_set(err, FM_ENOMEM, "out of memory");
        goto done;
    }
    rc = create_temp(tmp.data, &made, &d, err);
    if (!rc)
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
    rc = publish(tmp.data, dest, dir, &made, hex, err);
    if (rc)
        goto done;
    if (info) {
        memcpy(info->sha256, hex, sizeof hex);
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
    char want[65], have[65];
    fm_rc rc;

    if (info)
        memset(info, 0, sizeof *info);
    rc = open_backup(src, &db, err);
    if (!rc)
        rc = read_hash(src, want, err);
    if (!rc)
        rc = hash_file(src, have, err);
    if (!rc && strcmp(have, want))
        rc = fm_err_set(err, FM_EINVAL,
                        "%s: its SHA-256 is not the one written at backup time in %s" HASH_SUFFIX
                        " (the file was changed or damaged); refused",
                        src, src);
    if (!rc)
        rc = integrity(db, src, FM_EINVAL, err);
    if (!rc)
        rc = check_schema(db, src, info, err);
    if (!rc)
        rc = check_schema_objects(db, src, user_version(db), err);
    if (rc)
        goto done;
    if (info) {
        memcpy(info->sha256, have, sizeof have);
        info->bytes = file_size(src);
        info->pages = fm_store_sql_int(db, "PRAGMA page_count");
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
