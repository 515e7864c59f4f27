/*
 * fuzz_check.c - libFuzzer target for `fairmatch check`'s input side: any
 * bytes as a solution file (fm_check_read) must be refused with a
 * "FILE: ..." message or read, and a read solution must then go through
 * fm_check_run against a fixed tiny instance without crashing, counting one
 * '\n'-ended line per problem. The instance is tests/fixtures/check/tiny.json.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char tiny[] =
    "{\"format\":\"fairmatch-instance/1\",\"fair\":{\"id\":\"tiny\",\"periods\":4},"
    "\"policy\":{\"min_candidates_per_place\":1,\"max_candidates_per_place\":1,"
    "\"min_gap_periods\":1,\"women_share\":{\"mirror_pool\":true,\"tolerance\":0.5}},"
    "\"departments\":[{\"id\":\"A\"},{\"id\":\"B\",\"tables\":2}],"
    "\"positions\":[{\"id\":\"P0\",\"department\":\"A\"},{\"id\":\"P1\",\"department\":\"B\","
    "\"places\":2},{\"id\":\"P2\",\"department\":\"A\"}],"
    "\"seekers\":[{\"id\":\"S0\",\"gender\":\"woman\"},{\"id\":\"S1\",\"gender\":\"man\","
    "\"available\":[[0,1]]}],"
    "\"scores\":[{\"seeker\":\"S0\",\"position\":\"P0\",\"score\":10},{\"seeker\":\"S0\","
    "\"position\":\"P1\",\"score\":20},{\"seeker\":\"S1\",\"position\":\"P1\",\"score\":30},"
    "{\"seeker\":\"S1\",\"position\":\"P2\",\"score\":5},{\"seeker\":\"S0\",\"position\":"
    "\"P2\",\"score\":1}]}";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static fm_instance *inst;
    fm_check_solution *sol = NULL;
    fm_check_result res = {0, 0, FM_BUF_INIT};
    fm_err err = {0};
    size_t lines = 0;

    if (!inst && fm_instance_parse(tiny, sizeof tiny - 1, "tiny.json", &inst, &err))
        abort();
    if (fm_check_read((const char *)data, size, "fuzz.json", &sol, &err)) {
        if (err.rc == FM_EINVAL && strncmp(err.msg, "fuzz.json: ", 11) != 0)
            abort();
        if (sol)
            abort();
        return 0;
    }
    if (fm_check_run(inst, sol, &res, &err))
        abort();
    for (size_t k = 0; k < res.problems.len; k++)
        lines += res.problems.data[k] == '\n';
    if (lines != res.n_problems)
        abort();
    fm_check_result_release(&res);
    fm_check_solution_free(sol);
    return 0;
}
