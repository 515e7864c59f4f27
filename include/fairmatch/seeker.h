/*
 * fairmatch/seeker.h - a job seeker in the pool: who they are, the target
 * group they qualify through, and what the matching weighs (interests as
 * SSYK 2012 codes, Swedish level, driving licence, education, screening).
 *
 * The personal number is write-only: fm_store_seeker_upsert stores it, but
 * no function here ever reads it back (get and list leave it NULL), so no
 * list, report, export or log built on this API can show it.
 *
 * Records are transparent; their strings are heap-owned by the record and
 * freed with fm_seeker_release(). Optional integers use the sentinels named
 * per field. Validation and the code tables are pure (src/core/seeker.c);
 * fm_store_seeker_* touch the database (src/store/seeker_repo.c).
 * Threads: the store functions use one fm_store, one thread at a time.
 */
#ifndef FAIRMATCH_SEEKER_H
#define FAIRMATCH_SEEKER_H

#include <stdbool.h>
#include <stddef.h>

#include "fairmatch/err.h"
#include "fairmatch/gender.h"
#include "fairmatch/store.h"

typedef struct fm_seeker {
    char *id;              /* the organisers' id; required */
    char *first_name;      /* may be NULL (e.g. after a purge) */
    char *last_name;       /* may be NULL */
    fm_gender gender;      /* required */
    int birth_year;        /* 0 = unknown, else 1900...2100 */
    char *personal_number; /* WRITE-ONLY: normalised YYYYMMDDNNNC; always NULL when read */
    char *eligibility;     /* NULL or jobb_och_utveckling, etablering, eu_familj */
    char *interests;       /* SSYK codes "5311|4410" in order of preference; "" when none */
    char *experience;      /* SSYK codes worked in, same form; "" when none */
    int education_level;   /* 0 = unknown, else SUN level 1...5 */
    int swedish_level;     /* -1 = unknown, else 0...5 */
    int driving_licence;   /* -1 = unknown, 0 no, 1 yes */
    int extent_preference; /* 0 = unknown, else percent of full time 1...100 */
    int screening;         /* -1 = unknown, else the agency's grade 0...5 */
    char *phone;           /* may be NULL */
    char *email;           /* may be NULL */
    char *registered;      /* NULL or "YYYY-MM-DD" */
    bool purged;           /* read-only: personal details were removed */
} fm_seeker;

/* Bits naming fields, for fm_store_seeker_upsert's `fields` (which to write on update). */
enum {
    FM_SEEKER_FIRST_NAME = 1u << 0,
    FM_SEEKER_LAST_NAME = 1u << 1,
    FM_SEEKER_GENDER = 1u << 2,
    FM_SEEKER_BIRTH_YEAR = 1u << 3,
    FM_SEEKER_PERSONAL_NUMBER = 1u << 4,
    FM_SEEKER_ELIGIBILITY = 1u << 5,
    FM_SEEKER_INTERESTS = 1u << 6,
    FM_SEEKER_EXPERIENCE = 1u << 7,
    FM_SEEKER_EDUCATION_LEVEL = 1u << 8,
    FM_SEEKER_SWEDISH_LEVEL = 1u << 9,
    FM_SEEKER_DRIVING_LICENCE = 1u << 10,
    FM_SEEKER_EXTENT_PREFERENCE = 1u << 11,
    FM_SEEKER_SCREENING = 1u << 12,
    FM_SEEKER_PHONE = 1u << 13,
    FM_SEEKER_EMAIL = 1u << 14,
    FM_SEEKER_REGISTERED = 1u << 15,
    FM_SEEKER_ALL = (1u << 16) - 1
};

/* Filter and page for fm_store_seeker_list. Zero-initialised = everything. */
typedef struct fm_seeker_query {
    const char *search; /* NULL/"" = all; else case-insensitive substring of id, names, email */
    size_t page;        /* 1-based; 0 is taken as 1 */
    size_t per_page;    /* 0 = all rows (no paging), else at most 1000 */
} fm_seeker_query;

/* Initialise a record to "nothing known": NULL strings, sentinels, gender woman. */
void fm_seeker_init(fm_seeker *p);

/* Free the record's strings and re-initialise it. NULL-safe. */
void fm_seeker_release(fm_seeker *p);

/* Release n records and free the array. NULL-safe. */
void fm_seeker_list_free(fm_seeker *v, size_t n);

/*
 * Parse a gender code as the import files write it, case-insensitively:
 * kvinna/woman/k/w, man/m, annat/other/x. Returns false for anything else.
 */
bool fm_gender_parse(const char *s, fm_gender *out);

/* "woman", "man" or "other": the stored and exported name. Static string. */
const char *fm_gender_name(fm_gender g);

/* The accepted codes as the error message lists them: "kvinna, woman, k, w, man, m, annat, other,
 * x". */
const char *fm_gender_codes(void);

/* True when s is one of jobb_och_utveckling, etablering, eu_familj (exact). */
bool fm_eligibility_valid(const char *s);

/* The eligibility codes as a message lists them. Static string. */
const char *fm_eligibility_codes(void);

/* True when s is exactly four ASCII digits (an SSYK 2012 unit group). */
bool fm_ssyk_valid(const char *s);

/*
 * True when s is "" or SSYK codes separated by '|' (spaces around codes are
 * not allowed; callers trim). On false, *bad (may be NULL) points at the
 * first bad code's start inside s.
 */
bool fm_ssyk_list_valid(const char *s, const char **bad);

/*
 * Check a record: id non-empty, first and last name non-empty unless purged,
 * gender in range, every optional field in its
 * range or its sentinel, eligibility and SSYK lists well-formed, registered a
 * real date, personal number (when set) passing fm_personnummer_parse.
 * On failure err->msg reads "<field>: <problem>". Returns FM_OK or FM_EINVAL. Pure.
 */
fm_rc fm_seeker_validate(const fm_seeker *p, fm_err *err);

/*
 * Which seeker other than except_id (may be NULL) holds the personal number
 * pnr, given in any form fm_personnummer_parse accepts.
 * OUT: *holder: that seeker's id (caller frees), or NULL when none does or
 * pnr is not a valid personal number.
 * Returns FM_OK, FM_EDB, FM_ENOMEM.
 */
fm_rc fm_store_seeker_pnr_holder(fm_store *s, const char *pnr, const char *except_id, char **holder,
                                 fm_err *err);

/*
 * Read seeker id into *out (caller storage; release with fm_seeker_release).
 * personal_number is left NULL. Returns FM_OK, FM_ENOTFOUND, FM_EDB, FM_ENOMEM.
 */
fm_rc fm_store_seeker_get(fm_store *s, const char *id, fm_seeker *out, fm_err *err);

/*
 * Seekers matching q (NULL = all), sorted by id, one page of them.
 * OUT: *out (caller frees with fm_seeker_list_free; NULL when *n is 0), *n,
 * *total (may be NULL): how many match q over all pages.
 * Returns FM_OK, FM_EINVAL (per_page > 1000), FM_EDB, FM_ENOMEM.
 */
fm_rc fm_store_seeker_list(fm_store *s, const fm_seeker_query *q, fm_seeker **out, size_t *n,
                           size_t *total, fm_err *err);

/*
 * Validate p and insert it, or update the seeker with the same id. On update
 * only the fields whose FM_SEEKER_* bit is set in `fields` are written (the
 * gender bit is implied on insert); pass FM_SEEKER_ALL to replace the record.
 * A file without, say, a personal number column thus keeps the stored ones.
 * OUT: *created (may be NULL): a new row was inserted; *changed (may be NULL):
 * a row was inserted or an update altered a value.
 * A personal number belongs to one seeker: when another seeker holds it,
 * nothing is written and err names that seeker by id (never the number).
 * No transaction, no audit row (see fm_store_department_upsert; the
 * audited write is fm_store_seeker_edit).
 * Returns FM_OK, FM_EINVAL, FM_ECONFLICT (personal number held by another
 * seeker), FM_EDB.
 */
fm_rc fm_store_seeker_upsert(fm_store *s, const fm_seeker *p, unsigned fields, bool *created,
                             bool *changed, fm_err *err);

/*
 * fm_store_seeker_get with its audit row: reading a record with personal
 * data is itself audited ("read", entity "seeker", by actor; no
 * transaction of its own). On failure *out is released and no row is
 * written. Returns as fm_store_seeker_get, and FM_EDB when the audit row fails.
 */
fm_rc fm_store_seeker_read(fm_store *s, const char *actor, const char *id, fm_seeker *out,
                           fm_err *err);

/*
 * Changes one stored seeker in place for fm_store_seeker_edit: arg is the
 * caller's, p the stored record (personal number NULL); sets in *fields the
 * FM_SEEKER_* bits of what it changed. An error return (err set) cancels
 * the edit.
 */
typedef fm_rc (*fm_seeker_edit_fn)(void *arg, fm_seeker *p, unsigned *fields, fm_err *err);

/*
 * Edit seeker id as one transaction: read it into *out, let edit change it,
 * write the changed fields (fm_store_seeker_upsert) and the audit row
 * ("update", entity "seeker", by actor, detail the changed fields' names,
 * never their values), commit. On any failure nothing is written, no audit
 * row either. *out (caller storage, fm_seeker_release in every case) is the
 * edited record; read it again for what the database normalised.
 * Returns FM_OK, FM_ENOTFOUND, what edit returns, and as the upsert.
 */
fm_rc fm_store_seeker_edit(fm_store *s, const char *actor, const char *id, fm_seeker_edit_fn edit,
                           void *arg, fm_seeker *out, fm_err *err);

/*
 * Delete seeker id. Returns FM_OK, FM_ENOTFOUND, FM_ECONFLICT (invitations,
 * interviews or employments refer to it; purge instead), FM_EDB.
 */
fm_rc fm_store_seeker_delete(fm_store *s, const char *id, fm_err *err);

#endif
