#ifndef GLINT_APP_CHECK_H
#define GLINT_APP_CHECK_H

/* `glint check`: the command around inspect's sweep, and its output
 * writers (the report, the plot, the pictures, the printed summary). */

#include "app/app.h"
#include "inspect/inspect.h"
#include "inspect/inspect_advice.h"

typedef struct app_check_options {
    /* How to sweep; its start_deg is the shot's turntable angle (--angle). */
    inspect_plan_desc plan;
    const char *report_path;
    const char *frames_folder;
    bool frames_all; /* --frames-all: every flagged step, not only each range's worst */
    const char *plot_path;
} app_check_options;

/* What the check's sweep sees of the session: its look (`given`, NULL: the
 * options' frame, at options->samples, for the pictures) at options' size.
 * `frame` is the caller's, to outlive the subject. */
inspect_subject app_check_subject(app_session *session, const app_options *options,
                                  const render_frame_desc *given, render_frame_desc *frame);

/* `pictures`: per summary range, the --frames PNG's path or NULL; NULL
 * without --frames. */
core_result app_check_write_report(const char *path, const app_session *session,
                                   const app_options *options, const app_check_options *check,
                                   const inspect_run *run, const inspect_advice *advice,
                                   char *const *pictures);
/* The plot, titled with the advice's verdict. */
core_result app_check_write_plot(const char *path, const app_session *session,
                                 const app_options *options, const app_check_options *check,
                                 const inspect_run *run, const inspect_advice *advice);
/* Writes one of the check's PNGs (a --frames picture, the plot) with its
 * settings: those of the frame at angle_deg (NAN: the options' own, where the
 * sweep starts) and, under "check", the check's own as the report has them. */
core_result app_check_write_png(const char *path, const app_session *session,
                                const app_options *options, const app_check_options *check,
                                const inspect_plan *plan, float angle_deg, const io_image *image);
/* A --frames picture: the shot with the step's marks (inspect_picture_marked)
 * ringed in their kinds' colours, and under it a strip with the caption,
 * the place and a legend of the kinds shown. */
core_result app_check_decorate(const io_image *shot, const uint8_t *marks, const char *caption,
                               const char *place, io_image *out);
/* The sentence telling which parts' highlights the analysis size does not
 * resolve and the --size that would ("" when all are resolved). */
void app_check_resolution_note(const app_session *session, const inspect_run *run, char *text,
                               size_t size);
/* The verdict and the flagged ranges, for people. */
void app_check_print_summary(const app_session *session, const app_options *options,
                             const inspect_run *run, const inspect_advice *advice,
                             char *const *pictures);

#endif
