#define _XOPEN_SOURCE 700
/* io_exr: the writer, without a GPU. What it writes is read back with tinyexr
 * itself (glint reads only a header attribute, tested here too): half RGBA in A, B, G, R order, the values
 * and their rows in place, the text attribute; written atomically, never over
 * a file under NO_CLOBBER, nothing left behind when it cannot be written. */
#include "../check.h"

#include "core/core_file.h"
#include "io/io_exr.h"

#include <tinyexr.h>

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char folder[] = "/tmp/glint-test-io-exr-XXXXXX";

static void path_in(const char *name, char *path, size_t size)
{
    snprintf(path, size, "%s/%s", folder, name);
}

/* Entries in the folder besides . and ..: a temporary left behind shows here. */
static int entries(void)
{
    DIR *dir = opendir(folder);
    int count = 0;
    for (struct dirent *e; dir && (e = readdir(dir));)
        count += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    if (dir)
        closedir(dir);
    return count;
}

/* 3x2 pixels, each channel a distinct value exact in half: the row and column
 * and channel can be told apart after reading. */
static void fill(float rgba[24])
{
    for (int p = 0; p < 6; ++p)
        for (int c = 0; c < 4; ++c)
            rgba[4 * p + c] = c == 3 ? (float)(p % 3) * 0.5f : (float)(p * 4 + c) * 0.25f + 1.0f;
}

static void test_round_trip(void)
{
    char path[256];
    path_in("a.exr", path, sizeof path);
    float rgba[24];
    fill(rgba);
    static const char text[] = "{\"glint\": 1}\n";
    CHECK(io_exr_write_rgba_half(path, CORE_WRITE_NO_CLOBBER, rgba, 3, 2, "glint-preset", text,
                                 strlen(text)) == CORE_OK);

    EXRVersion version;
    EXRHeader header;
    InitEXRHeader(&header);
    const char *error = NULL;
    CHECK(ParseEXRVersionFromFile(&version, path) == TINYEXR_SUCCESS);
    CHECK(ParseEXRHeaderFromFile(&header, &version, path, &error) == TINYEXR_SUCCESS);
    CHECK(header.num_channels == 4);
    static const char *const names[] = {"A", "B", "G", "R"};
    for (int c = 0; c < header.num_channels && c < 4; ++c) {
        CHECK(strcmp(header.channels[c].name, names[c]) == 0);
        CHECK(header.pixel_types[c] == TINYEXR_PIXELTYPE_HALF);
    }
    CHECK(header.data_window.max_x == 2 && header.data_window.max_y == 1);
    CHECK(header.num_custom_attributes == 1);
    if (header.num_custom_attributes == 1) {
        const EXRAttribute *a = &header.custom_attributes[0];
        CHECK(strcmp(a->name, "glint-preset") == 0 && strcmp(a->type, "string") == 0);
        CHECK(a->size == (int)strlen(text) && memcmp(a->value, text, strlen(text)) == 0);
    }
    FreeEXRHeader(&header);

    float *back = NULL;
    int width = 0, height = 0;
    CHECK(LoadEXR(&back, &width, &height, path, &error) == TINYEXR_SUCCESS);
    CHECK(width == 3 && height == 2);
    for (int i = 0; back && width == 3 && height == 2 && i < 24; ++i)
        CHECK(back[i] == rgba[i]); /* quarters up to 6.75: exact in half */
    free(back);

    /* Never over a file under NO_CLOBBER; replaced under REPLACE. */
    rgba[0] = 7.0f;
    CHECK(io_exr_write_rgba_half(path, CORE_WRITE_NO_CLOBBER, rgba, 3, 2, NULL, NULL, 0) ==
          CORE_ERR_EXISTS);
    CHECK(LoadEXR(&back, &width, &height, path, &error) == TINYEXR_SUCCESS && back[0] == 1.0f);
    free(back);
    CHECK(io_exr_write_rgba_half(path, CORE_WRITE_REPLACE, rgba, 3, 2, NULL, NULL, 0) == CORE_OK);
    CHECK(LoadEXR(&back, &width, &height, path, &error) == TINYEXR_SUCCESS && back[0] == 7.0f);
    free(back);
    CHECK(entries() == 1);
    remove(path);
}

/* Past half's range the value is not silently wrapped or zeroed. */
static void test_large_values(void)
{
    char path[256];
    path_in("large.exr", path, sizeof path);
    float rgba[4] = {1e6f, 65504.0f, 0.0f, 1.0f};
    CHECK(io_exr_write_rgba_half(path, CORE_WRITE_NO_CLOBBER, rgba, 1, 1, NULL, NULL, 0) ==
          CORE_OK);
    float *back = NULL;
    int width = 0, height = 0;
    const char *error = NULL;
    CHECK(LoadEXR(&back, &width, &height, path, &error) == TINYEXR_SUCCESS);
    if (back) {
        CHECK(back[0] >= 65504.0f);
        CHECK(back[1] == 65504.0f);
    }
    free(back);
    remove(path);
}

static void test_failures(void)
{
    float rgba[24];
    fill(rgba);
    char path[256];
    /* A missing folder: one line naming the file, nothing created. */
    path_in("missing/a.exr", path, sizeof path);
    CHECK(io_exr_write_rgba_half(path, CORE_WRITE_NO_CLOBBER, rgba, 3, 2, NULL, NULL, 0) ==
          CORE_ERR_IO);
    CHECK(strstr(core_last_error(), path) != NULL);
    CHECK(strchr(core_last_error(), '\n') == NULL);
    /* A folder where the file should be. */
    path_in("dir.exr", path, sizeof path);
    char command[300];
    snprintf(command, sizeof command, "mkdir %s", path);
    CHECK(system(command) == 0);
    CHECK(io_exr_write_rgba_half(path, CORE_WRITE_REPLACE, rgba, 3, 2, NULL, NULL, 0) != CORE_OK);
    CHECK(strstr(core_last_error(), path) != NULL);
    /* No pixels. */
    path_in("empty.exr", path, sizeof path);
    CHECK(io_exr_write_rgba_half(path, CORE_WRITE_NO_CLOBBER, rgba, 0, 2, NULL, NULL, 0) ==
          CORE_ERR_ARGUMENT);
    CHECK(!core_file_exists(path));
    CHECK(entries() == 1); /* dir.exr alone: no temporary left */
    snprintf(command, sizeof command, "rmdir %s/dir.exr", folder);
    CHECK(system(command) == 0);
}

/* glint's own header reader (io_exr_text.c) finds the settings tinyexr
 * wrote, and refuses every shorter prefix of the header and a damaged size
 * with one line naming the file, never reading past the bytes it is given. */
static void test_read_text(void)
{
    float rgba[24];
    fill(rgba);
    char path[256];
    path_in("text.exr", path, sizeof path);
    const char *text = "{\"version\": 1, \"look\": {\"finish\": \"gloss\"}}";
    CHECK(io_exr_write_rgba_half(path, CORE_WRITE_NO_CLOBBER, rgba, 3, 2, "glint-preset", text,
                                 strlen(text)) == CORE_OK);
    char *bytes = NULL, *got = NULL;
    size_t size = 0, length = 0;
    CHECK(core_file_read(path, 1u << 20, &bytes, &size) == CORE_OK);
    CHECK(io_exr_has_signature(bytes, size));
    CHECK(io_exr_read_text(bytes, size, "t.exr", "glint-preset", &got, &length) == CORE_OK);
    CHECK(got && length == strlen(text) && strcmp(got, text) == 0);
    io_exr_text_free(got);
    CHECK(io_exr_read_text(bytes, size, "t.exr", "other", &got, &length) == CORE_ERR_NOT_FOUND);
    CHECK(strstr(core_last_error(), "t.exr") && !got);
    /* A built-in attribute of another type. */
    CHECK(io_exr_read_text(bytes, size, "t.exr", "channels", &got, &length) == CORE_ERR_PARSE);
    /* Every cut inside the header up to the end of the settings. */
    const char *end = NULL;
    for (size_t i = 0; !end && i + strlen(text) <= size; ++i)
        if (memcmp(bytes + i, text, strlen(text)) == 0)
            end = bytes + i;
    CHECK(end != NULL);
    size_t header = end ? (size_t)(end - bytes) + strlen(text) : 0;
    for (size_t cut = 0; cut < header; ++cut) {
        char *copy = malloc(cut ? cut : 1); /* exactly `cut` bytes, so ASan sees any over-read */
        memcpy(copy, bytes, cut);
        core_result r = io_exr_read_text(copy, cut, "t.exr", "glint-preset", &got, &length);
        CHECK(r == CORE_ERR_PARSE && !got && strstr(core_last_error(), "t.exr") &&
              !strchr(core_last_error(), '\n'));
        free(copy);
    }
    /* The settings' size field says more than the file holds. */
    char *size_field = end ? (char *)end - 4 : NULL;
    if (size_field) {
        size_field[3] = 0x7f;
        CHECK(io_exr_read_text(bytes, size, "t.exr", "glint-preset", &got, &length) ==
              CORE_ERR_PARSE);
        CHECK(strstr(core_last_error(), "runs past the end") != NULL);
    }
    /* A version this reader does not know. */
    bytes[4] = 3;
    CHECK(io_exr_read_text(bytes, size, "t.exr", "glint-preset", &got, &length) ==
          CORE_ERR_UNSUPPORTED);
    CHECK(!io_exr_has_signature("v/1", 3));
    core_file_free(bytes);
    remove(path);
}

int main(void)
{
    if (!mkdtemp(folder)) {
        perror("mkdtemp");
        return 1;
    }
    test_round_trip();
    test_large_values();
    test_failures();
    test_read_text();
    rmdir(folder);
    return check_done("test_io_exr");
}
