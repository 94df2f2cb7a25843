#define _POSIX_C_SOURCE 200809L
#include "io/io_meshes.h"

#include "core/core_log.h"
#include "core/core_text.h"
#include "io/io_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Builds glint's model from what the assimp and lib3mf shims hand back:
 * every index checked, each mesh's used vertices copied into one array,
 * parts named uniquely, materials and their textures read. */

float io_meshes_srgb_to_linear(float value)
{
    if (!(value > 0.0f))
        return 0.0f;
    if (value >= 1.0f)
        return 1.0f;
    return value <= 0.04045f ? value / 12.92f : powf((value + 0.055f) / 1.055f, 2.4f);
}

static bool finite3(const float *v)
{
    return isfinite(v[0]) && isfinite(v[1]) && isfinite(v[2]);
}

/* The part's name: the mesh's, its material's, or "partN"; a name already
 * taken gets " 2", " 3"... so that `--part` can address each. */
static void name_part(io_model *model, const io_meshes *in, const io_meshes_mesh *mesh)
{
    io_part *part = &model->parts[model->part_count];
    const char *material = mesh->material < in->material_count ? in->materials[mesh->material].name
                                                               : "";
    char base[IO_NAME_MAX];
    if (mesh->name && mesh->name[0])
        core_utf8_copy(base, sizeof base, mesh->name);
    else if (material && material[0])
        core_utf8_copy(base, sizeof base, material);
    else
        snprintf(base, sizeof base, "part%u", model->part_count + 1);
    snprintf(part->name, IO_NAME_MAX, "%s", base);
    for (unsigned n = 2;; ++n) {
        bool taken = false;
        for (uint32_t p = 0; p < model->part_count && !taken; ++p)
            taken = strcmp(model->parts[p].name, part->name) == 0;
        if (!taken)
            return;
        char suffix[16];
        int length = snprintf(suffix, sizeof suffix, " %u", n);
        snprintf(part->name, IO_NAME_MAX, "%.*s%s", IO_NAME_MAX - 1 - length, base, suffix);
        core_utf8_sanitize(part->name); /* the cut may split a UTF-8 sequence */
    }
}

static core_result check_mesh(const io_meshes_mesh *mesh, const char *name)
{
    for (size_t i = 0; i < 3 * mesh->triangle_count; ++i) {
        if (mesh->indices[i] >= mesh->vertex_count)
            return core_fail(CORE_ERR_PARSE,
                             "%s: part '%s': triangle %zu: vertex index %u is out of range (the "
                             "part has %u vertices)",
                             name, mesh->name ? mesh->name : "", i / 3 + 1, mesh->indices[i],
                             mesh->vertex_count);
        if (!finite3(&mesh->positions[3 * (size_t)mesh->indices[i]]))
            return core_fail(CORE_ERR_PARSE,
                             "%s: part '%s': vertex %u has a coordinate that is not a finite "
                             "number",
                             name, mesh->name ? mesh->name : "", mesh->indices[i] + 1);
    }
    return CORE_OK;
}

/* Counts what the model will hold; refuses bad indices and empty files. */
static core_result measure(const io_meshes *in, const char *name, size_t *triangles,
                           size_t *vertices, bool *normals, bool *uvs, bool *colors)
{
    *triangles = *vertices = 0;
    *normals = *uvs = *colors = false;
    for (size_t m = 0; m < in->mesh_count; ++m) {
        const io_meshes_mesh *mesh = &in->meshes[m];
        core_result r = check_mesh(mesh, name);
        if (r != CORE_OK)
            return r;
        *triangles += mesh->triangle_count;
        /* At most the mesh's vertices, at most three per triangle. */
        size_t most = 3 * mesh->triangle_count;
        *vertices += mesh->vertex_count < most ? mesh->vertex_count : most;
        *normals |= mesh->normals != NULL;
        *uvs |= mesh->uvs != NULL;
        *colors |= mesh->colors != NULL;
    }
    if (*triangles == 0)
        return core_fail(CORE_ERR_PARSE, "%s: has no triangles%s", name,
                         in->skipped_faces ? " (only points or lines)" : "");
    if (*triangles > UINT32_MAX / 3 || *vertices > UINT32_MAX)
        return core_fail(CORE_ERR_TOO_LARGE, "%s: %zu triangles is more than glint can hold", name,
                         *triangles);
    return CORE_OK;
}

static void copy_vertex(io_model *model, const io_meshes_mesh *mesh, uint32_t from, uint32_t to)
{
    memcpy(&model->positions[3 * (size_t)to], &mesh->positions[3 * (size_t)from], 12);
    if (model->normals) {
        float *n = &model->normals[3 * (size_t)to];
        if (mesh->normals && finite3(&mesh->normals[3 * (size_t)from]))
            memcpy(n, &mesh->normals[3 * (size_t)from], 12);
        else
            n[0] = n[1] = n[2] = 0.0f; /* scene computes it */
    }
    if (model->uvs) {
        float *uv = &model->uvs[2 * (size_t)to];
        const float *src = mesh->uvs ? &mesh->uvs[2 * (size_t)from] : NULL;
        bool good = src && isfinite(src[0]) && isfinite(src[1]);
        uv[0] = good ? src[0] : 0.0f;
        uv[1] = good ? src[1] : 0.0f;
    }
    if (model->colors) {
        float *c = &model->colors[3 * (size_t)to];
        const float *src = mesh->colors ? &mesh->colors[3 * (size_t)from] : NULL;
        for (int k = 0; k < 3; ++k) {
            float v = src ? src[k] : 1.0f;
            c[k] = isfinite(v) ? (v < 0.0f ? 0.0f : v > 1.0f ? 1.0f : v) : 1.0f;
        }
    }
}

static bool uses_made_up_material(const io_meshes *in, const io_meshes_mesh *mesh)
{
    return mesh->material >= in->material_count || in->materials[mesh->material].is_default;
}

/* One part per mesh; only the vertices its triangles use are copied. */
static core_result add_part(io_model *model, const io_meshes *in, const io_meshes_mesh *mesh,
                            uint32_t *remap, uint32_t extra_material)
{
    for (uint32_t v = 0; v < mesh->vertex_count; ++v)
        remap[v] = UINT32_MAX;
    io_part *part = &model->parts[model->part_count];
    memset(part, 0, sizeof *part);
    name_part(model, in, mesh);
    part->first_index = model->index_count;
    part->material = mesh->material;
    part->vertex_colored = mesh->colors != NULL;
    if (mesh->material >= in->material_count || (part->vertex_colored && uses_made_up_material(in, mesh)))
        part->material = extra_material;
    for (size_t i = 0; i < 3 * mesh->triangle_count; ++i) {
        uint32_t v = mesh->indices[i];
        if (remap[v] == UINT32_MAX) {
            remap[v] = model->vertex_count++;
            copy_vertex(model, mesh, v, remap[v]);
        }
        model->indices[model->index_count++] = remap[v];
    }
    part->index_count = model->index_count - part->first_index;
    model->part_count++;
    return CORE_OK;
}

static void convert_material(const io_meshes_material *src, io_material *m, uint32_t number)
{
    if (src->name && src->name[0])
        core_utf8_copy(m->name, sizeof m->name, src->name);
    else
        snprintf(m->name, sizeof m->name, "material%u", number);
    for (int k = 0; k < 3; ++k) {
        float v = src->base_color[k];
        m->base_color[k] = isfinite(v) ? (v < 0.0f ? 0.0f : v > 1.0f ? 1.0f : v) : 0.6f;
    }
    float alpha = src->base_color[3];
    m->opacity = isfinite(alpha) && alpha >= 0.0f && alpha <= 1.0f ? alpha : 1.0f;
    if (src->has_pbr) {
        float metal = src->metallic, rough = src->roughness;
        m->pbr_metallic = isfinite(metal) ? (metal < 0 ? 0 : metal > 1 ? 1 : metal) : 0.0f;
        m->pbr_roughness = isfinite(rough) ? (rough < 0 ? 0 : rough > 1 ? 1 : rough) : 0.0f;
    }
    if (src->texture_size)
        snprintf(m->base_color_texture, sizeof m->base_color_texture, "(embedded image)");
    else if (src->texture_path && src->texture_path[0])
        core_utf8_copy(m->base_color_texture, sizeof m->base_color_texture, src->texture_path);
}

/* Materials as the file gives them; then, where a part needs it, one more:
 * white for vertex-coloured parts whose file material is a made-up default
 * (their colours are the paint), glint's grey where the file has none. */
static core_result convert_materials(const io_meshes *in, io_model *model, uint32_t *extra)
{
    bool coloured = false, uncoloured = in->material_count == 0;
    for (size_t m = 0; m < in->mesh_count; ++m) {
        if (uses_made_up_material(in, &in->meshes[m]) && in->meshes[m].triangle_count) {
            coloured |= in->meshes[m].colors != NULL;
            uncoloured |= in->meshes[m].colors == NULL && in->meshes[m].material >= in->material_count;
        }
    }
    uint32_t count = (uint32_t)in->material_count;
    model->materials = calloc((size_t)count + 1, sizeof *model->materials);
    if (!model->materials)
        return CORE_ERR_NO_MEMORY;
    model->material_count = count + (coloured || uncoloured);
    for (uint32_t i = 0; i < count; ++i) {
        convert_material(&in->materials[i], &model->materials[i], i + 1);
        if (in->materials[i].is_default) {
            snprintf(model->materials[i].name, IO_NAME_MAX, "default");
            model->materials[i].base_color[0] = model->materials[i].base_color[1] =
                model->materials[i].base_color[2] = 0.6f;
        }
    }
    io_material *added = &model->materials[count];
    snprintf(added->name, sizeof added->name, coloured ? "vertex colours" : "default");
    float grey = coloured ? 1.0f : 0.6f;
    added->base_color[0] = added->base_color[1] = added->base_color[2] = grey;
    added->opacity = 1.0f;
    *extra = count;
    return CORE_OK;
}

static void load_textures(const io_meshes *in, const char *name, const char *folder,
                          const io_load_desc *desc, io_model *model)
{
    for (uint32_t i = 0; i < in->material_count; ++i) {
        const io_meshes_material *src = &in->materials[i];
        io_material *m = &model->materials[i];
        if (!m->base_color_texture[0])
            continue;
        if (src->texture_size) {
            m->texture_state = io_texture_decode((const char *)src->texture_bytes, src->texture_size,
                                              m->base_color_texture, desc, m, model, name);
        } else {
            char *bytes;
            size_t size;
            m->texture_state = IO_TEXTURE_MISSING;
            if (io_read_related(desc, folder, m->base_color_texture, &bytes, &size) == CORE_OK) {
                m->texture_state = io_texture_decode(bytes, size, m->base_color_texture, desc, m,
                                                  model, name);
                free(bytes);
            }
        }
        if (m->texture_state == IO_TEXTURE_MISSING)
            io_model_warn(model, "%s: material '%s': texture %s: %s; using the base colour", name,
                          m->name, m->base_color_texture, core_last_error());
    }
}

static void pass_on_warnings(const char *warnings, const char *name, io_model *model)
{
    while (warnings && *warnings) {
        const char *end = strchr(warnings, '\n');
        size_t length = end ? (size_t)(end - warnings) : strlen(warnings);
        if (length)
            io_model_warn(model, "%s: %.*s", name, (int)(length < 200 ? length : 200), warnings);
        warnings += length + (end != NULL);
    }
}

core_result io_meshes_build(const io_meshes *in, const char *name, const char *folder,
                            const io_load_desc *desc, io_model *model)
{
    size_t triangles, vertices;
    bool normals, uvs, colors;
    core_result r = measure(in, name, &triangles, &vertices, &normals, &uvs, &colors);
    if (r != CORE_OK)
        return r;
    uint32_t most_vertices = 0;
    for (size_t m = 0; m < in->mesh_count; ++m) {
        if (in->meshes[m].vertex_count > most_vertices)
            most_vertices = in->meshes[m].vertex_count;
    }
    uint32_t *remap = malloc((size_t)most_vertices * sizeof *remap + 1);
    model->positions = malloc(vertices * 3 * sizeof(float) + 1);
    model->normals = normals ? malloc(vertices * 3 * sizeof(float) + 1) : NULL;
    model->uvs = uvs ? malloc(vertices * 2 * sizeof(float) + 1) : NULL;
    model->colors = colors ? malloc(vertices * 3 * sizeof(float) + 1) : NULL;
    model->indices = malloc(triangles * 3 * sizeof(uint32_t));
    model->parts = calloc(in->mesh_count, sizeof *model->parts);
    uint32_t colour_material = 0;
    bool ok = remap && model->positions && (!normals || model->normals) && (!uvs || model->uvs) &&
              (!colors || model->colors) && model->indices && model->parts &&
              convert_materials(in, model, &colour_material) == CORE_OK;
    for (size_t m = 0; m < in->mesh_count && ok; ++m) {
        if (in->meshes[m].triangle_count)
            add_part(model, in, &in->meshes[m], remap, colour_material);
    }
    free(remap);
    if (!ok)
        return core_fail(CORE_ERR_NO_MEMORY, "%s: out of memory for %zu triangles", name,
                         triangles);
    model->skipped_faces = in->skipped_faces;
    pass_on_warnings(in->warnings, name, model);
    if (in->skipped_faces)
        io_model_warn(model, "%s: skipped %zu points and lines (glint shows triangles)", name,
                      in->skipped_faces);
    load_textures(in, name, folder, desc, model);
    return CORE_OK;
}
