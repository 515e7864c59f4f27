/*
 * score.c - the attribute score of fairmatch/score.h: eligibility rules,
 * SSYK fit, working-time fit, screening, and the `why` breakdown as JSON.
 * It reads no database and knows no instance: the store feeds it plain
 * values (src/store/instance_repo.c) and writes the instance.
 */
#include <math.h>
#include <string.h>

#include "fairmatch/score.h"

/*
 * Points of each part, in hundredths; they add up to 100 points: 60% of the
 * SSYK fit, 10 for experience in the occupation's group, 15 working time,
 * 15 screening.
 */
enum {
    FIT_SHARE = 60,
    EXPERIENCE_PER_LEVEL = 10, /* hundredths per level point: level 100 -> 10 points */
    EXTENT_MAX = 1500,
    SCREENING_MAX = 1500,
    SCREENING_STEP = 300
};

/* Level 100/60/30 of code[0..len) against occ (both 4 characters), 0 otherwise. */
static int level(const char *code, size_t len, const char *occ, fm_score_match *m)
{
    *m = FM_MATCH_NONE;
    if (len != 4 || strlen(occ) != 4)
        return 0;
    if (!strncmp(code, occ, 4))
        *m = FM_MATCH_SSYK4;
    else if (!strncmp(code, occ, 3))
        *m = FM_MATCH_SSYK3;
    else if (!strncmp(code, occ, 2))
        *m = FM_MATCH_SSYK2;
    return *m == FM_MATCH_SSYK4 ? 100 : *m == FM_MATCH_SSYK3 ? 60 : *m == FM_MATCH_SSYK2 ? 30 : 0;
}

/*
 * Best value over a '|'-separated list: level * (100 - 15 * rank) for ranks
 * 0...5 when ranked (a seventh wish is no wish), 50 * level otherwise. The
 * first of equal values wins, so an earlier wish is the one reported.
 */
static int best_in_list(const char *list, const char *occ, bool ranked, fm_score_match *m,
                        int *rank)
{
    int best = 0, r = 0;
    *m = FM_MATCH_NONE;
    *rank = 0;
    for (const char *p = list; p && *p; r++) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        fm_score_match lm;
        int v = level(p, len, occ, &lm);
        if (ranked)
            v *= r < 6 ? 100 - 15 * r : 0;
        else
            v *= 50;
        if (v > best) {
            best = v;
            *m = lm;
            *rank = r + 1;
        }
        p = bar ? bar + 1 : p + len;
    }
    return best;
}

int fm_score_ssyk_fit(const char *interests, const char *experience, const char *occupation,
                      fm_score_match *match, int *rank, bool *from_interest)
{
    fm_score_match mi, me;
    int ri, re;
    const char *occ = occupation ? occupation : "";
    int a = best_in_list(interests, occ, true, &mi, &ri);
    int b = best_in_list(experience, occ, false, &me, &re);
    bool use_interest = a >= b; /* a wish the seeker named beats equal experience */

    if (match)
        *match = use_interest ? mi : me;
    if (rank)
        *rank = use_interest ? ri : 0;
    if (from_interest)
        *from_interest = use_interest && a > 0;
    return use_interest ? a : b;
}

static int extent_points(const fm_score_seeker *s, const fm_score_position *p, bool *known)
{
    double pref = (double)s->extent_preference, ext = p->extent;
    *known = s->extent_preference > 0 && ext > 0 && isfinite(ext);
    if (!*known)
        return EXTENT_MAX / 2;
    /* The smaller of the two over the larger: 50% wanted at a 100% job is half a fit. */
    return (int)lround((double)EXTENT_MAX * (pref < ext ? pref / ext : ext / pref));
}

void fm_score_pair(const fm_score_seeker *s, const fm_score_position *p, fm_score_breakdown *out)
{
    bool from_interest = false;
    fm_score_match em;
    int fit, exp50, erank;

    memset(out, 0, sizeof *out);
    if (p->requires_licence && s->driving_licence != 1) {
        out->verdict = FM_SCORE_NO_LICENCE;
        return;
    }
    if (p->min_swedish_level > 0 && s->swedish_level < p->min_swedish_level) {
        out->verdict = FM_SCORE_SWEDISH;
        return;
    }
    fit = fm_score_ssyk_fit(s->interests, s->experience, p->occupation, &out->match, &out->rank,
                            &from_interest);
    if (fit <= 0) {
        out->verdict = FM_SCORE_NO_MATCH;
        out->match = FM_MATCH_NONE;
        out->rank = 0;
        return;
    }
    /* fit is in ten-thousandths and a multiple of 50, so 60% of it in hundredths is exact. */
    if (from_interest)
        out->interest = fit * FIT_SHARE / 100;
    else
        out->experience = fit * FIT_SHARE / 100;
    /* Having done the work counts on top of wanting it (exp50 = 50 * level). */
    exp50 = best_in_list(s->experience, p->occupation ? p->occupation : "", false, &em, &erank);
    out->experience += exp50 / 50 * EXPERIENCE_PER_LEVEL;
    out->extent = extent_points(s, p, &out->extent_known);
    out->screening_known = s->screening >= 0 && s->screening <= 5;
    out->screening = out->screening_known ? SCREENING_STEP * s->screening : SCREENING_MAX / 2;
    out->total = out->interest + out->experience + out->extent + out->screening;
}

const char *fm_score_match_name(fm_score_match m)
{
    switch (m) {
    case FM_MATCH_SSYK4:
        return "ssyk4";
    case FM_MATCH_SSYK3:
        return "ssyk3";
    case FM_MATCH_SSYK2:
        return "ssyk2";
    default:
        return "none";
    }
}

fm_rc fm_score_add_points(fm_buf *b, int h)
{
    const char *sign = h < 0 ? "-" : "";
    int a = h < 0 ? -h : h;
    if (a % 100 == 0)
        return fm_buf_addf(b, "%s%d", sign, a / 100);
    if (a % 10 == 0)
        return fm_buf_addf(b, "%s%d.%d", sign, a / 100, (a % 100) / 10);
    return fm_buf_addf(b, "%s%d.%02d", sign, a / 100, a % 100);
}

fm_rc fm_score_why_json(const fm_score_breakdown *bd, fm_buf *b)
{
    fm_rc rc = fm_buf_addf(b, "{\"match\":\"%s\",\"rank\":", fm_score_match_name(bd->match));
    if (!rc)
        rc = bd->rank > 0 ? fm_buf_addf(b, "%d", bd->rank) : fm_buf_adds(b, "null");
    if (!rc)
        rc = fm_buf_adds(b, ",\"interest\":");
    if (!rc)
        rc = fm_score_add_points(b, bd->interest);
    if (!rc)
        rc = fm_buf_adds(b, ",\"experience\":");
    if (!rc)
        rc = fm_score_add_points(b, bd->experience);
    if (!rc)
        rc = fm_buf_adds(b, ",\"extent\":");
    if (!rc)
        rc = fm_score_add_points(b, bd->extent);
    if (!rc)
        rc = fm_buf_adds(b, ",\"screening\":");
    if (!rc)
        rc = fm_score_add_points(b, bd->screening);
    if (!rc && (!bd->extent_known || !bd->screening_known)) {
        rc = fm_buf_adds(b, ",\"unknown\":[");
        if (!rc && !bd->extent_known)
            rc = fm_buf_adds(b, bd->screening_known ? "\"extent\"" : "\"extent\",");
        if (!rc && !bd->screening_known)
            rc = fm_buf_adds(b, "\"screening\"");
        if (!rc)
            rc = fm_buf_addch(b, ']');
    }
    return rc ? rc : fm_buf_addch(b, '}');
}
