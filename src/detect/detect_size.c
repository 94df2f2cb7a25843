#include "detect/detect_size.h"
#include "detect/detect_image.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_POINTS = 512, MIN_FACET_PX = 16 };

static int compare_floats(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

static float median(float *values, int count)
{
    if (count <= 0)
        return 0.0f;
    qsort(values, (size_t)count, sizeof *values, compare_floats);
    return values[count / 2];
}

/* The diameter of the disc with the area of `count` pixels, in mm. */
static float disc_mm(const float *footprint, const int *pixels, uint32_t count)
{
    double area = 0.0;
    for (uint32_t k = 0; k < count; ++k)
        area += (double)footprint[pixels[k]] * (double)footprint[pixels[k]];
    return (float)(2.0 * sqrt(area / 3.14159265358979));
}

typedef struct scratch {
    int32_t *label;
    int *queue;
    uint8_t *in;
    float *values;
    float points[MAX_POINTS][3];
    int point_count;
} scratch;

static void add_point(scratch *s, const float *p)
{
    if (s->point_count < MAX_POINTS)
        memcpy(s->points[s->point_count++], p, 3 * sizeof(float));
}

/* JIT: the popping patches' diameters; their centroids become glints for NOISE. */
static float jitter_size(const detect_size_desc *d, scratch *s, size_t n)
{
    int count = 0;
    for (size_t i = 0; i < n; ++i)
        s->label[i] = -1;
    for (size_t seed = 0; seed < n; ++seed) {
        if (!d->jitter_mask[seed] || s->label[seed] >= 0 || d->part[seed] < 0)
            continue;
        uint32_t size = detect_flood4(d->jitter_mask, s->label, d->width, d->height, (int)seed,
                                      count, s->queue);
        s->values[count++] = disc_mm(d->footprint, s->queue, size);
        float centroid[3] = {0.0f, 0.0f, 0.0f};
        for (uint32_t k = 0; k < size; ++k)
            for (int c = 0; c < 3; ++c)
                centroid[c] += d->position[3 * s->queue[k] + c] / (float)size;
        add_point(s, centroid);
    }
    return median(s->values, count);
}

/* FACET: highlights at half the frame's peak that fill a facet: those with
 * crease-aligned edge pixels (detect_facets marks only flat ones). */
static float facet_size(const detect_size_desc *d, scratch *s, size_t n)
{
    float peak = 0.0f;
    for (size_t i = 0; i < n; ++i)
        peak = fmaxf(peak, d->specular[i]);
    for (size_t i = 0; i < n; ++i) {
        s->in[i] = peak > 0.0f && d->part[i] >= 0 && d->specular[i] >= 0.5f * peak;
        s->label[i] = -1;
    }
    int components = 0, count = 0;
    for (size_t seed = 0; seed < n; ++seed) {
        if (!s->in[seed] || s->label[seed] >= 0)
            continue;
        uint32_t size =
            detect_flood4(s->in, s->label, d->width, d->height, (int)seed, components++, s->queue);
        bool aligned = false;
        for (uint32_t k = 0; k < size && !aligned; ++k)
            aligned = d->aligned[s->queue[k]] != 0;
        if (aligned && size >= MIN_FACET_PX)
            s->values[count++] = disc_mm(d->footprint, s->queue, size);
    }
    return median(s->values, count);
}

/* NOISE: the median distance from each glint to its nearest neighbour. */
static float glint_spacing(scratch *s)
{
    int count = 0;
    for (int a = 0; a < s->point_count; ++a) {
        float nearest = INFINITY;
        for (int b = 0; b < s->point_count; ++b) {
            if (a == b)
                continue;
            float dx = s->points[a][0] - s->points[b][0], dy = s->points[a][1] - s->points[b][1],
                  dz = s->points[a][2] - s->points[b][2];
            nearest = fminf(nearest, dx * dx + dy * dy + dz * dz);
        }
        if (isfinite(nearest))
            s->values[count++] = sqrtf(nearest);
    }
    return median(s->values, count);
}

/* PIN or HAIR: the blobs' diameters or widths at their peaks' footprints. */
static float blob_size(const detect_size_desc *d, scratch *s, detect_blob_kind kind)
{
    float ppd = d->ppd > 0.0f ? d->ppd : 45.0f;
    int count = 0;
    for (int b = 0; b < d->blob_count; ++b) {
        const detect_blob *blob = &d->blobs[b];
        size_t at = (size_t)blob->y * (size_t)d->width + (size_t)blob->x;
        if (blob->kind != kind || d->footprint[at] <= 0.0f)
            continue;
        float px = kind == DETECT_BLOB_PIN ? 2.0f * sqrtf((float)blob->area_px / 3.14159265f)
                                           : blob->minor_width_arcmin * ppd / 60.0f;
        s->values[count++] = px * d->footprint[at];
        if (kind == DETECT_BLOB_PIN)
            add_point(s, &d->position[3 * at]);
    }
    return median(s->values, count);
}

core_result detect_feature_sizes(const detect_size_desc *d, float size_mm[DETECT_FLAG_COUNT])
{
    memset(size_mm, 0, DETECT_FLAG_COUNT * sizeof *size_mm);
    if (!d->flags)
        return CORE_OK;
    size_t n = (size_t)d->width * (size_t)d->height;
    scratch *s = calloc(1, sizeof *s);
    if (s) {
        s->label = malloc(n * sizeof *s->label);
        s->queue = malloc(n * sizeof *s->queue);
        s->in = malloc(n);
        /* one value per blob, patch or component: never more than the pixels */
        s->values = malloc((n + (size_t)d->blob_count + MAX_POINTS) * sizeof *s->values);
    }
    if (!s || !s->label || !s->queue || !s->in || !s->values) {
        if (s) {
            free(s->label);
            free(s->queue);
            free(s->in);
            free(s->values);
        }
        free(s);
        return core_fail(CORE_ERR_NO_MEMORY, "out of memory for the features' sizes");
    }
    bool noise = d->flags & DETECT_FLAG_BIT(DETECT_FLAG_NOISE);
    if (noise || d->flags & DETECT_FLAG_BIT(DETECT_FLAG_PIN))
        size_mm[DETECT_FLAG_PIN] = blob_size(d, s, DETECT_BLOB_PIN);
    if (d->flags & DETECT_FLAG_BIT(DETECT_FLAG_HAIR))
        size_mm[DETECT_FLAG_HAIR] = blob_size(d, s, DETECT_BLOB_HAIR);
    if (noise || d->flags & DETECT_FLAG_BIT(DETECT_FLAG_JIT))
        size_mm[DETECT_FLAG_JIT] = jitter_size(d, s, n);
    if (noise)
        size_mm[DETECT_FLAG_NOISE] = glint_spacing(s);
    if (d->flags & DETECT_FLAG_BIT(DETECT_FLAG_FACET))
        size_mm[DETECT_FLAG_FACET] = facet_size(d, s, n);
    /* A size measured only to find the glints is not a flag's. */
    for (int f = 0; f < DETECT_FLAG_COUNT; ++f)
        if (!(d->flags & DETECT_FLAG_BIT(f)))
            size_mm[f] = 0.0f;
    free(s->label);
    free(s->queue);
    free(s->in);
    free(s->values);
    free(s);
    return CORE_OK;
}
