/*
 * cmd_init.c - `fairmatch init`: create a database or upgrade an older one.
 * Every other command opens (and so migrates) the database by itself; init
 * exists so that a newcomer can make an empty one on purpose.
 */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"
#include "fairmatch/store.h"

static const char help[] = "usage: fairmatch init [--db FILE]\n\n"
                           "Create the database FILE (default fairmatch.db) with the current\n"
                           "schema, or upgrade an existing one in place.\n";

int fm_cli_init(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
    const char *db = NULL;
    fm_store *s = NULL;
    fm_err err = {0};
    int c, was;

    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'd') {
            db = optarg;
        } else if (c == 'h') {
            fputs(help, stdout);
            return 0;
        } else {
            return fm_cli_usage_error("init", "unknown option");
        }
    }
    if (optind < argc)
        return fm_cli_usage_error("init", "unexpected argument '%s'", argv[optind]);
    if (fm_store_open(fm_cli_db_path(db), &s, &err))
        return fm_cli_fail(&err);
    was = fm_store_schema_version(s);
    printf("%s: schema version %d\n", fm_cli_db_path(db), was);
    fm_store_close(s);
    return 0;
}
