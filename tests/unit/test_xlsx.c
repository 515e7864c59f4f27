/*
 * test_xlsx.c - the workbook reader (src/store/xlsx.c) on workbooks that
 * tests/fixtures/import/make_xlsx.py writes into a temporary directory:
 * every kind of cell, dates in both systems, gaps, sheets, refusals. The
 * importer's use of the records is test_import_xlsx.sh's business.
 */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/buf.h"
#include "fairmatch/xlsx.h"

static char dir[] = "/tmp/fm_test_xlsx_XXXXXX";

static void make(const char *maker)
{
    char cmd[512];
    cr_assert_not_null(mkdtemp(dir));
    snprintf(cmd, sizeof cmd, "python3 %s/tests/fixtures/import/make_xlsx.py %s %s", FM_SOURCE_DIR,
             dir, maker);
    cr_assert_eq(system(cmd), 0, "%s", cmd);
}

static void cleanup(void)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_assert_eq(system(cmd), 0);
}

/* Read dir/name whole; returns a malloc'd buffer. */
static char *slurp(const char *name, size_t *len)
{
    char path[512];
    fm_buf b = FM_BUF_INIT;
    fm_err err = {0};
    char *buf;

    snprintf(path, sizeof path, "%s/%s", dir, name);
    cr_assert_eq(fm_buf_read_file(&b, path, SIZE_MAX, &err), FM_OK, "%s", err.msg);
    buf = fm_buf_detach(&b, len);
    cr_assert_not_null(buf);
    return buf;
}

static fm_rc read_book(const char *name, const char *sheet, const char *const *text,
                       fm_csv_table **t, fm_err *err)
{
    size_t len;
    char *data = slurp(name, &len);
    fm_rc rc = fm_xlsx_read(data, len, name, sheet, text, t, err);
    free(data);
    return rc;
}

static void setup_values(void)
{
    make("values");
}

Test(xlsx, renders_every_kind_of_cell_as_the_importer_expects, .init = setup_values,
     .fini = cleanup)
{
    static const char *const want[] = {
        "1900-01-01",  "1900-02-28", "1900-02-29", "1900-03-01", "2018-01-15 18:00",
        "12:00",       "09:00",      "2018-01-15", "2018-01-15", "62.5",
        "3.0",         "3",          "62.5",       "7",          "0.1",
        "12",          "1e+20",      "-4",         "yes",        "no",
        "a\rb_x0041_", "  keep  ",   "\xc3\x85sa"};
    const size_t n = sizeof want / sizeof want[0];
    fm_csv_table *t = NULL;
    fm_err err = {0};

    cr_assert_eq(read_book("values.xlsx", NULL, NULL, &t, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(t->nrecords, n + 1);
    cr_assert_str_eq(t->records[0].fields[1].text, "v");
    for (size_t i = 0; i < n; i++) {
        const fm_csv_record *r = &t->records[i + 1];
        cr_assert_eq(r->line, (long)i + 2);
        cr_assert_eq(r->nfields, 2);
        cr_assert_null(r->problem);
        cr_assert_eq(r->fields[1].bad_byte, -1);
        cr_assert_str_eq(r->fields[1].text, want[i], "row %zu", i + 2);
    }
    fm_csv_table_free(t);
}

Test(xlsx, reads_dates_of_the_1904_system, .init = setup_values, .fini = cleanup)
{
    fm_csv_table *t = NULL;
    fm_err err = {0};

    cr_assert_eq(read_book("values1904.xlsx", NULL, NULL, &t, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(t->nrecords, 4);
    cr_assert_str_eq(t->records[1].fields[0].text, "1904-01-01");
    cr_assert_str_eq(t->records[2].fields[0].text, "1904-01-02");
    cr_assert_str_eq(t->records[3].fields[0].text, "2018-01-15");
    fm_csv_table_free(t);
}

static void setup_seekers(void)
{
    make("seekers bad_cells sheets");
}

Test(xlsx, fills_gaps_and_numbers_rows_as_the_sheet_does, .init = setup_seekers, .fini = cleanup)
{
    fm_csv_table *t = NULL;
    fm_err err = {0};

    cr_assert_eq(read_book("seekers_sv.xlsx", NULL, NULL, &t, &err), FM_OK, "%s", err.msg);
    /* Rows 1, 2, 4 and 7: row 3 holds only a formatted empty cell. */
    cr_assert_eq(t->nrecords, 4);
    cr_assert_eq(t->records[2].line, 4);
    cr_assert_eq(t->records[3].line, 7);
    cr_assert_str_eq(t->records[0].fields[0].text, "k\xc3\xb6n");
    cr_assert_str_eq(t->records[1].fields[3].text, "Ren\xc3\xa9"
                                                   "e");
    cr_assert_str_eq(t->records[1].fields[12].text, "two\nline note");
    cr_assert_eq(t->records[3].nfields, 8);
    cr_assert_str_eq(t->records[3].fields[4].text, "");
    cr_assert_str_eq(t->records[3].fields[7].text, "9629");
    fm_csv_table_free(t);
}

Test(xlsx, marks_a_number_in_a_text_column_without_keeping_it, .init = setup_seekers,
     .fini = cleanup)
{
    static const char *const text[] = {"personal_number", "personnummer", "phone", "telefon", NULL};
    fm_csv_table *t = NULL;
    fm_err err = {0};

    cr_assert_eq(read_book("seekers_numbers.xlsx", NULL, text, &t, &err), FM_OK, "%s", err.msg);
    cr_assert_not_null(t->records[1].problem);
    cr_assert_eq(t->records[1].problem_field, 4);
    cr_assert_str_eq(t->records[1].fields[4].text, "");
    cr_assert_eq(t->records[2].problem_field, 5);
    cr_assert_str_eq(t->records[2].fields[5].text, "");
    cr_assert_not_null(strstr(t->records[3].problem, "error value"));
    cr_assert_null(t->records[4].problem);
    fm_csv_table_free(t);
    /* Without text columns the number is a number. */
    cr_assert_eq(read_book("seekers_numbers.xlsx", NULL, NULL, &t, &err), FM_OK, "%s", err.msg);
    cr_assert_null(t->records[1].problem);
    cr_assert_str_eq(t->records[1].fields[4].text, "198112189876");
    fm_csv_table_free(t);
}

Test(xlsx, picks_a_sheet_by_name_and_names_the_sheets_when_absent, .init = setup_seekers,
     .fini = cleanup)
{
    fm_csv_table *t = NULL;
    fm_err err = {0};

    cr_assert_eq(read_book("departments_sheets.xlsx", "F\xc3\xb6rvaltningar", NULL, &t, &err),
                 FM_OK, "%s", err.msg);
    cr_assert_eq(t->nrecords, 3);
    cr_assert_str_eq(t->records[2].fields[2].text, "3400");
    fm_csv_table_free(t);
    cr_assert_eq(read_book("departments_sheets.xlsx", "Nope", NULL, &t, &err), FM_EINVAL);
    cr_assert_null(t);
    cr_assert_not_null(strstr(err.msg, "\"Instruktioner\", \"F\xc3\xb6rvaltningar\""), "%s",
                       err.msg);
}

static void setup_refusals(void)
{
    make("bomb others");
}

Test(xlsx, refuses_bombs_deep_xml_encrypted_and_non_zip_files, .init = setup_refusals,
     .fini = cleanup)
{
    static const struct {
        const char *file, *says;
    } cases[] = {
        {"bomb.xlsx", "unpacks to more than"},     {"bomb_lying.xlsx", "unpacks to more than"},
        {"deep.xlsx", "nests elements more than"}, {"encrypted.xlsx", "password-protected"},
        {"not_zip.xlsx", "not a zip archive"},     {"sheet.ods", "OpenDocument"},
        {"binary.xlsb", "binary Excel workbook"},  {"many_files.xlsx", "more than 10000 files"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fm_csv_table *t = NULL;
        fm_err err = {0};
        cr_assert_eq(read_book(cases[i].file, NULL, NULL, &t, &err), FM_EINVAL, "%s",
                     cases[i].file);
        cr_assert_null(t);
        cr_assert_not_null(strstr(err.msg, cases[i].says), "%s: %s", cases[i].file, err.msg);
    }
    cr_assert(fm_xlsx_is_encrypted("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"
                                   "E\0n\0c\0r\0y\0p\0t\0i\0o\0n\0I\0n\0f\0o\0",
                                   36));
    cr_assert_not(fm_xlsx_is_encrypted("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 Workbook", 17));
}
