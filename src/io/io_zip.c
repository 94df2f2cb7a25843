#include "io/io_internal.h"

#include "core/core_log.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* A zip's central directory, walked far enough to find its parts and their
 * data: io_zip_check_expansion counts what they inflate to, and
 * io_3mf_inline_paths reads the few it needs. What is malformed ends the
 * walk (libzip, inside lib3mf, refuses it later). And a stored zip written
 * back, for io_3mf_inline_paths's rewritten package. */

#define ZIP_EOCD_BYTES 22
#define ZIP_CENTRAL_BYTES 46
#define ZIP_LOCAL_BYTES 30
#define ZIP_MAX_COMMENT 65535

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
    size_t lowest =
        size > ZIP_EOCD_BYTES + ZIP_MAX_COMMENT ? size - ZIP_EOCD_BYTES - ZIP_MAX_COMMENT : 0;
    for (size_t i = size - ZIP_EOCD_BYTES + 1; i-- > lowest;) {
        if (b[i] == 'P' && b[i + 1] == 'K' && b[i + 2] == 5 && b[i + 3] == 6)
            return b + i;
    }
    return NULL;
}

bool io_zip_begin(const char *bytes, size_t size, io_zip_walk *walk)
{
    const unsigned char *b = (const unsigned char *)bytes;
    memset(walk, 0, sizeof *walk);
    const unsigned char *eocd = find_eocd(b, size);
    if (!eocd)
        return false;
    walk->entries = u16_at(eocd + 10);
    walk->offset = u32_at(eocd + 16);
    if (walk->entries != 0xFFFF && walk->offset != 0xFFFFFFFFu)
        return true;
    /* "See ZIP64": its record, found through its locator. */
    size_t at = (size_t)(eocd - b);
    if (at < 20 || u32_at(eocd - 20) != 0x07064b50u)
        return false;
    uint64_t record = u64_at(eocd - 20 + 8);
    if (record > size || size - record < 56 || u32_at(b + record) != 0x06064b50u)
        return false;
    walk->entries = u64_at(b + record + 32);
    walk->offset = u64_at(b + record + 48);
    return true;
}

bool io_zip_next(const char *bytes, size_t size, io_zip_walk *walk, io_zip_entry *entry)
{
    const unsigned char *b = (const unsigned char *)bytes;
    while (walk->index < walk->entries) {
        walk->index++;
        uint64_t offset = walk->offset;
        if (offset > size || size - offset < ZIP_CENTRAL_BYTES || u32_at(b + offset) != 0x02014b50u)
            return false;
        const unsigned char *c = b + offset;
        uint32_t method = u16_at(c + 10), name_bytes = u16_at(c + 28), extra_bytes = u16_at(c + 30);
        uint64_t compressed = u32_at(c + 20), local = u32_at(c + 42);
        uint64_t expanded = u32_at(c + 24);
        uint64_t next = offset + ZIP_CENTRAL_BYTES + name_bytes + extra_bytes + u16_at(c + 32);
        if (next > size)
            return false;
        walk->offset = next;
        /* ZIP64: the fields that say 0xFFFFFFFF follow in the extra field, in order. */
        const unsigned char *x = c + ZIP_CENTRAL_BYTES + name_bytes, *x_end = x + extra_bytes;
        while (x + 4 <= x_end) {
            uint32_t id = u16_at(x), length = u16_at(x + 2);
            if (x + 4 + length > x_end)
                break;
            if (id == 1) {
                const unsigned char *f = x + 4, *f_end = f + length;
                if (expanded == 0xFFFFFFFFu && f + 8 <= f_end)
                    f += 8;
                if (compressed == 0xFFFFFFFFu && f + 8 <= f_end)
                    compressed = u64_at(f), f += 8;
                if (local == 0xFFFFFFFFu && f + 8 <= f_end)
                    local = u64_at(f);
            }
            x += 4 + length;
        }
        if (local > size || size - local < ZIP_LOCAL_BYTES || u32_at(b + local) != 0x04034b50u)
            continue;
        uint64_t data = local + ZIP_LOCAL_BYTES + u16_at(b + local + 26) + u16_at(b + local + 28);
        if (data > size)
            continue;
        entry->name = (const char *)c + ZIP_CENTRAL_BYTES;
        entry->name_bytes = name_bytes;
        entry->method = method;
        entry->data = b + data;
        entry->compressed = compressed > size - data ? size - data : compressed;
        return true;
    }
    return false;
}

bool io_zip_find(const char *bytes, size_t size, const char *name, io_zip_entry *entry)
{
    io_zip_walk walk;
    if (!io_zip_begin(bytes, size, &walk))
        return false;
    size_t length = strlen(name);
    while (io_zip_next(bytes, size, &walk, entry))
        if (entry->name_bytes == length && memcmp(entry->name, name, length) == 0)
            return true;
    return false;
}

core_result io_zip_inflate(const io_zip_entry *entry, uint64_t limit, char **out, size_t *out_size)
{
    *out = NULL;
    *out_size = 0;
    if (entry->method == IO_ZIP_STORED) {
        if (entry->compressed > limit)
            return CORE_ERR_TOO_LARGE;
        *out = malloc(entry->compressed + 1);
        if (!*out)
            return CORE_ERR_NO_MEMORY;
        memcpy(*out, entry->data, entry->compressed);
        (*out)[entry->compressed] = '\0';
        *out_size = entry->compressed;
        return CORE_OK;
    }
    if (entry->method != IO_ZIP_DEFLATED)
        return CORE_ERR_PARSE;
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, -MAX_WBITS) != Z_OK)
        return CORE_ERR_NO_MEMORY;
    size_t capacity = 1u << 16, used = 0, fed = 0;
    char *buffer = malloc(capacity + 1);
    core_result r = buffer ? CORE_OK : CORE_ERR_NO_MEMORY;
    int status = Z_OK;
    while (r == CORE_OK && status != Z_STREAM_END) {
        if (z.avail_in == 0 && fed < entry->compressed) {
            uint64_t chunk =
                entry->compressed - fed > (1u << 30) ? (1u << 30) : entry->compressed - fed;
            z.next_in = (unsigned char *)(uintptr_t)(entry->data + fed);
            z.avail_in = (uInt)chunk;
            fed += (size_t)chunk;
        }
        if (used == capacity) {
            if (capacity > limit) {
                r = CORE_ERR_TOO_LARGE;
                break;
            }
            char *grown = realloc(buffer, 2 * capacity + 1);
            if (!grown) {
                r = CORE_ERR_NO_MEMORY;
                break;
            }
            buffer = grown;
            capacity *= 2;
        }
        z.next_out = (unsigned char *)buffer + used;
        z.avail_out = (uInt)(capacity - used > (1u << 30) ? (1u << 30) : capacity - used);
        uInt before = z.avail_out;
        status = inflate(&z, Z_NO_FLUSH);
        used += before - z.avail_out;
        if (status != Z_OK && status != Z_STREAM_END && status != Z_BUF_ERROR)
            r = CORE_ERR_PARSE; /* corrupt data */
        else if (status == Z_BUF_ERROR && z.avail_in == 0 && fed == entry->compressed)
            r = CORE_ERR_PARSE; /* the data ends before the stream does */
        if (used > limit)
            r = CORE_ERR_TOO_LARGE;
    }
    inflateEnd(&z);
    if (r != CORE_OK) {
        free(buffer);
        return r;
    }
    buffer[used] = '\0';
    *out = buffer;
    *out_size = used;
    return CORE_OK;
}

/* ---- growing bytes, and a stored zip written with them ------------------------------------- */

bool io_bytes_append(io_bytes *t, const char *bytes, size_t size)
{
    if (t->size + size + 1 > t->capacity) {
        size_t capacity = t->capacity ? t->capacity : 4096;
        while (capacity < t->size + size + 1)
            capacity *= 2;
        char *grown = realloc(t->bytes, capacity);
        if (!grown)
            return false;
        t->bytes = grown;
        t->capacity = capacity;
    }
    if (size > 0) /* memcpy takes no NULL, even for nothing */
        memcpy(t->bytes + t->size, bytes, size);
    t->size += size;
    t->bytes[t->size] = '\0';
    return true;
}

bool io_bytes_append_text(io_bytes *t, const char *s)
{
    return io_bytes_append(t, s, strlen(s));
}

static void put16(unsigned char *b, uint32_t v)
{
    b[0] = (unsigned char)v;
    b[1] = (unsigned char)(v >> 8);
}

static void put32(unsigned char *b, uint32_t v)
{
    put16(b, v & 0xFFFFu);
    put16(b + 2, v >> 16);
}

core_result io_zip_out_add(io_zip_out *z, const char *name, size_t name_size, const char *bytes,
                           size_t size)
{
    if (z->data.size + size + name_size + 30 > 0xFFFFFFF0u || z->count == 0xFFFF)
        return CORE_ERR_TOO_LARGE; /* no ZIP64 here */
    uint32_t crc = (uint32_t)crc32(0L, (const Bytef *)bytes, (uInt)size);
    unsigned char local[30] = {0}, central[46] = {0};
    put32(local, 0x04034b50u);
    put16(local + 4, 20);
    put32(local + 14, crc);
    put32(local + 18, (uint32_t)size);
    put32(local + 22, (uint32_t)size);
    put16(local + 26, (uint32_t)name_size);
    put32(central, 0x02014b50u);
    put16(central + 4, 20);
    put16(central + 6, 20);
    put32(central + 16, crc);
    put32(central + 20, (uint32_t)size);
    put32(central + 24, (uint32_t)size);
    put16(central + 28, (uint32_t)name_size);
    put32(central + 42, (uint32_t)z->data.size);
    z->count++;
    bool ok = io_bytes_append(&z->data, (const char *)local, sizeof local) &&
              io_bytes_append(&z->data, name, name_size) &&
              io_bytes_append(&z->data, bytes, size) &&
              io_bytes_append(&z->directory, (const char *)central, sizeof central) &&
              io_bytes_append(&z->directory, name, name_size);
    return ok ? CORE_OK : CORE_ERR_NO_MEMORY;
}

core_result io_zip_out_finish(io_zip_out *z, char **out, size_t *out_size)
{
    unsigned char end[22] = {0};
    put32(end, 0x06054b50u);
    put16(end + 8, z->count);
    put16(end + 10, z->count);
    put32(end + 12, (uint32_t)z->directory.size);
    put32(end + 16, (uint32_t)z->data.size);
    if (z->data.size + z->directory.size + 22 > 0xFFFFFFFFu)
        return CORE_ERR_TOO_LARGE;
    if (!io_bytes_append(&z->data, z->directory.bytes ? z->directory.bytes : "",
                         z->directory.size) ||
        !io_bytes_append(&z->data, (const char *)end, sizeof end))
        return CORE_ERR_NO_MEMORY;
    *out = z->data.bytes;
    *out_size = z->data.size;
    z->data = (io_bytes){0};
    return CORE_OK;
}
