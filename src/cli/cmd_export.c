/*
 * cmd_export.c - `fairmatch export instance`: write a fair's instance JSON,
 * built from the database by the store (fairmatch/export.h), to stdout or a
 * file. Scoring lives in src/core/score.c and the queries in the store;
 * this file parses options and writes bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "fairmatch/export.h"
#include "fairmatch/store.h"

static const char usage[] = "usage: fairmatch export instance --fair ID [--db DB] [-o FILE]\n";
static const char about[] =
    "Write fair ID's matching instance (fairmatch-instance/1 JSON, as\n"
    "`fairmatch solve` reads it) built from the database: the fair's\n"
    "departments with a position there and at least one table, with their\n"
    "quota and the hires decided before the fair's day; its positions; the\n"
    "invited seekers with the earlier fairs they came to without an offer;\n"
    "and every eligible pair's score with its breakdown (`why`), as\n"
    "docs/model.md, \"Scoring\", describes. Policy is left to the format's\n"
    "defaults. The same database gives the same bytes.\n";
static const char after[] =
    "Exit status: 0 written, 2 usage or unknown fair/database, 1 internal failure.\n";

static int export_instance(int argc, char **argv)
{
    const char *db = NULL, *fair = NULL, *out = NULL;
    const fm_cli_opt opts[] = {
        FM_OPT_STRING("fair", &fair, "ID", "the fair to export (required)"),
        FM_OPT_STRING("db", &db, "DB", "the database (default fairmatch.db); it must exist"),
        FM_OPT_OUTPUT(NULL, &out, "FILE",
                      "write to FILE (whole or not at all) instead of standard output"),
        FM_OPT_END};
    const fm_cli_spec spec = {
        .cmd = "export", .usage = usage, .about = about, .after = after, .opts = opts};
    fm_store *s = NULL;
    fm_err err = {0};
    char *json = NULL;
    size_t len = 0;
    int status;
    fm_rc rc;

    if (fm_cli_parse(&spec, argc, argv, &status))
        return status;
    if (!fair || !*fair)
        return fm_cli_usage_error("export", "instance needs --fair ID");
    db = fm_cli_db_path(db);
    /* Opening would create an empty database; a mistyped path is bad input. */
    if (access(db, F_OK) != 0) {
        fprintf(stderr, "fairmatch: %s: no such database\n", db);
        return 2;
    }
    rc = fm_store_open(db, &s, &err);
    if (!rc)
        rc = fm_export_instance_json(s, fair, &json, &len, &err);
    if (rc == FM_ENOTFOUND)
        fm_err_set(&err, FM_ENOTFOUND, "%s: no fair \"%s\" (see 'fairmatch list fairs')", db, fair);
    status = rc ? fm_cli_fail(&err) : fm_cli_output("export", out, json, len);
    free(json);
    fm_store_close(s);
    return status;
}

int fm_cli_export(int argc, char **argv)
{
    if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")))
        return export_instance(argc, argv);
    if (argc < 2)
        return fm_cli_usage_error("export", "what to export? (instance)");
    if (strcmp(argv[1], "instance"))
        return fm_cli_usage_error("export", "unknown export '%s' (instance)", argv[1]);
    return export_instance(argc - 1, argv + 1);
}
