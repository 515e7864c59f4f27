/*
 * test_store_powerloss.c - power loss, not only kill -9: the store's files go
 * through a test VFS that passes every call to SQLite's own unix VFS and
 * also keeps, per file, the bytes a disk would still hold after the power
 * failed: what was fsynced, plus a random fate for each write (or truncate)
 * not yet synced: per round, all of them lost (everything after the last
 * sync point is gone), all kept, or each kept, lost or torn after a random
 * number of 512-byte sectors. At a random write/sync/truncate the power "fails": the VFS takes
 * that image, every later write fails, and the image is written to a fresh
 * folder and opened with fm_store_open, as after a reboot. The store must
 * come back with integrity_check "ok" and exactly the state after the
 * acknowledged transactions, or after one more (the one in flight).
 *
 * The workload is the importer (fm_import_buffer: one transaction per file,
 * with audit rows) inserting one seeker and updating another per file, with
 * wal_autocheckpoint at 8 pages so checkpoints, WAL restarts and, every 25
 * files, a close (checkpoint and WAL delete) and reopen happen too. Rounds
 * start from an empty folder, so a power cut can hit the migrations.
 *
 * FM_POWERLOSS_ROUNDS (default 40) and FM_POWERLOSS_SEED set the run;
 * bench/powerloss/run.sh runs thousands. FM_POWERLOSS_SYNCHRONOUS=NORMAL
 * weakens the store on purpose, to show that the check then fails. The model follows SQLite's own
 * crash tests (test6.c): directory entries are durable at once, and a
 * delete is durable at once (SQLite deletes only after the sync that makes
 * the deleted file unneeded).
 */
#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fairmatch/import.h"
#include "fairmatch/store.h"
#include "store/store_internal.h"

#define MAX_FILES 8
#define SECTOR 512

typedef struct op {
    int trunc; /* 0: write data at off; 1: truncate to off */
    sqlite3_int64 off;
    size_t len;
    unsigned char *data;
} op;

typedef struct image {
    char path[512];
    int used;
    unsigned char *data; /* durable bytes */
    size_t len, cap;
    op *ops; /* written since the last sync, in order */
    size_t nops, capops;
} image;

typedef struct crashed_file {
    char base[512]; /* name after the folder */
    unsigned char *data;
    size_t len;
} crashed_file;

static struct {
    sqlite3_vfs *real;
    image files[MAX_FILES];
    long ops_done; /* writes, syncs and truncates since arming */
    long crash_at; /* the op that does not happen; 0: never */
    int crashed;   /* the power is off */
    int mode;      /* unsynced ops: 0 all lost, 1 all kept, 2 each kept, lost or torn */
    uint64_t rng;
    crashed_file snap[MAX_FILES];
    size_t nsnap;
} pl;

typedef struct pl_file {
    sqlite3_file base;
    int idx; /* into pl.files, -1: not followed (temp files) */
    sqlite3_file *real;
} pl_file;

static uint64_t rnd(void)
{
    /* xorshift64* */
    pl.rng ^= pl.rng >> 12;
    pl.rng ^= pl.rng << 25;
    pl.rng ^= pl.rng >> 27;
    return pl.rng * 2685821657736338717ULL;
}

static void img_reserve(image *im, size_t n)
{
    if (n <= im->cap)
        return;
    im->cap = n * 2;
    im->data = realloc(im->data, im->cap);
    cr_assert_not_null(im->data);
}

/* Put n bytes at off into the durable image, growing it (with zeros) as a file grows. */
static void img_put(image *im, sqlite3_int64 off, const unsigned char *src, size_t n)
{
    size_t at = (size_t)off, end = at + n;
    img_reserve(im, end);
    if (at > im->len)
        memset(im->data + im->len, 0, at - im->len);
    if (end > im->len)
        im->len = end;
    memcpy(im->data + at, src, n);
}

static void apply(image *im, const op *o, size_t n)
{
    if (o->trunc) {
        if ((size_t)o->off < im->len)
            im->len = (size_t)o->off;
        return;
    }
    img_put(im, o->off, o->data, n);
}

static void drop_ops(image *im)
{
    for (size_t i = 0; i < im->nops; i++)
        free(im->ops[i].data);
    im->nops = 0;
}

static void img_clear(image *im)
{
    drop_ops(im);
    free(im->ops);
    free(im->data);
    memset(im, 0, sizeof *im);
}

/* The power fails now: each file keeps its synced bytes and a random fate per unsynced op. */
static void power_off(void)
{
    pl.crashed = 1;
    pl.nsnap = 0;
    for (int i = 0; i < MAX_FILES; i++) {
        image *im = &pl.files[i];
        crashed_file *c;
        const char *slash;
        if (!im->used)
            continue;
        for (size_t k = 0; k < im->nops; k++) {
            const op *o = &im->ops[k];
            uint64_t fate = pl.mode == 2 ? rnd() % 3 : (uint64_t)pl.mode;
            if (fate == 0)
                continue; /* lost */
            if (fate == 1 || o->trunc || o->len <= SECTOR) {
                apply(im, o, o->len);
            } else {
                size_t sectors = (o->len + SECTOR - 1) / SECTOR;
                size_t keep = (size_t)(rnd() % sectors) * SECTOR; /* torn */
                if (keep)
                    apply(im, o, keep);
            }
        }
        drop_ops(im);
        c = &pl.snap[pl.nsnap++];
        slash = strrchr(im->path, '/');
        snprintf(c->base, sizeof c->base, "%s", slash ? slash + 1 : im->path);
        c->data = malloc(im->len ? im->len : 1);
        cr_assert_not_null(c->data);
        if (im->len) /* an empty file may have no buffer yet */
            memcpy(c->data, im->data, im->len);
        c->len = im->len;
    }
}

/* Count an op; true when the power is (now) off and the op must fail. */
static int tick(void)
{
    if (pl.crashed)
        return 1;
    pl.ops_done++;
    if (pl.crash_at && pl.ops_done == pl.crash_at) {
        power_off();
        return 1;
    }
    return 0;
}

static int x_close(sqlite3_file *f)
{
    pl_file *p = (pl_file *)f;
    int rc = p->real->pMethods ? p->real->pMethods->xClose(p->real) : SQLITE_OK;
    free(p->real);
    return rc;
}

static int x_read(sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
{
    pl_file *p = (pl_file *)f;
    return p->real->pMethods->xRead(p->real, buf, n, off);
}

static int x_write(sqlite3_file *f, const void *buf, int n, sqlite3_int64 off)
{
    pl_file *p = (pl_file *)f;
    if (p->idx >= 0) {
        image *im = &pl.files[p->idx];
        op o = {0, off, (size_t)n, malloc((size_t)n)};
        if (tick()) {
            free(o.data);
            return SQLITE_IOERR_WRITE;
        }
        cr_assert_not_null(o.data);
        memcpy(o.data, buf, (size_t)n);
        if (im->nops == im->capops) {
            im->capops = im->capops ? im->capops * 2 : 64;
            im->ops = realloc(im->ops, im->capops * sizeof *im->ops);
            cr_assert_not_null(im->ops);
        }
        im->ops[im->nops++] = o;
    }
    return p->real->pMethods->xWrite(p->real, buf, n, off);
}

static int x_truncate(sqlite3_file *f, sqlite3_int64 size)
{
    pl_file *p = (pl_file *)f;
    if (p->idx >= 0) {
        image *im = &pl.files[p->idx];
        if (tick())
            return SQLITE_IOERR_TRUNCATE;
        if (im->nops == im->capops) {
            im->capops = im->capops ? im->capops * 2 : 64;
            im->ops = realloc(im->ops, im->capops * sizeof *im->ops);
            cr_assert_not_null(im->ops);
        }
        im->ops[im->nops++] = (op){1, size, 0, NULL};
    }
    return p->real->pMethods->xTruncate(p->real, size);
}

static int x_sync(sqlite3_file *f, int flags)
{
    pl_file *p = (pl_file *)f;
    if (p->idx >= 0) {
        image *im = &pl.files[p->idx];
        if (tick())
            return SQLITE_IOERR_FSYNC;
        for (size_t k = 0; k < im->nops; k++)
            apply(im, &im->ops[k], im->ops[k].len);
        drop_ops(im);
        /* The image is the disk that counts; a real fsync would only be slow. */
        (void)flags;
        return SQLITE_OK;
    }
    return p->real->pMethods->xSync(p->real, flags);
}

static int x_file_size(sqlite3_file *f, sqlite3_int64 *size)
{
    pl_file *p = (pl_file *)f;
    return p->real->pMethods->xFileSize(p->real, size);
}

static int x_lock(sqlite3_file *f, int l)
{
    pl_file *p = (pl_file *)f;
    return p->real->pMethods->xLock(p->real, l);
}

static int x_unlock(sqlite3_file *f, int l)
{
    pl_file *p = (pl_file *)f;
    return p->real->pMethods->xUnlock(p->real, l);
}

static int x_check_reserved(sqlite3_file *f, int *out)
{
    pl_file *p = (pl_file *)f;
    return p->real->pMethods->xCheckReservedLock(p->real, out);
}

static int x_file_control(sqlite3_file *f, int op_, void *arg)
{
    pl_file *p = (pl_file *)f;
    return p->real->pMethods->xFileControl(p->real, op_, arg);
}

static int x_sector_size(sqlite3_file *f)
{
    pl_file *p = (pl_file *)f;
    return p->real->pMethods->xSectorSize(p->real);
}

static int x_device(sqlite3_file *f)
{
    pl_file *p = (pl_file *)f;
    return p->real->pMethods->xDeviceCharacteristics(p->real);
}

static int x_shm_map(sqlite3_file *f, int pg, int sz, int extend, void volatile **out)
{
    pl_file *p = (pl_file *)f;
    return p->real->pMethods->xShmMap(p->real, pg, sz, extend, out);
}

static int x_shm_lock(sqlite3_file *f, int off, int n, int flags)
{
    pl_file *p = (pl_file *)f;
    return p->real->pMethods->xShmLock(p->real, off, n, flags);
}

static void x_shm_barrier(sqlite3_file *f)
{
    pl_file *p = (pl_file *)f;
    p->real->pMethods->xShmBarrier(p->real);
}

static int x_shm_unmap(sqlite3_file *f, int del)
{
    pl_file *p = (pl_file *)f;
    return p->real->pMethods->xShmUnmap(p->real, del);
}

static int x_fetch(sqlite3_file *f, sqlite3_int64 off, int n, void **out)
{
    (void)f;
    (void)off;
    (void)n;
    *out = NULL; /* no memory-mapped reads: every byte goes through x_read */
    return SQLITE_OK;
}

static int x_unfetch(sqlite3_file *f, sqlite3_int64 off, void *pg)
{
    (void)f;
    (void)off;
    (void)pg;
    return SQLITE_OK;
}

static const sqlite3_io_methods pl_io = {
    3,           x_close,   x_read,     x_write,          x_truncate,     x_sync,
    x_file_size, x_lock,    x_unlock,   x_check_reserved, x_file_control, x_sector_size,
    x_device,    x_shm_map, x_shm_lock, x_shm_barrier,    x_shm_unmap,    x_fetch,
    x_unfetch};

static int find_image(const char *path, int create)
{
    int free_slot = -1;
    for (int i = 0; i < MAX_FILES; i++) {
        if (pl.files[i].used && !strcmp(pl.files[i].path, path))
            return i;
        if (!pl.files[i].used && free_slot < 0)
            free_slot = i;
    }
    if (!create)
        return -1;
    cr_assert_geq(free_slot, 0, "more than %d files", MAX_FILES);
    pl.files[free_slot].used = 1;
    snprintf(pl.files[free_slot].path, sizeof pl.files[free_slot].path, "%s", path);
    return free_slot;
}

static int v_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *out_flags)
{
    pl_file *p = (pl_file *)f;
    int rc;
    (void)vfs;
    p->base.pMethods = NULL;
    p->real = calloc(1, (size_t)pl.real->szOsFile);
    if (!p->real)
        return SQLITE_NOMEM;
    rc = pl.real->xOpen(pl.real, name, p->real, flags, out_flags);
    if (rc != SQLITE_OK) {
        free(p->real);
        return rc;
    }
    p->idx = -1;
    if (name && (flags & (SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_WAL | SQLITE_OPEN_MAIN_JOURNAL)))
        p->idx = find_image(name, 1);
    p->base.pMethods = &pl_io;
    return SQLITE_OK;
}

static int v_delete(sqlite3_vfs *vfs, const char *name, int dir_sync)
{
    int i;
    (void)vfs;
    if (pl.crashed)
        return SQLITE_IOERR_DELETE;
    i = find_image(name, 0);
    if (i >= 0)
        img_clear(&pl.files[i]);
    return pl.real->xDelete(pl.real, name, dir_sync);
}

static int v_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
    (void)vfs;
    return pl.real->xAccess(pl.real, name, flags, out);
}

static int v_full_pathname(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
    (void)vfs;
    return pl.real->xFullPathname(pl.real, name, n, out);
}

static int v_randomness(sqlite3_vfs *vfs, int n, char *out)
{
    (void)vfs;
    return pl.real->xRandomness(pl.real, n, out);
}

static int v_sleep(sqlite3_vfs *vfs, int us)
{
    (void)vfs;
    return pl.real->xSleep(pl.real, us);
}

static int v_current_time(sqlite3_vfs *vfs, double *out)
{
    (void)vfs;
    return pl.real->xCurrentTime(pl.real, out);
}

static int v_last_error(sqlite3_vfs *vfs, int n, char *out)
{
    (void)vfs;
    return pl.real->xGetLastError(pl.real, n, out);
}

static int v_current_time64(sqlite3_vfs *vfs, sqlite3_int64 *out)
{
    (void)vfs;
    return pl.real->xCurrentTimeInt64(pl.real, out);
}

static sqlite3_vfs pl_vfs;

static void install_vfs(void)
{
    if (pl.real)
        return;
    pl.real = sqlite3_vfs_find(NULL);
    cr_assert_not_null(pl.real);
    pl_vfs.iVersion = 2;
    pl_vfs.szOsFile = (int)sizeof(pl_file);
    pl_vfs.mxPathname = pl.real->mxPathname;
    pl_vfs.zName = "fm_powerloss";
    pl_vfs.xOpen = v_open;
    pl_vfs.xDelete = v_delete;
    pl_vfs.xAccess = v_access;
    pl_vfs.xFullPathname = v_full_pathname;
    pl_vfs.xDlOpen = NULL;
    pl_vfs.xDlError = NULL;
    pl_vfs.xDlSym = NULL;
    pl_vfs.xDlClose = NULL;
    pl_vfs.xRandomness = v_randomness;
    pl_vfs.xSleep = v_sleep;
    pl_vfs.xCurrentTime = v_current_time;
    pl_vfs.xGetLastError = v_last_error;
    pl_vfs.xCurrentTimeInt64 = v_current_time64;
    cr_assert_eq(sqlite3_vfs_register(&pl_vfs, 1), SQLITE_OK);
}

/* ---- the workload and the check ---- */

enum { TXNS = 60, UPDATED = 7 };

static char dir_live[64], dir_boot[64];

static void rm_dir(const char *dir)
{
    static const char *const names[] = {"t.db", "t.db-wal", "t.db-shm", "t.db-journal"};
    char p[128];
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, names[i]);
        unlink(p);
    }
}

static void reset_images(void)
{
    for (int i = 0; i < MAX_FILES; i++)
        img_clear(&pl.files[i]);
    for (size_t i = 0; i < pl.nsnap; i++)
        free(pl.snap[i].data);
    pl.nsnap = 0;
    pl.crashed = 0;
    pl.ops_done = 0;
}

static fm_rc open_store(const char *path, fm_store **s)
{
    fm_err err = {0};
    fm_rc rc = fm_store_open(path, s, &err);
    const char *sync = getenv("FM_POWERLOSS_SYNCHRONOUS");
    if (rc)
        return rc;
    sqlite3_exec((*s)->db, "PRAGMA wal_autocheckpoint = 8", NULL, NULL, NULL);
    /* Only to show the test has teeth (bench/powerloss/run.sh --weaken): with
     * NORMAL or OFF instead of the store's FULL, acknowledged writes get lost. */
    if (sync && (!strcmp(sync, "NORMAL") || !strcmp(sync, "OFF"))) {
        char sql[48];
        snprintf(sql, sizeof sql, "PRAGMA synchronous = %s", sync);
        sqlite3_exec((*s)->db, sql, NULL, NULL, NULL);
    }
    return rc;
}

/* Run up to TXNS imports until one fails (the power went). Returns how many were acknowledged. */
static int workload(const char *path)
{
    fm_store *s = NULL;
    int acked = 0;
    char csv[256];

    if (open_store(path, &s))
        return 0;
    for (int k = 1; k <= TXNS; k++) {
        fm_err err = {0};
        snprintf(csv, sizeof csv, "id,first_name,last_name,gender\nN%03d,v%d,Ek,k\nU%d,v%d,Al,m\n",
                 k, k, k % UPDATED, k);
        if (fm_import_buffer(s, FM_IMPORT_SEEKERS, "w.csv", csv, strlen(csv), "test", NULL, NULL,
                             NULL, &err))
            break;
        acked = k;
        if (k % 25 == 0) {
            fm_store_close(s);
            s = NULL;
            if (open_store(path, &s))
                break;
        }
    }
    fm_store_close(s);
    return acked;
}

/* The rebooted store must hold exactly the state after n imports, n = acked or acked + 1. */
static void check_boot(const char *path, int acked, long round)
{
    fm_store *s = NULL;
    sqlite3_stmt *st = NULL;
    long long n;
    fm_rc rc = open_store(path, &s);

    cr_assert_eq(rc, FM_OK, "round %ld: the store does not open after the power cut", round);
    st = NULL;
    cr_assert_eq(sqlite3_prepare_v2(s->db, "PRAGMA integrity_check", -1, &st, NULL), SQLITE_OK);
    cr_assert_eq(sqlite3_step(st), SQLITE_ROW);
    cr_assert_str_eq((const char *)sqlite3_column_text(st, 0), "ok", "round %ld", round);
    sqlite3_finalize(st);
    cr_assert_eq(fm_store_sql_int(s->db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
    n = fm_store_sql_int(s->db, "SELECT count(*) FROM seekers WHERE id LIKE 'N%'");
    cr_assert(n == acked || n == acked + 1,
              "round %ld: %lld imports survived, %d were acknowledged", round, n, acked);
    cr_assert_eq(fm_store_sql_int(s->db, "SELECT count(*) FROM audit_log WHERE action = 'import'"),
                 n, "round %ld: audit rows and data disagree", round);
    if (n > 0) {
        char sql[160];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM seekers WHERE id = 'N%03lld'", n);
        cr_assert_eq(fm_store_sql_int(s->db, sql), 1, "round %ld: import %lld half there", round,
                     n);
    }
    for (int j = 0; j < UPDATED; j++) {
        /* The last of the n imports that touched U<j> decides its first name. */
        long long last = 0;
        char sql[160];
        for (long long k = 1; k <= n; k++)
            if (k % UPDATED == j)
                last = k;
        snprintf(sql, sizeof sql,
                 "SELECT count(*) FROM seekers WHERE id = 'U%d' AND first_name = 'v%lld'", j, last);
        cr_assert_eq(fm_store_sql_int(s->db, sql), last ? 1 : 0, "round %ld: U%d is not v%lld",
                     round, j, last);
    }
    fm_store_close(s);
}

static void write_boot(void)
{
    char p[sizeof dir_boot + sizeof pl.snap[0].base + 1];
    rm_dir(dir_boot);
    for (size_t i = 0; i < pl.nsnap; i++) {
        FILE *f;
        snprintf(p, sizeof p, "%s/%s", dir_boot, pl.snap[i].base);
        f = fopen(p, "wb");
        cr_assert_not_null(f);
        cr_assert_eq(fwrite(pl.snap[i].data, 1, pl.snap[i].len, f), pl.snap[i].len);
        fclose(f);
    }
}

static long env_long(const char *name, long dflt)
{
    const char *v = getenv(name);
    return v && *v ? strtol(v, NULL, 10) : dflt;
}

Test(store_powerloss, every_acknowledged_write_survives_a_power_cut, .timeout = 1800)
{
    long rounds = env_long("FM_POWERLOSS_ROUNDS", 40);
    uint64_t seed = (uint64_t)env_long("FM_POWERLOSS_SEED", 20261203);
    char live[96], boot[96];
    long total_ops, cuts_in_txn = 0, in_flight_kept = 0, acked_sum = 0;

    snprintf(dir_live, sizeof dir_live, "/tmp/fm_pl_live_%d", (int)getpid());
    snprintf(dir_boot, sizeof dir_boot, "/tmp/fm_pl_boot_%d", (int)getpid());
    mkdir(dir_live, 0700);
    mkdir(dir_boot, 0700);
    snprintf(live, sizeof live, "%s/t.db", dir_live);
    snprintf(boot, sizeof boot, "%s/t.db", dir_boot);
    install_vfs();
    pl.rng = seed ? seed : 1;

    /* Calibrate: how many writes, syncs and truncates the whole workload makes. */
    rm_dir(dir_live);
    reset_images();
    pl.crash_at = 0;
    cr_assert_eq(workload(live), TXNS);
    total_ops = pl.ops_done;
    cr_assert_gt(total_ops, 100);

    for (long r = 1; r <= rounds; r++) {
        int acked;
        long long n;
        rm_dir(dir_live);
        reset_images();
        pl.crash_at = 1 + (long)(rnd() % (uint64_t)total_ops);
        pl.mode = (int)(rnd() % 3);
        acked = workload(live);
        if (!pl.crashed)
            power_off(); /* past the last op: the cut hits the idle store */
        pl.crash_at = 0;
        write_boot();
        reset_images();
        check_boot(boot, acked, r);
        {
            sqlite3 *db = NULL;
            cr_assert_eq(sqlite3_open_v2(boot, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
            n = fm_store_sql_int(db, "SELECT count(*) FROM seekers WHERE id LIKE 'N%'");
            sqlite3_close(db);
        }
        cuts_in_txn += acked < TXNS;
        in_flight_kept += n == acked + 1;
        acked_sum += acked;
    }
    /* Figures for bench/powerloss/run.sh and docs/reliability.md. */
    fprintf(stderr,
            "powerloss: seed %llu, %ld rounds, %ld ops per workload, %ld cuts inside the "
            "workload, %ld acknowledged imports checked, %ld in-flight imports kept, 0 "
            "failures\n",
            (unsigned long long)seed, rounds, total_ops, cuts_in_txn, acked_sum, in_flight_kept);
    rm_dir(dir_live);
    rm_dir(dir_boot);
    rmdir(dir_live);
    rmdir(dir_boot);
}
