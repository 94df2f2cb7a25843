#define _POSIX_C_SOURCE 200809L
#include "app/app_options.h"
#include "app/app_output.h"
#include "app/app_preset.h"

#include "io/io_image.h"

#include <cjson/cJSON.h>

#include <stdio.h>
#include <string.h>

static const char render_usage[] =
    "Usage: glint render [MODEL] -o OUT.png [options]   (MODEL may come from --preset)\n"
    "Renders MODEL headless (no window or X server needed) and writes a PNG or JPEG.\n";

static const char render_notes[] =
    "Exit codes: 0 written, 2 bad usage or unreadable model, 3 no OpenGL context,\n"
    "4 output cannot be written or exists, 5 GPU/driver failure.\n";

static int render(app_options *options)
{
    if (!options->model_path)
        return app_usage_error("render", "no MODEL given");
    if (!options->output_path)
        return app_usage_error("render", "no output file given (-o OUT.png)");
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
