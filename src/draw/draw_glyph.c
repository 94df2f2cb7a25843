#include "draw/draw_glyph.h"

#include <string.h>

/* stb_easy_font is all static functions; only some are needed here. */
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#endif
#include <stb/stb_easy_font.h>
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

int draw_glyph_next(const char **text, bool keep_newlines)
{
    const unsigned char *s = (const unsigned char *)*text;
    if (s[0] == 0)
        return 0;
    if (s[0] == 0xC2 && s[1] == 0xB0) {
        *text += 2;
        return DRAW_GLYPH_DEGREE;
    }
    if (s[0] < 0x80) {
        *text += 1;
        if (s[0] == '\n' && keep_newlines)
            return '\n';
        return s[0] < 32 ? ' ' : s[0] == 127 ? '?' : s[0];
    }
    int n = 1;
    while (s[n] >= 0x80 && s[n] < 0xC0)
        ++n;
    *text += n;
    return '?';
}

int draw_glyph_advance(int glyph)
{
    if (glyph == DRAW_GLYPH_DEGREE)
        return 4;
    char one[2] = {(char)glyph, 0};
    return stb_easy_font_width(one);
}

int draw_glyph_boxes(int glyph, float boxes[][4], int capacity)
{
    if (glyph == DRAW_GLYPH_DEGREE) {
        static const float ring[4][4] = {{0, 0, 3, 1}, {0, 2, 3, 3}, {0, 1, 1, 2}, {2, 1, 3, 2}};
        int n = capacity < 4 ? capacity : 4;
        memcpy(boxes, ring, sizeof ring[0] * (size_t)n);
        return n;
    }
    /* 16-byte vertices, four per quad: x, y, z as floats, then the colour. */
    float vertices[64 * 16];
    char one[2] = {(char)glyph, 0};
    int quads = stb_easy_font_print(0.0f, 0.0f, one, NULL, vertices, (int)sizeof vertices);
    if (quads > capacity)
        quads = capacity;
    for (int q = 0; q < quads; ++q) {
        const float *v = vertices + 16 * q;
        boxes[q][0] = v[0];
        boxes[q][1] = v[1];
        boxes[q][2] = v[8];
        boxes[q][3] = v[9];
    }
    return quads;
}
