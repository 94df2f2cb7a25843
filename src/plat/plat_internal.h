#ifndef GLINT_PLAT_INTERNAL_H
#define GLINT_PLAT_INTERNAL_H

#include "plat/plat.h"

/* Shared by the backends: each fills in its part of the context. */
struct plat_context {
    plat_backend backend;
    char description[128];
    plat_proc_loader loader;
    void *backend_data;
    plat_input input;
    bool pressed[PLAT_KEY_COUNT];
};

core_result plat_egl_create(const plat_context_desc *desc, plat_context *context);
void plat_egl_destroy(plat_context *context);

core_result plat_glfw_create(const plat_context_desc *desc, plat_context *context);
void plat_glfw_destroy(plat_context *context);

#endif
