#ifndef GLINT_FUZZ_MODEL_CHECK_H
#define GLINT_FUZZ_MODEL_CHECK_H

/* The invariants every loaded model keeps, whatever its format: a broken one
 * traps so that libFuzzer records the input. */

#include "io/io_model.h"

#include <math.h>
#include <string.h>

static void fuzz_check_model(const io_model *m)
{
    if (m->index_count == 0 || m->index_count % 3 != 0 || !m->indices || !m->positions)
        __builtin_trap();
    if (m->material_count == 0 || !m->materials || m->part_count == 0 || m->vertex_count == 0)
        __builtin_trap();
    uint32_t next = 0;
    bool any_coloured = false;
    for (uint32_t p = 0; p < m->part_count; ++p) {
        const io_part *part = &m->parts[p];
        if (part->first_index != next || part->index_count == 0 || part->index_count % 3 != 0 ||
            part->material >= m->material_count || !memchr(part->name, '\0', IO_NAME_MAX))
            __builtin_trap();
        for (uint32_t q = 0; q < p; ++q) {
            if (strcmp(m->parts[q].name, part->name) == 0)
                __builtin_trap(); /* names address parts: unique */
        }
        any_coloured |= part->vertex_colored;
        next += part->index_count;
    }
    if (next != m->index_count || any_coloured != (m->colors != NULL))
        __builtin_trap();
    for (uint32_t i = 0; i < m->index_count; ++i) {
        if (m->indices[i] >= m->vertex_count)
            __builtin_trap();
    }
    for (uint32_t v = 0; v < 3 * m->vertex_count; ++v) {
        if (!isfinite(m->positions[v]) || (m->normals && !isfinite(m->normals[v])))
            __builtin_trap();
        if (m->colors && !(m->colors[v] >= 0.0f && m->colors[v] <= 1.0f))
            __builtin_trap();
    }
    for (uint32_t v = 0; m->uvs && v < 2 * m->vertex_count; ++v) {
        if (!isfinite(m->uvs[v]))
            __builtin_trap();
    }
    for (uint32_t i = 0; i < m->material_count; ++i) {
        const io_material *mat = &m->materials[i];
        for (int k = 0; k < 3; ++k) {
            if (!(mat->base_color[k] >= 0.0f && mat->base_color[k] <= 1.0f))
                __builtin_trap();
        }
        if (!(mat->pbr_metallic >= 0.0f && mat->pbr_metallic <= 1.0f) ||
            !(mat->pbr_roughness >= 0.0f && mat->pbr_roughness <= 1.0f))
            __builtin_trap();
    }
}

#endif
