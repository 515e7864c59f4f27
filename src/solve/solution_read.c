/*
 * solution_read.c - reading a solution file (instance-format.md, "Solution")
 * for `fairmatch check`. It checks shape only: JSON, the format string and
 * the types of the keys check uses. Ids stay strings; what they mean is
 * check.c's business, so a hand-edited file gets per-interview messages.
 */
#include "fairmatch/check.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct reader {
    const char *file;
    fm_err *err;
} reader;

static fm_rc bad(reader *r, const char *path, const char *problem)
{
    return fm_err_set(r->err, FM_EINVAL, "%s: %s: %s", r->file, path, problem);
}

/* A string member: required ones must exist; present ones must be strings. */
static fm_rc get_str(reader *r, const cJSON *obj, const char *key, const char *path, bool required,
                     char **out)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
    char p[160];
    snprintf(p, sizeof p, "%s%s%s", path, *path ? "." : "", key);
    *out = NULL;
    if (!it)
        return required ? bad(r, p, "missing") : FM_OK;
    if (!cJSON_IsString(it))
        return bad(r, p, "not a string");
    *out = strdup(it->valuestring);
    return *out ? FM_OK : fm_err_set(r->err, FM_ENOMEM, "out of memory");
}

static fm_rc get_num(reader *r, const cJSON *obj, const char *key, const char *path, bool required,
                     bool *has, double *out)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
    char p[160];
    snprintf(p, sizeof p, "%s%s%s", path, *path ? "." : "", key);
    if (has)
        *has = false;
    if (!it)
        return required ? bad(r, p, "missing") : FM_OK;
    if (!cJSON_IsNumber(it) || !isfinite(it->valuedouble))
        return bad(r, p, "not a finite number");
    *out = it->valuedouble;
    if (has)
        *has = true;
    return FM_OK;
}

static fm_rc get_int(reader *r, const cJSON *obj, const char *key, const char *path, bool required,
                     bool *has, long *out)
{
    double v = 0;
    bool h = false;
    char p[160];
    fm_rc rc = get_num(r, obj, key, path, required, &h, &v);
    if (has)
        *has = h;
    if (rc || !h)
        return rc;
    snprintf(p, sizeof p, "%s%s%s", path, *path ? "." : "", key);
    if (v != floor(v) || fabs(v) > 1e9)
        return bad(r, p, "not an integer");
    *out = (long)v;
    return FM_OK;
}

/* The array under key, or NULL when absent; an error when not an array. */
static fm_rc get_array(reader *r, const cJSON *root, const char *key, bool required,
                       const cJSON **out, size_t *n)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(root, key);
    *out = NULL;
    *n = 0;
    if (!it)
        return required ? bad(r, key, "missing") : FM_OK;
    if (!cJSON_IsArray(it))
        return bad(r, key, "not an array");
    *out = it;
    *n = (size_t)cJSON_GetArraySize(it);
    return FM_OK;
}

static fm_rc element(reader *r, const cJSON *arr, size_t k, const char *key, char *path,
                     size_t pathsz, const cJSON **out)
{
    *out = cJSON_GetArrayItem(arr, (int)k);
    snprintf(path, pathsz, "%s[%zu]", key, k);
    return cJSON_IsObject(*out) ? FM_OK : bad(r, path, "not an object");
}

static fm_rc read_interviews(reader *r, const cJSON *root, fm_check_solution *s)
{
    const cJSON *arr, *it;
    char path[64];
    fm_rc rc = get_array(r, root, "interviews", true, &arr, &s->n_interviews);
    if (rc || !s->n_interviews)
        return rc;
    s->interviews = calloc(s->n_interviews, sizeof *s->interviews);
    if (!s->interviews)
        return fm_err_set(r->err, FM_ENOMEM, "out of memory");
    for (size_t k = 0; k < s->n_interviews; k++) {
        fm_check_interview *iv = &s->interviews[k];
        if ((rc = element(r, arr, k, "interviews", path, sizeof path, &it)) ||
            (rc = get_str(r, it, "seeker", path, true, &iv->seeker)) ||
            (rc = get_str(r, it, "position", path, true, &iv->position)) ||
            (rc = get_str(r, it, "department", path, false, &iv->department)) ||
            (rc = get_int(r, it, "period", path, true, NULL, &iv->period)) ||
            (rc = get_int(r, it, "table", path, true, NULL, &iv->table)) ||
            (rc = get_str(r, it, "start", path, false, &iv->start)) ||
            (rc = get_str(r, it, "end", path, false, &iv->end)))
            return rc;
    }
    return FM_OK;
}

static fm_rc read_sections(reader *r, const cJSON *root, fm_check_solution *s)
{
    const cJSON *arr, *it;
    char path[64];
    fm_rc rc;

    if ((rc = get_array(r, root, "shortfall", false, &arr, &s->n_shortfall)))
        return rc;
    s->has_shortfall = arr != NULL;
    s->shortfall = calloc(s->n_shortfall + 1, sizeof *s->shortfall);
    if (!s->shortfall)
        return fm_err_set(r->err, FM_ENOMEM, "out of memory");
    for (size_t k = 0; k < s->n_shortfall; k++)
        if ((rc = element(r, arr, k, "shortfall", path, sizeof path, &it)) ||
            (rc = get_str(r, it, "position", path, true, &s->shortfall[k].position)) ||
            (rc = get_num(r, it, "missing", path, true, NULL, &s->shortfall[k].missing)))
            return rc;

    if ((rc = get_array(r, root, "unscheduled", false, &arr, &s->n_unscheduled)))
        return rc;
    s->has_unscheduled = arr != NULL;
    s->unscheduled = calloc(s->n_unscheduled + 1, sizeof *s->unscheduled);
    if (!s->unscheduled)
        return fm_err_set(r->err, FM_ENOMEM, "out of memory");
    for (size_t k = 0; k < s->n_unscheduled; k++) {
        fm_check_unscheduled *u = &s->unscheduled[k];
        if ((rc = element(r, arr, k, "unscheduled", path, sizeof path, &it)) ||
            (rc = get_str(r, it, "seeker", path, true, &u->seeker)) ||
            (rc = get_str(r, it, "position", path, true, &u->position)) ||
            (rc = get_str(r, it, "department", path, false, &u->department)))
            return rc;
    }

    if ((rc = get_array(r, root, "departments", false, &arr, &s->n_departments)))
        return rc;
    s->has_departments = arr != NULL;
    s->departments = calloc(s->n_departments + 1, sizeof *s->departments);
    if (!s->departments)
        return fm_err_set(r->err, FM_ENOMEM, "out of memory");
    for (size_t k = 0; k < s->n_departments; k++) {
        fm_check_department *d = &s->departments[k];
        if ((rc = element(r, arr, k, "departments", path, sizeof path, &it)) ||
            (rc = get_str(r, it, "id", path, true, &d->id)) ||
            (rc = get_num(r, it, "interviews", path, true, NULL, &d->interviews)) ||
            (rc = get_num(r, it, "women", path, true, NULL, &d->women)) ||
            (rc = get_num(r, it, "women_share", path, true, NULL, &d->women_share)) ||
            (rc = get_num(r, it, "gender_slack", path, true, NULL, &d->gender_slack)))
            return rc;
    }
    return FM_OK;
}

static fm_rc read_header(reader *r, const cJSON *root, fm_check_solution *s)
{
    const cJSON *fmt = cJSON_GetObjectItemCaseSensitive(root, "format");
    const cJSON *wsb = cJSON_GetObjectItemCaseSensitive(root, "women_share_bounds");
    bool has_min = false, has_max = false;
    fm_rc rc;

    if (!fmt)
        return bad(r, "format", "missing");
    if (!cJSON_IsString(fmt) || strcmp(fmt->valuestring, "fairmatch-solution/1") != 0)
        return bad(r, "format", "not \"fairmatch-solution/1\"");
    if ((rc = get_str(r, root, "status", "", true, &s->status)) ||
        (rc = get_num(r, root, "objective", "", true, NULL, &s->objective)) ||
        (rc = get_num(r, root, "bound", "", false, &s->has_bound, &s->bound)) ||
        (rc = get_num(r, root, "mip_gap", "", false, &s->has_mip_gap, &s->mip_gap)) ||
        (rc = get_int(r, root, "makespan", "", false, &s->has_makespan, &s->makespan)))
        return rc;
    if (!wsb)
        return FM_OK;
    if (!cJSON_IsObject(wsb))
        return bad(r, "women_share_bounds", "not an object");
    if ((rc = get_num(r, wsb, "min", "women_share_bounds", true, &has_min, &s->share_min)) ||
        (rc = get_num(r, wsb, "max", "women_share_bounds", true, &has_max, &s->share_max)))
        return rc;
    s->has_share_bounds = true;
    return FM_OK;
}

fm_rc fm_check_read(const char *json, size_t len, const char *file, fm_check_solution **out,
                    fm_err *err)
{
    reader r = {file, err};
    const char *end = NULL;
    cJSON *root = NULL;
    fm_check_solution *s = NULL;
    fm_rc rc = FM_OK;

    *out = NULL;
    /* cJSON's require_null_terminated wants the NUL inside len; checking the
     * tail ourselves accepts buffers with or without it. */
    root = cJSON_ParseWithLengthOpts(json, len, &end, 0);
    if (!root) {
        rc = fm_err_set(err, FM_EINVAL, "%s: not valid JSON (near byte %td)", file,
                        end ? end - json : (ptrdiff_t)0);
        goto done;
    }
    while (end < json + len && (*end == ' ' || *end == '\n' || *end == '\r' || *end == '\t'))
        end++;
    if (end < json + len && *end != '\0') {
        rc = fm_err_set(err, FM_EINVAL, "%s: text after the JSON document (byte %td)", file,
                        end - json);
        goto done;
    }
    if (!cJSON_IsObject(root)) {
        rc = fm_err_set(err, FM_EINVAL, "%s: the document is not a JSON object", file);
        goto done;
    }
    s = calloc(1, sizeof *s);
    if (!s) {
        rc = fm_err_set(err, FM_ENOMEM, "out of memory");
        goto done;
    }
    if ((rc = read_header(&r, root, s)) || (rc = read_interviews(&r, root, s)) ||
        (rc = read_sections(&r, root, s)))
        goto done;
    *out = s;
    s = NULL;
done:
    fm_check_solution_free(s);
    cJSON_Delete(root);
    return rc;
}

void fm_check_solution_free(fm_check_solution *s)
{
    if (!s)
        return;
    free(s->status);
    for (size_t k = 0; s->interviews && k < s->n_interviews; k++) {
        free(s->interviews[k].seeker);
        free(s->interviews[k].position);
        free(s->interviews[k].department);
        free(s->interviews[k].start);
        free(s->interviews[k].end);
    }
    for (size_t k = 0; s->shortfall && k < s->n_shortfall; k++)
        free(s->shortfall[k].position);
    for (size_t k = 0; s->unscheduled && k < s->n_unscheduled; k++) {
        free(s->unscheduled[k].seeker);
        free(s->unscheduled[k].position);
        free(s->unscheduled[k].department);
    }
    for (size_t k = 0; s->departments && k < s->n_departments; k++)
        free(s->departments[k].id);
    free(s->interviews);
    free(s->shortfall);
    free(s->unscheduled);
    free(s->departments);
    free(s);
}
