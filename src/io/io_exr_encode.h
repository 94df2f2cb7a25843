#ifndef GLINT_IO_EXR_ENCODE_H
#define GLINT_IO_EXR_ENCODE_H

/* tinyexr's SaveEXRImageToMemory behind a catch. Its API is C but its inside
 * is C++: running out of memory throws std::bad_alloc, which must not unwind
 * through glint's C frames (that would abort). io_exr.c's only use. */

#include <tinyexr.h>

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* As SaveEXRImageToMemory: the file's size (0 on failure, *error set by
 * tinyexr, free it with FreeEXRErrorMessage) and its bytes in *memory (free
 * them with free). *out_of_memory is set when it threw. */
size_t io_exr_encode(const EXRImage *image, const EXRHeader *header, unsigned char **memory,
                     const char **error, bool *out_of_memory);

#ifdef __cplusplus
}
#endif

#endif
