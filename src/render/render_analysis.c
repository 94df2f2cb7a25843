#include "render/render.h"
#include "render/render_internal.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* The detector's buffers: the lit shader's extra outputs, single-sampled. */

enum {
    ANALYSIS_RADIANCE,
    ANALYSIS_SPECULAR,
    ANALYSIS_DIFFUSE,
    ANALYSIS_NORMAL,
    ANALYSIS_POSITION,
    ANALYSIS_GEOMETRIC,
    ANALYSIS_PART_ALPHA,
    ANALYSIS_COUNT
};

void render_analysis_free(render_analysis *analysis)
{
    free(analysis->specular);
    free(analysis->diffuse);
    free(analysis->normal);
    free(analysis->position);
    free(analysis->geometric);
    free(analysis->depth);
    free(analysis->part);
    free(analysis->alpha);
    free(analysis->footprint);
    memset(analysis, 0, sizeof *analysis);
}

/* A pixel the model does not cover: its depth is still the far plane's
 * 1.0, to which the depth was cleared (any fragment drawn is nearer). */
static bool background(float depth)
{
    return depth >= 1.0f;
}

/* Keeps the first three channels of an RGBA image read bottom row first,
 * turned to rows top to bottom, zero on the background (whose pixels the
 * deferred lighting pass leaves as they were). */
static void take_rgb(const float *rgba_up, const float *depth, int width, int height, float *rgb)
{
    static const float zero[3] = {0.0f, 0.0f, 0.0f};
    for (int y = 0; y < height; ++y) {
        const float *row = rgba_up + (size_t)(height - 1 - y) * (size_t)width * 4u;
        size_t first = (size_t)y * (size_t)width;
        for (int x = 0; x < width; ++x) {
            size_t p = first + (size_t)x;
            memcpy(&rgb[3 * p], background(depth[p]) ? zero : &row[4 * x], 3 * sizeof(float));
        }
    }
}

/* `depth`: the target whose depth the model was drawn with. The background
 * comes out as a cleared image would give it: zeros, part -1. */
static core_result read_buffers(const gfx_mrt_target *target, const gfx_mrt_target *depth,
                                render_analysis *a)
{
    int width = a->width, height = a->height;
    float *rgba = malloc((size_t)width * (size_t)height * 4 * sizeof(float));
    if (!rgba)
        return core_fail(CORE_ERR_NO_MEMORY, "out of memory for the analysis buffers");
    struct {
        int index;
        float *out;
    } const rgb_buffers[] = {{ANALYSIS_SPECULAR, a->specular},
                             {ANALYSIS_DIFFUSE, a->diffuse},
                             {ANALYSIS_NORMAL, a->normal},
                             {ANALYSIS_POSITION, a->position},
                             {ANALYSIS_GEOMETRIC, a->geometric}};
    core_result r = gfx_mrt_target_read_depth(depth, a->depth);
    for (size_t i = 0; i < sizeof rgb_buffers / sizeof *rgb_buffers && r == CORE_OK; ++i) {
        r = gfx_mrt_target_read_rows_up(target, rgb_buffers[i].index, rgba);
        if (r == CORE_OK)
            take_rgb(rgba, a->depth, width, height, rgb_buffers[i].out);
    }
    if (r == CORE_OK)
        r = gfx_mrt_target_read_rows_up(target, ANALYSIS_PART_ALPHA, rgba);
    for (int y = 0; r == CORE_OK && y < height; ++y) {
        const float *row = rgba + (size_t)(height - 1 - y) * (size_t)width * 4u;
        for (int x = 0; x < width; ++x) {
            size_t p = (size_t)y * (size_t)width + (size_t)x;
            bool covered = !background(a->depth[p]);
            a->part[p] = covered ? (int32_t)lrintf(row[4 * x]) - 1 : -1;
            a->alpha[p] = covered ? row[4 * x + 1] : 0.0f;
        }
    }
    free(rgba);
    return r;
}

/* A pixel's width at a point is its distance along the view axis times the
 * pixel's angular size: 2 z tan(fov/2) / height, with tan(fov/2) = 1 / P[1][1]. */
static void compute_footprints(render_analysis *a)
{
    float near = a->view.near_plane, far = a->view.far_plane;
    float per_unit_depth = 2.0f / (a->view.projection[5] * (float)a->height);
    for (size_t p = 0; p < (size_t)a->width * (size_t)a->height; ++p) {
        if (a->part[p] < 0) {
            a->footprint[p] = 0.0f;
            continue;
        }
        float z_ndc = 2.0f * a->depth[p] - 1.0f;
        float z_eye = 2.0f * near * far / (far + near - z_ndc * (far - near));
        a->footprint[p] = z_eye * per_unit_depth;
    }
}

/* The context's target for this size and count, made when it has none of
 * it: each target's formats follow from its count (the G-buffer's three or
 * four images, render_analysis_gbuffer_formats). */
static core_result keep_target(int width, int height, const gfx_image_format *formats, int count,
                               gfx_mrt_target *target)
{
    if (target->framebuffer && target->width == width && target->height == height &&
        target->count == count)
        return CORE_OK;
    gfx_mrt_target_unload(target);
    return gfx_mrt_target_create(width, height, formats, count, target);
}

core_result render_read_analysis(render_context *context, const render_model *model,
                                 const render_frame_desc *frame, int width, int height,
                                 render_analysis *a)
{
    memset(a, 0, sizeof *a);
    a->width = width;
    a->height = height;
    size_t pixels = (size_t)width * (size_t)height;
    a->specular = malloc(pixels * 3 * sizeof(float));
    a->diffuse = malloc(pixels * 3 * sizeof(float));
    a->normal = malloc(pixels * 3 * sizeof(float));
    a->position = malloc(pixels * 3 * sizeof(float));
    a->geometric = malloc(pixels * 3 * sizeof(float));
    a->depth = malloc(pixels * sizeof(float));
    a->part = malloc(pixels * sizeof(int32_t));
    a->alpha = malloc(pixels * sizeof(float));
    a->footprint = malloc(pixels * sizeof(float));
    if (!a->specular || !a->diffuse || !a->normal || !a->position || !a->geometric || !a->depth ||
        !a->part || !a->alpha || !a->footprint) {
        render_analysis_free(a);
        return core_fail(CORE_ERR_NO_MEMORY, "out of memory for %dx%d analysis buffers", width,
                         height);
    }
    static const gfx_image_format formats[ANALYSIS_COUNT] = {
        GFX_FLOAT_RGBA16F, GFX_FLOAT_RGBA16F, GFX_FLOAT_RGBA16F, GFX_FLOAT_RGBA16F,
        GFX_FLOAT_RGBA32F, GFX_FLOAT_RGBA16F, GFX_FLOAT_RGBA32F};
    gfx_mrt_target *target = &context->analysis_target;
    core_result r = keep_target(width, height, formats, ANALYSIS_COUNT, target);
    if (r == CORE_OK) {
        scene_shot_view(&frame->shot, &model->bounds, (float)width / (float)height, &a->view);
        r = render_room_prepare(context, model, frame->room);
        render_frame_desc shaded = *frame;
        shaded.view = RENDER_VIEW_SHADED; /* the buffers are the shaded frame's */
        shaded.interactive = false;       /* of the full mesh, whatever the viewer draws */
        bool shadows = a->view.shadows && !frame->no_shadows;
        if (shadows)
            render_draw_shadow_map(context, model, &a->view);
        /* Deferred (docs/PERFORMANCE.md, "Deferred analysis render") where
         * it wins, with shadows: it saves the shadow's taps on the lanes
         * llvmpipe masks, and without them its G-buffer costs more than
         * the forward pass's shading. Forward too with GLINT_FORWARD=1, in
         * a room or with over 64 parts. */
        if (r == CORE_OK && shadows && render_deferred_analysis_usable(context, model, &shaded)) {
            gfx_image_format gformats[RENDER_ANALYSIS_GBUFFER_IMAGES];
            int count = render_analysis_gbuffer_formats(model, gformats);
            gfx_mrt_target *gbuffer = &context->analysis_gbuffer;
            r = keep_target(width, height, gformats, count, gbuffer);
            if (r == CORE_OK)
                r = render_deferred_analysis(context, model, &shaded, &a->view, gbuffer, target);
            if (r == CORE_OK)
                r = read_buffers(target, gbuffer, a);
        } else if (r == CORE_OK) {
            gfx_mrt_target_begin(target);
            render_draw_model(context, model, &shaded, &a->view);
            r = read_buffers(target, target, a);
        }
        if (r == CORE_OK)
            compute_footprints(a);
    }
    if (r != CORE_OK)
        render_analysis_free(a);
    return r;
}
