#define _POSIX_C_SOURCE 200809L
#include "app/app_options.h"

#include "core/core_log.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

int app_usage_error(const char *command, const char *format, ...)
{
    char message[512];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof message, format, args);
    va_end(args);
    fprintf(stderr, "glint %s: %s (see 'glint %s --help')\n", command, message, command);
    return APP_EXIT_BAD_INPUT;
}

bool app_parse_float(const char *text, float *value)
{
    char *end;
    errno = 0;
    double parsed = strtod(text, &end);
    if (end == text || *end != '\0' || errno == ERANGE || !isfinite(parsed))
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

int app_parse_common_option(int id, const char *value, const char *command,
                            app_options *options)
{
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
    case APP_OPT_OVERWRITE:
        options->overwrite = true;
        return 1;
    case APP_OPT_SHADER_DIR:
        options->shader_folder = value;
        return 1;
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
            app_usage_error(command, "--max-file-mb %s: expected a size in MiB, 1 or more",
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
    default:
        return 0;
    }
}
