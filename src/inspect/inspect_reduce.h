#ifndef GLINT_INSPECT_REDUCE_H
#define GLINT_INSPECT_REDUCE_H

/* An analysis rendered finer than it is shown, brought to the display's
 * pixels (docs/detector.md, "The analysis size"): each display pixel shows
 * the mean radiance over its area, as a supersampled screen shows it, and
 * stands for the surface at its centre (normals, position, part, alpha; the
 * footprint widened to the display pixel's). A finer analysis thus measures
 * each display pixel's value more exactly and never shows detail finer than
 * the display can. */

#include "core/core_result.h"
#include "render/render.h"

/* `in` averaged down to width x height (at most its own size, any ratio);
 * free `out` with render_analysis_free. `analysis_rhat` (width*height, may
 * be NULL) gets M1's predicted half width in analysis pixels at each display
 * pixel's brightest sample. */
core_result inspect_reduce_analysis(const render_analysis *in, int width, int height,
                                    render_analysis *out, float *analysis_rhat);

#endif
