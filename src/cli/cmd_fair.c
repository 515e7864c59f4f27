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

static int add(fm_store *s, const fm_fair *f)
{
    fm_fair old;
    fm_err err = {0};
    fm_rc rc;
    int status = 0;

    rc = fm_store_begin(s, &err);
    if (rc)
        goto done;
    rc = fm_store_fair_get(s, f->id, &old, &err);
    fm_fair_release(&old);
    if (rc == FM_OK) {
        rc =
            fm_err_set(&err, FM_ECONFLICT, "fair add: a fair with id \"%s\" already exists", f->id);
        goto done;
    }
    if (rc != FM_ENOTFOUND)
        goto done;
    rc = fm_store_fair_upsert(s, f, FM_FAIR_ALL, NULL, NULL, &err);
    if (!rc)
        rc = fm_store_audit(s, "cli", "create", "fair", f->id, NULL, &err);
    if (!rc)
        rc = fm_store_commit(s, &err);
done:
    if (rc) {
        fm_store_rollback(s);
        status = fm_cli_fail(&err);
    } else {
        printf("fair %s: %s from %s, %d periods of %d minutes\n", f->id, f->date, f->start,
               f->periods, f->period_minutes);
    }
    return status;
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
    const char *db = NULL, *minutes = NULL, *periods = NULL;
    fm_fair f;
    fm_store *s = NULL;
    fm_err err = {0};
    int c, status;

    memset(&f, 0, sizeof f);
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            db = optarg;
            break;
        case 'i':
            f.id = optarg;
            break;
        case 'D':
            f.date = optarg;
            break;
        case 's':
            f.start = optarg;
            break;
        case 'm':
            minutes = optarg;
            break;
        case 'p':
            periods = optarg;
            break;
        case 'n':
            f.name = optarg;
            break;
        case 'P':
            f.place = optarg;
            break;
        case 'h':
            fputs(help, stdout);
            return 0;
        default:
            return fm_cli_usage_error("fair", "unknown option");
        }
    }
    if (argc - optind != 1 || strcmp(argv[optind], "add"))
        return fm_cli_usage_error("fair", "expected 'add'");
    if (!f.id || !f.date || !f.start || !minutes || !periods)
        return fm_cli_usage_error(
            "fair", "add needs --id, --date, --start, --period-minutes and --periods");
    if (!parse_int(minutes, &f.period_minutes))
        return fm_cli_usage_error("fair", "--period-minutes: \"%s\" is not a whole number",
                                  minutes);
    if (!parse_int(periods, &f.periods))
        return fm_cli_usage_error("fair", "--periods: \"%s\" is not a whole number", periods);
    if (fm_fair_validate(&f, &err))
        return fm_cli_usage_error("fair", "%s", err.msg);
    if (fm_store_open(fm_cli_db_path(db), &s, &err))
        return fm_cli_fail(&err);
    status = add(s, &f);
    fm_store_close(s);
    return status;
}
