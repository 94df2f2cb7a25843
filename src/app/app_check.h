#ifndef GLINT_APP_CHECK_H
#define GLINT_APP_CHECK_H

/* `glint check`: the detector over a turntable sweep, shared by its parts
 * (the sweep, the report, the pictures). */

#include "app/app.h"
#include "detect/detect_display.h"
#include "detect/detect_summary.h"
#include "detect/detect_sweep.h"
#include "io/io_image.h"

/* A default run may take at most this many steps: the step rule asks for
 * alpha'/4 radians, which for a gloss varnish under the default lamp is
 * about 0.4 degrees, 900 renders a turn; on a 2-core machine with a
 * software rasteriser that is too long for a quick check (docs/detector.md). */
#define APP_CHECK_DEFAULT_MAX_STEPS 300

typedef struct app_check_options {
    float sweep_deg; /* how far the turntable turns; default 360 */
    float step_deg;  /* 0: the step rule, capped by max_steps */
    int max_steps;   /* 0: APP_CHECK_DEFAULT_MAX_STEPS */
    const char *report_path;
    const char *frames_folder;
    const char *plot_path;
    detect_display_desc display;
    float ppd; /* > 0 overrides the display model */
} app_check_options;

typedef struct app_check_plan {
    float start_deg;
    float step_deg;
    int steps;           /* judged steps */
    bool full_circle;    /* the sweep is 360: the last step is not the first again */
    float alpha_min;     /* the smallest lamp-widened GGX alpha of any part */
    int alpha_min_part;  /* which part has it */
    float rule_step_deg; /* alpha_min / 4 radians */
    bool step_ok;        /* step_deg <= rule_step_deg */
    float ppd;
} app_check_plan;

typedef struct app_check_timing {
    double render_s;  /* rendering and reading back the analysis buffers */
    double display_s; /* the display transform on the CPU */
    double detect_s;  /* the detector */
    int renders;
} app_check_timing;

typedef struct app_check_run {
    app_check_plan plan;
    detect_frame *frames;
    int frame_count;
    detect_summary summary;
    char **range_pictures; /* per summary range: the --frames PNG, or NULL */
    app_check_timing timing;
} app_check_run;

/* One analysed step: the analysis buffers and the display-referred
 * luminances that its detect_step points into. */
typedef struct app_check_step_buffers {
    render_analysis analysis;
    float *specular_luminance; /* Ys */
    float *total_luminance;    /* Yd */
} app_check_step_buffers;

/* Renders `frame` (its look: lamp, finishes, camera, tone) for the detector at
 * width x height with the turntable at angle_deg, and fills `step`, whose
 * arrays point into `buffers` until app_check_step_buffers_free. The frame's
 * view is ignored: the detector always reads the shaded frame. `timing` may
 * be NULL. Draws with its own targets; the caller's GL framebuffer binding is
 * left at 0 and its viewport at width x height. */
core_result app_check_render_step(app_session *session, const render_frame_desc *frame, int width,
                                  int height, float angle_deg, app_check_step_buffers *buffers,
                                  detect_step *step, app_check_timing *timing);
void app_check_step_buffers_free(app_check_step_buffers *buffers);
/* The detector's settings for steps of `frame` at width x height, judged at
 * ppd image pixels per degree of the eye. */
detect_sweep_desc app_check_sweep_desc(const render_frame_desc *frame, int width, int height,
                                       float ppd);

core_result app_check_make_plan(const app_session *session, const app_options *options,
                                const app_check_options *check, app_check_plan *plan);
/* Renders every step of the plan and runs the detector on it. */
core_result app_check_sweep(app_session *session, const app_options *options,
                            const app_check_plan *plan, app_check_run *run);
/* The shaded frame at `angle` with the detector's overlay for that step. */
core_result app_check_picture(app_session *session, const app_options *options,
                              const app_check_plan *plan, float angle, io_image *picture);
void app_check_run_free(app_check_run *run);

core_result app_check_write_report(const char *path, const app_session *session,
                                   const app_options *options, const app_check_options *check,
                                   const app_check_run *run);
core_result app_check_write_plot(const char *path, const app_session *session,
                                 const app_options *options, const app_check_options *check,
                                 const app_check_run *run);
/* Writes one of the check's PNGs (a --frames picture, the plot) with its
 * settings: those of the frame at angle_deg (NAN: the options' own, where the
 * sweep starts) and, under "check", the check's own as the report has them. */
core_result app_check_write_png(const char *path, const app_session *session,
                                const app_options *options, const app_check_options *check,
                                const app_check_plan *plan, float angle_deg, const io_image *image);
/* The verdict and the flagged ranges, for people. */
void app_check_print_summary(const app_session *session, const app_options *options,
                             const app_check_run *run);
/* The part's name, or "?" for an index that is not one. */
const char *app_check_part_name(const app_session *session, int32_t part);

#endif
