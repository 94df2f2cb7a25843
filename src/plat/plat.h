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
    int width;          /* window size in screen coordinates; default 1280 */
    int height;         /* default 800 */
    const char *title;  /* default "glint" */
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

/* True when a window system is reachable from the environment. */
bool plat_display_available(void);

/* Window-only calls; on a headless context they do nothing and return defaults. */
typedef struct plat_input {
    double cursor_x, cursor_y;   /* screen coordinates */
    bool buttons[3];             /* left, right, middle held */
    double scroll_y;             /* wheel steps since the last poll */
    bool shift, control, alt;
} plat_input;

/* Keys glint binds, so the app does not depend on GLFW's key codes. */
typedef enum plat_key {
    PLAT_KEY_NONE = 0,
    PLAT_KEY_ESCAPE,
    PLAT_KEY_SPACE,
    PLAT_KEY_Q,
    PLAT_KEY_HOME,
    PLAT_KEY_LEFT,
    PLAT_KEY_RIGHT,
    PLAT_KEY_UP,
    PLAT_KEY_DOWN,
    PLAT_KEY_COUNT
} plat_key;

void plat_window_poll(plat_context *context);
bool plat_window_should_close(const plat_context *context);
void plat_window_swap(plat_context *context);
/* Pixels, which differ from screen coordinates on hi-DPI screens. */
void plat_window_framebuffer_size(const plat_context *context, int *width, int *height);
void plat_window_set_title(plat_context *context, const char *title);
const plat_input *plat_window_input(const plat_context *context);
/* True once per press since the last poll. */
bool plat_window_key_pressed(const plat_context *context, plat_key key);

#endif
