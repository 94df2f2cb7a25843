#ifndef GLINT_DETECT_RISK_H
#define GLINT_DETECT_RISK_H

/* Metric M1 of the detector (docs/detector.md, "M1"): the predicted risk that a
 * pixel's highlight sparkles, from how fast the shading normal turns across
 * the pixel against how wide the lamp-widened GGX lobe is. A highlight's half
 * width in pixels is about rhat = 0.644 alpha' / max(|dn/dx|, |dn/dy|)
 * (D halves at tan(theta) = 0.644 alpha). Pure C on the analysis buffers. */

#include "core/core_result.h"

#include <stdint.h>

typedef enum detect_risk {
    DETECT_RISK_UNTESTED = 0, /* background, or no neighbour on the same surface */
    DETECT_RISK_OK,
    DETECT_RISK_PIN,    /* rhat below 1.2 px x (ppd / 45): a highlight would be a pinpoint */
    DETECT_RISK_SPARKLE /* rhat below 0.3 px: narrower than a pixel, it sparkles */
} detect_risk;

typedef struct detect_risk_desc {
    int width, height;
    const float *normal;    /* world shading normal, xyz */
    const float *position;  /* object-space position, xyz (mm) */
    const float *footprint; /* a pixel's width at the point, mm */
    const float *alpha;     /* lamp-widened GGX alpha */
    const int32_t *part;    /* -1 on the background */
    float ppd;              /* image pixels per degree; 0: 45 */
} detect_risk_desc;

typedef struct detect_risk_summary {
    uint32_t tested;
    uint32_t pin;
    uint32_t sparkle;
} detect_risk_summary;

/* Classifies every pixel. `classes` (width*height, may be NULL) gets a
 * detect_risk per pixel, `rhat` (may be NULL) the predicted half width in px
 * (INFINITY where the normal does not turn). */
core_result detect_predict_risk(const detect_risk_desc *desc, uint8_t *classes, float *rhat,
                                detect_risk_summary *summary);

#endif
