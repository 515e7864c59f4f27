/*
 * planning_repo.c - the rules of fairmatch/planning.h read from the
 * database: answers and hires against the fair's date and the seeker's
 * open employments, interviews a change of the fair's day would orphan.
 * It writes nothing; callers hold the transaction. The stored solution is
 * plan_repo.c's.
 */
#include "fairmatch/planning.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query.h"
#include "repo.h"

/* The fair's date as the rules compare it: YYYY-MM-DD, ten bytes. */
static fm_rc fair_date(fm_store *s, const char *fair_id, char date[11], fm_err *err)
{
    char *d = NULL;
    fm_rc rc = fm_store_fair_date(s, fair_id, "planning rules", &d, err);

    if (!rc)
        snprintf(date, 11, "%s", d);
    free(d);
    return rc;
}

/* An employment of seeker_id still open at date (no end, or an end on or after it). */
static fm_rc open_employment(fm_store *s, const char *seeker_id, const char *date, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc =
        fm_repo_prepare(s,
                        "SELECT department_id, decision_date FROM employments WHERE seeker_id = ?1"
                        " AND (end_date IS NULL OR end_date >= ?2) ORDER BY decision_date LIMIT 1",
                        &st, err);
    int r;

    if (rc)
        return rc;
    fm_store_bind_text(st, 1, seeker_id);
    fm_store_bind_text(st, 2, date);
    r = sqlite3_step(st);
    if (r == SQLITE_ROW)
        rc = fm_err_set_code(err, FM_ECONFLICT, "seeker_employed",
                             "answer: %s already holds an extra job at %s (decided %s)", seeker_id,
                             (const char *)sqlite3_column_text(st, 0),
                             (const char *)sqlite3_column_text(st, 1));
    else if (r != SQLITE_DONE)
        rc = fm_store_dberr(s, err, "planning rules");
    sqlite3_finalize(st);
    return rc;
}

fm_rc fm_store_answer_check(fm_store *s, const char *fair_id, const char *seeker_id, bool accepted,
                            const char *decision, const char *start, const char *today, fm_err *err)
{
    char date[11];
    fm_rc rc = fair_date(s, fair_id, date, err);

    if (rc)
        return rc;
    /* Dates are YYYY-MM-DD, so byte order is calendar order. */
    if (decision && strcmp(decision, date) < 0)
        return fm_err_set_code(err, FM_EINVAL, "decision_date_before_fair",
                               "decision_date: %s is before the fair's date %s", decision, date);
    if (decision && today && strcmp(decision, today) > 0)
        return fm_err_set_code(err, FM_EINVAL, "decision_date_future",
                               "decision_date: %s is after today (%s)", decision, today);
    if (start && decision && strcmp(start, decision) < 0)
        return fm_err_set_code(err, FM_EINVAL, "start_before_decision",
                               "start_date: %s is before the decision date %s", start, decision);
    if (accepted)
        rc = open_employment(s, seeker_id, decision ? decision : date, err);
    return rc;
}

void fm_orphan_list_free(fm_orphan *v, size_t n)
{
    for (size_t i = 0; v && i < n; i++) {
        free(v[i].seeker_id);
        free(v[i].department_id);
    }
    free(v);
}

/* Reads the current row into elem (an fm_orphan); on failure leaves it released. */
static fm_rc read_orphan(sqlite3_stmt *st, void *elem, fm_err *err)
{
    static const char *const whys[] = {"period", "table", "time"};
    fm_orphan *o = elem;
    bool oom = false;
    int why = sqlite3_column_int(st, 6);

    memset(o, 0, sizeof *o);
    o->id = sqlite3_column_int64(st, 0);
    o->seeker_id = fm_repo_dup(st, 1, &oom);
    o->department_id = fm_repo_dup(st, 2, &oom);
    o->period = fm_repo_int(st, 3, -1);
    o->table_no = sqlite3_column_int(st, 4);
    o->held = sqlite3_column_int(st, 5) != 0;
    o->why = whys[why >= 0 && why < 3 ? why : 0];
    if (!oom)
        return FM_OK;
    free(o->seeker_id);
    free(o->department_id);
    return fm_err_set(err, FM_ENOMEM, "out of memory");
}

static void free_orphans(void *v, size_t n)
{
    fm_orphan_list_free(v, n);
}

/* Column why: 0 beyond the last period, 1 beyond the tables, 2 held while the time changes. */
#define ORPHAN_SQL                                                                                 \
    "SELECT * FROM (SELECT i.id, i.seeker_id, p.department_id, i.period, i.table_no, i.held,"      \
    " CASE WHEN i.period IS NOT NULL AND i.period >= f.periods THEN 0 WHEN i.period IS NOT NULL"   \
    " AND i.table_no > COALESCE(fd.tables, d.tables) THEN 1 WHEN i.held = 1 AND ?2 THEN 2 END"     \
    " AS why FROM interviews i JOIN positions p ON p.id = i.position_id JOIN fairs f ON"           \
    " f.id = i.fair_id JOIN departments d ON d.id = p.department_id LEFT JOIN fair_departments"    \
    " fd ON fd.fair_id = i.fair_id AND fd.department_id = p.department_id WHERE i.fair_id = ?1"    \
    " AND (i.held = 1 OR i.period IS NOT NULL)) WHERE why IS NOT NULL ORDER BY id"

fm_rc fm_store_fair_orphans(fm_store *s, const char *fair_id, bool time_changed, fm_orphan **out,
                            size_t *n, fm_err *err)
{
    void *v = NULL;
    sqlite3_stmt *st = NULL;
    fm_rc rc;

    *out = NULL;
    *n = 0;
    rc = fm_repo_prepare(s, ORPHAN_SQL, &st, err);
    if (rc)
        goto done;
    fm_store_bind_text(st, 1, fair_id);
    sqlite3_bind_int(st, 2, time_changed);
    rc = fm_repo_list(s, st, sizeof **out, read_orphan, free_orphans, &v, n, err);
    *out = v;
done:
    sqlite3_finalize(st);
    return rc;
}

fm_rc fm_store_department_orphans(fm_store *s, const char *department_id, long *n, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc = fm_repo_prepare(
        s,
        "SELECT count(*) FROM interviews i JOIN positions p ON p.id = i.position_id JOIN"
        " departments d ON d.id = p.department_id LEFT JOIN fair_departments fd ON"
        " fd.fair_id = i.fair_id AND fd.department_id = d.id WHERE d.id = ?1 AND"
        " i.period IS NOT NULL AND i.table_no > COALESCE(fd.tables, d.tables)",
        &st, err);

    *n = 0;
    if (rc)
        return rc;
    fm_store_bind_text(st, 1, department_id);
    if (sqlite3_step(st) == SQLITE_ROW)
        *n = sqlite3_column_int64(st, 0);
    else
        rc = fm_store_dberr(s, err, "planning rules");
    sqlite3_finalize(st);
    return rc;
}
