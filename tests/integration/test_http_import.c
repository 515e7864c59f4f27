/*
 * test_http_import.c - POST /api/import/{kind}: the organiser's spreadsheet
 * through the web server, with the importer's rules (all or nothing, the
 * CLI's problem lines), its own body limit, and the organiser role only.
 */
#include <string.h>

#include "fairmatch/buf.h"
#include "integration/http_harness.h"

TestSuite(http_import, .init = h_start, .fini = h_stop, .timeout = 60);

static const cJSON *get(const cJSON *o, const char *k)
{
    return cJSON_GetObjectItemCaseSensitive(o, k);
}

/* POST the bytes data[0..len) as a file upload for session s. */
static h_resp post_file(const h_sess *s, const char *path, const char *data, size_t len)
{
    fm_buf req = FM_BUF_INIT;
    h_resp r;

    fm_buf_addf(&req,
                "POST %s HTTP/1.1\r\nHost: 127.0.0.1:%u\r\nConnection: close\r\nCookie:"
                " fm_session=%s\r\nX-CSRF-Token: %s\r\nContent-Type:"
                " application/octet-stream\r\nContent-Length: %zu\r\n\r\n",
                path, h_port, s->cookie, s->csrf, len);
    fm_buf_add(&req, data, len);
    r = h_raw(req.data, req.len);
    fm_buf_release(&req);
    return r;
}

static fm_buf fixture(const char *name)
{
    char path[512];
    fm_buf b = FM_BUF_INIT;
    fm_err err = {0};
    snprintf(path, sizeof path, "%s/tests/fixtures/import/%s", FM_SOURCE_DIR, name);
    cr_assert_eq(fm_buf_read_file(&b, path, 1 << 20, &err), FM_OK, "%s", err.msg);
    return b;
}

Test(http_import, a_csv_is_imported_and_counted)
{
    h_sess org = h_login("org");
    static const char csv[] = "id;namn;anställda;bord\nVOF;Vård och omsorg;3000;2\n";
    h_resp r = post_file(&org, "/api/import/departments?name=avd.csv", csv, strlen(csv));
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert_str_eq(get(r.json, "kind")->valuestring, "departments");
    cr_assert_eq(get(r.json, "added")->valueint, 1);
    h_resp_free(&r);
    cr_assert_eq(h_count("SELECT tables FROM departments WHERE id = 'VOF'"), 2);
    cr_assert_eq(h_count("SELECT count(*) FROM audit_log WHERE actor = 'org' AND entity ="
                         " 'departments'"),
                 1);
}

Test(http_import, problems_are_listed_like_the_cli_and_nothing_is_written)
{
    h_sess org = h_login("org");
    fm_buf b = fixture("unknown_department.csv");
    long before = h_count("SELECT count(*) FROM positions");
    h_resp r = post_file(&org, "/api/import/positions?name=../../etc/unknown_department.csv",
                         b.data, b.len);
    cr_assert_eq(r.status, 400, "%s", r.body);
    cr_assert_str_eq(get(r.json, "code")->valuestring, "import_problems");
    cr_assert_geq(cJSON_GetArraySize(get(r.json, "problems")), 1);
    /* The message names the file by its last part only, then line and column. */
    cr_assert(!strncmp(cJSON_GetArrayItem(get(r.json, "problems"), 0)->valuestring,
                       "unknown_department.csv:2: ", 26),
              "%s", r.body);
    h_resp_free(&r);
    fm_buf_release(&b);
    cr_assert_eq(h_count("SELECT count(*) FROM positions"), before);
}

Test(http_import, a_workbook_is_read_from_its_bytes)
{
    h_sess org = h_login("org");
    fm_buf b = fixture("departments.ods");
    h_resp r = post_file(&org, "/api/import/departments?name=avd.ods", b.data, b.len);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert_gt(get(r.json, "added")->valueint + get(r.json, "updated")->valueint, 0);
    h_resp_free(&r);
    /* Again: idempotent by key, every row unchanged. */
    r = post_file(&org, "/api/import/departments?name=avd.ods", b.data, b.len);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert_eq(get(r.json, "unchanged")->valueint, get(r.json, "rows")->valueint);
    cr_assert_eq(get(r.json, "added")->valueint, 0);
    h_resp_free(&r);
    fm_buf_release(&b);
}

Test(http_import, only_organisers_and_known_kinds)
{
    h_sess mgr = h_login("mgr_a"), org = h_login("org");
    static const char csv[] = "id;namn\nX;Y\n";
    h_resp r = post_file(&mgr, "/api/import/departments?name=a.csv", csv, strlen(csv));
    cr_assert_eq(r.status, 403, "%s", r.body);
    h_resp_free(&r);
    r = post_file(&org, "/api/import/planets?name=a.csv", csv, strlen(csv));
    cr_assert_eq(r.status, 404, "%s", r.body);
    h_resp_free(&r);
    r = post_file(&org, "/api/import/departments?name=a.csv", "", 0);
    cr_assert_eq(r.status, 400, "%s", r.body);
    h_resp_free(&r);
}

Test(http_import, the_upload_limit_is_its_own)
{
    h_sess org = h_login("org");
    size_t n = 200 * 1024; /* over the JSON limit, under the upload limit */
    char *big = malloc(n);
    cr_assert_not_null(big);
    memset(big, 'a', n);
    memcpy(big, "id;namn\n", 8);
    h_resp r = post_file(&org, "/api/import/departments?name=big.csv", big, n);
    cr_assert_neq(r.status, 413, "%s", r.body);
    h_resp_free(&r);
    free(big);
    /* Any other route keeps the small limit. */
    {
        char hdr[200];
        snprintf(hdr, sizeof hdr,
                 "POST /api/departments HTTP/1.1\r\nHost: 127.0.0.1:%u\r\nContent-Type:"
                 " application/json\r\nContent-Length: %u\r\nConnection: close\r\n\r\n",
                 h_port, 200u * 1024u);
        r = h_raw(hdr, strlen(hdr));
        cr_assert_eq(r.status, 413, "%s", r.body);
        h_resp_free(&r);
    }
}
