/*
 * import_header.c - the columns of each kind (English and Swedish names,
 * required or not, longest value) and matching a file's header line to
 * them. Reading the values under those headers is import_fields.c's.
 */
#include <string.h>

#include "fairmatch/limits.h"
#include "import_internal.h"

static const colspec dept_cols[D_N] = {{"id", "id", true, FM_LIMIT_ID},
                                       {"name", "namn", true, FM_LIMIT_DEPARTMENT_NAME},
                                       {"employees", "anställda", true, 0},
                                       {"tables", "bord", false, 0}};

static const colspec seeker_cols[S_N] = {
    {"id", "id", true, FM_LIMIT_ID},
    {"first_name", "förnamn", true, FM_LIMIT_SEEKER_FIRST_NAME},
    {"last_name", "efternamn", true, FM_LIMIT_SEEKER_LAST_NAME},
    {"gender", "kön", true, 0},
    {"birth_year", "födelseår", false, 0},
    {"personal_number", "personnummer", false, FM_LIMIT_SEEKER_PERSONAL_NUMBER},
    {"eligibility", "målgrupp", false, FM_LIMIT_SEEKER_ELIGIBILITY},
    {"interests", "intressen", false, FM_LIMIT_SEEKER_INTERESTS},
    {"swedish_level", "svenska", false, 0},
    {"driving_licence", "körkort", false, 0},
    {"phone", "telefon", false, FM_LIMIT_SEEKER_PHONE},
    {"email", "epost", false, FM_LIMIT_SEEKER_EMAIL},
    {"registered", "inskriven", false, FM_LIMIT_DATE},
    {"education_level", "utbildningsnivå", false, 0},
    {"experience", "erfarenhet", false, FM_LIMIT_SEEKER_EXPERIENCE},
    {"extent_preference", "önskad omfattning", false, 0},
    {"screening", "bedömning", false, 0},
};

static const colspec fair_cols[F_N] = {{"id", "id", true, FM_LIMIT_ID},
                                       {"date", "datum", true, FM_LIMIT_DATE},
                                       {"start", "start", true, 0},
                                       {"period_minutes", "minuter per pass", true, 0},
                                       {"periods", "pass", true, 0},
                                       {"name", "namn", false, FM_LIMIT_FAIR_NAME},
                                       {"place", "plats", false, FM_LIMIT_FAIR_PLACE}};

static const colspec pos_cols[P_N] = {{"id", "id", true, FM_LIMIT_ID},
                                      {"department", "förvaltning", true, FM_LIMIT_ID},
                                      {"fair", "mässa", true, FM_LIMIT_ID},
                                      {"title", "titel", true, FM_LIMIT_POSITION_TITLE},
                                      {"occupation", "yrke", true, FM_LIMIT_POSITION_OCCUPATION},
                                      {"places", "platser", true, 0},
                                      {"requires_driving_licence", "kräver körkort", false, 0},
                                      {"min_swedish_level", "min svenska", false, 0},
                                      {"extent", "omfattning", false, 0}};

static const colspec emp_cols[E_N] = {{"seeker", "sökande", true, FM_LIMIT_ID},
                                      {"department", "förvaltning", true, FM_LIMIT_ID},
                                      {"decision_date", "beslutsdatum", true, FM_LIMIT_DATE},
                                      {"start_date", "startdatum", false, FM_LIMIT_DATE},
                                      {"end_date", "slutdatum", false, FM_LIMIT_DATE},
                                      {"end_reason", "avslutsorsak", false, 0},
                                      {"status_90", "status 90 dagar", false, 0},
                                      {"position", "tjänst", false, FM_LIMIT_ID},
                                      {"extent", "omfattning", false, 0},
                                      {"kind", "typ", false, 0},
                                      {"planned_end", "planerat slut", false, FM_LIMIT_DATE}};

const kindspec fm_import_kinds[FM_IMPORT_NKINDS] = {
    {"departments", dept_cols, D_N}, {"seekers", seeker_cols, S_N},  {"fairs", fair_cols, F_N},
    {"positions", pos_cols, P_N},    {"employments", emp_cols, E_N},
};

bool fm_import_kind_parse(const char *s, fm_import_kind *out)
{
    for (size_t i = 0; i < FM_IMPORT_NKINDS; i++) {
        if (!strcmp(s, fm_import_kinds[i].name)) {
            *out = (fm_import_kind)i;
            return true;
        }
    }
    return false;
}

const char *fm_import_kind_name(fm_import_kind kind)
{
    if ((size_t)kind < FM_IMPORT_NKINDS)
        return fm_import_kinds[kind].name;
    return "?";
}

/* Bytes of blank (space, tab, UTF-8 no-break space U+00A0) at s[i], or 0. */
size_t fm_import_blank_at(const char *s, size_t i, size_t n)
{
    if (s[i] == ' ' || s[i] == '\t')
        return 1;
    if (i + 1 < n && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0)
        return 2;
    return 0;
}

/* Bytes of blank ending just before s[b], or 0. */
static size_t blank_before(const char *s, size_t a, size_t b)
{
    if (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
        return 1;
    if (b >= a + 2 && (unsigned char)s[b - 2] == 0xC2 && (unsigned char)s[b - 1] == 0xA0)
        return 2;
    return 0;
}

/* Spreadsheets pad cells; Excel pastes no-break spaces. Neither is part of a value. */
void fm_import_trim(fm_csv_field *f)
{
    size_t a = 0, b = f->len, k;
    while (a < b && (k = fm_import_blank_at(f->text, a, b)) > 0)
        a += k;
    while ((k = blank_before(f->text, a, b)) > 0)
        b -= k;
    memmove(f->text, f->text + a, b - a);
    f->text[b - a] = '\0';
    f->len = b - a;
}

/* Which spec column, if any, header text h names; sets *sv for a Swedish-only match. */
static int match_header(const kindspec *k, const char *h, bool *sv)
{
    for (int c = 0; c < k->ncols; c++) {
        if (fm_csv_header_eq(h, k->cols[c].en))
            return c;
        if (fm_csv_header_eq(h, k->cols[c].sv)) {
            *sv = true;
            return c;
        }
    }
    return -1;
}

void fm_import_map_headers(imp *im)
{
    const fm_csv_record *h = &im->t->records[0];
    char name[128];

    for (int c = 0; c < im->spec->ncols; c++)
        im->col[c] = -1;
    for (size_t i = 0; i < h->nfields; i++) {
        bool sv = false;
        int c;
        fm_import_column_name(h, i, name, sizeof name);
        if (h->fields[i].bad_byte >= 0) {
            fm_import_encoding_problem(im, i, h->line, name, &h->fields[i]);
            continue;
        }
        c = match_header(im->spec, h->fields[i].text, &sv);
        if (c < 0)
            continue; /* extra columns are ignored */
        if (im->col[c] >= 0) {
            fm_import_problem_at(im, i, h->line, name,
                                 "column appears twice in the header (also column %d)",
                                 im->col[c] + 1);
            continue;
        }
        im->col[c] = (int)i;
        im->swedish |= sv;
    }
    if (h->problem) {
        fm_import_column_name(h, h->problem_field, name, sizeof name);
        fm_import_problem_at(im, h->problem_field, h->line, name, "%s", h->problem);
    }
    for (int c = 0; c < im->spec->ncols; c++)
        if (im->col[c] < 0 && im->spec->cols[c].required)
            fm_import_problem_at(im, h->nfields + (size_t)c, h->line,
                                 im->swedish ? im->spec->cols[c].sv : im->spec->cols[c].en,
                                 "required column is missing");
}
