/*
 * position_repo.c - positions in the database: get, list, upsert (checking
 * that department and fair exist, for a clear message rather than a bare
 * foreign-key failure), delete, and the audited add and edit, each one
 * transaction with its audit row. Rules are src/core/position.c's; who may
 * edit which position is the caller's edit function's question.
 */
#include "fairmatch/position.h"

#include <stdlib.h>
#include <string.h>

#include "repo.h"
#include "repo_entity.h"

#define POS_COLS                                                                                   \
    "id, department_id, fair_id, title, occupation, places, requires_driving_licence, "            \
    "min_swedish_level, extent"

static fm_rc read_row(sqlite3_stmt *st, void *elem, fm_err *err)
{
    fm_position *p = elem;
    bool oom = false;
    memset(p, 0, sizeof *p);
    p->id = fm_repo_dup(st, 0, &oom);
    p->department_id = fm_repo_dup(st, 1, &oom);
    p->fair_id = fm_repo_dup(st, 2, &oom);
    p->title = fm_repo_dup(st, 3, &oom);
    p->occupation = fm_repo_dup(st, 4, &oom);
    p->places = sqlite3_column_int(st, 5);
    p->requires_driving_licence = sqlite3_column_int(st, 6);
    p->min_swedish_level = fm_repo_int(st, 7, -1);
    p->extent = sqlite3_column_double(st, 8);
    if (oom) {
        fm_position_release(p);
        return fm_err_set(err, FM_ENOMEM, "out of memory");
    }
    return FM_OK;
}

static void free_list(void *v, size_t n)
{
    fm_position_list_free(v, n);
}

fm_rc fm_store_position_get(fm_store *s, const char *id, fm_position *out, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc;

    memset(out, 0, sizeof *out);
    rc = fm_repo_prepare(s, "SELECT " POS_COLS " FROM positions WHERE id = ?1", &st, err);
    if (rc)
        goto done;
    fm_store_bind_text(st, 1, id);
    rc = fm_repo_get(s, st, out, read_row, "position", id, err);
done:
    sqlite3_finalize(st);
    return rc;
}

fm_rc fm_store_position_list(fm_store *s, const fm_position_query *q, fm_position **out, size_t *n,
                             fm_err *err)
{
    static const char sql[] = "SELECT " POS_COLS " FROM positions"
                              " WHERE (?1 IS NULL OR fair_id = ?1)"
                              " AND (?2 IS NULL OR department_id = ?2)"
                              " ORDER BY fair_id, department_id, id";
    const char *params[] = {q ? q->fair_id : NULL, q ? q->department_id : NULL};
    void *v = NULL;
    fm_rc rc =
        fm_repo_list_by(s, sql, params, 2, sizeof(fm_position), read_row, free_list, &v, n, err);

    *out = v;
    return rc;
}

#define BIT(f) ((fields & (f)) != 0)

fm_rc fm_store_position_upsert(fm_store *s, const fm_position *p, unsigned fields, bool *created,
                               bool *changed, fm_err *err)
{
    fm_repo_val key[] = {FM_REPO_T("id", p->id, false)};
    fm_repo_val vals[] = {
        FM_REPO_T("department_id", p->department_id, BIT(FM_POSITION_DEPARTMENT)),
        FM_REPO_T("fair_id", p->fair_id, BIT(FM_POSITION_FAIR)),
        FM_REPO_T("title", p->title ? p->title : "", BIT(FM_POSITION_TITLE)),
        FM_REPO_T("occupation", p->occupation ? p->occupation : "", BIT(FM_POSITION_OCCUPATION)),
        FM_REPO_I("places", p->places, BIT(FM_POSITION_PLACES)),
        FM_REPO_I("requires_driving_licence", p->requires_driving_licence,
                  BIT(FM_POSITION_REQUIRES_DRIVING_LICENCE)),
        FM_REPO_OPT("min_swedish_level", p->min_swedish_level, -1,
                    BIT(FM_POSITION_MIN_SWEDISH_LEVEL)),
        FM_REPO_R("extent", p->extent, BIT(FM_POSITION_EXTENT)),
    };
    fm_rc rc = fm_position_validate(p, err);
    if (!rc)
        rc = fm_repo_must_exist(s, "departments", "department", p->department_id, err);
    if (!rc)
        rc = fm_repo_must_exist(s, "fairs", "fair", p->fair_id, err);
    if (rc)
        return rc;
    return fm_repo_upsert(s, "positions", key, 1, vals, sizeof vals / sizeof vals[0], created,
                          changed, NULL, err);
}

fm_rc fm_store_position_delete(fm_store *s, const char *id, fm_err *err)
{
    return fm_repo_delete(s, "positions", "id", id, "position", err);
}

/* fm_store_position_add's and _edit's arguments, for their bodies. */
typedef struct position_save {
    const char *actor;
    const char *id;
    fm_position_edit_fn edit; /* NULL: add add_p */
    void *arg;
    const fm_position *add_p;
    fm_position *out;
} position_save;

static fm_rc add_body(fm_store *s, void *arg, fm_err *err)
{
    const position_save *a = arg;
    const fm_position *p = a->add_p;
    bool found = false;
    fm_rc rc = fm_repo_exists(s, "positions", "id", p->id, &found, err);

    if (!rc && found)
        rc = fm_err_set(err, FM_ECONFLICT, "id: position \"%s\" exists already", p->id);
    if (!rc)
        rc = fm_store_position_upsert(s, p, FM_POSITION_ALL, NULL, NULL, err);
    if (!rc)
        rc = fm_store_audit(s, a->actor, "create", "position", p->id, p->fair_id, err);
    return rc;
}

fm_rc fm_store_position_add(fm_store *s, const char *actor, const fm_position *p, fm_err *err)
{
    position_save a = {actor, p->id, NULL, NULL, p, NULL};
    return fm_repo_transact(s, add_body, &a, err);
}

static fm_rc edit_body(fm_store *s, void *arg, fm_err *err)
{
    const position_save *a = arg;
    unsigned fields = 0;
    fm_rc rc = fm_store_position_get(s, a->id, a->out, err);

    if (!rc)
        rc = a->edit(a->arg, a->out, &fields, err);
    if (!rc)
        rc = fm_store_position_upsert(s, a->out, fields, NULL, NULL, err);
    if (!rc)
        rc = fm_store_audit(s, a->actor, "update", "position", a->out->id, NULL, err);
    return rc;
}

fm_rc fm_store_position_edit(fm_store *s, const char *actor, const char *id,
                             fm_position_edit_fn edit, void *arg, fm_position *out, fm_err *err)
{
    position_save a = {actor, id, edit, arg, NULL, out};

    memset(out, 0, sizeof *out);
    return fm_repo_transact(s, edit_body, &a, err);
}
