#include "detect/detect_jitter.h"

#include "detect/detect_image.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct blurred_steps {
    const float *previous, *current, *next;
} blurred_steps;

/* Where an object-space point lands in a step's image (pixel centres at
 * integers); false when it is behind the camera or outside the view. */
static bool project(const float *m, const float *p, int width, int height, float *x, float *y)
{
    float cx = m[0] * p[0] + m[4] * p[1] + m[8] * p[2] + m[12];
    float cy = m[1] * p[0] + m[5] * p[1] + m[9] * p[2] + m[13];
    float cw = m[3] * p[0] + m[7] * p[1] + m[11] * p[2] + m[15];
    if (cw <= 1e-6f)
        return false;
    *x = (cx / cw * 0.5f + 0.5f) * (float)width - 0.5f;
    *y = (0.5f - cy / cw * 0.5f) * (float)height - 0.5f;
    return *x >= 0.0f && *y >= 0.0f && *x <= (float)(width - 1) && *y <= (float)(height - 1);
}

/* The point is still the same piece of surface at the other step: not
 * occluded (close in object space) and facing the same way. */
static bool same_point(const detect_jitter_step *other, int width, float x, float y,
                       const float *position, const float *geometric, float footprint)
{
    int i = (int)lrintf(y) * width + (int)lrintf(x);
    if (other->part[i] < 0)
        return false;
    const float *p = &other->position[3 * i], *n = &other->geometric[3 * i];
    float dx = p[0] - position[0], dy = p[1] - position[1], dz = p[2] - position[2];
    return sqrtf(dx * dx + dy * dy + dz * dz) < 1.5f * footprint &&
           n[0] * geometric[0] + n[1] * geometric[1] + n[2] * geometric[2] > 0.9f;
}

/* detect_sample at the (2 half + 1)^2 points centre + (i, j), i and j whole
 * numbers in -half..half, into out row by row (`stride` apart, each row
 * right to left where mirrored). The clamp, the corner pixels
 * and the weights along x hang on i alone and those along y on j alone, so
 * they are worked out once a column and once a row; each sample is then the
 * same expression as detect_sample's on the same numbers, the same bits. */
static void sample_grid(const float *image, int width, int height, float cx, float cy, int half,
                        float *out, int stride, bool mirrored)
{
    enum { MAX_SIDE = 7 };
    int side = 2 * half + 1, x0[MAX_SIDE], x1[MAX_SIDE], y0[MAX_SIDE], y1[MAX_SIDE];
    float fx[MAX_SIDE], fy[MAX_SIDE];
    int column[MAX_SIDE];
    for (int k = 0; k < side; ++k) {
        column[k] = mirrored ? side - 1 - k : k;
        /* detect_sample's fminf(fmaxf(v, 0), size - 1) without the calls:
         * the same for every v that is not NaN, and the centres are a pixel
         * or a projection that lay inside the frame */
        float x = cx + (float)(k - half), y = cy + (float)(k - half);
        x = x > 0.0f ? x : 0.0f;
        x = x < (float)(width - 1) ? x : (float)(width - 1);
        y = y > 0.0f ? y : 0.0f;
        y = y < (float)(height - 1) ? y : (float)(height - 1);
        x0[k] = (int)x;
        y0[k] = (int)y;
        x1[k] = x0[k] + 1 < width ? x0[k] + 1 : x0[k];
        y1[k] = y0[k] + 1 < height ? y0[k] + 1 : y0[k];
        fx[k] = x - (float)x0[k];
        fy[k] = y - (float)y0[k];
    }
    /* Where the seven columns are side by side and none is clamped (a
     * highlight away from the frame's edge), a row is eight lanes of the
     * same expression (the eighth, one pixel further, is thrown away). */
    bool lanes = side == 7 && x0[0] + 8 < width;
    for (int k = 1; k < side && lanes; ++k)
        lanes = x0[k] == x0[0] + k && x1[k] == x0[k] + 1;
    if (lanes) {
        float near[8], far[8];
        for (int i = 0; i < 8; ++i) {
            near[i] = i < side ? 1.0f - fx[i] : 0.0f;
            far[i] = i < side ? fx[i] : 0.0f;
        }
        for (int j = 0; j < side; ++j) {
            const float *upper = &image[y0[j] * width + x0[0]],
                        *lower = &image[y1[j] * width + x0[0]];
            float row[8], top_weight = 1.0f - fy[j], bottom_weight = fy[j];
            for (int i = 0; i < 8; ++i) {
                float top = upper[i] * near[i] + upper[i + 1] * far[i];
                float bottom = lower[i] * near[i] + lower[i + 1] * far[i];
                row[i] = top * top_weight + bottom * bottom_weight;
            }
            for (int i = 0; i < side; ++i)
                out[j * stride + column[i]] = row[i];
        }
        return;
    }
    for (int j = 0; j < side; ++j) {
        const float *upper = &image[y0[j] * width], *lower = &image[y1[j] * width];
        for (int i = 0; i < side; ++i) {
            float top = upper[x0[i]] * (1.0f - fx[i]) + upper[x1[i]] * fx[i];
            float bottom = lower[x0[i]] * (1.0f - fx[i]) + lower[x1[i]] * fx[i];
            out[j * stride + column[i]] = top * (1.0f - fy[j]) + bottom * fy[j];
        }
    }
}

/* The smallest RMS over a 3x3 patch of S(t+1) - 2 S(t) + S(t-1), over the
 * two motion hypotheses and drifts of up to 2 px. Every sample a hypothesis
 * needs lies on a 7x7 grid around its centres, so the grids are sampled once
 * (98 bilinear samples a hypothesis instead of 450). */
static float smallest_second_difference(const blurred_steps *s, int w, int h, int px, int py,
                                        float xp, float yp, float xn, float yn)
{
    const float centres[2][4] = {{(float)px, (float)py, (float)px, (float)py}, /* stationary */
                                 {xn, yn, xp, yp}}; /* attached: next, previous */
    float now[3][3];
    sample_grid(s->current, w, h, (float)px, (float)py, 1, &now[0][0], 3, false);
    /* The five drifts along x side by side in eight lanes (the last three
     * are padding), each lane adding its nine terms in the same order as
     * one drift at a time: `before` is read mirrored, so that the lanes
     * walk both grids forwards. */
    enum { LANES = 8, PADDED = LANES + 2 };
    float smallest = INFINITY;
    for (int hypothesis = 0; hypothesis < 2; ++hypothesis) {
        const float *c = centres[hypothesis];
        float next_p[7][PADDED] = {{0.0f}}, mirror_p[7][PADDED] = {{0.0f}};
        sample_grid(s->next, w, h, c[0], c[1], 3, &next_p[0][0], PADDED, false);
        sample_grid(s->previous, w, h, c[2], c[3], 3, &mirror_p[0][0], PADDED, true);
        for (int dy = -2; dy <= 2; ++dy) {
            float sum[LANES] = {0.0f};
            for (int oy = -1; oy <= 1; ++oy) {
                for (int ox = -1; ox <= 1; ++ox) {
                    /* lane d is drift dx = d - 2: next's column dx + ox + 3
                     * and before's -dx + ox + 3, mirrored 1 + d - ox */
                    const float *ahead = &next_p[dy + oy + 3][ox + 1];
                    const float *behind = &mirror_p[-dy + oy + 3][1 - ox];
                    float twice = 2.0f * now[oy + 1][ox + 1];
                    for (int d = 0; d < LANES; ++d) {
                        float e = ahead[d] - twice + behind[d];
                        sum[d] += e * e;
                    }
                }
            }
            /* the smallest sum gives the smallest RMS: x -> sqrtf(x / 9) is
             * monotonic, rounding included, and a NaN sum is passed over
             * as fminf passes over a NaN RMS */
            for (int d = 0; d < 5; ++d)
                smallest = sum[d] < smallest ? sum[d] : smallest;
        }
    }
    return sqrtf(smallest / 9.0f);
}

static int compare_floats(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

void detect_jitter_filter(const float *specular, int width, int height, float *filtered, float *tmp)
{
    detect_blur(specular, filtered, tmp, width, height, 0.6f);
}

core_result detect_jitter(const detect_jitter_desc *d, uint8_t *mask, detect_jitter_result *result)
{
    return detect_jitter_prefiltered(d, NULL, mask, result);
}

core_result detect_jitter_prefiltered(const detect_jitter_desc *d, const float *const filtered[3],
                                      uint8_t *mask, detect_jitter_result *result)
{
    memset(result, 0, sizeof *result);
    int w = d->width, h = d->height;
    if (w < 3 || h < 3 || !d->previous || !d->current || !d->next)
        return core_fail(CORE_ERR_ARGUMENT, "detect_jitter: three steps of at least 3x3 needed");
    float min_brightness = d->min_brightness > 0.0f ? d->min_brightness : 0.25f;
    float max_t2 = d->max_t2 > 0.0f ? d->max_t2 : 0.5f;
    size_t n = (size_t)w * (size_t)h;
    /* The display's and the eye's blur, which also makes bilinear resampling
     * fair to a highlight that moves by part of a pixel: the steps' own,
     * or made here. */
    float *own[3] = {NULL, NULL, NULL};
    const detect_jitter_step *steps[3] = {d->previous, d->current, d->next};
    const float *used[3];
    float *tmp = malloc(n * sizeof(float)), *t2_values = malloc(n * sizeof(float));
    bool ok = tmp && t2_values;
    for (int k = 0; k < 3; ++k) {
        used[k] = filtered ? filtered[k] : NULL;
        if (!used[k] && ok) {
            own[k] = malloc(n * sizeof(float));
            ok = own[k] != NULL;
            if (ok)
                detect_jitter_filter(steps[k]->specular, w, h, own[k], tmp);
            used[k] = own[k];
        }
    }
    if (!ok) {
        free(t2_values);
        for (int k = 0; k < 3; ++k)
            free(own[k]);
        free(tmp);
        return core_fail(CORE_ERR_NO_MEMORY, "out of memory for jitter at %dx%d", w, h);
    }
    blurred_steps s = {used[0], used[1], used[2]};
    if (mask)
        memset(mask, 0, n);
    const detect_jitter_step *now = d->current;
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            int i = y * w + x;
            if (now->part[i] < 0)
                continue;
            result->object_px++;
            const float *p = &now->position[3 * i], *g = &now->geometric[3 * i];
            float xp, yp, xn, yn;
            if (!project(d->previous->object_to_clip, p, w, h, &xp, &yp) ||
                !project(d->next->object_to_clip, p, w, h, &xn, &yn) ||
                !same_point(d->previous, w, xp, yp, p, g, now->footprint[i]) ||
                !same_point(d->next, w, xn, yn, p, g, now->footprint[i]))
                continue;
            float brightest = fmaxf(s.current[i], fmaxf(detect_sample(s.next, w, h, xn, yn),
                                                        detect_sample(s.previous, w, h, xp, yp)));
            brightest = fmaxf(brightest, fmaxf(s.next[i], s.previous[i]));
            if (brightest < min_brightness)
                continue;
            float t2 =
                smallest_second_difference(&s, w, h, x, y, xp, yp, xn, yn) / (brightest + 0.05f);
            t2_values[result->bright_valid_px++] = t2;
            if (t2 > max_t2) {
                result->jitter_px++;
                if (mask)
                    mask[i] = 1;
            }
        }
    }
    result->score =
        result->bright_valid_px ? (float)result->jitter_px / (float)result->bright_valid_px : 0.0f;
    result->flagged = result->score > 0.02f ||
                      (float)result->jitter_px > 2.0f * (float)result->object_px / 10000.0f;
    if (result->bright_valid_px) {
        qsort(t2_values, result->bright_valid_px, sizeof *t2_values, compare_floats);
        result->t2_p99 = t2_values[(size_t)(0.99 * (double)(result->bright_valid_px - 1) + 0.5)];
    }
    free(t2_values);
    for (int k = 0; k < 3; ++k)
        free(own[k]);
    free(tmp);
    return CORE_OK;
}
