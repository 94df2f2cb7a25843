#define _POSIX_C_SOURCE 200809L
#include "io/io_model.h"

#include "core/core_file.h"
#include "core/core_log.h"
#include "core/core_text.h"
#include "io/io_internal.h"
#include "io/io_stl.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *io_format_name(io_format format)
{
    switch (format) {
    case IO_FORMAT_OBJ: return "OBJ";
    case IO_FORMAT_STL_BINARY: return "binary STL";
    case IO_FORMAT_STL_ASCII: return "ASCII STL";
    case IO_FORMAT_PLY: return "PLY";
    case IO_FORMAT_GLTF: return "glTF";
    case IO_FORMAT_GLB: return "GLB";
    case IO_FORMAT_3MF: return "3MF";
    default: return "unknown";
    }
}

static core_result read_from_disk(void *user, const char *folder, const char *name,
                                  size_t max_bytes, char **bytes, size_t *size)
{
    (void)user;
    char path[4096];
    core_result r = CORE_OK;
    /* A model without a folder ("." from core_path_dirname) reads its MTL and
     * textures by the names it gives, so messages show them as written, not
     * as "./x.jpg" (or "././x.jpg" for "./x.jpg"). */
    if (name[0] == '/' || !folder || strcmp(folder, ".") == 0)
        snprintf(path, sizeof path, "%s", name);
    else
        r = core_path_join(folder, name, path, sizeof path);
    if (r == CORE_OK)
        r = core_file_read(path, max_bytes, bytes, size);
    return r;
}

io_load_desc io_load_desc_resolve(const io_load_desc *desc)
{
    io_load_desc resolved = desc ? *desc : (io_load_desc){0};
    if (!resolved.max_file_bytes)
        resolved.max_file_bytes = CORE_FILE_DEFAULT_MAX_BYTES;
    if (!resolved.read_related)
        resolved.read_related = read_from_disk;
    return resolved;
}

core_result io_read_related(const io_load_desc *desc, const char *folder, const char *name,
                            char **bytes, size_t *size)
{
    *bytes = NULL;
    *size = 0;
    return desc->read_related(desc->read_user, folder, name, desc->max_file_bytes, bytes, size);
}

void io_model_warn(io_model *model, const char *format, ...)
{
    char message[IO_WARNING_MAX];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof message, format, args);
    va_end(args);
    core_utf8_sanitize(message); /* quotes names and paths from the file */
    for (uint32_t w = 0; w < model->warning_count; ++w) {
        if (strcmp(model->warnings[w], message) == 0)
            return; /* parsers repeat themselves, once per offending line */
    }
    /* A broken file can warn once per line (10,000 mtllib lines): the log
     * gets the first few, io_model_finish_warnings counts the rest, and the
     * model keeps the first few hundred for `glint info`. */
    if (model->warning_count < IO_WARNINGS_LOGGED)
        core_log(CORE_LOG_WARNING, "%s", message);
    if (model->warning_count >= IO_WARNINGS_KEPT) {
        model->warnings_not_kept++;
        return;
    }
    char(*grown)[IO_WARNING_MAX] =
        realloc(model->warnings, (model->warning_count + 1) * sizeof *model->warnings);
    if (!grown) {
        model->warnings_not_kept++;
        return;
    }
    model->warnings = grown;
    memcpy(model->warnings[model->warning_count++], message, IO_WARNING_MAX);
}

io_texture_state io_texture_decode(const char *bytes, size_t size, const char *what,
                                   const io_load_desc *desc, io_material *m, io_model *model,
                                   const char *name)
{
    int width, height;
    if (desc->skip_texture_pixels)
        return io_image_probe(bytes, size, what, &width, &height) == CORE_OK ? IO_TEXTURE_SKIPPED
                                                                            : IO_TEXTURE_MISSING;
    if (io_image_decode(bytes, size, what, &m->texture) != CORE_OK)
        return IO_TEXTURE_MISSING;
    width = m->texture.width;
    height = m->texture.height;
    if (!io_image_downscale(&m->texture, IO_TEXTURE_MAX_SIDE)) {
        io_image_free(&m->texture);
        core_fail(CORE_ERR_NO_MEMORY, "out of memory downscaling it");
        return IO_TEXTURE_MISSING;
    }
    if (m->texture.width != width)
        io_model_warn(model, "%s: texture %s is %dx%d; downscaled to %dx%d (glint's limit is %d a side)",
                      name, what, width, height, m->texture.width, m->texture.height,
                      IO_TEXTURE_MAX_SIDE);
    return IO_TEXTURE_LOADED;
}

uint32_t io_model_warnings_unlogged(const io_model *model)
{
    uint32_t total = model->warning_count + model->warnings_not_kept;
    return total > IO_WARNINGS_LOGGED ? total - IO_WARNINGS_LOGGED : 0;
}

/* One line for what the log did not show, once the whole file is read. */
static void finish_warnings(const io_model *model, const char *name)
{
    uint32_t more = io_model_warnings_unlogged(model);
    if (more && model->warnings_not_kept)
        core_log(CORE_LOG_WARNING, "%s: ... and %u more warnings (glint info lists the first %d)",
                 name, more, IO_WARNINGS_KEPT);
    else if (more)
        core_log(CORE_LOG_WARNING, "%s: ... and %u more warnings (glint info lists them)", name,
                 more);
}

core_result io_model_default_material(io_model *model)
{
    model->materials = calloc(1, sizeof *model->materials);
    if (!model->materials)
        return CORE_ERR_NO_MEMORY;
    model->material_count = 1;
    io_material *m = &model->materials[0];
    snprintf(m->name, sizeof m->name, "default");
    m->base_color[0] = m->base_color[1] = m->base_color[2] = 0.6f;
    m->opacity = 1.0f;
    return CORE_OK;
}

#define IO_READABLE "STL, OBJ, 3MF, PLY or glTF"

/* Names what the file is where its bytes say so: a format glint does not
 * read is never called a corrupt STL or an OBJ without faces. */
static core_result not_a_model(const char *bytes, size_t size, const char *name)
{
    const char *what = io_detect_unsupported(bytes, size, name);
    if (what && strcmp(what, "zip") == 0)
        return core_fail(CORE_ERR_UNSUPPORTED,
                         "%s: a zip archive but not a 3MF (no 3D/3dmodel.model inside): export "
                         IO_READABLE,
                         name);
    if (what && strncmp(what, "image:", 6) == 0)
        return core_fail(CORE_ERR_UNSUPPORTED,
                         "%s: a %s image, not a model (glint reads STL, OBJ, 3MF, PLY and glTF)",
                         name, what + 6);
    if (what)
        return core_fail(CORE_ERR_UNSUPPORTED, "%s: %s is not supported: export " IO_READABLE,
                         name, what);
    size_t left = size;
    const char *p = bytes;
    while (left && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
        ++p, --left;
    if (left && *p == '{')
        return core_fail(CORE_ERR_UNSUPPORTED,
                         "%s: JSON that is not glTF (no \"asset\"): not a model glint reads", name);
    return core_fail(CORE_ERR_UNSUPPORTED,
                     "%s: not a model glint reads (binary content that is not STL; glint reads "
                     IO_READABLE ")",
                     name);
}

static bool is_utf16(const char *bytes, size_t size)
{
    const unsigned char *b = (const unsigned char *)bytes;
    return size >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF));
}

core_result io_model_load_memory(const char *bytes, size_t size, const char *name,
                                 const char *folder, const io_load_desc *desc, io_model *model)
{
    memset(model, 0, sizeof *model);
    io_load_desc resolved = io_load_desc_resolve(desc);
    if (size == 0)
        return core_fail(CORE_ERR_PARSE, "%s: the file is empty", name);
    if (size > resolved.max_file_bytes)
        return core_fail(CORE_ERR_TOO_LARGE, "%s: %zu bytes is over the limit of %zu bytes", name,
                         size, resolved.max_file_bytes);
    if (is_utf16(bytes, size))
        return core_fail(CORE_ERR_UNSUPPORTED, "%s: UTF-16 text; save the model as ASCII or UTF-8",
                         name);
    core_result r;
    io_format format = io_detect_format(bytes, size);
    /* The weak signatures (3DS) need the name's extension to back them; a
     * binary STL whose size matches its count exactly is one, whatever its
     * header says. */
    if (format == IO_FORMAT_STL_BINARY && !io_detect_exact_binary_stl(bytes, size, size) &&
        io_detect_unsupported(bytes, size, name))
        return not_a_model(bytes, size, name);
    switch (format) {
    case IO_FORMAT_STL_BINARY: r = io_stl_parse(bytes, size, IO_STL_BINARY, name, model); break;
    case IO_FORMAT_STL_ASCII: r = io_stl_parse(bytes, size, IO_STL_ASCII, name, model); break;
    case IO_FORMAT_OBJ: r = io_obj_parse(bytes, size, name, folder, &resolved, model); break;
    case IO_FORMAT_PLY:
    case IO_FORMAT_GLTF:
    case IO_FORMAT_GLB:
        r = io_assimp_parse(bytes, size, format, name, folder, &resolved, model);
        break;
    case IO_FORMAT_3MF: r = io_3mf_parse(bytes, size, name, &resolved, model); break;
    default: return not_a_model(bytes, size, name);
    }
    if (r != CORE_OK) {
        io_model_unload(model);
        return r;
    }
    model->format = format;
    finish_warnings(model, name);
    return CORE_OK;
}

/* Enough of the file to tell OBJ from STL and text from binary. */
#define SNIFF_BYTES 4096

core_result io_model_load(const char *path, const io_load_desc *desc, io_model *model)
{
    memset(model, 0, sizeof *model);
    io_load_desc resolved = io_load_desc_resolve(desc);
    char *bytes;
    size_t size, file_size;
    core_result r = core_file_read_prefix(path, resolved.max_file_bytes, SNIFF_BYTES, &bytes, &size,
                                          &file_size);
    if (r != CORE_OK)
        return r;
    char folder[4096];
    core_path_dirname(path, folder, sizeof folder);
    /* A large OBJ is streamed into tinyobjloader rather than read whole: the
     * file's bytes would otherwise sit beside tinyobjloader's parsed copy. The
     * size decides binary STL, so it is checked on the whole file's size. */
    bool binary_stl = io_detect_exact_binary_stl(bytes, size, file_size);
    bool signature = !binary_stl && io_detect_has_signature(bytes, size);
    bool stream = size < file_size && !binary_stl && !signature && !is_utf16(bytes, size) &&
                  io_detect_format(bytes, size) == IO_FORMAT_OBJ;
    if (stream) {
        core_file_free(bytes);
        r = io_obj_parse_file(path, folder, &resolved, model);
        if (r == CORE_OK) {
            model->format = IO_FORMAT_OBJ;
            finish_warnings(model, path);
        } else {
            io_model_unload(model);
        }
        return r;
    }
    /* What the first bytes already refuse is refused before the rest is read:
     * a 2 GB file of zeros costs a 4 KB read, not 2 GB and seconds. */
    if (size < file_size && !binary_stl) {
        r = CORE_OK;
        /* A zip's member names may lie past the first bytes: judged whole. */
        const char *unsupported = io_detect_unsupported(bytes, size, path);
        if (is_utf16(bytes, size))
            r = core_fail(CORE_ERR_UNSUPPORTED, "%s: UTF-16 text; save the model as ASCII or UTF-8",
                          path);
        else if (unsupported && strcmp(unsupported, "zip") != 0)
            r = not_a_model(bytes, size, path);
        else if (signature)
            r = CORE_OK;
        else if (io_detect_format(bytes, size) == IO_FORMAT_STL_BINARY)
            r = io_stl_check_binary_size(bytes, size, file_size, path);
        else if (io_detect_format(bytes, size) == IO_FORMAT_UNKNOWN)
            r = not_a_model(bytes, size, path);
        if (r != CORE_OK) {
            core_file_free(bytes);
            return r;
        }
    }
    if (size < file_size) {
        core_file_free(bytes);
        r = core_file_read(path, resolved.max_file_bytes, &bytes, &size);
        if (r != CORE_OK)
            return r;
    }
    r = io_model_load_memory(bytes, size, path, folder, &resolved, model);
    core_file_free(bytes);
    return r;
}

void io_model_unload(io_model *model)
{
    for (uint32_t m = 0; m < model->material_count; ++m) {
        if (!model->materials[m].texture_shared)
            io_image_free(&model->materials[m].texture);
    }
    free(model->positions);
    free(model->normals);
    free(model->uvs);
    free(model->colors);
    free(model->indices);
    free(model->parts);
    free(model->materials);
    free(model->warnings);
    memset(model, 0, sizeof *model);
}
