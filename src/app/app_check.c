#define _POSIX_C_SOURCE 200809L
#include "app/app_check.h"
#include "core/core_log.h"

#include "app/app_options.h"
#include "app/app_output.h"
#include "core/core_file.h"
#include "inspect/inspect_life.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char check_usage[] =
    "Usage: glint check MODEL [options]\n"
    "Turns MODEL on the turntable under the lamp, headless, and watches its highlights:\n"
    "flags pinpoints (PIN), hairlines (HAIR), highlights that pop between steps (JIT),\n"
    "sparkling noise (NOISE) and highlights that snap from facet to facet (FACET).\n"
    "docs/detector.md explains each and the report's schema. The --frames pictures paint\n"
    "jitter red, pinpoints and hairlines green, facet edges blue.\n";

static const char check_notes[] =
    "Exit codes: 0 clean, 1 flagged, 2 bad usage or unreadable model, 3 no OpenGL\n"
    "context, 4 an output cannot be written or exists, 5 GPU/driver failure.\n";

/* The check's own settings, from the table's values. */
static app_check_options check_options(const app_options *options)
{
    const settings_values *s = &options->settings;
    app_check_options check = {
        .plan = {.sweep_deg = (float)s->value[SETTINGS_CHECK_SWEEP].number[0],
                 .step_deg =
                     s->given[SETTINGS_STEP] ? (float)s->value[SETTINGS_STEP].number[0] : 0.0f,
                 .max_steps = (int)s->value[SETTINGS_MAX_STEPS].number[0],
                 /* the sweep starts where the shot stands */
                 .start_deg = options->frame.shot.turntable_deg,
                 .display = {.viewing_distance_m =
                                 (float)s->value[SETTINGS_DISPLAY_DISTANCE].number[0] / 1000.0f,
                             .display_width_m =
                                 (float)s->value[SETTINGS_DISPLAY_WIDTH].number[0] / 1000.0f,
                             .display_width_px = (int)s->value[SETTINGS_DISPLAY_PX].number[0]},
                 .ppd = s->given[SETTINGS_PPD] ? (float)s->value[SETTINGS_PPD].number[0] : 0.0f},
        .report_path = s->value[SETTINGS_REPORT].text,
        .frames_folder = s->value[SETTINGS_FRAMES].text,
        .frames_all = s->given[SETTINGS_FRAMES_ALL],
        .plot_path = s->value[SETTINGS_PLOT].text};
    return check;
}

/* `created`: whether this call made it (so a refusal after can take it back). */
static core_result make_folder(const char *folder, bool *created)
{
    struct stat info;
    *created = false;
    if (stat(folder, &info) == 0)
        return S_ISDIR(info.st_mode)
                   ? CORE_OK
                   : core_fail(CORE_ERR_IO, "%s: exists and is not a folder", folder);
    if (mkdir(folder, 0777) != 0)
        return core_fail(CORE_ERR_IO, "%s: cannot create the folder: %s", folder, strerror(errno));
    *created = true;
    return CORE_OK;
}

/* --shown N: the screen's pixels the render covers across, and down in
 * the --size's proportion; 0 when not given (the analysis size). */
static void shown_size(const app_options *options, int *width, int *height)
{
    const settings_values *s = &options->settings;
    *width = *height = 0;
    if (!s->given[SETTINGS_SHOWN])
        return;
    *width = (int)s->value[SETTINGS_SHOWN].number[0];
    *height = (int)lround((double)options->height * (double)*width / (double)options->width);
}

inspect_subject app_check_subject(app_session *session, const app_options *options,
                                  const render_frame_desc *given, render_frame_desc *frame)
{
    *frame = given ? *given : options->frame;
    frame->samples = options->samples;
    inspect_subject subject = {
        &session->render, &session->model, frame, options->width, options->height, 0, 0};
    shown_size(options, &subject.shown_width, &subject.shown_height);
    return subject;
}

static void free_pictures(char **pictures, int count)
{
    for (int i = 0; pictures && i < count; ++i)
        free(pictures[i]);
    free(pictures);
}

/* The picture of a step: the ranges whose worst step it is, named by
 * their flags (PIN+JIT), and a caption in words with where and when. */
static void picture_words(const app_session *session, const inspect_run *run, int first,
                          char *flags, size_t flags_size, char *caption, size_t caption_size,
                          char *place, size_t place_size)
{
    const detect_summary *s = &run->summary;
    const detect_range *range = &s->ranges[first];
    flags[0] = caption[0] = '\0';
    for (int i = first; i < s->range_count; ++i) {
        if (fabsf(s->ranges[i].worst_angle_deg - range->worst_angle_deg) > 1e-3f)
            continue;
        bool said = false; /* two ranges of one flag cannot share a step, but be sure */
        for (int j = first; j < i; ++j)
            said = said || (s->ranges[j].flag == s->ranges[i].flag &&
                            fabsf(s->ranges[j].worst_angle_deg - range->worst_angle_deg) <= 1e-3f);
        if (said)
            continue;
        size_t used = strlen(flags), told = strlen(caption);
        snprintf(flags + used, flags_size - used, "%s%s", used ? "+" : "",
                 detect_flag_name(s->ranges[i].flag));
        snprintf(caption + told, caption_size - told, "%s%s", told ? " and " : "",
                 inspect_flag_word(s->ranges[i].flag));
    }
    size_t told = strlen(caption);
    snprintf(caption + told, caption_size - told, " on %s at %.4g deg",
             inspect_part_name(&session->model, range->where.part), (double)range->worst_angle_deg);
    inspect_place(&session->model.bounds, range->where.centroid, place, place_size);
}

/* One picture: the step at `angle`, captioned as range `index`, as
 * DIR/<model>-<FLAGS>-<deg>.png; its path in `path`. */
static core_result write_picture(app_session *session, const app_options *options,
                                 const app_check_options *check, const inspect_run *run, int index,
                                 float angle, const inspect_subject *subject, uint8_t *marks,
                                 char *path, size_t path_size)
{
    char stem[256], flags[64], caption[256], place[96], name[400];
    core_path_stem(options->model_path, stem, sizeof stem);
    picture_words(session, run, index, flags, sizeof flags, caption, sizeof caption, place,
                  sizeof place);
    snprintf(name, sizeof name, "%s-%s-%06.2fdeg.png", stem, flags, (double)angle);
    core_result r = core_path_join(check->frames_folder, name, path, path_size);
    io_image shot = {0}, picture = {0};
    if (r == CORE_OK)
        r = inspect_picture_marked(subject, &run->plan, angle, &shot, marks);
    if (r == CORE_OK)
        r = app_check_decorate(&shot, marks, caption, place, &picture);
    /* its settings are the picture's: drawn at the shown size */
    app_options drawn = *options;
    inspect_shown_size(subject, &drawn.width, &drawn.height);
    if (r == CORE_OK)
        r = app_check_write_png(path, session, &drawn, check, &run->plan, angle, &picture);
    io_image_free(&shot);
    io_image_free(&picture);
    return r;
}

/* --frames-all: every other flagged step of each range, each angle once. */
static core_result write_every_step(app_session *session, const app_options *options,
                                    const app_check_options *check, const inspect_run *run,
                                    const inspect_subject *subject, uint8_t *marks)
{
    const detect_summary *s = &run->summary;
    bool *written = calloc((size_t)run->frame_count, sizeof *written);
    if (!written)
        return core_fail(CORE_ERR_NO_MEMORY, "out of memory for the pictures");
    for (int i = 0; i < s->range_count; ++i)
        if (s->ranges[i].worst >= 0 && s->ranges[i].worst < run->frame_count)
            written[s->ranges[i].worst] = true;
    core_result r = CORE_OK;
    for (int i = 0; i < s->range_count && r == CORE_OK; ++i) {
        const detect_range *range = &s->ranges[i];
        for (int k = range->first; k <= range->last && r == CORE_OK; ++k) {
            if (k < 0 || k >= run->frame_count || written[k] ||
                !(run->frames[k].flags & DETECT_FLAG_BIT(range->flag)))
                continue;
            written[k] = true;
            char path[4096];
            r = write_picture(session, options, check, run, i, run->frames[k].angle_deg, subject,
                              marks, path, sizeof path);
        }
    }
    free(written);
    return r;
}

/* Writes the worst step of every flagged range as DIR/<model>-<FLAGS>-<deg>.png,
 * one picture per step however many ranges share it, ringed, with a legend
 * and a caption; returns their paths in *pictures, one per range. With
 * --frames-all, every other flagged step too. */
static core_result write_pictures(app_session *session, const app_options *options,
                                  const app_check_options *check, const inspect_run *run,
                                  char ***pictures)
{
    const detect_summary *s = &run->summary;
    if (!s->range_count)
        return CORE_OK;
    render_frame_desc look;
    inspect_subject subject = app_check_subject(session, options, NULL, &look);
    int sw, sh;
    inspect_shown_size(&subject, &sw, &sh);
    char **paths = *pictures = calloc((size_t)s->range_count, sizeof *paths);
    uint8_t *marks = calloc((size_t)sw * (size_t)sh, 4);
    if (!paths || !marks) {
        free(marks);
        return core_fail(CORE_ERR_NO_MEMORY, "out of memory for the pictures");
    }
    core_result r = CORE_OK;
    for (int i = 0; i < s->range_count && r == CORE_OK; ++i) {
        const detect_range *range = &s->ranges[i];
        int same = -1;
        for (int j = 0; j < i && same < 0; ++j)
            same = fabsf(s->ranges[j].worst_angle_deg - range->worst_angle_deg) <= 1e-3f ? j : -1;
        if (same >= 0) {
            if (!(paths[i] = strdup(paths[same])))
                r = core_fail(CORE_ERR_NO_MEMORY, "out of memory for the pictures' names");
            continue;
        }
        char path[4096];
        r = write_picture(session, options, check, run, i, range->worst_angle_deg, &subject, marks,
                          path, sizeof path);
        if (r == CORE_OK && !(paths[i] = strdup(path)))
            r = core_fail(CORE_ERR_NO_MEMORY, "out of memory for the pictures' names");
    }
    if (r == CORE_OK && check->frames_all)
        r = write_every_step(session, options, check, run, &subject, marks);
    free(marks);
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
    inspect_subject subject = app_check_subject(session, options, NULL, &look);
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
    inspect_advice advice;
    core_result advised = inspect_advise(&session->model, &options->frame, run, &advice);
    if (advised == CORE_OK)
        inspect_advice_at_scale(&advice, &session->scale);
    core_result r = advised;
    if (r == CORE_OK && check->frames_folder)
        r = write_pictures(session, options, check, run, &pictures);
    if (r == CORE_OK && check->report_path)
        r = app_check_write_report(check->report_path, session, options, check, run, &advice,
                                   pictures);
    if (r == CORE_OK && check->plot_path)
        r = app_check_write_plot(check->plot_path, session, options, check, run, &advice);
    if (advised == CORE_OK && !options->quiet)
        app_check_print_summary(session, options, run, &advice, pictures);
    free_pictures(pictures, run->summary.range_count);
    inspect_advice_free(&advice);
    return r;
}

static int finish_exit(core_result r)
{
    if (r == CORE_OK)
        return APP_EXIT_OK;
    int code = app_report(r, NULL);
    return r == CORE_ERR_IO ? APP_EXIT_OUTPUT : code;
}

/* An empty view has no highlight to flag: that is no PASS. */
static bool covers_pixels(const inspect_run *run)
{
    for (int i = 0; i < run->frame_count; ++i)
        if (run->frames[i].object_px > 0)
            return true;
    return false;
}

static int check_command(app_options *options)
{
    if (!options->model_path)
        return app_usage_error("check", "no MODEL given");
    app_check_options check = check_options(options);
    if (options->width < 16 || options->height < 16)
        return app_usage_error("check", "--size %dx%d: the detector needs at least 16x16",
                               options->width, options->height);
    int shown_width, shown_height;
    shown_size(options, &shown_width, &shown_height);
    if (shown_width > options->width)
        return app_usage_error("check",
                               "--shown %d: at most the --size's width, %d (a finer analysis is "
                               "averaged down to the screen's pixels, never up)",
                               shown_width, options->width);
    if (shown_width && shown_height < 16)
        return app_usage_error("check",
                               "--shown %d: %dx%d at the --size's proportions; the "
                               "detector needs at least 16x16",
                               shown_width, shown_width, shown_height);
    if (shown_width && options->width % shown_width != 0) {
        /* Measured: at 1.5 analysis pixels a screen pixel, H's edges and the
         * 8 px beads gained a step that whole multiples do not show. */
        int whole = (options->width / shown_width + 1) * shown_width;
        core_log(CORE_LOG_WARNING,
                 "--size %dx%d is %.3g analysis pixels a screen pixel at --shown %d: a whole "
                 "multiple (--size %dx%d) judges alike at every size (docs/detector.md, "
                 "\"The analysis size\")",
                 options->width, options->height,
                 (double)options->width / (double)shown_width, shown_width, whole,
                 (int)lround((double)options->height * whole / options->width));
    }
    if (options->frame.view != RENDER_VIEW_SHADED)
        return app_usage_error("check", "--view: the detector always judges the shaded view");
    if (check.frames_all && !check.frames_folder)
        return app_usage_error("check", "--frames-all: give --frames DIR for the pictures");

    /* Before minutes of rendering: outputs that exist (unless --overwrite),
     * are not regular files, or have no folder to go in. The --frames
     * folder first: the report and the plot may go in it. */
    core_result r = CORE_OK;
    bool frames_created = false;
    if (check.frames_folder)
        r = check.frames_folder[0] ? make_folder(check.frames_folder, &frames_created)
                                   : core_fail(CORE_ERR_ARGUMENT, "--frames: empty folder name");
    if (r == CORE_OK && check.report_path)
        r = app_output_check("--report", check.report_path, options->overwrite);
    if (r == CORE_OK && check.plot_path)
        r = app_output_check_image("--plot", check.plot_path, options, options->overwrite);
    if (r != CORE_OK) {
        if (frames_created)
            rmdir(check.frames_folder); /* refused: leave nothing behind */
        return app_output_exit(r);
    }

    app_session session;
    r = app_session_open(&session, options, PLAT_BACKEND_HEADLESS, NULL);
    if (r != CORE_OK)
        return app_report(r, NULL);
    inspect_run run = {0};
    r = sweep(&session, options, &check, &run);
    if (r == CORE_OK && !covers_pixels(&run))
        r = core_fail(CORE_ERR_ARGUMENT,
                      "%s: the model covers no pixel of the %dx%d view at any step (see --pan, "
                      "--zoom and --camera-*): nothing to judge",
                      options->model_path, options->width, options->height);
    if (r != CORE_OK) {
        inspect_run_free(&run);
        app_session_close(&session);
        return app_report(r, NULL);
    }
    r = write_outputs(&session, options, &check, &run);
    bool flagged = run.summary.flagged;
    inspect_run_free(&run);
    app_session_close(&session);
    if (r != CORE_OK)
        return finish_exit(r);
    return flagged ? APP_EXIT_FLAGGED : APP_EXIT_OK;
}

int app_command_check(int argc, char **argv)
{
    app_options options;
    app_options_init(&options, SETTINGS_CHECK);
    int code = app_options_parse(&options, argc, argv, check_usage, check_notes);
    if (code < 0)
        code = check_command(&options);
    app_options_free(&options);
    return code;
}
