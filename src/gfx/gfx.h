#ifndef GLINT_GFX_H
#define GLINT_GFX_H

/* gfx: every OpenGL call in glint. Resources are typed handles with
 * create/unload pairs; a zero handle is "none" and unloading it is harmless.
 * Needs a current OpenGL 3.3 core context (from plat) and gfx_init first. */

#include "core/core_result.h"

#include <stdbool.h>
#include <stdint.h>

typedef void (*gfx_proc)(void);
typedef gfx_proc (*gfx_proc_loader)(const char *name);

/* Loads the GL entry points through the context's loader and checks for 3.3. */
core_result gfx_init(gfx_proc_loader loader);
/* "llvmpipe (LLVM 15.0.6, 256 bits)", "NVIDIA H100 ..." */
const char *gfx_renderer(void);
const char *gfx_version(void);
/* Waits until the GPU has finished everything submitted (for timing). */
void gfx_finish(void);

/* Development option: read shaders from this folder instead of the copies
 * built into the binary (NULL restores the built-in ones). */
void gfx_set_shader_folder(const char *folder);

typedef struct gfx_program {
    uint32_t id;
} gfx_program;

/* Compiles and links two files of shaders/. A compile error names the file
 * and line: "shaders/lit.frag:12: error: ...". */
core_result gfx_program_load(const char *vertex_file, const char *fragment_file,
                             gfx_program *program);
/* The same with `defines` ("#define NAME 1" lines) after each file's #version
 * line: a variant of a program (lit.frag with a room), errors still naming
 * the file's own lines. NULL: none. */
core_result gfx_program_load_defines(const char *vertex_file, const char *fragment_file,
                                     const char *defines, gfx_program *program);
void gfx_program_unload(gfx_program *program);
void gfx_program_use(gfx_program program);
void gfx_set_mat4(gfx_program program, const char *name, const float *matrix);
void gfx_set_vec3(gfx_program program, const char *name, const float *value);
/* `count` vec2s or vec4s (2 or 4 * count floats) into a uniform array. */
void gfx_set_vec2_array(gfx_program program, const char *name, int count, const float *values);
void gfx_set_vec4_array(gfx_program program, const char *name, int count, const float *values);
void gfx_set_float(gfx_program program, const char *name, float value);
void gfx_set_int(gfx_program program, const char *name, int value);

/* A draw with no vertex data: one triangle over the whole target, for passes
 * that work on an image (tone mapping). */
typedef struct gfx_fullscreen {
    uint32_t vertex_array;
} gfx_fullscreen;

core_result gfx_fullscreen_create(gfx_fullscreen *fullscreen);
void gfx_fullscreen_unload(gfx_fullscreen *fullscreen);
void gfx_fullscreen_draw(gfx_fullscreen fullscreen);
/* The same, only where the bound depth buffer holds something nearer than
 * the far plane (what an earlier pass drew there): each fragment at the far
 * plane, tested greater, depth left unwritten. */
void gfx_fullscreen_draw_covered(gfx_fullscreen fullscreen);

typedef struct gfx_vertex_attribute {
    uint32_t location;
    uint32_t components; /* floats */
    uint32_t offset;     /* in floats from the start of a vertex */
} gfx_vertex_attribute;

typedef struct gfx_mesh_desc {
    const float *vertices;
    uint32_t vertex_count;
    uint32_t floats_per_vertex;
    const gfx_vertex_attribute *attributes;
    uint32_t attribute_count;
    const uint32_t *indices;
    uint32_t index_count;
} gfx_mesh_desc;

typedef struct gfx_mesh {
    uint32_t vertex_array;
    uint32_t vertex_buffer;
    uint32_t index_buffer;
    uint32_t index_count;
    uint32_t vertex_count;
    uint32_t floats_per_vertex;
} gfx_mesh;

core_result gfx_mesh_create(const gfx_mesh_desc *desc, gfx_mesh *mesh);
void gfx_mesh_unload(gfx_mesh *mesh);
void gfx_mesh_draw(gfx_mesh mesh, uint32_t first_index, uint32_t index_count);
/* Which faces the draws that follow take as front (those wound
 * counter-clockwise in the window, or clockwise where `mirrored`: a model
 * matrix that turns the mesh inside out; the shaders' gl_FrontFacing), and
 * whether they leave out the back ones. (false, false) for whatever draws
 * next. */
void gfx_cull_back_faces(bool cull, bool mirrored);
/* The mesh as drawn from a second context that shares objects with the one
 * that made it (the current one): buffers are shared, vertex arrays are not,
 * so this makes a vertex array here over the source's buffers with the same
 * layout. gfx_mesh_unshare, on this context, deletes only that. */
core_result gfx_mesh_share(const gfx_mesh *source, const gfx_vertex_attribute *attributes,
                           uint32_t attribute_count, gfx_mesh *shared);
void gfx_mesh_unshare(gfx_mesh *shared);

typedef struct gfx_texture {
    uint32_t id;
} gfx_texture;

/* An sRGB-encoded RGBA8 image (rows top to bottom), mipmapped; sampling
 * returns linear values. */
core_result gfx_texture_create(int width, int height, const uint8_t *pixels, gfx_texture *texture);
void gfx_texture_unload(gfx_texture *texture);
/* Builds the texture's smaller levels, for sampling it blurred. */
void gfx_texture_generate_mipmaps(gfx_texture texture);
/* Binds the texture (or none, for a zero handle) to a unit and points the
 * program's sampler uniform at it. */
void gfx_texture_bind(gfx_program program, const char *sampler, int unit, gfx_texture texture);
/* The same for a multisampled texture (a sampler2DMS); id 0 leaves the unit empty. */
void gfx_texture_bind_samples(gfx_program program, const char *sampler, int unit,
                              gfx_texture texture);

/* An offscreen multisampled colour + depth target and the single-sample
 * texture it resolves into. */
typedef struct gfx_target {
    uint32_t multisample_framebuffer;
    uint32_t color_buffer;
    uint32_t depth_buffer;
    uint32_t resolve_framebuffer;
    uint32_t resolve_texture;
    int width;
    int height;
    int samples;
    uint32_t color_texture; /* the multisampled colour, when samples > 0 */
} gfx_target;

typedef enum gfx_color_format {
    GFX_COLOR_RGBA8 = 0, /* display values */
    GFX_COLOR_RGBA16F    /* linear HDR radiance */
} gfx_color_format;

/* samples 0 or 1: no multisampling; more is clamped to what the driver has. */
core_result gfx_target_create(int width, int height, int samples, gfx_color_format format,
                              gfx_target *target);
/* Only the resolved image (`samples` recorded, clamped as above): for passes
 * that write it whole themselves (gfx_target_begin_resolved), where the
 * multisampled colour and depth would be memory the driver zeroes and
 * nobody draws to. gfx_target_begin and gfx_target_resolve need a target
 * from gfx_target_create (multisample_framebuffer not 0). */
core_result gfx_target_create_resolved(int width, int height, int samples, gfx_color_format format,
                                       gfx_target *target);
void gfx_target_unload(gfx_target *target);
/* Binds the target for drawing and clears colour (RGBA) and depth; depth
 * testing on. */
void gfx_target_begin(const gfx_target *target, const float *clear_rgba);
/* The resolved image, for sampling in a later pass. */
gfx_texture gfx_target_texture(const gfx_target *target);
void gfx_target_resolve(const gfx_target *target);
/* Binds the target's resolved image itself for drawing (no depth, no
 * clear): a full-screen pass that writes what a resolve would. */
void gfx_target_begin_resolved(const gfx_target *target);
/* The same, drawn only within `rect` (x, y from the bottom left, width,
 * height), the whole image first cleared to transparent black;
 * gfx_target_end_within ends the restriction. */
void gfx_target_begin_resolved_within(const gfx_target *target, const int rect[4]);
void gfx_target_end_within(void);
/* The multisampled colour itself (id 0 when the target has one sample), for
 * gfx_texture_bind_samples. */
gfx_texture gfx_target_samples_texture(const gfx_target *target);
/* Reads the resolved image as RGBA8, rows top to bottom. */
core_result gfx_target_read_rgba8(const gfx_target *target, uint8_t *pixels);
/* Reads the resolved image as RGBA floats (linear radiance for an RGBA16F
 * target), rows top to bottom. */
core_result gfx_target_read_rgba32f(const gfx_target *target, float *pixels);
/* Copies the resolved image to the window's back buffer, scaled to fit. */
void gfx_target_present(const gfx_target *target, int window_width, int window_height);
/* Several single-sample float images drawn at once (MRT) plus depth, read
 * back as floats: the analysis buffers. */
#define GFX_MRT_MAX 8

/* An MRT target's or a G-buffer's image: floats (read back by
 * gfx_mrt_target_read_rows_up) or packed unsigned integers (only read by a
 * later pass). */
typedef enum gfx_image_format {
    GFX_FLOAT_RGBA16F = 0,
    GFX_FLOAT_RGBA32F,
    GFX_UINT_RGBA32, /* unsigned integers (packed values): a shader's uvec4, never read back */
    GFX_UINT_RG32    /* the same, two of them: a shader's uvec2 */
} gfx_image_format;

typedef struct gfx_mrt_target {
    uint32_t framebuffer;
    uint32_t colors[GFX_MRT_MAX];
    uint32_t depth_buffer;
    int count;
    int width;
    int height;
} gfx_mrt_target;

core_result gfx_mrt_target_create(int width, int height, const gfx_image_format *formats, int count,
                                  gfx_mrt_target *target);
void gfx_mrt_target_unload(gfx_mrt_target *target);
/* Binds every attachment for drawing and clears them to zero, depth to far. */
void gfx_mrt_target_begin(const gfx_mrt_target *target);
/* The same, clearing only the depth: for images read only where the depth
 * shows something was drawn. llvmpipe clears a pixel of 8 or 16 bytes with
 * a call to memcpy, which cost a check some 4 % of its time. */
void gfx_mrt_target_begin_depth(const gfx_mrt_target *target);
/* Binds `target` for drawing with the depth buffer of `depth_from` (of the
 * same size) in place of its own, its colour images left as they were
 * (nothing cleared) and the depth as `depth_from` drew it;
 * gfx_mrt_target_end_over puts the target's own depth back. For
 * gfx_fullscreen_draw_covered, whose caller knows which pixels it wrote. */
void gfx_mrt_target_begin_over(const gfx_mrt_target *target, const gfx_mrt_target *depth_from);
void gfx_mrt_target_end_over(const gfx_mrt_target *target);
/* Reads attachment `index` as RGBA floats, the rows as GL keeps them,
 * bottom to top: the caller copies them out anyway (flipping 4 MB in place
 * cost half as much again as reading it). */
core_result gfx_mrt_target_read_rows_up(const gfx_mrt_target *target, int index, float *rgba);
/* Reads the depth buffer (0 near .. 1 far), rows top to bottom. */
core_result gfx_mrt_target_read_depth(const gfx_mrt_target *target, float *depth);
/* Attachment `index` as a texture a later pass reads (a sampler2D). */
gfx_texture gfx_mrt_target_texture(const gfx_mrt_target *target, int index);

/* Several multisampled images drawn at once plus depth, each a texture a
 * later pass reads sample by sample (a sampler2DMS): deferred lighting's
 * G-buffer. samples: 2 to GFX_GBUFFER_SAMPLES_MAX. */
#define GFX_GBUFFER_SAMPLES_MAX 16
typedef struct gfx_gbuffer {
    uint32_t framebuffer;
    uint32_t textures[GFX_MRT_MAX];
    uint32_t depth_texture;
    int count;
    int width;
    int height;
    int samples;
    /* Where each sample lies in its pixel (x, y in 0..1), as the GL says
     * (glGetMultisamplefv): the lighting pass places the samples' depths. */
    float sample_positions[2 * GFX_GBUFFER_SAMPLES_MAX];
} gfx_gbuffer;

/* The most samples a G-buffer may have: the GL's least limit of those for
 * float images, integer ones (GFX_UINT_RGBA32, GFX_UINT_RG32) and depth
 * textures. */
int gfx_gbuffer_max_samples(void);
core_result gfx_gbuffer_create(int width, int height, int samples, const gfx_image_format *formats,
                               int count, gfx_gbuffer *target);
void gfx_gbuffer_unload(gfx_gbuffer *target);
/* Binds it for drawing and clears the depth to far; the images keep what
 * they held: a sample whose depth is still far was not drawn. */
void gfx_gbuffer_begin(const gfx_gbuffer *target);
/* Image `index`, for gfx_texture_bind_samples. */
gfx_texture gfx_gbuffer_texture(const gfx_gbuffer *target, int index);
/* The depth (0 near .. 1 far, 1 where nothing was drawn), for
 * gfx_texture_bind_samples. */
gfx_texture gfx_gbuffer_depth(const gfx_gbuffer *target);

/* A depth-only target whose depth is a texture, for shadow maps. */
typedef struct gfx_depth_target {
    uint32_t framebuffer;
    uint32_t depth_texture;
    int size;
} gfx_depth_target;

core_result gfx_depth_target_create(int size, gfx_depth_target *target);
void gfx_depth_target_unload(gfx_depth_target *target);
/* Binds it for drawing, clears depth to far, depth test on, colour off. */
void gfx_depth_target_begin(const gfx_depth_target *target);
gfx_texture gfx_depth_target_texture(const gfx_depth_target *target);

/* Reads the depth map back (0 near .. 1 far), size x size floats, rows as GL
 * keeps them: bottom to top. */
core_result gfx_depth_target_read(const gfx_depth_target *target, float *depth);

/* ---- a room's light (gfx_cubemap.c) ------------------------------------- */

/* A linear RGBA16F cube map with `levels` mip levels, filtered across the
 * faces' edges (seamless). `rgb`: level 0 as 6 faces of size x size RGB
 * floats in GL's order (+x, -x, +y, -y, +z, -z; scene_room_cube_direction's
 * layout), or NULL to leave it to gfx_cubemap_draw_faces. */
typedef struct gfx_cubemap {
    uint32_t id;
    int size;
    int levels;
} gfx_cubemap;

core_result gfx_cubemap_create(int size, int levels, const float *rgb, gfx_cubemap *cubemap);
void gfx_cubemap_unload(gfx_cubemap *cubemap);
/* Builds every level below level 0 by averaging. */
void gfx_cubemap_generate_mipmaps(gfx_cubemap cubemap);
void gfx_cubemap_bind(gfx_program program, const char *sampler, int unit, gfx_cubemap cubemap);
/* Draws into each face of one level: binds it, sets the viewport to the
 * level's size, depth test and blending off, and calls draw(face, user). */
core_result gfx_cubemap_draw_faces(gfx_cubemap cubemap, int level,
                                   void (*draw)(int face, void *user), void *user);

/* One more float per vertex, beside a mesh's own vertices (the baked
 * ambient occlusion). */
typedef struct gfx_stream {
    uint32_t buffer;
    uint32_t count;
} gfx_stream;

core_result gfx_stream_create(const float *values, uint32_t count, gfx_stream *stream);
void gfx_stream_unload(gfx_stream *stream);
/* gfx_mesh_draw with the stream at attribute `location`; where the stream
 * is empty (or too short for the mesh), every vertex reads `fallback`. */
void gfx_mesh_draw_stream(gfx_mesh mesh, uint32_t first_index, uint32_t index_count,
                          uint32_t location, gfx_stream stream, float fallback);
/* Reads the mesh's vertex buffer back: vertex_count * floats_per_vertex floats. */
core_result gfx_mesh_read_vertices(gfx_mesh mesh, float *vertices);

/* Reads the window's back buffer as RGBA8, rows top to bottom. */
core_result gfx_read_back_buffer(int width, int height, uint8_t *pixels);

/* ---- 2D canvas: the viewer's HUD, markers, overlays ------------------------
 * Flat triangles and images in framebuffer pixels from the top-left, blended
 * over what is already drawn. Colours are display values (sRGB-encoded, 0..1,
 * straight alpha) written as they are: the window's framebuffer is not sRGB,
 * so blending happens on display values, as in any 2D toolkit. */

typedef struct gfx_canvas_vertex {
    float x, y; /* framebuffer pixels from the top-left */
    float rgba[4];
} gfx_canvas_vertex;

typedef struct gfx_canvas {
    uint32_t vertex_array, vertex_buffer;
    gfx_program program, image_program;
    uint32_t ui_vertex_array, ui_vertex_buffer, ui_index_buffer;
    gfx_program ui_program;
    uint32_t framebuffer; /* where it draws: 0, the window's, unless gfx_canvas_target */
} gfx_canvas;

core_result gfx_canvas_create(gfx_canvas *canvas);
void gfx_canvas_unload(gfx_canvas *canvas);
/* Draws into the target (its multisampled image: call gfx_target_resolve
 * afterwards) instead of the window, e.g. to put the HUD into a snapshot or
 * in a headless test, where there is no window framebuffer. NULL: the
 * window's again. The target must outlive this use of it. */
void gfx_canvas_target(gfx_canvas *canvas, const gfx_target *target);
/* Draws triangles alpha-blended over the canvas's framebuffer (the window's,
 * framebuffer 0, unless gfx_canvas_target), over all of fb_width x fb_height,
 * depth test off. Restores the GL state it changed, bindings included. */
void gfx_canvas_draw_triangles(gfx_canvas *canvas, const gfx_canvas_vertex *vertices,
                               uint32_t count, int fb_width, int fb_height);
/* Draws a texture stretched over the rectangle, alpha-blended (straight
 * alpha) with an opacity 0..1; sampling is nearest or linear as the texture
 * was made. For images uploaded by gfx (rows top to bottom): a render
 * target's own image is stored bottom-up, show it with
 * gfx_target_present_rect. An sRGB texture (gfx_texture_create) is encoded
 * back to display values; a plain one is drawn as its bytes are. */
void gfx_canvas_draw_image(gfx_canvas *canvas, gfx_texture texture, float x, float y, float w,
                           float h, float opacity, int fb_width, int fb_height);

/* Indexed, textured triangles with a scissor per command: the panels'
 * (Dear ImGui's draw lists, handed over by app from ui as plain arrays of
 * this layout). Alpha-blended like the rest of the canvas; restores the GL
 * state it changed. */
typedef struct gfx_ui_vertex {
    float x, y, u, v;
    uint8_t rgba[4];
} gfx_ui_vertex;
typedef struct gfx_ui_command {
    uint32_t index_offset, index_count, vertex_offset;
    float clip[4]; /* x0, y0, x1, y1 in framebuffer pixels from the top-left */
    uint32_t texture;
} gfx_ui_command;
typedef struct gfx_ui_list {
    const gfx_ui_vertex *vertices;
    uint32_t vertex_count;
    const uint16_t *indices;
    uint32_t index_count;
    const gfx_ui_command *commands;
    uint32_t command_count;
} gfx_ui_list;
void gfx_canvas_draw_ui(gfx_canvas *canvas, const gfx_ui_list *lists, int count, int fb_width,
                        int fb_height);

/* A plain (not sRGB, not mipmapped) RGBA8 texture, rows top to bottom, for
 * data such as the detector's overlay; nearest sampling so pixels stay crisp
 * when scaled up, clamped at the edges. */
core_result gfx_texture_create_plain(int width, int height, const uint8_t *pixels,
                                     gfx_texture *texture);
/* A three-channel 32-bit float table (rows bottom to top, channels
 * interleaved), linearly filtered and clamped at the edges: a lookup table
 * such as the room's pre-integrated directional albedo. */
core_result gfx_texture_create_rgb32f(int width, int height, const float *values,
                                      gfx_texture *texture);
/* Replaces its pixels; a new size re-creates the storage, and a zero handle
 * is created. */
core_result gfx_texture_update_plain(gfx_texture *texture, int width, int height,
                                     const uint8_t *pixels);
/* Copies the resolved image of a target into a rectangle of the window's back
 * buffer (x, y: its top-left corner in pixels from the window's top-left),
 * unscaled when the sizes match, else filtered. The rest of the window is
 * left as it is, so side-by-side viewports can be presented one by one. Sets
 * the viewport to the whole window, as gfx_target_present does. */
void gfx_target_present_rect(const gfx_target *target, int x, int y, int width, int height,
                             int window_width, int window_height);

#endif
