/*
 * cmd_backup.c - `fairmatch backup`: an online, checked copy of the database.
 * The copying and checking are fm_backup_create's (src/store/backup.c); this
 * file only parses options and reports.
 */
#include <stdio.h>

#include "cli.h"
#include "fairmatch/backup.h"
#include "fairmatch/store.h"

static const char usage[] = "usage: fairmatch backup --to FILE [--db DB]\n"
                            "       fairmatch backup --verify FILE\n";
static const char about[] =
    "Copy the database DB (default fairmatch.db) to FILE with SQLite's online\n"
    "backup API. Safe while `fairmatch serve` is running: the copy is one\n"
    "consistent snapshot and writers carry on. The copy is checked with\n"
    "PRAGMA integrity_check and only then moved into place, so FILE is either\n"
    "left as it was or replaced by a complete, checked copy. The SHA-256 of\n"
    "the whole file goes to FILE.sha256 (sha256sum's format); keep the two\n"
    "together: restore refuses a backup without it. Both files are 0600.\n";

static int verify(const char *file)
{
    fm_backup_info info;
    fm_err err = {0};
    if (fm_backup_verify(file, &info, &err))
        return fm_cli_fail(&err);
    printf("backup: %s: sha256 %s ok, integrity ok, schema version %d ok, %lld pages\n", file,
           info.sha256, info.schema_version, info.pages);
    return 0;
}

int fm_cli_backup(int argc, char **argv)
{
    const char *db = NULL, *to = NULL, *check = NULL;
    const fm_cli_opt opts[] = {
        FM_OPT_STRING("to", &to, "FILE", "write the copy to FILE"),
        FM_OPT_STRING("verify", &check, "FILE",
                      "check FILE as `restore --check` does (its SHA-256, integrity,\n"
                      "and a schema exactly as fairmatch's migrations make it);\n"
                      "change nothing; exit 2 when it is refused"),
        FM_OPT_DB(&db), FM_OPT_END};
    const fm_cli_spec spec = {.cmd = "backup", .usage = usage, .about = about, .opts = opts};
    fm_backup_info info;
    fm_store *s = NULL;
    fm_err err = {0};
    int status;

    if (fm_cli_parse(&spec, argc, argv, &status))
        return status;
    if (check && to)
        return fm_cli_usage_error("backup", "--verify and --to exclude each other");
    if (check)
        return verify(check);
    if (!to || !*to)
        return fm_cli_usage_error("backup", "--to FILE is required");
    if (fm_store_open(fm_cli_db_path(db), &s, &err))
        return fm_cli_fail(&err);
    if (fm_backup_create(s, to, &info, &err)) {
        status = fm_cli_fail(&err);
        goto done;
    }
    printf("backup: %s -> %s: %lld pages, %lld bytes, schema version %d, integrity ok, "
           "sha256 %s in %s.sha256\n",
           fm_cli_db_path(db), to, info.pages, info.bytes, info.schema_version, info.sha256, to);
done:
    fm_store_close(s);
    return status;
}
