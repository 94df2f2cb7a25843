/* The viewer's live detectors and their GL contexts: each detector's
 * analysis render runs on its worker thread, on a hidden context that
 * shares the window's buffers, textures and programs (issue 17), so a frame
 * never waits for it. */
#include "app/app_viewer_loop.h"
#include "core/core_log.h"
#include "plat/plat.h"

static bool make_current(void *user, bool current)
{
    return plat_context_make_current(user, current);
}

core_result app_viewer_live_create(app_viewer_loop *loop, int v)
{
    inspect_live_desc desc = {0};
    /* GLFW makes windows on the main thread only: here, before the worker
     * that makes it current starts. */
    if (plat_context_create_shared(loop->session->platform, &loop->live_gl[v]) == CORE_OK)
        desc.worker_gl = (inspect_live_gl){make_current, loop->live_gl[v]};
    else
        core_log(CORE_LOG_WARNING, "live detector: %s; its analyses render inside the frame",
                 core_last_error());
    core_result r = inspect_live_create(&desc, &loop->live[v]);
    if (r != CORE_OK) {
        plat_context_destroy(loop->live_gl[v]);
        loop->live_gl[v] = NULL;
    }
    return r;
}

void app_viewer_live_destroy(app_viewer_loop *loop, int v)
{
    /* The worker frees its GL objects on its context and lets it go before
     * it is joined; only then may the context go. */
    inspect_live_destroy(loop->live[v]);
    loop->live[v] = NULL;
    plat_context_destroy(loop->live_gl[v]);
    loop->live_gl[v] = NULL;
}
