/*
 * cmd_demo.c - `fairmatch demo`: load the embedded synthetic municipality
 * (fm_demo_load) and create demo users with known passwords, so that a
 * newcomer can log in at once. What the data holds is data/demo/README.md's.
 */
#include <stdio.h>

#include "cli.h"
#include "fairmatch/auth.h"
#include "fairmatch/demo.h"
#include "fairmatch/store.h"
#include "fairmatch/user.h"

static const char usage[] = "usage: fairmatch demo [--db FILE] [--force]\n";
static const char about[] =
    "Load the synthetic demo municipality compiled into this binary into FILE\n"
    "(default fairmatch.db): 10 departments, about 1,100 seekers, monthly fairs\n"
    "in 2017-2018 with positions, invitations, interviews and 741 hires (the\n"
    "last decided in January 2019) followed through extensions, ends and the\n"
    "status 90 days after, and a planned fair (2019-01-16) ready for matching.\n"
    "Nobody in it is real.\n"
    "Also creates three users for the web UI, printed as 'login:' lines.\n"
    "A database that already holds data is refused unless --force is given;\n"
    "--force empties it first (the audit log is kept).\n";

/* Demo logins: known passwords on purpose, for a demo database only. */
static const struct {
    const char *username, *password, *department;
    fm_role role;
} demo_users[] = {
    {"organiser", "organiser-demo-2018", NULL, FM_ROLE_ORGANISER},
    {"manager.ubf", "manager-ubf-demo-2018", "UBF", FM_ROLE_MANAGER},
    {"steering", "steering-demo-2018", NULL, FM_ROLE_STEERING},
};

/*
 * Hash every demo password before anything is written, so that the slow and
 * fallible part (libsodium, argon2id) cannot leave a half-made demo.
 */
static fm_rc hash_passwords(char hashes[][FM_AUTH_HASH_MAX], fm_err *err)
{
    fm_rc rc = fm_auth_init(err);
    for (size_t i = 0; !rc && i < sizeof demo_users / sizeof demo_users[0]; i++)
        rc = fm_auth_hash_password(demo_users[i].password, hashes[i], err);
    return rc;
}

static fm_rc add_users(fm_store *s, char hashes[][FM_AUTH_HASH_MAX], fm_err *err)
{
    fm_rc rc = FM_OK;
    for (size_t i = 0; !rc && i < sizeof demo_users / sizeof demo_users[0]; i++)
        rc = fm_store_user_add(s, "cli:demo", demo_users[i].username, demo_users[i].role,
                               demo_users[i].department, hashes[i], NULL, err);
    return rc;
}

int fm_cli_demo(int argc, char **argv)
{
    char hashes[sizeof demo_users / sizeof demo_users[0]][FM_AUTH_HASH_MAX];
    const char *db = NULL;
    bool force = false;
    const fm_cli_opt opts[] = {
        FM_OPT_STRING("db", &db, "FILE", "the database (default fairmatch.db)"),
        FM_OPT_FLAG("force", &force, "empty a database that holds data first"), FM_OPT_END};
    const fm_cli_spec spec = {.cmd = "demo", .usage = usage, .about = about, .opts = opts};
    fm_demo_counts c;
    fm_store *s = NULL;
    fm_err err = {0};
    int status;

    if (fm_cli_parse(&spec, argc, argv, &status))
        return status;
    if (hash_passwords(hashes, &err))
        return fm_cli_fail(&err);
    if (fm_store_open(fm_cli_db_path(db), &s, &err))
        return fm_cli_fail(&err);
    if (fm_demo_load(s, force, &c, &err) || add_users(s, hashes, &err)) {
        status = fm_cli_fail(&err);
        goto done;
    }
    printf("demo: %s: %lld departments, %lld seekers, %lld fairs, %lld positions,"
           " %lld invitations, %lld interviews, %lld employments (%lld decided in 2017,"
           " %lld in 2018)\n",
           fm_cli_db_path(db), c.departments, c.seekers, c.fairs, c.positions, c.invitations,
           c.interviews, c.employments, c.hires_2017, c.hires_2018);
    for (size_t i = 0; i < sizeof demo_users / sizeof demo_users[0]; i++)
        printf("login: %-12s password %-22s (%s%s%s)\n", demo_users[i].username,
               demo_users[i].password, fm_role_name(demo_users[i].role),
               demo_users[i].department ? " of " : "",
               demo_users[i].department ? demo_users[i].department : "");
done:
    fm_store_close(s);
    return status;
}
