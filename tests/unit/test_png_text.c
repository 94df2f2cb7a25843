#define _POSIX_C_SOURCE 200809L
#include "../check.h"

#include "core/core_file.h"
#include "io/io_image.h"
#include "io/io_png_text.h"

#include <stdlib.h>
#include <string.h>

/* A preset-like text with UTF-8 (a degree sign), newlines and tabs. */
static const char settings[] =
    "{\n\t\"schema\":\t\"glint-preset\",\n\t\"note\":\t\"40\xc2\xb0\"\n}\n";

static char folder[256];

static void make_image(io_image *image)
{
    CHECK(io_image_alloc(image, 5, 4) == CORE_OK);
    for (int i = 0; i < 5 * 4 * 4; ++i)
        image->pixels[i] = (uint8_t)(i * 13 + 7);
}

static void put_be32(uint8_t *p, uint32_t value)
{
    p[0] = (uint8_t)(value >> 24);
    p[1] = (uint8_t)(value >> 16);
    p[2] = (uint8_t)(value >> 8);
    p[3] = (uint8_t)value;
}

/* The PNG of `image` with one iTXt holding `settings`, in memory. */
static void encode_with_settings(const io_image *image, uint8_t **png, size_t *size)
{
    uint8_t *plain;
    size_t plain_size;
    CHECK(io_png_encode(image, "mem.png", &plain, &plain_size) == CORE_OK);
    io_png_text text = {IO_PNG_SETTINGS_KEYWORD, settings, strlen(settings)};
    CHECK(io_png_add_text(plain, plain_size, "mem.png", &text, 1, png, size) == CORE_OK);
    io_png_free(plain);
}

/* A copy of a plain PNG with a hand-made chunk (any type, raw data) after IHDR. */
static uint8_t *with_chunk(const uint8_t *png, size_t size, const char *type, const void *data,
                           size_t length, size_t *out_size)
{
    *out_size = size + 12 + length;
    uint8_t *out = malloc(*out_size);
    memcpy(out, png, 33);
    uint8_t *chunk = out + 33;
    put_be32(chunk, (uint32_t)length);
    memcpy(chunk + 4, type, 4);
    memcpy(chunk + 8, data, length);
    put_be32(chunk + 8 + length, io_png_crc32(chunk + 4, length + 4));
    memcpy(chunk + 12 + length, png + 33, size - 33);
    return out;
}

static core_result read_settings(const uint8_t *png, size_t size, char **text, size_t *length)
{
    return io_png_read_text(png, size, "shot.png", IO_PNG_SETTINGS_KEYWORD, text, length);
}

static void test_crc(void)
{
    CHECK(io_png_crc32("123456789", 9) == 0xcbf43926u); /* the standard check value */
    CHECK(io_png_crc32("IEND", 4) == 0xae426082u);      /* every PNG ends with it */
    CHECK(io_png_crc32("", 0) == 0);
}

static void test_round_trip(void)
{
    io_image image;
    make_image(&image);
    char path[512];
    snprintf(path, sizeof path, "%s/shot.png", folder);
    io_png_text texts[2] = {{IO_PNG_SETTINGS_KEYWORD, settings, strlen(settings)},
                            {"Comment", "second", 6}};
    CHECK(io_png_write_text(path, CORE_WRITE_NO_CLOBBER, &image, texts, 2) == CORE_OK);
    CHECK(io_png_write_text(path, CORE_WRITE_NO_CLOBBER, &image, texts, 1) == CORE_ERR_EXISTS);
    char *bytes;
    size_t size;
    CHECK(core_file_read(path, 1u << 20, &bytes, &size) == CORE_OK);
    const uint8_t *png = (const uint8_t *)bytes;
    /* Right after the signature and IHDR. */
    CHECK(size > 41 && memcmp(png + 37, "iTXt", 4) == 0);
    char *text;
    size_t length;
    CHECK(read_settings(png, size, &text, &length) == CORE_OK);
    CHECK(text && length == strlen(settings) && strcmp(text, settings) == 0);
    io_png_text_free(text);
    CHECK(io_png_read_text(png, size, "shot.png", "Comment", &text, &length) == CORE_OK);
    CHECK(text && length == 6 && strcmp(text, "second") == 0);
    io_png_text_free(text);
    /* A keyword that is a prefix of another's is not that one. */
    CHECK(io_png_read_text(png, size, "shot.png", "glint", &text, &length) == CORE_ERR_NOT_FOUND);
    core_file_free(bytes);

    /* The picture is the same picture. */
    io_image back;
    CHECK(io_image_load(path, &back) == CORE_OK);
    CHECK(back.width == 5 && back.height == 4);
    CHECK(back.pixels && memcmp(back.pixels, image.pixels, 5 * 4 * 4) == 0);
    io_image_free(&back);
    /* Replacing keeps the atomic write's modes. */
    CHECK(io_png_write_text(path, CORE_WRITE_REPLACE, &image, texts, 1) == CORE_OK);
    io_image_free(&image);
}

static void test_without_the_chunk(void)
{
    io_image image;
    make_image(&image);
    uint8_t *png;
    size_t size;
    CHECK(io_png_encode(&image, "plain.png", &png, &size) == CORE_OK);
    char *text = (char *)1;
    size_t length = 1;
    CHECK(read_settings(png, size, &text, &length) == CORE_ERR_NOT_FOUND);
    CHECK(text == NULL && length == 0);
    CHECK(strstr(core_last_error(), "shot.png") != NULL);
    /* Someone else's text is not glint's. */
    size_t other_size;
    uint8_t *other = with_chunk(png, size, "tEXt", "Software\0paint", 14, &other_size);
    CHECK(read_settings(other, other_size, &text, &length) == CORE_ERR_NOT_FOUND);
    free(other);
    CHECK(read_settings((const uint8_t *)"{\"a\": 1}", 8, &text, &length) == CORE_ERR_PARSE);
    CHECK(strstr(core_last_error(), "not a PNG") != NULL);
    io_png_free(png);
    io_image_free(&image);
}

static void test_truncated_at_every_byte(void)
{
    io_image image;
    make_image(&image);
    uint8_t *png;
    size_t size;
    encode_with_settings(&image, &png, &size);
    int accepted = 0;
    for (size_t cut = 0; cut < size; ++cut) {
        /* An exact-size copy, so that a read past the end is a sanitizer error. */
        uint8_t *prefix = malloc(cut ? cut : 1);
        memcpy(prefix, png, cut);
        char *text = NULL;
        size_t length;
        core_result r = read_settings(prefix, cut, &text, &length);
        accepted += r == CORE_OK;
        CHECK(r == CORE_ERR_PARSE || r == CORE_OK);
        CHECK(text == NULL || r == CORE_OK);
        io_png_text_free(text);
        free(prefix);
    }
    CHECK(accepted == 0);
    CHECK(strstr(core_last_error(), "truncated") != NULL); /* the last cut: IEND's CRC */
    io_png_free(png);
    io_image_free(&image);
}

static void test_corruption(void)
{
    io_image image;
    make_image(&image);
    uint8_t *png;
    size_t size;
    encode_with_settings(&image, &png, &size);
    uint32_t chunk_length =
        (uint32_t)png[33] << 24 | (uint32_t)png[34] << 16 | (uint32_t)png[35] << 8 | png[36];
    size_t crc_at = 33 + 8 + chunk_length;
    char *text = NULL;
    size_t length;

    png[crc_at] ^= 0x40; /* the settings chunk's CRC */
    CHECK(read_settings(png, size, &text, &length) == CORE_ERR_PARSE);
    CHECK(strstr(core_last_error(), "iTXt chunk at byte 33 fails its CRC") != NULL);
    CHECK(strstr(core_last_error(), "shot.png") != NULL);
    png[crc_at] ^= 0x40;
    png[33 + 8 + 20] ^= 0x01; /* a byte of the text itself */
    CHECK(read_settings(png, size, &text, &length) == CORE_ERR_PARSE);
    png[33 + 8 + 20] ^= 0x01;
    png[size - 20] ^= 0x01; /* the image data: the whole file is checked */
    CHECK(read_settings(png, size, &text, &length) == CORE_ERR_PARSE);
    png[size - 20] ^= 0x01;
    CHECK(read_settings(png, size, &text, &length) == CORE_OK);
    io_png_text_free(text);

    /* Lengths past the end, up to PNG's limit, then over it. */
    const uint32_t lengths[] = {(uint32_t)size, 0x7fffffffu, 0x80000000u, 0xfffffff0u};
    for (size_t i = 0; i < sizeof lengths / sizeof *lengths; ++i) {
        put_be32(png + 33, lengths[i]);
        text = NULL;
        CHECK(read_settings(png, size, &text, &length) == CORE_ERR_PARSE && text == NULL);
        CHECK(strstr(core_last_error(), i < 2 ? "truncated" : "over PNG's limit") != NULL);
    }
    put_be32(png + 33, chunk_length);
    memcpy(png + 12, "IHD1", 4); /* a type that is not letters */
    CHECK(read_settings(png, size, &text, &length) == CORE_ERR_PARSE);
    memcpy(png + 12, "IHDR", 4);
    png[0] = 'x';
    CHECK(read_settings(png, size, &text, &length) == CORE_ERR_PARSE);
    io_png_free(png);
    io_image_free(&image);
}

static void test_other_text_chunks(void)
{
    io_image image;
    make_image(&image);
    uint8_t *png, *edited;
    size_t size, edited_size;
    CHECK(io_png_encode(&image, "plain.png", &png, &size) == CORE_OK);
    char *text;
    size_t length;

    /* tEXt is Latin-1: the degree sign comes back as UTF-8. */
    edited = with_chunk(png, size, "tEXt", "glint-preset\0{\"a\": \"40\xb0\"}", 25, &edited_size);
    CHECK(read_settings(edited, edited_size, &text, &length) == CORE_OK);
    CHECK(text && strcmp(text, "{\"a\": \"40\xc2\xb0\"}") == 0 && length == 13);
    io_png_text_free(text);
    free(edited);

    /* A language tag and a translated keyword are skipped. */
    edited =
        with_chunk(png, size, "iTXt", "glint-preset\0\0\0en\0Voreinstellung\0{}", 35, &edited_size);
    CHECK(read_settings(edited, edited_size, &text, &length) == CORE_OK);
    CHECK(text && strcmp(text, "{}") == 0);
    io_png_text_free(text);
    free(edited);

    /* Compressed text is refused clearly, as unsupported. */
    edited = with_chunk(png, size, "iTXt", "glint-preset\0\1\0\0\0x", 18, &edited_size);
    CHECK(read_settings(edited, edited_size, &text, &length) == CORE_ERR_UNSUPPORTED);
    CHECK(strstr(core_last_error(), "compressed") != NULL);
    free(edited);
    edited = with_chunk(png, size, "zTXt", "glint-preset\0\0x", 15, &edited_size);
    CHECK(read_settings(edited, edited_size, &text, &length) == CORE_ERR_UNSUPPORTED);
    free(edited);

    /* An iTXt that ends inside its header, or holds a NUL in its text. */
    edited = with_chunk(png, size, "iTXt", "glint-preset\0\0\0en", 17, &edited_size);
    CHECK(read_settings(edited, edited_size, &text, &length) == CORE_ERR_PARSE);
    free(edited);
    edited = with_chunk(png, size, "iTXt", "glint-preset\0\0", 14, &edited_size);
    CHECK(read_settings(edited, edited_size, &text, &length) == CORE_ERR_PARSE);
    free(edited);
    edited = with_chunk(png, size, "iTXt", "glint-preset\0\0\0\0\0a\0b", 20, &edited_size);
    CHECK(read_settings(edited, edited_size, &text, &length) == CORE_ERR_PARSE);
    free(edited);

    /* Over the cap: refused before any copy is made. */
    size_t big = IO_PNG_TEXT_MAX_BYTES + 1;
    char *huge = malloc(13 + big);
    memcpy(huge, "glint-preset", 13);
    memset(huge + 13, 'x', big);
    edited = with_chunk(png, size, "tEXt", huge, 13 + big, &edited_size);
    CHECK(read_settings(edited, edited_size, &text, &length) == CORE_ERR_TOO_LARGE);
    free(edited);
    io_png_text over = {IO_PNG_SETTINGS_KEYWORD, huge + 13, big};
    CHECK(io_png_add_text(png, size, "big.png", &over, 1, &edited, &edited_size) ==
          CORE_ERR_TOO_LARGE);
    CHECK(edited == NULL);
    free(huge);
    io_png_free(png);
    io_image_free(&image);
}

static void test_writer_refuses_bad_keywords(void)
{
    io_image image;
    make_image(&image);
    uint8_t *png, *out;
    size_t size, out_size;
    CHECK(io_png_encode(&image, "plain.png", &png, &size) == CORE_OK);
    const char *bad[] = {"",
                         " lead",
                         "trail ",
                         "two  spaces",
                         "tab\there",
                         /* 80 characters, one past PNG's limit */
                         ("0123456789012345678901234567890123456789012345678901234567890123456789"
                          "0123456789")};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; ++i) {
        io_png_text text = {bad[i], "x", 1};
        CHECK(io_png_add_text(png, size, "k.png", &text, 1, &out, &out_size) == CORE_ERR_ARGUMENT);
    }
    io_png_text nul = {"ok", "a\0b", 3};
    CHECK(io_png_add_text(png, size, "k.png", &nul, 1, &out, &out_size) == CORE_ERR_ARGUMENT);
    /* No texts: the same bytes. */
    CHECK(io_png_add_text(png, size, "k.png", NULL, 0, &out, &out_size) == CORE_OK);
    CHECK(out_size == size && memcmp(out, png, size) == 0);
    io_png_free(out);
    CHECK(io_png_add_text((const uint8_t *)"GIF89a", 6, "k.png", NULL, 0, &out, &out_size) ==
          CORE_ERR_PARSE);
    io_png_free(png);
    io_image_free(&image);
}

int main(void)
{
    snprintf(folder, sizeof folder, "/tmp/glint-test-png-text-XXXXXX");
    if (!mkdtemp(folder))
        return 1;
    test_crc();
    test_round_trip();
    test_without_the_chunk();
    test_truncated_at_every_byte();
    test_corruption();
    test_other_text_chunks();
    test_writer_refuses_bad_keywords();
    char command[300];
    snprintf(command, sizeof command, "rm -rf '%s'", folder);
    if (system(command) != 0)
        fprintf(stderr, "could not remove %s\n", folder);
    return check_done("test_png_text");
}
