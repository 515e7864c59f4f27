/*
 * fairmatch/outcomes.h - the outcome table of seed 002 (tables 1-2):
 * employments ended in a period by outcome class (to work, to studies, own
 * business, planned end, interruption), the share successful ((to work +
 * to studies + own business) / all ended, planned ends included), and days
 * in the job per person; in total and by gender, age band at the decision,
 * Swedish level, education level and department. Counts of employments
 * and of people. Small counts protected for the steering role with the
 * report's engine. Implemented in src/report/outcomes.c; the monthly
 * report carries it as its "outcomes" section.
 */
#ifndef FAIRMATCH_OUTCOMES_H
#define FAIRMATCH_OUTCOMES_H

#include <stdbool.h>
#include <stddef.h>

#include "fairmatch/err.h"
#include "fairmatch/store.h"

typedef struct fm_outcomes fm_outcomes;

/*
 * Build the table for employments ended from `from` to `to` inclusive
 * ("YYYY-MM-DD"). OUT: *out (free with fm_outcomes_free). Returns FM_OK,
 * FM_EDB, FM_ENOMEM.
 */
fm_rc fm_outcomes_build(fm_store *s, const char *from, const char *to, bool steering,
                        fm_outcomes **out, fm_err *err);

void fm_outcomes_free(fm_outcomes *o);

/* JSON text (docs/reports.md "outcomes") or CSV for Swedish Excel. OUT: *out (caller frees). */
fm_rc fm_outcomes_to_json(const fm_outcomes *o, char **out, size_t *len, fm_err *err);
fm_rc fm_outcomes_to_csv(const fm_outcomes *o, char **out, size_t *len, fm_err *err);

#endif
