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
    APP_OPT_JSON,
    APP_OPT_FINISH,
    APP_OPT_PART,
    APP_OPT_ROUGHNESS,
    APP_OPT_LIGHT_AZIMUTH,
    APP_OPT_LIGHT_ELEVATION,
    APP_OPT_LIGHT_DISTANCE,
    APP_OPT_LIGHT_RADIUS,
    APP_OPT_LIGHT_TEMP,
    APP_OPT_LIGHT_INTENSITY,
    APP_OPT_AMBIENT,
    APP_OPT_EXPOSURE,
    APP_OPT_TONEMAP,
    APP_OPT_VIEW,
    APP_OPT_VIEWING_DISTANCE,
    APP_OPT_BACKGROUND,
    APP_OPT_TRANSPARENT,
    APP_OPT_NO_SHADOWS,
    APP_OPT_AMBIENT_TEMP,
    APP_OPT_PRESET,
    APP_OPT_CAMERA_AZIMUTH,
    APP_OPT_CAMERA_ELEVATION,
    APP_OPT_ZOOM,
    APP_OPT_PAN
};

/* getopt_long entries for how a frame looks: finishes, lamp, camera, tone. */
#define APP_LOOK_OPTIONS                                                                           \
    {"finish", required_argument, NULL, APP_OPT_FINISH},                                           \
        {"part", required_argument, NULL, APP_OPT_PART},                                           \
        {"roughness", required_argument, NULL, APP_OPT_ROUGHNESS},                                 \
        {"light-azimuth", required_argument, NULL, APP_OPT_LIGHT_AZIMUTH},                         \
        {"light-elevation", required_argument, NULL, APP_OPT_LIGHT_ELEVATION},                     \
        {"light-distance", required_argument, NULL, APP_OPT_LIGHT_DISTANCE},                       \
        {"light-radius", required_argument, NULL, APP_OPT_LIGHT_RADIUS},                           \
        {"light-temp", required_argument, NULL, APP_OPT_LIGHT_TEMP},                               \
        {"light-intensity", required_argument, NULL, APP_OPT_LIGHT_INTENSITY},                     \
        {"ambient", required_argument, NULL, APP_OPT_AMBIENT},                                     \
        {"exposure", required_argument, NULL, APP_OPT_EXPOSURE},                                   \
        {"tonemap", required_argument, NULL, APP_OPT_TONEMAP},                                     \
        {"view", required_argument, NULL, APP_OPT_VIEW},                                           \
        {"viewing-distance", required_argument, NULL, APP_OPT_VIEWING_DISTANCE},                   \
        {"background", required_argument, NULL, APP_OPT_BACKGROUND},                               \
        {"transparent", no_argument, NULL, APP_OPT_TRANSPARENT},                                   \
        {"no-shadows", no_argument, NULL, APP_OPT_NO_SHADOWS},                                     \
        {"ambient-temp", required_argument, NULL, APP_OPT_AMBIENT_TEMP},                           \
        {"camera-azimuth", required_argument, NULL, APP_OPT_CAMERA_AZIMUTH},                       \
        {"camera-elevation", required_argument, NULL, APP_OPT_CAMERA_ELEVATION},                   \
        {"zoom", required_argument, NULL, APP_OPT_ZOOM},                                           \
        {"pan", required_argument, NULL, APP_OPT_PAN},                                             \
    {                                                                                              \
        "preset", required_argument, NULL, APP_OPT_PRESET                                          \
    }

#define APP_LOOK_OPTIONS_HELP                                                                      \
    "      --finish F        every part: matte, satin, gloss, metal, translucent (default:\n"      \
    "                        from-file, a guess per part from its MTL)\n"                          \
    "      --part NAME=F     one part's finish (repeatable)\n"                                     \
    "      --roughness R     override every part's roughness, 0.02-1\n"                            \
    "      --light-azimuth D / --light-elevation D   where the lamp is (default 40 / 45)\n"        \
    "      --light-distance MM  lamp distance from the model's centre (default 250)\n"             \
    "      --light-radius MM    the lamp's radius (default 10)\n"                                  \
    "      --light-temp K       colour temperature, 1500-12000 (default 4000)\n"                   \
    "      --light-intensity X  brightness (default 1: white matte facing the lamp at\n"           \
    "                        250 mm is display white)\n"                                           \
    "      --ambient X       dim fill, 0 turns it off (default 0.03)\n"                            \
    "      --ambient-temp K  the fill's colour temperature (default 8000: cool)\n"                 \
    "      --exposure EV     exposure in stops (default 0)\n"                                      \
    "      --tonemap T       neutral (Khronos PBR Neutral, default), aces or none\n"               \
    "      --view V          shaded, specular, diffuse, normals, silhouette, clay or squint\n"     \
    "      --viewing-distance MM  the eye's distance, 200-500 (default 300)\n"                     \
    "      --camera-azimuth D, --camera-elevation D, --zoom F, --pan X,Y  the camera\n"            \
    "                        (default 0, 12, 0.9 of the frame, 0,0 mm right,up)\n"                 \
    "      --background C    #rrggbb or r,g,b (0-255) (default a studio grey)\n"                   \
    "      --transparent     a transparent background (PNG alpha) instead\n"                       \
    "      --no-shadows      the lamp casts no shadows\n"                                          \
    "      --preset FILE     start from a preset: a settings JSON or a PNG glint wrote\n"          \
    "                        (its settings are inside); flags override it (docs/presets.md)\n"

/* getopt_long entries every command that writes images takes. */
#define APP_IMAGE_OPTIONS                                                                          \
    {"size", required_argument, NULL, APP_OPT_SIZE},                                               \
        {"msaa", required_argument, NULL, APP_OPT_MSAA},                                           \
        {"overwrite", no_argument, NULL, APP_OPT_OVERWRITE},                                       \
    {                                                                                              \
        "shader-dir", required_argument, NULL, APP_OPT_SHADER_DIR                                  \
    }

/* The last getopt_long entries of every command, with the terminator. */
#define APP_END_OPTIONS                                                                            \
    {"verbose", no_argument, NULL, 'v'}, {"quiet", no_argument, NULL, 'q'},                        \
        {"help", no_argument, NULL, 'h'},                                                          \
    {                                                                                              \
        NULL, 0, NULL, 0                                                                           \
    }

/* getopt_long entries for the options of app_parse_common_option that are
 * about reading the model, shared by every command that loads one. */
#define APP_MODEL_OPTIONS                                                                          \
    {"units", required_argument, NULL, APP_OPT_UNITS},                                             \
        {"crease-angle", required_argument, NULL, APP_OPT_CREASE},                                 \
    {                                                                                              \
        "max-file-mb", required_argument, NULL, APP_OPT_MAX_FILE_MB                                \
    }

/* Help lines for APP_MODEL_OPTIONS. */
#define APP_MODEL_OPTIONS_HELP                                                                     \
    "      --units U         the model's units: mm, cm, m or in (default mm)\n"                    \
    "      --crease-angle D  faces meeting at more than D degrees get hard edges when glint\n"     \
    "                        computes normals (default 40)\n"                                      \
    "      --max-file-mb N   refuse model and texture files over N MiB (default 2048)\n"

/* Handles one option shared by every drawing command. Returns 1 if it was
 * one, 0 if not, -1 (after printing one line) on a bad value. */
int app_parse_common_option(int id, const char *value, const char *command, app_options *options);

/* Parses a number within [low, high] into *out; prints one line naming the
 * flag and what was `meaning` (expected) if it is not one. */
bool app_parse_number(const char *command, const char *flag, const char *value, float low,
                      float high, const char *meaning, float *out);
/* Parses "WxH" within 1..16384; false on anything else. */
bool app_parse_size(const char *text, int *width, int *height);
/* Parses a finite number, all of the text. */
bool app_parse_float(const char *text, float *value);

/* While a preset is applied, usage errors name its file and key instead of
 * the flag; NULL, NULL restores the flags. */
void app_usage_context(const char *file, const char *key);

/* Prints "glint CMD: message" and returns APP_EXIT_BAD_INPUT. */
int app_usage_error(const char *command, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

#endif
