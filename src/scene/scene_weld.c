#include "scene/scene_weld.h"

#include "core/core_log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t mix64(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    return h ^ (h >> 33);
}

static uint32_t float_bits(float value)
{
    if (value == 0.0f)
        value = 0.0f; /* -0 and +0 are one position */
    uint32_t bits;
    memcpy(&bits, &value, sizeof bits);
    return bits;
}

core_result scene_weld_positions(const float *positions, uint32_t vertex_count, uint32_t *first)
{
    size_t capacity = 16;
    while (capacity < (size_t)vertex_count * 2)
        capacity *= 2;
    uint32_t *slots = calloc(capacity, sizeof *slots); /* vertex + 1; 0 = empty */
    if (!slots)
        return CORE_ERR_NO_MEMORY;
    for (uint32_t v = 0; v < vertex_count; ++v) {
        const float *p = &positions[3 * (size_t)v];
        uint32_t x = float_bits(p[0]), y = float_bits(p[1]), z = float_bits(p[2]);
        size_t slot = mix64(((uint64_t)x << 32) ^ ((uint64_t)y << 16) ^ z ^ ((uint64_t)z << 45)) &
                      (capacity - 1);
        for (;;) {
            if (slots[slot] == 0) {
                slots[slot] = v + 1;
                first[v] = v;
                break;
            }
            const float *q = &positions[3 * (size_t)(slots[slot] - 1)];
            if (x == float_bits(q[0]) && y == float_bits(q[1]) && z == float_bits(q[2])) {
                first[v] = slots[slot] - 1;
                break;
            }
            slot = (slot + 1) & (capacity - 1);
        }
    }
    free(slots);
    return CORE_OK;
}

void scene_mesh_warn(scene_mesh *mesh, const char *format, ...)
{
    char message[256];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof message, format, args);
    va_end(args);
    core_log(CORE_LOG_WARNING, "%s", message);
    if (mesh->warning_count < SCENE_WARNINGS_MAX)
        memcpy(mesh->warnings[mesh->warning_count++], message, sizeof message);
}
