/*
 * h_employments.c - /api/employments and /api/followup: the life cycle
 * after the yes (decision, start, extensions, end, status, follow-ups) and
 * the follow-up worklist. Rules, transactions and audit rows are
 * fairmatch/lifecycle.h's; this file decodes, scopes a manager to their
 * department and renders.
 */
#include <stdlib.h>
#include <string.h>

#include "fairmatch/date.h"
#include "fairmatch/lifecycle.h"
#include "http_handlers.h"
#include "http_internal.h"

/* A manager's department, or NULL for an organiser (who sees every one). */
static const char *scope(const fm_http_ctx *c)
{
    return FM_IS_MANAGER(c) ? c->user.department_id : NULL;
}

/*
 * A manager sees, after the end, the status fields they record but not why
 * it ended: an interruption code (substance abuse, prison service, ...)
 * is the organisers' and the agency's business.
 */
static cJSON *render(const fm_http_ctx *c, const fm_employment *e)
{
    bool hide_reason = FM_IS_MANAGER(c) && e->end_date;
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    cJSON_AddNumberToObject(o, "id", (double)e->id);
    fm_json_add_str(o, "seeker_id", e->seeker_id);
    fm_json_add_str(o, "department_id", e->department_id);
    fm_json_add_str(o, "position_id", e->position_id);
    if (e->interview_id)
        cJSON_AddNumberToObject(o, "interview_id", (double)e->interview_id);
    else
        cJSON_AddNullToObject(o, "interview_id");
    fm_json_add_str(o, "accepted_date", e->accepted_date);
    fm_json_add_str(o, "decision_date", e->decision_date);
    fm_json_add_str(o, "start_date", e->start_date);
    fm_json_add_str(o, "planned_end", e->planned_end);
    fm_json_add_str(o, "end_date", e->end_date);
    fm_json_add_str(o, "end_reason", hide_reason ? NULL : e->end_reason);
    fm_json_add_str(o, "end_class", hide_reason ? NULL : fm_end_reason_class_name(e->end_reason));
    fm_json_add_str(o, "status_90", e->status_90);
    fm_json_add_str(o, "status_180", e->status_180);
    fm_json_add_str(o, "status_365", e->status_365);
    if (e->extent > 0)
        cJSON_AddNumberToObject(o, "extent", e->extent);
    else
        cJSON_AddNullToObject(o, "extent");
    return o;
}

static bool parse_id(fm_http_ctx *c, long long *id)
{
    char *end = NULL;
    *id = strtoll(c->params[0], &end, 10);
    if (!end || *end || *id <= 0) {
        fm_http_reply_not_found(c);
        return false;
    }
    return true;
}

/*
 * True when employment id exists and the caller may see it; otherwise 404
 * is sent (a manager is not told another department's employment exists).
 */
static bool visible(fm_http_ctx *c, long long id)
{
    fm_employment e = {0};
    fm_err err = {0};
    fm_rc rc = fm_store_employment_get(c->db, id, &e, &err);
    if (!rc && scope(c) && strcmp(e.department_id, scope(c)))
        rc = fm_err_set(&err, FM_ENOTFOUND, "no such record");
    fm_employment_release(&e);
    if (rc)
        fm_http_reply_rc(c, &err);
    return rc == FM_OK;
}

void fm_h_employments_list(fm_http_ctx *c)
{
    fm_employment_query q = {0};
    fm_employment *v = NULL;
    size_t n = 0;
    fm_err err = {0};
    cJSON *o = NULL, *items = NULL;
    const char *open = fm_http_query(c, "open");
    fm_rc rc;

    q.seeker_id = fm_http_query(c, "seeker");
    q.department_id = scope(c) ? scope(c) : fm_http_query(c, "department");
    rc = fm_store_employment_list(c->db, &q, &v, &n, &err);
    if (!rc && (o = cJSON_CreateObject()))
        items = cJSON_AddArrayToObject(o, "items");
    for (size_t i = 0; items && i < n; i++) {
        if (open && !strcmp(open, "true") && v[i].end_date)
            continue;
        cJSON_AddItemToArray(items, render(c, &v[i]));
    }
    fm_http_reply_ok_or_rc(c, rc, &err, 200, o);
    fm_employment_list_free(v, n);
}

/* One array item: the i-th record of v rendered by one. */
typedef cJSON *(*item_renderer)(const void *v, size_t i);

/* [one(v, 0), ..., one(v, n - 1)]; a failed item fails the reply (response.c). */
static cJSON *render_array(const void *v, size_t n, item_renderer one)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; a && i < n; i++) {
        cJSON *o = one(v, i);
        if (!o)
            break;
        cJSON_AddItemToArray(a, o);
    }
    return a;
}

static cJSON *render_extension(const void *v, size_t i)
{
    const fm_extension *x = (const fm_extension *)v + i;
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    cJSON_AddNumberToObject(o, "id", (double)x->id);
    fm_json_add_str(o, "decision_date", x->decision_date);
    fm_json_add_str(o, "planned_end", x->planned_end);
    return o;
}

static cJSON *render_follow_up(const void *v, size_t i)
{
    const fm_follow_up *f = (const fm_follow_up *)v + i;
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    cJSON_AddNumberToObject(o, "id", (double)f->id);
    fm_json_add_str(o, "milestone", f->milestone);
    fm_json_add_str(o, "date", f->done_on);
    fm_json_add_str(o, "by", f->done_by);
    fm_json_add_str(o, "status", f->status);
    fm_json_add_str(o, "note", f->note);
    return o;
}

/* Reply with employment id in full: its extensions and follow-ups too. */
static void reply_employment(fm_http_ctx *c, long long id, unsigned status)
{
    fm_employment e = {0};
    fm_extension *x = NULL;
    fm_follow_up *f = NULL;
    size_t nx = 0, nf = 0;
    fm_err err = {0};
    cJSON *o = NULL;
    fm_rc rc = fm_store_employment_get(c->db, id, &e, &err);

    if (!rc && scope(c) && strcmp(e.department_id, scope(c)))
        rc = fm_err_set(&err, FM_ENOTFOUND, "no such record");
    if (!rc)
        rc = fm_store_extension_list(c->db, id, &x, &nx, &err);
    if (!rc)
        rc = fm_store_follow_up_list(c->db, id, &f, &nf, &err);
    if (!rc && (o = render(c, &e))) {
        cJSON_AddItemToObject(o, "extensions", render_array(x, nx, render_extension));
        cJSON_AddItemToObject(o, "follow_ups", render_array(f, nf, render_follow_up));
    }
    fm_http_reply_ok_or_rc(c, rc, &err, status, o);
    fm_follow_up_list_free(f, nf);
    fm_extension_list_free(x, nx);
    fm_employment_release(&e);
}

void fm_h_employment_get(fm_http_ctx *c)
{
    long long id;
    if (parse_id(c, &id))
        reply_employment(c, id, 200);
}

/* A date field: absent/null leaves *out NULL; anything else must be YYYY-MM-DD. */
static fm_rc get_date(const cJSON *body, const char *key, bool required, const char **out,
                      fm_err *err)
{
    fm_date d;
    fm_rc rc = fm_json_get_str(body, key, required, 10, out, NULL, err);
    if (!rc && *out && !fm_date_parse(*out, &d))
        rc = fm_err_set(err, FM_EINVAL, "%s: must be a date YYYY-MM-DD", key);
    return rc;
}

static fm_rc decode_decision(const cJSON *body, fm_employment *e, fm_err *err)
{
    const char *seeker = NULL, *dept = NULL, *dec = NULL, *start = NULL, *planned = NULL;
    long iv = 0;
    double extent = 0;
    bool has_iv = false;
    fm_rc rc = fm_json_get_str(body, "seeker_id", true, FM_HTTP_MAX_ID, &seeker, NULL, err);
    if (!rc)
        rc = fm_json_get_str(body, "department_id", true, FM_HTTP_MAX_ID, &dept, NULL, err);
    if (!rc)
        rc = get_date(body, "decision_date", true, &dec, err);
    if (!rc)
        rc = get_date(body, "start_date", false, &start, err);
    if (!rc)
        rc = get_date(body, "planned_end", false, &planned, err);
    if (!rc)
        rc = fm_json_get_int(body, "interview_id", false, 1, 2147483647L, &iv, &has_iv, err);
    if (!rc)
        rc = fm_json_get_num(body, "extent", false, 1, 100, &extent, NULL, err);
    e->seeker_id = (char *)seeker;
    e->department_id = (char *)dept;
    e->decision_date = (char *)dec;
    e->start_date = (char *)start;
    e->planned_end = (char *)planned;
    e->interview_id = has_iv ? iv : 0;
    e->extent = extent;
    return rc;
}

void fm_h_employments_create(fm_http_ctx *c)
{
    fm_employment e = {0};
    char today[11];
    long long id = 0;
    fm_err err = {0};
    cJSON *body = fm_http_body(c);
    fm_rc rc;

    if (!body)
        return;
    rc = decode_decision(body, &e, &err);
    if (!rc)
        rc = fm_lifecycle_decide(c->db, c->user.username, scope(c), &e,
                                 fm_date_format(fm_date_today(), today), &id, &err);
    if (rc)
        fm_http_reply_rc(c, &err);
    else
        reply_employment(c, id, 201);
    cJSON_Delete(body);
}

static const struct {
    const char *key;
    unsigned bit;
    bool date;
} change_keys[] = {
    {"start_date", FM_EMPLOYMENT_START_DATE, true},
    {"planned_end", FM_EMPLOYMENT_PLANNED_END, true},
    {"end_date", FM_EMPLOYMENT_END_DATE, true},
    {"end_reason", FM_EMPLOYMENT_END_REASON, false},
    {"status_90", FM_EMPLOYMENT_STATUS_90, false},
    {"status_180", FM_EMPLOYMENT_STATUS_180, false},
    {"status_365", FM_EMPLOYMENT_STATUS_365, false},
};

static const char **change_slot(fm_employment *e, unsigned bit)
{
    switch (bit) {
    case FM_EMPLOYMENT_START_DATE:
        return (const char **)&e->start_date;
    case FM_EMPLOYMENT_PLANNED_END:
        return (const char **)&e->planned_end;
    case FM_EMPLOYMENT_END_DATE:
        return (const char **)&e->end_date;
    case FM_EMPLOYMENT_END_REASON:
        return (const char **)&e->end_reason;
    case FM_EMPLOYMENT_STATUS_90:
        return (const char **)&e->status_90;
    case FM_EMPLOYMENT_STATUS_180:
        return (const char **)&e->status_180;
    default:
        return (const char **)&e->status_365;
    }
}

/* The keys present (null clears) into e (borrowed from body) and *fields. Unknown keys: 400. */
static fm_rc decode_change(const cJSON *body, fm_employment *e, unsigned *fields, fm_err *err)
{
    const cJSON *item;
    fm_rc rc = FM_OK;
    *fields = 0;
    cJSON_ArrayForEach(item, body)
    {
        size_t i = 0, n = sizeof change_keys / sizeof change_keys[0];
        for (; i < n && strcmp(item->string, change_keys[i].key); i++)
            ;
        if (i == n && strcmp(item->string, "extent"))
            return fm_err_set(err, FM_EINVAL, "%s: not a field of an employment one can change",
                              item->string);
    }
    for (size_t i = 0; !rc && i < sizeof change_keys / sizeof change_keys[0]; i++) {
        bool has = false;
        const char **slot = change_slot(e, change_keys[i].bit);
        if (!cJSON_GetObjectItemCaseSensitive(body, change_keys[i].key))
            continue;
        if (change_keys[i].date)
            rc = get_date(body, change_keys[i].key, false, slot, err);
        else
            rc = fm_json_get_str(body, change_keys[i].key, false, 32, slot, &has, err);
        *fields |= change_keys[i].bit;
    }
    if (!rc && cJSON_GetObjectItemCaseSensitive(body, "extent")) {
        rc = fm_json_get_num(body, "extent", false, 1, 100, &e->extent, NULL, err);
        *fields |= FM_EMPLOYMENT_EXTENT;
    }
    return rc;
}

/*
 * One write on employment id (from the path), as each of the routes below
 * does it: body is the request's, err the failure's. The lifecycle_repo.c
 * call holds the transaction and the audit row.
 */
typedef fm_rc (*employment_write)(fm_http_ctx *c, long long id, const cJSON *body, fm_err *err);

/* Find the employment (404 for one the caller may not see), read the body,
 * write, and answer with the employment in full (status) or the error. */
static void write_employment(fm_http_ctx *c, employment_write write, unsigned status)
{
    long long id;
    fm_err err = {0};
    cJSON *body = NULL;
    fm_rc rc;

    if (!parse_id(c, &id) || !visible(c, id) || !(body = fm_http_body(c)))
        return;
    rc = write(c, id, body, &err);
    if (rc)
        fm_http_reply_rc(c, &err);
    else
        reply_employment(c, id, status);
    cJSON_Delete(body);
}

static fm_rc change(fm_http_ctx *c, long long id, const cJSON *body, fm_err *err)
{
    fm_employment e = {0};
    unsigned fields = 0;
    char today[11];
    fm_rc rc = decode_change(body, &e, &fields, err);

    if (!rc)
        rc = fm_lifecycle_update(c->db, c->user.username, scope(c), id, &e, fields,
                                 FM_IS_MANAGER(c), fm_date_format(fm_date_today(), today), err);
    return rc;
}

void fm_h_employment_put(fm_http_ctx *c)
{
    write_employment(c, change, 200);
}

static fm_rc extend(fm_http_ctx *c, long long id, const cJSON *body, fm_err *err)
{
    const char *dec = NULL, *planned = NULL;
    fm_rc rc = get_date(body, "decision_date", true, &dec, err);

    if (!rc)
        rc = get_date(body, "planned_end", false, &planned, err);
    if (!rc)
        rc = fm_lifecycle_extend(c->db, c->user.username, scope(c), id, dec, planned, NULL, err);
    return rc;
}

void fm_h_employment_extend(fm_http_ctx *c)
{
    write_employment(c, extend, 201);
}

static fm_rc follow_up(fm_http_ctx *c, long long id, const cJSON *body, fm_err *err)
{
    const char *milestone = NULL, *date = NULL, *status = NULL, *note = NULL;
    char today[11];
    fm_rc rc = fm_json_get_str(body, "milestone", true, 16, &milestone, NULL, err);

    if (!rc)
        rc = get_date(body, "date", false, &date, err);
    if (!rc)
        rc = fm_json_get_str(body, "status", false, 32, &status, NULL, err);
    if (!rc)
        rc = fm_json_get_str(body, "note", false, 500, &note, NULL, err);
    if (!rc && !date)
        date = fm_date_format(fm_date_today(), today);
    if (!rc)
        rc = fm_lifecycle_follow_up(c->db, c->user.username, scope(c), id, milestone, date, status,
                                    note, err);
    return rc;
}

void fm_h_employment_follow_up(fm_http_ctx *c)
{
    write_employment(c, follow_up, 201);
}

void fm_h_followup(fm_http_ctx *c)
{
    fm_work_item *v = NULL;
    size_t n = 0;
    char today[11];
    const char *date = fm_http_query(c, "date");
    fm_err err = {0};
    cJSON *o = NULL, *items = NULL;
    fm_rc rc;

    if (!date)
        date = fm_date_format(fm_date_today(), today);
    rc = fm_store_worklist(c->db, date, scope(c), &v, &n, &err);
    if (!rc && (o = cJSON_CreateObject())) {
        cJSON_AddStringToObject(o, "date", date);
        items = cJSON_AddArrayToObject(o, "items");
    }
    for (size_t i = 0; items && i < n; i++) {
        cJSON *it = cJSON_CreateObject();
        if (!it)
            break;
        fm_json_add_str(it, "due", v[i].due);
        fm_json_add_str(it, "seeker_id", v[i].seeker_id);
        fm_json_add_str(it, "seeker_name", v[i].seeker_name);
        fm_json_add_str(it, "department_id", v[i].department_id);
        cJSON_AddNumberToObject(it, "employment_id", (double)v[i].employment_id);
        fm_json_add_str(it, "item", v[i].item);
        fm_json_add_str(it, "action", v[i].action);
        cJSON_AddItemToArray(items, it);
    }
    fm_http_reply_ok_or_rc(c, rc, &err, 200, o);
    fm_work_item_list_free(v, n);
}
