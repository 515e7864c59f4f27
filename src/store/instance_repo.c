/*
 * instance_repo.c - the DB -> instance JSON builder of fairmatch/export.h:
 * who and what is at the fair, quotas and hires per department, and each
 * pair's score with its `why` (the scoring itself is src/core/score.c). It
 * writes JSON text by hand (the store links no JSON library) and leaves
 * parsing and validation to fm_instance_parse.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/buf.h"
#include "fairmatch/date.h"
#include "fairmatch/export.h"
#include "fairmatch/report_repo.h"
#include "fairmatch/score.h"
#include "repo.h"
#include "store_internal.h"

/* One department's quota and hires, when the programme is set. */
typedef struct dept_quota {
    char *id;
    long long quota;
    long long hired;
} dept_quota;

typedef struct build {
    fm_store *s;
    const char *fair_id;
    char date[11]; /* the fair's date */
    dept_quota *q; /* NULL when no programme is set: no quota is written */
    size_t nq;
} build;

static fm_rc add_json_str(fm_buf *b, const char *s)
{
    /* The instance file has always written a NULL column as "", where fm_buf writes null. */
    return fm_buf_add_json_str(b, s ? s : "");
}

static const char *col(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

/* An integer column, or dflt when it is NULL. */
static int col_int(sqlite3_stmt *st, int i, int dflt)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? dflt : sqlite3_column_int(st, i);
}

void fm_store_score_seeker_row(sqlite3_stmt *st, int c, fm_score_seeker *out)
{
    fm_score_seeker sk = {col(st, c),
                          col(st, c + 1),
                          col_int(st, c + 2, -1),
                          col_int(st, c + 3, -1),
                          col_int(st, c + 4, 0),
                          col_int(st, c + 5, -1)};
    *out = sk;
}

void fm_store_score_position_row(sqlite3_stmt *st, int c, fm_score_position *out)
{
    fm_score_position ps = {
        col(st, c), sqlite3_column_int(st, c + 1) == 1, col_int(st, c + 2, -1),
        sqlite3_column_type(st, c + 3) == SQLITE_NULL ? 0.0 : sqlite3_column_double(st, c + 3)};
    *out = ps;
}

double fm_export_score(const char *interests, const char *experience, const char *occupation)
{
    return (double)fm_score_ssyk_fit(interests, experience, occupation, NULL, NULL, NULL) / 100.0;
}

static fm_rc add_fair(build *bd, fm_buf *b, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc = fm_repo_prepare(
        bd->s, "SELECT id, date, start, period_minutes, periods FROM fairs WHERE id = ?", &st, err);
    int r;

    if (rc)
        return rc;
    fm_store_bind_text(st, 1, bd->fair_id);
    r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        snprintf(bd->date, sizeof bd->date, "%s", col(st, 1) ? col(st, 1) : "");
        rc = fm_buf_adds(b, "{\"format\":\"fairmatch-instance/1\",\"fair\":{\"id\":");
        if (!rc)
            rc = add_json_str(b, col(st, 0));
        if (!rc)
            rc = fm_buf_adds(b, ",\"date\":");
        if (!rc)
            rc = add_json_str(b, col(st, 1));
        if (!rc)
            rc = fm_buf_adds(b, ",\"start\":");
        if (!rc)
            rc = add_json_str(b, col(st, 2));
        if (!rc)
            rc = fm_buf_addf(b, ",\"period_minutes\":%d,\"periods\":%d}", sqlite3_column_int(st, 3),
                             sqlite3_column_int(st, 4));
    } else if (r == SQLITE_DONE) {
        rc = fm_err_set(err, FM_ENOTFOUND, "no fair \"%s\"", bd->fair_id);
    } else {
        rc = fm_store_dberr(bd->s, err, "export instance");
    }
    sqlite3_finalize(st);
    return rc;
}

static void quotas_free(build *bd)
{
    for (size_t i = 0; bd->q && i < bd->nq; i++)
        free(bd->q[i].id);
    free(bd->q);
    bd->q = NULL;
    bd->nq = 0;
}

/*
 * Quotas and hires as `fairmatch quota --fair` shows them: the Hamilton
 * split of the programme goal by department size (fairmatch/quota.h) and the
 * hires decided from the programme start up to the day before the fair, so
 * that the fair's own decisions never change its instance afterwards.
 */
static fm_rc load_quotas(build *bd, fm_err *err)
{
    fm_rr_programme prog;
    fm_rr_quota *v = NULL;
    size_t n = 0;
    char upto[11];
    fm_date fd;
    bool found;
    fm_rc rc;

    if (!fm_date_parse(bd->date, &fd)) {
        /* A bad date only matters when there are hires to count up to it. */
        rc = fm_store_report_programme(bd->s, &prog, &found, err);
        if (rc || !found)
            return rc;
        return fm_err_set(err, FM_EINVAL, "fair %s: date \"%s\" is not a date", bd->fair_id,
                          bd->date);
    }
    fm_date_format(fm_date_from_days(fm_date_to_days(fd) - 1), upto);
    rc = fm_store_report_quotas(bd->s, upto, &prog, &found, &v, &n, NULL, err);
    if (rc || !found)
        return rc;
    bd->q = calloc(n + 1, sizeof *bd->q);
    if (!bd->q) {
        rc = fm_err_set(err, FM_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        dept_quota *q = &bd->q[bd->nq++];
        q->id = v[i].id;
        v[i].id = NULL;
        q->quota = v[i].quota;
        q->hired = v[i].hired;
    }
done:
    fm_rr_quota_list_free(v, n);
    return rc;
}

static const dept_quota *quota_of(const build *bd, const char *id)
{
    for (size_t i = 0; bd->q && i < bd->nq; i++)
        if (!strcmp(bd->q[i].id, id))
            return &bd->q[i];
    return NULL;
}

/* The departments at the fair (store_internal.h). */
#define DEPTS_AT_FAIR FM_SQL_DEPTS_AT_FAIR

static fm_rc add_department(const build *bd, fm_buf *b, sqlite3_stmt *st, int *n)
{
    const dept_quota *q = quota_of(bd, col(st, 0));
    fm_rc rc = fm_buf_adds(b, (*n)++ ? ",{\"id\":" : "{\"id\":");
    long long quota = q ? q->quota : 0, hired = q ? q->hired : 0;

    if (!rc)
        rc = add_json_str(b, col(st, 0));
    if (!rc)
        rc = fm_buf_adds(b, ",\"name\":");
    if (!rc)
        rc = add_json_str(b, col(st, 1));
    if (!rc)
        rc = fm_buf_addf(b, ",\"tables\":%d", sqlite3_column_int(st, 2));
    /* The format caps both at 100000; a goal that large is not an extra-job programme. */
    if (!rc && q)
        rc = fm_buf_addf(b, ",\"quota\":%lld,\"hired\":%lld", quota > 100000 ? 100000 : quota,
                         hired > 100000 ? 100000 : hired);
    return rc ? rc : fm_buf_addch(b, '}');
}

/* One row of a query as a JSON object; *n counts the objects so far. */
typedef fm_rc (*row_fn)(const build *bd, fm_buf *b, sqlite3_stmt *st, int *n);

/*
 * head, then one object per row of sql (?1 bound to the fair), then tail:
 * the instance's arrays.
 */
static fm_rc add_array(build *bd, fm_buf *b, const char *head, const char *sql, row_fn row,
                       const char *tail, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc = fm_repo_prepare(bd->s, sql, &st, err);
    int r = SQLITE_DONE, n = 0;

    if (!rc)
        rc = fm_buf_adds(b, head);
    if (rc)
        goto done;
    fm_store_bind_text(st, 1, bd->fair_id);
    while (!rc && (r = sqlite3_step(st)) == SQLITE_ROW)
        rc = row(bd, b, st, &n);
    if (!rc && r != SQLITE_DONE)
        rc = fm_store_dberr(bd->s, err, "export instance");
    if (!rc)
        rc = fm_buf_adds(b, tail);
done:
    sqlite3_finalize(st);
    return rc;
}

static fm_rc add_position(const build *bd, fm_buf *b, sqlite3_stmt *st, int *n)
{
    int places = sqlite3_column_int(st, 2);
    fm_rc rc = fm_buf_adds(b, (*n)++ ? ",{\"id\":" : "{\"id\":");

    (void)bd;
    if (!rc)
        rc = add_json_str(b, col(st, 0));
    if (!rc)
        rc = fm_buf_adds(b, ",\"department\":");
    if (!rc)
        rc = add_json_str(b, col(st, 1));
    if (!rc)
        rc = fm_buf_addf(b, ",\"places\":%d,\"occupation\":", places > 100 ? 100 : places);
    if (!rc)
        rc = add_json_str(b, col(st, 3));
    if (!rc)
        rc = fm_buf_adds(b, ",\"title\":");
    if (!rc)
        rc = add_json_str(b, col(st, 4));
    return rc ? rc : fm_buf_addch(b, '}');
}

static fm_rc add_seeker(const build *bd, fm_buf *b, sqlite3_stmt *st, int *n)
{
    int missed = sqlite3_column_int(st, 2);
    fm_rc rc = fm_buf_adds(b, (*n)++ ? ",{\"id\":" : "{\"id\":");

    (void)bd;
    if (!rc)
        rc = add_json_str(b, col(st, 0));
    if (!rc)
        rc = fm_buf_adds(b, ",\"gender\":");
    if (!rc)
        rc = add_json_str(b, col(st, 1));
    if (!rc)
        rc = fm_buf_addf(b, ",\"fairs_without_offer\":%d}", missed > 1000 ? 1000 : missed);
    return rc;
}

/* Score the pair in the current row; append it with its why when eligible. */
static fm_rc add_score(const build *owner, fm_buf *b, sqlite3_stmt *st, int *n)
{
    fm_score_seeker sk;
    fm_score_position ps;
    fm_score_breakdown bd;
    fm_rc rc;

    (void)owner;
    fm_store_score_seeker_row(st, 2, &sk);
    fm_store_score_position_row(st, 8, &ps);
    fm_score_pair(&sk, &ps, &bd);
    if (bd.verdict != FM_SCORE_ELIGIBLE)
        return FM_OK;
    rc = fm_buf_adds(b, (*n)++ ? ",{\"seeker\":" : "{\"seeker\":");
    if (!rc)
        rc = add_json_str(b, col(st, 0));
    if (!rc)
        rc = fm_buf_adds(b, ",\"position\":");
    if (!rc)
        rc = add_json_str(b, col(st, 1));
    if (!rc)
        rc = fm_buf_adds(b, ",\"score\":");
    if (!rc)
        rc = fm_score_add_points(b, bd.total);
    if (!rc)
        rc = fm_buf_adds(b, ",\"why\":");
    if (!rc)
        rc = fm_score_why_json(&bd, b);
    return rc ? rc : fm_buf_addch(b, '}');
}

/*
 * The arrays' queries. Seekers: fairs_without_offer counts the earlier
 * fairs (by date) the seeker came to - invited and not a no-show - without
 * getting an offer there.
 */
static const char sql_departments[] = DEPTS_AT_FAIR " ORDER BY d.id";
static const char sql_positions[] =
    "SELECT p.id, p.department_id, p.places, p.occupation, p.title FROM positions p"
    " WHERE p.fair_id = ?1 AND p.department_id IN (SELECT id FROM (" DEPTS_AT_FAIR
    ")) ORDER BY p.id";
static const char sql_seekers[] =
    "SELECT s.id, s.gender, (SELECT count(*) FROM invitations v2 JOIN fairs f2 ON"
    " f2.id = v2.fair_id WHERE v2.seeker_id = s.id AND f2.date < f.date AND"
    " v2.attendance <> 'no_show' AND NOT EXISTS (SELECT 1 FROM interviews i WHERE"
    " i.fair_id = v2.fair_id AND i.seeker_id = s.id AND i.outcome = 'offer'))"
    " FROM invitations v JOIN seekers s ON s.id = v.seeker_id JOIN fairs f ON"
    " f.id = v.fair_id WHERE v.fair_id = ?1 ORDER BY s.id";
static const char sql_scores[] =
    "SELECT s.id, p.id, s.interests, s.experience, s.swedish_level, s.driving_licence,"
    " s.extent_preference, s.screening, p.occupation, p.requires_driving_licence,"
    " p.min_swedish_level, p.extent FROM invitations v JOIN seekers s ON s.id = v.seeker_id"
    " JOIN positions p ON p.fair_id = v.fair_id WHERE v.fair_id = ?1 AND p.department_id IN"
    " (SELECT id FROM (" DEPTS_AT_FAIR ")) ORDER BY s.id, p.id";

fm_rc fm_export_instance_json(fm_store *s, const char *fair_id, char **json, size_t *len,
                              fm_err *err)
{
    fm_buf b = FM_BUF_INIT;
    build bd = {.s = s, .fair_id = fair_id};
    fm_rc rc;

    *json = NULL;
    *len = 0;
    /* One read transaction, so the parts agree with each other. */
    if (sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        return fm_store_dberr(s, err, "export instance");
    rc = add_fair(&bd, &b, err);
    if (!rc)
        rc = load_quotas(&bd, err);
    if (!rc)
        rc = add_array(&bd, &b, ",\"departments\":[", sql_departments, add_department, "]", err);
    if (!rc)
        rc = add_array(&bd, &b, ",\"positions\":[", sql_positions, add_position, "]", err);
    if (!rc)
        rc = add_array(&bd, &b, ",\"seekers\":[", sql_seekers, add_seeker, "]", err);
    if (!rc)
        rc = add_array(&bd, &b, ",\"scores\":[", sql_scores, add_score, "]}\n", err);
    sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
    quotas_free(&bd);
    /* The fm_buf calls report FM_ENOMEM without a message. */
    if (rc == FM_ENOMEM && err && !err->msg[0])
        fm_err_set(err, FM_ENOMEM, "out of memory");
    if (rc) {
        fm_buf_release(&b);
        return rc;
    }
    *json = fm_buf_detach(&b, len);
    return *json ? FM_OK : fm_err_set(err, FM_ENOMEM, "out of memory");
}
