#include "detect/detect_blobs.h"

#include "detect/detect_image.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* The spec's scales: a blob of radius about sqrt(2) sigma answers best. */
static const float scales[] = {0.7f, 1.0f, 1.4f, 2.0f, 2.8f, 4.0f, 5.6f, 8.0f};
enum { SCALE_COUNT = sizeof scales / sizeof *scales };

typedef struct candidate {
    int index;
    float response;
    float scale;
} candidate;

static float or_default(float value, float fallback)
{
    return value > 0.0f ? value : fallback;
}

static int clamp_int(int v, int low, int high)
{
    return v < low ? low : v > high ? high : v;
}

/* Per pixel, the strongest scale-normalised response -sigma^2 LoG over all
 * scales, and the scale that gave it: where find_candidates reads them,
 * the interior pixels whose Ys is not below min_specular (a NaN passes its
 * test too) and their neighbours. Everywhere else best stays -INFINITY and
 * best_scale unset: find_candidates passes those pixels over on their Ys
 * before it looks further. The blurs are summed only where the Laplacian
 * reads them. */
static bool strongest_response(const float *ys, int w, int h, float min_specular, float *best,
                               float *best_scale)
{
    size_t n = (size_t)w * (size_t)h;
    float *blurred = malloc(n * sizeof *blurred), *tmp = malloc(n * sizeof *tmp);
    if (!blurred || !tmp) {
        free(blurred);
        free(tmp);
        return false;
    }
    for (size_t i = 0; i < n; ++i)
        best[i] = -INFINITY;
    detect_box box = detect_nonzero_box(ys, w, h);
    /* min_specular > 0, so a candidate lies in the non-zero box */
    detect_box looked = {w, h, -1, -1};
    for (int y = box.y0 > 1 ? box.y0 : 1; y <= box.y1 && y + 1 < h; ++y) {
        for (int x = box.x0 > 1 ? box.x0 : 1; x <= box.x1 && x + 1 < w; ++x) {
            if (ys[y * w + x] < min_specular)
                continue;
            looked.x0 = x < looked.x0 ? x : looked.x0;
            looked.x1 = x > looked.x1 ? x : looked.x1;
            looked.y0 = y < looked.y0 ? y : looked.y0;
            looked.y1 = y;
        }
    }
    /* the pixels whose responses are read: those and their neighbours */
    detect_box judged = {clamp_int(looked.x0 - 1, 1, w - 2), clamp_int(looked.y0 - 1, 1, h - 2),
                         clamp_int(looked.x1 + 1, 1, w - 2), clamp_int(looked.y1 + 1, 1, h - 2)};
    detect_box wanted = {judged.x0 - 1, judged.y0 - 1, judged.x1 + 1, judged.y1 + 1};
    for (int s = 0; s < SCALE_COUNT && looked.x0 <= looked.x1; ++s) {
        float sigma = scales[s];
        detect_blur_within(ys, blurred, tmp, w, h, sigma, box, wanted);
        /* Beyond a pixel of the blur's reach the Laplacian is +0 and the
         * response -0 at this scale and every smaller one (the reach grows
         * with the scale): the first scale set best to -0 there, and -0
         * does not beat it. So only the first scale looks everywhere. */
        int x0 = judged.x0, y0 = judged.y0, x1 = judged.x1, y1 = judged.y1;
        if (s > 0) {
            detect_box reach = detect_blur_reach(box, w, h, sigma);
            x0 = reach.x0 - 1 > x0 ? reach.x0 - 1 : x0;
            y0 = reach.y0 - 1 > y0 ? reach.y0 - 1 : y0;
            x1 = reach.x1 + 1 < x1 ? reach.x1 + 1 : x1;
            y1 = reach.y1 + 1 < y1 ? reach.y1 + 1 : y1;
        }
        for (int y = y0; y <= y1; ++y) {
            for (int x = x0; x <= x1; ++x) {
                const float *b = &blurred[y * w + x];
                float laplacian = b[-1] + b[1] + b[-w] + b[w] - 4.0f * b[0];
                float response = -sigma * sigma * laplacian;
                if (response > best[y * w + x]) {
                    best[y * w + x] = response;
                    best_scale[y * w + x] = sigma;
                }
            }
        }
    }
    free(blurred);
    free(tmp);
    return true;
}

static int by_response(const void *a, const void *b)
{
    float ra = ((const candidate *)a)->response, rb = ((const candidate *)b)->response;
    return (ra < rb) - (ra > rb);
}

static int by_value(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

/* Local maxima over the 3x3 neighbourhood (and, through `best`, all scales). */
static candidate *find_candidates(const detect_blob_desc *d, const float *best,
                                  const float *best_scale, float min_response, float min_specular,
                                  int *count)
{
    int w = d->width, h = d->height, found = 0, capacity = 256;
    candidate *list = malloc((size_t)capacity * sizeof *list);
    for (int y = 1; list && y + 1 < h; ++y) {
        for (int x = 1; x + 1 < w; ++x) {
            int i = y * w + x;
            if (best[i] <= min_response || d->specular_luminance[i] < min_specular)
                continue;
            bool maximum = true;
            for (int dy = -1; dy <= 1 && maximum; ++dy)
                for (int dx = -1; dx <= 1 && maximum; ++dx)
                    maximum = (dx == 0 && dy == 0) || best[i + dy * w + dx] <= best[i];
            if (!maximum)
                continue;
            if (found == capacity) {
                candidate *grown = realloc(list, (size_t)capacity * 2 * sizeof *list);
                if (!grown)
                    break;
                list = grown;
                capacity *= 2;
            }
            list[found++] = (candidate){i, best[i], best_scale[i]};
        }
    }
    if (list)
        qsort(list, (size_t)found, sizeof *list, by_response);
    *count = found;
    return list;
}

/* The blob: pixels with Ys at or above half the peak's, 8-connected to it.
 * Claims them in `owner` and returns how many. */
static uint32_t claim_component(const detect_blob_desc *d, int peak, int id, int32_t *owner,
                                int *queue)
{
    float level = 0.5f * d->specular_luminance[peak];
    int head = 0, tail = 0;
    queue[tail++] = peak;
    owner[peak] = id;
    while (head < tail) {
        int i = queue[head++], x = i % d->width, y = i / d->width;
        for (int dy = -1; dy <= 1; ++dy) {
            for (int dx = -1; dx <= 1; ++dx) {
                int xx = x + dx, yy = y + dy;
                if (xx < 0 || yy < 0 || xx >= d->width || yy >= d->height)
                    continue;
                int j = yy * d->width + xx;
                if (owner[j] == -1 && d->specular_luminance[j] >= level) {
                    owner[j] = id;
                    queue[tail++] = j;
                }
            }
        }
    }
    return (uint32_t)tail;
}

/* Shape from the component's pixel covariance (each pixel a unit square, so a
 * single pixel still has variance 1/12 along each axis). */
static void measure_shape(const int *pixels, uint32_t count, int width, detect_blob *blob,
                          float *centre_x, float *centre_y)
{
    double sx = 0, sy = 0;
    for (uint32_t k = 0; k < count; ++k) {
        sx += pixels[k] % width;
        sy += pixels[k] / width;
    }
    double mx = sx / count, my = sy / count, cxx = 1.0 / 12, cyy = 1.0 / 12, cxy = 0;
    for (uint32_t k = 0; k < count; ++k) {
        double dx = pixels[k] % width - mx, dy = pixels[k] / width - my;
        cxx += dx * dx / count;
        cyy += dy * dy / count;
        cxy += dx * dy / count;
    }
    double half = 0.5 * (cxx + cyy), spread = sqrt(0.25 * (cxx - cyy) * (cxx - cyy) + cxy * cxy);
    double l1 = half + spread, l2 = fmax(half - spread, 1.0 / 12);
    blob->elongation = (float)sqrt(l1 / l2);
    blob->minor_width_arcmin = (float)sqrt(12.0 * l2); /* px for now; scaled by the caller */
    *centre_x = (float)mx;
    *centre_y = (float)my;
}

/* Median Yd over the ring R+1..R+4 px around the blob, the blob excluded. */
static float surround_median(const detect_blob_desc *d, const int32_t *owner, int id, float cx,
                             float cy, float radius, float *scratch)
{
    float inner = radius + 1.0f, outer = radius + 4.0f;
    int count = 0;
    for (int y = (int)floorf(cy - outer); y <= (int)ceilf(cy + outer); ++y) {
        for (int x = (int)floorf(cx - outer); x <= (int)ceilf(cx + outer); ++x) {
            if (x < 0 || y < 0 || x >= d->width || y >= d->height)
                continue;
            float r = hypotf((float)x - cx, (float)y - cy);
            int i = y * d->width + x;
            if (r >= inner && r <= outer && owner[i] != id)
                scratch[count++] = d->total_luminance[i];
        }
    }
    if (count == 0)
        return 0.0f;
    qsort(scratch, (size_t)count, sizeof *scratch, by_value);
    return scratch[count / 2];
}

core_result detect_find_blobs(const detect_blob_desc *d, detect_blob *blobs, int capacity,
                              int *count)
{
    *count = 0;
    if (d->width < 3 || d->height < 3 || !d->specular_luminance || !d->total_luminance)
        return core_fail(CORE_ERR_ARGUMENT, "detect_find_blobs: an image of at least 3x3 with "
                                            "both luminances is needed");
    float ppd = or_default(d->ppd, 45.0f), max_arcmin = or_default(d->max_pin_arcmin, 4.0f);
    float min_elongation = or_default(d->min_hair_elongation, 4.0f);
    float min_peak = or_default(d->min_peak, 0.95f),
          min_contrast = or_default(d->min_contrast, 2.0f);
    size_t n = (size_t)d->width * (size_t)d->height;
    float *best = malloc(n * sizeof *best), *best_scale = malloc(n * sizeof *best_scale);
    int32_t *owner = malloc(n * sizeof *owner);
    int *queue = malloc(n * sizeof *queue);
    float *scratch = malloc(n * sizeof *scratch);
    candidate *candidates = NULL;
    int candidate_count = 0;
    float min_specular = or_default(d->min_specular, 0.25f);
    bool ok = best && best_scale && owner && queue && scratch &&
              strongest_response(d->specular_luminance, d->width, d->height, min_specular, best,
                                 best_scale);
    if (ok)
        candidates = find_candidates(d, best, best_scale, or_default(d->min_response, 0.05f),
                                     min_specular, &candidate_count);
    ok = ok && candidates;
    if (ok)
        memset(owner, 0xff, n * sizeof *owner); /* -1: unclaimed */
    for (int c = 0; ok && c < candidate_count && *count < capacity; ++c) {
        int peak = candidates[c].index;
        if (owner[peak] != -1)
            continue; /* inside a stronger blob's region */
        detect_blob *blob = &blobs[*count];
        memset(blob, 0, sizeof *blob);
        blob->x = peak % d->width;
        blob->y = peak / d->width;
        blob->scale = candidates[c].scale;
        blob->area_px = claim_component(d, peak, *count, owner, queue);
        float cx, cy;
        measure_shape(queue, blob->area_px, d->width, blob, &cx, &cy);
        float diameter_px = 2.0f * sqrtf((float)blob->area_px / 3.14159265f);
        blob->diameter_arcmin = 60.0f * diameter_px / ppd;
        blob->minor_width_arcmin = 60.0f * blob->minor_width_arcmin / ppd;
        blob->peak = d->total_luminance[peak];
        blob->surround = surround_median(d, owner, *count, cx, cy, 0.5f * diameter_px, scratch);
        blob->contrast = (blob->peak - blob->surround) / fmaxf(blob->surround, 0.02f);
        bool harsh = blob->peak >= min_peak && blob->contrast >= min_contrast;
        if (harsh && blob->elongation < min_elongation && blob->diameter_arcmin <= max_arcmin)
            blob->kind = DETECT_BLOB_PIN;
        else if (harsh && blob->elongation >= min_elongation &&
                 blob->minor_width_arcmin <= max_arcmin)
            blob->kind = DETECT_BLOB_HAIR;
        ++*count;
    }
    if (ok && d->regions_out)
        memcpy(d->regions_out, owner, n * sizeof *owner);
    free(best);
    free(best_scale);
    free(owner);
    free(queue);
    free(scratch);
    free(candidates);
    return ok ? CORE_OK
              : core_fail(CORE_ERR_NO_MEMORY, "out of memory looking for highlights in %dx%d",
                          d->width, d->height);
}
