#include "render/render_internal.h"

#include "scene/scene_paint.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Deferred lighting for the shaded frame (docs/lighting.md, "Deferred
 * lighting"). The sample bust has some 2.6 pixels a triangle, and llvmpipe
 * shades whole 4x4 pixel blocks with the lanes outside a triangle masked, so
 * the forward pass ran lit.frag (the shadow's taps, the lamp's lobes) about
 * 14 times for each covered pixel. Here the mesh is drawn with a shader that
 * only stores what lighting needs, and lit.frag then shades each pixel's
 * distinct samples once, over the whole screen (docs/PERFORMANCE.md). */

/* As lit.frag's GLINT_PARTS_MAX and GLINT_SAMPLES_MAX: models with more
 * parts, and frames with more samples, stay forward. */
#define RENDER_DEFERRED_PARTS 64
#define RENDER_DEFERRED_SAMPLES 8
_Static_assert(sizeof((render_context *)0)->part_paint /
                       sizeof((render_context *)0)->part_paint[0] ==
                   RENDER_DEFERRED_PARTS,
               "a row of part parameters per part");
#define GBUFFER_IMAGES 1

core_result render_deferred_load(render_context *context)
{
    const char *forward = getenv("GLINT_FORWARD");
    context->forward = forward && forward[0] && strcmp(forward, "0") != 0;
    context->gbuffer_max_samples = gfx_gbuffer_max_samples();
    return CORE_OK;
}

/* lit.frag's defines for the variant `pass`, for a model of plain paint or
 * not: plain paint has no texture coordinates or colours to interpolate, and
 * llvmpipe sets up each interpolated value for every triangle
 * (docs/PERFORMANCE.md, "Session 11"). */
static const char *variant_defines(const char *pass, bool plain, char *out, size_t size)
{
    snprintf(out, size, "#define %s 1\n%s", pass, plain ? "#define GLINT_PLAIN_PAINT 1\n" : "");
    return out;
}

/* The G-buffer and lighting variants and the tone map after them, compiled
 * at the first deferred frame (a context that only analyses, the live
 * detector's or glint check's, never needs them); the first two again when
 * the model's paint turns plain or not: the G-buffer's layout follows it;
 * and the lighting pass again for another number of samples, which its
 * loops are unrolled for (lit.frag, GLINT_SAMPLES). */
static core_result load_programs(render_context *context, bool plain, int samples)
{
    if (context->lit_deferred.id && context->lit_gbuffer.id && context->gbuffer_plain == plain &&
        context->deferred_samples == samples)
        return CORE_OK;
    if (context->gbuffer_plain != plain)
        gfx_program_unload(&context->lit_gbuffer);
    gfx_program_unload(&context->lit_deferred);
    char defines[128];
    core_result r = CORE_OK;
    if (!context->lit_gbuffer.id)
        r = gfx_program_load_defines(
            "lit.vert", "lit.frag",
            variant_defines("GLINT_GBUFFER", plain, defines, sizeof defines),
            &context->lit_gbuffer);
    if (r == CORE_OK) {
        char lighting[160];
        snprintf(lighting, sizeof lighting, "%s#define GLINT_SAMPLES %d\n",
                 variant_defines("GLINT_DEFERRED", plain, defines, sizeof defines), samples);
        r = gfx_program_load_defines("tonemap.vert", "lit.frag", lighting, &context->lit_deferred);
    }
    if (r == CORE_OK && !context->tonemap_deferred.id)
        r = gfx_program_load_defines("tonemap.vert", "tonemap.frag", "#define GLINT_TONEMAPPED 1\n",
                                     &context->tonemap_deferred);
    if (r != CORE_OK) {
        gfx_program_unload(&context->lit_gbuffer);
        gfx_program_unload(&context->lit_deferred);
        gfx_program_unload(&context->tonemap_deferred);
    }
    context->gbuffer_plain = plain;
    context->deferred_samples = samples;
    return r;
}

void render_deferred_unload(render_context *context)
{
    gfx_program_unload(&context->lit_deferred_analysis);
    gfx_program_unload(&context->lit_gbuffer_analysis);
    gfx_gbuffer_unload(&context->gbuffer);
    gfx_mrt_target_unload(&context->analysis_gbuffer);
    gfx_mrt_target_unload(&context->analysis_target);
    gfx_program_unload(&context->tonemap_deferred);
    gfx_program_unload(&context->lit_deferred);
    gfx_program_unload(&context->lit_gbuffer);
}

bool render_deferred_usable(const render_context *context, const render_model *model,
                            const render_frame_desc *frame, int samples)
{
    /* The views lit.frag shades; normals and the silhouette are flat, the
     * squint reads the radiance's mipmaps, and a room's variant is forward. */
    bool shaded = frame->view == RENDER_VIEW_SHADED || frame->view == RENDER_VIEW_SPECULAR ||
                  frame->view == RENDER_VIEW_DIFFUSE || frame->view == RENDER_VIEW_CLAY;
    uint64_t bytes = (uint64_t)context->radiance.width * (uint64_t)context->radiance.height *
                     (uint64_t)samples * RENDER_DEFERRED_SAMPLE_BYTES;
    return !context->forward && shaded && !render_frame_in_room(context, frame) && samples > 1 &&
           samples <= RENDER_DEFERRED_SAMPLES && samples <= context->gbuffer_max_samples &&
           model->part_count <= RENDER_DEFERRED_PARTS && bytes <= RENDER_DEFERRED_MAX_BYTES;
}

/* One image of integers (lit.frag's g_surface): both normals and the part,
 * and the paint unless it is plain (then 8 bytes a sample, not 16); the
 * positions follow from the depth. */
static core_result ensure_gbuffer(render_context *context, int width, int height, int samples,
                                  bool plain)
{
    gfx_gbuffer *g = &context->gbuffer;
    if (g->framebuffer && g->width == width && g->height == height && g->samples == samples &&
        context->gbuffer_image_plain == plain)
        return CORE_OK;
    gfx_gbuffer_unload(g);
    const gfx_image_format format = plain ? GFX_UINT_RG32 : GFX_UINT_RGBA32;
    context->gbuffer_image_plain = plain;
    return gfx_gbuffer_create(width, height, samples, &format, GBUFFER_IMAGES, g);
}

core_result render_deferred_prepare(render_context *context, int width, int height, int samples)
{
    /* As most models are (the sample, STLs, most 3MFs): another is made
     * again at its first frame. The programs too, which took 20-40 ms
     * after the model had loaded (shaders/lit.frag's variants). */
    core_result r = ensure_gbuffer(context, width, height, samples, true);
    if (r == CORE_OK)
        r = load_programs(context, true, samples);
    return r;
}

/* Each part's parameters as render_draw_model_with sets them per draw. */
static void part_parameters(render_context *context, const render_model *model,
                            const render_frame_desc *frame)
{
    context->part_count = (int)model->part_count;
    for (uint32_t p = 0; p < model->part_count; ++p) {
        const scene_part *part = &model->parts[p];
        scene_finish finish = render_part_finish_for(frame, part);
        scene_layers layers = scene_paint_layers(&part->paint, &finish, frame->roughness);
        float *paint = context->part_paint[p], *coat = context->part_coat[p];
        float *base = context->part_base[p];
        base[0] = part->paint.color[0];
        base[1] = part->paint.color[1];
        base[2] = part->paint.color[2];
        base[3] = 0.0f;
        paint[0] = layers.paint_roughness;
        paint[1] = layers.coat_f0;
        paint[2] = layers.metallic;
        paint[3] = layers.translucency;
        coat[0] = layers.coat;
        coat[1] = layers.coat_roughness;
        coat[2] = frame->highlight_part == (int)p + 1 ? 1.0f : 0.0f;
        coat[3] = 0.0f;
    }
}

/* out = m in, m column-major. */
static void transform(const float m[16], const float in[4], float out[4])
{
    for (int row = 0; row < 4; ++row)
        out[row] = m[row] * in[0] + m[4 + row] * in[1] + m[8 + row] * in[2] + m[12 + row] * in[3];
}

/* out = the inverse of m (both column-major), worked in double: the
 * lighting pass takes world positions from depths through it. False when m
 * has no inverse. */
static bool invert(const double m[16], float out[16])
{
    double inv[16];
    inv[0] = m[5] * m[10] * m[15] - m[5] * m[11] * m[14] - m[9] * m[6] * m[15] +
             m[9] * m[7] * m[14] + m[13] * m[6] * m[11] - m[13] * m[7] * m[10];
    inv[4] = -m[4] * m[10] * m[15] + m[4] * m[11] * m[14] + m[8] * m[6] * m[15] -
             m[8] * m[7] * m[14] - m[12] * m[6] * m[11] + m[12] * m[7] * m[10];
    inv[8] = m[4] * m[9] * m[15] - m[4] * m[11] * m[13] - m[8] * m[5] * m[15] +
             m[8] * m[7] * m[13] + m[12] * m[5] * m[11] - m[12] * m[7] * m[9];
    inv[12] = -m[4] * m[9] * m[14] + m[4] * m[10] * m[13] + m[8] * m[5] * m[14] -
              m[8] * m[6] * m[13] - m[12] * m[5] * m[10] + m[12] * m[6] * m[9];
    inv[1] = -m[1] * m[10] * m[15] + m[1] * m[11] * m[14] + m[9] * m[2] * m[15] -
             m[9] * m[3] * m[14] - m[13] * m[2] * m[11] + m[13] * m[3] * m[10];
    inv[5] = m[0] * m[10] * m[15] - m[0] * m[11] * m[14] - m[8] * m[2] * m[15] +
             m[8] * m[3] * m[14] + m[12] * m[2] * m[11] - m[12] * m[3] * m[10];
    inv[9] = -m[0] * m[9] * m[15] + m[0] * m[11] * m[13] + m[8] * m[1] * m[15] -
             m[8] * m[3] * m[13] - m[12] * m[1] * m[11] + m[12] * m[3] * m[9];
    inv[13] = m[0] * m[9] * m[14] - m[0] * m[10] * m[13] - m[8] * m[1] * m[14] +
              m[8] * m[2] * m[13] + m[12] * m[1] * m[10] - m[12] * m[2] * m[9];
    inv[2] = m[1] * m[6] * m[15] - m[1] * m[7] * m[14] - m[5] * m[2] * m[15] + m[5] * m[3] * m[14] +
             m[13] * m[2] * m[7] - m[13] * m[3] * m[6];
    inv[6] = -m[0] * m[6] * m[15] + m[0] * m[7] * m[14] + m[4] * m[2] * m[15] -
             m[4] * m[3] * m[14] - m[12] * m[2] * m[7] + m[12] * m[3] * m[6];
    inv[10] = m[0] * m[5] * m[15] - m[0] * m[7] * m[13] - m[4] * m[1] * m[15] +
              m[4] * m[3] * m[13] + m[12] * m[1] * m[7] - m[12] * m[3] * m[5];
    inv[14] = -m[0] * m[5] * m[14] + m[0] * m[6] * m[13] + m[4] * m[1] * m[14] -
              m[4] * m[2] * m[13] - m[12] * m[1] * m[6] + m[12] * m[2] * m[5];
    inv[3] = -m[1] * m[6] * m[11] + m[1] * m[7] * m[10] + m[5] * m[2] * m[11] -
             m[5] * m[3] * m[10] - m[9] * m[2] * m[7] + m[9] * m[3] * m[6];
    inv[7] = m[0] * m[6] * m[11] - m[0] * m[7] * m[10] - m[4] * m[2] * m[11] + m[4] * m[3] * m[10] +
             m[8] * m[2] * m[7] - m[8] * m[3] * m[6];
    inv[11] = -m[0] * m[5] * m[11] + m[0] * m[7] * m[9] + m[4] * m[1] * m[11] - m[4] * m[3] * m[9] -
              m[8] * m[1] * m[7] + m[8] * m[3] * m[5];
    inv[15] = m[0] * m[5] * m[10] - m[0] * m[6] * m[9] - m[4] * m[1] * m[10] + m[4] * m[2] * m[9] +
              m[8] * m[1] * m[6] - m[8] * m[2] * m[5];
    double det = m[0] * inv[0] + m[1] * inv[4] + m[2] * inv[8] + m[3] * inv[12];
    if (!(fabs(det) > 0.0) || !isfinite(det))
        return false;
    for (int i = 0; i < 16; ++i)
        out[i] = (float)(inv[i] / det);
    return true;
}

/* lit.frag's u_clip_to_world: inverse(projection * view). */
static bool clip_to_world(const scene_view *view, float out[16])
{
    double vp[16];
    for (int col = 0; col < 4; ++col)
        for (int row = 0; row < 4; ++row) {
            double sum = 0.0;
            for (int k = 0; k < 4; ++k)
                sum += (double)view->projection[4 * k + row] * (double)view->view[4 * col + k];
            vp[4 * col + row] = sum;
        }
    return invert(vp, out);
}

/* The pixels the model can cover: the hull of its box's eight corners on
 * screen (a triangle's pixels lie inside its corners' hull, and its corners
 * inside the box's), a pixel of margin, clamped to the target. False when a
 * corner is at or behind the eye, where that hull does not hold. */
static bool model_pixels(const render_model *model, const scene_view *view, int width, int height,
                         int rect[4])
{
    float low[2] = {INFINITY, INFINITY}, high[2] = {-INFINITY, -INFINITY};
    const scene_bounds *b = &model->bounds;
    for (int corner = 0; corner < 8; ++corner) {
        float object[4] = {corner & 1 ? b->max[0] : b->min[0], corner & 2 ? b->max[1] : b->min[1],
                           corner & 4 ? b->max[2] : b->min[2], 1.0f};
        float world[4], eye[4], clip[4];
        transform(view->model, object, world);
        transform(view->view, world, eye);
        transform(view->projection, eye, clip);
        if (!(clip[3] > 1e-6f))
            return false;
        for (int k = 0; k < 2; ++k) {
            low[k] = fminf(low[k], clip[k] / clip[3]);
            high[k] = fmaxf(high[k], clip[k] / clip[3]);
        }
    }
    int size[2] = {width, height}, from[2], to[2];
    for (int k = 0; k < 2; ++k) {
        float a = floorf((low[k] * 0.5f + 0.5f) * (float)size[k]) - 1.0f;
        float z = ceilf((high[k] * 0.5f + 0.5f) * (float)size[k]) + 1.0f;
        from[k] = (int)fminf(fmaxf(a, 0.0f), (float)size[k]);
        to[k] = (int)fminf(fmaxf(z, (float)from[k]), (float)size[k]);
    }
    rect[0] = from[0];
    rect[1] = from[1];
    rect[2] = to[0] - from[0];
    rect[3] = to[1] - from[1];
    return true;
}

void render_deferred_light(const render_context *context, const render_model *model,
                           const render_frame_desc *frame, const scene_view *view, bool radiance)
{
    gfx_program lit = context->lit_deferred;
    /* Only over the model's pixels: llvmpipe runs the pass's loop over a
     * pixel's samples, G-buffer reads and all, on the background too
     * (docs/PERFORMANCE.md, "The lighting passes over what was drawn"); the
     * rest is what that loop leaves there, transparent black. */
    int rect[4];
    bool within =
        model_pixels(model, view, context->radiance.width, context->radiance.height, rect);
    if (within)
        gfx_target_begin_resolved_within(&context->radiance, rect);
    else
        gfx_target_begin_resolved(&context->radiance);
    gfx_program_use(lit);
    const gfx_gbuffer *g = &context->gbuffer;
    render_lit_uniforms(context, lit, frame, view, 2);
    gfx_texture_bind_samples(lit, "u_gbuffer_surface", 0, gfx_gbuffer_texture(g, 0));
    gfx_texture_bind_samples(lit, "u_gbuffer_depth", 1, gfx_gbuffer_depth(g));
    gfx_set_vec2_array(lit, "u_sample_positions", g->samples, g->sample_positions);
    float size[2] = {(float)g->width, (float)g->height}, to_world[16];
    (void)clip_to_world(view, to_world); /* render_deferred_draw checked it */
    gfx_set_vec2_array(lit, "u_target_size", 1, size);
    gfx_set_mat4(lit, "u_clip_to_world", to_world);
    gfx_set_vec4_array(lit, "u_part_paint", context->part_count, &context->part_paint[0][0]);
    gfx_set_vec4_array(lit, "u_part_coat", context->part_count, &context->part_coat[0][0]);
    if (context->gbuffer_plain)
        gfx_set_vec4_array(lit, "u_part_base", context->part_count, &context->part_base[0][0]);
    gfx_set_int(lit, "u_deferred_output", radiance ? 1 : 0);
    gfx_set_float(lit, "u_exposure", exp2f(frame->exposure_ev));
    gfx_set_int(lit, "u_tonemap", (int)frame->tonemap);
    gfx_fullscreen_draw(context->fullscreen);
    if (within)
        gfx_target_end_within();
}

core_result render_deferred_draw(render_context *context, const render_model *model,
                                 const render_frame_desc *frame, const scene_view *view)
{
    const gfx_target *radiance = &context->radiance;
    float to_world[16];
    if (!clip_to_world(view, to_world))
        return core_fail(CORE_ERR_ARGUMENT, "the camera's view has no inverse");
    core_result r = load_programs(context, render_model_plain_paint(model), radiance->samples);
    if (r == CORE_OK)
        r = ensure_gbuffer(context, radiance->width, radiance->height, radiance->samples,
                           context->gbuffer_plain);
    if (r != CORE_OK)
        return r;
    part_parameters(context, model, frame);
    gfx_gbuffer_begin(&context->gbuffer);
    context->triangles_drawn +=
        render_draw_model_with(context, context->lit_gbuffer, model, frame, view);
    render_deferred_light(context, model, frame, view, false);
    return CORE_OK;
}

/* The analysis render deferred: at 512x512 the sample's triangles cover
 * well under a pixel each, so the forward pass ran lit.frag for many more
 * lanes than pixels. Its G-buffer holds at full precision what the
 * forward pass interpolates (positions, normals, the paint), so those
 * targets come out bit for bit; the lamp's clip position and the shadow's
 * receiver plane are rebuilt from the world position and the face's normal
 * (as the shaded frame's), which moves a few radiance values at a shadow's
 * edge. Storing those too (seven RGBA32F images) made every target the
 * forward pass's but cost 16 ms a step more (docs/PERFORMANCE.md). */
static core_result load_analysis_programs(render_context *context, bool plain)
{
    if (context->lit_deferred_analysis.id && context->lit_gbuffer_analysis.id &&
        context->analysis_plain == plain)
        return CORE_OK;
    gfx_program_unload(&context->lit_gbuffer_analysis);
    gfx_program_unload(&context->lit_deferred_analysis);
    char defines[96];
    core_result r = gfx_program_load_defines(
        "lit.vert", "lit.frag",
        variant_defines("GLINT_GBUFFER_ANALYSIS", plain, defines, sizeof defines),
        &context->lit_gbuffer_analysis);
    if (r == CORE_OK)
        r = gfx_program_load_defines(
            "tonemap.vert", "lit.frag",
            variant_defines("GLINT_DEFERRED_ANALYSIS", plain, defines, sizeof defines),
            &context->lit_deferred_analysis);
    if (r != CORE_OK) {
        gfx_program_unload(&context->lit_gbuffer_analysis);
        gfx_program_unload(&context->lit_deferred_analysis);
    }
    context->analysis_plain = plain;
    return r;
}

int render_analysis_gbuffer_formats(const render_model *model,
                                    gfx_image_format formats[RENDER_ANALYSIS_GBUFFER_IMAGES])
{
    /* At full precision: the analysis buffers take them as the forward pass
     * interpolates them. */
    bool plain = render_model_plain_paint(model);
    int count = plain ? RENDER_ANALYSIS_GBUFFER_IMAGES - 1 : RENDER_ANALYSIS_GBUFFER_IMAGES;
    for (int i = 0; i < count; ++i)
        formats[i] = GFX_FLOAT_RGBA32F;
    return count;
}

bool render_deferred_analysis_usable(const render_context *context, const render_model *model,
                                     const render_frame_desc *frame)
{
    /* The shaded frame out of a room (lit.frag's room variant is forward). */
    return !context->forward && frame->view == RENDER_VIEW_SHADED &&
           !render_frame_in_room(context, frame) && model->part_count <= RENDER_DEFERRED_PARTS;
}

core_result render_deferred_analysis(render_context *context, const render_model *model,
                                     const render_frame_desc *frame, const scene_view *view,
                                     const gfx_mrt_target *gbuffer, const gfx_mrt_target *analysis)
{
    bool plain = render_model_plain_paint(model);
    core_result r = load_analysis_programs(context, plain);
    if (r != CORE_OK)
        return r;
    part_parameters(context, model, frame);
    /* The G-buffer's images are read only where it drew, so only its depth
     * is cleared; the analysis images not at all: render_analysis.c zeroes
     * their background by the depth when it reads them back
     * (docs/PERFORMANCE.md, "Session 11"). */
    gfx_mrt_target_begin_depth(gbuffer);
    context->triangles_drawn +=
        render_draw_model_with(context, context->lit_gbuffer_analysis, model, frame, view);
    /* Only where the G-buffer pass drew: llvmpipe runs a fragment shader's
     * every instruction for each block of pixels it is called on, the
     * background's discarded lanes too, and the depth test leaves those
     * blocks out before it (docs/PERFORMANCE.md, "The lighting passes over
     * what was drawn"). */
    gfx_mrt_target_begin_over(analysis, gbuffer);
    gfx_program lit = context->lit_deferred_analysis;
    gfx_program_use(lit);
    render_lit_uniforms(context, lit, frame, view, RENDER_ANALYSIS_GBUFFER_IMAGES);
    static const char *const images[RENDER_ANALYSIS_GBUFFER_IMAGES] = {
        "u_analysis_images[0]", "u_analysis_images[1]", "u_analysis_images[2]",
        "u_analysis_images[3]"};
    for (int i = 0; i < gbuffer->count; ++i)
        gfx_texture_bind(lit, images[i], i, gfx_mrt_target_texture(gbuffer, i));
    gfx_set_vec4_array(lit, "u_part_paint", context->part_count, &context->part_paint[0][0]);
    gfx_set_vec4_array(lit, "u_part_coat", context->part_count, &context->part_coat[0][0]);
    if (plain)
        gfx_set_vec4_array(lit, "u_part_base", context->part_count, &context->part_base[0][0]);
    gfx_fullscreen_draw_covered(context->fullscreen);
    gfx_mrt_target_end_over(analysis);
    return CORE_OK;
}
