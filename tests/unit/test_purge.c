/*
 * test_purge.c - storage limitation (src/store/purge.c, through
 * fairmatch/purge.h): which seekers count as active on each kind of
 * activity, the cutoff with month-end clamping, what is blanked and what
 * stays, the dry run, the audit row and the bad month counts.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "fairmatch/purge.h"
#include "test_store.h"

/*
 * today 2026-06-15, 24 months: cutoff 2024-06-15. Kept (5): registered on
 * the cutoff; invited to a fair after it; interviewed at one; an open
 * employment from 2020; one ended on the cutoff. Purged (4): registered
 * the day before; no date at all; invited to a 2020 fair only; employed
 * 2020-2021. Already purged (1).
 */
static const char fixture[] =
    "INSERT INTO departments (id, name) VALUES ('D', 'Dept');"
    "INSERT INTO fairs (id, date, periods) VALUES ('OLD', '2020-01-01', 4), ('NEW', "
    "'2024-07-01', 4);"
    "INSERT INTO positions (id, department_id, fair_id) VALUES ('P', 'D', 'NEW');"
    "INSERT INTO seekers (id, first_name, last_name, gender, birth_year, personal_number, phone,"
    " email, registered, purged_at) VALUES"
    " ('reg_new', 'A', 'A', 'woman', 1990, '199001011234', '1', 'a@x', '2024-06-15', NULL),"
    " ('inv_new', 'B', 'B', 'man', 1991, NULL, NULL, NULL, '2019-01-01', NULL),"
    " ('iv_new', 'C', 'C', 'man', 1992, NULL, NULL, NULL, '2019-01-01', NULL),"
    " ('emp_open', 'D', 'D', 'woman', 1993, NULL, NULL, NULL, '2019-01-01', NULL),"
    " ('emp_ended', 'E', 'E', 'woman', 1994, NULL, NULL, NULL, '2019-01-01', NULL),"
    " ('reg_old', 'F', 'F', 'woman', 1995, '199501011234', '2', 'f@x', '2024-06-14', NULL),"
    " ('no_date', 'G', 'G', 'other', 1996, NULL, NULL, NULL, NULL, NULL),"
    " ('inv_old', 'H', 'H', 'man', 1997, NULL, NULL, NULL, '2019-01-01', NULL),"
    " ('emp_old', 'I', 'I', 'man', 1998, NULL, NULL, NULL, '2019-01-01', NULL),"
    " ('gone', NULL, NULL, 'man', 1999, NULL, NULL, NULL, '2019-01-01', '2025-01-01T00:00:00Z');"
    "INSERT INTO invitations (fair_id, seeker_id) VALUES ('NEW', 'inv_new'), ('OLD', 'inv_old');"
    "INSERT INTO interviews (fair_id, seeker_id, position_id) VALUES ('NEW', 'iv_new', 'P');"
    "INSERT INTO employments (seeker_id, department_id, decision_date, start_date, end_date) VALUES"
    " ('emp_open', 'D', '2020-01-01', '2020-01-02', NULL),"
    " ('emp_ended', 'D', '2020-01-01', '2020-01-02', '2024-06-15'),"
    " ('emp_old', 'D', '2020-01-01', '2020-01-02', '2021-01-01');";

static fm_store *db;

static void setup(void)
{
    db = test_store_create("purge");
    test_store_exec(test_db_path, fixture);
}

static void teardown(void)
{
    fm_store_close(db);
    test_store_unlink(test_db_path);
}

TestSuite(purge, .init = setup, .fini = teardown);

static fm_date day(int y, int m, int d)
{
    fm_date t = {.year = y, .month = m, .day = d};
    return t;
}

static fm_purge_result purge(bool dry_run)
{
    fm_purge_result r;
    fm_err err = {0};
    cr_assert_eq(fm_purge_inactive(db, 24, day(2026, 6, 15), dry_run, "cli:purge", &r, &err), FM_OK,
                 "%s", err.msg);
    return r;
}

static long long count(const char *sql)
{
    return test_store_int(test_db_path, sql);
}

Test(purge, counts_each_kind_of_activity_since_the_cutoff)
{
    fm_purge_result r = purge(false);
    cr_assert_str_eq(r.cutoff, "2024-06-15");
    cr_assert_eq(r.purged, 4);
    cr_assert_eq(r.kept, 5);
    cr_assert_eq(r.already, 1);
    cr_assert_eq(count("SELECT count(*) FROM seekers WHERE purged_at IS NULL AND id IN"
                       " ('reg_new', 'inv_new', 'iv_new', 'emp_open', 'emp_ended')"),
                 5);
    cr_assert_eq(count("SELECT count(*) FROM seekers WHERE purged_at IS NOT NULL AND id IN"
                       " ('reg_old', 'no_date', 'inv_old', 'emp_old')"),
                 4);
}

Test(purge, blanks_personal_details_and_keeps_what_reports_count)
{
    purge(false);
    cr_assert_eq(count("SELECT count(*) FROM seekers WHERE id = 'reg_old' AND first_name IS NULL"
                       " AND last_name IS NULL AND personal_number IS NULL AND phone IS NULL"
                       " AND email IS NULL"),
                 1);
    cr_assert_eq(count("SELECT count(*) FROM seekers WHERE id = 'reg_old' AND gender = 'woman'"
                       " AND birth_year = 1995 AND registered = '2024-06-14'"),
                 1);
    cr_assert_eq(count("SELECT count(*) FROM seekers WHERE id = 'reg_new' AND first_name = 'A'"
                       " AND personal_number = '199001011234' AND email = 'a@x'"),
                 1);
    cr_assert_eq(count("SELECT count(*) FROM employments WHERE seeker_id = 'emp_old'"), 1,
                 "rows the reports count stay");
}

Test(purge, writes_one_audit_row_with_counts_only)
{
    purge(false);
    cr_assert_eq(count("SELECT count(*) FROM audit_log WHERE actor = 'cli:purge' AND action ="
                       " 'purge' AND entity = 'seekers' AND detail = '4 seekers inactive since"
                       " 2024-06-15 purged'"),
                 1);
}

Test(purge, a_dry_run_counts_the_same_and_changes_nothing)
{
    fm_purge_result r = purge(true);
    cr_assert_eq(r.purged, 4);
    cr_assert_eq(r.kept, 5);
    cr_assert_eq(r.already, 1);
    cr_assert_eq(count("SELECT count(*) FROM seekers WHERE purged_at IS NOT NULL"), 1);
    cr_assert_eq(count("SELECT count(*) FROM audit_log WHERE action = 'purge'"), 0);
}

Test(purge, a_second_run_finds_them_already_purged)
{
    purge(false);
    fm_purge_result r = purge(false);
    cr_assert_eq(r.purged, 0);
    cr_assert_eq(r.already, 5);
    cr_assert_eq(r.kept, 5);
}

Test(purge, the_cutoff_day_clamps_to_a_shorter_month)
{
    fm_purge_result r;
    /* 2026-03-31 minus one month: February 2026 has 28 days */
    cr_assert_eq(fm_purge_inactive(db, 1, day(2026, 3, 31), true, "t", &r, NULL), FM_OK);
    cr_assert_str_eq(r.cutoff, "2026-02-28");
    /* 2024-12-31 minus 10 months crosses into a leap February */
    cr_assert_eq(fm_purge_inactive(db, 10, day(2024, 12, 31), true, "t", &r, NULL), FM_OK);
    cr_assert_str_eq(r.cutoff, "2024-02-29");
    /* 2026-01-15 minus 1200 months: a hundred years */
    cr_assert_eq(fm_purge_inactive(db, 1200, day(2026, 1, 15), true, "t", &r, NULL), FM_OK);
    cr_assert_str_eq(r.cutoff, "1926-01-15");
}

Test(purge, refuses_month_counts_outside_one_to_1200)
{
    fm_purge_result r;
    fm_err err = {0};
    cr_assert_eq(fm_purge_inactive(db, 0, day(2026, 1, 1), false, "t", &r, &err), FM_EINVAL);
    cr_assert_str_eq(err.msg, "--older-than: 0 is not a number of months 1...1200");
    cr_assert_eq(fm_purge_inactive(db, 1201, day(2026, 1, 1), false, "t", &r, &err), FM_EINVAL);
    cr_assert_str_eq(err.msg, "--older-than: 1201 is not a number of months 1...1200");
    cr_assert_eq(count("SELECT count(*) FROM seekers WHERE purged_at IS NOT NULL"), 1);
}
