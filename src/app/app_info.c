#define _POSIX_C_SOURCE 200809L
#include "app/app_options.h"
#include "app/app_preset.h"

#include "core/core_text.h"
#include "io/io_model.h"
#include "scene/scene_mesh.h"
#include "scene/scene_shot.h"

#include <cjson/cJSON.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char info_usage[] =
    "Usage: glint info [MODEL] [options]   (MODEL may come from --preset)\n"
    "Describes MODEL as glint reads it: format, parts with triangle and vertex counts,\n"
    "bounds and real size in millimetres, materials, textures found or missing, warnings.\n";

static const char info_notes[] =
    "Exit codes: 0 read, 2 bad usage or a model that cannot be read.\n";

static const char *texture_state_name(io_texture_state state)
{
    switch (state) {
    case IO_TEXTURE_LOADED: return "found";
    case IO_TEXTURE_MISSING: return "missing";
    case IO_TEXTURE_SKIPPED: return "found";
    default: return "none";
    }
}

/* Distinct vertices a part uses (vertices shared across parts count in each). */
static uint32_t part_vertices(const scene_mesh *mesh, const scene_part *part, uint32_t *stamp,
                              uint32_t mark)
{
    uint32_t count = 0;
    for (uint32_t i = part->first_index; i < part->first_index + part->index_count; ++i) {
        uint32_t v = mesh->indices[i];
        if (stamp[v] != mark) {
            stamp[v] = mark;
            ++count;
        }
    }
    return count;
}

typedef struct info {
    const char *path;
    const io_model *model;
    const scene_mesh *mesh;
    const app_options *options;
    uint32_t *part_vertex_counts;
    uint32_t textures_found, textures_missing;
} info;

/* Paths, names and warnings come from files (a preset's model path too):
 * no byte of theirs may reach the terminal as a control sequence. */
static const char *shown(char *buffer, size_t size, const char *text)
{
    core_utf8_copy(buffer, size, text);
    return buffer;
}

static const char *paint_source_name(scene_paint_source source)
{
    switch (source) {
    case SCENE_PAINT_VERTEX: return "vertex";
    case SCENE_PAINT_TEXTURE: return "texture";
    case SCENE_PAINT_CHOSEN: return "chosen";
    default: return "file";
    }
}

/* The units as --units names them, or the file's own ("micron", "ft") as
 * millimetres per unit when --units has no name for them. */
static const char *units_name(const scene_mesh *mesh)
{
    static const struct {
        float mm;
        const char *name;
    } known[] = {{1.0f, "mm"}, {10.0f, "cm"}, {1000.0f, "m"}, {25.4f, "in"}};
    for (size_t i = 0; i < sizeof known / sizeof *known; ++i)
        if (mesh->mm_per_unit == known[i].mm)
            return known[i].name;
    static char other[32];
    snprintf(other, sizeof other, "%g mm", (double)mesh->mm_per_unit);
    return other;
}

static void print_text(const info *in)
{
    const io_model *model = in->model;
    const scene_mesh *mesh = in->mesh;
    const scene_bounds *b = &mesh->bounds;
    char text[4096], name[IO_NAME_MAX];
    printf("%s: %s, %u part%s, %u triangles, %u vertices\n", shown(text, sizeof text, in->path),
           io_format_name(model->format), mesh->part_count, mesh->part_count == 1 ? "" : "s",
           mesh->index_count / 3, mesh->vertex_count);
    if (mesh->dropped_triangles || model->skipped_faces)
        printf("dropped: %u degenerate triangles, %zu faces with fewer than 3 vertices\n",
               mesh->dropped_triangles, model->skipped_faces);
    /* upright: the file's up axis is glint's +Y, the model's front +Z */
    printf("size: %.2f x %.2f x %.2f mm (width x depth x height, standing upright)\n",
           b->max[0] - b->min[0], b->max[2] - b->min[2], b->max[1] - b->min[1]);
    scene_scale scale;
    app_model_scale(in->options, mesh, &scale);
    scene_scale_describe(&scale, text, sizeof text);
    printf("%s\n", text);
    printf("units: %s, %s\n", units_name(mesh), shown(text, sizeof text, mesh->units_reason));
    printf("up: %s, %s (--up, or U in the viewer, to change)\n", scene_up_name(mesh->up),
           shown(text, sizeof text, mesh->up_reason));
    if (2.0f * b->radius > SCENE_PHYSICAL_MAX_MM)
        printf("framing: over %.0f mm, so the camera stands back to frame it (smaller models are "
               "seen from the viewing distance)\n",
               SCENE_PHYSICAL_MAX_MM);
    printf("bounds: (%.3f, %.3f, %.3f) to (%.3f, %.3f, %.3f) mm\n", b->min[0], b->min[1], b->min[2],
           b->max[0], b->max[1], b->max[2]);
    /* Numbered as --part takes them: a name, or this number. */
    printf("parts:\n");
    for (uint32_t p = 0; p < mesh->part_count; ++p) {
        const scene_part *part = &mesh->parts[p];
        printf("  %2u %-20s %9u triangles %9u vertices  material %-12s roughness %.2f%s  paint "
               "%s",
               p + 1, shown(text, sizeof text, part->name), part->index_count / 3,
               in->part_vertex_counts[p],
               shown(name, sizeof name, model->materials[part->material].name),
               part->finish.roughness, part->finish.metallic > 0.5f ? " metal" : "",
               paint_source_name(part->paint.source));
        if (part->closed)
            printf(part->turned_out ? "  closed, turned out" : "  closed");
        if (part->description[0])
            printf("  (%s)", shown(text, sizeof text, part->description));
        printf("\n");
    }
    printf("materials:\n");
    for (uint32_t m = 0; m < model->material_count; ++m) {
        const io_material *mat = &model->materials[m];
        printf("  %-20s Kd %.2f %.2f %.2f  Ks %.2f %.2f %.2f  Ns %g  d %g",
               shown(name, sizeof name, mat->name), mat->base_color[0], mat->base_color[1],
               mat->base_color[2], mat->specular[0], mat->specular[1], mat->specular[2],
               mat->shininess, mat->opacity);
        if (mat->texture_state != IO_TEXTURE_NONE)
            printf("  texture %s (%s)", shown(text, sizeof text, mat->base_color_texture),
                   texture_state_name(mat->texture_state));
        printf("\n");
    }
    printf("textures: %u found, %u missing\n", in->textures_found, in->textures_missing);
    uint32_t warnings = model->warning_count + mesh->warning_count;
    printf("warnings: %s\n", warnings ? "" : "none");
    for (uint32_t w = 0; w < model->warning_count; ++w)
        printf("  %s\n", shown(text, sizeof text, model->warnings[w]));
    for (uint32_t w = 0; w < mesh->warning_count; ++w)
        printf("  %s\n", shown(text, sizeof text, mesh->warnings[w]));
    if (model->warnings_not_kept)
        printf("  ... and %u more\n", model->warnings_not_kept);
}

/* JSON must be UTF-8; paths keep the file's bytes, so sanitize a copy. */
static cJSON *add_text(cJSON *object, const char *key, const char *text)
{
    char clean[1024];
    core_utf8_copy(clean, sizeof clean, text);
    return cJSON_AddStringToObject(object, key, clean);
}

static void append_text(cJSON *array, const char *text)
{
    char clean[1024];
    core_utf8_copy(clean, sizeof clean, text);
    cJSON_AddItemToArray(array, cJSON_CreateString(clean));
}

static cJSON *floats(const float *values, int count)
{
    double d[4];
    for (int i = 0; i < count; ++i)
        d[i] = values[i];
    return cJSON_CreateDoubleArray(d, count);
}

static int print_json(const info *in)
{
    const io_model *model = in->model;
    const scene_mesh *mesh = in->mesh;
    const scene_bounds *b = &mesh->bounds;
    cJSON *root = cJSON_CreateObject();
    cJSON_AddNumberToObject(root, "version", 2);
    add_text(root, "file", in->path);
    cJSON_AddStringToObject(root, "format", io_format_name(model->format));
    cJSON *units = cJSON_AddObjectToObject(root, "units");
    cJSON_AddStringToObject(units, "name", units_name(mesh));
    cJSON_AddNumberToObject(units, "mm_per_unit", mesh->mm_per_unit);
    add_text(units, "reason", mesh->units_reason);
    cJSON *up = cJSON_AddObjectToObject(root, "up");
    cJSON_AddStringToObject(up, "axis", scene_up_name(mesh->up));
    add_text(up, "reason", mesh->up_reason);
    cJSON_AddBoolToObject(root, "framed_from_afar", 2.0f * b->radius > SCENE_PHYSICAL_MAX_MM);
    /* The scale sizes are read at life size with (docs/detector.md, "Life size"). */
    scene_scale scale;
    app_model_scale(in->options, mesh, &scale);
    cJSON *life = cJSON_AddObjectToObject(root, "scale");
    cJSON_AddNumberToObject(life, "n", scale.n);
    cJSON_AddBoolToObject(life, "given", scale.given);
    cJSON_AddStringToObject(life, "figure", scene_figure_name(scale.figure));
    cJSON_AddNumberToObject(life, "height_mm",
                            (double)(int)(scale.height_mm * 100.0f + 0.5f) / 100.0);
    cJSON_AddStringToObject(life, "why", scale.why);
    cJSON_AddNumberToObject(root, "triangles", mesh->index_count / 3);
    cJSON_AddNumberToObject(root, "vertices", mesh->vertex_count);
    cJSON_AddNumberToObject(root, "dropped_triangles", mesh->dropped_triangles);
    cJSON_AddNumberToObject(root, "skipped_faces", (double)model->skipped_faces);
    cJSON *bounds = cJSON_AddObjectToObject(root, "bounds_mm");
    cJSON_AddItemToObject(bounds, "min", floats(b->min, 3));
    cJSON_AddItemToObject(bounds, "max", floats(b->max, 3));
    cJSON *size = cJSON_AddObjectToObject(root, "size_mm");
    cJSON_AddNumberToObject(size, "width", b->max[0] - b->min[0]);
    cJSON_AddNumberToObject(size, "depth", b->max[2] - b->min[2]);
    cJSON_AddNumberToObject(size, "height", b->max[1] - b->min[1]);
    cJSON_AddNumberToObject(root, "shells_split", mesh->shells_split);
    cJSON *parts = cJSON_AddArrayToObject(root, "parts");
    for (uint32_t p = 0; p < mesh->part_count; ++p) {
        cJSON *part = cJSON_CreateObject();
        add_text(part, "name", mesh->parts[p].name);
        add_text(part, "description", mesh->parts[p].description);
        cJSON_AddNumberToObject(part, "triangles", mesh->parts[p].index_count / 3);
        cJSON_AddNumberToObject(part, "vertices", in->part_vertex_counts[p]);
        cJSON_AddBoolToObject(part, "closed", mesh->parts[p].closed);
        cJSON_AddBoolToObject(part, "turned_out", mesh->parts[p].turned_out);
        add_text(part, "material", model->materials[mesh->parts[p].material].name);
        cJSON *finish = cJSON_AddObjectToObject(part, "finish_guess");
        cJSON_AddNumberToObject(finish, "roughness", mesh->parts[p].finish.roughness);
        cJSON_AddNumberToObject(finish, "metallic", mesh->parts[p].finish.metallic);
        const scene_paint *paint = &mesh->parts[p].paint;
        cJSON *paint_item = cJSON_AddObjectToObject(part, "paint");
        cJSON_AddStringToObject(paint_item, "source", paint_source_name(paint->source));
        add_text(paint_item, "name", paint->name);
        cJSON_AddItemToObject(paint_item, "color", floats(paint->color, 3));
        cJSON_AddNumberToObject(paint_item, "metallic", paint->metallic);
        cJSON_AddNumberToObject(paint_item, "roughness", paint->roughness);
        cJSON_AddItemToArray(parts, part);
    }
    cJSON *materials = cJSON_AddArrayToObject(root, "materials");
    for (uint32_t m = 0; m < model->material_count; ++m) {
        const io_material *mat = &model->materials[m];
        cJSON *item = cJSON_CreateObject();
        add_text(item, "name", mat->name);
        cJSON_AddItemToObject(item, "base_color", floats(mat->base_color, 3));
        cJSON_AddItemToObject(item, "specular", floats(mat->specular, 3));
        cJSON_AddNumberToObject(item, "shininess", mat->shininess);
        cJSON_AddNumberToObject(item, "opacity", mat->opacity);
        if (mat->texture_state != IO_TEXTURE_NONE) {
            cJSON *texture = cJSON_AddObjectToObject(item, "texture");
            add_text(texture, "path", mat->base_color_texture);
            cJSON_AddStringToObject(texture, "state", texture_state_name(mat->texture_state));
        }
        cJSON_AddItemToArray(materials, item);
    }
    cJSON *warnings = cJSON_AddArrayToObject(root, "warnings");
    for (uint32_t w = 0; w < model->warning_count; ++w)
        append_text(warnings, model->warnings[w]);
    for (uint32_t w = 0; w < mesh->warning_count; ++w)
        append_text(warnings, mesh->warnings[w]);
    /* Past the first IO_WARNINGS_KEPT distinct warnings the model only counts. */
    cJSON_AddNumberToObject(root, "warnings_not_listed", model->warnings_not_kept);
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    if (!text)
        return app_report(core_fail(CORE_ERR_NO_MEMORY, "out of memory writing JSON"), NULL);
    puts(text);
    cJSON_free(text);
    return APP_EXIT_OK;
}

static int describe(const app_options *options, bool json)
{
    io_model model;
    /* Textures are checked (found, a readable header), never decoded. */
    io_load_desc desc = {.max_file_bytes = options->max_file_bytes, .skip_texture_pixels = true};
    /* The report lists the loader's warnings on stdout; logged as well, each
     * would be said twice. With -q and no report, the log says them. */
    app_log_quiet_warnings(json || !options->quiet);
    core_result r = io_model_load(options->model_path, &desc, &model);
    if (r != CORE_OK) {
        app_log_quiet_warnings(false);
        return app_report(r, NULL);
    }
    scene_mesh mesh;
    r = scene_mesh_from_model(&model, &options->mesh, &mesh);
    app_log_quiet_warnings(false);
    if (r != CORE_OK) {
        io_model_unload(&model);
        return app_report(core_fail(r, "%s: %s", options->model_path, core_last_error()), NULL);
    }
    info in = {options->model_path, &model, &mesh, options, NULL, 0, 0};
    uint32_t *stamp = calloc(mesh.vertex_count + 1u, sizeof *stamp);
    in.part_vertex_counts = calloc(mesh.part_count + 1u, sizeof *in.part_vertex_counts);
    int code = APP_EXIT_OK;
    if (!stamp || !in.part_vertex_counts) {
        code = app_report(core_fail(CORE_ERR_NO_MEMORY, "out of memory"), NULL);
    } else {
        for (uint32_t p = 0; p < mesh.part_count; ++p)
            in.part_vertex_counts[p] = part_vertices(&mesh, &mesh.parts[p], stamp, p + 1);
        for (uint32_t m = 0; m < model.material_count; ++m) {
            io_texture_state state = model.materials[m].texture_state;
            in.textures_found += state == IO_TEXTURE_LOADED || state == IO_TEXTURE_SKIPPED;
            in.textures_missing += model.materials[m].texture_state == IO_TEXTURE_MISSING;
        }
        if (json)
            code = print_json(&in);
        else if (!options->quiet)
            print_text(&in);
    }
    free(stamp);
    free(in.part_vertex_counts);
    scene_mesh_unload(&mesh);
    io_model_unload(&model);
    return code;
}

int app_command_info(int argc, char **argv)
{
    /* A preset's look and lamp mean nothing here; its model and how to read it do. */
    app_options options;
    app_options_init(&options, SETTINGS_INFO);
    int code = app_options_parse(&options, argc, argv, info_usage, info_notes);
    if (code < 0 && !options.model_path)
        code = app_usage_error("info", "no MODEL given");
    if (code < 0)
        code = describe(&options, options.settings.value[SETTINGS_JSON].count > 0);
    app_options_free(&options);
    return code;
}
