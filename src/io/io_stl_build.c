#include "io/io_stl_internal.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- building the model --------------------------------------------------------------------- */

static core_result out_of_memory(const io_stl_builder *b)
{
    return core_fail(CORE_ERR_NO_MEMORY, "%s: out of memory after %zu triangles", b->name,
                     b->index_count / 3);
}

static size_t hash_position(const uint32_t key[3])
{
    uint64_t h = ((uint64_t)key[0] | (uint64_t)key[1] << 32) * 0x9E3779B97F4A7C15ull;
    h ^= (uint64_t)key[2] * 0xC2B2AE3D27D4EB4Full;
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ull;
    h ^= h >> 32;
    return (size_t)h;
}

static size_t power_of_two_at_least(size_t n)
{
    size_t p = 16;
    while (p < n)
        p *= 2;
    return p;
}

/* Grows `array` to hold `needed` elements by doubling. Returns the (possibly
 * moved) array, or NULL when out of memory, leaving the old one intact. */
static void *grow(void *array, size_t *capacity, size_t needed, size_t element)
{
    if (needed <= *capacity)
        return array;
    size_t grown = *capacity ? *capacity : (needed > 64 ? needed : 64);
    while (grown < needed)
        grown *= 2;
    if (grown > SIZE_MAX / element)
        return NULL;
    void *p = realloc(array, grown * element);
    if (p)
        *capacity = grown;
    return p;
}

bool io_stl_builder_init(io_stl_builder *b, const char *name, size_t triangles_hint)
{
    memset(b, 0, sizeof *b);
    b->name = name;
    /* A closed mesh has about half as many vertices as triangles. */
    size_t vertices_hint = triangles_hint / 2 + 64;
    size_t slot_count = power_of_two_at_least(2 * vertices_hint);
    b->slots = calloc(slot_count, sizeof *b->slots);
    b->slot_mask = slot_count - 1;
    b->positions = grow(NULL, &b->vertex_capacity, vertices_hint, 3 * sizeof(float));
    b->indices = grow(NULL, &b->index_capacity, 3 * triangles_hint + 3, sizeof(uint32_t));
    return b->slots && b->positions && b->indices;
}

void io_stl_builder_free(io_stl_builder *b)
{
    free(b->positions);
    free(b->indices);
    free(b->slots);
    free(b->parts);
    memset(b, 0, sizeof *b);
}

static bool rehash(io_stl_builder *b)
{
    size_t slot_count = (b->slot_mask + 1) * 2;
    uint32_t *slots = calloc(slot_count, sizeof *slots);
    if (!slots)
        return false;
    size_t mask = slot_count - 1;
    for (size_t v = 0; v < b->vertex_count; ++v) {
        uint32_t key[3];
        memcpy(key, &b->positions[3 * v], sizeof key);
        size_t s = hash_position(key) & mask;
        while (slots[s])
            s = (s + 1) & mask;
        slots[s] = (uint32_t)(v + 1);
    }
    free(b->slots);
    b->slots = slots;
    b->slot_mask = mask;
    return true;
}

/* Adds one corner given as float bits; the bits must be finite. */
static void normalise_zero(uint32_t key[3])
{
    for (int k = 0; k < 3; ++k) {
        if (key[k] == 0x80000000u)
            key[k] = 0;
    }
}

core_result io_stl_add_corner(io_stl_builder *b, uint32_t key[3])
{
    normalise_zero(key);
    size_t s = hash_position(key) & b->slot_mask;
    for (;;) {
        uint32_t slot = b->slots[s];
        if (!slot)
            break;
        if (memcmp(&b->positions[3 * (size_t)(slot - 1)], key, 3 * sizeof(float)) == 0) {
            b->indices[b->index_count++] = slot - 1;
            return CORE_OK;
        }
        s = (s + 1) & b->slot_mask;
    }
    if (b->vertex_count >= UINT32_MAX - 1)
        return core_fail(CORE_ERR_TOO_LARGE, "%s: more than %u distinct vertices", b->name,
                         UINT32_MAX - 1);
    float *positions =
        grow(b->positions, &b->vertex_capacity, b->vertex_count + 1, 3 * sizeof(float));
    if (!positions)
        return out_of_memory(b);
    b->positions = positions;
    size_t v = b->vertex_count++;
    memcpy(&b->positions[3 * v], key, 3 * sizeof(float));
    b->indices[b->index_count++] = (uint32_t)v;
    if (2 * b->vertex_count > b->slot_mask + 1)
        return rehash(b) ? CORE_OK : out_of_memory(b);
    b->slots[s] = (uint32_t)(v + 1);
    return CORE_OK;
}

/* Makes room for one more triangle's indices. */
core_result io_stl_reserve_triangle(io_stl_builder *b)
{
    if (b->index_count / 3 >= STL_MAX_TRIANGLES)
        return core_fail(CORE_ERR_TOO_LARGE,
                         "%s: more than %u triangles is more than glint can hold", b->name,
                         STL_MAX_TRIANGLES);
    uint32_t *indices = grow(b->indices, &b->index_capacity, b->index_count + 3, sizeof(uint32_t));
    if (!indices)
        return out_of_memory(b);
    b->indices = indices;
    return CORE_OK;
}

/* Closes the part that began at index `first`; an empty solid makes none. */
core_result io_stl_add_part(io_stl_builder *b, const char *part_name, size_t first)
{
    if (b->index_count == first)
        return CORE_OK;
    io_part *parts = grow(b->parts, &b->part_capacity, b->part_count + 1, sizeof *b->parts);
    if (!parts)
        return out_of_memory(b);
    b->parts = parts;
    io_part *part = &b->parts[b->part_count++];
    memset(part, 0, sizeof *part);
    snprintf(part->name, sizeof part->name, "%s", part_name);
    part->material = 0;
    part->first_index = (uint32_t)first;
    part->index_count = (uint32_t)(b->index_count - first);
    return CORE_OK;
}

/* Hands the arrays to the model; the builder owns nothing afterwards. */
core_result io_stl_builder_finish(io_stl_builder *b, io_model *model)
{
    if (b->index_count == 0)
        return core_fail(CORE_ERR_PARSE, "%s: no triangles in the file", b->name);
    /* Give back what growth over-allocated; a failed shrink keeps the bigger block. */
    float *positions = realloc(b->positions, 3 * b->vertex_count * sizeof(float));
    if (positions)
        b->positions = positions;
    uint32_t *indices = realloc(b->indices, b->index_count * sizeof(uint32_t));
    if (indices)
        b->indices = indices;
    if (io_model_default_material(model) != CORE_OK)
        return core_fail(CORE_ERR_NO_MEMORY, "%s: out of memory", b->name);
    model->positions = b->positions;
    model->vertex_count = (uint32_t)b->vertex_count;
    model->indices = b->indices;
    model->index_count = (uint32_t)b->index_count;
    model->parts = b->parts;
    model->part_count = (uint32_t)b->part_count;
    model->normals = NULL;
    model->uvs = NULL;
    model->positions_unique = true; /* welded above: scene need not weld again */
    b->positions = NULL;
    b->indices = NULL;
    b->parts = NULL;
    free(b->slots);
    b->slots = NULL;
    return CORE_OK;
}
