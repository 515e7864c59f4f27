/*
 * outcome_repo.c - the rows behind the outcome table (fairmatch/lifecycle.h):
 * the employments that ended in a period with who and why, and the people
 * hired in a period by gender. The table itself is src/report/outcomes.c's.
 */
#include <stdlib.h>
#include <string.h>

#include "fairmatch/lifecycle.h"
#include "repo.h"

void fm_ended_list_free(fm_ended *v, size_t n)
{
    for (size_t i = 0; v && i < n; i++) {
        free(v[i].seeker_id);
        free(v[i].gender);
        free(v[i].department_id);
        free(v[i].end_reason);
    }
    free(v);
}

static fm_rc read_ended(sqlite3_stmt *st, void *elem, fm_err *err)
{
    fm_ended *x = elem;
    bool oom = false;
    memset(x, 0, sizeof *x);
    x->seeker_id = fm_repo_dup(st, 0, &oom);
    x->gender = fm_repo_dup(st, 1, &oom);
    x->age = fm_repo_int(st, 2, -1);
    x->swedish_level = fm_repo_int(st, 3, -1);
    x->education_level = fm_repo_int(st, 4, -1);
    x->department_id = fm_repo_dup(st, 5, &oom);
    x->end_reason = fm_repo_dup(st, 6, &oom);
    x->days = (long)sqlite3_column_int64(st, 7);
    if (oom) {
        free(x->seeker_id);
        free(x->gender);
        free(x->department_id);
        free(x->end_reason);
        memset(x, 0, sizeof *x);
        return fm_err_set(err, FM_ENOMEM, "out of memory");
    }
    return FM_OK;
}

static void free_ended(void *v, size_t n)
{
    fm_ended_list_free(v, n);
}

fm_rc fm_store_ended_list(fm_store *s, const char *from, const char *to, fm_ended **out, size_t *n,
                          fm_err *err)
{
    void *v = NULL;
    fm_rc rc;
    static const char sql[] =
        "SELECT e.seeker_id, s.gender, CAST(substr(e.decision_date, 1, 4) AS INTEGER) -"
        " s.birth_year, s.swedish_level, s.education_level, e.department_id, e.end_reason,"
        " CAST(julianday(e.end_date) - julianday(coalesce(e.start_date, e.decision_date))"
        " AS INTEGER) + 1 FROM employments e JOIN seekers s ON s.id = e.seeker_id"
        " WHERE e.end_date BETWEEN ?1 AND ?2 ORDER BY e.seeker_id, e.id";
    rc = fm_repo_list_sql(s, sql, from, to, sizeof **out, read_ended, free_ended, &v, n, err);
    *out = v;
    return rc;
}

fm_rc fm_store_hired_people(fm_store *s, const char *from, const char *to, long long counts[3],
                            fm_err *err)
{
    static const char sql[] =
        "SELECT s.gender, count(DISTINCT e.seeker_id) FROM employments e JOIN seekers s"
        " ON s.id = e.seeker_id WHERE e.decision_date BETWEEN ?1 AND ?2 GROUP BY s.gender";
    sqlite3_stmt *st = NULL;
    fm_rc rc = fm_repo_prepare(s, sql, &st, err);
    int step;

    counts[0] = counts[1] = counts[2] = 0;
    if (rc)
        return rc;
    fm_store_bind_text(st, 1, from);
    fm_store_bind_text(st, 2, to);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        bool oom = false;
        const char *g = fm_repo_text(st, 0, &oom);
        int k = g && !strcmp(g, "woman") ? 0 : g && !strcmp(g, "man") ? 1 : 2;
        if (oom) {
            rc = fm_err_set(err, FM_ENOMEM, "out of memory");
            break;
        }
        counts[k] += sqlite3_column_int64(st, 1);
    }
    if (!rc && step != SQLITE_ROW && step != SQLITE_DONE)
        rc = fm_store_dberr(s, err, "report: hired people");
    sqlite3_finalize(st);
    return rc;
}
