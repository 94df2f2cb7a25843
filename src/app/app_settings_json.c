#define _XOPEN_SOURCE 700 /* realpath */
#include "app/app.h"
#include "app/app_options.h"

#include <cjson/cJSON.h>

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A picture's settings, written from the settings table: every row with a
 * preset key that `glint render` takes (the look, the lamp, the camera, the
 * angle, the image, the model's reading), as the flag would say it, so the
 * preset reads back through the same parsers and re-renders the picture.
 * Commands add what their pictures hold beyond that ("sheet", "check"). */

/* A float as its shortest text says it: 0.9, not 0.899999976158142. */
static cJSON *number(double value)
{
    char text[32];
    settings_float_text((float)value, text, sizeof text);
    return cJSON_CreateNumber(strtod(text, NULL));
}

/* The object a dotted key's last part goes into, made on the way. */
static cJSON *parent_of(cJSON *root, const char *key, const char **leaf)
{
    cJSON *node = root;
    const char *dot;
    while ((dot = strchr(key, '.'))) {
        char part[64];
        size_t n = (size_t)(dot - key) < sizeof part - 1 ? (size_t)(dot - key) : sizeof part - 1;
        memcpy(part, key, n);
        part[n] = '\0';
        cJSON *child = cJSON_GetObjectItemCaseSensitive(node, part);
        if (!child)
            child = cJSON_AddObjectToObject(node, part);
        node = child;
        key = dot + 1;
    }
    *leaf = key;
    return node;
}

static bool all_digits(const char *text)
{
    for (; *text; ++text)
        if (*text < '0' || *text > '9')
            return false;
    return true;
}

static cJSON *row_value(const settings_values *s, settings_id id, int width, int height)
{
    const settings_row *row = settings_row_of(id);
    const settings_value *v = &s->value[id];
    switch (row->type) {
    case SETTINGS_SWITCH: return cJSON_CreateBool(v->count > 0);
    case SETTINGS_NUMBER: return number(v->number[0]);
    case SETTINGS_INTEGER: return cJSON_CreateNumber(v->number[0]);
    case SETTINGS_CHOICE: {
        const char *name = settings_choice_name(id, v->choice);
        return all_digits(name) ? cJSON_CreateNumber(atoi(name)) : cJSON_CreateString(name);
    }
    case SETTINGS_SIZE_WXH: {
        cJSON *size = cJSON_CreateObject();
        cJSON_AddNumberToObject(size, "width", width);
        cJSON_AddNumberToObject(size, "height", height);
        return size;
    }
    case SETTINGS_PAIR: {
        cJSON *pair = cJSON_CreateArray();
        cJSON_AddItemToArray(pair, number(v->number[0]));
        cJSON_AddItemToArray(pair, number(v->number[1]));
        return pair;
    }
    case SETTINGS_COLOUR: {
        char hex[8];
        snprintf(hex, sizeof hex, "#%02x%02x%02x", v->rgb[0], v->rgb[1], v->rgb[2]);
        return cJSON_CreateString(hex);
    }
    case SETTINGS_PART_CHOICE: {
        cJSON *object = cJSON_CreateObject();
        uint32_t *count;
        const settings_part *parts = settings_part_list((settings_values *)s, id, &count);
        char colour[16];
        for (uint32_t p = 0; parts && p < *count; ++p)
            cJSON_AddStringToObject(object, parts[p].name,
                                    settings_part_value(id, &parts[p], colour, sizeof colour));
        return object;
    }
    case SETTINGS_NUMBER_LIST:
    case SETTINGS_CHOICE_LIST: {
        cJSON *list = cJSON_CreateArray();
        for (int i = 0; i < v->list_count; ++i)
            cJSON_AddItemToArray(
                list, row->type == SETTINGS_NUMBER_LIST
                          ? number(v->list[i])
                          : cJSON_CreateString(settings_choice_name(id, (int)v->list[i])));
        return list;
    }
    case SETTINGS_TEXT: return v->text ? cJSON_CreateString(v->text) : NULL;
    case SETTINGS_RATIO: {
        char text[48];
        settings_format(s, id, text, sizeof text);
        return cJSON_CreateString(text);
    }
    }
    return NULL;
}

static cJSON *vector3(const float *v)
{
    const double values[3] = {v[0], v[1], v[2]};
    return cJSON_CreateDoubleArray(values, 3);
}

cJSON *app_settings_json(const app_session *session, const app_options *options,
                         const render_frame_desc *given)
{
    /* The frame as drawn: the lamp's distance resolved against this model,
     * so the preset pins it. The options' copy is only read: its texts are
     * the original's. */
    render_frame_desc frame = given ? *given : options->frame;
    frame.shot = scene_shot_resolve(&frame.shot, &session->model.bounds);
    static settings_values shown; /* 16 KB: not on the stack */
    shown = options->settings;
    app_settings_capture(&shown, &frame);
    /* A scale set in the viewer is the session's, not the command line's. */
    if (session->scale.given) {
        shown.given[SETTINGS_SCALE] = true;
        shown.value[SETTINGS_SCALE].number[0] = session->scale.n;
    }
    /* The samples it was drawn with: fewer when memory was short. */
    int samples = options->samples;
    if (session->render.max_samples > 0 && samples > session->render.max_samples)
        samples = session->render.max_samples;
    char msaa[8];
    snprintf(msaa, sizeof msaa, "%d", samples);
    const char *const *choices = settings_row_of(SETTINGS_MSAA)->choices;
    for (int c = 0; choices[c]; ++c)
        if (strcmp(choices[c], msaa) == 0)
            shown.value[SETTINGS_MSAA].choice = c;

    char absolute[PATH_MAX];
    const char *model = realpath(options->model_path, absolute) ? absolute : options->model_path;
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "schema", "glint-preset");
    cJSON_AddNumberToObject(root, "version", 1);
    cJSON_AddStringToObject(root, "generator", "glint " GLINT_VERSION);
    cJSON_AddStringToObject(root, "model", model);
    for (int id = 0; id < SETTINGS_COUNT; ++id) {
        const settings_row *row = settings_row_of((settings_id)id);
        bool has_value = shown.given[id] || settings_fallback((settings_id)id, SETTINGS_RENDER) ||
                         row->type == SETTINGS_SWITCH || row->type == SETTINGS_PART_CHOICE;
        if (!row->key || !(row->commands & SETTINGS_RENDER) || !has_value)
            continue;
        const char *leaf;
        cJSON *parent = parent_of(root, row->key, &leaf);
        cJSON *value = row_value(&shown, (settings_id)id, options->width, options->height);
        if (!value)
            continue;
        /* "image" is the size and a parent of "image.msaa": merge, not replace */
        cJSON *existing = cJSON_GetObjectItemCaseSensitive(parent, leaf);
        if (existing && cJSON_IsObject(existing) && cJSON_IsObject(value)) {
            while (value->child) {
                cJSON *item = cJSON_DetachItemViaPointer(value, value->child);
                cJSON_AddItemToObject(existing, item->string, item);
            }
            cJSON_Delete(value);
        } else {
            cJSON_AddItemToObject(parent, leaf, value);
        }
    }
    cJSON *bounds = cJSON_AddObjectToObject(root, "model_bounds");
    cJSON_AddItemToObject(bounds, "min", vector3(session->model.bounds.min));
    cJSON_AddItemToObject(bounds, "max", vector3(session->model.bounds.max));
    cJSON_AddNumberToObject(root, "triangles", session->triangle_count);
    return root;
}

static cJSON *matrix(const float *m)
{
    double values[16];
    for (int i = 0; i < 16; ++i)
        values[i] = m[i];
    return cJSON_CreateDoubleArray(values, 16);
}

void app_scene_json(cJSON *root, const app_session *session, const render_frame_desc *frame,
                    int width, int height)
{
    if (!root)
        return;
    /* The same call render_frame makes, so these are the matrices drawn. */
    scene_view view;
    scene_shot_view(&frame->shot, &session->model.bounds, (float)width / (float)height, &view);
    cJSON *scene = cJSON_AddObjectToObject(root, "scene");
    /* column-major, as GL takes them */
    cJSON_AddItemToObject(scene, "model_matrix", matrix(view.model));
    cJSON_AddItemToObject(scene, "view_matrix", matrix(view.view));
    cJSON_AddItemToObject(scene, "projection_matrix", matrix(view.projection));
    /* The vertical field of view, read back from the projection: 1 / tan(fov / 2) = p[5]. */
    cJSON_AddNumberToObject(scene, "fov_y_deg",
                            2.0 * atan(1.0 / (double)view.projection[5]) * 180.0 / 3.14159265358979);
    cJSON_AddItemToObject(scene, "eye", vector3(view.eye));
    cJSON_AddItemToObject(scene, "lamp_position", vector3(view.lamp_position));
    cJSON_AddNumberToObject(scene, "lamp_radius_mm", view.lamp_radius);
    cJSON_AddItemToObject(scene, "lamp_intensity", vector3(view.lamp_intensity));
    cJSON_AddItemToObject(scene, "ambient", vector3(view.ambient));
    cJSON_AddBoolToObject(scene, "shadows", view.shadows && !frame->no_shadows);
}
