/*
 * cmd_programme.c - `fairmatch programme set|show`: the goal and period of
 * the programme. Rules are src/core/programme.c's.
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fairmatch/csv.h"
#include "fairmatch/programme.h"
#include "fairmatch/steering.h"
#include "fairmatch/store.h"

static const char usage[] =
    "usage: fairmatch programme set --goal N --start YYYY-MM-DD --end YYYY-MM-DD [--db DB]\n"
    "       fairmatch programme set --women-target SHARE [--db DB]\n"
    "       fairmatch programme set --year-goal YEAR=N [--db DB]\n"
    "       fairmatch programme show [--db DB]\n";
static const char about[] =
    "The programme: how many people should get an extra job between two dates\n"
    "(the monthly report measures progress against it). `set` replaces it.\n"
    "--women-target 0.40 sets the programme's target for the women's share of\n"
    "hires (the report's target line; 'none' removes it); it may come alone.\n"
    "--year-goal 2018=500 sets a goal for the hires decided in one calendar year\n"
    "(the report's forecast; 2018=none removes it); it may come alone too.\n";

/* "0.40", "0,4" or "40%" as a share 0...1; "none" as -1 (no target). */
static bool parse_share(const char *s, void *target)
{
    char buf[32];
    size_t n = strlen(s);
    bool pct = n > 0 && s[n - 1] == '%';
    double v, *out = target;
    if (!strcmp(s, "none")) {
        *out = -1.0;
        return true;
    }
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

/* --year-goal: a goal for one calendar year. */
typedef struct year_goal {
    int year;       /* 0: not given */
    long long goal; /* -1: none */
} year_goal;

/* "2018=500" or "2018=none" (goal -1). */
static bool parse_year_goal(const char *s, void *target)
{
    year_goal *yg = target;
    char *end = NULL;
    long y = strtol(s, &end, 10);
    if (end == s || *end != '=' || y < 1 || y > 9999)
        return false;
    yg->year = (int)y;
    if (!strcmp(end + 1, "none")) {
        yg->goal = -1;
        return true;
    }
    s = end + 1;
    if (*s < '0' || *s > '9')
        return false;
    yg->goal = strtoll(s, &end, 10);
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

    if (fm_store_programme_save(s, "cli", p, &err))
        return fm_cli_fail(&err);
    printf("programme: goal %ld, %s to %s\n", p->goal, p->start_date, p->end_date);
    return 0;
}

/* The women's share target: share < 0 removes it. */
static int set_target(fm_store *s, double share)
{
    fm_err err = {0};
    if (fm_store_women_target_set(s, share, &err))
        return fm_cli_fail(&err);
    if (share >= 0)
        printf("women's share target: %g\n", share);
    else
        printf("women's share target: none\n");
    return 0;
}

static int set_year_goal(fm_store *s, const year_goal *yg)
{
    fm_err err = {0};
    if (fm_store_year_goal_set(s, yg->year, yg->goal, &err))
        return fm_cli_fail(&err);
    if (yg->goal >= 0)
        printf("year goal %d: %lld\n", yg->year, yg->goal);
    else
        printf("year goal %d: none\n", yg->year);
    return 0;
}

static int show(fm_store *s)
{
    fm_programme p;
    fm_err err = {0};
    double share = 0;
    bool found = false;

    if (fm_store_programme_get(s, &p, &err))
        return fm_cli_fail(&err);
    printf("goal: %ld\nstart: %s\nend: %s\n", p.goal, p.start_date, p.end_date);
    if (!fm_store_women_target_get(s, &share, &found, &err) && found)
        printf("women target: %g\n", share);
    return 0;
}

/* `set` with --goal, --start and --end: check them into p; 0 or the usage error's status. */
static int check_programme(const char *start, const char *end, fm_programme *p)
{
    fm_err err = {0};
    if (p->goal < 0 || !start || !end)
        return fm_cli_usage_error("programme", "set needs --goal, --start and --end");
    if (!copy_date(start, p->start_date) || !copy_date(end, p->end_date) ||
        fm_programme_validate(p, &err))
        return fm_cli_usage_error("programme", "%s",
                                  err.msg[0] ? err.msg : "dates must be YYYY-MM-DD");
    return 0;
}

int fm_cli_programme(int argc, char **argv)
{
    const char *db = NULL, *start = NULL, *end = NULL, *sub = NULL;
    fm_programme p = {.goal = -1};
    int goal = -1;
    year_goal yg = {0, -1};
    double share = NAN;
    const fm_cli_opt opts[] = {
        /* FM_OPT_INT with the words of the other whole numbers ≥ 0 the user meets. */
        {.name = "goal",
         .kind = FM_CLI_INT,
         .to.num = &goal,
         .value = "N",
         .help = "people to get an extra job in the period",
         .min = 0,
         .max = INT_MAX,
         .what = "a whole number ≥ 0"},
        FM_OPT_STRING("start", &start, "YYYY-MM-DD", "the period's first day"),
        FM_OPT_STRING("end", &end, "YYYY-MM-DD", "the period's last day"),
        FM_OPT_PARSE("women-target", &share, "SHARE", parse_share, "a share 0...1",
                     "the women's share of hires aimed at, or none"),
        FM_OPT_PARSE("year-goal", &yg, "YEAR=N", parse_year_goal, "YEAR=N or YEAR=none",
                     "hires aimed at in one calendar year, or YEAR=none"),
        FM_OPT_DB(&db),
        FM_OPT_END};
    const fm_cli_spec spec = {.cmd = "programme",
                              .usage = usage,
                              .about = about,
                              .opts = opts,
                              .nargs = 1,
                              .args_name = "'set' or 'show'",
                              .args = &sub};
    bool whole, set;
    fm_store *s = NULL;
    fm_err err = {0};
    int status;

    if (fm_cli_parse(&spec, argc, argv, &status))
        return status;
    set = !strcmp(sub, "set");
    p.goal = goal;
    /* The target or a year's goal alone: the programme stays as it is. */
    whole = set && (p.goal >= 0 || start || end || (isnan(share) && !yg.year));
    if (!set && strcmp(sub, "show"))
        return fm_cli_usage_error("programme", "unknown action '%s' (set or show)", sub);
    if (whole && (status = check_programme(start, end, &p)))
        return status;
    if (fm_store_open(fm_cli_db_path(db), &s, &err))
        return fm_cli_fail(&err);
    if (whole)
        status = do_set(s, &p);
    if (set && !isnan(share) && !status)
        status = set_target(s, share);
    if (set && yg.year && !status)
        status = set_year_goal(s, &yg);
    if (!set)
        status = show(s);
    fm_store_close(s);
    return status;
}
