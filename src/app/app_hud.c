#include "app/app_hud.h"

#include "draw/draw_glyph.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* stb_easy_font's metrics in font units: a line every 12, ink from the top
 * of the capitals down to 9 (descenders), a one-unit gap after each glyph. */
enum { LINE_UNITS = 12, INK_UNITS = 9, GAP_UNITS = 1, PADDING_UNITS = 3 };

static const float PANEL_RGBA[4] = {0.04f, 0.04f, 0.05f, 0.72f};
static const float SHADOW_RGB[3] = {0.0f, 0.0f, 0.0f};

static void note_error(app_hud *hud, core_result error)
{
    if (hud->error == CORE_OK)
        hud->error = error;
}

static gfx_canvas_vertex *reserve(app_hud *hud, uint32_t n)
{
    if (n > APP_HUD_MAX_VERTICES || hud->count > APP_HUD_MAX_VERTICES - n) {
        note_error(hud, CORE_ERR_TOO_LARGE);
        return NULL;
    }
    if (hud->count + n > hud->capacity) {
        uint32_t capacity = hud->capacity ? hud->capacity : 1024;
        while (capacity < hud->count + n)
            capacity *= 2;
        if (capacity > APP_HUD_MAX_VERTICES)
            capacity = APP_HUD_MAX_VERTICES;
        gfx_canvas_vertex *grown = realloc(hud->vertices, capacity * sizeof *grown);
        if (!grown) {
            note_error(hud, CORE_ERR_NO_MEMORY);
            return NULL;
        }
        hud->vertices = grown;
        hud->capacity = capacity;
    }
    gfx_canvas_vertex *v = hud->vertices + hud->count;
    hud->count += n;
    return v;
}

static gfx_canvas_vertex vertex(float x, float y, const float rgba[4])
{
    return (gfx_canvas_vertex){x, y, {rgba[0], rgba[1], rgba[2], rgba[3]}};
}

static void quad(gfx_canvas_vertex *v, float x0, float y0, float x1, float y1, const float rgba[4])
{
    v[0] = vertex(x0, y0, rgba);
    v[1] = vertex(x1, y0, rgba);
    v[2] = vertex(x1, y1, rgba);
    v[3] = vertex(x0, y0, rgba);
    v[4] = vertex(x1, y1, rgba);
    v[5] = vertex(x0, y1, rgba);
}

/* Text is drawn in whole pixels per font unit, so every stroke is the same
 * width: 2 at scale 1, 4 at scale 2. */
static float text_unit(const app_hud *hud)
{
    float u = roundf(2.0f * (hud->scale > 0.0f ? hud->scale : 1.0f));
    return u < 1.0f ? 1.0f : u;
}

/* In font units: the widest line without its last glyph's gap, and the
 * number of lines (0 for no text). */
static void measure(const char *text, float *width_units, int *lines)
{
    *width_units = 0.0f;
    *lines = text && *text ? 1 : 0;
    float line = 0.0f;
    for (int g; text && (g = draw_glyph_next(&text, true)) != 0;) {
        if (g == '\n') {
            line = 0.0f;
            ++*lines;
            continue;
        }
        line += (float)draw_glyph_advance(g);
        if (line - GAP_UNITS > *width_units)
            *width_units = line - GAP_UNITS;
    }
}

void app_hud_text_size(const app_hud *hud, const char *text, float *width, float *height)
{
    float width_units;
    int lines;
    measure(text, &width_units, &lines);
    float u = text_unit(hud);
    *width = width_units * u;
    *height = lines ? (float)((lines - 1) * LINE_UNITS + INK_UNITS) * u : 0.0f;
}

static bool visible(const app_hud *hud, float x0, float y0, float x1, float y1)
{
    return x1 > 0.0f && y1 > 0.0f && x0 < (float)hud->fb_width && y0 < (float)hud->fb_height;
}

static void glyph(app_hud *hud, int g, float x, float y, float u, const float rgba[4])
{
    float boxes[32][4];
    int n = draw_glyph_boxes(g, boxes, 32);
    gfx_canvas_vertex *v = reserve(hud, 6u * (uint32_t)n);
    for (int i = 0; v && i < n; ++i)
        quad(v + 6 * i, x + boxes[i][0] * u, y + boxes[i][1] * u, x + boxes[i][2] * u,
             y + boxes[i][3] * u, rgba);
}

/* Glyphs wholly outside the framebuffer are skipped, so a runaway string
 * costs time to walk but no vertices. */
static void text_run(app_hud *hud, float x, float y, float u, const float rgba[4], const char *text)
{
    float pen = x;
    for (int g; (g = draw_glyph_next(&text, true)) != 0;) {
        if (g == '\n') {
            pen = x;
            y += LINE_UNITS * u;
            continue;
        }
        float advance = (float)draw_glyph_advance(g) * u;
        if (g != ' ' && visible(hud, pen, y, pen + advance, y + (INK_UNITS + 1) * u))
            glyph(hud, g, pen, y, u, rgba);
        pen += advance;
    }
}

float app_hud_text(app_hud *hud, float x, float y, const float rgba[4], const char *text)
{
    if (!text)
        return 0.0f;
    float u = text_unit(hud), shadow = fmaxf(1.0f, floorf(u / 2.0f));
    x = roundf(x);
    y = roundf(y);
    const float shadow_rgba[4] = {SHADOW_RGB[0], SHADOW_RGB[1], SHADOW_RGB[2], 0.8f * rgba[3]};
    /* All the shadow first: no glyph's shadow may fall on its neighbour. */
    text_run(hud, x + shadow, y + shadow, u, shadow_rgba, text);
    text_run(hud, x, y, u, rgba, text);
    float width, height;
    app_hud_text_size(hud, text, &width, &height);
    return width;
}

void app_hud_panel_size(const app_hud *hud, const char *text, float *width, float *height)
{
    app_hud_text_size(hud, text, width, height);
    if (*width <= 0.0f && *height <= 0.0f)
        return;
    float padding = PADDING_UNITS * text_unit(hud);
    *width += 2.0f * padding;
    *height += 2.0f * padding;
}

/* Pulls [start, start + size) inside [0, limit), keeping the start when it
 * cannot fit. */
static float inside(float start, float size, int limit)
{
    if (start + size > (float)limit)
        start = (float)limit - size;
    return start < 0.0f ? 0.0f : start;
}

app_hud_box app_hud_panel(app_hud *hud, float x, float y, app_hud_anchor anchor,
                          const float text_rgba[4], const char *text)
{
    app_hud_box box = {x, y, 0.0f, 0.0f};
    app_hud_panel_size(hud, text, &box.width, &box.height);
    if (box.width <= 0.0f)
        return box;
    if (anchor == APP_HUD_TOP_RIGHT || anchor == APP_HUD_BOTTOM_RIGHT)
        box.x -= box.width;
    if (anchor == APP_HUD_BOTTOM_LEFT || anchor == APP_HUD_BOTTOM_RIGHT)
        box.y -= box.height;
    box.x = roundf(inside(box.x, box.width, hud->fb_width));
    box.y = roundf(inside(box.y, box.height, hud->fb_height));
    app_hud_rect(hud, box.x, box.y, box.width, box.height, PANEL_RGBA);
    if (hud->box_count < APP_HUD_MAX_BOXES)
        hud->boxes[hud->box_count++] = box;
    float padding = PADDING_UNITS * text_unit(hud);
    app_hud_text(hud, box.x + padding, box.y + padding, text_rgba, text);
    return box;
}

void app_hud_note_box(app_hud *hud, app_hud_box box)
{
    if (hud->box_count < APP_HUD_MAX_BOXES)
        hud->boxes[hud->box_count++] = box;
}

void app_hud_rect(app_hud *hud, float x, float y, float w, float h, const float rgba[4])
{
    if (!(w > 0.0f && h > 0.0f) || !visible(hud, x, y, x + w, y + h))
        return;
    gfx_canvas_vertex *v = reserve(hud, 6);
    if (v)
        quad(v, x, y, x + w, y + h, rgba);
}

void app_hud_outline(app_hud *hud, float x, float y, float w, float h, float thickness,
                     const float rgba[4])
{
    float t = fminf(thickness, fminf(w, h) / 2.0f);
    if (!(t > 0.0f))
        return;
    app_hud_rect(hud, x, y, w, t, rgba);
    app_hud_rect(hud, x, y + h - t, w, t, rgba);
    app_hud_rect(hud, x, y + t, t, h - 2.0f * t, rgba);
    app_hud_rect(hud, x + w - t, y + t, t, h - 2.0f * t, rgba);
}

void app_hud_disc(app_hud *hud, float cx, float cy, float radius, const float rgba[4])
{
    float outer = radius + 0.5f, inner = fmaxf(radius - 0.5f, 0.0f);
    if (!(radius > 0.0f) || !visible(hud, cx - outer, cy - outer, cx + outer, cy + outer))
        return;
    /* Segments about 3 px long keep the edge round at any size. */
    uint32_t segments = (uint32_t)fminf(fmaxf(ceilf(6.2831853f * radius / 3.0f), 12.0f), 96.0f);
    gfx_canvas_vertex *v = reserve(hud, 9u * segments);
    if (!v)
        return;
    const float clear[4] = {rgba[0], rgba[1], rgba[2], 0.0f};
    for (uint32_t s = 0; s < segments; ++s, v += 9) {
        float a0 = 6.2831853f * (float)s / (float)segments;
        float a1 = 6.2831853f * (float)(s + 1) / (float)segments;
        float c0 = cosf(a0), s0 = sinf(a0), c1 = cosf(a1), s1 = sinf(a1);
        v[0] = vertex(cx, cy, rgba);
        v[1] = vertex(cx + inner * c0, cy + inner * s0, rgba);
        v[2] = vertex(cx + inner * c1, cy + inner * s1, rgba);
        /* The rim fades to clear over a pixel: a smooth edge without MSAA. */
        v[3] = vertex(cx + inner * c0, cy + inner * s0, rgba);
        v[4] = vertex(cx + outer * c0, cy + outer * s0, clear);
        v[5] = vertex(cx + outer * c1, cy + outer * s1, clear);
        v[6] = vertex(cx + inner * c0, cy + inner * s0, rgba);
        v[7] = vertex(cx + outer * c1, cy + outer * s1, clear);
        v[8] = vertex(cx + inner * c1, cy + inner * s1, rgba);
    }
}

core_result app_hud_create(app_hud *hud)
{
    memset(hud, 0, sizeof *hud);
    hud->scale = 1.0f;
    return gfx_canvas_create(&hud->canvas);
}

void app_hud_unload(app_hud *hud)
{
    gfx_canvas_unload(&hud->canvas);
    free(hud->vertices);
    memset(hud, 0, sizeof *hud);
}

void app_hud_begin(app_hud *hud, int fb_width, int fb_height, float scale)
{
    hud->count = 0;
    hud->box_count = 0;
    hud->fb_width = fb_width > 0 ? fb_width : 0;
    hud->fb_height = fb_height > 0 ? fb_height : 0;
    hud->scale = scale > 0.0f ? scale : 1.0f;
    hud->error = CORE_OK;
}

static void flush(app_hud *hud)
{
    if (hud->count && !hud->canvas.program.id)
        note_error(hud, CORE_ERR_ARGUMENT);
    else
        gfx_canvas_draw_triangles(&hud->canvas, hud->vertices, hud->count, hud->fb_width,
                                  hud->fb_height);
    hud->count = 0;
}

void app_hud_image(app_hud *hud, gfx_texture texture, float x, float y, float w, float h,
                   float opacity)
{
    flush(hud);
    if (!hud->canvas.image_program.id) {
        note_error(hud, CORE_ERR_ARGUMENT);
        return;
    }
    gfx_canvas_draw_image(&hud->canvas, texture, x, y, w, h, opacity, hud->fb_width,
                          hud->fb_height);
}

core_result app_hud_end(app_hud *hud)
{
    flush(hud);
    core_result error = hud->error;
    hud->error = CORE_OK;
    switch (error) {
    case CORE_OK: return CORE_OK;
    case CORE_ERR_NO_MEMORY:
        return core_fail(error, "not enough memory for the HUD; some of it is not shown");
    case CORE_ERR_TOO_LARGE:
        return core_fail(error, "the HUD needs more than %u vertices; the rest is not shown",
                         (unsigned)APP_HUD_MAX_VERTICES);
    default: return core_fail(error, "the HUD was drawn before app_hud_create made its canvas");
    }
}
