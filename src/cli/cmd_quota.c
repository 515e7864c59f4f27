/*
 * cmd_quota.c - `fairmatch quota`: department quotas against hires so far,
 * and with --plan the places each department should bring to a fair. The
 * arithmetic is core/quota.c and report/quota_table.c; this file parses
 * options and prints.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fairmatch/date.h"
#include "fairmatch/report.h"
#include "fairmatch/store.h"

static const char usage[] =
    "usage: fairmatch quota [--db DB] [--format table|json|csv] [--month YYYY-MM] [--steering]\n"
    "       fairmatch quota --plan --fair ID [--db DB] [--format table|json|csv]\n";
static const char about[] =
    "Every department (0 employees included) with its quota - the programme goal\n"
    "split by department size with the largest-remainder method - the hires\n"
    "decided from the programme start up to today (or the end of --month), what\n"
    "remains and the share delivered.\n";

/* What the options say, after the rules between them are checked. */
typedef struct quota_args {
    const char *db, *format, *fair;
    fm_date month; /* the day counted to: today or the end of --month */
    bool plan, steering;
} quota_args;

/* The option table, then the rules between options; true: return *status. */
static bool parse_args(int argc, char **argv, quota_args *a, int *status)
{
    fm_date month = {0};
    const fm_cli_opt opts[] = {
        FM_OPT_ENUM("format", &a->format, "F", "table|json|csv", "table (default), json or csv"),
        FM_OPT_PARSE("month", &month, "YYYY-MM", fm_cli_parse_month, "a month YYYY-MM",
                     "count hires up to the end of this month (default today)"),
        FM_OPT_FLAG("plan", &a->plan,
                    "with --fair ID: places each department should bring to\n"
                    "fair ID: what remains (hires before the fair's day) divided\n"
                    "by the fairs on or after its date up to the programme end,\n"
                    "rounded up (months left if the fair is after the end)"),
        FM_OPT_STRING("fair", &a->fair, "ID", "the fair of --plan"),
        FM_OPT_FLAG("steering", &a->steering,
                    "protect small counts as the steering role sees them"),
        FM_OPT_DB(&a->db),
        FM_OPT_END};
    const fm_cli_spec spec = {.cmd = "quota", .usage = usage, .about = about, .opts = opts};

    if (fm_cli_parse(&spec, argc, argv, status))
        return true;
    if (month.year)
        a->month = fm_month_last_day(month);
    if (a->plan && !a->fair)
        *status = fm_cli_usage_error("quota", "--plan needs --fair ID");
    else if (!a->plan && a->fair)
        *status = fm_cli_usage_error("quota", "--fair is only used with --plan");
    else if (a->plan && (month.year || a->steering))
        *status = fm_cli_usage_error("quota", "--plan takes no --month or --steering");
    return *status != 0;
}

int fm_cli_quota(int argc, char **argv)
{
    quota_args a = {.format = "table", .month = fm_date_today()};
    fm_quota_table *t = NULL;
    fm_store *s = NULL;
    fm_err err = {0};
    char *data = NULL;
    size_t len = 0;
    int status;
    fm_rc rc;

    if (parse_args(argc, argv, &a, &status))
        return status;
    if (fm_store_open(fm_cli_db_path(a.db), &s, &err))
        return fm_cli_fail(&err);
    rc = a.plan ? fm_quota_plan_build(s, a.fair, &t, &err)
                : fm_quota_table_build(s, a.month, a.steering, &t, &err);
    if (!rc && !strcmp(a.format, "json"))
        rc = fm_quota_table_to_json(t, &data, &len, &err);
    else if (!rc && !strcmp(a.format, "csv"))
        rc = fm_quota_table_to_csv(t, &data, &len, &err);
    else if (!rc)
        rc = fm_quota_table_to_text(t, &data, &len, &err);
    if (rc) {
        status = fm_cli_fail(&err);
        goto done;
    }
    if (t->all_zero)
        fprintf(stderr, "fairmatch: quota: every department has 0 employees (or there are "
                        "none), so every quota is 0\n");
    if (a.plan && !strcmp(a.format, "table"))
        printf("fair %s on %s: %lld fair(s) left until %s; remaining quota divided by %lld\n",
               t->fair_id, t->fair_date, t->fairs_left, t->end, t->spread);
    status = fm_cli_output("quota", NULL, data, len);
done:
    free(data);
    fm_quota_table_free(t);
    fm_store_close(s);
    return status;
}
