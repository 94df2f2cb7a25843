#include "render/render.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A mid-dark neutral grey, like a photo backdrop: light enough that a dark
 * silhouette still reads against it. Linear value; about 45/255 in sRGB. */
static const float default_background = 0.026f;

core_result render_context_create(render_context *context)
{
    memset(context, 0, sizeof *context);
    return gfx_program_load("lit.vert", "lit.frag", &context->lit);
}

void render_context_unload(render_context *context)
{
    gfx_program_unload(&context->lit);
}

static core_result upload_textures(const io_model *source, render_model *model)
{
    model->textures = calloc(source->material_count + 1u, sizeof *model->textures);
    if (!model->textures)
        return core_fail(CORE_ERR_NO_MEMORY, "out of memory for textures");
    model->texture_count = source->material_count;
    for (uint32_t m = 0; m < source->material_count; ++m) {
        const io_material *material = &source->materials[m];
        if (material->texture_state != IO_TEXTURE_LOADED)
            continue;
        core_result r = gfx_texture_create(material->texture.width, material->texture.height,
                                           material->texture.pixels, &model->textures[m]);
        if (r != CORE_OK)
            return r;
    }
    return CORE_OK;
}

core_result render_model_upload(const scene_mesh *mesh, const io_model *source,
                                render_model *model)
{
    memset(model, 0, sizeof *model);
    static const gfx_vertex_attribute attributes[] = {{0, 3, 0}, {1, 3, 3}, {2, 2, 6}};
    gfx_mesh_desc desc = {
        .vertices = mesh->vertices,
        .vertex_count = mesh->vertex_count,
        .floats_per_vertex = SCENE_VERTEX_FLOATS,
        .attributes = attributes,
        .attribute_count = 3,
        .indices = mesh->indices,
        .index_count = mesh->index_count,
    };
    model->parts = malloc((mesh->part_count ? mesh->part_count : 1) * sizeof(scene_part));
    if (!model->parts)
        return core_fail(CORE_ERR_NO_MEMORY, "out of memory for %u parts", mesh->part_count);
    memcpy(model->parts, mesh->parts, mesh->part_count * sizeof(scene_part));
    model->part_count = mesh->part_count;
    model->bounds = mesh->bounds;
    core_result r = gfx_mesh_create(&desc, &model->mesh);
    if (r == CORE_OK && source)
        r = upload_textures(source, model);
    if (r != CORE_OK)
        render_model_unload(model);
    return r;
}

void render_model_unload(render_model *model)
{
    for (uint32_t t = 0; t < model->texture_count; ++t)
        gfx_texture_unload(&model->textures[t]);
    free(model->textures);
    gfx_mesh_unload(&model->mesh);
    free(model->parts);
    memset(model, 0, sizeof *model);
}

static void background_linear(const render_frame_desc *frame, float rgb[3])
{
    bool unset = frame->background[0] == 0.0f && frame->background[1] == 0.0f &&
                 frame->background[2] == 0.0f;
    for (int c = 0; c < 3; ++c)
        rgb[c] = unset ? default_background : frame->background[c];
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

void render_frame(const render_context *context, const render_model *model,
                  const render_frame_desc *frame, const gfx_target *target)
{
    /* The target stores display values, so clear to the encoded backdrop. */
    float background[3], clear[3];
    background_linear(frame, background);
    for (int c = 0; c < 3; ++c)
        clear[c] = linear_to_srgb(background[c]);
    gfx_target_begin(target, clear);

    scene_view view;
    scene_shot_view(&frame->shot, &model->bounds, (float)target->width / (float)target->height,
                    &view);
    gfx_program lit = context->lit;
    gfx_program_use(lit);
    gfx_set_mat4(lit, "u_model", view.model);
    gfx_set_mat4(lit, "u_view", view.view);
    gfx_set_mat4(lit, "u_projection", view.projection);
    gfx_set_vec3(lit, "u_eye", view.eye);
    gfx_set_vec3(lit, "u_lamp_position", view.lamp_position);
    gfx_set_float(lit, "u_lamp_intensity", view.lamp_intensity);
    gfx_set_float(lit, "u_ambient", view.ambient);
    for (uint32_t p = 0; p < model->part_count; ++p) {
        const scene_part *part = &model->parts[p];
        gfx_set_vec3(lit, "u_base_color", part->base_color);
        gfx_texture texture = {0};
        if (part->material < model->texture_count)
            texture = model->textures[part->material];
        gfx_texture_bind(lit, "u_base_color_texture", 0, texture);
        gfx_set_float(lit, "u_has_texture", texture.id ? 1.0f : 0.0f);
        gfx_set_float(lit, "u_specular", part->specular);
        gfx_set_float(lit, "u_shininess", part->shininess);
        gfx_mesh_draw(model->mesh, part->first_index, part->index_count);
    }
    gfx_target_resolve(target);
}

core_result render_offscreen(const render_context *context, const render_model *model,
                             const render_frame_desc *frame, int width, int height, int samples,
                             uint8_t *pixels)
{
    gfx_target target;
    core_result r = gfx_target_create(width, height, samples, &target);
    if (r != CORE_OK)
        return r;
    render_frame(context, model, frame, &target);
    r = gfx_target_read_rgba8(&target, pixels);
    gfx_target_unload(&target);
    return r;
}
