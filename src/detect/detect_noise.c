#include "detect/detect_noise.h"

#include <math.h>

static bool pin_near(const detect_blob *blobs, int count, float x, float y)
{
    for (int i = 0; i < count; ++i) {
        if (blobs[i].kind == DETECT_BLOB_PIN &&
            hypotf((float)blobs[i].x - x, (float)blobs[i].y - y) <= 2.0f)
            return true;
    }
    return false;
}

float detect_pin_persistence(const detect_persistence_desc *d)
{
    int pins = 0, lasting = 0;
    const float *m = d->next_object_to_clip;
    for (int i = 0; i < d->now_count; ++i) {
        const detect_blob *pin = &d->now[i];
        if (pin->kind != DETECT_BLOB_PIN)
            continue;
        ++pins;
        bool found = pin_near(d->next, d->next_count, (float)pin->x, (float)pin->y);
        if (!found && d->position_now) {
            const float *p = &d->position_now[3 * (pin->y * d->width + pin->x)];
            float cx = m[0] * p[0] + m[4] * p[1] + m[8] * p[2] + m[12];
            float cy = m[1] * p[0] + m[5] * p[1] + m[9] * p[2] + m[13];
            float cw = m[3] * p[0] + m[7] * p[1] + m[11] * p[2] + m[15];
            if (cw > 1e-6f) {
                float x = (cx / cw * 0.5f + 0.5f) * (float)d->width - 0.5f;
                float y = (0.5f - cy / cw * 0.5f) * (float)d->height - 0.5f;
                found = pin_near(d->next, d->next_count, x, y);
            }
        }
        lasting += found;
    }
    return pins ? (float)lasting / (float)pins : 1.0f;
}

bool detect_is_noise(uint32_t pins, uint32_t object_px, bool jitter_flagged, float jitter_share)
{
    float density = object_px ? 10000.0f * (float)pins / (float)object_px : 0.0f;
    return jitter_flagged && jitter_share >= 0.05f && density >= 1.0f;
}
