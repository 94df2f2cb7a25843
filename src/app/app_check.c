#define _POSIX_C_SOURCE 200809L
#include "app/app_check.h"

#include "app/app_options.h"
#include "app/app_output.h"
#include "app/app_preset.h"
#include "core/core_file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum check_option_id {
    CHECK_OPT_SWEEP = 2000,
    CHECK_OPT_STEP,
    CHECK_OPT_MAX_STEPS,
    CHECK_OPT_REPORT,
    CHECK_OPT_FRAMES,
    CHECK_OPT_PLOT,
    CHECK_OPT_DISPLAY_DISTANCE,
    CHECK_OPT_DISPLAY_WIDTH,
    CHECK_OPT_DISPLAY_PX,
    CHECK_OPT_PPD
};

static const char check_help[] =
    "Usage: glint check MODEL [options]\n"
    "Turns MODEL on the turntable under the lamp, headless, and watches its highlights:\n"
    "flags pinpoints (PIN), hairlines (HAIR), highlights that pop between steps (JIT),\n"
    "sparkling noise (NOISE) and highlights that snap from facet to facet (FACET).\n"
    "docs/detector.md explains each and the report's schema.\n"
    "\n"
    "      --sweep DEG       how far the turntable turns, 1-360 (default 360)\n"
    "      --angle DEG       where the sweep starts (default 0)\n"
    "      --step DEG        turntable step, 0.05-45 (default: a quarter of the glossiest\n"
    "                        part's lobe, alpha'/4 radians, but at most --max-steps steps)\n"
    "      --max-steps N     the cap on the default step's count (default 300)\n"
    "      --report FILE     write the JSON report (schema: docs/detector.md)\n"
    "      --frames DIR      write the worst step of each flagged range as a PNG with the\n"
    "                        detections painted on (jitter red, pinpoints and hairlines\n"
    "                        green, facet edges blue)\n"
    "      --plot FILE       write a PNG of the scores against the turntable angle\n"
    "      --size WxH        analysis size in pixels (default 512x512)\n"
    "      --display-distance MM  your eyes' distance from the screen (default 600)\n"
    "      --display-width MM     the screen's width (default 597, a 27-inch 16:9)\n"
    "      --display-px N         the screen's width in pixels (default 2560)\n"
    "      --ppd X           pixels per degree of your view, instead of the three above\n"
    "                        (the render is judged as shown 1:1 on that screen)\n"
    "      --msaa N          samples per pixel of the --frames pictures (default 4)\n"
    "      --overwrite       replace the report, plot and pictures if they "
    "exist\n" APP_LOOK_OPTIONS_HELP APP_MODEL_OPTIONS_HELP
    "      --shader-dir DIR  development: load GLSL from DIR instead of the built-in copies\n"
    "  -v, --verbose         say more (each step with -v)\n"
    "  -q, --quiet           print nothing but errors\n"
    "  -h, --help            show this help\n"
    "\n"
    "Exit codes: 0 clean, 1 flagged, 2 bad usage or unreadable model, 3 no OpenGL\n"
    "context, 4 an output cannot be written or exists, 5 GPU/driver failure.\n";

static const struct option check_options[] = {
    {"sweep", required_argument, NULL, CHECK_OPT_SWEEP},
    {"step", required_argument, NULL, CHECK_OPT_STEP},
    {"max-steps", required_argument, NULL, CHECK_OPT_MAX_STEPS},
    {"report", required_argument, NULL, CHECK_OPT_REPORT},
    {"frames", required_argument, NULL, CHECK_OPT_FRAMES},
    {"plot", required_argument, NULL, CHECK_OPT_PLOT},
    {"display-distance", required_argument, NULL, CHECK_OPT_DISPLAY_DISTANCE},
    {"display-width", required_argument, NULL, CHECK_OPT_DISPLAY_WIDTH},
    {"display-px", required_argument, NULL, CHECK_OPT_DISPLAY_PX},
    {"ppd", required_argument, NULL, CHECK_OPT_PPD},
    {"angle", required_argument, NULL, APP_OPT_ANGLE},
    APP_IMAGE_OPTIONS,
    APP_MODEL_OPTIONS,
    APP_LOOK_OPTIONS,
    APP_END_OPTIONS};

/* Returns 1 if handled, -1 on a bad value (after one line), 0 if not ours. */
static int parse_check_option(int id, const char *value, app_check_options *check)
{
    float number = 0.0f;
    bool ok = true;
    switch (id) {
    case CHECK_OPT_SWEEP:
        ok = app_parse_number("check", "--sweep", value, 1.0f, 360.0f, "degrees in 1-360",
                              &check->plan.sweep_deg);
        break;
    case CHECK_OPT_STEP:
        ok = app_parse_number("check", "--step", value, 0.05f, 45.0f, "degrees in 0.05-45",
                              &check->plan.step_deg);
        break;
    case CHECK_OPT_MAX_STEPS:
        ok = app_parse_number("check", "--max-steps", value, 2.0f, 20000.0f,
                              "a whole number in 2-20000", &number);
        if (ok && number != (float)(int)number)
            ok = app_usage_error("check", "--max-steps %s: expected a whole number", value) == 0;
        check->plan.max_steps = (int)number;
        break;
    case CHECK_OPT_REPORT: check->report_path = value; break;
    case CHECK_OPT_FRAMES: check->frames_folder = value; break;
    case CHECK_OPT_PLOT: check->plot_path = value; break;
    case CHECK_OPT_DISPLAY_DISTANCE:
        ok = app_parse_number("check", "--display-distance", value, 100.0f, 5000.0f,
                              "millimetres in 100-5000", &number);
        check->plan.display.viewing_distance_m = number / 1000.0f;
        break;
    case CHECK_OPT_DISPLAY_WIDTH:
        ok = app_parse_number("check", "--display-width", value, 50.0f, 5000.0f,
                              "millimetres in 50-5000", &number);
        check->plan.display.display_width_m = number / 1000.0f;
        break;
    case CHECK_OPT_DISPLAY_PX:
        ok = app_parse_number("check", "--display-px", value, 64.0f, 16384.0f,
                              "a whole number of pixels in 64-16384", &number);
        if (ok && number != (float)(int)number)
            ok = app_usage_error("check", "--display-px %s: expected a whole number", value) == 0;
        check->plan.display.display_width_px = (int)number;
        break;
    case CHECK_OPT_PPD:
        ok = app_parse_number("check", "--ppd", value, 5.0f, 500.0f, "pixels per degree in 5-500",
                              &check->plan.ppd);
        break;
    default: return 0;
    }
    return ok ? 1 : -1;
}

/* The preset keys `glint check` reads through its own flags: a check
 * picture's "check" object (the report's) re-runs that check. */
static const struct {
    const char *path;
    int option;
} check_keys[] = {
    {"check.sweep_deg", CHECK_OPT_SWEEP},
    {"check.step_deg", CHECK_OPT_STEP},
    {"check.max_steps", CHECK_OPT_MAX_STEPS},
    {"check.display.viewing_distance_mm", CHECK_OPT_DISPLAY_DISTANCE},
    {"check.display.width_mm", CHECK_OPT_DISPLAY_WIDTH},
    {"check.display.width_px", CHECK_OPT_DISPLAY_PX},
};

static int apply_check_keys(const char *file, const app_preset *preset, app_check_options *check)
{
    for (size_t i = 0; i < sizeof check_keys / sizeof *check_keys; ++i) {
        const char *value = app_preset_check_value(preset, check_keys[i].path);
        if (!value)
            continue;
        app_usage_context(file, check_keys[i].path);
        int handled = parse_check_option(check_keys[i].option, value, check);
        app_usage_context(NULL, NULL);
        if (handled < 0)
            return -1;
    }
    /* The report writes the ppd it used; it was a setting only when given. */
    const char *given = app_preset_check_value(preset, "check.display.ppd_given");
    const char *ppd = app_preset_check_value(preset, "check.ppd");
    if (given && strcmp(given, "true") == 0 && ppd) {
        app_usage_context(file, "check.ppd");
        int handled = parse_check_option(CHECK_OPT_PPD, ppd, check);
        app_usage_context(NULL, NULL);
        if (handled < 0)
            return -1;
    }
    return 0;
}

static core_result make_folder(const char *folder)
{
    struct stat info;
    if (stat(folder, &info) == 0)
        return S_ISDIR(info.st_mode)
                   ? CORE_OK
                   : core_fail(CORE_ERR_IO, "%s: exists and is not a folder", folder);
    if (mkdir(folder, 0777) != 0)
        return core_fail(CORE_ERR_IO, "%s: cannot create the folder: %s", folder, strerror(errno));
    return CORE_OK;
}

inspect_subject app_check_subject(app_session *session, const app_options *options,
                                  render_frame_desc *frame)
{
    *frame = options->frame;
    frame->samples = options->samples;
    return (inspect_subject){&session->render, &session->model, frame, options->width,
                             options->height};
}

static void free_pictures(char **pictures, int count)
{
    for (int i = 0; pictures && i < count; ++i)
        free(pictures[i]);
    free(pictures);
}

/* Writes the worst step of every flagged range as DIR/<model>-<FLAG>-<deg>.png
 * and returns their paths in *pictures, one per range. */
static core_result write_pictures(app_session *session, const app_options *options,
                                  const app_check_options *check, const inspect_run *run,
                                  char ***pictures)
{
    const detect_summary *s = &run->summary;
    if (!s->range_count)
        return CORE_OK;
    char **paths = *pictures = calloc((size_t)s->range_count, sizeof *paths);
    if (!paths)
        return core_fail(CORE_ERR_NO_MEMORY, "out of memory for the pictures' names");
    render_frame_desc look;
    inspect_subject subject = app_check_subject(session, options, &look);
    char stem[256];
    core_path_stem(options->model_path, stem, sizeof stem);
    core_result r = CORE_OK;
    for (int i = 0; i < s->range_count && r == CORE_OK; ++i) {
        const detect_range *range = &s->ranges[i];
        char name[400], path[4096];
        snprintf(name, sizeof name, "%s-%s-%06.2fdeg.png", stem, detect_flag_name(range->flag),
                 (double)range->worst_angle_deg);
        r = core_path_join(check->frames_folder, name, path, sizeof path);
        io_image picture = {0};
        if (r == CORE_OK)
            r = inspect_picture(&subject, &run->plan, range->worst_angle_deg, &picture);
        if (r == CORE_OK)
            r = app_check_write_png(path, session, options, check, &run->plan,
                                    range->worst_angle_deg, &picture);
        io_image_free(&picture);
        if (r == CORE_OK && !(paths[i] = strdup(path)))
            r = core_fail(CORE_ERR_NO_MEMORY, "out of memory for the pictures' names");
    }
    return r;
}

static void show_progress(void *user, int done, int total)
{
    app_progress_show(user, done, total);
}

/* The plan and the sweep, with the progress bar. */
static core_result sweep(app_session *session, const app_options *options,
                         const app_check_options *check, inspect_run *run)
{
    render_frame_desc look;
    inspect_subject subject = app_check_subject(session, options, &look);
    inspect_plan plan;
    core_result r = inspect_make_plan(&session->model, &look, &check->plan, &plan);
    app_progress bar;
    app_progress_begin(&bar, "check", options->quiet);
    inspect_progress progress = {show_progress, &bar};
    if (r == CORE_OK)
        r = inspect_sweep(&subject, &plan, &progress, run);
    return r;
}

/* The outputs asked for, then the summary on stdout. */
static core_result write_outputs(app_session *session, const app_options *options,
                                 const app_check_options *check, const inspect_run *run)
{
    char **pictures = NULL;
    core_result r = CORE_OK;
    if (check->frames_folder)
        r = write_pictures(session, options, check, run, &pictures);
    if (r == CORE_OK && check->report_path)
        r = app_check_write_report(check->report_path, session, options, check, run, pictures);
    if (r == CORE_OK && check->plot_path)
        r = app_check_write_plot(check->plot_path, session, options, check, run);
    if (!options->quiet)
        app_check_print_summary(session, options, run, pictures);
    free_pictures(pictures, run->summary.range_count);
    return r;
}

static int finish_exit(core_result r)
{
    if (r == CORE_OK)
        return APP_EXIT_OK;
    int code = app_report(r, NULL);
    return r == CORE_ERR_IO ? APP_EXIT_OUTPUT : code;
}

int app_command_check(int argc, char **argv)
{
    app_options options = {.width = 512, .height = 512, .samples = 4};
    app_check_options check = {0};
    app_preset preset;
    const char *preset_file = app_preset_find(argc, argv);
    if (preset_file && (app_preset_apply(preset_file, "check", &options, &preset) < 0 ||
                        apply_check_keys(preset_file, &preset, &check) < 0))
        return APP_EXIT_BAD_INPUT;
    opterr = 0;
    optind = 1;
    int id;
    while ((id = getopt_long(argc, argv, ":vqh", check_options, NULL)) != -1) {
        int handled;
        switch (id) {
        case 'h': fputs(check_help, stdout); return APP_EXIT_OK;
        case 'v': app_parse_common_option(APP_OPT_VERBOSE, NULL, "check", &options); break;
        case 'q': app_parse_common_option(APP_OPT_QUIET, NULL, "check", &options); break;
        case ':': return app_usage_error("check", "%s needs a value", argv[optind - 1]);
        case '?': return app_usage_error("check", "unknown option %s", argv[optind - 1]);
        default:
            handled = parse_check_option(id, optarg, &check);
            if (handled == 0)
                handled = app_parse_common_option(id, optarg, "check", &options);
            if (handled < 0)
                return APP_EXIT_BAD_INPUT;
        }
    }
    if (!app_preset_model("check", argc, argv, preset_file, &preset, &options))
        return APP_EXIT_BAD_INPUT;
    if (options.width < 16 || options.height < 16)
        return app_usage_error("check", "--size %dx%d: the detector needs at least 16x16",
                               options.width, options.height);
    if (options.frame.view != RENDER_VIEW_SHADED)
        return app_usage_error("check", "--view: the detector always judges the shaded view");

    /* Before minutes of rendering: outputs that exist (unless --overwrite),
     * are not regular files, or have no folder to go in. */
    core_result r = CORE_OK;
    if (check.report_path)
        r = app_output_check("--report", check.report_path, options.overwrite);
    if (r == CORE_OK && check.plot_path)
        r = app_output_check("--plot", check.plot_path, options.overwrite);
    if (r == CORE_OK && check.frames_folder)
        r = check.frames_folder[0] ? make_folder(check.frames_folder)
                                   : core_fail(CORE_ERR_ARGUMENT, "--frames: empty folder name");
    if (r != CORE_OK)
        return app_output_exit(r);

    app_session session;
    r = app_session_open(&session, &options, PLAT_BACKEND_HEADLESS, NULL);
    if (r != CORE_OK)
        return app_report(r, NULL);
    /* The sweep starts where the shot stands. */
    check.plan.start_deg = options.frame.shot.turntable_deg;
    inspect_run run = {0};
    r = sweep(&session, &options, &check, &run);
    if (r != CORE_OK) {
        inspect_run_free(&run);
        app_session_close(&session);
        return app_report(r, NULL);
    }
    r = write_outputs(&session, &options, &check, &run);
    bool flagged = run.summary.flagged;
    inspect_run_free(&run);
    app_session_close(&session);
    if (r != CORE_OK)
        return finish_exit(r);
    return flagged ? APP_EXIT_FLAGGED : APP_EXIT_OK;
}
