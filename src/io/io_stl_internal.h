#ifndef GLINT_IO_STL_INTERNAL_H
#define GLINT_IO_STL_INTERNAL_H

/* Shared by io_stl.c (detection, binary), io_stl_ascii.c and io_stl_build.c. */

#include "io/io_stl.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#define STL_HEADER_BYTES 80u
#define STL_PREAMBLE_BYTES 84u
#define STL_TRIANGLE_BYTES 50u
#define STL_SNIFF_BYTES 512u
#define STL_MAX_TRIANGLES (UINT32_MAX / 3u)

/* ---- bytes ---------------------------------------------------------------------------------- */

static inline uint32_t read_u32_le(const unsigned char *b)
{
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static inline bool bits_finite(uint32_t bits)
{
    return (bits & 0x7F800000u) != 0x7F800000u;
}

static inline bool is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static inline char ascii_lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* Case-insensitive, ASCII only: keywords never depend on the locale. */
static inline bool equals_keyword(const char *text, size_t length, const char *keyword)
{
    size_t i = 0;
    for (; i < length && keyword[i]; ++i) {
        if (ascii_lower(text[i]) != keyword[i])
            return false;
    }
    return i == length && keyword[i] == '\0';
}

static inline size_t skip_bom(const char *bytes, size_t size)
{
    const unsigned char *b = (const unsigned char *)bytes;
    return (size >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) ? 3 : 0;
}

/* Vertices welded by exact position: an open-addressing table of vertex
 * numbers (+1, so 0 is an empty slot) keyed on the bits of x, y, z, kept at
 * most half full. -0 is stored as +0 so that the two weld. */
typedef struct io_stl_builder {
    const char *name;
    float *positions;
    size_t vertex_count;
    size_t vertex_capacity;
    uint32_t *indices;
    size_t index_count;
    size_t index_capacity;
    uint32_t *slots;
    size_t slot_mask;
    io_part *parts;
    size_t part_count;
    size_t part_capacity;
} io_stl_builder;

bool io_stl_builder_init(io_stl_builder *b, const char *name, size_t triangles_hint);
void io_stl_builder_free(io_stl_builder *b);
/* Adds one corner given as the bits of finite floats; welds by position. */
core_result io_stl_add_corner(io_stl_builder *b, uint32_t key[3]);
/* Makes room for one more triangle's indices. */
core_result io_stl_reserve_triangle(io_stl_builder *b);
/* Closes the part that began at index `first`; an empty solid makes none. */
core_result io_stl_add_part(io_stl_builder *b, const char *part_name, size_t first);
/* Hands the arrays to the model; the builder owns nothing afterwards. */
core_result io_stl_builder_finish(io_stl_builder *b, io_model *model);

core_result io_stl_parse_ascii(const char *bytes, size_t size, const char *name, io_model *model);

#endif
