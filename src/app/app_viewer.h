#ifndef GLINT_APP_VIEWER_H
#define GLINT_APP_VIEWER_H

/* The interactive viewer's state and what the keys, the mouse and scripts do
 * to it. Everything here is pure (no GL), so tests drive it directly; the
 * loop in app_view.c draws the state and carries out its requests (a
 * screenshot, a reload) that need the GPU or the disk. */

#include "app/app.h"

#include <stdio.h>

#define APP_VIEWER_MAX_VIEWPORTS 4
#define APP_VIEWER_MAX_PARTS 64

typedef enum app_viewer_action {
    APP_ACTION_NONE = 0,
    APP_ACTION_QUIT,
    APP_ACTION_HELP,
    APP_ACTION_HUD,
    APP_ACTION_TURNTABLE,
    APP_ACTION_STEP_BACK,
    APP_ACTION_STEP_FORWARD,
    APP_ACTION_STEP_SMALLER,
    APP_ACTION_STEP_LARGER,
    APP_ACTION_SLOWER,
    APP_ACTION_FASTER,
    APP_ACTION_FRAME,
    APP_ACTION_RESET,
    APP_ACTION_LAMP_CLOSER,
    APP_ACTION_LAMP_FARTHER,
    APP_ACTION_LAMP_SMALLER,
    APP_ACTION_LAMP_LARGER,
    APP_ACTION_LAMP_WARMER,
    APP_ACTION_LAMP_COOLER,
    APP_ACTION_LAMP_DIMMER,
    APP_ACTION_LAMP_BRIGHTER,
    APP_ACTION_EXPOSURE_DOWN,
    APP_ACTION_EXPOSURE_UP,
    APP_ACTION_FINISH_FROM_FILE, /* then matte .. translucent in scene_finish_kind order */
    APP_ACTION_FINISH_MATTE,
    APP_ACTION_FINISH_SATIN,
    APP_ACTION_FINISH_GLOSS,
    APP_ACTION_FINISH_METAL,
    APP_ACTION_FINISH_TRANSLUCENT,
    APP_ACTION_NEXT_PART,
    APP_ACTION_PREVIOUS_PART,
    APP_ACTION_NEXT_VIEW,
    APP_ACTION_PREVIOUS_VIEW,
    APP_ACTION_COMPARE,
    APP_ACTION_COMPARE_COUNT,
    APP_ACTION_DETECTOR,
    APP_ACTION_SCREENSHOT,
    APP_ACTION_SCREENSHOT_LARGE,
    APP_ACTION_SAVE_PRESET,
    APP_ACTION_RELOAD,
    APP_ACTION_NEXT_UP,
    APP_ACTION_NEXT_PAINT,
    APP_ACTION_PREVIOUS_PAINT,
    APP_ACTION_FOCUS,
    APP_ACTION_VIEW_FRONT, /* then back, right, left, top, bottom: Blender's numpad */
    APP_ACTION_VIEW_BACK,
    APP_ACTION_VIEW_RIGHT,
    APP_ACTION_VIEW_LEFT,
    APP_ACTION_VIEW_TOP,
    APP_ACTION_VIEW_BOTTOM,
    APP_ACTION_UNDO,
    APP_ACTION_REDO,
    APP_ACTION_NEXT_ROOM,
    APP_ACTION_PREVIOUS_ROOM,
    APP_ACTION_COUNT
} app_viewer_action;

/* A key and its modifiers, bound to an action: the one table that
 * dispatches keys and writes the help sheet and docs/viewer.md. */
typedef struct app_viewer_binding {
    plat_key key;
    unsigned mods;
    app_viewer_action action;
    const char *help;
} app_viewer_binding;

/* What a mouse drag does, by button and modifier: also one table. */
typedef enum app_viewer_drag {
    APP_DRAG_NONE = 0,
    APP_DRAG_ORBIT,
    APP_DRAG_PAN,
    APP_DRAG_LAMP
} app_viewer_drag;

typedef struct app_viewer_mouse_binding {
    plat_button button;
    unsigned mods;
    app_viewer_drag drag;
    const char *help;
} app_viewer_mouse_binding;

extern const app_viewer_binding app_viewer_bindings[];
extern const int app_viewer_binding_count;
extern const app_viewer_mouse_binding app_viewer_mouse_bindings[];
extern const int app_viewer_mouse_binding_count;

/* The action bound to a key with exactly these modifiers, else NONE. */
app_viewer_action app_viewer_action_for_key(plat_key key, unsigned mods);
app_viewer_drag app_viewer_drag_for_button(plat_button button, unsigned mods);
/* "Shift+F12", "Ctrl+Left-drag" */
void app_viewer_key_label(plat_key key, unsigned mods, char *text, size_t size);
void app_viewer_button_label(plat_button button, unsigned mods, char *text, size_t size);
/* The group a key's action belongs to in the help sheet and the docs:
 * "Turntable", "Lamp", "Finishes and paint", "Camera and views", "Files and
 * shots", "Window"; NULL for none (a binding must have one: tested). */
const char *app_viewer_action_group(app_viewer_action action);
/* The groups in the help's order (the pointers app_viewer_action_group returns). */
extern const char *const app_viewer_groups[];
extern const int app_viewer_group_count;
/* The help sheet, from the tables: grouped, one control per line. */
void app_viewer_help_text(char *text, size_t size);
/* The same as a Markdown table, for docs/viewer.md. */
void app_viewer_controls_markdown(FILE *out);

/* One viewport's finishes: every part's, then per-part overrides. */
typedef struct app_viewer_look {
    scene_finish_kind finish;                      /* FROM_FILE: each part's own */
    signed char part_finish[APP_VIEWER_MAX_PARTS]; /* -1: as `finish` */
} app_viewer_look;

/* Requests the loop carries out (they need the GPU or the disk). */
typedef struct app_viewer_requests {
    bool screenshot;       /* of what is shown, without the HUD */
    bool screenshot_large; /* offscreen at the shot size */
    bool save_preset;
    bool reload;
    int up_steps;   /* stand the model on the axis this many steps on (one reload) */
    int paint_step; /* +1/-1: the selected part's (or every part's) next named paint */
    int undo_steps; /* Ctrl+Z presses this frame; redo_steps: Ctrl+Shift+Z */
    int redo_steps;
    char load_path[4096]; /* a dropped file; "" when none */
    char preset_path[4096]; /* a preset to apply (Shots' Load preset); "" when none */
} app_viewer_requests;

typedef struct app_viewer {
    scene_shot start;        /* Home returns here */
    render_frame_desc frame; /* the look as given (exposure, view, ...) and the current shot */
    bool turning;
    float speed_deg_s; /* default 10: "rotate slowly" */
    float step_deg;    /* a press of Left/Right; default 15 */
    int selected_part; /* -1: all parts */
    /* The part the camera frames (--focus, Z), its sphere in frame.shot's
     * camera; -1: the whole model. start_focus: Home's. */
    int focus_part;
    int start_focus;
    double selection_shown_until;
    int viewport_count; /* 1, or 2-4 in compare mode */
    int active_viewport;
    app_viewer_look looks[APP_VIEWER_MAX_VIEWPORTS];
    app_viewer_look single_look; /* the one viewport's look while comparing */
    bool detector, hud, help, quit;
    /* While the live detector runs, a frame may turn the model by at most
     * this (its step), so a slow machine turns slower instead of skipping
     * steps; turn_held says it did. 0: no limit. */
    float max_turn_deg;
    bool turn_held;
    /* The drag in progress and where the cursor was. */
    app_viewer_drag dragging;
    double cursor_x, cursor_y;
    int window_width, window_height; /* screen coordinates, for drag speeds */
    int picture_width; /* screen coordinates left of the panels (0: the window's) */
    int part_count;
    const scene_part *parts;
    /* The parts' names kept, so a reload or a new file keeps each part's
     * finish by name, not by position. */
    char part_names[APP_VIEWER_MAX_PARTS][IO_NAME_MAX];
    scene_bounds bounds;
    char message[512];
    bool message_is_error;
    double message_until;
    app_viewer_requests requests;
} app_viewer;

/* Starts from the options' frame (the look, lamp, camera and angle given on
 * the command line or in a preset) and the model's parts. */
void app_viewer_init(app_viewer *viewer, const app_options *options, const render_model *model);
/* A new model (reload, drop): keeps the look and lamp, resets the parts
 * (a focused part by name, its sphere the new model's; gone: the whole model). */
void app_viewer_set_model(app_viewer *viewer, const render_model *model);
/* Frames part `part` (as --focus does), or the whole model for -1. */
void app_viewer_focus(app_viewer *viewer, int part);

/* Carries out an action at time `now` (seconds). */
void app_viewer_apply(app_viewer *viewer, app_viewer_action action, double now);
/* One input event, real or scripted. */
void app_viewer_handle_event(app_viewer *viewer, const plat_event *event, double now);
/* 1: one viewport; 2-4: compare mode with that many. */
void app_viewer_set_compare(app_viewer *viewer, int count, double now);
/* The turntable's motion over `seconds`. */
void app_viewer_advance(app_viewer *viewer, double seconds);
/* A line for the HUD (and stderr when it is an error) for `seconds`. */
void app_viewer_say(app_viewer *viewer, bool error, double now, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* The frame a viewport draws: the shared shot and look with its finishes;
 * part_finishes (APP_VIEWER_MAX_PARTS entries) receives the per-part list
 * the frame points to. */
render_frame_desc app_viewer_viewport_frame(const app_viewer *viewer, int viewport,
                                            render_part_finish *part_finishes);
/* The viewport's label: "gloss", "satin, eyes gloss" ... */
void app_viewer_viewport_label(const app_viewer *viewer, int viewport, char *text, size_t size);
/* The settings of viewport `viewport` as options for app_settings_json and
 * `glint render`: the command line's options with the viewer's shot and look. */
app_options app_viewer_options(const app_viewer *viewer, const app_options *base, int viewport,
                               render_part_finish *part_finishes);

#endif
