#define _POSIX_C_SOURCE 200809L
#include "plat/plat_internal.h"

#include "core/core_log.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* GLFW reports errors through a callback; keep the last one so a failed call
 * can say why in its one line. */
static char glfw_error[512];

static void remember_glfw_error(int code, const char *description)
{
    snprintf(glfw_error, sizeof glfw_error, "%s (GLFW error 0x%x)", description, code);
    core_log(CORE_LOG_DEBUG, "GLFW: %s", glfw_error);
}

static plat_key translate_key(int key)
{
    if (key >= GLFW_KEY_A && key <= GLFW_KEY_Z)
        return (plat_key)(PLAT_KEY_A + (key - GLFW_KEY_A));
    if (key >= GLFW_KEY_0 && key <= GLFW_KEY_9)
        return (plat_key)(PLAT_KEY_0 + (key - GLFW_KEY_0));
    if (key >= GLFW_KEY_KP_0 && key <= GLFW_KEY_KP_9)
        return (plat_key)(PLAT_KEY_KP_0 + (key - GLFW_KEY_KP_0));
    if (key >= GLFW_KEY_F1 && key <= GLFW_KEY_F12)
        return (plat_key)(PLAT_KEY_F1 + (key - GLFW_KEY_F1));
    switch (key) {
    case GLFW_KEY_ESCAPE: return PLAT_KEY_ESCAPE;
    case GLFW_KEY_SPACE: return PLAT_KEY_SPACE;
    case GLFW_KEY_ENTER:
    case GLFW_KEY_KP_ENTER: return PLAT_KEY_ENTER;
    case GLFW_KEY_TAB: return PLAT_KEY_TAB;
    case GLFW_KEY_BACKSPACE: return PLAT_KEY_BACKSPACE;
    case GLFW_KEY_HOME: return PLAT_KEY_HOME;
    case GLFW_KEY_END: return PLAT_KEY_END;
    case GLFW_KEY_PAGE_UP: return PLAT_KEY_PAGE_UP;
    case GLFW_KEY_PAGE_DOWN: return PLAT_KEY_PAGE_DOWN;
    case GLFW_KEY_LEFT: return PLAT_KEY_LEFT;
    case GLFW_KEY_RIGHT: return PLAT_KEY_RIGHT;
    case GLFW_KEY_UP: return PLAT_KEY_UP;
    case GLFW_KEY_DOWN: return PLAT_KEY_DOWN;
    case GLFW_KEY_MINUS:
    case GLFW_KEY_KP_SUBTRACT: return PLAT_KEY_MINUS;
    case GLFW_KEY_EQUAL:
    case GLFW_KEY_KP_ADD: return PLAT_KEY_EQUAL;
    case GLFW_KEY_LEFT_BRACKET: return PLAT_KEY_LEFT_BRACKET;
    case GLFW_KEY_RIGHT_BRACKET: return PLAT_KEY_RIGHT_BRACKET;
    case GLFW_KEY_COMMA: return PLAT_KEY_COMMA;
    case GLFW_KEY_PERIOD: return PLAT_KEY_PERIOD;
    case GLFW_KEY_SLASH: return PLAT_KEY_SLASH;
    default: return PLAT_KEY_NONE;
    }
}

static unsigned translate_mods(int mods)
{
    return ((mods & GLFW_MOD_SHIFT) ? PLAT_MOD_SHIFT : 0u) |
           ((mods & GLFW_MOD_CONTROL) ? PLAT_MOD_CONTROL : 0u) |
           ((mods & GLFW_MOD_ALT) ? PLAT_MOD_ALT : 0u) |
           ((mods & GLFW_MOD_SUPER) ? PLAT_MOD_SUPER : 0u);
}

static void on_key(GLFWwindow *window, int key, int scancode, int action, int mods)
{
    (void)scancode;
    plat_key mapped = translate_key(key);
    if (mapped == PLAT_KEY_NONE || action == GLFW_RELEASE)
        return;
    plat_event event = {.kind = PLAT_EVENT_KEY,
                        .key = mapped,
                        .mods = translate_mods(mods),
                        .down = action == GLFW_PRESS};
    plat_queue_event(glfwGetWindowUserPointer(window), &event);
}

static void on_button(GLFWwindow *window, int button, int action, int mods)
{
    if (button > GLFW_MOUSE_BUTTON_MIDDLE)
        return;
    plat_event event = {.kind = PLAT_EVENT_BUTTON,
                        .button = button == GLFW_MOUSE_BUTTON_LEFT    ? PLAT_BUTTON_LEFT
                                  : button == GLFW_MOUSE_BUTTON_RIGHT ? PLAT_BUTTON_RIGHT
                                                                      : PLAT_BUTTON_MIDDLE,
                        .mods = translate_mods(mods),
                        .down = action == GLFW_PRESS};
    glfwGetCursorPos(window, &event.x, &event.y);
    plat_queue_event(glfwGetWindowUserPointer(window), &event);
}

static void on_cursor(GLFWwindow *window, double x, double y)
{
    plat_event event = {.kind = PLAT_EVENT_CURSOR, .x = x, .y = y};
    plat_queue_event(glfwGetWindowUserPointer(window), &event);
}

static void on_scroll(GLFWwindow *window, double x, double y)
{
    plat_event event = {.kind = PLAT_EVENT_SCROLL, .x = x, .y = y};
    plat_queue_event(glfwGetWindowUserPointer(window), &event);
}

static void on_framebuffer_size(GLFWwindow *window, int width, int height)
{
    plat_event event = {.kind = PLAT_EVENT_RESIZE, .x = width, .y = height};
    plat_queue_event(glfwGetWindowUserPointer(window), &event);
}

static void on_refresh(GLFWwindow *window)
{
    plat_event event = {.kind = PLAT_EVENT_REFRESH};
    plat_queue_event(glfwGetWindowUserPointer(window), &event);
}

static void free_drops(plat_context *context)
{
    for (int i = 0; i < context->drop_count; ++i)
        free(context->drops[i]);
    free(context->drops);
    context->drops = NULL;
    context->drop_count = 0;
}

/* GLFW's paths live only during the callback: keep copies until the next poll. */
static void on_drop(GLFWwindow *window, int count, const char **paths)
{
    plat_context *context = glfwGetWindowUserPointer(window);
    char **grown = realloc(context->drops, sizeof *grown * (size_t)(context->drop_count + count));
    if (!grown)
        return;
    context->drops = grown;
    for (int i = 0; i < count; ++i) {
        char *copy = strdup(paths[i]);
        if (!copy)
            continue;
        context->drops[context->drop_count++] = copy;
        plat_event event = {.kind = PLAT_EVENT_DROP, .path = copy};
        plat_queue_event(context, &event);
    }
}

core_result plat_glfw_create(const plat_context_desc *desc, plat_context *context)
{
    if (!plat_display_available())
        return core_fail(CORE_ERR_CONTEXT, "no display (DISPLAY and WAYLAND_DISPLAY are unset)");
    glfw_error[0] = '\0';
    glfwSetErrorCallback(remember_glfw_error);
    if (!glfwInit())
        return core_fail(CORE_ERR_CONTEXT, "cannot open the window system: %s",
                         glfw_error[0] ? glfw_error : "glfwInit failed");
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
    glfwWindowHint(GLFW_DOUBLEBUFFER, GLFW_TRUE);
    /* glint multisamples in its own framebuffer; the window needs none. */
    glfwWindowHint(GLFW_SAMPLES, 0);
    int width = desc->width > 0 ? desc->width : 1280;
    int height = desc->height > 0 ? desc->height : 800;
    GLFWwindow *window =
        glfwCreateWindow(width, height, desc->title ? desc->title : "glint", NULL, NULL);
    if (!window) {
        core_result r = core_fail(CORE_ERR_CONTEXT, "cannot open an OpenGL 3.3 window: %s",
                                  glfw_error[0] ? glfw_error : "glfwCreateWindow failed");
        glfwTerminate();
        return r;
    }
    glfwMakeContextCurrent(window);
    glfwSwapInterval(desc->no_vsync ? 0 : 1);
    glfwSetWindowUserPointer(window, context);
    glfwSetKeyCallback(window, on_key);
    glfwSetMouseButtonCallback(window, on_button);
    glfwSetCursorPosCallback(window, on_cursor);
    glfwSetScrollCallback(window, on_scroll);
    glfwSetFramebufferSizeCallback(window, on_framebuffer_size);
    glfwSetDropCallback(window, on_drop);
    glfwSetWindowRefreshCallback(window, on_refresh);
    const char *platform = getenv("WAYLAND_DISPLAY") ? "Wayland or X11" : "X11";
    int major, minor, revision;
    glfwGetVersion(&major, &minor, &revision);
    snprintf(context->description, sizeof context->description, "GLFW %d.%d.%d window (%s)", major,
             minor, revision, platform);
    context->backend_data = window;
    context->loader = (plat_proc_loader)glfwGetProcAddress;
    return CORE_OK;
}

void plat_glfw_destroy(plat_context *context)
{
    if (context->backend_data)
        glfwDestroyWindow(context->backend_data);
    context->backend_data = NULL;
    free_drops(context);
    if (!context->shared) /* GLFW itself is the main window's */
        glfwTerminate();
}

/* A hidden 1x1 window whose context shares the main one's objects: GLFW
 * makes contexts only with windows. Its hints are the main window's
 * context's, so the two are compatible for sharing. */
core_result plat_glfw_create_shared(plat_context *context, plat_context *shared)
{
    glfw_error[0] = '\0';
    glfwDefaultWindowHints();
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
    glfwWindowHint(GLFW_FOCUSED, GLFW_FALSE);
    glfwWindowHint(GLFW_SAMPLES, 0);
    GLFWwindow *window = glfwCreateWindow(1, 1, "glint worker", NULL, context->backend_data);
    glfwDefaultWindowHints();
    if (!window)
        return core_fail(CORE_ERR_CONTEXT, "cannot make a shared OpenGL 3.3 context: %s",
                         glfw_error[0] ? glfw_error : "glfwCreateWindow failed");
    glfwSetWindowUserPointer(window, shared);
    snprintf(shared->description, sizeof shared->description, "GLFW hidden shared context");
    shared->backend_data = window;
    shared->loader = context->loader;
    return CORE_OK;
}

bool plat_glfw_make_current(plat_context *context, bool current)
{
    /* Asked of GLFW, not of glfw_error: this runs on other threads. */
    GLFWwindow *window = current ? context->backend_data : NULL;
    glfwMakeContextCurrent(window);
    return glfwGetCurrentContext() == window;
}

void plat_window_poll(plat_context *context)
{
    if (context->backend != PLAT_BACKEND_WINDOW)
        return;
    context->event_first = context->event_count = 0;
    free_drops(context);
    glfwPollEvents();
}

void plat_window_wait(plat_context *context, double seconds)
{
    if (context->backend != PLAT_BACKEND_WINDOW)
        return;
    context->event_first = context->event_count = 0;
    free_drops(context);
    glfwWaitEventsTimeout(seconds);
}

bool plat_window_should_close(const plat_context *context)
{
    return context->backend == PLAT_BACKEND_WINDOW && glfwWindowShouldClose(context->backend_data);
}

void plat_window_swap(plat_context *context)
{
    if (context->backend == PLAT_BACKEND_WINDOW)
        glfwSwapBuffers(context->backend_data);
}

void plat_window_framebuffer_size(const plat_context *context, int *width, int *height)
{
    *width = *height = 0;
    if (context->backend == PLAT_BACKEND_WINDOW)
        glfwGetFramebufferSize(context->backend_data, width, height);
}

void plat_window_set_title(plat_context *context, const char *title)
{
    if (context->backend == PLAT_BACKEND_WINDOW)
        glfwSetWindowTitle(context->backend_data, title);
}

void plat_window_set_size(plat_context *context, int width, int height)
{
    if (context->backend == PLAT_BACKEND_WINDOW)
        glfwSetWindowSize(context->backend_data, width > 0 ? width : 1, height > 0 ? height : 1);
}

float plat_window_content_scale(const plat_context *context)
{
    if (context->backend != PLAT_BACKEND_WINDOW)
        return 1.0f;
    float x = 1.0f, y = 1.0f;
    glfwGetWindowContentScale(context->backend_data, &x, &y);
    return x > 0.0f ? x : 1.0f;
}

void plat_window_size(const plat_context *context, int *width, int *height)
{
    *width = *height = 0;
    if (context->backend == PLAT_BACKEND_WINDOW)
        glfwGetWindowSize(context->backend_data, width, height);
}
