/*
 * fairmatch/steering.h - what the steering group's report compares the
 * women's share of hires with: the agency's monthly target-group figures
 * (imported with `fairmatch import targetgroup FILE`), the programme's
 * target for the women's share, and the pool month by month.
 *
 * The import follows shared/spec/import-format.md like every other kind:
 * columns month [månad] (YYYY-MM), women [kvinnor], men [män], total
 * [totalt] (whole numbers >= 0, women + men <= total), headers in English or
 * Swedish in any case and order, extra columns ignored, all or nothing,
 * problems as "FILE:LINE: COLUMN: problem" (at most FM_IMPORT_MAX_PROBLEMS),
 * keyed by month: importing a file twice adds nothing.
 *
 * Threads: each call works on one fm_store, which one thread uses at a time.
 */
#ifndef FAIRMATCH_STEERING_H
#define FAIRMATCH_STEERING_H

#include <stdbool.h>
#include <stddef.h>

#include "fairmatch/err.h"
#include "fairmatch/import.h"
#include "fairmatch/store.h"

/* The agency's target group in one month. */
typedef struct fm_targetgroup_month {
    char month[8]; /* "YYYY-MM" */
    long long women, men, total;
} fm_targetgroup_month;

/*
 * Every stored month, sorted. OUT: *out (caller frees with free(); NULL
 * when *n is 0), *n. Returns FM_OK, FM_EDB, FM_ENOMEM.
 */
fm_rc fm_store_targetgroup_list(fm_store *s, fm_targetgroup_month **out, size_t *n, fm_err *err);

/*
 * Insert or replace one month (the caller has validated it). OUT: *created
 * (a new month), *changed (the figures differ from the stored ones); either
 * may be NULL. Returns FM_OK, FM_ECONFLICT (a CHECK failed), FM_EDB.
 */
fm_rc fm_store_targetgroup_put(fm_store *s, const fm_targetgroup_month *m, bool *created,
                               bool *changed, fm_err *err);

/*
 * The programme's target for the women's share of hires, 0...1. OUT:
 * *share, *found (false: none set). Returns FM_OK, FM_EDB.
 */
fm_rc fm_store_women_target_get(fm_store *s, double *share, bool *found, fm_err *err);

/* Set the target (0...1) or, with a negative share, remove it. Returns FM_OK, FM_EINVAL, FM_EDB. */
fm_rc fm_store_women_target_set(fm_store *s, double share, fm_err *err);

/* The goal for hires decided in year. OUT: *goal, *found. Returns FM_OK, FM_EDB. */
fm_rc fm_store_year_goal_get(fm_store *s, int year, long long *goal, bool *found, fm_err *err);

/* Set the goal of year (goal >= 0) or, with a negative goal, remove it. Returns FM_OK, FM_EDB. */
fm_rc fm_store_year_goal_set(fm_store *s, int year, long long goal, fm_err *err);

/* How many fairs are dated in [from,to] ("YYYY-MM-DD"). OUT: *count. Returns FM_OK, FM_EDB. */
fm_rc fm_store_fairs_between(fm_store *s, const char *from, const char *to, long long *count,
                             fm_err *err);

/*
 * The pool of each month from first to last ("YYYY-MM", first <= last, at
 * most 1200 months): seekers registered on or before the month's last day
 * (no date: always) with no hire decided before its first day.
 * OUT: women[i], all[i] for month i (caller's arrays of the months' count).
 * Returns FM_OK, FM_EINVAL, FM_EDB.
 */
fm_rc fm_store_pool_by_month(fm_store *s, const char *first, const char *last, long long *women,
                             long long *all, size_t nmonths, fm_err *err);

/*
 * Import the agency's target-group figures: as fm_import_buffer (import.h),
 * for the targetgroup kind. Returns FM_OK; FM_EINVAL when any row or header
 * is bad (nothing written); FM_EDB, FM_ENOMEM.
 */
fm_rc fm_import_targetgroup_buffer(fm_store *s, const char *display_name, const char *data,
                                   size_t len, const char *actor, fm_import_stats *stats,
                                   fm_import_sink sink, void *sink_ctx, fm_err *err);

/* As fm_import_targetgroup_buffer with the contents of the file at path. */
fm_rc fm_import_targetgroup_file(fm_store *s, const char *path, const char *actor,
                                 fm_import_stats *stats, fm_import_sink sink, void *sink_ctx,
                                 fm_err *err);

#endif
