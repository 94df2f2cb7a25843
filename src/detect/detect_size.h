#ifndef GLINT_DETECT_SIZE_H
#define GLINT_DETECT_SIZE_H

/* How big a judged step's flagged features are on the model, in mm, so
 * that a painter can read them at life size (docs/detector.md, "Life
 * size"). A pixel's footprint (its width at the point, facing the camera)
 * turns pixels into mm; positions give distances on the model directly. Pure
 * C on buffers; internal to detect (detect_sweep fills detect_frame's
 * size_mm with it). */

#include "detect/detect_blobs.h"
#include "detect/detect_sweep.h"

#include <stdint.h>

typedef struct detect_size_desc {
    int width, height;
    float ppd; /* image pixels per degree; 0: 45 */
    const detect_blob *blobs;
    int blob_count;
    const uint8_t *jitter_mask; /* 1 on jittering pixels */
    const uint8_t *aligned;     /* 1 on crease-aligned highlight edges (detect_facets) */
    const float *specular;      /* Ys */
    const float *footprint;     /* a pixel's width at the point, mm */
    const float *position;      /* object-space xyz, mm */
    const int32_t *part;        /* -1 on the background */
    uint32_t flags;             /* the step's DETECT_FLAG_BITs: only these are measured */
} detect_size_desc;

/* Medians over the step's features, 0 where a flag has none:
 * PIN: the pinpoints' diameter (the disc of their half-peak area);
 * HAIR: the hairlines' width (their minor axis);
 * JIT: the popping patches' diameter (connected jittering pixels);
 * NOISE: the noise's scale, the spacing of its glints (nearest neighbour on
 *   the model between pinpoints and popping patches);
 * FACET: the facets' width (the disc of a highlight that fills one facet,
 *   its edge along creases). */
core_result detect_feature_sizes(const detect_size_desc *desc, float size_mm[DETECT_FLAG_COUNT]);

#endif
