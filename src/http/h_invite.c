/*
 * h_invite.c - planning whom to invite and checking who was left out:
 * the invitation builder's suggestions (fairmatch/invite.h), un-inviting
 * in bulk, and the invited seekers a match gave no interview, each with
 * the reason `fairmatch explain` gives (fairmatch/explain.h). Inviting
 * itself is h_fairday.c's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/check.h"
#include "fairmatch/csv.h"
#include "fairmatch/explain.h"
#include "fairmatch/instance.h"
#include "fairmatch/interview.h"
#include "fairmatch/invite.h"
#include "fairmatch/planning.h"
#include "http_decode.h"
#include "http_handlers.h"
#include "http_internal.h"

/* Reply with JSON text already built (application/json). */
static void reply_text(fm_http_ctx *c, fm_buf *b, const char *type)
{
    fm_buf_reset(&c->out);
    if (fm_buf_add(&c->out, b->data ? b->data : "", b->len)) {
        fm_http_reply_error(c, 500, NULL, "internal error");
        return;
    }
    c->status = 200;
    c->content_type = type;
}

static fm_rc query_int(fm_http_ctx *c, const char *key, long lo, long hi, long *out, fm_err *err)
{
    const char *v = fm_http_query(c, key);
    char *end = NULL;

    if (!v || !*v)
        return FM_OK;
    *out = strtol(v, &end, 10);
    if (*end || *out < lo || *out > hi)
        return fm_err_set(err, FM_EINVAL, "%s: must be a whole number %ld...%ld", key, lo, hi);
    return FM_OK;
}

static fm_rc decode_filter(fm_http_ctx *c, fm_invite_filter *f, long *count, fm_err *err)
{
    const char *hist = fm_http_query(c, "history"), *emp = fm_http_query(c, "employed");
    long sw = 0;
    fm_rc rc = query_int(c, "count", 0, 100000, count, err);

    f->ssyk = fm_http_query(c, "ssyk");
    f->eligibility = fm_http_query(c, "eligibility");
    if (!rc && f->ssyk && (strlen(f->ssyk) > 4 || strspn(f->ssyk, "0123456789") != strlen(f->ssyk)))
        rc = fm_err_set(err, FM_EINVAL, "ssyk: 1-4 digits");
    if (!rc && f->eligibility && strlen(f->eligibility) > 40)
        rc = fm_err_set(err, FM_EINVAL, "eligibility: unknown value");
    if (!rc)
        rc = query_int(c, "swedish", 0, 5, &sw, err);
    f->min_swedish = (int)sw;
    if (!rc && hist && *hist) {
        if (!strcmp(hist, "never"))
            f->history = FM_INVITE_HIST_NEVER;
        else if (!strcmp(hist, "before"))
            f->history = FM_INVITE_HIST_BEFORE;
        else if (!strcmp(hist, "passed_over"))
            f->history = FM_INVITE_HIST_PASSED_OVER;
        else if (strcmp(hist, "any"))
            rc = fm_err_set(err, FM_EINVAL, "history: any, never, before or passed_over");
    }
    f->include_employed = emp && !strcmp(emp, "1");
    return rc;
}

void fm_h_invite_suggest(fm_http_ctx *c)
{
    fm_invite_filter f = {0};
    fm_invite_plan *p = NULL;
    fm_buf b = FM_BUF_INIT;
    fm_err err = {0};
    long count = -1;
    fm_rc rc = decode_filter(c, &f, &count, &err);

    if (!rc)
        rc = fm_store_invite_suggest(c->db, c->params[0], &f, (int)count, &p, &err);
    if (!rc && fm_invite_plan_json(p, &b))
        rc = fm_err_set(&err, FM_ENOMEM, "out of memory");
    if (rc)
        fm_http_reply_rc(c, &err);
    else
        reply_text(c, &b, "application/json");
    fm_buf_release(&b);
    fm_invite_plan_free(p);
}

void fm_h_uninvite(fm_http_ctx *c)
{
    const char **ids = NULL;
    size_t n = 0, removed = 0, ivs = 0;
    fm_err err = {0};
    cJSON *body = NULL, *o = NULL;
    fm_rc rc = fm_http_body_seeker_ids(c, &body, &ids, &n, &err);

    if (!rc)
        rc = fm_store_invitation_remove(c->db, c->user.username, c->params[0], ids, n, &removed,
                                        &ivs, &err);
    if (!rc && (o = cJSON_CreateObject())) {
        cJSON_AddNumberToObject(o, "removed", (double)removed);
        cJSON_AddNumberToObject(o, "interviews_removed", (double)ivs);
    }
    fm_http_reply_ok_or_rc(c, rc, &err, 200, o);
    free(ids);
    cJSON_Delete(body);
}

/* ---- invited, not interviewed ---- */

typedef struct explainer {
    fm_instance *inst;
    fm_check_solution *sol;
    bool matched;
} explainer;

static fm_rc explainer_load(fm_store *db, const char *fair_id, explainer *x, fm_err *err)
{
    char *inst = NULL, *sol = NULL;
    fm_rc rc = fm_store_fair_instance_json(db, fair_id, &inst, err);

    if (!rc)
        rc = fm_store_fair_solution_json(db, fair_id, &sol, err);
    if (rc == FM_ENOTFOUND) {
        rc = FM_OK; /* never matched: nobody is left out yet */
        fm_err_clear(err);
        goto done;
    }
    if (!rc)
        rc = fm_instance_parse(inst, strlen(inst), "stored instance", &x->inst, err);
    if (!rc)
        rc = fm_check_read(sol, strlen(sol), "stored solution", &x->sol, err);
    x->matched = !rc;
done:
    free(inst);
    free(sol);
    return rc;
}

static void explainer_release(explainer *x)
{
    fm_instance_free(x->inst);
    fm_check_solution_free(x->sol);
}

static bool has_interview(const fm_interview *v, size_t n, const char *seeker)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(v[i].seeker_id, seeker))
            return true;
    return false;
}

/* The explanation of one seeker, or a note when the match did not include them. */
static cJSON *render_left_out(const explainer *x, const fm_invitation *v)
{
    cJSON *o = cJSON_CreateObject();
    fm_buf why = FM_BUF_INIT;
    fm_explain_reason reason = FM_REASON_NONE;
    fm_err err = {0};

    if (!o)
        return NULL;
    cJSON_AddStringToObject(o, "seeker_id", v->seeker_id);
    fm_json_add_str(o, "first_name", v->first_name);
    fm_json_add_str(o, "last_name", v->last_name);
    cJSON_AddStringToObject(o, "attendance", v->attendance);
    cJSON_AddBoolToObject(o, "walk_in", v->walk_in);
    if (!x->matched) {
        cJSON_AddStringToObject(o, "reason_code", "not_matched");
        cJSON_AddNullToObject(o, "reason");
    } else if (fm_explain_reason_of(x->inst, x->sol, v->seeker_id, &reason, &why, &err)) {
        /* Not in the stored instance: invited (or walked in) after the match. */
        cJSON_AddStringToObject(o, "reason_code", "after_match");
        cJSON_AddNullToObject(o, "reason");
    } else {
        cJSON_AddStringToObject(o, "reason_code", fm_explain_reason_code(reason));
        cJSON_AddStringToObject(o, "reason", why.data ? why.data : "");
    }
    fm_buf_release(&why);
    return o;
}

/*
 * One CSV field through the shared writer (quoting, and the guard against a
 * spreadsheet running it as a formula: seeker ids and names come from
 * imports), with line breaks as spaces so that a row is one line.
 */
static fm_rc add_csv(fm_buf *b, const char *s, const char *after)
{
    char *flat = strdup(s ? s : "");
    fm_rc rc = flat ? FM_OK : FM_ENOMEM;

    for (char *p = flat; flat && *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    if (!rc)
        rc = fm_csv_put_cell(b, flat, ',');
    free(flat);
    return rc ? rc : fm_buf_adds(b, after);
}

static const char *str_of(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : "";
}

static fm_rc left_out_csv(const cJSON *items, fm_buf *b)
{
    const cJSON *it;
    fm_rc rc = fm_buf_adds(b, "seeker_id,attendance,reason_code,reason\r\n");

    cJSON_ArrayForEach(it, items)
    {
        if (!rc)
            rc = add_csv(b, str_of(it, "seeker_id"), ",");
        if (!rc)
            rc = fm_buf_addf(b, "%s,%s,", str_of(it, "attendance"), str_of(it, "reason_code"));
        if (!rc)
            rc = add_csv(b, str_of(it, "reason"), "\r\n");
    }
    return rc;
}

void fm_h_left_out(fm_http_ctx *c)
{
    fm_invitation *inv = NULL;
    fm_interview *ivs = NULL;
    size_t ninv = 0, niv = 0;
    explainer x = {0};
    fm_err err = {0};
    cJSON *o = NULL, *items = NULL;
    const char *format = fm_http_query(c, "format");
    fm_buf csv = FM_BUF_INIT;
    fm_fair f = {0};
    fm_rc rc = fm_http_fair_for_caller(c, c->params[0], &f, &err);

    if (!rc && format && strcmp(format, "json") && strcmp(format, "csv"))
        rc = fm_err_set(&err, FM_EINVAL, "format: json or csv");
    if (!rc)
        rc = fm_store_invitation_list(c->db, f.id, &inv, &ninv, &err);
    if (!rc)
        rc = fm_store_interview_list(c->db, f.id, NULL, &ivs, &niv, &err);
    if (!rc)
        rc = explainer_load(c->db, f.id, &x, &err);
    if (!rc && (!(o = cJSON_CreateObject()) || !(items = cJSON_AddArrayToObject(o, "items"))))
        rc = fm_err_set(&err, FM_ENOMEM, "out of memory");
    for (size_t i = 0; !rc && i < ninv; i++)
        if (!has_interview(ivs, niv, inv[i].seeker_id))
            cJSON_AddItemToArray(items, render_left_out(&x, &inv[i]));
    if (!rc) {
        cJSON_AddBoolToObject(o, "matched", x.matched);
        cJSON_AddNumberToObject(o, "invited", (double)ninv);
    }
    if (!rc && format && !strcmp(format, "csv")) {
        if (left_out_csv(items, &csv))
            rc = fm_err_set(&err, FM_ENOMEM, "out of memory");
        if (!rc) {
            reply_text(c, &csv, "text/csv; charset=utf-8");
            c->extra_name = "Content-Disposition";
            c->extra_value = strdup("attachment; filename=\"without-interview.csv\"");
        }
        cJSON_Delete(o);
    } else {
        fm_http_reply_ok_or_rc(c, rc, &err, 200, o);
    }
    fm_buf_release(&csv);
    explainer_release(&x);
    fm_interview_list_free(ivs, niv);
    fm_invitation_list_free(inv, ninv);
    fm_fair_release(&f);
}
