/*
 * store_internal.h - what the store's own files share: the connection
 * struct and SQLite error mapping. Never included outside src/store/.
 */
#ifndef FAIRMATCH_STORE_INTERNAL_H
#define FAIRMATCH_STORE_INTERNAL_H

#include <sqlite3.h>

#include "fairmatch/store.h"

struct fm_store {
    sqlite3 *db;
    char *path;
};

/*
 * Record the connection's current SQLite error as FM_EDB ("what: message").
 * Constraint violations map to FM_ECONFLICT. Returns the fm_rc set.
 */
fm_rc fm_store_dberr(fm_store *s, fm_err *err, const char *what);

/* sqlite3_bind_text with SQLITE_TRANSIENT, binding NULL for a NULL string. */
int fm_store_bind_text(sqlite3_stmt *st, int idx, const char *s);

/* A malloc'd copy of column col, or NULL for SQL NULL. Caller frees. */
char *fm_store_column_dup(sqlite3_stmt *st, int col);

#endif
