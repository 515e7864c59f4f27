/*
 * cli_opts.c - the one option parser of the subcommands: it walks argv by a
 * command's option table (cli.h, fm_cli_spec), checks each value as its kind
 * says, words every usage error the same way and prints --help from the same
 * table. What an option means is the command's; this file never opens a file
 * or the database.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fairmatch/date.h"

/* Help lines wider than this put their text on the next line. */
#define OPT_COLUMN_MAX 22

int fm_cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "fairmatch: %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, " (see 'fairmatch %s --help')\n", cmd);
    return 2;
}

/* "--name" or "-c", for messages. */
static const char *opt_name(const fm_cli_opt *o, char *buf, size_t cap)
{
    if (o->name)
        snprintf(buf, cap, "--%s", o->name);
    else
        snprintf(buf, cap, "-%c", o->short_name);
    return buf;
}

static bool parse_int(const char *arg, long lo, long hi, int *out)
{
    char *end = NULL;
    long v;
    if (!((*arg >= '0' && *arg <= '9') || (*arg == '-' && arg[1] >= '0' && arg[1] <= '9')))
        return false;
    errno = 0;
    v = strtol(arg, &end, 10);
    if (errno || *end || v < lo || v > hi)
        return false;
    *out = (int)v;
    return true;
}

static bool parse_double(const char *arg, double lo, double hi, double *out)
{
    char *end = NULL;
    double v;
    if (!*arg || *arg == ' ')
        return false;
    errno = 0;
    v = strtod(arg, &end);
    if (errno || *end || !isfinite(v) || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

/* Whether arg is one of the '|'-separated choices. */
static bool is_choice(const char *choices, const char *arg)
{
    size_t n = strlen(arg);
    for (const char *c = choices; *c;) {
        size_t len = strcspn(c, "|");
        if (len == n && !strncmp(c, arg, n))
            return true;
        c += len + (c[len] == '|');
    }
    return false;
}

/* "table, json or csv" from "table|json|csv" (cut short to fit cap). */
static void choices_words(const char *choices, char *out, size_t cap)
{
    size_t n = 0;

    out[0] = '\0';
    for (const char *c = choices; *c && n < cap;) {
        size_t len = strcspn(c, "|");
        const char *rest = c[len] ? c + len + 1 : NULL;
        const char *sep = !rest ? "" : strchr(rest, '|') ? ", " : " or ";
        int w = snprintf(out + n, cap - n, "%.*s%s", (int)len, c, sep);
        if (w < 0)
            break;
        n += (size_t)w;
        c = rest ? rest : c + len;
    }
}

/* Store arg for o; on a bad value print the usage error and return false. */
static bool take_value(const fm_cli_spec *spec, const fm_cli_opt *o, const char *arg)
{
    char what[160], name[64];
    bool ok = true;

    if (o->kind == FM_CLI_STRING)
        *o->to.str = arg;
    else if (o->kind == FM_CLI_INT)
        ok = parse_int(arg, o->min, o->max, o->to.num);
    else if (o->kind == FM_CLI_DOUBLE)
        ok = parse_double(arg, o->dmin, o->dmax, o->to.real);
    else if (o->kind == FM_CLI_ENUM && (ok = is_choice(o->choices, arg)))
        *o->to.str = arg;
    else if (o->kind == FM_CLI_PARSE)
        ok = o->parse(arg, o->to.any);
    if (ok)
        return true;
    if (o->what)
        snprintf(what, sizeof what, "%s", o->what);
    else if (o->kind == FM_CLI_INT)
        snprintf(what, sizeof what, "a whole number %ld...%ld", o->min, o->max);
    else if (o->kind == FM_CLI_DOUBLE)
        snprintf(what, sizeof what, "a number %g...%g", o->dmin, o->dmax);
    else
        choices_words(o->choices, what, sizeof what);
    fm_cli_usage_error(spec->cmd, "%s: \"%s\" is not %s", opt_name(o, name, sizeof name), arg,
                       what);
    return false;
}

static const fm_cli_opt *find_long(const fm_cli_opt *opts, const char *name, size_t len)
{
    for (const fm_cli_opt *o = opts; o->kind != FM_CLI_END; o++)
        if (o->name && strlen(o->name) == len && !strncmp(o->name, name, len))
            return o;
    return NULL;
}

static const fm_cli_opt *find_short(const fm_cli_opt *opts, char c)
{
    for (const fm_cli_opt *o = opts; o->kind != FM_CLI_END; o++)
        if (o->short_name && o->short_name == c)
            return o;
    return NULL;
}

/*
 * One option at argv[*i] (which starts with '-'). Advances *i past a value
 * taken from the next argument. Returns -1 when it was taken, else the exit
 * status: 0 for --help, 2 for a usage error (printed).
 */
static int take_option(const fm_cli_spec *spec, int argc, char **argv, int *i)
{
    const char *a = argv[*i], *value = NULL;
    const fm_cli_opt *o;
    char name[64];

    if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
        fm_cli_help(spec, stdout);
        return 0;
    }
    if (a[1] == '-') {
        size_t len = strcspn(a + 2, "=");
        o = find_long(spec->opts, a + 2, len);
        if (a[2 + len] == '=')
            value = a + 3 + len;
    } else {
        o = find_short(spec->opts, a[1]);
        if (a[2])
            value = a + 2;
    }
    if (!o)
        return fm_cli_usage_error(spec->cmd, "unknown option '%.*s'",
                                  (int)(a[1] == '-' ? strcspn(a, "=") : 2), a);
    if (o->kind == FM_CLI_FLAG) {
        if (value)
            return fm_cli_usage_error(spec->cmd, "option '%s' takes no value",
                                      opt_name(o, name, sizeof name));
        *o->to.flag = true;
        return -1;
    }
    if (!value && *i + 1 >= argc)
        return fm_cli_usage_error(spec->cmd, "option '%s' needs a value",
                                  opt_name(o, name, sizeof name));
    if (!value)
        value = argv[++*i];
    return take_value(spec, o, value) ? -1 : 2;
}

bool fm_cli_parse(const fm_cli_spec *spec, int argc, char **argv, int *status)
{
    int n = 0, rc;
    bool options = true;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (options && !strcmp(a, "--")) {
            options = false;
        } else if (options && a[0] == '-' && a[1]) {
            rc = take_option(spec, argc, argv, &i);
            if (rc >= 0) {
                *status = rc;
                return true;
            }
        } else if (n >= spec->nargs) {
            *status = fm_cli_usage_error(spec->cmd, "unexpected argument '%s'", a);
            return true;
        } else {
            spec->args[n++] = a;
        }
    }
    if (n < spec->nargs) {
        *status = fm_cli_usage_error(spec->cmd, "expected %s", spec->args_name);
        return true;
    }
    *status = 0;
    return false;
}

bool fm_cli_parse_solution_args(const char *cmd, const char *usage, const char *about,
                                const fm_cli_opt *opts, int argc, char **argv, const char *args[2],
                                int *status)
{
    const fm_cli_spec spec = {.cmd = cmd,
                              .usage = usage,
                              .about = about,
                              .opts = opts,
                              .nargs = 2,
                              .args_name = "INSTANCE and SOLUTION",
                              .args = args};
    return fm_cli_parse(&spec, argc, argv, status);
}

/* "  -o, --name VALUE" without the indent: the left column of o's help line. */
static int opt_left(const fm_cli_opt *o, char *out, size_t cap)
{
    const char *v = o->value ? o->value : "";
    const char *sp = o->value ? " " : "";
    if (o->name && o->short_name)
        return snprintf(out, cap, "-%c, --%s%s%s", o->short_name, o->name, sp, v);
    if (o->name)
        return snprintf(out, cap, "--%s%s%s", o->name, sp, v);
    return snprintf(out, cap, "-%c%s%s", o->short_name, sp, v);
}

/* The help text of o, its later lines indented to col. */
static void print_opt_help(const fm_cli_opt *o, int col, FILE *out)
{
    char left[128];
    int w = opt_left(o, left, sizeof left);

    if (w > OPT_COLUMN_MAX)
        fprintf(out, "  %s\n%*s", left, col, "");
    else
        fprintf(out, "  %-*s", col - 2, left);
    for (const char *h = o->help; *h; h++) {
        fputc(*h, out);
        if (*h == '\n')
            fprintf(out, "%*s", col, "");
    }
    fputc('\n', out);
}

void fm_cli_help(const fm_cli_spec *spec, FILE *out)
{
    char left[128];
    int width = 0;

    for (const fm_cli_opt *o = spec->opts; o->kind != FM_CLI_END; o++) {
        int w = opt_left(o, left, sizeof left);
        if (o->help && w <= OPT_COLUMN_MAX && w > width)
            width = w;
    }
    fputs(spec->usage, out);
    if (spec->about)
        fprintf(out, "\n%s", spec->about);
    if (width)
        fputc('\n', out);
    for (const fm_cli_opt *o = spec->opts; o->kind != FM_CLI_END; o++)
        if (o->help)
            print_opt_help(o, width + 4, out);
    if (spec->after)
        fprintf(out, "\n%s", spec->after);
}

bool fm_cli_parse_seconds(const char *arg, void *target)
{
    double v;
    if (!parse_double(arg, 0.0, 86400.0, &v) || v <= 0.0)
        return false;
    *(double *)target = v;
    return true;
}

bool fm_cli_parse_date(const char *arg, void *target)
{
    return fm_date_parse(arg, target);
}

bool fm_cli_parse_month(const char *arg, void *target)
{
    return fm_month_parse(arg, target);
}
