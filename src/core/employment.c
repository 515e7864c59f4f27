/*
 * employment.c - the end reason and 90-day status code tables and what
 * makes an employment record valid. Pure; that the seeker, department and
 * position exist is checked by src/store/employment_repo.c.
 */
#include "fairmatch/text.h"
#include "fairmatch/employment.h"

#include <stdlib.h>
#include <string.h>

#include "fairmatch/date.h"

static const char *const outcomes[] = {"to_work", "to_studies", "own_business", "completed"};
static const char *const interruptions[] = {
    "other_programme", "illness",         "other_authority",
    "not_reachable",   "moved",           "disability_pension",
    "parental_leave",  "change_provider", "dissatisfied",
    "substance_abuse", "social_services", "not_target_group",
    "temporary_end",   "prison_service",  "other"};
static const char *const statuses[] = {"work", "studies", "unemployed", "other", "unknown"};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

void fm_employment_release(fm_employment *e)
{
    if (!e)
        return;
    free(e->seeker_id);
    free(e->department_id);
    free(e->decision_date);
    free(e->position_id);
    free(e->start_date);
    free(e->end_date);
    free(e->end_reason);
    free(e->status_90);
    memset(e, 0, sizeof *e);
}

void fm_employment_list_free(fm_employment *v, size_t n)
{
    if (!v)
        return;
    for (size_t i = 0; i < n; i++)
        fm_employment_release(&v[i]);
    free(v);
}

static bool in(const char *s, const char *const *set, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(s, set[i]))
            return true;
    return false;
}

bool fm_end_reason_is_outcome(const char *s)
{
    return in(s, outcomes, COUNT(outcomes));
}

bool fm_end_reason_valid(const char *s)
{
    return in(s, outcomes, COUNT(outcomes)) || in(s, interruptions, COUNT(interruptions));
}

const char *fm_end_reason_codes(void)
{
    return "to_work, to_studies, own_business, completed, other_programme, illness, "
           "other_authority, not_reachable, moved, disability_pension, parental_leave, "
           "change_provider, dissatisfied, substance_abuse, social_services, not_target_group, "
           "temporary_end, prison_service, other";
}

bool fm_status_90_valid(const char *s)
{
    return in(s, statuses, COUNT(statuses));
}

const char *fm_status_90_codes(void)
{
    return "work, studies, unemployed, other, unknown";
}

static fm_rc check_date(const char *field, const char *s, bool required, fm_err *err)
{
    fm_date d;
    char q[128];
    if (!s)
        return required ? fm_err_set(err, FM_EINVAL, "%s: missing value", field) : FM_OK;
    if (!fm_date_parse(s, &d))
        return fm_err_set(err, FM_EINVAL, "%s: %s is not a date (YYYY-MM-DD)", field,
                          fm_text_quote(s, q, sizeof q));
    return FM_OK;
}

fm_rc fm_employment_validate(const fm_employment *e, fm_err *err)
{
    fm_rc rc;
    if (!e->seeker_id || !e->seeker_id[0])
        return fm_err_set(err, FM_EINVAL, "seeker: missing value");
    if (!e->department_id || !e->department_id[0])
        return fm_err_set(err, FM_EINVAL, "department: missing value");
    rc = check_date("decision_date", e->decision_date, true, err);
    if (!rc)
        rc = check_date("start_date", e->start_date, false, err);
    if (!rc)
        rc = check_date("end_date", e->end_date, false, err);
    if (rc)
        return rc;
    if (e->start_date && e->end_date && strcmp(e->end_date, e->start_date) < 0)
        return fm_err_set(err, FM_EINVAL, "end_date: %s is before start_date %s", e->end_date,
                          e->start_date);
    if (e->end_reason && !fm_end_reason_valid(e->end_reason))
        return fm_err_set(err, FM_EINVAL, "end_reason: \"%s\" is not one of %s", e->end_reason,
                          fm_end_reason_codes());
    if (e->status_90 && !fm_status_90_valid(e->status_90))
        return fm_err_set(err, FM_EINVAL, "status_90: \"%s\" is not one of %s", e->status_90,
                          fm_status_90_codes());
    if (!(e->extent == 0.0 || (e->extent > 0.0 && e->extent <= 100.0)))
        return fm_err_set(err, FM_EINVAL, "extent: %g is not above 0 and at most 100", e->extent);
    return FM_OK;
}
