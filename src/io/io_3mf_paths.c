#include "io/io_internal.h"
#include "io/io_xml_scan.h"

#include "core/core_log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* Bambu Studio and OrcaSlicer (and so most 3MFs from MakerWorld) keep each
 * object's mesh in a model part of its own (3D/Objects/object_1.model) and
 * point to it from the root model with the production extension:
 *
 *   <object id="2"><components><component p:path="/3D/Objects/object_1.model"
 *       objectid="1" transform="..."/></components></object>
 *
 * lib3mf 1.8 (Debian 12's) does not follow such a path and refuses the file
 * ("Build item not found"). Here the objects of those parts are moved into
 * the root model, numbered after its own ids, and the components point to
 * them there; the result, with the package's content types and root
 * relationship, becomes a new zip for lib3mf. The XML is machine-written and
 * only walked at the level of tags and attributes: an object that lib3mf
 * then cannot read is lib3mf's error as before. */

#define MAX_PATHS 1024 /* a plate of a thousand objects, each its own part */

typedef struct moved {
    uint32_t path; /* index into the paths */
    long old_id, new_id;
} moved;

/* A moved object's name and filament from the slicer's settings
 * (io_3mf_slicer.c): the object P of `path`, a component of the root's
 * object R, is the settings' part P of object R. */
typedef struct part_name {
    uint32_t path;
    long id;
    const char *value; /* into the settings' text, as written (entities and all); or NULL */
    size_t size;
    int filament; /* from 1; 0: none */
} part_name;

typedef struct work {
    const char *bytes;
    size_t size;
    uint64_t limit, used;
    const char *name;
    char *paths[MAX_PATHS];
    uint32_t path_count;
    moved *moves;
    size_t move_count, move_capacity;
    io_bytes objects;    /* the moved objects, renumbered */
    io_bytes namespaces; /* the parts' xmlns declarations the root lacks */
    long next_id;
    io_3mf_slicer slicer; /* the slicer's names and filaments, if any */
    long filaments_id;    /* the basematerials of the filaments' colours; 0: none */
    part_name *names;
    size_t name_count;
} work;

static int compare_moves(const void *a, const void *b)
{
    const moved *x = a, *y = b;
    if (x->path != y->path)
        return x->path < y->path ? -1 : 1;
    return (x->old_id > y->old_id) - (x->old_id < y->old_id);
}

static const moved *find_move(const work *w, uint32_t path, long id)
{
    moved key = {path, id, 0};
    return w->move_count ? bsearch(&key, w->moves, w->move_count, sizeof key, compare_moves) : NULL;
}

static int compare_names(const void *a, const void *b)
{
    const part_name *x = a, *y = b;
    if (x->path != y->path)
        return x->path < y->path ? -1 : 1;
    return (x->id > y->id) - (x->id < y->id);
}

/* Sorted by read_names, as the moves are after moving: a file's thousands of
 * objects are not looked up one list-walk each. */
static const part_name *find_name(const work *w, uint32_t path, long id)
{
    part_name key = {path, id, NULL, 0, 0};
    return w->name_count ? bsearch(&key, w->names, w->name_count, sizeof key, compare_names) : NULL;
}

/* Which of the paths the tag's value is; path_count if none. */
static uint32_t path_index(const work *w, const io_xml_attribute *path)
{
    uint32_t p = 0;
    while (p < w->path_count && (strlen(w->paths[p]) != path->value_size ||
                                 memcmp(w->paths[p], path->value, path->value_size) != 0))
        ++p;
    return p;
}

static core_result fail(const work *w, const char *why)
{
    return core_fail(CORE_ERR_PARSE, "%s: 3MF: %s", w->name, why);
}

static core_result read_part(work *w, const char *path, char **out, size_t *size)
{
    io_zip_entry entry;
    char message[300];
    if (!io_zip_find(w->bytes, w->size, path[0] == '/' ? path + 1 : path, &entry)) {
        snprintf(message, sizeof message, "names the model part %.200s, which is not in the file",
                 path);
        return fail(w, message);
    }
    core_result r = io_zip_inflate(&entry, w->limit - w->used, out, size);
    if (r == CORE_ERR_TOO_LARGE)
        return core_fail(r,
                         "%s: 3MF: its parts expand to more than %llu bytes, the limit for a "
                         "model",
                         w->name, (unsigned long long)w->limit);
    if (r != CORE_OK) {
        snprintf(message, sizeof message, "the model part %.200s cannot be read (corrupt)", path);
        return r == CORE_ERR_NO_MEMORY ? core_fail(r, "%s: out of memory", w->name)
                                       : fail(w, message);
    }
    w->used += *size;
    return CORE_OK;
}

/* Moves the objects of the model part `path` (index p) into w->objects. */
static core_result move_objects(work *w, uint32_t p, const char *root, const char *root_model_end)
{
    char *part;
    size_t size;
    core_result r = read_part(w, w->paths[p], &part, &size);
    if (r != CORE_OK)
        return r;
    const char *end = part + size;
    /* Namespaces the part declares that the root does not (its objects may use them). */
    const char *model = io_xml_find_tag(part, end, "model"),
               *model_close = model ? io_xml_tag_end(model, end) : NULL;
    io_xml_attribute a;
    for (const char *cursor = model;
         model_close && io_xml_next_attribute(&cursor, model_close, &a);) {
        if (a.name_size <= 6 || memcmp(a.name, "xmlns:", 6) != 0)
            continue;
        char declared[128];
        snprintf(declared, sizeof declared, "%.*s=", (int)(a.name_size < 100 ? a.name_size : 100),
                 a.name);
        bool known =
            io_xml_holds(root, root_model_end, declared) ||
            (w->namespaces.bytes &&
             io_xml_holds(w->namespaces.bytes, w->namespaces.bytes + w->namespaces.size, declared));
        if (!known && (!io_bytes_append_text(&w->namespaces, " ") ||
                       !io_bytes_append(&w->namespaces, a.start, (size_t)(a.stop - a.start))))
            r = CORE_ERR_NO_MEMORY;
    }
    const char *object, *next = part; /* each object after the last one's end */
    while (r == CORE_OK && (object = io_xml_find_tag(next, end, "object")) != NULL) {
        const char *close = io_xml_tag_end(object, end);
        const char *stop = close && close[-1] != '/' ? strstr(close, "</object>") : NULL;
        if (!close || !stop) {
            r = fail(w, "an object in a model part is empty or has no end");
            break;
        }
        stop += strlen("</object>");
        next = stop;
        if (io_xml_find_tag(close, stop, "components") || io_xml_holds(object, stop, "pid=")) {
            r = fail(w, "an object in another model part has components or materials of its "
                        "own; glint reads those only from the root model");
            break;
        }
        io_xml_attribute id;
        if (!io_xml_find_attribute(object, close, "id", &id) || io_xml_id(&id) < 0) {
            r = fail(w, "an object in a model part has no id");
            break;
        }
        if (w->move_count == w->move_capacity) {
            size_t capacity = w->move_capacity ? 2 * w->move_capacity : 64;
            moved *grown = realloc(w->moves, capacity * sizeof *grown);
            if (!grown) {
                r = CORE_ERR_NO_MEMORY;
                break;
            }
            w->moves = grown;
            w->move_capacity = capacity;
        }
        moved *m = &w->moves[w->move_count++];
        *m = (moved){p, io_xml_id(&id), w->next_id++};
        /* Its start tag without its id and UUID (the root's own are the
         * package's unique ones), then the rest as it is. */
        char number[48];
        snprintf(number, sizeof number, "<object id=\"%ld\"", m->new_id);
        bool ok = io_bytes_append_text(&w->objects, number);
        io_xml_attribute own_name;
        const part_name *given = find_name(w, p, m->old_id);
        if (given && given->value && !io_xml_find_attribute(object, close, "name", &own_name))
            ok = io_bytes_append_text(&w->objects, " name=\"") &&
                 io_bytes_append(&w->objects, given->value, given->size) &&
                 io_bytes_append_text(&w->objects, "\"");
        if (given && w->filaments_id && io_3mf_slicer_colour(&w->slicer, given->filament)) {
            /* Painted with its filament's colour, as the slicer shows it. */
            snprintf(number, sizeof number, " pid=\"%ld\" pindex=\"%d\"", w->filaments_id,
                     given->filament - 1);
            ok = ok && io_bytes_append_text(&w->objects, number);
        }
        for (const char *cursor = object; ok && io_xml_next_attribute(&cursor, close, &a);)
            if (!io_xml_named(&a, "id") && !io_xml_named(&a, "UUID"))
                ok = io_bytes_append_text(&w->objects, " ") &&
                     io_bytes_append(&w->objects, a.start, (size_t)(a.stop - a.start));
        ok = ok && io_bytes_append(&w->objects, close, (size_t)(stop - close)) &&
             io_bytes_append_text(&w->objects, "\n");
        if (!ok)
            r = CORE_ERR_NO_MEMORY;
    }
    free(part);
    return r;
}

/* The component tag [tag, close] pointing at `path`'s object, rewritten to
 * point at the moved copy. */
static core_result rewrite_component(work *w, const char *tag, const char *close,
                                     const io_xml_attribute *path, io_bytes *out)
{
    io_xml_attribute object;
    long id = io_xml_find_attribute(tag, close, "objectid", &object) ? io_xml_id(&object) : -1;
    const moved *m = find_move(w, path_index(w, path), id);
    if (!m)
        return fail(w, "a component names an object its model part does not hold");
    char number[48];
    snprintf(number, sizeof number, "<component objectid=\"%ld\"", m->new_id);
    bool ok = io_bytes_append_text(out, number);
    io_xml_attribute a;
    for (const char *cursor = tag; ok && io_xml_next_attribute(&cursor, close, &a);)
        if (!io_xml_named(&a, "objectid") && !io_xml_named(&a, "path"))
            ok = io_bytes_append_text(out, " ") &&
                 io_bytes_append(out, a.start, (size_t)(a.stop - a.start));
    ok = ok && io_bytes_append_text(out, close[-1] == '/' ? "/>" : ">");
    return ok ? CORE_OK : CORE_ERR_NO_MEMORY;
}

/* The filaments' colours as base materials, first in the root's resources. */
static bool append_filaments(const work *w, io_bytes *out)
{
    char line[96];
    snprintf(line, sizeof line, "<basematerials id=\"%ld\">", w->filaments_id);
    bool ok = io_bytes_append_text(out, line);
    for (int f = 1; ok && f <= w->slicer.colour_count; ++f) {
        const char *colour = io_3mf_slicer_colour(&w->slicer, f);
        snprintf(line, sizeof line, "<base name=\"filament %d\" displaycolor=\"%s\"/>", f,
                 colour ? colour : "#808080");
        ok = io_bytes_append_text(out, line);
    }
    return ok && io_bytes_append_text(out, "</basematerials>\n");
}

/* The root model again: the parts' namespaces on <model>, the moved
 * objects first in <resources>, the components pointing at them. */
static core_result rewrite_root(work *w, const char *root, size_t size, io_bytes *out)
{
    const char *end = root + size, *copied = root;
    const char *model = io_xml_find_tag(root, end, "model"),
               *model_close = model ? io_xml_tag_end(model, end) : NULL;
    const char *resources = model_close ? io_xml_find_tag(model_close, end, "resources") : NULL;
    const char *resources_close = resources ? io_xml_tag_end(resources, end) : NULL;
    if (!model_close || !resources_close || resources_close[-1] == '/' || resources < model_close)
        return fail(w, "its root model has no resources");
    bool ok = io_bytes_append(out, copied, (size_t)(model_close - copied));
    if (model_close[-1] == '/')
        return fail(w, "its root model is empty");
    ok = ok &&
         (!w->namespaces.bytes || io_bytes_append(out, w->namespaces.bytes, w->namespaces.size));
    copied = model_close;
    ok = ok && io_bytes_append(out, copied, (size_t)(resources_close + 1 - copied)) &&
         io_bytes_append_text(out, "\n") && (!w->filaments_id || append_filaments(w, out)) &&
         io_bytes_append(out, w->objects.bytes, w->objects.size);
    copied = resources_close + 1;
    core_result r = ok ? CORE_OK : CORE_ERR_NO_MEMORY;
    /* Each search starts past the last tag copied: a tag found inside
     * another's quoted value would otherwise come before what is copied. */
    for (const char *tag = io_xml_find_tag(copied, end, "component"); r == CORE_OK && tag;
         tag = io_xml_find_tag(tag + 1 > copied ? tag + 1 : copied, end, "component")) {
        const char *close = io_xml_tag_end(tag, end);
        io_xml_attribute path;
        if (!close || !io_xml_find_attribute(tag, close, "path", &path))
            continue;
        r = io_bytes_append(out, copied, (size_t)(tag - copied))
                ? rewrite_component(w, tag, close, &path, out)
                : CORE_ERR_NO_MEMORY;
        copied = close + 1;
    }
    if (r == CORE_OK && !io_bytes_append(out, copied, (size_t)(end - copied)))
        r = CORE_ERR_NO_MEMORY;
    return r;
}

/* Where the package's relationships put the root model ("3D/3dmodel.model"). */
static void root_path(const char *bytes, size_t size, char *path, size_t path_size)
{
    snprintf(path, path_size, "3D/3dmodel.model");
    io_zip_entry entry;
    char *rels;
    size_t rels_size;
    if (!io_zip_find(bytes, size, "_rels/.rels", &entry) ||
        io_zip_inflate(&entry, 1u << 20, &rels, &rels_size) != CORE_OK)
        return;
    const char *end = rels + rels_size;
    for (const char *tag = io_xml_find_tag(rels, end, "Relationship"); tag;
         tag = io_xml_find_tag(tag + 1, end, "Relationship")) {
        const char *close = io_xml_tag_end(tag, end);
        io_xml_attribute type, target;
        if (close && io_xml_find_attribute(tag, close, "Type", &type) && type.value_size >= 8 &&
            memcmp(type.value + type.value_size - 8, "/3dmodel", 8) == 0 &&
            io_xml_find_attribute(tag, close, "Target", &target) && target.value_size < path_size) {
            const char *t = target.value[0] == '/' ? target.value + 1 : target.value;
            size_t n = target.value_size - (size_t)(t - target.value);
            memcpy(path, t, n);
            path[n] = '\0';
            break;
        }
    }
    free(rels);
}

static bool is_moved_part(const work *w, const char *name, size_t size)
{
    for (uint32_t p = 0; p < w->path_count; ++p) {
        const char *path = w->paths[p][0] == '/' ? w->paths[p] + 1 : w->paths[p];
        if (strlen(path) == size && memcmp(path, name, size) == 0)
            return true;
    }
    return false;
}

/* The root model's relationships without those to the parts moved in. */
static core_result filter_relationships(const work *w, const char *rels, size_t size, io_bytes *out)
{
    const char *end = rels + size, *copied = rels;
    for (const char *tag = io_xml_find_tag(rels, end, "Relationship"); tag;
         tag = io_xml_find_tag(tag + 1 > copied ? tag + 1 : copied, end, "Relationship")) {
        const char *close = io_xml_tag_end(tag, end);
        io_xml_attribute target;
        if (!close || !io_xml_find_attribute(tag, close, "Target", &target))
            continue;
        const char *t = target.value[0] == '/' ? target.value + 1 : target.value;
        if (!is_moved_part(w, t, target.value_size - (size_t)(t - target.value)))
            continue;
        if (!io_bytes_append(out, copied, (size_t)(tag - copied)))
            return CORE_ERR_NO_MEMORY;
        copied = close + 1;
    }
    return io_bytes_append(out, copied, (size_t)(end - copied)) ? CORE_OK : CORE_ERR_NO_MEMORY;
}

/* The package again, stored: the root model rewritten, the parts moved in
 * left out (and the root's relationships to them), the rest as it was. */
static core_result write_package(work *w, const char *root_name, const io_bytes *root, char **out,
                                 size_t *out_size)
{
    char rels_name[300];
    const char *slash = strrchr(root_name, '/');
    snprintf(rels_name, sizeof rels_name, "%.*s_rels/%s.rels",
             slash ? (int)(slash + 1 - root_name) : 0, root_name, slash ? slash + 1 : root_name);
    io_zip_out z = {0};
    io_zip_walk walk;
    io_zip_entry entry;
    core_result r = io_zip_begin(w->bytes, w->size, &walk) ? CORE_OK : CORE_ERR_PARSE;
    while (r == CORE_OK && io_zip_next(w->bytes, w->size, &walk, &entry)) {
        bool is_root = entry.name_bytes == strlen(root_name) &&
                       memcmp(entry.name, root_name, entry.name_bytes) == 0;
        if (is_root) {
            r = io_zip_out_add(&z, entry.name, entry.name_bytes, root->bytes, root->size);
            continue;
        }
        if (is_moved_part(w, entry.name, entry.name_bytes))
            continue;
        char *bytes;
        size_t size;
        r = io_zip_inflate(&entry, w->limit - w->used, &bytes, &size);
        if (r != CORE_OK)
            break;
        w->used += size;
        io_bytes kept = {0};
        if (entry.name_bytes == strlen(rels_name) &&
            memcmp(entry.name, rels_name, entry.name_bytes) == 0)
            r = filter_relationships(w, bytes, size, &kept);
        if (r == CORE_OK)
            r = kept.bytes ? io_zip_out_add(&z, entry.name, entry.name_bytes, kept.bytes, kept.size)
                           : io_zip_out_add(&z, entry.name, entry.name_bytes, bytes, size);
        free(kept.bytes);
        free(bytes);
    }
    if (r == CORE_OK)
        r = io_zip_out_finish(&z, out, out_size);
    free(z.data.bytes);
    free(z.directory.bytes);
    return r;
}

/* The paths the root's components name, each once; the next free id. */
static core_result collect_paths(work *w, const char *root, size_t size)
{
    const char *end = root + size;
    for (const char *tag = io_xml_find_tag(root, end, "component"); tag;
         tag = io_xml_find_tag(tag + 1, end, "component")) {
        const char *close = io_xml_tag_end(tag, end);
        io_xml_attribute path;
        if (!close || !io_xml_find_attribute(tag, close, "path", &path))
            continue;
        if (path_index(w, &path) < w->path_count)
            continue;
        if (w->path_count == MAX_PATHS)
            return fail(w, "its components name more than 1024 model parts");
        w->paths[w->path_count] = malloc(path.value_size + 1);
        if (!w->paths[w->path_count])
            return CORE_ERR_NO_MEMORY;
        memcpy(w->paths[w->path_count], path.value, path.value_size);
        w->paths[w->path_count++][path.value_size] = '\0';
    }
    /* Past every id the root holds (objects, materials, colour groups). */
    for (const char *p = strstr(root, " id="); p && p < end; p = strstr(p + 1, " id=")) {
        const char *cursor = p;
        io_xml_attribute id;
        if (io_xml_next_attribute(&cursor, end, &id) && io_xml_id(&id) >= w->next_id)
            w->next_id = io_xml_id(&id) + 1;
    }
    return CORE_OK;
}

/* Whether the zip has a model part besides the root: without one no path
 * can lead anywhere, and the root need not be read twice. */
static bool other_models(const char *bytes, size_t size, const char *root_name)
{
    io_zip_walk walk;
    io_zip_entry entry;
    if (!io_zip_begin(bytes, size, &walk))
        return false;
    size_t root_size = strlen(root_name);
    while (io_zip_next(bytes, size, &walk, &entry)) {
        bool model =
            entry.name_bytes > 6 && memcmp(entry.name + entry.name_bytes - 6, ".model", 6) == 0;
        if (model &&
            !(entry.name_bytes == root_size && memcmp(entry.name, root_name, root_size) == 0))
            return true;
    }
    return false;
}

/* Each moved object's name and filament from the slicer's settings, found
 * through the root's components (object R, component objectid P). */
static core_result read_names(work *w, const char *root, size_t root_size)
{
    io_3mf_slicer_read(w->bytes, w->size, w->limit - w->used, &w->slicer);
    if (w->slicer.part_count == 0)
        return CORE_OK;
    if (w->slicer.colour_count > 0)
        w->filaments_id = w->next_id++;
    const char *root_end = root + root_size, *object, *next = root;
    while ((object = io_xml_find_tag(next, root_end, "object")) != NULL) {
        const char *close = io_xml_tag_end(object, root_end);
        const char *stop = close && close[-1] != '/' ? strstr(close, "</object>") : NULL;
        io_xml_attribute id;
        if (!stop)
            break;
        next = stop;
        if (!io_xml_find_attribute(object, close, "id", &id))
            continue;
        for (const char *c = io_xml_find_tag(close, stop, "component"); c;
             c = io_xml_find_tag(c + 1, stop, "component")) {
            const char *c_close = io_xml_tag_end(c, stop);
            io_xml_attribute path, objectid;
            if (!c_close || !io_xml_find_attribute(c, c_close, "path", &path) ||
                !io_xml_find_attribute(c, c_close, "objectid", &objectid))
                continue;
            const io_3mf_slicer_part *part =
                io_3mf_slicer_find(&w->slicer, io_xml_id(&id), io_xml_id(&objectid));
            if (!part)
                continue;
            part_name *grown = realloc(w->names, (w->name_count + 1) * sizeof *grown);
            if (!grown)
                return CORE_ERR_NO_MEMORY;
            w->names = grown;
            w->names[w->name_count++] = (part_name){path_index(w, &path), io_xml_id(&objectid),
                                                    part->name, part->name_size, part->filament};
        }
    }
    if (w->name_count > 0)
        qsort(w->names, w->name_count, sizeof *w->names, compare_names);
    return CORE_OK;
}

core_result io_3mf_inline_paths(const char *bytes, size_t size, uint64_t limit, const char *name,
                                char **out, size_t *out_size)
{
    *out = NULL;
    *out_size = 0;
    char root_name[256];
    root_path(bytes, size, root_name, sizeof root_name);
    io_zip_entry entry;
    if (!io_zip_find(bytes, size, root_name, &entry) || !other_models(bytes, size, root_name))
        return CORE_OK; /* nothing to gather (or lib3mf says what is wrong) */
    work w = {.bytes = bytes, .size = size, .limit = limit, .name = name, .next_id = 1};
    char *root = NULL;
    size_t root_size = 0;
    core_result r = read_part(&w, root_name, &root, &root_size);
    if (r == CORE_OK)
        r = collect_paths(&w, root, root_size);
    /* A root whose <model> and <resources> tags this scan cannot place (an
     * unbalanced quote, say) is left to lib3mf, whose error names the fault. */
    const char *root_model_end = NULL;
    if (r == CORE_OK && w.path_count > 0) {
        const char *end = root + root_size, *model = io_xml_find_tag(root, end, "model");
        root_model_end = model ? io_xml_tag_end(model, end) : NULL;
        const char *resources =
            root_model_end ? io_xml_find_tag(root_model_end, end, "resources") : NULL;
        const char *resources_close = resources ? io_xml_tag_end(resources, end) : NULL;
        if (!resources_close || root_model_end[-1] == '/' || resources_close[-1] == '/') {
            for (uint32_t p = 0; p < w.path_count; ++p)
                free(w.paths[p]);
            w.path_count = 0; /* gather nothing */
        }
    }
    if (r == CORE_OK && w.path_count > 0)
        r = read_names(&w, root, root_size);
    for (uint32_t p = 0; r == CORE_OK && p < w.path_count; ++p)
        r = move_objects(&w, p, root, root_model_end);
    if (r == CORE_OK && w.move_count > 0) /* qsort takes no NULL, even for none */
        qsort(w.moves, w.move_count, sizeof *w.moves, compare_moves);
    io_bytes rewritten = {0};
    if (r == CORE_OK && w.path_count > 0)
        r = rewrite_root(&w, root, root_size, &rewritten);
    if (r == CORE_OK && w.path_count > 0) {
        r = write_package(&w, root_name, &rewritten, out, out_size);
        if (r == CORE_ERR_TOO_LARGE)
            r = core_fail(r, "%s: 3MF: its parts, gathered, expand past %llu bytes or 4 GB", name,
                          (unsigned long long)limit);
        else if (r == CORE_ERR_PARSE)
            r = fail(&w, "a part of the zip cannot be read (corrupt)");
    }
    if (r == CORE_ERR_NO_MEMORY)
        r = core_fail(r, "%s: out of memory gathering the 3MF's objects", name);
    free(rewritten.bytes);
    free(root);
    for (uint32_t p = 0; p < w.path_count; ++p)
        free(w.paths[p]);
    free(w.moves);
    io_3mf_slicer_free(&w.slicer);
    free(w.names);
    free(w.objects.bytes);
    free(w.namespaces.bytes);
    return r;
}
