/*
 * access_repo.c - the questions the server's access rules ask the
 * database: may a department see a fair, is a seeker its candidate, and
 * the department's candidate list. The roles and what they allow are the
 * server's (src/http/router.c).
 */
#include <stdlib.h>
#include <string.h>

#include "fairmatch/interview.h"
#include "query.h"
#include "repo.h"

/* Does sql (a literal; ?1 = a, ?2 = b) yield the row "1"? OUT: *yes. */
static fm_rc ask(fm_store *s, const char *sql, const char *a, const char *b, bool *yes, fm_err *err)
{
    int64_t one = 0;
    fm_rc rc = fm_store_query_i64(s, sql, a, b, 0, 0, &one, err);
    *yes = one == 1;
    return rc;
}

fm_rc fm_store_fair_visible_to(fm_store *s, const char *fair_id, const char *department_id,
                               bool *visible, fm_err *err)
{
    return ask(s,
               "SELECT 1 WHERE EXISTS (SELECT 1 FROM positions WHERE fair_id = ?1 AND"
               " department_id = ?2) OR EXISTS (SELECT 1 FROM fair_departments WHERE"
               " fair_id = ?1 AND department_id = ?2)",
               fair_id, department_id, visible, err);
}

fm_rc fm_store_seeker_is_candidate(fm_store *s, const char *seeker_id, const char *department_id,
                                   bool *yes, fm_err *err)
{
    return ask(s,
               "SELECT 1 WHERE EXISTS (SELECT 1 FROM interviews i JOIN positions p ON"
               " p.id = i.position_id WHERE i.seeker_id = ?1 AND p.department_id = ?2)",
               seeker_id, department_id, yes, err);
}

void fm_candidate_list_free(fm_candidate *v, size_t n)
{
    for (size_t i = 0; v && i < n; i++) {
        free(v[i].id);
        free(v[i].first_name);
        free(v[i].last_name);
        free(v[i].gender);
        free(v[i].registered);
    }
    free(v);
}

/* q as a LIKE pattern with %, _ and the escape character escaped. Caller frees. */
static char *like_pattern(const char *q)
{
    size_t n = strlen(q), j = 0;
    char *p = malloc(2 * n + 3);
    if (!p)
        return NULL;
    p[j++] = '%';
    for (size_t i = 0; i < n; i++) {
        if (q[i] == '%' || q[i] == '_' || q[i] == '\\')
            p[j++] = '\\';
        p[j++] = q[i];
    }
    p[j++] = '%';
    p[j] = '\0';
    return p;
}

#define CAND_WHERE                                                                                 \
    " FROM seekers s WHERE EXISTS (SELECT 1 FROM interviews i JOIN positions p ON"                 \
    " p.id = i.position_id WHERE i.seeker_id = s.id AND p.department_id = ?1) AND (?2 IS NULL"     \
    " OR s.id LIKE ?2 ESCAPE '\\' OR s.first_name LIKE ?2 ESCAPE '\\' OR s.last_name LIKE ?2"      \
    " ESCAPE '\\')"

/* Reads the current row into elem (an fm_candidate); on failure leaves it released. */
static fm_rc read_candidate(sqlite3_stmt *st, void *elem, fm_err *err)
{
    fm_candidate *c = elem;
    bool oom = false;

    c->id = fm_repo_dup(st, 0, &oom);
    c->first_name = fm_repo_dup(st, 1, &oom);
    c->last_name = fm_repo_dup(st, 2, &oom);
    c->gender = fm_repo_dup(st, 3, &oom);
    c->registered = fm_repo_dup(st, 4, &oom);
    c->birth_year = sqlite3_column_int(st, 5);
    if (!oom)
        return FM_OK;
    free(c->id);
    free(c->first_name);
    free(c->last_name);
    free(c->gender);
    free(c->registered);
    return fm_err_set(err, FM_ENOMEM, "out of memory");
}

static void free_candidates(void *v, size_t n)
{
    fm_candidate_list_free(v, n);
}

fm_rc fm_store_candidate_list(fm_store *s, const char *department_id, const char *q, size_t page,
                              size_t per_page, fm_candidate **out, size_t *n, size_t *total,
                              fm_err *err)
{
    void *v = NULL;
    sqlite3_stmt *st = NULL;
    int64_t count = 0;
    char *pat = NULL;
    fm_rc rc = FM_OK;

    *out = NULL;
    *n = 0;
    *total = 0;
    if (q && *q) {
        pat = like_pattern(q);
        if (!pat) {
            rc = fm_err_set(err, FM_ENOMEM, "out of memory");
            goto done;
        }
    }
    rc = fm_store_query_i64(s, "SELECT count(*)" CAND_WHERE, department_id, pat, 0, 0, &count, err);
    if (!rc)
        rc = fm_repo_prepare(s,
                             "SELECT s.id, s.first_name, s.last_name, s.gender, s.registered, "
                             "s.birth_year" CAND_WHERE " ORDER BY s.id LIMIT ?3 OFFSET ?4",
                             &st, err);
    if (rc)
        goto done;
    fm_store_bind_text(st, 1, department_id);
    fm_store_bind_text(st, 2, pat);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)per_page);
    sqlite3_bind_int64(st, 4, (sqlite3_int64)((page ? page - 1 : 0) * per_page));
    rc = fm_repo_list(s, st, sizeof **out, read_candidate, free_candidates, &v, n, err);
    *out = v;
    if (!rc)
        *total = (size_t)count;
done:
    free(pat);
    sqlite3_finalize(st);
    return rc;
}
