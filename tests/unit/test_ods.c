/*
 * test_ods.c - the OpenDocument reader (src/store/ods.c) on the fixtures
 * tests/fixtures/import/make_ods.py wrote (committed beside it): every kind
 * of cell, repeated cells and rows, sheets, text columns, refusals. The
 * importer's use of the records is test_import_ods.sh's business.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/ods.h"
#include "fairmatch/xlsx.h"
#include "test_files.h"

static fm_rc read_ods(const char *name, const char *sheet, const char *const *text,
                      fm_csv_table **t, fm_err *err)
{
    char path[512];
    size_t len;
    char *data;
    fm_rc rc;

    snprintf(path, sizeof path, "%s/tests/fixtures/import/%s", FM_SOURCE_DIR, name);
    data = test_slurp(path, &len);
    rc = fm_ods_read(data, len, name, sheet, text, t, err);
    free(data);
    return rc;
}

Test(ods, renders_every_kind_of_cell_as_the_importer_expects)
{
    static const char *const want[] = {"one\ntwo", "a   b\tc\nd", "\xc3\x85sa", "x",     "62.5",
                                       "3",        "-4",          "1e+20",      "0.1",   "62.5",
                                       "1500",     "2018-01-15",  "2018-01-15", "09:00", "13:30:15",
                                       "yes",      "no"};
    const size_t n = sizeof want / sizeof want[0];
    fm_csv_table *t = NULL;
    fm_err err = {0};

    cr_assert_eq(read_ods("values.ods", NULL, NULL, &t, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(t->encoding, FM_CSV_UTF8);
    cr_assert_str_eq(t->records[0].fields[1].text, "v");
    for (size_t i = 0; i < n; i++) {
        const fm_csv_record *r = &t->records[i + 1];
        cr_assert_eq(r->line, (long)i + 2);
        cr_assert_eq(r->nfields, 2);
        cr_assert_null(r->problem);
        cr_assert_eq(r->fields[1].bad_byte, -1);
        cr_assert_eq(r->fields[1].len, strlen(want[i]));
        cr_assert_str_eq(r->fields[1].text, want[i], "row %zu", i + 2);
    }
    fm_csv_table_free(t);
}

Test(ods, repeated_cells_and_rows_stand_for_as_many_and_empty_ones_cost_nothing)
{
    fm_csv_table *t = NULL;
    fm_err err = {0};
    const fm_csv_record *r;
    long base = 19; /* the row after the 17 values and the header */

    cr_assert_eq(read_ods("values.ods", NULL, NULL, &t, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(t->nrecords, 1 + 17 + 1 + 2 + 1);
    r = &t->records[18];
    cr_assert_eq(r->line, base);
    cr_assert_eq(r->nfields, 4);
    cr_assert_str_eq(r->fields[0].text, "");
    for (size_t i = 1; i < 4; i++)
        cr_assert_str_eq(r->fields[i].text, "r");
    /* A million empty rows later, one row twice: two records on their own lines. */
    cr_assert_eq(t->records[19].line, base + 1 + 1000000);
    cr_assert_eq(t->records[20].line, base + 1 + 1000000 + 1);
    cr_assert_str_eq(t->records[19].fields[0].text, "twice");
    cr_assert_str_eq(t->records[20].fields[0].text, "twice");
    cr_assert_neq(t->records[19].fields[0].text, t->records[20].fields[0].text);
    /* A covered cell is a cell; a table inside a cell gives no rows of its own. */
    r = &t->records[21];
    cr_assert_eq(r->nfields, 2);
    cr_assert_str_eq(r->fields[1].text, "outer");
    fm_csv_table_free(t);
}

Test(ods, reads_the_first_sheet_or_the_one_named)
{
    fm_csv_table *t = NULL;
    fm_err err = {0};

    cr_assert_eq(read_ods("departments_sheets.ods", NULL, NULL, &t, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(t->nrecords, 1);
    fm_csv_table_free(t);
    cr_assert_eq(read_ods("departments_sheets.ods", "Förvaltningar", NULL, &t, &err), FM_OK);
    cr_assert_eq(t->nrecords, 3);
    cr_assert_str_eq(t->records[2].fields[0].text, "ALF");
    cr_assert_eq(t->records[2].line, 7, "after three blank rows and a row of empty cells");
    cr_assert_str_eq(t->records[2].fields[2].text, "3400");
    fm_csv_table_free(t);
    cr_assert_eq(read_ods("departments_sheets.ods", "Nope", NULL, &t, &err), FM_EINVAL);
    cr_assert_null(t);
    cr_assert_str_eq(err.msg, "departments_sheets.ods: no sheet named \"Nope\" (the sheets are "
                              "\"Instruktioner\", \"F\xc3\xb6rvaltningar\")");
}

Test(ods, a_number_in_a_text_column_is_the_rows_problem_without_its_digits)
{
    static const char *const text[] = {"personnummer", "telefon", NULL};
    fm_csv_table *t = NULL;
    fm_err err = {0};

    cr_assert_eq(read_ods("seekers_numbers.ods", NULL, text, &t, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(t->nrecords, 4);
    cr_assert_str_eq(t->records[1].problem, "is a number in the workbook; enter it as text");
    cr_assert_eq(t->records[1].problem_field, 4);
    cr_assert_str_eq(t->records[1].fields[4].text, "");
    cr_assert_eq(t->records[2].problem_field, 5);
    cr_assert_null(t->records[3].problem);
    fm_csv_table_free(t);
    /* Without text columns the number is a value like any other. */
    cr_assert_eq(read_ods("seekers_numbers.ods", NULL, NULL, &t, &err), FM_OK, "%s", err.msg);
    cr_assert_str_eq(t->records[1].fields[4].text, "198112189876");
    fm_csv_table_free(t);
}

Test(ods, refuses_encrypted_oversized_repeated_and_non_zip_files)
{
    static const struct {
        const char *file, *says;
    } cases[] = {
        {"encrypted.ods", "password-protected (encrypted)"},
        {"repeat_bomb.ods", "more than 200000 rows"},
        {"wide.ods", "beyond column 1024"},
        {"not_zip.ods", "not an .ods spreadsheet (it is not a zip archive"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fm_csv_table *t = NULL;
        fm_err err = {0};
        cr_assert_eq(read_ods(cases[i].file, NULL, NULL, &t, &err), FM_EINVAL, "%s", cases[i].file);
        cr_assert_null(t);
        cr_assert_not_null(strstr(err.msg, cases[i].says), "%s: %s", cases[i].file, err.msg);
        cr_assert_eq(strncmp(err.msg, cases[i].file, strlen(cases[i].file)), 0);
    }
}

Test(ods, tells_an_ods_from_an_xlsx_and_from_other_bytes)
{
    char path[512];
    size_t len;
    char *data;

    snprintf(path, sizeof path, "%s/tests/fixtures/import/seekers.ods", FM_SOURCE_DIR);
    data = test_slurp(path, &len);
    cr_assert(fm_ods_is_ods(data, len));
    cr_assert(fm_xlsx_is_zip(data, len));
    /* Without "mimetype" first, content.xml still says what it is. */
    memcpy(data + 30, "nimetype", 8);
    cr_assert(fm_ods_is_ods(data, len));
    /* A header cut off inside the name: nothing is read past the end (fuzz_ods found it). */
    for (size_t n = 30; n < 40; n++) {
        char *cut = malloc(n);
        cr_assert_not_null(cut);
        memcpy(cut, data, n);
        cr_assert_not(fm_ods_is_ods(cut, n));
        free(cut);
    }
    free(data);
    cr_assert_not(fm_ods_is_ods("id;namn\n", 8));
    cr_assert_not(fm_ods_is_ods("PK\x03\x04", 4));
}
