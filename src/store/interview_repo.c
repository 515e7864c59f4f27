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

/* Reads the current row into elem (an fm_interview); on failure leaves it released. */
static fm_rc read_iv(sqlite3_stmt *st, void *elem, fm_err *err)
{
    fm_interview *iv = elem;
    bool oom = false;

    memset(iv, 0, sizeof *iv);
    iv->id = sqlite3_column_int64(st, 0);
    iv->fair_id = fm_repo_dup(st, 1, &oom);
    iv->seeker_id = fm_repo_dup(st, 2, &oom);
    iv->position_id = fm_repo_dup(st, 3, &oom);
    iv->department_id = fm_repo_dup(st, 4, &oom);
    iv->period = fm_repo_int(st, 5, -1);
    iv->table_no = fm_repo_int(st, 6, 0);
    iv->has_score = sqlite3_column_type(st, 7) != SQLITE_NULL;
    iv->score = sqlite3_column_double(st, 7);
    iv->held = sqlite3_column_int(st, 8) != 0;
    iv->outcome = fm_repo_dup(st, 9, &oom);
    iv->answer = fm_repo_dup(st, 10, &oom);
    iv->first_name = fm_repo_dup(st, 11, &oom);
    iv->last_name = fm_repo_dup(st, 12, &oom);
    iv->gender = fm_repo_dup(st, 13, &oom);
    iv->attendance = fm_repo_dup(st, 14, &oom);
    iv->position_title = fm_repo_dup(st, 15, &oom);
    iv->employment_id = sqlite3_column_int64(st, 16); /* NULL reads as 0 */
    if (!oom)
        return FM_OK;
    fm_interview_release(iv);
    return fm_err_set(err, FM_ENOMEM, "out of memory");
}

static void free_ivs(void *v, size_t n)
{
    fm_interview_list_free(v, n);
}

fm_rc fm_store_interview_get(fm_store *s, int64_t id, fm_interview *out, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    char ids[24];
    fm_rc rc;

    memset(out, 0, sizeof *out);
    rc = fm_repo_prepare(s, IV_SELECT "WHERE i.id = ?", &st, err);
    if (rc)
        goto done;
    sqlite3_bind_int64(st, 1, id);
    snprintf(ids, sizeof ids, "%lld", (long long)id);
    rc = fm_repo_get(s, st, out, read_iv, "interview", ids, err);
    if (rc == FM_ENOTFOUND)
        fm_err_set(err, FM_ENOTFOUND, "no interview %lld", (long long)id);
done:
    sqlite3_finalize(st);
    return rc;
}

fm_rc fm_store_interview_list(fm_store *s, const char *fair_id, const char *department_id,
                              fm_interview **out, size_t *n, fm_err *err)
{
    void *v = NULL;
    sqlite3_stmt *st = NULL;
    fm_rc rc;

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
    rc = fm_repo_list(s, st, sizeof **out, read_iv, free_ivs, &v, n, err);
    *out = v;
done:
    fm_store_stmt_done(st);
    return rc;
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

/*
 * The first interview sql finds for iv (?1 fair, ?2 who, ?3 n, ?4 period,
 * ?5 iv's own id to leave out). OUT: *other (0 when none) and its period.
 */
static fm_rc find_clash(fm_store *s, const char *sql, const fm_interview *iv, const char *who,
                        int n, int period, int64_t *other, int *other_period, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc;
    int r;

    *other = 0;
    rc = fm_repo_prepare(s, sql, &st, err);
    if (rc)
        goto done;
    fm_store_bind_text(st, 1, iv->fair_id);
    fm_store_bind_text(st, 2, who);
    sqlite3_bind_int(st, 3, n);
    sqlite3_bind_int(st, 4, period);
    sqlite3_bind_int64(st, 5, iv->id);
    r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        *other = sqlite3_column_int64(st, 0);
        *other_period = sqlite3_column_int(st, 1);
    } else if (r != SQLITE_DONE) {
        rc = fm_store_dberr(s, err, "interview store");
    }
done:
    sqlite3_finalize(st);
    return rc;
}

/* Conflicts that need the period and table bound: taken table, seeker overlap/gap. */
static fm_rc check_conflicts(fm_store *s, const fm_interview *iv, int period, int table, int gap,
                             fm_err *err)
{
    int64_t other = 0;
    int at = 0;
    fm_rc rc;

    rc = find_clash(s,
                    "SELECT i.id, i.period FROM interviews i JOIN positions p ON"
                    " p.id = i.position_id WHERE i.fair_id = ?1 AND p.department_id = ?2 AND"
                    " i.table_no = ?3 AND i.period = ?4 AND i.id <> ?5 LIMIT 1",
                    iv, iv->department_id, table, period, &other, &at, err);
    if (!rc && other)
        return fm_err_set(err, FM_ECONFLICT,
                          "table: table %d of %s is taken in period %d by interview %lld", table,
                          iv->department_id, period, (long long)other);
    if (!rc)
        rc = find_clash(s,
                        "SELECT id, period FROM interviews WHERE fair_id = ?1 AND seeker_id = ?2"
                        " AND id <> ?5 AND period IS NOT NULL AND abs(period - ?4) <= ?3 LIMIT 1",
                        iv, iv->seeker_id, gap, period, &other, &at, err);
    if (!rc && other)
        rc = fm_err_set(err, FM_ECONFLICT,
                        "period: seeker %s has interview %lld in period %d (minimum gap %d)",
                        iv->seeker_id, (long long)other, at, gap);
    return rc;
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
    rc = fm_store_audit_id(s, actor, "move", "interview", id, detail, err);
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
        rc = fm_store_audit_id(s, actor, "outcome", "interview", id, outcome, err);
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

/* An answer needs an offer not answered yet. */
static fm_rc check_answerable(const fm_interview *iv, fm_err *err)
{
    if (!iv->outcome || strcmp(iv->outcome, "offer"))
        return fm_err_set(err, FM_ECONFLICT, "answer: interview %lld has no offer",
                          (long long)iv->id);
    if (iv->answer)
        return fm_err_set(err, FM_ECONFLICT, "answer: the offer was answered already (%s)",
                          iv->answer);
    return FM_OK;
}

fm_rc fm_store_interview_set_answer(fm_store *s, const char *actor, int64_t id, const char *answer,
                                    const char *decision_date, const char *start_date,
                                    int64_t *employment_id, fm_err *err)
{
    fm_interview iv = {0};
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
    if (!rc)
        rc = check_answerable(&iv, err);
    /* The decision's dates and the seeker's open employments (fairmatch/planning.h). */
    if (!rc)
        rc = fm_store_answer_check(s, iv.fair_id, iv.seeker_id, !strcmp(answer, "accepted"),
                                   decision_date, start_date,
                                   fm_date_format(fm_date_today(), today), err);
    /* The yes is its own event, dated today (or the decision's day when that
       is earlier, for an answer entered afterwards); the agency's decision
       makes the employment, now when it is given, else later. */
    if (!rc)
        rc = fm_store_exec(s,
                           "UPDATE interviews SET answer = ?1, accepted_date = CASE WHEN ?1 ="
                           " 'accepted' THEN min(date('now'), coalesce(?2, date('now'))) END"
                           " WHERE id = ?3",
                           answer, decision_date, id, 0, err);
    if (!rc && !strcmp(answer, "accepted") && decision_date)
        rc = insert_employment(s, &iv, decision_date, start_date, &emp, err);
    snprintf(detail, sizeof detail, "%s %s", answer, decision_date ? decision_date : "");
    if (!rc)
        rc = fm_store_audit_id(s, actor, "answer", "interview", id, detail, err);
    if (!rc && emp)
        rc = fm_store_audit_id(s, actor, "create", "employment", emp, NULL, err);
    if (!rc)
        rc = fm_store_commit(s, err);
    if (!rc)
        *employment_id = emp;
    fm_interview_release(&iv);
    return fm_store_fail_rollback(s, rc);
}
