#include "io/io_obj_corners.h"

#include <stdlib.h>
#include <string.h>

static bool io_corner_table_alloc(io_corner_table *table, size_t capacity)
{
    table->keys = malloc(capacity * 3 * sizeof *table->keys);
    table->values = malloc(capacity * sizeof *table->values);
    table->capacity = capacity;
    table->count = 0;
    if (!table->keys || !table->values)
        return false;
    for (size_t s = 0; s < capacity; ++s)
        table->keys[3 * s] = INT32_MIN;
    return true;
}

bool io_corner_table_init(io_corner_table *table, size_t expected_vertices)
{
    size_t capacity = 1024;
    while (capacity < expected_vertices * 2)
        capacity *= 2;
    return io_corner_table_alloc(table, capacity);
}

void io_corner_table_free(io_corner_table *table)
{
    free(table->keys);
    free(table->values);
}

static size_t corner_hash(const int *corner, size_t capacity)
{
    uint64_t h = (uint32_t)corner[0] * 0x9E3779B97F4A7C15ull;
    h ^= (uint32_t)corner[1] * 0xC2B2AE3D27D4EB4Full + (h << 6) + (h >> 2);
    h ^= (uint32_t)corner[2] * 0x165667B19E3779F9ull + (h << 6) + (h >> 2);
    return (size_t)(h ^ (h >> 29)) & (capacity - 1);
}

bool io_corner_table_grow(io_corner_table *table)
{
    io_corner_table bigger;
    if (!io_corner_table_alloc(&bigger, table->capacity * 2)) {
        free(bigger.keys);
        free(bigger.values);
        return false;
    }
    for (size_t s = 0; s < table->capacity; ++s) {
        if (table->keys[3 * s] == INT32_MIN)
            continue;
        bool found;
        size_t slot = io_corner_table_slot(&bigger, &table->keys[3 * s], &found);
        memcpy(&bigger.keys[3 * slot], &table->keys[3 * s], 3 * sizeof *bigger.keys);
        bigger.values[slot] = table->values[s];
    }
    bigger.count = table->count;
    free(table->keys);
    free(table->values);
    *table = bigger;
    return true;
}

/* Returns the slot for the corner; *found says whether it was already there. */
size_t io_corner_table_slot(const io_corner_table *table, const int *corner, bool *found)
{
    size_t slot = corner_hash(corner, table->capacity);
    for (;;) {
        const int32_t *key = &table->keys[3 * slot];
        if (key[0] == INT32_MIN) {
            *found = false;
            return slot;
        }
        if (key[0] == corner[0] && key[1] == corner[1] && key[2] == corner[2]) {
            *found = true;
            return slot;
        }
        slot = (slot + 1) & (table->capacity - 1);
    }
}
