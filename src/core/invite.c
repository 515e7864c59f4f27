/*
 * invite.c - the pure half of the invitation builder (fairmatch/invite.h):
 * ranking by need, stratified selection by gender mirroring the pool, and
 * the plan as JSON. Reading the pool from the database is
 * src/store/invite_repo.c's business.
 */
#include "fairmatch/invite.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void cand_release(fm_invite_candidate *c)
{
    free(c->seeker_id);
    free(c->first_name);
    free(c->last_name);
    free(c->gender);
    free(c->interests);
    free(c->eligibility);
    free(c->registered);
    free(c->best_position);
}

void fm_invite_plan_free(fm_invite_plan *p)
{
    if (!p)
        return;
    for (size_t i = 0; p->cands && i < p->n_cands; i++)
        cand_release(&p->cands[i]);
    for (size_t i = 0; p->pos && i < p->n_pos; i++) {
        free(p->pos[i].id);
        free(p->pos[i].title);
        free(p->pos[i].department_id);
    }
    free(p->cands);
    free(p->pos);
    free(p->fair_id);
    free(p->fair_date);
    free(p);
}

int fm_invite_rank_cmp(const void *a, const void *b)
{
    const fm_invite_candidate *x = a, *y = b;
    int r;

    if (x->fairs_without_offer != y->fairs_without_offer)
        return x->fairs_without_offer > y->fairs_without_offer ? -1 : 1;
    /* Waiting longest: the earliest registration; unknown dates last. */
    if (!x->registered != !y->registered)
        return x->registered ? -1 : 1;
    if (x->registered && (r = strcmp(x->registered, y->registered)) != 0)
        return r;
    return strcmp(x->seeker_id, y->seeker_id);
}

static int stratum(const char *gender)
{
    if (gender && !strcmp(gender, "woman"))
        return 0;
    if (gender && !strcmp(gender, "man"))
        return 1;
    return 2;
}

void fm_invite_stratify(fm_invite_candidate *v, size_t n, int count, int *women, int *men,
                        int *other)
{
    long size[3] = {0, 0, 0}, quota[3] = {0, 0, 0}, taken[3] = {0, 0, 0}, rem[3], total = 0,
         given = 0;

    for (size_t i = 0; i < n; i++) {
        v[i].proposed = false;
        if (!v[i].employed)
            size[stratum(v[i].gender)]++;
    }
    total = size[0] + size[1] + size[2];
    if (count > total)
        count = (int)total;
    for (int g = 0; total && g < 3; g++) {
        quota[g] = (long)count * size[g] / total;
        rem[g] = (long)count * size[g] % total;
        given += quota[g];
    }
    /* Largest remainder; ties to the larger stratum, then women, men, other. */
    while (total && given < count) {
        int best = -1;
        for (int g = 0; g < 3; g++)
            if (quota[g] < size[g] &&
                (best < 0 || rem[g] > rem[best] || (rem[g] == rem[best] && size[g] > size[best])))
                best = g;
        if (best < 0)
            break;
        quota[best]++;
        rem[best] = -1;
        given++;
    }
    for (size_t i = 0; i < n; i++) {
        int g = stratum(v[i].gender);
        if (v[i].employed || taken[g] >= quota[g])
            continue;
        v[i].proposed = true;
        taken[g]++;
    }
    if (women)
        *women = (int)taken[0];
    if (men)
        *men = (int)taken[1];
    if (other)
        *other = (int)taken[2];
}

static fm_rc add_kv(fm_buf *b, const char *key, const char *s)
{
    fm_rc rc = fm_buf_addf(b, ",\"%s\":", key);
    return rc ? rc : fm_buf_add_json_str(b, s);
}

static fm_rc add_cand(fm_buf *b, const fm_invite_candidate *c, bool first)
{
    fm_rc rc = fm_buf_adds(b, first ? "{\"seeker_id\":" : ",{\"seeker_id\":");

    if (!rc)
        rc = fm_buf_add_json_str(b, c->seeker_id);
    if (!rc)
        rc = add_kv(b, "first_name", c->first_name);
    if (!rc)
        rc = add_kv(b, "last_name", c->last_name);
    if (!rc)
        rc = add_kv(b, "gender", c->gender);
    if (!rc)
        rc = add_kv(b, "interests", c->interests);
    if (!rc)
        rc = add_kv(b, "eligibility", c->eligibility);
    if (!rc)
        rc = add_kv(b, "registered", c->registered);
    if (!rc)
        rc = add_kv(b, "best_position", c->best_position);
    if (!rc && c->swedish_level >= 0)
        rc = fm_buf_addf(b, ",\"swedish_level\":%d", c->swedish_level);
    else if (!rc)
        rc = fm_buf_adds(b, ",\"swedish_level\":null");
    if (!rc)
        rc = fm_buf_addf(b,
                         ",\"eligible_positions\":%d,\"best_score\":%d.%02d,\"fairs_invited\":%d,"
                         "\"fairs_without_offer\":%d,\"employed\":%s,\"proposed\":%s}",
                         c->eligible_positions, c->best_score / 100, c->best_score % 100,
                         c->fairs_invited, c->fairs_without_offer, c->employed ? "true" : "false",
                         c->proposed ? "true" : "false");
    return rc;
}

static fm_rc add_pos(fm_buf *b, const fm_invite_position *p, bool first)
{
    fm_rc rc = fm_buf_adds(b, first ? "{\"id\":" : ",{\"id\":");

    if (!rc)
        rc = fm_buf_add_json_str(b, p->id);
    if (!rc)
        rc = add_kv(b, "title", p->title);
    if (!rc)
        rc = add_kv(b, "department_id", p->department_id);
    if (!rc)
        rc = fm_buf_addf(b, ",\"places\":%d,\"eligible\":%d,\"invited_eligible\":%d}", p->places,
                         p->eligible, p->invited_eligible);
    return rc;
}

fm_rc fm_invite_plan_json(const fm_invite_plan *p, fm_buf *b)
{
    fm_rc rc = fm_buf_adds(b, "{\"fair_id\":");

    if (!rc)
        rc = fm_buf_add_json_str(b, p->fair_id);
    if (!rc)
        rc = add_kv(b, "fair_date", p->fair_date);
    if (!rc)
        rc = fm_buf_addf(b,
                         ",\"basis\":{\"places\":%d,\"per_place\":%d,\"attendance\":%.4f,"
                         "\"attendance_known\":%s,\"invited\":%d,\"wanted\":%d},\"count\":%d,"
                         "\"pool\":{\"total\":%d,\"woman\":%d,\"man\":%d,\"other\":%d},"
                         "\"chosen\":{\"woman\":%d,\"man\":%d,\"other\":%d},\"items\":[",
                         p->places, p->per_place, p->attendance,
                         p->attendance_known ? "true" : "false", p->invited, p->wanted, p->count,
                         p->pool, p->pool_women, p->pool_men, p->pool_other, p->chosen_women,
                         p->chosen_men, p->chosen_other);
    for (size_t i = 0; !rc && i < p->n_cands; i++)
        rc = add_cand(b, &p->cands[i], i == 0);
    if (!rc)
        rc = fm_buf_adds(b, "],\"positions\":[");
    for (size_t i = 0; !rc && i < p->n_pos; i++)
        rc = add_pos(b, &p->pos[i], i == 0);
    return rc ? rc : fm_buf_adds(b, "]}");
}
