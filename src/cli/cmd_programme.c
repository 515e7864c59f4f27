/*
 * cmd_programme.c - `fairmatch programme set|show`: the goal and period of
 * the programme. Rules are src/core/programme.c's.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fairmatch/csv.h"
#include "fairmatch/programme.h"
#include "fairmatch/steering.h"
#include "fairmatch/store.h"

static const char help[] =
    "usage: fairmatch programme set --goal N --start YYYY-MM-DD --end YYYY-MM-DD [--db DB]\n"
    "       fairmatch programme set --women-target SHARE [--db DB]\n"
    "       fairmatch programme set --year-goal YEAR=N [--db DB]\n"
    "       fairmatch programme show [--db DB]\n\n"
    "The programme: how many people should get an extra job between two dates\n"
    "(the monthly report measures progress against it). `set` replaces it.\n"
    "--women-target 0.40 sets the programme's target for the women's share of\n"
    "hires (the report's target line; 'none' removes it); it may come alone.\n"
    "--year-goal 2018=500 sets a goal for the hires decided in one calendar year\n"
    "(the report's forecast; 2018=none removes it); it may come alone too.\n";

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

/* "0.40", "0,4" or "40%" as a share 0...1. */
static bool parse_share(const char *s, double *out)
{
    char buf[32];
    size_t n = strlen(s);
    bool pct = n > 0 && s[n - 1] == '%';
    double v;
    if (n == 0 || n >= sizeof buf)
        return false;
    memcpy(buf, s, n + 1);
    if (pct)
        buf[n - 1] = '\0';
    if (!fm_csv_parse_decimal(buf, &v))
        return false;
    if (pct)
        v /= 100.0;
    if (!(v >= 0.0 && v <= 1.0))
        return false;
    *out = v;
    return true;
}

/* "2018=500" or "2018=none" (goal -1). */
static bool parse_year_goal(const char *s, int *year, long long *goal)
{
    char *end = NULL;
    long y = strtol(s, &end, 10);
    if (end == s || *end != '=' || y < 1 || y > 9999)
        return false;
    *year = (int)y;
    if (!strcmp(end + 1, "none")) {
        *goal = -1;
        return true;
    }
    s = end + 1;
    if (*s < '0' || *s > '9')
        return false;
    *goal = strtoll(s, &end, 10);
    return *end == '\0';
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
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"goal", required_argument, NULL, 'g'},
                                         {"start", required_argument, NULL, 's'},
                                         {"end", required_argument, NULL, 'e'},
                                         {"women-target", required_argument, NULL, 'w'},
                                         {"year-goal", required_argument, NULL, 'y'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *db = NULL, *goal = NULL, *start = NULL, *end = NULL, *sub, *target = NULL;
    const char *year_goal = NULL;
    int year = 0;
    long long ygoal = -1;
    double share = -1.0;
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
        else if (c == 'w')
            target = optarg;
        else if (c == 'y')
            year_goal = optarg;
        else if (c == 'h')
            return fputs(help, stdout), 0;
        else
            return fm_cli_usage_error("programme", "unknown option");
    }
    if (argc - optind != 1)
        return fm_cli_usage_error("programme", "expected 'set' or 'show'");
    sub = argv[optind];
    if (target && strcmp(target, "none") && !parse_share(target, &share))
        return fm_cli_usage_error("programme", "--women-target: \"%s\" is not a share 0...1",
                                  target);
    if (year_goal && !parse_year_goal(year_goal, &year, &ygoal))
        return fm_cli_usage_error("programme", "--year-goal: \"%s\" is not YEAR=N or YEAR=none",
                                  year_goal);
    if (!strcmp(sub, "set") && (target || year_goal) && !goal && !start && !end) {
        /* The target alone: the programme stays as it is. */
    } else if (!strcmp(sub, "set")) {
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
    if (!strcmp(sub, "set") && (goal || start || end))
        status = do_set(s, &p);
    if (!strcmp(sub, "set") && target && !status) {
        if (fm_store_women_target_set(s, share, &err))
            status = fm_cli_fail(&err);
        else if (share >= 0)
            printf("women's share target: %g\n", share);
        else
            printf("women's share target: none\n");
    }
    if (!strcmp(sub, "set") && year_goal && !status) {
        if (fm_store_year_goal_set(s, year, ygoal, &err))
            status = fm_cli_fail(&err);
        else if (ygoal >= 0)
            printf("year goal %d: %lld\n", year, ygoal);
        else
            printf("year goal %d: none\n", year);
    }
    if (!strcmp(sub, "set")) {
        /* done above */
    } else if (fm_store_programme_get(s, &p, &err)) {
        status = fm_cli_fail(&err);
    } else {
        bool found = false;
        printf("goal: %ld\nstart: %s\nend: %s\n", p.goal, p.start_date, p.end_date);
        if (!fm_store_women_target_get(s, &share, &found, &err) && found)
            printf("women target: %g\n", share);
    }
    fm_store_close(s);
    return status;
}
