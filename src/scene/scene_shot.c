#include "scene/scene_shot.h"

#include "scene/scene_light.h"

#include <cglm/cglm.h>

#include <math.h>
#include <string.h>

static float or_default(float value, float fallback)
{
    return value != 0.0f ? value : fallback;
}

scene_shot scene_shot_defaults(void)
{
    return (scene_shot){
        .camera = {.elevation_deg = 12.0f, .viewing_distance_mm = 300.0f, .fov_y_deg = 30.0f,
                   .fill = 0.9f},
        .lamp = {.azimuth_deg = 40.0f, .elevation_deg = 45.0f, .radius_mm = 10.0f,
                 .intensity = 1.0f, .kelvin = 4000.0f, .ambient = 0.03f,
                 .ambient_kelvin = 8000.0f}};
}

/* A desk lamp a hand's span away; a model bigger than that pushes it back. */
static float default_lamp_distance(float radius)
{
    return fmaxf(SCENE_LAMP_REFERENCE_MM, 3.0f * radius);
}

scene_shot scene_shot_resolve(const scene_shot *shot, const scene_bounds *bounds)
{
    float radius = fmaxf(bounds->radius, 1e-3f);
    scene_shot r = *shot;
    /* Zero is no distance, size, temperature or brightness a shot can use:
     * there it still means "the default". Angles and the fill are taken as
     * they are (zero degrees is an angle; zero fill is none). */
    r.camera.viewing_distance_mm = or_default(r.camera.viewing_distance_mm, 300.0f);
    r.camera.fov_y_deg = or_default(r.camera.fov_y_deg, 30.0f);
    r.camera.fill = or_default(r.camera.fill, 0.9f);
    r.lamp.distance_mm = or_default(r.lamp.distance_mm, default_lamp_distance(radius));
    r.lamp.radius_mm = or_default(r.lamp.radius_mm, 10.0f);
    r.lamp.intensity = or_default(r.lamp.intensity, 1.0f);
    r.lamp.kelvin = or_default(r.lamp.kelvin, 4000.0f);
    r.lamp.ambient_kelvin = or_default(r.lamp.ambient_kelvin, 8000.0f);
    r.lamp.ambient = fmaxf(r.lamp.ambient, 0.0f);
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

/* Where the camera stands and how wide it sees. Physical mode keeps the eye's
 * distance and narrows or widens the view to frame the model; the other mode
 * keeps the lens and moves the camera. Either way the bounding sphere fills
 * `fill` of the frame's shorter side. */
static void place_camera(const scene_camera_desc *camera, float radius, float subject,
                         float aspect, float *distance, float *fov_y, int *from_afar)
{
    /* `subject` is the radius of what is framed: the model's sphere, or a
     * detail's (--focus); the distance the eye keeps goes by the model's. */
    float visible = subject / camera->fill; /* half the frame's height, at the sphere */
    if (aspect < 1.0f)
        visible /= aspect; /* a tall frame: the width is the shorter side */
    if (camera->viewing_distance_mm > 0.0f) {
        /* A model wider than SCENE_PHYSICAL_MAX_MM is seen as a model of that
         * size is from the viewing distance: the eye backs off in proportion,
         * so the lens and the perspective stay those of a desk, and a statue
         * (or a file in the wrong units) fills the frame as a bust does. */
        float viewing = camera->viewing_distance_mm;
        if (2.0f * radius > SCENE_PHYSICAL_MAX_MM) {
            viewing *= 2.0f * radius / SCENE_PHYSICAL_MAX_MM;
            *from_afar = 1;
        }
        /* Never inside the model: a tiny viewing distance still sees it whole.
         * Nor a lens wider than 120 degrees: a model larger than the eye's
         * distance (or zoomed far out) would shrink to a dot in the middle of
         * a fisheye frame, so the eye steps back as a person would. */
        const float widest_half_sin = 0.8660254f; /* sin 60 deg */
        *distance =
            fmaxf(viewing, fmaxf(radius * 1.05f, visible / widest_half_sin));
        *fov_y = 2.0f * asinf(fminf(visible / *distance, widest_half_sin));
    } else {
        *fov_y = glm_rad(camera->fov_y_deg);
        *distance = visible / sinf(*fov_y * 0.5f);
    }
}

static void place_lamp_view(const vec3 center, float radius, scene_view *out)
{
    vec3 axis;
    glm_vec3_sub((float *)center, out->lamp_position, axis);
    float distance = glm_vec3_norm(axis);
    float reach = radius * 1.02f; /* a little margin so edge texels hold the model */
    out->shadows = distance > reach * 1.05f;
    if (!out->shadows)
        return;
    float half_fov = asinf(reach / distance);
    out->light_near = distance - reach;
    out->light_far = distance + reach;
    out->light_tan_half_fov = tanf(half_fov);
    vec3 up = {0.0f, 1.0f, 0.0f};
    if (fabsf(axis[1]) > 0.99f * distance) /* straight overhead: any other up will do */
        up[1] = 0.0f, up[2] = 1.0f;
    mat4 view, projection, view_projection;
    glm_lookat(out->lamp_position, (float *)center, up, view);
    glm_perspective(2.0f * half_fov, 1.0f, out->light_near, out->light_far, projection);
    glm_mat4_mul(projection, view, view_projection);
    memcpy(out->light_view_projection, view_projection, sizeof out->light_view_projection);
}

void scene_shot_view(const scene_shot *shot_in, const scene_bounds *bounds, float aspect,
                     scene_view *out)
{
    memset(out, 0, sizeof *out);
    scene_shot shot = scene_shot_resolve(shot_in, bounds);
    vec3 center = {bounds->center[0], bounds->center[1], bounds->center[2]};
    float radius = fmaxf(bounds->radius, 1e-3f);

    /* Turntable: the model spins about the vertical axis through its centre, so
     * its bounding sphere, and with it the framing, never changes. */
    mat4 model;
    glm_translate_make(model, center);
    glm_rotate_y(model, glm_rad(shot.turntable_deg), model);
    vec3 back = {-center[0], -center[1], -center[2]};
    glm_translate(model, back);

    /* What the camera frames: the model's sphere, or a detail's (--focus),
     * turned with the model to where this frame's angle puts it. */
    vec3 target = {center[0], center[1], center[2]};
    float subject = radius;
    if (shot.camera.focus_radius > 0.0f) {
        vec4 focus = {shot.camera.focus_center[0], shot.camera.focus_center[1],
                      shot.camera.focus_center[2], 1.0f};
        vec4 turned;
        glm_mat4_mulv(model, focus, turned);
        glm_vec3_copy(turned, target);
        subject = shot.camera.focus_radius;
    }
    float distance, fov_y;
    place_camera(&shot.camera, radius, subject, aspect, &distance, &fov_y,
                 &out->framed_from_afar);
    vec3 eye;
    orbit_point(target, shot.camera.azimuth_deg, shot.camera.elevation_deg, distance, eye);
    mat4 view;
    vec3 up = {0.0f, 1.0f, 0.0f};
    glm_lookat(eye, target, up, view);
    if (shot.camera.pan_mm[0] != 0.0f || shot.camera.pan_mm[1] != 0.0f) {
        /* The view's rows are its right and up axes in world space. */
        vec3 offset;
        for (int i = 0; i < 3; ++i)
            offset[i] = view[i][0] * shot.camera.pan_mm[0] + view[i][1] * shot.camera.pan_mm[1];
        vec3 aim;
        glm_vec3_add(target, offset, aim);
        glm_vec3_add(eye, offset, eye);
        glm_lookat(eye, aim, up, view);
    }
    /* Near and far hold the whole model, seen from where the eye is (the
     * model's centre is `distance` away unless a detail is framed). */
    float reach = distance;
    if (shot.camera.focus_radius > 0.0f)
        reach = glm_vec3_distance(eye, center);
    out->near_plane = fmaxf(reach - radius * 1.5f, distance * 0.01f);
    out->far_plane = reach + radius * 1.5f;
    mat4 projection;
    glm_perspective(fov_y, aspect, out->near_plane, out->far_plane, projection);

    memcpy(out->model, model, sizeof out->model);
    memcpy(out->view, view, sizeof out->view);
    memcpy(out->projection, projection, sizeof out->projection);
    memcpy(out->eye, eye, sizeof out->eye);
    orbit_point(center, shot.lamp.azimuth_deg, shot.lamp.elevation_deg, shot.lamp.distance_mm,
                out->lamp_position);
    out->lamp_radius = shot.lamp.radius_mm;
    place_lamp_view(center, radius, out);
    /* Radiant intensity I: irradiance pi * intensity at the reference distance,
     * so a white Lambert surface there has radiance `intensity`. A model big
     * enough to push the default lamp back gets a lamp as much brighter, so
     * its exposure holds at that default distance; this goes by the model's
     * size, not the distance set, so a preset that pins the distance, or the
     * viewer moving the lamp, keeps the inverse square from there. */
    float colour[3], fill[3];
    scene_kelvin_to_linear_srgb(shot.lamp.kelvin, colour);
    scene_kelvin_to_linear_srgb(shot.lamp.ambient_kelvin, fill);
    float reference = default_lamp_distance(radius) * default_lamp_distance(radius);
    for (int c = 0; c < 3; ++c) {
        out->lamp_intensity[c] = 3.14159265f * shot.lamp.intensity * reference * colour[c];
        out->ambient[c] = shot.lamp.ambient * fill[c];
    }
}
