#define _XOPEN_SOURCE 700
#include "app/app.h"
#include "app/app_output.h"

#include "core/core_file.h"
#include "io/io_exr.h"
#include "io/io_image.h"
#include "io/io_png_text.h"

#include <cjson/cJSON.h>

#include <limits.h>
#include <strings.h>
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

core_result app_exr_write(const char *path, core_write_mode mode, const float *rgba, int width,
                          int height, const cJSON *settings)
{
    size_t length = 0;
    char *text = print_json(settings, &length);
    if (!text)
        return core_fail(CORE_ERR_NO_MEMORY, "%s: out of memory for the settings", path);
    core_result r = io_exr_write_rgba_half(path, mode, rgba, width, height, IO_PNG_SETTINGS_KEYWORD,
                                           text, length);
    cJSON_free(text);
    return r;
}

core_result app_image_write(const char *path, core_write_mode mode, const io_image *image,
                            const cJSON *settings, int jpeg_quality)
{
    app_image_format format = app_image_format_of(path);
    if (format == APP_IMAGE_PNG)
        return app_png_write(path, mode, image, settings);
    if (format != APP_IMAGE_JPEG)
        return core_fail(CORE_ERR_ARGUMENT, "%s: glint writes .png or .jpg/.jpeg", path);
    char json[4096];
    core_result r = app_image_sidecar(path, json, sizeof json);
    if (r == CORE_OK && mode == CORE_WRITE_NO_CLOBBER && core_file_exists(json))
        r = core_fail(CORE_ERR_EXISTS, "%s: already exists", json);
    size_t length = 0;
    char *text = r == CORE_OK ? print_json(settings, &length) : NULL;
    if (r == CORE_OK && !text)
        r = core_fail(CORE_ERR_NO_MEMORY, "%s: out of memory for the settings", path);
    if (r == CORE_OK)
        r = io_jpeg_write(path, mode, image, jpeg_quality);
    if (r == CORE_OK) {
        r = core_file_write_bytes(json, mode, text, length);
        if (r != CORE_OK) /* a JPEG without its settings would not re-render */
            remove(path);
    }
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

/* The extension after the last dot of the last component; "" when none. */
static const char *extension_of(const char *path)
{
    const char *dot = strrchr(core_path_basename(path), '.');
    return dot ? dot + 1 : "";
}

bool app_exr_name(const char *path)
{
    return strcasecmp(extension_of(path), "exr") == 0;
}

app_image_format app_image_format_of(const char *path)
{
    const char *extension = extension_of(path);
    if (strcasecmp(extension, "png") == 0)
        return APP_IMAGE_PNG;
    if (strcasecmp(extension, "jpg") == 0 || strcasecmp(extension, "jpeg") == 0)
        return APP_IMAGE_JPEG;
    return APP_IMAGE_OTHER;
}

bool app_image_name(const char *path)
{
    static const char *const others[] = {"tga", "bmp", "gif", "webp", "tif", "tiff", "exr"};
    if (app_image_format_of(path) != APP_IMAGE_OTHER)
        return true;
    for (size_t i = 0; i < sizeof others / sizeof others[0]; ++i)
        if (strcasecmp(extension_of(path), others[i]) == 0)
            return true;
    return false;
}

core_result app_image_sidecar(const char *path, char *json, size_t size)
{
    const char *extension = extension_of(path);
    size_t stem = extension[0] ? (size_t)(extension - 1 - path) : strlen(path);
    if ((size_t)snprintf(json, size, "%.*s.json", (int)stem, path) >= size)
        return core_fail(CORE_ERR_IO, "%s: path is too long", path);
    return CORE_OK;
}

core_result app_output_check_image(const char *flag, const char *path,
                                   const struct app_options *options, bool overwrite)
{
    app_image_format format = app_image_format_of(path);
    if (path[0] && format == APP_IMAGE_OTHER)
        return core_fail(CORE_ERR_ARGUMENT, "%s %s: glint writes .png or .jpg/.jpeg", flag, path);
    if (format == APP_IMAGE_JPEG && options->frame.transparent)
        return core_fail(CORE_ERR_ARGUMENT,
                         "%s %s: a JPEG has no alpha for --transparent; write a .png", flag, path);
    core_result r = app_output_check(flag, path, overwrite);
    if (r != CORE_OK || format != APP_IMAGE_JPEG)
        return r;
    char json[4096];
    r = app_image_sidecar(path, json, sizeof json);
    return r == CORE_OK ? app_output_check(flag, json, overwrite) : r;
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
