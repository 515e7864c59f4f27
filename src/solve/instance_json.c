/*
 * instance_json.c - fm_instance_parse: an instance file (instance-format.md)
 * into an fm_instance, checking every rule of the format's table and naming
 * the first broken one as "FILE: PATH: problem". It computes the file's
 * SHA-256 for provenance. The model's derived numbers are src/core/instance.c's.
 */
#include "fairmatch/instance.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/date.h"

#define PATH_MAX_LEN 128

/* Number tokens of the source text in document order, with "written as an integer". */
typedef struct numtok {
    const cJSON *node;
    bool integral;
} numtok;

typedef struct parser {
    const char *file;
    fm_err *err;
    fm_instance *inst;
    numtok *nums; /* sorted by node pointer after setup */
    size_t n_nums;
} parser;

/* Open-addressing string -> index map for ids; capacity a power of two. */
typedef struct idmap {
    size_t cap;
    const char **keys;
    int *vals;
} idmap;

static fm_rc bad(parser *ps, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static fm_rc bad(parser *ps, const char *path, const char *fmt, ...)
{
    char problem[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(problem, sizeof problem, fmt, ap);
    va_end(ap);
    return fm_err_set(ps->err, FM_EINVAL, "%s: %s: %s", ps->file, path, problem);
}

static fm_rc nomem(parser *ps)
{
    return fm_err_set(ps->err, FM_ENOMEM, "out of memory");
}

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

static int idmap_init(idmap *m, size_t n)
{
    m->cap = 16;
    while (m->cap < 2 * n + 1)
        m->cap *= 2;
    m->keys = calloc(m->cap, sizeof *m->keys);
    m->vals = calloc(m->cap, sizeof *m->vals);
    return m->keys && m->vals;
}

static void idmap_release(idmap *m)
{
    free(m->keys);
    free(m->vals);
}

/* Index of key, or -1. */
static int idmap_get(const idmap *m, const char *key)
{
    size_t h = (size_t)hash_str(key) & (m->cap - 1);
    while (m->keys[h]) {
        if (strcmp(m->keys[h], key) == 0)
            return m->vals[h];
        h = (h + 1) & (m->cap - 1);
    }
    return -1;
}

/* Insert; false when the key is already there. */
static bool idmap_put(idmap *m, const char *key, int val)
{
    size_t h = (size_t)hash_str(key) & (m->cap - 1);
    while (m->keys[h]) {
        if (strcmp(m->keys[h], key) == 0)
            return false;
        h = (h + 1) & (m->cap - 1);
    }
    m->keys[h] = key;
    m->vals[h] = val;
    return true;
}

/* ---- integer literals: cJSON forgets how a number was written ---- */

static int cmp_numtok(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t)((const numtok *)a)->node, y = (uintptr_t)((const numtok *)b)->node;
    return x < y ? -1 : x > y;
}

/* Number nodes in document order (cJSON keeps children in source order). */
static void collect_numbers(const cJSON *node, numtok *out, size_t *n, size_t cap)
{
    for (; node; node = node->next) {
        if (cJSON_IsNumber(node) && *n < cap)
            out[(*n)++].node = node;
        if (node->child)
            collect_numbers(node->child, out, n, cap);
    }
}

/*
 * Pair each number node with its source token, so that "16.0" can be told
 * from "16". The text has already been accepted by cJSON, so a token scan
 * that skips strings meets the numbers in the same order as the tree walk.
 */
static fm_rc scan_numbers(parser *ps, const char *json, size_t len, const cJSON *root)
{
    size_t cap = 0, k = 0;
    for (size_t i = 0; i < len; i++)
        if (json[i] == '-' || (json[i] >= '0' && json[i] <= '9'))
            cap++;
    ps->nums = calloc(cap + 1, sizeof *ps->nums);
    if (!ps->nums)
        return nomem(ps);
    collect_numbers(root, ps->nums, &ps->n_nums, cap);
    for (size_t i = 0; i < len && json[i] && k < ps->n_nums; i++) {
        if (json[i] == '"') {
            for (i++; i < len && json[i] != '"'; i++)
                if (json[i] == '\\')
                    i++;
            continue;
        }
        if (json[i] == '-' || (json[i] >= '0' && json[i] <= '9')) {
            bool integral = true;
            for (; i < len && strchr("-+0123456789.eE", json[i]) && json[i]; i++)
                if (json[i] == '.' || json[i] == 'e' || json[i] == 'E')
                    integral = false;
            ps->nums[k++].integral = integral;
            i--;
        }
    }
    qsort(ps->nums, ps->n_nums, sizeof *ps->nums, cmp_numtok);
    return FM_OK;
}

static bool written_integral(const parser *ps, const cJSON *node)
{
    numtok key = {node, false};
    const numtok *t = bsearch(&key, ps->nums, ps->n_nums, sizeof *ps->nums, cmp_numtok);
    return t && t->integral;
}

/* ---- typed getters: absent keys keep the default unless required ---- */

/* out = path.key (or key at the root), cut to PATH_MAX_LEN - 1 bytes. */
static void join(char *out, const char *path, const char *key)
{
    size_t n = 0;
    for (const char *s = path; *s && n < PATH_MAX_LEN - 1; s++)
        out[n++] = *s;
    if (*path && n < PATH_MAX_LEN - 1)
        out[n++] = '.';
    for (const char *s = key; *s && n < PATH_MAX_LEN - 1; s++)
        out[n++] = *s;
    out[n] = '\0';
}

static fm_rc get_int_node(parser *ps, const cJSON *it, const char *p, long lo, long hi, int *out)
{
    if (!cJSON_IsNumber(it) || !isfinite(it->valuedouble) ||
        it->valuedouble != floor(it->valuedouble) || !written_integral(ps, it))
        return bad(ps, p, "not an integer");
    if (it->valuedouble < (double)lo || it->valuedouble > (double)hi)
        return bad(ps, p, "out of range %ld...%ld", lo, hi);
    *out = (int)it->valuedouble;
    return FM_OK;
}

static fm_rc get_int(parser *ps, const cJSON *obj, const char *path, const char *key, bool required,
                     long lo, long hi, int *out)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
    char p[PATH_MAX_LEN];
    join(p, path, key);
    if (!it)
        return required ? bad(ps, p, "missing") : FM_OK;
    return get_int_node(ps, it, p, lo, hi, out);
}

/* A finite number in [lo, hi]; lo_open excludes lo itself. */
static fm_rc get_num(parser *ps, const cJSON *obj, const char *path, const char *key, double lo,
                     bool lo_open, double hi, double *out)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
    char p[PATH_MAX_LEN];
    join(p, path, key);
    if (!it)
        return FM_OK;
    if (!cJSON_IsNumber(it) || !isfinite(it->valuedouble))
        return bad(ps, p, "not a finite number");
    if (lo_open && it->valuedouble <= lo)
        return bad(ps, p, "not greater than %g", lo);
    if (it->valuedouble < lo || it->valuedouble > hi) {
        if (hi == INFINITY)
            return bad(ps, p, "less than %g", lo);
        return bad(ps, p, "out of range %g...%g", lo, hi);
    }
    *out = it->valuedouble;
    return FM_OK;
}

/*
 * Weights are "finite numbers >= 0", but one near DBL_MAX times a count
 * overflows the objective to infinity, which JSON cannot carry. 1e9 is far
 * beyond any meaningful weight (scores are at most 100) and keeps every
 * objective term finite.
 */
#define WEIGHT_MAX 1e9

static fm_rc check_weights(parser *ps, const fm_weights *w)
{
    static const char *const names[] = {"coverage",    "shortfall",       "gender",
                                        "missed_fair", "missed_fair_cap", "quota"};
    const double v[] = {w->coverage,    w->shortfall,       w->gender,
                        w->missed_fair, w->missed_fair_cap, w->quota};
    char p[PATH_MAX_LEN];

    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        if (v[i] > WEIGHT_MAX) {
            join(p, "policy.weights", names[i]);
            return bad(ps, p, "greater than %g", WEIGHT_MAX);
        }
    }
    return FM_OK;
}

/* A string; *out borrows the cJSON's text (NULL when absent and optional). */
static fm_rc get_str(parser *ps, const cJSON *obj, const char *path, const char *key, bool required,
                     bool nonempty, const char **out)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
    char p[PATH_MAX_LEN];
    join(p, path, key);
    if (!it)
        return required ? bad(ps, p, "missing") : FM_OK;
    if (!cJSON_IsString(it) || !it->valuestring)
        return bad(ps, p, "not a string");
    if (nonempty && !it->valuestring[0])
        return bad(ps, p, "empty");
    *out = it->valuestring;
    return FM_OK;
}

static fm_rc dup_str(parser *ps, const char *s, char **out)
{
    *out = NULL;
    if (!s)
        return FM_OK;
    *out = strdup(s);
    return *out ? FM_OK : nomem(ps);
}

/* path.key into buf; returns buf. */
static const char *sub(char *buf, const char *path, const char *key)
{
    join(buf, path, key);
    return buf;
}

/* An object member that must be an object when present. */
static fm_rc get_obj(parser *ps, const cJSON *obj, const char *path, const char *key, bool required,
                     const cJSON **out)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
    char p[PATH_MAX_LEN];
    join(p, path, key);
    *out = NULL;
    if (!it)
        return required ? bad(ps, p, "missing") : FM_OK;
    if (!cJSON_IsObject(it))
        return bad(ps, p, "not an object");
    *out = it;
    return FM_OK;
}

static fm_rc get_arr(parser *ps, const cJSON *obj, const char *key, const cJSON **out)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
    *out = NULL;
    if (!it)
        return bad(ps, key, "missing");
    if (!cJSON_IsArray(it))
        return bad(ps, key, "not an array");
    *out = it;
    return FM_OK;
}

/* ---- sections ---- */

static fm_rc parse_fair(parser *ps, const cJSON *root)
{
    fm_instance *in = ps->inst;
    const cJSON *fair;
    const char *id = NULL, *date = NULL, *start = NULL;
    fm_date d;
    fm_rc rc;

    if ((rc = get_obj(ps, root, "", "fair", true, &fair)))
        return rc;
    if ((rc = get_str(ps, fair, "fair", "id", true, true, &id)) ||
        (rc = get_str(ps, fair, "fair", "date", false, false, &date)) ||
        (rc = get_str(ps, fair, "fair", "start", false, false, &start)))
        return rc;
    if (date && !fm_date_parse(date, &d))
        return bad(ps, "fair.date", "not a date YYYY-MM-DD");
    if (start && !fm_time_parse(start, &in->start_minutes))
        return bad(ps, "fair.start", "not a time HH:MM");
    if ((rc = get_int(ps, fair, "fair", "period_minutes", false, 1, 240, &in->period_minutes)) ||
        (rc = get_int(ps, fair, "fair", "periods", true, 1, 96, &in->periods)))
        return rc;
    if ((long)in->start_minutes + (long)in->periods * in->period_minutes > 24L * 60) {
        const char *at = start ? "fair.start"
                         : cJSON_GetObjectItemCaseSensitive(fair, "period_minutes")
                             ? "fair.period_minutes"
                             : "fair.periods";
        return bad(ps, at, "the fair would run past midnight (%d periods of %d minutes)",
                   in->periods, in->period_minutes);
    }
    if ((rc = dup_str(ps, id, &in->fair_id)) || (rc = dup_str(ps, date, &in->fair_date)))
        return rc;
    return FM_OK;
}

static fm_rc parse_share(parser *ps, const cJSON *policy)
{
    fm_instance *in = ps->inst;
    const cJSON *ws, *mirror;
    const char *P = "policy.women_share";
    fm_rc rc;

    if ((rc = get_obj(ps, policy, "policy", "women_share", false, &ws)) || !ws)
        return rc;
    mirror = cJSON_GetObjectItemCaseSensitive(ws, "mirror_pool");
    if (mirror && !cJSON_IsBool(mirror))
        return bad(ps, "policy.women_share.mirror_pool", "not a boolean");
    if (mirror && cJSON_IsTrue(mirror)) {
        in->mirror_pool = true;
        if (!cJSON_GetObjectItemCaseSensitive(ws, "tolerance"))
            return bad(ps, "policy.women_share.tolerance", "missing");
        return get_num(ps, ws, P, "tolerance", 0, false, 1, &in->tolerance);
    }
    in->mirror_pool = false;
    if (!cJSON_GetObjectItemCaseSensitive(ws, "min"))
        return bad(ps, "policy.women_share.min", "missing");
    if (!cJSON_GetObjectItemCaseSensitive(ws, "max"))
        return bad(ps, "policy.women_share.max", "missing");
    if ((rc = get_num(ps, ws, P, "min", 0, false, 1, &in->share_min)) ||
        (rc = get_num(ps, ws, P, "max", 0, false, 1, &in->share_max)))
        return rc;
    if (in->share_min > in->share_max)
        return bad(ps, "policy.women_share.min", "greater than max");
    return FM_OK;
}

static fm_rc parse_policy(parser *ps, const cJSON *root)
{
    fm_instance *in = ps->inst;
    const cJSON *pol, *w;
    const char *P = "policy", *W = "policy.weights";
    fm_rc rc;

    if ((rc = get_obj(ps, root, "", "policy", false, &pol)) || !pol)
        return rc;
    if ((rc = get_int(ps, pol, P, "min_candidates_per_place", false, 1, 10,
                      &in->min_candidates_per_place)) ||
        (rc = get_int(ps, pol, P, "max_candidates_per_place", false, 1, 10,
                      &in->max_candidates_per_place)))
        return rc;
    if (in->min_candidates_per_place > in->max_candidates_per_place)
        return bad(ps, "policy.min_candidates_per_place", "greater than max_candidates_per_place");
    if ((rc = get_int(ps, pol, P, "max_interviews_per_seeker", false, 1, 20,
                      &in->max_interviews_per_seeker)) ||
        (rc = get_int(ps, pol, P, "min_gap_periods", false, 0, 20, &in->min_gap_periods)) ||
        (rc = parse_share(ps, pol)) || (rc = get_obj(ps, pol, P, "weights", false, &w)))
        return rc;
    if (w &&
        ((rc = get_num(ps, w, W, "coverage", 0, false, INFINITY, &in->weights.coverage)) ||
         (rc = get_num(ps, w, W, "shortfall", 0, false, INFINITY, &in->weights.shortfall)) ||
         (rc = get_num(ps, w, W, "gender", 0, false, INFINITY, &in->weights.gender)) ||
         (rc = get_num(ps, w, W, "missed_fair", 0, false, INFINITY, &in->weights.missed_fair)) ||
         (rc = get_num(ps, w, W, "missed_fair_cap", 0, false, INFINITY,
                       &in->weights.missed_fair_cap)) ||
         (rc = get_num(ps, w, W, "quota", 0, false, INFINITY, &in->weights.quota)) ||
         (rc = check_weights(ps, &in->weights))))
        return rc;
    return get_num(ps, pol, P, "time_limit_seconds", 0, true, 86400, &in->time_limit_seconds);
}

static fm_rc parse_departments(parser *ps, const cJSON *root, idmap *ids)
{
    fm_instance *in = ps->inst;
    const cJSON *arr, *it;
    size_t k = 0;
    fm_rc rc;

    if ((rc = get_arr(ps, root, "departments", &arr)))
        return rc;
    in->n_departments = 0;
    in->departments = calloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof *in->departments);
    if (!in->departments || !idmap_init(ids, (size_t)cJSON_GetArraySize(arr)))
        return nomem(ps);
    cJSON_ArrayForEach(it, arr)
    {
        fm_inst_department *d = &in->departments[k];
        const char *id = NULL, *name = NULL;
        char p[PATH_MAX_LEN], q[PATH_MAX_LEN];
        snprintf(p, sizeof p, "departments[%zu]", k);
        if (!cJSON_IsObject(it))
            return bad(ps, p, "not an object");
        d->tables = 1;
        if ((rc = get_str(ps, it, p, "id", true, true, &id)) ||
            (rc = get_str(ps, it, p, "name", false, false, &name)) ||
            (rc = get_int(ps, it, p, "tables", false, 1, 100, &d->tables)) ||
            (rc = get_int(ps, it, p, "quota", false, 0, 100000, &d->quota)) ||
            (rc = get_int(ps, it, p, "hired", false, 0, 100000, &d->hired)))
            return rc;
        d->has_quota = cJSON_GetObjectItemCaseSensitive(it, "quota") != NULL;
        if (!idmap_put(ids, id, (int)k))
            return bad(ps, sub(q, p, "id"), "duplicate id \"%s\"", id);
        in->n_departments = ++k;
        if ((rc = dup_str(ps, id, &d->id)) || (rc = dup_str(ps, name ? name : id, &d->name)))
            return rc;
    }
    return FM_OK;
}

static fm_rc parse_positions(parser *ps, const cJSON *root, const idmap *deps, idmap *ids)
{
    fm_instance *in = ps->inst;
    const cJSON *arr, *it;
    size_t k = 0;
    fm_rc rc;

    if ((rc = get_arr(ps, root, "positions", &arr)))
        return rc;
    in->positions = calloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof *in->positions);
    if (!in->positions || !idmap_init(ids, (size_t)cJSON_GetArraySize(arr)))
        return nomem(ps);
    cJSON_ArrayForEach(it, arr)
    {
        fm_inst_position *po = &in->positions[k];
        const char *id = NULL, *dep = NULL, *title = NULL, *occ = NULL;
        char p[PATH_MAX_LEN], q[PATH_MAX_LEN];
        snprintf(p, sizeof p, "positions[%zu]", k);
        if (!cJSON_IsObject(it))
            return bad(ps, p, "not an object");
        po->places = 1;
        if ((rc = get_str(ps, it, p, "id", true, true, &id)))
            return rc;
        if (!idmap_put(ids, id, (int)k))
            return bad(ps, sub(q, p, "id"), "duplicate id \"%s\"", id);
        if ((rc = get_str(ps, it, p, "department", true, false, &dep)))
            return rc;
        po->department = idmap_get(deps, dep);
        if (po->department < 0)
            return bad(ps, sub(q, p, "department"), "unknown department \"%s\"", dep);
        if ((rc = get_int(ps, it, p, "places", false, 1, 100, &po->places)) ||
            (rc = get_str(ps, it, p, "title", false, false, &title)) ||
            (rc = get_str(ps, it, p, "occupation", false, false, &occ)))
            return rc;
        in->n_positions = ++k;
        if ((rc = dup_str(ps, id, &po->id)) || (rc = dup_str(ps, title, &po->title)) ||
            (rc = dup_str(ps, occ, &po->occupation)))
            return rc;
    }
    return FM_OK;
}

static fm_rc parse_available(parser *ps, const cJSON *it, const char *p, fm_inst_seeker *s)
{
    const cJSON *av = cJSON_GetObjectItemCaseSensitive(it, "available"), *r;
    char q[PATH_MAX_LEN + 80], e[PATH_MAX_LEN + 40];
    size_t k = 0;
    fm_rc rc;

    if (!av)
        return FM_OK;
    if (!cJSON_IsArray(av))
        return bad(ps, sub(q, p, "available"), "not an array");
    s->has_available = true;
    s->available = calloc((size_t)cJSON_GetArraySize(av) + 1, sizeof *s->available);
    if (!s->available)
        return nomem(ps);
    cJSON_ArrayForEach(r, av)
    {
        fm_range *rg = &s->available[k];
        snprintf(e, sizeof e, "%s.available[%zu]", p, k);
        if (!cJSON_IsArray(r) || cJSON_GetArraySize(r) != 2)
            return bad(ps, e, "not a pair [from, to]");
        snprintf(q, sizeof q, "%s[0]", e);
        if ((rc = get_int_node(ps, r->child, q, INT32_MIN, INT32_MAX, &rg->from)))
            return rc;
        snprintf(q, sizeof q, "%s[1]", e);
        if ((rc = get_int_node(ps, r->child->next, q, INT32_MIN, INT32_MAX, &rg->to)))
            return rc;
        if (rg->from < 0 || rg->to >= ps->inst->periods)
            return bad(ps, e, "outside the day (periods 0...%d)", ps->inst->periods - 1);
        if (rg->from > rg->to)
            return bad(ps, e, "from greater than to");
        s->n_available = ++k;
    }
    return FM_OK;
}

static fm_rc parse_seekers(parser *ps, const cJSON *root, idmap *ids)
{
    fm_instance *in = ps->inst;
    const cJSON *arr, *it;
    size_t k = 0;
    fm_rc rc;

    if ((rc = get_arr(ps, root, "seekers", &arr)))
        return rc;
    in->seekers = calloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof *in->seekers);
    if (!in->seekers || !idmap_init(ids, (size_t)cJSON_GetArraySize(arr)))
        return nomem(ps);
    cJSON_ArrayForEach(it, arr)
    {
        fm_inst_seeker *s = &in->seekers[k];
        const char *id = NULL, *g = NULL;
        char p[PATH_MAX_LEN], q[PATH_MAX_LEN];
        snprintf(p, sizeof p, "seekers[%zu]", k);
        if (!cJSON_IsObject(it))
            return bad(ps, p, "not an object");
        in->n_seekers = ++k;
        if ((rc = get_str(ps, it, p, "id", true, true, &id)))
            return rc;
        if (!idmap_put(ids, id, (int)(k - 1)))
            return bad(ps, sub(q, p, "id"), "duplicate id \"%s\"", id);
        if ((rc = dup_str(ps, id, &s->id)) || (rc = get_str(ps, it, p, "gender", true, false, &g)))
            return rc;
        if (strcmp(g, "woman") == 0)
            s->gender = FM_GENDER_WOMAN;
        else if (strcmp(g, "man") == 0)
            s->gender = FM_GENDER_MAN;
        else if (strcmp(g, "other") == 0)
            s->gender = FM_GENDER_OTHER;
        else
            return bad(ps, sub(q, p, "gender"), "not \"woman\", \"man\" or \"other\"");
        if ((rc = get_int(ps, it, p, "fairs_without_offer", false, 0, 1000,
                          &s->fairs_without_offer)) ||
            (rc = parse_available(ps, it, p, s)))
            return rc;
    }
    return FM_OK;
}

/* Set of (seeker, position) pairs, each mapped to the scores[] index that has it. */
typedef struct pairset {
    size_t cap;
    uint64_t *keys; /* key + 1; 0 = empty */
    size_t *idx;
} pairset;

static long pairset_put(pairset *s, uint64_t key, size_t idx)
{
    size_t h = (size_t)((key * 0x9E3779B97F4A7C15ULL) >> 20) & (s->cap - 1);
    while (s->keys[h]) {
        if (s->keys[h] == key + 1)
            return (long)s->idx[h];
        h = (h + 1) & (s->cap - 1);
    }
    s->keys[h] = key + 1;
    s->idx[h] = idx;
    return -1;
}

static fm_rc parse_score(parser *ps, const cJSON *it, const char *p, const idmap *seekers,
                         const idmap *positions, fm_inst_score *sc)
{
    const char *sk = NULL, *po = NULL;
    const cJSON *why, *val;
    char q[PATH_MAX_LEN];
    fm_rc rc;

    if (!cJSON_IsObject(it))
        return bad(ps, p, "not an object");
    if ((rc = get_str(ps, it, p, "seeker", true, false, &sk)))
        return rc;
    if ((sc->seeker = idmap_get(seekers, sk)) < 0)
        return bad(ps, sub(q, p, "seeker"), "unknown seeker \"%s\"", sk);
    if ((rc = get_str(ps, it, p, "position", true, false, &po)))
        return rc;
    if ((sc->position = idmap_get(positions, po)) < 0)
        return bad(ps, sub(q, p, "position"), "unknown position \"%s\"", po);
    val = cJSON_GetObjectItemCaseSensitive(it, "score");
    if (!val)
        return bad(ps, sub(q, p, "score"), "missing");
    sc->score = -1;
    if ((rc = get_num(ps, it, p, "score", 0, false, 100, &sc->score)))
        return rc;
    why = cJSON_GetObjectItemCaseSensitive(it, "why");
    if (why && !cJSON_IsObject(why))
        return bad(ps, sub(q, p, "why"), "not an object");
    if (why) {
        /* A copy that free() can release (fm_instance_free): cJSON_Print*'s
         * text belongs to cJSON's allocator, freed with cJSON_free. */
        char *text = cJSON_PrintUnformatted(why);
        sc->why = text ? strdup(text) : NULL;
        cJSON_free(text);
        if (!sc->why)
            return nomem(ps);
    }
    return FM_OK;
}

static fm_rc parse_scores(parser *ps, const cJSON *root, const idmap *seekers,
                          const idmap *positions)
{
    fm_instance *in = ps->inst;
    const cJSON *arr, *it;
    pairset set = {0};
    size_t k = 0, n;
    fm_rc rc = FM_OK;

    if ((rc = get_arr(ps, root, "scores", &arr)))
        return rc;
    n = (size_t)cJSON_GetArraySize(arr);
    in->scores = calloc(n + 1, sizeof *in->scores);
    set.cap = 16;
    while (set.cap < 2 * n + 1)
        set.cap *= 2;
    set.keys = calloc(set.cap, sizeof *set.keys);
    set.idx = calloc(set.cap, sizeof *set.idx);
    if (!in->scores || !set.keys || !set.idx) {
        rc = nomem(ps);
        goto done;
    }
    cJSON_ArrayForEach(it, arr)
    {
        fm_inst_score *sc = &in->scores[k];
        char p[PATH_MAX_LEN], q[PATH_MAX_LEN];
        long prev;
        snprintf(p, sizeof p, "scores[%zu]", k);
        in->n_scores = k + 1;
        rc = parse_score(ps, it, p, seekers, positions, sc);
        if (rc)
            goto done;
        prev =
            pairset_put(&set, (uint64_t)sc->seeker * in->n_positions + (uint64_t)sc->position, k);
        if (prev >= 0) {
            rc = bad(ps, sub(q, p, "seeker"),
                     "duplicate pair (seeker \"%s\", position \"%s\") also in scores[%ld]",
                     in->seekers[sc->seeker].id, in->positions[sc->position].id, prev);
            goto done;
        }
        k++;
    }
done:
    free(set.keys);
    free(set.idx);
    return rc;
}

static void set_defaults(fm_instance *in)
{
    in->start_minutes = 9 * 60;
    in->period_minutes = 15;
    in->min_candidates_per_place = 2;
    in->max_candidates_per_place = 3;
    in->max_interviews_per_seeker = 2;
    in->min_gap_periods = 0;
    in->mirror_pool = true;
    in->tolerance = 0.1;
    in->share_min = 0.0;
    in->share_max = 1.0;
    in->weights = (fm_weights){.coverage = 20,
                               .shortfall = 1000,
                               .gender = 200,
                               .missed_fair = 5,
                               .missed_fair_cap = 3,
                               .quota = 10};
    in->time_limit_seconds = 60;
}

static fm_rc parse_root(parser *ps, const cJSON *root)
{
    idmap deps = {0}, poss = {0}, seeks = {0};
    const cJSON *fmt = cJSON_GetObjectItemCaseSensitive(root, "format");
    fm_rc rc;

    if (!fmt)
        return bad(ps, "format", "missing");
    if (!cJSON_IsString(fmt) || strcmp(fmt->valuestring, "fairmatch-instance/1") != 0)
        return bad(ps, "format", "not \"fairmatch-instance/1\"");
    rc = parse_fair(ps, root);
    if (!rc)
        rc = parse_policy(ps, root);
    if (!rc)
        rc = parse_departments(ps, root, &deps);
    if (!rc)
        rc = parse_positions(ps, root, &deps, &poss);
    if (!rc)
        rc = parse_seekers(ps, root, &seeks);
    if (!rc)
        rc = parse_scores(ps, root, &seeks, &poss);
    idmap_release(&deps);
    idmap_release(&poss);
    idmap_release(&seeks);
    return rc;
}

fm_rc fm_instance_parse(const char *json, size_t len, const char *file, fm_instance **out,
                        fm_err *err)
{
    parser ps = {.file = file, .err = err};
    cJSON *root = NULL;
    const char *end = NULL;
    char *copy = NULL;
    fm_rc rc = FM_OK;

    *out = NULL;
    ps.inst = calloc(1, sizeof *ps.inst);
    if (!ps.inst) {
        rc = nomem(&ps);
        goto done;
    }
    set_defaults(ps.inst);
    if (sodium_init() < 0) {
        rc = fm_err_set(err, FM_ESOLVER, "libsodium failed to initialise");
        goto done;
    }
    crypto_hash_sha256(ps.inst->sha256, (const unsigned char *)json, len);
    /* cJSON's require_null_terminated wants the NUL inside the length it is
     * given, and the caller's bytes need not end in one: parse a copy. */
    copy = malloc(len + 1);
    if (!copy) {
        rc = nomem(&ps);
        goto done;
    }
    memcpy(copy, json, len);
    copy[len] = '\0';
    root = cJSON_ParseWithLengthOpts(copy, len + 1, &end, 1);
    if (!root) {
        rc = fm_err_set(err, FM_EINVAL, "%s: not valid JSON (near byte %td)", file,
                        end ? end - copy : (ptrdiff_t)0);
        goto done;
    }
    if (end != copy + len) {
        rc = fm_err_set(err, FM_EINVAL, "%s: text after the JSON document (byte %td)", file,
                        end - copy);
        goto done;
    }
    if (!cJSON_IsObject(root)) {
        rc = fm_err_set(err, FM_EINVAL, "%s: the document is not a JSON object", file);
        goto done;
    }
    rc = scan_numbers(&ps, copy, len, root);
    if (!rc)
        rc = parse_root(&ps, root);
    if (!rc) {
        *out = ps.inst;
        ps.inst = NULL;
    }
done:
    free(ps.nums);
    cJSON_Delete(root);
    free(copy);
    fm_instance_free(ps.inst);
    return rc;
}
