/*
 * report_steering.c - the store side of fairmatch/steering.h: the agency's
 * target-group months, the programme's women's-share target and the pool
 * month by month. The import's row rules are import_targetgroup.c's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/buf.h"
#include "fairmatch/steering.h"
#include "store_internal.h"

fm_rc fm_store_targetgroup_list(fm_store *s, fm_targetgroup_month **out, size_t *n, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_targetgroup_month *v = NULL;
    size_t cap = 0;
    fm_rc rc = FM_OK;
    int step;

    *out = NULL;
    *n = 0;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT month, women, men, total FROM target_group ORDER BY month", -1,
                           &st, NULL) != SQLITE_OK) {
        rc = fm_store_dberr(s, err, "target group");
        goto done;
    }
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *m = (const char *)sqlite3_column_text(st, 0);
        fm_targetgroup_month *row;
        if (FM_GROW(v, *n + 1, cap)) {
            rc = fm_err_set(err, FM_ENOMEM, "target group: out of memory");
            goto done;
        }
        row = &v[(*n)++];
        memset(row, 0, sizeof *row);
        snprintf(row->month, sizeof row->month, "%s", m ? m : "");
        row->women = sqlite3_column_int64(st, 1);
        row->men = sqlite3_column_int64(st, 2);
        row->total = sqlite3_column_int64(st, 3);
    }
    if (step != SQLITE_DONE)
        rc = fm_store_dberr(s, err, "target group");
done:
    sqlite3_finalize(st);
    if (rc) {
        free(v);
        *n = 0;
        return rc;
    }
    *out = v;
    return FM_OK;
}

fm_rc fm_store_targetgroup_put(fm_store *s, const fm_targetgroup_month *m, bool *created,
                               bool *changed, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc = FM_OK;
    bool found = false, same = false;
    int step;

    if (sqlite3_prepare_v2(s->db, "SELECT women, men, total FROM target_group WHERE month = ?1", -1,
                           &st, NULL) != SQLITE_OK) {
        rc = fm_store_dberr(s, err, "target group");
        goto done;
    }
    sqlite3_bind_text(st, 1, m->month, -1, SQLITE_STATIC);
    step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        found = true;
        same = sqlite3_column_int64(st, 0) == m->women && sqlite3_column_int64(st, 1) == m->men &&
               sqlite3_column_int64(st, 2) == m->total;
    } else if (step != SQLITE_DONE) {
        rc = fm_store_dberr(s, err, "target group");
        goto done;
    }
    sqlite3_finalize(st);
    st = NULL;
    if (!same) {
        if (sqlite3_prepare_v2(s->db,
                               "INSERT INTO target_group (month, women, men, total) VALUES "
                               "(?1, ?2, ?3, ?4) ON CONFLICT (month) DO UPDATE SET women = "
                               "excluded.women, men = excluded.men, total = excluded.total",
                               -1, &st, NULL) != SQLITE_OK) {
            rc = fm_store_dberr(s, err, "target group");
            goto done;
        }
        sqlite3_bind_text(st, 1, m->month, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, m->women);
        sqlite3_bind_int64(st, 3, m->men);
        sqlite3_bind_int64(st, 4, m->total);
        if (sqlite3_step(st) != SQLITE_DONE) {
            rc = fm_store_dberr(s, err, "target group");
            goto done;
        }
    }
    if (created)
        *created = !found;
    if (changed)
        *changed = found && !same;
done:
    sqlite3_finalize(st);
    return rc;
}

fm_rc fm_store_women_target_get(fm_store *s, double *share, bool *found, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc = FM_OK;
    int step;

    *found = false;
    *share = 0.0;
    if (sqlite3_prepare_v2(s->db, "SELECT women_share FROM steering_target WHERE id = 1", -1, &st,
                           NULL) != SQLITE_OK) {
        rc = fm_store_dberr(s, err, "women's share target");
        goto done;
    }
    step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        *share = sqlite3_column_double(st, 0);
        *found = true;
    } else if (step != SQLITE_DONE) {
        rc = fm_store_dberr(s, err, "women's share target");
    }
done:
    sqlite3_finalize(st);
    return rc;
}

fm_rc fm_store_women_target_set(fm_store *s, double share, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc = FM_OK;
    const char *sql = share < 0
                          ? "DELETE FROM steering_target"
                          : "INSERT INTO steering_target (id, women_share) VALUES (1, ?1) "
                            "ON CONFLICT (id) DO UPDATE SET women_share = excluded.women_share";

    if (share > 1.0 || share != share)
        return fm_err_set(err, FM_EINVAL, "women's share target must lie between 0 and 1");
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        rc = fm_store_dberr(s, err, "women's share target");
        goto done;
    }
    if (share >= 0)
        sqlite3_bind_double(st, 1, share);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = fm_store_dberr(s, err, "women's share target");
done:
    sqlite3_finalize(st);
    return rc;
}

/* Month index (year * 12 + month - 1) of a "YYYY-MM..." text; -1 when it is not one. */
static long month_of(const char *d)
{
    int y = 0, m = 0;
    if (!d || sscanf(d, "%4d-%2d", &y, &m) != 2 || m < 1 || m > 12)
        return -1;
    return (long)y * 12 + m - 1;
}

fm_rc fm_store_pool_by_month(fm_store *s, const char *first, const char *last, long long *women,
                             long long *all, size_t nmonths, fm_err *err)
{
    /* One read of every seeker with the day of their first hire; each is in the pool from
       the month they registered (or the first month) to the month of that first hire. */
    static const char sql[] =
        "SELECT s.gender = 'woman', s.registered, h.first FROM seekers s LEFT JOIN "
        "(SELECT seeker_id AS sid, min(decision_date) AS first FROM employments "
        "GROUP BY seeker_id) h ON h.sid = s.id";
    long m0 = month_of(first), m1 = month_of(last);
    long long *dw = NULL, *da = NULL;
    sqlite3_stmt *st = NULL;
    fm_rc rc = FM_OK;
    int step;

    memset(women, 0, nmonths * sizeof *women);
    memset(all, 0, nmonths * sizeof *all);
    if (m0 < 0 || m1 < m0 || (size_t)(m1 - m0 + 1) != nmonths || nmonths > 1200)
        return fm_err_set(err, FM_EINVAL, "pool: bad months %s...%s", first, last);
    dw = calloc(nmonths + 1, sizeof *dw);
    da = calloc(nmonths + 1, sizeof *da);
    if (!dw || !da) {
        rc = fm_err_set(err, FM_ENOMEM, "pool by month: out of memory");
        goto done;
    }
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        rc = fm_store_dberr(s, err, "pool by month");
        goto done;
    }
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        long from = m0, to = m1;
        long reg = month_of((const char *)sqlite3_column_text(st, 1));
        long hired = month_of((const char *)sqlite3_column_text(st, 2));
        if (sqlite3_column_type(st, 1) != SQLITE_NULL && reg > from)
            from = reg;
        if (hired >= 0 && hired < to)
            to = hired;
        if (from > to)
            continue;
        da[from - m0]++;
        da[to - m0 + 1]--;
        if (sqlite3_column_int(st, 0)) {
            dw[from - m0]++;
            dw[to - m0 + 1]--;
        }
    }
    if (step != SQLITE_DONE) {
        rc = fm_store_dberr(s, err, "pool by month");
        goto done;
    }
    for (size_t k = 0; k < nmonths; k++) {
        all[k] = da[k] + (k ? all[k - 1] : 0);
        women[k] = dw[k] + (k ? women[k - 1] : 0);
    }
done:
    sqlite3_finalize(st);
    free(dw);
    free(da);
    return rc;
}

/* One integer from sql with up to two bound values (text a, then int b or text b). */
static fm_rc one_int(fm_store *s, const char *sql, const char *a, const char *b, long long ib,
                     long long *out, bool *found, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc = FM_OK;
    int step;
    *out = 0;
    if (found)
        *found = false;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        rc = fm_store_dberr(s, err, "steering");
        goto done;
    }
    if (a)
        sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
    else
        sqlite3_bind_int64(st, 1, ib);
    if (b)
        sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
    step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        *out = sqlite3_column_int64(st, 0);
        if (found)
            *found = true;
    } else if (step != SQLITE_DONE) {
        rc = fm_store_dberr(s, err, "steering");
    }
done:
    sqlite3_finalize(st);
    return rc;
}

fm_rc fm_store_year_goal_get(fm_store *s, int year, long long *goal, bool *found, fm_err *err)
{
    return one_int(s, "SELECT goal FROM steering_year_goal WHERE year = ?1", NULL, NULL, year, goal,
                   found, err);
}

fm_rc fm_store_year_goal_set(fm_store *s, int year, long long goal, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc = FM_OK;
    const char *sql = goal < 0 ? "DELETE FROM steering_year_goal WHERE year = ?1"
                               : "INSERT INTO steering_year_goal (year, goal) VALUES (?1, ?2) "
                                 "ON CONFLICT (year) DO UPDATE SET goal = excluded.goal";
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        rc = fm_store_dberr(s, err, "year goal");
        goto done;
    }
    sqlite3_bind_int(st, 1, year);
    if (goal >= 0)
        sqlite3_bind_int64(st, 2, goal);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = fm_store_dberr(s, err, "year goal");
done:
    sqlite3_finalize(st);
    return rc;
}

fm_rc fm_store_fairs_between(fm_store *s, const char *from, const char *to, long long *count,
                             fm_err *err)
{
    return one_int(s, "SELECT count(*) FROM fairs WHERE date BETWEEN ?1 AND ?2", from, to, 0, count,
                   NULL, err);
}
