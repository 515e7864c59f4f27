/*
 * cmd_purge.c - `fairmatch purge`: remove personal details of seekers who
 * have been inactive for a given number of months. What counts as activity
 * and how the bytes are erased is fm_purge_inactive's (src/store/purge.c).
 */
#include <stdio.h>

#include "cli.h"
#include "fairmatch/date.h"
#include "fairmatch/purge.h"
#include "fairmatch/store.h"

static const char usage[] =
    "usage: fairmatch purge --older-than MONTHS [--db DB] [--dry-run] [--as-of DATE]\n";
static const char about[] =
    "Remove first and last name, phone, e-mail and personal number of every\n"
    "seeker with no activity in the last MONTHS months (1-1200): not registered,\n"
    "not invited to or interviewed at a fair, no employment decided, started or\n"
    "ended in that time, and no employment still open. Gender, birth year,\n"
    "dates and departments stay, so monthly reports of past months do not\n"
    "change. Freed bytes are overwritten (secure_delete) and the WAL is\n"
    "truncated afterwards. One audit row records the count.\n";

int fm_cli_purge(int argc, char **argv)
{
    const char *db = NULL;
    fm_date today = fm_date_today();
    int months = 0, status;
    bool dry = false;
    const fm_cli_opt opts[] = {
        /* FM_OPT_INT with the words scripts already look for. */
        {.name = "older-than",
         .kind = FM_CLI_INT,
         .to.num = &months,
         .value = "MONTHS",
         .help = "purge seekers inactive this many months (required)",
         .min = 1,
         .max = 1200,
         .what = "a number of months 1-1200"},
        FM_OPT_FLAG("dry-run", &dry, "count only; change nothing"),
        FM_OPT_PARSE("as-of", &today, "DATE", fm_cli_parse_date, "a date YYYY-MM-DD",
                     "count the months back from DATE (YYYY-MM-DD) instead of today"),
        FM_OPT_DB(&db),
        FM_OPT_END};
    const fm_cli_spec spec = {.cmd = "purge", .usage = usage, .about = about, .opts = opts};
    fm_purge_result res;
    fm_store *s = NULL;
    fm_err err = {0};

    if (fm_cli_parse(&spec, argc, argv, &status))
        return status;
    if (!months)
        return fm_cli_usage_error("purge", "--older-than MONTHS is required");
    if (fm_store_open(fm_cli_db_path(db), &s, &err))
        return fm_cli_fail(&err);
    if (fm_purge_inactive(s, months, today, dry, "cli:purge", &res, &err)) {
        status = fm_cli_fail(&err);
        goto done;
    }
    printf("purge: %s%lld seekers inactive since %s%s, %lld kept (active), %lld purged before\n",
           dry ? "would purge " : "", res.purged, res.cutoff, dry ? "" : " purged", res.kept,
           res.already);
    if (!dry && !res.wal_truncated)
        fprintf(stderr, "fairmatch: purge: another connection held the WAL; old values leave the "
                        "-wal file at its next checkpoint\n");
done:
    fm_store_close(s);
    return status;
}
