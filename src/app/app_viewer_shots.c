#define _POSIX_C_SOURCE 200809L
#include "app/app_viewer_loop.h"
#include "app/app_output.h"
#include "core/core_time.h"

#include "core/core_file.h"
#include "gfx/gfx.h"
#include "io/io_image.h"

#include <cjson/cJSON.h>

#include <stdio.h>
#include <string.h>
#include <time.h>

/* The settings that re-render viewport 0 with `glint render --preset`, plus
 * what the viewer showed beyond them (for people; presets ignore it). */
static cJSON *shot_settings(app_viewer_loop *loop, int width, int height)
{
    render_part_finish parts[APP_VIEWER_MAX_PARTS];
    app_options options = app_viewer_options(&loop->viewer, loop->options, 0, parts);
    options.width = width / loop->viewer.viewport_count;
    options.height = height;
    cJSON *root = app_settings_json(loop->session, &options, NULL);
    if (!root)
        return NULL;
    cJSON *viewer = cJSON_AddObjectToObject(root, "viewer");
    cJSON *viewports = cJSON_AddArrayToObject(viewer, "viewports");
    for (int v = 0; v < loop->viewer.viewport_count; ++v) {
        char label[512];
        app_viewer_viewport_label(&loop->viewer, v, label, sizeof label);
        cJSON_AddItemToArray(viewports, cJSON_CreateString(label));
    }
    cJSON_AddBoolToObject(viewer, "detector_overlay", loop->viewer.detector);
    cJSON_AddNumberToObject(viewer, "turntable_speed_deg_s", loop->viewer.speed_deg_s);
    return root;
}

/* Renders every viewport offscreen at its share of width x height. */
static core_result render_large(app_viewer_loop *loop, int width, int height, io_image *image)
{
    core_result r = io_image_alloc(image, width, height);
    int count = loop->viewer.viewport_count;
    for (int v = 0; v < count && r == CORE_OK; ++v) {
        int x = width * v / count, w = width * (v + 1) / count - x;
        io_image tile;
        r = io_image_alloc(&tile, w, height);
        if (r != CORE_OK)
            break;
        render_part_finish parts[APP_VIEWER_MAX_PARTS];
        render_frame_desc frame = app_viewer_viewport_frame(&loop->viewer, v, parts);
        frame.samples = loop->options->samples;
        r = render_offscreen(&loop->session->render, &loop->session->model, &frame, w, height,
                             tile.pixels);
        for (int y = 0; y < height && r == CORE_OK; ++y)
            memcpy(image->pixels + ((size_t)y * (size_t)width + (size_t)x) * 4,
                   tile.pixels + (size_t)y * (size_t)w * 4, (size_t)w * 4);
        io_image_free(&tile);
    }
    if (r != CORE_OK)
        io_image_free(image);
    return r;
}

static core_result read_window(int width, int height, io_image *image)
{
    core_result r = io_image_alloc(image, width, height);
    if (r == CORE_OK)
        r = gfx_read_back_buffer(width, height, image->pixels);
    if (r != CORE_OK)
        io_image_free(image);
    return r;
}

core_result app_viewer_take_screenshot(app_viewer_loop *loop, bool large, const char *path,
                                       int fb_width, int fb_height)
{
    io_image image;
    int width = fb_width, height = fb_height;
    if (large) {
        width = loop->settings.shot_width > 0 ? loop->settings.shot_width : fb_width * 2;
        height = loop->settings.shot_height > 0 ? loop->settings.shot_height : fb_height * 2;
    }
    core_result r = large ? render_large(loop, width, height, &image)
                          : read_window(fb_width, fb_height, &image);
    if (r != CORE_OK)
        return r;
    char png[4096], json[4096];
    bool sidecar_written = false;
    cJSON *settings = shot_settings(loop, width, height);
    if (path) {
        /* A script names its file; the settings go beside it as NAME.json
         * (a JPEG's are written with it). */
        snprintf(png, sizeof png, "%s", path);
        r = app_image_sidecar(png, json, sizeof json);
        if (r == CORE_OK)
            r = app_write_image(png, loop->options, &image, settings);
        sidecar_written = app_image_format_of(png) == APP_IMAGE_JPEG;
    } else {
        const char *folder = loop->settings.screenshot_dir ? loop->settings.screenshot_dir : ".";
        r = app_write_unique_png(folder, loop->model_path, &image, settings, png, json, sizeof png);
    }
    io_image_free(&image);
    if (r == CORE_OK && !sidecar_written)
        r = app_write_json(
            json, loop->options->overwrite ? CORE_WRITE_REPLACE : CORE_WRITE_NO_CLOBBER, settings);
    else
        cJSON_Delete(settings);
    if (r == CORE_OK) {
        app_viewer_say(&loop->viewer, false, core_seconds(), "saved %s (%dx%d) and its settings",
                       png, width, height);
        if (!loop->options->quiet)
            printf("glint: wrote %s (%dx%d) and %s\n", png, width, height, json);
    }
    return r;
}

core_result app_viewer_write_window(app_viewer_loop *loop, const char *path, int fb_width,
                                    int fb_height)
{
    io_image image;
    core_result r = read_window(fb_width, fb_height, &image);
    if (r == CORE_OK) {
        cJSON *settings = shot_settings(loop, fb_width, fb_height);
        r = app_write_image(path, loop->options, &image, settings);
        cJSON_Delete(settings);
    }
    io_image_free(&image);
    if (r == CORE_OK && !loop->options->quiet)
        printf("glint: wrote %s (%dx%d, the whole window)\n", path, fb_width, fb_height);
    return r;
}

core_result app_viewer_save_preset(app_viewer_loop *loop)
{
    int width = 0, height = 0;
    plat_window_framebuffer_size(loop->session->platform, &width, &height);
    if (loop->picture_width > 0 && loop->picture_width < width)
        width = loop->picture_width; /* the picture, left of the panels */
    char stem[256], stamp[32], name[400], path[4096];
    core_path_stem(loop->model_path, stem, sizeof stem);
    time_t now = time(NULL);
    struct tm local;
    localtime_r(&now, &local);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &local);
    const char *folder = loop->settings.screenshot_dir ? loop->settings.screenshot_dir : ".";
    for (int attempt = 1; attempt <= 1000; ++attempt) {
        if (attempt == 1)
            snprintf(name, sizeof name, "%s-%s-preset.json", stem, stamp);
        else
            snprintf(name, sizeof name, "%s-%s-%d-preset.json", stem, stamp, attempt);
        core_result r = core_path_join(folder, name, path, sizeof path);
        if (r == CORE_OK)
            r = app_write_json(
                path, CORE_WRITE_NO_CLOBBER,
                shot_settings(loop, width > 0 ? width : 1280, height > 0 ? height : 800));
        if (r == CORE_OK) {
            app_viewer_say(&loop->viewer, false, core_seconds(), "saved the preset %s", path);
            if (!loop->options->quiet)
                printf("glint: wrote %s\n", path);
            return CORE_OK;
        }
        if (r != CORE_ERR_EXISTS)
            return r;
    }
    return core_fail(CORE_ERR_EXISTS, "%s: no free file name for %s-%s", folder, stem, stamp);
}
