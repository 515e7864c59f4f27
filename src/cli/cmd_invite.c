/*
 * cmd_invite.c - `fairmatch invite suggest --fair ID`: whom to invite to a
 * planned fair, one proposed seeker a line with the reason. The choice is
 * fairmatch/invite.h's (store and core); this file parses arguments and
 * formats lines.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fairmatch/buf.h"
#include "fairmatch/invite.h"
#include "fairmatch/store.h"

static const char usage[] =
    "usage: fairmatch invite suggest --fair ID [--count N] [--format table|csv|json]\n"
    "                                [--ssyk DIGITS] [--db DB]\n";
static const char about[] =
    "Propose whom to invite to fair ID: seekers eligible for at least one of\n"
    "its positions, not invited yet and not in an extra job on the fair's day;\n"
    "those passed over at earlier fairs and those registered longest ago\n"
    "first, with the group's share of women mirroring the pool's (stratified\n"
    "selection; nobody is ranked by sex). Without --count the number is the\n"
    "fair's places x 2 candidates / the attendance rate of earlier fairs, less\n"
    "those already invited. One line per proposed seeker: id and reason (csv:\n"
    "seeker_id,reason - the list to send out, no personal numbers).\n";

static void reason(const fm_invite_candidate *c, char *out, size_t cap)
{
    int n = 0;

    if (c->fairs_without_offer > 0)
        n = snprintf(out, cap, "passed over at %d earlier fair%s; ", c->fairs_without_offer,
                     c->fairs_without_offer == 1 ? "" : "s");
    else if (c->fairs_invited == 0)
        n = snprintf(out, cap, "never invited; ");
    if (n < 0 || (size_t)n >= cap)
        n = 0;
    snprintf(out + n, cap - (size_t)n,
             "registered %s; eligible for %d position%s (best %s, %d.%02d)",
             c->registered ? c->registered : "(unknown)", c->eligible_positions,
             c->eligible_positions == 1 ? "" : "s", c->best_position ? c->best_position : "-",
             c->best_score / 100, c->best_score % 100);
}

/* One CSV field in double quotes, a quote inside doubled. */
static fm_rc add_csv(fm_buf *b, const char *s, const char *after)
{
    fm_rc rc = fm_buf_addch(b, '"');
    for (; !rc && *s; s++)
        rc = *s == '"' ? fm_buf_adds(b, "\"\"") : fm_buf_addch(b, *s);
    if (!rc)
        rc = fm_buf_addch(b, '"');
    return rc ? rc : fm_buf_adds(b, after);
}

static fm_rc render(const fm_invite_plan *p, const char *format, fm_buf *b)
{
    char why[256];
    fm_rc rc = FM_OK;

    if (!strcmp(format, "json")) {
        rc = fm_invite_plan_json(p, b);
        return rc ? rc : fm_buf_addch(b, '\n');
    }
    if (!strcmp(format, "csv"))
        rc = fm_buf_adds(b, "seeker_id,reason\r\n");
    for (size_t i = 0; !rc && i < p->n_cands; i++) {
        const fm_invite_candidate *c = &p->cands[i];
        if (!c->proposed)
            continue;
        reason(c, why, sizeof why);
        if (!strcmp(format, "csv")) {
            rc = add_csv(b, c->seeker_id, ",");
            if (!rc)
                rc = add_csv(b, why, "\r\n");
        } else
            rc = fm_buf_addf(b, "%-12s %s\n", c->seeker_id, why);
    }
    return rc;
}

static void summary(const fm_invite_plan *p)
{
    fprintf(stderr,
            "fairmatch: invite: fair %s on %s: %d places x %d candidates / attendance %.2f%s - %d "
            "invited = %d wanted; pool %d (%d women, %d men, %d other); proposing %d (%d women, "
            "%d men, %d other)\n",
            p->fair_id, p->fair_date, p->places, p->per_place, p->attendance,
            p->attendance_known ? " (earlier fairs)" : " (no earlier fair recorded)", p->invited,
            p->wanted, p->pool, p->pool_women, p->pool_men, p->pool_other, p->count,
            p->chosen_women, p->chosen_men, p->chosen_other);
}

static int suggest(int argc, char **argv)
{
    const char *db = NULL, *fair = NULL, *format = "table";
    fm_invite_filter filter = {0};
    int count = -1, status;
    const fm_cli_opt opts[] = {
        FM_OPT_STRING("fair", &fair, "ID", "the fair (required)"),
        FM_OPT_INT("count", &count, "N", 0, 100000, "propose N seekers (0...100000) instead"),
        FM_OPT_ENUM("format", &format, "F", "table|csv|json",
                    "table (default), csv or json (the whole plan)"),
        FM_OPT_STRING("ssyk", &filter.ssyk, "DIGITS",
                      "only seekers with an interest code starting so"),
        FM_OPT_DB(&db),
        FM_OPT_END};
    const fm_cli_spec spec = {.cmd = "invite", .usage = usage, .about = about, .opts = opts};
    fm_invite_plan *p = NULL;
    fm_store *s = NULL;
    fm_buf out = FM_BUF_INIT;
    fm_err err = {0};

    if (fm_cli_parse(&spec, argc, argv, &status))
        return status;
    if (!fair)
        return fm_cli_usage_error("invite", "--fair ID is required");
    if (filter.ssyk &&
        (strlen(filter.ssyk) > 4 || strspn(filter.ssyk, "0123456789") != strlen(filter.ssyk)))
        return fm_cli_usage_error("invite", "--ssyk: \"%s\" is not 1-4 digits", filter.ssyk);
    if (fm_store_open(fm_cli_db_path(db), &s, &err))
        return fm_cli_fail(&err);
    if (fm_store_invite_suggest(s, fair, &filter, count, &p, &err) ||
        (render(p, format, &out) && fm_err_set(&err, FM_ENOMEM, "out of memory"))) {
        status = fm_cli_fail(&err);
        goto done;
    }
    summary(p);
    if (out.len && (fwrite(out.data, 1, out.len, stdout) != out.len || fflush(stdout) != 0)) {
        fprintf(stderr, "fairmatch: invite: writing to stdout failed\n");
        status = 1;
    }
done:
    fm_buf_release(&out);
    fm_invite_plan_free(p);
    fm_store_close(s);
    return status;
}

int fm_cli_invite(int argc, char **argv)
{
    if (argc >= 2 && !strcmp(argv[1], "suggest"))
        return suggest(argc - 1, argv + 1);
    if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")))
        return suggest(argc, argv);
    return fm_cli_usage_error("invite", "expected 'invite suggest --fair ID'");
}
