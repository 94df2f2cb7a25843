#ifndef GLINT_IO_EXR_H
#define GLINT_IO_EXR_H

/* OpenEXR output, through Debian's tinyexr (a C API; io_exr_encode.cpp keeps
 * its C++ exceptions from reaching C). Written only: glint never
 * reads an EXR, so there is no parser here to fuzz. */

#include "core/core_file.h"
#include "core/core_result.h"

#include <stddef.h>

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

#endif
