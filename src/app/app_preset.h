#ifndef GLINT_APP_PRESET_H
#define GLINT_APP_PRESET_H

/* Presets: a lighting test as a JSON file, or inside the PNG it made
 * (docs/presets.md). Every setting
 * a preset holds is applied through the same parser as its command-line
 * flag, before the flags, so flags override it. The settings glint writes
 * beside its pictures are presets. */

#include "app/app.h"

#define APP_PRESET_VERSION 1
#define APP_PRESET_MAX_PARTS 64

#define APP_PRESET_MAX_CHECK_KEYS 32

/* A key under "check" as text: `glint check` reads those through its own
 * flags' parser (app_preset_check_value); other commands ignore them. */
typedef struct app_preset_value {
    char path[64];  /* "check.display.width_mm" */
    char text[128]; /* as the flag would say it */
} app_preset_value;

typedef struct app_preset {
    char model_path[4096];                 /* "" when the preset names no model */
    char texts[APP_PRESET_MAX_PARTS][256]; /* --part texts the options point into */
    int text_count;
    app_preset_value check[APP_PRESET_MAX_CHECK_KEYS];
    int check_count;
} app_preset;

/* The text of a "check" key of the applied preset, or NULL when it has none. */
const char *app_preset_check_value(const app_preset *preset, const char *path);

/* The value of --preset in argv, or NULL. */
const char *app_preset_find(int argc, char **argv);
/* Reads `file` into `options`; 0 on success, -1 after printing one line
 * naming the file and the key. The file is a preset's JSON, or a PNG glint
 * wrote (known by its signature, whatever its name), whose settings chunk is
 * read. The options point into `preset`: keep it while they are used. */
int app_preset_apply(const char *file, const char *command, app_options *options,
                     app_preset *preset);
/* The same on the file's bytes; `file` names it in messages and is the
 * folder a relative model path is resolved against. */
int app_preset_apply_memory(const char *file, const char *bytes, size_t size, const char *command,
                            app_options *options, app_preset *preset);

/* One preset key (a path such as "lamp.radius_mm") set from text, through
 * its flag's parser: for the viewer's scripts. 0, or -1 after one line. */
int app_preset_set(const char *key, const char *value, const char *command, app_options *options);

/* The MODEL argument left after getopt, else the preset's (`preset_file`
 * NULL: none), into options->model_path; false after one line when there is
 * neither, or more than one. */
bool app_preset_model(const char *command, int argc, char **argv, const char *preset_file,
                      const app_preset *preset, app_options *options);

#endif
