/*
 * import_entities.c - one row of departments, seekers, fairs or positions:
 * its cells through the getters, then one upsert of the columns the file
 * has. Employments, which have extensions, are import_employments.c's.
 */
#include <stdio.h>
#include <stdlib.h>

#include "fairmatch/department.h"
#include "fairmatch/fair.h"
#include "fairmatch/personnummer.h"
#include "fairmatch/position.h"
#include "fairmatch/seeker.h"
#include "import_internal.h"

/* Remember the row's id (a repeat in the file is a problem); true when the row may be written. */
static bool keyed(imp *im, int c, const char *id)
{
    char shown[300];
    snprintf(shown, sizeof shown, "%s", fm_import_quoted(im, id ? id : ""));
    fm_import_check_duplicate(im, c, id, shown);
    return !im->row_bad && !im->fatal;
}

void fm_import_row_department(imp *im)
{
    static const int cols[] = {D_NAME, D_EMPLOYEES, D_TABLES};
    static const unsigned bits[] = {FM_DEPARTMENT_NAME, FM_DEPARTMENT_EMPLOYEES,
                                    FM_DEPARTMENT_TABLES};
    fm_department d = {0};
    fm_err e = {0};
    bool created = false, changed = false;
    fm_rc rc;

    d.tables = 1;
    d.id = fm_import_get_text(im, D_ID);
    d.name = fm_import_get_text(im, D_NAME);
    fm_import_get_int(im, D_EMPLOYEES, 0, FM_IMPORT_NO_MAX, &d.employees);
    fm_import_get_int_i(im, D_TABLES, 0, 100, &d.tables);
    if (!keyed(im, D_ID, d.id))
        return;
    rc = fm_store_department_upsert(im->s, &d, fm_import_mask_of(im, cols, bits, 3), &created,
                                    &changed, &e);
    fm_import_wrote(im, rc, &e, created, changed, "department", d.id);
}

static void seeker_personal_number(imp *im, fm_seeker *p)
{
    char *v = fm_import_get_text(im, S_PNR);
    char *holder = NULL;
    fm_err e = {0};
    fm_pnr_status st;
    if (!v)
        return;
    /* The value is never echoed: a near-miss is still someone's number. */
    st = fm_personnummer_parse(v, im->ref_year, NULL);
    if (st != FM_PNR_OK) {
        fm_import_problem(im, S_PNR, "%s", fm_pnr_status_str(st));
        return;
    }
    p->personal_number = v;
    /* Earlier rows of this file are already written (same transaction), so
     * this also finds a number given twice in the file. */
    if (fm_store_seeker_pnr_holder(im->s, v, p->id, &holder, &e)) {
        im->fatal = e.rc;
        im->fatal_err = e;
    } else if (holder) {
        fm_import_problem(im, S_PNR, "already the personal number of seeker %s",
                          fm_import_quoted(im, holder));
    }
    free(holder);
}

static void seeker_fields(imp *im, fm_seeker *p)
{
    char *g;
    long year = 0;

    p->id = fm_import_get_text(im, S_ID);
    p->first_name = fm_import_get_text(im, S_FIRST);
    p->last_name = fm_import_get_text(im, S_LAST);
    g = fm_import_get_text(im, S_GENDER);
    if (g && !fm_gender_parse(g, &p->gender))
        fm_import_problem(im, S_GENDER, "%s is not one of %s", fm_import_quoted(im, g),
                          fm_gender_codes());
    fm_import_get_int(im, S_BIRTH, 1900, 2100, &year);
    p->birth_year = (int)year;
    seeker_personal_number(im, p);
    p->eligibility = fm_import_get_code(im, S_ELIG, fm_eligibility_valid, fm_eligibility_codes());
    p->interests = fm_import_get_ssyk_list(im, S_INTERESTS);
    fm_import_get_int_i(im, S_SWEDISH, 0, 5, &p->swedish_level);
    fm_import_get_yesno(im, S_LICENCE, &p->driving_licence);
    p->phone = fm_import_get_text(im, S_PHONE);
    p->email = fm_import_get_text(im, S_EMAIL);
    p->registered = fm_import_get_date(im, S_REGISTERED);
    fm_import_get_int_i(im, S_EDUCATION, 1, 5, &p->education_level);
    p->experience = fm_import_get_ssyk_list(im, S_EXPERIENCE);
    fm_import_get_int_i(im, S_EXTENT, 1, 100, &p->extent_preference);
    fm_import_get_int_i(im, S_SCREENING, 0, 5, &p->screening);
}

void fm_import_row_seeker(imp *im)
{
    static const int cols[] = {S_FIRST,     S_LAST,    S_GENDER,    S_BIRTH,
                               S_PNR,       S_ELIG,    S_INTERESTS, S_EXPERIENCE,
                               S_EDUCATION, S_SWEDISH, S_LICENCE,   S_EXTENT,
                               S_SCREENING, S_PHONE,   S_EMAIL,     S_REGISTERED};
    static const unsigned bits[] = {
        FM_SEEKER_FIRST_NAME,    FM_SEEKER_LAST_NAME,       FM_SEEKER_GENDER,
        FM_SEEKER_BIRTH_YEAR,    FM_SEEKER_PERSONAL_NUMBER, FM_SEEKER_ELIGIBILITY,
        FM_SEEKER_INTERESTS,     FM_SEEKER_EXPERIENCE,      FM_SEEKER_EDUCATION_LEVEL,
        FM_SEEKER_SWEDISH_LEVEL, FM_SEEKER_DRIVING_LICENCE, FM_SEEKER_EXTENT_PREFERENCE,
        FM_SEEKER_SCREENING,     FM_SEEKER_PHONE,           FM_SEEKER_EMAIL,
        FM_SEEKER_REGISTERED};
    fm_seeker p;
    fm_err e = {0};
    bool created = false, changed = false;
    fm_rc rc;

    fm_seeker_init(&p);
    seeker_fields(im, &p);
    if (!keyed(im, S_ID, p.id))
        return;
    rc = fm_store_seeker_upsert(im->s, &p, fm_import_mask_of(im, cols, bits, 16), &created,
                                &changed, &e);
    fm_import_wrote(im, rc, &e, created, changed, "seeker", p.id);
}

void fm_import_row_fair(imp *im)
{
    static const int cols[] = {F_DATE, F_START, F_MINUTES, F_PERIODS, F_NAME, F_PLACE};
    static const unsigned bits[] = {FM_FAIR_DATE,    FM_FAIR_START, FM_FAIR_PERIOD_MINUTES,
                                    FM_FAIR_PERIODS, FM_FAIR_NAME,  FM_FAIR_PLACE};
    fm_fair f = {0};
    fm_err e = {0};
    bool created = false, changed = false;
    char start_buf[6];
    int start = -1;
    fm_rc rc;

    f.id = fm_import_get_text(im, F_ID);
    f.date = fm_import_get_date(im, F_DATE);
    f.start = fm_import_get_time(im, F_START, start_buf, &start);
    fm_import_get_int_i(im, F_MINUTES, 1, 240, &f.period_minutes);
    fm_import_get_int_i(im, F_PERIODS, 1, 96, &f.periods);
    f.name = fm_import_get_text(im, F_NAME);
    f.place = fm_import_get_text(im, F_PLACE);
    if (!im->row_bad && start >= 0 && start + f.period_minutes * f.periods > 24 * 60)
        fm_import_problem(im, F_PERIODS, "%d periods of %d minutes from %s end after midnight",
                          f.periods, f.period_minutes, f.start);
    if (!keyed(im, F_ID, f.id))
        return;
    rc = fm_store_fair_upsert(im->s, &f, fm_import_mask_of(im, cols, bits, 6), &created, &changed,
                              &e);
    fm_import_wrote(im, rc, &e, created, changed, "fair", f.id);
}

void fm_import_row_position(imp *im)
{
    static const int cols[] = {P_DEPT,   P_FAIR,    P_TITLE,   P_OCC,
                               P_PLACES, P_LICENCE, P_SWEDISH, P_EXTENT};
    static const unsigned bits[] = {
        FM_POSITION_DEPARTMENT,        FM_POSITION_FAIR,   FM_POSITION_TITLE,
        FM_POSITION_OCCUPATION,        FM_POSITION_PLACES, FM_POSITION_REQUIRES_DRIVING_LICENCE,
        FM_POSITION_MIN_SWEDISH_LEVEL, FM_POSITION_EXTENT};
    fm_position p = {0};
    fm_err e = {0};
    bool created = false, changed = false;
    fm_rc rc;

    p.places = 1;
    p.min_swedish_level = -1;
    p.id = fm_import_get_text(im, P_ID);
    p.department_id = fm_import_get_ref(im, P_DEPT, "departments", "department");
    p.fair_id = fm_import_get_ref(im, P_FAIR, "fairs", "fair");
    p.title = fm_import_get_text(im, P_TITLE);
    p.occupation = fm_import_get_text(im, P_OCC);
    if (p.occupation && !fm_ssyk_valid(p.occupation))
        fm_import_problem(im, P_OCC, "%s is not an SSYK code (4 digits)",
                          fm_import_quoted(im, p.occupation));
    fm_import_get_int_i(im, P_PLACES, 1, 10000, &p.places);
    fm_import_get_yesno(im, P_LICENCE, &p.requires_driving_licence);
    fm_import_get_int_i(im, P_SWEDISH, 0, 5, &p.min_swedish_level);
    fm_import_get_extent(im, P_EXTENT, &p.extent);
    if (!keyed(im, P_ID, p.id))
        return;
    rc = fm_store_position_upsert(im->s, &p, fm_import_mask_of(im, cols, bits, 8), &created,
                                  &changed, &e);
    fm_import_wrote(im, rc, &e, created, changed, "position", p.id);
}
