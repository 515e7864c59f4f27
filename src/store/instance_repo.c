/*
 * instance_repo.c - the DB -> instance JSON builder of fairmatch/export.h
 * with its attribute score. It writes JSON text by hand (the store links no
 * JSON library) and leaves parsing and validation to fm_instance_parse.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/buf.h"
#include "fairmatch/export.h"
#include "store_internal.h"

static fm_rc add_json_str(fm_buf *b, const char *s)
{
    fm_rc rc = fm_buf_addch(b, '"');
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); !rc && *p; p++) {
        if (*p == '"' || *p == '\\')
            rc = fm_buf_addf(b, "\\%c", *p);
        else if (*p < 0x20)
            rc = fm_buf_addf(b, "\\u%04x", *p);
        else
            rc = fm_buf_addch(b, (char)*p);
    }
    return rc ? rc : fm_buf_addch(b, '"');
}

static double level(const char *code, size_t len, const char *occ)
{
    if (len != 4 || strlen(occ) != 4)
        return 0;
    if (!strncmp(code, occ, 4))
        return 1.0;
    if (!strncmp(code, occ, 3))
        return 0.6;
    if (!strncmp(code, occ, 2))
        return 0.3;
    return 0;
}

/* Best level * weight(rank) over the '|'-separated list. OUT: *rank_out of the best (-1 none). */
static double best_in_list(const char *list, const char *occ, bool ranked, int *rank_out)
{
    double best = 0;
    int rank = 0;
    *rank_out = -1;
    for (const char *p = list; p && *p; rank++) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        double v = level(p, len, occ);
        if (ranked)
            v *= rank < 6 ? 1.0 - 0.15 * rank : 0.0;
        if (v > best) {
            best = v;
            *rank_out = rank;
        }
        p = bar ? bar + 1 : p + len;
    }
    return best;
}

double fm_export_score(const char *interests, const char *experience, const char *occupation)
{
    int r1, r2;
    double a = best_in_list(interests, occupation, true, &r1);
    double b = 0.5 * best_in_list(experience, occupation, false, &r2);
    double s = 100.0 * (a > b ? a : b);
    return round(s * 100.0) / 100.0;
}

static fm_rc prep(fm_store *s, const char *sql, sqlite3_stmt **st, fm_err *err)
{
    if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK)
        return fm_store_dberr(s, err, "export instance");
    return FM_OK;
}

static fm_rc add_fair(fm_store *s, fm_buf *b, const char *fair_id, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc = prep(s, "SELECT id, date, start, period_minutes, periods FROM fairs WHERE id = ?",
                    &st, err);
    int r;

    if (rc)
        return rc;
    fm_store_bind_text(st, 1, fair_id);
    r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        rc = fm_buf_adds(b, "{\"format\":\"fairmatch-instance/1\",\"fair\":{\"id\":");
        if (!rc)
            rc = add_json_str(b, (const char *)sqlite3_column_text(st, 0));
        if (!rc)
            rc = fm_buf_adds(b, ",\"date\":");
        if (!rc)
            rc = add_json_str(b, (const char *)sqlite3_column_text(st, 1));
        if (!rc)
            rc = fm_buf_adds(b, ",\"start\":");
        if (!rc)
            rc = add_json_str(b, (const char *)sqlite3_column_text(st, 2));
        if (!rc)
            rc = fm_buf_addf(b, ",\"period_minutes\":%d,\"periods\":%d}", sqlite3_column_int(st, 3),
                             sqlite3_column_int(st, 4));
    } else if (r == SQLITE_DONE) {
        rc = fm_err_set(err, FM_ENOTFOUND, "no fair \"%s\"", fair_id);
    } else {
        rc = fm_store_dberr(s, err, "export instance");
    }
    sqlite3_finalize(st);
    return rc;
}

#define DEPTS_AT_FAIR                                                                              \
    "SELECT d.id, d.name, COALESCE(fd.tables, d.tables) AS t FROM departments d LEFT JOIN"         \
    " fair_departments fd ON fd.department_id = d.id AND fd.fair_id = ?1 WHERE (fd.fair_id IS"     \
    " NOT NULL OR d.id IN (SELECT department_id FROM positions WHERE fair_id = ?1))"               \
    " AND COALESCE(fd.tables, d.tables) > 0"

static fm_rc add_departments(fm_store *s, fm_buf *b, const char *fair_id, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc = prep(s, DEPTS_AT_FAIR " ORDER BY d.id", &st, err);
    int r, n = 0;

    if (!rc)
        rc = fm_buf_adds(b, ",\"departments\":[");
    if (rc)
        goto done;
    fm_store_bind_text(st, 1, fair_id);
    while (!rc && (r = sqlite3_step(st)) == SQLITE_ROW) {
        rc = fm_buf_adds(b, n++ ? ",{\"id\":" : "{\"id\":");
        if (!rc)
            rc = add_json_str(b, (const char *)sqlite3_column_text(st, 0));
        if (!rc)
            rc = fm_buf_adds(b, ",\"name\":");
        if (!rc)
            rc = add_json_str(b, (const char *)sqlite3_column_text(st, 1));
        if (!rc)
            rc = fm_buf_addf(b, ",\"tables\":%d}", sqlite3_column_int(st, 2));
    }
    if (!rc)
        rc = fm_buf_addch(b, ']');
done:
    sqlite3_finalize(st);
    return rc;
}

static fm_rc add_positions(fm_store *s, fm_buf *b, const char *fair_id, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc = prep(s,
                    "SELECT p.id, p.department_id, p.places, p.occupation, p.title FROM positions p"
                    " WHERE p.fair_id = ?1 AND p.department_id IN (SELECT id FROM (" DEPTS_AT_FAIR
                    ")) ORDER BY p.id",
                    &st, err);
    int n = 0;

    if (!rc)
        rc = fm_buf_adds(b, ",\"positions\":[");
    if (rc)
        goto done;
    fm_store_bind_text(st, 1, fair_id);
    while (!rc && sqlite3_step(st) == SQLITE_ROW) {
        rc = fm_buf_adds(b, n++ ? ",{\"id\":" : "{\"id\":");
        if (!rc)
            rc = add_json_str(b, (const char *)sqlite3_column_text(st, 0));
        if (!rc)
            rc = fm_buf_adds(b, ",\"department\":");
        if (!rc)
            rc = add_json_str(b, (const char *)sqlite3_column_text(st, 1));
        if (!rc)
            rc = fm_buf_addf(b, ",\"places\":%d,\"occupation\":",
                             sqlite3_column_int(st, 2) > 100 ? 100 : sqlite3_column_int(st, 2));
        if (!rc)
            rc = add_json_str(b, (const char *)sqlite3_column_text(st, 3));
        if (!rc)
            rc = fm_buf_adds(b, ",\"title\":");
        if (!rc)
            rc = add_json_str(b, (const char *)sqlite3_column_text(st, 4));
        if (!rc)
            rc = fm_buf_addch(b, '}');
    }
    if (!rc)
        rc = fm_buf_addch(b, ']');
done:
    sqlite3_finalize(st);
    return rc;
}

static fm_rc add_seekers(fm_store *s, fm_buf *b, const char *fair_id, fm_err *err)
{
    /* Earlier fairs (by date) the seeker was invited to and got no offer at. */
    static const char sql[] =
        "SELECT s.id, s.gender, (SELECT count(*) FROM invitations v2 JOIN fairs f2 ON"
        " f2.id = v2.fair_id WHERE v2.seeker_id = s.id AND f2.date < f.date AND NOT EXISTS"
        " (SELECT 1 FROM interviews i WHERE i.fair_id = v2.fair_id AND i.seeker_id = s.id AND"
        " i.outcome = 'offer')) FROM invitations v JOIN seekers s ON s.id = v.seeker_id JOIN"
        " fairs f ON f.id = v.fair_id WHERE v.fair_id = ?1 ORDER BY s.id";
    sqlite3_stmt *st = NULL;
    fm_rc rc = prep(s, sql, &st, err);
    int n = 0;

    if (!rc)
        rc = fm_buf_adds(b, ",\"seekers\":[");
    if (rc)
        goto done;
    fm_store_bind_text(st, 1, fair_id);
    while (!rc && sqlite3_step(st) == SQLITE_ROW) {
        int missed = sqlite3_column_int(st, 2);
        rc = fm_buf_adds(b, n++ ? ",{\"id\":" : "{\"id\":");
        if (!rc)
            rc = add_json_str(b, (const char *)sqlite3_column_text(st, 0));
        if (!rc)
            rc = fm_buf_adds(b, ",\"gender\":");
        if (!rc)
            rc = add_json_str(b, (const char *)sqlite3_column_text(st, 1));
        if (!rc)
            rc = fm_buf_addf(b, ",\"fairs_without_offer\":%d}", missed > 1000 ? 1000 : missed);
    }
    if (!rc)
        rc = fm_buf_addch(b, ']');
done:
    sqlite3_finalize(st);
    return rc;
}

static fm_rc add_scores(fm_store *s, fm_buf *b, const char *fair_id, fm_err *err)
{
    static const char sql[] =
        "SELECT s.id, p.id, s.interests, s.experience, p.occupation FROM invitations v JOIN"
        " seekers s ON s.id = v.seeker_id JOIN positions p ON p.fair_id = v.fair_id WHERE"
        " v.fair_id = ?1 AND p.department_id IN (SELECT id FROM (" DEPTS_AT_FAIR "))"
        " AND (p.requires_driving_licence = 0 OR s.driving_licence = 1)"
        " AND (p.min_swedish_level IS NULL OR s.swedish_level >= p.min_swedish_level)"
        " ORDER BY s.id, p.id";
    sqlite3_stmt *st = NULL;
    fm_rc rc = prep(s, sql, &st, err);
    int n = 0;

    if (!rc)
        rc = fm_buf_adds(b, ",\"scores\":[");
    if (rc)
        goto done;
    fm_store_bind_text(st, 1, fair_id);
    while (!rc && sqlite3_step(st) == SQLITE_ROW) {
        double score = fm_export_score((const char *)sqlite3_column_text(st, 2),
                                       (const char *)sqlite3_column_text(st, 3),
                                       (const char *)sqlite3_column_text(st, 4));
        if (score <= 0)
            continue;
        rc = fm_buf_adds(b, n++ ? ",{\"seeker\":" : "{\"seeker\":");
        if (!rc)
            rc = add_json_str(b, (const char *)sqlite3_column_text(st, 0));
        if (!rc)
            rc = fm_buf_adds(b, ",\"position\":");
        if (!rc)
            rc = add_json_str(b, (const char *)sqlite3_column_text(st, 1));
        if (!rc)
            rc = fm_buf_addf(b, ",\"score\":%.2f}", score);
    }
    if (!rc)
        rc = fm_buf_adds(b, "]}\n");
done:
    sqlite3_finalize(st);
    return rc;
}

fm_rc fm_export_instance_json(fm_store *s, const char *fair_id, char **json, size_t *len,
                              fm_err *err)
{
    fm_buf b = FM_BUF_INIT;
    fm_rc rc;

    *json = NULL;
    *len = 0;
    /* One read transaction, so the parts agree with each other. */
    if (sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        return fm_store_dberr(s, err, "export instance");
    rc = add_fair(s, &b, fair_id, err);
    if (!rc)
        rc = add_departments(s, &b, fair_id, err);
    if (!rc)
        rc = add_positions(s, &b, fair_id, err);
    if (!rc)
        rc = add_seekers(s, &b, fair_id, err);
    if (!rc)
        rc = add_scores(s, &b, fair_id, err);
    sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
    if (rc == FM_ENOMEM || (rc && !err))
        fm_err_set(err, FM_ENOMEM, "out of memory");
    if (rc) {
        fm_buf_release(&b);
        return rc;
    }
    *json = fm_buf_detach(&b, len);
    return *json ? FM_OK : fm_err_set(err, FM_ENOMEM, "out of memory");
}
