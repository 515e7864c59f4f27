/*
 * test_gtable.c - the report's gender table (src/report/gtable.c): rows in
 * the stated category order with the rest sorted after them, zero rows only
 * when asked, row and column sums, the cells and equations it registers for
 * protection (a lone small cell in an additive table takes a partner with
 * it), and women's shares under the steering rules.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "report/report_internal.h"

/* A grouped row over literals: the table only reads keys, so the cast is safe. */
static fm_rr_row row(const char *cat, const char *gender, long long n)
{
    fm_rr_row r;
    memset(&r, 0, sizeof r);
    r.key[0] = (char *)cat;
    r.key[1] = (char *)gender;
    r.n = n;
    return r;
}

Test(gtable, gender_columns_put_anything_unknown_under_other)
{
    cr_assert_eq(fm_gtable_gender_col("woman"), FM_G_WOMAN);
    cr_assert_eq(fm_gtable_gender_col("man"), FM_G_MAN);
    cr_assert_eq(fm_gtable_gender_col("other"), FM_G_OTHER);
    cr_assert_eq(fm_gtable_gender_col(""), FM_G_OTHER);
}

Test(gtable, rows_follow_the_order_then_the_rest_sorted)
{
    static const char *const order[] = {"b", "a", "z"};
    fm_rr_row rows[] = {row("y", "woman", 1), row("a", "man", 2),   row("x", "other", 3),
                        row("b", "woman", 4), row("a", "woman", 5), row("q", "man", 0)};
    fm_gtable t;

    cr_assert_eq(fm_gtable_from_rows(&t, rows, 6, order, 3, false, true), FM_OK);
    /* "z" has nobody and is left out; "q" has a zero count and is too. */
    cr_assert_eq(t.n, 4);
    cr_assert_str_eq(t.keys[0], "b");
    cr_assert_str_eq(t.keys[1], "a");
    cr_assert_str_eq(t.keys[2], "x");
    cr_assert_str_eq(t.keys[3], "y");
    cr_assert_eq(t.rows[1][FM_G_WOMAN].v, 5);
    cr_assert_eq(t.rows[1][FM_G_MAN].v, 2);
    cr_assert_eq(fm_gtable_find(&t, "x"), 2);
    cr_assert_eq(fm_gtable_find(&t, "z"), -1);
    fm_gtable_release(&t);
    cr_assert_eq(t.n, 0);
    cr_assert_null(t.keys);
}

Test(gtable, all_order_keeps_every_category_even_at_zero)
{
    static const char *const order[] = {"3", "6", "12"};
    fm_rr_row rows[] = {row("6", "man", 2)};
    fm_gtable t;

    cr_assert_eq(fm_gtable_from_rows(&t, rows, 1, order, 3, true, false), FM_OK);
    cr_assert_eq(t.n, 3);
    cr_assert_str_eq(t.keys[2], "12");
    cr_assert_eq(t.rows[0][FM_G_TOTAL].v, 0);
    cr_assert_not(t.additive);
    fm_gtable_release(&t);
}

Test(gtable, sum_fills_row_totals_and_column_sums)
{
    static const char *const keys[] = {"A", "B"};
    fm_gtable t;

    cr_assert_eq(fm_gtable_alloc(&t, keys, 2, true), FM_OK);
    t.rows[0][FM_G_WOMAN].v = 3;
    t.rows[0][FM_G_MAN].v = 4;
    t.rows[1][FM_G_OTHER].v = 1;
    t.rows[1][FM_G_WOMAN].v = 10;
    fm_gtable_sum(&t);
    cr_assert_eq(t.rows[0][FM_G_TOTAL].v, 7);
    cr_assert_eq(t.rows[1][FM_G_TOTAL].v, 11);
    cr_assert_eq(t.tot[FM_G_WOMAN].v, 13);
    cr_assert_eq(t.tot[FM_G_OTHER].v, 1);
    cr_assert_eq(t.tot[FM_G_TOTAL].v, 18);
    /* Summing again starts from zero. */
    fm_gtable_sum(&t);
    cr_assert_eq(t.tot[FM_G_TOTAL].v, 18);
    fm_gtable_release(&t);
}

Test(gtable, protect_registers_rows_and_when_additive_columns)
{
    static const char *const keys[] = {"A", "B", "C"};
    fm_gtable t;
    fm_supp s = {0};

    cr_assert_eq(fm_gtable_alloc(&t, keys, 3, true), FM_OK);
    cr_assert_eq(fm_gtable_protect(&s, &t), FM_OK);
    /* 3 rows x 4 cells and the 4 totals; 3 row equations, 4 column ones and the total row. */
    cr_assert_eq(s.ncells, 16);
    cr_assert_eq(s.neq, 8);
    fm_supp_release(&s);
    fm_gtable_release(&t);

    memset(&s, 0, sizeof s);
    cr_assert_eq(fm_gtable_alloc(&t, keys, 3, false), FM_OK);
    cr_assert_eq(fm_gtable_protect(&s, &t), FM_OK);
    cr_assert_eq(s.ncells, 12);
    cr_assert_eq(s.neq, 3);
    fm_supp_release(&s);
    fm_gtable_release(&t);
}

Test(gtable, a_lone_small_cell_is_hidden_with_a_partner)
{
    static const char *const keys[] = {"A", "B"};
    fm_gtable t;
    fm_supp s = {0};

    cr_assert_eq(fm_gtable_alloc(&t, keys, 2, true), FM_OK);
    t.rows[0][FM_G_WOMAN].v = 2; /* 1-4: "<5", and the row total would give it away */
    t.rows[0][FM_G_MAN].v = 20;
    t.rows[1][FM_G_WOMAN].v = 30;
    t.rows[1][FM_G_MAN].v = 40;
    fm_gtable_sum(&t);
    cr_assert_eq(fm_gtable_protect(&s, &t), FM_OK);
    cr_assert_eq(fm_supp_run(&s), FM_OK);
    cr_assert_eq(t.rows[0][FM_G_WOMAN].st, FM_CELL_SMALL);
    cr_assert_eq(s.unresolved, 0);
    {
        int hidden = 0;
        for (int k = 0; k < FM_G_COLS; k++)
            hidden += t.rows[0][k].st == FM_CELL_HIDDEN;
        cr_assert_geq(hidden, 1, "the small cell's row needs a second unknown");
    }
    fm_supp_release(&s);
    fm_gtable_release(&t);
}

Test(gtable, shares_follow_the_steering_rule)
{
    static const char *const keys[] = {"A", "B"};
    fm_gtable t;

    cr_assert_eq(fm_gtable_alloc(&t, keys, 2, true), FM_OK);
    t.rows[0][FM_G_WOMAN].v = 5;
    t.rows[0][FM_G_MAN].v = 4; /* 9 people: under 10, no share for the steering group */
    t.rows[1][FM_G_WOMAN].v = 6;
    t.rows[1][FM_G_MAN].v = 6;
    fm_gtable_sum(&t);
    fm_gtable_shares(&t, false);
    cr_assert(t.ws[0].shown);
    cr_assert_float_eq(t.ws[0].v, 5.0 / 9.0, 1e-12);
    fm_gtable_shares(&t, true);
    cr_assert_not(t.ws[0].shown);
    cr_assert(t.ws[1].shown);
    cr_assert_float_eq(t.ws[1].v, 0.5, 1e-12);
    cr_assert(t.tot_ws.shown);
    cr_assert_float_eq(t.tot_ws.v, 11.0 / 21.0, 1e-12);
    fm_gtable_release(&t);
}
