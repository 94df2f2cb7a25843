#define _POSIX_C_SOURCE 200809L
#include "app/app_preset.h"

#include "app/app_options.h"
#include "core/core_file.h"
#include "core/core_log.h"
#include "settings/settings.h"

#include <cjson/cJSON.h>

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Keys a preset may hold that are no setting of any command: written for
 * people and tools, read without a warning. Under the prefixes are the
 * check's report (its sweep's own keys are settings of `glint check`), the
 * viewer's state and what a sheet holds beyond its settings. */
static const char *const informative_keys[] = {"schema",      "version",      "generator",
                                               "model",       "model_bounds", "triangles",
                                               "image.width", "image.height", "camera.fov_y_deg",
                                               "scene"};
static const char *const informative_prefixes[] = {"model_bounds.", "scene.", "viewer.", "check.", "sheet.",
                                                   "look.parts."};

static bool informative(const char *path)
{
    for (size_t i = 0; i < sizeof informative_keys / sizeof *informative_keys; ++i)
        if (strcmp(informative_keys[i], path) == 0)
            return true;
    for (size_t i = 0; i < sizeof informative_prefixes / sizeof *informative_prefixes; ++i)
        if (strncmp(informative_prefixes[i], path, strlen(informative_prefixes[i])) == 0)
            return true;
    return strcmp(path, "viewer") == 0;
}

/* A flood of unknown keys (a hostile or machine-made file) would bury the
 * one line that matters: the first few are named, the rest counted. */
#define PRESET_UNKNOWN_KEYS_SHOWN 10

typedef struct reader {
    const char *file;
    app_options *options;
    const cJSON *root;
    size_t unknown;
} reader;

static void unknown_key(reader *r, const char *path)
{
    if (r->unknown++ < PRESET_UNKNOWN_KEYS_SHOWN)
        core_log(CORE_LOG_WARNING, "%s: unknown key '%s' ignored", r->file, path);
}

/* A JSON number as a flag would say it: a float's shortest text, a whole
 * number as itself, anything past a float as it is (and refused). */
static void number_text(double value, char *text, size_t size)
{
    if (value == floor(value) && fabs(value) < 1e15)
        snprintf(text, size, "%.0f", value);
    else if (fabs(value) <= FLT_MAX)
        settings_float_text((float)value, text, size);
    else
        snprintf(text, size, "%.17g", value);
}

/* Numbers, strings and arrays of them as the flag's text ("x,y", "a,b"). */
static bool value_text(const cJSON *value, char *text, size_t size)
{
    if (cJSON_IsNumber(value)) {
        number_text(value->valuedouble, text, size);
        return true;
    }
    if (cJSON_IsString(value) && value->valuestring) {
        snprintf(text, size, "%s", value->valuestring);
        return true;
    }
    if (!cJSON_IsArray(value) || !value->child)
        return false;
    size_t used = 0;
    for (const cJSON *item = value->child; item; item = item->next) {
        char one[64];
        if (!cJSON_IsNumber(item) && !cJSON_IsString(item))
            return false;
        value_text(item, one, sizeof one);
        int n = snprintf(text + used, size - used, "%s%s", used ? "," : "", one);
        if (n < 0 || (size_t)n >= size - used)
            return false;
        used += (size_t)n;
    }
    return true;
}

static int set_from(reader *r, settings_id id, const char *path, const char *text)
{
    char what[4400];
    snprintf(what, sizeof what, "%s: %s", r->file, path);
    return app_options_set(r->options, id, text, what);
}

static int refuse(reader *r, const char *path, const char *expected)
{
    fprintf(stderr, "glint %s: %s: %s: expected %s\n", app_command_name(r->options), r->file, path,
            expected);
    return APP_EXIT_BAD_INPUT;
}

static int apply_parts(reader *r, settings_id id, const char *path, const cJSON *parts)
{
    if (!cJSON_IsObject(parts))
        return refuse(r, path, id == SETTINGS_PAINT ? "an object of part: paint"
                                                    : "an object of part: finish");
    for (const cJSON *part = parts->child; part; part = part->next) {
        char text[256], where[320];
        snprintf(where, sizeof where, "%s.%s", path, part->string);
        if (!cJSON_IsString(part))
            return refuse(r, where, id == SETTINGS_PAINT ? "a paint (#rrggbb or a name)"
                                                         : "a finish's name");
        snprintf(text, sizeof text, "%s=%s", part->string, part->valuestring);
        if (set_from(r, id, where, text) != 0)
            return APP_EXIT_BAD_INPUT;
    }
    return 0;
}

static int apply_size(reader *r, settings_id id, const char *path, const cJSON *image)
{
    const cJSON *width = cJSON_GetObjectItemCaseSensitive(image, "width");
    const cJSON *height = cJSON_GetObjectItemCaseSensitive(image, "height");
    if (!width && !height)
        return 0;
    if (!cJSON_IsNumber(width) || !cJSON_IsNumber(height))
        return refuse(r, path, "width and height, numbers");
    char w[64], h[64], text[140];
    number_text(width->valuedouble, w, sizeof w);
    number_text(height->valuedouble, h, sizeof h);
    snprintf(text, sizeof text, "%sx%s", w, h);
    return set_from(r, id, path, text);
}

/* One key that is a setting of this command, through its flag's parser. */
static int apply_key(reader *r, settings_id id, const char *path, const cJSON *value)
{
    const settings_row *row = settings_row_of(id);
    if (cJSON_IsNull(value))
        return 0;
    switch (row->type) {
    case SETTINGS_PART_CHOICE: return apply_parts(r, id, path, value);
    case SETTINGS_SIZE_WXH: return apply_size(r, id, path, value);
    case SETTINGS_SWITCH:
        if (!cJSON_IsBool(value))
            return refuse(r, path, "true or false");
        r->options->settings.value[id].count = cJSON_IsTrue(value) ? 1 : 0;
        r->options->settings.given[id] = true;
        return 0;
    default: break;
    }
    char text[1024];
    if (!value_text(value, text, sizeof text))
        return refuse(r, path, "a number, a string, or a list of them");
    /* The fill light was once written as -1 when off; the flag says 0. */
    if (id == SETTINGS_AMBIENT && cJSON_IsNumber(value) && value->valuedouble < 0.0)
        snprintf(text, sizeof text, "0");
    return set_from(r, id, path, text);
}

/* The check's report holds the ppd it used; it was a setting only when given. */
static bool skipped(const reader *r, settings_id id)
{
    if (id != SETTINGS_PPD)
        return false;
    const cJSON *display = cJSON_GetObjectItemCaseSensitive(
        cJSON_GetObjectItemCaseSensitive(r->root, "check"), "display");
    return !cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(display, "ppd_given"));
}

/* Whether some setting's key lies under `path` ("lamp", "check.display"). */
static bool holds_keys(const char *path)
{
    size_t length = strlen(path);
    for (int id = 0; id < SETTINGS_COUNT; ++id) {
        const char *key = settings_row_of((settings_id)id)->key;
        if (key && strncmp(key, path, length) == 0 && key[length] == '.')
            return true;
    }
    return false;
}

static int walk(reader *r, const cJSON *object, const char *prefix)
{
    settings_command command = r->options->settings.command;
    for (const cJSON *item = object->child; item; item = item->next) {
        char path[256];
        snprintf(path, sizeof path, "%s%s%s", prefix, *prefix ? "." : "",
                 item->string ? item->string : "");
        bool object_item = cJSON_IsObject(item);
        int id = settings_find_key(path, command);
        if (id >= 0 && !skipped(r, (settings_id)id)) {
            if (apply_key(r, (settings_id)id, path, item) != 0)
                return APP_EXIT_BAD_INPUT;
            /* "image" is the size, and holds "image.msaa" too */
            if (!object_item || !holds_keys(path))
                continue;
        } else if (id >= 0 || settings_key_known(path)) {
            continue; /* not this time, or another command's (a sheet's steps) */
        } else if (object_item && holds_keys(path)) {
            /* "lamp", "check.display": look inside */
        } else if (informative(path)) {
            continue;
        } else {
            unknown_key(r, path);
            continue;
        }
        if (walk(r, item, path) != 0)
            return APP_EXIT_BAD_INPUT;
    }
    return 0;
}

/* The model, relative to the preset's folder unless absolute. */
static int resolve_model(reader *r)
{
    const cJSON *model = cJSON_GetObjectItemCaseSensitive(r->root, "model");
    if (!model || cJSON_IsNull(model))
        return 0;
    if (!cJSON_IsString(model) || !*model->valuestring)
        return refuse(r, "model", "a file name");
    char folder[4096];
    core_path_dirname(r->file, folder, sizeof folder);
    app_options *options = r->options;
    if (model->valuestring[0] == '/')
        snprintf(options->model_storage, sizeof options->model_storage, "%s", model->valuestring);
    else if (core_path_join(folder, model->valuestring, options->model_storage,
                            sizeof options->model_storage) != CORE_OK) {
        fprintf(stderr, "glint %s: %s: model: %s\n", app_command_name(options), r->file,
                core_last_error());
        return APP_EXIT_BAD_INPUT;
    }
    return 0;
}

/* A check's JSON report holds the preset it ran under (`settings`) and its
 * sweep beside it (`check`): together they are the same check again, so a
 * report is read as that preset. Anything else is returned as it is. */
static cJSON *report_as_preset(const char *file, cJSON *root, const char *command)
{
    const cJSON *schema = cJSON_GetObjectItemCaseSensitive(root, "schema");
    if (!cJSON_IsObject(root) || !cJSON_IsString(schema) ||
        strcmp(schema->valuestring, "glint-check-report") != 0)
        return root;
    cJSON *settings = cJSON_DetachItemFromObjectCaseSensitive(root, "settings");
    cJSON *check = cJSON_DetachItemFromObjectCaseSensitive(root, "check");
    cJSON_Delete(root);
    if (!cJSON_IsObject(settings)) {
        fprintf(stderr, "glint %s: %s: a check report without its 'settings' object\n", command,
                file);
        cJSON_Delete(settings);
        cJSON_Delete(check);
        return NULL;
    }
    if (check) {
        cJSON_DeleteItemFromObjectCaseSensitive(settings, "check");
        cJSON_AddItemToObject(settings, "check", check);
    }
    return settings;
}

int app_preset_apply_memory(const char *file, const char *bytes, size_t size, app_options *options)
{
    const char *command = app_command_name(options);
    char *text = NULL;
    size_t length = 0;
    char where[4200];
    snprintf(where, sizeof where, "%s", file);
    if (app_preset_is_picture(bytes, size)) {
        if (app_preset_picture_settings(file, bytes, size, command, &text, &length) < 0)
            return APP_EXIT_BAD_INPUT;
        bytes = text;
        size = length;
        snprintf(where, sizeof where, "%s: its settings", file);
    }
    cJSON *root = app_preset_parse(where, bytes, size, command);
    free(text); /* both pictures' readers allocate with malloc */
    if (root)
        root = report_as_preset(where, root, command);
    if (!root)
        return APP_EXIT_BAD_INPUT;
    reader r = {file, options, root, 0};
    int result = 0;
    const cJSON *version = cJSON_GetObjectItemCaseSensitive(root, "version");
    if (!cJSON_IsObject(root)) {
        fprintf(stderr, "glint %s: %s: not a JSON object (a glint preset)\n", command, file);
        result = APP_EXIT_BAD_INPUT;
    } else if (version && (!cJSON_IsNumber(version) || version->valuedouble > APP_PRESET_VERSION)) {
        result = refuse(&r, "version", APP_PRESET_VERSION == 1 ? "1" : "an older version");
    }
    if (result == 0)
        result = resolve_model(&r);
    if (result == 0)
        result = walk(&r, root, "");
    if (r.unknown > PRESET_UNKNOWN_KEYS_SHOWN)
        core_log(CORE_LOG_WARNING, "%s: ... and %zu more unknown keys ignored", file,
                 r.unknown - PRESET_UNKNOWN_KEYS_SHOWN);
    cJSON_Delete(root);
    if (result == 0)
        app_options_resolve(options);
    return result;
}

/* A preset is a few KiB of JSON; a PNG or EXR is as large as its picture. */
#define PRESET_MAX_JSON_BYTES ((size_t)16 << 20)

int app_preset_apply(const char *file, app_options *options)
{
    char *bytes = NULL;
    size_t size = 0, file_size = 0;
    core_result r =
        core_file_read_prefix(file, CORE_FILE_DEFAULT_MAX_BYTES, 8, &bytes, &size, &file_size);
    bool picture = r == CORE_OK && app_preset_is_picture(bytes, size);
    core_file_free(bytes);
    if (r == CORE_OK)
        r = core_file_read(file, picture ? CORE_FILE_DEFAULT_MAX_BYTES : PRESET_MAX_JSON_BYTES, &bytes,
                           &size);
    if (r != CORE_OK) {
        fprintf(stderr, "glint %s: %s\n", app_command_name(options), core_last_error());
        return APP_EXIT_BAD_INPUT;
    }
    int result = app_preset_apply_memory(file, bytes, size, options);
    core_file_free(bytes);
    return result;
}

int app_preset_set(const char *key, const char *value, app_options *options)
{
    int id = settings_find_key(key, options->settings.command);
    const settings_row *row = id >= 0 ? settings_row_of((settings_id)id) : NULL;
    if (!row || row->type == SETTINGS_PART_CHOICE || row->type == SETTINGS_SIZE_WXH) {
        fprintf(stderr, "glint %s: set %s: not a preset key (docs/presets.md)\n",
                app_command_name(options), key);
        return APP_EXIT_BAD_INPUT;
    }
    char what[300];
    snprintf(what, sizeof what, "set %s", key);
    int result = app_options_set(options, (settings_id)id, value, what);
    if (result == 0)
        app_options_resolve(options);
    return result;
}
