/*
 * cli.h - what the subcommand files share: their entry points, the option
 * table every command declares its options in (cli_opts.c parses it), the
 * file helpers (cli_io.c), and the conventions for messages and exit status
 * (0 ok, 2 bad input or usage, 1 internal failure; messages start with
 * "fairmatch: ").
 */
#ifndef FAIRMATCH_CLI_H
#define FAIRMATCH_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "fairmatch/err.h"

/* A subcommand: argv[0] is the subcommand's name. Returns the exit status. */
typedef int (*fm_cli_fn)(int argc, char **argv);

typedef struct fm_cli_command {
    const char *name;
    fm_cli_fn run;
    const char *summary; /* one line for `fairmatch --help` */
} fm_cli_command;

/* Print "fairmatch: <msg>" to stderr and return fm_rc_exit_status(err->rc). */
int fm_cli_fail(const fm_err *err);

/* Print "fairmatch: <cmd>: <msg>" plus a --help hint to stderr; return 2. */
int fm_cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The database path: the --db value, or "fairmatch.db" when NULL. */
const char *fm_cli_db_path(const char *opt);

/*
 * Read a whole file of at most 1 GiB into a NUL-terminated heap buffer
 * (caller frees). OUT: *out, *len; *out NULL on failure. Errors as
 * fm_buf_read_file's: FM_EINVAL (cannot open, a directory, too large),
 * FM_EIO (read failed), FM_ENOMEM, each message naming the path.
 */
fm_rc fm_cli_read_file(const char *path, char **out, size_t *len, fm_err *err);

/*
 * Write len bytes to path through a temporary file (fsync'd) renamed into
 * place: the file is replaced whole or not at all. FM_EIO naming the path
 * when it cannot be written, FM_ENOMEM.
 */
fm_rc fm_cli_write_file(const char *path, const void *data, size_t len, fm_err *err);

/*
 * The option table (cli_opts.c), in the spirit of git's parse-options: each
 * command lists its options once, with where each value goes and its help
 * line, and fm_cli_parse does the parsing, the checking of values, the
 * messages for bad usage and the --help text. Build tables with the FM_OPT_*
 * macros below; the table ends with FM_OPT_END.
 */
typedef enum fm_cli_opt_kind {
    FM_CLI_END = 0, /* ends a table */
    FM_CLI_FLAG,    /* no value; sets *to.flag = true */
    FM_CLI_STRING,  /* *to.str = the value (borrowed from argv) */
    FM_CLI_INT,     /* *to.num = the value, a whole number in [min, max] */
    FM_CLI_DOUBLE,  /* *to.real = the value, a finite number in [dmin, dmax] */
    FM_CLI_ENUM,    /* *to.str = the value, one of choices ("table|json|csv") */
    FM_CLI_PARSE    /* parse(value, to.any) says whether the value is good */
} fm_cli_opt_kind;

typedef struct fm_cli_opt {
    const char *name; /* long name without "--"; NULL for a short-only option */
    char short_name;  /* also accepted as -c, or 0 */
    fm_cli_opt_kind kind;
    union {
        bool *flag;
        const char **str;
        int *num;
        double *real;
        void *any;
    } to;
    const char *value;   /* the value's name in help ("FILE"); NULL for flags */
    const char *help;    /* help text, lines after the first start with '\n'; NULL hides it */
    long min, max;       /* FM_CLI_INT, both within int's range */
    double dmin, dmax;   /* FM_CLI_DOUBLE */
    const char *choices; /* FM_CLI_ENUM */
    bool (*parse)(const char *arg, void *target); /* FM_CLI_PARSE */
    const char *what; /* a bad value "is not <what>"; made from the range or choices if NULL */
} fm_cli_opt;

#define FM_OPT_FLAG(n, t, h)                                                                       \
    {                                                                                              \
        .name = (n), .kind = FM_CLI_FLAG, .to.flag = (t), .help = (h)                              \
    }
#define FM_OPT_STRING(n, t, v, h)                                                                  \
    {                                                                                              \
        .name = (n), .kind = FM_CLI_STRING, .to.str = (t), .value = (v), .help = (h)               \
    }
#define FM_OPT_INT(n, t, v, lo, hi, h)                                                             \
    {                                                                                              \
        .name = (n), .kind = FM_CLI_INT, .to.num = (t), .value = (v), .help = (h), .min = (lo),    \
        .max = (hi)                                                                                \
    }
#define FM_OPT_DOUBLE(n, t, v, lo, hi, h)                                                          \
    {                                                                                              \
        .name = (n), .kind = FM_CLI_DOUBLE, .to.real = (t), .value = (v), .help = (h),             \
        .dmin = (lo), .dmax = (hi)                                                                 \
    }
#define FM_OPT_ENUM(n, t, v, c, h)                                                                 \
    {                                                                                              \
        .name = (n), .kind = FM_CLI_ENUM, .to.str = (t), .value = (v), .help = (h), .choices = (c) \
    }
#define FM_OPT_PARSE(n, t, v, fn, w, h)                                                            \
    {                                                                                              \
        .name = (n), .kind = FM_CLI_PARSE, .to.any = (t), .value = (v), .help = (h),               \
        .parse = (fn), .what = (w)                                                                 \
    }
/* A wall-time budget in seconds, 0 < s <= 86400, into a double. */
#define FM_OPT_SECONDS(n, t, v, h)                                                                 \
    FM_OPT_PARSE(n, t, v, fm_cli_parse_seconds, "a number of seconds in (0, 86400]", h)
/* -o FILE, with the long name n (NULL for none). */
#define FM_OPT_OUTPUT(n, t, v, h)                                                                  \
    {                                                                                              \
        .name = (n), .short_name = 'o', .kind = FM_CLI_STRING, .to.str = (t), .value = (v),        \
        .help = (h)                                                                                \
    }
/* --db DB, which every command that opens the database takes. */
#define FM_OPT_DB(t) FM_OPT_STRING("db", t, "DB", "the database (default fairmatch.db)")
#define FM_OPT_END                                                                                 \
    {                                                                                              \
        .kind = FM_CLI_END                                                                         \
    }

/* A command's options, usage and help, all in one place. */
typedef struct fm_cli_spec {
    const char *cmd;   /* "user add": names the command in messages */
    const char *usage; /* "usage: fairmatch ..." lines: alternatives a table cannot say */
    const char *about; /* what the command does: after the usage, before the options */
    const char *after; /* after the options (exit status, notes), or NULL */
    const fm_cli_opt *opts;
    int nargs;             /* positional arguments required, exactly */
    const char *args_name; /* "KIND and FILE": what is missing when too few are given */
    const char **args;     /* OUT: the nargs positional arguments (nargs slots) */
} fm_cli_spec;

/*
 * Parse argv[1..argc-1] (argv[0] is the command) by spec: options in any
 * order among the positional arguments, "--name value", "--name=value",
 * "-c value", "-cvalue", "--" ends the options. A later option overrides an
 * earlier one. Values are checked as their kind says.
 * Returns true when the caller must return *status at once: 0 after --help
 * or -h (the help is on stdout), 2 after a usage error (the message, named
 * by spec->cmd, is on stderr). Returns false when parsing succeeded and the
 * targets and spec->args are filled; values are borrowed from argv.
 */
bool fm_cli_parse(const fm_cli_spec *spec, int argc, char **argv, int *status);

/*
 * fm_cli_parse for a command on an instance and its solution (`check`,
 * `explain`): the two files are its positional arguments, into args[0] and
 * args[1]. Returns and sets *status as fm_cli_parse.
 */
bool fm_cli_parse_solution_args(const char *cmd, const char *usage, const char *about,
                                const fm_cli_opt *opts, int argc, char **argv, const char *args[2],
                                int *status);

/* Print spec's help (usage, about, the options, after) to out. */
void fm_cli_help(const fm_cli_spec *spec, FILE *out);

/* FM_CLI_PARSE parsers shared by several commands. */
bool fm_cli_parse_seconds(const char *arg, void *target); /* double, 0 < s <= 86400 */
bool fm_cli_parse_date(const char *arg, void *target);    /* fm_date, YYYY-MM-DD */
bool fm_cli_parse_month(const char *arg, void *target);   /* fm_date, YYYY-MM */

/*
 * Write len bytes of a command's output to path (as fm_cli_write_file), or
 * to stdout when path is NULL. Returns the exit status: 0, or 1 or 2 after
 * the message on stderr naming cmd or the path.
 */
int fm_cli_output(const char *cmd, const char *path, const void *data, size_t len);

struct fm_instance;
struct fm_check_solution;

/*
 * Read and parse the instance file path. OUT: *out, a new instance (free
 * with fm_instance_free), NULL on failure. FM_EINVAL naming the file when it
 * cannot be read or is not an instance, FM_ENOMEM.
 */
fm_rc fm_cli_load_instance(const char *path, struct fm_instance **out, fm_err *err);

/*
 * Read the instance at inst_path and the solution at sol_path, as `check`
 * and `explain` take them. OUT: *inst, *sol (free with fm_instance_free and
 * fm_check_solution_free), both NULL on failure. FM_EINVAL naming the file,
 * FM_ENOMEM.
 */
fm_rc fm_cli_load_solution(const char *inst_path, const char *sol_path, struct fm_instance **inst,
                           struct fm_check_solution **sol, fm_err *err);

/* Subcommands, one file each (cmd_<name>.c). */
int fm_cli_init(int argc, char **argv);
int fm_cli_demo(int argc, char **argv);
int fm_cli_import(int argc, char **argv);
int fm_cli_list(int argc, char **argv);
int fm_cli_fair(int argc, char **argv);
int fm_cli_programme(int argc, char **argv);
int fm_cli_backup(int argc, char **argv);
int fm_cli_restore(int argc, char **argv);
int fm_cli_purge(int argc, char **argv);
int fm_cli_report(int argc, char **argv);
int fm_cli_followup(int argc, char **argv);
int fm_cli_quota(int argc, char **argv);
int fm_cli_gen(int argc, char **argv);
int fm_cli_check(int argc, char **argv);
int fm_cli_explain(int argc, char **argv);
int fm_cli_invite(int argc, char **argv);
int fm_cli_solve(int argc, char **argv);
int fm_cli_export(int argc, char **argv);
int fm_cli_serve(int argc, char **argv);
int fm_cli_user(int argc, char **argv);

#endif
