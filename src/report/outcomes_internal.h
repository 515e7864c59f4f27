/*
 * outcomes_internal.h - the outcome table as the monthly report's writers
 * see it (src/report only).
 */
#ifndef FAIRMATCH_OUTCOMES_INTERNAL_H
#define FAIRMATCH_OUTCOMES_INTERNAL_H

#include <cjson/cJSON.h>

#include "fairmatch/outcomes.h"
#include "report_internal.h"

/* The table as a JSON object; NULL when out of memory. */
cJSON *fm_outcomes_json(const fm_outcomes *o);

/* The table as one section of the flat renderings (cells owned by sec). */
fm_rc fm_outcomes_section(const fm_outcomes *o, fm_section *sec);

/* Distinct people hired in the month and since the programme start, by gender. */
typedef struct fm_hired_people fm_hired_people;

/* mfrom..to is the month, cfrom..to the cumulative period. OUT: *out. */
fm_rc fm_hired_people_build(fm_store *s, const char *mfrom, const char *cfrom, const char *to,
                            bool steering, fm_hired_people **out, fm_err *err);
void fm_hired_people_free(fm_hired_people *h);
cJSON *fm_hired_people_json(const fm_hired_people *h);
fm_rc fm_hired_people_section(const fm_hired_people *h, fm_section *sec);

#endif
