// ui.h continued: the help sheet's windows, scripted actions, the panels'
// rectangles and the end of a frame (ImGui's draw data handed out as plain
// triangle lists for gfx to draw).
#include "ui_imgui_internal.hpp"

#include <cstdint>
#include <cstdio>
#include <cstring>

extern "C" {

bool ui_sheet_begin(ui_context *ui, const char *title, float x, float y, float w, float h)
{
    if (w < 1.0f || h < 1.0f)
        return false;
    ImGui::SetNextWindowPos(ImVec2(x, y), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(w, h), ImGuiCond_Always);
    ImGui::SetNextWindowBgAlpha(0.92f);
    ImGui::Begin(title, nullptr,
                 ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse |
                     ImGuiWindowFlags_NoSavedSettings);
    ui->sheet_table = false;
    ui->sheet_tables = 0;
    ui_rect r = {};
    r.kind = UI_RECT_SHEET;
    std::snprintf(r.title, sizeof r.title, "%s", title);
    r.x = x, r.y = y, r.w = w, r.h = h;
    ui->sheets.push_back(r);
    return true;
}

static void end_table(ui_context *ui)
{
    if (ui->sheet_table)
        ImGui::EndTable();
    ui->sheet_table = false;
}

void ui_sheet_heading(ui_context *ui, const char *text)
{
    end_table(ui);
    ImGui::Spacing();
    ImGui::TextUnformatted(text);
    ImGui::Separator();
    // Each group's table has its own id (an ID pushed around BeginTable alone
    // would not be there at EndTable, which ImGui asserts on).
    char id[32];
    std::snprintf(id, sizeof id, "##rows%d", ui->sheet_tables++);
    ui->sheet_table = ImGui::BeginTable(id, 2, ImGuiTableFlags_SizingFixedFit);
    if (ui->sheet_table)
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed),
            ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch);
}

void ui_sheet_row(ui_context *ui, const char *left, const char *right)
{
    if (!ui->sheet_table)
        ui_sheet_heading(ui, "");
    if (!ui->sheet_table)
        return;
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(left);
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", right);
}

void ui_sheet_end(ui_context *ui)
{
    end_table(ui);
    ImGui::End();
}

static bool queue(ui_context *ui, const char *path, const char *value, bool click)
{
    const char *slash = std::strchr(path, '/');
    if (!slash || slash == path || !slash[1])
        return false;
    ui->pending.active = true;
    ui->pending.click = click;
    ui->pending.path = path;
    ui->pending.panel = std::string(path, static_cast<size_t>(slash - path));
    ui->pending.value = value ? value : "";
    ui->pending.frames = 0;
    ui->script_error.clear();
    return true;
}

bool ui_script_set(ui_context *ui, const char *path, const char *value)
{
    return queue(ui, path, value, false);
}

bool ui_script_click(ui_context *ui, const char *path)
{
    return queue(ui, path, nullptr, true);
}

const char *ui_script_error(const ui_context *ui)
{
    if (ui->pending.active)
        return nullptr; // not reached yet
    return ui->script_error.empty() ? nullptr : ui->script_error.c_str();
}

bool ui_script_pending(const ui_context *ui)
{
    return ui->pending.active;
}

int ui_panel_rects(const ui_context *ui, ui_rect *rects, int capacity)
{
    int n = 0;
    for (const ui_rect &r : ui->last_rects) {
        if (n == capacity)
            break;
        rects[n++] = r;
    }
    return n;
}

void ui_frame_end(ui_context *ui, const ui_draw_list **lists, int *count)
{
    ImGui::SetCurrentContext(ui->imgui);
    if (ui->column_open) {
        ImGui::PopItemWidth();
        ImGui::End();
        if (!ui->rects.empty()) { // the column as a whole comes first
            ui_rect column = {};
            column.kind = UI_RECT_COLUMN;
            std::snprintf(column.title, sizeof column.title, "column");
            column.x = ImGui::GetIO().DisplaySize.x - ui->column_width;
            column.w = ui->column_width;
            column.h = ImGui::GetIO().DisplaySize.y;
            ui->rects.insert(ui->rects.begin(), column);
        }
    }
    // A script's widget is given two frames to appear (one to open its panel).
    if (ui->pending.active && ++ui->pending.frames > 2)
        ui_script_done(ui, (ui->pending.path + ": no such control (see docs/viewer.md for the panels)").c_str());
    ImGui::Render();
    ImGuiIO &io = ImGui::GetIO();
    for (int k = 0; k < UI_KEY_COUNT; ++k)
        if (ui->keys_to_release[k])
            io.KeysDown[k] = false, ui->keys_to_release[k] = false;
    ui->last_rects = ui->rects;
    ui->last_rects.insert(ui->last_rects.end(), ui->sheets.begin(), ui->sheets.end());
    ui->last_seen = ui->seen;
    ui->last_texts = ui->texts;
    ImDrawData *data = ImGui::GetDrawData();
    ui->lists.clear();
    ui->commands.clear();
    if (!data || !data->Valid) {
        *lists = nullptr;
        *count = 0;
        return;
    }
    // Commands first (the vector may grow), then the lists pointing into it.
    std::vector<size_t> first(static_cast<size_t>(data->CmdListsCount));
    for (int l = 0; l < data->CmdListsCount; ++l) {
        const ImDrawList *list = data->CmdLists[l];
        first[static_cast<size_t>(l)] = ui->commands.size();
        for (const ImDrawCmd &c : list->CmdBuffer) {
            if (c.UserCallback || c.ElemCount == 0)
                continue;
            ui_draw_command out = {};
            out.index_offset = c.IdxOffset;
            out.index_count = c.ElemCount;
            out.vertex_offset = c.VtxOffset;
            out.clip[0] = c.ClipRect.x - data->DisplayPos.x;
            out.clip[1] = c.ClipRect.y - data->DisplayPos.y;
            out.clip[2] = c.ClipRect.z - data->DisplayPos.x;
            out.clip[3] = c.ClipRect.w - data->DisplayPos.y;
            out.texture = static_cast<uint32_t>(reinterpret_cast<uintptr_t>(c.TextureId));
            ui->commands.push_back(out);
        }
    }
    static_assert(sizeof(ImDrawVert) == sizeof(ui_draw_vertex), "ImDrawVert's layout");
    static_assert(sizeof(ImDrawIdx) == sizeof(uint16_t), "16-bit indices");
    for (int l = 0; l < data->CmdListsCount; ++l) {
        const ImDrawList *list = data->CmdLists[l];
        size_t begin = first[static_cast<size_t>(l)];
        size_t end = l + 1 < data->CmdListsCount ? first[static_cast<size_t>(l) + 1]
                                                  : ui->commands.size();
        ui_draw_list out = {};
        out.vertices = reinterpret_cast<const ui_draw_vertex *>(list->VtxBuffer.Data);
        out.vertex_count = static_cast<uint32_t>(list->VtxBuffer.Size);
        out.indices = list->IdxBuffer.Data;
        out.index_count = static_cast<uint32_t>(list->IdxBuffer.Size);
        out.commands = ui->commands.data() + begin;
        out.command_count = static_cast<uint32_t>(end - begin);
        ui->lists.push_back(out);
    }
    *lists = ui->lists.data();
    *count = static_cast<int>(ui->lists.size());
}

} // extern "C"
