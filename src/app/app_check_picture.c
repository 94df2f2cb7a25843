#include "app/app_check.h"

#include "draw/draw_canvas.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The overlay's kinds (inspect_overlay.h): jitter, pinpoints and hairlines,
 * facet edges, in its tints. */
enum { KINDS = 3, CELL = 8, MAX_RINGS = 48, LINE = 14, TEXT_SCALE = 1 };
static const uint8_t kind_rgb[KINDS][3] = {{255, 32, 32}, {40, 255, 60}, {60, 120, 255}};
static const char *const kind_words[KINDS] = {"jitter", "pinpoints, hairlines, sparkle",
                                              "facet edges"};
static const uint8_t ink[3] = {235, 235, 235}, dark[3] = {0, 0, 0};

/* A ring round (cx, cy): dark under the colour, so it reads on any paint. */
static void ring(draw_canvas *c, double cx, double cy, double radius, const uint8_t rgb[3])
{
    draw_rect all = {0, 0, c->w, c->h};
    const int pieces = 32;
    for (int pass = 0; pass < 2; ++pass) {
        for (int i = 0; i < pieces; ++i) {
            double a0 = 2.0 * 3.14159265358979 * i / pieces;
            double a1 = 2.0 * 3.14159265358979 * (i + 1) / pieces;
            draw_stroke_segment(c, all, cx + radius * cos(a0), cy + radius * sin(a0),
                                cx + radius * cos(a1), cy + radius * sin(a1), pass ? 1.0f : 2.2f);
        }
        draw_stroke_paint(c, pass ? rgb : dark);
    }
}

/* Rings each cluster of one kind's marks: marked cells of CELL pixels,
 * joined where they touch, one ring round each group's box. */
static int ring_kind(draw_canvas *c, const uint8_t *marks, int w, int h, int kind, int *cells,
                     int *stack)
{
    int gw = (w + CELL - 1) / CELL, gh = (h + CELL - 1) / CELL, rings = 0;
    memset(cells, 0, (size_t)gw * (size_t)gh * sizeof *cells);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            if (marks[4 * ((size_t)y * (size_t)w + (size_t)x) + (size_t)kind])
                cells[(y / CELL) * gw + x / CELL] = 1;
    for (int start = 0; start < gw * gh && rings < MAX_RINGS; ++start) {
        if (cells[start] != 1)
            continue;
        int top = 0, x0 = gw, y0 = gh, x1 = -1, y1 = -1;
        stack[top++] = start;
        cells[start] = 2;
        while (top) {
            int at = stack[--top], x = at % gw, y = at / gw;
            x0 = x < x0 ? x : x0, x1 = x > x1 ? x : x1;
            y0 = y < y0 ? y : y0, y1 = y > y1 ? y : y1;
            const int next[4][2] = {{x - 1, y}, {x + 1, y}, {x, y - 1}, {x, y + 1}};
            for (int k = 0; k < 4; ++k) {
                int nx = next[k][0], ny = next[k][1];
                if (nx >= 0 && ny >= 0 && nx < gw && ny < gh && cells[ny * gw + nx] == 1) {
                    cells[ny * gw + nx] = 2;
                    stack[top++] = ny * gw + nx;
                }
            }
        }
        double cx = (x0 + x1 + 1) * CELL / 2.0, cy = (y0 + y1 + 1) * CELL / 2.0;
        double radius = 0.5 * hypot((x1 - x0 + 1) * CELL, (y1 - y0 + 1) * CELL) + 3.0;
        ring(c, cx, cy, fmin(radius, 0.45 * (w < h ? w : h)), kind_rgb[kind]);
        ++rings;
    }
    return rings;
}

/* The legend: a small ring and the words for each kind shown. */
static void legend(draw_canvas *c, int y, const bool shown[KINDS])
{
    int x = 6;
    for (int k = 0; k < KINDS; ++k) {
        if (!shown[k])
            continue;
        ring(c, x + 5, y + 5, 4.0, kind_rgb[k]);
        draw_text(c, kind_words[k], x + 14, y, TEXT_SCALE, ink, DRAW_LEFT, 0);
        x += 14 + draw_text_width(kind_words[k], TEXT_SCALE) + 12;
    }
}

core_result app_check_decorate(const io_image *shot, const uint8_t *marks, const char *caption,
                               const char *place, io_image *out)
{
    int w = shot->width, h = shot->height, strip = 3 * LINE + 6;
    /* Under the render; over its bottom where a taller image cannot be. */
    int total = h + strip > 16384 ? h : h + strip, below = total - strip;
    core_result r = io_image_alloc(out, w, total);
    if (r != CORE_OK)
        return r;
    int gw = (w + CELL - 1) / CELL, gh = (h + CELL - 1) / CELL;
    int *cells = malloc((size_t)gw * (size_t)gh * sizeof *cells);
    int *stack = malloc((size_t)gw * (size_t)gh * sizeof *stack);
    float *mask = calloc((size_t)w * (size_t)total, sizeof *mask);
    if (!cells || !stack || !mask) {
        free(cells);
        free(stack);
        free(mask);
        io_image_free(out);
        return core_fail(CORE_ERR_NO_MEMORY, "out of memory for a %dx%d picture", w, h);
    }
    memcpy(out->pixels, shot->pixels, (size_t)w * (size_t)h * 4);
    for (size_t p = (size_t)w * (size_t)below; p < (size_t)w * (size_t)total; ++p) {
        uint8_t *px = &out->pixels[4 * p];
        px[0] = px[1] = px[2] = 24;
        px[3] = 255;
    }
    draw_canvas c = {out->pixels, w, total, mask, {0, 0, 0, 0}};
    bool shown[KINDS];
    for (int k = 0; k < KINDS; ++k)
        shown[k] = ring_kind(&c, marks, w, h, k, cells, stack) > 0;
    draw_text(&c, caption, 6, below + 4, TEXT_SCALE, ink, DRAW_LEFT, w - 12);
    draw_text(&c, place, 6, below + 4 + LINE, TEXT_SCALE, ink, DRAW_LEFT, w - 12);
    legend(&c, below + 4 + 2 * LINE, shown);
    free(cells);
    free(stack);
    free(mask);
    return CORE_OK;
}
