#include "../check.h"

#include "io/io_model.h"
#include "scene/scene_mesh.h"
#include "scene/scene_room.h"
#include "scene/scene_shot.h"

#include <cglm/cglm.h>

#include <string.h>

/* A unit tetrahedron-ish pyramid with no normals, offset from the origin. */
static const char pyramid[] = "v 10 0 10\nv 12 0 10\nv 11 0 12\nv 11 2 11\n"
                              "f 1 2 3\nf 1 4 2\nf 2 4 3\nf 3 4 1\n";

static void test_mesh_from_model(void)
{
    io_model model;
    CHECK(io_model_load_memory(pyramid, strlen(pyramid), "pyramid.obj", NULL, NULL, &model) ==
          CORE_OK);
    scene_mesh mesh;
    scene_mesh_desc smooth = {.crease_angle_deg = 180.0f}; /* no creases: one normal a corner */
    CHECK(scene_mesh_from_model(&model, &smooth, &mesh) == CORE_OK);
    io_model_unload(&model);
    CHECK(mesh.vertex_count == 4 && mesh.index_count == 12);
    CHECK(mesh.computed_normals == 4);
    CHECK_NEAR(mesh.bounds.min[0], 10.0, 1e-6);
    CHECK_NEAR(mesh.bounds.max[1], 2.0, 1e-6);
    CHECK_NEAR(mesh.bounds.center[0], 11.0, 1e-6);
    CHECK_NEAR(mesh.bounds.center[1], 1.0, 1e-6);
    /* The apex's normal points up and every normal has unit length. */
    const float *apex = &mesh.vertices[3 * SCENE_VERTEX_FLOATS];
    CHECK(apex[4] > 0.5f);
    for (uint32_t v = 0; v < mesh.vertex_count; ++v) {
        const float *n = &mesh.vertices[v * SCENE_VERTEX_FLOATS + 3];
        CHECK_NEAR(n[0] * n[0] + n[1] * n[1] + n[2] * n[2], 1.0, 1e-5);
    }
    /* Every vertex lies within the bounding sphere. */
    for (uint32_t v = 0; v < mesh.vertex_count; ++v) {
        const float *p = &mesh.vertices[v * SCENE_VERTEX_FLOATS];
        float dx = p[0] - mesh.bounds.center[0], dy = p[1] - mesh.bounds.center[1],
              dz = p[2] - mesh.bounds.center[2];
        CHECK(sqrtf(dx * dx + dy * dy + dz * dz) <= mesh.bounds.radius + 1e-5f);
    }
    scene_mesh_unload(&mesh);
}

/* Projects a world point to normalised device coordinates. */
static void project(const scene_view *view, const float *point, float *ndc)
{
    vec4 p = {point[0], point[1], point[2], 1.0f}, world, eye, clip;
    glm_mat4_mulv((vec4 *)view->model, p, world);
    glm_mat4_mulv((vec4 *)view->view, world, eye);
    glm_mat4_mulv((vec4 *)view->projection, eye, clip);
    for (int k = 0; k < 3; ++k)
        ndc[k] = clip[k] / clip[3];
}

static void test_framing_holds_for_every_turntable_angle(void)
{
    scene_bounds bounds = {{-20, 0, -10}, {20, 75, 10}, {0, 37.5f, 0}, 0};
    bounds.radius = sqrtf(20 * 20 + 37.5f * 37.5f + 10 * 10);
    const float corners[8][3] = {{-20, 0, -10}, {20, 0, -10}, {-20, 75, -10}, {20, 75, -10},
                                 {-20, 0, 10},  {20, 0, 10},  {-20, 75, 10},  {20, 75, 10}};
    for (int physical = 0; physical < 2; ++physical)
    for (float aspect = 0.5f; aspect <= 2.0f; aspect *= 2.0f) {
        for (int angle = 0; angle < 360; angle += 15) {
            scene_shot shot = scene_shot_defaults();
            shot.turntable_deg = (float)angle;
            shot.camera.viewing_distance_mm = physical ? 0.0f : -1.0f;
            scene_view view;
            scene_shot_view(&shot, &bounds, aspect, &view);
            for (int c = 0; c < 8; ++c) {
                float ndc[3];
                project(&view, corners[c], ndc);
                CHECK(fabsf(ndc[0]) < 1.0f && fabsf(ndc[1]) < 1.0f);
                CHECK(ndc[2] > -1.0f && ndc[2] < 1.0f); /* inside near and far */
            }
        }
    }
}

static void test_turntable_moves_the_model_not_the_lamp(void)
{
    scene_bounds bounds = {{-1, -1, -1}, {1, 1, 1}, {0, 0, 0}, 1.7320508f};
    scene_view a, b;
    scene_shot shot = scene_shot_defaults();
    scene_shot_view(&shot, &bounds, 1.0f, &a);
    shot.turntable_deg = 90.0f;
    scene_shot_view(&shot, &bounds, 1.0f, &b);
    CHECK(memcmp(a.lamp_position, b.lamp_position, sizeof a.lamp_position) == 0);
    CHECK(memcmp(a.eye, b.eye, sizeof a.eye) == 0);
    CHECK(memcmp(a.model, b.model, sizeof a.model) != 0);
    /* A quarter turn sends +X to -Z (counter-clockwise seen from above). */
    CHECK_NEAR(b.model[0], 0.0, 1e-6);
    CHECK_NEAR(b.model[2], -1.0, 1e-6);
}

static float distance_to(const float *p, const float *q)
{
    return sqrtf((p[0] - q[0]) * (p[0] - q[0]) + (p[1] - q[1]) * (p[1] - q[1]) +
                 (p[2] - q[2]) * (p[2] - q[2]));
}

static void test_lamp_defaults_and_inverse_square(void)
{
    scene_bounds bounds = {{-20, -20, -20}, {20, 20, 20}, {0, 0, 0}, 35.0f};
    scene_shot shot = scene_shot_defaults();
    scene_shot resolved = scene_shot_resolve(&shot, &bounds);
    CHECK_NEAR(resolved.lamp.distance_mm, 250.0, 1e-6); /* a desk lamp, in mm */
    CHECK_NEAR(resolved.camera.viewing_distance_mm, 300.0, 1e-6);
    scene_view view;
    scene_shot_view(&shot, &bounds, 1.0f, &view);
    CHECK_NEAR(distance_to(view.lamp_position, bounds.center), 250.0, 1e-3);
    CHECK_NEAR(distance_to(view.eye, bounds.center), 300.0, 1e-3); /* the eye at 30 cm */
    /* At the reference distance the irradiance's luminance is pi x intensity. */
    float luminance = 0.2126f * view.lamp_intensity[0] + 0.7152f * view.lamp_intensity[1] +
                      0.0722f * view.lamp_intensity[2];
    CHECK_NEAR(luminance / (250.0 * 250.0), 3.14159265, 1e-3);
    /* The default lamp is warm, the default fill cool. */
    CHECK(view.lamp_intensity[0] > view.lamp_intensity[2]);
    CHECK(view.ambient[2] > view.ambient[0]);
    /* Twice as far: the same intensity, so a quarter of the irradiance. */
    shot.lamp.distance_mm = 500.0f;
    scene_view far;
    scene_shot_view(&shot, &bounds, 1.0f, &far);
    CHECK_NEAR(distance_to(far.lamp_position, bounds.center), 500.0, 1e-3);
    CHECK(memcmp(far.lamp_intensity, view.lamp_intensity, sizeof view.lamp_intensity) == 0);
    shot.lamp.ambient = -1.0f;
    CHECK(scene_shot_resolve(&shot, &bounds).lamp.ambient == 0.0f);
    /* A big model pushes the default lamp back; a viewing distance inside the
     * model is pushed out of it. */
    scene_bounds big = {{-500, -500, -500}, {500, 500, 500}, {0, 0, 0}, 866.0f};
    scene_shot plain = scene_shot_defaults();
    CHECK(scene_shot_resolve(&plain, &big).lamp.distance_mm >= 3.0f * 866.0f - 1e-3f);
    scene_shot_view(&plain, &big, 1.0f, &view);
    CHECK(distance_to(view.eye, big.center) > 866.0f);
}

/* Past SCENE_PHYSICAL_MAX_MM the eye backs off in proportion: a 1.5 m
 * sphere fills the frame exactly as a 250 mm one does, through the same lens. */
static void test_big_models_framed_from_afar(void)
{
    scene_bounds desk = {{-125, -125, -125}, {125, 125, 125}, {0, 0, 0}, 125.0f};
    scene_bounds statue = {{-750, -750, 0}, {750, 750, 1500}, {0, 0, 750}, 750.0f};
    scene_bounds bust = {{-40, -40, -40}, {40, 40, 40}, {0, 0, 0}, 40.0f};
    scene_shot shot = scene_shot_defaults();
    scene_view near, far, small;
    scene_shot_view(&shot, &desk, 1.5f, &near);
    scene_shot_view(&shot, &statue, 1.5f, &far);
    scene_shot_view(&shot, &bust, 1.5f, &small);
    CHECK(!near.framed_from_afar && !small.framed_from_afar && far.framed_from_afar);
    CHECK_NEAR(distance_to(small.eye, bust.center), 300.0, 1e-3); /* the physical camera */
    CHECK_NEAR(distance_to(near.eye, desk.center), 300.0, 1e-3);
    CHECK_NEAR(distance_to(far.eye, statue.center), 300.0 * 6.0, 1e-2);
    CHECK_NEAR(far.projection[5], near.projection[5], 1e-5); /* the same lens */
    /* The sphere's top and side land where the small sphere's do. */
    const float up[3] = {0, 1, 0}, side[3] = {1, 0, 0};
    for (int k = 0; k < 2; ++k) {
        const float *d = k ? side : up;
        float a[3] = {125 * d[0], 125 * d[1], 125 * d[2]};
        float b[3] = {750 * d[0], 750 * d[1], 750 + 750 * d[2]};
        float ndc_near[3], ndc_far[3];
        project(&near, a, ndc_near);
        project(&far, b, ndc_far);
        CHECK_NEAR(ndc_far[0], ndc_near[0], 1e-4);
        CHECK_NEAR(ndc_far[1], ndc_near[1], 1e-4);
    }
    /* Continuous: just over the limit is where just under it is. */
    scene_bounds over = desk;
    over.radius = 125.01f;
    scene_view just;
    scene_shot_view(&shot, &over, 1.5f, &just);
    CHECK(just.framed_from_afar);
    CHECK_NEAR(distance_to(just.eye, over.center), 300.0, 0.1);
    /* Without the physical camera there is no backing off to report. */
    shot.camera.viewing_distance_mm = -1.0f;
    scene_shot_view(&shot, &statue, 1.5f, &far);
    CHECK(!far.framed_from_afar);
}

/* A model big enough to push the default lamp back gets a brighter lamp: a
 * facing white matte surface at that default distance keeps radiance 1. */
static void test_big_models_keep_their_exposure(void)
{
    scene_bounds statue = {{-750, -750, -750}, {750, 750, 750}, {0, 0, 0}, 750.0f};
    scene_bounds bust = {{-40, -40, -40}, {40, 40, 40}, {0, 0, 0}, 40.0f};
    scene_shot shot = scene_shot_defaults();
    scene_view big, small;
    scene_shot_view(&shot, &statue, 1.0f, &big);
    scene_shot_view(&shot, &bust, 1.0f, &small);
    float d = distance_to(big.lamp_position, statue.center);
    CHECK_NEAR(d, 2250.0, 1e-2);
    for (int c = 0; c < 3; ++c) {
        /* Irradiance at the model's centre over pi: the facing radiance. */
        CHECK_NEAR(big.lamp_intensity[c] / (d * d), small.lamp_intensity[c] / (250.0 * 250.0),
                   1e-5);
    }
    /* Pinning the distance (a preset does) changes nothing; moving the lamp
     * twice as far gives a quarter, as before. */
    shot.lamp.distance_mm = 2250.0f;
    scene_view pinned;
    scene_shot_view(&shot, &statue, 1.0f, &pinned);
    CHECK(memcmp(pinned.lamp_intensity, big.lamp_intensity, sizeof big.lamp_intensity) == 0);
    /* Models whose default lamp stays at 250 mm are as they were. */
    CHECK_NEAR(0.2126f * small.lamp_intensity[0] + 0.7152f * small.lamp_intensity[1] +
                   0.0722f * small.lamp_intensity[2],
               3.14159265 * 250.0 * 250.0, 1.0);
}

/* A unit cube as 12 triangles on 8 shared corners, outward winding. */
static const char cube[] = "v 0 0 0\nv 1 0 0\nv 1 1 0\nv 0 1 0\nv 0 0 1\nv 1 0 1\nv 1 1 1\nv 0 1 1\n"
                           "f 1 4 3\nf 1 3 2\nf 5 6 7\nf 5 7 8\nf 1 2 6\nf 1 6 5\n"
                           "f 4 8 7\nf 4 7 3\nf 1 5 8\nf 1 8 4\nf 2 3 7\nf 2 7 6\n";

static void load(const char *text, const scene_mesh_desc *desc, scene_mesh *mesh)
{
    io_model model;
    CHECK(io_model_load_memory(text, strlen(text), "test.obj", NULL, NULL, &model) == CORE_OK);
    CHECK(scene_mesh_from_model(&model, desc, mesh) == CORE_OK);
    io_model_unload(&model);
}

static void test_crease_angle_splits_hard_edges(void)
{
    scene_mesh mesh;
    load(cube, NULL, &mesh); /* default 40 degrees: every cube edge is a crease */
    CHECK(mesh.vertex_count == 24);
    for (uint32_t v = 0; v < mesh.vertex_count; ++v) {
        const float *n = &mesh.vertices[v * SCENE_VERTEX_FLOATS + 3];
        /* Flat faces: each normal is an axis. */
        CHECK_NEAR(fabsf(n[0]) + fabsf(n[1]) + fabsf(n[2]), 1.0, 1e-5);
    }
    scene_mesh_unload(&mesh);
    scene_mesh_desc smooth = {.crease_angle_deg = 100.0f};
    load(cube, &smooth, &mesh);
    CHECK(mesh.vertex_count == 8);
    const float *n = &mesh.vertices[3]; /* corner (0,0,0): the diagonal outwards */
    CHECK(n[0] < -0.5f && n[1] < -0.5f && n[2] < -0.5f);
    scene_mesh_unload(&mesh);
}

static void test_uv_seams_do_not_crease(void)
{
    /* Two coplanar triangles sharing an edge whose corners have different uvs
     * (a texture seam): the normals must not notice. */
    const char *seam = "v 0 0 0\nv 1 0 0\nv 1 1 0.2\nv 0 1 0.2\n"
                       "vt 0 0\nvt 1 0\nvt 1 1\nvt 0 1\nvt 0.5 0.5\nvt 0.6 0.6\n"
                       "f 1/1 2/2 3/3\nf 1/5 3/6 4/4\n";
    scene_mesh mesh;
    load(seam, NULL, &mesh);
    CHECK(mesh.vertex_count == 6); /* the seam splits vertices for uvs... */
    for (uint32_t v = 1; v < mesh.vertex_count; ++v) /* ...but every normal is the same */
        CHECK_NEAR(mesh.vertices[v * SCENE_VERTEX_FLOATS + 5], mesh.vertices[5], 1e-6);
    scene_mesh_unload(&mesh);
}

static void test_degenerate_triangles_dropped(void)
{
    const char *text = "v 0 0 0\nv 1 0 0\nv 0 1 0\nv 2 0 0\n"
                       "f 1 2 3\nf 1 2 4\nf 1 1 3\n"; /* collinear, then repeated corner */
    scene_mesh mesh;
    load(text, NULL, &mesh);
    CHECK(mesh.index_count == 3 && mesh.dropped_triangles == 2);
    CHECK(mesh.warning_count == 0); /* counted, not warned about */
    scene_mesh_unload(&mesh);

    io_model model;
    const char *only_bad = "v 0 0 0\nv 1 0 0\nv 2 0 0\nf 1 2 3\n";
    CHECK(io_model_load_memory(only_bad, strlen(only_bad), "flat.obj", NULL, NULL, &model) ==
          CORE_OK);
    CHECK(scene_mesh_from_model(&model, NULL, &mesh) == CORE_ERR_PARSE);
    io_model_unload(&model);
}

static void test_units(void)
{
    scene_units units;
    CHECK(scene_units_parse("in", &units) && units == SCENE_UNITS_IN);
    CHECK(!scene_units_parse("furlong", &units));
    scene_mesh mesh;
    scene_mesh_desc inches = {.units = SCENE_UNITS_IN};
    load(cube, &inches, &mesh);
    CHECK_NEAR(mesh.bounds.max[0] - mesh.bounds.min[0], 25.4, 1e-4);
    CHECK(mesh.warning_count == 0);
    scene_mesh_unload(&mesh);
    /* A 1 mm cube read as mm is tiny but plausible; read as metres it is 1 m: also fine;
     * a 0.001-unit cube in mm is implausible and says so. */
    const char *speck = "v 0 0 0\nv 0.001 0 0\nv 0 0.001 0\nf 1 2 3\n";
    load(speck, NULL, &mesh);
    CHECK(mesh.warning_count == 1 && strstr(mesh.warnings[0], "--units") != NULL);
    scene_mesh_unload(&mesh);
}

/* The size hint names the units that would make the model plausible, and
 * applies nothing. */
static void test_units_hints(void)
{
    scene_mesh mesh;
    /* A 75 mm bust exported in metres, read as mm. */
    load("v 0 0 0\nv 0.04 0 0\nv 0 0.075 0\nf 1 2 3\n", NULL, &mesh);
    CHECK(mesh.warning_count == 1);
    CHECK(strstr(mesh.warnings[0], "0.075 mm tall (reading its units as mm)") != NULL);
    CHECK(strstr(mesh.warnings[0], "if this file is in metres, use --units m") != NULL);
    CHECK_NEAR(mesh.bounds.max[1], 0.075, 1e-7); /* not applied */
    scene_mesh_unload(&mesh);
    /* 1.5 m read as mm: framed from afar; every other unit is bigger still. */
    load("v 0 0 0\nv 400 0 0\nv 0 1502 0\nf 1 2 3\n", NULL, &mesh);
    CHECK(mesh.warning_count == 1);
    CHECK(strstr(mesh.warnings[0], "1502 mm tall (reading its units as mm): glint frames it from "
                                   "further back; if this file is not in millimetres, set "
                                   "--units (cm, m or in)") != NULL);
    scene_mesh_unload(&mesh);
    /* The same bust read as centimetres: 750 mm is a plausible life-size
     * bust; read as metres it is 75 m, and millimetres fit. */
    scene_mesh_desc cm = {.units = SCENE_UNITS_CM}, m = {.units = SCENE_UNITS_M};
    load("v 0 0 0\nv 40 0 0\nv 0 75 0\nf 1 2 3\n", &cm, &mesh);
    CHECK(mesh.warning_count == 0);
    scene_mesh_unload(&mesh);
    load("v 0 0 0\nv 40 0 0\nv 0 75 0\nf 1 2 3\n", &m, &mesh);
    CHECK(mesh.warning_count == 1 &&
          strstr(mesh.warnings[0], "if this file is in millimetres, use --units mm") != NULL);
    scene_mesh_unload(&mesh);
    /* Wider than tall: "across". */
    load("v 0 0 0\nv 3000 0 0\nv 0 10 0\nf 1 2 3\n", NULL, &mesh);
    CHECK(mesh.warning_count == 1 && strstr(mesh.warnings[0], "3000 mm across") != NULL);
    scene_mesh_unload(&mesh);
}

/* --focus: the detail's sphere, turned with the model, lands in the middle of
 * the frame and fills `fill` of it, seen from the viewing distance the whole
 * model is seen from, through a narrower lens; at every turntable angle. */
static void test_focus_frames_a_detail(void)
{
    scene_bounds bust = {{-20, 0, -10}, {20, 75, 10}, {0, 37.5f, 0}, 43.7f};
    const float eye_part[3] = {6.0f, 62.0f, 8.0f};
    const float part_radius = 4.0f;
    scene_shot whole = scene_shot_defaults();
    scene_view unfocused;
    scene_shot_view(&whole, &bust, 1.0f, &unfocused);
    for (int physical = 0; physical < 2; ++physical)
        for (int angle = 0; angle < 360; angle += 45) {
            scene_shot shot = scene_shot_defaults();
            shot.turntable_deg = (float)angle;
            shot.camera.viewing_distance_mm = physical ? 0.0f : -1.0f;
            shot.camera.fill = angle % 90 ? 0.6f : 0.9f;
            memcpy(shot.camera.focus_center, eye_part, sizeof eye_part);
            shot.camera.focus_radius = part_radius;
            scene_view view;
            scene_shot_view(&shot, &bust, 1.0f, &view);
            float ndc[3];
            project(&view, eye_part, ndc);
            CHECK_NEAR(ndc[0], 0.0, 1e-4);
            CHECK_NEAR(ndc[1], 0.0, 1e-4);
            CHECK(ndc[2] > -1.0f && ndc[2] < 1.0f);
            /* Where the turntable put the detail, in the world, and in the eye's frame. */
            vec4 p = {eye_part[0], eye_part[1], eye_part[2], 1.0f}, world, seen;
            glm_mat4_mulv((vec4 *)view.model, p, world);
            glm_mat4_mulv((vec4 *)view.view, world, seen);
            float d = -seen[2];
            /* A sphere of radius / fill around it just touches the frame's top
             * and bottom (fill as place_camera means it for the whole model). */
            float half_fov = atanf(1.0f / view.projection[5]);
            CHECK_NEAR(d * sinf(half_fov), part_radius / shot.camera.fill, 1e-3);
            if (physical) {
                /* The eye as far from the detail as from the model unfocused. */
                CHECK_NEAR(distance_to(view.eye, world), 300.0, 1e-2);
                CHECK(view.projection[5] > 4.0f * unfocused.projection[5]); /* narrower */
                /* The whole model stays between near and far. */
                CHECK(view.near_plane < distance_to(view.eye, bust.center) - bust.radius);
                CHECK(view.far_plane > distance_to(view.eye, bust.center) + bust.radius);
            } else {
                /* A fixed lens walks up to the detail; it stays in front of the eye. */
                CHECK(view.near_plane < d - part_radius && view.far_plane > d + part_radius);
            }
        }
    /* Radius 0 is no focus: the whole model, exactly as before. */
    scene_shot none = scene_shot_defaults();
    memcpy(none.camera.focus_center, eye_part, sizeof eye_part);
    scene_view same;
    scene_shot_view(&none, &bust, 1.0f, &same);
    CHECK(memcmp(&same, &unfocused, sizeof same) == 0);
}

/* Each part's sphere holds its own vertices, not the other part's. */
static void test_part_spheres(void)
{
    static const char two[] = "o low\nv 0 0 0\nv 2 0 0\nv 0 2 0\nf 1 2 3\n"
                              "o high\nv 10 10 10\nv 14 10 10\nv 10 14 10\nf 4 5 6\n";
    io_model model;
    CHECK(io_model_load_memory(two, strlen(two), "two.obj", NULL, NULL, &model) == CORE_OK);
    scene_mesh mesh;
    scene_mesh_desc up_y = {.up = SCENE_UP_POS_Y};
    CHECK(scene_mesh_from_model(&model, &up_y, &mesh) == CORE_OK);
    io_model_unload(&model);
    CHECK(mesh.part_count == 2);
    for (uint32_t p = 0; p < mesh.part_count && mesh.part_count == 2; ++p) {
        const scene_part *part = &mesh.parts[p];
        bool high = strcmp(part->name, "high") == 0;
        CHECK_NEAR(part->sphere[0], high ? 12.0 : 1.0, 1e-5);
        CHECK_NEAR(part->sphere[1], high ? 12.0 : 1.0, 1e-5);
        CHECK_NEAR(part->sphere[3], high ? sqrt(8.0) : sqrt(2.0), 1e-5);
    }
    scene_mesh_unload(&mesh);
}

/* Rooms: the uniform room's SH9 irradiance is exactly its radiance in
 * every direction; the desk's brightness is the fraction docs/lighting.md
 * states, its window side the brighter; the studio is dark but for its boxes;
 * the cube-map layout is GL's (the +x face's centre looks along +x, its
 * first row towards +y). */
static void test_rooms(void)
{
    float sh[9][3], basis[9];
    scene_room_irradiance_sh(SCENE_ROOM_UNIFORM, sh);
    const float dirs[4][3] = {{0, 1, 0}, {-1, 0, 0}, {0.6f, 0, 0.8f}, {0, -1, 0}};
    for (int d = 0; d < 4; ++d) {
        scene_room_sh_basis(dirs[d], basis);
        for (int c = 0; c < 3; ++c) {
            float e = 0.0f;
            for (int i = 0; i < 9; ++i)
                e += sh[i][c] * basis[i];
            CHECK(fabsf(e - 1.0f) < 1e-4f);
        }
    }
    float mean[3];
    scene_room_mean(SCENE_ROOM_DESK, mean);
    printf("desk: mean radiance %.3f %.3f %.3f of the lamp's white\n", mean[0], mean[1], mean[2]);
    CHECK(fabsf(mean[1] - 0.77f) < 0.01f); /* docs/lighting.md, "Rooms" */
    scene_room_irradiance_sh(SCENE_ROOM_DESK, sh);
    float towards[2];
    for (int side = 0; side < 2; ++side) {
        const float n[3] = {side ? 1.0f : -1.0f, 0.0f, 0.0f};
        scene_room_sh_basis(n, basis);
        towards[side] = 0.0f;
        for (int i = 0; i < 9; ++i)
            towards[side] += sh[i][1] * basis[i];
    }
    printf("desk: irradiance / pi facing the window %.3f, facing away %.3f\n", towards[0],
           towards[1]);
    CHECK(towards[0] > 10.0f * towards[1]);
    scene_room_mean(SCENE_ROOM_STUDIO, mean);
    float behind[3], dark_dir[3] = {0.3f, -0.9f, 0.3f};
    scene_room_radiance(SCENE_ROOM_STUDIO, dark_dir, behind);
    CHECK(behind[1] < 0.01f && mean[1] > 0.1f);
    scene_room_radiance(SCENE_ROOM_DARK, dark_dir, behind);
    CHECK(behind[0] == 0.0f && behind[1] == 0.0f && behind[2] == 0.0f);
    float d[3];
    scene_room_cube_direction(0, 0.0f, 0.0f, d);
    CHECK(d[0] == 1.0f && d[1] == 0.0f && d[2] == 0.0f);
    scene_room_cube_direction(0, 0.0f, -1.0f, d);
    CHECK(d[1] == 1.0f); /* the first row of +x looks up: GL's t runs along -y */
    scene_room_cube_direction(2, 0.0f, 0.0f, d);
    CHECK(d[1] == 1.0f);
    scene_room r;
    CHECK(scene_room_parse("Desk", &r) && r == SCENE_ROOM_DESK);
    CHECK(!scene_room_parse("attic", &r));
}

int main(void)
{
    test_mesh_from_model();
    test_rooms();
    test_crease_angle_splits_hard_edges();
    test_uv_seams_do_not_crease();
    test_degenerate_triangles_dropped();
    test_units();
    test_units_hints();
    test_framing_holds_for_every_turntable_angle();
    test_turntable_moves_the_model_not_the_lamp();
    test_lamp_defaults_and_inverse_square();
    test_big_models_framed_from_afar();
    test_big_models_keep_their_exposure();
    test_focus_frames_a_detail();
    test_part_spheres();
    return check_done("test_scene");
}
