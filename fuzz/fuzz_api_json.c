/*
 * fuzz_api_json.c - libFuzzer harness for every JSON request body the API
 * accepts: the strict parser (fm_http_json_parse) and then each body
 * decoder of src/http on whatever parsed, exactly as the handlers call
 * them. No database and no sockets: the decoders are pure.
 * Seed corpus: fuzz/corpus/api_json/.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/http_decode.h"
#include "http/http_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void decode_all(const cJSON *body)
{
    fm_err err = {0};
    unsigned bits = 0;
    const char *s1, *s2, *s3;
    const char **ids = NULL;
    size_t n = 0;
    int a, b;
    double t;

    fm_department d = {0};
    fm_http_decode_department(body, &d, &bits, &err);
    fm_department_release(&d);

    fm_seeker p;
    fm_seeker_init(&p);
    fm_http_decode_seeker(body, &p, &bits, &err);
    fm_seeker_release(&p);

    fm_fair f = {0};
    fm_fair_table *tables = NULL;
    bool has = false;
    fm_http_decode_fair(body, &f, &bits, &tables, &n, &has, &err);
    fm_fair_table_list_free(tables, n);
    fm_fair_release(&f);

    fm_position pos = {0};
    fm_http_decode_position(body, &pos, &bits, &err);
    fm_position_release(&pos);

    if (fm_http_decode_seeker_ids(body, &ids, &n, &err) == FM_OK)
        free(ids);
    fm_http_decode_move(body, &a, &b, &err);
    fm_http_decode_answer(body, &s1, &s2, &s3, &err);
    fm_http_decode_match(body, &t, NULL, &err);
    fm_http_decode_match(body, &t, &a, &err);
    fm_json_get_str(body, "username", true, 64, &s1, NULL, &err);
    fm_json_get_str(body, "password", true, 1024, &s2, NULL, &err);
    fm_json_get_str(body, "attendance", true, 20, &s1, NULL, &err);
    fm_json_get_str(body, "outcome", true, 10, &s1, NULL, &err);
    fm_json_get_str(body, "seeker_id", true, FM_HTTP_MAX_ID, &s1, NULL, &err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* The server hands the parser a NUL-terminated copy of the body (fm_buf). */
    char *body = malloc(size + 1);
    cJSON *v = NULL;
    fm_err err = {0};

    if (!body)
        return 0;
    memcpy(body, data, size);
    body[size] = '\0';
    if (fm_http_json_parse(body, size, &v, &err) == FM_OK) {
        decode_all(v);
        cJSON_Delete(v);
    }
    free(body);
    return 0;
}
