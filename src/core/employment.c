/*
 * employment.c - the end reason and 90-day status code tables and what
 * makes an employment record valid. Pure; that the seeker, department and
 * position exist is checked by src/store/employment_repo.c.
 */
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
static const char *const statuses[] = {
    "work", "subsidised_work", "studies", "other_programme", "unemployed", "other", "unknown"};

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
    free(e->accepted_date);
    free(e->planned_end);
    free(e->status_180);
    free(e->status_365);
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

fm_end_class fm_end_reason_class(const char *s)
{
    if (!s)
        return FM_END_NONE;
    if (!strcmp(s, "to_work"))
        return FM_END_TO_WORK;
    if (!strcmp(s, "to_studies"))
        return FM_END_TO_STUDIES;
    if (!strcmp(s, "own_business"))
        return FM_END_OWN_BUSINESS;
    if (!strcmp(s, "completed"))
        return FM_END_PLANNED;
    return in(s, interruptions, COUNT(interruptions)) ? FM_END_INTERRUPTION : FM_END_NONE;
}

const char *fm_end_reason_class_name(const char *s)
{
    switch (fm_end_reason_class(s)) {
    case FM_END_TO_WORK:
    case FM_END_TO_STUDIES:
    case FM_END_OWN_BUSINESS:
        return "positive";
    case FM_END_PLANNED:
        return "planned";
    case FM_END_INTERRUPTION:
        return "interruption";
    case FM_END_NONE:
        break;
    }
    return NULL;
}

bool fm_status_valid(const char *s)
{
    return in(s, statuses, COUNT(statuses));
}

bool fm_status_90_valid(const char *s)
{
    return fm_status_valid(s);
}

const char *fm_status_90_codes(void)
{
    return "work, subsidised_work, studies, other_programme, unemployed, other, unknown";
}

/* Lower-case ASCII and the UTF-8 capitals Å, Ä, Ö into buf; false when too long. */
static bool fold(const char *s, char *buf, size_t n)
{
    size_t i = 0;
    for (; s[i]; i++) {
        unsigned char c = (unsigned char)s[i];
        if (i + 1 >= n)
            return false;
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        else if (i > 0 && (unsigned char)s[i - 1] == 0xC3 && c >= 0x80 && c <= 0x9E && c != 0x97)
            c = (unsigned char)(c + 0x20);
        buf[i] = (char)c;
    }
    buf[i] = '\0';
    return true;
}

bool fm_employment_kind_parse(const char *s, bool *extension)
{
    char v[32];
    if (!s || !fold(s, v, sizeof v))
        return false;
    if (!strcmp(v, "new") || !strcmp(v, "ny")) {
        *extension = false;
        return true;
    }
    if (!strcmp(v, "extension") || !strcmp(v, "f\xc3\xb6rl\xc3\xa4ngning")) {
        *extension = true;
        return true;
    }
    return false;
}

const char *fm_employment_kind_codes(void)
{
    return "new, extension, ny, f\xc3\xb6rl\xc3\xa4ngning";
}

void fm_extension_release(fm_extension *x)
{
    if (!x)
        return;
    free(x->decision_date);
    free(x->planned_end);
    memset(x, 0, sizeof *x);
}

void fm_extension_list_free(fm_extension *v, size_t n)
{
    if (!v)
        return;
    for (size_t i = 0; i < n; i++)
        fm_extension_release(&v[i]);
    free(v);
}

static fm_rc check_date(const char *field, const char *s, bool required, fm_err *err)
{
    fm_date d;
    if (!s)
        return required ? fm_err_set(err, FM_EINVAL, "%s: missing value", field) : FM_OK;
    if (!fm_date_parse(s, &d))
        return fm_err_set(err, FM_EINVAL, "%s: \"%s\" is not a date (YYYY-MM-DD)", field, s);
    return FM_OK;
}

static fm_rc check_status(const char *field, const char *s, fm_err *err)
{
    if (s && !fm_status_valid(s))
        return fm_err_set(err, FM_EINVAL, "%s: \"%s\" is not one of %s", field, s,
                          fm_status_90_codes());
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
    rc = check_date("accepted_date", e->accepted_date, false, err);
    if (!rc)
        rc = check_date("planned_end", e->planned_end, false, err);
    if (!rc)
        rc = check_status("status_90", e->status_90, err);
    if (!rc)
        rc = check_status("status_180", e->status_180, err);
    if (!rc)
        rc = check_status("status_365", e->status_365, err);
    if (rc)
        return rc;
    if (!(e->extent == 0.0 || (e->extent > 0.0 && e->extent <= 100.0)))
        return fm_err_set(err, FM_EINVAL, "extent: %g is not above 0 and at most 100", e->extent);
    return FM_OK;
}

/* "<a> is before <b>" as a rule message when both are set and a < b. */
static fm_rc not_before(const char *field, const char *a, const char *what, const char *b,
                        fm_err *err)
{
    if (a && b && strcmp(a, b) < 0)
        return fm_err_set(err, FM_EINVAL, "%s: %s is before the %s %s", field, a, what, b);
    return FM_OK;
}

static fm_rc status_after(const char *field, const char *status, int days, const char *end,
                          const char *today, fm_err *err)
{
    fm_date d, t;
    char due[11];
    if (!status)
        return FM_OK;
    if (!end)
        return fm_err_set(err, FM_EINVAL, "%s: the employment has not ended (no end_date)", field);
    if (!today || !fm_date_parse(end, &d) || !fm_date_parse(today, &t))
        return FM_OK;
    fm_date_format(fm_date_from_days(fm_date_to_days(d) + days), due);
    if (strcmp(today, due) < 0)
        return fm_err_set(err, FM_EINVAL,
                          "%s: can be recorded from %s (%d days after the end %s), not on %s",
                          field, due, days, end, today);
    return FM_OK;
}

fm_rc fm_employment_check_dates(const fm_employment *e, const char *today, fm_err *err)
{
    fm_rc rc = fm_employment_validate(e, err);
    if (!rc)
        rc = not_before("decision_date", e->decision_date, "offer accepted on", e->accepted_date,
                        err);
    if (!rc)
        rc = not_before("start_date", e->start_date, "decision date", e->decision_date, err);
    if (!rc)
        rc = not_before("end_date", e->end_date, "start date", e->start_date, err);
    if (!rc)
        rc = not_before("end_date", e->end_date, "decision date", e->decision_date, err);
    if (!rc)
        rc = not_before("planned_end", e->planned_end,
                        e->start_date ? "start date" : "decision date",
                        e->start_date ? e->start_date : e->decision_date, err);
    if (!rc && e->end_reason && !e->end_date)
        rc = fm_err_set(err, FM_EINVAL, "end_reason: needs an end_date");
    if (!rc && e->end_date && !e->end_reason)
        rc = fm_err_set(err, FM_EINVAL,
                        "end_reason: an end needs a reason (to_work, to_studies, own_business, "
                        "completed or an interruption code)");
    if (!rc)
        rc = status_after("status_90", e->status_90, 90, e->end_date, today, err);
    if (!rc)
        rc = status_after("status_180", e->status_180, 180, e->end_date, today, err);
    if (!rc)
        rc = status_after("status_365", e->status_365, 365, e->end_date, today, err);
    return rc;
}
