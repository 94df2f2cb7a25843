#ifndef GLINT_APP_VIEWER_LOOP_H
#define GLINT_APP_VIEWER_LOOP_H

/* The viewer's window loop and what it owns: one offscreen target and one
 * live detector per viewport, the HUD, an automation script. */

#include "app/app_hud.h"
#include "inspect/inspect_live.h"
#include "app/app_viewer.h"
#include "app/app_viewer_script.h"

typedef struct app_viewer_settings {
    const char *script_path;     /* --script */
    const char *screenshot_dir;  /* --screenshot-dir; default "." */
    int shot_width, shot_height; /* Shift+F12's size; 0: twice the window's */
    bool stats;                  /* --stats: frame times on stdout at the end */
} app_viewer_settings;

typedef struct app_viewer_loop {
    app_session *session;
    app_options *options; /* the command line's; the model path changes on a drop */
    app_viewer_settings settings;
    app_viewer viewer;
    gfx_target targets[APP_VIEWER_MAX_VIEWPORTS];
    inspect_live *live[APP_VIEWER_MAX_VIEWPORTS];
    gfx_texture overlays[APP_VIEWER_MAX_VIEWPORTS];
    app_hud hud;
    app_script script;
    bool has_script;
    char pending_shot[4096];           /* a script's screenshot, taken after this frame is drawn */
    app_script_verb pending_shot_kind; /* SCREENSHOT, _WINDOW or _OFFSCREEN */
    double *frame_ms;                  /* for --stats */
    int frame_count, frame_capacity;
    double last_frame_ms;
    char model_path[4096];
    char title[640]; /* as last set on the window */
    int exit_code;
} app_viewer_loop;

int app_viewer_run(app_session *session, app_options *options, const app_viewer_settings *settings);

/* The viewer's pictures and files (app_viewer_shots.c). */
core_result app_viewer_take_screenshot(app_viewer_loop *loop, bool large, const char *path,
                                       int fb_width, int fb_height);
core_result app_viewer_save_preset(app_viewer_loop *loop);
core_result app_viewer_write_window(app_viewer_loop *loop, const char *path, int fb_width,
                                    int fb_height);

/* The HUD's panels (app_viewer_hud.c). */
void app_viewer_draw_hud(app_viewer_loop *loop, int fb_width, int fb_height, double now);

#endif
