#define _POSIX_C_SOURCE 200809L
#include "inspect/inspect.h"
#include "core/core_time.h"
#include "inspect/inspect_reduce.h"

#include <cglm/cglm.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PI_F 3.14159265358979f

core_result inspect_make_plan(const render_model *model, const render_frame_desc *frame,
                              const inspect_plan_desc *desc, inspect_plan *plan)
{
    memset(plan, 0, sizeof *plan);
    scene_shot shot = scene_shot_resolve(&frame->shot, &model->bounds);
    /* The shader widens each lobe by the lamp's size at the shaded point
     * (Karis); the lamp's distance from the centre stands in for it here. */
    float widening = shot.lamp.radius_mm / (2.0f * fmaxf(shot.lamp.distance_mm, 1e-3f));
    plan->alpha_min = 1.0f;
    for (uint32_t p = 0; p < model->part_count; ++p) {
        if (!model->parts[p].index_count)
            continue;
        /* The sharpest lobe: the varnish's, or the paint's when bare. */
        scene_layers layers = render_part_layers_for(frame, &model->parts[p]);
        float roughness = layers.coat > 0.0f ? layers.coat_roughness : layers.paint_roughness;
        float alpha = fminf(1.0f, roughness * roughness + widening);
        if (alpha < plan->alpha_min) {
            plan->alpha_min = alpha;
            plan->alpha_min_part = (int)p;
        }
    }
    plan->rule_step_deg = plan->alpha_min / 4.0f * 180.0f / PI_F;
    float sweep = desc->sweep_deg > 0.0f ? desc->sweep_deg : 360.0f;
    plan->full_circle = sweep >= 360.0f - 1e-3f;
    int max_steps = desc->max_steps > 0 ? desc->max_steps : INSPECT_DEFAULT_MAX_STEPS;
    float step = desc->step_deg > 0.0f ? desc->step_deg
                                       : fmaxf(plan->rule_step_deg, sweep / (float)max_steps);
    /* Even spacing: a whole number of steps over the sweep. A step within a
     * thousandth of an even division is that division: a report's step,
     * rounded, read back from a preset, gives the same steps. */
    int intervals = (int)ceilf(sweep / step - 1e-3f);
    intervals = intervals < 1 ? 1 : intervals;
    plan->step_deg = sweep / (float)intervals;
    plan->steps = plan->full_circle ? intervals : intervals + 1;
    plan->step_ok = plan->step_deg <= plan->rule_step_deg * 1.001f;
    plan->start_deg = desc->start_deg;
    plan->ppd = desc->ppd > 0.0f ? desc->ppd : detect_display_ppd(&desc->display);
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

void inspect_step_buffers_free(inspect_step_buffers *b)
{
    render_analysis_free(&b->analysis);
    free(b->analysis_rhat);
    free(b->specular_luminance);
    free(b->total_luminance);
    memset(b, 0, sizeof *b);
}

/* The luminance a radiance shows at, judged relative to the lamp's white:
 * its luminance through the frame's display transform, as grey. The tone map
 * compresses by a colour's largest channel, so a lamp-coloured highlight of
 * the default 4000 K lamp at 1.6 times white showed at 0.75 where a white one
 * shows at 0.85 ("at display white"), and the verdict changed with the lamp's
 * colour (issue 21). The lamp's colour has luminance 1 at any temperature
 * (scene_kelvin_to_linear_srgb), so on luminance its white is the same from
 * 2700 K to 6500 K. White-balancing to the lamp instead was tried: it lifts
 * the cool fill's blue five times under a 2700 K lamp, and with it the
 * surround of pinpoints (E: 6.3 a step at 2700 K, 9.0 at 6500 K; 7.5 when
 * the balance keeps the luminance). */
static float shown_luminance(const render_frame_desc *frame, float exposure,
                             const float radiance[3])
{
    float y = luminance(radiance), grey[3] = {y, y, y}, shown[3];
    render_display_rgb_exposed(frame, exposure, grey, shown);
    return luminance(shown);
}

/* The display-referred luminances the detector measures on: the highlights
 * alone (Ys) and everything shown (Yd), the background where nothing is. */
static void display_luminances(const render_frame_desc *frame, const render_analysis *a, size_t n,
                               float *ys, float *yd)
{
    uint8_t background8[3];
    render_background_srgb8(frame, background8);
    const float background[3] = {srgb_to_linear(background8[0]), srgb_to_linear(background8[1]),
                                 srgb_to_linear(background8[2])};
    float exposure = exp2f(frame->exposure_ev);
    for (size_t p = 0; p < n; ++p) {
        if (a->part[p] < 0) {
            ys[p] = 0.0f;
            yd[p] = luminance(background);
            continue;
        }
        float total[3];
        ys[p] = shown_luminance(frame, exposure, &a->specular[3 * p]);
        for (int c = 0; c < 3; ++c)
            total[c] = a->specular[3 * p + c] + a->diffuse[3 * p + c];
        yd[p] = shown_luminance(frame, exposure, total);
    }
}

static void fill_step(const inspect_step_buffers *b, float angle, detect_step *step)
{
    const render_analysis *a = &b->analysis;
    memset(step, 0, sizeof *step);
    step->angle_deg = angle;
    step->specular_luminance = b->specular_luminance;
    step->total_luminance = b->total_luminance;
    step->normal = a->normal;
    step->position = a->position;
    step->geometric = a->geometric;
    step->footprint = a->footprint;
    step->alpha = a->alpha;
    step->part = a->part;
    step->analysis_rhat = b->analysis_rhat;
    mat4 model, view, projection, view_model, object_to_clip;
    memcpy(model, a->view.model, sizeof model); /* scene's matrices: column-major, as cglm's */
    memcpy(view, a->view.view, sizeof view);
    memcpy(projection, a->view.projection, sizeof projection);
    glm_mat4_mul(view, model, view_model);
    glm_mat4_mul(projection, view_model, object_to_clip);
    memcpy(step->object_to_clip, object_to_clip, sizeof object_to_clip);
}

core_result inspect_render_analysis(const inspect_subject *subject, float angle,
                                    inspect_step_buffers *b)
{
    memset(b, 0, sizeof *b);
    int w = subject->width, h = subject->height;
    render_frame_desc frame = *subject->frame;
    frame.view = RENDER_VIEW_SHADED;
    frame.shot.turntable_deg = angle;
    core_result r =
        render_read_analysis(subject->render, subject->model, &frame, w, h, &b->analysis);
    /* A finer analysis than the screen is judged at the screen's pixels. */
    int sw, sh;
    inspect_shown_size(subject, &sw, &sh);
    if (r == CORE_OK && (sw != w || sh != h)) {
        render_analysis fine = b->analysis;
        b->analysis_rhat = malloc((size_t)sw * (size_t)sh * sizeof(float));
        r = b->analysis_rhat
                ? inspect_reduce_analysis(&fine, sw, sh, &b->analysis, b->analysis_rhat)
                : core_fail(CORE_ERR_NO_MEMORY, "out of memory for a %dx%d check", sw, sh);
        if (r != CORE_OK)
            memset(&b->analysis, 0, sizeof b->analysis);
        render_analysis_free(&fine);
    }
    if (r != CORE_OK)
        inspect_step_buffers_free(b);
    return r;
}

core_result inspect_step_prepare(const render_frame_desc *frame, inspect_step_buffers *b,
                                 float angle, detect_step *step)
{
    size_t n = (size_t)b->analysis.width * (size_t)b->analysis.height;
    b->specular_luminance = malloc(n * sizeof(float));
    b->total_luminance = malloc(n * sizeof(float));
    if (!b->specular_luminance || !b->total_luminance) {
        core_result r = core_fail(CORE_ERR_NO_MEMORY, "out of memory for a %dx%d check",
                                  b->analysis.width, b->analysis.height);
        inspect_step_buffers_free(b);
        return r;
    }
    display_luminances(frame, &b->analysis, n, b->specular_luminance, b->total_luminance);
    fill_step(b, angle, step);
    return CORE_OK;
}

core_result inspect_render_step(const inspect_subject *subject, float angle,
                                inspect_step_buffers *b, detect_step *step, inspect_timing *timing)
{
    double start = core_seconds();
    core_result r = inspect_render_analysis(subject, angle, b);
    double rendered = core_seconds();
    if (r == CORE_OK)
        r = inspect_step_prepare(subject->frame, b, angle, step);
    if (r != CORE_OK)
        return r;
    if (timing) {
        timing->render_s += rendered - start;
        timing->display_s += core_seconds() - rendered;
        timing->renders++;
    }
    return CORE_OK;
}

detect_sweep_desc inspect_sweep_desc(const render_frame_desc *frame, int width, int height,
                                     float ppd)
{
    /* "At display white" (the spec's 0.95 under a clamp): as bright as a
     * white surface facing the lamp shows, through this frame's tone map, on
     * luminance, where the lamp's white is grey (shown_luminance).
     * Khronos PBR Neutral shows linear 0.95 as 0.852 and reaches 0.95 only at
     * 1.71, so the spec's number would miss every highlight that clips. */
    const float white[3] = {0.95f, 0.95f, 0.95f};
    float shown[3];
    render_display_rgb(frame, white, shown);
    detect_sweep_desc desc = {
        .width = width, .height = height, .ppd = ppd, .min_peak = fminf(0.95f, luminance(shown))};
    return desc;
}

void inspect_shown_size(const inspect_subject *subject, int *width, int *height)
{
    bool shown = subject->shown_width > 0 && subject->shown_height > 0;
    *width = shown ? subject->shown_width : subject->width;
    *height = shown ? subject->shown_height : subject->height;
}

const char *inspect_part_name(const render_model *model, int32_t part)
{
    if (part < 0 || (uint32_t)part >= model->part_count)
        return "?";
    return model->parts[part].name;
}
