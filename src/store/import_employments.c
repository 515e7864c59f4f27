/*
 * import_employments.c - one row of employments: keyed by seeker,
 * department and decision date; a row of kind extension continues the
 * seeker's latest employment in that department instead of adding one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/buf.h"
#include "fairmatch/employment.h"
#include "import_internal.h"

static void employment_key(imp *im, const fm_employment *x)
{
    fm_buf key = FM_BUF_INIT, shown = FM_BUF_INIT;
    if (!x->seeker_id || !x->department_id || !x->decision_date)
        return;
    /* \x1f cannot occur in a decoded CSV field's meaning, so the key is unambiguous. */
    if (fm_buf_addf(&key, "%s\x1f%s\x1f%s", x->seeker_id, x->department_id, x->decision_date) ||
        fm_buf_addf(&shown, "seeker %s with department %s on %s",
                    fm_import_quoted(im, x->seeker_id), fm_import_quoted(im, x->department_id),
                    x->decision_date)) {
        im->fatal = fm_err_set(&im->fatal_err, FM_ENOMEM, "out of memory");
    } else {
        fm_import_check_duplicate(im, E_SEEKER, key.data, shown.data);
    }
    fm_buf_release(&key);
    fm_buf_release(&shown);
}

/* The kind column: true for an extension; absent or empty means new. */
static bool get_kind(imp *im)
{
    char *v = fm_import_val(im, E_KIND);
    bool ext = false;
    if (v && !fm_employment_kind_parse(v, &ext))
        fm_import_problem(im, E_KIND, "%s is not one of %s", fm_import_quoted(im, v),
                          fm_employment_kind_codes());
    return ext;
}

/* Replace *dst with a copy of src. False when out of memory. */
static bool set_str(char **dst, const char *src)
{
    char *c = strdup(src);
    if (!c)
        return false;
    free(*dst);
    *dst = c;
    return true;
}

/* Copy the extension row's non-empty end fields onto the employment it continues. */
static fm_rc apply_end(imp *im, fm_employment *base, const fm_employment *x, unsigned *mask,
                       fm_err *e)
{
    bool ok = true;
    *mask = 0;
    if (x->end_date && fm_import_has(im, E_END)) {
        ok = ok && set_str(&base->end_date, x->end_date);
        *mask |= FM_EMPLOYMENT_END_DATE;
    }
    if (x->end_reason && fm_import_has(im, E_REASON)) {
        ok = ok && set_str(&base->end_reason, x->end_reason);
        *mask |= FM_EMPLOYMENT_END_REASON;
    }
    if (x->status_90 && fm_import_has(im, E_STATUS)) {
        ok = ok && set_str(&base->status_90, x->status_90);
        *mask |= FM_EMPLOYMENT_STATUS_90;
    }
    return ok ? FM_OK : fm_err_set(e, FM_ENOMEM, "out of memory");
}

static void store_failed(imp *im, fm_rc rc, const fm_err *e)
{
    fm_import_wrote(im, rc, e, false, false, "employment", NULL);
}

/*
 * An extension row: continue the seeker's latest employment in that
 * department decided before it (rows earlier in the file are in the
 * database already, inside the import's transaction). Its end_date,
 * end_reason and status_90 apply to the employment it continues.
 */
static void row_extension(imp *im, const fm_employment *x)
{
    fm_employment base = {0};
    fm_extension ext = {0};
    fm_err e = {0};
    bool created = false, changed = false, c2 = false;
    unsigned mask = 0;
    char id[32];
    fm_rc rc;

    rc = fm_store_employment_latest_before(im->s, x->seeker_id, x->department_id, x->decision_date,
                                           &ext.employment_id, &e);
    if (rc)
        goto failed;
    if (!ext.employment_id) {
        fm_import_problem(im, E_KIND,
                          "%s continues no employment: seeker %s has no employment of kind new in "
                          "department %s decided before %s",
                          fm_import_quoted(im, fm_import_val(im, E_KIND)),
                          fm_import_quoted(im, x->seeker_id),
                          fm_import_quoted(im, x->department_id), x->decision_date);
        return;
    }
    ext.decision_date = x->decision_date;
    ext.planned_end = x->planned_end;
    rc = fm_store_extension_upsert(im->s, &ext, &created, &changed, NULL, &e);
    if (rc)
        goto failed;
    snprintf(id, sizeof id, "%lld", ext.employment_id);
    if (x->end_date || x->end_reason || x->status_90) {
        rc = fm_store_employment_get(im->s, ext.employment_id, &base, &e);
        if (!rc)
            rc = apply_end(im, &base, x, &mask, &e);
        if (!rc)
            rc = fm_store_employment_upsert(im->s, &base, mask, NULL, &c2, NULL, &e);
        fm_employment_release(&base);
        if (rc)
            goto failed;
    }
    fm_import_wrote(im, FM_OK, &e, created, changed || c2, "employment", id);
    return;
failed:
    fm_employment_release(&base);
    store_failed(im, rc, &e);
}

void fm_import_row_employment(imp *im)
{
    static const int cols[] = {E_POSITION, E_START, E_END, E_REASON, E_STATUS, E_EXTENT, E_PLANNED};
    static const unsigned bits[] = {FM_EMPLOYMENT_POSITION,   FM_EMPLOYMENT_START_DATE,
                                    FM_EMPLOYMENT_END_DATE,   FM_EMPLOYMENT_END_REASON,
                                    FM_EMPLOYMENT_STATUS_90,  FM_EMPLOYMENT_EXTENT,
                                    FM_EMPLOYMENT_PLANNED_END};
    fm_employment x = {0};
    fm_err e = {0};
    bool created = false, changed = false, ext;
    long long rowid = 0;
    char id[32];
    fm_rc rc;

    x.seeker_id = fm_import_get_ref(im, E_SEEKER, "seekers", "seeker");
    x.department_id = fm_import_get_ref(im, E_DEPT, "departments", "department");
    x.decision_date = fm_import_get_date(im, E_DECISION);
    x.start_date = fm_import_get_date(im, E_START);
    x.end_date = fm_import_get_date(im, E_END);
    if (x.start_date && x.end_date && strcmp(x.end_date, x.start_date) < 0)
        fm_import_problem(im, E_END, "%s is before the start date %s",
                          fm_import_quoted(im, x.end_date), x.start_date);
    x.end_reason = fm_import_get_code(im, E_REASON, fm_end_reason_valid, fm_end_reason_codes());
    x.status_90 = fm_import_get_code(im, E_STATUS, fm_status_90_valid, fm_status_90_codes());
    x.position_id = fm_import_get_ref(im, E_POSITION, "positions", "position");
    fm_import_get_extent(im, E_EXTENT, &x.extent);
    ext = get_kind(im);
    x.planned_end = fm_import_get_date(im, E_PLANNED);
    if (x.planned_end && x.decision_date && strcmp(x.planned_end, x.decision_date) < 0)
        fm_import_problem(im, E_PLANNED, "%s is before the decision date %s",
                          fm_import_quoted(im, x.planned_end), x.decision_date);
    employment_key(im, &x);
    if (im->row_bad || im->fatal)
        return;
    if (ext) {
        row_extension(im, &x);
        return;
    }
    rc = fm_store_employment_upsert(im->s, &x, fm_import_mask_of(im, cols, bits, 7), &created,
                                    &changed, &rowid, &e);
    snprintf(id, sizeof id, "%lld", rowid);
    fm_import_wrote(im, rc, &e, created, changed, "employment", id);
}
