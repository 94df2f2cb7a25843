#ifndef GLINT_APP_VIEWER_LOOP_H
#define GLINT_APP_VIEWER_LOOP_H

/* The viewer's window loop and what it owns: one offscreen target and one
 * live detector per viewport, the HUD, an automation script. */

#include "app/app_hud.h"
#include "inspect/inspect_live.h"
#include "app/app_viewer.h"
#include "app/app_viewer_script.h"
#include "app/app_viewer_undo.h"
#include "ui/ui.h"

typedef struct app_viewer_settings {
    const char *script_path;     /* --script */
    const char *screenshot_dir;  /* --screenshot-dir; default "." */
    int shot_width, shot_height; /* Shift+F12's size; 0: twice the window's */
    bool stats;                  /* --stats: frame times on stdout at the end */
} app_viewer_settings;

/* The cheap frames while something moves (app_viewer_quality.c). */
typedef struct app_viewer_quality {
    bool off;            /* `set interactive off`: every frame at full quality */
    bool cheap;          /* this frame is a cheap one */
    bool shown_cheap;    /* the frame on screen is: a full one is owed at rest */
    uint64_t signature;  /* what moves the picture, as last drawn */
    double last_motion;  /* when it last changed (or the turntable turned) */
    bool motion_over;    /* since then the turntable stopped or the button was let go */
    bool was_turning, was_held; /* as at the last frame drawn */
    int divisor;         /* cheap frames' internal size: the viewport's / divisor */
    double cheap_ms;     /* their smoothed cost at that divisor; 0: not measured */
    int cheap_width, cheap_height, full_width, full_height; /* viewport 0's, last drawn */
    int returns;         /* full frames that followed cheap ones (--stats) */
    /* Triangles drawn (render's count): at this frame's start, and by the
     * last cheap and the last full frame, every viewport (--stats). */
    uint64_t triangles_before, cheap_triangles, full_triangles;
    /* Per viewport, the look (app_viewer_look_signature) its full-size and
     * its cheap target hold; 0: none. At rest a viewport whose full target
     * holds its look is shown again without drawing; back from cheap
     * frames, one viewport a frame is drawn at full quality and the others
     * keep their cheap picture meanwhile (compare mode's return). */
    uint64_t full_look[APP_VIEWER_MAX_VIEWPORTS], cheap_look[APP_VIEWER_MAX_VIEWPORTS];
    int left_cheap; /* viewports this frame left showing their cheap picture */
    int partial_frames, undrawn_frames; /* --stats: frames that did so; that drew nothing */
    /* --stats: each return's time from the last motion to the frame that
     * finished full quality, ms (the first 64). */
    double back_ms[64];
    int back_count;
} app_viewer_quality;

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
    unsigned char *frame_cheap;        /* each one's kind: 1 cheap, 0 full */
    app_viewer_quality quality;
    gfx_target cheap_targets[APP_VIEWER_MAX_VIEWPORTS]; /* the cheap frames' smaller ones */
    /* The live detector off the frame: its analyses' pace, and (--stats) the
     * frames that finished while an analysis still ran. */
    int detector_analyses;
    double detector_last_s, detector_cycle_s;
    float detector_analysed_deg; /* the turntable's angle at viewport 0's last analysis */
    int detector_frames, frames_over_analysis;
    /* Each detector's second GL context (app_viewer_live.c; NULL: none, its
     * analyses render inside the frame), and the frames that waited for one
     * (--stats). */
    plat_context *live_gl[APP_VIEWER_MAX_VIEWPORTS];
    bool detector_holds; /* the turntable is held for an analysis in flight */
    int frames_waited_for_render;
    long detector_frame_renders;
    long detector_renders; /* analysis renders, every viewport's detector */
    double detector_turned_deg, detector_last_deg; /* the turntable's travel meanwhile */
    int frame_count, frame_capacity;
    double last_frame_ms;
    char model_path[4096];
    char title[640]; /* as last set on the window */
    int exit_code;
    ui_context *ui;      /* the panels */
    gfx_texture ui_font; /* their font atlas */
    float ui_scale;
    double ui_last; /* when the panels last drew: ImGui's clock */
    int ui_waiting_line; /* a script's `ui set/click` waiting for its control; 0: none */
    int picture_width;   /* framebuffer pixels left of the panels: the viewports' share */
    app_viewer_history *history; /* Ctrl+Z */
    bool mouse_held;             /* a button is down: changes are not yet a step */
} app_viewer_loop;

int app_viewer_run(app_session *session, app_options *options, const app_viewer_settings *settings);

/* Sets a viewer setting or a preset key from text, as `--script`'s `set`
 * does (the row's parser, then the frame): the panels' path too. */
core_result app_viewer_set(app_viewer_loop *loop, const char *name, const char *value);
/* The requests the loop carries out each frame, and the window's title
 * (app_viewer_requests.c). */
void app_viewer_carry_out_requests(app_viewer_loop *loop, double now);
/* Undo and redo requested this frame, then this frame's state noted. */
void app_viewer_history_step(app_viewer_loop *loop, double now);
void app_viewer_update_title(app_viewer_loop *loop);
/* The paint choice (an index into --paint's choices; 0: the file's) of a
 * part, -1 for every part, and setting it (kept in the settings). */
int app_viewer_paint_of(const app_viewer_loop *loop, int part);
void app_viewer_set_paint(app_viewer_loop *loop, int part, int choice, double now);

/* The cheap frames (app_viewer_quality.c): _update before drawing decides
 * whether this frame is cheap; _owes_full says a full frame is due at rest;
 * _wait_s is how long the loop may sleep; _frame_done records the frame (and
 * its viewport 0's internal size) and adapts the next cheap frames' size. */
void app_viewer_quality_update(app_viewer_loop *loop, double now);
bool app_viewer_quality_owes_full(const app_viewer_loop *loop, double now);
double app_viewer_quality_wait_s(const app_viewer_loop *loop, double now);
/* What viewport `frame` shows as a hash: the frame's settings (its
 * turntable, camera, lamp, finishes, view, tone, selection tint), every
 * part's paint, the model, the viewport's size `width` x `height` and the
 * samples. Two pictures of one look at one quality are the same picture. */
uint64_t app_viewer_look_signature(const app_viewer_loop *loop, const render_frame_desc *frame,
                                   int width, int height);
void app_viewer_quality_frame_done(app_viewer_loop *loop, double ms, int target_width,
                                   int target_height);
/* --stats: whether the frame just drawn went on while an analysis ran, the
 * analysis renders and how far the turntable turned while the detector was on. */
void app_viewer_count_detector_frame(app_viewer_loop *loop);
/* app_viewer_live.c: viewport v's live detector, made with a second GL
 * context for its analysis render off the frame (when none can be made, one
 * line says so and it renders inside the frame); destroyed before its
 * context. */
core_result app_viewer_live_create(app_viewer_loop *loop, int v);
void app_viewer_live_destroy(app_viewer_loop *loop, int v);
/* --stats: the overall, interactive and at-rest medians on stdout. */
void app_viewer_print_stats(app_viewer_loop *loop, int width, int height);

/* The viewer's pictures and files (app_viewer_shots.c). */
core_result app_viewer_take_screenshot(app_viewer_loop *loop, bool large, const char *path,
                                       int fb_width, int fb_height);
core_result app_viewer_save_preset(app_viewer_loop *loop);
core_result app_viewer_write_window(app_viewer_loop *loop, const char *path, int fb_width,
                                    int fb_height);

/* The HUD's panels (app_viewer_hud.c). */
void app_viewer_draw_hud(app_viewer_loop *loop, int fb_width, int fb_height, double now);
/* The status lines: file, frame time, view, turntable, lamp, camera, up axis,
 * the live detector's verdict. */
void app_viewer_status_text(app_viewer_loop *loop, int fb_width, int fb_height, char *text,
                            size_t size);

#endif
