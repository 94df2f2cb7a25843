#ifndef GLINT_DRAW_GLYPH_H
#define GLINT_DRAW_GLYPH_H

/* stb_easy_font's glyphs as the plot and the HUD draw them: text is UTF-8,
 * printable ASCII shows as itself, U+00B0 as a small ring (the degree sign),
 * anything else as '?'. Sizes are in font units (a line every 12). */

#include <stdbool.h>

#define DRAW_GLYPH_DEGREE 1

/* The next glyph of the text, advancing it; 0 at the end. Control
 * characters become spaces, except '\n' when `keep_newlines`. Nothing
 * outside 32..126 reaches stb_easy_font, which indexes its tables by it. */
int draw_glyph_next(const char **text, bool keep_newlines);
/* How far the glyph moves the pen, its one-unit gap included. */
int draw_glyph_advance(int glyph);
/* The glyph's strokes as boxes (x0, y0, x1, y1), at most `capacity`. */
int draw_glyph_boxes(int glyph, float boxes[][4], int capacity);

#endif
