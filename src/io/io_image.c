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

core_result io_jpeg_write(const char *path, core_write_mode mode, const io_image *image,
                          int quality)
{
    png_bytes bytes = {0};
    /* stb_image_write reads RGB out of the RGBA rows: JPEG has no alpha. */
    int ok = stbi_write_jpg_to_func(append_png_bytes, &bytes, image->width, image->height, 4,
                                    image->pixels, quality);
    if (!ok || bytes.failed) {
        free(bytes.data);
        return core_fail(CORE_ERR_NO_MEMORY, "%s: cannot encode the JPEG", path);
    }
    core_result r = core_file_write_bytes(path, mode, bytes.data, bytes.size);
    free(bytes.data);
    return r;
}

core_result io_image_probe(const char *bytes, size_t size, const char *name, int *width,
                           int *height)
{
    int channels;
    *width = *height = 0;
    if (size > (size_t)INT32_MAX ||
        !stbi_info_from_memory((const unsigned char *)bytes, (int)size, width, height, &channels))
        return core_fail(CORE_ERR_PARSE, "%s: not an image glint reads (PNG, JPEG, TGA, BMP)",
                         name);
    if (*width <= 0 || *height <= 0 || *width > 16384 || *height > 16384)
        return core_fail(CORE_ERR_TOO_LARGE, "%s: image is %dx%d, over 16384 pixels a side", name,
                         *width, *height);
    return CORE_OK;
}

core_result io_image_decode(const char *bytes, size_t size, const char *name, io_image *image)
{
    memset(image, 0, sizeof *image);
    int width, height, channels;
    core_result r = io_image_probe(bytes, size, name, &width, &height);
    if (r != CORE_OK)
        return r;
    unsigned char *pixels = stbi_load_from_memory((const unsigned char *)bytes, (int)size, &width,
                                                  &height, &channels, 4);
    if (!pixels)
        return core_fail(CORE_ERR_PARSE, "%s: cannot decode the image: %s", name,
                         stbi_failure_reason());
    /* stb_image allocates with malloc (STBI_MALLOC's default, which Debian's
     * libstb keeps), so its buffer is adopted rather than copied: a 16384^2
     * texture would otherwise need 2 GB instead of 1 GB. */
    image->pixels = pixels;
    image->width = width;
    image->height = height;
    return CORE_OK;
}

/* Averages factor x factor blocks (the last row and column of blocks may be
 * partial): alpha-weighted, so transparent texels do not darken edges. */
static void average_block(const io_image *image, int x0, int y0, int factor, uint8_t *out)
{
    unsigned long long sum[4] = {0, 0, 0, 0}, count = 0;
    for (int y = y0; y < y0 + factor && y < image->height; ++y) {
        const uint8_t *row = image->pixels + ((size_t)y * (size_t)image->width + (size_t)x0) * 4;
        for (int x = x0; x < x0 + factor && x < image->width; ++x, row += 4) {
            for (int c = 0; c < 3; ++c)
                sum[c] += (unsigned long long)row[c] * row[3];
            sum[3] += row[3];
            ++count;
        }
    }
    for (int c = 0; c < 3; ++c)
        out[c] = (uint8_t)(sum[3] ? (sum[c] + sum[3] / 2) / sum[3] : 0);
    out[3] = (uint8_t)((sum[3] + count / 2) / count);
}

bool io_image_downscale(io_image *image, int max_side)
{
    int longest = image->width > image->height ? image->width : image->height;
    if (longest <= max_side || max_side <= 0)
        return true;
    int factor = (longest + max_side - 1) / max_side;
    int width = (image->width + factor - 1) / factor;
    int height = (image->height + factor - 1) / factor;
    uint8_t *small = malloc((size_t)width * (size_t)height * 4);
    if (!small)
        return false;
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x)
            average_block(image, x * factor, y * factor, factor,
                          small + ((size_t)y * (size_t)width + (size_t)x) * 4);
    }
    free(image->pixels);
    image->pixels = small;
    image->width = width;
    image->height = height;
    return true;
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
