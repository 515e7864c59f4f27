/*
 * cmd_user.c - `fairmatch user add|list|disable|enable|passwd|remove`:
 * create login accounts (the password is read from stdin, never from the
 * command line, and hashed with argon2id by fairmatch/auth.h), list them
 * without their hashes, and take access away (each change revokes the user's
 * sessions and writes one audit row; the rules are fm_store_user_*'s).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fairmatch/auth.h"
#include "fairmatch/buf.h"
#include "fairmatch/store.h"
#include "fairmatch/user.h"

static const char usage[] =
    "usage: fairmatch user add --username U --role organiser|manager|steering\n"
    "                          [--department ID] --password-stdin [--db DB]\n"
    "       fairmatch user list [--db DB]\n"
    "       fairmatch user disable|enable|remove --username U [--db DB]\n"
    "       fairmatch user passwd --username U --password-stdin [--db DB]\n";
static const char about[] =
    "add: create a user who can log in to `fairmatch serve`. The password is the\n"
    "first line of standard input (without its newline), at least 12 characters;\n"
    "it is stored as an argon2id hash. A manager needs --department (an existing\n"
    "department id) and sees only that department; other roles take none.\n"
    "list: every user with role, department and state (never a password hash).\n"
    "disable: the user can no longer log in; their sessions end at once.\n"
    "enable: undo disable (also lifts a lock after failed logins).\n"
    "passwd: set a new password (stdin, as for add); their sessions end.\n"
    "remove: delete the user and their sessions (the audit log keeps the name).\n";

/* The first line of stdin without its line ending; NULL when empty or unreadable. */
static char *read_password(void)
{
    fm_buf b = FM_BUF_INIT;
    int ch;

    while ((ch = getchar()) != EOF && ch != '\n') {
        if (b.len > FM_AUTH_MAX_PASSWORD || fm_buf_addch(&b, (char)ch)) {
            fm_buf_release(&b);
            return NULL;
        }
    }
    if (b.len && b.data[b.len - 1] == '\r')
        b.data[--b.len] = '\0';
    return fm_buf_detach(&b, NULL);
}

/* The option table of every user subcommand; --role and --department are add's. */
typedef struct user_args {
    const char *db, *username, *role, *department;
    bool from_stdin;
} user_args;

/*
 * Parse argv for the subcommand what ("user add"): only add takes --role
 * and --department, only add and passwd --password-stdin; true: return *status.
 */
static bool parse_args(const char *what, int argc, char **argv, user_args *a, int *status)
{
    bool add = !strcmp(what, "user add"), passwd = !strcmp(what, "user passwd");
    bool list = !strcmp(what, "user list");
    const fm_cli_opt opts[] = {
        FM_OPT_STRING("username", &a->username, "U", "the user's login name"),
        FM_OPT_STRING("role", &a->role, "ROLE", "add: organiser, manager or steering"),
        FM_OPT_STRING("department", &a->department, "ID", "add: a manager's department"),
        FM_OPT_FLAG("password-stdin", &a->from_stdin,
                    "add, passwd: read the password from standard input"),
        FM_OPT_DB(&a->db),
        FM_OPT_END};
    /* Which options this subcommand takes, in the table's order (the end included). */
    const bool takes[] = {!list, add, add, add || passwd, true, true};
    fm_cli_opt mine[sizeof opts / sizeof opts[0]];
    const fm_cli_spec spec = {.cmd = what, .usage = usage, .about = about, .opts = mine};
    size_t n = 0;

    for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++)
        if (takes[i])
            mine[n++] = opts[i];
    if (fm_cli_parse(&spec, argc, argv, status))
        return true;
    if (!list && (!a->username || !*a->username))
        *status = fm_cli_usage_error(what, "--username is required");
    else if ((add || passwd) && !a->from_stdin)
        *status = fm_cli_usage_error(what, "--password-stdin is required (the password is "
                                           "never taken from the command line)");
    return *status != 0;
}

/* Read the password from stdin and hash it into hash; 0 or the exit status. */
static int read_hash(char hash[FM_AUTH_HASH_MAX])
{
    fm_err err = {0};
    char *password = NULL;
    int status = 0;

    if (fm_auth_init(&err))
        return fm_cli_fail(&err);
    password = read_password();
    if (!password) {
        fm_err_set(&err, FM_EINVAL, "password: no password on standard input");
        return fm_cli_fail(&err);
    }
    if (fm_auth_hash_password(password, hash, &err))
        status = fm_cli_fail(&err);
    memset(password, 0, strlen(password));
    free(password);
    return status;
}

static int user_add(int argc, char **argv)
{
    user_args a = {0};
    char hash[FM_AUTH_HASH_MAX];
    fm_store *s = NULL;
    fm_role role;
    fm_err err = {0};
    int status;

    if (parse_args("user add", argc, argv, &a, &status))
        return status;
    if (!a.role || !fm_role_parse(a.role, &role))
        return fm_cli_usage_error("user add", "--role must be organiser, manager or steering");
    if ((status = read_hash(hash)))
        return status;
    if (fm_store_open(fm_cli_db_path(a.db), &s, &err) ||
        fm_store_user_add(s, "cli:user", a.username, role, a.department, hash, NULL, &err)) {
        status = fm_cli_fail(&err);
        goto done;
    }
    printf("user %s added (%s%s%s)\n", a.username, fm_role_name(role), a.department ? ", " : "",
           a.department ? a.department : "");
done:
    fm_store_close(s);
    return status;
}

static int user_list(int argc, char **argv)
{
    user_args a = {0};
    fm_store *s = NULL;
    fm_user *v = NULL;
    size_t n = 0;
    fm_err err = {0};
    int status;

    if (parse_args("user list", argc, argv, &a, &status))
        return status;
    if (fm_store_open(fm_cli_db_path(a.db), &s, &err) || fm_store_user_list(s, &v, &n, &err)) {
        status = fm_cli_fail(&err);
        goto done;
    }
    printf("username\trole\tdepartment\tcreated\tstate\n");
    for (size_t i = 0; i < n; i++)
        printf("%s\t%s\t%s\t%s\t%s\n", v[i].username, fm_role_name(v[i].role),
               v[i].department_id ? v[i].department_id : "-", v[i].created_at,
               v[i].disabled ? "disabled" : "active");
done:
    fm_user_list_free(v, n);
    fm_store_close(s);
    return status;
}

/* disable, enable, passwd, remove: one user, one change, its sessions revoked. */
static int user_change(const char *op, int argc, char **argv)
{
    user_args a = {0};
    char hash[FM_AUTH_HASH_MAX], what[32];
    bool is_passwd = !strcmp(op, "passwd");
    fm_store *s = NULL;
    fm_err err = {0};
    int status, revoked = 0;
    fm_rc rc;

    snprintf(what, sizeof what, "user %s", op);
    if (parse_args(what, argc, argv, &a, &status))
        return status;
    if (is_passwd && (status = read_hash(hash)))
        return status;
    rc = fm_store_open(fm_cli_db_path(a.db), &s, &err);
    if (!rc && !strcmp(op, "disable"))
        rc = fm_store_user_set_disabled(s, "cli:user", a.username, true, &revoked, &err);
    else if (!rc && !strcmp(op, "enable"))
        rc = fm_store_user_set_disabled(s, "cli:user", a.username, false, &revoked, &err);
    else if (!rc && is_passwd)
        rc = fm_store_user_set_password(s, "cli:user", a.username, hash, &revoked, &err);
    else if (!rc)
        rc = fm_store_user_remove(s, "cli:user", a.username, &revoked, &err);
    if (rc)
        status = fm_cli_fail(&err);
    else
        printf("user %s: %s done, %d session%s revoked\n", a.username, op, revoked,
               revoked == 1 ? "" : "s");
    fm_store_close(s);
    return status;
}

int fm_cli_user(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        const fm_cli_opt none[] = {FM_OPT_END};
        const fm_cli_spec spec = {.cmd = "user", .usage = usage, .about = about, .opts = none};
        fm_cli_help(&spec, argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    if (!strcmp(argv[1], "add"))
        return user_add(argc - 1, argv + 1);
    if (!strcmp(argv[1], "list"))
        return user_list(argc - 1, argv + 1);
    if (!strcmp(argv[1], "disable") || !strcmp(argv[1], "enable") || !strcmp(argv[1], "passwd") ||
        !strcmp(argv[1], "remove"))
        return user_change(argv[1], argc - 1, argv + 1);
    return fm_cli_usage_error("user",
                              "unknown subcommand '%s' (add, list, disable, enable, "
                              "passwd or remove)",
                              argv[1]);
}
