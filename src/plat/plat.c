#define _POSIX_C_SOURCE 200809L
#include "plat/plat_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

core_result plat_context_create(const plat_context_desc *desc, plat_context **out)
{
    *out = NULL;
    plat_context *context = calloc(1, sizeof *context);
    if (!context)
        return core_fail(CORE_ERR_NO_MEMORY, "out of memory");
    plat_context_desc defaults = desc ? *desc : (plat_context_desc){0};
    context->backend = defaults.backend;
    core_result r = defaults.backend == PLAT_BACKEND_WINDOW ? plat_glfw_create(&defaults, context)
                                                            : plat_egl_create(&defaults, context);
    if (r != CORE_OK) {
        free(context);
        return r;
    }
    *out = context;
    return CORE_OK;
}

void plat_context_destroy(plat_context *context)
{
    if (!context)
        return;
    if (context->backend == PLAT_BACKEND_WINDOW)
        plat_glfw_destroy(context);
    else
        plat_egl_destroy(context);
    free(context);
}

core_result plat_context_create_shared(plat_context *context, plat_context **out)
{
    *out = NULL;
    if (context->shared)
        return core_fail(CORE_ERR_CONTEXT, "no shared context made from a shared one");
    plat_context *shared = calloc(1, sizeof *shared);
    if (!shared)
        return core_fail(CORE_ERR_NO_MEMORY, "out of memory");
    shared->backend = context->backend;
    shared->shared = true;
    core_result r = context->backend == PLAT_BACKEND_WINDOW
                        ? plat_glfw_create_shared(context, shared)
                        : plat_egl_create_shared(context, shared);
    if (r != CORE_OK) {
        free(shared);
        return r;
    }
    *out = shared;
    return CORE_OK;
}

bool plat_context_make_current(plat_context *context, bool current)
{
    return context->backend == PLAT_BACKEND_WINDOW ? plat_glfw_make_current(context, current)
                                                   : plat_egl_make_current(context, current);
}

plat_proc_loader plat_context_loader(const plat_context *context)
{
    return context->loader;
}

const char *plat_context_description(const plat_context *context)
{
    return context->description;
}

bool plat_display_available(void)
{
    const char *x11 = getenv("DISPLAY");
    const char *wayland = getenv("WAYLAND_DISPLAY");
    return (x11 && x11[0]) || (wayland && wayland[0]);
}

static const char *const named_keys[] = {
    [PLAT_KEY_ESCAPE] = "Esc",
    [PLAT_KEY_SPACE] = "Space",
    [PLAT_KEY_ENTER] = "Enter",
    [PLAT_KEY_TAB] = "Tab",
    [PLAT_KEY_BACKSPACE] = "Backspace",
    [PLAT_KEY_HOME] = "Home",
    [PLAT_KEY_END] = "End",
    [PLAT_KEY_PAGE_UP] = "PageUp",
    [PLAT_KEY_PAGE_DOWN] = "PageDown",
    [PLAT_KEY_LEFT] = "Left",
    [PLAT_KEY_RIGHT] = "Right",
    [PLAT_KEY_UP] = "Up",
    [PLAT_KEY_DOWN] = "Down",
    [PLAT_KEY_MINUS] = "-",
    [PLAT_KEY_EQUAL] = "=",
    [PLAT_KEY_LEFT_BRACKET] = "[",
    [PLAT_KEY_RIGHT_BRACKET] = "]",
    [PLAT_KEY_COMMA] = ",",
    [PLAT_KEY_PERIOD] = ".",
    [PLAT_KEY_SLASH] = "/",
};

const char *plat_key_name(plat_key key)
{
    /* Letters, digits and F-keys are built once: one static string each. */
    static char generated[PLAT_KEY_COUNT][8];
    if (key <= PLAT_KEY_NONE || key >= PLAT_KEY_COUNT)
        return "";
    if (key < PLAT_KEY_A)
        return named_keys[key] ? named_keys[key] : "";
    char *name = generated[key];
    if (!name[0]) {
        if (key <= PLAT_KEY_Z)
            name[0] = (char)('A' + (key - PLAT_KEY_A));
        else if (key <= PLAT_KEY_9)
            name[0] = (char)('0' + (key - PLAT_KEY_0));
        else if (key <= PLAT_KEY_F12)
            snprintf(name, sizeof generated[0], "F%d", 1 + (int)(key - PLAT_KEY_F1));
        else
            snprintf(name, sizeof generated[0], "Num%d", (int)(key - PLAT_KEY_KP_0));
    }
    return name;
}

plat_key plat_key_parse(const char *name)
{
    for (int key = PLAT_KEY_NONE + 1; key < PLAT_KEY_COUNT; ++key)
        if (strcasecmp(name, plat_key_name((plat_key)key)) == 0)
            return (plat_key)key;
    if (strcasecmp(name, "Escape") == 0)
        return PLAT_KEY_ESCAPE;
    if (strcasecmp(name, "Return") == 0)
        return PLAT_KEY_ENTER;
    return PLAT_KEY_NONE;
}

void plat_queue_event(plat_context *context, const plat_event *event)
{
    /* A full queue drops the newest event: a flood of cursor moves within one
     * frame loses nothing the next move does not repeat. */
    if (context->event_count == PLAT_EVENT_QUEUE)
        return;
    context->events[(context->event_first + context->event_count) % PLAT_EVENT_QUEUE] = *event;
    context->event_count++;
}

bool plat_window_next_event(plat_context *context, plat_event *event)
{
    if (context->event_count == 0)
        return false;
    *event = context->events[context->event_first];
    context->event_first = (context->event_first + 1) % PLAT_EVENT_QUEUE;
    context->event_count--;
    return true;
}
