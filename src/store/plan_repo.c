/*
 * plan_repo.c - a solver result as stored: the fair's interviews replaced
 * by the plan (a first match or a re-plan from a period on), the instance
 * and solution JSON kept in fair_solutions, the fair's table layout frozen
 * and the fair marked matched, in one audited transaction, and read back
 * (the instance and the solution JSON). Building the instance and solving
 * are not here (instance_repo.c, src/solve/).
 */
#include <stdio.h>

#include "fairmatch/interview.h"
#include "fairmatch/planning.h"
#include "query.h"
#include "repo.h"

static fm_rc clear_for_plan(fm_store *s, const char *fair_id, int from_period, fm_err *err)
{
    int64_t held = 0;
    fm_rc rc;

    if (from_period < 0) {
        rc =
            fm_store_query_i64(s, "SELECT count(*) FROM interviews WHERE fair_id = ?1 AND held = 1",
                               fair_id, NULL, 0, 0, &held, err);
        if (!rc && held)
            rc = fm_err_set(err, FM_ECONFLICT,
                            "%lld interviews of this fair are held already: re-plan instead",
                            (long long)held);
        if (!rc)
            rc = fm_store_exec(s, "DELETE FROM interviews WHERE fair_id = ?1", fair_id, NULL, 0, 0,
                               err);
        return rc;
    }
    return fm_store_exec(
        s,
        "DELETE FROM interviews WHERE fair_id = ?1 AND held = 0 AND (period IS NULL"
        " OR period >= ?3) AND id NOT IN (SELECT interview_id FROM employments"
        " WHERE interview_id IS NOT NULL) AND ?2 IS NULL",
        fair_id, NULL, from_period, 0, err);
}

static fm_rc save_solution_row(fm_store *s, const char *actor, const char *fair_id,
                               const char *instance_json, const char *solution_json, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc = fm_repo_prepare(
        s,
        "INSERT OR REPLACE INTO fair_solutions(fair_id, created_at, created_by,"
        " instance, solution) VALUES (?, strftime('%Y-%m-%dT%H:%M:%SZ','now'), ?, ?,"
        " ?)",
        &st, err);
    if (rc)
        return rc;
    fm_store_bind_text(st, 1, fair_id);
    fm_store_bind_text(st, 2, actor);
    fm_store_bind_text(st, 3, instance_json);
    fm_store_bind_text(st, 4, solution_json);
    rc = fm_store_step_done(s, st, err);
    sqlite3_finalize(st);
    return rc;
}

fm_rc fm_store_insert_planned(fm_store *s, const char *sql, const char *fair_id,
                              const fm_planned_interview *v, size_t n, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc = fm_repo_prepare(s, sql, &st, err);

    for (size_t i = 0; !rc && i < n; i++) {
        sqlite3_reset(st);
        fm_store_bind_text(st, 1, fair_id);
        fm_store_bind_text(st, 2, v[i].seeker_id);
        fm_store_bind_text(st, 3, v[i].position_id);
        sqlite3_bind_int(st, 4, v[i].period);
        sqlite3_bind_int(st, 5, v[i].table);
        sqlite3_bind_double(st, 6, v[i].score);
        fm_store_bind_text(st, 7, v[i].why);
        rc = fm_store_step_done(s, st, err);
    }
    sqlite3_finalize(st);
    return rc;
}

fm_rc fm_store_plan_write(fm_store *s, const char *actor, const char *fair_id, int from_period,
                          const fm_planned_interview *v, size_t n, const char *instance_json,
                          const char *solution_json, fm_err *err)
{
    fm_rc rc = fm_store_fair_exists(s, fair_id, err);

    if (!rc)
        rc = clear_for_plan(s, fair_id, from_period, err);
    if (!rc)
        rc = fm_store_insert_planned(
            s,
            "INSERT INTO interviews(fair_id, seeker_id, position_id, period, table_no,"
            " score, why) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(fair_id, seeker_id,"
            " position_id) DO NOTHING",
            fair_id, v, n, err);
    if (!rc)
        rc = fm_store_exec(s, FM_SQL_FREEZE_FAIR_TABLES, fair_id, NULL, 0, 0, err);
    /* No solution (a re-plan that solved nothing): the stored one stays. */
    if (!rc && solution_json)
        rc = save_solution_row(s, actor, fair_id, instance_json, solution_json, err);
    if (!rc)
        rc = fm_store_exec(s,
                           "UPDATE fairs SET status = 'matched' WHERE id = ?1 AND status ="
                           " 'planned'",
                           fair_id, NULL, 0, 0, err);
    return rc;
}

fm_rc fm_store_fair_plan_save(fm_store *s, const char *actor, const char *fair_id, int from_period,
                              const fm_planned_interview *v, size_t n, const char *instance_json,
                              const char *solution_json, fm_err *err)
{
    char detail[64];
    fm_rc rc;

    rc = fm_store_begin_fair(s, fair_id, err);
    if (rc)
        return rc;
    rc = fm_store_plan_write(s, actor, fair_id, from_period, v, n, instance_json, solution_json,
                             err);
    snprintf(detail, sizeof detail, "%zu interviews%s", n, from_period >= 0 ? " (re-plan)" : "");
    if (!rc)
        rc = fm_store_audit(s, actor, from_period >= 0 ? "replan" : "match", "fair", fair_id,
                            detail, err);
    if (!rc)
        rc = fm_store_commit(s, err);
    return fm_store_fail_rollback(s, rc);
}

/* One JSON column of the fair's fair_solutions row (sql selects it by ?1). */
static fm_rc read_json(fm_store *s, const char *sql, const char *fair_id, char **out, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    bool oom = false;
    fm_rc rc;
    int r;

    *out = NULL;
    rc = fm_repo_prepare(s, sql, &st, err);
    if (rc)
        goto done;
    fm_store_bind_text(st, 1, fair_id);
    r = sqlite3_step(st);
    if (r == SQLITE_ROW)
        *out = fm_repo_dup(st, 0, &oom); /* NOT NULL in the schema */
    else if (r == SQLITE_DONE)
        rc = fm_err_set(err, FM_ENOTFOUND, "fair %s has not been matched", fair_id);
    else
        rc = fm_store_dberr(s, err, "fair solutions");
    if (oom)
        rc = fm_err_set(err, FM_ENOMEM, "out of memory");
done:
    sqlite3_finalize(st);
    return rc;
}

fm_rc fm_store_fair_instance_json(fm_store *s, const char *fair_id, char **out, fm_err *err)
{
    return read_json(s, "SELECT instance FROM fair_solutions WHERE fair_id = ?1", fair_id, out,
                     err);
}

/* Declared in fairmatch/planning.h, beside the rules that read it. */
fm_rc fm_store_fair_solution_json(fm_store *s, const char *fair_id, char **out, fm_err *err)
{
    return read_json(s, "SELECT solution FROM fair_solutions WHERE fair_id = ?1", fair_id, out,
                     err);
}
