/*
 * cmd_gen.c - `fairmatch gen`: parse the generator's flags, generate with
 * fm_gen_instance and write the JSON to stdout or -o FILE (via a temporary
 * file and rename, so a failed run never leaves half a file). The generator
 * itself is src/core/gen.c; docs/gen.md documents it.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fairmatch/gen.h"

static const char help[] =
    "usage: fairmatch gen --seekers N --positions M --departments D --seed S\n"
    "                     [--tables-per-department K | auto] [--periods T] [--gap G]\n"
    "                     [--availability-share F] [--tolerance t | --share-min L --share-max U]\n"
    "                     [-o FILE]\n\n"
    "Write a synthetic but realistic fair instance (fairmatch-instance/1) after\n"
    "demo-data.md section D, for tests and benchmarks. The same flags give the\n"
    "same bytes on every machine (own PRNG, xoshiro256** seeded by splitmix64).\n\n"
    "  --seekers N            seekers invited, 1-100000 (demo-data: 2.6 per position)\n"
    "  --positions M          positions, 1-50000; 80% one place, 15% two, 5% three\n"
    "  --departments D        departments, 1-1000 and at most M; sizes weighted 1-10,\n"
    "                         each with at least one position; 90% have a quota\n"
    "  --seed S               any unsigned 64-bit integer\n"
    "  --tables-per-department K | auto\n"
    "                         tables per department, 1-100; auto (default) is\n"
    "                         max(1, ceil(2.5 x positions_d / 12)) raised until\n"
    "                         2 x places_d fits tables x periods (model.md constraint 5)\n"
    "  --periods T            periods in the day, 1-96 (default 15, 20 minutes each;\n"
    "                         shorter periods when the day would pass midnight)\n"
    "  --gap G                min_gap_periods, 0-20 (default 0)\n"
    "  --availability-share F share of seekers with limited hours (morning,\n"
    "                         afternoon or a window), 0-1 (default 0)\n"
    "  --tolerance t          women's share mirrors the pool within t, 0-1 (default 0.1)\n"
    "  --share-min L --share-max U\n"
    "                         explicit bounds on the women's share instead, 0 <= L <= U <= 1\n"
    "  -o FILE                write to FILE instead of standard output\n\n"
    "Seekers: 45% women, 53% men, 2% other; 40% have 1-6 earlier fairs without an\n"
    "offer. Each has 1-4 sought occupations; each interest makes 1-3 positions of\n"
    "that occupation eligible (score 100/80/60/40 points by rank, 20 for a position\n"
    "in the same 3-digit SSYK group), +20 for experience (30%), -30 for a\n"
    "working-time mismatch (15%), scaled so 120 points = score 100.\n";

static int parse_int(const char *s, long lo, long hi, int *out)
{
    char *end = NULL;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (!*s || *end || errno || v < lo || v > hi)
        return 0;
    *out = (int)v;
    return 1;
}

static int parse_real(const char *s, double *out)
{
    char *end = NULL;
    double v = strtod(s, &end);
    if (!*s || *end || !isfinite(v) || v < 0.0 || v > 1.0)
        return 0;
    *out = v;
    return 1;
}

static int parse_seed(const char *s, uint64_t *out)
{
    char *end = NULL;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (!*s || *end || errno || *s == '-')
        return 0;
    *out = (uint64_t)v;
    return 1;
}

/* One option into p; returns 0 on success or the usage error's exit status. */
static int apply_option(int c, const char *name, const char *arg, fm_gen_params *p, int *have)
{
    int ok = 1;
    if (c == 'n')
        ok = parse_int(arg, 1, 100000, &p->seekers);
    else if (c == 'm')
        ok = parse_int(arg, 1, 50000, &p->positions);
    else if (c == 'd')
        ok = parse_int(arg, 1, 1000, &p->departments);
    else if (c == 's')
        ok = parse_seed(arg, &p->seed);
    else if (c == 'k')
        ok = !strcmp(arg, "auto") ? (p->tables_per_department = 0, 1)
                                  : parse_int(arg, 1, 100, &p->tables_per_department);
    else if (c == 't')
        ok = parse_int(arg, 1, 96, &p->periods);
    else if (c == 'g')
        ok = parse_int(arg, 0, 20, &p->gap);
    else if (c == 'a')
        ok = parse_real(arg, &p->availability_share);
    else if (c == 'T')
        ok = parse_real(arg, &p->tolerance);
    else if (c == 'L')
        ok = parse_real(arg, &p->share_min);
    else if (c == 'U')
        ok = parse_real(arg, &p->share_max);
    if (!ok)
        return fm_cli_usage_error("gen", "--%s: bad value \"%s\"", name, arg);
    *have |= c == 'n' ? 1 : c == 'm' ? 2 : c == 'd' ? 4 : c == 's' ? 8 : c == 'T' ? 16 : 0;
    *have |= c == 'L' ? 32 : c == 'U' ? 64 : 0;
    return 0;
}

int fm_cli_gen(int argc, char **argv)
{
    static const struct option opts[] = {{"seekers", required_argument, NULL, 'n'},
                                         {"positions", required_argument, NULL, 'm'},
                                         {"departments", required_argument, NULL, 'd'},
                                         {"seed", required_argument, NULL, 's'},
                                         {"tables-per-department", required_argument, NULL, 'k'},
                                         {"periods", required_argument, NULL, 't'},
                                         {"gap", required_argument, NULL, 'g'},
                                         {"availability-share", required_argument, NULL, 'a'},
                                         {"tolerance", required_argument, NULL, 'T'},
                                         {"share-min", required_argument, NULL, 'L'},
                                         {"share-max", required_argument, NULL, 'U'},
                                         {"output", required_argument, NULL, 'o'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    fm_gen_params p;
    fm_instance *inst = NULL;
    fm_buf out = FM_BUF_INIT;
    fm_err err = {0};
    const char *file = NULL;
    int c, idx, have = 0, status = 0;

    fm_gen_params_init(&p);
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:h", opts, &idx)) != -1) {
        if (c == 'h') {
            fputs(help, stdout);
            return 0;
        }
        if (c == 'o') {
            file = optarg;
            continue;
        }
        if (c == '?')
            return fm_cli_usage_error("gen", "unknown option or missing value");
        const char *name = "o";
        for (size_t k = 0; opts[k].name; k++)
            if (opts[k].val == c)
                name = opts[k].name;
        if ((status = apply_option(c, name, optarg, &p, &have)))
            return status;
    }
    if (optind < argc)
        return fm_cli_usage_error("gen", "unexpected argument '%s'", argv[optind]);
    if ((have & 15) != 15)
        return fm_cli_usage_error("gen", "--seekers, --positions, --departments and --seed are "
                                         "required");
    if ((have & 16) && (have & 96))
        return fm_cli_usage_error("gen", "--tolerance and --share-min/--share-max exclude each "
                                         "other");
    if ((have & 96) && (have & 96) != 96)
        return fm_cli_usage_error("gen", "--share-min and --share-max go together");
    p.explicit_share = (have & 96) != 0;
    if (fm_gen_instance(&p, &inst, &err) || fm_gen_write_json(inst, &out, &err)) {
        status = err.rc == FM_EINVAL ? fm_cli_usage_error("gen", "%s", err.msg) : fm_cli_fail(&err);
        goto done;
    }
    if (file) {
        if (fm_cli_write_file(file, out.data, out.len, &err))
            status = fm_cli_fail(&err);
    } else if (fwrite(out.data, 1, out.len, stdout) != out.len || fflush(stdout) != 0) {
        fm_err_set(&err, FM_EIO, "standard output: write failed");
        status = fm_cli_fail(&err);
    }
done:
    fm_buf_release(&out);
    fm_instance_free(inst);
    return status;
}
