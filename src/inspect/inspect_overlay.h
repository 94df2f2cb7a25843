#ifndef GLINT_INSPECT_OVERLAY_H
#define GLINT_INSPECT_OVERLAY_H

/* The detector's marks as people see them, one painter for the check's
 * pictures and the viewer's live overlay, so both show the same colours. */

#include "io/io_image.h"

#include <stdint.h>

/* Paints detect_sweep_push's overlay (`marks`: R jitter, G pinpoints and
 * hairlines, B facet edges, A the risk class, which is not shown) into
 * `rgba`, both width x height RGBA8: a marked pixel gets its kinds' tints
 * mixed (jitter red, pinpoints and hairlines green, facet edges blue),
 * opaque; every other pixel is transparent black. A flagged pixel is often
 * a single one, so with `grow` each mark covers its (2 grow + 1)^2
 * neighbourhood, to be seen at a glance. */
void inspect_overlay_paint(const uint8_t *marks, int width, int height, int grow, uint8_t *rgba);

/* The viewer's live markers: round each group of one kind's marks (within
 * `hole` pixels of them, where the picture shows through) a dark line
 * `outline` pixels wide, a band `band` wide in the kind's tint, and a dark
 * line again, so a marker reads on a white highlight and on black paint
 * alike; opaque, transparent elsewhere. `scratch` holds 3 x width x height
 * bytes. */
void inspect_overlay_paint_rings(const uint8_t *marks, int width, int height, int hole,
                                 int outline, int band, uint8_t *rgba, uint8_t *scratch);

/* Lays a painted overlay of the picture's size over it at `percent`
 * opacity; the picture shows between the marks. */
void inspect_overlay_blend(io_image *picture, const uint8_t *rgba, int percent);

#endif
