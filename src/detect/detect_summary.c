#include "detect/detect_summary.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

float detect_flag_strength(const detect_frame *f, detect_flag flag)
{
    switch (flag) {
    case DETECT_FLAG_PIN:
        return (float)f->pins;
    case DETECT_FLAG_HAIR:
        return (float)f->hairs;
    case DETECT_FLAG_JIT:
        return f->jitter;
    case DETECT_FLAG_NOISE:
        return f->pin_density;
    case DETECT_FLAG_FACET:
        return f->cae;
    default:
        return 0.0f;
    }
}

static bool has(const detect_frame *f, detect_flag flag)
{
    return (f->flags & DETECT_FLAG_BIT(flag)) != 0;
}

static core_result add_range(detect_summary *s, const detect_frame *frames, detect_flag flag,
                             int first, int last)
{
    detect_range *grown = realloc(s->ranges, (size_t)(s->range_count + 1) * sizeof *grown);
    if (!grown)
        return core_fail(CORE_ERR_NO_MEMORY, "out of memory for the detector's ranges");
    s->ranges = grown;
    detect_range *r = &s->ranges[s->range_count++];
    memset(r, 0, sizeof *r);
    r->flag = flag;
    r->first = first;
    r->last = last;
    r->from_deg = frames[first].angle_deg;
    r->to_deg = frames[last].angle_deg;
    r->worst = first;
    for (int i = first; i <= last; ++i) {
        if (!has(&frames[i], flag))
            continue;
        r->flagged_steps++;
        if (!has(&frames[r->worst], flag) ||
            detect_flag_strength(&frames[i], flag) > detect_flag_strength(&frames[r->worst], flag))
            r->worst = i;
    }
    r->worst_angle_deg = frames[r->worst].angle_deg;
    r->where = frames[r->worst].where[flag];
    return CORE_OK;
}

static core_result find_ranges(detect_summary *s, const detect_frame *frames, int count,
                               detect_flag flag)
{
    int first = -1, last = -1;
    for (int i = 0; i < count; ++i) {
        if (!has(&frames[i], flag))
            continue;
        if (first >= 0 && i - last > 2) { /* more than one unflagged step between */
            core_result r = add_range(s, frames, flag, first, last);
            if (r != CORE_OK)
                return r;
            first = -1;
        }
        if (first < 0)
            first = i;
        last = i;
    }
    return first >= 0 ? add_range(s, frames, flag, first, last) : CORE_OK;
}

static int compare_floats(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

static core_result summarize_scores(detect_summary *s, const detect_frame *frames, int count)
{
    float *rhats = malloc((size_t)(count > 0 ? count : 1) * sizeof *rhats);
    if (!rhats)
        return core_fail(CORE_ERR_NO_MEMORY, "out of memory for the detector's summary");
    int with_pins = 0, with_rhat = 0;
    float persistence = 0.0f;
    for (int i = 0; i < count; ++i) {
        const detect_frame *f = &frames[i];
        s->jitter_mean += f->jitter / (float)count;
        s->pin_density_mean += f->pin_density / (float)count;
        if (f->pins) {
            persistence += f->persistence;
            ++with_pins;
        }
        s->t2_p99_max = fmaxf(s->t2_p99_max, f->t2_p99);
        s->cae_max = fmaxf(s->cae_max, f->cae);
        s->wobble_max = fmaxf(s->wobble_max, f->wobble);
        if (f->rhat_median > 0.0f)
            rhats[with_rhat++] = f->rhat_median;
        for (int flag = 0; flag < DETECT_FLAG_COUNT; ++flag)
            s->flagged_steps[flag] += has(f, (detect_flag)flag);
    }
    s->persistence_mean = with_pins ? persistence / (float)with_pins : 1.0f;
    if (with_rhat) {
        qsort(rhats, (size_t)with_rhat, sizeof *rhats, compare_floats);
        s->rhat_median = rhats[with_rhat / 2];
    }
    free(rhats);
    return CORE_OK;
}

core_result detect_summarize(const detect_frame *frames, int count,
                             const detect_verdict_desc *rules, detect_summary *s)
{
    memset(s, 0, sizeof *s);
    if (count < 0 || (count > 0 && !frames))
        return core_fail(CORE_ERR_ARGUMENT, "detect_summarize: no frames");
    s->steps = count;
    core_result r = summarize_scores(s, frames, count);
    for (int flag = 0; flag < DETECT_FLAG_COUNT && r == CORE_OK; ++flag)
        r = find_ranges(s, frames, count, (detect_flag)flag);
    if (r != CORE_OK) {
        detect_summary_free(s);
        return r;
    }
    float max_share = rules && rules->max_pin_share > 0.0f ? rules->max_pin_share : 0.10f;
    int min_jitter = rules && rules->min_jitter_steps > 0 ? rules->min_jitter_steps : 2;
    for (int i = 0; i < s->range_count; ++i) {
        const detect_range *range = &s->ranges[i];
        if (range->flag == DETECT_FLAG_JIT && range->flagged_steps >= min_jitter)
            s->fail[DETECT_FLAG_JIT] = true;
        if (range->flag == DETECT_FLAG_NOISE || range->flag == DETECT_FLAG_FACET)
            s->fail[range->flag] = true;
    }
    for (int flag = DETECT_FLAG_PIN; flag <= DETECT_FLAG_HAIR; ++flag)
        s->fail[flag] = count > 0 && (float)s->flagged_steps[flag] > max_share * (float)count;
    for (int flag = 0; flag < DETECT_FLAG_COUNT; ++flag)
        s->flagged = s->flagged || s->fail[flag];
    return CORE_OK;
}

void detect_summary_free(detect_summary *s)
{
    free(s->ranges);
    s->ranges = NULL;
    s->range_count = 0;
}
