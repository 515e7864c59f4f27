/*
 * seeker_repo.c - seekers in the database: get, list (search and pages),
 * upsert, delete, and the audited read and edit (each with its audit row,
 * the edit in its own transaction). The personal number is written here and
 * never selected: no read path in this file names the column. Validation
 * is src/core/seeker.c's; the upsert leaves transactions to its caller.
 */
#include "fairmatch/seeker.h"

#include <stdlib.h>
#include <string.h>

#include "fairmatch/date.h"
#include "fairmatch/personnummer.h"
#include "fairmatch/text.h"
#include "repo.h"
#include "repo_entity.h"

/* personal_number deliberately absent. */
#define SEEKER_COLS                                                                                \
    "id, first_name, last_name, gender, birth_year, eligibility, interests, experience, "          \
    "education_level, swedish_level, driving_licence, extent_preference, screening, phone, "       \
    "email, registered, purged_at IS NOT NULL"

#define SEEKER_WHERE                                                                               \
    "(?1 IS NULL OR instr(fm_fold(id || ' ' || coalesce(first_name, '') || ' ' "                   \
    "|| coalesce(last_name, '') || ' ' || coalesce(email, '')), fm_fold(?1)) > 0)"

static fm_gender gender_from(const char *s)
{
    if (s && !strcmp(s, "woman"))
        return FM_GENDER_WOMAN;
    if (s && !strcmp(s, "man"))
        return FM_GENDER_MAN;
    return FM_GENDER_OTHER;
}

static fm_rc read_row(sqlite3_stmt *st, void *elem, fm_err *err)
{
    fm_seeker *p = elem;
    bool oom = false;

    fm_seeker_init(p);
    p->id = fm_repo_dup(st, 0, &oom);
    p->first_name = fm_repo_dup(st, 1, &oom);
    p->last_name = fm_repo_dup(st, 2, &oom);
    p->gender = gender_from((const char *)sqlite3_column_text(st, 3));
    p->birth_year = fm_repo_int(st, 4, 0);
    p->eligibility = fm_repo_dup(st, 5, &oom);
    p->interests = fm_repo_dup(st, 6, &oom);
    p->experience = fm_repo_dup(st, 7, &oom);
    p->education_level = fm_repo_int(st, 8, 0);
    p->swedish_level = fm_repo_int(st, 9, -1);
    p->driving_licence = fm_repo_int(st, 10, -1);
    p->extent_preference = fm_repo_int(st, 11, 0);
    p->screening = fm_repo_int(st, 12, -1);
    p->phone = fm_repo_dup(st, 13, &oom);
    p->email = fm_repo_dup(st, 14, &oom);
    p->registered = fm_repo_dup(st, 15, &oom);
    p->purged = sqlite3_column_int(st, 16) != 0;
    if (oom) {
        fm_seeker_release(p);
        return fm_err_set(err, FM_ENOMEM, "out of memory");
    }
    return FM_OK;
}

static void free_list(void *v, size_t n)
{
    fm_seeker_list_free(v, n);
}

/*
 * fm_fold(text): lower case for ASCII and the Latin-1 capitals (two-byte
 * UTF-8 C3 80...C3 9E except the multiplication sign), so that a search for
 * "åsa" finds "Åsa". SQLite's lower() only folds ASCII.
 */
static void fold_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    const unsigned char *in;
    unsigned char *out;
    int n;

    (void)argc;
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
        sqlite3_result_null(ctx);
        return;
    }
    in = sqlite3_value_text(argv[0]);
    n = sqlite3_value_bytes(argv[0]);
    out = sqlite3_malloc(n + 1);
    if (!in || !out) {
        sqlite3_free(out);
        sqlite3_result_error_nomem(ctx);
        return;
    }
    for (int i = 0; i < n; i++) {
        unsigned char c = in[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        else if (i > 0 && in[i - 1] == 0xC3 && c >= 0x80 && c <= 0x9E && c != 0x97)
            c = (unsigned char)(c + 0x20);
        out[i] = c;
    }
    out[n] = '\0';
    sqlite3_result_text(ctx, (char *)out, n, sqlite3_free);
}

static fm_rc register_fold(fm_store *s, fm_err *err)
{
    if (sqlite3_create_function(s->db, "fm_fold", 1,
                                SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                                fold_fn, NULL, NULL) != SQLITE_OK)
        return fm_store_dberr(s, err, "registering fm_fold");
    return FM_OK;
}

fm_rc fm_store_seeker_get(fm_store *s, const char *id, fm_seeker *out, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc;

    fm_seeker_init(out);
    rc = fm_repo_prepare(s, "SELECT " SEEKER_COLS " FROM seekers WHERE id = ?1", &st, err);
    if (rc)
        goto done;
    fm_store_bind_text(st, 1, id);
    rc = fm_repo_get(s, st, out, read_row, "seeker", id, err);
done:
    sqlite3_finalize(st);
    return rc;
}

static fm_rc count_matches(fm_store *s, const char *search, size_t *total, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    fm_rc rc = fm_repo_prepare(s, "SELECT count(*) FROM seekers WHERE " SEEKER_WHERE, &st, err);
    if (rc)
        goto done;
    fm_store_bind_text(st, 1, search);
    if (sqlite3_step(st) != SQLITE_ROW) {
        rc = fm_store_dberr(s, err, "seekers");
        goto done;
    }
    *total = (size_t)sqlite3_column_int64(st, 0);
done:
    sqlite3_finalize(st);
    return rc;
}

fm_rc fm_store_seeker_list(fm_store *s, const fm_seeker_query *q, fm_seeker **out, size_t *n,
                           size_t *total, fm_err *err)
{
    static const char sql[] =
        "SELECT " SEEKER_COLS " FROM seekers WHERE " SEEKER_WHERE " ORDER BY id LIMIT ?2 OFFSET ?3";
    const char *search = q && q->search && q->search[0] ? q->search : NULL;
    size_t per_page = q ? q->per_page : 0;
    size_t page = q && q->page ? q->page : 1;
    sqlite3_stmt *st = NULL;
    void *v = NULL;
    fm_rc rc;

    *out = NULL;
    *n = 0;
    if (per_page > 1000)
        return fm_err_set(err, FM_EINVAL, "per_page: %zu is more than 1000", per_page);
    rc = register_fold(s, err);
    if (!rc && total)
        rc = count_matches(s, search, total, err);
    if (!rc)
        rc = fm_repo_prepare(s, sql, &st, err);
    if (rc)
        goto done;
    fm_store_bind_text(st, 1, search);
    sqlite3_bind_int64(st, 2, per_page ? (long long)per_page : -1);
    sqlite3_bind_int64(st, 3, per_page ? (long long)((page - 1) * per_page) : 0);
    rc = fm_repo_list(s, st, sizeof(fm_seeker), read_row, free_list, &v, n, err);
    *out = v;
done:
    sqlite3_finalize(st);
    return rc;
}

fm_rc fm_store_seeker_pnr_holder(fm_store *s, const char *pnr, const char *except_id, char **holder,
                                 fm_err *err)
{
    char norm[13];
    sqlite3_stmt *st = NULL;
    fm_rc rc = FM_OK;
    int step;

    *holder = NULL;
    if (!pnr || fm_personnummer_parse(pnr, fm_date_today().year, norm) != FM_PNR_OK)
        goto done;
    /* Served by 0008's partial index on personal_number. */
    rc = fm_repo_prepare(s,
                         "SELECT id FROM seekers WHERE personal_number = ?1 AND id IS NOT ?2 "
                         "ORDER BY id LIMIT 1",
                         &st, err);
    if (rc)
        goto done;
    fm_store_bind_text(st, 1, norm);
    fm_store_bind_text(st, 2, except_id);
    step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        bool oom = false;
        *holder = fm_repo_dup(st, 0, &oom);
        if (oom)
            rc = fm_err_set(err, FM_ENOMEM, "out of memory");
    } else if (step != SQLITE_DONE) {
        rc = fm_store_dberr(s, err, "seekers");
    }
done:
    sqlite3_finalize(st);
    return rc;
}

/* FM_ECONFLICT naming the seeker who already holds p's personal number. */
static fm_rc check_pnr_unique(fm_store *s, const fm_seeker *p, fm_err *err)
{
    char *holder = NULL;
    char shown[128];
    fm_rc rc = fm_store_seeker_pnr_holder(s, p->personal_number, p->id, &holder, err);
    if (!rc && holder)
        rc = fm_err_set(err, FM_ECONFLICT,
                        "personal_number: already the personal number of seeker %s",
                        fm_text_quote(holder, shown, sizeof shown));
    free(holder);
    return rc;
}

#define BIT(f) ((fields & (f)) != 0)

fm_rc fm_store_seeker_upsert(fm_store *s, const fm_seeker *p, unsigned fields, bool *created,
                             bool *changed, fm_err *err)
{
    char pnr[13];
    const char *pnr_val = NULL;
    fm_repo_val key[] = {FM_REPO_T("id", p->id, false)};
    fm_rc rc = fm_seeker_validate(p, err);

    if (rc)
        return rc;
    if (p->personal_number && p->personal_number[0] &&
        fm_personnummer_parse(p->personal_number, fm_date_today().year, pnr) == FM_PNR_OK)
        pnr_val = pnr;
    if (pnr_val) {
        rc = check_pnr_unique(s, p, err);
        if (rc)
            return rc;
    }
    {
        fm_repo_val vals[] = {
            FM_REPO_T("first_name", p->first_name, BIT(FM_SEEKER_FIRST_NAME)),
            FM_REPO_T("last_name", p->last_name, BIT(FM_SEEKER_LAST_NAME)),
            FM_REPO_T("gender", fm_gender_name(p->gender), BIT(FM_SEEKER_GENDER)),
            FM_REPO_OPT("birth_year", p->birth_year, 0, BIT(FM_SEEKER_BIRTH_YEAR)),
            FM_REPO_T("personal_number", pnr_val, BIT(FM_SEEKER_PERSONAL_NUMBER)),
            FM_REPO_T("eligibility", p->eligibility, BIT(FM_SEEKER_ELIGIBILITY)),
            FM_REPO_T("interests", p->interests ? p->interests : "", BIT(FM_SEEKER_INTERESTS)),
            FM_REPO_T("experience", p->experience ? p->experience : "", BIT(FM_SEEKER_EXPERIENCE)),
            FM_REPO_OPT("education_level", p->education_level, 0, BIT(FM_SEEKER_EDUCATION_LEVEL)),
            FM_REPO_OPT("swedish_level", p->swedish_level, -1, BIT(FM_SEEKER_SWEDISH_LEVEL)),
            FM_REPO_OPT("driving_licence", p->driving_licence, -1, BIT(FM_SEEKER_DRIVING_LICENCE)),
            FM_REPO_OPT("extent_preference", p->extent_preference, 0,
                        BIT(FM_SEEKER_EXTENT_PREFERENCE)),
            FM_REPO_OPT("screening", p->screening, -1, BIT(FM_SEEKER_SCREENING)),
            FM_REPO_T("phone", p->phone, BIT(FM_SEEKER_PHONE)),
            FM_REPO_T("email", p->email, BIT(FM_SEEKER_EMAIL)),
            FM_REPO_T("registered", p->registered, BIT(FM_SEEKER_REGISTERED)),
        };
        rc = fm_repo_upsert(s, "seekers", key, 1, vals, sizeof vals / sizeof vals[0], created,
                            changed, NULL, err);
    }
    return rc;
}

fm_rc fm_store_seeker_delete(fm_store *s, const char *id, fm_err *err)
{
    return fm_repo_delete(s, "seekers", "id", id, "seeker", err);
}

fm_rc fm_store_seeker_read(fm_store *s, const char *actor, const char *id, fm_seeker *out,
                           fm_err *err)
{
    fm_rc rc = fm_store_seeker_get(s, id, out, err);

    if (!rc)
        rc = fm_store_audit(s, actor, "read", "seeker", out->id, NULL, err);
    if (rc) {
        fm_seeker_release(out);
        fm_seeker_init(out);
    }
    return rc;
}

/* The names of the fields written, for the audit row (never their values),
 * in the order of the FM_SEEKER_* bits. */
static void changed_names(unsigned fields, char *out, size_t cap)
{
    static const char *const names[] = {
        "first_name",      "last_name",     "gender",          "birth_year",
        "personal_number", "eligibility",   "interests",       "experience",
        "education_level", "swedish_level", "driving_licence", "extent_preference",
        "screening",       "phone",         "email",           "registered",
    };
    size_t len = 0;

    out[0] = '\0';
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        size_t k = strlen(names[i]);
        if (!(fields & (1u << i)) || len + k + 2 > cap)
            continue;
        if (len)
            out[len++] = ',';
        memcpy(out + len, names[i], k + 1);
        len += k;
    }
}

/* fm_store_seeker_edit's arguments, for its body. */
typedef struct seeker_edit {
    const char *actor;
    const char *id;
    fm_seeker_edit_fn edit;
    void *arg;
    fm_seeker *out;
} seeker_edit;

static fm_rc edit_body(fm_store *s, void *arg, fm_err *err)
{
    const seeker_edit *a = arg;
    unsigned fields = 0;
    char detail[256];
    /* The edit starts from the stored record so that validation sees the whole of it. */
    fm_rc rc = fm_store_seeker_get(s, a->id, a->out, err);

    if (!rc)
        rc = a->edit(a->arg, a->out, &fields, err);
    if (!rc)
        rc = fm_store_seeker_upsert(s, a->out, fields, NULL, NULL, err);
    changed_names(fields, detail, sizeof detail);
    if (!rc)
        rc = fm_store_audit(s, a->actor, "update", "seeker", a->id, detail, err);
    return rc;
}

fm_rc fm_store_seeker_edit(fm_store *s, const char *actor, const char *id, fm_seeker_edit_fn edit,
                           void *arg, fm_seeker *out, fm_err *err)
{
    seeker_edit a = {actor, id, edit, arg, out};

    fm_seeker_init(out);
    return fm_repo_transact(s, edit_body, &a, err);
}
