/*
 * resp_cache.h - a per-thread cache of rendered read answers (the schedule,
 * the monthly report), keyed on a text key and the thread's connection's
 * data version (fm_store_data_version). Server threads only.
 */
#ifndef FAIRMATCH_HTTP_RESP_CACHE_H
#define FAIRMATCH_HTTP_RESP_CACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "fairmatch/buf.h"

/*
 * If this thread has an answer for key at data version `version`, copy it
 * into *out (replacing its contents) and return true. Else false, *out
 * untouched. key: any NUL-terminated text that names everything the answer
 * depends on besides the database (path parameters, role, department...).
 */
bool fm_resp_cache_get(const char *key, unsigned version, fm_buf *out);

/*
 * Remember len bytes of text as the answer for key at `version` (the data
 * version read before the answer was computed). Silently does nothing when
 * out of memory or the text is larger than 1 MiB. Freed when the thread ends.
 */
void fm_resp_cache_put(const char *key, unsigned version, const char *text, size_t len);

#endif
