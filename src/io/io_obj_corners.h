#ifndef GLINT_IO_OBJ_CORNERS_H
#define GLINT_IO_OBJ_CORNERS_H

/* The OBJ builder's table of corners (position, normal, uv index triples)
 * already turned into vertices. Internal to io. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Corners that share position, normal and uv become one vertex. An
 * open-addressing table keyed on the index triple keeps this linear; it is
 * sized for the distinct vertices (about the position count), not for every
 * corner, and doubles when half full. */
typedef struct io_corner_table {
    int32_t *keys; /* 3 per slot; keys[3*s] == INT32_MIN marks an empty slot */
    uint32_t *values;
    size_t capacity;
    size_t count;
} io_corner_table;

bool io_corner_table_init(io_corner_table *table, size_t expected_vertices);
void io_corner_table_free(io_corner_table *table);
/* Doubles the table, keeping its entries. */
bool io_corner_table_grow(io_corner_table *table);
/* Returns the slot for the corner; *found says whether it was already there. */
size_t io_corner_table_slot(const io_corner_table *table, const int *corner, bool *found);

#endif
