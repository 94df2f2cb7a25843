#define _GNU_SOURCE
/* The live detector's worker thread: runs the detector's pushes of a
 * rendered step while the viewer goes on drawing (inspect_live.h). */
#include "inspect/inspect_live_internal.h"
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

/* The worker: runs each job's pushes in order. */
static void *worker_main(void *arg)
{
    inspect_live *live = arg;
    lower_priority();
    pthread_mutex_lock(&live->mutex);
    for (;;) {
        while (!live->quit && (!live->pending || live->hold))
            pthread_cond_wait(&live->wake, &live->mutex);
        if (live->quit)
            break;
        pthread_mutex_unlock(&live->mutex);
        double start = core_seconds();
        core_result r = CORE_OK;
        int slot = live->prepare_slot;
        if (slot >= 0)
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
    return NULL;
}

/* Hands the queued pushes to the worker (started on first use). */
core_result live_submit(inspect_live *live, double render_ms)
{
    if (!live->queued)
        return CORE_OK;
    if (!live->thread_started) {
        if (pthread_create(&live->thread, NULL, worker_main, live) != 0)
            return core_fail(CORE_ERR_NO_MEMORY, "live detector: cannot start its thread");
        live->thread_started = true;
    }
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

