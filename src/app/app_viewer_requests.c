#define _POSIX_C_SOURCE 200809L
#include "app/app_viewer_loop.h"

#include "app/app_options.h"
#include "app/app_preset.h"
#include "app/app_viewer_panels.h"
#include "core/core_file.h"
#include "core/core_log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* What the viewer's requests need the session for: a new or reloaded model,
 * another up axis, a part's paint, a saved preset; and the window's title. */

void app_viewer_update_title(app_viewer_loop *loop)
{
    char title[640], look[256];
    app_viewer_viewport_label(&loop->viewer, 0, look, sizeof look);
    if (loop->viewer.viewport_count > 1)
        snprintf(look, sizeof look, "compare %d finishes", loop->viewer.viewport_count);
    snprintf(title, sizeof title, "glint - %s - %s", core_path_basename(loop->model_path), look);
    /* Set only when it changes: the window system is told once, not every frame. */
    if (strcmp(title, loop->title) != 0) {
        snprintf(loop->title, sizeof loop->title, "%s", title);
        plat_window_set_title(loop->session->platform, title);
    }
}

static void load_model(app_viewer_loop *loop, const char *path, double now)
{
    char previous[4096];
    snprintf(previous, sizeof previous, "%s", loop->model_path);
    snprintf(loop->model_path, sizeof loop->model_path, "%s", path);
    loop->options->model_path = loop->model_path;
    /* A worker may be drawing the old model on its own context: wait for it
     * before the model's buffers go. */
    for (int v = 0; v < APP_VIEWER_MAX_VIEWPORTS; ++v)
        if (loop->live[v])
            inspect_live_restart(loop->live[v]);
    core_result r = app_session_replace_model(loop->session, loop->options);
    if (r != CORE_OK) {
        app_viewer_say(&loop->viewer, true, now, "%s (kept %s)", core_last_error(),
                       core_path_basename(previous));
        snprintf(loop->model_path, sizeof loop->model_path, "%s", previous);
        return;
    }
    app_viewer_set_model(&loop->viewer, &loop->session->model);
    app_viewer_note_recent(loop->model_path, false);
    for (int v = 0; v < APP_VIEWER_MAX_VIEWPORTS; ++v)
        if (loop->live[v])
            inspect_live_restart(loop->live[v]); /* new contents, perhaps the same GPU handles */
    app_viewer_say(&loop->viewer, false, now, "loaded %s (%u triangles)",
                   core_path_basename(loop->model_path), loop->session->triangle_count);
    app_viewer_update_title(loop);
}

/* U: the next up axis, kept in the options so presets and reloads keep it. */
static void stand_up(app_viewer_loop *loop, int steps, double now)
{
    settings_values *s = &loop->options->settings;
    int previous = s->value[SETTINGS_UP].choice;
    bool was_given = s->given[SETTINGS_UP];
    /* presses within one frame add up: one reload for all of them */
    scene_up up = loop->session->up;
    for (int i = 0; i < steps % 6; ++i)
        up = scene_up_next(up);
    char name[8];
    snprintf(name, sizeof name, "%s", scene_up_name(up));
    settings_set(s, SETTINGS_UP, name, "--up");
    app_options_resolve(loop->options);
    char path[4096];
    snprintf(path, sizeof path, "%s", loop->model_path);
    load_model(loop, path, now);
    if (loop->session->up != loop->options->mesh.up) { /* the load failed: as it was */
        s->value[SETTINGS_UP].choice = previous;
        s->given[SETTINGS_UP] = was_given;
        app_options_resolve(loop->options);
        return;
    }
    app_viewer_say(&loop->viewer, false, now, "up: %s (U for the next axis)",
                   scene_up_name(loop->session->up));
}

/* The paint choice of a part (-1: every part) in the settings: an index
 * into --paint's choices, 0 ("file") when none is set. */
int app_viewer_paint_of(const app_viewer_loop *loop, int part)
{
    const settings_values *s = &loop->options->settings;
    const char *name = part >= 0 && part < (int)loop->session->model.part_count
                           ? loop->session->model.parts[part].name
                           : "all";
    int current = 0;
    for (uint32_t p = 0; p < s->paint_count; ++p)
        if (strcmp(s->paints[p].name, name) == 0 && s->paints[p].choice >= 0)
            current = s->paints[p].choice;
    return current;
}

/* Sets it and repaints; the settings keep it (presets, reloads). */
void app_viewer_set_paint(app_viewer_loop *loop, int part, int choice, double now)
{
    settings_values *s = &loop->options->settings;
    const settings_row *row = settings_row_of(SETTINGS_PAINT);
    const char *name = part >= 0 && part < (int)loop->session->model.part_count
                           ? loop->session->model.parts[part].name
                           : "all";
    char text[SETTINGS_NAME_MAX + 32];
    snprintf(text, sizeof text, "%s=%s", name, row->choices[choice]);
    if (strcmp(name, "all") == 0)
        s->paint_count = 0; /* every part: earlier per-part paints give way */
    if (settings_set(s, SETTINGS_PAINT, text, "--paint") != CORE_OK) {
        app_viewer_say(&loop->viewer, true, now, "%s", core_last_error());
        return;
    }
    app_options_apply_paints(loop->options, loop->session->model.parts,
                             loop->session->model.part_count);
    app_viewer_say(&loop->viewer, false, now, "%s: paint %s", name,
                   choice == 0 ? "from the file" : row->choices[choice]);
}

/* P / Shift+P: the selected part's paint (or every part's) steps through the
 * named paints and back to the file's own. */
static void step_paint(app_viewer_loop *loop, int direction, double now)
{
    const settings_row *row = settings_row_of(SETTINGS_PAINT);
    int choices = 0;
    while (row->choices[choices])
        ++choices;
    int part = loop->viewer.selected_part;
    int next = (app_viewer_paint_of(loop, part) + direction + choices) % choices;
    app_viewer_set_paint(loop, part, next, now);
}

static bool is_picture(const char *path)
{
    char *bytes = NULL;
    size_t size = 0, file_size = 0;
    bool picture = core_file_read_prefix(path, 1u << 30, 8, &bytes, &size, &file_size) == CORE_OK &&
                   app_preset_is_picture(bytes, size);
    core_file_free(bytes);
    return picture;
}

/* app_preset_apply, as `--preset` reads the file; its one line about what
 * is wrong (on stderr, for the command line) is kept in `error`, without
 * "glint view: ", for the panel and the viewer's message (which prints it). */
static int preset_apply_said(const char *path, app_options *options, char *error, size_t size)
{
    error[0] = '\0';
    fflush(stderr);
    FILE *capture = tmpfile();
    int saved = capture ? dup(STDERR_FILENO) : -1;
    if (saved < 0 || dup2(fileno(capture), STDERR_FILENO) < 0) {
        if (saved >= 0)
            close(saved);
        if (capture)
            fclose(capture);
        int rc = app_preset_apply(path, options);
        if (rc != 0)
            snprintf(error, size, "%s: not a glint preset (see the terminal)", path);
        return rc;
    }
    int rc = app_preset_apply(path, options);
    fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
    rewind(capture);
    /* The last line: a warning may come before the error. Read well, the
     * file's warnings go on to stderr. */
    char line[1024] = "", next[1024];
    while (fgets(next, sizeof next, capture)) {
        if (rc == 0)
            fputs(next, stderr);
        if (next[0] != '\n')
            memcpy(line, next, sizeof line);
    }
    fclose(capture);
    line[strcspn(line, "\n")] = '\0';
    const char *said = strncmp(line, "glint view: ", 12) == 0 ? line + 12 : line;
    if (rc != 0)
        snprintf(error, size, "%s", said[0] ? said : "not a glint preset");
    return rc;
}

/* A preset, or a picture glint made (dropped on the window, or Shots' Load
 * preset): its settings (the look, the lamp, the camera, the angle, paints
 * and finishes) are applied to the model on screen, which stays; what is
 * wrong with the file is said in one line, in the Shots panel too. */
static void apply_preset(app_viewer_loop *loop, const char *path, double now)
{
    app_options *picture = calloc(1, sizeof *picture);
    if (!picture) {
        app_viewer_say(&loop->viewer, true, now, "%s: out of memory", core_path_basename(path));
        return;
    }
    app_options_init(picture, SETTINGS_VIEW);
    char error[1024];
    if (preset_apply_said(path, picture, error, sizeof error) != 0) {
        app_viewer_say(&loop->viewer, true, now, "%s (kept the look of %s)", error,
                       core_path_basename(loop->model_path));
        app_viewer_shots_error(error);
        app_options_free(picture);
        free(picture);
        return;
    }
    app_viewer_shots_error(NULL);
    app_viewer_note_recent(path, true);
    app_options_resolve(picture);
    app_viewer *viewer = &loop->viewer;
    render_frame_desc frame = picture->frame;
    viewer->frame.shot = frame.shot;
    memcpy(viewer->frame.background, frame.background, sizeof frame.background);
    viewer->frame.roughness = frame.roughness;
    viewer->frame.exposure_ev = frame.exposure_ev;
    viewer->frame.tonemap = frame.tonemap;
    viewer->frame.view = frame.view;
    viewer->frame.no_shadows = frame.no_shadows;
    viewer->frame.room = frame.room;
    viewer->turning = false; /* the picture's angle, held */
    app_viewer_set_compare(viewer, 1, now);
    app_viewer_look *look = &viewer->looks[0];
    look->finish = frame.finish;
    memset(look->part_finish, -1, sizeof look->part_finish);
    for (uint32_t i = 0; i < frame.part_finish_count; ++i)
        for (int p = 0; p < viewer->part_count; ++p)
            if (strcmp(viewer->parts[p].name, frame.part_finishes[i].part) == 0)
                look->part_finish[p] = (signed char)frame.part_finishes[i].finish;
    settings_values *settings = &loop->options->settings;
    settings->paint_count = picture->settings.paint_count;
    memcpy(settings->paints, picture->settings.paints,
           sizeof settings->paints[0] * picture->settings.paint_count);
    app_options_apply_paints(loop->options, loop->session->model.parts,
                             loop->session->model.part_count);
    app_viewer_say(viewer, false, now, "applied the settings of %s to %s (Ctrl+Z: undo)",
                   core_path_basename(path), core_path_basename(loop->model_path));
    app_options_free(picture);
    free(picture);
}

void app_viewer_carry_out_requests(app_viewer_loop *loop, double now)
{
    app_viewer_requests *requests = &loop->viewer.requests;
    if (requests->load_path[0]) {
        if (is_picture(requests->load_path))
            apply_preset(loop, requests->load_path, now);
        else
            load_model(loop, requests->load_path, now);
        requests->load_path[0] = '\0';
    }
    if (requests->preset_path[0]) {
        apply_preset(loop, requests->preset_path, now);
        requests->preset_path[0] = '\0';
    }
    if (requests->reload) {
        char path[4096];
        snprintf(path, sizeof path, "%s", loop->model_path);
        load_model(loop, path, now);
        requests->reload = false;
    }
    if (requests->up_steps) {
        stand_up(loop, requests->up_steps, now);
        requests->up_steps = 0;
    }
    if (requests->paint_step) {
        step_paint(loop, requests->paint_step, now);
        requests->paint_step = 0;
    }
    if (requests->save_preset) {
        if (app_viewer_save_preset(loop) != CORE_OK)
            app_viewer_say(&loop->viewer, true, now, "%s", core_last_error());
        requests->save_preset = false;
    }
}


static void put_back(app_viewer_loop *loop, const app_viewer_snapshot *snapshot)
{
    app_viewer_snapshot_apply(snapshot, &loop->viewer, &loop->options->settings);
    app_options_apply_paints(loop->options, loop->session->model.parts,
                             loop->session->model.part_count);
}

void app_viewer_history_step(app_viewer_loop *loop, double now)
{
    app_viewer_requests *requests = &loop->viewer.requests;
    if (!loop->history) {
        requests->undo_steps = requests->redo_steps = 0;
        return;
    }
    static app_viewer_snapshot current, previous;
    app_viewer_snapshot_take(&loop->viewer, &loop->options->settings, &current);
    for (; requests->undo_steps > 0; requests->undo_steps--) {
        if (!app_viewer_history_undo(loop->history, &current, &previous)) {
            app_viewer_say(&loop->viewer, false, now, "nothing to undo");
            break;
        }
        put_back(loop, &previous);
        current = previous;
        app_viewer_say(&loop->viewer, false, now, "undone (Ctrl+Shift+Z: redo)");
    }
    for (; requests->redo_steps > 0; requests->redo_steps--) {
        if (!app_viewer_history_redo(loop->history, &current, &previous)) {
            app_viewer_say(&loop->viewer, false, now, "nothing to redo");
            break;
        }
        put_back(loop, &previous);
        current = previous;
        app_viewer_say(&loop->viewer, false, now, "redone");
    }
    requests->undo_steps = requests->redo_steps = 0;
    app_viewer_history_note(loop->history, &current, !loop->mouse_held);
}
