/* libFuzzer target for the PNG text reader (io_png_read_text): the signature,
 * every chunk's length and CRC up to IEND, the iTXt and tEXt layouts, the
 * Latin-1 conversion and the size cap, on arbitrary bytes.
 *
 * libFuzzer rarely guesses a CRC, so most inputs stop at the first chunk. The
 * seeds (fuzz/corpus/png, made by make_png_seeds.py) are whole PNGs, and
 * inputs whose chunks all pass drive the writer too: io_png_add_text splices a
 * chunk in and the reader must give its text back unchanged. */
#include "core/core_log.h"
#include "io/io_png_text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    core_log_set_level(CORE_LOG_NONE);
    return 0;
}

static void check_text(core_result r, const char *text, size_t length)
{
    if (r != CORE_OK) {
        if (text || length)
            __builtin_trap(); /* a failure leaves nothing to free */
        return;
    }
    /* tEXt's Latin-1 may double in UTF-8, no more. */
    if (!text || text[length] != '\0' || strlen(text) != length ||
        length > 2 * IO_PNG_TEXT_MAX_BYTES)
        __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = NULL;
    size_t length = 0;
    core_result r =
        io_png_read_text(data, size, "fuzz.png", IO_PNG_SETTINGS_KEYWORD, &text, &length);
    check_text(r, text, length);
    io_png_text_free(text);
    if (r != CORE_OK && r != CORE_ERR_NOT_FOUND)
        return 0;

    /* Every chunk passed: a new text goes in right after IHDR and comes back
     * first, whatever the file held. */
    static const char note[] = "{\"note\": \"40\xc2\xb0 under a warm lamp\"}\n";
    io_png_text added = {"glint-fuzz", note, sizeof note - 1};
    uint8_t *edited;
    size_t edited_size;
    if (io_png_add_text(data, size, "fuzz.png", &added, 1, &edited, &edited_size) != CORE_OK)
        __builtin_trap();
    r = io_png_read_text(edited, edited_size, "fuzz.png", "glint-fuzz", &text, &length);
    if (r != CORE_OK || length != sizeof note - 1 || memcmp(text, note, length) != 0)
        __builtin_trap();
    io_png_text_free(text);
    io_png_free(edited);
    return 0;
}
