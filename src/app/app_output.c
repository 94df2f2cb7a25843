#define _XOPEN_SOURCE 700
#include "app/app.h"
#include "app/app_output.h"

#include "core/core_file.h"
#include "io/io_image.h"
#include "io/io_png_text.h"

#include <cjson/cJSON.h>

#include <limits.h>
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

bool app_output_may_ask(void)
{
    return isatty(STDIN_FILENO) && isatty(STDERR_FILENO);
}

int app_output_exit(core_result result)
{
    app_report(result, NULL);
    return result == CORE_ERR_ARGUMENT ? APP_EXIT_BAD_INPUT : APP_EXIT_OUTPUT;
}
