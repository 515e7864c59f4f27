/*
 * cmd_check.c - `fairmatch check INSTANCE SOLUTION`: load both files, run
 * fm_check_run and print one line per problem plus a summary. The rules
 * themselves are src/solve/check.c's; parsing the instance is the solver's.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fairmatch/check.h"
#include "fairmatch/instance.h"

static const char help[] =
    "usage: fairmatch check INSTANCE.json SOLUTION.json\n\n"
    "Re-verify a solution (for example a schedule edited by hand) against its\n"
    "instance: every hard rule of the model (positions' maximum candidates,\n"
    "each seeker's K_i, one interview per seeker and department, the day's\n"
    "capacity per department, one interview per table and period, tables and\n"
    "periods in range, the seeker's gap and available periods), eligible pairs\n"
    "only, no duplicates, departments, start/end times and order as the format\n"
    "says, and the objective, makespan, shortfall and departments sections\n"
    "recomputed from the interviews (objective within 1e-6 relative).\n\n"
    "Prints one line per problem naming the interview (index, seeker,\n"
    "position) and the rule, then a summary with the recomputed objective.\n"
    "Exit status: 0 valid, 2 invalid solution or bad instance, 1 internal error.\n";

static void print_summary(const char *sol_path, const fm_check_solution *sol,
                          const fm_check_result *res)
{
    if (res->n_problems == 0)
        printf("%s: valid: %zu interviews, status %s, objective %.17g (recomputed %.17g)\n",
               sol_path, sol->n_interviews, sol->status, sol->objective, res->objective);
    else
        printf("%s: INVALID: %zu problem%s in %zu interviews; objective in the file %.17g, "
               "recomputed from the eligible interviews listed %.17g\n",
               sol_path, res->n_problems, res->n_problems == 1 ? "" : "s", sol->n_interviews,
               sol->objective, res->objective);
}

int fm_cli_check(int argc, char **argv)
{
    char *inst_text = NULL, *sol_text = NULL;
    size_t inst_len = 0, sol_len = 0;
    fm_instance *inst = NULL;
    fm_check_solution *sol = NULL;
    fm_check_result res = {0, 0, FM_BUF_INIT};
    fm_err err = {0};
    int status = 0;

    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(help, stdout);
            return 0;
        }
        if (argv[i][0] == '-' && argv[i][1])
            return fm_cli_usage_error("check", "unknown option '%s'", argv[i]);
    }
    if (argc != 3)
        return fm_cli_usage_error("check", "expected INSTANCE and SOLUTION, got %d argument%s",
                                  argc - 1, argc == 2 ? "" : "s");
    if (fm_cli_read_file(argv[1], &inst_text, &inst_len, &err) ||
        fm_instance_parse(inst_text, inst_len, argv[1], &inst, &err) ||
        fm_cli_read_file(argv[2], &sol_text, &sol_len, &err) ||
        fm_check_read(sol_text, sol_len, argv[2], &sol, &err) ||
        fm_check_run(inst, sol, &res, &err)) {
        status = fm_cli_fail(&err);
        goto done;
    }
    fputs(res.problems.data, stdout);
    print_summary(argv[2], sol, &res);
    status = res.n_problems ? 2 : 0;
done:
    fm_check_result_release(&res);
    fm_check_solution_free(sol);
    fm_instance_free(inst);
    free(sol_text);
    free(inst_text);
    return status;
}
