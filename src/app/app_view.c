#define _POSIX_C_SOURCE 200809L
#include "app/app_options.h"
#include "app/app_output.h"
#include "app/app_preset.h"
#include "app/app_viewer_loop.h"

#include "core/core_file.h"
#include "core/core_log.h"
#include "gfx/gfx.h"
#include "io/io_image.h"

#include <cjson/cJSON.h>

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char view_usage[] =
    "Usage: glint [view] [MODEL] [options]\n"
    "Opens MODEL (default: the bundled sample bust) in a window on a slow turntable under\n"
    "one lamp. With no display it renders the same lighting test headless and says where\n"
    "the files went.\n";

/* After the options: the controls, from the one key table. */
static char view_notes[8192];

/* No window: render the same lighting test headless, next to the user's files
 * but never over them. */
static int run_headless_fallback(app_options *options, const char *why)
{
    fprintf(stderr, "glint view: %s; rendering the lighting test headless instead\n", why);
    if (!options->size_given) {
        options->width = 1280;
        options->height = 960;
    }
    app_session session;
    core_result r = app_session_open(&session, options, PLAT_BACKEND_HEADLESS, NULL);
    if (r != CORE_OK)
        return app_report(r, NULL);
    io_image image;
    r = app_render_image(&session, options, NULL, &image);
    if (r != CORE_OK) {
        app_session_close(&session);
        return app_report(r, NULL);
    }
    char png[4096], json[4096];
    const char *folder = options->output_folder ? options->output_folder : ".";
    cJSON *settings = app_settings_json(&session, options, NULL);
    r = app_write_unique_png(folder, options->model_path, &image, settings, png, json, sizeof png);
    if (r == CORE_OK) /* the same settings, as the PNG holds them */
        r = app_write_json(json, CORE_WRITE_NO_CLOBBER, settings);
    else
        cJSON_Delete(settings);
    io_image_free(&image);
    app_session_close(&session);
    if (r != CORE_OK) {
        app_report(r, NULL);
        return APP_EXIT_OUTPUT;
    }
    printf("glint: wrote %s (%dx%d)\n", png, options->width, options->height);
    printf("glint: wrote %s (the settings that reproduce it)\n", json);
    return APP_EXIT_OK;
}

static int view(app_options *options);

int app_command_view(int argc, char **argv)
{
    app_options options;
    app_options_init(&options, SETTINGS_VIEW);
    int length =
        snprintf(view_notes, sizeof view_notes, "In the window (H or F1 shows this there too):\n");
    app_viewer_help_text(view_notes + length, sizeof view_notes - (size_t)length);
    int code = app_options_parse(&options, argc, argv, view_usage, view_notes);
    if (code < 0 && options.settings.value[SETTINGS_CONTROLS].count) {
        app_viewer_controls_markdown(stdout);
        code = APP_EXIT_OK;
    }
    if (code < 0) {
        if (!options.model_path)
            options.model_path = app_sample_model_path();
        code = view(&options);
    }
    app_options_free(&options);
    return code;
}

static int view(app_options *options)
{
    const settings_values *s = &options->settings;
    app_viewer_settings settings = {
        .script_path = s->value[SETTINGS_SCRIPT].text,
        .screenshot_dir = s->value[SETTINGS_SCREENSHOT_DIR].text,
        .stats = s->value[SETTINGS_STATS].count > 0,
        .shot_width =
            s->given[SETTINGS_SHOT_SIZE] ? (int)s->value[SETTINGS_SHOT_SIZE].number[0] : 0,
        .shot_height =
            s->given[SETTINGS_SHOT_SIZE] ? (int)s->value[SETTINGS_SHOT_SIZE].number[1] : 0};
    if (options->snapshot_path) {
        /* Before a window opens; on a terminal an existing file is asked about. */
        core_result checked = app_output_check_image("--snapshot", options->snapshot_path, options,
                                                     options->overwrite || app_output_may_ask());
        if (checked != CORE_OK)
            return app_output_exit(checked);
    }
    if (!plat_display_available()) {
        if (options->snapshot_path || settings.script_path)
            return app_report(core_fail(CORE_ERR_CONTEXT,
                                        "%s needs a display: DISPLAY and "
                                        "WAYLAND_DISPLAY are unset",
                                        options->snapshot_path ? "--snapshot" : "--script"),
                              NULL);
        return run_headless_fallback(options, "no display (DISPLAY and WAYLAND_DISPLAY are "
                                              "unset)");
    }
    app_session session;
    core_result r = app_session_open(&session, options, PLAT_BACKEND_WINDOW, "glint");
    if (r == CORE_ERR_CONTEXT && !options->snapshot_path && !settings.script_path) {
        char why[1024];
        snprintf(why, sizeof why, "%s", core_last_error());
        return run_headless_fallback(options, why);
    }
    if (r != CORE_OK)
        return app_report(r, NULL);
    int code = app_viewer_run(&session, options, &settings);
    app_session_close(&session);
    return code;
}
