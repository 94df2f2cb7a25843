#include "app/app_viewer.h"

#include "core/core_log.h"

#include <math.h>
#include <stdio.h>
#include <stdarg.h>
#include <string.h>

static const float step_choices[] = {1.0f, 5.0f, 15.0f, 45.0f, 90.0f};
static const float speed_choices[] = {1.0f, 2.0f, 5.0f, 10.0f, 20.0f, 45.0f, 90.0f};
/* Compare mode's viewports, left to right: the three varnishes, then none (the bare paint). */
static const scene_finish_kind compare_finishes[APP_VIEWER_MAX_VIEWPORTS] = {
    SCENE_FINISH_MATTE, SCENE_FINISH_SATIN, SCENE_FINISH_GLOSS, SCENE_FINISH_NONE};

static void reset_look(app_viewer_look *look, scene_finish_kind finish)
{
    look->finish = finish;
    memset(look->part_finish, -1, sizeof look->part_finish);
}

/* The index of the new model's part called `name`, or -1. */
static int find_part(const render_model *model, int count, const char *name)
{
    for (int p = 0; p < count; ++p)
        if (strcmp(model->parts[p].name, name) == 0)
            return p;
    return -1;
}

/* The camera's focus on part `part` of the parts now shown (-1: none). */
static void aim_at(scene_camera_desc *camera, const app_viewer *viewer, int part)
{
    camera->focus_radius = 0.0f;
    if (part < 0 || part >= viewer->part_count)
        return;
    const float *sphere = viewer->parts[part].sphere;
    memcpy(camera->focus_center, sphere, sizeof camera->focus_center);
    /* as app_options' match: a point still frames a hair's breadth of the model */
    camera->focus_radius = fmaxf(sphere[3], 1e-3f * viewer->bounds.radius);
}

void app_viewer_focus(app_viewer *viewer, int part)
{
    viewer->focus_part = part >= 0 && part < viewer->part_count ? part : -1;
    aim_at(&viewer->frame.shot.camera, viewer, viewer->focus_part);
    /* A pan in millimetres means another thing at another scale. */
    viewer->frame.shot.camera.pan_mm[0] = viewer->frame.shot.camera.pan_mm[1] = 0.0f;
}

void app_viewer_set_model(app_viewer *viewer, const render_model *model)
{
    int count =
        (int)(model->part_count < APP_VIEWER_MAX_PARTS ? model->part_count : APP_VIEWER_MAX_PARTS);
    int focus = viewer->focus_part >= 0 && viewer->focus_part < viewer->part_count
                    ? find_part(model, count, viewer->part_names[viewer->focus_part])
                    : -1;
    int start_focus = viewer->start_focus >= 0 && viewer->start_focus < viewer->part_count
                          ? find_part(model, count, viewer->part_names[viewer->start_focus])
                          : -1;
    for (int v = 0; v <= APP_VIEWER_MAX_VIEWPORTS; ++v) {
        app_viewer_look *look =
            v < APP_VIEWER_MAX_VIEWPORTS ? &viewer->looks[v] : &viewer->single_look;
        signed char moved[APP_VIEWER_MAX_PARTS];
        memset(moved, -1, sizeof moved);
        for (int old = 0; old < viewer->part_count; ++old) {
            int now = find_part(model, count, viewer->part_names[old]);
            if (now >= 0 && look->part_finish[old] >= 0)
                moved[now] = look->part_finish[old];
        }
        memcpy(look->part_finish, moved, sizeof moved);
    }
    viewer->selected_part = viewer->selected_part >= 0 && viewer->selected_part < viewer->part_count
                                ? find_part(model, count, viewer->part_names[viewer->selected_part])
                                : -1;
    viewer->parts = model->parts;
    viewer->part_count = count;
    for (int p = 0; p < count; ++p)
        snprintf(viewer->part_names[p], sizeof viewer->part_names[p], "%s", model->parts[p].name);
    viewer->bounds = model->bounds;
    viewer->focus_part = focus;
    aim_at(&viewer->frame.shot.camera, viewer, focus);
    viewer->start_focus = start_focus;
    aim_at(&viewer->start.camera, viewer, start_focus);
}

void app_viewer_init(app_viewer *viewer, const app_options *options, const render_model *model)
{
    memset(viewer, 0, sizeof *viewer);
    viewer->frame = options->frame;
    viewer->frame.part_finishes = NULL;
    viewer->frame.part_finish_count = 0;
    viewer->start = options->frame.shot;
    viewer->speed_deg_s = 10.0f;
    viewer->step_deg = 15.0f;
    viewer->selected_part = -1;
    viewer->focus_part = viewer->start_focus = -1;
    viewer->viewport_count = 1;
    viewer->hud = true;
    viewer->turning = options->snapshot_path == NULL;
    for (int v = 0; v < APP_VIEWER_MAX_VIEWPORTS; ++v)
        reset_look(&viewer->looks[v], compare_finishes[v]);
    reset_look(&viewer->looks[0], options->frame.finish);
    reset_look(&viewer->single_look, options->frame.finish);
    app_viewer_set_model(viewer, model);
    /* --focus PART (matched to the model's own name when the session opened). */
    const settings_values *s = &options->settings;
    if (s->given[SETTINGS_FOCUS] && s->value[SETTINGS_FOCUS].text &&
        options->frame.shot.camera.focus_radius > 0.0f) {
        viewer->start_focus = find_part(model, viewer->part_count, s->value[SETTINGS_FOCUS].text);
        viewer->focus_part = viewer->start_focus;
        aim_at(&viewer->start.camera, viewer, viewer->start_focus);
        aim_at(&viewer->frame.shot.camera, viewer, viewer->focus_part);
    }
    /* The command line's --part NAME=F become the first viewport's overrides. */
    for (uint32_t i = 0; i < options->frame.part_finish_count; ++i)
        for (int p = 0; p < viewer->part_count; ++p)
            if (strcmp(viewer->parts[p].name, options->frame.part_finishes[i].part) == 0)
                viewer->looks[0].part_finish[p] =
                    (signed char)options->frame.part_finishes[i].finish;
}

void app_viewer_say(app_viewer *viewer, bool error, double now, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    vsnprintf(viewer->message, sizeof viewer->message, format, args);
    va_end(args);
    viewer->message_is_error = error;
    viewer->message_until = now + (error ? 8.0 : 3.0);
    if (error)
        core_log(CORE_LOG_ERROR, "%s", viewer->message);
    else
        core_log(CORE_LOG_INFO, "%s", viewer->message);
}

/* The next choice up or down a ladder from the current value. */
static float ladder(const float *choices, int count, float current, int direction)
{
    if (direction > 0) {
        for (int i = 0; i < count; ++i)
            if (choices[i] > current + 1e-4f)
                return choices[i];
        return choices[count - 1];
    }
    for (int i = count - 1; i >= 0; --i)
        if (choices[i] < current - 1e-4f)
            return choices[i];
    return choices[0];
}

static float clampf(float value, float low, float high)
{
    return fminf(fmaxf(value, low), high);
}

static void set_finish(app_viewer *viewer, scene_finish_kind finish, double now)
{
    app_viewer_look *look = &viewer->looks[viewer->active_viewport];
    if (viewer->selected_part < 0) {
        reset_look(look, finish);
        app_viewer_say(viewer, false, now, "all parts: %s",
                       finish == SCENE_FINISH_FROM_FILE ? "from the file"
                                                        : scene_finish_name(finish));
        return;
    }
    look->part_finish[viewer->selected_part] = (signed char)finish;
    if (finish == SCENE_FINISH_FROM_FILE && look->finish == SCENE_FINISH_FROM_FILE)
        look->part_finish[viewer->selected_part] = -1;
    app_viewer_say(viewer, false, now, "%s: %s", viewer->parts[viewer->selected_part].name,
                   finish == SCENE_FINISH_FROM_FILE ? "from the file" : scene_finish_name(finish));
}

static void select_part(app_viewer *viewer, int direction, double now)
{
    /* -1 (all parts) sits between the last part and the first. */
    int count = viewer->part_count + 1;
    int index = (viewer->selected_part + 1 + direction + count) % count;
    viewer->selected_part = index - 1;
    viewer->selection_shown_until = now + 1.5;
    if (viewer->selected_part < 0)
        app_viewer_say(viewer, false, now, "selected: all parts");
    else
        app_viewer_say(viewer, false, now, "selected: %s",
                       viewer->parts[viewer->selected_part].name);
}

/* Lamp changes that keep a lamp a lamp: within the flags' own ranges. */
static void change_lamp(app_viewer *viewer, app_viewer_action action, double now)
{
    scene_shot resolved = scene_shot_resolve(&viewer->frame.shot, &viewer->bounds);
    scene_lamp_desc *lamp = &viewer->frame.shot.lamp;
    const scene_lamp_desc *current = &resolved.lamp;
    switch (action) {
    case APP_ACTION_LAMP_CLOSER:
    case APP_ACTION_LAMP_FARTHER: {
        float factor = action == APP_ACTION_LAMP_CLOSER ? 1.0f / 1.2f : 1.2f;
        float nearest = viewer->bounds.radius * 1.1f;
        lamp->distance_mm = clampf(current->distance_mm * factor, fmaxf(nearest, 1.0f), 100000.0f);
        app_viewer_say(viewer, false, now, "lamp distance %.0f mm", lamp->distance_mm);
        break;
    }
    case APP_ACTION_LAMP_SMALLER:
    case APP_ACTION_LAMP_LARGER: {
        float factor = action == APP_ACTION_LAMP_SMALLER ? 1.0f / 1.25f : 1.25f;
        lamp->radius_mm = clampf(current->radius_mm * factor, 0.5f, 500.0f);
        app_viewer_say(viewer, false, now, "lamp radius %.1f mm", lamp->radius_mm);
        break;
    }
    case APP_ACTION_LAMP_WARMER:
    case APP_ACTION_LAMP_COOLER:
        lamp->kelvin =
            clampf(current->kelvin + (action == APP_ACTION_LAMP_WARMER ? -500.0f : 500.0f), 1500.0f,
                   12000.0f);
        app_viewer_say(viewer, false, now, "lamp %.0f K", lamp->kelvin);
        break;
    case APP_ACTION_LAMP_DIMMER:
    case APP_ACTION_LAMP_BRIGHTER: {
        /* A third of a stop, as a photographer's lamp dial. */
        float factor = powf(2.0f, action == APP_ACTION_LAMP_DIMMER ? -1.0f / 3.0f : 1.0f / 3.0f);
        lamp->intensity = clampf(current->intensity * factor, 1e-3f, 1e3f);
        app_viewer_say(viewer, false, now, "lamp intensity %.2f", lamp->intensity);
        break;
    }
    default: break;
    }
}

void app_viewer_set_compare(app_viewer *viewer, int count, double now)
{
    count = count < 1 ? 1 : count > APP_VIEWER_MAX_VIEWPORTS ? APP_VIEWER_MAX_VIEWPORTS : count;
    if (count == viewer->viewport_count)
        return;
    if (viewer->viewport_count == 1) {
        /* Into compare: matte | satin | gloss | metal for every part; the
         * single view's look comes back after. */
        viewer->single_look = viewer->looks[0];
        for (int v = 0; v < APP_VIEWER_MAX_VIEWPORTS; ++v)
            reset_look(&viewer->looks[v], compare_finishes[v]);
    } else if (count == 1) {
        viewer->looks[0] = viewer->single_look;
    }
    viewer->viewport_count = count;
    viewer->active_viewport = 0;
    if (count == 1)
        app_viewer_say(viewer, false, now, "compare off");
    else
        app_viewer_say(viewer, false, now, "compare: %d finishes (Shift+C: how many)", count);
}

static void apply_view(app_viewer *viewer, app_viewer_action action, double now)
{
    switch (action) {
    case APP_ACTION_FRAME:
        viewer->frame.shot.camera.fill = viewer->start.camera.fill;
        viewer->frame.shot.camera.pan_mm[0] = viewer->start.camera.pan_mm[0];
        viewer->frame.shot.camera.pan_mm[1] = viewer->start.camera.pan_mm[1];
        break;
    case APP_ACTION_RESET:
        viewer->frame.shot = viewer->start;
        viewer->focus_part = viewer->start_focus;
        app_viewer_say(viewer, false, now, "camera, lamp and turntable reset");
        break;
    case APP_ACTION_EXPOSURE_DOWN:
    case APP_ACTION_EXPOSURE_UP:
        viewer->frame.exposure_ev = clampf(
            viewer->frame.exposure_ev + (action == APP_ACTION_EXPOSURE_UP ? 1.0f : -1.0f) / 3.0f,
            -20.0f, 20.0f);
        app_viewer_say(viewer, false, now, "exposure %+.2f EV", viewer->frame.exposure_ev);
        break;
    case APP_ACTION_NEXT_VIEW:
    case APP_ACTION_PREVIOUS_VIEW: {
        int step = action == APP_ACTION_NEXT_VIEW ? 1 : RENDER_VIEW_COUNT - 1;
        viewer->frame.view = (render_view)(((int)viewer->frame.view + step) % RENDER_VIEW_COUNT);
        app_viewer_say(viewer, false, now, "view: %s", render_view_name(viewer->frame.view));
        break;
    }
    case APP_ACTION_NEXT_ROOM:
    case APP_ACTION_PREVIOUS_ROOM: {
        /* The named rooms only; the first frame in a new room makes its
         * light (and, once per model, the occlusion), a short pause. */
        int step = action == APP_ACTION_NEXT_ROOM ? 1 : SCENE_ROOM_NAMED - 1;
        int room = (int)viewer->frame.room < SCENE_ROOM_NAMED ? (int)viewer->frame.room : 0;
        viewer->frame.room = (scene_room)((room + step) % SCENE_ROOM_NAMED);
        app_viewer_say(viewer, false, now, "room: %s", scene_room_name(viewer->frame.room));
        break;
    }
    case APP_ACTION_COMPARE:
        app_viewer_set_compare(viewer, viewer->viewport_count == 1 ? 3 : 1, now);
        break;
    case APP_ACTION_COMPARE_COUNT:
        app_viewer_set_compare(
            viewer,
            viewer->viewport_count >= APP_VIEWER_MAX_VIEWPORTS ? 2 : viewer->viewport_count + 1,
            now);
        break;
    default: break;
    }
}

void app_viewer_apply(app_viewer *viewer, app_viewer_action action, double now)
{
    app_viewer_requests *requests = &viewer->requests;
    switch (action) {
    case APP_ACTION_QUIT:
        if (viewer->help)
            viewer->help = false;
        else
            viewer->quit = true;
        break;
    case APP_ACTION_HELP: viewer->help = !viewer->help; break;
    case APP_ACTION_HUD: viewer->hud = !viewer->hud; break;
    case APP_ACTION_TURNTABLE: viewer->turning = !viewer->turning; break;
    case APP_ACTION_STEP_BACK:
    case APP_ACTION_STEP_FORWARD:
        viewer->turning = false; /* a step is a deliberate look: hold it */
        viewer->frame.shot.turntable_deg = fmodf(
            viewer->frame.shot.turntable_deg +
                (action == APP_ACTION_STEP_FORWARD ? viewer->step_deg : -viewer->step_deg) + 360.0f,
            360.0f);
        break;
    case APP_ACTION_STEP_SMALLER:
    case APP_ACTION_STEP_LARGER:
        viewer->step_deg =
            ladder(step_choices, 5, viewer->step_deg, action == APP_ACTION_STEP_LARGER ? 1 : -1);
        app_viewer_say(viewer, false, now, "step %.0f deg", viewer->step_deg);
        break;
    case APP_ACTION_SLOWER:
    case APP_ACTION_FASTER:
        viewer->speed_deg_s =
            ladder(speed_choices, 7, viewer->speed_deg_s, action == APP_ACTION_FASTER ? 1 : -1);
        app_viewer_say(viewer, false, now, "turntable %.0f deg/s", viewer->speed_deg_s);
        break;
    case APP_ACTION_FINISH_FROM_FILE:
    case APP_ACTION_FINISH_MATTE:
    case APP_ACTION_FINISH_SATIN:
    case APP_ACTION_FINISH_GLOSS:
    case APP_ACTION_FINISH_METAL:
    case APP_ACTION_FINISH_TRANSLUCENT:
        set_finish(
            viewer,
            (scene_finish_kind)(SCENE_FINISH_FROM_FILE + (action - APP_ACTION_FINISH_FROM_FILE)),
            now);
        break;
    case APP_ACTION_NEXT_PART: select_part(viewer, 1, now); break;
    case APP_ACTION_FOCUS:
        if (viewer->selected_part >= 0 && viewer->selected_part != viewer->focus_part) {
            app_viewer_focus(viewer, viewer->selected_part);
            app_viewer_say(viewer, false, now, "focus: %s (Z again: the whole model)",
                           viewer->parts[viewer->focus_part].name);
        } else if (viewer->focus_part >= 0) {
            app_viewer_focus(viewer, -1);
            app_viewer_say(viewer, false, now, "focus: the whole model");
        } else {
            app_viewer_say(viewer, false, now, "focus: select a part first (Tab), then Z");
        }
        break;
    case APP_ACTION_PREVIOUS_PART: select_part(viewer, -1, now); break;
    case APP_ACTION_VIEW_FRONT:
    case APP_ACTION_VIEW_BACK:
    case APP_ACTION_VIEW_RIGHT:
    case APP_ACTION_VIEW_LEFT:
    case APP_ACTION_VIEW_TOP:
    case APP_ACTION_VIEW_BOTTOM: {
        /* Blender's numpad views; top and bottom stop short of the pole, where
         * the camera's up direction would be undefined. */
        static const struct {
            float azimuth, elevation;
            const char *name;
        } views[] = {{0, 0, "front"},    {180, 0, "back"},  {90, 0, "right side"},
                     {-90, 0, "left side"}, {0, 89, "above"}, {0, -89, "below"}};
        int v = (int)(action - APP_ACTION_VIEW_FRONT);
        viewer->frame.shot.camera.azimuth_deg = views[v].azimuth;
        viewer->frame.shot.camera.elevation_deg = views[v].elevation;
        app_viewer_say(viewer, false, now, "camera: %s", views[v].name);
        break;
    }
    case APP_ACTION_UNDO: viewer->requests.undo_steps++; break;
    case APP_ACTION_REDO: viewer->requests.redo_steps++; break;
    case APP_ACTION_DETECTOR:
        viewer->detector = !viewer->detector;
        app_viewer_say(viewer, false, now, "live detector %s", viewer->detector ? "on" : "off");
        break;
    case APP_ACTION_SCREENSHOT: requests->screenshot = true; break;
    case APP_ACTION_SCREENSHOT_LARGE: requests->screenshot_large = true; break;
    case APP_ACTION_SAVE_PRESET: requests->save_preset = true; break;
    case APP_ACTION_RELOAD: requests->reload = true; break;
    case APP_ACTION_NEXT_UP: requests->up_steps++; break;
    case APP_ACTION_NEXT_PAINT: requests->paint_step = 1; break;
    case APP_ACTION_PREVIOUS_PAINT: requests->paint_step = -1; break;
    default:
        if (action >= APP_ACTION_LAMP_CLOSER && action <= APP_ACTION_LAMP_BRIGHTER)
            change_lamp(viewer, action, now);
        else
            apply_view(viewer, action, now);
        break;
    }
}

void app_viewer_advance(app_viewer *viewer, double seconds)
{
    viewer->turn_held = false;
    if (!viewer->turning || seconds <= 0.0)
        return;
    /* A long stall (a dragged window, a breakpoint) must not jump the model;
     * a slow frame (a software rasteriser) still turns at the set speed. */
    double turned = viewer->speed_deg_s * fmin(seconds, 1.0);
    if (viewer->max_turn_deg > 0.0f && turned > viewer->max_turn_deg) {
        turned = viewer->max_turn_deg;
        viewer->turn_held = true;
    }
    viewer->frame.shot.turntable_deg =
        (float)fmod(viewer->frame.shot.turntable_deg + turned + 360.0, 360.0);
}
