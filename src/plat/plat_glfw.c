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
    switch (key) {
    case GLFW_KEY_ESCAPE: return PLAT_KEY_ESCAPE;
    case GLFW_KEY_SPACE: return PLAT_KEY_SPACE;
    case GLFW_KEY_Q: return PLAT_KEY_Q;
    case GLFW_KEY_HOME: return PLAT_KEY_HOME;
    case GLFW_KEY_LEFT: return PLAT_KEY_LEFT;
    case GLFW_KEY_RIGHT: return PLAT_KEY_RIGHT;
    case GLFW_KEY_UP: return PLAT_KEY_UP;
    case GLFW_KEY_DOWN: return PLAT_KEY_DOWN;
    default: return PLAT_KEY_NONE;
    }
}

static void on_key(GLFWwindow *window, int key, int scancode, int action, int mods)
{
    (void)scancode;
    plat_context *context = glfwGetWindowUserPointer(window);
    context->input.shift = (mods & GLFW_MOD_SHIFT) != 0;
    context->input.control = (mods & GLFW_MOD_CONTROL) != 0;
    context->input.alt = (mods & GLFW_MOD_ALT) != 0;
    plat_key mapped = translate_key(key);
    if (mapped != PLAT_KEY_NONE && (action == GLFW_PRESS || action == GLFW_REPEAT))
        context->pressed[mapped] = true;
}

static void on_scroll(GLFWwindow *window, double x, double y)
{
    (void)x;
    plat_context *context = glfwGetWindowUserPointer(window);
    context->input.scroll_y += y;
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
    GLFWwindow *window = glfwCreateWindow(width, height, desc->title ? desc->title : "glint",
                                          NULL, NULL);
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
    glfwSetScrollCallback(window, on_scroll);
    const char *platform = getenv("WAYLAND_DISPLAY") ? "Wayland or X11" : "X11";
    int major, minor, revision;
    glfwGetVersion(&major, &minor, &revision);
    snprintf(context->description, sizeof context->description, "GLFW %d.%d.%d window (%s)",
             major, minor, revision, platform);
    context->backend_data = window;
    context->loader = (plat_proc_loader)glfwGetProcAddress;
    return CORE_OK;
}

void plat_glfw_destroy(plat_context *context)
{
    if (context->backend_data)
        glfwDestroyWindow(context->backend_data);
    context->backend_data = NULL;
    glfwTerminate();
}

void plat_window_poll(plat_context *context)
{
    if (context->backend != PLAT_BACKEND_WINDOW)
        return;
    memset(context->pressed, 0, sizeof context->pressed);
    context->input.scroll_y = 0.0;
    glfwPollEvents();
    GLFWwindow *window = context->backend_data;
    glfwGetCursorPos(window, &context->input.cursor_x, &context->input.cursor_y);
    context->input.buttons[0] = glfwGetMouseButton(window, GLFW_MOUSE_BUTTON_LEFT) == GLFW_PRESS;
    context->input.buttons[1] = glfwGetMouseButton(window, GLFW_MOUSE_BUTTON_RIGHT) == GLFW_PRESS;
    context->input.buttons[2] =
        glfwGetMouseButton(window, GLFW_MOUSE_BUTTON_MIDDLE) == GLFW_PRESS;
    context->input.shift = glfwGetKey(window, GLFW_KEY_LEFT_SHIFT) == GLFW_PRESS ||
                           glfwGetKey(window, GLFW_KEY_RIGHT_SHIFT) == GLFW_PRESS;
    context->input.control = glfwGetKey(window, GLFW_KEY_LEFT_CONTROL) == GLFW_PRESS ||
                             glfwGetKey(window, GLFW_KEY_RIGHT_CONTROL) == GLFW_PRESS;
}

bool plat_window_should_close(const plat_context *context)
{
    return context->backend == PLAT_BACKEND_WINDOW &&
           glfwWindowShouldClose(context->backend_data);
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
