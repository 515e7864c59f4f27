/*
 * router.c - the route table of docs/api.md and the checks every API call
 * passes in this order: known path (404) and method (405), session (401),
 * CSRF token on state changes (403), role (403). Per-record rules (a
 * manager's own department) are the handlers'.
 */
#include <stdlib.h>
#include <string.h>

#include "fairmatch/auth.h"
#include "http_handlers.h"
#include "http_internal.h"

typedef struct route {
    const char *method;
    const char *pattern; /* "{}" matches one non-empty segment */
    unsigned roles;
    fm_http_handler handler;
} route;

static const route routes[] = {
    {"POST", "/api/login", FM_R_ANON, fm_h_login},
    {"POST", "/api/logout", FM_R_ALL, fm_h_logout},
    {"GET", "/api/me", FM_R_ALL, fm_h_me},
    {"GET", "/api/departments", FM_R_ALL, fm_h_departments_list},
    {"POST", "/api/departments", FM_R_ORG, fm_h_departments_create},
    {"GET", "/api/departments/{}", FM_R_ALL, fm_h_department_get},
    {"PUT", "/api/departments/{}", FM_R_ORG, fm_h_department_put},
    {"GET", "/api/seekers", FM_R_ORG | FM_R_MGR, fm_h_seekers_list},
    {"GET", "/api/seekers/{}", FM_R_ORG | FM_R_MGR, fm_h_seeker_get},
    {"PUT", "/api/seekers/{}", FM_R_ORG, fm_h_seeker_put},
    {"GET", "/api/fairs", FM_R_ORG | FM_R_MGR, fm_h_fairs_list},
    {"POST", "/api/fairs", FM_R_ORG, fm_h_fairs_create},
    {"GET", "/api/fairs/{}", FM_R_ORG | FM_R_MGR, fm_h_fair_get},
    {"PUT", "/api/fairs/{}", FM_R_ORG, fm_h_fair_put},
    {"GET", "/api/fairs/{}/positions", FM_R_ORG | FM_R_MGR, fm_h_positions_list},
    {"POST", "/api/fairs/{}/positions", FM_R_ORG | FM_R_MGR, fm_h_positions_create},
    {"PUT", "/api/positions/{}", FM_R_ORG | FM_R_MGR, fm_h_position_put},
    {"GET", "/api/fairs/{}/invitations", FM_R_ORG, fm_h_invitations_list},
    {"POST", "/api/fairs/{}/invitations", FM_R_ORG, fm_h_invitations_add},
    {"PUT", "/api/fairs/{}/invitations/{}", FM_R_ORG, fm_h_invitation_put},
    {"POST", "/api/fairs/{}/walkins", FM_R_ORG, fm_h_walkin_add},
    {"GET", "/api/fairs/{}/invite-suggestions", FM_R_ORG, fm_h_invite_suggest},
    {"POST", "/api/fairs/{}/uninvite", FM_R_ORG, fm_h_uninvite},
    {"GET", "/api/fairs/{}/left-out", FM_R_ORG, fm_h_left_out},
    {"POST", "/api/fairs/{}/match", FM_R_ORG, fm_h_match},
    {"POST", "/api/fairs/{}/replan", FM_R_ORG, fm_h_replan},
    {"POST", "/api/fairs/{}/replan/confirm", FM_R_ORG, fm_h_replan_confirm},
    {"POST", "/api/import/{}", FM_R_ORG, fm_h_import},
    {"GET", "/api/fairs/{}/replan/changes", FM_R_ORG, fm_h_replan_changes},
    {"GET", "/api/fairs/{}/match/progress", FM_R_ORG, fm_h_match_progress},
    {"POST", "/api/fairs/{}/match/stop", FM_R_ORG, fm_h_match_stop},
    {"GET", "/api/fairs/{}/schedule", FM_R_ORG | FM_R_MGR, fm_h_schedule},
    {"PUT", "/api/interviews/{}", FM_R_ORG, fm_h_interview_move},
    {"PUT", "/api/interviews/{}/outcome", FM_R_ORG | FM_R_MGR, fm_h_interview_outcome},
    {"PUT", "/api/interviews/{}/answer", FM_R_ORG | FM_R_MGR, fm_h_interview_answer},
    {"GET", "/api/employments", FM_R_ORG | FM_R_MGR, fm_h_employments_list},
    {"POST", "/api/employments", FM_R_ORG | FM_R_MGR, fm_h_employments_create},
    {"GET", "/api/employments/{}", FM_R_ORG | FM_R_MGR, fm_h_employment_get},
    {"PUT", "/api/employments/{}", FM_R_ORG | FM_R_MGR, fm_h_employment_put},
    {"POST", "/api/employments/{}/extensions", FM_R_ORG | FM_R_MGR, fm_h_employment_extend},
    {"POST", "/api/employments/{}/follow_ups", FM_R_ORG | FM_R_MGR, fm_h_employment_follow_up},
    {"GET", "/api/followup", FM_R_ORG | FM_R_MGR, fm_h_followup},
    {"GET", "/api/reports/monthly", FM_R_ALL, fm_h_report_monthly},
    {"GET", "/api/quota", FM_R_ALL, fm_h_quota},
    {"GET", "/api/users", FM_R_ORG, fm_h_users_list},
    {"PUT", "/api/users/{}", FM_R_ORG, fm_h_user_put},
    {"DELETE", "/api/users/{}", FM_R_ORG, fm_h_user_delete},
    {"POST", "/api/users/{}/password", FM_R_ORG, fm_h_user_password},
};

size_t fm_http_route_count(void)
{
    return sizeof routes / sizeof routes[0];
}

void fm_http_route_info(size_t i, const char **method, const char **pattern, unsigned *roles)
{
    *method = routes[i].method;
    *pattern = routes[i].pattern;
    *roles = routes[i].roles;
}

/* Match path against pattern; on success the {} segments are copied into params. */
static bool match(const char *pattern, const char *path, char *params[FM_HTTP_MAX_PARAMS])
{
    const char *p = pattern, *s = path;
    char *got[FM_HTTP_MAX_PARAMS] = {0};
    int n = 0;

    while (*p && *s) {
        if (p[0] == '{' && p[1] == '}') {
            const char *end = strchr(s, '/');
            size_t len = end ? (size_t)(end - s) : strlen(s);
            if (len == 0 || n == FM_HTTP_MAX_PARAMS)
                goto fail;
            got[n] = strndup(s, len);
            if (!got[n++])
                goto fail;
            s += len;
            p += 2;
            continue;
        }
        if (*p != *s)
            goto fail;
        p++;
        s++;
    }
    if (*p || *s)
        goto fail;
    for (int i = 0; i < FM_HTTP_MAX_PARAMS; i++) {
        free(params[i]);
        params[i] = got[i];
    }
    return true;
fail:
    for (int i = 0; i < n; i++)
        free(got[i]);
    return false;
}

static bool state_changing(const char *m)
{
    return strcmp(m, "GET") && strcmp(m, "HEAD");
}

static void method_not_allowed(fm_http_ctx *c)
{
    fm_buf allow = FM_BUF_INIT;
    char *scratch[FM_HTTP_MAX_PARAMS] = {0};

    for (size_t i = 0; i < fm_http_route_count(); i++) {
        if (!match(routes[i].pattern, c->path, scratch))
            continue;
        fm_buf_addf(&allow, "%s%s", allow.len ? ", " : "", routes[i].method);
    }
    for (int i = 0; i < FM_HTTP_MAX_PARAMS; i++)
        free(scratch[i]);
    fm_http_reply_error(c, 405, NULL, "%s is not allowed on %s", c->method, c->path);
    c->extra_name = "Allow";
    c->extra_value = fm_buf_detach(&allow, NULL);
}

void fm_http_dispatch(fm_http_ctx *c)
{
    const route *r = NULL;
    bool path_known = false;
    const char *token;

    for (size_t i = 0; i < fm_http_route_count() && !r; i++) {
        if (!match(routes[i].pattern, c->path, c->params))
            continue;
        path_known = true;
        if (!strcmp(routes[i].method, c->method) ||
            (!strcmp(c->method, "HEAD") && !strcmp(routes[i].method, "GET")))
            r = &routes[i];
    }
    if (!r) {
        if (path_known)
            method_not_allowed(c);
        else
            fm_http_reply_error(c, 404, NULL, "no such endpoint");
        return;
    }
    for (int i = 0; i < FM_HTTP_MAX_PARAMS; i++) {
        if (c->params[i] && !fm_http_id_valid(c->params[i])) {
            fm_http_reply_error(c, 404, NULL, "no such record");
            return;
        }
    }
    if (r->roles & FM_R_ANON) {
        r->handler(c);
        return;
    }
    fm_http_session_load(c);
    if (!c->authed) {
        fm_http_reply_error(c, 401, NULL, "log in first (no session, or it expired)");
        return;
    }
    if (state_changing(c->method)) {
        token = MHD_lookup_connection_value(c->conn, MHD_HEADER_KIND, "X-CSRF-Token");
        if (!token || !fm_auth_equal(token, c->user.csrf_token)) {
            fm_http_reply_error(c, 403, NULL, "missing or wrong CSRF token");
            return;
        }
    }
    if (!(r->roles & fm_http_role_bit(c))) {
        fm_http_reply_error(c, 403, NULL, "the %s role may not do this",
                            fm_role_name(c->user.role));
        return;
    }
    r->handler(c);
}
