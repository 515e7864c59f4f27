/*
 * lifecycle_repo.c - the events after the yes as transactions with their
 * audit rows (fairmatch/lifecycle.h): the decision, changes of dates, end
 * and status, extensions, follow-ups, and the follow-up worklist query.
 * The date rules are src/core/employment.c's; the HTTP shapes are not here.
 */
#include "fairmatch/lifecycle.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/buf.h"
#include "fairmatch/date.h"
#include "fairmatch/interview.h"
#include "repo.h"
#include "store_internal.h"

static fm_rc fail_rollback(fm_store *s, fm_rc rc)
{
    if (rc)
        fm_store_rollback(s);
    return rc;
}

/* Load employment id, as FM_ENOTFOUND when it lies outside dept. */
static fm_rc load(fm_store *s, const char *dept, long long id, fm_employment *e, fm_err *err)
{
    fm_rc rc = fm_store_employment_get(s, id, e, err);
    if (!rc && dept && strcmp(e->department_id, dept)) {
        fm_employment_release(e);
        rc = fm_err_set(err, FM_ENOTFOUND, "no such record");
    }
    return rc;
}

static fm_rc audit_id(fm_store *s, const char *actor, const char *action, long long id,
                      const char *detail, fm_err *err)
{
    char idtext[24];
    snprintf(idtext, sizeof idtext, "%lld", id);
    return fm_store_audit(s, actor, action, "employment", idtext, detail, err);
}

/* FM_ECONFLICT when seeker holds an employment not ended before `on`. */
static fm_rc no_open_employment(fm_store *s, const char *seeker, const char *on, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc = fm_repo_prepare(s,
                               "SELECT id, department_id, decision_date FROM employments"
                               " WHERE seeker_id = ?1 AND (end_date IS NULL OR end_date >= ?2)"
                               " ORDER BY decision_date DESC LIMIT 1",
                               &st, err);
    int step;
    if (rc)
        return rc;
    fm_store_bind_text(st, 1, seeker);
    fm_store_bind_text(st, 2, on);
    step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        rc = fm_err_set(err, FM_ECONFLICT,
                        "seeker: %s already holds an open employment (%lld at %s, decided %s); "
                        "record its end first",
                        seeker, (long long)sqlite3_column_int64(st, 0),
                        (const char *)sqlite3_column_text(st, 1),
                        (const char *)sqlite3_column_text(st, 2));
    else if (step != SQLITE_DONE)
        rc = fm_store_dberr(s, err, "employment: open");
    sqlite3_finalize(st);
    return rc;
}

/* The interview's accepted offer: position and accepted date into e (copies). */
static fm_rc from_interview(fm_store *s, fm_employment *e, fm_err *err)
{
    fm_interview iv = {0};
    sqlite3_stmt *st = NULL;
    bool oom = false;
    fm_rc rc = fm_store_interview_get(s, e->interview_id, &iv, err);
    if (rc)
        goto done;
    if (strcmp(iv.seeker_id, e->seeker_id) || strcmp(iv.department_id, e->department_id)) {
        rc = fm_err_set(err, FM_EINVAL, "interview_id: interview %lld is not %s at %s",
                        e->interview_id, e->seeker_id, e->department_id);
        goto done;
    }
    if (!iv.answer || strcmp(iv.answer, "accepted")) {
        rc = fm_err_set(err, FM_ECONFLICT, "interview_id: interview %lld has no accepted offer",
                        e->interview_id);
        goto done;
    }
    rc = fm_repo_prepare(s, "SELECT accepted_date FROM interviews WHERE id = ?1", &st, err);
    if (rc)
        goto done;
    sqlite3_bind_int64(st, 1, e->interview_id);
    if (sqlite3_step(st) == SQLITE_ROW && !e->accepted_date)
        e->accepted_date = fm_repo_dup(st, 0, &oom);
    if (!e->position_id && iv.position_id) {
        e->position_id = strdup(iv.position_id);
        oom = oom || !e->position_id;
    }
    if (oom)
        rc = fm_err_set(err, FM_ENOMEM, "out of memory");
done:
    sqlite3_finalize(st);
    fm_interview_release(&iv);
    return rc;
}

static char *dup_or_null(const char *s, bool *oom)
{
    char *c;
    if (!s)
        return NULL;
    c = strdup(s);
    if (!c)
        *oom = true;
    return c;
}

fm_rc fm_lifecycle_decide(fm_store *s, const char *actor, const char *dept, const fm_employment *e,
                          const char *today, long long *id, fm_err *err)
{
    fm_employment x = *e;
    bool oom = false, created = false;
    fm_rc rc;

    *id = 0;
    /* Own copies: the interview may fill position and accepted date. */
    x.seeker_id = dup_or_null(e->seeker_id, &oom);
    x.department_id = dup_or_null(e->department_id, &oom);
    x.decision_date = dup_or_null(e->decision_date, &oom);
    x.position_id = dup_or_null(e->position_id, &oom);
    x.start_date = dup_or_null(e->start_date, &oom);
    x.planned_end = dup_or_null(e->planned_end, &oom);
    x.accepted_date = dup_or_null(e->accepted_date, &oom);
    x.end_date = x.end_reason = x.status_90 = x.status_180 = x.status_365 = NULL;
    if (oom) {
        fm_employment_release(&x);
        return fm_err_set(err, FM_ENOMEM, "out of memory");
    }
    if (dept && (!x.department_id || strcmp(x.department_id, dept))) {
        fm_employment_release(&x);
        return fm_err_set(err, FM_ENOTFOUND, "no such record");
    }
    rc = fm_store_begin(s, err);
    if (rc)
        goto done;
    if (x.interview_id)
        rc = from_interview(s, &x, err);
    if (!rc)
        rc = fm_employment_check_dates(&x, today, err);
    if (!rc)
        rc = no_open_employment(s, x.seeker_id, x.decision_date, err);
    if (!rc)
        rc = fm_store_employment_upsert(s, &x, 0, &created, NULL, id, err);
    if (!rc && !created)
        rc = fm_err_set(err, FM_ECONFLICT,
                        "decision_date: %s already has an employment at %s "
                        "decided %s",
                        x.seeker_id, x.department_id, x.decision_date);
    if (!rc)
        rc = audit_id(s, actor, "create", *id, "decision", err);
    if (!rc)
        rc = fm_store_commit(s, err);
    if (rc)
        *id = 0;
done:
    fm_employment_release(&x);
    return fail_rollback(s, rc);
}

typedef struct field_ref {
    unsigned bit;
    const char *name;
    size_t off;
} field_ref;

#define FIELD(bit, member)                                                                         \
    {                                                                                              \
        bit, #member, offsetof(fm_employment, member)                                              \
    }
static const field_ref text_fields[] = {
    FIELD(FM_EMPLOYMENT_START_DATE, start_date), FIELD(FM_EMPLOYMENT_PLANNED_END, planned_end),
    FIELD(FM_EMPLOYMENT_END_DATE, end_date),     FIELD(FM_EMPLOYMENT_END_REASON, end_reason),
    FIELD(FM_EMPLOYMENT_STATUS_90, status_90),   FIELD(FM_EMPLOYMENT_STATUS_180, status_180),
    FIELD(FM_EMPLOYMENT_STATUS_365, status_365),
};
#define STATUS_BITS (FM_EMPLOYMENT_STATUS_90 | FM_EMPLOYMENT_STATUS_180 | FM_EMPLOYMENT_STATUS_365)
#define UPDATABLE                                                                                  \
    (FM_EMPLOYMENT_START_DATE | FM_EMPLOYMENT_PLANNED_END | FM_EMPLOYMENT_END_DATE |               \
     FM_EMPLOYMENT_END_REASON | FM_EMPLOYMENT_EXTENT | STATUS_BITS)

static char **slot(fm_employment *e, size_t off)
{
    return (char **)(void *)((char *)e + off);
}

/* Copy the named fields of changes onto e; the audit detail lists them. */
static fm_rc apply(fm_employment *e, const fm_employment *changes, unsigned fields, fm_buf *detail,
                   fm_err *err)
{
    bool oom = false;
    for (size_t i = 0; i < sizeof text_fields / sizeof text_fields[0]; i++) {
        const field_ref *f = &text_fields[i];
        const char *v;
        char **dst;
        if (!(fields & f->bit))
            continue;
        v = *slot((fm_employment *)(void *)changes, f->off);
        dst = slot(e, f->off);
        free(*dst);
        *dst = dup_or_null(v, &oom);
        oom = oom || fm_buf_addf(detail, "%s%s=%s", detail->len ? " " : "", f->name,
                                 v ? v : "null") != FM_OK;
    }
    if (fields & FM_EMPLOYMENT_EXTENT) {
        e->extent = changes->extent;
        oom = oom || fm_buf_addf(detail, "%sextent=%g", detail->len ? " " : "", e->extent);
    }
    return oom ? fm_err_set(err, FM_ENOMEM, "out of memory") : FM_OK;
}

/* fm_lifecycle_update inside the caller's transaction. */
static fm_rc update_in_txn(fm_store *s, const char *actor, const char *dept, long long id,
                           const fm_employment *changes, unsigned fields, bool status_only,
                           const char *today, fm_err *err)
{
    fm_employment e = {0};
    fm_buf detail = FM_BUF_INIT;
    fm_rc rc;

    if (!fields || (fields & ~(unsigned)UPDATABLE))
        return fm_err_set(err, FM_EINVAL,
                          "fields: give one or more of start_date, planned_end, end_date, "
                          "end_reason, status_90, status_180, status_365, extent");
    rc = load(s, dept, id, &e, err);
    if (!rc && status_only && e.end_date && (fields & ~(unsigned)STATUS_BITS))
        rc = fm_err_set(err, FM_ECONFLICT,
                        "end_date: the employment ended %s; a manager records only its status "
                        "(status_90, status_180, status_365)",
                        e.end_date);
    if (!rc)
        rc = apply(&e, changes, fields, &detail, err);
    if (!rc)
        rc = fm_employment_check_dates(&e, today, err);
    if (!rc)
        rc = fm_store_employment_upsert(s, &e, fields, NULL, NULL, NULL, err);
    if (!rc)
        rc = audit_id(s, actor, "update", id, detail.data, err);
    fm_buf_release(&detail);
    fm_employment_release(&e);
    return rc;
}

fm_rc fm_lifecycle_update(fm_store *s, const char *actor, const char *dept, long long id,
                          const fm_employment *changes, unsigned fields, bool status_only,
                          const char *today, fm_err *err)
{
    fm_rc rc = fm_store_begin(s, err);
    if (rc)
        return rc;
    rc = update_in_txn(s, actor, dept, id, changes, fields, status_only, today, err);
    if (!rc)
        rc = fm_store_commit(s, err);
    return fail_rollback(s, rc);
}

/* The latest extension's decision date of employment id into buf ("" when none). */
static fm_rc latest_extension(fm_store *s, long long id, char buf[11], fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc = fm_repo_prepare(s,
                               "SELECT max(decision_date) FROM employment_extensions"
                               " WHERE employment_id = ?1",
                               &st, err);
    buf[0] = '\0';
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        snprintf(buf, 11, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return FM_OK;
}

fm_rc fm_lifecycle_extend(fm_store *s, const char *actor, const char *dept, long long id,
                          const char *decision_date, const char *planned_end, long long *ext_id,
                          fm_err *err)
{
    fm_employment e = {0};
    fm_extension x = {0};
    bool created = false;
    char last[11], detail[64];
    long long xid = 0;
    fm_rc rc;

    rc = fm_store_begin(s, err);
    if (rc)
        return rc;
    rc = load(s, dept, id, &e, err);
    if (!rc)
        rc = latest_extension(s, id, last, err);
    if (!rc && decision_date && last[0] && strcmp(decision_date, last) <= 0)
        rc = fm_err_set(err, FM_EINVAL,
                        "decision_date: an extension must be decided after the latest one (%s)",
                        last);
    if (!rc && decision_date && e.end_date && strcmp(decision_date, e.end_date) > 0)
        rc = fm_err_set(err, FM_ECONFLICT,
                        "decision_date: the employment ended %s; an extension cannot be decided "
                        "after the end",
                        e.end_date);
    if (!rc && planned_end && e.start_date && strcmp(planned_end, e.start_date) < 0)
        rc = fm_err_set(err, FM_EINVAL, "planned_end: %s is before the start date %s", planned_end,
                        e.start_date);
    x.employment_id = id;
    x.decision_date = (char *)decision_date;
    x.planned_end = (char *)planned_end;
    if (!rc)
        rc = fm_store_extension_upsert(s, &x, &created, NULL, &xid, err);
    if (!rc && !created)
        rc = fm_err_set(err, FM_ECONFLICT, "decision_date: an extension decided %s exists",
                        decision_date);
    snprintf(detail, sizeof detail, "extension %s to %s", decision_date ? decision_date : "",
             planned_end ? planned_end : "-");
    if (!rc)
        rc = audit_id(s, actor, "extend", id, detail, err);
    if (!rc)
        rc = fm_store_commit(s, err);
    if (!rc && ext_id)
        *ext_id = xid;
    fm_employment_release(&e);
    return fail_rollback(s, rc);
}

static const char *const milestones[] = {"3m",        "6m",         "12m",
                                         "status_90", "status_180", "status_365"};

static int milestone_index(const char *m)
{
    for (int i = 0; m && i < 6; i++)
        if (!strcmp(m, milestones[i]))
            return i;
    return -1;
}

static fm_rc check_follow_up(const char *milestone, const char *done_on, const char *status,
                             const char *note, fm_err *err)
{
    fm_date d;
    int m = milestone_index(milestone);
    if (m < 0)
        return fm_err_set(err, FM_EINVAL,
                          "milestone: \"%s\" is not one of 3m, 6m, 12m, status_90, status_180, "
                          "status_365",
                          milestone ? milestone : "");
    if (!done_on || !fm_date_parse(done_on, &d))
        return fm_err_set(err, FM_EINVAL, "date: must be a date YYYY-MM-DD");
    if (m >= 3 && !status)
        return fm_err_set(err, FM_EINVAL, "status: required for %s (one of %s)", milestone,
                          fm_status_90_codes());
    if (status && !fm_status_valid(status) && !(m < 3 && !strcmp(status, "employed")))
        return fm_err_set(err, FM_EINVAL, "status: \"%s\" is not one of %s%s", status,
                          m < 3 ? "employed, " : "", fm_status_90_codes());
    if (note && strlen(note) > 500)
        return fm_err_set(err, FM_EINVAL, "note: at most 500 bytes");
    return FM_OK;
}

/* A 3, 6 or 12 month follow-up: the employment must have begun by then. */
static fm_rc in_job_rule(const fm_employment *e, const char *done_on, fm_err *err)
{
    const char *began = e->start_date ? e->start_date : e->decision_date;
    if (strcmp(done_on, began) < 0)
        return fm_err_set(err, FM_EINVAL, "date: %s is before the employment began (%s)", done_on,
                          began);
    return FM_OK;
}

static fm_rc insert_follow_up(fm_store *s, const char *actor, long long id, const char *milestone,
                              const char *done_on, const char *status, const char *note,
                              fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc = fm_repo_prepare(s,
                               "INSERT INTO follow_ups(employment_id, milestone, done_on, done_by,"
                               " status, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                               &st, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    fm_store_bind_text(st, 2, milestone);
    fm_store_bind_text(st, 3, done_on);
    fm_store_bind_text(st, 4, actor);
    fm_store_bind_text(st, 5, status);
    fm_store_bind_text(st, 6, note);
    if (sqlite3_step(st) != SQLITE_DONE) {
        rc = fm_store_dberr(s, err, "follow-up");
        if (rc == FM_ECONFLICT)
            fm_err_set(err, FM_ECONFLICT, "milestone: the %s follow-up is recorded already",
                       milestone);
    }
    sqlite3_finalize(st);
    return rc;
}

fm_rc fm_lifecycle_follow_up(fm_store *s, const char *actor, const char *dept, long long id,
                             const char *milestone, const char *done_on, const char *status,
                             const char *note, fm_err *err)
{
    fm_employment e = {0};
    char detail[64];
    int m;
    fm_rc rc = check_follow_up(milestone, done_on, status, note, err);

    if (rc)
        return rc;
    m = milestone_index(milestone);
    rc = fm_store_begin(s, err);
    if (rc)
        return rc;
    rc = load(s, dept, id, &e, err);
    if (!rc && m < 3)
        rc = in_job_rule(&e, done_on, err);
    if (!rc && m >= 3) {
        static const unsigned bits[] = {FM_EMPLOYMENT_STATUS_90, FM_EMPLOYMENT_STATUS_180,
                                        FM_EMPLOYMENT_STATUS_365};
        fm_employment c = {0};
        c.status_90 = c.status_180 = c.status_365 = (char *)status;
        rc = update_in_txn(s, actor, NULL, id, &c, bits[m - 3], false, done_on, err);
    }
    if (!rc)
        rc = insert_follow_up(s, actor, id, milestone, done_on, status, note, err);
    snprintf(detail, sizeof detail, "%s %s %s", milestone, done_on, status ? status : "-");
    if (!rc)
        rc = audit_id(s, actor, "follow_up", id, detail, err);
    if (!rc)
        rc = fm_store_commit(s, err);
    fm_employment_release(&e);
    return fail_rollback(s, rc);
}

void fm_follow_up_list_free(fm_follow_up *v, size_t n)
{
    for (size_t i = 0; v && i < n; i++) {
        free(v[i].milestone);
        free(v[i].done_on);
        free(v[i].done_by);
        free(v[i].status);
        free(v[i].note);
    }
    free(v);
}

static fm_rc read_follow_up(sqlite3_stmt *st, void *elem, fm_err *err)
{
    fm_follow_up *f = elem;
    bool oom = false;
    memset(f, 0, sizeof *f);
    f->id = sqlite3_column_int64(st, 0);
    f->employment_id = sqlite3_column_int64(st, 1);
    f->milestone = fm_repo_dup(st, 2, &oom);
    f->done_on = fm_repo_dup(st, 3, &oom);
    f->done_by = fm_repo_dup(st, 4, &oom);
    f->status = fm_repo_dup(st, 5, &oom);
    f->note = fm_repo_dup(st, 6, &oom);
    if (oom) {
        free(f->milestone);
        free(f->done_on);
        free(f->done_by);
        free(f->status);
        free(f->note);
        memset(f, 0, sizeof *f);
        return fm_err_set(err, FM_ENOMEM, "out of memory");
    }
    return FM_OK;
}

static void free_follow_ups(void *v, size_t n)
{
    fm_follow_up_list_free(v, n);
}

fm_rc fm_store_follow_up_list(fm_store *s, long long id, fm_follow_up **out, size_t *n, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    void *v = NULL;
    fm_rc rc = fm_repo_prepare(s,
                               "SELECT id, employment_id, milestone, done_on, done_by, status, note"
                               " FROM follow_ups WHERE employment_id = ?1 ORDER BY done_on, id",
                               &st, err);
    *out = NULL;
    *n = 0;
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    rc = fm_repo_list(s, st, sizeof(fm_follow_up), read_follow_up, free_follow_ups, &v, n, err);
    *out = v;
    sqlite3_finalize(st);
    return rc;
}

/* ---- the worklist ---- */

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
    sqlite3_stmt *st = NULL;
    void *v = NULL;
    fm_date d;
    fm_rc rc;

    *out = NULL;
    *n = 0;
    if (!date || !fm_date_parse(date, &d))
        return fm_err_set(err, FM_EINVAL, "date: must be a date YYYY-MM-DD");
    rc = fm_repo_prepare(s, worklist_sql, &st, err);
    if (rc)
        return rc;
    fm_store_bind_text(st, 1, date);
    fm_store_bind_text(st, 2, dept);
    rc = fm_repo_list(s, st, sizeof(fm_work_item), read_item, free_items, &v, n, err);
    *out = v;
    sqlite3_finalize(st);
    return rc;
}

/* ---- the outcome table's rows ---- */

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
    static const char sql[] =
        "SELECT e.seeker_id, s.gender, CAST(substr(e.decision_date, 1, 4) AS INTEGER) -"
        " s.birth_year, s.swedish_level, s.education_level, e.department_id, e.end_reason,"
        " CAST(julianday(e.end_date) - julianday(coalesce(e.start_date, e.decision_date))"
        " AS INTEGER) + 1 FROM employments e JOIN seekers s ON s.id = e.seeker_id"
        " WHERE e.end_date BETWEEN ?1 AND ?2 ORDER BY e.seeker_id, e.id";
    sqlite3_stmt *st = NULL;
    void *v = NULL;
    fm_rc rc = fm_repo_prepare(s, sql, &st, err);
    *out = NULL;
    *n = 0;
    if (rc)
        return rc;
    fm_store_bind_text(st, 1, from);
    fm_store_bind_text(st, 2, to);
    rc = fm_repo_list(s, st, sizeof(fm_ended), read_ended, free_ended, &v, n, err);
    *out = v;
    sqlite3_finalize(st);
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
        const char *g = (const char *)sqlite3_column_text(st, 0);
        int k = g && !strcmp(g, "woman") ? 0 : g && !strcmp(g, "man") ? 1 : 2;
        counts[k] += sqlite3_column_int64(st, 1);
    }
    if (step != SQLITE_DONE)
        rc = fm_store_dberr(s, err, "report: hired people");
    sqlite3_finalize(st);
    return rc;
}
