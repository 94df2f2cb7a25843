#include "io/io_exr.h"
#include "io/io_exr_encode.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The channels in the order most readers expect (and OpenEXR sorts them):
 * A, B, G, R, each taken from that offset of an RGBA pixel. */
static const struct {
    const char *name;
    int offset;
} channels[4] = {{"A", 3}, {"B", 2}, {"G", 1}, {"R", 0}};

core_result io_exr_write_rgba_half(const char *path, core_write_mode mode, const float *rgba,
                                   int width, int height, const char *attribute, const char *text,
                                   size_t text_length)
{
    if (width <= 0 || height <= 0)
        return core_fail(CORE_ERR_ARGUMENT, "%s: no pixels to write (%dx%d)", path, width, height);
    if (text && text_length > INT32_MAX)
        return core_fail(CORE_ERR_ARGUMENT, "%s: the settings are too long for EXR", path);
    size_t pixels = (size_t)width * (size_t)height;
    /* tinyexr takes one plane per channel; glint keeps pixels interleaved. */
    float *planes = malloc(pixels * 4 * sizeof(float));
    if (!planes)
        return core_fail(CORE_ERR_NO_MEMORY, "%s: out of memory for %dx%d EXR planes", path, width,
                         height);
    unsigned char *plane_pointers[4];
    EXRChannelInfo infos[4];
    int input_types[4], output_types[4];
    memset(infos, 0, sizeof infos);
    for (int c = 0; c < 4; ++c) {
        float *plane = planes + (size_t)c * pixels;
        for (size_t p = 0; p < pixels; ++p)
            plane[p] = rgba[4 * p + (size_t)channels[c].offset];
        plane_pointers[c] = (unsigned char *)plane;
        strcpy(infos[c].name, channels[c].name);
        infos[c].x_sampling = infos[c].y_sampling = 1;
        input_types[c] = TINYEXR_PIXELTYPE_FLOAT;
        output_types[c] = TINYEXR_PIXELTYPE_HALF; /* tinyexr converts on writing */
    }
    EXRImage image;
    InitEXRImage(&image);
    image.images = plane_pointers;
    image.width = width;
    image.height = height;
    image.num_channels = 4;

    EXRHeader header;
    InitEXRHeader(&header);
    header.num_channels = 4;
    header.channels = infos;
    header.pixel_types = input_types;
    header.requested_pixel_types = output_types;
    header.compression_type = TINYEXR_COMPRESSIONTYPE_ZIP;
    EXRAttribute settings;
    memset(&settings, 0, sizeof settings);
    if (text && attribute) {
        strncpy(settings.name, attribute, sizeof settings.name - 1);
        strcpy(settings.type, "string");
        settings.value = (unsigned char *)text;
        settings.size = (int)text_length;
        header.custom_attributes = &settings;
        header.num_custom_attributes = 1;
    }

    unsigned char *bytes = NULL;
    const char *error = NULL;
    bool out_of_memory = false;
    size_t size = io_exr_encode(&image, &header, &bytes, &error, &out_of_memory);
    free(planes);
    core_result r;
    if (out_of_memory) {
        r = core_fail(CORE_ERR_NO_MEMORY, "%s: out of memory encoding a %dx%d EXR", path, width,
                      height);
    } else if (size == 0 || !bytes) {
        /* tinyexr's messages may end in a newline; glint's errors are one line. */
        char reason[256];
        snprintf(reason, sizeof reason, "%s", error ? error : "tinyexr gave no reason");
        reason[strcspn(reason, "\r\n")] = '\0';
        r = core_fail(CORE_ERR_IO, "%s: cannot encode the EXR: %s", path, reason);
    } else {
        r = core_file_write_bytes(path, mode, bytes, size);
    }
    if (error)
        FreeEXRErrorMessage(error);
    free(bytes);
    return r;
}
