/*
 * solution_json.c - fm_solution_to_json: the solution document of
 * instance-format.md, in the spec's key order, numbers at full precision.
 * The summaries (shortfall, departments) are recomputed here from the
 * interviews listed. Reading solutions back is solution_read.c's (check).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fairmatch/buf.h"
#include "fairmatch/solve.h"
#include "solve_internal.h"

typedef struct out {
    fm_buf b;
    fm_rc rc; /* sticky: the first failed append */
} out;

static void put(out *o, const char *s)
{
    if (!o->rc)
        o->rc = fm_buf_adds(&o->b, s);
}

static void putf(out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(out *o, const char *fmt, ...)
{
    char tmp[128];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    put(o, tmp);
}

/* A JSON number at full double precision (the checks allow 1e-6 relative). */
static void num(out *o, double v)
{
    if (v == 0.0)
        v = 0.0; /* no "-0" */
    putf(o, "%.17g", v);
}

static void str(out *o, const char *s)
{
    if (!o->rc)
        o->rc = fm_buf_add_json_str(&o->b, s);
}

static void hhmm(out *o, int minutes)
{
    putf(o, "\"%02d:%02d\"", minutes / 60, minutes % 60);
}

/* The j-th entry's opening: seeker, position and department of pair sc. */
static void pair(out *o, const fm_instance *inst, const fm_inst_score *sc, size_t j)
{
    const fm_inst_position *po = &inst->positions[sc->position];

    put(o, j ? ",\n    {\"seeker\": " : "\n    {\"seeker\": ");
    str(o, inst->seekers[sc->seeker].id);
    put(o, ", \"position\": ");
    str(o, po->id);
    put(o, ", \"department\": ");
    str(o, inst->departments[po->department].id);
}

static void interviews(out *o, const fm_instance *inst, const fm_solution *sol)
{
    put(o, "  \"interviews\": [");
    for (size_t j = 0; j < sol->n_interviews; j++) {
        const fm_sol_interview *iv = &sol->interviews[j];
        const fm_inst_score *sc = &inst->scores[iv->score];
        int start = inst->start_minutes + iv->period * inst->period_minutes;
        pair(o, inst, sc, j);
        putf(o, ", \"period\": %d, \"table\": %d, \"start\": ", iv->period, iv->table);
        hhmm(o, start);
        put(o, ", \"end\": ");
        hhmm(o, start + inst->period_minutes);
        if (sc->why) {
            put(o, ", \"why\": ");
            put(o, sc->why);
        }
        put(o, "}");
    }
    put(o, sol->n_interviews ? "\n  ],\n" : "],\n");
}

static void unscheduled(out *o, const fm_instance *inst, const fm_solution *sol)
{
    put(o, "  \"unscheduled\": [");
    for (size_t j = 0; j < sol->n_unscheduled; j++) {
        const fm_inst_score *sc = &inst->scores[sol->unscheduled[j]];
        pair(o, inst, sc, j);
        put(o, "}");
    }
    put(o, sol->n_unscheduled ? "\n  ],\n" : "],\n");
}

/* shortfall and departments, from the interviews listed. */
static fm_rc summaries(out *o, const fm_instance *inst, const fm_solution *sol, double L, double U)
{
    long *per_pos = calloc(inst->n_positions + 1, sizeof *per_pos);
    long *nd = calloc(inst->n_departments + 1, sizeof *nd);
    long *md = calloc(inst->n_departments + 1, sizeof *md);
    bool first = true;

    if (!per_pos || !nd || !md) {
        free(per_pos), free(nd), free(md);
        return FM_ENOMEM;
    }
    for (size_t j = 0; j < sol->n_interviews; j++) {
        const fm_inst_score *sc = &inst->scores[sol->interviews[j].score];
        int d = inst->positions[sc->position].department;
        per_pos[sc->position]++;
        nd[d]++;
        md[d] += inst->seekers[sc->seeker].gender == FM_GENDER_WOMAN;
    }
    put(o, "  \"shortfall\": [");
    for (size_t p = 0; p < inst->n_positions; p++) {
        long want = (long)inst->min_candidates_per_place * inst->positions[p].places;
        if (per_pos[p] >= want)
            continue;
        put(o, first ? "\n    {\"position\": " : ",\n    {\"position\": ");
        str(o, inst->positions[p].id);
        putf(o, ", \"missing\": %ld}", want - per_pos[p]);
        first = false;
    }
    put(o, first ? "],\n" : "\n  ],\n");
    unscheduled(o, inst, sol);
    put(o, "  \"departments\": [");
    for (size_t d = 0; d < inst->n_departments; d++) {
        double n = (double)nd[d], m = (double)md[d];
        put(o, d ? ",\n    {\"id\": " : "\n    {\"id\": ");
        str(o, inst->departments[d].id);
        putf(o, ", \"interviews\": %ld, \"women\": %ld, \"women_share\": ", nd[d], md[d]);
        num(o, nd[d] ? m / n : 0.0);
        put(o, ", \"gender_slack\": ");
        num(o, fmax(0.0, L * n - m) + fmax(0.0, m - U * n));
        put(o, "}");
    }
    put(o, inst->n_departments ? "\n  ],\n" : "],\n");
    free(per_pos), free(nd), free(md);
    return FM_OK;
}

static void provenance(out *o, const fm_instance *inst, double L, double U)
{
    const fm_weights *w = &inst->weights;
    put(o, "  \"provenance\": {\"fairmatch\": \"" FM_VERSION "\", \"glpk\": ");
    str(o, fm_solve_glpk_version());
    put(o, ", \"instance_sha256\": \"");
    for (size_t i = 0; i < sizeof inst->sha256; i++)
        putf(o, "%02x", inst->sha256[i]);
    put(o, "\",\n    \"parameters\": {\"L\": ");
    num(o, L);
    put(o, ", \"U\": ");
    num(o, U);
    putf(o, ", \"min_candidates_per_place\": %d, \"max_candidates_per_place\": %d",
         inst->min_candidates_per_place, inst->max_candidates_per_place);
    putf(o, ", \"min_gap_periods\": %d, \"periods\": %d,\n      \"weights\": {\"coverage\": ",
         inst->min_gap_periods, inst->periods);
    num(o, w->coverage);
    put(o, ", \"shortfall\": ");
    num(o, w->shortfall);
    put(o, ", \"gender\": ");
    num(o, w->gender);
    put(o, ", \"missed_fair\": ");
    num(o, w->missed_fair);
    put(o, ", \"missed_fair_cap\": ");
    num(o, w->missed_fair_cap);
    put(o, ", \"quota\": ");
    num(o, w->quota);
    put(o, "},\n      \"K\": {");
    for (size_t i = 0; i < inst->n_seekers; i++) {
        put(o, i ? ", " : "");
        str(o, inst->seekers[i].id);
        putf(o, ": %d", fm_instance_capacity(inst, i));
    }
    put(o, "}}},\n");
}

fm_rc fm_solution_to_json(const fm_instance *inst, const fm_solution *sol, char **json_out,
                          fm_err *err)
{
    out o = {.b = FM_BUF_INIT};
    double L, U;

    *json_out = NULL;
    fm_instance_share_bounds(inst, &L, &U);
    put(&o, "{\n  \"format\": \"fairmatch-solution/1\",\n  \"status\": ");
    put(&o, sol->status == FM_STATUS_OPTIMAL ? "\"optimal\"" : "\"feasible\"");
    put(&o, ",\n  \"objective\": ");
    num(&o, sol->objective);
    put(&o, ",\n  \"bound\": ");
    num(&o, sol->bound);
    put(&o, ",\n  \"mip_gap\": ");
    num(&o, sol->mip_gap);
    putf(&o, ",\n  \"makespan\": %d,\n", sol->makespan);
    interviews(&o, inst, sol);
    if (!o.rc)
        o.rc = summaries(&o, inst, sol, L, U);
    put(&o, "  \"women_share_bounds\": {\"min\": ");
    num(&o, L);
    put(&o, ", \"max\": ");
    num(&o, U);
    put(&o, "},\n");
    provenance(&o, inst, L, U);
    put(&o, "  \"stats\": {\"seconds\": ");
    num(&o, sol->stats.seconds);
    putf(&o,
         ", \"variables\": %ld, \"constraints\": %ld, \"phase1_seconds\": ", sol->stats.variables,
         sol->stats.constraints);
    num(&o, sol->stats.phase1_seconds);
    put(&o, ", \"phase2_seconds\": ");
    num(&o, sol->stats.phase2_seconds);
    putf(&o, ", \"nodes\": %ld}\n}\n", sol->stats.nodes);
    if (o.rc) {
        fm_buf_release(&o.b);
        return fm_err_set(err, FM_ENOMEM, "out of memory");
    }
    *json_out = fm_buf_detach(&o.b, NULL);
    return *json_out ? FM_OK : fm_err_set(err, FM_ENOMEM, "out of memory");
}
