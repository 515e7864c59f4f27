/*
 * lifecycle_repo.c - the events after the yes as transactions with their
 * audit rows (fairmatch/lifecycle.h): the decision, changes of dates, end
 * and status, and extensions. Follow-ups are follow_up_repo.c's, the
 * worklist worklist_repo.c's, the outcome table's rows outcome_repo.c's.
 * The date rules are src/core/employment.c's; the HTTP shapes are not here.
 */
#include "fairmatch/lifecycle.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/buf.h"
#include "fairmatch/date.h"
#include "fairmatch/interview.h"
#include "query.h"
#include "repo.h"

fm_rc fm_store_employment_load(fm_store *s, const char *dept, long long id, fm_employment *e,
                               fm_err *err)
{
    fm_rc rc = fm_store_employment_get(s, id, e, err);
    if (!rc && dept && strcmp(e->department_id, dept)) {
        fm_employment_release(e);
        rc = fm_err_set(err, FM_ENOTFOUND, "no such record");
    }
    return rc;
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
        rc = fm_store_audit_id(s, actor, "create", "employment", *id, "decision", err);
    if (!rc)
        rc = fm_store_commit(s, err);
    if (rc)
        *id = 0;
done:
    fm_employment_release(&x);
    return fm_store_fail_rollback(s, rc);
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

fm_rc fm_lifecycle_update_in_txn(fm_store *s, const char *actor, const char *dept, long long id,
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
    rc = fm_store_employment_load(s, dept, id, &e, err);
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
        rc = fm_store_audit_id(s, actor, "update", "employment", id, detail.data, err);
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
    rc = fm_lifecycle_update_in_txn(s, actor, dept, id, changes, fields, status_only, today, err);
    if (!rc)
        rc = fm_store_commit(s, err);
    return fm_store_fail_rollback(s, rc);
}

/* The latest extension's decision date of employment id into buf ("" when none). */
static fm_rc latest_extension(fm_store *s, long long id, char buf[11], fm_err *err)
{
    sqlite3_stmt *st = NULL;
    const char *last = NULL;
    bool oom = false;
    fm_rc rc;

    buf[0] = '\0';
    rc = fm_repo_prepare(s,
                         "SELECT max(decision_date) FROM employment_extensions"
                         " WHERE employment_id = ?1",
                         &st, err);
    if (rc)
        goto done;
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_step(st) != SQLITE_ROW) {
        rc = fm_store_dberr(s, err, "employment: extensions");
        goto done;
    }
    last = fm_repo_text(st, 0, &oom);
    if (oom)
        rc = fm_err_set(err, FM_ENOMEM, "out of memory");
    else if (last)
        snprintf(buf, 11, "%s", last);
done:
    sqlite3_finalize(st);
    return rc;
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
    rc = fm_store_employment_load(s, dept, id, &e, err);
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
        rc = fm_store_audit_id(s, actor, "extend", "employment", id, detail, err);
    if (!rc)
        rc = fm_store_commit(s, err);
    if (!rc && ext_id)
        *ext_id = xid;
    fm_employment_release(&e);
    return fm_store_fail_rollback(s, rc);
}
