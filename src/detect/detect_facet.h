#ifndef GLINT_DETECT_FACET_H
#define GLINT_DETECT_FACET_H

/* Metric M4 of the detector (docs/detector.md, "M4"): highlights that snap from facet
 * to facet. A faceted surface's highlight fills one flat facet at a time, so
 * its edge runs along the mesh's creases; per-pixel flicker cannot see this
 * (each facet rises and falls smoothly), the edge's alignment can. CAE is the
 * share of highlight-edge pixels within 1 px of a crease: a neighbour whose
 * normal differs by 8-40 degrees on a continuous surface (above about 45 the
 * edge is a designed hard edge). Pure C on buffers. */

#include "core/core_result.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct detect_facet_desc {
    int width, height;
    const float *specular;  /* Ys, display-referred */
    const float *normal;    /* shading normal, xyz */
    const float *position;  /* object-space xyz */
    const float *footprint; /* a pixel's width at the point */
    const int32_t *part;    /* -1 on the background */
    float max_cae;          /* 0: 0.5 */
    uint8_t *aligned_edges_out; /* optional (width*height): 1 on highlight-edge pixels near a
                                   crease */
} detect_facet_desc;

typedef struct detect_facet_result {
    uint32_t highlight_px;   /* in components of at least 16 px at half the frame's peak */
    uint32_t edge_px;        /* their boundary pixels */
    uint32_t crease_edge_px; /* boundary pixels within 1 px of a crease */
    float cae;
    float energy; /* the frame's summed Ys, for the wobble across steps */
    bool flagged;
} detect_facet_result;

/* `creases` (width*height, may be NULL) gets 1 on crease pixels. */
core_result detect_facets(const detect_facet_desc *desc, uint8_t *creases,
                          detect_facet_result *result);

/* (max - min) / mean of a series (of per-step energies over a window). */
float detect_wobble(const float *values, int count);

#endif
