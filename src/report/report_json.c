/*
 * report_json.c - the report as JSON, the reference rendering: key names
 * and order exactly as reports.md, extra sections after them. Shares print
 * as the shortest text that reads back as the same double; protected counts
 * print as "<5" (primary) or null (secondary), hidden shares as null.
 */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "outcomes_internal.h"
#include "report_internal.h"

void fm_report_fmt_double(double d, char *buf, size_t size)
{
    if (!isfinite(d))
        d = 0.0;
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, size, "%.*g", prec, d);
        if (strtod(buf, NULL) == d)
            break;
    }
    if (!strpbrk(buf, ".eE") && strlen(buf) + 3 <= size) {
        size_t n = strlen(buf);
        memcpy(buf + n, ".0", 3);
    }
}

static cJSON *num_double(double d)
{
    char buf[40];
    fm_report_fmt_double(d, buf, sizeof buf);
    return cJSON_CreateRaw(buf);
}

static cJSON *share(fm_rshare s)
{
    return s.shown ? num_double(s.v) : cJSON_CreateNull();
}

static cJSON *count(const fm_rcell *c)
{
    if (c->st == FM_CELL_SMALL)
        return cJSON_CreateString("<5");
    if (c->st == FM_CELL_HIDDEN)
        return cJSON_CreateNull();
    return cJSON_CreateNumber((double)c->v);
}

/* Adds item to obj under key; a NULL item (allocation failed) poisons *ok. */
static void put(cJSON *obj, const char *key, cJSON *item, bool *ok)
{
    if (!item || !obj) {
        *ok = false;
        cJSON_Delete(item);
        return;
    }
    if (!cJSON_AddItemToObject(obj, key, item)) {
        cJSON_Delete(item);
        *ok = false;
    }
}

static void push(cJSON *arr, cJSON *item, bool *ok)
{
    if (!item || !arr || !cJSON_AddItemToArray(arr, item)) {
        cJSON_Delete(item);
        *ok = false;
    }
}

static cJSON *gender_obj(const fm_rcell *c, fm_rshare ws, bool with_total, bool *ok)
{
    cJSON *o = cJSON_CreateObject();
    put(o, "woman", count(&c[FM_G_WOMAN]), ok);
    put(o, "man", count(&c[FM_G_MAN]), ok);
    put(o, "other", count(&c[FM_G_OTHER]), ok);
    if (with_total)
        put(o, "total", count(&c[FM_G_TOTAL]), ok);
    put(o, "women_share", share(ws), ok);
    return o;
}

/* An extra section: {"rows": [{"key", woman, man, other, total, women_share}], "total": {...}}. */
static cJSON *gtable_json(const fm_gtable *t, bool *ok)
{
    cJSON *o = cJSON_CreateObject(), *rows = cJSON_CreateArray();
    for (size_t i = 0; i < t->n; i++) {
        cJSON *row = cJSON_CreateObject();
        put(row, "key", cJSON_CreateString(t->keys[i]), ok);
        put(row, "woman", count(&t->rows[i][FM_G_WOMAN]), ok);
        put(row, "man", count(&t->rows[i][FM_G_MAN]), ok);
        put(row, "other", count(&t->rows[i][FM_G_OTHER]), ok);
        put(row, "total", count(&t->rows[i][FM_G_TOTAL]), ok);
        put(row, "women_share", share(t->ws[i]), ok);
        push(rows, row, ok);
    }
    put(o, "rows", rows, ok);
    if (t->additive)
        put(o, "total", gender_obj(t->tot, t->tot_ws, true, ok), ok);
    return o;
}

static cJSON *head_json(const fm_report *r, bool *ok)
{
    cJSON *root = cJSON_CreateObject(), *p = cJSON_CreateObject(), *h = cJSON_CreateObject();
    put(root, "format", cJSON_CreateString("fairmatch-report/1"), ok);
    put(root, "month", cJSON_CreateString(r->month), ok);
    put(p, "goal", cJSON_CreateNumber((double)r->prog.goal), ok);
    put(p, "start", cJSON_CreateString(r->prog.start), ok);
    put(p, "end", cJSON_CreateString(r->prog.end), ok);
    put(root, "programme", p, ok);
    put(h, "month", count(&r->dm.tot[FM_G_TOTAL]), ok);
    put(h, "cumulative", count(&r->dc.tot[FM_G_TOTAL]), ok);
    put(h, "goal", cJSON_CreateNumber((double)r->prog.goal), ok);
    put(h, "share_of_goal", share(r->share_of_goal), ok);
    put(h, "months_left", cJSON_CreateNumber(r->months_left), ok);
    put(h, "needed_per_month", r->needed_shown ? num_double(r->needed) : cJSON_CreateNull(), ok);
    put(root, "hires", h, ok);
    return root;
}

static void body_json(const fm_report *r, cJSON *root, bool *ok)
{
    cJSON *g = cJSON_CreateObject(), *deps = cJSON_CreateArray(), *trend = cJSON_CreateArray();
    cJSON *ended = cJSON_CreateObject(), *by = cJSON_CreateObject();

    put(g, "month", gender_obj(r->dm.tot, r->dm.tot_ws, false, ok), ok);
    put(g, "cumulative", gender_obj(r->dc.tot, r->dc.tot_ws, false, ok), ok);
    put(g, "pool_women_share", share(r->pool_ws), ok);
    put(root, "gender", g, ok);
    for (size_t i = 0; i < r->ndept; i++) {
        cJSON *d = cJSON_CreateObject();
        put(d, "id", cJSON_CreateString(r->dm.keys[i]), ok);
        put(d, "name", cJSON_CreateString(r->dept_name[i]), ok);
        put(d, "employees", cJSON_CreateNumber((double)r->employees[i]), ok);
        put(d, "quota", cJSON_CreateNumber((double)r->quota[i]), ok);
        put(d, "hires_month", count(&r->dm.rows[i][FM_G_TOTAL]), ok);
        put(d, "hires_cumulative", count(&r->dc.rows[i][FM_G_TOTAL]), ok);
        put(d, "share_of_quota", share(r->share_of_quota[i]), ok);
        put(d, "women_share", share(r->dc.ws[i]), ok);
        push(deps, d, ok);
    }
    put(root, "departments", deps, ok);
    for (size_t i = 0; i < r->trend.n; i++) {
        cJSON *t = cJSON_CreateObject();
        put(t, "month", cJSON_CreateString(r->trend.keys[i]), ok);
        put(t, "hires", count(&r->trend.rows[i][FM_G_TOTAL]), ok);
        put(t, "woman", count(&r->trend.rows[i][FM_G_WOMAN]), ok);
        put(t, "man", count(&r->trend.rows[i][FM_G_MAN]), ok);
        put(t, "other", count(&r->trend.rows[i][FM_G_OTHER]), ok);
        put(t, "women_share", share(r->trend.ws[i]), ok);
        push(trend, t, ok);
    }
    put(root, "trend", trend, ok);
    put(ended, "month", count(&r->ended.tot[FM_G_TOTAL]), ok);
    for (size_t i = 0; i < r->ended.n; i++)
        put(by, r->ended.keys[i], count(&r->ended.rows[i][FM_G_TOTAL]), ok);
    put(ended, "by_reason", by, ok);
    put(root, "ended", ended, ok);
}

static void extras_json(const fm_report *r, cJSON *root, bool *ok)
{
    cJSON *deps = cJSON_CreateObject();
    put(root, "protection", cJSON_CreateString(r->steering ? "steering" : "none"), ok);
    put(root, "pipeline", gtable_json(&r->pipeline, ok), ok);
    put(root, "hires_by_eligibility", gtable_json(&r->eligibility, ok), ok);
    put(root, "hires_by_occupation", gtable_json(&r->occupation, ok), ok);
    put(deps, "month", gtable_json(&r->dm, ok), ok);
    put(deps, "cumulative", gtable_json(&r->dc, ok), ok);
    put(root, "departments_by_gender", deps, ok);
    put(root, "employed_by_extent", gtable_json(&r->employed, ok), ok);
    put(root, "ended_by_reason", gtable_json(&r->ended, ok), ok);
    put(root, "status_90", gtable_json(&r->status90, ok), ok);
    put(root, "follow_up_due", gtable_json(&r->followup, ok), ok);
    put(root, "hires_people", fm_hired_people_json(r->people), ok);
    put(root, "outcomes", fm_outcomes_json(r->outcomes), ok);
}

fm_rc fm_report_to_json(const fm_report *r, char **out, size_t *len, fm_err *err)
{
    bool ok = true;
    cJSON *root = head_json(r, &ok);
    char *text = NULL;
    fm_rc rc = FM_OK;

    *out = NULL;
    *len = 0;
    body_json(r, root, &ok);
    extras_json(r, root, &ok);
    if (ok)
        text = cJSON_Print(root);
    if (!text) {
        rc = fm_err_set(err, FM_ENOMEM, "report: out of memory");
        goto done;
    }
    *len = strlen(text);
    *out = malloc(*len + 2);
    if (!*out) {
        rc = fm_err_set(err, FM_ENOMEM, "report: out of memory");
        goto done;
    }
    memcpy(*out, text, *len);
    (*out)[(*len)++] = '\n';
    (*out)[*len] = '\0';
done:
    cJSON_free(text);
    cJSON_Delete(root);
    return rc;
}
