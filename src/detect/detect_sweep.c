#include "detect/detect_sweep.h"

#include "detect/detect_blobs.h"
#include "detect/detect_facet.h"
#include "detect/detect_jitter.h"
#include "detect/detect_noise.h"
#include "detect/detect_risk.h"
#include "detect/detect_size.h"

#include "core/core_log.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_BLOBS = 4096, MAX_PARTS = 65536 };

/* Each part's highlight pixels by their predicted half width in analysis
 * pixels, in quarter octaves from 2^-8 to 2^8: enough to tell a median to
 * within 19 % and which side of DETECT_RESOLVED_RHAT_PX (2^-1, a bin edge)
 * each pixel lies. Parts past RESOLUTION_PARTS are not told. */
enum { RESOLUTION_PARTS = 1024, RESOLUTION_BINS = 64, RESOLUTION_BINS_PER_OCTAVE = 4 };

/* What the sweep keeps of one step: copies of the buffers later steps still
 * need, and what the frame-local metrics (M1, M2, M4) found in it. */
typedef struct kept_step {
    float angle_deg;
    float *specular, *position, *geometric, *footprint;
    float *filtered; /* detect_jitter_filter of specular: each step is judged in three jitters */
    int32_t *part;
    float object_to_clip[16];
    detect_blob *blobs;
    int blob_count;
    int32_t *regions;  /* blob index per pixel */
    uint8_t *aligned;  /* crease-aligned highlight edges */
    uint8_t *risk;     /* M1 class per pixel */
    detect_facet_result facet;
    detect_risk_summary risk_summary;
    float rhat_median;
    uint32_t object_px;
} kept_step;

struct detect_sweep {
    detect_sweep_desc desc;
    size_t pixels;
    kept_step kept[3];
    long pushed;
    float *rhat, *scratch; /* per-step scratch */
    uint8_t *jitter_mask, *mask;
    uint32_t *part_counts;
    float *energies, *energy_angles; /* every step's, for the wobble */
    size_t energy_count, energy_capacity;
    int judged;
    uint32_t *resolution; /* RESOLUTION_PARTS x RESOLUTION_BINS */
};

static void free_kept(kept_step *k)
{
    free(k->specular);
    free(k->position);
    free(k->geometric);
    free(k->footprint);
    free(k->filtered);
    free(k->part);
    free(k->blobs);
    free(k->regions);
    free(k->aligned);
    free(k->risk);
}

void detect_sweep_destroy(detect_sweep *sweep)
{
    if (!sweep)
        return;
    for (int i = 0; i < 3; ++i)
        free_kept(&sweep->kept[i]);
    free(sweep->rhat);
    free(sweep->scratch);
    free(sweep->jitter_mask);
    free(sweep->mask);
    free(sweep->part_counts);
    free(sweep->energies);
    free(sweep->energy_angles);
    free(sweep->resolution);
    free(sweep);
}

core_result detect_sweep_create(const detect_sweep_desc *desc, detect_sweep **out)
{
    *out = NULL;
    if (!desc || desc->width < 3 || desc->height < 3 || desc->width > 16384 ||
        desc->height > 16384)
        return core_fail(CORE_ERR_ARGUMENT, "detect_sweep: frames of 3x3 to 16384x16384 only");
    detect_sweep *s = calloc(1, sizeof *s);
    if (!s)
        return core_fail(CORE_ERR_NO_MEMORY, "out of memory for the detector");
    s->desc = *desc;
    size_t n = (size_t)desc->width * (size_t)desc->height;
    s->pixels = n;
    bool ok = true;
    for (int i = 0; i < 3; ++i) {
        kept_step *k = &s->kept[i];
        k->specular = malloc(n * sizeof(float));
        k->position = malloc(3 * n * sizeof(float));
        k->geometric = malloc(3 * n * sizeof(float));
        k->footprint = malloc(n * sizeof(float));
        k->filtered = malloc(n * sizeof(float));
        k->part = malloc(n * sizeof(int32_t));
        k->blobs = malloc(MAX_BLOBS * sizeof(detect_blob));
        k->regions = malloc(n * sizeof(int32_t));
        k->aligned = malloc(n);
        k->risk = malloc(n);
        ok = ok && k->specular && k->position && k->geometric && k->footprint && k->filtered &&
             k->part && k->blobs && k->regions && k->aligned && k->risk;
    }
    s->rhat = malloc(n * sizeof(float));
    s->scratch = malloc(n * sizeof(float));
    s->jitter_mask = malloc(n);
    s->mask = malloc(n);
    s->part_counts = calloc(MAX_PARTS, sizeof(uint32_t));
    s->resolution = calloc((size_t)RESOLUTION_PARTS * RESOLUTION_BINS, sizeof(uint32_t));
    if (!ok || !s->rhat || !s->scratch || !s->jitter_mask || !s->mask || !s->part_counts ||
        !s->resolution) {
        detect_sweep_destroy(s);
        return core_fail(CORE_ERR_NO_MEMORY, "out of memory for the detector at %dx%d",
                         desc->width, desc->height);
    }
    *out = s;
    return CORE_OK;
}

static int compare_floats(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

/* M1's predicted half width where a highlight actually is: the typical
 * size the lobe allows on the surface the frame shows lit. */
static float median_rhat_on_highlights(detect_sweep *s, const float *specular)
{
    size_t count = 0;
    for (size_t i = 0; i < s->pixels; ++i) {
        if (specular[i] >= 0.25f && isfinite(s->rhat[i]))
            s->scratch[count++] = s->rhat[i];
    }
    if (!count)
        return 0.0f;
    qsort(s->scratch, count, sizeof(float), compare_floats);
    return s->scratch[count / 2];
}

static int resolution_bin(float rhat_analysis_px)
{
    if (!(rhat_analysis_px < 256.0f)) /* also INFINITY: a normal that does not turn */
        return RESOLUTION_BINS - 1;
    int bin = (int)floorf((log2f(fmaxf(rhat_analysis_px, 1e-6f)) + 8.0f) *
                          (float)RESOLUTION_BINS_PER_OCTAVE);
    return bin < 0 ? 0 : bin >= RESOLUTION_BINS ? RESOLUTION_BINS - 1 : bin;
}

/* Counts the step's highlight pixels per part by how finely the analysis
 * samples them: M1's half width in analysis pixels, the step's own where it
 * was analysed finer than shown. */
static void count_resolution(detect_sweep *s, const detect_step *step)
{
    float scale = s->desc.analysis_scale > 0.0f ? s->desc.analysis_scale : 1.0f;
    float white = s->desc.min_peak > 0.0f ? s->desc.min_peak : 0.95f;
    for (size_t i = 0; i < s->pixels; ++i) {
        int32_t part = step->part[i];
        if (part < 0 || part >= RESOLUTION_PARTS || step->total_luminance[i] < white)
            continue;
        float rhat = step->analysis_rhat ? step->analysis_rhat[i] : s->rhat[i] * scale;
        s->resolution[(size_t)part * RESOLUTION_BINS + (size_t)resolution_bin(rhat)]++;
    }
}

static int by_need(const void *a, const void *b)
{
    const detect_unresolved *x = a, *y = b;
    return (x->needed_scale < y->needed_scale) - (x->needed_scale > y->needed_scale);
}

int detect_sweep_unresolved(const detect_sweep *s, detect_unresolved *out, int capacity)
{
    float scale = s->desc.analysis_scale > 0.0f ? s->desc.analysis_scale : 1.0f;
    const int edge = (int)((log2f(DETECT_RESOLVED_RHAT_PX) + 8.0f) * RESOLUTION_BINS_PER_OCTAVE);
    int count = 0;
    for (int p = 0; p < RESOLUTION_PARTS && count < capacity; ++p) {
        const uint32_t *bins = &s->resolution[(size_t)p * RESOLUTION_BINS];
        uint64_t total = 0, unresolved = 0;
        for (int b = 0; b < RESOLUTION_BINS; ++b) {
            total += bins[b];
            unresolved += b < edge ? bins[b] : 0;
        }
        /* even one glint at white can be a pinpoint that fails the check */
        if (total == 0 || 2 * unresolved <= total)
            continue;
        uint64_t below = 0;
        int b = 0;
        while (b < RESOLUTION_BINS - 1 && 2 * (below + bins[b]) <= total)
            below += bins[b++];
        /* the median bin's geometric middle */
        float median = exp2f(((float)b + 0.5f) / RESOLUTION_BINS_PER_OCTAVE - 8.0f);
        float needed = ceilf(scale * DETECT_RESOLVED_RHAT_PX / median);
        out[count++] = (detect_unresolved){.part = p,
                                           .rhat_px = median / scale,
                                           .share = (float)unresolved / (float)total,
                                           .needed_scale = fmaxf(needed, floorf(scale) + 1.0f)};
    }
    qsort(out, (size_t)count, sizeof *out, by_need);
    return count;
}

static core_result remember_energy(detect_sweep *s, float angle, float energy)
{
    if (s->energy_count == s->energy_capacity) {
        size_t capacity = s->energy_capacity ? 2 * s->energy_capacity : 256;
        float *energies = realloc(s->energies, capacity * sizeof(float));
        if (!energies)
            return core_fail(CORE_ERR_NO_MEMORY, "out of memory for the detector's history");
        s->energies = energies;
        float *angles = realloc(s->energy_angles, capacity * sizeof(float));
        if (!angles)
            return core_fail(CORE_ERR_NO_MEMORY, "out of memory for the detector's history");
        s->energy_angles = angles;
        s->energy_capacity = capacity;
    }
    s->energies[s->energy_count] = energy;
    s->energy_angles[s->energy_count++] = angle;
    return CORE_OK;
}

/* Copies the step and runs the metrics that need only this frame. */
static core_result keep_step(detect_sweep *s, const detect_step *step, kept_step *k)
{
    const detect_sweep_desc *d = &s->desc;
    size_t n = s->pixels;
    if (!step->specular_luminance || !step->total_luminance || !step->normal || !step->position ||
        !step->geometric || !step->footprint || !step->alpha || !step->part)
        return core_fail(CORE_ERR_ARGUMENT, "detect_sweep: a step without all its buffers");
    k->angle_deg = step->angle_deg;
    memcpy(k->specular, step->specular_luminance, n * sizeof(float));
    memcpy(k->position, step->position, 3 * n * sizeof(float));
    memcpy(k->geometric, step->geometric, 3 * n * sizeof(float));
    memcpy(k->footprint, step->footprint, n * sizeof(float));
    memcpy(k->part, step->part, n * sizeof(int32_t));
    memcpy(k->object_to_clip, step->object_to_clip, sizeof k->object_to_clip);
    detect_jitter_filter(k->specular, d->width, d->height, k->filtered, s->scratch);
    k->object_px = 0;
    for (size_t i = 0; i < n; ++i)
        k->object_px += k->part[i] >= 0;

    detect_blob_desc blobs = {.width = d->width,
                              .height = d->height,
                              .specular_luminance = step->specular_luminance,
                              .total_luminance = step->total_luminance,
                              .ppd = d->ppd,
                              .max_pin_arcmin = d->max_pin_arcmin,
                              .min_peak = d->min_peak,
                              .min_contrast = d->min_contrast,
                              .regions_out = k->regions};
    core_result r = detect_find_blobs(&blobs, k->blobs, MAX_BLOBS, &k->blob_count);
    if (r != CORE_OK)
        return r;
    for (int b = 0; b < k->blob_count && b < 3; ++b) {
        const detect_blob *blob = &k->blobs[b];
        core_log(CORE_LOG_DEBUG,
                 "%.2f deg: highlight %d of %d at (%d, %d): %u px, %.1f arcmin, elongation %.1f, "
                 "peak %.2f, surround %.2f, contrast %.1f, %s",
                 (double)step->angle_deg, b + 1, k->blob_count, blob->x, blob->y, blob->area_px,
                 (double)blob->diameter_arcmin, (double)blob->elongation, (double)blob->peak,
                 (double)blob->surround, (double)blob->contrast,
                 blob->kind == DETECT_BLOB_PIN    ? "PIN"
                 : blob->kind == DETECT_BLOB_HAIR ? "HAIR"
                                                  : "neither");
    }
    detect_risk_desc risk = {d->width,         d->height,    step->normal, step->position,
                             step->footprint, step->alpha, step->part,   d->ppd};
    r = detect_predict_risk(&risk, k->risk, s->rhat, &k->risk_summary);
    if (r != CORE_OK)
        return r;
    k->rhat_median = median_rhat_on_highlights(s, step->specular_luminance);
    count_resolution(s, step);
    detect_facet_desc facet = {.width = d->width,
                               .height = d->height,
                               .specular = step->specular_luminance,
                               .normal = step->normal,
                               .position = step->position,
                               .footprint = step->footprint,
                               .part = step->part,
                               .max_cae = d->max_cae,
                               .aligned_edges_out = k->aligned};
    r = detect_facets(&facet, NULL, &k->facet);
    if (r != CORE_OK)
        return r;
    return remember_energy(s, step->angle_deg, k->facet.energy);
}

/* The centroid and the commonest part of the pixels set in s->mask. */
static detect_where locate(detect_sweep *s, const kept_step *k)
{
    detect_where where = {0, {0.0f, 0.0f, 0.0f}, -1};
    double sum[3] = {0.0, 0.0, 0.0};
    int32_t highest = -1;
    for (size_t i = 0; i < s->pixels; ++i) {
        if (!s->mask[i] || k->part[i] < 0)
            continue;
        where.pixels++;
        for (int c = 0; c < 3; ++c)
            sum[c] += k->position[3 * i + c];
        if (k->part[i] < MAX_PARTS) {
            s->part_counts[k->part[i]]++;
            highest = k->part[i] > highest ? k->part[i] : highest;
        }
    }
    uint32_t most = 0;
    for (int32_t p = 0; p <= highest; ++p) {
        if (s->part_counts[p] > most) {
            most = s->part_counts[p];
            where.part = p;
        }
        s->part_counts[p] = 0;
    }
    for (int c = 0; c < 3 && where.pixels; ++c)
        where.centroid[c] = (float)(sum[c] / (double)where.pixels);
    return where;
}

/* Returns whether any pixel is set: locate on an empty mask finds nothing
 * (no pixels, the centroid at 0, part -1), so a caller can skip it. */
static bool mark_blobs(detect_sweep *s, const kept_step *k, detect_blob_kind kind)
{
    bool any = false;
    for (int b = 0; b < k->blob_count && !any; ++b)
        any = k->blobs[b].kind == kind && k->blobs[b].area_px > 0;
    if (!any) {
        memset(s->mask, 0, s->pixels);
        return false;
    }
    for (size_t i = 0; i < s->pixels; ++i) {
        int32_t b = k->regions[i];
        s->mask[i] = b >= 0 && b < k->blob_count && k->blobs[b].kind == kind;
    }
    return true;
}

static bool any_set(const uint8_t *mask, size_t n)
{
    for (size_t i = 0; i < n; ++i) {
        if (mask[i])
            return true;
    }
    return false;
}

static float trailing_wobble(const detect_sweep *s, float angle, float window)
{
    size_t first = s->energy_count;
    while (first > 0 && fabsf(angle - s->energy_angles[first - 1]) <= window + 1e-3f)
        --first;
    /* Only steps up to `angle` count: the newest one is the step after it. */
    size_t last = s->energy_count > 0 ? s->energy_count - 1 : 0;
    return last > first ? detect_wobble(&s->energies[first], (int)(last - first)) : 0.0f;
}

static void paint_overlay(detect_sweep *s, const kept_step *k, const detect_frame *f,
                          uint8_t *overlay)
{
    for (size_t i = 0; i < s->pixels; ++i) {
        int32_t b = k->regions[i];
        bool in_blob = b >= 0 && b < k->blob_count && k->blobs[b].kind != DETECT_BLOB_NONE;
        bool facet = (f->flags & DETECT_FLAG_BIT(DETECT_FLAG_FACET)) && k->aligned[i];
        uint8_t *o = &overlay[4 * i];
        o[0] = s->jitter_mask[i] ? 255 : 0;
        o[1] = in_blob ? 255 : 0;
        o[2] = facet ? 255 : 0;
        o[3] = k->risk[i] == DETECT_RISK_SPARKLE ? 255 : k->risk[i] == DETECT_RISK_PIN ? 128 : 0;
    }
}

static detect_jitter_step jitter_input(const kept_step *k)
{
    detect_jitter_step j = {k->specular, k->position, k->geometric, k->part, k->footprint, {0}};
    memcpy(j.object_to_clip, k->object_to_clip, sizeof j.object_to_clip);
    return j;
}

/* Judges `now`, with `before` and `after` its neighbouring steps. */
static core_result judge(detect_sweep *s, const kept_step *before, const kept_step *now,
                         const kept_step *after, detect_frame *f, uint8_t *overlay)
{
    const detect_sweep_desc *d = &s->desc;
    detect_jitter_step steps[3] = {jitter_input(before), jitter_input(now), jitter_input(after)};
    detect_jitter_desc jd = {d->width, d->height,        &steps[0],
                             &steps[1], &steps[2],       d->min_brightness,
                             d->max_t2};
    detect_jitter_result jitter;
    const float *const filtered[3] = {before->filtered, now->filtered, after->filtered};
    core_result r = detect_jitter_prefiltered(&jd, filtered, s->jitter_mask, &jitter);
    if (r != CORE_OK)
        return r;
    memset(f, 0, sizeof *f);
    f->step = s->judged++;
    f->angle_deg = now->angle_deg;
    f->object_px = now->object_px;
    for (int b = 0; b < now->blob_count; ++b) {
        f->pins += now->blobs[b].kind == DETECT_BLOB_PIN;
        f->hairs += now->blobs[b].kind == DETECT_BLOB_HAIR;
    }
    f->pin_density = now->object_px ? 1e4f * (float)f->pins / (float)now->object_px : 0.0f;
    detect_persistence_desc pd = {d->width,       d->height,         now->blobs,
                                  now->blob_count, after->blobs,     after->blob_count,
                                  now->position,   {0}};
    memcpy(pd.next_object_to_clip, after->object_to_clip, sizeof pd.next_object_to_clip);
    f->persistence = detect_pin_persistence(&pd);
    f->jitter = jitter.score;
    f->jitter_px = jitter.jitter_px;
    f->jitter_per_10k = now->object_px ? 1e4f * (float)jitter.jitter_px / (float)now->object_px
                                       : 0.0f;
    f->t2_p99 = jitter.t2_p99;
    f->cae = now->facet.cae;
    f->energy = now->facet.energy;
    f->wobble = trailing_wobble(s, now->angle_deg,
                                d->wobble_window_deg > 0.0f ? d->wobble_window_deg : 20.0f);
    f->risk_sparkle_px = now->risk_summary.sparkle;
    f->risk_pin_px = now->risk_summary.pin;
    f->rhat_median = now->rhat_median;

    if (f->pins)
        f->flags |= DETECT_FLAG_BIT(DETECT_FLAG_PIN);
    if (f->hairs)
        f->flags |= DETECT_FLAG_BIT(DETECT_FLAG_HAIR);
    if (jitter.flagged)
        f->flags |= DETECT_FLAG_BIT(DETECT_FLAG_JIT);
    if (detect_is_noise(f->pins, now->object_px, jitter.flagged, jitter.score))
        f->flags |= DETECT_FLAG_BIT(DETECT_FLAG_NOISE);
    if (now->facet.flagged)
        f->flags |= DETECT_FLAG_BIT(DETECT_FLAG_FACET);

    detect_size_desc sizes = {d->width,        d->height,      d->ppd,       now->blobs,
                              now->blob_count, s->jitter_mask, now->aligned, now->specular,
                              now->footprint,  now->position,  now->part,    f->flags};
    r = detect_feature_sizes(&sizes, f->size_mm);
    if (r != CORE_OK)
        return r;

    /* nowhere: what locate finds in an empty mask */
    const detect_where nowhere = {0, {0.0f, 0.0f, 0.0f}, -1};
    bool pins = mark_blobs(s, now, DETECT_BLOB_PIN);
    f->where[DETECT_FLAG_PIN] = pins ? locate(s, now) : nowhere;
    f->where[DETECT_FLAG_HAIR] = mark_blobs(s, now, DETECT_BLOB_HAIR) ? locate(s, now) : nowhere;
    bool jitters = jitter.jitter_px > 0; /* the mask's pixels */
    memcpy(s->mask, s->jitter_mask, s->pixels);
    f->where[DETECT_FLAG_JIT] = jitters ? locate(s, now) : nowhere;
    if (pins || jitters) {
        mark_blobs(s, now, DETECT_BLOB_PIN);
        for (size_t i = 0; i < s->pixels; ++i)
            s->mask[i] |= s->jitter_mask[i];
        f->where[DETECT_FLAG_NOISE] = locate(s, now);
    } else {
        f->where[DETECT_FLAG_NOISE] = nowhere;
    }
    memcpy(s->mask, now->aligned, s->pixels);
    f->where[DETECT_FLAG_FACET] = any_set(s->mask, s->pixels) ? locate(s, now) : nowhere;
    if (overlay)
        paint_overlay(s, now, f, overlay);
    return CORE_OK;
}

core_result detect_sweep_push(detect_sweep *s, const detect_step *step, detect_frame *frame,
                              uint8_t *overlay, bool *ready)
{
    *ready = false;
    kept_step *newest = &s->kept[s->pushed % 3];
    core_result r = keep_step(s, step, newest);
    if (r != CORE_OK)
        return r;
    s->pushed++;
    if (s->pushed < 3)
        return CORE_OK;
    const kept_step *before = &s->kept[(s->pushed - 3) % 3];
    const kept_step *now = &s->kept[(s->pushed - 2) % 3];
    r = judge(s, before, now, newest, frame, overlay);
    *ready = r == CORE_OK;
    return r;
}

const char *detect_flag_name(detect_flag flag)
{
    static const char *const names[DETECT_FLAG_COUNT] = {"PIN", "HAIR", "JIT", "NOISE", "FACET"};
    return flag >= 0 && flag < DETECT_FLAG_COUNT ? names[flag] : "?";
}
