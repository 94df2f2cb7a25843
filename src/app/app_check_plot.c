#include "app/app_check.h"

#include "core/core_file.h"
#include "draw/draw_plot.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { PANELS = 4 };

/* The ranges of the given flags, as the plot's shaded spans. Half a step
 * either side, so a one-step range is visible. */
static int collect_ranges(const inspect_run *run, uint32_t flags, draw_plot_range *out)
{
    int count = 0;
    float half = 0.5f * run->plan.step_deg;
    for (int i = 0; i < run->summary.range_count; ++i) {
        const detect_range *r = &run->summary.ranges[i];
        if (flags & DETECT_FLAG_BIT(r->flag))
            out[count++] = (draw_plot_range){r->from_deg - half, r->to_deg + half};
    }
    return count;
}

core_result app_check_write_plot(const char *path, const app_session *session,
                                 const app_options *options, const app_check_options *check,
                                 const inspect_run *run, const inspect_advice *advice)
{
    int n = run->frame_count, range_count = run->summary.range_count;
    float *values = malloc((size_t)(n > 0 ? n : 1) * (PANELS + 1) * sizeof *values);
    draw_plot_range *ranges =
        malloc((size_t)(range_count > 0 ? range_count : 1) * PANELS * sizeof *ranges);
    if (!values || !ranges) {
        free(values);
        free(ranges);
        return core_fail(CORE_ERR_NO_MEMORY, "%s: out of memory for the plot", path);
    }
    float *angles = values, *jitter = values + n, *pins = values + 2 * n, *density = values + 3 * n,
          *cae = values + 4 * n;
    for (int i = 0; i < n; ++i) {
        const detect_frame *f = &run->frames[i];
        angles[i] = f->angle_deg;
        jitter[i] = 100.0f * f->jitter;
        pins[i] = (float)(f->pins + f->hairs);
        density[i] = f->pin_density;
        cae[i] = 100.0f * f->cae;
    }
    draw_plot_panel panels[PANELS] = {
        {.title = "Jitter: share of bright pixels that pop between steps (JIT over 2 %)",
         .unit = "%",
         .values = jitter,
         .threshold = 2.0f,
         .rgb = {214, 40, 40}},
        {.title = "Pinpoints and hairlines in the step (PIN / HAIR: one flags the step; over 10 % "
                  "of steps fails)",
         .unit = "count",
         .values = pins,
         .threshold = 1.0f,
         .rgb = {30, 150, 60}},
        {.title = "Pinpoint density (NOISE: 1 or more while 5 % or more of the bright pixels pop)",
         .unit = "per 10k px",
         .values = density,
         .threshold = 1.0f,
         .rgb = {200, 120, 0}},
        {.title = "Highlight edge along facet creases (FACET over 50 %)",
         .unit = "%",
         .values = cae,
         .threshold = 50.0f,
         .rgb = {40, 90, 220}}};
    const uint32_t panel_flags[PANELS] = {
        DETECT_FLAG_BIT(DETECT_FLAG_JIT),
        DETECT_FLAG_BIT(DETECT_FLAG_PIN) | DETECT_FLAG_BIT(DETECT_FLAG_HAIR),
        DETECT_FLAG_BIT(DETECT_FLAG_NOISE), DETECT_FLAG_BIT(DETECT_FLAG_FACET)};
    for (int p = 0; p < PANELS; ++p) {
        draw_plot_range *mine = ranges + p * (range_count > 0 ? range_count : 1);
        panels[p].flagged = mine;
        panels[p].flagged_count = collect_ranges(run, panel_flags[p], mine);
    }
    char title[512], subtitle[256];
    /* The summary's verdict: its first line, up to the angles it lists. */
    static const char turns[] = " as the model turns";
    const char *listed = strstr(advice->summary, turns);
    size_t line = strcspn(advice->summary, "\n");
    if (listed && (size_t)(listed - advice->summary) < line)
        line = (size_t)(listed - advice->summary) + sizeof turns - 1;
    snprintf(title, sizeof title, "%.*s", (int)line, advice->summary);
    /* The file's name, as the turntable's and compare's sheets give it: a
     * folder's path would push the rest off the line, and the same check
     * from its preset (which holds the absolute path) draws the same plot. */
    snprintf(subtitle, sizeof subtitle,
             "%s at %dx%d, %d steps of %.3g deg, %.0f pixels per degree; shaded: flagged steps",
             core_path_basename(options->model_path), options->width, options->height,
             run->plan.steps,
             (double)run->plan.step_deg, (double)run->plan.ppd);
    draw_plot_desc desc = {.title = title,
                           .subtitle = subtitle,
                           .angles_deg = angles,
                           .count = n,
                           .panels = panels,
                           .panel_count = PANELS};
    io_image image = {0};
    core_result r = draw_plot(&desc, &image);
    free(values);
    free(ranges);
    if (r == CORE_OK)
        r = app_check_write_png(path, session, options, check, &run->plan, NAN, &image);
    io_image_free(&image);
    return r;
}
