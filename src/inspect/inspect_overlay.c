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
