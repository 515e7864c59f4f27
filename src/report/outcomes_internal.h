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

#endif
