#include "detect/detect_image.h"

#include <math.h>
#include <stdbool.h>
#include <stddef.h>

/* How many neighbouring pixels of a row the blur sums at once: eight
 * accumulators fill two SSE registers (one AVX), so the compiler's
 * straight-line vectoriser (gcc -O2) keeps them in registers across the
 * kernel's taps; two such blocks side by side share each tap's weight and
 * loop (gcc 12 does not vectorise one block of 16). Each pixel's sum still
 * adds its taps one by one from the first, so the result is the same to the
 * bit as a pixel at a time. */
enum { BLUR_BLOCK = 8 };

/* Columns [from, to) of one row across, edges clamped. */
static void blur_across(const float *restrict row, float *restrict out, const float *kernel, int w,
                        int radius, int from, int to)
{
    int x = from;
    for (; x < to && x < radius; ++x) {
        float acc = 0.0f;
        for (int k = -radius; k <= radius; ++k) {
            int xx = x + k < 0 ? 0 : (x + k >= w ? w - 1 : x + k);
            acc += kernel[k + radius] * row[xx];
        }
        out[x] = acc;
    }
    int interior_end = w - radius; /* the first x whose window passes the right edge */
    for (; x + 2 * BLUR_BLOCK <= to && x + 2 * BLUR_BLOCK <= interior_end; x += 2 * BLUR_BLOCK) {
        const float *window = &row[x - radius];
        float acc[BLUR_BLOCK] = {0.0f}, more[BLUR_BLOCK] = {0.0f};
        for (int k = 0; k <= 2 * radius; ++k) {
            float weight = kernel[k];
            for (int j = 0; j < BLUR_BLOCK; ++j)
                acc[j] += weight * window[k + j];
            for (int j = 0; j < BLUR_BLOCK; ++j)
                more[j] += weight * window[k + BLUR_BLOCK + j];
        }
        for (int j = 0; j < BLUR_BLOCK; ++j) {
            out[x + j] = acc[j];
            out[x + BLUR_BLOCK + j] = more[j];
        }
    }
    for (; x + BLUR_BLOCK <= to && x + BLUR_BLOCK <= interior_end; x += BLUR_BLOCK) {
        const float *window = &row[x - radius];
        float acc[BLUR_BLOCK] = {0.0f};
        for (int k = 0; k <= 2 * radius; ++k) {
            float weight = kernel[k];
            for (int j = 0; j < BLUR_BLOCK; ++j)
                acc[j] += weight * window[k + j];
        }
        for (int j = 0; j < BLUR_BLOCK; ++j)
            out[x + j] = acc[j];
    }
    for (; x < to; ++x) {
        float acc = 0.0f;
        if (x >= radius && x + radius < w) {
            const float *window = &row[x - radius];
            for (int k = 0; k <= 2 * radius; ++k)
                acc += kernel[k] * window[k];
        } else {
            for (int k = -radius; k <= radius; ++k) {
                int xx = x + k < 0 ? 0 : (x + k >= w ? w - 1 : x + k);
                acc += kernel[k + radius] * row[xx];
            }
        }
        out[x] = acc;
    }
}

/* Columns [from, to) of one row down: rows[k] is the row of tap k, weights[k]
 * its weight. */
static void blur_down(const float *const *rows, const float *weights, int taps, float *restrict out,
                      int from, int to)
{
    int x = from;
    for (; x + 2 * BLUR_BLOCK <= to; x += 2 * BLUR_BLOCK) {
        float acc[BLUR_BLOCK] = {0.0f}, more[BLUR_BLOCK] = {0.0f};
        for (int k = 0; k < taps; ++k) {
            const float *restrict row = rows[k] + x;
            float weight = weights[k];
            for (int j = 0; j < BLUR_BLOCK; ++j)
                acc[j] += weight * row[j];
            for (int j = 0; j < BLUR_BLOCK; ++j)
                more[j] += weight * row[BLUR_BLOCK + j];
        }
        for (int j = 0; j < BLUR_BLOCK; ++j) {
            out[x + j] = acc[j];
            out[x + BLUR_BLOCK + j] = more[j];
        }
    }
    for (; x + BLUR_BLOCK <= to; x += BLUR_BLOCK) {
        float acc[BLUR_BLOCK] = {0.0f};
        for (int k = 0; k < taps; ++k) {
            const float *restrict row = rows[k] + x;
            float weight = weights[k];
            for (int j = 0; j < BLUR_BLOCK; ++j)
                acc[j] += weight * row[j];
        }
        for (int j = 0; j < BLUR_BLOCK; ++j)
            out[x + j] = acc[j];
    }
    for (; x < to; ++x) {
        float acc = 0.0f;
        for (int k = 0; k < taps; ++k)
            acc += weights[k] * rows[k][x];
        out[x] = acc;
    }
}

detect_box detect_nonzero_box(const float *image, int w, int h)
{
    detect_box box = {w, h, -1, -1};
    for (int y = 0; y < h; ++y) {
        const float *row = &image[(size_t)y * (size_t)w];
        int x = 0;
        while (x < w && row[x] == 0.0f)
            ++x;
        if (x == w)
            continue;
        int last = w - 1;
        while (row[last] == 0.0f)
            --last;
        box.x0 = x < box.x0 ? x : box.x0;
        box.x1 = last > box.x1 ? last : box.x1;
        box.y0 = y < box.y0 ? y : box.y0;
        box.y1 = y;
    }
    return box;
}

detect_box detect_blur_reach(detect_box box, int w, int h, float sigma)
{
    if (box.x0 > box.x1)
        return box;
    int radius = (int)ceilf(3.0f * sigma);
    return (detect_box){box.x0 - radius < 0 ? 0 : box.x0 - radius,
                        box.y0 - radius < 0 ? 0 : box.y0 - radius,
                        box.x1 + radius >= w ? w - 1 : box.x1 + radius,
                        box.y1 + radius >= h ? h - 1 : box.y1 + radius};
}

/* Separable Gaussian, edges clamped. Each pixel's sums run over the taps in
 * order from a zero start, in both passes, whatever the blocking.
 *
 * Only the pixels within the blur's reach of `nonzero` are summed: every
 * tap of any other pixel reads zero, and there the sum is +0 whatever the
 * order. Inside, the taps whose rows lie outside the box are left out of
 * the second pass: each adds weight x +0 = +0 to a sum that cannot be -0
 * (it starts at +0, and in round-to-nearest x + y is -0 only when both
 * are), so leaving them out changes no bit. The first pass runs only on the
 * rows and columns the second one reads for `wanted`. */
void detect_blur_within(const float *restrict src, float *restrict dst, float *restrict tmp, int w,
                        int h, float sigma, detect_box nonzero, detect_box wanted)
{
    int radius = (int)ceilf(3.0f * sigma);
    float kernel[64];
    float sum = 0.0f;
    for (int k = -radius; k <= radius; ++k)
        sum += kernel[k + radius] = expf(-0.5f * (float)(k * k) / (sigma * sigma));
    for (int k = 0; k <= 2 * radius; ++k)
        kernel[k] /= sum;
    wanted.x0 = wanted.x0 < 0 ? 0 : wanted.x0;
    wanted.y0 = wanted.y0 < 0 ? 0 : wanted.y0;
    wanted.x1 = wanted.x1 >= w ? w - 1 : wanted.x1;
    wanted.y1 = wanted.y1 >= h ? h - 1 : wanted.y1;
    detect_box reach = detect_blur_reach(nonzero, w, h, sigma);
    for (int y = wanted.y0; y <= wanted.y1; ++y) {
        float *out = &dst[(size_t)y * (size_t)w];
        bool inside = y >= reach.y0 && y <= reach.y1;
        for (int x = wanted.x0; x <= wanted.x1; ++x) {
            if (!inside || x < reach.x0 || x > reach.x1)
                out[x] = 0.0f;
        }
    }
    /* what is left to sum: wanted and within reach */
    detect_box c = {
        wanted.x0 > reach.x0 ? wanted.x0 : reach.x0, wanted.y0 > reach.y0 ? wanted.y0 : reach.y0,
        wanted.x1 < reach.x1 ? wanted.x1 : reach.x1, wanted.y1 < reach.y1 ? wanted.y1 : reach.y1};
    if (nonzero.x0 > nonzero.x1 || c.x0 > c.x1 || c.y0 > c.y1)
        return;
    int first = c.y0 - radius > nonzero.y0 ? c.y0 - radius : nonzero.y0;
    int last = c.y1 + radius < nonzero.y1 ? c.y1 + radius : nonzero.y1;
    for (int y = first; y <= last; ++y)
        blur_across(&src[(size_t)y * (size_t)w], &tmp[(size_t)y * (size_t)w], kernel, w, radius,
                    c.x0, c.x1 + 1);
    const float *rows[64];
    float weights[64];
    for (int y = c.y0; y <= c.y1; ++y) {
        int taps = 0;
        for (int k = -radius; k <= radius; ++k) {
            int yy = y + k < 0 ? 0 : (y + k >= h ? h - 1 : y + k);
            if (yy < nonzero.y0 || yy > nonzero.y1)
                continue;
            rows[taps] = &tmp[(size_t)yy * (size_t)w];
            weights[taps++] = kernel[k + radius];
        }
        blur_down(rows, weights, taps, &dst[(size_t)y * (size_t)w], c.x0, c.x1 + 1);
    }
}

void detect_blur(const float *restrict src, float *restrict dst, float *restrict tmp, int w, int h,
                 float sigma)
{
    detect_box all = {0, 0, w - 1, h - 1};
    detect_blur_within(src, dst, tmp, w, h, sigma, detect_nonzero_box(src, w, h), all);
}

float detect_sample(const float *image, int width, int height, float x, float y)
{
    x = fminf(fmaxf(x, 0.0f), (float)(width - 1));
    y = fminf(fmaxf(y, 0.0f), (float)(height - 1));
    int x0 = (int)x, y0 = (int)y;
    int x1 = x0 + 1 < width ? x0 + 1 : x0, y1 = y0 + 1 < height ? y0 + 1 : y0;
    float fx = x - (float)x0, fy = y - (float)y0;
    float top = image[y0 * width + x0] * (1.0f - fx) + image[y0 * width + x1] * fx;
    float bottom = image[y1 * width + x0] * (1.0f - fx) + image[y1 * width + x1] * fx;
    return top * (1.0f - fy) + bottom * fy;
}

uint32_t detect_flood4(const uint8_t *in, int32_t *label, int width, int height, int seed,
                       int32_t id, int *queue)
{
    uint32_t head = 0, tail = 0;
    queue[tail++] = seed;
    label[seed] = id;
    while (head < tail) {
        int i = queue[head++], x = i % width, y = i / width;
        const int next[4] = {x + 1 < width ? i + 1 : -1, x > 0 ? i - 1 : -1,
                             y + 1 < height ? i + width : -1, y > 0 ? i - width : -1};
        for (int k = 0; k < 4; ++k) {
            if (next[k] >= 0 && in[next[k]] && label[next[k]] < 0) {
                label[next[k]] = id;
                queue[tail++] = next[k];
            }
        }
    }
    return tail;
}
