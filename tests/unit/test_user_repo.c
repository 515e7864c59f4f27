/*
 * test_user_repo.c - reading who may see what (src/store/user_repo.c,
 * session_repo.c): a role that does not parse, or a manager without a
 * department, fails the read of the user and of the session, instead of
 * reading as the steering role or as every department. The audited
 * session writes (login, failed login, logout) write their audit rows.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "fairmatch/user.h"
#include "store_fixture.h"

static fm_store *db;
static fm_err err;
static int64_t mgr;

static void setup(void)
{
    memset(&err, 0, sizeof err);
    db = fx_open();
    cr_assert_eq(fm_store_user_add(db, "t", "mgr", FM_ROLE_MANAGER, "D1", "$hash", &mgr, &err),
                 FM_OK, "%s", err.msg);
    cr_assert_eq(fm_store_session_create(db, "h1", mgr, "csrf", 100, &err), FM_OK, "%s", err.msg);
}

static void teardown(void)
{
    fm_store_close(db);
}

TestSuite(user_repo, .init = setup, .fini = teardown);

/* Write what the CHECK constraints forbid, as a damaged file could hold it. */
static void corrupt(const char *sql)
{
    fx_exec(db, "PRAGMA ignore_check_constraints = ON");
    fx_exec(db, sql);
    fx_exec(db, "PRAGMA ignore_check_constraints = OFF");
}

Test(user_repo, a_manager_reads_with_role_and_department)
{
    fm_user u;
    fm_session se;

    cr_assert_eq(fm_store_user_get(db, mgr, &u, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(u.role, FM_ROLE_MANAGER);
    cr_assert_str_eq(u.department_id, "D1");
    fm_user_release(&u);
    cr_assert_eq(fm_store_session_get(db, "h1", &se, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(se.role, FM_ROLE_MANAGER);
    cr_assert_str_eq(se.department_id, "D1");
    cr_assert_str_eq(se.csrf_token, "csrf");
    fm_session_release(&se);
}

Test(user_repo, an_unknown_role_fails_the_read_and_is_never_steering)
{
    fm_user u;
    fm_session se;
    fm_user *list = NULL;
    size_t n = 0;

    corrupt("UPDATE users SET role = 'admin', department_id = NULL");
    cr_assert_eq(fm_store_user_get(db, mgr, &u, &err), FM_EDB);
    cr_assert_str_eq(err.msg, "users: unknown role \"admin\"");
    cr_assert_null(u.username);
    cr_assert_eq(fm_store_user_get_by_name(db, "mgr", &u, &err), FM_EDB);
    cr_assert_eq(fm_store_session_get(db, "h1", &se, &err), FM_EDB);
    cr_assert_null(se.username);
    cr_assert_eq(fm_store_user_list(db, &list, &n, &err), FM_EDB);
    cr_assert_null(list);
    cr_assert_eq(n, 0);
}

Test(user_repo, a_manager_without_a_department_fails_and_never_sees_every_department)
{
    fm_user u;
    fm_session se;

    corrupt("UPDATE users SET department_id = NULL");
    cr_assert_eq(fm_store_user_get(db, mgr, &u, &err), FM_EDB);
    cr_assert_str_eq(err.msg, "users: a manager without a department");
    cr_assert_eq(fm_store_session_get(db, "h1", &se, &err), FM_EDB);
    cr_assert_null(se.department_id);
}

Test(user_repo, the_list_carries_no_password_hash)
{
    fm_user *list = NULL;
    size_t n = 0;

    cr_assert_eq(fm_store_user_add(db, "t", "org", FM_ROLE_ORGANISER, NULL, "$h2", NULL, &err),
                 FM_OK, "%s", err.msg);
    cr_assert_eq(fm_store_user_list(db, &list, &n, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(n, 2);
    cr_assert_str_eq(list[0].username, "mgr");
    cr_assert_null(list[0].password_hash);
    cr_assert_null(list[1].department_id);
    fm_user_list_free(list, n);
}

Test(user_repo, sessions_are_touched_deleted_and_purged)
{
    fm_session se;

    cr_assert_eq(fm_store_session_touch(db, "h1", 150, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(fm_store_session_get(db, "h1", &se, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(se.last_seen, 150);
    fm_session_release(&se);
    cr_assert_eq(fm_store_session_purge(db, 120, 50, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(fx_count(db, "SELECT count(*) FROM sessions"), 1);
    cr_assert_eq(fm_store_session_purge(db, 160, 50, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(fx_count(db, "SELECT count(*) FROM sessions"), 0);
    cr_assert_eq(fm_store_session_create(db, "h2", mgr, "c", 100, &err), FM_OK);
    cr_assert_eq(fm_store_session_delete(db, "h2", &err), FM_OK, "%s", err.msg);
    cr_assert_eq(fm_store_session_get(db, "h2", &se, &err), FM_ENOTFOUND);
}

Test(user_repo, login_failed_login_and_logout_write_their_audit_rows)
{
    fm_session se;

    fx_exec(db, "UPDATE users SET failed_logins = 3 WHERE username = 'mgr'");
    cr_assert_eq(fm_store_session_login_failed(db, "mgr", &err), FM_OK, "%s", err.msg);
    cr_assert_eq(fm_store_session_login(db, mgr, "mgr", "h3", "c3", 200, &err), FM_OK, "%s",
                 err.msg);
    cr_assert_eq(fx_count(db, "SELECT failed_logins FROM users WHERE username = 'mgr'"), 0);
    cr_assert_eq(fm_store_session_get(db, "h3", &se, &err), FM_OK, "%s", err.msg);
    cr_assert_str_eq(se.csrf_token, "c3");
    cr_assert_eq(se.created_at, 200);
    fm_session_release(&se);
    cr_assert_eq(fm_store_session_logout(db, "h3", "mgr", &err), FM_OK, "%s", err.msg);
    cr_assert_eq(fm_store_session_get(db, "h3", &se, &err), FM_ENOTFOUND);
    cr_assert_eq(fx_count(db, "SELECT count(*) FROM audit_log WHERE actor = 'mgr'"
                              " AND entity = 'user' AND entity_id = 'mgr' AND detail IS NULL"
                              " AND action IN ('login_failed', 'login', 'logout')"),
                 3);
    cr_assert_eq(fx_count(db,
                          "SELECT group_concat(action, ' ') = 'login_failed login logout'"
                          " FROM (SELECT action FROM audit_log WHERE actor = 'mgr' ORDER BY id)"),
                 1);
}
