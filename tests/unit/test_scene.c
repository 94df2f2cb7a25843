#include "../check.h"

#include "io/io_model.h"
#include "scene/scene_mesh.h"
#include "scene/scene_shot.h"

#include <cglm/cglm.h>

#include <string.h>

/* A unit tetrahedron-ish pyramid with no normals, offset from the origin. */
static const char pyramid[] = "v 10 0 10\nv 12 0 10\nv 11 0 12\nv 11 2 11\n"
                              "f 1 2 3\nf 1 4 2\nf 2 4 3\nf 3 4 1\n";

static void test_mesh_from_model(void)
{
    io_model model;
    CHECK(io_model_load_memory(pyramid, strlen(pyramid), "pyramid.obj", NULL, &model) ==
          CORE_OK);
    scene_mesh mesh;
    CHECK(scene_mesh_from_model(&model, &mesh) == CORE_OK);
    io_model_unload(&model);
    CHECK(mesh.vertex_count == 4 && mesh.index_count == 12);
    CHECK(mesh.normals_computed == 4);
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
    for (float aspect = 0.5f; aspect <= 2.0f; aspect *= 2.0f) {
        for (int angle = 0; angle < 360; angle += 15) {
            scene_shot shot = {.turntable_deg = (float)angle};
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
    scene_shot shot = {0};
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

static void test_lamp_defaults_and_inverse_square(void)
{
    scene_bounds bounds = {{-1, -1, -1}, {1, 1, 1}, {0, 0, 0}, 2.0f};
    scene_shot shot = {0};
    scene_shot resolved = scene_shot_resolve(&shot, &bounds);
    CHECK_NEAR(resolved.lamp.distance, 8.0, 1e-6);
    CHECK_NEAR(resolved.camera.fov_y_deg, 30.0, 1e-6);
    scene_view view;
    scene_shot_view(&shot, &bounds, 1.0f, &view);
    float d = sqrtf(view.lamp_position[0] * view.lamp_position[0] +
                    view.lamp_position[1] * view.lamp_position[1] +
                    view.lamp_position[2] * view.lamp_position[2]);
    CHECK_NEAR(d, 8.0, 1e-4);
    /* Irradiance at the centre is the requested intensity, 1 by default. */
    CHECK_NEAR(view.lamp_intensity / (d * d), 1.0, 1e-4);
    shot.lamp.ambient = -1.0f;
    CHECK(scene_shot_resolve(&shot, &bounds).lamp.ambient == 0.0f);
}

int main(void)
{
    test_mesh_from_model();
    test_framing_holds_for_every_turntable_angle();
    test_turntable_moves_the_model_not_the_lamp();
    test_lamp_defaults_and_inverse_square();
    return check_done("test_scene");
}
