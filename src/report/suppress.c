/*
 * suppress.c - small-count protection for the steering role: the primary
 * rule (1-4 reads "<5"), secondary suppression checked against the whole
 * linear system of the report's equations, and the share rule. It knows
 * nothing about which table a cell belongs to; report.c registers cells.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"

#define EPS 1e-9

fm_rc fm_supp_cell(fm_supp *s, fm_rcell *c)
{
    if (FM_GROW(s->cells, s->ncells + 1, s->capcells))
        return FM_ENOMEM;
    s->cells[s->ncells++] = c;
    c->id = s->ncells;
    if (c->virt)
        c->st = FM_CELL_HIDDEN;
    return FM_OK;
}

fm_rc fm_supp_eq(fm_supp *s, fm_rcell *const *cells, size_t n)
{
    fm_rcell **copy;
    if (n < 2)
        return FM_OK;
    if (FM_GROW(s->eqs, s->neq + 1, s->capeq) || FM_GROW(s->eqlen, s->neq + 1, s->capeqlen))
        return FM_ENOMEM;
    copy = malloc(n * sizeof *copy);
    if (!copy)
        return FM_ENOMEM;
    memcpy(copy, cells, n * sizeof *copy);
    s->eqs[s->neq] = copy;
    s->eqlen[s->neq] = n;
    s->neq++;
    return FM_OK;
}

static bool registered(const fm_supp *s, const fm_rcell *c)
{
    return c->id >= 1 && c->id <= s->ncells && s->cells[c->id - 1] == c;
}

/*
 * Reduce the equations, restricted to the unknown cells, to row echelon
 * form: an unknown is determined exactly when its pivot row holds no other
 * unknown (a unit vector in the row space). col[] maps cell index to column.
 */
static void reduce(double *m, size_t rows, size_t cols, size_t *pivot_row, bool *is_pivot)
{
    size_t r = 0;
    for (size_t c = 0; c < cols && r < rows; c++) {
        size_t best = r;
        for (size_t i = r + 1; i < rows; i++)
            if (fabs(m[i * cols + c]) > fabs(m[best * cols + c]))
                best = i;
        if (fabs(m[best * cols + c]) < EPS)
            continue;
        if (best != r)
            for (size_t k = 0; k < cols; k++) {
                double t = m[r * cols + k];
                m[r * cols + k] = m[best * cols + k];
                m[best * cols + k] = t;
            }
        for (size_t k = c + 1; k < cols; k++)
            m[r * cols + k] /= m[r * cols + c];
        m[r * cols + c] = 1.0;
        for (size_t i = 0; i < rows; i++) {
            double f = m[i * cols + c];
            if (i == r || fabs(f) < EPS)
                continue;
            for (size_t k = c; k < cols; k++)
                m[i * cols + k] -= f * m[r * cols + k];
            m[i * cols + c] = 0.0;
        }
        is_pivot[c] = true;
        pivot_row[c] = r++;
    }
}

/*
 * Peel equations that hold an unknown found in no other live equation: such
 * an unknown absorbs its equation, which then constrains nothing else, so
 * the equation leaves the matrix (this keeps running totals and their
 * virtual steps cheap). OUT: live[e], uses[i], order[] (peeled equations,
 * first peeled first), returns how many were peeled.
 */
static size_t peel(const fm_supp *s, bool *live, size_t *uses, size_t *order)
{
    size_t npeeled = 0;
    bool changed = true;
    for (size_t e = 0; e < s->neq; e++) {
        live[e] = true;
        for (size_t i = 0; i < s->eqlen[e]; i++)
            if (registered(s, s->eqs[e][i]) && s->eqs[e][i]->st != FM_CELL_SHOWN)
                uses[s->eqs[e][i]->id - 1]++;
    }
    while (changed) {
        changed = false;
        for (size_t e = 0; e < s->neq; e++) {
            bool private_one = false;
            for (size_t i = 0; live[e] && i < s->eqlen[e] && !private_one; i++) {
                const fm_rcell *c = s->eqs[e][i];
                private_one = registered(s, c) && c->st != FM_CELL_SHOWN && uses[c->id - 1] == 1;
            }
            if (!private_one)
                continue;
            live[e] = false;
            order[npeeled++] = e;
            changed = true;
            for (size_t i = 0; i < s->eqlen[e]; i++)
                if (registered(s, s->eqs[e][i]) && s->eqs[e][i]->st != FM_CELL_SHOWN)
                    uses[s->eqs[e][i]->id - 1]--;
        }
    }
    return npeeled;
}

/* Back through the peeled equations: one left undetermined is determined by the others. */
static void unpeel(const fm_supp *s, const size_t *order, size_t npeeled, bool *det)
{
    for (size_t k = npeeled; k-- > 0;) {
        size_t e = order[k], open = 0, which = 0;
        for (size_t i = 0; i < s->eqlen[e]; i++) {
            const fm_rcell *c = s->eqs[e][i];
            if (!registered(s, c) || c->st == FM_CELL_SHOWN || det[c->id - 1])
                continue;
            if (!open || which != c->id - 1)
                open++;
            which = c->id - 1;
        }
        if (open == 1)
            det[which] = true;
    }
}

fm_rc fm_supp_determined(const fm_supp *s, bool *det)
{
    size_t *col = calloc(s->ncells + 1, sizeof *col), nh = 0, nrows = 0, npeeled;
    size_t *uses = calloc(s->ncells + 1, sizeof *uses);
    size_t *order = calloc(s->neq + 1, sizeof *order);
    bool *live = calloc(s->neq + 1, sizeof *live);
    size_t *pivot_row = NULL;
    bool *is_pivot = NULL;
    double *m = NULL;
    fm_rc rc = FM_ENOMEM;

    if (!col || !uses || !order || !live)
        goto done;
    npeeled = peel(s, live, uses, order);
    for (size_t i = 0; i < s->ncells; i++) {
        det[i] = false;
        col[i] = s->cells[i]->st != FM_CELL_SHOWN && uses[i] > 0 ? nh++ : (size_t)-1;
    }
    for (size_t e = 0; e < s->neq; e++)
        nrows += live[e];
    rc = FM_ENOMEM;
    m = calloc(nrows * nh + 1, sizeof *m);
    pivot_row = calloc(nh + 1, sizeof *pivot_row);
    is_pivot = calloc(nh + 1, sizeof *is_pivot);
    if (!m || !pivot_row || !is_pivot)
        goto done;
    for (size_t e = 0, row = 0; e < s->neq; e++) {
        if (!live[e])
            continue;
        for (size_t i = 0; i < s->eqlen[e]; i++) {
            const fm_rcell *c = s->eqs[e][i];
            if (registered(s, c) && c->st != FM_CELL_SHOWN)
                m[row * nh + col[c->id - 1]] += i + 1 == s->eqlen[e] ? -1.0 : 1.0;
        }
        row++;
    }
    if (nh && nrows)
        reduce(m, nrows, nh, pivot_row, is_pivot);
    for (size_t i = 0; i < s->ncells; i++) {
        size_t c = col[i], others = 0;
        if (c == (size_t)-1 || !is_pivot[c])
            continue;
        for (size_t k = 0; k < nh; k++)
            if (k != c && fabs(m[pivot_row[c] * nh + k]) > EPS)
                others++;
        det[i] = others == 0;
    }
    unpeel(s, order, npeeled, det);
    rc = FM_OK;
done:
    free(m);
    free(is_pivot);
    free(pivot_row);
    free(live);
    free(order);
    free(uses);
    free(col);
    return rc;
}

static bool eq_has(fm_rcell *const *eq, size_t n, const fm_rcell *c)
{
    for (size_t i = 0; i < n; i++)
        if (eq[i] == c)
            return true;
    return false;
}

static bool candidate(const fm_rcell *c)
{
    return c->st == FM_CELL_SHOWN && !c->pin && !c->virt;
}

/* The smallest positive candidate of an equation (zeros only when allow_zero). */
static fm_rcell *smallest(fm_rcell *const *eq, size_t n, fm_rcell *pick, bool allow_zero)
{
    for (size_t i = 0; i < n; i++) {
        fm_rcell *c = eq[i];
        if (!candidate(c) || (c->v <= 0 && !allow_zero))
            continue;
        if (!pick || c->v < pick->v || (c->v == pick->v && c->id < pick->id))
            pick = c;
    }
    return pick;
}

static size_t unknowns(fm_rcell *const *eq, size_t n)
{
    size_t u = 0;
    for (size_t i = 0; i < n; i++)
        u += eq[i]->st != FM_CELL_SHOWN;
    return u;
}

/*
 * The smallest candidate in the equations reached from t through unknown
 * cells, nearest equations first: those holding t, then those holding an
 * unknown of those, and so on. seen/front are caller scratch (neq, ncells).
 */
static fm_rcell *nearest(const fm_supp *s, const fm_rcell *t, bool allow_zero, bool *seen,
                         bool *front)
{
    fm_rcell *pick = NULL;
    bool grew = true;
    memset(seen, 0, s->neq * sizeof *seen);
    memset(front, 0, s->ncells * sizeof *front);
    front[t->id - 1] = true;
    while (!pick && grew) {
        grew = false;
        for (size_t e = 0; e < s->neq; e++) {
            bool touches = false;
            for (size_t i = 0; i < s->eqlen[e] && !seen[e] && !touches; i++)
                touches = registered(s, s->eqs[e][i]) && front[s->eqs[e][i]->id - 1];
            if (!touches)
                continue;
            seen[e] = grew = true;
            pick = smallest(s->eqs[e], s->eqlen[e], pick, allow_zero);
        }
        for (size_t e = 0; e < s->neq && !pick; e++)
            for (size_t i = 0; seen[e] && i < s->eqlen[e]; i++)
                if (registered(s, s->eqs[e][i]) && s->eqs[e][i]->st != FM_CELL_SHOWN)
                    front[s->eqs[e][i]->id - 1] = true;
    }
    return pick;
}

/*
 * Hide one more cell for the determined small cell t: in the first equation
 * where t is the only unknown, its smallest positive candidate (the old
 * single-equation rule); else the nearest smallest positive candidate; a zero
 * only when nothing else is left. false: nothing can be hidden.
 */
static bool hide_for(fm_supp *s, const fm_rcell *t, bool *seen, bool *front)
{
    fm_rcell *pick = NULL;
    for (size_t e = 0; e < s->neq && !pick; e++)
        if (eq_has(s->eqs[e], s->eqlen[e], t) && unknowns(s->eqs[e], s->eqlen[e]) == 1)
            pick = smallest(s->eqs[e], s->eqlen[e], NULL, false);
    if (!pick)
        pick = nearest(s, t, false, seen, front);
    if (!pick)
        pick = nearest(s, t, true, seen, front);
    if (!pick)
        return false;
    pick->st = FM_CELL_HIDDEN;
    return true;
}

/*
 * The small cells the pinned headline gives away by itself (cumulative minus
 * the month is the count before the month): what a reader works out knowing
 * only the pinned cells and the zeros. No hiding can help these; the rule
 * lets the headline win and docs/reports.md says so. OUT: implied[].
 */
static fm_rc headline_implied(fm_supp *s, bool *implied)
{
    int *saved = calloc(s->ncells + 1, sizeof *saved);
    fm_rc rc;
    if (!saved)
        return FM_ENOMEM;
    for (size_t i = 0; i < s->ncells; i++) {
        fm_rcell *c = s->cells[i];
        saved[i] = c->st;
        if (c->virt || (!c->pin && c->v != 0))
            c->st = FM_CELL_HIDDEN;
    }
    rc = fm_supp_determined(s, implied);
    for (size_t i = 0; i < s->ncells; i++)
        s->cells[i]->st = saved[i];
    free(saved);
    return rc;
}

fm_rc fm_supp_run(fm_supp *s)
{
    bool *det = calloc(s->ncells + 1, sizeof *det);
    bool *front = calloc(s->ncells + 1, sizeof *front);
    bool *seen = calloc(s->neq + 1, sizeof *seen);
    bool *implied = calloc(s->ncells + 1, sizeof *implied);
    bool changed = true;
    fm_rc rc = FM_ENOMEM;

    if (!det || !front || !seen || !implied)
        goto done;
    for (size_t i = 0; i < s->ncells; i++)
        if (!s->cells[i]->virt && !s->cells[i]->pin && s->cells[i]->v >= 1 && s->cells[i]->v <= 4)
            s->cells[i]->st = FM_CELL_SMALL;
    rc = headline_implied(s, implied);
    if (rc)
        goto done;
    s->implied = 0;
    for (size_t i = 0; i < s->ncells; i++)
        if (implied[i] && s->cells[i]->v >= 1 && s->cells[i]->v <= 4)
            s->implied++;
    /* Each round hides at least one cell or stops, so this ends within ncells rounds. */
    while (changed) {
        changed = false;
        s->unresolved = 0;
        rc = fm_supp_determined(s, det);
        if (rc)
            goto done;
        for (size_t i = 0; i < s->ncells; i++) {
            const fm_rcell *c = s->cells[i];
            if (!det[i] || implied[i] || c->v < 1 || c->v > 4)
                continue;
            if (hide_for(s, c, seen, front))
                changed = true;
            else
                s->unresolved++;
        }
    }
    /* A hidden cell the reader can work out anyway protects nothing: show it. */
    rc = fm_supp_determined(s, det);
    if (rc)
        goto done;
    for (size_t i = 0; i < s->ncells; i++)
        if (det[i] && s->cells[i]->st == FM_CELL_HIDDEN && !s->cells[i]->virt)
            s->cells[i]->st = FM_CELL_SHOWN;
done:
    free(implied);
    free(seen);
    free(front);
    free(det);
    return rc;
}

void fm_supp_release(fm_supp *s)
{
    for (size_t e = 0; e < s->neq; e++)
        free(s->eqs[e]);
    free(s->eqs);
    free(s->eqlen);
    free(s->cells);
    memset(s, 0, sizeof *s);
}

fm_rshare fm_supp_share(const fm_rcell *num, const fm_rcell *den, bool steering)
{
    fm_rshare r = {0.0, true};
    if (den->v > 0)
        r.v = (double)num->v / (double)den->v;
    if (steering && (den->v < 10 || num->st != FM_CELL_SHOWN || den->st != FM_CELL_SHOWN))
        r.shown = false;
    return r;
}
