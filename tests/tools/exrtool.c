/* glint_exrtool: checks of glint's EXR output for the CLI tests. It reads the
 * files with tinyexr directly (glint itself only writes EXR).
 *   glint_exrtool info F.exr
 *       prints "WxH NAME:TYPE ... [ATTRIBUTE]": the size, each channel in file
 *       order with its type (half, float, uint), then the custom attributes.
 *   glint_exrtool background F.exr
 *       every pixel's alpha is in 0..1, every alpha-0 pixel is black (rgb 0),
 *       the four corners are alpha 0 and some pixels are alpha 1; prints the
 *       counts and the largest rgb value.
 *   glint_exrtool scale A.exr B.exr K
 *       B = K * A, per channel, to half-float rounding (alpha equal).
 *   glint_exrtool sum A.exr B.exr C.exr
 *       A + B = C, to half-float rounding (alphas equal).
 *   glint_exrtool png F.exr F.png
 *       F.png is F.exr as glint renders it with --transparent --tonemap none
 *       and exposure 0: alpha = coverage (to 1/255) and rgb = sRGB(clamp(rgb /
 *       a)), the PNG's alpha being straight (to 2/255 where opaque, 3/255 on
 *       edges of alpha 0.25 and over; both must occur).
 *   glint_exrtool settings F.exr
 *       prints the settings glint embedded (the string attribute
 *       IO_PNG_SETTINGS_KEYWORD: a preset, and for a render its "scene").
 *   glint_exrtool raw F.exr OUT
 *       writes F's pixels for scripts that have no EXR reader: two int32
 *       (width, height), then float32 RGBA rows top to bottom, little-endian
 *       as the machine is (tests/fidelity).
 *   glint_exrtool room NAME WIDTH OUT.exr
 *       writes the room NAME's radiance (scene_room_radiance: dark, desk or
 *       studio, relative to the lamp's white) as an equirectangular map
 *       WIDTH x WIDTH/2 (half RGBA, alpha 1) in Blender's layout for an
 *       environment texture, on glint's world axes taken as Blender's (the
 *       fidelity references put glint's matrices into Blender unchanged):
 *       column u = 0.5 - atan2(y, x) / 2 pi, row from the top 0.5 - asin(z) /
 *       pi, each texel the radiance at its centre's direction. So Cycles
 *       lights a scene with glint's own room (tests/fidelity).
 * Exit 0 when the check holds, 1 when not, 2 on unreadable input. */
#include "io/io_exr.h"
#include "io/io_image.h"
#include "io/io_png_text.h"

#include "scene/scene_room.h"

#include <tinyexr.h>

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct exr {
    float *rgba;
    int width, height;
} exr;

static int load(const char *path, exr *image)
{
    const char *error = NULL;
    if (LoadEXR(&image->rgba, &image->width, &image->height, path, &error) != TINYEXR_SUCCESS) {
        fprintf(stderr, "glint_exrtool: %s: %s\n", path, error ? error : "cannot read");
        FreeEXRErrorMessage(error);
        return 0;
    }
    return 1;
}

/* The file's header, or false after a line naming it. */
static bool read_header(const char *path, EXRHeader *header)
{
    EXRVersion version;
    const char *error = NULL;
    InitEXRHeader(header);
    if (ParseEXRVersionFromFile(&version, path) != TINYEXR_SUCCESS ||
        ParseEXRHeaderFromFile(header, &version, path, &error) != TINYEXR_SUCCESS) {
        fprintf(stderr, "glint_exrtool: %s: %s\n", path, error ? error : "not an EXR");
        FreeEXRErrorMessage(error);
        return false;
    }
    return true;
}

static int info(const char *path)
{
    EXRHeader header;
    if (!read_header(path, &header))
        return 2;
    static const char *const types[] = {"uint", "half", "float"};
    printf("%dx%d", header.data_window.max_x - header.data_window.min_x + 1,
           header.data_window.max_y - header.data_window.min_y + 1);
    for (int c = 0; c < header.num_channels; ++c) {
        int type = header.pixel_types[c];
        printf(" %s:%s", header.channels[c].name, type >= 0 && type <= 2 ? types[type] : "?");
    }
    for (int a = 0; a < header.num_custom_attributes; ++a)
        printf(" %s", header.custom_attributes[a].name);
    printf("\n");
    FreeEXRHeader(&header);
    return 0;
}

static int background(const char *path)
{
    exr image;
    if (!load(path, &image))
        return 2;
    size_t pixels = (size_t)image.width * (size_t)image.height;
    size_t clear = 0, opaque = 0, partial = 0, bad = 0;
    float largest = 0.0f;
    for (size_t p = 0; p < pixels; ++p) {
        const float *v = &image.rgba[4 * p];
        if (!(v[3] >= 0.0f && v[3] <= 1.0f))
            ++bad;
        else if (v[3] == 0.0f) {
            ++clear;
            bad += v[0] != 0.0f || v[1] != 0.0f || v[2] != 0.0f;
        } else if (v[3] == 1.0f)
            ++opaque;
        else
            ++partial;
        for (int c = 0; c < 3; ++c)
            largest = fmaxf(largest, v[c]);
    }
    size_t w = (size_t)image.width, h = (size_t)image.height;
    size_t corners[4] = {0, w - 1, (h - 1) * w, h * w - 1};
    int corner_alpha = 0;
    for (int k = 0; k < 4; ++k)
        corner_alpha += image.rgba[4 * corners[k] + 3] != 0.0f;
    printf("transparent %zu opaque %zu partial %zu bad %zu opaque corners %d largest %g\n", clear,
           opaque, partial, bad, corner_alpha, (double)largest);
    free(image.rgba);
    return bad == 0 && corner_alpha == 0 && opaque > 0 && clear > 0 ? 0 : 1;
}

/* Each side is a half rounded to 11 significant bits, and the GPU's target
 * held halves too: a few units in the last place of the largest term. */
static int close_enough(float got, float want, float magnitude)
{
    return fabsf(got - want) <= 2e-3f * magnitude + 1e-6f;
}

static int same_size(const exr *a, const exr *b)
{
    if (a->width == b->width && a->height == b->height)
        return 1;
    fprintf(stderr, "glint_exrtool: sizes differ: %dx%d vs %dx%d\n", a->width, a->height, b->width,
            b->height);
    return 0;
}

static int scale(const char *path_a, const char *path_b, float k)
{
    exr a, b;
    if (!load(path_a, &a) || !load(path_b, &b))
        return 2;
    if (!same_size(&a, &b))
        return 1;
    size_t misses = 0, lit = 0;
    double worst = 0.0;
    for (size_t i = 0; i < (size_t)a.width * (size_t)a.height * 4; ++i) {
        float want = i % 4 == 3 ? a.rgba[i] : k * a.rgba[i];
        if (!close_enough(b.rgba[i], want, fabsf(want)))
            ++misses;
        if (i % 4 != 3 && a.rgba[i] > 1e-3f) {
            ++lit;
            worst = fmax(worst, fabs((double)b.rgba[i] / (double)want - 1.0));
        }
    }
    printf("scale %g: %zu lit values, largest relative difference %g, %zu misses\n", (double)k, lit,
           worst, misses);
    free(a.rgba);
    free(b.rgba);
    return misses == 0 && lit > 0 ? 0 : 1;
}

static int sum(const char *path_a, const char *path_b, const char *path_c)
{
    exr a, b, c;
    if (!load(path_a, &a) || !load(path_b, &b) || !load(path_c, &c))
        return 2;
    if (!same_size(&a, &b) || !same_size(&a, &c))
        return 1;
    size_t misses = 0, both = 0;
    for (size_t i = 0; i < (size_t)a.width * (size_t)a.height * 4; ++i) {
        int alpha = i % 4 == 3;
        if (alpha ? a.rgba[i] != c.rgba[i] || b.rgba[i] != c.rgba[i]
                  : !close_enough(a.rgba[i] + b.rgba[i], c.rgba[i],
                                  fabsf(a.rgba[i]) + fabsf(b.rgba[i])))
            ++misses;
        both += !alpha && a.rgba[i] > 1e-3f && b.rgba[i] > 1e-3f;
    }
    printf("sum: %zu values where both terms are lit, %zu misses\n", both, misses);
    free(a.rgba);
    free(b.rgba);
    free(c.rgba);
    return misses == 0 && both > 0 ? 0 : 1;
}

static float srgb(float c)
{
    c = fminf(fmaxf(c, 0.0f), 1.0f);
    return c <= 0.0031308f ? c * 12.92f : 1.055f * powf(c, 1.0f / 2.4f) - 0.055f;
}

static int png(const char *path_exr, const char *path_png)
{
    exr a;
    io_image b;
    if (!load(path_exr, &a))
        return 2;
    if (io_image_load(path_png, &b) != CORE_OK) {
        fprintf(stderr, "glint_exrtool: %s: cannot read\n", path_png);
        return 2;
    }
    if (a.width != b.width || a.height != b.height) {
        fprintf(stderr, "glint_exrtool: sizes differ\n");
        return 1;
    }
    int worst_alpha = 0, worst_rgb = 0, worst_edge = 0;
    size_t opaque = 0, partial = 0;
    for (size_t p = 0; p < (size_t)a.width * (size_t)a.height; ++p) {
        const float *v = &a.rgba[4 * p];
        const uint8_t *q = &b.pixels[4 * p];
        int d = abs((int)q[3] - (int)lrintf(v[3] * 255.0f));
        worst_alpha = d > worst_alpha ? d : worst_alpha;
        /* The PNG's alpha is straight and the EXR's premultiplied: an edge
         * pixel's colour is rgb / a (where a is large enough to keep the
         * 8-bit colour meaningful). */
        if (v[3] < 0.25f)
            continue;
        opaque += v[3] == 1.0f;
        partial += v[3] < 1.0f;
        for (int c = 0; c < 3; ++c) {
            d = abs((int)q[c] - (int)lrintf(srgb(v[c] / v[3]) * 255.0f));
            if (v[3] == 1.0f)
                worst_rgb = d > worst_rgb ? d : worst_rgb;
            else
                worst_edge = d > worst_edge ? d : worst_edge;
        }
    }
    printf("png: %zu opaque and %zu edge pixels, largest differences: alpha %d, rgb %d, edge rgb "
           "%d (of 255)\n",
           opaque, partial, worst_alpha, worst_rgb, worst_edge);
    free(a.rgba);
    io_image_free(&b);
    return worst_alpha <= 1 && worst_rgb <= 2 && worst_edge <= 3 && opaque > 0 && partial > 0 ? 0
                                                                                              : 1;
}

static int settings(const char *path)
{
    EXRHeader header;
    if (!read_header(path, &header))
        return 2;
    int found = 0;
    for (int a = 0; a < header.num_custom_attributes && !found; ++a) {
        const EXRAttribute *attribute = &header.custom_attributes[a];
        if (strcmp(attribute->name, IO_PNG_SETTINGS_KEYWORD) == 0 && attribute->size > 0) {
            fwrite(attribute->value, 1, (size_t)attribute->size, stdout);
            printf("\n");
            found = 1;
        }
    }
    FreeEXRHeader(&header);
    if (!found)
        fprintf(stderr, "glint_exrtool: %s: no %s attribute\n", path, IO_PNG_SETTINGS_KEYWORD);
    return found ? 0 : 1;
}

static int raw(const char *path, const char *out_path)
{
    exr image;
    if (!load(path, &image))
        return 2;
    FILE *out = fopen(out_path, "wb");
    int size[2] = {image.width, image.height};
    size_t count = (size_t)image.width * (size_t)image.height * 4;
    int ok = out && fwrite(size, sizeof size, 1, out) == 1 &&
             fwrite(image.rgba, sizeof(float), count, out) == count;
    if (out && fclose(out) != 0)
        ok = 0;
    free(image.rgba);
    if (!ok)
        fprintf(stderr, "glint_exrtool: %s: cannot write\n", out_path);
    return ok ? 0 : 2;
}

static int room_map(const char *name, const char *width_text, const char *out_path)
{
    scene_room room;
    char *end = NULL;
    long width = strtol(width_text, &end, 10);
    if (!scene_room_parse(name, &room)) {
        fprintf(stderr, "glint_exrtool: %s: not a room (dark, desk, studio)\n", name);
        return 2;
    }
    if (!end || *end || width < 4 || width > 16384 || width % 2) {
        fprintf(stderr, "glint_exrtool: %s: the width must be even, 4 to 16384\n", width_text);
        return 2;
    }
    int w = (int)width, h = w / 2;
    float *rgba = malloc((size_t)w * (size_t)h * 4u * sizeof(float));
    if (!rgba) {
        fprintf(stderr, "glint_exrtool: %s: out of memory\n", out_path);
        return 2;
    }
    const double pi = 3.14159265358979323846;
    for (int row = 0; row < h; ++row) {
        double elevation = (0.5 - (row + 0.5) / h) * pi;
        for (int col = 0; col < w; ++col) {
            double azimuth = (0.5 - (col + 0.5) / w) * 2.0 * pi;
            float d[3] = {(float)(cos(elevation) * cos(azimuth)),
                          (float)(cos(elevation) * sin(azimuth)), (float)sin(elevation)};
            float *texel = rgba + ((size_t)row * (size_t)w + (size_t)col) * 4u;
            scene_room_radiance(room, d, texel);
            texel[3] = 1.0f;
        }
    }
    core_result r = io_exr_write_rgba_half(out_path, CORE_WRITE_REPLACE, rgba, w, h, NULL, NULL, 0);
    free(rgba);
    if (r != CORE_OK) {
        fprintf(stderr, "glint_exrtool: %s: cannot write\n", out_path);
        return 2;
    }
    return 0;
}

int main(int argc, char **argv)
{
    const char *command = argc > 1 ? argv[1] : "";
    if (strcmp(command, "info") == 0 && argc == 3)
        return info(argv[2]);
    if (strcmp(command, "background") == 0 && argc == 3)
        return background(argv[2]);
    if (strcmp(command, "scale") == 0 && argc == 5)
        return scale(argv[2], argv[3], (float)atof(argv[4]));
    if (strcmp(command, "sum") == 0 && argc == 5)
        return sum(argv[2], argv[3], argv[4]);
    if (strcmp(command, "png") == 0 && argc == 4)
        return png(argv[2], argv[3]);
    if (strcmp(command, "settings") == 0 && argc == 3)
        return settings(argv[2]);
    if (strcmp(command, "raw") == 0 && argc == 4)
        return raw(argv[2], argv[3]);
    if (strcmp(command, "room") == 0 && argc == 5)
        return room_map(argv[2], argv[3], argv[4]);
    fprintf(stderr, "usage: glint_exrtool info F | background F | scale A B K | sum A B C | "
                    "png F.exr F.png | settings F | raw F OUT | room NAME WIDTH OUT.exr\n");
    return 2;
}
