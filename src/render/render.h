#ifndef GLINT_RENDER_H
#define GLINT_RENDER_H

/* render: the passes that turn a scene into pixels, through gfx. A frame is
 * drawn in linear HDR into a multisampled target, resolved, then tone mapped
 * into the caller's target. */

#include "core/core_result.h"
#include "gfx/gfx.h"
#include "io/io_model.h"
#include "scene/scene_finish.h"
#include "scene/scene_mesh.h"
#include "scene/scene_paint.h"
#include "scene/scene_room.h"
#include "scene/scene_shot.h"

#include <stdint.h>

typedef enum render_view {
    RENDER_VIEW_SHADED = 0,
    RENDER_VIEW_SPECULAR,   /* the highlights alone */
    RENDER_VIEW_DIFFUSE,    /* the paint without highlights */
    RENDER_VIEW_NORMALS,    /* world normals as colours */
    RENDER_VIEW_SILHOUETTE, /* the model as one flat shape: "check the silhouette first" */
    RENDER_VIEW_CLAY,       /* neutral grey matte: form without paint */
    RENDER_VIEW_SQUINT,     /* blurred and small: how it reads at arm's length */
    RENDER_VIEW_COUNT
} render_view;

typedef enum render_tonemap {
    RENDER_TONEMAP_NEUTRAL = 0, /* Khronos PBR Neutral */
    RENDER_TONEMAP_ACES,
    RENDER_TONEMAP_NONE,
    RENDER_TONEMAP_COUNT
} render_tonemap;

/* A finish for the parts whose name matches. */
typedef struct render_part_finish {
    const char *part;
    scene_finish_kind finish;
} render_part_finish;

/* Zero fields mean "default". */
typedef struct render_frame_desc {
    scene_shot shot;
    float background[3];      /* linear RGB (render_frame_desc_defaults: a studio grey) */
    scene_finish_kind finish; /* for every part; FROM_FILE: each part's first guess */
    const render_part_finish *part_finishes; /* then these, by part name */
    uint32_t part_finish_count;
    float roughness; /* > 0 overrides every part's roughness */
    float exposure_ev;
    render_tonemap tonemap;
    render_view view;
    int samples; /* MSAA; 0: 4 (zero samples is no real value); 1: none */
    bool no_shadows;
    bool transparent;   /* the background becomes alpha 0; edges keep their coverage */
    int highlight_part; /* part index + 1 drawn tinted (the viewer's selection); 0: none */
    scene_room room;    /* the room around the lamp; DARK (0): the uniform fill only */
    bool interactive;   /* cheaper shadow filtering (fewer PCSS taps) for the viewer's frames
                         * while something moves; false: full quality */
} render_frame_desc;

/* The standard frame: scene_shot_defaults(), the studio grey background,
 * each part's finish from its file, the neutral tone map, shaded. Start from
 * it: a zeroed desc has a black background and the lamp at 0 degrees. */
render_frame_desc render_frame_desc_defaults(void);

/* What the shadow map in a context was last drawn from: the map depends on
 * the model, where it stands and the lamp, not on the camera or the finish,
 * so orbiting, changing finishes and compare mode's viewports reuse it. */
typedef struct render_shadow_key {
    uint32_t model_generation; /* 0: nothing drawn yet */
    float model[16];
    float light_view_projection[16];
} render_shadow_key;

/* A room's light as the lit pass reads it (render_room.c). */
typedef struct render_room_light {
    gfx_cubemap light; /* prefiltered radiance, one level per roughness */
    float sh[9][3];    /* irradiance / pi, SH9 */
    bool ready;
} render_room_light;

/* Shaders, state and the HDR target shared by every frame; one per context. */
typedef struct render_context {
    gfx_program lit;
    gfx_program shadow;
    gfx_program tonemap;
    gfx_depth_target shadow_map;
    gfx_fullscreen fullscreen;
    gfx_target radiance; /* resized to each frame */
    render_shadow_key shadow_key;
    /* A quarter-size map for interactive frames (made on first use): on a
     * software rasteriser the full map costs a turning frame ~100 ms. */
    gfx_depth_target shadow_map_small;
    render_shadow_key shadow_key_small;
    int max_samples;         /* 0: as asked; else frames use at most this many (memory) */
    int gbuffer_max_samples; /* the GL's most for the deferred G-buffer's images */
    /* Rooms, made on first use, and the ambient occlusion baked for the
     * last model drawn in a room (its generation; 0: none). */
    gfx_program prefilter;
    gfx_program lit_room; /* lit.frag with GLINT_ROOM */
    render_room_light rooms[SCENE_ROOM_COUNT];
    gfx_texture room_env; /* the lobes' pre-integrated directional albedo */
    gfx_stream occlusion;
    uint32_t occlusion_generation;
    double room_seconds[SCENE_ROOM_COUNT]; /* what making each room took */
    double occlusion_seconds;              /* what the last bake took */
    gfx_stream occlusion_coarse;           /* the same for the model's coarse copy */
    /* Deferred lighting (render_deferred.c): lit.frag's G-buffer and
     * lighting variants, the G-buffer (resized to each frame), the part
     * parameters it was drawn with, and whether GLINT_FORWARD=1 turned it
     * off. */
    gfx_program lit_gbuffer;
    gfx_program lit_deferred;
    gfx_program tonemap_deferred;     /* tonemap.frag's GLINT_TONEMAPPED, after lit_deferred */
    gfx_program lit_gbuffer_analysis; /* the analysis render's pair */
    gfx_program lit_deferred_analysis;
    /* Whether lit_gbuffer and lit_deferred, and the analysis pair, were made for a model of
     * plain paint (render_model_plain_paint): made again when that changes. */
    bool gbuffer_plain;
    int deferred_samples;     /* the samples lit_deferred was made for (its GLINT_SAMPLES) */
    bool gbuffer_image_plain; /* the G-buffer's layout: plain paint's (no colour) */
    bool analysis_plain;
    gfx_gbuffer gbuffer;
    /* The analysis render's targets (render_analysis.c), kept from one
     * step of a check to the next and made again when its size changes:
     * making and freeing them each step cost some 11 ms of CPU at 512x512
     * on llvmpipe (docs/PERFORMANCE.md). */
    gfx_mrt_target analysis_target;
    gfx_mrt_target analysis_gbuffer;
    float part_paint[64][4];
    float part_coat[64][4];
    float part_base[64][4]; /* the paint's linear colour, 0 */
    int part_count;
    bool forward;
    /* Triangles drawn (shadow maps and lit passes), counted on: the viewer's
     * --stats reads what a frame drew. */
    uint64_t triangles_drawn;
} render_context;

/* What one render needs in memory, for render_memory_estimate. */
typedef struct render_memory_desc {
    int width, height;
    int samples; /* 0 or 1: none */
    uint32_t vertex_count, index_count;
    bool analysis; /* the detector's buffers too (glint check, the live detector) */
} render_memory_desc;

/* Bytes a render of this size, multisampling and mesh will need, driver
 * included (an upper estimate; render_memory.c has the measurements). Pure
 * arithmetic: no GL. */
uint64_t render_memory_estimate(const render_memory_desc *desc);
/* The most samples, halving from desc->samples down to 1, whose estimate
 * fits in `available` bytes; 0 when not even one sample does. */
int render_memory_fit_samples(const render_memory_desc *desc, uint64_t available);

/* A mesh on the GPU with its parts' paint. */
typedef struct render_model {
    gfx_mesh mesh;
    scene_part *parts;
    uint32_t part_count;
    gfx_texture *textures; /* per material of the source model; zero handle: none */
    uint32_t texture_count;
    scene_bounds bounds;
    uint32_t generation; /* unique per upload, so a reload never passes for the old model */
    /* A coarse copy (render_model_upload_coarse) that interactive frames
     * draw, lit and into their shadow map; index_count 0: none, they draw
     * the mesh. Per part its range (first index, count); per vertex of the
     * mesh the coarse vertex it became, for the room's baked occlusion. */
    gfx_mesh coarse;
    uint32_t *coarse_ranges;
    uint32_t *coarse_remap;
    uint32_t coarse_remap_count;
} render_model;

core_result render_context_create(render_context *context);
void render_context_unload(render_context *context);

/* Uploads the mesh and, when `source` (the file it was built from) is given,
 * the base-colour textures of its materials. */
core_result render_model_upload(const scene_mesh *mesh, const io_model *source,
                                render_model *model);
void render_model_unload(render_model *model);
/* Uploads `coarse` (scene_decimate of the uploaded mesh: the same parts, and
 * `remap` from the mesh's vertices to its own) as the model's interactive
 * copy, replacing any. */
core_result render_model_upload_coarse(render_model *model, const scene_mesh *coarse,
                                       const uint32_t *remap, uint32_t remap_count);
/* The model as drawn from a second GL context (current here) that shares
 * objects with the one it was uploaded on: its own vertex arrays (GL does
 * not share them) over the same buffers; parts, textures and the coarse
 * copy's tables are the source's (pointers), so the source must outlive it
 * and stay unchanged while it draws. Unshare on the same context: it
 * deletes only the vertex arrays. */
core_result render_model_share(const render_model *source, render_model *shared);
void render_model_unshare(render_model *shared);
/* Paints one part of an uploaded model (scene_part_set_paint on
 * model->parts[part]; NULL: back to the file's paint). Paint is read at each
 * draw, so the next frame shows it with no new upload. Out-of-range parts
 * are ignored. */
void render_model_set_part_paint(render_model *model, uint32_t part, const scene_paint *paint);

/* The finish a part gets in a frame: per-part entries (FROM_FILE there is
 * the part's own first guess), then the frame's finish, then the part's own
 * first guess; then the roughness override. */
scene_finish render_part_finish_for(const render_frame_desc *frame, const scene_part *part);
/* The paint and the varnish a part is drawn with in a frame: its paint under
 * render_part_finish_for's finish, the roughness override on the outermost
 * layer (scene_paint_layers). */
scene_layers render_part_layers_for(const render_frame_desc *frame, const scene_part *part);

/* Makes what a frame in `room` needs and has not got yet: the room's light
 * (once per context) and the model's ambient occlusion (once per model).
 * render_frame and render_read_analysis call it; the viewer may call it
 * ahead of time. Nothing for the dark room. */
core_result render_room_prepare(render_context *context, const render_model *model,
                                scene_room room);

/* Makes ahead, for frames of `frame`'s kind at width x height, the targets
 * a deferred frame draws into (llvmpipe zeroes each as it is made: at
 * 1024x1024 some 70 MB), when such a frame would be deferred: headless
 * commands call it on the thread that starts the context, which has
 * nothing else to do while the model loads. A frame of another kind or
 * size makes its own, as ever. */
core_result render_prepare(render_context *context, const render_frame_desc *frame, int width,
                           int height);
/* The bytes of the frame targets the context holds (what render_prepare
 * makes): a memory check made after it adds them back to what is
 * available, since render_memory_estimate counts them among what a render
 * needs. */
uint64_t render_prepared_bytes(const render_context *context);

/* Draws the model into `target`, a single-sample RGBA8 target of any size. */
core_result render_frame(render_context *context, const render_model *model,
                         const render_frame_desc *frame, const gfx_target *target);

/* Renders one frame offscreen at width x height and reads it back as RGBA8
 * (rows top to bottom) into pixels (width*height*4 bytes). */
core_result render_offscreen(render_context *context, const render_model *model,
                             const render_frame_desc *frame, int width, int height,
                             uint8_t *pixels);

/* Renders one frame and reads back its linear HDR radiance, before exposure
 * and tone mapping, as RGBA floats (rows top to bottom; rgb premultiplied by
 * the coverage in alpha, 0 on the background). For analysis and tests. */
core_result render_offscreen_radiance(render_context *context, const render_model *model,
                                      const render_frame_desc *frame, int width, int height,
                                      float *pixels);

/* What the detector reads, per pixel, from one frame drawn without
 * multisampling (averaging ids or positions across an edge would invent
 * values): docs/detector.md, "The metrics, in plain words". Arrays are
 * width*height, rows top to bottom; background pixels have part -1. */
typedef struct render_analysis {
    int width;
    int height;
    float *specular;  /* linear specular radiance, RGB */
    float *diffuse;   /* linear diffuse radiance with the fill, RGB */
    float *normal;    /* world shading normal, xyz */
    float *position;  /* object-space position in mm (before the turntable), xyz */
    float *geometric; /* object-space geometric normal, xyz */
    float *depth;     /* window depth, 0 near .. 1 far (1 on the background) */
    int32_t *part;    /* part index, -1 on the background */
    float *alpha;     /* effective GGX alpha: roughness^2 widened by the lamp's size */
    float *footprint; /* how wide a pixel is at that point, mm (0 on the background) */
    scene_view view;  /* the matrices and lamp it was drawn with */
} render_analysis;

core_result render_read_analysis(render_context *context, const render_model *model,
                                 const render_frame_desc *frame, int width, int height,
                                 render_analysis *analysis);
void render_analysis_free(render_analysis *analysis);

/* The frame's display transform on the CPU, as the tone-mapping pass does it
 * (exposure, then the tone map; no sRGB encoding): linear radiance in,
 * display-referred linear values in 0..1 out. The detector measures on these. */
void render_display_rgb(const render_frame_desc *frame, const float radiance[3], float out[3]);
/* The same with the exposure's scale, exp2f(frame->exposure_ev), worked out
 * once by the caller: the detector transforms two values a pixel, and the
 * exponential was a third of that time. */
void render_display_rgb_exposed(const render_frame_desc *frame, float exposure,
                                const float radiance[3], float out[3]);

/* The background as written to the image (sRGB, 0..255), for tests and tools. */
void render_background_srgb8(const render_frame_desc *frame, uint8_t rgb[3]);

const char *render_view_name(render_view view);
bool render_view_parse(const char *text, render_view *view);
const char *render_tonemap_name(render_tonemap tonemap);
bool render_tonemap_parse(const char *text, render_tonemap *tonemap);

#endif
