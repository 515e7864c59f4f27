/*
 * invitation_repo.c - who is invited to a fair, their attendance on the
 * day and walk-ins, each write audited in its own transaction. Which
 * seekers to invite is invite_repo.c's question; interviews are
 * interview_repo.c's.
 */
#include <stdlib.h>
#include <string.h>

#include "fairmatch/interview.h"
#include "query.h"
#include "repo.h"

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

/* Reads the current row into elem (an fm_invitation); on failure leaves it released. */
static fm_rc read_inv(sqlite3_stmt *st, void *elem, fm_err *err)
{
    fm_invitation *v = elem;
    bool oom = false;

    memset(v, 0, sizeof *v);
    v->seeker_id = fm_repo_dup(st, 0, &oom);
    v->first_name = fm_repo_dup(st, 1, &oom);
    v->last_name = fm_repo_dup(st, 2, &oom);
    v->gender = fm_repo_dup(st, 3, &oom);
    v->attendance = fm_repo_dup(st, 4, &oom);
    v->walk_in = sqlite3_column_int(st, 5) != 0;
    if (!oom)
        return FM_OK;
    fm_invitation_release(v);
    return fm_err_set(err, FM_ENOMEM, "out of memory");
}

static void free_invs(void *v, size_t n)
{
    fm_invitation_list_free(v, n);
}

fm_rc fm_store_invitation_list(fm_store *s, const char *fair_id, fm_invitation **out, size_t *n,
                               fm_err *err)
{
    void *v = NULL;
    fm_rc rc;
    rc = fm_repo_list_sql(s, INV_SELECT "WHERE v.fair_id = ? ORDER BY v.seeker_id", fair_id, NULL,
                          sizeof **out, read_inv, free_invs, &v, n, err);
    *out = v;
    return rc;
}

fm_rc fm_store_invitation_get(fm_store *s, const char *fair_id, const char *seeker_id,
                              fm_invitation *out, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc;

    memset(out, 0, sizeof *out);
    rc = fm_repo_prepare(s, INV_SELECT "WHERE v.fair_id = ? AND v.seeker_id = ?", &st, err);
    if (rc)
        goto done;
    fm_store_bind_text(st, 1, fair_id);
    fm_store_bind_text(st, 2, seeker_id);
    rc = fm_repo_get(s, st, out, read_inv, "invitation", seeker_id, err);
    if (rc == FM_ENOTFOUND)
        fm_err_set(err, FM_ENOTFOUND, "seeker %s is not invited to fair %s", seeker_id, fair_id);
done:
    sqlite3_finalize(st);
    return rc;
}

fm_rc fm_store_invitation_add(fm_store *s, const char *actor, const char *fair_id,
                              const char *const *seekers, size_t n, size_t *added, size_t *already,
                              fm_err *err)
{
    sqlite3_stmt *ins = NULL, *ex = NULL;
    fm_rc rc;

    *added = *already = 0;
    rc = fm_store_begin_fair(s, fair_id, err);
    if (rc)
        return rc;
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

    rc = fm_store_begin_fair(s, fair_id, err);
    if (rc)
        return rc;
    rc = fm_store_query_i64(s, "SELECT 1 FROM seekers WHERE id = ?1", seeker_id, NULL, 0, 0, &one,
                            err);
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
