#ifndef GLINT_INSPECT_LIFE_H
#define GLINT_INSPECT_LIFE_H

/* Sizes read at life size (docs/detector.md, "Life size"): a painter judges
 * pits, facets and bumps by how big they would be on the real subject, so
 * each flag's feature size on the model (detect_frame's size_mm) is told
 * also at the model's scale, against textures everyone knows. */

#include "inspect/inspect_advice.h"
#include "scene/scene_scale.h"

#include <stddef.h>

/* "like hammered-metal dents", "far coarser than skin, like knitted wool",
 * "finer than skin pores", for a texture `life_mm` across at life size. */
void inspect_life_compare(float life_mm, char *text, size_t size);

/* "pinpoints 0.6 mm across — 34 mm at life size (1:56): far coarser than
 * skin, like hammered-metal dents"; empty when size_mm is not above 0. */
void inspect_life_words(detect_flag flag, float size_mm, float scale_n, char *text, size_t size);

/* One step's first flagged feature at life size (pinpoints, hairlines,
 * jitter, sparkle, facets, as the summary tells them), for the viewer's
 * detector panel; empty when `frame` is NULL or has none measured. */
void inspect_life_frame(const detect_frame *frame, float scale_n, char *text, size_t size);

/* The median feature size (mm) of a problem's flag over its ranges' steps
 * that carry it; 0 when none was measured. */
float inspect_problem_size_mm(const inspect_run *run, const inspect_problem *problem);

/* Fills each problem's `life` for the scale. */
void inspect_advice_at_scale(inspect_advice *advice, const scene_scale *scale);

#endif
