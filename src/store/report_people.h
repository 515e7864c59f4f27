/*
 * report_people.h - private to src/store: lets report_repo.c serve
 * FM_RQ_HIRES, FM_RQ_POOL, FM_RQ_EMPLOYED and FM_RQ_PIPELINE from report_people.c's
 * one-pass computation (one part at a time).
 */
#ifndef FAIRMATCH_STORE_REPORT_PEOPLE_H
#define FAIRMATCH_STORE_REPORT_PEOPLE_H

#include "fairmatch/report_repo.h"

enum {
    FM_RR_PART_HIRES = 1u,
    FM_RR_PART_POOL = 2u,
    FM_RR_PART_EMPLOYED = 4u,
    FM_RR_PART_PIPELINE = 8u
};

/*
 * As fm_store_report_people, computing only the parts in `parts` (the
 * others are left empty). Returns FM_OK, FM_EDB, FM_ENOMEM.
 */
fm_rc fm_store_report_people_part(fm_store *s, unsigned parts, const char *hfrom, const char *from,
                                  const char *to, const char *start, fm_rr_people *out,
                                  fm_err *err);

#endif
