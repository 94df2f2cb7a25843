#define _POSIX_C_SOURCE 200809L
#include "../check.h"
#include "gpu_fixture.h"

#include "core/core_file.h"
#include "io/io_image.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void test_context(void)
{
    plat_context *platform;
    plat_context_desc desc = {.backend = PLAT_BACKEND_HEADLESS};
    CHECK(plat_context_create(&desc, &platform) == CORE_OK);
    if (!platform)
        return;
    CHECK(gfx_init(plat_context_loader(platform)) == CORE_OK);
    printf("context: %s; renderer: %s; OpenGL %s\n", plat_context_description(platform),
           gfx_renderer(), gfx_version());
    CHECK(strncmp(plat_context_description(platform), "EGL", 3) == 0);
    plat_context_destroy(platform);
}

static void test_forced_unknown_platform_fails_cleanly(void)
{
    setenv("GLINT_EGL_PLATFORM", "nonsense", 1);
    plat_context *platform = NULL;
    plat_context_desc desc = {.backend = PLAT_BACKEND_HEADLESS};
    CHECK(plat_context_create(&desc, &platform) == CORE_ERR_ARGUMENT);
    CHECK(platform == NULL);
    CHECK(strstr(core_last_error(), "GLINT_EGL_PLATFORM") != NULL);
    unsetenv("GLINT_EGL_PLATFORM");
}

static void test_sphere_render(gpu_fixture *f)
{
    size_t size;
    char *text = gpu_sphere_obj(1.0, &size);
    render_model model;
    int ok = gpu_fixture_model("sphere.obj", text, size, &model);
    free(text);
    CHECK(ok);
    if (!ok)
        return;
    enum { w = 160, h = 120 };
    static uint8_t first[w * h * 4], second[w * h * 4];
    render_frame_desc frame = render_frame_desc_defaults();
    CHECK(render_offscreen(&f->render, &model, &frame, w, h, first) == CORE_OK);
    CHECK(render_offscreen(&f->render, &model, &frame, w, h, second) == CORE_OK);
    CHECK(memcmp(first, second, sizeof first) == 0);
    uint8_t background[3];
    render_background_srgb8(&frame, background);
    CHECK(memcmp(&first[0], background, 3) == 0);
    const uint8_t *centre = &first[((h / 2) * w + w / 2) * 4];
    CHECK(memcmp(centre, background, 3) != 0);
    /* The lamp is up and to the right of the camera: that side of the sphere is brighter. */
    const uint8_t *upper_right = &first[((h / 2 - 25) * w + w / 2 + 25) * 4];
    const uint8_t *lower_left = &first[((h / 2 + 25) * w + w / 2 - 25) * 4];
    CHECK(upper_right[1] > lower_left[1] + 40);
    /* The sphere is round on screen: its width and height agree within a pixel or two. */
    int left = w, right = -1, top = h, bottom = -1;
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            if (memcmp(&first[(y * w + x) * 4], background, 3) != 0) {
                left = x < left ? x : left;
                right = x > right ? x : right;
                top = y < top ? y : top;
                bottom = y > bottom ? y : bottom;
            }
        }
    }
    CHECK(abs((right - left) - (bottom - top)) <= 2);
    render_model_unload(&model);
}

/* Two faces meeting along a leaning edge, one lit and one turned from the lamp
 * (no fill): at +6 EV the lit one is many times white, the other black. The
 * MSAA samples must be tone-mapped before they are averaged, so the pixels the
 * edge crosses step through grey; a linear resolve makes any pixel with one lit
 * sample in four white, and the edge stair-steps (issue 16 item 5). */
static void test_bright_edge_resolves_after_tone_map(gpu_fixture *f)
{
    static const char wedge[] = "v -0.3 -1 1\nv 0.7 -1 0\nv 1.3 1 0\nv 0.3 1 1\n"
                                "v -0.7 1 0\nv -1.3 -1 0\n"
                                "vn 2 -0.6 2\nvn -2 0.6 2\n"
                                "f 1//1 2//1 3//1 4//1\nf 1//2 4//2 5//2 6//2\n";
    render_model model;
    int ok = gpu_fixture_model("wedge.obj", wedge, sizeof wedge - 1, &model);
    CHECK(ok);
    if (!ok)
        return;
    enum { w = 160, h = 120 };
    static uint8_t pixels[w * h * 4];
    render_frame_desc frame = render_frame_desc_defaults();
    frame.shot.lamp.azimuth_deg = 90.0f;
    frame.shot.lamp.elevation_deg = 0.0f;
    frame.shot.lamp.ambient = 0.0f;
    frame.exposure_ev = 6.0f;
    frame.samples = 4;
    CHECK(render_offscreen(&f->render, &model, &frame, w, h, pixels) == CORE_OK);
    /* Along the middle rows: the black face, then the white one (neutral's
     * white is 249), and between them, where the edge crosses, grey. */
    int rows = 0, grey_rows = 0;
    for (int y = h / 2 - 20; y <= h / 2 + 20; ++y) {
        const uint8_t *row = &pixels[y * w * 4];
        int black_to_white = 0, grey = 0;
        for (int x = 2; x < w - 2; ++x) {
            int g = row[x * 4 + 1];
            int before = row[(x - 1) * 4 + 1], after = row[(x + 1) * 4 + 1];
            black_to_white += before <= 5 && g >= 240;
            grey += g > 30 && g < 215 && (before <= 5 || row[(x - 2) * 4 + 1] <= 5) &&
                    (after >= 240 || row[(x + 2) * 4 + 1] >= 240);
        }
        rows += black_to_white > 0 || grey > 0;
        grey_rows += grey > 0;
    }
    printf("bright edge: %d of %d rows step through grey\n", grey_rows, rows);
    /* Four samples in a rotated grid cover 3/4 of the offsets an edge can
     * cross a row at; a linear resolve gives none. */
    CHECK(rows >= 20);
    CHECK(grey_rows * 2 >= rows);
    render_model_unload(&model);
}

/* A quad facing the camera whose texture is red on its top half and green on
 * its bottom half must render red above green: the V axis is not flipped. */
static void test_texture_orientation(gpu_fixture *f)
{
    char folder[] = "/tmp/glint-test-texture-XXXXXX";
    CHECK(mkdtemp(folder) != NULL);
    io_image image;
    CHECK(io_image_alloc(&image, 8, 8) == CORE_OK);
    for (int y = 0; y < 8; ++y) {
        for (int x = 0; x < 8; ++x) {
            uint8_t *p = &image.pixels[4 * (y * 8 + x)];
            p[0] = y < 4 ? 255 : 0;
            p[1] = y < 4 ? 0 : 255;
            p[3] = 255;
        }
    }
    char path[256];
    snprintf(path, sizeof path, "%s/halves.png", folder);
    CHECK(io_png_write(path, CORE_WRITE_REPLACE, &image) == CORE_OK);
    io_image_free(&image);
    const char *mtl = "newmtl painted\nKd 1 1 1\nmap_Kd halves.png\n";
    const char *obj = "mtllib quad.mtl\nv -1 -1 0\nv 1 -1 0\nv 1 1 0\nv -1 1 0\n"
                      "vt 0 0\nvt 1 0\nvt 1 1\nvt 0 1\nvn 0 0 1\n"
                      "usemtl painted\nf 1/1/1 2/2/1 3/3/1 4/4/1\n";
    snprintf(path, sizeof path, "%s/quad.mtl", folder);
    CHECK(core_file_write_bytes(path, CORE_WRITE_REPLACE, mtl, strlen(mtl)) == CORE_OK);
    char obj_path[256];
    snprintf(obj_path, sizeof obj_path, "%s/quad.obj", folder);
    CHECK(core_file_write_bytes(obj_path, CORE_WRITE_REPLACE, obj, strlen(obj)) == CORE_OK);

    render_model model;
    CHECK(gpu_fixture_model(obj_path, NULL, 0, &model));
    enum { w = 100, h = 100 };
    static uint8_t pixels[w * h * 4];
    /* Matte and 2 stops down: the colours stay far from the tone map's
     * roll-off, so only the orientation decides the result. */
    render_frame_desc frame = render_frame_desc_defaults();
    frame.shot.lamp.azimuth_deg = 0.0f;
    frame.shot.lamp.elevation_deg = 0.0f;
    frame.finish = SCENE_FINISH_MATTE;
    frame.exposure_ev = -2.0f;
    CHECK(render_offscreen(&f->render, &model, &frame, w, h, pixels) == CORE_OK);
    const uint8_t *top = &pixels[(30 * w + 50) * 4], *bottom = &pixels[(70 * w + 50) * 4];
    printf("texture: top %d %d %d, bottom %d %d %d\n", top[0], top[1], top[2], bottom[0], bottom[1], bottom[2]);
    CHECK(top[0] > 60 && top[0] > 3 * top[1]);
    CHECK(bottom[1] > 60 && bottom[1] > 3 * bottom[0]);
    render_model_unload(&model);
    unlink(obj_path);
    unlink(path);
    snprintf(path, sizeof path, "%s/halves.png", folder);
    unlink(path);
    rmdir(folder);
}

static void test_shader_error_names_file_and_line(void)
{
    char folder[] = "/tmp/glint-test-shaders-XXXXXX";
    CHECK(mkdtemp(folder) != NULL);
    char path[128];
    const char *vert = "#version 330 core\nvoid main() { gl_Position = vec4(0.0); }\n";
    const char *frag =
        "#version 330 core\nout vec4 c;\nvoid main()\n{\n    c = vec4(undefined_name);\n}\n";
    snprintf(path, sizeof path, "%s/lit.vert", folder);
    CHECK(core_file_write_bytes(path, CORE_WRITE_REPLACE, vert, strlen(vert)) == CORE_OK);
    snprintf(path, sizeof path, "%s/lit.frag", folder);
    CHECK(core_file_write_bytes(path, CORE_WRITE_REPLACE, frag, strlen(frag)) == CORE_OK);
    gfx_set_shader_folder(folder);
    gfx_program program;
    CHECK(gfx_program_load("lit.vert", "lit.frag", &program) == CORE_ERR_GPU);
    char expected[160];
    snprintf(expected, sizeof expected, "%s/lit.frag:5:", folder);
    CHECK(strstr(core_last_error(), expected) == core_last_error());
    printf("shader error: %s\n", core_last_error());
    /* A variant with defines still names the file's own line. */
    CHECK(gfx_program_load_defines("lit.vert", "lit.frag", "#define A 1\n#define B 2", &program) ==
          CORE_ERR_GPU);
    CHECK(strstr(core_last_error(), expected) == core_last_error());
    gfx_set_shader_folder(NULL);
    /* The built-in copies compile: the lit pass, its room variant, the room's prefilter. */
    CHECK(gfx_program_load("lit.vert", "lit.frag", &program) == CORE_OK);
    gfx_program_unload(&program);
    CHECK(gfx_program_load_defines("lit.vert", "lit.frag", "#define GLINT_ROOM 1", &program) ==
          CORE_OK);
    gfx_program_unload(&program);
    CHECK(gfx_program_load("tonemap.vert", "prefilter.frag", &program) == CORE_OK);
    gfx_program_unload(&program);
    CHECK(gfx_program_load("lit.vert", "missing.frag", &program) == CORE_ERR_NOT_FOUND);
    CHECK(strstr(core_last_error(), "shaders/missing.frag") != NULL);
    unlink(path);
    snprintf(path, sizeof path, "%s/lit.vert", folder);
    unlink(path);
    rmdir(folder);
}

int main(void)
{
    test_context();
    test_forced_unknown_platform_fails_cleanly();
    gpu_fixture f;
    CHECK(gpu_fixture_open(&f));
    test_sphere_render(&f);
    test_texture_orientation(&f);
    test_bright_edge_resolves_after_tone_map(&f);
    test_shader_error_names_file_and_line();
    gpu_fixture_close(&f);
    return check_done("test_headless");
}
