/*
 * fairmatch/backup.h - copies of the database that can be trusted: an online
 * backup (safe while the server writes) and a restore that checks the copy
 * before it replaces anything. Purging old personal data is purge.h's.
 *
 * Threads: each call opens its own connections; no state is shared, so calls
 * may run from any thread. None of them may run twice at once on one path.
 */
#ifndef FAIRMATCH_BACKUP_H
#define FAIRMATCH_BACKUP_H

#include "fairmatch/err.h"
#include "fairmatch/store.h"

/* What a backup or restore copied. */
typedef struct fm_backup_info {
    long long pages;    /* database pages copied */
    long long bytes;    /* size of the resulting database file */
    int schema_version; /* PRAGMA user_version of the copy */
    char sha256[65];    /* SHA-256 of the backup file, hex (create and verify) */
} fm_backup_info;

/*
 * Copy the database open in s to the file dest with SQLite's online backup
 * API, as one consistent snapshot (one read transaction, so writers on other
 * connections carry on). The copy is written to a temporary file beside dest,
 * switched to a rollback journal so that it is one self-contained file,
 * checked with PRAGMA integrity_check, synced, and only then renamed over
 * dest: dest is either the old file or a complete, checked copy. Then the
 * SHA-256 of the whole file is written beside it, to dest.sha256 ("HEX  NAME",
 * sha256sum's format), which fm_backup_verify requires. Both files are
 * created 0600.
 * dest must not be the database itself. Appends an audit row to s.
 * OUT: info (may be NULL).
 * Returns FM_OK; FM_EINVAL when dest is the database or its folder does not
 * exist; FM_EIO on a file error; FM_EDB when SQLite fails or the copy does
 * not pass integrity_check (the temporary file is then removed).
 */
fm_rc fm_backup_create(fm_store *s, const char *dest, fm_backup_info *info, fm_err *err);

/*
 * Check the file src without changing it: it opens as an SQLite database;
 * src.sha256 exists and holds the SHA-256 of the whole file (so any changed
 * byte is refused, also in pages integrity_check does not read); PRAGMA
 * integrity_check says "ok"; it holds a fairmatch schema no newer than this
 * build knows; and its schema objects are exactly those the embedded
 * migrations up to its version create (SQLite's sqlite_stat1/4 and
 * sqlite_sequence aside), so no added trigger, view or index comes back
 * with it. The message names what is wrong. `restore --check` and
 * `backup --verify` both run this.
 * OUT: info (may be NULL).
 * Returns FM_OK, FM_EINVAL (not a database, damaged, not fairmatch's, newer
 * schema) or FM_EIO (cannot be read).
 */
fm_rc fm_backup_verify(const char *src, fm_backup_info *info, fm_err *err);

/*
 * Replace the contents of the database at db_path with the backup src after
 * fm_backup_verify() has passed. The copy goes through SQLite's backup API
 * into the live database (under its write lock, through its WAL), so other
 * connections see either the old or the new contents, never a mix; the
 * result is migrated to the current schema and checked with integrity_check.
 * Creates db_path if it does not exist. Appends an audit row to the result.
 * OUT: info (may be NULL).
 * Returns FM_OK; FM_EINVAL when src fails the checks or is db_path itself;
 * FM_EIO, FM_EDB otherwise (db_path is then unchanged, or rolled back by
 * SQLite's own journal if the process dies half way).
 */
fm_rc fm_backup_restore(const char *src, const char *db_path, fm_backup_info *info, fm_err *err);

#endif
