// A catch around tinyexr's encoder (io_exr_encode.h says why).
#include "io/io_exr_encode.h"

#include <new>

size_t io_exr_encode(const EXRImage *image, const EXRHeader *header, unsigned char **memory,
                     const char **error, bool *out_of_memory)
{
    *out_of_memory = false;
    try {
        return SaveEXRImageToMemory(image, header, memory, error);
    } catch (const std::bad_alloc &) {
        *out_of_memory = true;
    } catch (...) { // tinyexr documents no other; a failure all the same
    }
    return 0;
}
