#include "scene/scene_mesh.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void compute_bounds(scene_mesh *mesh)
{
    scene_bounds *b = &mesh->bounds;
    for (int k = 0; k < 3; ++k) {
        b->min[k] = INFINITY;
        b->max[k] = -INFINITY;
    }
    for (uint32_t v = 0; v < mesh->vertex_count; ++v) {
        const float *p = &mesh->vertices[SCENE_VERTEX_FLOATS * v];
        for (int k = 0; k < 3; ++k) {
            b->min[k] = fminf(b->min[k], p[k]);
            b->max[k] = fmaxf(b->max[k], p[k]);
        }
    }
    for (int k = 0; k < 3; ++k)
        b->center[k] = 0.5f * (b->min[k] + b->max[k]);
    float radius_squared = 0.0f;
    for (uint32_t v = 0; v < mesh->vertex_count; ++v) {
        const float *p = &mesh->vertices[SCENE_VERTEX_FLOATS * v];
        float dx = p[0] - b->center[0], dy = p[1] - b->center[1], dz = p[2] - b->center[2];
        radius_squared = fmaxf(radius_squared, dx * dx + dy * dy + dz * dz);
    }
    b->radius = sqrtf(radius_squared);
}

static float length3(const float *v)
{
    return sqrtf(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
}

/* Area-weighted vertex normals (the cross product's length is twice the
 * area), written only where the file's normal is missing or unusable. */
static void fill_missing_normals(scene_mesh *mesh, const uint8_t *needs_normal)
{
    float *sums = calloc((size_t)mesh->vertex_count * 3, sizeof(float));
    if (!sums)
        return;
    for (uint32_t i = 0; i + 2 < mesh->index_count; i += 3) {
        const uint32_t *tri = &mesh->indices[i];
        const float *a = &mesh->vertices[SCENE_VERTEX_FLOATS * tri[0]];
        const float *b = &mesh->vertices[SCENE_VERTEX_FLOATS * tri[1]];
        const float *c = &mesh->vertices[SCENE_VERTEX_FLOATS * tri[2]];
        float e1[3] = {b[0] - a[0], b[1] - a[1], b[2] - a[2]};
        float e2[3] = {c[0] - a[0], c[1] - a[1], c[2] - a[2]};
        float n[3] = {e1[1] * e2[2] - e1[2] * e2[1], e1[2] * e2[0] - e1[0] * e2[2],
                      e1[0] * e2[1] - e1[1] * e2[0]};
        for (int k = 0; k < 3; ++k) {
            for (int j = 0; j < 3; ++j)
                sums[3 * tri[k] + j] += n[j];
        }
    }
    for (uint32_t v = 0; v < mesh->vertex_count; ++v) {
        if (!needs_normal[v])
            continue;
        float *n = &mesh->vertices[SCENE_VERTEX_FLOATS * v + 3];
        float length = length3(&sums[3 * v]);
        for (int j = 0; j < 3; ++j)
            n[j] = length > 0.0f ? sums[3 * v + j] / length : (j == 1 ? 1.0f : 0.0f);
        mesh->normals_computed++;
    }
    free(sums);
}

static void convert_part(const io_model *model, const io_part *src, scene_part *dst)
{
    const io_material *m = &model->materials[src->material];
    memcpy(dst->name, src->name, sizeof dst->name);
    memcpy(dst->base_color, m->base_color, sizeof dst->base_color);
    /* Ks/Ns are only a first guess of the finish; the finishes issue replaces them. */
    float ks = fmaxf(m->specular[0], fmaxf(m->specular[1], m->specular[2]));
    dst->specular = fminf(fmaxf(ks, 0.0f), 1.0f);
    dst->shininess = fminf(fmaxf(m->shininess, 1.0f), 1000.0f);
    dst->first_index = src->first_index;
    dst->index_count = src->index_count;
}

core_result scene_mesh_from_model(const io_model *model, scene_mesh *mesh)
{
    memset(mesh, 0, sizeof *mesh);
    size_t vertex_bytes = (size_t)model->vertex_count * SCENE_VERTEX_FLOATS * sizeof(float);
    mesh->vertices = malloc(vertex_bytes);
    mesh->indices = malloc((size_t)model->index_count * sizeof(uint32_t));
    mesh->parts = calloc(model->part_count ? model->part_count : 1, sizeof(scene_part));
    uint8_t *needs_normal = calloc(model->vertex_count ? model->vertex_count : 1, 1);
    if (!mesh->vertices || !mesh->indices || !mesh->parts || !needs_normal) {
        free(needs_normal);
        scene_mesh_unload(mesh);
        return core_fail(CORE_ERR_NO_MEMORY, "out of memory for a mesh of %u vertices",
                         model->vertex_count);
    }
    mesh->vertex_count = model->vertex_count;
    mesh->index_count = model->index_count;
    memcpy(mesh->indices, model->indices, (size_t)model->index_count * sizeof(uint32_t));

    bool any_missing = false;
    for (uint32_t v = 0; v < model->vertex_count; ++v) {
        float *out = &mesh->vertices[SCENE_VERTEX_FLOATS * v];
        memcpy(out, &model->positions[3 * v], 3 * sizeof(float));
        const float *n = model->normals ? &model->normals[3 * v] : NULL;
        float length = n ? length3(n) : 0.0f;
        if (n && isfinite(length) && length > 1e-6f) {
            for (int j = 0; j < 3; ++j)
                out[3 + j] = n[j] / length;
        } else {
            needs_normal[v] = 1;
            any_missing = true;
        }
    }
    if (any_missing)
        fill_missing_normals(mesh, needs_normal);
    free(needs_normal);

    mesh->part_count = model->part_count;
    for (uint32_t p = 0; p < model->part_count; ++p)
        convert_part(model, &model->parts[p], &mesh->parts[p]);
    compute_bounds(mesh);
    return CORE_OK;
}

void scene_mesh_unload(scene_mesh *mesh)
{
    free(mesh->vertices);
    free(mesh->indices);
    free(mesh->parts);
    memset(mesh, 0, sizeof *mesh);
}
