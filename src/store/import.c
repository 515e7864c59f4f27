/*
 * import.c - the spreadsheet imports' driver: reads the table, maps its
 * header, runs every row in one transaction (or a savepoint inside the
 * caller's) and writes all rows or none. Rows, headers, fields and the
 * per-kind importers are the other import_*.c files' (import_internal.h).
 */
#include "fairmatch/import.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/buf.h"
#include "fairmatch/date.h"
#include "import_internal.h"

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

    rc = fm_import_read_table(im, kind, data, len);
    if (rc)
        return rc;
    if (im->t->nrecords == 0) {
        fm_import_problem_at(im, 0, 1, "header", "the file is empty (no header line)");
        fm_import_flush(im);
        return FM_EINVAL;
    }
    for (size_t j = 0; j < im->t->records[0].nfields; j++)
        fm_import_trim(&im->t->records[0].fields[j]);
    fm_import_map_headers(im);
    fm_import_flush(im);
    if (im->st.problems)
        return FM_EINVAL;
    rc = open_txn(im->s, &own, im->err);
    if (rc)
        return rc;
    fm_import_rows(im, kind);
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
    return fm_import_buffer_sheet(s, kind, display_name, NULL, data, len, actor, stats, sink,
                                  sink_ctx, err);
}

fm_rc fm_import_buffer_sheet(fm_store *s, fm_import_kind kind, const char *display_name,
                             const char *sheet, const char *data, size_t len, const char *actor,
                             fm_import_stats *stats, fm_import_sink sink, void *sink_ctx,
                             fm_err *err)
{
    imp im;
    fm_err local = {0};
    fm_rc rc;

    if ((size_t)kind >= FM_IMPORT_NKINDS)
        return fm_err_set(err, FM_EINVAL, "unknown import kind %d", (int)kind);
    memset(&im, 0, sizeof im);
    im.s = s;
    im.file = display_name;
    im.sheet = sheet;
    im.actor = actor ? actor : "cli";
    im.spec = &fm_import_kinds[kind];
    im.sink = sink;
    im.sink_ctx = sink_ctx;
    im.err = err ? err : &local;
    im.ref_year = fm_date_today().year;
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
    fm_import_flush(&im);
    fm_csv_table_free(im.t);
    fm_import_keyset_free(&im.seen);
    return rc;
}

fm_rc fm_import_file(fm_store *s, fm_import_kind kind, const char *path, const char *actor,
                     fm_import_stats *stats, fm_import_sink sink, void *sink_ctx, fm_err *err)
{
    return fm_import_file_sheet(s, kind, path, NULL, actor, stats, sink, sink_ctx, err);
}

fm_rc fm_import_file_sheet(fm_store *s, fm_import_kind kind, const char *path, const char *sheet,
                           const char *actor, fm_import_stats *stats, fm_import_sink sink,
                           void *sink_ctx, fm_err *err)
{
    fm_buf b = FM_BUF_INIT;
    fm_rc rc;

    if (stats)
        memset(stats, 0, sizeof *stats);
    /* A path that does not lead to a readable file is the user's input (FM_EINVAL), not our
     * failure; 256 MiB is far beyond any fair's list. */
    rc = fm_buf_read_file(&b, path, (size_t)256 * 1024 * 1024, err);
    if (rc)
        goto done;
    rc = fm_import_buffer_sheet(s, kind, path, sheet, b.data, b.len, actor, stats, sink, sink_ctx,
                                err);
done:
    fm_buf_release(&b);
    return rc;
}
