/*
 * seeker.c - the seeker's code tables (gender, eligibility, SSYK) and what
 * makes a seeker record valid. Pure; the database side, including keeping
 * the personal number out of every read, is src/store/seeker_repo.c.
 */
#include "fairmatch/text.h"
#include "fairmatch/seeker.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fairmatch/date.h"
#include "fairmatch/personnummer.h"

void fm_seeker_init(fm_seeker *p)
{
    memset(p, 0, sizeof *p);
    p->gender = FM_GENDER_WOMAN;
    p->swedish_level = -1;
    p->driving_licence = -1;
    p->screening = -1;
}

void fm_seeker_release(fm_seeker *p)
{
    if (!p)
        return;
    free(p->id);
    free(p->first_name);
    free(p->last_name);
    free(p->personal_number);
    free(p->eligibility);
    free(p->interests);
    free(p->experience);
    free(p->phone);
    free(p->email);
    free(p->registered);
    fm_seeker_init(p);
}

void fm_seeker_list_free(fm_seeker *v, size_t n)
{
    if (!v)
        return;
    for (size_t i = 0; i < n; i++)
        fm_seeker_release(&v[i]);
    free(v);
}

static const struct {
    const char *code;
    fm_gender gender;
} gender_codes[] = {
    {"kvinna", FM_GENDER_WOMAN}, {"woman", FM_GENDER_WOMAN}, {"k", FM_GENDER_WOMAN},
    {"w", FM_GENDER_WOMAN},      {"man", FM_GENDER_MAN},     {"m", FM_GENDER_MAN},
    {"annat", FM_GENDER_OTHER},  {"other", FM_GENDER_OTHER}, {"x", FM_GENDER_OTHER},
};

bool fm_gender_parse(const char *s, fm_gender *out)
{
    for (size_t i = 0; i < sizeof gender_codes / sizeof gender_codes[0]; i++) {
        if (!strcasecmp(s, gender_codes[i].code)) {
            *out = gender_codes[i].gender;
            return true;
        }
    }
    return false;
}

const char *fm_gender_name(fm_gender g)
{
    switch (g) {
    case FM_GENDER_WOMAN:
        return "woman";
    case FM_GENDER_MAN:
        return "man";
    case FM_GENDER_OTHER:
        return "other";
    }
    return "other";
}

const char *fm_gender_codes(void)
{
    return "kvinna, woman, k, w, man, m, annat, other, x";
}

bool fm_eligibility_valid(const char *s)
{
    return !strcmp(s, "jobb_och_utveckling") || !strcmp(s, "etablering") || !strcmp(s, "eu_familj");
}

const char *fm_eligibility_codes(void)
{
    return "jobb_och_utveckling, etablering, eu_familj";
}

bool fm_ssyk_valid(const char *s)
{
    for (int i = 0; i < 4; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return s[4] == '\0';
}

bool fm_ssyk_list_valid(const char *s, const char **bad)
{
    const char *p = s;
    if (!*s)
        return true;
    for (;;) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        bool ok = n == 4;
        for (size_t i = 0; ok && i < 4; i++)
            ok = p[i] >= '0' && p[i] <= '9';
        if (!ok) {
            if (bad)
                *bad = p;
            return false;
        }
        if (!bar)
            return true;
        p = bar + 1;
    }
}

static bool in_range_or(int v, int sentinel, int lo, int hi)
{
    return v == sentinel || (v >= lo && v <= hi);
}

static fm_rc validate_codes(const fm_seeker *p, fm_err *err)
{
    fm_date d;
    char q[128]; /* a value as a message shows it: never a possible personal number */
    if (p->eligibility && !fm_eligibility_valid(p->eligibility))
        return fm_err_set(err, FM_EINVAL, "eligibility: %s is not one of %s",
                          fm_text_quote(p->eligibility, q, sizeof q), fm_eligibility_codes());
    if (p->interests && !fm_ssyk_list_valid(p->interests, NULL))
        return fm_err_set(err, FM_EINVAL, "interests: %s is not SSYK codes separated by |",
                          fm_text_quote(p->interests, q, sizeof q));
    if (p->experience && !fm_ssyk_list_valid(p->experience, NULL))
        return fm_err_set(err, FM_EINVAL, "experience: %s is not SSYK codes separated by |",
                          fm_text_quote(p->experience, q, sizeof q));
    if (p->registered && !fm_date_parse(p->registered, &d))
        return fm_err_set(err, FM_EINVAL, "registered: %s is not a date (YYYY-MM-DD)",
                          fm_text_quote(p->registered, q, sizeof q));
    if (p->personal_number && p->personal_number[0]) {
        fm_pnr_status st = fm_personnummer_parse(p->personal_number, fm_date_today().year, NULL);
        if (st != FM_PNR_OK)
            return fm_err_set(err, FM_EINVAL, "personal_number: %s", fm_pnr_status_str(st));
    }
    return FM_OK;
}

fm_rc fm_seeker_validate(const fm_seeker *p, fm_err *err)
{
    if (!p->id || !p->id[0])
        return fm_err_set(err, FM_EINVAL, "id: missing value");
    /* The import requires both names; an edit must not blank them. A purged
     * seeker has none left, by design. */
    if (!p->purged && (!p->first_name || !p->first_name[0]))
        return fm_err_set(err, FM_EINVAL, "first_name: missing value");
    if (!p->purged && (!p->last_name || !p->last_name[0]))
        return fm_err_set(err, FM_EINVAL, "last_name: missing value");
    if (p->gender != FM_GENDER_WOMAN && p->gender != FM_GENDER_MAN && p->gender != FM_GENDER_OTHER)
        return fm_err_set(err, FM_EINVAL, "gender: not woman, man or other");
    if (!in_range_or(p->birth_year, 0, 1900, 2100))
        return fm_err_set(err, FM_EINVAL, "birth_year: %d is not between 1900 and 2100",
                          p->birth_year);
    if (!in_range_or(p->education_level, 0, 1, 5))
        return fm_err_set(err, FM_EINVAL, "education_level: %d is not between 1 and 5",
                          p->education_level);
    if (!in_range_or(p->swedish_level, -1, 0, 5))
        return fm_err_set(err, FM_EINVAL, "swedish_level: %d is not between 0 and 5",
                          p->swedish_level);
    if (!in_range_or(p->driving_licence, -1, 0, 1))
        return fm_err_set(err, FM_EINVAL, "driving_licence: %d is not 0 or 1", p->driving_licence);
    if (!in_range_or(p->extent_preference, 0, 1, 100))
        return fm_err_set(err, FM_EINVAL, "extent_preference: %d is not between 1 and 100",
                          p->extent_preference);
    if (!in_range_or(p->screening, -1, 0, 5))
        return fm_err_set(err, FM_EINVAL, "screening: %d is not between 0 and 5", p->screening);
    return validate_codes(p, err);
}
