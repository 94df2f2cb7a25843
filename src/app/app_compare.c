#define _POSIX_C_SOURCE 200809L
#include "app/app_check.h"
#include "app/app_options.h"
#include "app/app_output.h"
#include "draw/draw_sheet.h"

#include "core/core_file.h"

#include <cjson/cJSON.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_FINISHES = 8, MAX_ANGLES = 16 };

static const char compare_usage[] =
    "Usage: glint compare [MODEL] -o SHEET.png [options]   (MODEL may come from --preset)\n"
    "Renders the model with each finish on every part, side by side under the same lamp and\n"
    "camera, at one or more turntable angles: a grid with a column per finish and a row per\n"
    "angle, each labelled.\n";

static const char compare_notes[] =
    "--part NAME=F still sets one part's finish in every column; --finish is replaced by the\n"
    "columns' finishes.\n"
    "\n"
    "Exit codes: 0 written, 2 bad usage or unreadable model, 3 no OpenGL context,\n"
    "4 the sheet cannot be written or exists, 5 GPU/driver failure.\n";

typedef struct compare_plan {
    scene_finish_kind finishes[MAX_FINISHES];
    int finish_count;
    float angles[MAX_ANGLES];
    int angle_count;
    const char *output;
    bool check;
} compare_plan;

static void title_sheet(draw_sheet *sheet, const app_session *session, const app_options *options,
                        const compare_plan *plan)
{
    scene_shot shot = scene_shot_resolve(&options->frame.shot, &session->model.bounds);
    char line[512];
    snprintf(line, sizeof line, "%s: %d finishes compared", core_path_basename(options->model_path),
             plan->finish_count);
    draw_sheet_title(sheet, 0, line);
    snprintf(line, sizeof line, "every part in the column's finish%s, %s view",
             options->frame.part_finish_count ? " (except --part)" : "",
             render_view_name(options->frame.view));
    draw_sheet_title(sheet, 1, line);
    snprintf(line, sizeof line, "lamp %.0f\xc2\xb0/%.0f\xc2\xb0, %.0f mm, r%.0f, %.0f K",
             (double)shot.lamp.azimuth_deg, (double)shot.lamp.elevation_deg,
             (double)shot.lamp.distance_mm, (double)shot.lamp.radius_mm, (double)shot.lamp.kelvin);
    draw_sheet_title(sheet, 2, line);
}

/* What the detector saw in one finish's frames. */
typedef struct column_verdict {
    uint32_t flags; /* DETECT_FLAG_BIT()s seen in any frame */
    float jitter;   /* the largest J */
} column_verdict;

/* The detector on the frame at `angle`: three steps around it (one step
 * before and after, at the step the glossiest part asks for), at the frame's
 * size, so what is flagged is what the sheet shows. */
static core_result check_cell(app_session *session, const app_options *options,
                              const render_frame_desc *cell, float angle, column_verdict *verdict,
                              bool *flagged)
{
    render_frame_desc look;
    inspect_subject subject = app_check_subject(session, options, cell, &look);
    inspect_plan plan;
    core_result r = inspect_make_plan(&session->model, &look, &(inspect_plan_desc){0}, &plan);
    plan.start_deg = angle - plan.step_deg;
    plan.steps = 3;
    plan.full_circle = false;
    inspect_run run = {0};
    /* No progress of its own: the compare's bar is showing. */
    if (r == CORE_OK)
        r = inspect_sweep(&subject, &plan, NULL, &run);
    *flagged = false;
    for (int i = 0; r == CORE_OK && i < run.frame_count; ++i) {
        verdict->flags |= run.frames[i].flags;
        verdict->jitter =
            run.frames[i].jitter > verdict->jitter ? run.frames[i].jitter : verdict->jitter;
        *flagged = *flagged || run.frames[i].flags != 0;
    }
    inspect_run_free(&run);
    return r;
}

/* Under the column, short enough for a small frame: "PASS", or the flags and
 * the worst J in red; the full line goes to stdout. */
static void write_verdict(draw_sheet *sheet, int column, scene_finish_kind finish,
                          const column_verdict *verdict, bool quiet)
{
    char flags[64] = "";
    size_t used = 0;
    for (int f = 0; f < DETECT_FLAG_COUNT && used < sizeof flags; ++f) {
        if (verdict->flags & DETECT_FLAG_BIT(f))
            used += (size_t)snprintf(flags + used, sizeof flags - used, "%s%s", used ? " " : "",
                                     detect_flag_name((detect_flag)f));
    }
    char footer[96];
    if (verdict->flags)
        snprintf(footer, sizeof footer, "%s, J %.0f %%", flags, 100.0 * (double)verdict->jitter);
    else
        snprintf(footer, sizeof footer, "PASS");
    draw_sheet_footer(sheet, column, footer, verdict->flags != 0);
    if (!quiet)
        printf("glint compare: %s: %s%s (largest J %.1f %%)\n", scene_finish_name(finish),
               verdict->flags ? "flagged " : "PASS", flags, 100.0 * (double)verdict->jitter);
}

/* The frame of the cell in column f (a finish) and row a (an angle). */
static render_frame_desc cell_frame(const app_options *options, const compare_plan *plan, int f,
                                    int a)
{
    render_frame_desc cell = options->frame;
    cell.finish = plan->finishes[f];
    cell.shot.turntable_deg = plan->angles[a];
    return cell;
}

/* What the sheet's PNG carries: the first cell's settings, which `glint
 * render --preset` re-renders, and what the grid holds, for people. */
static core_result write_sheet(const app_session *session, const app_options *options,
                               const compare_plan *plan, const draw_sheet *sheet)
{
    render_frame_desc first = cell_frame(options, plan, 0, 0);
    cJSON *settings = app_settings_json(session, options, &first);
    cJSON *grid = cJSON_AddObjectToObject(settings, "sheet");
    cJSON_AddStringToObject(grid, "command", "compare");
    cJSON *finishes = cJSON_AddArrayToObject(grid, "finishes");
    for (int f = 0; f < plan->finish_count; ++f)
        cJSON_AddItemToArray(finishes, cJSON_CreateString(scene_finish_name(plan->finishes[f])));
    cJSON *angles = cJSON_AddArrayToObject(grid, "angles_deg");
    for (int a = 0; a < plan->angle_count; ++a)
        cJSON_AddItemToArray(angles, cJSON_CreateNumber((double)plan->angles[a]));
    cJSON_AddBoolToObject(grid, "check", plan->check);
    core_result r = app_write_image(plan->output, options, &sheet->image, settings);
    cJSON_Delete(settings);
    return r;
}

static core_result run(app_session *session, const app_options *options, const compare_plan *plan)
{
    draw_sheet sheet;
    core_result r = draw_sheet_create(&sheet, plan->finish_count, plan->angle_count, options->width,
                                      options->height, true, plan->check);
    app_progress progress;
    app_progress_begin(&progress, "compare", options->quiet);
    int total = plan->finish_count * plan->angle_count, done = 0;
    column_verdict verdicts[MAX_FINISHES] = {{0}};
    bool flagged = false;
    for (int f = 0; r == CORE_OK && f < plan->finish_count; ++f) {
        draw_sheet_header(&sheet, f, scene_finish_name(plan->finishes[f]));
        for (int a = 0; r == CORE_OK && a < plan->angle_count; ++a) {
            app_progress_show(&progress, done++, total);
            render_frame_desc cell = cell_frame(options, plan, f, a);
            float angle = plan->angles[a];
            io_image frame;
            r = app_render_image(session, options, &cell, &frame);
            if (r != CORE_OK)
                break;
            char label[32];
            snprintf(label, sizeof label, "%.4g\xc2\xb0", (double)angle);
            draw_sheet_put(&sheet, &frame, f, a, label);
            io_image_free(&frame);
            if (r == CORE_OK && plan->check)
                r = check_cell(session, options, &cell, angle, &verdicts[f], &flagged);
            if (r == CORE_OK && flagged)
                draw_sheet_outline(&sheet, f, a);
        }
        if (r == CORE_OK && plan->check)
            write_verdict(&sheet, f, plan->finishes[f], &verdicts[f], options->quiet);
    }
    app_progress_show(&progress, total, total);
    if (r == CORE_OK) {
        title_sheet(&sheet, session, options, plan);
        r = write_sheet(session, options, plan, &sheet);
    }
    draw_sheet_free(&sheet);
    if (r == CORE_OK && !options->quiet)
        printf("glint: wrote %s (%d finishes x %d angles of %dx%d)\n", plan->output,
               plan->finish_count, plan->angle_count, options->width, options->height);
    return r;
}

static int compare(app_options *options)
{
    const settings_values *s = &options->settings;
    compare_plan plan = {.output = options->output_path,
                         .check = s->value[SETTINGS_COMPARE_CHECK].count > 0};
    const settings_value *finishes = &s->value[SETTINGS_FINISHES];
    for (int f = 0; f < finishes->list_count && f < MAX_FINISHES; ++f)
        scene_finish_parse(settings_choice_name(SETTINGS_FINISHES, (int)finishes->list[f]),
                           &plan.finishes[plan.finish_count++]);
    const settings_value *angles = &s->value[SETTINGS_ANGLES];
    for (int a = 0; a < angles->list_count && a < MAX_ANGLES; ++a)
        plan.angles[plan.angle_count++] = (float)angles->list[a];
    if (!options->model_path)
        return app_usage_error("compare", "no MODEL given");
    if (!plan.output)
        return app_usage_error("compare", "no output given (-o SHEET.png)");
    int width, height;
    if (!draw_sheet_size(plan.finish_count, plan.angle_count, options->width, options->height, true,
                         plan.check, &width, &height))
        return app_usage_error("compare",
                               "--size %dx%d: a sheet of %dx%d frames that size is "
                               "over %d px",
                               options->width, options->height, plan.finish_count, plan.angle_count,
                               DRAW_SHEET_MAX_SIDE);
    core_result checked = app_output_check_image("-o", plan.output, options, options->overwrite);
    if (checked != CORE_OK)
        return app_output_exit(checked);
    app_session session;
    core_result r = app_session_open(&session, options, PLAT_BACKEND_HEADLESS, NULL);
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

int app_command_compare(int argc, char **argv)
{
    app_options options;
    app_options_init(&options, SETTINGS_COMPARE);
    int code = app_options_parse(&options, argc, argv, compare_usage, compare_notes);
    if (code < 0)
        code = compare(&options);
    app_options_free(&options);
    return code;
}
