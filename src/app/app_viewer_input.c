#include "app/app_viewer.h"

#include <math.h>
#include <string.h>

static float wrap_degrees(float degrees)
{
    float wrapped = fmodf(degrees, 360.0f);
    return wrapped > 180.0f ? wrapped - 360.0f : wrapped < -180.0f ? wrapped + 360.0f : wrapped;
}

static void drag(app_viewer *viewer, double dx, double dy)
{
    scene_shot current = scene_shot_resolve(&viewer->frame.shot, &viewer->bounds);
    scene_camera_desc *camera = &viewer->frame.shot.camera;
    scene_lamp_desc *lamp = &viewer->frame.shot.lamp;
    switch (viewer->dragging) {
    case APP_DRAG_ORBIT:
        camera->azimuth_deg = wrap_degrees(current.camera.azimuth_deg - (float)dx * 0.3f);
        camera->elevation_deg =
            fminf(fmaxf(current.camera.elevation_deg + (float)dy * 0.3f, -85.0f), 85.0f);
        break;
    case APP_DRAG_LAMP:
        /* Right moves the lamp to the right as seen from the front; up raises it. */
        lamp->azimuth_deg = wrap_degrees(current.lamp.azimuth_deg + (float)dx * 0.4f);
        lamp->elevation_deg =
            fminf(fmaxf(current.lamp.elevation_deg - (float)dy * 0.4f, -89.0f), 89.0f);
        break;
    case APP_DRAG_PAN: {
        /* The model follows the cursor: a pixel is the frame's height in mm
         * (the framed sphere's diameter over the fill: the model's, or the
         * focused part's) over the window's height. */
        int height = viewer->window_height > 0 ? viewer->window_height : 800;
        float framed = camera->focus_radius > 0.0f ? camera->focus_radius : viewer->bounds.radius;
        float mm_per_pixel = 2.0f * fmaxf(framed, 1e-3f) / current.camera.fill / (float)height;
        float limit = 2.0f * fmaxf(viewer->bounds.radius, 1e-3f);
        camera->pan_mm[0] =
            fminf(fmaxf(camera->pan_mm[0] - (float)dx * mm_per_pixel, -limit), limit);
        camera->pan_mm[1] =
            fminf(fmaxf(camera->pan_mm[1] + (float)dy * mm_per_pixel, -limit), limit);
        break;
    }
    default: break;
    }
}

static void zoom(app_viewer *viewer, double steps)
{
    scene_shot current = scene_shot_resolve(&viewer->frame.shot, &viewer->bounds);
    viewer->frame.shot.camera.fill =
        fminf(fmaxf(current.camera.fill * powf(1.1f, (float)steps), 0.2f), 8.0f);
}

static void follow_cursor(app_viewer *viewer, double x)
{
    int picture = viewer->picture_width > 0 ? viewer->picture_width : viewer->window_width;
    if (viewer->viewport_count <= 1 || picture <= 0)
        return;
    int viewport = (int)(x * viewer->viewport_count / picture);
    if (viewport >= 0 && viewport < viewer->viewport_count)
        viewer->active_viewport = viewport;
}

void app_viewer_handle_event(app_viewer *viewer, const plat_event *event, double now)
{
    switch (event->kind) {
    case PLAT_EVENT_KEY:
        app_viewer_apply(viewer, app_viewer_action_for_key(event->key, event->mods), now);
        break;
    case PLAT_EVENT_BUTTON:
        viewer->cursor_x = event->x;
        viewer->cursor_y = event->y;
        follow_cursor(viewer, event->x);
        if (event->down && viewer->dragging == APP_DRAG_NONE)
            viewer->dragging = app_viewer_drag_for_button(event->button, event->mods);
        else if (!event->down)
            viewer->dragging = APP_DRAG_NONE;
        break;
    case PLAT_EVENT_CURSOR:
        if (viewer->dragging != APP_DRAG_NONE)
            drag(viewer, event->x - viewer->cursor_x, event->y - viewer->cursor_y);
        else
            follow_cursor(viewer, event->x);
        viewer->cursor_x = event->x;
        viewer->cursor_y = event->y;
        break;
    case PLAT_EVENT_SCROLL: zoom(viewer, event->y); break;
    case PLAT_EVENT_DROP:
        if (event->path)
            snprintf(viewer->requests.load_path, sizeof viewer->requests.load_path, "%s",
                     event->path);
        break;
    case PLAT_EVENT_RESIZE:
    case PLAT_EVENT_REFRESH: break; /* the loop reads the size and draws again itself */
    }
}

static scene_finish_kind part_finish(const app_viewer_look *look, int part)
{
    return look->part_finish[part] >= 0 ? (scene_finish_kind)look->part_finish[part] : look->finish;
}

render_frame_desc app_viewer_viewport_frame(const app_viewer *viewer, int viewport,
                                            render_part_finish *part_finishes)
{
    const app_viewer_look *look = &viewer->looks[viewport];
    render_frame_desc frame = viewer->frame;
    frame.finish = look->finish;
    uint32_t count = 0;
    for (int p = 0; p < viewer->part_count; ++p)
        if (look->part_finish[p] >= 0)
            part_finishes[count++] = (render_part_finish){viewer->parts[p].name,
                                                          (scene_finish_kind)look->part_finish[p]};
    frame.part_finishes = count ? part_finishes : NULL;
    frame.part_finish_count = count;
    return frame;
}

void app_viewer_viewport_label(const app_viewer *viewer, int viewport, char *text, size_t size)
{
    const app_viewer_look *look = &viewer->looks[viewport];
    size_t used =
        (size_t)snprintf(text, size, "%s",
                         look->finish == SCENE_FINISH_FROM_FILE ? "finishes from the file"
                                                                : scene_finish_name(look->finish));
    for (int p = 0; p < viewer->part_count && used < size; ++p)
        if (look->part_finish[p] >= 0 && part_finish(look, p) != look->finish) {
            int n = snprintf(text + used, size - used, ", %s %s", viewer->parts[p].name,
                             part_finish(look, p) == SCENE_FINISH_FROM_FILE
                                 ? "from the file"
                                 : scene_finish_name(part_finish(look, p)));
            if (n < 0)
                break;
            used += (size_t)n;
        }
}

app_options app_viewer_options(const app_viewer *viewer, const app_options *base, int viewport,
                               render_part_finish *part_finishes)
{
    app_options options = *base;
    options.frame = app_viewer_viewport_frame(viewer, viewport, part_finishes);
    options.frame.samples = base->samples;
    /* The part the camera frames, by name, for the settings (a copy: the
     * text is the viewer's, and the copy is never freed). */
    bool focused = viewer->focus_part >= 0 && viewer->focus_part < viewer->part_count &&
                   options.frame.shot.camera.focus_radius > 0.0f;
    options.settings.given[SETTINGS_FOCUS] = focused;
    if (focused)
        options.settings.value[SETTINGS_FOCUS].text =
            (char *)viewer->part_names[viewer->focus_part];
    return options;
}
