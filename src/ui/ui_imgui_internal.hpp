// What the ui_imgui*.cpp files share: the context behind ui.h's opaque
// ui_context. C++ only; never included from C.
#ifndef GLINT_UI_IMGUI_INTERNAL_HPP
#define GLINT_UI_IMGUI_INTERNAL_HPP

extern "C" {
#include "ui/ui.h"
}

#include <imgui.h>

#include <string>
#include <vector>

// A `ui set` or `ui click` from a script, waiting for its widget to be drawn.
struct ui_pending_action {
    bool active = false, click = false;
    std::string path, panel, value;
    int frames = 0; // frames it has waited for its widget
};

struct ui_context {
    ImGuiContext *imgui = nullptr;
    char *font_data = nullptr;
    size_t font_size = 0;
    float font_px = 15.0f, scale = 1.0f;
    uint32_t font_texture = 0;
    bool column_shown = true, column_open = false, in_panel = false;
    float column_width = 0.0f;
    std::string panel;
    float panel_top = 0.0f;
    std::vector<ui_rect> rects, last_rects;
    std::vector<ui_rect> sheets; // this frame's sheet windows, added to the rects at the end
    bool sheet_table = false;
    int sheet_tables = 0;
    std::vector<std::string> seen, last_seen;
    std::vector<std::string> texts, last_texts; // what the panels said ("Panel: text")
    ui_pending_action pending;
    std::string script_error;
    bool keys_to_release[UI_KEY_COUNT] = {};
    std::vector<ui_draw_list> lists;
    std::vector<ui_draw_command> commands;
};

// A script's pending action is over: `error` (NULL when it succeeded) is what
// ui_script_error reports.
void ui_script_done(ui_context *ui, const char *error);

#endif
