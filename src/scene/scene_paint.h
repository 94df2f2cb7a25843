#ifndef GLINT_SCENE_PAINT_H
#define GLINT_SCENE_PAINT_H

/* Paint as data: a colour a part is painted, apart from the varnish (finish)
 * over it. Named paints are a painter's primers and metallics; the values and
 * their sources are in docs/finishes.md. */

#include "scene/scene_mesh.h"

#include <stdbool.h>
#include <stddef.h>

/* "#rrggbb" or "#rgb" (sRGB, as a paint chart or colour picker gives it;
 * decoded to linear) or a named paint, in any case: grey-primer (also
 * gray-primer), white-primer, black-primer, silver, gold, bronze, copper.
 * Fills a SCENE_PAINT_CHOSEN paint; false (paint untouched) when the text
 * is neither. */
bool scene_paint_parse(const char *text, scene_paint *paint);
/* The named paints, in the order help lists them. */
size_t scene_paint_named_count(void);
const char *scene_paint_named(size_t index);
/* The paint a part has from its file, as scene_mesh_from_model sets it:
 * SCENE_PAINT_VERTEX when the part is vertex_colored (colour white, or the
 * material's colour for glTF, whose spec multiplies them), else
 * SCENE_PAINT_TEXTURE when its material's texture loaded, else
 * SCENE_PAINT_FILE; colour the material's base colour. */
scene_paint scene_paint_from_file(const io_model *model, uint32_t part);
/* Paints a part: part->paint = *paint and base_color in step. NULL gives
 * the part back its file's paint (part->file_paint). The same call serves a
 * scene_mesh's parts before upload and a render_model's after it
 * (render_model_set_part_paint): paint is a per-draw uniform, so a change
 * needs no new upload. */
void scene_part_set_paint(scene_part *part, const scene_paint *paint);
/* A paint under a varnish, as the lit shader draws it (docs/finishes.md,
 * "Paint under varnish"). */
typedef struct scene_layers {
    float paint_roughness; /* perceptual, before the coat blurs it */
    float metallic;
    float translucency;
    float coat;           /* 1: a clear coat over the paint, 0: none */
    float coat_roughness; /* perceptual; 0 without a coat */
    float coat_f0;
} scene_layers;

/* The paint and the varnish over it: the coat from the finish, the rest
 * from the paint, except that the deprecated metal and translucent finishes
 * make the paint metallic (roughness 0.3) or translucent (0.35, roughness
 * 0.5) and leave it unvarnished. roughness_override > 0 (--roughness)
 * replaces the coat's roughness, or the paint's when there is no coat. */
scene_layers scene_paint_layers(const scene_paint *paint, const scene_finish *finish,
                                float roughness_override);
/* The metallic a part is drawn with under a finish (scene_paint_layers'):
 * the paint's, or 1 under the deprecated metal finish. The lit shader and
 * anything that reports "metal" (glint check's summary) both use it. */
float scene_paint_metallic(const scene_paint *paint, const scene_finish *finish);

#endif
