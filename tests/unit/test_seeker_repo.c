/*
 * test_seeker_repo.c - fm_store_seeker_read and fm_store_seeker_edit
 * (src/store/seeker_repo.c): the audited read, and the edit as one
 * transaction whose audit row names the changed fields, never their values.
 */
#include "fairmatch/seeker.h"
#include "test_store_fixture.h"

TestSuite(seeker_repo, .init = fx_setup, .fini = fx_teardown);

static void arrange(void)
{
    fx_exec("INSERT INTO seekers(id, first_name, last_name, gender, phone)"
            " VALUES ('S1', 'Amina', 'Berg', 'woman', '070-1')");
}

static fm_rc new_phone_and_pnr(void *arg, fm_seeker *p, unsigned *fields, fm_err *e)
{
    (void)arg;
    (void)e;
    free(p->phone);
    p->phone = strdup("070-2");
    p->personal_number = strdup("19850101-1236");
    *fields = FM_SEEKER_PHONE | FM_SEEKER_PERSONAL_NUMBER;
    return FM_OK;
}

static fm_rc empty_first_name(void *arg, fm_seeker *p, unsigned *fields, fm_err *e)
{
    (void)arg;
    (void)e;
    free(p->first_name);
    p->first_name = strdup("");
    *fields = FM_SEEKER_FIRST_NAME;
    return FM_OK;
}

Test(seeker_repo, read_audits_the_read)
{
    fm_seeker p;
    char buf[64];

    arrange();
    cr_assert_eq(fm_store_seeker_read(db, "org", "S1", &p, &err), FM_OK, "%s", err.msg);
    cr_assert_str_eq(p.first_name, "Amina");
    fm_seeker_release(&p);
    cr_assert_str_eq(fx_text("SELECT action || ' ' || entity_id FROM audit_log", buf, sizeof buf),
                     "read S1");
}

Test(seeker_repo, read_of_a_missing_seeker_audits_nothing)
{
    fm_seeker p;

    cr_assert_eq(fm_store_seeker_read(db, "org", "NOPE", &p, &err), FM_ENOTFOUND);
    fm_seeker_release(&p);
    cr_assert_eq(fx_audit_rows(), 0);
}

Test(seeker_repo, edit_writes_and_names_the_changed_fields)
{
    fm_seeker p;
    char buf[128];

    arrange();
    cr_assert_eq(fm_store_seeker_edit(db, "org", "S1", new_phone_and_pnr, NULL, &p, &err), FM_OK,
                 "%s", err.msg);
    fm_seeker_release(&p);
    cr_assert_str_eq(fx_text("SELECT phone FROM seekers WHERE id = 'S1'", buf, sizeof buf),
                     "070-2");
    cr_assert_str_eq(
        fx_text("SELECT actor || ' ' || action || ' ' || detail FROM audit_log", buf, sizeof buf),
        "org update personal_number,phone");
}

Test(seeker_repo, an_invalid_edit_writes_nothing)
{
    fm_seeker p;

    arrange();
    cr_assert_eq(fm_store_seeker_edit(db, "org", "S1", empty_first_name, NULL, &p, &err),
                 FM_EINVAL);
    fm_seeker_release(&p);
    cr_assert_eq(fx_int("SELECT count(*) FROM seekers WHERE first_name = 'Amina'"), 1);
    cr_assert_eq(fx_audit_rows(), 0);
}

Test(seeker_repo, a_failing_audit_row_rolls_the_edit_back)
{
    fm_seeker p;

    arrange();
    fx_refuse_audit();
    cr_assert_eq(fm_store_seeker_edit(db, "org", "S1", new_phone_and_pnr, NULL, &p, &err),
                 FM_ECONFLICT);
    cr_assert(strstr(err.msg, "audit refused"), "%s", err.msg);
    fm_seeker_release(&p);
    cr_assert_eq(fx_int("SELECT count(*) FROM seekers WHERE phone = '070-1'"
                        " AND personal_number IS NULL"),
                 1);
    cr_assert_eq(fx_audit_rows(), 0);
}
