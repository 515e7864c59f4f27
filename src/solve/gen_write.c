/*
 * gen_write.c - fm_gen_write_json: any fm_instance as instance-format JSON
 * with a fixed key order and number format, so `fairmatch gen` output is
 * byte-identical for one seed. Reading instances is instance_json.c's.
 */
#include "fairmatch/gen.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Integers as integers; others in the shortest of %.15g/%.17g that round-trips. */
static int put_num(fm_buf *b, double v)
{
    char tmp[40];
    if (v == floor(v) && fabs(v) < 1e15)
        return fm_buf_addf(b, "%.0f", v) != FM_OK;
    snprintf(tmp, sizeof tmp, "%.15g", v);
    if (strtod(tmp, NULL) != v)
        snprintf(tmp, sizeof tmp, "%.17g", v);
    return fm_buf_adds(b, tmp) != FM_OK;
}

static int put_policy(fm_buf *b, const fm_instance *in)
{
    const fm_weights *w = &in->weights;
    int rc = fm_buf_addf(b,
                         " \"policy\": {\"min_candidates_per_place\": %d, "
                         "\"max_candidates_per_place\": %d, \"max_interviews_per_seeker\": %d, "
                         "\"min_gap_periods\": %d,\n  \"women_share\": ",
                         in->min_candidates_per_place, in->max_candidates_per_place,
                         in->max_interviews_per_seeker, in->min_gap_periods) != FM_OK;
    if (!rc && in->mirror_pool)
        rc = fm_buf_adds(b, "{\"mirror_pool\": true, \"tolerance\": ") || put_num(b, in->tolerance);
    else if (!rc)
        rc = fm_buf_adds(b, "{\"min\": ") || put_num(b, in->share_min) ||
             fm_buf_adds(b, ", \"max\": ") || put_num(b, in->share_max);
    if (!rc)
        rc = fm_buf_adds(b, "},\n  \"weights\": {\"coverage\": ") || put_num(b, w->coverage) ||
             fm_buf_adds(b, ", \"shortfall\": ") || put_num(b, w->shortfall) ||
             fm_buf_adds(b, ", \"gender\": ") || put_num(b, w->gender) ||
             fm_buf_adds(b, ", \"missed_fair\": ") || put_num(b, w->missed_fair) ||
             fm_buf_adds(b, ", \"missed_fair_cap\": ") || put_num(b, w->missed_fair_cap) ||
             fm_buf_adds(b, ", \"quota\": ") || put_num(b, w->quota) ||
             fm_buf_adds(b, "},\n  \"time_limit_seconds\": ") ||
             put_num(b, in->time_limit_seconds) || fm_buf_adds(b, "},\n");
    return rc;
}

static int put_header(fm_buf *b, const fm_instance *in)
{
    int rc = fm_buf_adds(b, "{\"format\": \"fairmatch-instance/1\",\n \"fair\": {\"id\": ") ||
             fm_buf_add_json_str(b, in->fair_id);
    if (!rc && in->fair_date)
        rc = fm_buf_adds(b, ", \"date\": ") || fm_buf_add_json_str(b, in->fair_date);
    if (!rc)
        rc = fm_buf_addf(b,
                         ", \"start\": \"%02d:%02d\", \"period_minutes\": %d, \"periods\": %d},\n",
                         in->start_minutes / 60, in->start_minutes % 60, in->period_minutes,
                         in->periods) != FM_OK;
    return rc || put_policy(b, in);
}

static int put_departments(fm_buf *b, const fm_instance *in)
{
    int rc = fm_buf_adds(b, " \"departments\": [") != FM_OK;
    for (size_t d = 0; !rc && d < in->n_departments; d++) {
        const fm_inst_department *x = &in->departments[d];
        rc = fm_buf_adds(b, d ? ",\n  {\"id\": " : "\n  {\"id\": ") ||
             fm_buf_add_json_str(b, x->id) || fm_buf_adds(b, ", \"name\": ") ||
             fm_buf_add_json_str(b, x->name ? x->name : x->id) ||
             fm_buf_addf(b, ", \"tables\": %d", x->tables);
        if (!rc && x->has_quota)
            rc = fm_buf_addf(b, ", \"quota\": %d, \"hired\": %d", x->quota, x->hired) != FM_OK;
        if (!rc)
            rc = fm_buf_addch(b, '}') != FM_OK;
    }
    return rc || fm_buf_adds(b, "],\n");
}

static int put_positions(fm_buf *b, const fm_instance *in)
{
    int rc = fm_buf_adds(b, " \"positions\": [") != FM_OK;
    for (size_t q = 0; !rc && q < in->n_positions; q++) {
        const fm_inst_position *x = &in->positions[q];
        rc = fm_buf_adds(b, q ? ",\n  {\"id\": " : "\n  {\"id\": ") ||
             fm_buf_add_json_str(b, x->id) || fm_buf_adds(b, ", \"department\": ") ||
             fm_buf_add_json_str(b, in->departments[x->department].id) ||
             fm_buf_addf(b, ", \"places\": %d", x->places);
        if (!rc && x->occupation)
            rc = fm_buf_adds(b, ", \"occupation\": ") || fm_buf_add_json_str(b, x->occupation);
        if (!rc && x->title)
            rc = fm_buf_adds(b, ", \"title\": ") || fm_buf_add_json_str(b, x->title);
        if (!rc)
            rc = fm_buf_addch(b, '}') != FM_OK;
    }
    return rc || fm_buf_adds(b, "],\n");
}

static int put_seekers(fm_buf *b, const fm_instance *in)
{
    static const char *const gender[] = {"woman", "man", "other"};
    int rc = fm_buf_adds(b, " \"seekers\": [") != FM_OK;
    for (size_t i = 0; !rc && i < in->n_seekers; i++) {
        const fm_inst_seeker *x = &in->seekers[i];
        rc = fm_buf_adds(b, i ? ",\n  {\"id\": " : "\n  {\"id\": ") ||
             fm_buf_add_json_str(b, x->id) ||
             fm_buf_addf(b, ", \"gender\": \"%s\", \"fairs_without_offer\": %d", gender[x->gender],
                         x->fairs_without_offer);
        if (!rc && x->has_available) {
            rc = fm_buf_adds(b, ", \"available\": [") != FM_OK;
            for (size_t k = 0; !rc && k < x->n_available; k++)
                rc = fm_buf_addf(b, "%s[%d, %d]", k ? ", " : "", x->available[k].from,
                                 x->available[k].to) != FM_OK;
            rc = rc || fm_buf_addch(b, ']');
        }
        if (!rc)
            rc = fm_buf_addch(b, '}') != FM_OK;
    }
    return rc || fm_buf_adds(b, "],\n");
}

static int put_scores(fm_buf *b, const fm_instance *in)
{
    int rc = fm_buf_adds(b, " \"scores\": [") != FM_OK;
    for (size_t k = 0; !rc && k < in->n_scores; k++) {
        const fm_inst_score *x = &in->scores[k];
        rc = fm_buf_adds(b, k ? ",\n  {\"seeker\": " : "\n  {\"seeker\": ") ||
             fm_buf_add_json_str(b, in->seekers[x->seeker].id) ||
             fm_buf_adds(b, ", \"position\": ") ||
             fm_buf_add_json_str(b, in->positions[x->position].id) ||
             fm_buf_adds(b, ", \"score\": ") || put_num(b, x->score);
        /* why is already compact JSON (instance.h), echoed as it came. */
        if (!rc && x->why)
            rc = fm_buf_adds(b, ", \"why\": ") || fm_buf_adds(b, x->why);
        if (!rc)
            rc = fm_buf_addch(b, '}') != FM_OK;
    }
    return rc || fm_buf_adds(b, "]\n}\n");
}

fm_rc fm_gen_write_json(const fm_instance *inst, fm_buf *out, fm_err *err)
{
    if (put_header(out, inst) || put_departments(out, inst) || put_positions(out, inst) ||
        put_seekers(out, inst) || put_scores(out, inst))
        return fm_err_set(err, FM_ENOMEM, "out of memory while writing the instance");
    return FM_OK;
}
