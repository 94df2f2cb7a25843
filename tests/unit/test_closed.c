/* scene_closed_mark through scene_mesh_from_model: which parts are closed
 * solids wound outwards (render leaves their back faces out). */
#include "../check.h"
#include "io/io_model.h"
#include "scene/scene_mesh.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A unit cube's 12 triangles, wound outwards, on corners numbered from 1
 * (bit 0 of the number less one x, bit 1 y, bit 2 z). */
static const int faces[12][3] = {{1, 3, 4}, {1, 4, 2}, {5, 6, 8}, {5, 8, 7}, {1, 2, 6}, {1, 6, 5},
                                 {3, 7, 8}, {3, 8, 4}, {1, 5, 7}, {1, 7, 3}, {2, 4, 8}, {2, 8, 6}};

/* A unit cube's corners and its 12 triangles, wound outwards, from vertex `at`. */
static void append_cube(char *text, size_t size, float x, int at, bool inverted)
{
    size_t n = strlen(text);
    for (int c = 0; c < 8; ++c)
        n += (size_t)snprintf(text + n, size - n, "v %g %d %d\n", x + (float)(c & 1), (c >> 1) & 1,
                              (c >> 2) & 1);
    for (int f = 0; f < 12; ++f) {
        int a = faces[f][0] + at, b = faces[f][1] + at, c = faces[f][2] + at;
        if (inverted)
            n += (size_t)snprintf(text + n, size - n, "f %d %d %d\n", a, c, b);
        else
            n += (size_t)snprintf(text + n, size - n, "f %d %d %d\n", a, b, c);
    }
}

static scene_mesh load(const char *text, scene_split split)
{
    io_model model;
    scene_mesh mesh = {0};
    CHECK(io_model_load_memory(text, strlen(text), "test.obj", NULL, NULL, &model) == CORE_OK);
    scene_mesh_desc desc = {.split = split};
    CHECK(scene_mesh_from_model(&model, &desc, &mesh) == CORE_OK);
    io_model_unload(&model);
    return mesh;
}

static bool first_part_closed(const char *text)
{
    scene_mesh mesh = load(text, SCENE_SPLIT_NONE);
    bool closed = mesh.part_count > 0 && mesh.parts[0].closed;
    scene_mesh_unload(&mesh);
    return closed;
}

/* Drops the line of the n-th face (from 0). */
static void drop_face(char *text, int n)
{
    char *line = text;
    for (int seen = -1;; ++line) {
        line = strstr(line, "f ");
        if (!line || ++seen == n)
            break;
    }
    char *end = strchr(line, '\n') + 1;
    memmove(line, end, strlen(end) + 1);
}

/* Every triangle of the part wound outwards (its winding's normal away from
 * the part's centre) and every vertex normal pointing out. */
static bool outward(const scene_mesh *mesh, uint32_t p)
{
    const scene_part *part = &mesh->parts[p];
    const float *centre = part->sphere;
    bool out = true;
    for (uint32_t t = 0; t < part->index_count; t += 3) {
        const uint32_t *corner = &mesh->indices[part->first_index + t];
        const float *a = &mesh->vertices[(size_t)corner[0] * SCENE_VERTEX_FLOATS];
        const float *b = &mesh->vertices[(size_t)corner[1] * SCENE_VERTEX_FLOATS];
        const float *c = &mesh->vertices[(size_t)corner[2] * SCENE_VERTEX_FLOATS];
        float u[3] = {b[0] - a[0], b[1] - a[1], b[2] - a[2]};
        float w[3] = {c[0] - a[0], c[1] - a[1], c[2] - a[2]};
        float n[3] = {u[1] * w[2] - u[2] * w[1], u[2] * w[0] - u[0] * w[2],
                      u[0] * w[1] - u[1] * w[0]};
        float d = 0.0f;
        for (int i = 0; i < 3; ++i)
            d += n[i] * ((a[i] + b[i] + c[i]) / 3.0f - centre[i]);
        out = out && d > 0.0f;
        for (int k = 0; k < 3; ++k) {
            const float *v = &mesh->vertices[(size_t)corner[k] * SCENE_VERTEX_FLOATS];
            float e = 0.0f;
            for (int i = 0; i < 3; ++i)
                e += v[3 + i] * (v[i] - centre[i]);
            out = out && e > 0.0f;
        }
    }
    return out;
}

/* A cube wound inwards, with `normals` "none", "out" or "in": its file
 * normals (one per corner, along the corner's direction from the centre). */
static void inverted_cube(char *text, size_t size, const char *normals)
{
    text[0] = '\0';
    append_cube(text, size, 0.0f, 0, true);
    if (strcmp(normals, "none") == 0)
        return;
    float sign = strcmp(normals, "out") == 0 ? 1.0f : -1.0f;
    char with_normals[4096] = "";
    size_t n = 0;
    for (int c = 0; c < 8; ++c)
        n += (size_t)snprintf(with_normals + n, sizeof with_normals - n, "vn %g %g %g\n",
                              sign * ((float)(c & 1) - 0.5f), sign * ((float)((c >> 1) & 1) - 0.5f),
                              sign * ((float)((c >> 2) & 1) - 0.5f));
    for (const char *line = text; *line; line = strchr(line, '\n') + 1) {
        int a, b, c;
        if (sscanf(line, "f %d %d %d", &a, &b, &c) == 3)
            n += (size_t)snprintf(with_normals + n, sizeof with_normals - n,
                                  "f %d//%d %d//%d %d//%d\n", a, a, b, b, c, c);
        else
            n += (size_t)snprintf(with_normals + n, sizeof with_normals - n, "%.*s",
                                  (int)(strchr(line, '\n') + 1 - line), line);
    }
    memcpy(text, with_normals, n + 1);
}

/* A part wound inside out is turned: closed, wound and facing outwards,
 * whatever its file's normals said; one sharing a vertex is left alone. */
static void check_turned_out(void)
{
    static const char *const normals[] = {"none", "out", "in"};
    for (int k = 0; k < 3; ++k) {
        char text[4096];
        inverted_cube(text, sizeof text, normals[k]);
        scene_mesh mesh = load(text, SCENE_SPLIT_NONE);
        CHECK(mesh.part_count == 1 && mesh.parts[0].closed && mesh.parts[0].turned_out);
        CHECK(!mesh.parts[0].inside_out);
        CHECK(mesh.part_count == 1 && outward(&mesh, 0));
        CHECK(mesh.warning_count == 1 && strstr(mesh.warnings[0], "wound inside out"));
        scene_mesh_unload(&mesh);
    }
    char right[4096] = "";
    append_cube(right, sizeof right, 0.0f, 0, false);
    scene_mesh mesh = load(right, SCENE_SPLIT_NONE);
    CHECK(mesh.parts[0].closed && !mesh.parts[0].turned_out && outward(&mesh, 0));
    CHECK(mesh.warning_count == 0);
    scene_mesh_unload(&mesh);

    /* Sharing a vertex (position and normal) with another part: left as it is. */
    char shared[4096] = "o cube\n";
    inverted_cube(shared + strlen(shared), sizeof shared - strlen(shared), "out");
    strcat(shared, "o card\nv 3 0 0\nv 3 1 0\nf 1//1 9 10\n");
    mesh = load(shared, SCENE_SPLIT_NONE);
    CHECK(mesh.part_count == 2 && !mesh.parts[0].closed && !mesh.parts[0].turned_out);
    scene_mesh_unload(&mesh);

    /* A solid beside one turned inside out: not every shell encloses, so
     * neither closed nor turned as one part; split, the inverted one is. */
    char one_inverted[4096] = "";
    append_cube(one_inverted, sizeof one_inverted, 0.0f, 0, false);
    append_cube(one_inverted, sizeof one_inverted, 3.0f, 8, true);
    CHECK(!first_part_closed(one_inverted));
    mesh = load(one_inverted, SCENE_SPLIT_NONE);
    CHECK(!mesh.parts[0].turned_out);
    scene_mesh_unload(&mesh);
    mesh = load(one_inverted, SCENE_SPLIT_SHELLS);
    CHECK(mesh.part_count == 2);
    uint32_t turned = 0;
    for (uint32_t p = 0; p < mesh.part_count; ++p) {
        CHECK(mesh.parts[p].closed && outward(&mesh, p));
        turned += mesh.parts[p].turned_out;
    }
    CHECK(turned == 1);
    scene_mesh_unload(&mesh);
}

int main(void)
{
    char text[4096] = "";
    append_cube(text, sizeof text, 0.0f, 0, false);
    CHECK(first_part_closed(text)); /* creased: split normals, welded back */

    char open[4096];
    memcpy(open, text, sizeof open);
    drop_face(open, 5);
    CHECK(!first_part_closed(open)); /* a hole */

    check_turned_out();

    char mixed[4096];
    memcpy(mixed, text, sizeof mixed);
    char *face = strstr(mixed, "f 1 3 4");
    CHECK(face != NULL);
    if (face)
        memcpy(face, "f 1 4 3", 7); /* one triangle turned over */
    CHECK(!first_part_closed(mixed));

    /* Two solids in one part: closed; split into shells, both parts are. */
    char two[4096] = "";
    append_cube(two, sizeof two, 0.0f, 0, false);
    append_cube(two, sizeof two, 3.0f, 8, false);
    CHECK(first_part_closed(two));
    scene_mesh split = load(two, SCENE_SPLIT_SHELLS);
    CHECK(split.part_count == 2);
    for (uint32_t p = 0; p < split.part_count; ++p)
        CHECK(split.parts[p].closed);
    scene_mesh_unload(&split);

    /* A solid and an open sheet in one part: open as a whole, but split
     * into shells the solid's part is closed (judged again after the split). */
    char solid_and_sheet[4096] = "";
    append_cube(solid_and_sheet, sizeof solid_and_sheet, 0.0f, 0, false);
    strcat(solid_and_sheet, "v 5 0 0\nv 6 0 0\nv 6 1 0\nv 5 1 0\nf 9 10 11\nf 9 11 12\n");
    CHECK(!first_part_closed(solid_and_sheet));
    scene_mesh shells = load(solid_and_sheet, SCENE_SPLIT_SHELLS);
    CHECK(shells.part_count == 2);
    uint32_t closed_parts = 0, closed_triangles = 0;
    for (uint32_t p = 0; p < shells.part_count; ++p) {
        closed_parts += shells.parts[p].closed;
        closed_triangles += shells.parts[p].closed ? shells.parts[p].index_count / 3 : 0;
    }
    CHECK(closed_parts == 1 && closed_triangles == 12);
    scene_mesh_unload(&shells);


    /* Two flat cards, each a triangle drawn from both sides: every edge
     * once each way, but no inside. */
    CHECK(!first_part_closed("v 0 0 0\nv 1 0 0\nv 0 1 0\nv 3 0 0\nv 4 0 0\nv 3 1 0\n"
                             "f 1 2 3\nf 1 3 2\nf 4 5 6\nf 4 6 5\n"));
    /* A tetrahedron, the least a solid takes. */
    CHECK(first_part_closed("v 0 0 0\nv 1 0 0\nv 0 1 0\nv 0 0 1\n"
                            "f 1 3 2\nf 1 2 4\nf 1 4 3\nf 2 3 4\n"));

    /* A triangle soup (each corner its own vertex, as an STL before
     * welding) is welded by position. */
    char soup[8192] = "";
    {
        size_t n = 0;
        for (int f = 0; f < 12; ++f)
            for (int k = 0; k < 3; ++k) {
                int c = faces[f][k] - 1;
                n += (size_t)snprintf(soup + n, sizeof soup - n, "v %d %d %d\n", c & 1,
                                      (c >> 1) & 1, (c >> 2) & 1);
            }
        for (int f = 0; f < 12; ++f)
            n += (size_t)snprintf(soup + n, sizeof soup - n, "f %d %d %d\n", 3 * f + 1, 3 * f + 2,
                                  3 * f + 3);
    }
    CHECK(first_part_closed(soup));

    /* Two parts: a solid and an open sheet, each judged alone. */
    char parts[4096] = "o solid\n";
    append_cube(parts, sizeof parts, 0.0f, 0, false);
    strcat(parts, "o sheet\nv 5 0 0\nv 6 0 0\nv 6 1 0\nv 5 1 0\nf 9 10 11\nf 9 11 12\n");
    scene_mesh two_parts = load(parts, SCENE_SPLIT_NONE);
    CHECK(two_parts.part_count == 2);
    if (two_parts.part_count == 2)
        CHECK(two_parts.parts[0].closed && !two_parts.parts[1].closed);
    scene_mesh_unload(&two_parts);
    /* A cone of 3000 segments: two fans whose hubs have 3000 edges each
     * (sorted, not scanned), closed; without its base, open. */
    {
        enum { N = 3000 };
        size_t size = (size_t)N * 96 + 256, n = 0;
        char *cone = malloc(size);
        CHECK(cone != NULL);
        if (cone) {
            n += (size_t)snprintf(cone + n, size - n, "v 0 10 0\nv 0 0 0\n");
            for (int i = 0; i < N; ++i)
                n += (size_t)snprintf(cone + n, size - n, "v %.6f 0 %.6f\n",
                                      5.0 * cos(6.283185307179586 * i / N),
                                      5.0 * sin(6.283185307179586 * i / N));
            for (int i = 0; i < N; ++i) /* the side, seen from outside: apex, next, this */
                n += (size_t)snprintf(cone + n, size - n, "f 1 %d %d\n", 3 + (i + 1) % N, 3 + i);
            size_t base = n;
            for (int i = 0; i < N; ++i) /* the base, seen from below */
                n += (size_t)snprintf(cone + n, size - n, "f 2 %d %d\n", 3 + i, 3 + (i + 1) % N);
            CHECK(first_part_closed(cone));
            cone[base] = '\0';
            CHECK(!first_part_closed(cone));
            free(cone);
        }
    }
    return check_done("test_closed");
}
