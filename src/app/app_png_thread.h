#ifndef GLINT_APP_PNG_THREAD_H
#define GLINT_APP_PNG_THREAD_H

/* PNGs encoded and written on a thread while the caller renders the next
 * frame (turntable's frames). One file at a time, in the order given; the
 * bytes are those app_png_write writes. GLINT_SERIAL (core_serial) writes
 * each file before app_png_thread_write returns. */

#include "core/core_file.h"
#include "core/core_result.h"
#include "io/io_image.h"

#include <pthread.h>
#include <stdbool.h>

struct cJSON;

typedef struct app_png_thread {
    pthread_t thread;
    bool running;
    char *path;
    core_write_mode mode;
    io_image image;
    char *text; /* the settings, printed on the caller's thread */
    size_t text_length;
    core_result result;
    char error[1024]; /* the writer's message: core_fail's text is per thread */
} app_png_thread;

/* Takes the image (the caller's io_image is emptied) and writes it to `path`
 * with `settings` (printed now, not kept). Waits for the file before it
 * first; returns that file's failure, if any, or this one's when written at
 * once. */
core_result app_png_thread_write(app_png_thread *writer, const char *path, core_write_mode mode,
                                 io_image *image, const struct cJSON *settings);
/* Waits for the last file; its failure, if any, else `r`'s. Call it on every
 * path out (also after a failure), so no thread outlives the images. */
core_result app_png_thread_finish(app_png_thread *writer, core_result r);

#endif
