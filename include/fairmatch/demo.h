/*
 * fairmatch/demo.h - the synthetic demo municipality (data/demo, compiled
 * into the binary): load it into a database so that a newcomer can try every
 * screen, the matching and the monthly report without real data.
 *
 * Threads: works on one fm_store, which one thread uses at a time.
 */
#ifndef FAIRMATCH_DEMO_H
#define FAIRMATCH_DEMO_H

#include <stdbool.h>

#include "fairmatch/err.h"
#include "fairmatch/store.h"

/* Rows in each table after a load (fm_demo_count fills it for any DB). */
typedef struct fm_demo_counts {
    long long departments, seekers, fairs, positions, invitations, interviews, employments;
    long long hires_2017, hires_2018; /* employments decided in each year */
} fm_demo_counts;

/*
 * Load the embedded demo set into s: departments, seekers, fairs, positions
 * and employments through the CSV importer (the same code as `fairmatch
 * import`), then the programme (goal 700, 2017-01-01...2018-12-31), the
 * fair-day records no import covers (invitations, interviews with periods,
 * tables, outcomes and answers), the seekers' profile columns beyond the
 * import format, each hire's position and extent, and each fair's status
 * (held when it has interviews). All in one transaction: on any failure the
 * database is as it was.
 * A database that already holds departments, seekers, fairs, positions,
 * employments or users is refused with FM_ECONFLICT unless force is true; then those
 * tables (and invitations, interviews, fair solutions, sessions and users)
 * are emptied first, inside the same transaction. The audit log is kept and
 * gets one row. Users are not created here (see fairmatch/user.h).
 * OUT: counts (may be NULL).
 * Returns FM_OK, FM_ECONFLICT, FM_EINVAL (a broken embedded file, named with
 * its line), FM_EDB, FM_ENOMEM.
 */
fm_rc fm_demo_load(fm_store *s, bool force, fm_demo_counts *counts, fm_err *err);

/* Count the rows fm_demo_counts describes, in any database. */
fm_rc fm_demo_count(fm_store *s, fm_demo_counts *counts, fm_err *err);

#endif
