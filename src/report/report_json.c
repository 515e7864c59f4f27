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

/* Hires since the start at each trend month's end: the cumulative chart's points. */
static cJSON *cumulative_json(const fm_report *r, bool *ok)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < r->trend.n; i++) {
        cJSON *t = cJSON_CreateObject();
        put(t, "month", cJSON_CreateString(r->trend.keys[i]), ok);
        put(t, "hires", count(&r->cum[i][2]), ok);
        put(t, "woman", count(&r->cum[i][0]), ok);
        put(t, "women_share", share(r->cum_ws[i]), ok);
        push(a, t, ok);
    }
    return a;
}

/* The women's share against the target group (agency) or the pool, month by month. */
static cJSON *target_group_json(const fm_report *r, bool *ok)
{
    cJSON *o = cJSON_CreateObject(), *a = cJSON_CreateArray();
    put(o, "women_target", r->has_women_target ? num_double(r->women_target) : cJSON_CreateNull(),
        ok);
    for (size_t i = 0; i < r->trend.n; i++) {
        cJSON *t = cJSON_CreateObject();
        put(t, "month", cJSON_CreateString(r->trend.keys[i]), ok);
        put(t, "women_share", share(r->ref_ws[i]), ok);
        put(t, "source", cJSON_CreateString(r->ref_agency[i] ? "agency" : "pool"), ok);
        push(a, t, ok);
    }
    put(o, "months", a, ok);
    return o;
}

/* Each department's hires since the start, month by month, against the quota's pace. */
static cJSON *dept_months_json(const fm_report *r, bool *ok)
{
    cJSON *o = cJSON_CreateObject(), *ms = cJSON_CreateArray(), *ds = cJSON_CreateArray();
    size_t n = r->trend.n;
    for (size_t k = 0; k < n; k++)
        push(ms, cJSON_CreateString(r->trend.keys[k]), ok);
    put(o, "months", ms, ok);
    for (size_t d = 0; d < r->ndept; d++) {
        cJSON *dep = cJSON_CreateObject(), *cells = cJSON_CreateArray();
        put(dep, "id", cJSON_CreateString(r->dm.keys[d]), ok);
        put(dep, "quota", cJSON_CreateNumber((double)r->quota[d]), ok);
        for (size_t k = 0; k < n; k++) {
            cJSON *c = cJSON_CreateObject();
            const char *light = fm_report_dept_light(r, d, k);
            put(c, "hires", count(&r->dept_cum[d * n + k]), ok);
            put(c, "pace", num_double(r->dept_pace[d * n + k]), ok);
            put(c, "light", light ? cJSON_CreateString(light) : cJSON_CreateNull(), ok);
            push(cells, c, ok);
        }
        put(dep, "months", cells, ok);
        push(ds, dep, ok);
    }
    put(o, "departments", ds, ok);
    return o;
}

static cJSON *span_json(const fm_forecast_span *f, const char *key, bool *ok)
{
    cJSON *o = cJSON_CreateObject();
    const char *light = fm_report_forecast_light(f);
    put(o, key, cJSON_CreateString(f->label), ok);
    put(o, "hires_so_far", count(&f->so_far), ok);
    put(o, "months", cJSON_CreateNumber(f->months), ok);
    put(o, "goal", f->has_goal ? cJSON_CreateNumber((double)f->goal) : cJSON_CreateNull(), ok);
    put(o, "low", f->valid ? num_double(f->low) : cJSON_CreateNull(), ok);
    put(o, "median", f->valid ? num_double(f->median) : cJSON_CreateNull(), ok);
    put(o, "high", f->valid ? num_double(f->high) : cJSON_CreateNull(), ok);
    put(o, "probability", f->valid && f->has_goal ? num_double(f->probability) : cJSON_CreateNull(),
        ok);
    put(o, "light", light ? cJSON_CreateString(light) : cJSON_CreateNull(), ok);
    return o;
}

/* The projection and what the rest of the goal needs; needs go with hires.cumulative. */
static cJSON *forecast_json(const fm_report *r, bool *ok)
{
    const fm_forecast *f = &r->forecast;
    cJSON *o = cJSON_CreateObject(), *need = cJSON_CreateObject(), *deps = cJSON_CreateArray();
    bool shown = r->needed_shown;
    put(o, "method", cJSON_CreateString("bootstrap of monthly hires"), ok);
    put(o, "history_months", cJSON_CreateNumber(f->history), ok);
    put(o, "draws", cJSON_CreateNumber(f->draws), ok);
    put(o, "end", span_json(&f->end, "month", ok), ok);
    put(o, "year", span_json(&f->year, "year", ok), ok);
    put(need, "hires", shown ? cJSON_CreateNumber((double)f->needed) : cJSON_CreateNull(), ok);
    put(need, "fairs_left", cJSON_CreateNumber((double)f->fairs_left), ok);
    put(need, "invited_per_hire", num_double(f->invited_per_hire), ok);
    put(need, "places_per_fair",
        shown ? cJSON_CreateNumber((double)f->places_per_fair) : cJSON_CreateNull(), ok);
    put(need, "invitations_per_fair",
        shown ? cJSON_CreateNumber((double)f->invitations_per_fair) : cJSON_CreateNull(), ok);
    for (size_t d = 0; d < r->ndept; d++) {
        cJSON *x = cJSON_CreateObject();
        bool ds = !r->steering || r->dc.rows[d][FM_G_TOTAL].st == FM_CELL_SHOWN;
        put(x, "id", cJSON_CreateString(r->dm.keys[d]), ok);
        put(x, "remaining",
            ds ? cJSON_CreateNumber((double)f->dept_remaining[d]) : cJSON_CreateNull(), ok);
        put(x, "places_per_fair",
            ds ? cJSON_CreateNumber((double)f->dept_places[d]) : cJSON_CreateNull(), ok);
        push(deps, x, ok);
    }
    put(need, "departments", deps, ok);
    put(o, "needs", need, ok);
    return o;
}

static void extras_json(const fm_report *r, cJSON *root, bool *ok)
{
    cJSON *deps = cJSON_CreateObject();
    put(root, "protection", cJSON_CreateString(r->steering ? "steering" : "none"), ok);
    put(root, "trend_cumulative", cumulative_json(r, ok), ok);
    put(root, "target_group", target_group_json(r, ok), ok);
    put(root, "departments_over_time", dept_months_json(r, ok), ok);
    put(root, "forecast", forecast_json(r, ok), ok);
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

fm_rc fm_report_json_text(cJSON *j, const char *what, char **out, size_t *len, fm_err *err)
{
    char *text = j ? cJSON_Print(j) : NULL;
    fm_rc rc = FM_OK;

    *out = NULL;
    *len = 0;
    if (text)
        *out = malloc(strlen(text) + 2);
    if (!*out) {
        rc = fm_err_set(err, FM_ENOMEM, "%s: out of memory", what);
        goto done;
    }
    *len = strlen(text);
    memcpy(*out, text, *len);
    (*out)[(*len)++] = '\n';
    (*out)[*len] = '\0';
done:
    cJSON_free(text);
    cJSON_Delete(j);
    return rc;
}

fm_rc fm_report_to_json(const fm_report *r, char **out, size_t *len, fm_err *err)
{
    bool ok = true;
    cJSON *root = head_json(r, &ok);

    body_json(r, root, &ok);
    extras_json(r, root, &ok);
    if (!ok) {
        cJSON_Delete(root);
        root = NULL;
    }
    return fm_report_json_text(root, "report", out, len, err);
}
