#define _POSIX_C_SOURCE 200809L
#include "../check.h"

#include "core/core_file.h"
#include "io/io_image.h"
#include "io/io_model.h"
#include "io/io_obj_lines.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* OBJ and MTL files as hostile or careless tools write them (issue 12). */

static char folder[256];

static void write_file(const char *name, const char *text, size_t size)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", folder, name);
    CHECK(core_file_write_bytes(path, CORE_WRITE_REPLACE, text, size) == CORE_OK);
}

#define TRIANGLE "v 0 0 0\nv 1 0 0\nv 0 1 0\n"

/* tinyobjloader reads these as zeros or wraps the index; each is refused
 * with the file, the line and what is wrong. */
static void test_malformed_numbers_name_the_line(void)
{
    static const struct {
        const char *text;
        const char *error;
    } cases[] = {
        {"v 0 0 0\nv nan 0 0\nv 0 1 0\nf 1 2 3\n", "bad.obj:2: vertex: 'nan' is not a number"},
        {"v inf 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n", "bad.obj:1: vertex: 'inf' is not a number"},
        {"v a b c\nv 1 0 0\nv 0 1 0\nf 1 2 3\n", "bad.obj:1: vertex: 'a' is not a number"},
        {"v 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n", "bad.obj:1: vertex: 1 of 3 numbers"},
        {"v 1x 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n", "bad.obj:1: vertex: '1x' is not a number"},
        {"v 0 0 0\nv 1e308 0 0\nv 0 1 0\nf 1 2 3\n",
         "bad.obj:2: vertex: 1e308 is not a finite number (past float range)"},
        {"v 0 0 0\nv 3.5e38 0 0\nv 0 1 0\nf 1 2 3\n",
         "bad.obj:2: vertex: 3.5e38 is not a finite number (past float range)"},
        /* 39 digits before the point and no exponent: past FLT_MAX all the same. */
        {"v 0 0 0\nv -400000000000000000000000000000000000000.5 0 0\nv 0 1 0\nf 1 2 3\n",
         "bad.obj:2: vertex: -40000000000000000000000000000000000... is not a finite number "
         "(past float range)"},
        {TRIANGLE "vn 0 0 one\nf 1 2 3\n", "bad.obj:4: normal: 'one' is not a number"},
        {TRIANGLE "vn 0 0\nf 1 2 3\n", "bad.obj:4: normal: 2 of 3 numbers"},
        {TRIANGLE "vt 0 v\nf 1 2 3\n", "bad.obj:4: texture coordinate: 'v' is not a number"},
        {TRIANGLE "f 1 2 4000000000\n", "bad.obj:4: vertex index 4000000000 is out of range"},
        {TRIANGLE "f 1 2 -4000000000\n", "bad.obj:4: vertex index -4000000000 is out of range"},
        {TRIANGLE "vt 0 0\nf 1/1 2/99999999999 3/1\n",
         "bad.obj:5: texcoord index 99999999999 is out of range"},
        {TRIANGLE "f 1 2 x\n",
         "bad.obj:4: face corner 'x' is not an index (v, v/vt, v//vn or v/vt/vn)"},
        {TRIANGLE "f 1 2 3/\n",
         "bad.obj:4: face corner '3/' is not an index (v, v/vt, v//vn or v/vt/vn)"},
        {TRIANGLE "f 1 2 \x1b[31m\n",
         "bad.obj:4: face corner '?[31m' is not an index (v, v/vt, v//vn or v/vt/vn)"},
        {TRIANGLE "f 1 2 0\n", "bad.obj:4: face corner '0': vertex index 0 (OBJ counts from 1)"},
        {TRIANGLE "\r\nf 1 2 3\r\nv nan 0 0\r\n", "bad.obj:6: vertex: 'nan' is not a number"},
        {TRIANGLE "\rf 1 2 3\rv 0 0 z", "bad.obj:6: vertex: 'z' is not a number"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; ++i) {
        io_model model;
        core_result r = io_model_load_memory(cases[i].text, strlen(cases[i].text), "bad.obj", NULL,
                                             NULL, &model);
        CHECK(r == CORE_ERR_PARSE);
        if (strcmp(core_last_error(), cases[i].error) != 0)
            fprintf(stderr, "case %zu: got '%s'\n", i, core_last_error());
        CHECK(strcmp(core_last_error(), cases[i].error) == 0);
        CHECK(model.positions == NULL);
    }
}

/* What exporters write must still load, with tinyobjloader's values. */
static void test_number_formats_exporters_write(void)
{
    const char *text = "v 1e2 +1 .5\r\nv 1. -0.0E-3 2.5e+1\nv\t-3\t+.25e-1  7 \n"
                       "v 0 0 0 0.5 0.5 0.5\nvt 0.5\nvt 1 0 0\nvn 0 0 1\n# v nan\n"
                       "f 1/1/1 2/2/1 3//1\nf -4 -3 -1\n";
    io_model model;
    CHECK(io_model_load_memory(text, strlen(text), "ok.obj", NULL, NULL, &model) == CORE_OK);
    CHECK(model.index_count == 6 && model.warning_count == 0);
    float expected[] = {100, 1, 0.5f, 1, -0.0f, 25, -3, 0.025f, 7};
    for (int i = 0; i < 9 && model.positions; ++i)
        CHECK_NEAR(model.positions[i], expected[i], 1e-6);
    io_model_unload(&model);
}

/* A 200,000-corner face (6 MB): tinyobjloader's triangulation would take
 * minutes; it is refused at once, naming its line. */
static void test_huge_face_is_refused_quickly(void)
{
    size_t corners = 200000, capacity = corners * 40 + 64, length = 0;
    char *text = malloc(capacity);
    for (size_t i = 0; i < corners; ++i)
        length +=
            (size_t)snprintf(text + length, capacity - length, "v %zu %zu 0\n", i % 1000, i / 1000);
    length += (size_t)snprintf(text + length, capacity - length, "f");
    for (size_t i = 0; i < corners; ++i)
        length += (size_t)snprintf(text + length, capacity - length, " %zu", i + 1);
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    io_model model;
    CHECK(io_model_load_memory(text, length, "fan.obj", NULL, NULL, &model) == CORE_ERR_PARSE);
    clock_gettime(CLOCK_MONOTONIC, &end);
    double seconds =
        (double)(end.tv_sec - start.tv_sec) + 1e-9 * (double)(end.tv_nsec - start.tv_nsec);
    CHECK(seconds < 2.0);
    CHECK(strcmp(core_last_error(), "fan.obj:200001: a face of 200000 corners; glint reads at "
                                    "most 10000 per face (triangulating more takes minutes)") == 0);
    free(text);

    /* Many faces each under the limit: the total is bounded too. */
    io_obj_lines lines = {0};
    char face[16 * 5000];
    size_t n = (size_t)snprintf(face, sizeof face, "f");
    for (int i = 0; i < 5000; ++i)
        n += (size_t)snprintf(face + n, sizeof face - n, " %d", i + 1);
    int accepted = 0;
    while (accepted < 100 && io_obj_check_line(&lines, face, n))
        ++accepted;
    CHECK(accepted == (int)(IO_OBJ_POLYGON_WORK_MAX / (5000ull * 5000ull)));
    CHECK(strstr(lines.error, "too large to triangulate") != NULL);
}

/* Editors on Windows: a UTF-8 BOM before the first line (here its mtllib)
 * and backslashes in the library's path. Both files are read as meant. */
static void test_bom_and_backslashes(void)
{
    char path[512];
    snprintf(path, sizeof path, "%s/mats", folder);
    CHECK(mkdir(path, 0755) == 0);
    const char *mtl = "newmtl skin\nKd 0.8 0.6 0.5\n";
    write_file("mats/skin.mtl", mtl, strlen(mtl));
    const char *obj = "\xEF\xBB\xBFmtllib mats\\skin.mtl\n" TRIANGLE "usemtl skin\nf 1 2 3\n";
    io_model model;
    CHECK(io_model_load_memory(obj, strlen(obj), "bom.obj", folder, NULL, &model) == CORE_OK);
    CHECK(model.material_count == 1 && strcmp(model.materials[0].name, "skin") == 0);
    CHECK_NEAR(model.materials[0].base_color[0], 0.8, 1e-6);
    CHECK(model.warning_count == 0);
    io_model_unload(&model);
    const char *bom_vertex = "\xEF\xBB\xBFv 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n";
    CHECK(io_model_load_memory(bom_vertex, strlen(bom_vertex), "bom.obj", NULL, NULL, &model) ==
          CORE_OK);
    CHECK(model.vertex_count == 3 && model.warning_count == 0);
    io_model_unload(&model);
}

/* A streamed file is checked a 64 KiB read at a time: a refused line past
 * the first read, and a CR LF split between two reads, count right. */
static void test_streamed_lines_count_right(void)
{
    size_t size = 3u << 16, length = 0;
    char *text = malloc(size + 256);
    while (length < (1u << 16) - 9)
        length += (size_t)snprintf(text + length, size - length, "# pad\r\n");
    while (length < (1u << 16) - 1) /* the CR ends the first read */
        text[length++] = '#';
    text[length++] = '\r';
    text[length++] = '\n';
    size_t lines = 0;
    for (size_t i = 0; i < length; ++i)
        lines += text[i] == '\n';
    length += (size_t)snprintf(text + length, size + 256 - length, TRIANGLE "f 1 2 3\nv 1 2 nan\n");
    write_file("long.obj", text, length);
    char path[512], expected[600];
    snprintf(path, sizeof path, "%s/long.obj", folder);
    snprintf(expected, sizeof expected, "%s:%zu: vertex: 'nan' is not a number", path, lines + 5);
    io_model model;
    CHECK(io_model_load(path, NULL, &model) == CORE_ERR_PARSE);
    CHECK(strcmp(core_last_error(), expected) == 0);
    free(text);
}

/* A FIFO would block open() until a writer came: refused without waiting. */
static void test_fifo_is_refused(void)
{
    char path[512];
    snprintf(path, sizeof path, "%s/pipe.obj", folder);
    CHECK(mkfifo(path, 0600) == 0);
    io_model model;
    CHECK(io_model_load(path, NULL, &model) == CORE_ERR_ARGUMENT);
    char expected[600];
    snprintf(expected, sizeof expected, "%s: not a regular file (a FIFO)", path);
    CHECK(strcmp(core_last_error(), expected) == 0);
    char *bytes;
    size_t size;
    CHECK(core_file_read(path, 100, &bytes, &size) == CORE_ERR_ARGUMENT);
    unlink(path);
}

/* One texture file used by three materials is decoded once and shared; one
 * over IO_TEXTURE_MAX_SIDE is downscaled, with a warning naming it. */
static void test_textures_shared_and_bounded(void)
{
    io_image wide;
    CHECK(io_image_alloc(&wide, IO_TEXTURE_MAX_SIDE + 8, 2) == CORE_OK);
    for (int x = 0; x < wide.width; ++x) {
        for (int y = 0; y < 2; ++y) {
            uint8_t *p = wide.pixels + 4 * ((size_t)y * (size_t)wide.width + (size_t)x);
            p[0] = x % 2 ? 200 : 100; /* pairs average to 150 */
            p[3] = 255;
        }
    }
    char path[512];
    snprintf(path, sizeof path, "%s/wide.png", folder);
    CHECK(io_png_write(path, CORE_WRITE_REPLACE, &wide) == CORE_OK);
    io_image_free(&wide);
    const char *mtl = "newmtl a\nmap_Kd wide.png\nnewmtl b\nmap_Kd wide.png\n"
                      "newmtl c\nKd 1 0 0\nmap_Kd wide.png\n";
    write_file("wide.mtl", mtl, strlen(mtl));
    const char *obj = "mtllib wide.mtl\n" TRIANGLE "vt 0 0\nusemtl a\nf 1/1 2/1 3/1\n"
                      "usemtl b\nf 1/1 3/1 2/1\nusemtl c\nf 2/1 1/1 3/1\n";
    io_model model;
    CHECK(io_model_load_memory(obj, strlen(obj), "wide.obj", folder, NULL, &model) == CORE_OK);
    CHECK(model.material_count == 3);
    if (model.material_count == 3) {
        const io_material *m = model.materials;
        CHECK(m[0].texture_state == IO_TEXTURE_LOADED && !m[0].texture_shared);
        CHECK(m[0].texture.width == (IO_TEXTURE_MAX_SIDE + 8) / 2 && m[0].texture.height == 1);
        CHECK(m[0].texture.pixels && m[0].texture.pixels[0] == 150);
        for (int i = 1; i < 3; ++i) {
            CHECK(m[i].texture_state == IO_TEXTURE_LOADED);
            CHECK(m[i].texture_shared && m[i].texture_source == 0);
            CHECK(m[i].texture.pixels == m[0].texture.pixels);
        }
    }
    CHECK(model.warning_count == 1);
    if (model.warning_count == 1)
        CHECK(strstr(model.warnings[0], "texture wide.png is 8200x2; downscaled to 4100x1") !=
              NULL);
    io_model_unload(&model); /* once: the sanitizers would see a double free */

    /* `glint info`'s load: the header is read, the pixels never decoded. */
    io_load_desc skip = {.skip_texture_pixels = true};
    CHECK(io_model_load_memory(obj, strlen(obj), "wide.obj", folder, &skip, &model) == CORE_OK);
    for (uint32_t i = 0; i < model.material_count; ++i) {
        CHECK(model.materials[i].texture_state == IO_TEXTURE_SKIPPED);
        CHECK(model.materials[i].texture.pixels == NULL);
    }
    io_model_unload(&model);
    /* A file that is not an image is missing for info too, as for a render. */
    write_file("wide.png", "not a png", 9);
    CHECK(io_model_load_memory(obj, strlen(obj), "wide.obj", folder, &skip, &model) == CORE_OK);
    CHECK(model.materials[0].texture_state == IO_TEXTURE_MISSING);
    io_model_unload(&model);
}

int main(void)
{
    snprintf(folder, sizeof folder, "/tmp/glint-test-io-hostile-XXXXXX");
    if (!mkdtemp(folder))
        return 1;
    test_malformed_numbers_name_the_line();
    test_number_formats_exporters_write();
    test_huge_face_is_refused_quickly();
    test_bom_and_backslashes();
    test_streamed_lines_count_right();
    test_fifo_is_refused();
    test_textures_shared_and_bounded();
    char command[300];
    snprintf(command, sizeof command, "rm -rf '%s'", folder);
    if (system(command) != 0)
        fprintf(stderr, "could not remove %s\n", folder);
    return check_done("test_io_hostile");
}
