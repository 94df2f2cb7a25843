#ifndef GLINT_IO_EXR_H
#define GLINT_IO_EXR_H

/* OpenEXR output, through Debian's tinyexr (a C API; io_exr_encode.cpp keeps
 * its C++ exceptions from reaching C). glint reads back only a header's string
 * attribute (io_exr_text.c, its own bounded reader, fuzzed through the preset
 * target), so that an EXR it wrote can serve as a preset like its PNGs. */

#include "core/core_file.h"
#include "core/core_result.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The longest attribute text read (a preset is a few KiB). */
#define IO_EXR_TEXT_MAX_BYTES ((size_t)16 << 20)

/* Writes width x height RGBA floats (rows top to bottom, rgb premultiplied by
 * a) as a scanline EXR of four half-float channels, ZIP-compressed, with
 * `text` (may be NULL) as a string attribute called `attribute` (glint puts
 * its settings there). The file is encoded in memory and written atomically
 * (core_file_write_bytes): nothing half-written on failure, an existing file
 * refused under CORE_WRITE_NO_CLOBBER with CORE_ERR_EXISTS. Values beyond
 * half's range (65504) become infinite; NaNs are written as they are. */
core_result io_exr_write_rgba_half(const char *path, core_write_mode mode, const float *rgba,
                                   int width, int height, const char *attribute, const char *text,
                                   size_t text_length);

/* True when the bytes start with OpenEXR's magic number. */
bool io_exr_has_signature(const void *bytes, size_t size);

/* The string attribute `attribute` of the (first) header, NUL-terminated; the
 * NUL is not counted in *length. Reads only the header, from memory, never
 * past `size`. Failures, each one line naming `name`: CORE_ERR_PARSE (not an
 * EXR, a header cut short or damaged, the attribute not a string),
 * CORE_ERR_UNSUPPORTED (not version 2), CORE_ERR_NOT_FOUND (no such
 * attribute), CORE_ERR_TOO_LARGE (over IO_EXR_TEXT_MAX_BYTES). Free the text
 * with io_exr_text_free. */
core_result io_exr_read_text(const void *exr, size_t size, const char *name,
                             const char *attribute, char **text, size_t *length);
void io_exr_text_free(char *text);

#endif
