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

static const char view_help[] =
    "Usage: glint [view] [MODEL] [options]\n"
    "Opens MODEL (default: the bundled sample bust) in a window on a slow turntable under\n"
    "one lamp. With no display it renders the same lighting test headless and says where\n"
    "the files went.\n"
    "\n"
    "      --size WxH        window size (default 1280x800); image size of the headless\n"
    "                        fallback (default 1280x960)\n"
    "      --angle DEG       starting turntable angle (default 0)\n"
    "      --msaa N          samples per pixel: 1, 2, 4, 8 or 16 (default 4)\n"
    "      --output-dir DIR  where the headless fallback writes (default: current folder)\n"
    "      --screenshot-dir DIR  where F12 and Ctrl+S write (default: current folder)\n"
    "      --shot-size WxH   Shift+F12's offscreen size (default: twice the window)\n"
    "      --script FILE     automation: run the commands in FILE through the same input\n"
    "                        path as the mouse and keys (docs/viewer.md)\n"
    "      --snapshot FILE   automation: show one frame, save it as a PNG (and its settings\n"
    "                        as FILE.json), and quit (the turntable stands still)\n"
    "      --stats           print the median frame time when the window closes\n"
    "      --no-vsync        draw as fast as possible (for measuring)\n"
    "      --controls        print the controls as a Markdown table and exit\n"
    "      --overwrite       let --snapshot and script screenshots replace existing "
    "files\n" APP_LOOK_OPTIONS_HELP APP_MODEL_OPTIONS_HELP
    "      --shader-dir DIR  development: load GLSL from DIR instead of the built-in copies\n"
    "  -v, --verbose / -q, --quiet / -h, --help\n"
    "\n"
    "In the window (H or F1 shows this there too):\n";

enum view_option_id {
    VIEW_OPT_SCRIPT = 2000,
    VIEW_OPT_SCREENSHOT_DIR,
    VIEW_OPT_SHOT_SIZE,
    VIEW_OPT_STATS,
    VIEW_OPT_NO_VSYNC,
    VIEW_OPT_CONTROLS
};

static const struct option view_options[] = {
    {"size", required_argument, NULL, APP_OPT_SIZE},
    {"angle", required_argument, NULL, APP_OPT_ANGLE},
    {"msaa", required_argument, NULL, APP_OPT_MSAA},
    {"output-dir", required_argument, NULL, APP_OPT_OUTPUT_DIR},
    {"snapshot", required_argument, NULL, APP_OPT_SNAPSHOT},
    {"overwrite", no_argument, NULL, APP_OPT_OVERWRITE},
    {"shader-dir", required_argument, NULL, APP_OPT_SHADER_DIR},
    {"script", required_argument, NULL, VIEW_OPT_SCRIPT},
    {"screenshot-dir", required_argument, NULL, VIEW_OPT_SCREENSHOT_DIR},
    {"shot-size", required_argument, NULL, VIEW_OPT_SHOT_SIZE},
    {"stats", no_argument, NULL, VIEW_OPT_STATS},
    {"no-vsync", no_argument, NULL, VIEW_OPT_NO_VSYNC},
    {"controls", no_argument, NULL, VIEW_OPT_CONTROLS},
    APP_MODEL_OPTIONS,
    APP_LOOK_OPTIONS,
    APP_END_OPTIONS};

static void print_help(void)
{
    static char controls[8192];
    fputs(view_help, stdout);
    app_viewer_help_text(controls, sizeof controls);
    fputs(controls, stdout);
}

/* No window: render the same lighting test headless, next to the user's files
 * but never over them. */
static int run_headless_fallback(app_options *options, const char *why)
{
    fprintf(stderr, "glint: %s; rendering the lighting test headless instead\n", why);
    if (!options->size_given) {
        options->width = 1280;
        options->height = 960;
    }
    app_session session;
    core_result r = app_session_open(&session, options, PLAT_BACKEND_HEADLESS, NULL);
    if (r != CORE_OK)
        return app_report(r, NULL);
    io_image image;
    r = app_render_image(&session, options, &image);
    if (r != CORE_OK) {
        app_session_close(&session);
        return app_report(r, NULL);
    }
    char png[4096], json[4096];
    const char *folder = options->output_folder ? options->output_folder : ".";
    cJSON *settings = app_settings_json(&session, options);
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

int app_command_view(int argc, char **argv)
{
    app_options options = {.width = 1280, .height = 800, .samples = 4};
    app_viewer_settings settings = {0};
    app_preset preset;
    const char *preset_file = app_preset_find(argc, argv);
    if (preset_file && app_preset_apply(preset_file, "view", &options, &preset) < 0)
        return APP_EXIT_BAD_INPUT;
    opterr = 0;
    optind = 1;
    int id;
    while ((id = getopt_long(argc, argv, ":vqh", view_options, NULL)) != -1) {
        switch (id) {
        case 'h': print_help(); return APP_EXIT_OK;
        case VIEW_OPT_CONTROLS: app_viewer_controls_markdown(stdout); return APP_EXIT_OK;
        case VIEW_OPT_SCRIPT: settings.script_path = optarg; break;
        case VIEW_OPT_SCREENSHOT_DIR: settings.screenshot_dir = optarg; break;
        case VIEW_OPT_STATS: settings.stats = true; break;
        case VIEW_OPT_NO_VSYNC: options.no_vsync = true; break;
        case VIEW_OPT_SHOT_SIZE:
            if (!app_parse_size(optarg, &settings.shot_width, &settings.shot_height))
                return app_usage_error("view",
                                       "--shot-size %s: expected WIDTHxHEIGHT, each "
                                       "1..16384",
                                       optarg);
            break;
        case 'v': app_parse_common_option(APP_OPT_VERBOSE, NULL, "view", &options); break;
        case 'q': app_parse_common_option(APP_OPT_QUIET, NULL, "view", &options); break;
        case APP_OPT_OUTPUT_DIR: options.output_folder = optarg; break;
        case APP_OPT_SNAPSHOT: options.snapshot_path = optarg; break;
        case ':': return app_usage_error("view", "%s needs a value", argv[optind - 1]);
        case '?': return app_usage_error("view", "unknown option %s", argv[optind - 1]);
        default:
            if (app_parse_common_option(id, optarg, "view", &options) < 0)
                return APP_EXIT_BAD_INPUT;
        }
    }
    if (optind + 1 < argc)
        return app_usage_error("view", "unexpected argument '%s'", argv[optind + 1]);
    options.model_path = optind < argc                         ? argv[optind]
                         : preset_file && preset.model_path[0] ? preset.model_path
                                                               : app_sample_model_path();

    if (options.snapshot_path) {
        /* Before a window opens; on a terminal an existing file is asked about. */
        core_result checked = app_output_check("--snapshot", options.snapshot_path,
                                               options.overwrite || app_output_may_ask());
        if (checked != CORE_OK)
            return app_output_exit(checked);
    }
    if (!plat_display_available()) {
        if (options.snapshot_path || settings.script_path)
            return app_report(core_fail(CORE_ERR_CONTEXT,
                                        "%s needs a display: DISPLAY and "
                                        "WAYLAND_DISPLAY are unset",
                                        options.snapshot_path ? "--snapshot" : "--script"),
                              NULL);
        return run_headless_fallback(&options, "no display (DISPLAY and WAYLAND_DISPLAY are "
                                               "unset)");
    }
    app_session session;
    core_result r = app_session_open(&session, &options, PLAT_BACKEND_WINDOW, "glint");
    if (r == CORE_ERR_CONTEXT && !options.snapshot_path && !settings.script_path) {
        char why[1024];
        snprintf(why, sizeof why, "%s", core_last_error());
        return run_headless_fallback(&options, why);
    }
    if (r != CORE_OK)
        return app_report(r, NULL);
    int code = app_viewer_run(&session, &options, &settings);
    app_session_close(&session);
    return code;
}
