/*
 * explain.c - fm_explain_seeker: plain-words reasons for one seeker's
 * interviews (or lack of them), read off the solution against model.md's
 * rules, plus the cost of forcing the seeker in by re-solving. It does not
 * validate the solution (that is check.c's) and never changes the instance
 * it is given: the re-solve works on a shallow copy with its own scores.
 */
#include "fairmatch/explain.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/solution.h"
#include "fairmatch/solve.h"

typedef struct state {
    const fm_instance *in;
    const fm_check_solution *sol;
    size_t seeker;
    long *iv_score; /* per solution interview: score index or -1 */
    long *per_pos;  /* interviews per position */
    long *n_dep, *m_dep;
    double lo, hi;
    fm_buf *out;
    fm_explain_reason reason; /* the first (deciding) reason given */
} state;

static const char *const gender_word[] = {"woman", "man", "other"};

static long find_seeker(const fm_instance *in, const char *id)
{
    for (size_t i = 0; i < in->n_seekers; i++)
        if (!strcmp(in->seekers[i].id, id))
            return (long)i;
    return -1;
}

static long find_position(const fm_instance *in, const char *id)
{
    for (size_t p = 0; p < in->n_positions; p++)
        if (!strcmp(in->positions[p].id, id))
            return (long)p;
    return -1;
}

/* s + a_i + b_d: what the pair adds to the objective before coverage and penalties. */
static double value(const fm_instance *in, size_t k)
{
    const fm_inst_score *sc = &in->scores[k];
    return sc->score + fm_instance_seeker_priority(in, (size_t)sc->seeker) +
           fm_instance_department_priority(in, (size_t)in->positions[sc->position].department);
}

static int dep_of(const fm_instance *in, size_t k)
{
    return in->positions[in->scores[k].position].department;
}

/* Resolve the solution's interviews to score indexes and count them. */
static fm_rc state_init(state *st)
{
    const fm_instance *in = st->in;
    size_t n = st->sol->n_interviews;
    st->iv_score = calloc(n + 1, sizeof *st->iv_score);
    st->per_pos = calloc(in->n_positions + 1, sizeof *st->per_pos);
    st->n_dep = calloc(in->n_departments + 1, sizeof *st->n_dep);
    st->m_dep = calloc(in->n_departments + 1, sizeof *st->m_dep);
    if (!st->iv_score || !st->per_pos || !st->n_dep || !st->m_dep)
        return FM_ENOMEM;
    fm_instance_share_bounds(in, &st->lo, &st->hi);
    for (size_t j = 0; j < n; j++) {
        long s = find_seeker(in, st->sol->interviews[j].seeker);
        long p = find_position(in, st->sol->interviews[j].position);
        st->iv_score[j] = -1;
        for (size_t k = 0; s >= 0 && p >= 0 && k < in->n_scores; k++)
            if (in->scores[k].seeker == s && in->scores[k].position == p)
                st->iv_score[j] = (long)k;
        if (st->iv_score[j] < 0)
            continue;
        st->per_pos[p]++;
        st->n_dep[dep_of(in, (size_t)st->iv_score[j])]++;
        if (in->seekers[s].gender == FM_GENDER_WOMAN)
            st->m_dep[dep_of(in, (size_t)st->iv_score[j])]++;
    }
    return FM_OK;
}

static void state_release(state *st)
{
    free(st->iv_score);
    free(st->per_pos);
    free(st->n_dep);
    free(st->m_dep);
}

/* The interview of this seeker in the solution for score k, or -1. */
static long interview_of(const state *st, size_t k)
{
    for (size_t j = 0; j < st->sol->n_interviews; j++)
        if (st->iv_score[j] == (long)k)
            return (long)j;
    return -1;
}

/* The gender penalty change, in objective points, of one more interview in d. */
static double gender_cost(const state *st, int d)
{
    double n = (double)st->n_dep[d], m = (double)st->m_dep[d];
    double woman = st->in->seekers[st->seeker].gender == FM_GENDER_WOMAN ? 1.0 : 0.0;
    double before = fmax(0.0, st->lo * n - m) + fmax(0.0, m - st->hi * n);
    double after =
        fmax(0.0, st->lo * (n + 1) - (m + woman)) + fmax(0.0, (m + woman) - st->hi * (n + 1));
    return st->in->weights.gender * (after - before);
}

/* The lowest value among the interviews held at position p, or NAN. */
static double lowest_at(const state *st, int p)
{
    double low = NAN;
    for (size_t j = 0; j < st->sol->n_interviews; j++) {
        long k = st->iv_score[j];
        if (k >= 0 && st->in->scores[k].position == p && !(value(st->in, (size_t)k) >= low))
            low = value(st->in, (size_t)k);
    }
    return low;
}

static bool in_unscheduled(const state *st, size_t k)
{
    const fm_inst_score *sc = &st->in->scores[k];
    for (size_t u = 0; u < st->sol->n_unscheduled; u++)
        if (!strcmp(st->sol->unscheduled[u].seeker, st->in->seekers[sc->seeker].id) &&
            !strcmp(st->sol->unscheduled[u].position, st->in->positions[sc->position].id))
            return true;
    return false;
}

/* Which rule keeps eligible pair k out of the solution. */
static fm_explain_reason classify(const state *st, size_t k, long held, int cap, long *other)
{
    const fm_instance *in = st->in;
    const fm_inst_score *sc = &in->scores[k];
    const fm_inst_position *pos = &in->positions[sc->position];
    const fm_inst_department *dep = &in->departments[pos->department];

    for (size_t j = 0; j < st->sol->n_interviews; j++) {
        *other = st->iv_score[j];
        if (*other >= 0 && (size_t)*other != k && in->scores[*other].seeker == (int)st->seeker &&
            dep_of(in, (size_t)*other) == pos->department)
            return FM_REASON_ONE_PER_DEPARTMENT;
    }
    if (held >= cap)
        return FM_REASON_CAPACITY;
    if (in_unscheduled(st, k))
        return FM_REASON_TIMETABLE;
    if (st->per_pos[sc->position] >= (long)in->max_candidates_per_place * pos->places)
        return FM_REASON_POSITIONS_FULL;
    if (st->n_dep[pos->department] >= (long)dep->tables * in->periods)
        return FM_REASON_TABLES_FULL;
    if (gender_cost(st, pos->department) > 0.0)
        return FM_REASON_GENDER_BALANCE;
    return FM_REASON_NOT_OPTIMAL;
}

/* Why the seeker has no interview for eligible pair k (one line). */
static fm_rc why_not(state *st, size_t k, long held, int cap)
{
    const fm_instance *in = st->in;
    const fm_inst_score *sc = &in->scores[k];
    const fm_inst_position *pos = &in->positions[sc->position];
    const fm_inst_department *dep = &in->departments[pos->department];
    long full = (long)in->max_candidates_per_place * pos->places, other = -1;
    double v = value(in, k);
    fm_explain_reason r = classify(st, k, held, cap, &other);
    fm_buf *o = st->out;

    if (!st->reason)
        st->reason = r;
    if (fm_buf_addf(o, "- not %s (%s, value %.4g): ", pos->id, dep->id, v))
        return FM_ENOMEM;
    switch (r) {
    case FM_REASON_ONE_PER_DEPARTMENT:
        return fm_buf_addf(o, "already interviewed by %s for %s (one interview per department)\n",
                           dep->id, in->positions[in->scores[other].position].id);
    case FM_REASON_CAPACITY:
        return fm_buf_addf(o, "already has K_i = %d interview%s, each worth at least as much\n",
                           cap, cap == 1 ? "" : "s");
    case FM_REASON_TIMETABLE:
        return fm_buf_addf(o, "chosen in phase 1 but dropped by the timetable: no free table and "
                              "period within the seeker's hours and gap\n");
    case FM_REASON_POSITIONS_FULL:
        return fm_buf_addf(o,
                           "the position is full (%ld of %ld candidates), the lowest of them "
                           "worth %.4g against this seeker's %.4g\n",
                           st->per_pos[sc->position], full, lowest_at(st, sc->position), v);
    case FM_REASON_TABLES_FULL:
        return fm_buf_addf(o, "%s's %d table%s are booked in all %d periods of the day\n", dep->id,
                           dep->tables, dep->tables == 1 ? "" : "s", in->periods);
    case FM_REASON_GENDER_BALANCE:
        return fm_buf_addf(o,
                           "%s's gender balance: one more %s would cost %.4g (women's share "
                           "bounds %.3g..%.3g, now %ld of %ld)\n",
                           dep->id, gender_word[in->seekers[st->seeker].gender],
                           gender_cost(st, pos->department), st->lo, st->hi,
                           st->m_dep[pos->department], st->n_dep[pos->department]);
    default:
        return fm_buf_adds(o, "no rule blocks it in this solution, so adding it would raise the "
                              "objective: the solution is not optimal\n");
    }
}

static fm_rc list_interviews(const state *st, long *held)
{
    const fm_instance *in = st->in;
    *held = 0;
    for (size_t j = 0; j < st->sol->n_interviews; j++) {
        long k = st->iv_score[j];
        if (k < 0 || in->scores[k].seeker != (int)st->seeker)
            continue;
        const fm_inst_score *sc = &in->scores[k];
        const fm_inst_position *pos = &in->positions[sc->position];
        const fm_check_interview *iv = &st->sol->interviews[j];
        if (fm_buf_addf(st->out,
                        "- %s (%s) at %s, table %ld: score %.4g + seeker priority %.4g + "
                        "department priority %.4g = %.4g\n",
                        pos->id, in->departments[pos->department].id, iv->start ? iv->start : "?",
                        iv->table, sc->score, fm_instance_seeker_priority(in, st->seeker),
                        fm_instance_department_priority(in, (size_t)pos->department),
                        value(in, (size_t)k)))
            return FM_ENOMEM;
        (*held)++;
    }
    return FM_OK;
}

/* A bonus on the seeker's pairs larger than anything forcing them in can cost:
 * one displaced interview's value, coverage, a unit of shortfall and gender slack. */
static double force_bonus(const fm_instance *in)
{
    const fm_weights *w = &in->weights;
    return 10.0 * (100.0 + w->missed_fair * w->missed_fair_cap + w->quota + w->coverage +
                   w->shortfall + 2.0 * w->gender) +
           1000.0;
}

static bool holds(const size_t *idx, size_t n, size_t k)
{
    for (size_t j = 0; j < n; j++)
        if (idx[j] == k)
            return true;
    return false;
}

/* Report the baseline against the forced solution fs. */
static fm_rc report_forced(const state *st, const fm_solution *fs, const size_t *base, size_t nb)
{
    const fm_instance *in = st->in;
    size_t nf = fs->n_interviews, shown = 0;
    size_t *idx = malloc((nf + 1) * sizeof *idx);
    fm_rc rc = FM_OK;
    if (!idx)
        return FM_ENOMEM;
    for (size_t j = 0; j < nf; j++)
        idx[j] = fs->interviews[j].score;
    double before = fm_instance_objective(in, base, nb), after = fm_instance_objective(in, idx, nf);
    rc = fm_buf_addf(st->out,
                     "Forced in (re-solved%s), the objective goes from %.10g to %.10g: a loss of "
                     "%.6g. They would get:",
                     fs->status == FM_STATUS_OPTIMAL ? ", proven optimal" : ", not proven optimal",
                     before, after, before - after);
    for (size_t j = 0; !rc && j < nf; j++)
        if (in->scores[idx[j]].seeker == (int)st->seeker)
            rc = fm_buf_addf(st->out, " %s", in->positions[in->scores[idx[j]].position].id);
    /* Alternative optima reshuffle unrelated interviews; name only those the
     * seeker displaces at their own positions and count the rest. */
    if (!rc)
        rc = fm_buf_adds(st->out, "\nThey would displace:");
    size_t other = 0;
    for (size_t j = 0; !rc && j < nb; j++) {
        if (holds(idx, nf, base[j]))
            continue;
        bool theirs = false;
        for (size_t f = 0; f < nf; f++)
            theirs = theirs || (in->scores[idx[f]].seeker == (int)st->seeker &&
                                in->scores[idx[f]].position == in->scores[base[j]].position);
        if (!theirs) {
            other++;
            continue;
        }
        shown++;
        rc = fm_buf_addf(st->out, " %s at %s;", in->seekers[in->scores[base[j]].seeker].id,
                         in->positions[in->scores[base[j]].position].id);
    }
    if (!rc)
        rc = fm_buf_addf(st->out, "%s (%zu other interview%s of the schedule would differ)\n",
                         shown ? "" : " nobody", other, other == 1 ? "" : "s");
    free(idx);
    return rc;
}

static fm_rc force_in(const state *st, double limit, fm_err *err)
{
    const fm_instance *in = st->in;
    fm_instance copy = *in; /* shallow: only scores differ, and they are ours */
    fm_solve_opts opts = {0};
    fm_solution *fs = NULL;
    size_t nb = 0, *base = malloc((st->sol->n_interviews + 1) * sizeof *base);
    fm_inst_score *scores = malloc((in->n_scores + 1) * sizeof *scores);
    double bonus = force_bonus(in);
    fm_rc rc = FM_ENOMEM;

    if (!base || !scores)
        goto done;
    memcpy(scores, in->scores, in->n_scores * sizeof *scores);
    for (size_t k = 0; k < in->n_scores; k++)
        if (scores[k].seeker == (int)st->seeker)
            scores[k].score += bonus;
    copy.scores = scores;
    opts.time_limit_seconds = limit;
    if ((rc = fm_solve_run(&copy, &opts, &fs, err)))
        goto done;
    for (size_t j = 0; j < st->sol->n_interviews; j++)
        if (st->iv_score[j] >= 0)
            base[nb++] = (size_t)st->iv_score[j];
    rc = report_forced(st, fs, base, nb);
done:
    fm_solution_free(fs);
    free(scores);
    free(base);
    return rc == FM_ENOMEM ? fm_err_set(err, rc, "out of memory while explaining") : rc;
}

/* The seeker's eligible pairs, best value first. */
/* qsort has no context argument. */
static _Thread_local const fm_instance *sort_inst;
static int by_value_desc(const void *a, const void *b)
{
    double x = value(sort_inst, *(const size_t *)a), y = value(sort_inst, *(const size_t *)b);
    return x < y ? 1 : x > y ? -1 : 0;
}

static fm_rc explain_pairs(state *st, bool resolve, double limit, fm_err *err)
{
    const fm_instance *in = st->in;
    const fm_inst_seeker *s = &in->seekers[st->seeker];
    int cap = fm_instance_capacity(in, st->seeker);
    size_t n = 0, *pairs = malloc((in->n_scores + 1) * sizeof *pairs);
    long held = 0;
    fm_rc rc = FM_OK;

    if (!pairs)
        return fm_err_set(err, FM_ENOMEM, "out of memory while explaining");
    for (size_t k = 0; k < in->n_scores; k++)
        if (in->scores[k].seeker == (int)st->seeker)
            pairs[n++] = k;
    sort_inst = in;
    qsort(pairs, n, sizeof *pairs, by_value_desc);
    if (n == 0) {
        st->reason = FM_REASON_NOT_ELIGIBLE;
        rc = fm_buf_addf(st->out,
                         "%s is not eligible for any position: the instance has no score "
                         "for them, so the model cannot choose them.\n",
                         s->id);
    } else if (cap == 0) {
        st->reason = FM_REASON_NO_PERIOD;
        rc = fm_buf_addf(st->out,
                         "%s cannot be interviewed: their available periods leave room "
                         "for no interview (K_i = 0).\n",
                         s->id);
    } else {
        rc = fm_buf_addf(st->out, "Interviews (K_i = %d at most, one per department):\n", cap);
        if (!rc)
            rc = list_interviews(st, &held);
        if (!rc && held == 0)
            rc = fm_buf_adds(st->out, "- none\n");
        for (size_t j = 0; !rc && j < n; j++)
            if (interview_of(st, pairs[j]) < 0)
                rc = why_not(st, pairs[j], held, cap);
        if (!rc && held == 0 && resolve)
            rc = force_in(st, limit, err);
    }
    free(pairs);
    return rc;
}

const char *fm_explain_reason_code(fm_explain_reason r)
{
    static const char *const code[] = {
        [FM_REASON_NONE] = "none",
        [FM_REASON_NOT_ELIGIBLE] = "not_eligible",
        [FM_REASON_NO_PERIOD] = "no_period",
        [FM_REASON_ONE_PER_DEPARTMENT] = "one_per_department",
        [FM_REASON_CAPACITY] = "capacity",
        [FM_REASON_TIMETABLE] = "timetable",
        [FM_REASON_POSITIONS_FULL] = "positions_full",
        [FM_REASON_TABLES_FULL] = "tables_full",
        [FM_REASON_GENDER_BALANCE] = "gender_balance",
        [FM_REASON_NOT_OPTIMAL] = "not_optimal",
    };
    return (size_t)r < sizeof code / sizeof *code && code[r] ? code[r] : "other";
}

static fm_rc explain(const fm_instance *inst, const fm_check_solution *sol, const char *seeker_id,
                     bool resolve, double time_limit, fm_explain_reason *reason, fm_buf *out,
                     fm_err *err)
{
    state st = {inst, sol, 0, NULL, NULL, NULL, NULL, 0, 0, out, FM_REASON_NONE};
    long s = find_seeker(inst, seeker_id);
    fm_rc rc;

    if (s < 0)
        return fm_err_set(err, FM_ENOTFOUND, "no seeker \"%s\" in the instance", seeker_id);
    st.seeker = (size_t)s;
    if ((rc = state_init(&st))) {
        fm_err_set(err, rc, "out of memory while explaining");
        goto done;
    }
    const fm_inst_seeker *sk = &inst->seekers[s];
    rc = fm_buf_addf(out,
                     "Seeker %s (%s, %d earlier fair%s without an offer: priority %.4g per "
                     "interview).\n",
                     sk->id, gender_word[sk->gender], sk->fairs_without_offer,
                     sk->fairs_without_offer == 1 ? "" : "s",
                     fm_instance_seeker_priority(inst, (size_t)s));
    if (rc) {
        fm_err_set(err, rc, "out of memory while explaining");
        goto done;
    }
    rc = explain_pairs(&st, resolve, time_limit, err);
    if (reason)
        *reason = st.reason;
done:
    state_release(&st);
    return rc;
}

fm_rc fm_explain_seeker(const fm_instance *inst, const fm_check_solution *sol,
                        const char *seeker_id, bool resolve, double time_limit, fm_buf *out,
                        fm_err *err)
{
    return explain(inst, sol, seeker_id, resolve, time_limit, NULL, out, err);
}

fm_rc fm_explain_reason_of(const fm_instance *inst, const fm_check_solution *sol,
                           const char *seeker_id, fm_explain_reason *reason, fm_buf *out,
                           fm_err *err)
{
    *reason = FM_REASON_NONE;
    return explain(inst, sol, seeker_id, false, 0, reason, out, err);
}
