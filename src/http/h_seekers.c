/*
 * h_seekers.c - /api/seekers: search with paging, read one (audited), edit.
 * Managers see only their own candidates (fairmatch/interview.h answers
 * who those are); the personal number is never sent, only accepted.
 * Records and validation are fairmatch/seeker.h's.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/interview.h"
#include "fairmatch/limits.h"
#include "fairmatch/seeker.h"
#include "http_decode.h"
#include "http_handlers.h"
#include "http_internal.h"

enum kind { K_STR, K_INT, K_BOOL, K_GENDER };

typedef struct sfield {
    const char *key;
    unsigned bit;
    enum kind kind;
    size_t off;
    long lo, hi, none; /* K_STR: hi = max bytes */
} sfield;

#define S(k, b, m)                                                                                 \
    {                                                                                              \
        k, b, K_STR, offsetof(fm_seeker, m), 0, m##_MAX, 0                                         \
    }
#define first_name_MAX FM_LIMIT_SEEKER_FIRST_NAME
#define last_name_MAX FM_LIMIT_SEEKER_LAST_NAME
#define personal_number_MAX FM_LIMIT_SEEKER_PERSONAL_NUMBER
#define eligibility_MAX FM_LIMIT_SEEKER_ELIGIBILITY
#define interests_MAX FM_LIMIT_SEEKER_INTERESTS
#define experience_MAX FM_LIMIT_SEEKER_EXPERIENCE
#define phone_MAX FM_LIMIT_SEEKER_PHONE
#define email_MAX FM_LIMIT_SEEKER_EMAIL
#define registered_MAX FM_LIMIT_DATE

static const sfield fields[] = {
    S("first_name", FM_SEEKER_FIRST_NAME, first_name),
    S("last_name", FM_SEEKER_LAST_NAME, last_name),
    {"gender", FM_SEEKER_GENDER, K_GENDER, offsetof(fm_seeker, gender), 0, 0, 0},
    {"birth_year", FM_SEEKER_BIRTH_YEAR, K_INT, offsetof(fm_seeker, birth_year), 1900, 2100, 0},
    S("personal_number", FM_SEEKER_PERSONAL_NUMBER, personal_number),
    S("eligibility", FM_SEEKER_ELIGIBILITY, eligibility),
    S("interests", FM_SEEKER_INTERESTS, interests),
    S("experience", FM_SEEKER_EXPERIENCE, experience),
    {"education_level", FM_SEEKER_EDUCATION_LEVEL, K_INT, offsetof(fm_seeker, education_level), 1,
     5, 0},
    {"swedish_level", FM_SEEKER_SWEDISH_LEVEL, K_INT, offsetof(fm_seeker, swedish_level), 0, 5, -1},
    {"driving_licence", FM_SEEKER_DRIVING_LICENCE, K_BOOL, offsetof(fm_seeker, driving_licence), 0,
     1, -1},
    {"extent_preference", FM_SEEKER_EXTENT_PREFERENCE, K_INT,
     offsetof(fm_seeker, extent_preference), 1, 100, 0},
    {"screening", FM_SEEKER_SCREENING, K_INT, offsetof(fm_seeker, screening), 0, 5, -1},
    S("phone", FM_SEEKER_PHONE, phone),
    S("email", FM_SEEKER_EMAIL, email),
    S("registered", FM_SEEKER_REGISTERED, registered),
};

static fm_rc decode_one(const cJSON *body, const sfield *f, fm_seeker *p, fm_err *err)
{
    char *base = (char *)p;
    const char *str = NULL;
    bool has = false, b = false;
    long v = 0;
    fm_rc rc = FM_OK;

    switch (f->kind) {
    case K_STR: {
        char **slot = (char **)(void *)(base + f->off);
        if (f->bit == FM_SEEKER_FIRST_NAME || f->bit == FM_SEEKER_LAST_NAME)
            rc = fm_json_get_name(body, f->key, false, (size_t)f->hi, &str, &has, err);
        else
            rc = fm_json_get_str(body, f->key, false, (size_t)f->hi, &str, &has, err);
        if (rc)
            return rc;
        free(*slot);
        *slot = NULL;
        if (has && !(*slot = strdup(str)))
            return fm_err_set(err, FM_ENOMEM, "out of memory");
        /* interests/experience are "" when none, never NULL. */
        if (!has && (f->bit == FM_SEEKER_INTERESTS || f->bit == FM_SEEKER_EXPERIENCE) &&
            !(*slot = strdup("")))
            return fm_err_set(err, FM_ENOMEM, "out of memory");
        return FM_OK;
    }
    case K_INT:
        rc = fm_json_get_int(body, f->key, false, f->lo, f->hi, &v, &has, err);
        *(int *)(void *)(base + f->off) = has ? (int)v : (int)f->none;
        return rc;
    case K_BOOL:
        rc = fm_json_get_bool(body, f->key, false, &b, &has, err);
        *(int *)(void *)(base + f->off) = has ? (b ? 1 : 0) : -1;
        return rc;
    case K_GENDER:
        rc = fm_json_get_str(body, f->key, true, 10, &str, NULL, err);
        if (!rc && !fm_gender_parse(str, &p->gender))
            rc = fm_err_set(err, FM_EINVAL, "gender: must be woman, man or other");
        return rc;
    }
    return rc;
}

fm_rc fm_http_decode_seeker(const cJSON *body, fm_seeker *p, unsigned *bits, fm_err *err)
{
    *bits = 0;
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        fm_rc rc;
        if (!cJSON_GetObjectItemCaseSensitive(body, fields[i].key))
            continue;
        rc = decode_one(body, &fields[i], p, err);
        if (rc)
            return rc;
        *bits |= fields[i].bit;
    }
    if (cJSON_GetObjectItemCaseSensitive(body, "has_personal_number") ||
        cJSON_GetObjectItemCaseSensitive(body, "purged"))
        return fm_err_set(err, FM_EINVAL, "purged: read-only");
    return FM_OK;
}

static cJSON *render(const fm_seeker *p)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    cJSON_AddStringToObject(o, "id", p->id);
    fm_json_add_str(o, "first_name", p->first_name);
    fm_json_add_str(o, "last_name", p->last_name);
    cJSON_AddStringToObject(o, "gender", fm_gender_name(p->gender));
    if (p->birth_year)
        cJSON_AddNumberToObject(o, "birth_year", p->birth_year);
    else
        cJSON_AddNullToObject(o, "birth_year");
    fm_json_add_str(o, "eligibility", p->eligibility);
    cJSON_AddStringToObject(o, "interests", p->interests ? p->interests : "");
    cJSON_AddStringToObject(o, "experience", p->experience ? p->experience : "");
#define OPT(key, v, none)                                                                          \
    do {                                                                                           \
        if ((v) == (none))                                                                         \
            cJSON_AddNullToObject(o, key);                                                         \
        else                                                                                       \
            cJSON_AddNumberToObject(o, key, (v));                                                  \
    } while (0)
    OPT("education_level", p->education_level, 0);
    OPT("swedish_level", p->swedish_level, -1);
    if (p->driving_licence < 0)
        cJSON_AddNullToObject(o, "driving_licence");
    else
        cJSON_AddBoolToObject(o, "driving_licence", p->driving_licence == 1);
    OPT("extent_preference", p->extent_preference, 0);
    OPT("screening", p->screening, -1);
#undef OPT
    fm_json_add_str(o, "phone", p->phone);
    fm_json_add_str(o, "email", p->email);
    fm_json_add_str(o, "registered", p->registered);
    cJSON_AddBoolToObject(o, "purged", p->purged);
    return o;
}

static cJSON *list_item(const char *id, const char *first, const char *last, const char *gender,
                        int birth_year, const char *registered)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    cJSON_AddStringToObject(o, "id", id);
    fm_json_add_str(o, "first_name", first);
    fm_json_add_str(o, "last_name", last);
    cJSON_AddStringToObject(o, "gender", gender);
    if (birth_year)
        cJSON_AddNumberToObject(o, "birth_year", birth_year);
    else
        cJSON_AddNullToObject(o, "birth_year");
    fm_json_add_str(o, "registered", registered);
    return o;
}

/* page, per_page from the query string; replies 400 and returns false when bad. */
static bool paging(fm_http_ctx *c, size_t *page, size_t *per_page)
{
    const char *names[2] = {"page", "per_page"};
    size_t *outs[2] = {page, per_page};
    size_t max[2] = {1000000, 500};

    *page = 1;
    *per_page = 50;
    for (int i = 0; i < 2; i++) {
        const char *s = fm_http_query(c, names[i]);
        size_t v = 0;
        if (!s)
            continue;
        for (const char *p = s; *p; p++) {
            if (*p < '0' || *p > '9' || v > max[i]) {
                v = 0;
                break;
            }
            v = v * 10 + (size_t)(*p - '0');
        }
        if (!*s || v < 1 || v > max[i]) {
            fm_http_reply_error(c, 400, names[i], "must be an integer 1...%zu", max[i]);
            return false;
        }
        *outs[i] = v;
    }
    return true;
}

static cJSON *page_object(size_t page, size_t per_page, size_t total, cJSON **items)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    *items = cJSON_AddArrayToObject(o, "items");
    cJSON_AddNumberToObject(o, "page", (double)page);
    cJSON_AddNumberToObject(o, "per_page", (double)per_page);
    cJSON_AddNumberToObject(o, "total", (double)total);
    return o;
}

static void list_for_manager(fm_http_ctx *c, const char *q, size_t page, size_t per_page)
{
    fm_candidate *v = NULL;
    size_t n = 0, total = 0;
    cJSON *o = NULL, *items = NULL;
    fm_err err = {0};
    fm_rc rc = fm_store_candidate_list(c->db, c->user.department_id, q, page, per_page, &v, &n,
                                       &total, &err);
    if (!rc)
        o = page_object(page, per_page, total, &items);
    for (size_t i = 0; items && i < n; i++)
        cJSON_AddItemToArray(items, list_item(v[i].id, v[i].first_name, v[i].last_name, v[i].gender,
                                              v[i].birth_year, v[i].registered));
    fm_http_reply_ok_or_rc(c, rc, &err, 200, o);
    fm_candidate_list_free(v, n);
}

void fm_h_seekers_list(fm_http_ctx *c)
{
    const char *q = fm_http_query(c, "q");
    size_t page, per_page, n = 0, total = 0;
    fm_seeker_query query = {0};
    fm_seeker *v = NULL;
    cJSON *o = NULL, *items = NULL;
    fm_err err = {0};
    fm_rc rc;

    if (!paging(c, &page, &per_page))
        return;
    if (q && strlen(q) > 100) {
        fm_http_reply_error(c, 400, "q", "longer than 100 bytes");
        return;
    }
    if (FM_IS_MANAGER(c)) {
        list_for_manager(c, q, page, per_page);
        return;
    }
    query.search = q;
    query.page = page;
    query.per_page = per_page;
    rc = fm_store_seeker_list(c->db, &query, &v, &n, &total, &err);
    if (!rc)
        o = page_object(page, per_page, total, &items);
    for (size_t i = 0; items && i < n; i++)
        cJSON_AddItemToArray(items, list_item(v[i].id, v[i].first_name, v[i].last_name,
                                              fm_gender_name(v[i].gender), v[i].birth_year,
                                              v[i].registered));
    fm_http_reply_ok_or_rc(c, rc, &err, 200, o);
    fm_seeker_list_free(v, n);
}

/* A manager may only know of their own candidates: anyone else is 404. */
static bool may_see(fm_http_ctx *c, const char *seeker_id)
{
    bool yes = false;
    fm_err err = {0};

    if (!FM_IS_MANAGER(c))
        return true;
    if (fm_store_seeker_is_candidate(c->db, seeker_id, c->user.department_id, &yes, &err)) {
        fm_http_reply_rc(c, &err);
        return false;
    }
    if (!yes)
        fm_http_reply_not_found(c);
    return yes;
}

void fm_h_seeker_get(fm_http_ctx *c)
{
    fm_seeker p;
    fm_err err = {0};
    fm_rc rc;

    fm_seeker_init(&p);
    if (!may_see(c, c->params[0]))
        return;
    /* Reading a record with personal data is itself audited. */
    rc = fm_store_seeker_read(c->db, c->user.username, c->params[0], &p, &err);
    fm_http_reply_ok_or_rc(c, rc, &err, 200, rc ? NULL : render(&p));
    fm_seeker_release(&p);
}

/* fm_seeker_edit_fn: the request body (arg) onto the stored record. */
static fm_rc apply_body(void *arg, fm_seeker *p, unsigned *bits, fm_err *err)
{
    return fm_http_decode_seeker(arg, p, bits, err);
}

void fm_h_seeker_put(fm_http_ctx *c)
{
    fm_seeker p;
    fm_err err = {0};
    cJSON *body = fm_http_body(c);
    fm_rc rc;

    fm_seeker_init(&p);
    if (!body)
        return;
    rc = fm_http_write_id(c, body, false, NULL, &err);
    if (!rc)
        rc =
            fm_store_seeker_edit(c->db, c->user.username, c->params[0], apply_body, body, &p, &err);
    fm_seeker_release(&p);
    fm_seeker_init(&p);
    /* Read back what the database holds now, as a GET would. */
    if (!rc)
        rc = fm_store_seeker_get(c->db, c->params[0], &p, &err);
    fm_http_reply_ok_or_rc(c, rc, &err, 200, rc ? NULL : render(&p));
    fm_seeker_release(&p);
    cJSON_Delete(body);
}
