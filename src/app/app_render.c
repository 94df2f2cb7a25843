#define _POSIX_C_SOURCE 200809L
#include "app/app_options.h"
#include "app/app_output.h"
#include "app/app_preset.h"

#include "io/io_image.h"

#include <cjson/cJSON.h>

#include <stdio.h>
#include <string.h>

static const char render_help[] =
    "Usage: glint render [MODEL] -o OUT.png [options]   (MODEL may come from --preset)\n"
    "Renders MODEL headless (no window or X server needed) and writes a PNG.\n"
    "\n"
    "  -o, --output FILE     the PNG to write (required); never overwritten unless --overwrite\n"
    "      --size WxH        image size in pixels (default 1280x960)\n"
    "      --angle DEG       turntable angle: the model turns, camera and lamp stay (default 0)\n"
    "      --msaa N          samples per pixel: 1, 2, 4, 8 or 16 (default 4)\n"
    "      --overwrite       replace OUT.png if it exists\n" APP_LOOK_OPTIONS_HELP
        APP_MODEL_OPTIONS_HELP
    "      --shader-dir DIR  development: load GLSL from DIR instead of the built-in copies\n"
    "  -v, --verbose         say more (repeat for debug output)\n"
    "  -q, --quiet           print nothing but errors\n"
    "  -h, --help            show this help\n"
    "\n"
    "Exit codes: 0 written, 2 bad usage or unreadable model, 3 no OpenGL context,\n"
    "4 output cannot be written or exists, 5 GPU/driver failure.\n";

static const struct option render_options[] = {{"output", required_argument, NULL, 'o'},
                                               {"angle", required_argument, NULL, APP_OPT_ANGLE},
                                               APP_IMAGE_OPTIONS,
                                               APP_MODEL_OPTIONS,
                                               APP_LOOK_OPTIONS,
                                               APP_END_OPTIONS};

int app_command_render(int argc, char **argv)
{
    app_options options = {.width = 1280, .height = 960, .samples = 4};
    app_preset preset;
    const char *preset_file = app_preset_find(argc, argv);
    if (preset_file && app_preset_apply(preset_file, "render", &options, &preset) < 0)
        return APP_EXIT_BAD_INPUT;
    opterr = 0;
    optind = 1;
    int id;
    while ((id = getopt_long(argc, argv, ":o:vqh", render_options, NULL)) != -1) {
        switch (id) {
        case 'o': options.output_path = optarg; break;
        case 'h': fputs(render_help, stdout); return APP_EXIT_OK;
        case 'v': app_parse_common_option(APP_OPT_VERBOSE, NULL, "render", &options); break;
        case 'q': app_parse_common_option(APP_OPT_QUIET, NULL, "render", &options); break;
        case ':': return app_usage_error("render", "%s needs a value", argv[optind - 1]);
        case '?': return app_usage_error("render", "unknown option %s", argv[optind - 1]);
        default:
            if (app_parse_common_option(id, optarg, "render", &options) < 0)
                return APP_EXIT_BAD_INPUT;
        }
    }
    if (!app_preset_model("render", argc, argv, preset_file, &preset, &options))
        return APP_EXIT_BAD_INPUT;
    if (!options.output_path)
        return app_usage_error("render", "no output file given (-o OUT.png)");
    /* On a terminal an existing file is asked about when it is written. */
    core_result checked =
        app_output_check("-o", options.output_path, options.overwrite || app_output_may_ask());
    if (checked != CORE_OK)
        return app_output_exit(checked);

    app_session session;
    core_result r = app_session_open(&session, &options, PLAT_BACKEND_HEADLESS, NULL);
    if (r != CORE_OK)
        return app_report(r, NULL);
    io_image image;
    r = app_render_image(&session, &options, &image);
    /* Before the session goes: the settings name the model's bounds. */
    cJSON *settings = r == CORE_OK ? app_settings_json(&session, &options) : NULL;
    app_session_close(&session);
    if (r != CORE_OK)
        return app_report(r, NULL);
    r = app_write_png(options.output_path, &options, &image, settings);
    cJSON_Delete(settings);
    io_image_free(&image);
    if (r != CORE_OK) {
        app_report(r, NULL);
        return APP_EXIT_OUTPUT;
    }
    if (!options.quiet)
        printf("glint: wrote %s (%dx%d)\n", options.output_path, options.width, options.height);
    return APP_EXIT_OK;
}
