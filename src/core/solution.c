/*
 * solution.c - the lifetime of an fm_solution. Writing and reading solution
 * JSON is src/solve's; producing one is the solver's.
 */
#include "fairmatch/solution.h"

#include <stdlib.h>

void fm_solution_free(fm_solution *sol)
{
    if (!sol)
        return;
    free(sol->interviews);
    free(sol->unscheduled);
    free(sol);
}
