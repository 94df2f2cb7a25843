#define _GNU_SOURCE
/* The live detector's worker thread: runs the detector's pushes of a
 * rendered step while the viewer goes on drawing (inspect_live.h). */
#include "inspect/inspect_live_internal.h"
#include "core/core_log.h"
#include "core/core_time.h"

#include <errno.h>
#include <stdio.h>
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

/* The frame first: the detector's thread runs this much nicer than the
 * viewer's, so on a machine with few cores it takes the time the frames
 * leave (the turntable waits for its steps, docs/viewer.md) instead of
 * slowing every frame it overlaps. Linux gives each thread its own nice. */
static void lower_priority(void)
{
#ifdef __linux__
    pid_t self = (pid_t)syscall(SYS_gettid);
    errno = 0;
    int nice = getpriority(PRIO_PROCESS, (id_t)self);
    if (errno == 0)
        (void)setpriority(PRIO_PROCESS, (id_t)self, nice + INSPECT_LIVE_WORKER_NICE);
#endif
}

core_result live_worker_init(inspect_live *live)
{
    if (pthread_mutex_init(&live->mutex, NULL) != 0)
        return core_fail(CORE_ERR_NO_MEMORY, "live detector: cannot make its lock");
    if (pthread_cond_init(&live->wake, NULL) != 0) {
        pthread_mutex_destroy(&live->mutex);
        return core_fail(CORE_ERR_NO_MEMORY, "live detector: cannot make its signals");
    }
    if (pthread_cond_init(&live->done, NULL) != 0) {
        pthread_cond_destroy(&live->wake);
        pthread_mutex_destroy(&live->mutex);
        return core_fail(CORE_ERR_NO_MEMORY, "live detector: cannot make its signals");
    }
    return CORE_OK;
}

void live_worker_stop(inspect_live *live)
{
    live_wait_finished(live);
    if (live->thread_started) {
        pthread_mutex_lock(&live->mutex);
        live->quit = true;
        pthread_cond_signal(&live->wake);
        pthread_mutex_unlock(&live->mutex);
        pthread_join(live->thread, NULL);
    }
    pthread_cond_destroy(&live->wake);
    pthread_cond_destroy(&live->done);
    pthread_mutex_destroy(&live->mutex);
}

/* The worker's own GL state, made on its context at its first render: a
 * render context (programs, shadow map, rooms) and vertex arrays over the
 * model's buffers, remade for each new model (its generation). */
static core_result worker_context_ready(inspect_live *live)
{
    const inspect_live_gl *gl = &live->desc.worker_gl;
    if (!live->worker_current) {
        if (!gl->make_current(gl->user, true))
            return core_fail(CORE_ERR_CONTEXT, "cannot make its GL context current on its thread");
        live->worker_current = true;
    }
    if (!live->worker_ready) {
        double start = core_seconds();
        core_result r = render_context_create(&live->worker_render);
        if (r != CORE_OK)
            return r;
        live->worker_ready = true;
        core_log(CORE_LOG_DEBUG, "live: the worker's render context made in %.0f ms",
                 1000.0 * (core_seconds() - start));
    }
    return CORE_OK;
}

static core_result worker_gl_ready(inspect_live *live)
{
    core_result r = worker_context_ready(live);
    if (r != CORE_OK)
        return r;
    const render_model *model = &live->job_model;
    if (live->worker_model.generation != model->generation ||
        live->worker_model.mesh.vertex_buffer != model->mesh.vertex_buffer) {
        render_model_unshare(&live->worker_model);
        r = render_model_share(model, &live->worker_model);
    }
    return r;
}

/* The step's render on the worker's context: the model as it stood at the
 * update, drawn through the worker's vertex arrays. */
static core_result worker_render(inspect_live *live)
{
    core_result r = worker_gl_ready(live);
    if (r != CORE_OK) {
        live->gl_failed = true;
        return r;
    }
    render_model model = live->job_model;
    model.mesh = live->worker_model.mesh;
    model.coarse = live->worker_model.coarse;
    int slot = live->render_slot;
    inspect_subject subject = {
        &live->worker_render, &model, &live->seen.frame, live->width, live->height, 0, 0};
    return inspect_render_analysis(&subject, live->render_angle, &live->bufs[slot]);
}

/* Frees the worker's GL objects on its own context, then lets it go. */
static void worker_gl_release(inspect_live *live)
{
    if (live->worker_ready) {
        render_model_unshare(&live->worker_model);
        render_context_unload(&live->worker_render);
        live->worker_ready = false;
    }
    if (live->worker_current)
        (void)live->desc.worker_gl.make_current(live->desc.worker_gl.user, false);
    live->worker_current = false;
}

/* The worker: runs each job's pushes in order. */
static void *worker_main(void *arg)
{
    inspect_live *live = arg;
    /* Rendering on its own context, the worker's first render compiles the
     * driver's shader variants for that context (llvmpipe: ~0.3 s of LLVM)
     * and gets its programs made: at the viewer's priority, once, so that the
     * first steps come soon; nicer from then on. */
    bool nicer = !live->off_thread;
    if (nicer)
        lower_priority();
    /* Its context and programs while the first step is still to come (the
     * look must hold a frame first); a failure is the first render's. */
    if (live->off_thread)
        (void)worker_context_ready(live);
    pthread_mutex_lock(&live->mutex);
    for (;;) {
        while (!live->quit && (!live->pending || live->hold))
            pthread_cond_wait(&live->wake, &live->mutex);
        if (live->quit)
            break;
        pthread_mutex_unlock(&live->mutex);
        double start = core_seconds();
        core_result r = CORE_OK;
        if (live->render_slot >= 0) {
            r = worker_render(live);
            core_log(CORE_LOG_DEBUG, "live: step rendered on the worker's context in %.0f ms",
                     1000.0 * (core_seconds() - start));
        }
        if (!nicer)
            lower_priority();
        nicer = true;
        int slot = live->prepare_slot;
        if (slot >= 0 && r == CORE_OK)
            r = inspect_step_prepare(&live->seen.frame, &live->bufs[slot], live->step_angle[slot],
                                     &live->steps[slot]);
        for (int i = 0; i < live->queued && r == CORE_OK; ++i) {
            live_push *push = &live->queue[i];
            r = detect_sweep_push(live->sweep, &live->steps[push->slot], &push->frame,
                                  live->raw_overlay, &push->ready);
        }
        if (r != CORE_OK)
            snprintf(live->job_error, sizeof live->job_error, "%s", core_last_error());
        double ms = 1000.0 * (core_seconds() - start);
        pthread_mutex_lock(&live->mutex);
        live->job_result = r;
        live->job_ms = ms;
        live->pending = false;
        live->finished = true;
        pthread_cond_broadcast(&live->done);
    }
    pthread_mutex_unlock(&live->mutex);
    worker_gl_release(live);
    return NULL;
}

/* Starts the worker: at the first job, or at creation where it renders on
 * its own context (to make that context ready meanwhile). */
core_result live_worker_start(inspect_live *live)
{
    if (live->thread_started)
        return CORE_OK;
    if (pthread_create(&live->thread, NULL, worker_main, live) != 0)
        return core_fail(CORE_ERR_NO_MEMORY, "live detector: cannot start its thread");
    live->thread_started = true;
    return CORE_OK;
}

/* Hands the queued pushes (and the step's render, on the worker's context)
 * to the worker. */
core_result live_submit(inspect_live *live, double render_ms)
{
    if (!live->queued)
        return CORE_OK;
    core_result r = live_worker_start(live);
    if (r != CORE_OK)
        return r;
    live->job_render_ms = render_ms;
    live->busy = true;
    pthread_mutex_lock(&live->mutex);
    live->finished = false;
    live->pending = true;
    pthread_cond_signal(&live->wake);
    pthread_mutex_unlock(&live->mutex);
    return CORE_OK;
}

/* Takes a finished job's records: the last ready one's overlay is shown. */
core_result live_collect(inspect_live *live, bool *updated)
{
    live->busy = false;
    int last = -1;
    for (int i = 0; i < live->queued; ++i)
        if (live->queue[i].ready)
            last = i;
    for (int i = 0; i <= last; ++i)
        if (live->queue[i].ready) {
            live_take_record(live, &live->queue[i].frame, live->queue[i].record_angle, i == last);
            *updated = true;
        }
    live->queued = 0;
    live->summary.last_ms = (float)(live->job_render_ms + live->job_ms);
    if (live->gl_failed) {
        /* No render came back: start again, rendering on this thread. */
        core_log(CORE_LOG_WARNING,
                 "live detector: cannot render on its own GL context (%s); "
                 "it renders inside the frame instead",
                 live->job_error);
        live->off_thread = false;
        live->gl_failed = false;
        live_drop_sweep(live, false);
        live->seen_valid = false;
        return CORE_OK;
    }
    if (live->job_result != CORE_OK)
        return core_fail(live->job_result, "%s", live->job_error);
    return CORE_OK;
}

/* Whether the worker is done with the job in hand (none: true). */
bool live_job_finished(const inspect_live *live)
{
    if (!live->busy)
        return true;
    pthread_mutex_t *mutex = (pthread_mutex_t *)&live->mutex;
    pthread_mutex_lock(mutex);
    bool finished = live->finished;
    pthread_mutex_unlock(mutex);
    return finished;
}

void live_wait_finished(inspect_live *live)
{
    if (!live->busy)
        return;
    pthread_mutex_lock(&live->mutex);
    live->hold = false;
    pthread_cond_signal(&live->wake);
    while (!live->finished)
        pthread_cond_wait(&live->done, &live->mutex);
    pthread_mutex_unlock(&live->mutex);
}

core_result inspect_live_finish(inspect_live *live, bool *updated)
{
    *updated = false;
    if (!live->busy)
        return CORE_OK;
    live_wait_finished(live);
    core_result r = live_collect(live, updated);
    if (r != CORE_OK) {
        live_drop_sweep(live, false);
        live->seen_valid = false;
    }
    return r;
}

bool inspect_live_busy(const inspect_live *live)
{
    return !live_job_finished(live);
}

void inspect_live_hold(inspect_live *live, bool hold)
{
    pthread_mutex_lock(&live->mutex);
    live->hold = hold;
    pthread_cond_signal(&live->wake);
    pthread_mutex_unlock(&live->mutex);
}

