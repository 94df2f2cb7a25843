#define _POSIX_C_SOURCE 200809L
#include "../check.h"

#include "core/core_file.h"
#include "core/core_log.h"
#include "io/io_image.h"
#include "io/io_model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

/* Two objects; the second switches material halfway, so it splits in two parts. */
static const char two_parts[] = "mtllib parts.mtl\n"
                                "v 0 0 0\nv 1 0 0\nv 1 1 0\nv 0 1 0\n"
                                "vn 0 0 1\n"
                                "o plate\nusemtl skin\nf 1//1 2//1 3//1 4//1\n"
                                "o cube\nusemtl cloth\nf 1 2 3\nusemtl eyes\nf 1 3 4\n";
static const char parts_mtl[] = "newmtl skin\nKd 0.8 0.6 0.5\nKs 0.2 0.2 0.2\nNs 30\n"
                                "newmtl cloth\nKd 0.2 0.3 0.6\n"
                                "newmtl eyes\nKd 0.05 0.05 0.05\nKs 1 1 1\nNs 500\n";

static char folder[256];

static void write_file(const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", folder, name);
    CHECK(core_file_write_bytes(path, CORE_WRITE_REPLACE, text, strlen(text)) == CORE_OK);
}

static void test_parts_and_materials(void)
{
    io_model model;
    CHECK(io_model_load_memory(two_parts, strlen(two_parts), "two.obj", folder, NULL, &model) ==
          CORE_OK);
    CHECK(model.part_count == 3);
    if (model.part_count == 3) {
        CHECK(strcmp(model.parts[0].name, "plate") == 0);
        CHECK(model.parts[0].index_count == 6); /* the quad, triangulated */
        CHECK(strcmp(model.parts[1].name, "cube.cloth") == 0);
        CHECK(strcmp(model.parts[2].name, "cube.eyes") == 0);
        CHECK(model.parts[1].index_count == 3 && model.parts[2].index_count == 3);
        const io_material *eyes = &model.materials[model.parts[2].material];
        CHECK(strcmp(eyes->name, "eyes") == 0);
        CHECK_NEAR(eyes->shininess, 500.0, 1e-3);
        CHECK_NEAR(model.materials[model.parts[0].material].base_color[0], 0.8, 1e-6);
    }
    CHECK(model.index_count == 12);
    /* Corners with a normal and without one are different vertices. */
    CHECK(model.vertex_count == 8);
    CHECK(model.normals != NULL);
    io_model_unload(&model);
}

static void test_file_and_missing_mtl(void)
{
    write_file("parts.mtl", parts_mtl);
    write_file("two.obj", two_parts);
    char path[512];
    snprintf(path, sizeof path, "%s/two.obj", folder);
    io_model model;
    CHECK(io_model_load(path, NULL, &model) == CORE_OK);
    CHECK(model.material_count == 3);
    io_model_unload(&model);

    /* A missing library is a warning, not an error: parts get a default colour. */
    const char *lonely = "mtllib gone.mtl\nv 0 0 0\nv 1 0 0\nv 0 1 0\nusemtl x\nf 1 2 3\n";
    CHECK(io_model_load_memory(lonely, strlen(lonely), "lonely.obj", folder, NULL, &model) ==
          CORE_OK);
    CHECK(model.part_count == 1 && model.material_count >= 1);
    io_model_unload(&model);
}

static void test_bad_input(void)
{
    io_model model;
    CHECK(io_model_load_memory("", 0, "empty.obj", NULL, NULL, &model) == CORE_ERR_PARSE);
    CHECK(strstr(core_last_error(), "empty.obj") != NULL);

    const char *no_faces = "v 0 0 0\nv 1 0 0\n";
    CHECK(io_model_load_memory(no_faces, strlen(no_faces), "points.obj", NULL, NULL, &model) ==
          CORE_ERR_PARSE);
    CHECK(strstr(core_last_error(), "no faces") != NULL);

    const char binary[] = {'\x89', 'P', 'N', 'G', '\r', '\n', 0, 1, 2, 3}; /* not a model */
    CHECK(io_model_load_memory(binary, sizeof binary, "model.stl", NULL, NULL, &model) ==
          CORE_ERR_UNSUPPORTED);

    const char *nan = "v 0 0 0\nv 1 nan 0\nv 0 1 0\nf 1 2 3\n";
    core_result r = io_model_load_memory(nan, strlen(nan), "nan.obj", NULL, NULL, &model);
    CHECK(r == CORE_ERR_PARSE || r == CORE_OK);
    if (r == CORE_OK) /* tinyobjloader may read "nan" as 0: then the model must be finite */
        CHECK(model.positions[4] == model.positions[4]);
    io_model_unload(&model);

    const char *too_far = "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 9\n";
    CHECK(io_model_load_memory(too_far, strlen(too_far), "far.obj", NULL, NULL, &model) ==
          CORE_ERR_PARSE);
    CHECK(strcmp(core_last_error(),
                 "far.obj: triangle 1: vertex index 9 is out of range (the file has 3)") == 0);
    const char *too_early = "v 0 0 0\nv 1 0 0\nv 0 1 0\ng cap\nf 1 2 -7\n";
    CHECK(io_model_load_memory(too_early, strlen(too_early), "early.obj", NULL, NULL, &model) ==
          CORE_ERR_PARSE);
    CHECK(strstr(core_last_error(), "part 'cap', triangle 1: a relative vertex index") != NULL);
    const char *short_face = "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2\nf 1 2 3\n";
    CHECK(io_model_load_memory(short_face, strlen(short_face), "short.obj", NULL, NULL, &model) ==
          CORE_OK);
    CHECK(model.index_count == 3); /* the two-corner face is dropped, with a warning */
    for (uint32_t w = 0; w < model.warning_count; ++w)
        CHECK(strlen(model.warnings[w]) > strlen("short.obj: ") + 1);
    io_model_unload(&model);

    CHECK(io_model_load("/no/such/model.obj", NULL, &model) == CORE_ERR_NOT_FOUND);
    CHECK(strstr(core_last_error(), "/no/such/model.obj") != NULL);
    CHECK(model.positions == NULL && model.part_count == 0);
    CHECK(io_model_load(folder, NULL, &model) == CORE_ERR_ARGUMENT);
    io_load_desc small = {.max_file_bytes = 8};
    char path[512];
    snprintf(path, sizeof path, "%s/two.obj", folder);
    CHECK(io_model_load(path, &small, &model) == CORE_ERR_TOO_LARGE);
}

/* Found by fuzz_obj: an 85-digit texture coordinate is infinite. Every float
 * a model hands on must be finite. */
static void test_non_finite_attributes_are_cleared(void)
{
    const char *text = "v 0 0 0\nv 1 0 0\nv 0 1 0\nvt 1e999 0\nvt 1 0\nvt 0 1\n"
                       "vn 0 0 1e999\nvn 0 0 1\nf 1/1/1 2/2/2 3/3/2\n";
    io_model model;
    CHECK(io_model_load_memory(text, strlen(text), "inf.obj", NULL, NULL, &model) == CORE_OK);
    for (uint32_t v = 0; v < model.vertex_count; ++v) {
        CHECK(isfinite(model.uvs[2 * v]) && isfinite(model.uvs[2 * v + 1]));
        CHECK(isfinite(model.normals[3 * v + 2]));
    }
    CHECK(model.warning_count == 2);
    io_model_unload(&model);
}

/* Found by fuzz_obj: a skin-weight line whose joint id is 1e999 made
 * tinyobjloader convert infinity to int. glint ignores skin weights; the line
 * must not disturb anything else, wherever the stream's reads split it. */
static void test_skin_weights_are_ignored(void)
{
    const char *text = "v 0 0 0\nv 1 0 0\n  vw 0.5 1e999 1 1\nv 0 1 0\nf 1 2 3\nvw 1 2\n";
    io_model model;
    CHECK(io_model_load_memory(text, strlen(text), "weights.obj", NULL, NULL, &model) == CORE_OK);
    CHECK(model.vertex_count == 3 && model.index_count == 3);
    CHECK(model.positions && model.positions[7] == 1.0f); /* the third vertex is (0, 1, 0) */
    io_model_unload(&model);
    /* A "v" that ends one 64 KiB read and a "w" that starts the next. */
    size_t size = (1u << 16) - 1;
    char *big = malloc(size + 64);
    memset(big, ' ', size);
    big[0] = '#';
    big[size - 2] = '\n';
    big[size - 1] = 'v';
    strcpy(big + size, "w 0 1e999 1\nv 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n");
    CHECK(io_model_load_memory(big, strlen(big), "split.obj", NULL, NULL, &model) == CORE_OK);
    CHECK(model.vertex_count == 3);
    io_model_unload(&model);
    free(big);
}

static void test_png_round_trip(void)
{
    io_image image;
    CHECK(io_image_alloc(&image, 3, 2) == CORE_OK);
    for (int i = 0; i < 3 * 2 * 4; ++i)
        image.pixels[i] = (uint8_t)(i * 10);
    char path[512];
    snprintf(path, sizeof path, "%s/small.png", folder);
    CHECK(io_png_write(path, CORE_WRITE_NO_CLOBBER, &image) == CORE_OK);
    CHECK(io_png_write(path, CORE_WRITE_NO_CLOBBER, &image) == CORE_ERR_EXISTS);
    io_image back;
    CHECK(io_image_load(path, &back) == CORE_OK);
    CHECK(back.width == 3 && back.height == 2);
    CHECK(back.pixels && memcmp(back.pixels, image.pixels, 24) == 0);
    io_image_free(&back);
    io_image_free(&image);
    CHECK(io_image_alloc(&image, 0, 5) == CORE_ERR_ARGUMENT);
}

/* The IDAT chunks' zlib stream inflated by zlib itself, which (unlike
 * stb's decoder) checks the Adler-32 the encoder joined from its bands:
 * true when it holds the image's filtered rows, no more, no less. */
static bool zlib_stream_checks(const uint8_t *png, size_t size, int width, int height)
{
    uint8_t *stream = malloc(size);
    size_t stream_size = 0;
    for (size_t at = 8; stream && at + 12 <= size;) {
        uint32_t length = (uint32_t)png[at] << 24 | (uint32_t)png[at + 1] << 16 |
                          (uint32_t)png[at + 2] << 8 | png[at + 3];
        if (memcmp(png + at + 4, "IDAT", 4) == 0) {
            memcpy(stream + stream_size, png + at + 8, length);
            stream_size += length;
        }
        at += 12 + (size_t)length;
    }
    uLongf expected = (uLongf)height * ((uLongf)width * 4 + 1), inflated = expected + 1;
    uint8_t *rows = malloc(expected + 1);
    int status =
        stream && rows ? uncompress(rows, &inflated, stream, (uLong)stream_size) : Z_MEM_ERROR;
    free(rows);
    free(stream);
    return status == Z_OK && inflated == expected;
}

/* The zlib encoder (io_png_encode.c) against stb's decoder: exact for odd
 * sizes, a single pixel, incompressible noise that spans several IDAT
 * chunks, and a smooth gradient with a flat background as renders have;
 * large images in two and four bands deflated at once; each as a drawing
 * and as a render (io_image.rendered). */
static void encode_decode(int width, int height, int pattern, bool rendered)
{
    io_image image;
    CHECK(io_image_alloc(&image, width, height) == CORE_OK);
    if (!image.pixels)
        return;
    image.rendered = rendered;
    uint32_t seed = 12345u;
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            for (int c = 0; c < 4; ++c) {
                uint8_t *p = &image.pixels[((size_t)y * (size_t)width + (size_t)x) * 4 + (size_t)c];
                seed = seed * 1664525u + 1013904223u;
                if (pattern == 0)
                    *p = (uint8_t)(seed >> 24);
                else
                    *p = x < width / 4 ? 40 : (uint8_t)((x * 7 + y * 3 + c * 50) & 255);
            }
    uint8_t *png = NULL;
    size_t size = 0;
    CHECK(io_png_encode(&image, "t.png", &png, &size) == CORE_OK);
    io_image back = {0};
    CHECK(png && io_image_decode((const char *)png, size, "t.png", &back) == CORE_OK);
    CHECK(back.width == width && back.height == height);
    CHECK(back.pixels &&
          memcmp(back.pixels, image.pixels, (size_t)width * (size_t)height * 4) == 0);
    CHECK(png && zlib_stream_checks(png, size, width, height));
    if (pattern == 0 && (size_t)width * (size_t)height * 4 > (3u << 20)) {
        int idat = 0;
        for (size_t at = 8; at + 8 <= size;) {
            uint32_t length = (uint32_t)png[at] << 24 | (uint32_t)png[at + 1] << 16 |
                              (uint32_t)png[at + 2] << 8 | png[at + 3];
            idat += memcmp(png + at + 4, "IDAT", 4) == 0;
            at += 12 + (size_t)length;
        }
        CHECK(idat >= 3); /* noise does not compress: the data spans 1 MB chunks */
    }
    io_image_free(&back);
    io_png_free(png);
    io_image_free(&image);
}

static void test_png_encoder(void)
{
    /* Drawings (the full deflate) and renders (runs only, Z_RLE) alike. */
    for (int rendered = 0; rendered <= 1; ++rendered) {
        encode_decode(1, 1, 1, rendered);
        encode_decode(3, 7, 0, rendered);
        encode_decode(1023, 5, 1, rendered);
        encode_decode(700, 1200, 0, rendered);
        encode_decode(640, 480, 1, rendered);
        encode_decode(2048, 1100, 1, rendered);
    }
}

static void test_textures_resolve_against_the_mtl(void)
{
    /* model.obj -> mtllib sub/paint.mtl -> map_Kd tex\\red.png (Windows separator),
     * which lives at sub/tex/red.png: relative to the MTL, not the OBJ or the cwd. */
    char path[512];
    snprintf(path, sizeof path, "%s/sub", folder);
    CHECK(mkdir(path, 0755) == 0);
    snprintf(path, sizeof path, "%s/sub/tex", folder);
    CHECK(mkdir(path, 0755) == 0);
    io_image red;
    CHECK(io_image_alloc(&red, 4, 2) == CORE_OK);
    for (int i = 0; i < 8; ++i)
        red.pixels[4 * i] = red.pixels[4 * i + 3] = 255;
    snprintf(path, sizeof path, "%s/sub/tex/red.png", folder);
    CHECK(io_png_write(path, CORE_WRITE_REPLACE, &red) == CORE_OK);
    io_image_free(&red);
    write_file("sub/paint.mtl", "newmtl red\nKd 1 1 1\nmap_Kd tex\\red.png\n"
                                "newmtl gone\nKd 0.5 0.5 0.5\nmap_Kd nowhere.png\n");
    const char *obj = "mtllib sub/paint.mtl\nv 0 0 0\nv 1 0 0\nv 0 1 0\nvt 0 0\nvt 1 0\nvt 0 1\n"
                      "usemtl red\nf 1/1 2/2 3/3\nusemtl gone\nf 1/1 3/3 2/2\n";
    io_model model;
    CHECK(io_model_load_memory(obj, strlen(obj), "textured.obj", folder, NULL, &model) == CORE_OK);
    CHECK(model.material_count == 2 && model.uvs != NULL);
    if (model.material_count == 2) {
        const io_material *loaded = &model.materials[0], *missing = &model.materials[1];
        CHECK(strcmp(loaded->base_color_texture, "sub/tex/red.png") == 0);
        CHECK(loaded->texture_state == IO_TEXTURE_LOADED);
        CHECK(loaded->texture.width == 4 && loaded->texture.height == 2);
        CHECK(loaded->texture.pixels && loaded->texture.pixels[0] == 255);
        CHECK(missing->texture_state == IO_TEXTURE_MISSING);
    }
    CHECK(model.warning_count == 1 && strstr(model.warnings[0], "nowhere.png") != NULL);
    io_model_unload(&model);

    /* Existence checked, pixels not decoded. */
    io_load_desc skip = {.skip_texture_pixels = true};
    CHECK(io_model_load_memory(obj, strlen(obj), "textured.obj", folder, &skip, &model) == CORE_OK);
    CHECK(model.materials[0].texture_state == IO_TEXTURE_SKIPPED);
    CHECK(model.materials[0].texture.pixels == NULL);
    io_model_unload(&model);
}

/* Files over the sniffing size are streamed into tinyobjloader from disk;
 * the result must match reading them from memory. */
static void test_streamed_file_matches_memory(void)
{
    size_t capacity = 64 * 1024, length = 0;
    char *text = malloc(capacity);
    length += (size_t)snprintf(text + length, capacity - length, "mtllib parts.mtl\n");
    for (int i = 0; i < 400; ++i) /* comments push the file past 4 KB */
        length += (size_t)snprintf(text + length, capacity - length, "# padding line %d\n", i);
    length += (size_t)snprintf(text + length, capacity - length, "%s", two_parts + 17);
    write_file("streamed.obj", text);
    char path[512];
    snprintf(path, sizeof path, "%s/streamed.obj", folder);
    io_model streamed, in_memory;
    CHECK(length > 4096);
    CHECK(io_model_load(path, NULL, &streamed) == CORE_OK);
    CHECK(io_model_load_memory(text, length, "streamed.obj", folder, NULL, &in_memory) == CORE_OK);
    CHECK(streamed.format == IO_FORMAT_OBJ && streamed.part_count == 3);
    CHECK(streamed.vertex_count == in_memory.vertex_count);
    CHECK(streamed.index_count == in_memory.index_count);
    CHECK(memcmp(streamed.indices, in_memory.indices, streamed.index_count * 4) == 0);
    CHECK(strcmp(streamed.materials[streamed.parts[2].material].name, "eyes") == 0);
    io_model_unload(&streamed);
    io_model_unload(&in_memory);
    free(text);
}

static void test_detection_by_content(void)
{
    CHECK(io_detect_format("v 0 0 0\n", 8) == IO_FORMAT_OBJ);
    const char utf16[] = {'\xff', '\xfe', 'v', 0, ' ', 0};
    io_model model;
    CHECK(io_model_load_memory(utf16, sizeof utf16, "wide.obj", NULL, NULL, &model) ==
          CORE_ERR_UNSUPPORTED);
    CHECK(strstr(core_last_error(), "UTF-16") != NULL);
    /* A 10 MB line is read, not choked on. */
    size_t size = 10u << 20;
    char *long_line = malloc(size + 64);
    memset(long_line, ' ', size);
    memcpy(long_line, "# ", 2);
    strcpy(long_line + size, "\nv 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n");
    CHECK(io_model_load_memory(long_line, strlen(long_line), "long.obj", NULL, NULL, &model) ==
          CORE_OK);
    CHECK(model.index_count == 3);
    io_model_unload(&model);
    free(long_line);
}

static int logged_warnings;
static char last_warning[512];

static void count_warnings(core_log_level level, const char *message, void *user)
{
    (void)user;
    if (level == CORE_LOG_WARNING) {
        ++logged_warnings;
        snprintf(last_warning, sizeof last_warning, "%s", message);
    }
}

/* 10,000 mtllib lines naming missing libraries: ten lines in the log and a
 * count, not ten thousand; the model keeps the first few hundred. */
static void test_warning_floods_are_capped(void)
{
    size_t capacity = 400 * 1024, length = 0;
    char *text = malloc(capacity);
    for (int i = 0; i < 10000; ++i)
        length += (size_t)snprintf(text + length, capacity - length, "mtllib missing%d.mtl\n", i);
    length +=
        (size_t)snprintf(text + length, capacity - length, "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n");
    write_file("flood.obj", text);
    char path[512];
    snprintf(path, sizeof path, "%s/flood.obj", folder);
    logged_warnings = 0;
    core_log_set_sink(count_warnings, NULL);
    io_model model;
    CHECK(io_model_load(path, NULL, &model) == CORE_OK);
    core_log_set_sink(NULL, NULL);
    CHECK(logged_warnings == IO_WARNINGS_LOGGED + 1);
    /* One a library, and tinyobjloader's own note that materials failed. */
    uint32_t total = model.warning_count + model.warnings_not_kept;
    CHECK(total >= 10000 && total <= 10001);
    char expected[64];
    snprintf(expected, sizeof expected, "and %u more warnings", total - IO_WARNINGS_LOGGED);
    CHECK(strstr(last_warning, expected) != NULL);
    CHECK(model.warning_count == IO_WARNINGS_KEPT);
    CHECK(io_model_warnings_unlogged(&model) == total - IO_WARNINGS_LOGGED);
    io_model_unload(&model);
    free(text);
}

/* A big file the first bytes already refuse is refused with the parser's own
 * message (sparse, so the test writes nothing). That it is not read whole is
 * tests/cli/test_io_limits.sh's check, under a memory limit. */
static void test_refused_from_the_first_bytes(void)
{
    char path[512];
    snprintf(path, sizeof path, "%s/zeros.stl", folder);
    FILE *file = fopen(path, "wb");
    CHECK(file && fseek(file, 1500L << 20, SEEK_SET) == 0 && fputc(0, file) == 0);
    if (file)
        fclose(file);
    io_load_desc small = {.max_file_bytes = 4u << 30};
    io_model model;
    CHECK(io_model_load(path, &small, &model) == CORE_ERR_PARSE);
    CHECK(strstr(core_last_error(), "header promises 0 triangles") != NULL);
    unlink(path);
}

int main(void)
{
    snprintf(folder, sizeof folder, "/tmp/glint-test-io-XXXXXX");
    if (!mkdtemp(folder))
        return 1;
    write_file("parts.mtl", parts_mtl);
    test_parts_and_materials();
    test_file_and_missing_mtl();
    test_bad_input();
    test_png_round_trip();
    test_png_encoder();
    test_non_finite_attributes_are_cleared();
    test_skin_weights_are_ignored();
    test_textures_resolve_against_the_mtl();
    test_detection_by_content();
    test_streamed_file_matches_memory();
    test_warning_floods_are_capped();
    test_refused_from_the_first_bytes();
    char command[300];
    snprintf(command, sizeof command, "rm -rf '%s'", folder);
    if (system(command) != 0)
        fprintf(stderr, "could not remove %s\n", folder);
    return check_done("test_io");
}
