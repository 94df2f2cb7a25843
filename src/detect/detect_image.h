#ifndef GLINT_DETECT_IMAGE_H
#define GLINT_DETECT_IMAGE_H

/* Image helpers shared by the metrics; internal to detect. */

#include <math.h>
#include <stdbool.h>
#include <stdint.h>

/* A rectangle of pixels, corners included; empty when x0 > x1. */
typedef struct detect_box {
    int x0, y0, x1, y1;
} detect_box;

/* The smallest box holding every pixel of `image` that is not zero (NaN
 * counts as not zero). */
detect_box detect_nonzero_box(const float *image, int width, int height);

/* The pixels a blur of `sigma` can make other than zero from an image whose
 * other pixels are all in `box`: the box grown by the kernel's radius. */
detect_box detect_blur_reach(detect_box box, int width, int height, float sigma);

/* Separable Gaussian of `sigma` px (at most 10), edges clamped; `tmp` is
 * scratch of the same size; the three may not overlap. */
void detect_blur(const float *restrict src, float *restrict dst, float *restrict tmp, int width,
                 int height, float sigma);

/* detect_blur where `nonzero` is detect_nonzero_box(src), to blur one image
 * at several scales without finding it each time, and only the pixels in
 * `wanted` are blurred (the same bits); the others are left as they were. */
void detect_blur_within(const float *restrict src, float *restrict dst, float *restrict tmp,
                        int width, int height, float sigma, detect_box nonzero, detect_box wanted);

/* Bilinear sample at continuous pixel coordinates (pixel i's centre is i),
 * edges clamped. */
float detect_sample(const float *image, int width, int height, float x, float y);

/* Two pixels are one continuous surface when both show the same part and
 * their object-space points are no more than two pixel footprints apart
 * (further is a silhouette). Inline: M1 and M4 ask it of every pixel and its
 * neighbours, and a call cost more than the test. */
static inline bool detect_same_surface(const int32_t *part, const float *position,
                                       const float *footprint, int p, int q)
{
    if (part[p] < 0 || part[q] != part[p])
        return false;
    const float *a = &position[3 * p], *b = &position[3 * q];
    float gap = sqrtf((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) +
                      (a[2] - b[2]) * (a[2] - b[2]));
    return gap <= 2.0f * footprint[p];
}

/* Floods the 4-connected pixels with `in` set from `seed`, labelling them `id`
 * in `label` (unlabelled pixels hold a negative value); returns how many, left
 * in queue[0..count) in the order reached. `queue` holds width x height. */
uint32_t detect_flood4(const uint8_t *in, int32_t *label, int width, int height, int seed,
                       int32_t id, int *queue);

#endif
