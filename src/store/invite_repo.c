/*
 * invite_repo.c - the database half of the invitation builder
 * (fairmatch/invite.h): the pool of a fair with each seeker's eligibility
 * (scored as the instance export scores, through the shared row readers of
 * store_internal.h), history and employment; the attendance rate of earlier
 * fairs; employed seekers among a list; un-inviting. Ranking and the
 * stratified choice are src/core/invite.c's.
 */
#include "fairmatch/invite.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/buf.h"
#include "fairmatch/score.h"
#include "query.h"
#include "repo.h"
#include "store_internal.h"

/* A position with what scoring needs, copied out of its row. */
typedef struct pos_side {
    char *occupation;
    fm_score_position sp;
} pos_side;

typedef struct ctx {
    fm_store *s;
    fm_invite_plan *p;
    pos_side *side; /* parallel to p->pos */
    const fm_invite_filter *f;
    size_t cap;
} ctx;

static fm_rc load_fair(ctx *x, const char *fair_id, fm_err *err)
{
    fm_rc rc = fm_store_fair_date(x->s, fair_id, "invitation builder", &x->p->fair_date, err);

    /* The row was found by this id, so it is the stored one. */
    if (!rc && !(x->p->fair_id = strdup(fair_id)))
        rc = fm_err_set(err, FM_ENOMEM, "out of memory");
    return rc;
}

static fm_rc load_positions(ctx *x, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc = fm_repo_prepare(
        x->s,
        "SELECT p.id, p.title, p.department_id, p.places, p.occupation,"
        " p.requires_driving_licence, p.min_swedish_level, p.extent FROM positions p"
        " WHERE p.fair_id = ?1 AND p.department_id IN (SELECT id FROM (" FM_SQL_DEPTS_AT_FAIR
        ")) ORDER BY p.id",
        &st, err);
    size_t cap = 0, side_cap = 0; /* pos and side grow apart: one capacity each */
    bool oom = false;
    int r;

    if (rc)
        return rc;
    fm_store_bind_text(st, 1, x->p->fair_id);
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        fm_invite_position *q;
        pos_side *sd;
        if (FM_GROW(x->p->pos, x->p->n_pos + 1, cap) ||
            FM_GROW(x->side, x->p->n_pos + 1, side_cap)) {
            oom = true;
            break;
        }
        q = &x->p->pos[x->p->n_pos];
        sd = &x->side[x->p->n_pos++];
        memset(q, 0, sizeof *q);
        memset(sd, 0, sizeof *sd);
        q->id = fm_repo_dup(st, 0, &oom);
        q->title = fm_repo_dup(st, 1, &oom);
        q->department_id = fm_repo_dup(st, 2, &oom);
        q->places = sqlite3_column_int(st, 3);
        x->p->places += q->places;
        fm_store_score_position_row(st, 4, &sd->sp);
        sd->occupation = fm_repo_dup(st, 4, &oom);
        sd->sp.occupation = sd->occupation;
        if (oom)
            break;
    }
    if (oom)
        rc = fm_err_set(err, FM_ENOMEM, "out of memory");
    else if (r != SQLITE_DONE)
        rc = fm_store_dberr(x->s, err, "invitation builder");
    sqlite3_finalize(st);
    return rc;
}

/* Attendance at earlier fairs that have any recorded; invited count here. */
static fm_rc load_rates(ctx *x, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc = fm_repo_prepare(
        x->s,
        "SELECT (SELECT count(*) FROM invitations WHERE fair_id = ?1 AND walk_in = 0),"
        " (SELECT total(v.attendance = 'checked_in') FROM invitations v JOIN fairs f ON"
        " f.id = v.fair_id WHERE f.date < ?2 AND v.walk_in = 0 AND EXISTS (SELECT 1"
        " FROM invitations w WHERE w.fair_id = v.fair_id AND w.attendance <> 'invited')),"
        " (SELECT count(*) FROM invitations v JOIN fairs f ON f.id = v.fair_id WHERE"
        " f.date < ?2 AND v.walk_in = 0 AND EXISTS (SELECT 1 FROM invitations w WHERE"
        " w.fair_id = v.fair_id AND w.attendance <> 'invited'))",
        &st, err);
    double came, asked;

    if (rc)
        return rc;
    fm_store_bind_text(st, 1, x->p->fair_id);
    fm_store_bind_text(st, 2, x->p->fair_date);
    if (sqlite3_step(st) != SQLITE_ROW) {
        rc = fm_store_dberr(x->s, err, "invitation builder");
        goto done;
    }
    x->p->invited = sqlite3_column_int(st, 0);
    came = sqlite3_column_double(st, 1);
    asked = sqlite3_column_double(st, 2);
    x->p->attendance_known = asked > 0 && came > 0;
    x->p->attendance = x->p->attendance_known ? came / asked : 1.0;
done:
    sqlite3_finalize(st);
    return rc;
}

#define SEEKERS_SQL                                                                                \
    "SELECT s.id, s.first_name, s.last_name, s.gender, s.interests, s.experience,"                 \
    " s.swedish_level, s.driving_licence, s.extent_preference, s.screening, s.eligibility,"        \
    " s.registered, EXISTS (SELECT 1 FROM invitations v WHERE v.fair_id = ?1 AND"                  \
    " v.seeker_id = s.id), EXISTS (SELECT 1 FROM employments e WHERE e.seeker_id = s.id AND"       \
    " (e.end_date IS NULL OR e.end_date >= ?2)), (SELECT count(*) FROM invitations v2 JOIN"        \
    " fairs f2 ON f2.id = v2.fair_id WHERE v2.seeker_id = s.id AND f2.date < ?2), (SELECT"         \
    " count(*) FROM invitations v2 JOIN fairs f2 ON f2.id = v2.fair_id WHERE v2.seeker_id = s.id"  \
    " AND f2.date < ?2 AND v2.attendance <> 'no_show' AND NOT EXISTS (SELECT 1 FROM interviews"    \
    " i WHERE i.fair_id = v2.fair_id AND i.seeker_id = s.id AND i.outcome = 'offer'))"             \
    " FROM seekers s WHERE s.purged_at IS NULL ORDER BY s.id"

/* Does an interest code of the '|'-list start with prefix? */
static bool interest_starts(const char *interests, const char *prefix)
{
    size_t n = strlen(prefix);
    const char *p = interests;

    while (p && *p) {
        if (!strncmp(p, prefix, n))
            return true;
        p = strchr(p, '|');
        if (p)
            p++;
    }
    return false;
}

static bool passes(const fm_invite_filter *f, sqlite3_stmt *st, int invited, int missed)
{
    const char *interests = (const char *)sqlite3_column_text(st, 4);
    const char *elig = (const char *)sqlite3_column_text(st, 10);

    if (!f)
        return true;
    if (f->ssyk && *f->ssyk && !interest_starts(interests, f->ssyk))
        return false;
    if (f->eligibility && *f->eligibility && (!elig || strcmp(elig, f->eligibility)))
        return false;
    if (f->min_swedish > 0 &&
        (sqlite3_column_type(st, 6) == SQLITE_NULL || sqlite3_column_int(st, 6) < f->min_swedish))
        return false;
    switch (f->history) {
    case FM_INVITE_HIST_NEVER:
        return invited == 0;
    case FM_INVITE_HIST_BEFORE:
        return invited > 0;
    case FM_INVITE_HIST_PASSED_OVER:
        return missed > 0;
    default:
        return true;
    }
}

/* Score the seeker in the row against every position; count per position. */
static void score_row(ctx *x, sqlite3_stmt *st, bool here, bool employed, fm_invite_candidate *c)
{
    fm_score_seeker sk;

    fm_store_score_seeker_row(st, 4, &sk);
    for (size_t j = 0; j < x->p->n_pos; j++) {
        fm_score_breakdown bd;
        fm_score_pair(&sk, &x->side[j].sp, &bd);
        if (bd.verdict != FM_SCORE_ELIGIBLE)
            continue;
        if (!employed)
            x->p->pos[j].eligible++;
        if (here)
            x->p->pos[j].invited_eligible++;
        c->eligible_positions++;
        if (c->eligible_positions == 1 || bd.total > c->best_score) {
            c->best_score = bd.total;
            c->best_position = x->p->pos[j].id; /* borrowed until copied */
        }
    }
}

static fm_rc add_candidate(ctx *x, sqlite3_stmt *st, fm_invite_candidate *c, fm_err *err)
{
    bool oom = false;
    const char *best = c->best_position;

    if (FM_GROW(x->p->cands, x->p->n_cands + 1, x->cap))
        return fm_err_set(err, FM_ENOMEM, "out of memory");
    c->seeker_id = fm_repo_dup(st, 0, &oom);
    c->first_name = fm_repo_dup(st, 1, &oom);
    c->last_name = fm_repo_dup(st, 2, &oom);
    c->gender = fm_repo_dup(st, 3, &oom);
    c->interests = fm_repo_dup(st, 4, &oom);
    c->eligibility = fm_repo_dup(st, 10, &oom);
    c->registered = fm_repo_dup(st, 11, &oom);
    c->best_position = best ? strdup(best) : NULL;
    c->swedish_level = sqlite3_column_type(st, 6) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 6);
    x->p->cands[x->p->n_cands++] = *c;
    if (oom || (best && !c->best_position))
        return fm_err_set(err, FM_ENOMEM, "out of memory");
    return FM_OK;
}

static fm_rc load_seekers(ctx *x, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc = fm_repo_prepare(x->s, SEEKERS_SQL, &st, err);
    int r = SQLITE_DONE;

    if (rc)
        return rc;
    fm_store_bind_text(st, 1, x->p->fair_id);
    fm_store_bind_text(st, 2, x->p->fair_date);
    while (!rc && (r = sqlite3_step(st)) == SQLITE_ROW) {
        fm_invite_candidate c = {0};
        bool here = sqlite3_column_int(st, 12) != 0;
        c.employed = sqlite3_column_int(st, 13) != 0;
        c.fairs_invited = sqlite3_column_int(st, 14);
        c.fairs_without_offer = sqlite3_column_int(st, 15);
        score_row(x, st, here, c.employed, &c);
        if (here || !c.eligible_positions ||
            !passes(x->f, st, c.fairs_invited, c.fairs_without_offer))
            continue;
        if (c.employed && !(x->f && x->f->include_employed))
            continue;
        rc = add_candidate(x, st, &c, err);
    }
    if (!rc && r != SQLITE_DONE)
        rc = fm_store_dberr(x->s, err, "invitation builder");
    sqlite3_finalize(st);
    return rc;
}

static void choose(fm_invite_plan *p, int count)
{
    double want = ceil((double)p->places * p->per_place / (p->attendance > 0 ? p->attendance : 1));

    for (size_t i = 0; i < p->n_cands; i++) {
        const char *g = p->cands[i].gender;
        if (p->cands[i].employed)
            continue;
        p->pool++;
        if (g && !strcmp(g, "woman"))
            p->pool_women++;
        else if (g && !strcmp(g, "man"))
            p->pool_men++;
        else
            p->pool_other++;
    }
    p->wanted = want > p->invited ? (int)want - p->invited : 0;
    p->count = count >= 0 ? count : p->wanted;
    if (p->count > p->pool)
        p->count = p->pool;
    qsort(p->cands, p->n_cands, sizeof *p->cands, fm_invite_rank_cmp);
    fm_invite_stratify(p->cands, p->n_cands, p->count, &p->chosen_women, &p->chosen_men,
                       &p->chosen_other);
}

fm_rc fm_store_invite_suggest(fm_store *s, const char *fair_id, const fm_invite_filter *f,
                              int count, fm_invite_plan **out, fm_err *err)
{
    ctx x = {.s = s, .f = f};
    fm_rc rc;

    *out = NULL;
    x.p = calloc(1, sizeof *x.p);
    if (!x.p)
        return fm_err_set(err, FM_ENOMEM, "out of memory");
    x.p->per_place = FM_INVITE_PER_PLACE;
    /* One read transaction, so that the parts agree. */
    if (sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
        rc = fm_store_dberr(s, err, "invitation builder");
        goto done;
    }
    rc = load_fair(&x, fair_id, err);
    if (!rc)
        rc = load_positions(&x, err);
    if (!rc)
        rc = load_rates(&x, err);
    if (!rc)
        rc = load_seekers(&x, err);
    sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
    if (!rc)
        choose(x.p, count);
done:
    for (size_t j = 0; x.side && j < x.p->n_pos; j++)
        free(x.side[j].occupation);
    free(x.side);
    if (rc) {
        fm_invite_plan_free(x.p);
        return rc;
    }
    *out = x.p;
    return FM_OK;
}

fm_rc fm_store_invite_employed(fm_store *s, const char *fair_id, const char *const *ids, size_t n,
                               bool **employed, size_t *n_employed, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    bool *v = NULL;
    fm_rc rc;

    *employed = NULL;
    *n_employed = 0;
    rc = fm_repo_prepare(
        s,
        "SELECT (SELECT date FROM fairs WHERE id = ?1), EXISTS (SELECT 1 FROM employments e"
        " WHERE e.seeker_id = ?2 AND (e.end_date IS NULL OR e.end_date >= (SELECT date FROM"
        " fairs WHERE id = ?1)))",
        &st, err);
    if (rc)
        return rc;
    v = calloc(n ? n : 1, sizeof *v);
    if (!v) {
        rc = fm_err_set(err, FM_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        sqlite3_reset(st);
        fm_store_bind_text(st, 1, fair_id);
        fm_store_bind_text(st, 2, ids[i]);
        if (sqlite3_step(st) != SQLITE_ROW) {
            rc = fm_store_dberr(s, err, "invitation builder");
            goto done;
        }
        if (sqlite3_column_type(st, 0) == SQLITE_NULL) {
            rc = fm_err_set(err, FM_ENOTFOUND, "no fair \"%s\"", fair_id);
            goto done;
        }
        v[i] = sqlite3_column_int(st, 1) != 0;
        *n_employed += v[i];
    }
done:
    sqlite3_finalize(st);
    if (rc) {
        free(v);
        *n_employed = 0;
        return rc;
    }
    *employed = v;
    return FM_OK;
}

/* Remove one invitation (checked as fm_store_invitation_remove says). */
static fm_rc remove_one(fm_store *s, const char *actor, const char *fair_id, const char *id,
                        size_t i, size_t *ivs, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc = fm_repo_prepare(
        s,
        "SELECT EXISTS (SELECT 1 FROM invitations WHERE fair_id = ?1 AND seeker_id = ?2),"
        " EXISTS (SELECT 1 FROM interviews WHERE fair_id = ?1 AND seeker_id = ?2 AND"
        " (held = 1 OR outcome IS NOT NULL))",
        &st, err);

    if (rc)
        return rc;
    fm_store_bind_text(st, 1, fair_id);
    fm_store_bind_text(st, 2, id);
    if (sqlite3_step(st) != SQLITE_ROW)
        rc = fm_store_dberr(s, err, "invitation builder");
    else if (!sqlite3_column_int(st, 0))
        rc = fm_err_set(err, FM_ENOTFOUND, "seeker_ids[%zu]: %s is not invited to %s", i, id,
                        fair_id);
    else if (sqlite3_column_int(st, 1))
        rc = fm_err_set_code(err, FM_ECONFLICT, "uninvite_interviewed",
                             "seeker_ids[%zu]: %s has been interviewed at %s", i, id, fair_id);
    sqlite3_finalize(st);
    st = NULL;
    if (!rc)
        rc = fm_repo_prepare(s, "DELETE FROM interviews WHERE fair_id = ?1 AND seeker_id = ?2", &st,
                             err);
    if (!rc) {
        fm_store_bind_text(st, 1, fair_id);
        fm_store_bind_text(st, 2, id);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = fm_store_dberr(s, err, "invitation builder");
        else
            *ivs += (size_t)sqlite3_changes(s->db);
        sqlite3_finalize(st);
        st = NULL;
    }
    if (!rc)
        rc = fm_repo_prepare(s, "DELETE FROM invitations WHERE fair_id = ?1 AND seeker_id = ?2",
                             &st, err);
    if (!rc) {
        fm_store_bind_text(st, 1, fair_id);
        fm_store_bind_text(st, 2, id);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = fm_store_dberr(s, err, "invitation builder");
        sqlite3_finalize(st);
    }
    if (!rc)
        rc = fm_store_audit(s, actor, "delete", "invitation", id, fair_id, err);
    return rc;
}

fm_rc fm_store_invitation_remove(fm_store *s, const char *actor, const char *fair_id,
                                 const char *const *ids, size_t n, size_t *removed,
                                 size_t *interviews_removed, fm_err *err)
{
    size_t ivs = 0;
    fm_rc rc;

    *removed = 0;
    *interviews_removed = 0;
    rc = fm_store_begin(s, err);
    if (rc)
        return rc;
    for (size_t i = 0; !rc && i < n; i++)
        rc = remove_one(s, actor, fair_id, ids[i], i, &ivs, err);
    if (!rc)
        rc = fm_store_commit(s, err);
    if (rc) {
        fm_store_rollback(s);
        return rc;
    }
    *removed = n;
    *interviews_removed = ivs;
    return FM_OK;
}
