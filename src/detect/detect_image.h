#ifndef GLINT_DETECT_IMAGE_H
#define GLINT_DETECT_IMAGE_H

/* Image helpers shared by the metrics; internal to detect. */

/* Separable Gaussian of `sigma` px (at most 10), edges clamped; `tmp` is
 * scratch of the same size. */
void detect_blur(const float *src, float *dst, float *tmp, int width, int height, float sigma);

/* Bilinear sample at continuous pixel coordinates (pixel i's centre is i),
 * edges clamped. */
float detect_sample(const float *image, int width, int height, float x, float y);

#endif
