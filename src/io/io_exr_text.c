#include "io/io_exr.h"

#include <stdlib.h>
#include <string.h>

/* An OpenEXR header is a list of attributes, each "name\0type\0" then a
 * little-endian 32-bit size and that many bytes, ended by an empty name
 * (openexr.com, "OpenEXR File Layout"). Only the first part's header is read:
 * glint writes single-part scanline files, and the settings live there. */

#define EXR_MAGIC 20000630u
/* Names are at most 31 bytes, or 255 with the "long names" flag; the reader
 * accepts 255 either way, since it only needs to find one name. */
#define EXR_NAME_MAX 255u
/* Version field flags: multi-part files start with a header just the same. */
#define EXR_VERSION_MASK 0xffu

static uint32_t read_u32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

bool io_exr_has_signature(const void *bytes, size_t size)
{
    return size >= 4 && read_u32(bytes) == EXR_MAGIC;
}

/* The length of the NUL-terminated name at p (at most `left` bytes), or
 * SIZE_MAX when no NUL comes within EXR_NAME_MAX + 1 bytes. */
static size_t name_length(const unsigned char *p, size_t left)
{
    size_t limit = left < EXR_NAME_MAX + 1 ? left : EXR_NAME_MAX + 1;
    const unsigned char *end = memchr(p, '\0', limit);
    return end ? (size_t)(end - p) : SIZE_MAX;
}

core_result io_exr_read_text(const void *exr, size_t size, const char *name,
                             const char *attribute, char **text, size_t *length)
{
    *text = NULL;
    *length = 0;
    const unsigned char *p = exr;
    if (!io_exr_has_signature(exr, size) || size < 8)
        return core_fail(CORE_ERR_PARSE, "%s: not an OpenEXR file", name);
    if ((read_u32(p + 4) & EXR_VERSION_MASK) != 2)
        return core_fail(CORE_ERR_UNSUPPORTED, "%s: OpenEXR version %u (glint reads version 2)",
                         name, (unsigned)(read_u32(p + 4) & EXR_VERSION_MASK));
    size_t at = 8;
    for (;;) {
        size_t n = at < size ? name_length(p + at, size - at) : SIZE_MAX;
        if (n == SIZE_MAX)
            return core_fail(CORE_ERR_PARSE, "%s: byte %zu: the EXR header is cut short or damaged",
                             name, at);
        if (n == 0)
            break; /* the end of the header */
        size_t type_at = at + n + 1;
        size_t t = type_at < size ? name_length(p + type_at, size - type_at) : SIZE_MAX;
        size_t size_at = type_at + (t == SIZE_MAX ? 0 : t + 1);
        if (t == SIZE_MAX || t == 0 || size_at > size || size - size_at < 4)
            return core_fail(CORE_ERR_PARSE, "%s: byte %zu: the EXR header is cut short or damaged",
                             name, at);
        uint32_t value_size = read_u32(p + size_at);
        size_t value_at = size_at + 4;
        if (value_size > size - value_at)
            return core_fail(CORE_ERR_PARSE,
                             "%s: byte %zu: attribute '%.*s' runs past the end of the file", name,
                             at, (int)n, (const char *)(p + at));
        if (strcmp((const char *)(p + at), attribute) == 0) {
            if (strcmp((const char *)(p + type_at), "string") != 0)
                return core_fail(CORE_ERR_PARSE, "%s: attribute '%s' is a %s, not a string", name,
                                 attribute, (const char *)(p + type_at));
            if (value_size > IO_EXR_TEXT_MAX_BYTES)
                return core_fail(CORE_ERR_TOO_LARGE, "%s: attribute '%s' is over %zu MiB", name,
                                 attribute, IO_EXR_TEXT_MAX_BYTES >> 20);
            char *copy = malloc((size_t)value_size + 1);
            if (!copy)
                return core_fail(CORE_ERR_NO_MEMORY, "%s: out of memory", name);
            memcpy(copy, p + value_at, value_size);
            copy[value_size] = '\0';
            *text = copy;
            *length = value_size;
            return CORE_OK;
        }
        at = value_at + value_size;
    }
    return core_fail(CORE_ERR_NOT_FOUND, "%s: no attribute '%s' in the EXR header", name,
                     attribute);
}

void io_exr_text_free(char *text)
{
    free(text);
}
