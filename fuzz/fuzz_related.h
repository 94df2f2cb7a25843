#ifndef GLINT_FUZZ_RELATED_H
#define GLINT_FUZZ_RELATED_H

/* For targets whose model names other files (an OBJ's MTL and textures, a
 * glTF's buffers and images): whatever follows a line "#%%RELATED%%" in the
 * input is served as every related file the model asks for, so one input
 * drives the model, its side files and the image decoder. */

#include "core/core_result.h"

#include <stdlib.h>
#include <string.h>

typedef struct fuzz_related {
    const char *bytes;
    size_t size;
} fuzz_related;

static core_result fuzz_serve_related(void *user, const char *folder, const char *name,
                                      size_t max_bytes, char **bytes, size_t *size)
{
    (void)folder;
    const fuzz_related *r = user;
    if (r->size > max_bytes)
        return core_fail(CORE_ERR_TOO_LARGE, "%s: too large", name);
    *bytes = malloc(r->size + 1);
    if (!*bytes)
        return core_fail(CORE_ERR_NO_MEMORY, "out of memory");
    memcpy(*bytes, r->bytes, r->size);
    (*bytes)[r->size] = '\0';
    *size = r->size;
    return CORE_OK;
}

/* Splits the input at the separator: returns the model's size and fills the
 * related file (empty when there is no separator). */
static size_t fuzz_split_related(const char *text, size_t size, fuzz_related *related)
{
    static const char separator[] = "\n#%%RELATED%%\n";
    const size_t length = sizeof separator - 1;
    for (size_t i = 0; i + length <= size; ++i) {
        if (memcmp(text + i, separator, length) == 0) {
            related->bytes = text + i + length;
            related->size = size - i - length;
            return i;
        }
    }
    related->bytes = "";
    related->size = 0;
    return size;
}

#endif
