#include "detect/detect_risk.h"

#include "detect/detect_image.h"

#include <math.h>
#include <stdbool.h>
#include <string.h>

static float normal_change(const detect_risk_desc *d, int p, int q)
{
    const float *a = &d->normal[3 * p], *b = &d->normal[3 * q];
    return sqrtf((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) +
                 (a[2] - b[2]) * (a[2] - b[2]));
}

core_result detect_predict_risk(const detect_risk_desc *d, uint8_t *classes, float *rhat,
                                detect_risk_summary *summary)
{
    memset(summary, 0, sizeof *summary);
    if (d->width < 2 || d->height < 2 || !d->normal || !d->position || !d->footprint || !d->alpha ||
        !d->part)
        return core_fail(CORE_ERR_ARGUMENT, "detect_predict_risk: incomplete buffers");
    float ppd = d->ppd > 0.0f ? d->ppd : 45.0f;
    float pin_limit = 1.2f * ppd / 45.0f;
    for (int y = 0; y < d->height; ++y) {
        for (int x = 0; x < d->width; ++x) {
            int p = y * d->width + x;
            if (d->part[p] < 0) { /* the background: no surface to test */
                if (classes)
                    classes[p] = (uint8_t)DETECT_RISK_UNTESTED;
                if (rhat)
                    rhat[p] = INFINITY;
                continue;
            }
            /* Forward differences, falling back to backward at the far edges. */
            int right = x + 1 < d->width ? p + 1 : p - 1;
            int down = y + 1 < d->height ? p + d->width : p - d->width;
            bool has_x = detect_same_surface(d->part, d->position, d->footprint, p, right),
                 has_y = detect_same_surface(d->part, d->position, d->footprint, p, down);
            detect_risk risk = DETECT_RISK_UNTESTED;
            float half_width = INFINITY;
            if (has_x || has_y) {
                float gx = has_x ? normal_change(d, p, right) : 0.0f;
                float gy = has_y ? normal_change(d, p, down) : 0.0f;
                float g = fmaxf(gx, gy);
                if (g > 0.0f)
                    half_width = 0.644f * d->alpha[p] / g;
                risk = half_width < 0.3f        ? DETECT_RISK_SPARKLE
                       : half_width < pin_limit ? DETECT_RISK_PIN
                                                : DETECT_RISK_OK;
                summary->tested++;
                summary->pin += risk == DETECT_RISK_PIN;
                summary->sparkle += risk == DETECT_RISK_SPARKLE;
            }
            if (classes)
                classes[p] = (uint8_t)risk;
            if (rhat)
                rhat[p] = half_width;
        }
    }
    return CORE_OK;
}
