/*
 * query.h - the small statement helpers the store's files share: a
 * one-integer query, a statement run once with bound values, a step that
 * maps the error, a fair's existence and date, and the rollback of a
 * failed write. Entity reads and writes stay in the *_repo.c files. Never
 * included outside src/store/.
 */
#ifndef FAIRMATCH_STORE_QUERY_H
#define FAIRMATCH_STORE_QUERY_H

#include <stdint.h>

#include "store_internal.h"

/*
 * Run sql, which returns one row whose first column is an integer, binding
 * arg to ?1 when the statement has a parameter (arg may be NULL).
 * OUT: *out. Returns FM_OK or FM_EDB (message names the statement).
 */
fm_rc fm_store_query_int(fm_store *s, const char *sql, const char *arg, long long *out,
                         fm_err *err);

/*
 * The integer in the first column of sql's first row, or dflt when there is
 * no row or it is SQL NULL. Binds t1 to ?1, t2 to ?2 (text, NULL binds
 * NULL) and i3 to ?3, as far as sql has parameters. sql must be a string
 * literal: its statement is cached per connection (fm_store_stmt_cached).
 * OUT: *out (dflt on failure). Returns FM_OK, FM_EDB, FM_ENOMEM.
 */
fm_rc fm_store_query_i64(fm_store *s, const char *sql, const char *t1, const char *t2, int64_t i3,
                         int64_t dflt, int64_t *out, fm_err *err);

/*
 * Prepare, run once and finalize sql, binding t1, t2 (text) to ?1, ?2 and
 * i3, i4 to ?3, ?4 as far as sql has parameters. Returns FM_OK, FM_EDB,
 * FM_ECONFLICT (a constraint failed).
 */
fm_rc fm_store_exec(fm_store *s, const char *sql, const char *t1, const char *t2, int64_t i3,
                    int64_t i4, fm_err *err);

/* As fm_store_exec with integers a, b, c bound to ?1, ?2, ?3. */
fm_rc fm_store_exec_ints(fm_store *s, const char *sql, int64_t a, int64_t b, int64_t c,
                         fm_err *err);

/*
 * Bind t1, t2 (text; NULL binds SQL NULL) to ?1, ?2 and i3, i4 to ?3, ?4,
 * as far as st has parameters: the binding of the helpers above and of
 * fm_repo_list_sql.
 */
void fm_store_bind_args(sqlite3_stmt *st, const char *t1, const char *t2, int64_t i3, int64_t i4);

/* Step st once; a row or the end is FM_OK, anything else the mapped error. */
fm_rc fm_store_step_done(fm_store *s, sqlite3_stmt *st, fm_err *err);

/* FM_OK when fair_id exists, else FM_ENOTFOUND "no fair \"<id>\"" (or FM_EDB). */
fm_rc fm_store_fair_exists(fm_store *s, const char *fair_id, fm_err *err);

/*
 * The date of fair_id as stored. OUT: *date (caller frees; NULL on failure).
 * Returns FM_OK, FM_ENOTFOUND "no fair \"<id>\"", FM_EDB (message names
 * what), FM_ENOMEM.
 */
fm_rc fm_store_fair_date(fm_store *s, const char *fair_id, const char *what, char **date,
                         fm_err *err);

/*
 * Begin a transaction for a write to fair_id: FM_OK with the transaction
 * open, or the error (FM_ENOTFOUND "no fair \"<id>\"", FM_EDB) with none.
 */
fm_rc fm_store_begin_fair(fm_store *s, const char *fair_id, fm_err *err);

/* Roll the open transaction back when rc is an error; returns rc. */
fm_rc fm_store_fail_rollback(fm_store *s, fm_rc rc);

#endif
