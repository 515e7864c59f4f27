/*
 * gtable.c - the gender table (fm_gtable) the report is made of: rows from
 * grouped counts in a stated category order, row and column sums, the
 * cells and equations it registers for protection, and its women's shares.
 * What goes into which table is report.c's; how it is protected suppress.c's.
 */
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"

int fm_gtable_gender_col(const char *g)
{
    if (!strcmp(g, "woman"))
        return FM_G_WOMAN;
    if (!strcmp(g, "man"))
        return FM_G_MAN;
    return FM_G_OTHER;
}

void fm_gtable_release(fm_gtable *t)
{
    for (size_t i = 0; t->keys && i < t->n; i++)
        free(t->keys[i]);
    free(t->keys);
    free(t->rows);
    free(t->ws);
    memset(t, 0, sizeof *t);
}

fm_rc fm_gtable_alloc(fm_gtable *t, const char *const *keys, size_t n, bool additive)
{
    memset(t, 0, sizeof *t);
    t->additive = additive;
    t->keys = calloc(n ? n : 1, sizeof *t->keys);
    t->rows = calloc(n ? n : 1, sizeof *t->rows);
    t->ws = calloc(n ? n : 1, sizeof *t->ws);
    if (!t->keys || !t->rows || !t->ws)
        return FM_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        t->keys[i] = strdup(keys[i]);
        if (!t->keys[i])
            return FM_ENOMEM;
        t->n = i + 1;
    }
    t->n = n;
    return FM_OK;
}

long fm_gtable_find(const fm_gtable *t, const char *k)
{
    for (size_t i = 0; i < t->n; i++)
        if (!strcmp(t->keys[i], k))
            return (long)i;
    return -1;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool in_list(const char *k, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(k, list[i]))
            return true;
    return false;
}

fm_rc fm_gtable_from_rows(fm_gtable *t, const fm_rr_row *rows, size_t nrows,
                          const char *const *order, size_t norder, bool all_order, bool additive)
{
    const char **keys = calloc(norder + nrows + 1, sizeof *keys);
    size_t nk = 0, extra_from;
    fm_rc rc;

    if (!keys)
        return FM_ENOMEM;
    for (size_t i = 0; i < norder; i++) {
        bool present = all_order;
        for (size_t j = 0; !present && j < nrows; j++)
            present = rows[j].n > 0 && !strcmp(rows[j].key[0], order[i]);
        if (present)
            keys[nk++] = order[i];
    }
    extra_from = nk;
    for (size_t j = 0; j < nrows; j++) {
        if (rows[j].n <= 0 || in_list(rows[j].key[0], order, norder) ||
            in_list(rows[j].key[0], keys + extra_from, nk - extra_from))
            continue;
        keys[nk++] = rows[j].key[0];
    }
    qsort(keys + extra_from, nk - extra_from, sizeof *keys, cmp_str);
    rc = fm_gtable_alloc(t, keys, nk, additive);
    free(keys);
    if (rc)
        return rc;
    for (size_t j = 0; j < nrows; j++) {
        long i = fm_gtable_find(t, rows[j].key[0]);
        if (i >= 0)
            t->rows[i][fm_gtable_gender_col(rows[j].key[1])].v += rows[j].n;
    }
    return FM_OK;
}

void fm_gtable_sum(fm_gtable *t)
{
    memset(t->tot, 0, sizeof t->tot);
    for (size_t i = 0; i < t->n; i++) {
        t->rows[i][FM_G_TOTAL].v =
            t->rows[i][FM_G_WOMAN].v + t->rows[i][FM_G_MAN].v + t->rows[i][FM_G_OTHER].v;
        for (int k = 0; k < FM_G_COLS; k++)
            t->tot[k].v += t->rows[i][k].v;
    }
}

fm_rc fm_gtable_protect(fm_supp *s, fm_gtable *t)
{
    fm_rc rc = FM_OK;
    fm_rcell **col = calloc(t->n + 1, sizeof *col);
    if (!col)
        return FM_ENOMEM;
    for (size_t i = 0; i < t->n && !rc; i++) {
        fm_rcell *row[FM_G_COLS];
        for (int k = 0; k < FM_G_COLS && !rc; k++) {
            row[k] = &t->rows[i][k];
            rc = fm_supp_cell(s, row[k]);
        }
        if (!rc)
            rc = fm_supp_eq(s, row, FM_G_COLS);
    }
    if (t->additive) {
        fm_rcell *row[FM_G_COLS];
        for (int k = 0; k < FM_G_COLS && !rc; k++) {
            for (size_t i = 0; i < t->n; i++)
                col[i] = &t->rows[i][k];
            col[t->n] = &t->tot[k];
            row[k] = &t->tot[k];
            rc = fm_supp_cell(s, &t->tot[k]);
            if (!rc)
                rc = fm_supp_eq(s, col, t->n + 1);
        }
        if (!rc)
            rc = fm_supp_eq(s, row, FM_G_COLS);
    }
    free(col);
    return rc;
}

void fm_gtable_shares(fm_gtable *t, bool steering)
{
    for (size_t i = 0; i < t->n; i++)
        t->ws[i] = fm_supp_share(&t->rows[i][FM_G_WOMAN], &t->rows[i][FM_G_TOTAL], steering);
    t->tot_ws = fm_supp_share(&t->tot[FM_G_WOMAN], &t->tot[FM_G_TOTAL], steering);
}
