/*
 * fair_table_repo.c - how many tables each department staffs at a fair
 * (fair_departments, else the department's default). The callers hold the
 * transaction and the audit of a change; what a change orphans is
 * planning_repo.c's.
 */
#include <stdlib.h>

#include "fairmatch/interview.h"
#include "query.h"
#include "repo.h"

void fm_fair_table_list_free(fm_fair_table *v, size_t n)
{
    for (size_t i = 0; v && i < n; i++) {
        free(v[i].department_id);
        free(v[i].name);
    }
    free(v);
}

/* Reads the current row into elem (an fm_fair_table); on failure leaves it released. */
static fm_rc read_table(sqlite3_stmt *st, void *elem, fm_err *err)
{
    fm_fair_table *t = elem;
    bool oom = false;

    t->department_id = fm_repo_dup(st, 0, &oom);
    t->name = fm_repo_dup(st, 1, &oom);
    t->tables = sqlite3_column_int(st, 2);
    if (!oom)
        return FM_OK;
    free(t->department_id);
    free(t->name);
    return fm_err_set(err, FM_ENOMEM, "out of memory");
}

static void free_tables(void *v, size_t n)
{
    fm_fair_table_list_free(v, n);
}

fm_rc fm_store_fair_tables(fm_store *s, const char *fair_id, fm_fair_table **out, size_t *n,
                           fm_err *err)
{
    void *v = NULL;
    static const char sql[] =
        "SELECT d.id, d.name, fd.tables FROM fair_departments fd JOIN departments d"
        " ON d.id = fd.department_id WHERE fd.fair_id = ?1"
        " UNION SELECT d.id, d.name, d.tables FROM departments d WHERE d.id IN"
        " (SELECT department_id FROM positions WHERE fair_id = ?1) AND d.id NOT IN"
        " (SELECT department_id FROM fair_departments WHERE fair_id = ?1) ORDER BY 1";
    sqlite3_stmt *st = NULL;
    fm_rc rc;

    *out = NULL;
    *n = 0;
    rc = fm_store_stmt_cached(s, sql, &st, err);
    if (rc)
        goto done;
    fm_store_bind_text(st, 1, fair_id);
    rc = fm_repo_list(s, st, sizeof **out, read_table, free_tables, &v, n, err);
    *out = v;
done:
    fm_store_stmt_done(st);
    return rc;
}

fm_rc fm_store_fair_tables_set(fm_store *s, const char *fair_id, const fm_fair_table *v, size_t n,
                               fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc;

    rc = fm_store_exec(s, "DELETE FROM fair_departments WHERE fair_id = ?1", fair_id, NULL, 0, 0,
                       err);
    if (!rc)
        rc = fm_repo_prepare(
            s, "INSERT INTO fair_departments(fair_id, department_id, tables) VALUES (?, ?, ?)", &st,
            err);
    for (size_t i = 0; !rc && i < n; i++) {
        sqlite3_reset(st);
        fm_store_bind_text(st, 1, fair_id);
        fm_store_bind_text(st, 2, v[i].department_id);
        sqlite3_bind_int(st, 3, v[i].tables);
        if (sqlite3_step(st) != SQLITE_DONE) {
            rc = fm_store_dberr(s, err, "fair tables");
            if (rc == FM_ECONFLICT)
                rc = fm_err_set(err, FM_EINVAL,
                                "departments[%zu]: unknown or repeated department \"%.64s\"", i,
                                v[i].department_id);
        }
    }
    sqlite3_finalize(st);
    return rc;
}
