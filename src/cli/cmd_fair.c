/*
 * cmd_fair.c - `fairmatch fair add`: create one fair from the command line
 * (the import does many at once). Rules are src/core/fair.c's.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fairmatch/fair.h"
#include "fairmatch/store.h"

static const char help[] =
    "usage: fairmatch fair add --id ID --date YYYY-MM-DD --start HH:MM\n"
    "                          --period-minutes N --periods N\n"
    "                          [--name TEXT] [--place TEXT] [--db DB]\n\n"
    "Create a recruitment fair: its day, when the first interview period\n"
    "starts, how long a period is (1-240 minutes) and how many periods there\n"
    "are (1-96, ending by midnight). An existing id is refused; use\n"
    "`fairmatch import fairs` to update fairs.\n";

static int parse_int(const char *s, int *out)
{
    char *end = NULL;
    long v;
    if (!s || !(*s >= '0' && *s <= '9'))
        return 0;
    v = strtol(s, &end, 10);
    if (*end || v > 100000)
        return 0;
    *out = (int)v;
    return 1;
}

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

/* What the options say, before checking. */
typedef struct fair_args {
    const char *db, *minutes, *periods;
} fair_args;

/* Store option c's value; returns 1 when c is not one of ours. */
static int take_option(int c, fm_fair *f, fair_args *a)
{
    switch (c) {
    case 'd':
        a->db = optarg;
        return 0;
    case 'i':
        f->id = optarg;
        return 0;
    case 'D':
        f->date = optarg;
        return 0;
    case 's':
        f->start = optarg;
        return 0;
    case 'm':
        a->minutes = optarg;
        return 0;
    case 'p':
        a->periods = optarg;
        return 0;
    case 'n':
        f->name = optarg;
        return 0;
    case 'P':
        f->place = optarg;
        return 0;
    default:
        return 1;
    }
}

int fm_cli_fair(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"id", required_argument, NULL, 'i'},
                                         {"date", required_argument, NULL, 'D'},
                                         {"start", required_argument, NULL, 's'},
                                         {"period-minutes", required_argument, NULL, 'm'},
                                         {"periods", required_argument, NULL, 'p'},
                                         {"name", required_argument, NULL, 'n'},
                                         {"place", required_argument, NULL, 'P'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    fair_args a = {NULL, NULL, NULL};
    fm_fair f;
    fm_store *s = NULL;
    fm_err err = {0};
    int c, status;

    memset(&f, 0, sizeof f);
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'h') {
            fputs(help, stdout);
            return 0;
        }
        if (take_option(c, &f, &a))
            return fm_cli_usage_error("fair", "unknown option");
    }
    if (argc - optind != 1 || strcmp(argv[optind], "add"))
        return fm_cli_usage_error("fair", "expected 'add'");
    if (!f.id || !f.date || !f.start || !a.minutes || !a.periods)
        return fm_cli_usage_error(
            "fair", "add needs --id, --date, --start, --period-minutes and --periods");
    if (!parse_int(a.minutes, &f.period_minutes))
        return fm_cli_usage_error("fair", "--period-minutes: \"%s\" is not a whole number",
                                  a.minutes);
    if (!parse_int(a.periods, &f.periods))
        return fm_cli_usage_error("fair", "--periods: \"%s\" is not a whole number", a.periods);
    if (fm_fair_validate(&f, &err))
        return fm_cli_usage_error("fair", "%s", err.msg);
    if (fm_store_open(fm_cli_db_path(a.db), &s, &err))
        return fm_cli_fail(&err);
    status = add(s, &f);
    fm_store_close(s);
    return status;
}
