#include "render/render.h"
#include "render/render_internal.h"

#include "core/core_log.h"
#include "core/core_time.h"
#include "scene/scene_layers.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A room's light, made once per room on first use: its radiance into a cube
 * map on the CPU, prefiltered per roughness on the GPU (shaders/prefilter
 * .frag), its irradiance as SH9 on the CPU; and, once per model, ambient
 * occlusion baked per vertex from depth maps drawn with the shadow pass.
 * docs/lighting.md, "Rooms", has the costs. */

/* 128 texels across a face (0.7 degrees a texel): a gloss coat's reflection
 * of the window keeps its edges. Levels 128 .. 4, roughness 0 .. 1 (as
 * (level / 5)^2). */
#define ROOM_SIZE 128
#define ROOM_LEVELS 6
#define ROOM_SAMPLES 64

/* Occlusion: depth maps from directions spread evenly over the sphere (a
 * Fibonacci lattice), each this many texels across the model. Drawing the
 * model is the cost (llvmpipe: about 3 million triangles a second on a busy
 * machine), so the directions share a budget of triangles drawn: 48 for a
 * model under 60 000 triangles, 27 for the 110 000 of the sample, never
 * fewer than 16 (a 1M-triangle model: 16 draws). */
#define OCCLUSION_MAX_DIRECTIONS 48
#define OCCLUSION_MIN_DIRECTIONS 16
#define OCCLUSION_TRIANGLE_BUDGET 3000000.0
#define OCCLUSION_MAP 512

typedef struct prefilter_pass {
    gfx_program program;
    gfx_fullscreen fullscreen;
} prefilter_pass;

static void draw_prefilter_face(int face, void *user)
{
    prefilter_pass *pass = user;
    gfx_set_int(pass->program, "u_face", face);
    gfx_fullscreen_draw(pass->fullscreen);
}

static core_result build_room(render_context *context, scene_room room)
{
    render_room_light *light = &context->rooms[room];
    double start = core_seconds();
    core_result r = CORE_OK;
    if (!context->prefilter.id)
        r = gfx_program_load("tonemap.vert", "prefilter.frag", &context->prefilter);
    if (r == CORE_OK && !context->lit_room.id)
        r = gfx_program_load_defines("lit.vert", "lit.frag", "#define GLINT_ROOM 1",
                                     &context->lit_room);
    if (r == CORE_OK && !context->room_env.id) {
        /* The BRDF half of the split sum, pre-integrated rather than
         * fitted: the fit's metal lobe ran 15-20 % dark and a rough coat's
         * grazing albedo (floored at Fresnel) 8 times too bright. */
        static float table[SCENE_LAYERS_ENV_TABLE * SCENE_LAYERS_ENV_TABLE * 3];
        scene_layers_env_table(table);
        r = gfx_texture_create_rgb32f(SCENE_LAYERS_ENV_TABLE, SCENE_LAYERS_ENV_TABLE, table,
                                      &context->room_env);
    }
    if (r != CORE_OK)
        return r;
    size_t face_floats = (size_t)ROOM_SIZE * ROOM_SIZE * 3u;
    float *faces = malloc(6u * face_floats * sizeof(float));
    if (!faces)
        return core_fail(CORE_ERR_NO_MEMORY, "out of memory for the %s room",
                         scene_room_name(room));
    for (int face = 0; face < 6; ++face)
        for (int j = 0; j < ROOM_SIZE; ++j)
            for (int i = 0; i < ROOM_SIZE; ++i) {
                float d[3];
                scene_room_cube_direction(face, 2.0f * ((float)i + 0.5f) / ROOM_SIZE - 1.0f,
                                          2.0f * ((float)j + 0.5f) / ROOM_SIZE - 1.0f, d);
                scene_room_radiance(room, d,
                                    faces + (size_t)face * face_floats +
                                        ((size_t)j * ROOM_SIZE + (size_t)i) * 3u);
            }
    /* The source, mipmapped for filtered importance sampling, and the map
     * the lit pass reads: one level per roughness. */
    gfx_cubemap source;
    r = gfx_cubemap_create(ROOM_SIZE, 8, faces, &source);
    free(faces);
    if (r != CORE_OK)
        return r;
    gfx_cubemap_generate_mipmaps(source);
    r = gfx_cubemap_create(ROOM_SIZE, ROOM_LEVELS, NULL, &light->light);
    prefilter_pass pass = {context->prefilter, context->fullscreen};
    gfx_program_use(context->prefilter);
    gfx_cubemap_bind(context->prefilter, "u_source", 0, source);
    gfx_set_float(context->prefilter, "u_source_size", (float)ROOM_SIZE);
    gfx_set_int(context->prefilter, "u_samples", ROOM_SAMPLES);
    for (int level = 0; level < ROOM_LEVELS && r == CORE_OK; ++level) {
        /* Roughness (level / 5)^2: 0, 0.04, 0.16, 0.36, 0.64, 1 (lit.frag
         * reads it back with a square root), so a gloss coat (0.1) reads
         * levels of about its own lobe rather than half the mirror's and
         * half 0.2's. */
        float t = (float)level / (ROOM_LEVELS - 1);
        gfx_set_float(context->prefilter, "u_roughness", t * t);
        r = gfx_cubemap_draw_faces(light->light, level, draw_prefilter_face, &pass);
    }
    gfx_cubemap_bind(context->prefilter, "u_source", 0, (gfx_cubemap){0});
    gfx_cubemap_unload(&source);
    if (r != CORE_OK) {
        gfx_cubemap_unload(&light->light);
        return r;
    }
    scene_room_irradiance_sh(room, light->sh);
    gfx_finish();
    light->ready = true;
    context->room_seconds[room] = core_seconds() - start;
    core_log(CORE_LOG_DEBUG, "the %s room: made and prefiltered in %.0f ms", scene_room_name(room),
             1000.0 * context->room_seconds[room]);
    return CORE_OK;
}

/* An orthographic view along -d that holds the sphere (centre, reach), as
 * a column-major matrix: x right, y up, depth growing away from the eye. */
static void view_along(const float d[3], const float centre[3], float reach, float m[16])
{
    float f[3] = {-d[0], -d[1], -d[2]};
    float up[3] = {0.0f, 1.0f, 0.0f};
    if (fabsf(d[1]) > 0.99f)
        up[0] = 1.0f, up[1] = 0.0f;
    float right[3] = {f[1] * up[2] - f[2] * up[1], f[2] * up[0] - f[0] * up[2],
                      f[0] * up[1] - f[1] * up[0]};
    float length = sqrtf(right[0] * right[0] + right[1] * right[1] + right[2] * right[2]);
    for (int i = 0; i < 3; ++i)
        right[i] /= length;
    float top[3] = {right[1] * f[2] - right[2] * f[1], right[2] * f[0] - right[0] * f[2],
                    right[0] * f[1] - right[1] * f[0]};
    const float *rows[3] = {right, top, f};
    memset(m, 0, 16 * sizeof(float));
    for (int row = 0; row < 3; ++row) {
        float offset = 0.0f;
        for (int col = 0; col < 3; ++col) {
            m[col * 4 + row] = rows[row][col] / reach;
            offset += rows[row][col] * centre[col];
        }
        m[12 + row] = -offset / reach;
    }
    m[15] = 1.0f;
}

/* The coarse copy's occlusion: each coarse vertex the mean of the vertices
 * that became it (the interactive frames' look stays the room's). */
static core_result coarse_occlusion(render_context *context, const render_model *model,
                                    const float *seen)
{
    uint32_t n = model->coarse.vertex_count;
    float *sum = calloc(n, sizeof *sum), *weight = calloc(n, sizeof *weight);
    core_result r = sum && weight ? CORE_OK
                                  : core_fail(CORE_ERR_NO_MEMORY,
                                              "out of memory for the occlusion of %u vertices", n);
    for (uint32_t v = 0; r == CORE_OK && v < model->coarse_remap_count; ++v) {
        uint32_t c = model->coarse_remap[v];
        if (c < n) {
            sum[c] += seen[v];
            weight[c] += 1.0f;
        }
    }
    for (uint32_t c = 0; r == CORE_OK && c < n; ++c)
        sum[c] = weight[c] > 0.0f ? sum[c] / weight[c] : 1.0f;
    if (r == CORE_OK)
        r = gfx_stream_create(sum, n, &context->occlusion_coarse);
    free(sum);
    free(weight);
    return r;
}

/* Per vertex: the cosine-weighted share of the directions over its normal
 * from which it is seen, each direction's depth map deciding. */
static core_result bake_occlusion(render_context *context, const render_model *model)
{
    double start = core_seconds();
    gfx_mesh mesh = model->mesh;
    uint32_t count = mesh.vertex_count, stride = mesh.floats_per_vertex;
    float *vertices = malloc((size_t)count * stride * sizeof(float));
    float *seen = calloc(count, sizeof(float)), *total = calloc(count, sizeof(float));
    float *depth = malloc((size_t)OCCLUSION_MAP * OCCLUSION_MAP * sizeof(float));
    gfx_depth_target map = {0};
    core_result r = vertices && seen && total && depth
                        ? CORE_OK
                        : core_fail(CORE_ERR_NO_MEMORY,
                                    "out of memory for the occlusion of %u vertices", count);
    if (r == CORE_OK)
        r = gfx_mesh_read_vertices(mesh, vertices);
    if (r == CORE_OK)
        r = gfx_depth_target_create(OCCLUSION_MAP, &map);
    const float *centre = model->bounds.center;
    float reach = fmaxf(model->bounds.radius, 1e-3f) * 1.02f;
    static const float identity[16] = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
    const float texel = 1.0f / OCCLUSION_MAP; /* in depth units: 2 reach / 2 reach */
    const float texel_mm = 2.0f * reach / OCCLUSION_MAP;
    double triangles = fmax((double)mesh.index_count / 3.0, 1.0);
    int directions = (int)lround(OCCLUSION_TRIANGLE_BUDGET / triangles);
    directions = directions < OCCLUSION_MIN_DIRECTIONS   ? OCCLUSION_MIN_DIRECTIONS
                 : directions > OCCLUSION_MAX_DIRECTIONS ? OCCLUSION_MAX_DIRECTIONS
                                                         : directions;
    for (int k = 0; k < directions && r == CORE_OK; ++k) {
        float y = 1.0f - 2.0f * ((float)k + 0.5f) / (float)directions;
        float ring = sqrtf(fmaxf(1.0f - y * y, 0.0f)), phi = 2.39996323f * (float)k;
        float d[3] = {ring * cosf(phi), y, ring * sinf(phi)};
        float m[16];
        view_along(d, centre, reach, m);
        gfx_depth_target_begin(&map);
        gfx_program_use(context->shadow);
        gfx_set_mat4(context->shadow, "u_model", identity);
        gfx_set_mat4(context->shadow, "u_light_view_projection", m);
        gfx_mesh_draw(mesh, 0, mesh.index_count);
        r = gfx_depth_target_read(&map, depth);
        for (uint32_t v = 0; v < count && r == CORE_OK; ++v) {
            const float *p = vertices + (size_t)v * stride, *n = p + 3;
            float facing = n[0] * d[0] + n[1] * d[1] + n[2] * d[2];
            if (facing <= 0.0f)
                continue;
            total[v] += facing;
            /* Off its own surface by a texel, and a slope-scaled bias, so a
             * vertex never hides behind the triangles it belongs to. */
            float q[3] = {p[0] + n[0] * texel_mm, p[1] + n[1] * texel_mm, p[2] + n[2] * texel_mm};
            float x = m[0] * q[0] + m[4] * q[1] + m[8] * q[2] + m[12];
            float yy = m[1] * q[0] + m[5] * q[1] + m[9] * q[2] + m[13];
            float z = m[2] * q[0] + m[6] * q[1] + m[10] * q[2] + m[14];
            int tx = (int)((x * 0.5f + 0.5f) * OCCLUSION_MAP);
            int ty = (int)((yy * 0.5f + 0.5f) * OCCLUSION_MAP);
            if (tx < 0 || ty < 0 || tx >= OCCLUSION_MAP || ty >= OCCLUSION_MAP) {
                seen[v] += facing;
                continue;
            }
            float slope = sqrtf(fmaxf(1.0f - facing * facing, 0.0f)) / fmaxf(facing, 0.2f);
            float bias = texel * (1.5f + 2.0f * slope);
            if (z * 0.5f + 0.5f <= depth[(size_t)ty * OCCLUSION_MAP + (size_t)tx] + bias)
                seen[v] += facing;
        }
    }
    gfx_depth_target_unload(&map);
    if (r == CORE_OK) {
        for (uint32_t v = 0; v < count; ++v)
            seen[v] = total[v] > 0.0f ? seen[v] / total[v] : 1.0f;
        gfx_stream_unload(&context->occlusion);
        r = gfx_stream_create(seen, count, &context->occlusion);
    }
    gfx_stream_unload(&context->occlusion_coarse);
    if (r == CORE_OK && model->coarse.vertex_count > 0 && model->coarse_remap_count == count)
        r = coarse_occlusion(context, model, seen);
    free(vertices);
    free(seen);
    free(total);
    free(depth);
    if (r == CORE_OK) {
        context->occlusion_generation = model->generation;
        context->occlusion_seconds = core_seconds() - start;
        core_log(CORE_LOG_DEBUG, "ambient occlusion of %u vertices from %d directions: %.0f ms",
                 count, directions, 1000.0 * context->occlusion_seconds);
    }
    return r;
}

core_result render_room_prepare(render_context *context, const render_model *model, scene_room room)
{
    if (room == SCENE_ROOM_DARK || room >= SCENE_ROOM_COUNT)
        return CORE_OK;
    core_result r = CORE_OK;
    if (!context->rooms[room].ready)
        r = build_room(context, room);
    if (r == CORE_OK && context->occlusion_generation != model->generation)
        r = bake_occlusion(context, model);
    return r;
}

void render_room_bind(const render_context *context, gfx_program lit,
                      const render_frame_desc *frame, const scene_shot *resolved)
{
    scene_room room = frame->room < SCENE_ROOM_COUNT ? frame->room : SCENE_ROOM_DARK;
    const render_room_light *light = &context->rooms[room];
    if (room == SCENE_ROOM_DARK || !light->ready)
        return; /* the dark room's program has no room */
    /* On its own unit: a cube sampler left on unit 0 beside the paint's 2D
     * texture would make every draw fail. */
    gfx_cubemap_bind(lit, "u_room_light", 2, light->light);
    gfx_texture_bind(lit, "u_room_env", 3, context->room_env);
    float scale = resolved->lamp.intensity;
    float scale3[3] = {scale, scale, scale};
    gfx_set_vec3(lit, "u_room_scale", scale3);
    gfx_set_float(lit, "u_room_levels", (float)(ROOM_LEVELS - 1));
    char name[32];
    for (int i = 0; i < 9; ++i) {
        float c[3] = {light->sh[i][0] * scale, light->sh[i][1] * scale, light->sh[i][2] * scale};
        snprintf(name, sizeof name, "u_room_sh[%d]", i);
        gfx_set_vec3(lit, name, c);
    }
}

void render_room_unload(render_context *context)
{
    for (int room = 0; room < SCENE_ROOM_COUNT; ++room)
        gfx_cubemap_unload(&context->rooms[room].light);
    memset(context->rooms, 0, sizeof context->rooms);
    gfx_texture_unload(&context->room_env);
    gfx_stream_unload(&context->occlusion);
    gfx_stream_unload(&context->occlusion_coarse);
    context->occlusion_generation = 0;
    gfx_program_unload(&context->prefilter);
    gfx_program_unload(&context->lit_room);
}
