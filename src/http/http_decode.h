/*
 * http_decode.h - request bodies to records, without a database: each
 * decoder reads only the keys present (for PUT) and reports "field:
 * problem". The handlers and fuzz/fuzz_api_json.c share them, so the fuzzer
 * reaches every body the API accepts. Never included outside src/http/ and
 * fuzz/.
 */
#ifndef FAIRMATCH_HTTP_DECODE_H
#define FAIRMATCH_HTTP_DECODE_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "fairmatch/department.h"
#include "fairmatch/err.h"
#include "fairmatch/fair.h"
#include "fairmatch/interview.h"
#include "fairmatch/position.h"
#include "fairmatch/seeker.h"

/* Department fields name, employees, tables; *bits gets the FM_DEPARTMENT_ bits present. */
fm_rc fm_http_decode_department(const cJSON *body, fm_department *d, unsigned *bits, fm_err *err);

/* Seeker fields (every key but id); *bits gets the FM_SEEKER_ bits present. */
fm_rc fm_http_decode_seeker(const cJSON *body, fm_seeker *p, unsigned *bits, fm_err *err);

/*
 * Fair fields date, start, period_minutes, periods, name, place; *bits gets
 * FM_FAIR_ bits. "departments" (when present) into *tables, *n_tables (caller
 * frees with fm_fair_table_list_free), *has_tables true.
 */
fm_rc fm_http_decode_fair(const cJSON *body, fm_fair *f, unsigned *bits, fm_fair_table **tables,
                          size_t *n_tables, bool *has_tables, fm_err *err);

/* Position fields but id and fair_id; *bits gets the FM_POSITION_ bits. */
fm_rc fm_http_decode_position(const cJSON *body, fm_position *p, unsigned *bits, fm_err *err);

/* {"seeker_ids": [...]}: 1...5000 valid ids, borrowed from body into *ids (caller frees the array).
 */
fm_rc fm_http_decode_seeker_ids(const cJSON *body, const char ***ids, size_t *n, fm_err *err);

/* {"period": p, "table": t} for a move. */
fm_rc fm_http_decode_move(const cJSON *body, int *period, int *table, fm_err *err);

/* {"answer", "decision_date"?, "start_date"?}: dates checked; *decision NULL when absent. */
fm_rc fm_http_decode_answer(const cJSON *body, const char **answer, const char **decision,
                            const char **start, fm_err *err);

/* ---- access (h_fairs.c) ---- */

typedef struct fm_http_ctx fm_http_ctx;

/*
 * Load fair id as the caller may see it: FM_ENOTFOUND both for a fair that
 * does not exist and, for a manager, one their department takes no part in.
 */
fm_rc fm_http_fair_for_caller(fm_http_ctx *c, const char *id, fm_fair *f, fm_err *err);

/* The fair as JSON with its departments' tables (docs/api.md "Fair"); NULL with err on failure. */
cJSON *fm_http_render_fair(fm_http_ctx *c, const fm_fair *f, fm_err *err);

#endif
