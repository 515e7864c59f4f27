/*
 * followup.c - the follow-up worklist as JSON, CSV and a text table
 * (fairmatch/followup.h). Which lines are due is the store's query; this
 * file only lays them out.
 */
#include "fairmatch/text.h"
#include "fairmatch/csv.h"
#include "fairmatch/followup.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/buf.h"

static const char *const heads[] = {"due",        "seeker", "name",  "department",
                                    "employment", "item",   "action"};
#define NCOLS 7

/* Column c of item w as text into buf. Borrowed or buf. */
static const char *cell(const fm_work_item *w, int c, char buf[24])
{
    switch (c) {
    case 0:
        return w->due;
    case 1:
        return w->seeker_id;
    case 2:
        return w->seeker_name ? w->seeker_name : "";
    case 3:
        return w->department_id;
    case 4:
        snprintf(buf, 24, "%lld", w->employment_id);
        return buf;
    case 5:
        return w->item;
    default:
        return w->action;
    }
}

static fm_rc render_json(const fm_work_item *v, size_t n, const char *date, fm_buf *b)
{
    cJSON *o = cJSON_CreateObject(), *items;
    char *text = NULL;
    fm_rc rc = FM_ENOMEM;

    if (!o || !cJSON_AddStringToObject(o, "date", date) ||
        !(items = cJSON_AddArrayToObject(o, "items")))
        goto done;
    for (size_t i = 0; i < n; i++) {
        cJSON *it = cJSON_CreateObject();
        if (!it || !cJSON_AddItemToArray(items, it))
            goto done;
        cJSON_AddStringToObject(it, "due", v[i].due);
        cJSON_AddStringToObject(it, "seeker_id", v[i].seeker_id);
        if (v[i].seeker_name)
            cJSON_AddStringToObject(it, "seeker_name", v[i].seeker_name);
        else
            cJSON_AddNullToObject(it, "seeker_name");
        cJSON_AddStringToObject(it, "department_id", v[i].department_id);
        cJSON_AddNumberToObject(it, "employment_id", (double)v[i].employment_id);
        cJSON_AddStringToObject(it, "item", v[i].item);
        cJSON_AddStringToObject(it, "action", v[i].action);
    }
    text = cJSON_Print(o);
    if (text)
        rc = fm_buf_adds(b, text);
    if (!rc)
        rc = fm_buf_addch(b, '\n');
done:
    cJSON_free(text);
    cJSON_Delete(o);
    return rc;
}

/* One cell through the shared writer (fairmatch/csv.h): one quoting and formula rule. */
static fm_rc csv_text(fm_buf *b, const char *t)
{
    return fm_csv_put_cell(b, t, ';');
}

static fm_rc render_csv(const fm_work_item *v, size_t n, fm_buf *b)
{
    char buf[24];
    fm_rc rc = fm_buf_adds(b, "\xEF\xBB\xBF");
    for (int c = 0; c < NCOLS && !rc; c++)
        rc = fm_buf_addf(b, "%s%s", c ? ";" : "", heads[c]);
    if (!rc)
        rc = fm_buf_adds(b, "\r\n");
    for (size_t i = 0; i < n && !rc; i++) {
        for (int c = 0; c < NCOLS && !rc; c++) {
            if (c)
                rc = fm_buf_addch(b, ';');
            if (!rc)
                rc = csv_text(b, cell(&v[i], c, buf));
        }
        if (!rc)
            rc = fm_buf_adds(b, "\r\n");
    }
    return rc;
}

static fm_rc render_table(const fm_work_item *v, size_t n, const char *date, fm_buf *b)
{
    size_t w[NCOLS];
    char buf[24];
    fm_rc rc = FM_OK;

    if (n == 0)
        return fm_buf_addf(b, "nothing to follow up on %s\n", date);
    for (int c = 0; c < NCOLS; c++) {
        w[c] = fm_utf8_width(heads[c]);
        for (size_t i = 0; i < n; i++) {
            size_t x = fm_utf8_width(cell(&v[i], c, buf));
            w[c] = x > w[c] ? x : w[c];
        }
    }
    for (size_t i = 0; i <= n && !rc; i++) {
        for (int c = 0; c < NCOLS && !rc; c++) {
            const char *t = i ? cell(&v[i - 1], c, buf) : heads[c];
            rc = fm_buf_adds(b, t);
            for (size_t k = fm_utf8_width(t); !rc && c + 1 < NCOLS && k < w[c] + 2; k++)
                rc = fm_buf_addch(b, ' ');
        }
        if (!rc)
            rc = fm_buf_addch(b, '\n');
    }
    if (!rc)
        rc = fm_buf_addf(b, "%zu to follow up on %s\n", n, date);
    return rc;
}

fm_rc fm_followup_render(const fm_work_item *v, size_t n, const char *date, const char *format,
                         char **out, size_t *len, fm_err *err)
{
    fm_buf b = FM_BUF_INIT;
    fm_rc rc;

    *out = NULL;
    *len = 0;
    if (!strcmp(format, "json"))
        rc = render_json(v, n, date, &b);
    else if (!strcmp(format, "csv"))
        rc = render_csv(v, n, &b);
    else if (!strcmp(format, "table"))
        rc = render_table(v, n, date, &b);
    else
        return fm_err_set(err, FM_EINVAL, "format: \"%s\" is not table, csv or json", format);
    if (rc) {
        fm_buf_release(&b);
        return fm_err_set(err, FM_ENOMEM, "out of memory");
    }
    *out = fm_buf_detach(&b, len);
    return *out ? FM_OK : fm_err_set(err, FM_ENOMEM, "out of memory");
}
