/*
 * cmd_init.c - `fairmatch init`: create a database or upgrade an older one.
 * Every other command opens (and so migrates) the database by itself; init
 * exists so that a newcomer can make an empty one on purpose.
 */
#include <stdio.h>

#include "cli.h"
#include "fairmatch/store.h"

int fm_cli_init(int argc, char **argv)
{
    const char *db = NULL;
    const fm_cli_opt opts[] = {
        FM_OPT_STRING("db", &db, "FILE", "the database (default fairmatch.db)"), FM_OPT_END};
    const fm_cli_spec spec = {
        .cmd = "init",
        .usage = "usage: fairmatch init [--db FILE]\n",
        .about = "Create the database FILE (default fairmatch.db) with the current\n"
                 "schema, or upgrade an existing one in place.\n",
        .opts = opts};
    fm_store *s = NULL;
    fm_err err = {0};
    int was, status;

    if (fm_cli_parse(&spec, argc, argv, &status))
        return status;
    if (fm_store_open(fm_cli_db_path(db), &s, &err))
        return fm_cli_fail(&err);
    was = fm_store_schema_version(s);
    printf("%s: schema version %d\n", fm_cli_db_path(db), was);
    fm_store_close(s);
    return 0;
}
