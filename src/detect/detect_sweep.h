#ifndef GLINT_DETECT_SWEEP_H
#define GLINT_DETECT_SWEEP_H

/* The detector as the turntable turns: every metric of the spec, step by
 * step. A step's frame is judged once the step after it has arrived (jitter
 * needs t-1, t and t+1), so the sweep keeps copies of the last three steps
 * only and the viewer can run it live. Pure C on buffers. */

#include "core/core_result.h"

#include <stdbool.h>
#include <stdint.h>

/* What one step shows, as render_analysis gives it plus the display
 * transform; arrays are width*height (xyz: 3 per pixel), rows top to bottom. */
typedef struct detect_step {
    float angle_deg;                 /* the turntable's angle */
    const float *specular_luminance; /* Ys: display-referred highlights alone, 0..1 */
    const float *total_luminance;    /* Yd: the display-referred shaded frame, 0..1 */
    const float *normal;             /* world shading normal, xyz */
    const float *position;           /* object-space position, xyz */
    const float *geometric;          /* object-space geometric normal, xyz */
    const float *footprint;          /* a pixel's width at the point */
    const float *alpha;              /* the lamp-widened GGX alpha */
    const int32_t *part;             /* -1 on the background */
    float object_to_clip[16];        /* column-major: projection x view x turntable */
    /* Optional: where the step was analysed finer than shown (the buffers
     * above are then the analysis averaged down to the display's pixels),
     * M1's predicted half width in analysis pixels at each display pixel's
     * brightest analysis pixel. NULL: the detector's own, times the
     * analysis scale. */
    const float *analysis_rhat;
} detect_step;

typedef enum detect_flag {
    DETECT_FLAG_PIN = 0, /* a highlight reads as a pinpoint */
    DETECT_FLAG_HAIR,    /* ... or as a hairline */
    DETECT_FLAG_JIT,     /* highlights pop between steps instead of rolling */
    DETECT_FLAG_NOISE,   /* many short-lived pinpoints: sparkling chaos */
    DETECT_FLAG_FACET,   /* the highlight snaps from facet to facet */
    DETECT_FLAG_COUNT
} detect_flag;

#define DETECT_FLAG_BIT(flag) (1u << (flag))

/* Where in the model a flag's pixels are. */
typedef struct detect_where {
    uint32_t pixels;
    float centroid[3]; /* object space */
    int32_t part;      /* the part most of them are on; -1: none */
} detect_where;

/* One step's record: what the report's per-step entries hold (docs/detector.md). */
typedef struct detect_frame {
    int step; /* 0 for the first judged step */
    float angle_deg;
    uint32_t object_px;
    uint32_t pins, hairs;
    float pin_density;    /* PINs per 10k object pixels */
    float persistence;    /* share of this step's PINs still there at the next; 1: none */
    float jitter;         /* J: share of bright, followed pixels that pop */
    uint32_t jitter_px;   /* how many */
    float jitter_per_10k; /* per 10k object pixels */
    float t2_p99;
    float cae;            /* share of the highlight's edge that runs along creases */
    float energy;         /* summed Ys */
    float wobble;         /* (max - min) / mean of the energy over the last 20 degrees */
    uint32_t risk_sparkle_px, risk_pin_px; /* M1, predicted */
    float rhat_median;    /* M1's predicted highlight half width (px) where Ys >= 0.25; 0: none */
    uint32_t flags;       /* DETECT_FLAG_BIT()s */
    detect_where where[DETECT_FLAG_COUNT];
    /* Each flag's typical feature on the model, mm (detect_size.h): the
     * pinpoints' diameter, the hairlines' width, the popping patches'
     * diameter, the sparkle's glint spacing, the facets' width; 0: not flagged. */
    float size_mm[DETECT_FLAG_COUNT];
} detect_frame;

/* Zero fields mean the spec's values (or glint's calibrated ones, in
 * docs/detector.md). */
typedef struct detect_sweep_desc {
    int width, height;
    float ppd;              /* image pixels per degree of the eye; 0: 45 */
    float max_pin_arcmin;   /* M2; 0: 4 */
    float min_peak;         /* M2; 0: 0.95 */
    float min_contrast;     /* M2; 0: 2 */
    float min_brightness;   /* M3; 0: 0.25 */
    float max_t2;           /* M3; 0: 0.5 */
    float max_cae;          /* M4; 0: 0.5 */
    float wobble_window_deg; /* 0: 20 */
    float analysis_scale;    /* analysis pixels per display pixel (a side); 0: 1 */
} detect_sweep_desc;

/* A highlight is resolved by the analysis when M1's predicted half width is
 * at least half an analysis pixel: its full width at half maximum spans a
 * pixel, so every step samples its peak and its shown value does not hinge
 * on where the pixel centres fall (docs/detector.md, "The analysis size"). */
#define DETECT_RESOLVED_RHAT_PX 0.5f

/* A part whose highlights the analysis does not resolve: most of its
 * pixels at display white (Yd >= min_peak: where a glint can be a pinpoint,
 * a hairline or a pop) over the sweep have a predicted half width under
 * DETECT_RESOLVED_RHAT_PX analysis pixels. */
typedef struct detect_unresolved {
    int32_t part;
    float rhat_px;      /* the median predicted half width, display pixels */
    float share;        /* of its pixels at white that are not resolved */
    float needed_scale; /* the whole analysis scale that resolves them */
} detect_unresolved;

typedef struct detect_sweep detect_sweep;

core_result detect_sweep_create(const detect_sweep_desc *desc, detect_sweep **sweep);
void detect_sweep_destroy(detect_sweep *sweep);

/* Feeds the next step (angles in turning order, one step apart). From the
 * third push on, *ready is true and `frame` holds the record of the step
 * before this one; `overlay` (width*height RGBA8, may be NULL) then gets its
 * overlay: R jittering pixels, G pinpoint and hairline regions, B the
 * crease-aligned highlight edges of a FACET frame, A the M1 class (255
 * sparkle risk, 128 pinpoint risk). */
core_result detect_sweep_push(detect_sweep *sweep, const detect_step *step, detect_frame *frame,
                              uint8_t *overlay, bool *ready);

/* The parts whose highlights were not resolved over the steps pushed so far
 * (parts 0-1023), the one that needs the finest analysis first; returns how
 * many, up to `capacity`. */
int detect_sweep_unresolved(const detect_sweep *sweep, detect_unresolved *out, int capacity);

const char *detect_flag_name(detect_flag flag);

#endif
