#define _POSIX_C_SOURCE 200809L
#include "core/core_file.h"
#include "core/core_log.h"
#include "core/core_text.h"
#include "io/io_internal.h"
#include "io/io_meshes.h"
#include "io/io_obj_corners.h"
#include "io/io_tinyobj.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* OBJ through tinyobjloader: parts from o/g/usemtl runs, corners welded into
 * vertices, materials and their textures from the MTL libraries. */

typedef struct obj_context {
    const char *folder;
    const char *model_name;
    const io_load_desc *desc;
    io_model *model;
} obj_context;

static int read_material_library(void *user, const char *name, char **text, size_t *size)
{
    obj_context *context = user;
    if (io_read_related(context->desc, context->folder, name, text, size) != CORE_OK) {
        io_model_warn(context->model, "%s: material library %s: %s; using default colours",
                      context->model_name, name, core_last_error());
        return 0;
    }
    return 1;
}

/* map_Kd names a file relative to the MTL, which may itself sit in a
 * subfolder of the OBJ's ("mtllib mat/skin.mtl"). Exporters on Windows
 * write backslashes. The result is relative to the OBJ's folder. */
static void texture_path(const char *library, const char *texture, char *out, size_t out_size)
{
    char library_folder[IO_PATH_MAX] = "";
    const char *slash = strrchr(library, '/');
    if (slash && texture[0] != '/')
        snprintf(library_folder, sizeof library_folder, "%.*s/", (int)(slash - library), library);
    snprintf(out, out_size, "%s%s", library_folder, texture);
    for (char *c = out; *c; ++c) {
        if (*c == '\\')
            *c = '/';
    }
}

/* Names where a bad index is: the part (when it has a name) and the triangle.
 * Relative (negative) indices arrive already resolved, so one that reaches
 * before the first element is described rather than quoted. */
static core_result bad_index(const char *name, const char *shape, size_t triangle, const char *what,
                             const char *plural, int index, size_t count)
{
    char where[IO_NAME_MAX + 32];
    if (shape[0])
        snprintf(where, sizeof where, "part '%s', triangle %zu", shape, triangle + 1);
    else
        snprintf(where, sizeof where, "triangle %zu", triangle + 1);
    if (index < 0)
        return core_fail(CORE_ERR_PARSE,
                         "%s: %s: a relative %s index reaches before the first of the %zu %s", name,
                         where, what, count, plural);
    return core_fail(CORE_ERR_PARSE, "%s: %s: %s index %d is out of range (the file has %zu)", name,
                     where, what, index + 1, count);
}

static core_result check_corner(const io_tinyobj_data *data, const int *corner, const char *name,
                                const char *shape, size_t triangle)
{
    if (corner[0] < 0 || (size_t)corner[0] >= data->position_count)
        return bad_index(name, shape, triangle, "vertex", "vertices", corner[0],
                         data->position_count);
    if (corner[1] >= 0 && (size_t)corner[1] >= data->normal_count)
        return bad_index(name, shape, triangle, "normal", "normals", corner[1], data->normal_count);
    if (corner[2] >= 0 && (size_t)corner[2] >= data->texcoord_count)
        return bad_index(name, shape, triangle, "texcoord", "texcoords", corner[2],
                         data->texcoord_count);
    return CORE_OK;
}

static void copy_name(char *out, const char *name)
{
    core_utf8_copy(out, IO_NAME_MAX, name); /* display text from an untrusted file */
}

static core_result convert_materials(const io_tinyobj_data *data, io_model *model)
{
    if (data->material_count == 0)
        return io_model_default_material(model);
    uint32_t count = (uint32_t)data->material_count;
    model->materials = calloc(count, sizeof *model->materials);
    if (!model->materials)
        return CORE_ERR_NO_MEMORY;
    model->material_count = count;
    for (uint32_t i = 0; i < count; ++i) {
        const io_tinyobj_material *src = &data->materials[i];
        io_material *m = &model->materials[i];
        copy_name(m->name, src->name);
        memcpy(m->base_color, src->diffuse, sizeof m->base_color);
        memcpy(m->specular, src->specular, sizeof m->specular);
        m->shininess = src->shininess;
        m->opacity = src->dissolve;
        m->pbr_roughness = src->roughness;
        m->pbr_metallic = src->metallic;
        if (src->diffuse_texture[0])
            texture_path(src->library, src->diffuse_texture, m->base_color_texture,
                         sizeof m->base_color_texture);
    }
    return CORE_OK;
}

/* A part per (shape, material) run: `usemtl` inside an `o`/`g` splits it. */
static void name_part(io_part *part, const io_tinyobj_data *data, size_t shape, int material,
                      bool shape_has_several_materials, uint32_t part_number)
{
    const char *shape_name = data->shapes[shape].name;
    const char *material_name = material >= 0 && (size_t)material < data->material_count
                                    ? data->materials[material].name
                                    : "";
    if (shape_name[0] && shape_has_several_materials && material_name[0]) {
        char joined[2 * IO_NAME_MAX + 2];
        snprintf(joined, sizeof joined, "%s.%s", shape_name, material_name);
        copy_name(part->name, joined);
    } else if (shape_name[0])
        copy_name(part->name, shape_name);
    else if (material_name[0])
        copy_name(part->name, material_name);
    else
        snprintf(part->name, IO_NAME_MAX, "part%u", part_number);
}

typedef struct builder {
    const io_tinyobj_data *data;
    const char *name;
    io_model *model;
    io_corner_table table;
    size_t vertex_capacity;
    size_t part_capacity;
} builder;

/* Grows *array (count elements of `size` bytes in use) to hold `needed`. */
static bool grow_array(void **array, size_t *capacity, size_t needed, size_t size)
{
    if (needed <= *capacity)
        return true;
    size_t bigger = *capacity ? *capacity + *capacity / 2 : 64;
    if (bigger < needed)
        bigger = needed;
    void *grown = realloc(*array, bigger * size);
    if (!grown)
        return false;
    *array = grown;
    *capacity = bigger;
    return true;
}

static bool reserve_vertex(builder *b)
{
    io_model *model = b->model;
    size_t needed = (size_t)model->vertex_count + 1;
    if (needed <= b->vertex_capacity)
        return true;
    size_t capacity = b->vertex_capacity;
    bool ok = grow_array((void **)&model->positions, &capacity, needed, 3 * sizeof(float));
    if (ok && model->normals) {
        capacity = b->vertex_capacity;
        ok = grow_array((void **)&model->normals, &capacity, needed, 3 * sizeof(float));
    }
    if (ok && model->uvs) {
        capacity = b->vertex_capacity;
        ok = grow_array((void **)&model->uvs, &capacity, needed, 2 * sizeof(float));
    }
    if (ok && model->colors) {
        capacity = b->vertex_capacity;
        ok = grow_array((void **)&model->colors, &capacity, needed, 3 * sizeof(float));
    }
    if (ok)
        b->vertex_capacity = capacity;
    return ok;
}

static uint32_t add_vertex(builder *b, const int *corner)
{
    io_model *model = b->model;
    uint32_t v = model->vertex_count++;
    memcpy(&model->positions[3 * v], &b->data->positions[3 * corner[0]], 3 * sizeof(float));
    if (model->normals) {
        if (corner[1] >= 0)
            memcpy(&model->normals[3 * v], &b->data->normals[3 * corner[1]], 3 * sizeof(float));
        else
            memset(&model->normals[3 * v], 0, 3 * sizeof(float)); /* scene recomputes */
    }
    if (model->colors) {
        const float *c = &b->data->colors[3 * corner[0]];
        for (int k = 0; k < 3; ++k)
            model->colors[3 * v + k] = io_meshes_srgb_to_linear(c[k]);
    }
    if (model->uvs) {
        if (corner[2] >= 0)
            memcpy(&model->uvs[2 * v], &b->data->texcoords[2 * corner[2]], 2 * sizeof(float));
        else
            memset(&model->uvs[2 * v], 0, 2 * sizeof(float));
    }
    return v;
}

static core_result add_shape_material_run(builder *b, size_t shape, int material,
                                          bool several_materials)
{
    const io_tinyobj_shape *s = &b->data->shapes[shape];
    io_model *model = b->model;
    if (!grow_array((void **)&model->parts, &b->part_capacity, model->part_count + 1u,
                    sizeof *model->parts))
        return CORE_ERR_NO_MEMORY;
    io_part *part = &model->parts[model->part_count];
    memset(part, 0, sizeof *part);
    part->first_index = model->index_count;
    part->material =
        material >= 0 && (size_t)material < b->data->material_count ? (uint32_t)material : 0u;
    name_part(part, b->data, shape, material, several_materials, model->part_count + 1);
    for (size_t t = 0; t < s->triangle_count; ++t) {
        if (s->material_ids[t] != material)
            continue;
        for (int k = 0; k < 3; ++k) {
            const int *corner = &s->corners[9 * t + 3 * k];
            core_result r = check_corner(b->data, corner, b->name, s->name, t);
            if (r != CORE_OK)
                return r;
            bool found;
            size_t slot = io_corner_table_slot(&b->table, corner, &found);
            if (!found) {
                if (2 * (b->table.count + 1) > b->table.capacity) {
                    if (!io_corner_table_grow(&b->table))
                        return CORE_ERR_NO_MEMORY;
                    slot = io_corner_table_slot(&b->table, corner, &found);
                }
                if (!reserve_vertex(b))
                    return CORE_ERR_NO_MEMORY;
                memcpy(&b->table.keys[3 * slot], corner, 3 * sizeof(int));
                b->table.values[slot] = add_vertex(b, corner);
                b->table.count++;
            }
            model->indices[model->index_count++] = b->table.values[slot];
        }
    }
    part->index_count = model->index_count - part->first_index;
    part->vertex_colored = model->colors != NULL;
    if (part->index_count > 0)
        model->part_count++;
    return CORE_OK;
}

static core_result build_shape(builder *b, size_t shape)
{
    const io_tinyobj_shape *s = &b->data->shapes[shape];
    /* Materials in first-use order, so parts follow the file. */
    int seen[64];
    size_t seen_count = 0;
    bool overflow = false;
    for (size_t t = 0; t < s->triangle_count; ++t) {
        int id = s->material_ids[t];
        bool known = false;
        for (size_t i = 0; i < seen_count && !known; ++i)
            known = seen[i] == id;
        if (!known) {
            if (seen_count == 64) {
                overflow = true;
                break;
            }
            seen[seen_count++] = id;
        }
    }
    if (overflow)
        return core_fail(CORE_ERR_UNSUPPORTED, "%s: part '%s' uses more than 64 materials", b->name,
                         s->name);
    for (size_t i = 0; i < seen_count; ++i) {
        core_result r = add_shape_material_run(b, shape, seen[i], seen_count > 1);
        if (r != CORE_OK)
            return r;
    }
    return CORE_OK;
}

/* Gives back what growth over-allocated; a failed shrink keeps the block. */
static void trim_arrays(io_model *model)
{
    size_t v = model->vertex_count ? model->vertex_count : 1;
    float *positions = realloc(model->positions, v * 3 * sizeof(float));
    if (positions)
        model->positions = positions;
    if (model->normals) {
        float *normals = realloc(model->normals, v * 3 * sizeof(float));
        if (normals)
            model->normals = normals;
    }
    if (model->uvs) {
        float *uvs = realloc(model->uvs, v * 2 * sizeof(float));
        if (uvs)
            model->uvs = uvs;
    }
    if (model->colors) {
        float *colors = realloc(model->colors, v * 3 * sizeof(float));
        if (colors)
            model->colors = colors;
    }
}

/* Positions must be finite (checked before building); normals and texture
 * coordinates that are not are cleared instead, since the shape is still
 * good: a zero normal is recomputed by scene, a zero uv samples a corner. */
static void clear_non_finite(float *values, size_t count, size_t per_vertex, const char *what,
                             const char *name, io_model *model)
{
    if (!values)
        return;
    size_t cleared = 0;
    for (size_t v = 0; v < count; ++v) {
        bool finite = true;
        for (size_t k = 0; k < per_vertex; ++k)
            finite &= isfinite(values[v * per_vertex + k]) != 0;
        if (!finite) {
            memset(&values[v * per_vertex], 0, per_vertex * sizeof(float));
            ++cleared;
        }
    }
    if (cleared)
        io_model_warn(model, "%s: %zu %s were not finite numbers and were cleared", name, cleared,
                      what);
}

static core_result check_finite(const io_tinyobj_data *data, const char *name)
{
    for (size_t i = 0; i < data->position_count * 3; ++i) {
        if (!isfinite(data->positions[i]))
            return core_fail(CORE_ERR_PARSE,
                             "%s: vertex %zu has a coordinate that is not a "
                             "finite number",
                             name, i / 3 + 1);
    }
    return CORE_OK;
}

static core_result build_model(const io_tinyobj_data *data, const char *name, io_model *model)
{
    size_t triangles = 0;
    bool any_normals = false, any_uvs = false;
    for (size_t s = 0; s < data->shape_count; ++s) {
        triangles += data->shapes[s].triangle_count;
        for (size_t c = 0; c < data->shapes[s].triangle_count * 3; ++c) {
            any_normals |= data->shapes[s].corners[3 * c + 1] >= 0;
            any_uvs |= data->shapes[s].corners[3 * c + 2] >= 0;
        }
    }
    if (triangles == 0)
        return core_fail(CORE_ERR_PARSE,
                         "%s: no faces: not an OBJ or STL model, or one of points and lines "
                         "only",
                         name);
    if (triangles > UINT32_MAX / 3)
        return core_fail(CORE_ERR_TOO_LARGE, "%s: %zu triangles is more than glint can hold", name,
                         triangles);
    core_result r = check_finite(data, name);
    if (r != CORE_OK)
        return r;

    size_t corners = triangles * 3;
    /* Most files have about one vertex per position; the arrays grow if not. */
    size_t expected = data->position_count < corners ? data->position_count : corners;
    builder b = {data, name, model, {0}, expected, 0};
    model->positions = malloc(expected * 3 * sizeof(float) + 1);
    model->normals = any_normals ? malloc(expected * 3 * sizeof(float) + 1) : NULL;
    model->uvs = any_uvs ? malloc(expected * 2 * sizeof(float) + 1) : NULL;
    model->colors = data->colors ? malloc(expected * 3 * sizeof(float) + 1) : NULL;
    model->indices = malloc(corners * sizeof(uint32_t));
    bool allocated = model->positions && model->indices && (!any_normals || model->normals) &&
                     (!any_uvs || model->uvs) && (!data->colors || model->colors) &&
                     io_corner_table_init(&b.table, expected);
    if (!allocated) {
        io_corner_table_free(&b.table);
        return core_fail(CORE_ERR_NO_MEMORY, "%s: out of memory for %zu triangles", name,
                         triangles);
    }
    r = convert_materials(data, model);
    if (r == CORE_ERR_NO_MEMORY)
        core_fail(r, "%s: out of memory", name);
    for (size_t s = 0; s < data->shape_count && r == CORE_OK; ++s)
        r = build_shape(&b, s);
    io_corner_table_free(&b.table);
    if (r == CORE_OK) {
        trim_arrays(model);
        clear_non_finite(model->normals, model->vertex_count, 3, "normals", name, model);
        clear_non_finite(model->uvs, model->vertex_count, 2, "texture coordinates", name, model);
    }
    if (r == CORE_ERR_NO_MEMORY)
        return core_fail(r, "%s: out of memory", name);
    model->skipped_faces = data->skipped_faces;
    return r;
}

/* tinyobjloader's warnings are one per line; the ones about material
 * libraries repeat what read_material_library already said. */
static void pass_on_warnings(const char *warnings, const char *name, io_model *model)
{
    while (*warnings) {
        const char *end = strchr(warnings, '\n');
        size_t length = end ? (size_t)(end - warnings) : strlen(warnings);
        bool has_words = false; /* tinyobjloader splits some messages, leaving a lone "." */
        for (size_t k = 0; k < length && !has_words; ++k)
            has_words = isalnum((unsigned char)warnings[k]) != 0;
        if (has_words && !strstr(warnings, "material library") &&
            !(strstr(warnings, "Failed to load material file") && strstr(warnings, "mtl")))
            io_model_warn(model, "%s: %.*s", name, (int)(length < 200 ? length : 200), warnings);
        warnings += length + (end != NULL);
    }
}

/* An earlier material that already read the same file, or NULL. */
static const io_material *same_texture(const io_model *model, uint32_t before, const char *path)
{
    for (uint32_t j = 0; j < before; ++j) {
        const io_material *m = &model->materials[j];
        if ((m->texture_state == IO_TEXTURE_LOADED || m->texture_state == IO_TEXTURE_SKIPPED) &&
            strcmp(m->base_color_texture, path) == 0)
            return m;
    }
    return NULL;
}

/* Reads, checks or decodes one material's texture; a texture over
 * IO_TEXTURE_MAX_SIDE is downscaled. */
static io_texture_state load_texture(const obj_context *context, io_material *m)
{
    char *bytes;
    size_t size;
    if (io_read_related(context->desc, context->folder, m->base_color_texture, &bytes, &size) !=
        CORE_OK)
        return IO_TEXTURE_MISSING;
    io_texture_state state = io_texture_decode(bytes, size, m->base_color_texture, context->desc,
                                               m, context->model, context->model_name);
    free(bytes);
    return state;
}

static void load_textures(const obj_context *context)
{
    io_model *model = context->model;
    for (uint32_t i = 0; i < model->material_count; ++i) {
        io_material *m = &model->materials[i];
        if (!m->base_color_texture[0])
            continue;
        /* One file used by several materials is read and decoded once. */
        const io_material *earlier = same_texture(model, i, m->base_color_texture);
        if (earlier) {
            m->texture_state = earlier->texture_state;
            m->texture = earlier->texture;
            m->texture_shared = true;
            m->texture_source = earlier->texture_shared ? earlier->texture_source
                                                        : (uint32_t)(earlier - model->materials);
            continue;
        }
        m->texture_state = load_texture(context, m);
        if (m->texture_state != IO_TEXTURE_MISSING)
            continue;
        /* The path it was looked for at is said only where it differs from
         * the name the MTL gives (a model in another folder). */
        const char *why = core_last_error();
        size_t length = strlen(m->base_color_texture);
        if (strncmp(why, m->base_color_texture, length) == 0 && strncmp(why + length, ": ", 2) == 0)
            why += length + 2;
        io_model_warn(model, "%s: material '%s': texture %s: %s; using the base colour",
                      context->model_name, m->name, m->base_color_texture, why);
    }
}

/* After tinyobjloader, whether it read from memory or from the file. */
static core_result build_from(io_tinyobj_data *data, obj_context *context)
{
    core_result r = build_model(data, context->model_name, context->model);
    if (r == CORE_OK)
        pass_on_warnings(data->warnings, context->model_name, context->model);
    io_tinyobj_free(data);
    if (r != CORE_OK)
        return r;
    if (context->model->skipped_faces)
        io_model_warn(context->model, "%s: skipped %zu faces with fewer than 3 vertices",
                      context->model_name, context->model->skipped_faces);
    load_textures(context);
    return CORE_OK;
}

/* tinyobjloader's messages and ours name the line where they know it. */
static core_result parse_failed(const io_tinyobj_error *error, const char *name)
{
    if (error->line)
        return core_fail(CORE_ERR_PARSE, "%s:%zu: %s", name, error->line, error->message);
    return core_fail(CORE_ERR_PARSE, "%s: %s", name, error->message);
}

core_result io_obj_parse(const char *bytes, size_t size, const char *name, const char *folder,
                         const io_load_desc *desc, io_model *model)
{
    obj_context context = {folder, name, desc, model};
    io_tinyobj_data data;
    io_tinyobj_error error;
    if (!io_tinyobj_parse(bytes, size, read_material_library, &context, &data, &error))
        return parse_failed(&error, name);
    return build_from(&data, &context);
}

core_result io_obj_parse_file(const char *path, const char *folder, const io_load_desc *desc,
                              io_model *model)
{
    obj_context context = {folder, path, desc, model};
    io_tinyobj_data data;
    io_tinyobj_error error;
    int fd;
    size_t file_size;
    /* The same checks as the first read: never a FIFO swapped in since. */
    core_result r = core_file_open_read(path, desc->max_file_bytes, &fd, &file_size);
    if (r != CORE_OK)
        return r;
    int ok = io_tinyobj_parse_fd(fd, read_material_library, &context, &data, &error);
    close(fd);
    if (!ok)
        return parse_failed(&error, path);
    return build_from(&data, &context);
}
