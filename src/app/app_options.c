#define _GNU_SOURCE /* getopt_long */
#include "app/app_options.h"

#include "app/app_preset.h"
#include "core/core_log.h"
#include "core/core_text.h"
#include "scene/scene_paint.h"

#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *app_command_name(const app_options *options)
{
    return settings_command_name(options->settings.command);
}

int app_usage_error(const char *command, const char *format, ...)
{
    char message[1024];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof message, format, args);
    va_end(args);
    fprintf(stderr, "glint %s: %s (see 'glint %s --help')\n", command, message, command);
    return APP_EXIT_BAD_INPUT;
}

void app_options_init(app_options *options, settings_command command)
{
    memset(options, 0, sizeof *options);
    /* The table's own defaults: a failure is a bug in the table, which
     * test_settings checks for every command. */
    if (settings_init(&options->settings, command) != CORE_OK)
        core_log(CORE_LOG_ERROR, "%s", core_last_error());
    app_options_resolve(options);
}

void app_options_free(app_options *options)
{
    settings_free(&options->settings);
}

int app_options_set(app_options *options, settings_id id, const char *text, const char *what)
{
    if (settings_set(&options->settings, id, text, what) == CORE_OK)
        return 0;
    const char *command = app_command_name(options);
    /* A preset's "FILE: KEY" already names where to look; a flag points at --help. */
    if (strncmp(what, "-", 1) == 0)
        return app_usage_error(command, "%s", core_last_error());
    fprintf(stderr, "glint %s: %s\n", command, core_last_error());
    return APP_EXIT_BAD_INPUT;
}

/* ---- settings to what the commands use ------------------------------------------------------ */

static float number(const app_options *options, settings_id id)
{
    return (float)options->settings.value[id].number[0];
}

static float srgb_to_linear(uint8_t value)
{
    float v = (float)value / 255.0f;
    return v <= 0.04045f ? v / 12.92f : powf((v + 0.055f) / 1.055f, 2.4f);
}

static const char *text_of(const app_options *options, settings_id id)
{
    return options->settings.value[id].text;
}

/* metal and translucent were finishes before paint had a metallic and a
 * translucency: still read (flags and presets), drawn as they were, and
 * named once a run. */
static void warn_alias(scene_finish_kind kind)
{
    static bool warned[SCENE_FINISH_COUNT];
    if (!scene_finish_is_alias(kind) || warned[kind])
        return;
    warned[kind] = true;
    if (kind == SCENE_FINISH_METAL)
        core_log(CORE_LOG_WARNING, "--finish metal is a paint now: use --paint PART=silver (or "
                                   "gold, bronze, copper) and a varnish; drawn as a metallic "
                                   "paint in its own colour, unvarnished");
    else
        core_log(CORE_LOG_WARNING, "--finish translucent is a paint now: drawn as the part's "
                                   "paint with translucency 0.35, unvarnished");
}

static void resolve_frame(app_options *options)
{
    const settings_values *s = &options->settings;
    render_frame_desc *frame = &options->frame;
    *frame = render_frame_desc_defaults();
    scene_shot *shot = &frame->shot;
    shot->turntable_deg = number(options, SETTINGS_ANGLE);
    shot->camera.azimuth_deg = number(options, SETTINGS_CAMERA_AZIMUTH);
    shot->camera.elevation_deg = number(options, SETTINGS_CAMERA_ELEVATION);
    shot->camera.viewing_distance_mm = number(options, SETTINGS_VIEWING_DISTANCE);
    shot->camera.fill = number(options, SETTINGS_ZOOM);
    shot->camera.pan_mm[0] = (float)s->value[SETTINGS_PAN].number[0];
    shot->camera.pan_mm[1] = (float)s->value[SETTINGS_PAN].number[1];
    if (s->given[SETTINGS_FOCUS] && options->focus_sphere[3] > 0.0f) {
        memcpy(shot->camera.focus_center, options->focus_sphere, 3 * sizeof(float));
        shot->camera.focus_radius = options->focus_sphere[3];
    }
    shot->lamp.azimuth_deg = number(options, SETTINGS_LIGHT_AZIMUTH);
    shot->lamp.elevation_deg = number(options, SETTINGS_LIGHT_ELEVATION);
    /* Not given: 0, which resolving turns into the distance the model's size asks for. */
    shot->lamp.distance_mm =
        s->given[SETTINGS_LIGHT_DISTANCE] ? number(options, SETTINGS_LIGHT_DISTANCE) : 0.0f;
    shot->lamp.radius_mm = number(options, SETTINGS_LIGHT_RADIUS);
    shot->lamp.intensity = number(options, SETTINGS_LIGHT_INTENSITY);
    shot->lamp.kelvin = number(options, SETTINGS_LIGHT_TEMP);
    shot->lamp.ambient = number(options, SETTINGS_AMBIENT);
    shot->lamp.ambient_kelvin = number(options, SETTINGS_AMBIENT_TEMP);
    scene_room_parse(settings_choice_name(SETTINGS_ROOM, s->value[SETTINGS_ROOM].choice),
                     &frame->room);
    if (s->given[SETTINGS_BACKGROUND])
        for (int c = 0; c < 3; ++c)
            frame->background[c] = srgb_to_linear(s->value[SETTINGS_BACKGROUND].rgb[c]);
    scene_finish_parse(settings_choice_name(SETTINGS_FINISH, s->value[SETTINGS_FINISH].choice),
                       &frame->finish);
    warn_alias(frame->finish);
    frame->roughness = s->given[SETTINGS_ROUGHNESS] ? number(options, SETTINGS_ROUGHNESS) : 0.0f;
    frame->exposure_ev = number(options, SETTINGS_EXPOSURE);
    render_tonemap_parse(settings_choice_name(SETTINGS_TONEMAP, s->value[SETTINGS_TONEMAP].choice),
                         &frame->tonemap);
    render_view_parse(settings_choice_name(SETTINGS_VIEW_MODE, s->value[SETTINGS_VIEW_MODE].choice),
                      &frame->view);
    frame->transparent = s->value[SETTINGS_TRANSPARENT].count > 0;
    frame->no_shadows = s->value[SETTINGS_NO_SHADOWS].count > 0;
    for (uint32_t p = 0; p < s->part_count; ++p) {
        options->part_finishes[p].part = s->parts[p].name;
        scene_finish_parse(settings_choice_name(SETTINGS_PART, s->parts[p].choice),
                           &options->part_finishes[p].finish);
        warn_alias(options->part_finishes[p].finish);
    }
    frame->part_finishes = s->part_count ? options->part_finishes : NULL;
    frame->part_finish_count = s->part_count;
}

void app_options_resolve(app_options *options)
{
    const settings_values *s = &options->settings;
    resolve_frame(options);
    options->width = (int)s->value[SETTINGS_SIZE].number[0];
    options->height = (int)s->value[SETTINGS_SIZE].number[1];
    options->size_given = s->given[SETTINGS_SIZE];
    options->samples = atoi(settings_choice_name(SETTINGS_MSAA, s->value[SETTINGS_MSAA].choice));
    if (options->samples < 1)
        options->samples = 4; /* info: no MSAA row; nothing draws */
    options->overwrite = s->value[SETTINGS_OVERWRITE].count > 0;
    options->quiet = s->value[SETTINGS_QUIET].count > 0;
    options->no_vsync = s->value[SETTINGS_NO_VSYNC].count > 0;
    options->output_path = text_of(options, SETTINGS_OUTPUT);
    options->output_folder = text_of(options, SETTINGS_OUTPUT_DIR);
    options->snapshot_path = text_of(options, SETTINGS_SNAPSHOT);
    options->shader_folder = text_of(options, SETTINGS_SHADER_DIR);
    options->max_file_bytes = (size_t)number(options, SETTINGS_MAX_FILE_MB) << 20;
    /* "auto" is no scene_units name: it stays SCENE_UNITS_DEFAULT, the file's own */
    options->mesh.units = SCENE_UNITS_DEFAULT;
    scene_units_parse(settings_choice_name(SETTINGS_UNITS, s->value[SETTINGS_UNITS].choice),
                      &options->mesh.units);
    options->mesh.up = SCENE_UP_AUTO;
    scene_up_parse(settings_choice_name(SETTINGS_UP, s->value[SETTINGS_UP].choice),
                   &options->mesh.up);
    options->mesh.split = SCENE_SPLIT_AUTO;
    scene_split_parse(settings_choice_name(SETTINGS_SPLIT, s->value[SETTINGS_SPLIT].choice),
                      &options->mesh.split);
    options->mesh.crease_angle_deg = number(options, SETTINGS_CREASE_ANGLE);
}

/* ---- a frame back into the settings ---------------------------------------------------------- */

static void capture_number(settings_values *s, settings_id id, float value)
{
    s->value[id].number[0] = (double)value;
    s->given[id] = true;
}

static void capture_choice(settings_values *s, settings_id id, const char *name)
{
    const char *const *choices = settings_row_of(id)->choices;
    for (int c = 0; choices[c]; ++c)
        if (strcmp(choices[c], name) == 0) {
            s->value[id].choice = c;
            s->given[id] = true;
        }
}

static uint8_t linear_to_srgb8(float c)
{
    c = fminf(fmaxf(c, 0.0f), 1.0f);
    float v = c <= 0.0031308f ? c * 12.92f : 1.055f * powf(c, 1.0f / 2.4f) - 0.055f;
    return (uint8_t)lrintf(v * 255.0f);
}

void app_settings_capture(settings_values *s, const render_frame_desc *frame)
{
    const scene_shot *shot = &frame->shot;
    capture_number(s, SETTINGS_ANGLE, shot->turntable_deg);
    capture_number(s, SETTINGS_CAMERA_AZIMUTH, shot->camera.azimuth_deg);
    capture_number(s, SETTINGS_CAMERA_ELEVATION, shot->camera.elevation_deg);
    capture_number(s, SETTINGS_VIEWING_DISTANCE, shot->camera.viewing_distance_mm);
    capture_number(s, SETTINGS_ZOOM, shot->camera.fill);
    s->value[SETTINGS_PAN].number[0] = shot->camera.pan_mm[0];
    s->value[SETTINGS_PAN].number[1] = shot->camera.pan_mm[1];
    s->given[SETTINGS_PAN] = true;
    /* A focused frame's part is named by whoever focused it (the flag, the
     * viewer): the frame has only its sphere. An unfocused frame has none. */
    if (shot->camera.focus_radius <= 0.0f)
        s->given[SETTINGS_FOCUS] = false;
    capture_number(s, SETTINGS_LIGHT_AZIMUTH, shot->lamp.azimuth_deg);
    capture_number(s, SETTINGS_LIGHT_ELEVATION, shot->lamp.elevation_deg);
    if (shot->lamp.distance_mm > 0.0f)
        capture_number(s, SETTINGS_LIGHT_DISTANCE, shot->lamp.distance_mm);
    capture_number(s, SETTINGS_LIGHT_RADIUS, shot->lamp.radius_mm);
    capture_number(s, SETTINGS_LIGHT_INTENSITY, shot->lamp.intensity);
    capture_number(s, SETTINGS_LIGHT_TEMP, shot->lamp.kelvin);
    capture_number(s, SETTINGS_AMBIENT, shot->lamp.ambient);
    capture_number(s, SETTINGS_AMBIENT_TEMP, shot->lamp.ambient_kelvin);
    capture_choice(s, SETTINGS_ROOM, scene_room_name(frame->room));
    render_frame_desc standard = render_frame_desc_defaults();
    bool default_background =
        memcmp(frame->background, standard.background, sizeof standard.background) == 0;
    s->given[SETTINGS_BACKGROUND] = !default_background;
    for (int c = 0; c < 3; ++c)
        s->value[SETTINGS_BACKGROUND].rgb[c] = linear_to_srgb8(frame->background[c]);
    capture_choice(s, SETTINGS_FINISH,
                   frame->finish == SCENE_FINISH_FROM_FILE ? "from-file"
                                                           : scene_finish_name(frame->finish));
    s->given[SETTINGS_ROUGHNESS] = frame->roughness > 0.0f;
    s->value[SETTINGS_ROUGHNESS].number[0] = frame->roughness;
    capture_number(s, SETTINGS_EXPOSURE, frame->exposure_ev);
    capture_choice(s, SETTINGS_TONEMAP, render_tonemap_name(frame->tonemap));
    capture_choice(s, SETTINGS_VIEW_MODE, render_view_name(frame->view));
    s->value[SETTINGS_TRANSPARENT].count = frame->transparent;
    s->value[SETTINGS_NO_SHADOWS].count = frame->no_shadows;
    s->part_count = 0;
    for (uint32_t p = 0; p < frame->part_finish_count && p < SETTINGS_MAX_PARTS; ++p) {
        settings_part *part = &s->parts[s->part_count];
        snprintf(part->name, sizeof part->name, "%s", frame->part_finishes[p].part);
        const char *finish = frame->part_finishes[p].finish == SCENE_FINISH_FROM_FILE
                                 ? "from-file"
                                 : scene_finish_name(frame->part_finishes[p].finish);
        part->choice = 0;
        for (int c = 0; settings_row_of(SETTINGS_PART)->choices[c]; ++c)
            if (strcmp(settings_row_of(SETTINGS_PART)->choices[c], finish) == 0)
                part->choice = c;
        /* the last one given wins, as on the command line */
        bool replaced = false;
        for (uint32_t q = 0; q < s->part_count && !replaced; ++q)
            if (strcmp(s->parts[q].name, part->name) == 0) {
                s->parts[q].choice = part->choice;
                replaced = true;
            }
        if (!replaced)
            s->part_count++;
    }
}

/* ---- parts by name -----------------------------------------------------------------------------
 */

/* The mesh's part a name stands for: its own name, whatever its case, or its
 * number in `glint info`'s list; -1 if none. */
static int find_part(const scene_mesh *mesh, const char *given)
{
    for (uint32_t m = 0; m < mesh->part_count; ++m)
        if (strcmp(mesh->parts[m].name, given) == 0)
            return (int)m;
    for (uint32_t m = 0; m < mesh->part_count; ++m)
        if (core_text_same_name(mesh->parts[m].name, given))
            return (int)m;
    char *end;
    long index = strtol(given, &end, 10);
    if (end != given && *end == '\0' && index >= 1 && index <= (long)mesh->part_count)
        return (int)index - 1;
    return -1;
}

/* "head, skin, eyes": the mesh's parts, for a message. */
static void list_parts(const scene_mesh *mesh, char *list, size_t size)
{
    size_t used = 0;
    list[0] = '\0';
    for (uint32_t m = 0; m < mesh->part_count && used + 4 < size; ++m) {
        int n = snprintf(list + used, size - used, "%s%s", m ? ", " : "", mesh->parts[m].name);
        used += n > 0 ? (size_t)n : 0;
    }
}

/* --focus: the part's own name and its sphere; an unknown one fails as --part's. */
static core_result match_focus(app_options *options, const scene_mesh *mesh)
{
    settings_values *s = &options->settings;
    options->focus_sphere[3] = 0.0f;
    if (!s->given[SETTINGS_FOCUS] || !s->value[SETTINGS_FOCUS].text)
        return CORE_OK;
    const char *given = s->value[SETTINGS_FOCUS].text;
    /* --focus all: the whole model, over a preset's part */
    if (core_text_same_name(given, "all")) {
        s->given[SETTINGS_FOCUS] = false;
        return CORE_OK;
    }
    int found = find_part(mesh, given);
    if (found < 0) {
        char list[1024];
        list_parts(mesh, list, sizeof list);
        return core_fail(CORE_ERR_ARGUMENT,
                         "--focus %s: %s has no part '%s' (its parts: %s; or all)", given,
                         options->model_path, given, list);
    }
    const scene_part *part = &mesh->parts[found];
    if (strcmp(part->name, given) != 0 &&
        settings_set(s, SETTINGS_FOCUS, part->name, "--focus") != CORE_OK)
        return CORE_ERR_NO_MEMORY;
    /* A point, or a part too small to frame: a hair's breadth of the model. */
    memcpy(options->focus_sphere, part->sphere, sizeof options->focus_sphere);
    options->focus_sphere[3] = fmaxf(part->sphere[3], 1e-3f * mesh->bounds.radius);
    return CORE_OK;
}

static core_result match_list(app_options *options, const scene_mesh *mesh, settings_id id)
{
    uint32_t *count;
    settings_part *parts = settings_part_list(&options->settings, id, &count);
    const char *flag = settings_row_of(id)->flag;
    for (uint32_t p = 0; p < *count; ++p) {
        const char *given = parts[p].name;
        /* --paint all=COLOUR: every part */
        if (id == SETTINGS_PAINT && core_text_same_name(given, "all")) {
            snprintf(parts[p].name, sizeof parts[p].name, "all");
            continue;
        }
        int found = find_part(mesh, given);
        if (found < 0) {
            char list[1024];
            list_parts(mesh, list, sizeof list);
            return core_fail(CORE_ERR_ARGUMENT, "--%s %s: %s has no part '%s' (its parts: %s%s)",
                             flag, given, options->model_path, given, list,
                             id == SETTINGS_PAINT ? "; or all" : "");
        }
        snprintf(parts[p].name, sizeof parts[p].name, "%s", mesh->parts[found].name);
    }
    return CORE_OK;
}

core_result app_options_match_parts(app_options *options, const scene_mesh *mesh)
{
    core_result r = match_list(options, mesh, SETTINGS_PART);
    if (r == CORE_OK)
        r = match_list(options, mesh, SETTINGS_PAINT);
    if (r == CORE_OK)
        r = match_focus(options, mesh);
    if (r == CORE_OK)
        resolve_frame(options);
    return r;
}

bool app_options_paint(const settings_part *given, scene_paint *paint)
{
    char text[16];
    return scene_paint_parse(settings_part_value(SETTINGS_PAINT, given, text, sizeof text), paint);
}

void app_options_apply_paints(const app_options *options, scene_part *parts, uint32_t count)
{
    const settings_values *s = &options->settings;
    for (uint32_t p = 0; p < count; ++p)
        scene_part_set_paint(&parts[p], &parts[p].file_paint);
    /* in the order given: the last word on a part wins, as with --part */
    for (uint32_t g = 0; g < s->paint_count; ++g) {
        scene_paint paint;
        bool file = strcmp(settings_part_value(SETTINGS_PAINT, &s->paints[g], (char[16]){0}, 16),
                           "file") == 0;
        if (!file && !app_options_paint(&s->paints[g], &paint))
            continue; /* settings only hold paints that parse */
        bool all = strcmp(s->paints[g].name, "all") == 0;
        for (uint32_t p = 0; p < count; ++p)
            if (all || strcmp(parts[p].name, s->paints[g].name) == 0)
                scene_part_set_paint(&parts[p], file ? &parts[p].file_paint : &paint);
    }
}

/* ---- the command line
 * ---------------------------------------------------------------------------- */

static void print_help(const app_options *options, const char *usage, const char *notes)
{
    static char lines[32768];
    settings_help_text(options->settings.command, lines, sizeof lines);
    fputs(usage, stdout);
    fputs("\n", stdout);
    fputs(lines, stdout);
    if (notes) {
        fputs("\n", stdout);
        fputs(notes, stdout);
    }
}

/* The value of --preset in argv, before the flags are read: they override it. */
static const char *find_preset(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        if (strcmp(argv[i], "--") == 0)
            return NULL;
        if (strcmp(argv[i], "--preset") == 0)
            return i + 1 < argc ? argv[i + 1] : NULL;
        if (strncmp(argv[i], "--preset=", 9) == 0)
            return argv[i] + 9;
    }
    return NULL;
}

/* The long flag getopt_long just read, as typed: the word before a separate
 * value ("--angles 0,90"), else the last word ("--angles=0,90", "--check"). */
static const char *typed_flag(int argc, char **argv)
{
    if (optarg && optind >= 2 && optind - 1 < argc && argv[optind - 1] == optarg)
        return argv[optind - 2];
    return argv[optind - 1];
}

/* getopt_long takes any unambiguous prefix ("--angle" for compare's
 * --angles, "--light-t" for --light-temp); glint takes names as they are
 * spelt, so a near miss is a question, not a guess. */
static bool typed_in_full(int argc, char **argv, const char *name)
{
    const char *typed = typed_flag(argc, argv);
    if (strncmp(typed, "--", 2) != 0)
        return true;
    size_t length = strcspn(typed + 2, "=");
    return length == strlen(name) && strncmp(typed + 2, name, length) == 0;
}

int app_options_parse(app_options *options, int argc, char **argv, const char *usage,
                      const char *notes)
{
    settings_command command = options->settings.command;
    const char *name = app_command_name(options);
    const char *preset = find_preset(argc, argv);
    if (preset && app_preset_apply(preset, options) != 0)
        return APP_EXIT_BAD_INPUT;
    struct option table[SETTINGS_COUNT + 1];
    char shorts[32];
    settings_getopt(command, table, SETTINGS_COUNT + 1, shorts, sizeof shorts);
    opterr = 0;
    optind = 1;
    int result;
    int index = -1;
    while ((result = getopt_long(argc, argv, shorts, table, &index)) != -1) {
        if (result == ':')
            return app_usage_error(name, "%s needs a value", argv[optind - 1]);
        int id = settings_option_row(result, command);
        if (id < 0)
            return app_usage_error(name, "unknown option %s", argv[optind - 1]);
        if (result >= SETTINGS_OPTION_BASE && !typed_in_full(argc, argv, table[index].name))
            return app_usage_error(name, "unknown option %s (did you mean --%s?)",
                                   typed_flag(argc, argv), table[index].name);
        index = -1;
        if (id == SETTINGS_HELP) {
            print_help(options, usage, notes);
            return APP_EXIT_OK;
        }
        if (id == SETTINGS_PRESET)
            continue; /* applied first */
        char what[80];
        const settings_row *row = settings_row_of((settings_id)id);
        if (result == row->short_flag)
            snprintf(what, sizeof what, "-%c", row->short_flag);
        else
            snprintf(what, sizeof what, "--%s", row->flag);
        if (app_options_set(options, (settings_id)id, optarg, what) != 0)
            return APP_EXIT_BAD_INPUT;
    }
    if (optind + 1 < argc)
        return app_usage_error(name, "unexpected argument '%s'", argv[optind + 1]);
    if (optind < argc)
        options->model_path = argv[optind];
    else if (options->model_storage[0])
        options->model_path = options->model_storage;
    app_options_resolve(options);
    int verbose = options->settings.value[SETTINGS_VERBOSE].count;
    core_log_set_level(options->quiet ? CORE_LOG_ERROR
                       : verbose >= 2 ? CORE_LOG_DEBUG
                       : verbose == 1 ? CORE_LOG_INFO
                                      : CORE_LOG_WARNING);
    return -1;
}
