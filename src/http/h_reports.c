/*
 * h_reports.c - GET /api/reports/monthly and /api/quota: query parsing,
 * the role's protection (steering gets small counts protected) and the
 * output format. The figures are the report library's (fairmatch/report.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/date.h"
#include "fairmatch/report.h"
#include "http_handlers.h"
#include "http_internal.h"
#include "resp_cache.h"

/* ?month=YYYY-MM (default: this month, UTC). Replies 400 and returns false when bad. */
static bool month_arg(fm_http_ctx *c, fm_date *month)
{
    const char *s = fm_http_query(c, "month");

    if (!s) {
        *month = fm_date_today();
        month->day = 1;
        return true;
    }
    if (!fm_month_parse(s, month)) {
        fm_http_reply_error(c, 400, "month", "must be a month YYYY-MM");
        return false;
    }
    return true;
}

/* Take ownership of len bytes as the response body. */
static void reply_bytes(fm_http_ctx *c, char *data, size_t len, const char *type)
{
    fm_buf_reset(&c->out);
    if (fm_buf_add(&c->out, data, len)) {
        fm_http_reply_error(c, 500, NULL, "out of memory");
    } else {
        c->status = 200;
        c->content_type = type;
    }
    free(data);
}

void fm_h_report_monthly(fm_http_ctx *c)
{
    const char *format = fm_http_query(c, "format");
    fm_report_opts opts = {.steering = c->user.role == FM_ROLE_STEERING};
    fm_report *r = NULL;
    fm_date month;
    char *data = NULL, name[96], ym[8], day[11];
    size_t len = 0;
    fm_err err = {0};
    fm_buf key = FM_BUF_INIT;
    unsigned version = 0;
    bool cacheable = false;
    fm_date today;
    fm_rc rc;

    if (!month_arg(c, &month))
        return;
    if (!format)
        format = "json";
    if (strcmp(format, "json") && strcmp(format, "csv") && strcmp(format, "xlsx")) {
        fm_http_reply_error(c, 400, "format", "must be json, csv or xlsx");
        return;
    }
    /* Rendered reports are cached per server thread, keyed on everything
     * they depend on - month, format, the steering protection, today's date
     * (a default month; ages) - and the data version read before building,
     * so any committed write, from any connection or process, misses. */
    today = fm_date_today();
    if (!fm_store_data_version(c->db, &version, &err) &&
        !fm_buf_addf(&key, "report\x1f%s\x1f%s\x1f%d\x1f%s", fm_month_format(month, ym), format,
                     opts.steering ? 1 : 0, fm_date_format(today, day))) {
        cacheable = true;
        if (fm_resp_cache_get(key.data, version, &c->out)) {
            c->status = 200;
            goto headers;
        }
    }
    memset(&err, 0, sizeof err); /* a failed version read only disables the cache */
    rc = fm_report_build(c->db, month, &opts, &r, &err);
    if (!rc && !strcmp(format, "json"))
        rc = fm_report_to_json(r, &data, &len, &err);
    else if (!rc && !strcmp(format, "csv"))
        rc = fm_report_to_csv(r, &data, &len, &err);
    else if (!rc)
        rc = fm_report_to_xlsx(r, &data, &len, &err);
    fm_report_free(r);
    if (rc) {
        fm_http_reply_rc(c, &err);
        goto done;
    }
    reply_bytes(c, data, len, "application/json");
    if (cacheable && c->status == 200)
        fm_resp_cache_put(key.data, version, c->out.data, c->out.len);
headers:
    if (c->status != 200 || !strcmp(format, "json")) {
        c->content_type = "application/json";
        goto done;
    }
    c->content_type = !strcmp(format, "csv")
                          ? "text/csv; charset=utf-8"
                          : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    snprintf(name, sizeof name, "attachment; filename=\"fairmatch-%s.%s\"",
             fm_month_format(month, ym), format);
    c->extra_name = "Content-Disposition";
    c->extra_value = strdup(name);
done:
    fm_buf_release(&key);
}

void fm_h_quota(fm_http_ctx *c)
{
    fm_quota_table *t = NULL;
    fm_date month, as_of;
    char *data = NULL;
    size_t len = 0;
    fm_err err = {0};
    fm_rc rc;

    const char *fair = fm_http_query(c, "fair");

    if (fair) {
        /* The planner (fairmatch quota --plan): what each department should
         * bring to this fair. Planning is the organiser's. */
        if (c->user.role != FM_ROLE_ORGANISER) {
            fm_http_reply_error(c, 403, "fair", "only an organiser plans a fair");
            return;
        }
        if (fm_http_query(c, "month")) {
            fm_http_reply_error(c, 400, "month", "is not used with fair");
            return;
        }
        rc = fm_quota_plan_build(c->db, fair, &t, &err);
    } else {
        if (!month_arg(c, &month))
            return;
        as_of = fm_http_query(c, "month") ? fm_month_last_day(month) : fm_date_today();
        rc = fm_quota_table_build(c->db, as_of, c->user.role == FM_ROLE_STEERING, &t, &err);
    }
    if (!rc)
        rc = fm_quota_table_to_json(t, &data, &len, &err);
    fm_quota_table_free(t);
    if (rc) {
        fm_http_reply_rc(c, &err);
        return;
    }
    reply_bytes(c, data, len, "application/json");
}
