/*
 * purge.c - storage limitation for seekers: blank the personal details of
 * those inactive since a cutoff, with secure_delete on and the WAL truncated
 * afterwards. It decides nothing about retention periods (the organiser picks
 * the months) and never deletes rows that the reports count.
 */
#include "store_internal.h"

#include <stdio.h>
#include <string.h>

#include "fairmatch/purge.h"
#include "query.h"

/*
 * A seeker is active when anything about them is dated on or after the
 * cutoff (?1), or an employment is still open. Shared by the count and the
 * update so that a dry run reports exactly what a real run would do.
 */
#define ACTIVE                                                                                     \
    "(coalesce(s.registered, '') >= ?1"                                                            \
    " OR EXISTS (SELECT 1 FROM invitations i JOIN fairs f ON f.id = i.fair_id"                     \
    "            WHERE i.seeker_id = s.id AND f.date >= ?1)"                                       \
    " OR EXISTS (SELECT 1 FROM interviews v JOIN fairs f ON f.id = v.fair_id"                      \
    "            WHERE v.seeker_id = s.id AND f.date >= ?1)"                                       \
    " OR EXISTS (SELECT 1 FROM employments e WHERE e.seeker_id = s.id"                             \
    "            AND (e.end_date IS NULL OR e.decision_date >= ?1"                                 \
    "                 OR coalesce(e.start_date, '') >= ?1 OR e.end_date >= ?1)))"

static fm_rc exec(fm_store *s, const char *sql, fm_err *err)
{
    if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return fm_store_dberr(s, err, sql);
    return FM_OK;
}

/* today minus months, the day clamped to the target month's length. */
static fm_date months_before(fm_date today, int months)
{
    int idx = today.year * 12 + (today.month - 1) - months;
    fm_date d;
    d.year = idx / 12;
    d.month = idx % 12 + 1;
    d.day = today.day;
    if (d.day > fm_date_days_in_month(d.year, d.month))
        d.day = fm_date_days_in_month(d.year, d.month);
    return d;
}

static fm_rc blank(fm_store *s, const char *cutoff, const char *actor, fm_purge_result *out,
                   fm_err *err)
{
    static const char sql[] =
        "UPDATE seekers AS s SET first_name = NULL, last_name = NULL, personal_number = NULL,"
        " phone = NULL, email = NULL, purged_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
        " WHERE s.purged_at IS NULL AND NOT " ACTIVE;
    sqlite3_stmt *st = NULL;
    char detail[128];
    fm_rc rc;

    rc = fm_store_begin(s, err);
    if (rc)
        goto done;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        rc = fm_store_dberr(s, err, "purge");
        goto done;
    }
    fm_store_bind_text(st, 1, cutoff);
    if (sqlite3_step(st) != SQLITE_DONE) {
        rc = fm_store_dberr(s, err, "purge");
        goto done;
    }
    out->purged = sqlite3_changes64(s->db);
    /* counts and the cutoff only: the audit log never holds personal data */
    snprintf(detail, sizeof detail, "%lld seekers inactive since %s purged", out->purged, cutoff);
    rc = fm_store_audit(s, actor, "purge", "seekers", NULL, detail, err);
    if (rc)
        goto done;
    rc = fm_store_commit(s, err);
done:
    sqlite3_finalize(st);
    if (rc)
        fm_store_rollback(s);
    return rc;
}

/* Move the WAL into the file and cut it to 0 bytes; false if a reader held it. */
static int truncate_wal(fm_store *s)
{
    sqlite3_stmt *st = NULL;
    int ok = 0;
    if (sqlite3_prepare_v2(s->db, "PRAGMA wal_checkpoint(TRUNCATE)", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        ok = sqlite3_column_int(st, 0) == 0;
    sqlite3_finalize(st);
    return ok;
}

fm_rc fm_purge_inactive(fm_store *s, int older_than_months, fm_date today, bool dry_run,
                        const char *actor, fm_purge_result *out, fm_err *err)
{
    long long was_secure = 0;
    fm_rc rc;

    memset(out, 0, sizeof *out);
    if (older_than_months < 1 || older_than_months > 1200)
        return fm_err_set(err, FM_EINVAL, "--older-than: %d is not a number of months 1...1200",
                          older_than_months);
    fm_date_format(months_before(today, older_than_months), out->cutoff);
    rc = fm_store_query_int(s, "SELECT count(*) FROM seekers s WHERE s.purged_at IS NOT NULL",
                            out->cutoff, &out->already, err);
    if (!rc)
        rc = fm_store_query_int(
            s, "SELECT count(*) FROM seekers s WHERE s.purged_at IS NULL AND " ACTIVE, out->cutoff,
            &out->kept, err);
    if (!rc && dry_run)
        rc = fm_store_query_int(
            s, "SELECT count(*) FROM seekers s WHERE s.purged_at IS NULL AND NOT " ACTIVE,
            out->cutoff, &out->purged, err);
    if (rc || dry_run)
        return rc;
    rc = fm_store_query_int(s, "PRAGMA secure_delete", NULL, &was_secure, err);
    if (rc)
        return rc;
    rc = exec(s, "PRAGMA secure_delete = ON", err);
    if (rc)
        return rc;
    rc = blank(s, out->cutoff, actor, out, err);
    if (!rc)
        out->wal_truncated = truncate_wal(s) != 0;
    if (!was_secure)
        sqlite3_exec(s->db, "PRAGMA secure_delete = OFF", NULL, NULL, NULL);
    return rc;
}
