#ifndef GLINT_APP_OPTIONS_H
#define GLINT_APP_OPTIONS_H

#include "app/app.h"

#include <getopt.h>

/* Long options every drawing command takes; each command appends its own. */
enum app_option_id {
    APP_OPT_SIZE = 1000,
    APP_OPT_ANGLE,
    APP_OPT_MSAA,
    APP_OPT_OVERWRITE,
    APP_OPT_SHADER_DIR,
    APP_OPT_SNAPSHOT,
    APP_OPT_OUTPUT_DIR,
    APP_OPT_HELP,
    APP_OPT_VERBOSE,
    APP_OPT_QUIET,
    APP_OPT_UNITS,
    APP_OPT_CREASE,
    APP_OPT_MAX_FILE_MB,
    APP_OPT_JSON
};

/* getopt_long entries for the options of app_parse_common_option that are
 * about reading the model, shared by every command that loads one. */
#define APP_MODEL_OPTIONS                                                                    \
    {"units", required_argument, NULL, APP_OPT_UNITS},                                       \
        {"crease-angle", required_argument, NULL, APP_OPT_CREASE},                           \
        {"max-file-mb", required_argument, NULL, APP_OPT_MAX_FILE_MB}

/* Help lines for APP_MODEL_OPTIONS. */
#define APP_MODEL_OPTIONS_HELP                                                               \
    "      --units U         the model's units: mm, cm, m or in (default mm)\n"              \
    "      --crease-angle D  faces meeting at more than D degrees get hard edges when glint\n"\
    "                        computes normals (default 40)\n"                                 \
    "      --max-file-mb N   refuse model and texture files over N MiB (default 2048)\n"

/* Handles one option shared by every drawing command. Returns 1 if it was
 * one, 0 if not, -1 (after printing one line) on a bad value. */
int app_parse_common_option(int id, const char *value, const char *command,
                            app_options *options);

/* Parses "WxH" within 1..16384; false on anything else. */
bool app_parse_size(const char *text, int *width, int *height);
/* Parses a finite number, all of the text. */
bool app_parse_float(const char *text, float *value);

/* Prints "glint CMD: message" and returns APP_EXIT_BAD_INPUT. */
int app_usage_error(const char *command, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

#endif
