/*
 * h_departments.c - /api/departments: list, read, create, edit. Records,
 * validation and SQL are fairmatch/department.h's; this file only decodes
 * JSON, calls the store's audited save and renders.
 */
#include <stdlib.h>
#include <string.h>

#include "fairmatch/department.h"
#include "http_decode.h"
#include "http_handlers.h"
#include "http_internal.h"

static cJSON *render(const fm_department *d)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    cJSON_AddStringToObject(o, "id", d->id);
    cJSON_AddStringToObject(o, "name", d->name ? d->name : "");
    cJSON_AddNumberToObject(o, "employees", (double)d->employees);
    cJSON_AddNumberToObject(o, "tables", d->tables);
    return o;
}

void fm_h_departments_list(fm_http_ctx *c)
{
    fm_department *v = NULL;
    size_t n = 0;
    fm_err err = {0};
    cJSON *o = NULL, *items;
    fm_rc rc = fm_store_department_list(c->db, &v, &n, &err);

    if (!rc) {
        o = cJSON_CreateObject();
        items = cJSON_AddArrayToObject(o, "items");
        for (size_t i = 0; items && i < n; i++)
            cJSON_AddItemToArray(items, render(&v[i]));
    }
    fm_http_reply_ok_or_rc(c, rc, &err, 200, o);
    fm_department_list_free(v, n);
}

void fm_h_department_get(fm_http_ctx *c)
{
    fm_department d = {0};
    fm_err err = {0};
    fm_rc rc = fm_store_department_get(c->db, c->params[0], &d, &err);

    fm_http_reply_ok_or_rc(c, rc, &err, 200, rc ? NULL : render(&d));
    fm_department_release(&d);
}

/* Read the body's fields into d; *fields gets the bits of those present. */
fm_rc fm_http_decode_department(const cJSON *body, fm_department *d, unsigned *fields, fm_err *err)
{
    const char *name = NULL;
    long employees = 0, tables = 1;
    bool has;
    fm_rc rc;

    *fields = 0;
    rc = fm_json_get_name(body, "name", false, FM_LIMIT_DEPARTMENT_NAME, &name, &has, err);
    if (!rc && has) {
        *fields |= FM_DEPARTMENT_NAME;
        free(d->name);
        d->name = strdup(name);
        if (!d->name)
            return fm_err_set(err, FM_ENOMEM, "out of memory");
    }
    if (!rc)
        rc = fm_json_get_int(body, "employees", false, 0, 10000000, &employees, &has, err);
    if (!rc && has) {
        *fields |= FM_DEPARTMENT_EMPLOYEES;
        d->employees = employees;
    }
    if (!rc)
        rc = fm_json_get_int(body, "tables", false, 0, 100, &tables, &has, err);
    if (!rc && has) {
        *fields |= FM_DEPARTMENT_TABLES;
        d->tables = (int)tables;
    }
    return rc;
}

/* Create (201) or edit (200) one department: decode, the store's audited save, render. */
static void department_write(fm_http_ctx *c, bool create)
{
    fm_department d = {0};
    const char *id = NULL;
    unsigned fields = 0;
    fm_err err = {0};
    cJSON *body = fm_http_body(c);
    fm_rc rc;

    if (!body)
        return;
    d.tables = create ? 1 : 0;
    rc = fm_http_write_id(c, body, create, &id, &err);
    if (!rc && !(d.id = strdup(id)))
        rc = fm_err_set(&err, FM_ENOMEM, "out of memory");
    if (!rc)
        rc = fm_http_decode_department(body, &d, &fields, &err);
    if (!rc && create && !(fields & FM_DEPARTMENT_NAME))
        rc = fm_err_set(&err, FM_EINVAL, "name: is required");
    if (!rc)
        rc = fm_store_department_save(c->db, c->user.username, &d, fields, create, &err);
    fm_http_reply_ok_or_rc(c, rc, &err, create ? 201 : 200, rc ? NULL : render(&d));
    fm_department_release(&d);
    cJSON_Delete(body);
}

void fm_h_departments_create(fm_http_ctx *c)
{
    department_write(c, true);
}

void fm_h_department_put(fm_http_ctx *c)
{
    department_write(c, false);
}
