/* glint_imgtool: image checks for the render tests.
 *   glint_imgtool compare A.png B.png [--max-mean X] [--max-p999 Y] [--diff OUT.png]
 *       differences in 1/255 units over all RGB channels: mean absolute
 *       difference and 99.9th percentile; exits 1 over either threshold and
 *       then writes a diff image (|A-B| x 8) if asked.
 *   glint_imgtool coverage IMG.png --min F --max F [--width W --height H] [--min-mean M]
 *       the fraction of pixels that differ from the background (the colour of
 *       the top-left corner); exits 1 outside [min, max], if any corner differs
 *       from the background, if the size is not W x H, or if the covered
 *       pixels' mean (of R, G and B, 0-255) is under M (a model lit too dark).
 *   glint_imgtool crop IMG.png X Y W H OUT.png
 *       a rectangle of the image (one viewport of a window). */
#include "core/core_file.h"
#include "io/io_image.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int usage(void)
{
    fprintf(stderr, "usage: glint_imgtool compare A B [--max-mean X] [--max-p999 Y] "
                    "[--diff OUT]\n       glint_imgtool coverage IMG --min F --max F "
                    "[--width W --height H] [--min-mean M]\n       glint_imgtool crop IMG X Y W H OUT\n");
    return 2;
}

static const char *option(int argc, char **argv, const char *name)
{
    for (int i = 0; i + 1 < argc; ++i) {
        if (strcmp(argv[i], name) == 0)
            return argv[i + 1];
    }
    return NULL;
}

static int compare(int argc, char **argv)
{
    io_image a, b;
    if (io_image_load(argv[2], &a) != CORE_OK || io_image_load(argv[3], &b) != CORE_OK) {
        fprintf(stderr, "glint_imgtool: %s\n", core_last_error());
        return 2;
    }
    if (a.width != b.width || a.height != b.height) {
        fprintf(stderr, "glint_imgtool: sizes differ: %dx%d vs %dx%d\n", a.width, a.height, b.width,
                b.height);
        return 1;
    }
    const char *max_mean_text = option(argc, argv, "--max-mean");
    const char *max_p999_text = option(argc, argv, "--max-p999");
    double max_mean = max_mean_text ? atof(max_mean_text) : 1.0;
    double max_p999 = max_p999_text ? atof(max_p999_text) : 8.0;
    size_t count = (size_t)a.width * (size_t)a.height * 3;
    size_t histogram[256] = {0};
    double sum = 0.0;
    int largest = 0;
    for (size_t p = 0; p < (size_t)a.width * (size_t)a.height; ++p) {
        for (int c = 0; c < 3; ++c) {
            int d = abs((int)a.pixels[4 * p + c] - (int)b.pixels[4 * p + c]);
            histogram[d]++;
            sum += d;
            largest = d > largest ? d : largest;
        }
    }
    size_t below = 0;
    int p999 = 0;
    for (int d = 0; d < 256; ++d) {
        below += histogram[d];
        if ((double)below >= 0.999 * (double)count) {
            p999 = d;
            break;
        }
    }
    double mean = sum / (double)count;
    printf("compare: mean %.4f/255, p99.9 %d/255, max %d/255 (limits: mean %.4f, p99.9 %.1f)\n",
           mean, p999, largest, max_mean, max_p999);
    int failed = mean > max_mean || p999 > max_p999;
    const char *diff_path = option(argc, argv, "--diff");
    if (failed && diff_path) {
        for (size_t p = 0; p < (size_t)a.width * (size_t)a.height; ++p) {
            for (int c = 0; c < 3; ++c) {
                int d = abs((int)a.pixels[4 * p + c] - (int)b.pixels[4 * p + c]) * 8;
                a.pixels[4 * p + c] = (uint8_t)(d > 255 ? 255 : d);
            }
            a.pixels[4 * p + 3] = 255;
        }
        if (io_png_write(diff_path, CORE_WRITE_REPLACE, &a) == CORE_OK)
            printf("compare: wrote the difference (x8) to %s\n", diff_path);
    }
    io_image_free(&a);
    io_image_free(&b);
    return failed;
}

static int coverage(int argc, char **argv)
{
    io_image image;
    if (io_image_load(argv[2], &image) != CORE_OK) {
        fprintf(stderr, "glint_imgtool: %s\n", core_last_error());
        return 2;
    }
    const char *min_text = option(argc, argv, "--min"), *max_text = option(argc, argv, "--max");
    const char *width_text = option(argc, argv, "--width");
    const char *height_text = option(argc, argv, "--height");
    if (!min_text || !max_text)
        return usage();
    int failed = 0;
    if (width_text && height_text &&
        (image.width != atoi(width_text) || image.height != atoi(height_text))) {
        printf("coverage: size %dx%d, expected %sx%s\n", image.width, image.height, width_text,
               height_text);
        failed = 1;
    }
    const uint8_t *background = image.pixels;
    size_t w = (size_t)image.width, h = (size_t)image.height;
    const size_t corners[4] = {0, w - 1, (h - 1) * w, h * w - 1};
    for (int c = 0; c < 4; ++c) {
        if (memcmp(&image.pixels[4 * corners[c]], background, 3) != 0) {
            printf("coverage: corner %d is not the background colour\n", c);
            failed = 1;
        }
    }
    size_t covered = 0;
    double sum = 0.0;
    for (size_t p = 0; p < w * h; ++p) {
        const uint8_t *pixel = &image.pixels[4 * p];
        if (memcmp(pixel, background, 3) != 0) {
            ++covered;
            sum += (pixel[0] + pixel[1] + pixel[2]) / 3.0;
        }
    }
    double fraction = (double)covered / (double)(w * h);
    double mean = covered ? sum / (double)covered : 0.0;
    printf("coverage: %.1f %% of the frame (limits %.1f-%.1f %%), background %d,%d,%d, "
           "covered mean %.1f\n",
           100.0 * fraction, 100.0 * atof(min_text), 100.0 * atof(max_text), background[0],
           background[1], background[2], mean);
    failed |= fraction < atof(min_text) || fraction > atof(max_text);
    const char *mean_text = option(argc, argv, "--min-mean");
    failed |= mean_text && mean < atof(mean_text);
    io_image_free(&image);
    return failed;
}

/* A rectangle of an image, for checking one viewport of a window. */
static int crop(int argc, char **argv)
{
    io_image image, out;
    if (argc != 8 || io_image_load(argv[2], &image) != CORE_OK) {
        fprintf(stderr, "glint_imgtool: %s\n",
                argc != 8 ? "crop IMG X Y W H OUT" : core_last_error());
        return 2;
    }
    int x = atoi(argv[3]), y = atoi(argv[4]), w = atoi(argv[5]), h = atoi(argv[6]);
    if (x < 0 || y < 0 || w < 1 || h < 1 || x + w > image.width || y + h > image.height ||
        io_image_alloc(&out, w, h) != CORE_OK) {
        fprintf(stderr, "glint_imgtool: crop outside the %dx%d image\n", image.width, image.height);
        io_image_free(&image);
        return 2;
    }
    for (int row = 0; row < h; ++row)
        memcpy(out.pixels + (size_t)row * (size_t)w * 4,
               image.pixels + ((size_t)(y + row) * (size_t)image.width + (size_t)x) * 4,
               (size_t)w * 4);
    core_result r = io_png_write(argv[7], CORE_WRITE_REPLACE, &out);
    io_image_free(&image);
    io_image_free(&out);
    return r == CORE_OK ? 0 : 2;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "crop") == 0)
        return crop(argc, argv);
    if (argc >= 4 && strcmp(argv[1], "compare") == 0)
        return compare(argc, argv);
    if (argc >= 3 && strcmp(argv[1], "coverage") == 0)
        return coverage(argc, argv);
    return usage();
}
