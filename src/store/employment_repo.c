/*
 * employment_repo.c - employments (hires) in the database: get, list,
 * upsert by (seeker, department, decision date), delete, and their
 * extensions (a separate table, so no hire count ever sees one). Rules are
 * src/core/employment.c's; turning an accepted offer into a hire is the
 * fair-day code's, which calls the upsert here.
 */
#include "fairmatch/employment.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/date.h"
#include "repo.h"
#include "repo_entity.h"

#define EMP_COLS                                                                                   \
    "id, seeker_id, department_id, decision_date, position_id, interview_id, start_date, "         \
    "end_date, end_reason, status_90, extent, accepted_date, planned_end, status_180, status_365"

static fm_rc read_row(sqlite3_stmt *st, void *elem, fm_err *err)
{
    fm_employment *e = elem;
    bool oom = false;
    memset(e, 0, sizeof *e);
    e->id = sqlite3_column_int64(st, 0);
    e->seeker_id = fm_repo_dup(st, 1, &oom);
    e->department_id = fm_repo_dup(st, 2, &oom);
    e->decision_date = fm_repo_dup(st, 3, &oom);
    e->position_id = fm_repo_dup(st, 4, &oom);
    e->interview_id = sqlite3_column_int64(st, 5);
    e->start_date = fm_repo_dup(st, 6, &oom);
    e->end_date = fm_repo_dup(st, 7, &oom);
    e->end_reason = fm_repo_dup(st, 8, &oom);
    e->status_90 = fm_repo_dup(st, 9, &oom);
    e->extent = sqlite3_column_double(st, 10);
    e->accepted_date = fm_repo_dup(st, 11, &oom);
    e->planned_end = fm_repo_dup(st, 12, &oom);
    e->status_180 = fm_repo_dup(st, 13, &oom);
    e->status_365 = fm_repo_dup(st, 14, &oom);
    if (oom) {
        fm_employment_release(e);
        return fm_err_set(err, FM_ENOMEM, "out of memory");
    }
    return FM_OK;
}

static void free_list(void *v, size_t n)
{
    fm_employment_list_free(v, n);
}

fm_rc fm_store_employment_get(fm_store *s, long long id, fm_employment *out, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    char idtext[24];
    fm_rc rc;

    memset(out, 0, sizeof *out);
    snprintf(idtext, sizeof idtext, "%lld", id);
    rc = fm_repo_prepare(s, "SELECT " EMP_COLS " FROM employments WHERE id = ?1", &st, err);
    if (rc)
        goto done;
    sqlite3_bind_int64(st, 1, id);
    rc = fm_repo_get(s, st, out, read_row, "employment", idtext, err);
done:
    sqlite3_finalize(st);
    return rc;
}

fm_rc fm_store_employment_list(fm_store *s, const fm_employment_query *q, fm_employment **out,
                               size_t *n, fm_err *err)
{
    static const char sql[] = "SELECT " EMP_COLS " FROM employments"
                              " WHERE (?1 IS NULL OR seeker_id = ?1)"
                              " AND (?2 IS NULL OR department_id = ?2)"
                              " AND (?3 IS NULL OR decision_date >= ?3)"
                              " AND (?4 IS NULL OR decision_date <= ?4)"
                              " ORDER BY decision_date, department_id, seeker_id";
    const char *params[] = {q ? q->seeker_id : NULL, q ? q->department_id : NULL,
                            q ? q->decided_from : NULL, q ? q->decided_to : NULL};
    void *v = NULL;
    fm_rc rc =
        fm_repo_list_by(s, sql, params, 4, sizeof(fm_employment), read_row, free_list, &v, n, err);

    *out = v;
    return rc;
}

static fm_rc check_refs(fm_store *s, const fm_employment *e, fm_err *err)
{
    fm_rc rc = fm_repo_must_exist(s, "seekers", "seeker", e->seeker_id, err);
    if (!rc)
        rc = fm_repo_must_exist(s, "departments", "department", e->department_id, err);
    if (!rc && e->position_id)
        rc = fm_repo_must_exist(s, "positions", "position", e->position_id, err);
    if (!rc && e->interview_id) {
        char idtext[24];
        snprintf(idtext, sizeof idtext, "%lld", e->interview_id);
        rc = fm_repo_must_exist(s, "interviews", "interview", idtext, err);
    }
    return rc;
}

#define BIT(f) ((fields & (f)) != 0)

fm_rc fm_store_employment_upsert(fm_store *s, const fm_employment *e, unsigned fields,
                                 bool *created, bool *changed, long long *id_out, fm_err *err)
{
    fm_repo_val keys[] = {
        FM_REPO_T("seeker_id", e->seeker_id, false),
        FM_REPO_T("department_id", e->department_id, false),
        FM_REPO_T("decision_date", e->decision_date, false),
    };
    fm_repo_val vals[] = {
        FM_REPO_T("position_id", e->position_id, BIT(FM_EMPLOYMENT_POSITION)),
        FM_REPO_OPT("interview_id", e->interview_id, 0, BIT(FM_EMPLOYMENT_INTERVIEW)),
        FM_REPO_T("start_date", e->start_date, BIT(FM_EMPLOYMENT_START_DATE)),
        FM_REPO_T("end_date", e->end_date, BIT(FM_EMPLOYMENT_END_DATE)),
        FM_REPO_T("end_reason", e->end_reason, BIT(FM_EMPLOYMENT_END_REASON)),
        FM_REPO_T("status_90", e->status_90, BIT(FM_EMPLOYMENT_STATUS_90)),
        FM_REPO_R("extent", e->extent, BIT(FM_EMPLOYMENT_EXTENT)),
        FM_REPO_T("accepted_date", e->accepted_date, BIT(FM_EMPLOYMENT_ACCEPTED)),
        FM_REPO_T("planned_end", e->planned_end, BIT(FM_EMPLOYMENT_PLANNED_END)),
        FM_REPO_T("status_180", e->status_180, BIT(FM_EMPLOYMENT_STATUS_180)),
        FM_REPO_T("status_365", e->status_365, BIT(FM_EMPLOYMENT_STATUS_365)),
    };
    fm_rc rc = fm_employment_validate(e, err);
    if (!rc)
        rc = check_refs(s, e, err);
    if (rc)
        return rc;
    return fm_repo_upsert(s, "employments", keys, 3, vals, sizeof vals / sizeof vals[0], created,
                          changed, id_out, err);
}

fm_rc fm_store_employment_delete(fm_store *s, long long id, fm_err *err)
{
    char idtext[24];
    snprintf(idtext, sizeof idtext, "%lld", id);
    return fm_repo_delete(s, "employments", "id", idtext, "employment", err);
}

fm_rc fm_store_employment_latest_before(fm_store *s, const char *seeker_id,
                                        const char *department_id, const char *before,
                                        long long *id, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc;
    int step;

    *id = 0;
    rc = fm_repo_prepare(s,
                         "SELECT id FROM employments WHERE seeker_id = ?1 AND department_id = ?2"
                         " AND decision_date < ?3 ORDER BY decision_date DESC LIMIT 1",
                         &st, err);
    if (rc)
        goto done;
    fm_store_bind_text(st, 1, seeker_id);
    fm_store_bind_text(st, 2, department_id);
    fm_store_bind_text(st, 3, before);
    step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        *id = sqlite3_column_int64(st, 0);
    else if (step != SQLITE_DONE)
        rc = fm_store_dberr(s, err, "employment: latest before");
done:
    sqlite3_finalize(st);
    return rc;
}

fm_rc fm_store_extension_upsert(fm_store *s, const fm_extension *x, bool *created, bool *changed,
                                long long *id_out, fm_err *err)
{
    fm_employment base = {0};
    fm_date d;
    fm_rc rc;
    fm_repo_val keys[] = {
        FM_REPO_I("employment_id", x->employment_id, false),
        FM_REPO_T("decision_date", x->decision_date, false),
    };
    fm_repo_val vals[] = {FM_REPO_T("planned_end", x->planned_end, true)};

    if (!x->decision_date || !fm_date_parse(x->decision_date, &d))
        return fm_err_set(err, FM_EINVAL, "decision_date: \"%s\" is not a date (YYYY-MM-DD)",
                          x->decision_date ? x->decision_date : "");
    if (x->planned_end && !fm_date_parse(x->planned_end, &d))
        return fm_err_set(err, FM_EINVAL, "planned_end: \"%s\" is not a date (YYYY-MM-DD)",
                          x->planned_end);
    if (x->planned_end && strcmp(x->planned_end, x->decision_date) < 0)
        return fm_err_set(err, FM_EINVAL, "planned_end: %s is before the decision date %s",
                          x->planned_end, x->decision_date);
    rc = fm_store_employment_get(s, x->employment_id, &base, err);
    if (rc)
        goto done;
    if (strcmp(x->decision_date, base.decision_date) <= 0) {
        rc = fm_err_set(err, FM_EINVAL,
                        "decision_date: an extension must be decided after the employment's "
                        "decision %s, not on %s",
                        base.decision_date, x->decision_date);
        goto done;
    }
    rc =
        fm_repo_upsert(s, "employment_extensions", keys, 2, vals, 1, created, changed, id_out, err);
done:
    fm_employment_release(&base);
    return rc;
}

static fm_rc read_extension(sqlite3_stmt *st, void *elem, fm_err *err)
{
    fm_extension *x = elem;
    bool oom = false;
    memset(x, 0, sizeof *x);
    x->id = sqlite3_column_int64(st, 0);
    x->employment_id = sqlite3_column_int64(st, 1);
    x->decision_date = fm_repo_dup(st, 2, &oom);
    x->planned_end = fm_repo_dup(st, 3, &oom);
    if (oom) {
        fm_extension_release(x);
        return fm_err_set(err, FM_ENOMEM, "out of memory");
    }
    return FM_OK;
}

static void free_extensions(void *v, size_t n)
{
    fm_extension_list_free(v, n);
}

fm_rc fm_store_extension_list(fm_store *s, long long employment_id, fm_extension **out, size_t *n,
                              fm_err *err)
{
    sqlite3_stmt *st = NULL;
    void *v = NULL;
    fm_rc rc;

    *out = NULL;
    *n = 0;
    rc = fm_repo_prepare(s,
                         "SELECT id, employment_id, decision_date, planned_end FROM "
                         "employment_extensions WHERE employment_id = ?1 ORDER BY decision_date",
                         &st, err);
    if (rc)
        goto done;
    sqlite3_bind_int64(st, 1, employment_id);
    rc = fm_repo_list(s, st, sizeof(fm_extension), read_extension, free_extensions, &v, n, err);
    *out = v;
done:
    sqlite3_finalize(st);
    return rc;
}
