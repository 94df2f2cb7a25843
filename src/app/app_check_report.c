#include "app/app_check.h"

#include <cjson/cJSON.h>

#include <math.h>

/* The report's schema is in docs/detector.md; bump the version on any
 * change a reader would notice. */
#define REPORT_VERSION 4

static double rounded(float value, double unit)
{
    return isfinite(value) ? round((double)value / unit) * unit : 0.0;
}

static cJSON *flag_list(uint32_t flags)
{
    cJSON *list = cJSON_CreateArray();
    for (int f = 0; f < DETECT_FLAG_COUNT; ++f) {
        if (flags & DETECT_FLAG_BIT(f))
            cJSON_AddItemToArray(list, cJSON_CreateString(detect_flag_name((detect_flag)f)));
    }
    return list;
}

static cJSON *frame_json(const detect_frame *f)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "angle_deg", rounded(f->angle_deg, 1e-4));
    cJSON_AddNumberToObject(o, "object_px", f->object_px);
    cJSON_AddNumberToObject(o, "pins", f->pins);
    cJSON_AddNumberToObject(o, "hairs", f->hairs);
    cJSON_AddNumberToObject(o, "pin_per_10k", rounded(f->pin_density, 1e-3));
    cJSON_AddNumberToObject(o, "pin_persistence", rounded(f->persistence, 1e-3));
    cJSON_AddNumberToObject(o, "J", rounded(f->jitter, 1e-5));
    cJSON_AddNumberToObject(o, "jit_px", f->jitter_px);
    cJSON_AddNumberToObject(o, "jit_per_10k", rounded(f->jitter_per_10k, 1e-3));
    cJSON_AddNumberToObject(o, "T2_p99", rounded(f->t2_p99, 1e-4));
    cJSON_AddNumberToObject(o, "CAE", rounded(f->cae, 1e-4));
    cJSON_AddNumberToObject(o, "energy", rounded(f->energy, 1e-3));
    cJSON_AddNumberToObject(o, "wobble", rounded(f->wobble, 1e-4));
    cJSON_AddNumberToObject(o, "risk_sparkle_px", f->risk_sparkle_px);
    cJSON_AddNumberToObject(o, "risk_pin_px", f->risk_pin_px);
    cJSON_AddNumberToObject(o, "rhat_px", rounded(f->rhat_median, 1e-4));
    cJSON_AddItemToObject(o, "flags", flag_list(f->flags));
    /* Version 3: each flag's feature size on the model. */
    cJSON *sizes = cJSON_AddObjectToObject(o, "size_mm");
    for (int flag = 0; flag < DETECT_FLAG_COUNT; ++flag)
        if (f->size_mm[flag] > 0.0f)
            cJSON_AddNumberToObject(sizes, detect_flag_name((detect_flag)flag),
                                    rounded(f->size_mm[flag], 1e-4));
    return o;
}

static cJSON *range_json(const app_session *session, const inspect_run *run, char *const *pictures,
                         int index)
{
    const detect_range *range = &run->summary.ranges[index];
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "from_deg", rounded(range->from_deg, 1e-4));
    cJSON_AddNumberToObject(o, "to_deg", rounded(range->to_deg, 1e-4));
    cJSON_AddNumberToObject(o, "steps", range->last - range->first + 1);
    cJSON_AddNumberToObject(o, "flagged_steps", range->flagged_steps);
    cJSON_AddNumberToObject(o, "worst_deg", rounded(range->worst_angle_deg, 1e-4));
    cJSON_AddNumberToObject(
        o, "worst_strength",
        rounded(detect_flag_strength(&run->frames[range->worst], range->flag), 1e-4));
    cJSON_AddStringToObject(o, "part", inspect_part_name(&session->model, range->where.part));
    const double centroid[3] = {rounded(range->where.centroid[0], 1e-3),
                                rounded(range->where.centroid[1], 1e-3),
                                rounded(range->where.centroid[2], 1e-3)};
    cJSON_AddItemToObject(o, "p_obj_mm", cJSON_CreateDoubleArray(centroid, 3));
    cJSON_AddNumberToObject(o, "pixels", range->where.pixels);
    char place[96];
    inspect_place(&session->model.bounds, range->where.centroid, place, sizeof place);
    cJSON_AddStringToObject(o, "place", place);
    if (pictures && pictures[index])
        cJSON_AddStringToObject(o, "picture", pictures[index]);
    else
        cJSON_AddNullToObject(o, "picture");
    return o;
}

static cJSON *check_settings(const app_session *session, const app_options *options,
                             const app_check_options *check, const inspect_plan *plan)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "start_deg", rounded(plan->start_deg, 1e-4));
    cJSON_AddNumberToObject(o, "sweep_deg",
                            check->plan.sweep_deg > 0.0f ? check->plan.sweep_deg : 360.0);
    cJSON_AddNumberToObject(o, "step_deg", rounded(plan->step_deg, 1e-5));
    cJSON_AddNumberToObject(o, "steps", plan->steps);
    cJSON_AddNumberToObject(o, "alpha_min", rounded(plan->alpha_min, 1e-5));
    cJSON_AddStringToObject(o, "alpha_min_part",
                            inspect_part_name(&session->model, plan->alpha_min_part));
    cJSON_AddNumberToObject(o, "step_rule_deg", rounded(plan->rule_step_deg, 1e-5));
    cJSON_AddBoolToObject(o, "step_ok", plan->step_ok);
    cJSON_AddNumberToObject(o, "ppd", rounded(plan->ppd, 1e-3));
    cJSON *display = cJSON_AddObjectToObject(o, "display");
    detect_display_desc d = check->plan.display;
    cJSON_AddNumberToObject(display, "viewing_distance_mm",
                            1000.0 * (d.viewing_distance_m > 0.0f ? d.viewing_distance_m : 0.6));
    cJSON_AddNumberToObject(display, "width_mm",
                            1000.0 * (d.display_width_m > 0.0f ? d.display_width_m : 0.597));
    cJSON_AddNumberToObject(display, "width_px",
                            d.display_width_px > 0 ? d.display_width_px : 2560);
    cJSON_AddBoolToObject(display, "ppd_given", check->plan.ppd > 0.0f);
    /* Only when given: without it the analysis is judged 1:1 (the --size). */
    if (options->settings.given[SETTINGS_SHOWN])
        cJSON_AddNumberToObject(o, "shown_px", options->settings.value[SETTINGS_SHOWN].number[0]);
    return o;
}

core_result app_check_write_png(const char *path, const app_session *session,
                                const app_options *options, const app_check_options *check,
                                const inspect_plan *plan, float angle_deg, const io_image *image)
{
    render_frame_desc shown = options->frame;
    if (!isnan(angle_deg))
        shown.shot.turntable_deg = angle_deg;
    cJSON *settings = app_settings_json(session, options, &shown);
    cJSON_AddItemToObject(settings, "check", check_settings(session, options, check, plan));
    core_result r = app_write_image(path, options, image, settings);
    cJSON_Delete(settings);
    return r;
}

static cJSON *scores_json(const detect_summary *s)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "J_mean", rounded(s->jitter_mean, 1e-5));
    cJSON_AddNumberToObject(o, "pin_per_10k", rounded(s->pin_density_mean, 1e-3));
    cJSON_AddNumberToObject(o, "pin_persistence", rounded(s->persistence_mean, 1e-3));
    cJSON_AddNumberToObject(o, "T2_p99_max", rounded(s->t2_p99_max, 1e-4));
    cJSON_AddNumberToObject(o, "CAE_max", rounded(s->cae_max, 1e-4));
    cJSON_AddNumberToObject(o, "wobble_max", rounded(s->wobble_max, 1e-4));
    cJSON_AddNumberToObject(o, "rhat_px", rounded(s->rhat_median, 1e-4));
    cJSON *share = cJSON_AddObjectToObject(o, "flagged_share");
    for (int f = 0; f < DETECT_FLAG_COUNT; ++f) {
        double value = s->steps ? (double)s->flagged_steps[f] / (double)s->steps : 0.0;
        cJSON_AddNumberToObject(share, detect_flag_name((detect_flag)f), round(value * 1e4) / 1e4);
    }
    return o;
}

/* Version 2: the printed summary and its problems, in words. */
static cJSON *summary_json(const render_model *model, const inspect_advice *advice,
                           char *const *pictures)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "text", advice->summary);
    cJSON *problems = cJSON_AddArrayToObject(o, "problems");
    for (int k = 0; k < advice->problem_count; ++k) {
        const inspect_problem *p = &advice->problems[k];
        cJSON *item = cJSON_CreateObject();
        cJSON_AddStringToObject(item, "flag", detect_flag_name(p->flag));
        cJSON_AddStringToObject(item, "word", inspect_flag_word(p->flag));
        cJSON_AddStringToObject(item, "part", inspect_part_name(model, p->part));
        cJSON_AddStringToObject(item, "place", p->place);
        cJSON_AddNumberToObject(item, "from_deg", rounded(p->from_deg, 1e-4));
        cJSON_AddNumberToObject(item, "to_deg", rounded(p->to_deg, 1e-4));
        cJSON_AddNumberToObject(item, "ranges", p->ranges);
        cJSON_AddNumberToObject(item, "flagged_steps", p->flagged_steps);
        cJSON_AddNumberToObject(item, "worst_deg", rounded(p->worst_deg, 1e-4));
        cJSON_AddStringToObject(item, "severity", p->severity);
        cJSON_AddBoolToObject(item, "fails", p->fails);
        cJSON_AddStringToObject(item, "text", p->line);
        cJSON_AddNumberToObject(item, "size_mm", rounded(p->size_mm, 1e-4));
        cJSON_AddNumberToObject(item, "life_size_mm", rounded(p->size_mm * advice->scale_n, 1e-3));
        cJSON_AddStringToObject(item, "life_text", p->life);
        if (pictures && pictures[p->worst_range])
            cJSON_AddStringToObject(item, "picture", pictures[p->worst_range]);
        else
            cJSON_AddNullToObject(item, "picture");
        cJSON_AddItemToArray(problems, item);
    }
    if (advice->step_note[0])
        cJSON_AddStringToObject(o, "step_note", advice->step_note);
    else
        cJSON_AddNullToObject(o, "step_note");
    return o;
}

/* Version 3: the scale the life sizes are read at, and where it came from. */
static cJSON *scale_json(const scene_scale *scale)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "n", scale->n);
    cJSON_AddBoolToObject(o, "given", scale->given);
    cJSON_AddStringToObject(o, "figure", scene_figure_name(scale->figure));
    cJSON_AddNumberToObject(o, "height_mm", rounded(scale->height_mm, 1e-2));
    cJSON_AddStringToObject(o, "why", scale->why);
    char text[160];
    scene_scale_describe(scale, text, sizeof text);
    cJSON_AddStringToObject(o, "text", text);
    return o;
}

static cJSON *timing_json(const inspect_timing *t)
{
    cJSON *o = cJSON_CreateObject();
    double per = t->renders ? 1000.0 / t->renders : 0.0;
    cJSON_AddNumberToObject(o, "renders", t->renders);
    cJSON_AddNumberToObject(o, "render_ms_per_step", round(t->render_s * per * 10.0) / 10.0);
    cJSON_AddNumberToObject(o, "display_ms_per_step", round(t->display_s * per * 10.0) / 10.0);
    cJSON_AddNumberToObject(o, "detect_ms_per_step", round(t->detect_s * per * 10.0) / 10.0);
    return o;
}

/* How finely the analysis measured what the screen shows (docs/detector.md,
 * "The analysis size"). */
static cJSON *resolution_json(const app_session *session, const inspect_run *run)
{
    cJSON *o = cJSON_CreateObject();
    cJSON *shown = cJSON_AddArrayToObject(o, "shown_px");
    cJSON_AddItemToArray(shown, cJSON_CreateNumber(run->shown_width));
    cJSON_AddItemToArray(shown, cJSON_CreateNumber(run->shown_height));
    cJSON_AddNumberToObject(o, "analysis_scale", rounded(run->analysis_scale, 1e-4));
    cJSON_AddNumberToObject(o, "resolved_rhat_px", DETECT_RESOLVED_RHAT_PX);
    cJSON *list = cJSON_AddArrayToObject(o, "unresolved");
    for (int i = 0; i < run->unresolved_count; ++i) {
        const detect_unresolved *u = &run->unresolved[i];
        cJSON *item = cJSON_CreateObject();
        cJSON_AddStringToObject(item, "part", inspect_part_name(&session->model, u->part));
        cJSON_AddNumberToObject(item, "rhat_px", rounded(u->rhat_px, 1e-4));
        cJSON_AddNumberToObject(item, "rhat_analysis_px",
                                rounded(u->rhat_px * run->analysis_scale, 1e-4));
        cJSON_AddNumberToObject(item, "share", rounded(u->share, 1e-4));
        cJSON *size = cJSON_AddArrayToObject(item, "size_needed");
        cJSON_AddItemToArray(size, cJSON_CreateNumber(round(u->needed_scale * run->shown_width)));
        cJSON_AddItemToArray(size, cJSON_CreateNumber(round(u->needed_scale * run->shown_height)));
        cJSON_AddItemToArray(list, item);
    }
    char note[512];
    app_check_resolution_note(session, run, note, sizeof note);
    if (note[0])
        cJSON_AddStringToObject(o, "text", note);
    else
        cJSON_AddNullToObject(o, "text");
    return o;
}

core_result app_check_write_report(const char *path, const app_session *session,
                                   const app_options *options, const app_check_options *check,
                                   const inspect_run *run, const inspect_advice *advice,
                                   char *const *pictures)
{
    const detect_summary *s = &run->summary;
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "schema", "glint-check-report");
    cJSON_AddNumberToObject(root, "version", REPORT_VERSION);
    cJSON_AddItemToObject(root, "settings", app_settings_json(session, options, NULL));
    cJSON_AddItemToObject(root, "check", check_settings(session, options, check, &run->plan));
    cJSON_AddStringToObject(root, "verdict", s->flagged ? "fail" : "pass");
    cJSON *fails = cJSON_AddArrayToObject(root, "fails");
    for (int f = 0; f < DETECT_FLAG_COUNT; ++f) {
        if (s->fail[f])
            cJSON_AddItemToArray(fails, cJSON_CreateString(detect_flag_name((detect_flag)f)));
    }
    cJSON_AddItemToObject(root, "summary", summary_json(&session->model, advice, pictures));
    cJSON_AddItemToObject(root, "scale", scale_json(&session->scale));
    cJSON_AddItemToObject(root, "resolution", resolution_json(session, run));
    cJSON_AddItemToObject(root, "scores", scores_json(s));
    cJSON *ranges = cJSON_AddObjectToObject(root, "ranges");
    for (int f = 0; f < DETECT_FLAG_COUNT; ++f) {
        cJSON *list = cJSON_AddArrayToObject(ranges, detect_flag_name((detect_flag)f));
        for (int i = 0; i < s->range_count; ++i) {
            if (s->ranges[i].flag == (detect_flag)f)
                cJSON_AddItemToArray(list, range_json(session, run, pictures, i));
        }
    }
    cJSON *frames = cJSON_AddArrayToObject(root, "frames");
    for (int i = 0; i < run->frame_count; ++i)
        cJSON_AddItemToArray(frames, frame_json(&run->frames[i]));
    cJSON_AddItemToObject(root, "timing", timing_json(&run->timing));
    return app_write_json(path, options->overwrite ? CORE_WRITE_REPLACE : CORE_WRITE_NO_CLOBBER,
                          root);
}
