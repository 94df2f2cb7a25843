#ifndef GLINT_IO_PNG_TEXT_H
#define GLINT_IO_PNG_TEXT_H

/* Text chunks in PNGs. Every picture glint writes carries its settings (a
 * preset, docs/presets.md) as an uncompressed iTXt chunk right after IHDR, so
 * that the picture alone re-renders itself. stb_image_write cannot write text
 * chunks: the PNG is encoded to memory first and the chunks are spliced in.
 *
 * The reader works on memory, like the model parsers: it walks every chunk up
 * to IEND, checks each one's length against what is left and its CRC, and
 * never reads past `size`. */

#include "core/core_file.h"
#include "core/core_result.h"
#include "io/io_image.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The keyword of the chunk that holds a picture's settings. */
#define IO_PNG_SETTINGS_KEYWORD "glint-preset"
/* The longest text read or written. A preset is a few KiB; the cap keeps a
 * hostile file from asking for gigabytes. */
#define IO_PNG_TEXT_MAX_BYTES ((size_t)16 << 20)

typedef struct io_png_text {
    const char *keyword; /* 1-79 printable Latin-1 characters, as PNG requires */
    const char *text;    /* UTF-8, no NUL bytes; need not be NUL-terminated */
    size_t length;       /* bytes of text */
} io_png_text;

/* True when the bytes start with the 8-byte PNG signature. */
bool io_png_has_signature(const void *bytes, size_t size);

/* PNG's CRC-32 (the ISO 3309 / zlib one) of the bytes. */
uint32_t io_png_crc32(const void *bytes, size_t size);

/* A copy of the PNG `png` with an uncompressed iTXt chunk per text inserted
 * right after IHDR, in the order given. `name` is used in messages. Free
 * *out with io_png_free. */
core_result io_png_add_text(const uint8_t *png, size_t size, const char *name,
                            const io_png_text *texts, size_t count, uint8_t **out,
                            size_t *out_size);

/* Encodes the image as PNG with the texts and writes it atomically, with the
 * same modes as io_png_write. */
core_result io_png_write_text(const char *path, core_write_mode mode, const io_image *image,
                              const io_png_text *texts, size_t count);

/* The text of the first iTXt or tEXt chunk named `keyword` (tEXt's Latin-1 is
 * converted to UTF-8), NUL-terminated; the NUL is not counted in *length.
 * Free it with io_png_text_free. The whole PNG is checked first, so a file cut
 * short or damaged anywhere is refused. Failures, each one line naming `name`:
 * CORE_ERR_PARSE (not a PNG, truncated, a bad CRC, a malformed chunk),
 * CORE_ERR_NOT_FOUND (no such chunk), CORE_ERR_UNSUPPORTED (compressed text),
 * CORE_ERR_TOO_LARGE (over IO_PNG_TEXT_MAX_BYTES). */
core_result io_png_read_text(const void *png, size_t size, const char *name, const char *keyword,
                             char **text, size_t *length);
void io_png_text_free(char *text);

#endif
