/*
 * cli.h - what the subcommand files share: their entry points and the
 * conventions for messages and exit status (0 ok, 2 bad input or usage,
 * 1 internal failure; messages start with "fairmatch: ").
 */
#ifndef FAIRMATCH_CLI_H
#define FAIRMATCH_CLI_H

#include <stddef.h>

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
