/* The shading against physics, on a sphere, reading linear radiance (before
 * exposure and tone mapping): where the highlight sits, how the finishes rank,
 * inverse-square falloff, the lamp's colour, and the lamp's size. */
#include "../check.h"
#include "gpu_fixture.h"
#include "shadow_geometry.h"

#include "detect/detect_jitter.h"
#include "detect/detect_risk.h"

#include <cglm/cglm.h>

#include <string.h>

enum { W = 240, H = 240 };
static float radiance[W * H * 4];
static const double sphere_radius = 20.0; /* mm: a bead on a bust */

static float luminance(const float *p)
{
    return 0.2126f * p[0] + 0.7152f * p[1] + 0.0722f * p[2];
}

/* A lamp and camera set-up with no fill, so only the lamp lights the sphere. */
static render_frame_desc base_frame(void)
{
    render_frame_desc frame = render_frame_desc_defaults();
    frame.shot.lamp.ambient = 0.0f;
    frame.tonemap = RENDER_TONEMAP_NONE;
    return frame;
}

static int render(gpu_fixture *f, const render_model *model, const render_frame_desc *frame)
{
    return render_offscreen_radiance(&f->render, model, frame, W, H, radiance) == CORE_OK;
}

static int brightest(float *peak)
{
    int best = 0;
    for (int p = 1; p < W * H; ++p) {
        if (luminance(&radiance[4 * p]) > luminance(&radiance[4 * best]))
            best = p;
    }
    *peak = luminance(&radiance[4 * best]);
    return best;
}

static int pixels_above(float level)
{
    int count = 0;
    for (int p = 0; p < W * H; ++p)
        count += luminance(&radiance[4 * p]) > level;
    return count;
}

/* (a) The highlight of a point-like lamp on a glossy sphere lies where the
 * surface normal halves the directions to the lamp and to the eye. */
static void test_highlight_position(gpu_fixture *f, const render_model *model)
{
    render_frame_desc frame = base_frame();
    frame.finish = SCENE_FINISH_GLOSS;
    frame.view = RENDER_VIEW_SPECULAR;
    frame.shot.lamp = (scene_lamp_desc){
        .azimuth_deg = 30.0f, .elevation_deg = 20.0f, .radius_mm = 0.01f, .ambient = 0.0f};
    CHECK(render(f, model, &frame));
    float peak;
    int best = brightest(&peak);

    scene_view view;
    scene_shot_view(&frame.shot, &model->bounds, (float)W / H, &view);
    vec3 p = {0.0f, 0.0f, (float)sphere_radius}, n;
    for (int i = 0; i < 50; ++i) { /* fixed point: n = normalize(to lamp + to eye) */
        vec3 to_lamp, to_eye;
        glm_vec3_sub(view.lamp_position, p, to_lamp);
        glm_vec3_sub(view.eye, p, to_eye);
        glm_vec3_normalize(to_lamp);
        glm_vec3_normalize(to_eye);
        glm_vec3_add(to_lamp, to_eye, n);
        glm_vec3_normalize(n);
        glm_vec3_scale(n, (float)sphere_radius, p);
    }
    vec4 world = {p[0], p[1], p[2], 1.0f}, eye_space, clip;
    glm_mat4_mulv((vec4 *)view.view, world, eye_space);
    glm_mat4_mulv((vec4 *)view.projection, eye_space, clip);
    float x = (clip[0] / clip[3] * 0.5f + 0.5f) * W;
    float y = (0.5f - clip[1] / clip[3] * 0.5f) * H;
    float bx = (float)(best % W) + 0.5f, by = (float)(best / W) + 0.5f;
    printf("highlight: predicted (%.1f, %.1f), brightest pixel (%.1f, %.1f)\n", x, y, bx, by);
    CHECK(fabsf(bx - x) <= 2.0f && fabsf(by - y) <= 2.0f);
}

/* (b) Gloss concentrates the lamp: the highest peak and the smallest area
 * above half of it; matte spreads it widest and dimmest. (e) A bigger lamp
 * does to a finish what a rougher finish does. */
static void test_finish_ordering_and_lamp_size(gpu_fixture *f, const render_model *model)
{
    const scene_finish_kind finishes[3] = {SCENE_FINISH_GLOSS, SCENE_FINISH_SATIN,
                                           SCENE_FINISH_MATTE};
    float peaks[3];
    int areas[3];
    for (int i = 0; i < 3; ++i) {
        render_frame_desc frame = base_frame();
        frame.finish = finishes[i];
        frame.view = RENDER_VIEW_SPECULAR;
        CHECK(render(f, model, &frame));
        brightest(&peaks[i]);
        areas[i] = pixels_above(peaks[i] * 0.5f);
        printf("%s: peak %.4g, %d px above half\n", scene_finish_name(finishes[i]), peaks[i],
               areas[i]);
    }
    CHECK(peaks[0] > peaks[1] && peaks[1] > peaks[2]);
    CHECK(areas[0] < areas[1] && areas[1] < areas[2]);

    float lamp_peaks[2];
    int lamp_areas[2];
    const float radii[2] = {3.0f, 40.0f};
    for (int i = 0; i < 2; ++i) {
        render_frame_desc frame = base_frame();
        frame.finish = SCENE_FINISH_GLOSS;
        frame.view = RENDER_VIEW_SPECULAR;
        frame.shot.lamp.radius_mm = radii[i];
        CHECK(render(f, model, &frame));
        brightest(&lamp_peaks[i]);
        lamp_areas[i] = pixels_above(lamp_peaks[i] * 0.5f);
        printf("lamp radius %.0f mm: peak %.4g, %d px above half\n", radii[i], lamp_peaks[i],
               lamp_areas[i]);
    }
    CHECK(lamp_peaks[1] < lamp_peaks[0] && lamp_areas[1] > lamp_areas[0]);
}

/* Backlit, the lamp's reflection grazes the rim, where the lamp's cap of
 * half-vectors is widest and silhouette pixels have interpolated normals
 * turned from the eye: a lamp's highlight there is an average of the lobe
 * over the lamp, never above what a point lamp at its centre gives. */
static void test_backlit_rim_stays_below_a_point_lamp(gpu_fixture *f, const render_model *model)
{
    const float radii[2] = {0.01f, 10.0f};
    float peaks[2];
    for (int i = 0; i < 2; ++i) {
        render_frame_desc frame = base_frame();
        frame.finish = SCENE_FINISH_GLOSS;
        frame.view = RENDER_VIEW_SPECULAR;
        frame.shot.lamp.azimuth_deg = 160.0f;
        frame.shot.lamp.elevation_deg = 25.0f;
        frame.shot.lamp.radius_mm = radii[i];
        CHECK(render(f, model, &frame));
        brightest(&peaks[i]);
    }
    printf("backlit rim: peak %.4g under a point lamp, %.4g under a 10 mm one\n", peaks[0],
           peaks[1]);
    CHECK(peaks[0] > 1.0f);
    CHECK(peaks[1] <= peaks[0]);
}

/* The lamp straight behind the camera, both in line with the sphere's centre:
 * the centre pixel faces the lamp. */
static render_frame_desc facing_frame(void)
{
    render_frame_desc frame = base_frame();
    frame.view = RENDER_VIEW_DIFFUSE;
    frame.finish = SCENE_FINISH_MATTE;
    frame.shot.camera.elevation_deg = 0.0f;
    frame.shot.lamp.azimuth_deg = 0.0f;
    frame.shot.lamp.elevation_deg = 0.0f;
    return frame;
}

static const float *centre_pixel(void)
{
    return &radiance[4 * ((H / 2) * W + W / 2)];
}

/* (c) Twice the distance, a quarter of the light, measured at the facing
 * point, whose distance to the lamp is the centre's less the radius. */
static void test_inverse_square(gpu_fixture *f, const render_model *model)
{
    render_frame_desc frame = facing_frame();
    frame.shot.lamp.distance_mm = 250.0f;
    CHECK(render(f, model, &frame));
    float near = luminance(centre_pixel());
    frame.shot.lamp.distance_mm = 500.0f;
    CHECK(render(f, model, &frame));
    float far = luminance(centre_pixel());
    double expected = pow((250.0 - sphere_radius) / (500.0 - sphere_radius), 2.0);
    printf("inverse square: ratio %.4f, expected %.4f\n", far / near, expected);
    CHECK(near > 0.0f && fabs(far / near / expected - 1.0) < 0.05);
    /* Intensity 1 at 250 mm gives a facing grey matte surface radiance equal
     * to its albedo (0.6), less what the varnish reflects (4 %). */
    frame.shot.lamp.distance_mm = 250.0f + (float)sphere_radius;
    CHECK(render(f, model, &frame));
    CHECK_NEAR(luminance(centre_pixel()), 0.6 * 0.96, 0.6 * 0.96 * 0.05);
}

/* (d) A 6500 K lamp on a grey matte surface is neutral; 2700 K is warm. */
static void test_lamp_colour(gpu_fixture *f, const render_model *model)
{
    render_frame_desc frame = facing_frame();
    frame.shot.lamp.kelvin = 6500.0f;
    CHECK(render(f, model, &frame));
    const float *p = centre_pixel();
    float mean = (p[0] + p[1] + p[2]) / 3.0f;
    printf("6500 K: %.4f %.4f %.4f\n", p[0], p[1], p[2]);
    for (int c = 0; c < 3; ++c)
        CHECK(fabsf(p[c] / mean - 1.0f) < 0.03f);
    frame.shot.lamp.kelvin = 2700.0f;
    CHECK(render(f, model, &frame));
    p = centre_pixel();
    printf("2700 K: %.4f %.4f %.4f\n", p[0], p[1], p[2]);
    CHECK(p[0] > p[1] && p[1] > p[2]);
}

/* The detector's buffers agree with the geometry and the shading. */
static void test_analysis_buffers(gpu_fixture *f, const render_model *model)
{
    render_frame_desc frame = base_frame();
    frame.finish = SCENE_FINISH_GLOSS;
    frame.shot.camera.elevation_deg = 0.0f; /* the centre pixel sees the sphere's +z pole */
    render_analysis a;
    CHECK(render_read_analysis(&f->render, model, &frame, W, H, &a) == CORE_OK);
    if (!a.part)
        return;
    size_t centre = (size_t)(H / 2) * W + W / 2, corner = 0;
    CHECK(a.part[centre] == 0 && a.part[corner] == -1);
    CHECK(a.depth[centre] < 1.0f && a.depth[corner] == 1.0f);
    /* Object space, before the turntable: the pole facing the camera. */
    CHECK_NEAR(a.position[3 * centre + 2], sphere_radius, 0.2);
    CHECK_NEAR(a.normal[3 * centre + 2], 1.0, 0.01);
    CHECK_NEAR(a.geometric[3 * centre + 2], 1.0, 0.01);
    /* Gloss is roughness 0.1: alpha 0.01, widened by the 10 mm lamp at 250 mm
     * from the centre (230 mm from the facing surface, roughly). */
    float widened = a.alpha[centre];
    CHECK(widened > 0.01f + 10.0f / (2.0f * 260.0f) && widened < 0.01f + 10.0f / (2.0f * 220.0f));
    /* Specular plus diffuse is the shaded frame's radiance. */
    CHECK(render(f, model, &frame));
    float sum = luminance(&a.specular[3 * centre]) + luminance(&a.diffuse[3 * centre]);
    CHECK_NEAR(sum, luminance(&radiance[4 * centre]), 0.01 * sum + 1e-4);
    /* Turning the model moves the object-space position under the pixel. */
    render_analysis turned;
    frame.shot.turntable_deg = 90.0f;
    CHECK(render_read_analysis(&f->render, model, &frame, W, H, &turned) == CORE_OK);
    if (turned.position)
        CHECK(fabsf(turned.position[3 * centre]) > 0.9f * (float)sphere_radius);
    render_analysis_free(&turned);
    render_analysis_free(&a);
}

/* M1 on a real render: at the sphere's centre the normal turns footprint / R
 * radians a pixel, so the predicted half width is 0.644 alpha' R / footprint;
 * a gloss sphere 200 px across is safe, one 20 px across sparkles. */
static void test_predicted_risk(gpu_fixture *f, const render_model *model)
{
    render_frame_desc frame = base_frame();
    frame.finish = SCENE_FINISH_GLOSS;
    frame.shot.camera.elevation_deg = 0.0f;
    const int sizes[2] = {W, 24};
    for (int i = 0; i < 2; ++i) {
        int size = sizes[i];
        render_analysis a;
        CHECK(render_read_analysis(&f->render, model, &frame, size, size, &a) == CORE_OK);
        if (!a.part)
            continue;
        detect_risk_desc desc = {size,        size,    a.normal, a.position,
                                 a.footprint, a.alpha, a.part,   45.0f};
        uint8_t *classes = malloc((size_t)size * size);
        float *rhat = malloc((size_t)size * size * sizeof *rhat);
        detect_risk_summary summary;
        CHECK(detect_predict_risk(&desc, classes, rhat, &summary) == CORE_OK);
        size_t centre = (size_t)(size / 2) * size + size / 2;
        float expected = 0.644f * a.alpha[centre] * (float)sphere_radius / a.footprint[centre];
        printf("M1 at %d px: centre rhat %.3f (expected %.3f), %u tested, %u pin, %u sparkle\n",
               size, rhat[centre], expected, summary.tested, summary.pin, summary.sparkle);
        CHECK(fabsf(rhat[centre] / expected - 1.0f) < 0.15f);
        if (size == W)
            CHECK(classes[centre] == DETECT_RISK_OK && summary.sparkle == 0);
        else
            CHECK(classes[centre] == DETECT_RISK_SPARKLE);
        free(classes);
        free(rhat);
        render_analysis_free(&a);
    }
}

/* M3 on a real render: a smooth gloss sphere turning at the step its lobe
 * allows (alpha'/4 rad, about 0.4 degrees) has a highlight that stays still
 * while the surface slides under it: no jitter. */
static void test_smooth_sphere_does_not_jitter(gpu_fixture *f, const render_model *model)
{
    enum { S = 96 };
    render_analysis steps[3];
    detect_jitter_step inputs[3];
    float *ys[3];
    bool ok = true;
    for (int k = 0; k < 3; ++k) {
        render_frame_desc frame = base_frame();
        frame.finish = SCENE_FINISH_GLOSS;
        frame.shot.turntable_deg = 0.4f * (float)(k - 1);
        ok &= render_read_analysis(&f->render, model, &frame, S, S, &steps[k]) == CORE_OK;
        if (!ok)
            return;
        /* Display-referred as the detector wants: no tone map, clipped at white. */
        ys[k] = malloc(S * S * sizeof(float));
        for (int p = 0; p < S * S; ++p)
            ys[k][p] = fminf(luminance(&steps[k].specular[3 * p]), 1.0f);
        mat4 model_matrix, view_matrix, projection, object_to_clip;
        memcpy(model_matrix, steps[k].view.model, sizeof model_matrix);
        memcpy(view_matrix, steps[k].view.view, sizeof view_matrix);
        memcpy(projection, steps[k].view.projection, sizeof projection);
        glm_mat4_mul(view_matrix, model_matrix, object_to_clip);
        glm_mat4_mul(projection, object_to_clip, object_to_clip);
        inputs[k] = (detect_jitter_step){ys[k],         steps[k].position,  steps[k].geometric,
                                         steps[k].part, steps[k].footprint, {0}};
        memcpy(inputs[k].object_to_clip, object_to_clip, sizeof object_to_clip);
    }
    detect_jitter_desc desc = {S, S, &inputs[0], &inputs[1], &inputs[2], 0.0f, 0.0f};
    detect_jitter_result result;
    CHECK(detect_jitter(&desc, NULL, &result) == CORE_OK);
    printf("M3 on a turning gloss sphere: %u object px, %u bright, %u jitter, J %.3f\n",
           result.object_px, result.bright_valid_px, result.jitter_px, result.score);
    CHECK(result.bright_valid_px > 0 && !result.flagged);
    for (int k = 0; k < 3; ++k) {
        free(ys[k]);
        render_analysis_free(&steps[k]);
    }
}

/* The CPU's display transform matches the tone-mapping pass: the radiance of
 * a frame, transformed on the CPU and sRGB-encoded, is the frame's PNG. */
static float encode_srgb(float c)
{
    return c <= 0.0031308f ? c * 12.92f : 1.055f * powf(c, 1.0f / 2.4f) - 0.055f;
}

static void test_cpu_display_transform(gpu_fixture *f, const render_model *model)
{
    static uint8_t shown[W * H * 4];
    const render_tonemap maps[3] = {RENDER_TONEMAP_NEUTRAL, RENDER_TONEMAP_ACES,
                                    RENDER_TONEMAP_NONE};
    for (int t = 0; t < 3; ++t) {
        render_frame_desc frame = base_frame();
        frame.tonemap = maps[t];
        frame.exposure_ev = 1.5f; /* push the highlights into the curves' shoulders */
        frame.finish = SCENE_FINISH_SATIN;
        frame.samples = 1; /* no resolve: every pixel is one sample */
        CHECK(render(f, model, &frame));
        CHECK(render_offscreen(&f->render, model, &frame, W, H, shown) == CORE_OK);
        int worst = 0;
        for (int p = 0; p < W * H; ++p) {
            if (radiance[4 * p + 3] < 1.0f)
                continue; /* background */
            float display[3];
            render_display_rgb(&frame, &radiance[4 * p], display);
            for (int c = 0; c < 3; ++c) {
                int expected = (int)lrintf(encode_srgb(display[c]) * 255.0f);
                int difference = abs(expected - shown[4 * p + c]);
                worst = difference > worst ? difference : worst;
            }
        }
        printf("CPU display transform (%s): worst difference %d/255\n",
               render_tonemap_name(maps[t]), worst);
        CHECK(worst <= 2); /* half floats and 8-bit rounding */
    }
}

/* A 40 mm plate hovering 40 mm over a 200 mm floor, two-sided. */
static const char plate_over_floor[] =
    "v -100 0 -100\nv 100 0 -100\nv 100 0 100\nv -100 0 100\n"
    "v -20 40 -20\nv 20 40 -20\nv 20 40 20\nv -20 40 20\n"
    "o floor\nf 1 4 3\nf 1 3 2\no plate\nf 5 8 7\nf 5 7 6\nf 5 6 7\nf 5 7 8\n";

/* The same scene for the geometry (shadow_geometry.h). */
static const shadow_scene plate_geometry = {
    .floor_min = {-100, -100}, .floor_max = {100, 100}, .plate_half = 20, .plate_height = 40};

/* Radiance along the floor at x = 0 over z in [from, to], through floor
 * points projected into the image. */
enum { STEPS = 400 };
static void floor_profile(const scene_view *view, float from, float to, float *profile)
{
    for (int i = 0; i < STEPS; ++i) {
        float z = from + (to - from) * (float)i / STEPS;
        vec4 world = {0.0f, 0.0f, z, 1.0f}, eye_space, clip;
        glm_mat4_mulv((vec4 *)view->view, world, eye_space);
        glm_mat4_mulv((vec4 *)view->projection, eye_space, clip);
        int x = (int)((clip[0] / clip[3] * 0.5f + 0.5f) * W);
        int y = (int)((0.5f - clip[1] / clip[3] * 0.5f) * H);
        profile[i] =
            x >= 0 && x < W && y >= 0 && y < H ? luminance(&radiance[4 * (y * W + x)]) : 0.0f;
    }
}

/* Where the visibility first falls below `level`, walking in z from `from`. */
static float crossing(const float *visibility, float from, float to, float level)
{
    for (int i = 1; i < STEPS; ++i) {
        if (visibility[i] < level && visibility[i - 1] >= level) {
            float t = (visibility[i - 1] - level) / (visibility[i - 1] - visibility[i]);
            return from + (to - from) * ((float)i - 1.0f + t) / STEPS;
        }
    }
    return NAN;
}

/* The 10-90 % width of the plate's shadow edge on the floor, glint's (the
 * shadowed render divided by the unshadowed one is the lamp's visibility)
 * and the geometry's (the share of the lamp's disc each floor point sees). */
static float penumbra_width(gpu_fixture *f, const render_model *model, float lamp_radius,
                            float *geometry)
{
    render_frame_desc frame = base_frame();
    frame.view = RENDER_VIEW_DIFFUSE;
    frame.finish = SCENE_FINISH_MATTE;
    frame.shot.lamp = (scene_lamp_desc){
        .azimuth_deg = 0.0f, .elevation_deg = 60.0f, .radius_mm = lamp_radius, .ambient = 0.0f};
    scene_view view;
    scene_shot_view(&frame.shot, &model->bounds, (float)W / H, &view);
    double lamp[3] = {view.lamp_position[0], view.lamp_position[1], view.lamp_position[2]};
    float from = -90.0f, to = -20.0f, exact[STEPS];
    for (int i = 0; i < STEPS; ++i) {
        double p[3] = {0.0, 0.0, from + (to - from) * (double)i / STEPS};
        exact[i] = (float)shadow_visible(&plate_geometry, p, lamp, lamp_radius, 24);
    }
    float g90 = crossing(exact, from, to, 0.9f), g10 = crossing(exact, from, to, 0.1f);
    *geometry = g10 - g90;
    /* Close up on the edge, three widths each way, looking down from the lit side. */
    frame.shot.camera = (scene_camera_desc){.azimuth_deg = 180.0f, .elevation_deg = 75.0f};
    frame.shot.camera.focus_center[2] = 0.5f * (g10 + g90);
    frame.shot.camera.focus_radius = 3.0f * *geometry;
    scene_shot_view(&frame.shot, &model->bounds, (float)W / H, &view);
    from = frame.shot.camera.focus_center[2] - 3.0f * *geometry;
    to = frame.shot.camera.focus_center[2] + 3.0f * *geometry;
    float shadowed[STEPS], open[STEPS];
    frame.no_shadows = true;
    if (!render(f, model, &frame))
        return -1.0f;
    floor_profile(&view, from, to, open);
    frame.no_shadows = false;
    if (!render(f, model, &frame))
        return -1.0f;
    floor_profile(&view, from, to, shadowed);
    for (int i = 0; i < STEPS; ++i)
        shadowed[i] = open[i] > 0.0f ? shadowed[i] / open[i] : 0.0f;
    float z90 = crossing(shadowed, from, to, 0.9f), z10 = crossing(shadowed, from, to, 0.1f);
    return shadowed[0] > 0.97f && z10 > z90 ? z10 - z90 : -1.0f;
}

/* The penumbra is the geometry's, within 20 %, for a small and a large lamp:
 * before the receiver-plane bias the floor, tilted to the lamp, shadowed
 * itself across the filter and the 20 mm lamp's measured 9.1 mm for 3.8. */
static void test_penumbra_grows_with_the_lamp(gpu_fixture *f)
{
    render_model model;
    CHECK(gpu_fixture_model("plate.obj", plate_over_floor, sizeof plate_over_floor - 1, &model));
    float small_exact, large_exact;
    float small = penumbra_width(f, &model, 2.0f, &small_exact);
    float large = penumbra_width(f, &model, 20.0f, &large_exact);
    printf("penumbra: %.2f mm with a 2 mm lamp (geometry %.2f), %.2f mm with a 20 mm lamp "
           "(geometry %.2f)\n",
           small, small_exact, large, large_exact);
    CHECK(small > 0.8f * small_exact && small < 1.2f * small_exact);
    CHECK(large > 0.8f * large_exact && large < 1.2f * large_exact);
    CHECK(large > 5.0f * small);
    render_model_unload(&model);
}

/* Renders the frame in a context that has never drawn a shadow map. */
static void render_fresh(const char *name, const char *text, size_t size,
                         const render_frame_desc *frame, int w, int h, uint8_t *pixels)
{
    render_context fresh;
    render_model model;
    CHECK(render_context_create(&fresh) == CORE_OK);
    CHECK(gpu_fixture_model(name, text, size, &model));
    CHECK(render_offscreen(&fresh, &model, frame, w, h, pixels) == CORE_OK);
    render_model_unload(&model);
    render_context_unload(&fresh);
}

/* The shadow map is drawn once and kept while the model, its place and the
 * lamp stay: a frame after a camera or finish change, after a lamp move, or
 * after another model, must be what a fresh context draws. */
static void test_shadow_map_reuse(gpu_fixture *f)
{
    enum { w = 96, h = 72 };
    static uint8_t kept[w * h * 4], fresh[w * h * 4];
    const char *text = plate_over_floor;
    size_t size = sizeof plate_over_floor - 1;
    render_model model;
    CHECK(gpu_fixture_model("plate.obj", text, size, &model));
    render_frame_desc frame = render_frame_desc_defaults();
    frame.samples = 1;
    frame.shot.lamp.radius_mm = 5.0f;
    CHECK(render_offscreen(&f->render, &model, &frame, w, h, kept) == CORE_OK);
    uint32_t drawn_for = f->render.shadow_key.model_generation;
    CHECK(drawn_for == model.generation);

    /* The camera turns and the finish changes: the map is kept ... */
    frame.shot.camera.azimuth_deg = 25.0f;
    frame.finish = SCENE_FINISH_GLOSS;
    render_shadow_key before = f->render.shadow_key;
    CHECK(render_offscreen(&f->render, &model, &frame, w, h, kept) == CORE_OK);
    CHECK(memcmp(&before, &f->render.shadow_key, sizeof before) == 0);
    /* ... and the frame is what a fresh context draws. */
    render_fresh("plate.obj", text, size, &frame, w, h, fresh);
    CHECK(memcmp(kept, fresh, sizeof kept) == 0);

    /* The lamp moves, or the turntable turns: a new map. */
    frame.shot.lamp.azimuth_deg = 80.0f;
    frame.shot.turntable_deg = 30.0f;
    CHECK(render_offscreen(&f->render, &model, &frame, w, h, kept) == CORE_OK);
    CHECK(memcmp(&before, &f->render.shadow_key, sizeof before) != 0);
    render_fresh("plate.obj", text, size, &frame, w, h, fresh);
    CHECK(memcmp(kept, fresh, sizeof kept) == 0);

    /* The same file uploaded again is another model: never the old map. */
    render_model again;
    CHECK(gpu_fixture_model("plate.obj", text, size, &again));
    CHECK(again.generation != model.generation);
    render_model_unload(&model);
    CHECK(render_offscreen(&f->render, &again, &frame, w, h, kept) == CORE_OK);
    CHECK(f->render.shadow_key.model_generation == again.generation);
    render_model_unload(&again);
}

int main(void)
{
    gpu_fixture f;
    if (!gpu_fixture_open(&f))
        return 1;
    size_t size;
    char *text = gpu_sphere_obj(sphere_radius, &size);
    render_model model;
    int ok = gpu_fixture_model("sphere.obj", text, size, &model);
    free(text);
    CHECK(ok);
    if (ok) {
        test_highlight_position(&f, &model);
        test_finish_ordering_and_lamp_size(&f, &model);
        test_backlit_rim_stays_below_a_point_lamp(&f, &model);
        test_inverse_square(&f, &model);
        test_lamp_colour(&f, &model);
        test_analysis_buffers(&f, &model);
        test_predicted_risk(&f, &model);
        test_smooth_sphere_does_not_jitter(&f, &model);
        test_cpu_display_transform(&f, &model);
        render_model_unload(&model);
    }
    test_penumbra_grows_with_the_lamp(&f);
    test_shadow_map_reuse(&f);
    gpu_fixture_close(&f);
    return check_done("test_lighting");
}
