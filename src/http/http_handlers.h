/*
 * http_handlers.h - the API's handlers, one group per resource file
 * (h_<resource>.c), and the route table's introspection used by the tests'
 * walk over every endpoint. Never included outside src/http/ and tests.
 */
#ifndef FAIRMATCH_HTTP_HANDLERS_H
#define FAIRMATCH_HTTP_HANDLERS_H

#include <stddef.h>

typedef struct fm_http_ctx fm_http_ctx;

/* The route table: count and one entry's method, pattern and role bits. */
size_t fm_http_route_count(void);
void fm_http_route_info(size_t i, const char **method, const char **pattern, unsigned *roles);

/* h_departments.c */
void fm_h_departments_list(fm_http_ctx *c);
void fm_h_departments_create(fm_http_ctx *c);
void fm_h_department_get(fm_http_ctx *c);
void fm_h_department_put(fm_http_ctx *c);

/* h_seekers.c */
void fm_h_seekers_list(fm_http_ctx *c);
void fm_h_seeker_get(fm_http_ctx *c);
void fm_h_seeker_put(fm_http_ctx *c);

/* h_users.c */
void fm_h_users_list(fm_http_ctx *c);
void fm_h_user_put(fm_http_ctx *c);
void fm_h_user_password(fm_http_ctx *c);
void fm_h_user_delete(fm_http_ctx *c);

/* h_fairs.c */
void fm_h_fairs_list(fm_http_ctx *c);
void fm_h_fairs_create(fm_http_ctx *c);
void fm_h_fair_get(fm_http_ctx *c);
void fm_h_fair_put(fm_http_ctx *c);
void fm_h_positions_list(fm_http_ctx *c);
void fm_h_positions_create(fm_http_ctx *c);
void fm_h_position_put(fm_http_ctx *c);

/* h_fairday.c */
void fm_h_invitations_list(fm_http_ctx *c);
void fm_h_invitations_add(fm_http_ctx *c);
void fm_h_invitation_put(fm_http_ctx *c);
void fm_h_walkin_add(fm_http_ctx *c);
void fm_h_schedule(fm_http_ctx *c);
void fm_h_interview_move(fm_http_ctx *c);
void fm_h_interview_outcome(fm_http_ctx *c);
void fm_h_interview_answer(fm_http_ctx *c);

/* h_invite.c */
void fm_h_invite_suggest(fm_http_ctx *c);
void fm_h_uninvite(fm_http_ctx *c);
void fm_h_left_out(fm_http_ctx *c);

/* h_match.c */
void fm_h_match(fm_http_ctx *c);
void fm_h_replan(fm_http_ctx *c);
void fm_h_replan_confirm(fm_http_ctx *c);
void fm_h_import(fm_http_ctx *c);
void fm_h_replan_changes(fm_http_ctx *c);
void fm_h_match_progress(fm_http_ctx *c);
void fm_h_match_stop(fm_http_ctx *c);

/* h_employments.c */
void fm_h_employments_list(fm_http_ctx *c);
void fm_h_employments_create(fm_http_ctx *c);
void fm_h_employment_get(fm_http_ctx *c);
void fm_h_employment_put(fm_http_ctx *c);
void fm_h_employment_extend(fm_http_ctx *c);
void fm_h_employment_follow_up(fm_http_ctx *c);
void fm_h_followup(fm_http_ctx *c);

/* h_reports.c */
void fm_h_report_monthly(fm_http_ctx *c);
void fm_h_quota(fm_http_ctx *c);

#endif
