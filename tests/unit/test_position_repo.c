/*
 * test_position_repo.c - fm_store_position_add and fm_store_position_edit
 * (src/store/position_repo.c): each one transaction with its audit row; an
 * edit function that refuses, or a failing audit row, leaves nothing.
 */
#include "fairmatch/position.h"
#include "test_store_fixture.h"

TestSuite(position_repo, .init = fx_setup, .fini = fx_teardown);

static void arrange(void)
{
    fx_department("UBF", 1);
    fx_fair("F1");
}

static fm_position new_position(const char *id)
{
    fm_position p = {S(id), S("UBF"), S("F1"), S("Barnskötare"), S("5311"), 2, 0, -1, 0};
    return p;
}

Test(position_repo, add_writes_the_position_and_its_audit_row)
{
    fm_position p = new_position("UBF-1");
    char buf[128];

    arrange();
    cr_assert_eq(fm_store_position_add(db, "m", &p, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(fx_int("SELECT places FROM positions WHERE id = 'UBF-1'"), 2);
    cr_assert_str_eq(fx_text("SELECT actor || ' ' || action || ' ' || entity_id || ' ' || detail"
                             " FROM audit_log",
                             buf, sizeof buf),
                     "m create UBF-1 F1");
}

Test(position_repo, add_refuses_an_existing_id)
{
    fm_position p = new_position("UBF-1");

    arrange();
    cr_assert_eq(fm_store_position_add(db, "m", &p, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(fm_store_position_add(db, "m", &p, &err), FM_ECONFLICT);
    cr_assert_str_eq(err.msg, "id: position \"UBF-1\" exists already");
    cr_assert_eq(fx_audit_rows(), 1);
}

Test(position_repo, add_names_an_unknown_department)
{
    fm_position p = new_position("X-1");

    arrange();
    p.department_id = S("NOPE");
    cr_assert_eq(fm_store_position_add(db, "m", &p, &err), FM_ENOTFOUND);
    cr_assert_str_eq(err.msg, "department: \"NOPE\" is not a known department");
    cr_assert_eq(fx_audit_rows(), 0);
}

static fm_rc three_places(void *arg, fm_position *p, unsigned *fields, fm_err *e)
{
    (void)e;
    cr_assert_str_eq(arg, "the caller's");
    cr_assert_eq(p->places, 2, "the edit sees the stored record");
    p->places = 3;
    *fields = FM_POSITION_PLACES;
    return FM_OK;
}

static fm_rc refuse(void *arg, fm_position *p, unsigned *fields, fm_err *e)
{
    (void)arg;
    p->places = 50;
    *fields = FM_POSITION_PLACES;
    return fm_err_set(e, FM_EPERM, "department_id: not yours");
}

Test(position_repo, edit_applies_the_edit_function_to_the_stored_row)
{
    fm_position p = new_position("UBF-1"), out;

    arrange();
    cr_assert_eq(fm_store_position_add(db, "m", &p, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(
        fm_store_position_edit(db, "org", "UBF-1", three_places, S("the caller's"), &out, &err),
        FM_OK, "%s", err.msg);
    cr_assert_eq(out.places, 3);
    fm_position_release(&out);
    cr_assert_eq(fx_int("SELECT places FROM positions WHERE id = 'UBF-1'"), 3);
    cr_assert_eq(fx_int("SELECT count(*) FROM audit_log WHERE action = 'update' AND actor = 'org'"),
                 1);
}

Test(position_repo, a_refusing_edit_function_writes_nothing)
{
    fm_position p = new_position("UBF-1"), out;

    arrange();
    cr_assert_eq(fm_store_position_add(db, "m", &p, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(fm_store_position_edit(db, "org", "UBF-1", refuse, NULL, &out, &err), FM_EPERM);
    fm_position_release(&out);
    cr_assert_eq(fx_int("SELECT places FROM positions WHERE id = 'UBF-1'"), 2);
    cr_assert_eq(fx_audit_rows(), 1);
}

Test(position_repo, edit_of_a_missing_position_is_not_found)
{
    fm_position out;

    arrange();
    cr_assert_eq(fm_store_position_edit(db, "org", "NOPE", refuse, NULL, &out, &err), FM_ENOTFOUND);
    fm_position_release(&out);
    cr_assert_eq(fx_audit_rows(), 0);
}

Test(position_repo, a_failing_audit_row_rolls_the_edit_back)
{
    fm_position p = new_position("UBF-1"), out;

    arrange();
    cr_assert_eq(fm_store_position_add(db, "m", &p, &err), FM_OK, "%s", err.msg);
    fx_refuse_audit();
    cr_assert_eq(
        fm_store_position_edit(db, "org", "UBF-1", three_places, S("the caller's"), &out, &err),
        FM_ECONFLICT);
    cr_assert(strstr(err.msg, "audit refused"), "%s", err.msg);
    fm_position_release(&out);
    cr_assert_eq(fx_int("SELECT places FROM positions WHERE id = 'UBF-1'"), 2);
    cr_assert_eq(fx_audit_rows(), 1);
}
