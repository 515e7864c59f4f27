/*
 * cmd_check.c - `fairmatch check INSTANCE SOLUTION`: load both files, run
 * fm_check_run and print one line per problem plus a summary. The rules
 * themselves are src/solve/check.c's; parsing the instance is the solver's.
 */
#include <stdio.h>

#include "cli.h"
#include "fairmatch/check.h"
#include "fairmatch/instance.h"

static const char usage[] = "usage: fairmatch check INSTANCE.json SOLUTION.json\n";
static const char about[] =
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
    const char *args[2];
    const fm_cli_opt opts[] = {FM_OPT_END};
    fm_instance *inst = NULL;
    fm_check_solution *sol = NULL;
    fm_check_result res = {0, 0, FM_BUF_INIT};
    fm_err err = {0};
    int status;

    if (fm_cli_parse_solution_args("check", usage, about, opts, argc, argv, args, &status))
        return status;
    if (fm_cli_load_solution(args[0], args[1], &inst, &sol, &err) ||
        fm_check_run(inst, sol, &res, &err)) {
        status = fm_cli_fail(&err);
        goto done;
    }
    fputs(res.problems.data, stdout);
    print_summary(args[1], sol, &res);
    status = res.n_problems ? 2 : 0;
done:
    fm_check_result_release(&res);
    fm_check_solution_free(sol);
    fm_instance_free(inst);
    return status;
}
