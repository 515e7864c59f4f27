/*
 * department_repo.c - departments in the database: get, list, upsert,
 * delete, and the audited save that creates or edits one department in its
 * own transaction. Validation rules are src/core/department.c's; the
 * upsert and delete leave transactions and audit rows to their caller.
 */
#include "fairmatch/department.h"

#include <stdlib.h>
#include <string.h>

#include "fairmatch/planning.h"
#include "repo.h"
#include "repo_entity.h"

#define DEPT_COLS "id, name, employees, tables"

static fm_rc read_row(sqlite3_stmt *st, void *elem, fm_err *err)
{
    fm_department *d = elem;
    bool oom = false;
    memset(d, 0, sizeof *d);
    d->id = fm_repo_dup(st, 0, &oom);
    d->name = fm_repo_dup(st, 1, &oom);
    d->employees = (long)sqlite3_column_int64(st, 2);
    d->tables = sqlite3_column_int(st, 3);
    if (oom) {
        fm_department_release(d);
        return fm_err_set(err, FM_ENOMEM, "out of memory");
    }
    return FM_OK;
}

static void free_list(void *v, size_t n)
{
    fm_department_list_free(v, n);
}

fm_rc fm_store_department_get(fm_store *s, const char *id, fm_department *out, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc;

    memset(out, 0, sizeof *out);
    rc = fm_repo_prepare(s, "SELECT " DEPT_COLS " FROM departments WHERE id = ?1", &st, err);
    if (rc)
        goto done;
    fm_store_bind_text(st, 1, id);
    rc = fm_repo_get(s, st, out, read_row, "department", id, err);
done:
    sqlite3_finalize(st);
    return rc;
}

fm_rc fm_store_department_list(fm_store *s, fm_department **out, size_t *n, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    void *v = NULL;
    fm_rc rc;

    *out = NULL;
    *n = 0;
    rc = fm_repo_prepare(s, "SELECT " DEPT_COLS " FROM departments ORDER BY id", &st, err);
    if (!rc)
        rc = fm_repo_list(s, st, sizeof(fm_department), read_row, free_list, &v, n, err);
    sqlite3_finalize(st);
    *out = v;
    return rc;
}

fm_rc fm_store_department_upsert(fm_store *s, const fm_department *d, unsigned fields,
                                 bool *created, bool *changed, fm_err *err)
{
    fm_repo_val key[] = {FM_REPO_T("id", d->id, false)};
    fm_repo_val vals[] = {
        FM_REPO_T("name", d->name, (fields & FM_DEPARTMENT_NAME) != 0),
        FM_REPO_I("employees", d->employees, (fields & FM_DEPARTMENT_EMPLOYEES) != 0),
        FM_REPO_I("tables", d->tables, (fields & FM_DEPARTMENT_TABLES) != 0),
    };
    fm_rc rc = fm_department_validate(d, err);
    if (rc)
        return rc;
    return fm_repo_upsert(s, "departments", key, 1, vals, 3, created, changed, NULL, err);
}

/* Fill what the caller left out of `fields` from the stored record, so that
 * validation sees it whole. The name moves from old to d. */
static void keep_unset(fm_department *d, fm_department *old, unsigned fields)
{
    if (!(fields & FM_DEPARTMENT_NAME)) {
        free(d->name);
        d->name = old->name;
        old->name = NULL;
    }
    if (!(fields & FM_DEPARTMENT_EMPLOYEES))
        d->employees = old->employees;
    if (!(fields & FM_DEPARTMENT_TABLES))
        d->tables = old->tables;
}

/* Fewer tables must not leave scheduled interviews at a table that is gone. */
static fm_rc check_orphans(fm_store *s, const fm_department *d, fm_err *err)
{
    long orphans = 0;
    fm_rc rc = fm_store_department_orphans(s, d->id, &orphans, err);

    if (!rc && orphans)
        rc = fm_err_set_code(err, FM_ECONFLICT, "department_would_orphan",
                             "tables: %ld scheduled or held interviews sit at a table beyond %d",
                             orphans, d->tables);
    return rc;
}

/* fm_store_department_save's arguments, for its body. */
typedef struct department_save {
    const char *actor;
    fm_department *d;
    unsigned fields;
    bool create;
} department_save;

static fm_rc save_body(fm_store *s, void *arg, fm_err *err)
{
    const department_save *a = arg;
    fm_department *d = a->d, old = {0};
    fm_rc rc = fm_store_department_get(s, d->id, &old, err);

    if (a->create && rc == FM_OK)
        rc = fm_err_set(err, FM_ECONFLICT, "id: department \"%s\" exists already", d->id);
    else if (a->create && rc == FM_ENOTFOUND)
        rc = FM_OK;
    if (rc)
        goto done;
    if (!a->create)
        keep_unset(d, &old, a->fields);
    rc = fm_store_department_upsert(s, d, a->create ? FM_DEPARTMENT_ALL : a->fields, NULL, NULL,
                                    err);
    if (!rc && !a->create && (a->fields & FM_DEPARTMENT_TABLES))
        rc = check_orphans(s, d, err);
    if (!rc)
        rc = fm_store_audit(s, a->actor, a->create ? "create" : "update", "department", d->id, NULL,
                            err);
done:
    fm_department_release(&old);
    return rc;
}

fm_rc fm_store_department_save(fm_store *s, const char *actor, fm_department *d, unsigned fields,
                               bool create, fm_err *err)
{
    department_save a = {actor, d, fields, create};
    return fm_repo_transact(s, save_body, &a, err);
}

fm_rc fm_store_department_delete(fm_store *s, const char *id, fm_err *err)
{
    return fm_repo_delete(s, "departments", "id", id, "department", err);
}

fm_rc fm_store_department_id_prefix_owner(fm_store *s, const char *id, char **owner, fm_err *err)
{
    /* substr, not LIKE: department ids may hold % or _. */
    static const char sql[] = "SELECT id FROM departments WHERE length(?1) > length(id) + 1"
                              " AND substr(?1, 1, length(id) + 1) = id || '-'"
                              " ORDER BY length(id) DESC LIMIT 1";
    sqlite3_stmt *st = NULL;
    fm_rc rc;
    int step;

    *owner = NULL;
    rc = fm_repo_prepare(s, sql, &st, err);
    if (rc)
        goto done;
    fm_store_bind_text(st, 1, id);
    step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        *owner = strdup((const char *)sqlite3_column_text(st, 0));
        if (!*owner)
            rc = fm_err_set(err, FM_ENOMEM, "out of memory");
    } else if (step != SQLITE_DONE) {
        rc = fm_store_dberr(s, err, "departments");
    }
done:
    sqlite3_finalize(st);
    return rc;
}
