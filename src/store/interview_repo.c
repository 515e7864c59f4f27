/*
 * interview_repo.c - invitations, attendance, tables per fair, interviews
 * (move, outcome, answer -> employment) and the access questions of the
 * server. Scoring and solving are not here (the instance builder and the
 * solver), nor the stored solver result (plan_repo.c); neither are roles
 * (the server).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/date.h"
#include "fairmatch/interview.h"
#include "fairmatch/planning.h"
#include "query.h"
#include "repo.h"

/* Grow *v (elem bytes each) to hold one more; zero the new slot. */
static fm_rc grow(void **v, size_t *cap, size_t n, size_t elem, fm_err *err)
{
    void *p;
    if (n < *cap)
        goto zero;
    p = realloc(*v, (*cap ? *cap * 2 : 16) * elem);
    if (!p)
        return fm_err_set(err, FM_ENOMEM, "out of memory");
    *v = p;
    *cap = *cap ? *cap * 2 : 16;
zero:
    memset((char *)*v + n * elem, 0, elem);
    return FM_OK;
}

/* ---- interviews ---- */

void fm_interview_release(fm_interview *iv)
{
    if (!iv)
        return;
    free(iv->fair_id);
    free(iv->seeker_id);
    free(iv->position_id);
    free(iv->department_id);
    free(iv->outcome);
    free(iv->answer);
    free(iv->first_name);
    free(iv->last_name);
    free(iv->gender);
    free(iv->attendance);
    free(iv->position_title);
    memset(iv, 0, sizeof *iv);
}

void fm_interview_list_free(fm_interview *v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        fm_interview_release(&v[i]);
    free(v);
}

#define IV_SELECT                                                                                  \
    "SELECT i.id, i.fair_id, i.seeker_id, i.position_id, p.department_id, i.period, i.table_no,"   \
    " i.score, i.held, i.outcome, i.answer, s.first_name, s.last_name, s.gender,"                  \
    " inv.attendance, p.title,"                                                                    \
    " (SELECT min(e.id) FROM employments e WHERE e.interview_id = i.id)"                           \
    " FROM interviews i JOIN positions p ON p.id = i.position_id"                                  \
    " JOIN seekers s ON s.id = i.seeker_id LEFT JOIN invitations inv"                              \
    " ON inv.fair_id = i.fair_id AND inv.seeker_id = i.seeker_id "

static fm_rc read_iv(sqlite3_stmt *st, fm_interview *iv, fm_err *err)
{
    iv->id = sqlite3_column_int64(st, 0);
    iv->fair_id = fm_store_column_dup(st, 1);
    iv->seeker_id = fm_store_column_dup(st, 2);
    iv->position_id = fm_store_column_dup(st, 3);
    iv->department_id = fm_store_column_dup(st, 4);
    iv->period = sqlite3_column_type(st, 5) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 5);
    iv->table_no = sqlite3_column_type(st, 6) == SQLITE_NULL ? 0 : sqlite3_column_int(st, 6);
    iv->has_score = sqlite3_column_type(st, 7) != SQLITE_NULL;
    iv->score = sqlite3_column_double(st, 7);
    iv->held = sqlite3_column_int(st, 8) != 0;
    iv->outcome = fm_store_column_dup(st, 9);
    iv->answer = fm_store_column_dup(st, 10);
    iv->first_name = fm_store_column_dup(st, 11);
    iv->last_name = fm_store_column_dup(st, 12);
    iv->gender = fm_store_column_dup(st, 13);
    iv->attendance = fm_store_column_dup(st, 14);
    iv->position_title = fm_store_column_dup(st, 15);
    iv->employment_id = sqlite3_column_int64(st, 16); /* NULL reads as 0 */
    if (!iv->fair_id || !iv->seeker_id || !iv->position_id || !iv->department_id || !iv->gender)
        return fm_err_set(err, FM_ENOMEM, "out of memory");
    return FM_OK;
}

fm_rc fm_store_interview_get(fm_store *s, int64_t id, fm_interview *out, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc;
    int r;

    memset(out, 0, sizeof *out);
    rc = fm_repo_prepare(s, IV_SELECT "WHERE i.id = ?", &st, err);
    if (rc)
        goto done;
    sqlite3_bind_int64(st, 1, id);
    r = sqlite3_step(st);
    if (r == SQLITE_ROW)
        rc = read_iv(st, out, err);
    else if (r == SQLITE_DONE)
        rc = fm_err_set(err, FM_ENOTFOUND, "no interview %lld", (long long)id);
    else
        rc = fm_store_dberr(s, err, "interview store");
done:
    sqlite3_finalize(st);
    if (rc)
        fm_interview_release(out);
    return rc;
}

fm_rc fm_store_interview_list(fm_store *s, const char *fair_id, const char *department_id,
                              fm_interview **out, size_t *n, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_interview *v = NULL;
    size_t len = 0, cap = 0;
    fm_rc rc;
    int r;

    *out = NULL;
    *n = 0;
    /* The schedule page's main query: compiled once per connection. */
    rc = fm_store_stmt_cached(
        s,
        IV_SELECT "WHERE i.fair_id = ?1 AND (?2 IS NULL OR p.department_id = ?2)"
                  " ORDER BY i.period IS NULL, i.period, p.department_id, i.table_no, i.id",
        &st, err);
    if (rc)
        goto done;
    fm_store_bind_text(st, 1, fair_id);
    fm_store_bind_text(st, 2, department_id);
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        rc = grow((void **)&v, &cap, len, sizeof *v, err);
        if (rc)
            goto done;
        rc = read_iv(st, &v[len++], err);
        if (rc)
            goto done;
    }
    if (r != SQLITE_DONE)
        rc = fm_store_dberr(s, err, "interview store");
done:
    fm_store_stmt_done(st);
    if (rc) {
        fm_interview_list_free(v, len);
        return rc;
    }
    *out = v;
    *n = len;
    return FM_OK;
}

/* The rules a single move can break, checked against the other interviews. */
static fm_rc check_move(fm_store *s, const fm_interview *iv, int period, int table,
                        const unsigned char *avail, size_t n_avail, fm_err *err)
{
    int64_t periods = 0, tables = 0;
    fm_rc rc;

    if (iv->held)
        return fm_err_set(err, FM_ECONFLICT, "period: interview %lld is held already",
                          (long long)iv->id);
    rc = fm_store_query_i64(s, "SELECT periods FROM fairs WHERE id = ?1", iv->fair_id, NULL, 0, 0,
                            &periods, err);
    if (rc)
        return rc;
    if (period < 0 || period >= periods)
        return fm_err_set(err, FM_ECONFLICT, "period: the fair has periods 0...%lld",
                          (long long)periods - 1);
    rc = fm_store_query_i64(
        s,
        "SELECT COALESCE((SELECT tables FROM fair_departments WHERE fair_id = ?1 AND"
        " department_id = ?2), (SELECT tables FROM departments WHERE id = ?2))",
        iv->fair_id, iv->department_id, 0, 0, &tables, err);
    if (rc)
        return rc;
    if (table < 1 || table > tables)
        return fm_err_set(err, FM_ECONFLICT, "table: %s has tables 1...%lld at this fair",
                          iv->department_id, (long long)tables);
    if (avail && ((size_t)period >= n_avail || !avail[period]))
        return fm_err_set(err, FM_ECONFLICT, "period: seeker %s is not available in period %d",
                          iv->seeker_id, period);
    return FM_OK;
}

/* Conflicts that need the period and table bound: taken table, seeker overlap/gap. */
static fm_rc check_conflicts(fm_store *s, const fm_interview *iv, int period, int table, int gap,
                             fm_err *err)
{
    static const char table_sql[] =
        "SELECT i.id FROM interviews i JOIN positions p ON p.id = i.position_id"
        " WHERE i.fair_id = ?1 AND p.department_id = ?2 AND i.table_no = ?3 AND i.period = ?4"
        " AND i.id <> ?5 LIMIT 1";
    static const char seeker_sql[] =
        "SELECT id, period FROM interviews WHERE fair_id = ?1 AND seeker_id = ?2 AND id <> ?5"
        " AND period IS NOT NULL AND abs(period - ?4) <= ?3 LIMIT 1";
    sqlite3_stmt *st = NULL;
    fm_rc rc;
    int r;

    rc = fm_repo_prepare(s, table_sql, &st, err);
    if (rc)
        return rc;
    fm_store_bind_text(st, 1, iv->fair_id);
    fm_store_bind_text(st, 2, iv->department_id);
    sqlite3_bind_int(st, 3, table);
    sqlite3_bind_int(st, 4, period);
    sqlite3_bind_int64(st, 5, iv->id);
    r = sqlite3_step(st);
    if (r == SQLITE_ROW)
        rc = fm_err_set(err, FM_ECONFLICT,
                        "table: table %d of %s is taken in period %d by"
                        " interview %lld",
                        table, iv->department_id, period, (long long)sqlite3_column_int64(st, 0));
    else if (r != SQLITE_DONE)
        rc = fm_store_dberr(s, err, "interview store");
    sqlite3_finalize(st);
    if (rc)
        return rc;
    rc = fm_repo_prepare(s, seeker_sql, &st, err);
    if (rc)
        return rc;
    fm_store_bind_text(st, 1, iv->fair_id);
    fm_store_bind_text(st, 2, iv->seeker_id);
    sqlite3_bind_int(st, 3, gap);
    sqlite3_bind_int(st, 4, period);
    sqlite3_bind_int64(st, 5, iv->id);
    r = sqlite3_step(st);
    if (r == SQLITE_ROW)
        rc = fm_err_set(
            err, FM_ECONFLICT, "period: seeker %s has interview %lld in period %d (minimum gap %d)",
            iv->seeker_id, (long long)sqlite3_column_int64(st, 0), sqlite3_column_int(st, 1), gap);
    else if (r != SQLITE_DONE)
        rc = fm_store_dberr(s, err, "interview store");
    sqlite3_finalize(st);
    return rc;
}

static fm_rc audit_iv(fm_store *s, const char *actor, const char *action, int64_t id,
                      const char *detail, fm_err *err)
{
    char ids[24];
    snprintf(ids, sizeof ids, "%lld", (long long)id);
    return fm_store_audit(s, actor, action, "interview", ids, detail, err);
}

fm_rc fm_store_interview_move(fm_store *s, const char *actor, int64_t id, int period, int table,
                              int min_gap, const unsigned char *avail, size_t n_avail,
                              fm_move_check_fn check, void *check_arg, fm_err *err)
{
    fm_interview iv = {0};
    char detail[64];
    fm_rc rc;

    rc = fm_store_begin(s, err);
    if (rc)
        return rc;
    rc = fm_store_interview_get(s, id, &iv, err);
    if (!rc)
        rc = check_move(s, &iv, period, table, avail, n_avail, err);
    if (!rc)
        rc = check_conflicts(s, &iv, period, table, min_gap, err);
    if (!rc && check)
        rc = check(s, check_arg, iv.fair_id, id, period, table, err);
    if (!rc)
        rc = fm_store_exec_ints(s, "UPDATE interviews SET period = ?2, table_no = ?3 WHERE id = ?1",
                                id, period, table, err);
    if (rc)
        goto done;
    snprintf(detail, sizeof detail, "period %d table %d", period, table);
    rc = audit_iv(s, actor, "move", id, detail, err);
    if (!rc)
        rc = fm_store_commit(s, err);
done:
    fm_interview_release(&iv);
    return fm_store_fail_rollback(s, rc);
}

fm_rc fm_store_interview_set_outcome(fm_store *s, const char *actor, int64_t id,
                                     const char *outcome, fm_err *err)
{
    fm_interview iv = {0};
    sqlite3_stmt *st = NULL;
    fm_rc rc;

    if (!outcome ||
        (strcmp(outcome, "offer") && strcmp(outcome, "reserve") && strcmp(outcome, "no")))
        return fm_err_set(err, FM_EINVAL, "outcome: must be offer, reserve or no");
    rc = fm_store_begin(s, err);
    if (rc)
        return rc;
    rc = fm_store_interview_get(s, id, &iv, err);
    if (rc)
        goto done;
    if (iv.answer && strcmp(outcome, "offer")) {
        rc = fm_err_set(err, FM_ECONFLICT,
                        "outcome: the seeker has answered the offer (%s); it cannot change",
                        iv.answer);
        goto done;
    }
    rc = fm_repo_prepare(s, "UPDATE interviews SET outcome = ?1, held = 1 WHERE id = ?2", &st, err);
    if (rc)
        goto done;
    fm_store_bind_text(st, 1, outcome);
    sqlite3_bind_int64(st, 2, id);
    rc = fm_store_step_done(s, st, err);
    if (!rc)
        rc = audit_iv(s, actor, "outcome", id, outcome, err);
    if (!rc)
        rc = fm_store_commit(s, err);
done:
    sqlite3_finalize(st);
    fm_interview_release(&iv);
    return fm_store_fail_rollback(s, rc);
}

static fm_rc insert_employment(fm_store *s, const fm_interview *iv, const char *decision_date,
                               const char *start_date, int64_t *id, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc = fm_repo_prepare(
        s,
        "INSERT INTO employments(seeker_id, department_id, position_id, interview_id,"
        " decision_date, start_date, accepted_date) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
        " (SELECT accepted_date FROM interviews WHERE id = ?4))",
        &st, err);
    if (rc)
        return rc;
    fm_store_bind_text(st, 1, iv->seeker_id);
    fm_store_bind_text(st, 2, iv->department_id);
    fm_store_bind_text(st, 3, iv->position_id);
    sqlite3_bind_int64(st, 4, iv->id);
    fm_store_bind_text(st, 5, decision_date);
    fm_store_bind_text(st, 6, start_date);
    if (sqlite3_step(st) != SQLITE_DONE) {
        rc = fm_store_dberr(s, err, "employment store");
        if (rc == FM_ECONFLICT)
            fm_err_set(err, FM_ECONFLICT,
                       "decision_date: %s already has an employment at %s decided %s",
                       iv->seeker_id, iv->department_id, decision_date);
    } else {
        *id = sqlite3_last_insert_rowid(s->db);
    }
    sqlite3_finalize(st);
    return rc;
}

fm_rc fm_store_interview_set_answer(fm_store *s, const char *actor, int64_t id, const char *answer,
                                    const char *decision_date, const char *start_date,
                                    int64_t *employment_id, fm_err *err)
{
    fm_interview iv = {0};
    sqlite3_stmt *st = NULL;
    char detail[64], today[11];
    int64_t emp = 0;
    fm_rc rc;

    *employment_id = 0;
    if (!answer || (strcmp(answer, "accepted") && strcmp(answer, "declined")))
        return fm_err_set(err, FM_EINVAL, "answer: must be accepted or declined");
    rc = fm_store_begin(s, err);
    if (rc)
        return rc;
    rc = fm_store_interview_get(s, id, &iv, err);
    if (rc)
        goto done;
    if (!iv.outcome || strcmp(iv.outcome, "offer")) {
        rc = fm_err_set(err, FM_ECONFLICT, "answer: interview %lld has no offer", (long long)id);
        goto done;
    }
    if (iv.answer) {
        rc =
            fm_err_set(err, FM_ECONFLICT, "answer: the offer was answered already (%s)", iv.answer);
        goto done;
    }
    /* The decision's dates and the seeker's open employments (fairmatch/planning.h). */
    rc = fm_store_answer_check(s, iv.fair_id, iv.seeker_id, !strcmp(answer, "accepted"),
                               decision_date, start_date, fm_date_format(fm_date_today(), today),
                               err);
    if (rc)
        goto done;
    /* The yes is its own event, dated today (or the decision's day when that
       is earlier, for an answer entered afterwards); the agency's decision
       makes the employment, now when it is given, else later. */
    rc = fm_repo_prepare(
        s,
        "UPDATE interviews SET answer = ?1, accepted_date = CASE WHEN ?1 = 'accepted'"
        " THEN min(date('now'), coalesce(?3, date('now'))) END WHERE id = ?2",
        &st, err);
    if (rc)
        goto done;
    fm_store_bind_text(st, 1, answer);
    sqlite3_bind_int64(st, 2, id);
    fm_store_bind_text(st, 3, decision_date);
    rc = fm_store_step_done(s, st, err);
    if (!rc && !strcmp(answer, "accepted") && decision_date)
        rc = insert_employment(s, &iv, decision_date, start_date, &emp, err);
    if (rc)
        goto done;
    snprintf(detail, sizeof detail, "%s %s", answer, decision_date ? decision_date : "");
    rc = audit_iv(s, actor, "answer", id, detail, err);
    if (!rc && emp) {
        char eid[24];
        snprintf(eid, sizeof eid, "%lld", (long long)emp);
        rc = fm_store_audit(s, actor, "create", "employment", eid, NULL, err);
    }
    if (!rc)
        rc = fm_store_commit(s, err);
    if (!rc)
        *employment_id = emp;
done:
    sqlite3_finalize(st);
    fm_interview_release(&iv);
    return fm_store_fail_rollback(s, rc);
}

/* ---- invitations ---- */

void fm_invitation_release(fm_invitation *v)
{
    if (!v)
        return;
    free(v->seeker_id);
    free(v->first_name);
    free(v->last_name);
    free(v->gender);
    free(v->attendance);
    memset(v, 0, sizeof *v);
}

void fm_invitation_list_free(fm_invitation *v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        fm_invitation_release(&v[i]);
    free(v);
}

#define INV_SELECT                                                                                 \
    "SELECT v.seeker_id, s.first_name, s.last_name, s.gender, v.attendance, v.walk_in"             \
    " FROM invitations v JOIN seekers s ON s.id = v.seeker_id "

static fm_rc read_inv(sqlite3_stmt *st, fm_invitation *v, fm_err *err)
{
    v->seeker_id = fm_store_column_dup(st, 0);
    v->first_name = fm_store_column_dup(st, 1);
    v->last_name = fm_store_column_dup(st, 2);
    v->gender = fm_store_column_dup(st, 3);
    v->attendance = fm_store_column_dup(st, 4);
    v->walk_in = sqlite3_column_int(st, 5) != 0;
    if (!v->seeker_id || !v->gender || !v->attendance)
        return fm_err_set(err, FM_ENOMEM, "out of memory");
    return FM_OK;
}

fm_rc fm_store_invitation_list(fm_store *s, const char *fair_id, fm_invitation **out, size_t *n,
                               fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_invitation *v = NULL;
    size_t len = 0, cap = 0;
    fm_rc rc;
    int r;

    *out = NULL;
    *n = 0;
    rc = fm_repo_prepare(s, INV_SELECT "WHERE v.fair_id = ? ORDER BY v.seeker_id", &st, err);
    if (rc)
        goto done;
    fm_store_bind_text(st, 1, fair_id);
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        rc = grow((void **)&v, &cap, len, sizeof *v, err);
        if (!rc)
            rc = read_inv(st, &v[len++], err);
        if (rc)
            goto done;
    }
    if (r != SQLITE_DONE)
        rc = fm_store_dberr(s, err, "invitation store");
done:
    sqlite3_finalize(st);
    if (rc) {
        fm_invitation_list_free(v, len);
        return rc;
    }
    *out = v;
    *n = len;
    return FM_OK;
}

fm_rc fm_store_invitation_get(fm_store *s, const char *fair_id, const char *seeker_id,
                              fm_invitation *out, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc;
    int r;

    memset(out, 0, sizeof *out);
    rc = fm_repo_prepare(s, INV_SELECT "WHERE v.fair_id = ? AND v.seeker_id = ?", &st, err);
    if (rc)
        return rc;
    fm_store_bind_text(st, 1, fair_id);
    fm_store_bind_text(st, 2, seeker_id);
    r = sqlite3_step(st);
    if (r == SQLITE_ROW)
        rc = read_inv(st, out, err);
    else if (r == SQLITE_DONE)
        rc = fm_err_set(err, FM_ENOTFOUND, "seeker %s is not invited to fair %s", seeker_id,
                        fair_id);
    else
        rc = fm_store_dberr(s, err, "invitation store");
    sqlite3_finalize(st);
    if (rc)
        fm_invitation_release(out);
    return rc;
}

fm_rc fm_store_invitation_add(fm_store *s, const char *actor, const char *fair_id,
                              const char *const *seekers, size_t n, size_t *added, size_t *already,
                              fm_err *err)
{
    sqlite3_stmt *ins = NULL, *ex = NULL;
    fm_rc rc;

    *added = *already = 0;
    rc = fm_store_begin(s, err);
    if (rc)
        return rc;
    rc = fm_store_fair_exists(s, fair_id, err);
    if (!rc)
        rc = fm_repo_prepare(s, "SELECT 1 FROM seekers WHERE id = ?", &ex, err);
    if (!rc)
        rc = fm_repo_prepare(
            s, "INSERT OR IGNORE INTO invitations(fair_id, seeker_id) VALUES (?, ?)", &ins, err);
    for (size_t i = 0; !rc && i < n; i++) {
        sqlite3_reset(ex);
        fm_store_bind_text(ex, 1, seekers[i]);
        if (sqlite3_step(ex) != SQLITE_ROW) {
            rc = fm_err_set(err, FM_EINVAL, "seeker_ids[%zu]: no seeker \"%.64s\"", i, seekers[i]);
            break;
        }
        sqlite3_reset(ins);
        fm_store_bind_text(ins, 1, fair_id);
        fm_store_bind_text(ins, 2, seekers[i]);
        rc = fm_store_step_done(s, ins, err);
        if (rc)
            break;
        if (sqlite3_changes(s->db) == 1) {
            (*added)++;
            rc = fm_store_audit(s, actor, "invite", "seeker", seekers[i], fair_id, err);
        } else {
            (*already)++;
        }
    }
    if (!rc)
        rc = fm_store_commit(s, err);
    sqlite3_finalize(ins);
    sqlite3_finalize(ex);
    if (rc)
        *added = *already = 0;
    return fm_store_fail_rollback(s, rc);
}

fm_rc fm_store_invitation_set_attendance(fm_store *s, const char *actor, const char *fair_id,
                                         const char *seeker_id, const char *attendance, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc;

    if (!attendance || (strcmp(attendance, "invited") && strcmp(attendance, "checked_in") &&
                        strcmp(attendance, "no_show")))
        return fm_err_set(err, FM_EINVAL, "attendance: must be invited, checked_in or no_show");
    rc = fm_store_begin(s, err);
    if (rc)
        return rc;
    rc = fm_repo_prepare(
        s, "UPDATE invitations SET attendance = ? WHERE fair_id = ? AND seeker_id = ?", &st, err);
    if (!rc) {
        fm_store_bind_text(st, 1, attendance);
        fm_store_bind_text(st, 2, fair_id);
        fm_store_bind_text(st, 3, seeker_id);
        rc = fm_store_step_done(s, st, err);
    }
    if (!rc && sqlite3_changes(s->db) == 0)
        rc = fm_err_set(err, FM_ENOTFOUND, "seeker %s is not invited to fair %s", seeker_id,
                        fair_id);
    if (!rc)
        rc = fm_store_audit(s, actor, attendance, "invitation", seeker_id, fair_id, err);
    if (!rc)
        rc = fm_store_commit(s, err);
    sqlite3_finalize(st);
    return fm_store_fail_rollback(s, rc);
}

fm_rc fm_store_walkin_add(fm_store *s, const char *actor, const char *fair_id,
                          const char *seeker_id, fm_err *err)
{
    int64_t one = 0;
    fm_rc rc;

    rc = fm_store_begin(s, err);
    if (rc)
        return rc;
    rc = fm_store_fair_exists(s, fair_id, err);
    if (!rc)
        rc = fm_store_query_i64(s, "SELECT 1 FROM seekers WHERE id = ?1", seeker_id, NULL, 0, 0,
                                &one, err);
    if (!rc && !one)
        rc = fm_err_set(err, FM_EINVAL, "seeker_id: no seeker \"%s\"", seeker_id);
    if (!rc)
        rc = fm_store_exec(s,
                           "INSERT INTO invitations(fair_id, seeker_id, attendance, walk_in)"
                           " VALUES (?1, ?2, 'checked_in', 1)",
                           fair_id, seeker_id, 0, 0, err);
    if (rc == FM_ECONFLICT)
        fm_err_set(err, FM_ECONFLICT, "seeker_id: %s is invited already", seeker_id);
    if (!rc)
        rc = fm_store_audit(s, actor, "walk_in", "invitation", seeker_id, fair_id, err);
    if (!rc)
        rc = fm_store_commit(s, err);
    return fm_store_fail_rollback(s, rc);
}

/* ---- tables per fair ---- */

void fm_fair_table_list_free(fm_fair_table *v, size_t n)
{
    for (size_t i = 0; v && i < n; i++) {
        free(v[i].department_id);
        free(v[i].name);
    }
    free(v);
}

fm_rc fm_store_fair_tables(fm_store *s, const char *fair_id, fm_fair_table **out, size_t *n,
                           fm_err *err)
{
    static const char sql[] =
        "SELECT d.id, d.name, fd.tables FROM fair_departments fd JOIN departments d"
        " ON d.id = fd.department_id WHERE fd.fair_id = ?1"
        " UNION SELECT d.id, d.name, d.tables FROM departments d WHERE d.id IN"
        " (SELECT department_id FROM positions WHERE fair_id = ?1) AND d.id NOT IN"
        " (SELECT department_id FROM fair_departments WHERE fair_id = ?1) ORDER BY 1";
    sqlite3_stmt *st = NULL;
    fm_fair_table *v = NULL;
    size_t len = 0, cap = 0;
    fm_rc rc;
    int r;

    *out = NULL;
    *n = 0;
    rc = fm_store_stmt_cached(s, sql, &st, err);
    if (rc)
        return rc;
    fm_store_bind_text(st, 1, fair_id);
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        rc = grow((void **)&v, &cap, len, sizeof *v, err);
        if (rc)
            goto done;
        v[len].department_id = fm_store_column_dup(st, 0);
        v[len].name = fm_store_column_dup(st, 1);
        v[len].tables = sqlite3_column_int(st, 2);
        if (!v[len++].department_id) {
            rc = fm_err_set(err, FM_ENOMEM, "out of memory");
            goto done;
        }
    }
    if (r != SQLITE_DONE)
        rc = fm_store_dberr(s, err, "fair tables");
done:
    fm_store_stmt_done(st);
    if (rc) {
        fm_fair_table_list_free(v, len);
        return rc;
    }
    *out = v;
    *n = len;
    return FM_OK;
}

fm_rc fm_store_fair_tables_set(fm_store *s, const char *fair_id, const fm_fair_table *v, size_t n,
                               fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc;

    rc = fm_store_exec(s, "DELETE FROM fair_departments WHERE fair_id = ?1", fair_id, NULL, 0, 0,
                       err);
    if (!rc)
        rc = fm_repo_prepare(
            s, "INSERT INTO fair_departments(fair_id, department_id, tables) VALUES (?, ?, ?)", &st,
            err);
    for (size_t i = 0; !rc && i < n; i++) {
        sqlite3_reset(st);
        fm_store_bind_text(st, 1, fair_id);
        fm_store_bind_text(st, 2, v[i].department_id);
        sqlite3_bind_int(st, 3, v[i].tables);
        if (sqlite3_step(st) != SQLITE_DONE) {
            rc = fm_store_dberr(s, err, "fair tables");
            if (rc == FM_ECONFLICT)
                rc = fm_err_set(err, FM_EINVAL,
                                "departments[%zu]: unknown or repeated department \"%.64s\"", i,
                                v[i].department_id);
        }
    }
    sqlite3_finalize(st);
    return rc;
}

/* ---- access questions ---- */

fm_rc fm_store_fair_visible_to(fm_store *s, const char *fair_id, const char *department_id,
                               bool *visible, fm_err *err)
{
    int64_t one = 0;
    fm_rc rc =
        fm_store_query_i64(s,
                           "SELECT 1 WHERE EXISTS (SELECT 1 FROM positions WHERE fair_id = ?1 AND"
                           " department_id = ?2) OR EXISTS (SELECT 1 FROM fair_departments WHERE"
                           " fair_id = ?1 AND department_id = ?2)",
                           fair_id, department_id, 0, 0, &one, err);
    *visible = one == 1;
    return rc;
}

fm_rc fm_store_seeker_is_candidate(fm_store *s, const char *seeker_id, const char *department_id,
                                   bool *yes, fm_err *err)
{
    int64_t one = 0;
    fm_rc rc =
        fm_store_query_i64(s,
                           "SELECT 1 WHERE EXISTS (SELECT 1 FROM interviews i JOIN positions p ON"
                           " p.id = i.position_id WHERE i.seeker_id = ?1 AND p.department_id = ?2)",
                           seeker_id, department_id, 0, 0, &one, err);
    *yes = one == 1;
    return rc;
}

void fm_candidate_list_free(fm_candidate *v, size_t n)
{
    for (size_t i = 0; v && i < n; i++) {
        free(v[i].id);
        free(v[i].first_name);
        free(v[i].last_name);
        free(v[i].gender);
        free(v[i].registered);
    }
    free(v);
}

/* q as a LIKE pattern with %, _ and the escape character escaped. Caller frees. */
static char *like_pattern(const char *q)
{
    size_t n = strlen(q), j = 0;
    char *p = malloc(2 * n + 3);
    if (!p)
        return NULL;
    p[j++] = '%';
    for (size_t i = 0; i < n; i++) {
        if (q[i] == '%' || q[i] == '_' || q[i] == '\\')
            p[j++] = '\\';
        p[j++] = q[i];
    }
    p[j++] = '%';
    p[j] = '\0';
    return p;
}

#define CAND_WHERE                                                                                 \
    " FROM seekers s WHERE EXISTS (SELECT 1 FROM interviews i JOIN positions p ON"                 \
    " p.id = i.position_id WHERE i.seeker_id = s.id AND p.department_id = ?1) AND (?2 IS NULL"     \
    " OR s.id LIKE ?2 ESCAPE '\\' OR s.first_name LIKE ?2 ESCAPE '\\' OR s.last_name LIKE ?2"      \
    " ESCAPE '\\')"

fm_rc fm_store_candidate_list(fm_store *s, const char *department_id, const char *q, size_t page,
                              size_t per_page, fm_candidate **out, size_t *n, size_t *total,
                              fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_candidate *v = NULL;
    size_t len = 0, cap = 0;
    int64_t count = 0;
    char *pat = NULL;
    fm_rc rc = FM_OK;
    int r;

    *out = NULL;
    *n = 0;
    *total = 0;
    if (q && *q) {
        pat = like_pattern(q);
        if (!pat)
            return fm_err_set(err, FM_ENOMEM, "out of memory");
    }
    rc = fm_store_query_i64(s, "SELECT count(*)" CAND_WHERE, department_id, pat, 0, 0, &count, err);
    if (!rc)
        rc = fm_repo_prepare(s,
                             "SELECT s.id, s.first_name, s.last_name, s.gender, s.registered, "
                             "s.birth_year" CAND_WHERE " ORDER BY s.id LIMIT ?3 OFFSET ?4",
                             &st, err);
    if (rc)
        goto done;
    fm_store_bind_text(st, 1, department_id);
    fm_store_bind_text(st, 2, pat);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)per_page);
    sqlite3_bind_int64(st, 4, (sqlite3_int64)((page ? page - 1 : 0) * per_page));
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        rc = grow((void **)&v, &cap, len, sizeof *v, err);
        if (rc)
            goto done;
        v[len].id = fm_store_column_dup(st, 0);
        v[len].first_name = fm_store_column_dup(st, 1);
        v[len].last_name = fm_store_column_dup(st, 2);
        v[len].gender = fm_store_column_dup(st, 3);
        v[len].registered = fm_store_column_dup(st, 4);
        v[len].birth_year = sqlite3_column_int(st, 5);
        if (!v[len++].id) {
            rc = fm_err_set(err, FM_ENOMEM, "out of memory");
            goto done;
        }
    }
    if (r != SQLITE_DONE)
        rc = fm_store_dberr(s, err, "candidate list");
done:
    free(pat);
    sqlite3_finalize(st);
    if (rc) {
        fm_candidate_list_free(v, len);
        return rc;
    }
    *out = v;
    *n = len;
    *total = (size_t)count;
    return FM_OK;
}

/* ---- women's share ---- */

fm_rc fm_store_fair_women(fm_store *s, const char *fair_id, long *inv_women, long *inv_total,
                          long *pool_women, long *pool_total, fm_err *err)
{
    int64_t a = 0, b = 0, c = 0, d = 0;
    fm_rc rc;

    rc =
        fm_store_query_i64(s,
                           "SELECT count(*) FROM invitations v JOIN seekers s ON s.id = v.seeker_id"
                           " WHERE v.fair_id = ?1 AND s.gender = 'woman'",
                           fair_id, NULL, 0, 0, &a, err);
    if (!rc)
        rc = fm_store_query_i64(s, "SELECT count(*) FROM invitations WHERE fair_id = ?1", fair_id,
                                NULL, 0, 0, &b, err);
    /* The pool counts scan every seeker and do not depend on the fair:
     * memoised until the database changes (any connection or process). */
    if (!rc)
        rc = fm_store_memo_int(s,
                               "SELECT count(*) FROM seekers s WHERE s.purged_at IS NULL AND"
                               " s.gender = 'woman' AND NOT EXISTS (SELECT 1 FROM employments e"
                               " WHERE e.seeker_id = s.id)",
                               0, &c, err);
    if (!rc)
        rc = fm_store_memo_int(s,
                               "SELECT count(*) FROM seekers s WHERE s.purged_at IS NULL AND NOT"
                               " EXISTS (SELECT 1 FROM employments e WHERE e.seeker_id = s.id)",
                               0, &d, err);
    *inv_women = (long)a;
    *inv_total = (long)b;
    *pool_women = (long)c;
    *pool_total = (long)d;
    return rc;
}
