/*
 * cmd_backup.c - `fairmatch backup`: an online, checked copy of the database.
 * The copying and checking are fm_backup_create's (src/store/backup.c); this
 * file only parses options and reports.
 */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"
#include "fairmatch/backup.h"
#include "fairmatch/store.h"

static const char help[] =
    "usage: fairmatch backup --to FILE [--db DB]\n\n"
    "Copy the database DB (default fairmatch.db) to FILE with SQLite's online\n"
    "backup API. Safe while `fairmatch serve` is running: the copy is one\n"
    "consistent snapshot and writers carry on. The copy is checked with\n"
    "PRAGMA integrity_check and only then moved into place, so FILE is either\n"
    "left as it was or replaced by a complete, checked copy.\n";

int fm_cli_backup(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"to", required_argument, NULL, 't'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *db = NULL, *to = NULL;
    fm_backup_info info;
    fm_store *s = NULL;
    fm_err err = {0};
    int c, status = 0;

    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'd') {
            db = optarg;
        } else if (c == 't') {
            to = optarg;
        } else if (c == 'h') {
            fputs(help, stdout);
            return 0;
        } else {
            return fm_cli_usage_error("backup", "unknown option");
        }
    }
    if (optind < argc)
        return fm_cli_usage_error("backup", "unexpected argument '%s'", argv[optind]);
    if (!to || !*to)
        return fm_cli_usage_error("backup", "--to FILE is required");
    if (fm_store_open(fm_cli_db_path(db), &s, &err))
        return fm_cli_fail(&err);
    if (fm_backup_create(s, to, &info, &err)) {
        status = fm_cli_fail(&err);
        goto done;
    }
    printf("backup: %s -> %s: %lld pages, %lld bytes, schema version %d, integrity ok\n",
           fm_cli_db_path(db), to, info.pages, info.bytes, info.schema_version);
done:
    fm_store_close(s);
    return status;
}
