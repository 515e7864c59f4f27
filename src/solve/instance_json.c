/*
 * instance_json.c - fm_instance_parse: an instance file (instance-format.md)
 * into an fm_instance, checking every rule of the format's table and naming
 * the first broken one as "FILE: PATH: problem". It computes the file's
 * SHA-256 for provenance. The JSON reading itself (typed getters, integer
 * literals, id maps) is json_reader.c's; the model's derived numbers are
 * src/core/instance.c's.
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
#include "json_reader.h"

/* The reader and the instance being filled. */
typedef struct parser {
    fm_jr jr;
    fm_instance *inst;
} parser;

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
    char p[FM_JR_PATH_MAX];

    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        if (v[i] > WEIGHT_MAX) {
            fm_jr_path(p, "policy.weights", names[i]);
            return fm_jr_bad(&ps->jr, p, "greater than %g", WEIGHT_MAX);
        }
    }
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

    if ((rc = fm_jr_obj(&ps->jr, root, "", "fair", true, &fair)))
        return rc;
    if ((rc = fm_jr_str(&ps->jr, fair, "fair", "id", true, true, &id)) ||
        (rc = fm_jr_str(&ps->jr, fair, "fair", "date", false, false, &date)) ||
        (rc = fm_jr_str(&ps->jr, fair, "fair", "start", false, false, &start)))
        return rc;
    if (date && !fm_date_parse(date, &d))
        return fm_jr_bad(&ps->jr, "fair.date", "not a date YYYY-MM-DD");
    if (start && !fm_time_parse(start, &in->start_minutes))
        return fm_jr_bad(&ps->jr, "fair.start", "not a time HH:MM");
    if ((rc = fm_jr_int(&ps->jr, fair, "fair", "period_minutes", false, 1, 240,
                        &in->period_minutes)) ||
        (rc = fm_jr_int(&ps->jr, fair, "fair", "periods", true, 1, 96, &in->periods)))
        return rc;
    if ((long)in->start_minutes + (long)in->periods * in->period_minutes > 24L * 60) {
        const char *at = start ? "fair.start"
                         : cJSON_GetObjectItemCaseSensitive(fair, "period_minutes")
                             ? "fair.period_minutes"
                             : "fair.periods";
        return fm_jr_bad(&ps->jr, at, "the fair would run past midnight (%d periods of %d minutes)",
                         in->periods, in->period_minutes);
    }
    if ((rc = fm_jr_dup(&ps->jr, id, &in->fair_id)) ||
        (rc = fm_jr_dup(&ps->jr, date, &in->fair_date)))
        return rc;
    return FM_OK;
}

static fm_rc parse_share(parser *ps, const cJSON *policy)
{
    fm_instance *in = ps->inst;
    const cJSON *ws, *mirror;
    const char *P = "policy.women_share";
    fm_rc rc;

    if ((rc = fm_jr_obj(&ps->jr, policy, "policy", "women_share", false, &ws)) || !ws)
        return rc;
    mirror = cJSON_GetObjectItemCaseSensitive(ws, "mirror_pool");
    if (mirror && !cJSON_IsBool(mirror))
        return fm_jr_bad(&ps->jr, "policy.women_share.mirror_pool", "not a boolean");
    if (mirror && cJSON_IsTrue(mirror)) {
        in->mirror_pool = true;
        if (!cJSON_GetObjectItemCaseSensitive(ws, "tolerance"))
            return fm_jr_bad(&ps->jr, "policy.women_share.tolerance", "missing");
        return fm_jr_num(&ps->jr, ws, P, "tolerance", 0, false, 1, &in->tolerance);
    }
    in->mirror_pool = false;
    if (!cJSON_GetObjectItemCaseSensitive(ws, "min"))
        return fm_jr_bad(&ps->jr, "policy.women_share.min", "missing");
    if (!cJSON_GetObjectItemCaseSensitive(ws, "max"))
        return fm_jr_bad(&ps->jr, "policy.women_share.max", "missing");
    if ((rc = fm_jr_num(&ps->jr, ws, P, "min", 0, false, 1, &in->share_min)) ||
        (rc = fm_jr_num(&ps->jr, ws, P, "max", 0, false, 1, &in->share_max)))
        return rc;
    if (in->share_min > in->share_max)
        return fm_jr_bad(&ps->jr, "policy.women_share.min", "greater than max");
    return FM_OK;
}

static fm_rc parse_policy(parser *ps, const cJSON *root)
{
    fm_instance *in = ps->inst;
    const cJSON *pol, *w;
    const char *P = "policy", *W = "policy.weights";
    fm_rc rc;

    if ((rc = fm_jr_obj(&ps->jr, root, "", "policy", false, &pol)) || !pol)
        return rc;
    if ((rc = fm_jr_int(&ps->jr, pol, P, "min_candidates_per_place", false, 1, 10,
                        &in->min_candidates_per_place)) ||
        (rc = fm_jr_int(&ps->jr, pol, P, "max_candidates_per_place", false, 1, 10,
                        &in->max_candidates_per_place)))
        return rc;
    if (in->min_candidates_per_place > in->max_candidates_per_place)
        return fm_jr_bad(&ps->jr, "policy.min_candidates_per_place",
                         "greater than max_candidates_per_place");
    if ((rc = fm_jr_int(&ps->jr, pol, P, "max_interviews_per_seeker", false, 1, 20,
                        &in->max_interviews_per_seeker)) ||
        (rc = fm_jr_int(&ps->jr, pol, P, "min_gap_periods", false, 0, 20, &in->min_gap_periods)) ||
        (rc = parse_share(ps, pol)) || (rc = fm_jr_obj(&ps->jr, pol, P, "weights", false, &w)))
        return rc;
    if (w &&
        ((rc = fm_jr_num(&ps->jr, w, W, "coverage", 0, false, INFINITY, &in->weights.coverage)) ||
         (rc = fm_jr_num(&ps->jr, w, W, "shortfall", 0, false, INFINITY, &in->weights.shortfall)) ||
         (rc = fm_jr_num(&ps->jr, w, W, "gender", 0, false, INFINITY, &in->weights.gender)) ||
         (rc = fm_jr_num(&ps->jr, w, W, "missed_fair", 0, false, INFINITY,
                         &in->weights.missed_fair)) ||
         (rc = fm_jr_num(&ps->jr, w, W, "missed_fair_cap", 0, false, INFINITY,
                         &in->weights.missed_fair_cap)) ||
         (rc = fm_jr_num(&ps->jr, w, W, "quota", 0, false, INFINITY, &in->weights.quota)) ||
         (rc = check_weights(ps, &in->weights))))
        return rc;
    return fm_jr_num(&ps->jr, pol, P, "time_limit_seconds", 0, true, 86400,
                     &in->time_limit_seconds);
}

static fm_rc parse_departments(parser *ps, const cJSON *root, fm_idmap *ids)
{
    fm_instance *in = ps->inst;
    const cJSON *arr, *it;
    size_t k = 0;
    fm_rc rc;

    if ((rc = fm_jr_arr(&ps->jr, root, "departments", &arr)))
        return rc;
    in->n_departments = 0;
    in->departments = calloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof *in->departments);
    if (!in->departments || !fm_idmap_init(ids, (size_t)cJSON_GetArraySize(arr)))
        return fm_jr_nomem(&ps->jr);
    cJSON_ArrayForEach(it, arr)
    {
        fm_inst_department *d = &in->departments[k];
        const char *id = NULL, *name = NULL;
        char p[FM_JR_PATH_MAX], q[FM_JR_PATH_MAX];
        snprintf(p, sizeof p, "departments[%zu]", k);
        if (!cJSON_IsObject(it))
            return fm_jr_bad(&ps->jr, p, "not an object");
        d->tables = 1;
        if ((rc = fm_jr_str(&ps->jr, it, p, "id", true, true, &id)) ||
            (rc = fm_jr_str(&ps->jr, it, p, "name", false, false, &name)) ||
            (rc = fm_jr_int(&ps->jr, it, p, "tables", false, 1, 100, &d->tables)) ||
            (rc = fm_jr_int(&ps->jr, it, p, "quota", false, 0, 100000, &d->quota)) ||
            (rc = fm_jr_int(&ps->jr, it, p, "hired", false, 0, 100000, &d->hired)))
            return rc;
        d->has_quota = cJSON_GetObjectItemCaseSensitive(it, "quota") != NULL;
        if (!fm_idmap_put(ids, id, (int)k))
            return fm_jr_bad(&ps->jr, fm_jr_path(q, p, "id"), "duplicate id \"%s\"", id);
        in->n_departments = ++k;
        if ((rc = fm_jr_dup(&ps->jr, id, &d->id)) ||
            (rc = fm_jr_dup(&ps->jr, name ? name : id, &d->name)))
            return rc;
    }
    return FM_OK;
}

static fm_rc parse_positions(parser *ps, const cJSON *root, const fm_idmap *deps, fm_idmap *ids)
{
    fm_instance *in = ps->inst;
    const cJSON *arr, *it;
    size_t k = 0;
    fm_rc rc;

    if ((rc = fm_jr_arr(&ps->jr, root, "positions", &arr)))
        return rc;
    in->positions = calloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof *in->positions);
    if (!in->positions || !fm_idmap_init(ids, (size_t)cJSON_GetArraySize(arr)))
        return fm_jr_nomem(&ps->jr);
    cJSON_ArrayForEach(it, arr)
    {
        fm_inst_position *po = &in->positions[k];
        const char *id = NULL, *dep = NULL, *title = NULL, *occ = NULL;
        char p[FM_JR_PATH_MAX], q[FM_JR_PATH_MAX];
        snprintf(p, sizeof p, "positions[%zu]", k);
        if (!cJSON_IsObject(it))
            return fm_jr_bad(&ps->jr, p, "not an object");
        po->places = 1;
        if ((rc = fm_jr_str(&ps->jr, it, p, "id", true, true, &id)))
            return rc;
        if (!fm_idmap_put(ids, id, (int)k))
            return fm_jr_bad(&ps->jr, fm_jr_path(q, p, "id"), "duplicate id \"%s\"", id);
        if ((rc = fm_jr_str(&ps->jr, it, p, "department", true, false, &dep)))
            return rc;
        po->department = fm_idmap_get(deps, dep);
        if (po->department < 0)
            return fm_jr_bad(&ps->jr, fm_jr_path(q, p, "department"), "unknown department \"%s\"",
                             dep);
        if ((rc = fm_jr_int(&ps->jr, it, p, "places", false, 1, 100, &po->places)) ||
            (rc = fm_jr_str(&ps->jr, it, p, "title", false, false, &title)) ||
            (rc = fm_jr_str(&ps->jr, it, p, "occupation", false, false, &occ)))
            return rc;
        in->n_positions = ++k;
        if ((rc = fm_jr_dup(&ps->jr, id, &po->id)) ||
            (rc = fm_jr_dup(&ps->jr, title, &po->title)) ||
            (rc = fm_jr_dup(&ps->jr, occ, &po->occupation)))
            return rc;
    }
    return FM_OK;
}

static fm_rc parse_available(parser *ps, const cJSON *it, const char *p, fm_inst_seeker *s)
{
    const cJSON *av = cJSON_GetObjectItemCaseSensitive(it, "available"), *r;
    char q[FM_JR_PATH_MAX + 80], e[FM_JR_PATH_MAX + 40];
    size_t k = 0;
    fm_rc rc;

    if (!av)
        return FM_OK;
    if (!cJSON_IsArray(av))
        return fm_jr_bad(&ps->jr, fm_jr_path(q, p, "available"), "not an array");
    s->has_available = true;
    s->available = calloc((size_t)cJSON_GetArraySize(av) + 1, sizeof *s->available);
    if (!s->available)
        return fm_jr_nomem(&ps->jr);
    cJSON_ArrayForEach(r, av)
    {
        fm_range *rg = &s->available[k];
        snprintf(e, sizeof e, "%s.available[%zu]", p, k);
        if (!cJSON_IsArray(r) || cJSON_GetArraySize(r) != 2)
            return fm_jr_bad(&ps->jr, e, "not a pair [from, to]");
        snprintf(q, sizeof q, "%s[0]", e);
        if ((rc = fm_jr_int_node(&ps->jr, r->child, q, INT32_MIN, INT32_MAX, &rg->from)))
            return rc;
        snprintf(q, sizeof q, "%s[1]", e);
        if ((rc = fm_jr_int_node(&ps->jr, r->child->next, q, INT32_MIN, INT32_MAX, &rg->to)))
            return rc;
        if (rg->from < 0 || rg->to >= ps->inst->periods)
            return fm_jr_bad(&ps->jr, e, "outside the day (periods 0...%d)", ps->inst->periods - 1);
        if (rg->from > rg->to)
            return fm_jr_bad(&ps->jr, e, "from greater than to");
        s->n_available = ++k;
    }
    return FM_OK;
}

static fm_rc parse_seekers(parser *ps, const cJSON *root, fm_idmap *ids)
{
    fm_instance *in = ps->inst;
    const cJSON *arr, *it;
    size_t k = 0;
    fm_rc rc;

    if ((rc = fm_jr_arr(&ps->jr, root, "seekers", &arr)))
        return rc;
    in->seekers = calloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof *in->seekers);
    if (!in->seekers || !fm_idmap_init(ids, (size_t)cJSON_GetArraySize(arr)))
        return fm_jr_nomem(&ps->jr);
    cJSON_ArrayForEach(it, arr)
    {
        fm_inst_seeker *s = &in->seekers[k];
        const char *id = NULL, *g = NULL;
        char p[FM_JR_PATH_MAX], q[FM_JR_PATH_MAX];
        snprintf(p, sizeof p, "seekers[%zu]", k);
        if (!cJSON_IsObject(it))
            return fm_jr_bad(&ps->jr, p, "not an object");
        in->n_seekers = ++k;
        if ((rc = fm_jr_str(&ps->jr, it, p, "id", true, true, &id)))
            return rc;
        if (!fm_idmap_put(ids, id, (int)(k - 1)))
            return fm_jr_bad(&ps->jr, fm_jr_path(q, p, "id"), "duplicate id \"%s\"", id);
        if ((rc = fm_jr_dup(&ps->jr, id, &s->id)) ||
            (rc = fm_jr_str(&ps->jr, it, p, "gender", true, false, &g)))
            return rc;
        if (strcmp(g, "woman") == 0)
            s->gender = FM_GENDER_WOMAN;
        else if (strcmp(g, "man") == 0)
            s->gender = FM_GENDER_MAN;
        else if (strcmp(g, "other") == 0)
            s->gender = FM_GENDER_OTHER;
        else
            return fm_jr_bad(&ps->jr, fm_jr_path(q, p, "gender"),
                             "not \"woman\", \"man\" or \"other\"");
        if ((rc = fm_jr_int(&ps->jr, it, p, "fairs_without_offer", false, 0, 1000,
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

static fm_rc parse_score(parser *ps, const cJSON *it, const char *p, const fm_idmap *seekers,
                         const fm_idmap *positions, fm_inst_score *sc)
{
    const char *sk = NULL, *po = NULL;
    const cJSON *why, *val;
    char q[FM_JR_PATH_MAX];
    fm_rc rc;

    if (!cJSON_IsObject(it))
        return fm_jr_bad(&ps->jr, p, "not an object");
    if ((rc = fm_jr_str(&ps->jr, it, p, "seeker", true, false, &sk)))
        return rc;
    if ((sc->seeker = fm_idmap_get(seekers, sk)) < 0)
        return fm_jr_bad(&ps->jr, fm_jr_path(q, p, "seeker"), "unknown seeker \"%s\"", sk);
    if ((rc = fm_jr_str(&ps->jr, it, p, "position", true, false, &po)))
        return rc;
    if ((sc->position = fm_idmap_get(positions, po)) < 0)
        return fm_jr_bad(&ps->jr, fm_jr_path(q, p, "position"), "unknown position \"%s\"", po);
    val = cJSON_GetObjectItemCaseSensitive(it, "score");
    if (!val)
        return fm_jr_bad(&ps->jr, fm_jr_path(q, p, "score"), "missing");
    sc->score = -1;
    if ((rc = fm_jr_num(&ps->jr, it, p, "score", 0, false, 100, &sc->score)))
        return rc;
    why = cJSON_GetObjectItemCaseSensitive(it, "why");
    if (why && !cJSON_IsObject(why))
        return fm_jr_bad(&ps->jr, fm_jr_path(q, p, "why"), "not an object");
    if (why) {
        /* A copy that free() can release (fm_instance_free): cJSON_Print*'s
         * text belongs to cJSON's allocator, freed with cJSON_free. */
        char *text = cJSON_PrintUnformatted(why);
        sc->why = text ? strdup(text) : NULL;
        cJSON_free(text);
        if (!sc->why)
            return fm_jr_nomem(&ps->jr);
    }
    return FM_OK;
}

static fm_rc parse_scores(parser *ps, const cJSON *root, const fm_idmap *seekers,
                          const fm_idmap *positions)
{
    fm_instance *in = ps->inst;
    const cJSON *arr, *it;
    pairset set = {0};
    size_t k = 0, n;
    fm_rc rc = FM_OK;

    if ((rc = fm_jr_arr(&ps->jr, root, "scores", &arr)))
        return rc;
    n = (size_t)cJSON_GetArraySize(arr);
    in->scores = calloc(n + 1, sizeof *in->scores);
    set.cap = 16;
    while (set.cap < 2 * n + 1)
        set.cap *= 2;
    set.keys = calloc(set.cap, sizeof *set.keys);
    set.idx = calloc(set.cap, sizeof *set.idx);
    if (!in->scores || !set.keys || !set.idx) {
        rc = fm_jr_nomem(&ps->jr);
        goto done;
    }
    cJSON_ArrayForEach(it, arr)
    {
        fm_inst_score *sc = &in->scores[k];
        char p[FM_JR_PATH_MAX], q[FM_JR_PATH_MAX];
        long prev;
        snprintf(p, sizeof p, "scores[%zu]", k);
        in->n_scores = k + 1;
        rc = parse_score(ps, it, p, seekers, positions, sc);
        if (rc)
            goto done;
        prev =
            pairset_put(&set, (uint64_t)sc->seeker * in->n_positions + (uint64_t)sc->position, k);
        if (prev >= 0) {
            rc = fm_jr_bad(&ps->jr, fm_jr_path(q, p, "seeker"),
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
    fm_idmap deps = {0}, poss = {0}, seeks = {0};
    const cJSON *fmt = cJSON_GetObjectItemCaseSensitive(root, "format");
    fm_rc rc;

    if (!fmt)
        return fm_jr_bad(&ps->jr, "format", "missing");
    if (!cJSON_IsString(fmt) || strcmp(fmt->valuestring, "fairmatch-instance/1") != 0)
        return fm_jr_bad(&ps->jr, "format", "not \"fairmatch-instance/1\"");
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
    fm_idmap_release(&deps);
    fm_idmap_release(&poss);
    fm_idmap_release(&seeks);
    return rc;
}

fm_rc fm_instance_parse(const char *json, size_t len, const char *file, fm_instance **out,
                        fm_err *err)
{
    parser ps = {.jr = {.file = file, .err = err}};
    cJSON *root = NULL;
    fm_rc rc = FM_OK;

    *out = NULL;
    ps.inst = calloc(1, sizeof *ps.inst);
    if (!ps.inst) {
        rc = fm_jr_nomem(&ps.jr);
        goto done;
    }
    set_defaults(ps.inst);
    if (sodium_init() < 0) {
        rc = fm_err_set(err, FM_ESOLVER, "libsodium failed to initialise");
        goto done;
    }
    crypto_hash_sha256(ps.inst->sha256, (const unsigned char *)json, len);
    rc = fm_jr_parse(&ps.jr, json, len, &root);
    if (!rc)
        rc = parse_root(&ps, root);
    if (!rc) {
        *out = ps.inst;
        ps.inst = NULL;
    }
done:
    fm_jr_release(&ps.jr);
    cJSON_Delete(root);
    fm_instance_free(ps.inst);
    return rc;
}
