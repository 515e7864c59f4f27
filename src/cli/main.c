/*
 * main.c - the `fairmatch` entry point: dispatches to one subcommand file per
 * command and owns --help/--version. It holds no command logic itself.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* Keep sorted as `fairmatch --help` shows them: by workflow, not alphabet. */
static const fm_cli_command commands[] = {
    {"init", fm_cli_init, "create or upgrade a database"},
    {"demo", fm_cli_demo, "load the synthetic demo municipality"},
    {"import", fm_cli_import,
     "load departments, seekers, fairs, positions or hires from CSV or .xlsx"},
    {"list", fm_cli_list, "print stored departments, seekers, fairs, positions or hires"},
    {"fair", fm_cli_fair, "create a fair by hand (fair add)"},
    {"programme", fm_cli_programme, "set or show the programme's goal and period"},
    {"user", fm_cli_user, "add, list, disable or remove the people who log in to the web app"},
    {"serve", fm_cli_serve, "serve the web app and its JSON API"},
    {"backup", fm_cli_backup, "copy the database safely, even while serving"},
    {"restore", fm_cli_restore, "check a backup and put it back"},
    {"purge", fm_cli_purge, "remove personal details of long-inactive seekers"},
    {"quota", fm_cli_quota, "department quotas, hires so far, and places to bring to a fair"},
    {"report", fm_cli_report, "the steering group's monthly report (json, csv, xlsx)"},
    {"followup", fm_cli_followup, "who is due a follow-up, and what to record"},
    {"export", fm_cli_export, "write a fair's matching instance JSON from the database"},
    {"solve", fm_cli_solve,
     "choose interviews and timetable a fair (instance JSON in, solution out)"},
    {"check", fm_cli_check, "re-verify a solution or hand-edited schedule"},
    {"explain", fm_cli_explain, "say why a seeker got the interviews they got, or none"},
    {"invite", fm_cli_invite, "propose whom to invite to a planned fair (invite suggest)"},
    {"gen", fm_cli_gen, "write a seeded synthetic fair instance for tests and benchmarks"},
};

int fm_cli_fail(const fm_err *err)
{
    fprintf(stderr, "fairmatch: %s\n", err->msg[0] ? err->msg : fm_rc_str(err->rc));
    return fm_rc_exit_status(err->rc);
}

const char *fm_cli_db_path(const char *opt)
{
    return opt ? opt : "fairmatch.db";
}

static void usage(FILE *out)
{
    fprintf(out, "usage: fairmatch COMMAND [OPTIONS]\n"
                 "       fairmatch COMMAND --help\n"
                 "       fairmatch --version\n\n"
                 "Plans recruitment fairs for extra jobs: seekers, departments and quotas in\n"
                 "SQLite, interview matching and timetabling with GLPK, a web UI and the\n"
                 "steering group's monthly report.\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return 0;
    }
    if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
        printf("fairmatch %s\n", FM_VERSION);
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(argv[1], commands[i].name))
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "fairmatch: unknown command '%s' (see 'fairmatch --help')\n", argv[1]);
    return 2;
}
