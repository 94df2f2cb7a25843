#define _POSIX_C_SOURCE 200809L
#include "inspect/inspect_live.h"
#include "inspect/inspect_advice.h"
#include "inspect/inspect_live_internal.h"
#include "core/core_time.h"

#include "inspect/inspect.h"
#include "inspect/inspect_overlay.h"
#include "core/core_log.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { LIVE_DEFAULT_MAX_SIDE = 512, LIVE_MIN_SIDE = 16 };

/* b - a on a circle, in (-180, 180]: the viewer wraps its angle at 360. */
static float turn_between(float a, float b)
{
    float d = fmodf(b - a, 360.0f);
    if (d > 180.0f)
        d -= 360.0f;
    else if (d <= -180.0f)
        d += 360.0f;
    return d;
}

static void look_free(live_look *look)
{
    for (uint32_t i = 0; look->finishes && i < look->frame.part_finish_count; ++i)
        free((char *)look->finishes[i].part);
    free(look->finishes);
    memset(look, 0, sizeof *look);
}

/* The caller's part names may not outlive the frame: keep copies. */
static core_result look_set(live_look *look, const render_frame_desc *frame, int width, int height,
                            const render_model *model)
{
    look_free(look);
    look->frame = *frame;
    look->frame.shot.turntable_deg = 0.0f;
    look->frame.view = RENDER_VIEW_SHADED;
    look->frame.samples = 0;
    look->frame.part_finishes = NULL;
    look->frame.part_finish_count = 0;
    look->viewport_width = width;
    look->viewport_height = height;
    look->model = *model;
    uint32_t count = frame->part_finishes ? frame->part_finish_count : 0;
    if (count) {
        look->finishes = calloc(count, sizeof *look->finishes);
        if (!look->finishes)
            return core_fail(CORE_ERR_NO_MEMORY, "out of memory for the live detector");
    }
    for (uint32_t i = 0; i < count; ++i) {
        const char *part = frame->part_finishes[i].part;
        look->finishes[i].finish = frame->part_finishes[i].finish;
        look->finishes[i].part = part ? strdup(part) : NULL;
        look->frame.part_finish_count = i + 1;
        if (part && !look->finishes[i].part)
            return core_fail(CORE_ERR_NO_MEMORY, "out of memory for the live detector");
    }
    look->frame.part_finishes = look->finishes;
    return CORE_OK;
}

static bool same_text(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* Field by field, not memcmp: the descs have padding and a pointer whose
 * target is what counts. The view and the sample count are left out: the
 * analysis is of the shaded frame at one sample whatever the viewer shows. */
static bool look_same(const live_look *look, const render_frame_desc *frame, int width, int height,
                      const render_model *model)
{
    const render_frame_desc *a = &look->frame;
    scene_shot shot = frame->shot; /* floats only, so memcmp is exact */
    shot.turntable_deg = 0.0f;
    uint32_t count = frame->part_finishes ? frame->part_finish_count : 0;
    if (memcmp(&shot, &a->shot, sizeof shot) != 0 ||
        memcmp(frame->background, a->background, sizeof a->background) != 0 ||
        frame->finish != a->finish || count != a->part_finish_count ||
        frame->roughness != a->roughness || frame->exposure_ev != a->exposure_ev ||
        frame->tonemap != a->tonemap || frame->no_shadows != a->no_shadows ||
        frame->transparent != a->transparent)
        return false;
    for (uint32_t i = 0; i < count; ++i) {
        if (frame->part_finishes[i].finish != a->part_finishes[i].finish ||
            !same_text(frame->part_finishes[i].part, a->part_finishes[i].part))
            return false;
    }
    const render_model *m = &look->model;
    return width == look->viewport_width && height == look->viewport_height &&
           model->mesh.vertex_array == m->mesh.vertex_array &&
           model->mesh.vertex_buffer == m->mesh.vertex_buffer &&
           model->mesh.index_count == m->mesh.index_count && model->parts == m->parts &&
           model->part_count == m->part_count && model->textures == m->textures &&
           memcmp(&model->bounds, &m->bounds, sizeof m->bounds) == 0;
}

/* Drops the sweep; `keep_summary` when the sweep only restarts for the
 * detector's sake (standing, turning again) and not for the user's. */
void live_drop_sweep(inspect_live *live, bool keep_summary)
{
    detect_sweep_destroy(live->sweep);
    live->sweep = NULL;
    live->queued = 0;
    live->direction = 0;
    live->frames_waiting = 0;
    live->still = false;
    if (keep_summary)
        return;
    for (int k = 0; k < 2; ++k)
        inspect_step_buffers_free(&live->bufs[k]);
    live->has_kept = false;
    live->active = false;
    live->has_record = false;
    memset(&live->summary, 0, sizeof live->summary);
}

static core_result new_detector(inspect_live *live)
{
    detect_sweep_destroy(live->sweep);
    live->sweep = NULL;
    detect_sweep_desc desc =
        inspect_sweep_desc(&live->seen.frame, live->width, live->height, live->ppd);
    return detect_sweep_create(&desc, &live->sweep);
}

/* Analysis pixels for `screen_px` pixels of the viewport, at least one. */
static int analysis_px(const inspect_live *live, float screen_px)
{
    float magnified = (float)live->seen.viewport_width / (float)live->width;
    int px = (int)ceilf(screen_px / fmaxf(magnified, 1.0f));
    return px < 1 ? 1 : px;
}

/* Ringed markers sized for the window (a pinpoint is one analysis pixel,
 * which tinted alone was nearly invisible): in a 720-pixel-high viewport a
 * 4-pixel hole, 2-pixel dark lines and a 3-pixel tinted band, growing with
 * the viewport. */
static void paint_display_overlay(inspect_live *live)
{
    float unit = fmaxf(1.0f, (float)live->seen.viewport_height / 720.0f);
    inspect_overlay_paint_rings(live->raw_overlay, live->width, live->height,
                                analysis_px(live, 4.0f * unit), analysis_px(live, 2.0f * unit),
                                analysis_px(live, 3.0f * unit), live->overlay,
                                live->overlay + (size_t)live->width * (size_t)live->height * 4);
}

void live_take_record(inspect_live *live, detect_frame *frame, float angle, bool paint)
{
    inspect_live_summary *s = &live->summary;
    frame->step = s->steps++;
    frame->angle_deg = angle;
    s->flags_text[0] = '\0';
    for (int f = 0; f < DETECT_FLAG_COUNT; ++f) {
        if (!(frame->flags & DETECT_FLAG_BIT(f)))
            continue;
        s->flagged_steps[f]++;
        size_t used = strlen(s->flags_text);
        snprintf(s->flags_text + used, sizeof s->flags_text - used, "%s%s", used ? ", " : "",
                 inspect_flag_word((detect_flag)f));
    }
    if (!frame->flags)
        snprintf(s->flags_text, sizeof s->flags_text, "clean");
    s->any_flagged_steps += frame->flags != 0;
    s->score = (float)s->any_flagged_steps / (float)s->steps;
    int degree = ((int)floorf(angle) % 360 + 360) % 360;
    s->judged_at[degree] = 1;
    s->flags_at[degree] = frame->flags;
    live->frames_at[degree] = *frame;
    live->record = *frame;
    live->has_record = true;
    if (paint)
        paint_display_overlay(live);
    core_log(CORE_LOG_DEBUG, "live: step %d at %.2f deg: %s (%u pins, %u hairs, J %.3f, CAE %.2f)",
             frame->step, (double)frame->angle_deg, s->flags_text, frame->pins, frame->hairs,
             (double)frame->jitter, (double)frame->cae);
}

/* Queues the kept step, shown at `shown` degrees, for the worker. */
static core_result push_kept(inspect_live *live, float shown)
{
    if (live->queued == LIVE_MAX_PUSHES)
        return core_fail(CORE_ERR_ARGUMENT, "live detector: more than %d pushes in a frame",
                         LIVE_MAX_PUSHES);
    live->pushed_shown[0] = live->pushed_shown[1];
    live->pushed_shown[1] = shown;
    live_push *push = &live->queue[live->queued++];
    push->slot = live->cur;
    push->record_angle = live->pushed_shown[0];
    push->ready = false;
    return CORE_OK;
}

/* The model as the worker will draw it: the caller's, with its parts
 * copied (the viewer paints parts between frames, while the worker draws). */
static core_result snapshot_model(inspect_live *live, const render_model *model)
{
    if (model->part_count > live->job_parts_capacity) {
        scene_part *grown = realloc(live->job_parts, model->part_count * sizeof *grown);
        if (!grown)
            return core_fail(CORE_ERR_NO_MEMORY, "out of memory for the live detector");
        live->job_parts = grown;
        live->job_parts_capacity = model->part_count;
    }
    if (model->part_count)
        memcpy(live->job_parts, model->parts, model->part_count * sizeof *live->job_parts);
    live->job_model = *model;
    live->job_model.parts = live->job_parts;
    return CORE_OK;
}

/* Renders the step shown at `angle` into the kept buffers (or has the
 * worker render it, on its own context). The detector
 * gets `unwrapped`, the angle counted on without wrapping at 360, since it
 * looks back over the last 20 degrees for the highlight's wobble. */
static core_result analyse(inspect_live *live, const live_source *source, float angle,
                           float unwrapped)
{
    /* The other slot: this frame's queue may still push the step before. */
    live->cur ^= 1;
    inspect_step_buffers_free(&live->bufs[live->cur]);
    live->has_kept = false;
    core_result r = CORE_OK;
    if (live->off_thread) {
        r = snapshot_model(live, source->model);
        live->render_slot = live->cur;
        live->render_angle = angle;
    } else {
        inspect_subject subject = {
            source->render, source->model, &live->seen.frame, live->width, live->height, 0, 0};
        /* Only the render here (GL); the worker does the display transform. */
        r = inspect_render_analysis(&subject, angle, &live->bufs[live->cur]);
        live->frame_renders += r == CORE_OK;
    }
    if (r != CORE_OK)
        return r;
    live->step_angle[live->cur] = unwrapped;
    live->prepare_slot = live->cur;
    live->has_kept = true;
    live->last_angle = angle;
    live->summary.analyses++;
    live->renders++;
    return CORE_OK;
}

static core_result size_buffers(inspect_live *live)
{
    const live_look *look = &live->seen;
    int longer =
        look->viewport_width > look->viewport_height ? look->viewport_width : look->viewport_height;
    float scale = fminf(1.0f, (float)live->desc.max_side / (float)longer);
    int w = (int)lroundf((float)look->viewport_width * scale);
    int h = (int)lroundf((float)look->viewport_height * scale);
    w = w < LIVE_MIN_SIDE ? LIVE_MIN_SIDE : w;
    h = h < LIVE_MIN_SIDE ? LIVE_MIN_SIDE : h;
    live->ppd = live->screen_ppd * (float)w / (float)look->viewport_width;
    if (w == live->width && h == live->height && live->overlay)
        return CORE_OK;
    free(live->raw_overlay);
    free(live->overlay);
    live->width = w;
    live->height = h;
    live->raw_overlay = malloc((size_t)w * (size_t)h * 4);
    /* The painted overlay, then the ring painter's 3 bytes a pixel. */
    live->overlay = malloc((size_t)w * (size_t)h * 7);
    if (!live->raw_overlay || !live->overlay)
        return core_fail(CORE_ERR_NO_MEMORY, "out of memory for a %dx%d live overlay", w, h);
    return CORE_OK;
}

/* A new sweep of the seen look from the step shown at `angle`. */
static core_result begin(inspect_live *live, const live_source *source, float angle, bool standing)
{
    core_result r = size_buffers(live);
    if (r == CORE_OK)
        r = new_detector(live);
    if (r == CORE_OK)
        r = analyse(live, source, angle, angle);
    if (r == CORE_OK)
        r = push_kept(live, angle);
    live->active = r == CORE_OK;
    for (int k = 0; r == CORE_OK && standing && k < 2; ++k)
        r = push_kept(live, angle);
    live->still = r == CORE_OK && standing;
    return r;
}

/* The turntable stands: the shown step judged alone. Its neighbours in the
 * sweep are a step away on one side and nothing on the other, and jitter
 * wants even steps, so it is the step three times over. */
static core_result settle(inspect_live *live, const live_source *source, float angle)
{
    live_drop_sweep(live, true);
    core_result r = new_detector(live);
    if (r == CORE_OK && (!live->has_kept || angle != live->last_angle))
        r = analyse(live, source, angle,
                    live->step_angle[live->cur] + turn_between(live->last_angle, angle));
    for (int k = 0; r == CORE_OK && k < 3; ++k)
        r = push_kept(live, angle);
    live->still = r == CORE_OK;
    return r;
}

/* The next step of a turning sweep, `delta` degrees on from the kept one. */
static core_result step_on(inspect_live *live, const live_source *source, float angle, float delta)
{
    core_result r = CORE_OK;
    if (live->still) { /* turning again: the sweep goes on from the standing step */
        live_drop_sweep(live, true);
        r = new_detector(live);
        if (r == CORE_OK)
            r = push_kept(live, live->last_angle);
    }
    if (r == CORE_OK)
        r = analyse(live, source, angle, live->step_angle[live->cur] + delta);
    if (r == CORE_OK)
        r = push_kept(live, angle);
    live->direction = delta > 0.0f ? 1 : -1;
    live->frames_waiting = 0;
    return r;
}

static core_result decide(inspect_live *live, const live_source *source,
                          const render_frame_desc *frame, int width, int height)
{
    float angle = frame->shot.turntable_deg;
    bool same_as_seen =
        live->seen_valid && look_same(&live->seen, frame, width, height, source->model);
    bool standing = same_as_seen && angle == live->seen_angle;
    live->frame_turn = same_as_seen ? fabsf(turn_between(live->seen_angle, angle)) : 0.0f;
    live->seen_angle = angle;
    if (!same_as_seen) {
        /* Wait for the look to hold one frame: dragging the camera or a
         * slider would otherwise cost an analysis on every frame. */
        live_drop_sweep(live, false);
        live->jumps_in_a_row = 0;
        core_result r = look_set(&live->seen, frame, width, height, source->model);
        live->seen_valid = r == CORE_OK;
        return r;
    }
    if (!live->active)
        return begin(live, source, angle, standing);
    if (standing)
        return live->still ? CORE_OK : settle(live, source, angle);
    float delta = turn_between(live->last_angle, angle);
    if (delta == 0.0f)
        return CORE_OK; /* back on the kept step's angle: nothing new to see */
    bool reversed = live->direction != 0 && (delta > 0.0f ? 1 : -1) != live->direction;
    if (fabsf(delta) > live->desc.max_step_deg || reversed) {
        live->jumps_in_a_row =
            live->frame_turn > live->desc.max_step_deg ? live->jumps_in_a_row + 1 : 0;
        live_drop_sweep(live, false);
        return begin(live, source, angle, false);
    }
    live->jumps_in_a_row = 0;
    live->frames_waiting++;
    bool due = live->desc.every_nth_frame > 0 ? live->frames_waiting >= live->desc.every_nth_frame
                                              : fabsf(delta) >= live->desc.min_step_deg - 1e-3f;
    return due ? step_on(live, source, angle, delta) : CORE_OK;
}

core_result inspect_live_update(inspect_live *live, render_context *render,
                                const render_model *model, const render_frame_desc *frame,
                                int viewport_width, int viewport_height, bool *updated)
{
    const live_source source = {render, model};
    *updated = false;
    if (!live_job_finished(live)) {
        live->summary.frames_during_analysis++; /* the frame goes on without it */
        return CORE_OK;
    }
    core_result r = live->busy ? live_collect(live, updated) : CORE_OK;
    if (r == CORE_OK && (viewport_width <= 0 || viewport_height <= 0))
        return CORE_OK; /* minimised */
    double start = core_seconds();
    live->prepare_slot = -1;
    live->render_slot = -1;
    if (r == CORE_OK)
        r = decide(live, &source, frame, viewport_width, viewport_height);
    if (r == CORE_OK)
        r = live_submit(live, 1000.0 * (core_seconds() - start));
    if (r != CORE_OK) {
        /* Start clean on the next frame rather than push onto a broken sweep. */
        live_drop_sweep(live, false);
        live->seen_valid = false;
        return r;
    }
    return CORE_OK;
}

void inspect_live_restart(inspect_live *live)
{
    bool updated;
    (void)inspect_live_finish(live, &updated); /* a restart drops what it found */
    live_drop_sweep(live, false);
    live->seen_valid = false;
}

core_result inspect_live_create(const inspect_live_desc *desc, inspect_live **out)
{
    *out = NULL;
    inspect_live *live = calloc(1, sizeof *live);
    if (!live)
        return core_fail(CORE_ERR_NO_MEMORY, "out of memory for the live detector");
    live->desc = desc ? *desc : (inspect_live_desc){0};
    inspect_live_desc *d = &live->desc;
    if (d->max_side <= 0)
        d->max_side = LIVE_DEFAULT_MAX_SIDE;
    d->max_side = d->max_side < LIVE_MIN_SIDE ? LIVE_MIN_SIDE : d->max_side;
    d->every_nth_frame = d->every_nth_frame < 0 ? 0 : d->every_nth_frame;
    if (!(d->min_step_deg > 0.0f))
        d->min_step_deg = 1.0f;
    if (!(d->max_step_deg > 0.0f))
        d->max_step_deg = 5.0f;
    d->max_step_deg = fmaxf(d->max_step_deg, d->min_step_deg);
    live->screen_ppd = d->ppd > 0.0f ? d->ppd : detect_display_ppd(&d->display);
    live->off_thread = d->worker_gl.make_current != NULL;
    live->render_slot = -1;
    core_result r = live_worker_init(live);
    if (r != CORE_OK) {
        free(live);
        return r;
    }
    if (live->off_thread && live_worker_start(live) != CORE_OK) {
        /* No thread now: the first update tries again, and fails there. */
        core_log(CORE_LOG_DEBUG, "live: %s", core_last_error());
    }
    *out = live;
    return CORE_OK;
}

void inspect_live_destroy(inspect_live *live)
{
    if (!live)
        return;
    live_worker_stop(live);
    live_drop_sweep(live, false);
    look_free(&live->seen);
    free(live->raw_overlay);
    free(live->overlay);
    free(live->job_parts);
    free(live);
}

long inspect_live_renders(const inspect_live *live)
{
    return live->renders;
}

long inspect_live_frame_renders(const inspect_live *live)
{
    return live->frame_renders;
}

const detect_frame *inspect_live_record(const inspect_live *live)
{
    return live->has_record ? &live->record : NULL;
}

const uint8_t *inspect_live_overlay(const inspect_live *live, int *width, int *height)
{
    *width = live->has_record ? live->width : 0;
    *height = live->has_record ? live->height : 0;
    return live->has_record ? live->overlay : NULL;
}

int inspect_live_stretches(const inspect_live_summary *summary, inspect_live_stretch *stretches,
                           int capacity)
{
    /* Steps come every 1-1.6 degrees, so a whole degree may be skipped
     * inside a stretch; a longer gap (a turn by hand) ends it. */
    enum { MAX_GAP = 3 };
    int count = 0;
    bool open = false;
    for (int d = 0; d < 360; ++d) {
        if (!summary->judged_at[d])
            continue;
        uint32_t flags = summary->flags_at[d];
        if (!flags) {
            open = false;
            continue;
        }
        if (open && d - stretches[count - 1].to_deg <= MAX_GAP) {
            stretches[count - 1].to_deg = d;
            stretches[count - 1].flags |= flags;
        } else if (count < capacity) {
            stretches[count++] = (inspect_live_stretch){d, d, flags};
            open = true;
        } else {
            open = false;
        }
    }
    return count;
}

void inspect_live_summary_get(const inspect_live *live, inspect_live_summary *summary)
{
    *summary = live->summary;
}

core_result inspect_live_advise(const inspect_live *live, const render_model *model,
                                const render_frame_desc *frame, inspect_advice *advice)
{
    memset(advice, 0, sizeof *advice);
    inspect_run run = {0};
    run.frames = calloc(360, sizeof *run.frames);
    if (!run.frames)
        return core_fail(CORE_ERR_NO_MEMORY, "out of memory for the live detector's advice");
    for (int d = 0; d < 360; ++d) {
        if (!live->summary.judged_at[d])
            continue;
        run.frames[run.frame_count] = live->frames_at[d];
        run.frames[run.frame_count].step = run.frame_count;
        run.frame_count++;
    }
    /* As a check of one step a degree over the degrees judged; the live
     * sweep cannot be made finer, so no step note. */
    run.plan.steps = run.frame_count;
    run.plan.step_deg = 1.0f;
    run.plan.full_circle = true;
    run.plan.step_ok = true;
    run.plan.start_deg = run.frame_count ? run.frames[0].angle_deg : 0.0f;
    detect_verdict_desc rules = {0};
    core_result r = detect_summarize(run.frames, run.frame_count, &rules, &run.summary);
    if (r == CORE_OK)
        r = inspect_advise(model, frame, &run, advice);
    detect_summary_free(&run.summary);
    free(run.frames);
    return r;
}

void inspect_live_describe(const inspect_live *live, char *text, size_t size)
{
    if (!size)
        return;
    if (!live->active) {
        snprintf(text, size, "detector: waiting for the view to hold still for a frame");
        return;
    }
    char every[32];
    if (live->desc.every_nth_frame > 0)
        snprintf(every, sizeof every, "every %d frames", live->desc.every_nth_frame);
    else
        snprintf(every, sizeof every, "every %.1f deg of turn", (double)live->desc.min_step_deg);
    int used = snprintf(text, size, "detector %dx%d, %s, %.0f px/deg, last %.0f ms", live->width,
                        live->height, every, (double)live->ppd, (double)live->summary.last_ms);
    const char *state = live->jumps_in_a_row > 1 ? "turning too fast to follow"
                        : live->still            ? "turntable still"
                        : !live->has_record      ? "waiting for 3 steps"
                                                 : NULL;
    if (state && used >= 0 && (size_t)used < size)
        used += snprintf(text + used, size - (size_t)used, "; %s", state);
    /* A one-pixel highlight is 1.13 px across (its area's circle); wider
     * than a pinpoint's 4 arcminutes, no PIN or HAIR can be found. */
    if (60.0f * 1.128f / live->ppd > 4.0f && used >= 0 && (size_t)used < size)
        snprintf(text + used, size - (size_t)used, "; too coarse for PIN/HAIR");
}
