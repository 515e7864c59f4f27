/*
 * h_match.c - POST /api/fairs/{id}/match and /replan: build the fair's
 * instance (fairmatch/export.h), solve it on the solver thread
 * (fairmatch/solve.h) and store the plan (fairmatch/interview.h), while the
 * request's connection waits suspended. Also the move rules taken from the
 * stored instance.
 */
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/auth.h"
#include "fairmatch/check.h"
#include "fairmatch/export.h"
#include "fairmatch/fair.h"
#include "fairmatch/instance.h"
#include "fairmatch/interview.h"
#include "fairmatch/replan.h"
#include "fairmatch/solve.h"
#include "http_handlers.h"
#include "http_internal.h"

typedef struct match_job {
    struct fm_solver_queue *queue; /* its progress board and stop flag */
    char *fair_id;
    char *actor;
    int from_period; /* -1: a first match */
    double time_limit;
    bool preview; /* a re-plan to propose, saved only when confirmed */
} match_job;

static void match_job_free(void *p)
{
    match_job *j = p;
    if (!j)
        return;
    free(j->fair_id);
    free(j->actor);
    free(j);
}

fm_rc fm_http_decode_match(const cJSON *body, double *time_limit, int *from_period, fm_err *err)
{
    long from = 0;
    fm_rc rc;

    *time_limit = 60;
    rc = fm_json_get_num(body, "time_limit_seconds", false, 1, 600, time_limit, NULL, err);
    if (!rc && from_period) {
        rc = fm_json_get_int(body, "from_period", true, 0, 96, &from, NULL, err);
        *from_period = (int)from;
    }
    return rc;
}

static long seeker_index(const fm_instance *inst, const char *id)
{
    for (size_t i = 0; i < inst->n_seekers; i++)
        if (!strcmp(inst->seekers[i].id, id))
            return (long)i;
    return -1;
}

static long score_index(const fm_instance *inst, const char *seeker, const char *position)
{
    for (size_t k = 0; k < inst->n_scores; k++) {
        const fm_inst_score *sc = &inst->scores[k];
        if (!strcmp(inst->seekers[sc->seeker].id, seeker) &&
            !strcmp(inst->positions[sc->position].id, position))
            return (long)k;
    }
    return -1;
}

/* What a re-plan starts from: the fair's plan and attendance as stored now. */
typedef struct replan_state {
    fm_interview *iv;
    fm_invitation *inv;
    size_t n_iv, n_inv;
    fm_solve_fixed *fixed, *prefer;
    size_t nf, np, *excl, ne;
    bool unchanged; /* nothing changed since the last plan: it stays as it is */
} replan_state;

static void replan_release(replan_state *rp)
{
    fm_interview_list_free(rp->iv, rp->n_iv);
    fm_invitation_list_free(rp->inv, rp->n_inv);
    free(rp->fixed);
    free(rp->prefer);
    free(rp->excl);
}

static bool is_no_show(const char *attendance)
{
    return attendance && !strcmp(attendance, "no_show");
}

/*
 * Interviews held, or placed before from_period for a seeker who came, stay
 * fixed; no-shows get nothing new; the rest of the plan is preferred (kept
 * where the model allows, fm_solve_opts.prefer). Returns whether anything
 * but the clock changed: a no-show with a planned interview, or an
 * interview that is no longer an eligible pair.
 */
static bool replan_sort(replan_state *rp, const fm_instance *inst, int from_period)
{
    bool changed = false;

    for (size_t i = 0; i < rp->n_inv; i++) {
        long s = seeker_index(inst, rp->inv[i].seeker_id);
        if (s >= 0 && is_no_show(rp->inv[i].attendance))
            rp->excl[rp->ne++] = (size_t)s;
    }
    for (size_t i = 0; i < rp->n_iv; i++) {
        const fm_interview *iv = &rp->iv[i];
        bool no_show = is_no_show(iv->attendance);
        long k = iv->period < 0 ? -1 : score_index(inst, iv->seeker_id, iv->position_id);
        fm_solve_fixed *slot;
        if (iv->period < 0)
            continue;
        changed |= !iv->held && (no_show || k < 0);
        if (k < 0 || (no_show && iv->held))
            continue; /* no longer an eligible pair: it stays in the database, outside the plan */
        if (iv->held || (iv->period < from_period && !no_show))
            slot = &rp->fixed[rp->nf++];
        else if (!no_show)
            slot = &rp->prefer[rp->np++];
        else
            continue;
        slot->score = (size_t)k;
        slot->period = iv->period;
        slot->table = iv->table_no;
    }
    return changed;
}

static fm_rc replan_load(fm_store *db, const match_job *j, const fm_instance *inst,
                         const char *inst_json, replan_state *rp, fm_err *err)
{
    char *stored = NULL;
    bool changed;
    fm_rc rc = fm_store_interview_list(db, j->fair_id, NULL, &rp->iv, &rp->n_iv, err);

    if (!rc)
        rc = fm_store_invitation_list(db, j->fair_id, &rp->inv, &rp->n_inv, err);
    if (rc)
        return rc;
    rp->fixed = calloc(rp->n_iv + 1, sizeof *rp->fixed);
    rp->prefer = calloc(rp->n_iv + 1, sizeof *rp->prefer);
    rp->excl = calloc(rp->n_inv + 1, sizeof *rp->excl);
    if (!rp->fixed || !rp->prefer || !rp->excl)
        return fm_err_set(err, FM_ENOMEM, "out of memory");
    changed = replan_sort(rp, inst, j->from_period);
    /* The instance as it was matched last: the same bytes mean the same seekers,
     * positions, scores, availability and rules. */
    rc = fm_store_fair_instance_json(db, j->fair_id, &stored, err);
    if (rc == FM_ENOTFOUND)
        rc = FM_OK;
    rp->unchanged = !rc && !changed && stored && !strcmp(stored, inst_json);
    free(stored);
    return rc;
}

/* The rows to store: the solution's interviews, or (sol NULL) the plan as it is. */
static fm_rc plan_rows(const fm_instance *inst, const fm_solution *sol, const replan_state *rp,
                       fm_planned_interview **out, size_t *n, fm_err *err)
{
    size_t cap = sol ? sol->n_interviews : rp->n_iv;
    fm_planned_interview *v = calloc(cap + 1, sizeof *v);

    *out = v;
    *n = 0;
    if (!v)
        return fm_err_set(err, FM_ENOMEM, "out of memory");
    for (size_t i = 0; !sol && i < rp->n_iv; i++) {
        if (rp->iv[i].period < 0)
            continue;
        v[*n].seeker_id = rp->iv[i].seeker_id;
        v[*n].position_id = rp->iv[i].position_id;
        v[*n].period = rp->iv[i].period;
        v[*n].table = rp->iv[i].table_no;
        v[(*n)++].score = rp->iv[i].score;
    }
    for (size_t i = 0; sol && i < sol->n_interviews; i++) {
        const fm_inst_score *sc = &inst->scores[sol->interviews[i].score];
        v[i].seeker_id = inst->seekers[sc->seeker].id;
        v[i].position_id = inst->positions[sc->position].id;
        v[i].period = sol->interviews[i].period;
        v[i].table = sol->interviews[i].table;
        v[i].score = sc->score;
        v[i].why = sc->why;
        ++*n;
    }
    return FM_OK;
}

/* The answer: what was solved, and for a re-plan its change list (and proposal). */
static cJSON *summary(const match_job *j, const fm_solution *sol, size_t n_rows,
                      const fm_plan_changes *ch, const fm_fair *f, const char *token)
{
    cJSON *o = cJSON_CreateObject(), *list = NULL;
    const char *status = !sol                               ? "unchanged"
                         : sol->status == FM_STATUS_OPTIMAL ? "optimal"
                                                            : "feasible";
    bool ok = o && cJSON_AddStringToObject(o, "fair_id", j->fair_id) &&
              cJSON_AddStringToObject(o, "status", status) &&
              cJSON_AddNumberToObject(o, "interviews", (double)n_rows) &&
              cJSON_AddNumberToObject(o, "unscheduled", sol ? (double)sol->n_unscheduled : 0) &&
              cJSON_AddNumberToObject(o, "seconds", sol ? sol->stats.seconds : 0);
    if (ok && sol)
        ok = cJSON_AddNumberToObject(o, "objective", sol->objective) != NULL;
    if (ok && token)
        ok = cJSON_AddStringToObject(o, "proposal", token) != NULL;
    if (ok && ch)
        ok = (list = fm_http_changes_json(ch, f)) && cJSON_AddItemToObject(o, "changes", list);
    if (!ok) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

/* Store the plan: a first match, a re-plan, or a re-plan's proposal. */
static fm_rc store_plan(fm_store *db, const match_job *j, const fm_planned_interview *v, size_t n,
                        const char *inst_json, const char *sol_json, const char *token,
                        fm_plan_changes *ch, fm_err *err)
{
    if (j->from_period < 0)
        return fm_store_fair_plan_save(db, j->actor, j->fair_id, j->from_period, v, n, inst_json,
                                       sol_json, err);
    if (j->preview)
        return fm_store_replan_propose(db, j->actor, j->fair_id, j->from_period, v, n, inst_json,
                                       sol_json, token, ch, err);
    return fm_store_replan_save(db, j->actor, j->fair_id, j->from_period, v, n, inst_json, sol_json,
                                ch, err);
}

static fm_rc solve(const match_job *j, const fm_instance *inst, const replan_state *rp,
                   fm_solution **sol, fm_err *err)
{
    fm_solve_opts opts = {0};
    fm_rc rc;

    opts.time_limit_seconds = j->time_limit;
    opts.fixed = rp->fixed;
    opts.n_fixed = rp->nf;
    opts.prefer = rp->prefer;
    opts.n_prefer = rp->np;
    opts.first_period = j->from_period > 0 ? j->from_period : 0;
    opts.excluded = rp->excl;
    opts.n_excluded = rp->ne;
    opts.progress = fm_solver_run_progress;
    opts.progress_ctx = j->queue;
    opts.stop = fm_solver_run_stop_flag(j->queue);
    fm_solver_run_begin(j->queue, j->fair_id);
    rc = fm_solve_run(inst, &opts, sol, err);
    fm_solver_run_end(j->queue);
    return rc;
}

/* Runs on the solver thread with its own connection. */
static fm_rc run_match(fm_store *db, void *arg, cJSON **result, fm_err *err)
{
    match_job *j = arg;
    replan_state rp = {0};
    size_t len = 0, n = 0;
    char *inst_json = NULL, *sol_json = NULL, token[FM_AUTH_TOKEN_HEX];
    fm_instance *inst = NULL;
    fm_solution *sol = NULL;
    fm_planned_interview *v = NULL;
    fm_plan_changes ch = {0};
    fm_fair f = {0};
    fm_rc rc;

    fm_auth_random_token(token);
    rc = fm_store_fair_get(db, j->fair_id, &f, err);
    if (!rc)
        rc = fm_export_instance_json(db, j->fair_id, &inst_json, &len, err);
    if (!rc)
        rc = fm_instance_parse(inst_json, len, "instance", &inst, err);
    if (!rc && (inst->n_seekers == 0 || inst->n_positions == 0 || inst->n_scores == 0))
        rc = fm_err_set(err, FM_ECONFLICT,
                        "nothing to match: the fair needs invited seekers, positions and at least"
                        " one eligible pair (%zu seekers, %zu positions, %zu pairs)",
                        inst->n_seekers, inst->n_positions, inst->n_scores);
    if (!rc && j->from_period >= 0)
        rc = replan_load(db, j, inst, inst_json, &rp, err);
    if (!rc && !rp.unchanged)
        rc = solve(j, inst, &rp, &sol, err);
    if (!rc && sol)
        rc = fm_solution_to_json(inst, sol, &sol_json, err);
    if (!rc)
        rc = plan_rows(inst, sol, &rp, &v, &n, err);
    if (!rc)
        rc = store_plan(db, j, v, n, inst_json, sol_json, j->preview ? token : NULL, &ch, err);
    if (!rc && !(*result = summary(j, sol, n, j->from_period >= 0 ? &ch : NULL, &f,
                                   j->preview ? token : NULL)))
        rc = fm_err_set(err, FM_ENOMEM, "out of memory");
    fm_plan_changes_release(&ch);
    fm_fair_release(&f);
    replan_release(&rp);
    fm_solution_free(sol);
    fm_instance_free(inst);
    free(v);
    free(inst_json);
    free(sol_json);
    return rc;
}

static void match_finish(fm_http_ctx *c)
{
    cJSON *result = NULL;
    fm_err err = {0};
    fm_rc rc = fm_solver_job_result(c->job, &result, &err);

    if (rc) {
        /* A bad instance built from the database is a conflict of its data, not a 500. */
        if (rc == FM_EINVAL)
            err.rc = FM_ECONFLICT;
        fm_http_reply_rc(c, &err);
        return;
    }
    fm_http_reply_json(c, 200, cJSON_Duplicate(result, 1));
}

static void submit(fm_http_ctx *c, bool replan)
{
    match_job *j = NULL;
    fm_fair f = {0};
    double limit = 60;
    int from = -1;
    bool preview = false;
    fm_err err = {0};
    cJSON *body = fm_http_body(c);
    fm_rc rc;

    if (!body)
        return;
    rc = fm_http_decode_match(body, &limit, replan ? &from : NULL, &err);
    if (!rc && replan)
        rc = fm_json_get_bool(body, "preview", false, &preview, NULL, &err);
    /* The fair must exist before anything is queued. */
    if (!rc)
        rc = fm_store_fair_get(c->db, c->params[0], &f, &err);
    if (!rc && !(j = calloc(1, sizeof *j)))
        rc = fm_err_set(&err, FM_ENOMEM, "out of memory");
    if (!rc) {
        j->queue = c->srv->solver;
        j->fair_id = strdup(c->params[0]);
        j->actor = strdup(c->user.username);
        j->from_period = replan ? from : -1;
        j->time_limit = limit;
        j->preview = preview;
        if (!j->fair_id || !j->actor)
            rc = fm_err_set(&err, FM_ENOMEM, "out of memory");
    }
    if (!rc) {
        rc = fm_solver_queue_submit(c, run_match, j, match_job_free, match_finish, &err);
        j = NULL; /* the queue owns it now, or freed it */
        if (rc == FM_EIO) {
            fm_http_reply_error(c, 503, NULL, "the solver is busy; try again in a minute");
            goto done;
        }
    }
    if (rc)
        fm_http_reply_rc(c, &err);
done:
    match_job_free(j);
    fm_fair_release(&f);
    cJSON_Delete(body);
}

void fm_h_match(fm_http_ctx *c)
{
    submit(c, false);
}

void fm_h_replan(fm_http_ctx *c)
{
    submit(c, true);
}

/* A finite number, or null (cJSON prints inf as null anyway; be explicit). */
static cJSON *number_or_null(double v)
{
    return isfinite(v) ? cJSON_CreateNumber(v) : cJSON_CreateNull();
}

/* GET /api/fairs/{id}/match/progress: the running match of this fair, if any. */
void fm_h_match_progress(fm_http_ctx *c)
{
    fm_solver_run run;
    cJSON *o = cJSON_CreateObject();
    bool mine, ok;

    fm_solver_run_get(c->srv->solver, &run);
    mine = run.running && strcmp(run.fair_id, c->params[0]) == 0;
    ok = o && cJSON_AddBoolToObject(o, "running", mine);
    if (ok && mine) {
        const fm_solve_progress *p = &run.last;
        double gap = NAN;
        if (run.have_progress && isfinite(p->objective) && isfinite(p->bound))
            gap = fmax(0.0, p->bound - p->objective) / fmax(1.0, fabs(p->bound));
        ok =
            cJSON_AddBoolToObject(o, "stopping", run.stopping) &&
            cJSON_AddItemToObject(o, "elapsed_seconds",
                                  number_or_null(run.have_progress ? p->elapsed : NAN)) &&
            cJSON_AddItemToObject(o, "objective",
                                  number_or_null(run.have_progress ? p->objective : NAN)) &&
            cJSON_AddItemToObject(o, "bound", number_or_null(run.have_progress ? p->bound : NAN)) &&
            cJSON_AddItemToObject(o, "gap", number_or_null(gap)) &&
            cJSON_AddStringToObject(o, "phase", run.have_progress ? p->phase : "starting");
    }
    if (!ok) {
        cJSON_Delete(o);
        fm_http_reply_error(c, 500, NULL, "out of memory");
        return;
    }
    fm_http_reply_json(c, 200, o);
}

/* POST /api/fairs/{id}/match/stop: end the running match with its best plan. */
void fm_h_match_stop(fm_http_ctx *c)
{
    cJSON *o;
    if (!fm_solver_run_stop(c->srv->solver, c->params[0])) {
        fm_http_reply_error(c, 409, NULL, "no matching is running for this fair");
        return;
    }
    o = cJSON_CreateObject();
    if (!o || !cJSON_AddBoolToObject(o, "stopping", true)) {
        cJSON_Delete(o);
        fm_http_reply_error(c, 500, NULL, "out of memory");
        return;
    }
    fm_http_reply_json(c, 202, o);
}

fm_rc fm_http_move_rules(fm_store *db, const char *fair_id, const char *seeker_id, int *gap,
                         unsigned char **mask, size_t *n, fm_err *err)
{
    char *json = NULL;
    fm_instance *inst = NULL;
    long s;
    fm_rc rc;

    *gap = 0;
    *mask = NULL;
    *n = 0;
    rc = fm_store_fair_instance_json(db, fair_id, &json, err);
    if (rc == FM_ENOTFOUND) {
        free(json);
        return FM_OK; /* never matched: only the table and period rules apply */
    }
    if (!rc)
        rc = fm_instance_parse(json, strlen(json), "stored instance", &inst, err);
    if (rc)
        goto done;
    *gap = inst->min_gap_periods;
    s = seeker_index(inst, seeker_id);
    if (s >= 0) {
        *mask = calloc((size_t)inst->periods, 1);
        if (!*mask) {
            rc = fm_err_set(err, FM_ENOMEM, "out of memory");
            goto done;
        }
        fm_instance_available_mask(inst, (size_t)s, *mask);
        *n = (size_t)inst->periods;
    }
done:
    fm_instance_free(inst);
    free(json);
    return rc;
}

/* ---- moves checked with `fairmatch check` ---- */

static int cmp_check_iv(const void *a, const void *b)
{
    const fm_check_interview *x = a, *y = b;
    int d;
    if (x->period != y->period)
        return x->period < y->period ? -1 : 1;
    d = strcmp(x->department, y->department);
    if (d)
        return d;
    return (x->table > y->table) - (x->table < y->table);
}

/*
 * Run fm_check_run on the fair's scheduled interviews, interview `moved`
 * placed at (period, table) when moved > 0. OUT: *res (release it).
 */
static fm_rc check_schedule(fm_store *db, const fm_instance *inst, const char *fair_id,
                            int64_t moved, int period, int table, fm_check_result *res, fm_err *err)
{
    fm_interview *v = NULL;
    fm_check_solution sol;
    size_t n = 0, k = 0;
    fm_rc rc = fm_store_interview_list(db, fair_id, NULL, &v, &n, err);

    memset(&sol, 0, sizeof sol);
    if (rc)
        return rc;
    sol.status = (char *)(uintptr_t) "feasible";
    sol.interviews = calloc(n + 1, sizeof *sol.interviews);
    if (!sol.interviews) {
        rc = fm_err_set(err, FM_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        fm_check_interview *ci = &sol.interviews[k];
        if (v[i].period < 0)
            continue;
        ci->seeker = v[i].seeker_id;
        ci->position = v[i].position_id;
        ci->department = v[i].department_id;
        ci->period = v[i].id == moved ? period : v[i].period;
        ci->table = v[i].id == moved ? table : v[i].table_no;
        k++;
    }
    qsort(sol.interviews, k, sizeof *sol.interviews, cmp_check_iv);
    sol.n_interviews = k;
    rc = fm_check_run(inst, &sol, res, err);
done:
    free(sol.interviews);
    fm_interview_list_free(v, n);
    return rc;
}

/* The first line of after that before does not have, or NULL. */
static const char *new_problem(const char *before, const char *after, size_t *len)
{
    for (const char *p = after; p && *p;) {
        const char *nl = strchr(p, '\n');
        size_t l = nl ? (size_t)(nl - p) : strlen(p);
        bool seen = false;
        for (const char *q = before; q && *q && !seen;) {
            const char *qn = strchr(q, '\n');
            size_t ql = qn ? (size_t)(qn - q) : strlen(q);
            seen = ql == l && !strncmp(p, q, l);
            q = qn ? qn + 1 : q + ql;
        }
        if (!seen) {
            *len = l;
            return p;
        }
        p = nl ? nl + 1 : p + l;
    }
    return NULL;
}

/*
 * The stored instance has the tables of the day it was matched. A table
 * added since is real (the store's own move check already allows it), so
 * the instance is brought up to today's tables before checking a move.
 */
static fm_rc use_current_tables(fm_store *db, const char *fair_id, fm_instance *inst, fm_err *err)
{
    fm_fair_table *t = NULL;
    size_t n = 0;
    fm_rc rc = fm_store_fair_tables(db, fair_id, &t, &n, err);

    if (rc)
        return rc;
    for (size_t d = 0; d < inst->n_departments; d++)
        for (size_t i = 0; i < n; i++)
            if (!strcmp(inst->departments[d].id, t[i].department_id))
                inst->departments[d].tables = t[i].tables;
    fm_fair_table_list_free(t, n);
    return FM_OK;
}

fm_rc fm_http_move_check(fm_store *db, void *unused, const char *fair_id, int64_t id, int period,
                         int table, fm_err *err)
{
    fm_check_result before = {0}, after = {0};
    fm_instance *inst = NULL;
    char *json = NULL;
    const char *line;
    size_t len = 0;
    fm_rc rc;

    (void)unused;
    fm_buf_init(&before.problems);
    fm_buf_init(&after.problems);
    rc = fm_store_fair_instance_json(db, fair_id, &json, err);
    if (rc == FM_ENOTFOUND) {
        rc = FM_OK;
        goto done;
    }
    if (!rc)
        rc = fm_instance_parse(json, strlen(json), "stored instance", &inst, err);
    if (!rc)
        rc = use_current_tables(db, fair_id, inst, err);
    if (!rc)
        rc = check_schedule(db, inst, fair_id, 0, 0, 0, &before, err);
    if (!rc)
        rc = check_schedule(db, inst, fair_id, id, period, table, &after, err);
    if (rc)
        goto done;
    if (after.n_problems > before.n_problems &&
        (line = new_problem(before.problems.data, after.problems.data, &len)))
        rc =
            fm_err_set(err, FM_ECONFLICT, "period: the move breaks a rule of fairmatch check: %.*s",
                       (int)(len > 200 ? 200 : len), line);
done:
    fm_check_result_release(&before);
    fm_check_result_release(&after);
    fm_instance_free(inst);
    free(json);
    return rc;
}
