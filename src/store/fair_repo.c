/*
 * fair_repo.c - fairs in the database: get, list, upsert, delete. Rules
 * are src/core/fair.c's; invitations, interviews and the timetable are
 * other files' business.
 */
#include "fairmatch/fair.h"

#include <stdlib.h>
#include <string.h>

#include "repo.h"

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
