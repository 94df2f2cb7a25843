#include "io/io_stl_internal.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* STL detection and binary STL; ASCII is in io_stl_ascii.c, the vertex
 * welding builder both use in io_stl_build.c. Every read stays within `size`
 * (the buffer need not be NUL-terminated). */

/* ---- detection ------------------------------------------------------------------------------ */

static bool starts_with_solid(const char *bytes, size_t size)
{
    size_t i = skip_bom(bytes, size);
    while (i < size && is_space((unsigned char)bytes[i]))
        ++i;
    if (size - i < 5 || !equals_keyword(bytes + i, 5, "solid"))
        return false;
    /* A binary header may pad "solid" with NULs; detection then calls it binary. */
    return size - i == 5 || is_space((unsigned char)bytes[i + 5]) || bytes[i + 5] == '\0';
}

/* Text is what an OBJ or ASCII STL may hold: no NUL, no control bytes but
 * whitespace. Bytes >= 0x80 pass (UTF-8 names). */
static bool looks_binary(const char *bytes, size_t size)
{
    size_t n = size < STL_SNIFF_BYTES ? size : STL_SNIFF_BYTES;
    for (size_t i = 0; i < n; ++i) {
        unsigned char c = (unsigned char)bytes[i];
        if ((c < 0x20 && !is_space(c)) || c == 0x7F)
            return true;
    }
    return false;
}

static uint64_t expected_binary_size(uint32_t count)
{
    return STL_PREAMBLE_BYTES + (uint64_t)STL_TRIANGLE_BYTES * count;
}

io_stl_kind io_stl_detect(const char *bytes, size_t size)
{
    if (!bytes || size == 0)
        return IO_STL_NOT_STL;
    if (size >= STL_PREAMBLE_BYTES) {
        uint32_t count = read_u32_le((const unsigned char *)bytes + STL_HEADER_BYTES);
        if (expected_binary_size(count) == (uint64_t)size)
            return IO_STL_BINARY; /* even when the header starts with "solid" */
    }
    bool nul_early = memchr(bytes, '\0', size < STL_SNIFF_BYTES ? size : STL_SNIFF_BYTES);
    if (starts_with_solid(bytes, size))
        return nul_early ? IO_STL_BINARY : IO_STL_ASCII; /* NULs: a truncated binary */
    if (size >= STL_PREAMBLE_BYTES && looks_binary(bytes, size))
        return IO_STL_BINARY;
    return IO_STL_NOT_STL;
}

/* ---- binary --------------------------------------------------------------------------------- */

/* "solid NAME" in a printable header names the part. */
static void binary_part_name(const char *header, char out[IO_NAME_MAX])
{
    snprintf(out, IO_NAME_MAX, "solid");
    size_t length = 0;
    while (length < STL_HEADER_BYTES && header[length])
        ++length;
    for (size_t i = 0; i < length; ++i) {
        unsigned char c = (unsigned char)header[i];
        if (c < 0x20 || c > 0x7E)
            return;
    }
    if (length < 5 || memcmp(header, "solid", 5) != 0 || (length > 5 && header[5] != ' '))
        return;
    size_t begin = 5, end = length;
    while (begin < end && header[begin] == ' ')
        ++begin;
    while (end > begin && header[end - 1] == ' ')
        --end;
    if (end > begin)
        snprintf(out, IO_NAME_MAX, "%.*s", (int)(end - begin), header + begin);
}

core_result io_stl_check_binary_size(const char *bytes, size_t size, uint64_t file_size,
                                     const char *name)
{
    if (file_size < STL_PREAMBLE_BYTES || size < STL_PREAMBLE_BYTES)
        return core_fail(CORE_ERR_PARSE,
                         "%s: binary STL is %llu bytes, shorter than its 84-byte header; the file "
                         "is truncated",
                         name, (unsigned long long)file_size);
    uint32_t count = read_u32_le((const unsigned char *)bytes + STL_HEADER_BYTES);
    uint64_t expected = expected_binary_size(count);
    if (expected != file_size)
        return core_fail(CORE_ERR_PARSE,
                         "%s: binary STL is %llu bytes, but its header promises %u triangles "
                         "(84 + 50 x %u = %llu bytes); the file is truncated or corrupt",
                         name, (unsigned long long)file_size, count, count,
                         (unsigned long long)expected);
    return CORE_OK;
}

static core_result parse_binary(const char *bytes, size_t size, const char *name, io_model *model)
{
    core_result sized = io_stl_check_binary_size(bytes, size, size, name);
    if (sized != CORE_OK)
        return sized;
    const unsigned char *b = (const unsigned char *)bytes;
    uint32_t count = read_u32_le(b + STL_HEADER_BYTES);
    if (count == 0)
        return core_fail(CORE_ERR_PARSE, "%s: binary STL with no triangles", name);
    if (count > STL_MAX_TRIANGLES)
        return core_fail(CORE_ERR_TOO_LARGE, "%s: %u triangles is more than glint can hold", name,
                         count);

    io_stl_builder builder;
    core_result r = CORE_OK;
    if (!io_stl_builder_init(&builder, name, count)) {
        r = core_fail(CORE_ERR_NO_MEMORY, "%s: out of memory for %u triangles", name, count);
        io_stl_builder_free(&builder);
        return r;
    }
    const unsigned char *triangle = b + STL_PREAMBLE_BYTES;
    for (uint32_t t = 0; t < count && r == CORE_OK; ++t, triangle += STL_TRIANGLE_BYTES) {
        /* 12 bytes of normal (ignored), 3 x 12 bytes of corners, 2 attribute bytes (ignored). */
        uint32_t corners[9];
        bool not_finite = false;
        for (int k = 0; k < 9; ++k) {
            corners[k] = read_u32_le(triangle + 12 + 4 * k);
            not_finite |= !bits_finite(corners[k]);
        }
        if (not_finite) {
            r = core_fail(CORE_ERR_PARSE, "%s: triangle %u: a coordinate is not a finite number",
                          name, t + 1);
            break;
        }
        for (int c = 0; c < 3 && r == CORE_OK; ++c)
            r = io_stl_add_corner(&builder, &corners[3 * c]);
    }
    if (r == CORE_OK) {
        char part_name[IO_NAME_MAX];
        binary_part_name(bytes, part_name);
        r = io_stl_add_part(&builder, part_name, 0);
    }
    if (r == CORE_OK)
        r = io_stl_builder_finish(&builder, model);
    io_stl_builder_free(&builder);
    return r;
}

/* ---- entry ---------------------------------------------------------------------------------- */

core_result io_stl_parse(const char *bytes, size_t size, io_stl_kind kind, const char *name,
                         io_model *model)
{
    if (!bytes && size)
        return core_fail(CORE_ERR_ARGUMENT, "%s: no bytes to parse", name);
    switch (kind) {
    case IO_STL_BINARY: return parse_binary(bytes, size, name, model);
    case IO_STL_ASCII: return io_stl_parse_ascii(bytes ? bytes : "", size, name, model);
    default: return core_fail(CORE_ERR_ARGUMENT, "%s: not an STL file", name);
    }
}
