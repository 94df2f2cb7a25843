/* Deferred lighting (docs/lighting.md, "Deferred lighting") against the
 * forward pass it replaces for the shaded frame: the same picture, view by
 * view, transparent or not, tone-mapped or as linear radiance, on the sample
 * bust (many triangles of a few pixels, so most pixels are edges). */
#include "../check.h"
#include "gpu_fixture.h"

#include <stdint.h>
#include <string.h>

enum { W = 320, H = 240 };
static uint8_t forward_pixels[W * H * 4], deferred_pixels[W * H * 4];
static float forward_radiance[W * H * 4], deferred_radiance[W * H * 4];

/* Renders the frame both ways; returns whether the deferred one made its
 * G-buffer (a fresh one each time, so a frame that stays forward shows). */
static bool render_both(gpu_fixture *f, const render_model *model, const render_frame_desc *frame,
                        bool radiance)
{
    gfx_gbuffer_unload(&f->render.gbuffer);
    f->render.forward = false;
    core_result a =
        radiance ? render_offscreen_radiance(&f->render, model, frame, W, H, deferred_radiance)
                 : render_offscreen(&f->render, model, frame, W, H, deferred_pixels);
    bool deferred = f->render.gbuffer.framebuffer != 0;
    f->render.forward = true;
    core_result b =
        radiance ? render_offscreen_radiance(&f->render, model, frame, W, H, forward_radiance)
                 : render_offscreen(&f->render, model, frame, W, H, forward_pixels);
    f->render.forward = false;
    CHECK(a == CORE_OK && b == CORE_OK);
    return deferred;
}

/* Mean absolute difference over every channel (alpha too), in 1/255, and
 * the share of channels more than 4/255 apart. */
static void compare_pixels(const char *what, double max_mean, double max_far)
{
    double sum = 0.0;
    int far = 0, n = W * H * 4;
    for (int i = 0; i < n; ++i) {
        int d = abs((int)forward_pixels[i] - (int)deferred_pixels[i]);
        sum += d;
        far += d > 4;
    }
    printf("%s: mean %.4f/255, %.4f %% of channels over 4/255\n", what, sum / n, 100.0 * far / n);
    CHECK(sum / n <= max_mean);
    CHECK((double)far / n <= max_far);
}

static void test_views(gpu_fixture *f, const render_model *model)
{
    static const render_view views[] = {RENDER_VIEW_SHADED, RENDER_VIEW_SPECULAR,
                                        RENDER_VIEW_DIFFUSE, RENDER_VIEW_CLAY};
    for (size_t v = 0; v < sizeof views / sizeof *views; ++v) {
        render_frame_desc frame = render_frame_desc_defaults();
        frame.view = views[v];
        CHECK(render_both(f, model, &frame, false));
        compare_pixels(render_view_name(views[v]), 0.05, 0.001);
    }
}

/* Coverage as alpha at the silhouette, a highlighted part, ACES at +1 EV,
 * and the viewer's coarse interactive frame (its small shadow map). */
static void test_frame_options(gpu_fixture *f, const render_model *model)
{
    render_frame_desc frame = render_frame_desc_defaults();
    frame.transparent = true;
    CHECK(render_both(f, model, &frame, false));
    compare_pixels("transparent", 0.05, 0.001);
    frame = render_frame_desc_defaults();
    frame.highlight_part = 1;
    frame.tonemap = RENDER_TONEMAP_ACES;
    frame.exposure_ev = 1.0f;
    frame.shot.turntable_deg = 40.0f;
    CHECK(render_both(f, model, &frame, false));
    compare_pixels("highlight, aces, +1 EV", 0.05, 0.001);
    frame = render_frame_desc_defaults();
    frame.interactive = true;
    CHECK(render_both(f, model, &frame, false));
    compare_pixels("interactive", 0.05, 0.001);
}

/* The linear radiance glint render writes to EXR: premultiplied by coverage
 * as the forward pass's resolve, within half floats' rounding. */
static void test_radiance(gpu_fixture *f, const render_model *model)
{
    render_frame_desc frame = render_frame_desc_defaults();
    CHECK(render_both(f, model, &frame, true));
    double sum = 0.0, total = 0.0;
    for (int i = 0; i < W * H * 4; ++i) {
        sum += fabs((double)forward_radiance[i] - (double)deferred_radiance[i]);
        total += fabs((double)forward_radiance[i]);
    }
    printf("radiance: mean relative difference %.5f\n", sum / total);
    CHECK(total > 0.0);
    CHECK(sum / total < 0.002);
}

/* What stays forward: a room's first frame (the room is made in the frame,
 * and the choice is taken after it), the flat views, the squint (it blurs
 * the radiance), one sample, more samples than the GL gives integer images
 * (as a driver whose GL_MAX_INTEGER_SAMPLES is below the float limit
 * would). */
static void test_forward_views(gpu_fixture *f, const render_model *model)
{
    render_frame_desc room = render_frame_desc_defaults();
    room.room = SCENE_ROOM_STUDIO;
    CHECK(!render_both(f, model, &room, false));
    static const render_view views[] = {RENDER_VIEW_NORMALS, RENDER_VIEW_SILHOUETTE,
                                        RENDER_VIEW_SQUINT};
    for (size_t v = 0; v < sizeof views / sizeof *views; ++v) {
        render_frame_desc frame = render_frame_desc_defaults();
        frame.view = views[v];
        CHECK(!render_both(f, model, &frame, false));
    }
    render_frame_desc frame = render_frame_desc_defaults();
    frame.samples = 1;
    CHECK(!render_both(f, model, &frame, false));
    frame.samples = 4;
    CHECK(render_both(f, model, &frame, false));
    int integer_samples = f->render.gbuffer_max_samples;
    CHECK(integer_samples >= 4);
    f->render.gbuffer_max_samples = 2;
    CHECK(!render_both(f, model, &frame, false));
    f->render.gbuffer_max_samples = integer_samples;
    CHECK(render_both(f, model, &frame, false));
}

/* render_prepare makes a deferred frame's G-buffer ahead, which that frame
 * then draws into (the same image, the same pixels), and none for a frame
 * that stays forward. */
static void test_prepare(gpu_fixture *f, const render_model *model)
{
    render_frame_desc frame = render_frame_desc_defaults();
    CHECK(render_offscreen(&f->render, model, &frame, W, H, deferred_pixels) == CORE_OK);
    gfx_gbuffer_unload(&f->render.gbuffer);
    CHECK(render_prepare(&f->render, &frame, W, H) == CORE_OK);
    uint32_t made = f->render.gbuffer.framebuffer;
    CHECK(made != 0 && f->render.gbuffer.width == W && f->render.gbuffer.height == H);
    CHECK(render_offscreen(&f->render, model, &frame, W, H, forward_pixels) == CORE_OK);
    CHECK(f->render.gbuffer.framebuffer == made);
    CHECK(memcmp(forward_pixels, deferred_pixels, sizeof forward_pixels) == 0);
    static const render_view flat[] = {RENDER_VIEW_NORMALS, RENDER_VIEW_SILHOUETTE,
                                       RENDER_VIEW_SQUINT};
    for (size_t v = 0; v < sizeof flat / sizeof *flat; ++v) {
        gfx_gbuffer_unload(&f->render.gbuffer);
        frame.view = flat[v];
        CHECK(render_prepare(&f->render, &frame, W, H) == CORE_OK);
        CHECK(f->render.gbuffer.framebuffer == 0);
    }
    frame = render_frame_desc_defaults();
    frame.room = SCENE_ROOM_DESK;
    CHECK(render_prepare(&f->render, &frame, W, H) == CORE_OK);
    CHECK(f->render.gbuffer.framebuffer == 0);
}

/* The analysis render deferred (docs/PERFORMANCE.md, "Deferred analysis
 * render") against forward, at a few turntable angles and with a part
 * highlighted: what the G-buffer stores (normals, positions, depth, part,
 * the lobe's width) bit for bit; the radiance, whose shadow reads a
 * receiver plane and a lamp position rebuilt from the world position and
 * the face's normal, within rounding but at a shadow's edge. Without
 * shadows and with GLINT_FORWARD's switch it stays forward. */
static bool same_geometry(const render_analysis *a, const render_analysis *b)
{
    size_t n = (size_t)a->width * (size_t)a->height;
    int differ = 0;
    differ += memcmp(a->normal, b->normal, n * 3 * sizeof(float)) != 0;
    differ += memcmp(a->position, b->position, n * 3 * sizeof(float)) != 0;
    differ += memcmp(a->geometric, b->geometric, n * 3 * sizeof(float)) != 0;
    differ += memcmp(a->depth, b->depth, n * sizeof(float)) != 0;
    differ += memcmp(a->part, b->part, n * sizeof(int32_t)) != 0;
    differ += memcmp(a->alpha, b->alpha, n * sizeof(float)) != 0;
    differ += memcmp(a->footprint, b->footprint, n * sizeof(float)) != 0;
    if (differ)
        printf("analysis: %d of 7 geometry buffers differ\n", differ);
    return differ == 0;
}

/* The share of radiance values (specular and diffuse, each channel) more
 * than 1 % apart (and more than 1e-4 absolute), and the largest relative
 * difference. */
static double radiance_far(const float *a, const float *b, size_t count, double *largest)
{
    size_t far = 0;
    for (size_t i = 0; i < count; ++i) {
        double d = fabs((double)a[i] - (double)b[i]);
        double scale = fmax(fabs((double)b[i]), 1e-4);
        if (d > 1e-4 && d > 0.01 * scale)
            ++far;
        if (d / scale > *largest)
            *largest = d / scale;
    }
    return (double)far / (double)count;
}

static void test_analysis(gpu_fixture *f, const render_model *model)
{
    static const float angles[] = {0.0f, 37.0f, 200.0f};
    for (int c = 0; c < 5; ++c) {
        render_frame_desc frame = render_frame_desc_defaults();
        frame.shot.turntable_deg = angles[c % 3];
        frame.highlight_part = c == 3 ? 1 : 0;
        frame.no_shadows = c == 4;
        render_analysis deferred, forward;
        gfx_program_unload(&f->render.lit_deferred_analysis);
        f->render.forward = false;
        CHECK(render_read_analysis(&f->render, model, &frame, W, H, &deferred) == CORE_OK);
        /* it went deferred, but without shadows (where forward is cheaper) */
        CHECK((f->render.lit_deferred_analysis.id != 0) == !frame.no_shadows);
        gfx_program_unload(&f->render.lit_deferred_analysis);
        f->render.forward = true;
        CHECK(render_read_analysis(&f->render, model, &frame, W, H, &forward) == CORE_OK);
        CHECK(f->render.lit_deferred_analysis.id == 0); /* and this one forward */
        f->render.forward = false;
        int covered = 0;
        for (int p = 0; p < W * H; ++p)
            covered += forward.part[p] >= 0;
        CHECK(covered > W * H / 10);
        CHECK(same_geometry(&deferred, &forward));
        size_t values = (size_t)W * H * 3;
        double largest = 0.0;
        double far = radiance_far(deferred.specular, forward.specular, values, &largest) +
                     radiance_far(deferred.diffuse, forward.diffuse, values, &largest);
        printf("analysis: %.5f %% of radiance values over 1 %% apart, at most %.3g\n", 100.0 * far,
               largest);
        CHECK(far < 0.0001);
        render_analysis_free(&deferred);
        render_analysis_free(&forward);
    }
}

/* Plain paint (no texture, no vertex colours: lit.frag's GLINT_PLAIN_PAINT)
 * against the general G-buffer passes, which interpolate and store the
 * paint: with part 1 set to its vertex colours (the sample has none, so
 * lit.vert's are white) the paint is the same, so the shaded frame and
 * every analysis buffer come out bit for bit; the analysis G-buffer has
 * three images, and four for the general paint. */
static void test_plain_paint(gpu_fixture *f, render_model *model)
{
    render_frame_desc frame = render_frame_desc_defaults();
    frame.shot.turntable_deg = 37.0f;
    f->render.forward = false;
    static uint8_t plain_pixels[W * H * 4];
    render_analysis plain, general;
    CHECK(render_offscreen(&f->render, model, &frame, W, H, plain_pixels) == CORE_OK);
    CHECK(f->render.gbuffer_plain);
    CHECK(render_read_analysis(&f->render, model, &frame, W, H, &plain) == CORE_OK);
    CHECK(f->render.analysis_plain && f->render.analysis_gbuffer.count == 3);
    scene_paint_source source = model->parts[0].paint.source;
    model->parts[0].paint.source = SCENE_PAINT_VERTEX;
    CHECK(render_offscreen(&f->render, model, &frame, W, H, deferred_pixels) == CORE_OK);
    CHECK(!f->render.gbuffer_plain);
    CHECK(render_read_analysis(&f->render, model, &frame, W, H, &general) == CORE_OK);
    CHECK(!f->render.analysis_plain && f->render.analysis_gbuffer.count == 4);
    model->parts[0].paint.source = source;
    CHECK(memcmp(plain_pixels, deferred_pixels, sizeof plain_pixels) == 0);
    CHECK(same_geometry(&plain, &general));
    size_t values = (size_t)W * H * 3 * sizeof(float);
    CHECK(memcmp(plain.specular, general.specular, values) == 0);
    CHECK(memcmp(plain.diffuse, general.diffuse, values) == 0);
    render_analysis_free(&plain);
    render_analysis_free(&general);
}

/* The memory estimate counts the G-buffer: 20 bytes a pixel and sample (an
 * RGBA32UI image and the depth) beside the 12 of the forward targets. */
static void test_memory_estimate(void)
{
    render_memory_desc two = {.width = 1280, .height = 720, .samples = 2};
    render_memory_desc four = two;
    four.samples = 4;
    CHECK(render_memory_estimate(&four) - render_memory_estimate(&two) ==
          (uint64_t)1280 * 720 * 2 * (12 + 20));
    /* and the analysis render's: at most 4 RGBA32F images and depth. */
    render_memory_desc analysis = {.width = 512, .height = 512, .samples = 1, .analysis = true};
    render_memory_desc plain = analysis;
    plain.analysis = false;
    CHECK(render_memory_estimate(&analysis) - render_memory_estimate(&plain) ==
          (uint64_t)512 * 512 * (150 + 4 * 16 + 4));
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: test_deferred SAMPLE.obj\n");
        return 2;
    }
    test_memory_estimate();
    gpu_fixture f;
    render_model model;
    if (!gpu_fixture_open(&f) || !gpu_fixture_model(argv[1], NULL, 0, &model))
        return 1;
    test_views(&f, &model);
    test_frame_options(&f, &model);
    test_radiance(&f, &model);
    test_forward_views(&f, &model);
    test_prepare(&f, &model);
    test_analysis(&f, &model);
    test_plain_paint(&f, &model);
    render_model_unload(&model);
    gpu_fixture_close(&f);
    return check_done("test_deferred");
}
