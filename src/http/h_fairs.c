/*
 * h_fairs.c - /api/fairs and their positions: list, read, create, edit,
 * with a manager limited to the fairs their department takes part in and
 * to its own positions. Records and SQL are fairmatch/fair.h,
 * fairmatch/position.h and the tables per fair in fairmatch/interview.h;
 * writes are the store's audited saves, this file parses and renders.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/date.h"
#include "fairmatch/planning.h"
#include "http_decode.h"
#include "http_handlers.h"
#include "http_internal.h"

/* ---- decoding ---- */

static fm_rc decode_tables(const cJSON *arr, fm_fair_table **out, size_t *n, fm_err *err)
{
    fm_fair_table *v = NULL;
    size_t len = 0, count;
    const cJSON *el;
    fm_rc rc = FM_OK;

    if (!cJSON_IsArray(arr))
        return fm_err_set(err, FM_EINVAL, "departments: must be a list");
    count = (size_t)cJSON_GetArraySize(arr);
    if (count > 1000)
        return fm_err_set(err, FM_EINVAL, "departments: more than 1000 entries");
    v = calloc(count ? count : 1, sizeof *v);
    if (!v)
        return fm_err_set(err, FM_ENOMEM, "out of memory");
    cJSON_ArrayForEach(el, arr)
    {
        const char *id = NULL;
        long tables = 0;
        if (!cJSON_IsObject(el)) {
            rc = fm_err_set(err, FM_EINVAL, "departments[%zu]: must be an object", len);
            break;
        }
        rc = fm_json_get_str(el, "id", true, FM_HTTP_MAX_ID, &id, NULL, err);
        if (!rc)
            rc = fm_json_get_int(el, "tables", true, 1, 100, &tables, NULL, err);
        if (rc) {
            /* Prefix the element's path to the field name. */
            fm_err inner = *err;
            rc = fm_err_set(err, FM_EINVAL, "departments[%zu].%s", len, inner.msg);
            break;
        }
        v[len].department_id = strdup(id);
        v[len].tables = (int)tables;
        if (!v[len++].department_id) {
            rc = fm_err_set(err, FM_ENOMEM, "out of memory");
            break;
        }
    }
    if (rc) {
        fm_fair_table_list_free(v, len);
        return rc;
    }
    *out = v;
    *n = len;
    return FM_OK;
}

fm_rc fm_http_decode_fair(const cJSON *body, fm_fair *f, unsigned *bits, fm_fair_table **tables,
                          size_t *n_tables, bool *has_tables, fm_err *err)
{
    const cJSON *deps = cJSON_GetObjectItemCaseSensitive(body, "departments");
    fm_date d;
    int minutes;
    fm_rc rc;

    *bits = 0;
    *has_tables = false;
    *tables = NULL;
    *n_tables = 0;
    rc = fm_json_take_str(body, "date", FM_LIMIT_DATE, &f->date, FM_FAIR_DATE, bits, err);
    if (!rc && (*bits & FM_FAIR_DATE) && (!f->date || !fm_date_parse(f->date, &d)))
        rc = fm_err_set(err, FM_EINVAL, "date: must be a date YYYY-MM-DD");
    if (!rc)
        rc = fm_json_take_str(body, "start", 5, &f->start, FM_FAIR_START, bits, err);
    if (!rc && (*bits & FM_FAIR_START) && (!f->start || !fm_time_parse(f->start, &minutes)))
        rc = fm_err_set(err, FM_EINVAL, "start: must be a time HH:MM");
    if (!rc)
        rc = fm_json_take_int(body, "period_minutes", 1, 240, 15, &f->period_minutes,
                              FM_FAIR_PERIOD_MINUTES, bits, err);
    if (!rc)
        rc = fm_json_take_int(body, "periods", 1, 96, 0, &f->periods, FM_FAIR_PERIODS, bits, err);
    if (!rc && (*bits & FM_FAIR_PERIODS) && f->periods == 0)
        rc = fm_err_set(err, FM_EINVAL, "periods: must be an integer 1...96");
    if (!rc)
        rc = fm_json_take_str(body, "name", FM_LIMIT_FAIR_NAME, &f->name, FM_FAIR_NAME, bits, err);
    if (!rc)
        rc = fm_json_take_str(body, "place", FM_LIMIT_FAIR_PLACE, &f->place, FM_FAIR_PLACE, bits,
                              err);
    if (!rc && cJSON_GetObjectItemCaseSensitive(body, "status"))
        rc = fm_err_set(err, FM_EINVAL, "status: set by matching, not by hand");
    if (!rc && deps && !cJSON_IsNull(deps)) {
        rc = decode_tables(deps, tables, n_tables, err);
        *has_tables = rc == FM_OK;
    }
    return rc;
}

fm_rc fm_http_decode_position(const cJSON *body, fm_position *p, unsigned *bits, fm_err *err)
{
    bool has = false, b = false;
    double extent = 0;
    fm_rc rc;

    *bits = 0;
    rc = fm_json_take_str(body, "department_id", FM_HTTP_MAX_ID, &p->department_id,
                          FM_POSITION_DEPARTMENT, bits, err);
    if (!rc && (*bits & FM_POSITION_DEPARTMENT) && !p->department_id)
        rc = fm_err_set(err, FM_EINVAL, "department_id: is required");
    if (!rc)
        rc = fm_json_take_str(body, "title", FM_LIMIT_POSITION_TITLE, &p->title, FM_POSITION_TITLE,
                              bits, err);
    if (!rc)
        rc = fm_json_take_str(body, "occupation", FM_LIMIT_POSITION_OCCUPATION, &p->occupation,
                              FM_POSITION_OCCUPATION, bits, err);
    if (!rc)
        rc =
            fm_json_take_int(body, "places", 1, 1000, 1, &p->places, FM_POSITION_PLACES, bits, err);
    if (!rc)
        rc = fm_json_take_int(body, "min_swedish_level", 0, 5, -1, &p->min_swedish_level,
                              FM_POSITION_MIN_SWEDISH_LEVEL, bits, err);
    if (!rc)
        rc = fm_json_get_bool(body, "requires_driving_licence", false, &b, &has, err);
    if (!rc && has) {
        p->requires_driving_licence = b;
        *bits |= FM_POSITION_REQUIRES_DRIVING_LICENCE;
    }
    if (!rc && cJSON_GetObjectItemCaseSensitive(body, "extent")) {
        rc = fm_json_get_num(body, "extent", false, 0, 100, &extent, &has, err);
        if (!rc && has && extent <= 0)
            rc = fm_err_set(err, FM_EINVAL, "extent: must be more than 0 and at most 100");
        p->extent = has ? extent : 0;
        *bits |= FM_POSITION_EXTENT;
    }
    /* title and occupation are "" rather than NULL when cleared. */
    if (!rc && !p->title && !(p->title = strdup("")))
        rc = fm_err_set(err, FM_ENOMEM, "out of memory");
    if (!rc && !p->occupation && !(p->occupation = strdup("")))
        rc = fm_err_set(err, FM_ENOMEM, "out of memory");
    return rc;
}

/* ---- rendering ---- */

cJSON *fm_http_render_fair(fm_http_ctx *c, const fm_fair *f, fm_err *err)
{
    fm_fair_table *t = NULL;
    size_t n = 0;
    cJSON *o, *deps;

    if (fm_store_fair_tables(c->db, f->id, &t, &n, err))
        return NULL;
    o = cJSON_CreateObject();
    if (o) {
        cJSON_AddStringToObject(o, "id", f->id);
        cJSON_AddStringToObject(o, "date", f->date);
        cJSON_AddStringToObject(o, "start", f->start);
        cJSON_AddNumberToObject(o, "period_minutes", f->period_minutes);
        cJSON_AddNumberToObject(o, "periods", f->periods);
        fm_json_add_str(o, "name", f->name);
        fm_json_add_str(o, "place", f->place);
        cJSON_AddStringToObject(o, "status", f->status ? f->status : "planned");
        deps = cJSON_AddArrayToObject(o, "departments");
        for (size_t i = 0; deps && i < n; i++) {
            cJSON *d = cJSON_CreateObject();
            if (!d)
                break;
            cJSON_AddStringToObject(d, "id", t[i].department_id);
            cJSON_AddNumberToObject(d, "tables", t[i].tables);
            cJSON_AddItemToArray(deps, d);
        }
    }
    fm_fair_table_list_free(t, n);
    if (!o)
        fm_err_set(err, FM_ENOMEM, "out of memory");
    return o;
}

static cJSON *render_position(const fm_position *p)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    cJSON_AddStringToObject(o, "id", p->id);
    cJSON_AddStringToObject(o, "fair_id", p->fair_id);
    cJSON_AddStringToObject(o, "department_id", p->department_id);
    cJSON_AddStringToObject(o, "title", p->title ? p->title : "");
    cJSON_AddStringToObject(o, "occupation", p->occupation ? p->occupation : "");
    cJSON_AddNumberToObject(o, "places", p->places);
    cJSON_AddBoolToObject(o, "requires_driving_licence", p->requires_driving_licence != 0);
    if (p->min_swedish_level < 0)
        cJSON_AddNullToObject(o, "min_swedish_level");
    else
        cJSON_AddNumberToObject(o, "min_swedish_level", p->min_swedish_level);
    if (p->extent > 0)
        cJSON_AddNumberToObject(o, "extent", p->extent);
    else
        cJSON_AddNullToObject(o, "extent");
    return o;
}

/* ---- access ---- */

/*
 * Load fair id for the caller: a manager gets FM_ENOTFOUND for a fair their
 * department has no part in, exactly as for a fair that does not exist.
 */
fm_rc fm_http_fair_for_caller(fm_http_ctx *c, const char *id, fm_fair *f, fm_err *err)
{
    bool visible = true;
    fm_rc rc = fm_store_fair_get(c->db, id, f, err);

    if (!rc && FM_IS_MANAGER(c))
        rc = fm_store_fair_visible_to(c->db, id, c->user.department_id, &visible, err);
    if (!rc && !visible) {
        fm_fair_release(f);
        rc = fm_err_set(err, FM_ENOTFOUND, "no such record");
    }
    return rc;
}

/* ---- fairs ---- */

void fm_h_fairs_list(fm_http_ctx *c)
{
    fm_fair *v = NULL;
    size_t n = 0;
    fm_err err = {0};
    cJSON *o = NULL, *items = NULL;
    fm_rc rc = fm_store_fair_list(c->db, &v, &n, &err);

    if (!rc && (o = cJSON_CreateObject()))
        items = cJSON_AddArrayToObject(o, "items");
    for (size_t i = 0; !rc && items && i < n; i++) {
        bool visible = true;
        cJSON *f;
        if (FM_IS_MANAGER(c))
            rc = fm_store_fair_visible_to(c->db, v[i].id, c->user.department_id, &visible, &err);
        if (rc || !visible)
            continue;
        f = fm_http_render_fair(c, &v[i], &err);
        if (!f)
            rc = err.rc ? err.rc : FM_ENOMEM;
        cJSON_AddItemToArray(items, f);
    }
    fm_http_reply_ok_or_rc(c, rc, &err, 200, o);
    fm_fair_list_free(v, n);
}

void fm_h_fair_get(fm_http_ctx *c)
{
    fm_fair f = {0};
    fm_err err = {0};
    cJSON *o = NULL;
    fm_rc rc = fm_http_fair_for_caller(c, c->params[0], &f, &err);

    if (!rc && !(o = fm_http_render_fair(c, &f, &err)))
        rc = err.rc ? err.rc : FM_ENOMEM;
    fm_http_reply_ok_or_rc(c, rc, &err, 200, o);
    fm_fair_release(&f);
}

/* 409 with the interviews the change would orphan (fairmatch/planning.h). */
static void reply_orphans(fm_http_ctx *c, const fm_orphan *v, size_t n)
{
    cJSON *o = cJSON_CreateObject(), *arr;
    char msg[200];

    if (!o) {
        fm_http_reply_json(c, 500, NULL);
        return;
    }
    snprintf(msg, sizeof msg,
             "the change would leave %zu held or scheduled interview%s outside the fair's day or "
             "its tables",
             n, n == 1 ? "" : "s");
    cJSON_AddStringToObject(o, "error", msg);
    cJSON_AddStringToObject(o, "code", "fair_would_orphan");
    arr = cJSON_AddArrayToObject(o, "orphans");
    for (size_t i = 0; arr && i < n; i++) {
        cJSON *e = cJSON_CreateObject();
        if (!e)
            break;
        cJSON_AddNumberToObject(e, "id", (double)v[i].id);
        cJSON_AddStringToObject(e, "seeker_id", v[i].seeker_id);
        cJSON_AddStringToObject(e, "department_id", v[i].department_id);
        if (v[i].period >= 0) {
            cJSON_AddNumberToObject(e, "period", v[i].period);
            cJSON_AddNumberToObject(e, "table", v[i].table_no);
        } else {
            cJSON_AddNullToObject(e, "period");
            cJSON_AddNullToObject(e, "table");
        }
        cJSON_AddBoolToObject(e, "held", v[i].held);
        cJSON_AddStringToObject(e, "why", v[i].why);
        cJSON_AddItemToArray(arr, e);
    }
    fm_http_reply_json(c, 409, o);
}

static void fair_write(fm_http_ctx *c, bool create)
{
    fm_fair f = {0};
    fm_fair_table *t = NULL;
    fm_orphan *orph = NULL;
    size_t nt = 0, norph = 0;
    bool has_tables = false;
    unsigned bits = 0;
    const char *id = NULL;
    fm_err err = {0};
    cJSON *body = fm_http_body(c), *o = NULL;
    fm_rc rc;

    if (!body)
        return;
    f.period_minutes = 15;
    rc = fm_http_write_id(c, body, create, &id, &err);
    if (!rc && !(f.id = strdup(id)))
        rc = fm_err_set(&err, FM_ENOMEM, "out of memory");
    if (!rc)
        rc = fm_http_decode_fair(body, &f, &bits, &t, &nt, &has_tables, &err);
    if (!rc && create && !(bits & FM_FAIR_DATE))
        rc = fm_err_set(&err, FM_EINVAL, "date: is required");
    if (!rc && create && !(bits & FM_FAIR_PERIODS))
        rc = fm_err_set(&err, FM_EINVAL, "periods: is required");
    if (!rc && create && !f.start && !(f.start = strdup("09:00")))
        rc = fm_err_set(&err, FM_ENOMEM, "out of memory");
    if (!rc)
        rc = fm_store_fair_save(c->db, c->user.username, &f, bits, create, has_tables ? t : NULL,
                                nt, &orph, &norph, &err);
    if (rc == FM_ECONFLICT && norph) {
        reply_orphans(c, orph, norph);
        goto done;
    }
    if (!rc) {
        fm_fair_release(&f);
        rc = fm_store_fair_get(c->db, id, &f, &err);
    }
    if (!rc && !(o = fm_http_render_fair(c, &f, &err)))
        rc = err.rc ? err.rc : FM_ENOMEM;
    fm_http_reply_ok_or_rc(c, rc, &err, create ? 201 : 200, o);
done:
    fm_orphan_list_free(orph, norph);
    fm_fair_table_list_free(t, nt);
    fm_fair_release(&f);
    cJSON_Delete(body);
}

void fm_h_fairs_create(fm_http_ctx *c)
{
    fair_write(c, true);
}

void fm_h_fair_put(fm_http_ctx *c)
{
    fair_write(c, false);
}

/* ---- positions ---- */

void fm_h_positions_list(fm_http_ctx *c)
{
    fm_position_query q = {0};
    fm_position *v = NULL;
    size_t n = 0;
    fm_fair f = {0};
    fm_err err = {0};
    cJSON *o = NULL, *items = NULL;
    fm_rc rc = fm_http_fair_for_caller(c, c->params[0], &f, &err);

    q.fair_id = c->params[0];
    q.department_id = FM_IS_MANAGER(c) ? c->user.department_id : NULL;
    if (!rc)
        rc = fm_store_position_list(c->db, &q, &v, &n, &err);
    if (!rc && (o = cJSON_CreateObject()))
        items = cJSON_AddArrayToObject(o, "items");
    for (size_t i = 0; items && i < n; i++)
        cJSON_AddItemToArray(items, render_position(&v[i]));
    fm_http_reply_ok_or_rc(c, rc, &err, 200, o);
    fm_position_list_free(v, n);
    fm_fair_release(&f);
}

/*
 * Position ids are global, so a 409 "exists already" would tell a manager
 * that another department uses an id. Ids are therefore scoped by prefix:
 * an id that starts with a department's id and '-' belongs to that
 * department (the longest matching department id wins), and a manager's
 * ids must start with their own department's. A manager's id can then only
 * collide with their own department's positions; an organiser may still use
 * ids without any department prefix.
 */
static fm_rc position_id_scope(fm_http_ctx *c, const char *id, const char *department_id,
                               fm_err *err)
{
    char *owner = NULL;
    fm_rc rc = fm_store_department_id_prefix_owner(c->db, id, &owner, err);

    if (rc)
        goto done;
    if (FM_IS_MANAGER(c) && (!owner || strcmp(owner, c->user.department_id)))
        rc = fm_err_set(err, FM_EINVAL, "id: a manager's position ids start with '%s-'",
                        c->user.department_id);
    else if (owner && strcmp(owner, department_id))
        rc = fm_err_set(err, FM_EINVAL, "id: ids starting with '%s-' belong to department %s",
                        owner, owner);
done:
    free(owner);
    return rc;
}

void fm_h_positions_create(fm_http_ctx *c)
{
    fm_position p = {0};
    fm_fair f = {0};
    unsigned bits = 0;
    const char *id = NULL;
    fm_err err = {0};
    cJSON *body = NULL;
    fm_rc rc = fm_http_fair_for_caller(c, c->params[0], &f, &err);

    if (rc) {
        fm_http_reply_rc(c, &err);
        return;
    }
    body = fm_http_body(c);
    if (!body)
        goto done;
    p.places = 1;
    p.min_swedish_level = -1;
    rc = fm_http_write_id(c, body, true, &id, &err);
    if (!rc && (!(p.id = strdup(id)) || !(p.fair_id = strdup(c->params[0]))))
        rc = fm_err_set(&err, FM_ENOMEM, "out of memory");
    if (!rc)
        rc = fm_http_decode_position(body, &p, &bits, &err);
    if (!rc && !(bits & FM_POSITION_DEPARTMENT))
        rc = fm_err_set(&err, FM_EINVAL, "department_id: is required");
    if (!rc && FM_IS_MANAGER(c) && strcmp(p.department_id, c->user.department_id)) {
        fm_http_reply_error(c, 403, "department_id",
                            "a manager adds positions of their own"
                            " department only");
        goto done;
    }
    if (!rc)
        rc = position_id_scope(c, p.id, p.department_id, &err);
    if (!rc)
        rc = fm_store_position_add(c->db, c->user.username, &p, &err);
    fm_http_reply_ok_or_rc(c, rc, &err, 201, rc ? NULL : render_position(&p));
done:
    fm_position_release(&p);
    fm_fair_release(&f);
    cJSON_Delete(body);
}

/* What fm_h_position_put hands its edit function. */
typedef struct position_change {
    fm_http_ctx *c;
    const cJSON *body;
} position_change;

/* fm_position_edit_fn: the caller's rights and the body onto the stored position. */
static fm_rc apply_position_change(void *arg, fm_position *p, unsigned *bits, fm_err *err)
{
    const position_change *pc = arg;
    fm_http_ctx *c = pc->c;
    fm_rc rc;

    /* Another department's position does not exist for a manager. */
    if (FM_IS_MANAGER(c) && strcmp(p->department_id, c->user.department_id))
        return fm_err_set(err, FM_ENOTFOUND, "no such record");
    rc = fm_http_write_id(c, pc->body, false, NULL, err);
    if (!rc && cJSON_GetObjectItemCaseSensitive(pc->body, "fair_id"))
        rc = fm_err_set(err, FM_EINVAL, "fair_id: a position stays at its fair");
    if (!rc)
        rc = fm_http_decode_position(pc->body, p, bits, err);
    if (!rc && FM_IS_MANAGER(c) && strcmp(p->department_id, c->user.department_id))
        rc = fm_err_set(err, FM_EPERM,
                        "department_id: a manager cannot move a position to another department");
    /* An organiser's move must keep the id's department prefix right; a manager's
     * existing position keeps its id (positions from before the rule included). */
    if (!rc && !FM_IS_MANAGER(c) && (*bits & FM_POSITION_DEPARTMENT))
        rc = position_id_scope(c, p->id, p->department_id, err);
    return rc;
}

void fm_h_position_put(fm_http_ctx *c)
{
    fm_position p = {0};
    fm_err err = {0};
    position_change pc = {c, fm_http_body(c)};
    fm_rc rc;

    if (!pc.body)
        return;
    rc = fm_store_position_edit(c->db, c->user.username, c->params[0], apply_position_change, &pc,
                                &p, &err);
    fm_http_reply_ok_or_rc(c, rc, &err, 200, rc ? NULL : render_position(&p));
    fm_position_release(&p);
    cJSON_Delete((cJSON *)pc.body);
}
