/* Shadows against geometry (issue 16): the lamp's visibility on a floor,
 * read from the analysis buffers as the shadowed diffuse light over the
 * unshadowed one, compared with the exact share of the lamp's disc that
 * reaches each floor point (shadow_geometry.h). Checks the 10-90 % penumbra
 * of a plate's and a ball's shadow over lamp radii and elevations, that the
 * default lamp leaves no grey shelf (halo) on the lit floor around a shadow,
 * no speckle (acne) on a lit floor or ball, and no lit gap (peter-panning)
 * where a box stands on the floor. */
#include "../check.h"
#include "gpu_fixture.h"
#include "shadow_geometry.h"

#include <string.h>

typedef struct pair {
    render_analysis shadowed, open;
} pair;

static int render_pair(gpu_fixture *f, const render_model *model, render_frame_desc frame, int w,
                       int h, pair *out)
{
    frame.no_shadows = true;
    if (render_read_analysis(&f->render, model, &frame, w, h, &out->open) != CORE_OK)
        return 0;
    frame.no_shadows = false;
    if (render_read_analysis(&f->render, model, &frame, w, h, &out->shadowed) != CORE_OK) {
        render_analysis_free(&out->open);
        return 0;
    }
    return 1;
}

static void pair_free(pair *p)
{
    render_analysis_free(&p->shadowed);
    render_analysis_free(&p->open);
}

static double luminance(const float *p)
{
    return 0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2];
}

/* The lamp's visibility glint drew at pixel i: -1 where nothing lit it. */
static double ratio_at(const pair *p, int i)
{
    double open = luminance(&p->open.diffuse[3 * i]);
    return open > 1e-6 ? luminance(&p->shadowed.diffuse[3 * i]) / open : -1.0;
}

/* Lamp, no fill, matte, the diffuse light alone. */
static render_frame_desc lamp_frame(float radius, float elevation)
{
    render_frame_desc frame = render_frame_desc_defaults();
    frame.shot.lamp.ambient = 0.0f;
    frame.shot.lamp.azimuth_deg = 0.0f; /* from +z: shadows fall towards -z */
    frame.shot.lamp.elevation_deg = elevation;
    frame.shot.lamp.radius_mm = radius;
    frame.finish = SCENE_FINISH_MATTE;
    frame.samples = 1;
    return frame;
}

static void lamp_of(const scene_view *view, double lamp[3])
{
    for (int k = 0; k < 3; ++k)
        lamp[k] = view->lamp_position[k];
}

/* Where, walking along x = 0 from the floor's far end (-z) towards the
 * caster, the visibility first falls below `level` (interpolated). */
static double geometric_crossing(const shadow_scene *s, const double lamp[3], double r, double from,
                                 double to, double step, int n, double level)
{
    double previous = 1.0;
    for (double z = from; z < to; z += step) {
        double v = shadow_visible(s, (double[3]){0.0, 0.0, z}, lamp, r, n);
        if (v < level)
            return z - step * (level - v) / (previous - v);
        previous = v;
    }
    return to;
}

/* The same on glint's picture: floor pixels on the line x = 0 (within half a
 * pixel), sorted along z. */
typedef struct sample {
    double z, v;
} sample;

static int by_z(const void *a, const void *b)
{
    double d = ((const sample *)a)->z - ((const sample *)b)->z;
    return (d > 0) - (d < 0);
}

static double glint_width(const pair *p)
{
    const render_analysis *a = &p->shadowed;
    int count = 0;
    sample *line = malloc(sizeof *line * (size_t)(a->width * a->height));
    for (int i = 0; i < a->width * a->height; ++i) {
        double v = ratio_at(p, i);
        if (a->part[i] == SHADOW_PART_FLOOR && v >= 0.0 &&
            fabs(a->position[3 * i]) <= 0.5 * a->footprint[i])
            line[count++] = (sample){a->position[3 * i + 2], v};
    }
    qsort(line, (size_t)count, sizeof *line, by_z);
    double z90 = NAN, z10 = NAN;
    for (int i = 1; i < count && isnan(z10); ++i) {
        const sample *s = &line[i], *b = &line[i - 1];
        if (isnan(z90) && s->v < 0.9 && b->v >= 0.9)
            z90 = s->z - (s->z - b->z) * (0.9 - s->v) / (b->v - s->v);
        if (!isnan(z90) && s->v < 0.1 && b->v >= 0.1)
            z10 = s->z - (s->z - b->z) * (0.1 - s->v) / (b->v - s->v);
    }
    /* The profile must start lit: a picture already in shadow says nothing. */
    int starts_lit = count > 0 && line[0].v > 0.97;
    free(line);
    return starts_lit && !isnan(z10) ? z10 - z90 : -1.0;
}

/* The 10-90 % width of the shadow's far edge on the floor, glint's and the
 * geometry's, for one lamp. */
static void penumbra(gpu_fixture *f, const render_model *model, const shadow_scene *s, float radius,
                     float elevation, double *glint, double *geometry)
{
    render_frame_desc frame = lamp_frame(radius, elevation);
    scene_view view;
    scene_shot_view(&frame.shot, &model->bounds, 1.0f, &view);
    double lamp[3];
    lamp_of(&view, lamp);
    /* A coarse walk brackets the edge, a fine one measures it. */
    double start = s->floor_min[1] + 0.5;
    double coarse90 = geometric_crossing(s, lamp, radius, start, 0.0, 0.05, 12, 0.97);
    double coarse10 = geometric_crossing(s, lamp, radius, start, 0.0, 0.05, 12, 0.03);
    double from = coarse90 - 0.2;
    double z90 = geometric_crossing(s, lamp, radius, from, coarse10 + 0.2, 0.002, 40, 0.9);
    double z10 = geometric_crossing(s, lamp, radius, from, coarse10 + 0.2, 0.002, 40, 0.1);
    *geometry = z10 - z90;
    /* Look down at the edge from the lit side, framing three widths each way. */
    frame.shot.camera.azimuth_deg = 180.0f;
    frame.shot.camera.elevation_deg = 75.0f;
    frame.shot.camera.focus_center[0] = 0.0f;
    frame.shot.camera.focus_center[1] = 0.0f;
    frame.shot.camera.focus_center[2] = (float)(0.5 * (z10 + z90));
    frame.shot.camera.focus_radius = (float)fmax(3.0 * *geometry, 0.3);
    pair p;
    *glint = -1.0;
    if (render_pair(f, model, frame, 160, 160, &p)) {
        *glint = glint_width(&p);
        pair_free(&p);
    }
}

/* A 30 mm plate 25 mm over the floor, and a ball 20 mm across on it: floors
 * no bigger than the shadows need, so the map's texels stay fine. */
static const shadow_scene plate_scene = {
    .floor_min = {-20, -72}, .floor_max = {20, 20}, .plate_half = 15, .plate_height = 25};
static const shadow_scene ball_scene = {
    .floor_min = {-15, -60}, .floor_max = {15, 15}, .ball_center = {0, 10, 0}, .ball_radius = 10};

static int upload(const shadow_scene *s, const char *name, render_model *model)
{
    size_t size;
    char *text = shadow_scene_obj(s, &size);
    int ok = gpu_fixture_model(name, text, size, model);
    free(text);
    return ok;
}

/* Issue 16: the 10-90 % penumbra within 20 % of the geometry's for lamp
 * radii 2-20 mm and elevations 30-90 degrees, for a plate and for a ball.
 * The ball's edge is cast by its rim while the map holds its top, which
 * rises towards the lamp: a mean of the blockers in the lamp's cone made it
 * 1.24x with a 20 mm lamp overhead (1.5x before the receiver plane); the
 * deepest blocker in the cone keeps it within. */
static void test_penumbra_grid(gpu_fixture *f)
{
    const shadow_scene *scenes[2] = {&plate_scene, &ball_scene};
    const char *names[2] = {"plate", "ball"};
    const float radii[3] = {2.0f, 10.0f, 20.0f}, elevations[3] = {30.0f, 60.0f, 90.0f};
    printf("caster  lamp mm  elevation  glint mm  geometry mm  ratio\n");
    for (int c = 0; c < 2; ++c) {
        render_model model;
        CHECK(upload(scenes[c], "shadow.obj", &model));
        for (int r = 0; r < 3; ++r) {
            for (int e = 0; e < 3; ++e) {
                double glint, geometry;
                penumbra(f, &model, scenes[c], radii[r], elevations[e], &glint, &geometry);
                double ratio = glint / geometry;
                printf("%-6s  %7.0f  %9.0f  %8.3f  %11.3f  %5.2f\n", names[c], radii[r],
                       elevations[e], glint, geometry, ratio);
                CHECK(geometry > 0.0 && ratio >= 0.8 && ratio <= 1.2);
            }
        }
        render_model_unload(&model);
    }
}

/* The default lamp on a ball and a box on a floor, seen from above. */
static const shadow_scene desk_scene = {.floor_min = {-70, -70},
                                        .floor_max = {70, 70},
                                        .ball_center = {-15, 20, 15},
                                        .ball_radius = 20,
                                        .box_min = {15, 0, -5},
                                        .box_max = {35, 20, 15}};
enum { DESK_PART_BALL = 1, DESK_PART_BOX = 2 };

static int map_size; /* the shadow map's texels across */

/* The map's texel on the floor at p, in mm. */
static double texel_mm(const scene_view *view, const double p[3])
{
    double d = 0.0;
    for (int k = 0; k < 3; ++k)
        d += (p[k] - view->lamp_position[k]) * (p[k] - view->lamp_position[k]);
    return 2.0 * view->light_tan_half_fov * sqrt(d) / map_size;
}

/* 1 where a point and its neighbours two texels away all see the whole lamp,
 * 0 where none sees any of it, -1 in between (the penumbra and its edge). */
static int settled(const shadow_scene *s, const scene_view *view, const double p[3], double r)
{
    double lamp[3], t = 2.0 * texel_mm(view, p);
    lamp_of(view, lamp);
    const double offsets[5][2] = {{0, 0}, {t, 0}, {-t, 0}, {0, t}, {0, -t}};
    int lit = 0, dark = 0;
    for (int i = 0; i < 5; ++i) {
        double q[3] = {p[0] + offsets[i][0], 0.0, p[2] + offsets[i][1]};
        double v = shadow_visible(s, q, lamp, r, 12);
        lit += v >= 1.0;
        dark += v <= 0.0;
    }
    return lit == 5 ? 1 : dark == 5 ? 0 : -1;
}

/* The acceptance point "the default render has no halo": at the default lamp
 * nothing outside the geometric penumbra darkens the lit floor by more than
 * 5 %, the lit floor and the lit side of the ball have no speckle, and the
 * umbra stays dark. */
static void test_no_halo_no_acne(gpu_fixture *f)
{
    render_model model;
    CHECK(upload(&desk_scene, "desk.obj", &model));
    render_frame_desc frame = render_frame_desc_defaults();
    float radius = frame.shot.lamp.radius_mm;
    frame.shot.lamp.ambient = 0.0f;
    frame.finish = SCENE_FINISH_MATTE;
    frame.samples = 1;
    frame.shot.camera.elevation_deg = 60.0f;
    pair p;
    CHECK(render_pair(f, &model, frame, 320, 240, &p));
    const render_analysis *a = &p.shadowed;
    const scene_view *view = &a->view;
    double lamp[3];
    lamp_of(view, lamp);
    int lit = 0, dark = 0, haloed = 0, ball = 0, ball_speckled = 0, umbra_leaks = 0;
    double lit_sum = 0.0, lit_sq = 0.0, lit_min = 1.0, ball_sum = 0.0, ball_sq = 0.0;
    for (int i = 0; i < a->width * a->height; ++i) {
        double v = ratio_at(&p, i);
        const float *pos = &a->position[3 * i];
        double q[3] = {pos[0], pos[1], pos[2]};
        if (v < 0.0)
            continue;
        if (a->part[i] == SHADOW_PART_FLOOR) {
            int state = settled(&desk_scene, view, q, radius);
            if (state == 1) {
                ++lit;
                haloed += v < 0.95;
                lit_sum += v, lit_sq += v * v;
                lit_min = fmin(lit_min, v);
            } else if (state == 0) {
                ++dark;
                umbra_leaks += v > 0.05;
            }
        } else if (a->part[i] == DESK_PART_BALL) {
            /* The ball's side facing the lamp past its own horizon, which
             * nothing else shades. */
            double l[3] = {lamp[0] - q[0], lamp[1] - q[1], lamp[2] - q[2]};
            double n[3] = {q[0] - desk_scene.ball_center[0], q[1] - desk_scene.ball_center[1],
                           q[2] - desk_scene.ball_center[2]};
            double facing = (l[0] * n[0] + l[1] * n[1] + l[2] * n[2]) /
                            sqrt((l[0] * l[0] + l[1] * l[1] + l[2] * l[2]) *
                                 (n[0] * n[0] + n[1] * n[1] + n[2] * n[2]));
            if (facing > 0.25) {
                ++ball;
                ball_speckled += v < 0.95;
                ball_sum += v, ball_sq += v * v;
            }
        }
    }
    double lit_mean = lit ? lit_sum / lit : 0.0, ball_mean = ball ? ball_sum / ball : 0.0;
    double lit_sd = lit ? sqrt(fmax(lit_sq / lit - lit_mean * lit_mean, 0.0)) : 1.0;
    double ball_sd = ball ? sqrt(fmax(ball_sq / ball - ball_mean * ball_mean, 0.0)) : 1.0;
    printf("lit floor: %d px, %d darker than 95 %% (darkest %.3f), mean %.4f sd %.4f; "
           "umbra: %d px, %d above 5 %%; lit ball: %d px, %d darker than 95 %%, sd %.4f\n",
           lit, haloed, lit_min, lit_mean, lit_sd, dark, umbra_leaks, ball, ball_speckled, ball_sd);
    CHECK(lit > 10000 && dark > 500 && ball > 1000);
    CHECK(haloed == 0);
    CHECK(lit_sd < 0.005);
    CHECK(umbra_leaks <= dark / 200); /* its last pixels touch the penumbra through the filter */
    CHECK(ball_speckled == 0 && ball_sd < 0.005);
    pair_free(&p);

    /* Contact: the box's base on its shadowed (-z) side, close up. Floor
     * points the geometry puts in the umbra must be dark up to the wall,
     * bar a texel or two. */
    frame.shot.camera.azimuth_deg = 180.0f;
    frame.shot.camera.elevation_deg = 50.0f;
    frame.shot.camera.focus_center[0] = 25.0f;
    frame.shot.camera.focus_center[1] = 0.0f;
    frame.shot.camera.focus_center[2] = (float)desk_scene.box_min[2];
    frame.shot.camera.focus_radius = 1.5f;
    CHECK(render_pair(f, &model, frame, 160, 160, &p));
    double gap = 0.0, texel = 0.0;
    int near_wall = 0;
    for (int i = 0; i < p.shadowed.width * p.shadowed.height; ++i) {
        const float *pos = &p.shadowed.position[3 * i];
        double q[3] = {pos[0], 0.0, pos[2]}, s = desk_scene.box_min[2] - pos[2];
        double v = ratio_at(&p, i);
        if (p.shadowed.part[i] != SHADOW_PART_FLOOR || v < 0.0 || s <= 0.0 || s > 1.5 ||
            shadow_visible(&desk_scene, q, lamp, radius, 12) > 0.0)
            continue;
        ++near_wall;
        texel = texel_mm(&p.shadowed.view, q);
        if (v > 0.5)
            gap = fmax(gap, s);
    }
    printf("contact: %d umbra px within 1.5 mm of the wall; lit up to %.3f mm from it "
           "(a texel is %.3f mm)\n",
           near_wall, gap, texel);
    CHECK(near_wall > 1000);
    CHECK(gap <= 2.0 * texel);
    pair_free(&p);
    render_model_unload(&model);
}

int main(void)
{
    gpu_fixture f;
    if (!gpu_fixture_open(&f))
        return 1;
    map_size = f.render.shadow_map.size;
    test_penumbra_grid(&f);
    test_no_halo_no_acne(&f);
    gpu_fixture_close(&f);
    return check_done("test_shadows");
}
