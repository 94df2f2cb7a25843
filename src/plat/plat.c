#define _POSIX_C_SOURCE 200809L
#include "plat/plat_internal.h"

#include <stdlib.h>

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

const plat_input *plat_window_input(const plat_context *context)
{
    return &context->input;
}

bool plat_window_key_pressed(const plat_context *context, plat_key key)
{
    return key > PLAT_KEY_NONE && key < PLAT_KEY_COUNT && context->pressed[key];
}
