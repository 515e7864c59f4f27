/*
 * test_report.c - the monthly report (src/report) on a hand-computed
 * fixture: every number of the minimum JSON for a month with hires on its
 * first and last day, a month before the start, a month with no hires, the
 * end month and after; quota ties and a 0-employee department; CSV
 * formula-injection guards; XLSX read back; and small-count protection on
 * tables built to leak.
 */
#include <criterion/criterion.h>
#include <cjson/cJSON.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fairmatch/import.h"
#include "fairmatch/report.h"
#include "fairmatch/store.h"
#include "report/report_internal.h"

/*
 * Programme: goal 12, 2018-02-15 ... 2018-06-30.
 * Departments A 100, B 300, Z0 0, a 100 (E = 500): 12 x e / 500 gives floors
 * 2, 7, 0, 2 (11) and remainders 200, 100, 0, 200; the seat left ties A and a
 * (same size) and goes to "A", first byte by byte. Quotas 3, 7, 0, 2.
 */
static const char fixture[] =
    "INSERT INTO programme VALUES (1, 12, '2018-02-15', '2018-06-30');"
    "INSERT INTO departments (id, name, employees) VALUES ('B', 'Bygg', 300), ('A', 'Arbete', "
    "100), ('Z0', 'Noll', 0), ('a', '=HYPERLINK(\"http://x\")', 100);"
    "INSERT INTO seekers (id, gender, registered, eligibility) VALUES "
    "('s1', 'woman', '2018-01-01', 'etablering'), ('s2', 'man', '2018-01-01', NULL),"
    "('s3', 'other', NULL, NULL), ('s4', 'woman', '2018-03-31', 'eu_familj'),"
    "('s5', 'man', '2018-04-01', NULL), ('s6', 'woman', '2018-02-01', 'etablering'),"
    "('s7', 'man', '2018-01-10', NULL);"
    "INSERT INTO employments (seeker_id, department_id, decision_date, start_date, end_date, "
    "end_reason, status_90, extent) VALUES "
    "('s1', 'A', '2018-02-01', '2018-02-01', NULL, NULL, NULL, 50),"  /* before the start */
    "('s2', 'B', '2018-02-15', '2018-02-20', NULL, NULL, NULL, 100)," /* first programme day */
    "('s3', 'B', '2018-03-01', '2018-03-01', NULL, NULL, NULL, 75),"  /* first day of March */
    "('s4', 'a', '2018-03-31', NULL, NULL, NULL, NULL, NULL),"        /* last day of March */
    "('s6', 'B', '2018-03-15', '2018-03-16', '2018-03-20', 'illness', 'work', 100),"
    "('s1', 'B', '2018-03-10', '2018-03-11', '2018-03-31', 'to_work', NULL, 75),"
    "('s7', 'A', '2018-05-10', '2018-05-10', '2018-05-31', 'to_work', NULL, 50);";

static char db_path[64];

static void make_db(const char *sql)
{
    fm_store *s = NULL;
    fm_err err = {0};
    sqlite3 *db = NULL;
    char *msg = NULL;
    int fd;
    snprintf(db_path, sizeof db_path, "/tmp/fm_test_report_XXXXXX");
    fd = mkstemp(db_path);
    cr_assert(fd >= 0);
    close(fd);
    unlink(db_path);
    cr_assert_eq(fm_store_open(db_path, &s, &err), FM_OK, "%s", err.msg);
    fm_store_close(s);
    cr_assert_eq(sqlite3_open(db_path, &db), SQLITE_OK);
    cr_assert_eq(sqlite3_exec(db, sql, NULL, NULL, &msg), SQLITE_OK, "%s", msg ? msg : "");
    sqlite3_close(db);
}

static void drop_db(void)
{
    char p[80];
    unlink(db_path);
    snprintf(p, sizeof p, "%s-wal", db_path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", db_path);
    unlink(p);
}

static cJSON *report_json(const char *month, bool steering)
{
    fm_store *s = NULL;
    fm_report *r = NULL;
    fm_report_opts o = {steering};
    fm_err err = {0};
    fm_date m;
    char *text = NULL;
    size_t len = 0;
    cJSON *j;
    cr_assert(fm_month_parse(month, &m));
    cr_assert_eq(fm_store_open(db_path, &s, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(fm_report_build(s, m, &o, &r, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(fm_report_to_json(r, &text, &len, &err), FM_OK, "%s", err.msg);
    j = cJSON_ParseWithLength(text, len);
    cr_assert_not_null(j, "%s", text);
    free(text);
    fm_report_free(r);
    fm_store_close(s);
    return j;
}

/* The value at a path like "hires.month" or "departments.1.quota". */
static cJSON *at(cJSON *j, const char *path)
{
    char buf[128], *save = NULL, *tok;
    snprintf(buf, sizeof buf, "%s", path);
    for (tok = strtok_r(buf, ".", &save); tok && j; tok = strtok_r(NULL, ".", &save)) {
        if (cJSON_IsArray(j))
            j = cJSON_GetArrayItem(j, (int)strtol(tok, NULL, 10));
        else
            j = cJSON_GetObjectItemCaseSensitive(j, tok);
    }
    cr_assert_not_null(j, "no %s", path);
    return j;
}

static void num(cJSON *j, const char *path, double want)
{
    cJSON *v = at(j, path);
    cr_assert(cJSON_IsNumber(v), "%s is not a number", path);
    cr_assert(v->valuedouble == want, "%s = %.17g, want %.17g", path, v->valuedouble, want);
}

static void str(cJSON *j, const char *path, const char *want)
{
    cJSON *v = at(j, path);
    cr_assert(cJSON_IsString(v), "%s is not a string", path);
    cr_assert_str_eq(v->valuestring, want, "%s", path);
}

static void null(cJSON *j, const char *path)
{
    cr_assert(cJSON_IsNull(at(j, path)), "%s is not null", path);
}

Test(report, march_every_number_by_hand, .fini = drop_db)
{
    cJSON *j;
    make_db(fixture);
    j = report_json("2018-03", false);
    str(j, "format", "fairmatch-report/1");
    str(j, "month", "2018-03");
    num(j, "programme.goal", 12);
    str(j, "programme.start", "2018-02-15");
    str(j, "programme.end", "2018-06-30");
    /* March: s3 (1st), s4 (31st), s6, s1 again; cumulative adds s2 (15 Feb), not s1's 1 Feb. */
    num(j, "hires.month", 4);
    num(j, "hires.cumulative", 5);
    num(j, "hires.goal", 12);
    num(j, "hires.share_of_goal", 5.0 / 12.0);
    num(j, "hires.months_left", 3);
    num(j, "hires.needed_per_month", 7.0 / 3.0);
    num(j, "gender.month.woman", 3);
    num(j, "gender.month.man", 0);
    num(j, "gender.month.other", 1);
    num(j, "gender.month.women_share", 0.75);
    num(j, "gender.cumulative.woman", 3);
    num(j, "gender.cumulative.man", 1);
    num(j, "gender.cumulative.other", 1);
    num(j, "gender.cumulative.women_share", 0.6);
    /* Pool: registered by 31 Mar (s5 is not), no hire before 1 Mar (s1, s2 had): s3 s4 s6 s7. */
    num(j, "gender.pool_women_share", 0.5);
    cr_assert_eq(cJSON_GetArraySize(at(j, "departments")), 4);
    str(j, "departments.0.id", "A");
    str(j, "departments.1.id", "B");
    str(j, "departments.2.id", "Z0");
    str(j, "departments.3.id", "a");
    num(j, "departments.0.quota", 3);
    num(j, "departments.1.quota", 7);
    num(j, "departments.2.quota", 0);
    num(j, "departments.3.quota", 2);
    num(j, "departments.0.employees", 100);
    num(j, "departments.0.hires_month", 0);
    num(j, "departments.0.hires_cumulative", 0);
    num(j, "departments.0.share_of_quota", 0);
    num(j, "departments.0.women_share", 0);
    num(j, "departments.1.hires_month", 3);
    num(j, "departments.1.hires_cumulative", 4);
    num(j, "departments.1.share_of_quota", 4.0 / 7.0);
    num(j, "departments.1.women_share", 0.5);
    num(j, "departments.2.employees", 0);
    num(j, "departments.2.hires_cumulative", 0);
    null(j, "departments.2.share_of_quota");
    num(j, "departments.3.hires_month", 1);
    num(j, "departments.3.share_of_quota", 0.5);
    num(j, "departments.3.women_share", 1);
    cr_assert_eq(cJSON_GetArraySize(at(j, "trend")), 2);
    str(j, "trend.0.month", "2018-02");
    num(j, "trend.0.hires", 2); /* a hire counts in the month of its decision */
    num(j, "trend.0.woman", 1);
    num(j, "trend.0.man", 1);
    num(j, "trend.0.women_share", 0.5);
    str(j, "trend.1.month", "2018-03");
    num(j, "trend.1.hires", 4);
    num(j, "trend.1.other", 1);
    num(j, "ended.month", 2);
    num(j, "ended.by_reason.to_work", 1);
    num(j, "ended.by_reason.illness", 1);
    cr_assert_eq(cJSON_GetArraySize(at(j, "ended.by_reason")), 2);
    cr_assert_str_eq(at(j, "ended.by_reason")->child->string, "to_work");
    cJSON_Delete(j);
}

Test(report, key_order_is_the_spec_example, .fini = drop_db)
{
    static const char *const top[] = {"format", "month",       "programme", "hires",
                                      "gender", "departments", "trend",     "ended"};
    static const char *const hires[] = {"month",         "cumulative",  "goal",
                                        "share_of_goal", "months_left", "needed_per_month"};
    static const char *const dep[] = {"id",
                                      "name",
                                      "employees",
                                      "quota",
                                      "hires_month",
                                      "hires_cumulative",
                                      "share_of_quota",
                                      "women_share"};
    cJSON *j, *c;
    size_t i = 0;
    make_db(fixture);
    j = report_json("2018-03", false);
    for (c = j->child, i = 0; c && i < 8; c = c->next, i++)
        cr_assert_str_eq(c->string, top[i]);
    for (c = at(j, "hires")->child, i = 0; c; c = c->next, i++)
        cr_assert_str_eq(c->string, hires[i]);
    cr_assert_eq(i, 6);
    for (c = at(j, "departments.0")->child, i = 0; c; c = c->next, i++)
        cr_assert_str_eq(c->string, dep[i]);
    cr_assert_eq(i, 8);
    cJSON_Delete(j);
}

Test(report, months_before_the_start_count_nothing_cumulative, .fini = drop_db)
{
    cJSON *j;
    make_db(fixture);
    j = report_json("2018-01", false);
    num(j, "hires.month", 0);
    num(j, "hires.cumulative", 0);
    num(j, "hires.share_of_goal", 0);
    num(j, "hires.months_left", 5);
    num(j, "hires.needed_per_month", 12.0 / 5.0);
    num(j, "gender.month.women_share", 0);
    cr_assert_eq(cJSON_GetArraySize(at(j, "trend")), 0);
    num(j, "departments.1.hires_cumulative", 0);
    /* January pool: s1 s2 s3 s7 registered by 31 Jan, none hired before 1 Jan. */
    num(j, "gender.pool_women_share", 0.25);
    cJSON_Delete(j);
    /* The start month: s1's hire on 1 Feb is a February hire but precedes the start. */
    j = report_json("2018-02", false);
    num(j, "hires.month", 2);
    num(j, "hires.cumulative", 1);
    num(j, "departments.0.hires_month", 1);
    num(j, "departments.0.hires_cumulative", 0);
    cJSON_Delete(j);
}

Test(report, a_month_without_hires_and_the_end, .fini = drop_db)
{
    cJSON *j;
    make_db(fixture);
    j = report_json("2018-04", false);
    num(j, "hires.month", 0);
    num(j, "hires.cumulative", 5);
    num(j, "gender.month.woman", 0);
    num(j, "gender.month.women_share", 0);
    num(j, "gender.pool_women_share", 0); /* pool s5, s7: two men */
    num(j, "trend.2.hires", 0);
    num(j, "trend.2.women_share", 0);
    num(j, "ended.month", 0);
    cr_assert_eq(cJSON_GetArraySize(at(j, "ended.by_reason")), 0);
    cJSON_Delete(j);
    j = report_json("2018-06", false); /* end month: months_left 0 */
    num(j, "hires.cumulative", 6);
    num(j, "hires.months_left", 0);
    num(j, "hires.needed_per_month", 6);
    cr_assert_eq(cJSON_GetArraySize(at(j, "trend")), 5);
    cJSON_Delete(j);
    j = report_json("2018-09", false);
    num(j, "hires.months_left", 0);
    cr_assert_eq(cJSON_GetArraySize(at(j, "trend")), 8);
    cJSON_Delete(j);
}

Test(report, shares_print_so_they_read_back_exactly, .fini = drop_db)
{
    fm_store *s = NULL;
    fm_report *r = NULL;
    fm_err err = {0};
    fm_date m = {2018, 3, 1};
    char *text = NULL;
    size_t len;
    make_db(fixture);
    cr_assert_eq(fm_store_open(db_path, &s, &err), FM_OK);
    cr_assert_eq(fm_report_build(s, m, NULL, &r, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(fm_report_to_json(r, &text, &len, &err), FM_OK);
    cr_assert(strstr(text, "0.41666666666666669") || strstr(text, "0.4166666666666667"));
    cr_assert(strstr(text, "\"hires_cumulative\":\t4,") != NULL, "integers print as integers");
    cr_assert(strstr(text, "NaN") == NULL && strstr(text, "inf") == NULL);
    free(text);
    fm_report_free(r);
    fm_store_close(s);
}

Test(report, no_programme_is_a_clear_error, .fini = drop_db)
{
    fm_store *s = NULL;
    fm_report *r = NULL;
    fm_err err = {0};
    fm_date m = {2018, 3, 1};
    make_db("SELECT 1;");
    cr_assert_eq(fm_store_open(db_path, &s, &err), FM_OK);
    cr_assert_eq(fm_report_build(s, m, NULL, &r, &err), FM_ENOTFOUND);
    cr_assert(strstr(err.msg, "programme") != NULL);
    cr_assert_null(r);
    fm_store_close(s);
}

Test(report, csv_guards_formulas_and_speaks_swedish_excel, .fini = drop_db)
{
    fm_store *s = NULL;
    fm_report *r = NULL;
    fm_err err = {0};
    fm_date m = {2018, 3, 1};
    char *csv = NULL;
    size_t len;
    make_db(fixture);
    cr_assert_eq(fm_store_open(db_path, &s, &err), FM_OK);
    cr_assert_eq(fm_report_build(s, m, NULL, &r, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(fm_report_to_csv(r, &csv, &len, &err), FM_OK);
    cr_assert(!memcmp(csv, "\xEF\xBB\xBF", 3), "UTF-8 BOM");
    cr_assert(strstr(csv, "\r\n") != NULL);
    /* The department named =HYPERLINK("http://x") is quoted and defused with a '. */
    cr_assert(strstr(csv, ";\"'=HYPERLINK(\"\"http://x\"\")\";") != NULL, "%s", csv);
    cr_assert(strstr(csv, "41,7%") != NULL, "share_of_goal 5/12 as a percentage");
    cr_assert(strstr(csv, "B;Bygg;300;7;3;4;57,1%;50,0%\r\n") != NULL, "%s", csv);
    for (const char *p = csv; (p = strstr(p, "\r\n")) != NULL; p += 2)
        cr_assert(p[2] != '=' && p[2] != '+' && p[2] != '-' && p[2] != '@');
    for (const char *p = csv; (p = strchr(p, ';')) != NULL; p++)
        cr_assert(p[1] != '=' && p[1] != '+' && p[1] != '-' && p[1] != '@');
    free(csv);
    fm_report_free(r);
    fm_store_close(s);
}

Test(report, xlsx_reads_back_with_its_numbers_and_a_chart, .fini = drop_db)
{
    fm_store *s = NULL;
    fm_report *r = NULL;
    fm_err err = {0};
    fm_date m = {2018, 3, 1};
    char *x = NULL, path[64], cmd[256], buf[65536];
    size_t len, got;
    FILE *f;
    int fd;
    make_db(fixture);
    cr_assert_eq(fm_store_open(db_path, &s, &err), FM_OK);
    cr_assert_eq(fm_report_build(s, m, NULL, &r, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(fm_report_to_xlsx(r, &x, &len, &err), FM_OK, "%s", err.msg);
    cr_assert(len > 1000 && !memcmp(x, "PK", 2), "a zip file");
    snprintf(path, sizeof path, "/tmp/fm_test_xlsx_XXXXXX");
    fd = mkstemp(path);
    cr_assert(fd >= 0);
    cr_assert_eq(write(fd, x, len), (ssize_t)len);
    close(fd);
    snprintf(cmd, sizeof cmd, "unzip -l %s", path);
    f = popen(cmd, "r");
    got = fread(buf, 1, sizeof buf - 1, f);
    buf[got] = '\0';
    pclose(f);
    cr_assert(strstr(buf, "xl/charts/chart1.xml") != NULL, "%s", buf);
    cr_assert(strstr(buf, "xl/worksheets/sheet13.xml") != NULL, "13 sections, 13 sheets");
    /* Sheet 3 is the departments: B's row holds 300, 7, 3, 4 as numbers. */
    snprintf(cmd, sizeof cmd, "unzip -p %s xl/worksheets/sheet3.xml", path);
    f = popen(cmd, "r");
    got = fread(buf, 1, sizeof buf - 1, f);
    buf[got] = '\0';
    pclose(f);
    cr_assert(strstr(buf, "<v>300</v>") && strstr(buf, "<v>7</v>") && strstr(buf, "<v>4</v>"), "%s",
              buf);
    cr_assert(strstr(buf, "<v>0.5714285714285714") != NULL, "%s", buf);
    snprintf(cmd, sizeof cmd, "unzip -p %s xl/charts/chart1.xml", path);
    f = popen(cmd, "r");
    got = fread(buf, 1, sizeof buf - 1, f);
    buf[got] = '\0';
    pclose(f);
    cr_assert(strstr(buf, "<c:lineChart>") && strstr(buf, "Trend!$B$3:$B$4"), "%s", buf);
    unlink(path);
    free(x);
    fm_report_free(r);
    fm_store_close(s);
}

/* No equation may be left with exactly one hidden member. */
static void assert_no_single_hidden(const fm_supp *s)
{
    for (size_t e = 0; e < s->neq; e++) {
        size_t hidden = 0;
        for (size_t i = 0; i < s->eqlen[e]; i++)
            hidden += s->eqs[e][i]->st != FM_CELL_SHOWN;
        cr_assert_neq(hidden, 1, "equation %zu leaks its hidden cell", e);
    }
}

/* No count of 1-4 may follow from the shown cells and the equations (the whole system). */
static void assert_nothing_small_determined(const fm_supp *s)
{
    bool *det = calloc(s->ncells + 1, sizeof *det);
    cr_assert_eq(fm_supp_determined(s, det), FM_OK);
    for (size_t i = 0; i < s->ncells; i++)
        cr_assert(!det[i] || s->cells[i]->v < 1 || s->cells[i]->v > 4,
                  "cell %zu (%lld) can be worked out", i, s->cells[i]->v);
    for (size_t i = 0; i < s->ncells; i++)
        cr_assert(s->cells[i]->virt || s->cells[i]->st != FM_CELL_SHOWN || s->cells[i]->v < 1 ||
                      s->cells[i]->v > 4,
                  "cell %zu shows %lld", i, s->cells[i]->v);
    free(det);
}

Test(suppress, a_row_total_would_give_back_the_small_cell)
{
    /* woman 3, man 20, other 0, total 23: man = 23 - 0 - 3 would leak woman = 3. */
    fm_rcell row[4] = {{.v = 3}, {.v = 20}, {.v = 0}, {.v = 23}};
    fm_rcell *eq[4] = {&row[0], &row[1], &row[2], &row[3]};
    fm_supp s = {0};
    for (int i = 0; i < 4; i++)
        cr_assert_eq(fm_supp_cell(&s, &row[i]), FM_OK);
    cr_assert_eq(fm_supp_eq(&s, eq, 4), FM_OK);
    fm_supp_run(&s);
    cr_assert_eq(row[0].st, FM_CELL_SMALL);
    cr_assert_eq(row[1].st, FM_CELL_HIDDEN, "the smallest positive shown cell goes too");
    cr_assert_eq(row[2].st, FM_CELL_SHOWN, "a zero hides nothing");
    cr_assert_eq(row[3].st, FM_CELL_SHOWN);
    assert_no_single_hidden(&s);
    fm_supp_release(&s);
}

Test(suppress, hiding_cascades_through_rows_and_columns)
{
    /*
     *        w   m   | tot
     *  A     2  30   |  32    A.w is small, so row A would give it back: A.m (30) goes.
     *  B    12  40   |  52    Column m gives A.m back (120 - 40 - 50), so the nearest
     *  C    11  50   |  61    smallest cell goes: B.w (12) from column w, then B.m (40),
     *  tot  25 120   | 145    which leaves a 2 x 2 block no equation can open. Totals stay.
     */
    fm_rcell c[4][3] = {{{.v = 2}, {.v = 30}, {.v = 32}},
                        {{.v = 12}, {.v = 40}, {.v = 52}},
                        {{.v = 11}, {.v = 50}, {.v = 61}},
                        {{.v = 25}, {.v = 120}, {.v = 145}}};
    fm_supp s = {0};
    for (int r = 0; r < 4; r++) {
        fm_rcell *row[3] = {&c[r][0], &c[r][1], &c[r][2]};
        for (int k = 0; k < 3; k++)
            fm_supp_cell(&s, &c[r][k]);
        fm_supp_eq(&s, row, 3);
    }
    for (int k = 0; k < 3; k++) {
        fm_rcell *col[4] = {&c[0][k], &c[1][k], &c[2][k], &c[3][k]};
        fm_supp_eq(&s, col, 4);
    }
    cr_assert_eq(fm_supp_run(&s), FM_OK);
    cr_assert_eq(c[0][0].st, FM_CELL_SMALL);
    cr_assert_eq(c[0][1].st, FM_CELL_HIDDEN);
    cr_assert_eq(c[1][0].st, FM_CELL_HIDDEN);
    cr_assert_eq(c[1][1].st, FM_CELL_HIDDEN);
    cr_assert_eq(c[2][0].st, FM_CELL_SHOWN);
    cr_assert_eq(c[2][1].st, FM_CELL_SHOWN);
    assert_no_single_hidden(&s);
    assert_nothing_small_determined(&s);
    for (int r = 0; r < 4; r++)
        cr_assert_eq(c[r][2].st, FM_CELL_SHOWN);
    cr_assert_eq(c[3][0].st, FM_CELL_SHOWN);
    fm_supp_release(&s);
}

Test(suppress, shares_need_ten_and_visible_counts)
{
    fm_rcell w = {.v = 4, .st = FM_CELL_SMALL}, all = {.v = 12}, few = {.v = 9};
    fm_rcell w6 = {.v = 6};
    cr_assert(!fm_supp_share(&w, &all, true).shown, "4 of 12 would give the 4 back");
    cr_assert(!fm_supp_share(&w6, &few, true).shown, "group of 9");
    cr_assert(fm_supp_share(&w6, &all, true).shown);
    cr_assert(fm_supp_share(&w, &few, false).shown, "organisers see everything");
}

/* 32 hires in May 2018: 2 in A (one woman, one man), 30 in B. */
static const char leak_fixture[] =
    "INSERT INTO programme VALUES (1, 100, '2018-01-01', '2018-12-31');"
    "INSERT INTO departments (id, name, employees) VALUES ('A', 'A', 10), ('B', 'B', 90);"
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 32) "
    "INSERT INTO seekers (id, gender, registered) SELECT 's' || i, CASE WHEN i % 2 THEN 'woman' "
    "ELSE 'man' END, '2018-01-01' FROM n;"
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 32) "
    "INSERT INTO employments (seeker_id, department_id, decision_date) SELECT 's' || i, "
    "CASE WHEN i <= 2 THEN 'A' ELSE 'B' END, '2018-05-10' FROM n;";

Test(report, steering_never_sees_one_to_four_nor_what_a_total_gives_back, .fini = drop_db)
{
    cJSON *j;
    make_db(leak_fixture);
    j = report_json("2018-05", true);
    num(j, "hires.month", 32);
    num(j, "hires.cumulative", 32);
    str(j, "departments.0.hires_month", "<5");
    null(j, "departments.1.hires_month"); /* 32 - "<5" would give A's 2 */
    str(j, "departments.0.hires_cumulative", "<5");
    null(j, "departments.1.hires_cumulative");
    null(j, "departments.1.share_of_quota"); /* 30/90 would give 30 back */
    null(j, "departments.0.women_share");
    num(j, "gender.month.woman", 16);
    num(j, "gender.month.women_share", 0.5);
    num(j, "trend.4.hires", 32);
    str(j, "departments_by_gender.month.rows.0.woman", "<5");
    str(j, "protection", "steering");
    cJSON_Delete(j);
    j = report_json("2018-05", false);
    num(j, "departments.0.hires_month", 2);
    num(j, "departments.1.hires_month", 30);
    str(j, "protection", "none");
    cJSON_Delete(j);
}

Test(report, steering_hides_small_shares_and_what_they_imply, .fini = drop_db)
{
    cJSON *j;
    make_db(fixture);
    j = report_json("2018-03", true);
    str(j, "hires.month", "<5");
    num(j, "hires.cumulative", 5);
    null(j, "hires.share_of_goal"); /* group of 5 < 10 */
    num(j, "hires.needed_per_month", 7.0 / 3.0);
    str(j, "gender.month.woman", "<5");
    num(j, "gender.month.man", 0);
    null(j, "gender.month.women_share");
    null(j, "gender.pool_women_share"); /* pool of 4 */
    str(j, "departments.1.hires_month", "<5");
    num(j, "departments.0.hires_month", 0);
    num(j, "departments.0.quota", 3);
    str(j, "ended.month", "<5");
    str(j, "ended.by_reason.to_work", "<5");
    cJSON_Delete(j);
}

Test(report, extras_extent_and_follow_ups_by_hand, .fini = drop_db)
{
    cJSON *j;
    make_db(fixture);
    /* End of March: s1 (50 open + 75 ending 31 Mar -> 75), s2 100, s3 75, s4 no extent. */
    j = report_json("2018-03", false);
    str(j, "employed_by_extent.rows.0.key", "75");
    num(j, "employed_by_extent.rows.0.woman", 1);
    num(j, "employed_by_extent.rows.0.other", 1);
    str(j, "employed_by_extent.rows.1.key", "100");
    num(j, "employed_by_extent.rows.1.man", 1);
    str(j, "employed_by_extent.rows.2.key", "unknown");
    num(j, "employed_by_extent.total.total", 4);
    str(j, "hires_by_eligibility.rows.0.key", "etablering");
    num(j, "hires_by_eligibility.rows.0.woman", 2);
    num(j, "hires_by_eligibility.total.total", 4);
    str(j, "ended_by_reason.rows.0.key", "to_work");
    num(j, "ended_by_reason.rows.0.woman", 1);
    cJSON_Delete(j);
    /* 3 months in: s1 began 1 Feb (open) and s2 20 Feb -> May; s3 1 Mar, s4 31 Mar -> June. */
    j = report_json("2018-05", false);
    str(j, "follow_up_due.rows.0.key", "3");
    num(j, "follow_up_due.rows.0.woman", 1);
    num(j, "follow_up_due.rows.0.man", 1);
    num(j, "follow_up_due.rows.1.total", 0);
    cJSON_Delete(j);
    j = report_json("2018-06", false);
    num(j, "follow_up_due.rows.0.woman", 1);
    num(j, "follow_up_due.rows.0.other", 1);
    num(j, "follow_up_due.total.total", 2);
    cJSON_Delete(j);
}

/*
 * The headline the old rule hid: 12 hires in April 2018 (6 women, 6 men), 30
 * in May (14 women, 14 men, 2 other; 2 of them in A). "other" reads "<5"
 * and the men go instead of the women; the women's shares stay.
 */
static const char headline_fixture[] =
    "INSERT INTO programme VALUES (1, 100, '2018-01-01', '2018-12-31');"
    "INSERT INTO departments (id, name, employees) VALUES ('A', 'A', 10), ('B', 'B', 90);"
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 42) "
    "INSERT INTO seekers (id, gender, registered) SELECT 's' || i, CASE WHEN i <= 14 THEN "
    "'woman' WHEN i <= 28 THEN 'man' WHEN i <= 30 THEN 'other' WHEN i <= 36 THEN 'woman' "
    "ELSE 'man' END, '2018-01-01' FROM n;"
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 42) "
    "INSERT INTO employments (seeker_id, department_id, decision_date) SELECT 's' || i, "
    "CASE WHEN i IN (1, 15) THEN 'A' ELSE 'B' END, CASE WHEN i <= 30 THEN '2018-05-10' "
    "ELSE '2018-04-20' END FROM n;";

Test(report, steering_keeps_the_headline_when_other_is_small, .fini = drop_db)
{
    cJSON *j;
    make_db(headline_fixture);
    j = report_json("2018-05", true);
    num(j, "hires.month", 30);
    num(j, "hires.cumulative", 42);
    num(j, "gender.month.woman", 14);
    null(j, "gender.month.man");
    str(j, "gender.month.other", "<5");
    num(j, "gender.month.women_share", 14.0 / 30.0);
    num(j, "gender.cumulative.woman", 20);
    null(j, "gender.cumulative.man");
    num(j, "gender.cumulative.women_share", 20.0 / 42.0);
    num(j, "hires.share_of_goal", 0.42);
    str(j, "departments.0.hires_month", "<5");
    num(j, "trend.3.hires", 12);
    num(j, "trend.3.women_share", 0.5);
    num(j, "trend_cumulative.3.hires", 12);
    num(j, "trend_cumulative.4.hires", 42);
    num(j, "trend_cumulative.4.women_share", 20.0 / 42.0);
    cJSON_Delete(j);
}

Test(report, steering_may_hide_a_headline_the_rule_does_not_cover, .fini = drop_db)
{
    cJSON *j;
    /* A month of 32 with 16 women in A and B is covered; 3 women in 12 is not. */
    make_db("INSERT INTO programme VALUES (1, 100, '2018-01-01', '2018-12-31');"
            "INSERT INTO departments (id, name, employees) VALUES ('A', 'A', 10);"
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 12) "
            "INSERT INTO seekers (id, gender) SELECT 's' || i, CASE WHEN i <= 3 THEN 'woman' "
            "ELSE 'man' END FROM n;"
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 12) "
            "INSERT INTO employments (seeker_id, department_id, decision_date) SELECT 's' || i, "
            "'A', '2018-03-03' FROM n;");
    j = report_json("2018-03", true);
    str(j, "gender.month.woman", "<5");
    null(j, "gender.month.women_share");
    cr_assert(!cJSON_IsNumber(at(j, "hires.month")) || !cJSON_IsNumber(at(j, "gender.month.man")),
              "12 and 9 men would give the 3 women back");
    cJSON_Delete(j);
}

/* Random months: the headline shows whenever its rule allows, and nothing is left to solve. */
Test(report, steering_random_months_keep_the_headline_and_leave_nothing_to_solve, .fini = drop_db)
{
    static const char *const genders[] = {"woman", "man", "other"};
    srand(700);
    for (int round = 0; round < 25; round++) {
        char sql[16384];
        size_t off = 0;
        int n = 20 + rand() % 120;
        fm_store *s = NULL;
        fm_report *exact = NULL, *prot = NULL;
        fm_report_opts o = {true};
        fm_err err = {0};
        fm_date m = {2018, 1 + rand() % 6, 1};
        off += (size_t)snprintf(sql + off, sizeof sql - off,
                                "INSERT INTO programme VALUES (1, 300, '2018-01-01', "
                                "'2018-12-31');INSERT INTO departments (id, name, employees) "
                                "VALUES ('A','A',10),('B','B',40),('C','C',200);");
        for (int i = 0; i < n && off < sizeof sql - 200; i++) {
            int g = rand() % 20 == 0 ? 2 : rand() % 5 < 2 ? 0 : 1;
            off += (size_t)snprintf(sql + off, sizeof sql - off,
                                    "INSERT INTO seekers (id, gender) VALUES ('s%d','%s');"
                                    "INSERT INTO employments (seeker_id, department_id, "
                                    "decision_date) VALUES ('s%d','%c','2018-%02d-%02d');",
                                    i, genders[g], i, "ABCCC"[rand() % 5], 1 + rand() % 6,
                                    1 + rand() % 28);
        }
        make_db(sql);
        cr_assert_eq(fm_store_open(db_path, &s, &err), FM_OK, "%s", err.msg);
        cr_assert_eq(fm_report_build(s, m, NULL, &exact, &err), FM_OK, "%s", err.msg);
        cr_assert_eq(fm_report_build(s, m, &o, &prot, &err), FM_OK, "%s", err.msg);
        cr_assert_eq(prot->unresolved, 0, "round %d", round);
        for (int c = 0; c < 2; c++) {
            const fm_rcell *g = c ? exact->dc.tot : exact->dm.tot;
            const fm_rcell *p = c ? prot->dc.tot : prot->dm.tot;
            long long w = g[FM_G_WOMAN].v, rest = g[FM_G_TOTAL].v - w;
            bool rule = g[FM_G_TOTAL].v >= 10 && !(w >= 1 && w <= 4) && !(rest >= 1 && rest <= 4);
            bool shown = p[FM_G_TOTAL].st == FM_CELL_SHOWN && p[FM_G_WOMAN].st == FM_CELL_SHOWN &&
                         (c ? prot->dc.tot_ws : prot->dm.tot_ws).shown;
            cr_assert(!rule || shown, "round %d: headline %d hidden", round, c);
        }
        fm_report_free(exact);
        fm_report_free(prot);
        fm_store_close(s);
        drop_db();
    }
}

Test(report, departments_over_time_against_the_quota_pace, .fini = drop_db)
{
    cJSON *j;
    make_db(fixture);
    /* Five programme months (Feb-Jun). B: quota 7, pace 1.4 a month; 1 hire by the end of
       February (red: below 0.8 x 1.4), 4 by the end of March (green: 2.8). A's hire of 1 Feb
       is before the start: 0 of a pace of 0.6 (red). */
    j = report_json("2018-03", false);
    str(j, "departments_over_time.months.0", "2018-02");
    str(j, "departments_over_time.departments.1.id", "B");
    num(j, "departments_over_time.departments.1.months.0.hires", 1);
    num(j, "departments_over_time.departments.1.months.0.pace", 7.0 / 5.0);
    str(j, "departments_over_time.departments.1.months.0.light", "red");
    num(j, "departments_over_time.departments.1.months.1.hires", 4);
    num(j, "departments_over_time.departments.1.months.1.pace", 7.0 * 2.0 / 5.0);
    str(j, "departments_over_time.departments.1.months.1.light", "green");
    num(j, "departments_over_time.departments.0.months.1.hires", 0);
    str(j, "departments_over_time.departments.0.months.1.light", "red");
    str(j, "departments_over_time.departments.2.months.1.light", "green"); /* quota 0 */
    cJSON_Delete(j);
    /* Steering: 1 and 4 read "<5" and carry no light. */
    j = report_json("2018-03", true);
    str(j, "departments_over_time.departments.1.months.1.hires", "<5");
    null(j, "departments_over_time.departments.1.months.1.light");
    cJSON_Delete(j);
}

Test(report, forecast_of_a_steady_programme_by_hand, .fini = drop_db)
{
    cJSON *j, *again;
    char *a, *b;
    /* 10 hires in each month January-June 2018 (goal 100, the year 2018): every draw of
       the six months left is 10 a month, so 60 + 60 = 120 with no spread; 40 to go over
       6 months without fairs is 7 places a month. */
    make_db("INSERT INTO programme VALUES (1, 100, '2018-01-01', '2018-12-31');"
            "INSERT INTO departments (id, name, employees) VALUES ('A', 'A', 10);"
            "INSERT INTO steering_year_goal VALUES (2018, 130);"
            "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 59) "
            "INSERT INTO seekers (id, gender) SELECT 's' || i, 'woman' FROM n;"
            "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 59) "
            "INSERT INTO employments (seeker_id, department_id, decision_date) SELECT 's' || i, "
            "'A', printf('2018-%02d-05', 1 + i / 10) FROM n;");
    j = report_json("2018-06", false);
    num(j, "forecast.history_months", 6);
    num(j, "forecast.end.hires_so_far", 60);
    num(j, "forecast.end.months", 6);
    num(j, "forecast.end.low", 120);
    num(j, "forecast.end.median", 120);
    num(j, "forecast.end.high", 120);
    num(j, "forecast.end.probability", 1.0);
    str(j, "forecast.end.light", "green");
    num(j, "forecast.year.goal", 130);
    num(j, "forecast.year.probability", 0.0);
    str(j, "forecast.year.light", "red");
    num(j, "forecast.needs.hires", 40);
    num(j, "forecast.needs.fairs_left", 0);
    num(j, "forecast.needs.places_per_fair", 7);
    num(j, "forecast.needs.departments.0.remaining", 40);
    again = report_json("2018-06", false);
    a = cJSON_PrintUnformatted(at(j, "forecast"));
    b = cJSON_PrintUnformatted(at(again, "forecast"));
    cr_assert_str_eq(a, b, "the same data give the same forecast (seeded)");
    cJSON_free(a);
    cJSON_free(b);
    cJSON_Delete(again);
    cJSON_Delete(j);
    /* Two months of history are too few to draw from. */
    j = report_json("2018-02", false);
    null(j, "forecast.end.median");
    null(j, "forecast.end.light");
    cJSON_Delete(j);
}

Test(report, csv_gives_the_codes_swedish_words, .fini = drop_db)
{
    fm_store *s = NULL;
    fm_report *r = NULL;
    fm_err err = {0};
    fm_date m = {2018, 3, 1};
    char *csv = NULL;
    size_t len = 0;
    make_db(fixture);
    cr_assert_eq(fm_store_open(db_path, &s, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(fm_report_build(s, m, NULL, &r, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(fm_report_to_csv(r, &csv, &len, &err), FM_OK);
    cr_assert(strstr(csv, "\r\nto_work;Till arbete;1;0;0;1;"), "%s", csv);
    cr_assert(strstr(csv, "\r\nillness;Sjukdom;"), "end reasons in words");
    cr_assert(strstr(csv, "\r\netablering;Etableringsprogrammet;"), "eligibility in words");
    cr_assert(strstr(csv, "\r\ninvited;Inbjudna;"), "fair stages in words");
    cr_assert_eq(fm_report_label_sv(FM_LABEL_SSYK, "5312") != NULL, true);
    cr_assert_null(fm_report_label_sv(FM_LABEL_SSYK, "0000"));
    free(csv);
    fm_report_free(r);
    fm_store_close(s);
}

/* An extension row through the import: s2's employment at B (15 Feb) continued in March. */
static void import_extension(void)
{
    static const char rows[] = "seeker,department,decision_date,kind,planned_end\n"
                               "s2,B,2018-03-20,extension,2019-02-14\n";
    fm_store *s = NULL;
    fm_err err = {0};
    fm_import_stats st;
    cr_assert_eq(fm_store_open(db_path, &s, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(fm_import_buffer(s, FM_IMPORT_EMPLOYMENTS, "x.csv", rows, strlen(rows), "test",
                                  &st, NULL, NULL, &err),
                 FM_OK, "%s", err.msg);
    cr_assert_eq(st.added, 1);
    fm_store_close(s);
}

Test(report, an_extension_changes_no_hire_count, .fini = drop_db)
{
    cJSON *j;
    make_db(fixture);
    import_extension();
    j = report_json("2018-03", false);
    num(j, "hires.month", 4);
    num(j, "hires.cumulative", 5);
    num(j, "gender.month.man", 0);
    num(j, "gender.cumulative.man", 1);
    num(j, "departments.1.hires_month", 3);
    num(j, "departments.1.hires_cumulative", 4);
    num(j, "trend.1.hires", 4);
    num(j, "hires_people.cumulative.total", 5);
    cJSON_Delete(j);
}

Test(report, an_extension_changes_no_quota_hired, .fini = drop_db)
{
    fm_store *s = NULL;
    fm_quota_table *t = NULL;
    fm_err err = {0};
    fm_date d;
    make_db(fixture);
    import_extension();
    cr_assert(fm_date_parse("2018-03-31", &d));
    cr_assert_eq(fm_store_open(db_path, &s, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(fm_quota_table_build(s, d, false, &t, &err), FM_OK, "%s", err.msg);
    cr_assert_str_eq(t->rows[1].id, "B");
    cr_assert_eq(t->rows[1].hired, 4); /* s2, s3, s6, s1: the extension of s2 is none */
    fm_quota_table_free(t);
    fm_store_close(s);
}

/* The outcome table rides in the report: ended from the programme start to the month's end. */
Test(report, outcomes_section_in_json_and_csv, .fini = drop_db)
{
    cJSON *j;
    fm_store *s = NULL;
    fm_report *r = NULL;
    fm_report_opts o = {false};
    fm_err err = {0};
    fm_date m;
    char *text = NULL;
    size_t len = 0;

    make_db(fixture);
    j = report_json("2018-03", false);
    str(j, "outcomes.from", "2018-02-15");
    str(j, "outcomes.to", "2018-03-31");
    str(j, "outcomes.rows.0.group", "total");
    num(j, "outcomes.rows.0.ended", 2); /* s6 illness 20 Mar, s1 to_work 31 Mar */
    num(j, "outcomes.rows.0.to_work", 1);
    num(j, "outcomes.rows.0.interruption", 1);
    num(j, "outcomes.rows.0.share_successful", 0.5);
    /* People hired: March s3, s4, s6, s1; since 15 Feb also s2 (s1's 1 Feb hire is before). */
    num(j, "hires_people.month.woman", 3);
    num(j, "hires_people.month.other", 1);
    num(j, "hires_people.month.total", 4);
    num(j, "hires_people.cumulative.man", 1);
    num(j, "hires_people.cumulative.total", 5);
    cJSON_Delete(j);
    cr_assert(fm_month_parse("2018-03", &m));
    cr_assert_eq(fm_store_open(db_path, &s, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(fm_report_build(s, m, &o, &r, &err), FM_OK, "%s", err.msg);
    cr_assert_eq(fm_report_to_csv(r, &text, &len, &err), FM_OK, "%s", err.msg);
    cr_assert_not_null(strstr(text, "Utfall efter avslut"));
    cr_assert_not_null(strstr(text, "\r\ntotal;all;2;2;1;0;0;0;1;0;1;50,0%;"));
    free(text);
    fm_report_free(r);
    fm_store_close(s);
}
