#ifndef GLINT_PLAT_INTERNAL_H
#define GLINT_PLAT_INTERNAL_H

#include "plat/plat.h"

#define PLAT_EVENT_QUEUE 512

/* Shared by the backends: each fills in its part of the context. */
struct plat_context {
    plat_backend backend;
    bool shared; /* plat_context_create_shared's: owns only its hidden window */
    char description[128];
    plat_proc_loader loader;
    void *backend_data;
    /* Events since the last poll, oldest first (a ring). */
    plat_event events[PLAT_EVENT_QUEUE];
    int event_first, event_count;
    /* Dropped paths, owned until the next poll. */
    char **drops;
    int drop_count;
};

void plat_queue_event(plat_context *context, const plat_event *event);

core_result plat_egl_create(const plat_context_desc *desc, plat_context *context);
void plat_egl_destroy(plat_context *context);
core_result plat_egl_create_shared(plat_context *context, plat_context *shared);
bool plat_egl_make_current(plat_context *context, bool current);

core_result plat_glfw_create(const plat_context_desc *desc, plat_context *context);
void plat_glfw_destroy(plat_context *context);
core_result plat_glfw_create_shared(plat_context *context, plat_context *shared);
bool plat_glfw_make_current(plat_context *context, bool current);

#endif
