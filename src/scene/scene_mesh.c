#include "scene/scene_mesh.h"

#include "core/core_log.h"
#include "scene/scene_normals.h"
#include "scene/scene_weld.h"
#include "scene/scene_paint.h"
#include "scene/scene_closed.h"
#include "scene/scene_shells.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Plausible sizes for a miniature, a bust, a prop or a terrain piece; outside
 * them the units are probably wrong (a model in metres read as millimetres),
 * and the warning says which units would make it plausible. */
#define PLAUSIBLE_MIN_MM 1.0f
#define PLAUSIBLE_MAX_MM 1000.0f
/* A miniature's or bust's size: of several units that fit, the closest wins. */
#define TYPICAL_MM 50.0
#define DEFAULT_CREASE_DEG 40.0f
/* What the camera can frame at all (docs/models.md): beyond 10 km the
 * depth range and the lamp's falloff leave nothing to see, and below a
 * micrometre the model is lost inside the framing's smallest sphere. Either
 * is a file in the wrong units, not a miniature. */
#define FRAMEABLE_MIN_MM 1e-3
#define FRAMEABLE_MAX_MM 1e7

const char *scene_units_name(scene_units units)
{
    switch (units) {
    case SCENE_UNITS_CM: return "cm";
    case SCENE_UNITS_M: return "m";
    case SCENE_UNITS_IN: return "in";
    default: return "mm";
    }
}

bool scene_units_parse(const char *text, scene_units *units)
{
    static const struct {
        const char *name;
        scene_units units;
    } names[] = {{"mm", SCENE_UNITS_MM},
                 {"cm", SCENE_UNITS_CM},
                 {"m", SCENE_UNITS_M},
                 {"in", SCENE_UNITS_IN}};
    for (size_t i = 0; i < sizeof names / sizeof *names; ++i) {
        if (strcmp(text, names[i].name) == 0) {
            *units = names[i].units;
            return true;
        }
    }
    return false;
}

static float millimetres_per_unit(scene_units units)
{
    switch (units) {
    case SCENE_UNITS_CM: return 10.0f;
    case SCENE_UNITS_M: return 1000.0f;
    case SCENE_UNITS_IN: return 25.4f;
    default: return 1.0f;
    }
}

/* A triangle is dropped when two corners are the same vertex or it has no
 * usable area: its cross product is negligible against its longest edge, so
 * no normal can be told from it. */
static bool is_degenerate(const float *positions, const uint32_t *tri)
{
    if (tri[0] == tri[1] || tri[1] == tri[2] || tri[0] == tri[2])
        return true;
    const float *a = &positions[3 * tri[0]], *b = &positions[3 * tri[1]],
                *c = &positions[3 * tri[2]];
    double e1[3], e2[3], e3[3];
    for (int k = 0; k < 3; ++k) {
        e1[k] = (double)b[k] - a[k];
        e2[k] = (double)c[k] - a[k];
        e3[k] = (double)c[k] - b[k];
    }
    double cross[3] = {e1[1] * e2[2] - e1[2] * e2[1], e1[2] * e2[0] - e1[0] * e2[2],
                       e1[0] * e2[1] - e1[1] * e2[0]};
    /* |cross| > 1e-7 * longest^2, squared to spare a square root per triangle. */
    double cross_squared = cross[0] * cross[0] + cross[1] * cross[1] + cross[2] * cross[2];
    double longest = fmax(e1[0] * e1[0] + e1[1] * e1[1] + e1[2] * e1[2],
                          fmax(e2[0] * e2[0] + e2[1] * e2[1] + e2[2] * e2[2],
                               e3[0] * e3[0] + e3[1] * e3[1] + e3[2] * e3[2]));
    return !(cross_squared > 1e-14 * longest * longest);
}

/* Copies the parts' triangles without the degenerate ones; part ranges follow. */
static uint32_t keep_good_triangles(const io_model *model, const float *positions,
                                    uint32_t *indices, scene_part *parts)
{
    uint32_t kept = 0;
    for (uint32_t p = 0; p < model->part_count; ++p) {
        const io_part *src = &model->parts[p];
        parts[p].first_index = kept;
        for (uint32_t i = 0; i + 2 < src->index_count; i += 3) {
            const uint32_t *tri = &model->indices[src->first_index + i];
            if (is_degenerate(positions, tri))
                continue;
            memcpy(&indices[kept], tri, 3 * sizeof *tri);
            kept += 3;
        }
        parts[p].index_count = kept - parts[p].first_index;
    }
    return kept;
}

static void describe_part(const io_model *model, uint32_t part, scene_part *dst)
{
    const io_part *src = &model->parts[part];
    const io_material *m = &model->materials[src->material];
    memcpy(dst->name, src->name, sizeof dst->name);
    dst->file_paint = scene_paint_from_file(model, part);
    scene_part_set_paint(dst, NULL);
    dst->material = src->material;
    /* The file's Pr/Pm or Ns are only a first guess; a frame's finishes win. */
    dst->finish = scene_finish_from_material(m->shininess, m->pbr_roughness, m->pbr_metallic);
}

static void compute_bounds(scene_mesh *mesh)
{
    scene_bounds *b = &mesh->bounds;
    for (int k = 0; k < 3; ++k) {
        b->min[k] = INFINITY;
        b->max[k] = -INFINITY;
    }
    for (uint32_t v = 0; v < mesh->vertex_count; ++v) {
        const float *p = &mesh->vertices[(size_t)v * SCENE_VERTEX_FLOATS];
        for (int k = 0; k < 3; ++k) {
            b->min[k] = fminf(b->min[k], p[k]);
            b->max[k] = fmaxf(b->max[k], p[k]);
        }
    }
    for (int k = 0; k < 3; ++k)
        b->center[k] = 0.5f * b->min[k] + 0.5f * b->max[k]; /* no overflow near FLT_MAX */
    double radius_squared = 0.0;
    for (uint32_t v = 0; v < mesh->vertex_count; ++v) {
        const float *p = &mesh->vertices[(size_t)v * SCENE_VERTEX_FLOATS];
        double dx = (double)p[0] - b->center[0], dy = (double)p[1] - b->center[1],
               dz = (double)p[2] - b->center[2];
        radius_squared = fmax(radius_squared, dx * dx + dy * dy + dz * dz);
    }
    b->radius = (float)sqrt(radius_squared);
}

/* Each part's sphere, as compute_bounds's for the whole: the middle of the
 * box around the part's vertices and the farthest vertex from it. */
static void compute_part_spheres(scene_mesh *mesh)
{
    for (uint32_t p = 0; p < mesh->part_count; ++p) {
        scene_part *part = &mesh->parts[p];
        float min[3] = {INFINITY, INFINITY, INFINITY}, max[3] = {-INFINITY, -INFINITY, -INFINITY};
        uint32_t end = part->first_index + part->index_count;
        if (part->index_count == 0 || end > mesh->index_count) {
            memcpy(part->sphere, mesh->bounds.center, sizeof mesh->bounds.center);
            part->sphere[3] = mesh->bounds.radius;
            continue;
        }
        for (uint32_t i = part->first_index; i < end; ++i) {
            const float *v = &mesh->vertices[(size_t)mesh->indices[i] * SCENE_VERTEX_FLOATS];
            for (int k = 0; k < 3; ++k) {
                min[k] = fminf(min[k], v[k]);
                max[k] = fmaxf(max[k], v[k]);
            }
        }
        for (int k = 0; k < 3; ++k)
            part->sphere[k] = 0.5f * min[k] + 0.5f * max[k];
        double radius_squared = 0.0;
        for (uint32_t i = part->first_index; i < end; ++i) {
            const float *v = &mesh->vertices[(size_t)mesh->indices[i] * SCENE_VERTEX_FLOATS];
            double dx = (double)v[0] - part->sphere[0], dy = (double)v[1] - part->sphere[1],
                   dz = (double)v[2] - part->sphere[2];
            radius_squared = fmax(radius_squared, dx * dx + dy * dy + dz * dz);
        }
        part->sphere[3] = (float)sqrt(radius_squared);
    }
}

static const struct {
    const char *flag, *name;
    float mm;
} unit_table[] = {{"mm", "millimetres", 1.0f},
                  {"cm", "centimetres", 10.0f},
                  {"m", "metres", 1000.0f},
                  {"in", "inches", 25.4f}};

/* "mm", "cm"... for the units in use, or "1e+03 mm units" when a file states
 * an unusual scale. */
static void units_label(float mm_per_unit, char *out, size_t size)
{
    for (size_t i = 0; i < sizeof unit_table / sizeof *unit_table; ++i) {
        if (mm_per_unit == unit_table[i].mm) {
            snprintf(out, size, "%s", unit_table[i].flag);
            return;
        }
    }
    snprintf(out, size, "%g mm units", (double)mm_per_unit);
}

/* A hint, never applied: the size as read, and the units that would make it a
 * plausible miniature, bust or prop (the one closest to a typical size). */
static void check_size(scene_mesh *mesh)
{
    const scene_bounds *b = &mesh->bounds;
    float height = b->max[1] - b->min[1];
    float largest = fmaxf(b->max[0] - b->min[0], fmaxf(height, b->max[2] - b->min[2]));
    if (largest >= PLAUSIBLE_MIN_MM && largest <= PLAUSIBLE_MAX_MM)
        return;
    char size[64], label[32], advice[128];
    snprintf(size, sizeof size, "%.4g mm %s", (double)(largest == height ? height : largest),
             largest == height ? "tall" : "across");
    units_label(mesh->mm_per_unit, label, sizeof label);
    int best = -1;
    double best_distance = INFINITY;
    for (int i = 0; i < (int)(sizeof unit_table / sizeof *unit_table); ++i) {
        double as_that = (double)largest / mesh->mm_per_unit * unit_table[i].mm;
        double distance = fabs(log(as_that / TYPICAL_MM));
        if (unit_table[i].mm != mesh->mm_per_unit && as_that >= PLAUSIBLE_MIN_MM &&
            as_that <= PLAUSIBLE_MAX_MM && distance < best_distance) {
            best = i;
            best_distance = distance;
        }
    }
    if (best >= 0)
        snprintf(advice, sizeof advice, "if this file is in %s, use --units %s (%.3g mm then)",
                 unit_table[best].name, unit_table[best].flag,
                 (double)largest / mesh->mm_per_unit * unit_table[best].mm);
    else {
        /* The others, in the flag's words: "cm, m or in" when read as mm. */
        const char *other[4];
        int count = 0, total = (int)(sizeof unit_table / sizeof *unit_table);
        for (int i = 0; i < total; ++i) {
            if (unit_table[i].mm != mesh->mm_per_unit)
                other[count++] = unit_table[i].flag;
        }
        char others[32] = "";
        for (int i = 0; i < count; ++i) {
            size_t used = strlen(others);
            snprintf(others + used, sizeof others - used, "%s%s",
                     i == 0           ? ""
                     : i == count - 1 ? " or "
                                      : ", ",
                     other[i]);
        }
        const char *name = label;
        for (int i = 0; i < total; ++i)
            name = unit_table[i].mm == mesh->mm_per_unit ? unit_table[i].name : name;
        snprintf(advice, sizeof advice, "if this file is not in %s, set --units (%s)", name,
                 others);
    }
    if (largest > PLAUSIBLE_MAX_MM)
        scene_mesh_warn(
            mesh,
            "the model is %s (reading its units as %s): glint frames it from further back; %s",
            size, label, advice);
    else
        scene_mesh_warn(
            mesh, "the model is %s (reading its units as %s), too small to judge a finish on; %s",
            size, label, advice);
}

/* Refuses what cannot be drawn: a silent blank picture (or a detector PASS
 * on no pixels) would be worse than an error. */
static core_result check_frameable(const scene_mesh *mesh)
{
    const scene_bounds *b = &mesh->bounds;
    double largest = 0.0;
    bool finite = true;
    for (int k = 0; k < 3; ++k) {
        finite = finite && isfinite(b->min[k]) && isfinite(b->max[k]);
        largest = fmax(largest, (double)b->max[k] - (double)b->min[k]);
    }
    if (!finite) {
        char label[32];
        units_label(mesh->mm_per_unit, label, sizeof label);
        return core_fail(CORE_ERR_PARSE,
                         "the model's coordinates overflow once read as %s (%g mm each): too "
                         "large to frame; check its units",
                         label, (double)mesh->mm_per_unit);
    }
    if (largest > FRAMEABLE_MAX_MM)
        return core_fail(CORE_ERR_PARSE,
                         "the model is %.3g mm across: too large to frame (at most %g mm); check "
                         "its units",
                         largest, FRAMEABLE_MAX_MM);
    if (largest < FRAMEABLE_MIN_MM)
        return core_fail(CORE_ERR_PARSE,
                         "the model is %.3g mm across: too small to frame (at least %g mm); "
                         "check its units",
                         largest, FRAMEABLE_MIN_MM);
    return CORE_OK;
}

static uint32_t count_degenerate(const io_model *model)
{
    uint32_t count = 0;
    for (uint32_t i = 0; i + 2 < model->index_count; i += 3)
        count += is_degenerate(model->positions, &model->indices[i]);
    return count;
}

/* The model's own arrays serve when they need no change (millimetres, no
 * degenerate triangle): at a million triangles each copy is 6-12 MB at the
 * moment memory peaks. */
typedef struct working_arrays {
    const float *positions;
    const uint32_t *indices;
    uint32_t index_count;
    float *owned_positions;
    uint32_t *owned_indices;
} working_arrays;

static core_result prepare_arrays(const io_model *model, float scale, scene_mesh *mesh,
                                  working_arrays *work)
{
    memset(work, 0, sizeof *work);
    work->positions = model->positions;
    work->indices = model->indices;
    work->index_count = model->index_count;
    for (uint32_t p = 0; p < model->part_count; ++p) {
        mesh->parts[p].first_index = model->parts[p].first_index;
        mesh->parts[p].index_count = model->parts[p].index_count;
    }
    if (scale != 1.0f) {
        work->owned_positions = malloc((size_t)model->vertex_count * 3 * sizeof(float) + 1);
        if (!work->owned_positions)
            return CORE_ERR_NO_MEMORY;
        for (size_t i = 0; i < (size_t)model->vertex_count * 3; ++i)
            work->owned_positions[i] = model->positions[i] * scale;
        work->positions = work->owned_positions;
    }
    /* The degenerate test is relative, so the unscaled positions serve. */
    mesh->dropped_triangles = count_degenerate(model);
    if (mesh->dropped_triangles) {
        work->owned_indices = malloc((size_t)model->index_count * sizeof(uint32_t) + 1);
        if (!work->owned_indices)
            return CORE_ERR_NO_MEMORY;
        work->index_count =
            keep_good_triangles(model, model->positions, work->owned_indices, mesh->parts);
        work->indices = work->owned_indices;
    }
    return CORE_OK;
}

/* --units wins, then what the file states (glTF's metres, 3MF's unit), then
 * millimetres: STL's convention and the sample's. */
static float resolve_units(const io_model *model, scene_units units, scene_mesh *mesh)
{
    if (units != SCENE_UNITS_DEFAULT) {
        snprintf(mesh->units_reason, sizeof mesh->units_reason, "--units %s",
                 scene_units_name(units));
        return millimetres_per_unit(units);
    }
    if (model->mm_per_unit > 0.0f && isfinite(model->mm_per_unit)) {
        snprintf(mesh->units_reason, sizeof mesh->units_reason, "%s",
                 model->units_stated_by[0] ? model->units_stated_by : "the file states them");
        return model->mm_per_unit;
    }
    snprintf(mesh->units_reason, sizeof mesh->units_reason, "millimetres (default)");
    return 1.0f;
}

/* Stands the model up in place: positions and normals turn together, so the
 * normals built from the file's frame hold (a rotation keeps equal positions
 * equal and angles as they were). No copy, whatever the size. */
static void turn_upright(scene_mesh *mesh)
{
    if (mesh->up == SCENE_UP_POS_Y)
        return;
    for (uint32_t v = 0; v < mesh->vertex_count; ++v) {
        float *vertex = &mesh->vertices[(size_t)v * SCENE_VERTEX_FLOATS];
        scene_up_rotate(mesh->up, vertex, vertex);
        scene_up_rotate(mesh->up, vertex + 3, vertex + 3);
    }
}

/* Shells become parts when asked, and by default for the formats where one
 * part is the rule (an STL is one solid; a 3MF or PLY often one object). */
static bool wants_split(const io_model *model, scene_split split)
{
    if (split == SCENE_SPLIT_SHELLS)
        return true;
    if (split != SCENE_SPLIT_AUTO || model->part_count != 1)
        return false;
    return model->format == IO_FORMAT_STL_BINARY || model->format == IO_FORMAT_STL_ASCII ||
           model->format == IO_FORMAT_3MF || model->format == IO_FORMAT_PLY;
}

static bool all_closed(const scene_mesh *mesh)
{
    for (uint32_t p = 0; p < mesh->part_count; ++p)
        if (!mesh->parts[p].closed)
            return false;
    return true;
}

core_result scene_mesh_from_model(const io_model *model, const scene_mesh_desc *desc,
                                  scene_mesh *mesh)
{
    memset(mesh, 0, sizeof *mesh);
    scene_units units = desc ? desc->units : SCENE_UNITS_DEFAULT;
    float crease =
        desc && desc->crease_angle_deg > 0.0f ? desc->crease_angle_deg : DEFAULT_CREASE_DEG;
    mesh->mm_per_unit = resolve_units(model, units, mesh);
    mesh->up = scene_up_resolve(model, desc ? desc->up : SCENE_UP_AUTO, mesh->up_reason,
                                sizeof mesh->up_reason);
    mesh->parts = calloc(model->part_count ? model->part_count : 1, sizeof(scene_part));
    if (!mesh->parts)
        return core_fail(CORE_ERR_NO_MEMORY, "out of memory for %u parts", model->part_count);
    mesh->part_count = model->part_count;
    for (uint32_t p = 0; p < model->part_count; ++p)
        describe_part(model, p, &mesh->parts[p]);

    working_arrays work;
    core_result r = prepare_arrays(model, mesh->mm_per_unit, mesh, &work);
    if (r != CORE_OK)
        r = core_fail(r, "out of memory for a mesh of %u vertices", model->vertex_count);
    else if (work.index_count == 0)
        r = core_fail(CORE_ERR_PARSE, "every triangle is degenerate (zero area)");
    scene_normals_output out = {0};
    if (r == CORE_OK) {
        scene_normals_input in = {.positions = work.positions,
                                  .normals = model->normals,
                                  .uvs = model->uvs,
                                  .colors = model->colors,
                                  .vertex_count = model->vertex_count,
                                  .indices = work.indices,
                                  .index_count = work.index_count,
                                  .crease_angle_deg = crease,
                                  .positions_unique = model->positions_unique};
        r = scene_normals_build(&in, &out);
    }
    if (r == CORE_OK) {
        mesh->vertices = out.vertices;
        mesh->vertex_count = out.vertex_count;
        mesh->indices = out.indices;
        mesh->index_count = work.index_count;
        mesh->computed_normals = out.computed;
        turn_upright(mesh);
        compute_bounds(mesh);
        r = check_frameable(mesh);
    }
    if (r == CORE_OK) {
        /* Before the split, which copies each part's flag to its shells. */
        scene_closed_input closed = {.positions = work.positions,
                                     .vertex_count = model->vertex_count,
                                     .indices = work.indices,
                                     .positions_unique = model->positions_unique};
        r = scene_closed_mark(&closed, mesh->parts, mesh->part_count);
    }
    if (r == CORE_OK)
        r = scene_closed_turn_out(mesh);
    if (r == CORE_OK && wants_split(model, desc ? desc->split : SCENE_SPLIT_AUTO)) {
        scene_shells_input shells = {work.positions, model->vertex_count, work.indices,
                                     model->positions_unique};
        r = scene_shells_split(&shells, mesh);
    }
    if (r == CORE_OK && mesh->shells_split > 0 && !all_closed(mesh)) {
        /* A part open as a whole may have closed shells (a figure's open
         * cloak beside its closed base): each part judged again as split. */
        scene_closed_input closed = {.positions = mesh->vertices,
                                     .stride = SCENE_VERTEX_FLOATS,
                                     .vertex_count = mesh->vertex_count,
                                     .indices = mesh->indices};
        r = scene_closed_mark(&closed, mesh->parts, mesh->part_count);
        if (r == CORE_OK)
            r = scene_closed_turn_out(mesh);
    }
    free(work.owned_positions);
    free(work.owned_indices);
    if (r == CORE_OK)
        compute_part_spheres(mesh);
    if (r != CORE_OK) {
        scene_mesh_unload(mesh); /* holds the normals' output, if it was made */
        return r;
    }
    /* Routine in exported meshes and harmless once dropped: not a warning. */
    if (mesh->dropped_triangles)
        core_log(CORE_LOG_INFO, "dropped %u degenerate (zero-area) triangles",
                 mesh->dropped_triangles);
    check_size(mesh);
    return CORE_OK;
}

void scene_mesh_unload(scene_mesh *mesh)
{
    free(mesh->vertices);
    free(mesh->indices);
    free(mesh->parts);
    memset(mesh, 0, sizeof *mesh);
}
