/*
 * json.c - strict reading of request bodies: one object, valid UTF-8, no
 * NUL, bounded nesting and key counts, no duplicate keys, and typed field
 * readers that check ranges, integrality and finiteness. Messages name the
 * field ("periods: must be an integer 1...96"). No HTTP here, so the fuzz
 * target can call it directly.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "http_internal.h"

static bool utf8_ok(const unsigned char *s, size_t n, bool allow_ctrl)
{
    size_t i = 0;
    while (i < n) {
        unsigned char b = s[i];
        size_t len;
        unsigned cp;
        if (b < 0x80) {
            if (b < 0x20 && !allow_ctrl)
                return false;
            if (b == 0x7f && !allow_ctrl)
                return false;
            i++;
            continue;
        }
        if ((b & 0xE0) == 0xC0) {
            len = 2;
            cp = b & 0x1Fu;
        } else if ((b & 0xF0) == 0xE0) {
            len = 3;
            cp = b & 0x0Fu;
        } else if ((b & 0xF8) == 0xF0) {
            len = 4;
            cp = b & 0x07u;
        } else {
            return false;
        }
        if (i + len > n)
            return false;
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (s[i + k] & 0x3Fu);
        }
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
            cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += len;
    }
    return true;
}

static fm_rc check_tree(const cJSON *v, int depth, fm_err *err)
{
    size_t keys = 0;

    if (depth > FM_HTTP_MAX_DEPTH)
        return fm_err_set(err, FM_EINVAL, "JSON nested deeper than %d levels", FM_HTTP_MAX_DEPTH);
    if (cJSON_IsNumber(v) && !isfinite(v->valuedouble))
        return fm_err_set(err, FM_EINVAL, "JSON number out of range");
    if (cJSON_IsString(v) &&
        !utf8_ok((const unsigned char *)v->valuestring, strlen(v->valuestring), true))
        return fm_err_set(err, FM_EINVAL, "JSON string is not valid UTF-8");
    for (const cJSON *ch = v->child; ch; ch = ch->next) {
        fm_rc rc;
        if (cJSON_IsObject(v)) {
            if (++keys > FM_HTTP_MAX_KEYS)
                return fm_err_set(err, FM_EINVAL, "JSON object with more than %d keys",
                                  FM_HTTP_MAX_KEYS);
            if (!utf8_ok((const unsigned char *)ch->string, strlen(ch->string), false))
                return fm_err_set(err, FM_EINVAL, "JSON key is not valid UTF-8");
            for (const cJSON *o = v->child; o != ch; o = o->next)
                if (!strcmp(o->string, ch->string))
                    return fm_err_set(err, FM_EINVAL, "%.64s: key given twice", ch->string);
        }
        rc = check_tree(ch, depth + 1, err);
        if (rc)
            return rc;
    }
    return FM_OK;
}

/* Nesting is counted before parsing too, so a deep body never reaches cJSON's recursion. */
static bool depth_ok(const char *s, size_t n)
{
    int depth = 0;
    bool in_str = false;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (in_str) {
            if (ch == '\\')
                i++;
            else if (ch == '"')
                in_str = false;
        } else if (ch == '"') {
            in_str = true;
        } else if (ch == '{' || ch == '[') {
            if (++depth > FM_HTTP_MAX_DEPTH)
                return false;
        } else if (ch == '}' || ch == ']') {
            depth--;
        }
    }
    return true;
}

/*
 * cJSON decodes the escape \u0000 into a NUL that silently cuts the string
 * ("Ann\u0000x" is read as "Ann"). A copy of the body with each such escape
 * turned into \u0001 (same length) keeps the rest of the string, and the
 * field readers then refuse it as a control character, naming the field.
 * NULL when the body has none (the common case: no copy).
 */
static char *without_nul_escapes(const char *s, size_t n, bool *oom)
{
    char *copy = NULL;
    bool in_str = false;

    *oom = false;
    for (size_t i = 0; i < n; i++) {
        if (!in_str) {
            in_str = s[i] == '"';
            continue;
        }
        if (s[i] == '"') {
            in_str = false;
            continue;
        }
        if (s[i] != '\\')
            continue;
        if (i + 5 < n && s[i + 1] == 'u' && !memcmp(s + i + 2, "0000", 4)) {
            if (!copy) {
                copy = malloc(n + 1);
                if (!copy) {
                    *oom = true;
                    return NULL;
                }
                memcpy(copy, s, n);
                copy[n] = '\0';
            }
            copy[i + 5] = '1';
        }
        i++; /* the escaped character never ends the string */
    }
    return copy;
}

fm_rc fm_http_json_parse(const char *body, size_t len, cJSON **out, fm_err *err)
{
    const char *end = NULL;
    char *patched = NULL;
    bool oom = false;
    cJSON *v = NULL;
    fm_rc rc;

    *out = NULL;
    if (len == 0)
        return fm_err_set(err, FM_EINVAL, "a JSON object is required as the body");
    if (memchr(body, '\0', len))
        return fm_err_set(err, FM_EINVAL, "the body contains a NUL byte");
    if (!utf8_ok((const unsigned char *)body, len, true))
        return fm_err_set(err, FM_EINVAL, "the body is not valid UTF-8");
    if (!depth_ok(body, len))
        return fm_err_set(err, FM_EINVAL, "JSON nested deeper than %d levels", FM_HTTP_MAX_DEPTH);
    patched = without_nul_escapes(body, len, &oom);
    if (oom)
        return fm_err_set(err, FM_ENOMEM, "out of memory");
    /* body[len] is the NUL fm_buf keeps: cJSON must find it right after the value. */
    v = cJSON_ParseWithLengthOpts(patched ? patched : body, len + 1, &end, 1);
    if (!v) {
        const char *base = patched ? patched : body;
        size_t at = end && end >= base ? (size_t)(end - base) : 0;
        rc = fm_err_set(err, FM_EINVAL, "malformed JSON near byte %zu", at);
        goto done;
    }
    if (!cJSON_IsObject(v)) {
        rc = fm_err_set(err, FM_EINVAL, "the body must be a JSON object");
        goto done;
    }
    rc = check_tree(v, 1, err);
done:
    free(patched);
    if (rc) {
        cJSON_Delete(v);
        return rc;
    }
    *out = v;
    return FM_OK;
}

static const cJSON *field(const cJSON *obj, const char *key, bool *present)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (v && cJSON_IsNull(v))
        v = NULL;
    if (present)
        *present = v != NULL;
    return v;
}

fm_rc fm_json_get_str(const cJSON *obj, const char *key, bool required, size_t maxlen,
                      const char **out, bool *present, fm_err *err)
{
    const cJSON *v = field(obj, key, present);
    size_t n;

    *out = NULL;
    if (!v)
        return required ? fm_err_set(err, FM_EINVAL, "%s: is required", key) : FM_OK;
    if (!cJSON_IsString(v))
        return fm_err_set(err, FM_EINVAL, "%s: must be a string", key);
    n = strlen(v->valuestring);
    if (n > maxlen)
        return fm_err_set(err, FM_EINVAL, "%s: longer than %zu bytes", key, maxlen);
    if (!utf8_ok((const unsigned char *)v->valuestring, n, false))
        return fm_err_set(err, FM_EINVAL, "%s: contains control characters (or \\u0000)", key);
    *out = v->valuestring;
    return FM_OK;
}

/* Unicode White_Space, and the invisible U+200B-U+200D, U+2060, U+FEFF. */
static bool invisible(unsigned cp)
{
    return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
           (cp >= 0x2000 && cp <= 0x200D) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
           cp == 0x205F || cp == 0x2060 || cp == 0x3000 || cp == 0xFEFF;
}

bool fm_http_text_blank(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;

    while (p && *p) {
        unsigned cp = *p;
        size_t len = 1;
        if (cp >= 0xF0) {
            cp &= 0x07u;
            len = 4;
        } else if (cp >= 0xE0) {
            cp &= 0x0Fu;
            len = 3;
        } else if (cp >= 0xC0) {
            cp &= 0x1Fu;
            len = 2;
        }
        for (size_t k = 1; k < len && p[k]; k++)
            cp = (cp << 6) | (p[k] & 0x3Fu);
        if (!invisible(cp))
            return false;
        for (size_t k = 0; k < len && *p; k++)
            p++;
    }
    return true;
}

fm_rc fm_json_get_name(const cJSON *obj, const char *key, bool required, size_t maxlen,
                       const char **out, bool *present, fm_err *err)
{
    fm_rc rc = fm_json_get_str(obj, key, required, maxlen, out, present, err);

    if (!rc && *out && fm_http_text_blank(*out)) {
        *out = NULL;
        return fm_err_set(err, FM_EINVAL, "%s: is blank (only spaces or invisible characters)",
                          key);
    }
    return rc;
}

fm_rc fm_json_get_num(const cJSON *obj, const char *key, bool required, double lo, double hi,
                      double *out, bool *present, fm_err *err)
{
    const cJSON *v = field(obj, key, present);

    if (!v)
        return required ? fm_err_set(err, FM_EINVAL, "%s: is required", key) : FM_OK;
    if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble))
        return fm_err_set(err, FM_EINVAL, "%s: must be a number", key);
    if (v->valuedouble < lo || v->valuedouble > hi)
        return fm_err_set(err, FM_EINVAL, "%s: must be between %g and %g", key, lo, hi);
    *out = v->valuedouble;
    return FM_OK;
}

fm_rc fm_json_get_int(const cJSON *obj, const char *key, bool required, long lo, long hi, long *out,
                      bool *present, fm_err *err)
{
    const cJSON *v = field(obj, key, present);
    double d;

    if (!v)
        return required ? fm_err_set(err, FM_EINVAL, "%s: is required", key) : FM_OK;
    d = cJSON_IsNumber(v) ? v->valuedouble : NAN;
    if (!isfinite(d) || d != floor(d) || d < (double)lo || d > (double)hi)
        return fm_err_set(err, FM_EINVAL, "%s: must be an integer %ld...%ld", key, lo, hi);
    *out = (long)d;
    return FM_OK;
}

fm_rc fm_json_get_bool(const cJSON *obj, const char *key, bool required, bool *out, bool *present,
                       fm_err *err)
{
    const cJSON *v = field(obj, key, present);

    if (!v)
        return required ? fm_err_set(err, FM_EINVAL, "%s: is required", key) : FM_OK;
    if (!cJSON_IsBool(v))
        return fm_err_set(err, FM_EINVAL, "%s: must be true or false", key);
    *out = cJSON_IsTrue(v);
    return FM_OK;
}

bool fm_http_id_valid(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n == 0 || n > FM_HTTP_MAX_ID || s[0] == ' ' || s[n - 1] == ' ' || strchr(s, '/'))
        return false;
    return utf8_ok((const unsigned char *)s, n, false);
}

fm_rc fm_http_write_id(const fm_http_ctx *c, const cJSON *body, bool create, const char **id,
                       fm_err *err)
{
    const char *bid = NULL;
    fm_rc rc = fm_json_get_str(body, "id", create, FM_HTTP_MAX_ID, &bid, NULL, err);

    if (!rc && create && !fm_http_id_valid(bid))
        rc = fm_err_set(err, FM_EINVAL, "id: 1-64 characters, no '/' or control characters");
    if (!rc && !create && bid && strcmp(bid, c->params[0]))
        rc = fm_err_set(err, FM_EINVAL, "id: differs from the id in the path");
    if (id)
        *id = rc ? NULL : create ? bid : c->params[0];
    return rc;
}

fm_rc fm_json_take_str(const cJSON *obj, const char *key, size_t maxlen, char **slot, unsigned bit,
                       unsigned *bits, fm_err *err)
{
    const char *s = NULL;
    bool has = false;
    fm_rc rc;

    if (!cJSON_GetObjectItemCaseSensitive(obj, key))
        return FM_OK;
    rc = fm_json_get_str(obj, key, false, maxlen, &s, &has, err);
    if (rc)
        return rc;
    free(*slot);
    *slot = NULL;
    if (has && !(*slot = strdup(s)))
        return fm_err_set(err, FM_ENOMEM, "out of memory");
    *bits |= bit;
    return FM_OK;
}

fm_rc fm_json_take_int(const cJSON *obj, const char *key, long lo, long hi, int none, int *slot,
                       unsigned bit, unsigned *bits, fm_err *err)
{
    bool has = false;
    long v = 0;
    fm_rc rc;

    if (!cJSON_GetObjectItemCaseSensitive(obj, key))
        return FM_OK;
    rc = fm_json_get_int(obj, key, false, lo, hi, &v, &has, err);
    if (rc)
        return rc;
    *slot = has ? (int)v : none;
    *bits |= bit;
    return FM_OK;
}
