#ifndef GLINT_SCENE_SCALE_H
#define GLINT_SCENE_SCALE_H

/* The model's scale, 1:N, for reading its textures at life size: given
 * (--scale) or inferred from its height as a standing figure or a bust of a
 * 1.8 m person (docs/detector.md, "Life size"). Pure C on the mesh. */

#include "scene/scene_mesh.h"

#include <stdbool.h>
#include <stddef.h>

/* A standing figure is a 1.8 m person from sole to crown; a bust is the top
 * third of one (crown to mid-chest, 0.6 m), as display busts are cut. */
#define SCENE_LIFE_PERSON_MM 1800.0f
#define SCENE_LIFE_BUST_MM 600.0f

typedef enum scene_figure { SCENE_FIGURE_STANDING = 0, SCENE_FIGURE_BUST } scene_figure;

typedef struct scene_scale {
    float n;             /* 1:n, n >= 1 */
    bool given;          /* by --scale (or a preset), not inferred */
    scene_figure figure; /* what the inference took the model for */
    float height_mm;     /* the height it read: the model's, less a part named as a base */
    char why[64];        /* "its name", "its parts' names", "its proportions" */
} scene_scale;

/* Infers the scale of `mesh` (upright, mm); `file` (may be NULL) is the
 * model's file name, whose name may say "bust". The rule:
 * - a part named base, plinth, pedestal, stand or socle does not count in
 *   the height (the figure's own parts do, from their lowest point up);
 * - a bust when the file or a part is named "bust"; a standing figure when
 *   a part names a leg, foot, boot, shoe, knee or thigh (whole words: "legend" is none);
 * - otherwise by proportions: a standing figure's legs make the band from
 *   20 to 50 % of its height narrow (well under half its height wide, even
 *   in a robe or a wide stance), where a bust's chest and shoulders are
 *   more than half its height wide. A band 0.45 of the height wide or
 *   wider is a bust.
 * n = SCENE_LIFE_PERSON_MM or SCENE_LIFE_BUST_MM over the height, rounded
 * to a whole number (at least 1). */
void scene_infer_scale(const scene_mesh *mesh, const char *file, scene_scale *scale);

/* "scale 1:56, inferred from the 32 mm height as a standing figure (its
 * proportions); --scale to set", or "scale 1:20, as set" (by --scale or a preset). */
void scene_scale_describe(const scene_scale *scale, char *text, size_t size);

const char *scene_figure_name(scene_figure figure);

#endif
