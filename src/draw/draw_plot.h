#ifndef GLINT_DRAW_PLOT_H
#define GLINT_DRAW_PLOT_H

/* The detector's plot: per-step scores against turntable angle, one stacked
 * panel per score sharing the angle axis, flagged ranges shaded, thresholds
 * dashed. Drawn in plain C into an RGBA8 image (no GL), so `glint check` can
 * write it without a context and tests can check its pixels. Zero fields of
 * the descriptions mean "default". Text is ASCII; "°" (UTF-8) is drawn as a
 * degree sign and any other character as '?'. */

#include "core/core_result.h"
#include "io/io_image.h"

#include <stdint.h>

typedef struct draw_plot_range {
    float from_deg, to_deg; /* clipped to the plotted span; reversed ends are swapped */
} draw_plot_range;

typedef struct draw_plot_panel {
    const char *title;              /* e.g. "Jitter: share of bright pixels that pop (J)" */
    const char *unit;               /* y-axis unit, e.g. "%" or "per 10k px" */
    const float *values;            /* one per step; NAN or infinite: no value (a gap) */
    float threshold;                /* drawn dashed and labelled; NAN: none */
    float y_max;                    /* 0: a "nice" number at or above the values and
                                       threshold; larger values are cut off at the top */
    const draw_plot_range *flagged; /* angle ranges where this panel's flag fired, shaded */
    int flagged_count;
    uint8_t rgb[3]; /* the series' colour; all zero: a dark grey */
} draw_plot_panel;

typedef struct draw_plot_desc {
    int width, height;       /* 0: 1200 wide; 200 per panel plus the margins high */
    const char *title;       /* e.g. "glint check bust.obj: FAIL" */
    const char *subtitle;    /* e.g. "512x512, step 1.0 deg, 45 ppd" */
    const char *x_label;     /* 0: "Turntable angle (°)" */
    const float *angles_deg; /* x of each step, ascending, within +-1e6 */
    int count;               /* 0 draws empty panels over 0..360° */
    const draw_plot_panel *panels;
    int panel_count; /* 1..DRAW_PLOT_MAX_PANELS */
} draw_plot_desc;

enum { DRAW_PLOT_MAX_PANELS = 8 };

/* Allocates `image` (io_image_alloc) and draws the plot; the caller frees it
 * with io_image_free. On failure `image` is left empty and the reason is
 * recorded with core_fail: CORE_ERR_ARGUMENT for an invalid description or a
 * size too small to hold the panels, CORE_ERR_NO_MEMORY. */
core_result draw_plot(const draw_plot_desc *desc, io_image *image);

#endif
