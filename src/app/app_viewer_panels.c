#define _POSIX_C_SOURCE 200809L
#include "app/app_viewer_panels.h"

#include "app/app_options.h"
#include "core/core_file.h"
#include "core/core_log.h"
#include "inspect/inspect_advice.h"
#include "inspect/inspect_life.h"
#include "scene/scene_light.h"
#include "settings/settings.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The viewer's panels. A panel's setting is a row of the settings table: its
 * label, range, choices and help come from the row (so they match the CLI),
 * and a change goes through the same path as `--script`'s `set KEY VALUE`
 * (the row's parser, then the frame), so a slider does exactly what the flag
 * does. The viewer's own controls (turntable, compare, detector) set its
 * state as its keys do. */

_Static_assert(sizeof(ui_draw_vertex) == sizeof(gfx_ui_vertex), "panel vertex layout");
_Static_assert(offsetof(ui_draw_vertex, rgba) == offsetof(gfx_ui_vertex, rgba), "vertex colour");
_Static_assert(sizeof(ui_draw_command) == sizeof(gfx_ui_command), "panel command layout");

/* A slider's range where the row's is wider than a hand wants (a lamp from 1 mm
 * to 100 m): a practical range, the flag still taking the rest. */
typedef struct panel_setting {
    const char *label;
    settings_id id;
    float min, max; /* 0, 0: the row's */
    bool logarithmic;
    const char *format;
} panel_setting;

static const panel_setting lamp_settings[] = {
    {"Azimuth", SETTINGS_LIGHT_AZIMUTH, -180, 180, false, "%.0f deg"},
    {"Elevation", SETTINGS_LIGHT_ELEVATION, 0, 0, false, "%.0f deg"},
    {"Distance", SETTINGS_LIGHT_DISTANCE, 20, 3000, true, "%.0f mm"},
    {"Radius", SETTINGS_LIGHT_RADIUS, 0.5f, 200, true, "%.1f mm"},
    {"Temperature", SETTINGS_LIGHT_TEMP, 0, 0, false, "%.0f K"},
    {"Intensity", SETTINGS_LIGHT_INTENSITY, 0.05f, 20, true, "%.2f"},
    {"Fill", SETTINGS_AMBIENT, 0, 0.3f, false, "%.3f"},
    {"Room", SETTINGS_ROOM, 0, 0, false, NULL},
};

static const panel_setting view_settings[] = {
    {"View", SETTINGS_VIEW_MODE, 0, 0, false, NULL},
    {"Exposure", SETTINGS_EXPOSURE, -4, 4, false, "%+.1f EV"},
    {"Tone map", SETTINGS_TONEMAP, 0, 0, false, NULL},
    {"Camera azimuth", SETTINGS_CAMERA_AZIMUTH, -180, 180, false, "%.0f deg"},
    {"Camera elevation", SETTINGS_CAMERA_ELEVATION, 0, 0, false, "%.0f deg"},
    {"Viewing distance", SETTINGS_VIEWING_DISTANCE, 100, 2000, true, "%.0f mm"},
};

/* The current settings of the viewer's frame (active viewport's look). */
static void current_settings(const app_viewer_loop *loop, settings_values *out)
{
    const app_viewer *viewer = &loop->viewer;
    *out = loop->options->settings;
    render_frame_desc frame = viewer->frame;
    frame.finish = viewer->looks[viewer->active_viewport].finish;
    app_settings_capture(out, &frame);
    /* A distance left to the model's size shows the one it resolved to. */
    scene_shot shot = scene_shot_resolve(&frame.shot, &viewer->bounds);
    out->value[SETTINGS_LIGHT_DISTANCE].number[0] = shot.lamp.distance_mm;
}

static void apply(app_viewer_loop *loop, const char *key, const char *value, double now)
{
    if (app_viewer_set(loop, key, value) != CORE_OK)
        app_viewer_say(&loop->viewer, true, now, "%s", core_last_error());
}

static void setting_widget(app_viewer_loop *loop, const panel_setting *s,
                           const settings_values *values, double now)
{
    const settings_row *row = settings_row_of(s->id);
    char text[64];
    if (row->type == SETTINGS_CHOICE) {
        int count = 0;
        while (row->choices[count])
            ++count;
        int index = values->value[s->id].choice;
        if (ui_choice(loop->ui, s->label, &index, row->choices, count, row->help))
            apply(loop, row->key, row->choices[index], now);
        return;
    }
    float min = s->min != 0.0f || s->max != 0.0f ? s->min : (float)row->min;
    float max = s->min != 0.0f || s->max != 0.0f ? s->max : (float)row->max;
    float value = (float)values->value[s->id].number[0];
    if (ui_slider(loop->ui, s->label, &value, min, max, s->format ? s->format : "%.2f",
                  s->logarithmic, row->help)) {
        snprintf(text, sizeof text, "%.9g", (double)value);
        apply(loop, row->key, text, now);
    }
}

static void lamp_panel(app_viewer_loop *loop, const settings_values *values, double now)
{
    if (!ui_panel_begin(loop->ui, "Lamp", true))
        return;
    for (size_t i = 0; i < sizeof lamp_settings / sizeof lamp_settings[0]; ++i) {
        setting_widget(loop, &lamp_settings[i], values, now);
        if (lamp_settings[i].id == SETTINGS_LIGHT_TEMP) {
            float rgb[3];
            scene_kelvin_to_linear_srgb(loop->viewer.frame.shot.lamp.kelvin, rgb);
            float peak = fmaxf(fmaxf(rgb[0], rgb[1]), fmaxf(rgb[2], 1e-6f));
            for (int c = 0; c < 3; ++c)
                rgb[c] = powf(rgb[c] / peak, 1.0f / 2.2f); /* roughly display values */
            ui_swatch(loop->ui, rgb);
        }
    }
    if (ui_button(loop->ui, "Reset", "the lamp where the command line or preset put it"))
        loop->viewer.frame.shot.lamp = loop->viewer.start.lamp;
    ui_panel_end(loop->ui);
}

static void view_panel(app_viewer_loop *loop, const settings_values *values, double now)
{
    if (!ui_panel_begin(loop->ui, "View", true))
        return;
    for (size_t i = 0; i < sizeof view_settings / sizeof view_settings[0]; ++i)
        setting_widget(loop, &view_settings[i], values, now);
    /* As Blender's numpad: front, right side, top, and three-quarters. */
    static const struct {
        const char *label;
        float azimuth, elevation;
    } cameras[] = {{"Front", 0, 12}, {"Side", 90, 12}, {"Top", 0, 89}, {"3/4", 35, 25}};
    for (size_t i = 0; i < sizeof cameras / sizeof cameras[0]; ++i) {
        if (i)
            ui_same_line(loop->ui);
        if (ui_button(loop->ui, cameras[i].label, "turn the camera to this view")) {
            char text[32];
            snprintf(text, sizeof text, "%g", (double)cameras[i].azimuth);
            apply(loop, "camera.azimuth_deg", text, now);
            snprintf(text, sizeof text, "%g", (double)cameras[i].elevation);
            apply(loop, "camera.elevation_deg", text, now);
        }
    }
    ui_panel_end(loop->ui);
}

static void turntable_panel(app_viewer_loop *loop)
{
    app_viewer *viewer = &loop->viewer;
    if (!ui_panel_begin(loop->ui, "Turntable", true))
        return;
    ui_toggle(loop->ui, "Turning", &viewer->turning, "the turntable turns (Space)");
    ui_slider(loop->ui, "Speed", &viewer->speed_deg_s, 1, 90, "%.0f deg/s", true,
              "how fast it turns: slowly is how a finish is judged");
    float angle = fmodf(viewer->frame.shot.turntable_deg + 360.0f, 360.0f);
    if (ui_slider(loop->ui, "Angle", &angle, 0, 360, "%.0f deg", false,
                  "the turntable's angle (the --angle flag)"))
        viewer->frame.shot.turntable_deg = angle;
    ui_slider(loop->ui, "Step", &viewer->step_deg, 1, 90, "%.0f deg", false,
              "a press of Left or Right");
    ui_panel_end(loop->ui);
}

/* The model's scale 1:N for the life sizes, typed as --scale takes it; the
 * field shows the session's scale again whenever that changes (a set, a
 * dropped model) and after Enter, so a refused value does not stay. */
static void scale_field(app_viewer_loop *loop, double now)
{
    static char text[32];
    static float shown;
    const scene_scale *scale = &loop->session->scale;
    if (shown != scale->n) {
        snprintf(text, sizeof text, "1:%.4g", (double)scale->n);
        shown = scale->n;
    }
    const settings_row *row = settings_row_of(SETTINGS_SCALE);
    if (ui_field(loop->ui, "Scale", text, sizeof text, row->help)) {
        apply(loop, row->key, text, now);
        shown = 0.0f; /* the scale in force, as glint writes it (refused or not) */
    }
    char line[160];
    scene_scale_describe(scale, line, sizeof line);
    ui_text(loop->ui, line);
}

static void model_panel(app_viewer_loop *loop, double now)
{
    app_viewer *viewer = &loop->viewer;
    if (!ui_panel_begin(loop->ui, "Model", true))
        return;
    const scene_bounds *b = &viewer->bounds;
    char text[4200];
    snprintf(text, sizeof text, "%s: %.1f x %.1f x %.1f mm", core_path_basename(loop->model_path),
             (double)(b->max[0] - b->min[0]), (double)(b->max[2] - b->min[2]),
             (double)(b->max[1] - b->min[1]));
    ui_text(loop->ui, text);
    const char *names[APP_VIEWER_MAX_PARTS + 1];
    names[0] = "all parts";
    for (int p = 0; p < viewer->part_count; ++p)
        names[p + 1] = viewer->parts[p].name;
    int selected = viewer->selected_part + 1;
    int rows = viewer->part_count + 1 < 6 ? viewer->part_count + 1 : 6;
    if (ui_list(loop->ui, "Parts", &selected, names, viewer->part_count + 1, rows)) {
        viewer->selected_part = selected - 1;
        viewer->selection_shown_until = now + 1.5;
    }
    /* The selected part's varnish (or every part's), as F-keys and --part do. */
    const settings_row *finish_row = settings_row_of(SETTINGS_FINISH);
    int count = 0;
    while (finish_row->choices[count])
        ++count;
    app_viewer_look *look = &viewer->looks[viewer->active_viewport];
    int part = viewer->selected_part;
    int finish = part >= 0 && look->part_finish[part] >= 0 ? look->part_finish[part]
                                                           : (int)look->finish;
    if (ui_choice(loop->ui, "Varnish", &finish, finish_row->choices, count, finish_row->help)) {
        if (part >= 0)
            look->part_finish[part] = (signed char)finish;
        else
            app_viewer_apply(viewer, (app_viewer_action)(APP_ACTION_FINISH_FROM_FILE + finish),
                             now);
    }
    const settings_row *paint_row = settings_row_of(SETTINGS_PAINT);
    int paints = 0;
    while (paint_row->choices[paints])
        ++paints;
    int paint = app_viewer_paint_of(loop, part);
    if (ui_choice(loop->ui, "Paint", &paint, paint_row->choices, paints, paint_row->help))
        app_viewer_set_paint(loop, part, paint, now);
    if (ui_button(loop->ui, "Next up axis", "stand the model on another axis (U)"))
        viewer->requests.up_steps++;
    scale_field(loop, now);
    ui_panel_end(loop->ui);
}

static void compare_panel(app_viewer_loop *loop, double now)
{
    app_viewer *viewer = &loop->viewer;
    if (!ui_panel_begin(loop->ui, "Compare", false))
        return;
    bool comparing = viewer->viewport_count > 1;
    if (ui_toggle(loop->ui, "Side by side", &comparing,
                  "matte, satin, gloss (and bare paint) side by side (C)"))
        app_viewer_set_compare(viewer, comparing ? 3 : 1, now);
    if (comparing) {
        float n = (float)viewer->viewport_count;
        if (ui_slider(loop->ui, "Viewports", &n, 2, 4, "%.0f", false, "how many finishes"))
            app_viewer_set_compare(viewer, (int)lroundf(n), now);
    }
    ui_panel_end(loop->ui);
}

/* The flags' words for a stretch: "pinpoints, jitter". */
static void flag_words(uint32_t flags, char *text, size_t size)
{
    text[0] = '\0';
    for (int f = 0; f < DETECT_FLAG_COUNT; ++f) {
        if (!(flags & DETECT_FLAG_BIT(f)))
            continue;
        size_t used = strlen(text);
        snprintf(text + used, size - used, "%s%s", used ? ", " : "",
                 inspect_flag_word((detect_flag)f));
    }
}

/* The check's advice on the live detector's steps (inspect_live_advise),
 * made again only when a step was judged since: one viewer, one cache. */
static struct {
    const inspect_live *live;
    int steps, flagged;
    bool valid;
    inspect_advice advice;
} live_advice;

static const inspect_advice *current_advice(app_viewer_loop *loop, int v,
                                            const inspect_live_summary *summary)
{
    const inspect_live *live = loop->live[v];
    if (live_advice.valid && live_advice.live == live && live_advice.steps == summary->steps &&
        live_advice.flagged == summary->any_flagged_steps)
        return &live_advice.advice;
    inspect_advice_free(&live_advice.advice);
    render_part_finish parts[APP_VIEWER_MAX_PARTS];
    render_frame_desc frame = app_viewer_viewport_frame(&loop->viewer, v, parts);
    live_advice.live = live;
    live_advice.steps = summary->steps;
    live_advice.flagged = summary->any_flagged_steps;
    live_advice.valid =
        inspect_live_advise(live, &loop->session->model, &frame, &live_advice.advice) == CORE_OK;
    return live_advice.valid ? &live_advice.advice : NULL;
}

/* The places of a stretch: the check's problems within its degrees, "pinpoints
 * on cap, top front left, 46 mm up" (as `glint check` lists them). */
static void stretch_places(app_viewer_loop *loop, const inspect_advice *advice,
                           const inspect_live_stretch *stretch)
{
    for (int k = 0; advice && k < advice->problem_count; ++k) {
        const inspect_problem *p = &advice->problems[k];
        if (p->from_deg > (float)stretch->to_deg + 1.0f || p->to_deg < (float)stretch->from_deg)
            continue;
        char text[256];
        snprintf(text, sizeof text, "  %s on %s, %s", inspect_flag_word(p->flag),
                 inspect_part_name(&loop->session->model, p->part), p->place);
        ui_text(loop->ui, text);
    }
}

static void detector_panel(app_viewer_loop *loop, double now)
{
    app_viewer *viewer = &loop->viewer;
    if (!ui_panel_begin(loop->ui, "Detector", false))
        return;
    ui_toggle(loop->ui, "Live", &viewer->detector,
              "watch the highlights for pinpoints, jitter and sparkle as the model turns (D)");
    int v = viewer->active_viewport;
    if (viewer->detector && v < viewer->viewport_count && loop->live[v]) {
        static inspect_live_summary summary;
        inspect_live_summary_get(loop->live[v], &summary);
        char text[512];
        snprintf(text, sizeof text, "%s%s: %.0f%% of %d steps flagged",
                 viewer->viewport_count > 1 ? "this viewport, " : "",
                 summary.flags_text[0] ? summary.flags_text : "waiting", summary.score * 100.0f,
                 summary.steps);
        ui_text(loop->ui, text);
        /* The verdict in `glint check`'s words, over the steps judged so far. */
        const inspect_advice *advice = summary.steps ? current_advice(loop, v, &summary) : NULL;
        if (advice)
            ui_text(loop->ui, advice->summary);
        inspect_life_frame(inspect_live_record(loop->live[v]), loop->session->scale.n, text,
                           sizeof text);
        if (text[0]) /* the latest step's feature at life size */
            ui_text(loop->ui, text);
        /* How many kinds of flag at each degree of the turn. */
        float counts[360];
        for (int d = 0; d < 360; ++d) {
            counts[d] = 0.0f;
            for (int f = 0; f < DETECT_FLAG_COUNT; ++f)
                counts[d] += summary.judged_at[d] && (summary.flags_at[d] & DETECT_FLAG_BIT(f));
        }
        ui_plot(loop->ui, "flags by angle", counts, 360, 0.0f, 3.0f, 48.0f * loop->ui_scale);
        /* The flagged stretches: a click turns the turntable there and holds
         * it; under each, where on the model its flags are. */
        inspect_live_stretch stretches[8];
        int n = inspect_live_stretches(&summary, stretches, 8);
        for (int i = 0; i < n; ++i) {
            char words[160], label[64];
            flag_words(stretches[i].flags, words, sizeof words);
            snprintf(label, sizeof label, "Go to %d", i + 1);
            if (ui_button(loop->ui, label, "turn the turntable to this stretch and hold it")) {
                viewer->turning = false;
                viewer->frame.shot.turntable_deg = (float)stretches[i].from_deg;
                app_viewer_say(viewer, false, now, "turntable at %d deg: %s", stretches[i].from_deg,
                               words);
            }
            ui_same_line(loop->ui);
            snprintf(text, sizeof text, "%d-%d deg: %s", stretches[i].from_deg,
                     stretches[i].to_deg, words);
            ui_text(loop->ui, text);
            stretch_places(loop, advice, &stretches[i]);
        }
    }
    ui_panel_end(loop->ui);
}

static void info_panel(app_viewer_loop *loop, int fb_width, int fb_height)
{
    if (!ui_panel_begin(loop->ui, "Info", false))
        return;
    static char status[2048];
    app_viewer_status_text(loop, fb_width, fb_height, status, sizeof status);
    ui_text(loop->ui, status);
    ui_panel_end(loop->ui);
}

/* The help: every key, grouped, in a window over the picture (Esc or H
 * closes it), from the one key table. */
static void help_sheet(app_viewer_loop *loop, int fb_height)
{
    float margin = 8.0f * loop->ui_scale;
    float w = (float)loop->picture_width - 2.0f * margin, h = (float)fb_height - 2.0f * margin;
    if (!ui_sheet_begin(loop->ui, "Help (H or Esc to close)", margin, margin, w, h))
        return;
    char label[64];
    ui_sheet_heading(loop->ui, "Mouse");
    for (int i = 0; i < app_viewer_mouse_binding_count; ++i) {
        const app_viewer_mouse_binding *b = &app_viewer_mouse_bindings[i];
        app_viewer_button_label(b->button, b->mods, label, sizeof label);
        ui_sheet_row(loop->ui, label, b->help);
    }
    ui_sheet_row(loop->ui, "Wheel", "zoom");
    ui_sheet_row(loop->ui, "Drop a file", "open it (a glint PNG: apply its settings)");
    for (int g = 0; g < app_viewer_group_count; ++g) {
        ui_sheet_heading(loop->ui, app_viewer_groups[g]);
        for (int i = 0; i < app_viewer_binding_count; ++i) {
            const app_viewer_binding *b = &app_viewer_bindings[i];
            if (app_viewer_action_group(b->action) != app_viewer_groups[g])
                continue;
            app_viewer_key_label(b->key, b->mods, label, sizeof label);
            ui_sheet_row(loop->ui, label, b->help);
        }
    }
    ui_sheet_end(loop->ui);
}

core_result app_viewer_panels_create(app_viewer_loop *loop)
{
    ui_desc desc = {0};
    core_result r = ui_create(&desc, &loop->ui);
    loop->ui_scale = 1.0f;
    return r;
}

void app_viewer_panels_destroy(app_viewer_loop *loop)
{
    inspect_advice_free(&live_advice.advice);
    live_advice.valid = false;
    gfx_texture_unload(&loop->ui_font);
    ui_destroy(loop->ui);
    loop->ui = NULL;
}

static core_result upload_font(app_viewer_loop *loop)
{
    const uint8_t *pixels;
    int w, h;
    ui_font_pixels(loop->ui, &pixels, &w, &h);
    core_result r = gfx_texture_update_plain(&loop->ui_font, w, h, pixels);
    if (r == CORE_OK)
        ui_set_font_texture(loop->ui, loop->ui_font.id);
    return r;
}

bool app_viewer_panels_take_event(app_viewer_loop *loop, const plat_event *event)
{
    if (!loop->ui || !loop->viewer.hud)
        return false;
    ui_context *ui = loop->ui;
    /* Screen coordinates to framebuffer pixels (hi-DPI). */
    float scale = plat_window_content_scale(loop->session->platform);
    switch (event->kind) {
    case PLAT_EVENT_CURSOR:
        ui_input_cursor(ui, (float)event->x * scale, (float)event->y * scale);
        return false; /* the viewer follows the cursor too (a drag in progress) */
    case PLAT_EVENT_BUTTON:
        ui_input_cursor(ui, (float)event->x * scale, (float)event->y * scale);
        ui_input_button(ui, (int)event->button, event->down);
        /* a press on a panel is the panel's; a release ends the viewer's drag too */
        return event->down && ui_wants_mouse(ui);
    case PLAT_EVENT_SCROLL:
        if (!ui_wants_mouse(ui))
            return false;
        ui_input_scroll(ui, (float)event->y);
        return true;
    case PLAT_EVENT_KEY: {
        if (!ui_wants_keyboard(ui))
            return false;
        bool ctrl = event->mods & PLAT_MOD_CONTROL, shift = event->mods & PLAT_MOD_SHIFT;
        static const struct {
            plat_key key;
            ui_key ui;
        } keys[] = {{PLAT_KEY_TAB, UI_KEY_TAB},           {PLAT_KEY_LEFT, UI_KEY_LEFT},
                    {PLAT_KEY_RIGHT, UI_KEY_RIGHT},       {PLAT_KEY_UP, UI_KEY_UP},
                    {PLAT_KEY_DOWN, UI_KEY_DOWN},         {PLAT_KEY_HOME, UI_KEY_HOME},
                    {PLAT_KEY_END, UI_KEY_END},           {PLAT_KEY_BACKSPACE, UI_KEY_BACKSPACE},
                    {PLAT_KEY_ENTER, UI_KEY_ENTER},       {PLAT_KEY_ESCAPE, UI_KEY_ESCAPE}};
        for (size_t i = 0; i < sizeof keys / sizeof keys[0]; ++i)
            if (keys[i].key == event->key)
                ui_input_key(ui, keys[i].ui, ctrl, shift);
        if (event->key == PLAT_KEY_A && ctrl)
            ui_input_key(ui, UI_KEY_A, ctrl, shift);
        /* A number typed into a field (Ctrl+click on a slider), or a file's
         * path or a size (Shots); plat has keys, not text: a US layout's. */
        if (event->key >= PLAT_KEY_0 && event->key <= PLAT_KEY_9 && !ctrl)
            ui_input_char(ui, (unsigned)('0' + (event->key - PLAT_KEY_0)));
        else if (event->key >= PLAT_KEY_A && event->key <= PLAT_KEY_Z && !ctrl)
            ui_input_char(ui, (unsigned)((shift ? 'A' : 'a') + (event->key - PLAT_KEY_A)));
        else if (event->key == PLAT_KEY_PERIOD)
            ui_input_char(ui, '.');
        else if (event->key == PLAT_KEY_MINUS)
            ui_input_char(ui, shift ? '_' : '-');
        else if (event->key == PLAT_KEY_SLASH)
            ui_input_char(ui, '/');
        else if (event->key == PLAT_KEY_SPACE)
            ui_input_char(ui, ' ');
        return true;
    }
    default: return false;
    }
}

float app_viewer_panels_width(const app_viewer_loop *loop, int fb_width)
{
    return loop->ui && loop->viewer.hud ? ui_column_width(loop->ui, fb_width) : 0.0f;
}

core_result app_viewer_panels_frame(app_viewer_loop *loop, int fb_width, int fb_height,
                                    double now)
{
    if (!loop->ui)
        return CORE_OK;
    /* Legible from 640x400 to 4K: the text grows with the window's height. */
    float scale = fminf(fmaxf((float)fb_height / 800.0f, 0.8f), 2.5f);
    if ((ui_set_scale(loop->ui, scale) || !loop->ui_font.id)) {
        core_result r = upload_font(loop);
        if (r != CORE_OK)
            return r;
    }
    double seconds = loop->ui_last > 0.0 ? now - loop->ui_last : 1.0 / 60.0;
    loop->ui_last = now;
    ui_column_show(loop->ui, loop->viewer.hud);
    ui_frame_begin(loop->ui, fb_width, fb_height, (float)seconds);
    if (loop->viewer.hud) {
        settings_values values;
        current_settings(loop, &values);
        lamp_panel(loop, &values, now);
        model_panel(loop, now);
        view_panel(loop, &values, now);
        turntable_panel(loop);
        compare_panel(loop, now);
        detector_panel(loop, now);
        app_viewer_shots_panel(loop);
        info_panel(loop, fb_width, fb_height);
        if (loop->viewer.help)
            help_sheet(loop, fb_height);
    }
    const ui_draw_list *lists;
    int count;
    ui_frame_end(loop->ui, &lists, &count);
    gfx_canvas_draw_ui(&loop->hud.canvas, (const gfx_ui_list *)(const void *)lists, count,
                       fb_width, fb_height);
    return CORE_OK;
}

core_result app_viewer_write_rects(const app_viewer_loop *loop, const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return core_fail(CORE_ERR_IO, "%s: cannot write the rectangles", path);
    for (int i = 0; i < loop->hud.box_count; ++i) {
        const app_hud_box *b = &loop->hud.boxes[i];
        fprintf(f, "hud %.1f %.1f %.1f %.1f hud-%d\n", (double)b->x, (double)b->y,
                (double)b->width, (double)b->height, i);
    }
    ui_rect rects[32];
    int n = loop->ui ? ui_panel_rects(loop->ui, rects, 32) : 0;
    for (int i = 0; i < n; ++i)
        fprintf(f, "%s %.1f %.1f %.1f %.1f %s\n",
                rects[i].kind == UI_RECT_COLUMN  ? "column"
                : rects[i].kind == UI_RECT_SHEET ? "sheet"
                                                 : "panel",
                (double)rects[i].x,
                (double)rects[i].y, (double)rects[i].w, (double)rects[i].h, rects[i].title);
    bool ok = fclose(f) == 0;
    return ok ? CORE_OK : core_fail(CORE_ERR_IO, "%s: cannot write the rectangles", path);
}

core_result app_viewer_write_texts(const app_viewer_loop *loop, const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return core_fail(CORE_ERR_IO, "%s: cannot write the panels' texts", path);
    size_t need = loop->ui ? ui_panel_texts(loop->ui, NULL, 0) : 0;
    char *text = malloc(need + 1);
    bool ok = text != NULL;
    if (ok) {
        if (loop->ui)
            ui_panel_texts(loop->ui, text, need + 1);
        else
            text[0] = '\0';
        ok = fputs(text, f) >= 0;
    }
    free(text);
    ok = fclose(f) == 0 && ok;
    return ok ? CORE_OK : core_fail(CORE_ERR_IO, "%s: cannot write the panels' texts", path);
}
