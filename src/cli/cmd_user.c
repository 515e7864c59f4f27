/*
 * cmd_user.c - `fairmatch user add|list|disable|enable|passwd|remove`:
 * create login accounts (the password is read from stdin, never from the
 * command line, and hashed with argon2id by fairmatch/auth.h), list them
 * without their hashes, and take access away (each change revokes the user's
 * sessions and writes one audit row; the rules are fm_store_user_*'s).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fairmatch/auth.h"
#include "fairmatch/buf.h"
#include "fairmatch/store.h"
#include "fairmatch/user.h"

static const char help[] =
    "usage: fairmatch user add --username U --role organiser|manager|steering\n"
    "                          [--department ID] --password-stdin [--db DB]\n"
    "       fairmatch user list [--db DB]\n"
    "       fairmatch user disable|enable|remove --username U [--db DB]\n"
    "       fairmatch user passwd --username U --password-stdin [--db DB]\n\n"
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

static int user_add(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"username", required_argument, NULL, 'u'},
                                         {"role", required_argument, NULL, 'r'},
                                         {"department", required_argument, NULL, 'D'},
                                         {"password-stdin", no_argument, NULL, 'P'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *db = NULL, *username = NULL, *role_s = NULL, *dept = NULL;
    char hash[FM_AUTH_HASH_MAX], *password = NULL;
    bool from_stdin = false;
    fm_store *s = NULL;
    fm_role role;
    fm_err err = {0};
    int c, status = 0;

    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'd')
            db = optarg;
        else if (c == 'u')
            username = optarg;
        else if (c == 'r')
            role_s = optarg;
        else if (c == 'D')
            dept = optarg;
        else if (c == 'P')
            from_stdin = true;
        else if (c == 'h') {
            fputs(help, stdout);
            return 0;
        } else
            return fm_cli_usage_error("user add", "unknown option");
    }
    if (optind < argc)
        return fm_cli_usage_error("user add", "unexpected argument '%s'", argv[optind]);
    if (!username || !*username)
        return fm_cli_usage_error("user add", "--username is required");
    if (!role_s || !fm_role_parse(role_s, &role))
        return fm_cli_usage_error("user add", "--role must be organiser, manager or steering");
    if (!from_stdin)
        return fm_cli_usage_error("user add", "--password-stdin is required (the password is "
                                              "never taken from the command line)");
    if (fm_auth_init(&err))
        return fm_cli_fail(&err);
    password = read_password();
    if (!password) {
        fm_err_set(&err, FM_EINVAL, "password: no password on standard input");
        return fm_cli_fail(&err);
    }
    if (fm_auth_hash_password(password, hash, &err)) {
        status = fm_cli_fail(&err);
        goto done;
    }
    if (fm_store_open(fm_cli_db_path(db), &s, &err) ||
        fm_store_user_add(s, "cli:user", username, role, dept, hash, NULL, &err)) {
        status = fm_cli_fail(&err);
        goto done;
    }
    printf("user %s added (%s%s%s)\n", username, fm_role_name(role), dept ? ", " : "",
           dept ? dept : "");
done:
    if (password) {
        memset(password, 0, strlen(password));
        free(password);
    }
    fm_store_close(s);
    return status;
}

static int user_list(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
    const char *db = NULL;
    fm_store *s = NULL;
    fm_user *v = NULL;
    size_t n = 0;
    fm_err err = {0};
    int c, status = 0;

    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'd') {
            db = optarg;
        } else if (c == 'h') {
            fputs(help, stdout);
            return 0;
        } else {
            return fm_cli_usage_error("user list", "unknown option");
        }
    }
    if (optind < argc)
        return fm_cli_usage_error("user list", "unexpected argument '%s'", argv[optind]);
    if (fm_store_open(fm_cli_db_path(db), &s, &err) || fm_store_user_list(s, &v, &n, &err)) {
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
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"username", required_argument, NULL, 'u'},
                                         {"password-stdin", no_argument, NULL, 'P'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *db = NULL, *username = NULL;
    char hash[FM_AUTH_HASH_MAX], *password = NULL, what[32];
    bool from_stdin = false, is_passwd = !strcmp(op, "passwd");
    fm_store *s = NULL;
    fm_err err = {0};
    int c, status = 0, revoked = 0;
    fm_rc rc;

    snprintf(what, sizeof what, "user %s", op);
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'd') {
            db = optarg;
        } else if (c == 'u') {
            username = optarg;
        } else if (c == 'P' && is_passwd) {
            from_stdin = true;
        } else if (c == 'h') {
            fputs(help, stdout);
            return 0;
        } else {
            return fm_cli_usage_error(what, "unknown option");
        }
    }
    if (optind < argc)
        return fm_cli_usage_error(what, "unexpected argument '%s'", argv[optind]);
    if (!username || !*username)
        return fm_cli_usage_error(what, "--username is required");
    if (is_passwd && !from_stdin)
        return fm_cli_usage_error(what, "--password-stdin is required (the password is never "
                                        "taken from the command line)");
    if (is_passwd) {
        if (fm_auth_init(&err))
            return fm_cli_fail(&err);
        password = read_password();
        if (!password) {
            fm_err_set(&err, FM_EINVAL, "password: no password on standard input");
            return fm_cli_fail(&err);
        }
        if (fm_auth_hash_password(password, hash, &err)) {
            status = fm_cli_fail(&err);
            goto done;
        }
    }
    rc = fm_store_open(fm_cli_db_path(db), &s, &err);
    if (!rc && !strcmp(op, "disable"))
        rc = fm_store_user_set_disabled(s, "cli:user", username, true, &revoked, &err);
    else if (!rc && !strcmp(op, "enable"))
        rc = fm_store_user_set_disabled(s, "cli:user", username, false, &revoked, &err);
    else if (!rc && is_passwd)
        rc = fm_store_user_set_password(s, "cli:user", username, hash, &revoked, &err);
    else if (!rc)
        rc = fm_store_user_remove(s, "cli:user", username, &revoked, &err);
    if (rc) {
        status = fm_cli_fail(&err);
        goto done;
    }
    printf("user %s: %s done, %d session%s revoked\n", username, op, revoked,
           revoked == 1 ? "" : "s");
done:
    if (password) {
        memset(password, 0, strlen(password));
        free(password);
    }
    fm_store_close(s);
    return status;
}

int fm_cli_user(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        fputs(help, argc < 2 ? stderr : stdout);
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
