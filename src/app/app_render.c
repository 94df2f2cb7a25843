#define _POSIX_C_SOURCE 200809L
#include "app/app_options.h"
#include "app/app_output.h"
#include "app/app_preset.h"

#include "io/io_image.h"

#include <cjson/cJSON.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* CPU bytes an EXR needs per pixel: the float readback and tinyexr's planes
 * (16 each), its half copy (8) and the compressed file (8 at worst), and as
 * much again for zlib's and the vectors' growth. */
#define EXR_BYTES_PER_PIXEL 96u

/* An EXR holds light, so the views that are light: the shaded frame, its
 * specular and diffuse components (which sum to it) and clay. Normals and
 * the silhouette are not radiance, and squint is a blur of the display. */
static bool exr_view(render_view view)
{
    return view == RENDER_VIEW_SHADED || view == RENDER_VIEW_SPECULAR ||
           view == RENDER_VIEW_DIFFUSE || view == RENDER_VIEW_CLAY;
}

/* Before any rendering: the view, the file, the memory. */
static core_result check_exr(const app_options *options, bool overwrite)
{
    const char *path = options->output_path;
    if (!exr_view(options->frame.view))
        return core_fail(CORE_ERR_ARGUMENT,
                         "-o %s: --view %s is not light; an EXR takes --view shaded, specular, "
                         "diffuse or clay",
                         path, render_view_name(options->frame.view));
    uint64_t need = (uint64_t)options->width * (uint64_t)options->height * EXR_BYTES_PER_PIXEL;
    uint64_t available = app_memory_available();
    if (need > available)
        return core_fail(CORE_ERR_GPU,
                         "-o %s: a %dx%d EXR needs about %" PRIu64 " MiB but only %" PRIu64
                         " MiB is available; lower --size",
                         path, options->width, options->height, need >> 20, available >> 20);
    return app_output_check("-o", path, overwrite);
}

/* The resolved linear radiance (a box filter over the MSAA samples, which is
 * right for light), rows top to bottom, premultiplied by coverage: the
 * background is transparent black whatever --background says, since it is
 * for compositing. */
static core_result render_radiance(app_session *session, const app_options *options, float **pixels)
{
    *pixels = malloc((size_t)options->width * (size_t)options->height * 4 * sizeof(float));
    if (!*pixels)
        return core_fail(CORE_ERR_NO_MEMORY, "out of memory for a %dx%d EXR", options->width,
                         options->height);
    render_frame_desc frame = options->frame;
    frame.samples = options->samples;
    core_result r = render_offscreen_radiance(&session->render, &session->model, &frame,
                                              options->width, options->height, *pixels);
    if (r != CORE_OK) {
        free(*pixels);
        *pixels = NULL;
    }
    return r;
}

/* As app_write_image does for pictures: never over a file unless
 * --overwrite, or a "y" on a terminal. */
static core_result write_exr(const app_options *options, const float *pixels, const cJSON *settings)
{
    const char *path = options->output_path;
    core_write_mode mode = options->overwrite ? CORE_WRITE_REPLACE : CORE_WRITE_NO_CLOBBER;
    core_result r = app_exr_write(path, mode, pixels, options->width, options->height, settings);
    if (r == CORE_ERR_EXISTS && app_ask_to_overwrite(path))
        r = app_exr_write(path, CORE_WRITE_REPLACE, pixels, options->width, options->height,
                          settings);
    if (r == CORE_ERR_EXISTS)
        core_fail(r, "%s: already exists; pass --overwrite to replace it", path);
    return r;
}

static int render_exr(app_options *options)
{
    core_result checked = check_exr(options, options->overwrite || app_output_may_ask());
    if (checked == CORE_ERR_GPU)
        return app_report(checked, NULL);
    if (checked != CORE_OK)
        return app_output_exit(checked);
    app_session session;
    core_result r = app_session_open(&session, options, PLAT_BACKEND_HEADLESS, NULL);
    if (r != CORE_OK)
        return app_report(r, NULL);
    float *pixels = NULL;
    r = render_radiance(&session, options, &pixels);
    cJSON *settings = r == CORE_OK ? app_settings_json(&session, options, NULL) : NULL;
    app_scene_json(settings, &session, &options->frame, options->width, options->height);
    app_session_close(&session);
    if (r != CORE_OK) {
        int code = app_report(r, NULL);
        return r == CORE_ERR_NO_MEMORY ? APP_EXIT_GPU : code;
    }
    r = write_exr(options, pixels, settings);
    cJSON_Delete(settings);
    free(pixels);
    if (r != CORE_OK) {
        app_report(r, NULL);
        return r == CORE_ERR_NO_MEMORY ? APP_EXIT_GPU : APP_EXIT_OUTPUT;
    }
    if (!options->quiet)
        printf("glint: wrote %s (%dx%d, linear half-float RGBA)\n", options->output_path,
               options->width, options->height);
    return APP_EXIT_OK;
}

static const char render_usage[] =
    "Usage: glint render [MODEL] -o OUT.png [options]   (MODEL may come from --preset)\n"
    "Renders MODEL headless (no window or X server needed) and writes a PNG or JPEG,\n"
    "or with -o OUT.exr the linear radiance (half-float RGBA, premultiplied, on a\n"
    "transparent black background; before --exposure and --tonemap).\n";

static const char render_notes[] =
    "Exit codes: 0 written, 2 bad usage or unreadable model, 3 no OpenGL context,\n"
    "4 output cannot be written or exists, 5 GPU/driver failure.\n";

static int render(app_options *options)
{
    if (!options->model_path)
        return app_usage_error("render", "no MODEL given");
    if (!options->output_path)
        return app_usage_error("render", "no output file given (-o OUT.png)");
    if (app_exr_name(options->output_path))
        return render_exr(options);
    if (options->output_path[0] && app_image_format_of(options->output_path) == APP_IMAGE_OTHER)
        return app_output_exit(core_fail(CORE_ERR_ARGUMENT,
                                         "-o %s: glint writes .png, .jpg/.jpeg or .exr",
                                         options->output_path));
    /* On a terminal an existing file is asked about when it is written. */
    core_result checked = app_output_check_image("-o", options->output_path, options,
                                                 options->overwrite || app_output_may_ask());
    if (checked != CORE_OK)
        return app_output_exit(checked);

    app_session session;
    core_result r = app_session_open(&session, options, PLAT_BACKEND_HEADLESS, NULL);
    if (r != CORE_OK)
        return app_report(r, NULL);
    io_image image;
    r = app_render_image(&session, options, NULL, &image);
    /* Before the session goes: the settings name the model's bounds. */
    cJSON *settings = r == CORE_OK ? app_settings_json(&session, options, NULL) : NULL;
    app_session_close(&session);
    if (r != CORE_OK)
        return app_report(r, NULL);
    r = app_write_image(options->output_path, options, &image, settings);
    cJSON_Delete(settings);
    io_image_free(&image);
    if (r != CORE_OK) {
        app_report(r, NULL);
        return APP_EXIT_OUTPUT;
    }
    char json[4096];
    if (!options->quiet && app_image_format_of(options->output_path) == APP_IMAGE_JPEG &&
        app_image_sidecar(options->output_path, json, sizeof json) == CORE_OK)
        printf("glint: wrote %s (%dx%d) and its settings %s\n", options->output_path,
               options->width, options->height, json);
    else if (!options->quiet)
        printf("glint: wrote %s (%dx%d)\n", options->output_path, options->width, options->height);
    return APP_EXIT_OK;
}

int app_command_render(int argc, char **argv)
{
    app_options options;
    app_options_init(&options, SETTINGS_RENDER);
    int code = app_options_parse(&options, argc, argv, render_usage, render_notes);
    if (code < 0)
        code = render(&options);
    app_options_free(&options);
    return code;
}
