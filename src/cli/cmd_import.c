/*
 * cmd_import.c - `fairmatch import KIND FILE`: runs the importer and prints
 * its problems ("fairmatch: FILE:LINE: COLUMN: problem") or what it did.
 * Every rule about rows and columns lives in src/store/import*.c.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "fairmatch/import.h"
#include "fairmatch/steering.h"
#include "fairmatch/store.h"

static const char usage[] = "usage: fairmatch import KIND FILE [--sheet NAME] [--db DB]\n";
static const char about[] =
    "Load a spreadsheet, saved as CSV, as an Excel workbook (.xlsx) or as an\n"
    "OpenDocument spreadsheet (.ods), into the database. KIND is one of\n"
    "departments, seekers, fairs, positions, employments, or targetgroup (the\n"
    "agency's monthly figures: month, women, men, total; CSV only). A workbook\n"
    "is read from its first sheet, or from the sheet named by --sheet; LINE in\n"
    "messages is then the sheet's row number.\n\n"
    "The file may use ';', ',' or tab between fields, UTF-8 (with or without\n"
    "BOM) or Windows-1252 (Excel's Swedish CSV), CRLF or LF line ends, and\n"
    "English or Swedish column headers in any order and case; other columns\n"
    "are ignored. docs/import.md lists the columns of each kind.\n\n"
    "All or nothing: if any row is wrong, nothing is written, each problem is\n"
    "printed as FILE:LINE: COLUMN: problem (at most 20), and the exit status is 2.\n"
    "Rows are keyed by id (employments by seeker, department and decision date):\n"
    "an existing key is updated, so importing a file twice adds nothing.\n";

static void print_problem(void *ctx, const char *line)
{
    (void)ctx;
    fprintf(stderr, "fairmatch: %s\n", line);
}

int fm_cli_import(int argc, char **argv)
{
    const char *db = NULL, *sheet = NULL, *args[2];
    const fm_cli_opt opts[] = {
        FM_OPT_STRING("sheet", &sheet, "NAME", "read the workbook's sheet NAME, not its first"),
        FM_OPT_DB(&db), FM_OPT_END};
    const fm_cli_spec spec = {.cmd = "import",
                              .usage = usage,
                              .about = about,
                              .opts = opts,
                              .nargs = 2,
                              .args_name = "KIND and FILE",
                              .args = args};
    fm_import_kind kind = FM_IMPORT_DEPARTMENTS;
    bool targetgroup;
    fm_import_stats st;
    fm_store *s = NULL;
    fm_err err = {0};
    fm_rc rc;
    int status;

    if (fm_cli_parse(&spec, argc, argv, &status))
        return status;
    targetgroup = !strcmp(args[0], "targetgroup");
    if (!targetgroup && !fm_import_kind_parse(args[0], &kind))
        return fm_cli_usage_error("import",
                                  "unknown kind '%s' (departments, seekers, fairs, positions, "
                                  "employments, targetgroup)",
                                  args[0]);
    if (targetgroup && sheet)
        return fm_cli_usage_error("import", "--sheet: the target group is read from CSV only");
    if (fm_store_open(fm_cli_db_path(db), &s, &err))
        return fm_cli_fail(&err);
    /* The target group's rows are src/store/import_targetgroup.c's, apart from import.c. */
    if (targetgroup)
        rc = fm_import_targetgroup_file(s, args[1], "cli", &st, print_problem, NULL, &err);
    else
        rc = fm_import_file_sheet(s, kind, args[1], sheet, "cli", &st, print_problem, NULL, &err);
    if (rc == FM_EINVAL && st.problems > 0) {
        status = 2; /* the problems are printed already */
    } else if (rc) {
        status = fm_cli_fail(&err);
    } else {
        printf("%s: %ld added, %ld updated",
               targetgroup ? "targetgroup" : fm_import_kind_name(kind), st.added, st.updated);
        if (st.unchanged)
            printf(", %ld unchanged", st.unchanged);
        printf("\n");
    }
    fm_store_close(s);
    return status;
}
