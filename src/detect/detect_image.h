#ifndef GLINT_DETECT_IMAGE_H
#define GLINT_DETECT_IMAGE_H

/* Image helpers shared by the metrics; internal to detect. */

#include <stdbool.h>
#include <stdint.h>

/* Separable Gaussian of `sigma` px (at most 10), edges clamped; `tmp` is
 * scratch of the same size; the three may not overlap. */
void detect_blur(const float *restrict src, float *restrict dst, float *restrict tmp, int width,
                 int height, float sigma);

/* Bilinear sample at continuous pixel coordinates (pixel i's centre is i),
 * edges clamped. */
float detect_sample(const float *image, int width, int height, float x, float y);

/* Two pixels are one continuous surface when both show the same part and
 * their object-space points are no more than two pixel footprints apart
 * (further is a silhouette). */
bool detect_same_surface(const int32_t *part, const float *position, const float *footprint, int p,
                         int q);

/* Floods the 4-connected pixels with `in` set from `seed`, labelling them `id`
 * in `label` (unlabelled pixels hold a negative value); returns how many, left
 * in queue[0..count) in the order reached. `queue` holds width x height. */
uint32_t detect_flood4(const uint8_t *in, int32_t *label, int width, int height, int seed,
                       int32_t id, int *queue);

#endif
