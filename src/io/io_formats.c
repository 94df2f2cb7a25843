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

core_result io_3mf_parse(const char *bytes, size_t size, const char *name,
                         const io_load_desc *desc, io_model *model)
{
    io_meshes meshes;
    char error[512], unit[32];
    float mm_per_unit = 1.0f;
    core_result checked = io_zip_check_expansion(bytes, size, desc->max_file_bytes, name);
    if (checked != CORE_OK)
        return checked;
    char *gathered = NULL;
    size_t gathered_size = 0;
    checked =
        io_3mf_inline_paths(bytes, size, desc->max_file_bytes, name, &gathered, &gathered_size);
    if (checked != CORE_OK)
        return checked;
    /* The package as gathered (Bambu Studio's objects moved in), else as it is. */
    int read = io_lib3mf_read(gathered ? gathered : bytes, gathered ? gathered_size : size, &meshes,
                              &mm_per_unit, unit, sizeof unit, error, sizeof error);
    free(gathered);
    if (!read)
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
