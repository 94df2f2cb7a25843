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
 * same limit as a model file's size. The zip's structure is only walked far
 * enough to find the parts; what is malformed is left to libzip to refuse. */

#define ZIP_EOCD_BYTES 22
#define ZIP_CENTRAL_BYTES 46
#define ZIP_LOCAL_BYTES 30
#define ZIP_MAX_COMMENT 65535
#define ZIP_DEFLATE 8

static uint32_t u16_at(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t u32_at(const unsigned char *p)
{
    return u16_at(p) | u16_at(p + 2) << 16;
}

static uint64_t u64_at(const unsigned char *p)
{
    return (uint64_t)u32_at(p) | (uint64_t)u32_at(p + 4) << 32;
}

/* The end-of-central-directory record: the last "PK\5\6" that fits. */
static const unsigned char *find_eocd(const unsigned char *b, size_t size)
{
    if (size < ZIP_EOCD_BYTES)
        return NULL;
    size_t lowest = size > ZIP_EOCD_BYTES + ZIP_MAX_COMMENT ? size - ZIP_EOCD_BYTES - ZIP_MAX_COMMENT
                                                           : 0;
    for (size_t i = size - ZIP_EOCD_BYTES + 1; i-- > lowest;) {
        if (b[i] == 'P' && b[i + 1] == 'K' && b[i + 2] == 5 && b[i + 3] == 6)
            return b + i;
    }
    return NULL;
}

/* Where the central directory starts and how many entries it has, from the
 * ZIP64 record when the classic one says "see ZIP64". */
static bool central_directory(const unsigned char *b, size_t size, uint64_t *offset,
                              uint64_t *entries)
{
    const unsigned char *eocd = find_eocd(b, size);
    if (!eocd)
        return false;
    *entries = u16_at(eocd + 10);
    *offset = u32_at(eocd + 16);
    if (*entries != 0xFFFF && *offset != 0xFFFFFFFFu)
        return true;
    size_t at = (size_t)(eocd - b);
    if (at < 20 || u32_at(eocd - 20) != 0x07064b50u)
        return false;
    uint64_t record = u64_at(eocd - 20 + 8);
    if (record > size || size - record < 56 || u32_at(b + record) != 0x06064b50u)
        return false;
    *entries = u64_at(b + record + 32);
    *offset = u64_at(b + record + 48);
    return true;
}

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

core_result io_zip_check_expansion(const char *bytes, size_t size, uint64_t limit,
                                   const char *name)
{
    const unsigned char *b = (const unsigned char *)bytes;
    uint64_t offset, entries;
    if (!central_directory(b, size, &offset, &entries))
        return CORE_OK;
    enum { SCRATCH = 1 << 16 };
    unsigned char *scratch = malloc(SCRATCH);
    if (!scratch)
        return CORE_ERR_NO_MEMORY;
    uint64_t total = 0;
    core_result r = CORE_OK;
    for (uint64_t e = 0; e < entries && r == CORE_OK; ++e) {
        if (offset > size || size - offset < ZIP_CENTRAL_BYTES || u32_at(b + offset) != 0x02014b50u)
            break;
        const unsigned char *c = b + offset;
        uint32_t method = u16_at(c + 10), name_bytes = u16_at(c + 28), extra_bytes = u16_at(c + 30);
        uint64_t compressed = u32_at(c + 20), expanded = u32_at(c + 24), local = u32_at(c + 42);
        uint64_t next = offset + ZIP_CENTRAL_BYTES + name_bytes + extra_bytes + u16_at(c + 32);
        if (next > size)
            break;
        /* ZIP64: the fields that say 0xFFFFFFFF follow in the extra field, in order. */
        const unsigned char *x = c + ZIP_CENTRAL_BYTES + name_bytes, *x_end = x + extra_bytes;
        while (x + 4 <= x_end) {
            uint32_t id = u16_at(x), length = u16_at(x + 2);
            if (x + 4 + length > x_end)
                break;
            if (id == 1) {
                const unsigned char *f = x + 4, *f_end = f + length;
                if (expanded == 0xFFFFFFFFu && f + 8 <= f_end)
                    expanded = u64_at(f), f += 8;
                if (compressed == 0xFFFFFFFFu && f + 8 <= f_end)
                    compressed = u64_at(f), f += 8;
                if (local == 0xFFFFFFFFu && f + 8 <= f_end)
                    local = u64_at(f);
            }
            x += 4 + length;
        }
        offset = next;
        if (local > size || size - local < ZIP_LOCAL_BYTES || u32_at(b + local) != 0x04034b50u)
            continue;
        uint64_t data = local + ZIP_LOCAL_BYTES + u16_at(b + local + 26) + u16_at(b + local + 28);
        if (data > size)
            continue;
        if (compressed > size - data)
            compressed = size - data;
        uint64_t left = limit >= total ? limit - total : 0;
        if (method == ZIP_DEFLATE)
            expanded = inflated_size(b + data, (size_t)compressed, left, scratch, SCRATCH);
        else
            expanded = compressed; /* stored; other methods libzip refuses */
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
