// The C API of ui.h over Dear ImGui 1.86: context, input, panels and widgets.
// The sheets, script queue and frame end are in ui_imgui_frame.cpp; everything
// ImGui stays in these files.
extern "C" {
#include "ui/ui.h"

#include "core/core_file.h"
#include "core/core_log.h"
}

#include "ui_imgui_internal.hpp"

#include <imgui.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <strings.h>
#include <vector>

namespace {

const char *const default_font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

bool load_font(ui_context *ui)
{
    ImGuiIO &io = ImGui::GetIO();
    io.Fonts->Clear();
    float px = std::round(ui->font_px * ui->scale);
    if (ui->font_data) {
        ImFontConfig config;
        config.FontDataOwnedByAtlas = false; // ours: freed in ui_destroy
        io.Fonts->AddFontFromMemoryTTF(ui->font_data, static_cast<int>(ui->font_size), px,
                                       &config);
    } else {
        ImFontConfig config;
        config.SizePixels = px;
        io.Fonts->AddFontDefault(&config);
    }
    return io.Fonts->Build();
}

std::string path_of(const ui_context *ui, const char *label)
{
    return ui->panel + "/" + label;
}

// Whether the pending script action is for this widget; marks the path seen.
bool scripted(ui_context *ui, const std::string &path)
{
    ui->seen.push_back(path);
    return ui->pending.active && ui->pending.path == path;
}


void tooltip(const char *help)
{
    if (help && help[0] && ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", help);
}

} // namespace

void ui_script_done(ui_context *ui, const char *error)
{
    ui->pending.active = false;
    ui->script_error = error ? error : "";
}

extern "C" {

core_result ui_create(const ui_desc *desc, ui_context **out)
{
    *out = nullptr;
    ui_context *ui = new (std::nothrow) ui_context;
    if (!ui)
        return core_fail(CORE_ERR_NO_MEMORY, "out of memory for the panels");
    if (desc && desc->font_px > 0.0f)
        ui->font_px = desc->font_px;
    const char *font = desc && desc->font_path ? desc->font_path : default_font;
    // Read here rather than by ImGui, which asserts on a missing file.
    if (core_file_read(font, 64u << 20, &ui->font_data, &ui->font_size) != CORE_OK) {
        core_log(CORE_LOG_DEBUG, "panels: %s; using ImGui's own font", core_last_error());
        ui->font_data = nullptr;
    }
    ui->imgui = ImGui::CreateContext();
    if (!ui->imgui) {
        ui_destroy(ui);
        return core_fail(CORE_ERR_NO_MEMORY, "cannot create the panels' context");
    }
    ImGui::SetCurrentContext(ui->imgui);
    ImGuiIO &io = ImGui::GetIO();
    io.IniFilename = nullptr; // nothing written into the user's folder
    io.LogFilename = nullptr;
    io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
    const int map[UI_KEY_COUNT][2] = {
        {ImGuiKey_Tab, UI_KEY_TAB},         {ImGuiKey_LeftArrow, UI_KEY_LEFT},
        {ImGuiKey_RightArrow, UI_KEY_RIGHT}, {ImGuiKey_UpArrow, UI_KEY_UP},
        {ImGuiKey_DownArrow, UI_KEY_DOWN},   {ImGuiKey_Home, UI_KEY_HOME},
        {ImGuiKey_End, UI_KEY_END},          {ImGuiKey_Backspace, UI_KEY_BACKSPACE},
        {ImGuiKey_Enter, UI_KEY_ENTER},      {ImGuiKey_Escape, UI_KEY_ESCAPE},
        {ImGuiKey_A, UI_KEY_A}};
    for (const auto &m : map)
        io.KeyMap[m[0]] = m[1];
    ImGui::StyleColorsDark();
    ImGuiStyle &style = ImGui::GetStyle();
    style.WindowRounding = 0.0f;
    style.Colors[ImGuiCol_WindowBg].w = 1.0f; // the column stands beside the picture, not over it
    if (!load_font(ui)) {
        ui_destroy(ui);
        return core_fail(CORE_ERR_GPU, "cannot build the panels' font");
    }
    *out = ui;
    return CORE_OK;
}

void ui_destroy(ui_context *ui)
{
    if (!ui)
        return;
    if (ui->imgui)
        ImGui::DestroyContext(ui->imgui);
    core_file_free(ui->font_data);
    delete ui;
}

void ui_font_pixels(ui_context *ui, const uint8_t **rgba, int *width, int *height)
{
    ImGui::SetCurrentContext(ui->imgui);
    unsigned char *pixels = nullptr;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, width, height);
    *rgba = pixels;
}

void ui_set_font_texture(ui_context *ui, uint32_t texture)
{
    ImGui::SetCurrentContext(ui->imgui);
    ui->font_texture = texture;
    ImGui::GetIO().Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<uintptr_t>(texture)));
}

bool ui_set_scale(ui_context *ui, float scale)
{
    scale = std::fmin(std::fmax(scale, 0.5f), 4.0f);
    if (std::fabs(scale - ui->scale) < 0.01f)
        return false;
    ImGui::SetCurrentContext(ui->imgui);
    ImGuiStyle &style = ImGui::GetStyle();
    style.ScaleAllSizes(scale / ui->scale);
    ui->scale = scale;
    load_font(ui);
    return true;
}

void ui_input_cursor(ui_context *ui, float x, float y)
{
    ImGui::SetCurrentContext(ui->imgui);
    ImGui::GetIO().MousePos = ImVec2(x, y);
}

void ui_input_button(ui_context *ui, int button, bool down)
{
    ImGui::SetCurrentContext(ui->imgui);
    if (button >= 0 && button < 3)
        ImGui::GetIO().MouseDown[button] = down;
}

void ui_input_scroll(ui_context *ui, float steps)
{
    ImGui::SetCurrentContext(ui->imgui);
    ImGui::GetIO().MouseWheel += steps;
}

void ui_input_key(ui_context *ui, ui_key key, bool ctrl, bool shift)
{
    if (key < 0 || key >= UI_KEY_COUNT)
        return;
    ImGui::SetCurrentContext(ui->imgui);
    ImGuiIO &io = ImGui::GetIO();
    // plat reports presses only: down for this frame, up at the next.
    io.KeysDown[key] = true;
    io.KeyCtrl = ctrl;
    io.KeyShift = shift;
    ui->keys_to_release[key] = true;
}

void ui_input_char(ui_context *ui, unsigned codepoint)
{
    ImGui::SetCurrentContext(ui->imgui);
    ImGui::GetIO().AddInputCharacter(codepoint);
}

bool ui_wants_mouse(const ui_context *ui)
{
    ImGui::SetCurrentContext(ui->imgui);
    return ImGui::GetIO().WantCaptureMouse;
}

bool ui_wants_keyboard(const ui_context *ui)
{
    ImGui::SetCurrentContext(ui->imgui);
    return ImGui::GetIO().WantCaptureKeyboard || ImGui::GetIO().WantTextInput;
}

void ui_frame_begin(ui_context *ui, int fb_width, int fb_height, float seconds)
{
    ImGui::SetCurrentContext(ui->imgui);
    ImGuiIO &io = ImGui::GetIO();
    io.DisplaySize = ImVec2(static_cast<float>(fb_width), static_cast<float>(fb_height));
    io.DisplayFramebufferScale = ImVec2(1.0f, 1.0f);
    io.DeltaTime = seconds > 1e-4f ? seconds : 1e-4f;
    ImGui::NewFrame();
    ui->column_open = false;
    ui->column_width = ui_column_width(ui, fb_width);
    ui->rects.clear();
    ui->sheets.clear();
    ui->seen.clear();
    ui->texts.clear();
}

float ui_column_width(const ui_context *ui, int fb_width)
{
    // Wide enough for a slider and its label; never more than 3/10 of the
    // window, so the model's centre stays clear at 640 pixels.
    float wanted = 300.0f * ui->scale;
    return std::fmin(wanted, 0.3f * static_cast<float>(fb_width));
}

void ui_column_show(ui_context *ui, bool shown)
{
    ui->column_shown = shown;
}

static bool open_column(ui_context *ui)
{
    if (!ui->column_shown)
        return false;
    if (ui->column_open)
        return true;
    ImGuiIO &io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x - ui->column_width, 0.0f), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(ui->column_width, io.DisplaySize.y), ImGuiCond_Always);
    ImGui::Begin("##glint panels", nullptr,
                 ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize |
                     ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse |
                     ImGuiWindowFlags_NoSavedSettings);
    ImGui::PushItemWidth(-ui->column_width * 0.42f); // labels on the right, 42 % of the column
    ui->column_open = true;
    return true;
}

static void record_panel(ui_context *ui)
{
    ImVec2 bottom = ImGui::GetCursorScreenPos();
    ui_rect r = {};
    r.kind = UI_RECT_PANEL;
    std::snprintf(r.title, sizeof r.title, "%s", ui->panel.c_str());
    r.x = ImGui::GetWindowPos().x;
    r.y = ui->panel_top;
    r.w = ImGui::GetWindowWidth();
    r.h = bottom.y - ui->panel_top;
    ui->rects.push_back(r);
}

bool ui_panel_begin(ui_context *ui, const char *title, bool open_at_start)
{
    if (!open_column(ui))
        return false;
    if (ui->pending.active && ui->pending.panel == title)
        ImGui::SetNextItemOpen(true); // a script reaches into a collapsed panel
    ui->panel = title;
    ui->panel_top = ImGui::GetCursorScreenPos().y;
    bool open =
        ImGui::CollapsingHeader(title, open_at_start ? ImGuiTreeNodeFlags_DefaultOpen : 0);
    if (!open) {
        record_panel(ui); // its title bar only
        return false;
    }
    ImGui::PushID(title);
    ui->in_panel = true;
    return true;
}

void ui_panel_end(ui_context *ui)
{
    if (!ui->in_panel)
        return;
    ImGui::PopID();
    ImGui::Spacing();
    record_panel(ui);
    ui->in_panel = false;
}

bool ui_slider(ui_context *ui, const char *label, float *value, float min, float max,
               const char *format, bool logarithmic, const char *help)
{
    std::string path = path_of(ui, label);
    bool changed = ImGui::SliderFloat(label, value, min, max, format,
                                      logarithmic ? ImGuiSliderFlags_Logarithmic : 0);
    tooltip(help);
    if (scripted(ui, path)) {
        char *end = nullptr;
        double v = std::strtod(ui->pending.value.c_str(), &end);
        if (end == ui->pending.value.c_str() || *end || !std::isfinite(v) || v < min || v > max) {
            char error[256];
            std::snprintf(error, sizeof error, "%s: '%s' is not a number from %g to %g",
                          path.c_str(), ui->pending.value.c_str(), (double)min, (double)max);
            ui_script_done(ui, error);
        } else {
            *value = static_cast<float>(v);
            changed = true;
            ui_script_done(ui, nullptr);
        }
    }
    return changed;
}

bool ui_choice(ui_context *ui, const char *label, int *index, const char *const *names, int count,
               const char *help)
{
    std::string path = path_of(ui, label);
    bool changed = false;
    const char *preview = *index >= 0 && *index < count ? names[*index] : "";
    if (ImGui::BeginCombo(label, preview)) {
        for (int i = 0; i < count; ++i) {
            if (ImGui::Selectable(names[i], i == *index) && i != *index) {
                *index = i;
                changed = true;
            }
        }
        ImGui::EndCombo();
    }
    tooltip(help);
    if (scripted(ui, path)) {
        int found = -1;
        for (int i = 0; i < count; ++i)
            if (strcasecmp(names[i], ui->pending.value.c_str()) == 0)
                found = i;
        if (found < 0) {
            std::string error = path + ": no choice '" + ui->pending.value + "' (";
            for (int i = 0; i < count; ++i)
                error += std::string(i ? ", " : "") + names[i];
            ui_script_done(ui, (error + ")").c_str());
        } else {
            changed = found != *index;
            *index = found;
            ui_script_done(ui, nullptr);
        }
    }
    return changed;
}

bool ui_toggle(ui_context *ui, const char *label, bool *value, const char *help)
{
    std::string path = path_of(ui, label);
    bool changed = ImGui::Checkbox(label, value);
    tooltip(help);
    if (scripted(ui, path)) {
        const std::string &v = ui->pending.value;
        bool on = v == "on" || v == "1" || v == "true", off = v == "off" || v == "0" || v == "false";
        if (!on && !off) {
            ui_script_done(ui, (path + ": '" + v + "' is not on or off").c_str());
        } else {
            changed = *value != on;
            *value = on;
            ui_script_done(ui, nullptr);
        }
    }
    return changed;
}

bool ui_button(ui_context *ui, const char *label, const char *help)
{
    std::string path = path_of(ui, label);
    bool clicked = ImGui::Button(label);
    tooltip(help);
    if (scripted(ui, path)) {
        if (!ui->pending.click) {
            ui_script_done(ui, (path + ": a button is clicked, not set").c_str());
        } else {
            clicked = true;
            ui_script_done(ui, nullptr);
        }
    }
    return clicked;
}

bool ui_field(ui_context *ui, const char *label, char *text, size_t size, const char *help)
{
    std::string path = path_of(ui, label);
    bool entered = ImGui::InputText(label, text, size, ImGuiInputTextFlags_EnterReturnsTrue);
    tooltip(help);
    if (scripted(ui, path)) {
        if (ui->pending.click || ui->pending.value.size() >= size) {
            ui_script_done(ui, (path + (ui->pending.click ? ": a field is set, not clicked"
                                                : ": the text is too long"))
                         .c_str());
        } else {
            std::snprintf(text, size, "%s", ui->pending.value.c_str());
            entered = true;
            ui_script_done(ui, nullptr);
        }
    }
    return entered;
}

size_t ui_panel_texts(const ui_context *ui, char *out, size_t size)
{
    std::string all;
    for (const std::string &line : ui->last_texts)
        all += line + "\n";
    if (size)
        std::snprintf(out, size, "%s", all.c_str());
    return all.size();
}

void ui_same_line(ui_context *)
{
    ImGui::SameLine();
}

// Kept for `ui texts`: the panel's name and the text, its line breaks as " / ".
static void note_text(ui_context *ui, const char *text)
{
    if (!ui->in_panel)
        return;
    std::string line = ui->panel + ": ";
    for (const char *c = text; *c; ++c)
        line += *c == '\n' ? std::string(" / ") : std::string(1, *c);
    ui->texts.push_back(line);
}

void ui_text(ui_context *ui, const char *text)
{
    note_text(ui, text);
    ImGui::TextWrapped("%s", text);
}

void ui_text_coloured(ui_context *ui, const float rgb[3], const char *text)
{
    note_text(ui, text);
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(rgb[0], rgb[1], rgb[2], 1.0f));
    ImGui::TextWrapped("%s", text);
    ImGui::PopStyleColor();
}

void ui_swatch(ui_context *, const float rgb[3])
{
    ImGui::SameLine();
    ImGui::ColorButton("##swatch", ImVec4(rgb[0], rgb[1], rgb[2], 1.0f),
                       ImGuiColorEditFlags_NoTooltip | ImGuiColorEditFlags_NoPicker);
}

bool ui_list(ui_context *ui, const char *label, int *selected, const char *const *names, int count,
             int rows)
{
    std::string path = path_of(ui, label);
    bool changed = false;
    float height = ImGui::GetTextLineHeightWithSpacing() * static_cast<float>(rows) +
                   ImGui::GetStyle().FramePadding.y * 2.0f;
    if (ImGui::BeginListBox(label, ImVec2(-1.0f, height))) {
        for (int i = 0; i < count; ++i) {
            ImGui::PushID(i);
            if (ImGui::Selectable(names[i], i == *selected)) {
                changed = i != *selected;
                *selected = i;
            }
            ImGui::PopID();
        }
        ImGui::EndListBox();
    }
    if (scripted(ui, path)) {
        int found = -1;
        for (int i = 0; i < count; ++i)
            if (strcasecmp(names[i], ui->pending.value.c_str()) == 0)
                found = i;
        if (found < 0) {
            ui_script_done(ui, (path + ": no entry '" + ui->pending.value + "'").c_str());
        } else {
            changed = found != *selected;
            *selected = found;
            ui_script_done(ui, nullptr);
        }
    }
    return changed;
}

void ui_plot(ui_context *, const char *label, const float *values, int count, float min, float max,
             float height_px)
{
    ImGui::PlotLines(label, values, count, 0, nullptr, min, max, ImVec2(0.0f, height_px));
}

void ui_separator(ui_context *)
{
    ImGui::Separator();
}

} // extern "C"
