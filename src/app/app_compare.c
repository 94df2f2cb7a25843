#define _POSIX_C_SOURCE 200809L
#include "app/app_check.h"
#include "app/app_options.h"
#include "app/app_output.h"
#include "draw/draw_sheet.h"
#include "inspect/inspect_life.h"

#include "core/core_file.h"

#include <cjson/cJSON.h>

#include <ctype.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_COLUMNS = 8, MAX_ANGLES = 16 };

static const char compare_usage[] =
    "Usage: glint compare [MODEL] -o SHEET.png [options]   (MODEL may come from --preset)\n"
    "Renders the model with each finish on every part, side by side under the same lamp and\n"
    "camera, at one or more turntable angles: a grid with a column per finish and a row per\n"
    "angle, each labelled. With --lamps the columns are lamp set-ups instead, in one finish;\n"
    "with --rooms, rooms around the lamp (--room).\n";

static const char compare_notes[] =
    "--part NAME=F still sets one part's finish in every column; --finish is replaced by the\n"
    "columns' finishes (with --lamps or --rooms it is every column's).\n"
    "\n"
    "--lamps LIST: comma-separated lamp set-ups, each made of fields: a number, with or\n"
    "without K, is the colour temperature (1500-12000); azDEG the azimuth (-360..360), elDEG\n"
    "the elevation (-90..90), dMM the distance (1-100000), rMM the bulb's radius (0.01-10000).\n"
    "What an item leaves out is the --light-* flags'. 3200,6500 compares two temperatures;\n"
    "az40el45,az-60el20 two places; az-60el20,az-60el20r2 a soft and a hard lamp.\n"
    "\n"
    "Exit codes: 0 written, 2 bad usage or unreadable model, 3 no OpenGL context,\n"
    "4 the sheet cannot be written or exists, 5 GPU/driver failure.\n";

/* One column: a finish on every part, or (--lamps) a lamp set-up whose
 * fields not given (NAN) are the lamp the other flags set. */
typedef struct compare_column {
    char label[64]; /* the header: "gloss", "3200 K", "az -60 el 20" */
    char typed[176]; /* --lamps: the item in full (settle_lamps), for the sheet's settings */
    scene_finish_kind finish;
    scene_room room; /* --rooms */
    float azimuth, elevation, distance, radius, kelvin;
} compare_column;

typedef struct compare_plan {
    compare_column columns[MAX_COLUMNS];
    int column_count;
    bool lamps; /* the columns are lamp set-ups */
    bool rooms; /* the columns are rooms */
    char shared[128]; /* --lamps: what every column's lamp has in common, for the title */
    float angles[MAX_ANGLES];
    int angle_count;
    const char *output;
    bool check;
} compare_plan;

/* What the columns are, as the sheet and the settings say it. */
static const char *columns_word(const compare_plan *plan)
{
    return plan->lamps ? "lamps" : plan->rooms ? "rooms" : "finishes";
}

static void title_sheet(draw_sheet *sheet, const app_session *session, const app_options *options,
                        const compare_plan *plan)
{
    scene_shot shot = scene_shot_resolve(&options->frame.shot, &session->model.bounds);
    char line[512];
    /* --focus: the part first, where even a narrow sheet shows it */
    const settings_value *focus = &options->settings.value[SETTINGS_FOCUS];
    bool focused = options->settings.given[SETTINGS_FOCUS] && focus->text;
    snprintf(line, sizeof line, "%s%s%s: %d %s compared", focused ? focus->text : "",
             focused ? " of " : "", core_path_basename(options->model_path), plan->column_count,
             columns_word(plan));
    draw_sheet_title(sheet, 0, line);
    const char *finish = options->frame.finish == SCENE_FINISH_FROM_FILE
                             ? "from the file"
                             : scene_finish_name(options->frame.finish);
    if (plan->lamps || plan->rooms)
        snprintf(line, sizeof line, "finish %s%s, %s view", finish,
                 options->frame.part_finish_count ? " (and --part)" : "",
                 render_view_name(options->frame.view));
    else
        snprintf(line, sizeof line, "every part in the column's finish%s, %s view",
                 options->frame.part_finish_count ? " (except --part)" : "",
                 render_view_name(options->frame.view));
    draw_sheet_title(sheet, 1, line);
    if (plan->lamps)
        snprintf(line, sizeof line, "%s", plan->shared);
    else
        snprintf(line, sizeof line, "lamp %.0f\xc2\xb0/%.0f\xc2\xb0, %.0f mm, r%.0f, %.0f K",
                 (double)shot.lamp.azimuth_deg, (double)shot.lamp.elevation_deg,
                 (double)shot.lamp.distance_mm, (double)shot.lamp.radius_mm,
                 (double)shot.lamp.kelvin);
    size_t length = strlen(line);
    if (!plan->rooms && options->frame.room != SCENE_ROOM_DARK && length < sizeof line)
        snprintf(line + length, sizeof line - length, ", in the %s room",
                 scene_room_name(options->frame.room));
    draw_sheet_title(sheet, 2, line);
}

/* What the detector saw in one finish's frames. */
typedef struct column_verdict {
    uint32_t flags; /* DETECT_FLAG_BIT()s seen in any frame */
    float jitter;   /* the largest J */
    char life[256]; /* the first flagged frame's feature at life size, or "" */
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
        if (!verdict->life[0]) /* as check's summary: how big it would be at life size */
            inspect_life_frame(&run.frames[i], session->scale.n, verdict->life,
                               sizeof verdict->life);
    }
    inspect_run_free(&run);
    return r;
}

/* Under the column, short enough for a small frame: "PASS", or the flags and
 * the worst J in red; the full line goes to stdout. */
static void write_verdict(draw_sheet *sheet, int column, const char *label,
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
        printf("glint compare: %s: %s%s (largest J %.1f %%)%s%s\n", label,
               verdict->flags ? "flagged " : "PASS", flags, 100.0 * (double)verdict->jitter,
               verdict->life[0] ? "; " : "", verdict->life);
}

/* The frame of the cell in column f (a finish or a lamp) and row a (an angle). */
static render_frame_desc cell_frame(const app_options *options, const compare_plan *plan, int f,
                                    int a)
{
    render_frame_desc cell = options->frame;
    const compare_column *column = &plan->columns[f];
    if (plan->rooms) {
        cell.room = column->room;
    } else if (!plan->lamps) {
        cell.finish = column->finish;
    } else {
        scene_lamp_desc *lamp = &cell.shot.lamp;
        lamp->azimuth_deg = isnan(column->azimuth) ? lamp->azimuth_deg : column->azimuth;
        lamp->elevation_deg = isnan(column->elevation) ? lamp->elevation_deg : column->elevation;
        lamp->distance_mm = isnan(column->distance) ? lamp->distance_mm : column->distance;
        lamp->radius_mm = isnan(column->radius) ? lamp->radius_mm : column->radius;
        lamp->kelvin = isnan(column->kelvin) ? lamp->kelvin : column->kelvin;
    }
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
    /* The columns under the key of the flag that made them, so that
     * `glint compare --preset SHEET.png` makes them again. */
    cJSON *columns = cJSON_AddArrayToObject(grid, columns_word(plan));
    for (int f = 0; f < plan->column_count; ++f)
        cJSON_AddItemToArray(columns, cJSON_CreateString(plan->lamps
                                                             ? plan->columns[f].typed
                                                             : plan->columns[f].label));
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
    core_result r = draw_sheet_create(&sheet, plan->column_count, plan->angle_count, options->width,
                                      options->height, true, plan->check);
    app_progress progress;
    app_progress_begin(&progress, "compare", options->quiet);
    int total = plan->column_count * plan->angle_count, done = 0;
    column_verdict verdicts[MAX_COLUMNS] = {{0}};
    bool flagged = false;
    for (int f = 0; r == CORE_OK && f < plan->column_count; ++f) {
        draw_sheet_header(&sheet, f, plan->columns[f].label);
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
            write_verdict(&sheet, f, plan->columns[f].label, &verdicts[f], options->quiet);
    }
    app_progress_show(&progress, total, total);
    if (r == CORE_OK && plan->check && !options->quiet) {
        char scale[192]; /* the scale the life sizes above are read at */
        scene_scale_describe(&session->scale, scale, sizeof scale);
        printf("glint compare: %s\n", scale);
    }
    if (r == CORE_OK) {
        title_sheet(&sheet, session, options, plan);
        r = write_sheet(session, options, plan, &sheet);
    }
    draw_sheet_free(&sheet);
    if (r == CORE_OK && !options->quiet)
        printf("glint: wrote %s (%d %s x %d angles of %dx%d)\n", plan->output,
               plan->column_count, columns_word(plan), plan->angle_count, options->width, options->height);
    return r;
}

/* ---- --lamps' grammar ---------------------------------------------------------------------- */

/* A plain decimal number ("-60", "2.5"): no exponent, hex, inf or nan, so
 * that "az40el45" reads as 40 and then "el". */
static bool scan_number(const char **at, float *value)
{
    const char *start = *at, *p = start;
    if (*p == '+' || *p == '-')
        ++p;
    bool digits = false;
    while (isdigit((unsigned char)*p) || *p == '.')
        digits = digits || isdigit((unsigned char)*p), ++p;
    if (!digits || (size_t)(p - start) >= 32)
        return false;
    char text[32];
    memcpy(text, start, (size_t)(p - start));
    text[p - start] = '\0';
    char *end;
    *value = strtof(text, &end);
    if (*end != '\0' || !isfinite(*value))
        return false;
    *at = p;
    return true;
}

typedef struct lamp_field {
    const char *prefix; /* "" for the temperature */
    const char *what;
    float min, max;
    size_t offset; /* of the field in compare_column */
} lamp_field;

/* The ranges are the --light-* flags'. */
static const lamp_field lamp_fields[] = {
    {"az", "azimuth in degrees, -360..360", -360.0f, 360.0f, offsetof(compare_column, azimuth)},
    {"el", "elevation in degrees, -90..90", -90.0f, 90.0f, offsetof(compare_column, elevation)},
    {"d", "distance in mm, 1-100000", 1.0f, 100000.0f, offsetof(compare_column, distance)},
    {"r", "radius in mm, 0.01-10000", 0.01f, 10000.0f, offsetof(compare_column, radius)},
    {"", "temperature in kelvin, 1500-12000", 1500.0f, 12000.0f, offsetof(compare_column, kelvin)},
};

static bool parse_lamp(const char *item, compare_column *column, char *problem, size_t size)
{
    column->azimuth = column->elevation = column->distance = column->radius = column->kelvin =
        NAN;
    if (!*item) {
        snprintf(problem, size, "an empty item");
        return false;
    }
    const char *at = item;
    while (*at) {
        const lamp_field *field = &lamp_fields[4];
        for (int f = 0; f < 4; ++f)
            if (strncmp(at, lamp_fields[f].prefix, strlen(lamp_fields[f].prefix)) == 0) {
                field = &lamp_fields[f];
                break;
            }
        at += strlen(field->prefix);
        float value;
        float *slot = (float *)((char *)column + field->offset);
        if (!scan_number(&at, &value)) {
            snprintf(problem, size,
                     "'%.80s': expected fields such as 3200K, az-60, el20, d300, r5 (at '%.40s')", item,
                     at);
            return false;
        }
        if (field == &lamp_fields[4] && (*at == 'K' || *at == 'k'))
            ++at;
        if (value < field->min || value > field->max) {
            snprintf(problem, size, "'%.80s': %g is outside the %s", item, (double)value,
                     field->what);
            return false;
        }
        if (!isnan(*slot)) {
            snprintf(problem, size, "'%.80s' gives the %.*s twice", item,
                     (int)strcspn(field->what, " "), field->what);
            return false;
        }
        *slot = value;
    }
    snprintf(column->typed, sizeof column->typed, "%s", item);
    return true;
}

/* The fewest decimals that read back as the same float, never an exponent
 * (the grammar has none): "3200", "0.25". */
static void plain_number(float value, char *text, size_t size)
{
    for (int decimals = 0; decimals <= 9; ++decimals) {
        snprintf(text, size, "%.*f", decimals, (double)value);
        if (strtof(text, NULL) == value)
            return;
    }
}

static float lamp_value(const compare_column *column, int field)
{
    return *(const float *)((const char *)column + lamp_fields[field].offset);
}

/* "az-60° el20° r3mm 4000 K": the fields `show` picks, as a header says them. */
static void lamp_words(const compare_column *column, const bool show[5], char *text, size_t size)
{
    static const char *const names[] = {"az", "el", "d", "r", ""};
    static const char *const units[] = {"\xc2\xb0", "\xc2\xb0", "mm", "mm", " K"};
    size_t used = 0;
    text[0] = '\0';
    for (int f = 0; f < 5 && used < size; ++f) {
        if (!show[f] || isnan(lamp_value(column, f)))
            continue;
        char number[32];
        plain_number(lamp_value(column, f), number, sizeof number);
        int n = snprintf(text + used, size - used, "%s%s%s%s", used ? " " : "", names[f], number,
                         units[f]);
        used += n > 0 ? (size_t)n : 0;
    }
}

/* Once the model is known, each lamp column in full: what an item left out
 * is the --light-* flags' lamp (its distance resolved against the model).
 * The sheet's settings keep the columns so ("3200Kaz40el45d250r10"), since
 * their own lamp is the first cell's and would stand in for those flags when
 * `glint compare --preset SHEET.png` makes the sheet again. A header names
 * the fields in which its column differs from the others; the title, the
 * fields they share. */
static void settle_lamps(const app_session *session, const app_options *options,
                         compare_plan *plan)
{
    for (int c = 0; c < plan->column_count; ++c) {
        compare_column *column = &plan->columns[c];
        render_frame_desc cell = cell_frame(options, plan, c, 0);
        scene_shot shot = scene_shot_resolve(&cell.shot, &session->model.bounds);
        column->azimuth = shot.lamp.azimuth_deg;
        column->elevation = shot.lamp.elevation_deg;
        column->distance = shot.lamp.distance_mm;
        column->radius = shot.lamp.radius_mm;
        column->kelvin = shot.lamp.kelvin;
        char v[5][32];
        for (int f = 0; f < 5; ++f)
            plain_number(lamp_value(column, f), v[f], sizeof v[f]);
        snprintf(column->typed, sizeof column->typed, "%sKaz%sel%sd%sr%s", v[4], v[0], v[1], v[2],
                 v[3]);
    }
    bool differs[5] = {false}, shared[5];
    for (int f = 0; f < 5; ++f) {
        for (int c = 1; c < plan->column_count; ++c)
            differs[f] = differs[f] || lamp_value(&plan->columns[c], f) !=
                                           lamp_value(&plan->columns[0], f);
        shared[f] = !differs[f];
    }
    bool any = false;
    for (int f = 0; f < 5; ++f)
        any = any || differs[f];
    for (int c = 0; c < plan->column_count; ++c)
        lamp_words(&plan->columns[c], any ? differs : shared, plan->columns[c].label,
                   sizeof plan->columns[c].label);
    char words[80];
    lamp_words(&plan->columns[0], shared, words, sizeof words);
    if (any)
        snprintf(plan->shared, sizeof plan->shared, "%s%s",
                 words[0] ? "lamp in every column: " : "each column its own lamp", words);
    else
        snprintf(plan->shared, sizeof plan->shared, "the same lamp in every column");
}

/* "3200,6500" or "az40el45,az-60el20": 1 to MAX_COLUMNS items. */
static bool parse_lamps(const char *list, compare_plan *plan, char *problem, size_t size)
{
    const char *at = list;
    for (;;) {
        size_t length = strcspn(at, ",");
        if (plan->column_count == MAX_COLUMNS) {
            snprintf(problem, size, "at most %d lamps", MAX_COLUMNS);
            return false;
        }
        char item[176];
        if (length >= sizeof item) {
            snprintf(problem, size, "'%.*s' is too long for a lamp", (int)length, at);
            return false;
        }
        memcpy(item, at, length);
        item[length] = '\0';
        if (!parse_lamp(item, &plan->columns[plan->column_count++], problem, size))
            return false;
        if (!at[length])
            return true;
        at += length + 1;
    }
}

static int compare(app_options *options)
{
    const settings_values *s = &options->settings;
    compare_plan plan = {.output = options->output_path,
                         .check = s->value[SETTINGS_COMPARE_CHECK].count > 0};
    if (s->given[SETTINGS_LAMPS] + s->given[SETTINGS_FINISHES] + s->given[SETTINGS_ROOMS] > 1)
        return app_usage_error("compare", "%s: the columns are finishes, lamps or rooms, one "
                                          "of them",
                               s->given[SETTINGS_FINISHES] ? s->given[SETTINGS_LAMPS]
                                                                 ? "--lamps and --finishes"
                                                                 : "--rooms and --finishes"
                                                           : "--rooms and --lamps");
    if (s->given[SETTINGS_ROOMS]) {
        const settings_value *rooms = &s->value[SETTINGS_ROOMS];
        plan.rooms = true;
        for (int c = 0; c < rooms->list_count && c < MAX_COLUMNS; ++c) {
            compare_column *column = &plan.columns[plan.column_count++];
            scene_room_parse(settings_choice_name(SETTINGS_ROOMS, (int)rooms->list[c]),
                             &column->room);
            snprintf(column->label, sizeof column->label, "%s", scene_room_name(column->room));
        }
    } else if (s->given[SETTINGS_LAMPS]) {
        char problem[256];
        plan.lamps = true;
        if (!parse_lamps(s->value[SETTINGS_LAMPS].text, &plan, problem, sizeof problem))
            return app_usage_error("compare", "--lamps %s: %s", s->value[SETTINGS_LAMPS].text,
                                   problem);
    } else {
        const settings_value *finishes = &s->value[SETTINGS_FINISHES];
        for (int f = 0; f < finishes->list_count && f < MAX_COLUMNS; ++f) {
            compare_column *column = &plan.columns[plan.column_count++];
            scene_finish_parse(settings_choice_name(SETTINGS_FINISHES, (int)finishes->list[f]),
                               &column->finish);
            snprintf(column->label, sizeof column->label, "%s",
                     scene_finish_name(column->finish));
        }
    }
    const settings_value *angles = &s->value[SETTINGS_ANGLES];
    for (int a = 0; a < angles->list_count && a < MAX_ANGLES; ++a)
        plan.angles[plan.angle_count++] = (float)angles->list[a];
    if (!options->model_path)
        return app_usage_error("compare", "no MODEL given");
    if (!plan.output)
        return app_usage_error("compare", "no output given (-o SHEET.png)");
    int width, height;
    if (!draw_sheet_size(plan.column_count, plan.angle_count, options->width, options->height, true,
                         plan.check, &width, &height))
        return app_usage_error("compare",
                               "--size %dx%d: a sheet of %dx%d frames that size is "
                               "over %d px",
                               options->width, options->height, plan.column_count, plan.angle_count,
                               DRAW_SHEET_MAX_SIDE);
    core_result checked = app_output_check_image("-o", plan.output, options, options->overwrite);
    if (checked != CORE_OK)
        return app_output_exit(checked);
    app_session session;
    core_result r = app_session_open(&session, options, PLAT_BACKEND_HEADLESS, NULL);
    if (r != CORE_OK)
        return app_report(r, NULL);
    if (plan.lamps)
        settle_lamps(&session, options, &plan);
    r = run(&session, options, &plan);
    app_session_close(&session);
    if (r != CORE_OK) {
        int code = app_report(r, NULL);
        return r == CORE_ERR_IO || r == CORE_ERR_EXISTS ? APP_EXIT_OUTPUT : code;
    }
    return APP_EXIT_OK;
}

/* Whether the command line itself says --NAME (not a preset). */
static bool flag_typed(int argc, char **argv, const char *name)
{
    size_t length = strlen(name);
    for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; ++i)
        if (strncmp(argv[i], "--", 2) == 0 && strncmp(argv[i] + 2, name, length) == 0 &&
            (argv[i][2 + length] == '\0' || argv[i][2 + length] == '='))
            return true;
    return false;
}

int app_command_compare(int argc, char **argv)
{
    app_options options;
    app_options_init(&options, SETTINGS_COMPARE);
    int code = app_options_parse(&options, argc, argv, compare_usage, compare_notes);
    /* The columns a flag asks for replace a preset's other kind (a finishes
     * sheet's preset with --lamps compares lamps), as flags override presets. */
    const settings_id kinds[3] = {SETTINGS_FINISHES, SETTINGS_LAMPS, SETTINGS_ROOMS};
    bool typed[3];
    int typed_count = 0;
    for (int k = 0; k < 3; ++k)
        typed_count += typed[k] = flag_typed(argc, argv, settings_row_of(kinds[k])->flag);
    for (int k = 0; k < 3 && typed_count == 1; ++k)
        if (!typed[k])
            options.settings.given[kinds[k]] = false;
    if (code < 0)
        code = compare(&options);
    app_options_free(&options);
    return code;
}
