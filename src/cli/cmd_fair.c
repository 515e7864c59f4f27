/*
 * cmd_fair.c - `fairmatch fair add`: create one fair from the command line
 * (the import does many at once). Rules are src/core/fair.c's.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "fairmatch/fair.h"
#include "fairmatch/store.h"

static const char usage[] = "usage: fairmatch fair add --id ID --date YYYY-MM-DD --start HH:MM\n"
                            "                          --period-minutes N --periods N\n"
                            "                          [--name TEXT] [--place TEXT] [--db DB]\n";
static const char about[] =
    "Create a recruitment fair: its day, when the first interview period\n"
    "starts, how long a period is (1-240 minutes) and how many periods there\n"
    "are (1-96, ending by midnight). An existing id is refused; use\n"
    "`fairmatch import fairs` to update fairs.\n";

static int add(fm_store *s, fm_fair *f)
{
    fm_err err = {0};
    fm_rc rc = fm_store_fair_save(s, "cli", f, FM_FAIR_ALL, true, NULL, 0, NULL, NULL, &err);

    if (rc == FM_ECONFLICT)
        /* The command line's words for the one conflict a new fair can meet. */
        fm_err_set(&err, rc, "fair add: a fair with id \"%s\" already exists", f->id);
    if (rc)
        return fm_cli_fail(&err);
    printf("fair %s: %s from %s, %d periods of %d minutes\n", f->id, f->date, f->start, f->periods,
           f->period_minutes);
    return 0;
}

int fm_cli_fair(int argc, char **argv)
{
    const char *db = NULL, *sub = NULL, *id = NULL, *date = NULL, *start = NULL, *name = NULL;
    const char *place = NULL;
    fm_fair f = {.period_minutes = -1, .periods = -1};
    const fm_cli_opt opts[] = {
        FM_OPT_STRING("id", &id, "ID", "the fair's id (required)"),
        FM_OPT_STRING("date", &date, "YYYY-MM-DD", "its day (required)"),
        FM_OPT_STRING("start", &start, "HH:MM", "when the first period starts (required)"),
        FM_OPT_INT("period-minutes", &f.period_minutes, "N", 0, 100000,
                   "how long a period is (required)"),
        FM_OPT_INT("periods", &f.periods, "N", 0, 100000, "how many periods (required)"),
        FM_OPT_STRING("name", &name, "TEXT", "its name"),
        FM_OPT_STRING("place", &place, "TEXT", "where it is"),
        FM_OPT_DB(&db),
        FM_OPT_END};
    const fm_cli_spec spec = {.cmd = "fair",
                              .usage = usage,
                              .about = about,
                              .opts = opts,
                              .nargs = 1,
                              .args_name = "'add'",
                              .args = &sub};
    fm_store *s = NULL;
    fm_err err = {0};
    int status;

    if (fm_cli_parse(&spec, argc, argv, &status))
        return status;
    if (strcmp(sub, "add"))
        return fm_cli_usage_error("fair", "expected 'add'");
    /* The record borrows argv's strings, which are writable: the casts drop no promise. */
    f.id = (char *)id;
    f.date = (char *)date;
    f.start = (char *)start;
    f.name = (char *)name;
    f.place = (char *)place;
    if (!f.id || !f.date || !f.start || f.period_minutes < 0 || f.periods < 0)
        return fm_cli_usage_error(
            "fair", "add needs --id, --date, --start, --period-minutes and --periods");
    if (fm_fair_validate(&f, &err))
        return fm_cli_usage_error("fair", "%s", err.msg);
    if (fm_store_open(fm_cli_db_path(db), &s, &err))
        return fm_cli_fail(&err);
    status = add(s, &f);
    fm_store_close(s);
    return status;
}
