/*
 * fairmatch/score.h - the project's attribute score of one (seeker,
 * position) pair: whether the pair is eligible and how well it fits, with
 * the breakdown an organiser reads as the interview's `why`
 * (docs/model.md, "Scoring").
 *
 * All points are kept in hundredths (integers), so a score and its parts are
 * exact and print the same bytes on every machine. Pure: no I/O; the only
 * allocation is the caller's fm_buf in fm_score_why_json.
 *
 * Threads: reentrant.
 */
#ifndef FAIRMATCH_SCORE_H
#define FAIRMATCH_SCORE_H

#include <stdbool.h>

#include "fairmatch/buf.h"
#include "fairmatch/err.h"

/* The seeker's side. Unknown values are -1 (0 for extent_preference). */
typedef struct fm_score_seeker {
    const char *interests; /* SSYK 2012 codes, '|'-separated, in order of preference; NULL = none */
    const char *experience; /* SSYK codes worked in, '|'-separated; NULL = none */
    int swedish_level;      /* 0...5, -1 unknown */
    int driving_licence;    /* 1 has one, 0 has none, -1 unknown */
    int extent_preference;  /* percent of full time 1...100, 0 unknown */
    int screening;          /* the agency's grade 0...5, -1 unknown */
} fm_score_seeker;

/* The position's side. */
typedef struct fm_score_position {
    const char *occupation; /* SSYK 2012, 4 characters; anything else matches nothing */
    bool requires_licence;
    int min_swedish_level; /* 0...5, -1 no requirement */
    double extent;         /* percent of full time (0, 100], 0 unknown */
} fm_score_position;

/* How closely an SSYK code agrees with the position's occupation. */
typedef enum fm_score_match {
    FM_MATCH_NONE = 0,
    FM_MATCH_SSYK2, /* same 2-digit group */
    FM_MATCH_SSYK3, /* same 3-digit group */
    FM_MATCH_SSYK4  /* the same code */
} fm_score_match;

/* Why a pair is not eligible (FM_SCORE_ELIGIBLE when it is). */
typedef enum fm_score_verdict {
    FM_SCORE_ELIGIBLE = 0,
    FM_SCORE_NO_LICENCE, /* the position requires a driving licence the seeker is not known to hold
                          */
    FM_SCORE_SWEDISH,    /* the seeker is not known to reach the minimum Swedish level */
    FM_SCORE_NO_MATCH    /* no interest (ranks 1...6) and no experience in the occupation's group */
} fm_score_verdict;

/* The score of a pair and its parts, all in hundredths of a point. */
typedef struct fm_score_breakdown {
    fm_score_verdict verdict;
    int total;            /* 0...10000 (= 0...100 points); 0 when not eligible */
    int interest;         /* 60% of the SSYK fit when a wish gave it; else 0 */
    int experience;       /* 10 points x level for work done in the group, plus 60% of the
                             SSYK fit when experience gave it */
    int extent;           /* 0...1500 working-time fit */
    int screening;        /* 0...1500 the agency's screening */
    fm_score_match match; /* the level of the counted SSYK match */
    int rank;             /* 1-based rank of the counted interest; 0 when experience counted */
    bool extent_known;    /* false: a side not known, the neutral half was given */
    bool screening_known; /* false: not screened, the neutral half was given */
} fm_score_breakdown;

/*
 * The SSYK fit in ten-thousandths (0...10000): the better of
 * level * (100 - 15 * rank) over the interests at 0-based rank 0...5 and
 * 50 * level over the experience codes, where level is 100 for the same
 * code, 60 for the same 3-digit group and 30 for the same 2-digit group.
 * OUT (each may be NULL): *match, *rank (1-based; 0 when experience gave
 * the fit or there is none), *from_interest. Returns the fit; 0 = no match.
 */
int fm_score_ssyk_fit(const char *interests, const char *experience, const char *occupation,
                      fm_score_match *match, int *rank, bool *from_interest);

/*
 * Score pair (s, p) as docs/model.md "Scoring" says: requirements first,
 * then 0.6 * SSYK fit / 100 + 10 * experience level + 15 * working-time fit
 * + 3 * screening grade (points). OUT: *out (filled in
 * whole; total is 0 and verdict says why when the pair is not eligible).
 */
void fm_score_pair(const fm_score_seeker *s, const fm_score_position *p, fm_score_breakdown *out);

/*
 * Append hundredths h as a JSON number with no trailing zeros ("70",
 * "35.7", "8.25"). Returns FM_OK, FM_ENOMEM.
 */
fm_rc fm_score_add_points(fm_buf *b, int h);

/*
 * Append the breakdown of an eligible pair as a compact JSON object, keys in
 * this order: match ("ssyk4"|"ssyk3"|"ssyk2"), rank (1-based, null when
 * experience counted), interest, experience, extent, screening (points), and
 * "unknown" (a list of "extent"/"screening" given the neutral half) when
 * not empty. Returns FM_OK, FM_ENOMEM.
 */
fm_rc fm_score_why_json(const fm_score_breakdown *bd, fm_buf *b);

/* "ssyk4", "ssyk3", "ssyk2" or "none". */
const char *fm_score_match_name(fm_score_match m);

#endif
