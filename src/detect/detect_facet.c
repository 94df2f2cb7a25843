#include "detect/detect_facet.h"

#include "detect/detect_image.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MIN_COMPONENT_PX 16u

/* The angle's cosine between two pixels' normals, or 1 (no turn) when they
 * are not one continuous surface. */
static float turn_cosine(const detect_facet_desc *d, int p, int q)
{
    if (q < 0 || !detect_same_surface(d->part, d->position, d->footprint, p, q))
        return 1.0f;
    const float *a = &d->normal[3 * p], *b = &d->normal[3 * q];
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

/* A crease is where the normal jumps: a turn of 8-40 degrees between two
 * neighbours that is more than twice the turn on either side of them. The
 * spec's test (the turn alone) also fires on smooth, tightly curved relief:
 * on a hammered metal at 512 px the normal turns more than 8 degrees a pixel
 * over whole dimples, and every highlight edge there read as a crease. */
static void mark_creases(const detect_facet_desc *d, uint8_t *crease)
{
    const float cos_low = cosf(8.0f * 3.14159265f / 180.0f);
    const float cos_high = cosf(40.0f * 3.14159265f / 180.0f);
    int w = d->width, h = d->height;
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            int p = y * w + x;
            /* The background turns nowhere: turn_cosine is 1 from it */
            if (d->part[p] < 0)
                continue;
            /* Each direction: the neighbour, and the pixels before p and after it. */
            const int steps[2][3] = {
                {x + 1 < w ? p + 1 : -1, x > 0 ? p - 1 : -1, x + 2 < w ? p + 2 : -1},
                {y + 1 < h ? p + w : -1, y > 0 ? p - w : -1, y + 2 < h ? p + 2 * w : -1}};
            for (int k = 0; k < 2; ++k) {
                int q = steps[k][0];
                float c = turn_cosine(d, p, q);
                if (q < 0 || !(c < cos_low && c > cos_high))
                    continue;
                float turn = acosf(fminf(c, 1.0f));
                float before = acosf(fminf(turn_cosine(d, p, steps[k][1]), 1.0f));
                float after =
                    steps[k][2] >= 0 ? acosf(fminf(turn_cosine(d, q, steps[k][2]), 1.0f)) : 0.0f;
                if (turn > 2.0f * fmaxf(before, after))
                    crease[p] = crease[q] = 1;
            }
        }
    }
}

static bool near_crease(const uint8_t *crease, int w, int h, int x, int y)
{
    for (int dy = -1; dy <= 1; ++dy) {
        for (int dx = -1; dx <= 1; ++dx) {
            int xx = x + dx, yy = y + dy;
            if (xx >= 0 && yy >= 0 && xx < w && yy < h && crease[yy * w + xx])
                return true;
        }
    }
    return false;
}

/* A highlight that fills a facet lies on one flat piece of surface: its
 * shading normals agree to within 3 degrees. A highlight on smooth relief
 * that happens to end at a sharp groove (an engraved line on armour) does
 * not, and its edge along the groove is the design, not faceting. */
static bool is_flat(const detect_facet_desc *d, const int *pixels, uint32_t count)
{
    double mean[3] = {0.0, 0.0, 0.0};
    for (uint32_t k = 0; k < count; ++k) {
        for (int c = 0; c < 3; ++c)
            mean[c] += d->normal[3 * pixels[k] + c];
    }
    double length = sqrt(mean[0] * mean[0] + mean[1] * mean[1] + mean[2] * mean[2]);
    if (length <= 0.0)
        return false;
    const double cos_limit = cos(3.0 * 3.14159265358979 / 180.0);
    for (uint32_t k = 0; k < count; ++k) {
        const float *n = &d->normal[3 * pixels[k]];
        if ((n[0] * mean[0] + n[1] * mean[1] + n[2] * mean[2]) / length < cos_limit)
            return false;
    }
    return true;
}

static bool on_edge(const int32_t *label, int w, int h, int x, int y, int id)
{
    return x == 0 || y == 0 || x == w - 1 || y == h - 1 || label[y * w + x - 1] != id ||
           label[y * w + x + 1] != id || label[(y - 1) * w + x] != id ||
           label[(y + 1) * w + x] != id;
}

core_result detect_facets(const detect_facet_desc *d, uint8_t *creases, detect_facet_result *result)
{
    memset(result, 0, sizeof *result);
    int w = d->width, h = d->height;
    if (w < 3 || h < 3 || !d->specular || !d->normal || !d->position || !d->footprint || !d->part)
        return core_fail(CORE_ERR_ARGUMENT, "detect_facets: incomplete buffers");
    size_t n = (size_t)w * (size_t)h;
    uint8_t *crease = calloc(n, 1), *bright = calloc(n, 1);
    int32_t *label = malloc(n * sizeof *label);
    int *queue = malloc(n * sizeof *queue);
    if (!crease || !bright || !label || !queue) {
        free(crease);
        free(bright);
        free(label);
        free(queue);
        return core_fail(CORE_ERR_NO_MEMORY, "out of memory for facets at %dx%d", w, h);
    }
    float peak = 0.0f;
    for (size_t i = 0; i < n; ++i) {
        result->energy += d->specular[i];
        peak = fmaxf(peak, d->specular[i]);
    }
    if (d->aligned_edges_out)
        memset(d->aligned_edges_out, 0, n);
    for (size_t i = 0; i < n; ++i) {
        bright[i] = peak > 0.0f && d->part[i] >= 0 && d->specular[i] >= 0.5f * peak;
        label[i] = -1;
    }
    mark_creases(d, crease);
    int components = 0;
    for (size_t seed = 0; seed < n; ++seed) {
        if (!bright[seed] || label[seed] >= 0)
            continue;
        uint32_t size = detect_flood4(bright, label, w, h, (int)seed, components, queue);
        bool flat = is_flat(d, queue, size);
        if (size >= MIN_COMPONENT_PX) {
            result->highlight_px += size;
            for (uint32_t k = 0; k < size; ++k) {
                int x = queue[k] % w, y = queue[k] / w;
                if (!on_edge(label, w, h, x, y, components))
                    continue;
                result->edge_px++;
                bool aligned = flat && near_crease(crease, w, h, x, y);
                result->crease_edge_px += aligned;
                if (aligned && d->aligned_edges_out)
                    d->aligned_edges_out[queue[k]] = 1;
            }
        }
        ++components;
    }
    result->cae = result->edge_px ? (float)result->crease_edge_px / (float)result->edge_px : 0.0f;
    result->flagged = result->cae > (d->max_cae > 0.0f ? d->max_cae : 0.5f);
    if (creases)
        memcpy(creases, crease, n);
    free(crease);
    free(bright);
    free(label);
    free(queue);
    return CORE_OK;
}

float detect_wobble(const float *values, int count)
{
    if (count <= 0)
        return 0.0f;
    float low = values[0], high = values[0], sum = 0.0f;
    for (int i = 0; i < count; ++i) {
        low = fminf(low, values[i]);
        high = fmaxf(high, values[i]);
        sum += values[i];
    }
    return sum > 0.0f ? (high - low) / (sum / (float)count) : 0.0f;
}
