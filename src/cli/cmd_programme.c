/*
 * cmd_programme.c - `fairmatch programme set|show`: the goal and period of
 * the programme. Rules are src/core/programme.c's.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fairmatch/programme.h"
#include "fairmatch/store.h"

static const char help[] =
    "usage: fairmatch programme set --goal N --start YYYY-MM-DD --end YYYY-MM-DD [--db DB]\n"
    "       fairmatch programme show [--db DB]\n\n"
    "The programme: how many people should get an extra job between two dates\n"
    "(the monthly report measures progress against it). `set` replaces it.\n";

static int parse_goal(const char *s, long *out)
{
    char *end = NULL;
    long v;
    if (!*s || !(*s >= '0' && *s <= '9'))
        return 0;
    v = strtol(s, &end, 10);
    if (*end)
        return 0;
    *out = v;
    return 1;
}

static int copy_date(const char *s, char dst[11])
{
    if (strlen(s) > 10)
        return 0;
    memcpy(dst, s, strlen(s) + 1);
    return 1;
}

static int do_set(fm_store *s, const fm_programme *p)
{
    fm_err err = {0};
    char detail[96];
    int status = 0;

    snprintf(detail, sizeof detail, "goal %ld, %s...%s", p->goal, p->start_date, p->end_date);
    if (fm_store_begin(s, &err) || fm_store_programme_set(s, p, &err) ||
        fm_store_audit(s, "cli", "update", "programme", "1", detail, &err) ||
        fm_store_commit(s, &err)) {
        fm_store_rollback(s);
        status = fm_cli_fail(&err);
    } else {
        printf("programme: goal %ld, %s to %s\n", p->goal, p->start_date, p->end_date);
    }
    return status;
}

int fm_cli_programme(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},    {"goal", required_argument, NULL, 'g'},
        {"start", required_argument, NULL, 's'}, {"end", required_argument, NULL, 'e'},
        {"help", no_argument, NULL, 'h'},        {NULL, 0, NULL, 0}};
    const char *db = NULL, *goal = NULL, *start = NULL, *end = NULL, *sub;
    fm_programme p;
    fm_store *s = NULL;
    fm_err err = {0};
    int c, status = 0;

    memset(&p, 0, sizeof p);
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'd')
            db = optarg;
        else if (c == 'g')
            goal = optarg;
        else if (c == 's')
            start = optarg;
        else if (c == 'e')
            end = optarg;
        else if (c == 'h')
            return fputs(help, stdout), 0;
        else
            return fm_cli_usage_error("programme", "unknown option");
    }
    if (argc - optind != 1)
        return fm_cli_usage_error("programme", "expected 'set' or 'show'");
    sub = argv[optind];
    if (!strcmp(sub, "set")) {
        if (!goal || !start || !end)
            return fm_cli_usage_error("programme", "set needs --goal, --start and --end");
        if (!parse_goal(goal, &p.goal))
            return fm_cli_usage_error("programme", "--goal: \"%s\" is not a whole number ≥ 0",
                                      goal);
        if (!copy_date(start, p.start_date) || !copy_date(end, p.end_date) ||
            fm_programme_validate(&p, &err))
            return fm_cli_usage_error("programme", "%s",
                                      err.msg[0] ? err.msg : "dates must be YYYY-MM-DD");
    } else if (strcmp(sub, "show")) {
        return fm_cli_usage_error("programme", "unknown action '%s' (set or show)", sub);
    }
    if (fm_store_open(fm_cli_db_path(db), &s, &err))
        return fm_cli_fail(&err);
    if (!strcmp(sub, "set")) {
        status = do_set(s, &p);
    } else if (fm_store_programme_get(s, &p, &err)) {
        status = fm_cli_fail(&err);
    } else {
        printf("goal: %ld\nstart: %s\nend: %s\n", p.goal, p.start_date, p.end_date);
    }
    fm_store_close(s);
    return status;
}
