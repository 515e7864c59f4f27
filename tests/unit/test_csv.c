/* test_csv.c - encodings, delimiters, quoting, line numbers and helpers (src/store/csv.c). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "fairmatch/csv.h"

static fm_csv_table *parse(const char *data, size_t len)
{
    fm_csv_table *t = NULL;
    fm_err err = {0};
    cr_assert_eq(fm_csv_parse(data, len, &t, &err), FM_OK, "%s", err.msg);
    return t;
}

#define PARSE(lit) parse((lit), sizeof(lit) - 1)

static const char *field(const fm_csv_table *t, size_t r, size_t f)
{
    cr_assert_lt(r, t->nrecords);
    cr_assert_lt(f, t->records[r].nfields);
    return t->records[r].fields[f].text;
}

Test(csv, windows_1252_crlf_semicolon_keeps_swedish_letters)
{
    /* "ID;Namn\r\nA;Äldre Åsa Ölund café\r\n" in Windows-1252. */
    fm_csv_table *t = PARSE("ID;Namn\r\nA;\xC4ldre \xC5sa \xD6lund caf\xE9\r\n");
    cr_assert_eq(t->encoding, FM_CSV_CP1252);
    cr_assert_eq(t->delimiter, ';');
    cr_assert_eq(t->nrecords, 2);
    cr_assert_str_eq(field(t, 1, 1), "Äldre Åsa Ölund café");
    cr_assert_eq(t->records[1].line, 2);
    fm_csv_table_free(t);
}

Test(csv, cp1252_punctuation_maps_to_unicode)
{
    fm_csv_table *t = PARSE("a\n\x80 \x96 \x93x\x94\n");
    cr_assert_eq(t->encoding, FM_CSV_CP1252);
    cr_assert_str_eq(field(t, 1, 0), "€ – “x”");
    fm_csv_table_free(t);
}

Test(csv, utf8_bom_is_dropped_and_detected)
{
    fm_csv_table *t = PARSE("\xEF\xBB\xBFid,namn\n1,Åsa\n");
    cr_assert_eq(t->encoding, FM_CSV_UTF8_BOM);
    cr_assert_eq(t->delimiter, ',');
    cr_assert_str_eq(field(t, 0, 0), "id");
    cr_assert_str_eq(field(t, 1, 1), "Åsa");
    fm_csv_table_free(t);
}

Test(csv, tab_delimiter_detected_from_header)
{
    fm_csv_table *t = PARSE("id\tminuter per pass\tplats\nF1\t15\tStadshuset, hörsalen\n");
    cr_assert_eq(t->delimiter, '\t');
    cr_assert_eq(t->records[1].nfields, 3);
    cr_assert_str_eq(field(t, 1, 2), "Stadshuset, hörsalen");
    fm_csv_table_free(t);
}

Test(csv, excel_sep_line_names_the_delimiter_and_is_not_the_header)
{
    /* The header alone would say ',' (two commas, one semicolon). */
    fm_csv_table *t = PARSE("SEP=;\r\nid;namn, fullt;a,b\r\nX;Y;Z\r\n");
    cr_assert_eq(t->delimiter, ';');
    cr_assert_eq(t->nrecords, 2);
    cr_assert_str_eq(field(t, 0, 0), "id");
    cr_assert_str_eq(field(t, 0, 1), "namn, fullt");
    cr_assert_eq(t->records[0].line, 2, "line numbers stay physical");
    cr_assert_eq(t->records[1].line, 3);
    fm_csv_table_free(t);

    /* A header that merely starts like one is a header. */
    t = PARSE("sep=;x;y\n1;2;3\n");
    cr_assert_eq(t->nrecords, 2);
    cr_assert_str_eq(field(t, 0, 0), "sep=");
    cr_assert_eq(t->records[0].line, 1);
    fm_csv_table_free(t);
}

Test(csv, delimiters_inside_quotes_do_not_count_for_detection)
{
    fm_csv_table *t = PARSE("\"a;b;c\",d\n1,2\n");
    cr_assert_eq(t->delimiter, ',');
    cr_assert_str_eq(field(t, 0, 0), "a;b;c");
    fm_csv_table_free(t);
}

Test(csv, rfc4180_quotes_delimiters_and_newlines)
{
    fm_csv_table *t = PARSE("a,b,c\r\n1,\"x, \"\"y\"\"\r\nz\",3\r\n4,5,6\r\n");
    cr_assert_eq(t->nrecords, 3);
    cr_assert_str_eq(field(t, 1, 1), "x, \"y\"\nz");
    cr_assert(t->records[1].fields[1].quoted);
    cr_assert_eq(t->records[1].line, 2);
    /* The record after a two-line field starts on physical line 4. */
    cr_assert_eq(t->records[2].line, 4);
    cr_assert_str_eq(field(t, 2, 2), "6");
    fm_csv_table_free(t);
}

Test(csv, blank_lines_are_skipped_but_counted)
{
    fm_csv_table *t = PARSE("a,b\n\n1,2\r\n\r\n3,4");
    cr_assert_eq(t->nrecords, 3);
    cr_assert_eq(t->records[1].line, 3);
    cr_assert_eq(t->records[2].line, 5);
    cr_assert_str_eq(field(t, 2, 1), "4");
    fm_csv_table_free(t);
}

Test(csv, trailing_delimiter_gives_empty_last_field)
{
    fm_csv_table *t = PARSE("a;b;\n1;2;");
    cr_assert_eq(t->records[1].nfields, 3);
    cr_assert_str_eq(field(t, 1, 2), "");
    fm_csv_table_free(t);
}

Test(csv, unterminated_quote_is_reported_on_its_record)
{
    fm_csv_table *t = PARSE("a,b\n1,\"open\n2,3\n");
    cr_assert_eq(t->nrecords, 2);
    cr_assert_not_null(t->records[1].problem);
    cr_assert_eq(t->records[1].problem_field, 1);
    cr_assert_eq(t->records[1].line, 2);
    fm_csv_table_free(t);
}

Test(csv, text_after_closing_quote_is_a_problem)
{
    fm_csv_table *t = PARSE("a,b\n\"x\"y,2\n");
    cr_assert_not_null(t->records[1].problem);
    cr_assert_eq(t->records[1].problem_field, 0);
    cr_assert_str_eq(field(t, 1, 1), "2");
    fm_csv_table_free(t);
}

Test(csv, mixed_encodings_flag_the_bad_field_only)
{
    fm_csv_table *t = PARSE("a,b\nÅsa,V\xE5rd\n");
    cr_assert_eq(t->encoding, FM_CSV_MIXED);
    cr_assert_eq(t->records[1].fields[0].bad_byte, -1);
    cr_assert_str_eq(field(t, 1, 0), "Åsa");
    cr_assert_eq(t->records[1].fields[1].bad_byte, 0xE5);
    cr_assert_str_eq(field(t, 1, 1), "");
    fm_csv_table_free(t);
}

Test(csv, undefined_cp1252_byte_and_nul_are_bad)
{
    fm_csv_table *t = PARSE("a,b\n\x81x,y\0z\n");
    cr_assert_eq(t->encoding, FM_CSV_CP1252);
    cr_assert_eq(t->records[1].fields[0].bad_byte, 0x81);
    cr_assert_eq(t->records[1].fields[1].bad_byte, 0);
    fm_csv_table_free(t);
}

Test(csv, lone_cr_line_ends)
{
    fm_csv_table *t = PARSE("a,b\r1,2\r3,4\r");
    cr_assert_eq(t->nrecords, 3);
    cr_assert_eq(t->records[2].line, 3);
    fm_csv_table_free(t);
}

Test(csv, empty_input_has_no_records)
{
    fm_csv_table *t = parse("", 0);
    cr_assert_eq(t->nrecords, 0);
    fm_csv_table_free(t);
    t = PARSE("\xEF\xBB\xBF");
    cr_assert_eq(t->nrecords, 0);
    fm_csv_table_free(t);
}

Test(csv, header_names_compare_like_users_mean_them)
{
    cr_assert(fm_csv_header_eq("ANSTÄLLDA", "anställda"));
    cr_assert(fm_csv_header_eq(" Kön ", "kön"));
    cr_assert(fm_csv_header_eq("FÖDELSEÅR", "födelseår"));
    cr_assert(fm_csv_header_eq("Minuter_per_pass", "minuter per pass"));
    cr_assert(fm_csv_header_eq("Period_Minutes", "period_minutes"));
    cr_assert(!fm_csv_header_eq("anstallda", "anställda"));
    cr_assert(!fm_csv_header_eq("kön2", "kön"));
    cr_assert(!fm_csv_header_eq("", "id"));
}

Test(csv, decimal_comma_and_point)
{
    double v = 0;
    cr_assert(fm_csv_parse_decimal("62,5", &v));
    cr_assert_float_eq(v, 62.5, 1e-9);
    cr_assert(fm_csv_parse_decimal(" 75 ", &v));
    cr_assert_float_eq(v, 75.0, 1e-9);
    cr_assert(fm_csv_parse_decimal("12.25", &v));
    cr_assert_float_eq(v, 12.25, 1e-9);
    v = -1;
    cr_assert(!fm_csv_parse_decimal("1,000.5", &v));
    cr_assert(!fm_csv_parse_decimal("1 000", &v));
    cr_assert(!fm_csv_parse_decimal("abc", &v));
    cr_assert(!fm_csv_parse_decimal(",", &v));
    cr_assert(!fm_csv_parse_decimal("", &v));
    cr_assert_float_eq(v, -1.0, 1e-9);
}

Test(csv, utf16_with_bom_both_byte_orders)
{
    /* "id\tnamn\r\n1\tÅsa 😀\r\n" as UTF-16LE, then BE; the emoji needs a surrogate pair. */
    static const char le[] = "\xFF\xFEi\0d\0\t\0n\0a\0m\0n\0\r\0\n\0001\0\t\0\xC5\0s\0a\0 \0"
                             "\x3D\xD8\x00\xDE\r\0\n\0";
    static const char be[] = "\xFE\xFF\0i\0d\0\t\0n\0a\0m\0n\0\r\0\n\0001\0\t\0\xC5\0s\0a\0 "
                             "\xD8\x3D\xDE\x00\0\r\0\n";
    const char *inputs[] = {le, be};
    size_t lens[] = {sizeof le - 1, sizeof be - 1};
    for (int i = 0; i < 2; i++) {
        fm_csv_table *t = parse(inputs[i], lens[i]);
        cr_assert_eq(t->encoding, FM_CSV_UTF16);
        cr_assert_eq(t->delimiter, '\t');
        cr_assert_eq(t->nrecords, 2);
        cr_assert_str_eq(field(t, 0, 1), "namn");
        cr_assert_str_eq(field(t, 1, 1), "Åsa 😀");
        fm_csv_table_free(t);
    }
}

Test(csv, utf16_unpaired_surrogate_is_flagged)
{
    fm_csv_table *t = PARSE("\xFF\xFE"
                            "a\0\n\0\x00\xD8x\0\n\0");
    cr_assert_eq(t->encoding, FM_CSV_UTF16);
    cr_assert_eq(t->records[1].fields[0].bad_byte, 0xFF);
    fm_csv_table_free(t);
}

static char *cell(const char *t, char delim)
{
    static char out[256];
    fm_buf b = FM_BUF_INIT;
    cr_assert_eq(fm_csv_put_cell(&b, t, delim), FM_OK);
    snprintf(out, sizeof out, "%s", b.data ? b.data : "");
    fm_buf_release(&b);
    return out;
}

Test(csv, put_cell_guards_formulas_and_quotes_like_rfc4180)
{
    cr_assert_str_eq(cell("=HYPERLINK(\"x\")", ','), "\"'=HYPERLINK(\"\"x\"\")\"");
    cr_assert_str_eq(cell("=cmd|' /C calc'!A0", ','), "'=cmd|' /C calc'!A0");
    cr_assert_str_eq(cell("+46 70", ';'), "'+46 70");
    cr_assert_str_eq(cell("-1", ';'), "'-1");
    cr_assert_str_eq(cell("@SUM(A1)", ';'), "'@SUM(A1)");
    cr_assert_str_eq(cell("'x", ';'), "''x");
    cr_assert_str_eq(cell("a;b", ';'), "\"a;b\"");
    cr_assert_str_eq(cell("a;b", ','), "a;b");
    cr_assert_str_eq(cell("Åsa", ','), "Åsa");
    cr_assert_str_eq(cell("", ','), "");
}

Test(csv, unguard_takes_off_exactly_the_apostrophe_put_cell_added)
{
    static const char *const values[] = {"=1+1", "+4670", "-3",  "@x", "\tx", "'",
                                         "'x",   "''",    "'=y", "x'", "",    "Bo"};
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        char *csv = cell(values[i], ','), back[64];
        fm_csv_table *t = NULL;
        fm_err err = {0};
        char line[80];
        snprintf(line, sizeof line, "h\n%s\n", csv);
        cr_assert_eq(fm_csv_parse(line, strlen(line), &t, &err), FM_OK);
        snprintf(back, sizeof back, "%s", t->nrecords > 1 ? t->records[1].fields[0].text : "");
        fm_csv_unguard(back);
        cr_assert_str_eq(back, values[i], "value %zu", i);
        fm_csv_table_free(t);
    }
    {
        char s[] = "'Ali";
        cr_assert(!fm_csv_unguard(s));
        cr_assert_str_eq(s, "'Ali");
    }
}
