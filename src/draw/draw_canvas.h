#ifndef GLINT_DRAW_CANVAS_H
#define GLINT_DRAW_CANVAS_H

/* The plot's drawing surface: filled rectangles, anti-aliased strokes and
 * stb_easy_font text on an RGBA8 image. Internal to app_plot. */

#include <stdbool.h>
#include <stdint.h>

typedef struct draw_rect {
    int x0, y0, x1, y1; /* [x0, x1) x [y0, y1) */
} draw_rect;

/* The image, and a coverage mask for anti-aliased strokes: a stroke takes
 * the largest coverage of its pieces, so joints are not painted twice. */
typedef struct draw_canvas {
    uint8_t *pixels;
    int w, h;
    float *mask;
    draw_rect dirty;
} draw_canvas;

typedef enum draw_align { DRAW_LEFT, DRAW_CENTER, DRAW_RIGHT } draw_align;

int draw_clampi(int v, int lo, int hi);
draw_rect draw_intersect(draw_rect a, draw_rect b);
void draw_fill(draw_canvas *c, draw_rect r, const uint8_t rgb[3], float alpha);
void draw_stroke_segment(draw_canvas *c, draw_rect clip, double ax, double ay, double bx, double by,
                         float half_width);
void draw_stroke_disc(draw_canvas *c, draw_rect clip, double cx, double cy, float radius);
void draw_stroke_paint(draw_canvas *c, const uint8_t rgb[3]);
int draw_text_width(const char *text, int scale);
void draw_text_run(draw_canvas *c, const char *text, int x, int y, int scale, const uint8_t rgb[3],
                   int max_width, bool upward);
void draw_text(draw_canvas *c, const char *text, int x, int y, int scale, const uint8_t rgb[3],
               draw_align how, int max_width);

#endif
