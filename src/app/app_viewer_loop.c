#define _POSIX_C_SOURCE 200809L
#include "app/app_viewer_loop.h"
#include "app/app_viewer_panels.h"
#include "app/app_viewer_quality.h"
#include "core/core_time.h"

#include "app/app_options.h"
#include "app/app_preset.h"
#include "core/core_file.h"
#include "core/core_log.h"
#include "gfx/gfx.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static bool parse_switch(const char *text, bool *value)
{
    if (strcasecmp(text, "on") == 0 || strcmp(text, "1") == 0 || strcasecmp(text, "true") == 0)
        *value = true;
    else if (strcasecmp(text, "off") == 0 || strcmp(text, "0") == 0 ||
             strcasecmp(text, "false") == 0)
        *value = false;
    else
        return false;
    return true;
}

/* The viewer's own settings; anything else is a preset key. */
static bool script_set_viewer(app_viewer *viewer, const char *name, const char *value, bool *ok)
{
    char *end = NULL;
    double number = strtod(value, &end);
    bool numeric = end != value && *end == '\0' && isfinite(number);
    *ok = true;
    if (strcmp(name, "turntable") == 0)
        *ok = parse_switch(value, &viewer->turning);
    else if (strcmp(name, "detector") == 0)
        *ok = parse_switch(value, &viewer->detector);
    else if (strcmp(name, "hud") == 0)
        *ok = parse_switch(value, &viewer->hud);
    else if (strcmp(name, "help") == 0)
        *ok = parse_switch(value, &viewer->help);
    else if (strcmp(name, "speed") == 0 && numeric && number >= 0.1 && number <= 360)
        viewer->speed_deg_s = (float)number;
    else if (strcmp(name, "step") == 0 && numeric && number > 0 && number <= 180)
        viewer->step_deg = (float)number;
    else if (strcmp(name, "compare") == 0 && numeric && number >= 1 && number <= 4)
        app_viewer_set_compare(viewer, (int)number, 0.0);
    else if (strcmp(name, "select") == 0) {
        viewer->selected_part = -1;
        for (int p = 0; p < viewer->part_count; ++p)
            if (strcmp(viewer->parts[p].name, value) == 0)
                viewer->selected_part = p;
        *ok = viewer->selected_part >= 0 || strcmp(value, "all") == 0;
    } else if (strcmp(name, "focus") == 0 || strcmp(name, "camera.focus") == 0) {
        /* a part by its own name, or "all": the whole model (as Z) */
        int part = -1;
        for (int p = 0; p < viewer->part_count; ++p)
            if (strcmp(viewer->parts[p].name, value) == 0)
                part = p;
        *ok = part >= 0 || strcmp(value, "all") == 0;
        if (*ok)
            app_viewer_focus(viewer, part);
    } else if (strcmp(name, "speed") == 0 || strcmp(name, "step") == 0 ||
               strcmp(name, "compare") == 0)
        *ok = false;
    else
        return false;
    return true;
}

core_result app_viewer_set(app_viewer_loop *loop, const char *name, const char *value)
{
    app_viewer *viewer = &loop->viewer;
    bool ok = true;
    if (strcmp(name, "interactive") == 0) { /* off: every frame at full quality */
        bool on = !loop->quality.off;
        ok = parse_switch(value, &on);
        loop->quality.off = !on;
        return ok ? CORE_OK : core_fail(CORE_ERR_PARSE, "set %s: bad value '%s'", name, value);
    }
    if (script_set_viewer(viewer, name, value, &ok))
        return ok ? CORE_OK : core_fail(CORE_ERR_PARSE, "set %s: bad value '%s'", name, value);
    /* The viewer's frame as settings, the key set through its flag's parser,
     * and back: a copy of the options, only read (its texts are the
     * original's) and never freed. */
    static app_options options;
    options = *loop->options;
    options.frame = viewer->frame;
    options.frame.finish = viewer->looks[viewer->active_viewport].finish;
    app_settings_capture(&options.settings, &options.frame);
    uint32_t parts_before = options.settings.part_count;
    if (app_preset_set(name, value, &options) != 0)
        return core_fail(CORE_ERR_PARSE, "set %s %s: see the line above", name, value);
    if (options.frame.finish != viewer->looks[viewer->active_viewport].finish) {
        viewer->looks[viewer->active_viewport].finish = options.frame.finish;
        memset(viewer->looks[viewer->active_viewport].part_finish, -1,
               sizeof viewer->looks[0].part_finish);
    }
    for (uint32_t i = parts_before; i < options.frame.part_finish_count; ++i)
        for (int p = 0; p < viewer->part_count; ++p)
            if (strcmp(viewer->parts[p].name, options.frame.part_finishes[i].part) == 0)
                viewer->looks[viewer->active_viewport].part_finish[p] =
                    (signed char)options.frame.part_finishes[i].finish;
    options.frame.part_finishes = NULL;
    options.frame.part_finish_count = 0;
    /* The scale is the session's (the check's life sizes and the detector
     * panel read it there), not the frame's. */
    const settings_row *scale_row = settings_row_of(SETTINGS_SCALE);
    if (strcmp(name, scale_row->key) == 0 || strcmp(name, scale_row->flag) == 0) {
        loop->session->scale.n = (float)options.settings.value[SETTINGS_SCALE].number[0];
        loop->session->scale.given = true;
    }
    /* The focus is the viewer's (set focus, Z), not the command line's. */
    const scene_camera_desc *camera = &viewer->frame.shot.camera;
    memcpy(options.frame.shot.camera.focus_center, camera->focus_center,
           sizeof camera->focus_center);
    options.frame.shot.camera.focus_radius = camera->focus_radius;
    viewer->frame = options.frame;
    return CORE_OK;
}

static core_result script_set(app_viewer_loop *loop, const app_script_command *c)
{
    if (app_viewer_set(loop, c->name, c->text) == CORE_OK)
        return CORE_OK;
    char error[1024];
    snprintf(error, sizeof error, "%s", core_last_error());
    return core_fail(CORE_ERR_PARSE, "%s:%d: %s", loop->script.file, c->line, error);
}

static void script_drag(app_viewer *viewer, const app_script_command *c, double now)
{
    const double *n = c->numbers;
    plat_event event = {.kind = PLAT_EVENT_CURSOR, .x = n[0], .y = n[1]};
    app_viewer_handle_event(viewer, &event, now);
    event = (plat_event){.kind = PLAT_EVENT_BUTTON,
                         .button = c->button,
                         .mods = c->mods,
                         .down = true,
                         .x = n[0],
                         .y = n[1]};
    app_viewer_handle_event(viewer, &event, now);
    enum { moves = 16 }; /* as a hand would: many small moves */
    for (int i = 1; i <= moves; ++i) {
        double t = (double)i / moves;
        event = (plat_event){.kind = PLAT_EVENT_CURSOR,
                             .x = n[0] + (n[2] - n[0]) * t,
                             .y = n[1] + (n[3] - n[1]) * t};
        app_viewer_handle_event(viewer, &event, now);
    }
    event = (plat_event){.kind = PLAT_EVENT_BUTTON,
                         .button = c->button,
                         .mods = c->mods,
                         .down = false,
                         .x = n[2],
                         .y = n[3]};
    app_viewer_handle_event(viewer, &event, now);
}

/* Runs commands until one needs frames to pass (wait, screenshot, resize). */
static void run_script(app_viewer_loop *loop, double now)
{
    app_script *script = &loop->script;
    app_viewer *viewer = &loop->viewer;
    if (script->wait_left > 0) {
        script->wait_left--;
        return;
    }
    if (loop->ui_waiting_line) {
        if (ui_script_pending(loop->ui))
            return;
        const char *error = ui_script_error(loop->ui);
        int line = loop->ui_waiting_line;
        loop->ui_waiting_line = 0;
        if (error) {
            fprintf(stderr, "glint view: %s:%d: ui: %s\n", script->file, line, error);
            loop->exit_code = APP_EXIT_BAD_INPUT;
            viewer->quit = true;
            return;
        }
    }
    while (script->next < script->count && !viewer->quit) {
        const app_script_command *c = &script->commands[script->next++];
        plat_event event = {0};
        switch (c->verb) {
        case APP_SCRIPT_SET:
            if (script_set(loop, c) != CORE_OK) {
                fprintf(stderr, "glint view: %s\n", core_last_error());
                loop->exit_code = APP_EXIT_BAD_INPUT;
                viewer->quit = true;
            }
            break;
        case APP_SCRIPT_KEY:
            event =
                (plat_event){.kind = PLAT_EVENT_KEY, .key = c->key, .mods = c->mods, .down = true};
            app_viewer_handle_event(viewer, &event, now);
            break;
        case APP_SCRIPT_DRAG: script_drag(viewer, c, now); break;
        case APP_SCRIPT_SCROLL:
            event = (plat_event){.kind = PLAT_EVENT_SCROLL, .y = c->numbers[0]};
            app_viewer_handle_event(viewer, &event, now);
            break;
        case APP_SCRIPT_DROP:
            event = (plat_event){.kind = PLAT_EVENT_DROP, .path = c->text};
            app_viewer_handle_event(viewer, &event, now);
            script->wait_left = 1; /* the load happens this frame; look at it next */
            return;
        case APP_SCRIPT_WAIT: script->wait_left = (int)c->numbers[0]; return;
        case APP_SCRIPT_SCREENSHOT:
        case APP_SCRIPT_SCREENSHOT_WINDOW:
        case APP_SCRIPT_SCREENSHOT_OFFSCREEN:
            snprintf(loop->pending_shot, sizeof loop->pending_shot, "%s", c->text);
            loop->pending_shot_kind = c->verb;
            return;
        case APP_SCRIPT_RESIZE:
            plat_window_set_size(loop->session->platform, (int)c->numbers[0], (int)c->numbers[1]);
            script->wait_left = 3; /* the window system answers within a few frames */
            return;
        case APP_SCRIPT_UI_SET:
        case APP_SCRIPT_UI_CLICK:
            if (!viewer->hud) {
                fprintf(stderr, "glint view: %s:%d: ui: the panels are hidden (set hud on)\n",
                        script->file, c->line);
                loop->exit_code = APP_EXIT_BAD_INPUT;
                viewer->quit = true;
                return;
            }
            if (c->verb == APP_SCRIPT_UI_SET)
                ui_script_set(loop->ui, c->name, c->text);
            else
                ui_script_click(loop->ui, c->name);
            loop->ui_waiting_line = c->line;
            return;
        case APP_SCRIPT_UI_RECTS:
        case APP_SCRIPT_UI_TEXTS:
            if ((c->verb == APP_SCRIPT_UI_RECTS ? app_viewer_write_rects(loop, c->text)
                                                : app_viewer_write_texts(loop, c->text)) !=
                CORE_OK) {
                fprintf(stderr, "glint view: %s\n", core_last_error());
                loop->exit_code = APP_EXIT_OUTPUT;
                viewer->quit = true;
            }
            break;
        case APP_SCRIPT_QUIT: viewer->quit = true; break;
        }
    }
}

/* Each viewport drawn into its target and stretched over its share of the
 * picture: while something moves, a smaller target with one sample and fewer
 * shadow taps (app_viewer_quality.c). At rest a viewport whose target holds
 * its look already is shown again undrawn; back from cheap frames, one
 * viewport a frame is drawn at full quality while the others keep their
 * cheap picture, so compare mode's first viewport is back after a third of
 * its full frame and a new motion waits for one viewport at most. */
static core_result draw_viewports(app_viewer_loop *loop, int width, int height, double now)
{
    app_viewer *viewer = &loop->viewer;
    app_viewer_quality *q = &loop->quality;
    int count = viewer->viewport_count;
    bool cheap = q->cheap;
    int divisor = cheap ? q->divisor : 1;
    int samples = cheap ? 1 : loop->options->samples;
    /* A screenshot is of the full-quality picture, every viewport. */
    bool progressive = !cheap && !loop->pending_shot[0] && !viewer->requests.screenshot &&
                       !viewer->requests.screenshot_large;
    bool drew_full = false;
    q->left_cheap = 0;
    for (int v = 0; v < count; ++v) {
        int x = width * v / count, w = width * (v + 1) / count - x;
        gfx_target *target = cheap ? &loop->cheap_targets[v] : &loop->targets[v];
        if (w < 1)
            continue;
        int tw = w / divisor > 0 ? w / divisor : 1, th = height / divisor > 0 ? height / divisor : 1;
        render_part_finish parts[APP_VIEWER_MAX_PARTS];
        render_frame_desc frame = app_viewer_viewport_frame(viewer, v, parts);
        frame.samples = loop->options->samples;
        if (now < viewer->selection_shown_until && v == viewer->active_viewport)
            frame.highlight_part = viewer->selected_part + 1;
        /* The look as the full picture has it, whichever is drawn now. */
        uint64_t look = app_viewer_look_signature(loop, &frame, w, height);
        frame.samples = samples;
        frame.interactive = cheap;
        if (!cheap && q->full_look[v] == look && target->width == tw && target->height == th) {
            gfx_target_present_rect(target, x, 0, w, height, width, height);
            continue;
        }
        if (progressive && drew_full && q->cheap_look[v] == look &&
            loop->cheap_targets[v].width > 0) {
            gfx_target_present_rect(&loop->cheap_targets[v], x, 0, w, height, width, height);
            q->left_cheap++;
            continue;
        }
        if (target->width != tw || target->height != th) {
            gfx_target_unload(target);
            core_result r = gfx_target_create(tw, th, samples, GFX_COLOR_RGBA8, target);
            if (r != CORE_OK)
                return r;
        }
        core_result r = render_frame(&loop->session->render, &loop->session->model, &frame, target);
        if (r != CORE_OK)
            return r;
        *(cheap ? &q->cheap_look[v] : &q->full_look[v]) = look;
        drew_full = drew_full || !cheap;
        gfx_target_present_rect(target, x, 0, w, height, width, height);
    }
    return CORE_OK;
}

/* The live detector analyses before the frame is drawn: it draws into its
 * own targets and leaves GL's viewport at its size. */
static core_result update_detector(app_viewer_loop *loop, int width, int height,
                                   bool updated[APP_VIEWER_MAX_VIEWPORTS])
{
    app_viewer *viewer = &loop->viewer;
    int count = viewer->viewport_count;
    for (int v = 0; v < count; ++v) {
        int x = width * v / count, w = width * (v + 1) / count - x;
        updated[v] = false;
        if (w < 1)
            continue;
        if (!loop->live[v]) {
            core_result r = app_viewer_live_create(loop, v);
            if (r != CORE_OK)
                return r;
        }
        render_part_finish parts[APP_VIEWER_MAX_PARTS];
        render_frame_desc frame = app_viewer_viewport_frame(viewer, v, parts);
        frame.samples = loop->options->samples;
        core_result r = inspect_live_update(loop->live[v], &loop->session->render,
                                            &loop->session->model, &frame, w, height, &updated[v]);
        /* A screenshot shows the detector's answer as it stands: wait for it. */
        bool finished = false;
        if (r == CORE_OK && loop->pending_shot[0])
            r = inspect_live_finish(loop->live[v], &finished);
        updated[v] = updated[v] || finished;
        if (r != CORE_OK)
            return r;
    }
    return CORE_OK;
}

/* Lays each viewport's latest overlay over it, while the model stands
 * within APP_VIEWER_OVERLAY_DEG of the angle the overlay was found at: the
 * analysis runs behind the frame, and an overlay further off would mark
 * places the highlights have left (a turn by hand, Home). */
#define APP_VIEWER_OVERLAY_DEG 3.0f
static core_result draw_overlays(app_viewer_loop *loop, int width, int height,
                                 const bool updated[APP_VIEWER_MAX_VIEWPORTS])
{
    int count = loop->viewer.viewport_count;
    float shown = loop->viewer.frame.shot.turntable_deg;
    for (int v = 0; v < count; ++v) {
        int x = width * v / count, w = width * (v + 1) / count - x;
        int ow = 0, oh = 0;
        const uint8_t *overlay =
            loop->live[v] ? inspect_live_overlay(loop->live[v], &ow, &oh) : NULL;
        if (w < 1 || !overlay || ow < 1 || oh < 1)
            continue;
        if (updated[v] || !loop->overlays[v].id) {
            core_result r = loop->overlays[v].id
                                ? gfx_texture_update_plain(&loop->overlays[v], ow, oh, overlay)
                                : gfx_texture_create_plain(ow, oh, overlay, &loop->overlays[v]);
            if (r != CORE_OK)
                return r;
        }
        const detect_frame *record = inspect_live_record(loop->live[v]);
        float off = record ? fabsf(fmodf(shown - record->angle_deg + 540.0f, 360.0f) - 180.0f)
                           : 360.0f;
        if (off <= APP_VIEWER_OVERLAY_DEG)
            app_hud_image(&loop->hud, loop->overlays[v], (float)x, 0.0f, (float)w,
                          (float)height, 0.85f);
    }
    return CORE_OK;
}

static core_result frame(app_viewer_loop *loop, double now, int width, int height)
{
    app_viewer *viewer = &loop->viewer;
    /* The picture is the window left of the panels' column, so the column
     * never covers a model, in compare mode either. */
    int picture = width - (int)lroundf(app_viewer_panels_width(loop, width));
    if (picture < 1)
        picture = width;
    loop->picture_width = picture;
    float content_scale = plat_window_content_scale(loop->session->platform);
    viewer->picture_width = (int)lroundf((float)picture / (content_scale > 0.0f ? content_scale : 1.0f));
    bool updated[APP_VIEWER_MAX_VIEWPORTS] = {false};
    core_result r = viewer->detector ? update_detector(loop, picture, height, updated) : CORE_OK;
    if (r == CORE_OK)
        r = draw_viewports(loop, picture, height, now);
    /* Text a reader can take in at a glance: smaller in a small window, larger
     * on a hi-DPI screen, and growing with a tall window as the panels' text
     * does (at 2160 rows it was the 1080 rows' size, a quarter of the screen's
     * height as thin as the panels' beside it). */
    float scale = plat_window_content_scale(loop->session->platform) *
                  fminf(fmaxf((float)height / 1000.0f, 0.5f), 2.0f);
    app_hud_begin(&loop->hud, width, height, scale);
    if (r == CORE_OK && viewer->detector)
        r = draw_overlays(loop, picture, height, updated);
    if (r != CORE_OK)
        return r;
    if (viewer->requests.screenshot || viewer->requests.screenshot_large) {
        bool large = viewer->requests.screenshot_large;
        viewer->requests.screenshot = viewer->requests.screenshot_large = false;
        if (app_viewer_take_screenshot(loop, large, NULL, picture, height) != CORE_OK)
            app_viewer_say(viewer, true, now, "%s", core_last_error());
    }
    if (loop->pending_shot[0] && loop->pending_shot_kind != APP_SCRIPT_SCREENSHOT_WINDOW) {
        bool offscreen = loop->pending_shot_kind == APP_SCRIPT_SCREENSHOT_OFFSCREEN;
        if (app_viewer_take_screenshot(loop, offscreen, loop->pending_shot, picture, height) !=
            CORE_OK) {
            fprintf(stderr, "glint view: %s\n", core_last_error());
            loop->exit_code = APP_EXIT_OUTPUT;
            viewer->quit = true;
        }
        loop->pending_shot[0] = '\0';
    }
    if (viewer->hud)
        app_viewer_draw_hud(loop, width, height, now);
    r = app_hud_end(&loop->hud);
    if (r == CORE_OK)
        r = app_viewer_panels_frame(loop, width, height, now);
    if (r == CORE_OK && loop->pending_shot[0]) {
        if (app_viewer_write_window(loop, loop->pending_shot, width, height) != CORE_OK) {
            fprintf(stderr, "glint view: %s\n", core_last_error());
            loop->exit_code = APP_EXIT_OUTPUT;
            viewer->quit = true;
        }
        loop->pending_shot[0] = '\0';
    }
    return r;
}

/* What makes the picture change by itself while nothing else does: a
 * message or a part's highlight running out. */
static uint32_t timed_look(const app_viewer *viewer, double now)
{
    return (now < viewer->message_until ? 1u : 0u) |
           (now < viewer->selection_shown_until ? 2u : 0u);
}

/* The live detector's step is 1 degree (inspect_live's default) and its
 * analysis runs behind the frames, over several of them on a slow GPU: the
 * turntable turns a degree per analysis, not per frame, or the detector
 * would see jumps and start its sweep over and over (a little more than a
 * degree, so a step is never just short of due; app_viewer_detector_turn).
 * Its thread yields to the frames, so on a busy machine it can fall below
 * its last pace: then the turntable waits for it. */
static float detector_turn_limit(app_viewer_loop *loop, double now, double frame_s)
{
    if (!loop->live[0])
        return 1.0f;
    float angle = loop->viewer.frame.shot.turntable_deg;
    inspect_live_summary s;
    inspect_live_summary_get(loop->live[0], &s);
    if (s.analyses != loop->detector_analyses) {
        if (loop->detector_last_s > 0.0 && s.analyses > loop->detector_analyses)
            loop->detector_cycle_s = now - loop->detector_last_s;
        loop->detector_last_s = now;
        loop->detector_analyses = s.analyses;
        loop->detector_analysed_deg = angle;
    }
    float ahead = fabsf(fmodf(angle - loop->detector_analysed_deg + 540.0f, 360.0f) - 180.0f);
    return app_viewer_detector_turn(frame_s, loop->detector_cycle_s,
                                    inspect_live_busy(loop->live[0]), ahead);
}

static void release(app_viewer_loop *loop)
{
    for (int v = 0; v < APP_VIEWER_MAX_VIEWPORTS; ++v) {
        gfx_target_unload(&loop->targets[v]);
        gfx_target_unload(&loop->cheap_targets[v]);
        gfx_texture_unload(&loop->overlays[v]);
        app_viewer_live_destroy(loop, v);
    }
    app_viewer_panels_destroy(loop);
    free(loop->history);
    app_hud_unload(&loop->hud);
    app_script_free(&loop->script);
    free(loop->frame_ms);
    free(loop->frame_cheap);
}

int app_viewer_run(app_session *session, app_options *options, const app_viewer_settings *settings)
{
    app_viewer_loop *loop = calloc(1, sizeof *loop);
    if (!loop)
        return app_report(core_fail(CORE_ERR_NO_MEMORY, "out of memory"), NULL);
    loop->session = session;
    loop->options = options;
    loop->settings = *settings;
    snprintf(loop->model_path, sizeof loop->model_path, "%s", options->model_path);
    options->model_path = loop->model_path;
    app_viewer_init(&loop->viewer, options, &session->model);
    if (settings->script_path) {
        core_result r = app_script_load(settings->script_path, &loop->script);
        if (r != CORE_OK) {
            free(loop);
            return app_report(r, NULL);
        }
        loop->has_script = true;
    }
    if (options->snapshot_path) {
        snprintf(loop->pending_shot, sizeof loop->pending_shot, "%s", options->snapshot_path);
        loop->pending_shot_kind = APP_SCRIPT_SCREENSHOT;
        loop->viewer.turning = false;
        loop->viewer.hud = false;
    }
    loop->history = calloc(1, sizeof *loop->history); /* none: no undo, nothing else lost */
    core_result r = app_hud_create(&loop->hud);
    if (r == CORE_OK)
        r = app_viewer_panels_create(loop);
    if (r != CORE_OK) {
        release(loop);
        free(loop);
        return app_report(r, NULL);
    }
    app_viewer_update_title(loop);
    plat_context *platform = session->platform;
    double last = core_seconds();
    int width = 0, height = 0;
    bool drawn = false, was_idle = false;
    uint32_t last_look = 0;
    int last_width = 0, last_height = 0;
    while (!plat_window_should_close(platform) && !loop->viewer.quit) {
        /* Nothing changing: sleep until something happens instead of drawing
         * the same frame again (on a software rasteriser that is a busy core). */
        if (was_idle)
            plat_window_wait(platform, app_viewer_quality_wait_s(loop, core_seconds()));
        else if (loop->detector_holds)
            plat_window_wait(platform, app_viewer_held_wait_s(loop->last_frame_ms));
        else
            plat_window_poll(platform);
        double now = core_seconds();
        if (was_idle)
            last = now; /* the time asleep is not turntable time */
        plat_window_size(platform, &loop->viewer.window_width, &loop->viewer.window_height);
        plat_event event;
        bool input = false;
        while (plat_window_next_event(platform, &event)) {
            if (event.kind == PLAT_EVENT_BUTTON)
                loop->mouse_held = event.down;
            if (!app_viewer_panels_take_event(loop, &event))
                app_viewer_handle_event(&loop->viewer, &event, now);
            input = true;
        }
        if (loop->has_script)
            run_script(loop, now);
        loop->viewer.max_turn_deg =
            loop->viewer.detector ? detector_turn_limit(loop, now, now - last) : 0.0f;
        app_viewer_advance(&loop->viewer, now - last);
        last = now;
        /* The turntable waits for the detector's analysis: the next frame
         * would show the same, so the loop pauses a little before it, and
         * leaves its core to the analysis (input still wakes it at once). */
        loop->detector_holds = loop->viewer.turn_held && loop->live[0] &&
                               loop->viewer.max_turn_deg <= APP_VIEWER_HELD_DEG &&
                               inspect_live_busy(loop->live[0]);
        app_viewer_carry_out_requests(loop, now);
        app_viewer_history_step(loop, now);
        app_viewer_update_title(loop);
        plat_window_framebuffer_size(platform, &width, &height);
        if (width <= 0 || height <= 0) {
            struct timespec pause = {0, 50 * 1000 * 1000}; /* minimised: idle */
            nanosleep(&pause, NULL);
            continue;
        }
        uint32_t look = timed_look(&loop->viewer, now);
        bool scripting = loop->has_script &&
                         (loop->script.next < loop->script.count || loop->script.wait_left > 0);
        was_idle = drawn && !input && !scripting && !loop->viewer.turning &&
                   !loop->pending_shot[0] && width == last_width && height == last_height &&
                   look == last_look && !app_viewer_quality_owes_full(loop, now);
        if (was_idle)
            continue;
        app_viewer_quality_update(loop, now);
        drawn = true;
        last_look = look;
        last_width = width;
        last_height = height;
        r = frame(loop, now, width, height);
        if (r != CORE_OK) {
            loop->exit_code = app_report(r, NULL);
            break;
        }
        if (options->snapshot_path && !loop->pending_shot[0])
            break;
        app_viewer_count_detector_frame(loop);
        plat_window_swap(platform);
        app_viewer_quality_frame_done(loop, (core_seconds() - now) * 1000.0,
                                      loop->quality.cheap ? loop->cheap_targets[0].width
                                                          : loop->targets[0].width,
                                      loop->quality.cheap ? loop->cheap_targets[0].height
                                                          : loop->targets[0].height);
    }
    if (settings->stats)
        app_viewer_print_stats(loop, width, height);
    int code = loop->exit_code;
    release(loop);
    free(loop);
    return code;
}
