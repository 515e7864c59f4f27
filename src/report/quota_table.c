/*
 * quota_table.c - the quota listing (`fairmatch quota`, GET /api/quota) and
 * the fair planner: departments, Hamilton quotas (core/quota.c), hires so
 * far, what remains, and places to bring to a fair. Rendering as JSON, CSV
 * and text is here too; the monthly report is report.c.
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/csv.h"
#include "fairmatch/quota.h"
#include "fairmatch/text.h"
#include "report_internal.h"

void fm_quota_table_free(fm_quota_table *t)
{
    if (!t)
        return;
    for (size_t i = 0; t->rows && i < t->n; i++) {
        free(t->rows[i].id);
        free(t->rows[i].name);
    }
    free(t->rows);
    free(t);
}

/* Departments, quotas and hires decided in [start, upto]. */
static fm_rc load(fm_store *s, const char *upto, fm_quota_table *t, fm_err *err)
{
    fm_rr_programme prog;
    fm_rr_quota *v = NULL;
    size_t n = 0;
    bool found, all_zero = false;
    fm_rc rc = fm_store_report_quotas(s, upto, &prog, &found, &v, &n, &all_zero, err);

    if (rc)
        return rc;
    if (!found)
        return fm_err_set(err, FM_ENOTFOUND,
                          "no programme is set (goal, start, end): set it with "
                          "'fairmatch programme set' first");
    t->goal = prog.goal;
    memcpy(t->start, prog.start, sizeof t->start);
    memcpy(t->end, prog.end, sizeof t->end);
    t->rows = calloc(n + 1, sizeof *t->rows);
    if (!t->rows) {
        rc = fm_err_set(err, FM_ENOMEM, "quota: out of memory");
        goto done;
    }
    t->all_zero = all_zero;
    for (size_t i = 0; i < n; i++) {
        fm_quota_row *q = &t->rows[i];
        q->id = v[i].id;
        q->name = v[i].name;
        v[i].id = v[i].name = NULL;
        t->n = i + 1;
        q->employees = v[i].employees;
        q->quota = v[i].quota;
        q->hired = v[i].hired;
        q->remaining = q->quota > q->hired ? q->quota - q->hired : 0;
        q->has_share = q->quota > 0;
        q->share = q->quota > 0 ? (double)q->hired / (double)q->quota : 0.0;
    }
done:
    fm_rr_quota_list_free(v, n);
    return rc;
}

/* Steering: protect `hired` the way the report protects hires_cumulative. */
static fm_rc protect(fm_quota_table *t)
{
    fm_supp s = {0};
    fm_rcell *cells = calloc(t->n + 1, sizeof *cells);
    fm_rcell **col = calloc(t->n + 1, sizeof *col);
    fm_rc rc = FM_OK;
    if (!cells || !col) {
        rc = FM_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i <= t->n && !rc; i++) {
        cells[i].v = i < t->n ? t->rows[i].hired : 0;
        if (i < t->n)
            cells[t->n].v += t->rows[i].hired;
        col[i] = &cells[i];
    }
    for (size_t i = 0; i <= t->n && !rc; i++)
        rc = fm_supp_cell(&s, &cells[i]);
    if (!rc)
        rc = fm_supp_eq(&s, col, t->n + 1);
    if (!rc)
        rc = fm_supp_run(&s);
    if (rc)
        goto done;
    for (size_t i = 0; i < t->n; i++) {
        t->rows[i].st_hired = cells[i].st;
        if (cells[i].st != FM_CELL_SHOWN || cells[i].v < 10)
            t->rows[i].has_share = false;
    }
done:
    fm_supp_release(&s);
    free(cells);
    free(col);
    return rc;
}

fm_rc fm_quota_table_build(fm_store *s, fm_date as_of, bool steering, fm_quota_table **out,
                           fm_err *err)
{
    fm_quota_table *t = calloc(1, sizeof *t);
    fm_rc rc;

    *out = NULL;
    if (!t)
        return fm_err_set(err, FM_ENOMEM, "quota: out of memory");
    fm_date_format(as_of, t->as_of);
    t->steering = steering;
    rc = load(s, t->as_of, t, err);
    if (!rc && steering && protect(t))
        rc = fm_err_set(err, FM_ENOMEM, "quota: out of memory");
    if (rc) {
        fm_quota_table_free(t);
        return rc;
    }
    *out = t;
    return FM_OK;
}

fm_rc fm_quota_plan_build(fm_store *s, const char *fair_id, fm_quota_table **out, fm_err *err)
{
    fm_quota_table *t = calloc(1, sizeof *t);
    fm_rr_programme prog;
    fm_date fd, end;
    bool found;
    fm_rc rc;

    *out = NULL;
    if (!t)
        return fm_err_set(err, FM_ENOMEM, "quota: out of memory");
    t->plan = true;
    snprintf(t->fair_id, sizeof t->fair_id, "%s", fair_id);
    rc = fm_store_report_programme(s, &prog, &found, err);
    if (!rc && !found)
        rc = fm_err_set(err, FM_ENOTFOUND, "no programme is set (goal, start, end)");
    if (!rc)
        rc = fm_store_report_fairs_left(s, fair_id, prog.end, t->fair_date, &t->fairs_left, err);
    if (!rc && (!fm_date_parse(t->fair_date, &fd) || !fm_date_parse(prog.end, &end)))
        rc = fm_err_set(err, FM_EINVAL, "fair %s: date '%s' is not a date", fair_id, t->fair_date);
    if (rc)
        goto done;
    /* Hires decided before the fair's day count as delivered. */
    fm_date_format(fm_date_from_days(fm_date_to_days(fd) - 1), t->as_of);
    rc = load(s, t->as_of, t, err);
    if (rc)
        goto done;
    t->spread = t->fairs_left;
    if (t->spread <= 0) {
        int months = fm_month_index(end) - fm_month_index(fd);
        t->spread = months > 0 ? months : 1;
    }
    for (size_t i = 0; i < t->n; i++)
        t->rows[i].places = (t->rows[i].remaining + t->spread - 1) / t->spread;
done:
    if (rc) {
        fm_quota_table_free(t);
        return rc;
    }
    *out = t;
    return FM_OK;
}

static cJSON *hired_json(const fm_quota_row *q)
{
    if (q->st_hired == FM_CELL_SMALL)
        return cJSON_CreateString("<5");
    if (q->st_hired == FM_CELL_HIDDEN)
        return cJSON_CreateNull();
    return cJSON_CreateNumber((double)q->hired);
}

fm_rc fm_quota_table_to_json(const fm_quota_table *t, char **out, size_t *len, fm_err *err)
{
    cJSON *arr = cJSON_CreateArray();
    bool ok = arr != NULL;

    for (size_t i = 0; ok && i < t->n; i++) {
        const fm_quota_row *q = &t->rows[i];
        cJSON *o = cJSON_CreateObject();
        char num[40];
        ok = o && cJSON_AddItemToArray(arr, o);
        if (!ok) {
            cJSON_Delete(o);
            break;
        }
        fm_report_fmt_double(q->share, num, sizeof num);
        ok =
            cJSON_AddStringToObject(o, "id", q->id) &&
            cJSON_AddStringToObject(o, "name", q->name) &&
            cJSON_AddNumberToObject(o, "employees", (double)q->employees) &&
            cJSON_AddNumberToObject(o, "quota", (double)q->quota) &&
            cJSON_AddItemToObject(o, "hired", hired_json(q)) &&
            (q->st_hired ? cJSON_AddNullToObject(o, "remaining") != NULL
                         : cJSON_AddNumberToObject(o, "remaining", (double)q->remaining) != NULL) &&
            (q->has_share ? cJSON_AddRawToObject(o, "share_of_quota", num) != NULL
                          : cJSON_AddNullToObject(o, "share_of_quota") != NULL);
        if (ok && t->plan)
            ok = cJSON_AddNumberToObject(o, "places", (double)q->places) != NULL;
    }
    if (!ok) {
        cJSON_Delete(arr);
        arr = NULL;
    }
    return fm_report_json_text(arr, "quota", out, len, err);
}

/* One cell of the CSV or text rendering. */
static void cell_text(const fm_quota_table *t, const fm_quota_row *q, int col, char *buf,
                      size_t size, bool comma)
{
    buf[0] = '\0';
    switch (col) {
    case 0:
        fm_utf8_snprintf(buf, size, "%s", q->id);
        break;
    case 1:
        fm_utf8_snprintf(buf, size, "%s", q->name);
        break;
    case 2:
        snprintf(buf, size, "%lld", q->employees);
        break;
    case 3:
        snprintf(buf, size, "%lld", q->quota);
        break;
    case 4:
        snprintf(buf, size, "%s", "..");
        if (q->st_hired == FM_CELL_SHOWN)
            snprintf(buf, size, "%lld", q->hired);
        else if (q->st_hired == FM_CELL_SMALL)
            snprintf(buf, size, "<5");
        break;
    case 5:
        if (q->st_hired == FM_CELL_SHOWN)
            snprintf(buf, size, "%lld", q->remaining);
        break;
    case 6:
        if (q->has_share) {
            char *dot;
            snprintf(buf, size, "%.1f%%", q->share * 100.0);
            dot = comma ? strchr(buf, '.') : NULL;
            if (dot)
                *dot = ',';
        }
        break;
    default:
        if (t->plan)
            snprintf(buf, size, "%lld", q->places);
    }
}

static const char *const heads[] = {"id",    "name",      "employees",      "quota",
                                    "hired", "remaining", "share_of_quota", "places"};

fm_rc fm_quota_table_to_csv(const fm_quota_table *t, char **out, size_t *len, fm_err *err)
{
    fm_buf b = FM_BUF_INIT;
    int ncols = t->plan ? 8 : 7;
    char cell[512];
    fm_rc rc = fm_buf_adds(&b, "\xEF\xBB\xBF");

    for (int c = 0; c < ncols && !rc; c++)
        rc = fm_buf_addf(&b, "%s%s", c ? ";" : "", heads[c]);
    if (!rc)
        rc = fm_buf_adds(&b, "\r\n");
    for (size_t i = 0; i < t->n && !rc; i++) {
        for (int c = 0; c < ncols && !rc; c++) {
            cell_text(t, &t->rows[i], c, cell, sizeof cell, true);
            if (c)
                rc = fm_buf_addch(&b, ';');
            if (!rc)
                rc = fm_csv_put_cell(&b, cell, ';');
        }
        if (!rc)
            rc = fm_buf_adds(&b, "\r\n");
    }
    if (rc) {
        fm_buf_release(&b);
        return fm_err_set(err, FM_ENOMEM, "quota: out of memory");
    }
    *out = fm_buf_detach(&b, len);
    return FM_OK;
}

fm_rc fm_quota_table_to_text(const fm_quota_table *t, char **out, size_t *len, fm_err *err)
{
    fm_buf b = FM_BUF_INIT;
    int ncols = t->plan ? 8 : 7;
    int width[8];
    char cell[512];
    fm_rc rc = FM_OK;

    for (int c = 0; c < ncols; c++) {
        width[c] = (int)strlen(heads[c]);
        for (size_t i = 0; i < t->n; i++) {
            cell_text(t, &t->rows[i], c, cell, sizeof cell, false);
            if ((int)strlen(cell) > width[c])
                width[c] = (int)strlen(cell);
        }
    }
    for (int c = 0; c < ncols && !rc; c++)
        rc = fm_buf_addf(&b, "%s%-*s", c ? "  " : "", width[c], heads[c]);
    if (!rc)
        rc = fm_buf_addch(&b, '\n');
    for (size_t i = 0; i < t->n && !rc; i++) {
        for (int c = 0; c < ncols && !rc; c++) {
            cell_text(t, &t->rows[i], c, cell, sizeof cell, false);
            rc = fm_buf_addf(&b, c < 2 ? "%s%-*s" : "%s%*s", c ? "  " : "", width[c], cell);
        }
        if (!rc)
            rc = fm_buf_addch(&b, '\n');
    }
    if (rc) {
        fm_buf_release(&b);
        return fm_err_set(err, FM_ENOMEM, "quota: out of memory");
    }
    *out = fm_buf_detach(&b, len);
    return FM_OK;
}
