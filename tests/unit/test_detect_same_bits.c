/* The detector's fast paths (docs/PERFORMANCE.md, "The detector's stages"):
 * the blur summed in blocks, only within its reach of the image's non-zero
 * pixels and only where asked, and jitter with its steps filtered once, give
 * the same bits as the straightforward computation they replace: a blur a
 * pixel at a time over the whole frame, and detect_jitter filtering each step
 * itself. Odd sizes, frames narrower than the kernel, content touching the
 * edges, -0, NaN and infinity included. */
#include "../check.h"

#include "detect/detect_image.h"
#include "detect/detect_jitter.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint32_t lcg = 12345u;

static float random_unit(void)
{
    lcg = lcg * 1664525u + 1013904223u;
    return (float)(lcg >> 8) / 16777216.0f;
}

/* The blur as it was before the fast paths: each pixel's sum over its
 * clamped taps in order from +0, across and then down, over the whole frame. */
static void reference_blur(const float *src, float *dst, int w, int h, float sigma)
{
    int radius = (int)ceilf(3.0f * sigma);
    float kernel[64];
    float sum = 0.0f;
    for (int k = -radius; k <= radius; ++k)
        sum += kernel[k + radius] = expf(-0.5f * (float)(k * k) / (sigma * sigma));
    for (int k = 0; k <= 2 * radius; ++k)
        kernel[k] /= sum;
    float *tmp = malloc((size_t)w * (size_t)h * sizeof *tmp);
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            float acc = 0.0f;
            for (int k = -radius; k <= radius; ++k) {
                int xx = x + k < 0 ? 0 : (x + k >= w ? w - 1 : x + k);
                acc += kernel[k + radius] * src[y * w + xx];
            }
            tmp[y * w + x] = acc;
        }
    }
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            float acc = 0.0f;
            for (int k = -radius; k <= radius; ++k) {
                int yy = y + k < 0 ? 0 : (y + k >= h ? h - 1 : y + k);
                acc += kernel[k + radius] * tmp[yy * w + x];
            }
            dst[y * w + x] = acc;
        }
    }
    free(tmp);
}

static bool same_bits(float a, float b)
{
    return memcmp(&a, &b, sizeof a) == 0 || (isnan(a) && isnan(b));
}

/* Counts the pixels of `box` (clipped) where got and want differ. */
static int count_different(const float *got, const float *want, int w, int h, detect_box box)
{
    int different = 0;
    for (int y = box.y0 < 0 ? 0 : box.y0; y <= box.y1 && y < h; ++y) {
        for (int x = box.x0 < 0 ? 0 : box.x0; x <= box.x1 && x < w; ++x)
            different += !same_bits(got[y * w + x], want[y * w + x]);
    }
    return different;
}

/* A frame of random Ys inside a random box (which may touch any edge or
 * be empty), -0 outside it here and there; `special` puts a NaN (1) or an
 * infinity (2) in. */
static detect_box fill(float *image, int w, int h, int special)
{
    int x0 = (int)(random_unit() * (float)w), x1 = (int)(random_unit() * (float)w);
    int y0 = (int)(random_unit() * (float)h), y1 = (int)(random_unit() * (float)h);
    float edges = random_unit();
    if (edges < 0.2f) { /* touch the edges */
        x0 = 0;
        y1 = h - 1;
    } else if (edges < 0.4f) {
        x1 = w - 1;
        y0 = 0;
    } else if (edges < 0.6f) { /* the whole frame */
        x0 = y0 = 0;
        x1 = w - 1;
        y1 = h - 1;
    }
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            bool inside = x >= x0 && x <= x1 && y >= y0 && y <= y1;
            float v = inside && random_unit() < 0.8f ? random_unit() : 0.0f;
            image[y * w + x] = !inside && random_unit() < 0.1f ? -0.0f : v;
        }
    }
    if (special && x0 <= x1 && y0 <= y1)
        image[((y0 + y1) / 2) * w + (x0 + x1) / 2] = special == 1 ? NAN : INFINITY;
    return (detect_box){x0, y0, x1, y1};
}

static void test_blur(void)
{
    static const int sizes[][2] = {{3, 3},   {5, 40},   {40, 5}, {17, 23},
                                   {64, 48}, {131, 67}, {200, 9}};
    static const float sigmas[] = {0.6f, 0.7f, 1.0f, 1.4f, 2.0f, 2.8f, 4.0f, 5.6f, 8.0f};
    int failures = 0, cases = 0;
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; ++s) {
        int w = sizes[s][0], h = sizes[s][1];
        size_t n = (size_t)w * (size_t)h;
        float *src = malloc(n * sizeof *src), *want = malloc(n * sizeof *want),
              *got = malloc(n * sizeof *got), *tmp = malloc(n * sizeof *tmp);
        for (int round = 0; round < 12; ++round) {
            fill(src, w, h, round % 4 == 3 ? 1 + round / 4 % 2 : 0);
            if (round == 0)
                memset(src, 0, n * sizeof *src); /* nothing at all */
            detect_box nonzero = detect_nonzero_box(src, w, h);
            for (size_t g = 0; g < sizeof sigmas / sizeof *sigmas; ++g) {
                reference_blur(src, want, w, h, sigmas[g]);
                detect_blur(src, got, tmp, w, h, sigmas[g]);
                detect_box all = {0, 0, w - 1, h - 1};
                failures += count_different(got, want, w, h, all) != 0;
                /* a part of the frame: the same bits there, the rest untouched */
                detect_box wanted = {
                    (int)(random_unit() * (float)w) - 2, (int)(random_unit() * (float)h) - 2,
                    (int)(random_unit() * (float)w) + 2, (int)(random_unit() * (float)h) + 2};
                for (size_t i = 0; i < n; ++i)
                    got[i] = 7.0f;
                detect_blur_within(src, got, tmp, w, h, sigmas[g], nonzero, wanted);
                failures += count_different(got, want, w, h, wanted) != 0;
                int touched = 0;
                for (int y = 0; y < h; ++y) {
                    for (int x = 0; x < w; ++x) {
                        bool in =
                            x >= wanted.x0 && x <= wanted.x1 && y >= wanted.y0 && y <= wanted.y1;
                        touched += !in && got[y * w + x] != 7.0f;
                    }
                }
                failures += touched != 0;
                cases += 2;
            }
        }
        free(src);
        free(want);
        free(got);
        free(tmp);
    }
    if (failures)
        fprintf(stderr, "blur: %d of %d cases not the same bits\n", failures, cases);
    CHECK(failures == 0 && cases > 1000);
}

static void test_nonzero_box(void)
{
    enum { BW = 9, BH = 7 };
    float image[BW * BH] = {0};
    detect_box box = detect_nonzero_box(image, BW, BH);
    CHECK(box.x0 > box.x1);    /* empty */
    image[2 * BW + 6] = -0.0f; /* -0 is zero */
    box = detect_nonzero_box(image, BW, BH);
    CHECK(box.x0 > box.x1);
    image[2 * BW + 6] = 0.5f;
    image[5 * BW + 1] = NAN; /* NaN is not */
    box = detect_nonzero_box(image, BW, BH);
    CHECK(box.x0 == 1 && box.x1 == 6 && box.y0 == 2 && box.y1 == 5);
    detect_box reach = detect_blur_reach(box, BW, BH, 0.6f); /* radius 2, clipped */
    CHECK(reach.x0 == 0 && reach.x1 == 8 && reach.y0 == 0 && reach.y1 == 6);
}

/* detect_jitter_prefiltered with the steps filtered by detect_jitter_filter
 * gives what detect_jitter gives filtering them itself, mask included. */
static void test_jitter_prefiltered(void)
{
    enum { JW = 40, JH = 32, JN = JW * JH };
    static float spec[3][JN], position[3 * JN], normal[3 * JN], footprint[JN], filtered[3][JN],
        tmp[JN];
    static int32_t part[JN];
    static uint8_t mask_a[JN], mask_b[JN];
    for (int i = 0; i < JN; ++i) {
        position[3 * i] = (float)(i % JW);
        position[3 * i + 1] = (float)(i / JW);
        position[3 * i + 2] = 0.0f;
        normal[3 * i] = normal[3 * i + 1] = 0.0f;
        normal[3 * i + 2] = 1.0f;
        footprint[i] = 1.0f;
        part[i] = i % JW < 3 ? -1 : 0;
        for (int k = 0; k < 3; ++k)
            spec[k][i] = random_unit() < 0.1f ? random_unit() : 0.0f;
    }
    detect_jitter_step steps[3];
    for (int k = 0; k < 3; ++k) {
        steps[k] = (detect_jitter_step){spec[k], position, normal, part, footprint, {0}};
        /* object (x, y, 0) to the clip position of pixel (x, y), drifting a
         * third of a pixel a step */
        steps[k].object_to_clip[0] = 2.0f / JW;
        steps[k].object_to_clip[5] = -2.0f / JH;
        steps[k].object_to_clip[10] = 1.0f;
        steps[k].object_to_clip[12] = -1.0f + 1.0f / JW + (float)k * 0.66f / JW;
        steps[k].object_to_clip[13] = 1.0f - 1.0f / JH;
        steps[k].object_to_clip[15] = 1.0f;
        detect_jitter_filter(spec[k], JW, JH, filtered[k], tmp);
    }
    detect_jitter_desc desc = {JW, JH, &steps[0], &steps[1], &steps[2], 0.0f, 0.0f};
    detect_jitter_result a, b;
    CHECK(detect_jitter(&desc, mask_a, &a) == CORE_OK);
    const float *const made[3] = {filtered[0], filtered[1], filtered[2]};
    CHECK(detect_jitter_prefiltered(&desc, made, mask_b, &b) == CORE_OK);
    CHECK(a.bright_valid_px > 10 && a.jitter_px > 0); /* something to compare */
    CHECK(memcmp(&a, &b, sizeof a) == 0);
    CHECK(memcmp(mask_a, mask_b, sizeof mask_a) == 0);
    /* one step's own, the others made here */
    const float *const some[3] = {NULL, filtered[1], NULL};
    CHECK(detect_jitter_prefiltered(&desc, some, mask_b, &b) == CORE_OK);
    CHECK(memcmp(&a, &b, sizeof a) == 0);
    CHECK(memcmp(mask_a, mask_b, sizeof mask_a) == 0);
}

int main(void)
{
    test_nonzero_box();
    test_blur();
    test_jitter_prefiltered();
    return check_done("test_detect_same_bits");
}
