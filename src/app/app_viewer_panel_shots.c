#define _POSIX_C_SOURCE 200809L
#include "app/app_recent.h"
#include "app/app_viewer_panels.h"

#include "core/core_file.h"
#include "core/core_log.h"
#include "settings/settings.h"

#include <stdio.h>
#include <string.h>

/* The Shots panel: a screenshot, an offscreen shot at a size, a preset saved
 * or loaded, and the recent files. Each goes the way its key or flag goes:
 * the size through --shot-size's parser into Shift+F12's size, a preset
 * through --preset's reader (app_viewer_requests.c), a recent model as a
 * dropped file. The panel's state is the viewer's (one window). */
static struct {
    bool started;
    char size[32];
    char preset[4096];
    char error[320]; /* one line; "" when all is well */
    app_recent recent;
} shots;

void app_viewer_shots_error(const char *error)
{
    /* One line, whatever the message held. */
    snprintf(shots.error, sizeof shots.error, "%s", error ? error : "");
    shots.error[strcspn(shots.error, "\n")] = '\0';
}

void app_viewer_note_recent(const char *path, bool preset)
{
    if (!shots.started)
        return; /* the list is read with the panel's first frame */
    if (!app_recent_add(&shots.recent, path, preset))
        core_log(CORE_LOG_DEBUG, "recent files: %s not kept", path);
}

/* The size field: WIDTHxHEIGHT through --shot-size's own parser and range. */
static void take_size(app_viewer_loop *loop)
{
    settings_values values;
    if (settings_init(&values, SETTINGS_VIEW) != CORE_OK) {
        app_viewer_shots_error(core_last_error());
        return;
    }
    char what[64];
    snprintf(what, sizeof what, "Shots/Size '%.40s'", shots.size);
    if (settings_set(&values, SETTINGS_SHOT_SIZE, shots.size, what) == CORE_OK) {
        loop->settings.shot_width = (int)values.value[SETTINGS_SHOT_SIZE].number[0];
        loop->settings.shot_height = (int)values.value[SETTINGS_SHOT_SIZE].number[1];
        app_viewer_shots_error(NULL);
    } else {
        app_viewer_shots_error(core_last_error());
    }
    settings_free(&values);
}

static void start(app_viewer_loop *loop)
{
    shots.started = true;
    if (loop->settings.shot_width > 0)
        snprintf(shots.size, sizeof shots.size, "%dx%d", loop->settings.shot_width,
                 loop->settings.shot_height);
    app_recent_load(&shots.recent);
    app_viewer_note_recent(loop->model_path, false);
}

void app_viewer_shots_panel(app_viewer_loop *loop)
{
    app_viewer *viewer = &loop->viewer;
    if (!shots.started)
        start(loop);
    if (!ui_panel_begin(loop->ui, "Shots", false))
        return;
    if (ui_button(loop->ui, "Screenshot", "the picture as shown, without panels (F12)"))
        viewer->requests.screenshot = true;
    ui_same_line(loop->ui);
    if (ui_button(loop->ui, "Offscreen shot", "rendered offscreen at the size below (Shift+F12)"))
        viewer->requests.screenshot_large = true;
    if (ui_field(loop->ui, "Size", shots.size, sizeof shots.size,
                 settings_row_of(SETTINGS_SHOT_SIZE)->help))
        take_size(loop);
    if (ui_button(loop->ui, "Save preset", "the look, lamp and camera as a preset (Ctrl+S)"))
        viewer->requests.save_preset = true;
    ui_field(loop->ui, "Preset file", shots.preset, sizeof shots.preset,
             "a preset's JSON or a PNG glint wrote, applied as --preset reads it");
    ui_same_line(loop->ui);
    if (ui_button(loop->ui, "Load preset", "apply the preset file's settings to this model")) {
        if (!shots.preset[0])
            app_viewer_shots_error("Shots/Preset file: type a preset's path first");
        else
            snprintf(viewer->requests.preset_path, sizeof viewer->requests.preset_path, "%s",
                     shots.preset);
    }
    if (shots.error[0]) {
        const float red[3] = {1.0f, 0.45f, 0.4f};
        ui_text_coloured(loop->ui, red, shots.error);
    }
    for (int i = 0; i < shots.recent.count; ++i) {
        const app_recent_entry *entry = &shots.recent.entries[i];
        char label[32], text[600];
        snprintf(label, sizeof label, "Open %d", i + 1);
        if (ui_button(loop->ui, label, entry->path)) {
            app_viewer_requests *requests = &viewer->requests;
            char *target = entry->preset ? requests->preset_path : requests->load_path;
            snprintf(target, sizeof requests->load_path, "%s", entry->path);
        }
        ui_same_line(loop->ui);
        snprintf(text, sizeof text, "%s%s", core_path_basename(entry->path),
                 entry->preset ? " (preset)" : "");
        ui_text(loop->ui, text);
    }
    ui_panel_end(loop->ui);
}
