#define _POSIX_C_SOURCE 200809L
#include "app/app_check.h"

#include "core/core_log.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PI_F 3.14159265358979f

static double seconds_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

core_result app_check_make_plan(const app_session *session, const app_options *options,
                                const app_check_options *check, app_check_plan *plan)
{
    memset(plan, 0, sizeof *plan);
    const render_model *model = &session->model;
    scene_shot shot = scene_shot_resolve(&options->frame.shot, &model->bounds);
    /* The shader widens each lobe by the lamp's size at the shaded point
     * (Karis); the lamp's distance from the centre stands in for it here. */
    float widening = shot.lamp.radius_mm / (2.0f * fmaxf(shot.lamp.distance_mm, 1e-3f));
    plan->alpha_min = 1.0f;
    for (uint32_t p = 0; p < model->part_count; ++p) {
        if (!model->parts[p].index_count)
            continue;
        scene_finish finish = render_part_finish_for(&options->frame, &model->parts[p]);
        float alpha = fminf(1.0f, finish.roughness * finish.roughness + widening);
        if (alpha < plan->alpha_min) {
            plan->alpha_min = alpha;
            plan->alpha_min_part = (int)p;
        }
    }
    plan->rule_step_deg = plan->alpha_min / 4.0f * 180.0f / PI_F;
    float sweep = check->sweep_deg > 0.0f ? check->sweep_deg : 360.0f;
    plan->full_circle = sweep >= 360.0f - 1e-3f;
    int max_steps = check->max_steps > 0 ? check->max_steps : APP_CHECK_DEFAULT_MAX_STEPS;
    float step = check->step_deg > 0.0f ? check->step_deg
                                        : fmaxf(plan->rule_step_deg, sweep / (float)max_steps);
    /* Even spacing: a whole number of steps over the sweep. A step within a
     * thousandth of an even division is that division: a report's step,
     * rounded, read back from a preset, gives the same steps. */
    int intervals = (int)ceilf(sweep / step - 1e-3f);
    intervals = intervals < 1 ? 1 : intervals;
    plan->step_deg = sweep / (float)intervals;
    plan->steps = plan->full_circle ? intervals : intervals + 1;
    plan->step_ok = plan->step_deg <= plan->rule_step_deg * 1.001f;
    plan->start_deg = options->frame.shot.turntable_deg;
    plan->ppd = check->ppd > 0.0f ? check->ppd : detect_display_ppd(&check->display);
    return CORE_OK;
}

static float luminance(const float rgb[3])
{
    return 0.2126f * rgb[0] + 0.7152f * rgb[1] + 0.0722f * rgb[2];
}

static float srgb_to_linear(uint8_t value)
{
    float c = (float)value / 255.0f;
    return c <= 0.04045f ? c / 12.92f : powf((c + 0.055f) / 1.055f, 2.4f);
}

/* C = A x B, column-major 4x4. */
static void multiply(const float *a, const float *b, float *c)
{
    for (int col = 0; col < 4; ++col) {
        for (int row = 0; row < 4; ++row) {
            float sum = 0.0f;
            for (int k = 0; k < 4; ++k)
                sum += a[k * 4 + row] * b[col * 4 + k];
            c[col * 4 + row] = sum;
        }
    }
}

void app_check_step_buffers_free(app_check_step_buffers *b)
{
    render_analysis_free(&b->analysis);
    free(b->specular_luminance);
    free(b->total_luminance);
    memset(b, 0, sizeof *b);
}

core_result app_check_render_step(app_session *session, const render_frame_desc *look, int w, int h,
                                  float angle, app_check_step_buffers *b, detect_step *step,
                                  app_check_timing *timing)
{
    memset(b, 0, sizeof *b);
    render_frame_desc frame = *look;
    frame.view = RENDER_VIEW_SHADED;
    frame.shot.turntable_deg = angle == 0.0f ? 1e-6f : angle; /* zero means "default" */
    double start = seconds_now();
    core_result r =
        render_read_analysis(&session->render, &session->model, &frame, w, h, &b->analysis);
    double rendered = seconds_now();
    size_t n = (size_t)w * (size_t)h;
    if (r == CORE_OK) {
        b->specular_luminance = malloc(n * sizeof(float));
        b->total_luminance = malloc(n * sizeof(float));
        if (!b->specular_luminance || !b->total_luminance)
            r = core_fail(CORE_ERR_NO_MEMORY, "out of memory for a %dx%d check", w, h);
    }
    if (r != CORE_OK) {
        app_check_step_buffers_free(b);
        return r;
    }
    uint8_t background8[3];
    render_background_srgb8(&frame, background8);
    const float background[3] = {srgb_to_linear(background8[0]), srgb_to_linear(background8[1]),
                                 srgb_to_linear(background8[2])};
    const render_analysis *a = &b->analysis;
    float *ys = b->specular_luminance, *yd = b->total_luminance;
    for (size_t p = 0; p < n; ++p) {
        if (a->part[p] < 0) {
            ys[p] = 0.0f;
            yd[p] = luminance(background);
            continue;
        }
        float shown[3], total[3];
        render_display_rgb(&frame, &a->specular[3 * p], shown);
        ys[p] = luminance(shown);
        for (int c = 0; c < 3; ++c)
            total[c] = a->specular[3 * p + c] + a->diffuse[3 * p + c];
        render_display_rgb(&frame, total, shown);
        yd[p] = luminance(shown);
    }
    memset(step, 0, sizeof *step);
    step->angle_deg = angle;
    step->specular_luminance = ys;
    step->total_luminance = yd;
    step->normal = a->normal;
    step->position = a->position;
    step->geometric = a->geometric;
    step->footprint = a->footprint;
    step->alpha = a->alpha;
    step->part = a->part;
    float view_model[16];
    multiply(a->view.view, a->view.model, view_model);
    multiply(a->view.projection, view_model, step->object_to_clip);
    if (timing) {
        timing->render_s += rendered - start;
        timing->display_s += seconds_now() - rendered;
        timing->renders++;
    }
    return CORE_OK;
}

detect_sweep_desc app_check_sweep_desc(const render_frame_desc *frame, int width, int height,
                                       float ppd)
{
    /* "At display white" (the spec's 0.95 under a clamp): as bright as a
     * white surface facing the lamp shows, through this frame's tone map.
     * Khronos PBR Neutral shows linear 0.95 as 0.852 and reaches 0.95 only at
     * 1.71, so the spec's number would miss every highlight that clips. */
    const float white[3] = {0.95f, 0.95f, 0.95f};
    float shown[3];
    render_display_rgb(frame, white, shown);
    detect_sweep_desc desc = {
        .width = width, .height = height, .ppd = ppd, .min_peak = fminf(0.95f, luminance(shown))};
    return desc;
}

/* Renders step `angle` and feeds it to the detector. */
static core_result push_angle(app_session *session, const app_options *options, float angle,
                              detect_sweep *sweep, detect_frame *frame, uint8_t *overlay,
                              bool *ready, app_check_timing *timing)
{
    app_check_step_buffers buffers;
    detect_step step;
    core_result r = app_check_render_step(session, &options->frame, options->width, options->height,
                                          angle, &buffers, &step, timing);
    if (r != CORE_OK)
        return r;
    double start = seconds_now();
    r = detect_sweep_push(sweep, &step, frame, overlay, ready);
    if (timing)
        timing->detect_s += seconds_now() - start;
    app_check_step_buffers_free(&buffers);
    return r;
}

core_result app_check_sweep(app_session *session, const app_options *options,
                            const app_check_plan *plan, app_check_run *run)
{
    app_progress progress;
    app_progress_begin(&progress, "check", options->quiet);
    run->plan = *plan;
    run->frames = calloc((size_t)plan->steps, sizeof *run->frames);
    if (!run->frames)
        return core_fail(CORE_ERR_NO_MEMORY, "out of memory for %d steps", plan->steps);
    detect_sweep_desc desc =
        app_check_sweep_desc(&options->frame, options->width, options->height, plan->ppd);
    detect_sweep *sweep;
    core_result r = detect_sweep_create(&desc, &sweep);
    /* One step before the first and one after the last are rendered only as
     * neighbours: jitter needs both sides of a step. */
    for (int k = -1; r == CORE_OK && k <= plan->steps; ++k) {
        app_progress_show(&progress, k + 1, plan->steps + 2);
        float angle = plan->start_deg + (float)k * plan->step_deg;
        bool ready = false;
        detect_frame frame;
        r = push_angle(session, options, angle, sweep, &frame, NULL, &ready, &run->timing);
        if (r == CORE_OK && ready) {
            frame.step = run->frame_count;
            run->frames[run->frame_count++] = frame;
            core_log(CORE_LOG_INFO, "step %d/%d at %.2f deg: %u pins, %u hairs, J %.3f, CAE %.2f",
                     run->frame_count, plan->steps, (double)frame.angle_deg, frame.pins,
                     frame.hairs, (double)frame.jitter, (double)frame.cae);
        }
    }
    detect_sweep_destroy(sweep);
    app_progress_show(&progress, plan->steps + 2, plan->steps + 2);
    if (r == CORE_OK)
        r = detect_summarize(run->frames, run->frame_count, NULL, &run->summary);
    return r;
}

/* Paints the overlay's detections over the shaded picture: jitter red,
 * pinpoints and hairlines green, facet edges blue. A flagged pixel is often
 * a single one, so each mark covers its 3x3 neighbourhood, at 85 %, to be
 * seen at a glance; the surface shows between the marks. */
static void composite(io_image *picture, const uint8_t *overlay)
{
    const int tints[3][3] = {{255, 32, 32}, {40, 255, 60}, {60, 120, 255}};
    int w = picture->width, h = picture->height;
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            bool marked[3] = {false, false, false};
            for (int dy = -1; dy <= 1; ++dy) {
                for (int dx = -1; dx <= 1; ++dx) {
                    int xx = x + dx, yy = y + dy;
                    if (xx < 0 || yy < 0 || xx >= w || yy >= h)
                        continue;
                    const uint8_t *o = &overlay[4 * ((size_t)yy * (size_t)w + (size_t)xx)];
                    for (int k = 0; k < 3; ++k)
                        marked[k] = marked[k] || o[k];
                }
            }
            int colour[3] = {0, 0, 0}, marks = 0;
            for (int k = 0; k < 3; ++k) {
                if (!marked[k])
                    continue;
                for (int c = 0; c < 3; ++c)
                    colour[c] += tints[k][c];
                ++marks;
            }
            if (!marks)
                continue;
            uint8_t *px = &picture->pixels[4 * ((size_t)y * (size_t)w + (size_t)x)];
            for (int c = 0; c < 3; ++c)
                px[c] = (uint8_t)((px[c] * 15 + (colour[c] / marks) * 85) / 100);
            px[3] = 255;
        }
    }
}

core_result app_check_picture(app_session *session, const app_options *options,
                              const app_check_plan *plan, float angle, io_image *picture)
{
    size_t n = (size_t)options->width * (size_t)options->height;
    uint8_t *overlay = calloc(n, 4);
    if (!overlay)
        return core_fail(CORE_ERR_NO_MEMORY, "out of memory for an overlay");
    detect_sweep_desc desc =
        app_check_sweep_desc(&options->frame, options->width, options->height, plan->ppd);
    detect_sweep *sweep;
    core_result r = detect_sweep_create(&desc, &sweep);
    bool ready = false;
    detect_frame frame;
    for (int k = -1; r == CORE_OK && k <= 1; ++k)
        r = push_angle(session, options, angle + (float)k * plan->step_deg, sweep, &frame, overlay,
                       &ready, NULL);
    detect_sweep_destroy(sweep);
    if (r == CORE_OK) {
        app_options shaded = *options;
        shaded.frame.shot.turntable_deg = angle == 0.0f ? 1e-6f : angle;
        shaded.frame.view = RENDER_VIEW_SHADED;
        r = app_render_image(session, &shaded, picture);
    }
    if (r == CORE_OK)
        composite(picture, overlay);
    free(overlay);
    return r;
}

void app_check_run_free(app_check_run *run)
{
    for (int i = 0; run->range_pictures && i < run->summary.range_count; ++i)
        free(run->range_pictures[i]);
    free(run->range_pictures);
    free(run->frames);
    detect_summary_free(&run->summary);
    memset(run, 0, sizeof *run);
}

const char *app_check_part_name(const app_session *session, int32_t part)
{
    if (part < 0 || (uint32_t)part >= session->model.part_count)
        return "?";
    return session->model.parts[part].name;
}
