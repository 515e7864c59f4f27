/*
 * cmd_report.c - `fairmatch report`: the steering group's monthly report as
 * JSON, CSV or XLSX on stdout or into a file. What the numbers mean is
 * src/report's (reports.md); this file parses options and writes bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fairmatch/date.h"
#include "fairmatch/outcomes.h"
#include "fairmatch/report.h"
#include "fairmatch/store.h"

static const char usage[] =
    "usage: fairmatch report --month YYYY-MM [--db DB] [--format json|csv|xlsx] [-o FILE]\n"
    "                        [--steering]\n"
    "       fairmatch report outcomes --from YYYY-MM --to YYYY-MM [--db DB]\n"
    "                        [--format json|csv] [--steering]\n";
static const char about[] =
    "The steering group's monthly report: hires of the month and since the\n"
    "programme start against the goal, the gender split against the pool,\n"
    "departments against their quotas, the trend since the start, employments\n"
    "ended, and the fair pipeline, eligibility, occupation, extent, status 90\n"
    "days after and follow-ups due (docs/reports.md).\n";
static const char about_outcomes[] =
    "The outcome table of seed 002: employments ended from the first day of\n"
    "--from to the last day of --to by outcome (to work, to studies, own\n"
    "business, planned end, interruption), the share successful and days in\n"
    "the job per person; in total and by gender, age band, Swedish level,\n"
    "education level and department (docs/reports.md).\n";
static const char steering_help[] = "protect small counts: 1-4 reads \"<5\", counts that could be\n"
                                    "worked out from totals are hidden, shares need 10 people";

/* The outcome table from..to (months) rendered as format; 0 or the exit status. */
static int outcomes(const char *db, fm_date from, fm_date to, bool steering, const char *format)
{
    fm_outcomes *o = NULL;
    fm_store *s = NULL;
    fm_err err = {0};
    char a[11], b[11], *data = NULL;
    size_t len = 0;
    int status = 0;
    fm_rc rc;

    if (fm_store_open(fm_cli_db_path(db), &s, &err))
        return fm_cli_fail(&err);
    rc = fm_outcomes_build(s, fm_date_format(from, a), fm_date_format(fm_month_last_day(to), b),
                           steering, &o, &err);
    if (!rc)
        rc = !strcmp(format, "json") ? fm_outcomes_to_json(o, &data, &len, &err)
                                     : fm_outcomes_to_csv(o, &data, &len, &err);
    status = rc ? fm_cli_fail(&err) : fm_cli_output("report", NULL, data, len);
    free(data);
    fm_outcomes_free(o);
    fm_store_close(s);
    return status;
}

/* `fairmatch report outcomes ...`: argv[0] is "outcomes". */
static int report_outcomes(int argc, char **argv)
{
    const char *db = NULL, *format = "json";
    fm_date from = {0}, to = {0};
    bool steering = false;
    const fm_cli_opt opts[] = {
        FM_OPT_PARSE("from", &from, "YYYY-MM", fm_cli_parse_month, "a month YYYY-MM",
                     "the first month (required)"),
        FM_OPT_PARSE("to", &to, "YYYY-MM", fm_cli_parse_month, "a month YYYY-MM",
                     "the last month (required)"),
        FM_OPT_ENUM("format", &format, "F", "json|csv", "json (default) or csv"),
        FM_OPT_FLAG("steering", &steering, steering_help),
        FM_OPT_DB(&db),
        FM_OPT_END};
    const fm_cli_spec spec = {
        .cmd = "report outcomes", .usage = usage, .about = about_outcomes, .opts = opts};
    char a[11], b[11];
    int status;

    if (fm_cli_parse(&spec, argc, argv, &status))
        return status;
    if (!from.year || !to.year)
        return fm_cli_usage_error("report outcomes",
                                  "--from YYYY-MM and --to YYYY-MM are required");
    if (fm_date_cmp(to, from) < 0)
        return fm_cli_usage_error("report outcomes", "--to %.7s is before --from %.7s",
                                  fm_date_format(to, a), fm_date_format(from, b));
    return outcomes(db, from, to, steering, format);
}

/* The monthly report rendered as format; OUT: *data, *len (caller frees). */
static fm_rc render(const fm_report *r, const char *format, char **data, size_t *len, fm_err *err)
{
    if (!strcmp(format, "json"))
        return fm_report_to_json(r, data, len, err);
    if (!strcmp(format, "csv"))
        return fm_report_to_csv(r, data, len, err);
    return fm_report_to_xlsx(r, data, len, err);
}

int fm_cli_report(int argc, char **argv)
{
    const char *db = NULL, *format = "json", *output = NULL;
    fm_report_opts ropts = {false};
    fm_date month = {0};
    const fm_cli_opt opts[] = {
        FM_OPT_PARSE("month", &month, "YYYY-MM", fm_cli_parse_month,
                     "a month YYYY-MM (e.g. 2018-11)", "the month (required)"),
        FM_OPT_ENUM("format", &format, "F", "json|csv|xlsx",
                    "json (default), csv (Swedish Excel: ';', UTF-8 BOM) or xlsx"),
        FM_OPT_OUTPUT("output", &output, "FILE",
                      "write to FILE (replaced only when complete) instead of stdout"),
        FM_OPT_FLAG("steering", &ropts.steering, steering_help),
        FM_OPT_DB(&db),
        FM_OPT_END};
    const fm_cli_spec spec = {
        .cmd = "report",
        .usage = usage,
        .about = about,
        .after = "`fairmatch report outcomes --help` describes the outcome table.\n",
        .opts = opts};
    fm_report *r = NULL;
    fm_store *s = NULL;
    fm_err err = {0};
    char *data = NULL;
    size_t len = 0;
    int status;

    if (argc > 1 && !strcmp(argv[1], "outcomes"))
        return report_outcomes(argc - 1, argv + 1);
    if (fm_cli_parse(&spec, argc, argv, &status))
        return status;
    if (!month.year)
        return fm_cli_usage_error("report", "--month YYYY-MM is required");
    if (fm_store_open(fm_cli_db_path(db), &s, &err))
        return fm_cli_fail(&err);
    if (fm_report_build(s, month, &ropts, &r, &err) || render(r, format, &data, &len, &err)) {
        status = fm_cli_fail(&err);
        goto done;
    }
    if (fm_report_quota_all_zero(r))
        fprintf(stderr, "fairmatch: report: every department has 0 employees, so every quota "
                        "is 0\n");
    status = fm_cli_output("report", output, data, len);
done:
    free(data);
    fm_report_free(r);
    fm_store_close(s);
    return status;
}
