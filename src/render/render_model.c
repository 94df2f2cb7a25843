#include "render/render.h"

#include "scene/scene_paint.h"

#include <stdlib.h>
#include <string.h>

/* The model on the GPU: its mesh, textures and coarse copy uploaded, shared
 * with a second context, and unloaded (render.c draws it). */

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
        if (material->texture_shared) { /* the same file: uploaded once */
            model->textures[m] = model->textures[material->texture_source];
            continue;
        }
        core_result r = gfx_texture_create(material->texture.width, material->texture.height,
                                           material->texture.pixels, &model->textures[m]);
        if (r != CORE_OK)
            return r;
    }
    return CORE_OK;
}

static const gfx_vertex_attribute vertex_attributes[] = {
    {0, 3, 0}, {1, 3, 3}, {2, 2, 6}, {3, 3, SCENE_VERTEX_COLOR}};

/* A scene mesh as the GPU takes it: locations as shaders/lit.vert declares
 * them (shadow.vert reads only 0). */
static gfx_mesh_desc mesh_desc(const scene_mesh *mesh)
{
    _Static_assert(SCENE_VERTEX_COLOR + 3 == SCENE_VERTEX_FLOATS, "the colour ends a vertex");
    return (gfx_mesh_desc){
        .vertices = mesh->vertices,
        .vertex_count = mesh->vertex_count,
        .floats_per_vertex = SCENE_VERTEX_FLOATS,
        .attributes = vertex_attributes,
        .attribute_count = sizeof vertex_attributes / sizeof *vertex_attributes,
        .indices = mesh->indices,
        .index_count = mesh->index_count,
    };
}

core_result render_model_upload(const scene_mesh *mesh, const io_model *source, render_model *model)
{
    static uint32_t uploads;
    memset(model, 0, sizeof *model);
    model->generation = ++uploads ? uploads : ++uploads; /* never 0: "nothing drawn" */
    gfx_mesh_desc desc = mesh_desc(mesh);
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

static void unload_coarse(render_model *model)
{
    gfx_mesh_unload(&model->coarse);
    free(model->coarse_ranges);
    free(model->coarse_remap);
    model->coarse_ranges = model->coarse_remap = NULL;
    model->coarse_remap_count = 0;
}

core_result render_model_upload_coarse(render_model *model, const scene_mesh *coarse,
                                       const uint32_t *remap, uint32_t remap_count)
{
    unload_coarse(model);
    if (coarse->part_count != model->part_count)
        return core_fail(CORE_ERR_ARGUMENT, "a coarse mesh of %u parts for a model of %u",
                         coarse->part_count, model->part_count);
    model->coarse_ranges =
        malloc((coarse->part_count ? coarse->part_count : 1u) * 2u * sizeof *model->coarse_ranges);
    model->coarse_remap = malloc((remap_count ? remap_count : 1u) * sizeof *model->coarse_remap);
    if (!model->coarse_ranges || !model->coarse_remap) {
        unload_coarse(model);
        return core_fail(CORE_ERR_NO_MEMORY, "out of memory for a coarse mesh");
    }
    for (uint32_t p = 0; p < coarse->part_count; ++p) {
        model->coarse_ranges[2 * p] = coarse->parts[p].first_index;
        model->coarse_ranges[2 * p + 1] = coarse->parts[p].index_count;
    }
    if (remap_count)
        memcpy(model->coarse_remap, remap, remap_count * sizeof *remap);
    model->coarse_remap_count = remap_count;
    gfx_mesh_desc desc = mesh_desc(coarse);
    core_result r = gfx_mesh_create(&desc, &model->coarse);
    if (r != CORE_OK)
        unload_coarse(model);
    return r;
}

core_result render_model_share(const render_model *source, render_model *shared)
{
    *shared = *source;
    memset(&shared->mesh, 0, sizeof shared->mesh);
    memset(&shared->coarse, 0, sizeof shared->coarse);
    const uint32_t count = sizeof vertex_attributes / sizeof *vertex_attributes;
    core_result r = gfx_mesh_share(&source->mesh, vertex_attributes, count, &shared->mesh);
    if (r == CORE_OK && source->coarse.index_count > 0)
        r = gfx_mesh_share(&source->coarse, vertex_attributes, count, &shared->coarse);
    if (r != CORE_OK)
        render_model_unshare(shared);
    return r;
}

void render_model_unshare(render_model *shared)
{
    gfx_mesh_unshare(&shared->mesh);
    gfx_mesh_unshare(&shared->coarse);
    memset(shared, 0, sizeof *shared);
}

void render_model_set_part_paint(render_model *model, uint32_t part, const scene_paint *paint)
{
    if (part < model->part_count)
        scene_part_set_paint(&model->parts[part], paint);
}

void render_model_unload(render_model *model)
{
    /* Materials sharing a file share its texture: from the last, so the
     * first holder, which deletes it, still has its id when a copy asks. */
    for (uint32_t t = model->texture_count; t-- > 0;) {
        bool copy = false;
        for (uint32_t u = 0; u < t && !copy; ++u)
            copy = model->textures[u].id == model->textures[t].id;
        if (!copy)
            gfx_texture_unload(&model->textures[t]);
    }
    free(model->textures);
    unload_coarse(model);
    gfx_mesh_unload(&model->mesh);
    free(model->parts);
    memset(model, 0, sizeof *model);
}
