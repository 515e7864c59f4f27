/*
 * import_rows.c - the row source of an import: the bytes read as CSV
 * (csv.c) or as a workbook's sheet (xlsx.c, ods.c), and the loop that puts
 * every data row through the structural checks and its kind's importer.
 * Header matching is import_header.c's; the transaction is import.c's.
 */
#include <string.h>
#include <strings.h>

#include "fairmatch/ods.h"
#include "fairmatch/xlsx.h"
#include "import_internal.h"

typedef void (*row_fn)(imp *im);
static const row_fn row_fns[] = {fm_import_row_department, fm_import_row_seeker, fm_import_row_fair,
                                 fm_import_row_position, fm_import_row_employment};

static bool blank_row(const fm_csv_record *r)
{
    for (size_t i = 0; i < r->nfields; i++)
        if (r->fields[i].text[0] || r->fields[i].bad_byte >= 0 || r->fields[i].quoted)
            return false;
    return true;
}

/*
 * Values longer than their column allows: refused before any parsing, and
 * never shown (only their length), so that a 50-MB name costs one message.
 */
static void check_lengths(imp *im, const fm_csv_record *r)
{
    for (int c = 0; c < im->spec->ncols; c++) {
        size_t max = im->spec->cols[c].max, i;
        if (!max || im->col[c] < 0)
            continue;
        i = (size_t)im->col[c];
        if (i < r->nfields && r->fields[i].len > max)
            fm_import_problem(im, c, "%zu bytes long; at most %zu bytes are allowed",
                              r->fields[i].len, max);
    }
}

/* Problems the CSV layer found in the row: quoting, encoding, values without a header. */
static void check_structure(imp *im, const fm_csv_record *r)
{
    const fm_csv_record *h = &im->t->records[0];
    char name[128];

    if (r->problem) {
        fm_import_column_name(h, r->problem_field, name, sizeof name);
        fm_import_problem_at(im, r->problem_field, r->line, name, "%s", r->problem);
    }
    for (size_t i = 0; i < r->nfields; i++) {
        fm_import_column_name(h, i, name, sizeof name);
        if (r->fields[i].bad_byte >= 0)
            fm_import_encoding_problem(im, i, r->line, name, &r->fields[i]);
        else if (i >= h->nfields && r->fields[i].text[0])
            fm_import_problem_at(im, i, r->line, name,
                                 "%s has no column header (the row has %zu fields, the header %zu; "
                                 "is a value with a delimiter missing its quotes?)",
                                 fm_import_quoted(im, r->fields[i].text), r->nfields, h->nfields);
    }
}

void fm_import_rows(imp *im, fm_import_kind kind)
{
    for (size_t i = 1; i < im->t->nrecords && !im->fatal; i++) {
        fm_csv_record *r = &im->t->records[i];
        for (size_t j = 0; j < r->nfields; j++) {
            fm_import_trim(&r->fields[j]);
            /* `list --format csv` guards formulas with one apostrophe; take it back off. */
            if (fm_csv_unguard(r->fields[j].text))
                r->fields[j].len--;
        }
        if (blank_row(r))
            continue;
        im->rec = r;
        im->row_bad = false;
        im->st.rows++;
        check_structure(im, r);
        check_lengths(im, r);
        if (!im->row_bad)
            row_fns[kind](im);
        fm_import_flush(im);
    }
}

static bool named(const char *file, const char *ext)
{
    size_t n = strlen(file), m = strlen(ext);
    return n >= m && !strcasecmp(file + n - m, ext);
}

/* A workbook's sheet (xlsx.c, ods.c) or the CSV file, as records; the rows then go the same way. */
fm_rc fm_import_read_table(imp *im, fm_import_kind kind, const char *data, size_t len)
{
    const colspec *sc = fm_import_kinds[FM_IMPORT_SEEKERS].cols;
    /* A number in these columns has lost its leading zeros: the cell is wrong, not the row. */
    const char *text_cols[] = {sc[S_PNR].en, sc[S_PNR].sv, sc[S_PHONE].en, sc[S_PHONE].sv, NULL};
    const char *const *text = kind == FM_IMPORT_SEEKERS ? text_cols : NULL;
    bool zip = fm_xlsx_is_zip(data, len);

    /* An old .xls instead of its CSV is the most likely wrong file; saying so
     * beats twenty messages about NUL bytes and missing columns. An
     * encrypted .xlsx is an OLE file too, which xlsx.c explains. */
    if (fm_xlsx_is_encrypted(data, len))
        return fm_xlsx_read(data, len, im->file, im->sheet, NULL, &im->t, im->err);
    if (len >= 8 && !memcmp(data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))
        return fm_err_set(im->err, FM_EINVAL,
                          "%s: this is an old Excel workbook (.xls), not CSV: save it from Excel "
                          "as \"CSV UTF-8\" or \"CSV (semikolonavgr\u00e4nsad)\" and import "
                          "that file",
                          im->file);
    if (zip ? fm_ods_is_ods(data, len) : named(im->file, ".ods"))
        return fm_ods_read(data, len, im->file, im->sheet, text, &im->t, im->err);
    if (!im->sheet && !zip && !named(im->file, ".xlsx") && !named(im->file, ".xlsm"))
        return fm_csv_parse(data, len, &im->t, im->err);
    return fm_xlsx_read(data, len, im->file, im->sheet, text, &im->t, im->err);
}
