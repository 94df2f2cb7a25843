#include "draw/draw_canvas.h"

#include "draw/draw_glyph.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

int draw_clampi(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

draw_rect draw_intersect(draw_rect a, draw_rect b)
{
    draw_rect r = {a.x0 > b.x0 ? a.x0 : b.x0, a.y0 > b.y0 ? a.y0 : b.y0, a.x1 < b.x1 ? a.x1 : b.x1,
                   a.y1 < b.y1 ? a.y1 : b.y1};
    return r;
}

static void blend(draw_canvas *c, int x, int y, const uint8_t rgb[3], float alpha)
{
    uint8_t *p = c->pixels + 4 * ((size_t)y * (size_t)c->w + (size_t)x);
    for (int k = 0; k < 3; ++k)
        p[k] = (uint8_t)lroundf((float)p[k] + ((float)rgb[k] - (float)p[k]) * alpha);
    p[3] = 255;
}

void draw_fill(draw_canvas *c, draw_rect r, const uint8_t rgb[3], float alpha)
{
    r = draw_intersect(r, (draw_rect){0, 0, c->w, c->h});
    for (int y = r.y0; y < r.y1; ++y)
        for (int x = r.x0; x < r.x1; ++x)
            blend(c, x, y, rgb, alpha);
}

/* ---- anti-aliased strokes ---------------------------------------------- */

static void mask_put(draw_canvas *c, int x, int y, float coverage)
{
    float *m = c->mask + (size_t)y * (size_t)c->w + (size_t)x;
    if (coverage <= *m)
        return;
    *m = coverage;
    if (c->dirty.x0 >= c->dirty.x1) {
        c->dirty = (draw_rect){x, y, x + 1, y + 1};
        return;
    }
    c->dirty =
        (draw_rect){x < c->dirty.x0 ? x : c->dirty.x0, y < c->dirty.y0 ? y : c->dirty.y0,
                    x >= c->dirty.x1 ? x + 1 : c->dirty.x1, y >= c->dirty.y1 ? y + 1 : c->dirty.y1};
}

/* Liang-Barsky: cuts the segment to the box; false when nothing is left.
 * Done in double before any pixel loop, so huge values cannot overflow it. */
static bool clip_segment(double *ax, double *ay, double *bx, double *by, double x0, double y0,
                         double x1, double y1)
{
    double dx = *bx - *ax, dy = *by - *ay, t0 = 0.0, t1 = 1.0;
    const double p[4] = {-dx, dx, -dy, dy};
    const double q[4] = {*ax - x0, x1 - *ax, *ay - y0, y1 - *ay};
    for (int i = 0; i < 4; ++i) {
        if (p[i] == 0.0) {
            if (q[i] < 0.0)
                return false;
            continue;
        }
        double t = q[i] / p[i];
        if (p[i] < 0.0 && t > t0)
            t0 = t;
        else if (p[i] > 0.0 && t < t1)
            t1 = t;
        if (t0 > t1)
            return false;
    }
    double sx = *ax, sy = *ay;
    *ax = sx + t0 * dx;
    *ay = sy + t0 * dy;
    *bx = sx + t1 * dx;
    *by = sy + t1 * dy;
    return true;
}

void draw_stroke_segment(draw_canvas *c, draw_rect clip, double ax, double ay, double bx, double by,
                         float half_width)
{
    double pad = half_width + 1.0;
    if (!clip_segment(&ax, &ay, &bx, &by, clip.x0 - pad, clip.y0 - pad, clip.x1 + pad,
                      clip.y1 + pad))
        return;
    draw_rect box = {(int)floor(fmin(ax, bx) - pad), (int)floor(fmin(ay, by) - pad),
                     (int)ceil(fmax(ax, bx) + pad) + 1, (int)ceil(fmax(ay, by) + pad) + 1};
    box = draw_intersect(box, clip);
    double dx = bx - ax, dy = by - ay, length2 = dx * dx + dy * dy;
    for (int y = box.y0; y < box.y1; ++y)
        for (int x = box.x0; x < box.x1; ++x) {
            double px = x + 0.5, py = y + 0.5, t = 0.0;
            if (length2 > 0.0)
                t = fmin(1.0, fmax(0.0, ((px - ax) * dx + (py - ay) * dy) / length2));
            double ex = ax + t * dx - px, ey = ay + t * dy - py;
            float coverage = half_width + 0.5f - (float)sqrt(ex * ex + ey * ey);
            if (coverage > 0.0f)
                mask_put(c, x, y, coverage > 1.0f ? 1.0f : coverage);
        }
}

void draw_stroke_disc(draw_canvas *c, draw_rect clip, double cx, double cy, float radius)
{
    if (cx < clip.x0 - radius || cx > clip.x1 + radius || cy < clip.y0 - radius ||
        cy > clip.y1 + radius)
        return;
    draw_stroke_segment(c, clip, cx, cy, cx, cy, radius);
}

/* Paints the mask's coverage in one colour and clears it. */
void draw_stroke_paint(draw_canvas *c, const uint8_t rgb[3])
{
    for (int y = c->dirty.y0; y < c->dirty.y1; ++y)
        for (int x = c->dirty.x0; x < c->dirty.x1; ++x) {
            float *m = c->mask + (size_t)y * (size_t)c->w + (size_t)x;
            if (*m > 0.0f)
                blend(c, x, y, rgb, *m);
            *m = 0.0f;
        }
    c->dirty = (draw_rect){0, 0, 0, 0};
}

/* ---- text ------------------------------------------------------------- */

int draw_text_width(const char *text, int scale)
{
    int units = 0;
    for (int g; text && (g = draw_glyph_next(&text, false)) != 0;)
        units += draw_glyph_advance(g);
    return units * scale;
}

static void draw_glyph(draw_canvas *c, int glyph, int x, int y, int scale, const uint8_t rgb[3],
                       bool upward)
{
    float boxes[64][4];
    int n = draw_glyph_boxes(glyph, boxes, 64);
    for (int i = 0; i < n; ++i) {
        int u0 = (int)boxes[i][0] * scale, v0 = (int)boxes[i][1] * scale;
        int u1 = (int)boxes[i][2] * scale, v1 = (int)boxes[i][3] * scale;
        /* Upward text reads bottom to top: the glyph's top faces left. */
        draw_rect r = upward ? (draw_rect){x + v0, y - u1, x + v1, y - u0}
                             : (draw_rect){x + u0, y + v0, x + u1, y + v1};
        draw_fill(c, r, rgb, 1.0f);
    }
}

/* Draws text from (x, y), the top left of its capitals (upward: the bottom
 * left), cut short with "..." to fit max_width when that is positive. */
void draw_text_run(draw_canvas *c, const char *text, int x, int y, int scale, const uint8_t rgb[3],
                   int max_width, bool upward)
{
    if (!text)
        return;
    int limit = -1;
    if (max_width > 0 && draw_text_width(text, scale) > max_width)
        limit = max_width - draw_text_width("...", scale);
    int pen = 0;
    for (int g; (g = draw_glyph_next(&text, false)) != 0;) {
        int advance = draw_glyph_advance(g) * scale;
        if (limit >= 0 && pen + advance > limit) {
            for (const char *dots = "..."; *dots; ++dots, pen += draw_glyph_advance('.') * scale)
                draw_glyph(c, '.', upward ? x : x + pen, upward ? y - pen : y, scale, rgb, upward);
            return;
        }
        draw_glyph(c, g, upward ? x : x + pen, upward ? y - pen : y, scale, rgb, upward);
        pen += advance;
    }
}

void draw_text(draw_canvas *c, const char *text, int x, int y, int scale, const uint8_t rgb[3],
               draw_align how, int max_width)
{
    int width = draw_text_width(text, scale);
    if (max_width > 0 && width > max_width)
        width = max_width;
    x -= how == DRAW_CENTER ? width / 2 : how == DRAW_RIGHT ? width : 0;
    draw_text_run(c, text, x, y, scale, rgb, max_width, false);
}
