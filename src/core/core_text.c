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

static char lower_ascii(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

bool core_text_same_name(const char *a, const char *b)
{
    while (*a && lower_ascii(*a) == lower_ascii(*b))
        ++a, ++b;
    return lower_ascii(*a) == lower_ascii(*b);
}

/* Optimal string alignment distance over the first 63 bytes of each word. */
int core_text_distance(const char *a, const char *b, int cap)
{
    enum { LONGEST = 63 };
    size_t n = strlen(a), m = strlen(b);
    if (n > LONGEST || m > LONGEST)
        return cap;
    int d[LONGEST + 1][LONGEST + 1];
    for (size_t i = 0; i <= n; ++i)
        d[i][0] = (int)i;
    for (size_t j = 0; j <= m; ++j)
        d[0][j] = (int)j;
    for (size_t i = 1; i <= n; ++i) {
        for (size_t j = 1; j <= m; ++j) {
            int cost = lower_ascii(a[i - 1]) == lower_ascii(b[j - 1]) ? 0 : 1;
            int best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (d[i - 1][j - 1] + cost < best)
                best = d[i - 1][j - 1] + cost;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    }
    return d[n][m] < cap ? d[n][m] : cap;
}
