/*
 * test_cli_opts.c - the CLI's option table (src/cli/cli_opts.c): values of
 * every kind reach their targets, options and arguments mix in any order,
 * bad usage is refused with exit status 2 and one uniform message, and
 * --help is generated from the table. The file is compiled in here because
 * src/cli is the binary's, not a library the tests link.
 */
#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli_opts.c"

/* The options of a made-up command, where they go, and its argv's copies. */
typedef struct vals {
    const char *db, *format, *out, *args[2];
    bool force;
    int count;
    double share;
    fm_date month;
    char *argv[16];
} vals;

static void release(vals *v)
{
    for (size_t i = 0; i < 16; i++) {
        free(v->argv[i]);
        v->argv[i] = NULL;
    }
}

/* Parse the NULL-terminated words (after "demo") as fm_cli_parse would main's argv. */
static int parse(vals *v, const char *const *words, bool *stop)
{
    int argc = 1;
    const fm_cli_opt opts[] = {
        FM_OPT_DB(&v->db),
        FM_OPT_FLAG("force", &v->force, "do it anyway"),
        FM_OPT_INT("count", &v->count, "N", 0, 100, "how many"),
        FM_OPT_DOUBLE("share", &v->share, "F", 0.0, 1.0, "a share\nover two lines"),
        FM_OPT_ENUM("format", &v->format, "F", "table|json|csv", "the format"),
        FM_OPT_PARSE("month", &v->month, "YYYY-MM", fm_cli_parse_month, "a month YYYY-MM", NULL),
        FM_OPT_OUTPUT("output", &v->out, "FILE", "write to FILE"),
        FM_OPT_END};
    const fm_cli_spec spec = {.cmd = "demo",
                              .usage = "usage: fairmatch demo A B\n",
                              .about = "About.\n",
                              .after = "After.\n",
                              .opts = opts,
                              .nargs = 2,
                              .args_name = "A and B",
                              .args = v->args};
    int status = -1;

    release(v);
    v->argv[0] = strdup("demo");
    for (; words[argc - 1] && argc < 15; argc++)
        v->argv[argc] = strdup(words[argc - 1]);
    *stop = fm_cli_parse(&spec, argc, v->argv, &status);
    return status;
}

static void quiet(void)
{
    cr_redirect_stderr();
    cr_redirect_stdout();
}

TestSuite(cli_opts, .init = quiet);

Test(cli_opts, fills_every_kind_and_takes_arguments_in_any_order)
{
    const char *const argv[] = {"a",       "--db",    "x.db",       "--force",  "--count=7",
                                "--share", "0.25",    "b",          "--format", "json",
                                "--month", "2018-11", "-oout.json", NULL};
    vals v = {.format = "table", .count = -1};
    bool stop;
    int status = parse(&v, argv, &stop);

    cr_assert_not(stop);
    cr_assert_eq(status, 0);
    cr_assert_str_eq(v.db, "x.db");
    cr_assert(v.force);
    cr_assert_eq(v.count, 7);
    cr_assert_float_eq(v.share, 0.25, 1e-12);
    cr_assert_str_eq(v.format, "json");
    cr_assert_eq(v.month.year, 2018);
    cr_assert_eq(v.month.month, 11);
    cr_assert_str_eq(v.out, "out.json");
    cr_assert_str_eq(v.args[0], "a");
    cr_assert_str_eq(v.args[1], "b");
    release(&v);
}

Test(cli_opts, a_later_option_wins_and_double_dash_ends_options)
{
    const char *const argv[] = {"-o", "one", "--output", "two", "--", "-a", "--b", NULL};
    vals v = {0};
    bool stop;
    int status = parse(&v, argv, &stop);

    cr_assert_not(stop);
    cr_assert_eq(status, 0);
    cr_assert_str_eq(v.out, "two");
    cr_assert_str_eq(v.args[0], "-a");
    cr_assert_str_eq(v.args[1], "--b");
    release(&v);
}

Test(cli_opts, refuses_bad_usage_with_status_2_and_one_message)
{
    const char *const unknown[] = {"a", "b", "--nope", NULL};
    const char *const missing[] = {"a", "b", "--db", NULL};
    const char *const flag_value[] = {"a", "b", "--force=1", NULL};
    const char *const range[] = {"a", "b", "--count", "101", NULL};
    const char *const junk[] = {"a", "b", "--count", "7x", NULL};
    const char *const choice[] = {"a", "b", "--format", "pdf", NULL};
    const char *const parsed[] = {"a", "b", "--month", "2018-13", NULL};
    const char *const few[] = {"a", NULL};
    const char *const many[] = {"a", "b", "c", NULL};
    vals v = {0};
    bool stop = false;

    cr_assert_eq(parse(&v, unknown, &stop), 2);
    cr_assert(stop);
    cr_assert_eq(parse(&v, missing, &stop), 2);
    cr_assert_eq(parse(&v, flag_value, &stop), 2);
    cr_assert_eq(parse(&v, range, &stop), 2);
    cr_assert_eq(parse(&v, junk, &stop), 2);
    cr_assert_eq(parse(&v, choice, &stop), 2);
    cr_assert_eq(parse(&v, parsed, &stop), 2);
    cr_assert_eq(parse(&v, few, &stop), 2);
    cr_assert_eq(parse(&v, many, &stop), 2);
    cr_assert(stop);
    fflush(stderr);
    cr_assert_stderr_eq_str(
        "fairmatch: demo: unknown option '--nope' (see 'fairmatch demo --help')\n"
        "fairmatch: demo: option '--db' needs a value (see 'fairmatch demo --help')\n"
        "fairmatch: demo: option '--force' takes no value (see 'fairmatch demo --help')\n"
        "fairmatch: demo: --count: \"101\" is not a whole number 0...100 (see 'fairmatch demo "
        "--help')\n"
        "fairmatch: demo: --count: \"7x\" is not a whole number 0...100 (see 'fairmatch demo "
        "--help')\n"
        "fairmatch: demo: --format: \"pdf\" is not table, json or csv (see 'fairmatch demo "
        "--help')\n"
        "fairmatch: demo: --month: \"2018-13\" is not a month YYYY-MM (see 'fairmatch demo "
        "--help')\n"
        "fairmatch: demo: expected A and B (see 'fairmatch demo --help')\n"
        "fairmatch: demo: unexpected argument 'c' (see 'fairmatch demo --help')\n");
    release(&v);
}

Test(cli_opts, help_is_generated_from_the_table)
{
    const char *const help[] = {"-h", "--nope", NULL};
    vals v = {0};
    bool stop;

    cr_assert_eq(parse(&v, help, &stop), 0);
    cr_assert(stop);
    fflush(stdout);
    cr_assert_stdout_eq_str("usage: fairmatch demo A B\n"
                            "\n"
                            "About.\n"
                            "\n"
                            "  --db DB            the database (default fairmatch.db)\n"
                            "  --force            do it anyway\n"
                            "  --count N          how many\n"
                            "  --share F          a share\n"
                            "                     over two lines\n"
                            "  --format F         the format\n"
                            "  -o, --output FILE  write to FILE\n"
                            "\n"
                            "After.\n");
    release(&v);
}

Test(cli_opts, seconds_are_positive_and_at_most_a_day)
{
    double s = 0;
    cr_assert(fm_cli_parse_seconds("0.5", &s));
    cr_assert_float_eq(s, 0.5, 1e-12);
    cr_assert(fm_cli_parse_seconds("86400", &s));
    cr_assert_not(fm_cli_parse_seconds("0", &s));
    cr_assert_not(fm_cli_parse_seconds("86401", &s));
    cr_assert_not(fm_cli_parse_seconds("nan", &s));
    cr_assert_not(fm_cli_parse_seconds("", &s));
}
