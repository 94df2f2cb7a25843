#include "core/core_text.h"

#include <stdint.h>
#include <string.h>

/* Length of the well-formed sequence starting at s (1-4), or 0 if malformed. */
static size_t sequence_length(const unsigned char *s)
{
    if (s[0] < 0x80)
        return 1;
    size_t length;
    uint32_t code;
    if (s[0] >= 0xC2 && s[0] <= 0xDF) {
        length = 2;
        code = s[0] & 0x1Fu;
    } else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
        length = 3;
        code = s[0] & 0x0Fu;
    } else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
        length = 4;
        code = s[0] & 0x07u;
    } else {
        return 0;
    }
    for (size_t i = 1; i < length; ++i) {
        if ((s[i] & 0xC0) != 0x80) /* also stops at the NUL */
            return 0;
        code = (code << 6) | (s[i] & 0x3Fu);
    }
    static const uint32_t smallest[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < smallest[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
        return 0;
    return length;
}

char *core_utf8_sanitize(char *text)
{
    unsigned char *s = (unsigned char *)text;
    while (*s) {
        size_t length = sequence_length(s);
        if (length == 0) {
            *s++ = '?';
            continue;
        }
        if (length == 1 && *s < 0x20 && *s != '\t')
            *s = ' ';
        s += length;
    }
    return text;
}

void core_utf8_copy(char *out, size_t out_size, const char *text)
{
    if (out_size == 0)
        return;
    size_t length = strlen(text);
    if (length >= out_size) {
        length = out_size - 1;
        /* Step back over continuation bytes so no sequence is cut. */
        while (length > 0 && ((unsigned char)text[length] & 0xC0) == 0x80)
            --length;
    }
    memcpy(out, text, length);
    out[length] = '\0';
    core_utf8_sanitize(out);
}
