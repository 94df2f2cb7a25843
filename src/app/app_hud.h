#ifndef GLINT_APP_HUD_H
#define GLINT_APP_HUD_H

/* The viewer's heads-up display: rectangles, outlines, discs and text,
 * batched on the CPU during a frame and drawn through gfx_canvas at the end
 * (or before each image, so images keep their place in the order). All
 * coordinates are framebuffer pixels from the top-left; colours are display
 * values 0..1 with straight alpha. Text is stb_easy_font: printable ASCII and
 * the degree sign; other characters show as '?'. Only the building needs no
 * GL, so a zero-initialised app_hud can batch in a unit test. */

#include "core/core_result.h"
#include "gfx/gfx.h"

#include <stdbool.h>
#include <stdint.h>

/* More than a 4K screen full of text; past it shapes are left out and
 * app_hud_end reports CORE_ERR_TOO_LARGE. */
#define APP_HUD_MAX_VERTICES (1u << 20)

typedef struct app_hud_box {
    float x, y, width, height;
} app_hud_box;

#define APP_HUD_MAX_BOXES 32

typedef struct app_hud {
    gfx_canvas canvas;
    gfx_canvas_vertex *vertices;
    uint32_t count, capacity;
    int fb_width, fb_height;
    float scale;       /* 1 at 96 dpi, 2 on a hi-DPI screen */
    core_result error; /* the first failure while batching, reported by app_hud_end */
    /* The panels drawn this frame, for the layout tests (`ui rects`). */
    app_hud_box boxes[APP_HUD_MAX_BOXES];
    int box_count;
} app_hud;

typedef enum app_hud_anchor {
    APP_HUD_TOP_LEFT,
    APP_HUD_TOP_RIGHT,
    APP_HUD_BOTTOM_LEFT,
    APP_HUD_BOTTOM_RIGHT
} app_hud_anchor;

/* Makes the gfx_canvas: needs a current GL context. */
core_result app_hud_create(app_hud *hud);
void app_hud_unload(app_hud *hud);

/* Starts a frame's batch. scale <= 0 counts as 1. */
void app_hud_begin(app_hud *hud, int fb_width, int fb_height, float scale);
/* Records a box drawn by other means (a marker and its word) with the panels'
 * boxes, so the layout checks (`ui rects`) see it too. */
void app_hud_note_box(app_hud *hud, app_hud_box box);
void app_hud_rect(app_hud *hud, float x, float y, float w, float h, const float rgba[4]);
/* A frame of the given thickness inside the rectangle; its sides do not
 * overlap, so a translucent colour stays even. */
void app_hud_outline(app_hud *hud, float x, float y, float w, float h, float thickness,
                     const float rgba[4]);
/* A filled circle with a one-pixel soft rim (the lamp marker). */
void app_hud_disc(app_hud *hud, float cx, float cy, float radius, const float rgba[4]);

/* The size text takes at the HUD's scale: the widest line, and the lines'
 * height down to the lowest descender. */
void app_hud_text_size(const app_hud *hud, const char *text, float *width, float *height);
/* Text with '\n' line breaks, its top-left at x, y (snapped to whole
 * pixels), over a dark shadow one pixel (times the scale) down and right so
 * it reads over any model. Returns the width drawn. */
float app_hud_text(app_hud *hud, float x, float y, const float rgba[4], const char *text);
/* The size of app_hud_panel's box around the text. */
void app_hud_panel_size(const app_hud *hud, const char *text, float *width, float *height);
/* Text on a translucent dark panel with padding. The anchor says which
 * corner of the panel x, y is, so panels can hug any corner of the window; a
 * panel that would stick out is moved inside (its top-left wins when it is
 * larger than the window). Returns the panel's box, for stacking the next. */
app_hud_box app_hud_panel(app_hud *hud, float x, float y, app_hud_anchor anchor,
                          const float text_rgba[4], const char *text);

/* Draws what is batched so far (needs GL), then the image over it, so images
 * come in the order they were asked for. See gfx_canvas_draw_image for which
 * textures show upright. */
void app_hud_image(app_hud *hud, gfx_texture texture, float x, float y, float w, float h,
                   float opacity);
/* Draws the rest of the batch. Fails with what went wrong while batching
 * (memory, too many shapes, no app_hud_create); what could be batched is
 * still drawn. */
core_result app_hud_end(app_hud *hud);

#endif
