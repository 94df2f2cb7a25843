#ifndef GLINT_IO_STL_H
#define GLINT_IO_STL_H

/* STL, binary and ASCII, parsed by glint's own code from memory. Every solid
 * becomes a part; vertices are welded by exact position so that smooth
 * normals can be computed across triangles. The file's facet normals are not
 * kept: they are often wrong, and scene computes normals with a crease angle. */

#include "core/core_result.h"
#include "io/io_model.h"

#include <stddef.h>
#include <stdint.h>

typedef enum io_stl_kind {
    IO_STL_NOT_STL = 0,
    IO_STL_BINARY, /* 84 + 50 * count == size, whatever the header says */
    IO_STL_ASCII   /* starts with "solid" (after blanks) and is not a binary of matching size */
} io_stl_kind;

/* Decides by content alone. A file whose header count disagrees with its size
 * and which is not ASCII is reported as IO_STL_BINARY, so that the parser can
 * say exactly what is wrong with it. */
io_stl_kind io_stl_detect(const char *bytes, size_t size);

/* Whether a binary STL's header count agrees with the file's size, from the
 * first bytes (at least the 84-byte preamble) and the whole file's size, so
 * that a loader can refuse a corrupt file before reading all of it. */
core_result io_stl_check_binary_size(const char *bytes, size_t size, uint64_t file_size,
                                     const char *name);

/* Parses an STL of the given kind into a zeroed model. `name` is used in
 * error messages, which name the line (ASCII) or the triangle (binary) where
 * known. On failure the model owns nothing the parser allocated except
 * warnings, so io_model_unload is always safe. What ASCII files may get wrong
 * and still load (with a warning) is listed at the top of io_stl.c. */
core_result io_stl_parse(const char *bytes, size_t size, io_stl_kind kind, const char *name,
                         io_model *model);

#endif
