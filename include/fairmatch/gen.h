/*
 * fairmatch/gen.h - the seeded instance generator behind `fairmatch gen`:
 * realistic fairs after shared/spec/demo-data.md section D (departments with
 * quotas, positions with places and occupations, seekers with interests,
 * scores from interest rank) for tests and benchmarks. docs/gen.md describes
 * every choice.
 *
 * Generation (src/core/gen.c) uses its own PRNG (splitmix64 seeding
 * xoshiro256**) and integer or exactly-rounded arithmetic only, so one seed
 * gives the same instance, byte for byte, on every machine. Writing JSON is
 * src/solve/gen_write.c. Both are reentrant.
 */
#ifndef FAIRMATCH_GEN_H
#define FAIRMATCH_GEN_H

#include <stdbool.h>
#include <stdint.h>

#include "fairmatch/buf.h"
#include "fairmatch/err.h"
#include "fairmatch/instance.h"

typedef struct fm_gen_params {
    int seekers;     /* 1...100000 */
    int positions;   /* 1...50000 */
    int departments; /* 1...1000, at most positions */
    uint64_t seed;
    int tables_per_department; /* 1...100, or 0 for the automatic rule (docs/gen.md) */
    int periods;               /* 1...96; default 15 (demo-data: 20-minute slots) */
    int gap;                   /* min_gap_periods 0...20; default 0 */
    double availability_share; /* share of seekers with limited hours, 0...1; default 0 */
    bool explicit_share;       /* false: mirror_pool with tolerance */
    double tolerance;          /* 0...1; default 0.1 */
    double share_min, share_max;
} fm_gen_params;

/* The defaults above; the caller sets seekers, positions, departments and seed. */
void fm_gen_params_init(fm_gen_params *p);

/*
 * Generate an instance. Validates p first.
 * OUT: *out, a new instance (free with fm_instance_free()).
 * Returns FM_OK, FM_EINVAL with the offending parameter named in err, or
 * FM_ENOMEM.
 */
fm_rc fm_gen_instance(const fm_gen_params *p, fm_instance **out, fm_err *err);

/*
 * Append inst as instance-format JSON (fairmatch-instance/1) to out: fixed
 * key order, one record per line, numbers as integers where they are
 * integers and shortest round-trip form otherwise. Any fm_instance can be
 * written, not only generated ones (strings are escaped).
 * Returns FM_OK or FM_ENOMEM.
 */
fm_rc fm_gen_write_json(const fm_instance *inst, fm_buf *out, fm_err *err);

#endif
