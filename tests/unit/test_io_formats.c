#include "../check.h"

#include "core/core_log.h"
#include "core/core_result.h"
#include "io/io_model.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* PLY, glTF, GLB and OBJ vertex colours, from files built here byte by
 * byte (3MF: test_io_3mf.c): detection by signature, what each file states (units, up axis),
 * colours decoded to linear, node and build-item transforms applied, and the
 * formats glint does not read named in their one-line refusal. */

static float srgb(float v) /* the sRGB decode, written out independently */
{
    return v <= 0.04045f ? v / 12.92f : powf((v + 0.055f) / 1.055f, 2.4f);
}

static void put_u32(unsigned char *b, uint32_t v)
{
    for (int i = 0; i < 4; ++i)
        b[i] = (unsigned char)(v >> (8 * i));
}

static core_result load(const void *bytes, size_t size, const char *name, io_model *model)
{
    return io_model_load_memory(bytes, size, name, NULL, NULL, model);
}

/* Writes bytes to a temporary file, for io_model_load's path (which judges
 * a file by its first 4 KB before reading the rest). */
static void write_file(const char *path, const void *bytes, size_t size)
{
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f) {
        CHECK(fwrite(bytes, 1, size, f) == size);
        fclose(f);
    }
}

/* ---- PLY ---------------------------------------------------------------------------------- */

static const char ply_ascii[] = "ply\n"
                                "format ascii 1.0\n"
                                "element vertex 3\n"
                                "property float x\nproperty float y\nproperty float z\n"
                                "property uchar red\nproperty uchar green\nproperty uchar blue\n"
                                "element face 1\n"
                                "property list uchar int vertex_indices\n"
                                "end_header\n"
                                "0 0 0 255 128 0\n"
                                "1 0 0 255 128 0\n"
                                "0 1 0 0 0 64\n"
                                "3 0 1 2\n";

static void check_ply_colours(const io_model *m)
{
    CHECK(m->format == IO_FORMAT_PLY);
    CHECK(m->index_count == 3 && m->part_count == 1 && m->vertex_count == 3);
    CHECK(m->colors != NULL && m->part_count && m->parts[0].vertex_colored);
    CHECK(m->mm_per_unit == 0.0f && m->stated_up == IO_AXIS_UNSTATED);
    if (!m->colors || m->vertex_count != 3)
        return;
    /* Vertices keep the file's order here: one mesh, each vertex used. */
    for (uint32_t v = 0; v < 3; ++v) {
        const float *p = &m->positions[3 * v];
        const float *c = &m->colors[3 * v];
        if (p[1] == 1.0f) { /* the third vertex: 0 0 64 */
            CHECK_NEAR(c[0], 0.0, 1e-6);
            CHECK_NEAR(c[2], srgb(64 / 255.0f), 1e-5);
        } else {
            CHECK_NEAR(c[0], 1.0, 1e-6);
            CHECK_NEAR(c[1], srgb(128 / 255.0f), 1e-5); /* 0.2158, not 0.502 */
            CHECK_NEAR(c[2], 0.0, 1e-6);
        }
    }
    /* A made-up material would darken the colours: the part's is white. */
    CHECK_NEAR(m->materials[m->parts[0].material].base_color[1], 1.0, 1e-6);
}

static void test_ply(void)
{
    io_model m;
    /* A list counted by a signed char is refused before assimp reads it:
     * assimp 5.2 took -128 for a 32 GB face (fuzz_ply). */
    const char signed_count[] = "ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\n"
                                "property float y\nproperty float z\nelement face 1\n"
                                "property list char int vertex_indices\nend_header\n"
                                "0 0 0\n1 0 0\n0 1 0\n3 0 1 2\n";
    CHECK(load(signed_count, strlen(signed_count), "signed.ply", &m) != CORE_OK);
    CHECK(strstr(core_last_error(), "signed.ply: PLY header: line 8: a list counted by a "
                                    "signed 'char'") == core_last_error());
    CHECK(io_detect_format(ply_ascii, strlen(ply_ascii)) == IO_FORMAT_PLY);
    CHECK(load(ply_ascii, strlen(ply_ascii), "tri.ply", &m) == CORE_OK);
    check_ply_colours(&m);
    io_model_unload(&m);

    /* The same triangle as binary little-endian PLY. */
    const char header[] = "ply\nformat binary_little_endian 1.0\nelement vertex 3\n"
                          "property float x\nproperty float y\nproperty float z\n"
                          "property uchar red\nproperty uchar green\nproperty uchar blue\n"
                          "element face 1\nproperty list uchar int vertex_indices\nend_header\n";
    unsigned char bytes[512];
    size_t n = strlen(header);
    memcpy(bytes, header, n);
    const float xyz[3][3] = {{0, 0, 0}, {1, 0, 0}, {0, 1, 0}};
    const unsigned char rgb[3][3] = {{255, 128, 0}, {255, 128, 0}, {0, 0, 64}};
    for (int v = 0; v < 3; ++v) {
        memcpy(bytes + n, xyz[v], 12);
        n += 12;
        memcpy(bytes + n, rgb[v], 3);
        n += 3;
    }
    bytes[n++] = 3;
    for (uint32_t i = 0; i < 3; ++i, n += 4)
        put_u32(bytes + n, i);
    CHECK(io_detect_format((const char *)bytes, n) == IO_FORMAT_PLY);
    CHECK(load(bytes, n, "tri_binary.ply", &m) == CORE_OK);
    check_ply_colours(&m);
    io_model_unload(&m);

    /* A header that promises more than the file holds is refused up front. */
    char lying[600];
    snprintf(lying, sizeof lying, "%s", ply_ascii);
    memcpy(strstr(lying, "vertex 3"), "vertex 9", 8);
    CHECK(load(lying, strlen(lying), "lying.ply", &m) != CORE_OK);
    CHECK(strstr(core_last_error(), "lying.ply: PLY header promises") == core_last_error());

    /* A quad and a pentagon are fanned: 2 + 3 triangles. */
    const char polygons[] = "ply\nformat ascii 1.0\nelement vertex 5\nproperty float x\n"
                            "property float y\nproperty float z\nelement face 2\n"
                            "property list uchar int vertex_indices\nend_header\n"
                            "0 0 0\n1 0 0\n1 1 0\n0 1 0\n0.5 1.5 0\n4 0 1 2 3\n5 0 1 2 4 3\n";
    CHECK(load(polygons, strlen(polygons), "polygons.ply", &m) == CORE_OK);
    CHECK(m.index_count == 15 && m.colors == NULL);
    io_model_unload(&m);

    /* end_header without its line end: assimp's ASCII reader never returned. */
    char glued[600];
    snprintf(glued, sizeof glued, "%s", ply_ascii);
    char *after = strstr(glued, "end_header") + 10;
    memmove(after, after + 1, strlen(after + 1) + 1);
    CHECK(load(glued, strlen(glued), "glued.ply", &m) != CORE_OK);
    CHECK(strcmp(core_last_error(),
                 "glued.ply: PLY header: end_header is not followed by a line end") == 0);

    /* A property of a type PLY does not have never reaches assimp (its
     * reader corrupted its heap on one). */
    char typo[600];
    snprintf(typo, sizeof typo, "%s", ply_ascii);
    memcpy(strstr(typo, "float y"), "flaot y", 7);
    CHECK(load(typo, strlen(typo), "typo.ply", &m) != CORE_OK);
    CHECK(strcmp(core_last_error(), "typo.ply: PLY header: line 5 is not a PLY header line") == 0);

    /* A face naming a vertex the file does not have never reaches assimp
     * (it follows face indices into its vertex array). */
    char far_face[600];
    snprintf(far_face, sizeof far_face, "%s", ply_ascii);
    memcpy(strstr(far_face, "3 0 1 2"), "3 0 1 9", 7);
    CHECK(load(far_face, strlen(far_face), "far.ply", &m) != CORE_OK);
    CHECK(strcmp(core_last_error(), "far.ply: PLY: face 1 names vertex 9; the file has 3") == 0);

    /* Values spilling onto the next line: assimp reads a line per element. */
    char spilled[600];
    snprintf(spilled, sizeof spilled, "%s", ply_ascii);
    memcpy(strstr(spilled, "0 0 0 255 128 0\n"), "0 0 0 255 128\n0", 15);
    CHECK(load(spilled, strlen(spilled), "spilled.ply", &m) != CORE_OK);
    CHECK(strstr(core_last_error(), "spilled.ply: PLY: the data ends") == core_last_error());

    /* Header lines glued by lone CRs: assimp never returned. */
    char crs[600];
    snprintf(crs, sizeof crs, "%s", ply_ascii);
    *strstr(crs, "\nelement face") = '\r';
    CHECK(load(crs, strlen(crs), "crs.ply", &m) != CORE_OK);
    CHECK(strcmp(core_last_error(), "crs.ply: PLY header: line 9 ends in a carriage return alone") ==
          0);

    /* No elements at all: assimp never returned. */
    const char empty[] = "ply\nformat ascii 1.0\ncomment nothing\nend_header\n0 0 0\n";
    CHECK(load(empty, strlen(empty), "empty.ply", &m) != CORE_OK);
    CHECK(strcmp(core_last_error(), "empty.ply: PLY header: no vertex element") == 0);

    /* Points only: one line saying so. */
    const char points[] = "ply\nformat ascii 1.0\nelement vertex 2\nproperty float x\n"
                          "property float y\nproperty float z\nend_header\n0 0 0\n1 1 1\n";
    CHECK(load(points, strlen(points), "points.ply", &m) != CORE_OK);
    CHECK(strstr(core_last_error(), "points.ply: ") == core_last_error() &&
          strstr(core_last_error(), "has no triangles") != NULL);
}

/* ---- glTF and GLB ------------------------------------------------------------------------- */

/* Positions of one triangle, then its linear COLOR_0. */
static void triangle_buffer(unsigned char out[72])
{
    const float data[18] = {0, 0, 0, 1, 0, 0, 0, 1, 0, 0.5f, 0.25f, 0, 0.5f, 0.25f, 0, 0.5f, 0.25f, 0};
    memcpy(out, data, sizeof data);
}

#define GLTF_COMMON                                                                              \
    "\"asset\":{\"version\":\"2.0\"},\"scene\":0,\"scenes\":[{\"nodes\":[0]}],"                 \
    "\"meshes\":[{\"name\":\"Tri\",\"primitives\":[{\"attributes\":{\"POSITION\":0,"           \
    "\"COLOR_0\":1},\"material\":0}]}],"                                                         \
    "\"materials\":[{\"name\":\"Brass\",\"pbrMetallicRoughness\":{\"baseColorFactor\":"         \
    "[0.5,0.25,0.125,1],\"metallicFactor\":0.9,\"roughnessFactor\":0.3}}],"                      \
    "\"bufferViews\":[{\"buffer\":0,\"byteOffset\":0,\"byteLength\":36},"                        \
    "{\"buffer\":0,\"byteOffset\":36,\"byteLength\":36}],"                                       \
    "\"accessors\":[{\"bufferView\":0,\"componentType\":5126,\"count\":3,\"type\":\"VEC3\","  \
    "\"min\":[0,0,0],\"max\":[1,1,0]},"                                                          \
    "{\"bufferView\":1,\"componentType\":5126,\"count\":3,\"type\":\"VEC3\"}]"

/* A GLB of the triangle placed by a node's translation, padded with a
 * trailing chunk of `padding` bytes (a large file: the 4 KB sniff). */
static unsigned char *make_glb(size_t padding, size_t *size)
{
    char json[2048];
    int length = snprintf(json, sizeof json,
                          "{" GLTF_COMMON ",\"nodes\":[{\"name\":\"Bust\",\"mesh\":0,"
                          "\"translation\":[10,20,30]}],\"buffers\":[{\"byteLength\":72}]}");
    while (length % 4)
        json[length++] = ' ';
    size_t total = 12 + 8 + (size_t)length + 8 + 72 + (padding ? 8 + padding : 0);
    unsigned char *b = calloc(1, total);
    if (!b)
        return NULL;
    memcpy(b, "glTF", 4);
    put_u32(b + 4, 2);
    put_u32(b + 8, (uint32_t)total);
    put_u32(b + 12, (uint32_t)length);
    memcpy(b + 16, "JSON", 4);
    memcpy(b + 20, json, (size_t)length);
    unsigned char *bin = b + 20 + length;
    put_u32(bin, 72);
    memcpy(bin + 4, "BIN\0", 4);
    triangle_buffer(bin + 8);
    if (padding) {
        unsigned char *extra = bin + 8 + 72;
        put_u32(extra, (uint32_t)padding);
        memcpy(extra + 4, "XTRA", 4); /* unknown chunks are skipped, by the spec */
    }
    *size = total;
    return b;
}

static void check_gltf_triangle(const io_model *m, float dx, float dy, float dz, float scale)
{
    CHECK(m->index_count == 3 && m->part_count == 1);
    CHECK_NEAR(m->mm_per_unit, 1000.0, 0);
    CHECK(strstr(m->units_stated_by, "glTF") != NULL);
    CHECK(m->stated_up == IO_AXIS_POS_Y && strstr(m->up_stated_by, "glTF") != NULL);
    CHECK(m->colors && m->parts && m->parts[0].vertex_colored);
    if (m->vertex_count != 3 || !m->colors)
        return;
    float lo[3] = {1e9f, 1e9f, 1e9f};
    for (uint32_t v = 0; v < 3; ++v) {
        for (int k = 0; k < 3; ++k)
            lo[k] = fminf(lo[k], m->positions[3 * v + k]);
        /* COLOR_0 is linear by glTF's spec: kept as it is. */
        CHECK_NEAR(m->colors[3 * v], 0.5, 1e-6);
        CHECK_NEAR(m->colors[3 * v + 1], 0.25, 1e-6);
    }
    CHECK_NEAR(lo[0], dx, 1e-5);
    CHECK_NEAR(lo[1], dy, 1e-5);
    CHECK_NEAR(lo[2], dz, 1e-5);
    float hi_x = -1e9f;
    for (uint32_t v = 0; v < 3; ++v)
        hi_x = fmaxf(hi_x, m->positions[3 * v]);
    CHECK_NEAR(hi_x - lo[0], scale, 1e-5);
    const io_material *mat = &m->materials[m->parts[0].material];
    CHECK(strcmp(mat->name, "Brass") == 0);
    CHECK_NEAR(mat->base_color[0], 0.5, 1e-6); /* the factor is linear: not decoded */
    CHECK_NEAR(mat->base_color[2], 0.125, 1e-6);
    CHECK_NEAR(mat->pbr_metallic, 0.9, 1e-6);
    CHECK_NEAR(mat->pbr_roughness, 0.3, 1e-6);
}

static void test_glb(void)
{
    size_t size;
    unsigned char *glb = make_glb(0, &size);
    io_model m;
    CHECK(io_detect_format((const char *)glb, size) == IO_FORMAT_GLB);
    CHECK(load(glb, size, "bust.glb", &m) == CORE_OK);
    CHECK(m.format == IO_FORMAT_GLB);
    check_gltf_triangle(&m, 10, 20, 30, 1);
    CHECK(m.part_count && strcmp(m.parts[0].name, "Bust") == 0);
    io_model_unload(&m);
    free(glb);

    /* Over 4 KB through io_model_load: never judged as a binary STL. */
    glb = make_glb(8192, &size);
    write_file("test_io_formats_big.glb", glb, size);
    CHECK(io_model_load("test_io_formats_big.glb", NULL, &m) == CORE_OK);
    check_gltf_triangle(&m, 10, 20, 30, 1);
    io_model_unload(&m);
    /* Garbage after its first bytes: an error, not "binary STL ... truncated". */
    memset(glb + 40, 0x11, size - 40);
    write_file("test_io_formats_big.glb", glb, size);
    CHECK(io_model_load("test_io_formats_big.glb", NULL, &m) != CORE_OK);
    CHECK(strstr(core_last_error(), "STL") == NULL);
    CHECK(strstr(core_last_error(), "test_io_formats_big.glb: ") == core_last_error());
    unlink("test_io_formats_big.glb");
    free(glb);
}

typedef struct served {
    int calls;
    char last[64];
} served;

/* The glTF's buffer, served as its related file would be. */
static core_result serve_bin(void *user, const char *folder, const char *name, size_t max_bytes,
                             char **bytes, size_t *size)
{
    (void)folder;
    (void)max_bytes;
    served *s = user;
    s->calls++;
    snprintf(s->last, sizeof s->last, "%s", name);
    if (strcmp(name, "tri.bin") != 0)
        return core_fail(CORE_ERR_IO, "%s: no such file", name);
    *bytes = malloc(72);
    if (!*bytes)
        return CORE_ERR_NO_MEMORY;
    triangle_buffer((unsigned char *)*bytes);
    *size = 72;
    return CORE_OK;
}

static void test_gltf(void)
{
    /* A parent node's translation and a child's matrix (scale 2) compose. */
    char json[4096];
    snprintf(json, sizeof json,
             "{" GLTF_COMMON ",\"nodes\":[{\"name\":\"Root\",\"children\":[1],"
             "\"translation\":[1,0,0]},{\"name\":\"Head\",\"mesh\":0,\"matrix\":[2,0,0,0,0,2,0,0,"
             "0,0,2,0,0,5,0,1]}],\"buffers\":[{\"byteLength\":72,\"uri\":\"tri.bin\"}]}");
    CHECK(io_detect_format(json, strlen(json)) == IO_FORMAT_GLTF);
    served s = {0, ""};
    io_load_desc desc = {.read_related = serve_bin, .read_user = &s};
    io_model m;
    CHECK(io_model_load_memory(json, strlen(json), "bust.gltf", "models", &desc, &m) == CORE_OK);
    CHECK(s.calls >= 1 && strcmp(s.last, "tri.bin") == 0);
    CHECK(m.format == IO_FORMAT_GLTF);
    check_gltf_triangle(&m, 1, 5, 0, 2);
    CHECK(m.part_count && strcmp(m.parts[0].name, "Head") == 0);
    io_model_unload(&m);

    /* The buffer missing: one line naming the model. */
    char *missing = strstr(json, "tri.bin");
    memcpy(missing, "xyz.bin", 7);
    CHECK(io_model_load_memory(json, strlen(json), "bust.gltf", "models", &desc, &m) != CORE_OK);
    CHECK(strstr(core_last_error(), "bust.gltf: ") == core_last_error());
    CHECK(strchr(core_last_error(), '\n') == NULL);

    /* Skins are dropped before assimp reads the file (one without inverse
     * bind matrices crashed assimp 5.2); the mesh still loads. */
    snprintf(json, sizeof json,
             "{" GLTF_COMMON ",\"nodes\":[{\"name\":\"Arm\",\"mesh\":0,\"skin\":0}],"
             "\"skins\":[{\"joints\":[0]}],\"buffers\":[{\"byteLength\":72,\"uri\":\"tri.bin\"}]}");
    CHECK(io_model_load_memory(json, strlen(json), "arm.gltf", "models", &desc, &m) == CORE_OK);
    CHECK(m.index_count == 3);
    io_model_unload(&m);
    /* An index past its array is refused before assimp follows it. */
    snprintf(json, sizeof json,
             "{" GLTF_COMMON ",\"nodes\":[{\"name\":\"Arm\",\"mesh\":7}],"
             "\"buffers\":[{\"byteLength\":72,\"uri\":\"tri.bin\"}]}");
    CHECK(io_model_load_memory(json, strlen(json), "arm.gltf", "models", &desc, &m) != CORE_OK);
    CHECK(strcmp(core_last_error(),
                 "arm.gltf: glTF: nodes[0].mesh is not an index into its 1 meshes") == 0);

    /* Only lines: refused in one line before assimp reads them (it crashed
     * on an indexed line loop). */
    char lines[4096];
    snprintf(lines, sizeof lines, "%s", json);
    char *material = strstr(lines, "\"material\":0}");
    memcpy(material, "\"mode\":2    }", 13); /* the same length: the JSON stays whole */
    memcpy(strstr(lines, "\"mesh\":7"), "\"mesh\":0", 8);
    CHECK(io_model_load_memory(lines, strlen(lines), "lines.gltf", "models", &desc, &m) != CORE_OK);
    CHECK(strcmp(core_last_error(), "lines.gltf: has no triangles (only points or lines)") == 0);

    /* JSON that is not glTF is not called one. */
    CHECK(io_detect_format("{\"a\": 1}", 8) == IO_FORMAT_UNKNOWN);
    CHECK(load("{\"a\": 1}", 8, "data.json", &m) != CORE_OK);
    CHECK(strstr(core_last_error(), "not glTF") != NULL);
}

/* ---- OBJ vertex colours ------------------------------------------------------------------- */

static void test_obj_colours(void)
{
    const char coloured[] = "v 0 0 0 1 0.5 0\nv 1 0 0 1 0.5 0\nv 0 1 0 0 0 0.25\nf 1 2 3\n";
    io_model m;
    CHECK(load(coloured, strlen(coloured), "polypaint.obj", &m) == CORE_OK);
    CHECK(m.colors != NULL && m.part_count == 1 && m.parts[0].vertex_colored);
    if (m.colors && m.vertex_count == 3) {
        CHECK_NEAR(m.colors[0], 1.0, 1e-6);
        CHECK_NEAR(m.colors[1], srgb(0.5f), 1e-5);
        CHECK_NEAR(m.colors[8], srgb(0.25f), 1e-5);
    }
    io_model_unload(&m);

    const char plain[] = "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n";
    CHECK(load(plain, strlen(plain), "plain.obj", &m) == CORE_OK);
    CHECK(m.colors == NULL && m.part_count == 1 && !m.parts[0].vertex_colored);
    io_model_unload(&m);

    /* A colour that is not a number is refused with its line. */
    const char bad[] = "v 0 0 0 1 x 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n";
    CHECK(load(bad, strlen(bad), "bad.obj", &m) != CORE_OK);
    CHECK(strstr(core_last_error(), "bad.obj:1: ") == core_last_error());

    /* Streamed from a file over 4 KB: colours too. */
    FILE *f = fopen("test_io_formats_big.obj", "w");
    CHECK(f != NULL);
    if (!f)
        return;
    for (int i = 0; i < 300; ++i)
        fprintf(f, "v %d 0 0 0.5 0.5 0.5\nv %d 1 0 0.5 0.5 0.5\nv %d 0 1 0.5 0.5 0.5\n", i, i, i);
    for (int i = 0; i < 300; ++i)
        fprintf(f, "f %d %d %d\n", 3 * i + 1, 3 * i + 2, 3 * i + 3);
    fclose(f);
    CHECK(io_model_load("test_io_formats_big.obj", NULL, &m) == CORE_OK);
    CHECK(m.colors != NULL && m.index_count == 900);
    if (m.colors)
        CHECK_NEAR(m.colors[0], srgb(0.5f), 1e-5);
    io_model_unload(&m);
    unlink("test_io_formats_big.obj");
}

/* ---- detection and refusals --------------------------------------------------------------- */

static void refused(const void *bytes, size_t size, const char *name, const char *what)
{
    io_model m;
    char expected[256];
    snprintf(expected, sizeof expected,
             "%s: %s is not supported: export STL, OBJ, 3MF, PLY or glTF", name, what);
    CHECK(load(bytes, size, name, &m) == CORE_ERR_UNSUPPORTED);
    if (strcmp(core_last_error(), expected) != 0) {
        fprintf(stderr, "got '%s'\nexpected '%s'\n", core_last_error(), expected);
        CHECK(!"the refusal names the format");
    }
}

static void test_refusals(void)
{
    /* Binary FBX, padded so that its size could pass for a binary STL's. */
    unsigned char fbx[84 + 50] = "Kaydara FBX Binary  ";
    put_u32(fbx + 80, 1);
    CHECK(io_detect_format((const char *)fbx, sizeof fbx) == IO_FORMAT_UNKNOWN);
    refused(fbx, sizeof fbx, "x.fbx", "FBX");
    const char ascii_fbx[] = "; FBX 7.4.0 project file\nFBXHeaderExtension:  {\n}\n";
    refused(ascii_fbx, strlen(ascii_fbx), "y.fbx", "FBX");
    unsigned char blend[200] = "BLENDER-v293";
    refused(blend, sizeof blend, "z.blend", "Blender (.blend)");
    const char dae[] = "<?xml version=\"1.0\"?>\n<COLLADA xmlns=\"x\" version=\"1.4.1\">\n";
    refused(dae, strlen(dae), "a.dae", "COLLADA (.dae)");
    const char step[] = "ISO-10303-21;\nHEADER;\n";
    refused(step, strlen(step), "b.step", "STEP");
    const char off[] = "OFF\n3 1 0\n0 0 0\n1 0 0\n0 1 0\n3 0 1 2\n";
    refused(off, strlen(off), "c.off", "OFF");
    /* 3DS's chunk id is weak: only with its extension. */
    unsigned char tds[84 + 50] = {0x4D, 0x4D, 0x10, 0, 0, 0};
    refused(tds, sizeof tds - 7, "d.3ds", "3DS");
    io_model m;
    CHECK(load(tds, sizeof tds - 7, "d.bin", &m) != CORE_OK);
    CHECK(strstr(core_last_error(), "3DS") == NULL);
    refused(tds, 100, "e.ztl", "ZBrush (.ztl/.zpr)");
    /* A texture opened by mistake is named as an image, never a corrupt STL. */
    unsigned char png[200] = "\x89PNG\r\n\x1a\n";
    CHECK(load(png, sizeof png, "skin.png", &m) == CORE_ERR_UNSUPPORTED);
    CHECK(strcmp(core_last_error(),
                 "skin.png: a PNG image, not a model (glint reads STL, OBJ, 3MF, PLY and glTF)") == 0);
}

/* ---- a binary STL's header is free text ----------------------------------------------------- */

/* Exporters write anything in the 80-byte header; a header that happens to
 * open with another format's signature must not hide the STL when the size
 * matches the triangle count exactly. `triangles` > 82 makes the file longer
 * than the 4 KB io_model_load judges first, so both paths are covered. */
static void test_stl_headers(void)
{
    static const char *const headers[] = {"ply\nformat binary_little_endian 1.0\n",
                                          "glTF exported by a slicer",
                                          "PK\x03\x04 a zip? no, an STL",
                                          "{\"asset\": \"not JSON\"}",
                                          "<COLLADA-ish header text>",
                                          "OFF the shelf miniature",
                                          "solid looks like ASCII"};
    const uint32_t counts[] = {1, 200};
    for (size_t c = 0; c < 2; ++c) {
        size_t size = 84 + 50 * (size_t)counts[c];
        unsigned char *bytes = calloc(1, size);
        CHECK(bytes != NULL);
        if (!bytes)
            return;
        put_u32(bytes + 80, counts[c]);
        for (uint32_t t = 0; t < counts[c]; ++t) {
            float *v = (float *)(void *)(bytes + 84 + 50 * (size_t)t + 12);
            float corner[9] = {0, 0, (float)t, 1, 0, (float)t, 0, 1, (float)t};
            memcpy(v, corner, sizeof corner);
        }
        for (size_t h = 0; h < sizeof headers / sizeof headers[0]; ++h) {
            memset(bytes, 0, 80);
            memcpy(bytes, headers[h], strlen(headers[h]));
            CHECK(io_detect_format((const char *)bytes, size) == IO_FORMAT_STL_BINARY);
            io_model m;
            CHECK(load(bytes, size, "header.stl", &m) == CORE_OK);
            CHECK(m.index_count == 3 * counts[c]);
            io_model_unload(&m);
            const char *path = "/tmp/glint-test-stl-header.stl";
            write_file(path, bytes, size);
            core_result r = io_model_load(path, NULL, &m);
            CHECK(r == CORE_OK);
            if (r != CORE_OK)
                fprintf(stderr, "header %zu, %u triangles: %s\n", h, counts[c], core_last_error());
            CHECK(m.format == IO_FORMAT_STL_BINARY && m.index_count == 3 * counts[c]);
            io_model_unload(&m);
            unlink(path);
        }
        /* One byte short: not an exact STL, so the signature decides again. */
        memset(bytes, 0, 80);
        memcpy(bytes, "ply\n", 4);
        CHECK(io_detect_format((const char *)bytes, size - 1) == IO_FORMAT_PLY);
        free(bytes);
    }
}

int main(void)
{
    core_log_set_level(CORE_LOG_NONE);
    test_ply();
    test_glb();
    test_gltf();
    test_obj_colours();
    test_refusals();
    test_stl_headers();
    return check_done("test_io_formats");
}
