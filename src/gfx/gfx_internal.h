#ifndef GLINT_GFX_INTERNAL_H
#define GLINT_GFX_INTERNAL_H

/* Shared by gfx's own files; not part of its interface. */

#include <stddef.h>

/* Reverses the order of the rows in place: GL reads bottom to top. */
void gfx_flip_rows(void *data, int width, int height, size_t pixel_bytes);

#endif
