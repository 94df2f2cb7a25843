/* libFuzzer target for the OBJ + MTL path: io_model_load_memory (format
 * detection, tinyobjloader, corner welding, materials, textures) followed by
 * scene_mesh_from_model (degenerate removal, crease normals, bounds, closed parts).
 *
 * The input is an OBJ; whatever follows a line "#%%RELATED%%" is served as the
 * content of every related file the OBJ asks for (its mtllib, the MTL's
 * map_Kd), so one input drives the OBJ, the MTL and the image decoder. */
#include "core/core_log.h"
#include "fuzz_related.h"
#include "io/io_model.h"
#include "scene/scene_mesh.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void check_invariants(const io_model *model, const scene_mesh *mesh)
{
    for (uint32_t i = 0; i < model->index_count; ++i) {
        if (model->indices[i] >= model->vertex_count)
            __builtin_trap();
    }
    uint32_t covered = 0;
    for (uint32_t p = 0; p < model->part_count; ++p) {
        if (model->parts[p].first_index != covered || model->parts[p].material >= model->material_count)
            __builtin_trap();
        covered += model->parts[p].index_count;
    }
    if (covered != model->index_count)
        __builtin_trap();
    if (!mesh)
        return;
    for (uint32_t i = 0; i < mesh->index_count; ++i) {
        if (mesh->indices[i] >= mesh->vertex_count)
            __builtin_trap();
    }
    /* the parts, split or not, cover every index once, in order */
    uint32_t mesh_covered = 0;
    for (uint32_t p = 0; p < mesh->part_count; ++p) {
        if (mesh->parts[p].first_index != mesh_covered)
            __builtin_trap();
        mesh_covered += mesh->parts[p].index_count;
    }
    if (mesh_covered != mesh->index_count)
        __builtin_trap();
    for (size_t v = 0; v < (size_t)mesh->vertex_count * SCENE_VERTEX_FLOATS; ++v) {
        float value = mesh->vertices[v];
        if (value != value || value - value != 0.0f) /* NaN or infinite */
            __builtin_trap();
    }
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Warnings are the expected result of most inputs; printing them would
 * only slow the search down. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    core_log_set_level(CORE_LOG_NONE);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    fuzz_related r;
    size_t obj_size = fuzz_split_related(text, size, &r);

    io_load_desc desc = {.max_file_bytes = 1u << 20, .read_related = fuzz_serve_related,
                         .read_user = &r};
    io_model model;
    if (io_model_load_memory(text, obj_size, "fuzz.obj", "", &desc, &model) != CORE_OK)
        return 0;
    scene_mesh mesh;
    /* Every input also goes through the shell split and one of the up axes
     * (picked by its size, so a corpus covers them all): OBJ splits only
     * when asked. */
    scene_mesh_desc mesh_desc = {.split = SCENE_SPLIT_SHELLS,
                                 .up = (scene_up)(size % SCENE_UP_COUNT)};
    bool built = scene_mesh_from_model(&model, &mesh_desc, &mesh) == CORE_OK;
    check_invariants(&model, built ? &mesh : NULL);
    if (built)
        scene_mesh_unload(&mesh);
    io_model_unload(&model);
    return 0;
}
