/* scene: the up axis, the file's units and shells as parts, on models built
 * here (io's structs filled by hand, as a reader would fill them). */
#include "../check.h"

#include "io/io_model.h"
#include "scene/scene_mesh.h"
#include "scene/scene_shells.h"

#include <stdlib.h>
#include <string.h>

/* Triangles being built, in the file's frame. */
typedef struct builder {
    float *positions;
    uint32_t vertex_count, vertex_capacity;
    uint32_t *indices;
    uint32_t index_count, index_capacity;
} builder;

static uint32_t add_vertex(builder *b, float x, float y, float z)
{
    if (b->vertex_count == b->vertex_capacity) {
        b->vertex_capacity = b->vertex_capacity ? 2 * b->vertex_capacity : 64;
        b->positions = realloc(b->positions, 3 * sizeof(float) * b->vertex_capacity);
    }
    float *p = &b->positions[3 * b->vertex_count];
    p[0] = x, p[1] = y, p[2] = z;
    return b->vertex_count++;
}

static void add_triangle(builder *b, uint32_t i, uint32_t j, uint32_t k)
{
    if (b->index_count + 3 > b->index_capacity) {
        b->index_capacity = b->index_capacity ? 2 * b->index_capacity : 192;
        b->indices = realloc(b->indices, sizeof(uint32_t) * b->index_capacity);
    }
    b->indices[b->index_count++] = i;
    b->indices[b->index_count++] = j;
    b->indices[b->index_count++] = k;
}

/* A triangle of its own three vertices (a soup): connected to its neighbours
 * only through equal positions, as in an OBJ with seams. */
static void add_soup_triangle(builder *b, const float *p, const float *q, const float *r)
{
    uint32_t i = add_vertex(b, p[0], p[1], p[2]), j = add_vertex(b, q[0], q[1], q[2]),
             k = add_vertex(b, r[0], r[1], r[2]);
    add_triangle(b, i, j, k);
}

/* A UV sphere about `c` with its poles on the file's Z axis; 2 x slices x
 * (stacks - 1) triangles. Shared vertices unless `soup`. */
static void add_sphere(builder *b, const float *c, float r, int slices, int stacks, bool soup)
{
    float(*grid)[3] = malloc(sizeof *grid * (size_t)(slices * (stacks + 1)));
    uint32_t *id = malloc(sizeof *id * (size_t)(slices * (stacks + 1)));
    for (int s = 0; s <= stacks; ++s) {
        float theta = 3.14159265f * (float)s / (float)stacks;
        for (int a = 0; a < slices; ++a) {
            float phi = 2.0f * 3.14159265f * (float)a / (float)slices;
            float *p = grid[s * slices + a];
            /* One point at each pole, so the caps close. */
            float ring = (s == 0 || s == stacks) ? 0.0f : sinf(theta);
            p[0] = c[0] + r * ring * cosf(phi);
            p[1] = c[1] + r * ring * sinf(phi);
            p[2] = c[2] + r * (s == 0 ? 1.0f : s == stacks ? -1.0f : cosf(theta));
            if (!soup)
                id[s * slices + a] = (s == 0 || s == stacks) && a > 0
                                         ? id[s * slices]
                                         : add_vertex(b, p[0], p[1], p[2]);
        }
    }
    for (int s = 0; s < stacks; ++s) {
        for (int a = 0; a < slices; ++a) {
            int i00 = s * slices + a, i01 = s * slices + (a + 1) % slices;
            int i10 = (s + 1) * slices + a, i11 = (s + 1) * slices + (a + 1) % slices;
            if (s > 0) { /* the top cap's quads are one triangle */
                if (soup)
                    add_soup_triangle(b, grid[i00], grid[i10], grid[i01]);
                else
                    add_triangle(b, id[i00], id[i10], id[i01]);
            }
            if (s < stacks - 1) {
                if (soup)
                    add_soup_triangle(b, grid[i01], grid[i10], grid[i11]);
                else
                    add_triangle(b, id[i01], id[i10], id[i11]);
            }
        }
    }
    free(grid);
    free(id);
}

static void add_box(builder *b, const float *lo, const float *hi)
{
    uint32_t v[8];
    for (int i = 0; i < 8; ++i)
        v[i] = add_vertex(b, i & 1 ? hi[0] : lo[0], i & 2 ? hi[1] : lo[1], i & 4 ? hi[2] : lo[2]);
    static const int faces[6][4] = {{0, 2, 3, 1}, {4, 5, 7, 6}, {0, 1, 5, 4},
                                    {2, 6, 7, 3}, {0, 4, 6, 2}, {1, 3, 7, 5}};
    for (int f = 0; f < 6; ++f) {
        add_triangle(b, v[faces[f][0]], v[faces[f][1]], v[faces[f][2]]);
        add_triangle(b, v[faces[f][0]], v[faces[f][2]], v[faces[f][3]]);
    }
}

static void builder_free(builder *b)
{
    free(b->positions);
    free(b->indices);
    memset(b, 0, sizeof *b);
}

/* A model as a reader gives it: one part, one material. */
typedef struct file {
    io_model model;
    io_part part;
    io_material material;
} file;

static void as_file(file *f, const builder *b, io_format format, bool positions_unique)
{
    memset(f, 0, sizeof *f);
    snprintf(f->material.name, sizeof f->material.name, "grey");
    f->material.base_color[0] = f->material.base_color[1] = f->material.base_color[2] = 0.5f;
    f->material.opacity = 1.0f;
    snprintf(f->part.name, sizeof f->part.name, "solid");
    f->part.index_count = b->index_count;
    f->model.format = format;
    f->model.positions = b->positions;
    f->model.vertex_count = b->vertex_count;
    f->model.indices = b->indices;
    f->model.index_count = b->index_count;
    f->model.parts = &f->part;
    f->model.part_count = 1;
    f->model.materials = &f->material;
    f->model.material_count = 1;
    f->model.positions_unique = positions_unique;
}

static void cross(const float *a, const float *b, float *out)
{
    out[0] = a[1] * b[2] - a[2] * b[1];
    out[1] = a[2] * b[0] - a[0] * b[2];
    out[2] = a[0] * b[1] - a[1] * b[0];
}

static void test_each_up_axis_is_a_rotation(void)
{
    /* Each axis: the file's up, and the file's direction that ends as the
     * front (+Z), as docs/models.md lists them. */
    static const struct {
        scene_up up;
        float file_up[3], file_front[3];
    } axes[] = {{SCENE_UP_POS_Y, {0, 1, 0}, {0, 0, 1}},   {SCENE_UP_POS_Z, {0, 0, 1}, {0, -1, 0}},
                {SCENE_UP_NEG_Y, {0, -1, 0}, {0, 0, -1}}, {SCENE_UP_NEG_Z, {0, 0, -1}, {0, 1, 0}},
                {SCENE_UP_POS_X, {1, 0, 0}, {0, 0, 1}},   {SCENE_UP_NEG_X, {-1, 0, 0}, {0, 0, 1}}};
    for (size_t i = 0; i < sizeof axes / sizeof *axes; ++i) {
        float up[3], front[3];
        scene_up_rotate(axes[i].up, axes[i].file_up, up);
        scene_up_rotate(axes[i].up, axes[i].file_front, front);
        CHECK(up[0] == 0.0f && up[1] == 1.0f && up[2] == 0.0f);
        CHECK(front[0] == 0.0f && front[1] == 0.0f && front[2] == 1.0f);
        /* The images of X, Y and Z: determinant +1 (no mirror), and lengths kept. */
        float columns[3][3];
        for (int k = 0; k < 3; ++k) {
            float basis[3] = {k == 0, k == 1, k == 2};
            scene_up_rotate(axes[i].up, basis, columns[k]);
        }
        float c[3];
        cross(columns[0], columns[1], c);
        CHECK_NEAR(c[0] * columns[2][0] + c[1] * columns[2][1] + c[2] * columns[2][2], 1.0, 0);
        /* In place works too (the mesh turns its vertices where they are). */
        float v[3] = {1.0f, 2.0f, 3.0f}, copy[3];
        scene_up_rotate(axes[i].up, v, copy);
        scene_up_rotate(axes[i].up, v, v);
        CHECK(memcmp(v, copy, sizeof v) == 0);
        CHECK_NEAR(v[0] * v[0] + v[1] * v[1] + v[2] * v[2], 14.0, 1e-6);
    }
}

/* A tall thin pyramid standing on the file's XY plane, apex up +Z. */
static void pyramid_z_up(builder *b)
{
    uint32_t v0 = add_vertex(b, 0, 0, 0), v1 = add_vertex(b, 10, 0, 0), v2 = add_vertex(b, 5, 8, 0),
             apex = add_vertex(b, 5, 3, 40);
    add_triangle(b, v0, v2, v1); /* the bottom, facing -Z */
    add_triangle(b, v0, v1, apex);
    add_triangle(b, v1, v2, apex);
    add_triangle(b, v2, v0, apex);
}

static const float *find_vertex(const scene_mesh *mesh, float x, float y, float z)
{
    for (uint32_t v = 0; v < mesh->vertex_count; ++v) {
        const float *p = &mesh->vertices[(size_t)v * SCENE_VERTEX_FLOATS];
        if (fabsf(p[0] - x) < 1e-4f && fabsf(p[1] - y) < 1e-4f && fabsf(p[2] - z) < 1e-4f)
            return p;
    }
    return NULL;
}

static void test_stl_stands_up(void)
{
    builder b = {0};
    pyramid_z_up(&b);
    file f;
    as_file(&f, &b, IO_FORMAT_STL_BINARY, true);
    scene_mesh mesh;
    CHECK(scene_mesh_from_model(&f.model, NULL, &mesh) == CORE_OK);
    CHECK(mesh.up == SCENE_UP_POS_Z);
    CHECK(strstr(mesh.up_reason, "STL") != NULL);
    /* Upright: the file's 40 mm along Z is the height; its 8 mm along Y the depth. */
    CHECK_NEAR(mesh.bounds.max[1] - mesh.bounds.min[1], 40.0, 1e-5);
    CHECK_NEAR(mesh.bounds.max[2] - mesh.bounds.min[2], 8.0, 1e-5);
    /* The apex (5, 3, 40) is at (5, 40, -3), and the bottom's normals point down. */
    CHECK(find_vertex(&mesh, 5, 40, -3) != NULL);
    int down = 0;
    for (uint32_t v = 0; v < mesh.vertex_count; ++v)
        down += mesh.vertices[(size_t)v * SCENE_VERTEX_FLOATS + 4] < -0.99f;
    CHECK(down == 3);
    /* Winding and normals agree after the turn: every triangle's geometric
     * normal points the way its corners' normals do (a mirror would flip it). */
    for (uint32_t t = 0; t < mesh.index_count / 3; ++t) {
        const float *p[3];
        for (int k = 0; k < 3; ++k)
            p[k] = &mesh.vertices[(size_t)mesh.indices[3 * t + k] * SCENE_VERTEX_FLOATS];
        float e1[3] = {p[1][0] - p[0][0], p[1][1] - p[0][1], p[1][2] - p[0][2]};
        float e2[3] = {p[2][0] - p[0][0], p[2][1] - p[0][1], p[2][2] - p[0][2]}, n[3];
        cross(e1, e2, n);
        CHECK(n[0] * p[0][3] + n[1] * p[0][4] + n[2] * p[0][5] > 0.0f);
    }
    scene_mesh_unload(&mesh);

    /* --up y leaves it lying as the file has it; the file's own statement wins over STL's habit. */
    scene_mesh_desc as_is = {.up = SCENE_UP_POS_Y};
    CHECK(scene_mesh_from_model(&f.model, &as_is, &mesh) == CORE_OK);
    CHECK(mesh.up == SCENE_UP_POS_Y && strcmp(mesh.up_reason, "--up y") == 0);
    CHECK_NEAR(mesh.bounds.max[1] - mesh.bounds.min[1], 8.0, 1e-5);
    scene_mesh_unload(&mesh);
    f.model.stated_up = IO_AXIS_NEG_Z;
    snprintf(f.model.up_stated_by, sizeof f.model.up_stated_by, "its header");
    CHECK(scene_mesh_from_model(&f.model, NULL, &mesh) == CORE_OK);
    CHECK(mesh.up == SCENE_UP_NEG_Z && strcmp(mesh.up_reason, "its header") == 0);
    CHECK(find_vertex(&mesh, 5, -40, 3) != NULL);
    scene_mesh_unload(&mesh);
    /* File normals turn with the positions. */
    float normals[12] = {0, 0, -1, 0, 0, -1, 0, 0, -1, 0, 0, 1};
    f.model.stated_up = IO_AXIS_UNSTATED;
    f.model.normals = normals;
    CHECK(scene_mesh_from_model(&f.model, NULL, &mesh) == CORE_OK);
    const float *apex = find_vertex(&mesh, 5, 40, -3);
    CHECK(apex && apex[3] == 0.0f && apex[4] == 1.0f && apex[5] == 0.0f);
    CHECK(mesh.computed_normals == 0);
    scene_mesh_unload(&mesh);
    /* An OBJ is Y-up: left as it is. */
    f.model.format = IO_FORMAT_OBJ;
    CHECK(scene_mesh_from_model(&f.model, NULL, &mesh) == CORE_OK);
    CHECK(mesh.up == SCENE_UP_POS_Y && find_vertex(&mesh, 5, 3, 40) != NULL);
    scene_mesh_unload(&mesh);
    builder_free(&b);
}

static void test_units_the_file_states(void)
{
    builder b = {0};
    pyramid_z_up(&b);
    file f;
    as_file(&f, &b, IO_FORMAT_GLB, true);
    for (uint32_t v = 0; v < b.vertex_count * 3; ++v)
        b.positions[v] *= 0.001f; /* metres: a 40 mm pyramid */
    f.model.mm_per_unit = 1000.0f;
    snprintf(f.model.units_stated_by, sizeof f.model.units_stated_by, "glTF's spec (metres)");
    scene_mesh mesh;
    CHECK(scene_mesh_from_model(&f.model, NULL, &mesh) == CORE_OK);
    CHECK_NEAR(mesh.mm_per_unit, 1000.0, 0);
    CHECK(strcmp(mesh.units_reason, "glTF's spec (metres)") == 0);
    CHECK_NEAR(mesh.bounds.max[2] - mesh.bounds.min[2], 40.0, 1e-3); /* glTF is Y-up */
    CHECK(mesh.warning_count == 0);
    scene_mesh_unload(&mesh);
    /* --units wins over the file. */
    scene_mesh_desc cm = {.units = SCENE_UNITS_CM};
    CHECK(scene_mesh_from_model(&f.model, &cm, &mesh) == CORE_OK);
    CHECK(strcmp(mesh.units_reason, "--units cm") == 0);
    CHECK_NEAR(mesh.bounds.max[2] - mesh.bounds.min[2], 0.4, 1e-5);
    scene_mesh_unload(&mesh);
    f.model.mm_per_unit = 0.0f; /* stated nothing: millimetres */
    CHECK(scene_mesh_from_model(&f.model, NULL, &mesh) == CORE_OK);
    CHECK(strcmp(mesh.units_reason, "millimetres (default)") == 0 && mesh.mm_per_unit == 1.0f);
    scene_mesh_unload(&mesh);
    builder_free(&b);
}

/* Loads a model built here and checks the parts tile the indices. */
static void build(const builder *b, io_format format, bool unique, scene_split split,
                  scene_mesh *mesh)
{
    file f;
    as_file(&f, b, format, unique);
    scene_mesh_desc desc = {.split = split};
    CHECK(scene_mesh_from_model(&f.model, &desc, mesh) == CORE_OK);
    uint32_t next = 0;
    for (uint32_t p = 0; p < mesh->part_count; ++p) {
        CHECK(mesh->parts[p].first_index == next && mesh->parts[p].index_count > 0);
        next += mesh->parts[p].index_count;
        for (uint32_t q = 0; q < p; ++q)
            CHECK(strcmp(mesh->parts[p].name, mesh->parts[q].name) != 0);
    }
    CHECK(next == mesh->index_count && mesh->index_count == b->index_count);
}

static const scene_part *part_named(const scene_mesh *mesh, const char *name)
{
    for (uint32_t p = 0; p < mesh->part_count; ++p) {
        if (strcmp(mesh->parts[p].name, name) == 0)
            return &mesh->parts[p];
    }
    return NULL;
}

/* The highest upright Y of a part's corners, and the lowest. */
static void part_span(const scene_mesh *mesh, const scene_part *part, float *low, float *high)
{
    *low = INFINITY, *high = -INFINITY;
    for (uint32_t i = part->first_index; i < part->first_index + part->index_count; ++i) {
        float y = mesh->vertices[(size_t)mesh->indices[i] * SCENE_VERTEX_FLOATS + 1];
        *low = fminf(*low, y), *high = fmaxf(*high, y);
    }
}

static void test_sphere_on_a_slab(void)
{
    /* Z-up, as printed: a 60 x 60 x 4 mm slab and a 20 mm ball resting on it. */
    builder b = {0};
    add_sphere(&b, (float[]){0, 0, 14}, 10.0f, 24, 12, false);
    uint32_t sphere_indices = b.index_count;
    add_box(&b, (float[]){-30, -30, 0}, (float[]){30, 30, 4});
    scene_mesh mesh;
    build(&b, IO_FORMAT_STL_BINARY, true, SCENE_SPLIT_AUTO, &mesh);
    CHECK(mesh.part_count == 2 && mesh.shells_split == 1);
    const scene_part *base = part_named(&mesh, "base"), *ball = part_named(&mesh, "shell-1");
    CHECK(base && ball);
    if (base && ball) {
        CHECK(ball->index_count == sphere_indices && base->index_count == 36);
        float low, high;
        part_span(&mesh, base, &low, &high);
        CHECK_NEAR(low, 0.0, 1e-5);
        CHECK_NEAR(high, 4.0, 1e-5);
        part_span(&mesh, ball, &low, &high);
        CHECK_NEAR(low, 4.0, 1e-4);
        CHECK(strstr(ball->description, "20 mm tall") != NULL);
        CHECK(strstr(base->description, "60 x 60 mm") != NULL);
        CHECK(strcmp(ball->paint.name, base->paint.name) == 0 && ball->material == base->material);
    }
    scene_mesh_unload(&mesh);
    /* Not for an OBJ unless asked; never with --split none. */
    build(&b, IO_FORMAT_OBJ, true, SCENE_SPLIT_AUTO, &mesh);
    CHECK(mesh.part_count == 1 && strcmp(mesh.parts[0].name, "solid") == 0);
    scene_mesh_unload(&mesh);
    build(&b, IO_FORMAT_STL_BINARY, true, SCENE_SPLIT_NONE, &mesh);
    CHECK(mesh.part_count == 1 && mesh.shells_split == 0);
    scene_mesh_unload(&mesh);
    build(&b, IO_FORMAT_OBJ, true, SCENE_SPLIT_SHELLS, &mesh);
    CHECK(mesh.part_count == 2); /* lying on its side (OBJ is Y-up): no base */
    CHECK(part_named(&mesh, "shell-1") && part_named(&mesh, "shell-2"));
    scene_mesh_unload(&mesh);
    builder_free(&b);
}

static void test_one_shell_and_tiny_shells(void)
{
    builder b = {0};
    add_sphere(&b, (float[]){0, 0, 20}, 10.0f, 64, 32, false); /* 3968 triangles */
    scene_mesh mesh;
    build(&b, IO_FORMAT_STL_ASCII, true, SCENE_SPLIT_AUTO, &mesh);
    CHECK(mesh.part_count == 1 && strcmp(mesh.parts[0].name, "solid") == 0);
    CHECK(mesh.shells_split == 0 && mesh.parts[0].description[0] == '\0');
    scene_mesh_unload(&mesh);
    /* Shells under 0.5 % of the 4008 triangles (20) are no parts: a
     * 12-triangle speck beside the ball, a 12-triangle slab below, a
     * 16-triangle pebble: each joins the ball, and the part stays whole. */
    add_box(&b, (float[]){11, -1, 19}, (float[]){12, 1, 21});
    add_box(&b, (float[]){-30, -30, 0}, (float[]){30, 30, 4});
    add_sphere(&b, (float[]){0, 40, 10}, 6.0f, 4, 3, false);
    build(&b, IO_FORMAT_STL_ASCII, true, SCENE_SPLIT_AUTO, &mesh);
    CHECK(mesh.part_count == 1); /* all merged: nothing to split */
    scene_mesh_unload(&mesh);
    builder_free(&b);

    /* A 224-triangle ball far below counts (over 21 of 4204); the speck
     * joins the nearer shell, the top ball. */
    add_sphere(&b, (float[]){0, 0, 20}, 10.0f, 64, 32, false);
    uint32_t ball = b.index_count;
    add_box(&b, (float[]){11, -1, 19}, (float[]){12, 1, 21});
    add_sphere(&b, (float[]){0, 0, -40}, 8.0f, 16, 8, false); /* 224 triangles, far below */
    build(&b, IO_FORMAT_STL_ASCII, true, SCENE_SPLIT_AUTO, &mesh);
    CHECK(mesh.part_count == 2);
    const scene_part *top = part_named(&mesh, "shell-1");
    CHECK(top && top->index_count == ball + 36 && strstr(top->description, "top") != NULL);
    scene_mesh_unload(&mesh);
    builder_free(&b);
}

static void test_three_shells_from_a_soup(void)
{
    /* Three balls, each triangle with its own vertices (connected only by
     * equal positions), stacked along the file's Z, in the file in another
     * order than their heights. */
    builder b = {0};
    add_sphere(&b, (float[]){0, 0, 50}, 5.0f, 12, 6, true);
    uint32_t middle = b.index_count;
    add_sphere(&b, (float[]){0, 0, 100}, 5.0f, 16, 8, true);
    uint32_t top = b.index_count - middle;
    add_sphere(&b, (float[]){0, 0, 0}, 5.0f, 10, 5, true);
    uint32_t bottom = b.index_count - middle - top;
    scene_mesh mesh;
    build(&b, IO_FORMAT_STL_BINARY, false, SCENE_SPLIT_AUTO, &mesh);
    CHECK(mesh.part_count == 3 && mesh.shells_split == 2);
    const char *names[3] = {"shell-1", "shell-2", "shell-3"};
    const uint32_t counts[3] = {top, middle, bottom};
    const char *levels[3] = {"top", "middle", "bottom"};
    for (int k = 0; k < 3 && mesh.part_count == 3; ++k) {
        CHECK(strcmp(mesh.parts[k].name, names[k]) == 0);
        CHECK(mesh.parts[k].index_count == counts[k]);
        CHECK(strncmp(mesh.parts[k].description, levels[k], strlen(levels[k])) == 0);
        float low, high;
        part_span(&mesh, &mesh.parts[k], &low, &high);
        CHECK_NEAR(low, 100.0f - 50.0f * (float)k - 5.0f, 1e-4);
    }
    scene_mesh_unload(&mesh);
    /* PLY and 3MF split by default too (one part is their rule); glTF does not. */
    build(&b, IO_FORMAT_PLY, false, SCENE_SPLIT_AUTO, &mesh);
    CHECK(mesh.part_count == 3);
    scene_mesh_unload(&mesh);
    build(&b, IO_FORMAT_3MF, false, SCENE_SPLIT_AUTO, &mesh);
    CHECK(mesh.part_count == 3);
    scene_mesh_unload(&mesh);
    build(&b, IO_FORMAT_GLB, false, SCENE_SPLIT_AUTO, &mesh);
    CHECK(mesh.part_count == 1);
    scene_mesh_unload(&mesh);
    builder_free(&b);
}

/* Two eyes in front of a head: the same size and height, told apart by side
 * (seen from the front: the file's -Y for a Z-up STL, +X to the right). */
static void test_descriptions_tell_sides(void)
{
    builder b = {0};
    add_box(&b, (float[]){-10, -10, 0}, (float[]){10, 10, 20});
    add_box(&b, (float[]){-6, -12, 14}, (float[]){-2, -11, 16});
    add_box(&b, (float[]){2, -12, 14}, (float[]){6, -11, 16});
    scene_mesh mesh;
    build(&b, IO_FORMAT_STL_BINARY, true, SCENE_SPLIT_AUTO, &mesh);
    CHECK(mesh.part_count == 3);
    int left = -1, right = -1, head = -1;
    for (uint32_t p = 0; p < mesh.part_count; ++p) {
        const char *text = mesh.parts[p].description;
        if (strcmp(text, "top, left, 2.0 mm tall") == 0)
            left = (int)p;
        else if (strcmp(text, "top, right, 2.0 mm tall") == 0)
            right = (int)p;
        else if (strcmp(text, "middle, 20 mm tall") == 0)
            head = (int)p;
    }
    CHECK(left >= 0 && right >= 0 && head >= 0);
    if (left >= 0) { /* the left eye's corners are all at negative X */
        const scene_part *part = &mesh.parts[left];
        for (uint32_t i = part->first_index; i < part->first_index + part->index_count; ++i)
            CHECK(mesh.vertices[(size_t)mesh.indices[i] * SCENE_VERTEX_FLOATS] < 0.0f);
    }
    scene_mesh_unload(&mesh);
    builder_free(&b);
}

static void test_shell_count_is_capped(void)
{
    /* 70 separate cubes in a row: at most 64 parts, every triangle kept. */
    builder b = {0};
    for (int i = 0; i < 70; ++i)
        add_box(&b, (float[]){3.0f * (float)i, 0, 0}, (float[]){3.0f * (float)i + 1.0f, 1, 1});
    scene_mesh mesh;
    build(&b, IO_FORMAT_STL_BINARY, true, SCENE_SPLIT_AUTO, &mesh);
    CHECK(mesh.part_count == SCENE_SHELLS_MAX_PARTS);
    CHECK(mesh.warning_count == 1 && strstr(mesh.warnings[0], "has 70 shells") != NULL);
    scene_mesh_unload(&mesh);
    builder_free(&b);
}

/* With --split shells on a file of several parts, each part splits on its
 * own and its shells' names start with its name. */
static void test_several_parts_split(void)
{
    builder b = {0};
    add_box(&b, (float[]){0, 0, 0}, (float[]){1, 1, 1});
    add_box(&b, (float[]){0, 5, 0}, (float[]){1, 6, 1});
    add_box(&b, (float[]){5, 0, 0}, (float[]){6, 1, 1}); /* "rest": one shell */
    file f;
    as_file(&f, &b, IO_FORMAT_OBJ, true);
    io_part parts[2] = {{.name = "armour", .index_count = 72},
                        {.name = "rest", .first_index = 72, .index_count = 36}};
    f.model.parts = parts;
    f.model.part_count = 2;
    scene_mesh_desc desc = {.split = SCENE_SPLIT_SHELLS};
    scene_mesh mesh;
    CHECK(scene_mesh_from_model(&f.model, &desc, &mesh) == CORE_OK);
    CHECK(mesh.part_count == 3 && mesh.shells_split == 1);
    if (mesh.part_count == 3) {
        CHECK(strcmp(mesh.parts[0].name, "armour-shell-1") == 0);
        CHECK(strcmp(mesh.parts[1].name, "armour-shell-2") == 0);
        CHECK(strcmp(mesh.parts[2].name, "rest") == 0 && mesh.parts[2].first_index == 72);
        CHECK(mesh.parts[0].first_index == 0 && mesh.parts[1].first_index == 36);
    }
    scene_mesh_unload(&mesh);
    /* A shell's name that another part already has gets a number. */
    snprintf(parts[1].name, sizeof parts[1].name, "armour-shell-2");
    CHECK(scene_mesh_from_model(&f.model, &desc, &mesh) == CORE_OK);
    CHECK(mesh.part_count == 3 && strcmp(mesh.parts[1].name, "armour-shell-2-2") == 0);
    scene_mesh_unload(&mesh);
    builder_free(&b);
}

int main(void)
{
    test_each_up_axis_is_a_rotation();
    test_stl_stands_up();
    test_units_the_file_states();
    test_sphere_on_a_slab();
    test_one_shell_and_tiny_shells();
    test_three_shells_from_a_soup();
    test_shell_count_is_capped();
    test_descriptions_tell_sides();
    test_several_parts_split();
    return check_done("test_scene_upright");
}
