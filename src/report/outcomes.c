/*
 * outcomes.c - seed 002's outcome table (fairmatch/outcomes.h): grouping of
 * the ended employments the store lists, counts of employments and of
 * people, the share successful and days per person, protection through the
 * report's engine (suppress.c's entry points, unchanged), and its JSON, CSV
 * and flat-section layouts.
 */
#include "fairmatch/outcomes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/csv.h"
#include "fairmatch/employment.h"
#include "fairmatch/lifecycle.h"
#include "outcomes_internal.h"

/* Count columns of a row, in output order. */
enum {
    O_ENDED = 0,
    O_PEOPLE,
    O_TO_WORK,
    O_TO_STUDIES,
    O_OWN_BUSINESS,
    O_PLANNED,
    O_INTERRUPTION,
    O_NO_REASON,
    O_SUCCESSFUL,
    O_NCOLS
};
static const char *const col_names[O_NCOLS] = {"ended",        "people",       "to_work",
                                               "to_studies",   "own_business", "planned_end",
                                               "interruption", "no_reason",    "successful"};
static const char *const col_sv[O_NCOLS] = {"Avslutade",    "Personer",     "Till arbete",
                                            "Till studier", "Eget företag", "Planerat slut",
                                            "Avbrott",      "Orsak saknas", "Lyckade"};

typedef struct orow {
    const char *group; /* static */
    char *key;
    fm_rcell c[O_NCOLS];
    long long days;
    fm_rshare share;
    double days_per_person;
    bool days_shown;
} orow;

struct fm_outcomes {
    char from[11], to[11];
    bool steering;
    orow *rows;
    size_t n, cap;
};

enum { G_TOTAL, G_GENDER, G_AGE, G_SWEDISH, G_EDUCATION, G_DEPT, G_N };
static const char *const group_names[G_N] = {"total",         "gender",          "age_band",
                                             "swedish_level", "education_level", "department"};

static const char *age_band(int age)
{
    if (age < 0)
        return "unknown";
    if (age < 25)
        return "under_25";
    if (age < 30)
        return "25-29";
    if (age < 40)
        return "30-39";
    if (age < 50)
        return "40-49";
    if (age < 60)
        return "50-59";
    return "60_and_over";
}

/* The key of row x in group g into buf. */
static const char *key_of(const fm_ended *x, int g, char buf[16])
{
    int lvl;
    switch (g) {
    case G_TOTAL:
        return "all";
    case G_GENDER:
        return x->gender ? x->gender : "other";
    case G_AGE:
        return age_band(x->age);
    case G_DEPT:
        return x->department_id;
    default:
        lvl = g == G_SWEDISH ? x->swedish_level : x->education_level;
        if (lvl < 0)
            return "unknown";
        snprintf(buf, 16, "%d", lvl);
        return buf;
    }
}

/* The keys of group g in output order. Static lists; departments come from the data. */
static const char *const gender_keys[] = {"woman", "man", "other", NULL};
static const char *const age_keys[] = {"under_25", "25-29",       "30-39",   "40-49",
                                       "50-59",    "60_and_over", "unknown", NULL};
static const char *const swedish_keys[] = {"0", "1", "2", "3", "4", "5", "unknown", NULL};
static const char *const education_keys[] = {"1", "2", "3", "4", "5", "unknown", NULL};

static int column_of(const char *reason)
{
    switch (fm_end_reason_class(reason)) {
    case FM_END_TO_WORK:
        return O_TO_WORK;
    case FM_END_TO_STUDIES:
        return O_TO_STUDIES;
    case FM_END_OWN_BUSINESS:
        return O_OWN_BUSINESS;
    case FM_END_PLANNED:
        return O_PLANNED;
    case FM_END_INTERRUPTION:
        return O_INTERRUPTION;
    case FM_END_NONE:
        break;
    }
    return O_NO_REASON;
}

/* Add the row for (g, key) over v (sorted by seeker). Rows with nothing ended are skipped. */
static fm_rc add_row(fm_outcomes *o, const fm_ended *v, size_t n, int g, const char *key)
{
    orow r = {0};
    const char *last = NULL;
    char buf[16];

    r.group = group_names[g];
    for (size_t i = 0; i < n; i++) {
        if (strcmp(key_of(&v[i], g, buf), key))
            continue;
        r.c[O_ENDED].v++;
        r.c[column_of(v[i].end_reason)].v++;
        r.days += v[i].days;
        if (!last || strcmp(last, v[i].seeker_id))
            r.c[O_PEOPLE].v++;
        last = v[i].seeker_id;
    }
    if (r.c[O_ENDED].v == 0 && g != G_TOTAL)
        return FM_OK;
    r.c[O_SUCCESSFUL].v = r.c[O_TO_WORK].v + r.c[O_TO_STUDIES].v + r.c[O_OWN_BUSINESS].v;
    if (FM_GROW(o->rows, o->n + 1, o->cap))
        return FM_ENOMEM;
    r.key = strdup(key);
    if (!r.key)
        return FM_ENOMEM;
    o->rows[o->n++] = r;
    return FM_OK;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Departments in the data, sorted byte by byte, one row each. */
static fm_rc add_departments(fm_outcomes *o, const fm_ended *v, size_t n)
{
    const char **ids = calloc(n + 1, sizeof *ids);
    fm_rc rc = FM_OK;
    if (!ids)
        return FM_ENOMEM;
    for (size_t i = 0; i < n; i++)
        ids[i] = v[i].department_id;
    qsort(ids, n, sizeof *ids, cmp_str);
    for (size_t i = 0; i < n && !rc; i++)
        if (i == 0 || strcmp(ids[i], ids[i - 1]))
            rc = add_row(o, v, n, G_DEPT, ids[i]);
    free(ids);
    return rc;
}

static fm_rc add_rows(fm_outcomes *o, const fm_ended *v, size_t n)
{
    const char *const *lists[] = {gender_keys, age_keys, swedish_keys, education_keys};
    fm_rc rc = add_row(o, v, n, G_TOTAL, "all");
    for (int g = G_GENDER; g <= G_EDUCATION && !rc; g++)
        for (const char *const *k = lists[g - 1]; *k && !rc; k++)
            rc = add_row(o, v, n, g, *k);
    if (!rc)
        rc = add_departments(o, v, n);
    return rc;
}

/* Rows and, for each group that partitions the total, its columns with the total's. */
static fm_rc protect(fm_outcomes *o)
{
    fm_supp s = {0};
    fm_rcell **col = calloc(o->n + 1, sizeof *col);
    fm_rc rc = col ? FM_OK : FM_ENOMEM;

    for (size_t i = 0; i < o->n && !rc; i++) {
        orow *r = &o->rows[i];
        fm_rcell *sum[] = {&r->c[O_TO_WORK], &r->c[O_TO_STUDIES],   &r->c[O_OWN_BUSINESS],
                           &r->c[O_PLANNED], &r->c[O_INTERRUPTION], &r->c[O_NO_REASON],
                           &r->c[O_ENDED]};
        fm_rcell *ok[] = {&r->c[O_TO_WORK], &r->c[O_TO_STUDIES], &r->c[O_OWN_BUSINESS],
                          &r->c[O_SUCCESSFUL]};
        for (int c = 0; c < O_NCOLS && !rc; c++)
            rc = fm_supp_cell(&s, &r->c[c]);
        if (!rc)
            rc = fm_supp_eq(&s, sum, 7);
        if (!rc)
            rc = fm_supp_eq(&s, ok, 4);
    }
    /* Every group but department partitions the employments (and gender the people). */
    for (int g = G_GENDER; g <= G_EDUCATION && !rc; g++) {
        for (int c = 0; c < O_NCOLS && !rc; c++) {
            size_t k = 0;
            if (c == O_PEOPLE && g != G_GENDER)
                continue;
            for (size_t i = 1; i < o->n; i++)
                if (!strcmp(o->rows[i].group, group_names[g]))
                    col[k++] = &o->rows[i].c[c];
            col[k++] = &o->rows[0].c[c];
            rc = fm_supp_eq(&s, col, k);
        }
    }
    if (!rc && o->steering)
        rc = fm_supp_run(&s);
    fm_supp_release(&s);
    free(col);
    return rc;
}

static void derive(fm_outcomes *o)
{
    for (size_t i = 0; i < o->n; i++) {
        orow *r = &o->rows[i];
        const fm_rcell *people = &r->c[O_PEOPLE];
        r->share = fm_supp_share(&r->c[O_SUCCESSFUL], &r->c[O_ENDED], o->steering);
        r->days_per_person = people->v > 0 ? (double)r->days / (double)people->v : 0.0;
        r->days_shown =
            people->v > 0 && (!o->steering || (people->st == FM_CELL_SHOWN && people->v >= 10));
    }
}

fm_rc fm_outcomes_build(fm_store *s, const char *from, const char *to, bool steering,
                        fm_outcomes **out, fm_err *err)
{
    fm_outcomes *o = calloc(1, sizeof *o);
    fm_ended *v = NULL;
    size_t n = 0;
    fm_rc rc;

    *out = NULL;
    if (!o)
        return fm_err_set(err, FM_ENOMEM, "outcomes: out of memory");
    snprintf(o->from, sizeof o->from, "%s", from);
    snprintf(o->to, sizeof o->to, "%s", to);
    o->steering = steering;
    rc = fm_store_ended_list(s, from, to, &v, &n, err);
    if (rc)
        goto done;
    rc = add_rows(o, v, n);
    if (!rc)
        rc = protect(o);
    if (rc) {
        fm_err_set(err, rc, "outcomes: out of memory");
        goto done;
    }
    derive(o);
    *out = o;
    o = NULL;
done:
    fm_ended_list_free(v, n);
    fm_outcomes_free(o);
    return rc;
}

void fm_outcomes_free(fm_outcomes *o)
{
    if (!o)
        return;
    for (size_t i = 0; i < o->n; i++)
        free(o->rows[i].key);
    free(o->rows);
    free(o);
}

static cJSON *count_json(const fm_rcell *c)
{
    if (c->st == FM_CELL_SMALL)
        return cJSON_CreateString("<5");
    if (c->st == FM_CELL_HIDDEN)
        return cJSON_CreateNull();
    return cJSON_CreateNumber((double)c->v);
}

cJSON *fm_outcomes_json(const fm_outcomes *o)
{
    cJSON *root = cJSON_CreateObject(), *rows;
    if (!root || !cJSON_AddStringToObject(root, "from", o->from) ||
        !cJSON_AddStringToObject(root, "to", o->to) ||
        !(rows = cJSON_AddArrayToObject(root, "rows")))
        goto fail;
    for (size_t i = 0; i < o->n; i++) {
        const orow *r = &o->rows[i];
        cJSON *j = cJSON_CreateObject();
        if (!j || !cJSON_AddItemToArray(rows, j))
            goto fail;
        cJSON_AddStringToObject(j, "group", r->group);
        cJSON_AddStringToObject(j, "key", r->key);
        for (int c = 0; c < O_NCOLS; c++)
            if (!cJSON_AddItemToObject(j, col_names[c], count_json(&r->c[c])))
                goto fail;
        if (r->share.shown)
            cJSON_AddNumberToObject(j, "share_successful", r->share.v);
        else
            cJSON_AddNullToObject(j, "share_successful");
        if (r->days_shown)
            cJSON_AddNumberToObject(j, "days_per_person", r->days_per_person);
        else
            cJSON_AddNullToObject(j, "days_per_person");
    }
    return root;
fail:
    cJSON_Delete(root);
    return NULL;
}

fm_rc fm_outcomes_to_json(const fm_outcomes *o, char **out, size_t *len, fm_err *err)
{
    return fm_report_json_text(fm_outcomes_json(o), "outcomes", out, len, err);
}

/* Header + one line per row: group, key, the counts, share, days. */
enum { SEC_COLS = O_NCOLS + 4 };

static fm_gcell count_cell(const fm_rcell *c)
{
    if (c->st == FM_CELL_SMALL)
        return (fm_gcell){FM_GC_SMALL, "<5", 0, 0.0};
    if (c->st == FM_CELL_HIDDEN)
        return (fm_gcell){FM_GC_HIDDEN, "..", 0, 0.0};
    return (fm_gcell){FM_GC_INT, NULL, c->v, 0.0};
}

fm_rc fm_outcomes_section(const fm_outcomes *o, fm_section *sec)
{
    fm_gcell *g;
    sec->sheet = "Utfall";
    sec->title = "Utfall efter avslut (outcomes of ended employments, seed 002)";
    sec->nrows = o->n + 1;
    sec->ncols = SEC_COLS;
    sec->cells = calloc(sec->nrows * sec->ncols + 1, sizeof *sec->cells);
    if (!sec->cells)
        return FM_ENOMEM;
    g = sec->cells;
    g[0] = (fm_gcell){FM_GC_TEXT, "Grupp", 0, 0.0};
    g[1] = (fm_gcell){FM_GC_TEXT, "Värde", 0, 0.0};
    for (int c = 0; c < O_NCOLS; c++)
        g[2 + c] = (fm_gcell){FM_GC_TEXT, col_sv[c], 0, 0.0};
    g[2 + O_NCOLS] = (fm_gcell){FM_GC_TEXT, "Andel lyckade", 0, 0.0};
    g[3 + O_NCOLS] = (fm_gcell){FM_GC_TEXT, "Dagar per person", 0, 0.0};
    for (size_t i = 0; i < o->n; i++) {
        const orow *r = &o->rows[i];
        fm_gcell *row = &g[(i + 1) * SEC_COLS];
        row[0] = (fm_gcell){FM_GC_TEXT, r->group, 0, 0.0};
        row[1] = (fm_gcell){FM_GC_TEXT, r->key, 0, 0.0};
        for (int c = 0; c < O_NCOLS; c++)
            row[2 + c] = count_cell(&r->c[c]);
        row[2 + O_NCOLS] = r->share.shown ? (fm_gcell){FM_GC_SHARE, NULL, 0, r->share.v}
                                          : (fm_gcell){FM_GC_HIDDEN, "..", 0, 0.0};
        row[3 + O_NCOLS] = r->days_shown ? (fm_gcell){FM_GC_NUMBER, NULL, 0, r->days_per_person}
                                         : (fm_gcell){FM_GC_HIDDEN, "..", 0, 0.0};
    }
    return FM_OK;
}

/* A CSV cell for Swedish Excel: shares as "47,0%", days with one decimal comma. */
static fm_rc csv_cell(fm_buf *b, const fm_gcell *c)
{
    char tmp[48], *dot;
    switch (c->kind) {
    case FM_GC_INT:
        return fm_buf_addf(b, "%lld", c->i);
    case FM_GC_SHARE:
        snprintf(tmp, sizeof tmp, "%.1f%%", c->d * 100.0);
        break;
    case FM_GC_NUMBER:
        snprintf(tmp, sizeof tmp, "%.1f", c->d);
        break;
    case FM_GC_EMPTY:
        return FM_OK;
    default:
        return fm_csv_put_cell(b, c->text ? c->text : "", ';');
    }
    dot = strchr(tmp, '.');
    if (dot)
        *dot = ',';
    return fm_buf_adds(b, tmp);
}

fm_rc fm_outcomes_to_csv(const fm_outcomes *o, char **out, size_t *len, fm_err *err)
{
    fm_section sec = {0};
    fm_buf b = FM_BUF_INIT;
    fm_rc rc = fm_outcomes_section(o, &sec);

    *out = NULL;
    *len = 0;
    if (!rc)
        rc = fm_buf_addf(&b, "\xEF\xBB\xBF%s %s..%s\r\n", sec.title, o->from, o->to);
    for (size_t r = 0; r < sec.nrows && !rc; r++) {
        for (size_t c = 0; c < sec.ncols && !rc; c++) {
            if (c)
                rc = fm_buf_addch(&b, ';');
            if (!rc)
                rc = csv_cell(&b, &sec.cells[r * sec.ncols + c]);
        }
        if (!rc)
            rc = fm_buf_adds(&b, "\r\n");
    }
    free(sec.cells);
    if (rc) {
        fm_buf_release(&b);
        return fm_err_set(err, FM_ENOMEM, "outcomes: out of memory");
    }
    *out = fm_buf_detach(&b, len);
    return *out ? FM_OK : fm_err_set(err, FM_ENOMEM, "outcomes: out of memory");
}

/* ---- people hired (seed 003 counts "503 personer") ---- */

struct fm_hired_people {
    fm_rcell c[2][4]; /* month, cumulative x woman, man, other, total */
};

fm_rc fm_hired_people_build(fm_store *s, const char *mfrom, const char *cfrom, const char *to,
                            bool steering, fm_hired_people **out, fm_err *err)
{
    fm_hired_people *h = calloc(1, sizeof *h);
    const char *from[2] = {mfrom, cfrom};
    fm_supp sp = {0};
    fm_rc rc = h ? FM_OK : fm_err_set(err, FM_ENOMEM, "report: out of memory");

    for (int p = 0; p < 2 && !rc; p++) {
        long long n[3];
        rc = fm_store_hired_people(s, from[p], to, n, err);
        for (int g = 0; !rc && g < 3; g++) {
            h->c[p][g].v = n[g];
            h->c[p][3].v += n[g];
        }
    }
    for (int p = 0; p < 2 && !rc; p++) {
        fm_rcell *row[] = {&h->c[p][0], &h->c[p][1], &h->c[p][2], &h->c[p][3]};
        for (int g = 0; g < 4 && !rc; g++)
            rc = fm_supp_cell(&sp, row[g]);
        if (!rc)
            rc = fm_supp_eq(&sp, row, 4);
        if (rc)
            rc = fm_err_set(err, FM_ENOMEM, "report: out of memory");
    }
    if (!rc && steering)
        rc = fm_supp_run(&sp);
    fm_supp_release(&sp);
    if (rc) {
        free(h);
        h = NULL;
    }
    *out = h;
    return rc;
}

fm_rcell *fm_hired_people_row(fm_hired_people *h, int period)
{
    return h->c[period ? 1 : 0];
}

void fm_hired_people_free(fm_hired_people *h)
{
    free(h);
}

cJSON *fm_hired_people_json(const fm_hired_people *h)
{
    static const char *const keys[] = {"woman", "man", "other", "total"};
    static const char *const periods[] = {"month", "cumulative"};
    cJSON *o = cJSON_CreateObject();
    for (int p = 0; o && p < 2; p++) {
        cJSON *q = cJSON_CreateObject();
        if (!q || !cJSON_AddItemToObject(o, periods[p], q)) {
            cJSON_Delete(q);
            cJSON_Delete(o);
            return NULL;
        }
        for (int g = 0; g < 4; g++)
            cJSON_AddItemToObject(q, keys[g], count_json(&h->c[p][g]));
    }
    return o;
}

fm_rc fm_hired_people_section(const fm_hired_people *h, fm_section *sec)
{
    static const char *const heads[] = {"", "Kvinnor", "Män", "Annat", "Totalt"};
    static const char *const periods[] = {"Månaden", "Sedan start"};
    sec->sheet = "Personer";
    sec->title = "Personer anställda (people hired; an extension is not a hire)";
    sec->nrows = 3;
    sec->ncols = 5;
    sec->cells = calloc(sec->nrows * sec->ncols + 1, sizeof *sec->cells);
    if (!sec->cells)
        return FM_ENOMEM;
    for (int c = 0; c < 5; c++)
        sec->cells[c] = (fm_gcell){FM_GC_TEXT, heads[c], 0, 0.0};
    for (int p = 0; p < 2; p++) {
        sec->cells[(p + 1) * 5] = (fm_gcell){FM_GC_TEXT, periods[p], 0, 0.0};
        for (int g = 0; g < 4; g++)
            sec->cells[(p + 1) * 5 + 1 + g] = count_cell(&h->c[p][g]);
    }
    return FM_OK;
}
