#ifndef GLINT_INSPECT_H
#define GLINT_INSPECT_H

/* inspect: the check engine. Renders a model step by step round the
 * turntable into the detector's buffers, runs the detector over the steps
 * and paints what it found. Used by `glint check`, `compare --check` and the
 * viewer's live detector (inspect_live.h); knows nothing of the command line,
 * windows or files. */

#include "core/core_result.h"
#include "detect/detect_display.h"
#include "detect/detect_summary.h"
#include "detect/detect_sweep.h"
#include "io/io_image.h"
#include "render/render.h"

#include <stdbool.h>
#include <stdint.h>

/* A default run may take at most this many steps: the step rule asks for
 * alpha'/4 radians, which for a gloss varnish under the default lamp is
 * about 0.4 degrees, 900 renders a turn; on a 2-core machine with a
 * software rasteriser that is too long for a quick check (docs/detector.md). */
#define INSPECT_DEFAULT_MAX_STEPS 300

/* What is inspected: a model as a context draws it, with a look, at a size.
 * The frame's turntable angle and view are ignored where a step sets its own
 * (the detector always reads the shaded frame); its samples are those of the
 * pictures (inspect_picture). */
typedef struct inspect_subject {
    render_context *render;
    const render_model *model;
    const render_frame_desc *frame;
    int width, height; /* the analysis size */
    /* The size it is shown at on the screen, in the screen's pixels (0: the
     * analysis size). A bigger analysis is averaged down to it before the
     * detector judges it (inspect_reduce.h); the pictures are drawn at it. */
    int shown_width, shown_height;
} inspect_subject;

/* How to sweep. Zero fields mean "default". */
typedef struct inspect_plan_desc {
    float sweep_deg; /* how far the turntable turns; 0: 360 */
    float step_deg;  /* 0: the step rule, capped by max_steps */
    int max_steps;   /* 0: INSPECT_DEFAULT_MAX_STEPS */
    float start_deg; /* where the sweep starts */
    detect_display_desc display;
    float ppd; /* > 0 overrides the display model */
} inspect_plan_desc;

typedef struct inspect_plan {
    float start_deg;
    float step_deg;
    int steps;           /* judged steps */
    bool full_circle;    /* the sweep is 360: the last step is not the first again */
    float alpha_min;     /* the smallest lamp-widened GGX alpha of any part */
    int alpha_min_part;  /* which part has it */
    float rule_step_deg; /* alpha_min / 4 radians */
    bool step_ok;        /* step_deg <= rule_step_deg */
    float ppd;
} inspect_plan;

typedef struct inspect_timing {
    double render_s;  /* rendering and reading back the analysis buffers */
    double display_s; /* the display transform on the CPU */
    double detect_s;  /* the detector */
    int renders;
} inspect_timing;

typedef struct inspect_run {
    inspect_plan plan;
    detect_frame *frames;
    int frame_count;
    detect_summary summary;
    inspect_timing timing;
    int shown_width, shown_height; /* the display's pixels the detector judged */
    float analysis_scale;          /* analysis pixels per display pixel (a side) */
    /* the parts whose highlights this analysis size does not resolve */
    detect_unresolved *unresolved;
    int unresolved_count;
} inspect_run;

/* Progress of a sweep: show(user, done, total), ending with done == total.
 * A NULL show shows nothing. */
typedef struct inspect_progress {
    void (*show)(void *user, int done, int total);
    void *user;
} inspect_progress;

/* One analysed step: the analysis buffers and the display-referred
 * luminances that its detect_step points into. */
typedef struct inspect_step_buffers {
    render_analysis analysis;  /* at the shown size */
    float *analysis_rhat;      /* M1 in analysis pixels, where shown smaller; else NULL */
    float *specular_luminance; /* Ys */
    float *total_luminance;    /* Yd */
} inspect_step_buffers;

/* The plan for sweeping `frame`'s look of `model`: the step the glossiest
 * part asks for, evened out over the sweep. */
core_result inspect_make_plan(const render_model *model, const render_frame_desc *frame,
                              const inspect_plan_desc *desc, inspect_plan *plan);

/* Renders the subject for the detector with the turntable at angle_deg and
 * fills `step`, whose arrays point into `buffers` until
 * inspect_step_buffers_free. `timing` may be NULL. Draws with its own
 * targets; the caller's GL framebuffer binding is left at 0 and its viewport
 * at the subject's size. */
core_result inspect_render_step(const inspect_subject *subject, float angle_deg,
                                inspect_step_buffers *buffers, detect_step *step,
                                inspect_timing *timing);
/* inspect_render_step in two halves, for the live detector and the check's
 * detector thread: the render and its read-back into buffers->analysis
 * (GL, on the context's thread), then the display transform into the
 * luminances and `step` (pure C, any thread; `frame` gives the exposure,
 * tone map and background). Each frees the buffers on failure. */
core_result inspect_render_analysis(const inspect_subject *subject, float angle_deg,
                                    inspect_step_buffers *buffers);
core_result inspect_step_prepare(const render_frame_desc *frame, inspect_step_buffers *buffers,
                                 float angle_deg, detect_step *step);
void inspect_step_buffers_free(inspect_step_buffers *buffers);
/* The detector's settings for steps of `frame` at width x height, judged at
 * ppd image pixels per degree of the eye. */
detect_sweep_desc inspect_sweep_desc(const render_frame_desc *frame, int width, int height,
                                     float ppd);
/* The size the subject is shown at (its analysis size unless set). */
void inspect_shown_size(const inspect_subject *subject, int *width, int *height);

/* Renders every step of the plan and runs the detector on it; `progress`
 * may be NULL. Free the run with inspect_run_free, also on failure. */
core_result inspect_sweep(const inspect_subject *subject, const inspect_plan *plan,
                          const inspect_progress *progress, inspect_run *run);
void inspect_run_free(inspect_run *run);

/* The shaded frame at `angle` (at the frame's samples) with the detector's
 * marks for that step painted on; free it with io_image_free. */
core_result inspect_picture(const inspect_subject *subject, const inspect_plan *plan, float angle,
                            io_image *picture);
/* inspect_picture, and the step's marks (detect_sweep_push's overlay,
 * width x height RGBA8) copied into marks_out when it is not NULL, for
 * ringing them. */
core_result inspect_picture_marked(const inspect_subject *subject, const inspect_plan *plan,
                                   float angle, io_image *picture, uint8_t *marks_out);

/* The part's name, or "?" for an index that is not one. */
const char *inspect_part_name(const render_model *model, int32_t part);

#endif
