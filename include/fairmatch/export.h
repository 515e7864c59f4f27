/*
 * fairmatch/export.h - a fair's matching problem built from the database as
 * instance JSON (shared/spec/instance-format.md), scored with the project's
 * attribute score (fairmatch/score.h; docs/model.md, "Scoring"): every
 * eligible pair carries its score and a `why` breakdown that the solver
 * echoes into the solution's interviews.
 *
 * Departments are those with a position at the fair and tables > 0 (the
 * fair's own number, else the department's); positions those of such
 * departments; seekers the fair's invited (walk-ins and no-shows included,
 * so a re-plan keeps the same pool). fairs_without_offer counts the
 * seeker's earlier fairs (by date) not missed as a no-show and without an
 * offer. When a programme is set, each department has its Hamilton `quota`
 * of the goal and `hired`, the hires decided from the programme start up to
 * the day before the fair (as `fairmatch quota --fair` counts them). Policy
 * is left out: the format's defaults apply.
 */
#ifndef FAIRMATCH_EXPORT_H
#define FAIRMATCH_EXPORT_H

#include <stddef.h>

#include "fairmatch/err.h"
#include "fairmatch/store.h"

/*
 * Build the instance JSON of fair_id. OUT: *json (caller frees), *len.
 * Returns FM_OK, FM_ENOTFOUND (no such fair), FM_EINVAL (the fair's date
 * is not a date), FM_EDB, FM_ENOMEM. The same database gives the same bytes
 * (every list sorted by id byte by byte). Threads: as the fm_store.
 */
fm_rc fm_export_instance_json(fm_store *s, const char *fair_id, char **json, size_t *len,
                              fm_err *err);

/*
 * The SSYK fit of one pair in points 0...100 (fm_score_ssyk_fit / 100): the
 * better of 100 * level * (1 - 0.15 * rank) over the interests at ranks
 * 0...5 and 50 * level over the experience codes; level 1, 0.6, 0.3 for the
 * same code, 3-digit and 2-digit group. 0 = no SSYK match (not eligible).
 */
double fm_export_score(const char *interests, const char *experience, const char *occupation);

#endif
