/*
 * cmd_report.c - `fairmatch report`: the steering group's monthly report as
 * JSON, CSV or XLSX on stdout or into a file. What the numbers mean is
 * src/report's (reports.md); this file parses options and writes bytes.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fairmatch/date.h"
#include "fairmatch/outcomes.h"
#include "fairmatch/report.h"
#include "fairmatch/store.h"

static const char help[] =
    "usage: fairmatch report --month YYYY-MM [--db DB] [--format json|csv|xlsx] [-o FILE]\n"
    "                        [--steering]\n\n"
    "The steering group's monthly report: hires of the month and since the\n"
    "programme start against the goal, the gender split against the pool,\n"
    "departments against their quotas, the trend since the start, employments\n"
    "ended, and the fair pipeline, eligibility, occupation, extent, status 90\n"
    "days after and follow-ups due (docs/reports.md).\n\n"
    "  --format F   json (default), csv (Swedish Excel: ';', UTF-8 BOM) or xlsx\n"
    "  -o FILE      write to FILE (replaced only when complete) instead of stdout\n"
    "  --steering   protect small counts: 1-4 reads \"<5\", counts that could be\n"
    "               worked out from totals are hidden, shares need 10 people\n\n"
    "       fairmatch report outcomes --from YYYY-MM --to YYYY-MM [--db DB]\n"
    "                        [--format json|csv] [--steering]\n\n"
    "The outcome table of seed 002: employments ended from the first day of\n"
    "--from to the last day of --to by outcome (to work, to studies, own\n"
    "business, planned end, interruption), the share successful and days in\n"
    "the job per person; in total and by gender, age band, Swedish level,\n"
    "education level and department (docs/reports.md).\n";

/* `fairmatch report outcomes ...`: argv[0] is "outcomes". */
static int report_outcomes(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"from", required_argument, NULL, 'F'},
                                         {"to", required_argument, NULL, 'T'},
                                         {"format", required_argument, NULL, 'f'},
                                         {"steering", no_argument, NULL, 's'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *db = NULL, *from_arg = NULL, *to_arg = NULL, *format = "json";
    bool steering = false;
    fm_outcomes *o = NULL;
    fm_store *s = NULL;
    fm_err err = {0};
    fm_date from, to;
    char a[11], b[11], *data = NULL;
    size_t len = 0;
    int c, status = 0;
    fm_rc rc;

    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'd')
            db = optarg;
        else if (c == 'F')
            from_arg = optarg;
        else if (c == 'T')
            to_arg = optarg;
        else if (c == 'f')
            format = optarg;
        else if (c == 's')
            steering = true;
        else if (c == 'h') {
            fputs(help, stdout);
            return 0;
        } else
            return fm_cli_usage_error("report outcomes", "unknown option");
    }
    if (optind < argc)
        return fm_cli_usage_error("report outcomes", "unexpected argument '%s'", argv[optind]);
    if (!from_arg || !to_arg)
        return fm_cli_usage_error("report outcomes",
                                  "--from YYYY-MM and --to YYYY-MM are required");
    if (!fm_month_parse(from_arg, &from))
        return fm_cli_usage_error("report outcomes", "--from: \"%s\" is not a month YYYY-MM",
                                  from_arg);
    if (!fm_month_parse(to_arg, &to))
        return fm_cli_usage_error("report outcomes", "--to: \"%s\" is not a month YYYY-MM", to_arg);
    if (fm_date_cmp(to, from) < 0)
        return fm_cli_usage_error("report outcomes", "--to %s is before --from %s", to_arg,
                                  from_arg);
    if (strcmp(format, "json") && strcmp(format, "csv"))
        return fm_cli_usage_error("report outcomes", "--format: \"%s\" is not json or csv", format);
    if (fm_store_open(fm_cli_db_path(db), &s, &err))
        return fm_cli_fail(&err);
    rc = fm_outcomes_build(s, fm_date_format(from, a), fm_date_format(fm_month_last_day(to), b),
                           steering, &o, &err);
    if (!rc)
        rc = !strcmp(format, "json") ? fm_outcomes_to_json(o, &data, &len, &err)
                                     : fm_outcomes_to_csv(o, &data, &len, &err);
    if (rc)
        status = fm_cli_fail(&err);
    else if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
        fprintf(stderr, "fairmatch: report: writing to stdout failed\n");
        status = 1;
    }
    free(data);
    fm_outcomes_free(o);
    fm_store_close(s);
    return status;
}

int fm_cli_report(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"month", required_argument, NULL, 'm'},
                                         {"format", required_argument, NULL, 'f'},
                                         {"output", required_argument, NULL, 'o'},
                                         {"steering", no_argument, NULL, 's'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *db = NULL, *month_arg = NULL, *format = "json", *output = NULL;
    fm_report_opts ropts = {false};
    fm_report *r = NULL;
    fm_store *s = NULL;
    fm_err err = {0};
    fm_date month;
    char *data = NULL;
    size_t len = 0;
    int c, status = 0;
    fm_rc rc;

    if (argc > 1 && !strcmp(argv[1], "outcomes"))
        return report_outcomes(argc - 1, argv + 1);
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
        if (c == 'd')
            db = optarg;
        else if (c == 'm')
            month_arg = optarg;
        else if (c == 'f')
            format = optarg;
        else if (c == 'o')
            output = optarg;
        else if (c == 's')
            ropts.steering = true;
        else if (c == 'h') {
            fputs(help, stdout);
            return 0;
        } else
            return fm_cli_usage_error("report", "unknown option");
    }
    if (optind < argc)
        return fm_cli_usage_error("report", "unexpected argument '%s'", argv[optind]);
    if (!month_arg)
        return fm_cli_usage_error("report", "--month YYYY-MM is required");
    if (!fm_month_parse(month_arg, &month))
        return fm_cli_usage_error("report", "--month: \"%s\" is not a month YYYY-MM (e.g. 2018-11)",
                                  month_arg);
    if (strcmp(format, "json") && strcmp(format, "csv") && strcmp(format, "xlsx"))
        return fm_cli_usage_error("report", "--format: \"%s\" is not json, csv or xlsx", format);
    if (fm_store_open(fm_cli_db_path(db), &s, &err))
        return fm_cli_fail(&err);
    rc = fm_report_build(s, month, &ropts, &r, &err);
    if (!rc && !strcmp(format, "json"))
        rc = fm_report_to_json(r, &data, &len, &err);
    else if (!rc && !strcmp(format, "csv"))
        rc = fm_report_to_csv(r, &data, &len, &err);
    else if (!rc)
        rc = fm_report_to_xlsx(r, &data, &len, &err);
    if (rc) {
        status = fm_cli_fail(&err);
        goto done;
    }
    if (fm_report_quota_all_zero(r))
        fprintf(stderr, "fairmatch: report: every department has 0 employees, so every quota "
                        "is 0\n");
    if (output) {
        fm_err werr = {0};
        if (fm_cli_write_file(output, data, len, &werr))
            status = fm_cli_fail(&werr);
    } else if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
        fprintf(stderr, "fairmatch: report: writing to stdout failed\n");
        status = 1;
    }
done:
    free(data);
    fm_report_free(r);
    fm_store_close(s);
    return status;
}
