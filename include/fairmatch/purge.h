/*
 * fairmatch/purge.h - storage limitation: remove the personal details of
 * seekers who have been inactive for a long time, keeping what the reports
 * count (gender, birth year, dates, departments).
 *
 * Threads: works on one fm_store, which one thread uses at a time.
 */
#ifndef FAIRMATCH_PURGE_H
#define FAIRMATCH_PURGE_H

#include <stdbool.h>

#include "fairmatch/date.h"
#include "fairmatch/err.h"
#include "fairmatch/store.h"

/* What a purge found and did. */
typedef struct fm_purge_result {
    char cutoff[11];    /* "YYYY-MM-DD": activity on or after it keeps a seeker */
    long long purged;   /* seekers whose personal details were removed now */
    long long already;  /* seekers purged before (purged_at set) */
    long long kept;     /* seekers with activity since the cutoff */
    bool wal_truncated; /* the WAL was checkpointed and truncated afterwards */
} fm_purge_result;

/*
 * Remove first and last name, phone, e-mail and personal number of every
 * seeker with no activity on or after the cutoff date `today` minus
 * older_than_months calendar months (a day past the end of a shorter month
 * clamps to its last day). Activity: registered on or after the cutoff; an
 * invitation or interview at a fair dated on or after it; an employment
 * decided, started or ended on or after it, or started and not yet ended.
 * Gender, birth year, eligibility, interests, levels and all dates stay, so
 * reports of past months do not change. Sets seekers.purged_at (UTC).
 * Runs in one transaction with PRAGMA secure_delete=ON (freed bytes are
 * zeroed), writes one audit row (counts only), and afterwards checkpoints
 * and truncates the WAL so that the old values leave the -wal file too.
 * With dry_run nothing is written; the counts say what would happen.
 * older_than_months must be 1...1200. actor names who asked ("cli:purge").
 * OUT: out.
 * Returns FM_OK, FM_EINVAL (months out of range), FM_EDB.
 */
fm_rc fm_purge_inactive(fm_store *s, int older_than_months, fm_date today, bool dry_run,
                        const char *actor, fm_purge_result *out, fm_err *err);

#endif
