/* Paint under varnish on screen: a gold metallic paint (an OBJ + MTL with
 * Pm 1) stays gold in the specular view under gloss and satin varnish, and a
 * white furnace: a white sphere in a uniform white fill, with no lamp to
 * speak of, returns between 0.9 and 1 of the light under every varnish.
 * Reads linear radiance, before tone mapping. */
#define _POSIX_C_SOURCE 200809L
#include "../check.h"
#include "gpu_fixture.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

enum { W = 160, H = 160 };
static float radiance[W * H * 4];

/* Writes a sphere OBJ using material `name` from `mtl` into a fresh folder
 * and loads it. */
static int upload_sphere(const char *folder, const char *mtl, render_model *out)
{
    char path[512];
    snprintf(path, sizeof path, "%s/paint.mtl", folder);
    FILE *file = fopen(path, "w");
    if (!file)
        return 0;
    fputs(mtl, file);
    fclose(file);
    size_t size;
    char *sphere = gpu_sphere_obj(10.0, &size);
    snprintf(path, sizeof path, "%s/sphere.obj", folder);
    file = fopen(path, "w");
    if (!file) {
        free(sphere);
        return 0;
    }
    fputs("mtllib paint.mtl\nusemtl paint\n", file);
    fwrite(sphere, 1, size, file);
    fclose(file);
    free(sphere);
    return gpu_fixture_model(path, NULL, 0, out);
}

static int render(gpu_fixture *f, const render_model *model, const render_frame_desc *frame)
{
    return render_offscreen_radiance(&f->render, model, frame, W, H, radiance) == CORE_OK;
}

/* MTL's gold: Kd 1 0.77 0.34, metallic (Pm 1). Under gloss and satin the
 * specular view's summed red over its summed blue stays >= 1.5 (a varnish
 * that replaced the paint made it 1.0: white highlights); under matte the
 * metal's highlight is dulled, not lost. */
static void test_gold_under_varnish(gpu_fixture *f, const char *folder)
{
    render_model model;
    CHECK(upload_sphere(folder, "newmtl paint\nKd 1 0.77 0.34\nNs 200\nPm 1\n", &model));
    const scene_finish_kind kinds[] = {SCENE_FINISH_GLOSS, SCENE_FINISH_SATIN, SCENE_FINISH_MATTE};
    double peak[3] = {0};
    for (int k = 0; k < 3; ++k) {
        render_frame_desc frame = render_frame_desc_defaults();
        frame.finish = kinds[k];
        frame.shot.lamp.kelvin = 6500.0f;
        frame.view = RENDER_VIEW_SPECULAR;
        CHECK(render(f, &model, &frame));
        double red = 0.0, blue = 0.0;
        for (int i = 0; i < W * H; ++i) {
            if (radiance[4 * i + 3] <= 0.0f)
                continue; /* background */
            red += radiance[4 * i];
            blue += radiance[4 * i + 2];
            if (radiance[4 * i + 1] > peak[k])
                peak[k] = radiance[4 * i + 1];
        }
        printf("gold under %s: summed R / B %.3f, peak %.3f\n", scene_finish_name(kinds[k]),
               red / blue, peak[k]);
        CHECK(blue > 0.0);
        if (kinds[k] != SCENE_FINISH_MATTE)
            CHECK(red >= 1.5 * blue);
    }
    /* Gloss keeps the metal's highlight crisp, matte spreads it. */
    CHECK(peak[0] > 2.0 * peak[2]);
    render_model_unload(&model);
}

/* The furnace: white paint, a white fill of radiance `ambient`, the lamp
 * down to a millionth. Every fully covered pixel returns at most what came
 * in, and at least 0.9 of it, under every varnish and none. */
static void test_white_furnace(gpu_fixture *f, const char *folder)
{
    render_model model;
    CHECK(upload_sphere(folder, "newmtl paint\nKd 1 1 1\nNs 10\n", &model));
    const scene_finish_kind kinds[] = {SCENE_FINISH_NONE, SCENE_FINISH_MATTE, SCENE_FINISH_SATIN,
                                       SCENE_FINISH_GLOSS};
    for (int k = 0; k < 4; ++k) {
        render_frame_desc frame = render_frame_desc_defaults();
        frame.finish = kinds[k];
        frame.shot.lamp.intensity = 1e-6f;
        frame.shot.lamp.ambient = 1.0f;
        frame.shot.lamp.ambient_kelvin = 6500.0f;
        frame.tonemap = RENDER_TONEMAP_NONE;
        frame.no_shadows = true;
        scene_view view;
        scene_shot_view(&frame.shot, &model.bounds, (float)W / H, &view);
        CHECK(render(f, &model, &frame));
        double lowest = 2.0, highest = 0.0, sum = 0.0;
        int pixels = 0;
        for (int i = 0; i < W * H; ++i) {
            if (radiance[4 * i + 3] < 1.0f)
                continue; /* background and the silhouette's partial pixels */
            for (int c = 0; c < 3; ++c) {
                double returned = radiance[4 * i + c] / view.ambient[c];
                lowest = returned < lowest ? returned : lowest;
                highest = returned > highest ? returned : highest;
                sum += returned / 3.0;
            }
            ++pixels;
        }
        printf("furnace, white paint under %s: returned %.4f-%.4f, mean %.4f over %d pixels\n",
               scene_finish_name(kinds[k]), lowest, highest, sum / pixels, pixels);
        CHECK(pixels > W * H / 10);
        CHECK(highest <= 1.0 + 2e-3);
        CHECK(lowest >= 0.9);
    }
    render_model_unload(&model);
}

/* The same furnace in a room: the uniform white room (the test room, radiance
 * 1 everywhere, through the same cube map, prefilter, SH9 irradiance and
 * baked occlusion as --room desk), the lamp 100 m away (a room's light goes
 * with the lamp's intensity, so the lamp is dimmed by distance instead).
 * Every fully covered pixel returns at most 1 and at least 0.9. */
static void test_room_furnace(gpu_fixture *f, const char *folder)
{
    render_model model;
    CHECK(upload_sphere(folder, "newmtl paint\nKd 1 1 1\nNs 10\n", &model));
    const scene_finish_kind kinds[] = {SCENE_FINISH_NONE, SCENE_FINISH_MATTE, SCENE_FINISH_SATIN,
                                       SCENE_FINISH_GLOSS};
    for (int k = 0; k < 4; ++k) {
        render_frame_desc frame = render_frame_desc_defaults();
        frame.finish = kinds[k];
        frame.room = SCENE_ROOM_UNIFORM;
        frame.shot.lamp.distance_mm = 100000.0f;
        frame.tonemap = RENDER_TONEMAP_NONE;
        frame.no_shadows = true;
        CHECK(render(f, &model, &frame));
        double lowest = 2.0, highest = 0.0, sum = 0.0;
        int pixels = 0;
        for (int i = 0; i < W * H; ++i) {
            if (radiance[4 * i + 3] < 1.0f)
                continue;
            for (int c = 0; c < 3; ++c) {
                double returned = radiance[4 * i + c];
                lowest = returned < lowest ? returned : lowest;
                highest = returned > highest ? returned : highest;
                sum += returned / 3.0;
            }
            ++pixels;
        }
        printf("room furnace, white paint under %s: returned %.4f-%.4f, mean %.4f over %d "
               "pixels\n",
               scene_finish_name(kinds[k]), lowest, highest, sum / pixels, pixels);
        CHECK(pixels > W * H / 10);
        CHECK(highest <= 1.0 + 2e-3);
        CHECK(lowest >= 0.9);
    }
    render_model_unload(&model);
}

int main(void)
{
    char folder[] = "/tmp/glint-test-varnish-XXXXXX";
    gpu_fixture f;
    if (!mkdtemp(folder) || !gpu_fixture_open(&f))
        return 1;
    test_gold_under_varnish(&f, folder);
    test_white_furnace(&f, folder);
    test_room_furnace(&f, folder);
    gpu_fixture_close(&f);
    char path[600];
    snprintf(path, sizeof path, "%s/paint.mtl", folder);
    remove(path);
    snprintf(path, sizeof path, "%s/sphere.obj", folder);
    remove(path);
    rmdir(folder);
    return check_done("test_varnish");
}
