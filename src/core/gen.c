/*
 * gen.c - fm_gen_instance: a seeded synthetic fair after demo-data.md
 * section D, built directly as an fm_instance. Only integer arithmetic and
 * IEEE-exact double operations (no libm transcendentals), so the same seed
 * gives the same instance everywhere. JSON output is src/solve/gen_write.c.
 */
#include "fairmatch/gen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* xoshiro256** seeded by splitmix64 (Blackman and Vigna, public domain). */
typedef struct rng {
    uint64_t s[4];
} rng;

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static uint64_t rng_next(rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

static void rng_seed(rng *r, uint64_t seed)
{
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&seed);
}

/* Uniform in [0, n) by 32x32 multiply-shift: exact integer arithmetic. */
static int rng_below(rng *r, int n)
{
    return (int)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* True with probability per_mille / 1000. */
static bool rng_chance(rng *r, int per_mille)
{
    return rng_below(r, 1000) < per_mille;
}

/* SSYK 2012 codes of typical extra jobs; the first three digits form the group. */
static const char *const occupations[] = {"5311", "5312", "5321", "5322", "5323", "5330", "9111",
                                          "9112", "9412", "9413", "5120", "5131", "4222", "4112",
                                          "4111", "8322", "8321", "3435", "2341", "7411"};
#define N_OCC ((int)(sizeof occupations / sizeof occupations[0]))

static const char *const titles[] = {"Barnskötare",
                                     "Elevassistent",
                                     "Undersköterska",
                                     "Vårdbiträde",
                                     "Skötare",
                                     "Personlig assistent",
                                     "Städare",
                                     "Lokalvårdare",
                                     "Restaurangbiträde",
                                     "Kökshjälp",
                                     "Kock",
                                     "Servitör",
                                     "Receptionist",
                                     "Kontorsassistent",
                                     "Administratör",
                                     "Chaufför",
                                     "Budbilsförare",
                                     "Fritidsledare",
                                     "Grundskollärare",
                                     "Elektriker"};

void fm_gen_params_init(fm_gen_params *p)
{
    memset(p, 0, sizeof *p);
    p->periods = 15;
    p->tolerance = 0.1;
    p->share_max = 1.0;
}

static fm_rc check_params(const fm_gen_params *p, fm_err *err)
{
    if (p->seekers < 1 || p->seekers > 100000)
        return fm_err_set(err, FM_EINVAL, "--seekers: %d is not in 1...100000", p->seekers);
    if (p->positions < 1 || p->positions > 50000)
        return fm_err_set(err, FM_EINVAL, "--positions: %d is not in 1...50000", p->positions);
    if (p->departments < 1 || p->departments > 1000 || p->departments > p->positions)
        return fm_err_set(err, FM_EINVAL,
                          "--departments: %d is not in 1...1000 and at most --positions",
                          p->departments);
    if (p->tables_per_department < 0 || p->tables_per_department > 100)
        return fm_err_set(err, FM_EINVAL, "--tables-per-department: %d is not in 1...100",
                          p->tables_per_department);
    if (p->periods < 1 || p->periods > 96)
        return fm_err_set(err, FM_EINVAL, "--periods: %d is not in 1...96", p->periods);
    if (p->gap < 0 || p->gap > 20)
        return fm_err_set(err, FM_EINVAL, "--gap: %d is not in 0...20", p->gap);
    if (!(p->availability_share >= 0.0 && p->availability_share <= 1.0))
        return fm_err_set(err, FM_EINVAL, "--availability-share: %g is not in 0...1",
                          p->availability_share);
    if (!p->explicit_share && !(p->tolerance >= 0.0 && p->tolerance <= 1.0))
        return fm_err_set(err, FM_EINVAL, "--tolerance: %g is not in 0...1", p->tolerance);
    if (p->explicit_share &&
        !(p->share_min >= 0.0 && p->share_min <= p->share_max && p->share_max <= 1.0))
        return fm_err_set(err, FM_EINVAL,
                          "--share-min/--share-max: need 0 <= min <= max <= 1, got %g and %g",
                          p->share_min, p->share_max);
    return FM_OK;
}

static char *idf(const char *prefix, int width, int n)
{
    char num[16], buf[48];
    int len = snprintf(num, sizeof num, "%d", n);
    size_t at = strlen(prefix) < 16 ? strlen(prefix) : 16;
    memcpy(buf, prefix, at);
    /* Zero-padded so that ids sort as numbers do (check and solutions compare bytes). */
    for (int k = len; k < width && at < 30; k++)
        buf[at++] = '0';
    memcpy(buf + at, num, (size_t)len + 1);
    return strdup(buf);
}

static int digits(int n)
{
    int w = 1;
    while (n >= 10) {
        n /= 10;
        w++;
    }
    return w < 2 ? 2 : w;
}

static void policy(const fm_gen_params *p, fm_instance *in)
{
    in->start_minutes = 540;
    /* demo-data: 20-minute slots; shorter when the day would pass midnight. */
    in->period_minutes = 900 / p->periods < 20 ? 900 / p->periods : 20;
    in->periods = p->periods;
    in->min_candidates_per_place = 2;
    in->max_candidates_per_place = 3;
    in->max_interviews_per_seeker = 2;
    in->min_gap_periods = p->gap;
    in->mirror_pool = !p->explicit_share;
    in->tolerance = p->explicit_share ? 0.0 : p->tolerance;
    in->share_min = p->explicit_share ? p->share_min : 0.0;
    in->share_max = p->explicit_share ? p->share_max : 0.0;
    in->weights = (fm_weights){20, 1000, 200, 5, 3, 10};
    in->time_limit_seconds = 60;
}

/* Departments get a size weight 1..10; positions are spread by weight. */
static fm_rc make_positions(const fm_gen_params *p, rng *r, fm_instance *in, int *occ)
{
    int D = p->departments, M = p->positions, total = 0;
    int *weight = calloc((size_t)D, sizeof *weight), *dep_of = calloc((size_t)M, sizeof *dep_of);
    fm_rc rc = FM_ENOMEM;

    if (!weight || !dep_of)
        goto done;
    for (int d = 0; d < D; d++)
        total += weight[d] = 1 + rng_below(r, 10);
    /* Every department has at least one position; the rest follow the weights. */
    for (int q = 0; q < M; q++) {
        if (q < D) {
            dep_of[q] = q;
            continue;
        }
        int x = rng_below(r, total), d = 0;
        while (x >= weight[d])
            x -= weight[d++];
        dep_of[q] = d;
    }
    for (int q = M - 1; q > 0; q--) {
        int j = rng_below(r, q + 1), t = dep_of[q];
        dep_of[q] = dep_of[j];
        dep_of[j] = t;
    }
    for (int q = 0; q < M; q++) {
        fm_inst_position *pos = &in->positions[q];
        int d = dep_of[q], u = rng_below(r, 100);
        /* A department hires mostly in its own four occupations. */
        occ[q] = rng_chance(r, 800) ? (d * 3 + rng_below(r, 4)) % N_OCC : rng_below(r, N_OCC);
        pos->id = idf("P", digits(M), q + 1);
        pos->department = d;
        pos->places = u < 80 ? 1 : u < 95 ? 2 : 3;
        pos->occupation = strdup(occupations[occ[q]]);
        pos->title = strdup(titles[occ[q]]);
        if (!pos->id || !pos->occupation || !pos->title)
            goto done;
    }
    rc = FM_OK;
done:
    free(weight);
    free(dep_of);
    return rc;
}

static int ceil_div(int a, int b)
{
    return (a + b - 1) / b;
}

/* Tables: demo-data's max(1, ceil(2.5 x positions / 12)), raised until the
 * minimum demand (minc x places) fits the day, or as given; quotas 11 fairs'
 * worth of positions with some departments ahead of theirs. */
static fm_rc make_departments(const fm_gen_params *p, rng *r, fm_instance *in)
{
    int D = p->departments;
    for (int d = 0; d < D; d++) {
        fm_inst_department *dep = &in->departments[d];
        int npos = 0, places = 0;
        char name[48];
        for (size_t q = 0; q < in->n_positions; q++) {
            if (in->positions[q].department != d)
                continue;
            npos++;
            places += in->positions[q].places;
        }
        int tables = ceil_div(5 * npos, 24);
        int need = ceil_div(in->min_candidates_per_place * places, p->periods);
        tables = tables > need ? tables : need;
        tables = tables < 1 ? 1 : tables > 100 ? 100 : tables;
        snprintf(name, sizeof name, "Department %d", d + 1);
        dep->id = idf("D", digits(D), d + 1);
        dep->name = strdup(name);
        dep->tables = p->tables_per_department ? p->tables_per_department : tables;
        dep->has_quota = rng_chance(r, 900);
        if (dep->has_quota) {
            dep->quota = npos * (88 + rng_below(r, 45)) / 10; /* 11 fairs x (0.8...1.2) */
            dep->hired = dep->quota * (30 + rng_below(r, 81)) / 100;
        }
        if (!dep->id || !dep->name)
            return FM_ENOMEM;
    }
    return FM_OK;
}

/* Limited hours: morning, afternoon, or a window of at least a third of the day. */
static fm_rc make_availability(const fm_gen_params *p, rng *r, fm_inst_seeker *s)
{
    int T = p->periods, half = T / 2 > 0 ? T / 2 : 1, kind = rng_below(r, 3);
    s->has_available = true;
    s->n_available = 1;
    s->available = calloc(1, sizeof *s->available);
    if (!s->available)
        return FM_ENOMEM;
    if (kind == 0 || T < 3) {
        s->available[0] = (fm_range){0, half - 1};
    } else if (kind == 1) {
        s->available[0] = (fm_range){half, T - 1};
    } else {
        int len = T / 3 + rng_below(r, T - T / 3 + 1);
        int from = rng_below(r, T - len + 1);
        s->available[0] = (fm_range){from, from + len - 1};
    }
    return FM_OK;
}

static fm_rc make_seekers(const fm_gen_params *p, rng *r, fm_instance *in)
{
    int limited = (int)(p->availability_share * 1000.0 + 0.5);
    for (int i = 0; i < p->seekers; i++) {
        fm_inst_seeker *s = &in->seekers[i];
        int g = rng_below(r, 100);
        s->id = idf("S", digits(p->seekers), i + 1);
        if (!s->id)
            return FM_ENOMEM;
        s->gender = g < 45 ? FM_GENDER_WOMAN : g < 98 ? FM_GENDER_MAN : FM_GENDER_OTHER;
        /* Most come for the first time; some have been to fairs without an offer. */
        if (rng_chance(r, 400)) {
            s->fairs_without_offer = 1;
            while (s->fairs_without_offer < 6 && rng_chance(r, 500))
                s->fairs_without_offer++;
        }
        if (rng_below(r, 1000) < limited && make_availability(p, r, s))
            return FM_ENOMEM;
    }
    return FM_OK;
}

/* Positions grouped by occupation, for drawing eligible positions by interest. */
typedef struct by_occ {
    int *start, *list; /* list[start[c] .. start[c+1]) are the positions of code c */
} by_occ;

static fm_rc group_positions(const int *occ, int M, by_occ *g)
{
    g->start = calloc(N_OCC + 1, sizeof *g->start);
    g->list = calloc((size_t)M, sizeof *g->list);
    int *fill = calloc(N_OCC, sizeof *fill);
    fm_rc rc = FM_ENOMEM;
    if (!g->start || !g->list || !fill)
        goto done;
    for (int q = 0; q < M; q++)
        g->start[occ[q] + 1]++;
    for (int c = 0; c < N_OCC; c++)
        g->start[c + 1] += g->start[c];
    for (int q = 0; q < M; q++)
        g->list[g->start[occ[q]] + fill[occ[q]]++] = q;
    rc = FM_OK;
done:
    free(fill);
    return rc;
}

/* A random position of code c's group other than code c, or -1. */
static int same_group(rng *r, const by_occ *g, int c)
{
    int alt[N_OCC], n = 0;
    for (int k = 0; k < N_OCC; k++)
        if (k != c && !strncmp(occupations[k], occupations[c], 3) && g->start[k + 1] > g->start[k])
            alt[n++] = k;
    if (!n)
        return -1;
    int k = alt[rng_below(r, n)];
    return g->list[g->start[k] + rng_below(r, g->start[k + 1] - g->start[k])];
}

typedef struct score_list {
    fm_inst_score *v;
    size_t n, cap;
} score_list;

/* demo-data's scoring in points: rank 100/80/60/40 or 20 for the same group,
 * +20 experience, -30 working-time mismatch, scaled so 120 points = 100. */
static fm_rc add_pair(rng *r, score_list *l, size_t first, int seeker, int q, int base)
{
    for (size_t k = first; k < l->n; k++)
        if (l->v[k].position == q)
            return FM_OK; /* a higher rank already made this pair */
    if (FM_GROW(l->v, l->n + 1, l->cap))
        return FM_ENOMEM;
    int v = base + (rng_chance(r, 300) ? 20 : 0) - (rng_chance(r, 150) ? 30 : 0);
    v = v < 0 ? 0 : (v * 100 + 60) / 120;
    l->v[l->n++] = (fm_inst_score){seeker, q, v > 100 ? 100 : v, NULL};
    return FM_OK;
}

static fm_rc make_scores(const fm_gen_params *p, rng *r, const int *occ, const by_occ *g,
                         score_list *l)
{
    static const int rank_points[] = {100, 80, 60, 40};
    for (int i = 0; i < p->seekers; i++) {
        size_t first = l->n;
        int interests = 1 + rng_below(r, 3) + (rng_chance(r, 250) ? 1 : 0);
        for (int k = 0; k < interests; k++) {
            /* An interest follows the supply: the code of a random position. */
            int q0 = rng_below(r, p->positions), c = occ[q0];
            int n_c = g->start[c + 1] - g->start[c];
            if (add_pair(r, l, first, i, q0, rank_points[k]))
                return FM_ENOMEM;
            for (int extra = 0; extra < 2; extra++) {
                int q = g->list[g->start[c] + rng_below(r, n_c)];
                if (add_pair(r, l, first, i, q, rank_points[k]))
                    return FM_ENOMEM;
            }
            int qg = rng_chance(r, 500) ? same_group(r, g, c) : -1;
            if (qg >= 0 && add_pair(r, l, first, i, qg, 20))
                return FM_ENOMEM;
        }
    }
    return FM_OK;
}

fm_rc fm_gen_instance(const fm_gen_params *p, fm_instance **out, fm_err *err)
{
    fm_instance *in = NULL;
    int *occ = NULL;
    by_occ g = {NULL, NULL};
    score_list l = {NULL, 0, 0};
    char fair_id[48];
    rng r;
    fm_rc rc;

    *out = NULL;
    if ((rc = check_params(p, err)))
        return rc;
    rc = FM_ENOMEM;
    rng_seed(&r, p->seed);
    in = calloc(1, sizeof *in);
    occ = calloc((size_t)p->positions, sizeof *occ);
    if (!in || !occ)
        goto done;
    snprintf(fair_id, sizeof fair_id, "gen-%llu", (unsigned long long)p->seed);
    in->fair_id = strdup(fair_id);
    in->fair_date = strdup("2018-11-14");
    in->n_departments = (size_t)p->departments;
    in->n_positions = (size_t)p->positions;
    in->n_seekers = (size_t)p->seekers;
    in->departments = calloc(in->n_departments, sizeof *in->departments);
    in->positions = calloc(in->n_positions, sizeof *in->positions);
    in->seekers = calloc(in->n_seekers, sizeof *in->seekers);
    if (!in->fair_id || !in->fair_date || !in->departments || !in->positions || !in->seekers)
        goto done;
    policy(p, in);
    if (make_positions(p, &r, in, occ) || make_departments(p, &r, in) || make_seekers(p, &r, in) ||
        group_positions(occ, p->positions, &g) || make_scores(p, &r, occ, &g, &l))
        goto done;
    in->scores = l.v;
    in->n_scores = l.n;
    l.v = NULL;
    *out = in;
    in = NULL;
    rc = FM_OK;
done:
    if (rc)
        fm_err_set(err, rc, "out of memory while generating the instance");
    fm_instance_free(in);
    free(l.v);
    free(g.start);
    free(g.list);
    free(occ);
    return rc;
}
