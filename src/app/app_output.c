#define _XOPEN_SOURCE 700
#include "app/app.h"
#include "app/app_output.h"

#include "core/core_file.h"
#include "io/io_image.h"
#include "io/io_png_text.h"

#include <cjson/cJSON.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The document as glint writes it, ending in a newline (no NUL), so that a
 * sidecar file and a PNG's chunk hold the same bytes. Free with cJSON_free. */
static char *print_json(const cJSON *root, size_t *length)
{
    char *text = root ? cJSON_Print(root) : NULL;
    if (!text)
        return NULL;
    *length = strlen(text);
    text[(*length)++] = '\n'; /* cJSON leaves room for the NUL */
    return text;
}

core_result app_png_write(const char *path, core_write_mode mode, const io_image *image,
                          const cJSON *settings)
{
    size_t length = 0;
    char *text = print_json(settings, &length);
    if (!text)
        return core_fail(CORE_ERR_NO_MEMORY, "%s: out of memory for the settings", path);
    io_png_text chunk = {IO_PNG_SETTINGS_KEYWORD, text, length};
    core_result r = io_png_write_text(path, mode, image, &chunk, 1);
    cJSON_free(text);
    return r;
}

core_result app_write_unique_png(const char *folder, const char *model_path, const io_image *image,
                                 const cJSON *settings, char *png_path, char *json_path,
                                 size_t path_size)
{
    char stem[256], stamp[32], name[320];
    core_path_stem(model_path, stem, sizeof stem);
    time_t now = time(NULL);
    struct tm local;
    localtime_r(&now, &local);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &local);
    for (int attempt = 1; attempt <= 1000; ++attempt) {
        if (attempt == 1)
            snprintf(name, sizeof name, "%s-%s", stem, stamp);
        else
            snprintf(name, sizeof name, "%s-%s-%d", stem, stamp, attempt);
        char png_name[340], json_name[340];
        snprintf(png_name, sizeof png_name, "%s.png", name);
        snprintf(json_name, sizeof json_name, "%s.json", name);
        core_result r = core_path_join(folder, png_name, png_path, path_size);
        if (r == CORE_OK)
            r = core_path_join(folder, json_name, json_path, path_size);
        if (r != CORE_OK)
            return r;
        if (core_file_exists(json_path))
            continue; /* the pair shares a name: skip names half taken */
        r = app_png_write(png_path, CORE_WRITE_NO_CLOBBER, image, settings);
        if (r != CORE_ERR_EXISTS)
            return r;
    }
    return core_fail(CORE_ERR_EXISTS, "%s: no free file name for %s-%s", folder, stem, stamp);
}

/* An angle as written: the hair above zero that stands for an explicit 0
 * (app_options.c, turntable and compare cells) is written as 0, so a preset
 * read and written again is the same text. */
static double degrees(float angle)
{
    return angle == 1e-6f ? 0.0 : (double)angle;
}

static cJSON *vector3(const float *v)
{
    const double values[3] = {v[0], v[1], v[2]};
    return cJSON_CreateDoubleArray(values, 3);
}

cJSON *app_settings_json(const app_session *session, const app_options *options)
{
    scene_shot shot = scene_shot_resolve(&options->frame.shot, &session->model.bounds);
    char absolute[PATH_MAX];
    const char *model = realpath(options->model_path, absolute) ? absolute : options->model_path;

    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "schema", "glint-preset");
    cJSON_AddNumberToObject(root, "version", 1);
    cJSON_AddStringToObject(root, "generator", "glint " GLINT_VERSION);
    cJSON_AddStringToObject(root, "model", model);
    cJSON *image = cJSON_AddObjectToObject(root, "image");
    cJSON_AddNumberToObject(image, "width", options->width);
    cJSON_AddNumberToObject(image, "height", options->height);
    /* The samples the picture was drawn with: fewer when memory was short. */
    int samples = options->samples;
    if (session->render.max_samples > 0 && samples > session->render.max_samples)
        samples = session->render.max_samples;
    cJSON_AddNumberToObject(image, "msaa", samples);
    cJSON_AddNumberToObject(root, "turntable_deg", degrees(shot.turntable_deg));
    cJSON *camera = cJSON_AddObjectToObject(root, "camera");
    cJSON_AddNumberToObject(camera, "azimuth_deg", degrees(shot.camera.azimuth_deg));
    cJSON_AddNumberToObject(camera, "elevation_deg", degrees(shot.camera.elevation_deg));
    cJSON_AddNumberToObject(camera, "viewing_distance_mm", shot.camera.viewing_distance_mm);
    cJSON_AddNumberToObject(camera, "fov_y_deg", shot.camera.fov_y_deg);
    cJSON_AddNumberToObject(camera, "fill", shot.camera.fill);
    const double pan[2] = {shot.camera.pan_mm[0], shot.camera.pan_mm[1]};
    cJSON_AddItemToObject(camera, "pan_mm", cJSON_CreateDoubleArray(pan, 2));
    cJSON *lamp = cJSON_AddObjectToObject(root, "lamp");
    cJSON_AddNumberToObject(lamp, "azimuth_deg", degrees(shot.lamp.azimuth_deg));
    cJSON_AddNumberToObject(lamp, "elevation_deg", degrees(shot.lamp.elevation_deg));
    cJSON_AddNumberToObject(lamp, "distance_mm", shot.lamp.distance_mm);
    cJSON_AddNumberToObject(lamp, "radius_mm", shot.lamp.radius_mm);
    cJSON_AddNumberToObject(lamp, "intensity", shot.lamp.intensity);
    cJSON_AddNumberToObject(lamp, "kelvin", shot.lamp.kelvin);
    cJSON_AddNumberToObject(lamp, "ambient", shot.lamp.ambient);
    cJSON_AddNumberToObject(lamp, "ambient_kelvin", shot.lamp.ambient_kelvin);
    cJSON *look = cJSON_AddObjectToObject(root, "look");
    cJSON_AddStringToObject(look, "finish",
                            options->frame.finish == SCENE_FINISH_FROM_FILE
                                ? "from-file"
                                : scene_finish_name(options->frame.finish));
    cJSON_AddNumberToObject(look, "exposure_ev", options->frame.exposure_ev);
    cJSON_AddStringToObject(look, "tonemap", render_tonemap_name(options->frame.tonemap));
    cJSON_AddStringToObject(look, "view", render_view_name(options->frame.view));
    if (options->frame.roughness > 0.0f)
        cJSON_AddNumberToObject(look, "roughness", options->frame.roughness);
    cJSON *parts = cJSON_AddObjectToObject(look, "parts");
    for (uint32_t i = 0; i < options->frame.part_finish_count; ++i) {
        const render_part_finish *part = &options->frame.part_finishes[i];
        cJSON_DeleteItemFromObjectCaseSensitive(parts, part->part); /* the last one wins */
        cJSON_AddStringToObject(parts, part->part, scene_finish_name(part->finish));
    }
    const float *background = options->frame.background;
    if (background[0] > 0.0f || background[1] > 0.0f || background[2] > 0.0f) {
        uint8_t srgb[3];
        char hex[8];
        render_background_srgb8(&options->frame, srgb);
        snprintf(hex, sizeof hex, "#%02x%02x%02x", srgb[0], srgb[1], srgb[2]);
        cJSON_AddStringToObject(look, "background", hex);
    }
    cJSON_AddBoolToObject(look, "transparent", options->frame.transparent);
    cJSON_AddBoolToObject(look, "no_shadows", options->frame.no_shadows);
    cJSON_AddStringToObject(root, "model_units", scene_units_name(options->mesh.units));
    if (options->mesh.crease_angle_deg > 0.0f)
        cJSON_AddNumberToObject(root, "crease_angle_deg", options->mesh.crease_angle_deg);
    cJSON *bounds = cJSON_AddObjectToObject(root, "model_bounds");
    cJSON_AddItemToObject(bounds, "min", vector3(session->model.bounds.min));
    cJSON_AddItemToObject(bounds, "max", vector3(session->model.bounds.max));
    cJSON_AddNumberToObject(root, "triangles", session->triangle_count);
    return root;
}

core_result app_write_json(const char *path, core_write_mode mode, cJSON *root)
{
    size_t length = 0;
    char *text = print_json(root, &length);
    cJSON_Delete(root);
    if (!text)
        return core_fail(CORE_ERR_NO_MEMORY, "%s: out of memory writing JSON", path);
    core_result r = core_file_write_bytes(path, mode, text, length);
    cJSON_free(text);
    return r;
}

core_result app_output_check(const char *flag, const char *path, bool overwrite)
{
    if (!path[0])
        return core_fail(CORE_ERR_ARGUMENT, "%s: empty file name", flag);
    core_result r =
        core_file_check_target(path, overwrite ? CORE_WRITE_REPLACE : CORE_WRITE_NO_CLOBBER);
    if (r == CORE_ERR_EXISTS)
        core_fail(r, "%s: already exists; pass --overwrite to replace it", path);
    return r;
}

bool app_output_may_ask(void)
{
    return isatty(STDIN_FILENO) && isatty(STDERR_FILENO);
}

int app_output_exit(core_result result)
{
    app_report(result, NULL);
    return result == CORE_ERR_ARGUMENT ? APP_EXIT_BAD_INPUT : APP_EXIT_OUTPUT;
}
