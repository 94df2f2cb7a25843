#include "io/io_png_text.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static const uint8_t png_signature[8] = {137, 80, 78, 71, 13, 10, 26, 10};

/* PNG caps a chunk's length at 2^31-1 so that readers may use signed sizes. */
#define CHUNK_MAX_LENGTH 0x7fffffffu
/* Length, type and CRC around a chunk's data. */
#define CHUNK_OVERHEAD 12u
#define KEYWORD_MAX 79u

bool io_png_has_signature(const void *bytes, size_t size)
{
    return size >= sizeof png_signature && memcmp(bytes, png_signature, sizeof png_signature) == 0;
}

/* Built per call rather than kept in a global: 2 KiB of work, no shared
 * state between threads. */
typedef struct crc_table {
    uint32_t entries[256];
} crc_table;

static void crc_table_make(crc_table *table)
{
    for (uint32_t n = 0; n < 256; ++n) {
        uint32_t c = n;
        for (int k = 0; k < 8; ++k)
            c = (c & 1u) ? 0xedb88320u ^ (c >> 1) : c >> 1;
        table->entries[n] = c;
    }
}

static uint32_t crc_of(const crc_table *table, const uint8_t *bytes, size_t size)
{
    uint32_t c = 0xffffffffu;
    for (size_t i = 0; i < size; ++i)
        c = table->entries[(c ^ bytes[i]) & 0xffu] ^ (c >> 8);
    return c ^ 0xffffffffu;
}

uint32_t io_png_crc32(const void *bytes, size_t size)
{
    crc_table table;
    crc_table_make(&table);
    return crc_of(&table, bytes, size);
}

static uint32_t read_be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static void write_be32(uint8_t *p, uint32_t value)
{
    p[0] = (uint8_t)(value >> 24);
    p[1] = (uint8_t)(value >> 16);
    p[2] = (uint8_t)(value >> 8);
    p[3] = (uint8_t)value;
}

typedef struct png_chunk {
    size_t at; /* offset of its length field */
    uint32_t length;
    char type[5];
    const uint8_t *data;
} png_chunk;

static bool chunk_is(const png_chunk *chunk, const char *type)
{
    return memcmp(chunk->type, type, 4) == 0;
}

/* The chunk at `at`, checked: whole within the bytes, a valid type, its CRC. */
static core_result read_chunk(const uint8_t *png, size_t size, size_t at, const char *name,
                              const crc_table *crc, png_chunk *chunk)
{
    size_t left = size - at;
    if (left == 0)
        return core_fail(CORE_ERR_PARSE, "%s: truncated PNG: it ends at byte %zu, before IEND",
                         name, at);
    if (left < CHUNK_OVERHEAD)
        return core_fail(CORE_ERR_PARSE, "%s: truncated PNG: the chunk at byte %zu is cut off",
                         name, at);
    chunk->at = at;
    chunk->length = read_be32(png + at);
    for (int i = 0; i < 4; ++i) {
        uint8_t c = png[at + 4 + (size_t)i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')))
            return core_fail(CORE_ERR_PARSE,
                             "%s: corrupt PNG: the chunk at byte %zu has no valid type", name, at);
        chunk->type[i] = (char)c;
    }
    chunk->type[4] = '\0';
    if (chunk->length > CHUNK_MAX_LENGTH)
        return core_fail(CORE_ERR_PARSE,
                         "%s: corrupt PNG: the %s chunk at byte %zu declares %" PRIu32
                         " bytes, over PNG's limit of 2^31-1",
                         name, chunk->type, at, chunk->length);
    if (chunk->length > left - CHUNK_OVERHEAD)
        return core_fail(CORE_ERR_PARSE,
                         "%s: truncated PNG: the %s chunk at byte %zu declares %" PRIu32
                         " bytes, only %zu are left",
                         name, chunk->type, at, chunk->length, left - CHUNK_OVERHEAD);
    chunk->data = png + at + 8;
    uint32_t stored = read_be32(chunk->data + chunk->length);
    if (crc_of(crc, png + at + 4, (size_t)chunk->length + 4) != stored)
        return core_fail(CORE_ERR_PARSE, "%s: corrupt PNG: the %s chunk at byte %zu fails its CRC",
                         name, chunk->type, at);
    return CORE_OK;
}

/* The chunk right after the signature, which PNG requires to be IHDR. */
static core_result read_header(const uint8_t *png, size_t size, const char *name,
                               const crc_table *crc, png_chunk *header)
{
    if (!io_png_has_signature(png, size))
        return core_fail(CORE_ERR_PARSE, "%s: not a PNG file", name);
    core_result r = read_chunk(png, size, sizeof png_signature, name, crc, header);
    if (r == CORE_OK && !chunk_is(header, "IHDR"))
        return core_fail(CORE_ERR_PARSE, "%s: corrupt PNG: the first chunk is %s, not IHDR", name,
                         header->type);
    return r;
}

/* PNG's rule: printable Latin-1, no leading, trailing or double spaces. */
static bool valid_keyword(const char *keyword)
{
    size_t length = keyword ? strlen(keyword) : 0;
    if (length == 0 || length > KEYWORD_MAX || keyword[0] == ' ' || keyword[length - 1] == ' ')
        return false;
    for (size_t i = 0; i < length; ++i) {
        uint8_t c = (uint8_t)keyword[i];
        if (c < 32 || (c > 126 && c < 161) || (c == ' ' && keyword[i + 1] == ' '))
            return false;
    }
    return true;
}

/* Keyword, NUL, compression flag 0 and method 0, no language tag (NUL), no
 * translated keyword (NUL), then the text. */
static size_t itxt_data_length(const io_png_text *text)
{
    return strlen(text->keyword) + 5 + text->length;
}

static uint8_t *put_itxt(uint8_t *out, const io_png_text *text, const crc_table *crc)
{
    size_t keyword = strlen(text->keyword), length = itxt_data_length(text);
    write_be32(out, (uint32_t)length);
    memcpy(out + 4, "iTXt", 4);
    uint8_t *data = out + 8;
    memcpy(data, text->keyword, keyword);
    memset(data + keyword, 0, 5);
    if (text->length)
        memcpy(data + keyword + 5, text->text, text->length);
    write_be32(data + length, crc_of(crc, out + 4, length + 4));
    return data + length + 4;
}

core_result io_png_add_text(const uint8_t *png, size_t size, const char *name,
                            const io_png_text *texts, size_t count, uint8_t **out, size_t *out_size)
{
    *out = NULL;
    *out_size = 0;
    crc_table crc;
    crc_table_make(&crc);
    png_chunk header;
    core_result r = read_header(png, size, name, &crc, &header);
    if (r != CORE_OK)
        return r;
    size_t total = size;
    for (size_t i = 0; i < count; ++i) {
        if (!valid_keyword(texts[i].keyword))
            return core_fail(CORE_ERR_ARGUMENT, "%s: '%s' is not a PNG text keyword", name,
                             texts[i].keyword ? texts[i].keyword : "");
        if (texts[i].length > IO_PNG_TEXT_MAX_BYTES)
            return core_fail(CORE_ERR_TOO_LARGE, "%s: the '%s' text is %zu bytes, over %zu MiB",
                             name, texts[i].keyword, texts[i].length, IO_PNG_TEXT_MAX_BYTES >> 20);
        if (texts[i].length && memchr(texts[i].text, '\0', texts[i].length))
            return core_fail(CORE_ERR_ARGUMENT, "%s: the '%s' text holds a NUL byte", name,
                             texts[i].keyword);
        size_t chunk = itxt_data_length(&texts[i]) + CHUNK_OVERHEAD;
        if (total > SIZE_MAX - chunk)
            return core_fail(CORE_ERR_TOO_LARGE, "%s: too much text for one PNG", name);
        total += chunk;
    }
    uint8_t *bytes = malloc(total ? total : 1);
    if (!bytes)
        return core_fail(CORE_ERR_NO_MEMORY, "%s: out of memory for the PNG's text", name);
    /* Right after IHDR: a reader that stops early (or a person with a hex
     * viewer) finds the settings before the image data. */
    size_t split = header.at + CHUNK_OVERHEAD + header.length;
    memcpy(bytes, png, split);
    uint8_t *at = bytes + split;
    for (size_t i = 0; i < count; ++i)
        at = put_itxt(at, &texts[i], &crc);
    memcpy(at, png + split, size - split);
    *out = bytes;
    *out_size = total;
    return CORE_OK;
}

core_result io_png_write_text(const char *path, core_write_mode mode, const io_image *image,
                              const io_png_text *texts, size_t count)
{
    uint8_t *plain, *png = NULL;
    size_t plain_size, size = 0;
    core_result r = io_png_encode(image, path, &plain, &plain_size);
    if (r == CORE_OK)
        r = io_png_add_text(plain, plain_size, path, texts, count, &png, &size);
    io_png_free(plain);
    if (r == CORE_OK)
        r = core_file_write_bytes(path, mode, png, size);
    io_png_free(png);
    return r;
}

/* True when the text chunk's data starts with `keyword` and its NUL. */
static bool names_keyword(const png_chunk *chunk, const char *keyword, size_t keyword_length)
{
    return chunk->length > keyword_length && memcmp(chunk->data, keyword, keyword_length) == 0 &&
           chunk->data[keyword_length] == 0;
}

static core_result malformed(const png_chunk *chunk, const char *name, const char *what)
{
    return core_fail(CORE_ERR_PARSE, "%s: corrupt PNG: the %s chunk at byte %zu %s", name,
                     chunk->type, chunk->at, what);
}

/* Where an iTXt's text starts, after its flag, method, language tag and
 * translated keyword. */
static core_result itxt_text(const png_chunk *chunk, const char *name, const char *keyword,
                             size_t keyword_length, size_t *start)
{
    size_t at = keyword_length + 1;
    if (chunk->length - at < 2)
        return malformed(chunk, name, "ends inside its header");
    uint8_t compressed = chunk->data[at], method = chunk->data[at + 1];
    if (compressed > 1 || method != 0)
        return malformed(chunk, name, "has an unknown compression");
    if (compressed)
        return core_fail(CORE_ERR_UNSUPPORTED,
                         "%s: the '%s' text is compressed; glint reads only uncompressed text",
                         name, keyword);
    at += 2;
    for (int field = 0; field < 2; ++field) { /* the language tag, the translated keyword */
        const uint8_t *end = memchr(chunk->data + at, 0, chunk->length - at);
        if (!end)
            return malformed(chunk, name, "ends inside its header");
        at = (size_t)(end - chunk->data) + 1;
    }
    *start = at;
    return CORE_OK;
}

/* The text of a chunk that names the keyword, as NUL-terminated UTF-8. */
static core_result chunk_text(const png_chunk *chunk, const char *name, const char *keyword,
                              char **text, size_t *length)
{
    size_t keyword_length = strlen(keyword), start = keyword_length + 1;
    if (chunk_is(chunk, "zTXt"))
        return core_fail(CORE_ERR_UNSUPPORTED,
                         "%s: the '%s' text is compressed (zTXt); glint reads only uncompressed "
                         "text",
                         name, keyword);
    bool latin1 = chunk_is(chunk, "tEXt");
    if (!latin1) {
        core_result r = itxt_text(chunk, name, keyword, keyword_length, &start);
        if (r != CORE_OK)
            return r;
    }
    size_t size = chunk->length - start;
    const uint8_t *source = chunk->data + start;
    if (size > IO_PNG_TEXT_MAX_BYTES)
        return core_fail(CORE_ERR_TOO_LARGE, "%s: the '%s' text is %zu bytes, over %zu MiB", name,
                         keyword, size, IO_PNG_TEXT_MAX_BYTES >> 20);
    if (memchr(source, 0, size))
        return malformed(chunk, name, "holds a NUL byte in its text");
    /* Latin-1 above 127 takes two bytes in UTF-8. */
    char *out = malloc(latin1 ? 2 * size + 1 : size + 1);
    if (!out)
        return core_fail(CORE_ERR_NO_MEMORY, "%s: out of memory for the '%s' text", name, keyword);
    size_t used = 0;
    for (size_t i = 0; i < size; ++i) {
        uint8_t c = source[i];
        if (latin1 && c >= 0x80) {
            out[used++] = (char)(0xc0 | (c >> 6));
            out[used++] = (char)(0x80 | (c & 0x3f));
        } else {
            out[used++] = (char)c;
        }
    }
    out[used] = '\0';
    *text = out;
    *length = used;
    return CORE_OK;
}

core_result io_png_read_text(const void *png, size_t size, const char *name, const char *keyword,
                             char **text, size_t *length)
{
    *text = NULL;
    *length = 0;
    const uint8_t *bytes = png;
    crc_table crc;
    crc_table_make(&crc);
    png_chunk chunk, found = {0};
    bool have = false;
    size_t keyword_length = strlen(keyword);
    core_result r = read_header(bytes, size, name, &crc, &chunk);
    /* Every chunk is checked, not only up to the text: a damaged picture's
     * settings are not to be trusted either. */
    while (r == CORE_OK && !chunk_is(&chunk, "IEND")) {
        bool textual =
            chunk_is(&chunk, "iTXt") || chunk_is(&chunk, "tEXt") || chunk_is(&chunk, "zTXt");
        if (!have && textual && names_keyword(&chunk, keyword, keyword_length)) {
            found = chunk;
            have = true;
        }
        r = read_chunk(bytes, size, chunk.at + CHUNK_OVERHEAD + chunk.length, name, &crc, &chunk);
    }
    if (r != CORE_OK)
        return r;
    if (!have)
        return core_fail(CORE_ERR_NOT_FOUND, "%s: no '%s' text in this PNG", name, keyword);
    return chunk_text(&found, name, keyword, text, length);
}

void io_png_text_free(char *text)
{
    free(text);
}
