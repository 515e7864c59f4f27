/*
 * solve.c - fm_solve_run: one matcher run from a parsed instance to an
 * fm_solution. It owns the order of events (options checked, phase 1, phase
 * 2, retries when a timetable cannot hold phase 1's choice, the status) and
 * the process-wide GLPK mutex, and re-planning's preferences (the change
 * penalty, old slots kept in phase 2). The formulation is model.c's, the
 * rows retries add cuts.c's, the timetable timetable.c's, the JSON
 * solution_json.c's.
 */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glpk.h>

#include "fairmatch/solve.h"
#include "solve_internal.h"

#define MAX_RETRIES 30

/* GLPK keeps global state per thread and aborts on misuse: one run at a time. */
static pthread_mutex_t solve_lock = PTHREAD_MUTEX_INITIALIZER;

typedef struct run {
    const fm_instance *inst;           /* the model's objective: what is reported */
    const fm_instance *p1inst;         /* what phase 1 maximises: inst, or p1copy */
    fm_instance p1copy;                /* re-planning: inst with the change penalty in its scores */
    fm_inst_score *p1scores;           /* p1copy's own scores */
    int *prefer_period, *prefer_table; /* per score, the previous plan's slot or -1 */
    const fm_solve_opts *opts;
    double t0, deadline;
    fm_watch watch;
    unsigned char *force_on, *force_off;
    int *fixed_period, *fixed_table; /* per score, -1 when not fixed */
    fm_cut_list cuts;                /* re-planning's room left, then what retries learn */
} run;

static fm_rc check_opts(const fm_instance *inst, const fm_solve_opts *o, fm_err *err)
{
    if (o->first_period < 0 || o->first_period > inst->periods)
        return fm_err_set(err, FM_EINVAL, "first period %d is not in 0...%d", o->first_period,
                          inst->periods);
    for (size_t j = 0; j < o->n_excluded; j++)
        if (o->excluded[j] >= inst->n_seekers)
            return fm_err_set(err, FM_EINVAL, "excluded seeker %zu does not exist", o->excluded[j]);
    for (size_t j = 0; j < o->n_prefer; j++)
        if (o->prefer[j].score >= inst->n_scores)
            return fm_err_set(err, FM_EINVAL, "preferred interview %zu: no such score entry", j);
    for (size_t j = 0; j < o->n_fixed; j++) {
        const fm_solve_fixed *f = &o->fixed[j];
        const fm_inst_score *sc;
        int tables;
        if (f->score >= inst->n_scores)
            return fm_err_set(err, FM_EINVAL, "fixed interview %zu: no such score entry", j);
        sc = &inst->scores[f->score];
        tables = inst->departments[inst->positions[sc->position].department].tables;
        if (f->period < 0 || f->period >= inst->periods || f->table < 1 || f->table > tables)
            return fm_err_set(err, FM_EINVAL,
                              "fixed interview %zu (seeker %s, position %s): period %d or table "
                              "%d outside the day",
                              j, inst->seekers[sc->seeker].id, inst->positions[sc->position].id,
                              f->period, f->table);
        for (size_t e = 0; e < o->n_excluded; e++)
            if (o->excluded[e] == (size_t)sc->seeker)
                return fm_err_set(err, FM_EINVAL, "fixed interview %zu: seeker %s is excluded", j,
                                  inst->seekers[sc->seeker].id);
        for (size_t j2 = 0; j2 < j; j2++) {
            const fm_solve_fixed *g = &o->fixed[j2];
            const fm_inst_score *sg = &inst->scores[g->score];
            bool same_table = inst->positions[sg->position].department ==
                                  inst->positions[sc->position].department &&
                              g->period == f->period && g->table == f->table;
            bool same_seeker =
                sg->seeker == sc->seeker && abs(g->period - f->period) <= inst->min_gap_periods;
            if (g->score == f->score || same_table || same_seeker)
                return fm_err_set(err, FM_EINVAL, "fixed interviews %zu and %zu collide", j2, j);
        }
    }
    return FM_OK;
}

/* Re-planning: the tables left from first_period on bound the new interviews. */
static fm_rc replan_cuts(run *r)
{
    const fm_instance *inst = r->inst;
    const fm_solve_opts *o = r->opts;
    size_t *idx = calloc(inst->n_scores + 1, sizeof *idx);
    fm_rc rc = FM_OK;

    if (!idx)
        return FM_ENOMEM;
    for (size_t d = 0; d < inst->n_departments && !rc; d++) {
        size_t n = 0;
        long held = 0;
        for (size_t j = 0; j < o->n_fixed; j++) {
            const fm_inst_score *sc = &inst->scores[o->fixed[j].score];
            if (inst->positions[sc->position].department == (int)d &&
                o->fixed[j].period >= o->first_period)
                held++;
        }
        for (size_t k = 0; k < inst->n_scores; k++)
            if (inst->positions[inst->scores[k].position].department == (int)d && !r->force_on[k])
                idx[n++] = k;
        rc = fm_cuts_add(
            &r->cuts, n, idx,
            (double)((long)inst->departments[d].tables * (inst->periods - o->first_period) - held));
    }
    free(idx);
    return rc;
}

/*
 * Re-planning's change penalty (fm_solve_opts.prefer): phase 1 works on a
 * copy of the instance whose preferred pairs score a little more, in total
 * less than FM_SOLVE_KEEP_BONUS, so the objective still comes first.
 */
static fm_rc prefer(run *r)
{
    const fm_instance *inst = r->inst;
    const fm_solve_opts *o = r->opts;
    size_t ns = inst->n_scores + 1;
    double bonus = FM_SOLVE_KEEP_BONUS / (double)(o->n_prefer + 1);

    r->p1scores = malloc(ns * sizeof *r->p1scores);
    r->prefer_period = malloc(ns * sizeof *r->prefer_period);
    r->prefer_table = malloc(ns * sizeof *r->prefer_table);
    if (!r->p1scores || !r->prefer_period || !r->prefer_table)
        return FM_ENOMEM;
    memcpy(r->p1scores, inst->scores, inst->n_scores * sizeof *r->p1scores);
    for (size_t k = 0; k < ns; k++)
        r->prefer_period[k] = r->prefer_table[k] = -1;
    for (size_t j = 0; j < o->n_prefer; j++) {
        size_t k = o->prefer[j].score;
        if (r->prefer_period[k] < 0)
            r->p1scores[k].score += bonus;
        r->prefer_period[k] = o->prefer[j].period;
        r->prefer_table[k] = o->prefer[j].table;
    }
    r->p1copy = *inst;
    r->p1copy.scores = r->p1scores;
    r->p1inst = &r->p1copy;
    return FM_OK;
}

static fm_rc prepare(run *r)
{
    const fm_instance *inst = r->inst;
    const fm_solve_opts *o = r->opts;
    size_t ns = inst->n_scores + 1;

    r->force_on = calloc(ns, 1);
    r->force_off = calloc(ns, 1);
    r->fixed_period = malloc(ns * sizeof *r->fixed_period);
    r->fixed_table = malloc(ns * sizeof *r->fixed_table);
    if (!r->force_on || !r->force_off || !r->fixed_period || !r->fixed_table)
        return FM_ENOMEM;
    for (size_t k = 0; k < ns; k++)
        r->fixed_period[k] = r->fixed_table[k] = -1;
    for (size_t j = 0; j < o->n_fixed; j++) {
        r->force_on[o->fixed[j].score] = 1;
        r->fixed_period[o->fixed[j].score] = o->fixed[j].period;
        r->fixed_table[o->fixed[j].score] = o->fixed[j].table;
    }
    for (size_t j = 0; j < o->n_excluded; j++)
        for (size_t k = 0; k < inst->n_scores; k++)
            if ((size_t)inst->scores[k].seeker == o->excluded[j])
                r->force_off[k] = 1;
    if (o->n_prefer && prefer(r))
        return FM_ENOMEM;
    if (o->n_fixed || o->first_period > 0)
        return replan_cuts(r);
    return FM_OK;
}

static void run_release(run *r)
{
    free(r->force_on);
    free(r->force_off);
    free(r->fixed_period);
    free(r->fixed_table);
    free(r->p1scores);
    free(r->prefer_period);
    free(r->prefer_table);
    fm_cuts_release(&r->cuts);
}

/* One phase-1 choice and its timetable. */
typedef struct attempt {
    size_t n;         /* interviews chosen */
    size_t *score;    /* per interview */
    fm_tt_result tt;  /* per interview period and table */
    double objective; /* phase-1 objective of the interviews placed */
    double p1value;   /* the same under phase 1's own objective (r->p1inst) */
} attempt;

static void attempt_release(attempt *a)
{
    free(a->score);
    free(a->tt.period);
    free(a->tt.table);
    memset(a, 0, sizeof *a);
}

/* What dropping interview k would cost at most, for phase 2's choice of what to keep. */
static double drop_cost(const fm_instance *inst, const unsigned char *x, const int *per_seeker,
                        const int *per_pos, size_t k)
{
    const fm_inst_score *sc = &inst->scores[k];
    int want = inst->min_candidates_per_place * inst->positions[sc->position].places;
    double v =
        sc->score + fm_instance_seeker_priority(inst, (size_t)sc->seeker) +
        fm_instance_department_priority(inst, (size_t)inst->positions[sc->position].department);
    (void)x;
    if (per_seeker[sc->seeker] == 1)
        v += inst->weights.coverage;
    if (per_pos[sc->position] <= want)
        v += inst->weights.shortfall;
    return v + inst->weights.gender; /* the balance may shift by up to one person */
}

/*
 * Re-planning: chosen interviews whose previous slot the day still allows
 * keep it (fp/ft set as if fixed), in score order, each checked against the
 * fixed and already kept ones: rules 1-3 of model.md's phase 2.
 */
static fm_rc pin_previous(const run *r, const attempt *a, int *fp, int *ft)
{
    const fm_instance *inst = r->inst;
    int gap = inst->min_gap_periods;
    unsigned char *mask = malloc((size_t)inst->periods + 1);

    if (!mask)
        return FM_ENOMEM;
    for (size_t j = 0; j < a->n; j++) {
        const fm_inst_score *sc = &inst->scores[a->score[j]];
        int p = r->prefer_period[a->score[j]], tb = r->prefer_table[a->score[j]];
        int d = inst->positions[sc->position].department;
        bool ok = fp[j] < 0 && p >= r->opts->first_period && p < inst->periods && tb >= 1 &&
                  tb <= inst->departments[d].tables;
        if (ok) {
            fm_instance_available_mask(inst, (size_t)sc->seeker, mask);
            ok = mask[p] != 0;
        }
        for (size_t j2 = 0; ok && j2 < a->n; j2++) {
            const fm_inst_score *s2 = &inst->scores[a->score[j2]];
            if (j2 == j || fp[j2] < 0)
                continue;
            if (s2->seeker == sc->seeker
                    ? abs(fp[j2] - p) <= gap
                    : inst->positions[s2->position].department == d && fp[j2] == p && ft[j2] == tb)
                ok = false;
        }
        if (ok) {
            fp[j] = p;
            ft[j] = tb;
        }
    }
    free(mask);
    return FM_OK;
}

/*
 * Phase 2 for choice x; start (per score, or NULL): a valid placement to
 * begin from; pin: keep the previous plan's slots (pin_previous).
 */
static fm_rc place_choice(run *r, const unsigned char *x, const int *start, bool pin, attempt *a,
                          fm_err *err)
{
    const fm_instance *inst = r->inst;
    int *per_seeker = calloc(inst->n_seekers + 1, sizeof *per_seeker);
    int *per_pos = calloc(inst->n_positions + 1, sizeof *per_pos);
    int *fp = NULL, *ft = NULL, *sp = NULL;
    double *value = NULL;
    size_t *kept = NULL, nk = 0;
    fm_tt_input in = {.inst = inst, .first_period = r->opts->first_period, .deadline = r->deadline};
    fm_rc rc = FM_ENOMEM;

    memset(a, 0, sizeof *a);
    a->score = calloc(inst->n_scores + 1, sizeof *a->score);
    if (!per_seeker || !per_pos || !a->score)
        goto done;
    for (size_t k = 0; k < inst->n_scores; k++)
        if (x[k]) {
            a->score[a->n++] = k;
            per_seeker[inst->scores[k].seeker]++;
            per_pos[inst->scores[k].position]++;
        }
    fp = calloc(a->n + 1, sizeof *fp);
    ft = calloc(a->n + 1, sizeof *ft);
    value = calloc(a->n + 1, sizeof *value);
    kept = calloc(a->n + 1, sizeof *kept);
    sp = start ? calloc(a->n + 1, sizeof *sp) : NULL;
    if (!fp || !ft || !value || !kept || (start && !sp))
        goto done;
    for (size_t j = 0; j < a->n; j++) {
        fp[j] = r->fixed_period[a->score[j]];
        ft[j] = r->fixed_table[a->score[j]];
        value[j] = drop_cost(inst, x, per_seeker, per_pos, a->score[j]);
        if (sp)
            sp[j] = start[a->score[j]];
    }
    if (pin && pin_previous(r, a, fp, ft))
        goto done;
    in.start_period = sp;
    in.n = a->n;
    in.score = a->score;
    in.fixed_period = fp;
    in.fixed_table = ft;
    in.value = value;
    rc = fm_timetable_solve(&in, &a->tt, err);
    if (rc)
        goto done;
    for (size_t j = 0; j < a->n; j++)
        if (a->tt.period[j] >= 0)
            kept[nk++] = a->score[j];
    a->objective = fm_instance_objective(inst, kept, nk);
    a->p1value = r->p1inst == inst ? a->objective : fm_instance_objective(r->p1inst, kept, nk);
    if (isnan(a->objective) || isnan(a->p1value))
        rc = FM_ENOMEM;
done:
    if (rc == FM_ENOMEM)
        fm_err_set(err, FM_ENOMEM, "out of memory");
    free(per_seeker);
    free(per_pos);
    free(fp);
    free(ft);
    free(value);
    free(kept);
    free(sp);
    return rc;
}

/*
 * Phase 2 for choice x. When re-planning, the previous plan's slots are
 * kept first; only if that places less of the objective than a timetable
 * from scratch does the one from scratch win (the objective comes first,
 * then the fewest changes, then makespan and waiting).
 */
static fm_rc phase2(run *r, const unsigned char *x, const int *start, attempt *a, fm_err *err)
{
    attempt fresh = {0};
    fm_rc rc;

    if (!r->prefer_period)
        return place_choice(r, x, start, false, a, err);
    rc = place_choice(r, x, start, true, a, err);
    if (rc || a->tt.n_unplaced == 0)
        return rc;
    rc = place_choice(r, x, start, false, &fresh, err);
    if (!rc && fresh.objective > a->objective + 1e-9 * fmax(1.0, fabs(a->objective))) {
        attempt_release(a);
        *a = fresh;
        memset(&fresh, 0, sizeof fresh);
    }
    attempt_release(&fresh);
    return rc;
}

/* The joint model gets a z column per pair and period: this many at most. */
#define JOINT_MAX_COLUMNS 40000

static size_t inst_columns(const fm_instance *inst)
{
    return inst->n_scores * (size_t)inst->periods;
}

/*
 * Last resort when the cuts did not lead phase 1 to a choice that phase 2
 * can place: the joint model (model.c) chooses and places at once, so its
 * choice always has a timetable, and proven it is the best any timetable
 * allows. Phase 2 then tries to place that choice in fewer periods; if its
 * heuristic cannot, it starts from the joint model's periods instead (and
 * still compresses the day, shortens waiting and assigns the tables).
 */
static fm_rc joint_attempt(run *r, const fm_p1_input *base, attempt *a, fm_err *err)
{
    fm_p1_input jin = *base;
    fm_p1_result j = {0};
    fm_rc rc;

    memset(a, 0, sizeof *a);
    jin.joint = true;
    jin.mps_path = NULL;
    jin.fixed_period = r->fixed_period;
    jin.first_period = r->opts->first_period;
    rc = fm_model_solve(&jin, &j, err);
    if (rc)
        goto done;
    rc = phase2(r, j.x, NULL, a, err);
    if (rc || a->tt.n_unplaced == 0)
        goto done;
    for (size_t n = 0; n < a->n; n++)
        if (j.period[a->score[n]] < 0)
            goto done; /* a choice without periods (GLPK found none): keep phase 2's */
    /* Phase 2's heuristic could not place it: start from the joint model's periods. */
    attempt_release(a);
    rc = phase2(r, j.x, j.period, a, err);
done:
    free(j.x);
    free(j.period);
    return rc;
}

static int cmp_iv(const void *a, const void *b, const fm_instance *inst)
{
    const fm_sol_interview *x = a, *y = b;
    int dx = inst->positions[inst->scores[x->score].position].department;
    int dy = inst->positions[inst->scores[y->score].position].department;
    int c;
    if (x->period != y->period)
        return x->period < y->period ? -1 : 1;
    c = strcmp(inst->departments[dx].id, inst->departments[dy].id);
    if (c)
        return c;
    if (x->table != y->table)
        return x->table < y->table ? -1 : 1;
    return x->score < y->score ? -1 : x->score > y->score;
}

static _Thread_local const fm_instance *sort_inst;

static int cmp_iv_qsort(const void *a, const void *b)
{
    return cmp_iv(a, b, sort_inst);
}

static fm_rc make_solution(run *r, const attempt *a, const fm_p1_result *p1, fm_solution **out)
{
    fm_solution *sol = calloc(1, sizeof *sol);
    double tol;

    if (!sol)
        return FM_ENOMEM;
    sol->interviews = calloc(a->n + 1, sizeof *sol->interviews);
    sol->unscheduled = calloc(a->n + 1, sizeof *sol->unscheduled);
    if (!sol->interviews || !sol->unscheduled) {
        fm_solution_free(sol);
        return FM_ENOMEM;
    }
    for (size_t j = 0; j < a->n; j++) {
        if (a->tt.period[j] < 0) {
            sol->unscheduled[sol->n_unscheduled++] = a->score[j];
            continue;
        }
        fm_sol_interview *iv = &sol->interviews[sol->n_interviews++];
        iv->score = a->score[j];
        iv->period = a->tt.period[j];
        iv->table = a->tt.table[j];
    }
    sort_inst = r->inst;
    qsort(sol->interviews, sol->n_interviews, sizeof *sol->interviews, cmp_iv_qsort);
    sol->makespan = a->tt.makespan;
    sol->objective = a->objective;
    sol->bound = p1->bound > a->objective ? p1->bound : a->objective;
    /* GLPK proves optimality up to its own objective tolerance (1e-7 relative). */
    tol = 1e-7 * fmax(1.0, fabs(sol->bound));
    if (p1->proven && sol->n_unscheduled == 0 && a->p1value >= p1->bound - tol) {
        sol->status = FM_STATUS_OPTIMAL;
        sol->bound = a->objective;
    } else {
        sol->status = FM_STATUS_FEASIBLE;
    }
    sol->mip_gap = (sol->bound - sol->objective) / fmax(1.0, fabs(sol->bound));
    sol->stats.variables = p1->variables;
    sol->stats.constraints = p1->constraints;
    sol->stats.nodes = p1->nodes;
    *out = sol;
    return FM_OK;
}

/*
 * While the timetable leaves some of phase 1's choice out, cut that choice
 * off (retry_cuts) and solve phase 1 again; best keeps the better attempt.
 */
static fm_rc retry_choices(run *r, fm_p1_input *in, const fm_p1_result *p1, attempt *best,
                           fm_err *err)
{
    fm_p1_result again = {0};
    attempt cand = {0};
    fm_rc rc = FM_OK;

    for (int retry = 0; retry < MAX_RETRIES && best->tt.n_unplaced > 0 &&
                        fm_solve_now() < in->deadline && !fm_watch_stopped(&r->watch);
         retry++) {
        size_t added = 0;
        fm_cut_ctx ctx = {r->inst, r->opts->first_period, r->force_on, r->fixed_period};
        rc = fm_cuts_for_unplaced(&ctx, again.x ? again.x : p1->x, &r->cuts, &added);
        if (rc || !added)
            break;
        in->cuts = r->cuts.v;
        in->n_cuts = r->cuts.n;
        in->mps_path = NULL;
        free(again.x);
        again.x = NULL;
        rc = fm_model_solve(in, &again, err);
        if (!rc)
            rc = phase2(r, again.x, NULL, &cand, err);
        if (rc)
            break;
        /* Keep the higher objective; on a tie only a choice that places
         * everything at phase 1's optimum wins (it makes the run optimal);
         * otherwise the first choice stays, with its drops listed. */
        bool placed = cand.tt.n_unplaced == 0;
        if (cand.objective > best->objective + 1e-9 * fmax(1.0, fabs(best->objective)) ||
            (placed && cand.p1value >= p1->bound - 1e-7 * fmax(1.0, fabs(p1->bound)))) {
            attempt_release(best);
            *best = cand;
            memset(&cand, 0, sizeof cand);
        } else {
            attempt_release(&cand);
        }
        /* Every cut so far holds for every timetable, so a choice the day
         * holds is the best phase 1 can give that the day holds: stop. Going
         * on would cut that choice off with a no-good row, which is not
         * valid (found by crosscheck: it starved the joint model). */
        if (placed)
            break;
    }
    attempt_release(&cand);
    free(again.x);
    return rc;
}

static fm_rc solve_locked(run *r, fm_solution **out, fm_err *err)
{
    fm_p1_input in = {.inst = r->p1inst,
                      .force_on = r->force_on,
                      .force_off = r->force_off,
                      .mps_path = r->opts->mps_path,
                      .lns_min_pairs = r->opts->lns_min_pairs,
                      .watch = &r->watch};
    fm_p1_result p1 = {0};
    attempt best = {0}, cand = {0};
    double t1, t2;
    /* Phase 2 and the JSON need a moment: phase 1 stops a little early. */
    double reserve = fmin(0.5, 0.1 * (r->deadline - r->t0));
    fm_rc rc;

    in.cuts = r->cuts.v;
    in.n_cuts = r->cuts.n;
    in.deadline = r->deadline - reserve;
    rc = fm_model_solve(&in, &p1, err);
    if (rc)
        goto done;
    t1 = fm_solve_now();
    rc = phase2(r, p1.x, NULL, &best, err);
    if (!rc)
        rc = retry_choices(r, &in, &p1, &best, err);
    if (!rc && best.tt.n_unplaced > 0 && fm_solve_now() < in.deadline &&
        !fm_watch_stopped(&r->watch) && inst_columns(r->inst) <= JOINT_MAX_COLUMNS) {
        rc = joint_attempt(r, &in, &cand, err);
        /* Only a better objective replaces the attempt: on a tie, the first
         * choice stays with its drops listed, as in the retries. */
        if (!rc && cand.n && cand.tt.n_unplaced == 0 &&
            cand.objective > best.objective + 1e-9 * fmax(1.0, fabs(best.objective))) {
            attempt_release(&best);
            best = cand;
            memset(&cand, 0, sizeof cand);
        }
    }
    if (rc)
        goto done;
    t2 = fm_solve_now();
    rc = make_solution(r, &best, &p1, out);
    if (rc) {
        fm_err_set(err, rc, "out of memory");
        goto done;
    }
    (*out)->stats.phase1_seconds = t1 - r->t0;
    (*out)->stats.phase2_seconds = t2 - t1;
    (*out)->stats.seconds = fm_solve_now() - r->t0;
done:
    attempt_release(&best);
    attempt_release(&cand);
    free(p1.x);
    return rc;
}

void fm_solve_thread_exit(void)
{
    /* Under the solve lock, so no run of this thread's environment is live. */
    pthread_mutex_lock(&solve_lock);
    glp_free_env();
    pthread_mutex_unlock(&solve_lock);
}

fm_rc fm_solve_run(const fm_instance *inst, const fm_solve_opts *opts, fm_solution **out,
                   fm_err *err)
{
    static const fm_solve_opts none = {0};
    run r = {.inst = inst, .p1inst = inst, .opts = opts ? opts : &none};
    double limit;
    fm_rc rc;

    *out = NULL;
    r.t0 = fm_solve_now();
    limit = r.opts->time_limit_seconds > 0 ? r.opts->time_limit_seconds : inst->time_limit_seconds;
    r.deadline = r.t0 + limit;
    r.watch = (fm_watch){.fn = r.opts->progress,
                         .ctx = r.opts->progress_ctx,
                         .stop = r.opts->stop,
                         .t0 = r.t0,
                         .last = r.t0};
    rc = check_opts(inst, r.opts, err);
    if (rc)
        return rc;
    pthread_mutex_lock(&solve_lock);
    rc = prepare(&r);
    if (rc)
        fm_err_set(err, rc, "out of memory");
    else
        rc = solve_locked(&r, out, err);
    pthread_mutex_unlock(&solve_lock);
    run_release(&r);
    return rc;
}
