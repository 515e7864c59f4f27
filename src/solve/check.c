/*
 * check.c - fm_check_run: a solution file against its instance. Every hard
 * rule of model.md (phase 1 constraints 1, 3, 4, 5; phase 2 rules 1-3), the
 * fields and order of instance-format.md, and the objective and summaries
 * recomputed with src/core/instance.c. It never solves anything and reports
 * every problem it sees instead of stopping at the first.
 */
#include "fairmatch/check.h"
#include "fairmatch/text.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REL_TOL 1e-6

typedef struct ctx {
    const fm_instance *inst;
    const fm_check_solution *sol;
    fm_check_result *out;
    size_t *seek_ord, *pos_ord, *score_ord; /* indexes sorted by id / pair */
    long *iv_score;                         /* per interview: score index or -1 */
    size_t *order;                          /* scratch permutation of interviews */
    fm_rc rc;                               /* sticky FM_ENOMEM from problem() */
} ctx;

/* qsort has no context argument; check runs are short and single-threaded per ctx. */
static _Thread_local const ctx *sort_ctx;

static void problem(ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void problem(ctx *c, const char *fmt, ...)
{
    va_list ap;
    char line[512];
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    /* Ids and times come from the file: a control byte in them must not
     * break the promise of one line per problem. */
    for (char *q = line; *q; q++)
        if ((unsigned char)*q < 0x20)
            *q = '?';
    c->out->n_problems++;
    if (fm_buf_adds(&c->out->problems, line) || fm_buf_addch(&c->out->problems, '\n'))
        c->rc = FM_ENOMEM;
}

/* "interviews[3] (seeker S1, position P1)" names an interview for the user. */
static const char *iv_name(const ctx *c, size_t k, char *buf, size_t sz)
{
    const fm_check_interview *iv = &c->sol->interviews[k];
    fm_utf8_snprintf(buf, sz, "interviews[%zu] (seeker %s, position %s)", k, iv->seeker,
                     iv->position);
    return buf;
}

static int cmp_seeker_id(const void *a, const void *b)
{
    const fm_instance *in = sort_ctx->inst;
    return strcmp(in->seekers[*(const size_t *)a].id, in->seekers[*(const size_t *)b].id);
}

static int cmp_position_id(const void *a, const void *b)
{
    const fm_instance *in = sort_ctx->inst;
    return strcmp(in->positions[*(const size_t *)a].id, in->positions[*(const size_t *)b].id);
}

static int cmp_int(long x, long y)
{
    return x < y ? -1 : x > y;
}

static int cmp_pair(const void *a, const void *b)
{
    const fm_inst_score *x = &sort_ctx->inst->scores[*(const size_t *)a];
    const fm_inst_score *y = &sort_ctx->inst->scores[*(const size_t *)b];
    int r = cmp_int(x->seeker, y->seeker);
    return r ? r : cmp_int(x->position, y->position);
}

static size_t *sorted_indexes(size_t n, int (*cmp)(const void *, const void *))
{
    size_t *ord = malloc((n ? n : 1) * sizeof *ord);
    if (!ord)
        return NULL;
    for (size_t i = 0; i < n; i++)
        ord[i] = i;
    qsort(ord, n, sizeof *ord, cmp);
    return ord;
}

/* Index of the record whose id is `id`, or -1. get(i) gives record i's id. */
static long find_id(const size_t *ord, size_t n, const char *id, const ctx *c,
                    const char *(*get)(const ctx *, size_t))
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int r = strcmp(get(c, ord[mid]), id);
        if (!r)
            return (long)ord[mid];
        if (r < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

static const char *seeker_id(const ctx *c, size_t i)
{
    return c->inst->seekers[i].id;
}
static const char *position_id(const ctx *c, size_t i)
{
    return c->inst->positions[i].id;
}

static long find_pair(const ctx *c, long seeker, long position)
{
    size_t lo = 0, hi = c->inst->n_scores;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const fm_inst_score *s = &c->inst->scores[c->score_ord[mid]];
        int r = cmp_int(s->seeker, seeker);
        if (!r)
            r = cmp_int(s->position, position);
        if (!r)
            return (long)c->score_ord[mid];
        if (r < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

/* Seeker, position and pair of interview k; -1 in iv_score when any is unknown. */
static void resolve(ctx *c, size_t k)
{
    const fm_check_interview *iv = &c->sol->interviews[k];
    const fm_instance *in = c->inst;
    char nm[320];
    long s = find_id(c->seek_ord, in->n_seekers, iv->seeker, c, seeker_id);
    long p = find_id(c->pos_ord, in->n_positions, iv->position, c, position_id);

    c->iv_score[k] = -1;
    if (s < 0)
        problem(c, "%s: seeker \"%s\" is not in the instance", iv_name(c, k, nm, sizeof nm),
                iv->seeker);
    if (p < 0)
        problem(c, "%s: position \"%s\" is not in the instance", iv_name(c, k, nm, sizeof nm),
                iv->position);
    if (s < 0 || p < 0)
        return;
    c->iv_score[k] = find_pair(c, s, p);
    if (c->iv_score[k] < 0)
        problem(c, "%s: not an eligible pair (no entry in the instance's scores)",
                iv_name(c, k, nm, sizeof nm));
    const char *dep = in->departments[in->positions[p].department].id;
    if (!iv->department)
        problem(c, "%s: department missing (should be \"%s\")", iv_name(c, k, nm, sizeof nm), dep);
    else if (strcmp(iv->department, dep) != 0)
        problem(c, "%s: department is \"%s\" but the position belongs to \"%s\"",
                iv_name(c, k, nm, sizeof nm), iv->department, dep);
}

static void hhmm(int minutes, char *buf, size_t sz)
{
    snprintf(buf, sz, "%02d:%02d", (minutes / 60) % 100, minutes % 60);
}

/* start/end strings of interview k against fair.start and period_minutes. */
static void check_times(ctx *c, size_t k)
{
    const fm_check_interview *iv = &c->sol->interviews[k];
    const fm_instance *in = c->inst;
    char nm[320], want_start[16], want_end[16];
    int start = in->start_minutes + (int)iv->period * in->period_minutes;

    hhmm(start, want_start, sizeof want_start);
    hhmm(start + in->period_minutes, want_end, sizeof want_end);
    if (!iv->start)
        problem(c, "%s: start missing (period %ld starts at %s)", iv_name(c, k, nm, sizeof nm),
                iv->period, want_start);
    else if (strcmp(iv->start, want_start) != 0)
        problem(c, "%s: start \"%s\" does not match period %ld, which starts at %s",
                iv_name(c, k, nm, sizeof nm), iv->start, iv->period, want_start);
    if (!iv->end)
        problem(c, "%s: end missing (period %ld ends at %s)", iv_name(c, k, nm, sizeof nm),
                iv->period, want_end);
    else if (strcmp(iv->end, want_end) != 0)
        problem(c, "%s: end \"%s\" does not match period %ld, which ends at %s",
                iv_name(c, k, nm, sizeof nm), iv->end, iv->period, want_end);
}

/* Period, table, availability and times of one resolved interview. */
static void check_slot(ctx *c, size_t k, unsigned char *mask)
{
    const fm_check_interview *iv = &c->sol->interviews[k];
    const fm_instance *in = c->inst;
    const fm_inst_score *sc = &in->scores[c->iv_score[k]];
    const fm_inst_department *d = &in->departments[in->positions[sc->position].department];
    char nm[320];

    if (iv->period < 0 || iv->period >= in->periods) {
        problem(c, "%s: period %ld is outside 0..%d (fair.periods = %d)",
                iv_name(c, k, nm, sizeof nm), iv->period, in->periods - 1, in->periods);
    } else {
        fm_instance_available_mask(in, (size_t)sc->seeker, mask);
        if (!mask[iv->period])
            problem(c,
                    "%s: period %ld is not among the seeker's available periods (phase 2 rule 3)",
                    iv_name(c, k, nm, sizeof nm), iv->period);
        check_times(c, k);
    }
    if (iv->table < 1 || iv->table > d->tables)
        problem(c, "%s: table %ld is outside 1..%d (tables of department %s)",
                iv_name(c, k, nm, sizeof nm), iv->table, d->tables, d->id);
}

/* Keys of resolved interviews for the pairwise checks below. */
static const fm_inst_score *iv_sc(const ctx *c, size_t k)
{
    return &c->inst->scores[c->iv_score[k]];
}
static long iv_dep(const ctx *c, size_t k)
{
    return c->inst->positions[iv_sc(c, k)->position].department;
}

static int cmp_by_seeker_dep(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    int r = cmp_int(iv_sc(sort_ctx, x)->seeker, iv_sc(sort_ctx, y)->seeker);
    if (!r)
        r = cmp_int(iv_dep(sort_ctx, x), iv_dep(sort_ctx, y));
    if (!r)
        r = cmp_int(iv_sc(sort_ctx, x)->position, iv_sc(sort_ctx, y)->position);
    return r ? r : cmp_int((long)x, (long)y);
}

static int cmp_by_table(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    const fm_check_interview *ix = &sort_ctx->sol->interviews[x];
    const fm_check_interview *iy = &sort_ctx->sol->interviews[y];
    int r = cmp_int(iv_dep(sort_ctx, x), iv_dep(sort_ctx, y));
    if (!r)
        r = cmp_int(ix->table, iy->table);
    if (!r)
        r = cmp_int(ix->period, iy->period);
    return r ? r : cmp_int((long)x, (long)y);
}

static int cmp_by_seeker_period(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    int r = cmp_int(iv_sc(sort_ctx, x)->seeker, iv_sc(sort_ctx, y)->seeker);
    if (!r)
        r = cmp_int(sort_ctx->sol->interviews[x].period, sort_ctx->sol->interviews[y].period);
    return r ? r : cmp_int((long)x, (long)y);
}

/* The resolved interviews in c->order, sorted by cmp; returns how many. */
static size_t order_by(ctx *c, int (*cmp)(const void *, const void *))
{
    size_t n = 0;
    for (size_t k = 0; k < c->sol->n_interviews; k++)
        if (c->iv_score[k] >= 0)
            c->order[n++] = k;
    qsort(c->order, n, sizeof *c->order, cmp);
    return n;
}

/* Constraint 4 and duplicate pairs: one interview per seeker and department. */
static void check_seeker_departments(ctx *c)
{
    char nm[320];
    size_t n = order_by(c, cmp_by_seeker_dep);
    for (size_t j = 1; j < n; j++) {
        size_t a = c->order[j - 1], b = c->order[j];
        if (iv_sc(c, a)->seeker != iv_sc(c, b)->seeker || iv_dep(c, a) != iv_dep(c, b))
            continue;
        if (c->iv_score[a] == c->iv_score[b])
            problem(c, "%s: the same seeker and position as interviews[%zu] (duplicate pair)",
                    iv_name(c, b, nm, sizeof nm), a);
        else
            problem(c,
                    "%s: a second interview of this seeker in department %s (also "
                    "interviews[%zu]); model.md constraint 4 allows one",
                    iv_name(c, b, nm, sizeof nm), c->inst->departments[iv_dep(c, b)].id, a);
    }
}

/* Phase 2 rule 1: one interview per department table and period. */
static void check_tables(ctx *c)
{
    char nm[320];
    size_t n = order_by(c, cmp_by_table);
    for (size_t j = 1; j < n; j++) {
        size_t a = c->order[j - 1], b = c->order[j];
        const fm_check_interview *ia = &c->sol->interviews[a], *ib = &c->sol->interviews[b];
        if (iv_dep(c, a) == iv_dep(c, b) && ia->table == ib->table && ia->period == ib->period)
            problem(c,
                    "%s: department %s table %ld period %ld is already used by interviews[%zu] "
                    "(phase 2 rule 1: one interview per table and period)",
                    iv_name(c, b, nm, sizeof nm), c->inst->departments[iv_dep(c, b)].id, ib->table,
                    ib->period, a);
    }
}

/* Phase 2 rule 2: a seeker's interviews at least gap + 1 periods apart. */
static void check_seeker_gaps(ctx *c)
{
    char nm[320];
    long need = c->inst->min_gap_periods + 1;
    size_t n = order_by(c, cmp_by_seeker_period);
    for (size_t j = 1; j < n; j++) {
        size_t a = c->order[j - 1], b = c->order[j];
        long d = c->sol->interviews[b].period - c->sol->interviews[a].period;
        if (iv_sc(c, a)->seeker != iv_sc(c, b)->seeker || d >= need)
            continue;
        if (d == 0)
            problem(c, "%s: the seeker is already in interviews[%zu] in period %ld",
                    iv_name(c, b, nm, sizeof nm), a, c->sol->interviews[b].period);
        else
            problem(c,
                    "%s: period %ld is only %ld after the seeker's interviews[%zu]; "
                    "min_gap_periods = %d needs at least %ld (phase 2 rule 2)",
                    iv_name(c, b, nm, sizeof nm), c->sol->interviews[b].period, d, a,
                    c->inst->min_gap_periods, need);
    }
}

/* The department id interview k sorts by: its position's, else as written. */
static const char *sort_dep(const ctx *c, size_t k)
{
    if (c->iv_score[k] >= 0)
        return c->inst->departments[iv_dep(c, k)].id;
    return c->sol->interviews[k].department ? c->sol->interviews[k].department : "";
}

/* instance-format.md: sorted by period, then department id, then table. */
static void check_order(ctx *c)
{
    char nm[320];
    for (size_t k = 1; k < c->sol->n_interviews; k++) {
        const fm_check_interview *a = &c->sol->interviews[k - 1], *b = &c->sol->interviews[k];
        int r = cmp_int(a->period, b->period);
        if (!r)
            r = strcmp(sort_dep(c, k - 1), sort_dep(c, k));
        if (!r)
            r = cmp_int(a->table, b->table);
        if (r > 0)
            problem(c,
                    "%s: out of order after interviews[%zu] (interviews are sorted by period, "
                    "then department id, then table)",
                    iv_name(c, k, nm, sizeof nm), k - 1);
    }
}

static bool close_to(double got, double want)
{
    return fabs(got - want) <= REL_TOL * fmax(1.0, fabs(want));
}

/* Per-seeker, per-position and per-department totals of the resolved interviews. */
typedef struct totals {
    long *seeker, *position, *n_dep, *m_dep;
} totals;

static fm_rc totals_make(ctx *c, totals *t)
{
    const fm_instance *in = c->inst;
    t->seeker = calloc(in->n_seekers + 1, sizeof *t->seeker);
    t->position = calloc(in->n_positions + 1, sizeof *t->position);
    t->n_dep = calloc(in->n_departments + 1, sizeof *t->n_dep);
    t->m_dep = calloc(in->n_departments + 1, sizeof *t->m_dep);
    if (!t->seeker || !t->position || !t->n_dep || !t->m_dep)
        return FM_ENOMEM;
    for (size_t k = 0; k < c->sol->n_interviews; k++) {
        if (c->iv_score[k] < 0)
            continue;
        const fm_inst_score *s = iv_sc(c, k);
        long d = iv_dep(c, k);
        t->seeker[s->seeker]++;
        t->position[s->position]++;
        t->n_dep[d]++;
        if (in->seekers[s->seeker].gender == FM_GENDER_WOMAN)
            t->m_dep[d]++;
    }
    return FM_OK;
}

static void totals_release(totals *t)
{
    free(t->seeker);
    free(t->position);
    free(t->n_dep);
    free(t->m_dep);
}

/* Phase 1 constraints 1, 3 and 5. */
static void check_capacities(ctx *c, const totals *t)
{
    const fm_instance *in = c->inst;
    for (size_t i = 0; i < in->n_seekers; i++) {
        int cap = fm_instance_capacity(in, i);
        if (t->seeker[i] > cap)
            problem(c,
                    "seeker %s: %ld interviews, more than K_i = %d (model.md constraint 3: "
                    "max_interviews_per_seeker and the interviews that fit the seeker's periods)",
                    in->seekers[i].id, t->seeker[i], cap);
    }
    for (size_t p = 0; p < in->n_positions; p++) {
        long cap = (long)in->max_candidates_per_place * in->positions[p].places;
        if (t->position[p] > cap)
            problem(c,
                    "position %s: %ld interviews, more than max_candidates_per_place x places "
                    "= %ld (model.md constraint 1)",
                    in->positions[p].id, t->position[p], cap);
    }
    for (size_t d = 0; d < in->n_departments; d++) {
        long cap = (long)in->departments[d].tables * in->periods;
        if (t->n_dep[d] > cap)
            problem(c,
                    "department %s: %ld interviews, more than tables x periods = %ld "
                    "(model.md constraint 5)",
                    in->departments[d].id, t->n_dep[d], cap);
    }
}

/* The shortfall section: exactly the positions with u_p > 0, in instance order. */
static void check_shortfall(ctx *c, const totals *t)
{
    const fm_instance *in = c->inst;
    const fm_check_solution *s = c->sol;
    size_t k = 0;
    if (!s->has_shortfall) {
        problem(c, "shortfall: section missing");
        return;
    }
    for (size_t p = 0; p < in->n_positions; p++) {
        long want = (long)in->min_candidates_per_place * in->positions[p].places;
        long u = want > t->position[p] ? want - t->position[p] : 0;
        bool listed = k < s->n_shortfall && !strcmp(s->shortfall[k].position, in->positions[p].id);
        if (listed && s->shortfall[k].missing != (double)u)
            problem(c, "shortfall[%zu]: position %s has missing %g, recomputed %ld", k,
                    in->positions[p].id, s->shortfall[k].missing, u);
        else if (listed && u == 0)
            problem(c, "shortfall[%zu]: position %s is listed but has no shortfall", k,
                    in->positions[p].id);
        else if (!listed && u > 0)
            problem(c,
                    "shortfall: position %s is %ld short of min_candidates_per_place x places "
                    "but is not listed (or not in the instance's order)",
                    in->positions[p].id, u);
        if (listed)
            k++;
    }
    for (; k < s->n_shortfall; k++)
        problem(c, "shortfall[%zu]: position \"%s\" is unknown, repeated or out of order", k,
                s->shortfall[k].position);
}

/* One department entry against its recomputed numbers. */
static void check_department(ctx *c, const totals *t, size_t d, double lo, double hi)
{
    const fm_check_department *e = &c->sol->departments[d];
    const char *id = c->inst->departments[d].id;
    double n = (double)t->n_dep[d], m = (double)t->m_dep[d];
    double share = t->n_dep[d] ? m / n : 0.0;
    double slack = fmax(0.0, lo * n - m) + fmax(0.0, m - hi * n);

    if (strcmp(e->id, id) != 0) {
        problem(c,
                "departments[%zu]: id \"%s\", expected \"%s\" (every department, in the "
                "instance's order)",
                d, e->id, id);
        return;
    }
    if (e->interviews != n)
        problem(c, "departments[%zu] (%s): interviews %g, recomputed %ld", d, id, e->interviews,
                t->n_dep[d]);
    if (e->women != m)
        problem(c, "departments[%zu] (%s): women %g, recomputed %ld", d, id, e->women, t->m_dep[d]);
    if (!close_to(e->women_share, share))
        problem(c, "departments[%zu] (%s): women_share %.17g, recomputed %.17g", d, id,
                e->women_share, share);
    if (!close_to(e->gender_slack, slack))
        problem(c, "departments[%zu] (%s): gender_slack %.17g, recomputed %.17g", d, id,
                e->gender_slack, slack);
}

static void check_departments(ctx *c, const totals *t)
{
    const fm_instance *in = c->inst;
    const fm_check_solution *s = c->sol;
    double lo, hi;
    fm_instance_share_bounds(in, &lo, &hi);
    if (!s->has_share_bounds)
        problem(c, "women_share_bounds: missing");
    else if (!close_to(s->share_min, lo) || !close_to(s->share_max, hi))
        problem(c,
                "women_share_bounds: {min %.17g, max %.17g}, the instance gives L = %.17g, "
                "U = %.17g",
                s->share_min, s->share_max, lo, hi);
    if (!s->has_departments) {
        problem(c, "departments: section missing");
        return;
    }
    if (s->n_departments != in->n_departments)
        problem(c, "departments: %zu entries, the instance has %zu departments", s->n_departments,
                in->n_departments);
    for (size_t d = 0; d < in->n_departments && d < s->n_departments; d++)
        check_department(c, t, d, lo, hi);
}

/* unscheduled entries: eligible pairs, not also scheduled. */
static void check_unscheduled(ctx *c)
{
    const fm_instance *in = c->inst;
    const fm_check_solution *s = c->sol;
    if (!s->has_unscheduled) {
        problem(c, "unscheduled: section missing");
        return;
    }
    for (size_t k = 0; k < s->n_unscheduled; k++) {
        const fm_check_unscheduled *u = &s->unscheduled[k];
        long si = find_id(c->seek_ord, in->n_seekers, u->seeker, c, seeker_id);
        long pi = find_id(c->pos_ord, in->n_positions, u->position, c, position_id);
        long sc = si >= 0 && pi >= 0 ? find_pair(c, si, pi) : -1;
        if (sc < 0) {
            problem(c, "unscheduled[%zu] (seeker %s, position %s): not an eligible pair", k,
                    u->seeker, u->position);
            continue;
        }
        const char *dep = in->departments[in->positions[pi].department].id;
        if (u->department && strcmp(u->department, dep) != 0)
            problem(c,
                    "unscheduled[%zu] (seeker %s, position %s): department is \"%s\" but "
                    "the position belongs to \"%s\"",
                    k, u->seeker, u->position, u->department, dep);
        for (size_t j = 0; j < s->n_interviews; j++)
            if (c->iv_score[j] == sc)
                problem(c,
                        "unscheduled[%zu] (seeker %s, position %s): also scheduled as "
                        "interviews[%zu]",
                        k, u->seeker, u->position, j);
    }
}

/* status, objective, bound, mip_gap and makespan. */
static void check_header(ctx *c)
{
    const fm_check_solution *s = c->sol;
    long last = -1;
    bool optimal = !strcmp(s->status, "optimal");

    if (!optimal && strcmp(s->status, "feasible") != 0)
        problem(c, "status: \"%s\" is neither \"optimal\" nor \"feasible\"", s->status);
    if (optimal && s->n_unscheduled > 0)
        problem(c, "status: \"optimal\" but %zu interviews are unscheduled", s->n_unscheduled);
    if (!close_to(s->objective, c->out->objective))
        problem(c, "objective: the file says %.17g, recomputed from the interviews %.17g",
                s->objective, c->out->objective);
    if (!s->has_bound || !s->has_mip_gap) {
        problem(c, "%s: missing", !s->has_bound ? "bound" : "mip_gap");
    } else {
        double gap = (s->bound - s->objective) / fmax(1.0, fabs(s->bound));
        if (s->objective > s->bound + REL_TOL * fmax(1.0, fabs(s->bound)))
            problem(c, "bound: %.17g is below the objective %.17g", s->bound, s->objective);
        if (fabs(s->mip_gap - gap) > REL_TOL)
            problem(c, "mip_gap: %.17g, but (bound - objective) / max(1, |bound|) = %.17g",
                    s->mip_gap, gap);
        if (optimal && s->mip_gap > 1e-9)
            problem(c, "status: \"optimal\" with mip_gap %.17g > 1e-9", s->mip_gap);
    }
    for (size_t k = 0; k < s->n_interviews; k++)
        if (s->interviews[k].period > last)
            last = s->interviews[k].period;
    if (!s->has_makespan)
        problem(c, "makespan: missing (recomputed %ld)", last + 1);
    else if (s->makespan != last + 1)
        problem(c, "makespan: %ld, but the last period used is %ld (makespan = last + 1)",
                s->makespan, last);
}

static fm_rc ctx_init(ctx *c)
{
    const fm_instance *in = c->inst;
    size_t n = c->sol->n_interviews;
    sort_ctx = c;
    c->seek_ord = sorted_indexes(in->n_seekers, cmp_seeker_id);
    c->pos_ord = sorted_indexes(in->n_positions, cmp_position_id);
    c->score_ord = sorted_indexes(in->n_scores, cmp_pair);
    c->iv_score = calloc(n + 1, sizeof *c->iv_score);
    c->order = calloc(n + 1, sizeof *c->order);
    if (!c->seek_ord || !c->pos_ord || !c->score_ord || !c->iv_score || !c->order)
        return FM_ENOMEM;
    return FM_OK;
}

static void ctx_release(ctx *c)
{
    free(c->seek_ord);
    free(c->pos_ord);
    free(c->score_ord);
    free(c->iv_score);
    free(c->order);
    sort_ctx = NULL;
}

/* The recomputed objective of the interviews that name an eligible pair. */
static fm_rc recompute_objective(ctx *c)
{
    size_t n = 0, *idx = malloc((c->sol->n_interviews + 1) * sizeof *idx);
    if (!idx)
        return FM_ENOMEM;
    for (size_t k = 0; k < c->sol->n_interviews; k++)
        if (c->iv_score[k] >= 0)
            idx[n++] = (size_t)c->iv_score[k];
    c->out->objective = fm_instance_objective(c->inst, idx, n);
    free(idx);
    return isnan(c->out->objective) ? FM_ENOMEM : FM_OK;
}

fm_rc fm_check_run(const fm_instance *inst, const fm_check_solution *sol, fm_check_result *out,
                   fm_err *err)
{
    ctx c = {inst, sol, out, NULL, NULL, NULL, NULL, NULL, FM_OK};
    totals t = {0};
    unsigned char *mask = malloc((size_t)(inst->periods > 0 ? inst->periods : 1));
    fm_rc rc = FM_OK;

    out->n_problems = 0;
    out->objective = 0.0;
    if (!mask || ctx_init(&c)) {
        rc = FM_ENOMEM;
        goto done;
    }
    for (size_t k = 0; k < sol->n_interviews; k++) {
        resolve(&c, k);
        if (c.iv_score[k] >= 0)
            check_slot(&c, k, mask);
    }
    if (totals_make(&c, &t) || recompute_objective(&c)) {
        rc = FM_ENOMEM;
        goto done;
    }
    check_order(&c);
    check_seeker_departments(&c);
    check_tables(&c);
    check_seeker_gaps(&c);
    check_capacities(&c, &t);
    check_header(&c);
    check_shortfall(&c, &t);
    check_departments(&c, &t);
    check_unscheduled(&c);
    rc = c.rc;
done:
    totals_release(&t);
    ctx_release(&c);
    free(mask);
    return rc ? fm_err_set(err, rc, "out of memory while checking the solution") : FM_OK;
}

void fm_check_result_release(fm_check_result *res)
{
    if (res)
        fm_buf_release(&res->problems);
}
