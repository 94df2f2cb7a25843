#define _POSIX_C_SOURCE 200809L
#include "core/core_log.h"
#include "io/io_assimp.h"
#include "io/io_internal.h"
#include "io/io_lib3mf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* PLY, glTF, GLB (assimp) and 3MF (lib3mf): what each file states of its
 * units and up axis, and glint's checks before the libraries read it. */

typedef struct related_context {
    const char *folder;
    const io_load_desc *desc;
    const char *name;
    io_model *model;
} related_context;

/* Buffers and images a glTF names, through the desc's reader (its limits,
 * no FIFOs). A file that cannot be read is a warning; assimp decides
 * whether the model can do without it. */
static int read_related(void *user, const char *file, char **bytes, size_t *size)
{
    related_context *context = user;
    if (io_read_related(context->desc, context->folder, file, bytes, size) == CORE_OK)
        return 1;
    io_model_warn(context->model, "%s: %s", context->name, core_last_error());
    return 0;
}

/* ---- PLY header --------------------------------------------------------------------------- */

/* assimp reserves what a PLY header promises before reading it: a header
 * promising 2^31 vertices in a 100-byte file costs gigabytes. Every element's
 * count is checked here against the bytes that follow the header. */
static size_t ply_type_size(const char *type)
{
    static const struct {
        const char *name;
        size_t size;
    } types[] = {{"char", 1},   {"uchar", 1},   {"int8", 1},    {"uint8", 1},   {"short", 2},
                 {"ushort", 2}, {"int16", 2},   {"uint16", 2},  {"int", 4},     {"uint", 4},
                 {"int32", 4},  {"uint32", 4},  {"float", 4},   {"float32", 4}, {"double", 8},
                 {"float64", 8}};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; ++i) {
        if (strcmp(type, types[i].name) == 0)
            return types[i].size;
    }
    return 0;
}

core_result io_ply_check_header(const char *bytes, size_t size, const char *name)
{
    size_t limit = size < 65536 ? size : 65536;
    const char *end_header = NULL;
    for (size_t i = 0; i + 10 <= limit && !end_header; ++i) {
        if (memcmp(bytes + i, "end_header", 10) == 0 && (i == 0 || bytes[i - 1] == '\n' ||
                                                         bytes[i - 1] == '\r'))
            end_header = bytes + i;
    }
    if (!end_header)
        return core_fail(CORE_ERR_PARSE, "%s: PLY header has no end_header in its first 64 KB",
                         name);
    /* assimp's ASCII reader loops for ever on an end_header without its line
     * end (fuzz_ply), and binary data must start after one. */
    const char *after = end_header + 10, *end = bytes + size;
    if (after < end && *after == '\r')
        ++after;
    if (after >= end || *after != '\n')
        return core_fail(CORE_ERR_PARSE, "%s: PLY header: end_header is not followed by a line end",
                         name);
    const char *body = after;
    size_t body_size = (size_t)(end - body - 1);
    bool ascii = false;
    unsigned long long needed = 0, count = 0, element_size = 0;
    char line[256];
    size_t line_number = 1, elements = 0;
    const char *p = bytes;
    while (p < end_header) {
        const char *eol = p;
        while (eol < end_header && *eol != '\n' && *eol != '\r')
            ++eol;
        /* Header lines are ASCII keywords and numbers; comments may hold any text. */
        bool comment = (size_t)(eol - p) >= 7 && (memcmp(p, "comment", 7) == 0 ||
                                                  memcmp(p, "obj_inf", 7) == 0);
        for (const char *q = p; q < eol && !comment; ++q) {
            if ((unsigned char)*q < 0x20 || (unsigned char)*q > 0x7e)
                return core_fail(CORE_ERR_PARSE,
                                 "%s: PLY header: line %zu holds a byte that is not ASCII text",
                                 name, line_number);
        }
        ++line_number;
        size_t n = (size_t)(eol - p) < sizeof line - 1 ? (size_t)(eol - p) : sizeof line - 1;
        memcpy(line, p, n);
        line[n] = '\0';
        p = eol + 1 + (eol + 1 < end_header && eol[0] == '\r' && eol[1] == '\n');
        char word[32], a[32], b[32], c[32], extra[2];
        unsigned long long value;
        /* Element and property lines must follow the grammar with its types:
         * assimp's reader corrupted its heap on a header with an unknown
         * property type (fuzz_ply), so nothing it would guess at reaches it. */
        bool good = true;
        size_t current = line_number - 1; /* counted above */
        if (current == 2)
            good = sscanf(line, "format %31s %31s %1s", word, a, extra) == 2 &&
                   (strcmp(word, "ascii") == 0 || strcmp(word, "binary_little_endian") == 0 ||
                    strcmp(word, "binary_big_endian") == 0);
        if (current == 2)
            ascii = strcmp(word, "ascii") == 0;
        else if (current == 1 || comment || n == 0)
            good = true;
        else if (sscanf(line, "element %31s %llu %1s", word, &value, extra) == 2) {
            needed += count * element_size;
            count = value;
            element_size = 0;
            elements++;
        } else if (sscanf(line, "property list %31s %31s %31s %1s", a, b, c, extra) == 3) {
            good = elements && ply_type_size(a) && strstr(a, "float") == NULL &&
                   strcmp(a, "double") != 0 && ply_type_size(b);
            /* At least the count of each list (an empty list). */
            element_size += ascii ? 2 : ply_type_size(a);
        } else if (sscanf(line, "property %31s %31s %1s", a, b, extra) == 2) {
            good = elements && strcmp(a, "list") != 0 && ply_type_size(a);
            element_size += ascii ? 2 : ply_type_size(a);
        } else {
            /* Exporters write free text (Blender 2.4: a comment without
             * "comment"), which assimp skips: only broken keyword lines refuse. */
            good = strncmp(line, "element", 7) != 0 && strncmp(line, "property", 8) != 0 &&
                   strncmp(line, "format", 6) != 0;
        }
        if (!good)
            return core_fail(CORE_ERR_PARSE, "%s: PLY header: line %zu is not a PLY header line",
                             name, current);
        if (count > (1ull << 40) || needed > (1ull << 50))
            break;
    }
    needed += count * element_size;
    if (needed > body_size)
        return core_fail(CORE_ERR_PARSE,
                         "%s: PLY header promises elements of at least %llu bytes, but %zu "
                         "bytes follow it (truncated or corrupt)",
                         name, needed, body_size);
    return CORE_OK;
}

/* ---- PLY, glTF, GLB -------------------------------------------------------------------------- */

core_result io_assimp_parse(const char *bytes, size_t size, io_format format, const char *name,
                            const char *folder, const io_load_desc *desc, io_model *model)
{
    const char *extension = format == IO_FORMAT_PLY ? "ply" : format == IO_FORMAT_GLB ? "glb"
                                                                                       : "gltf";
    if (format == IO_FORMAT_PLY) {
        core_result r = io_ply_check_header(bytes, size, name);
        if (r != CORE_OK)
            return r;
    }
    char *checked = NULL;
    if (format == IO_FORMAT_GLTF || format == IO_FORMAT_GLB) {
        size_t checked_size;
        core_result r = io_gltf_check(bytes, size, format, name, &checked, &checked_size);
        if (r != CORE_OK)
            return r;
        bytes = checked;
        size = checked_size;
    }
    related_context context = {folder, desc, name, model};
    io_meshes meshes;
    char error[512];
    int read = io_assimp_read(bytes, size, extension, read_related, &context, &meshes, error,
                              sizeof error);
    free(checked);
    if (!read)
        return core_fail(CORE_ERR_PARSE, "%s: %s: %s", name, io_format_name(format), error);
    core_result r = io_meshes_build(&meshes, name, folder, desc, model);
    io_assimp_free(&meshes);
    if (r != CORE_OK)
        return r;
    if (format == IO_FORMAT_GLTF || format == IO_FORMAT_GLB) {
        /* glTF's spec: metres, +Y up. */
        model->mm_per_unit = 1000.0f;
        snprintf(model->units_stated_by, IO_NAME_MAX, "glTF's spec (metres)");
        model->stated_up = IO_AXIS_POS_Y;
        snprintf(model->up_stated_by, IO_NAME_MAX, "glTF's spec");
    }
    return CORE_OK;
}

/* ---- 3MF ------------------------------------------------------------------------------------- */

core_result io_3mf_parse(const char *bytes, size_t size, const char *name, io_model *model)
{
    io_meshes meshes;
    char error[512], unit[32];
    float mm_per_unit = 1.0f;
    if (!io_lib3mf_read(bytes, size, &meshes, &mm_per_unit, unit, sizeof unit, error,
                        sizeof error))
        return core_fail(CORE_ERR_PARSE, "%s: 3MF: %s", name, error);
    /* 3MF names no related files: its textures live in the zip. */
    io_load_desc none = io_load_desc_resolve(NULL);
    core_result r = io_meshes_build(&meshes, name, NULL, &none, model);
    io_lib3mf_free(&meshes);
    if (r != CORE_OK)
        return r;
    model->mm_per_unit = mm_per_unit;
    snprintf(model->units_stated_by, IO_NAME_MAX, "3MF unit=\"%s\"", unit);
    model->stated_up = IO_AXIS_POS_Z;
    snprintf(model->up_stated_by, IO_NAME_MAX, "3MF's spec");
    return CORE_OK;
}
