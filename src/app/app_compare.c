#define _POSIX_C_SOURCE 200809L
#include "app/app_check.h"
#include "app/app_options.h"
#include "app/app_output.h"
#include "app/app_preset.h"
#include "draw/draw_sheet.h"

#include "core/core_file.h"

#include <cjson/cJSON.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum compare_option_id { COMPARE_OPT_FINISHES = 4000, COMPARE_OPT_ANGLES, COMPARE_OPT_CHECK };
enum { MAX_FINISHES = 8, MAX_ANGLES = 16 };

static const char compare_help[] =
    "Usage: glint compare [MODEL] -o SHEET.png [options]   (MODEL may come from --preset)\n"
    "Renders the model with each finish on every part, side by side under the same lamp and\n"
    "camera, at one or more turntable angles: a grid with a column per finish and a row per\n"
    "angle, each labelled.\n"
    "\n"
    "  -o, --output FILE     the sheet to write (required)\n"
    "      --finishes LIST   comma-separated, 1-8 of matte, satin, gloss, metal, translucent\n"
    "                        (default matte,satin,gloss)\n"
    "      --angles LIST     comma-separated turntable angles in degrees, 1-16 (default 0)\n"
    "      --check           run the detector on each frame (three steps around its angle, at\n"
    "                        the frame's size): flagged frames are outlined in red, each\n"
    "                        finish's verdict is written under its column\n"
    "      --size WxH        each frame's size (default 320x320)\n"
    "      --msaa N          samples per pixel: 1, 2, 4, 8 or 16 (default 4)\n"
    "      --overwrite       replace the sheet if it exists\n" APP_LOOK_OPTIONS_HELP
        APP_MODEL_OPTIONS_HELP
    "      --shader-dir DIR  development: load GLSL from DIR instead of the built-in copies\n"
    "  -v, --verbose         say more\n"
    "  -q, --quiet           print nothing but errors\n"
    "  -h, --help            show this help\n"
    "\n"
    "--part NAME=F still sets one part's finish in every column; --finish is replaced by the\n"
    "columns' finishes.\n"
    "\n"
    "Exit codes: 0 written, 2 bad usage or unreadable model, 3 no OpenGL context,\n"
    "4 the sheet cannot be written or exists, 5 GPU/driver failure.\n";

static const struct option compare_options[] = {
    {"output", required_argument, NULL, 'o'},
    {"finishes", required_argument, NULL, COMPARE_OPT_FINISHES},
    {"angles", required_argument, NULL, COMPARE_OPT_ANGLES},
    {"check", no_argument, NULL, COMPARE_OPT_CHECK},
    APP_IMAGE_OPTIONS,
    APP_MODEL_OPTIONS,
    APP_LOOK_OPTIONS,
    APP_END_OPTIONS};

typedef struct compare_plan {
    scene_finish_kind finishes[MAX_FINISHES];
    int finish_count;
    float angles[MAX_ANGLES];
    int angle_count;
    const char *output;
    bool check;
} compare_plan;

/* Splits a comma-separated list into `items` (a copy of the text, cut). */
static int split(const char *text, char *copy, size_t size, char **items, int capacity)
{
    snprintf(copy, size, "%s", text);
    int count = 0;
    for (char *save = NULL, *item = strtok_r(copy, ",", &save); item;
         item = strtok_r(NULL, ",", &save)) {
        if (count == capacity)
            return -1;
        items[count++] = item;
    }
    return count;
}

static bool parse_finishes(const char *text, compare_plan *plan)
{
    char copy[256], *items[MAX_FINISHES];
    int count = split(text, copy, sizeof copy, items, MAX_FINISHES);
    for (int i = 0; i < count; ++i) {
        if (!scene_finish_parse(items[i], &plan->finishes[i])) {
            app_usage_error("compare",
                            "--finishes %s: '%s' is not matte, satin, gloss, metal or "
                            "translucent",
                            text, items[i]);
            return false;
        }
    }
    if (count < 1) {
        app_usage_error("compare", "--finishes %s: expected 1-%d finishes, comma-separated", text,
                        MAX_FINISHES);
        return false;
    }
    plan->finish_count = count;
    return true;
}

static bool parse_angles(const char *text, compare_plan *plan)
{
    char copy[512], *items[MAX_ANGLES];
    int count = split(text, copy, sizeof copy, items, MAX_ANGLES);
    for (int i = 0; i < count; ++i) {
        if (!app_parse_float(items[i], &plan->angles[i]) || plan->angles[i] < -360.0f ||
            plan->angles[i] > 360.0f) {
            app_usage_error("compare", "--angles %s: '%s' is not an angle in -360..360", text,
                            items[i]);
            return false;
        }
    }
    if (count < 1) {
        app_usage_error("compare", "--angles %s: expected 1-%d angles, comma-separated", text,
                        MAX_ANGLES);
        return false;
    }
    plan->angle_count = count;
    return true;
}

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
static core_result check_cell(app_session *session, const app_options *cell, float angle,
                              column_verdict *verdict, bool *flagged)
{
    render_frame_desc look;
    inspect_subject subject = app_check_subject(session, cell, &look);
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

/* The options of the cell in column f (a finish) and row a (an angle). */
static app_options cell_options(const app_options *options, const compare_plan *plan, int f, int a)
{
    app_options cell = *options;
    cell.frame.finish = plan->finishes[f];
    float angle = plan->angles[a];
    cell.frame.shot.turntable_deg = angle == 0.0f ? 1e-6f : angle; /* zero means "default" */
    return cell;
}

/* What the sheet's PNG carries: the first cell's settings, which `glint
 * render --preset` re-renders, and what the grid holds, for people. */
static core_result write_sheet(const app_session *session, const app_options *options,
                               const compare_plan *plan, const draw_sheet *sheet)
{
    app_options first = cell_options(options, plan, 0, 0);
    cJSON *settings = app_settings_json(session, &first);
    cJSON *grid = cJSON_AddObjectToObject(settings, "sheet");
    cJSON_AddStringToObject(grid, "command", "compare");
    cJSON *finishes = cJSON_AddArrayToObject(grid, "finishes");
    for (int f = 0; f < plan->finish_count; ++f)
        cJSON_AddItemToArray(finishes, cJSON_CreateString(scene_finish_name(plan->finishes[f])));
    cJSON *angles = cJSON_AddArrayToObject(grid, "angles_deg");
    for (int a = 0; a < plan->angle_count; ++a)
        cJSON_AddItemToArray(angles, cJSON_CreateNumber((double)plan->angles[a]));
    cJSON_AddBoolToObject(grid, "check", plan->check);
    core_result r = app_write_png(plan->output, options, &sheet->image, settings);
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
            app_options cell = cell_options(options, plan, f, a);
            float angle = plan->angles[a];
            io_image frame;
            r = app_render_image(session, &cell, &frame);
            if (r != CORE_OK)
                break;
            char label[32];
            snprintf(label, sizeof label, "%.4g\xc2\xb0", (double)angle);
            draw_sheet_put(&sheet, &frame, f, a, label);
            io_image_free(&frame);
            if (r == CORE_OK && plan->check)
                r = check_cell(session, &cell, angle, &verdicts[f], &flagged);
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

int app_command_compare(int argc, char **argv)
{
    app_options options = {.width = 320, .height = 320, .samples = 4};
    compare_plan plan = {
        {SCENE_FINISH_MATTE, SCENE_FINISH_SATIN, SCENE_FINISH_GLOSS}, 3, {0.0f}, 1, NULL, false};
    app_preset preset;
    const char *preset_file = app_preset_find(argc, argv);
    if (preset_file && app_preset_apply(preset_file, "compare", &options, &preset) < 0)
        return APP_EXIT_BAD_INPUT;
    opterr = 0;
    optind = 1;
    int id;
    while ((id = getopt_long(argc, argv, ":o:vqh", compare_options, NULL)) != -1) {
        bool ok = true;
        switch (id) {
        case 'o': plan.output = optarg; break;
        case 'h': fputs(compare_help, stdout); return APP_EXIT_OK;
        case 'v': app_parse_common_option(APP_OPT_VERBOSE, NULL, "compare", &options); break;
        case 'q': app_parse_common_option(APP_OPT_QUIET, NULL, "compare", &options); break;
        case COMPARE_OPT_FINISHES: ok = parse_finishes(optarg, &plan); break;
        case COMPARE_OPT_ANGLES: ok = parse_angles(optarg, &plan); break;
        case COMPARE_OPT_CHECK: plan.check = true; break;
        case ':': return app_usage_error("compare", "%s needs a value", argv[optind - 1]);
        case '?': return app_usage_error("compare", "unknown option %s", argv[optind - 1]);
        default: ok = app_parse_common_option(id, optarg, "compare", &options) >= 0;
        }
        if (!ok)
            return APP_EXIT_BAD_INPUT;
    }
    if (!app_preset_model("compare", argc, argv, preset_file, &preset, &options))
        return APP_EXIT_BAD_INPUT;
    if (!plan.output)
        return app_usage_error("compare", "no output given (-o SHEET.png)");
    int width, height;
    if (!draw_sheet_size(plan.finish_count, plan.angle_count, options.width, options.height, true,
                         plan.check, &width, &height))
        return app_usage_error("compare",
                               "--size %dx%d: a sheet of %dx%d frames that size is "
                               "over %d px",
                               options.width, options.height, plan.finish_count, plan.angle_count,
                               DRAW_SHEET_MAX_SIDE);
    core_result checked = app_output_check("-o", plan.output, options.overwrite);
    if (checked != CORE_OK)
        return app_output_exit(checked);
    app_session session;
    core_result r = app_session_open(&session, &options, PLAT_BACKEND_HEADLESS, NULL);
    if (r != CORE_OK)
        return app_report(r, NULL);
    r = run(&session, &options, &plan);
    app_session_close(&session);
    if (r != CORE_OK) {
        int code = app_report(r, NULL);
        return r == CORE_ERR_IO || r == CORE_ERR_EXISTS ? APP_EXIT_OUTPUT : code;
    }
    return APP_EXIT_OK;
}
