#ifndef GLINT_DRAW_SHEET_H
#define GLINT_DRAW_SHEET_H

/* A contact sheet: frames in a grid on white, a label under each, optional
 * headers over the columns, and a three-line title strip. Shared by
 * `glint turntable` and `glint compare`; the sizes are in docs/cli.md. */

#include "core/core_result.h"
#include "io/io_image.h"

#include <stdbool.h>

enum {
    DRAW_SHEET_MARGIN = 16,
    DRAW_SHEET_GAP = 8,
    DRAW_SHEET_TITLE = 78,  /* three lines of text */
    DRAW_SHEET_LABEL = 24,  /* under each frame */
    DRAW_SHEET_HEADER = 28, /* over each column, when there are headers */
    DRAW_SHEET_FOOTER = 28, /* under each column, when there are footers */
    DRAW_SHEET_MAX_SIDE = 16000
};

typedef struct draw_sheet {
    io_image image;
    int columns, rows;
    int cell_width, cell_height;
    bool headers, footers;
} draw_sheet;

/* The sheet's size for a grid, or false when it would exceed DRAW_SHEET_MAX_SIDE. */
bool draw_sheet_size(int columns, int rows, int cell_width, int cell_height, bool headers,
                     bool footers, int *width, int *height);
core_result draw_sheet_create(draw_sheet *sheet, int columns, int rows, int cell_width,
                              int cell_height, bool headers, bool footers);
/* Copies the frame (cell_width x cell_height) into its cell, the label under it. */
void draw_sheet_put(draw_sheet *sheet, const io_image *frame, int column, int row,
                    const char *label);
void draw_sheet_header(draw_sheet *sheet, int column, const char *text);
/* Under the column's last row; `alarm` draws it red. */
void draw_sheet_footer(draw_sheet *sheet, int column, const char *text, bool alarm);
/* A 3 px red frame around a cell's picture: the detector flagged it. */
void draw_sheet_outline(draw_sheet *sheet, int column, int row);
/* Line 0 is dark, 1 and 2 grey. UTF-8; the degree sign is drawn. */
void draw_sheet_title(draw_sheet *sheet, int line, const char *text);
void draw_sheet_free(draw_sheet *sheet);

#endif
