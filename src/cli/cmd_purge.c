/*
 * cmd_purge.c - `fairmatch purge`: remove personal details of seekers who
 * have been inactive for a given number of months. What counts as activity
 * and how the bytes are erased is fm_purge_inactive's (src/store/purge.c).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "fairmatch/date.h"
#include "fairmatch/purge.h"
#include "fairmatch/store.h"

static const char help[] =
    "usage: fairmatch purge --older-than MONTHS [--db DB] [--dry-run] [--as-of DATE]\n\n"
    "Remove first and last name, phone, e-mail and personal number of every\n"
    "seeker with no activity in the last MONTHS months (1-1200): not registered,\n"
    "not invited to or interviewed at a fair, no employment decided, started or\n"
    "ended in that time, and no employment still open. Gender, birth year,\n"
    "dates and departments stay, so monthly reports of past months do not\n"
    "change. Freed bytes are overwritten (secure_delete) and the WAL is\n"
    "truncated afterwards. One audit row records the count.\n\n"
    "  --dry-run     count only; change nothing\n"
    "  --as-of DATE  count the months back from DATE (YYYY-MM-DD) instead of today\n";

static int parse_months(const char *s, int *out)
{
    char *end = NULL;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < 1 || v > 1200)
        return 0;
    *out = (int)v;
    return 1;
}

int fm_cli_purge(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'}, {"older-than", required_argument, NULL, 'o'},
        {"dry-run", no_argument, NULL, 'n'},  {"as-of", required_argument, NULL, 'a'},
        {"help", no_argument, NULL, 'h'},     {NULL, 0, NULL, 0}};
    const char *db = NULL, *months_arg = NULL;
    fm_date today = fm_date_today();
    fm_purge_result res;
    fm_store *s = NULL;
    fm_err err = {0};
    int c, months = 0, dry = 0, status = 0;

    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'd') {
            db = optarg;
        } else if (c == 'o') {
            months_arg = optarg;
        } else if (c == 'n') {
            dry = 1;
        } else if (c == 'a') {
            if (!fm_date_parse(optarg, &today))
                return fm_cli_usage_error("purge", "--as-of: \"%s\" is not a date YYYY-MM-DD",
                                          optarg);
        } else if (c == 'h') {
            fputs(help, stdout);
            return 0;
        } else {
            return fm_cli_usage_error("purge", "unknown option");
        }
    }
    if (optind < argc)
        return fm_cli_usage_error("purge", "unexpected argument '%s'", argv[optind]);
    if (!months_arg)
        return fm_cli_usage_error("purge", "--older-than MONTHS is required");
    if (!parse_months(months_arg, &months))
        return fm_cli_usage_error("purge", "--older-than: \"%s\" is not a number of months 1-1200",
                                  months_arg);
    if (fm_store_open(fm_cli_db_path(db), &s, &err))
        return fm_cli_fail(&err);
    if (fm_purge_inactive(s, months, today, dry != 0, "cli:purge", &res, &err)) {
        status = fm_cli_fail(&err);
        goto done;
    }
    printf("purge: %s%lld seekers inactive since %s%s, %lld kept (active), %lld purged before\n",
           dry ? "would purge " : "", res.purged, res.cutoff, dry ? "" : " purged", res.kept,
           res.already);
    if (!dry && !res.wal_truncated)
        fprintf(stderr, "fairmatch: purge: another connection held the WAL; old values leave the "
                        "-wal file at its next checkpoint\n");
done:
    fm_store_close(s);
    return status;
}
