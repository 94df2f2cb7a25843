/* scene_decimate: the coarse mesh the viewer draws while something moves
 * (docs/viewer.md, "On a software renderer"). Meshes built here: a UV
 * sphere of two parts and a tiny third part. */
#include "../check.h"

#include "scene/scene_decimate.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct builder {
    float *vertices;
    uint32_t vertex_count;
    uint32_t *indices;
    uint32_t index_count;
} builder;

static uint32_t add_vertex(builder *b, const float p[3], const float n[3])
{
    b->vertices =
        realloc(b->vertices, (b->vertex_count + 1u) * SCENE_VERTEX_FLOATS * sizeof(float));
    float *v = b->vertices + (size_t)b->vertex_count * SCENE_VERTEX_FLOATS;
    float values[SCENE_VERTEX_FLOATS] = {p[0], p[1], p[2], n[0], n[1], n[2],
                                         0.5f, 0.5f, 1.0f, 1.0f, 1.0f};
    memcpy(v, values, sizeof values);
    return b->vertex_count++;
}

static void add_triangle(builder *b, uint32_t i, uint32_t j, uint32_t k)
{
    b->indices = realloc(b->indices, (b->index_count + 3u) * sizeof(uint32_t));
    b->indices[b->index_count++] = i;
    b->indices[b->index_count++] = j;
    b->indices[b->index_count++] = k;
}

/* Rows [row0, row1) of a UV sphere of radius r about the origin, with
 * slices around: 2 x slices triangles a row (fewer at the poles). */
static void add_sphere_rows(builder *b, float r, int slices, int stacks, int row0, int row1)
{
    uint32_t base = b->vertex_count;
    for (int s = row0; s <= row1; ++s) {
        float theta = 3.14159265f * (float)s / (float)stacks;
        for (int a = 0; a < slices; ++a) {
            float phi = 2.0f * 3.14159265f * (float)a / (float)slices;
            float n[3] = {sinf(theta) * cosf(phi), cosf(theta), sinf(theta) * sinf(phi)};
            float p[3] = {r * n[0], r * n[1], r * n[2]};
            add_vertex(b, p, n);
        }
    }
    for (int s = 0; s < row1 - row0; ++s)
        for (int a = 0; a < slices; ++a) {
            uint32_t i = base + (uint32_t)(s * slices + a);
            uint32_t j = base + (uint32_t)(s * slices + (a + 1) % slices);
            uint32_t k = i + (uint32_t)slices, l = j + (uint32_t)slices;
            if (s + row0 > 0)
                add_triangle(b, i, j, l);
            if (s + row0 + 1 < stacks)
                add_triangle(b, i, l, k);
        }
}

static scene_mesh make_mesh(builder *b, int slices, int stacks)
{
    scene_mesh mesh = {0};
    mesh.parts = calloc(3, sizeof *mesh.parts);
    mesh.part_count = 3;
    const char *names[3] = {"top", "bottom", "speck"};
    uint32_t first = 0;
    for (uint32_t p = 0; p < 3; ++p) {
        if (p == 0)
            add_sphere_rows(b, 20.0f, slices, stacks, 0, stacks / 2);
        else if (p == 1)
            add_sphere_rows(b, 20.0f, slices, stacks, stacks / 2, stacks);
        else { /* two triangles 0.05 mm across on the equator: far below a cell */
            float n[3] = {1, 0, 0};
            float q[4][3] = {
                {20.0f, 0, 0}, {20.0f, 0.05f, 0}, {20.0f, 0.05f, 0.05f}, {20.0f, 0, 0.05f}};
            uint32_t i = add_vertex(b, q[0], n), j = add_vertex(b, q[1], n),
                     k = add_vertex(b, q[2], n), l = add_vertex(b, q[3], n);
            add_triangle(b, i, j, k);
            add_triangle(b, i, k, l);
        }
        snprintf(mesh.parts[p].name, sizeof mesh.parts[p].name, "%s", names[p]);
        mesh.parts[p].paint.color[0] = 0.1f * (float)(p + 1);
        mesh.parts[p].material = p;
        mesh.parts[p].first_index = first;
        mesh.parts[p].index_count = b->index_count - first;
        first = b->index_count;
    }
    mesh.vertices = b->vertices;
    mesh.vertex_count = b->vertex_count;
    mesh.indices = b->indices;
    mesh.index_count = b->index_count;
    for (int k = 0; k < 3; ++k) {
        mesh.bounds.min[k] = INFINITY;
        mesh.bounds.max[k] = -INFINITY;
    }
    for (uint32_t v = 0; v < mesh.vertex_count; ++v)
        for (int k = 0; k < 3; ++k) {
            float x = mesh.vertices[(size_t)v * SCENE_VERTEX_FLOATS + (size_t)k];
            mesh.bounds.min[k] = fminf(mesh.bounds.min[k], x);
            mesh.bounds.max[k] = fmaxf(mesh.bounds.max[k], x);
        }
    mesh.bounds.radius = 20.0f;
    return mesh;
}

static void check_decimated(const scene_mesh *mesh, const scene_decimated *d, uint32_t budget)
{
    const scene_mesh *c = &d->mesh;
    CHECK(c->index_count % 3u == 0);
    CHECK(c->index_count / 3u <= budget);
    /* Not collapsed to nothing: a coarse sphere, not a few slivers. */
    CHECK(c->index_count / 3u >= budget / 4u);
    CHECK(c->vertex_count < mesh->vertex_count);
    /* The parts kept, in order, with what they are drawn with. */
    CHECK(c->part_count == mesh->part_count);
    uint32_t next = 0;
    for (uint32_t p = 0; p < c->part_count && p < mesh->part_count; ++p) {
        CHECK(strcmp(c->parts[p].name, mesh->parts[p].name) == 0);
        CHECK(c->parts[p].paint.color[0] == mesh->parts[p].paint.color[0]);
        CHECK(c->parts[p].material == mesh->parts[p].material);
        CHECK(c->parts[p].first_index == next);
        CHECK(c->parts[p].index_count > 0);
        CHECK(!c->parts[p].closed); /* clustering is not known to keep a solid closed */
        next += c->parts[p].index_count;
    }
    CHECK(next == c->index_count);
    /* The tiny part is below any cell: kept whole. */
    CHECK(c->part_count == 3 && c->parts[2].index_count == 6);
    for (uint32_t i = 0; i < c->index_count; ++i)
        CHECK(c->indices[i] < c->vertex_count);
    /* Inside the source's bounds, at most a cell in from them; unit normals
     * facing out of the sphere. */
    CHECK(d->cell_mm > 0.0f);
    float lo[3] = {INFINITY, INFINITY, INFINITY}, hi[3] = {-INFINITY, -INFINITY, -INFINITY};
    int outward = 0;
    for (uint32_t v = 0; v < c->vertex_count; ++v) {
        const float *x = c->vertices + (size_t)v * SCENE_VERTEX_FLOATS;
        for (int k = 0; k < 3; ++k) {
            CHECK(x[k] >= mesh->bounds.min[k] - 1e-4f && x[k] <= mesh->bounds.max[k] + 1e-4f);
            lo[k] = fminf(lo[k], x[k]);
            hi[k] = fmaxf(hi[k], x[k]);
        }
        CHECK_NEAR(sqrtf(x[3] * x[3] + x[4] * x[4] + x[5] * x[5]), 1.0, 1e-4);
        outward += x[0] * x[3] + x[1] * x[4] + x[2] * x[5] > 0.0f ? 1 : 0;
    }
    CHECK(outward == (int)c->vertex_count);
    for (int k = 0; k < 3; ++k) {
        CHECK(lo[k] - mesh->bounds.min[k] <= d->cell_mm);
        CHECK(mesh->bounds.max[k] - hi[k] <= d->cell_mm);
    }
    CHECK(memcmp(&c->bounds, &mesh->bounds, sizeof c->bounds) == 0);
    /* Every source vertex a triangle uses has a coarse vertex. */
    CHECK(d->source_vertex_count == mesh->vertex_count);
    for (uint32_t i = 0; i < mesh->index_count; ++i)
        CHECK(d->remap[mesh->indices[i]] < c->vertex_count);
}

int main(void)
{
    builder b = {0};
    scene_mesh mesh = make_mesh(&b, 200, 100); /* about 40,000 triangles */
    CHECK(mesh.index_count / 3u > 39000u);
    for (uint32_t p = 0; p < mesh.part_count; ++p)
        mesh.parts[p].closed = true; /* as if scene_closed_mark had found it so */
    for (uint32_t budget = 2000; budget <= 8000; budget *= 2) {
        scene_decimated d;
        CHECK(scene_decimate(&mesh, budget, &d) == CORE_OK);
        check_decimated(&mesh, &d, budget);
        scene_decimated_unload(&d);
        CHECK(d.mesh.vertices == NULL && d.remap == NULL);
    }
    /* Within the budget already: the mesh as it was. */
    scene_decimated same;
    CHECK(scene_decimate(&mesh, mesh.index_count / 3u, &same) == CORE_OK);
    CHECK(same.cell_mm == 0.0f);
    CHECK(same.mesh.index_count == mesh.index_count && same.mesh.vertex_count == mesh.vertex_count);
    CHECK(memcmp(same.mesh.indices, mesh.indices, mesh.index_count * sizeof(uint32_t)) == 0);
    CHECK(same.mesh.vertices != mesh.vertices);
    CHECK(same.mesh.parts[0].closed); /* the mesh as it was, closed as it was */
    scene_decimated_unload(&same);
    scene_mesh_unload(&mesh);
    return check_done("test_decimate");
}
