/*
 * cmd_explain.c - `fairmatch explain INSTANCE SOLUTION --seeker ID`: loads
 * both files and prints fm_explain_seeker's sentences. The reasoning is
 * src/solve/explain.c's; this file only wires arguments and files.
 */
#include <stdio.h>

#include "cli.h"
#include "fairmatch/check.h"
#include "fairmatch/explain.h"
#include "fairmatch/instance.h"

static const char usage[] = "usage: fairmatch explain INSTANCE.json SOLUTION.json --seeker ID\n"
                            "                         [--no-resolve] [--time-limit SECONDS]\n";
static const char about[] =
    "Say in plain words why seeker ID got the interviews they got, or none:\n"
    "not eligible for any position, no available period, positions full with\n"
    "higher-valued candidates, one interview per department, their K_i, a\n"
    "department's gender balance, the day's tables, or the timetable.\n"
    "A seeker with no interview who could have one is also forced in: the\n"
    "instance is solved again with a bonus on their pairs, and the objective\n"
    "loss and the interviews that would move are reported.\n";

int fm_cli_explain(int argc, char **argv)
{
    const char *seeker = NULL, *args[2];
    bool no_resolve = false;
    double limit = 0;
    const fm_cli_opt opts[] = {FM_OPT_STRING("seeker", &seeker, "ID", "the seeker (required)"),
                               FM_OPT_FLAG("no-resolve", &no_resolve, "skip the re-solve"),
                               FM_OPT_SECONDS("time-limit", &limit, "S",
                                              "limit for the re-solve (default: the instance's)"),
                               FM_OPT_END};
    fm_instance *inst = NULL;
    fm_check_solution *sol = NULL;
    fm_buf out = FM_BUF_INIT;
    fm_err err = {0};
    int status;

    if (fm_cli_parse_solution_args("explain", usage, about, opts, argc, argv, args, &status))
        return status;
    if (!seeker)
        return fm_cli_usage_error("explain", "--seeker ID is required");
    if (fm_cli_load_solution(args[0], args[1], &inst, &sol, &err) ||
        fm_explain_seeker(inst, sol, seeker, !no_resolve, limit, &out, &err)) {
        status = fm_cli_fail(&err);
        goto done;
    }
    fputs(out.data, stdout);
done:
    fm_buf_release(&out);
    fm_check_solution_free(sol);
    fm_instance_free(inst);
    return status;
}
