#define _POSIX_C_SOURCE 200809L
#include "app/app_preset.h"

#include "app/app_options.h"
#include "core/core_file.h"
#include "core/core_log.h"
#include "io/io_png_text.h"

#include <cjson/cJSON.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A preset key that is a command-line option: its value goes through the
 * same parser as the flag, so a preset can say nothing a flag could not. */
typedef struct flag_key {
    const char *path; /* "lamp.radius_mm" */
    int option;       /* APP_OPT_... */
} flag_key;

static const flag_key flag_keys[] = {
    {"turntable_deg", APP_OPT_ANGLE},
    {"camera.viewing_distance_mm", APP_OPT_VIEWING_DISTANCE},
    {"camera.azimuth_deg", APP_OPT_CAMERA_AZIMUTH},
    {"camera.elevation_deg", APP_OPT_CAMERA_ELEVATION},
    {"camera.fill", APP_OPT_ZOOM},
    {"camera.pan_mm", APP_OPT_PAN},
    {"lamp.azimuth_deg", APP_OPT_LIGHT_AZIMUTH},
    {"lamp.elevation_deg", APP_OPT_LIGHT_ELEVATION},
    {"lamp.distance_mm", APP_OPT_LIGHT_DISTANCE},
    {"lamp.radius_mm", APP_OPT_LIGHT_RADIUS},
    {"lamp.intensity", APP_OPT_LIGHT_INTENSITY},
    {"lamp.kelvin", APP_OPT_LIGHT_TEMP},
    {"lamp.ambient", APP_OPT_AMBIENT},
    {"lamp.ambient_kelvin", APP_OPT_AMBIENT_TEMP},
    {"look.finish", APP_OPT_FINISH},
    {"look.roughness", APP_OPT_ROUGHNESS},
    {"look.exposure_ev", APP_OPT_EXPOSURE},
    {"look.tonemap", APP_OPT_TONEMAP},
    {"look.view", APP_OPT_VIEW},
    {"look.background", APP_OPT_BACKGROUND},
    {"image.msaa", APP_OPT_MSAA},
    {"model_units", APP_OPT_UNITS},
    {"crease_angle_deg", APP_OPT_CREASE},
};

/* Keys a preset may hold that are not options: written for people and
 * tools, ignored on reading without a warning. */
static const char *const informative_keys[] = {"schema",
                                               "version",
                                               "generator",
                                               "model",
                                               "model_bounds",
                                               "triangles",
                                               "image",
                                               "camera",
                                               "lamp",
                                               "look",
                                               "look.parts",
                                               "look.transparent",
                                               "look.no_shadows",
                                               "image.width",
                                               "image.height",
                                               "camera.fov_y_deg",
                                               "viewer",
                                               "sheet",
                                               "check"};

static bool known_key(const char *path)
{
    for (size_t i = 0; i < sizeof flag_keys / sizeof *flag_keys; ++i)
        if (strcmp(flag_keys[i].path, path) == 0)
            return true;
    for (size_t i = 0; i < sizeof informative_keys / sizeof *informative_keys; ++i)
        if (strcmp(informative_keys[i], path) == 0)
            return true;
    /* sheet: what a turntable or compare sheet holds beyond its first cell;
     * check: the detector's sweep and display model, read by `glint check`
     * alone (a check picture's are its report's). */
    return strncmp(path, "look.parts.", 11) == 0 || strncmp(path, "model_bounds.", 13) == 0 ||
           strncmp(path, "viewer.", 7) == 0 || strncmp(path, "sheet.", 6) == 0 ||
           strncmp(path, "check.", 6) == 0;
}

/* A flood of unknown keys (a hostile or machine-made file) would bury the
 * one line that matters: the first few are named, the rest counted. */
#define PRESET_UNKNOWN_KEYS_SHOWN 10

/* Warns once per key glint does not know, so a typo is seen, not fatal;
 * returns how many there were. */
static size_t warn_unknown(const char *file, const cJSON *object, const char *prefix, size_t seen)
{
    for (const cJSON *item = object->child; item; item = item->next) {
        char path[256];
        snprintf(path, sizeof path, "%s%s%s", prefix, *prefix ? "." : "", item->string);
        if (!known_key(path)) {
            if (seen++ < PRESET_UNKNOWN_KEYS_SHOWN)
                core_log(CORE_LOG_WARNING, "%s: unknown key '%s' ignored", file, path);
        } else if (cJSON_IsObject(item) && strcmp(path, "look.parts") != 0)
            seen = warn_unknown(file, item, path, seen);
    }
    return seen;
}

static const cJSON *find(const cJSON *root, const char *path)
{
    char part[64];
    const cJSON *node = root;
    while (node && *path) {
        size_t n = strcspn(path, ".");
        if (n >= sizeof part)
            return NULL;
        memcpy(part, path, n);
        part[n] = '\0';
        node = cJSON_IsObject(node) ? cJSON_GetObjectItemCaseSensitive(node, part) : NULL;
        path += n + (path[n] == '.');
    }
    return node;
}

/* The value as the flag's text: numbers exactly, strings as they are. */
static bool value_text(const cJSON *value, char *text, size_t size)
{
    if (cJSON_IsNumber(value)) {
        snprintf(text, size, "%.9g", value->valuedouble);
        return true;
    }
    if (cJSON_IsString(value) && value->valuestring) {
        snprintf(text, size, "%s", value->valuestring);
        return true;
    }
    /* A pair such as camera.pan_mm: [x, y] reads as the flag's "x,y". */
    if (cJSON_IsArray(value) && cJSON_GetArraySize(value) == 2 &&
        cJSON_IsNumber(cJSON_GetArrayItem(value, 0)) &&
        cJSON_IsNumber(cJSON_GetArrayItem(value, 1))) {
        snprintf(text, size, "%.9g,%.9g", cJSON_GetArrayItem(value, 0)->valuedouble,
                 cJSON_GetArrayItem(value, 1)->valuedouble);
        return true;
    }
    return false;
}

/* Keeps the numbers, strings and switches under "check" for `glint check`. */
static void keep_check_values(const cJSON *object, const char *prefix, app_preset *preset)
{
    for (const cJSON *item = object->child; item; item = item->next) {
        char path[64];
        snprintf(path, sizeof path, "%s.%s", prefix, item->string ? item->string : "");
        if (cJSON_IsObject(item)) {
            keep_check_values(item, path, preset);
            continue;
        }
        if (preset->check_count == APP_PRESET_MAX_CHECK_KEYS)
            return;
        app_preset_value *value = &preset->check[preset->check_count];
        if (cJSON_IsBool(item))
            snprintf(value->text, sizeof value->text, "%s", cJSON_IsTrue(item) ? "true" : "false");
        else if (!value_text(item, value->text, sizeof value->text))
            continue;
        snprintf(value->path, sizeof value->path, "%s", path);
        preset->check_count++;
    }
}

const char *app_preset_check_value(const app_preset *preset, const char *path)
{
    for (int i = 0; i < preset->check_count; ++i)
        if (strcmp(preset->check[i].path, path) == 0)
            return preset->check[i].text;
    return NULL;
}

static int apply_flag_keys(const char *file, const cJSON *root, const char *command,
                           app_options *options)
{
    for (size_t i = 0; i < sizeof flag_keys / sizeof *flag_keys; ++i) {
        const cJSON *value = find(root, flag_keys[i].path);
        if (!value || cJSON_IsNull(value))
            continue;
        char text[128];
        if (!value_text(value, text, sizeof text)) {
            fprintf(stderr, "glint %s: %s: %s: expected a number or a string\n", command, file,
                    flag_keys[i].path);
            return -1;
        }
        /* The lamp's fill is written as -1 when off; the flag says 0. */
        if (flag_keys[i].option == APP_OPT_AMBIENT && value->valuedouble < 0.0)
            snprintf(text, sizeof text, "0");
        app_usage_context(file, flag_keys[i].path);
        int handled = app_parse_common_option(flag_keys[i].option, text, command, options);
        app_usage_context(NULL, NULL);
        if (handled < 0)
            return -1;
    }
    return 0;
}

static int apply_switches(const char *file, const cJSON *root, const char *command,
                          app_options *options)
{
    const char *paths[2] = {"look.transparent", "look.no_shadows"};
    bool *targets[2] = {&options->frame.transparent, &options->frame.no_shadows};
    for (int i = 0; i < 2; ++i) {
        const cJSON *value = find(root, paths[i]);
        if (!value || cJSON_IsNull(value))
            continue;
        if (!cJSON_IsBool(value)) {
            fprintf(stderr, "glint %s: %s: %s: expected true or false\n", command, file, paths[i]);
            return -1;
        }
        *targets[i] = cJSON_IsTrue(value);
    }
    return 0;
}

/* look.parts: {"eyes": "gloss", ...}, each as --part NAME=FINISH. The text
 * lives as long as the options (parse_part_finish points into it). */
static int apply_parts(const char *file, const cJSON *root, const char *command,
                       app_options *options, app_preset *preset)
{
    const cJSON *parts = find(root, "look.parts");
    if (!parts || cJSON_IsNull(parts))
        return 0;
    if (!cJSON_IsObject(parts)) {
        fprintf(stderr, "glint %s: %s: look.parts: expected an object of part: finish\n", command,
                file);
        return -1;
    }
    for (const cJSON *part = parts->child; part; part = part->next) {
        char path[160];
        snprintf(path, sizeof path, "look.parts.%s", part->string);
        scene_finish_kind kind;
        if (!cJSON_IsString(part) || !scene_finish_parse(part->valuestring, &kind) ||
            preset->text_count == APP_PRESET_MAX_PARTS) {
            fprintf(stderr,
                    "glint %s: %s: %s: expected matte, satin, gloss, metal or translucent "
                    "(at most %d parts)\n",
                    command, file, path, APP_PRESET_MAX_PARTS);
            return -1;
        }
        char *text = preset->texts[preset->text_count++];
        snprintf(text, sizeof preset->texts[0], "%s=%s", part->string, part->valuestring);
        app_usage_context(file, path);
        int handled = app_parse_common_option(APP_OPT_PART, text, command, options);
        app_usage_context(NULL, NULL);
        if (handled < 0)
            return -1;
    }
    return 0;
}

static int apply_image_size(const char *file, const cJSON *root, const char *command,
                            app_options *options)
{
    const cJSON *width = find(root, "image.width"), *height = find(root, "image.height");
    if (!width && !height)
        return 0;
    char size[64];
    if (!cJSON_IsNumber(width) || !cJSON_IsNumber(height)) {
        fprintf(stderr, "glint %s: %s: image: expected width and height, numbers\n", command, file);
        return -1;
    }
    snprintf(size, sizeof size, "%.0fx%.0f", width->valuedouble, height->valuedouble);
    app_usage_context(file, "image");
    int handled = app_parse_common_option(APP_OPT_SIZE, size, command, options);
    app_usage_context(NULL, NULL);
    return handled < 0 ? -1 : 0;
}

/* The model, relative to the preset's folder unless absolute. */
static int resolve_model(const char *file, const cJSON *root, const char *command,
                         app_preset *preset)
{
    const cJSON *model = find(root, "model");
    if (!model || cJSON_IsNull(model))
        return 0;
    if (!cJSON_IsString(model) || !*model->valuestring) {
        fprintf(stderr, "glint %s: %s: model: expected a file name\n", command, file);
        return -1;
    }
    char folder[4096];
    core_path_dirname(file, folder, sizeof folder);
    if (model->valuestring[0] == '/')
        snprintf(preset->model_path, sizeof preset->model_path, "%s", model->valuestring);
    else if (core_path_join(folder, model->valuestring, preset->model_path,
                            sizeof preset->model_path) != CORE_OK) {
        fprintf(stderr, "glint %s: %s: model: %s\n", command, file, core_last_error());
        return -1;
    }
    return 0;
}

/* A preset is a few KiB of JSON; a PNG is as large as its picture. */
#define PRESET_MAX_JSON_BYTES ((size_t)16 << 20)

int app_preset_apply(const char *file, const char *command, app_options *options,
                     app_preset *preset)
{
    memset(preset, 0, sizeof *preset);
    char *bytes = NULL;
    size_t size = 0, file_size = 0;
    core_result r =
        core_file_read_prefix(file, CORE_FILE_DEFAULT_MAX_BYTES, 8, &bytes, &size, &file_size);
    bool png = r == CORE_OK && io_png_has_signature(bytes, size);
    core_file_free(bytes);
    if (r == CORE_OK)
        r = core_file_read(file, png ? CORE_FILE_DEFAULT_MAX_BYTES : PRESET_MAX_JSON_BYTES, &bytes,
                           &size);
    if (r != CORE_OK) {
        fprintf(stderr, "glint %s: %s\n", command, core_last_error());
        return -1;
    }
    int result = app_preset_apply_memory(file, bytes, size, command, options, preset);
    core_file_free(bytes);
    return result;
}

/* The JSON a PNG carries, or -1 after one line. */
static int settings_of_png(const char *file, const char *bytes, size_t size, const char *command,
                           char **text, size_t *length)
{
    core_result r = io_png_read_text(bytes, size, file, IO_PNG_SETTINGS_KEYWORD, text, length);
    if (r == CORE_ERR_NOT_FOUND)
        fprintf(stderr,
                "glint %s: %s: no glint settings in this PNG (written by another program?)\n",
                command, file);
    else if (r != CORE_OK)
        fprintf(stderr, "glint %s: %s\n", command, core_last_error());
    return r == CORE_OK ? 0 : -1;
}

/* Where byte `offset` of `text` is, 1-based, as editors count: lines by
 * '\n', columns in bytes. */
static void line_column(const char *text, size_t offset, size_t *line, size_t *column)
{
    *line = 1;
    size_t start = 0;
    for (size_t i = 0; i < offset; ++i)
        if (text[i] == '\n') {
            ++*line;
            start = i + 1;
        }
    *column = offset - start + 1;
}

/* A few characters from `offset`, printable ASCII only, to show where. */
static void excerpt(const char *text, size_t size, size_t offset, char *out, size_t out_size)
{
    size_t n = 0;
    for (size_t i = offset; i < size && n + 1 < out_size && n < 16 && text[i] != '\n'; ++i)
        out[n++] = text[i] >= 0x20 && text[i] < 0x7f ? text[i] : '?';
    out[n] = '\0';
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The first key that appears twice in one object, anywhere in the tree, as
 * its path; NULL when none does. cJSON keeps both and `find` sees the first,
 * so a file that says a setting twice would mean one thing to glint and
 * another to the person (or tool) that wrote the second. Sorting keeps a
 * 100k-key object fast. */
static bool find_duplicate(const cJSON *object, const char *prefix, char *path, size_t size)
{
    size_t count = 0;
    for (const cJSON *item = object->child; item && cJSON_IsObject(object); item = item->next)
        ++count;
    const char **names = malloc((count ? count : 1) * sizeof *names);
    bool found = false;
    if (!names) /* cannot tell; the rest of the reader still bounds everything */
        return false;
    size_t n = 0;
    for (const cJSON *item = object->child; item && count; item = item->next)
        names[n++] = item->string ? item->string : "";
    qsort(names, n, sizeof *names, compare_names);
    for (size_t i = 1; i < n && !found; ++i)
        if (strcmp(names[i - 1], names[i]) == 0) {
            snprintf(path, size, "%s%s%s", prefix, *prefix ? "." : "", names[i]);
            found = true;
        }
    free(names);
    for (const cJSON *item = object->child; item && !found; item = item->next) {
        if (!cJSON_IsObject(item) && !cJSON_IsArray(item))
            continue;
        char child[256];
        if (cJSON_IsArray(item))
            snprintf(child, sizeof child, "%s%s%s[]", prefix, *prefix ? "." : "",
                     item->string ? item->string : "");
        else
            snprintf(child, sizeof child, "%s%s%s", prefix, *prefix ? "." : "",
                     item->string ? item->string : "");
        found = find_duplicate(item, child, path, size);
    }
    return found;
}

/* The preset's JSON as a tree, or NULL after one line. `where` names the
 * text: the file, or the file's settings chunk. Strict where cJSON is
 * lenient: a NUL (cJSON would stop reading there), anything but whitespace
 * after the document, and a key said twice are refused. */
static cJSON *parse_preset(const char *where, const char *text, size_t size, const char *command)
{
    size_t line, column;
    const char *nul = memchr(text, '\0', size);
    if (nul) {
        line_column(text, (size_t)(nul - text), &line, &column);
        fprintf(stderr, "glint %s: %s:%zu:%zu: a NUL byte in the text (not a JSON preset)\n",
                command, where, line, column);
        return NULL;
    }
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(text, size, &end, false);
    if (!root) {
        size_t offset = end && end >= text && end <= text + size ? (size_t)(end - text) : size;
        /* cJSON stops on the whitespace after the culprit (or at the last
         * byte when the text runs out): point at the culprit instead. */
        bool ran_out = true;
        for (size_t i = offset; i < size && ran_out; ++i)
            ran_out = strchr(" \t\r\n", text[i]) != NULL;
        while (offset > 0 && (offset >= size || strchr(" \t\r\n", text[offset])))
            --offset;
        line_column(text, offset, &line, &column);
        char near[20];
        excerpt(text, size, offset, near, sizeof near);
        if (ran_out && (offset == 0 && strchr(" \t\r\n", size ? text[0] : ' ')))
            fprintf(stderr, "glint %s: %s: empty (a preset is a JSON object)\n", command, where);
        else if (ran_out)
            fprintf(stderr,
                    "glint %s: %s:%zu:%zu: malformed JSON: the text ends inside the document "
                    "(after '%s')\n",
                    command, where, line, column, near);
        else
            fprintf(stderr, "glint %s: %s:%zu:%zu: malformed JSON at '%s'\n", command, where, line,
                    column, near);
        return NULL;
    }
    size_t offset = (size_t)(end - text);
    while (offset < size && strchr(" \t\r\n", text[offset]))
        ++offset;
    if (offset < size) {
        line_column(text, offset, &line, &column);
        char near[20];
        excerpt(text, size, offset, near, sizeof near);
        fprintf(stderr, "glint %s: %s:%zu:%zu: text after the end of the JSON document ('%s')\n",
                command, where, line, column, near);
        cJSON_Delete(root);
        return NULL;
    }
    char key[256];
    if (cJSON_IsObject(root) && find_duplicate(root, "", key, sizeof key)) {
        fprintf(stderr, "glint %s: %s: key '%s' appears twice (say each setting once)\n", command,
                where, key);
        cJSON_Delete(root);
        return NULL;
    }
    return root;
}

int app_preset_apply_memory(const char *file, const char *bytes, size_t size, const char *command,
                            app_options *options, app_preset *preset)
{
    memset(preset, 0, sizeof *preset);
    char *text = NULL;
    size_t length = 0;
    char where[4200];
    snprintf(where, sizeof where, "%s", file);
    if (io_png_has_signature(bytes, size)) {
        if (settings_of_png(file, bytes, size, command, &text, &length) < 0)
            return -1;
        bytes = text;
        size = length;
        snprintf(where, sizeof where, "%s: its settings", file);
    }
    cJSON *root = parse_preset(where, bytes, size, command);
    io_png_text_free(text);
    if (!root)
        return -1;
    if (!cJSON_IsObject(root)) {
        fprintf(stderr, "glint %s: %s: not a JSON object (a glint preset)\n", command, file);
        cJSON_Delete(root);
        return -1;
    }
    const cJSON *version = find(root, "version");
    int result = 0;
    if (version && (!cJSON_IsNumber(version) || version->valuedouble > APP_PRESET_VERSION)) {
        fprintf(stderr, "glint %s: %s: version: expected %d or lower\n", command, file,
                APP_PRESET_VERSION);
        result = -1;
    }
    if (result == 0) {
        size_t unknown = warn_unknown(file, root, "", 0);
        if (unknown > PRESET_UNKNOWN_KEYS_SHOWN)
            core_log(CORE_LOG_WARNING, "%s: ... and %zu more unknown keys ignored", file,
                     unknown - PRESET_UNKNOWN_KEYS_SHOWN);
        result = resolve_model(file, root, command, preset);
    }
    if (result == 0)
        result = apply_image_size(file, root, command, options);
    if (result == 0)
        result = apply_flag_keys(file, root, command, options);
    if (result == 0)
        result = apply_switches(file, root, command, options);
    if (result == 0)
        result = apply_parts(file, root, command, options, preset);
    const cJSON *check = find(root, "check");
    if (result == 0 && cJSON_IsObject(check))
        keep_check_values(check, "check", preset);
    cJSON_Delete(root);
    return result;
}

int app_preset_set(const char *key, const char *value, const char *command, app_options *options)
{
    for (size_t i = 0; i < sizeof flag_keys / sizeof *flag_keys; ++i)
        if (strcmp(flag_keys[i].path, key) == 0) {
            app_usage_context("set", key);
            int handled = app_parse_common_option(flag_keys[i].option, value, command, options);
            app_usage_context(NULL, NULL);
            return handled < 0 ? -1 : 0;
        }
    fprintf(stderr, "glint %s: set %s: not a preset key (docs/presets.md)\n", command, key);
    return -1;
}

const char *app_preset_find(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        if (strcmp(argv[i], "--") == 0)
            return NULL;
        if (strcmp(argv[i], "--preset") == 0)
            return i + 1 < argc ? argv[i + 1] : NULL;
        if (strncmp(argv[i], "--preset=", 9) == 0)
            return argv[i] + 9;
    }
    return NULL;
}

bool app_preset_model(const char *command, int argc, char **argv, const char *preset_file,
                      const app_preset *preset, app_options *options)
{
    if (optind >= argc && !(preset_file && preset->model_path[0])) {
        app_usage_error(command, "no MODEL given");
        return false;
    }
    if (optind + 1 < argc) {
        app_usage_error(command, "unexpected argument '%s'", argv[optind + 1]);
        return false;
    }
    options->model_path = optind < argc ? argv[optind] : preset->model_path;
    return true;
}
