/*
 * h_fairday.c - the fair day: invitations and attendance, walk-ins, the
 * schedule grid, moving an interview, outcomes and answers. Storage and
 * the move rules are fairmatch/interview.h's; matching is h_match.c's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/date.h"
#include "fairmatch/invite.h"
#include "fairmatch/text.h"
#include "http_decode.h"
#include "http_handlers.h"
#include "http_internal.h"
#include "resp_cache.h"

/* ---- decoding ---- */

fm_rc fm_http_decode_seeker_ids(const cJSON *body, const char ***ids, size_t *n, fm_err *err)
{
    const cJSON *arr = cJSON_GetObjectItemCaseSensitive(body, "seeker_ids"), *el;
    const char **v;
    size_t len = 0, count;

    *ids = NULL;
    *n = 0;
    if (!arr || cJSON_IsNull(arr))
        return fm_err_set(err, FM_EINVAL, "seeker_ids: is required");
    if (!cJSON_IsArray(arr))
        return fm_err_set(err, FM_EINVAL, "seeker_ids: must be a list of ids");
    count = (size_t)cJSON_GetArraySize(arr);
    if (count < 1 || count > 5000)
        return fm_err_set(err, FM_EINVAL, "seeker_ids: 1...5000 ids");
    v = calloc(count, sizeof *v);
    if (!v)
        return fm_err_set(err, FM_ENOMEM, "out of memory");
    cJSON_ArrayForEach(el, arr)
    {
        if (!cJSON_IsString(el) || !fm_http_id_valid(el->valuestring)) {
            free(v);
            return fm_err_set(err, FM_EINVAL, "seeker_ids[%zu]: must be an id", len);
        }
        v[len++] = el->valuestring;
    }
    *ids = v;
    *n = len;
    return FM_OK;
}

fm_rc fm_http_body_seeker_ids(fm_http_ctx *c, cJSON **body, const char ***ids, size_t *n,
                              fm_err *err)
{
    fm_rc rc = fm_http_json_parse(c->body.data, c->body.len, body, err);

    *ids = NULL;
    *n = 0;
    if (!rc)
        rc = fm_http_decode_seeker_ids(*body, ids, n, err);
    return rc;
}

fm_rc fm_http_decode_move(const cJSON *body, int *period, int *table, fm_err *err)
{
    long p = 0, t = 0;
    fm_rc rc = fm_json_get_int(body, "period", true, 0, 95, &p, NULL, err);
    if (!rc)
        rc = fm_json_get_int(body, "table", true, 1, 100, &t, NULL, err);
    *period = (int)p;
    *table = (int)t;
    return rc;
}

fm_rc fm_http_decode_answer(const cJSON *body, const char **answer, const char **decision,
                            const char **start, fm_err *err)
{
    fm_date d;
    fm_rc rc = fm_json_get_str(body, "answer", true, 10, answer, NULL, err);

    if (!rc && strcmp(*answer, "accepted") && strcmp(*answer, "declined"))
        rc = fm_err_set(err, FM_EINVAL, "answer: must be accepted or declined");
    if (!rc)
        rc = fm_json_get_str(body, "decision_date", false, 10, decision, NULL, err);
    if (!rc && *decision && !fm_date_parse(*decision, &d))
        rc = fm_err_set(err, FM_EINVAL, "decision_date: must be a date YYYY-MM-DD");
    if (!rc)
        rc = fm_json_get_str(body, "start_date", false, 10, start, NULL, err);
    if (!rc && *start && !fm_date_parse(*start, &d))
        rc = fm_err_set(err, FM_EINVAL, "start_date: must be a date YYYY-MM-DD");
    return rc;
}

/* ---- invitations ---- */

static cJSON *render_invitation(const fm_invitation *v)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    cJSON_AddStringToObject(o, "seeker_id", v->seeker_id);
    fm_json_add_str(o, "first_name", v->first_name);
    fm_json_add_str(o, "last_name", v->last_name);
    cJSON_AddStringToObject(o, "gender", v->gender);
    cJSON_AddStringToObject(o, "attendance", v->attendance);
    cJSON_AddBoolToObject(o, "walk_in", v->walk_in);
    return o;
}

void fm_h_invitations_list(fm_http_ctx *c)
{
    fm_invitation *v = NULL;
    size_t n = 0;
    fm_fair f = {0};
    fm_err err = {0};
    cJSON *o = NULL, *items = NULL;
    fm_rc rc = fm_http_fair_for_caller(c, c->params[0], &f, &err);

    if (!rc)
        rc = fm_store_invitation_list(c->db, c->params[0], &v, &n, &err);
    if (!rc && (o = cJSON_CreateObject()))
        items = cJSON_AddArrayToObject(o, "items");
    for (size_t i = 0; items && i < n; i++)
        cJSON_AddItemToArray(items, render_invitation(&v[i]));
    fm_http_reply_ok_or_rc(c, rc, &err, 200, o);
    fm_invitation_list_free(v, n);
    fm_fair_release(&f);
}

/* 409: these seekers are in an extra job; send confirm_employed: true to invite them anyway. */
static void reply_employed(fm_http_ctx *c, const char **ids, size_t n, const bool *employed,
                           size_t n_employed)
{
    cJSON *o = cJSON_CreateObject(), *arr;
    char msg[160];

    if (!o) {
        fm_http_reply_json(c, 500, NULL);
        return;
    }
    snprintf(msg, sizeof msg,
             "%zu of the seekers %s in an extra job; send confirm_employed: true to invite anyway",
             n_employed, n_employed == 1 ? "is" : "are");
    cJSON_AddStringToObject(o, "error", msg);
    cJSON_AddStringToObject(o, "code", "invite_employed");
    arr = cJSON_AddArrayToObject(o, "employed");
    for (size_t i = 0; arr && i < n; i++)
        if (employed[i])
            cJSON_AddItemToArray(arr, cJSON_CreateString(ids[i]));
    fm_http_reply_json(c, 409, o);
}

void fm_h_invitations_add(fm_http_ctx *c)
{
    const char **ids = NULL;
    bool *employed = NULL, confirmed = false;
    size_t n = 0, added = 0, already = 0, n_employed = 0;
    fm_err err = {0};
    cJSON *body = NULL, *o = NULL;
    fm_rc rc = fm_http_body_seeker_ids(c, &body, &ids, &n, &err);

    if (!rc)
        rc = fm_json_get_bool(body, "confirm_employed", false, &confirmed, NULL, &err);
    /* Someone in an extra job is invited only on purpose (fairmatch/invite.h). */
    if (!rc)
        rc = fm_store_invite_employed(c->db, c->params[0], ids, n, &employed, &n_employed, &err);
    if (!rc && n_employed && !confirmed) {
        reply_employed(c, ids, n, employed, n_employed);
        goto done;
    }
    if (!rc)
        rc = fm_store_invitation_add(c->db, c->user.username, c->params[0], ids, n, &added,
                                     &already, &err);
    if (!rc && (o = cJSON_CreateObject())) {
        cJSON_AddNumberToObject(o, "added", (double)added);
        cJSON_AddNumberToObject(o, "already", (double)already);
    }
    fm_http_reply_ok_or_rc(c, rc, &err, 200, o);
done:
    free(employed);
    free(ids);
    cJSON_Delete(body);
}

static void reply_invitation(fm_http_ctx *c, const char *seeker_id, unsigned status)
{
    fm_invitation v = {0};
    fm_err err = {0};
    fm_rc rc = fm_store_invitation_get(c->db, c->params[0], seeker_id, &v, &err);
    fm_http_reply_ok_or_rc(c, rc, &err, status, rc ? NULL : render_invitation(&v));
    fm_invitation_release(&v);
}

/* A store write of one invitation; *seeker names whose invitation is the answer. */
typedef fm_rc (*invitation_write)(fm_http_ctx *c, const char *value, const char **seeker,
                                  fm_err *err);

/*
 * The body's one string field key (at most max bytes) goes to write; the
 * answer is the seeker's invitation as it is then, with status.
 */
static void write_invitation(fm_http_ctx *c, const char *key, size_t max, invitation_write write,
                             unsigned status)
{
    const char *value = NULL, *seeker = NULL;
    fm_err err = {0};
    cJSON *body = fm_http_body(c);
    fm_rc rc;

    if (!body)
        return;
    rc = fm_json_get_str(body, key, true, max, &value, NULL, &err);
    if (!rc)
        rc = write(c, value, &seeker, &err);
    if (rc)
        fm_http_reply_rc(c, &err);
    else
        reply_invitation(c, seeker, status);
    cJSON_Delete(body);
}

static fm_rc set_attendance(fm_http_ctx *c, const char *attendance, const char **seeker,
                            fm_err *err)
{
    *seeker = c->params[1];
    return fm_store_invitation_set_attendance(c->db, c->user.username, c->params[0], c->params[1],
                                              attendance, err);
}

static fm_rc add_walkin(fm_http_ctx *c, const char *seeker_id, const char **seeker, fm_err *err)
{
    *seeker = seeker_id;
    return fm_store_walkin_add(c->db, c->user.username, c->params[0], seeker_id, err);
}

void fm_h_invitation_put(fm_http_ctx *c)
{
    write_invitation(c, "attendance", 20, set_attendance, 200);
}

void fm_h_walkin_add(fm_http_ctx *c)
{
    write_invitation(c, "seeker_id", FM_HTTP_MAX_ID, add_walkin, 201);
}

/* ---- schedule ---- */

static cJSON *render_interview(const fm_interview *iv)
{
    cJSON *o = cJSON_CreateObject();
    char name[256];

    if (!o)
        return NULL;
    cJSON_AddNumberToObject(o, "id", (double)iv->id);
    cJSON_AddStringToObject(o, "seeker_id", iv->seeker_id);
    fm_utf8_snprintf(name, sizeof name, "%s%s%s", iv->first_name ? iv->first_name : "",
                     iv->first_name && iv->last_name ? " " : "",
                     iv->last_name ? iv->last_name : "");
    cJSON_AddStringToObject(o, "seeker_name", name);
    cJSON_AddStringToObject(o, "position_id", iv->position_id);
    cJSON_AddStringToObject(o, "position_title", iv->position_title ? iv->position_title : "");
    cJSON_AddStringToObject(o, "department_id", iv->department_id);
    if (iv->period >= 0) {
        cJSON_AddNumberToObject(o, "period", iv->period);
        cJSON_AddNumberToObject(o, "table", iv->table_no);
    } else {
        cJSON_AddNullToObject(o, "period");
        cJSON_AddNullToObject(o, "table");
    }
    if (iv->has_score)
        cJSON_AddNumberToObject(o, "score", iv->score);
    else
        cJSON_AddNullToObject(o, "score");
    cJSON_AddBoolToObject(o, "held", iv->held);
    fm_json_add_str(o, "outcome", iv->outcome);
    fm_json_add_str(o, "answer", iv->answer);
    fm_json_add_str(o, "attendance", iv->attendance);
    if (iv->employment_id)
        cJSON_AddNumberToObject(o, "employment_id", (double)iv->employment_id);
    else
        cJSON_AddNullToObject(o, "employment_id");
    return o;
}

static void add_periods(cJSON *o, const fm_fair *f)
{
    cJSON *arr = cJSON_AddArrayToObject(o, "periods");
    int start = 0;
    char from[8], to[8];

    if (!arr || !fm_time_parse(f->start, &start))
        return;
    for (int p = 0; p < f->periods; p++) {
        cJSON *e = cJSON_CreateObject();
        int a = start + p * f->period_minutes, b = a + f->period_minutes;
        if (!e)
            return;
        snprintf(from, sizeof from, "%02d:%02d", (a / 60) % 100, a % 60);
        snprintf(to, sizeof to, "%02d:%02d", (b / 60) % 100, b % 60);
        cJSON_AddNumberToObject(e, "index", p);
        cJSON_AddStringToObject(e, "start", from);
        cJSON_AddStringToObject(e, "end", to);
        cJSON_AddItemToArray(arr, e);
    }
}

static fm_rc add_departments(fm_http_ctx *c, cJSON *o, const char *fair_id, fm_err *err)
{
    fm_fair_table *t = NULL;
    size_t n = 0;
    cJSON *arr = cJSON_AddArrayToObject(o, "departments");
    fm_rc rc = fm_store_fair_tables(c->db, fair_id, &t, &n, err);

    for (size_t i = 0; !rc && arr && i < n; i++) {
        cJSON *d;
        if (FM_IS_MANAGER(c) && strcmp(t[i].department_id, c->user.department_id))
            continue;
        d = cJSON_CreateObject();
        if (!d)
            break;
        cJSON_AddStringToObject(d, "id", t[i].department_id);
        fm_json_add_str(d, "name", t[i].name);
        cJSON_AddNumberToObject(d, "tables", t[i].tables);
        cJSON_AddItemToArray(arr, d);
    }
    fm_fair_table_list_free(t, n);
    return rc;
}

static fm_rc add_women(fm_http_ctx *c, cJSON *o, const char *fair_id, fm_err *err)
{
    long iw = 0, it = 0, pw = 0, pt = 0;
    cJSON *w;
    fm_rc rc = fm_store_fair_women(c->db, fair_id, &iw, &it, &pw, &pt, err);

    if (rc)
        return rc;
    w = cJSON_AddObjectToObject(o, "women_share");
    if (!w)
        return fm_err_set(err, FM_ENOMEM, "out of memory");
    cJSON_AddNumberToObject(w, "invited", it ? (double)iw / (double)it : 0.0);
    cJSON_AddNumberToObject(w, "invited_count", (double)it);
    cJSON_AddNumberToObject(w, "pool", pt ? (double)pw / (double)pt : 0.0);
    cJSON_AddNumberToObject(w, "pool_count", (double)pt);
    return FM_OK;
}

void fm_h_schedule(fm_http_ctx *c)
{
    fm_fair f = {0};
    fm_interview *v = NULL;
    size_t n = 0;
    fm_err err = {0};
    cJSON *o = NULL, *fair = NULL, *arr = NULL;
    fm_buf key = FM_BUF_INIT;
    unsigned version = 0;
    bool cacheable = false;
    fm_rc rc = fm_http_fair_for_caller(c, c->params[0], &f, &err);

    /* The answer depends on the database, the fair and (for a manager) the
     * department only: served from this thread's cache while the data
     * version is unchanged. The access check above always runs. */
    if (!rc && !fm_store_data_version(c->db, &version, &err) &&
        !fm_buf_addf(&key, "schedule\x1f%s\x1f%s", f.id,
                     FM_IS_MANAGER(c) ? c->user.department_id : "*")) {
        cacheable = true;
        if (fm_resp_cache_get(key.data, version, &c->out)) {
            c->status = 200;
            c->content_type = "application/json";
            goto done;
        }
    }
    if (!rc)
        memset(&err, 0, sizeof err); /* a failed version read only disables the cache */
    if (!rc && !(fair = fm_http_render_fair(c, &f, &err)))
        rc = err.rc ? err.rc : FM_ENOMEM;
    if (!rc)
        rc = fm_store_interview_list(c->db, f.id, FM_IS_MANAGER(c) ? c->user.department_id : NULL,
                                     &v, &n, &err);
    if (!rc && !(o = cJSON_CreateObject()))
        rc = fm_err_set(&err, FM_ENOMEM, "out of memory");
    if (!rc) {
        cJSON_AddItemToObject(o, "fair", fair);
        fair = NULL;
        add_periods(o, &f);
        rc = add_departments(c, o, f.id, &err);
    }
    if (!rc && (arr = cJSON_AddArrayToObject(o, "interviews")))
        for (size_t i = 0; i < n; i++)
            cJSON_AddItemToArray(arr, render_interview(&v[i]));
    if (!rc)
        rc = add_women(c, o, f.id, &err);
    fm_http_reply_ok_or_rc(c, rc, &err, 200, o);
    if (cacheable && c->status == 200)
        fm_resp_cache_put(key.data, version, c->out.data, c->out.len);
done:
    fm_buf_release(&key);
    cJSON_Delete(fair);
    fm_interview_list_free(v, n);
    fm_fair_release(&f);
}

/* ---- one interview ---- */

/* The interview id from the path; 404 for a bad id or another department's interview. */
static bool load_interview(fm_http_ctx *c, fm_interview *iv)
{
    char *end = NULL;
    long long id = strtoll(c->params[0], &end, 10);
    fm_err err = {0};
    fm_rc rc;

    if (!end || *end || id <= 0) {
        fm_http_reply_not_found(c);
        return false;
    }
    rc = fm_store_interview_get(c->db, id, iv, &err);
    if (!rc && FM_IS_MANAGER(c) && strcmp(iv->department_id, c->user.department_id)) {
        fm_interview_release(iv);
        rc = fm_err_set(&err, FM_ENOTFOUND, "no such record");
    }
    if (rc)
        fm_http_reply_rc(c, &err);
    return rc == FM_OK;
}

static void reply_interview(fm_http_ctx *c, int64_t id)
{
    fm_interview iv = {0};
    fm_err err = {0};
    fm_rc rc = fm_store_interview_get(c->db, id, &iv, &err);
    fm_http_reply_ok_or_rc(c, rc, &err, 200, rc ? NULL : render_interview(&iv));
    fm_interview_release(&iv);
}

/* The body and the path's interview: how every change of one interview begins. NULL once the
 * failure is answered (iv then left released). */
static cJSON *interview_body(fm_http_ctx *c, fm_interview *iv)
{
    cJSON *body = fm_http_body(c);

    if (body && !load_interview(c, iv)) {
        fm_interview_release(iv);
        cJSON_Delete(body);
        body = NULL;
    }
    return body;
}

void fm_h_interview_move(fm_http_ctx *c)
{
    fm_interview iv = {0};
    unsigned char *mask = NULL;
    size_t n_mask = 0;
    int period = 0, table = 0, gap = 0;
    fm_err err = {0};
    cJSON *body = interview_body(c, &iv);
    fm_rc rc;

    if (!body)
        return;
    rc = fm_http_decode_move(body, &period, &table, &err);
    if (!rc)
        rc = fm_http_move_rules(c->db, iv.fair_id, iv.seeker_id, &gap, &mask, &n_mask, &err);
    if (!rc)
        rc = fm_store_interview_move(c->db, c->user.username, iv.id, period, table, gap, mask,
                                     n_mask, fm_http_move_check, NULL, &err);
    if (rc)
        fm_http_reply_rc(c, &err);
    else
        reply_interview(c, iv.id);
    free(mask);
    fm_interview_release(&iv);
    cJSON_Delete(body);
}

void fm_h_interview_outcome(fm_http_ctx *c)
{
    fm_interview iv = {0};
    const char *outcome = NULL;
    fm_err err = {0};
    cJSON *body = interview_body(c, &iv);
    fm_rc rc;

    if (!body)
        return;
    rc = fm_json_get_str(body, "outcome", true, 10, &outcome, NULL, &err);
    if (!rc)
        rc = fm_store_interview_set_outcome(c->db, c->user.username, iv.id, outcome, &err);
    if (rc)
        fm_http_reply_rc(c, &err);
    else
        reply_interview(c, iv.id);
    fm_interview_release(&iv);
    cJSON_Delete(body);
}

void fm_h_interview_answer(fm_http_ctx *c)
{
    fm_interview iv = {0};
    const char *answer = NULL, *decision = NULL, *start = NULL;
    int64_t emp = 0, id;
    fm_err err = {0};
    cJSON *body = interview_body(c, &iv), *o = NULL, *ivj;
    fm_rc rc;

    if (!body)
        return;
    rc = fm_http_decode_answer(body, &answer, &decision, &start, &err);
    if (!rc)
        rc = fm_store_interview_set_answer(c->db, c->user.username, iv.id, answer, decision, start,
                                           &emp, &err);
    if (rc) {
        fm_http_reply_rc(c, &err);
        goto done;
    }
    id = iv.id;
    fm_interview_release(&iv);
    rc = fm_store_interview_get(c->db, id, &iv, &err);
    if (!rc && (o = cJSON_CreateObject()) && (ivj = render_interview(&iv))) {
        cJSON_AddItemToObject(o, "interview", ivj);
        if (emp)
            cJSON_AddNumberToObject(o, "employment_id", (double)emp);
        else
            cJSON_AddNullToObject(o, "employment_id");
    }
    fm_http_reply_ok_or_rc(c, rc, &err, 200, o);
done:
    fm_interview_release(&iv);
    cJSON_Delete(body);
}
