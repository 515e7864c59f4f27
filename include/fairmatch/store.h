/*
 * fairmatch/store.h - the SQLite database: opening, migrating, transactions
 * and the audit log. Entity access lives in the per-entity headers
 * (store_*.h); this header is the connection itself.
 *
 * Threads: one fm_store is one connection and must be used by one thread at
 * a time. Open one per thread (cheap) for concurrent use; SQLite's WAL mode
 * lets readers run while one writer writes.
 */
#ifndef FAIRMATCH_STORE_H
#define FAIRMATCH_STORE_H

#include <stdbool.h>

#include "fairmatch/err.h"
#include "fairmatch/limits.h" /* what a stored field may hold, for every way in */

typedef struct fm_store fm_store;

/*
 * Open (creating if absent) the database at path and bring its schema up to
 * date with the embedded migrations, each in its own transaction. Sets WAL,
 * synchronous=FULL, foreign_keys=ON, trusted_schema=OFF, defensive mode and a
 * busy timeout. A database newer than this build is refused (FM_EINVAL).
 * On success *out owns the connection; close it with fm_store_close().
 */
fm_rc fm_store_open(const char *path, fm_store **out, fm_err *err);

/* Close the connection and free it. NULL-safe. */
void fm_store_close(fm_store *s);

/* The schema version (PRAGMA user_version) and the newest this build knows. */
int fm_store_schema_version(fm_store *s);
int fm_store_latest_version(void);

/*
 * BEGIN IMMEDIATE / COMMIT / ROLLBACK. Every multi-row write goes through
 * these so that it is all or nothing. fm_store_rollback is safe to call when
 * no transaction is open (it then does nothing).
 */
fm_rc fm_store_begin(fm_store *s, fm_err *err);
fm_rc fm_store_commit(fm_store *s, fm_err *err);
void fm_store_rollback(fm_store *s);

/*
 * Append one row to the audit log, timestamped now in UTC. actor is a
 * username or "cli"; detail may be NULL and must never hold a password,
 * session id or personal number.
 */
fm_rc fm_store_audit(fm_store *s, const char *actor, const char *action, const char *entity,
                     const char *entity_id, const char *detail, fm_err *err);

/* The database file path as opened. Borrowed. */
const char *fm_store_path(const fm_store *s);

/*
 * The data version of the main database as of now: it changes whenever the
 * database is changed, through this connection or any other (in this process
 * or another). Equal values on the same connection mean equal contents, so a
 * cache keyed on it is never stale. Read it BEFORE computing what is cached.
 * Values of different connections are not comparable. FM_EDB on failure.
 */
fm_rc fm_store_data_version(fm_store *s, unsigned *out, fm_err *err);

#endif
