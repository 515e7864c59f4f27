/*
 * test_invitation_repo.c - invitations as stored
 * (src/store/invitation_repo.c): all or nothing when a seeker is unknown,
 * counts of added and already invited, attendance, walk-ins, and a seeker
 * without a name read as NULL.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "fairmatch/interview.h"
#include "store_fixture.h"

FX_SUITE(invitation_repo);

static void invite(const char *const *ids, size_t n, size_t want_added, size_t want_already)
{
    size_t added = 9, already = 9;
    cr_assert_eq(fm_store_invitation_add(db, "t", "F1", ids, n, &added, &already, &err), FM_OK,
                 "%s", err.msg);
    cr_assert_eq(added, want_added);
    cr_assert_eq(already, want_already);
}

Test(invitation_repo, inviting_counts_the_new_and_the_already_invited)
{
    static const char *const first[] = {"S1", "S3"}, *const again[] = {"S3", "S2"};
    fm_invitation *v = NULL;
    size_t n = 0;

    invite(first, 2, 2, 0);
    invite(again, 2, 1, 1);
    cr_assert_eq(fm_store_invitation_list(db, "F1", &v, &n, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(n, 3);
    cr_assert_str_eq(v[0].seeker_id, "S1");
    cr_assert_str_eq(v[2].seeker_id, "S3");
    cr_assert_null(v[2].first_name);
    cr_assert_str_eq(v[2].attendance, "invited");
    fm_invitation_list_free(v, n);
    cr_assert_eq(fx_count(db, "SELECT count(*) FROM audit_log WHERE action = 'invite'"), 3);
}

Test(invitation_repo, an_unknown_seeker_adds_nobody_and_an_unknown_fair_is_not_found)
{
    static const char *const ids[] = {"S1", "S9"};
    size_t added, already;

    cr_assert_eq(fm_store_invitation_add(db, "t", "F1", ids, 2, &added, &already, &err), FM_EINVAL);
    cr_assert_str_eq(err.msg, "seeker_ids[1]: no seeker \"S9\"");
    cr_assert_eq(added, 0);
    cr_assert_eq(fx_count(db, "SELECT count(*) FROM invitations"), 0);
    cr_assert_eq(fm_store_invitation_add(db, "t", "F9", ids, 1, &added, &already, &err),
                 FM_ENOTFOUND);
}

Test(invitation_repo, attendance_is_set_for_the_invited_only)
{
    static const char *const ids[] = {"S1"};
    fm_invitation inv;

    invite(ids, 1, 1, 0);
    cr_assert_eq(fm_store_invitation_set_attendance(db, "t", "F1", "S1", "checked_in", &err), FM_OK,
                 "%s", err.msg);
    cr_assert_eq(fm_store_invitation_get(db, "F1", "S1", &inv, &err), FM_OK, "%s", err.msg);
    cr_assert_str_eq(inv.attendance, "checked_in");
    cr_assert_not(inv.walk_in);
    fm_invitation_release(&inv);
    cr_assert_eq(fm_store_invitation_set_attendance(db, "t", "F1", "S2", "no_show", &err),
                 FM_ENOTFOUND);
    cr_assert_eq(fm_store_invitation_set_attendance(db, "t", "F1", "S1", "late", &err), FM_EINVAL);
    cr_assert_eq(fm_store_invitation_get(db, "F1", "S2", &inv, &err), FM_ENOTFOUND);
    cr_assert_str_eq(err.msg, "seeker S2 is not invited to fair F1");
}

Test(invitation_repo, a_walk_in_is_checked_in_once)
{
    fm_invitation inv;

    cr_assert_eq(fm_store_walkin_add(db, "t", "F1", "S2", &err), FM_OK, "%s", err.msg);
    cr_assert_eq(fm_store_invitation_get(db, "F1", "S2", &inv, &err), FM_OK, "%s", err.msg);
    cr_assert(inv.walk_in);
    cr_assert_str_eq(inv.attendance, "checked_in");
    fm_invitation_release(&inv);
    cr_assert_eq(fm_store_walkin_add(db, "t", "F1", "S2", &err), FM_ECONFLICT);
    cr_assert_str_eq(err.msg, "seeker_id: S2 is invited already");
    cr_assert_eq(fm_store_walkin_add(db, "t", "F1", "S9", &err), FM_EINVAL);
}
