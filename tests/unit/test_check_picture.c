/* `glint check --frames`'s pictures without a GPU: app_check_decorate rings
 * the marks in their kinds' colours and puts a caption, the place and a
 * legend in a strip under the render. */
#include "../check.h"

#include "app/app_check.h"

#include <stdlib.h>
#include <string.h>

enum { W = 96, H = 64 };

static const uint8_t *pixel(const io_image *image, int x, int y)
{
    return &image->pixels[4 * ((size_t)y * (size_t)image->width + (size_t)x)];
}

/* Pixels in the rectangle whose colour is near rgb. */
static int count_near(const io_image *image, int x0, int y0, int x1, int y1, int r, int g, int b)
{
    int n = 0;
    for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x) {
            const uint8_t *p = pixel(image, x, y);
            n += abs(p[0] - r) + abs(p[1] - g) + abs(p[2] - b) < 60;
        }
    return n;
}

static void test_decorate(void)
{
    io_image shot;
    CHECK(io_image_alloc(&shot, W, H) == CORE_OK);
    memset(shot.pixels, 128, (size_t)W * H * 4);
    uint8_t *marks = calloc((size_t)W * H, 4);
    /* a pinpoint (G) at (20, 20), a jitter pixel (R) at (70, 40) */
    marks[4 * (20 * W + 20) + 1] = 255;
    marks[4 * (40 * W + 70) + 0] = 255;
    io_image out;
    CHECK(app_check_decorate(&shot, marks, "pinpoints on cap at 12 deg", "top, 40 mm up", &out) ==
          CORE_OK);
    CHECK(out.width == W && out.height > H);
    /* The render is kept where no ring is drawn. */
    CHECK(memcmp(pixel(&out, 0, 0), pixel(&shot, 0, 0), 4) == 0);
    /* A green ring round the pinpoint, a red one round the jitter, not on them. */
    CHECK(count_near(&out, 8, 8, 34, 34, 40, 255, 60) > 10);
    CHECK(count_near(&out, 58, 28, 84, 54, 255, 32, 32) > 10);
    CHECK(count_near(&out, 8, 8, 34, 34, 255, 32, 32) == 0);
    /* No facet marks: no blue anywhere. */
    CHECK(count_near(&out, 0, 0, W, out.height, 60, 120, 255) == 0);
    /* The strip: light text, and the legend's two rings. */
    CHECK(count_near(&out, 0, H, W, out.height, 235, 235, 235) > 30);
    CHECK(count_near(&out, 0, H, W, out.height, 40, 255, 60) > 3);
    CHECK(count_near(&out, 0, H, W, out.height, 255, 32, 32) > 3);
    io_image_free(&out);

    /* At the size limit the strip goes over the render's bottom. */
    io_image tall;
    CHECK(io_image_alloc(&tall, 16, 16384) == CORE_OK);
    uint8_t *none = calloc((size_t)16 * 16384, 4);
    CHECK(app_check_decorate(&tall, none, "x", "y", &out) == CORE_OK);
    CHECK(out.height == 16384);
    io_image_free(&out);
    io_image_free(&tall);
    free(none);
    free(marks);
    io_image_free(&shot);
}

int main(void)
{
    test_decorate();
    return check_done("test_check_picture");
}
