/*
 * programme_repo.c - the one programme row: read and replace. Rules are
 * src/core/programme.c's; progress against the goal is the report's.
 */
#include "fairmatch/programme.h"

#include <stdio.h>
#include <string.h>

#include "repo.h"
#include "repo_entity.h"

static void copy_date(char dst[11], const unsigned char *src)
{
    size_t n = src ? strlen((const char *)src) : 0;
    if (n > 10)
        n = 10;
    memcpy(dst, src ? (const char *)src : "", n);
    dst[n] = '\0';
}

fm_rc fm_store_programme_get(fm_store *s, fm_programme *out, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc;
    int step;

    memset(out, 0, sizeof *out);
    rc = fm_repo_prepare(s, "SELECT goal, start_date, end_date FROM programme WHERE id = 1", &st,
                         err);
    if (rc)
        goto done;
    step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        out->goal = (long)sqlite3_column_int64(st, 0);
        copy_date(out->start_date, sqlite3_column_text(st, 1));
        copy_date(out->end_date, sqlite3_column_text(st, 2));
    } else if (step == SQLITE_DONE) {
        rc = fm_err_set(err, FM_ENOTFOUND,
                        "no programme set yet (fairmatch programme set --goal N ...)");
    } else {
        rc = fm_store_dberr(s, err, "programme");
    }
done:
    sqlite3_finalize(st);
    return rc;
}

fm_rc fm_store_programme_set(fm_store *s, const fm_programme *p, fm_err *err)
{
    static const char sql[] = "INSERT INTO programme(id, goal, start_date, end_date)"
                              " VALUES (1, ?1, ?2, ?3) ON CONFLICT(id) DO UPDATE SET"
                              " goal = excluded.goal, start_date = excluded.start_date,"
                              " end_date = excluded.end_date";
    sqlite3_stmt *st = NULL;
    fm_rc rc = fm_programme_validate(p, err);

    if (rc)
        return rc;
    rc = fm_repo_prepare(s, sql, &st, err);
    if (rc)
        goto done;
    sqlite3_bind_int64(st, 1, p->goal);
    fm_store_bind_text(st, 2, p->start_date);
    fm_store_bind_text(st, 3, p->end_date);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = fm_store_dberr(s, err, "programme");
done:
    sqlite3_finalize(st);
    return rc;
}

/* fm_store_programme_save's arguments, for its body. */
typedef struct programme_save {
    const char *actor;
    const fm_programme *p;
} programme_save;

static fm_rc save_body(fm_store *s, void *arg, fm_err *err)
{
    const programme_save *a = arg;
    char detail[96];
    fm_rc rc = fm_store_programme_set(s, a->p, err);

    if (!rc) {
        snprintf(detail, sizeof detail, "goal %ld, %s...%s", a->p->goal, a->p->start_date,
                 a->p->end_date);
        rc = fm_store_audit(s, a->actor, "update", "programme", "1", detail, err);
    }
    return rc;
}

fm_rc fm_store_programme_save(fm_store *s, const char *actor, const fm_programme *p, fm_err *err)
{
    programme_save a = {actor, p};
    return fm_repo_transact(s, save_body, &a, err);
}
