#include "scene/scene_shot.h"

#include <cglm/cglm.h>

#include <math.h>
#include <string.h>

static float or_default(float value, float fallback)
{
    return value != 0.0f ? value : fallback;
}

scene_shot scene_shot_resolve(const scene_shot *shot, const scene_bounds *bounds)
{
    scene_shot r = *shot;
    r.camera.elevation_deg = or_default(r.camera.elevation_deg, 12.0f);
    r.camera.fov_y_deg = or_default(r.camera.fov_y_deg, 30.0f);
    r.camera.fill = or_default(r.camera.fill, 0.9f);
    r.lamp.azimuth_deg = or_default(r.lamp.azimuth_deg, 40.0f);
    r.lamp.elevation_deg = or_default(r.lamp.elevation_deg, 45.0f);
    r.lamp.distance = or_default(r.lamp.distance, 4.0f * fmaxf(bounds->radius, 1e-6f));
    r.lamp.intensity = or_default(r.lamp.intensity, 1.0f);
    r.lamp.ambient = or_default(r.lamp.ambient, 0.06f);
    if (r.lamp.ambient < 0.0f)
        r.lamp.ambient = 0.0f;
    return r;
}

/* A point on a sphere around `center`: azimuth from +Z towards +X, elevation up. */
static void orbit_point(const float *center, float azimuth_deg, float elevation_deg, float distance,
                        float *out)
{
    float az = glm_rad(azimuth_deg), el = glm_rad(elevation_deg);
    out[0] = center[0] + distance * cosf(el) * sinf(az);
    out[1] = center[1] + distance * sinf(el);
    out[2] = center[2] + distance * cosf(el) * cosf(az);
}

void scene_shot_view(const scene_shot *shot_in, const scene_bounds *bounds, float aspect,
                     scene_view *out)
{
    memset(out, 0, sizeof *out);
    scene_shot shot = scene_shot_resolve(shot_in, bounds);
    vec3 center = {bounds->center[0], bounds->center[1], bounds->center[2]};
    float radius = fmaxf(bounds->radius, 1e-6f);

    /* Turntable: the model spins about the vertical axis through its centre, so
     * its bounding sphere, and with it the framing, never changes. */
    mat4 model;
    glm_translate_make(model, center);
    glm_rotate_y(model, glm_rad(shot.turntable_deg), model);
    vec3 back = {-center[0], -center[1], -center[2]};
    glm_translate(model, back);

    /* Distance at which the sphere fills `fill` of the frame's height, widened
     * when the frame is taller than wide so the sides are not cut. */
    float half_fov = glm_rad(shot.camera.fov_y_deg) * 0.5f;
    float half_extent = tanf(half_fov) * fminf(aspect, 1.0f) * shot.camera.fill;
    float distance = radius / sinf(atanf(half_extent));
    vec3 eye;
    orbit_point(center, shot.camera.azimuth_deg, shot.camera.elevation_deg, distance, eye);
    mat4 view;
    vec3 up = {0.0f, 1.0f, 0.0f};
    glm_lookat(eye, center, up, view);

    out->near_plane = fmaxf(distance - radius * 1.5f, distance * 0.01f);
    out->far_plane = distance + radius * 1.5f;
    mat4 projection;
    glm_perspective(2.0f * half_fov, aspect, out->near_plane, out->far_plane, projection);

    memcpy(out->model, model, sizeof out->model);
    memcpy(out->view, view, sizeof out->view);
    memcpy(out->projection, projection, sizeof out->projection);
    memcpy(out->eye, eye, sizeof out->eye);
    orbit_point(center, shot.lamp.azimuth_deg, shot.lamp.elevation_deg, shot.lamp.distance,
                out->lamp_position);
    out->lamp_intensity = shot.lamp.intensity * shot.lamp.distance * shot.lamp.distance;
    out->ambient = shot.lamp.ambient;
}
