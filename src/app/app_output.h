#ifndef GLINT_APP_OUTPUT_H
#define GLINT_APP_OUTPUT_H

/* Checking an output before any rendering, so that a run that cannot write
 * its file says why at once instead of after minutes of work. */

#include "core/core_file.h"
#include "core/core_result.h"

#include <stdbool.h>
#include <stddef.h>

struct app_options;

/* What an image output's name asks for: its extension, in any case. */
typedef enum app_image_format {
    APP_IMAGE_PNG,  /* .png */
    APP_IMAGE_JPEG, /* .jpg, .jpeg: the settings go beside it as NAME.json */
    APP_IMAGE_OTHER /* anything else, no extension included: refused */
} app_image_format;

app_image_format app_image_format_of(const char *path);
/* Whether the name ends in an image extension, one glint writes or not
 * (.tga .bmp .gif .webp .tif .tiff .exr): turntable's -o takes other names
 * for folders. */
bool app_image_name(const char *path);
/* Whether the name ends in .exr (any case): glint render's linear output. */
bool app_exr_name(const char *path);
/* Writes linear RGBA floats (rows top to bottom, premultiplied) as a
 * half-float EXR carrying `settings` (not kept or deleted; NULL fails with
 * CORE_ERR_NO_MEMORY) in a "glint-preset" string attribute, atomically, in
 * `mode`. */
struct cJSON;
core_result app_exr_write(const char *path, core_write_mode mode, const float *rgba, int width,
                          int height, const struct cJSON *settings);
/* NAME.json for NAME.jpg: where a JPEG's settings go, since JPEG has no
 * text chunk. Fails when it does not fit. */
core_result app_image_sidecar(const char *path, char *json, size_t size);
/* An image output given with `flag`, before any rendering: a name glint
 * writes (.png, .jpg, .jpeg; else CORE_ERR_ARGUMENT naming them), not a JPEG
 * of a --transparent picture (CORE_ERR_ARGUMENT), then app_output_check on
 * the image and, for a JPEG, on its NAME.json. */
core_result app_output_check_image(const char *flag, const char *path,
                                   const struct app_options *options, bool overwrite);

/* `path`, given with `flag`, as it will be written: an empty name
 * (CORE_ERR_ARGUMENT, naming the flag), an existing file without `overwrite`
 * (CORE_ERR_EXISTS, saying to pass --overwrite), a directory, FIFO or device
 * (whatever `overwrite` says), a missing or unwritable folder (CORE_ERR_IO). */
core_result app_output_check(const char *flag, const char *path, bool overwrite);
/* Whether writing may ask before replacing (app_write_png does, on a terminal),
 * so that an existing file is left for that question rather than refused. */
bool app_output_may_ask(void);
/* Reports a failed check and returns its exit code: 2 for an empty name,
 * else 4. */
int app_output_exit(core_result result);

#endif
