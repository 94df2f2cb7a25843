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

/* The model with a variant of lit.frag (the room's binds its room). */
uint32_t render_draw_model_with(const render_context *context, gfx_program lit,
                                const render_model *model, const render_frame_desc *frame,
                                const scene_view *view);
/* Whether a part's back faces may be left out (render_cull.c): it is
 * closed (scene_closed_mark) and wholly beyond the near plane of the
 * camera's view, or of the lamp's for the shadow map. Front faces are
 * counter-clockwise in the window unless the model matrix mirrors
 * (render_view_mirrored). */
bool render_part_culls_for_camera(const scene_part *part, const scene_view *view);
bool render_part_culls_for_lamp(const scene_part *part, const scene_view *view);
bool render_view_mirrored(const scene_view *view);
/* Whether the frame is lit by a room that is ready (lit.frag's room variant). */
bool render_frame_in_room(const render_context *context, const render_frame_desc *frame);
/* lit.frag's uniforms for the frame and view that do not change per part,
 * the shadow map bound to `shadow_unit`. */
void render_lit_uniforms(const render_context *context, gfx_program lit,
                         const render_frame_desc *frame, const scene_view *view, int shadow_unit);

/* Deferred lighting's G-buffer: bytes per pixel and sample (an RGBA32UI
 * image and the 24-bit depth, 32 bits as held), and the most it takes (at 4
 * samples about 3700x3700): a larger frame stays forward. */
#define RENDER_DEFERRED_SAMPLE_BYTES 20u
#define RENDER_DEFERRED_MAX_BYTES ((uint64_t)1 << 30)

/* Deferred lighting (render_deferred.c). Whether this frame takes it
 * (GLINT_FORWARD=1 in the environment: never). */
bool render_deferred_usable(const render_context *context, const render_model *model,
                            const render_frame_desc *frame, int samples);
/* Makes the G-buffer for frames of this size ahead (render_prepare). */
core_result render_deferred_prepare(render_context *context, int width, int height, int samples);
/* The G-buffer pass, then the lighting pass into context->radiance's
 * resolved image: the display colour (tone-mapped) and coverage. */
core_result render_deferred_draw(render_context *context, const render_model *model,
                                 const render_frame_desc *frame, const scene_view *view);
/* The lighting pass again over the same G-buffer; `radiance`: the linear
 * radiance premultiplied by coverage, as the forward pass's resolve. */
void render_deferred_light(const render_context *context, const render_model *model,
                           const render_frame_desc *frame, const scene_view *view, bool radiance);
/* The analysis render deferred (docs/PERFORMANCE.md, "Deferred analysis
 * render"): whether this frame may be, and its two passes: the model into
 * `gbuffer` (the images render_analysis_gbuffer_formats gives, of the
 * analysis size, with the depth the analysis reads), then the seven
 * analysis targets of `analysis` over the whole screen. */
#define RENDER_ANALYSIS_GBUFFER_IMAGES 4
/* Fills `formats` with the analysis G-buffer's images for this model and
 * returns their count: four RGBA32F (positions, normals, the faces'
 * normals, the paint), or, for a model of plain paint, the first three
 * (the paint is then the part's, not stored). */
int render_analysis_gbuffer_formats(const render_model *model,
                                    gfx_image_format formats[RENDER_ANALYSIS_GBUFFER_IMAGES]);
/* Whether every part's paint is its colour alone: no texture drawn on it and
 * no vertex colours. The G-buffer passes then leave the paint's inputs out. */
bool render_model_plain_paint(const render_model *model);
bool render_deferred_analysis_usable(const render_context *context, const render_model *model,
                                     const render_frame_desc *frame);
core_result render_deferred_analysis(render_context *context, const render_model *model,
                                     const render_frame_desc *frame, const scene_view *view,
                                     const gfx_mrt_target *gbuffer, const gfx_mrt_target *analysis);
/* The analysis G-buffer's bytes a pixel, at most (a plain paint's has
 * three images): four RGBA32F images and its depth. */
#define RENDER_ANALYSIS_GBUFFER_BYTES (4u * 16u + 4u)
/* Reads GLINT_FORWARD; the shaders wait for the first deferred frame. */
core_result render_deferred_load(render_context *context);
void render_deferred_unload(render_context *context);

/* The room's uniforms and cube map for the lit pass (`resolved`: the
 * frame's shot with its defaults filled in). */
void render_room_bind(const render_context *context, gfx_program lit,
                      const render_frame_desc *frame, const scene_shot *resolved);
void render_room_unload(render_context *context);

#endif
