#define _POSIX_C_SOURCE 200809L
#include "core/core_log.h"
#include "io/io_internal.h"

#include <cjson/cJSON.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* glTF's JSON checked and trimmed before assimp reads it. assimp 5.2's glTF
 * reader follows indices it has not checked and dereferences what a file
 * leaves out (a skin without inverse bind matrices crashed it; fuzz_gltf).
 * glint needs meshes, materials, textures and the node tree, so skins,
 * animations, cameras and morph targets are removed, and every index
 * between the objects that remain is checked against its array. */

typedef struct checker {
    cJSON *root;
    const char *name;
    size_t *kept, *dropped; /* triangle primitives kept, point and line ones dropped */
} checker;

static int count_of(const checker *c, const char *array)
{
    const cJSON *items = cJSON_GetObjectItemCaseSensitive(c->root, array);
    return cJSON_IsArray(items) ? cJSON_GetArraySize(items) : 0;
}

/* object[key], when present, must be an index into the top-level `array`. */
static core_result check_ref(const checker *c, const cJSON *object, const char *key,
                             const char *array, const char *where)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(object, key);
    if (!item)
        return CORE_OK;
    int count = count_of(c, array);
    double v = cJSON_IsNumber(item) ? item->valuedouble : -1.0;
    if (!(v >= 0.0 && v < (double)count && v == floor(v)))
        return core_fail(CORE_ERR_PARSE, "%s: glTF: %s%s%s is not an index into its %d %s",
                         c->name, where, where[0] ? "." : "", key, count, array);
    return CORE_OK;
}

/* Every element of object[key], when present, must be an index into `array`. */
static core_result check_refs(const checker *c, const cJSON *object, const char *key,
                              const char *array, const char *where)
{
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(object, key);
    if (!list)
        return CORE_OK;
    if (!cJSON_IsArray(list))
        return core_fail(CORE_ERR_PARSE, "%s: glTF: %s.%s is not an array", c->name, where, key);
    int count = count_of(c, array);
    const cJSON *item;
    cJSON_ArrayForEach(item, list)
    {
        double v = cJSON_IsNumber(item) ? item->valuedouble : -1.0;
        if (!(v >= 0.0 && v < (double)count && v == floor(v)))
            return core_fail(CORE_ERR_PARSE, "%s: glTF: %s.%s holds a bad index into its %d %s",
                             c->name, where, key, count, array);
    }
    return CORE_OK;
}

/* Runs `check` on each element of the top-level array, which must be
 * objects; `where` names the element in messages. */
typedef core_result (*element_check)(const checker *c, cJSON *element, const char *where);

static core_result each(const checker *c, const char *array, element_check check)
{
    cJSON *items = cJSON_GetObjectItemCaseSensitive(c->root, array);
    if (!items)
        return CORE_OK;
    if (!cJSON_IsArray(items))
        return core_fail(CORE_ERR_PARSE, "%s: glTF: '%s' is not an array", c->name, array);
    int i = 0;
    cJSON *element;
    cJSON_ArrayForEach(element, items)
    {
        char where[64];
        snprintf(where, sizeof where, "%s[%d]", array, i++);
        if (!cJSON_IsObject(element))
            return core_fail(CORE_ERR_PARSE, "%s: glTF: %s is not an object", c->name, where);
        core_result r = check(c, element, where);
        if (r != CORE_OK)
            return r;
    }
    return CORE_OK;
}

static core_result check_scene(const checker *c, cJSON *scene, const char *where)
{
    return check_refs(c, scene, "nodes", "nodes", where);
}

static core_result check_node(const checker *c, cJSON *node, const char *where)
{
    cJSON_DeleteItemFromObjectCaseSensitive(node, "skin");
    cJSON_DeleteItemFromObjectCaseSensitive(node, "camera");
    cJSON_DeleteItemFromObjectCaseSensitive(node, "weights");
    core_result r = check_ref(c, node, "mesh", "meshes", where);
    if (r == CORE_OK)
        r = check_refs(c, node, "children", "nodes", where);
    return r;
}

static double whole(const cJSON *object, const char *key, double fallback);
static const cJSON *element(const checker *c, const char *array, const cJSON *object,
                            const char *key);

static core_result check_primitive(const checker *c, cJSON *primitive, const char *where)
{
    cJSON_DeleteItemFromObjectCaseSensitive(primitive, "targets");
    cJSON *attributes = cJSON_GetObjectItemCaseSensitive(primitive, "attributes");
    if (attributes && !cJSON_IsObject(attributes))
        return core_fail(CORE_ERR_PARSE, "%s: glTF: %s.attributes is not an object", c->name,
                         where);
    /* Skinning attributes go with the skins. */
    cJSON_DeleteItemFromObjectCaseSensitive(attributes, "JOINTS_0");
    cJSON_DeleteItemFromObjectCaseSensitive(attributes, "WEIGHTS_0");
    cJSON *attribute;
    cJSON_ArrayForEach(attribute, attributes)
    {
        core_result r = check_ref(c, attributes, attribute->string, "accessors", where);
        if (r != CORE_OK)
            return r;
    }
    core_result r = check_ref(c, primitive, "indices", "accessors", where);
    if (r == CORE_OK)
        r = check_ref(c, primitive, "material", "materials", where);
    if (r != CORE_OK)
        return r;
    /* assimp sized a fan without positions as (0 - 2) corners (fuzz_gltf):
     * positions are required, and strips and fans need three corners. */
    if (!cJSON_GetObjectItemCaseSensitive(attributes, "POSITION"))
        return core_fail(CORE_ERR_PARSE, "%s: glTF: %s has no POSITION", c->name, where);
    const char *counted = cJSON_GetObjectItemCaseSensitive(primitive, "indices") ? "indices"
                                                                                 : NULL;
    const cJSON *accessor = counted ? element(c, "accessors", primitive, "indices")
                                    : element(c, "accessors", attributes, "POSITION");
    if (whole(accessor, "count", -1) < 3)
        return core_fail(CORE_ERR_PARSE, "%s: glTF: %s has fewer than 3 corners", c->name,
                         where);
    return CORE_OK;
}

static core_result check_mesh(const checker *c, cJSON *mesh, const char *where)
{
    cJSON_DeleteItemFromObjectCaseSensitive(mesh, "weights");
    cJSON *primitives = cJSON_GetObjectItemCaseSensitive(mesh, "primitives");
    if (!cJSON_IsArray(primitives))
        return core_fail(CORE_ERR_PARSE, "%s: glTF: %s has no primitives array", c->name, where);
    /* Points and lines are not glint's, and assimp crashed on an indexed line
     * loop (fuzz_gltf): only triangles, strips and fans stay. */
    for (int k = cJSON_GetArraySize(primitives) - 1; k >= 0; --k) {
        const cJSON *mode = cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(primitives, k),
                                                             "mode");
        if (!mode)
            continue;
        double m = cJSON_IsNumber(mode) ? mode->valuedouble : -1.0;
        if (m != 4 && m != 5 && m != 6) {
            cJSON_DeleteItemFromArray(primitives, k);
            ++*c->dropped;
        }
    }
    *c->kept += (size_t)cJSON_GetArraySize(primitives);
    int i = 0;
    cJSON *primitive;
    cJSON_ArrayForEach(primitive, primitives)
    {
        char at[96];
        snprintf(at, sizeof at, "%s.primitives[%d]", where, i++);
        if (!cJSON_IsObject(primitive))
            return core_fail(CORE_ERR_PARSE, "%s: glTF: %s is not an object", c->name, at);
        core_result r = check_primitive(c, primitive, at);
        if (r != CORE_OK)
            return r;
    }
    return CORE_OK;
}

/* A number member, or `fallback` when absent; -1 when present but not a
 * whole non-negative number below 2^53. */
static double whole(const cJSON *object, const char *key, double fallback)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(object, key);
    if (!item)
        return fallback;
    double v = cJSON_IsNumber(item) ? item->valuedouble : -1.0;
    return v >= 0.0 && v < 9007199254740992.0 && v == floor(v) ? v : -1.0;
}

static const cJSON *element(const checker *c, const char *array, const cJSON *object,
                            const char *key)
{
    const cJSON *items = cJSON_GetObjectItemCaseSensitive(c->root, array);
    return cJSON_GetArrayItem(items, (int)whole(object, key, 0));
}

static int components(const char *type)
{
    static const struct {
        const char *name;
        int count;
    } types[] = {{"SCALAR", 1}, {"VEC2", 2}, {"VEC3", 3}, {"VEC4", 4},
                 {"MAT2", 4},   {"MAT3", 9}, {"MAT4", 16}};
    for (size_t i = 0; type && i < sizeof types / sizeof types[0]; ++i) {
        if (strcmp(type, types[i].name) == 0)
            return types[i].count;
    }
    return 0;
}

static int component_size(double type)
{
    switch ((int)type) {
    case 5120: case 5121: return 1;
    case 5122: case 5123: return 2;
    case 5125: case 5126: return 4;
    default: return 0;
    }
}

/* assimp copies an accessor's bytes without checking that they lie inside
 * its buffer view (a heap overflow; fuzz_gltf): every accessor must fit. */
static core_result check_accessor(const checker *c, cJSON *accessor, const char *where)
{
    /* Sparse accessors (morph targets' deltas) are not glint's. */
    cJSON_DeleteItemFromObjectCaseSensitive(accessor, "sparse");
    core_result r = check_ref(c, accessor, "bufferView", "bufferViews", where);
    if (r != CORE_OK)
        return r;
    const cJSON *type = cJSON_GetObjectItemCaseSensitive(accessor, "type");
    int element_size = components(cJSON_IsString(type) ? type->valuestring : NULL) *
                       component_size(whole(accessor, "componentType", -1));
    double count = whole(accessor, "count", -1);
    double offset = whole(accessor, "byteOffset", 0);
    if (element_size == 0 || count < 1 || offset < 0)
        return core_fail(CORE_ERR_PARSE,
                         "%s: glTF: %s has no valid type, componentType, count or byteOffset",
                         c->name, where);
    if (!cJSON_GetObjectItemCaseSensitive(accessor, "bufferView"))
        return CORE_OK; /* all zeros, by the spec */
    const cJSON *view = element(c, "bufferViews", accessor, "bufferView");
    double stride = whole(view, "byteStride", 0);
    double length = whole(view, "byteLength", -1);
    if (stride == 0)
        stride = element_size;
    if (stride < element_size || length < 0 ||
        offset + (count - 1) * stride + element_size > length)
        return core_fail(CORE_ERR_PARSE, "%s: glTF: %s runs past the end of its buffer view",
                         c->name, where);
    return CORE_OK;
}

static core_result check_buffer_view(const checker *c, cJSON *view, const char *where)
{
    if (!cJSON_GetObjectItemCaseSensitive(view, "buffer"))
        return core_fail(CORE_ERR_PARSE, "%s: glTF: %s names no buffer", c->name, where);
    core_result r = check_ref(c, view, "buffer", "buffers", where);
    if (r != CORE_OK)
        return r;
    const cJSON *buffer = element(c, "buffers", view, "buffer");
    double offset = whole(view, "byteOffset", 0), length = whole(view, "byteLength", -1);
    double size = whole(buffer, "byteLength", -1);
    if (offset < 0 || length < 0 || size < 0 || offset + length > size)
        return core_fail(CORE_ERR_PARSE, "%s: glTF: %s runs past the end of its buffer",
                         c->name, where);
    return CORE_OK;
}

/* A GLB's first buffer without a uri is its BIN chunk: no longer than it. */
static core_result check_glb_buffer(const checker *c, double bin_size)
{
    const cJSON *buffers = cJSON_GetObjectItemCaseSensitive(c->root, "buffers");
    const cJSON *first = cJSON_GetArrayItem(buffers, 0);
    if (!first || cJSON_GetObjectItemCaseSensitive(first, "uri"))
        return CORE_OK;
    if (whole(first, "byteLength", -1) > bin_size)
        return core_fail(CORE_ERR_PARSE,
                         "%s: GLB: buffers[0] is longer than the file's BIN chunk (%.0f bytes)",
                         c->name, bin_size);
    return CORE_OK;
}

static core_result check_material(const checker *c, cJSON *material, const char *where)
{
    static const char *const textures[] = {"normalTexture", "occlusionTexture",
                                           "emissiveTexture"};
    static const char *const pbr_textures[] = {"baseColorTexture", "metallicRoughnessTexture"};
    for (size_t i = 0; i < 3; ++i) {
        const cJSON *info = cJSON_GetObjectItemCaseSensitive(material, textures[i]);
        core_result r = info ? check_ref(c, info, "index", "textures", where) : CORE_OK;
        if (r != CORE_OK)
            return r;
    }
    const cJSON *pbr = cJSON_GetObjectItemCaseSensitive(material, "pbrMetallicRoughness");
    for (size_t i = 0; pbr && i < 2; ++i) {
        const cJSON *info = cJSON_GetObjectItemCaseSensitive(pbr, pbr_textures[i]);
        core_result r = info ? check_ref(c, info, "index", "textures", where) : CORE_OK;
        if (r != CORE_OK)
            return r;
    }
    return CORE_OK;
}

static core_result check_texture(const checker *c, cJSON *texture, const char *where)
{
    core_result r = check_ref(c, texture, "source", "images", where);
    if (r == CORE_OK)
        r = check_ref(c, texture, "sampler", "samplers", where);
    return r;
}

/* assimp reads an embedded image's mimeType as its format hint and crashed
 * on one that was not text it expected (fuzz_gltf): glint decodes PNG and
 * JPEG, so any other is dropped (stb_image tells the format by itself). */
static core_result check_image(const checker *c, cJSON *image, const char *where)
{
    const cJSON *mime = cJSON_GetObjectItemCaseSensitive(image, "mimeType");
    if (mime && !(cJSON_IsString(mime) && (strcmp(mime->valuestring, "image/png") == 0 ||
                                           strcmp(mime->valuestring, "image/jpeg") == 0)))
        cJSON_DeleteItemFromObjectCaseSensitive(image, "mimeType");
    return check_ref(c, image, "bufferView", "bufferViews", where);
}

static core_result check_document(checker *c)
{
    if (!cJSON_IsObject(c->root))
        return core_fail(CORE_ERR_PARSE, "%s: glTF: the JSON is not an object", c->name);
    cJSON_DeleteItemFromObjectCaseSensitive(c->root, "skins");
    cJSON_DeleteItemFromObjectCaseSensitive(c->root, "animations");
    cJSON_DeleteItemFromObjectCaseSensitive(c->root, "cameras");
    core_result r = check_ref(c, c->root, "scene", "scenes", "");
    static const struct {
        const char *array;
        element_check check;
    } arrays[] = {{"scenes", check_scene},          {"nodes", check_node},
                  {"meshes", check_mesh},           {"bufferViews", check_buffer_view},
                  {"accessors", check_accessor},    {"materials", check_material},
                  {"textures", check_texture},      {"images", check_image}};
    for (size_t i = 0; r == CORE_OK && i < sizeof arrays / sizeof arrays[0]; ++i)
        r = each(c, arrays[i].array, arrays[i].check);
    return r;
}

static uint32_t read_u32(const unsigned char *b)
{
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static void put_u32(unsigned char *b, uint32_t v)
{
    for (int i = 0; i < 4; ++i)
        b[i] = (unsigned char)(v >> (8 * i));
}

core_result io_gltf_check(const char *bytes, size_t size, io_format format, const char *name,
                          char **out, size_t *out_size)
{
    *out = NULL;
    *out_size = 0;
    const unsigned char *b = (const unsigned char *)bytes;
    const char *json = bytes;
    size_t json_size = size, rest = size; /* rest: where the chunks after JSON start */
    if (format == IO_FORMAT_GLB) {
        if (size < 20 || read_u32(b + 4) != 2)
            return core_fail(CORE_ERR_PARSE, "%s: GLB: not a version 2 GLB header", name);
        uint32_t length = read_u32(b + 12);
        if (memcmp(b + 16, "JSON", 4) != 0 || length > size - 20)
            return core_fail(CORE_ERR_PARSE,
                             "%s: GLB: the first chunk is not JSON or runs past the file's end",
                             name);
        json = bytes + 20;
        json_size = length;
        rest = 20 + (size_t)length;
    }
    size_t kept = 0, dropped = 0;
    checker c = {cJSON_ParseWithLength(json, json_size), name, &kept, &dropped};
    if (!c.root)
        return core_fail(CORE_ERR_PARSE, "%s: glTF: its JSON does not parse", name);
    core_result r = check_document(&c);
    if (r == CORE_OK && kept == 0 && dropped > 0)
        r = core_fail(CORE_ERR_PARSE, "%s: has no triangles (only points or lines)", name);
    if (r == CORE_OK && format == IO_FORMAT_GLB) {
        double bin = 0;
        if (size - rest >= 8 && memcmp(b + rest + 4, "BIN\0", 4) == 0)
            bin = read_u32(b + rest) <= size - rest - 8 ? read_u32(b + rest) : 0;
        r = check_glb_buffer(&c, bin);
    }
    char *text = r == CORE_OK ? cJSON_PrintUnformatted(c.root) : NULL;
    cJSON_Delete(c.root);
    if (r != CORE_OK)
        return r;
    if (!text)
        return core_fail(CORE_ERR_NO_MEMORY, "%s: out of memory", name);
    size_t text_size = strlen(text);
    if (format != IO_FORMAT_GLB) {
        *out = text;
        *out_size = text_size;
        return CORE_OK;
    }
    /* The GLB rebuilt around the new JSON (padded with spaces, as the spec
     * says), its other chunks copied as they are. */
    size_t padded = (text_size + 3) & ~(size_t)3;
    size_t total = 20 + padded + (size - rest);
    if (total > UINT32_MAX) {
        free(text);
        return core_fail(CORE_ERR_TOO_LARGE, "%s: GLB: over 4 GB", name);
    }
    unsigned char *glb = malloc(total);
    if (!glb) {
        free(text);
        return core_fail(CORE_ERR_NO_MEMORY, "%s: out of memory", name);
    }
    memcpy(glb, "glTF", 4);
    put_u32(glb + 4, 2);
    put_u32(glb + 8, (uint32_t)total);
    put_u32(glb + 12, (uint32_t)padded);
    memcpy(glb + 16, "JSON", 4);
    memcpy(glb + 20, text, text_size);
    memset(glb + 20 + text_size, ' ', padded - text_size);
    memcpy(glb + 20 + padded, bytes + rest, size - rest);
    free(text);
    *out = (char *)glb;
    *out_size = total;
    return CORE_OK;
}
