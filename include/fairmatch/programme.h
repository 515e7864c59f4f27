/*
 * fairmatch/programme.h - the programme: how many people should get an
 * extra job between two dates (seed 003: 700 in 2017-2018). One per
 * database.
 *
 * Validation is pure (src/core/programme.c); get/set/save touch the
 * database (src/store/programme_repo.c). Threads: one fm_store, one thread at a time.
 */
#ifndef FAIRMATCH_PROGRAMME_H
#define FAIRMATCH_PROGRAMME_H

#include "fairmatch/err.h"
#include "fairmatch/store.h"

typedef struct fm_programme {
    long goal;           /* people to employ, >= 0 */
    char start_date[11]; /* "YYYY-MM-DD" */
    char end_date[11];   /* "YYYY-MM-DD", not before start_date */
} fm_programme;

/*
 * Check goal >= 0 (and <= 10000000), both dates real, end not before start.
 * On failure err->msg reads "<field>: <problem>". Returns FM_OK or FM_EINVAL. Pure.
 */
fm_rc fm_programme_validate(const fm_programme *p, fm_err *err);

/* Read the programme into *out. Returns FM_OK, FM_ENOTFOUND (none set yet), FM_EDB. */
fm_rc fm_store_programme_get(fm_store *s, fm_programme *out, fm_err *err);

/*
 * Validate p and store it, replacing any earlier programme. No transaction,
 * no audit row: the audited write is fm_store_programme_save.
 * Returns FM_OK, FM_EINVAL, FM_EDB.
 */
fm_rc fm_store_programme_set(fm_store *s, const fm_programme *p, fm_err *err);

/*
 * fm_store_programme_set as its own transaction with its audit row (actor,
 * "update", entity "programme", id "1", detail "goal N, START...END"). On
 * any failure nothing is written, no audit row either.
 * Returns FM_OK, FM_EINVAL, FM_EDB.
 */
fm_rc fm_store_programme_save(fm_store *s, const char *actor, const fm_programme *p, fm_err *err);

#endif
