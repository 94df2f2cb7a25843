#include "scene/scene_normals.h"
#include "scene/scene_weld.h"

#include "scene/scene_mesh.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static bool normal_is_valid(const float *n)
{
    float length_squared = n[0] * n[0] + n[1] * n[1] + n[2] * n[2];
    return isfinite(length_squared) && length_squared > 1e-12f;
}

/* Gives every vertex the id of its position: equal coordinates, equal id. */
static core_result weld_positions(const scene_normals_input *in, uint32_t *position_id,
                                  uint32_t *position_count)
{
    core_result r = scene_weld_positions(in->positions, in->vertex_count, position_id);
    if (r != CORE_OK)
        return r;
    /* the first vertex at each position gets the next id, the others its id */
    uint32_t count = 0;
    for (uint32_t v = 0; v < in->vertex_count; ++v)
        position_id[v] = position_id[v] == v ? count++ : position_id[position_id[v]];
    *position_count = count;
    return CORE_OK;
}

/* The file's vertices are already one per position (STL is welded on load). */
static core_result identity_positions(const scene_normals_input *in, uint32_t *position_id,
                                      uint32_t *position_count)
{
    for (uint32_t v = 0; v < in->vertex_count; ++v)
        position_id[v] = v;
    *position_count = in->vertex_count;
    return CORE_OK;
}

/* Scratch space for the clustering, freed together. */
typedef struct work {
    uint32_t *position_id;  /* per input vertex */
    float *face_normal;     /* per triangle: cross product (length = 2 x area) */
    uint32_t *first_corner; /* per position + 1: CSR offsets into corner_list */
    uint32_t *corner_list;  /* corners around each position */
    uint32_t *corner_group; /* per corner: its cluster within its position */
    uint32_t *group_base;   /* per position + 1: first cluster of the position */
    float *group_sum;       /* per cluster: summed face normals */
    uint64_t *out_keys;     /* hash of (vertex, cluster) -> output vertex */
    uint32_t *out_values;
} work;

static void work_free(work *w)
{
    free(w->position_id);
    free(w->face_normal);
    free(w->first_corner);
    free(w->corner_list);
    free(w->corner_group);
    free(w->group_base);
    free(w->group_sum);
}

static void face_normals(const scene_normals_input *in, float *out)
{
    for (uint32_t t = 0; t < in->index_count / 3; ++t) {
        const float *a = &in->positions[3 * in->indices[3 * t]];
        const float *b = &in->positions[3 * in->indices[3 * t + 1]];
        const float *c = &in->positions[3 * in->indices[3 * t + 2]];
        float e1[3] = {b[0] - a[0], b[1] - a[1], b[2] - a[2]};
        float e2[3] = {c[0] - a[0], c[1] - a[1], c[2] - a[2]};
        out[3 * t] = e1[1] * e2[2] - e1[2] * e2[1];
        out[3 * t + 1] = e1[2] * e2[0] - e1[0] * e2[2];
        out[3 * t + 2] = e1[0] * e2[1] - e1[1] * e2[0];
    }
}

static float cosine(const float *a, const float *b)
{
    float la = sqrtf(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
    float lb = sqrtf(b[0] * b[0] + b[1] * b[1] + b[2] * b[2]);
    return la > 0.0f && lb > 0.0f ? (a[0] * b[0] + a[1] * b[1] + a[2] * b[2]) / (la * lb) : 1.0f;
}

/* Groups the faces around each position; returns the number of clusters. */
static uint32_t cluster_corners(const scene_normals_input *in, work *w, uint32_t positions,
                                float cos_crease)
{
    uint32_t groups = 0;
    uint32_t seeds_capacity = 64, *seeds = malloc(seeds_capacity * sizeof *seeds);
    for (uint32_t p = 0; p < positions && seeds; ++p) {
        w->group_base[p] = groups;
        uint32_t seed_count = 0;
        for (uint32_t i = w->first_corner[p]; i < w->first_corner[p + 1]; ++i) {
            uint32_t corner = w->corner_list[i], face = corner / 3;
            uint32_t group = 0;
            while (group < seed_count && cosine(&w->face_normal[3 * seeds[group]],
                                                &w->face_normal[3 * face]) < cos_crease)
                ++group;
            if (group == seed_count) {
                if (seed_count == seeds_capacity) {
                    uint32_t *grown = realloc(seeds, 2 * seeds_capacity * sizeof *seeds);
                    if (!grown)
                        break;
                    seeds = grown;
                    seeds_capacity *= 2;
                }
                seeds[seed_count++] = face;
            }
            w->corner_group[corner] = group;
        }
        groups += seed_count;
    }
    free(seeds);
    w->group_base[positions] = groups;
    return groups;
}

static core_result build_adjacency(const scene_normals_input *in, work *w, uint32_t positions)
{
    uint32_t corners = in->index_count;
    w->first_corner = calloc((size_t)positions + 1, sizeof *w->first_corner);
    w->corner_list = malloc((size_t)corners * sizeof *w->corner_list);
    if (!w->first_corner || !w->corner_list)
        return CORE_ERR_NO_MEMORY;
    for (uint32_t c = 0; c < corners; ++c)
        w->first_corner[w->position_id[in->indices[c]] + 1]++;
    for (uint32_t p = 0; p < positions; ++p)
        w->first_corner[p + 1] += w->first_corner[p];
    uint32_t *fill = malloc((size_t)positions * sizeof *fill);
    if (!fill)
        return CORE_ERR_NO_MEMORY;
    memcpy(fill, w->first_corner, (size_t)positions * sizeof *fill);
    for (uint32_t c = 0; c < corners; ++c)
        w->corner_list[fill[w->position_id[in->indices[c]]]++] = c;
    free(fill);
    return CORE_OK;
}

static void write_vertex(float *out, const scene_normals_input *in, uint32_t v, const float *n)
{
    memcpy(out, &in->positions[3 * v], 3 * sizeof(float));
    float length = sqrtf(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
    for (int k = 0; k < 3; ++k)
        out[3 + k] = length > 0.0f ? n[k] / length : (k == 1 ? 1.0f : 0.0f);
    out[6] = in->uvs ? in->uvs[2 * v] : 0.0f;
    out[7] = in->uvs ? in->uvs[2 * v + 1] : 0.0f;
    /* Every output vertex comes from one input vertex (splitting only copies
     * it per normal cluster; welding only groups positions to average
     * normals), so its colour is that vertex's own: no colour is blended. */
    for (int k = 0; k < 3; ++k) {
        /* A reflectance: 0..1, and white where a hostile file gives NaN. */
        float c = in->colors ? in->colors[3 * v + k] : 1.0f;
        out[SCENE_VERTEX_COLOR + k] = c >= 0.0f ? fminf(c, 1.0f) : (c < 0.0f ? 0.0f : 1.0f);
    }
}

/* Output vertex of a corner: the input vertex itself when its normal is kept,
 * else one per (input vertex, cluster of its position). Each input vertex
 * gets a run of slots, one per cluster of its position; the slots corners
 * use are then numbered in order, which leaves no holes and needs no hash. */
static core_result emit_vertices(const scene_normals_input *in, work *w, const bool *keep,
                                 scene_normals_output *out)
{
    uint32_t corners = in->index_count;
    size_t slots = 0;
    uint32_t *first_slot = malloc(((size_t)in->vertex_count + 1) * sizeof *first_slot);
    if (!first_slot)
        return CORE_ERR_NO_MEMORY;
    for (uint32_t v = 0; v < in->vertex_count; ++v) {
        first_slot[v] = (uint32_t)slots;
        if (keep[v]) {
            slots += 1;
        } else {
            uint32_t p = w->position_id[v];
            slots += w->group_base[p + 1] - w->group_base[p];
        }
    }
    uint32_t *number = malloc((slots + 1) * sizeof *number); /* slot -> output vertex + 1 */
    out->indices = malloc((size_t)corners * sizeof *out->indices);
    if (!number || !out->indices) {
        free(first_slot);
        free(number);
        return CORE_ERR_NO_MEMORY;
    }
    memset(number, 0, (slots + 1) * sizeof *number);
    uint32_t used = 0;
    for (uint32_t c = 0; c < corners; ++c) {
        uint32_t v = in->indices[c];
        size_t slot = first_slot[v] + (keep[v] ? 0 : w->corner_group[c]);
        if (number[slot] == 0)
            number[slot] = ++used;
        out->indices[c] = number[slot] - 1;
    }
    free(w->corner_group); /* numbered: no longer needed, and as large as the indices */
    w->corner_group = NULL;
    out->vertex_count = used;
    out->vertices = malloc((size_t)used * SCENE_VERTEX_FLOATS * sizeof(float) + 1);
    if (!out->vertices) {
        free(first_slot);
        free(number);
        return CORE_ERR_NO_MEMORY;
    }
    for (uint32_t v = 0; v < in->vertex_count; ++v) {
        uint32_t p = keep[v] ? 0 : w->position_id[v];
        uint32_t count = keep[v] ? 1 : w->group_base[p + 1] - w->group_base[p];
        for (uint32_t k = 0; k < count; ++k) {
            uint32_t id = number[first_slot[v] + k];
            if (id == 0)
                continue; /* a cluster of the position that no corner of v is in */
            float *dst = &out->vertices[(size_t)(id - 1) * SCENE_VERTEX_FLOATS];
            if (keep[v]) {
                write_vertex(dst, in, v, &in->normals[3 * v]);
            } else {
                write_vertex(dst, in, v, &w->group_sum[3 * (w->group_base[p] + k)]);
                out->computed++;
            }
        }
    }
    free(first_slot);
    free(number);
    return CORE_OK;
}

core_result scene_normals_build(const scene_normals_input *in, scene_normals_output *out)
{
    memset(out, 0, sizeof *out);
    bool *keep = malloc(in->vertex_count ? in->vertex_count : 1);
    if (!keep)
        return CORE_ERR_NO_MEMORY;
    bool all_kept = true;
    for (uint32_t v = 0; v < in->vertex_count; ++v) {
        keep[v] = in->normals && normal_is_valid(&in->normals[3 * v]);
        all_kept &= keep[v];
    }
    work w = {0};
    core_result r = CORE_OK;
    uint32_t triangles = in->index_count / 3, positions = 0;
    if (!all_kept) {
        w.position_id = malloc((size_t)in->vertex_count * sizeof *w.position_id);
        w.face_normal = malloc((size_t)triangles * 3 * sizeof *w.face_normal);
        w.corner_group = malloc((size_t)in->index_count * sizeof *w.corner_group);
        r = w.position_id && w.face_normal && w.corner_group ? CORE_OK : CORE_ERR_NO_MEMORY;
        if (r == CORE_OK)
            r = in->positions_unique ? identity_positions(in, w.position_id, &positions)
                                     : weld_positions(in, w.position_id, &positions);
        if (r == CORE_OK)
            r = build_adjacency(in, &w, positions);
        if (r == CORE_OK) {
            face_normals(in, w.face_normal);
            w.group_base = malloc(((size_t)positions + 1) * sizeof *w.group_base);
            r = w.group_base ? CORE_OK : CORE_ERR_NO_MEMORY;
        }
        if (r == CORE_OK) {
            float cos_crease = cosf(in->crease_angle_deg * 3.14159265f / 180.0f);
            uint32_t groups = cluster_corners(in, &w, positions, cos_crease);
            w.group_sum = calloc((size_t)groups * 3 + 3, sizeof *w.group_sum);
            r = w.group_sum ? CORE_OK : CORE_ERR_NO_MEMORY;
            for (uint32_t c = 0; r == CORE_OK && c < in->index_count; ++c) {
                uint32_t group = w.group_base[w.position_id[in->indices[c]]] + w.corner_group[c];
                for (int k = 0; k < 3; ++k)
                    w.group_sum[3 * group + k] += w.face_normal[3 * (c / 3) + k];
            }
        }
        /* Adjacency and face normals are done with: give them back before the
         * output is allocated, which is when memory peaks at a million triangles. */
        free(w.face_normal);
        free(w.first_corner);
        free(w.corner_list);
        w.face_normal = NULL;
        w.first_corner = w.corner_list = NULL;
    }
    if (r == CORE_OK)
        r = emit_vertices(in, &w, keep, out);
    work_free(&w);
    free(keep);
    if (r != CORE_OK) {
        free(out->vertices);
        free(out->indices);
        memset(out, 0, sizeof *out);
        return core_fail(r, "out of memory computing normals for %u triangles", triangles);
    }
    return CORE_OK;
}
