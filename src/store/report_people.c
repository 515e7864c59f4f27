/*
 * report_people.c - the report's person-level counts (hires since the start, pool, people
 * employed, fair pipeline) from one read of every seeker's gender and one index-only pass over
 * employments. Each count means exactly what report_repo.h says; nothing is cached between calls.
 */
/* Why C: the SQL joined seekers once per employment (a B-tree probe per row, ~90,000 for the
   cumulative hires alone); a hash table of the 50,000 genders read once costs far less. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/buf.h"
#include "fairmatch/report_repo.h"
#include "report_people.h"
#include "store_internal.h"

static const char *const genders[] = {"woman", "man", "other"};

/* Interned strings (seeker or department ids) -> dense index. */
typedef struct strmap {
    char *arena;
    size_t alen, acap;
    size_t *off, *len;
    size_t n, cap, lcap; /* off and len grow apart: one capacity each */
    uint32_t *slot;      /* index + 1; 0 = empty */
    size_t nslot;        /* power of two */
} strmap;

static uint32_t hash_bytes(const unsigned char *p, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 16777619u;
    return h;
}

static void strmap_free(strmap *m)
{
    free(m->arena);
    free(m->off);
    free(m->len);
    free(m->slot);
    memset(m, 0, sizeof *m);
}

static long strmap_find(const strmap *m, const unsigned char *p, size_t n)
{
    size_t i;
    if (!m->nslot)
        return -1;
    for (i = hash_bytes(p, n) & (m->nslot - 1); m->slot[i]; i = (i + 1) & (m->nslot - 1)) {
        size_t k = m->slot[i] - 1;
        if (m->len[k] == n && !memcmp(m->arena + m->off[k], p, n))
            return (long)k;
    }
    return -1;
}

static fm_rc strmap_grow_slots(strmap *m)
{
    size_t ns = m->nslot ? m->nslot * 2 : 1024;
    uint32_t *sl = calloc(ns, sizeof *sl);
    if (!sl)
        return FM_ENOMEM;
    for (size_t k = 0; k < m->n; k++) {
        size_t i = hash_bytes((const unsigned char *)m->arena + m->off[k], m->len[k]) & (ns - 1);
        while (sl[i])
            i = (i + 1) & (ns - 1);
        sl[i] = (uint32_t)(k + 1);
    }
    free(m->slot);
    m->slot = sl;
    m->nslot = ns;
    return FM_OK;
}

/* Index of p (added when new). OUT: *idx. Returns FM_OK, FM_ENOMEM. */
static fm_rc strmap_add(strmap *m, const unsigned char *p, size_t n, size_t *idx)
{
    long f = strmap_find(m, p, n);
    size_t i;

    if (f >= 0) {
        *idx = (size_t)f;
        return FM_OK;
    }
    if (m->n >= UINT32_MAX - 1)
        return FM_ENOMEM;
    if ((m->n + 1) * 2 > m->nslot && strmap_grow_slots(m))
        return FM_ENOMEM;
    if (FM_GROW(m->off, m->n + 1, m->cap) || FM_GROW(m->len, m->n + 1, m->lcap) ||
        FM_GROW(m->arena, m->alen + n + 1, m->acap))
        return FM_ENOMEM;
    if (n)
        memcpy(m->arena + m->alen, p, n);
    m->arena[m->alen + n] = '\0';
    m->off[m->n] = m->alen;
    m->len[m->n] = n;
    m->alen += n + 1;
    for (i = hash_bytes(p, n) & (m->nslot - 1); m->slot[i]; i = (i + 1) & (m->nslot - 1))
        ;
    m->slot[i] = (uint32_t)(m->n + 1);
    *idx = m->n++;
    return FM_OK;
}

/* Growable list of grouped rows. */
typedef struct rows {
    fm_rr_row *v;
    size_t n, cap;
} rows;

static char *dup_n(const char *p, size_t n)
{
    char *d = malloc(n + 1);
    if (d) {
        if (n)
            memcpy(d, p, n);
        d[n] = '\0';
    }
    return d;
}

/* Append a row with nk keys (copied) and count c. */
static fm_rc rows_add(rows *r, const char *const *keys, const size_t *lens, int nk, long long c)
{
    fm_rr_row *row;
    if (FM_GROW(r->v, r->n + 1, r->cap))
        return FM_ENOMEM;
    row = &r->v[r->n];
    memset(row, 0, sizeof *row);
    r->n++;
    for (int k = 0; k < nk; k++) {
        row->key[k] = dup_n(keys[k], lens[k]);
        if (!row->key[k])
            return FM_ENOMEM;
    }
    row->n = c;
    return FM_OK;
}

/* Everyone, with gender and "in the pool by registration" (registered <= to or unknown). */
typedef struct people {
    strmap ids;
    unsigned char *gender;       /* 0 woman, 1 man, 2 other */
    unsigned char *registered;   /* registered <= to, or unknown */
    unsigned char *hired_before; /* a hire decided before the month's first day */
    unsigned char *emp;          /* employed on day to: 0 no, 1 extent unknown, 2 extent known */
    double *ext;                 /* the largest known extent when emp == 2 */
    unsigned char *stage;        /* fair pipeline: bit i = stages[i] reached in the month */
} people;

static void people_free(people *p)
{
    strmap_free(&p->ids);
    free(p->gender);
    free(p->registered);
    free(p->hired_before);
    free(p->emp);
    free(p->ext);
    free(p->stage);
    memset(p, 0, sizeof *p);
}

static int gender_code(const unsigned char *g)
{
    if (g && !strcmp((const char *)g, "woman"))
        return 0;
    if (g && !strcmp((const char *)g, "man"))
        return 1;
    return 2;
}

static fm_rc people_load(fm_store *s, people *p, const char *to, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    size_t gcap = 0, rcap = 0; /* gender and registered grow apart: one capacity each */
    fm_rc rc = FM_OK;
    int step;

    if (sqlite3_prepare_v2(s->db,
                           "SELECT id, gender, registered IS NULL OR registered <= ?1 FROM seekers",
                           -1, &st, NULL) != SQLITE_OK) {
        rc = fm_store_dberr(s, err, "report: seekers");
        goto done;
    }
    fm_store_bind_text(st, 1, to);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const unsigned char *id = sqlite3_column_text(st, 0);
        size_t len = id ? (size_t)sqlite3_column_bytes(st, 0) : 0, k;
        if (strmap_add(&p->ids, id ? id : (const unsigned char *)"", len, &k))
            goto nomem;
        if (FM_GROW(p->gender, k + 1, gcap) || FM_GROW(p->registered, k + 1, rcap))
            goto nomem;
        p->gender[k] = (unsigned char)gender_code(sqlite3_column_text(st, 1));
        p->registered[k] = (unsigned char)(sqlite3_column_int(st, 2) != 0);
    }
    if (step != SQLITE_DONE) {
        rc = fm_store_dberr(s, err, "report: seekers");
        goto done;
    }
    p->hired_before = calloc(p->ids.n + 1, 1);
    p->emp = calloc(p->ids.n + 1, 1);
    p->ext = calloc(p->ids.n + 1, sizeof *p->ext);
    p->stage = calloc(p->ids.n + 1, 1);
    if (!p->hired_before || !p->emp || !p->ext || !p->stage)
        goto nomem;
    goto done;
nomem:
    rc = fm_err_set(err, FM_ENOMEM, "report: out of memory");
done:
    sqlite3_finalize(st);
    return rc;
}

/* Per-month counts by department x gender x on/after start, flushed as rows. */
typedef struct month_acc {
    char month[8];
    size_t mlen;
    bool open;
    strmap depts;
    long long *c; /* [dept][gender][after] */
    size_t ccap;  /* counts (long longs, 6 per department) the array holds */
} month_acc;

static fm_rc month_flush(month_acc *a, rows *out, bool with_start)
{
    static const char *const flags[] = {"0", "1", ""};
    if (!a->open)
        return FM_OK;
    for (size_t d = 0; d < a->depts.n; d++)
        for (int g = 0; g < 3; g++)
            for (int f = 0; f < 2; f++) {
                long long *c = &a->c[(d * 3 + (size_t)g) * 2 + (size_t)f];
                const char *fk = with_start ? flags[f] : flags[2];
                const char *keys[4] = {a->month, a->depts.arena + a->depts.off[d], genders[g], fk};
                size_t lens[4] = {a->mlen, a->depts.len[d], strlen(genders[g]), strlen(fk)};
                if (*c && rows_add(out, keys, lens, 4, *c))
                    return FM_ENOMEM;
                *c = 0;
            }
    a->open = false;
    return FM_OK;
}

/*
 * Note employment row `st` (columns 3 start_date, 4 end_date, 5 extent,
 * decision date d) of person k if it runs on day `day`: started (else
 * decided) on or before it and not ended before it. Text comparison as
 * SQLite's BINARY collation: every date column holds text.
 */
static void employed_note(people *p, long k, sqlite3_stmt *st, const char *d, const char *day)
{
    const char *b = (const char *)sqlite3_column_text(st, 3);
    const char *e = (const char *)sqlite3_column_text(st, 4);
    if (strcmp(b ? b : d, day) > 0 || (e && strcmp(e, day) < 0))
        return;
    if (sqlite3_column_type(st, 5) == SQLITE_NULL) {
        if (!p->emp[k])
            p->emp[k] = 1;
    } else {
        double x = sqlite3_column_double(st, 5);
        if (p->emp[k] < 2 || x > p->ext[k])
            p->ext[k] = x;
        p->emp[k] = 2;
    }
}

/* A hire's place among its department's six counts: gender, then decided before or after start. */
static int count_index(int gender, const char *start, const char *d)
{
    return gender * 2 + (start && strcmp(d, start) >= 0);
}

/*
 * Count the hire on the current row (decision date in column 0, department
 * in column 1) into its month, flushing the month before when it changes.
 * gs is count_index's. Returns non-zero when out of memory.
 */
static int month_add(month_acc *a, rows *hires, sqlite3_stmt *st, int gs, bool with_start)
{
    const char *d = (const char *)sqlite3_column_text(st, 0);
    size_t dlen = (size_t)sqlite3_column_bytes(st, 0), ml = dlen < 7 ? dlen : 7, di, old;

    if (a->open && (ml != a->mlen || memcmp(a->month, d, ml))) {
        if (month_flush(a, hires, with_start))
            return 1;
    }
    if (!a->open) {
        memcpy(a->month, d, ml);
        a->month[ml] = '\0';
        a->mlen = ml;
        a->open = true;
    }
    if (strmap_add(&a->depts, sqlite3_column_text(st, 1), (size_t)sqlite3_column_bytes(st, 1), &di))
        return 1;
    old = a->ccap;
    if (FM_GROW(a->c, (di + 1) * 6, a->ccap))
        return 1;
    /* month_flush zeroes what it emits; counts the array never held start at zero here. */
    memset(a->c + old, 0, (a->ccap - old) * sizeof *a->c);
    a->c[di * 6 + (size_t)gs]++;
    return 0;
}

/*
 * One scan of employments in decision order: hires decided in [hfrom,to]
 * grouped as FM_RQ_HIRES (when hires), the people with a hire decided
 * before pool_from (when pool_from), and who is employed on day
 * employed_day (when given; then every employment is read, as one may
 * start before a later-recorded decision).
 */
#define COLS "decision_date, department_id, seeker_id, start_date, end_date, extent"
static fm_rc scan_decisions(fm_store *s, people *p, const char *hfrom, const char *to,
                            const char *start, const char *pool_from, rows *hires,
                            const char *employed_day, fm_err *err)
{
    sqlite3_stmt *st = NULL;
    month_acc a;
    fm_rc rc = FM_OK;
    int step;

    memset(&a, 0, sizeof a);
    /* Index employments_report_scan (0003) covers this and ORDER BY is its
       order, so months come in runs. Forced: the planner picks the narrower
       employments_decision and then reads every table row. */
    if (sqlite3_prepare_v2(
            s->db,
            employed_day
                ? "SELECT " COLS " FROM employments INDEXED BY employments_report_scan "
                  "WHERE decision_date >= ?1 ORDER BY decision_date"
                : "SELECT " COLS
                  " FROM employments INDEXED BY employments_report_scan WHERE decision_date "
                  ">= ?1 AND decision_date <= ?2 ORDER BY decision_date",
            -1, &st, NULL) != SQLITE_OK) {
        rc = fm_store_dberr(s, err, "report: hires");
        goto done;
    }
    /* Every date is text (TEXT NOT NULL column) and every text is >= "". */
    fm_store_bind_text(st, 1, pool_from || employed_day ? "" : hfrom);
    if (!employed_day)
        fm_store_bind_text(st, 2, to);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *d = (const char *)sqlite3_column_text(st, 0);
        const unsigned char *dept = sqlite3_column_text(st, 1);
        const unsigned char *sid = sqlite3_column_text(st, 2);
        long k;

        if (!d || !dept || !sid)
            continue;
        k = strmap_find(&p->ids, sid, (size_t)sqlite3_column_bytes(st, 2));
        if (k < 0) /* no such seeker: the inner join dropped it too */
            continue;
        if (employed_day)
            employed_note(p, k, st, d, employed_day);
        if (strcmp(d, to) > 0)
            continue;
        if (pool_from && strcmp(d, pool_from) < 0)
            p->hired_before[k] = 1;
        if (hires && strcmp(d, hfrom) >= 0 &&
            month_add(&a, hires, st, count_index(p->gender[k], start, d), start != NULL))
            goto nomem;
    }
    if (step != SQLITE_DONE) {
        rc = fm_store_dberr(s, err, "report: hires");
        goto done;
    }
    if (hires && month_flush(&a, hires, start != NULL))
        goto nomem;
    goto done;
nomem:
    rc = fm_err_set(err, FM_ENOMEM, "report: out of memory");
done:
    sqlite3_finalize(st);
    strmap_free(&a.depts);
    free(a.c);
    return rc;
}
#undef COLS

static fm_rc pool_rows(const people *p, rows *out)
{
    long long c[3] = {0, 0, 0};
    for (size_t k = 0; k < p->ids.n; k++)
        if (p->registered[k] && !p->hired_before[k])
            c[p->gender[k]]++;
    for (int g = 0; g < 3; g++) {
        size_t len = strlen(genders[g]);
        if (c[g] && rows_add(out, &genders[g], &len, 1, c[g]))
            return FM_ENOMEM;
    }
    return FM_OK;
}

/* People employed (see employed_note), by their largest extent's band and gender. */
static fm_rc employed_rows(const people *p, rows *out, fm_err *err)
{
    static const char *const bands[] = {"unknown", "50", "75", "100"};
    long long c[4][3];
    fm_rc rc = FM_OK;

    memset(c, 0, sizeof c);
    for (size_t k = 0; k < p->ids.n; k++) {
        int b;
        if (!p->emp[k])
            continue;
        b = p->emp[k] == 1 ? 0 : p->ext[k] <= 50 ? 1 : p->ext[k] <= 75 ? 2 : 3;
        c[b][p->gender[k]]++;
    }
    for (int b = 0; b < 4; b++)
        for (int g = 0; g < 3; g++) {
            const char *keys[2] = {bands[b], genders[g]};
            size_t lens[2] = {strlen(bands[b]), strlen(genders[g])};
            if (c[b][g] && rows_add(out, keys, lens, 2, c[b][g])) {
                rc = fm_err_set(err, FM_ENOMEM, "report: out of memory");
                goto done;
            }
        }
done:
    return rc;
}

/* The people of each stage bit (p->stage) by gender, as rows (stage, gender). Non-zero: memory. */
static int pipeline_rows(const people *p, rows *out)
{
    static const char *const stages[] = {"invited",  "attended", "interviewed", "offered",
                                         "accepted", "declined", "hired"};
    long long c[7][3];

    memset(c, 0, sizeof c);
    for (size_t k = 0; k < p->ids.n; k++)
        for (int b = 0; p->stage[k] && b < 7; b++)
            if (p->stage[k] & (1u << b))
                c[b][p->gender[k]]++;
    for (int b = 0; b < 7; b++)
        for (int g = 0; g < 3; g++) {
            const char *keys[2] = {stages[b], genders[g]};
            size_t lens[2] = {strlen(stages[b]), strlen(genders[g])};
            if (c[b][g] && rows_add(out, keys, lens, 2, c[b][g]))
                return 1;
        }
    return 0;
}

/*
 * The fair pipeline of fairs dated in [from,to]: distinct people per stage
 * and gender, as a bit per stage and person instead of a UNION of people
 * joined to seekers. Each statement's columns after the seeker id are 0/1
 * flags for the stages named in its `bits`.
 */
static fm_rc scan_pipeline(fm_store *s, people *p, const char *from, const char *to, rows *out,
                           fm_err *err)
{
#define FAIRS "(SELECT id FROM fairs WHERE date BETWEEN ?1 AND ?2)"
    static const struct {
        const char *sql;
        int bits[5]; /* stage of column 1, 2, ...; -1 ends */
    } passes[] = {
        {"SELECT seeker_id, 1, attendance = 'checked_in' FROM invitations WHERE fair_id IN " FAIRS,
         {0, 1, -1}},
        {"SELECT seeker_id, held = 1, outcome = 'offer', answer = 'accepted', "
         "answer = 'declined' FROM interviews WHERE fair_id IN " FAIRS,
         {2, 3, 4, 5, -1}},
        /* Hired through one of the fair's positions, or through one of its
           interviews. The interview side is driven from the fair's interviews
           and forced onto employments_interview: with few linked employments
           the statistics make a full scan of employments look cheaper. */
        {"SELECT seeker_id, 1 FROM employments WHERE position_id IN "
         "(SELECT id FROM positions WHERE fair_id IN " FAIRS ") "
         "UNION ALL SELECT e.seeker_id, 1 FROM interviews i CROSS JOIN employments e "
         "INDEXED BY employments_interview ON e.interview_id = i.id WHERE i.fair_id IN " FAIRS,
         {6, -1}},
    };
#undef FAIRS
    sqlite3_stmt *st = NULL;
    fm_rc rc = FM_OK;
    int step;

    for (size_t q = 0; q < sizeof passes / sizeof passes[0]; q++) {
        if (sqlite3_prepare_v2(s->db, passes[q].sql, -1, &st, NULL) != SQLITE_OK) {
            rc = fm_store_dberr(s, err, "report: fair pipeline");
            goto done;
        }
        fm_store_bind_text(st, 1, from);
        fm_store_bind_text(st, 2, to);
        while ((step = sqlite3_step(st)) == SQLITE_ROW) {
            const unsigned char *sid = sqlite3_column_text(st, 0);
            long k = sid ? strmap_find(&p->ids, sid, (size_t)sqlite3_column_bytes(st, 0)) : -1;
            if (k < 0)
                continue;
            for (int b = 0; passes[q].bits[b] >= 0; b++)
                if (sqlite3_column_int(st, b + 1))
                    p->stage[k] |= (unsigned char)(1u << passes[q].bits[b]);
        }
        if (step != SQLITE_DONE) {
            rc = fm_store_dberr(s, err, "report: fair pipeline");
            goto done;
        }
        sqlite3_finalize(st);
        st = NULL;
    }
    if (pipeline_rows(p, out))
        rc = fm_err_set(err, FM_ENOMEM, "report: out of memory");
done:
    sqlite3_finalize(st);
    return rc;
}

void fm_rr_people_free(fm_rr_people *p)
{
    if (!p)
        return;
    fm_rr_row_list_free(p->hires, p->nhires);
    fm_rr_row_list_free(p->pool, p->npool);
    fm_rr_row_list_free(p->employed, p->nemployed);
    fm_rr_row_list_free(p->pipeline, p->npipeline);
    memset(p, 0, sizeof *p);
}

fm_rc fm_store_report_people_part(fm_store *s, unsigned parts, const char *hfrom, const char *from,
                                  const char *to, const char *start, fm_rr_people *out, fm_err *err)
{
    people p;
    rows h = {0}, pl = {0}, em = {0}, pi = {0};
    fm_rc rc;

    memset(out, 0, sizeof *out);
    memset(&p, 0, sizeof p);
    rc = people_load(s, &p, to, err);
    if (!rc && (parts & (FM_RR_PART_HIRES | FM_RR_PART_POOL | FM_RR_PART_EMPLOYED)))
        rc = scan_decisions(s, &p, hfrom, to, start, (parts & FM_RR_PART_POOL) ? from : NULL,
                            (parts & FM_RR_PART_HIRES) ? &h : NULL,
                            (parts & FM_RR_PART_EMPLOYED) ? to : NULL, err);
    if (!rc && (parts & FM_RR_PART_POOL) && pool_rows(&p, &pl))
        rc = fm_err_set(err, FM_ENOMEM, "report: out of memory");
    if (!rc && (parts & FM_RR_PART_EMPLOYED))
        rc = employed_rows(&p, &em, err);
    if (!rc && (parts & FM_RR_PART_PIPELINE))
        rc = scan_pipeline(s, &p, from, to, &pi, err);
    people_free(&p);
    out->hires = h.v;
    out->nhires = h.n;
    out->pool = pl.v;
    out->npool = pl.n;
    out->employed = em.v;
    out->nemployed = em.n;
    out->pipeline = pi.v;
    out->npipeline = pi.n;
    if (rc)
        fm_rr_people_free(out);
    return rc;
}

fm_rc fm_store_report_people(fm_store *s, const char *hfrom, const char *from, const char *to,
                             const char *start, fm_rr_people *out, fm_err *err)
{
    return fm_store_report_people_part(
        s, FM_RR_PART_HIRES | FM_RR_PART_POOL | FM_RR_PART_EMPLOYED | FM_RR_PART_PIPELINE, hfrom,
        from, to, start, out, err);
}
