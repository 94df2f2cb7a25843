#ifndef GLINT_APP_VIEWER_SCRIPT_H
#define GLINT_APP_VIEWER_SCRIPT_H

/* `glint view --script FILE`: a small command language that drives the real
 * window through the same events as a person (docs/viewer.md):
 *
 *   # a comment
 *   set lamp.azimuth_deg 90     a preset key, or turntable/speed/step/
 *                               detector/hud/compare/part NAME F
 *   key Shift+F12               a key press, with modifiers
 *   drag left 100 200 300 200   a drag from-to in screen coordinates
 *   drag Ctrl+left 10 10 60 10  ... with modifiers held
 *   scroll 2                    wheel steps (positive zooms in)
 *   wait 10                     let 10 frames pass
 *   screenshot out/a.png        what is shown, as F12 takes it (no HUD)
 *   screenshot-window out/b.png the whole window, HUD included
 *   screenshot-offscreen c.png  what Shift+F12 renders offscreen (at --shot-size)
 *   resize 640 480              ask for a new window size
 *   drop model.obj              as if the file was dropped on the window
 *   ui set "Lamp/Temperature" 3200   a panel's control, as a hand would set it
 *   ui click "Lamp/Reset"       a panel's button
 *   ui rects out/rects.txt      the panels' and the HUD's rectangles (layout tests)
 *   ui texts out/texts.txt      what the panels' texts said, "Panel: text" a line
 *   quit
 *
 * Relative paths are relative to the current folder. */

#include "app/app.h"

typedef enum app_script_verb {
    APP_SCRIPT_SET = 0,
    APP_SCRIPT_KEY,
    APP_SCRIPT_DRAG,
    APP_SCRIPT_SCROLL,
    APP_SCRIPT_WAIT,
    APP_SCRIPT_SCREENSHOT,
    APP_SCRIPT_SCREENSHOT_WINDOW,
    APP_SCRIPT_SCREENSHOT_OFFSCREEN,
    APP_SCRIPT_RESIZE,
    APP_SCRIPT_DROP,
    APP_SCRIPT_UI_SET,
    APP_SCRIPT_UI_CLICK,
    APP_SCRIPT_UI_RECTS,
    APP_SCRIPT_UI_TEXTS,
    APP_SCRIPT_QUIT
} app_script_verb;

typedef struct app_script_command {
    app_script_verb verb;
    int line;
    plat_key key;
    unsigned mods;
    plat_button button;
    double numbers[4]; /* drag: x0 y0 x1 y1; scroll: steps; wait: frames; resize: w h */
    char name[128];    /* set: the key; ui set/click: the control's "Panel/Label" */
    char text[4096];   /* set, ui set: the value; screenshot, drop, ui rects: the path */
} app_script_command;

typedef struct app_script {
    char file[4096];
    app_script_command *commands;
    int count;
    int next;      /* the command to run next */
    int wait_left; /* frames still to wait */
} app_script;

/* Reads and checks the whole script first, so a typo on line 40 is found
 * before the window opens: "FILE:40: unknown command 'prss'". */
core_result app_script_load(const char *path, app_script *script);
/* Parses script text from memory (for tests); `file` names it in errors. */
core_result app_script_parse(const char *file, const char *text, size_t size, app_script *script);
void app_script_free(app_script *script);

#endif
