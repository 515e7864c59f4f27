/*
 * cmd_restore.c - `fairmatch restore`: put a backup back after checking it.
 * The checks and the copy are fm_backup_verify/fm_backup_restore's; this
 * file only parses options and reports.
 */
#include <stdio.h>

#include "cli.h"
#include "fairmatch/backup.h"

static const char usage[] = "usage: fairmatch restore --from FILE [--db DB] [--check]\n";
static const char about[] =
    "Replace the contents of DB (default fairmatch.db) with the backup FILE.\n"
    "FILE must match the SHA-256 in FILE.sha256 written by `fairmatch backup`,\n"
    "pass PRAGMA integrity_check, and hold exactly the schema fairmatch's\n"
    "migrations make (no newer than this build, no added trigger, view, index\n"
    "or table), or nothing is changed (exit 2). The copy runs in one\n"
    "transaction on DB, then DB is upgraded to the current schema and checked\n"
    "again. Stop `fairmatch serve` first: its sessions would point at the old data.\n";

int fm_cli_restore(int argc, char **argv)
{
    const char *db = NULL, *from = NULL;
    bool check = false;
    const fm_cli_opt opts[] = {FM_OPT_STRING("from", &from, "FILE", "the backup to put back"),
                               FM_OPT_FLAG("check", &check, "only check FILE; change nothing"),
                               FM_OPT_DB(&db), FM_OPT_END};
    const fm_cli_spec spec = {.cmd = "restore", .usage = usage, .about = about, .opts = opts};
    fm_backup_info info;
    fm_err err = {0};
    int status;

    if (fm_cli_parse(&spec, argc, argv, &status))
        return status;
    if (!from || !*from)
        return fm_cli_usage_error("restore", "--from FILE is required");
    if (check) {
        if (fm_backup_verify(from, &info, &err))
            return fm_cli_fail(&err);
        printf("restore: %s: sha256 %s ok, integrity ok, schema version %d ok, %lld pages\n", from,
               info.sha256, info.schema_version, info.pages);
        return 0;
    }
    if (fm_backup_restore(from, fm_cli_db_path(db), &info, &err))
        return fm_cli_fail(&err);
    printf("restore: %s -> %s: %lld pages, schema version %d, integrity ok\n", from,
           fm_cli_db_path(db), info.pages, info.schema_version);
    return 0;
}
