#include "app/app_check.h"

#include "scene/scene_paint.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What a flag means to a painter, for the one-line verdict. */
static const char *flag_words(detect_flag flag)
{
    return inspect_flag_word(flag);
}

/* "gloss", or "roughness 0.30 from its material" for a part left to its file. */
static const char *part_finish(const app_session *session, const app_options *options, int32_t part,
                               char *text, size_t size)
{
    if (part < 0 || (uint32_t)part >= session->model.part_count)
        return "?";
    scene_finish finish = render_part_finish_for(&options->frame, &session->model.parts[part]);
    if (finish.kind != SCENE_FINISH_FROM_FILE)
        return scene_finish_name(finish.kind);
    /* no varnish: the paint is the surface (a metallic paint stays metal) */
    scene_layers layers = render_part_layers_for(&options->frame, &session->model.parts[part]);
    snprintf(text, size, "%sroughness %.2f from its material",
             layers.metallic > 0.5f ? "metal, " : "", (double)layers.paint_roughness);
    return text;
}

/* The part where a flag fired in the most steps. */
static int32_t commonest_part(const app_session *session, const inspect_run *run, detect_flag flag)
{
    uint32_t count = session->model.part_count;
    int *steps = calloc(count ? count : 1, sizeof *steps);
    int32_t best = -1;
    for (int i = 0; steps && i < run->frame_count; ++i) {
        int32_t part = run->frames[i].where[flag].part;
        if ((run->frames[i].flags & DETECT_FLAG_BIT(flag)) && part >= 0 && (uint32_t)part < count)
            steps[part]++;
    }
    for (uint32_t p = 0; steps && p < count; ++p) {
        if (steps[p] > 0 && (best < 0 || steps[p] > steps[best]))
            best = (int32_t)p;
    }
    free(steps);
    return best;
}

/* "jittery highlights at 12-18 deg on part 'cloak' (gloss)", ranges of a flag
 * that failed, at most three then a count. */
static void print_ranges(const app_session *session, const app_options *options,
                         const inspect_run *run, detect_flag flag)
{
    const detect_summary *s = &run->summary;
    int shown = 0, more = 0;
    printf("%s at ", flag_words(flag));
    for (int i = 0; i < s->range_count; ++i) {
        const detect_range *r = &s->ranges[i];
        if (r->flag != flag)
            continue;
        if (shown == 3) {
            ++more;
            continue;
        }
        char finish[96];
        printf("%s%.4g-%.4g deg on part '%s' (%s)", shown ? ", " : "", (double)r->from_deg,
               (double)r->to_deg, inspect_part_name(&session->model, r->where.part),
               part_finish(session, options, r->where.part, finish, sizeof finish));
        ++shown;
    }
    if (more)
        printf(" and %d more range%s", more, more == 1 ? "" : "s");
}

static void print_share(const app_session *session, const inspect_run *run, detect_flag flag)
{
    const detect_summary *s = &run->summary;
    double share = s->steps ? 100.0 * s->flagged_steps[flag] / s->steps : 0.0;
    printf("%s on '%s' in %.*f %% of steps", flag_words(flag),
           inspect_part_name(&session->model, commonest_part(session, run, flag)),
           share < 10.0 ? 1 : 0, share);
}

static void print_detail(const app_session *session, const inspect_run *run, char *const *pictures)
{
    const detect_summary *s = &run->summary;
    for (int i = 0; i < s->range_count; ++i) {
        const detect_range *r = &s->ranges[i];
        printf("  %-5s %7.2f-%-7.2f deg  %3d of %3d steps  worst %7.2f deg  part '%s'",
               detect_flag_name(r->flag), (double)r->from_deg, (double)r->to_deg, r->flagged_steps,
               r->last - r->first + 1, (double)r->worst_angle_deg,
               inspect_part_name(&session->model, r->where.part));
        if (pictures && pictures[i])
            printf("  %s", pictures[i]);
        putchar('\n');
    }
}

void app_check_resolution_note(const app_session *session, const inspect_run *run, char *text,
                               size_t size)
{
    text[0] = '\0';
    if (run->unresolved_count <= 0)
        return;
    size_t used = (size_t)snprintf(text, size, "Highlights on ");
    int told = run->unresolved_count < 3 ? run->unresolved_count : 3;
    for (int i = 0; i < told && used < size; ++i) {
        bool last = i + 1 == told && told == run->unresolved_count;
        used += (size_t)snprintf(text + used, size - used, "%s%s",
                                 i == 0 ? ""
                                 : last ? " and "
                                        : ", ",
                                 inspect_part_name(&session->model, run->unresolved[i].part));
    }
    if (told < run->unresolved_count && used < size)
        used += (size_t)snprintf(text + used, size - used, " and %d more part%s",
                                 run->unresolved_count - told,
                                 run->unresolved_count - told == 1 ? "" : "s");
    /* the first needs the finest analysis (detect_sweep_unresolved's order) */
    const detect_unresolved *worst = &run->unresolved[0];
    double width = (double)worst->needed_scale * run->shown_width,
           height = (double)worst->needed_scale * run->shown_height;
    if (used >= size)
        return;
    if (width > 16384.0 || height > 16384.0)
        used += (size_t)snprintf(text + used, size - used,
                                 " not resolved at this size, nor at any --size up to 16384");
    else
        used += (size_t)snprintf(text + used, size - used,
                                 " not resolved at this size; use --size %.0fx%.0f --shown %d",
                                 width, height, run->shown_width);
    if (used < size)
        snprintf(text + used, size - used,
                 " (predicted half width %.2f px of the %d px analysis, under %.1f).",
                 (double)(worst->rhat_px * run->analysis_scale),
                 (int)lround(run->analysis_scale * run->shown_width),
                 (double)DETECT_RESOLVED_RHAT_PX);
}

void app_check_print_summary(const app_session *session, const app_options *options,
                             const inspect_run *run, const inspect_advice *advice,
                             char *const *pictures)
{
    const detect_summary *s = &run->summary;
    printf("%s\n", advice->summary);
    if (advice->flagged) {
        for (int k = 0; k < advice->problem_count; ++k) {
            const inspect_problem *p = &advice->problems[k];
            printf("  %s", p->line);
            if (pictures && pictures[p->worst_range])
                printf("; picture %s", pictures[p->worst_range]);
            putchar('\n');
            if (p->life[0])
                printf("    %s\n", p->life);
        }
        char scale[160];
        scene_scale_describe(&session->scale, scale, sizeof scale);
        printf("%s\n", scale);
        if (advice->step_note[0])
            printf("%s\n", advice->step_note);
    }
    /* on a PASS too: an unresolved highlight must not pass unsaid */
    char note[512];
    app_check_resolution_note(session, run, note, sizeof note);
    if (note[0])
        printf("%s\n", note);
    if (options->settings.value[SETTINGS_VERBOSE].count < 1)
        return;
    /* The technical table, in the detector's codes (docs/detector.md). */
    const inspect_plan *plan = &run->plan;
    printf("glint check: %s at %dx%d, %d steps of %.3g deg from %.4g deg, %.0f pixels per "
           "degree\n",
           options->model_path, options->width, options->height, plan->steps,
           (double)plan->step_deg, (double)plan->start_deg, (double)plan->ppd);
    if (!plan->step_ok)
        printf("the glossiest part, '%s' (alpha' %.3f), wants steps of %.3g deg\n",
               inspect_part_name(&session->model, plan->alpha_min_part), (double)plan->alpha_min,
               (double)plan->rule_step_deg);
    const detect_flag order[] = {DETECT_FLAG_JIT, DETECT_FLAG_NOISE, DETECT_FLAG_FACET,
                                 DETECT_FLAG_PIN, DETECT_FLAG_HAIR};
    for (size_t k = 0; k < sizeof order / sizeof *order; ++k) {
        detect_flag flag = order[k];
        if (!s->flagged_steps[flag])
            continue;
        printf("%s: ", s->fail[flag] ? "fails" : "within the limits");
        if (flag == DETECT_FLAG_PIN || flag == DETECT_FLAG_HAIR)
            print_share(session, run, flag);
        else
            print_ranges(session, options, run, flag);
        putchar('\n');
    }
    print_detail(session, run, pictures);
}
