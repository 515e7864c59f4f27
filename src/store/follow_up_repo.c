/*
 * follow_up_repo.c - the follow-ups of an employment (fairmatch/lifecycle.h):
 * recording one at 3, 6 or 12 months in the job or 90, 180, 365 days after
 * the end (then also the employment's status field, through the lifecycle
 * update) in one audited transaction, and listing them. What is due when
 * is worklist_repo.c's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/date.h"
#include "fairmatch/lifecycle.h"
#include "query.h"
#include "repo.h"

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
    rc = fm_store_employment_load(s, dept, id, &e, err);
    if (!rc && m < 3)
        rc = in_job_rule(&e, done_on, err);
    if (!rc && m >= 3) {
        static const unsigned bits[] = {FM_EMPLOYMENT_STATUS_90, FM_EMPLOYMENT_STATUS_180,
                                        FM_EMPLOYMENT_STATUS_365};
        fm_employment c = {0};
        c.status_90 = c.status_180 = c.status_365 = (char *)status;
        rc = fm_lifecycle_update_in_txn(s, actor, NULL, id, &c, bits[m - 3], false, done_on, err);
    }
    if (!rc)
        rc = insert_follow_up(s, actor, id, milestone, done_on, status, note, err);
    snprintf(detail, sizeof detail, "%s %s %s", milestone, done_on, status ? status : "-");
    if (!rc)
        rc = fm_store_audit_id(s, actor, "follow_up", "employment", id, detail, err);
    if (!rc)
        rc = fm_store_commit(s, err);
    fm_employment_release(&e);
    return fm_store_fail_rollback(s, rc);
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
    void *v = NULL;
    sqlite3_stmt *st = NULL;
    fm_rc rc;

    *out = NULL;
    *n = 0;
    rc = fm_repo_prepare(s,
                         "SELECT id, employment_id, milestone, done_on, done_by, status, note"
                         " FROM follow_ups WHERE employment_id = ?1 ORDER BY done_on, id",
                         &st, err);
    if (rc)
        goto done;
    sqlite3_bind_int64(st, 1, id);
    rc = fm_repo_list(s, st, sizeof **out, read_follow_up, free_follow_ups, &v, n, err);
    *out = v;
done:
    sqlite3_finalize(st);
    return rc;
}
