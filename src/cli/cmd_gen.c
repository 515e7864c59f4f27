/*
 * cmd_gen.c - `fairmatch gen`: parse the generator's flags, generate with
 * fm_gen_instance and write the JSON to stdout or -o FILE (via a temporary
 * file and rename, so a failed run never leaves half a file). The generator
 * itself is src/core/gen.c; docs/gen.md documents it.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fairmatch/gen.h"

static const char usage[] =
    "usage: fairmatch gen --seekers N --positions M --departments D --seed S\n"
    "                     [--tables-per-department K | auto] [--periods T] [--gap G]\n"
    "                     [--availability-share F] [--tolerance t | --share-min L --share-max U]\n"
    "                     [-o FILE]\n";
static const char about[] =
    "Write a synthetic but realistic fair instance (fairmatch-instance/1) after\n"
    "demo-data.md section D, for tests and benchmarks. The same flags give the\n"
    "same bytes on every machine (own PRNG, xoshiro256** seeded by splitmix64).\n";
static const char after[] =
    "Seekers: 45% women, 53% men, 2% other; 40% have 1-6 earlier fairs without an\n"
    "offer. Each has 1-4 sought occupations; each interest makes 1-3 positions of\n"
    "that occupation eligible (score 100/80/60/40 points by rank, 20 for a position\n"
    "in the same 3-digit SSYK group), +20 for experience (30%), -30 for a\n"
    "working-time mismatch (15%), scaled so 120 points = score 100.\n";

static bool parse_seed(const char *s, uint64_t *out)
{
    char *end = NULL;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (!*s || *end || errno || *s == '-')
        return false;
    *out = (uint64_t)v;
    return true;
}

/* --tables-per-department: 1...100, or "auto" (0). */
static bool parse_tables(const char *arg, void *target)
{
    char *end = NULL;
    long v;
    if (!strcmp(arg, "auto")) {
        *(int *)target = 0;
        return true;
    }
    v = strtol(arg, &end, 10);
    if (!*arg || *end || v < 1 || v > 100)
        return false;
    *(int *)target = (int)v;
    return true;
}

/* What the options say; NAN or NULL: not given. */
typedef struct gen_args {
    fm_gen_params p;
    const char *seed, *file;
    double tolerance, share_min, share_max;
} gen_args;

/* The option table, then the rules between options; true: return *status. */
static bool parse_args(int argc, char **argv, gen_args *a, int *status)
{
    fm_gen_params *p = &a->p;
    const fm_cli_opt opts[] = {
        FM_OPT_INT("seekers", &p->seekers, "N", 1, 100000,
                   "seekers invited, 1-100000 (demo-data: 2.6 per position)"),
        FM_OPT_INT("positions", &p->positions, "M", 1, 50000,
                   "positions, 1-50000; 80% one place, 15% two, 5% three"),
        FM_OPT_INT("departments", &p->departments, "D", 1, 1000,
                   "departments, 1-1000 and at most M; sizes weighted 1-10,\n"
                   "each with at least one position; 90% have a quota"),
        FM_OPT_STRING("seed", &a->seed, "S", "any unsigned 64-bit integer"),
        FM_OPT_PARSE("tables-per-department", &p->tables_per_department, "K | auto", parse_tables,
                     "a whole number 1...100 or auto",
                     "tables per department, 1-100; auto (default) is\n"
                     "max(1, ceil(2.5 x positions_d / 12)) raised until\n"
                     "2 x places_d fits tables x periods (model.md constraint 5)"),
        FM_OPT_INT("periods", &p->periods, "T", 1, 96,
                   "periods in the day, 1-96 (default 15, 20 minutes each;\n"
                   "shorter periods when the day would pass midnight)"),
        FM_OPT_INT("gap", &p->gap, "G", 0, 20, "min_gap_periods, 0-20 (default 0)"),
        FM_OPT_DOUBLE("availability-share", &p->availability_share, "F", 0.0, 1.0,
                      "share of seekers with limited hours (morning,\n"
                      "afternoon or a window), 0-1 (default 0)"),
        FM_OPT_DOUBLE("tolerance", &a->tolerance, "t", 0.0, 1.0,
                      "women's share mirrors the pool within t, 0-1 (default 0.1)"),
        FM_OPT_DOUBLE("share-min", &a->share_min, "L", 0.0, 1.0,
                      "explicit bounds on the women's share instead, 0 <= L <= U <= 1"),
        FM_OPT_DOUBLE("share-max", &a->share_max, "U", 0.0, 1.0, "with --share-min"),
        FM_OPT_OUTPUT("output", &a->file, "FILE", "write to FILE instead of standard output"),
        FM_OPT_END};
    const fm_cli_spec spec = {
        .cmd = "gen", .usage = usage, .about = about, .after = after, .opts = opts};
    bool share;

    if (fm_cli_parse(&spec, argc, argv, status))
        return true;
    share = !isnan(a->share_min) || !isnan(a->share_max);
    if (!p->seekers || !p->positions || !p->departments || !a->seed)
        *status = fm_cli_usage_error("gen", "--seekers, --positions, --departments and --seed "
                                            "are required");
    else if (!parse_seed(a->seed, &p->seed))
        *status =
            fm_cli_usage_error("gen", "--seed: \"%s\" is not an unsigned 64-bit integer", a->seed);
    else if (!isnan(a->tolerance) && share)
        *status = fm_cli_usage_error("gen", "--tolerance and --share-min/--share-max exclude "
                                            "each other");
    else if (share && (isnan(a->share_min) || isnan(a->share_max)))
        *status = fm_cli_usage_error("gen", "--share-min and --share-max go together");
    if (*status)
        return true;
    p->explicit_share = share;
    if (!isnan(a->tolerance))
        p->tolerance = a->tolerance;
    if (share) {
        p->share_min = a->share_min;
        p->share_max = a->share_max;
    }
    return false;
}

int fm_cli_gen(int argc, char **argv)
{
    gen_args a = {.tolerance = NAN, .share_min = NAN, .share_max = NAN};
    fm_instance *inst = NULL;
    fm_buf out = FM_BUF_INIT;
    fm_err err = {0};
    int status = 0;

    fm_gen_params_init(&a.p);
    if (parse_args(argc, argv, &a, &status))
        return status;
    if (fm_gen_instance(&a.p, &inst, &err) || fm_gen_write_json(inst, &out, &err)) {
        status = err.rc == FM_EINVAL ? fm_cli_usage_error("gen", "%s", err.msg) : fm_cli_fail(&err);
        goto done;
    }
    status = fm_cli_output("gen", a.file, out.data, out.len);
done:
    fm_buf_release(&out);
    fm_instance_free(inst);
    return status;
}
