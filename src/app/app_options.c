#define _POSIX_C_SOURCE 200809L
#include "app/app_options.h"

#include "core/core_log.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *usage_file, *usage_key;

void app_usage_context(const char *file, const char *key)
{
    usage_file = file;
    usage_key = key;
}

int app_usage_error(const char *command, const char *format, ...)
{
    char message[512];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof message, format, args);
    va_end(args);
    if (usage_file) {
        /* A preset's value: name the file and the key, not the flag it maps to
         * ("--light-radius 0: expected ..." becomes "lamp.radius_mm: expected ..."). */
        const char *reason = strstr(message, ": ");
        fprintf(stderr, "glint %s: %s: %s: %s\n", command, usage_file, usage_key,
                reason ? reason + 2 : message);
        return APP_EXIT_BAD_INPUT;
    }
    fprintf(stderr, "glint %s: %s (see 'glint %s --help')\n", command, message, command);
    return APP_EXIT_BAD_INPUT;
}

bool app_parse_float(const char *text, float *value)
{
    char *end;
    errno = 0;
    double parsed = strtod(text, &end);
    /* Finite as a double is not enough: past FLT_MAX the float would be
     * infinite (found by fuzz_preset: "turntable_deg": 3e60). */
    if (end == text || *end != '\0' || errno == ERANGE || !isfinite(parsed) ||
        fabs(parsed) > FLT_MAX)
        return false;
    *value = (float)parsed;
    return true;
}

static bool parse_int(const char *text, int *value, char **end)
{
    errno = 0;
    long parsed = strtol(text, end, 10);
    if (*end == text || errno == ERANGE || parsed < 1 || parsed > 16384)
        return false;
    *value = (int)parsed;
    return true;
}

bool app_parse_size(const char *text, int *width, int *height)
{
    char *end;
    if (!parse_int(text, width, &end) || (*end != 'x' && *end != 'X'))
        return false;
    const char *rest = end + 1;
    return parse_int(rest, height, &end) && *end == '\0';
}

/* Parses a number within [low, high]; prints one line naming the flag if not. */
bool app_parse_number(const char *command, const char *flag, const char *value, float low,
                      float high, const char *meaning, float *out)
{
    float number;
    if (!app_parse_float(value, &number)) {
        app_usage_error(command, "%s %s: expected %s", flag, value, meaning);
        return false;
    }
    if (number < low || number > high) {
        /* A number out of range says the range, unless the meaning already does. */
        char range[64], dashed[64];
        snprintf(range, sizeof range, "%g..%g", (double)low, (double)high);
        snprintf(dashed, sizeof dashed, "%g-%g", (double)low, (double)high);
        if (strstr(meaning, range) || strstr(meaning, dashed))
            app_usage_error(command, "%s %s: expected %s", flag, value, meaning);
        else
            app_usage_error(command, "%s %s: expected %s; %s is outside %s", flag, value, meaning,
                            value, range);
        return false;
    }
    *out = number;
    return true;
}

/* Zero in a desc means "default", so an explicit zero angle is kept as a hair
 * above it: the difference is far below anything a render can show. */
static float explicit_zero(float degrees)
{
    return degrees == 0.0f ? 1e-6f : degrees;
}

static bool parse_colour(const char *text, float rgb[3])
{
    unsigned r, g, b;
    char end;
    bool ok =
        (sscanf(text, "#%2x%2x%2x%c", &r, &g, &b, &end) == 3 && strlen(text) == 7) ||
        (sscanf(text, "%u,%u,%u%c", &r, &g, &b, &end) == 3 && r <= 255 && g <= 255 && b <= 255);
    if (!ok)
        return false;
    const unsigned channels[3] = {r, g, b};
    for (int c = 0; c < 3; ++c) { /* sRGB to linear, as the shaders work */
        float v = (float)channels[c] / 255.0f;
        rgb[c] = v <= 0.04045f ? v / 12.92f : powf((v + 0.055f) / 1.055f, 2.4f);
        if (rgb[c] == 0.0f)
            rgb[c] = 1e-7f; /* all zero means "default" */
    }
    return true;
}

static int parse_part_finish(const char *command, const char *value, app_options *options)
{
    const char *equals = strrchr(value, '=');
    scene_finish_kind kind;
    if (!equals || equals == value || !scene_finish_parse(equals + 1, &kind)) {
        app_usage_error(command,
                        "--part %s: expected NAME=FINISH, FINISH one of matte, satin, gloss, "
                        "metal, translucent",
                        value);
        return -1;
    }
    render_frame_desc *frame = &options->frame;
    size_t capacity = sizeof options->part_finishes / sizeof *options->part_finishes;
    if (frame->part_finish_count == capacity) {
        app_usage_error(command, "--part: at most %zu parts", capacity);
        return -1;
    }
    /* The name is the argument up to '=': point into argv, which outlives us. */
    char *name = (char *)value;
    name[equals - value] = '\0';
    options->part_finishes[frame->part_finish_count++] = (render_part_finish){name, kind};
    frame->part_finishes = options->part_finishes;
    return 1;
}

static int parse_look_option(int id, const char *value, const char *command, app_options *options)
{
    render_frame_desc *frame = &options->frame;
    scene_lamp_desc *lamp = &frame->shot.lamp;
    float number = 0.0f;
    bool ok = true;
    switch (id) {
    case APP_OPT_FINISH:
        if (!scene_finish_parse(value, &frame->finish)) {
            app_usage_error(command,
                            "--finish %s: expected matte, satin, gloss, metal or "
                            "translucent",
                            value);
            return -1;
        }
        return 1;
    case APP_OPT_PART: return parse_part_finish(command, value, options);
    case APP_OPT_ROUGHNESS:
        ok = app_parse_number(command, "--roughness", value, 0.02f, 1.0f, "a number in 0.02-1",
                              &frame->roughness);
        break;
    case APP_OPT_LIGHT_AZIMUTH:
        ok = app_parse_number(command, "--light-azimuth", value, -360.0f, 360.0f,
                              "degrees in -360..360", &number);
        lamp->azimuth_deg = explicit_zero(number);
        break;
    case APP_OPT_LIGHT_ELEVATION:
        ok = app_parse_number(command, "--light-elevation", value, -90.0f, 90.0f,
                              "degrees in -90..90", &number);
        lamp->elevation_deg = explicit_zero(number);
        break;
    case APP_OPT_LIGHT_DISTANCE:
        ok = app_parse_number(command, "--light-distance", value, 1.0f, 100000.0f,
                              "millimetres, 1 or more", &lamp->distance_mm);
        break;
    case APP_OPT_LIGHT_RADIUS:
        ok = app_parse_number(command, "--light-radius", value, 0.01f, 10000.0f,
                              "millimetres above 0", &lamp->radius_mm);
        break;
    case APP_OPT_LIGHT_TEMP:
        ok = app_parse_number(command, "--light-temp", value, 1500.0f, 12000.0f,
                              "kelvin in 1500-12000", &lamp->kelvin);
        break;
    case APP_OPT_LIGHT_INTENSITY:
        ok = app_parse_number(command, "--light-intensity", value, 1e-4f, 1e4f, "a positive number",
                              &lamp->intensity);
        break;
    case APP_OPT_AMBIENT:
        ok =
            app_parse_number(command, "--ambient", value, 0.0f, 10.0f, "a number in 0-10", &number);
        lamp->ambient = number == 0.0f ? -1.0f : number; /* negative: off */
        break;
    case APP_OPT_AMBIENT_TEMP:
        ok = app_parse_number(command, "--ambient-temp", value, 1500.0f, 12000.0f,
                              "kelvin in 1500-12000", &lamp->ambient_kelvin);
        break;
    case APP_OPT_EXPOSURE:
        ok = app_parse_number(command, "--exposure", value, -20.0f, 20.0f, "stops in -20..20",
                              &frame->exposure_ev);
        break;
    case APP_OPT_TONEMAP:
        if (!render_tonemap_parse(value, &frame->tonemap)) {
            app_usage_error(command, "--tonemap %s: expected neutral, aces or none", value);
            return -1;
        }
        return 1;
    case APP_OPT_VIEW:
        if (!render_view_parse(value, &frame->view)) {
            app_usage_error(command,
                            "--view %s: expected shaded, specular, diffuse, normals, "
                            "silhouette, clay or squint",
                            value);
            return -1;
        }
        return 1;
    case APP_OPT_VIEWING_DISTANCE:
        ok = app_parse_number(command, "--viewing-distance", value, 200.0f, 500.0f,
                              "millimetres in 200-500", &frame->shot.camera.viewing_distance_mm);
        break;
    case APP_OPT_TRANSPARENT: frame->transparent = true; return 1;
    case APP_OPT_NO_SHADOWS: frame->no_shadows = true; return 1;
    case APP_OPT_BACKGROUND:
        if (!parse_colour(value, frame->background)) {
            app_usage_error(command, "--background %s: expected #rrggbb or r,g,b (0-255)", value);
            return -1;
        }
        return 1;
    default: return 0;
    }
    return ok ? 1 : -1;
}

/* Where the camera stands, as the viewer's orbit, zoom and pan leave it, so
 * a screenshot's settings re-render it. */
static int parse_camera_option(int id, const char *value, const char *command, app_options *options)
{
    scene_camera_desc *camera = &options->frame.shot.camera;
    float number = 0.0f;
    bool ok = true;
    switch (id) {
    case APP_OPT_CAMERA_AZIMUTH:
        ok = app_parse_number(command, "--camera-azimuth", value, -360.0f, 360.0f,
                              "degrees in -360..360", &number);
        camera->azimuth_deg = number; /* its default is 0: no nudge, so a round trip is exact */
        break;
    case APP_OPT_CAMERA_ELEVATION:
        ok = app_parse_number(command, "--camera-elevation", value, -89.0f, 89.0f,
                              "degrees in -89..89", &number);
        camera->elevation_deg = explicit_zero(number);
        break;
    case APP_OPT_ZOOM:
        ok = app_parse_number(command, "--zoom", value, 0.05f, 20.0f,
                              "the share of the frame the model fills, 0.05-20", &camera->fill);
        break;
    case APP_OPT_PAN: {
        char *end = NULL;
        float x = strtof(value, &end), y = 0.0f;
        ok = end != value && *end == ',';
        if (ok) {
            const char *second = end + 1;
            y = strtof(second, &end);
            ok = end != second && *end == '\0' && isfinite(x) && isfinite(y) && fabsf(x) <= 1e5f &&
                 fabsf(y) <= 1e5f;
        }
        if (!ok) {
            app_usage_error(command, "--pan %s: expected X,Y in millimetres (right, up)", value);
            return -1;
        }
        camera->pan_mm[0] = x;
        camera->pan_mm[1] = y;
        return 1;
    }
    default: return 0;
    }
    return ok ? 1 : -1;
}

int app_parse_common_option(int id, const char *value, const char *command, app_options *options)
{
    int look = parse_look_option(id, value, command, options);
    if (look == 0)
        look = parse_camera_option(id, value, command, options);
    if (look != 0)
        return look;
    switch (id) {
    case APP_OPT_SIZE:
        if (!app_parse_size(value, &options->width, &options->height)) {
            app_usage_error(command, "--size %s: expected WIDTHxHEIGHT, each 1..16384", value);
            return -1;
        }
        options->size_given = true;
        return 1;
    case APP_OPT_ANGLE:
        if (!app_parse_float(value, &options->frame.shot.turntable_deg)) {
            app_usage_error(command, "--angle %s: expected degrees, a number", value);
            return -1;
        }
        return 1;
    case APP_OPT_MSAA: {
        char *end;
        long samples = strtol(value, &end, 10);
        if (*end != '\0' || end == value ||
            (samples != 1 && samples != 2 && samples != 4 && samples != 8 && samples != 16)) {
            app_usage_error(command, "--msaa %s: expected 1, 2, 4, 8 or 16 samples", value);
            return -1;
        }
        options->samples = (int)samples;
        return 1;
    }
    case APP_OPT_OVERWRITE: options->overwrite = true; return 1;
    case APP_OPT_PRESET: return 1; /* applied before the flags: app_preset_apply */
    case APP_OPT_SHADER_DIR: options->shader_folder = value; return 1;
    case APP_OPT_UNITS:
        if (!scene_units_parse(value, &options->mesh.units)) {
            app_usage_error(command, "--units %s: expected mm, cm, m or in", value);
            return -1;
        }
        return 1;
    case APP_OPT_CREASE: {
        float degrees;
        if (!app_parse_float(value, &degrees) || degrees <= 0.0f || degrees > 180.0f) {
            app_usage_error(command, "--crease-angle %s: expected degrees in (0, 180]", value);
            return -1;
        }
        options->mesh.crease_angle_deg = degrees;
        return 1;
    }
    case APP_OPT_MAX_FILE_MB: {
        float megabytes;
        if (!app_parse_float(value, &megabytes) || megabytes < 1.0f || megabytes > 1048576.0f) {
            app_usage_error(command, "--max-file-mb %s: expected a size in MiB in 1..1048576",
                            value);
            return -1;
        }
        options->max_file_bytes = (size_t)megabytes << 20;
        return 1;
    }
    case APP_OPT_VERBOSE:
        core_log_set_level(core_log_get_level() > CORE_LOG_DEBUG ? core_log_get_level() - 1
                                                                 : CORE_LOG_DEBUG);
        return 1;
    case APP_OPT_QUIET:
        options->quiet = true;
        core_log_set_level(CORE_LOG_ERROR);
        return 1;
    default: return 0;
    }
}
