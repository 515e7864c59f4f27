/*
 * cmd_quota.c - `fairmatch quota`: department quotas against hires so far,
 * and with --plan the places each department should bring to a fair. The
 * arithmetic is core/quota.c and report/quota_table.c; this file parses
 * options and prints.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fairmatch/date.h"
#include "fairmatch/report.h"
#include "fairmatch/store.h"

static const char help[] =
    "usage: fairmatch quota [--db DB] [--format table|json|csv] [--month YYYY-MM] [--steering]\n"
    "       fairmatch quota --plan --fair ID [--db DB] [--format table|json|csv]\n\n"
    "Every department (0 employees included) with its quota - the programme goal\n"
    "split by department size with the largest-remainder method - the hires\n"
    "decided from the programme start up to today (or the end of --month), what\n"
    "remains and the share delivered.\n\n"
    "  --plan --fair ID  places each department should bring to fair ID: what\n"
    "                    remains (hires before the fair's day) divided by the\n"
    "                    fairs on or after its date up to the programme end,\n"
    "                    rounded up (months left if the fair is after the end)\n"
    "  --steering        protect small counts as the steering role sees them\n";

int fm_cli_quota(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},    {"format", required_argument, NULL, 'f'},
        {"month", required_argument, NULL, 'm'}, {"plan", no_argument, NULL, 'p'},
        {"fair", required_argument, NULL, 'F'},  {"steering", no_argument, NULL, 's'},
        {"help", no_argument, NULL, 'h'},        {NULL, 0, NULL, 0}};
    const char *db = NULL, *format = "table", *month_arg = NULL, *fair = NULL;
    bool plan = false, steering = false;
    fm_quota_table *t = NULL;
    fm_store *s = NULL;
    fm_err err = {0};
    fm_date as_of = fm_date_today();
    char *data = NULL;
    size_t len = 0;
    int c, status = 0;
    fm_rc rc;

    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'd')
            db = optarg;
        else if (c == 'f')
            format = optarg;
        else if (c == 'm')
            month_arg = optarg;
        else if (c == 'p')
            plan = true;
        else if (c == 'F')
            fair = optarg;
        else if (c == 's')
            steering = true;
        else if (c == 'h') {
            fputs(help, stdout);
            return 0;
        } else
            return fm_cli_usage_error("quota", "unknown option");
    }
    if (optind < argc)
        return fm_cli_usage_error("quota", "unexpected argument '%s'", argv[optind]);
    if (strcmp(format, "table") && strcmp(format, "json") && strcmp(format, "csv"))
        return fm_cli_usage_error("quota", "--format: \"%s\" is not table, json or csv", format);
    if (month_arg && !fm_month_parse(month_arg, &as_of))
        return fm_cli_usage_error("quota", "--month: \"%s\" is not a month YYYY-MM", month_arg);
    if (month_arg)
        as_of = fm_month_last_day(as_of);
    if (plan && !fair)
        return fm_cli_usage_error("quota", "--plan needs --fair ID");
    if (!plan && fair)
        return fm_cli_usage_error("quota", "--fair is only used with --plan");
    if (plan && (month_arg || steering))
        return fm_cli_usage_error("quota", "--plan takes no --month or --steering");
    if (fm_store_open(fm_cli_db_path(db), &s, &err))
        return fm_cli_fail(&err);
    rc = plan ? fm_quota_plan_build(s, fair, &t, &err)
              : fm_quota_table_build(s, as_of, steering, &t, &err);
    if (!rc && !strcmp(format, "json"))
        rc = fm_quota_table_to_json(t, &data, &len, &err);
    else if (!rc && !strcmp(format, "csv"))
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
    if (plan && !strcmp(format, "table"))
        printf("fair %s on %s: %lld fair(s) left until %s; remaining quota divided by %lld\n",
               t->fair_id, t->fair_date, t->fairs_left, t->end, t->spread);
    if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
        fprintf(stderr, "fairmatch: quota: writing to stdout failed\n");
        status = 1;
    }
done:
    free(data);
    fm_quota_table_free(t);
    fm_store_close(s);
    return status;
}
