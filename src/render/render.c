#include "render/render.h"
#include "render/render_internal.h"

#include "core/core_text.h"
#include "scene/scene_paint.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A mid-dark neutral grey, like a photo backdrop: light enough that a dark
 * silhouette still reads against it. Linear value; about 45/255 in sRGB. */
static const float default_background = 0.026f;
/* The silhouette view's flat shape: near black, as a cut-out against the grey. */
static const float silhouette_grey = 0.004f;

/* 2048 texels across the model's bounding sphere: a 75 mm bust gets about
 * 0.05 mm a texel, finer than the lamp's penumbrae. */
#define SHADOW_MAP_SIZE 2048
#define SHADOW_MAP_SIZE_INTERACTIVE 1024

static const char *const view_names[] = {"shaded",     "specular", "diffuse", "normals",
                                         "silhouette", "clay",     "squint"};
/* A name for every view: adding a view without one fails to compile. */
_Static_assert(sizeof view_names / sizeof *view_names == RENDER_VIEW_COUNT, "view names");
static const char *const tonemap_names[] = {"neutral", "aces", "none"};
_Static_assert(sizeof tonemap_names / sizeof *tonemap_names == RENDER_TONEMAP_COUNT,
               "tonemap names");

const char *render_view_name(render_view view)
{
    return view < RENDER_VIEW_COUNT ? view_names[view] : "unknown";
}

bool render_view_parse(const char *text, render_view *view)
{
    for (int v = 0; v < RENDER_VIEW_COUNT; ++v) {
        if (core_text_same_name(text, view_names[v])) {
            *view = (render_view)v;
            return true;
        }
    }
    return false;
}

const char *render_tonemap_name(render_tonemap tonemap)
{
    return tonemap < RENDER_TONEMAP_COUNT ? tonemap_names[tonemap] : "unknown";
}

bool render_tonemap_parse(const char *text, render_tonemap *tonemap)
{
    for (int t = 0; t < RENDER_TONEMAP_COUNT; ++t) {
        if (core_text_same_name(text, tonemap_names[t])) {
            *tonemap = (render_tonemap)t;
            return true;
        }
    }
    return false;
}

core_result render_context_create(render_context *context)
{
    memset(context, 0, sizeof *context);
    core_result r = gfx_program_load("lit.vert", "lit.frag", &context->lit);
    if (r == CORE_OK)
        r = gfx_program_load("shadow.vert", "shadow.frag", &context->shadow);
    if (r == CORE_OK)
        r = gfx_depth_target_create(SHADOW_MAP_SIZE, &context->shadow_map);
    if (r == CORE_OK)
        r = gfx_program_load("tonemap.vert", "tonemap.frag", &context->tonemap);
    if (r == CORE_OK)
        r = gfx_fullscreen_create(&context->fullscreen);
    if (r == CORE_OK)
        r = render_deferred_load(context);
    if (r != CORE_OK)
        render_context_unload(context);
    return r;
}

void render_context_unload(render_context *context)
{
    render_room_unload(context);
    render_deferred_unload(context);
    gfx_target_unload(&context->radiance);
    gfx_fullscreen_unload(&context->fullscreen);
    gfx_program_unload(&context->tonemap);
    gfx_depth_target_unload(&context->shadow_map);
    gfx_depth_target_unload(&context->shadow_map_small);
    gfx_program_unload(&context->shadow);
    gfx_program_unload(&context->lit);
}

render_frame_desc render_frame_desc_defaults(void)
{
    return (render_frame_desc){
        .shot = scene_shot_defaults(),
        .background = {default_background, default_background, default_background},
        .finish = SCENE_FINISH_FROM_FILE,
        .tonemap = RENDER_TONEMAP_NEUTRAL,
        .view = RENDER_VIEW_SHADED};
}

static void background_linear(const render_frame_desc *frame, float rgb[3])
{
    for (int c = 0; c < 3; ++c)
        rgb[c] = frame->background[c];
}

static float linear_to_srgb(float c)
{
    c = fminf(fmaxf(c, 0.0f), 1.0f);
    return c <= 0.0031308f ? c * 12.92f : 1.055f * powf(c, 1.0f / 2.4f) - 0.055f;
}

void render_background_srgb8(const render_frame_desc *frame, uint8_t rgb[3])
{
    float linear[3];
    background_linear(frame, linear);
    for (int c = 0; c < 3; ++c)
        rgb[c] = (uint8_t)lrintf(linear_to_srgb(linear[c]) * 255.0f);
}

/* fmaxf and fminf where the second operand is never NaN, inlined: the same
 * result as glibc's (a quiet NaN first operand gives the second; of two
 * equal operands, -0 and +0 among them, the first), checked over 10^7
 * random pairs. The display transform runs on every pixel of every step of
 * a check, and its calls into libm took as long as the rest of it. */
static inline float max_of(float a, float b)
{
    return a >= b ? a : b;
}

static inline float min_of(float a, float b)
{
    return a <= b ? a : b;
}

/* The same curves as shaders/tonemap.frag, kept in step by test_lighting. */
static void tonemap_neutral(float c[3])
{
    const float start_compression = 0.8f - 0.04f, desaturation = 0.15f;
    float x = min_of(c[0], min_of(c[1], c[2]));
    float offset = x < 0.08f ? x - 6.25f * x * x : 0.04f;
    for (int k = 0; k < 3; ++k)
        c[k] -= offset;
    float peak = max_of(c[0], max_of(c[1], c[2]));
    if (peak < start_compression)
        return;
    const float d = 1.0f - start_compression;
    float new_peak = 1.0f - d * d / (peak + d - start_compression);
    float g = 1.0f - 1.0f / (desaturation * (peak - new_peak) + 1.0f);
    for (int k = 0; k < 3; ++k) {
        c[k] *= new_peak / peak;
        c[k] = c[k] + (new_peak - c[k]) * g;
    }
}

void render_display_rgb(const render_frame_desc *frame, const float radiance[3], float out[3])
{
    render_display_rgb_exposed(frame, exp2f(frame->exposure_ev), radiance, out);
}

void render_display_rgb_exposed(const render_frame_desc *frame, float exposure,
                                const float radiance[3], float out[3])
{
    for (int k = 0; k < 3; ++k)
        out[k] = max_of(radiance[k] * exposure, 0.0f);
    if (frame->tonemap == RENDER_TONEMAP_NEUTRAL) {
        tonemap_neutral(out);
    } else if (frame->tonemap == RENDER_TONEMAP_ACES) {
        for (int k = 0; k < 3; ++k) {
            float x = out[k];
            out[k] = (x * (2.51f * x + 0.03f)) / (x * (2.43f * x + 0.59f) + 0.14f);
        }
    }
    for (int k = 0; k < 3; ++k)
        out[k] = min_of(max_of(out[k], 0.0f), 1.0f);
}

scene_finish render_part_finish_for(const render_frame_desc *frame, const scene_part *part)
{
    scene_finish finish =
        frame->finish != SCENE_FINISH_FROM_FILE ? scene_finish_preset(frame->finish) : part->finish;
    for (uint32_t i = 0; i < frame->part_finish_count; ++i) {
        /* FROM_FILE for one part: that part's own guess, whatever the rest get. */
        if (strcmp(frame->part_finishes[i].part, part->name) == 0)
            finish = frame->part_finishes[i].finish == SCENE_FINISH_FROM_FILE
                         ? part->finish
                         : scene_finish_preset(frame->part_finishes[i].finish);
    }
    if (frame->roughness > 0.0f)
        finish.roughness = fminf(frame->roughness, 1.0f);
    return finish;
}

scene_layers render_part_layers_for(const render_frame_desc *frame, const scene_part *part)
{
    scene_finish finish = render_part_finish_for(frame, part);
    return scene_paint_layers(&part->paint, &finish, frame->roughness);
}

/* `multisampled`: the frame draws into the multisampled colour (forward);
 * a deferred frame writes only the resolved image, so the rest is made at
 * the first frame that needs it (at 1024x1024 and 4 samples 48 MB that
 * llvmpipe zeroes, page by page, when it is made) and then kept. */
static core_result ensure_radiance_target(render_context *context, int width, int height,
                                          int samples, bool multisampled)
{
    gfx_target *t = &context->radiance;
    if (t->resolve_framebuffer && t->width == width && t->height == height &&
        t->samples == (samples <= 1 ? 0 : samples) && (t->multisample_framebuffer || !multisampled))
        return CORE_OK;
    gfx_target_unload(t);
    if (multisampled)
        return gfx_target_create(width, height, samples, GFX_COLOR_RGBA16F, t);
    return gfx_target_create_resolved(width, height, samples, GFX_COLOR_RGBA16F, t);
}

/* Whether a frame draws the model's coarse copy: interactive ones, when it has one. */
static bool use_coarse(const render_model *model, const render_frame_desc *frame)
{
    return frame && frame->interactive && model->coarse.index_count > 0 && model->coarse_ranges;
}

/* Returns the triangles drawn: 0 when the map was kept. `coarse`: from the
 * model's coarse copy (the interactive map only, so the key stays true). */
static uint32_t draw_shadow_map(render_context *context, gfx_depth_target *map,
                                render_shadow_key *key, const render_model *model,
                                const scene_view *view, bool coarse)
{
    if (key->model_generation == model->generation &&
        memcmp(key->model, view->model, sizeof key->model) == 0 &&
        memcmp(key->light_view_projection, view->light_view_projection,
               sizeof key->light_view_projection) == 0)
        return 0;
    key->model_generation = model->generation;
    memcpy(key->model, view->model, sizeof key->model);
    memcpy(key->light_view_projection, view->light_view_projection,
           sizeof key->light_view_projection);
    gfx_depth_target_begin(map);
    gfx_program_use(context->shadow);
    gfx_set_mat4(context->shadow, "u_model", view->model);
    gfx_set_mat4(context->shadow, "u_light_view_projection", view->light_view_projection);
    gfx_mesh mesh = coarse ? model->coarse : model->mesh;
    bool any_culls = false;
    for (uint32_t p = 0; !coarse && p < model->part_count; ++p)
        any_culls = any_culls || render_part_culls_for_lamp(&model->parts[p], view);
    if (!any_culls) {
        gfx_mesh_draw(mesh, 0, mesh.index_count);
        return mesh.index_count / 3u;
    }
    /* Part by part, the closed ones without their back faces (render_cull.c). */
    bool mirrored = render_view_mirrored(view);
    for (uint32_t p = 0; p < model->part_count; ++p) {
        const scene_part *part = &model->parts[p];
        gfx_cull_back_faces(render_part_culls_for_lamp(part, view), mirrored);
        gfx_mesh_draw(mesh, part->first_index, part->index_count);
    }
    gfx_cull_back_faces(false, false);
    return mesh.index_count / 3u;
}

void render_draw_shadow_map(render_context *context, const render_model *model,
                            const scene_view *view)
{
    draw_shadow_map(context, &context->shadow_map, &context->shadow_key, model, view, false);
}

/* The map a frame reads: the small one for interactive frames once made. */
static const gfx_depth_target *shadow_map_for(const render_context *context,
                                              const render_frame_desc *frame)
{
    return frame->interactive && context->shadow_map_small.size > 0 ? &context->shadow_map_small
                                                                    : &context->shadow_map;
}

bool render_frame_in_room(const render_context *context, const render_frame_desc *frame)
{
    return frame->room != SCENE_ROOM_DARK && frame->room < SCENE_ROOM_COUNT &&
           context->rooms[frame->room].ready && context->lit_room.id;
}

void render_lit_uniforms(const render_context *context, gfx_program lit,
                         const render_frame_desc *frame, const scene_view *view, int shadow_unit)
{
    bool shadows = view->shadows && !frame->no_shadows;
    gfx_set_int(lit, "u_shadows", shadows ? 1 : 0);
    gfx_set_mat4(lit, "u_light_view_projection", view->light_view_projection);
    gfx_set_float(lit, "u_light_near", view->light_near);
    gfx_set_float(lit, "u_light_far", view->light_far);
    gfx_set_float(lit, "u_light_tan_half_fov", view->light_tan_half_fov);
    const gfx_depth_target *shadow_map = shadow_map_for(context, frame);
    gfx_set_float(lit, "u_shadow_texel", 1.0f / (float)shadow_map->size);
    gfx_set_int(lit, "u_shadow_quality", frame->interactive ? 1 : 0);
    gfx_texture_bind(lit, "u_shadow_map", shadow_unit, gfx_depth_target_texture(shadow_map));
    gfx_set_mat4(lit, "u_model", view->model);
    gfx_set_mat4(lit, "u_view", view->view);
    gfx_set_mat4(lit, "u_projection", view->projection);
    gfx_set_vec3(lit, "u_eye", view->eye);
    gfx_set_vec3(lit, "u_lamp_position", view->lamp_position);
    gfx_set_float(lit, "u_lamp_radius", view->lamp_radius);
    gfx_set_vec3(lit, "u_lamp_intensity", view->lamp_intensity);
    gfx_set_vec3(lit, "u_ambient", view->ambient);
    /* Squint is the shaded frame, seen blurred by the tone-mapping pass. */
    gfx_set_int(lit, "u_output", frame->view == RENDER_VIEW_SQUINT ? 0 : (int)frame->view);
}

/* The base-colour texture a part is drawn with: none where a chosen paint
 * replaces the file's colours. */
static gfx_texture part_texture(const render_model *model, const scene_part *part)
{
    gfx_texture texture = {0};
    if (part->material < model->texture_count && part->paint.source != SCENE_PAINT_CHOSEN)
        texture = model->textures[part->material];
    return texture;
}

bool render_model_plain_paint(const render_model *model)
{
    for (uint32_t p = 0; p < model->part_count; ++p)
        if (model->parts[p].paint.source == SCENE_PAINT_VERTEX ||
            part_texture(model, &model->parts[p]).id)
            return false;
    return true;
}

uint32_t render_draw_model_with(const render_context *context, gfx_program lit,
                                const render_model *model, const render_frame_desc *frame,
                                const scene_view *view)
{
    bool coarse = use_coarse(model, frame);
    gfx_mesh mesh = coarse ? model->coarse : model->mesh;
    uint32_t drawn = 0;
    bool room = lit.id == context->lit_room.id && render_frame_in_room(context, frame);
    bool mirrored = render_view_mirrored(view);
    gfx_program_use(lit);
    render_lit_uniforms(context, lit, frame, view, 1);
    if (room) {
        scene_shot resolved = scene_shot_resolve(&frame->shot, &model->bounds);
        render_room_bind(context, lit, frame, &resolved);
    }
    for (uint32_t p = 0; p < model->part_count; ++p) {
        const scene_part *part = &model->parts[p];
        scene_finish finish = render_part_finish_for(frame, part);
        /* A chosen paint replaces the file's colours: its texture and vertex
         * colours are then left out. The varnish goes over the paint, which
         * keeps its metallic, roughness and translucency under it. */
        const scene_paint *paint = &part->paint;
        scene_layers layers = scene_paint_layers(paint, &finish, frame->roughness);
        gfx_set_vec3(lit, "u_base_color", paint->color);
        gfx_set_float(lit, "u_vertex_colors", paint->source == SCENE_PAINT_VERTEX ? 1.0f : 0.0f);
        gfx_set_float(lit, "u_part_id", (float)(p + 1));
        gfx_set_float(lit, "u_highlight", frame->highlight_part == (int)p + 1 ? 1.0f : 0.0f);
        gfx_set_float(lit, "u_roughness", layers.paint_roughness);
        gfx_set_float(lit, "u_f0", layers.coat_f0);
        gfx_set_float(lit, "u_metallic", layers.metallic);
        gfx_set_float(lit, "u_translucency", layers.translucency);
        gfx_set_float(lit, "u_coat", layers.coat);
        gfx_set_float(lit, "u_coat_roughness", layers.coat_roughness);
        gfx_texture texture = part_texture(model, part);
        gfx_texture_bind(lit, "u_base_color_texture", 0, texture);
        gfx_set_float(lit, "u_has_texture", texture.id ? 1.0f : 0.0f);
        /* Location 4, as lit.vert declares it: the baked occlusion, 1 out
         * of a room or where none was baked for this model. */
        gfx_stream occlusion = {0};
        if (room && context->occlusion_generation == model->generation)
            occlusion = coarse ? context->occlusion_coarse : context->occlusion;
        uint32_t first = coarse ? model->coarse_ranges[2 * p] : part->first_index;
        uint32_t count = coarse ? model->coarse_ranges[2 * p + 1] : part->index_count;
        /* The coarse copy is not known to be closed. */
        gfx_cull_back_faces(!coarse && render_part_culls_for_camera(part, view), mirrored);
        gfx_mesh_draw_stream(mesh, first, count, 4, occlusion, 1.0f);
        drawn += count / 3u;
    }
    gfx_cull_back_faces(false, false);
    return drawn;
}

uint32_t render_draw_model(const render_context *context, const render_model *model,
                           const render_frame_desc *frame, const scene_view *view)
{
    /* A room's frame uses lit.frag's room variant, made with the room. */
    gfx_program lit = render_frame_in_room(context, frame) ? context->lit_room : context->lit;
    return render_draw_model_with(context, lit, model, frame, view);
}

static void tone_map(const render_context *context, const render_frame_desc *frame,
                     const gfx_target *target, bool deferred)
{
    static const float clear[4] = {0.0f, 0.0f, 0.0f, 1.0f};
    /* Into the resolved image itself where the target has nothing else
     * (render_offscreen's): the pass writes every pixel, blending off, and
     * tests no depth, so nothing needs clearing. */
    bool resolved_only = target->multisample_framebuffer == 0;
    if (resolved_only)
        gfx_target_begin_resolved(target);
    else
        gfx_target_begin(target, clear);
    /* After deferred lighting, a variant that only composites and encodes. */
    gfx_program tonemap = deferred ? context->tonemap_deferred : context->tonemap;
    gfx_program_use(tonemap);
    gfx_texture radiance = gfx_target_texture(&context->radiance);
    /* Squinting at arm's length: the frame as if it were about 64 pixels tall,
     * spread back over the whole image, so only masses and contrasts remain. */
    float squint_lod = 0.0f;
    if (frame->view == RENDER_VIEW_SQUINT) {
        gfx_texture_generate_mipmaps(radiance);
        squint_lod = fmaxf(log2f((float)target->height / 64.0f), 0.0f);
    }
    gfx_texture_bind(tonemap, "u_radiance", 0, radiance);
    /* Each sample tone-mapped before they are averaged: a linear resolve
     * turns an edge pixel a quarter covered by a highlight 40 times white
     * into white, and bright edges stair-step. Unit 1 always: two sampler
     * types may not share a unit, even when one is unused. */
    gfx_texture_bind_samples(tonemap, "u_radiance_samples", 1,
                             gfx_target_samples_texture(&context->radiance));
    gfx_set_int(tonemap, "u_samples", context->radiance.samples);
    gfx_set_float(tonemap, "u_lod", squint_lod);
    gfx_set_int(tonemap, "u_transparent", frame->transparent ? 1 : 0);
    gfx_set_float(tonemap, "u_exposure", exp2f(frame->exposure_ev));
    gfx_set_int(tonemap, "u_tonemap", (int)frame->tonemap);
    int passthrough = frame->view == RENDER_VIEW_NORMALS      ? 1
                      : frame->view == RENDER_VIEW_SILHOUETTE ? 2
                                                              : 0;
    gfx_set_int(tonemap, "u_passthrough", passthrough);
    float background[3];
    background_linear(frame, background);
    const float silhouette[3] = {silhouette_grey, silhouette_grey, silhouette_grey};
    gfx_set_vec3(tonemap, "u_background", background);
    gfx_set_vec3(tonemap, "u_silhouette", silhouette);
    gfx_fullscreen_draw(context->fullscreen);
    if (!resolved_only)
        gfx_target_resolve(target);
}

/* The samples a frame is drawn with. */
static int frame_samples(const render_context *context, const render_frame_desc *frame)
{
    int samples = frame->samples ? frame->samples : 4;
    if (context->max_samples > 0 && samples > context->max_samples)
        samples = context->max_samples;
    return samples;
}

core_result render_prepare(render_context *context, const render_frame_desc *frame, int width,
                           int height)
{
    if (frame->room != SCENE_ROOM_DARK)
        return CORE_OK; /* lit.frag's room variant draws forward */
    int samples = frame_samples(context, frame);
    core_result r = ensure_radiance_target(context, width, height, samples, false);
    /* A model of no parts stands for one of few (RENDER_DEFERRED_PARTS). */
    render_model any = {0};
    if (r == CORE_OK && render_deferred_usable(context, &any, frame, context->radiance.samples))
        r = render_deferred_prepare(context, width, height, context->radiance.samples);
    return r;
}

uint64_t render_prepared_bytes(const render_context *context)
{
    const gfx_target *t = &context->radiance;
    uint64_t bytes = 0;
    if (t->resolve_texture) /* RGBA16F, and multisampled colour and depth when made */
        bytes += (uint64_t)t->width * (uint64_t)t->height *
                 (8u + (t->multisample_framebuffer ? (uint64_t)t->samples * 12u : 0u));
    const gfx_gbuffer *g = &context->gbuffer;
    if (g->framebuffer) /* one image of integers and the 24-bit depth (in 4 bytes) */
        bytes += (uint64_t)g->width * (uint64_t)g->height * (uint64_t)g->samples *
                 ((context->gbuffer_image_plain ? 8u : 16u) + 4u);
    return bytes;
}

/* `radiance`: leave the linear radiance resolved in context->radiance too. */
static core_result draw_frame(render_context *context, const render_model *model,
                              const render_frame_desc *frame, const gfx_target *target,
                              bool radiance)
{
    int samples = frame_samples(context, frame);
    core_result r = ensure_radiance_target(context, target->width, target->height, samples, false);
    if (r != CORE_OK)
        return r;
    scene_view view;
    scene_shot_view(&frame->shot, &model->bounds, (float)target->width / (float)target->height,
                    &view);
    r = render_room_prepare(context, model, frame->room);
    if (r != CORE_OK)
        return r;
    /* After the room is ready: a frame in a room is drawn forward. */
    bool deferred = render_deferred_usable(context, model, frame, context->radiance.samples);
    if (!deferred)
        r = ensure_radiance_target(context, target->width, target->height, samples, true);
    if (r != CORE_OK)
        return r;
    if (view.shadows && !frame->no_shadows && frame->interactive) {
        if (context->shadow_map_small.size == 0) {
            r = gfx_depth_target_create(SHADOW_MAP_SIZE_INTERACTIVE, &context->shadow_map_small);
            if (r != CORE_OK)
                return r;
        }
        context->triangles_drawn +=
            draw_shadow_map(context, &context->shadow_map_small, &context->shadow_key_small, model,
                            &view, use_coarse(model, frame));
    } else if (view.shadows && !frame->no_shadows)
        context->triangles_drawn += draw_shadow_map(context, &context->shadow_map,
                                                    &context->shadow_key, model, &view, false);
    if (deferred) {
        r = render_deferred_draw(context, model, frame, &view);
        if (r != CORE_OK)
            return r;
        tone_map(context, frame, target, true);
        if (radiance)
            render_deferred_light(context, model, frame, &view, true);
        return CORE_OK;
    }
    static const float transparent[4] = {0.0f, 0.0f, 0.0f, 0.0f};
    gfx_target_begin(&context->radiance, transparent);
    context->triangles_drawn += render_draw_model(context, model, frame, &view);
    gfx_target_resolve(&context->radiance);
    tone_map(context, frame, target, false);
    return CORE_OK;
}

core_result render_frame(render_context *context, const render_model *model,
                         const render_frame_desc *frame, const gfx_target *target)
{
    return draw_frame(context, model, frame, target, false);
}

core_result render_offscreen(render_context *context, const render_model *model,
                             const render_frame_desc *frame, int width, int height, uint8_t *pixels)
{
    gfx_target target;
    core_result r = gfx_target_create_resolved(width, height, 1, GFX_COLOR_RGBA8, &target);
    if (r == CORE_OK)
        r = render_frame(context, model, frame, &target);
    if (r == CORE_OK)
        r = gfx_target_read_rgba8(&target, pixels);
    gfx_target_unload(&target);
    return r;
}

core_result render_offscreen_radiance(render_context *context, const render_model *model,
                                      const render_frame_desc *frame, int width, int height,
                                      float *pixels)
{
    gfx_target target;
    core_result r = gfx_target_create_resolved(width, height, 1, GFX_COLOR_RGBA8, &target);
    if (r == CORE_OK)
        r = draw_frame(context, model, frame, &target, true);
    if (r == CORE_OK)
        r = gfx_target_read_rgba32f(&context->radiance, pixels);
    gfx_target_unload(&target);
    return r;
}
