#include "scene/scene_closed.h"
#include "scene/scene_weld.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define NONE UINT32_MAX

/* Scratch shared by every part, sized for the model and its largest part.
 * A part's vertices are numbered from 0 in the order its corners meet them,
 * so that its tables are as small as the part and stay in cache as its
 * triangles run (a hash of edges over a million triangles missed the cache
 * on nearly every look and cost twice the rest of the load). */
typedef struct scratch {
    uint32_t *canon;   /* per vertex: the first vertex at its position (NULL: itself) */
    uint32_t *local;   /* per canonical vertex: its number in the part, or NONE */
    uint32_t *global;  /* per part vertex: its canonical vertex (to reset `local`) */
    uint32_t *start;   /* per part vertex + 1: where its edges begin in `targets` */
    uint32_t *filled;  /* per part vertex: its edges placed so far */
    uint32_t *targets; /* the part's directed edges, grouped by the vertex they leave */
    uint32_t *parent;  /* union-find over part vertices */
    double *volume;    /* per root: six times its shell's signed volume */
} scratch;

static const float *position(const scene_closed_input *in, uint32_t vertex)
{
    return &in->positions[(size_t)vertex * (in->stride ? in->stride : 3u)];
}

static uint32_t find(uint32_t *parent, uint32_t v)
{
    while (parent[v] != v) {
        parent[v] = parent[parent[v]]; /* path halving */
        v = parent[v];
    }
    return v;
}

/* Numbers the part's vertices; returns how many, and fills corner_ids. */
static uint32_t number_vertices(const scene_closed_input *in, scratch *s, const scene_part *part,
                                uint32_t *corner_ids)
{
    uint32_t count = 0;
    for (uint32_t c = 0; c < part->index_count; ++c) {
        uint32_t v = in->indices[part->first_index + c];
        if (s->canon)
            v = s->canon[v];
        if (s->local[v] == NONE) {
            s->local[v] = count;
            s->global[count++] = v;
        }
        corner_ids[c] = s->local[v];
    }
    return count;
}

static int compare_ids(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* Sorts a vertex's edges: insertion for the few most vertices have, qsort
 * for a fan's hub (a cone's tip, a hostile file's million-triangle fan). */
static void sort_ids(uint32_t *ids, uint32_t count)
{
    if (count > 16) {
        qsort(ids, count, sizeof *ids, compare_ids);
        return;
    }
    for (uint32_t i = 1; i < count; ++i) {
        uint32_t id = ids[i], j = i;
        for (; j > 0 && ids[j - 1] > id; --j)
            ids[j] = ids[j - 1];
        ids[j] = id;
    }
}

static bool contains(const uint32_t *sorted, uint32_t count, uint32_t id)
{
    if (count <= 16) { /* most vertices: a scan mispredicts less than halving */
        bool found = false;
        for (uint32_t i = 0; i < count; ++i)
            found |= sorted[i] == id;
        return found;
    }
    uint32_t low = 0, high = count;
    while (low < high) {
        uint32_t middle = low + (high - low) / 2;
        if (sorted[middle] < id)
            low = middle + 1;
        else
            high = middle;
    }
    return low < count && sorted[low] == id;
}

/* Every edge once each way, between distinct positions: each vertex's
 * outgoing edges listed together and sorted; none twice among its own
 * vertex's (two triangles wound alike along it, or a third), and each
 * found backwards among the other vertex's. */
static bool edges_pair_up(scratch *s, const uint32_t *ids, uint32_t corners, uint32_t vertices)
{
    memset(s->start, 0, ((size_t)vertices + 1) * sizeof *s->start);
    for (uint32_t c = 0; c < corners; ++c)
        s->start[ids[c] + 1]++;
    for (uint32_t v = 0; v < vertices; ++v)
        s->start[v + 1] += s->start[v];
    memset(s->filled, 0, (size_t)vertices * sizeof *s->filled);
    for (uint32_t t = 0; t < corners; t += 3) {
        for (uint32_t k = 0; k < 3; ++k) {
            uint32_t a = ids[t + k], b = ids[t + (k + 1) % 3];
            if (a == b)
                return false;
            s->targets[s->start[a] + s->filled[a]++] = b;
        }
    }
    for (uint32_t a = 0; a < vertices; ++a) {
        uint32_t *list = s->targets + s->start[a], count = s->start[a + 1] - s->start[a];
        sort_ids(list, count);
        for (uint32_t i = 1; i < count; ++i)
            if (list[i] == list[i - 1])
                return false;
    }
    for (uint32_t a = 0; a < vertices; ++a) {
        for (uint32_t i = s->start[a]; i < s->start[a + 1]; ++i) {
            uint32_t b = s->targets[i];
            if (!contains(s->targets + s->start[b], s->start[b + 1] - s->start[b], a))
                return false;
        }
    }
    return true;
}

/* +1: each connected shell's volume positive, more than a millionth of
 * the cube on the part's size, so that a flat double-sided card (closed, but
 * no inside) is not taken for a solid on a rounding error; -1: each as
 * negative (the part is inside out); 0: neither. */
static int shells_enclose(const scene_closed_input *in, scratch *s, const scene_part *part,
                          const uint32_t *ids, uint32_t vertices)
{
    uint32_t corners = part->index_count;
    const uint32_t *indices = in->indices + part->first_index;
    for (uint32_t v = 0; v < vertices; ++v) {
        s->parent[v] = v;
        s->volume[v] = 0.0;
    }
    for (uint32_t t = 0; t < corners; t += 3) {
        uint32_t a = find(s->parent, ids[t]);
        for (uint32_t k = 1; k < 3; ++k) {
            uint32_t b = find(s->parent, ids[t + k]);
            if (a != b)
                s->parent[b] = a;
        }
    }
    /* About the first corner, so that a part far from the origin keeps its
     * precision. */
    const float *origin = position(in, indices[0]);
    double low[3] = {0.0, 0.0, 0.0}, high[3] = {0.0, 0.0, 0.0};
    for (uint32_t t = 0; t < corners; t += 3) {
        double p[3][3];
        for (int i = 0; i < 3; ++i) {
            const float *q = position(in, indices[t + (uint32_t)i]);
            for (int k = 0; k < 3; ++k) {
                p[i][k] = (double)q[k] - (double)origin[k];
                low[k] = p[i][k] < low[k] ? p[i][k] : low[k]; /* fmin is a call */
                high[k] = p[i][k] > high[k] ? p[i][k] : high[k];
            }
        }
        double six_volume = p[0][0] * (p[1][1] * p[2][2] - p[1][2] * p[2][1]) -
                            p[0][1] * (p[1][0] * p[2][2] - p[1][2] * p[2][0]) +
                            p[0][2] * (p[1][0] * p[2][1] - p[1][1] * p[2][0]);
        s->volume[find(s->parent, ids[t])] += six_volume;
    }
    double size = fmax(high[0] - low[0], fmax(high[1] - low[1], high[2] - low[2]));
    double least = 6.0 * 1e-6 * size * size * size;
    bool outward = true, inward = true;
    for (uint32_t v = 0; v < vertices; ++v) {
        if (s->parent[v] == v) {
            outward = outward && s->volume[v] > least;
            inward = inward && s->volume[v] < -least;
        }
    }
    return outward ? 1 : inward ? -1 : 0;
}

core_result scene_closed_mark(const scene_closed_input *input, scene_part *parts,
                              uint32_t part_count)
{
    uint32_t largest = 0;
    for (uint32_t p = 0; p < part_count; ++p) {
        parts[p].closed = parts[p].inside_out = false;
        largest = parts[p].index_count > largest ? parts[p].index_count : largest;
    }
    /* A closed surface has at least four triangles (a tetrahedron). */
    if (largest < 12 || input->vertex_count == 0)
        return CORE_OK;
    scratch s = {0};
    size_t most = largest; /* a part has at most as many vertices as corners */
    s.local = malloc((size_t)input->vertex_count * sizeof *s.local);
    s.global = malloc(most * sizeof *s.global);
    s.start = malloc((most + 1) * sizeof *s.start);
    s.filled = malloc(most * sizeof *s.filled);
    s.targets = malloc(most * sizeof *s.targets);
    s.parent = malloc(most * sizeof *s.parent);
    s.volume = malloc(most * sizeof *s.volume);
    uint32_t *ids = malloc(most * sizeof *ids);
    if (!input->positions_unique)
        s.canon = malloc((size_t)input->vertex_count * sizeof *s.canon);
    core_result r = CORE_OK;
    if (!s.local || !s.global || !s.start || !s.filled || !s.targets || !s.parent || !s.volume ||
        !ids || (!input->positions_unique && !s.canon))
        r = CORE_ERR_NO_MEMORY;
    if (r == CORE_OK && s.canon) {
        /* The weld reads packed positions: interleaved ones are copied out. */
        float *packed = NULL;
        if (input->stride && input->stride != 3) {
            packed = malloc((size_t)input->vertex_count * 3 * sizeof *packed);
            if (!packed)
                r = CORE_ERR_NO_MEMORY;
            for (uint32_t v = 0; packed && v < input->vertex_count; ++v)
                memcpy(&packed[(size_t)v * 3], position(input, v), 3 * sizeof *packed);
        }
        if (r == CORE_OK)
            r = scene_weld_positions(packed ? packed : input->positions, input->vertex_count,
                                     s.canon);
        free(packed);
    }
    if (r == CORE_OK)
        memset(s.local, 0xFF, (size_t)input->vertex_count * sizeof *s.local);
    for (uint32_t p = 0; r == CORE_OK && p < part_count; ++p) {
        const scene_part *part = &parts[p];
        if (part->index_count < 12 || part->index_count % 3 != 0)
            continue;
        uint32_t vertices = number_vertices(input, &s, part, ids);
        int enclosed = edges_pair_up(&s, ids, part->index_count, vertices)
                           ? shells_enclose(input, &s, part, ids, vertices)
                           : 0;
        parts[p].closed = enclosed > 0;
        parts[p].inside_out = enclosed < 0;
        for (uint32_t v = 0; v < vertices; ++v)
            s.local[s.global[v]] = NONE;
    }
    free(s.canon);
    free(s.local);
    free(s.global);
    free(s.start);
    free(s.filled);
    free(s.targets);
    free(s.parent);
    free(s.volume);
    free(ids);
    return r;
}

#define OWNER_NONE UINT32_MAX
#define OWNER_SHARED (UINT32_MAX - 1)

/* Reverses the part's winding and sets each of its vertices' normals to
 * agree with the (now outward) faces around it. */
static void turn_part(scene_mesh *mesh, const scene_part *part, float *face_sums)
{
    uint32_t *indices = mesh->indices + part->first_index;
    for (uint32_t t = 0; t < part->index_count; t += 3) {
        uint32_t swap = indices[t + 1];
        indices[t + 1] = indices[t + 2];
        indices[t + 2] = swap;
    }
    for (uint32_t c = 0; c < part->index_count; ++c)
        memset(&face_sums[(size_t)indices[c] * 3], 0, 3 * sizeof *face_sums);
    for (uint32_t t = 0; t < part->index_count; t += 3) {
        const float *a = &mesh->vertices[(size_t)indices[t] * SCENE_VERTEX_FLOATS];
        const float *b = &mesh->vertices[(size_t)indices[t + 1] * SCENE_VERTEX_FLOATS];
        const float *c = &mesh->vertices[(size_t)indices[t + 2] * SCENE_VERTEX_FLOATS];
        float u[3] = {b[0] - a[0], b[1] - a[1], b[2] - a[2]};
        float w[3] = {c[0] - a[0], c[1] - a[1], c[2] - a[2]};
        float n[3] = {u[1] * w[2] - u[2] * w[1], u[2] * w[0] - u[0] * w[2],
                      u[0] * w[1] - u[1] * w[0]}; /* area-weighted */
        for (uint32_t k = 0; k < 3; ++k)
            for (int i = 0; i < 3; ++i)
                face_sums[(size_t)indices[t + k] * 3 + (size_t)i] += n[i];
    }
    for (uint32_t c = 0; c < part->index_count; ++c) {
        float *normal = &mesh->vertices[(size_t)indices[c] * SCENE_VERTEX_FLOATS + 3];
        float *sum = &face_sums[(size_t)indices[c] * 3];
        if (normal[0] * sum[0] + normal[1] * sum[1] + normal[2] * sum[2] < 0.0f) {
            for (int i = 0; i < 3; ++i)
                normal[i] = -normal[i];
        }
        sum[0] = sum[1] = sum[2] = 0.0f; /* each vertex turned once */
    }
}

core_result scene_closed_turn_out(scene_mesh *mesh)
{
    bool any = false;
    for (uint32_t p = 0; p < mesh->part_count; ++p)
        any = any || mesh->parts[p].inside_out;
    if (!any)
        return CORE_OK;
    uint32_t *owner = malloc((size_t)mesh->vertex_count * sizeof *owner);
    float *face_sums = malloc((size_t)mesh->vertex_count * 3 * sizeof *face_sums);
    if (!owner || !face_sums) {
        free(owner);
        free(face_sums);
        return CORE_ERR_NO_MEMORY;
    }
    memset(owner, 0xFF, (size_t)mesh->vertex_count * sizeof *owner);
    for (uint32_t p = 0; p < mesh->part_count; ++p) {
        const scene_part *part = &mesh->parts[p];
        for (uint32_t c = 0; c < part->index_count; ++c) {
            uint32_t *o = &owner[mesh->indices[part->first_index + c]];
            *o = *o == OWNER_NONE || *o == p ? p : OWNER_SHARED;
        }
    }
    for (uint32_t p = 0; p < mesh->part_count; ++p) {
        scene_part *part = &mesh->parts[p];
        if (!part->inside_out)
            continue;
        part->inside_out = false;
        bool alone = true;
        for (uint32_t c = 0; c < part->index_count && alone; ++c)
            alone = owner[mesh->indices[part->first_index + c]] == p;
        if (!alone)
            continue;
        turn_part(mesh, part, face_sums);
        part->closed = part->turned_out = true;
        scene_mesh_warn(mesh,
                        "part '%s' is wound inside out (its faces turned inwards): drawn "
                        "turned the right way out",
                        part->name);
    }
    free(owner);
    free(face_sums);
    return CORE_OK;
}
