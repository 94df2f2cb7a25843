#define _POSIX_C_SOURCE 200809L
#include "app/app_options.h"
#include "app/app_preset.h"

#include "core/core_file.h"
#include "core/core_log.h"
#include "gfx/gfx.h"
#include "io/io_image.h"

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
    "      --snapshot FILE   automation: show one frame, save the window's back buffer as a\n"
    "                        PNG, and quit (the turntable stands still)\n"
    "      --overwrite       let --snapshot replace an existing file\n" APP_LOOK_OPTIONS_HELP
        APP_MODEL_OPTIONS_HELP
    "      --shader-dir DIR  development: load GLSL from DIR instead of the built-in copies\n"
    "  -v, --verbose / -q, --quiet / -h, --help\n"
    "\n"
    "In the window: left-drag orbits the camera, wheel zooms, Space starts/stops the\n"
    "turntable (10 deg/s), Left/Right turn it by 15 deg, Home resets the view, Esc or Q quits.\n";

static const struct option view_options[] = {
    {"size", required_argument, NULL, APP_OPT_SIZE},
    {"angle", required_argument, NULL, APP_OPT_ANGLE},
    {"msaa", required_argument, NULL, APP_OPT_MSAA},
    {"output-dir", required_argument, NULL, APP_OPT_OUTPUT_DIR},
    {"snapshot", required_argument, NULL, APP_OPT_SNAPSHOT},
    {"overwrite", no_argument, NULL, APP_OPT_OVERWRITE},
    {"shader-dir", required_argument, NULL, APP_OPT_SHADER_DIR},
    APP_MODEL_OPTIONS,
    APP_LOOK_OPTIONS,
    APP_END_OPTIONS};

static double now_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* What the mouse and keys change; the rest of the shot stays as given. */
typedef struct view_state {
    scene_shot initial;
    scene_shot shot;
    bool turning;
    double last_cursor_x, last_cursor_y;
    bool dragging;
} view_state;

static const float turntable_speed_deg = 10.0f; /* "rotate slowly" */

static void update_title(plat_context *platform, const char *model_path, bool turning)
{
    char title[512];
    snprintf(title, sizeof title, "glint - %s - turntable %s", core_path_basename(model_path),
             turning ? "turning (Space stops)" : "stopped (Space turns)");
    plat_window_set_title(platform, title);
}

static void handle_input(view_state *state, plat_context *platform, const char *model_path,
                         const scene_bounds *bounds, double seconds)
{
    const plat_input *input = plat_window_input(platform);
    if (plat_window_key_pressed(platform, PLAT_KEY_SPACE)) {
        state->turning = !state->turning;
        update_title(platform, model_path, state->turning);
    }
    if (plat_window_key_pressed(platform, PLAT_KEY_HOME))
        state->shot = state->initial;
    if (plat_window_key_pressed(platform, PLAT_KEY_LEFT))
        state->shot.turntable_deg -= 15.0f;
    if (plat_window_key_pressed(platform, PLAT_KEY_RIGHT))
        state->shot.turntable_deg += 15.0f;
    if (state->turning)
        state->shot.turntable_deg += (float)(turntable_speed_deg * seconds);
    state->shot.turntable_deg = fmodf(state->shot.turntable_deg, 360.0f);

    scene_camera_desc *camera = &state->shot.camera;
    /* Drags and the wheel change the camera as it stands, defaults included. */
    scene_camera_desc current = scene_shot_resolve(&state->shot, bounds).camera;
    if (input->buttons[0] && state->dragging) {
        camera->azimuth_deg -= (float)(input->cursor_x - state->last_cursor_x) * 0.3f;
        float elevation =
            current.elevation_deg + (float)(input->cursor_y - state->last_cursor_y) * 0.3f;
        /* Exactly 0 means "default" in a desc; nudge past it. */
        camera->elevation_deg = fminf(fmaxf(elevation, -85.0f), 85.0f);
        if (camera->elevation_deg == 0.0f)
            camera->elevation_deg = 0.001f;
    }
    state->dragging = input->buttons[0];
    state->last_cursor_x = input->cursor_x;
    state->last_cursor_y = input->cursor_y;
    if (input->scroll_y != 0.0)
        camera->fill = fminf(fmaxf(current.fill * powf(1.1f, (float)input->scroll_y), 0.2f), 4.0f);
}

static core_result save_snapshot(const char *path, const app_options *options, int width,
                                 int height)
{
    io_image image;
    core_result r = io_image_alloc(&image, width, height);
    if (r == CORE_OK)
        r = gfx_read_back_buffer(width, height, image.pixels);
    if (r == CORE_OK)
        r = app_write_png(path, options, &image);
    io_image_free(&image);
    if (r == CORE_OK && !options->quiet)
        printf("glint: wrote %s (%dx%d, the window's back buffer)\n", path, width, height);
    return r;
}

static int run_window(app_session *session, const app_options *options)
{
    plat_context *platform = session->platform;
    view_state state = {.initial = options->frame.shot,
                        .shot = options->frame.shot,
                        .turning = options->snapshot_path == NULL};
    update_title(platform, options->model_path, state.turning);
    gfx_target target = {0};
    double last = now_seconds();
    int exit_code = APP_EXIT_OK;
    while (!plat_window_should_close(platform)) {
        plat_window_poll(platform);
        if (plat_window_key_pressed(platform, PLAT_KEY_ESCAPE) ||
            plat_window_key_pressed(platform, PLAT_KEY_Q))
            break;
        double now = now_seconds();
        handle_input(&state, platform, options->model_path, &session->model.bounds, now - last);
        last = now;

        int width, height;
        plat_window_framebuffer_size(platform, &width, &height);
        if (width <= 0 || height <= 0) {
            struct timespec pause = {0, 50 * 1000 * 1000}; /* minimised: idle */
            nanosleep(&pause, NULL);
            continue;
        }
        if (target.width != width || target.height != height) {
            gfx_target_unload(&target);
            core_result r = gfx_target_create(width, height, 1, GFX_COLOR_RGBA8, &target);
            if (r != CORE_OK) {
                exit_code = app_report(r, NULL);
                break;
            }
        }
        render_frame_desc frame = options->frame;
        frame.shot = state.shot;
        frame.samples = options->samples;
        core_result drawn = render_frame(&session->render, &session->model, &frame, &target);
        if (drawn != CORE_OK) {
            exit_code = app_report(drawn, NULL);
            break;
        }
        gfx_target_present(&target, width, height);
        if (options->snapshot_path) {
            core_result r = save_snapshot(options->snapshot_path, options, width, height);
            if (r != CORE_OK) {
                app_report(r, NULL);
                exit_code = r == CORE_ERR_GPU ? APP_EXIT_GPU : APP_EXIT_OUTPUT;
            }
            break;
        }
        plat_window_swap(platform);
    }
    gfx_target_unload(&target);
    return exit_code;
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
    r = app_write_unique_png(folder, options->model_path, &image, png, json, sizeof png);
    if (r == CORE_OK)
        r = app_write_settings(json, &session, options);
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
    app_preset preset;
    const char *preset_file = app_preset_find(argc, argv);
    if (preset_file && app_preset_apply(preset_file, "view", &options, &preset) < 0)
        return APP_EXIT_BAD_INPUT;
    opterr = 0;
    optind = 1;
    int id;
    while ((id = getopt_long(argc, argv, ":vqh", view_options, NULL)) != -1) {
        switch (id) {
        case 'h': fputs(view_help, stdout); return APP_EXIT_OK;
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

    if (!plat_display_available()) {
        if (options.snapshot_path)
            return app_report(core_fail(CORE_ERR_CONTEXT, "--snapshot needs a display: DISPLAY "
                                                          "and WAYLAND_DISPLAY are unset"),
                              NULL);
        return run_headless_fallback(&options, "no display (DISPLAY and WAYLAND_DISPLAY are "
                                               "unset)");
    }
    app_session session;
    core_result r = app_session_open(&session, &options, PLAT_BACKEND_WINDOW, "glint");
    if (r == CORE_ERR_CONTEXT && !options.snapshot_path) {
        char why[1024];
        snprintf(why, sizeof why, "%s", core_last_error());
        return run_headless_fallback(&options, why);
    }
    if (r != CORE_OK)
        return app_report(r, NULL);
    int code = run_window(&session, &options);
    app_session_close(&session);
    return code;
}
