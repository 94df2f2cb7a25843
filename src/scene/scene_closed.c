#include "scene/scene_closed.h"
#include "scene/scene_weld.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define EMPTY UINT64_MAX

/* Scratch shared by every part, sized for the largest. */
typedef struct scratch {
    uint32_t *canon;   /* per vertex: the first vertex at its position (NULL: itself) */
    uint64_t *edges;   /* open-addressed set of directed edges, from << 32 | to */
    size_t edge_slots; /* the part's: a power of two, at least twice its edges */
    uint32_t *parent;  /* union-find over canonical vertices */
    double *volume;    /* per root vertex: six times its shell's signed volume */
} scratch;

static uint32_t canonical(const scene_closed_input *in, const scratch *s, uint32_t corner)
{
    uint32_t v = in->indices[corner];
    return s->canon ? s->canon[v] : v;
}

static size_t slot_of(uint64_t key, size_t slots)
{
    /* Fibonacci hashing: the ids of neighbouring edges differ in low bits. */
    return (size_t)((key * 0x9E3779B97F4A7C15ull) >> 32) & (slots - 1);
}

/* Adds a directed edge; false if it was already there (two triangles wound
 * alike along it, or three sharing it). */
static bool insert_edge(scratch *s, uint64_t key)
{
    size_t i = slot_of(key, s->edge_slots);
    while (s->edges[i] != EMPTY) {
        if (s->edges[i] == key)
            return false;
        i = (i + 1) & (s->edge_slots - 1);
    }
    s->edges[i] = key;
    return true;
}

static bool has_edge(const scratch *s, uint64_t key)
{
    size_t i = slot_of(key, s->edge_slots);
    while (s->edges[i] != EMPTY) {
        if (s->edges[i] == key)
            return true;
        i = (i + 1) & (s->edge_slots - 1);
    }
    return false;
}

static uint32_t find(uint32_t *parent, uint32_t v)
{
    while (parent[v] != v) {
        parent[v] = parent[parent[v]]; /* path halving */
        v = parent[v];
    }
    return v;
}

static uint64_t edge_key(uint32_t from, uint32_t to)
{
    return (uint64_t)from << 32 | to;
}

/* Every edge once each way, between distinct positions. */
static bool edges_pair_up(const scene_closed_input *in, scratch *s, const scene_part *part)
{
    uint32_t first = part->first_index, end = part->first_index + part->index_count;
    /* A table at most half full, for this part: the largest part's is allocated. */
    s->edge_slots = 16;
    while (s->edge_slots < 2 * (size_t)part->index_count)
        s->edge_slots *= 2;
    memset(s->edges, 0xFF, s->edge_slots * sizeof *s->edges);
    for (uint32_t t = first; t < end; t += 3) {
        uint32_t v[3] = {canonical(in, s, t), canonical(in, s, t + 1), canonical(in, s, t + 2)};
        for (int k = 0; k < 3; ++k) {
            uint32_t a = v[k], b = v[(k + 1) % 3];
            if (a == b || !insert_edge(s, edge_key(a, b)))
                return false;
        }
    }
    for (uint32_t t = first; t < end; t += 3) {
        uint32_t v[3] = {canonical(in, s, t), canonical(in, s, t + 1), canonical(in, s, t + 2)};
        for (int k = 0; k < 3; ++k) {
            if (!has_edge(s, edge_key(v[(k + 1) % 3], v[k])))
                return false;
        }
    }
    return true;
}

/* Each connected shell's volume positive: more than a millionth of the
 * cube on the part's size, so that a flat double-sided card (closed, but no
 * inside) is not taken for a solid on a rounding error. */
static bool shells_enclose(const scene_closed_input *in, scratch *s, const scene_part *part)
{
    uint32_t first = part->first_index, end = part->first_index + part->index_count;
    const float *origin = &in->positions[(size_t)in->indices[first] * 3];
    float low[3], high[3];
    memcpy(low, origin, sizeof low);
    memcpy(high, origin, sizeof high);
    for (uint32_t c = first; c < end; ++c) {
        uint32_t v = canonical(in, s, c);
        s->parent[v] = v;
        s->volume[v] = 0.0;
        const float *p = &in->positions[(size_t)in->indices[c] * 3];
        for (int k = 0; k < 3; ++k) {
            low[k] = fminf(low[k], p[k]);
            high[k] = fmaxf(high[k], p[k]);
        }
    }
    for (uint32_t t = first; t < end; t += 3) {
        uint32_t a = find(s->parent, canonical(in, s, t));
        for (int k = 1; k < 3; ++k) {
            uint32_t b = find(s->parent, canonical(in, s, t + (uint32_t)k));
            if (a != b)
                s->parent[b] = a;
        }
    }
    /* About the first corner, so that a part far from the origin keeps its
     * precision. */
    for (uint32_t t = first; t < end; t += 3) {
        double p[3][3];
        for (int i = 0; i < 3; ++i) {
            const float *q = &in->positions[(size_t)in->indices[t + (uint32_t)i] * 3];
            for (int k = 0; k < 3; ++k)
                p[i][k] = (double)q[k] - (double)origin[k];
        }
        double six_volume = p[0][0] * (p[1][1] * p[2][2] - p[1][2] * p[2][1]) -
                            p[0][1] * (p[1][0] * p[2][2] - p[1][2] * p[2][0]) +
                            p[0][2] * (p[1][0] * p[2][1] - p[1][1] * p[2][0]);
        s->volume[find(s->parent, canonical(in, s, t))] += six_volume;
    }
    double size = 0.0;
    for (int k = 0; k < 3; ++k)
        size = fmax(size, (double)high[k] - (double)low[k]);
    double least = 6.0 * 1e-6 * size * size * size;
    for (uint32_t c = first; c < end; ++c) {
        uint32_t v = canonical(in, s, c);
        if (s->parent[v] == v && !(s->volume[v] > least))
            return false;
    }
    return true;
}

core_result scene_closed_mark(const scene_closed_input *input, scene_part *parts,
                              uint32_t part_count)
{
    uint32_t largest = 0;
    for (uint32_t p = 0; p < part_count; ++p) {
        parts[p].closed = false;
        largest = parts[p].index_count > largest ? parts[p].index_count : largest;
    }
    /* A closed surface has at least four triangles (a tetrahedron). */
    if (largest < 12 || input->vertex_count == 0)
        return CORE_OK;
    scratch s = {0};
    s.edge_slots = 16;
    while (s.edge_slots < 2 * (size_t)largest)
        s.edge_slots *= 2;
    s.edges = malloc(s.edge_slots * sizeof *s.edges);
    s.parent = malloc((size_t)input->vertex_count * sizeof *s.parent);
    s.volume = malloc((size_t)input->vertex_count * sizeof *s.volume);
    if (!input->positions_unique)
        s.canon = malloc((size_t)input->vertex_count * sizeof *s.canon);
    core_result r = CORE_OK;
    if (!s.edges || !s.parent || !s.volume || (!input->positions_unique && !s.canon))
        r = CORE_ERR_NO_MEMORY;
    if (r == CORE_OK && s.canon)
        r = scene_weld_positions(input->positions, input->vertex_count, s.canon);
    for (uint32_t p = 0; r == CORE_OK && p < part_count; ++p) {
        const scene_part *part = &parts[p];
        if (part->index_count < 12 || part->index_count % 3 != 0)
            continue;
        parts[p].closed = edges_pair_up(input, &s, part) && shells_enclose(input, &s, part);
    }
    free(s.canon);
    free(s.edges);
    free(s.parent);
    free(s.volume);
    return r;
}
