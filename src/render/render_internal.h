#ifndef GLINT_RENDER_INTERNAL_H
#define GLINT_RENDER_INTERNAL_H

/* The passes render.c and render_analysis.c share; internal to render. */

#include "render/render.h"

/* The lamp's depth map for the view's shadows; nothing to do when the map
 * already holds this model at this place under this lamp. */
void render_draw_shadow_map(render_context *context, const render_model *model,
                            const scene_view *view);
/* The model with the lit shader into whatever target is bound (its coarse
 * copy for interactive frames); returns the triangles drawn. */
uint32_t render_draw_model(const render_context *context, const render_model *model,
                           const render_frame_desc *frame, const scene_view *view);

/* The room's uniforms and cube map for the lit pass (`resolved`: the
 * frame's shot with its defaults filled in). */
void render_room_bind(const render_context *context, gfx_program lit,
                      const render_frame_desc *frame, const scene_shot *resolved);
void render_room_unload(render_context *context);

#endif
