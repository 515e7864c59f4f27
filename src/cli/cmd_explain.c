/*
 * cmd_explain.c - `fairmatch explain INSTANCE SOLUTION --seeker ID`: loads
 * both files and prints fm_explain_seeker's sentences. The reasoning is
 * src/solve/explain.c's; this file only wires arguments and files.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fairmatch/check.h"
#include "fairmatch/explain.h"
#include "fairmatch/instance.h"

static const char help[] =
    "usage: fairmatch explain INSTANCE.json SOLUTION.json --seeker ID\n"
    "                         [--no-resolve] [--time-limit SECONDS]\n\n"
    "Say in plain words why seeker ID got the interviews they got, or none:\n"
    "not eligible for any position, no available period, positions full with\n"
    "higher-valued candidates, one interview per department, their K_i, a\n"
    "department's gender balance, the day's tables, or the timetable.\n"
    "A seeker with no interview who could have one is also forced in: the\n"
    "instance is solved again with a bonus on their pairs, and the objective\n"
    "loss and the interviews that would move are reported.\n\n"
    "  --seeker ID          the seeker (required)\n"
    "  --no-resolve         skip the re-solve\n"
    "  --time-limit S       limit for the re-solve (default: the instance's)\n";

int fm_cli_explain(int argc, char **argv)
{
    static const struct option opts[] = {{"seeker", required_argument, NULL, 's'},
                                         {"no-resolve", no_argument, NULL, 'n'},
                                         {"time-limit", required_argument, NULL, 't'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *seeker = NULL;
    char *inst_text = NULL, *sol_text = NULL, *end = NULL;
    size_t inst_len = 0, sol_len = 0;
    fm_instance *inst = NULL;
    fm_check_solution *sol = NULL;
    fm_buf out = FM_BUF_INIT;
    fm_err err = {0};
    double limit = 0;
    int c, resolve = 1, status = 0;

    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 's') {
            seeker = optarg;
        } else if (c == 'n') {
            resolve = 0;
        } else if (c == 't') {
            limit = strtod(optarg, &end);
            if (!*optarg || *end || !isfinite(limit) || limit <= 0 || limit > 86400)
                return fm_cli_usage_error("explain", "--time-limit: \"%s\" is not 0 < s <= 86400",
                                          optarg);
        } else if (c == 'h') {
            fputs(help, stdout);
            return 0;
        } else {
            return fm_cli_usage_error("explain", "unknown option or missing value");
        }
    }
    if (argc - optind != 2)
        return fm_cli_usage_error("explain", "expected INSTANCE and SOLUTION");
    if (!seeker)
        return fm_cli_usage_error("explain", "--seeker ID is required");
    if (fm_cli_read_file(argv[optind], &inst_text, &inst_len, &err) ||
        fm_instance_parse(inst_text, inst_len, argv[optind], &inst, &err) ||
        fm_cli_read_file(argv[optind + 1], &sol_text, &sol_len, &err) ||
        fm_check_read(sol_text, sol_len, argv[optind + 1], &sol, &err) ||
        fm_explain_seeker(inst, sol, seeker, resolve != 0, limit, &out, &err)) {
        status = fm_cli_fail(&err);
        goto done;
    }
    fputs(out.data, stdout);
done:
    fm_buf_release(&out);
    fm_check_solution_free(sol);
    fm_instance_free(inst);
    free(sol_text);
    free(inst_text);
    return status;
}
