/*
 * test_solution.c - the lifetime of an fm_solution (src/core/solution.c):
 * freeing a full one frees its arrays (asan says so) and NULL is a no-op.
 */
#include <criterion/criterion.h>
#include <stdlib.h>

#include "fairmatch/solution.h"

Test(solution, free_releases_the_interviews_and_unscheduled_arrays)
{
    fm_solution *sol = calloc(1, sizeof *sol);
    cr_assert_not_null(sol);
    sol->n_interviews = 2;
    sol->interviews = calloc(2, sizeof *sol->interviews);
    sol->n_unscheduled = 1;
    sol->unscheduled = calloc(1, sizeof *sol->unscheduled);
    fm_solution_free(sol);
}

Test(solution, free_accepts_null_and_an_empty_solution)
{
    fm_solution_free(NULL);
    fm_solution_free(calloc(1, sizeof(fm_solution)));
}
