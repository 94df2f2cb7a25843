/* libFuzzer target for 3MF: io_model_load_memory (detection, lib3mf's zip and
 * XML readers, build items, components, base materials and colour groups,
 * the mesh builder). Inputs that detection does not call 3MF are skipped. */
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
    core_log_set_level(CORE_LOG_NONE);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *bytes = (const char *)data;
    if (io_detect_format(bytes, size) != IO_FORMAT_3MF)
        return 0;
    io_model model;
    if (io_model_load_memory(bytes, size, "fuzz.3mf", NULL, NULL, &model) == CORE_OK) {
        fuzz_check_model(&model);
        if (model.mm_per_unit <= 0.0f || model.stated_up != IO_AXIS_POS_Z)
            __builtin_trap();
    } else if (model.positions || model.indices || model.parts || model.materials || model.colors) {
        __builtin_trap();
    }
    io_model_unload(&model);
    return 0;
}
