#include "app/app_viewer_loop.h"
#include "app/app_viewer_panels.h"

#include "core/core_file.h"
#include "scene/scene_light.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const float white[4] = {1.0f, 1.0f, 1.0f, 1.0f};
static const float dim[4] = {0.8f, 0.82f, 0.85f, 1.0f};
static const float warning[4] = {1.0f, 0.55f, 0.45f, 1.0f};
static const float selected_colour[4] = {1.0f, 0.75f, 0.3f, 1.0f};

/* Appends a formatted line; a full buffer just stops growing. */
static void line(char *text, size_t size, size_t *used, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static void line(char *text, size_t size, size_t *used, const char *format, ...)
{
    if (*used + 1 >= size)
        return;
    va_list args;
    va_start(args, format);
    int n = vsnprintf(text + *used, size - *used, format, args);
    va_end(args);
    if (n > 0)
        *used += (size_t)n < size - *used ? (size_t)n : size - *used - 1;
}

static const char *finish_text(const app_viewer *viewer, int viewport, int part)
{
    const app_viewer_look *look = &viewer->looks[viewport];
    int kind = look->part_finish[part] >= 0 ? look->part_finish[part] : (int)look->finish;
    if (kind != SCENE_FINISH_FROM_FILE)
        return scene_finish_name((scene_finish_kind)kind);
    /* The file's own guess has no name, but its roughness says what it reads as. */
    static char guess[48];
    snprintf(guess, sizeof guess, "file, roughness %.2f", viewer->parts[part].finish.roughness);
    return guess;
}

void app_viewer_status_text(app_viewer_loop *loop, int width, int height, char *text, size_t size)
{
    const app_viewer *viewer = &loop->viewer;
    scene_shot shot = scene_shot_resolve(&viewer->frame.shot, &viewer->bounds);
    size_t used = 0;
    text[0] = '\0';
    double ms = loop->last_frame_ms;
    line(text, size, &used, "%s  %dx%d  %.1f ms  %.0f fps\n", core_path_basename(loop->model_path),
         width, height, ms, ms > 0.0 ? 1000.0 / ms : 0.0);
    /* docs/viewer.md, "On a software renderer": what the last frame cost itself. */
    const app_viewer_quality *q = &loop->quality;
    if (q->shown_cheap)
        line(text, size, &used,
             "moving: drawn at %dx%d a viewport, 1 sample; full when it rests\n", q->cheap_width,
             q->cheap_height);
    line(text, size, &used, "view %s   room %s (W)   exposure %+.2f EV\n",
         render_view_name(viewer->frame.view), scene_room_name(viewer->frame.room),
         viewer->frame.exposure_ev);
    line(text, size, &used, "turntable %5.1f deg  %s %.0f deg/s%s  step %.0f deg\n",
         shot.turntable_deg, viewer->turning ? "turning" : "stopped", viewer->speed_deg_s,
         viewer->turn_held ? " (held to 1 deg an analysis for the detector)" : "", viewer->step_deg);
    line(text, size, &used, "lamp az %.0f el %.0f  %.0f mm  r %.1f mm  %.0f K  x%.2f\n",
         shot.lamp.azimuth_deg, shot.lamp.elevation_deg, shot.lamp.distance_mm, shot.lamp.radius_mm,
         shot.lamp.kelvin, shot.lamp.intensity);
    line(text, size, &used, "camera az %.0f el %.0f  zoom %.2f  %.0f mm away%s\n",
         shot.camera.azimuth_deg, shot.camera.elevation_deg, shot.camera.fill,
         shot.camera.viewing_distance_mm,
         loop->session->framed_from_afar ? " (a big model: stood back to frame it)" : "");
    if (viewer->focus_part >= 0 && viewer->focus_part < viewer->part_count)
        line(text, size, &used, "focus %s: a macro view of it (Z: the whole model)\n",
             viewer->parts[viewer->focus_part].name);
    line(text, size, &used, "up %s (%s; U)\n", scene_up_name(loop->session->up),
         loop->session->up_reason);
    if (!viewer->detector) {
        line(text, size, &used, "detector off (D)\n");
        return;
    }
    for (int v = 0; v < viewer->viewport_count; ++v) {
        if (!loop->live[v])
            continue;
        inspect_live_summary summary;
        inspect_live_summary_get(loop->live[v], &summary);
        char describe[256];
        inspect_live_describe(loop->live[v], describe, sizeof describe);
        if (v == 0)
            line(text, size, &used, "%s\n", describe);
        if (viewer->viewport_count > 1)
            line(text, size, &used, "[%d] ", v + 1);
        line(text, size, &used, "detector %s  score %.0f%% of %d steps flagged\n",
             summary.flags_text[0] ? summary.flags_text : "waiting", summary.score * 100.0f,
             summary.steps);
    }
}

/* The panel lights up while a selection is fresh, as the part does. */
static void parts_panel(app_viewer_loop *loop, float x, float y, double now)
{
    const app_viewer *viewer = &loop->viewer;
    int viewport = viewer->active_viewport;
    char heading[128];
    snprintf(heading, sizeof heading, "%s (Tab, 0-5)",
             viewer->viewport_count > 1 ? "parts under the cursor" : "parts");
    char text[4096];
    size_t used = 0;
    text[0] = '\0';
    line(text, sizeof text, &used, "%s\n%s all parts\n", heading,
         viewer->selected_part < 0 ? ">" : " ");
    int shown = viewer->part_count < 24 ? viewer->part_count : 24;
    for (int p = 0; p < shown; ++p)
        line(text, sizeof text, &used, "%s %-16.16s %s%s%s\n",
             p == viewer->selected_part ? ">" : " ",
             viewer->parts[p].name[0] ? viewer->parts[p].name : "(unnamed)",
             finish_text(viewer, viewport, p),
             viewer->parts[p].paint.name[0] ? " on " : "", viewer->parts[p].paint.name);
    if (shown < viewer->part_count)
        line(text, sizeof text, &used, "  ... %d more\n", viewer->part_count - shown);
    app_hud_panel(&loop->hud, x, y, APP_HUD_TOP_LEFT,
                  now < viewer->selection_shown_until ? selected_colour : dim, text);
}

/* Where the lamp is, as seen by the camera of viewport 0: a disc in the
 * lamp's colour, at the window's edge when the lamp is out of the picture. */
static void lamp_marker(app_viewer_loop *loop, int width, int height)
{
    const app_viewer *viewer = &loop->viewer;
    int w = width / viewer->viewport_count;
    scene_view view;
    scene_shot_view(&viewer->frame.shot, &viewer->bounds, (float)w / (float)height, &view);
    const float *p = view.lamp_position;
    float clip[4];
    for (int row = 0; row < 4; ++row) {
        float eye[4];
        for (int i = 0; i < 4; ++i)
            eye[i] = view.view[0 * 4 + i] * p[0] + view.view[1 * 4 + i] * p[1] +
                     view.view[2 * 4 + i] * p[2] + view.view[3 * 4 + i];
        clip[row] = view.projection[0 * 4 + row] * eye[0] + view.projection[1 * 4 + row] * eye[1] +
                    view.projection[2 * 4 + row] * eye[2] + view.projection[3 * 4 + row] * eye[3];
    }
    float scale = loop->hud.scale;
    float x, y, radius = 7.0f * scale;
    bool behind = clip[3] <= 1e-4f;
    float nx = clip[0] / fabsf(clip[3] > 1e-4f ? clip[3] : 1e-4f);
    float ny = clip[1] / fabsf(clip[3] > 1e-4f ? clip[3] : 1e-4f);
    if (behind) {
        nx = -nx;
        ny = -ny;
    }
    float margin = 12.0f * scale;
    x = fminf(fmaxf((nx * 0.5f + 0.5f) * (float)w, margin), (float)w - margin);
    y = fminf(fmaxf((0.5f - ny * 0.5f) * (float)height, margin), (float)height - margin);
    float colour[4] = {1.0f, 0.9f, 0.6f, 1.0f};
    float rgb[3];
    scene_kelvin_to_linear_srgb(
        scene_shot_resolve(&viewer->frame.shot, &viewer->bounds).lamp.kelvin, rgb);
    float peak = fmaxf(rgb[0], fmaxf(rgb[1], rgb[2]));
    for (int c = 0; c < 3; ++c)
        colour[c] = powf(rgb[c] / peak, 1.0f / 2.2f); /* roughly sRGB, for a marker */
    const float ring[4] = {0.0f, 0.0f, 0.0f, 0.7f};
    app_hud_disc(&loop->hud, x, y, radius + 2.0f * scale, ring);
    app_hud_disc(&loop->hud, x, y, behind ? radius * 0.6f : radius, colour);
    /* The word goes left of the disc where the right would run under the
     * panels' column (the lamp off screen to the right pins the disc there). */
    const char *word = behind ? "lamp (behind)" : "lamp";
    float word_w = 0.0f, word_h = 0.0f;
    app_hud_text_size(&loop->hud, word, &word_w, &word_h);
    float word_x = x + radius + 4.0f * scale;
    if (word_x + word_w > (float)w - 2.0f)
        word_x = x - radius - 4.0f * scale - word_w;
    app_hud_text(&loop->hud, word_x, y - 5.0f * scale, white, word);
    float ring_r = radius + 2.0f * scale;
    float left = fminf(x - ring_r, word_x), right = fmaxf(x + ring_r, word_x + word_w);
    float top = fminf(y - ring_r, y - 5.0f * scale);
    float bottom = fmaxf(y + ring_r, y - 5.0f * scale + word_h);
    app_hud_note_box(&loop->hud, (app_hud_box){left, top, right - left, bottom - top});
}

/* Compare mode: each viewport's finishes (and detector verdict) along its
 * bottom edge; the one under the cursor, which the finish keys change, lit. */
static float viewport_labels(app_viewer_loop *loop, int width, int height, float margin)
{
    const app_viewer *viewer = &loop->viewer;
    float tallest = 0.0f;
    if (viewer->viewport_count < 2)
        return tallest;
    for (int v = 0; v < viewer->viewport_count; ++v) {
        int x = width * v / viewer->viewport_count;
        char label[512], text[700];
        app_viewer_viewport_label(viewer, v, label, sizeof label);
        if (viewer->detector && loop->live[v]) {
            inspect_live_summary summary;
            inspect_live_summary_get(loop->live[v], &summary);
            snprintf(text, sizeof text, "[%d] %s\ndetector %s, %.0f%%", v + 1, label,
                     summary.flags_text[0] ? summary.flags_text : "waiting",
                     summary.score * 100.0f);
        } else {
            snprintf(text, sizeof text, "[%d] %s", v + 1, label);
        }
        app_hud_box box = app_hud_panel(
            &loop->hud, (float)x + margin, (float)height - margin, APP_HUD_BOTTOM_LEFT,
            v == viewer->active_viewport ? selected_colour : white, text);
        tallest = fmaxf(tallest, box.height);
        if (v > 0) {
            const float divider[4] = {0.0f, 0.0f, 0.0f, 0.8f};
            app_hud_rect(&loop->hud, (float)x - 1.0f, 0.0f, 2.0f, (float)height, divider);
        }
    }
    return tallest + margin;
}

/* The live detector's legend, bottom left of the picture above the labels:
 * each marker as the overlay draws it (a tinted ring between dark lines,
 * inspect_overlay_paint_rings) and the flags it stands for, in the words
 * `glint check` prints and their report codes. Returns its height. */
static float detector_legend(app_viewer_loop *loop, int height, float margin, float bottom)
{
    static const float tints[3][4] = {
        {1.0f, 0.125f, 0.125f, 1.0f}, {0.16f, 1.0f, 0.24f, 1.0f}, {0.24f, 0.47f, 1.0f, 1.0f}};
    static const float dark[4] = {0.06f, 0.06f, 0.06f, 1.0f};
    static const float white_text[4] = {1.0f, 1.0f, 1.0f, 1.0f};
    const char *text = "    jitter (JIT)\n    pinpoints (PIN), hairlines (HAIR), sparkle (NOISE)\n"
                       "    facets (FACET)";
    app_hud_box box = app_hud_panel(&loop->hud, margin, (float)height - margin - bottom,
                                    APP_HUD_BOTTOM_LEFT, white_text, text);
    float text_w = 0.0f, text_h = 0.0f;
    app_hud_text_size(&loop->hud, text, &text_w, &text_h);
    float padding = (box.height - text_h) / 2.0f, pitch = text_h / 3.0f;
    float side = fmaxf(pitch * 0.8f, 6.0f), line = fmaxf(side / 6.0f, 1.0f);
    for (int k = 0; k < 3; ++k) {
        float x = box.x + padding, y = box.y + padding + pitch * (float)k + (pitch - side) / 2.0f;
        app_hud_outline(&loop->hud, x, y, side, side, line, dark);
        app_hud_outline(&loop->hud, x + line, y + line, side - 2.0f * line, side - 2.0f * line,
                        line, tints[k]);
        app_hud_outline(&loop->hud, x + 2.0f * line, y + 2.0f * line, side - 4.0f * line,
                        side - 4.0f * line, line, dark);
    }
    return box.height + margin;
}

void app_viewer_draw_hud(app_viewer_loop *loop, int width, int height, double now)
{
    app_viewer *viewer = &loop->viewer;
    float margin = 6.0f * loop->hud.scale;
    int picture = loop->picture_width > 0 ? loop->picture_width : width;
    float bottom = viewport_labels(loop, picture, height, margin);
    if (viewer->detector)
        bottom += detector_legend(loop, height, margin, bottom);
    lamp_marker(loop, picture, height);
    /* Right of the picture, left of the panels' column, which shows the
     * status in its Info panel (over the picture it hid the model's top). */
    float panels = app_viewer_panels_width(loop, width);
    float right = (float)width - panels - margin;
    if (panels <= 0.0f) {
        char status[2048];
        app_viewer_status_text(loop, width, height, status, sizeof status);
        app_hud_panel(&loop->hud, right, margin, APP_HUD_TOP_RIGHT, white, status);
    }
    app_hud_box hint =
        app_hud_panel(&loop->hud, margin, margin, APP_HUD_TOP_LEFT, dim, "H or F1: help");
    /* With the panels shown the parts are listed in the Model panel. */
    if (app_viewer_panels_width(loop, width) <= 0.0f)
        parts_panel(loop, margin, hint.y + hint.height + margin, now);
    if (now < viewer->message_until && viewer->message[0])
        app_hud_panel(&loop->hud, right, (float)height - margin - bottom,
                      APP_HUD_BOTTOM_RIGHT, viewer->message_is_error ? warning : white,
                      viewer->message);
    /* With the panels the help is their sheet (app_viewer_panels.c). */
    if (viewer->help && panels <= 0.0f) {
        static char help[8192];
        app_viewer_help_text(help, sizeof help);
        float w = 0.0f, h = 0.0f;
        app_hud_panel_size(&loop->hud, help, &w, &h);
        app_hud_panel(&loop->hud, ((float)width - w) / 2.0f, ((float)height - h) / 2.0f,
                      APP_HUD_TOP_LEFT, white, help);
    }
}
