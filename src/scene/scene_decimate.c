#include "scene/scene_decimate.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The finest grid tried: cells of 1/2048 of the model's longest side are
 * finer than any triangle a budget would keep. */
#define DECIMATE_MAX_RESOLUTION 2048

/* An open-addressed hash table from two 64-bit words to an index; the key
 * (0, 0) never occurs (word a carries part + 1). */
typedef struct table {
    uint64_t *a, *b;
    uint32_t *value;
    uint32_t capacity, count; /* capacity: a power of two */
} table;

static uint64_t mix(uint64_t a, uint64_t b)
{
    uint64_t h = a * 0x9e3779b97f4a7c15ull ^ (b + 0x632be59bd9b4e019ull + (a << 6) + (a >> 2));
    h ^= h >> 31;
    h *= 0xbf58476d1ce4e5b9ull;
    return h ^ (h >> 29);
}

static bool table_init(table *t, uint32_t entries)
{
    uint32_t capacity = 64;
    while (capacity < 2u * entries + 2u && capacity < (1u << 31))
        capacity *= 2;
    t->a = calloc(capacity, sizeof *t->a);
    t->b = calloc(capacity, sizeof *t->b);
    t->value = malloc(capacity * sizeof *t->value);
    t->capacity = capacity;
    t->count = 0;
    return t->a && t->b && t->value;
}

static void table_free(table *t)
{
    free(t->a);
    free(t->b);
    free(t->value);
    memset(t, 0, sizeof *t);
}

/* The index stored for (a, b), or `value` stored for it now (*added true). */
static uint32_t table_find_or_add(table *t, uint64_t a, uint64_t b, uint32_t value, bool *added)
{
    uint32_t mask = t->capacity - 1u;
    for (uint32_t slot = (uint32_t)mix(a, b) & mask;; slot = (slot + 1u) & mask) {
        if (t->a[slot] == 0 && t->b[slot] == 0) {
            t->a[slot] = a;
            t->b[slot] = b;
            t->value[slot] = value;
            t->count++;
            *added = true;
            return value;
        }
        if (t->a[slot] == a && t->b[slot] == b) {
            *added = false;
            return t->value[slot];
        }
    }
}

/* Which of six directions a normal faces most: the two sides of a thin
 * wall never share a cluster (their mean normal would be nothing). */
static uint32_t normal_bucket(const float *n)
{
    float ax = fabsf(n[0]), ay = fabsf(n[1]), az = fabsf(n[2]);
    if (ax >= ay && ax >= az)
        return n[0] >= 0.0f ? 0u : 1u;
    if (ay >= az)
        return n[1] >= 0.0f ? 2u : 3u;
    return n[2] >= 0.0f ? 4u : 5u;
}

typedef struct work {
    const scene_mesh *mesh;
    uint32_t *cluster_of;   /* per source vertex, for cluster_part */
    uint32_t *cluster_part; /* the part (+ 1) cluster_of was found for; 0: none */
    table clusters, triangles;
    uint32_t cluster_count;
    /* When building: */
    bool build;
    uint32_t *indices; /* the coarse triangles (cluster ids) */
    uint32_t index_count, index_capacity;
    float *sum;        /* per cluster: its members' attributes summed */
    uint32_t *members; /* per cluster: how many */
    uint32_t sum_capacity;
    uint32_t *remap; /* per source vertex */
} work;

/* Above this, a cluster_of value is a vertex kept whole (a part too small
 * for the grid), not a grid cluster. */
#define OWN_CLUSTER (UINT32_MAX / 2u)

static bool push_triangle(work *w, const uint32_t c[3])
{
    if (w->index_count + 3u > w->index_capacity) {
        uint32_t capacity = w->index_capacity ? 2u * w->index_capacity : 3072u;
        uint32_t *grown = realloc(w->indices, capacity * sizeof *grown);
        if (!grown)
            return false;
        w->indices = grown;
        w->index_capacity = capacity;
    }
    for (int k = 0; k < 3; ++k)
        w->indices[w->index_count++] = c[k];
    return true;
}

/* Adds source vertex v to cluster c's mean. */
static bool accumulate(work *w, uint32_t c, uint32_t v)
{
    if (c >= w->sum_capacity) {
        uint32_t capacity = w->sum_capacity ? 2u * w->sum_capacity : 1024u;
        while (capacity <= c)
            capacity *= 2u;
        float *sum = realloc(w->sum, (size_t)capacity * SCENE_VERTEX_FLOATS * sizeof *sum);
        if (!sum)
            return false;
        w->sum = sum;
        uint32_t *members = realloc(w->members, capacity * sizeof *members);
        if (!members)
            return false;
        w->members = members;
        memset(w->sum + (size_t)w->sum_capacity * SCENE_VERTEX_FLOATS, 0,
               (size_t)(capacity - w->sum_capacity) * SCENE_VERTEX_FLOATS * sizeof *sum);
        memset(w->members + w->sum_capacity, 0, (capacity - w->sum_capacity) * sizeof *members);
        w->sum_capacity = capacity;
    }
    const float *src = w->mesh->vertices + (size_t)v * SCENE_VERTEX_FLOATS;
    float *dst = w->sum + (size_t)c * SCENE_VERTEX_FLOATS;
    for (int k = 0; k < SCENE_VERTEX_FLOATS; ++k)
        dst[k] += src[k];
    w->members[c]++;
    return true;
}

/* The grid cluster of source vertex v in part p. */
static uint32_t grid_cluster(work *w, uint32_t p, uint32_t v, float cell, bool *added)
{
    const float *pos = w->mesh->vertices + (size_t)v * SCENE_VERTEX_FLOATS;
    const float *min = w->mesh->bounds.min;
    uint64_t c[3];
    for (int k = 0; k < 3; ++k) {
        float f = floorf((pos[k] - min[k]) / cell);
        c[k] = f <= 0.0f ? 0u : f >= 2097151.0f ? 2097151u : (uint64_t)f;
    }
    uint64_t a = ((uint64_t)(p + 1u) << 3) | normal_bucket(pos + 3);
    uint64_t b = c[0] | (c[1] << 21) | (c[2] << 42);
    return table_find_or_add(&w->clusters, a, b, w->cluster_count, added);
}

/* One clustering at `resolution` cells along the longest side: the coarse
 * triangle count, and when building, the triangles, the clusters' sums and
 * each part's range in `ranges` (first, count). False: out of memory. */
static bool cluster_at(work *w, int resolution, uint32_t *triangle_count, uint32_t *ranges)
{
    const scene_mesh *mesh = w->mesh;
    float extent = 0.0f;
    for (int k = 0; k < 3; ++k)
        extent = fmaxf(extent, mesh->bounds.max[k] - mesh->bounds.min[k]);
    float cell = fmaxf(extent, 1e-6f) / (float)resolution;
    memset(w->clusters.a, 0, w->clusters.capacity * sizeof *w->clusters.a);
    memset(w->clusters.b, 0, w->clusters.capacity * sizeof *w->clusters.b);
    memset(w->triangles.a, 0, w->triangles.capacity * sizeof *w->triangles.a);
    memset(w->triangles.b, 0, w->triangles.capacity * sizeof *w->triangles.b);
    w->clusters.count = w->triangles.count = 0;
    memset(w->cluster_part, 0, mesh->vertex_count * sizeof *w->cluster_part);
    w->cluster_count = 0;
    w->index_count = 0;
    uint32_t count = 0;
    for (uint32_t p = 0; p < mesh->part_count; ++p) {
        const scene_part *part = &mesh->parts[p];
        uint32_t first = w->index_count, part_triangles = 0;
        for (uint32_t t = 0; t + 2u < part->index_count; t += 3u) {
            uint32_t c[3];
            for (int k = 0; k < 3; ++k) {
                uint32_t v = mesh->indices[part->first_index + t + (uint32_t)k];
                if (w->cluster_part[v] != p + 1u) {
                    bool added;
                    uint32_t id = grid_cluster(w, p, v, cell, &added);
                    w->cluster_count += added ? 1u : 0u;
                    w->cluster_of[v] = id;
                    w->cluster_part[v] = p + 1u;
                    if (w->build && !accumulate(w, id, v))
                        return false;
                    if (w->build && w->remap[v] == UINT32_MAX)
                        w->remap[v] = id;
                }
                c[k] = w->cluster_of[v];
            }
            if (c[0] == c[1] || c[1] == c[2] || c[0] == c[2])
                continue;
            uint32_t lo = c[0] < c[1] ? c[0] : c[1], hi = c[0] < c[1] ? c[1] : c[0];
            uint32_t mid = c[2] < lo ? lo : c[2] > hi ? hi : c[2];
            lo = c[2] < lo ? c[2] : lo;
            hi = c[2] > hi ? c[2] : hi;
            bool added;
            /* + 1: the key (0, 0) marks an empty slot. */
            table_find_or_add(&w->triangles, ((uint64_t)lo << 32 | mid) + 1u, hi, 0, &added);
            if (!added)
                continue; /* the same corners as a triangle kept already */
            ++part_triangles;
            if (w->build && !push_triangle(w, c))
                return false;
        }
        if (part_triangles == 0 && part->index_count >= 3u) {
            /* Too small for the grid: kept whole, so no part disappears. */
            for (uint32_t t = 0; t + 2u < part->index_count; t += 3u) {
                uint32_t c[3];
                for (int k = 0; k < 3; ++k) {
                    uint32_t v = mesh->indices[part->first_index + t + (uint32_t)k];
                    if (w->cluster_of[v] < OWN_CLUSTER || w->cluster_part[v] != p + 1u) {
                        uint32_t id = w->cluster_count++;
                        if (w->build && w->remap[v] == w->cluster_of[v] &&
                            w->cluster_part[v] == p + 1u)
                            w->remap[v] = id; /* this part's grid cluster is unused now */
                        w->cluster_of[v] = OWN_CLUSTER + id;
                        w->cluster_part[v] = p + 1u;
                        if (w->build && !accumulate(w, id, v))
                            return false;
                    }
                    c[k] = w->cluster_of[v] - OWN_CLUSTER;
                }
                ++part_triangles;
                if (w->build && !push_triangle(w, c))
                    return false;
            }
        }
        if (ranges) {
            ranges[2 * p] = first;
            ranges[2 * p + 1] = w->index_count - first;
        }
        count += part_triangles;
    }
    *triangle_count = count;
    return true;
}

static core_result copy_mesh(const scene_mesh *mesh, scene_decimated *out)
{
    out->mesh = *mesh;
    size_t vbytes = (size_t)mesh->vertex_count * SCENE_VERTEX_FLOATS * sizeof(float);
    out->mesh.vertices = malloc(vbytes ? vbytes : 1u);
    out->mesh.indices = malloc((mesh->index_count ? mesh->index_count : 1u) * sizeof(uint32_t));
    out->mesh.parts = malloc((mesh->part_count ? mesh->part_count : 1u) * sizeof(scene_part));
    out->remap = malloc((mesh->vertex_count ? mesh->vertex_count : 1u) * sizeof(uint32_t));
    if (!out->mesh.vertices || !out->mesh.indices || !out->mesh.parts || !out->remap) {
        scene_decimated_unload(out);
        return core_fail(CORE_ERR_NO_MEMORY, "out of memory for a copy of %u vertices",
                         mesh->vertex_count);
    }
    if (vbytes)
        memcpy(out->mesh.vertices, mesh->vertices, vbytes);
    if (mesh->index_count)
        memcpy(out->mesh.indices, mesh->indices, mesh->index_count * sizeof(uint32_t));
    if (mesh->part_count)
        memcpy(out->mesh.parts, mesh->parts, mesh->part_count * sizeof(scene_part));
    for (uint32_t v = 0; v < mesh->vertex_count; ++v)
        out->remap[v] = v;
    out->source_vertex_count = mesh->vertex_count;
    out->cell_mm = 0.0f;
    return CORE_OK;
}

static void work_free(work *w)
{
    free(w->cluster_of);
    free(w->cluster_part);
    table_free(&w->clusters);
    table_free(&w->triangles);
    free(w->indices);
    free(w->sum);
    free(w->members);
    free(w->remap);
}

/* The means, with unit normals, into out->mesh. */
static core_result finish_vertices(work *w, scene_decimated *out)
{
    uint32_t n = w->cluster_count;
    float *vertices = malloc((size_t)(n ? n : 1u) * SCENE_VERTEX_FLOATS * sizeof *vertices);
    if (!vertices)
        return core_fail(CORE_ERR_NO_MEMORY, "out of memory for a coarse mesh of %u vertices", n);
    for (uint32_t c = 0; c < n; ++c) {
        const float *s = w->sum + (size_t)c * SCENE_VERTEX_FLOATS;
        float *d = vertices + (size_t)c * SCENE_VERTEX_FLOATS;
        float m = w->members[c] ? (float)w->members[c] : 1.0f;
        for (int k = 0; k < SCENE_VERTEX_FLOATS; ++k)
            d[k] = s[k] / m;
        float len = sqrtf(d[3] * d[3] + d[4] * d[4] + d[5] * d[5]);
        if (len > 1e-12f) {
            for (int k = 3; k < 6; ++k)
                d[k] /= len;
        } else {
            d[3] = 0.0f, d[4] = 1.0f, d[5] = 0.0f; /* members cancelled out: any unit normal */
        }
    }
    out->mesh.vertices = vertices;
    out->mesh.vertex_count = n;
    return CORE_OK;
}

core_result scene_decimate(const scene_mesh *mesh, uint32_t triangle_budget, scene_decimated *out)
{
    memset(out, 0, sizeof *out);
    if (mesh->index_count / 3u <= triangle_budget)
        return copy_mesh(mesh, out);
    work w = {.mesh = mesh};
    uint32_t vn = mesh->vertex_count ? mesh->vertex_count : 1u;
    w.cluster_of = malloc(vn * sizeof *w.cluster_of);
    w.cluster_part = malloc(vn * sizeof *w.cluster_part);
    /* At most one cluster per (part, vertex) pair: the table's size. */
    uint32_t pairs = 0;
    if (w.cluster_part) {
        memset(w.cluster_part, 0, vn * sizeof *w.cluster_part);
        for (uint32_t p = 0; p < mesh->part_count; ++p)
            for (uint32_t i = 0; i < mesh->parts[p].index_count; ++i) {
                uint32_t v = mesh->indices[mesh->parts[p].first_index + i];
                pairs += w.cluster_part[v] != p + 1u ? 1u : 0u;
                w.cluster_part[v] = p + 1u;
            }
    }
    bool ok = w.cluster_of && w.cluster_part && table_init(&w.clusters, pairs) &&
              table_init(&w.triangles, mesh->index_count / 3u);
    /* The largest resolution whose count is within the budget, to about 6 %
     * (the count grows with the resolution, nearly monotonically, and about
     * as its square on a surface): a guess from one grid, then halving. */
    int lo = 1, hi = DECIMATE_MAX_RESOLUTION;
    uint32_t count = 0;
    if (ok)
        ok = cluster_at(&w, 64, &count, NULL);
    if (ok && count > triangle_budget) {
        hi = 63;
    } else if (ok) {
        lo = 64;
        double guess = 64.0 * sqrt((double)triangle_budget / (double)(count ? count : 1u));
        int g = guess >= DECIMATE_MAX_RESOLUTION ? DECIMATE_MAX_RESOLUTION : (int)guess;
        if (g > lo) {
            ok = cluster_at(&w, g, &count, NULL);
            if (count <= triangle_budget) {
                lo = g;
                hi = g + g / 3 < DECIMATE_MAX_RESOLUTION ? g + g / 3 : DECIMATE_MAX_RESOLUTION;
            } else {
                hi = g - 1;
            }
        }
    }
    while (ok && hi - lo > lo / 16) {
        int mid = lo + (hi - lo + 1) / 2;
        ok = cluster_at(&w, mid, &count, NULL);
        if (count <= triangle_budget)
            lo = mid;
        else
            hi = mid - 1;
    }
    uint32_t *ranges = NULL;
    if (ok) {
        w.build = true;
        w.remap = malloc(vn * sizeof *w.remap);
        ranges = malloc((mesh->part_count ? mesh->part_count : 1u) * 2u * sizeof *ranges);
        ok = w.remap && ranges;
        for (uint32_t v = 0; ok && v < mesh->vertex_count; ++v)
            w.remap[v] = UINT32_MAX;
    }
    if (ok)
        ok = cluster_at(&w, lo, &count, ranges);
    core_result r = ok ? CORE_OK
                       : core_fail(CORE_ERR_NO_MEMORY, "out of memory to decimate %u triangles",
                                   mesh->index_count / 3u);
    if (r == CORE_OK) {
        out->mesh = *mesh;
        out->mesh.vertices = NULL;
        out->mesh.parts = malloc((mesh->part_count ? mesh->part_count : 1u) * sizeof(scene_part));
        r = out->mesh.parts
                ? finish_vertices(&w, out)
                : core_fail(CORE_ERR_NO_MEMORY, "out of memory for %u parts", mesh->part_count);
    }
    if (r == CORE_OK) {
        for (uint32_t p = 0; p < mesh->part_count; ++p) {
            out->mesh.parts[p] = mesh->parts[p];
            out->mesh.parts[p].first_index = ranges[2 * p];
            out->mesh.parts[p].index_count = ranges[2 * p + 1];
            /* Clustering makes cracks and shared edges: not known to be closed. */
            out->mesh.parts[p].closed = false;
        }
        out->mesh.indices = w.indices;
        out->mesh.index_count = w.index_count;
        w.indices = NULL;
        out->remap = w.remap;
        w.remap = NULL;
        out->source_vertex_count = mesh->vertex_count;
        float extent = 0.0f;
        for (int k = 0; k < 3; ++k)
            extent = fmaxf(extent, mesh->bounds.max[k] - mesh->bounds.min[k]);
        out->cell_mm = fmaxf(extent, 1e-6f) / (float)lo;
    } else {
        out->mesh.indices = NULL; /* still the source's, or never set */
        scene_decimated_unload(out);
    }
    free(ranges);
    work_free(&w);
    return r;
}

void scene_decimated_unload(scene_decimated *decimated)
{
    scene_mesh_unload(&decimated->mesh);
    free(decimated->remap);
    memset(decimated, 0, sizeof *decimated);
}
