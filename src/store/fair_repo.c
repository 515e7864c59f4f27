/*
 * fair_repo.c - fairs in the database: get, list, upsert, delete, and the
 * audited save that creates or edits one fair in its own transaction. Rules
 * are src/core/fair.c's; invitations, interviews and the timetable are
 * other files' business (the save only asks planning_repo.c for orphans).
 */
#include "fairmatch/fair.h"

#include <stdlib.h>
#include <string.h>

#include "fairmatch/interview.h"
#include "fairmatch/planning.h"
#include "repo.h"
#include "repo_entity.h"

#define FAIR_COLS "id, date, start, period_minutes, periods, name, place, status"

static fm_rc read_row(sqlite3_stmt *st, void *elem, fm_err *err)
{
    fm_fair *f = elem;
    bool oom = false;
    memset(f, 0, sizeof *f);
    f->id = fm_repo_dup(st, 0, &oom);
    f->date = fm_repo_dup(st, 1, &oom);
    f->start = fm_repo_dup(st, 2, &oom);
    f->period_minutes = sqlite3_column_int(st, 3);
    f->periods = sqlite3_column_int(st, 4);
    f->name = fm_repo_dup(st, 5, &oom);
    f->place = fm_repo_dup(st, 6, &oom);
    f->status = fm_repo_dup(st, 7, &oom);
    if (oom) {
        fm_fair_release(f);
        return fm_err_set(err, FM_ENOMEM, "out of memory");
    }
    return FM_OK;
}

static void free_list(void *v, size_t n)
{
    fm_fair_list_free(v, n);
}

fm_rc fm_store_fair_get(fm_store *s, const char *id, fm_fair *out, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc;

    memset(out, 0, sizeof *out);
    rc = fm_repo_prepare(s, "SELECT " FAIR_COLS " FROM fairs WHERE id = ?1", &st, err);
    if (rc)
        goto done;
    fm_store_bind_text(st, 1, id);
    rc = fm_repo_get(s, st, out, read_row, "fair", id, err);
done:
    sqlite3_finalize(st);
    return rc;
}

fm_rc fm_store_fair_list(fm_store *s, fm_fair **out, size_t *n, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    void *v = NULL;
    fm_rc rc;

    *out = NULL;
    *n = 0;
    rc = fm_repo_prepare(s, "SELECT " FAIR_COLS " FROM fairs ORDER BY date, id", &st, err);
    if (!rc)
        rc = fm_repo_list(s, st, sizeof(fm_fair), read_row, free_list, &v, n, err);
    sqlite3_finalize(st);
    *out = v;
    return rc;
}

#define BIT(f) ((fields & (f)) != 0)

fm_rc fm_store_fair_upsert(fm_store *s, const fm_fair *f, unsigned fields, bool *created,
                           bool *changed, fm_err *err)
{
    fm_repo_val key[] = {FM_REPO_T("id", f->id, false)};
    fm_repo_val vals[] = {
        FM_REPO_T("date", f->date, BIT(FM_FAIR_DATE)),
        FM_REPO_T("start", f->start, BIT(FM_FAIR_START)),
        FM_REPO_I("period_minutes", f->period_minutes, BIT(FM_FAIR_PERIOD_MINUTES)),
        FM_REPO_I("periods", f->periods, BIT(FM_FAIR_PERIODS)),
        FM_REPO_T("name", f->name, BIT(FM_FAIR_NAME)),
        FM_REPO_T("place", f->place, BIT(FM_FAIR_PLACE)),
        FM_REPO_T("status", f->status ? f->status : "planned", BIT(FM_FAIR_STATUS)),
    };
    fm_rc rc = fm_fair_validate(f, err);
    if (rc)
        return rc;
    return fm_repo_upsert(s, "fairs", key, 1, vals, sizeof vals / sizeof vals[0], created, changed,
                          NULL, err);
}

fm_rc fm_store_fair_delete(fm_store *s, const char *id, fm_err *err)
{
    return fm_repo_delete(s, "fairs", "id", id, "fair", err);
}

/* Keep what the caller left out of `fields` from the stored fair, so that
 * validation sees the whole record. The strings move from old to f. */
static void keep_unset(fm_fair *f, fm_fair *old, unsigned fields)
{
    char **strs[] = {&f->date, &f->start, &f->name, &f->place, &f->status};
    char **olds[] = {&old->date, &old->start, &old->name, &old->place, &old->status};
    unsigned bits[] = {FM_FAIR_DATE, FM_FAIR_START, FM_FAIR_NAME, FM_FAIR_PLACE, FM_FAIR_STATUS};

    for (size_t i = 0; i < sizeof bits / sizeof bits[0]; i++) {
        if (fields & bits[i])
            continue;
        free(*strs[i]);
        *strs[i] = *olds[i];
        *olds[i] = NULL;
    }
    if (!(fields & FM_FAIR_PERIOD_MINUTES))
        f->period_minutes = old->period_minutes;
    if (!(fields & FM_FAIR_PERIODS))
        f->periods = old->periods;
}

/* Did the change move the day in time: date, start or period length? */
static bool time_changed(const fm_fair *old, const fm_fair *f)
{
    return (old->date && f->date && strcmp(old->date, f->date)) ||
           (old->start && f->start && strcmp(old->start, f->start)) ||
           old->period_minutes != f->period_minutes;
}

/* Inside the save's transaction: the existing row as create or update wants it. */
static fm_rc read_old(fm_store *s, const fm_fair *f, bool create, fm_fair *old, fm_err *err)
{
    fm_rc rc = fm_store_fair_get(s, f->id, old, err);

    if (create && rc == FM_OK)
        return fm_err_set(err, FM_ECONFLICT, "id: fair \"%s\" exists already", f->id);
    if (create && rc == FM_ENOTFOUND)
        return FM_OK;
    return rc;
}

/* fm_store_fair_save's arguments, for its body. */
typedef struct fair_save {
    const char *actor;
    fm_fair *f;
    unsigned fields;
    bool create;
    const fm_fair_table *t;
    size_t nt;
    fm_orphan *orph;
    size_t norph;
} fair_save;

static fm_rc save_body(fm_store *s, void *arg, fm_err *err)
{
    fair_save *a = arg;
    fm_fair *f = a->f, old = {0};
    fm_rc rc = read_old(s, f, a->create, &old, err);

    if (rc)
        goto done;
    if (!a->create)
        keep_unset(f, &old, a->fields);
    rc = fm_store_fair_upsert(s, f, a->create ? FM_FAIR_ALL : a->fields, NULL, NULL, err);
    if (!rc && a->t)
        rc = fm_store_fair_tables_set(s, f->id, a->t, a->nt, err);
    if (!rc && !a->create)
        rc = fm_store_fair_orphans(s, f->id, time_changed(&old, f), &a->orph, &a->norph, err);
    if (!rc && a->norph)
        rc = fm_err_set_code(err, FM_ECONFLICT, "fair_would_orphan",
                             "the change would orphan %zu interviews", a->norph);
    if (!rc)
        rc = fm_store_audit(s, a->actor, a->create ? "create" : "update", "fair", f->id, NULL, err);
done:
    fm_fair_release(&old);
    return rc;
}

fm_rc fm_store_fair_save(fm_store *s, const char *actor, fm_fair *f, unsigned fields, bool create,
                         const struct fm_fair_table *t, size_t nt, struct fm_orphan **orph,
                         size_t *norph, fm_err *err)
{
    fair_save a = {actor, f, fields, create, t, nt, NULL, 0};
    fm_rc rc = fm_repo_transact(s, save_body, &a, err);

    if (orph && norph) {
        *orph = a.orph;
        *norph = a.norph;
    } else {
        fm_orphan_list_free(a.orph, a.norph);
    }
    return rc;
}
