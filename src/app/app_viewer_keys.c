#include "app/app_viewer.h"

#include <string.h>

/* Blender's and Sketchfab's habits where they have one; otherwise a letter
 * that names the thing (L lamp, T temperature), Shift for the other way. */
const app_viewer_binding app_viewer_bindings[] = {
    {PLAT_KEY_SPACE, 0, APP_ACTION_TURNTABLE, "start or stop the turntable"},
    {PLAT_KEY_LEFT, 0, APP_ACTION_STEP_BACK, "turn the turntable back by one step"},
    {PLAT_KEY_RIGHT, 0, APP_ACTION_STEP_FORWARD, "turn the turntable on by one step"},
    {PLAT_KEY_LEFT_BRACKET, 0, APP_ACTION_STEP_SMALLER, "smaller step (1, 5, 15, 45, 90 deg)"},
    {PLAT_KEY_RIGHT_BRACKET, 0, APP_ACTION_STEP_LARGER, "larger step"},
    {PLAT_KEY_DOWN, 0, APP_ACTION_SLOWER, "turntable slower (1-90 deg/s)"},
    {PLAT_KEY_UP, 0, APP_ACTION_FASTER, "turntable faster"},
    {PLAT_KEY_A + ('F' - 'A'), 0, APP_ACTION_FRAME, "frame the model (zoom and pan reset)"},
    {PLAT_KEY_HOME, 0, APP_ACTION_RESET, "reset camera, lamp and turntable to the start"},
    {PLAT_KEY_A + ('L' - 'A'), PLAT_MOD_SHIFT, APP_ACTION_LAMP_CLOSER, "lamp closer"},
    {PLAT_KEY_A + ('L' - 'A'), 0, APP_ACTION_LAMP_FARTHER, "lamp farther"},
    {PLAT_KEY_A + ('K' - 'A'), PLAT_MOD_SHIFT, APP_ACTION_LAMP_SMALLER,
     "smaller lamp (harder highlights)"},
    {PLAT_KEY_A + ('K' - 'A'), 0, APP_ACTION_LAMP_LARGER, "larger lamp (softer highlights)"},
    {PLAT_KEY_A + ('T' - 'A'), PLAT_MOD_SHIFT, APP_ACTION_LAMP_WARMER, "warmer lamp (-500 K)"},
    {PLAT_KEY_A + ('T' - 'A'), 0, APP_ACTION_LAMP_COOLER, "cooler lamp (+500 K)"},
    {PLAT_KEY_A + ('I' - 'A'), PLAT_MOD_SHIFT, APP_ACTION_LAMP_DIMMER, "dimmer lamp"},
    {PLAT_KEY_A + ('I' - 'A'), 0, APP_ACTION_LAMP_BRIGHTER, "brighter lamp"},
    {PLAT_KEY_A + ('E' - 'A'), PLAT_MOD_SHIFT, APP_ACTION_EXPOSURE_DOWN, "exposure -1/3 stop"},
    {PLAT_KEY_A + ('E' - 'A'), 0, APP_ACTION_EXPOSURE_UP, "exposure +1/3 stop"},
    {PLAT_KEY_0, 0, APP_ACTION_FINISH_FROM_FILE, "finish from the file (selected part or all)"},
    {PLAT_KEY_0 + 1, 0, APP_ACTION_FINISH_MATTE, "matte"},
    {PLAT_KEY_0 + 2, 0, APP_ACTION_FINISH_SATIN, "satin"},
    {PLAT_KEY_0 + 3, 0, APP_ACTION_FINISH_GLOSS, "gloss"},
    {PLAT_KEY_0 + 4, 0, APP_ACTION_FINISH_METAL, "metal"},
    {PLAT_KEY_0 + 5, 0, APP_ACTION_FINISH_TRANSLUCENT, "translucent"},
    {PLAT_KEY_TAB, 0, APP_ACTION_NEXT_PART, "select the next part (then all parts)"},
    {PLAT_KEY_TAB, PLAT_MOD_SHIFT, APP_ACTION_PREVIOUS_PART, "select the previous part"},
    {PLAT_KEY_A + ('Z' - 'A'), 0, APP_ACTION_FOCUS,
     "frame the selected part, as --focus (a macro lens: same distance, narrower view); "
     "again: the whole model"},
    {PLAT_KEY_A + ('V' - 'A'), 0, APP_ACTION_NEXT_VIEW,
     "next view: shaded, specular, diffuse, normals, silhouette, clay, squint"},
    {PLAT_KEY_A + ('V' - 'A'), PLAT_MOD_SHIFT, APP_ACTION_PREVIOUS_VIEW, "previous view"},
    {PLAT_KEY_A + ('W' - 'A'), 0, APP_ACTION_NEXT_ROOM,
     "next room around the lamp: dark, desk, studio (--room)"},
    {PLAT_KEY_A + ('W' - 'A'), PLAT_MOD_SHIFT, APP_ACTION_PREVIOUS_ROOM, "previous room"},
    {PLAT_KEY_A + ('C' - 'A'), 0, APP_ACTION_COMPARE,
     "compare finishes side by side (matte | satin | gloss), or back to one view"},
    {PLAT_KEY_A + ('C' - 'A'), PLAT_MOD_SHIFT, APP_ACTION_COMPARE_COUNT,
     "compare 2, 3 or 4 finishes (the 4th: none, the bare paint)"},
    {PLAT_KEY_A + ('D' - 'A'), 0, APP_ACTION_DETECTOR, "live detector overlay on or off"},
    {PLAT_KEY_F1 + 11, 0, APP_ACTION_SCREENSHOT, "screenshot of the view (PNG + settings JSON)"},
    {PLAT_KEY_F1 + 11, PLAT_MOD_SHIFT, APP_ACTION_SCREENSHOT_LARGE,
     "screenshot rendered offscreen at the shot size"},
    {PLAT_KEY_A + ('S' - 'A'), PLAT_MOD_CONTROL, APP_ACTION_SAVE_PRESET,
     "save the current settings as a preset"},
    {PLAT_KEY_A + ('R' - 'A'), 0, APP_ACTION_RELOAD, "reload the model from disk"},
    {PLAT_KEY_A + ('U' - 'A'), 0, APP_ACTION_NEXT_UP,
     "stand the model up: the next up axis (y, z, -y, -z, x, -x)"},
    {PLAT_KEY_A + ('P' - 'A'), 0, APP_ACTION_NEXT_PAINT,
     "paint the selected part (or all): the next named paint, then the file's colours"},
    {PLAT_KEY_A + ('P' - 'A'), PLAT_MOD_SHIFT, APP_ACTION_PREVIOUS_PAINT, "the previous paint"},
    {PLAT_KEY_A + ('H' - 'A'), 0, APP_ACTION_HELP, "this help sheet"},
    {PLAT_KEY_F1, 0, APP_ACTION_HELP, "this help sheet"},
    {PLAT_KEY_A + ('H' - 'A'), PLAT_MOD_SHIFT, APP_ACTION_HUD, "hide or show the HUD"},
    {PLAT_KEY_ESCAPE, 0, APP_ACTION_QUIT, "close the help sheet, else quit"},
    {PLAT_KEY_A + ('Q' - 'A'), 0, APP_ACTION_QUIT, "quit (as Esc)"},
    /* The numeric keypad as in Blender; the number row stays the finishes. */
    {PLAT_KEY_KP_0 + 1, 0, APP_ACTION_VIEW_FRONT, "camera: front view"},
    {PLAT_KEY_KP_0 + 1, PLAT_MOD_CONTROL, APP_ACTION_VIEW_BACK, "camera: back view"},
    {PLAT_KEY_KP_0 + 3, 0, APP_ACTION_VIEW_RIGHT, "camera: right side"},
    {PLAT_KEY_KP_0 + 3, PLAT_MOD_CONTROL, APP_ACTION_VIEW_LEFT, "camera: left side"},
    {PLAT_KEY_KP_0 + 7, 0, APP_ACTION_VIEW_TOP, "camera: from above"},
    {PLAT_KEY_KP_0 + 7, PLAT_MOD_CONTROL, APP_ACTION_VIEW_BOTTOM, "camera: from below"},
    {PLAT_KEY_A + ('Z' - 'A'), PLAT_MOD_CONTROL, APP_ACTION_UNDO,
     "undo a change to the lamp, finishes, paint or view"},
    {PLAT_KEY_A + ('Z' - 'A'), PLAT_MOD_CONTROL | PLAT_MOD_SHIFT, APP_ACTION_REDO,
     "redo what Ctrl+Z undid"},
    {PLAT_KEY_A + ('Y' - 'A'), PLAT_MOD_CONTROL, APP_ACTION_REDO, "redo (as Ctrl+Shift+Z)"},
};
const int app_viewer_binding_count =
    (int)(sizeof app_viewer_bindings / sizeof *app_viewer_bindings);

const app_viewer_mouse_binding app_viewer_mouse_bindings[] = {
    {PLAT_BUTTON_LEFT, 0, APP_DRAG_ORBIT, "orbit the camera"},
    {PLAT_BUTTON_LEFT, PLAT_MOD_CONTROL, APP_DRAG_LAMP,
     "move the lamp around the model (azimuth, elevation)"},
    {PLAT_BUTTON_LEFT, PLAT_MOD_ALT, APP_DRAG_LAMP, "move the lamp (as Ctrl)"},
    {PLAT_BUTTON_LEFT, PLAT_MOD_SHIFT, APP_DRAG_PAN, "pan (for a one-button mouse)"},
    {PLAT_BUTTON_RIGHT, 0, APP_DRAG_PAN, "pan"},
    {PLAT_BUTTON_MIDDLE, 0, APP_DRAG_PAN, "pan"},
};
const int app_viewer_mouse_binding_count =
    (int)(sizeof app_viewer_mouse_bindings / sizeof *app_viewer_mouse_bindings);

/* Caps Lock and Num Lock are not modifiers here; Super is left to the desktop. */
static unsigned relevant(unsigned mods)
{
    return mods & (PLAT_MOD_SHIFT | PLAT_MOD_CONTROL | PLAT_MOD_ALT);
}

app_viewer_action app_viewer_action_for_key(plat_key key, unsigned mods)
{
    for (int i = 0; i < app_viewer_binding_count; ++i)
        if (app_viewer_bindings[i].key == key && app_viewer_bindings[i].mods == relevant(mods))
            return app_viewer_bindings[i].action;
    return APP_ACTION_NONE;
}

app_viewer_drag app_viewer_drag_for_button(plat_button button, unsigned mods)
{
    for (int i = 0; i < app_viewer_mouse_binding_count; ++i)
        if (app_viewer_mouse_bindings[i].button == button &&
            app_viewer_mouse_bindings[i].mods == relevant(mods))
            return app_viewer_mouse_bindings[i].drag;
    return APP_DRAG_NONE;
}

static void mods_prefix(unsigned mods, char *text, size_t size)
{
    snprintf(text, size, "%s%s%s", (mods & PLAT_MOD_CONTROL) ? "Ctrl+" : "",
             (mods & PLAT_MOD_ALT) ? "Alt+" : "", (mods & PLAT_MOD_SHIFT) ? "Shift+" : "");
}

void app_viewer_key_label(plat_key key, unsigned mods, char *text, size_t size)
{
    char prefix[32];
    mods_prefix(mods, prefix, sizeof prefix);
    snprintf(text, size, "%s%s", prefix, plat_key_name(key));
}

void app_viewer_button_label(plat_button button, unsigned mods, char *text, size_t size)
{
    static const char *const names[] = {"Left-drag", "Right-drag", "Middle-drag"};
    char prefix[32];
    mods_prefix(mods, prefix, sizeof prefix);
    snprintf(text, size, "%s%s", prefix, names[button]);
}

/* Appends to a fixed buffer, cutting off rather than overflowing. */
static void append(char *text, size_t size, size_t *used, const char *line)
{
    if (*used + 1 >= size)
        return;
    int n = snprintf(text + *used, size - *used, "%s", line);
    if (n > 0)
        *used += (size_t)n < size - *used ? (size_t)n : size - *used - 1;
}

const char *const app_viewer_groups[] = {"Turntable",        "Lamp",
                                         "Finishes and paint", "Camera and views",
                                         "Files and shots",  "Window"};
const int app_viewer_group_count = (int)(sizeof app_viewer_groups / sizeof *app_viewer_groups);

const char *app_viewer_action_group(app_viewer_action action)
{
    switch (action) {
    case APP_ACTION_TURNTABLE:
    case APP_ACTION_STEP_BACK:
    case APP_ACTION_STEP_FORWARD:
    case APP_ACTION_STEP_SMALLER:
    case APP_ACTION_STEP_LARGER:
    case APP_ACTION_SLOWER:
    case APP_ACTION_FASTER: return app_viewer_groups[0];
    case APP_ACTION_LAMP_CLOSER:
    case APP_ACTION_LAMP_FARTHER:
    case APP_ACTION_LAMP_SMALLER:
    case APP_ACTION_LAMP_LARGER:
    case APP_ACTION_LAMP_WARMER:
    case APP_ACTION_LAMP_COOLER:
    case APP_ACTION_LAMP_DIMMER:
    case APP_ACTION_LAMP_BRIGHTER:
    case APP_ACTION_NEXT_ROOM:
    case APP_ACTION_PREVIOUS_ROOM: return app_viewer_groups[1];
    case APP_ACTION_FINISH_FROM_FILE:
    case APP_ACTION_FINISH_MATTE:
    case APP_ACTION_FINISH_SATIN:
    case APP_ACTION_FINISH_GLOSS:
    case APP_ACTION_FINISH_METAL:
    case APP_ACTION_FINISH_TRANSLUCENT:
    case APP_ACTION_NEXT_PART:
    case APP_ACTION_PREVIOUS_PART:
    case APP_ACTION_NEXT_PAINT:
    case APP_ACTION_PREVIOUS_PAINT:
    case APP_ACTION_COMPARE:
    case APP_ACTION_COMPARE_COUNT:
    case APP_ACTION_DETECTOR: return app_viewer_groups[2];
    case APP_ACTION_FRAME:
    case APP_ACTION_RESET:
    case APP_ACTION_EXPOSURE_DOWN:
    case APP_ACTION_EXPOSURE_UP:
    case APP_ACTION_NEXT_VIEW:
    case APP_ACTION_PREVIOUS_VIEW:
    case APP_ACTION_FOCUS:
    case APP_ACTION_NEXT_UP:
    case APP_ACTION_VIEW_FRONT:
    case APP_ACTION_VIEW_BACK:
    case APP_ACTION_VIEW_RIGHT:
    case APP_ACTION_VIEW_LEFT:
    case APP_ACTION_VIEW_TOP:
    case APP_ACTION_VIEW_BOTTOM: return app_viewer_groups[3];
    case APP_ACTION_SCREENSHOT:
    case APP_ACTION_SCREENSHOT_LARGE:
    case APP_ACTION_SAVE_PRESET:
    case APP_ACTION_RELOAD: return app_viewer_groups[4];
    case APP_ACTION_HELP:
    case APP_ACTION_HUD:
    case APP_ACTION_UNDO:
    case APP_ACTION_REDO:
    case APP_ACTION_QUIT: return app_viewer_groups[5];
    default: return NULL;
    }
}

void app_viewer_help_text(char *text, size_t size)
{
    size_t used = 0;
    char line[256], label[48];
    text[0] = '\0';
    append(text, size, &used, "Mouse\n");
    for (int i = 0; i < app_viewer_mouse_binding_count; ++i) {
        const app_viewer_mouse_binding *b = &app_viewer_mouse_bindings[i];
        app_viewer_button_label(b->button, b->mods, label, sizeof label);
        snprintf(line, sizeof line, "  %-18s %s\n", label, b->help);
        append(text, size, &used, line);
    }
    append(text, size, &used, "  Wheel              zoom\n  Drop a file        open it\n");
    for (int g = 0; g < app_viewer_group_count; ++g) {
        snprintf(line, sizeof line, "%s\n", app_viewer_groups[g]);
        append(text, size, &used, line);
        for (int i = 0; i < app_viewer_binding_count; ++i) {
            const app_viewer_binding *b = &app_viewer_bindings[i];
            if (app_viewer_action_group(b->action) != app_viewer_groups[g])
                continue;
            app_viewer_key_label(b->key, b->mods, label, sizeof label);
            snprintf(line, sizeof line, "  %-18s %s\n", label, b->help);
            append(text, size, &used, line);
        }
    }
}

void app_viewer_controls_markdown(FILE *out)
{
    char label[48];
    fputs("| Control | What it does |\n|---|---|\n", out);
    for (int i = 0; i < app_viewer_mouse_binding_count; ++i) {
        const app_viewer_mouse_binding *b = &app_viewer_mouse_bindings[i];
        app_viewer_button_label(b->button, b->mods, label, sizeof label);
        fprintf(out, "| %s | %s |\n", label, b->help);
    }
    fputs("| Wheel | zoom |\n| Drop a file on the window | open it (a glint PNG: apply its "
          "settings) |\n",
          out);
    for (int g = 0; g < app_viewer_group_count; ++g) {
        fprintf(out, "| **%s** | |\n", app_viewer_groups[g]);
        for (int i = 0; i < app_viewer_binding_count; ++i) {
            const app_viewer_binding *b = &app_viewer_bindings[i];
            if (app_viewer_action_group(b->action) != app_viewer_groups[g])
                continue;
            app_viewer_key_label(b->key, b->mods, label, sizeof label);
            fprintf(out, "| `%s` | ", label);
            /* A table cell cannot hold a bare '|'. */
            for (const char *c = b->help; *c; ++c)
                fputs(*c == '|' ? "\\|" : (char[2]){*c, '\0'}, out);
            fputs(" |\n", out);
        }
    }
}
