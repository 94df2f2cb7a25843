#include "scene/scene_shells.h"
#include "scene/scene_weld.h"

#include "core/core_log.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NONE UINT32_MAX

typedef struct shell {
    uint32_t triangles;
    uint32_t target; /* the kept shell it merges into; itself when kept */
    uint32_t rank;   /* its place among the kept shells, top down (base last) */
    float min[3], max[3];
} shell;

/* Scratch shared by every part, freed together. */
typedef struct scratch {
    uint32_t *canon;    /* per vertex: the first vertex at its position (NULL: itself) */
    uint32_t *parent;   /* union-find over vertices */
    uint32_t *shell_of; /* per root vertex: its shell */
    uint32_t *label;    /* per triangle of the part: its shell */
    uint32_t *sorted;   /* the part's indices, reordered */
    shell *shells;
} scratch;

/* Gives every vertex the first vertex at its position: an OBJ's uv seams and
 * split normals keep one position in several vertices, which still connect. */
static core_result weld(const scene_shells_input *in, uint32_t *canon)
{
    return scene_weld_positions(in->positions, in->vertex_count, canon);
}

static uint32_t find(uint32_t *parent, uint32_t v)
{
    while (parent[v] != v) {
        parent[v] = parent[parent[v]]; /* path halving: near-constant time per find */
        v = parent[v];
    }
    return v;
}

static uint32_t vertex_of(const scene_shells_input *in, const scratch *s, uint32_t c)
{
    uint32_t v = in->indices[c];
    return s->canon ? s->canon[v] : v;
}

/* Labels the part's triangles by connected shell; returns how many shells. */
static uint32_t label_shells(const scene_shells_input *in, scratch *s, const scene_part *part)
{
    uint32_t first = part->first_index, corners = part->index_count;
    for (uint32_t c = first; c < first + corners; ++c) {
        uint32_t v = vertex_of(in, s, c);
        s->parent[v] = v;
        s->shell_of[v] = NONE;
    }
    for (uint32_t c = first; c + 2 < first + corners; c += 3) {
        uint32_t a = find(s->parent, vertex_of(in, s, c));
        for (int k = 1; k < 3; ++k) {
            uint32_t b = find(s->parent, vertex_of(in, s, c + k));
            if (a != b)
                s->parent[b] = a;
        }
    }
    uint32_t count = 0;
    for (uint32_t t = 0; t < corners / 3; ++t) {
        uint32_t root = find(s->parent, vertex_of(in, s, first + 3 * t));
        if (s->shell_of[root] == NONE)
            s->shell_of[root] = count++;
        s->label[t] = s->shell_of[root];
    }
    return count;
}

static void measure_shells(const scene_mesh *mesh, const scratch *s, const scene_part *part,
                           shell *shells, uint32_t count)
{
    for (uint32_t i = 0; i < count; ++i) {
        shells[i] =
            (shell){0, i, 0, {INFINITY, INFINITY, INFINITY}, {-INFINITY, -INFINITY, -INFINITY}};
    }
    for (uint32_t t = 0; t < part->index_count / 3; ++t) {
        shell *sh = &shells[s->label[t]];
        sh->triangles++;
        for (int k = 0; k < 3; ++k) {
            const float *p = &mesh->vertices[(size_t)mesh->indices[part->first_index + 3 * t + k] *
                                             SCENE_VERTEX_FLOATS];
            for (int a = 0; a < 3; ++a) {
                sh->min[a] = fminf(sh->min[a], p[a]);
                sh->max[a] = fmaxf(sh->max[a], p[a]);
            }
        }
    }
}

/* Squared gap between two boxes; 0 when they touch or overlap. */
static double box_gap(const shell *a, const shell *b)
{
    double sum = 0.0;
    for (int k = 0; k < 3; ++k) {
        double gap = fmax(0.0, fmax((double)a->min[k] - b->max[k], (double)b->min[k] - a->max[k]));
        sum += gap * gap;
    }
    return sum;
}

typedef struct ranked {
    double key;
    uint32_t shell;
} ranked;

static int by_key_descending(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->key != y->key)
        return x->key > y->key ? -1 : 1;
    return x->shell < y->shell ? -1 : x->shell > y->shell; /* stable: first found first */
}

/* Decides which shells stay parts: those with at least `min_triangles`, at
 * most `budget` of them (the biggest); the rest merge into the nearest kept
 * one. Returns how many are kept; `order` receives the kept shells. */
static uint32_t choose_kept(shell *shells, uint32_t count, double min_triangles, uint32_t budget,
                            ranked *order)
{
    uint32_t kept = 0;
    for (uint32_t i = 0; i < count; ++i) {
        if (shells[i].triangles >= min_triangles)
            order[kept++] = (ranked){shells[i].triangles, i};
    }
    if (kept < 2)
        return kept; /* nothing to split: leave the part whole */
    qsort(order, kept, sizeof *order, by_key_descending);
    if (kept > budget)
        kept = budget;
    for (uint32_t i = 0; i < count; ++i)
        shells[i].target = NONE;
    for (uint32_t k = 0; k < kept; ++k)
        shells[order[k].shell].target = order[k].shell;
    for (uint32_t i = 0; i < count; ++i) {
        if (shells[i].target != NONE)
            continue;
        double best = INFINITY;
        for (uint32_t k = 0; k < kept; ++k) {
            double gap = box_gap(&shells[i], &shells[order[k].shell]);
            if (gap < best) { /* ties go to the bigger shell, which comes first */
                best = gap;
                shells[i].target = order[k].shell;
            }
        }
    }
    /* Kept shells' boxes grow by what merges into them (for naming). */
    for (uint32_t i = 0; i < count; ++i) {
        shell *to = &shells[shells[i].target];
        if (to == &shells[i])
            continue;
        for (int a = 0; a < 3; ++a) {
            to->min[a] = fminf(to->min[a], shells[i].min[a]);
            to->max[a] = fmaxf(to->max[a], shells[i].max[a]);
        }
    }
    return kept;
}

static void grow(float *min, float *max, const shell *sh)
{
    for (int a = 0; a < 3; ++a) {
        min[a] = fminf(min[a], sh->min[a]);
        max[a] = fmaxf(max[a], sh->max[a]);
    }
}

/* The base: a shell whose top is near or below the lowest point of the rest,
 * whose footprint is about as wide as theirs or wider and holds their middle,
 * and that is flat-ish. NONE when no shell is one. */
static uint32_t find_base(const shell *shells, const ranked *kept, uint32_t count)
{
    uint32_t base = NONE;
    double best_area = 0.0;
    for (uint32_t k = 0; k < count; ++k) {
        const shell *b = &shells[kept[k].shell];
        float min[3] = {INFINITY, INFINITY, INFINITY}, max[3] = {-INFINITY, -INFINITY, -INFINITY};
        for (uint32_t j = 0; j < count; ++j) {
            if (j != k)
                grow(min, max, &shells[kept[j].shell]);
        }
        double width = (double)b->max[0] - b->min[0], depth = (double)b->max[2] - b->min[2];
        double height = (double)b->max[1] - b->min[1];
        double area = width * depth;
        double others_area = ((double)max[0] - min[0]) * ((double)max[2] - min[2]);
        double middle_x = 0.5 * ((double)min[0] + max[0]),
               middle_z = 0.5 * ((double)min[2] + max[2]);
        bool low = b->max[1] <= min[1] + 0.1 * ((double)max[1] - min[1]);
        bool wide = area >= 0.8 * others_area && middle_x >= b->min[0] && middle_x <= b->max[0] &&
                    middle_z >= b->min[2] && middle_z <= b->max[2];
        bool flat = height <= 0.5 * fmax(width, depth);
        if (low && wide && flat && area > best_area) {
            best_area = area;
            base = kept[k].shell;
        }
    }
    return base;
}

/* Cut short to the field: a size too long for it (a file in the wrong units)
 * is a hint, not data. */
static void copy_text(char *out, size_t size, const char *text)
{
    size_t length = strlen(text);
    length = length < size ? length : size - 1;
    memcpy(out, text, length);
    out[length] = '\0';
}

static void describe(const shell *sh, const float *min, const float *max, bool base, char *out,
                     size_t size)
{
    double height = (double)sh->max[1] - sh->min[1];
    char tall[400], text[1000];
    if (height < 10.0)
        snprintf(tall, sizeof tall, "%.1f", height);
    else
        snprintf(tall, sizeof tall, "%.0f", height);
    if (base) {
        snprintf(text, sizeof text, "under the rest, %.0f x %.0f mm, %s mm tall",
                 (double)sh->max[0] - sh->min[0], (double)sh->max[2] - sh->min[2], tall);
        copy_text(out, size, text);
        return;
    }
    /* Thirds of the part's own height; a side when the shell lies wholly left
     * or right of the part's middle, as seen from the front (+X is right). */
    double span_y = fmax((double)max[1] - min[1], 1e-9);
    double y = (0.5 * ((double)sh->min[1] + sh->max[1]) - min[1]) / span_y;
    double middle_x = 0.5 * ((double)min[0] + max[0]);
    const char *level = y > 2.0 / 3.0 ? "top" : y < 1.0 / 3.0 ? "bottom" : "middle";
    const char *side = sh->max[0] < middle_x ? ", left" : sh->min[0] > middle_x ? ", right" : "";
    snprintf(text, sizeof text, "%s%s, %s mm tall", level, side, tall);
    copy_text(out, size, text);
}

static bool name_taken(const scene_mesh *mesh, uint32_t self, const char *name)
{
    for (uint32_t p = 0; p < mesh->part_count; ++p) {
        if (p != self && strcmp(mesh->parts[p].name, name) == 0)
            return true;
    }
    return false;
}

/* Names the part; a name another part has gets "-2", "-3"... */
static void name_part(scene_mesh *mesh, uint32_t index, const char *prefix, const char *stem)
{
    char *name = mesh->parts[index].name;
    size_t size = sizeof mesh->parts[index].name;
    /* The prefix (the part's own name) gives way so the stem always shows. */
    int room = (int)(size - 1 - strlen(stem) - 8);
    snprintf(name, size, "%.*s%s%s", room > 0 ? room : 0, prefix, prefix[0] ? "-" : "", stem);
    char plain[IO_NAME_MAX];
    memcpy(plain, name, sizeof plain);
    for (int n = 2; name_taken(mesh, index, name); ++n) {
        int written = snprintf(name, size, "%.*s-%d", (int)(size - 12), plain, n);
        (void)written; /* room is kept: at most 11 characters for "-n" */
    }
}

/* Splits one part (at `index`) whose shells are labelled and measured. */
static core_result split_part(scene_mesh *mesh, scratch *s, uint32_t index, uint32_t count,
                              double min_triangles, uint32_t *added)
{
    *added = 0;
    scene_part part = mesh->parts[index];
    uint32_t others = mesh->part_count - 1;
    uint32_t budget = others + 2 <= SCENE_SHELLS_MAX_PARTS ? SCENE_SHELLS_MAX_PARTS - others : 0;
    ranked *kept = malloc((size_t)count * sizeof *kept);
    if (!kept)
        return CORE_ERR_NO_MEMORY;
    uint32_t large = 0;
    for (uint32_t i = 0; i < count; ++i)
        large += s->shells[i].triangles >= min_triangles;
    if (large >= 2 && budget < 2) {
        scene_mesh_warn(mesh, "part '%s' has %u shells but the model already has %u parts: left whole",
             part.name, large, mesh->part_count);
        free(kept);
        return CORE_OK;
    }
    uint32_t n = choose_kept(s->shells, count, min_triangles, budget, kept);
    if (n < 2) {
        free(kept);
        return CORE_OK;
    }
    if (large > n)
        scene_mesh_warn(mesh,
             "part '%s' has %u shells: the %u largest became parts, the rest joined their "
             "nearest (at most %d parts)",
             part.name, large, n, SCENE_SHELLS_MAX_PARTS);
    uint32_t base = find_base(s->shells, kept, n);
    /* Top down, by the top of each shell; the base last. */
    for (uint32_t k = 0; k < n; ++k) {
        const shell *sh = &s->shells[kept[k].shell];
        kept[k].key = kept[k].shell == base ? -INFINITY : (double)sh->max[1];
    }
    qsort(kept, n, sizeof *kept, by_key_descending);
    for (uint32_t k = 0; k < n; ++k)
        s->shells[kept[k].shell].rank = k;

    /* Reorder the triangles: a counting sort by rank keeps each shell's order. */
    uint32_t *start = calloc((size_t)n + 1, sizeof *start);
    scene_part *parts = realloc(mesh->parts, ((size_t)mesh->part_count + n - 1) * sizeof *parts);
    if (!start || !parts) {
        free(start);
        free(kept);
        return CORE_ERR_NO_MEMORY;
    }
    mesh->parts = parts;
    uint32_t triangles = part.index_count / 3;
    for (uint32_t t = 0; t < triangles; ++t)
        start[s->shells[s->shells[s->label[t]].target].rank + 1] += 3;
    for (uint32_t k = 0; k < n; ++k)
        start[k + 1] += start[k];
    uint32_t *fill = s->sorted;
    uint32_t cursor[SCENE_SHELLS_MAX_PARTS];
    memcpy(cursor, start, n * sizeof *cursor);
    for (uint32_t t = 0; t < triangles; ++t) {
        uint32_t rank = s->shells[s->shells[s->label[t]].target].rank;
        memcpy(&fill[cursor[rank]], &mesh->indices[part.first_index + 3 * t], 3 * sizeof *fill);
        cursor[rank] += 3;
    }
    memcpy(&mesh->indices[part.first_index], fill, (size_t)part.index_count * sizeof *fill);

    memmove(&parts[index + n], &parts[index + 1],
            (size_t)(mesh->part_count - index - 1) * sizeof *parts);
    mesh->part_count += n - 1;
    float min[3] = {INFINITY, INFINITY, INFINITY}, max[3] = {-INFINITY, -INFINITY, -INFINITY};
    for (uint32_t k = 0; k < n; ++k)
        grow(min, max, &s->shells[kept[k].shell]);
    char prefix[IO_NAME_MAX] = "";
    if (others > 0)
        memcpy(prefix, part.name, sizeof prefix);
    for (uint32_t k = 0; k < n; ++k) {
        scene_part *dst = &parts[index + k];
        *dst = part; /* material, paint and finish as the whole part had them */
        dst->first_index = part.first_index + start[k];
        dst->index_count = start[k + 1] - start[k];
        dst->name[0] = '\0';
    }
    for (uint32_t k = 0; k < n; ++k) {
        const shell *sh = &s->shells[kept[k].shell];
        bool is_base = kept[k].shell == base;
        char stem[24];
        snprintf(stem, sizeof stem, "shell-%u", k + 1);
        name_part(mesh, index + k, prefix, is_base ? "base" : stem);
        describe(sh, min, max, is_base, parts[index + k].description,
                 sizeof parts[index + k].description);
    }
    core_log(CORE_LOG_INFO, "part '%s': %u shells, each a part", part.name, n);
    free(start);
    free(kept);
    *added = n - 1;
    return CORE_OK;
}

static void scratch_free(scratch *s)
{
    free(s->canon);
    free(s->parent);
    free(s->shell_of);
    free(s->label);
    free(s->sorted);
    free(s->shells);
}

core_result scene_shells_split(const scene_shells_input *in, scene_mesh *mesh)
{
    uint32_t largest = 0;
    for (uint32_t p = 0; p < mesh->part_count; ++p)
        largest = mesh->parts[p].index_count > largest ? mesh->parts[p].index_count : largest;
    if (largest < 6)
        return CORE_OK; /* no part has two triangles */
    scratch s = {0};
    size_t vertices = (size_t)in->vertex_count + 1;
    s.parent = malloc(vertices * sizeof *s.parent);
    s.shell_of = malloc(vertices * sizeof *s.shell_of);
    s.label = malloc((size_t)largest / 3 * sizeof *s.label);
    s.sorted = malloc((size_t)largest * sizeof *s.sorted);
    if (!in->positions_unique)
        s.canon = malloc(vertices * sizeof *s.canon);
    core_result r =
        s.parent && s.shell_of && s.label && s.sorted && (in->positions_unique || s.canon)
            ? CORE_OK
            : CORE_ERR_NO_MEMORY;
    if (r == CORE_OK && s.canon)
        r = weld(in, s.canon);
    double min_triangles = SCENE_SHELLS_MIN_SHARE * (double)(mesh->index_count / 3);
    uint32_t parts_before = mesh->part_count;
    for (uint32_t p = 0; r == CORE_OK && p < mesh->part_count; ++p) {
        if (mesh->parts[p].index_count < 6 || mesh->parts[p].index_count % 3 != 0)
            continue;
        /* A split reorders only inside its own part's range: the input's
         * indices still match the mesh's for the parts after it. */
        uint32_t count = label_shells(in, &s, &mesh->parts[p]);
        if (count < 2)
            continue;
        free(s.shells);
        s.shells = malloc((size_t)count * sizeof *s.shells);
        if (!s.shells) {
            r = CORE_ERR_NO_MEMORY;
            break;
        }
        measure_shells(mesh, &s, &mesh->parts[p], s.shells, count);
        uint32_t added = 0;
        r = split_part(mesh, &s, p, count, min_triangles, &added);
        p += added;
    }
    scratch_free(&s);
    mesh->shells_split += mesh->part_count - parts_before;
    if (r != CORE_OK)
        return core_fail(r, "out of memory splitting %u triangles into shells",
                         mesh->index_count / 3);
    return CORE_OK;
}
