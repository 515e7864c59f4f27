/*
 * women_share_repo.c - the counts behind a fair's women's share: women
 * among the invited and among the pool of seekers still to place. The
 * share itself and its target are the caller's.
 */
#include "fairmatch/interview.h"
#include "query.h"

fm_rc fm_store_fair_women(fm_store *s, const char *fair_id, long *inv_women, long *inv_total,
                          long *pool_women, long *pool_total, fm_err *err)
{
    int64_t a = 0, b = 0, c = 0, d = 0;
    fm_rc rc;

    rc =
        fm_store_query_i64(s,
                           "SELECT count(*) FROM invitations v JOIN seekers s ON s.id = v.seeker_id"
                           " WHERE v.fair_id = ?1 AND s.gender = 'woman'",
                           fair_id, NULL, 0, 0, &a, err);
    if (!rc)
        rc = fm_store_query_i64(s, "SELECT count(*) FROM invitations WHERE fair_id = ?1", fair_id,
                                NULL, 0, 0, &b, err);
    /* The pool counts scan every seeker and do not depend on the fair:
     * memoised until the database changes (any connection or process). */
    if (!rc)
        rc = fm_store_memo_int(s,
                               "SELECT count(*) FROM seekers s WHERE s.purged_at IS NULL AND"
                               " s.gender = 'woman' AND NOT EXISTS (SELECT 1 FROM employments e"
                               " WHERE e.seeker_id = s.id)",
                               0, &c, err);
    if (!rc)
        rc = fm_store_memo_int(s,
                               "SELECT count(*) FROM seekers s WHERE s.purged_at IS NULL AND NOT"
                               " EXISTS (SELECT 1 FROM employments e WHERE e.seeker_id = s.id)",
                               0, &d, err);
    *inv_women = (long)a;
    *inv_total = (long)b;
    *pool_women = (long)c;
    *pool_total = (long)d;
    return rc;
}
