#ifndef GLINT_APP_PLOT_CANVAS_H
#define GLINT_APP_PLOT_CANVAS_H

/* The plot's drawing surface: filled rectangles, anti-aliased strokes and
 * stb_easy_font text on an RGBA8 image. Internal to app_plot. */

#include <stdbool.h>
#include <stdint.h>

typedef struct app_plot_rect {
    int x0, y0, x1, y1; /* [x0, x1) x [y0, y1) */
} app_plot_rect;

/* The image, and a coverage mask for anti-aliased strokes: a stroke takes
 * the largest coverage of its pieces, so joints are not painted twice. */
typedef struct app_plot_canvas {
    uint8_t *pixels;
    int w, h;
    float *mask;
    app_plot_rect dirty;
} app_plot_canvas;

typedef enum app_plot_align { APP_PLOT_LEFT, APP_PLOT_CENTER, APP_PLOT_RIGHT } app_plot_align;

int app_plot_clampi(int v, int lo, int hi);
app_plot_rect app_plot_intersect(app_plot_rect a, app_plot_rect b);
void app_plot_fill(app_plot_canvas *c, app_plot_rect r, const uint8_t rgb[3], float alpha);
void app_plot_stroke_segment(app_plot_canvas *c, app_plot_rect clip, double ax, double ay,
                             double bx, double by, float half_width);
void app_plot_stroke_disc(app_plot_canvas *c, app_plot_rect clip, double cx, double cy,
                          float radius);
void app_plot_stroke_paint(app_plot_canvas *c, const uint8_t rgb[3]);
int app_plot_text_width(const char *text, int scale);
void app_plot_text_run(app_plot_canvas *c, const char *text, int x, int y, int scale,
                       const uint8_t rgb[3], int max_width, bool upward);
void app_plot_text(app_plot_canvas *c, const char *text, int x, int y, int scale,
                   const uint8_t rgb[3], app_plot_align how, int max_width);

#endif
