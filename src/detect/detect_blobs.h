#ifndef GLINT_DETECT_BLOBS_H
#define GLINT_DETECT_BLOBS_H

/* Metric M2 of the detector (docs/detector.md, "M2", and its table of where
 * glint departs from the spec): highlights that read as pinpoints (PIN) or
 * hairlines (HAIR), found in one frame's display-referred luminance and
 * measured in arcminutes, so that "pinpoint" means the same at any render
 * size. Pure C on buffers. */

#include "core/core_result.h"

#include <stdint.h>

typedef enum detect_blob_kind {
    DETECT_BLOB_NONE = 0, /* a highlight that is neither: big, dim or soft */
    DETECT_BLOB_PIN,
    DETECT_BLOB_HAIR
} detect_blob_kind;

typedef struct detect_blob {
    int x, y;                 /* the peak pixel */
    float scale;              /* the LoG scale (sigma, px) that found it */
    uint32_t area_px;         /* pixels at or above half the peak, connected to it */
    float diameter_arcmin;    /* of the disc with that area */
    float elongation;         /* sqrt(l1 / l2) of the pixels' covariance */
    float minor_width_arcmin; /* sqrt(12 l2) */
    float peak;               /* Yd at the peak: display-referred, 1 is display white */
    float surround;           /* median Yd over the ring R+1..R+4 px around it */
    float contrast;           /* Weber: (peak - surround) / max(surround, 0.02) */
    detect_blob_kind kind;
} detect_blob;

/* The frame, display-referred (after exposure and tone map, 0..1), rows top
 * to bottom. Zero fields of the thresholds mean the spec's starting values. */
typedef struct detect_blob_desc {
    int width, height;
    const float *specular_luminance; /* Ys: the highlights alone */
    const float *total_luminance;    /* Yd: the whole shaded frame */
    float ppd;                       /* image pixels per degree; 0: 45 */
    float max_pin_arcmin;            /* 0: 4 */
    float min_hair_elongation;       /* 0: 4 */
    float min_peak;                  /* 0: 0.95 (display white) */
    float min_contrast;              /* 0: 2 (about 100x the Weber threshold: harsh) */
    float min_response;              /* 0: 0.05, the LoG candidate threshold */
    float min_specular;              /* 0: 0.25, Ys a candidate needs */
    int32_t *regions_out;            /* optional (width*height): each pixel's blob index, -1
                                        outside every blob */
} detect_blob_desc;

/* Finds up to `capacity` blobs, strongest first; *count says how many. */
core_result detect_find_blobs(const detect_blob_desc *desc, detect_blob *blobs, int capacity,
                              int *count);

#endif
