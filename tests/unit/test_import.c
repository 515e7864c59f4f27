/*
 * test_import.c - the importer on in-memory databases (src/store/import.c):
 * header mapping, every kind of problem message, all-or-nothing, column-
 * aware idempotent updates, savepoints inside a caller's transaction.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "fairmatch/department.h"
#include "fairmatch/employment.h"
#include "fairmatch/fair.h"
#include "fairmatch/import.h"
#include "fairmatch/position.h"
#include "fairmatch/seeker.h"
#include "fairmatch/store.h"
#include "store/store_internal.h"

static fm_store *db;
static char problems[21][512];
static int nproblems;

static void sink(void *ctx, const char *line)
{
    (void)ctx;
    cr_assert_lt(nproblems, 21);
    snprintf(problems[nproblems++], sizeof problems[0], "%s", line);
}

static void setup(void)
{
    fm_err err = {0};
    cr_assert_eq(fm_store_open(":memory:", &db, &err), FM_OK, "%s", err.msg);
    nproblems = 0;
}

static void teardown(void)
{
    fm_store_close(db);
}

TestSuite(import, .init = setup, .fini = teardown);

static fm_rc import(fm_import_kind kind, const char *name, const char *data, fm_import_stats *st)
{
    fm_err err = {0};
    nproblems = 0;
    return fm_import_buffer(db, kind, name, data, strlen(data), "test", st, sink, NULL, &err);
}

static void ok(fm_import_kind kind, const char *data, long added, long updated)
{
    fm_import_stats st;
    fm_rc rc = import(kind, "ok.csv", data, &st);
    cr_assert_eq(rc, FM_OK, "%s", nproblems ? problems[0] : "no problem line");
    cr_assert_eq(st.added, added, "added %ld", st.added);
    cr_assert_eq(st.updated, updated, "updated %ld", st.updated);
}

/* Import must fail with exactly one problem line equal to want. */
static void fails_with(fm_import_kind kind, const char *data, const char *want)
{
    fm_import_stats st;
    cr_assert_eq(import(kind, "f.csv", data, &st), FM_EINVAL);
    cr_assert_eq(nproblems, 1, "%d problems, first: %s", nproblems, nproblems ? problems[0] : "");
    cr_assert_str_eq(problems[0], want);
    cr_assert_eq(st.added + st.updated, 0);
}

static void base(void)
{
    ok(FM_IMPORT_DEPARTMENTS, "id;namn;anställda\nUBF;Utbildning;6200\nALF;Äldre;2300\n", 2, 0);
    ok(FM_IMPORT_FAIRS, "id,date,start,period_minutes,periods\nF1,2018-03-14,09:00,15,16\n", 1, 0);
    ok(FM_IMPORT_SEEKERS, "id,first_name,last_name,gender\nS1,Åsa,Ek,k\nS2,Bo,Al,m\n", 2, 0);
}

static long count(const char *what)
{
    fm_err err = {0};
    size_t n = 0;
    if (!strcmp(what, "departments")) {
        fm_department *v = NULL;
        cr_assert_eq(fm_store_department_list(db, &v, &n, &err), FM_OK);
        fm_department_list_free(v, n);
    } else {
        fm_seeker *v = NULL;
        cr_assert_eq(fm_store_seeker_list(db, NULL, &v, &n, NULL, &err), FM_OK);
        fm_seeker_list_free(v, n);
    }
    return (long)n;
}

Test(import, swedish_headers_any_case_and_order_with_extra_columns)
{
    fm_department d;
    fm_err err = {0};
    ok(FM_IMPORT_DEPARTMENTS, "Kommentar;BORD;Anställda;NAMN;Id\nx;3;120;Kultur Åsö;KTF\n", 1, 0);
    cr_assert_eq(fm_store_department_get(db, "KTF", &d, &err), FM_OK);
    cr_assert_str_eq(d.name, "Kultur Åsö");
    cr_assert_eq(d.employees, 120);
    cr_assert_eq(d.tables, 3);
    fm_department_release(&d);
}

Test(import, gender_message_matches_the_spec)
{
    fails_with(FM_IMPORT_SEEKERS, "id;förnamn;efternamn;kön\nS1;A;B;k\nS2;C;D;q\n",
               "f.csv:3: kön: \"q\" is not one of kvinna, woman, k, w, man, m, annat, other, x");
    cr_assert_eq(count("seekers"), 0);
}

Test(import, missing_column_named_in_the_files_language)
{
    fails_with(FM_IMPORT_DEPARTMENTS, "id;namn\nA;B\n",
               "f.csv:1: anställda: required column is missing");
    fails_with(FM_IMPORT_DEPARTMENTS, "id,name\nA,B\n",
               "f.csv:1: employees: required column is missing");
}

Test(import, duplicate_header_is_a_problem)
{
    fails_with(FM_IMPORT_DEPARTMENTS, "id,name,employees,Name\nA,B,1,C\n",
               "f.csv:1: Name: column appears twice in the header (also column 2)");
}

Test(import, duplicate_id_names_the_first_line)
{
    fails_with(FM_IMPORT_DEPARTMENTS, "id,name,employees\nA,x,1\nB,y,2\nA,z,3\n",
               "f.csv:4: id: \"A\" appears twice in the file (first on line 2)");
    cr_assert_eq(count("departments"), 0);
}

Test(import, unknown_references)
{
    base();
    fails_with(FM_IMPORT_POSITIONS,
               "id;förvaltning;mässa;titel;yrke;platser\nP1;XYZ;F1;Städ;9111;1\n",
               "f.csv:2: förvaltning: \"XYZ\" is not a known department");
    fails_with(FM_IMPORT_POSITIONS,
               "id,department,fair,title,occupation,places\nP1,UBF,F9,T,9111,1\n",
               "f.csv:2: fair: \"F9\" is not a known fair");
    fails_with(FM_IMPORT_EMPLOYMENTS, "seeker,department,decision_date\nS9,UBF,2018-01-01\n",
               "f.csv:2: seeker: \"S9\" is not a known seeker");
}

Test(import, value_problems_have_their_own_messages)
{
    base();
    fails_with(FM_IMPORT_FAIRS, "id,date,start,period_minutes,periods\nF2,2018-02-30,09:00,15,4\n",
               "f.csv:2: date: \"2018-02-30\" is not a date (YYYY-MM-DD)");
    fails_with(FM_IMPORT_FAIRS, "id,date,start,period_minutes,periods\nF2,2018-02-03,9.00,15,4\n",
               "f.csv:2: start: \"9.00\" is not a time (HH:MM)");
    fails_with(FM_IMPORT_FAIRS, "id,datum,start,minuter per pass,pass\nF2,2018-02-03,09:00,15,97\n",
               "f.csv:2: pass: \"97\" is not between 1 and 96");
    fails_with(FM_IMPORT_FAIRS, "id,date,start,period_minutes,periods\nF2,2018-02-03,22:00,60,3\n",
               "f.csv:2: periods: 3 periods of 60 minutes from 22:00 end after midnight");
    fails_with(FM_IMPORT_DEPARTMENTS, "id,name,employees\nA,B,-3\n",
               "f.csv:2: employees: \"-3\" is not a whole number ≥ 0");
    fails_with(FM_IMPORT_DEPARTMENTS, "id,name,employees\nA,B,12a\n",
               "f.csv:2: employees: \"12a\" is not a whole number");
    fails_with(FM_IMPORT_DEPARTMENTS, "id,name,employees\nA,,1\n", "f.csv:2: name: missing value");
    fails_with(
        FM_IMPORT_SEEKERS, "id,first_name,last_name,gender,personnummer\nS3,A,B,w,19811218-9875\n",
        "f.csv:2: personnummer: not a personal number: the check digit is wrong (Luhn check)");
    fails_with(
        FM_IMPORT_SEEKERS, "id,first_name,last_name,gender,målgrupp\nS3,A,B,w,nyanländ\n",
        "f.csv:2: målgrupp: \"nyanländ\" is not one of jobb_och_utveckling, etablering, eu_familj");
    fails_with(FM_IMPORT_SEEKERS, "id,first_name,last_name,gender,intressen\nS3,A,B,w,5311|53\n",
               "f.csv:2: intressen: \"53\" is not an SSYK code (4 digits; several separated by |)");
    fails_with(FM_IMPORT_SEEKERS, "id,first_name,last_name,gender,svenska\nS3,A,B,w,6\n",
               "f.csv:2: svenska: \"6\" is not between 0 and 5");
    fails_with(FM_IMPORT_SEEKERS, "id,first_name,last_name,gender,körkort\nS3,A,B,w,kanske\n",
               "f.csv:2: körkort: \"kanske\" is not one of yes, no, ja, nej");
    fails_with(FM_IMPORT_POSITIONS,
               "id,department,fair,title,occupation,places\nP1,UBF,F1,T,911,1\n",
               "f.csv:2: occupation: \"911\" is not an SSYK code (4 digits)");
    fails_with(
        FM_IMPORT_POSITIONS,
        "id,department,fair,title,occupation,places,omfattning\nP1,UBF,F1,T,9111,1,\"120,5\"\n",
        "f.csv:2: omfattning: \"120,5\" is not a percentage above 0 and at most 100");
    fails_with(FM_IMPORT_EMPLOYMENTS,
               "seeker,department,decision_date,end_reason\nS1,UBF,2018-01-01,fired\n",
               "f.csv:2: end_reason: \"fired\" is not one of to_work, to_studies, own_business, "
               "completed, other_programme, illness, other_authority, not_reachable, moved, "
               "disability_pension, parental_leave, change_provider, dissatisfied, "
               "substance_abuse, social_services, not_target_group, temporary_end, "
               "prison_service, other");
    fails_with(FM_IMPORT_EMPLOYMENTS,
               "seeker,department,decision_date,start_date,end_date\nS1,UBF,2018-01-01,2018-02-01,"
               "2018-01-31\n",
               "f.csv:2: end_date: \"2018-01-31\" is before the start date 2018-02-01");
}

Test(import, every_problem_is_listed_up_to_twenty)
{
    char data[4096] = "id,name,employees\n";
    fm_import_stats st;
    for (int i = 0; i < 30; i++) {
        size_t n = strlen(data);
        snprintf(data + n, sizeof data - n, "D%d,Name,x%d\n", i, i);
    }
    cr_assert_eq(import(FM_IMPORT_DEPARTMENTS, "f.csv", data, &st), FM_EINVAL);
    cr_assert_eq(nproblems, 20);
    cr_assert_eq(st.problems, 30);
    cr_assert_str_eq(problems[19], "f.csv:21: employees: \"x19\" is not a whole number");
}

Test(import, one_bad_row_writes_nothing)
{
    ok(FM_IMPORT_DEPARTMENTS, "id,name,employees\nA,Alpha,1\n", 1, 0);
    fails_with(FM_IMPORT_DEPARTMENTS, "id,name,employees\nA,Changed,5\nB,New,7\nC,Bad,-1\n",
               "f.csv:4: employees: \"-1\" is not a whole number ≥ 0");
    fm_department d;
    fm_err err = {0};
    cr_assert_eq(fm_store_department_get(db, "A", &d, &err), FM_OK);
    cr_assert_str_eq(d.name, "Alpha");
    fm_department_release(&d);
    cr_assert_eq(count("departments"), 1);
}

Test(import, reimport_is_idempotent_and_absent_rows_stay)
{
    fm_import_stats st;
    ok(FM_IMPORT_DEPARTMENTS, "id,name,employees,tables\nA,Alpha,1,2\nB,Beta,2,1\n", 2, 0);
    cr_assert_eq(import(FM_IMPORT_DEPARTMENTS, "ok.csv",
                        "id,name,employees,tables\nA,Alpha,1,2\nB,Beta,2,1\n", &st),
                 FM_OK);
    cr_assert_eq(st.added, 0);
    cr_assert_eq(st.updated, 0);
    cr_assert_eq(st.unchanged, 2);
    /* Only A is in the file: B stays; A's name changes and its tables (no column) stay 2. */
    ok(FM_IMPORT_DEPARTMENTS, "id,name,employees\nA,Alfa,1\n", 0, 1);
    fm_department d;
    fm_err err = {0};
    cr_assert_eq(fm_store_department_get(db, "A", &d, &err), FM_OK);
    cr_assert_str_eq(d.name, "Alfa");
    cr_assert_eq(d.tables, 2);
    fm_department_release(&d);
    cr_assert_eq(count("departments"), 2);
}

Test(import, employments_keyed_by_seeker_department_and_date)
{
    base();
    ok(FM_IMPORT_EMPLOYMENTS,
       "sökande;förvaltning;beslutsdatum;startdatum;avslutsorsak;status 90 dagar\n"
       "S1;UBF;2018-03-01;2018-03-15;;\nS2;UBF;2018-03-01;;;\n",
       2, 0);
    ok(FM_IMPORT_EMPLOYMENTS,
       "seeker,department,decision_date,end_date,end_reason,status_90\n"
       "S1,UBF,2018-03-01,2018-09-30,to_work,work\n",
       0, 1);
    fm_employment *v = NULL;
    size_t n = 0;
    fm_err err = {0};
    fm_employment_query q = {.seeker_id = "S1"};
    cr_assert_eq(fm_store_employment_list(db, &q, &v, &n, &err), FM_OK);
    cr_assert_eq(n, 1);
    cr_assert_str_eq(v[0].start_date, "2018-03-15"); /* kept: no column this time */
    cr_assert_str_eq(v[0].end_reason, "to_work");
    fm_employment_list_free(v, n);
    fails_with(FM_IMPORT_EMPLOYMENTS,
               "seeker,department,decision_date\nS2,ALF,2018-04-01\nS2,ALF,2018-04-01\n",
               "f.csv:3: seeker: seeker \"S2\" with department \"ALF\" on 2018-04-01 appears "
               "twice in the file (first on line 2)");
}

Test(import, seekers_optional_columns_and_personal_number_is_write_only)
{
    fm_seeker p;
    fm_err err = {0};
    ok(FM_IMPORT_SEEKERS,
       "id,first_name,last_name,gender,personal_number,birth_year,eligibility,interests,"
       "swedish_level,driving_licence,registered,utbildningsnivå,erfarenhet,önskad omfattning,"
       "bedömning\n"
       "S1,Renée,Åström,kvinna,811218-9876,1981,etablering,5311|4410,2,JA,2018-01-15,3,9111,75,4\n",
       1, 0);
    cr_assert_eq(fm_store_seeker_get(db, "S1", &p, &err), FM_OK);
    cr_assert_eq(p.gender, FM_GENDER_WOMAN);
    cr_assert_null(p.personal_number);
    cr_assert_str_eq(p.interests, "5311|4410");
    cr_assert_str_eq(p.experience, "9111");
    cr_assert_eq(p.driving_licence, 1);
    cr_assert_eq(p.education_level, 3);
    cr_assert_eq(p.extent_preference, 75);
    cr_assert_eq(p.screening, 4);
    cr_assert_eq(p.swedish_level, 2);
    fm_seeker_release(&p);
}

Test(import, positions_with_decimal_comma_and_yes_no)
{
    fm_position p;
    fm_err err = {0};
    base();
    ok(FM_IMPORT_POSITIONS,
       "id;förvaltning;mässa;titel;yrke;platser;kräver körkort;min svenska;omfattning\n"
       "P1;UBF;F1;Elevassistent;5312;2;nej;2;62,5\n",
       1, 0);
    cr_assert_eq(fm_store_position_get(db, "P1", &p, &err), FM_OK);
    cr_assert_float_eq(p.extent, 62.5, 1e-9);
    cr_assert_eq(p.requires_driving_licence, 0);
    cr_assert_eq(p.min_swedish_level, 2);
    fm_position_release(&p);
}

Test(import, structural_and_encoding_problems)
{
    fails_with(FM_IMPORT_DEPARTMENTS, "id,name,employees\nA,Ström,1\nB,V\xe5rd,2\n",
               "f.csv:3: name: byte 0xE5 is not valid UTF-8, but other text in the file is "
               "UTF-8 (save the file in one encoding: UTF-8 or Windows-1252)");
    fails_with(FM_IMPORT_DEPARTMENTS, "id,name,employees\nA,\"open,1\nB,x,2\n",
               "f.csv:2: name: unterminated quoted field (a \" is never closed)");
    fails_with(FM_IMPORT_DEPARTMENTS, "id,name,employees\nA,Smith, John,1\n",
               "f.csv:2: column 4: \"1\" has no column header (the row has 4 fields, the header "
               "3; is a value with a delimiter missing its quotes?)");
    fails_with(FM_IMPORT_DEPARTMENTS, "", "f.csv:1: header: the file is empty (no header line)");
}

Test(import, multiline_record_lines_are_physical)
{
    fails_with(FM_IMPORT_DEPARTMENTS, "id,name,employees\nA,\"Multi\nline\nname\",1\nB,Beta,-4\n",
               "f.csv:5: employees: \"-4\" is not a whole number ≥ 0");
}

Test(import, blank_rows_are_ignored)
{
    fm_import_stats st;
    cr_assert_eq(import(FM_IMPORT_DEPARTMENTS, "ok.csv", "id;name;employees\n;;\nA;B;1\n;;\n", &st),
                 FM_OK);
    cr_assert_eq(st.rows, 1);
    cr_assert_eq(st.added, 1);
}

Test(import, savepoint_inside_a_callers_transaction)
{
    fm_err err = {0};
    fm_import_stats st;
    cr_assert_eq(fm_store_begin(db, &err), FM_OK);
    ok(FM_IMPORT_DEPARTMENTS, "id,name,employees\nA,Alpha,1\n", 1, 0);
    /* A failing import inside rolls back only itself. */
    cr_assert_eq(import(FM_IMPORT_DEPARTMENTS, "f.csv", "id,name,employees\nB,Beta,x\n", &st),
                 FM_EINVAL);
    cr_assert_eq(count("departments"), 1);
    fm_store_rollback(db);
    cr_assert_eq(count("departments"), 0);
}

Test(import, problems_of_a_row_come_in_column_order)
{
    fm_import_stats st;
    /* Checks run gender (spec column 4) before birth year; the file has födelseår first. */
    cr_assert_eq(import(FM_IMPORT_SEEKERS, "f.csv",
                        "födelseår;id;förnamn;efternamn;kön\n1800;S1;A;B;q\n", &st),
                 FM_EINVAL);
    cr_assert_eq(nproblems, 2);
    cr_assert_str_eq(problems[0], "f.csv:2: födelseår: \"1800\" is not between 1900 and 2100");
    cr_assert_str_eq(problems[1], "f.csv:2: kön: \"q\" is not one of kvinna, woman, k, w, man, "
                                  "m, annat, other, x");
}

Test(import, grouped_thousands_and_no_break_spaces)
{
    fm_department d;
    fm_err err = {0};
    ok(FM_IMPORT_DEPARTMENTS,
       "id;namn;anställda\nUBF;Utbildning;6 200\nALF;\xC2\xA0Äldre\xC2\xA0;1\xC2\xA0"
       "000\n",
       2, 0);
    cr_assert_eq(fm_store_department_get(db, "UBF", &d, &err), FM_OK);
    cr_assert_eq(d.employees, 6200);
    fm_department_release(&d);
    cr_assert_eq(fm_store_department_get(db, "ALF", &d, &err), FM_OK);
    cr_assert_eq(d.employees, 1000);
    cr_assert_str_eq(d.name, "Äldre");
    fm_department_release(&d);
    fails_with(FM_IMPORT_DEPARTMENTS, "id;namn;anställda\nA;B;62 00\n",
               "f.csv:2: anställda: \"62 00\" is not a whole number");
    fails_with(FM_IMPORT_DEPARTMENTS, "id;namn;anställda\nA;B;-\n",
               "f.csv:2: anställda: \"-\" is not a whole number");
}

Test(import, spreadsheet_time_and_code_list_forms_are_normalised)
{
    fm_fair f;
    fm_seeker p;
    fm_err err = {0};
    ok(FM_IMPORT_FAIRS,
       "id,date,start,period_minutes,periods\nF1,2018-03-14,9:00,15,4\nF2,2018-03-15,13:30:00,15,"
       "4\n",
       2, 0);
    cr_assert_eq(fm_store_fair_get(db, "F1", &f, &err), FM_OK);
    cr_assert_str_eq(f.start, "09:00");
    fm_fair_release(&f);
    cr_assert_eq(fm_store_fair_get(db, "F2", &f, &err), FM_OK);
    cr_assert_str_eq(f.start, "13:30");
    fm_fair_release(&f);
    fails_with(FM_IMPORT_FAIRS,
               "id,date,start,period_minutes,periods\nF3,2018-03-14,13:30:15,15,4\n",
               "f.csv:2: start: \"13:30:15\" is not a time (HH:MM)");
    ok(FM_IMPORT_SEEKERS, "id;förnamn;efternamn;kön;intressen\nS1;A;B;k;5311 | 4410\n", 1, 0);
    cr_assert_eq(fm_store_seeker_get(db, "S1", &p, &err), FM_OK);
    cr_assert_str_eq(p.interests, "5311|4410");
    fm_seeker_release(&p);
}

Test(import, codes_in_any_case_are_stored_lower_case)
{
    fm_seeker p;
    fm_err err = {0};
    ok(FM_IMPORT_SEEKERS, "id;förnamn;efternamn;kön;målgrupp\nS1;A;B;Kvinna;Etablering\n", 1, 0);
    cr_assert_eq(fm_store_seeker_get(db, "S1", &p, &err), FM_OK);
    cr_assert_str_eq(p.eligibility, "etablering");
    fm_seeker_release(&p);
}

/* One integer from the test database (white-box: the store's handle). */
static long scalar(const char *sql)
{
    sqlite3_stmt *st = NULL;
    long v = -1;
    cr_assert_eq(sqlite3_prepare_v2(db->db, sql, -1, &st, NULL), SQLITE_OK, "%s", sql);
    if (sqlite3_step(st) == SQLITE_ROW)
        v = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

Test(import, extension_continues_the_latest_new_employment_and_is_no_hire)
{
    base();
    ok(FM_IMPORT_EMPLOYMENTS,
       "sökande;förvaltning;beslutsdatum;startdatum;planerat slut;typ;slutdatum;avslutsorsak\n"
       "S1;UBF;2017-03-01;2017-03-15;2018-03-14;ny;;\n"
       "S1;UBF;2018-02-20;;2019-03-14;Förlängning;2019-01-31;to_work\n"
       "S2;UBF;2018-03-01;;2019-02-28;;;\n"
       "S2;UBF;2019-01-10;;2019-06-30;FÖRLÄNGNING;;\n",
       4, 0);
    cr_assert_eq(scalar("SELECT count(*) FROM employments"), 2);
    cr_assert_eq(scalar("SELECT count(*) FROM employment_extensions"), 2);
    /* The end on the extension row applies to the employment it continues. */
    cr_assert_eq(scalar("SELECT count(*) FROM employments WHERE seeker_id = 'S1' AND end_date = "
                        "'2019-01-31' AND end_reason = 'to_work' AND planned_end = '2018-03-14'"),
                 1);
    cr_assert_eq(scalar("SELECT count(*) FROM employment_extensions x JOIN employments e ON "
                        "e.id = x.employment_id WHERE e.seeker_id = 'S2' AND x.planned_end = "
                        "'2019-06-30'"),
                 1);
    /* Twice: nothing new. */
    ok(FM_IMPORT_EMPLOYMENTS,
       "seeker,department,decision_date,kind,planned_end\n"
       "S2,UBF,2019-01-10,extension,2019-06-30\n",
       0, 0);
}

Test(import, extension_without_an_earlier_new_employment_is_refused_in_kind)
{
    base();
    ok(FM_IMPORT_EMPLOYMENTS, "seeker,department,decision_date\nS1,UBF,2018-03-01\n", 1, 0);
    fails_with(FM_IMPORT_EMPLOYMENTS,
               "seeker,department,decision_date,kind\nS1,ALF,2018-09-01,extension\n",
               "f.csv:2: kind: \"extension\" continues no employment: seeker \"S1\" has no "
               "employment of kind new in department \"ALF\" decided before 2018-09-01");
    /* Decided on the same day is not before it; the header as written names the column. */
    fails_with(FM_IMPORT_EMPLOYMENTS,
               "Sökande;Förvaltning;Beslutsdatum;Typ\nS1;UBF;2018-03-01;förlängning\n",
               "f.csv:2: Typ: \"förlängning\" continues no employment: seeker \"S1\" has no "
               "employment of kind new in department \"UBF\" decided before 2018-03-01");
    /* A later line does not count as earlier in the file. */
    fails_with(FM_IMPORT_EMPLOYMENTS,
               "seeker,department,decision_date,kind\nS2,UBF,2018-09-01,extension\n"
               "S2,UBF,2018-01-01,new\n",
               "f.csv:2: kind: \"extension\" continues no employment: seeker \"S2\" has no "
               "employment of kind new in department \"UBF\" decided before 2018-09-01");
    cr_assert_eq(scalar("SELECT count(*) FROM employments"), 1);
    cr_assert_eq(scalar("SELECT count(*) FROM employment_extensions"), 0);
}

Test(import, kind_and_planned_end_values_are_checked)
{
    base();
    fails_with(FM_IMPORT_EMPLOYMENTS, "seeker,department,decision_date,kind\nS1,UBF,2018-03-01,x\n",
               "f.csv:2: kind: \"x\" is not one of new, extension, ny, förlängning");
    fails_with(FM_IMPORT_EMPLOYMENTS,
               "seeker,department,decision_date,planned_end\nS1,UBF,2018-03-01,2018-02-30\n",
               "f.csv:2: planned_end: \"2018-02-30\" is not a date (YYYY-MM-DD)");
    fails_with(FM_IMPORT_EMPLOYMENTS,
               "seeker,department,decision_date,planerat slut\nS1,UBF,2018-03-01,2018-02-01\n",
               "f.csv:2: planerat slut: \"2018-02-01\" is before the decision date 2018-03-01");
    ok(FM_IMPORT_EMPLOYMENTS,
       "seeker,department,decision_date,status_90\nS1,UBF,2018-03-01,subsidised_work\n"
       "S2,UBF,2018-03-01,other_programme\n",
       2, 0);
}
