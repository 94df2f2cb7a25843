#include "inspect/inspect.h"
#include "core/core_time.h"
#include "inspect/inspect_overlay.h"

#include "core/core_log.h"

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

core_result inspect_sweep(const inspect_subject *subject, const inspect_plan *plan,
                          const inspect_progress *progress, inspect_run *run)
{
    run->plan = *plan;
    run->frames = calloc((size_t)plan->steps, sizeof *run->frames);
    if (!run->frames)
        return core_fail(CORE_ERR_NO_MEMORY, "out of memory for %d steps", plan->steps);
    detect_sweep_desc desc =
        inspect_sweep_desc(subject->frame, subject->width, subject->height, plan->ppd);
    detect_sweep *sweep;
    core_result r = detect_sweep_create(&desc, &sweep);
    /* One step before the first and one after the last are rendered only as
     * neighbours: jitter needs both sides of a step. */
    for (int k = -1; r == CORE_OK && k <= plan->steps; ++k) {
        show(progress, k + 1, plan->steps + 2);
        float angle = plan->start_deg + (float)k * plan->step_deg;
        bool ready = false;
        detect_frame frame;
        r = push_angle(subject, angle, sweep, &frame, NULL, &ready, &run->timing);
        if (r == CORE_OK && ready) {
            frame.step = run->frame_count;
            run->frames[run->frame_count++] = frame;
            core_log(CORE_LOG_INFO, "step %d/%d at %.2f deg: %u pins, %u hairs, J %.3f, CAE %.2f",
                     run->frame_count, plan->steps, (double)frame.angle_deg, frame.pins,
                     frame.hairs, (double)frame.jitter, (double)frame.cae);
        }
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
    detect_sweep_desc desc =
        inspect_sweep_desc(subject->frame, subject->width, subject->height, plan->ppd);
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
    core_result r = io_image_alloc(picture, subject->width, subject->height);
    if (r == CORE_OK)
        r = render_offscreen(subject->render, subject->model, &frame, subject->width,
                             subject->height, picture->pixels);
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
    size_t n = (size_t)subject->width * (size_t)subject->height;
    uint8_t *marks = calloc(n, 4), *painted = malloc(n * 4);
    core_result r =
        marks && painted ? CORE_OK : core_fail(CORE_ERR_NO_MEMORY, "out of memory for an overlay");
    if (r == CORE_OK)
        r = marks_at(subject, plan, angle, marks);
    if (r == CORE_OK)
        r = shaded_picture(subject, angle, picture);
    if (r == CORE_OK) {
        inspect_overlay_paint(marks, subject->width, subject->height, 1, painted);
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
    detect_summary_free(&run->summary);
    memset(run, 0, sizeof *run);
}
