#ifndef GLINT_DETECT_JITTER_H
#define GLINT_DETECT_JITTER_H

/* Metric M3 of the detector (docs/detector.md, "M3"): highlights that flicker, pop or
 * snap between turntable steps instead of rolling. Each pixel of step t is
 * followed to steps t-1 and t+1 by projecting its object-space point with
 * those steps' matrices; the second difference across the three steps, under
 * the best of a stationary and a surface-attached smooth motion (each with
 * up to 2 px of symmetric drift), is small for a highlight that rolls and
 * large for one that pops. Pure C on buffers; three steps at a time, so the
 * viewer can run it as the turntable turns. */

#include "core/core_result.h"

#include <stdbool.h>
#include <stdint.h>

/* One turntable step's buffers (see render_analysis), rows top to bottom. */
typedef struct detect_jitter_step {
    const float *specular;    /* Ys: display-referred specular luminance, 0..1 */
    const float *position;    /* object-space xyz */
    const float *geometric;   /* object-space geometric normal xyz */
    const int32_t *part;      /* -1 on the background */
    const float *footprint;   /* a pixel's width at the point (same units as position) */
    float object_to_clip[16]; /* column-major: projection x view x this step's turntable */
} detect_jitter_step;

/* Zero thresholds mean the spec's starting values. */
typedef struct detect_jitter_desc {
    int width, height;
    const detect_jitter_step *previous, *current, *next;
    float min_brightness; /* 0: 0.25, M a pixel needs to be judged */
    float max_t2;         /* 0: 0.5 */
} detect_jitter_desc;

typedef struct detect_jitter_result {
    uint32_t object_px;       /* the model's pixels at step t */
    uint32_t bright_valid_px; /* followed to both neighbours and bright enough to judge */
    uint32_t jitter_px;
    float score;  /* J: jitter_px / bright_valid_px */
    float t2_p99; /* the 99th percentile of T2 over the bright valid pixels */
    bool flagged; /* J > 2 %, or more than 2 jitter px per 10k object px */
} detect_jitter_result;

/* The display's and the eye's blur that M3 judges Ys through (width*height;
 * `tmp` is scratch of that size). */
void detect_jitter_filter(const float *specular, int width, int height, float *filtered,
                          float *tmp);

/* `mask` (width*height, may be NULL) gets 1 on the jittering pixels. */
core_result detect_jitter(const detect_jitter_desc *desc, uint8_t *mask,
                          detect_jitter_result *result);
/* detect_jitter with the steps' detect_jitter_filter already made (previous,
 * current, next; any may be NULL, to be made here): a sweep keeps a step for
 * three calls and filters it once. The same result. */
core_result detect_jitter_prefiltered(const detect_jitter_desc *desc,
                                      const float *const filtered[3], uint8_t *mask,
                                      detect_jitter_result *result);

#endif
