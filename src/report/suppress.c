/*
 * suppress.c - small-count protection for the steering role: the primary
 * rule (1-4 reads "<5"), secondary suppression over the report's equations,
 * and the share rule. It knows nothing about which table a cell belongs to;
 * report.c registers cells and equations.
 */
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"

fm_rc fm_supp_cell(fm_supp *s, fm_rcell *c)
{
    if (s->ncells == s->capcells) {
        size_t ncap = s->capcells ? s->capcells * 2 : 64;
        fm_rcell **nv = realloc(s->cells, ncap * sizeof *nv);
        if (!nv)
            return FM_ENOMEM;
        s->cells = nv;
        s->capcells = ncap;
    }
    s->cells[s->ncells++] = c;
    return FM_OK;
}

fm_rc fm_supp_eq(fm_supp *s, fm_rcell *const *cells, size_t n)
{
    fm_rcell **copy;
    if (n < 2)
        return FM_OK;
    if (s->neq == s->capeq) {
        size_t ncap = s->capeq ? s->capeq * 2 : 64;
        fm_rcell ***ne = realloc(s->eqs, ncap * sizeof *ne);
        size_t *nl;
        if (!ne)
            return FM_ENOMEM;
        s->eqs = ne;
        nl = realloc(s->eqlen, ncap * sizeof *nl);
        if (!nl)
            return FM_ENOMEM;
        s->eqlen = nl;
        s->capeq = ncap;
    }
    copy = malloc(n * sizeof *copy);
    if (!copy)
        return FM_ENOMEM;
    memcpy(copy, cells, n * sizeof *copy);
    s->eqs[s->neq] = copy;
    s->eqlen[s->neq] = n;
    s->neq++;
    return FM_OK;
}

/* Hide one more member of an equation that has exactly one hidden member. */
static bool fix_equation(fm_rcell **eq, size_t n)
{
    size_t hidden = 0;
    fm_rcell *pick = NULL;
    for (size_t i = 0; i < n; i++)
        if (eq[i]->st != FM_CELL_SHOWN)
            hidden++;
    if (hidden != 1)
        return false;
    /* The smallest positive shown cell costs the least information; zeros hide nothing. */
    for (size_t i = 0; i < n; i++) {
        if (eq[i]->st != FM_CELL_SHOWN || eq[i]->v <= 0)
            continue;
        if (!pick || eq[i]->v < pick->v)
            pick = eq[i];
    }
    if (!pick)
        return false;
    pick->st = FM_CELL_HIDDEN;
    return true;
}

void fm_supp_run(fm_supp *s)
{
    bool changed = true;
    for (size_t i = 0; i < s->ncells; i++)
        if (s->cells[i]->v >= 1 && s->cells[i]->v <= 4)
            s->cells[i]->st = FM_CELL_SMALL;
    /* Each pass hides at least one cell or stops, so this ends within ncells passes. */
    while (changed) {
        changed = false;
        for (size_t e = 0; e < s->neq; e++)
            if (fix_equation(s->eqs[e], s->eqlen[e]))
                changed = true;
    }
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
