#include "../check.h"

#include "app/app_options.h"
#include "app/app_viewer.h"
#include "app/app_viewer_script.h"
#include "core/core_result.h"

#include <stdlib.h>
#include <string.h>

/* The interactive viewer's pure core, without a GPU or a window: the key and
 * mouse tables, key names, what actions and events do to the state, and the
 * --script language. A render_model on the stack stands in for an uploaded
 * one: the viewer only reads its parts and bounds. */

enum { PART_COUNT = 3 };

static scene_part fake_parts[PART_COUNT];

static render_model fake_model(void)
{
    static const char *const names[PART_COUNT] = {"cloak", "face", "eyes"};
    for (int p = 0; p < PART_COUNT; ++p) {
        memset(&fake_parts[p], 0, sizeof fake_parts[p]);
        snprintf(fake_parts[p].name, sizeof fake_parts[p].name, "%s", names[p]);
        /* Each part's own first guess, told apart from every preset by its roughness. */
        fake_parts[p].finish = scene_finish_from_material(0.0f, 0.61f + 0.1f * (float)p, 0.0f);
    }
    render_model model;
    memset(&model, 0, sizeof model);
    model.parts = fake_parts;
    model.part_count = PART_COUNT;
    model.bounds.radius = 20.0f;
    for (int i = 0; i < 3; ++i) {
        model.bounds.min[i] = -20.0f;
        model.bounds.max[i] = 20.0f;
    }
    return model;
}

static void init_viewer(app_viewer *viewer, const render_model *model)
{
    app_options options;
    app_options_init(&options, SETTINGS_VIEW);
    app_viewer_init(viewer, &options, model);
}

static void press(app_viewer *viewer, plat_key key, unsigned mods)
{
    plat_event event = {.kind = PLAT_EVENT_KEY, .key = key, .mods = mods, .down = true};
    app_viewer_handle_event(viewer, &event, 0.0);
}

static plat_key letter(char c)
{
    return (plat_key)(PLAT_KEY_A + (c - 'A'));
}

static scene_shot resolved(const app_viewer *viewer)
{
    return scene_shot_resolve(&viewer->frame.shot, &viewer->bounds);
}

/* The per-part finish the frame of `viewport` gives the part called `name`,
 * or -1 when it has no entry of its own. */
static int frame_part_finish(const app_viewer *viewer, int viewport, const char *name)
{
    render_part_finish list[APP_VIEWER_MAX_PARTS];
    render_frame_desc frame = app_viewer_viewport_frame(viewer, viewport, list);
    int found = -1;
    for (uint32_t i = 0; i < frame.part_finish_count; ++i)
        if (strcmp(frame.part_finishes[i].part, name) == 0)
            found = (int)frame.part_finishes[i].finish;
    return found;
}

static scene_finish_kind frame_finish(const app_viewer *viewer, int viewport)
{
    render_part_finish list[APP_VIEWER_MAX_PARTS];
    return app_viewer_viewport_frame(viewer, viewport, list).finish;
}

static uint32_t frame_override_count(const app_viewer *viewer, int viewport)
{
    render_part_finish list[APP_VIEWER_MAX_PARTS];
    return app_viewer_viewport_frame(viewer, viewport, list).part_finish_count;
}

/* ---- the tables ---------------------------------------------------------- */

/* True when `text` has a line "  LABEL<spaces>HELP": the help sheet's columns. */
static int help_has_line(const char *text, const char *label, const char *help)
{
    size_t label_length = strlen(label), help_length = strlen(help);
    for (const char *line = text; *line;) {
        const char *end = strchr(line, '\n');
        size_t length = end ? (size_t)(end - line) : strlen(line);
        const char *p = line;
        while (p < line + length && *p == ' ')
            ++p;
        if ((size_t)(line + length - p) > label_length && strncmp(p, label, label_length) == 0 &&
            p[label_length] == ' ') {
            const char *rest = p + label_length;
            while (rest < line + length && *rest == ' ')
                ++rest;
            if ((size_t)(line + length - rest) == help_length &&
                strncmp(rest, help, help_length) == 0)
                return 1;
        }
        if (!end)
            break;
        line = end + 1;
    }
    return 0;
}

static char *read_stream(FILE *file)
{
    long size = ftell(file);
    char *text = calloc(1, (size_t)(size > 0 ? size : 0) + 1);
    if (!text)
        return NULL;
    rewind(file);
    size_t got = fread(text, 1, (size_t)(size > 0 ? size : 0), file);
    text[got] = '\0';
    return text;
}

static void test_key_table(void)
{
    CHECK(app_viewer_binding_count > 0);
    for (int i = 0; i < app_viewer_binding_count; ++i) {
        const app_viewer_binding *b = &app_viewer_bindings[i];
        CHECK(b->key > PLAT_KEY_NONE && b->key < PLAT_KEY_COUNT);
        CHECK(b->action > APP_ACTION_NONE && b->action < APP_ACTION_COUNT);
        CHECK(b->help && b->help[0]);
        for (int j = i + 1; j < app_viewer_binding_count; ++j) {
            const app_viewer_binding *other = &app_viewer_bindings[j];
            if (b->key == other->key && b->mods == other->mods) {
                CHECK(!"a key and modifiers bound twice");
                fprintf(stderr, "  bindings %d and %d: %s mods %u\n", i, j, plat_key_name(b->key),
                        b->mods);
            }
        }
    }
    for (int action = APP_ACTION_QUIT; action < APP_ACTION_COUNT; ++action) {
        int bound = 0;
        for (int i = 0; i < app_viewer_binding_count; ++i)
            bound += app_viewer_bindings[i].action == (app_viewer_action)action;
        if (!bound)
            fprintf(stderr, "  action %d has no key\n", action);
        CHECK(bound > 0);
    }
    /* Lookups find each binding; Super is the desktop's, not a modifier here. */
    for (int i = 0; i < app_viewer_binding_count; ++i) {
        const app_viewer_binding *b = &app_viewer_bindings[i];
        CHECK(app_viewer_action_for_key(b->key, b->mods) == b->action);
        CHECK(app_viewer_action_for_key(b->key, b->mods | PLAT_MOD_SUPER) == b->action);
        /* Shift is a modifier: it gives another action, or none. */
        if (!(b->mods & PLAT_MOD_SHIFT))
            CHECK(app_viewer_action_for_key(b->key, b->mods | PLAT_MOD_SHIFT) != b->action);
    }
    CHECK(app_viewer_action_for_key(PLAT_KEY_SPACE, 0) == APP_ACTION_TURNTABLE);
    CHECK(app_viewer_action_for_key(letter('L'), 0) == APP_ACTION_LAMP_FARTHER);
    CHECK(app_viewer_action_for_key(letter('L'), PLAT_MOD_SHIFT) == APP_ACTION_LAMP_CLOSER);
    CHECK(app_viewer_action_for_key(letter('L'), PLAT_MOD_SHIFT | PLAT_MOD_SUPER) ==
          APP_ACTION_LAMP_CLOSER);
    CHECK(app_viewer_action_for_key(PLAT_KEY_F12, PLAT_MOD_SHIFT) == APP_ACTION_SCREENSHOT_LARGE);
    CHECK(app_viewer_action_for_key(letter('S'), 0) == APP_ACTION_NONE);
    CHECK(app_viewer_action_for_key(letter('S'), PLAT_MOD_CONTROL) == APP_ACTION_SAVE_PRESET);
    CHECK(app_viewer_action_for_key(PLAT_KEY_NONE, 0) == APP_ACTION_NONE);

    char label[64];
    app_viewer_key_label(PLAT_KEY_F12, PLAT_MOD_SHIFT, label, sizeof label);
    CHECK(strcmp(label, "Shift+F12") == 0);
    app_viewer_key_label(letter('S'), PLAT_MOD_CONTROL, label, sizeof label);
    CHECK(strcmp(label, "Ctrl+S") == 0);
    app_viewer_button_label(PLAT_BUTTON_LEFT, PLAT_MOD_CONTROL, label, sizeof label);
    CHECK(strcmp(label, "Ctrl+Left-drag") == 0);
}

static void test_mouse_table(void)
{
    CHECK(app_viewer_mouse_binding_count > 0);
    int drags[4] = {0};
    for (int i = 0; i < app_viewer_mouse_binding_count; ++i) {
        const app_viewer_mouse_binding *b = &app_viewer_mouse_bindings[i];
        CHECK(b->drag > APP_DRAG_NONE && b->drag <= APP_DRAG_LAMP);
        CHECK(b->help && b->help[0]);
        if (b->drag > APP_DRAG_NONE && b->drag <= APP_DRAG_LAMP)
            drags[b->drag]++;
        for (int j = i + 1; j < app_viewer_mouse_binding_count; ++j)
            CHECK(!(b->button == app_viewer_mouse_bindings[j].button &&
                    b->mods == app_viewer_mouse_bindings[j].mods));
        CHECK(app_viewer_drag_for_button(b->button, b->mods) == b->drag);
        CHECK(app_viewer_drag_for_button(b->button, b->mods | PLAT_MOD_SUPER) == b->drag);
    }
    CHECK(drags[APP_DRAG_ORBIT] > 0 && drags[APP_DRAG_PAN] > 0 && drags[APP_DRAG_LAMP] > 0);
    CHECK(app_viewer_drag_for_button(PLAT_BUTTON_LEFT, 0) == APP_DRAG_ORBIT);
    CHECK(app_viewer_drag_for_button(PLAT_BUTTON_LEFT, PLAT_MOD_CONTROL) == APP_DRAG_LAMP);
    CHECK(app_viewer_drag_for_button(PLAT_BUTTON_RIGHT, 0) == APP_DRAG_PAN);
}

static void test_help_and_markdown(void)
{
    static char help[65536];
    app_viewer_help_text(help, sizeof help);
    /* `glint view --help` prints it from an 8192-byte buffer: it must fit. */
    CHECK(strlen(help) > 0 && strlen(help) < 8191);

    FILE *file = tmpfile();
    CHECK(file != NULL);
    if (!file)
        return;
    app_viewer_controls_markdown(file);
    fflush(file);
    char *markdown = read_stream(file);
    fclose(file);
    CHECK(markdown != NULL);
    if (!markdown)
        return;
    static const char header[] = "| Control | What it does |\n|---|---|\n";
    CHECK(strncmp(markdown, header, strlen(header)) == 0);

    char label[64], row[512];
    for (int i = 0; i < app_viewer_binding_count; ++i) {
        const app_viewer_binding *b = &app_viewer_bindings[i];
        app_viewer_key_label(b->key, b->mods, label, sizeof label);
        CHECK(label[0] != '\0' && !strchr(label, ' '));
        if (!help_has_line(help, label, b->help)) {
            CHECK(!"a key binding missing from the help sheet");
            fprintf(stderr, "  %s: %s\n", label, b->help);
        }
        /* In the table a '|' of the help is escaped. */
        char escaped[400];
        size_t n = 0;
        for (const char *c = b->help; *c && n + 3 < sizeof escaped; ++c) {
            if (*c == '|')
                escaped[n++] = '\\';
            escaped[n++] = *c;
        }
        escaped[n] = '\0';
        snprintf(row, sizeof row, "\n| `%s` | %s |\n", label, escaped);
        if (!strstr(markdown, row)) {
            CHECK(!"a key binding missing from the Markdown table");
            fprintf(stderr, "  %s", row + 1);
        }
    }
    for (int i = 0; i < app_viewer_mouse_binding_count; ++i) {
        const app_viewer_mouse_binding *b = &app_viewer_mouse_bindings[i];
        app_viewer_button_label(b->button, b->mods, label, sizeof label);
        CHECK(label[0] != '\0' && !strchr(label, ' '));
        if (!help_has_line(help, label, b->help)) {
            CHECK(!"a mouse binding missing from the help sheet");
            fprintf(stderr, "  %s: %s\n", label, b->help);
        }
        snprintf(row, sizeof row, "\n| %s | %s |\n", label, b->help);
        if (!strstr(markdown, row)) {
            CHECK(!"a mouse binding missing from the Markdown table");
            fprintf(stderr, "  %s", row + 1);
        }
    }
    /* Every row of the table has exactly its two cells: a '|' inside a cell
     * must be escaped, or Markdown splits the row into more columns. */
    int rows = 0;
    for (const char *line = markdown; *line;) {
        const char *end = strchr(line, '\n');
        size_t length = end ? (size_t)(end - line) : strlen(line);
        int bars = 0;
        for (size_t i = 0; i < length; ++i)
            bars += line[i] == '|' && (i == 0 || line[i - 1] != '\\');
        if (bars != 3) {
            CHECK(!"a Markdown row without exactly two cells");
            fprintf(stderr, "  %.*s\n", (int)length, line);
        }
        rows += length > 0;
        if (!end)
            break;
        line = end + 1;
    }
    /* header and rule, each binding, wheel and drop, and a row per group */
    CHECK(rows == 2 + app_viewer_binding_count + app_viewer_mouse_binding_count + 2 + 6);
    free(markdown);

    /* A short buffer is cut off, terminated, never overrun. */
    char small[40];
    memset(small, 'x', sizeof small);
    app_viewer_help_text(small, 24);
    CHECK(strlen(small) < 24);
    CHECK(strncmp(small, help, strlen(small)) == 0);
    CHECK(small[24] == 'x' && small[39] == 'x');
}

/* ---- key names ----------------------------------------------------------- */

static void test_key_names(void)
{
    for (int key = PLAT_KEY_NONE + 1; key < PLAT_KEY_COUNT; ++key) {
        const char *name = plat_key_name((plat_key)key);
        CHECK(name && name[0] != '\0');
        if (!name || !name[0])
            continue;
        CHECK(!strchr(name, ' '));
        if (plat_key_parse(name) != (plat_key)key)
            fprintf(stderr, "  key %d '%s' parses as %d\n", key, name, plat_key_parse(name));
        CHECK(plat_key_parse(name) == (plat_key)key);
        /* Case does not matter. */
        char lower[32], upper[32];
        size_t n = strlen(name);
        CHECK(n < sizeof lower);
        for (size_t i = 0; i <= n && i < sizeof lower; ++i) {
            lower[i] = (char)(name[i] >= 'A' && name[i] <= 'Z' ? name[i] - 'A' + 'a' : name[i]);
            upper[i] = (char)(name[i] >= 'a' && name[i] <= 'z' ? name[i] - 'a' + 'A' : name[i]);
        }
        CHECK(plat_key_parse(lower) == (plat_key)key);
        CHECK(plat_key_parse(upper) == (plat_key)key);
        /* No two keys share a name. */
        for (int other = key + 1; other < PLAT_KEY_COUNT; ++other)
            CHECK(strcmp(name, plat_key_name((plat_key)other)) != 0);
    }
    CHECK(strcmp(plat_key_name(PLAT_KEY_NONE), "") == 0);
    CHECK(strcmp(plat_key_name(PLAT_KEY_COUNT), "") == 0);
    CHECK(strcmp(plat_key_name(PLAT_KEY_A), "A") == 0);
    CHECK(strcmp(plat_key_name(PLAT_KEY_Q), "Q") == 0);
    CHECK(strcmp(plat_key_name(PLAT_KEY_9), "9") == 0);
    CHECK(strcmp(plat_key_name(PLAT_KEY_F1 + 9), "F10") == 0);
    CHECK(strcmp(plat_key_name(PLAT_KEY_F12), "F12") == 0);
    CHECK(strcmp(plat_key_name(PLAT_KEY_PAGE_UP), "PageUp") == 0);
    CHECK(strcmp(plat_key_name(PLAT_KEY_LEFT_BRACKET), "[") == 0);
    CHECK(plat_key_parse("f12") == PLAT_KEY_F12);
    CHECK(plat_key_parse("SPACE") == PLAT_KEY_SPACE);
    CHECK(plat_key_parse("pageup") == PLAT_KEY_PAGE_UP);
    CHECK(plat_key_parse("escape") == PLAT_KEY_ESCAPE);
    CHECK(plat_key_parse("NoSuchKey") == PLAT_KEY_NONE);
    CHECK(plat_key_parse("F13") == PLAT_KEY_NONE);
    CHECK(plat_key_parse("F0") == PLAT_KEY_NONE);
    CHECK(plat_key_parse("") == PLAT_KEY_NONE);
    CHECK(plat_key_parse("Ctrl") == PLAT_KEY_NONE);
    CHECK(plat_key_parse("AA") == PLAT_KEY_NONE);
}

/* ---- state --------------------------------------------------------------- */

static void test_init(void)
{
    render_model model = fake_model();
    app_options options;
    app_options_init(&options, SETTINGS_VIEW);
    options.frame.finish = SCENE_FINISH_SATIN;
    options.frame.shot.turntable_deg = 30.0f;
    options.part_finishes[0] = (render_part_finish){"eyes", SCENE_FINISH_GLOSS};
    options.part_finishes[1] = (render_part_finish){"no-such-part", SCENE_FINISH_METAL};
    options.frame.part_finishes = options.part_finishes;
    options.frame.part_finish_count = 2;
    app_viewer viewer;
    app_viewer_init(&viewer, &options, &model);
    CHECK(viewer.part_count == PART_COUNT);
    CHECK(viewer.selected_part == -1);
    CHECK(viewer.viewport_count == 1);
    CHECK(viewer.turning);
    CHECK(viewer.hud && !viewer.help && !viewer.quit && !viewer.detector);
    CHECK(viewer.speed_deg_s == 10.0f && viewer.step_deg == 15.0f);
    CHECK(viewer.frame.shot.turntable_deg == 30.0f && viewer.start.turntable_deg == 30.0f);
    CHECK(frame_finish(&viewer, 0) == SCENE_FINISH_SATIN);
    CHECK(frame_override_count(&viewer, 0) == 1);
    CHECK(frame_part_finish(&viewer, 0, "eyes") == SCENE_FINISH_GLOSS);
    char label[256];
    app_viewer_viewport_label(&viewer, 0, label, sizeof label);
    CHECK(strcmp(label, "satin, eyes gloss") == 0);

    /* A snapshot shows a still model. */
    options.snapshot_path = "still.png";
    app_viewer_init(&viewer, &options, &model);
    CHECK(!viewer.turning);
}

static void test_finishes_and_parts(void)
{
    render_model model = fake_model();
    app_viewer viewer;
    init_viewer(&viewer, &model);
    CHECK(frame_finish(&viewer, 0) == SCENE_FINISH_FROM_FILE);
    CHECK(frame_override_count(&viewer, 0) == 0);

    /* With no selection a finish key sets every part. */
    press(&viewer, PLAT_KEY_0 + 3, 0);
    CHECK(frame_finish(&viewer, 0) == SCENE_FINISH_GLOSS);
    CHECK(frame_override_count(&viewer, 0) == 0);
    press(&viewer, PLAT_KEY_0 + 2, 0);
    CHECK(frame_finish(&viewer, 0) == SCENE_FINISH_SATIN);
    press(&viewer, PLAT_KEY_0 + 3, 0);

    /* Tab selects the first part; 1 makes only it matte. */
    press(&viewer, PLAT_KEY_TAB, 0);
    CHECK(viewer.selected_part == 0);
    press(&viewer, PLAT_KEY_0 + 1, 0);
    CHECK(frame_finish(&viewer, 0) == SCENE_FINISH_GLOSS);
    CHECK(frame_override_count(&viewer, 0) == 1);
    CHECK(frame_part_finish(&viewer, 0, "cloak") == SCENE_FINISH_MATTE);
    CHECK(frame_part_finish(&viewer, 0, "face") == -1);
    CHECK(frame_part_finish(&viewer, 0, "eyes") == -1);
    char label[256];
    app_viewer_viewport_label(&viewer, 0, label, sizeof label);
    CHECK(strcmp(label, "gloss, cloak matte") == 0);

    /* Tab walks every part, then all parts, then around again. */
    press(&viewer, PLAT_KEY_TAB, 0);
    CHECK(viewer.selected_part == 1);
    press(&viewer, PLAT_KEY_TAB, 0);
    CHECK(viewer.selected_part == 2);
    press(&viewer, PLAT_KEY_TAB, 0);
    CHECK(viewer.selected_part == -1);
    press(&viewer, PLAT_KEY_TAB, 0);
    CHECK(viewer.selected_part == 0);
    /* Shift+Tab goes back, through all parts to the last. */
    press(&viewer, PLAT_KEY_TAB, PLAT_MOD_SHIFT);
    CHECK(viewer.selected_part == -1);
    press(&viewer, PLAT_KEY_TAB, PLAT_MOD_SHIFT);
    CHECK(viewer.selected_part == 2);
    press(&viewer, PLAT_KEY_TAB, PLAT_MOD_SHIFT);
    CHECK(viewer.selected_part == 1);

    /* A selected part gets its own finish; the others keep theirs. */
    press(&viewer, PLAT_KEY_0 + 4, 0);
    CHECK(frame_part_finish(&viewer, 0, "face") == SCENE_FINISH_METAL);
    CHECK(frame_part_finish(&viewer, 0, "cloak") == SCENE_FINISH_MATTE);
    CHECK(frame_override_count(&viewer, 0) == 2);

    /* With all parts selected, a finish key clears the per-part ones. */
    press(&viewer, PLAT_KEY_TAB, 0);
    press(&viewer, PLAT_KEY_TAB, 0);
    CHECK(viewer.selected_part == -1);
    press(&viewer, PLAT_KEY_0 + 5, 0);
    CHECK(frame_finish(&viewer, 0) == SCENE_FINISH_TRANSLUCENT);
    CHECK(frame_override_count(&viewer, 0) == 0);
    press(&viewer, PLAT_KEY_0, 0);
    CHECK(frame_finish(&viewer, 0) == SCENE_FINISH_FROM_FILE);
    app_viewer_viewport_label(&viewer, 0, label, sizeof label);
    CHECK(strcmp(label, "finishes from the file") == 0);

    /* A selected part set back to "from the file" under an all-parts finish
     * must draw with the part's own finish, as its label says. */
    press(&viewer, PLAT_KEY_0 + 3, 0);
    press(&viewer, PLAT_KEY_TAB, 0);
    press(&viewer, PLAT_KEY_0, 0);
    app_viewer_viewport_label(&viewer, 0, label, sizeof label);
    CHECK(strcmp(label, "gloss, cloak from the file") == 0);
    render_part_finish list[APP_VIEWER_MAX_PARTS];
    render_frame_desc frame = app_viewer_viewport_frame(&viewer, 0, list);
    scene_finish drawn = render_part_finish_for(&frame, &fake_parts[0]);
    CHECK_NEAR(drawn.roughness, fake_parts[0].finish.roughness, 1e-6);
    drawn = render_part_finish_for(&frame, &fake_parts[1]);
    CHECK_NEAR(drawn.roughness, scene_finish_preset(SCENE_FINISH_GLOSS).roughness, 1e-6);

    /* A model with fewer parts drops a selection past its end. */
    press(&viewer, PLAT_KEY_TAB, PLAT_MOD_SHIFT);
    press(&viewer, PLAT_KEY_TAB, PLAT_MOD_SHIFT);
    CHECK(viewer.selected_part == 2);
    render_model smaller = model;
    smaller.part_count = 1;
    app_viewer_set_model(&viewer, &smaller);
    CHECK(viewer.part_count == 1 && viewer.selected_part == -1);
}

static void test_compare(void)
{
    static const scene_finish_kind looks[4] = {SCENE_FINISH_MATTE, SCENE_FINISH_SATIN,
                                               SCENE_FINISH_GLOSS, SCENE_FINISH_NONE};
    static const char *const labels[4] = {"matte", "satin", "gloss", "none"};
    render_model model = fake_model();
    app_viewer viewer;
    init_viewer(&viewer, &model);
    press(&viewer, PLAT_KEY_0 + 3, 0);
    press(&viewer, PLAT_KEY_TAB, 0);
    press(&viewer, PLAT_KEY_TAB, 0);
    press(&viewer, PLAT_KEY_0 + 1, 0); /* face matte */
    press(&viewer, PLAT_KEY_TAB, 0);
    press(&viewer, PLAT_KEY_TAB, 0);
    CHECK(viewer.selected_part == -1);
    CHECK(frame_part_finish(&viewer, 0, "face") == SCENE_FINISH_MATTE);

    /* C: matte | satin | gloss; Shift+C: 4 (metal), then 2, then 3 again. */
    static const int counts[] = {3, 4, 2, 3, 4};
    for (int i = 0; i < 5; ++i) {
        app_viewer_apply(&viewer, i == 0 ? APP_ACTION_COMPARE : APP_ACTION_COMPARE_COUNT, 0.0);
        int count = counts[i];
        CHECK(viewer.viewport_count == count);
        for (int v = 0; v < count; ++v) {
            CHECK(frame_finish(&viewer, v) == looks[v]);
            CHECK(frame_override_count(&viewer, v) == 0);
            char label[128];
            app_viewer_viewport_label(&viewer, v, label, sizeof label);
            CHECK(strcmp(label, labels[v]) == 0);
        }
    }
    /* In compare mode a click picks the viewport that finish keys change. */
    viewer.window_width = 1000;
    viewer.window_height = 500;
    plat_event click = {
        .kind = PLAT_EVENT_BUTTON, .button = PLAT_BUTTON_LEFT, .down = true, .x = 600, .y = 100};
    app_viewer_handle_event(&viewer, &click, 0.0);
    click.down = false;
    app_viewer_handle_event(&viewer, &click, 0.0);
    CHECK(viewer.active_viewport == 2);
    press(&viewer, PLAT_KEY_0 + 5, 0);
    CHECK(frame_finish(&viewer, 2) == SCENE_FINISH_TRANSLUCENT);
    CHECK(frame_finish(&viewer, 0) == SCENE_FINISH_MATTE);

    /* C again: one view, and the single view's look comes back. */
    app_viewer_apply(&viewer, APP_ACTION_COMPARE, 0.0);
    CHECK(viewer.viewport_count == 1);
    CHECK(viewer.active_viewport == 0);
    CHECK(frame_finish(&viewer, 0) == SCENE_FINISH_GLOSS);
    CHECK(frame_part_finish(&viewer, 0, "face") == SCENE_FINISH_MATTE);
    CHECK(frame_override_count(&viewer, 0) == 1);
    /* And again: compare starts over from matte | satin | gloss. */
    app_viewer_apply(&viewer, APP_ACTION_COMPARE, 0.0);
    CHECK(viewer.viewport_count == 3);
    CHECK(frame_finish(&viewer, 0) == SCENE_FINISH_MATTE);
    CHECK(frame_finish(&viewer, 1) == SCENE_FINISH_SATIN);
    CHECK(frame_finish(&viewer, 2) == SCENE_FINISH_GLOSS);
    /* The keys do the same as the actions; Shift+C from one view enters compare with 2. */
    press(&viewer, letter('C'), 0);
    CHECK(viewer.viewport_count == 1);
    press(&viewer, letter('C'), PLAT_MOD_SHIFT);
    CHECK(viewer.viewport_count == 2);
    app_viewer_set_compare(&viewer, 1, 0.0);
    CHECK(viewer.viewport_count == 1 && frame_finish(&viewer, 0) == SCENE_FINISH_GLOSS);
}

/* One second at 60 frames a second, as the loop calls it. */
static void advance_second(app_viewer *viewer)
{
    for (int frame = 0; frame < 60; ++frame)
        app_viewer_advance(viewer, 1.0 / 60.0);
}

static void test_turntable(void)
{
    render_model model = fake_model();
    app_viewer viewer;
    init_viewer(&viewer, &model);
    CHECK(viewer.turning);
    viewer.frame.shot.turntable_deg = 100.0f;
    /* One second of frames turns it by the speed, 10 deg/s. */
    advance_second(&viewer);
    CHECK_NEAR(viewer.frame.shot.turntable_deg, 110.0, 1e-3);
    /* A slow frame (half a second) still turns at the set speed ... */
    app_viewer_advance(&viewer, 0.5);
    CHECK_NEAR(viewer.frame.shot.turntable_deg, 115.0, 1e-3);
    CHECK(!viewer.turn_held);
    /* ... a stall turns it by at most a second's worth ... */
    app_viewer_advance(&viewer, 5.0);
    CHECK_NEAR(viewer.frame.shot.turntable_deg, 125.0, 1e-3);
    app_viewer_advance(&viewer, -1.0);
    CHECK_NEAR(viewer.frame.shot.turntable_deg, 125.0, 1e-3);
    /* ... and with the live detector's limit, by at most its step a frame. */
    viewer.max_turn_deg = 1.0f;
    app_viewer_advance(&viewer, 0.5);
    CHECK_NEAR(viewer.frame.shot.turntable_deg, 126.0, 1e-3);
    CHECK(viewer.turn_held);
    app_viewer_advance(&viewer, 0.05);
    CHECK_NEAR(viewer.frame.shot.turntable_deg, 126.5, 1e-3);
    CHECK(!viewer.turn_held);
    viewer.max_turn_deg = 0.0f;
    viewer.frame.shot.turntable_deg = 112.5f;

    press(&viewer, PLAT_KEY_SPACE, 0);
    CHECK(!viewer.turning);
    advance_second(&viewer);
    app_viewer_advance(&viewer, 1.0);
    CHECK_NEAR(viewer.frame.shot.turntable_deg, 112.5, 1e-3);
    press(&viewer, PLAT_KEY_SPACE, 0);
    CHECK(viewer.turning);
    /* It wraps around. */
    viewer.frame.shot.turntable_deg = 355.0f;
    advance_second(&viewer);
    CHECK_NEAR(viewer.frame.shot.turntable_deg, 5.0, 1e-3);

    /* Up and Down change the speed. */
    press(&viewer, PLAT_KEY_UP, 0);
    CHECK(viewer.speed_deg_s == 20.0f);
    press(&viewer, PLAT_KEY_DOWN, 0);
    press(&viewer, PLAT_KEY_DOWN, 0);
    CHECK(viewer.speed_deg_s == 5.0f);
    viewer.frame.shot.turntable_deg = 0.0f;
    advance_second(&viewer);
    CHECK_NEAR(viewer.frame.shot.turntable_deg, 5.0, 1e-3);
    for (int i = 0; i < 10; ++i)
        press(&viewer, PLAT_KEY_DOWN, 0);
    CHECK(viewer.speed_deg_s == 1.0f);
    for (int i = 0; i < 10; ++i)
        press(&viewer, PLAT_KEY_UP, 0);
    CHECK(viewer.speed_deg_s == 90.0f);

    /* A step turns by step_deg and stops the turntable. */
    viewer.frame.shot.turntable_deg = 20.0f;
    CHECK(viewer.turning);
    press(&viewer, PLAT_KEY_RIGHT, 0);
    CHECK(!viewer.turning);
    CHECK_NEAR(viewer.frame.shot.turntable_deg, 35.0, 1e-4);
    press(&viewer, PLAT_KEY_LEFT, 0);
    press(&viewer, PLAT_KEY_LEFT, 0);
    CHECK_NEAR(viewer.frame.shot.turntable_deg, 5.0, 1e-4);
    press(&viewer, PLAT_KEY_LEFT, 0);
    CHECK_NEAR(viewer.frame.shot.turntable_deg, 350.0, 1e-4);
    advance_second(&viewer);
    CHECK_NEAR(viewer.frame.shot.turntable_deg, 350.0, 1e-4);

    /* [ and ] walk 1, 5, 15, 45, 90 and stop at the ends. */
    CHECK(viewer.step_deg == 15.0f);
    press(&viewer, PLAT_KEY_LEFT_BRACKET, 0);
    CHECK(viewer.step_deg == 5.0f);
    press(&viewer, PLAT_KEY_LEFT_BRACKET, 0);
    CHECK(viewer.step_deg == 1.0f);
    press(&viewer, PLAT_KEY_LEFT_BRACKET, 0);
    CHECK(viewer.step_deg == 1.0f);
    press(&viewer, PLAT_KEY_RIGHT, 0);
    CHECK_NEAR(viewer.frame.shot.turntable_deg, 351.0, 1e-4);
    press(&viewer, PLAT_KEY_RIGHT_BRACKET, 0);
    CHECK(viewer.step_deg == 5.0f);
    press(&viewer, PLAT_KEY_RIGHT_BRACKET, 0);
    CHECK(viewer.step_deg == 15.0f);
    press(&viewer, PLAT_KEY_RIGHT_BRACKET, 0);
    CHECK(viewer.step_deg == 45.0f);
    press(&viewer, PLAT_KEY_RIGHT_BRACKET, 0);
    CHECK(viewer.step_deg == 90.0f);
    press(&viewer, PLAT_KEY_RIGHT_BRACKET, 0);
    CHECK(viewer.step_deg == 90.0f);
    press(&viewer, PLAT_KEY_RIGHT, 0);
    CHECK_NEAR(viewer.frame.shot.turntable_deg, 81.0, 1e-3);
}

static void test_lamp(void)
{
    render_model model = fake_model();
    app_viewer viewer;
    init_viewer(&viewer, &model);
    const float radius = model.bounds.radius;
    CHECK_NEAR(resolved(&viewer).lamp.distance_mm, 250.0, 1e-4);

    /* L: farther by 1.2, from the resolved default. */
    press(&viewer, letter('L'), 0);
    CHECK_NEAR(viewer.frame.shot.lamp.distance_mm, 300.0, 1e-3);
    press(&viewer, letter('L'), 0);
    CHECK_NEAR(viewer.frame.shot.lamp.distance_mm, 360.0, 1e-3);
    press(&viewer, letter('L'), PLAT_MOD_SHIFT);
    CHECK_NEAR(viewer.frame.shot.lamp.distance_mm, 300.0, 1e-3);
    /* Shift+L: closer, but never into the model. */
    float previous = viewer.frame.shot.lamp.distance_mm;
    for (int i = 0; i < 40; ++i) {
        press(&viewer, letter('L'), PLAT_MOD_SHIFT);
        CHECK(viewer.frame.shot.lamp.distance_mm <= previous);
        CHECK(viewer.frame.shot.lamp.distance_mm >= 1.1f * radius - 1e-3f);
        previous = viewer.frame.shot.lamp.distance_mm;
    }
    CHECK_NEAR(viewer.frame.shot.lamp.distance_mm, 1.1 * radius, 1e-3);

    /* T / Shift+T: +-500 K within 1500..12000. */
    CHECK_NEAR(resolved(&viewer).lamp.kelvin, 4000.0, 1e-3);
    press(&viewer, letter('T'), 0);
    CHECK_NEAR(viewer.frame.shot.lamp.kelvin, 4500.0, 1e-3);
    press(&viewer, letter('T'), PLAT_MOD_SHIFT);
    press(&viewer, letter('T'), PLAT_MOD_SHIFT);
    CHECK_NEAR(viewer.frame.shot.lamp.kelvin, 3500.0, 1e-3);
    for (int i = 0; i < 30; ++i)
        press(&viewer, letter('T'), PLAT_MOD_SHIFT);
    CHECK_NEAR(viewer.frame.shot.lamp.kelvin, 1500.0, 1e-3);
    for (int i = 0; i < 30; ++i)
        press(&viewer, letter('T'), 0);
    CHECK_NEAR(viewer.frame.shot.lamp.kelvin, 12000.0, 1e-3);

    /* K / Shift+K: the lamp's radius, from the default 10 mm. */
    CHECK_NEAR(resolved(&viewer).lamp.radius_mm, 10.0, 1e-4);
    press(&viewer, letter('K'), 0);
    CHECK(viewer.frame.shot.lamp.radius_mm > 10.0f);
    CHECK_NEAR(viewer.frame.shot.lamp.radius_mm, 12.5, 1e-3);
    press(&viewer, letter('K'), PLAT_MOD_SHIFT);
    press(&viewer, letter('K'), PLAT_MOD_SHIFT);
    CHECK_NEAR(viewer.frame.shot.lamp.radius_mm, 8.0, 1e-3);
    for (int i = 0; i < 60; ++i)
        press(&viewer, letter('K'), PLAT_MOD_SHIFT);
    CHECK(viewer.frame.shot.lamp.radius_mm > 0.0f);

    /* I / Shift+I: a third of a stop. */
    CHECK_NEAR(resolved(&viewer).lamp.intensity, 1.0, 1e-6);
    press(&viewer, letter('I'), 0);
    CHECK_NEAR(viewer.frame.shot.lamp.intensity, pow(2.0, 1.0 / 3.0), 1e-4);
    press(&viewer, letter('I'), 0);
    press(&viewer, letter('I'), 0);
    CHECK_NEAR(viewer.frame.shot.lamp.intensity, 2.0, 1e-4);
    for (int i = 0; i < 6; ++i)
        press(&viewer, letter('I'), PLAT_MOD_SHIFT);
    CHECK_NEAR(viewer.frame.shot.lamp.intensity, 0.5, 1e-4);
    for (int i = 0; i < 200; ++i)
        press(&viewer, letter('I'), PLAT_MOD_SHIFT);
    CHECK(viewer.frame.shot.lamp.intensity > 0.0f);

    /* E / Shift+E: exposure by a third of a stop. */
    press(&viewer, letter('E'), 0);
    press(&viewer, letter('E'), 0);
    press(&viewer, letter('E'), 0);
    CHECK_NEAR(viewer.frame.exposure_ev, 1.0, 1e-5);
    press(&viewer, letter('E'), PLAT_MOD_SHIFT);
    CHECK_NEAR(viewer.frame.exposure_ev, 2.0 / 3.0, 1e-5);
}

static void test_reset_and_frame(void)
{
    render_model model = fake_model();
    app_options options;
    app_options_init(&options, SETTINGS_VIEW);
    options.frame.shot.turntable_deg = 30.0f;
    options.frame.shot.camera.azimuth_deg = 20.0f;
    options.frame.shot.lamp.kelvin = 3000.0f;
    app_viewer viewer;
    app_viewer_init(&viewer, &options, &model);
    const scene_shot start = viewer.frame.shot;

    viewer.window_height = 800;
    plat_event event = {.kind = PLAT_EVENT_BUTTON, .button = PLAT_BUTTON_LEFT, .down = true};
    app_viewer_handle_event(&viewer, &event, 0.0);
    event = (plat_event){.kind = PLAT_EVENT_CURSOR, .x = 50, .y = 20};
    app_viewer_handle_event(&viewer, &event, 0.0);
    event = (plat_event){.kind = PLAT_EVENT_BUTTON, .button = PLAT_BUTTON_LEFT, .x = 50, .y = 20};
    app_viewer_handle_event(&viewer, &event, 0.0);
    event = (plat_event){
        .kind = PLAT_EVENT_BUTTON, .button = PLAT_BUTTON_RIGHT, .down = true, .x = 50, .y = 20};
    app_viewer_handle_event(&viewer, &event, 0.0);
    event = (plat_event){.kind = PLAT_EVENT_CURSOR, .x = 90, .y = 60};
    app_viewer_handle_event(&viewer, &event, 0.0);
    event = (plat_event){.kind = PLAT_EVENT_BUTTON, .button = PLAT_BUTTON_RIGHT, .x = 90, .y = 60};
    app_viewer_handle_event(&viewer, &event, 0.0);
    event = (plat_event){.kind = PLAT_EVENT_SCROLL, .y = 3};
    app_viewer_handle_event(&viewer, &event, 0.0);
    const scene_camera_desc turned = viewer.frame.shot.camera;
    CHECK(turned.azimuth_deg != start.camera.azimuth_deg);
    CHECK(turned.pan_mm[0] != 0.0f && turned.pan_mm[1] != 0.0f);
    CHECK(turned.fill != 0.0f);

    /* F: the same orbit, framed again. */
    press(&viewer, letter('F'), 0);
    CHECK(viewer.frame.shot.camera.azimuth_deg == turned.azimuth_deg);
    CHECK(viewer.frame.shot.camera.elevation_deg == turned.elevation_deg);
    CHECK(viewer.frame.shot.camera.fill == start.camera.fill);
    CHECK(viewer.frame.shot.camera.pan_mm[0] == 0.0f && viewer.frame.shot.camera.pan_mm[1] == 0.0f);

    /* Home: everything in the shot back to the start. */
    press(&viewer, PLAT_KEY_RIGHT, 0);
    press(&viewer, letter('L'), 0);
    press(&viewer, letter('T'), 0);
    press(&viewer, letter('K'), 0);
    CHECK(memcmp(&viewer.frame.shot, &start, sizeof start) != 0);
    press(&viewer, PLAT_KEY_HOME, 0);
    CHECK(memcmp(&viewer.frame.shot, &start, sizeof start) == 0);
    CHECK(viewer.frame.shot.turntable_deg == 30.0f);
    CHECK(viewer.frame.shot.camera.azimuth_deg == 20.0f);
    CHECK(viewer.frame.shot.lamp.kelvin == 3000.0f);
}

/* W cycles the rooms (dark, desk, studio, dark), Shift+W back; a preset's
 * room is where it starts; the room rides in the frame, which screenshots and
 * presets capture. */
static void test_rooms(void)
{
    render_model model = fake_model();
    app_viewer viewer;
    init_viewer(&viewer, &model);
    CHECK(viewer.frame.room == SCENE_ROOM_DARK);
    press(&viewer, letter('W'), 0);
    CHECK(viewer.frame.room == SCENE_ROOM_DESK);
    press(&viewer, letter('W'), 0);
    CHECK(viewer.frame.room == SCENE_ROOM_STUDIO);
    press(&viewer, letter('W'), 0);
    CHECK(viewer.frame.room == SCENE_ROOM_DARK);
    press(&viewer, letter('W'), PLAT_MOD_SHIFT);
    CHECK(viewer.frame.room == SCENE_ROOM_STUDIO);
    settings_values captured;
    CHECK(settings_init(&captured, SETTINGS_VIEW) == CORE_OK);
    app_settings_capture(&captured, &viewer.frame);
    char text[32];
    CHECK(settings_format(&captured, SETTINGS_ROOM, text, sizeof text));
    CHECK(strcmp(text, "studio") == 0);
    settings_free(&captured);
    app_options options;
    app_options_init(&options, SETTINGS_VIEW);
    CHECK(settings_set(&options.settings, SETTINGS_ROOM, "desk", "--room") == CORE_OK);
    app_options_resolve(&options);
    app_viewer_init(&viewer, &options, &model);
    CHECK(viewer.frame.room == SCENE_ROOM_DESK);
    app_options_free(&options);
}

static void test_toggles_and_requests(void)
{
    render_model model = fake_model();
    app_viewer viewer;
    init_viewer(&viewer, &model);
    press(&viewer, letter('H'), 0);
    CHECK(viewer.help);
    /* Esc closes the help sheet before it quits. */
    press(&viewer, PLAT_KEY_ESCAPE, 0);
    CHECK(!viewer.help && !viewer.quit);
    press(&viewer, PLAT_KEY_F1, 0);
    CHECK(viewer.help);
    press(&viewer, letter('H'), PLAT_MOD_SHIFT);
    CHECK(!viewer.hud);
    press(&viewer, letter('D'), 0);
    CHECK(viewer.detector);
    render_view view = viewer.frame.view;
    press(&viewer, letter('V'), 0);
    CHECK(viewer.frame.view == (render_view)((view + 1) % RENDER_VIEW_COUNT));
    press(&viewer, letter('V'), PLAT_MOD_SHIFT);
    press(&viewer, letter('V'), PLAT_MOD_SHIFT);
    CHECK(viewer.frame.view == (render_view)((view + RENDER_VIEW_COUNT - 1) % RENDER_VIEW_COUNT));

    CHECK(!viewer.requests.screenshot && !viewer.requests.screenshot_large);
    press(&viewer, PLAT_KEY_F12, 0);
    CHECK(viewer.requests.screenshot && !viewer.requests.screenshot_large);
    press(&viewer, PLAT_KEY_F12, PLAT_MOD_SHIFT);
    CHECK(viewer.requests.screenshot_large);
    press(&viewer, letter('S'), PLAT_MOD_CONTROL);
    CHECK(viewer.requests.save_preset);
    press(&viewer, letter('R'), 0);
    CHECK(viewer.requests.reload);
    CHECK(viewer.requests.load_path[0] == '\0');

    /* Q, as Esc, closes the help sheet first, then quits. */
    CHECK(viewer.help && !viewer.quit);
    press(&viewer, letter('Q'), 0);
    CHECK(!viewer.help && !viewer.quit);
    press(&viewer, letter('Q'), 0);
    CHECK(viewer.quit);
}

/* ---- mouse --------------------------------------------------------------- */

static void drag(app_viewer *viewer, plat_button button, unsigned mods, double dx, double dy)
{
    const double x0 = 400, y0 = 300;
    plat_event event = {
        .kind = PLAT_EVENT_BUTTON, .button = button, .mods = mods, .down = true, .x = x0, .y = y0};
    app_viewer_handle_event(viewer, &event, 0.0);
    /* In two moves, as a real drag arrives. */
    event = (plat_event){.kind = PLAT_EVENT_CURSOR, .x = x0 + dx / 2, .y = y0 + dy / 2};
    app_viewer_handle_event(viewer, &event, 0.0);
    event = (plat_event){.kind = PLAT_EVENT_CURSOR, .x = x0 + dx, .y = y0 + dy};
    app_viewer_handle_event(viewer, &event, 0.0);
    event = (plat_event){.kind = PLAT_EVENT_BUTTON,
                         .button = button,
                         .mods = mods,
                         .down = false,
                         .x = x0 + dx,
                         .y = y0 + dy};
    app_viewer_handle_event(viewer, &event, 0.0);
}

static void test_mouse(void)
{
    render_model model = fake_model();
    app_viewer viewer;
    init_viewer(&viewer, &model);
    viewer.window_width = 1280;
    viewer.window_height = 800;
    scene_shot before = resolved(&viewer);

    /* Left-drag orbits the camera: 0.3 deg a pixel, the lamp stays. */
    drag(&viewer, PLAT_BUTTON_LEFT, 0, 100, 0);
    scene_shot after = resolved(&viewer);
    CHECK(viewer.dragging == APP_DRAG_NONE);
    CHECK_NEAR(after.camera.azimuth_deg, before.camera.azimuth_deg - 30.0, 1e-3);
    CHECK_NEAR(after.camera.elevation_deg, before.camera.elevation_deg, 1e-4);
    CHECK(memcmp(&after.lamp, &before.lamp, sizeof before.lamp) == 0);
    /* Moves after the button is up drag nothing. */
    plat_event move = {.kind = PLAT_EVENT_CURSOR, .x = 900, .y = 700};
    app_viewer_handle_event(&viewer, &move, 0.0);
    CHECK_NEAR(resolved(&viewer).camera.azimuth_deg, after.camera.azimuth_deg, 1e-6);

    /* Vertical drags tilt the camera, within the poles. */
    drag(&viewer, PLAT_BUTTON_LEFT, 0, 0, 100);
    CHECK_NEAR(resolved(&viewer).camera.elevation_deg, before.camera.elevation_deg + 30.0, 1e-3);
    drag(&viewer, PLAT_BUTTON_LEFT, 0, 0, 2000);
    CHECK(resolved(&viewer).camera.elevation_deg <= 85.0f);

    /* Ctrl+left-drag moves the lamp: 0.4 deg a pixel, the camera stays. */
    init_viewer(&viewer, &model);
    viewer.window_width = 1280;
    viewer.window_height = 800;
    before = resolved(&viewer);
    drag(&viewer, PLAT_BUTTON_LEFT, PLAT_MOD_CONTROL, 100, 0);
    after = resolved(&viewer);
    CHECK_NEAR(after.lamp.azimuth_deg, before.lamp.azimuth_deg + 40.0, 1e-3);
    CHECK_NEAR(after.lamp.elevation_deg, before.lamp.elevation_deg, 1e-4);
    CHECK(memcmp(&after.camera, &before.camera, sizeof before.camera) == 0);
    CHECK(after.turntable_deg == before.turntable_deg);
    /* Ctrl with Super held is still Ctrl. */
    drag(&viewer, PLAT_BUTTON_LEFT, PLAT_MOD_CONTROL | PLAT_MOD_SUPER, -50, 0);
    CHECK_NEAR(resolved(&viewer).lamp.azimuth_deg, before.lamp.azimuth_deg + 20.0, 1e-3);
    after = resolved(&viewer);
    CHECK(memcmp(&after.camera, &before.camera, sizeof before.camera) == 0);

    /* A lamp dragged exactly onto 0 deg stays there: 0 is an angle, not "the
     * default" (azimuth 40, elevation 45). */
    init_viewer(&viewer, &model);
    drag(&viewer, PLAT_BUTTON_LEFT, PLAT_MOD_CONTROL, -100, 112.5);
    CHECK(viewer.frame.shot.lamp.azimuth_deg == 0.0f);
    CHECK(viewer.frame.shot.lamp.elevation_deg == 0.0f);
    CHECK(resolved(&viewer).lamp.azimuth_deg == 0.0f);
    CHECK(resolved(&viewer).lamp.elevation_deg == 0.0f);

    /* Right-drag pans: the model follows the cursor. */
    init_viewer(&viewer, &model);
    viewer.window_width = 1280;
    viewer.window_height = 800;
    before = resolved(&viewer);
    drag(&viewer, PLAT_BUTTON_RIGHT, 0, 50, 0);
    after = resolved(&viewer);
    CHECK(after.camera.pan_mm[0] < 0.0f);
    /* A pixel is the frame's height (the sphere's diameter over the fill) over the window's. */
    CHECK_NEAR(after.camera.pan_mm[0], -50.0 * 2.0 * 20.0 / 0.9 / 800.0, 1e-3);
    CHECK_NEAR(after.camera.pan_mm[1], 0.0, 1e-6);
    CHECK(after.camera.azimuth_deg == before.camera.azimuth_deg);
    CHECK(memcmp(&after.lamp, &before.lamp, sizeof before.lamp) == 0);
    drag(&viewer, PLAT_BUTTON_RIGHT, 0, 0, 40);
    CHECK(resolved(&viewer).camera.pan_mm[1] > 0.0f);
    /* Shift+left pans too, for a one-button mouse. */
    float pan_x = viewer.frame.shot.camera.pan_mm[0];
    drag(&viewer, PLAT_BUTTON_LEFT, PLAT_MOD_SHIFT, 50, 0);
    CHECK(viewer.frame.shot.camera.pan_mm[0] < pan_x);
    /* Panning stops at two radii. */
    drag(&viewer, PLAT_BUTTON_MIDDLE, 0, -100000, 0);
    CHECK_NEAR(viewer.frame.shot.camera.pan_mm[0], 40.0, 1e-3);

    /* The wheel zooms by 1.1 a step, from the default fill 0.9. */
    init_viewer(&viewer, &model);
    plat_event scroll = {.kind = PLAT_EVENT_SCROLL, .y = 1};
    app_viewer_handle_event(&viewer, &scroll, 0.0);
    CHECK_NEAR(viewer.frame.shot.camera.fill, 0.99, 1e-5);
    scroll.y = -2;
    app_viewer_handle_event(&viewer, &scroll, 0.0);
    CHECK_NEAR(viewer.frame.shot.camera.fill, 0.9 / 1.1, 1e-5);

    /* A dropped file is asked to be opened. */
    CHECK(viewer.requests.load_path[0] == '\0');
    plat_event dropped = {.kind = PLAT_EVENT_DROP, .path = "/tmp/some folder/knight.obj"};
    app_viewer_handle_event(&viewer, &dropped, 0.0);
    CHECK(strcmp(viewer.requests.load_path, "/tmp/some folder/knight.obj") == 0);
    dropped.path = NULL;
    app_viewer_handle_event(&viewer, &dropped, 0.0);
    CHECK(strcmp(viewer.requests.load_path, "/tmp/some folder/knight.obj") == 0);
}

/* ---- scripts ------------------------------------------------------------- */

static core_result parse(const char *file, const char *text, app_script *script)
{
    return app_script_parse(file, text, strlen(text), script);
}

static void test_script_verbs(void)
{
    static const char text[] = "# a lighting test\n"
                               "\n"
                               "set lamp.azimuth_deg 90\n"
                               "   set part eyes gloss  \n"
                               "key Ctrl+Shift+F12\n"
                               "key space\n"
                               "drag Ctrl+left 10 20 60.5 20\n"
                               "\t# indented comment\n"
                               "drag right 1 2 3 4\n"
                               "scroll -2\n"
                               "wait 10\n"
                               "screenshot out/a shot with spaces.png\n"
                               "screenshot-window out/b.png\n"
                               "resize 1 1\n"
                               "drop models/my knight.obj\n"
                               "quit";
    app_script script;
    core_result r = parse("s.txt", text, &script);
    CHECK(r == CORE_OK);
    CHECK(script.count == 13);
    CHECK(strcmp(script.file, "s.txt") == 0);
    if (r != CORE_OK || script.count != 13) {
        fprintf(stderr, "  %s\n", core_last_error());
        app_script_free(&script);
        return;
    }
    const app_script_command *c = script.commands;
    CHECK(c[0].verb == APP_SCRIPT_SET && c[0].line == 3);
    CHECK(strcmp(c[0].name, "lamp.azimuth_deg") == 0 && strcmp(c[0].text, "90") == 0);
    CHECK(c[1].verb == APP_SCRIPT_SET && c[1].line == 4);
    CHECK(strcmp(c[1].name, "part") == 0 && strcmp(c[1].text, "eyes gloss") == 0);
    CHECK(c[2].verb == APP_SCRIPT_KEY && c[2].line == 5);
    CHECK(c[2].key == PLAT_KEY_F12 && c[2].mods == (PLAT_MOD_CONTROL | PLAT_MOD_SHIFT));
    CHECK(c[3].verb == APP_SCRIPT_KEY && c[3].key == PLAT_KEY_SPACE && c[3].mods == 0);
    CHECK(c[4].verb == APP_SCRIPT_DRAG && c[4].line == 7);
    CHECK(c[4].button == PLAT_BUTTON_LEFT && c[4].mods == PLAT_MOD_CONTROL);
    CHECK(c[4].numbers[0] == 10 && c[4].numbers[1] == 20 && c[4].numbers[2] == 60.5 &&
          c[4].numbers[3] == 20);
    CHECK(c[5].verb == APP_SCRIPT_DRAG && c[5].line == 9);
    CHECK(c[5].button == PLAT_BUTTON_RIGHT && c[5].mods == 0);
    CHECK(c[5].numbers[0] == 1 && c[5].numbers[3] == 4);
    CHECK(c[6].verb == APP_SCRIPT_SCROLL && c[6].numbers[0] == -2 && c[6].line == 10);
    CHECK(c[7].verb == APP_SCRIPT_WAIT && c[7].numbers[0] == 10 && c[7].line == 11);
    CHECK(c[8].verb == APP_SCRIPT_SCREENSHOT && c[8].line == 12);
    CHECK(strcmp(c[8].text, "out/a shot with spaces.png") == 0);
    CHECK(c[9].verb == APP_SCRIPT_SCREENSHOT_WINDOW && strcmp(c[9].text, "out/b.png") == 0);
    CHECK(c[10].verb == APP_SCRIPT_RESIZE && c[10].numbers[0] == 1 && c[10].numbers[1] == 1);
    CHECK(c[11].verb == APP_SCRIPT_DROP && strcmp(c[11].text, "models/my knight.obj") == 0);
    CHECK(c[12].verb == APP_SCRIPT_QUIT && c[12].line == 16);
    CHECK(script.next == 0 && script.wait_left == 0);
    app_script_free(&script);
    CHECK(script.commands == NULL && script.count == 0);

    /* Windows line ends read the same. */
    r = parse("crlf.txt", "key Shift+Tab\r\nwait 2\r\n", &script);
    CHECK(r == CORE_OK && script.count == 2);
    if (r == CORE_OK && script.count == 2) {
        CHECK(script.commands[0].key == PLAT_KEY_TAB && script.commands[0].mods == PLAT_MOD_SHIFT);
        CHECK(script.commands[1].numbers[0] == 2 && script.commands[1].line == 2);
    }
    app_script_free(&script);

    /* Nothing, or only comments, is an empty script. */
    r = app_script_parse("empty.txt", "", 0, &script);
    CHECK(r == CORE_OK && script.count == 0);
    app_script_free(&script);
    r = parse("comments.txt", "# nothing\n\n   \n# to do\n", &script);
    CHECK(r == CORE_OK && script.count == 0);
    app_script_free(&script);
    /* The size is the text's end, not a NUL. */
    r = app_script_parse("sized.txt", "quit\nwait 5\n", 5, &script);
    CHECK(r == CORE_OK && script.count == 1);
    app_script_free(&script);
}

/* The script fails, and the message is exactly `message`. */
static void check_script_error(const char *text, size_t size, const char *message)
{
    app_script script;
    core_result r = app_script_parse("s.txt", text, size, &script);
    CHECK(r != CORE_OK);
    if (r != CORE_OK && strcmp(core_last_error(), message) != 0) {
        CHECK(!"unexpected message");
        fprintf(stderr, "  got '%s', expected '%s'\n", core_last_error(), message);
    }
    CHECK(script.commands == NULL && script.count == 0);
    app_script_free(&script);
}

/* The script fails on `line`: the message starts "s.txt:LINE: ". */
static void check_script_fails_on(const char *text, int line)
{
    app_script script;
    core_result r = parse("s.txt", text, &script);
    CHECK(r != CORE_OK);
    char prefix[32];
    snprintf(prefix, sizeof prefix, "s.txt:%d: ", line);
    if (r != CORE_OK && strncmp(core_last_error(), prefix, strlen(prefix)) != 0) {
        CHECK(!"the error does not name the line");
        fprintf(stderr, "  got '%s', expected it to start '%s'\n", core_last_error(), prefix);
    }
    if (r == CORE_OK)
        fprintf(stderr, "  accepted: %s\n", text);
    app_script_free(&script);
}

static void test_script_errors(void)
{
    static const char typo[] = "# test\nwait 1\nprss Space\nquit\n";
    check_script_error(typo, strlen(typo), "s.txt:3: unknown command 'prss'");

    check_script_fails_on("wait 1\nkey NoSuchKey\n", 2);
    check_script_fails_on("key Hyper+A\n", 1);
    check_script_fails_on("key Ctrl+\n", 1);
    check_script_fails_on("key\n", 1);
    check_script_fails_on("\n\n# c\ndrag left 1 2 3\n", 4);
    check_script_fails_on("drag left 1 2 3 4 5\n", 1);
    check_script_fails_on("drag wheel 1 2 3 4\n", 1);
    check_script_fails_on("drag left 1 2 x 4\n", 1);
    check_script_fails_on("wait 1\n\nwait -1\n", 3);
    check_script_fails_on("wait ten\n", 1);
    check_script_fails_on("scroll\n", 1);
    check_script_fails_on("scroll 1 2\n", 1);
    check_script_fails_on("resize 0 10\n", 1);
    check_script_fails_on("resize 10\n", 1);
    check_script_fails_on("resize 640 480 2\n", 1);
    check_script_fails_on("quit now\n", 1);
    check_script_fails_on("screenshot\n", 1);
    check_script_fails_on("drop\n", 1);
    check_script_fails_on("set lamp.kelvin\n", 1);
    check_script_fails_on("Quit\n", 1);

    /* A NUL byte means it is not a text file. */
    static const char binary[] = "wait 1\nquit\0 and then binary\n";
    app_script script;
    core_result r = app_script_parse("s.txt", binary, sizeof binary - 1, &script);
    CHECK(r != CORE_OK);
    CHECK(strncmp(core_last_error(), "s.txt:2: ", 9) == 0);
    app_script_free(&script);

    /* A line longer than any command fails cleanly too. */
    size_t long_size = 20000;
    char *long_line = malloc(long_size + 1);
    CHECK(long_line != NULL);
    if (long_line) {
        memcpy(long_line, "wait 1\nscreenshot ", 18);
        memset(long_line + 18, 'a', long_size - 18);
        long_line[long_size] = '\0';
        check_script_fails_on(long_line, 2);
        free(long_line);
    }
}

/* Z frames the selected part as --focus does, and again the whole model; the
 * screenshot's settings name the part; Home goes back to the start's focus;
 * a new model without the part frames the whole. */
static void test_focus(void)
{
    render_model model = fake_model();
    const float sphere[4] = {5.0f, 8.0f, 3.0f, 2.0f};
    memcpy(fake_parts[2].sphere, sphere, sizeof sphere);
    app_viewer viewer;
    app_options options;
    app_options_init(&options, SETTINGS_VIEW);
    app_viewer_init(&viewer, &options, &model);
    press(&viewer, letter('Z'), 0); /* nothing selected: nothing to frame */
    CHECK(viewer.frame.shot.camera.focus_radius == 0.0f && viewer.focus_part == -1);
    CHECK(strstr(viewer.message, "select a part") != NULL);
    for (int i = 0; i < 3; ++i)
        press(&viewer, PLAT_KEY_TAB, 0);
    CHECK(viewer.selected_part == 2);
    viewer.frame.shot.camera.pan_mm[0] = 7.0f;
    press(&viewer, letter('Z'), 0);
    const scene_camera_desc *camera = &viewer.frame.shot.camera;
    CHECK(viewer.focus_part == 2 && camera->focus_radius == 2.0f);
    CHECK(memcmp(camera->focus_center, sphere, 3 * sizeof(float)) == 0);
    CHECK(camera->pan_mm[0] == 0.0f);
    CHECK(strstr(viewer.message, "focus: eyes") != NULL);
    render_part_finish parts[APP_VIEWER_MAX_PARTS];
    app_options shown = app_viewer_options(&viewer, &options, 0, parts);
    CHECK(shown.settings.given[SETTINGS_FOCUS] && shown.settings.value[SETTINGS_FOCUS].text &&
          strcmp(shown.settings.value[SETTINGS_FOCUS].text, "eyes") == 0);
    app_settings_capture(&shown.settings, &shown.frame);
    CHECK(shown.settings.given[SETTINGS_FOCUS]);
    press(&viewer, letter('Z'), 0); /* again: the whole model */
    CHECK(viewer.focus_part == -1 && camera->focus_radius == 0.0f);
    shown = app_viewer_options(&viewer, &options, 0, parts);
    CHECK(!shown.settings.given[SETTINGS_FOCUS]);
    press(&viewer, letter('Z'), 0);
    CHECK(camera->focus_radius == 2.0f);
    press(&viewer, PLAT_KEY_HOME, 0); /* the start framed the whole model */
    CHECK(viewer.focus_part == -1 && camera->focus_radius == 0.0f);
    press(&viewer, letter('Z'), 0);
    /* A pan drag moves the focused part with the cursor: a pixel is its
     * frame's height (the part's diameter over the fill) over the window's. */
    viewer.window_width = 1280;
    viewer.window_height = 800;
    drag(&viewer, PLAT_BUTTON_RIGHT, 0, 50, 0);
    CHECK_NEAR(camera->pan_mm[0], -50.0 * 2.0 * 2.0 / 0.9 / 800.0, 1e-4);
    render_model fewer = model;
    fewer.part_count = 2; /* no eyes */
    app_viewer_set_model(&viewer, &fewer);
    CHECK(viewer.focus_part == -1 && camera->focus_radius == 0.0f);
    app_options_free(&options);
}

int main(void)
{
    test_key_table();
    test_mouse_table();
    test_help_and_markdown();
    test_key_names();
    test_init();
    test_finishes_and_parts();
    test_compare();
    test_turntable();
    test_lamp();
    test_reset_and_frame();
    test_focus();
    test_toggles_and_requests();
    test_rooms();
    test_mouse();
    test_script_verbs();
    test_script_errors();
    return check_done("test_viewer_core");
}
