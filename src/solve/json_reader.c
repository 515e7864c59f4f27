/*
 * json_reader.c - strict JSON reading for the solver's input files: parse
 * a whole document, remember which numbers were written as integers, get
 * typed members naming the path of the first problem, map ids to indexes.
 * Which members a file must have is its parser's (instance_json.c).
 */
#include "json_reader.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

fm_rc fm_jr_bad(fm_jr *jr, const char *path, const char *fmt, ...)
{
    char problem[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(problem, sizeof problem, fmt, ap);
    va_end(ap);
    return fm_err_set(jr->err, FM_EINVAL, "%s: %s: %s", jr->file, path, problem);
}

fm_rc fm_jr_nomem(fm_jr *jr)
{
    return fm_err_set(jr->err, FM_ENOMEM, "out of memory");
}

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

bool fm_idmap_init(fm_idmap *m, size_t n)
{
    m->cap = 16;
    while (m->cap < 2 * n + 1)
        m->cap *= 2;
    m->keys = calloc(m->cap, sizeof *m->keys);
    m->vals = calloc(m->cap, sizeof *m->vals);
    return m->keys && m->vals;
}

void fm_idmap_release(fm_idmap *m)
{
    free(m->keys);
    free(m->vals);
}

int fm_idmap_get(const fm_idmap *m, const char *key)
{
    size_t h = (size_t)hash_str(key) & (m->cap - 1);
    while (m->keys[h]) {
        if (strcmp(m->keys[h], key) == 0)
            return m->vals[h];
        h = (h + 1) & (m->cap - 1);
    }
    return -1;
}

bool fm_idmap_put(fm_idmap *m, const char *key, int val)
{
    size_t h = (size_t)hash_str(key) & (m->cap - 1);
    while (m->keys[h]) {
        if (strcmp(m->keys[h], key) == 0)
            return false;
        h = (h + 1) & (m->cap - 1);
    }
    m->keys[h] = key;
    m->vals[h] = val;
    return true;
}

/* ---- integer literals: cJSON forgets how a number was written ---- */

static int cmp_token(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t)((const fm_jr_token *)a)->node;
    uintptr_t y = (uintptr_t)((const fm_jr_token *)b)->node;
    return x < y ? -1 : x > y;
}

/* Number nodes in document order (cJSON keeps children in source order). */
static void collect_numbers(const cJSON *node, fm_jr_token *out, size_t *n, size_t cap)
{
    for (; node; node = node->next) {
        if (cJSON_IsNumber(node) && *n < cap)
            out[(*n)++].node = node;
        if (node->child)
            collect_numbers(node->child, out, n, cap);
    }
}

/*
 * Pair each number node with its source token, so that "16.0" can be told
 * from "16". The text has already been accepted by cJSON, so a token scan
 * that skips strings meets the numbers in the same order as the tree walk.
 */
static fm_rc scan_numbers(fm_jr *jr, const char *json, size_t len, const cJSON *root)
{
    size_t cap = 0, k = 0;
    for (size_t i = 0; i < len; i++)
        if (json[i] == '-' || (json[i] >= '0' && json[i] <= '9'))
            cap++;
    jr->nums = calloc(cap + 1, sizeof *jr->nums);
    if (!jr->nums)
        return fm_jr_nomem(jr);
    collect_numbers(root, jr->nums, &jr->n_nums, cap);
    for (size_t i = 0; i < len && json[i] && k < jr->n_nums; i++) {
        if (json[i] == '"') {
            for (i++; i < len && json[i] != '"'; i++)
                if (json[i] == '\\')
                    i++;
            continue;
        }
        if (json[i] == '-' || (json[i] >= '0' && json[i] <= '9')) {
            bool integral = true;
            for (; i < len && strchr("-+0123456789.eE", json[i]) && json[i]; i++)
                if (json[i] == '.' || json[i] == 'e' || json[i] == 'E')
                    integral = false;
            jr->nums[k++].integral = integral;
            i--;
        }
    }
    qsort(jr->nums, jr->n_nums, sizeof *jr->nums, cmp_token);
    return FM_OK;
}

static bool written_integral(const fm_jr *jr, const cJSON *node)
{
    fm_jr_token key = {node, false};
    const fm_jr_token *t = bsearch(&key, jr->nums, jr->n_nums, sizeof *jr->nums, cmp_token);
    return t && t->integral;
}

fm_rc fm_jr_parse(fm_jr *jr, const char *json, size_t len, cJSON **root)
{
    const char *end = NULL;
    char *copy = NULL;
    fm_rc rc = FM_OK;

    *root = NULL;
    /* cJSON's require_null_terminated wants the NUL inside the length it is
     * given, and the caller's bytes need not end in one: parse a copy. */
    copy = malloc(len + 1);
    if (!copy) {
        rc = fm_jr_nomem(jr);
        goto done;
    }
    memcpy(copy, json, len);
    copy[len] = '\0';
    *root = cJSON_ParseWithLengthOpts(copy, len + 1, &end, 1);
    if (!*root) {
        rc = fm_err_set(jr->err, FM_EINVAL, "%s: not valid JSON (near byte %td)", jr->file,
                        end ? end - copy : (ptrdiff_t)0);
        goto done;
    }
    if (end != copy + len) {
        rc = fm_err_set(jr->err, FM_EINVAL, "%s: text after the JSON document (byte %td)", jr->file,
                        end - copy);
        goto done;
    }
    if (!cJSON_IsObject(*root)) {
        rc = fm_err_set(jr->err, FM_EINVAL, "%s: the document is not a JSON object", jr->file);
        goto done;
    }
    rc = scan_numbers(jr, copy, len, *root);
done:
    free(copy);
    return rc;
}

void fm_jr_release(fm_jr *jr)
{
    free(jr->nums);
    jr->nums = NULL;
    jr->n_nums = 0;
}

/* ---- typed getters: absent keys keep the default unless required ---- */

const char *fm_jr_path(char *out, const char *path, const char *key)
{
    size_t n = 0;
    for (const char *s = path; *s && n < FM_JR_PATH_MAX - 1; s++)
        out[n++] = *s;
    if (*path && n < FM_JR_PATH_MAX - 1)
        out[n++] = '.';
    for (const char *s = key; *s && n < FM_JR_PATH_MAX - 1; s++)
        out[n++] = *s;
    out[n] = '\0';
    return out;
}

fm_rc fm_jr_int_node(fm_jr *jr, const cJSON *it, const char *p, long lo, long hi, int *out)
{
    if (!cJSON_IsNumber(it) || !isfinite(it->valuedouble) ||
        it->valuedouble != floor(it->valuedouble) || !written_integral(jr, it))
        return fm_jr_bad(jr, p, "not an integer");
    if (it->valuedouble < (double)lo || it->valuedouble > (double)hi)
        return fm_jr_bad(jr, p, "out of range %ld...%ld", lo, hi);
    *out = (int)it->valuedouble;
    return FM_OK;
}

/* obj's member key as *it (NULL when absent) and its path in p; "missing" when required. */
static fm_rc member(fm_jr *jr, const cJSON *obj, const char *path, const char *key, bool required,
                    char p[FM_JR_PATH_MAX], const cJSON **it)
{
    *it = cJSON_GetObjectItemCaseSensitive(obj, key);
    fm_jr_path(p, path, key);
    if (!*it && required)
        return fm_jr_bad(jr, p, "missing");
    return FM_OK;
}

fm_rc fm_jr_int(fm_jr *jr, const cJSON *obj, const char *path, const char *key, bool required,
                long lo, long hi, int *out)
{
    const cJSON *it;
    char p[FM_JR_PATH_MAX];
    fm_rc rc = member(jr, obj, path, key, required, p, &it);
    if (rc || !it)
        return rc;
    return fm_jr_int_node(jr, it, p, lo, hi, out);
}

fm_rc fm_jr_num(fm_jr *jr, const cJSON *obj, const char *path, const char *key, double lo,
                bool lo_open, double hi, double *out)
{
    const cJSON *it;
    char p[FM_JR_PATH_MAX];
    fm_rc rc = member(jr, obj, path, key, false, p, &it);
    if (rc || !it)
        return rc;
    if (!cJSON_IsNumber(it) || !isfinite(it->valuedouble))
        return fm_jr_bad(jr, p, "not a finite number");
    if (lo_open && it->valuedouble <= lo)
        return fm_jr_bad(jr, p, "not greater than %g", lo);
    if (it->valuedouble < lo || it->valuedouble > hi) {
        if (hi == INFINITY)
            return fm_jr_bad(jr, p, "less than %g", lo);
        return fm_jr_bad(jr, p, "out of range %g...%g", lo, hi);
    }
    *out = it->valuedouble;
    return FM_OK;
}

fm_rc fm_jr_str(fm_jr *jr, const cJSON *obj, const char *path, const char *key, bool required,
                bool nonempty, const char **out)
{
    const cJSON *it;
    char p[FM_JR_PATH_MAX];
    fm_rc rc = member(jr, obj, path, key, required, p, &it);
    if (rc || !it)
        return rc;
    if (!cJSON_IsString(it) || !it->valuestring)
        return fm_jr_bad(jr, p, "not a string");
    if (nonempty && !it->valuestring[0])
        return fm_jr_bad(jr, p, "empty");
    *out = it->valuestring;
    return FM_OK;
}

fm_rc fm_jr_dup(fm_jr *jr, const char *s, char **out)
{
    *out = NULL;
    if (!s)
        return FM_OK;
    *out = strdup(s);
    return *out ? FM_OK : fm_jr_nomem(jr);
}

fm_rc fm_jr_obj(fm_jr *jr, const cJSON *obj, const char *path, const char *key, bool required,
                const cJSON **out)
{
    const cJSON *it;
    char p[FM_JR_PATH_MAX];
    fm_rc rc = member(jr, obj, path, key, required, p, &it);
    *out = NULL;
    if (rc || !it)
        return rc;
    if (!cJSON_IsObject(it))
        return fm_jr_bad(jr, p, "not an object");
    *out = it;
    return FM_OK;
}

fm_rc fm_jr_arr(fm_jr *jr, const cJSON *obj, const char *key, const cJSON **out)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
    *out = NULL;
    if (!it)
        return fm_jr_bad(jr, key, "missing");
    if (!cJSON_IsArray(it))
        return fm_jr_bad(jr, key, "not an array");
    *out = it;
    return FM_OK;
}
