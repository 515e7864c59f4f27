/*
 * worklist_repo.c - the follow-up worklist (fm_store_worklist of
 * fairmatch/lifecycle.h): one query for what is due on a date and the
 * action text of each line. Recording what was done is follow_up_repo.c's
 * and lifecycle_repo.c's.
 */
#include <stdlib.h>
#include <string.h>

#include "fairmatch/buf.h"
#include "fairmatch/date.h"
#include "fairmatch/lifecycle.h"
#include "repo.h"

void fm_work_item_list_free(fm_work_item *v, size_t n)
{
    for (size_t i = 0; v && i < n; i++) {
        free(v[i].due);
        free(v[i].seeker_id);
        free(v[i].seeker_name);
        free(v[i].department_id);
        free(v[i].item);
        free(v[i].action);
    }
    free(v);
}

/*
 * ?1 = the date. Each branch yields (item, employment id, due, a detail for
 * the action text). The milestone rule is the monthly report's
 * follow_up_due (same day N months later, or that month's last day).
 */
static const char worklist_sql[] =
    "WITH emp AS (SELECT e.id, e.seeker_id, e.department_id, e.end_date, e.end_reason,"
    " e.status_90, coalesce(e.start_date, e.decision_date) AS began,"
    " coalesce((SELECT x.planned_end FROM employment_extensions x WHERE x.employment_id = e.id"
    " AND x.planned_end IS NOT NULL ORDER BY x.decision_date DESC LIMIT 1), e.planned_end)"
    " AS planned FROM employments e WHERE e.decision_date <= ?1),"
    " ms AS (SELECT '3m' AS k, '+3 months' AS d, '+4 months' AS l UNION ALL"
    " SELECT '6m', '+6 months', '+7 months' UNION ALL SELECT '12m', '+12 months', '+13 months'),"
    " items AS ("
    " SELECT 'follow_up_' || k AS item, id, due, k AS detail FROM (SELECT ms.k, emp.id,"
    " emp.end_date, min(date(emp.began, ms.d), date(emp.began, 'start of month', ms.l,"
    " '-1 day')) AS due FROM emp, ms WHERE NOT EXISTS (SELECT 1 FROM follow_ups f"
    " WHERE f.employment_id = emp.id AND f.milestone = ms.k))"
    " WHERE due <= ?1 AND (end_date IS NULL OR end_date >= ?1)"
    " UNION ALL SELECT 'status_90_missing', id, date(end_date, '+90 days'), end_date FROM emp"
    " WHERE end_date IS NOT NULL AND date(end_date, '+90 days') <= ?1 AND status_90 IS NULL"
    " UNION ALL SELECT 'past_planned_end', id, date(planned, '+1 day'), planned FROM emp"
    " WHERE planned < ?1 AND (end_date IS NULL OR end_date >= ?1)"
    " UNION ALL SELECT 'over_24_months', id, date(began, '+24 months'), began FROM emp"
    " WHERE date(began, '+24 months') < ?1 AND (end_date IS NULL OR end_date >= ?1)"
    " UNION ALL SELECT 'end_without_reason', id, end_date, end_date FROM emp"
    " WHERE end_date <= ?1 AND end_reason IS NULL"
    " UNION ALL SELECT 'two_open', max(id), max(began), count(*) || ' open: ' ||"
    " group_concat(department_id || ' since ' || began, ', ') FROM emp"
    " WHERE began <= ?1 AND (end_date IS NULL OR end_date >= ?1) GROUP BY seeker_id"
    " HAVING count(*) > 1)"
    " SELECT i.due, e.seeker_id, CASE WHEN s.first_name IS NULL AND s.last_name IS NULL"
    " THEN NULL ELSE trim(coalesce(s.first_name, '') || ' ' || coalesce(s.last_name, '')) END,"
    " e.department_id, e.id, i.item, i.detail FROM items i JOIN employments e ON e.id = i.id"
    " JOIN seekers s ON s.id = e.seeker_id WHERE (?2 IS NULL OR e.department_id = ?2)"
    " ORDER BY i.due, e.seeker_id, i.item, e.id";

static char *action_text(const char *item, const char *detail, bool *oom)
{
    fm_buf b = FM_BUF_INIT;
    fm_rc rc;
    if (!detail)
        detail = "";
    if (!strncmp(item, "follow_up_", 10))
        rc = fm_buf_addf(&b, "follow up at %s months in the job and record it",
                         strcmp(detail, "3m") ? strcmp(detail, "6m") ? "12" : "6" : "3");
    else if (!strcmp(item, "status_90_missing"))
        rc = fm_buf_addf(&b, "record the status 90 days after the end (ended %s)", detail);
    else if (!strcmp(item, "past_planned_end"))
        rc = fm_buf_addf(&b, "employed past the planned end %s: record the end or an extension",
                         detail);
    else if (!strcmp(item, "over_24_months"))
        rc = fm_buf_addf(&b, "employed more than 24 months (since %s): record the end", detail);
    else if (!strcmp(item, "end_without_reason"))
        rc = fm_buf_addf(&b, "ended %s without a reason: record the end reason", detail);
    else
        rc = fm_buf_addf(&b, "holds %s: record the end of the one that ended", detail);
    if (rc) {
        *oom = true;
        fm_buf_release(&b);
        return NULL;
    }
    return fm_buf_detach(&b, NULL);
}

static fm_rc read_item(sqlite3_stmt *st, void *elem, fm_err *err)
{
    fm_work_item *w = elem;
    bool oom = false;
    memset(w, 0, sizeof *w);
    w->due = fm_repo_dup(st, 0, &oom);
    w->seeker_id = fm_repo_dup(st, 1, &oom);
    w->seeker_name = fm_repo_dup(st, 2, &oom);
    w->department_id = fm_repo_dup(st, 3, &oom);
    w->employment_id = sqlite3_column_int64(st, 4);
    w->item = fm_repo_dup(st, 5, &oom);
    if (w->item)
        w->action = action_text(w->item, (const char *)sqlite3_column_text(st, 6), &oom);
    if (oom) {
        free(w->due);
        free(w->seeker_id);
        free(w->seeker_name);
        free(w->department_id);
        free(w->item);
        free(w->action);
        memset(w, 0, sizeof *w);
        return fm_err_set(err, FM_ENOMEM, "out of memory");
    }
    return FM_OK;
}

static void free_items(void *v, size_t n)
{
    fm_work_item_list_free(v, n);
}

fm_rc fm_store_worklist(fm_store *s, const char *date, const char *dept, fm_work_item **out,
                        size_t *n, fm_err *err)
{
    void *v = NULL;
    fm_rc rc;
    fm_date d;

    *out = NULL;
    *n = 0;
    if (!date || !fm_date_parse(date, &d))
        return fm_err_set(err, FM_EINVAL, "date: must be a date YYYY-MM-DD");
    rc = fm_repo_list_sql(s, worklist_sql, date, dept, sizeof **out, read_item, free_items, &v, n,
                          err);
    *out = v;
    return rc;
}
