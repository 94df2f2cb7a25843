/* libFuzzer target for the STL reader, through the public loader so that
 * format detection is fuzzed too. Inputs that detection does not call STL are
 * skipped: they would go to the OBJ reader, which has its own target and may
 * read material libraries from disk. On success the model must be well formed;
 * a broken invariant traps so libFuzzer records the input. */

#include "core/core_log.h"
#include "io/io_model.h"
#include "io/io_stl.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

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

static void check_model(const io_model *m)
{
    if (m->format != IO_FORMAT_STL_BINARY && m->format != IO_FORMAT_STL_ASCII)
        __builtin_trap();
    if (m->index_count == 0 || m->index_count % 3 != 0 || !m->indices || !m->positions)
        __builtin_trap();
    if (m->normals || m->uvs || m->material_count != 1 || !m->materials)
        __builtin_trap();
    if (m->vertex_count == 0 || m->vertex_count > m->index_count || m->part_count == 0)
        __builtin_trap();
    uint32_t next = 0;
    for (uint32_t p = 0; p < m->part_count; ++p) {
        const io_part *part = &m->parts[p];
        if (part->first_index != next || part->index_count == 0 || part->index_count % 3 != 0 ||
            part->material >= m->material_count || !memchr(part->name, '\0', IO_NAME_MAX))
            __builtin_trap();
        next += part->index_count;
    }
    if (next != m->index_count)
        __builtin_trap();
    for (uint32_t i = 0; i < m->index_count; ++i) {
        if (m->indices[i] >= m->vertex_count)
            __builtin_trap();
    }
    for (uint32_t v = 0; v < 3 * m->vertex_count; ++v) {
        if (!isfinite(m->positions[v]))
            __builtin_trap();
    }
    /* Welded: no two vertices share a position (-0 equals +0 here). Inputs are small. */
    if (m->vertex_count <= 4096) {
        for (uint32_t a = 0; a < m->vertex_count; ++a) {
            const float *pa = &m->positions[3 * a];
            for (uint32_t b = a + 1; b < m->vertex_count; ++b) {
                const float *pb = &m->positions[3 * b];
                if (pa[0] == pb[0] && pa[1] == pb[1] && pa[2] == pb[2])
                    __builtin_trap();
            }
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    core_log_set_level(CORE_LOG_NONE); /* warnings are expected; keep the output quiet */
    const char *bytes = (const char *)data;
    if (io_stl_detect(bytes, size) == IO_STL_NOT_STL)
        return 0;
    io_model model;
    if (io_model_load_memory(bytes, size, "fuzz.stl", NULL, NULL, &model) == CORE_OK)
        check_model(&model);
    else if (model.positions || model.indices || model.parts || model.materials)
        __builtin_trap(); /* a failed load leaves the model empty */
    io_model_unload(&model);
    return 0;
}
