#ifndef GLINT_APP_PRESET_H
#define GLINT_APP_PRESET_H

/* Presets: a lighting test as a JSON file, or inside the PNG it made
 * (docs/presets.md). Every key is a row of the settings table (src/settings)
 * and goes through the same parser as its flag, before the flags, so flags
 * override it. The settings glint writes beside its pictures are presets. */

#include "app/app.h"

#define APP_PRESET_VERSION 1

struct cJSON;

/* Reads `file` into the options' settings (and a model it names into
 * options->model_storage, resolved against the file's folder); 0, or
 * APP_EXIT_BAD_INPUT after one line naming the file and the key. The file is
 * a preset's JSON, or a PNG glint wrote (known by its signature, whatever
 * its name), whose settings chunk is read. */
int app_preset_apply(const char *file, app_options *options);
/* The same on the file's bytes; `file` names it in messages and is the
 * folder a relative model path is resolved against. */
int app_preset_apply_memory(const char *file, const char *bytes, size_t size,
                            app_options *options);

/* One preset key (a path such as "lamp.radius_mm") set from text, through
 * its flag's parser, and resolved: for the viewer's scripts. 0, or
 * APP_EXIT_BAD_INPUT after one line. */
int app_preset_set(const char *key, const char *value, app_options *options);

/* Strict JSON (app_preset_json.c): the tree, or NULL after one line naming
 * `where` with the line and column. A NUL, text after the document and a
 * key said twice are refused. */
struct cJSON *app_preset_parse(const char *where, const char *text, size_t size,
                               const char *command);
/* True when the bytes start like a PNG or an OpenEXR file. */
bool app_preset_is_picture(const char *bytes, size_t size);
/* The settings text a PNG or EXR glint wrote carries (free it with free());
 * 0, or -1 after one line. */
int app_preset_picture_settings(const char *file, const char *bytes, size_t size,
                                const char *command, char **text, size_t *length);

#endif
