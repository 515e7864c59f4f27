/*
 * watch.c - the run's progress line and stop request (fm_watch): phase 1's
 * loops report here and ask here whether to go on, so that a CLI progress
 * line and the web UI's "stop and keep the best plan" see one behaviour.
 */
#include "solve_internal.h"

bool fm_watch_stopped(const fm_watch *w)
{
    return w && w->stop && atomic_load(w->stop) != 0;
}

void fm_watch_report(fm_watch *w, const char *phase, double objective, double bound)
{
    double now;
    fm_solve_progress p;

    if (!w || !w->fn)
        return;
    now = fm_solve_now();
    if (now - w->last < 0.2)
        return;
    w->last = now;
    p.elapsed = now - w->t0;
    p.objective = objective;
    p.bound = bound;
    p.phase = phase;
    w->fn(&p, w->ctx);
}
