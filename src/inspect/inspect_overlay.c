#include "inspect/inspect_overlay.h"

#include <stdbool.h>
#include <stddef.h>

/* Which kinds of mark are within `grow` pixels of (x, y). */
static void marks_near(const uint8_t *marks, int w, int h, int x, int y, int grow, bool marked[3])
{
    marked[0] = marked[1] = marked[2] = false;
    for (int yy = y - grow; yy <= y + grow; ++yy) {
        for (int xx = x - grow; xx <= x + grow; ++xx) {
            if (xx < 0 || yy < 0 || xx >= w || yy >= h)
                continue;
            const uint8_t *o = &marks[4 * ((size_t)yy * (size_t)w + (size_t)xx)];
            for (int k = 0; k < 3; ++k)
                marked[k] = marked[k] || o[k];
        }
    }
}

void inspect_overlay_paint(const uint8_t *marks, int w, int h, int grow, uint8_t *rgba)
{
    static const int tints[3][3] = {{255, 32, 32}, {40, 255, 60}, {60, 120, 255}};
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            bool marked[3];
            marks_near(marks, w, h, x, y, grow, marked);
            int colour[3] = {0, 0, 0}, count = 0;
            for (int k = 0; k < 3; ++k) {
                for (int c = 0; marked[k] && c < 3; ++c)
                    colour[c] += tints[k][c];
                count += marked[k];
            }
            uint8_t *px = &rgba[4 * ((size_t)y * (size_t)w + (size_t)x)];
            for (int c = 0; c < 3; ++c)
                px[c] = count ? (uint8_t)(colour[c] / count) : 0;
            px[3] = count ? 255 : 0;
        }
    }
}

void inspect_overlay_blend(io_image *picture, const uint8_t *rgba, int percent)
{
    size_t n = (size_t)picture->width * (size_t)picture->height;
    for (size_t p = 0; p < n; ++p) {
        const uint8_t *o = &rgba[4 * p];
        if (!o[3])
            continue;
        uint8_t *px = &picture->pixels[4 * p];
        for (int c = 0; c < 3; ++c)
            px[c] = (uint8_t)((px[c] * (100 - percent) + o[c] * percent) / 100);
        px[3] = 255;
    }
}

/* Each pixel's chessboard distance to the nearest mark of `kind`, capped at
 * 255: two passes over the 8-neighbourhood are exact for this metric. */
static void mark_distance(const uint8_t *marks, int w, int h, int kind, uint8_t *d)
{
    for (size_t p = 0; p < (size_t)w * (size_t)h; ++p)
        d[p] = marks[4 * p + (size_t)kind] ? 0 : 255;
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            int best = d[(size_t)y * (size_t)w + (size_t)x];
            for (int dx = -1; dx <= 1 && y > 0; ++dx)
                if (x + dx >= 0 && x + dx < w)
                    best = d[(size_t)(y - 1) * (size_t)w + (size_t)(x + dx)] + 1 < best
                               ? d[(size_t)(y - 1) * (size_t)w + (size_t)(x + dx)] + 1
                               : best;
            if (x > 0 && d[(size_t)y * (size_t)w + (size_t)x - 1] + 1 < best)
                best = d[(size_t)y * (size_t)w + (size_t)x - 1] + 1;
            d[(size_t)y * (size_t)w + (size_t)x] = (uint8_t)(best > 255 ? 255 : best);
        }
    }
    for (int y = h - 1; y >= 0; --y) {
        for (int x = w - 1; x >= 0; --x) {
            int best = d[(size_t)y * (size_t)w + (size_t)x];
            for (int dx = -1; dx <= 1 && y < h - 1; ++dx)
                if (x + dx >= 0 && x + dx < w)
                    best = d[(size_t)(y + 1) * (size_t)w + (size_t)(x + dx)] + 1 < best
                               ? d[(size_t)(y + 1) * (size_t)w + (size_t)(x + dx)] + 1
                               : best;
            if (x < w - 1 && d[(size_t)y * (size_t)w + (size_t)x + 1] + 1 < best)
                best = d[(size_t)y * (size_t)w + (size_t)x + 1] + 1;
            d[(size_t)y * (size_t)w + (size_t)x] = (uint8_t)(best > 255 ? 255 : best);
        }
    }
}

void inspect_overlay_paint_rings(const uint8_t *marks, int w, int h, int hole, int outline,
                                 int band, uint8_t *rgba, uint8_t *scratch)
{
    static const int tints[3][3] = {{255, 32, 32}, {40, 255, 60}, {60, 120, 255}};
    const size_t n = (size_t)w * (size_t)h;
    for (int k = 0; k < 3; ++k)
        mark_distance(marks, w, h, k, scratch + (size_t)k * n);
    /* Out from a mark: the hole (the picture shows), a dark line, the kind's
     * light band, a dark line: light on dark reads on white highlights and
     * on black paint alike. */
    int dark_in = hole, light_in = hole + outline, dark_out = light_in + band,
        end = dark_out + outline;
    for (size_t p = 0; p < n; ++p) {
        int nearest = 255;
        for (int k = 0; k < 3; ++k)
            nearest = scratch[(size_t)k * n + p] < nearest ? scratch[(size_t)k * n + p] : nearest;
        uint8_t *px = &rgba[4 * p];
        px[0] = px[1] = px[2] = px[3] = 0;
        if (nearest < dark_in || nearest >= end)
            continue;
        px[3] = 255;
        if (nearest < light_in || nearest >= dark_out) {
            px[0] = px[1] = px[2] = 16;
            continue;
        }
        int colour[3] = {0, 0, 0}, count = 0;
        for (int k = 0; k < 3; ++k) {
            int d = scratch[(size_t)k * n + p];
            if (d < light_in || d >= dark_out)
                continue;
            for (int c = 0; c < 3; ++c)
                colour[c] += tints[k][c];
            ++count;
        }
        for (int c = 0; c < 3; ++c)
            px[c] = (uint8_t)(count ? colour[c] / count : 16);
    }
}
