/* libFuzzer target for glTF 2.0 and GLB: io_model_load_memory (detection,
 * assimp's glTF2 reader through glint's IO system, the node walk, the mesh
 * builder, embedded images through io_image).
 *
 * The input is a .gltf or .glb; whatever follows a line "#%%RELATED%%" is
 * served as every related file it names (buffers, images), so one input
 * drives the JSON, the buffers and the image decoder. */
#include "core/core_log.h"
#include "fuzz_related.h"
#include "fuzz_model_check.h"
#include "io/io_model.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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
    size_t main_size = fuzz_split_related(text, size, &r);
    io_format format = io_detect_format(text, main_size);
    if (format != IO_FORMAT_GLTF && format != IO_FORMAT_GLB)
        return 0;
    io_load_desc desc = {.max_file_bytes = 1u << 20, .read_related = fuzz_serve_related,
                         .read_user = &r};
    io_model model;
    if (io_model_load_memory(text, main_size, "fuzz.gltf", "", &desc, &model) == CORE_OK)
        fuzz_check_model(&model);
    else if (model.positions || model.indices || model.parts || model.materials || model.colors)
        __builtin_trap();
    io_model_unload(&model);
    return 0;
}
