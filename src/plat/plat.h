#ifndef GLINT_PLAT_H
#define GLINT_PLAT_H

/* plat: makes OpenGL 3.3 core contexts, headless (EGL) or in a window (GLFW),
 * and reports the window's input. Nothing else: drawing is gfx's. */

#include "core/core_result.h"

#include <stdbool.h>

typedef void (*plat_proc)(void);
typedef plat_proc (*plat_proc_loader)(const char *name);

typedef enum plat_backend {
    PLAT_BACKEND_HEADLESS = 0, /* EGL, no window system needed */
    PLAT_BACKEND_WINDOW        /* GLFW window */
} plat_backend;

/* Zero fields mean "default". */
typedef struct plat_context_desc {
    plat_backend backend;
    int width;         /* window size in screen coordinates; default 1280 */
    int height;        /* default 800 */
    const char *title; /* default "glint" */
    bool no_vsync;
} plat_context_desc;

typedef struct plat_context plat_context;

/* On failure core_last_error() holds the reason, e.g. "no display: DISPLAY and
 * WAYLAND_DISPLAY are unset" or the EGL error of each platform tried. */
core_result plat_context_create(const plat_context_desc *desc, plat_context **context);
void plat_context_destroy(plat_context *context);
plat_proc_loader plat_context_loader(const plat_context *context);
/* How the context was made, e.g. "EGL surfaceless (Mesa)", "GLFW window (X11)". */
const char *plat_context_description(const plat_context *context);

/* A second context that shares objects (buffers, textures, programs; not
 * vertex arrays or framebuffers) with `context`, to draw on another thread:
 * a hidden window's on GLFW. Make and destroy it on the thread that made
 * `context` (GLFW's rule for windows), before `context` is destroyed; make it
 * current on the thread that draws with plat_context_make_current, and
 * release it there before destroying it. GLFW: a hidden window's; EGL: a
 * context on the same display (the viewer uses it; tests may). */
core_result plat_context_create_shared(plat_context *context, plat_context **shared);
/* Makes the context current on the calling thread (false: releases whatever
 * context is current there). False when that fails. */
bool plat_context_make_current(plat_context *context, bool current);

/* True when a window system is reachable from the environment. */
bool plat_display_available(void);

/* Window-only calls; on a headless context they do nothing and return defaults. */
/* Keys glint binds, so the app does not depend on GLFW's key codes. Letters,
 * digits and function keys are contiguous: PLAT_KEY_A + 2 is C. */
typedef enum plat_key {
    PLAT_KEY_NONE = 0,
    PLAT_KEY_ESCAPE,
    PLAT_KEY_SPACE,
    PLAT_KEY_ENTER,
    PLAT_KEY_TAB,
    PLAT_KEY_BACKSPACE,
    PLAT_KEY_HOME,
    PLAT_KEY_END,
    PLAT_KEY_PAGE_UP,
    PLAT_KEY_PAGE_DOWN,
    PLAT_KEY_LEFT,
    PLAT_KEY_RIGHT,
    PLAT_KEY_UP,
    PLAT_KEY_DOWN,
    PLAT_KEY_MINUS,
    PLAT_KEY_EQUAL,
    PLAT_KEY_LEFT_BRACKET,
    PLAT_KEY_RIGHT_BRACKET,
    PLAT_KEY_COMMA,
    PLAT_KEY_PERIOD,
    PLAT_KEY_SLASH,
    PLAT_KEY_A,
    PLAT_KEY_Z = PLAT_KEY_A + 25,
    PLAT_KEY_0,
    PLAT_KEY_9 = PLAT_KEY_0 + 9,
    PLAT_KEY_F1,
    PLAT_KEY_F12 = PLAT_KEY_F1 + 11,
    PLAT_KEY_KP_0, /* the numeric keypad's digits, apart from the number row's */
    PLAT_KEY_KP_9 = PLAT_KEY_KP_0 + 9,
    PLAT_KEY_COUNT,
    PLAT_KEY_Q = PLAT_KEY_A + ('Q' - 'A')
} plat_key;

/* Modifier bits of an event. */
enum { PLAT_MOD_SHIFT = 1, PLAT_MOD_CONTROL = 2, PLAT_MOD_ALT = 4, PLAT_MOD_SUPER = 8 };

/* The key's name as the help sheet and scripts write it: "A", "F12",
 * "Num1" (the keypad's), "Space", "PageUp", "[" ...; "" for NONE. */
const char *plat_key_name(plat_key key);
/* The inverse, case-insensitive; PLAT_KEY_NONE when it names no key. */
plat_key plat_key_parse(const char *name);

/* Input as a queue of events, in the order they happened. The viewer reads
 * real input and its automation scripts through the same events. */
typedef enum plat_event_kind {
    PLAT_EVENT_KEY = 0, /* a press or repeat (releases are not reported) */
    PLAT_EVENT_BUTTON,  /* a mouse button went down or up, at x, y */
    PLAT_EVENT_CURSOR,  /* the cursor moved to x, y (screen coordinates) */
    PLAT_EVENT_SCROLL,  /* the wheel turned by y steps */
    PLAT_EVENT_DROP,    /* a file was dropped on the window */
    PLAT_EVENT_RESIZE,  /* the framebuffer's size changed to x, y pixels */
    PLAT_EVENT_REFRESH  /* the window's contents were lost (uncovered): draw again */
} plat_event_kind;

typedef enum plat_button {
    PLAT_BUTTON_LEFT = 0,
    PLAT_BUTTON_RIGHT,
    PLAT_BUTTON_MIDDLE
} plat_button;

typedef struct plat_event {
    plat_event_kind kind;
    plat_key key;
    unsigned mods; /* PLAT_MOD_ bits held */
    plat_button button;
    bool down; /* BUTTON: pressed; KEY: false for a repeat */
    double x, y;
    const char *path; /* DROP: valid until the next poll */
} plat_event;

/* Takes the next event since the last poll; false when there is none. */
bool plat_window_next_event(plat_context *context, plat_event *event);
/* Asks the window system for a new size in screen coordinates (it may
 * refuse or round); RESIZE events follow. */
void plat_window_set_size(plat_context *context, int width, int height);
/* Pixels per screen coordinate on this monitor: 1 normally, 2 on hi-DPI. */
float plat_window_content_scale(const plat_context *context);

void plat_window_poll(plat_context *context);
/* As poll, but sleeps until an event comes or `seconds` pass: for a window
 * with nothing changing, which should not keep a core busy. */
void plat_window_wait(plat_context *context, double seconds);
bool plat_window_should_close(const plat_context *context);
void plat_window_swap(plat_context *context);
/* Pixels, which differ from screen coordinates on hi-DPI screens. */
void plat_window_framebuffer_size(const plat_context *context, int *width, int *height);
/* Screen coordinates, the cursor's units. */
void plat_window_size(const plat_context *context, int *width, int *height);
void plat_window_set_title(plat_context *context, const char *title);

#endif
