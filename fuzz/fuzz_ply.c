/* libFuzzer target for the PLY path: io_model_load_memory (detection, glint's
 * header check, assimp's PLY reader, the mesh builder). Inputs that detection
 * does not call PLY are skipped: other targets cover them. */
#include "core/core_log.h"
#include "fuzz_model_check.h"
#include "io/io_model.h"

#include <stdint.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    core_log_set_level(CORE_LOG_NONE); /* warnings are expected; keep the output quiet */
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *bytes = (const char *)data;
    if (io_detect_format(bytes, size) != IO_FORMAT_PLY)
        return 0;
    io_model model;
    if (io_model_load_memory(bytes, size, "fuzz.ply", NULL, NULL, &model) == CORE_OK)
        fuzz_check_model(&model);
    else if (model.positions || model.indices || model.parts || model.materials || model.colors)
        __builtin_trap(); /* a failed load leaves the model empty */
    io_model_unload(&model);
    return 0;
}
