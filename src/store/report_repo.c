/*
 * report_repo.c - the grouped SQL behind the monthly report and the quota
 * listing (include/fairmatch/report_repo.h). It returns counts only; what
 * they mean for the report, and small-count protection, is src/report's.
 */
#include "fairmatch/report_repo.h"

#include <stdlib.h>
#include <string.h>

#include "fairmatch/buf.h"
#include "fairmatch/quota.h"
#include "report_people.h"
#include "repo.h"
#include "store_internal.h"

#define PEOPLE "FROM employments e JOIN seekers s ON s.id = e.seeker_id "

/* ?1 = from, ?2 = to. Every query ends with the count column. */
static const char *const queries[FM_RQ_COUNT] = {
    /* FM_RQ_HIRES, FM_RQ_POOL and FM_RQ_EMPLOYED: report_people.c. */
    [FM_RQ_ENDED] = "SELECT coalesce(e.end_reason, 'unknown'), s.gender, count(*) " PEOPLE
                    "WHERE e.end_date BETWEEN ?1 AND ?2 GROUP BY 1, 2",
    [FM_RQ_ELIGIBILITY] = "SELECT coalesce(s.eligibility, 'unknown'), s.gender, count(*) " PEOPLE
                          "WHERE e.decision_date BETWEEN ?1 AND ?2 GROUP BY 1, 2",
    [FM_RQ_OCCUPATION] = "SELECT coalesce(nullif(p.occupation, ''), 'unknown'), s.gender, "
                         "count(*) " PEOPLE "LEFT JOIN positions p ON p.id = e.position_id "
                         "WHERE e.decision_date BETWEEN ?1 AND ?2 GROUP BY 1, 2",
    [FM_RQ_STATUS90] = "SELECT coalesce(e.status_90, 'not_recorded'), s.gender, count(*) " PEOPLE
                       "WHERE e.end_date BETWEEN date(?1, '-90 days') AND date(?2, '-90 days') "
                       "GROUP BY 1, 2",
    [FM_RQ_FOLLOWUP] =
        /* The milestone is the same day N months later, or that month's last day
           when it has no such day (31 Mar + 3 months = 30 Jun, not SQLite's 1 Jul).
           Each milestone scans only the employments that began about N months
           before the month (index employments_began); the exact test follows. */
    "SELECT t.k, s.gender, count(*) FROM (SELECT m.k AS k, e.seeker_id AS sid, "
    "e.end_date AS ended, min(date(coalesce(e.start_date, e.decision_date), m.d), "
    "date(coalesce(e.start_date, e.decision_date), 'start of month', m.e, '-1 day')) AS due "
    "FROM (SELECT '3' AS k, '+3 months' AS d, '+4 months' AS e, '-3 months' AS b "
    "UNION ALL SELECT '6', '+6 months', '+7 months', '-6 months' "
    "UNION ALL SELECT '12', '+12 months', '+13 months', '-12 months') m "
    "JOIN employments e ON coalesce(e.start_date, e.decision_date) "
    "BETWEEN date(?1, m.b, '-4 days') AND date(?2, '+1 day', m.b)) t "
    "JOIN seekers s ON s.id = t.sid "
    "WHERE t.due BETWEEN ?1 AND ?2 AND (t.ended IS NULL OR t.ended > t.due) GROUP BY 1, 2",
    /* FM_RQ_PIPELINE: report_people.c too. */
};

fm_rc fm_store_report_programme(fm_store *s, fm_rr_programme *out, bool *found, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc = FM_OK;
    int step;

    memset(out, 0, sizeof *out);
    *found = false;
    if (sqlite3_prepare_v2(s->db, "SELECT goal, start_date, end_date FROM programme WHERE id = 1",
                           -1, &st, NULL) != SQLITE_OK) {
        rc = fm_store_dberr(s, err, "report: programme");
        goto done;
    }
    step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        const char *a = (const char *)sqlite3_column_text(st, 1);
        const char *b = (const char *)sqlite3_column_text(st, 2);
        out->goal = sqlite3_column_int64(st, 0);
        memcpy(out->start, a ? a : "", a ? strnlen(a, 10) : 0);
        memcpy(out->end, b ? b : "", b ? strnlen(b, 10) : 0);
        *found = true;
    } else if (step != SQLITE_DONE) {
        rc = fm_store_dberr(s, err, "report: programme");
    }
done:
    sqlite3_finalize(st);
    return rc;
}

void fm_rr_department_list_free(fm_rr_department *v, size_t n)
{
    for (size_t i = 0; v && i < n; i++) {
        free(v[i].id);
        free(v[i].name);
    }
    free(v);
}

fm_rc fm_store_report_departments(fm_store *s, fm_rr_department **out, size_t *n, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rr_department *v = NULL;
    size_t len = 0, cap = 0;
    bool oom = false;
    fm_rc rc = FM_OK;
    int step;

    *out = NULL;
    *n = 0;
    /* BINARY collation is memcmp: byte order, as reports.md asks. */
    if (sqlite3_prepare_v2(s->db,
                           "SELECT id, name, employees FROM departments ORDER BY id COLLATE BINARY",
                           -1, &st, NULL) != SQLITE_OK) {
        rc = fm_store_dberr(s, err, "report: departments");
        goto done;
    }
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (FM_GROW(v, len + 1, cap)) {
            rc = fm_err_set(err, FM_ENOMEM, "report: out of memory");
            goto done;
        }
        v[len].id = fm_repo_dup(st, 0, &oom);
        v[len].name = fm_repo_dup(st, 1, &oom);
        v[len].employees = sqlite3_column_int64(st, 2);
        len++;
        if (oom) {
            rc = fm_err_set(err, FM_ENOMEM, "report: out of memory");
            goto done;
        }
    }
    if (step != SQLITE_DONE)
        rc = fm_store_dberr(s, err, "report: departments");
done:
    sqlite3_finalize(st);
    if (rc) {
        fm_rr_department_list_free(v, len);
    } else {
        *out = v;
        *n = len;
    }
    return rc;
}

void fm_rr_row_list_free(fm_rr_row *v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        for (int k = 0; k < FM_RR_KEYS; k++)
            free(v[i].key[k]);
    free(v);
}

static fm_rc read_row(sqlite3_stmt *st, int nkeys, fm_rr_row *r, fm_err *err)
{
    memset(r, 0, sizeof *r);
    for (int k = 0; k < nkeys; k++) {
        const unsigned char *t = sqlite3_column_text(st, k);
        size_t len = t ? (size_t)sqlite3_column_bytes(st, k) : 0;
        r->key[k] = malloc(len + 1);
        if (!r->key[k])
            return fm_err_set(err, FM_ENOMEM, "report: out of memory");
        if (len)
            memcpy(r->key[k], t, len);
        r->key[k][len] = '\0';
    }
    r->n = sqlite3_column_int64(st, nkeys);
    return FM_OK;
}

/* The queries served by the one scan of the seekers (report_people.c): that part of it alone. */
static fm_rc people_rows(fm_store *s, fm_rr_query q, const char *from, const char *to,
                         const char *start, fm_rr_row **out, size_t *n, fm_err *err)
{
    fm_rr_people p;
    unsigned part = q == FM_RQ_HIRES      ? FM_RR_PART_HIRES
                    : q == FM_RQ_POOL     ? FM_RR_PART_POOL
                    : q == FM_RQ_EMPLOYED ? FM_RR_PART_EMPLOYED
                                          : FM_RR_PART_PIPELINE;
    fm_rc rc = fm_store_report_people_part(s, part, from, from, to, start, &p, err);

    if (rc)
        return rc;
    *out = q == FM_RQ_HIRES      ? p.hires
           : q == FM_RQ_POOL     ? p.pool
           : q == FM_RQ_EMPLOYED ? p.employed
                                 : p.pipeline;
    *n = q == FM_RQ_HIRES      ? p.nhires
         : q == FM_RQ_POOL     ? p.npool
         : q == FM_RQ_EMPLOYED ? p.nemployed
                               : p.npipeline;
    return FM_OK;
}

fm_rc fm_store_report_rows(fm_store *s, fm_rr_query q, const char *from, const char *to,
                           const char *start, fm_rr_row **out, size_t *n, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rr_row *v = NULL;
    size_t len = 0, cap = 0;
    fm_rc rc = FM_OK;
    int step, nkeys;

    *out = NULL;
    *n = 0;
    if ((int)q < 0 || q >= FM_RQ_COUNT)
        return fm_err_set(err, FM_EINVAL, "report: unknown query %d", (int)q);
    if (q == FM_RQ_HIRES || q == FM_RQ_POOL || q == FM_RQ_EMPLOYED || q == FM_RQ_PIPELINE)
        return people_rows(s, q, from, to, start, out, n, err);
    if (sqlite3_prepare_v2(s->db, queries[q], -1, &st, NULL) != SQLITE_OK) {
        rc = fm_store_dberr(s, err, "report: prepare");
        goto done;
    }
    nkeys = sqlite3_column_count(st) - 1;
    if (nkeys < 1 || nkeys > FM_RR_KEYS) {
        rc = fm_err_set(err, FM_EINVAL, "report: query %d has %d keys", (int)q, nkeys);
        goto done;
    }
    fm_store_bind_text(st, 1, from);
    fm_store_bind_text(st, 2, to);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (FM_GROW(v, len + 1, cap)) {
            rc = fm_err_set(err, FM_ENOMEM, "report: out of memory");
            goto done;
        }
        rc = read_row(st, nkeys, &v[len], err);
        len++;
        if (rc)
            goto done;
    }
    if (step != SQLITE_DONE)
        rc = fm_store_dberr(s, err, "report: query");
done:
    sqlite3_finalize(st);
    if (rc) {
        fm_rr_row_list_free(v, len);
    } else {
        *out = v;
        *n = len;
    }
    return rc;
}

fm_rc fm_store_report_fairs_left(fm_store *s, const char *fair_id, const char *until, char *date,
                                 long long *count, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc = FM_OK;
    int step;

    date[0] = '\0';
    *count = 0;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT f.date, (SELECT count(*) FROM fairs g WHERE g.date >= f.date "
                           "AND g.date <= ?2) FROM fairs f WHERE f.id = ?1",
                           -1, &st, NULL) != SQLITE_OK) {
        rc = fm_store_dberr(s, err, "report: fairs");
        goto done;
    }
    fm_store_bind_text(st, 1, fair_id);
    fm_store_bind_text(st, 2, until);
    step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        const char *d = (const char *)sqlite3_column_text(st, 0);
        size_t len = d ? strnlen(d, 10) : 0;
        memcpy(date, d ? d : "", len);
        date[len] = '\0';
        *count = sqlite3_column_int64(st, 1);
    } else if (step == SQLITE_DONE) {
        rc = fm_err_set(err, FM_ENOTFOUND, "fair '%s' not found", fair_id);
    } else {
        rc = fm_store_dberr(s, err, "report: fairs");
    }
done:
    sqlite3_finalize(st);
    return rc;
}

void fm_rr_quota_list_free(fm_rr_quota *v, size_t n)
{
    for (size_t i = 0; v && i < n; i++) {
        free(v[i].id);
        free(v[i].name);
    }
    free(v);
}

fm_rc fm_store_report_quotas(fm_store *s, const char *upto, fm_rr_programme *prog, bool *found,
                             fm_rr_quota **out, size_t *n, bool *all_zero, fm_err *err)
{
    fm_rr_department *d = NULL;
    fm_rr_row *rows = NULL;
    fm_rr_quota *v = NULL;
    size_t nd = 0, nr = 0;
    const char **ids = NULL;
    long long *emp = NULL, *quota = NULL;
    int zero = 0;
    fm_rc rc;

    *out = NULL;
    *n = 0;
    rc = fm_store_report_programme(s, prog, found, err);
    if (rc || !*found)
        return rc;
    rc = fm_store_report_departments(s, &d, &nd, err);
    if (!rc)
        rc = fm_store_report_rows(s, FM_RQ_HIRES, prog->start, upto, prog->start, &rows, &nr, err);
    if (rc)
        goto done;
    ids = calloc(nd + 1, sizeof *ids);
    emp = calloc(nd + 1, sizeof *emp);
    quota = calloc(nd + 1, sizeof *quota);
    v = calloc(nd + 1, sizeof *v);
    if (!ids || !emp || !quota || !v) {
        rc = fm_err_set(err, FM_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < nd; i++) {
        ids[i] = d[i].id;
        emp[i] = d[i].employees;
    }
    rc = fm_quota_hamilton(prog->goal, ids, emp, nd, quota, &zero, err);
    if (rc)
        goto done;
    for (size_t i = 0; i < nd; i++) {
        v[i].id = d[i].id;
        v[i].name = d[i].name;
        d[i].id = d[i].name = NULL;
        v[i].employees = emp[i];
        v[i].quota = quota[i];
        /* key[3] is "1" for decisions on or after the programme start. */
        for (size_t j = 0; j < nr; j++)
            if (!strcmp(rows[j].key[1], v[i].id) && !strcmp(rows[j].key[3], "1"))
                v[i].hired += rows[j].n;
    }
    if (all_zero)
        *all_zero = zero != 0;
    *out = v;
    *n = nd;
    v = NULL;
done:
    fm_rr_quota_list_free(v, nd);
    free(ids);
    free(emp);
    free(quota);
    fm_rr_row_list_free(rows, nr);
    fm_rr_department_list_free(d, nd);
    return rc;
}
