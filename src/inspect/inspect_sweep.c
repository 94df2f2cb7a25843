#include "inspect/inspect.h"
#include "core/core_time.h"
#include "inspect/inspect_overlay.h"

#include "core/core_log.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The check's pictures lay the marks over the frame at this opacity: seen
 * at a glance, with the surface showing between them. */
enum { PICTURE_OVERLAY_PERCENT = 85 };

/* Renders step `angle` and feeds it to the detector. */
static core_result push_angle(const inspect_subject *subject, float angle, detect_sweep *sweep,
                              detect_frame *frame, uint8_t *overlay, bool *ready,
                              inspect_timing *timing)
{
    inspect_step_buffers buffers;
    detect_step step;
    core_result r = inspect_render_step(subject, angle, &buffers, &step, timing);
    if (r != CORE_OK)
        return r;
    double start = core_seconds();
    r = detect_sweep_push(sweep, &step, frame, overlay, ready);
    if (timing)
        timing->detect_s += core_seconds() - start;
    inspect_step_buffers_free(&buffers);
    return r;
}

static void show(const inspect_progress *progress, int done, int total)
{
    if (progress && progress->show)
        progress->show(progress->user, done, total);
}

/* One step handed to the detector: the rendered buffers, and what the push
 * made of them. On a thread of its own while the next step renders, unless
 * GLINT_SERIAL asks for one step after the other; the display transform
 * (inspect_step_prepare) runs there too, as pure CPU work that would
 * otherwise hold the render's thread while llvmpipe's wait. */
typedef struct sweep_job {
    detect_sweep *sweep;
    const render_frame_desc *shown; /* the display transform's exposure and tone map */
    float angle;
    inspect_step_buffers buffers;
    detect_step step;
    detect_frame frame;
    bool ready;
    core_result result;
    char error[1024]; /* the thread's own message: core_fail's text is per thread */
    double display_s, detect_s;
    pthread_t thread;
    bool running;
} sweep_job;

static void *run_job(void *arg)
{
    sweep_job *job = arg;
    double start = core_seconds();
    job->ready = false;
    job->result = inspect_step_prepare(job->shown, &job->buffers, job->angle, &job->step);
    double prepared = core_seconds();
    if (job->result == CORE_OK)
        job->result = detect_sweep_push(job->sweep, &job->step, &job->frame, NULL, &job->ready);
    if (job->result != CORE_OK)
        snprintf(job->error, sizeof job->error, "%s", core_last_error());
    job->display_s = prepared - start;
    job->detect_s = core_seconds() - prepared;
    inspect_step_buffers_free(&job->buffers);
    return NULL;
}

/* Waits for the job if it runs on a thread, and records its step once; the
 * first error wins. */
static core_result finish_job(sweep_job *job, inspect_run *run, core_result r)
{
    if (job->running) {
        pthread_join(job->thread, NULL);
        job->running = false;
    }
    run->timing.display_s += job->display_s;
    run->timing.detect_s += job->detect_s;
    job->display_s = job->detect_s = 0.0;
    if (job->result != CORE_OK) {
        core_result failed = job->result;
        job->result = CORE_OK;
        return r != CORE_OK ? r : core_fail(failed, "%s", job->error);
    }
    if (job->ready && r == CORE_OK) {
        detect_frame frame = job->frame;
        frame.step = run->frame_count;
        run->frames[run->frame_count++] = frame;
        core_log(CORE_LOG_INFO, "step %d/%d at %.2f deg: %u pins, %u hairs, J %.3f, CAE %.2f",
                 run->frame_count, run->plan.steps, (double)frame.angle_deg, frame.pins,
                 frame.hairs, (double)frame.jitter, (double)frame.cae);
    }
    job->ready = false;
    return r;
}

/* Step N+1 renders on this thread while the detector judges step N on
 * another: the pushes still go in turning order, one at a time, so the
 * records are those of one step after the other. */
static core_result sweep_steps(const inspect_subject *subject, const inspect_plan *plan,
                               const inspect_progress *progress, detect_sweep *sweep,
                               inspect_run *run)
{
    bool serial = core_serial();
    core_log(CORE_LOG_INFO, serial ? "check: steps one after the other (GLINT_SERIAL)"
                                   : "check: the detector judges each step on a thread while "
                                     "the next one renders");
    sweep_job jobs[2] = {{.sweep = sweep, .shown = subject->frame},
                         {.sweep = sweep, .shown = subject->frame}};
    core_result r = CORE_OK;
    /* One step before the first and one after the last are rendered only as
     * neighbours: jitter needs both sides of a step. */
    for (int k = -1; r == CORE_OK && k <= plan->steps; ++k) {
        show(progress, k + 1, plan->steps + 2);
        float angle = plan->start_deg + (float)k * plan->step_deg;
        sweep_job *job = &jobs[(k + 2) % 2], *previous = &jobs[(k + 1) % 2];
        double start = core_seconds();
        r = inspect_render_analysis(subject, angle, &job->buffers);
        if (r == CORE_OK) {
            run->timing.render_s += core_seconds() - start;
            run->timing.renders++;
        }
        job->angle = angle;
        r = finish_job(previous, run, r);
        if (r != CORE_OK) {
            inspect_step_buffers_free(&job->buffers);
            break;
        }
        job->running = !serial && pthread_create(&job->thread, NULL, run_job, job) == 0;
        if (!job->running) { /* serial, or no thread to be had */
            run_job(job);
            r = finish_job(job, run, r);
        }
    }
    for (int j = 0; j < 2; ++j)
        r = finish_job(&jobs[j], run, r);
    return r;
}

core_result inspect_sweep(const inspect_subject *subject, const inspect_plan *plan,
                          const inspect_progress *progress, inspect_run *run)
{
    run->plan = *plan;
    run->frames = calloc((size_t)plan->steps, sizeof *run->frames);
    if (!run->frames)
        return core_fail(CORE_ERR_NO_MEMORY, "out of memory for %d steps", plan->steps);
    int sw, sh;
    inspect_shown_size(subject, &sw, &sh);
    detect_sweep_desc desc = inspect_sweep_desc(subject->frame, sw, sh, plan->ppd);
    desc.analysis_scale = (float)subject->width / (float)sw;
    run->shown_width = sw;
    run->shown_height = sh;
    run->analysis_scale = desc.analysis_scale;
    detect_sweep *sweep;
    core_result r = detect_sweep_create(&desc, &sweep);
    if (r == CORE_OK)
        r = sweep_steps(subject, plan, progress, sweep, run);
    if (r == CORE_OK) {
        enum { MOST = 64 };
        run->unresolved = calloc(MOST, sizeof *run->unresolved);
        r = run->unresolved ? CORE_OK
                            : core_fail(CORE_ERR_NO_MEMORY, "out of memory for the parts");
        if (r == CORE_OK)
            run->unresolved_count = detect_sweep_unresolved(sweep, run->unresolved, MOST);
    }
    detect_sweep_destroy(sweep);
    show(progress, plan->steps + 2, plan->steps + 2);
    if (r == CORE_OK)
        r = detect_summarize(run->frames, run->frame_count, NULL, &run->summary);
    return r;
}

/* The detector's marks for the step at `angle`, from it and its neighbours. */
static core_result marks_at(const inspect_subject *subject, const inspect_plan *plan, float angle,
                            uint8_t *marks)
{
    int sw, sh;
    inspect_shown_size(subject, &sw, &sh);
    detect_sweep_desc desc = inspect_sweep_desc(subject->frame, sw, sh, plan->ppd);
    desc.analysis_scale = (float)subject->width / (float)sw;
    detect_sweep *sweep;
    core_result r = detect_sweep_create(&desc, &sweep);
    bool ready = false;
    detect_frame frame;
    for (int k = -1; r == CORE_OK && k <= 1; ++k)
        r = push_angle(subject, angle + (float)k * plan->step_deg, sweep, &frame, marks, &ready,
                       NULL);
    detect_sweep_destroy(sweep);
    return r;
}

static core_result shaded_picture(const inspect_subject *subject, float angle, io_image *picture)
{
    render_frame_desc frame = *subject->frame;
    frame.shot.turntable_deg = angle;
    frame.view = RENDER_VIEW_SHADED;
    int sw, sh; /* as shown: the detector's marks are the display's pixels */
    inspect_shown_size(subject, &sw, &sh);
    core_result r = io_image_alloc(picture, sw, sh);
    if (r == CORE_OK)
        r = render_offscreen(subject->render, subject->model, &frame, sw, sh, picture->pixels);
    if (r != CORE_OK)
        io_image_free(picture);
    return r;
}

core_result inspect_picture(const inspect_subject *subject, const inspect_plan *plan, float angle,
                            io_image *picture)
{
    return inspect_picture_marked(subject, plan, angle, picture, NULL);
}

core_result inspect_picture_marked(const inspect_subject *subject, const inspect_plan *plan,
                                   float angle, io_image *picture, uint8_t *marks_out)
{
    int sw, sh;
    inspect_shown_size(subject, &sw, &sh);
    size_t n = (size_t)sw * (size_t)sh;
    uint8_t *marks = calloc(n, 4), *painted = malloc(n * 4);
    core_result r =
        marks && painted ? CORE_OK : core_fail(CORE_ERR_NO_MEMORY, "out of memory for an overlay");
    if (r == CORE_OK)
        r = marks_at(subject, plan, angle, marks);
    if (r == CORE_OK)
        r = shaded_picture(subject, angle, picture);
    if (r == CORE_OK) {
        inspect_overlay_paint(marks, sw, sh, 1, painted);
        inspect_overlay_blend(picture, painted, PICTURE_OVERLAY_PERCENT);
        if (marks_out)
            memcpy(marks_out, marks, n * 4);
    }
    free(marks);
    free(painted);
    return r;
}

void inspect_run_free(inspect_run *run)
{
    free(run->frames);
    free(run->unresolved);
    detect_summary_free(&run->summary);
    memset(run, 0, sizeof *run);
}
