/*
 * h_replan.c - a re-plan's change list as the organiser sees it: POST
 * /api/fairs/{id}/replan/confirm (save a proposal that h_match.c's
 * preview made) and GET /api/fairs/{id}/replan/changes (the last saved
 * re-plan's list, JSON or CSV to print and send to the people concerned).
 * The rules are fairmatch/replan.h's; this file decodes and renders.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/auth.h"
#include "fairmatch/buf.h"
#include "fairmatch/csv.h"
#include "fairmatch/export.h"
#include "fairmatch/fair.h"
#include "fairmatch/replan.h"
#include "http_handlers.h"
#include "http_internal.h"

/* "HH:MM" of period p of the fair ("" for none). */
static void clock_of(const fm_fair *f, int p, char out[8])
{
    int h = 0, m = 0, t;

    out[0] = '\0';
    if (p < 0 || !f->start || sscanf(f->start, "%d:%d", &h, &m) != 2)
        return;
    t = (h * 60 + m + p * f->period_minutes) % (24 * 60);
    snprintf(out, 8, "%02d:%02d", t / 60, t % 60);
}

static bool add_slot(cJSON *o, const char *which, const fm_fair *f, int period, int table)
{
    char key[16], hm[8];

    clock_of(f, period, hm);
    snprintf(key, sizeof key, "%s_period", which);
    if (!(period >= 0 ? cJSON_AddNumberToObject(o, key, period) : cJSON_AddNullToObject(o, key)))
        return false;
    snprintf(key, sizeof key, "%s_table", which);
    if (!(period >= 0 ? cJSON_AddNumberToObject(o, key, table) : cJSON_AddNullToObject(o, key)))
        return false;
    snprintf(key, sizeof key, "%s_time", which);
    return period >= 0 ? cJSON_AddStringToObject(o, key, hm) != NULL
                       : cJSON_AddNullToObject(o, key) != NULL;
}

static cJSON *change_json(const fm_plan_change *ch, const fm_fair *f)
{
    cJSON *o = cJSON_CreateObject();
    bool ok =
        o && cJSON_AddStringToObject(o, "kind", fm_change_kind_name(ch->kind)) &&
        cJSON_AddStringToObject(o, "seeker_id", ch->seeker_id) &&
        cJSON_AddStringToObject(o, "first_name", ch->first_name ? ch->first_name : "") &&
        cJSON_AddStringToObject(o, "last_name", ch->last_name ? ch->last_name : "") &&
        cJSON_AddStringToObject(o, "position_id", ch->position_id) &&
        cJSON_AddStringToObject(o, "position_title",
                                ch->position_title ? ch->position_title : "") &&
        cJSON_AddStringToObject(o, "department_id", ch->department_id ? ch->department_id : "") &&
        add_slot(o, "old", f, ch->old_period, ch->old_table) &&
        add_slot(o, "new", f, ch->new_period, ch->new_table);
    if (!ok) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

cJSON *fm_http_changes_json(const fm_plan_changes *c, const fm_fair *f)
{
    cJSON *o = cJSON_CreateObject(), *list = NULL;
    bool ok = o && (list = cJSON_AddArrayToObject(o, "changes")) &&
              cJSON_AddNumberToObject(o, "from_period", c->from_period) &&
              cJSON_AddNumberToObject(o, "moved", (double)c->moved) &&
              cJSON_AddNumberToObject(o, "gained", (double)c->gained) &&
              cJSON_AddNumberToObject(o, "lost", (double)c->lost) &&
              cJSON_AddNumberToObject(o, "kept", (double)c->kept);
    if (ok && !c->replan_id)
        ok = cJSON_AddNullToObject(o, "replan_id") != NULL;
    else if (ok)
        ok = cJSON_AddNumberToObject(o, "replan_id", (double)c->replan_id) &&
             cJSON_AddStringToObject(o, "created_at", c->created_at ? c->created_at : "") &&
             cJSON_AddStringToObject(o, "created_by", c->created_by ? c->created_by : "");
    for (size_t i = 0; ok && i < c->n; i++) {
        cJSON *ch = change_json(&c->v[i], f);
        ok = ch && cJSON_AddItemToArray(list, ch);
    }
    if (!ok) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

/* Reply with a rendered change list, or 500 when it could not be rendered. */
static void reply_changes(fm_http_ctx *c, const fm_plan_changes *ch, const fm_fair *f)
{
    cJSON *o = fm_http_changes_json(ch, f);
    if (!o) {
        fm_http_reply_error(c, 500, NULL, "internal error");
        return;
    }
    fm_http_reply_json(c, 200, o);
}

void fm_h_replan_confirm(fm_http_ctx *c)
{
    fm_plan_changes ch = {0};
    fm_fair f = {0};
    fm_err err = {0};
    const char *token = NULL;
    char *inst = NULL;
    size_t len = 0;
    cJSON *body = fm_http_body(c);
    fm_rc rc;

    if (!body)
        return;
    rc = fm_json_get_str(body, "proposal", true, FM_AUTH_TOKEN_HEX, &token, NULL, &err);
    if (!rc)
        rc = fm_store_fair_get(c->db, c->params[0], &f, &err);
    if (!rc)
        rc = fm_export_instance_json(c->db, f.id, &inst, &len, &err);
    if (!rc)
        rc = fm_store_replan_confirm(c->db, c->user.username, f.id, token, inst, &ch, &err);
    if (rc)
        fm_http_reply_rc(c, &err);
    else
        reply_changes(c, &ch, &f);
    fm_plan_changes_release(&ch);
    fm_fair_release(&f);
    free(inst);
    cJSON_Delete(body);
}

static const char *kind_sv(fm_change_kind k)
{
    return k == FM_CHANGE_MOVED ? "flyttad" : k == FM_CHANGE_GAINED ? "ny" : "struken";
}

/* The list as CSV for Swedish Excel: BOM, semicolons, CRLF, one row a change. */
static fm_rc changes_csv(const fm_plan_changes *c, const fm_fair *f, fm_buf *b)
{
    fm_rc rc = fm_buf_adds(b, "\xEF\xBB\xBF"
                              "avdelning;sökande;förnamn;efternamn;befattning;ändring;"
                              "tid före;bord före;tid efter;bord efter\r\n");

    for (size_t i = 0; !rc && i < c->n; i++) {
        const fm_plan_change *ch = &c->v[i];
        char before[8], after[8], tb[16], ta[16];
        const char *cells[] = {ch->department_id,
                               ch->seeker_id,
                               ch->first_name,
                               ch->last_name,
                               ch->position_title,
                               kind_sv(ch->kind),
                               before,
                               tb,
                               after,
                               ta};
        clock_of(f, ch->old_period, before);
        clock_of(f, ch->new_period, after);
        tb[0] = ta[0] = '\0';
        if (ch->old_period >= 0)
            snprintf(tb, sizeof tb, "%d", ch->old_table);
        if (ch->new_period >= 0)
            snprintf(ta, sizeof ta, "%d", ch->new_table);
        for (size_t k = 0; !rc && k < sizeof cells / sizeof *cells; k++) {
            rc = fm_csv_put_cell(b, cells[k] ? cells[k] : "", ';');
            if (!rc)
                rc = fm_buf_adds(b, k + 1 < sizeof cells / sizeof *cells ? ";" : "\r\n");
        }
    }
    return rc;
}

void fm_h_replan_changes(fm_http_ctx *c)
{
    fm_plan_changes ch = {0};
    fm_fair f = {0};
    fm_err err = {0};
    const char *format = fm_http_query(c, "format");
    fm_rc rc = FM_OK;

    if (format && strcmp(format, "json") && strcmp(format, "csv"))
        rc = fm_err_set(&err, FM_EINVAL, "format: json or csv");
    if (!rc)
        rc = fm_store_fair_get(c->db, c->params[0], &f, &err);
    if (!rc)
        rc = fm_store_replan_last(c->db, f.id, &ch, &err);
    if (rc == FM_ENOTFOUND && f.id) /* never re-planned: an empty list */
        rc = FM_OK;
    if (rc) {
        fm_http_reply_rc(c, &err);
    } else if (format && !strcmp(format, "csv")) {
        fm_buf_reset(&c->out);
        if (changes_csv(&ch, &f, &c->out)) {
            fm_http_reply_error(c, 500, NULL, "internal error");
        } else {
            c->status = 200;
            c->content_type = "text/csv; charset=utf-8";
            c->extra_name = "Content-Disposition";
            c->extra_value = strdup("attachment; filename=\"replan-changes.csv\"");
        }
    } else {
        reply_changes(c, &ch, &f);
    }
    fm_plan_changes_release(&ch);
    fm_fair_release(&f);
}
