#include "../check.h"

#include "app/app_hud.h"
#include "gfx/gfx.h"
#include "plat/plat.h"

#include <stdlib.h>
#include <string.h>

/* gfx_canvas and the HUD drawn for real. Surfaceless EGL has no window
 * framebuffer, so headless the canvas draws into a gfx_target, which is read
 * back: top-left origin, blending, image orientation and sampling, order.
 * With --window, gfx_target_present_rect and the canvas in a real window. */

enum { W = 64, H = 48 };

static const float BLUE[4] = {0, 0, 1, 1};
static const float RED[4] = {1, 0, 0, 1};
static const float HALF_WHITE[4] = {1, 1, 1, 0.5f};
static const float GREEN[4] = {0, 1, 0, 1};

static const uint8_t *pixel(const uint8_t *image, int x, int y)
{
    return image + 4 * (y * W + x);
}

static int close_to(const uint8_t *p, int r, int g, int b, int tolerance)
{
    return abs(p[0] - r) <= tolerance && abs(p[1] - g) <= tolerance && abs(p[2] - b) <= tolerance;
}

static void print_pixel(const char *what, const uint8_t *p)
{
    printf("%s: %d %d %d %d\n", what, p[0], p[1], p[2], p[3]);
}

static void resolve_and_read(gfx_target *target, uint8_t *image)
{
    gfx_target_resolve(target);
    CHECK(gfx_target_read_rgba8(target, image) == CORE_OK);
}

static void test_canvas(gfx_target *target)
{
    static uint8_t image[W * H * 4];
    gfx_canvas canvas;
    CHECK(gfx_canvas_create(&canvas) == CORE_OK);
    gfx_canvas_target(&canvas, target);
    gfx_target_begin(target, BLUE);
    const gfx_canvas_vertex red[6] = {{8, 4, {1, 0, 0, 1}},   {24, 4, {1, 0, 0, 1}},
                                      {24, 12, {1, 0, 0, 1}}, {8, 4, {1, 0, 0, 1}},
                                      {24, 12, {1, 0, 0, 1}}, {8, 12, {1, 0, 0, 1}}};
    gfx_canvas_draw_triangles(&canvas, red, 6, W, H);
    gfx_canvas_vertex half[6];
    memcpy(half, red, sizeof half);
    for (int i = 0; i < 6; ++i) {
        half[i].y += 20; /* 24..32 */
        memcpy(half[i].rgba, HALF_WHITE, sizeof HALF_WHITE);
    }
    gfx_canvas_draw_triangles(&canvas, half, 6, W, H);

    /* A 2x2 plain image, rows top to bottom: red green / blue white. */
    const uint8_t quads[16] = {255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 255, 255};
    gfx_texture plain;
    CHECK(gfx_texture_create_plain(2, 2, quads, &plain) == CORE_OK);
    gfx_canvas_draw_image(&canvas, plain, 40, 4, 16, 16, 1.0f, W, H);
    /* An sRGB texture comes out as the display values it was made from. */
    uint8_t grey[4 * 4];
    for (int i = 0; i < 4; ++i)
        memcpy(grey + 4 * i, (uint8_t[4]){128, 128, 128, 255}, 4);
    gfx_texture srgb;
    CHECK(gfx_texture_create(2, 2, grey, &srgb) == CORE_OK);
    gfx_canvas_draw_image(&canvas, srgb, 40, 28, 8, 8, 1.0f, W, H);
    /* Half opacity over the blue background. */
    gfx_canvas_draw_image(&canvas, plain, 52, 28, 8, 8, 0.5f, W, H);
    resolve_and_read(target, image);

    print_pixel("red rect", pixel(image, 10, 5));
    CHECK(close_to(pixel(image, 10, 5), 255, 0, 0, 0));     /* y counts from the top */
    CHECK(close_to(pixel(image, 23, 11), 255, 0, 0, 0));    /* last pixel inside */
    CHECK(close_to(pixel(image, 24, 11), 0, 0, 255, 0));    /* first outside */
    CHECK(close_to(pixel(image, 10, H - 6), 0, 0, 255, 0)); /* not mirrored */
    print_pixel("half white over blue", pixel(image, 10, 28));
    CHECK(close_to(pixel(image, 10, 28), 128, 128, 255, 2));
    CHECK(pixel(image, 10, 28)[3] == 255); /* the framebuffer stays opaque */
    print_pixel("image top-left", pixel(image, 41, 5));
    CHECK(close_to(pixel(image, 41, 5), 255, 0, 0, 0));
    CHECK(close_to(pixel(image, 55, 5), 0, 255, 0, 0));
    CHECK(close_to(pixel(image, 41, 19), 0, 0, 255, 0));
    CHECK(close_to(pixel(image, 55, 19), 255, 255, 255, 0));
    CHECK(close_to(pixel(image, 47, 11), 255, 0, 0, 0)); /* nearest: no blend at the seam */
    CHECK(close_to(pixel(image, 48, 11), 0, 255, 0, 0));
    print_pixel("sRGB grey", pixel(image, 44, 32));
    CHECK(close_to(pixel(image, 44, 32), 128, 128, 128, 2));
    print_pixel("half-opaque red", pixel(image, 53, 29));
    CHECK(close_to(pixel(image, 53, 29), 128, 0, 128, 2));

    /* Updating in place, then at another size. */
    const uint8_t greens[16] = {0, 255, 0, 255, 0, 255, 0, 255, 0, 255, 0, 255, 0, 255, 0, 255};
    CHECK(gfx_texture_update_plain(&plain, 2, 2, greens) == CORE_OK);
    const uint8_t wide[3 * 4] = {255, 0, 0, 255, 255, 255, 255, 255, 0, 0, 0, 255};
    gfx_texture other = plain;
    CHECK(gfx_texture_update_plain(&other, 3, 1, wide) == CORE_OK);
    CHECK(other.id == plain.id);
    gfx_target_begin(target, BLUE);
    gfx_canvas_draw_image(&canvas, plain, 0, 0, 30, 10, 1.0f, W, H);
    resolve_and_read(target, image);
    CHECK(close_to(pixel(image, 2, 2), 255, 0, 0, 0));
    CHECK(close_to(pixel(image, 15, 8), 255, 255, 255, 0));
    CHECK(close_to(pixel(image, 28, 2), 0, 0, 0, 0));
    CHECK(gfx_texture_update_plain(&plain, 0, 1, wide) != CORE_OK);
    CHECK(gfx_texture_create_plain(2, 2, NULL, &other) == CORE_ERR_ARGUMENT);

    gfx_texture_unload(&plain);
    gfx_texture_unload(&srgb);
    gfx_canvas_unload(&canvas);
    CHECK(canvas.program.id == 0);
    gfx_canvas_unload(&canvas); /* twice is harmless */
}

static int count_near(const uint8_t *image, int x0, int y0, int x1, int y1, int r, int g, int b)
{
    int n = 0;
    for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x)
            n += close_to(pixel(image, x, y), r, g, b, 8);
    return n;
}

static void test_hud(gfx_target *target)
{
    static uint8_t image[W * H * 4];
    app_hud hud;
    CHECK(app_hud_create(&hud) == CORE_OK);
    gfx_canvas_target(&hud.canvas, target);
    gfx_target_begin(target, BLUE);
    const uint8_t greens[4] = {0, 255, 0, 255};
    gfx_texture green;
    CHECK(gfx_texture_create_plain(1, 1, greens, &green) == CORE_OK);

    app_hud_begin(&hud, W, H, 1.0f);
    const float white[4] = {1, 1, 1, 1};
    app_hud_box box = app_hud_panel(&hud, W, 0, APP_HUD_TOP_RIGHT, white, "Hi");
    /* Order: red, then the image over it, then a smaller red over that. */
    app_hud_rect(&hud, 0, 30, 16, 16, RED);
    app_hud_image(&hud, green, 0, 30, 16, 16, 1.0f);
    app_hud_rect(&hud, 4, 34, 8, 8, RED);
    app_hud_disc(&hud, 30, 38, 6, GREEN);
    CHECK(app_hud_end(&hud) == CORE_OK);
    resolve_and_read(target, image);

    int x0 = (int)box.x, y0 = (int)box.y, x1 = x0 + (int)box.width, y1 = y0 + (int)box.height;
    int whites = count_near(image, x0, y0, x1, y1, 255, 255, 255);
    int blues = count_near(image, x0, y0, x1, y1, 0, 0, 255);
    printf("panel %dx%d at %d,%d: %d white, %d pure blue pixels\n", x1 - x0, y1 - y0, x0, y0,
           whites, blues);
    CHECK(x1 == W && y0 == 0);
    CHECK(whites > 20); /* the text */
    CHECK(blues == 0);  /* the panel darkens all of its box */
    CHECK(close_to(pixel(image, 1, 31), 0, 255, 0, 0));
    CHECK(close_to(pixel(image, 8, 38), 255, 0, 0, 0));
    CHECK(close_to(pixel(image, 30, 38), 0, 255, 0, 0));
    CHECK(close_to(pixel(image, 30, 46), 0, 0, 255, 0)); /* outside the disc */
    gfx_texture_unload(&green);
    app_hud_unload(&hud);
}

/* Side-by-side viewports in a real window: each target is copied into its own
 * rectangle, upright, and nothing else of the window changes. */
static void test_present_rect(plat_context *platform)
{
    int w, h;
    plat_window_framebuffer_size(platform, &w, &h);
    gfx_target blue, red, green;
    CHECK(gfx_target_create(w, h, 1, GFX_COLOR_RGBA8, &blue) == CORE_OK);
    CHECK(gfx_target_create(w / 2, h, 1, GFX_COLOR_RGBA8, &red) == CORE_OK);
    CHECK(gfx_target_create(40, 40, 1, GFX_COLOR_RGBA8, &green) == CORE_OK);
    gfx_target_begin(&blue, BLUE);
    gfx_target_resolve(&blue);
    gfx_target_begin(&red, RED);
    gfx_target_resolve(&red);
    /* Green on its top half only, to see that it is not flipped. */
    gfx_target_begin(&green, BLUE);
    gfx_canvas canvas;
    CHECK(gfx_canvas_create(&canvas) == CORE_OK);
    gfx_canvas_target(&canvas, &green);
    const gfx_canvas_vertex top[6] = {{0, 0, {0, 1, 0, 1}},   {40, 0, {0, 1, 0, 1}},
                                      {40, 20, {0, 1, 0, 1}}, {0, 0, {0, 1, 0, 1}},
                                      {40, 20, {0, 1, 0, 1}}, {0, 20, {0, 1, 0, 1}}};
    gfx_canvas_draw_triangles(&canvas, top, 6, 40, 40);
    gfx_target_resolve(&green);

    gfx_target_present(&blue, w, h);
    gfx_target_present_rect(&red, 0, 0, w / 2, h, w, h);
    gfx_target_present_rect(&green, w - 50, 10, 40, 40, w, h);
    /* And the canvas draws over the window's framebuffer by default. */
    gfx_canvas_target(&canvas, NULL);
    const gfx_canvas_vertex white[3] = {
        {0, 0, {1, 1, 1, 1}}, {8, 0, {1, 1, 1, 1}}, {0, 8, {1, 1, 1, 1}}};
    gfx_canvas_draw_triangles(&canvas, white, 3, w, h);
    uint8_t *image = malloc((size_t)w * (size_t)h * 4);
    CHECK(image && gfx_read_back_buffer(w, h, image) == CORE_OK);
    if (image) {
        const uint8_t *p = image;
#define AT(x, y) (p + 4 * ((size_t)(y) * (size_t)w + (size_t)(x)))
        CHECK(close_to(AT(1, 1), 255, 255, 255, 0));
        CHECK(close_to(AT(w / 2 - 1, h - 1), 255, 0, 0, 0));
        CHECK(close_to(AT(w / 2, h / 2), 0, 0, 255, 0));
        CHECK(close_to(AT(w - 50, 10), 0, 255, 0, 0));
        CHECK(close_to(AT(w - 11, 29), 0, 255, 0, 0));
        CHECK(close_to(AT(w - 11, 30), 0, 0, 255, 0));
        CHECK(close_to(AT(w - 51, 20), 0, 0, 255, 0));
        CHECK(close_to(AT(w - 30, 51), 0, 0, 255, 0));
#undef AT
    }
    free(image);
    gfx_canvas_unload(&canvas);
    gfx_target_unload(&blue);
    gfx_target_unload(&red);
    gfx_target_unload(&green);
}

/* No argument: headless. --window: in a GLFW window (under Xvfb in ctest). */
int main(int argc, char **argv)
{
    bool window = argc > 1 && strcmp(argv[1], "--window") == 0;
    plat_context *platform = NULL;
    plat_context_desc desc = {.backend = window ? PLAT_BACKEND_WINDOW : PLAT_BACKEND_HEADLESS,
                              .width = 200,
                              .height = 100};
    if (plat_context_create(&desc, &platform) != CORE_OK ||
        gfx_init(plat_context_loader(platform)) != CORE_OK) {
        fprintf(stderr, "test_canvas: %s\n", core_last_error());
        return 1;
    }
    if (window) {
        test_present_rect(platform);
    } else {
        gfx_target target;
        CHECK(gfx_target_create(W, H, 1, GFX_COLOR_RGBA8, &target) == CORE_OK);
        test_canvas(&target);
        test_hud(&target);
        gfx_target_unload(&target);
    }
    plat_context_destroy(platform);
    return check_done(window ? "test_canvas --window" : "test_canvas");
}
