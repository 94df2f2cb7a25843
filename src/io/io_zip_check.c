#include "io/io_internal.h"

#include "core/core_log.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* A 3MF is a zip, and a zip's deflated parts can expand a thousandfold: a
 * 4 MB file can hold gigabytes of XML, which lib3mf would read into memory
 * for as long as it takes. The sizes the zip declares do not bound that
 * (libzip reads a deflated part to its end whatever its headers say; tried
 * with a part declaring 1000 bytes that expanded to 450 MB), so every part is
 * inflated here first, counting and discarding, and the whole is held to the
 * same limit as a model file's size (the walk: io_zip.c). */

/* Inflates `compressed` into a scratch buffer and returns how many bytes it
 * gave, stopping once past `limit` (or at corrupt data: libzip refuses that). */
static uint64_t inflated_size(const unsigned char *compressed, size_t size, uint64_t limit,
                              unsigned char *scratch, size_t scratch_size)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, -MAX_WBITS) != Z_OK)
        return 0;
    uint64_t total = 0;
    size_t fed = 0;
    int status = Z_OK;
    while (status == Z_OK && total <= limit) {
        if (z.avail_in == 0) {
            size_t chunk = size - fed > (1u << 30) ? (1u << 30) : size - fed;
            z.next_in = (unsigned char *)(uintptr_t)(compressed + fed);
            z.avail_in = (uInt)chunk;
            fed += chunk;
        }
        z.next_out = scratch;
        z.avail_out = (uInt)scratch_size;
        status = inflate(&z, Z_NO_FLUSH);
        total += scratch_size - z.avail_out;
        if (status == Z_BUF_ERROR && z.avail_in == 0 && fed == size)
            break; /* the data ends before the stream does */
        if (status == Z_BUF_ERROR)
            status = Z_OK;
    }
    inflateEnd(&z);
    return total;
}

core_result io_zip_check_expansion(const char *bytes, size_t size, uint64_t limit, const char *name)
{
    io_zip_walk walk;
    if (!io_zip_begin(bytes, size, &walk))
        return CORE_OK;
    enum { SCRATCH = 1 << 16 };
    unsigned char *scratch = malloc(SCRATCH);
    if (!scratch)
        return CORE_ERR_NO_MEMORY;
    uint64_t total = 0;
    core_result r = CORE_OK;
    io_zip_entry entry;
    while (r == CORE_OK && io_zip_next(bytes, size, &walk, &entry)) {
        uint64_t left = limit >= total ? limit - total : 0;
        uint64_t expanded = entry.compressed; /* stored; other methods libzip refuses */
        if (entry.method == IO_ZIP_DEFLATED)
            expanded = inflated_size(entry.data, (size_t)entry.compressed, left, scratch, SCRATCH);
        total += expanded;
        if (total > limit)
            r = core_fail(CORE_ERR_TOO_LARGE,
                          "%s: 3MF: its parts expand to more than %llu bytes, the limit for a "
                          "model (a zip bomb, or a model too large to read)",
                          name, (unsigned long long)limit);
    }
    free(scratch);
    return r;
}
