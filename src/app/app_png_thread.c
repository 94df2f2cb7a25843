#define _POSIX_C_SOURCE 200809L
#include "app/app_png_thread.h"

#include "app/app.h"
#include "core/core_log.h"
#include "core/core_time.h"
#include "io/io_png_text.h"

#include <cjson/cJSON.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *write_job(void *arg)
{
    app_png_thread *w = arg;
    io_png_text chunk = {IO_PNG_SETTINGS_KEYWORD, w->text, w->text_length};
    w->result = io_png_write_text(w->path, w->mode, &w->image, &chunk, 1);
    if (w->result != CORE_OK)
        snprintf(w->error, sizeof w->error, "%s", core_last_error());
    return NULL;
}

static void release(app_png_thread *w)
{
    free(w->path);
    free(w->text);
    io_image_free(&w->image);
    w->path = w->text = NULL;
}

core_result app_png_thread_finish(app_png_thread *w, core_result r)
{
    if (!w->running)
        return r;
    pthread_join(w->thread, NULL);
    w->running = false;
    core_result written = w->result;
    release(w);
    if (written != CORE_OK && r == CORE_OK)
        return core_fail(written, "%s", w->error);
    return r;
}

core_result app_png_thread_write(app_png_thread *w, const char *path, core_write_mode mode,
                                 io_image *image, const cJSON *settings)
{
    core_result r = app_png_thread_finish(w, CORE_OK);
    if (r != CORE_OK || core_serial()) {
        if (r == CORE_OK)
            r = app_png_write(path, mode, image, settings);
        io_image_free(image);
        return r;
    }
    char *text = settings ? cJSON_Print(settings) : NULL;
    size_t length = text ? strlen(text) : 0;
    char *copy = text ? malloc(length + 2) : NULL, *name = strdup(path);
    if (copy) { /* as app_png_write prints it: the JSON and a newline */
        memcpy(copy, text, length);
        copy[length++] = '\n';
        copy[length] = '\0';
    }
    cJSON_free(text);
    if (!copy || !name) {
        free(copy);
        free(name);
        io_image_free(image);
        return core_fail(CORE_ERR_NO_MEMORY, "%s: out of memory for the settings", path);
    }
    *w = (app_png_thread){
        .path = name, .mode = mode, .image = *image, .text = copy, .text_length = length};
    memset(image, 0, sizeof *image);
    if (pthread_create(&w->thread, NULL, write_job, w) != 0) {
        write_job(w); /* no thread to be had: now */
        r = w->result == CORE_OK ? CORE_OK : core_fail(w->result, "%s", w->error);
        release(w);
        return r;
    }
    w->running = true;
    core_log(CORE_LOG_DEBUG, "%s: written on a thread while the next frame renders", path);
    return CORE_OK;
}
