/*
 * h_import.c - POST /api/import/{kind}?name=FILE[&sheet=NAME]: an
 * organiser's spreadsheet (CSV, .xlsx or .ods, the request's raw body, at
 * most FM_HTTP_MAX_UPLOAD bytes) into the database, all or nothing, with
 * the same "FILE:LINE: COLUMN: problem" lines as `fairmatch import`. The
 * rules are the store's importer's (fairmatch/import.h); this file only
 * decodes the request and renders what the importer said.
 */
#include <stdlib.h>
#include <string.h>

#include "fairmatch/import.h"
#include "http_handlers.h"
#include "http_internal.h"

/* The file's name as the messages show it: its last path part, printable, short. */
static void display_name(const char *name, char out[64])
{
    const char *base = name ? name : "upload.csv", *slash;
    size_t n = 0;

    while ((slash = strpbrk(base, "/\\")))
        base = slash + 1;
    for (; *base && n < 63; base++)
        out[n++] = (unsigned char)*base < 0x20 || *base == 0x7f ? '_' : *base;
    out[n] = '\0';
    if (!n)
        strcpy(out, "upload.csv");
}

static void add_problem(void *ctx, const char *line)
{
    cJSON *list = ctx;
    cJSON_AddItemToArray(list, cJSON_CreateString(line));
}

void fm_h_import(fm_http_ctx *c)
{
    const char *sheet = fm_http_query(c, "sheet");
    fm_import_kind kind;
    fm_import_stats st = {0};
    fm_err err = {0};
    char name[64];
    cJSON *problems = NULL, *o = NULL;
    fm_rc rc;

    if (!fm_import_kind_parse(c->params[0], &kind)) {
        fm_http_reply_error(c, 404, NULL,
                            "no import of that kind (departments, seekers, fairs, positions,"
                            " employments)");
        return;
    }
    if (!c->body.len) {
        fm_http_reply_error(c, 400, "file", "the file is empty");
        return;
    }
    display_name(fm_http_query(c, "name"), name);
    problems = cJSON_CreateArray();
    if (!problems) {
        fm_http_reply_error(c, 500, NULL, "out of memory");
        return;
    }
    rc = fm_import_buffer_sheet(c->db, kind, name, sheet && *sheet ? sheet : NULL, c->body.data,
                                c->body.len, c->user.username, &st, add_problem, problems, &err);
    if (rc == FM_EINVAL && st.problems > 0) {
        o = cJSON_CreateObject();
        if (o &&
            cJSON_AddStringToObject(o, "error", "the file has problems; nothing was imported") &&
            cJSON_AddStringToObject(o, "code", "import_problems") &&
            cJSON_AddNumberToObject(o, "count", (double)st.problems) &&
            cJSON_AddItemToObject(o, "problems", problems)) {
            fm_http_reply_json(c, 400, o);
            return;
        }
        cJSON_Delete(o);
        cJSON_Delete(problems);
        fm_http_reply_error(c, 500, NULL, "out of memory");
        return;
    }
    cJSON_Delete(problems);
    if (rc) {
        fm_http_reply_rc(c, &err);
        return;
    }
    o = cJSON_CreateObject();
    if (!o || !cJSON_AddStringToObject(o, "kind", fm_import_kind_name(kind)) ||
        !cJSON_AddNumberToObject(o, "rows", (double)st.rows) ||
        !cJSON_AddNumberToObject(o, "added", (double)st.added) ||
        !cJSON_AddNumberToObject(o, "updated", (double)st.updated) ||
        !cJSON_AddNumberToObject(o, "unchanged", (double)st.unchanged)) {
        cJSON_Delete(o);
        fm_http_reply_error(c, 500, NULL, "out of memory");
        return;
    }
    fm_http_reply_json(c, 200, o);
}
