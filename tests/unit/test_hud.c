#include "../check.h"

#include "app/app_hud.h"

#include <stdlib.h>
#include <string.h>

/* The HUD's batching, without a GPU: a zero-initialised app_hud builds its
 * vertices on the CPU; only drawing them needs GL. */

static const float WHITE[4] = {1, 1, 1, 1};
static const float RED[4] = {1, 0, 0, 0.5f};

/* The bounding box of the vertices from `first` on. */
static void bounds(const app_hud *hud, uint32_t first, float box[4])
{
    box[0] = box[1] = 1e30f;
    box[2] = box[3] = -1e30f;
    for (uint32_t i = first; i < hud->count; ++i) {
        const gfx_canvas_vertex *v = &hud->vertices[i];
        box[0] = fminf(box[0], v->x);
        box[1] = fminf(box[1], v->y);
        box[2] = fmaxf(box[2], v->x);
        box[3] = fmaxf(box[3], v->y);
    }
}

static void test_rect_and_outline(void)
{
    app_hud hud = {0};
    app_hud_begin(&hud, 640, 480, 1.0f);
    app_hud_rect(&hud, 10, 20, 30, 40, RED);
    CHECK(hud.count == 6);
    float box[4];
    bounds(&hud, 0, box);
    CHECK(box[0] == 10 && box[1] == 20 && box[2] == 40 && box[3] == 60);
    CHECK(hud.vertices[0].rgba[0] == 1.0f && hud.vertices[0].rgba[3] == 0.5f);
    /* Two triangles that cover the rectangle once: their areas add up to it. */
    double area = 0;
    for (int t = 0; t < 2; ++t) {
        const gfx_canvas_vertex *a = &hud.vertices[3 * t], *b = a + 1, *c = a + 2;
        area += fabs((b->x - a->x) * (c->y - a->y) - (c->x - a->x) * (b->y - a->y)) / 2;
    }
    CHECK_NEAR(area, 30 * 40, 1e-3);

    app_hud_outline(&hud, 100, 100, 50, 30, 2, WHITE);
    CHECK(hud.count == 6 + 4 * 6);
    bounds(&hud, 6, box);
    CHECK(box[0] == 100 && box[1] == 100 && box[2] == 150 && box[3] == 130);

    /* Nothing for empty or off-screen shapes. */
    uint32_t before = hud.count;
    app_hud_rect(&hud, 10, 10, 0, 5, WHITE);
    app_hud_rect(&hud, 700, 10, 5, 5, WHITE);
    app_hud_rect(&hud, -20, 10, 5, 5, WHITE);
    CHECK(hud.count == before);

    app_hud_begin(&hud, 640, 480, 1.0f);
    CHECK(hud.count == 0);
    app_hud_unload(&hud);
}

static void test_disc(void)
{
    app_hud hud = {0};
    app_hud_begin(&hud, 640, 480, 1.0f);
    app_hud_disc(&hud, 100, 200, 8, WHITE);
    CHECK(hud.count > 0 && hud.count % 3 == 0);
    float box[4];
    bounds(&hud, 0, box);
    /* Round, out to the soft rim half a pixel beyond the radius: a polygon's
     * extent lies between r + 0.5 and its inscribed r. */
    CHECK_NEAR(box[0], 100 - 8.25, 0.26);
    CHECK_NEAR(box[2], 100 + 8.25, 0.26);
    CHECK_NEAR(box[1], 200 - 8.25, 0.26);
    CHECK_NEAR(box[3], 200 + 8.25, 0.26);
    /* The rim fades out: some vertices are clear, the centre is opaque. */
    int clear = 0;
    for (uint32_t i = 0; i < hud.count; ++i)
        clear += hud.vertices[i].rgba[3] == 0.0f;
    CHECK(clear > 0);
    CHECK(hud.vertices[0].x == 100 && hud.vertices[0].y == 200 && hud.vertices[0].rgba[3] == 1);
    uint32_t small = hud.count;
    app_hud_begin(&hud, 640, 480, 1.0f);
    app_hud_disc(&hud, 100, 200, 60, WHITE);
    CHECK(hud.count > small); /* a larger disc gets more segments */
    app_hud_unload(&hud);
}

static void test_text_sizes(void)
{
    app_hud hud = {0};
    app_hud_begin(&hud, 1920, 1080, 1.0f);
    float w1, h1, w2, h2, w3, h3;
    app_hud_text_size(&hud, "Lamp", &w1, &h1);
    app_hud_text_size(&hud, "Lamp azimuth", &w2, &h2);
    app_hud_text_size(&hud, "Lamp\nazimuth 30\xC2\xB0", &w3, &h3);
    CHECK(w1 > 0 && h1 > 0);
    CHECK(w2 > w1 && h2 == h1);
    CHECK(h3 > h1 * 2 && w3 > w1);
    float we, he;
    app_hud_text_size(&hud, "", &we, &he);
    CHECK(we == 0 && he == 0);
    app_hud_text_size(&hud, NULL, &we, &he);
    CHECK(we == 0 && he == 0);

    /* On a hi-DPI screen text is twice the size, in whole pixels per unit. */
    app_hud_begin(&hud, 1920, 1080, 2.0f);
    float w4, h4;
    app_hud_text_size(&hud, "Lamp azimuth", &w4, &h4);
    CHECK_NEAR(w4, 2 * w2, 1e-3);
    CHECK_NEAR(h4, 2 * h2, 1e-3);
    CHECK(w4 == floorf(w4) && h4 == floorf(h4));

    /* Strings are measured as drawn: one advance per glyph, '?' for
     * characters the font lacks, control characters as spaces. */
    float wu, wz, wc, ws, unused;
    app_hud_text_size(&hud, "a\xE2\x82\xACz", &wu, &unused); /* a, euro sign, z */
    app_hud_text_size(&hud, "a?z", &wz, &unused);
    app_hud_text_size(&hud, "a\tz", &wc, &unused);
    app_hud_text_size(&hud, "a z", &ws, &unused);
    CHECK(wu == wz && wc == ws);
    app_hud_unload(&hud);
}

static void test_text_vertices(void)
{
    app_hud hud = {0};
    app_hud_begin(&hud, 800, 600, 1.0f);
    float width = app_hud_text(&hud, 10.4f, 20.6f, WHITE, "HUD");
    uint32_t one = hud.count;
    /* Each stroke is a quad, drawn twice: the shadow then the text. */
    CHECK(one > 0 && one % 12 == 0);
    float w, h;
    app_hud_text_size(&hud, "HUD", &w, &h);
    CHECK(width == w);
    /* The second half is the text: white, its top-left snapped to (10, 21)
     * and its ink inside the measured box. */
    float box[4];
    bounds(&hud, one / 2, box);
    CHECK(box[0] == 10 && box[1] == 21);
    CHECK(box[2] <= 10 + w && box[3] <= 21 + h);
    CHECK(box[2] > 10 + w * 0.8f && box[3] > 21 + h * 0.6f);
    CHECK(hud.vertices[one / 2].rgba[0] == 1 && hud.vertices[one / 2].rgba[3] == 1);
    /* The first half is the shadow: dark, one pixel down and right. */
    bounds(&hud, 0, box);
    CHECK(box[0] == 10 && box[1] == 21);
    CHECK(hud.vertices[0].rgba[0] == 0 && hud.vertices[0].rgba[3] > 0.5f);
    CHECK(hud.vertices[0].x == hud.vertices[one / 2].x + 1);
    CHECK(hud.vertices[0].y == hud.vertices[one / 2].y + 1);

    /* More text, more vertices; spaces draw nothing. */
    uint32_t before = hud.count;
    app_hud_text(&hud, 10, 60, WHITE, "HUD HUD");
    CHECK(hud.count - before == 2 * one);
    before = hud.count;
    app_hud_text(&hud, 10, 60, WHITE, "   \n  ");
    CHECK(hud.count == before);
    app_hud_unload(&hud);
}

static void check_inside(const app_hud *hud, app_hud_box box, uint32_t first)
{
    CHECK(box.x >= 0 && box.y >= 0);
    CHECK(box.x + box.width <= (float)hud->fb_width && box.y + box.height <= (float)hud->fb_height);
    float b[4];
    bounds(hud, first, b);
    CHECK(b[0] >= box.x && b[1] >= box.y);
    CHECK(b[2] <= box.x + box.width + 1 && b[3] <= box.y + box.height + 1); /* +1: the shadow */
}

static void test_panel_anchors(void)
{
    app_hud hud = {0};
    const int W = 800, H = 600;
    const char *text = "turntable 135\xC2\xB0\nlamp 40\xC2\xB0 up, 2700 K";
    app_hud_begin(&hud, W, H, 1.0f);
    float pw, ph, tw, th;
    app_hud_panel_size(&hud, text, &pw, &ph);
    app_hud_text_size(&hud, text, &tw, &th);
    CHECK(pw > tw && ph > th);

    const float margin = 8;
    struct {
        float x, y;
        app_hud_anchor anchor;
    } corners[4] = {{margin, margin, APP_HUD_TOP_LEFT},
                    {W - margin, margin, APP_HUD_TOP_RIGHT},
                    {margin, H - margin, APP_HUD_BOTTOM_LEFT},
                    {W - margin, H - margin, APP_HUD_BOTTOM_RIGHT}};
    for (int c = 0; c < 4; ++c) {
        uint32_t first = hud.count;
        app_hud_box box =
            app_hud_panel(&hud, corners[c].x, corners[c].y, corners[c].anchor, WHITE, text);
        CHECK(box.width == pw && box.height == ph);
        check_inside(&hud, box, first);
        /* Each hugs its corner: the anchored corner lands on x, y. */
        bool right =
            corners[c].anchor == APP_HUD_TOP_RIGHT || corners[c].anchor == APP_HUD_BOTTOM_RIGHT;
        bool bottom =
            corners[c].anchor == APP_HUD_BOTTOM_LEFT || corners[c].anchor == APP_HUD_BOTTOM_RIGHT;
        CHECK_NEAR(right ? box.x + box.width : box.x, corners[c].x, 0.51);
        CHECK_NEAR(bottom ? box.y + box.height : box.y, corners[c].y, 0.51);
        /* The panel's background comes first, then the text over it. */
        CHECK(hud.vertices[first].rgba[3] < 1 && hud.vertices[first].rgba[0] < 0.2f);
    }

    /* Asked to stick out of the window, a panel is moved inside. */
    uint32_t first = hud.count;
    app_hud_box box = app_hud_panel(&hud, W + 50, -30, APP_HUD_TOP_LEFT, WHITE, text);
    check_inside(&hud, box, first);
    /* Empty text: no panel. */
    first = hud.count;
    box = app_hud_panel(&hud, 10, 10, APP_HUD_TOP_LEFT, WHITE, "");
    CHECK(hud.count == first && box.width == 0);
    app_hud_unload(&hud);
}

/* A runaway string (a file's contents pasted into a label) costs vertices
 * only for what is on screen, and the batch stops at its limit with an error
 * rather than growing without end. */
static void test_huge_text(void)
{
    enum { SIZE = 4 << 20 };
    char *text = malloc(SIZE + 1);
    CHECK(text != NULL);
    if (!text)
        return;
    for (int i = 0; i < SIZE; ++i)
        text[i] = (i % 97 == 96) ? '\n' : (char)(33 + (i * 7) % 94);
    text[SIZE] = 0;
    app_hud hud = {0};
    app_hud_begin(&hud, 1280, 800, 1.0f);
    float width = app_hud_text(&hud, 0, 0, WHITE, text);
    CHECK(width > 1000);
    CHECK(hud.count > 0 && hud.count <= APP_HUD_MAX_VERTICES);
    float w, h;
    app_hud_text_size(&hud, text, &w, &h);
    CHECK(h > 100000); /* measured in full, drawn only where visible */

    /* Wrong bytes are glyphs too: every byte value, no terminator until the end. */
    for (int i = 0; i < SIZE; ++i)
        text[i] = (char)(1 + i % 255);
    app_hud_begin(&hud, 1280, 800, 3.0f);
    app_hud_text(&hud, 0, 0, WHITE, text);
    app_hud_panel(&hud, 1280, 800, APP_HUD_BOTTOM_RIGHT, WHITE, text);

    /* Past the limit the batch refuses more, and says so. */
    app_hud_begin(&hud, 1 << 20, 1 << 20, 4.0f);
    for (int i = 0; i < SIZE; ++i)
        text[i] = (i % 200 == 199) ? '\n' : 'W';
    app_hud_text(&hud, 0, 0, WHITE, text);
    CHECK(hud.count <= APP_HUD_MAX_VERTICES);
    CHECK(hud.error == CORE_ERR_TOO_LARGE);
    /* No canvas here (no GL): ending reports the first problem and draws nothing. */
    CHECK(app_hud_end(&hud) == CORE_ERR_TOO_LARGE);
    CHECK(strstr(core_last_error(), "HUD") != NULL);
    CHECK(hud.count == 0);
    app_hud_unload(&hud);
    free(text);
}

static void test_end_without_canvas(void)
{
    app_hud hud = {0};
    app_hud_begin(&hud, 100, 100, 1.0f);
    CHECK(app_hud_end(&hud) == CORE_OK); /* nothing to draw */
    app_hud_rect(&hud, 0, 0, 10, 10, WHITE);
    CHECK(app_hud_end(&hud) == CORE_ERR_ARGUMENT);
    CHECK(strstr(core_last_error(), "app_hud_create") != NULL);
    app_hud_unload(&hud);
}

int main(void)
{
    test_rect_and_outline();
    test_disc();
    test_text_sizes();
    test_text_vertices();
    test_panel_anchors();
    test_huge_text();
    test_end_without_canvas();
    return check_done("test_hud");
}
