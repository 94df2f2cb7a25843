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
    APP_OPT_QUIET
};

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
