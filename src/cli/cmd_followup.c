/*
 * cmd_followup.c - `fairmatch followup`: the follow-up worklist on a date
 * (who is due a 3, 6 or 12 month follow-up, whose status 90 is missing, who
 * is past the planned end or 24 months, which ends lack a reason, who holds
 * two open employments). The list is the store's, the layout report's;
 * this file parses options and prints.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "fairmatch/date.h"
#include "fairmatch/followup.h"
#include "fairmatch/lifecycle.h"
#include "fairmatch/store.h"

static const char usage[] =
    "usage: fairmatch followup [--date YYYY-MM-DD] [--format table|csv|json] [--db DB]\n";
static const char about[] =
    "The follow-up worklist on --date (default today), one line per thing to do,\n"
    "each naming the seeker (id and name), the department and what to do:\n"
    "  follow_up_3m, _6m, _12m  3, 6 or 12 months in the job reached, no follow-up\n"
    "                           recorded (seed 004 section 7.1)\n"
    "  status_90_missing        ended 90 days ago or more, no status 90 recorded\n"
    "  past_planned_end         still employed after the planned end\n"
    "  over_24_months           still employed more than 24 months after the start\n"
    "  end_without_reason       an end date without an end reason\n"
    "  two_open                 a person holding two or more open employments\n"
    "Recording the follow-up (web page or POST /api/employments/ID/follow_ups)\n"
    "takes a line off the list. Exit status 0 whether or not the list is empty.\n";

int fm_cli_followup(int argc, char **argv)
{
    const char *db = NULL, *format = "table", *date = NULL;
    const fm_cli_opt opts[] = {
        FM_OPT_STRING("date", &date, "YYYY-MM-DD", "the day of the list (default today)"),
        FM_OPT_ENUM("format", &format, "F", "table|csv|json", "table (default), csv or json"),
        FM_OPT_DB(&db), FM_OPT_END};
    const fm_cli_spec spec = {.cmd = "followup", .usage = usage, .about = about, .opts = opts};
    char today[11], *data = NULL;
    fm_work_item *v = NULL;
    size_t n = 0, len = 0;
    fm_store *s = NULL;
    fm_err err = {0};
    fm_date d;
    int status;

    if (fm_cli_parse(&spec, argc, argv, &status))
        return status;
    if (date && !fm_date_parse(date, &d))
        return fm_cli_usage_error("followup", "--date: \"%s\" is not a date YYYY-MM-DD", date);
    if (!date)
        date = fm_date_format(fm_date_today(), today);
    if (fm_store_open(fm_cli_db_path(db), &s, &err))
        return fm_cli_fail(&err);
    if (fm_store_worklist(s, date, NULL, &v, &n, &err) ||
        fm_followup_render(v, n, date, format, &data, &len, &err)) {
        status = fm_cli_fail(&err);
        goto done;
    }
    status = fm_cli_output("followup", NULL, data, len);
done:
    free(data);
    fm_work_item_list_free(v, n);
    fm_store_close(s);
    return status;
}
