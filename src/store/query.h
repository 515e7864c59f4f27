/*
 * query.h - one-integer queries shared by the store's maintenance files
 * (demo.c, purge.c). Never included outside src/store/.
 */
#ifndef FAIRMATCH_STORE_QUERY_H
#define FAIRMATCH_STORE_QUERY_H

#include "store_internal.h"

/*
 * Run sql, which returns one row whose first column is an integer, binding
 * arg to ?1 when the statement has a parameter (arg may be NULL).
 * OUT: *out. Returns FM_OK or FM_EDB (message names the statement).
 */
fm_rc fm_store_query_int(fm_store *s, const char *sql, const char *arg, long long *out,
                         fm_err *err);

#endif
