#ifndef GLINT_IO_IMAGE_H
#define GLINT_IO_IMAGE_H

#include "core/core_file.h"
#include "core/core_result.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* An 8-bit RGBA image, rows top to bottom. `rendered`: a shaded picture of
 * the model (smooth shading on a flat background), which io_png_encode
 * deflates as runs of bytes only (zlib's Z_RLE): the sample's render at
 * 1024x1024 in 10 ms of CPU instead of 27, for 6 % more bytes; drawings
 * (plots, sheets, text), where runs alone cost a third more bytes or
 * double, keep the full search (docs/PERFORMANCE.md, "Session 13"). */
typedef struct io_image {
    int width;
    int height;
    uint8_t *pixels;
    bool rendered;
} io_image;

core_result io_image_alloc(io_image *image, int width, int height);
void io_image_free(io_image *image);

/* Encodes the image as PNG into memory; free *png with io_png_free. */
core_result io_png_encode(const io_image *image, const char *name, uint8_t **png, size_t *size);
void io_png_free(uint8_t *png);
/* Encodes the image as PNG and writes it atomically (see core_file_write_atomic).
 * io_png_write_text (io_png_text.h) adds text chunks, such as the settings. */
core_result io_png_write(const char *path, core_write_mode mode, const io_image *image);
/* Encodes the image as a baseline JPEG of quality 1-100 (alpha dropped) and
 * writes it atomically; the same pixels and quality give the same bytes. */
core_result io_jpeg_write(const char *path, core_write_mode mode, const io_image *image,
                          int quality);
/* Decodes PNG, JPEG, TGA or BMP bytes as RGBA; `name` is used in messages.
 * Images over 16384 pixels a side are refused before decoding. */
core_result io_image_decode(const char *bytes, size_t size, const char *name, io_image *image);
/* Reads only the header: the size, and whether io_image_decode would try. */
core_result io_image_probe(const char *bytes, size_t size, const char *name, int *width,
                           int *height);
/* Shrinks the image by a whole factor until no side is over max_side (box
 * filter); false when out of memory, the image unchanged. */
bool io_image_downscale(io_image *image, int max_side);
/* Reads a PNG (or any format stb_image reads) as RGBA. */
core_result io_image_load(const char *path, io_image *image);

#endif
