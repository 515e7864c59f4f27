/*
 * replan_repo.c - fairmatch/replan.h: re-plan proposals, their
 * confirmation, and the change lists of saved re-plans. The plan's own
 * rows are written by fm_store_plan_write (plan_repo.c); this file
 * wraps that write in a savepoint to see what it changes, and keeps the
 * result.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/buf.h"
#include "fairmatch/replan.h"
#include "query.h"
#include "repo.h"
#include "store_internal.h"

const char *fm_change_kind_name(fm_change_kind k)
{
    return k == FM_CHANGE_MOVED ? "moved" : k == FM_CHANGE_GAINED ? "gained" : "lost";
}

static void change_release(fm_plan_change *c)
{
    free(c->seeker_id);
    free(c->first_name);
    free(c->last_name);
    free(c->position_id);
    free(c->position_title);
    free(c->department_id);
}

void fm_plan_changes_release(fm_plan_changes *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++)
        change_release(&c->v[i]);
    free(c->v);
    free(c->created_at);
    free(c->created_by);
    memset(c, 0, sizeof *c);
}

static fm_rc exec(fm_store *s, const char *sql, fm_err *err)
{
    if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return fm_store_dberr(s, err, "re-plan");
    return FM_OK;
}

/* A copy of a column (fm_repo_dup): SQL NULL gives *out NULL and FM_OK. */
static fm_rc column(sqlite3_stmt *st, int col, char **out, fm_err *err)
{
    bool oom = false;
    *out = fm_repo_dup(st, col, &oom);
    return oom ? fm_err_set(err, FM_ENOMEM, "out of memory") : FM_OK;
}

static fm_rc dup(const char *from, char **to, fm_err *err)
{
    *to = NULL;
    if (!from)
        return FM_OK;
    *to = strdup(from);
    return *to ? FM_OK : fm_err_set(err, FM_ENOMEM, "out of memory");
}

/* ---- comparing two states of the fair's plan ---- */

static bool same_pair(const fm_interview *a, const fm_interview *b)
{
    return !strcmp(a->seeker_id, b->seeker_id) && !strcmp(a->position_id, b->position_id);
}

/* One change from iv (the row it is about); old/new slot as given. */
static fm_rc add_change(fm_plan_changes *c, fm_change_kind kind, const fm_interview *iv,
                        const fm_interview *old, const fm_interview *new_, fm_err *err)
{
    fm_plan_change *ch = &c->v[c->n++];
    fm_rc rc;

    ch->kind = kind;
    ch->old_period = old ? old->period : -1;
    ch->old_table = old ? old->table_no : 0;
    ch->new_period = new_ ? new_->period : -1;
    ch->new_table = new_ ? new_->table_no : 0;
    rc = dup(iv->seeker_id, &ch->seeker_id, err);
    if (!rc)
        rc = dup(iv->first_name, &ch->first_name, err);
    if (!rc)
        rc = dup(iv->last_name, &ch->last_name, err);
    if (!rc)
        rc = dup(iv->position_id, &ch->position_id, err);
    if (!rc)
        rc = dup(iv->position_title, &ch->position_title, err);
    if (!rc)
        rc = dup(iv->department_id, &ch->department_id, err);
    return rc;
}

static int change_period(const fm_plan_change *c)
{
    return c->old_period >= 0 ? c->old_period : c->new_period;
}

static int cmp_change(const void *pa, const void *pb)
{
    const fm_plan_change *a = pa, *b = pb;
    int c =
        strcmp(a->department_id ? a->department_id : "", b->department_id ? b->department_id : "");
    if (c)
        return c;
    if (change_period(a) != change_period(b))
        return change_period(a) < change_period(b) ? -1 : 1;
    c = strcmp(a->seeker_id, b->seeker_id);
    return c ? c : strcmp(a->position_id, b->position_id);
}

/* Changes from before[nb] to after[na], matched by seeker and position. */
static fm_rc diff(const fm_interview *before, size_t nb, const fm_interview *after, size_t na,
                  fm_plan_changes *out, fm_err *err)
{
    bool *matched = calloc(na + 1, sizeof *matched);
    fm_rc rc = FM_OK;

    out->v = calloc(nb + na + 1, sizeof *out->v);
    if (!matched || !out->v) {
        rc = fm_err_set(err, FM_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; !rc && i < nb; i++) {
        size_t j = 0;
        while (j < na && (matched[j] || !same_pair(&before[i], &after[j])))
            j++;
        if (j == na) {
            out->lost++;
            rc = add_change(out, FM_CHANGE_LOST, &before[i], &before[i], NULL, err);
            continue;
        }
        matched[j] = true;
        if (before[i].period == after[j].period && before[i].table_no == after[j].table_no) {
            out->kept++;
            continue;
        }
        out->moved++;
        rc = add_change(out, FM_CHANGE_MOVED, &after[j], &before[i], &after[j], err);
    }
    for (size_t j = 0; !rc && j < na; j++)
        if (!matched[j]) {
            out->gained++;
            rc = add_change(out, FM_CHANGE_GAINED, &after[j], NULL, &after[j], err);
        }
    if (!rc)
        qsort(out->v, out->n, sizeof *out->v, cmp_change);
done:
    free(matched);
    return rc;
}

/*
 * Write the plan inside a savepoint and compare the fair's interviews
 * before and after it. keep: leave the write in place, unless it changed
 * nothing (then no row is touched at all); otherwise roll it back (a
 * preview). Call inside a transaction.
 */
static fm_rc measure(fm_store *s, const char *actor, const char *fair_id, int from_period,
                     const fm_planned_interview *v, size_t n, const char *instance_json,
                     const char *solution_json, bool keep, fm_plan_changes *out, fm_err *err)
{
    fm_interview *before = NULL, *after = NULL;
    size_t nb = 0, na = 0;
    fm_rc rc;

    out->from_period = from_period;
    rc = fm_store_interview_list(s, fair_id, NULL, &before, &nb, err);
    if (!rc)
        rc = exec(s, "SAVEPOINT replan_measure", err);
    if (rc)
        goto done;
    rc = fm_store_plan_write(s, actor, fair_id, from_period, v, n, instance_json, solution_json,
                             err);
    if (!rc)
        rc = fm_store_interview_list(s, fair_id, NULL, &after, &na, err);
    if (!rc)
        rc = diff(before, nb, after, na, out, err);
    if (rc || !keep || out->n == 0) {
        fm_rc r2 = exec(s, "ROLLBACK TO replan_measure", err);
        rc = rc ? rc : r2;
    }
    if (!rc)
        rc = exec(s, "RELEASE replan_measure", err);
done:
    fm_interview_list_free(before, nb);
    fm_interview_list_free(after, na);
    return rc;
}

/* The fair's interviews and attendance now, as one string to compare later. */
static fm_rc base_of(fm_store *s, const char *fair_id, char **out, fm_err *err)
{
    static const char sql[] =
        "SELECT ifnull((SELECT group_concat(x, ';') FROM (SELECT id || ',' || ifnull(period,"
        " '') || ',' || ifnull(table_no, '') || ',' || held AS x FROM interviews WHERE"
        " fair_id = ?1 ORDER BY id)), '') || '|' || ifnull((SELECT group_concat(y, ';') FROM"
        " (SELECT seeker_id || ',' || attendance AS y FROM invitations WHERE fair_id = ?1"
        " ORDER BY seeker_id)), '')";
    sqlite3_stmt *st = NULL;
    fm_rc rc = fm_repo_prepare(s, sql, &st, err);

    *out = NULL;
    if (rc)
        return rc;
    fm_store_bind_text(st, 1, fair_id);
    if (sqlite3_step(st) != SQLITE_ROW)
        rc = fm_store_dberr(s, err, "re-plan");
    else
        rc = column(st, 0, out, err);
    sqlite3_finalize(st);
    return rc;
}

/* End the write's transaction: commit, or roll back and free *out. */
static fm_rc finish(fm_store *s, fm_rc rc, fm_plan_changes *out, fm_err *err)
{
    if (!rc)
        rc = fm_store_commit(s, err);
    if (rc) {
        fm_store_rollback(s);
        fm_plan_changes_release(out);
    }
    return rc;
}

/* ---- proposals ---- */

/* The fair's proposal, if any, gone (its rows cascade). */
static fm_rc drop_proposal(fm_store *s, const char *fair_id, fm_err *err)
{
    return fm_store_exec(s, "DELETE FROM replan_proposals WHERE fair_id = ?1", fair_id, NULL, 0, 0,
                         err);
}

static fm_rc put_proposal(fm_store *s, const char *actor, const char *fair_id, int from_period,
                          const char *base, const char *instance_json, const char *solution_json,
                          const char *token, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc = drop_proposal(s, fair_id, err);

    if (!rc)
        rc = fm_repo_prepare(s,
                             "INSERT INTO replan_proposals(fair_id, token, created_at, created_by,"
                             " from_period, base, instance, solution) VALUES (?1, ?2,"
                             " strftime('%Y-%m-%dT%H:%M:%SZ','now'), ?3, ?4, ?5, ?6, ?7)",
                             &st, err);
    if (rc)
        return rc;
    fm_store_bind_text(st, 1, fair_id);
    fm_store_bind_text(st, 2, token);
    fm_store_bind_text(st, 3, actor);
    sqlite3_bind_int(st, 4, from_period);
    fm_store_bind_text(st, 5, base);
    fm_store_bind_text(st, 6, instance_json);
    fm_store_bind_text(st, 7, solution_json);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = fm_store_dberr(s, err, "re-plan");
    sqlite3_finalize(st);
    return rc;
}

static fm_rc put_rows(fm_store *s, const char *fair_id, const fm_planned_interview *v, size_t n,
                      fm_err *err)
{
    return fm_store_insert_planned(s,
                                   "INSERT INTO replan_proposal_rows(fair_id, seeker_id,"
                                   " position_id, period, table_no, score, why) VALUES (?, ?, ?,"
                                   " ?, ?, ?, ?)",
                                   fair_id, v, n, err);
}

fm_rc fm_store_replan_propose(fm_store *s, const char *actor, const char *fair_id, int from_period,
                              const fm_planned_interview *v, size_t n, const char *instance_json,
                              const char *solution_json, const char *token, fm_plan_changes *out,
                              fm_err *err)
{
    char *base = NULL;
    fm_rc rc;

    memset(out, 0, sizeof *out);
    rc = fm_store_begin(s, err);
    if (rc)
        return rc;
    rc = measure(s, actor, fair_id, from_period, v, n, instance_json, solution_json, false, out,
                 err);
    if (!rc)
        rc = base_of(s, fair_id, &base, err);
    if (!rc)
        rc = put_proposal(s, actor, fair_id, from_period, base, instance_json, solution_json, token,
                          err);
    if (!rc)
        rc = put_rows(s, fair_id, v, n, err);
    rc = finish(s, rc, out, err);
    free(base);
    return rc;
}

/* A stored proposal: its plan rows own their strings. */
typedef struct proposal {
    int from_period;
    char *base, *instance, *solution;
    fm_planned_interview *v;
    size_t n;
} proposal;

static void proposal_release(proposal *p)
{
    for (size_t i = 0; i < p->n; i++) {
        free((char *)p->v[i].seeker_id);
        free((char *)p->v[i].position_id);
        free((char *)p->v[i].why);
    }
    free(p->v);
    free(p->base);
    free(p->instance);
    free(p->solution);
}

static fm_rc get_head(fm_store *s, const char *fair_id, const char *token, proposal *p, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc = fm_repo_prepare(s,
                               "SELECT from_period, base, instance, solution FROM replan_proposals"
                               " WHERE fair_id = ?1 AND token = ?2",
                               &st, err);
    int r;

    if (rc)
        return rc;
    fm_store_bind_text(st, 1, fair_id);
    fm_store_bind_text(st, 2, token);
    r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        p->from_period = sqlite3_column_int(st, 0);
        rc = column(st, 1, &p->base, err);
        if (!rc)
            rc = column(st, 2, &p->instance, err);
        if (!rc)
            rc = column(st, 3, &p->solution, err);
    } else if (r == SQLITE_DONE) {
        rc = fm_err_set(err, FM_ENOTFOUND,
                        "no such re-plan proposal for this fair: it was saved, replaced by a"
                        " newer one, or never made");
    } else {
        rc = fm_store_dberr(s, err, "re-plan");
    }
    sqlite3_finalize(st);
    return rc;
}

static fm_rc get_rows(fm_store *s, const char *fair_id, proposal *p, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    size_t cap = 0;
    fm_rc rc = fm_repo_prepare(s,
                               "SELECT seeker_id, position_id, period, table_no, score, why FROM"
                               " replan_proposal_rows WHERE fair_id = ? ORDER BY rowid",
                               &st, err);
    int r = SQLITE_DONE;

    if (rc)
        return rc;
    fm_store_bind_text(st, 1, fair_id);
    while (!rc && (r = sqlite3_step(st)) == SQLITE_ROW) {
        fm_planned_interview *iv;
        char *a = NULL, *b = NULL, *w = NULL;
        if (FM_GROW(p->v, p->n + 1, cap)) {
            rc = fm_err_set(err, FM_ENOMEM, "out of memory");
            break;
        }
        iv = &p->v[p->n++];
        memset(iv, 0, sizeof *iv);
        rc = column(st, 0, &a, err);
        iv->seeker_id = a;
        if (!rc)
            rc = column(st, 1, &b, err);
        iv->position_id = b;
        if (!rc)
            rc = column(st, 5, &w, err);
        iv->why = w;
        iv->period = sqlite3_column_int(st, 2);
        iv->table = sqlite3_column_int(st, 3);
        iv->score = sqlite3_column_double(st, 4);
    }
    if (!rc && r != SQLITE_DONE)
        rc = fm_store_dberr(s, err, "re-plan");
    sqlite3_finalize(st);
    return rc;
}

/* ---- saved re-plans ---- */

static fm_rc put_changes(fm_store *s, const fm_plan_changes *c, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc =
        fm_repo_prepare(s,
                        "INSERT INTO replan_changes(replan_id, seq, kind, seeker_id, position_id,"
                        " old_period, old_table, new_period, new_table) VALUES (?, ?, ?, ?, ?, ?,"
                        " ?, ?, ?)",
                        &st, err);

    for (size_t i = 0; !rc && i < c->n; i++) {
        const fm_plan_change *ch = &c->v[i];
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, c->replan_id);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
        fm_store_bind_text(st, 3, fm_change_kind_name(ch->kind));
        fm_store_bind_text(st, 4, ch->seeker_id);
        fm_store_bind_text(st, 5, ch->position_id);
        if (ch->old_period >= 0) {
            sqlite3_bind_int(st, 6, ch->old_period);
            sqlite3_bind_int(st, 7, ch->old_table);
        } else {
            sqlite3_bind_null(st, 6);
            sqlite3_bind_null(st, 7);
        }
        if (ch->new_period >= 0) {
            sqlite3_bind_int(st, 8, ch->new_period);
            sqlite3_bind_int(st, 9, ch->new_table);
        } else {
            sqlite3_bind_null(st, 8);
            sqlite3_bind_null(st, 9);
        }
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = fm_store_dberr(s, err, "re-plan");
    }
    sqlite3_finalize(st);
    return rc;
}

/* The replans row, its changes and the audit row; fills out's id and stamp. */
static fm_rc record(fm_store *s, const char *actor, const char *fair_id, fm_plan_changes *out,
                    fm_err *err)
{
    sqlite3_stmt *st = NULL;
    char detail[128];
    fm_rc rc =
        fm_repo_prepare(s,
                        "INSERT INTO replans(fair_id, created_at, created_by, from_period, moved,"
                        " gained, lost, kept) VALUES (?, strftime('%Y-%m-%dT%H:%M:%SZ','now'), ?,"
                        " ?, ?, ?, ?, ?) RETURNING id, created_at",
                        &st, err);

    if (rc)
        return rc;
    fm_store_bind_text(st, 1, fair_id);
    fm_store_bind_text(st, 2, actor);
    sqlite3_bind_int(st, 3, out->from_period);
    sqlite3_bind_int64(st, 4, (sqlite3_int64)out->moved);
    sqlite3_bind_int64(st, 5, (sqlite3_int64)out->gained);
    sqlite3_bind_int64(st, 6, (sqlite3_int64)out->lost);
    sqlite3_bind_int64(st, 7, (sqlite3_int64)out->kept);
    if (sqlite3_step(st) != SQLITE_ROW) {
        rc = fm_store_dberr(s, err, "re-plan");
    } else {
        out->replan_id = sqlite3_column_int64(st, 0);
        rc = column(st, 1, &out->created_at, err);
    }
    if (!rc && sqlite3_step(st) != SQLITE_DONE)
        rc = fm_store_dberr(s, err, "re-plan");
    sqlite3_finalize(st);
    if (!rc)
        rc = dup(actor, &out->created_by, err);
    if (!rc)
        rc = put_changes(s, out, err);
    snprintf(detail, sizeof detail, "from period %d: %zu moved, %zu gained, %zu lost",
             out->from_period, out->moved, out->gained, out->lost);
    if (!rc)
        rc = fm_store_audit(s, actor, "replan", "fair", fair_id, detail, err);
    return rc;
}

static fm_rc confirm_locked(fm_store *s, const char *actor, const char *fair_id, const char *token,
                            const char *instance_json, fm_plan_changes *out, fm_err *err)
{
    proposal p = {0};
    char *base = NULL;
    fm_rc rc = get_head(s, fair_id, token, &p, err);

    if (!rc)
        rc = base_of(s, fair_id, &base, err);
    if (!rc && strcmp(base, p.base))
        rc = fm_err_set(err, FM_ECONFLICT,
                        "the plan or the attendance changed after this proposal was made:"
                        " re-plan again");
    if (!rc && (!instance_json || strcmp(instance_json, p.instance)))
        rc = fm_err_set(err, FM_ECONFLICT,
                        "the fair's seekers, positions or rules changed after this proposal was"
                        " made: re-plan again");
    if (!rc)
        rc = get_rows(s, fair_id, &p, err);
    if (!rc)
        rc = measure(s, actor, fair_id, p.from_period, p.v, p.n, p.instance, p.solution, true, out,
                     err);
    if (!rc)
        rc = record(s, actor, fair_id, out, err);
    if (!rc)
        rc = drop_proposal(s, fair_id, err);
    free(base);
    proposal_release(&p);
    return rc;
}

fm_rc fm_store_replan_confirm(fm_store *s, const char *actor, const char *fair_id,
                              const char *token, const char *instance_json, fm_plan_changes *out,
                              fm_err *err)
{
    fm_rc rc;

    memset(out, 0, sizeof *out);
    rc = fm_store_begin(s, err);
    if (rc)
        return rc;
    rc = confirm_locked(s, actor, fair_id, token, instance_json, out, err);
    rc = finish(s, rc, out, err);
    return rc;
}

fm_rc fm_store_replan_save(fm_store *s, const char *actor, const char *fair_id, int from_period,
                           const fm_planned_interview *v, size_t n, const char *instance_json,
                           const char *solution_json, fm_plan_changes *out, fm_err *err)
{
    fm_rc rc;

    memset(out, 0, sizeof *out);
    rc = fm_store_begin(s, err);
    if (rc)
        return rc;
    rc =
        measure(s, actor, fair_id, from_period, v, n, instance_json, solution_json, true, out, err);
    if (!rc)
        rc = record(s, actor, fair_id, out, err);
    rc = finish(s, rc, out, err);
    return rc;
}

/* ---- reading a saved change list ---- */

static fm_rc read_change(sqlite3_stmt *st, fm_plan_change *ch, fm_err *err)
{
    char *kind = NULL;
    fm_rc rc = column(st, 0, &kind, err);

    ch->kind = !kind                     ? FM_CHANGE_LOST
               : !strcmp(kind, "moved")  ? FM_CHANGE_MOVED
               : !strcmp(kind, "gained") ? FM_CHANGE_GAINED
                                         : FM_CHANGE_LOST;
    free(kind);
    if (!rc)
        rc = column(st, 1, &ch->seeker_id, err);
    if (!rc)
        rc = column(st, 2, &ch->first_name, err);
    if (!rc)
        rc = column(st, 3, &ch->last_name, err);
    if (!rc)
        rc = column(st, 4, &ch->position_id, err);
    if (!rc)
        rc = column(st, 5, &ch->position_title, err);
    if (!rc)
        rc = column(st, 6, &ch->department_id, err);
    ch->old_period = sqlite3_column_type(st, 7) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 7);
    ch->old_table = sqlite3_column_int(st, 8);
    ch->new_period = sqlite3_column_type(st, 9) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 9);
    ch->new_table = sqlite3_column_int(st, 10);
    return rc;
}

static fm_rc read_changes(fm_store *s, fm_plan_changes *out, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    size_t cap = out->moved + out->gained + out->lost + 1;
    fm_rc rc =
        fm_repo_prepare(s,
                        "SELECT c.kind, c.seeker_id, s.first_name, s.last_name, c.position_id,"
                        " p.title, p.department_id, c.old_period, c.old_table, c.new_period,"
                        " c.new_table FROM replan_changes c LEFT JOIN seekers s ON s.id ="
                        " c.seeker_id LEFT JOIN positions p ON p.id = c.position_id WHERE"
                        " c.replan_id = ? ORDER BY c.seq",
                        &st, err);
    int r = SQLITE_DONE;

    if (!rc && !(out->v = calloc(cap, sizeof *out->v)))
        rc = fm_err_set(err, FM_ENOMEM, "out of memory");
    if (rc)
        goto done;
    sqlite3_bind_int64(st, 1, out->replan_id);
    while (!rc && out->n < cap && (r = sqlite3_step(st)) == SQLITE_ROW)
        rc = read_change(st, &out->v[out->n++], err);
    if (!rc && r != SQLITE_DONE && r != SQLITE_ROW)
        rc = fm_store_dberr(s, err, "re-plan");
done:
    sqlite3_finalize(st);
    return rc;
}

fm_rc fm_store_replan_last(fm_store *s, const char *fair_id, fm_plan_changes *out, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc;
    int r;

    memset(out, 0, sizeof *out);
    rc = fm_repo_prepare(s,
                         "SELECT id, created_at, created_by, from_period, moved, gained, lost, kept"
                         " FROM replans WHERE fair_id = ? ORDER BY id DESC LIMIT 1",
                         &st, err);
    if (rc)
        return rc;
    fm_store_bind_text(st, 1, fair_id);
    r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        out->replan_id = sqlite3_column_int64(st, 0);
        rc = column(st, 1, &out->created_at, err);
        if (!rc)
            rc = column(st, 2, &out->created_by, err);
        out->from_period = sqlite3_column_int(st, 3);
        out->moved = (size_t)sqlite3_column_int64(st, 4);
        out->gained = (size_t)sqlite3_column_int64(st, 5);
        out->lost = (size_t)sqlite3_column_int64(st, 6);
        out->kept = (size_t)sqlite3_column_int64(st, 7);
    } else if (r == SQLITE_DONE) {
        rc = fm_err_set(err, FM_ENOTFOUND, "fair %s has not been re-planned", fair_id);
    } else {
        rc = fm_store_dberr(s, err, "re-plan");
    }
    sqlite3_finalize(st);
    if (!rc)
        rc = read_changes(s, out, err);
    if (rc)
        fm_plan_changes_release(out);
    return rc;
}
