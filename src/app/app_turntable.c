#define _POSIX_C_SOURCE 200809L
#include "app/app_options.h"
#include "app/app_output.h"
#include "app/app_png_thread.h"
#include "draw/draw_sheet.h"
#include "app/app_video.h"

#include "core/core_file.h"
#include "io/io_image.h"

#include <cjson/cJSON.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static const char turntable_usage[] =
    "Usage: glint turntable [MODEL] -o OUT | --video OUT.mp4 [options]\n"
    "       (MODEL may come from --preset)\n"
    "Renders the model at N turntable angles, headless, under the same lamp. OUT ending in\n"
    ".png gets a contact sheet: a grid of the frames, each labelled with its angle, under a\n"
    "title strip with the model, finish and lamp. Any other OUT is a folder that gets the\n"
    "frames as numbered PNGs (created if missing).\n";

static const char turntable_notes[] =
    "Exit codes: 0 written, 2 bad usage or unreadable model, 3 no OpenGL context,\n"
    "4 an output cannot be written or exists (or --video without ffmpeg), 5 GPU/driver\n"
    "failure.\n";

typedef struct turntable_plan {
    int steps;
    float sweep_deg;
    int columns;
    const char *output; /* NULL: the video alone */
    bool sheet;
    const char *video;
    float fps;
} turntable_plan;

static float angle_of(const app_options *options, const turntable_plan *plan, int k)
{
    bool around = plan->sweep_deg >= 360.0f - 1e-3f;
    float step = plan->sweep_deg / (float)(around ? plan->steps : plan->steps - 1);
    return options->frame.shot.turntable_deg + step * (float)k;
}

static void frame_path(const app_options *options, const turntable_plan *plan, int k, char *path,
                       size_t size)
{
    char stem[256], name[300];
    core_path_stem(options->model_path, stem, sizeof stem);
    snprintf(name, sizeof name, "%s-%03d.png", stem, k);
    if (core_path_join(plan->output, name, path, size) != CORE_OK)
        path[0] = '\0';
}

/* Before any rendering: the sheet, the frames and the video must not exist
 * (unless --overwrite) and be regular files if they do, and the folder must
 * be there or be made. Each file is created without clobbering all the same:
 * one may appear while rendering. */
static core_result prepare_output(const app_options *options, const turntable_plan *plan)
{
    if (plan->video) {
        char ffmpeg[4096];
        core_result r = app_video_find_ffmpeg(ffmpeg, sizeof ffmpeg);
        if (r == CORE_OK)
            r = app_output_check("--video", plan->video, options->overwrite);
        if (r != CORE_OK)
            return r;
    }
    if (!plan->output)
        return CORE_OK;
    if (plan->sheet || app_image_name(plan->output))
        return app_output_check_image("-o", plan->output, options, options->overwrite);
    if (!plan->output[0])
        return app_output_check("-o", plan->output, options->overwrite);
    struct stat info;
    if (stat(plan->output, &info) == 0 && !S_ISDIR(info.st_mode))
        return core_fail(CORE_ERR_IO, "%s: exists and is not a folder", plan->output);
    if (stat(plan->output, &info) != 0 && mkdir(plan->output, 0777) != 0)
        return core_fail(CORE_ERR_IO, "%s: cannot create the folder: %s", plan->output,
                         strerror(errno));
    for (int k = 0; k < plan->steps; ++k) {
        char path[4096];
        frame_path(options, plan, k, path, sizeof path);
        core_result r = path[0] ? app_output_check("-o", path, options->overwrite)
                                : core_fail(CORE_ERR_IO, "%s: path is too long", plan->output);
        if (r != CORE_OK)
            return r;
    }
    return CORE_OK;
}

/* The title strip: the model and angles, then the finish and view, then the lamp. */
static void title_sheet(draw_sheet *sheet, const app_session *session, const app_options *options,
                        const turntable_plan *plan)
{
    scene_shot shot = scene_shot_resolve(&options->frame.shot, &session->model.bounds);
    char line[512];
    snprintf(line, sizeof line, "%s: %d angles over %.4g\xc2\xb0",
             core_path_basename(options->model_path), plan->steps, (double)plan->sweep_deg);
    draw_sheet_title(sheet, 0, line);
    snprintf(line, sizeof line, "%s, %s view",
             options->frame.finish == SCENE_FINISH_FROM_FILE
                 ? "finishes from the model"
                 : scene_finish_name(options->frame.finish),
             render_view_name(options->frame.view));
    draw_sheet_title(sheet, 1, line);
    snprintf(line, sizeof line, "lamp %.0f\xc2\xb0/%.0f\xc2\xb0, %.0f mm, r%.0f, %.0f K",
             (double)shot.lamp.azimuth_deg, (double)shot.lamp.elevation_deg,
             (double)shot.lamp.distance_mm, (double)shot.lamp.radius_mm, (double)shot.lamp.kelvin);
    draw_sheet_title(sheet, 2, line);
}

static core_result run(app_session *session, app_options *options, const turntable_plan *plan)
{
    draw_sheet sheet = {0};
    int rows = (plan->steps + plan->columns - 1) / plan->columns;
    core_result r = plan->sheet ? draw_sheet_create(&sheet, plan->columns, rows, options->width,
                                                    options->height, false, false)
                                : CORE_OK;
    app_video video = {0};
    if (r == CORE_OK && plan->video)
        r = app_video_open(&video, plan->video, options->width, options->height, plan->fps,
                           options->overwrite);
    app_progress progress;
    app_progress_begin(&progress, "turntable", options->quiet);
    app_png_thread writer = {0};
    for (int k = 0; r == CORE_OK && k < plan->steps; ++k) {
        app_progress_show(&progress, k, plan->steps);
        render_frame_desc step = options->frame;
        float angle = angle_of(options, plan, k);
        step.shot.turntable_deg = angle;
        io_image frame;
        r = app_render_image(session, options, &step, &frame);
        if (r != CORE_OK)
            break;
        if (plan->video)
            r = app_video_write(&video, &frame);
        if (r != CORE_OK) {
            io_image_free(&frame);
            break;
        }
        if (!plan->output) {
            /* the video alone */
        } else if (plan->sheet) {
            char label[32];
            snprintf(label, sizeof label, "%.4g\xc2\xb0", (double)angle);
            draw_sheet_put(&sheet, &frame, k % plan->columns, k / plan->columns, label);
        } else {
            char path[4096];
            frame_path(options, plan, k, path, sizeof path);
            cJSON *settings = app_settings_json(session, options, &step);
            /* Encoded on a thread while the next frame renders. */
            r = app_png_thread_write(
                &writer, path, options->overwrite ? CORE_WRITE_REPLACE : CORE_WRITE_NO_CLOBBER,
                &frame, settings);
            cJSON_Delete(settings);
        }
        io_image_free(&frame);
    }
    r = app_png_thread_finish(&writer, r);
    app_progress_show(&progress, plan->steps, plan->steps);
    if (plan->video) {
        core_result closed = app_video_close(&video, r == CORE_OK);
        if (r == CORE_OK)
            r = closed;
    }
    if (r == CORE_OK && plan->sheet) {
        title_sheet(&sheet, session, options, plan);
        cJSON *settings = app_settings_json(session, options, NULL); /* the first frame's */
        cJSON *grid = cJSON_AddObjectToObject(settings, "sheet");
        cJSON_AddStringToObject(grid, "command", "turntable");
        cJSON_AddNumberToObject(grid, "steps", plan->steps);
        cJSON_AddNumberToObject(grid, "sweep_deg", plan->sweep_deg);
        cJSON_AddNumberToObject(grid, "columns", plan->columns);
        r = app_write_image(plan->output, options, &sheet.image, settings);
        cJSON_Delete(settings);
    }
    draw_sheet_free(&sheet);
    if (r == CORE_OK && !options->quiet && plan->output)
        printf("glint: wrote %s (%d frames of %dx%d%s)\n", plan->output, plan->steps,
               options->width, options->height, plan->sheet ? ", a contact sheet" : "");
    if (r == CORE_OK && !options->quiet && plan->video)
        printf("glint: wrote %s (%d frames of %dx%d at %g fps)\n", plan->video, plan->steps,
               options->width, options->height, (double)plan->fps);
    return r;
}

static int turntable(app_options *options)
{
    const settings_values *s = &options->settings;
    turntable_plan plan = {
        .steps = (int)s->value[SETTINGS_STEPS].number[0],
        .sweep_deg = (float)s->value[SETTINGS_TURNTABLE_SWEEP].number[0],
        .columns = s->given[SETTINGS_COLUMNS] ? (int)s->value[SETTINGS_COLUMNS].number[0] : 0,
        .output = options->output_path,
        .video = s->value[SETTINGS_VIDEO].text,
        .fps = (float)s->value[SETTINGS_FPS].number[0]};
    if (!options->model_path)
        return app_usage_error("turntable", "no MODEL given");
    if (!plan.output && !plan.video)
        return app_usage_error("turntable",
                               "no output given (-o SHEET.png, -o FOLDER or --video OUT.mp4)");
    size_t length = plan.output ? strlen(plan.output) : 0;
    /* A name glint writes is a sheet; another image name is refused (in
     * prepare_output), not taken for a folder; any other name is a folder. */
    plan.sheet = length > 0 && app_image_format_of(plan.output) != APP_IMAGE_OTHER;
    if (!plan.columns) {
        plan.columns = 1;
        while (plan.columns * plan.columns < plan.steps && plan.columns < 6)
            ++plan.columns;
    }
    if (plan.columns > plan.steps)
        plan.columns = plan.steps;
    int rows = (plan.steps + plan.columns - 1) / plan.columns, width, height;
    if (plan.sheet && !draw_sheet_size(plan.columns, rows, options->width, options->height, false,
                                       false, &width, &height))
        return app_usage_error("turntable",
                               "--size %dx%d: a sheet of %dx%d frames that size is "
                               "over 16000 px",
                               options->width, options->height, plan.columns, rows);

    core_result r = prepare_output(options, &plan);
    if (r != CORE_OK)
        return app_output_exit(r);
    app_session session;
    r = app_session_open(&session, options, PLAT_BACKEND_HEADLESS, NULL);
    if (r != CORE_OK)
        return app_report(r, NULL);
    r = run(&session, options, &plan);
    app_session_close(&session);
    if (r != CORE_OK) {
        int code = app_report(r, NULL);
        return r == CORE_ERR_IO || r == CORE_ERR_EXISTS ? APP_EXIT_OUTPUT : code;
    }
    return APP_EXIT_OK;
}

int app_command_turntable(int argc, char **argv)
{
    app_options options;
    app_options_init(&options, SETTINGS_TURNTABLE);
    int code = app_options_parse(&options, argc, argv, turntable_usage, turntable_notes);
    if (code < 0)
        code = turntable(&options);
    app_options_free(&options);
    return code;
}
