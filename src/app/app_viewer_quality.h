#ifndef GLINT_APP_VIEWER_QUALITY_H
#define GLINT_APP_VIEWER_QUALITY_H

/* The viewer's cheap frames while something moves (docs/viewer.md, "On a
 * software renderer"): what decides their internal size, without a GPU. */

#include "core/core_result.h"
#include "render/render.h"
#include "scene/scene_mesh.h"

#include <stdbool.h>

/* How long after the last motion the frames stay cheap; then the full
 * frame, one viewport a frame. While a mouse button is held a still cursor
 * may be a pause in the drag, so the wait is longer. A motion that ends
 * itself (the turntable stopped, the button let go) is followed by the full
 * frame at once. */
#define APP_VIEWER_SETTLE_S 0.15
#define APP_VIEWER_SETTLE_HELD_S 0.3
/* The cost a cheap frame aims at: 25 frames a second, with room below 50 ms. */
#define APP_VIEWER_TARGET_MS 40.0
/* The smallest internal size: a third of the viewport each way (below it the
 * picture blurs and, on llvmpipe, the per-triangle work left barely shrinks). */
#define APP_VIEWER_MAX_DIVISOR 3

/* The divisor of the viewport's size (1: full, 2: half each way, ...) for the
 * next cheap frame, from the smoothed cost `frame_ms` of the last cheap
 * frames drawn at `divisor`. One step at a time: up when the frames cost over
 * 1.2 x target, down when the larger size, costed as if the whole frame grew
 * with its pixels (an overestimate: the panels and the swap do not), would
 * still be under 0.9 x target. The two thresholds never undo each other's
 * step. frame_ms <= 0 (no measure yet) keeps the divisor. */
int app_viewer_choose_divisor(double frame_ms, int divisor, double target_ms);

/* The most the turntable may turn in a frame of `frame_s` seconds while the
 * live detector is on: about a degree (its step) per analysis, at the pace
 * of its last analyses (`cycle_s` apart; 0: not known yet); and while one
 * runs (`busy`), no further than 1.05 degrees from the angle it was drawn
 * at, `ahead_deg` behind the turntable now, so that a detector slower than
 * its last pace holds the turntable rather than fall behind it (which would
 * start its sweep over). Never 0 (that means no limit): held, 1e-4. */
float app_viewer_detector_turn(double frame_s, double cycle_s, bool busy, float ahead_deg);
/* At most this a frame, the turntable is held (app_viewer_detector_turn's
 * floor, with room for rounding). */
#define APP_VIEWER_HELD_DEG 1e-3f
/* How long the loop pauses before a frame while the turntable is held for
 * an analysis: as long as the last frame took to draw (so about half the
 * frame thread's time goes to the analysis), 5-50 ms. */
double app_viewer_held_wait_s(double last_frame_ms);

/* The coarse copy's triangle budget: on llvmpipe the moving frame's cost is
 * per triangle (the shadow map and each viewport's lit pass), and the bust's
 * 100k triangles cost it ~70 ms whatever the picture's size. */
#define APP_VIEWER_COARSE_TRIANGLES 16000

/* Decimates `mesh` (scene_decimate) and uploads the result as the model's
 * coarse copy, which the viewer's moving frames draw; nothing for a mesh
 * within 1.5 x the budget (its own triangles are cheap enough). */
core_result app_viewer_upload_coarse(render_model *model, const scene_mesh *mesh);

#endif
