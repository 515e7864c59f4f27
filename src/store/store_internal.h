/*
 * store_internal.h - what the store's own files share: the connection
 * struct, SQLite error mapping, the statement cache, the audit row for an
 * integer key, one integer read on a bare connection, the one reading of a
 * role and department, and the two lifecycle steps its files share. Never
 * included outside src/store/ (and the store's tests).
 */
#ifndef FAIRMATCH_STORE_INTERNAL_H
#define FAIRMATCH_STORE_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fairmatch/employment.h"
#include "fairmatch/score.h"
#include "fairmatch/store.h"
#include "fairmatch/user.h"

#define FM_STORE_STMT_CACHE_MAX 24

/* One cached statement of the connection (see fm_store_stmt_cached). */
typedef struct fm_store_stmt_slot {
    const char *sql; /* static text owned by the caller (a literal) */
    sqlite3_stmt *st;
    bool memo_valid;
    unsigned memo_version;
    int64_t memo_value;
} fm_store_stmt_slot;

struct fm_store {
    sqlite3 *db;
    char *path;
    fm_store_stmt_slot slots[FM_STORE_STMT_CACHE_MAX];
    size_t n_slots;
    sqlite3_stmt *version_st; /* PRAGMA data_version, kept prepared */
};

/*
 * Record the connection's current SQLite error as FM_EDB ("what: message").
 * Constraint violations map to FM_ECONFLICT. Returns the fm_rc set.
 */
fm_rc fm_store_dberr(fm_store *s, fm_err *err, const char *what);

/*
 * fm_store_audit for an entity whose key is an integer id (written as its
 * decimal text). Returns what fm_store_audit returns.
 */
fm_rc fm_store_audit_id(fm_store *s, const char *actor, const char *action, const char *entity,
                        long long id, const char *detail, fm_err *err);

/*
 * The integer in the first column of sql's first row on a bare connection
 * (a backup being checked, or a test's look at a file), or -1 when there is
 * none or sql fails: for checks, not for errors worth a message.
 */
long long fm_store_sql_int(sqlite3 *db, const char *sql);

/* sqlite3_bind_text with SQLITE_TRANSIENT, binding NULL for a NULL string. */
int fm_store_bind_text(sqlite3_stmt *st, int idx, const char *s);

/*
 * A statement for sql prepared once per connection (SQLITE_PREPARE_PERSISTENT)
 * and kept until fm_store_close: for hot read paths. sql must be a string
 * literal (its address is the key); never use the same SQL nested. OUT: *out,
 * reset and unbound, borrowed until fm_store_stmt_done(). FM_EDB on a prepare
 * error, FM_ENOMEM when the cache is full.
 */
fm_rc fm_store_stmt_cached(fm_store *s, const char *sql, sqlite3_stmt **out, fm_err *err);

/* Hand a cached statement back: reset (ends its read) and unbind. NULL-safe. */
void fm_store_stmt_done(sqlite3_stmt *st);

/*
 * The single integer sql yields (dflt when it yields no row), remembered per
 * connection until the database's data version changes. sql as above.
 */
fm_rc fm_store_memo_int(fm_store *s, const char *sql, int64_t dflt, int64_t *out, fm_err *err);

/*
 * Employment id into *e (caller releases), as FM_ENOTFOUND "no such record"
 * when dept is not NULL and the employment is another department's.
 * Shared by the lifecycle's writes (lifecycle_repo.c, follow_up_repo.c).
 */
fm_rc fm_store_employment_load(fm_store *s, const char *dept, long long id, fm_employment *e,
                               fm_err *err);

/*
 * fm_lifecycle_update (fairmatch/lifecycle.h) inside the caller's open
 * transaction: no begin, commit or rollback. In lifecycle_repo.c; a status
 * follow-up (follow_up_repo.c) writes the employment's field through it.
 */
fm_rc fm_lifecycle_update_in_txn(fm_store *s, const char *actor, const char *dept, long long id,
                                 const fm_employment *changes, unsigned fields, bool status_only,
                                 const char *today, fm_err *err);

/*
 * The role in column role_col and the department (OUT: *department_id,
 * caller frees, NULL when SQL NULL) in dept_col of st's current row: the
 * one reading of who may see what, for users and sessions (user_repo.c).
 * A role that does not parse or a manager without a department is FM_EDB,
 * out of memory FM_ENOMEM: never a fallback that widens access.
 */
fm_rc fm_store_read_role(sqlite3_stmt *st, int role_col, int dept_col, fm_role *role,
                         char **department_id, fm_err *err);

/* The number NNNN of a migration file "NNNN_what.sql", or -1. */
int fm_store_migration_number(const char *path);

/*
 * The departments at a fair (?1 = fair id): those with a position there and
 * tables > 0 (the fair's own number from fair_departments, else
 * departments.tables). Columns id, name, t. Shared by the instance export
 * and the invitation builder, so that both see the same fair.
 */
#define FM_SQL_DEPTS_AT_FAIR                                                                       \
    "SELECT d.id, d.name, COALESCE(fd.tables, d.tables) AS t FROM departments d LEFT JOIN"         \
    " fair_departments fd ON fd.department_id = d.id AND fd.fair_id = ?1 WHERE"                    \
    " COALESCE(fd.tables, d.tables) > 0 AND EXISTS (SELECT 1 FROM positions p0 WHERE"              \
    " p0.fair_id = ?1 AND p0.department_id = d.id)"

/*
 * Freeze the table layout of fairs that have interviews (?1 = one fair id,
 * or NULL for every such fair): each department with a position there and
 * no fair_departments row gets one, with its register number of tables, or
 * more if an interview already sits further out. A matched fair's timetable
 * must not change when the department register does (an import of fewer
 * tables would otherwise hide its interviews); future fairs still start
 * from the register. Capped at the column's 100.
 */
#define FM_SQL_FREEZE_FAIR_TABLES                                                                  \
    "INSERT INTO fair_departments(fair_id, department_id, tables) SELECT fair_id, id, t FROM"      \
    " (SELECT f.id AS fair_id, d.id, min(100, max(d.tables, coalesce((SELECT max(i.table_no)"      \
    " FROM interviews i JOIN positions p ON p.id = i.position_id WHERE i.fair_id = f.id AND"       \
    " p.department_id = d.id), 0))) AS t FROM fairs f JOIN departments d WHERE (?1 IS NULL OR"     \
    " f.id = ?1) AND EXISTS (SELECT 1 FROM interviews i0 WHERE i0.fair_id = f.id) AND EXISTS"      \
    " (SELECT 1 FROM positions p0 WHERE p0.fair_id = f.id AND p0.department_id = d.id) AND NOT"    \
    " EXISTS (SELECT 1 FROM fair_departments x WHERE x.fair_id = f.id AND x.department_id ="       \
    " d.id)) WHERE t > 0"

/*
 * The scoring sides of fm_score_pair read from a row, as the instance
 * export reads them (src/store/instance_repo.c). Seeker: columns col...col+5
 * = interests, experience, swedish_level, driving_licence,
 * extent_preference, screening. Position: col...col+3 = occupation,
 * requires_driving_licence, min_swedish_level, extent. Strings are borrowed
 * from the statement until its next step.
 */
void fm_store_score_seeker_row(sqlite3_stmt *st, int col, fm_score_seeker *out);
void fm_store_score_position_row(sqlite3_stmt *st, int col, fm_score_position *out);

/*
 * The writes of fm_store_fair_plan_save (interview.h) without its
 * transaction and audit row, for callers that wrap more around them
 * (replan_repo.c). Call inside a transaction. solution_json NULL: the
 * stored instance and solution stay as they are.
 */
struct fm_planned_interview;

/*
 * Run sql, an INSERT with the parameters fair_id, seeker_id, position_id,
 * period, table_no, score, why in that order, once for each of v[0..n)
 * (plan_repo.c). Call inside a transaction.
 */
fm_rc fm_store_insert_planned(fm_store *s, const char *sql, const char *fair_id,
                              const struct fm_planned_interview *v, size_t n, fm_err *err);

fm_rc fm_store_plan_write(fm_store *s, const char *actor, const char *fair_id, int from_period,
                          const struct fm_planned_interview *v, size_t n, const char *instance_json,
                          const char *solution_json, fm_err *err);

#endif
