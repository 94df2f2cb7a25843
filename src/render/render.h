#ifndef GLINT_RENDER_H
#define GLINT_RENDER_H

/* render: the passes that turn a scene into pixels, through gfx. */

#include "core/core_result.h"
#include "gfx/gfx.h"
#include "scene/scene_mesh.h"
#include "scene/scene_shot.h"

#include <stdint.h>

/* Shaders and state shared by every frame; one per GL context. */
typedef struct render_context {
    gfx_program lit;
} render_context;

/* A mesh on the GPU with its parts' paint. */
typedef struct render_model {
    gfx_mesh mesh;
    scene_part *parts;
    uint32_t part_count;
    gfx_texture *textures; /* per material of the source model; zero handle: none */
    uint32_t texture_count;
    scene_bounds bounds;
} render_model;

typedef struct render_frame_desc {
    scene_shot shot;
    float background[3]; /* linear RGB; all zero means the default studio grey */
} render_frame_desc;

core_result render_context_create(render_context *context);
void render_context_unload(render_context *context);

/* Uploads the mesh and, when `source` (the file it was built from) is given,
 * the base-colour textures of its materials. */
core_result render_model_upload(const scene_mesh *mesh, const io_model *source,
                                render_model *model);
void render_model_unload(render_model *model);

/* Draws the model into the target (begin, draw, resolve). */
void render_frame(const render_context *context, const render_model *model,
                  const render_frame_desc *frame, const gfx_target *target);

/* Renders one frame offscreen at width x height with `samples` MSAA and reads
 * it back as RGBA8 (rows top to bottom) into pixels (width*height*4 bytes). */
core_result render_offscreen(const render_context *context, const render_model *model,
                             const render_frame_desc *frame, int width, int height, int samples,
                             uint8_t *pixels);

/* The background as written to the image (sRGB, 0..255), for tests and tools. */
void render_background_srgb8(const render_frame_desc *frame, uint8_t rgb[3]);

#endif
