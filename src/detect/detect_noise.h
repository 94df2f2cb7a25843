#ifndef GLINT_DETECT_NOISE_H
#define GLINT_DETECT_NOISE_H

/* Metric M5 of the detector spec (section 5), "sparkling chaos": many
 * pinpoints that do not last. Persistence is the share of step t's PINs that
 * have a PIN at step t+1 within 2 px of the same pixel or of where the
 * surface under it moved (reprojected with step t+1's matrix). */

#include "detect/detect_blobs.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct detect_persistence_desc {
    int width, height;
    const detect_blob *now; /* step t's blobs (only PINs count) */
    int now_count;
    const detect_blob *next; /* step t+1's */
    int next_count;
    const float *position_now; /* step t's object-space positions, xyz */
    float next_object_to_clip[16];
} detect_persistence_desc;

/* The share of step t's PINs that persist; 1 when there are none. */
float detect_pin_persistence(const detect_persistence_desc *desc);

/* NOISE when all three hold: more than 3 PINs per 10k object pixels, the
 * frame is JIT, and the PINs persist less than 60 % of the time. */
bool detect_is_noise(uint32_t pins, uint32_t object_px, bool jitter_flagged, float persistence);

#endif
