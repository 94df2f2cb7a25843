#ifndef GLINT_UI_H
#define GLINT_UI_H

/* ui: the viewer's panels, through Dear ImGui (Debian's libimgui-dev, linked
 * statically) behind a C API; no ImGui type crosses this header. It neither
 * draws nor reads the window: the caller feeds it input (from plat's events)
 * and draws the triangles it hands back (through gfx), so GL stays in gfx and
 * GLFW in plat. Widgets are addressed by "Panel/Label" paths, which scripts
 * use to drive them (ui_script_set, ui_script_click) through the same code a
 * click takes. Uses core only. */

#include "core/core_result.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct ui_context ui_context;

/* Zero fields mean "default". */
typedef struct ui_desc {
    const char *font_path; /* a TTF; default DejaVu Sans from fonts-dejavu-core, else
                              ImGui's built-in font */
    float font_px;         /* the font's size at scale 1; default 15 */
} ui_desc;

core_result ui_create(const ui_desc *desc, ui_context **ui);
void ui_destroy(ui_context *ui);

/* The font atlas (RGBA8, rows top to bottom) for the caller to upload, and
 * the texture id it got; the draw commands name it. Changes after ui_set_scale. */
void ui_font_pixels(ui_context *ui, const uint8_t **rgba, int *width, int *height);
void ui_set_font_texture(ui_context *ui, uint32_t texture);
/* The text size: 1 at a normal screen; the atlas is rebuilt when it changes
 * (then ui_font_pixels again). Returns true when the atlas changed. */
bool ui_set_scale(ui_context *ui, float scale);

/* Input, in framebuffer pixels. Keys are glint's plat_key codes (ui does not
 * include plat: the caller passes the numbers); text is what a key types. */
typedef enum ui_key {
    UI_KEY_TAB = 0,
    UI_KEY_LEFT,
    UI_KEY_RIGHT,
    UI_KEY_UP,
    UI_KEY_DOWN,
    UI_KEY_HOME,
    UI_KEY_END,
    UI_KEY_BACKSPACE,
    UI_KEY_ENTER,
    UI_KEY_ESCAPE,
    UI_KEY_A, /* select all, with Ctrl */
    UI_KEY_COUNT
} ui_key;
void ui_input_cursor(ui_context *ui, float x, float y);
void ui_input_button(ui_context *ui, int button, bool down); /* 0 left, 1 right, 2 middle */
void ui_input_scroll(ui_context *ui, float steps);
void ui_input_key(ui_context *ui, ui_key key, bool ctrl, bool shift);
void ui_input_char(ui_context *ui, unsigned codepoint);

/* Whether the panels take the mouse or the keyboard this frame: then the
 * viewer does not act on it. */
bool ui_wants_mouse(const ui_context *ui);
bool ui_wants_keyboard(const ui_context *ui);

/* One frame: begin, widgets, end. */
void ui_frame_begin(ui_context *ui, int fb_width, int fb_height, float seconds);

/* A panel docked in the column at the right edge (ui_column_width wide),
 * below the previous one; a collapsed panel shows its title only. Returns
 * whether it is open. */
bool ui_panel_begin(ui_context *ui, const char *title, bool open_at_start);
void ui_panel_end(ui_context *ui);
/* The column's width in pixels at this size and scale. */
float ui_column_width(const ui_context *ui, int fb_width);
/* The column as a whole: false hides it (the HUD key). */
void ui_column_show(ui_context *ui, bool shown);

/* Widgets: each returns true when the user (or a script) changed it. */
bool ui_slider(ui_context *ui, const char *label, float *value, float min, float max,
               const char *format, bool logarithmic, const char *help);
bool ui_choice(ui_context *ui, const char *label, int *index, const char *const *names, int count,
               const char *help);
bool ui_toggle(ui_context *ui, const char *label, bool *value, const char *help);
bool ui_button(ui_context *ui, const char *label, const char *help);
/* A line of text to type (a file's path, a size) into `text` (`size`
 * bytes); true when Enter was pressed in it or a script set it. */
bool ui_field(ui_context *ui, const char *label, char *text, size_t size, const char *help);
/* Buttons on one line. */
void ui_same_line(ui_context *ui);
void ui_text(ui_context *ui, const char *text);
void ui_text_coloured(ui_context *ui, const float rgb[3], const char *text);
void ui_swatch(ui_context *ui, const float rgb[3]); /* a colour sample on the line */
/* A list to pick one entry from; returns true when the pick changed. */
bool ui_list(ui_context *ui, const char *label, int *selected, const char *const *names, int count,
             int rows);
void ui_plot(ui_context *ui, const char *label, const float *values, int count, float min,
             float max, float height_px);
void ui_separator(ui_context *ui);

/* A sheet of two-column rows in its own window over the picture (the help):
 * at x, y with the size w x h (pixels), scrolling when it is longer; headings
 * start groups. Returns false (and needs no end) when not drawn. */
bool ui_sheet_begin(ui_context *ui, const char *title, float x, float y, float w, float h);
void ui_sheet_heading(ui_context *ui, const char *text);
void ui_sheet_row(ui_context *ui, const char *left, const char *right);
void ui_sheet_end(ui_context *ui);

/* Scripts: the next frame, the widget at "Panel/Label" takes `value` (a
 * number, a choice's name, on/off) or is clicked, as if by hand. Returns
 * false when no widget of that path was seen in the last frame (the panel
 * missing, collapsed or the label wrong). */
bool ui_script_set(ui_context *ui, const char *path, const char *value);
bool ui_script_click(ui_context *ui, const char *path);
/* Whether a scripted action still waits for its widget (it gets two
 * frames), and the error of the last one that was not taken (NULL: taken). */
bool ui_script_pending(const ui_context *ui);
const char *ui_script_error(const ui_context *ui);

/* The panels' rectangles of the last frame (framebuffer pixels), for the
 * layout tests: up to `capacity`, each x, y, w, h; returns how many. */
typedef enum ui_rect_kind { UI_RECT_COLUMN = 0, UI_RECT_PANEL, UI_RECT_SHEET } ui_rect_kind;
typedef struct ui_rect {
    ui_rect_kind kind;
    char title[64];
    float x, y, w, h;
} ui_rect;
int ui_panel_rects(const ui_context *ui, ui_rect *rects, int capacity);
/* What the panels' texts (ui_text) said in the last frame, one line each,
 * "Panel: text" with a text's line breaks as " / ", for tests (`ui texts`):
 * written into out (at most size - 1 bytes and a NUL); returns the length
 * it needs. */
size_t ui_panel_texts(const ui_context *ui, char *out, size_t size);

/* The frame's triangles, in ImGui's layout (ImDrawVert: x, y, u, v, then
 * colour as RGBA bytes; 16-bit indices), valid until the next frame. */
typedef struct ui_draw_vertex {
    float x, y, u, v;
    uint8_t rgba[4];
} ui_draw_vertex;
typedef struct ui_draw_command {
    uint32_t index_offset, index_count, vertex_offset;
    float clip[4]; /* x0, y0, x1, y1 in framebuffer pixels */
    uint32_t texture;
} ui_draw_command;
typedef struct ui_draw_list {
    const ui_draw_vertex *vertices;
    uint32_t vertex_count;
    const uint16_t *indices;
    uint32_t index_count;
    const ui_draw_command *commands;
    uint32_t command_count;
} ui_draw_list;
/* Ends the frame; the lists (one per ImGui window layer) go to gfx. */
void ui_frame_end(ui_context *ui, const ui_draw_list **lists, int *count);

#endif
