/*
 * fairmatch/export.h - a fair's matching problem built from the database as
 * instance JSON (shared/spec/instance-format.md), with the server's
 * documented attribute score (docs/api.md, "Scoring"):
 *
 *   eligibility: a position that requires a driving licence only takes
 *   seekers with one; a minimum Swedish level only seekers known to reach it.
 *   score = 100 * max(interest, experience), rounded to 0.01, where
 *   interest = level * (1 - 0.15 * rank) for the seeker's interest at rank
 *   0...5 (in order of preference) and experience = 0.5 * level for a code
 *   the seeker has worked in; level is 1 when the SSYK code equals the
 *   position's occupation, 0.6 when the first 3 digits agree, 0.3 for the
 *   first 2. Pairs with score 0 are not listed (not eligible).
 *
 * Seekers are the fair's invited (walk-ins included); departments those
 * staffing at least one table there; positions those of such departments.
 * fairs_without_offer counts the seeker's earlier fairs without an offer.
 * Policy is left at the format's defaults.
 */
#ifndef FAIRMATCH_EXPORT_H
#define FAIRMATCH_EXPORT_H

#include <stddef.h>

#include "fairmatch/err.h"
#include "fairmatch/store.h"

/*
 * Build the instance JSON of fair_id. OUT: *json (caller frees), *len.
 * Returns FM_OK, FM_ENOTFOUND (no such fair), FM_EDB, FM_ENOMEM.
 * The result is deterministic (every list sorted by id).
 */
fm_rc fm_export_instance_json(fm_store *s, const char *fair_id, char **json, size_t *len,
                              fm_err *err);

/* The score of one pair as above (0 = not eligible); exposed for tests. */
double fm_export_score(const char *interests, const char *experience, const char *occupation);

#endif
