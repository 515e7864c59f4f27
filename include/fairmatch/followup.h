/*
 * fairmatch/followup.h - the follow-up worklist rendered for people:
 * JSON (the API's shape), CSV for Swedish Excel (';', UTF-8 BOM, CRLF, no
 * cell a spreadsheet would run) and an aligned text table. The list itself
 * is fm_store_worklist's (fairmatch/lifecycle.h). Pure; implemented in
 * src/report/followup.c.
 */
#ifndef FAIRMATCH_FOLLOWUP_H
#define FAIRMATCH_FOLLOWUP_H

#include <stddef.h>

#include "fairmatch/err.h"
#include "fairmatch/lifecycle.h"

/*
 * Render n items of the worklist on `date` ("YYYY-MM-DD"). format is
 * "json", "csv" or "table" (else FM_EINVAL). OUT: *out (caller frees,
 * NUL-terminated), *len. Returns FM_OK, FM_EINVAL, FM_ENOMEM.
 */
fm_rc fm_followup_render(const fm_work_item *v, size_t n, const char *date, const char *format,
                         char **out, size_t *len, fm_err *err);

#endif
