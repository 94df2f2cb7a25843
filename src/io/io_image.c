#include "io/io_image.h"

#include <stb_image.h>
#include <stb_image_write.h>

#include <stdlib.h>
#include <string.h>

core_result io_image_alloc(io_image *image, int width, int height)
{
    memset(image, 0, sizeof *image);
    if (width <= 0 || height <= 0 || width > 16384 || height > 16384)
        return core_fail(CORE_ERR_ARGUMENT, "image size %dx%d is outside 1..16384", width, height);
    image->pixels = calloc((size_t)width * (size_t)height, 4);
    if (!image->pixels)
        return core_fail(CORE_ERR_NO_MEMORY, "out of memory for a %dx%d image", width, height);
    image->width = width;
    image->height = height;
    return CORE_OK;
}

void io_image_free(io_image *image)
{
    if (!image)
        return;
    free(image->pixels);
    memset(image, 0, sizeof *image);
}

typedef struct png_bytes {
    unsigned char *data;
    size_t size;
    size_t capacity;
    int failed;
} png_bytes;

static void append_png_bytes(void *context, void *data, int size)
{
    png_bytes *out = context;
    if (out->failed || size <= 0)
        return;
    if (out->size + (size_t)size > out->capacity) {
        size_t capacity = out->capacity ? out->capacity * 2 : 1u << 16;
        while (capacity < out->size + (size_t)size)
            capacity *= 2;
        unsigned char *grown = realloc(out->data, capacity);
        if (!grown) {
            out->failed = 1;
            return;
        }
        out->data = grown;
        out->capacity = capacity;
    }
    memcpy(out->data + out->size, data, (size_t)size);
    out->size += (size_t)size;
}

core_result io_png_encode(const io_image *image, const char *name, uint8_t **png, size_t *size)
{
    *png = NULL;
    *size = 0;
    png_bytes bytes = {0};
    int ok = stbi_write_png_to_func(append_png_bytes, &bytes, image->width, image->height, 4,
                                    image->pixels, image->width * 4);
    if (!ok || bytes.failed) {
        free(bytes.data);
        return core_fail(CORE_ERR_NO_MEMORY, "%s: cannot encode the PNG", name);
    }
    *png = bytes.data;
    *size = bytes.size;
    return CORE_OK;
}

void io_png_free(uint8_t *png)
{
    free(png);
}

core_result io_png_write(const char *path, core_write_mode mode, const io_image *image)
{
    uint8_t *png;
    size_t size;
    core_result r = io_png_encode(image, path, &png, &size);
    if (r == CORE_OK)
        r = core_file_write_bytes(path, mode, png, size);
    io_png_free(png);
    return r;
}

core_result io_image_decode(const char *bytes, size_t size, const char *name, io_image *image)
{
    memset(image, 0, sizeof *image);
    int width, height, channels;
    if (size > (size_t)INT32_MAX ||
        !stbi_info_from_memory((const unsigned char *)bytes, (int)size, &width, &height, &channels))
        return core_fail(CORE_ERR_PARSE, "%s: not an image glint reads (PNG, JPEG, TGA, BMP)",
                         name);
    if (width <= 0 || height <= 0 || width > 16384 || height > 16384)
        return core_fail(CORE_ERR_TOO_LARGE, "%s: image is %dx%d, over 16384 pixels a side", name,
                         width, height);
    unsigned char *pixels = stbi_load_from_memory((const unsigned char *)bytes, (int)size, &width,
                                                  &height, &channels, 4);
    if (!pixels)
        return core_fail(CORE_ERR_PARSE, "%s: cannot decode the image: %s", name,
                         stbi_failure_reason());
    core_result r = io_image_alloc(image, width, height);
    if (r == CORE_OK)
        memcpy(image->pixels, pixels, (size_t)width * (size_t)height * 4);
    stbi_image_free(pixels);
    return r;
}

core_result io_image_load(const char *path, io_image *image)
{
    memset(image, 0, sizeof *image);
    char *bytes;
    size_t size;
    /* Through core's reader: the same errors for a missing file or a folder,
     * and the same size checks as any other image. */
    core_result r = core_file_read(path, CORE_FILE_DEFAULT_MAX_BYTES, &bytes, &size);
    if (r != CORE_OK)
        return r;
    r = io_image_decode(bytes, size, path, image);
    core_file_free(bytes);
    return r;
}
