#ifndef GLINT_APP_VIEWER_UNDO_H
#define GLINT_APP_VIEWER_UNDO_H

/* Undo and redo (Ctrl+Z, Ctrl+Shift+Z) for what a painter changes while
 * looking: the lamp, the finishes and paints, the view and camera. Not the
 * turntable's angle, which turns by itself. Pure: the loop notes the state
 * once a frame; a change becomes one step when input rests (a drag or a
 * slider held is one step, not one per frame). */

#include "app/app_viewer.h"
#include "settings/settings.h"

#define APP_UNDO_DEPTH 64

typedef struct app_viewer_snapshot {
    scene_shot shot; /* turntable_deg kept at 0: not undone */
    float background[3];
    float roughness, exposure_ev;
    render_tonemap tonemap;
    render_view view;
    bool no_shadows;
    scene_room room;
    int viewport_count;
    app_viewer_look looks[APP_VIEWER_MAX_VIEWPORTS];
    app_viewer_look single_look;
    int focus_part;
    settings_part paints[SETTINGS_MAX_PARTS];
    uint32_t paint_count;
} app_viewer_snapshot;

typedef struct app_viewer_history {
    app_viewer_snapshot undo[APP_UNDO_DEPTH], redo[APP_UNDO_DEPTH];
    int undo_count, redo_count;
    app_viewer_snapshot committed; /* the state the last step ended in */
    bool has_committed;
} app_viewer_history;

void app_viewer_snapshot_take(const app_viewer *viewer, const settings_values *settings,
                              app_viewer_snapshot *snapshot);
/* Puts a snapshot back (the turntable stays where it is); paints go into the
 * settings, for the caller to apply to the model's parts. */
void app_viewer_snapshot_apply(const app_viewer_snapshot *snapshot, app_viewer *viewer,
                               settings_values *settings);

/* Notes the state this frame: a change from the last step's state becomes a
 * step when `settled` (no button held). */
void app_viewer_history_note(app_viewer_history *history, const app_viewer_snapshot *now,
                             bool settled);
/* Steps back (or forward) from `now`; false when there is nothing to undo
 * (redo). `out` receives the state to put back. */
bool app_viewer_history_undo(app_viewer_history *history, const app_viewer_snapshot *now,
                             app_viewer_snapshot *out);
bool app_viewer_history_redo(app_viewer_history *history, const app_viewer_snapshot *now,
                             app_viewer_snapshot *out);

#endif
